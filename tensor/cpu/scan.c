/*
** tensor/cpu/scan.c — CPU kernels that walk one dim as a whole line: cumsum/cumprod
** (accumulating in double, as ATen's acc_type does on CPU), softmax/log_softmax (ATen's
** last-dim algorithm: max, exp(x - max), vectorised sum with the AVX2 lane tree, times 1/sum;
** over any other dim: a sequential sum and a division), and sort in exactly the order of
** libstdc++'s std::sort (introsort), which ATen calls for torch.sort (stable=False): ties keep
** their order up to 16 elements and are permuted by its partitioning beyond. NaN sorts as the
** largest value.
*/
/* No contraction of a*b+c into FMAs: the FMA clone below fuses exactly where it says FMA (the
   products of short rows are rounded before they are summed, as in ATen). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tensor/cpu/cpu.h"
#include "tensor/cpu/vmath.h"

/* Visits every line along dim: calls fn(in_line_ptr, out_line_ptr, ...) per line. */
typedef struct line_plan {
  int nk;
  int64_t kshape[TEN_MAX_DIMS], kin[TEN_MAX_DIMS], kout[TEN_MAX_DIMS], kout2[TEN_MAX_DIMS];
  int64_t lines, len, sin, sout, sout2;
} line_plan;

static void line_init(line_plan *p, const ten_tensor *in, const ten_tensor *out, const ten_tensor *out2, int dim) {
  memset(p, 0, sizeof *p);
  p->lines = 1;
  for (int d = 0; d < in->ndim; d++) {
    if (d == dim) continue;
    p->kshape[p->nk] = in->shape[d];
    p->kin[p->nk] = in->stride[d];
    p->kout[p->nk] = out->stride[d];
    p->kout2[p->nk] = out2 ? out2->stride[d] : 0;
    p->nk++;
    p->lines *= in->shape[d];
  }
  p->len = in->ndim ? in->shape[dim] : 1;
  p->sin = in->ndim ? in->stride[dim] : 1;
  p->sout = out->ndim ? out->stride[dim] : 1;
  p->sout2 = out2 && out2->ndim ? out2->stride[dim] : 1;
}

static void line_offsets(const line_plan *p, int64_t k, int64_t *io, int64_t *oo, int64_t *oo2) {
  *io = *oo = *oo2 = 0;
  for (int d = p->nk - 1; d >= 0; d--) {
    int64_t c = k % p->kshape[d];
    k /= p->kshape[d];
    *io += c * p->kin[d];
    *oo += c * p->kout[d];
    *oo2 += c * p->kout2[d];
  }
}

/* ---- cumsum / cumprod ---- */

#define CUM(T, S)                                                                      \
  static void cum_##S(const T *x, T *y, int64_t n, int64_t sx, int64_t sy, bool prod) { \
    if (prod) {                                                                       \
      double acc = 1;                                                                 \
      for (int64_t i = 0; i < n; i++) { acc *= (double)x[i * sx]; y[i * sy] = (T)acc; } \
    } else {                                                                          \
      double acc = 0;                                                                 \
      for (int64_t i = 0; i < n; i++) { acc += (double)x[i * sx]; y[i * sy] = (T)acc; } \
    }                                                                                 \
  }
CUM(float, F32)
CUM(double, F64)
#define ICUM(T, S)                                                                     \
  static void cum_##S(const T *x, T *y, int64_t n, int64_t sx, int64_t sy, bool prod) { \
    uint64_t acc = prod ? 1 : 0;                                                      \
    for (int64_t i = 0; i < n; i++) {                                                 \
      acc = prod ? acc * (uint64_t)(int64_t)x[i * sx] : acc + (uint64_t)(int64_t)x[i * sx]; \
      y[i * sy] = (T)acc;                                                             \
    }                                                                                 \
  }
ICUM(uint8_t, U8)
ICUM(int32_t, I32)
ICUM(int64_t, I64)

