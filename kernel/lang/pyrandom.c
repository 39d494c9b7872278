/*
** kernel/lang/pyrandom.c — CPython 3.11 `random` (Modules/_randommodule.c + Lib/random.py) rebuilt
** on mt19937.c: seeding, getrandbits, _randbelow, randrange/randint, choice/shuffle/sample/choices
** and the float distributions, drawing in exactly CPython's order. Written from the algorithms'
** descriptions; no CPython code.
*/
#include "kernel/lang/pyrandom.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Bit parity needs every product rounded before the sum it feeds (as in the x86-64 reference builds
   of CPython and NumPy): no fused multiply-add, whatever the build's -std or -march. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

/* Lib/random.py's module constants, bit for bit (as CPython computes them at import). */
#define NV_MAGICCONST 0x1.b72cd3f331398p+0 /* 4 * exp(-0.5) / sqrt(2.0) */
#define LOG4 0x1.62e42fefa39efp+0          /* log(4.0) */
#define SG_MAGICCONST 0x1.40859baee748fp+1 /* 1.0 + log(4.5) */
#define TWOPI 0x1.921fb54442d18p+2         /* math.tau */
#define E_CONST 0x1.5bf0a8b145769p+1       /* math.e */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static pyr_status fail(pyr_state *st, pyr_status kind, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(st->err, sizeof st->err, fmt, ap);
  va_end(ap);
  return kind;
}

const char *pyr_error_msg(const pyr_state *st) { return st->err; }

/* Two's-complement reinterpretation without implementation-defined conversion. */
static int64_t to_i64(uint64_t u) { return u <= (uint64_t)INT64_MAX ? (int64_t)u : -(int64_t)(~u) - 1; }

static uint64_t abs_u64(int64_t v) { return v < 0 ? 0u - (uint64_t)v : (uint64_t)v; }

/* ---- seeding and state ---- */

void pyr_seed_int(pyr_state *st, const uint32_t *abs_value_words, int nwords) {
  while (nwords > 0 && abs_value_words[nwords - 1] == 0) nwords--;
  static const uint32_t zero = 0;
  if (nwords == 0) mt19937_init_by_array(&st->mt, &zero, 1);
  else mt19937_init_by_array(&st->mt, abs_value_words, (size_t)nwords);
  st->has_gauss_next = false;
  st->gauss_next = 0.0;
}

void pyr_seed_i64(pyr_state *st, int64_t n) {
  uint64_t a = abs_u64(n);
  uint32_t w[2] = {(uint32_t)a, (uint32_t)(a >> 32)};
  pyr_seed_int(st, w, 2);
}

void pyr_seed_entropy(pyr_state *st) {
  uint32_t key[MT19937_N];
  if (mt19937_urandom(key, sizeof key) == 0) {
    mt19937_init_by_array(&st->mt, key, MT19937_N);
  } else {
    /* CPython's random_seed_time_pid: wall clock (ns) low/high, pid, monotonic (ns) low/high */
    struct timespec wall, mono;
    clock_gettime(CLOCK_REALTIME, &wall);
    clock_gettime(CLOCK_MONOTONIC, &mono);
    uint64_t w = (uint64_t)wall.tv_sec * 1000000000u + (uint64_t)wall.tv_nsec;
    uint64_t m = (uint64_t)mono.tv_sec * 1000000000u + (uint64_t)mono.tv_nsec;
    uint32_t k5[5] = {(uint32_t)w, (uint32_t)(w >> 32), (uint32_t)getpid(), (uint32_t)m,
                      (uint32_t)(m >> 32)};
    mt19937_init_by_array(&st->mt, k5, 5);
  }
  st->has_gauss_next = false;
  st->gauss_next = 0.0;
}

