/*
** kernel/lang/lib_math.c — the math module: libm functions with CPython's domain/range errors
** ("math domain error", "math range error"), integer functions (factorial, gcd, comb ...), fsum.
*/
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "kernel/lang/internal.h"

static value domain(lang_vm *vm) { return exc_set(vm, EXC_ValueError, "math domain error"); }
static value range_err(lang_vm *vm) { return exc_set(vm, EXC_OverflowError, "math range error"); }

/* Applies f with CPython's checks: a nan from non-nan input is a domain error, an inf from finite input a range
   error (can_overflow) or a domain error. */
static value unary(lang_vm *vm, value x, double (*f)(double), bool can_overflow) {
  double d;
  if (obj_as_double(vm, x, &d) < 0) return val_null();
  errno = 0;
  double r = f(d);
  if (isnan(r) && !isnan(d)) return domain(vm);
  if (isinf(r) && isfinite(d)) return can_overflow ? range_err(vm) : domain(vm);
  return val_float(r);
}

#define UNARY(name, fn, ovf) \
  static value m_##name(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return unary(vm, a[0], fn, ovf); }
UNARY(sqrt, sqrt, false)
UNARY(exp, exp, true)
UNARY(exp2, exp2, true)
UNARY(expm1, expm1, true)
UNARY(sin, sin, false)
UNARY(cos, cos, false)
UNARY(tan, tan, false)
UNARY(asin, asin, false)
UNARY(acos, acos, false)
UNARY(atan, atan, false)
UNARY(sinh, sinh, true)
UNARY(cosh, cosh, true)
UNARY(tanh, tanh, false)
UNARY(asinh, asinh, false)
UNARY(acosh, acosh, false)
UNARY(atanh, atanh, false)
UNARY(fabs, fabs, false)
UNARY(erf, erf, false)
UNARY(erfc, erfc, false)
UNARY(cbrt, cbrt, false)

static value log_of(lang_vm *vm, value x, double (*f)(double)) {
  double d;
  if (val_is_intlike(x)) {
    int64_t i = val_as_int(x);
    if (i <= 0) return domain(vm);
    d = (double)i;
  } else if (obj_as_double(vm, x, &d) < 0) return val_null();
  if (d <= 0 || isnan(d)) {
    if (isnan(d)) return val_float(d);
    return domain(vm);
  }
  return val_float(f(d));
}

static value m_log(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "log", nargs, 1, 2) < 0) return val_null();
  value r = log_of(vm, args[0], log);
  if (nargs == 1 || VAL_IS_NULL(r)) return r;
  value b = log_of(vm, args[1], log);
  if (VAL_IS_NULL(b)) return b;
  if (b.u.f == 0.0) return exc_set(vm, EXC_ZeroDivisionError, "float division by zero");
  return val_float(r.u.f / b.u.f);
}
static value m_log2(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return log_of(vm, a[0], log2); }
static value m_log10(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return log_of(vm, a[0], log10); }
static value m_log1p(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  double d;
  if (obj_as_double(vm, a[0], &d) < 0) return val_null();
  if (d <= -1.0) return domain(vm);
  return val_float(log1p(d));
}

static value to_int_checked(lang_vm *vm, double r) {
  if (isnan(r)) return exc_set(vm, EXC_ValueError, "cannot convert float NaN to integer");
  if (isinf(r)) return exc_set(vm, EXC_OverflowError, "cannot convert float infinity to integer");
  if (r >= 9223372036854775808.0 || r < -9223372036854775808.0)
    return exc_set(vm, EXC_OverflowError, "integer overflow: ctorch ints are 64-bit (|n| < 2**63)");
  return val_int((int64_t)r);
}

static value rounding(lang_vm *vm, value x, double (*f)(double), const char *dunder) {
  if (val_is_intlike(x)) return val_int(val_as_int(x));
  if (x.tag == VAL_OBJ) {
    value m = type_lookup(x.u.o->type, str_intern(vm, dunder));
    if (!VAL_IS_NULL(m)) return vm_call1(vm, m, x);
  }
  double d;
  if (obj_as_double(vm, x, &d) < 0) return val_null();
  return to_int_checked(vm, f(d));
}
static value m_floor(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return rounding(vm, a[0], floor, "__floor__"); }
static value m_ceil(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return rounding(vm, a[0], ceil, "__ceil__"); }
static value m_trunc(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return rounding(vm, a[0], trunc, "__trunc__"); }

