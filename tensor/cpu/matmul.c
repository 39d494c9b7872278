/*
** tensor/cpu/matmul.c — matrix products on the CPU: OpenBLAS sgemm/dgemm, gemv and dot for
** float types (the same BLAS calls PyTorch makes, so the results agree bit for bit), plain
** loops for integral types and, as ATen does, for small torch.bmm products (k*m*n < 400).
** Operands with strides BLAS cannot take are copied first.
*/
#include <cblas.h>
#include <stdlib.h>
#include <string.h>

#include "tensor/cpu/cpu.h"

/* How BLAS can read a (rows x cols) matrix with strides (rs, cs): row-major (no transpose)
   or column-major (transpose), with its leading dimension. false: needs a copy. */
static bool blas_view(int64_t rows, int64_t cols, int64_t rs, int64_t cs, bool *trans, int64_t *ld) {
  int64_t mc = cols > 1 ? cols : 1, mr = rows > 1 ? rows : 1;
  if ((cs == 1 || cols == 1) && (rows == 1 || rs >= mc)) {
    *trans = false;
    *ld = rows == 1 ? mc : rs;
    if (*ld < mc) *ld = mc;
    return true;
  }
  if ((rs == 1 || rows == 1) && (cols == 1 || cs >= mr)) {
    *trans = true;
    *ld = cols == 1 ? mr : cs;
    if (*ld < mr) *ld = mr;
    return true;
  }
  return false;
}

#define INT_GEMM(T, S)                                                                 \
  static void gemm_##S(T *c, const T *a, const T *b, int64_t m, int64_t n, int64_t k,  \
                       int64_t as0, int64_t as1, int64_t bs0, int64_t bs1, int64_t cs0, int64_t cs1, \
                       int64_t beta, int64_t alpha) {                                 \
    for (int64_t i = 0; i < m; i++)                                                   \
      for (int64_t j = 0; j < n; j++) {                                               \
        uint64_t acc = 0;                                                             \
        for (int64_t p = 0; p < k; p++)                                               \
          acc += (uint64_t)(int64_t)a[i * as0 + p * as1] * (uint64_t)(int64_t)b[p * bs0 + j * bs1]; \
        T *o = &c[i * cs0 + j * cs1];                                                 \
        uint64_t prev = beta ? (uint64_t)beta * (uint64_t)(int64_t)*o : 0;            \
        *o = (T)(prev + (uint64_t)alpha * acc);                                       \
      }                                                                               \
  }
INT_GEMM(uint8_t, U8)
INT_GEMM(int32_t, I32)
INT_GEMM(int64_t, I64)

/* One float product C = beta*C + alpha*A@B through cblas (C row-major contiguous rows). */
static int blas_gemm(ten_dtype dt, char *c, const char *a, const char *b, int64_t m, int64_t n, int64_t k,
                     const int64_t *as, const int64_t *bs, int64_t ldc, double beta, double alpha) {
  size_t es = ten_dtype_size(dt);
  bool ta, tb;
  int64_t lda, ldb;
  void *ca = NULL, *cb = NULL;
  if (!blas_view(m, k, as[0], as[1], &ta, &lda)) {
    ca = malloc((size_t)(m * k) * es + 1);
    if (!ca) return ten_error_set(TEN_E_NOMEM, "matmul: out of memory");
    for (int64_t i = 0; i < m; i++)
      for (int64_t p = 0; p < k; p++)
        memcpy((char *)ca + (i * k + p) * (int64_t)es, a + (i * as[0] + p * as[1]) * (int64_t)es, es);
    a = ca;
    ta = false;
    lda = k > 1 ? k : 1;
  }
  if (!blas_view(k, n, bs[0], bs[1], &tb, &ldb)) {
    cb = malloc((size_t)(k * n) * es + 1);
    if (!cb) {
      free(ca);
      return ten_error_set(TEN_E_NOMEM, "matmul: out of memory");
    }
    for (int64_t p = 0; p < k; p++)
      for (int64_t j = 0; j < n; j++)
        memcpy((char *)cb + (p * n + j) * (int64_t)es, b + (p * bs[0] + j * bs[1]) * (int64_t)es, es);
    b = cb;
    tb = false;
    ldb = n > 1 ? n : 1;
  }
  CBLAS_TRANSPOSE tra = ta ? CblasTrans : CblasNoTrans, trb = tb ? CblasTrans : CblasNoTrans;
  if (dt == TEN_DTYPE_F32) {
    if (!cpu_sgemm((float *)c, ldc, (const float *)a, ta, lda, (const float *)b, tb, ldb, m, n, k, (float)alpha,
                   (float)beta))
      cblas_sgemm(CblasRowMajor, tra, trb, (blasint)m, (blasint)n, (blasint)k, (float)alpha, (const float *)a,
                  (blasint)lda, (const float *)b, (blasint)ldb, (float)beta, (float *)c, (blasint)ldc);
  } else {
    cblas_dgemm(CblasRowMajor, tra, trb, (blasint)m, (blasint)n, (blasint)k, alpha, (const double *)a,
                (blasint)lda, (const double *)b, (blasint)ldb, beta, (double *)c, (blasint)ldc);
  }
  free(ca);
  free(cb);
  return 0;
}

