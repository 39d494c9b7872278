/*
** kernel/lang/numpy_ufunc.c — NumPy 1.24's arithmetic: type promotion with the legacy value-based
** casting of scalars, the binary and unary ufuncs (basic arithmetic and comparisons run on the tensor
** library's kernels once both operands have the loop dtype; pow, floor_divide, remainder and the libm
** functions have NumPy's own loops here), out= with casting='same_kind', and scalar (op) scalar
** computed directly without tensors.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/numpy_bind.h"

/* ---- promotion ---- */

/* NumPy's type lattice, wider than ten's dtypes: scalars demote to the smallest type holding them. */
typedef enum xdt { X_B, X_U8, X_U16, X_U32, X_U64, X_I8, X_I16, X_I32, X_I64, X_F16, X_F32, X_F64 } xdt;

static int x_kind(xdt x) { return x == X_B ? 0 : x <= X_U64 ? 1 : x <= X_I64 ? 2 : 3; }   /* b u i f */
static int x_bits(xdt x) {
  static const int b[] = {1, 8, 16, 32, 64, 8, 16, 32, 64, 16, 32, 64};
  return b[x];
}
static xdt x_make(int kind, int bits) {
  int lg = bits <= 8 ? 0 : bits <= 16 ? 1 : bits <= 32 ? 2 : 3;
  if (kind == 1) return (xdt)(X_U8 + lg);
  if (kind == 2) return (xdt)(X_I8 + lg);
  return lg <= 1 ? X_F16 : lg == 2 ? X_F32 : X_F64;
}
static xdt x_of(ten_dtype dt) {
  switch (dt) {
  case TEN_DTYPE_BOOL: return X_B;
  case TEN_DTYPE_U8: return X_U8;
  case TEN_DTYPE_I32: return X_I32;
  case TEN_DTYPE_I64: return X_I64;
  case TEN_DTYPE_F32: return X_F32;
  default: return X_F64;
  }
}
/* back to a ten dtype: the types ctorch lacks widen (uint16 -> int32, int16 -> int32, uint32/uint64
   -> int64, float16 -> float32) */
static ten_dtype x_to_ten(xdt x) {
  switch (x) {
  case X_B: return TEN_DTYPE_BOOL;
  case X_U8: return TEN_DTYPE_U8;
  case X_U16: case X_I8: case X_I16: case X_I32: return TEN_DTYPE_I32;
  case X_U32: case X_U64: case X_I64: return TEN_DTYPE_I64;
  case X_F16: case X_F32: return TEN_DTYPE_F32;
  default: return TEN_DTYPE_F64;
  }
}

static xdt x_promote(xdt a, xdt b) {
  if (a == b) return a;
  int ka = x_kind(a), kb = x_kind(b);
  if (ka == 0) return b;
  if (kb == 0) return a;
  if (ka == kb) return x_bits(a) >= x_bits(b) ? a : b;
  if (ka == 3 || kb == 3) {
    xdt f = ka == 3 ? a : b, i = ka == 3 ? b : a;
    int need = x_bits(i) <= 8 ? 16 : x_bits(i) <= 16 ? 32 : 64;
    return x_make(3, x_bits(f) > need ? x_bits(f) : need);
  }
  /* unsigned with signed */
  xdt u = ka == 1 ? a : b, s = ka == 1 ? b : a;
  if (x_bits(s) > x_bits(u)) return s;
  if (x_bits(u) < 64) return x_make(2, 2 * x_bits(u));
  return X_F64;
}

ten_dtype np_promote(ten_dtype a, ten_dtype b) { return x_to_ten(x_promote(x_of(a), x_of(b))); }

static int category(ten_dtype dt) { return dt == TEN_DTYPE_BOOL ? 0 : ten_dtype_is_float(dt) ? 2 : 1; }

/* min_scalar_type of the operand's value (convert_datatype.c min_scalar_type_num); signed: an array
   operand is a signed int, so a small unsigned value takes the signed type (is_small_unsigned). */
static xdt min_scalar(const np_operand *op, bool signed_arrays) {
  ten_dtype dt = op->t->dtype;
  if (dt == TEN_DTYPE_BOOL) return X_B;
  if (ten_dtype_is_float(dt)) {
    double v = ten_get_double(op->t, 0);
    if ((v > -65000 && v < 65000) || !isfinite(v)) return X_F16;
    if (dt == TEN_DTYPE_F32 || (v > -3.4e38 && v < 3.4e38)) return X_F32;
    return X_F64;
  }
  int64_t v = ten_get_int(op->t, 0);
  if (v >= 0) {
    if (signed_arrays) return v < 128 ? X_I8 : v < 32768 ? X_I16 : v < 2147483648LL ? X_I32 : X_I64;
    return v < 256 ? X_U8 : v < 65536 ? X_U16 : v < 4294967296LL ? X_U32 : X_U64;
  }
  return v >= -128 ? X_I8 : v >= -32768 ? X_I16 : v >= -2147483648LL ? X_I32 : X_I64;
}

ten_dtype np_result_type(const np_operand *ops, int n) {
  int max_arr = -1, max_sc = -1;
  bool signed_arrays = false;
  for (int k = 0; k < n; k++) {
    int c = category(ops[k].t->dtype);
    if (ops[k].scalar) {
      if (c > max_sc) max_sc = c;
    } else {
      if (c > max_arr) max_arr = c;
      if (ops[k].t->dtype == TEN_DTYPE_I32 || ops[k].t->dtype == TEN_DTYPE_I64) signed_arrays = true;
    }
  }
  bool use_min = max_arr >= 0 && max_sc >= 0 && max_arr >= max_sc;
  xdt r = X_B;
  bool first = true;
  for (int k = 0; k < n; k++) {
    xdt x = (ops[k].scalar && use_min) ? min_scalar(&ops[k], signed_arrays) : x_of(ops[k].t->dtype);
    r = first ? x : x_promote(r, x);
    first = false;
  }
  return x_to_ten(r);
}

bool np_can_cast_same_kind(ten_dtype from, ten_dtype to) {
  if (from == to) return true;
  int kf = category(from), kt = category(to);
  if (kf < kt) return true;
  if (kf > kt) return false;
  if (kf == 1) {
    /* u8 -> any int; i32/i64 -> i32/i64 (same kind 'i'); signed -> unsigned is not same_kind */
    if (to == TEN_DTYPE_U8) return from == TEN_DTYPE_U8;
    return true;
  }
  return true;
}

/* ---- operands ---- */

int np_operand_of(lang_vm *vm, value v, np_operand *op) {
  memset(op, 0, sizeof *op);
  ten_tensor *t = np_borrow(v);
  if (t) {
    ten_retain(t);
    op->t = t;
    op->scalar = t->ndim == 0;
    return 0;
  }
  switch (v.tag) {
  case VAL_BOOL: op->t = ten_scalar_tensor(ten_scalar_bool(v.u.b), TEN_DTYPE_BOOL, TEN_CPU); op->pybool = true; break;
  case VAL_INT: op->t = ten_scalar_tensor(ten_scalar_int(v.u.i), TEN_DTYPE_I64, TEN_CPU); op->pyint = true; break;
  case VAL_FLOAT: op->t = ten_scalar_tensor(ten_scalar_float(v.u.f), TEN_DTYPE_F64, TEN_CPU); op->pyfloat = true; break;
  default:
    if (val_is_list(v) || val_is_tuple(v) || val_is_tensor(v)) {
      op->t = np_to_tensor(vm, v, TEN_DTYPE_UNSET, false);
      if (!op->t) return -1;
      op->scalar = op->t->ndim == 0;
      return 0;
    }
    return exc_seti(vm, EXC_TypeError, "ctorch's numpy cannot use an operand of type '%s'", val_type_name(v));
  }
  if (!op->t) {
    exc_from_ten(vm);
    return -1;
  }
  op->scalar = true;
  return 0;
}

void np_operand_clear(np_operand *op) {
  ten_release(op->t);
  op->t = NULL;
}

/* ---- small helpers ---- */

static const char *const binop_names[NP_BINOP_COUNT] = {
  "add", "subtract", "multiply", "true_divide", "floor_divide", "remainder", "power", "maximum", "minimum",
  "equal", "not_equal", "less", "less_equal", "greater", "greater_equal", "bitwise_and", "bitwise_or",
  "bitwise_xor", "logical_and", "logical_or", "logical_xor", "fmax", "fmin", "arctan2", "hypot"};

/* NumPy's shape text in ufunc messages: (2,3), (3,), () */
static void shape_text_of(strbuf *b, const int64_t *shape, int nd) {
  sb_adds(b, "(");
  for (int d = 0; d < nd; d++) sb_printf(b, d ? ",%lld" : "%lld", (long long)shape[d]);
  sb_adds(b, nd == 1 ? ",)" : ")");
}
static void shape_text(strbuf *b, const ten_tensor *t) { shape_text_of(b, t->shape, t->ndim); }

static int broadcast_error(lang_vm *vm, const ten_tensor *a, const ten_tensor *b) {
  strbuf s;
  sb_init(&s);
  sb_adds(&s, "operands could not be broadcast together with shapes ");
  shape_text(&s, a);
  sb_adds(&s, " ");
  shape_text(&s, b);
  sb_adds(&s, " ");
  obj_str *m = sb_finish(vm, &s);
  if (!m) return -1;
  exc_set(vm, EXC_ValueError, "%s", m->data);
  obj_decref(m);
  return -1;
}