static int two(lang_vm *vm, const value *args, double *x, double *y) {
  if (obj_as_double(vm, args[0], x) < 0 || obj_as_double(vm, args[1], y) < 0) return -1;
  return 0;
}

static value m_pow(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double x, y;
  if (two(vm, args, &x, &y) < 0) return val_null();
  if (x == 0.0 && y < 0.0) return domain(vm);
  if (x < 0.0 && isfinite(x) && isfinite(y) && y != floor(y)) return domain(vm);
  double r = pow(x, y);
  if (isinf(r) && isfinite(x) && isfinite(y)) return range_err(vm);
  return val_float(r);
}
static value m_atan2(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double x, y;
  if (two(vm, args, &x, &y) < 0) return val_null();
  return val_float(atan2(x, y));
}
static value m_fmod(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double x, y;
  if (two(vm, args, &x, &y) < 0) return val_null();
  if (y == 0.0 && !isnan(x)) return domain(vm);
  if (isinf(x) && !isnan(y)) return domain(vm);
  return val_float(fmod(x, y));
}
static value m_remainder(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double x, y;
  if (two(vm, args, &x, &y) < 0) return val_null();
  if ((y == 0.0 || isinf(x)) && !isnan(x) && !isnan(y)) return domain(vm);
  return val_float(remainder(x, y));
}
static value m_copysign(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double x, y;
  if (two(vm, args, &x, &y) < 0) return val_null();
  return val_float(copysign(x, y));
}
static value m_ldexp(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double x;
  int64_t e;
  if (obj_as_double(vm, args[0], &x) < 0 || bi_to_int(vm, args[1], &e) < 0) return val_null();
  if (e > 100000) e = 100000;
  if (e < -100000) e = -100000;
  double r = ldexp(x, (int)e);
  if (isinf(r) && isfinite(x)) return range_err(vm);
  return val_float(r);
}
static value m_hypot(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double acc = 0.0, maxv = 0.0;
  double *v = malloc(sizeof(double) * (size_t)(nargs ? nargs : 1));
  if (!v) return exc_nomem(vm);
  bool inf = false, nan = false;
  for (int i = 0; i < nargs; i++) {
    if (obj_as_double(vm, args[i], &v[i]) < 0) {
      free(v);
      return val_null();
    }
    v[i] = fabs(v[i]);
    if (isinf(v[i])) inf = true;
    if (isnan(v[i])) nan = true;
    if (v[i] > maxv) maxv = v[i];
  }
  double r;
  if (inf) r = INFINITY;
  else if (nan) r = NAN;
  else if (nargs == 2) r = hypot(v[0], v[1]);
  else if (maxv == 0.0) r = 0.0;
  else {
    for (int i = 0; i < nargs; i++) acc += (v[i] / maxv) * (v[i] / maxv);
    r = maxv * sqrt(acc);
  }
  free(v);
  return val_float(r);
}
static value m_degrees(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double x;
  if (obj_as_double(vm, args[0], &x) < 0) return val_null();
  return val_float(x * (180.0 / M_PI));
}
static value m_radians(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double x;
  if (obj_as_double(vm, args[0], &x) < 0) return val_null();
  return val_float(x * (M_PI / 180.0));
}
static value m_isnan(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  double x;
  if (obj_as_double(vm, a[0], &x) < 0) return val_null();
  return val_bool(isnan(x));
}
static value m_isinf(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  double x;
  if (obj_as_double(vm, a[0], &x) < 0) return val_null();
  return val_bool(isinf(x));
}
static value m_isfinite(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  double x;
  if (obj_as_double(vm, a[0], &x) < 0) return val_null();
  return val_bool(isfinite(x));
}
static value m_isclose(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[4];
  if (bi_parse(vm, "isclose", args, nargs, kw, "a,b,$rel_tol,abs_tol", a) < 0) return val_null();
  double x, y, rel = 1e-9, abs_ = 0.0;
  if (obj_as_double(vm, a[0], &x) < 0 || obj_as_double(vm, a[1], &y) < 0) return val_null();
  if (!VAL_IS_NULL(a[2]) && obj_as_double(vm, a[2], &rel) < 0) return val_null();
  if (!VAL_IS_NULL(a[3]) && obj_as_double(vm, a[3], &abs_) < 0) return val_null();
  if (rel < 0.0 || abs_ < 0.0) return exc_set(vm, EXC_ValueError, "tolerances must be non-negative");
  if (x == y) return val_bool(true);
  if (isinf(x) || isinf(y)) return val_bool(false);
  double diff = fabs(y - x);
  return val_bool((diff <= fabs(rel * y)) || (diff <= fabs(rel * x)) || (diff <= abs_));
}
static value m_modf(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double x, ip;
  if (obj_as_double(vm, args[0], &x) < 0) return val_null();
  double fp = modf(x, &ip);
  obj_tuple *t = tuple_new(vm, 2);
  if (!t) return val_null();
  t->items[0] = val_float(fp);
  t->items[1] = val_float(ip);
  return val_obj(t);
}
static value m_frexp(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double x;
  int e = 0;
  if (obj_as_double(vm, args[0], &x) < 0) return val_null();
  double m = isfinite(x) ? frexp(x, &e) : x;
  obj_tuple *t = tuple_new(vm, 2);
  if (!t) return val_null();
  t->items[0] = val_float(m);
  t->items[1] = val_int(e);
  return val_obj(t);
}
static value m_gamma(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double x;
  if (obj_as_double(vm, args[0], &x) < 0) return val_null();
  if ((x <= 0 && x == floor(x)) || x == -INFINITY) return domain(vm);
  double r = tgamma(x);
  if (isinf(r) && isfinite(x)) return range_err(vm);
  return val_float(r);
}
static value m_lgamma(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double x;
  if (obj_as_double(vm, args[0], &x) < 0) return val_null();
  if (x <= 0 && x == floor(x)) return domain(vm);
  return val_float(lgamma(x));
}

