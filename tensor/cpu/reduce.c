/*
** tensor/cpu/reduce.c — CPU reductions: the kept dims index output elements, the reduced dims
** (ordered by input stride, as ATen's reduction iterator orders them, and coalesced) form one
** block per output that a 1-D reducer walks in that order. Float sums go through cascade_sum.c
** (PyTorch's exact order); prod and norm follow ATen 1.13's kernels (element-type accumulator,
** its vector-lane order where it vectorises, FMAs where its AVX2 build contracts); var/std
** accumulate in double as ATen's Welford does. Output: same ndim as the input, reduced dims of
** size 1.
*/
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "tensor/cpu/cpu.h"

typedef struct red_plan {
  int nk, nr;
  int64_t kshape[TEN_MAX_DIMS];
  int64_t kin[TEN_MAX_DIMS], kout[TEN_MAX_DIMS], kidx[TEN_MAX_DIMS];  /* element strides */
  int64_t rshape[TEN_MAX_DIMS], rstride[TEN_MAX_DIMS];
  int64_t knumel, rnumel;
} red_plan;

static void plan_init(red_plan *p, const ten_tensor *out, const ten_tensor *idx, const ten_tensor *in, uint32_t mask) {
  memset(p, 0, sizeof *p);
  p->knumel = p->rnumel = 1;
  /* reduced dims from the largest input stride to the smallest (stable): the order in which
     ATen's reduction iterator walks them; then merge neighbours that are contiguous */
  int order[TEN_MAX_DIMS], nred = 0;
  for (int d = 0; d < in->ndim; d++) {
    if (!(mask & (1u << d)) || in->shape[d] == 1) continue;
    int j = nred++;
    while (j > 0 && in->stride[order[j - 1]] < in->stride[d]) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = d;
  }
  for (int i = 0; i < nred; i++) {
    int d = order[i];
    if (p->nr > 0 && p->rstride[p->nr - 1] == in->shape[d] * in->stride[d]) {
      p->rshape[p->nr - 1] *= in->shape[d];
      p->rstride[p->nr - 1] = in->stride[d];
    } else {
      p->rshape[p->nr] = in->shape[d];
      p->rstride[p->nr++] = in->stride[d];
    }
    p->rnumel *= in->shape[d];
  }
  for (int d = 0; d < in->ndim; d++) {
    if (mask & (1u << d)) {
      continue;
    } else {
      p->kshape[p->nk] = in->shape[d];
      p->kin[p->nk] = in->stride[d];
      p->kout[p->nk] = out->stride[d];
      p->kidx[p->nk] = idx ? idx->stride[d] : 0;
      p->nk++;
      p->knumel *= in->shape[d];
    }
  }
  for (int d = 0; d < in->ndim; d++)
    if ((mask & (1u << d)) && in->shape[d] == 0) p->rnumel = 0;
}

/* How a block was laid out: ATen picks its vectorised paths from this. */
typedef struct red_args {
  double param;         /* correction (var/std), p (norm) */
  int64_t row;          /* length of the innermost reduced run; the block is n / row such runs */
  bool contig;          /* the innermost run has unit stride in memory */
  bool single;          /* the block is one run (one reduced dim after coalescing) */
  bool whole;           /* the reduction has a single output element */
} red_args;

/* A reduced block as a 1-D strided sequence: x[i*stride], i < n (gathered when needed). */
typedef void (*red1_fn)(const void *x, int64_t n, int64_t stride, const red_args *a, void *out, int64_t *idx);

/* Lanes of one AVX2 vector (ATen's Vectorized<T>::size()). */
#define LANES_F32 8
#define LANES_F64 4

/* ---- 1-D reducers ---- */

#define FMA_F32 fmaf
#define FMA_F64 fma
#define SQRT_F32 sqrtf
#define SQRT_F64 sqrt
#define POW_F32 powf
#define POW_F64 pow

