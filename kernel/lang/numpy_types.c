/*
** kernel/lang/numpy_types.c — NumPy's dtype objects (dtype('float64')) and scalar types (numpy.float64,
** numpy.float32, numpy.int64, numpy.int32, numpy.uint8, numpy.bool_ under the abstract generic /
** number / integer / floating classes). A scalar is an ndarray-shaped object over a 0-d tensor, so
** the array methods work on it; here are its constructor, printing, hashing and number protocol.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/numpy_bind.h"

/* ---- dtype objects ---- */

typedef struct obj_npdtype { obj hdr; ten_dtype dt; } obj_npdtype;

static value dtype_repr(lang_vm *vm, value self) {
  return val_obj(str_printf(vm, "dtype('%s')", np_dtype_name(((obj_npdtype *)self.u.o)->dt)));
}
static value dtype_str(lang_vm *vm, value self) {
  return val_obj(str_from_cstr(vm, np_dtype_name(((obj_npdtype *)self.u.o)->dt)));
}
static int dtype_hash(lang_vm *vm, value self, int64_t *out) {
  *out = 0x5bd1e995 + ((obj_npdtype *)self.u.o)->dt;
  return 0;
}
static value dtype_richcmp(lang_vm *vm, value a, value b, int op) {
  if (op != CMP_EQ && op != CMP_NE) return val_notimpl();
  ten_dtype x = ((obj_npdtype *)a.u.o)->dt, y = TEN_DTYPE_UNSET;
  if (np_arg_dtype(vm, b, &y) < 0) {
    exc_clear(vm);
    return val_bool(op == CMP_NE);
  }
  if (b.tag == VAL_NONE) return val_bool(op == CMP_NE);
  return val_bool((x == y) == (op == CMP_EQ));
}

static const char *dtype_kind(ten_dtype dt) {
  switch (dt) {
  case TEN_DTYPE_BOOL: return "b";
  case TEN_DTYPE_U8: return "u";
  case TEN_DTYPE_I32: case TEN_DTYPE_I64: return "i";
  default: return "f";
  }
}
static const char *dtype_char(ten_dtype dt) {
  static const char *const c[TEN_DTYPE_COUNT] = {"?", "B", "i", "l", "f", "d"};
  return c[dt];
}
static const char *dtype_str_code(ten_dtype dt) {
  static const char *const c[TEN_DTYPE_COUNT] = {"|b1", "|u1", "<i4", "<i8", "<f4", "<f8"};
  return c[dt];
}

#define DT(self) (((obj_npdtype *)(self).u.o)->dt)
static value dg_name(lang_vm *vm, value self) { return val_obj(str_from_cstr(vm, np_dtype_name(DT(self)))); }
static value dg_itemsize(lang_vm *vm, value self) { return val_int((int64_t)ten_dtype_size(DT(self))); }
static value dg_kind(lang_vm *vm, value self) { return val_obj(str_from_cstr(vm, dtype_kind(DT(self)))); }
static value dg_char(lang_vm *vm, value self) { return val_obj(str_from_cstr(vm, dtype_char(DT(self)))); }
static value dg_str(lang_vm *vm, value self) { return val_obj(str_from_cstr(vm, dtype_str_code(DT(self)))); }
static value dg_type(lang_vm *vm, value self) {
  obj_type *t = np_scalar_type(DT(self));
  obj_incref(t);
  return val_obj(t);
}
static value dg_byteorder(lang_vm *vm, value self) { return val_obj(str_from_cstr(vm, DT(self) <= TEN_DTYPE_U8 ? "|" : "=")); }
static value dg_none(lang_vm *vm, value self) { return val_none(); }
static value dg_alignment(lang_vm *vm, value self) { return val_int((int64_t)ten_dtype_size(DT(self))); }
static value dg_shape(lang_vm *vm, value self) { return val_obj(tuple_new(vm, 0)); }
#undef DT

static const bi_getset dtype_getsets[] = {
  {"name", dg_name, NULL, NULL},
  {"itemsize", dg_itemsize, NULL, NULL},
  {"kind", dg_kind, NULL, NULL},
  {"char", dg_char, NULL, NULL},
  {"str", dg_str, NULL, NULL},
  {"type", dg_type, NULL, NULL},
  {"byteorder", dg_byteorder, NULL, NULL},
  {"names", dg_none, NULL, NULL},
  {"fields", dg_none, NULL, NULL},
  {"alignment", dg_alignment, NULL, NULL},
  {"shape", dg_shape, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

static value dtype_new(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "dtype", args, nargs, kw, "dtype|align,copy", a) < 0) return val_null();
  ten_dtype dt = TEN_DTYPE_UNSET;
  if (a[0].tag == VAL_NONE) return np_dtype_value(TEN_DTYPE_F64);
  if (np_arg_dtype(vm, a[0], &dt) < 0) return val_null();
  return np_dtype_value(dt);
}

