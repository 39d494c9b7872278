/*
** tensor/cpu/reduce.c — CPU reductions: the kept dims index output elements, the reduced dims
** (coalesced) form one block per output that a 1-D reducer walks. Float sums use PyTorch's
** cascade order (cascade_sum.c), so sum/mean match torch bit for bit; var/std accumulate in
** double as ATen's Welford does. Output: same ndim as the input, reduced dims of size 1.
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
  for (int d = 0; d < in->ndim; d++) {
    if (mask & (1u << d)) {
      if (in->shape[d] == 1) continue;
      /* merge with the previous reduced dim when contiguous with it */
      if (p->nr > 0 && p->rstride[p->nr - 1] == in->shape[d] * in->stride[d]) {
        p->rshape[p->nr - 1] *= in->shape[d];
        p->rstride[p->nr - 1] = in->stride[d];
      } else {
        p->rshape[p->nr] = in->shape[d];
        p->rstride[p->nr++] = in->stride[d];
      }
      p->rnumel *= in->shape[d];
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

/* A reduced block as a 1-D strided sequence: x[i*stride], i < n (gathered when needed). */
typedef void (*red1_fn)(const void *x, int64_t n, int64_t stride, double param, void *out, int64_t *idx);

/* ---- 1-D reducers ---- */

#define FLOAT_RED(T, S)                                                                \
  static void sum_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
    *(T *)out = cpu_cascade_sum_##S(vx, n, st);                                       \
  }                                                                                   \
  static void prod_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    T acc = 1;                                                                        \
    for (int64_t i = 0; i < n; i++) acc *= x[i * st];                                 \
    *(T *)out = acc;                                                                  \
  }                                                                                   \
  static void amax_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    T best = x[0];                                                                    \
    for (int64_t i = 1; i < n && best == best; i++) {                                 \
      T v = x[i * st];                                                                \
      if (v != v || v > best) best = v;                                               \
    }                                                                                 \
    *(T *)out = best;                                                                 \
  }                                                                                   \
  static void amin_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    T best = x[0];                                                                    \
    for (int64_t i = 1; i < n && best == best; i++) {                                 \
      T v = x[i * st];                                                                \
      if (v != v || v < best) best = v;                                               \
    }                                                                                 \
    *(T *)out = best;                                                                 \
  }                                                                                   \
  static void maxidx_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
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
  static void minidx_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
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
  static double var_of_##S(const T *x, int64_t n, int64_t st, double correction) {   \
    double mean = 0, m2 = 0;                                                          \
    for (int64_t i = 0; i < n; i++) { /* Welford, in double */                        \
      double v = x[i * st], delta = v - mean;                                         \
      mean += delta / (double)(i + 1);                                                \
      m2 += delta * (v - mean);                                                       \
    }                                                                                 \
    double dof = (double)n - correction;                                              \
    return dof > 0 ? m2 / dof : (dof == 0 ? NAN : NAN);                               \
  }                                                                                   \
  static void var_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
    *(T *)out = (T)var_of_##S(vx, n, st, p);                                          \
  }                                                                                   \
  static void std_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
    *(T *)out = (T)sqrt(var_of_##S(vx, n, st, p));                                    \
  }                                                                                   \
  static void norm_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    double acc = 0;                                                                   \
    if (p == INFINITY || p == -INFINITY) {                                            \
      acc = n ? fabs((double)x[0]) : (p > 0 ? 0 : INFINITY);                          \
      for (int64_t i = 0; i < n; i++) {                                               \
        double v = fabs((double)x[i * st]);                                           \
        if (v != v) { acc = v; break; }                                               \
        if (p > 0 ? v > acc : v < acc) acc = v;                                       \
      }                                                                               \
    } else if (p == 0) {                                                              \
      for (int64_t i = 0; i < n; i++) acc += x[i * st] != 0;                          \
    } else if (p == 1) {                                                              \
      for (int64_t i = 0; i < n; i++) acc += fabs((double)x[i * st]);                 \
    } else if (p == 2) {                                                              \
      for (int64_t i = 0; i < n; i++) acc += (double)x[i * st] * (double)x[i * st];   \
      acc = sqrt(acc);                                                                \
    } else {                                                                          \
      for (int64_t i = 0; i < n; i++) acc += pow(fabs((double)x[i * st]), p);         \
      acc = pow(acc, 1.0 / p);                                                        \
    }                                                                                 \
    *(T *)out = (T)acc;                                                               \
  }                                                                                   \
  static void lse_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
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
  static void sum_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    uint64_t acc = 0;                                                                 \
    for (int64_t i = 0; i < n; i++) acc += (uint64_t)(int64_t)x[i * st];              \
    *(T *)out = (T)acc;                                                               \
  }                                                                                   \
  static void prod_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    uint64_t acc = 1;                                                                 \
    for (int64_t i = 0; i < n; i++) acc *= (uint64_t)(int64_t)x[i * st];              \
    *(T *)out = (T)acc;                                                               \
  }                                                                                   \
  static void amax_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    T best = x[0];                                                                    \
    for (int64_t i = 1; i < n; i++) if (x[i * st] > best) best = x[i * st];           \
    *(T *)out = best;                                                                 \
  }                                                                                   \
  static void amin_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    T best = x[0];                                                                    \
    for (int64_t i = 1; i < n; i++) if (x[i * st] < best) best = x[i * st];           \
    *(T *)out = best;                                                                 \
  }                                                                                   \
  static void maxidx_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    int64_t bi = 0;                                                                   \
    for (int64_t i = 1; i < n; i++) if (x[i * st] > x[bi * st]) bi = i;               \
    *(T *)out = x[bi * st];                                                           \
    *idx = bi;                                                                        \
  }                                                                                   \
  static void minidx_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
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
  static void all_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
    const T *x = vx;                                                                  \
    bool r = true;                                                                    \
    for (int64_t i = 0; i < n && r; i++) r = x[i * st] != 0;                          \
    *(bool *)out = r;                                                                 \
  }                                                                                   \
  static void any_##S(const void *vx, int64_t n, int64_t st, double p, void *out, int64_t *idx) { \
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
static void reduce_block(const red_plan *p, red1_fn fn, const char *base, size_t es, double param,
                         void *out, int64_t *idx, char *scratch) {
  if (p->nr <= 1) {
    fn(base, p->rnumel, p->nr ? p->rstride[0] : 1, param, out, idx);
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
  fn(scratch, p->rnumel, 1, param, out, idx);
}

int cpu_reduce(ten_redop op, ten_tensor *out, ten_tensor *idx, const ten_tensor *in, uint32_t mask, double param) {
  red1_fn fn = reducers[op][in->dtype];
  if (!fn)
    return ten_error_set(TEN_E_RUNTIME, "reduction not implemented for '%s'", ten_dtype_scalar_name(in->dtype));
  red_plan p;
  plan_init(&p, out, idx, in, mask);
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
      reduce_block(&p, fn, ib + ioff * (int64_t)es, es, param, ob + ooff * (int64_t)eo, xb ? xb + xoff : &dummy,
                   scratch);
    }
    free(scratch);
  }
  if (failed) return ten_error_set(TEN_E_NOMEM, "reduction: out of memory");
  return 0;
}
