/*
** cuda/unary.cu — unary elementwise ops and the ops with scalar parameters (clamp, pow with a
** scalar exponent or base, leaky_relu) on the GPU; formulas as tensor/cpu/unary.c (relu keeps NaN
** and -0, round half-even, sigmoid 1/(1+exp(-x)), pow's special exponents). Transcendentals are
** CUDA's libdevice (within 2 ulp of glibc's, not bit-identical; PyTorch's CUDA build differs from
** its CPU build the same way). log1p has no CPU Sleef bound here, as in PyTorch's CUDA kernel.
*/
#include <math.h>

#include <type_traits>

#include "cuda/internal.cuh"

/* ---- kernels ---- */

template <typename T> __device__ __forceinline__ T unary_f(int op, T a) {
  switch (op) {
  case TEN_UNOP_NEG: return -a;
  case TEN_UNOP_ABS: return fabs(a);
  case TEN_UNOP_SIGN: return (T)((0 < a) - (a < 0));
  case TEN_UNOP_SQUARE: return a * a;
  case TEN_UNOP_RELU: return a < 0 ? (T)0 : a;
  case TEN_UNOP_FLOOR: return floor(a);
  case TEN_UNOP_CEIL: return ceil(a);
  case TEN_UNOP_ROUND: return rint(a);
  case TEN_UNOP_TRUNC: return trunc(a);
  case TEN_UNOP_FRAC: return a - trunc(a);
  case TEN_UNOP_EXP: return exp(a);
  case TEN_UNOP_EXP2: return exp2(a);
  case TEN_UNOP_EXPM1: return expm1(a);
  case TEN_UNOP_LOG: return log(a);
  case TEN_UNOP_LOG2: return log2(a);
  case TEN_UNOP_LOG10: return log10(a);
  case TEN_UNOP_LOG1P: return log1p(a);
  case TEN_UNOP_SQRT: return sqrt(a);
  case TEN_UNOP_RSQRT: return (T)1 / sqrt(a);
  case TEN_UNOP_RECIPROCAL: return (T)1 / a;
  case TEN_UNOP_SIN: return sin(a);
  case TEN_UNOP_COS: return cos(a);
  case TEN_UNOP_TAN: return tan(a);
  case TEN_UNOP_ASIN: return asin(a);
  case TEN_UNOP_ACOS: return acos(a);
  case TEN_UNOP_ATAN: return atan(a);
  case TEN_UNOP_SINH: return sinh(a);
  case TEN_UNOP_COSH: return cosh(a);
  case TEN_UNOP_TANH: return tanh(a);
  case TEN_UNOP_SIGMOID: return (T)1 / ((T)1 + exp(-a));
  case TEN_UNOP_ERF: return erf(a);
  default: return a;
  }
}

template <typename T> __device__ __forceinline__ T unary_i(int op, T a) {
  if constexpr (std::is_same<T, bool>::value) {
    return op == TEN_UNOP_BITWISE_NOT ? !a : a;   /* sign, rounding: identity */
  } else {
    switch (op) {
    case TEN_UNOP_NEG: return (T)(0 - (uint64_t)(int64_t)a);
    case TEN_UNOP_ABS: return (int64_t)a < 0 ? (T)(0 - (uint64_t)(int64_t)a) : a;
    case TEN_UNOP_SIGN: return (T)((0 < a) - (a < 0));
    case TEN_UNOP_SQUARE: return (T)((uint64_t)(int64_t)a * (uint64_t)(int64_t)a);
    case TEN_UNOP_RELU: return (int64_t)a < 0 ? (T)0 : a;
    case TEN_UNOP_BITWISE_NOT: return (T)~a;
    default: return a;   /* floor/ceil/round/trunc of integers */
    }
  }
}