/* ATen's baddbmm_cpu_kernel for bmm: c[i][j] = sum over k in order, in T, no FMA. */
#define LOOP_BMM(T, S)                                                                 \
  static void loop_bmm_##S(T *c, const T *a, const T *b, int64_t m, int64_t n, int64_t k, const int64_t *as, \
                           const int64_t *bs, const int64_t *cs) {                    \
    for (int64_t i = 0; i < m; i++)                                                   \
      for (int64_t j = 0; j < n; j++) {                                               \
        T acc = 0;                                                                    \
        for (int64_t p = 0; p < k; p++) acc += a[i * as[0] + p * as[1]] * b[p * bs[0] + j * bs[1]]; \
        c[i * cs[0] + j * cs[1]] = acc;                                               \
      }                                                                               \
  }
LOOP_BMM(float, F32)
LOOP_BMM(double, F64)

/* OpenBLAS's pthread build starts its worker pool when the library loads, and idle workers spin
   (sched_yield) for a while: that steals the second core from an interpreter that has not
   multiplied a matrix yet. blas_thread_shutdown_ (exported by OpenBLAS, not in cblas.h) stops the
   pool; OpenBLAS starts it again by itself at the next threaded call. Weak: other BLAS builds lack it. */
extern int blas_thread_shutdown_(void) __attribute__((weak));

void ten_blas_release_threads(void) {
  if (blas_thread_shutdown_) blas_thread_shutdown_();
}

int cpu_gemm(ten_tensor *c, const ten_tensor *a, const ten_tensor *b, double beta, double alpha, bool bmm) {
  /* c (B, m, n), a (B, m, k), b (B, k, n) */
  int64_t batch = c->shape[0], m = c->shape[1], n = c->shape[2], k = a->shape[2];
  ten_dtype dt = c->dtype;
  size_t es = ten_dtype_size(dt);
  if (dt == TEN_DTYPE_BOOL)
    return ten_error_set(TEN_E_RUNTIME, "\"addmm_impl_cpu_\" not implemented for 'Bool'");
  if (m == 0 || n == 0) return 0;
  for (int64_t i = 0; i < batch; i++) {
    char *pc = (char *)ten_data_ptr(c) + i * c->stride[0] * (int64_t)es;
    const char *pa = (const char *)ten_data_ptr(a) + i * a->stride[0] * (int64_t)es;
    const char *pb = (const char *)ten_data_ptr(b) + i * b->stride[0] * (int64_t)es;
    if (ten_dtype_is_float(dt) && bmm && k * m * n < 400) {
      if (dt == TEN_DTYPE_F32)
        loop_bmm_F32((float *)pc, (const float *)pa, (const float *)pb, m, n, k, &a->stride[1], &b->stride[1], &c->stride[1]);
      else
        loop_bmm_F64((double *)pc, (const double *)pa, (const double *)pb, m, n, k, &a->stride[1], &b->stride[1],
                     &c->stride[1]);
      continue;
    }
    if (ten_dtype_is_float(dt)) {
      if (k == 0) {   /* BLAS with k = 0 only scales C */
        for (int64_t r = 0; r < m; r++)
          for (int64_t q = 0; q < n; q++) {
            char *e = pc + (r * c->stride[1] + q * c->stride[2]) * (int64_t)es;
            if (dt == TEN_DTYPE_F32) *(float *)e = beta == 0 ? 0.0f : (float)beta * *(float *)e;
            else *(double *)e = beta == 0 ? 0.0 : beta * *(double *)e;
          }
        continue;
      }
      if (c->stride[2] != 1 || c->stride[1] < (n > 1 ? n : 1))
        return ten_error_set(TEN_E_RUNTIME, "gemm: output must have contiguous rows");
      if (blas_gemm(dt, pc, pa, pb, m, n, k, &a->stride[1], &b->stride[1], c->stride[1], beta, alpha)) return -1;
      continue;
    }
    switch (dt) {
    case TEN_DTYPE_U8:
      gemm_U8((uint8_t *)pc, (const uint8_t *)pa, (const uint8_t *)pb, m, n, k, a->stride[1], a->stride[2],
              b->stride[1], b->stride[2], c->stride[1], c->stride[2], (int64_t)beta, (int64_t)alpha);
      break;
    case TEN_DTYPE_I32:
      gemm_I32((int32_t *)pc, (const int32_t *)pa, (const int32_t *)pb, m, n, k, a->stride[1], a->stride[2],
               b->stride[1], b->stride[2], c->stride[1], c->stride[2], (int64_t)beta, (int64_t)alpha);
      break;
    default:
      gemm_I64((int64_t *)pc, (const int64_t *)pa, (const int64_t *)pb, m, n, k, a->stride[1], a->stride[2],
               b->stride[1], b->stride[2], c->stride[1], c->stride[2], (int64_t)beta, (int64_t)alpha);
      break;
    }
  }
  return 0;
}

