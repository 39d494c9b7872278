/*
** kernel/lang/nprandom.c — NumPy 1.24's legacy RandomState (numpy/random/mtrand.pyx,
** _bounded_integers, src/distributions, src/legacy) rebuilt on mt19937.c: seeding, doubles,
** legacy_gauss, masked bounded integers, shuffle/permutation and choice, in NumPy's draw order.
** Written from the algorithms' descriptions; no NumPy code.
*/
#include "kernel/lang/nprandom.h"

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

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static npr_status fail(npr_state *st, npr_status kind, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(st->err, sizeof st->err, fmt, ap);
  va_end(ap);
  return kind;
}

const char *npr_error_msg(const npr_state *st) { return st->err; }

static void reset_gauss(npr_state *st) {
  st->has_gauss = false;
  st->gauss = 0.0;
}

/* 64 bits from two draws, the first one high (NumPy's mt19937_next64). */
static uint64_t next64(npr_state *st) {
  uint64_t hi = mt19937_next32(&st->mt);
  uint64_t lo = mt19937_next32(&st->mt);
  return hi << 32 | lo;
}

/* ---- seeding and state ---- */

#define SEED_RANGE_MSG "Seed must be between 0 and 2**32 - 1"

npr_status npr_seed(npr_state *st, int64_t seed) {
  if (seed < 0 || seed > (int64_t)UINT32_MAX) return fail(st, NPR_E_VALUE, SEED_RANGE_MSG);
  mt19937_init_genrand(&st->mt, (uint32_t)seed);
  reset_gauss(st);
  return NPR_OK;
}

npr_status npr_seed_array(npr_state *st, const int64_t *keys, int64_t n) {
  if (n <= 0) return fail(st, NPR_E_VALUE, "Seed must be non-empty");
  uint32_t *k = malloc((size_t)n * sizeof *k);
  if (!k) return fail(st, NPR_E_NOMEM, "out of memory");
  for (int64_t i = 0; i < n; i++) {
    if (keys[i] < 0 || keys[i] > (int64_t)UINT32_MAX) {
      free(k);
      return fail(st, NPR_E_VALUE, SEED_RANGE_MSG);
    }
    k[i] = (uint32_t)keys[i];
  }
  mt19937_init_by_array(&st->mt, k, (size_t)n);
  free(k);
  reset_gauss(st);
  return NPR_OK;
}

void npr_seed_entropy(npr_state *st) {
  uint32_t key[MT19937_N];
  if (mt19937_urandom(key, sizeof key) == 0) {
    memcpy(st->mt.key, key, sizeof key);
    st->mt.key[0] = 0x80000000u;
    st->mt.pos = MT19937_N;
  } else {
    struct timespec wall, mono;
    clock_gettime(CLOCK_REALTIME, &wall);
    clock_gettime(CLOCK_MONOTONIC, &mono);
    uint32_t k5[5] = {(uint32_t)wall.tv_nsec, (uint32_t)wall.tv_sec, (uint32_t)getpid(),
                      (uint32_t)mono.tv_nsec, (uint32_t)mono.tv_sec};
    mt19937_init_by_array(&st->mt, k5, 5);
  }
  reset_gauss(st);
}

static void put_u32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get_u32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Layout: key[624] (u32 LE), pos (u32 LE), has_gauss (u8), gauss (IEEE bits, u64 LE). */
void npr_getstate(const npr_state *st, uint8_t out[NPR_STATE_BYTES]) {
  uint8_t *p = out;
  for (int i = 0; i < MT19937_N; i++, p += 4) put_u32(p, st->mt.key[i]);
  put_u32(p, (uint32_t)st->mt.pos);
  p += 4;
  *p++ = st->has_gauss ? 1 : 0;
  uint64_t bits;
  memcpy(&bits, &st->gauss, 8);
  put_u32(p, (uint32_t)bits);
  put_u32(p + 4, (uint32_t)(bits >> 32));
}

npr_status npr_setstate(npr_state *st, const uint8_t *blob, size_t nbytes) {
  if (nbytes != NPR_STATE_BYTES) return fail(st, NPR_E_VALUE, "invalid state");
  const uint8_t *p = blob + 4 * MT19937_N;
  uint32_t pos = get_u32(p);
  if (pos > MT19937_N || p[4] > 1) return fail(st, NPR_E_VALUE, "invalid state");
  for (int i = 0; i < MT19937_N; i++) st->mt.key[i] = get_u32(blob + 4 * i);
  st->mt.pos = (int)pos;
  st->has_gauss = p[4] != 0;
  uint64_t bits = (uint64_t)get_u32(p + 5) | (uint64_t)get_u32(p + 9) << 32;
  memcpy(&st->gauss, &bits, 8);
  return NPR_OK;
}

/* ---- floats ---- */

double npr_random_sample(npr_state *st) { return mt19937_next_double(&st->mt); }

void npr_random_sample_fill(npr_state *st, double *out, int64_t n) {
  for (int64_t i = 0; i < n; i++) out[i] = mt19937_next_double(&st->mt);
}

