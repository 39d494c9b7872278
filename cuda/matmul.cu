/*
** cuda/matmul.cu — the matmul family on the GPU: C[b] = beta*C[b] + alpha*A[b] @ B[b] over strided
** (batch, m, k) x (batch, k, n) views. float32/float64 go to cuBLAS (cublas{S,D}gemmStridedBatched,
** row-major through the C^T = B^T A^T identity, operands cuBLAS cannot stride copied first);
** cuBLAS is loaded with dlopen on the first product, so the binary never needs libcublas to start.
** Integral dtypes, k == 0, sizes past INT_MAX and a machine without libcublas take our own kernel
** (one thread per output element, wrapping integer arithmetic as tensor/cpu/matmul.c) — still on
** the GPU, never a CPU fallback. gemv and dot are products of (m,k)x(k,1) and (1,k)x(k,1) views.
** TF32 stays off (cuBLAS's default math mode; PyTorch 1.13's allow_tf32 default for matmul).
*/
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>

#include <cublas_v2.h>

#include "cuda/internal.cuh"

#define CU_MAX_DEVICES 64

/* ---- cuBLAS, loaded at run time ---- */

typedef cublasStatus_t (*create_fn)(cublasHandle_t *);
typedef cublasStatus_t (*set_stream_fn)(cublasHandle_t, cudaStream_t);
typedef cublasStatus_t (*sgemm_fn)(cublasHandle_t, cublasOperation_t, cublasOperation_t, int, int, int, const float *,
                                   const float *, int, long long, const float *, int, long long, const float *, float *,
                                   int, long long, int);
typedef cublasStatus_t (*dgemm_fn)(cublasHandle_t, cublasOperation_t, cublasOperation_t, int, int, int, const double *,
                                   const double *, int, long long, const double *, int, long long, const double *,
                                   double *, int, long long, int);

static struct {
  int state;            /* 0: not tried, 1: loaded, -1: unavailable */
  create_fn create;
  set_stream_fn set_stream;
  sgemm_fn sgemm;
  dgemm_fn dgemm;
  cublasHandle_t handle[CU_MAX_DEVICES];
} blas;

static bool blas_load(void) {
  if (blas.state) return blas.state > 0;
  blas.state = -1;
  char name[64];
  snprintf(name, sizeof name, "libcublas.so.%d", CUDART_VERSION / 1000);
  void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  if (!h) h = dlopen("libcublas.so", RTLD_NOW | RTLD_LOCAL);
  if (!h) return false;
  blas.create = (create_fn)dlsym(h, "cublasCreate_v2");
  blas.set_stream = (set_stream_fn)dlsym(h, "cublasSetStream_v2");
  blas.sgemm = (sgemm_fn)dlsym(h, "cublasSgemmStridedBatched");
  blas.dgemm = (dgemm_fn)dlsym(h, "cublasDgemmStridedBatched");
  if (!blas.create || !blas.set_stream || !blas.sgemm || !blas.dgemm) return false;
  blas.state = 1;
  return true;
}

/* The handle of the current device, bound to its stream; NULL when cuBLAS is unavailable. */
static cublasHandle_t blas_handle(cudaStream_t s) {
  int dev = 0;
  if (!blas_load() || cudaGetDevice(&dev) != cudaSuccess || dev >= CU_MAX_DEVICES) {
    cudaGetLastError();
    return NULL;
  }
  if (!blas.handle[dev] && blas.create(&blas.handle[dev]) != CUBLAS_STATUS_SUCCESS) {
    blas.handle[dev] = NULL;
    return NULL;
  }
  if (blas.set_stream(blas.handle[dev], s) != CUBLAS_STATUS_SUCCESS) return NULL;
  return blas.handle[dev];
}

/* ---- kernels ---- */