static int bshape(lang_vm *vm, const ten_tensor *a, const ten_tensor *b, int64_t *shape, int *nd) {
  int n = a->ndim > b->ndim ? a->ndim : b->ndim;
  for (int i = 0; i < n; i++) {
    int ia = i - (n - a->ndim), ib = i - (n - b->ndim);
    int64_t sa = ia >= 0 ? a->shape[ia] : 1, sb = ib >= 0 ? b->shape[ib] : 1;
    if (sa != sb && sa != 1 && sb != 1) return broadcast_error(vm, a, b);
    shape[i] = sa == 1 ? sb : sa;
  }
  *nd = n;
  return 0;
}

/* t as dt (new reference; t itself when it already is). */
static ten_tensor *as_dtype(lang_vm *vm, ten_tensor *t, ten_dtype dt) {
  if (t->dtype == dt) {
    ten_retain(t);
    return t;
  }
  ten_tensor *r = ten_empty(t->shape, t->ndim, dt, TEN_CPU);
  if (!r || ten_copy_(r, t) < 0) {
    ten_release(r);
    return np_fail(vm);
  }
  return r;
}

static ten_tensor *expand_to(lang_vm *vm, ten_tensor *t, const int64_t *shape, int nd) {
  ten_tensor *r = ten_broadcast_to(t, shape, nd);
  return r ? r : np_fail(vm);
}

/* The strided loop for our own kernels: operands (out first) of one shape, byte strides. */
typedef void (*np_loop)(char **p, const int64_t *st, int64_t n, void *ctx);

static void run_loop(ten_tensor **ops, int nops, np_loop fn, void *ctx) {
  const ten_tensor *t0 = ops[0];
  int nd = t0->ndim;
  int64_t numel = ten_numel(t0);
  if (numel == 0) return;
  char *base[4];
  int64_t st[4][TEN_MAX_DIMS];
  for (int k = 0; k < nops; k++) {
    base[k] = ten_data_ptr(ops[k]);
    for (int d = 0; d < nd; d++) st[k][d] = ops[k]->stride[d] * (int64_t)ten_dtype_size(ops[k]->dtype);
  }
  if (nd == 0) {
    int64_t z[4] = {0, 0, 0, 0};
    fn(base, z, 1, ctx);
    return;
  }
  int64_t inner = t0->shape[nd - 1];
  int64_t is[4];
  for (int k = 0; k < nops; k++) is[k] = st[k][nd - 1];
  int64_t idx[TEN_MAX_DIMS] = {0};
  int64_t outer = numel / inner;
  char *p[4];
  for (int64_t o = 0; o < outer; o++) {
    for (int k = 0; k < nops; k++) {
      p[k] = base[k];
      for (int d = 0; d < nd - 1; d++) p[k] += idx[d] * st[k][d];
    }
    fn(p, is, inner, ctx);
    for (int d = nd - 2; d >= 0; d--) {
      if (++idx[d] < t0->shape[d]) break;
      idx[d] = 0;
    }
  }
}

/* ---- element access by dtype ---- */

static inline double ld(const char *p, ten_dtype dt) {
  switch (dt) {
  case TEN_DTYPE_F64: return *(const double *)p;
  case TEN_DTYPE_F32: return *(const float *)p;
  case TEN_DTYPE_I64: return (double)*(const int64_t *)p;
  case TEN_DTYPE_I32: return *(const int32_t *)p;
  case TEN_DTYPE_U8: return *(const uint8_t *)p;
  default: return *(const bool *)p;
  }
}
static inline int64_t li(const char *p, ten_dtype dt) {
  switch (dt) {
  case TEN_DTYPE_I64: return *(const int64_t *)p;
  case TEN_DTYPE_I32: return *(const int32_t *)p;
  case TEN_DTYPE_U8: return *(const uint8_t *)p;
  case TEN_DTYPE_BOOL: return *(const bool *)p;
  case TEN_DTYPE_F64: return (int64_t)*(const double *)p;
  default: return (int64_t)*(const float *)p;
  }
}
static inline void sti(char *p, ten_dtype dt, int64_t v) {
  switch (dt) {
  case TEN_DTYPE_I64: *(int64_t *)p = v; break;
  case TEN_DTYPE_I32: *(int32_t *)p = (int32_t)(uint32_t)(uint64_t)v; break;
  case TEN_DTYPE_U8: *(uint8_t *)p = (uint8_t)(uint64_t)v; break;
  case TEN_DTYPE_BOOL: *(bool *)p = v != 0; break;
  case TEN_DTYPE_F64: *(double *)p = (double)v; break;
  default: *(float *)p = (float)v; break;
  }
}
static inline void stf(char *p, ten_dtype dt, double v) {
  switch (dt) {
  case TEN_DTYPE_F64: *(double *)p = v; break;
  case TEN_DTYPE_F32: *(float *)p = (float)v; break;
  case TEN_DTYPE_BOOL: *(bool *)p = v != 0; break;
  default: sti(p, dt, (int64_t)v); break;
  }
}
static inline int64_t wrap_int(int64_t v, ten_dtype dt) {
  switch (dt) {
  case TEN_DTYPE_I32: return (int32_t)(uint32_t)(uint64_t)v;
  case TEN_DTYPE_U8: return (uint8_t)(uint64_t)v;
  case TEN_DTYPE_BOOL: return v != 0;
  default: return v;
  }
}

/* ---- NumPy's scalar arithmetic (npy_math: divmod, floor_divide, power) ---- */

static double npy_divmod_d(double a, double b, double *modulus) {
  double mod = fmod(a, b);
  if (!b) {
    *modulus = mod;
    return a / b;
  }
  double div = (a - mod) / b;
  if (mod) {
    if (isless(b, 0) != isless(mod, 0)) {
      mod += b;
      div -= 1.0;
    }
  } else {
    mod = copysign(0, b);
  }
  double floordiv;
  if (div) {
    floordiv = floor(div);
    if (isgreater(div - floordiv, 0.5)) floordiv += 1.0;
  } else {
    floordiv = copysign(0, a / b);
  }
  *modulus = mod;
  return floordiv;
}
static float npy_divmod_f(float a, float b, float *modulus) {
  float mod = fmodf(a, b);
  if (!b) {
    *modulus = mod;
    return a / b;
  }
  float div = (a - mod) / b;
  if (mod) {
    if (isless(b, 0) != isless(mod, 0)) {
      mod += b;
      div -= 1.0f;
    }
  } else {
    mod = copysignf(0, b);
  }
  float floordiv;
  if (div) {
    floordiv = floorf(div);
    if (isgreater(div - floordiv, 0.5f)) floordiv += 1.0f;
  } else {
    floordiv = copysignf(0, a / b);
  }
  *modulus = mod;
  return floordiv;
}