double npr_standard_normal(npr_state *st) {
  if (st->has_gauss) {
    double g = st->gauss;
    reset_gauss(st);
    return g;
  }
  double x1, x2, r2;
  do {
    x1 = 2.0 * mt19937_next_double(&st->mt) - 1.0;
    x2 = 2.0 * mt19937_next_double(&st->mt) - 1.0;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1.0 || r2 == 0.0);
  double f = sqrt(-2.0 * log(r2) / r2);
  st->gauss = f * x1;
  st->has_gauss = true;
  return f * x2;
}

void npr_standard_normal_fill(npr_state *st, double *out, int64_t n) {
  for (int64_t i = 0; i < n; i++) out[i] = npr_standard_normal(st);
}

npr_status npr_normal(npr_state *st, double loc, double scale, double *out, int64_t n) {
  if (!isnan(scale) && signbit(scale)) return fail(st, NPR_E_VALUE, "scale < 0");
  for (int64_t i = 0; i < n; i++) out[i] = loc + scale * npr_standard_normal(st);
  return NPR_OK;
}

npr_status npr_uniform(npr_state *st, double low, double high, double *out, int64_t n) {
  double range = high - low;
  if (!isfinite(range)) return fail(st, NPR_E_OVERFLOW, "Range exceeds valid bounds");
  for (int64_t i = 0; i < n; i++) out[i] = low + range * mt19937_next_double(&st->mt);
  return NPR_OK;
}

/* ---- integers ---- */

/* Smallest all-ones mask covering max. */
static uint64_t gen_mask(uint64_t max) {
  uint64_t m = max;
  m |= m >> 1;
  m |= m >> 2;
  m |= m >> 4;
  m |= m >> 8;
  m |= m >> 16;
  m |= m >> 32;
  return m;
}

uint64_t npr_interval(npr_state *st, uint64_t max) {
  if (max == 0) return 0;
  uint64_t mask = gen_mask(max), v;
  if (max <= UINT32_MAX) {
    while ((v = (mt19937_next32(&st->mt) & mask)) > max) {
    }
  } else {
    while ((v = (next64(st) & mask)) > max) {
    }
  }
  return v;
}

/* random_bounded_uint64_fill, masked: n values in [off, off + rng] (wrapping mod 2**64). */
static void bounded_fill(npr_state *st, uint64_t off, uint64_t rng, uint64_t *out, int64_t n) {
  if (rng == 0) {
    for (int64_t i = 0; i < n; i++) out[i] = off;
  } else if (rng == UINT32_MAX) {
    for (int64_t i = 0; i < n; i++) out[i] = off + mt19937_next32(&st->mt);
  } else if (rng < UINT32_MAX) {
    uint32_t mask = (uint32_t)gen_mask(rng), v;
    for (int64_t i = 0; i < n; i++) {
      while ((v = (mt19937_next32(&st->mt) & mask)) > rng) {
      }
      out[i] = off + v;
    }
  } else if (rng == UINT64_MAX) {
    for (int64_t i = 0; i < n; i++) out[i] = off + next64(st);
  } else {
    uint64_t mask = gen_mask(rng), v;
    for (int64_t i = 0; i < n; i++) {
      while ((v = (next64(st) & mask)) > rng) {
      }
      out[i] = off + v;
    }
  }
}

static int64_t to_i64(uint64_t u) { return u <= (uint64_t)INT64_MAX ? (int64_t)u : -(int64_t)(~u) - 1; }

npr_status npr_randint(npr_state *st, int64_t low, int64_t high, int64_t *out, int64_t n) {
  if (n == 0) return NPR_OK;
  if (low >= high) return fail(st, NPR_E_VALUE, low == 0 ? "high <= 0" : "low >= high");
  uint64_t rng = (uint64_t)high - 1u - (uint64_t)low; /* closed range [low, high - 1] */
  /* out doubles as the uint64 buffer: same size, converted in place */
  uint64_t *u = (uint64_t *)(void *)out;
  bounded_fill(st, (uint64_t)low, rng, u, n);
  for (int64_t i = 0; i < n; i++) out[i] = to_i64(u[i]);
  return NPR_OK;
}

/* ---- permutations and choice ---- */

void npr_shuffle(npr_state *st, void *base, int64_t n, size_t size) {
  unsigned char *p = base;
  for (int64_t i = n - 1; i >= 1; i--) {
    uint64_t j = npr_interval(st, (uint64_t)i);
    if (j == (uint64_t)i) continue;
    unsigned char *a = p + (size_t)i * size, *b = p + (size_t)j * size;
    for (size_t t = 0; t < size; t++) {
      unsigned char c = a[t];
      a[t] = b[t];
      b[t] = c;
    }
  }
}

void npr_permutation(npr_state *st, int64_t n, int64_t *out) {
  for (int64_t i = 0; i < n; i++) out[i] = i;
  npr_shuffle(st, out, n, sizeof *out);
}

/* NumPy's kahan_sum over p[0..n) (the "do not sum to 1" check). */
static double kahan_sum(const double *p, int64_t n) {
  if (n <= 0) return 0.0;
  double sum = p[0], c = 0.0;
  for (int64_t i = 1; i < n; i++) {
    double y = p[i] - c;
    double t = sum + y;
    c = (t - sum) - y;
    sum = t;
  }
  return sum;
}