int cpu_cumulative(ten_tensor *out, const ten_tensor *in, int dim, bool prod) {
  line_plan p;
  line_init(&p, in, out, NULL, dim);
  for (int64_t k = 0; k < p.lines; k++) {
    int64_t io, oo, o2;
    line_offsets(&p, k, &io, &oo, &o2);
    switch (in->dtype) {
    case TEN_DTYPE_F32: cum_F32((const float *)ten_data_ptr(in) + io, (float *)ten_data_ptr(out) + oo, p.len, p.sin, p.sout, prod); break;
    case TEN_DTYPE_F64: cum_F64((const double *)ten_data_ptr(in) + io, (double *)ten_data_ptr(out) + oo, p.len, p.sin, p.sout, prod); break;
    case TEN_DTYPE_U8: cum_U8((const uint8_t *)ten_data_ptr(in) + io, (uint8_t *)ten_data_ptr(out) + oo, p.len, p.sin, p.sout, prod); break;
    case TEN_DTYPE_I32: cum_I32((const int32_t *)ten_data_ptr(in) + io, (int32_t *)ten_data_ptr(out) + oo, p.len, p.sin, p.sout, prod); break;
    case TEN_DTYPE_I64: cum_I64((const int64_t *)ten_data_ptr(in) + io, (int64_t *)ten_data_ptr(out) + oo, p.len, p.sin, p.sout, prod); break;
    default: return ten_error_set(TEN_E_RUNTIME, "cumulative op not implemented for '%s'", ten_dtype_scalar_name(in->dtype));
    }
  }
  return 0;
}

/* ---- softmax ---- */

/* vec::reduce_all(+) order over a contiguous float row: 8 lane accumulators, a partial last
   vector, then the AVX2 lane tree ((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7)). */
static float vec_sum_F32(const float *x, int64_t n) {
  if (n < 8) {
    float acc = x[0];
    for (int64_t i = 1; i < n; i++) acc += x[i];
    return acc;
  }
  float a[8];
  for (int k = 0; k < 8; k++) a[k] = x[k];
  int64_t d = 8;
  for (; d < n - (n % 8); d += 8)
    for (int k = 0; k < 8; k++) a[k] += x[d + k];
  for (int k = 0; k < n - d; k++) a[k] += x[d + k];
  float b0 = a[0] + a[4], b1 = a[1] + a[5], b2 = a[2] + a[6], b3 = a[3] + a[7];
  return (b0 + b2) + (b1 + b3);
}

/* Double vectors have no lane-tree specialisation: 4 accumulators, then lanes in order. */
static double vec_sum_F64(const double *x, int64_t n) {
  if (n < 4) {
    double acc = x[0];
    for (int64_t i = 1; i < n; i++) acc += x[i];
    return acc;
  }
  double a[4];
  for (int k = 0; k < 4; k++) a[k] = x[k];
  int64_t d = 4;
  for (; d < n - (n % 4); d += 4)
    for (int k = 0; k < 4; k++) a[k] += x[d + k];
  for (int k = 0; k < n - d; k++) a[k] += x[d + k];
  return ((a[0] + a[1]) + a[2]) + a[3];
}

/* lastdim: ATen's _vec_(log_)softmax_lastdim; else _vec_softmax / _vec_log_softmax, which sum
   each column sequentially and divide by the sum. vexp: the line's exp is a vector lane (SLEEF's
   exp, VEXP), else libm's (EXP): _vec_softmax and _vec_log_softmax vectorise only whole groups of 8
   inner positions. */
#define SOFTMAX(T, S, VEXP, EXP, LOG)                                                        \
  static void softmax_line_##S(const T *x, T *y, int64_t n, int64_t sx, int64_t sy, bool logsm, bool lastdim, \
                               bool vexp, T *buf) {                                   \
    T m = x[0];                                                                       \
    for (int64_t i = 1; i < n; i++) {                                                 \
      T v = x[i * sx];                                                                \
      if (v != v || v > m) m = v;                                                     \
    }                                                                                 \
    for (int64_t i = 0; i < n; i++) buf[i] = vexp ? VEXP(x[i * sx] - m) : EXP(x[i * sx] - m); \
    T sum = 0;                                                                        \
    if (lastdim) sum = vec_sum_##S(buf, n);                                           \
    else for (int64_t i = 0; i < n; i++) sum += buf[i];                               \
    if (logsm) {                                                                      \
      T ls = LOG(sum);                                                                \
      for (int64_t i = 0; i < n; i++) y[i * sy] = x[i * sx] - m - ls;                 \
    } else if (lastdim) {                                                             \
      T inv = (T)1 / sum;                                                             \
      for (int64_t i = 0; i < n; i++) y[i * sy] = buf[i] * inv;                       \
    } else {                                                                          \
      for (int64_t i = 0; i < n; i++) y[i * sy] = buf[i] / sum;                       \
    }                                                                                 \
  }
