/*
** tensor/cpu/binary.c — CPU reference kernels of the binary elementwise ops: out = a <op> b over
** operands the front end already broadcast (stride 0) and converted to the compute dtype.
** Float arithmetic follows ATen's AVX2 build: add/sub with alpha != 1 is one FMA (vec::fmadd);
** floor_divide/remainder use ATen's fmod-based formulas. Integer ops wrap (no UB) and report
** division by zero as PyTorch does ("ZeroDivisionError").
*/
#include <math.h>

#include "tensor/cpu/cpu.h"

typedef struct bin_ctx {
  double alpha;         /* add/sub scale (float types) */
  int64_t ialpha;       /* add/sub scale (integral types) */
  int zero_div;         /* set by integral division by zero */
} bin_ctx;

#define FMA(x, y, z) _Generic((x), float: fmaf, double: fma)(x, y, z)
#define FMOD(x, y) _Generic((x), float: fmodf, double: fmod)(x, y)
#define FLOOR(x) _Generic((x), float: floorf, double: floor)(x)
#define TRUNC(x) _Generic((x), float: truncf, double: trunc)(x)
#define POW(x, y) _Generic((x), float: powf, double: pow)(x, y)
#define ATAN2(x, y) _Generic((x), float: atan2f, double: atan2)(x, y)
#define COPYSIGN(x, y) _Generic((x), float: copysignf, double: copysign)(x, y)

/* out = EXPR(a, b) over n elements; contiguous and scalar-b fast paths let the compiler vectorise. */
#define BIN_LOOP(fname, T, O, EXPR)                                                    \
  CPU_VEC static void fname(char **d, const int64_t *s, int64_t n, void *vctx) {              \
    bin_ctx *ctx = vctx;                                                              \
    (void)ctx;                                                                        \
    char *po = d[0];                                                                  \
    const char *pa = d[1], *pb = d[2];                                                \
    if (s[0] == (int64_t)sizeof(O) && s[1] == (int64_t)sizeof(T) && s[2] == (int64_t)sizeof(T)) { \
      O *o = (O *)po;                                                                 \
      const T *x = (const T *)pa, *y = (const T *)pb;                                 \
      for (int64_t i = 0; i < n; i++) {                                               \
        T a = x[i], b = y[i];                                                         \
        o[i] = (O)(EXPR);                                                             \
      }                                                                               \
    } else if (s[0] == (int64_t)sizeof(O) && s[1] == (int64_t)sizeof(T) && s[2] == 0) { \
      O *o = (O *)po;                                                                 \
      const T *x = (const T *)pa;                                                     \
      const T b = *(const T *)pb;                                                     \
      for (int64_t i = 0; i < n; i++) {                                               \
        T a = x[i];                                                                   \
        o[i] = (O)(EXPR);                                                             \
      }                                                                               \
    } else {                                                                          \
      for (int64_t i = 0; i < n; i++) {                                               \
        T a = *(const T *)(pa + i * s[1]), b = *(const T *)(pb + i * s[2]);           \
        *(O *)(po + i * s[0]) = (O)(EXPR);                                            \
      }                                                                               \
    }                                                                                 \
  }

/* ---- scalar helpers ---- */

/* c10::div_floor_floating */
#define DEF_FLOAT_HELPERS(T, S)                                                        \
  static inline T floordiv_##S(T a, T b) {                                            \
    if (b == 0) return a / b;                                                         \
    T mod = FMOD(a, b);                                                               \
    T div = (a - mod) / b;                                                            \
    if (mod != 0 && (b < 0) != (mod < 0)) div -= (T)1;                                \
    T fd;                                                                             \
    if (div != 0) {                                                                   \
      fd = FLOOR(div);                                                                \
      if (div - fd > (T)0.5) fd += (T)1;                                              \
    } else {                                                                          \
      fd = COPYSIGN((T)0, a / b);                                                     \
    }                                                                                 \
    return fd;                                                                        \
  }                                                                                   \
  static inline T remainder_##S(T a, T b) {                                           \
    T mod = FMOD(a, b);                                                               \
    if (mod != 0 && (b < 0) != (mod < 0)) mod += b;                                   \
    return mod;                                                                       \
  }                                                                                   \
  static inline T maximum_##S(T a, T b) { return a != a ? a : (b != b ? b : (a > b ? a : b)); } \
  static inline T minimum_##S(T a, T b) { return a != a ? a : (b != b ? b : (a < b ? a : b)); }
DEF_FLOAT_HELPERS(float, F32)
DEF_FLOAT_HELPERS(double, F64)

