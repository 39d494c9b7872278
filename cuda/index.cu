/*
** cuda/index.cu — gather-like and scatter-like indexing on the GPU, as tensor/cpu/index.c:
** take/put through precomputed element offsets (advanced indexing), index_select, gather,
** scatter(_add). Indices arrive bounds-checked and wrapped by the front end. Accumulating writes
** are atomic (float/double/int32/int64 atomicAdd, 8-bit types by compare-and-swap on their word),
** so duplicate indices add up; their order, hence float rounding, is not fixed (PyTorch's CUDA
** index_put_/scatter_add_ are nondeterministic the same way). Plain writes to duplicate indices
** keep one of the values, unspecified which (as in PyTorch).
*/
#include <type_traits>

#include "cuda/internal.cuh"

/* ---- kernels ---- */

template <typename T> __device__ __forceinline__ void atomic_acc(T *p, T v) {
  if constexpr (std::is_same<T, float>::value || std::is_same<T, double>::value || std::is_same<T, int32_t>::value) {
    atomicAdd(p, v);
  } else if constexpr (std::is_same<T, int64_t>::value) {
    atomicAdd((unsigned long long *)p, (unsigned long long)v);
  } else {   /* uint8 (wrapping add) and bool (or) on the aligned 32-bit word holding the byte */
    unsigned *word = (unsigned *)((uintptr_t)p & ~(uintptr_t)3);
    unsigned shift = (unsigned)((uintptr_t)p & 3) * 8;
    unsigned old = *word, assumed;
    do {
      assumed = old;
      unsigned cur = (assumed >> shift) & 0xffu;
      unsigned nv = std::is_same<T, bool>::value ? (cur || v) : ((cur + (unsigned)(uint8_t)v) & 0xffu);
      old = atomicCAS(word, assumed, (assumed & ~(0xffu << shift)) | (nv << shift));
    } while (old != assumed);
  }
}

template <typename T> __global__ void take_kernel(T *out, const T *base, const int64_t *off, int64_t n) {
  CU_GRID_LOOP(i, n) out[i] = base[off[i]];
}

template <typename T> __global__ void put_kernel(T *base, const int64_t *off, const T *src, int64_t n, bool acc) {
  CU_GRID_LOOP(i, n) {
    if (acc) atomic_acc(&base[off[i]], src[i]);
    else base[off[i]] = src[i];
  }
}

/* Element offset (strides of `st`) of linear position lin over `shape`; coordinate `skip` is
   returned in *coord instead of being added. */
__device__ __forceinline__ int64_t offset_of(int64_t lin, const cu_shape &shape, const cu_shape &st, int skip, int64_t *coord) {
  int64_t off = 0;
  for (int d = shape.ndim - 1; d >= 0; d--) {
    int64_t c = lin % shape.shape[d];
    lin /= shape.shape[d];
    if (d == skip) *coord = c;
    else off += c * st.stride[d];
  }
  return off;
}

/* out[..., i, ...] = in[..., index[i], ...] */
template <typename T>
__global__ void index_select_kernel(T *out, const T *in, const int64_t *index, cu_shape os, cu_shape is, int64_t istride,
                                    int dim, int64_t n) {
  CU_GRID_LOOP(lin, n) {
    int64_t c = 0;
    int64_t ooff = offset_of(lin, os, os, -1, &c);
    int64_t ioff = 0;
    if (is.ndim) {
      ioff = offset_of(lin, os, is, dim, &c);
      ioff += index[c * istride] * is.stride[dim];
    }
    out[ooff] = in[ioff];
  }
}

/* out[p] = in[p with p[dim] := index[p]] over index's shape */
template <typename T>
__global__ void gather_kernel(T *out, const T *in, const int64_t *index, cu_shape os, cu_shape is, cu_shape xs, int dim,
                              int64_t n) {
  CU_GRID_LOOP(lin, n) {
    int64_t c = 0;
    int64_t ooff = offset_of(lin, xs, os, -1, &c);
    int64_t xoff = offset_of(lin, xs, xs, -1, &c);
    int64_t ioff = offset_of(lin, xs, is, dim, &c);
    out[ooff] = in[ioff + index[xoff] * is.stride[dim]];
  }
}

/* out[p with p[dim] := index[p]] (+)= src[p] over index's shape */
template <typename T>
__global__ void scatter_kernel(T *out, const T *src, const int64_t *index, cu_shape os, cu_shape ss, cu_shape xs, int dim,
                               int64_t n, bool acc) {
  CU_GRID_LOOP(lin, n) {
    int64_t c = 0;
    int64_t xoff = offset_of(lin, xs, xs, -1, &c);
    int64_t soff = offset_of(lin, xs, ss, -1, &c);
    int64_t ooff = offset_of(lin, xs, os, dim, &c);
    T *dst = out + ooff + index[xoff] * os.stride[dim];
    if (acc) atomic_acc(dst, src[soff]);
    else *dst = src[soff];
  }
}

