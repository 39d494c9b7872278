/*
** cuda/scan.cu — ops that walk one dim as a whole line, on the GPU: softmax / log_softmax (one
** block per line: max, sum of exp(x - max), then exp(x - max) / sum or x - max - log(sum)) and
** cumsum / cumprod (one thread per line, sequential, accumulating in double for floats and in
** wrapping 64-bit integers otherwise, as tensor/cpu/scan.c). Sort has no GPU kernel yet: the
** backend's sort slot is NULL and the front end reports it.
*/
#include <math.h>
#include <string.h>

#include "cuda/internal.cuh"

struct line_plan {
  int nk;
  int64_t kshape[TEN_MAX_DIMS], kin[TEN_MAX_DIMS], kout[TEN_MAX_DIMS];
  int64_t lines, len, sin, sout;
};

/* ---- kernels ---- */

__device__ __forceinline__ void line_offsets(const line_plan &p, int64_t k, int64_t *io, int64_t *oo) {
  *io = *oo = 0;
  for (int d = p.nk - 1; d >= 0; d--) {
    int64_t c = k % p.kshape[d];
    k /= p.kshape[d];
    *io += c * p.kin[d];
    *oo += c * p.kout[d];
  }
}

template <typename T> __global__ void softmax_kernel(line_plan p, const T *in, T *out, bool log_) {
  __shared__ T red[CU_THREADS];
  for (int64_t k = blockIdx.x; k < p.lines; k += gridDim.x) {
    int64_t io, oo;
    line_offsets(p, k, &io, &oo);
    const T *x = in + io;
    T *y = out + oo;
    T m = (T)-INFINITY;
    for (int64_t i = threadIdx.x; i < p.len; i += blockDim.x) {
      T v = x[i * p.sin];
      if (v > m || v != v) m = v;
    }
    red[threadIdx.x] = m;
    __syncthreads();
    for (unsigned w = blockDim.x / 2; w > 0; w >>= 1) {
      if (threadIdx.x < w) {
        T o = red[threadIdx.x + w];
        if (o > red[threadIdx.x] || o != o) red[threadIdx.x] = o;
      }
      __syncthreads();
    }
    m = red[0];
    __syncthreads();
    T s = 0;
    for (int64_t i = threadIdx.x; i < p.len; i += blockDim.x) s += exp(x[i * p.sin] - m);
    red[threadIdx.x] = s;
    __syncthreads();
    for (unsigned w = blockDim.x / 2; w > 0; w >>= 1) {
      if (threadIdx.x < w) red[threadIdx.x] += red[threadIdx.x + w];
      __syncthreads();
    }
    s = red[0];
    __syncthreads();
    T ls = log(s);
    for (int64_t i = threadIdx.x; i < p.len; i += blockDim.x) {
      T v = x[i * p.sin] - m;
      y[i * p.sout] = log_ ? v - ls : exp(v) / s;
    }
  }
}

template <typename T> __global__ void cumulative_kernel(line_plan p, const T *in, T *out, bool prod) {
  CU_GRID_LOOP(k, p.lines) {
    int64_t io, oo;
    line_offsets(p, k, &io, &oo);
    const T *x = in + io;
    T *y = out + oo;
    if constexpr (cu_is_float<T>::value) {
      double acc = prod ? 1 : 0;
      for (int64_t i = 0; i < p.len; i++) {
        acc = prod ? acc * (double)x[i * p.sin] : acc + (double)x[i * p.sin];
        y[i * p.sout] = (T)acc;
      }
    } else {
      uint64_t acc = prod ? 1 : 0;
      for (int64_t i = 0; i < p.len; i++) {
        acc = prod ? acc * (uint64_t)(int64_t)x[i * p.sin] : acc + (uint64_t)(int64_t)x[i * p.sin];
        y[i * p.sout] = (T)acc;
      }
    }
  }
}

/* ---- launchers ---- */

static void line_init(line_plan *p, const ten_tensor *in, const ten_tensor *out, int dim) {
  memset(p, 0, sizeof *p);
  p->lines = 1;
  for (int d = 0; d < in->ndim; d++) {
    if (d == dim) continue;
    p->kshape[p->nk] = in->shape[d];
    p->kin[p->nk] = in->stride[d];
    p->kout[p->nk] = out->stride[d];
    p->nk++;
    p->lines *= in->shape[d];
  }
  p->len = in->ndim ? in->shape[dim] : 1;
  p->sin = in->ndim ? in->stride[dim] : 1;
  p->sout = out->ndim ? out->stride[dim] : 1;
}

int cu_softmax(ten_tensor *out, const ten_tensor *in, int dim, bool log) {
  if (!ten_dtype_is_float(in->dtype)) return cu_dtype_error("host_softmax", in->dtype);
  line_plan p;
  line_init(&p, in, out, dim);
  if (p.len == 0 || p.lines == 0) return 0;
  cudaStream_t s;
  if (cu_use_tensor(out, &s)) return -1;
  int bs = 32;
  while (bs < p.len && bs < CU_THREADS) bs *= 2;
  unsigned grid = (unsigned)(p.lines < 65535 * 16 ? p.lines : 65535 * 16);
  if (in->dtype == TEN_DTYPE_F32)
    softmax_kernel<float><<<grid, bs, 0, s>>>(p, (const float *)ten_data_ptr(in), (float *)ten_data_ptr(out), log);
  else
    softmax_kernel<double><<<grid, bs, 0, s>>>(p, (const double *)ten_data_ptr(in), (double *)ten_data_ptr(out), log);
  return CU_CHECK(cudaGetLastError());
}

int cu_cumulative(ten_tensor *out, const ten_tensor *in, int dim, bool prod) {
  if (in->dtype == TEN_DTYPE_BOOL)
    return ten_error_set(TEN_E_RUNTIME, "cumulative op not implemented for '%s'", ten_dtype_scalar_name(in->dtype));
  line_plan p;
  line_init(&p, in, out, dim);
  if (p.len == 0 || p.lines == 0) return 0;
  cudaStream_t s;
  if (cu_use_tensor(out, &s)) return -1;
  unsigned nb = cu_blocks(p.lines);
  switch (in->dtype) {
#define CASE(DT, T)                                                                                              \
  case DT: cumulative_kernel<T><<<nb, CU_THREADS, 0, s>>>(p, (const T *)ten_data_ptr(in), (T *)ten_data_ptr(out), prod); break;
    CASE(TEN_DTYPE_U8, uint8_t)
    CASE(TEN_DTYPE_I32, int32_t)
    CASE(TEN_DTYPE_I64, int64_t)
    CASE(TEN_DTYPE_F32, float)
    CASE(TEN_DTYPE_F64, double)
#undef CASE
  default: break;
  }
  return CU_CHECK(cudaGetLastError());
}