obj_type type_npdtype = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "numpy.dtype", .basicsize = sizeof(obj_npdtype),
  .repr = dtype_repr, .str = dtype_str, .hash = dtype_hash, .richcmp = dtype_richcmp, .new_ = dtype_new,
};

static obj_npdtype dtype_objs[TEN_DTYPE_COUNT] = {
  {OBJ_STATIC_HEAD(&type_npdtype), TEN_DTYPE_BOOL}, {OBJ_STATIC_HEAD(&type_npdtype), TEN_DTYPE_U8},
  {OBJ_STATIC_HEAD(&type_npdtype), TEN_DTYPE_I32},  {OBJ_STATIC_HEAD(&type_npdtype), TEN_DTYPE_I64},
  {OBJ_STATIC_HEAD(&type_npdtype), TEN_DTYPE_F32},  {OBJ_STATIC_HEAD(&type_npdtype), TEN_DTYPE_F64},
};

value np_dtype_value(ten_dtype dt) { return val_obj(&dtype_objs[dt]); }

/* ---- dtype= arguments ---- */

typedef struct dtype_alias { const char *name; ten_dtype dt; } dtype_alias;
static const dtype_alias dtype_aliases[] = {
  {"float64", TEN_DTYPE_F64}, {"f8", TEN_DTYPE_F64}, {"d", TEN_DTYPE_F64}, {"float", TEN_DTYPE_F64},
  {"double", TEN_DTYPE_F64}, {"float_", TEN_DTYPE_F64}, {"<f8", TEN_DTYPE_F64}, {"=f8", TEN_DTYPE_F64},
  {"float32", TEN_DTYPE_F32}, {"f4", TEN_DTYPE_F32}, {"f", TEN_DTYPE_F32}, {"single", TEN_DTYPE_F32}, {"<f4", TEN_DTYPE_F32},
  {"int64", TEN_DTYPE_I64}, {"i8", TEN_DTYPE_I64}, {"int", TEN_DTYPE_I64}, {"int_", TEN_DTYPE_I64}, {"l", TEN_DTYPE_I64},
  {"q", TEN_DTYPE_I64}, {"long", TEN_DTYPE_I64}, {"longlong", TEN_DTYPE_I64}, {"<i8", TEN_DTYPE_I64}, {"intp", TEN_DTYPE_I64},
  {"int32", TEN_DTYPE_I32}, {"i4", TEN_DTYPE_I32}, {"i", TEN_DTYPE_I32}, {"intc", TEN_DTYPE_I32}, {"<i4", TEN_DTYPE_I32},
  {"uint8", TEN_DTYPE_U8}, {"u1", TEN_DTYPE_U8}, {"B", TEN_DTYPE_U8}, {"ubyte", TEN_DTYPE_U8}, {"|u1", TEN_DTYPE_U8},
  {"bool", TEN_DTYPE_BOOL}, {"?", TEN_DTYPE_BOOL}, {"b1", TEN_DTYPE_BOOL}, {"bool_", TEN_DTYPE_BOOL}, {"bool8", TEN_DTYPE_BOOL},
  {"|b1", TEN_DTYPE_BOOL},
  {NULL, TEN_DTYPE_UNSET}
};