static int64_t int_floordiv(int64_t a, int64_t b) {
  if (b == 0) return 0;
  if (b == -1 && a == INT64_MIN) return INT64_MIN;
  int64_t q = a / b;
  if (((a % b) != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}
static int64_t int_mod(int64_t a, int64_t b) {
  if (b == 0) return 0;
  if (b == -1) return 0;
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}
static int64_t int_pow(int64_t base, int64_t e) {
  uint64_t r = 1, b = (uint64_t)base;
  while (e > 0) {
    if (e & 1) r *= b;
    b *= b;
    e >>= 1;
  }
  return (int64_t)r;
}

/* float result of a binary op in double (dt F32: the float32 result, exactly as float arithmetic) */
static double float_binop(np_binop op, double x, double y, ten_dtype dt) {
  bool f32 = dt == TEN_DTYPE_F32;
  double r;
  switch (op) {
  case NP_ADD: r = x + y; break;
  case NP_SUB: r = x - y; break;
  case NP_MUL: r = x * y; break;
  case NP_TRUEDIV: r = x / y; break;
  case NP_FLOORDIV:
    if (f32) {
      float m;
      r = npy_divmod_f((float)x, (float)y, &m);
    } else {
      double m;
      r = npy_divmod_d(x, y, &m);
    }
    break;
  case NP_MOD:
    if (f32) {
      float m;
      npy_divmod_f((float)x, (float)y, &m);
      r = m;
    } else {
      double m;
      npy_divmod_d(x, y, &m);
      r = m;
    }
    break;
  case NP_POW: r = f32 ? (double)powf((float)x, (float)y) : pow(x, y); break;
  case NP_MAXIMUM: r = (isnan(x) || x >= y) ? x : y; break;
  case NP_MINIMUM: r = (isnan(x) || x <= y) ? x : y; break;
  case NP_FMAX: r = fmax(x, y); break;
  case NP_FMIN: r = fmin(x, y); break;
  case NP_ARCTAN2: r = f32 ? (double)atan2f((float)x, (float)y) : atan2(x, y); break;
  case NP_HYPOT: r = f32 ? (double)hypotf((float)x, (float)y) : hypot(x, y); break;
  default: r = 0; break;
  }
  return f32 ? (double)(float)r : r;
}

static int64_t int_binop(np_binop op, int64_t x, int64_t y, ten_dtype dt) {
  uint64_t ux = (uint64_t)x, uy = (uint64_t)y;
  int64_t r;
  switch (op) {
  case NP_ADD: r = dt == TEN_DTYPE_BOOL ? (x || y) : (int64_t)(ux + uy); break;
  case NP_SUB: r = (int64_t)(ux - uy); break;
  case NP_MUL: r = dt == TEN_DTYPE_BOOL ? (x && y) : (int64_t)(ux * uy); break;
  case NP_FLOORDIV: r = int_floordiv(x, y); break;
  case NP_MOD: r = int_mod(x, y); break;
  case NP_POW: r = int_pow(x, y); break;
  case NP_MAXIMUM: case NP_FMAX: r = x > y ? x : y; break;
  case NP_MINIMUM: case NP_FMIN: r = x < y ? x : y; break;
  case NP_AND: r = x & y; break;
  case NP_OR: r = x | y; break;
  case NP_XOR: r = x ^ y; break;
  default: r = 0; break;
  }
  return wrap_int(r, dt);
}

static bool cmp_op(np_binop op, double x, double y) {
  switch (op) {
  case NP_EQ: return x == y;
  case NP_NE: return x != y;
  case NP_LT: return x < y;
  case NP_LE: return x <= y;
  case NP_GT: return x > y;
  default: return x >= y;
  }
}
static bool cmp_int(np_binop op, int64_t x, int64_t y) {
  switch (op) {
  case NP_EQ: return x == y;
  case NP_NE: return x != y;
  case NP_LT: return x < y;
  case NP_LE: return x <= y;
  case NP_GT: return x > y;
  default: return x >= y;
  }
}

static bool is_cmp(np_binop op) { return op >= NP_EQ && op <= NP_GE; }
static bool is_logical(np_binop op) { return op >= NP_LOGICAL_AND && op <= NP_LOGICAL_XOR; }
static bool is_bitwise(np_binop op) { return op >= NP_AND && op <= NP_XOR; }
static bool is_float_only(np_binop op) { return op == NP_ARCTAN2 || op == NP_HYPOT; }

/* The loop dtype of op for inputs promoted to rt, and the output dtype. -1 + TypeError if none. */
static int loop_types(lang_vm *vm, np_binop op, ten_dtype rt, ten_dtype a, ten_dtype b, ten_dtype *loop, ten_dtype *outdt) {
  *loop = rt;
  *outdt = rt;
  if (op == NP_TRUEDIV || is_float_only(op)) {
    if (!ten_dtype_is_float(rt)) *loop = *outdt = rt == TEN_DTYPE_BOOL || rt == TEN_DTYPE_U8 ? (is_float_only(op) ? TEN_DTYPE_F32 : TEN_DTYPE_F64) : TEN_DTYPE_F64;
    if (op == NP_TRUEDIV && !ten_dtype_is_float(rt)) *loop = *outdt = TEN_DTYPE_F64;
  } else if (is_cmp(op)) {
    *outdt = TEN_DTYPE_BOOL;
  } else if (is_logical(op)) {
    *outdt = TEN_DTYPE_BOOL;
  } else if (is_bitwise(op)) {
    if (ten_dtype_is_float(rt))
      return exc_seti(vm, EXC_TypeError, "ufunc 'bitwise_%s' not supported for the input types, and the inputs could not be "
                                         "safely coerced to any supported types according to the casting rule ''safe''",
                      op == NP_AND ? "and" : op == NP_OR ? "or" : "xor");
  } else if (op == NP_SUB && rt == TEN_DTYPE_BOOL) {
    return exc_seti(vm, EXC_TypeError, "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, "
                                       "the `^` operator, or the logical_xor function instead.");
  } else if ((op == NP_FLOORDIV || op == NP_MOD) && rt == TEN_DTYPE_BOOL) {
    *loop = *outdt = TEN_DTYPE_U8;   /* NumPy: int8 */
  } else if (op == NP_POW && rt == TEN_DTYPE_BOOL) {
    *loop = *outdt = TEN_DTYPE_U8;   /* NumPy: int8 */
  }
  (void)a;
  (void)b;
  return 0;
}

/* ---- scalar (op) scalar without tensors ---- */

typedef struct sval { ten_dtype dt; double f; int64_t i; bool ok; } sval;

static sval sval_of(value v) {
  sval s = {TEN_DTYPE_F64, 0, 0, true};
  switch (v.tag) {
  case VAL_BOOL: s.dt = TEN_DTYPE_BOOL; s.i = v.u.b; s.f = v.u.b; return s;
  case VAL_INT: s.dt = TEN_DTYPE_I64; s.i = v.u.i; s.f = (double)v.u.i; return s;
  case VAL_FLOAT: s.dt = TEN_DTYPE_F64; s.f = v.u.f; s.i = (int64_t)v.u.f; return s;
  default: break;
  }
  if (np_is_scalar(v)) {
    ten_tensor *t = np_borrow(v);
    s.dt = t->dtype;
    s.f = ten_get_double(t, 0);
    s.i = ten_get_int(t, 0);
    return s;
  }
  s.ok = false;
  return s;
}

static value scalar_binary(lang_vm *vm, np_binop op, sval x, sval y) {
  ten_dtype rt = np_promote(x.dt, y.dt), loop, outdt;
  if (loop_types(vm, op, rt, x.dt, y.dt, &loop, &outdt) < 0) return val_null();
  if (ten_dtype_is_float(loop)) {
    double a = x.dt == TEN_DTYPE_F32 || ten_dtype_is_float(x.dt) ? x.f : (double)x.i;
    double b = ten_dtype_is_float(y.dt) ? y.f : (double)y.i;
    if (loop == TEN_DTYPE_F32) {
      a = (float)a;
      b = (float)b;
    }
    if (is_cmp(op)) return np_scalar_new(vm, TEN_DTYPE_BOOL, cmp_op(op, a, b), 0);
    if (is_logical(op)) {
      bool p = a != 0, q = b != 0;
      bool r = op == NP_LOGICAL_AND ? (p && q) : op == NP_LOGICAL_OR ? (p || q) : (p != q);
      return np_scalar_new(vm, TEN_DTYPE_BOOL, r, r);
    }
    return np_scalar_new(vm, outdt, float_binop(op, a, b, loop), 0);
  }
  int64_t a = wrap_int(x.i, loop), b = wrap_int(y.i, loop);
  if (is_cmp(op)) return np_scalar_new(vm, TEN_DTYPE_BOOL, cmp_int(op, a, b), cmp_int(op, a, b));
  if (is_logical(op)) {
    bool p = a != 0, q = b != 0;
    bool r = op == NP_LOGICAL_AND ? (p && q) : op == NP_LOGICAL_OR ? (p || q) : (p != q);
    return np_scalar_new(vm, TEN_DTYPE_BOOL, r, r);
  }
  if (op == NP_POW && b < 0) return exc_set(vm, EXC_ValueError, "Integers to negative integer powers are not allowed.");
  int64_t r = int_binop(op, a, b, loop);
  return np_scalar_new(vm, outdt, (double)r, r);
}

/* ---- array kernels of our own ---- */

typedef struct bin_ctx { np_binop op; ten_dtype loop, outdt; } bin_ctx;

static void bin_loop(char **p, const int64_t *st, int64_t n, void *vctx) {
  bin_ctx *c = vctx;
  char *o = p[0], *x = p[1], *y = p[2];
  ten_dtype L = c->loop;
  if (L == TEN_DTYPE_F64 && c->outdt == TEN_DTYPE_F64) {
    for (int64_t k = 0; k < n; k++, o += st[0], x += st[1], y += st[2])
      *(double *)o = float_binop(c->op, *(double *)x, *(double *)y, L);
    return;
  }
  for (int64_t k = 0; k < n; k++, o += st[0], x += st[1], y += st[2]) {
    if (ten_dtype_is_float(L)) {
      double a = ld(x, L), b = ld(y, L);
      if (is_cmp(c->op)) *(bool *)o = cmp_op(c->op, a, b);
      else stf(o, c->outdt, float_binop(c->op, a, b, L));
    } else {
      int64_t a = li(x, L), b = li(y, L);
      if (is_cmp(c->op)) *(bool *)o = cmp_int(c->op, a, b);
      else sti(o, c->outdt, int_binop(c->op, a, b, L));
    }
  }
}

static bool ten_op_of(np_binop op, ten_dtype loop, ten_binop *out) {
  switch (op) {
  case NP_ADD: *out = TEN_BINOP_ADD; return true;
  case NP_SUB: *out = TEN_BINOP_SUB; return true;
  case NP_MUL: *out = TEN_BINOP_MUL; return true;
  case NP_TRUEDIV: *out = TEN_BINOP_DIV; return ten_dtype_is_float(loop);
  case NP_MAXIMUM: *out = TEN_BINOP_MAXIMUM; return true;
  case NP_MINIMUM: *out = TEN_BINOP_MINIMUM; return true;
  case NP_EQ: *out = TEN_BINOP_EQ; return true;
  case NP_NE: *out = TEN_BINOP_NE; return true;
  case NP_LT: *out = TEN_BINOP_LT; return true;
  case NP_LE: *out = TEN_BINOP_LE; return true;
  case NP_GT: *out = TEN_BINOP_GT; return true;
  case NP_GE: *out = TEN_BINOP_GE; return true;
  case NP_AND: *out = TEN_BINOP_BITWISE_AND; return true;
  case NP_OR: *out = TEN_BINOP_BITWISE_OR; return true;
  case NP_XOR: *out = TEN_BINOP_BITWISE_XOR; return true;
  case NP_LOGICAL_AND: *out = TEN_BINOP_LOGICAL_AND; return true;
  case NP_LOGICAL_OR: *out = TEN_BINOP_LOGICAL_OR; return true;
  case NP_LOGICAL_XOR: *out = TEN_BINOP_LOGICAL_XOR; return true;
  default: return false;
  }
}

/* Scalar exponents NumPy computes with faster ufuncs (fast_scalar_power): 2 square, 0.5 sqrt, -1
   reciprocal, 1 copy; ints only square. Returns NULL (no exception) when not applicable. */
static ten_tensor *fast_power(lang_vm *vm, ten_tensor *base, ten_tensor *exp, bool exp_scalar, ten_dtype loop, bool *done) {
  *done = false;
  if (!exp_scalar || base->ndim == 0) return NULL;
  double e = ten_get_double(exp, 0);
  bool fl = ten_dtype_is_float(loop);
  if (!(e == 2.0 || (fl && (e == 0.5 || e == -1.0 || e == 1.0)))) return NULL;
  ten_tensor *b = as_dtype(vm, base, loop);
  if (!b) {
    *done = true;
    return NULL;
  }
  ten_tensor *r;
  if (e == 2.0) r = ten_binary(TEN_BINOP_MUL, b, b, ten_scalar_int(1));
  else if (e == 0.5) r = ten_unary(TEN_UNOP_SQRT, b);
  else if (e == -1.0) r = ten_unary(TEN_UNOP_RECIPROCAL, b);
  else r = ten_clone(b);
  ten_release(b);
  *done = true;
  return r ? r : np_fail(vm);
}

/* result of a <op> b as a fresh tensor of dtype outdt (shape: broadcast) */
static ten_tensor *compute_binary(lang_vm *vm, np_binop op, np_operand *x, np_operand *y, ten_dtype loop, ten_dtype outdt) {
  int64_t shape[TEN_MAX_DIMS];
  int nd;
  if (bshape(vm, x->t, y->t, shape, &nd) < 0) return NULL;
  if (op == NP_POW) {
    bool done;
    ten_tensor *r = fast_power(vm, x->t, y->t, y->scalar, loop, &done);
    if (done) return r;
    if (!ten_dtype_is_float(loop)) {
      /* NumPy checks the exponents first */
      int64_t n = ten_numel(y->t);
      for (int64_t k = 0; k < n; k++)
        if (ten_get_int(y->t, k) < 0) {
          exc_set(vm, EXC_ValueError, "Integers to negative integer powers are not allowed.");
          return NULL;
        }
    }
  }
  ten_tensor *a = as_dtype(vm, x->t, loop), *b = a ? as_dtype(vm, y->t, loop) : NULL;
  if (!b) {
    ten_release(a);
    return NULL;
  }
  ten_tensor *r = NULL;
  ten_binop tb;
  if (ten_op_of(op, loop, &tb) && !(op == NP_SUB && loop == TEN_DTYPE_BOOL)) {
    r = ten_binary(tb, a, b, ten_scalar_int(1));
    if (r && r->dtype != outdt) {
      ten_tensor *c = as_dtype(vm, r, outdt);
      ten_release(r);
      r = c;
    }
    if (!r && !exc_pending(vm)) np_fail(vm);
  } else {
    r = ten_empty(shape, nd, outdt, TEN_CPU);
    ten_tensor *ea = r ? expand_to(vm, a, shape, nd) : NULL, *eb = ea ? expand_to(vm, b, shape, nd) : NULL;
    if (eb) {
      ten_tensor *ops[3] = {r, ea, eb};
      bin_ctx c = {op, loop, outdt};
      run_loop(ops, 3, bin_loop, &c);
    } else {
      ten_release(r);
      r = NULL;
      if (!exc_pending(vm)) np_fail(vm);
    }
    ten_release(ea);
    ten_release(eb);
  }
  ten_release(a);
  ten_release(b);
  return r;
}

/* The exception NumPy raises for an out= it cannot cast to: numpy.core._exceptions.
   _UFuncOutputCastingError, a TypeError whose __name__ reads UFuncTypeError (numpy_funcs.c makes it). */
static void cast_error(lang_vm *vm, const char *name, ten_dtype from, ten_dtype to) {
  char msg[256];
  snprintf(msg, sizeof msg, "Cannot cast ufunc '%s' output from dtype('%s') to dtype('%s') with casting rule 'same_kind'",
           name, np_dtype_name(from), np_dtype_name(to));
  value np = dict_get_cstr(vm, vm->modules, "numpy");
  value cls = VAL_IS_NULL(np) ? val_null() : obj_getattr_opt(vm, np, str_intern(vm, "_UFuncOutputCastingError"));
  if (VAL_IS_NULL(cls)) {
    exc_set(vm, EXC_TypeError, "%s", msg);
    return;
  }
  value e = exc_new(vm, VAL_TYPE(cls), msg);
  val_decref(cls);
  if (!VAL_IS_NULL(e)) exc_set_object(vm, e);
}

/* NumPy's checks of an out= operand before any computing, in its order: an array, a same_kind cast
   from the loop's output dtype, then one broadcast over the inputs and out (the message lists them
   all, out last), whose shape must be out's own. 0 / -1. */
static int check_out(lang_vm *vm, const char *name, ten_dtype outdt, value out, ten_tensor *const *ins, int nin) {
  ten_tensor *o = np_borrow(out);
  if (!o || np_is_scalar(out)) {
    exc_set(vm, EXC_TypeError, "return arrays must be of ArrayType");
    return -1;
  }
  if (!np_can_cast_same_kind(outdt, o->dtype)) {
    cast_error(vm, name, outdt, o->dtype);
    return -1;
  }
  const ten_tensor *all[3] = {ins[0], nin > 1 ? ins[1] : o, o};
  int n = nin + 1, nd = 0;
  for (int k = 0; k < n; k++) nd = all[k]->ndim > nd ? all[k]->ndim : nd;
  int64_t shape[TEN_MAX_DIMS];
  bool ok = true;
  for (int i = 0; i < nd && ok; i++) {
    shape[i] = 1;
    for (int k = 0; k < n; k++) {
      int j = i - (nd - all[k]->ndim);
      int64_t sz = j >= 0 ? all[k]->shape[j] : 1;
      if (sz == 1) continue;
      if (shape[i] != 1 && shape[i] != sz) ok = false;
      shape[i] = sz;
    }
  }
  strbuf s;
  sb_init(&s);
  if (!ok) {
    sb_adds(&s, "operands could not be broadcast together with shapes ");
    for (int k = 0; k < n; k++) {
      shape_text(&s, all[k]);
      sb_adds(&s, " ");
    }
  } else {
    bool same = nd == o->ndim;
    for (int d = 0; same && d < nd; d++) same = shape[d] == o->shape[d];
    if (same) {
      sb_free(&s);
      return 0;
    }
    sb_adds(&s, "non-broadcastable output operand with shape ");
    shape_text(&s, o);
    sb_adds(&s, " doesn't match the broadcast shape ");
    shape_text_of(&s, shape, nd);
  }
  obj_str *m = sb_finish(vm, &s);
  if (!m) return -1;
  exc_set(vm, EXC_ValueError, "%s", m->data);
  obj_decref(m);
  return -1;
}

/* Writes r (the result over the inputs' broadcast shape, check_out passed) into out, broadcasting it
   to out's shape. Steals r. */
static value write_out(lang_vm *vm, ten_tensor *r, value out) {
  ten_tensor *o = np_borrow(out);
  ten_tensor *e = ten_broadcast_to(r, o->shape, o->ndim);
  ten_release(r);
  if (!e) return exc_from_ten(vm);
  int rc = ten_copy_(o, e);
  ten_release(e);
  return rc < 0 ? exc_from_ten(vm) : val_incref(out);
}

value np_binary(lang_vm *vm, np_binop op, value a, value b, value out) {
  bool have_out = !VAL_IS_NULL(out) && out.tag != VAL_NONE;
  if (!have_out) {
    sval x = sval_of(a), y = sval_of(b);
    if (x.ok && y.ok) return scalar_binary(vm, op, x, y);
  }
  np_operand x, y;
  if (np_operand_of(vm, a, &x) < 0) return val_null();
  if (np_operand_of(vm, b, &y) < 0) {
    np_operand_clear(&x);
    return val_null();
  }
  np_operand ops[2] = {x, y};
  ten_dtype rt = np_result_type(ops, 2), loop, outdt;
  value res = val_null();
  if (loop_types(vm, op, rt, x.t->dtype, y.t->dtype, &loop, &outdt) == 0) {
    ten_binop tb;
    ten_tensor *ins[2] = {x.t, y.t};
    if (have_out && check_out(vm, binop_names[op], outdt, out, ins, 2) < 0) {
      np_operand_clear(&x);
      np_operand_clear(&y);
      return val_null();
    }
    ten_tensor *o = have_out ? np_borrow(out) : NULL;
    /* in place into out when the loop already has out's dtype and shape (w -= lr * g) */
    if (o && !np_is_scalar(out) && o->dtype == outdt && outdt == loop && op != NP_POW && ten_op_of(op, loop, &tb) &&
        !(op == NP_SUB && loop == TEN_DTYPE_BOOL)) {
      int64_t shape[TEN_MAX_DIMS];
      int nd;
      if (bshape(vm, x.t, y.t, shape, &nd) == 0) {
        bool same = nd == o->ndim;
        for (int d = 0; same && d < nd; d++) same = shape[d] == o->shape[d];
        if (same) {
          ten_tensor *xa = as_dtype(vm, x.t, loop), *ya = xa ? as_dtype(vm, y.t, loop) : NULL;
          if (ya) {
            res = ten_binary_out(tb, o, xa, ya, ten_scalar_int(1)) < 0 ? exc_from_ten(vm) : val_incref(out);
          }
          ten_release(xa);
          ten_release(ya);
          np_operand_clear(&x);
          np_operand_clear(&y);
          return res;
        }
      } else {
        np_operand_clear(&x);
        np_operand_clear(&y);
        return val_null();
      }
    }
    ten_tensor *r = compute_binary(vm, op, &x, &y, loop, outdt);
    if (r) res = have_out ? write_out(vm, r, out) : np_wrap_result(vm, r);
  }
  np_operand_clear(&x);
  np_operand_clear(&y);
  return res;
}

/* ---- unary ufuncs ---- */

static const char *const unop_names[NP_UNOP_COUNT] = {
  "negative", "positive", "absolute", "square", "sqrt", "exp", "log", "log2", "log10", "log1p", "expm1",
  "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "floor", "ceil", "trunc", "rint",
  "sign", "reciprocal", "invert", "logical_not", "isnan", "isinf", "isfinite", "exp2", "cbrt", "signbit"};

static bool unop_float_math(np_unop op) {
  switch (op) {
  case NP_SQRT: case NP_EXP: case NP_LOG: case NP_LOG2: case NP_LOG10: case NP_LOG1P: case NP_EXPM1: case NP_SIN:
  case NP_COS: case NP_TAN: case NP_ARCSIN: case NP_ARCCOS: case NP_ARCTAN: case NP_SINH: case NP_COSH: case NP_TANH:
  case NP_FLOOR: case NP_CEIL: case NP_TRUNC: case NP_RINT: case NP_EXP2: case NP_CBRT:
    return true;
  default: return false;
  }
}
static bool unop_bool_out(np_unop op) {
  return op == NP_LOGICAL_NOT || op == NP_ISNAN || op == NP_ISINF || op == NP_ISFINITE || op == NP_SIGNBIT;
}

static double f64_unop(np_unop op, double x) {
  switch (op) {
  case NP_NEG: return -x;
  case NP_POS: return x;
  case NP_ABS: return fabs(x);
  case NP_SQUARE: return x * x;
  case NP_SQRT: return sqrt(x);
  case NP_EXP: return exp(x);
  case NP_LOG: return log(x);
  case NP_LOG2: return log2(x);
  case NP_LOG10: return log10(x);
  case NP_LOG1P: return log1p(x);
  case NP_EXPM1: return expm1(x);
  case NP_SIN: return sin(x);
  case NP_COS: return cos(x);
  case NP_TAN: return tan(x);
  case NP_ARCSIN: return asin(x);
  case NP_ARCCOS: return acos(x);
  case NP_ARCTAN: return atan(x);
  case NP_SINH: return sinh(x);
  case NP_COSH: return cosh(x);
  case NP_TANH: return tanh(x);
  case NP_FLOOR: return floor(x);
  case NP_CEIL: return ceil(x);
  case NP_TRUNC: return trunc(x);
  case NP_RINT: return nearbyint(x);
  case NP_SIGN: return x > 0 ? 1.0 : x < 0 ? -1.0 : x == 0 ? 0.0 : x;
  case NP_RECIPROCAL: return 1.0 / x;
  case NP_EXP2: return exp2(x);
  case NP_CBRT: return cbrt(x);
  default: return x;
  }
}
static float f32_unop(np_unop op, float x) {
  switch (op) {
  case NP_NEG: return -x;
  case NP_POS: return x;
  case NP_ABS: return fabsf(x);
  case NP_SQUARE: return x * x;
  case NP_SQRT: return sqrtf(x);
  case NP_EXP: return expf(x);
  case NP_LOG: return logf(x);
  case NP_LOG2: return log2f(x);
  case NP_LOG10: return log10f(x);
  case NP_LOG1P: return log1pf(x);
  case NP_EXPM1: return expm1f(x);
  case NP_SIN: return sinf(x);
  case NP_COS: return cosf(x);
  case NP_TAN: return tanf(x);
  case NP_ARCSIN: return asinf(x);
  case NP_ARCCOS: return acosf(x);
  case NP_ARCTAN: return atanf(x);
  case NP_SINH: return sinhf(x);
  case NP_COSH: return coshf(x);
  case NP_TANH: return tanhf(x);
  case NP_FLOOR: return floorf(x);
  case NP_CEIL: return ceilf(x);
  case NP_TRUNC: return truncf(x);
  case NP_RINT: return nearbyintf(x);
  case NP_SIGN: return x > 0 ? 1.0f : x < 0 ? -1.0f : x == 0 ? 0.0f : x;
  case NP_RECIPROCAL: return 1.0f / x;
  case NP_EXP2: return exp2f(x);
  case NP_CBRT: return cbrtf(x);
  default: return x;
  }
}
static int64_t int_unop(np_unop op, int64_t x, ten_dtype dt) {
  switch (op) {
  case NP_NEG: return wrap_int((int64_t)(0 - (uint64_t)x), dt);
  case NP_ABS: return wrap_int(x < 0 ? (int64_t)(0 - (uint64_t)x) : x, dt);
  case NP_SQUARE: return wrap_int((int64_t)((uint64_t)x * (uint64_t)x), dt);
  case NP_SIGN: return x > 0 ? 1 : x < 0 ? (dt == TEN_DTYPE_U8 ? 255 : -1) : 0;
  case NP_RECIPROCAL: return x == 0 ? 0 : (x == 1 ? 1 : x == -1 ? -1 : 0);
  case NP_INVERT: return dt == TEN_DTYPE_BOOL ? !x : wrap_int(~x, dt);
  default: return x;
  }
}

typedef struct un_ctx { np_unop op; ten_dtype in, out; } un_ctx;

static void un_loop(char **p, const int64_t *st, int64_t n, void *vctx) {
  un_ctx *c = vctx;
  char *o = p[0], *x = p[1];
  if (c->in == TEN_DTYPE_F64 && c->out == TEN_DTYPE_F64) {
    for (int64_t k = 0; k < n; k++, o += st[0], x += st[1]) *(double *)o = f64_unop(c->op, *(double *)x);
    return;
  }
  if (c->in == TEN_DTYPE_F32 && c->out == TEN_DTYPE_F32) {
    for (int64_t k = 0; k < n; k++, o += st[0], x += st[1]) *(float *)o = f32_unop(c->op, *(float *)x);
    return;
  }
  for (int64_t k = 0; k < n; k++, o += st[0], x += st[1]) {
    if (unop_bool_out(c->op)) {
      double v = ld(x, c->in);
      bool r;
      switch (c->op) {
      case NP_LOGICAL_NOT: r = v == 0; break;
      case NP_ISNAN: r = isnan(v); break;
      case NP_ISINF: r = isinf(v); break;
      case NP_ISFINITE: r = isfinite(v); break;
      default: r = signbit(v) != 0; break;
      }
      *(bool *)o = r;
    } else if (ten_dtype_is_float(c->out)) {
      double v = ld(x, c->in);
      stf(o, c->out, c->out == TEN_DTYPE_F32 ? (double)f32_unop(c->op, (float)v) : f64_unop(c->op, v));
    } else {
      sti(o, c->out, int_unop(c->op, li(x, c->in), c->out));
    }
  }
}

value np_unary(lang_vm *vm, np_unop op, value a, value out) {
  np_operand x;
  if (np_operand_of(vm, a, &x) < 0) return val_null();
  ten_dtype in = x.t->dtype, odt = in;
  value res = val_null();
  if (unop_bool_out(op)) {
    odt = TEN_DTYPE_BOOL;
  } else if (unop_float_math(op)) {
    if (!ten_dtype_is_float(in)) odt = (in == TEN_DTYPE_BOOL || in == TEN_DTYPE_U8) ? TEN_DTYPE_F32 : TEN_DTYPE_F64;
  } else if (op == NP_NEG && in == TEN_DTYPE_BOOL) {
    np_operand_clear(&x);
    return exc_set(vm, EXC_TypeError, "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator "
                                      "or the logical_not function instead.");
  } else if (op == NP_INVERT && ten_dtype_is_float(in)) {
    np_operand_clear(&x);
    return exc_set(vm, EXC_TypeError, "ufunc 'invert' not supported for the input types, and the inputs could not be safely "
                                      "coerced to any supported types according to the casting rule ''safe''");
  }
  bool have_out = !VAL_IS_NULL(out) && out.tag != VAL_NONE;
  if (have_out && check_out(vm, unop_names[op], odt, out, &x.t, 1) < 0) {
    np_operand_clear(&x);
    return val_null();
  }
  ten_tensor *r = ten_empty(x.t->shape, x.t->ndim, odt, TEN_CPU);
  if (!r) {
    np_operand_clear(&x);
    return exc_from_ten(vm);
  }
  ten_tensor *ops[2] = {r, x.t};
  un_ctx c = {op, in, odt};
  run_loop(ops, 2, un_loop, &c);
  np_operand_clear(&x);
  if (have_out) res = write_out(vm, r, out);
  else res = np_wrap_result(vm, r);
  return res;
}

/* ---- np.round ---- */

typedef struct round_ctx { int64_t d; ten_dtype dt; } round_ctx;
static void round_loop(char **p, const int64_t *st, int64_t n, void *vctx) {
  round_ctx *c = vctx;
  char *o = p[0], *x = p[1];
  for (int64_t k = 0; k < n; k++, o += st[0], x += st[1]) {
    if (c->dt == TEN_DTYPE_F32) {
      float v = *(float *)x;
      if (c->d >= 0) {
        float f = (float)pow(10.0, (double)c->d);
        *(float *)o = nearbyintf(v * f) / f;
      } else {
        float f = (float)pow(10.0, (double)-c->d);
        *(float *)o = nearbyintf(v / f) * f;
      }
    } else if (c->dt == TEN_DTYPE_F64) {
      double v = *(double *)x;
      if (c->d >= 0) {
        double f = pow(10.0, (double)c->d);
        *(double *)o = nearbyint(v * f) / f;
      } else {
        double f = pow(10.0, (double)-c->d);
        *(double *)o = nearbyint(v / f) * f;
      }
    } else {
      int64_t v = li(x, c->dt);
      if (c->d < 0) {
        int64_t f = 1;
        for (int64_t i = 0; i < -c->d && f < INT64_MAX / 10; i++) f *= 10;
        /* round half to even on integers */
        int64_t q = int_floordiv(v, f), r = v - q * f;
        if (2 * r > f || (2 * r == f && (q & 1))) q++;
        v = q * f;
      }
      sti(o, c->dt, v);
    }
  }
}

value np_round_value(lang_vm *vm, value xv, int64_t decimals) {
  np_operand x;
  if (np_operand_of(vm, xv, &x) < 0) return val_null();
  ten_tensor *r = ten_empty(x.t->shape, x.t->ndim, x.t->dtype, TEN_CPU);
  if (!r) {
    np_operand_clear(&x);
    return exc_from_ten(vm);
  }
  ten_tensor *ops[2] = {r, x.t};
  round_ctx c = {decimals, x.t->dtype};
  run_loop(ops, 2, round_loop, &c);
  np_operand_clear(&x);
  return np_wrap_result(vm, r);
}

/* ---- reductions ---- */

int np_arg_axes(lang_vm *vm, value v, int ndim, int64_t *axes, bool *all) {
  *all = false;
  if (VAL_IS_NULL(v) || v.tag == VAL_NONE) {
    *all = true;
    return 0;
  }
  int n = 0;
  if (val_is_tuple(v) || val_is_list(v)) {
    int64_t len = val_is_tuple(v) ? VAL_TUPLE(v)->len : VAL_LIST(v)->len;
    const value *items = val_is_tuple(v) ? VAL_TUPLE(v)->items : VAL_LIST(v)->items;
    if (len > TEN_MAX_DIMS) return exc_seti(vm, EXC_ValueError, "too many axes");
    for (int64_t i = 0; i < len; i++)
      if (obj_as_index(vm, items[i], &axes[n++]) < 0) return -1;
  } else {
    if (obj_as_index(vm, v, &axes[0]) < 0) return -1;
    n = 1;
  }
  for (int i = 0; i < n; i++) {
    int64_t a = axes[i];
    if (a < -ndim || a >= ndim || (ndim == 0 && a != 0 && a != -1)) {
      value cls = val_null();
      value np = dict_get_cstr(vm, vm->modules, "numpy");
      if (!VAL_IS_NULL(np)) cls = obj_getattr_opt(vm, np, str_intern(vm, "AxisError"));
      char msg[128];
      snprintf(msg, sizeof msg, "axis %lld is out of bounds for array of dimension %d", (long long)a, ndim);
      if (!VAL_IS_NULL(cls)) {
        value e = exc_new(vm, VAL_TYPE(cls), msg);
        val_decref(cls);
        if (!VAL_IS_NULL(e)) exc_set_object(vm, e);
        return -1;
      }
      return exc_seti(vm, EXC_IndexError, "%s", msg);
    }
    if (a < 0) a += ndim;
    for (int j = 0; j < i; j++)
      if (axes[j] == a) return exc_seti(vm, EXC_ValueError, "duplicate value in 'axis'");
    axes[i] = a;
  }
  return n;
}

#define PW_BLOCKSIZE 128
#define NP_BUFSIZE 8192

/* DOUBLE_pairwise_sum / FLOAT_pairwise_sum (loops_utils.h.src), over elements of any dtype */
static double pairwise_d(const char *a, int64_t n, int64_t stride, ten_dtype dt) {
  if (n < 8) {
    double res = -0.0;
    for (int64_t i = 0; i < n; i++) res += ld(a + i * stride, dt);
    return res;
  } else if (n <= PW_BLOCKSIZE) {
    double r[8], res;
    for (int k = 0; k < 8; k++) r[k] = ld(a + k * stride, dt);
    int64_t i;
    for (i = 8; i < n - (n % 8); i += 8)
      for (int k = 0; k < 8; k++) r[k] += ld(a + (i + k) * stride, dt);
    res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) res += ld(a + i * stride, dt);
    return res;
  } else {
    int64_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise_d(a, n2, stride, dt) + pairwise_d(a + n2 * stride, n - n2, stride, dt);
  }
}
static double pairwise_f64(const double *a, int64_t n, int64_t stride) {
  if (n < 8) {
    double res = -0.0;
    for (int64_t i = 0; i < n; i++) res += a[i * stride];
    return res;
  } else if (n <= PW_BLOCKSIZE) {
    double r[8], res;
    for (int k = 0; k < 8; k++) r[k] = a[k * stride];
    int64_t i;
    for (i = 8; i < n - (n % 8); i += 8)
      for (int k = 0; k < 8; k++) r[k] += a[(i + k) * stride];
    res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) res += a[i * stride];
    return res;
  } else {
    int64_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise_f64(a, n2, stride) + pairwise_f64(a + n2 * stride, n - n2, stride);
  }
}
static float pairwise_f(const char *a, int64_t n, int64_t stride, ten_dtype dt) {
  if (n < 8) {
    float res = -0.0f;
    for (int64_t i = 0; i < n; i++) res += (float)ld(a + i * stride, dt);
    return res;
  } else if (n <= PW_BLOCKSIZE) {
    float r[8], res;
    for (int k = 0; k < 8; k++) r[k] = (float)ld(a + k * stride, dt);
    int64_t i;
    for (i = 8; i < n - (n % 8); i += 8)
      for (int k = 0; k < 8; k++) r[k] += (float)ld(a + (i + k) * stride, dt);
    res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) res += (float)ld(a + i * stride, dt);
    return res;
  } else {
    int64_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise_f(a, n2, stride, dt) + pairwise_f(a + n2 * stride, n - n2, stride, dt);
  }
}

