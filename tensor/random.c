/*
** tensor/random.c — PyTorch 1.13's CPU random streams bit for bit (x86 AVX2 build): MT19937 generator,
** uniform/normal/randint/randperm/bernoulli fills, kaiming_uniform_. Every formula mirrors one in ATen,
** FMAs included where its AVX2 build fuses a*b+c. A generator is not locked: callers serialise its use.
*/
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tensor/random_internal.h"

/* ---- the generator (ATen MT19937RNGEngine.h, CPUGeneratorImpl.cpp) ---- */

#define MT_N 624
#define MT_M 397
#define MT_MATRIX_A 0x9908b0dfu
#define MT_UPPER 0x80000000u
#define MT_LOWER 0x7fffffffu

/* c10::pi<double>; 2*PI is formed first, as in ATen's `2.0 * pi * u`. */
#define TWO_PI (2.0 * 3.14159265358979323846)

/* torch.Generator()'s seed (c10 default_rng_seed_val). */
#define DEFAULT_RNG_SEED 67280421310721ULL

/* Byte layout of torch.get_rng_state() on LP64 (CPUGeneratorImplState, legacy POD first). */
#define STATE_LEGACY_SIZE 5048
#define STATE_SIZE 5056
#define ST_SEED 0            /* uint64 initial seed */
#define ST_LEFT 8            /* int32 */
#define ST_SEEDED 12         /* int32 */
#define ST_NEXT 16           /* uint64 */
#define ST_WORDS 24          /* uint64[624], one MT word each */
#define ST_NORMAL_X 5016     /* double, unused (0) */
#define ST_NORMAL_Y 5024     /* double: cached double normal */
#define ST_NORMAL_RHO 5032   /* double, unused (0) */
#define ST_NORMAL_VALID 5040 /* int32 */
#define ST_FLOAT_NORMAL 5048 /* float: cached float normal */
#define ST_FLOAT_VALID 5052  /* bool */

struct ten_generator {
  uint32_t state[MT_N];
  int left;                  /* draws until the next twist; 1 right after seeding */
  int next;                  /* index of the next word to temper */
  bool seeded;
  uint64_t seed;             /* initial_seed(): the full 64-bit seed, of which MT uses the low 32 bits */
  bool has_float_normal;     /* next_float_normal_sample_ (never set by the CPU kernels we mirror) */
  bool has_double_normal;    /* the cached second Box-Muller value */
  float float_normal;
  double double_normal;
};

static void mt_seed(ten_generator *g, uint64_t seed) {
  g->seed = seed;
  g->seeded = true;
  g->state[0] = (uint32_t)(seed & 0xffffffffu);
  for (uint32_t j = 1; j < MT_N; j++)
    g->state[j] = 1812433253u * (g->state[j - 1] ^ (g->state[j - 1] >> 30)) + j;
  g->left = 1;
  g->next = 0;
  g->has_float_normal = false;
  g->has_double_normal = false;
}

static uint32_t mt_twist(uint32_t u, uint32_t v) {
  return (((u & MT_UPPER) | (v & MT_LOWER)) >> 1) ^ ((v & 1u) ? MT_MATRIX_A : 0u);
}

static void mt_next_state(ten_generator *g) {
  uint32_t *s = g->state;
  int k = 0;
  for (; k < MT_N - MT_M; k++) s[k] = s[k + MT_M] ^ mt_twist(s[k], s[k + 1]);
  for (; k < MT_N - 1; k++) s[k] = s[k + MT_M - MT_N] ^ mt_twist(s[k], s[k + 1]);
  s[MT_N - 1] = s[MT_M - 1] ^ mt_twist(s[MT_N - 1], s[0]);
  g->left = MT_N;
  g->next = 0;
}