#define FLOAT_RED(T, S)                                                                \
  static void sum_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    *(T *)out = cpu_cascade_sum_##S(vx, n, st);                                       \
  }                                                                                   \
  /* binary_kernel_reduce_vec: a contiguous run of >= 4 vectors is multiplied into 4*W lane  \
     accumulators, folded ((a0*a1)*(a2*a3)) and then lane by lane; the rest one by one. */    \
  static T prod_run_##S(T acc, const T *x, int64_t n) {                              \
    enum { W = LANES_##S };                                                           \
    int64_t count = n / (4 * W), i = 0;                                               \
    if (count > 0) {                                                                  \
      T lane[4 * W];                                                                  \
      for (int l = 0; l < 4 * W; l++) lane[l] = x[l];                                 \
      for (int64_t c = 1; c < count; c++)                                             \
        for (int l = 0; l < 4 * W; l++) lane[l] *= x[c * 4 * W + l];                 \
      T b = (lane[0] * lane[W]) * (lane[2 * W] * lane[3 * W]);                        \
      for (int l = 1; l < W; l++) b *= (lane[l] * lane[W + l]) * (lane[2 * W + l] * lane[3 * W + l]); \
      acc *= b;                                                                       \
      i = count * 4 * W;                                                              \
    }                                                                                 \
    for (; i < n; i++) acc *= x[i];                                                   \
    return acc;                                                                       \
  }                                                                                   \
  static void prod_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    T acc = 1;                                                                        \
    if (a->contig && st == 1) {                                                       \
      for (int64_t r = 0; r < n; r += a->row) acc = prod_run_##S(acc, x + r, a->row); \
    } else {                                                                          \
      for (int64_t i = 0; i < n; i++) acc *= x[i * st];                               \
    }                                                                                 \
    *(T *)out = acc;                                                                  \
  }                                                                                   \
  static void amax_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    T best = x[0];                                                                    \
    for (int64_t i = 1; i < n && best == best; i++) {                                 \
      T v = x[i * st];                                                                \
      if (v != v || v > best) best = v;                                               \
    }                                                                                 \
    *(T *)out = best;                                                                 \
  }                                                                                   \
  static void amin_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    T best = x[0];                                                                    \
    for (int64_t i = 1; i < n && best == best; i++) {                                 \
      T v = x[i * st];                                                                \
      if (v != v || v < best) best = v;                                               \
    }                                                                                 \
    *(T *)out = best;                                                                 \
  }                                                                                   \
  static void maxidx_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    T best = x[0];                                                                    \
    int64_t bi = 0;                                                                   \
    for (int64_t i = 1; i < n && best == best; i++) {                                 \
      T v = x[i * st];                                                                \
      if (v != v || v > best) { best = v; bi = i; }                                   \
    }                                                                                 \
    *(T *)out = best;                                                                 \
    *idx = bi;                                                                        \
  }                                                                                   \
  static void minidx_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    T best = x[0];                                                                    \
    int64_t bi = 0;                                                                   \
    for (int64_t i = 1; i < n && best == best; i++) {                                 \
      T v = x[i * st];                                                                \
      if (v != v || v < best) { best = v; bi = i; }                                   \
    }                                                                                 \
    *(T *)out = best;                                                                 \
    *idx = bi;                                                                        \
  }                                                                                   \
  /* ATen's std/var: with one output element, two passes (the mean as torch.mean computes it,  \
     then the squared deviations summed in double); else Welford in double, its m2 update     \
     fused. var = m2 / max(0, n - correction). */                                             \
  static double var_of_##S(const T *x, int64_t n, int64_t st, const red_args *a) {    \
    double m2 = 0;                                                                    \
    if (a->whole) {                                                                   \
      double mean = (double)(cpu_cascade_sum_##S(x, n, st) / (T)n);                   \
      for (int64_t i = 0; i < n; i++) {                                               \
        double d = (double)x[i * st] - mean;                                          \
        m2 += d * d;                                                                  \
      }                                                                               \
    } else {                                                                          \
      double mean = 0;                                                                \
      for (int64_t i = 0; i < n; i++) {                                               \
        double v = x[i * st], delta = v - mean;                                       \
        mean += delta / (double)(i + 1);                                              \
        m2 = fma(delta, v - mean, m2);                                                \
      }                                                                               \
    }                                                                                 \
    double dof = (double)n - a->param;                                                \
    return m2 / (dof > 0 ? dof : 0);                                                  \
  }                                                                                   \
  static void var_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    *(T *)out = (T)var_of_##S(vx, n, st, a);                                          \
  }                                                                                   \
  static void std_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    *(T *)out = (T)sqrt(var_of_##S(vx, n, st, a));                                    \
  }                                                                                   \
  /* linalg_vector_norm's kernels, accumulating in T: p = 2 sums FMAs (float32 over one      \
     contiguous run: W FMA lanes, folded in order, then the tail as ATen's compiled loop does  \
     it: groups of 4 squared-then-added, the last < 4 fused); p = 1, 0, +-inf and general p    \
     one by one in iteration order. */                                                        \
  static void norm_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    double p = a->param;                                                              \
    T acc = 0;                                                                        \
    int64_t i = 0;                                                                    \
    if (p == INFINITY || p == -INFINITY) {                                            \
      acc = p > 0 ? (T)0 : (T)INFINITY;                                               \
      for (; i < n; i++) {                                                            \
        T v = (T)fabs((double)x[i * st]);                                             \
        if (acc != acc) break;                                                        \
        if (v != v || (p > 0 ? v > acc : v < acc)) acc = v;                           \
      }                                                                               \
    } else if (p == 0) {                                                              \
      for (; i < n; i++) acc += (T)(x[i * st] != 0);                                  \
    } else if (p == 1) {                                                              \
      for (; i < n; i++) acc += (T)fabs((double)x[i * st]);                           \
    } else if (p == 2) {                                                              \
      if (LANES_##S == 8 && a->single && st == 1) {                                   \
        enum { W = LANES_##S };                                                       \
        T lane[W] = {0};                                                              \
        for (; i + W <= n; i += W)                                                    \
          for (int l = 0; l < W; l++) lane[l] = FMA_##S(x[i + l], x[i + l], lane[l]); \
        for (int l = 0; l < W; l++) acc += lane[l];                                   \
        for (int64_t g = i + (n - i) / 4 * 4; i < g; i++) acc += x[i] * x[i];         \
      }                                                                               \
      for (; i < n; i++) acc = FMA_##S(x[i * st], x[i * st], acc);                    \
      acc = SQRT_##S(acc);                                                            \
    } else {                                                                          \
      T tp = (T)p;                                                                    \
      for (; i < n; i++) acc += POW_##S((T)fabs((double)x[i * st]), tp);              \
      acc = POW_##S(acc, (T)1 / tp);                                                  \
    }                                                                                 \
    *(T *)out = acc;                                                                  \
  }                                                                                   \
  static void lse_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    if (n == 0) { *(T *)out = (T)-INFINITY; return; }                                 \
    T m = x[0];                                                                       \
    for (int64_t i = 1; i < n; i++) if (x[i * st] > m) m = x[i * st];                 \
    if (isinf(m)) { *(T *)out = m; return; }                                          \
    T s = 0;                                                                          \
    for (int64_t i = 0; i < n; i++) s += (T)exp((double)(x[i * st] - m));             \
    *(T *)out = (T)log((double)s) + m;                                                \
  }