static void put_u32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get_u32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Layout: key[624] (u32 LE), index (u32 LE), has_gauss_next (u8), gauss_next (IEEE bits, u64 LE). */
void pyr_getstate(const pyr_state *st, uint8_t out[PYR_STATE_BYTES]) {
  uint8_t *p = out;
  for (int i = 0; i < MT19937_N; i++, p += 4) put_u32(p, st->mt.key[i]);
  put_u32(p, (uint32_t)st->mt.pos);
  p += 4;
  *p++ = st->has_gauss_next ? 1 : 0;
  uint64_t bits;
  memcpy(&bits, &st->gauss_next, 8);
  put_u32(p, (uint32_t)bits);
  put_u32(p + 4, (uint32_t)(bits >> 32));
}

pyr_status pyr_setstate(pyr_state *st, const uint8_t *blob, size_t nbytes) {
  if (nbytes != PYR_STATE_BYTES) return fail(st, PYR_E_VALUE, "state vector is the wrong size");
  const uint8_t *p = blob + 4 * MT19937_N;
  uint32_t index = get_u32(p);
  if (index > MT19937_N || p[4] > 1) return fail(st, PYR_E_VALUE, "invalid state");
  for (int i = 0; i < MT19937_N; i++) st->mt.key[i] = get_u32(blob + 4 * i);
  st->mt.pos = (int)index;
  st->has_gauss_next = p[4] != 0;
  uint64_t bits = (uint64_t)get_u32(p + 5) | (uint64_t)get_u32(p + 9) << 32;
  memcpy(&st->gauss_next, &bits, 8);
  return PYR_OK;
}

/* ---- core draws ---- */

double pyr_random(pyr_state *st) { return mt19937_next_double(&st->mt); }

/* getrandbits(k), 1 <= k <= 64: words least significant first, the last one cut to its high bits. */
static uint64_t bits64(pyr_state *st, int k) {
  if (k <= 32) return mt19937_next32(&st->mt) >> (32 - k);
  uint64_t lo = mt19937_next32(&st->mt);
  uint64_t hi = mt19937_next32(&st->mt) >> (64 - k);
  return lo | hi << 32;
}

pyr_status pyr_getrandbits(pyr_state *st, int k, uint64_t *out) {
  if (k < 0) return fail(st, PYR_E_VALUE, "number of bits must be non-negative");
  if (k > 64) return fail(st, PYR_E_OVERFLOW, "getrandbits(%d) does not fit in 64 bits", k);
  *out = k == 0 ? 0 : bits64(st, k);
  return PYR_OK;
}

void pyr_getrandbits_words(pyr_state *st, int k, uint32_t *words) {
  for (int i = 0; k > 0; i++, k -= 32) {
    uint32_t r = mt19937_next32(&st->mt);
    words[i] = k < 32 ? r >> (32 - k) : r;
  }
}

static int bit_length(uint64_t n) {
  int k = 0;
  while (n) {
    k++;
    n >>= 1;
  }
  return k;
}

uint64_t pyr_randbelow(pyr_state *st, uint64_t n) {
  if (n == 0) return 0;
  int k = bit_length(n);
  uint64_t r = bits64(st, k);
  while (r >= n) r = bits64(st, k);
  return r;
}

/* _randbelow(nm1 + 1) for nm1 + 1 up to 2**64: n = 2**64 has bit length 65, i.e. three words
   with one bit kept of the third, accepted when that bit is 0. */
static uint64_t randbelow_m1(pyr_state *st, uint64_t nm1) {
  if (nm1 != UINT64_MAX) return pyr_randbelow(st, nm1 + 1);
  for (;;) {
    uint64_t lo = mt19937_next32(&st->mt);
    uint64_t hi = mt19937_next32(&st->mt);
    uint32_t top = mt19937_next32(&st->mt) >> 31;
    if (!top) return lo | hi << 32;
  }
}

/* ---- integers ---- */

pyr_status pyr_randrange_stop(pyr_state *st, int64_t stop, int64_t *out) {
  if (stop <= 0) return fail(st, PYR_E_VALUE, "empty range for randrange()");
  *out = (int64_t)pyr_randbelow(st, (uint64_t)stop);
  return PYR_OK;
}

