/*
** kernel/lang/number.c — None, bool, int (64-bit: overflow is an OverflowError, not a wrap) and
** float: arithmetic with Python's semantics (floor division and modulo signs, true division,
** integer powers), exact int/float comparison, constructors int()/float()/bool(), reprs.
*/
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/internal.h"
#include "tensor/tensor.h"

static value overflow(lang_vm *vm) {
  return exc_set(vm, EXC_OverflowError, "integer overflow: ctorch ints are 64-bit (|n| < 2**63)");
}

/* ---- int arithmetic ---- */

static int64_t floordiv_i64(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

static int64_t mod_i64(int64_t a, int64_t b) {
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

static value int_pow(lang_vm *vm, int64_t base, int64_t exp) {
  if (exp < 0) {
    if (base == 0) return exc_set(vm, EXC_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    return val_float(pow((double)base, (double)exp));
  }
  int64_t result = 1, b = base;
  while (exp) {
    if (exp & 1) {
      if (__builtin_mul_overflow(result, b, &result)) return overflow(vm);
    }
    exp >>= 1;
    if (exp && __builtin_mul_overflow(b, b, &b)) return overflow(vm);
  }
  return val_int(result);
}

static value int_binop(lang_vm *vm, int64_t a, int64_t b, int op, bool both_bool) {
  int64_t r;
  switch (op) {
  case BINOP_ADD: if (__builtin_add_overflow(a, b, &r)) return overflow(vm); return val_int(r);
  case BINOP_SUB: if (__builtin_sub_overflow(a, b, &r)) return overflow(vm); return val_int(r);
  case BINOP_MUL: if (__builtin_mul_overflow(a, b, &r)) return overflow(vm); return val_int(r);
  case BINOP_TRUEDIV:
    if (b == 0) return exc_set(vm, EXC_ZeroDivisionError, "division by zero");
    if (llabs(a) < (1LL << 53) && llabs(b) < (1LL << 53)) return val_float((double)a / (double)b);
    return val_float((double)((long double)a / (long double)b));
  case BINOP_FLOORDIV:
    if (b == 0) return exc_set(vm, EXC_ZeroDivisionError, "integer division or modulo by zero");
    if (a == INT64_MIN && b == -1) return overflow(vm);
    return val_int(floordiv_i64(a, b));
  case BINOP_MOD:
    if (b == 0) return exc_set(vm, EXC_ZeroDivisionError, "integer modulo by zero");
    if (b == -1) return val_int(0);
    return val_int(mod_i64(a, b));
  case BINOP_POW: return int_pow(vm, a, b);
  case BINOP_LSHIFT:
    if (b < 0) return exc_set(vm, EXC_ValueError, "negative shift count");
    if (a == 0) return val_int(0);
    if (b >= 63) return overflow(vm);
    r = (int64_t)((uint64_t)a << b);
    if ((r >> b) != a) return overflow(vm);
    return val_int(r);
  case BINOP_RSHIFT:
    if (b < 0) return exc_set(vm, EXC_ValueError, "negative shift count");
    return val_int(b >= 63 ? (a < 0 ? -1 : 0) : a >> b);
  case BINOP_AND: return both_bool ? val_bool(a & b) : val_int(a & b);
  case BINOP_OR: return both_bool ? val_bool(a | b) : val_int(a | b);
  case BINOP_XOR: return both_bool ? val_bool(a ^ b) : val_int(a ^ b);
  default: return val_notimpl();
  }
}

/* ---- float arithmetic ---- */

static value float_pow(lang_vm *vm, double a, double b) {
  if (a == 0.0 && b < 0.0) return exc_set(vm, EXC_ZeroDivisionError, "0.0 cannot be raised to a negative power");
  if (a < 0.0 && b != floor(b) && isfinite(b))
    return exc_set(vm, EXC_ValueError, "complex numbers are not supported in ctorch (negative number to a fractional power)");
  errno = 0;
  double r = pow(a, b);
  if (isinf(r) && isfinite(a) && isfinite(b)) return exc_set(vm, EXC_OverflowError, "(34, 'Numerical result out of range')");
  return val_float(r);
}

static value float_binop(lang_vm *vm, double a, double b, int op) {
  switch (op) {
  case BINOP_ADD: return val_float(a + b);
  case BINOP_SUB: return val_float(a - b);
  case BINOP_MUL: return val_float(a * b);
  case BINOP_TRUEDIV:
    if (b == 0.0) return exc_set(vm, EXC_ZeroDivisionError, "float division by zero");
    return val_float(a / b);
  case BINOP_FLOORDIV: case BINOP_MOD: {
    if (b == 0.0)
      return exc_set(vm, EXC_ZeroDivisionError, op == BINOP_MOD ? "float modulo" : "float floor division by zero");
    double mod = fmod(a, b);
    double div = (a - mod) / b;
    if (mod) {
      if ((b < 0) != (mod < 0)) {
        mod += b;
        div -= 1.0;
      }
    } else {
      mod = copysign(0.0, b);
    }
    if (op == BINOP_MOD) return val_float(mod);
    double floordiv;
    if (div) {
      floordiv = floor(div);
      if (div - floordiv > 0.5) floordiv += 1.0;
    } else {
      floordiv = copysign(0.0, a / b);
    }
    return val_float(floordiv);
  }
  case BINOP_POW: return float_pow(vm, a, b);
  default: return val_notimpl();
  }
}

value num_binop(lang_vm *vm, value a, value b, int op) {
  if (a.tag != VAL_FLOAT && b.tag != VAL_FLOAT)
    return int_binop(vm, val_as_int(a), val_as_int(b), op, a.tag == VAL_BOOL && b.tag == VAL_BOOL);
  if (op >= BINOP_LSHIFT && op <= BINOP_AND) return val_notimpl();
  double x = a.tag == VAL_FLOAT ? a.u.f : (double)val_as_int(a);
  double y = b.tag == VAL_FLOAT ? b.u.f : (double)val_as_int(b);
  return float_binop(vm, x, y, op);
}

value num_unop(lang_vm *vm, value v, int op) {
  if (v.tag == VAL_FLOAT) {
    switch (op) {
    case UNOP_NEG: return val_float(-v.u.f);
    case UNOP_POS: return v;
    case UNOP_ABS: return val_float(fabs(v.u.f));
    default: return val_notimpl();
    }
  }
  int64_t i = val_as_int(v);
  switch (op) {
  case UNOP_NEG: if (i == INT64_MIN) return overflow(vm); return val_int(-i);
  case UNOP_POS: return val_int(i);
  case UNOP_ABS: if (i == INT64_MIN) return overflow(vm); return val_int(i < 0 ? -i : i);
  case UNOP_INVERT: return val_int(~i);
  default: return val_notimpl();
  }
}

/* Exact comparison of an int64 and a double (long double holds every int64 exactly on x86). */
static int cmp_int_double(int64_t i, double d) {
  long double li = (long double)i, ld = (long double)d;
  return li < ld ? -1 : li > ld ? 1 : 0;
}

bool num_compare(value a, value b, int op) {
  int c;
  if (a.tag != VAL_FLOAT && b.tag != VAL_FLOAT) {
    int64_t x = val_as_int(a), y = val_as_int(b);
    c = x < y ? -1 : x > y ? 1 : 0;
  } else if (a.tag == VAL_FLOAT && b.tag == VAL_FLOAT) {
    double x = a.u.f, y = b.u.f;
    if (isnan(x) || isnan(y)) return op == CMP_NE;
    c = x < y ? -1 : x > y ? 1 : 0;
  } else if (a.tag == VAL_FLOAT) {
    if (isnan(a.u.f)) return op == CMP_NE;
    c = -cmp_int_double(val_as_int(b), a.u.f);
  } else {
    if (isnan(b.u.f)) return op == CMP_NE;
    c = cmp_int_double(val_as_int(a), b.u.f);
  }
  switch (op) {
  case CMP_LT: return c < 0;
  case CMP_LE: return c <= 0;
  case CMP_EQ: return c == 0;
  case CMP_NE: return c != 0;
  case CMP_GT: return c > 0;
  default: return c >= 0;
  }
}

/* ---- reprs ---- */

void float_repr_buf(double v, char *buf, size_t n) { ten_format_double_repr(v, buf, n); }

static value none_repr(lang_vm *vm, value self) { return val_obj(str_from_cstr(vm, "None")); }
static value bool_repr(lang_vm *vm, value self) {
  return val_obj(str_from_cstr(vm, self.u.b ? "True" : "False"));
}
static value int_repr(lang_vm *vm, value self) {
  char buf[24], *p = buf + sizeof buf;
  int64_t v = val_as_int(self);
  uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do {
    *--p = (char)('0' + m % 10);
    m /= 10;
  } while (m);
  if (v < 0) *--p = '-';
  obj_str *s = str_new(vm, p, buf + sizeof buf - p);
  return s ? val_obj(s) : val_null();
}
static value float_repr(lang_vm *vm, value self) {
  char buf[40];
  float_repr_buf(self.u.f, buf, sizeof buf);
  return val_obj(str_from_cstr(vm, buf));
}

/* ---- constructors ---- */

static const char *skip_space(const char *s, const char *end) {
  while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v')) s++;
  return s;
}

value int_from_string(lang_vm *vm, const char *s0, int64_t len, int base) {
  const char *s = s0, *end = s0 + len;
  s = skip_space(s, end);
  while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r')) end--;
  bool neg = false;
  if (s < end && (*s == '+' || *s == '-')) neg = *s++ == '-';
  int b = base;
  if (b == 0 || b == 16 || b == 8 || b == 2) {
    if (end - s >= 2 && s[0] == '0') {
      char c = (char)(s[1] | 0x20);
      int pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
      if (pb && (b == 0 || b == pb)) {
        b = pb;
        s += 2;
        if (s < end && *s == '_') s++;
      }
    }
    if (b == 0) b = 10;
  }
  uint64_t acc = 0;
  bool any = false, bad = false, ovf = false, prev_us = false;
  bool leading_zero_only = true;
  for (const char *p = s; p < end; p++) {
    char c = *p;
    if (c == '_') {
      if (!any || prev_us) { bad = true; break; }
      prev_us = true;
      continue;
    }
    prev_us = false;
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') d = (c | 0x20) - 'a' + 10;
    else { bad = true; break; }
    if (d >= b) { bad = true; break; }
    if (d) leading_zero_only = false;
    any = true;
    if (acc > (UINT64_MAX - (uint64_t)d) / (uint64_t)b) ovf = true;
    else acc = acc * (uint64_t)b + (uint64_t)d;
  }
  if (prev_us) bad = true;
  if (base == 0 && b == 10 && any && !leading_zero_only && s < end && s[0] == '0') bad = true;
  if (bad || !any) {
    obj_str *tmp = str_new(vm, s0, len);
    if (!tmp) return val_null();
    obj_str *r = str_repr(vm, tmp);
    obj_decref(tmp);
    if (!r) return val_null();
    exc_set(vm, EXC_ValueError, "invalid literal for int() with base %d: %s", base, r->data);
    obj_decref(r);
    return val_null();
  }
  if (ovf || acc > (uint64_t)INT64_MAX + (neg ? 1 : 0)) return overflow(vm);
  return val_int(neg ? (int64_t)(0 - acc) : (int64_t)acc);
}

static value int_from_double(lang_vm *vm, double d) {
  if (isnan(d)) return exc_set(vm, EXC_ValueError, "cannot convert float NaN to integer");
  if (isinf(d)) return exc_set(vm, EXC_OverflowError, "cannot convert float infinity to integer");
  double t = trunc(d);
  if (t >= 9223372036854775808.0 || t < -9223372036854775808.0) return overflow(vm);
  return val_int((int64_t)t);
}

static value int_new(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  if (nargs == 1 && !kw) {   /* int(x) fast paths */
    value x = args[0];
    if (x.tag == VAL_INT) return x;
    if (x.tag == VAL_FLOAT) return int_from_double(vm, x.u.f);
    if (val_is_str(x)) return int_from_string(vm, VAL_STR(x)->data, VAL_STR(x)->len, 10);
  }
  value a[2];
  if (bi_parse(vm, "int", args, nargs, kw, "|x/base", a) < 0) return val_null();
  if (VAL_IS_NULL(a[0])) {
    if (!VAL_IS_NULL(a[1])) return exc_set(vm, EXC_TypeError, "int() missing string argument");
    return val_int(0);
  }
  value x = a[0];
  if (!VAL_IS_NULL(a[1])) {
    int64_t base;
    if (bi_to_int(vm, a[1], &base) < 0) return val_null();
    if (base != 0 && (base < 2 || base > 36)) return exc_set(vm, EXC_ValueError, "int() base must be >= 2 and <= 36, or 0");
    if (!val_is_str(x)) return exc_set(vm, EXC_TypeError, "int() can't convert non-string with explicit base");
    return int_from_string(vm, VAL_STR(x)->data, VAL_STR(x)->len, (int)base);
  }
  switch (x.tag) {
  case VAL_INT: return x;
  case VAL_BOOL: return val_int(x.u.b);
  case VAL_FLOAT: return int_from_double(vm, x.u.f);
  default: break;
  }
  if (val_is_str(x)) return int_from_string(vm, VAL_STR(x)->data, VAL_STR(x)->len, 10);
  if (x.tag == VAL_OBJ) {
    obj_str *names[3] = {vm->s.__int__, vm->s.__index__, str_intern(vm, "__trunc__")};
    for (int i = 0; i < 3; i++) {
      value m = type_lookup(x.u.o->type, names[i]);
      if (VAL_IS_NULL(m)) continue;
      value r = vm_call1(vm, m, x);
      if (VAL_IS_NULL(r)) return r;
      if (r.tag == VAL_FLOAT) return int_from_double(vm, r.u.f);
      if (!val_is_intlike(r)) {
        exc_set(vm, EXC_TypeError, "__int__ returned non-int (type %s)", val_type_name(r));
        val_decref(r);
        return val_null();
      }
      return val_int(val_as_int(r));
    }
  }
  return exc_set(vm, EXC_TypeError, "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                 val_type_name(x));
}

value float_from_string(lang_vm *vm, obj_str *str) {
  const char *s = str->data, *end = s + str->len;
  s = skip_space(s, end);
  while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r')) end--;
  char buf[512];
  size_t n = 0;
  bool ok = s < end && (size_t)(end - s) < sizeof buf - 1;
  bool prev_digit = false;
  for (const char *p = s; ok && p < end; p++) {
    if (*p == '_') {
      if (!prev_digit || p + 1 >= end || !(p[1] >= '0' && p[1] <= '9')) ok = false;
      continue;
    }
    prev_digit = *p >= '0' && *p <= '9';
    buf[n++] = *p;
  }
  buf[n] = '\0';
  if (ok) {
    const char *q = buf;
    if (*q == '+' || *q == '-') q++;
    /* strtod accepts hex floats and "infinity"/"nan(...)" forms Python does not: filter */
    if (q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) ok = false;
    if (strchr(q, '(')) ok = false;
  }
  if (ok) {
    char *e;
    double d = strtod(buf, &e);
    if (*e == '\0' && e != buf) return val_float(d);
  }
  obj_str *r = str_repr(vm, str);
  if (!r) return val_null();
  exc_set(vm, EXC_ValueError, "could not convert string to float: %s", r->data);
  obj_decref(r);
  return val_null();
}

static value float_new(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  if (bi_no_kwargs(vm, "float", kw) < 0 || bi_check_nargs(vm, "float", nargs, 0, 1) < 0) return val_null();
  if (nargs == 0) return val_float(0.0);
  value x = args[0];
  if (x.tag == VAL_FLOAT) return x;
  if (val_is_intlike(x)) return val_float((double)val_as_int(x));
  if (val_is_str(x)) return float_from_string(vm, VAL_STR(x));
  if (x.tag == VAL_OBJ &&
      (!VAL_IS_NULL(type_lookup(x.u.o->type, vm->s.__float__)) || !VAL_IS_NULL(type_lookup(x.u.o->type, vm->s.__index__)))) {
    double d;
    if (obj_as_double(vm, x, &d) < 0) return val_null();
    return val_float(d);
  }
  return exc_set(vm, EXC_TypeError, "float() argument must be a string or a real number, not '%s'", val_type_name(x));
}

static value bool_new(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  if (bi_no_kwargs(vm, "bool", kw) < 0 || bi_check_nargs(vm, "bool", nargs, 0, 1) < 0) return val_null();
  if (nargs == 0) return val_bool(false);
  int t = obj_truth(vm, args[0]);
  return t < 0 ? val_null() : val_bool(t);
}

static value none_new(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  if (nargs || (kw && kw->len)) return exc_set(vm, EXC_TypeError, "NoneType takes no arguments");
  return val_none();
}

/* ---- binop slots (reached only when one operand is not a plain number) ---- */

static value number_binop_slot(lang_vm *vm, value a, value b, int op, bool reflected) {
  if (op >= BINOP_INPLACE) return val_notimpl();
  if (val_is_number(a) && val_is_number(b)) return num_binop(vm, a, b, op);
  return val_notimpl();
}

static value number_unop_slot(lang_vm *vm, value v, int op) { return num_unop(vm, v, op); }

static value number_richcmp(lang_vm *vm, value a, value b, int op) {
  if (val_is_number(a) && val_is_number(b)) return val_bool(num_compare(a, b, op));
  return val_notimpl();
}

static int number_hash(lang_vm *vm, value v, int64_t *out) { return obj_hash(vm, v, out); }

/* ---- methods ---- */

static value int_bit_length(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  int64_t v = val_as_int(a[0]);
  uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  int bits = 0;
  while (m) {
    bits++;
    m >>= 1;
  }
  return val_int(bits);
}
static value int_conjugate(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_int(val_as_int(a[0])); }
static value int_index(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_int(val_as_int(a[0])); }
static value int_float(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_float((double)val_as_int(a[0])); }
static value int_is_integer(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_bool(true); }

static value float_is_integer(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  double d = a[0].u.f;
  return val_bool(isfinite(d) && d == floor(d));
}
static value float_int(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return int_from_double(vm, a[0].u.f); }
static value float_float(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return a[0]; }
static value float_conjugate(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return a[0]; }
static value float_as_integer_ratio(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  double d = a[0].u.f;
  if (isinf(d)) return exc_set(vm, EXC_OverflowError, "cannot convert Infinity to integer ratio");
  if (isnan(d)) return exc_set(vm, EXC_ValueError, "cannot convert NaN to integer ratio");
  int e;
  double m = frexp(d, &e);
  for (int i = 0; i < 300 && m != floor(m); i++) {
    m *= 2.0;
    e--;
  }
  if (fabs(m) >= 9.2e18 || e > 62 || e < -62) return overflow(vm);
  int64_t num = (int64_t)m, den = 1;
  if (e > 0) num <<= e;
  else den <<= -e;
  obj_tuple *t = tuple_new(vm, 2);
  if (!t) return val_null();
  t->items[0] = val_int(num);
  t->items[1] = val_int(den);
  return val_obj(t);
}

static value number_real(lang_vm *vm, value self) { return self.tag == VAL_BOOL ? val_int(self.u.b) : self; }
static value number_imag(lang_vm *vm, value self) { return self.tag == VAL_FLOAT ? val_float(0.0) : val_int(0); }
static value int_numerator(lang_vm *vm, value self) { return val_int(val_as_int(self)); }
static value int_denominator(lang_vm *vm, value self) { return val_int(1); }

static const bi_reg int_methods[] = {
  {"bit_length", int_bit_length, 1, 0, "Number of bits necessary to represent self in binary."},
  {"conjugate", int_conjugate, 1, 0, NULL},
  {"is_integer", int_is_integer, 1, 0, NULL},
  {"__index__", int_index, 1, 0, NULL},
  {"__int__", int_index, 1, 0, NULL},
  {"__float__", int_float, 1, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};
static const bi_getset int_getsets[] = {
  {"real", number_real, NULL, NULL},
  {"imag", number_imag, NULL, NULL},
  {"numerator", int_numerator, NULL, NULL},
  {"denominator", int_denominator, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};
static const bi_reg float_methods[] = {
  {"is_integer", float_is_integer, 1, 0, "Return True if the float is an integer."},
  {"as_integer_ratio", float_as_integer_ratio, 1, 0, NULL},
  {"conjugate", float_conjugate, 1, 0, NULL},
  {"__int__", float_int, 1, 0, NULL},
  {"__float__", float_float, 1, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};
static const bi_getset float_getsets[] = {
  {"real", number_real, NULL, NULL},
  {"imag", number_imag, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

/* ---- the types ---- */

obj_type type_none = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "NoneType", .repr = none_repr, .hash = number_hash,
  .new_ = none_new,
};
obj_type type_int = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "int", .tflags = TYPE_F_INT_SUB, .repr = int_repr,
  .hash = number_hash, .richcmp = number_richcmp, .binop = number_binop_slot, .unop = number_unop_slot,
  .new_ = int_new, .format = int_format,
};
obj_type type_bool = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "bool", .base = &type_int, .repr = bool_repr, .new_ = bool_new,
};
obj_type type_float = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "float", .repr = float_repr, .hash = number_hash,
  .richcmp = number_richcmp, .binop = number_binop_slot, .unop = number_unop_slot, .new_ = float_new,
  .format = float_format,
};

static value notimpl_repr(lang_vm *vm, value self) { return val_obj(str_from_cstr(vm, "NotImplemented")); }
static value ellipsis_repr(lang_vm *vm, value self) { return val_obj(str_from_cstr(vm, "Ellipsis")); }
obj_type type_notimpl = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "NotImplementedType", .repr = notimpl_repr, .hash = obj_hash_identity,
};
obj_type type_ellipsis = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "ellipsis", .repr = ellipsis_repr, .hash = obj_hash_identity,
};
obj obj_notimplemented = OBJ_STATIC_HEAD(&type_notimpl);
obj obj_ellipsis = OBJ_STATIC_HEAD(&type_ellipsis);

int number_init(lang_vm *vm) {
  if (type_ready(vm, &type_none) < 0 || type_ready(vm, &type_int) < 0 || type_ready(vm, &type_bool) < 0 ||
      type_ready(vm, &type_float) < 0 || type_ready(vm, &type_notimpl) < 0 || type_ready(vm, &type_ellipsis) < 0)
    return -1;
  if (type_add_methods(vm, &type_int, int_methods) < 0 || type_add_getsets(vm, &type_int, int_getsets) < 0 ||
      type_add_methods(vm, &type_float, float_methods) < 0 || type_add_getsets(vm, &type_float, float_getsets) < 0)
    return -1;
  return 0;
}