FLOAT_RED(float, F32)
FLOAT_RED(double, F64)

#define INT_RED(T, S)                                                                  \
  static void sum_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    uint64_t acc = 0;                                                                 \
    for (int64_t i = 0; i < n; i++) acc += (uint64_t)(int64_t)x[i * st];              \
    *(T *)out = (T)acc;                                                               \
  }                                                                                   \
  static void prod_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    uint64_t acc = 1;                                                                 \
    for (int64_t i = 0; i < n; i++) acc *= (uint64_t)(int64_t)x[i * st];              \
    *(T *)out = (T)acc;                                                               \
  }                                                                                   \
  static void amax_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    T best = x[0];                                                                    \
    for (int64_t i = 1; i < n; i++) if (x[i * st] > best) best = x[i * st];           \
    *(T *)out = best;                                                                 \
  }                                                                                   \
  static void amin_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    T best = x[0];                                                                    \
    for (int64_t i = 1; i < n; i++) if (x[i * st] < best) best = x[i * st];           \
    *(T *)out = best;                                                                 \
  }                                                                                   \
  static void maxidx_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    int64_t bi = 0;                                                                   \
    for (int64_t i = 1; i < n; i++) if (x[i * st] > x[bi * st]) bi = i;               \
    *(T *)out = x[bi * st];                                                           \
    *idx = bi;                                                                        \
  }                                                                                   \
  static void minidx_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    int64_t bi = 0;                                                                   \
    for (int64_t i = 1; i < n; i++) if (x[i * st] < x[bi * st]) bi = i;               \
    *(T *)out = x[bi * st];                                                           \
    *idx = bi;                                                                        \
  }