/* The accumulator of one output element. */
typedef struct acc { double f; int64_t i; bool any; } acc;

typedef struct red_plan {
  np_redop op;
  ten_dtype in, accdt;
  int nd;                          /* iteration dims, outermost first */
  int64_t shape[TEN_MAX_DIMS];
  int64_t istride[TEN_MAX_DIMS];   /* input, bytes */
  int64_t ostride[TEN_MAX_DIMS];   /* output element index step (0 on reduced dims) */
  bool red[TEN_MAX_DIMS];
} red_plan;

static void acc_init(acc *a, np_redop op) {
  a->any = false;
  switch (op) {
  case NP_RED_SUM: a->f = 0; a->i = 0; break;
  case NP_RED_PROD: a->f = 1; a->i = 1; break;
  case NP_RED_ALL: a->i = 1; break;
  case NP_RED_ANY: a->i = 0; break;
  default: a->f = 0; a->i = 0; break;
  }
}

/* Folds one element into an accumulator (all ops but the pairwise sum). */
static inline void acc_one(acc *a, const red_plan *p, const char *x) {
  ten_dtype dt = p->in;
  switch (p->op) {
  case NP_RED_SUM:
    if (ten_dtype_is_float(p->accdt)) {
      if (p->accdt == TEN_DTYPE_F32) a->f = (float)((float)a->f + (float)ld(x, dt));
      else a->f += ld(x, dt);
    } else if (p->accdt == TEN_DTYPE_BOOL) {
      a->i = a->i || li(x, dt);
    } else {
      a->i = wrap_int((int64_t)((uint64_t)a->i + (uint64_t)li(x, dt)), p->accdt);
    }
    break;
  case NP_RED_PROD:
    if (ten_dtype_is_float(p->accdt)) {
      if (p->accdt == TEN_DTYPE_F32) a->f = (float)((float)a->f * (float)ld(x, dt));
      else a->f *= ld(x, dt);
    } else {
      a->i = wrap_int((int64_t)((uint64_t)a->i * (uint64_t)li(x, dt)), p->accdt);
    }
    break;
  case NP_RED_MAX: case NP_RED_MIN: {
    bool mx = p->op == NP_RED_MAX;
    if (ten_dtype_is_float(dt)) {
      double v = ld(x, dt);
      if (!a->any) a->f = v;
      else if (!isnan(a->f) && (isnan(v) || (mx ? v > a->f : v < a->f))) a->f = v;
    } else {
      int64_t v = li(x, dt);
      if (!a->any || (mx ? v > a->i : v < a->i)) a->i = v;
    }
    a->any = true;
    break;
  }
  case NP_RED_ALL: if (ld(x, dt) == 0) a->i = 0; break;
  case NP_RED_ANY: if (ld(x, dt) != 0) a->i = 1; break;
  }
}