/* c[b,i,j] = beta*c + alpha*sum_p a[b,i,p]*b[b,p,j]; element strides; beta == 0 ignores c. */
template <typename T>
__global__ void gemm_kernel(T *c, const T *a, const T *bm, int64_t batch, int64_t m, int64_t n, int64_t k, cu_shape cs,
                            cu_shape as, cu_shape bs, double beta, double alpha) {
  CU_GRID_LOOP(e, batch * m * n) {
    int64_t j = e % n, i = (e / n) % m, b = e / (n * m);
    const T *pa = a + b * as.stride[0] + i * as.stride[1];
    const T *pb = bm + b * bs.stride[0] + j * bs.stride[2];
    T *pc = c + b * cs.stride[0] + i * cs.stride[1] + j * cs.stride[2];
    if constexpr (cu_is_float<T>::value) {
      T acc = 0;
      for (int64_t p = 0; p < k; p++) acc = fma(pa[p * as.stride[2]], pb[p * bs.stride[1]], acc);
      T prev = beta != 0 ? (T)beta * *pc : (T)0;
      *pc = prev + (T)alpha * acc;
    } else {
      uint64_t acc = 0;
      for (int64_t p = 0; p < k; p++) acc += (uint64_t)(int64_t)pa[p * as.stride[2]] * (uint64_t)(int64_t)pb[p * bs.stride[1]];
      uint64_t prev = beta != 0 ? (uint64_t)(int64_t)beta * (uint64_t)(int64_t)*pc : 0;
      *pc = (T)(prev + (uint64_t)(int64_t)alpha * acc);
    }
  }
}

/* ---- launchers ---- */

/* tensor/cpu/matmul.c's blas_view: a (rows x cols) matrix with strides (rs, cs) is row-major
   (trans false) or column-major (trans true) with leading dimension ld, or needs a copy. */
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

static int own_gemm(ten_tensor *c, const ten_tensor *a, const ten_tensor *b, double beta, double alpha, cudaStream_t s) {
  int64_t batch = c->shape[0], m = c->shape[1], n = c->shape[2], k = a->shape[2];
  cu_shape cs = cu_shape_of(c), as = cu_shape_of(a), bs = cu_shape_of(b);
  unsigned nb = cu_blocks(batch * m * n);
  switch (c->dtype) {
#define CASE(DT, T)                                                                                          \
  case DT:                                                                                                   \
    gemm_kernel<T><<<nb, CU_THREADS, 0, s>>>((T *)ten_data_ptr(c), (const T *)ten_data_ptr(a),              \
                                             (const T *)ten_data_ptr(b), batch, m, n, k, cs, as, bs, beta, alpha); \
    break;
    CASE(TEN_DTYPE_U8, uint8_t)
    CASE(TEN_DTYPE_I32, int32_t)
    CASE(TEN_DTYPE_I64, int64_t)
    CASE(TEN_DTYPE_F32, float)
    CASE(TEN_DTYPE_F64, double)
#undef CASE
  default: return cu_dtype_error("addmm_cuda", c->dtype);
  }
  return CU_CHECK(cudaGetLastError());
}

static bool fits_int(int64_t v) { return v >= 0 && v <= INT_MAX; }

/* One cuBLAS call for C (row-major or column-major view) = beta*C + alpha*A@B; false: not possible
   with these layouts (caller copies). */
static int blas_call(cublasHandle_t h, ten_tensor *c, const ten_tensor *a, const ten_tensor *b, double beta, double alpha,
                     bool *done) {
  *done = false;
  int64_t batch = c->shape[0], m = c->shape[1], n = c->shape[2], k = a->shape[2];
  bool ta, tb, tc;
  int64_t lda, ldb, ldc;
  if (!blas_view(m, k, a->stride[1], a->stride[2], &ta, &lda) || !blas_view(k, n, b->stride[1], b->stride[2], &tb, &ldb) ||
      !blas_view(m, n, c->stride[1], c->stride[2], &tc, &ldc))
    return 0;
  if (batch > 1 && c->stride[0] == 0) return 0;
  if (!fits_int(m) || !fits_int(n) || !fits_int(k) || !fits_int(lda) || !fits_int(ldb) || !fits_int(ldc) ||
      !fits_int(batch))
    return 0;
  long long sa = batch > 1 ? a->stride[0] : 0, sb = batch > 1 ? b->stride[0] : 0, sc = batch > 1 ? c->stride[0] : 0;
  cublasStatus_t st;
  /* row-major C: C^T (n x m, col-major) = B^T A^T, and a row-major X is X^T col-major (no op);
     column-major C: C (m x n) = A B directly, a row-major X needs op T. */
  cublasOperation_t opA = (ta != tc) ? CUBLAS_OP_T : CUBLAS_OP_N, opB = (tb != tc) ? CUBLAS_OP_T : CUBLAS_OP_N;
  if (c->dtype == TEN_DTYPE_F32) {
    float al = (float)alpha, be = (float)beta;
    const float *pa = (const float *)ten_data_ptr(a), *pb = (const float *)ten_data_ptr(b);
    float *pc = (float *)ten_data_ptr(c);
    st = !tc ? blas.sgemm(h, opB, opA, (int)n, (int)m, (int)k, &al, pb, (int)ldb, sb, pa, (int)lda, sa, &be, pc, (int)ldc, sc,
                          (int)batch)
             : blas.sgemm(h, opA, opB, (int)m, (int)n, (int)k, &al, pa, (int)lda, sa, pb, (int)ldb, sb, &be, pc, (int)ldc, sc,
                          (int)batch);
  } else {
    const double *pa = (const double *)ten_data_ptr(a), *pb = (const double *)ten_data_ptr(b);
    double *pc = (double *)ten_data_ptr(c);
    st = !tc ? blas.dgemm(h, opB, opA, (int)n, (int)m, (int)k, &alpha, pb, (int)ldb, sb, pa, (int)lda, sa, &beta, pc, (int)ldc,
                          sc, (int)batch)
             : blas.dgemm(h, opA, opB, (int)m, (int)n, (int)k, &alpha, pa, (int)lda, sa, pb, (int)ldb, sb, &beta, pc, (int)ldc,
                          sc, (int)batch);
  }
  if (st != CUBLAS_STATUS_SUCCESS) return ten_error_set(TEN_E_RUNTIME, "CUDA error: CUBLAS_STATUS error %d when calling cublasGemmStridedBatched", (int)st);
  *done = true;
  return 0;
}