template <typename T> __device__ __forceinline__ bool unary_b(int op, T a) {
  if constexpr (cu_is_float<T>::value) {
    switch (op) {
    case TEN_UNOP_ISNAN: return a != a;
    case TEN_UNOP_ISINF: return fabs(a) == (T)INFINITY;
    case TEN_UNOP_ISFINITE: return isfinite(a);
    default: return !(a != 0);
    }
  } else {
    switch (op) {
    case TEN_UNOP_ISNAN:
    case TEN_UNOP_ISINF: return false;
    case TEN_UNOP_ISFINITE: return true;
    default: return !(a != 0);
    }
  }
}

template <typename T> __global__ void unary_kernel(cu_iter it, int op) {
  CU_GRID_LOOP(i, it.numel) {
    int64_t off[TEN_ITER_MAX_OPS];
    cu_iter_offsets(it, i, off);
    T a = *(const T *)(it.data[1] + off[1]);
    if constexpr (cu_is_float<T>::value) *(T *)(it.data[0] + off[0]) = unary_f<T>(op, a);
    else *(T *)(it.data[0] + off[0]) = unary_i<T>(op, a);
  }
}

template <typename T> __global__ void unary_bool_kernel(cu_iter it, int op) {
  CU_GRID_LOOP(i, it.numel) {
    int64_t off[TEN_ITER_MAX_OPS];
    cu_iter_offsets(it, i, off);
    *(bool *)(it.data[0] + off[0]) = unary_b<T>(op, *(const T *)(it.data[1] + off[1]));
  }
}

template <typename T> __device__ __forceinline__ T ipow(T a, int64_t e) {
  if (e < 0) return (T)(a == 1 ? 1 : (int64_t)a == -1 ? ((e & 1) ? -1 : 1) : 0);
  uint64_t r = 1, base = (uint64_t)(int64_t)a;
  for (; e; e >>= 1) {
    if (e & 1) r *= base;
    base *= base;
  }
  return (T)r;
}

/* p0, p1 as tensor/cpu/unary.c reads them: NaN bound = none (clamp). */
template <typename T> __device__ __forceinline__ T param_op(int op, T a, double p0, double p1) {
  if constexpr (cu_is_float<T>::value) {
    switch (op) {
    case TEN_POP_CLAMP: {
      if (a != a) return a;
      T r = (p0 == p0 && a < (T)p0) ? (T)p0 : a;
      return (p1 == p1 && r > (T)p1) ? (T)p1 : r;
    }
    case TEN_POP_POW:
      if (p0 == 2) return a * a;
      if (p0 == 3) return a * a * a;
      if (p0 == 0.5) return sqrt(a);
      if (p0 == -0.5) return (T)1 / sqrt(a);
      if (p0 == -1) return (T)1 / a;
      if (p0 == -2) return (T)1 / (a * a);
      return pow(a, (T)p0);
    case TEN_POP_RPOW: return pow((T)p0, a);
    default: return a > 0 ? a : a * (T)p0;   /* LEAKY_RELU */
    }
  } else {
    switch (op) {
    case TEN_POP_CLAMP: {
      T r = (p0 == p0 && a < (T)(int64_t)p0) ? (T)(int64_t)p0 : a;
      return (p1 == p1 && r > (T)(int64_t)p1) ? (T)(int64_t)p1 : r;
    }
    case TEN_POP_POW: return ipow(a, (int64_t)p0);
    case TEN_POP_RPOW: return ipow((T)(int64_t)p0, (int64_t)a);
    default: return a;   /* leaky_relu of integers: identity, as the CPU kernel */
    }
  }
}

template <typename T> __global__ void param_kernel(cu_iter it, int op, double p0, double p1) {
  CU_GRID_LOOP(i, it.numel) {
    int64_t off[TEN_ITER_MAX_OPS];
    cu_iter_offsets(it, i, off);
    *(T *)(it.data[0] + off[0]) = param_op<T>(op, *(const T *)(it.data[1] + off[1]), p0, p1);
  }
}

/* ---- launchers ---- */