static int int_arg(lang_vm *vm, value v, const char *fn, int64_t *out) {
  if (v.tag == VAL_FLOAT) return exc_seti(vm, EXC_TypeError, "'float' object cannot be interpreted as an integer");
  return obj_as_index(vm, v, out);
}

static value m_factorial(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t n;
  if (int_arg(vm, args[0], "factorial", &n) < 0) return val_null();
  if (n < 0) return exc_set(vm, EXC_ValueError, "factorial() not defined for negative values");
  int64_t r = 1;
  for (int64_t i = 2; i <= n; i++)
    if (__builtin_mul_overflow(r, i, &r))
      return exc_set(vm, EXC_OverflowError, "integer overflow: ctorch ints are 64-bit (|n| < 2**63)");
  return val_int(r);
}
static int64_t gcd2(int64_t a, int64_t b) {
  a = a < 0 ? -a : a;
  b = b < 0 ? -b : b;
  while (b) {
    int64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}
static value m_gcd(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t g = 0;
  for (int i = 0; i < nargs; i++) {
    int64_t x;
    if (int_arg(vm, args[i], "gcd", &x) < 0) return val_null();
    g = gcd2(g, x);
  }
  return val_int(g);
}
static value m_lcm(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t l = 1;
  for (int i = 0; i < nargs; i++) {
    int64_t x;
    if (int_arg(vm, args[i], "lcm", &x) < 0) return val_null();
    if (x == 0) return val_int(0);
    int64_t g = gcd2(l, x), r;
    if (__builtin_mul_overflow(l / g, x < 0 ? -x : x, &r))
      return exc_set(vm, EXC_OverflowError, "integer overflow: ctorch ints are 64-bit (|n| < 2**63)");
    l = r;
  }
  return val_int(nargs ? l : 1);
}
static value comb_perm(lang_vm *vm, const value *args, int nargs, bool comb) {
  const char *fn = comb ? "comb" : "perm";
  int64_t n, k;
  if (bi_check_nargs(vm, fn, nargs, comb ? 2 : 1, 2) < 0 || int_arg(vm, args[0], fn, &n) < 0) return val_null();
  k = n;
  if (nargs > 1 && args[1].tag != VAL_NONE && int_arg(vm, args[1], fn, &k) < 0) return val_null();
  if (n < 0) return exc_set(vm, EXC_ValueError, "n must be a non-negative integer");
  if (k < 0) return exc_set(vm, EXC_ValueError, "k must be a non-negative integer");
  if (k > n) return val_int(0);
  if (comb && k > n - k) k = n - k;
  __int128 r = 1;
  for (int64_t i = 0; i < k; i++) {
    r = comb ? r * (n - i) / (i + 1) : r * (n - i);
    if (r > INT64_MAX) return exc_set(vm, EXC_OverflowError, "integer overflow: ctorch ints are 64-bit (|n| < 2**63)");
  }
  return val_int((int64_t)r);
}
static value m_comb(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return comb_perm(vm, a, n, true); }
static value m_perm(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return comb_perm(vm, a, n, false); }

static value m_prod(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "prod", args, nargs, kw, "iterable|$start", a) < 0) return val_null();
  value acc = VAL_IS_NULL(a[1]) ? val_int(1) : val_incref(a[1]);
  value it = obj_iter(vm, a[0]);
  if (VAL_IS_NULL(it)) {
    val_decref(acc);
    return it;
  }
  for (;;) {
    value x = obj_next(vm, it);
    if (x.tag == VAL_STOP) break;
    if (VAL_IS_NULL(x)) {
      val_decref(acc);
      val_decref(it);
      return x;
    }
    value r = obj_binop(vm, acc, x, BINOP_MUL);
    val_decref(acc);
    val_decref(x);
    if (VAL_IS_NULL(r)) {
      val_decref(it);
      return r;
    }
    acc = r;
  }
  val_decref(it);
  return acc;
}