/* The step-1 fast path, randrange(start, stop) with stop = 2**63 when stop_big (from randint). */
static pyr_status range_unit(pyr_state *st, int64_t start, int64_t stop, bool stop_big, int64_t *out) {
  uint64_t nm1; /* width - 1 */
  if (stop_big) {
    nm1 = (uint64_t)INT64_MAX - (uint64_t)start;
  } else if (stop > start) {
    nm1 = (uint64_t)stop - (uint64_t)start - 1;
  } else {
    uint64_t mag = (uint64_t)start - (uint64_t)stop; /* -(stop - start), up to 2**64 - 1 */
    return fail(st, PYR_E_VALUE, "empty range for randrange() (%" PRId64 ", %" PRId64 ", %s%" PRIu64 ")",
                start, stop, mag ? "-" : "", mag);
  }
  *out = to_i64((uint64_t)start + randbelow_m1(st, nm1));
  return PYR_OK;
}

pyr_status pyr_randrange(pyr_state *st, int64_t start, int64_t stop, int64_t step, int64_t *out) {
  if (step == 1) return range_unit(st, start, stop, false, out);
  if (step == 0) return fail(st, PYR_E_VALUE, "zero step for randrange()");
  /* n = ceil(|width| / |step|); the range is empty unless width and step have the same sign */
  if ((step > 0 && stop <= start) || (step < 0 && stop >= start))
    return fail(st, PYR_E_VALUE, "empty range for randrange()");
  uint64_t w = step > 0 ? (uint64_t)stop - (uint64_t)start : (uint64_t)start - (uint64_t)stop;
  uint64_t s = abs_u64(step);
  uint64_t n = (w - 1) / s + 1;
  *out = to_i64((uint64_t)start + (uint64_t)step * pyr_randbelow(st, n));
  return PYR_OK;
}

pyr_status pyr_randint(pyr_state *st, int64_t a, int64_t b, int64_t *out) {
  if (b == INT64_MAX) return range_unit(st, a, 0, true, out);
  return range_unit(st, a, b + 1, false, out);
}

/* ---- sequences ---- */

pyr_status pyr_choice(pyr_state *st, int64_t len, int64_t *index) {
  if (len <= 0) return fail(st, PYR_E_INDEX, "Cannot choose from an empty sequence");
  *index = (int64_t)pyr_randbelow(st, (uint64_t)len);
  return PYR_OK;
}

static void swap_bytes(unsigned char *a, unsigned char *b, size_t size) {
  for (size_t i = 0; i < size; i++) {
    unsigned char t = a[i];
    a[i] = b[i];
    b[i] = t;
  }
}

void pyr_shuffle(pyr_state *st, void *base, size_t n, size_t size) {
  unsigned char *p = base;
  for (size_t i = n > 0 ? n - 1 : 0; i >= 1; i--) {
    size_t j = (size_t)pyr_randbelow(st, (uint64_t)i + 1);
    if (j != i) swap_bytes(p + i * size, p + j * size, size);
  }
}

/* Membership set of int64 indices for sample()'s set algorithm: open addressing, power-of-two
   table at most half full. Only membership matters; CPython's set order never shows. */
typedef struct index_set {
  int64_t *slot; /* -1: empty */
  uint64_t mask;
} index_set;

static bool set_add_new(index_set *s, int64_t v) {
  uint64_t h = (uint64_t)v * 0x9e3779b97f4a7c15u;
  for (uint64_t i = h >> 7;; i++) {
    int64_t *e = &s->slot[i & s->mask];
    if (*e == v) return false;
    if (*e < 0) {
      *e = v;
      return true;
    }
  }
}

/* sample()'s table-size estimate: 21 + (k > 5 ? 4 ** ceil(log(3k, 4)) : 0), saturated at
   INT64_MAX. log(x, 4) is CPython's log(float(x)) / log(4.0); the volatile keeps both logs calls
   to libm as in CPython (no compile-time folding). 3k is rounded to double once, as CPython does;
   3k >= 2**64 gives an exponent >= 32, which saturates anyway. */