int cpu_gemv(ten_tensor *y, const ten_tensor *a, const ten_tensor *x, double beta, double alpha) {
  /* y (m), a (m, k), x (k): expressed as a gemm of (1, m, k) x (1, k, 1) for integral types */
  int64_t m = a->shape[0], k = a->shape[1];
  ten_dtype dt = y->dtype;
  if (!ten_dtype_is_float(dt) || m == 0) {
    if (m == 0) return 0;
    ten_tensor *c3 = ten_from_storage(y->storage, dt, y->offset, (int64_t[]){1, m, 1},
                                      (int64_t[]){0, y->stride[0], 1}, 3);
    ten_tensor *a3 = ten_from_storage(a->storage, dt, a->offset, (int64_t[]){1, m, k},
                                      (int64_t[]){0, a->stride[0], a->stride[1]}, 3);
    ten_tensor *x3 = ten_from_storage(x->storage, dt, x->offset, (int64_t[]){1, k, 1},
                                      (int64_t[]){0, x->stride[0], 1}, 3);
    int rc = c3 && a3 && x3 ? cpu_gemm(c3, a3, x3, beta, alpha, false) : -1;
    ten_release(c3);
    ten_release(a3);
    ten_release(x3);
    return rc;
  }
  bool trans;
  int64_t lda;
  ten_tensor *ac = NULL, *xc = NULL;
  if (!blas_view(m, k, a->stride[0], a->stride[1], &trans, &lda)) {
    ac = ten_contiguous((ten_tensor *)a);
    if (!ac) return -1;
    a = ac;
    trans = false;
    lda = k > 1 ? k : 1;
  }
  if (x->stride[0] <= 0 && k > 1) {
    xc = ten_contiguous((ten_tensor *)x);
    if (!xc) {
      ten_release(ac);
      return -1;
    }
    x = xc;
  }
  blasint incx = (blasint)(k > 1 ? x->stride[0] : 1), incy = (blasint)(m > 1 ? y->stride[0] : 1);
  /* row-major A (m x k): NoTrans with (m, k); column-major: it is A^T (k x m) row-major, Trans */
  CBLAS_TRANSPOSE tr = trans ? CblasTrans : CblasNoTrans;
  blasint rows = (blasint)(trans ? k : m), cols = (blasint)(trans ? m : k);
  if (k == 0) {
    for (int64_t i = 0; i < m; i++) {
      char *e = (char *)ten_data_ptr(y) + i * y->stride[0] * (int64_t)ten_dtype_size(dt);
      if (dt == TEN_DTYPE_F32) *(float *)e = beta == 0 ? 0.0f : (float)beta * *(float *)e;
      else *(double *)e = beta == 0 ? 0.0 : beta * *(double *)e;
    }
  } else if (dt == TEN_DTYPE_F32) {
    cblas_sgemv(CblasRowMajor, tr, rows, cols, (float)alpha, ten_data_ptr(a), (blasint)lda, ten_data_ptr(x), incx,
                (float)beta, ten_data_ptr(y), incy);
  } else {
    cblas_dgemv(CblasRowMajor, tr, rows, cols, alpha, ten_data_ptr(a), (blasint)lda, ten_data_ptr(x), incx, beta,
                ten_data_ptr(y), incy);
  }
  ten_release(ac);
  ten_release(xc);
  return 0;
}

int cpu_dot(ten_tensor *out, const ten_tensor *a, const ten_tensor *b) {
  int64_t n = a->shape[0];
  ten_dtype dt = a->dtype;
  blasint ia = (blasint)(n > 1 ? a->stride[0] : 1), ib = (blasint)(n > 1 ? b->stride[0] : 1);
  switch (dt) {
  case TEN_DTYPE_F32: *(float *)ten_data_ptr(out) = n ? cblas_sdot((blasint)n, ten_data_ptr(a), ia, ten_data_ptr(b), ib) : 0.0f; break;
  case TEN_DTYPE_F64: *(double *)ten_data_ptr(out) = n ? cblas_ddot((blasint)n, ten_data_ptr(a), ia, ten_data_ptr(b), ib) : 0.0; break;
  default: {
    uint64_t acc = 0;
    for (int64_t i = 0; i < n; i++) acc += (uint64_t)ten_get_int(a, i) * (uint64_t)ten_get_int(b, i);
    ten_scalar s = ten_scalar_int((int64_t)acc);
    return cpu_fill(out, s);
  }
  }
  return 0;
}
