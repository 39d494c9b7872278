/*
** cuda/copy.cu — strided copy with dtype conversion (all 6x6 pairs) and fill, on one device
** (cross-device and host copies are staged by tensor/copy.c through memcpy_host).
** Conversions as tensor/cpu/copy.c: ->bool is != 0, ->uint8 goes through int64 (wraps).
** Differs from the CPU: out-of-range float->int32/int64 saturates on the GPU (x86 gives INT_MIN).
*/
#include "cuda/internal.cuh"

/* ---- kernels ---- */

template <typename D, typename S> __device__ __forceinline__ D convert(S v) { return (D)v; }
template <> __device__ __forceinline__ bool convert<bool, float>(float v) { return v != 0; }
template <> __device__ __forceinline__ bool convert<bool, double>(double v) { return v != 0; }
template <> __device__ __forceinline__ bool convert<bool, uint8_t>(uint8_t v) { return v != 0; }
template <> __device__ __forceinline__ bool convert<bool, int32_t>(int32_t v) { return v != 0; }
template <> __device__ __forceinline__ bool convert<bool, int64_t>(int64_t v) { return v != 0; }
template <> __device__ __forceinline__ uint8_t convert<uint8_t, float>(float v) { return (uint8_t)(int64_t)v; }
template <> __device__ __forceinline__ uint8_t convert<uint8_t, double>(double v) { return (uint8_t)(int64_t)v; }

template <typename D, typename S> __global__ void copy_kernel(cu_iter it) {
  CU_GRID_LOOP(i, it.numel) {
    int64_t off[TEN_ITER_MAX_OPS];
    cu_iter_offsets(it, i, off);
    *(D *)(it.data[0] + off[0]) = convert<D, S>(*(const S *)(it.data[1] + off[1]));
  }
}

template <typename T> __global__ void fill_kernel(cu_iter it, T v) {
  CU_GRID_LOOP(i, it.numel) {
    int64_t off[TEN_ITER_MAX_OPS];
    cu_iter_offsets(it, i, off);
    *(T *)(it.data[0] + off[0]) = v;
  }
}

/* ---- launchers ---- */

template <typename S> static void launch_copy_from(ten_dtype dd, const cu_iter &it, cudaStream_t s) {
  unsigned nb = cu_blocks(it.numel);
  CU_DISPATCH_ALL(dd, (copy_kernel<scalar_t, S><<<nb, CU_THREADS, 0, s>>>(it)));
}

int cu_copy(ten_tensor *dst, const ten_tensor *src) {
  int64_t n = ten_numel(dst);
  if (n == 0) return 0;
  cudaStream_t s;
  if (cu_use_tensor(dst, &s)) return -1;
  if (dst->dtype == src->dtype && ten_is_contiguous(dst) && ten_is_contiguous(src))
    return CU_CHECK(cudaMemcpyAsync(ten_data_ptr(dst), ten_data_ptr(src), (size_t)n * ten_dtype_size(dst->dtype),
                                    cudaMemcpyDeviceToDevice, s));
  const ten_tensor *ops[2] = {dst, src};
  cu_iter it;
  cu_iter_make(&it, 2, ops);
  CU_DISPATCH_ALL(src->dtype, launch_copy_from<scalar_t>(dst->dtype, it, s));
  return CU_CHECK(cudaGetLastError());
}

int cu_fill(ten_tensor *t, ten_scalar v) {
  if (ten_numel(t) == 0) return 0;
  cudaStream_t s;
  if (cu_use_tensor(t, &s)) return -1;
  bool is_float = v.kind == TEN_SCALAR_FLOAT;
  int64_t iv = v.kind == TEN_SCALAR_BOOL ? v.v.b : v.kind == TEN_SCALAR_INT ? v.v.i : (int64_t)v.v.f;
  double dv = ten_scalar_to_double(v);
  const ten_tensor *ops[1] = {t};
  cu_iter it;
  cu_iter_make(&it, 1, ops);
  unsigned nb = cu_blocks(it.numel);
  switch (t->dtype) {
  case TEN_DTYPE_BOOL: fill_kernel<bool><<<nb, CU_THREADS, 0, s>>>(it, is_float ? dv != 0 : iv != 0); break;
  case TEN_DTYPE_U8: fill_kernel<uint8_t><<<nb, CU_THREADS, 0, s>>>(it, (uint8_t)iv); break;
  case TEN_DTYPE_I32: fill_kernel<int32_t><<<nb, CU_THREADS, 0, s>>>(it, (int32_t)iv); break;
  case TEN_DTYPE_I64: fill_kernel<int64_t><<<nb, CU_THREADS, 0, s>>>(it, iv); break;
  case TEN_DTYPE_F32: fill_kernel<float><<<nb, CU_THREADS, 0, s>>>(it, is_float ? (float)dv : (float)iv); break;
  case TEN_DTYPE_F64: fill_kernel<double><<<nb, CU_THREADS, 0, s>>>(it, is_float ? dv : (double)iv); break;
  default: return ten_error_set(TEN_E_RUNTIME, "fill: bad dtype");
  }
  return CU_CHECK(cudaGetLastError());
}