SOFTMAX(float, F32, cpu_sleef_expf, expf, cpu_sleef_logf)
SOFTMAX(double, F64, exp, exp, log)

/* ---- softmax / log_softmax backward, last dim, float32 ---- */

/* Compiled twice: with FMA instructions (AVX2 machines) and with libm's fmaf (same results). */
#define SB_DEFINE(SUF, ATTR, FMA)                                                      \
  /* ATen's vec::map2_reduce_all(x * y, +) compiled with FMA contraction: lanes start at x*y, then \
     fma(x, y, lane) over whole vectors and the tail's lanes, then the lane tree; under 8 elements \
     the rounded products summed in order. */                                          \
  ATTR static float sb_dot_##SUF(const float *x, const float *y, int64_t n) {          \
    if (n < 8) {                                                                      \
      float acc = x[0] * y[0];                                                        \
      for (int64_t i = 1; i < n; i++) acc += x[i] * y[i];                             \
      return acc;                                                                     \
    }                                                                                 \
    float a[8];                                                                       \
    for (int k = 0; k < 8; k++) a[k] = x[k] * y[k];                                   \
    int64_t d = 8;                                                                    \
    for (; d < n - (n % 8); d += 8)                                                   \
      for (int k = 0; k < 8; k++) a[k] = FMA(x[d + k], y[d + k], a[k]);               \
    for (int k = 0; k < n - d; k++) a[k] = FMA(x[d + k], y[d + k], a[k]);             \
    float b0 = a[0] + a[4], b1 = a[1] + a[5], b2 = a[2] + a[6], b3 = a[3] + a[7];     \
    return (b0 + b2) + (b1 + b3);                                                     \
  }                                                                                   \
  /* _vec_log_softmax_backward_lastdim: gi = g - exp(y) * sum(g), product and difference fused; \
     _vec_softmax_backward_lastdim: gi = (g - sum(g * y)) * y. Rows of n contiguous floats. */ \
  ATTR static void sb_rows_##SUF(float *gi, const float *g, const float *y, int64_t rows, int64_t n, \
                                 bool log, float *e) {                                \
    for (int64_t r = 0; r < rows; r++, gi += n, g += n, y += n) {                     \
      if (log) {                                                                      \
        float sum = vec_sum_F32(g, n);                                                \
        cpu_sleef_exp_n(e, y, n);                                                     \
        for (int64_t i = 0; i < n; i++) gi[i] = FMA(-e[i], sum, g[i]);                \
      } else {                                                                        \
        float sum = sb_dot_##SUF(g, y, n);                                            \
        for (int64_t i = 0; i < n; i++) gi[i] = (g[i] - sum) * y[i];                  \
      }                                                                               \
    }                                                                                 \
  }
SB_DEFINE(libm, , fmaf)
#if defined(__GNUC__) && defined(__x86_64__)
#define SB_HAVE_FMA_CLONE 1
SB_DEFINE(fma, __attribute__((target("avx2,fma"))), __builtin_fmaf)
#endif

bool cpu_softmax_backward_lastdim(ten_tensor *gi, const ten_tensor *g, const ten_tensor *y, bool log) {
  int64_t n = g->ndim ? g->shape[g->ndim - 1] : 1, rows = n ? ten_numel(g) / n : 0;
  if (n == 0 || rows == 0) return true;
  float *e = log ? malloc((size_t)n * sizeof(float)) : NULL;
  if (log && !e) return false;
#ifdef SB_HAVE_FMA_CLONE
  if (__builtin_cpu_supports("fma") && __builtin_cpu_supports("avx2"))
    sb_rows_fma(ten_data_ptr(gi), ten_data_ptr(g), ten_data_ptr(y), rows, n, log, e);
  else
#endif
    sb_rows_libm(ten_data_ptr(gi), ten_data_ptr(g), ten_data_ptr(y), rows, n, log, e);
  free(e);
  return true;
}