/* tensor/cpu/unary.c's table: which dtypes an op has. */
static bool has_kernel(ten_unop op, ten_dtype dt) {
  bool fl = ten_dtype_is_float(dt), b = dt == TEN_DTYPE_BOOL;
  switch (op) {
  case TEN_UNOP_SIGN:
  case TEN_UNOP_LOGICAL_NOT:
  case TEN_UNOP_ISNAN:
  case TEN_UNOP_ISINF:
  case TEN_UNOP_ISFINITE: return true;
  case TEN_UNOP_NEG:
  case TEN_UNOP_ABS:
  case TEN_UNOP_SQUARE:
  case TEN_UNOP_RELU:
  case TEN_UNOP_FLOOR:
  case TEN_UNOP_CEIL:
  case TEN_UNOP_ROUND:
  case TEN_UNOP_TRUNC: return !b;
  case TEN_UNOP_BITWISE_NOT: return !fl;
  default: return fl;
  }
}

static int launch(const ten_tensor *out, const ten_tensor *in, cudaStream_t *s, cu_iter *it) {
  if (cu_use_tensor(out, s)) return -1;
  const ten_tensor *ops[2] = {out, in};
  cu_iter_make(it, 2, ops);
  return 0;
}

int cu_unary(ten_unop op, ten_tensor *out, const ten_tensor *in) {
  ten_dtype dt = in->dtype;
  if (!has_kernel(op, dt))
    return ten_error_set(TEN_E_RUNTIME, "\"%s_cuda\" not implemented for '%s'", ten_unop_name(op),
                         ten_dtype_scalar_name(dt));
  if (ten_numel(out) == 0) return 0;
  cudaStream_t s;
  cu_iter it;
  if (launch(out, in, &s, &it)) return -1;
  unsigned nb = cu_blocks(it.numel);
  bool to_bool = op == TEN_UNOP_LOGICAL_NOT || op == TEN_UNOP_ISNAN || op == TEN_UNOP_ISINF || op == TEN_UNOP_ISFINITE;
  if (to_bool) {
    CU_DISPATCH_ALL(dt, (unary_bool_kernel<scalar_t><<<nb, CU_THREADS, 0, s>>>(it, (int)op)));
  } else {
    CU_DISPATCH_ALL(dt, (unary_kernel<scalar_t><<<nb, CU_THREADS, 0, s>>>(it, (int)op)));
  }
  return CU_CHECK(cudaGetLastError());
}

int cu_unary_param(ten_pop op, ten_tensor *out, const ten_tensor *in, const double *p) {
  ten_dtype dt = in->dtype;
  if (dt == TEN_DTYPE_BOOL)
    return cu_dtype_error(op == TEN_POP_CLAMP ? "clamp_scalar_cuda" : op == TEN_POP_LEAKY_RELU ? "leaky_relu_cuda" : "pow_cuda",
                          dt);
  if (ten_numel(out) == 0) return 0;
  cudaStream_t s;
  cu_iter it;
  if (launch(out, in, &s, &it)) return -1;
  unsigned nb = cu_blocks(it.numel);
  double p0 = p[0], p1 = op == TEN_POP_CLAMP ? p[1] : 0;
  switch (dt) {
  case TEN_DTYPE_U8: param_kernel<uint8_t><<<nb, CU_THREADS, 0, s>>>(it, (int)op, p0, p1); break;
  case TEN_DTYPE_I32: param_kernel<int32_t><<<nb, CU_THREADS, 0, s>>>(it, (int)op, p0, p1); break;
  case TEN_DTYPE_I64: param_kernel<int64_t><<<nb, CU_THREADS, 0, s>>>(it, (int)op, p0, p1); break;
  case TEN_DTYPE_F32: param_kernel<float><<<nb, CU_THREADS, 0, s>>>(it, (int)op, p0, p1); break;
  case TEN_DTYPE_F64: param_kernel<double><<<nb, CU_THREADS, 0, s>>>(it, (int)op, p0, p1); break;
  default: return ten_error_set(TEN_E_RUNTIME, "unknown parametrised op");
  }
  return CU_CHECK(cudaGetLastError());
}