uint32_t ten_generator_random(ten_generator *g) {
  if (--g->left == 0) mt_next_state(g);
  uint32_t y = g->state[g->next++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

uint64_t ten_generator_random64(ten_generator *g) {
  uint64_t hi = ten_generator_random(g);
  uint64_t lo = ten_generator_random(g);
  return (hi << 32) | lo;
}

/* c10's getNonDeterministicRandom: 8 bytes of /dev/urandom; the clock if that fails. */
static uint64_t nondeterministic_seed(void) {
  uint64_t s = 0;
  FILE *f = fopen("/dev/urandom", "rb");
  if (f) {
    size_t got = fread(&s, sizeof s, 1, f);
    fclose(f);
    if (got == 1) return s;
  }
  struct timespec ts;
  timespec_get(&ts, TIME_UTC);
  return ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) ^ (uint64_t)(uintptr_t)&s;
}

static ten_generator default_gen;
static pthread_once_t default_gen_once = PTHREAD_ONCE_INIT;

static void default_gen_init(void) { mt_seed(&default_gen, nondeterministic_seed()); }

ten_generator *ten_default_generator(void) {
  pthread_once(&default_gen_once, default_gen_init);
  return &default_gen;
}

static ten_generator *gen_or_default(ten_generator *g) { return g ? g : ten_default_generator(); }

ten_generator *ten_generator_new(void) {
  ten_generator *g = malloc(sizeof *g);
  if (!g) {
    ten_error_set(TEN_E_NOMEM, "DefaultCPUAllocator: not enough memory: you tried to allocate %zu bytes.",
                  sizeof *g);
    return NULL;
  }
  mt_seed(g, DEFAULT_RNG_SEED);
  return g;
}

void ten_generator_free(ten_generator *g) {
  if (g && g != &default_gen) free(g);
}

void ten_generator_seed(ten_generator *g, uint64_t seed) { mt_seed(gen_or_default(g), seed); }

uint64_t ten_generator_initial_seed(const ten_generator *g) {
  return g ? g->seed : ten_default_generator()->seed;
}

uint64_t ten_generator_seed_random(ten_generator *g) {
  uint64_t s = nondeterministic_seed();
  mt_seed(gen_or_default(g), s);
  return s;
}

/* ---- get_state / set_state: torch.get_rng_state()'s 5056 bytes ---- */

size_t ten_generator_state_size(void) { return STATE_SIZE; }

static void put_u64(unsigned char *b, size_t off, uint64_t v) { memcpy(b + off, &v, sizeof v); }
static void put_i32(unsigned char *b, size_t off, int32_t v) { memcpy(b + off, &v, sizeof v); }
static void put_f64(unsigned char *b, size_t off, double v) { memcpy(b + off, &v, sizeof v); }

static uint64_t get_u64(const unsigned char *b, size_t off) {
  uint64_t v;
  memcpy(&v, b + off, sizeof v);
  return v;
}
static int32_t get_i32(const unsigned char *b, size_t off) {
  int32_t v;
  memcpy(&v, b + off, sizeof v);
  return v;
}
static double get_f64(const unsigned char *b, size_t off) {
  double v;
  memcpy(&v, b + off, sizeof v);
  return v;
}

void ten_generator_get_state(const ten_generator *g, void *buf) {
  if (!g) g = ten_default_generator();
  unsigned char *b = buf;
  memset(b, 0, STATE_SIZE);   /* padding is zero, as from torch's value-initialised struct */
  put_u64(b, ST_SEED, g->seed);
  put_i32(b, ST_LEFT, g->left);
  put_i32(b, ST_SEEDED, g->seeded);
  put_u64(b, ST_NEXT, (uint64_t)g->next);
  for (int j = 0; j < MT_N; j++) put_u64(b, ST_WORDS + 8 * (size_t)j, g->state[j]);
  if (g->has_double_normal) {
    put_i32(b, ST_NORMAL_VALID, 1);
    put_f64(b, ST_NORMAL_Y, g->double_normal);
  }
  if (g->has_float_normal) {
    memcpy(b + ST_FLOAT_NORMAL, &g->float_normal, sizeof(float));
    b[ST_FLOAT_VALID] = 1;
  }
}

/* Accepts the current 5056-byte layout and the legacy 5048-byte one (which stored the Box-Muller
   intermediates x and rho instead of the cached sample), as torch.set_rng_state does. */
int ten_generator_set_state(ten_generator *g, const void *buf, size_t n) {
  if (!g) g = ten_default_generator();
  const unsigned char *b = buf;
  if (n != STATE_LEGACY_SIZE && n != STATE_SIZE)
    return ten_error_set(TEN_E_RUNTIME,
                         "Expected either a CPUGeneratorImplStateLegacy of size %d or a CPUGeneratorImplState "
                         "of size %d but found the input RNG state size to be %zu",
                         STATE_LEGACY_SIZE, STATE_SIZE, n);
  ten_generator ng;
  ng.seed = get_u64(b, ST_SEED);
  ng.left = get_i32(b, ST_LEFT);
  ng.seeded = get_i32(b, ST_SEEDED) != 0;
  ng.next = (int)(uint32_t)get_u64(b, ST_NEXT);
  for (int j = 0; j < MT_N; j++) ng.state[j] = (uint32_t)get_u64(b, ST_WORDS + 8 * (size_t)j);
  ng.has_float_normal = false;
  ng.float_normal = 0.0f;
  ng.has_double_normal = get_i32(b, ST_NORMAL_VALID) != 0;
  ng.double_normal = 0.0;
  if (n == STATE_LEGACY_SIZE) {
    if (ng.has_double_normal) {
      double theta = TWO_PI * get_f64(b, ST_NORMAL_X);
      ng.double_normal = get_f64(b, ST_NORMAL_RHO) * sin(theta);
    }
  } else {
    if (ng.has_double_normal) ng.double_normal = get_f64(b, ST_NORMAL_Y);
    if (b[ST_FLOAT_VALID]) {
      ng.has_float_normal = true;
      memcpy(&ng.float_normal, b + ST_FLOAT_NORMAL, sizeof(float));
    }
  }
  /* mt19937::is_valid; next is compared as unsigned, so a "negative" one is rejected too */
  if (!ng.seeded || ng.left <= 0 || ng.left > MT_N || (uint32_t)ng.next > MT_N)
    return ten_error_set(TEN_E_RUNTIME, "Invalid mt19937 state");
  *g = ng;
  return 0;
}

/* ---- scalar draws (ATen TransformationHelper.h, DistributionsHelper.h) ---- */

/* uniform_real_distribution<float>(0, 1): 24 random bits. */
static float unit_f32(ten_generator *g) {
  return (float)(ten_generator_random(g) & 0xffffffu) * 0x1p-24f;
}

/* uniform_real_distribution<double>(0, 1): 53 bits of random64(). */
static double unit_f64(ten_generator *g) {
  return (double)(ten_generator_random64(g) & ((UINT64_C(1) << 53) - 1)) * 0x1p-53;
}

/* normal_distribution<double>(mean, std): Box-Muller; the sine half is cached in the generator
   (until used or until manual_seed). The AVX2 build fuses ret*std+mean into one FMA. */
static double normal_f64(ten_generator *g, double mean, double std) {
  double ret;
  if (g->has_double_normal) {
    g->has_double_normal = false;
    ret = g->double_normal;
  } else {
    double u1 = unit_f64(g);
    double u2 = unit_f64(g);
    double r = sqrt(-2.0 * log(1.0 - u2));
    double theta = TWO_PI * u1;
    g->double_normal = r * sin(theta);
    g->has_double_normal = true;
    ret = r * cos(theta);
  }
  return fma(ret, std, mean);
}

/* ---- raw contiguous fills ---- */

void ten_gen_uniform_f32(ten_generator *g, float *out, int64_t n, float a, float b) {
  g = gen_or_default(g);
  float range = b - a;   /* in float, as ATen casts from/to to the dtype first */
  for (int64_t i = 0; i < n; i++) out[i] = fmaf(unit_f32(g), range, a);
}

void ten_gen_uniform_f64(ten_generator *g, double *out, int64_t n, double a, double b) {
  g = gen_or_default(g);
  double range = b - a;
  for (int64_t i = 0; i < n; i++) out[i] = fma(unit_f64(g), range, a);
}

/* One 16-value block of the AVX2 float kernel: Box-Muller over the pairs (k, k+8), with the cephes
   log/sincos lanes and a final FMA (_mm256_fmadd_ps). */
static void normal_block_f32(float *d, float mean, float std) {
  const float two_pi = (float)TWO_PI;
  for (int k = 0; k < 8; k++) {
    float u1 = 1.0f - d[k];                 /* [0,1) -> (0,1] for the log */
    float u2 = d[k + 8];
    float radius = sqrtf(-2.0f * ten_cephes_logf(u1));
    float theta = two_pi * u2;
    float s, c;
    ten_cephes_sincosf(theta, &s, &c);
    float n1 = radius * c, n2 = radius * s;
    d[k] = fmaf(n1, std, mean);
    d[k + 8] = fmaf(n2, std, mean);
  }
}

/* The same block in double with libm (normal_fill<double>, FMA-fused as the AVX2 build compiles it). */
static void normal_block_f64(double *d, double mean, double std) {
  for (int k = 0; k < 8; k++) {
    double u1 = 1.0 - d[k];
    double u2 = d[k + 8];
    double radius = sqrt(-2.0 * log(u1));
    double theta = TWO_PI * u2;
    d[k] = fma(radius * cos(theta), std, mean);
    d[k + 8] = fma(radius * sin(theta), std, mean);
  }
}

/* normal_fill: all n uniforms first, then every full block of 16; a ragged tail is not finished
   in place but redrawn: 16 fresh uniforms into the last 16 slots, transformed as one block. */
void ten_gen_normal_f32(ten_generator *g, float *out, int64_t n, double mean, double std) {
  g = gen_or_default(g);
  if (n < 16) {
    for (int64_t i = 0; i < n; i++) out[i] = (float)normal_f64(g, mean, std);
    return;
  }
  float m = (float)mean, s = (float)std;
  for (int64_t i = 0; i < n; i++) out[i] = unit_f32(g);
  for (int64_t i = 0; i + 16 <= n; i += 16) normal_block_f32(out + i, m, s);
  if (n % 16) {
    float *tail = out + n - 16;
    for (int k = 0; k < 16; k++) tail[k] = unit_f32(g);
    normal_block_f32(tail, m, s);
  }
}

void ten_gen_normal_f64(ten_generator *g, double *out, int64_t n, double mean, double std) {
  g = gen_or_default(g);
  if (n < 16) {
    for (int64_t i = 0; i < n; i++) out[i] = normal_f64(g, mean, std);
    return;
  }
  for (int64_t i = 0; i < n; i++) out[i] = unit_f64(g);
  for (int64_t i = 0; i + 16 <= n; i += 16) normal_block_f64(out + i, mean, std);
  if (n % 16) {
    double *tail = out + n - 16;
    for (int k = 0; k < 16; k++) tail[k] = unit_f64(g);
    normal_block_f64(tail, mean, std);
  }
}

/* ---- tensor fills ---- */

typedef enum fill_kind { FILL_UNIFORM, FILL_NORMAL, FILL_RANGE, FILL_BERNOULLI, FILL_BERNOULLI_P } fill_kind;

typedef struct fill_spec {
  fill_kind kind;
  ten_generator *g;
  double a, b;          /* UNIFORM: [a, b); NORMAL: mean, std; BERNOULLI: p in a */
  uint64_t range;       /* RANGE: draw % range + base */
  int64_t base;
  bool wide;            /* RANGE: draw with random64() (range >= 2^32 and a 64-bit-capable dtype) */
  const void *p;        /* BERNOULLI_P: probabilities, in iteration order */
  ten_dtype p_dtype;    /* F32 or F64 */
} fill_spec;

/* Stores an int64 into element i of a contiguous dt buffer (static_cast<scalar_t>). */
static void store_int(void *buf, ten_dtype dt, int64_t i, int64_t v) {
  switch (dt) {
  case TEN_DTYPE_BOOL: ((bool *)buf)[i] = v != 0; break;
  case TEN_DTYPE_U8: ((uint8_t *)buf)[i] = (uint8_t)v; break;
  case TEN_DTYPE_I32: ((int32_t *)buf)[i] = (int32_t)v; break;
  case TEN_DTYPE_I64: ((int64_t *)buf)[i] = v; break;
  case TEN_DTYPE_F32: ((float *)buf)[i] = (float)v; break;
  case TEN_DTYPE_F64: ((double *)buf)[i] = (double)v; break;
  default: break;
  }
}

/* Fills n contiguous elements of dt in order. dense: the buffer is the tensor itself (contiguous),
   which is what enables normal_'s block path. Returns 0, or -1 on a bad probability. */
static int fill_buffer(const fill_spec *f, void *buf, ten_dtype dt, int64_t n, bool dense) {
  ten_generator *g = f->g;
  switch (f->kind) {
  case FILL_UNIFORM:
    if (dt == TEN_DTYPE_F32) ten_gen_uniform_f32(g, buf, n, (float)f->a, (float)f->b);
    else ten_gen_uniform_f64(g, buf, n, f->a, f->b);
    return 0;
  case FILL_NORMAL:
    if (dense && dt == TEN_DTYPE_F32) ten_gen_normal_f32(g, buf, n, f->a, f->b);
    else if (dense) ten_gen_normal_f64(g, buf, n, f->a, f->b);
    else if (dt == TEN_DTYPE_F32)
      for (int64_t i = 0; i < n; i++) ((float *)buf)[i] = (float)normal_f64(g, f->a, f->b);
    else
      for (int64_t i = 0; i < n; i++) ((double *)buf)[i] = normal_f64(g, f->a, f->b);
    return 0;
  case FILL_RANGE:
    for (int64_t i = 0; i < n; i++) {
      uint64_t r = f->wide ? ten_generator_random64(g) : ten_generator_random(g);
      store_int(buf, dt, i, (int64_t)(r % f->range + (uint64_t)f->base));
    }
    return 0;
  case FILL_BERNOULLI:
    for (int64_t i = 0; i < n; i++) store_int(buf, dt, i, unit_f64(g) < f->a);
    return 0;
  case FILL_BERNOULLI_P:
    for (int64_t i = 0; i < n; i++) {
      /* p is checked per element as the draws go, so earlier elements have consumed draws */
      bool hit;
      if (f->p_dtype == TEN_DTYPE_F64) {
        double p = ((const double *)f->p)[i];
        if (!(p >= 0 && p <= 1)) goto bad_p;
        hit = unit_f64(g) < p;
      } else {
        float p = ((const float *)f->p)[i];
        if (!(p >= 0 && p <= 1)) goto bad_p;
        hit = unit_f32(g) < p;
      }
      store_int(buf, dt, i, hit);
    }
    return 0;
  }
  return 0;
bad_p:
  return ten_error_set(TEN_E_RUNTIME,
                       "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be "
                       "improved?  If so, please report an enhancement request to PyTorch.)");
}

/* at::has_internal_overlap's sure case: a broadcast (stride 0) dim of size > 1. */
static int check_no_overlap(const ten_tensor *t) {
  for (int d = 0; d < t->ndim; d++)
    if (t->stride[d] == 0 && t->shape[d] > 1)
      return ten_error_set(TEN_E_RUNTIME,
                           "unsupported operation: more than one element of the written-to tensor refers to a "
                           "single memory location. Please clone() the tensor before performing the operation.");
  return 0;
}

/* TensorIterator::reorder_dimensions for operands ops[0..n) of one shape: the order in which the
   serial kernels visit elements (smallest stride innermost; later operands break ties). order[]
   receives dims from outermost to innermost, ready for ten_permute. */
static int should_swap(const ten_tensor *const *ops, int nops, int d0, int d1) {
  for (int k = 0; k < nops; k++) {
    int64_t s0 = ops[k]->stride[d0], s1 = ops[k]->stride[d1];
    if (s0 == 0 || s1 == 0) continue;   /* broadcast dims have no preference */
    if (s0 < s1) return -1;
    if (s0 > s1) return 1;
    if (ops[0]->shape[d0] > ops[0]->shape[d1]) return 1;
  }
  return 0;
}

static void iteration_order(const ten_tensor *const *ops, int nops, int64_t *order) {
  int ndim = ops[0]->ndim;
  int perm[TEN_MAX_DIMS];   /* perm[0] is the innermost dim */
  for (int i = 0; i < ndim; i++) perm[i] = ndim - 1 - i;
  for (int i = 1; i < ndim; i++) {   /* insertion sort that tolerates "no preference" */
    int d1 = i;
    for (int d0 = i - 1; d0 >= 0; d0--) {
      int cmp = should_swap(ops, nops, perm[d0], perm[d1]);
      if (cmp > 0) {
        int tmp = perm[d0];
        perm[d0] = perm[d1];
        perm[d1] = tmp;
        d1 = d0;
      } else if (cmp < 0) {
        break;
      }
    }
  }
  for (int i = 0; i < ndim; i++) order[i] = perm[ndim - 1 - i];
}

/* Runs f over t in PyTorch's element order. A contiguous CPU tensor is filled where it lies; any other
   (strided view, CUDA tensor) is drawn into a contiguous CPU temporary laid out in iteration order,
   then copied into a permuted view of t. fresh: t is a new factory result, whose version stays 0.
   order: the iteration order when the caller computed it (bernoulli with a p tensor), else NULL. */
static int fill_tensor(ten_tensor *t, const fill_spec *f, bool fresh, const int64_t *order) {
  int64_t n = ten_numel(t);
  bool on_cpu = ten_device_of(t).type == TEN_DEV_CPU;
  if (n == 0) {
    if (!fresh) t->storage->version++;
    return 0;
  }
  if (on_cpu && ten_is_contiguous(t)) {
    int rc = fill_buffer(f, ten_data_ptr(t), t->dtype, n, true);
    if (rc == 0 && !fresh) t->storage->version++;
    return rc;
  }
  int64_t own_order[TEN_MAX_DIMS];
  if (!order) {
    const ten_tensor *ops[1] = {t};
    iteration_order(ops, 1, own_order);
    order = own_order;
  }
  ten_tensor *view = ten_permute(t, order, t->ndim);
  ten_tensor *tmp = view ? ten_empty(view->shape, view->ndim, t->dtype, TEN_CPU) : NULL;
  /* a contiguous device tensor keeps the CPU's contiguous algorithm (the block path for normal_) */
  int rc = tmp ? fill_buffer(f, ten_data_ptr(tmp), t->dtype, n, ten_is_contiguous(t)) : -1;
  if (rc == 0) rc = ten_copy_(view, tmp);   /* bumps the version once */
  if (rc == 0 && fresh) t->storage->version = 0;
  ten_release(tmp);
  ten_release(view);
  return rc;
}

/* ---- checks shared by the in-place ops and the factories ---- */

/* Name std::numeric_limits / TypeMeta use in bounds errors. */
static const char *cpp_type_name(ten_dtype dt) {
  switch (dt) {
  case TEN_DTYPE_BOOL: return "bool";
  case TEN_DTYPE_U8: return "unsigned char";
  case TEN_DTYPE_I32: return "int";
  case TEN_DTYPE_I64: return "long int";
  case TEN_DTYPE_F32: return "float";
  case TEN_DTYPE_F64: return "double";
  default: return "?";
  }
}

static int not_implemented(const char *kernel, ten_dtype dt) {
  return ten_error_set(TEN_E_RUNTIME, "\"%s\" not implemented for '%s'", kernel, ten_dtype_scalar_name(dt));
}

static bool is_float(ten_dtype dt) { return dt == TEN_DTYPE_F32 || dt == TEN_DTYPE_F64; }

static int uniform_checked(ten_tensor *t, double a, double b, ten_generator *g, bool fresh) {
  if (!is_float(t->dtype)) return not_implemented("check_uniform_bounds", t->dtype);
  double max = t->dtype == TEN_DTYPE_F32 ? FLT_MAX : DBL_MAX;
  const char *name = cpp_type_name(t->dtype);
  if (!(a >= -max && a <= max)) return ten_error_set(TEN_E_RUNTIME, "from is out of bounds for %s", name);
  if (!(b >= -max && b <= max)) return ten_error_set(TEN_E_RUNTIME, "to is out of bounds for %s", name);
  if (!(a <= b))
    return ten_error_set(TEN_E_RUNTIME, "uniform_ expects to return a [from, to) range, but found from=%g > to=%g",
                         a, b);
  if (!(b - a <= max))
    return ten_error_set(TEN_E_RUNTIME,
                         "uniform_ expects to-from <= std::numeric_limits<%s>::max(), but found to=%g and from=%g "
                         "which result in to-from to exceed the limit",
                         ten_dtype_scalar_name(t->dtype), b, a);
  if (check_no_overlap(t)) return -1;
  fill_spec f = {.kind = FILL_UNIFORM, .g = gen_or_default(g), .a = a, .b = b};
  return fill_tensor(t, &f, fresh, NULL);
}

static int normal_checked(ten_tensor *t, double mean, double std, ten_generator *g, bool fresh) {
  if (!(std >= 0.0)) return ten_error_set(TEN_E_RUNTIME, "normal expects std >= 0.0, but found std %g", std);
  if (ten_numel(t) == 0) {   /* torch returns before its dtype dispatch */
    if (!fresh) t->storage->version++;
    return 0;
  }
  if (!is_float(t->dtype)) return not_implemented("normal_kernel_cpu", t->dtype);
  if (check_no_overlap(t)) return -1;
  fill_spec f = {.kind = FILL_NORMAL, .g = gen_or_default(g), .a = mean, .b = std};
  return fill_tensor(t, &f, fresh, NULL);
}

/* x86 cvttsd2si: an out-of-range double converts to INT64_MIN (the C cast would be undefined). */
static int64_t to_int64_x86(double v) {
  return (v >= -0x1p63 && v < 0x1p63) ? (int64_t)v : INT64_MIN;
}

/* Rounds an int64 through float/double the way static_cast<scalar_t> does. */
static double through_dtype(ten_dtype dt, int64_t v) {
  return dt == TEN_DTYPE_F32 ? (double)(float)v : (double)v;
}

/* update_from/update_to: move the bounds inwards so that no draw rounds outside [from, to). */
static int64_t update_from(ten_dtype dt, int64_t from) {
  int digits = dt == TEN_DTYPE_F32 ? FLT_MANT_DIG : DBL_MANT_DIG;
  int64_t from_plus_1 = to_int64_x86(through_dtype(dt, (int64_t)((uint64_t)from + 1)));
  if (from_plus_1 < from) {
    int64_t v = (int64_t)((uint64_t)from + 1);
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int nbits = 0;
    while (mag >>= 1) nbits++;
    from = (int64_t)((uint64_t)from_plus_1 + (UINT64_C(1) << (nbits - digits + 1)));
  }
  return from;
}

static int64_t update_to(ten_dtype dt, int64_t to) {
  int digits = dt == TEN_DTYPE_F32 ? FLT_MANT_DIG : DBL_MANT_DIG;
  int64_t to_minus_1 = to_int64_x86(through_dtype(dt, (int64_t)((uint64_t)to - 1)));
  if (to_minus_1 >= to) {
    int64_t v = (int64_t)((uint64_t)to - 1);
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int nbits = 0;
    while (mag >>= 1) nbits++;
    to = (int64_t)((uint64_t)to_minus_1 - (UINT64_C(1) << (nbits - digits + 1)));
  }
  return to;
}

static int random_range_checked(ten_tensor *t, int64_t lo, int64_t hi, ten_generator *g, bool fresh) {
  if (!(lo < hi))
    return ten_error_set(TEN_E_RUNTIME, "random_ expects 'from' to be less than 'to', but got from=%lld >= to=%lld",
                         (long long)lo, (long long)hi);
  ten_dtype dt = t->dtype;
  if (is_float(dt)) {
    lo = update_from(dt, lo);
    hi = update_to(dt, hi);
    if (!(lo < hi))
      return ten_error_set(TEN_E_RUNTIME,
                           "random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got "
                           "from=%lld >= to=%lld",
                           (long long)lo, (long long)hi);
  } else if (dt != TEN_DTYPE_I64) {
    int64_t min = dt == TEN_DTYPE_I32 ? INT32_MIN : 0;
    int64_t max = dt == TEN_DTYPE_I32 ? INT32_MAX : dt == TEN_DTYPE_U8 ? UINT8_MAX : 1;
    if (lo < min || lo > max) return ten_error_set(TEN_E_RUNTIME, "from is out of bounds for %s", cpp_type_name(dt));
    if (hi - 1 < min || hi - 1 > max)
      return ten_error_set(TEN_E_RUNTIME, "to - 1 is out of bounds for %s", cpp_type_name(dt));
  }
  if (check_no_overlap(t)) return -1;
  fill_spec f = {.kind = FILL_RANGE, .g = gen_or_default(g), .base = lo};
  f.range = (uint64_t)hi - (uint64_t)lo;
  /* only 64-bit-capable dtypes switch to random64() for wide ranges */
  f.wide = (dt == TEN_DTYPE_I64 || is_float(dt)) && f.range >= (UINT64_C(1) << 32);
  return fill_tensor(t, &f, fresh, NULL);
}

/* ---- in-place ops ---- */

int ten_uniform_(ten_tensor *t, double a, double b, ten_generator *g) { return uniform_checked(t, a, b, g, false); }

int ten_normal_(ten_tensor *t, double mean, double std, ten_generator *g) {
  return normal_checked(t, mean, std, g, false);
}

int ten_random_range_(ten_tensor *t, int64_t lo, int64_t hi, ten_generator *g) {
  return random_range_checked(t, lo, hi, g, false);
}

/* random_() with no bounds (uniform_int_distribution): int64 takes random64() % 2^63, double
   random64() % (2^53 + 1), float random() % (2^24 + 1), int32 random() % 2^31, uint8 % 256, bool & 1. */
int ten_random_(ten_tensor *t, ten_generator *g) {
  if (check_no_overlap(t)) return -1;
  fill_spec f = {.kind = FILL_RANGE, .g = gen_or_default(g), .base = 0};
  switch (t->dtype) {
  case TEN_DTYPE_I64: f.range = UINT64_C(1) << 63; f.wide = true; break;
  case TEN_DTYPE_F64: f.range = (UINT64_C(1) << 53) + 1; f.wide = true; break;
  case TEN_DTYPE_F32: f.range = (UINT64_C(1) << 24) + 1; break;
  case TEN_DTYPE_I32: f.range = UINT64_C(1) << 31; break;
  case TEN_DTYPE_U8: f.range = 256; break;
  default: f.range = 2; break;
  }
  return fill_tensor(t, &f, false, NULL);
}

int ten_bernoulli_scalar_(ten_tensor *t, double p, ten_generator *g) {
  if (!(p >= 0 && p <= 1))
    return ten_error_set(TEN_E_RUNTIME, "bernoulli_ expects p to be in [0, 1], but got p=%g", p);
  if (check_no_overlap(t)) return -1;
  fill_spec f = {.kind = FILL_BERNOULLI, .g = gen_or_default(g), .a = p};
  return fill_tensor(t, &f, false, NULL);
}

static int bernoulli_tensor(ten_tensor *t, const ten_tensor *p, ten_generator *g, bool fresh) {
  if (check_no_overlap(t)) return -1;
  ten_tensor *pe = ten_expand((ten_tensor *)p, t->shape, t->ndim);
  if (!pe) return -1;
  int rc = -1;
  ten_tensor *pv = NULL, *pc = NULL;
  if (!is_float(p->dtype)) {
    rc = not_implemented("bernoulli_tensor_cpu_p_", p->dtype);
    goto done;
  }
  /* p's values are read in the order the elements of t are visited */
  int64_t order[TEN_MAX_DIMS];
  const ten_tensor *ops[2] = {t, pe};
  iteration_order(ops, 2, order);
  pv = ten_permute(pe, order, pe->ndim);
  pc = pv ? ten_contiguous(pv) : NULL;
  ten_tensor *pcpu = pc && ten_device_of(pc).type != TEN_DEV_CPU ? ten_to_device(pc, TEN_CPU, false) : NULL;
  if (pcpu) {
    ten_release(pc);
    pc = pcpu;
  }
  if (!pc || ten_device_of(pc).type != TEN_DEV_CPU) goto done;
  fill_spec f = {.kind = FILL_BERNOULLI_P, .g = gen_or_default(g), .p = ten_data_ptr(pc), .p_dtype = p->dtype};
  rc = fill_tensor(t, &f, fresh, order);
done:
  ten_release(pc);
  ten_release(pv);
  ten_release(pe);
  return rc;
}

int ten_bernoulli_tensor_(ten_tensor *t, const ten_tensor *p, ten_generator *g) {
  return bernoulli_tensor(t, p, g, false);
}

/* ---- factories: a fresh contiguous tensor, then the in-place algorithm (version stays 0) ---- */

static ten_tensor *finish(ten_tensor *t, int rc) {
  if (rc) {
    ten_release(t);
    return NULL;
  }
  return t;
}

static ten_dtype float_or_default(ten_dtype dt) { return dt == TEN_DTYPE_UNSET ? ten_default_dtype() : dt; }

ten_tensor *ten_rand(const int64_t *shape, int ndim, ten_dtype dt, ten_generator *g) {
  ten_tensor *t = ten_empty(shape, ndim, float_or_default(dt), TEN_CPU);
  return t ? finish(t, uniform_checked(t, 0.0, 1.0, g, true)) : NULL;
}

ten_tensor *ten_randn(const int64_t *shape, int ndim, ten_dtype dt, ten_generator *g) {
  ten_tensor *t = ten_empty(shape, ndim, float_or_default(dt), TEN_CPU);
  return t ? finish(t, normal_checked(t, 0.0, 1.0, g, true)) : NULL;
}

ten_tensor *ten_normal(double mean, double std, const int64_t *shape, int ndim, ten_generator *g) {
  ten_tensor *t = ten_empty(shape, ndim, ten_default_dtype(), TEN_CPU);
  return t ? finish(t, normal_checked(t, mean, std, g, true)) : NULL;
}

ten_tensor *ten_randint(int64_t lo, int64_t hi, const int64_t *shape, int ndim, ten_dtype dt, ten_generator *g) {
  ten_tensor *t = ten_empty(shape, ndim, dt == TEN_DTYPE_UNSET ? TEN_DTYPE_I64 : dt, TEN_CPU);
  return t ? finish(t, random_range_checked(t, lo, hi, g, true)) : NULL;
}

ten_tensor *ten_bernoulli(const ten_tensor *p, ten_generator *g) {
  ten_tensor *t = ten_empty(p->shape, p->ndim, p->dtype, ten_device_of(p));
  return t ? finish(t, bernoulli_tensor(t, p, g, true)) : NULL;
}

/* randperm_cpu: identity, then a forward Fisher-Yates with random() % (n - i), for every n (1.13 has
   no random64() branch for huge n; checked against torch at n = 2^32/20). */
ten_tensor *ten_randperm(int64_t n, ten_dtype dt, ten_generator *g) {
  if (dt == TEN_DTYPE_UNSET) dt = TEN_DTYPE_I64;
  if (n < 0) {
    ten_error_set(TEN_E_RUNTIME, "Trying to create tensor with negative dimension %lld: [%lld]", (long long)n,
                  (long long)n);
    return NULL;
  }
  int64_t top = n > 0 ? n - 1 : 0;
  if ((dt == TEN_DTYPE_U8 && top > UINT8_MAX) || (dt == TEN_DTYPE_I32 && top > INT32_MAX)) {
    ten_error_set(TEN_E_RUNTIME, "value cannot be converted to type %s without overflow",
                  dt == TEN_DTYPE_U8 ? "uint8_t" : "int");
    return NULL;
  }
  if (dt == TEN_DTYPE_F32 && n > (INT64_C(1) << 24) + 1) {
    ten_error_set(TEN_E_RUNTIME, "n cannot be greater than 2^24+1 for Float type.");
    return NULL;
  }
  if (dt == TEN_DTYPE_F64 && n > (INT64_C(1) << 53) + 1) {
    ten_error_set(TEN_E_RUNTIME, "n cannot be greater than 2^53+1 for Double type.");
    return NULL;
  }
  if (dt == TEN_DTYPE_BOOL) {
    not_implemented("randperm", dt);
    return NULL;
  }
  int64_t shape[1] = {n};
  ten_tensor *t = ten_empty(shape, 1, dt, TEN_CPU);
  if (!t) return NULL;
  g = gen_or_default(g);
  /* shuffle int64 indices, then store them as dt */
  int64_t *idx = ten_data_ptr(t);
  int64_t *work = dt == TEN_DTYPE_I64 ? idx : malloc(sizeof(int64_t) * (size_t)(n ? n : 1));
  if (!work) {
    ten_release(t);
    ten_error_set(TEN_E_NOMEM, "DefaultCPUAllocator: not enough memory: you tried to allocate %lld bytes.",
                  (long long)(sizeof(int64_t) * (size_t)n));
    return NULL;
  }
  for (int64_t i = 0; i < n; i++) work[i] = i;
  for (int64_t i = 0; i < n - 1; i++) {
    int64_t z = (int64_t)(ten_generator_random(g) % (uint64_t)(n - i));
    int64_t sav = work[i];
    work[i] = work[i + z];
    work[i + z] = sav;
  }
  if (work != idx) {
    void *out = ten_data_ptr(t);
    for (int64_t i = 0; i < n; i++) store_int(out, dt, i, work[i]);
    free(work);
  }
  return t;
}

/* ---- nn.init ---- */

/* kaiming_uniform_(w, a, mode='fan_in', nonlinearity='leaky_relu'), in double as torch/nn/init.py
   computes it: gain = sqrt(2 / (1 + a^2)), bound = sqrt(3) * gain / sqrt(fan_in). */
int ten_kaiming_uniform_(ten_tensor *w, double a, ten_generator *g) {
  if (ten_numel(w) == 0) return 0;   /* torch warns "Initializing zero-element tensors is a no-op" */
  if (w->ndim < 2)
    return ten_error_set(TEN_E_VALUE,
                         "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  int64_t fan_in = w->shape[1];
  for (int d = 2; d < w->ndim; d++) fan_in *= w->shape[d];
  double gain = sqrt(2.0 / (1.0 + a * a));
  double std = gain / sqrt((double)fan_in);
  double bound = sqrt(3.0) * std;
  return ten_uniform_(w, -bound, bound, g);
}
