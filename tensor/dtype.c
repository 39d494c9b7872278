/*
** tensor/dtype.c — dtype table (sizes, PyTorch names) and the 1.13 type-promotion rules:
** category order bool < integral < floating; 0-dim tensors and Python numbers only count when
** they raise the category (c10 result_type / combine_categories).
*/
#include <math.h>
#include <string.h>

#include "tensor/internal.h"

typedef struct dtype_info {
  size_t size;
  const char *name;         /* torch.<name> */
  const char *scalar_name;  /* in error texts: "expected scalar type Float" */
  const char *tensor_type;  /* x.type(): "torch.FloatTensor" */
} dtype_info;

/* ORDER TEN_DTYPE */
static const dtype_info dtypes[] = {
  {1, "bool",    "Bool",   "BoolTensor"},
  {1, "uint8",   "Byte",   "ByteTensor"},
  {4, "int32",   "Int",    "IntTensor"},
  {8, "int64",   "Long",   "LongTensor"},
  {4, "float32", "Float",  "FloatTensor"},
  {8, "float64", "Double", "DoubleTensor"},
};
_Static_assert(sizeof dtypes / sizeof dtypes[0] == TEN_DTYPE_COUNT, "update the dtype table");

static ten_dtype default_dtype = TEN_DTYPE_F32;

static bool valid(ten_dtype dt) { return dt >= 0 && dt < TEN_DTYPE_COUNT; }

size_t ten_dtype_size(ten_dtype dt) { return valid(dt) ? dtypes[dt].size : 0; }
bool ten_dtype_is_float(ten_dtype dt) { return dt == TEN_DTYPE_F32 || dt == TEN_DTYPE_F64; }
bool ten_dtype_is_int(ten_dtype dt) { return dt == TEN_DTYPE_U8 || dt == TEN_DTYPE_I32 || dt == TEN_DTYPE_I64; }
const char *ten_dtype_name(ten_dtype dt) { return valid(dt) ? dtypes[dt].name : "undefined"; }
const char *ten_dtype_scalar_name(ten_dtype dt) { return valid(dt) ? dtypes[dt].scalar_name : "Undefined"; }
const char *ten_dtype_tensor_type(ten_dtype dt) { return valid(dt) ? dtypes[dt].tensor_type : "UndefinedTensor"; }

ten_dtype ten_dtype_from_name(const char *name) {
  static const struct { const char *alias; ten_dtype dt; } aliases[] = {
    {"float", TEN_DTYPE_F32}, {"double", TEN_DTYPE_F64}, {"long", TEN_DTYPE_I64},
    {"int", TEN_DTYPE_I32},   {"uint8", TEN_DTYPE_U8},   {"bool", TEN_DTYPE_BOOL},
  };
  if (strncmp(name, "torch.", 6) == 0) name += 6;
  for (int i = 0; i < TEN_DTYPE_COUNT; i++)
    if (strcmp(name, dtypes[i].name) == 0) return (ten_dtype)i;
  for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
    if (strcmp(name, aliases[i].alias) == 0) return aliases[i].dt;
  return TEN_DTYPE_UNSET;
}

ten_dtype ten_default_dtype(void) { return default_dtype; }

int ten_set_default_dtype(ten_dtype dt) {
  if (!ten_dtype_is_float(dt))
    return ten_error_set(TEN_E_TYPE, "only floating-point types are supported as the default type");
  default_dtype = dt;
  return 0;
}

double ten_scalar_to_double(ten_scalar s) {
  switch (s.kind) {
  case TEN_SCALAR_BOOL: return s.v.b ? 1.0 : 0.0;
  case TEN_SCALAR_INT: return (double)s.v.i;
  default: return s.v.f;
  }
}

ten_dtype ten_scalar_dtype(ten_scalar s) {
  switch (s.kind) {
  case TEN_SCALAR_BOOL: return TEN_DTYPE_BOOL;
  case TEN_SCALAR_INT: return TEN_DTYPE_I64;
  default: return default_dtype;
  }
}

const char *ten_dtype_cpp_name(ten_dtype dt) {
  static const char *names[] = {"bool", "unsigned char", "int", "long int", "float", "double"}; /* ORDER TEN_DTYPE */
  return valid(dt) ? names[dt] : "undefined";
}

int ten_scalar_check(ten_scalar s, ten_dtype dt) {
  /* c10::overflows<To, From>; the C++ type names appear in the message. ORDER TEN_DTYPE */
  static const char *ctype[] = {"bool", "uint8_t", "int", "int64_t", "float", "double"};
  static const double lowest[] = {0, 0, -2147483648.0, -9223372036854775808.0, -3.4028234663852886e38, 0};
  static const double highest[] = {1, 255, 2147483647.0, 9223372036854775807.0, 3.4028234663852886e38, 0};
  bool bad = false;
  if (dt == TEN_DTYPE_BOOL || dt == TEN_DTYPE_F64 || s.kind == TEN_SCALAR_BOOL) return 0;
  if (s.kind == TEN_SCALAR_INT) {
    int64_t i = s.v.i;
    if (dt == TEN_DTYPE_U8) bad = i > 255 || i < -255;   /* negatives wrap (two's complement) */
    else if (dt == TEN_DTYPE_I32) bad = i > INT32_MAX || i < INT32_MIN;
  } else {
    double f = s.v.f;
    if (dt == TEN_DTYPE_F32) bad = !isinf(f) && (f < lowest[dt] || f > highest[dt]);
    else bad = f != f || f < lowest[dt] || f > highest[dt];
  }
  if (bad) return ten_error_set(TEN_E_RUNTIME, "value cannot be converted to type %s without overflow", ctype[dt]);
  return 0;
}

/* The enum order is a chain of the lattice restricted to our dtypes. */
ten_dtype ten_promote(ten_dtype a, ten_dtype b) {
  if (a == TEN_DTYPE_UNSET) return b;
  if (b == TEN_DTYPE_UNSET) return a;
  return a > b ? a : b;
}

bool ten_can_cast(ten_dtype from, ten_dtype to) {
  if (ten_dtype_is_float(from) && !ten_dtype_is_float(to)) return false;
  if (from != TEN_DTYPE_BOOL && to == TEN_DTYPE_BOOL) return false;
  return true;
}

/* c10 combine_categories: the lower-priority group only matters if it raises the category. */
static ten_dtype combine(ten_dtype higher, ten_dtype lower) {
  if (ten_dtype_is_float(higher)) return higher;
  if (higher == TEN_DTYPE_BOOL || ten_dtype_is_float(lower)) return ten_promote(higher, lower);
  if (higher != TEN_DTYPE_UNSET) return higher;
  return lower;
}

ten_dtype ten_result_type(const ten_tensor *const *ts, int n) {
  ten_dtype dim = TEN_DTYPE_UNSET, zero = TEN_DTYPE_UNSET, wrapped = TEN_DTYPE_UNSET;
  for (int i = 0; i < n; i++) {
    const ten_tensor *t = ts[i];
    if (!t) continue;
    if (t->wrapped_number) {
      ten_dtype d = ten_dtype_is_float(t->dtype) ? default_dtype : t->dtype;
      wrapped = ten_promote(wrapped, d);
    } else if (t->ndim == 0) {
      zero = ten_promote(zero, t->dtype);
    } else {
      dim = ten_promote(dim, t->dtype);
    }
  }
  return combine(dim, combine(zero, wrapped));
}