static int64_t sample_setsize(int64_t k) {
  int64_t setsize = 21;
  if (k > 5) {
    volatile double four = 4.0;
    double x3k = (uint64_t)k <= UINT64_MAX / 3 ? (double)((uint64_t)k * 3u) : 0x1p64;
    double e = ceil(log(x3k) / log(four));
    if (e > 31.0) return INT64_MAX;
    setsize += (int64_t)1 << (2 * (int)e);
  }
  return setsize;
}

pyr_status pyr_sample(pyr_state *st, int64_t n, int64_t k, int64_t *out) {
  if (!(0 <= k && k <= n)) return fail(st, PYR_E_VALUE, "Sample larger than population or is negative");
  if (k == 0) return PYR_OK;
  if (n <= sample_setsize(k)) {
    /* pool: non-selected indices live in pool[0 .. n-i) */
    int64_t *pool = malloc((size_t)n * sizeof *pool);
    if (!pool) return fail(st, PYR_E_NOMEM, "out of memory");
    for (int64_t i = 0; i < n; i++) pool[i] = i;
    for (int64_t i = 0; i < k; i++) {
      int64_t j = (int64_t)pyr_randbelow(st, (uint64_t)(n - i));
      out[i] = pool[j];
      pool[j] = pool[n - i - 1];
    }
    free(pool);
    return PYR_OK;
  }
  uint64_t cap = 16;
  while (cap < 2 * (uint64_t)k) cap <<= 1;
  index_set s = {malloc(cap * sizeof(int64_t)), cap - 1};
  if (!s.slot) return fail(st, PYR_E_NOMEM, "out of memory");
  memset(s.slot, 0xff, cap * sizeof(int64_t));
  for (int64_t i = 0; i < k; i++) {
    int64_t j = (int64_t)pyr_randbelow(st, (uint64_t)n);
    while (!set_add_new(&s, j)) j = (int64_t)pyr_randbelow(st, (uint64_t)n);
    out[i] = j;
  }
  free(s.slot);
  return PYR_OK;
}

pyr_status pyr_choices(pyr_state *st, int64_t n, const double *cum_weights, int64_t k, int64_t *out) {
  if (!cum_weights) {
    double dn = (double)n;
    for (int64_t i = 0; i < k; i++) {
      double x = floor(pyr_random(st) * dn);
      out[i] = (int64_t)x;
    }
    return PYR_OK;
  }
  if (n <= 0) return fail(st, PYR_E_INDEX, "list index out of range"); /* cum_weights[-1] */
  double total = cum_weights[n - 1];
  if (total <= 0.0) return fail(st, PYR_E_VALUE, "Total of weights must be greater than zero");
  if (!isfinite(total)) return fail(st, PYR_E_VALUE, "Total of weights must be finite");
  for (int64_t i = 0; i < k; i++) {
    double x = pyr_random(st) * total;
    int64_t lo = 0, hi = n - 1; /* bisect_right over cum_weights[0 .. n-1) */
    while (lo < hi) {
      int64_t mid = lo + (hi - lo) / 2;
      if (x < cum_weights[mid]) hi = mid;
      else lo = mid + 1;
    }
    out[i] = lo;
  }
  return PYR_OK;
}

/* ---- real-valued distributions ---- */

double pyr_uniform(pyr_state *st, double a, double b) { return a + (b - a) * pyr_random(st); }

double pyr_triangular(pyr_state *st, double low, double high, bool has_mode, double mode) {
  double u = pyr_random(st);
  double c = 0.5;
  if (has_mode) {
    if (high - low == 0.0) return low; /* CPython catches the ZeroDivisionError */
    c = (mode - low) / (high - low);
  }
  if (u > c) {
    u = 1.0 - u;
    c = 1.0 - c;
    double t = low;
    low = high;
    high = t;
  }
  return low + (high - low) * sqrt(u * c);
}

