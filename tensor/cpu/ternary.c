/*
** tensor/cpu/ternary.c — CPU kernels over three broadcast operands: where (a bool), addcmul,
** addcdiv, lerp. Float formulas as ATen's AVX2 build computes them (contracted into FMAs):
** addcmul a + s*b*c = fma(s*b, c, a); addcdiv a + (s*b)/c (nothing to fuse);
** lerp w < 0.5 ? fma(w, b-a, a) : fma(-(b-a), 1-w, b).
*/
#include <math.h>
#include <stdint.h>

#include "tensor/cpu/cpu.h"

#define FMA(x, y, z) _Generic((x), float: fmaf, double: fma)(x, y, z)

#define TER_LOOP(fname, A, T, EXPR)                                                    \
  static void fname(char **d, const int64_t *st, int64_t n, void *vctx) {             \
    const double s = *(const double *)vctx;                                           \
    (void)s;                                                                          \
    for (int64_t i = 0; i < n; i++) {                                                 \
      A a = *(const A *)(d[1] + i * st[1]);                                           \
      T b = *(const T *)(d[2] + i * st[2]);                                           \
      T c = *(const T *)(d[3] + i * st[3]);                                           \
      (void)b;                                                                        \
      (void)c;                                                                        \
      *(T *)(d[0] + i * st[0]) = (T)(EXPR);                                           \
    }                                                                                 \
  }

/* where with contiguous a and out, b and c contiguous or broadcast scalars (relu's and the losses'
   backward): a bitwise select on the elements' bits through an all-ones/all-zeros mask, which the
   compiler vectorises (a branch on random conditions mispredicts; bits are copied, never computed). */
#define WHERE_BITS(U)                                                                  \
  CPU_VEC static void where_bits_##U(U *o, const uint8_t *a, const U *b, const U *c, bool bs, bool cs, \
                                     int64_t n) {                                     \
    if (bs && cs) {                                                                   \
      for (int64_t i = 0; i < n; i++) {                                               \
        U m = (U)0 - (U)(a[i] != 0);                                                  \
        o[i] = (b[i] & m) | (c[i] & ~m);                                              \
      }                                                                               \
    } else if (bs) {                                                                  \
      const U cv = c[0];                                                              \
      for (int64_t i = 0; i < n; i++) {                                               \
        U m = (U)0 - (U)(a[i] != 0);                                                  \
        o[i] = (b[i] & m) | (cv & ~m);                                                \
      }                                                                               \
    } else if (cs) {                                                                  \
      const U bv = b[0];                                                              \
      for (int64_t i = 0; i < n; i++) {                                               \
        U m = (U)0 - (U)(a[i] != 0);                                                  \
        o[i] = (bv & m) | (c[i] & ~m);                                                \
      }                                                                               \
    } else {                                                                          \
      const U bv = b[0], cv = c[0];                                                   \
      for (int64_t i = 0; i < n; i++) {                                               \
        U m = (U)0 - (U)(a[i] != 0);                                                  \
        o[i] = (bv & m) | (cv & ~m);                                                  \
      }                                                                               \
    }                                                                                 \
  }
WHERE_BITS(uint8_t)
WHERE_BITS(uint32_t)
WHERE_BITS(uint64_t)

#define WHERE_FAST(T, U)                                                               \
  if (sizeof(T) == sizeof(U)) {                                                       \
    where_bits_##U((U *)d[0], (const uint8_t *)d[1], (const U *)d[2], (const U *)d[3], st[2] != 0, st[3] != 0, n); \
    return;                                                                           \
  }
#define WHERE_LOOP(T, S)                                                               \
  static void where_##S(char **d, const int64_t *st, int64_t n, void *vctx) {           \
    const int64_t es = (int64_t)sizeof(T);                                            \
    if (st[0] == es && st[1] == (int64_t)sizeof(bool) && (st[2] == es || st[2] == 0) &&  \
        (st[3] == es || st[3] == 0)) {                                                \
      WHERE_FAST(T, uint8_t)                                                          \
      WHERE_FAST(T, uint32_t)                                                         \
      WHERE_FAST(T, uint64_t)                                                         \
    }                                                                                 \
    for (int64_t i = 0; i < n; i++) {                                                 \
      bool a = *(const bool *)(d[1] + i * st[1]);                                     \
      T b = *(const T *)(d[2] + i * st[2]);                                           \
      T c = *(const T *)(d[3] + i * st[3]);                                           \
      *(T *)(d[0] + i * st[0]) = a ? b : c;                                           \
    }                                                                                 \
    (void)vctx;                                                                       \
  }
CPU_FOR_EACH_DTYPE(WHERE_LOOP)

#define FLOAT_TER(T, S)                                                                \
  TER_LOOP(addcmul_##S, T, T, FMA((T)s * b, c, a))                                    \
  TER_LOOP(addcdiv_##S, T, T, a + (T)s * b / c)                                       \
  TER_LOOP(lerp_##S, T, T, c < (T)0.5 ? FMA(c, b - a, a) : FMA(-(b - a), (T)1 - c, b))
FLOAT_TER(float, F32)
FLOAT_TER(double, F64)

#define INT_TER(T, S)                                                                  \
  TER_LOOP(addcmul_##S, T, T, (T)((uint64_t)(int64_t)a + (uint64_t)(int64_t)s * (uint64_t)(int64_t)b * (uint64_t)(int64_t)c))
INT_TER(uint8_t, U8)
INT_TER(int32_t, I32)
INT_TER(int64_t, I64)

int cpu_ternary(ten_ternop op, ten_tensor *out, const ten_tensor *a, const ten_tensor *b,
                const ten_tensor *c, double s) {
  static const ten_loop_fn where[TEN_DTYPE_COUNT] = {where_BOOL, where_U8, where_I32, where_I64, where_F32, where_F64};
  static const ten_loop_fn addcmul[TEN_DTYPE_COUNT] = {NULL, addcmul_U8, addcmul_I32, addcmul_I64, addcmul_F32, addcmul_F64};
  static const ten_loop_fn addcdiv[TEN_DTYPE_COUNT] = {NULL, NULL, NULL, NULL, addcdiv_F32, addcdiv_F64};
  static const ten_loop_fn lerp[TEN_DTYPE_COUNT] = {NULL, NULL, NULL, NULL, lerp_F32, lerp_F64};
  ten_dtype dt = out->dtype;
  ten_loop_fn fn = op == TEN_TERNOP_WHERE ? where[dt] : op == TEN_TERNOP_ADDCMUL ? addcmul[dt]
                 : op == TEN_TERNOP_ADDCDIV ? addcdiv[dt] : lerp[dt];
  if (!fn) return ten_error_set(TEN_E_RUNTIME, "\"ternary_cpu\" not implemented for '%s'", ten_dtype_scalar_name(dt));
  const ten_tensor *ops[4] = {out, a, b, c};
  ten_iter it;
  ten_iter_init(&it, 4, ops);
  ten_iter_run(&it, fn, &s, true);
  return 0;
}