int np_arg_dtype(lang_vm *vm, value v, ten_dtype *out) {
  if (VAL_IS_NULL(v) || v.tag == VAL_NONE) return 0;
  if (v.tag == VAL_OBJ && v.u.o->type == &type_npdtype) {
    *out = ((obj_npdtype *)v.u.o)->dt;
    return 0;
  }
  if (val_is_type(v)) {
    obj_type *t = VAL_TYPE(v);
    if (t == &type_float) { *out = TEN_DTYPE_F64; return 0; }
    if (t == &type_int) { *out = TEN_DTYPE_I64; return 0; }
    if (t == &type_bool) { *out = TEN_DTYPE_BOOL; return 0; }
    for (int d = 0; d < TEN_DTYPE_COUNT; d++)
      if (t == np_scalar_type((ten_dtype)d)) {
        *out = (ten_dtype)d;
        return 0;
      }
    return exc_seti(vm, EXC_TypeError, "Cannot interpret '%s' as a data type",
                    t->module && !str_eq_cstr(t->module, "builtins") ? t->name : t->name);
  }
  if (val_is_str(v)) {
    const char *s = VAL_STR(v)->data;
    for (const dtype_alias *a = dtype_aliases; a->name; a++)
      if (strcmp(a->name, s) == 0) {
        *out = a->dt;
        return 0;
      }
    static const char *const unsupported[] = {"float16", "f2", "half", "int8", "i1", "int16", "i2", "uint16", "u2",
                                              "uint32", "u4", "uint64", "u8", "complex64", "complex128", "complex",
                                              "c8", "c16", "longdouble", "float128", NULL};
    for (int i = 0; unsupported[i]; i++)
      if (strcmp(unsupported[i], s) == 0)
        return exc_seti(vm, EXC_TypeError, "data type '%s' is not supported by ctorch's numpy", s);
    return exc_seti(vm, EXC_TypeError, "data type '%s' not understood", s);
  }
  value r = obj_repr(vm, v);
  if (VAL_IS_NULL(r)) return -1;
  exc_seti(vm, EXC_TypeError, "Cannot interpret '%s' as a data type", VAL_STR(r)->data);
  val_decref(r);
  return -1;
}

/* ---- scalar types ---- */

/* abstract classes: isinstance(x, np.floating), np.issubdtype(dt, np.integer) */
obj_type type_np_generic = {.hdr = OBJ_STATIC_HEAD(&type_type), .name = "numpy.generic", .basicsize = sizeof(obj_ndarray),
                            .tflags = TYPE_F_BASETYPE};
obj_type type_np_number = {.hdr = OBJ_STATIC_HEAD(&type_type), .name = "numpy.number", .basicsize = sizeof(obj_ndarray),
                           .base = &type_np_generic, .tflags = TYPE_F_BASETYPE};
obj_type type_np_integer = {.hdr = OBJ_STATIC_HEAD(&type_type), .name = "numpy.integer", .basicsize = sizeof(obj_ndarray),
                            .base = &type_np_number, .tflags = TYPE_F_BASETYPE};
obj_type type_np_signedinteger = {.hdr = OBJ_STATIC_HEAD(&type_type), .name = "numpy.signedinteger",
                                  .basicsize = sizeof(obj_ndarray), .base = &type_np_integer, .tflags = TYPE_F_BASETYPE};
obj_type type_np_unsignedinteger = {.hdr = OBJ_STATIC_HEAD(&type_type), .name = "numpy.unsignedinteger",
                                    .basicsize = sizeof(obj_ndarray), .base = &type_np_integer, .tflags = TYPE_F_BASETYPE};
obj_type type_np_inexact = {.hdr = OBJ_STATIC_HEAD(&type_type), .name = "numpy.inexact", .basicsize = sizeof(obj_ndarray),
                            .base = &type_np_number, .tflags = TYPE_F_BASETYPE};
obj_type type_np_floating = {.hdr = OBJ_STATIC_HEAD(&type_type), .name = "numpy.floating", .basicsize = sizeof(obj_ndarray),
                             .base = &type_np_inexact, .tflags = TYPE_F_BASETYPE};

static obj_type scalar_types[TEN_DTYPE_COUNT];
static const char *const scalar_names[TEN_DTYPE_COUNT] = {"numpy.bool_", "numpy.uint8", "numpy.int32", "numpy.int64",
                                                          "numpy.float32", "numpy.float64"};
static obj_type *const scalar_bases[TEN_DTYPE_COUNT] = {&type_np_generic, &type_np_unsignedinteger, &type_np_signedinteger,
                                                        &type_np_signedinteger, &type_np_floating, &type_np_floating};

obj_type *np_scalar_type(ten_dtype dt) { return &scalar_types[dt]; }

bool np_is_scalar(value v) {
  if (v.tag != VAL_OBJ) return false;
  obj_type *t = v.u.o->type;
  return t >= &scalar_types[0] && t < &scalar_types[TEN_DTYPE_COUNT];
}

ten_tensor *np_borrow(value v) {
  if (np_is_ndarray(v) || np_is_scalar(v)) return ((obj_ndarray *)v.u.o)->t;
  return NULL;
}