INT_RED(bool, BOOL)
INT_RED(uint8_t, U8)
INT_RED(int32_t, I32)
INT_RED(int64_t, I64)

#define ALLANY(T, S)                                                                   \
  static void all_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    bool r = true;                                                                    \
    for (int64_t i = 0; i < n && r; i++) r = x[i * st] != 0;                          \
    *(bool *)out = r;                                                                 \
  }                                                                                   \
  static void any_##S(const void *vx, int64_t n, int64_t st, const red_args *a, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    bool r = false;                                                                   \
    for (int64_t i = 0; i < n && !r; i++) r = x[i * st] != 0;                         \
    *(bool *)out = r;                                                                 \
  }
CPU_FOR_EACH_DTYPE(ALLANY)

#define R_ALL(name) {name##_BOOL, name##_U8, name##_I32, name##_I64, name##_F32, name##_F64}
#define R_FLT(name) {NULL, NULL, NULL, NULL, name##_F32, name##_F64}

/* ORDER TEN_REDOP */
static const red1_fn reducers[TEN_REDOP_COUNT][TEN_DTYPE_COUNT] = {
  R_ALL(sum), R_ALL(prod), R_ALL(amax), R_ALL(amin), R_ALL(all), R_ALL(any),
  R_ALL(maxidx), R_ALL(minidx), R_FLT(var), R_FLT(std), R_FLT(norm), R_FLT(lse),
};
_Static_assert(TEN_REDOP_COUNT == 12, "update reducers");

/* Value of an empty reduction (only sum/prod/all/any/norm/logsumexp reach the kernel empty). */
static void empty_value(ten_redop op, ten_dtype dt, void *out) {
  double v = op == TEN_REDOP_PROD || op == TEN_REDOP_ALL ? 1
           : op == TEN_REDOP_LOGSUMEXP ? -INFINITY
           : op == TEN_REDOP_VAR || op == TEN_REDOP_STD ? NAN : 0;
  switch (op == TEN_REDOP_ALL || op == TEN_REDOP_ANY ? TEN_DTYPE_BOOL : dt) {
  case TEN_DTYPE_BOOL: *(bool *)out = v != 0; break;
  case TEN_DTYPE_U8: *(uint8_t *)out = (uint8_t)v; break;
  case TEN_DTYPE_I32: *(int32_t *)out = (int32_t)v; break;
  case TEN_DTYPE_I64: *(int64_t *)out = (int64_t)v; break;
  case TEN_DTYPE_F32: *(float *)out = (float)v; break;
  case TEN_DTYPE_F64: *(double *)out = v; break;
  default: break;
  }
}