int cpu_softmax(ten_tensor *out, const ten_tensor *in, int dim, bool log) {
  if (!ten_dtype_is_float(in->dtype))
    return ten_error_set(TEN_E_RUNTIME, "\"%s\" not implemented for '%s'",
                         log ? "log_softmax_lastdim_kernel_impl" : "softmax_lastdim_kernel_impl",
                         ten_dtype_scalar_name(in->dtype));
  line_plan p;
  line_init(&p, in, out, NULL, dim);
  if (p.len == 0) return 0;
  bool lastdim = dim >= in->ndim - 1;
  void *buf = malloc((size_t)p.len * ten_dtype_size(in->dtype));
  if (!buf) return ten_error_set(TEN_E_NOMEM, "softmax: out of memory");
  int64_t inner = 1;
  for (int d = dim + 1; d < in->ndim; d++) inner *= in->shape[d];
  int64_t vec_inner = inner - inner % 8;
  for (int64_t k = 0; k < p.lines; k++) {
    int64_t io, oo, o2;
    line_offsets(&p, k, &io, &oo, &o2);
    bool vexp = lastdim || k % inner < vec_inner;
    if (in->dtype == TEN_DTYPE_F32)
      softmax_line_F32((const float *)ten_data_ptr(in) + io, (float *)ten_data_ptr(out) + oo, p.len, p.sin, p.sout, log,
                       lastdim, vexp, buf);
    else
      softmax_line_F64((const double *)ten_data_ptr(in) + io, (double *)ten_data_ptr(out) + oo, p.len, p.sin, p.sout, log,
                       lastdim, vexp, buf);
  }
  free(buf);
  return 0;
}

/* ---- sort ---- */

typedef struct sort_item {
  double v;             /* value widened (int64 beyond 2^53 compares through iv) */
  int64_t iv;
  int64_t i;
} sort_item;

typedef struct sort_cmp {
  bool is_float, desc;
} sort_cmp;

/* ATen's KeyValueCompAsc / KeyValueCompDesc: NaN is the largest value. */
static bool less(const sort_cmp *c, const sort_item *a, const sort_item *b) {
  if (!c->is_float) return c->desc ? a->iv > b->iv : a->iv < b->iv;
  bool an = a->v != a->v, bn = b->v != b->v;
  return c->desc ? (an && !bn) || a->v > b->v : (!an && bn) || a->v < b->v;
}

static void swap_items(sort_item *a, sort_item *b) {
  sort_item t = *a;
  *a = *b;
  *b = t;
}

/* libstdc++'s std::sort, step for step (introsort: median-of-3 quicksort down to 16-element
   runs, heapsort past 2*log2(n) levels, then a final insertion sort). */
static void adjust_heap(const sort_cmp *c, sort_item *a, int64_t hole, int64_t len, sort_item v) {
  int64_t top = hole, child = hole;
  while (child < (len - 1) / 2) {
    child = 2 * (child + 1);
    if (less(c, &a[child], &a[child - 1])) child--;
    a[hole] = a[child];
    hole = child;
  }
  if ((len & 1) == 0 && child == (len - 2) / 2) {
    child = 2 * (child + 1);
    a[hole] = a[child - 1];
    hole = child - 1;
  }
  for (int64_t parent = (hole - 1) / 2; hole > top && less(c, &a[parent], &v); parent = (hole - 1) / 2) {
    a[hole] = a[parent];
    hole = parent;
  }
  a[hole] = v;
}

static void heap_sort(const sort_cmp *c, sort_item *a, int64_t n) {
  for (int64_t parent = (n - 2) / 2; n >= 2; parent--) {
    adjust_heap(c, a, parent, n, a[parent]);
    if (parent == 0) break;
  }
  for (int64_t last = n - 1; last > 0; last--) {
    sort_item v = a[last];
    a[last] = a[0];
    adjust_heap(c, a, 0, last, v);
  }
}