/* fsum: Shewchuk's exact partial sums, as CPython's math.fsum. */
static value m_fsum(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_list *l = obj_to_list(vm, args[0]);
  if (!l) return val_null();
  double *p = malloc(sizeof(double) * (size_t)(l->len + 1));
  if (!p) {
    obj_decref(l);
    return exc_nomem(vm);
  }
  int64_t np = 0;
  double special = 0.0, inf_sum = 0.0;
  bool have_special = false;
  for (int64_t i = 0; i < l->len; i++) {
    double x;
    if (obj_as_double(vm, l->items[i], &x) < 0) {
      free(p);
      obj_decref(l);
      return val_null();
    }
    if (!isfinite(x)) {
      if (isinf(x)) inf_sum += x;
      special += x;
      have_special = true;
      continue;
    }
    int64_t k = 0;
    for (int64_t j = 0; j < np; j++) {
      double y = p[j];
      if (fabs(x) < fabs(y)) {
        double t = x;
        x = y;
        y = t;
      }
      double hi = x + y, lo = y - (hi - x);
      if (lo != 0.0) p[k++] = lo;
      x = hi;
    }
    np = k;
    p[np++] = x;
  }
  obj_decref(l);
  if (have_special) {
    free(p);
    if (isnan(inf_sum)) return exc_set(vm, EXC_ValueError, "-inf + inf in fsum");
    return val_float(special);
  }
  double hi = 0.0;
  if (np > 0) {
    hi = p[--np];
    double lo = 0.0;
    while (np > 0) {
      double x = hi, y = p[--np];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0.0) break;
    }
    if (np > 0 && ((lo < 0.0 && p[np - 1] < 0.0) || (lo > 0.0 && p[np - 1] > 0.0))) {
      double y = lo * 2.0, x = hi + y, yr = x - hi;
      if (y == yr) hi = x;
    }
  }
  free(p);
  return val_float(hi);
}

static value m_dist(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_list *a = obj_to_list(vm, args[0]), *b = a ? obj_to_list(vm, args[1]) : NULL;
  if (!a || !b) {
    obj_xdecref(a);
    return val_null();
  }
  if (a->len != b->len) {
    obj_decref(a);
    obj_decref(b);
    return exc_set(vm, EXC_ValueError, "both points must have the same number of dimensions");
  }
  double acc = 0.0;
  for (int64_t i = 0; i < a->len; i++) {
    double x, y;
    if (obj_as_double(vm, a->items[i], &x) < 0 || obj_as_double(vm, b->items[i], &y) < 0) {
      obj_decref(a);
      obj_decref(b);
      return val_null();
    }
    acc += (x - y) * (x - y);
  }
  obj_decref(a);
  obj_decref(b);
  return val_float(sqrt(acc));
}

static value m_isqrt(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t n;
  if (int_arg(vm, args[0], "isqrt", &n) < 0) return val_null();
  if (n < 0) return exc_set(vm, EXC_ValueError, "isqrt() argument must be nonnegative");
  int64_t r = (int64_t)sqrtl((long double)n);
  while (r * r > n) r--;
  while ((r + 1) * (r + 1) <= n) r++;
  return val_int(r);
}