value np_scalar_new(lang_vm *vm, ten_dtype dt, double f, int64_t i) {
  ten_scalar s = ten_dtype_is_float(dt) ? ten_scalar_float(f) : dt == TEN_DTYPE_BOOL ? ten_scalar_bool(f != 0 || i != 0)
                                                                                     : ten_scalar_int(i);
  ten_tensor *t = ten_empty(NULL, 0, dt, TEN_CPU);
  if (!t) return exc_from_ten(vm);
  void *p = ten_data_ptr(t);
  switch (dt) {
  case TEN_DTYPE_F64: *(double *)p = f; break;
  case TEN_DTYPE_F32: *(float *)p = (float)f; break;
  case TEN_DTYPE_I64: *(int64_t *)p = i; break;
  case TEN_DTYPE_I32: *(int32_t *)p = (int32_t)(uint32_t)(uint64_t)i; break;
  case TEN_DTYPE_U8: *(uint8_t *)p = (uint8_t)(uint64_t)i; break;
  case TEN_DTYPE_BOOL: *(bool *)p = s.v.b; break;
  default: break;
  }
  obj_ndarray *o = obj_alloc(vm, &scalar_types[dt], sizeof *o);
  if (!o) {
    ten_release(t);
    return val_null();
  }
  o->t = t;
  return val_obj(o);
}

#define SCALAR_T(v) (((obj_ndarray *)(v).u.o)->t)

static value scalar_repr(lang_vm *vm, value self) {
  char buf[512];
  np_scalar_str(SCALAR_T(self), buf, sizeof buf);
  return val_obj(str_from_cstr(vm, buf));
}

static int scalar_hash(lang_vm *vm, value self, int64_t *out) {
  ten_tensor *t = SCALAR_T(self);
  if (ten_dtype_is_float(t->dtype)) *out = hash_double(ten_get_double(t, 0));
  else {
    value v = np_item_value(vm, t, 0);
    return obj_hash(vm, v, out);
  }
  return 0;
}

static int scalar_truth(lang_vm *vm, value self) { return ten_get_double(SCALAR_T(self), 0) != 0.0; }

/* format(x, spec) formats the Python number of the scalar, as NumPy does, so an empty spec gives
   str(float(x)): '0.10000000149011612' for np.float32(0.1), whose str() is '0.1'. */
static value scalar_format(lang_vm *vm, value self, obj_str *spec) {
  ten_tensor *t = SCALAR_T(self);
  value v = np_item_value(vm, t, 0);
  if (VAL_IS_NULL(v)) return v;
  value r = obj_format(vm, v, spec);
  val_decref(v);
  return r;
}

/* np.float64(x), np.int32('7'), np.float32([1, 2]) (an array), np.bool_(0) */
static value scalar_new_slot(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  ten_dtype dt = (ten_dtype)(type - scalar_types);
  if (kw && kw->len) return exc_set(vm, EXC_TypeError, "%s() takes no keyword arguments", type->name_str->data);
  if (nargs == 0) return np_scalar_new(vm, dt, 0, 0);
  if (nargs > 1) return exc_set(vm, EXC_TypeError, "function takes at most 1 argument (%d given)", nargs);
  value v = args[0];
  if (val_is_str(v)) {
    value num;
    if (ten_dtype_is_float(dt)) num = float_from_string(vm, VAL_STR(v));
    else if (dt == TEN_DTYPE_BOOL) num = val_bool(VAL_STR(v)->len > 0);
    else num = int_from_string(vm, VAL_STR(v)->data, VAL_STR(v)->len, 10);
    if (VAL_IS_NULL(num)) return num;
    value r = scalar_new_slot(vm, type, &num, 1, NULL);
    val_decref(num);
    return r;
  }
  ten_tensor *t = np_to_tensor(vm, v, dt, true);
  if (!t) return val_null();
  return np_wrap_result(vm, t);
}

/* ---- number protocol ---- */

static value sm_float(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return val_float(ten_get_double(SCALAR_T(args[0]), 0)); }
static value sm_int(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = SCALAR_T(args[0]);
  if (ten_dtype_is_float(t->dtype)) {
    double d = ten_get_double(t, 0);
    if (isnan(d)) return exc_set(vm, EXC_ValueError, "cannot convert float NaN to integer");
    if (isinf(d)) return exc_set(vm, EXC_OverflowError, "cannot convert float infinity to integer");
    if (d >= 9.2233720368547758e18 || d < -9.2233720368547758e18)
      return exc_set(vm, EXC_OverflowError, "int too large to convert (ctorch ints are 64-bit)");
    return val_int((int64_t)d);
  }
  return val_int(ten_get_int(t, 0));
}
static value sm_index(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = SCALAR_T(args[0]);
  if (ten_dtype_is_float(t->dtype))
    return exc_set(vm, EXC_TypeError, "'%s' object cannot be interpreted as an integer", val_type_name(args[0]));
  if (t->dtype == TEN_DTYPE_BOOL)
    return exc_set(vm, EXC_TypeError, "'numpy.bool_' object cannot be interpreted as an integer");
  return val_int(ten_get_int(t, 0));
}