double pyr_gauss(pyr_state *st, double mu, double sigma) {
  double z;
  if (st->has_gauss_next) {
    z = st->gauss_next;
    st->has_gauss_next = false;
    st->gauss_next = 0.0;
  } else {
    double x2pi = pyr_random(st) * TWOPI;
    double g2rad = sqrt(-2.0 * log(1.0 - pyr_random(st)));
    z = cos(x2pi) * g2rad;
    st->gauss_next = sin(x2pi) * g2rad;
    st->has_gauss_next = true;
  }
  return mu + z * sigma;
}

double pyr_normalvariate(pyr_state *st, double mu, double sigma) {
  double z;
  for (;;) {
    double u1 = pyr_random(st);
    double u2 = 1.0 - pyr_random(st);
    z = NV_MAGICCONST * (u1 - 0.5) / u2;
    double zz = z * z / 4.0;
    if (zz <= -log(u2)) break;
  }
  return mu + z * sigma;
}

double pyr_lognormvariate(pyr_state *st, double mu, double sigma) {
  return exp(pyr_normalvariate(st, mu, sigma));
}

pyr_status pyr_expovariate(pyr_state *st, double lambd, double *out) {
  double num = -log(1.0 - pyr_random(st));
  if (lambd == 0.0) return fail(st, PYR_E_ZERODIV, "float division by zero");
  *out = num / lambd;
  return PYR_OK;
}

pyr_status pyr_gammavariate(pyr_state *st, double alpha, double beta, double *out) {
  /* NaN alpha would make CPython loop forever in the alpha < 1 branch; we refuse it instead */
  if (alpha <= 0.0 || beta <= 0.0 || isnan(alpha))
    return fail(st, PYR_E_VALUE, "gammavariate: alpha and beta must be > 0.0");
  if (alpha > 1.0) {
    /* R.C.H. Cheng (1977) */
    double ainv = sqrt(2.0 * alpha - 1.0);
    double bbb = alpha - LOG4;
    double ccc = alpha + ainv;
    for (;;) {
      double u1 = pyr_random(st);
      if (!(1e-7 < u1 && u1 < 0.9999999)) continue;
      double u2 = 1.0 - pyr_random(st);
      double v = log(u1 / (1.0 - u1)) / ainv;
      double x = alpha * exp(v);
      double z = u1 * u1 * u2;
      double r = bbb + ccc * v - x;
      if (r + SG_MAGICCONST - 4.5 * z >= 0.0 || r >= log(z)) {
        *out = x * beta;
        return PYR_OK;
      }
    }
  }
  if (alpha == 1.0) {
    *out = -log(1.0 - pyr_random(st)) * beta;
    return PYR_OK;
  }
  /* 0 < alpha < 1: algorithm GS (Kennedy & Gentle) */
  double x;
  for (;;) {
    double u = pyr_random(st);
    double b = (E_CONST + alpha) / E_CONST;
    double p = b * u;
    if (p <= 1.0) x = pow(p, 1.0 / alpha);
    else x = -log((b - p) / alpha);
    double u1 = pyr_random(st);
    if (p > 1.0) {
      if (u1 <= pow(x, alpha - 1.0)) break;
    } else if (u1 <= exp(-x)) {
      break;
    }
  }
  *out = x * beta;
  return PYR_OK;
}

pyr_status pyr_betavariate(pyr_state *st, double alpha, double beta, double *out) {
  double y, y2;
  pyr_status s = pyr_gammavariate(st, alpha, 1.0, &y);
  if (s != PYR_OK) return s;
  if (y == 0.0) {
    *out = 0.0;
    return PYR_OK;
  }
  s = pyr_gammavariate(st, beta, 1.0, &y2);
  if (s != PYR_OK) return s;
  *out = y / (y + y2);
  return PYR_OK;
}
