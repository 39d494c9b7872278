/*
** cuda/ternary.cu — where(cond, b, c), addcmul, addcdiv, lerp over three broadcast operands on the
** GPU, with tensor/cpu/ternary.c's formulas: addcmul fma(s*b, c, a), addcdiv a + (s*b)/c,
** lerp w < 0.5 ? fma(w, b-a, a) : fma(-(b-a), 1-w, b).
*/
#include <math.h>

#include "cuda/internal.cuh"

/* ---- kernels ---- */

template <typename T> __global__ void where_kernel(cu_iter it) {
  CU_GRID_LOOP(i, it.numel) {
    int64_t off[TEN_ITER_MAX_OPS];
    cu_iter_offsets(it, i, off);
    bool a = *(const bool *)(it.data[1] + off[1]);
    *(T *)(it.data[0] + off[0]) = a ? *(const T *)(it.data[2] + off[2]) : *(const T *)(it.data[3] + off[3]);
  }
}

template <typename T> __global__ void arith3_kernel(cu_iter it, int op, double s) {
  CU_GRID_LOOP(i, it.numel) {
    int64_t off[TEN_ITER_MAX_OPS];
    cu_iter_offsets(it, i, off);
    T a = *(const T *)(it.data[1] + off[1]), b = *(const T *)(it.data[2] + off[2]), c = *(const T *)(it.data[3] + off[3]);
    T r;
    if constexpr (cu_is_float<T>::value) {
      if (op == TEN_TERNOP_ADDCMUL) r = fma((T)s * b, c, a);
      else if (op == TEN_TERNOP_ADDCDIV) r = a + (T)s * b / c;
      else r = c < (T)0.5 ? fma(c, b - a, a) : fma(-(b - a), (T)1 - c, b);
    } else {
      r = (T)((uint64_t)(int64_t)a + (uint64_t)(int64_t)s * (uint64_t)(int64_t)b * (uint64_t)(int64_t)c);
    }
    *(T *)(it.data[0] + off[0]) = r;
  }
}

/* ---- launchers ---- */

int cu_ternary(ten_ternop op, ten_tensor *out, const ten_tensor *a, const ten_tensor *b, const ten_tensor *c, double s) {
  ten_dtype dt = out->dtype;
  bool ok = op == TEN_TERNOP_WHERE || (op == TEN_TERNOP_ADDCMUL ? dt != TEN_DTYPE_BOOL : ten_dtype_is_float(dt));
  if (!ok) return cu_dtype_error("ternary_cuda", dt);
  if (ten_numel(out) == 0) return 0;
  cudaStream_t st;
  if (cu_use_tensor(out, &st)) return -1;
  const ten_tensor *ops[4] = {out, a, b, c};
  cu_iter it;
  cu_iter_make(&it, 4, ops);
  unsigned nb = cu_blocks(it.numel);
  if (op == TEN_TERNOP_WHERE) {
    CU_DISPATCH_ALL(dt, (where_kernel<scalar_t><<<nb, CU_THREADS, 0, st>>>(it)));
  } else {
    switch (dt) {
    case TEN_DTYPE_U8: arith3_kernel<uint8_t><<<nb, CU_THREADS, 0, st>>>(it, (int)op, s); break;
    case TEN_DTYPE_I32: arith3_kernel<int32_t><<<nb, CU_THREADS, 0, st>>>(it, (int)op, s); break;
    case TEN_DTYPE_I64: arith3_kernel<int64_t><<<nb, CU_THREADS, 0, st>>>(it, (int)op, s); break;
    case TEN_DTYPE_F32: arith3_kernel<float><<<nb, CU_THREADS, 0, st>>>(it, (int)op, s); break;
    case TEN_DTYPE_F64: arith3_kernel<double><<<nb, CU_THREADS, 0, st>>>(it, (int)op, s); break;
    default: break;
    }
  }
  return CU_CHECK(cudaGetLastError());
}