/* np.round's rule: rint(x * 10**d) / 10**d (negative d: rint(x / 10**-d) * 10**-d). */
static double np_round_double(double x, int64_t d) {
  if (d >= 0) {
    double f = pow(10.0, (double)d);
    double y = x * f;
    if (!isfinite(y)) return x;
    return nearbyint(y) / f;
  }
  double f = pow(10.0, (double)-d);
  return nearbyint(x / f) * f;
}

static value sm_round(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = SCALAR_T(args[0]);
  if (nargs < 2 || args[1].tag == VAL_NONE) {
    double d = ten_get_double(t, 0);
    if (!ten_dtype_is_float(t->dtype)) return val_int(ten_get_int(t, 0));
    if (isnan(d)) return exc_set(vm, EXC_ValueError, "cannot convert float NaN to integer");
    if (isinf(d)) return exc_set(vm, EXC_OverflowError, "cannot convert float infinity to integer");
    return val_int((int64_t)nearbyint(d));
  }
  int64_t nd;
  if (obj_as_index(vm, args[1], &nd) < 0) return val_null();
  if (!ten_dtype_is_float(t->dtype)) return val_incref(args[0]);
  double d = ten_get_double(t, 0);
  if (t->dtype == TEN_DTYPE_F32) return np_scalar_new(vm, t->dtype, (float)np_round_double((float)d, nd), 0);
  return np_scalar_new(vm, t->dtype, np_round_double(d, nd), 0);
}

static value sm_is_integer(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = SCALAR_T(args[0]);
  if (!ten_dtype_is_float(t->dtype)) return val_bool(true);
  double d = ten_get_double(t, 0);
  return val_bool(isfinite(d) && d == floor(d));
}

static value sm_trunc(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return sm_int(vm, args, 1, NULL); }
static value sm_floor(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = SCALAR_T(args[0]);
  if (!ten_dtype_is_float(t->dtype)) return val_int(ten_get_int(t, 0));
  value f = val_float(floor(ten_get_double(t, 0)));
  return vm_call_method(vm, f, str_intern(vm, "__int__"), NULL, 0, NULL);
}
static value sm_ceil(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = SCALAR_T(args[0]);
  if (!ten_dtype_is_float(t->dtype)) return val_int(ten_get_int(t, 0));
  value f = val_float(ceil(ten_get_double(t, 0)));
  return vm_call_method(vm, f, str_intern(vm, "__int__"), NULL, 0, NULL);
}
static value sm_conjugate(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return val_incref(args[0]); }
static value sm_hex(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value f = val_float(ten_get_double(SCALAR_T(args[0]), 0));
  return vm_call_method(vm, f, str_intern(vm, "hex"), NULL, 0, NULL);
}
static value sm_as_integer_ratio(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value f = val_float(ten_get_double(SCALAR_T(args[0]), 0));
  return vm_call_method(vm, f, str_intern(vm, "as_integer_ratio"), NULL, 0, NULL);
}
static value sg_real(lang_vm *vm, value self) { return val_incref(self); }
static value sg_imag(lang_vm *vm, value self) { return np_scalar_new(vm, SCALAR_T(self)->dtype, 0, 0); }