/* a run of n elements along a reduced inner dim into one accumulator */
static void acc_run(acc *a, const red_plan *p, const char *x, int64_t n, int64_t stride) {
  if (p->op == NP_RED_SUM && ten_dtype_is_float(p->accdt)) {
    for (int64_t s = 0; s < n; s += NP_BUFSIZE) {
      int64_t m = n - s < NP_BUFSIZE ? n - s : NP_BUFSIZE;
      const char *q = x + s * stride;
      if (p->accdt == TEN_DTYPE_F32) {
        a->f = (float)((float)a->f + pairwise_f(q, m, stride, p->in));
      } else if (p->in == TEN_DTYPE_F64 && stride % 8 == 0) {
        a->f += pairwise_f64((const double *)q, m, stride / 8);
      } else {
        a->f += pairwise_d(q, m, stride, p->in);
      }
    }
    return;
  }
  for (int64_t k = 0; k < n; k++) acc_one(a, p, x + k * stride);
}

static void store_acc(char *o, ten_dtype outdt, const acc *a, const red_plan *p) {
  bool fl = (p->op == NP_RED_MAX || p->op == NP_RED_MIN) ? ten_dtype_is_float(p->in) : ten_dtype_is_float(p->accdt);
  if (p->op == NP_RED_ALL || p->op == NP_RED_ANY) {
    *(bool *)o = a->i != 0;
    return;
  }
  if (fl) stf(o, outdt, a->f);
  else sti(o, outdt, a->i);
}

