/*
** cuda/internal.cuh — shared by the .cu files of cuda/ (never included from C): CU_CHECK, the
** per-device stream, the strided operand description kernels take by value, dtype dispatch and
** the launch helpers. Kernels follow tensor/cpu/'s formulas; each file is
** sectioned "---- kernels ----" then "---- launchers ----" (house-style rule 17).
*/
#ifndef CT_CUDA_INTERNAL_CUH
#define CT_CUDA_INTERNAL_CUH

#include <stdint.h>

#include <cuda_runtime.h>

extern "C" {
#include "tensor/internal.h"
#include "cuda/cu.h"
}

/* ---- errors ---- */

/* Turns a failed CUDA call into TEN_E_RUNTIME "CUDA error: <text>" (file:line in debug builds).
   Returns 0 on success, -1 on failure; clears the runtime's last error. */
int cu_check_at(cudaError_t e, const char *what, const char *file, int line);
#define CU_CHECK(call) cu_check_at((call), #call, __FILE__, __LINE__)

/* ---- devices and streams (backend.cu) ---- */

/* Resolves index -1 to the current device, makes it current and returns its stream
   (created on first use). NULL stream + error when the device cannot be used. */
int cu_use_device(int index, cudaStream_t *stream);
/* The device of a CUDA tensor's storage made current; its stream in *stream. */
int cu_use_tensor(const ten_tensor *t, cudaStream_t *stream);
/* Blocks until all work queued on the device's stream is done. */
int cu_stream_sync(int index);

/* ---- allocator (alloc.cu) ---- */

void *cu_alloc(size_t nbytes, int device);
void cu_free(void *p, size_t nbytes, int device);

/* ---- strided operands ---- */

/* Up to 4 operands sharing one coalesced shape (ten_iter_init's result copied for the device):
   byte strides, innermost dim last. Passed to kernels by value. */
struct cu_iter {
  int ndim;
  int nops;
  int64_t numel;
  int64_t shape[TEN_MAX_DIMS];
  int64_t stride[TEN_ITER_MAX_OPS][TEN_MAX_DIMS];
  char *data[TEN_ITER_MAX_OPS];
};

static inline void cu_iter_make(cu_iter *c, int nops, const ten_tensor *const *ops) {
  ten_iter it;
  ten_iter_init(&it, nops, ops);
  c->ndim = it.ndim;
  c->nops = nops;
  c->numel = it.numel;
  for (int d = 0; d < it.ndim; d++) {
    c->shape[d] = it.shape[d];
    for (int k = 0; k < nops; k++) c->stride[k][d] = it.stride[k][d];
  }
  for (int k = 0; k < nops; k++) c->data[k] = it.data[k];
}

/* Byte offsets of element i (row-major over the coalesced shape) for every operand. */
__device__ __forceinline__ void cu_iter_offsets(const cu_iter &it, int64_t i, int64_t *off) {
  for (int k = 0; k < TEN_ITER_MAX_OPS; k++) off[k] = 0;
  if (it.ndim == 1) {
    for (int k = 0; k < it.nops; k++) off[k] = i * it.stride[k][0];
    return;
  }
  for (int d = it.ndim - 1; d >= 0; d--) {
    int64_t c = i % it.shape[d];
    i /= it.shape[d];
    for (int k = 0; k < it.nops; k++) off[k] += c * it.stride[k][d];
  }
}

/* A tensor's shape and element strides (any ndim <= TEN_MAX_DIMS), by value. */
struct cu_shape {
  int ndim;
  int64_t shape[TEN_MAX_DIMS];
  int64_t stride[TEN_MAX_DIMS];
};

static inline cu_shape cu_shape_of(const ten_tensor *t) {
  cu_shape s;
  s.ndim = t->ndim;
  for (int d = 0; d < t->ndim; d++) {
    s.shape[d] = t->shape[d];
    s.stride[d] = t->stride[d];
  }
  return s;
}

/* ---- launch helpers ---- */

#define CU_THREADS 256

static inline unsigned cu_blocks(int64_t n) {
  int64_t b = (n + CU_THREADS - 1) / CU_THREADS;
  if (b < 1) b = 1;
  if (b > 65535 * 8) b = 65535 * 8;   /* grid-stride loops cover the rest */
  return (unsigned)b;
}

#define CU_GRID_LOOP(i, n) \
  for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += (int64_t)blockDim.x * gridDim.x)

/* Runs STMT with `scalar_t` bound to the C type of dt (all six dtypes). */
#define CU_DISPATCH_ALL(dt, STMT)                                                     \
  switch (dt) {                                                                       \
  case TEN_DTYPE_BOOL: { typedef bool scalar_t; STMT; } break;                        \
  case TEN_DTYPE_U8: { typedef uint8_t scalar_t; STMT; } break;                       \
  case TEN_DTYPE_I32: { typedef int32_t scalar_t; STMT; } break;                      \
  case TEN_DTYPE_I64: { typedef int64_t scalar_t; STMT; } break;                      \
  case TEN_DTYPE_F32: { typedef float scalar_t; STMT; } break;                        \
  case TEN_DTYPE_F64: { typedef double scalar_t; STMT; } break;                       \
  default: break;                                                                     \
  }

template <typename T> struct cu_is_float { static const bool value = false; };
template <> struct cu_is_float<float> { static const bool value = true; };
template <> struct cu_is_float<double> { static const bool value = true; };

/* PyTorch's text for a dtype a CUDA kernel lacks: "\"exp_cuda\" not implemented for 'Long'". */
static inline int cu_dtype_error(const char *kernel, ten_dtype dt) {
  return ten_error_set(TEN_E_RUNTIME, "\"%s\" not implemented for '%s'", kernel, ten_dtype_scalar_name(dt));
}

/* ---- backend entry points (same signatures as tensor/cpu/cpu.h) ---- */

int cu_copy(ten_tensor *dst, const ten_tensor *src);
int cu_fill(ten_tensor *t, ten_scalar v);
int cu_binary(ten_binop op, ten_tensor *out, const ten_tensor *a, const ten_tensor *b, double alpha);
int cu_unary(ten_unop op, ten_tensor *out, const ten_tensor *in);
int cu_unary_param(ten_pop op, ten_tensor *out, const ten_tensor *in, const double *p);
int cu_ternary(ten_ternop op, ten_tensor *out, const ten_tensor *a, const ten_tensor *b, const ten_tensor *c, double s);
int cu_reduce(ten_redop op, ten_tensor *out, ten_tensor *idx, const ten_tensor *in, uint32_t mask, double param);
int cu_gemm(ten_tensor *c, const ten_tensor *a, const ten_tensor *b, double beta, double alpha, bool bmm);
int cu_gemv(ten_tensor *y, const ten_tensor *a, const ten_tensor *x, double beta, double alpha);
int cu_dot(ten_tensor *out, const ten_tensor *a, const ten_tensor *b);
int cu_index_select(ten_tensor *out, const ten_tensor *in, int dim, const ten_tensor *index);
int cu_gather(ten_tensor *out, const ten_tensor *in, int dim, const ten_tensor *index);
int cu_scatter(ten_tensor *out, int dim, const ten_tensor *index, const ten_tensor *src, bool accumulate);
int cu_take(ten_tensor *out, const ten_tensor *in, const ten_tensor *offsets);
int cu_put(ten_tensor *dst, const ten_tensor *offsets, const ten_tensor *src, bool accumulate);
int cu_softmax(ten_tensor *out, const ten_tensor *in, int dim, bool log);
int cu_cumulative(ten_tensor *out, const ten_tensor *in, int dim, bool prod);

#endif /* CT_CUDA_INTERNAL_CUH */