#define DEF_INT_HELPERS(T, S)                                                          \
  static inline T add_##S(T a, T b, int64_t alpha) {                                  \
    return (T)((uint64_t)(int64_t)a + (uint64_t)alpha * (uint64_t)(int64_t)b);        \
  }                                                                                   \
  static inline T mul_##S(T a, T b) { return (T)((uint64_t)(int64_t)a * (uint64_t)(int64_t)b); } \
  static inline T divtrunc_##S(T a, T b, bin_ctx *c) {                                \
    if (b == 0) { c->zero_div = 1; return 0; }                                        \
    if ((int64_t)b == -1) return (T)(0 - (uint64_t)(int64_t)a);                       \
    return (T)(a / b);                                                                \
  }                                                                                   \
  static inline T divfloor_##S(T a, T b, bin_ctx *c) {                                \
    if (b == 0) { c->zero_div = 1; return 0; }                                        \
    if ((int64_t)b == -1) return (T)(0 - (uint64_t)(int64_t)a);                       \
    T q = (T)(a / b);                                                                 \
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;                                    \
    return q;                                                                         \
  }                                                                                   \
  static inline T remainder_##S(T a, T b, bin_ctx *c) {                               \
    if (b == 0) { c->zero_div = 1; return 0; }                                        \
    if ((int64_t)b == -1) return 0;                                                   \
    T r = (T)(a % b);                                                                 \
    if (r != 0 && ((r < 0) != (b < 0))) r = (T)(r + b);                               \
    return r;                                                                         \
  }                                                                                   \
  static inline T fmod_##S(T a, T b, bin_ctx *c) {                                    \
    if (b == 0) { c->zero_div = 1; return 0; }                                        \
    if ((int64_t)b == -1) return 0;                                                   \
    return (T)(a % b);                                                                \
  }                                                                                   \
  static inline T pow_##S(T a, T b) {                                                 \
    if ((int64_t)b < 0) {                                                             \
      if (a == 1) return 1;                                                           \
      if ((int64_t)a == -1) return (T)(((int64_t)b & 1) ? -1 : 1);                    \
      return 0;                                                                       \
    }                                                                                 \
    uint64_t r = 1, base = (uint64_t)(int64_t)a;                                      \
    for (int64_t e = (int64_t)b; e; e >>= 1) {                                        \
      if (e & 1) r *= base;                                                           \
      base *= base;                                                                   \
    }                                                                                 \
    return (T)r;                                                                      \
  }
DEF_INT_HELPERS(uint8_t, U8)
DEF_INT_HELPERS(int32_t, I32)
DEF_INT_HELPERS(int64_t, I64)

/* ---- loops ---- */