ten_tensor *np_reduce(lang_vm *vm, np_redop op, ten_tensor *t, const int64_t *axes, int naxes, bool all, bool keepdims,
                      ten_dtype dt) {
  int nd = t->ndim;
  bool red[TEN_MAX_DIMS] = {false};
  if (all) {
    for (int d = 0; d < nd; d++) red[d] = true;
  } else {
    for (int i = 0; i < naxes; i++) red[axes[i]] = true;
  }
  /* dtypes */
  ten_dtype accdt, outdt;
  if (op == NP_RED_SUM || op == NP_RED_PROD) {
    if (dt != TEN_DTYPE_UNSET) accdt = dt;
    else accdt = ten_dtype_is_float(t->dtype) ? t->dtype : TEN_DTYPE_I64;
    outdt = accdt;
  } else if (op == NP_RED_ALL || op == NP_RED_ANY) {
    accdt = outdt = TEN_DTYPE_BOOL;
  } else {
    accdt = outdt = t->dtype;
  }
  /* output shape */
  int64_t oshape[TEN_MAX_DIMS];
  int ond = 0;
  int64_t nred = 1;
  for (int d = 0; d < nd; d++) {
    if (red[d]) {
      nred *= t->shape[d];
      if (keepdims) oshape[ond++] = 1;
    } else {
      oshape[ond++] = t->shape[d];
    }
  }
  if ((op == NP_RED_MAX || op == NP_RED_MIN) && nred == 0 && ten_numel(t) == 0) {
    exc_set(vm, EXC_ValueError, "zero-size array to reduction operation %s which has no identity",
            op == NP_RED_MAX ? "maximum" : "minimum");
    return NULL;
  }
  if ((op == NP_RED_MAX || op == NP_RED_MIN) && nred == 0) {
    exc_set(vm, EXC_ValueError, "zero-size array to reduction operation %s which has no identity",
            op == NP_RED_MAX ? "maximum" : "minimum");
    return NULL;
  }
  ten_tensor *out = ten_empty(oshape, ond, outdt, TEN_CPU);
  if (!out) return np_fail(vm);
  int64_t nout = ten_numel(out);
  acc *accs = malloc(sizeof(acc) * (size_t)(nout ? nout : 1));
  if (!accs) {
    ten_release(out);
    exc_nomem(vm);
    return NULL;
  }
  for (int64_t k = 0; k < nout; k++) acc_init(&accs[k], op);

  /* output element strides over the input dims (C order over the kept dims) */
  int64_t ost[TEN_MAX_DIMS];
  int64_t s = 1;
  for (int d = nd - 1; d >= 0; d--) {
    if (red[d]) {
      ost[d] = 0;
    } else {
      ost[d] = s;
      s *= t->shape[d];
    }
  }
  /* iteration order: dims of size > 1 by decreasing |input stride| (nditer's best axis order) */
  red_plan p;
  memset(&p, 0, sizeof p);
  p.op = op;
  p.in = t->dtype;
  p.accdt = accdt;
  int perm[TEN_MAX_DIMS], np_ = 0;
  for (int d = 0; d < nd; d++)
    if (t->shape[d] > 1) perm[np_++] = d;
  for (int i = 1; i < np_; i++) {
    int x = perm[i], j = i - 1;
    while (j >= 0 && llabs((long long)t->stride[perm[j]]) < llabs((long long)t->stride[x])) {
      perm[j + 1] = perm[j];
      j--;
    }
    perm[j + 1] = x;
  }
  size_t es = ten_dtype_size(t->dtype);
  for (int i = 0; i < np_; i++) {
    int d = perm[i];
    int k = p.nd;
    /* coalesce with the previous (outer) dim when both step as one */
    if (k > 0 && p.red[k - 1] == red[d] && p.istride[k - 1] == t->stride[d] * (int64_t)es * t->shape[d] &&
        p.ostride[k - 1] == ost[d] * t->shape[d]) {
      p.shape[k - 1] *= t->shape[d];
      p.istride[k - 1] = t->stride[d] * (int64_t)es;
      p.ostride[k - 1] = ost[d];
      continue;
    }
    p.shape[k] = t->shape[d];
    p.istride[k] = t->stride[d] * (int64_t)es;
    p.ostride[k] = ost[d];
    p.red[k] = red[d];
    p.nd++;
  }
  const char *base = ten_data_ptr(t);
  if (ten_numel(t) > 0) {
    if (p.nd == 0) {
      acc_run(&accs[0], &p, base, 1, 0);
    } else {
      int inner = p.nd - 1;
      int64_t idx[TEN_MAX_DIMS] = {0};
      int64_t outer = 1;
      for (int k = 0; k < inner; k++) outer *= p.shape[k];
      for (int64_t o = 0; o < outer; o++) {
        const char *x = base;
        int64_t oi = 0;
        for (int k = 0; k < inner; k++) {
          x += idx[k] * p.istride[k];
          oi += idx[k] * p.ostride[k];
        }
        if (p.red[inner]) {
          acc_run(&accs[oi], &p, x, p.shape[inner], p.istride[inner]);
        } else {
          for (int64_t j = 0; j < p.shape[inner]; j++) acc_run(&accs[oi + j * p.ostride[inner]], &p, x + j * p.istride[inner], 1, 0);
        }
        for (int k = inner - 1; k >= 0; k--) {
          if (++idx[k] < p.shape[k]) break;
          idx[k] = 0;
        }
      }
    }
  }
  char *ob = ten_data_ptr(out);
  size_t oes = ten_dtype_size(outdt);
  for (int64_t k = 0; k < nout; k++) store_acc(ob + k * (int64_t)oes, outdt, &accs[k], &p);
  free(accs);
  return out;
}

