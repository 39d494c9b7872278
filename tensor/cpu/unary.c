/*
** tensor/cpu/unary.c — CPU reference kernels of the unary elementwise ops and the ops with
** scalar parameters (clamp, pow with a scalar exponent or base, leaky_relu). Float formulas
** are ATen's: sigmoid = 1/(1+exp(-x)), relu = max(x, 0) keeping NaN and -0, round half-even,
** pow's special exponents (0.5 sqrt, 2 x*x, 3 x*x*x, -0.5 rsqrt, -1 1/x, -2 1/(x*x)).
*/
#include <math.h>

#include "tensor/cpu/cpu.h"
#include "tensor/cpu/vmath.h"

#define F(fn, x) _Generic((x), float: fn##f, double: fn)(x)
#define F2(fn, x, y) _Generic((x), float: fn##f, double: fn)(x, y)

#define UN_LOOP(fname, T, O, EXPR)                                                     \
  CPU_VEC static void fname(char **d, const int64_t *s, int64_t n, void *vctx) {              \
    const double *p = vctx;                                                           \
    (void)p;                                                                          \
    if (s[0] == (int64_t)sizeof(O) && s[1] == (int64_t)sizeof(T)) {                   \
      O *o = (O *)d[0];                                                               \
      const T *x = (const T *)d[1];                                                   \
      for (int64_t i = 0; i < n; i++) {                                               \
        T a = x[i];                                                                   \
        o[i] = (O)(EXPR);                                                             \
      }                                                                               \
    } else {                                                                          \
      for (int64_t i = 0; i < n; i++) {                                               \
        T a = *(const T *)(d[1] + i * s[1]);                                          \
        *(O *)(d[0] + i * s[0]) = (O)(EXPR);                                          \
      }                                                                               \
    }                                                                                 \
  }

/* ---- unary ---- */

/* ATen runs log1p through Sleef (vml), whose log1p returns inf above these bounds. */
#define LOG1P_INF_F32 1e38f
#define LOG1P_INF_F64 1e307