static const bi_reg scalar_methods[] = {
  {"__float__", sm_float, 1, 0, NULL},
  {"__int__", sm_int, 1, 0, NULL},
  {"__index__", sm_index, 1, 0, NULL},
  {"__round__", sm_round, BI_VARARGS, 0, NULL},
  {"__trunc__", sm_trunc, 1, 0, NULL},
  {"__floor__", sm_floor, 1, 0, NULL},
  {"__ceil__", sm_ceil, 1, 0, NULL},
  {"is_integer", sm_is_integer, 1, 0, NULL},
  {"conjugate", sm_conjugate, 1, 0, NULL},
  {"hex", sm_hex, 1, 0, NULL},
  {"as_integer_ratio", sm_as_integer_ratio, 1, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};
static const bi_getset scalar_getsets[] = {
  {"real", sg_real, NULL, NULL},
  {"imag", sg_imag, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

/* Methods and attributes of ndarray that scalars share (numpy_array.c). */
extern const bi_reg np_array_methods[];
extern const bi_getset np_array_getsets[];
value np_binop_slot(lang_vm *vm, value a, value b, int op, bool reflected);
value np_richcmp_slot(lang_vm *vm, value a, value b, int op);
value np_unop_slot(lang_vm *vm, value self, int op);
void np_obj_dealloc(obj *o);

int numpy_types_init(lang_vm *vm, obj_dict *d) {
  if (type_ready(vm, &type_npdtype) < 0 || type_add_getsets(vm, &type_npdtype, dtype_getsets) < 0) return -1;
  type_npdtype.name_str = type_npdtype.qualname = str_intern(vm, "dtype");
  type_npdtype.module = str_intern(vm, "numpy");
  obj_type *abstract[] = {&type_np_generic, &type_np_number, &type_np_integer, &type_np_signedinteger,
                          &type_np_unsignedinteger, &type_np_inexact, &type_np_floating};
  for (size_t i = 0; i < sizeof abstract / sizeof abstract[0]; i++) {
    obj_type *t = abstract[i];
    if (type_ready(vm, t) < 0) return -1;
    const char *short_name = strchr(t->name, '.') + 1;
    t->name_str = t->qualname = str_intern(vm, short_name);
    t->module = str_intern(vm, "numpy");
    if (dict_set_cstr(vm, d, short_name, val_obj(t)) < 0) return -1;
  }
  for (int dt = 0; dt < TEN_DTYPE_COUNT; dt++) {
    obj_type *t = &scalar_types[dt];
    if (!(t->tflags & TYPE_F_READY)) {
      memset(t, 0, sizeof *t);
      t->hdr.refcnt = OBJ_IMMORTAL;
      t->hdr.type = &type_type;
      t->name = scalar_names[dt];
      t->base = scalar_bases[dt];
      t->basicsize = sizeof(obj_ndarray);
      t->dealloc = np_obj_dealloc;
      t->repr = scalar_repr;
      t->hash = scalar_hash;
      t->truth = scalar_truth;
      t->format = scalar_format;
      t->new_ = scalar_new_slot;
      t->binop = np_binop_slot;
      t->richcmp = np_richcmp_slot;
      t->unop = np_unop_slot;
      if (type_ready(vm, t) < 0) return -1;
      t->name_str = t->qualname = str_intern(vm, strchr(scalar_names[dt], '.') + 1);
      t->module = str_intern(vm, "numpy");
      if (type_add_methods(vm, t, np_array_methods) < 0 || type_add_getsets(vm, t, np_array_getsets) < 0 ||
          type_add_methods(vm, t, scalar_methods) < 0 || type_add_getsets(vm, t, scalar_getsets) < 0)
        return -1;
    }
    if (dict_set_cstr(vm, d, strchr(scalar_names[dt], '.') + 1, val_obj(t)) < 0) return -1;
  }
  /* aliases NumPy 1.24 has */
  static const struct { const char *name; ten_dtype dt; } aliases[] = {
    {"float_", TEN_DTYPE_F64}, {"double", TEN_DTYPE_F64}, {"single", TEN_DTYPE_F32}, {"int_", TEN_DTYPE_I64},
    {"intp", TEN_DTYPE_I64}, {"longlong", TEN_DTYPE_I64}, {"intc", TEN_DTYPE_I32}, {"ubyte", TEN_DTYPE_U8},
    {"bool8", TEN_DTYPE_BOOL},
  };
  for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
    if (dict_set_cstr(vm, d, aliases[i].name, val_obj(&scalar_types[aliases[i].dt])) < 0) return -1;
  if (dict_set_cstr(vm, d, "dtype", val_obj(&type_npdtype)) < 0) return -1;
  /* np.True_ / np.False_ */
  value tr = np_scalar_new(vm, TEN_DTYPE_BOOL, 1, 1), fa = np_scalar_new(vm, TEN_DTYPE_BOOL, 0, 0);
  if (VAL_IS_NULL(tr) || VAL_IS_NULL(fa)) return -1;
  if (module_add_value(vm, d, "True_", tr) < 0 || module_add_value(vm, d, "False_", fa) < 0) return -1;
  return 0;
}