int cu_gemm(ten_tensor *c, const ten_tensor *a, const ten_tensor *b, double beta, double alpha, bool bmm) {
  int64_t batch = c->shape[0], m = c->shape[1], n = c->shape[2], k = a->shape[2];
  if (batch == 0 || m == 0 || n == 0) return 0;
  cudaStream_t s;
  if (cu_use_tensor(c, &s)) return -1;
  bool fl = ten_dtype_is_float(c->dtype);
  cublasHandle_t h = fl && k > 0 ? blas_handle(s) : NULL;
  if (!h) return own_gemm(c, a, b, beta, alpha, s);
  bool done;
  if (blas_call(h, c, a, b, beta, alpha, &done)) return -1;
  if (done) return 0;
  /* layouts cuBLAS cannot take: contiguous copies of the operands (and of C, written back) */
  ten_tensor *ca = ten_contiguous((ten_tensor *)a), *cb = ca ? ten_contiguous((ten_tensor *)b) : NULL;
  ten_tensor *cc = cb ? ten_empty_on(c->shape, 3, c->dtype, c->storage->device) : NULL;
  int rc = -1;
  if (cc && (beta == 0 || ten_copy_(cc, c) == 0) && blas_call(h, cc, ca, cb, beta, alpha, &done) == 0) {
    if (!done) rc = own_gemm(cc, ca, cb, beta, alpha, s);
    else rc = 0;
    if (rc == 0) rc = ten_copy_(c, cc);
  }
  ten_release(ca);
  ten_release(cb);
  ten_release(cc);
  return rc;
}

/* A 3-D view of t's storage with the given shape and element strides. */
static ten_tensor view3(const ten_tensor *t, int64_t d0, int64_t d1, int64_t d2, int64_t s0, int64_t s1, int64_t s2) {
  ten_tensor v = *t;
  v.ndim = 3;
  v.shape[0] = d0, v.shape[1] = d1, v.shape[2] = d2;
  v.stride[0] = s0, v.stride[1] = s1, v.stride[2] = s2;
  return v;
}

int cu_gemv(ten_tensor *y, const ten_tensor *a, const ten_tensor *x, double beta, double alpha) {
  int64_t m = a->shape[0], k = a->shape[1];
  ten_tensor c3 = view3(y, 1, m, 1, 0, y->stride[0], 1);
  ten_tensor a3 = view3(a, 1, m, k, 0, a->stride[0], a->stride[1]);
  ten_tensor b3 = view3(x, 1, k, 1, 0, x->stride[0], 1);
  return cu_gemm(&c3, &a3, &b3, beta, alpha, false);
}

int cu_dot(ten_tensor *out, const ten_tensor *a, const ten_tensor *b) {
  int64_t k = a->shape[0];
  ten_tensor c3 = view3(out, 1, 1, 1, 0, 1, 1);
  ten_tensor a3 = view3(a, 1, 1, k, 0, 1, a->stride[0]);
  ten_tensor b3 = view3(b, 1, k, 1, 0, b->stride[0], 1);
  return cu_gemm(&c3, &a3, &b3, 0, 1, false);
}