#define FLOAT_UNARY(T, S)                                                              \
  UN_LOOP(neg_##S, T, T, -a)                                                          \
  UN_LOOP(abs_##S, T, T, F(fabs, a))                                                  \
  UN_LOOP(sign_##S, T, T, (T)((0 < a) - (a < 0)))                                     \
  UN_LOOP(square_##S, T, T, a * a)                                                    \
  UN_LOOP(relu_##S, T, T, a < 0 ? (T)0 : a)                                           \
  UN_LOOP(floor_##S, T, T, F(floor, a))                                               \
  UN_LOOP(ceil_##S, T, T, F(ceil, a))                                                 \
  UN_LOOP(round_##S, T, T, F(nearbyint, a))                                           \
  UN_LOOP(trunc_##S, T, T, F(trunc, a))                                               \
  UN_LOOP(frac_##S, T, T, a - F(trunc, a))                                            \
  UN_LOOP(exp2_##S, T, T, F(exp2, a))                                                 \
  UN_LOOP(expm1_##S, T, T, F(expm1, a))                                               \
  UN_LOOP(log2_##S, T, T, F(log2, a))                                                 \
  UN_LOOP(log10_##S, T, T, F(log10, a))                                               \
  UN_LOOP(log1p_##S, T, T, a > LOG1P_INF_##S ? (T)INFINITY : F(log1p, a))              \
  UN_LOOP(sqrt_##S, T, T, F(sqrt, a))                                                 \
  UN_LOOP(rsqrt_##S, T, T, (T)1 / F(sqrt, a))                                         \
  UN_LOOP(reciprocal_##S, T, T, (T)1 / a)                                             \
  UN_LOOP(sin_##S, T, T, F(sin, a))                                                   \
  UN_LOOP(cos_##S, T, T, F(cos, a))                                                   \
  UN_LOOP(tan_##S, T, T, F(tan, a))                                                   \
  UN_LOOP(asin_##S, T, T, F(asin, a))                                                 \
  UN_LOOP(acos_##S, T, T, F(acos, a))                                                 \
  UN_LOOP(atan_##S, T, T, F(atan, a))                                                 \
  UN_LOOP(sinh_##S, T, T, F(sinh, a))                                                 \
  UN_LOOP(cosh_##S, T, T, F(cosh, a))                                                 \
  UN_LOOP(erf_##S, T, T, F(erf, a))                                                   \
  UN_LOOP(isnan_##S, T, bool, a != a)                                                 \
  UN_LOOP(isinf_##S, T, bool, F(fabs, a) == (T)INFINITY)                              \
  UN_LOOP(isfinite_##S, T, bool, isfinite(a))
FLOAT_UNARY(float, F32)
FLOAT_UNARY(double, F64)

/* ATen's double exp/log/tanh/sigmoid as libm; float: see below */
UN_LOOP(exp_F64, double, double, exp(a))
UN_LOOP(log_F64, double, double, log(a))
UN_LOOP(tanh_F64, double, double, tanh(a))
UN_LOOP(sigmoid_F64, double, double, 1.0 / (1.0 + exp(-a)))

/* Float exp, log and tanh are ATen "vml" kernels: every element, strided or not, goes through SLEEF's
   vector function (vmath.c gives its bits). Sigmoid runs cpu_kernel_vec: SLEEF's exp on the whole
   16-element blocks of each contiguous run, libm's expf on the rest and on strided input. */
#define VML_F32(name)                                                                  \
  static void name##_F32(char **d, const int64_t *s, int64_t n, void *vctx) {         \
    (void)vctx;                                                                       \
    if (s[0] == 4 && s[1] == 4) {                                                     \
      cpu_sleef_##name##_n((float *)d[0], (const float *)d[1], n);                    \
      return;                                                                         \
    }                                                                                 \
    for (int64_t i = 0; i < n; i++)                                                   \
      *(float *)(d[0] + i * s[0]) = cpu_sleef_##name##f(*(const float *)(d[1] + i * s[1])); \
  }
VML_F32(exp)
VML_F32(log)
VML_F32(tanh)

static void sigmoid_F32(char **d, const int64_t *s, int64_t n, void *vctx) {
  (void)vctx;
  int64_t i = 0;
  if (s[0] == 4 && s[1] == 4) i = cpu_sleef_sigmoid_blocks((float *)d[0], (const float *)d[1], n);
  for (; i < n; i++) {
    float a = *(const float *)(d[1] + i * s[1]);
    *(float *)(d[0] + i * s[0]) = 1.0f / (1.0f + expf(-a));
  }
}

#define INT_UNARY(T, S)                                                                \
  UN_LOOP(neg_##S, T, T, (T)(0 - (uint64_t)(int64_t)a))                               \
  UN_LOOP(abs_##S, T, T, (int64_t)a < 0 ? (T)(0 - (uint64_t)(int64_t)a) : a)          \
  UN_LOOP(sign_##S, T, T, (T)((0 < a) - (a < 0)))                                     \
  UN_LOOP(square_##S, T, T, (T)((uint64_t)(int64_t)a * (uint64_t)(int64_t)a))         \
  UN_LOOP(relu_##S, T, T, a < 0 ? 0 : a)                                              \
  UN_LOOP(ident_##S, T, T, a)                                                         \
  UN_LOOP(bnot_##S, T, T, (T)~a)
INT_UNARY(uint8_t, U8)
INT_UNARY(int32_t, I32)
INT_UNARY(int64_t, I64)
UN_LOOP(ident_BOOL, bool, bool, a)
UN_LOOP(bnot_BOOL, bool, bool, !a)

#define LNOT(T, S) UN_LOOP(lnot_##S, T, bool, !(a != 0))
CPU_FOR_EACH_DTYPE(LNOT)
/* isnan/isinf/isfinite of non-float types are constant */
#define CONST_BOOL(T, S) UN_LOOP(false_##S, T, bool, 0 && a) UN_LOOP(true_##S, T, bool, 1 || a)
CONST_BOOL(bool, BOOL)
CONST_BOOL(uint8_t, U8)
CONST_BOOL(int32_t, I32)
CONST_BOOL(int64_t, I64)

#define ROW_F(name) {NULL, NULL, NULL, NULL, name##_F32, name##_F64}
#define ROW_N(name) {NULL, name##_U8, name##_I32, name##_I64, name##_F32, name##_F64}
#define ROW_ROUNDING(name) {NULL, ident_U8, ident_I32, ident_I64, name##_F32, name##_F64}

/* ORDER TEN_UNOP (ops.def) */
static const ten_loop_fn unary_loops[TEN_UNOP_COUNT][TEN_DTYPE_COUNT] = {
  ROW_N(neg), ROW_N(abs), {ident_BOOL, sign_U8, sign_I32, sign_I64, sign_F32, sign_F64}, ROW_N(square),
  ROW_N(relu), ROW_ROUNDING(floor), ROW_ROUNDING(ceil), ROW_ROUNDING(round), ROW_ROUNDING(trunc),
  ROW_F(frac), {bnot_BOOL, bnot_U8, bnot_I32, bnot_I64, NULL, NULL},
  ROW_F(exp), ROW_F(exp2), ROW_F(expm1), ROW_F(log), ROW_F(log2), ROW_F(log10), ROW_F(log1p),
  ROW_F(sqrt), ROW_F(rsqrt), ROW_F(reciprocal), ROW_F(sin), ROW_F(cos), ROW_F(tan), ROW_F(asin),
  ROW_F(acos), ROW_F(atan), ROW_F(sinh), ROW_F(cosh), ROW_F(tanh), ROW_F(sigmoid), ROW_F(erf),
  {lnot_BOOL, lnot_U8, lnot_I32, lnot_I64, lnot_F32, lnot_F64},
  {false_BOOL, false_U8, false_I32, false_I64, isnan_F32, isnan_F64},
  {false_BOOL, false_U8, false_I32, false_I64, isinf_F32, isinf_F64},
  {true_BOOL, true_U8, true_I32, true_I64, isfinite_F32, isfinite_F64},
};
_Static_assert(TEN_UNOP_COUNT == 36, "update unary_loops");

/* ATen's tanh_backward, g * (1 - y * y) compiled with FMA contraction, i.e. g * fma(-y, y, 1), and
   sigmoid_backward, (g * (1 - y)) * y, over n contiguous floats: an FMA clone (AVX2 machines) and a
   libm fmaf one, same bits. */
#define UB_DEFINE(SUF, ATTR, FMA)                                                      \
  ATTR static void ub_run_##SUF(float *restrict o, const float *restrict g, const float *restrict y, int64_t n, \
                                bool sigmoid) {                                       \
    if (sigmoid)                                                                      \
      for (int64_t i = 0; i < n; i++) o[i] = (g[i] * (1.0f - y[i])) * y[i];           \
    else                                                                              \
      for (int64_t i = 0; i < n; i++) o[i] = g[i] * FMA(-y[i], y[i], 1.0f);           \
  }
UB_DEFINE(libm, , fmaf)
#if defined(__GNUC__) && defined(__x86_64__)
#define UB_HAVE_FMA_CLONE 1
UB_DEFINE(fma, __attribute__((target("avx2,fma"))), __builtin_fmaf)
#endif

void cpu_tanh_sigmoid_backward(float *o, const float *g, const float *y, int64_t n, bool sigmoid) {
#ifdef UB_HAVE_FMA_CLONE
  if (__builtin_cpu_supports("fma") && __builtin_cpu_supports("avx2")) {
    ub_run_fma(o, g, y, n, sigmoid);
    return;
  }
#endif
  ub_run_libm(o, g, y, n, sigmoid);
}

static int run1(ten_loop_fn fn, ten_tensor *out, const ten_tensor *in, const double *p) {
  const ten_tensor *ops[2] = {out, in};
  ten_iter it;
  ten_iter_init(&it, 2, ops);
  ten_iter_run(&it, fn, (void *)p, true);
  return 0;
}

int cpu_unary(ten_unop op, ten_tensor *out, const ten_tensor *in) {
  ten_loop_fn fn = unary_loops[op][in->dtype];
  if (!fn) {
    /* ATen's rounding ops are vml kernels: "floor_vml_cpu" */
    bool vml = op == TEN_UNOP_FLOOR || op == TEN_UNOP_CEIL || op == TEN_UNOP_ROUND || op == TEN_UNOP_TRUNC;
    return ten_error_set(TEN_E_RUNTIME, "\"%s_%scpu\" not implemented for '%s'", ten_unop_name(op), vml ? "vml_" : "",
                         ten_dtype_scalar_name(in->dtype));
  }
  return run1(fn, out, in, NULL);
}

/* ---- ops with scalar parameters: p[0], p[1] ---- */

/* clamp: vec::clamp = min(max(x, lo), hi) with NaN propagating; NAN bound = none */
#define PARAM_FLOAT(T, S)                                                              \
  static inline T clamp_fn_##S(T a, T lo, T hi) {                                     \
    if (a != a) return a;                                                             \
    T r = a < lo ? lo : a;                                                            \
    return r > hi ? hi : r;                                                           \
  }                                                                                   \
  UN_LOOP(clamp_##S, T, T, clamp_fn_##S(a, (T)p[0], (T)p[1]))                         \
  UN_LOOP(clampmin_##S, T, T, a != a ? a : (a < (T)p[0] ? (T)p[0] : a))               \
  UN_LOOP(clampmax_##S, T, T, a != a ? a : (a > (T)p[1] ? (T)p[1] : a))               \
  UN_LOOP(pow_##S, T, T, F2(pow, a, (T)p[0]))                                         \
  UN_LOOP(pow_sq_##S, T, T, a * a)                                                    \
  UN_LOOP(pow_cube_##S, T, T, a * a * a)                                              \
  UN_LOOP(pow_sqrt_##S, T, T, F(sqrt, a))                                             \
  UN_LOOP(pow_rsqrt_##S, T, T, (T)1 / F(sqrt, a))                                     \
  UN_LOOP(pow_recip_##S, T, T, (T)1 / a)                                              \
  UN_LOOP(pow_recip_sq_##S, T, T, (T)1 / (a * a))                                     \
  UN_LOOP(rpow_##S, T, T, F2(pow, (T)p[0], a))                                        \
  UN_LOOP(leaky_##S, T, T, a > 0 ? a : a * (T)p[0])
PARAM_FLOAT(float, F32)
PARAM_FLOAT(double, F64)

/* integral pow by squaring; a negative exponent (only rpow's tensor exponents reach here) gives
   PyTorch's integral results: 1 ** e = 1, (-1) ** e = +-1, else 0. Clamp on ints. */
#define PARAM_INT(T, S)                                                                \
  static inline T ipow_##S(T a, int64_t e) {                                          \
    if (e < 0) return (T)(a == 1 ? 1 : (int64_t)a == -1 ? ((e & 1) ? -1 : 1) : 0);    \
    uint64_t r = 1, base = (uint64_t)(int64_t)a;                                      \
    for (; e; e >>= 1) {                                                              \
      if (e & 1) r *= base;                                                           \
      base *= base;                                                                   \
    }                                                                                 \
    return (T)r;                                                                      \
  }                                                                                   \
  static inline T ibound_##S(double b) { return (T)(int64_t)b; }   /* Scalar::to<T>: -1 -> 255 for uint8 */ \
  UN_LOOP(clamp_##S, T, T, a < ibound_##S(p[0]) ? ibound_##S(p[0]) : (a > ibound_##S(p[1]) ? ibound_##S(p[1]) : a)) \
  UN_LOOP(clampmin_##S, T, T, a < ibound_##S(p[0]) ? ibound_##S(p[0]) : a)           \
  UN_LOOP(clampmax_##S, T, T, a > ibound_##S(p[1]) ? ibound_##S(p[1]) : a)           \
  UN_LOOP(pow_##S, T, T, ipow_##S(a, (int64_t)p[0]))                                  \
  UN_LOOP(rpow_##S, T, T, ipow_##S((T)(int64_t)p[0], (int64_t)a))                     \
  UN_LOOP(leaky_##S, T, T, a)
PARAM_INT(uint8_t, U8)
PARAM_INT(int32_t, I32)
PARAM_INT(int64_t, I64)

int cpu_unary_param(ten_pop op, ten_tensor *out, const ten_tensor *in, const double *p) {
  ten_dtype dt = in->dtype;
  bool fl = ten_dtype_is_float(dt);
  int k = dt == TEN_DTYPE_U8 ? 0 : dt == TEN_DTYPE_I32 ? 1 : dt == TEN_DTYPE_I64 ? 2 : dt == TEN_DTYPE_F32 ? 3 : 4;
  if (dt == TEN_DTYPE_BOOL)
    return ten_error_set(TEN_E_RUNTIME, "\"%s_cpu\" not implemented for 'Bool'",
                         op == TEN_POP_CLAMP ? "clamp_scalar" : op == TEN_POP_LEAKY_RELU ? "leaky_relu" : "pow");
  ten_loop_fn fn = NULL;
  switch (op) {
  case TEN_POP_CLAMP: {
    static const ten_loop_fn both[] = {clamp_U8, clamp_I32, clamp_I64, clamp_F32, clamp_F64};
    static const ten_loop_fn lo[] = {clampmin_U8, clampmin_I32, clampmin_I64, clampmin_F32, clampmin_F64};
    static const ten_loop_fn hi[] = {clampmax_U8, clampmax_I32, clampmax_I64, clampmax_F32, clampmax_F64};
    fn = isnan(p[1]) ? lo[k] : isnan(p[0]) ? hi[k] : both[k];
    break;
  }
  case TEN_POP_POW: {
    static const ten_loop_fn gen[] = {pow_U8, pow_I32, pow_I64, pow_F32, pow_F64};
    fn = gen[k];
    if (fl) {
      double e = p[0];
      bool f32 = dt == TEN_DTYPE_F32;
      if (e == 2) fn = f32 ? pow_sq_F32 : pow_sq_F64;
      else if (e == 3) fn = f32 ? pow_cube_F32 : pow_cube_F64;
      else if (e == 0.5) fn = f32 ? pow_sqrt_F32 : pow_sqrt_F64;
      else if (e == -0.5) fn = f32 ? pow_rsqrt_F32 : pow_rsqrt_F64;
      else if (e == -1) fn = f32 ? pow_recip_F32 : pow_recip_F64;
      else if (e == -2) fn = f32 ? pow_recip_sq_F32 : pow_recip_sq_F64;
    }
    break;
  }
  case TEN_POP_RPOW: {
    static const ten_loop_fn gen[] = {rpow_U8, rpow_I32, rpow_I64, rpow_F32, rpow_F64};
    fn = gen[k];
    break;
  }
  case TEN_POP_LEAKY_RELU: {
    static const ten_loop_fn gen[] = {leaky_U8, leaky_I32, leaky_I64, leaky_F32, leaky_F64};
    fn = gen[k];
    break;
  }
  default: return ten_error_set(TEN_E_RUNTIME, "unknown parametrised op");
  }
  return run1(fn, out, in, p);
}