static int64_t count_items(ten_tensor *t, const int64_t *axes, int naxes, bool all) {
  if (all) return ten_numel(t);
  int64_t n = 1;
  for (int i = 0; i < naxes; i++) n *= t->shape[axes[i]];
  return n;
}

/* r / n elementwise in r's dtype (true_divide with out=r, casting='unsafe') */
static void divide_by(ten_tensor *r, int64_t n) {
  int64_t m = ten_numel(r);
  char *p = ten_data_ptr(r);
  if (r->dtype == TEN_DTYPE_F32) {
    float d = (float)n;
    for (int64_t k = 0; k < m; k++) ((float *)p)[k] = ((float *)p)[k] / d;
  } else if (r->dtype == TEN_DTYPE_F64) {
    double d = (double)n;
    for (int64_t k = 0; k < m; k++) ((double *)p)[k] = ((double *)p)[k] / d;
  } else {
    size_t es = ten_dtype_size(r->dtype);
    for (int64_t k = 0; k < m; k++) {
      char *q = p + k * (int64_t)es;
      stf(q, r->dtype, ld(q, r->dtype) / (double)n);
    }
  }
}

ten_tensor *np_mean(lang_vm *vm, ten_tensor *t, const int64_t *axes, int naxes, bool all, bool keepdims, ten_dtype dt) {
  if (dt == TEN_DTYPE_UNSET && !ten_dtype_is_float(t->dtype)) dt = TEN_DTYPE_F64;
  int64_t n = count_items(t, axes, naxes, all);
  ten_tensor *r = np_reduce(vm, NP_RED_SUM, t, axes, naxes, all, keepdims, dt);
  if (!r) return NULL;
  divide_by(r, n);
  return r;
}