/* Walks the reduced block of one output element; gathers it when it is not one strided run. */
static void reduce_block(const red_plan *p, red1_fn fn, const char *base, size_t es, const red_args *a,
                         void *out, int64_t *idx, char *scratch) {
  if (p->nr <= 1) {
    fn(base, p->rnumel, p->nr ? p->rstride[0] : 1, a, out, idx);
    return;
  }
  int64_t pos[TEN_MAX_DIMS] = {0};
  for (int64_t i = 0; i < p->rnumel; i++) {
    int64_t off = 0;
    for (int d = 0; d < p->nr; d++) off += pos[d] * p->rstride[d];
    memcpy(scratch + i * (int64_t)es, base + off * (int64_t)es, es);
    for (int d = p->nr - 1; d >= 0; d--) {
      if (++pos[d] < p->rshape[d]) break;
      pos[d] = 0;
    }
  }
  fn(scratch, p->rnumel, 1, a, out, idx);
}

/* torch.sum of a float tensor, in cascade_sum.c's exact order; out is contiguous and zeroed by it. */
static int sum_float(ten_tensor *out, const ten_tensor *in, uint32_t mask) {
  int nthreads = omp_in_parallel() ? 1 : ten_get_num_threads();
  if (in->dtype == TEN_DTYPE_F32)
    return cpu_sum_reduce_f32(ten_data_ptr(in), in->ndim, in->shape, in->stride, mask, ten_data_ptr(out), nthreads);
  return cpu_sum_reduce_f64(ten_data_ptr(in), in->ndim, in->shape, in->stride, mask, ten_data_ptr(out), nthreads);
}

int cpu_reduce(ten_redop op, ten_tensor *out, ten_tensor *idx, const ten_tensor *in, uint32_t mask, double param) {
  red1_fn fn = reducers[op][in->dtype];
  if (!fn)
    return ten_error_set(TEN_E_RUNTIME, "reduction not implemented for '%s'", ten_dtype_scalar_name(in->dtype));
  if (op == TEN_REDOP_SUM && ten_dtype_is_float(in->dtype) && ten_is_contiguous(out)) {
    for (int d = 0; d < in->ndim; d++)
      if (in->stride[d] < 0) goto generic;
    if (sum_float(out, in, mask)) return ten_error_set(TEN_E_RUNTIME, "sum: too many dimensions");
    return 0;
  }
generic:;
  red_plan p;
  plan_init(&p, out, idx, in, mask);
  red_args args = {param, p.nr ? p.rshape[p.nr - 1] : 1, p.nr == 0 || p.rstride[p.nr - 1] == 1, p.nr <= 1,
                   p.knumel <= 1};
  size_t es = ten_dtype_size(in->dtype), eo = ten_dtype_size(out->dtype);
  const char *ib = ten_data_ptr(in);
  char *ob = ten_data_ptr(out);
  int64_t *xb = idx ? ten_data_ptr(idx) : NULL;
  bool gather = p.nr > 1;
  int threads = (p.knumel > 1 && p.knumel * p.rnumel >= TEN_GRAIN_SIZE && !omp_in_parallel()) ? omp_get_max_threads() : 1;
  if (threads > p.knumel) threads = (int)(p.knumel > 0 ? p.knumel : 1);
  int failed = 0;
#pragma omp parallel num_threads(threads) if (threads > 1)
  {
    char *scratch = gather ? malloc((size_t)p.rnumel * es + 1) : NULL;
    if (gather && !scratch) failed = 1;
#pragma omp for schedule(static)
    for (int64_t k = 0; k < p.knumel; k++) {
      if (gather && !scratch) continue;
      int64_t rem = k, ioff = 0, ooff = 0, xoff = 0;
      for (int d = p.nk - 1; d >= 0; d--) {
        int64_t c = rem % p.kshape[d];
        rem /= p.kshape[d];
        ioff += c * p.kin[d];
        ooff += c * p.kout[d];
        xoff += c * p.kidx[d];
      }
      int64_t dummy;
      if (p.rnumel == 0) {
        empty_value(op, in->dtype, ob + ooff * (int64_t)eo);
        continue;
      }
      reduce_block(&p, fn, ib + ioff * (int64_t)es, es, &args, ob + ooff * (int64_t)eo, xb ? xb + xoff : &dummy,
                   scratch);
    }
    free(scratch);
  }
  if (failed) return ten_error_set(TEN_E_NOMEM, "reduction: out of memory");
  return 0;
}