#define FLOAT_LOOPS(T, S)                                                              \
  BIN_LOOP(add_loop_##S, T, T, a + b)                                                 \
  BIN_LOOP(add_alpha_loop_##S, T, T, FMA(b, (T)ctx->alpha, a))                        \
  BIN_LOOP(sub_loop_##S, T, T, a - b)                                                 \
  BIN_LOOP(mul_loop_##S, T, T, a * b)                                                 \
  BIN_LOOP(div_loop_##S, T, T, a / b)                                                 \
  BIN_LOOP(divtrunc_loop_##S, T, T, TRUNC(a / b))                                     \
  BIN_LOOP(divfloor_loop_##S, T, T, floordiv_##S(a, b))                               \
  BIN_LOOP(remainder_loop_##S, T, T, remainder_##S(a, b))                             \
  BIN_LOOP(fmod_loop_##S, T, T, FMOD(a, b))                                           \
  BIN_LOOP(pow_loop_##S, T, T, POW(a, b))                                             \
  BIN_LOOP(atan2_loop_##S, T, T, ATAN2(a, b))                                         \
  BIN_LOOP(maximum_loop_##S, T, T, maximum_##S(a, b))                                 \
  BIN_LOOP(minimum_loop_##S, T, T, minimum_##S(a, b))
FLOAT_LOOPS(float, F32)
FLOAT_LOOPS(double, F64)

#define INT_LOOPS(T, S)                                                                \
  BIN_LOOP(add_loop_##S, T, T, add_##S(a, b, 1))                                      \
  BIN_LOOP(add_alpha_loop_##S, T, T, add_##S(a, b, ctx->ialpha))                      \
  BIN_LOOP(sub_loop_##S, T, T, add_##S(a, b, -1))                                     \
  BIN_LOOP(mul_loop_##S, T, T, mul_##S(a, b))                                         \
  BIN_LOOP(divtrunc_loop_##S, T, T, divtrunc_##S(a, b, ctx))                          \
  BIN_LOOP(divfloor_loop_##S, T, T, divfloor_##S(a, b, ctx))                          \
  BIN_LOOP(remainder_loop_##S, T, T, remainder_##S(a, b, ctx))                        \
  BIN_LOOP(fmod_loop_##S, T, T, fmod_##S(a, b, ctx))                                  \
  BIN_LOOP(pow_loop_##S, T, T, pow_##S(a, b))                                         \
  BIN_LOOP(maximum_loop_##S, T, T, a > b ? a : b)                                     \
  BIN_LOOP(minimum_loop_##S, T, T, a < b ? a : b)                                     \
  BIN_LOOP(band_loop_##S, T, T, a & b)                                                \
  BIN_LOOP(bor_loop_##S, T, T, a | b)                                                 \
  BIN_LOOP(bxor_loop_##S, T, T, a ^ b)
INT_LOOPS(uint8_t, U8)
INT_LOOPS(int32_t, I32)
INT_LOOPS(int64_t, I64)

BIN_LOOP(add_loop_BOOL, bool, bool, a || b)
BIN_LOOP(add_alpha_loop_BOOL, bool, bool, a || (ctx->ialpha && b))
BIN_LOOP(mul_loop_BOOL, bool, bool, a && b)
BIN_LOOP(maximum_loop_BOOL, bool, bool, a || b)
BIN_LOOP(minimum_loop_BOOL, bool, bool, a && b)
BIN_LOOP(band_loop_BOOL, bool, bool, a & b)
BIN_LOOP(bor_loop_BOOL, bool, bool, a | b)
BIN_LOOP(bxor_loop_BOOL, bool, bool, a ^ b)

/* comparisons and logical ops: any dtype in, bool out */
#define CMP_LOOPS(T, S)                                                                \
  BIN_LOOP(eq_loop_##S, T, bool, a == b)                                              \
  BIN_LOOP(ne_loop_##S, T, bool, a != b)                                              \
  BIN_LOOP(lt_loop_##S, T, bool, a < b)                                               \
  BIN_LOOP(le_loop_##S, T, bool, a <= b)                                              \
  BIN_LOOP(gt_loop_##S, T, bool, a > b)                                               \
  BIN_LOOP(ge_loop_##S, T, bool, a >= b)                                              \
  BIN_LOOP(land_loop_##S, T, bool, (a != 0) && (b != 0))                              \
  BIN_LOOP(lor_loop_##S, T, bool, (a != 0) || (b != 0))                               \
  BIN_LOOP(lxor_loop_##S, T, bool, (a != 0) != (b != 0))
CPU_FOR_EACH_DTYPE(CMP_LOOPS)

/* ---- table: loops[op][dtype], NULL = not implemented for that dtype ---- */

#define ROW_ALL(name) {name##_BOOL, name##_U8, name##_I32, name##_I64, name##_F32, name##_F64}
#define ROW_NUM(name) {NULL, name##_U8, name##_I32, name##_I64, name##_F32, name##_F64}
#define ROW_INT(name) {NULL, name##_U8, name##_I32, name##_I64, NULL, NULL}
#define ROW_INTB(name) {name##_BOOL, name##_U8, name##_I32, name##_I64, NULL, NULL}
#define ROW_FLT(name) {NULL, NULL, NULL, NULL, name##_F32, name##_F64}

/* ORDER TEN_BINOP */
static const ten_loop_fn binary_loops[TEN_BINOP_COUNT][TEN_DTYPE_COUNT] = {
  ROW_ALL(add_loop), ROW_NUM(sub_loop), ROW_ALL(mul_loop), ROW_FLT(div_loop),
  ROW_NUM(divtrunc_loop), ROW_NUM(divfloor_loop), ROW_NUM(remainder_loop), ROW_NUM(fmod_loop),
  ROW_NUM(pow_loop), ROW_FLT(atan2_loop), ROW_ALL(maximum_loop), ROW_ALL(minimum_loop),
  ROW_ALL(eq_loop), ROW_ALL(ne_loop), ROW_ALL(lt_loop), ROW_ALL(le_loop), ROW_ALL(gt_loop), ROW_ALL(ge_loop),
  ROW_ALL(land_loop), ROW_ALL(lor_loop), ROW_ALL(lxor_loop),
  ROW_INTB(band_loop), ROW_INTB(bor_loop), ROW_INTB(bxor_loop),
};
_Static_assert(TEN_BINOP_COUNT == 24, "update binary_loops");
static const ten_loop_fn add_alpha_loops[TEN_DTYPE_COUNT] = ROW_ALL(add_alpha_loop);

int cpu_binary(ten_binop op, ten_tensor *out, const ten_tensor *a, const ten_tensor *b, double alpha) {
  ten_dtype dt = a->dtype;
  ten_loop_fn fn = binary_loops[op][dt];
  if ((op == TEN_BINOP_ADD || op == TEN_BINOP_SUB) && alpha != 1.0) {
    fn = add_alpha_loops[dt];
    if (op == TEN_BINOP_SUB) alpha = -alpha;
  }
  if (!fn) {
    /* the AT_DISPATCH names of ATen's kernels */
    const char *kernel = op == TEN_BINOP_DIV_FLOOR ? "div_floor_cpu" : op == TEN_BINOP_POW ? "pow" : NULL;
    if (kernel)
      return ten_error_set(TEN_E_RUNTIME, "\"%s\" not implemented for '%s'", kernel, ten_dtype_scalar_name(dt));
    return ten_error_set(TEN_E_RUNTIME, "\"%s_cpu\" not implemented for '%s'", ten_binop_name(op),
                         ten_dtype_scalar_name(dt));
  }
  bin_ctx ctx = {alpha, (int64_t)alpha, 0};
  const ten_tensor *ops[3] = {out, a, b};
  ten_iter it;
  ten_iter_init(&it, 3, ops);
  ten_iter_run(&it, fn, &ctx, true);
  if (ctx.zero_div) return ten_error_set(TEN_E_RUNTIME, "ZeroDivisionError");
  return 0;
}