ten_tensor *np_var(lang_vm *vm, ten_tensor *t, const int64_t *axes, int naxes, bool all, bool keepdims, ten_dtype dt,
                   int64_t ddof, bool std) {
  int64_t n = count_items(t, axes, naxes, all);
  if (dt == TEN_DTYPE_UNSET && !ten_dtype_is_float(t->dtype)) dt = TEN_DTYPE_F64;
  ten_tensor *mean = np_reduce(vm, NP_RED_SUM, t, axes, naxes, all, true, dt);
  if (!mean) return NULL;
  divide_by(mean, n);
  /* x = arr - arrmean; x = x * x (in x's dtype) */
  ten_dtype xd = np_promote(t->dtype, mean->dtype);
  ten_tensor *a = as_dtype(vm, t, xd), *m = a ? as_dtype(vm, mean, xd) : NULL;
  ten_release(mean);
  if (!m) {
    ten_release(a);
    return NULL;
  }
  ten_tensor *x = ten_binary(TEN_BINOP_SUB, a, m, ten_scalar_int(1));
  ten_release(a);
  ten_release(m);
  if (!x) return np_fail(vm);
  if (ten_binary_(TEN_BINOP_MUL, x, x, ten_scalar_int(1)) < 0) {
    ten_release(x);
    return np_fail(vm);
  }
  ten_tensor *r = np_reduce(vm, NP_RED_SUM, x, axes, naxes, all, keepdims, dt);
  ten_release(x);
  if (!r) return NULL;
  int64_t div = n - ddof > 0 ? n - ddof : 0;
  divide_by(r, div);
  if (std) {
    int64_t m2 = ten_numel(r);
    char *p = ten_data_ptr(r);
    if (r->dtype == TEN_DTYPE_F32)
      for (int64_t k = 0; k < m2; k++) ((float *)p)[k] = sqrtf(((float *)p)[k]);
    else if (r->dtype == TEN_DTYPE_F64)
      for (int64_t k = 0; k < m2; k++) ((double *)p)[k] = sqrt(((double *)p)[k]);
  }
  return r;
}

ten_tensor *np_argext(lang_vm *vm, ten_tensor *t, int64_t axis, bool all, bool keepdims, bool max) {
  ten_tensor *src;
  if (all) {
    int64_t n = ten_numel(t);
    src = ten_reshape(t, &n, 1);
    axis = 0;
  } else {
    src = ten_alias(t);
  }
  if (!src) return np_fail(vm);
  if (ten_numel(src) == 0 || src->ndim == 0) {
    ten_release(src);
    exc_set(vm, EXC_ValueError, "attempt to get %s of an empty sequence", max ? "argmax" : "argmin");
    return NULL;
  }
  int64_t oshape[TEN_MAX_DIMS];
  int ond = 0;
  for (int d = 0; d < src->ndim; d++)
    if (d != axis) oshape[ond++] = src->shape[d];
  ten_tensor *out = ten_empty(oshape, ond, TEN_DTYPE_I64, TEN_CPU);
  if (!out) {
    ten_release(src);
    return np_fail(vm);
  }
  /* the reduced dim last, the others in order */
  int64_t dims[TEN_MAX_DIMS];
  int nk = 0;
  for (int d = 0; d < src->ndim; d++)
    if (d != axis) dims[nk++] = d;
  dims[nk] = axis;
  ten_tensor *mv = ten_permute(src, dims, src->ndim);
  if (!mv) {
    ten_release(src);
    ten_release(out);
    return np_fail(vm);
  }
  int64_t len = mv->shape[mv->ndim - 1];
  int64_t nout = ten_numel(out);
  int64_t *o = ten_data_ptr(out);
  bool fl = ten_dtype_is_float(mv->dtype);
  size_t es = ten_dtype_size(mv->dtype);
  for (int64_t k = 0; k < nout; k++) {
    /* element (k, j) of mv viewed as (nout, len) */
    int64_t rem = k, off = 0;
    for (int d = mv->ndim - 2; d >= 0; d--) {
      off += (rem % mv->shape[d]) * mv->stride[d];
      rem /= mv->shape[d];
    }
    const char *base = (const char *)mv->storage->data + (mv->offset + off) * (int64_t)es;
    int64_t st = mv->stride[mv->ndim - 1] * (int64_t)es;
    int64_t best = 0;
    if (fl) {
      double bv = ld(base, mv->dtype);
      for (int64_t j = 1; j < len && !isnan(bv); j++) {
        double v = ld(base + j * st, mv->dtype);
        if (isnan(v) || (max ? v > bv : v < bv)) {
          bv = v;
          best = j;
        }
      }
    } else {
      int64_t bv = li(base, mv->dtype);
      for (int64_t j = 1; j < len; j++) {
        int64_t v = li(base + j * st, mv->dtype);
        if (max ? v > bv : v < bv) {
          bv = v;
          best = j;
        }
      }
    }
    o[k] = best;
  }
  ten_release(mv);
  ten_release(src);
  if (keepdims && !all) {
    ten_tensor *u = ten_unsqueeze(out, axis);
    ten_release(out);
    return u ? u : np_fail(vm);
  }
  if (keepdims && all) {
    int64_t ones[TEN_MAX_DIMS];
    for (int d = 0; d < t->ndim; d++) ones[d] = 1;
    ten_tensor *u = ten_reshape(out, ones, t->ndim);
    ten_release(out);
    return u ? u : np_fail(vm);
  }
  return out;
}

/* ---- dot / matmul ---- */

static value shapes_not_aligned(lang_vm *vm, const ten_tensor *a, const ten_tensor *b, int da, int db) {
  strbuf s;
  sb_init(&s);
  sb_adds(&s, "shapes ");
  shape_text(&s, a);
  sb_adds(&s, " and ");
  shape_text(&s, b);
  sb_printf(&s, " not aligned: %lld (dim %d) != %lld (dim %d)", (long long)a->shape[da], da, (long long)b->shape[db], db);
  obj_str *m = sb_finish(vm, &s);
  if (!m) return val_null();
  exc_set(vm, EXC_ValueError, "%s", m->data);
  obj_decref(m);
  return val_null();
}

value np_dot(lang_vm *vm, value av, value bv, bool matmul) {
  np_operand x, y;
  if (np_operand_of(vm, av, &x) < 0) return val_null();
  if (np_operand_of(vm, bv, &y) < 0) {
    np_operand_clear(&x);
    return val_null();
  }
  value res = val_null();
  ten_tensor *a = x.t, *b = y.t;
  if (a->ndim == 0 || b->ndim == 0) {
    np_operand_clear(&x);
    np_operand_clear(&y);
    if (matmul) return exc_set(vm, EXC_ValueError, "matmul: Input operand %d does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)",
                               a->ndim == 0 ? 0 : 1);
    return np_binary(vm, NP_MUL, av, bv, val_null());
  }
  /* both arrays: plain promotion */
  ten_dtype rt = np_promote(a->dtype, b->dtype);
  if (rt == TEN_DTYPE_BOOL) rt = TEN_DTYPE_BOOL;
  ten_dtype ct = rt == TEN_DTYPE_BOOL ? TEN_DTYPE_I64 : rt;
  int ka = a->ndim - 1, kb = b->ndim >= 2 ? b->ndim - 2 : 0;
  if (a->shape[ka] != b->shape[kb]) {
    if (matmul) {
      res = exc_set(vm, EXC_ValueError, "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
                                        "(n?,k),(k,m?)->(n?,m?) (size %lld is different from %lld)",
                    (long long)b->shape[kb], (long long)a->shape[ka]);
    } else {
      res = shapes_not_aligned(vm, a, b, ka, kb);
    }
    np_operand_clear(&x);
    np_operand_clear(&y);
    return res;
  }
  ten_tensor *ca = as_dtype(vm, a, ct), *cb = ca ? as_dtype(vm, b, ct) : NULL;
  ten_tensor *r = NULL;
  if (cb) {
    if (matmul || (a->ndim <= 2 && b->ndim <= 2)) {
      r = ten_matmul(ca, cb);
    } else {
      /* dot(a, b)[i.., j.., m] = sum(a[i.., :] * b[j.., :, m]): a as (I, k), b moved to (k, J) */
      int64_t k = a->shape[ka];
      int64_t I = ten_numel(a) / (k ? k : 1);
      ten_tensor *a2 = ten_reshape(ca, (int64_t[]){I, k}, 2);
      int64_t bdims[TEN_MAX_DIMS];
      int n = 0;
      bdims[n++] = kb;
      for (int d = 0; d < b->ndim; d++)
        if (d != kb) bdims[n++] = d;
      ten_tensor *bp = ten_permute(cb, bdims, b->ndim);
      int64_t J = ten_numel(b) / (k ? k : 1);
      ten_tensor *b2 = bp ? ten_reshape(bp, (int64_t[]){k, J}, 2) : NULL;
      ten_tensor *m = (a2 && b2) ? ten_mm(a2, b2) : NULL;
      int64_t shape[TEN_MAX_DIMS];
      int nd = 0;
      for (int d = 0; d < a->ndim - 1; d++) shape[nd++] = a->shape[d];
      for (int d = 0; d < b->ndim; d++)
        if (d != kb) shape[nd++] = b->shape[d];
      r = m ? ten_reshape(m, shape, nd) : NULL;
      ten_release(a2);
      ten_release(bp);
      ten_release(b2);
      ten_release(m);
    }
    if (r && r->dtype != rt) {
      ten_tensor *c = as_dtype(vm, r, rt);
      ten_release(r);
      r = c;
    }
    if (!r && !exc_pending(vm)) np_fail(vm);
  }
  ten_release(ca);
  ten_release(cb);
  np_operand_clear(&x);
  np_operand_clear(&y);
  if (!r) return val_null();
  return np_wrap_result(vm, r);
}