static void move_median_to_first(const sort_cmp *c, sort_item *r, sort_item *a, sort_item *b, sort_item *d) {
  if (less(c, a, b)) {
    if (less(c, b, d)) swap_items(r, b);
    else if (less(c, a, d)) swap_items(r, d);
    else swap_items(r, a);
  } else if (less(c, a, d)) {
    swap_items(r, a);
  } else if (less(c, b, d)) {
    swap_items(r, d);
  } else {
    swap_items(r, b);
  }
}

static void introsort_loop(const sort_cmp *c, sort_item *first, sort_item *last, int depth) {
  while (last - first > 16) {
    if (depth == 0) {
      heap_sort(c, first, last - first);
      return;
    }
    depth--;
    move_median_to_first(c, first, first + 1, first + (last - first) / 2, last - 1);
    sort_item *lo = first + 1, *hi = last;   /* unguarded partition around *first */
    for (;;) {
      while (less(c, lo, first)) lo++;
      hi--;
      while (less(c, first, hi)) hi--;
      if (!(lo < hi)) break;
      swap_items(lo, hi);
      lo++;
    }
    introsort_loop(c, lo, last, depth);
    last = lo;
  }
}

static void linear_insert(const sort_cmp *c, sort_item *last) {
  sort_item v = *last;
  for (sort_item *next = last - 1; less(c, &v, next); next--) {
    *last = *next;
    last = next;
  }
  *last = v;
}

static void insertion_sort(const sort_cmp *c, sort_item *first, sort_item *last) {
  for (sort_item *i = first + 1; i < last; i++) {
    if (less(c, i, first)) {
      sort_item v = *i;
      memmove(first + 1, first, sizeof(sort_item) * (size_t)(i - first));
      *first = v;
    } else {
      linear_insert(c, i);
    }
  }
}

static void std_sort(const sort_cmp *c, sort_item *a, int64_t n) {
  if (n < 2) return;
  int lg = 0;
  while ((n >> (lg + 1)) > 0) lg++;
  introsort_loop(c, a, a + n, 2 * lg);
  if (n > 16) {
    insertion_sort(c, a, a + 16);
    for (sort_item *i = a + 16; i < a + n; i++) linear_insert(c, i);
  } else {
    insertion_sort(c, a, a + n);
  }
}

int cpu_sort(ten_tensor *values, ten_tensor *indices, const ten_tensor *in, int dim, bool descending) {
  line_plan p;
  line_init(&p, in, values, indices, dim);
  if (p.len == 0) return 0;
  sort_item *items = malloc(sizeof(sort_item) * (size_t)p.len);
  if (!items) return ten_error_set(TEN_E_NOMEM, "sort: out of memory");
  sort_cmp cmp = {ten_dtype_is_float(in->dtype), descending};
  size_t es = ten_dtype_size(in->dtype);
  const char *ib = ten_data_ptr(in);
  char *vb = ten_data_ptr(values);
  int64_t *xb = ten_data_ptr(indices);
  for (int64_t k = 0; k < p.lines; k++) {
    int64_t io, oo, xo;
    line_offsets(&p, k, &io, &oo, &xo);
    for (int64_t i = 0; i < p.len; i++) {
      const char *e = ib + (io + i * p.sin) * (int64_t)es;
      items[i].i = i;
      switch (in->dtype) {
      case TEN_DTYPE_F32: items[i].v = *(const float *)e; break;
      case TEN_DTYPE_F64: items[i].v = *(const double *)e; break;
      case TEN_DTYPE_BOOL: items[i].iv = *(const bool *)e; break;
      case TEN_DTYPE_U8: items[i].iv = *(const uint8_t *)e; break;
      case TEN_DTYPE_I32: items[i].iv = *(const int32_t *)e; break;
      default: items[i].iv = *(const int64_t *)e; break;
      }
    }
    std_sort(&cmp, items, p.len);
    for (int64_t i = 0; i < p.len; i++) {
      memcpy(vb + (oo + i * p.sout) * (int64_t)es, ib + (io + items[i].i * p.sin) * (int64_t)es, es);
      xb[xo + i * p.sout2] = items[i].i;
    }
  }
  free(items);
  return 0;
}