/* cdf = cumsum(p); cdf /= cdf[-1] (sequential, as np.cumsum). */
static void make_cdf(const double *p, int64_t n, double *cdf) {
  double acc = 0.0;
  for (int64_t i = 0; i < n; i++) cdf[i] = acc = acc + p[i];
  double last = cdf[n - 1];
  for (int64_t i = 0; i < n; i++) cdf[i] /= last;
}

/* searchsorted(cdf, x, side='right'): first i with x < cdf[i], n if none. */
static int64_t search_right(const double *cdf, int64_t n, double x) {
  int64_t lo = 0, hi = n;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    if (x < cdf[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/* replace=False with p: draw count - found uniforms, zero the found entries of p, map the uniforms
   through the renormalised cdf and keep the new distinct indices in order of first occurrence;
   repeat until count are found. pw is a scratch copy of p; seen has pop_size flags. */
static npr_status choice_p_noreplace(npr_state *st, int64_t pop_size, int64_t count, const double *p,
                                     int64_t *out) {
  double *pw = malloc((size_t)pop_size * sizeof *pw);
  double *cdf = malloc((size_t)pop_size * sizeof *cdf);
  double *x = malloc((size_t)count * sizeof *x);
  unsigned char *seen = calloc((size_t)pop_size, 1);
  npr_status s = NPR_OK;
  if (!pw || !cdf || !x || !seen) {
    s = fail(st, NPR_E_NOMEM, "out of memory");
    goto done;
  }
  memcpy(pw, p, (size_t)pop_size * sizeof *pw);
  int64_t found = 0;
  while (found < count) {
    int64_t m = count - found;
    npr_random_sample_fill(st, x, m);
    for (int64_t i = 0; i < found; i++) pw[out[i]] = 0.0;
    make_cdf(pw, pop_size, cdf);
    int64_t first_new = found;
    for (int64_t i = 0; i < m; i++) {
      int64_t idx = search_right(cdf, pop_size, x[i]);
      if (!seen[idx]) {
        seen[idx] = 1;
        out[found++] = idx;
      }
    }
    for (int64_t i = first_new; i < found; i++) seen[out[i]] = 0;
  }
done:
  free(pw);
  free(cdf);
  free(x);
  free(seen);
  return s;
}

npr_status npr_choice(npr_state *st, int64_t pop_size, bool a_is_array, int64_t count, bool replace,
                      const double *p, int64_t p_len, int64_t *out) {
  if (!a_is_array && pop_size <= 0 && count != 0)
    return fail(st, NPR_E_VALUE, "a must be greater than 0 unless no samples are taken");
  if (a_is_array && pop_size == 0 && count != 0)
    return fail(st, NPR_E_VALUE, "'a' cannot be empty unless no samples are taken");
  if (p) {
    if (p_len != pop_size) return fail(st, NPR_E_VALUE, "'a' and 'p' must have same size");
    double sum = kahan_sum(p, p_len);
    if (isnan(sum)) return fail(st, NPR_E_VALUE, "probabilities contain NaN");
    for (int64_t i = 0; i < p_len; i++)
      if (p[i] < 0) return fail(st, NPR_E_VALUE, "probabilities are not non-negative");
    if (fabs(sum - 1.0) > 0x1p-26) /* sqrt(finfo(float64).eps) */
      return fail(st, NPR_E_VALUE, "probabilities do not sum to 1");
  }
  if (replace) {
    if (!p) return npr_randint(st, 0, pop_size, out, count);
    if (count == 0) return NPR_OK;
    double *cdf = malloc((size_t)pop_size * sizeof *cdf);
    double *u = malloc((size_t)count * sizeof *u);
    if (!cdf || !u) {
      free(cdf);
      free(u);
      return fail(st, NPR_E_NOMEM, "out of memory");
    }
    make_cdf(p, pop_size, cdf);
    npr_random_sample_fill(st, u, count);
    for (int64_t i = 0; i < count; i++) out[i] = search_right(cdf, pop_size, u[i]);
    free(cdf);
    free(u);
    return NPR_OK;
  }
  if (count > pop_size)
    return fail(st, NPR_E_VALUE, "Cannot take a larger sample than population when 'replace=False'");
  if (count < 0) return fail(st, NPR_E_VALUE, "Negative dimensions are not allowed");
  if (p) {
    int64_t nonzero = 0;
    for (int64_t i = 0; i < p_len; i++) nonzero += p[i] > 0;
    if (nonzero < count) return fail(st, NPR_E_VALUE, "Fewer non-zero entries in p than size");
    if (count == 0) return NPR_OK;
    return choice_p_noreplace(st, pop_size, count, p, out);
  }
  int64_t *perm = malloc((size_t)(pop_size > 0 ? pop_size : 1) * sizeof *perm);
  if (!perm) return fail(st, NPR_E_NOMEM, "out of memory");
  npr_permutation(st, pop_size, perm);
  memcpy(out, perm, (size_t)count * sizeof *out);
  free(perm);
  return NPR_OK;
}
