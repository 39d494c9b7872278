/*
** cuda/binary.cu — binary elementwise ops on the GPU: out = a <op> b over operands the front end
** already broadcast (stride 0) and converted to the compute dtype; same formulas as
** tensor/cpu/binary.c (alpha as one FMA, ATen's floor_divide/remainder, wrapping integers,
** NaN-propagating maximum/minimum). One kernel per (dtype, arithmetic|comparison), the op a
** uniform switch inside it. Integral division by zero raises "ZeroDivisionError" as on the CPU
** (a device flag, read back after the launch).
*/
#include <math.h>

#include <type_traits>

#include "cuda/internal.cuh"

/* ---- kernels ---- */

__device__ int zero_div_flag;

template <typename T> __device__ __forceinline__ T floordiv_f(T a, T b) {
  if (b == 0) return a / b;
  T mod = fmod(a, b);
  T div = (a - mod) / b;
  if (mod != 0 && (b < 0) != (mod < 0)) div -= (T)1;
  T fd;
  if (div != 0) {
    fd = floor(div);
    if (div - fd > (T)0.5) fd += (T)1;
  } else {
    fd = copysign((T)0, a / b);
  }
  return fd;
}

template <typename T> __device__ __forceinline__ T remainder_f(T a, T b) {
  T mod = fmod(a, b);
  if (mod != 0 && (b < 0) != (mod < 0)) mod += b;
  return mod;
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

template <typename T> __device__ __forceinline__ T arith(int op, T a, T b, double alpha, int64_t ialpha) {
  if constexpr (cu_is_float<T>::value) {
    switch (op) {
    case TEN_BINOP_ADD: return alpha == 1.0 ? a + b : fma(b, (T)alpha, a);
    case TEN_BINOP_SUB: return alpha == 1.0 ? a - b : fma(b, (T)-alpha, a);
    case TEN_BINOP_MUL: return a * b;
    case TEN_BINOP_DIV: return a / b;
    case TEN_BINOP_DIV_TRUNC: return trunc(a / b);
    case TEN_BINOP_DIV_FLOOR: return floordiv_f(a, b);
    case TEN_BINOP_REMAINDER: return remainder_f(a, b);
    case TEN_BINOP_FMOD: return fmod(a, b);
    case TEN_BINOP_POW: return pow(a, b);
    case TEN_BINOP_ATAN2: return atan2(a, b);
    case TEN_BINOP_MAXIMUM: return a != a ? a : (b != b ? b : (a > b ? a : b));
    case TEN_BINOP_MINIMUM: return a != a ? a : (b != b ? b : (a < b ? a : b));
    default: return 0;
    }
  } else if constexpr (std::is_same<T, bool>::value) {
    switch (op) {
    case TEN_BINOP_ADD: return a || (ialpha && b);
    case TEN_BINOP_MUL: return a && b;
    case TEN_BINOP_MAXIMUM: return a || b;
    case TEN_BINOP_MINIMUM: return a && b;
    case TEN_BINOP_BITWISE_AND: return a & b;
    case TEN_BINOP_BITWISE_OR: return a | b;
    case TEN_BINOP_BITWISE_XOR: return a ^ b;
    default: return 0;
    }
  } else {
    switch (op) {
    case TEN_BINOP_ADD: return (T)((uint64_t)(int64_t)a + (uint64_t)ialpha * (uint64_t)(int64_t)b);
    case TEN_BINOP_SUB: return (T)((uint64_t)(int64_t)a - (uint64_t)ialpha * (uint64_t)(int64_t)b);
    case TEN_BINOP_MUL: return (T)((uint64_t)(int64_t)a * (uint64_t)(int64_t)b);
    case TEN_BINOP_DIV_TRUNC:
    case TEN_BINOP_DIV_FLOOR:
    case TEN_BINOP_REMAINDER:
    case TEN_BINOP_FMOD: {
      if (b == 0) {
        zero_div_flag = 1;
        return 0;
      }
      if ((int64_t)b == -1)
        return (op == TEN_BINOP_DIV_TRUNC || op == TEN_BINOP_DIV_FLOOR) ? (T)(0 - (uint64_t)(int64_t)a) : (T)0;
      if (op == TEN_BINOP_DIV_TRUNC) return (T)(a / b);
      if (op == TEN_BINOP_FMOD) return (T)(a % b);
      if (op == TEN_BINOP_DIV_FLOOR) {
        T q = (T)(a / b);
        if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
        return q;
      }
      T r = (T)(a % b);
      if (r != 0 && ((r < 0) != (b < 0))) r = (T)(r + b);
      return r;
    }
    case TEN_BINOP_POW: return ipow(a, (int64_t)b);
    case TEN_BINOP_MAXIMUM: return a > b ? a : b;
    case TEN_BINOP_MINIMUM: return a < b ? a : b;
    case TEN_BINOP_BITWISE_AND: return a & b;
    case TEN_BINOP_BITWISE_OR: return a | b;
    case TEN_BINOP_BITWISE_XOR: return a ^ b;
    default: return 0;
    }
  }
}

template <typename T> __device__ __forceinline__ bool compare(int op, T a, T b) {
  switch (op) {
  case TEN_BINOP_EQ: return a == b;
  case TEN_BINOP_NE: return a != b;
  case TEN_BINOP_LT: return a < b;
  case TEN_BINOP_LE: return a <= b;
  case TEN_BINOP_GT: return a > b;
  case TEN_BINOP_GE: return a >= b;
  case TEN_BINOP_LOGICAL_AND: return (a != 0) && (b != 0);
  case TEN_BINOP_LOGICAL_OR: return (a != 0) || (b != 0);
  default: return (a != 0) != (b != 0);   /* LOGICAL_XOR */
  }
}

template <typename T> __global__ void arith_kernel(cu_iter it, int op, double alpha, int64_t ialpha) {
  CU_GRID_LOOP(i, it.numel) {
    int64_t off[TEN_ITER_MAX_OPS];
    cu_iter_offsets(it, i, off);
    T a = *(const T *)(it.data[1] + off[1]), b = *(const T *)(it.data[2] + off[2]);
    *(T *)(it.data[0] + off[0]) = arith<T>(op, a, b, alpha, ialpha);
  }
}

template <typename T> __global__ void compare_kernel(cu_iter it, int op) {
  CU_GRID_LOOP(i, it.numel) {
    int64_t off[TEN_ITER_MAX_OPS];
    cu_iter_offsets(it, i, off);
    T a = *(const T *)(it.data[1] + off[1]), b = *(const T *)(it.data[2] + off[2]);
    *(bool *)(it.data[0] + off[0]) = compare<T>(op, a, b);
  }
}

/* ---- launchers ---- */

/* Which dtypes each op has (tensor/cpu/binary.c's table). ORDER TEN_BINOP */
enum { ALL, NUM, FLT, INTB };
static const unsigned char supported[TEN_BINOP_COUNT] = {
  ALL, NUM, ALL, FLT, NUM, NUM, NUM, NUM, NUM, FLT, ALL, ALL,
  ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, INTB, INTB, INTB,
};
static_assert(TEN_BINOP_COUNT == 24, "update supported[]");

static bool has_kernel(ten_binop op, ten_dtype dt) {
  bool fl = ten_dtype_is_float(dt), b = dt == TEN_DTYPE_BOOL;
  switch (supported[op]) {
  case ALL: return true;
  case NUM: return !b;
  case FLT: return fl;
  default: return !fl;
  }
}

int cu_binary(ten_binop op, ten_tensor *out, const ten_tensor *a, const ten_tensor *b, double alpha) {
  ten_dtype dt = a->dtype;
  if (!has_kernel(op, dt)) {
    const char *kernel = op == TEN_BINOP_DIV_FLOOR ? "div_floor_cuda" : op == TEN_BINOP_POW ? "pow_cuda" : NULL;
    if (kernel) return cu_dtype_error(kernel, dt);
    return ten_error_set(TEN_E_RUNTIME, "\"%s_cuda\" not implemented for '%s'", ten_binop_name(op),
                         ten_dtype_scalar_name(dt));
  }
  if (ten_numel(out) == 0) return 0;
  cudaStream_t s;
  if (cu_use_tensor(out, &s)) return -1;
  const ten_tensor *ops[3] = {out, a, b};
  cu_iter it;
  cu_iter_make(&it, 3, ops);
  unsigned nb = cu_blocks(it.numel);
  bool cmp = op >= TEN_BINOP_EQ && op <= TEN_BINOP_LOGICAL_XOR;
  bool idiv = !ten_dtype_is_float(dt) && (op == TEN_BINOP_DIV_TRUNC || op == TEN_BINOP_DIV_FLOOR ||
                                          op == TEN_BINOP_REMAINDER || op == TEN_BINOP_FMOD);
  int zero = 0;
  if (idiv && CU_CHECK(cudaMemcpyToSymbolAsync(zero_div_flag, &zero, sizeof zero, 0, cudaMemcpyHostToDevice, s)))
    return -1;
  if (cmp) {
    CU_DISPATCH_ALL(dt, (compare_kernel<scalar_t><<<nb, CU_THREADS, 0, s>>>(it, (int)op)));
  } else {
    CU_DISPATCH_ALL(dt, (arith_kernel<scalar_t><<<nb, CU_THREADS, 0, s>>>(it, (int)op, alpha, (int64_t)alpha)));
  }
  if (CU_CHECK(cudaGetLastError())) return -1;
  if (idiv) {
    if (CU_CHECK(cudaMemcpyFromSymbolAsync(&zero, zero_div_flag, sizeof zero, 0, cudaMemcpyDeviceToHost, s)) ||
        CU_CHECK(cudaStreamSynchronize(s)))
      return -1;
    if (zero) return ten_error_set(TEN_E_RUNTIME, "ZeroDivisionError");
  }
  return 0;
}
