/*
** tensor/cpu/copy.c — strided copy with dtype conversion (all 6x6 pairs) and fill.
** Conversions follow C++ static_cast on x86 as ATen does: float->int truncates, ->bool is != 0.
*/
#include <string.h>

#include "tensor/cpu/cpu.h"

/* Conversion of one value to each destination type. */
#define CONV_bool(v) ((v) != 0)
#define CONV_uint8_t(v) ((uint8_t)(int64_t)(v))
#define CONV_int32_t(v) ((int32_t)(v))   /* float: cvttss2si, out of range -> INT32_MIN as ATen */
#define CONV_int64_t(v) ((int64_t)(v))
#define CONV_float(v) ((float)(v))
#define CONV_double(v) ((double)(v))

#define COPY_LOOP(dt, DN, st, SN)                                                     \
  CPU_VEC static void copy_##DN##_##SN(char **d, const int64_t *s, int64_t n, void *ctx) {   \
    char *o = d[0];                                                                  \
    const char *x = d[1];                                                            \
    if (s[0] == (int64_t)sizeof(dt) && s[1] == (int64_t)sizeof(st)) {                \
      dt *po = (dt *)o;                                                              \
      const st *px = (const st *)x;                                                  \
      for (int64_t i = 0; i < n; i++) po[i] = CONV_##dt(px[i]);                      \
    } else {                                                                         \
      for (int64_t i = 0; i < n; i++) *(dt *)(o + i * s[0]) = CONV_##dt(*(const st *)(x + i * s[1])); \
    }                                                                                \
  }

#define COPY_FROM(st, SN)                                                             \
  COPY_LOOP(bool, BOOL, st, SN) COPY_LOOP(uint8_t, U8, st, SN) COPY_LOOP(int32_t, I32, st, SN) \
  COPY_LOOP(int64_t, I64, st, SN) COPY_LOOP(float, F32, st, SN) COPY_LOOP(double, F64, st, SN)
CPU_FOR_EACH_DTYPE(COPY_FROM)

#define COPY_ROW(st, SN) {copy_BOOL_##SN, copy_U8_##SN, copy_I32_##SN, copy_I64_##SN, copy_F32_##SN, copy_F64_##SN},
/* copy_loops[src][dst] ORDER TEN_DTYPE */
static const ten_loop_fn copy_loops[TEN_DTYPE_COUNT][TEN_DTYPE_COUNT] = {CPU_FOR_EACH_DTYPE(COPY_ROW)};

int cpu_copy(ten_tensor *dst, const ten_tensor *src) {
  int64_t n = ten_numel(dst);
  if (n == 0) return 0;
  if (dst->dtype == src->dtype && ten_is_contiguous(dst) && ten_is_contiguous(src)) {
    memcpy(ten_data_ptr(dst), ten_data_ptr(src), (size_t)n * ten_dtype_size(dst->dtype));
    return 0;
  }
  const ten_tensor *ops[2] = {dst, src};
  ten_iter it;
  ten_iter_init(&it, 2, ops);
  ten_iter_run(&it, copy_loops[src->dtype][dst->dtype], NULL, true);
  return 0;
}

#define FILL_LOOP(dt, DN)                                                             \
  CPU_VEC static void fill_##DN(char **d, const int64_t *s, int64_t n, void *ctx) {          \
    dt v = *(const dt *)ctx;                                                         \
    if (s[0] == (int64_t)sizeof(dt)) {                                               \
      dt *o = (dt *)d[0];                                                            \
      for (int64_t i = 0; i < n; i++) o[i] = v;                                      \
    } else {                                                                         \
      for (int64_t i = 0; i < n; i++) *(dt *)(d[0] + i * s[0]) = v;                  \
    }                                                                                \
  }
CPU_FOR_EACH_DTYPE(FILL_LOOP)
#define FILL_ENTRY(dt, DN) fill_##DN,
static const ten_loop_fn fill_loops[TEN_DTYPE_COUNT] = {CPU_FOR_EACH_DTYPE(FILL_ENTRY)};

/* (int64_t)x as x86's cvttsd2si gives it (INT64_MIN for NaN and out-of-range values, as PyTorch shows on
   x86), without C's undefined behaviour for those. */
static inline int64_t f2i64(double x) {
  return x >= -9223372036854775808.0 && x < 9223372036854775808.0 ? (int64_t)x : INT64_MIN;
}

int cpu_fill(ten_tensor *t, ten_scalar v) {
  union { bool b; uint8_t u8; int32_t i32; int64_t i64; float f32; double f64; } val;
  bool is_float = v.kind == TEN_SCALAR_FLOAT;
  int64_t iv = v.kind == TEN_SCALAR_BOOL ? v.v.b : v.kind == TEN_SCALAR_INT ? v.v.i : f2i64(v.v.f);
  double dv = ten_scalar_to_double(v);
  switch (t->dtype) {
  case TEN_DTYPE_BOOL: val.b = is_float ? dv != 0 : iv != 0; break;
  case TEN_DTYPE_U8: val.u8 = (uint8_t)iv; break;
  case TEN_DTYPE_I32: val.i32 = (int32_t)iv; break;
  case TEN_DTYPE_I64: val.i64 = iv; break;
  case TEN_DTYPE_F32: val.f32 = is_float ? (float)dv : (float)iv; break;
  case TEN_DTYPE_F64: val.f64 = is_float ? dv : (double)iv; break;
  default: return ten_error_set(TEN_E_RUNTIME, "fill: bad dtype");
  }
  const ten_tensor *ops[1] = {t};
  ten_iter it;
  ten_iter_init(&it, 1, ops);
  ten_iter_run(&it, fill_loops[t->dtype], &val, true);
  return 0;
}