static const bi_reg math_funcs[] = {
  {"sqrt", m_sqrt, 1, 0, "Return the square root of x."},
  {"isqrt", m_isqrt, 1, 0, "Return the integer part of the square root of the input."},
  {"exp", m_exp, 1, 0, "Return e raised to the power of x."},
  {"exp2", m_exp2, 1, 0, "Return 2 raised to the power of x."},
  {"expm1", m_expm1, 1, 0, "Return exp(x)-1."},
  {"log", m_log, BI_VARARGS, 0, "log(x, [base=math.e])\nReturn the logarithm of x to the given base."},
  {"log2", m_log2, 1, 0, "Return the base 2 logarithm of x."},
  {"log10", m_log10, 1, 0, "Return the base 10 logarithm of x."},
  {"log1p", m_log1p, 1, 0, "Return the natural logarithm of 1+x (base e)."},
  {"pow", m_pow, 2, 0, "Return x**y (x to the power of y)."},
  {"sin", m_sin, 1, 0, "Return the sine of x (measured in radians)."},
  {"cos", m_cos, 1, 0, "Return the cosine of x (measured in radians)."},
  {"tan", m_tan, 1, 0, "Return the tangent of x (measured in radians)."},
  {"asin", m_asin, 1, 0, NULL}, {"acos", m_acos, 1, 0, NULL}, {"atan", m_atan, 1, 0, NULL},
  {"atan2", m_atan2, 2, 0, "Return the arc tangent (measured in radians) of y/x."},
  {"sinh", m_sinh, 1, 0, NULL}, {"cosh", m_cosh, 1, 0, NULL}, {"tanh", m_tanh, 1, 0, NULL},
  {"asinh", m_asinh, 1, 0, NULL}, {"acosh", m_acosh, 1, 0, NULL}, {"atanh", m_atanh, 1, 0, NULL},
  {"fabs", m_fabs, 1, 0, "Return the absolute value of the float x."},
  {"erf", m_erf, 1, 0, NULL}, {"erfc", m_erfc, 1, 0, NULL}, {"cbrt", m_cbrt, 1, 0, NULL},
  {"gamma", m_gamma, 1, 0, NULL}, {"lgamma", m_lgamma, 1, 0, NULL},
  {"floor", m_floor, 1, 0, "Return the floor of x as an Integral."},
  {"ceil", m_ceil, 1, 0, "Return the ceiling of x as an Integral."},
  {"trunc", m_trunc, 1, 0, "Truncates the Real x to the nearest Integral toward 0."},
  {"fmod", m_fmod, 2, 0, NULL}, {"remainder", m_remainder, 2, 0, NULL}, {"copysign", m_copysign, 2, 0, NULL},
  {"ldexp", m_ldexp, 2, 0, NULL}, {"hypot", m_hypot, BI_VARARGS, 0, NULL},
  {"degrees", m_degrees, 1, 0, "Convert angle x from radians to degrees."},
  {"radians", m_radians, 1, 0, "Convert angle x from degrees to radians."},
  {"isnan", m_isnan, 1, 0, NULL}, {"isinf", m_isinf, 1, 0, NULL}, {"isfinite", m_isfinite, 1, 0, NULL},
  {"isclose", m_isclose, BI_VARARGS, BI_F_KW, "Determine whether two floating point numbers are close in value."},
  {"modf", m_modf, 1, 0, NULL}, {"frexp", m_frexp, 1, 0, NULL},
  {"factorial", m_factorial, 1, 0, "Find x!."}, {"gcd", m_gcd, BI_VARARGS, 0, NULL}, {"lcm", m_lcm, BI_VARARGS, 0, NULL},
  {"comb", m_comb, BI_VARARGS, 0, NULL}, {"perm", m_perm, BI_VARARGS, 0, NULL},
  {"prod", m_prod, BI_VARARGS, BI_F_KW, NULL}, {"fsum", m_fsum, 1, 0, NULL}, {"dist", m_dist, 2, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};

int lib_math_init(lang_vm *vm, obj_dict *d) {
  if (module_add_funcs(vm, d, math_funcs) < 0) return -1;
  if (dict_set_cstr(vm, d, "pi", val_float(M_PI)) < 0 || dict_set_cstr(vm, d, "e", val_float(M_E)) < 0 ||
      dict_set_cstr(vm, d, "tau", val_float(2 * M_PI)) < 0 || dict_set_cstr(vm, d, "inf", val_float(INFINITY)) < 0 ||
      dict_set_cstr(vm, d, "nan", val_float(NAN)) < 0)
    return -1;
  return 0;
}