/* ---- launchers ---- */

int cu_take(ten_tensor *out, const ten_tensor *in, const ten_tensor *offsets) {
  int64_t n = ten_numel(out);
  if (n == 0) return 0;
  cudaStream_t s;
  if (cu_use_tensor(out, &s)) return -1;
  const int64_t *off = (const int64_t *)ten_data_ptr(offsets);
  const char *base = (const char *)ten_data_ptr(in);
  switch (ten_dtype_size(in->dtype)) {
  case 1: take_kernel<uint8_t><<<cu_blocks(n), CU_THREADS, 0, s>>>((uint8_t *)ten_data_ptr(out), (const uint8_t *)base, off, n); break;
  case 4: take_kernel<int32_t><<<cu_blocks(n), CU_THREADS, 0, s>>>((int32_t *)ten_data_ptr(out), (const int32_t *)base, off, n); break;
  default: take_kernel<int64_t><<<cu_blocks(n), CU_THREADS, 0, s>>>((int64_t *)ten_data_ptr(out), (const int64_t *)base, off, n); break;
  }
  return CU_CHECK(cudaGetLastError());
}

int cu_put(ten_tensor *dst, const ten_tensor *offsets, const ten_tensor *src, bool accumulate) {
  int64_t n = ten_numel(offsets);
  if (n == 0) return 0;
  cudaStream_t s;
  if (cu_use_tensor(dst, &s)) return -1;
  const int64_t *off = (const int64_t *)ten_data_ptr(offsets);
  unsigned nb = cu_blocks(n);
  CU_DISPATCH_ALL(dst->dtype, (put_kernel<scalar_t><<<nb, CU_THREADS, 0, s>>>((scalar_t *)ten_data_ptr(dst), off,
                                                                              (const scalar_t *)ten_data_ptr(src), n,
                                                                              accumulate)));
  return CU_CHECK(cudaGetLastError());
}

int cu_index_select(ten_tensor *out, const ten_tensor *in, int dim, const ten_tensor *index) {
  int64_t n = ten_numel(out);
  if (n == 0) return 0;
  cudaStream_t s;
  if (cu_use_tensor(out, &s)) return -1;
  /* the CPU kernel reads int32 indices too: widen them on the device */
  ten_tensor *x64 = ten_to_dtype((ten_tensor *)index, TEN_DTYPE_I64, false);
  if (!x64) return -1;
  cu_shape os = cu_shape_of(out), is = cu_shape_of(in);
  int64_t istride = x64->ndim ? x64->stride[0] : 0;
  const int64_t *ix = (const int64_t *)ten_data_ptr(x64);
  unsigned nb = cu_blocks(n);
  CU_DISPATCH_ALL(in->dtype, (index_select_kernel<scalar_t><<<nb, CU_THREADS, 0, s>>>(
                                 (scalar_t *)ten_data_ptr(out), (const scalar_t *)ten_data_ptr(in), ix, os, is, istride, dim, n)));
  ten_release(x64);   /* back to the cache; the stream orders its reuse after this kernel */
  return CU_CHECK(cudaGetLastError());
}

int cu_gather(ten_tensor *out, const ten_tensor *in, int dim, const ten_tensor *index) {
  int64_t n = ten_numel(out);
  if (n == 0) return 0;
  cudaStream_t s;
  if (cu_use_tensor(out, &s)) return -1;
  cu_shape os = cu_shape_of(out), is = cu_shape_of(in), xs = cu_shape_of(index);
  const int64_t *ix = (const int64_t *)ten_data_ptr(index);
  unsigned nb = cu_blocks(n);
  CU_DISPATCH_ALL(in->dtype, (gather_kernel<scalar_t><<<nb, CU_THREADS, 0, s>>>(
                                 (scalar_t *)ten_data_ptr(out), (const scalar_t *)ten_data_ptr(in), ix, os, is, xs, dim, n)));
  return CU_CHECK(cudaGetLastError());
}

int cu_scatter(ten_tensor *out, int dim, const ten_tensor *index, const ten_tensor *src, bool accumulate) {
  int64_t n = ten_numel(index);
  if (n == 0) return 0;
  cudaStream_t s;
  if (cu_use_tensor(out, &s)) return -1;
  cu_shape os = cu_shape_of(out), ss = cu_shape_of(src), xs = cu_shape_of(index);
  const int64_t *ix = (const int64_t *)ten_data_ptr(index);
  unsigned nb = cu_blocks(n);
  CU_DISPATCH_ALL(out->dtype, (scatter_kernel<scalar_t><<<nb, CU_THREADS, 0, s>>>((scalar_t *)ten_data_ptr(out),
                                                                                 (const scalar_t *)ten_data_ptr(src), ix,
                                                                                 os, ss, xs, dim, n, accumulate)));
  return CU_CHECK(cudaGetLastError());
}
