/*
** kernel/lang/torch_ops.c — the tensor operations as seen from the language: each op is one C function
** taking the input tensor as args[0], so the same entry serves torch.op(input, ...) and input.op(...).
** The tables at the end register them in the torch module and in the Tensor type.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "autograd/autograd.h"
#include "kernel/lang/torch_bind.h"


#define SELF_TENSOR(fn)                                                     \
  ten_tensor *self = nargs > 0 ? arg_tensor(vm, args[0], fn, "input", 1) : NULL; \
  if (!self) {                                                              \
    if (nargs == 0) return exc_set(vm, EXC_TypeError, "%s() missing 1 required positional arguments: \"input\"", fn); \
    return val_null();                                                      \
  }

static value wrap(lang_vm *vm, ten_tensor *t) { return tensor_wrap(vm, t); }

/* Writes r into out= (resized) and returns out. Consumes r. */
static value to_out(lang_vm *vm, value out, ten_tensor *r) {
  if (!r) return exc_from_ten(vm);
  if (VAL_IS_NULL(out) || out.tag == VAL_NONE) return wrap(vm, r);
  if (!val_is_tensor(out)) {
    ten_release(r);
    return exc_set(vm, EXC_TypeError, "argument 'out' must be Tensor, not %s", val_type_name(out));
  }
  ten_tensor *o = VAL_TENSOR(out);
  int rc = 0;
  bool same_shape = o->ndim == r->ndim;
  for (int i = 0; same_shape && i < r->ndim; i++) same_shape = o->shape[i] == r->shape[i];
  if (!same_shape) {
    /* resize out: a fresh contiguous storage of the result's shape */
    ten_tensor *fresh = ten_empty(r->shape, r->ndim, o->dtype, ten_device_of(o));
    if (!fresh) rc = -1;
    else {
      ten_storage_release(o->storage);
      o->storage = fresh->storage;
      ten_storage_retain(o->storage);
      o->offset = 0;
      o->ndim = r->ndim;
      memcpy(o->shape, fresh->shape, sizeof o->shape);
      memcpy(o->stride, fresh->stride, sizeof o->stride);
      ten_release(fresh);
    }
  }
  if (rc == 0) rc = ag_copy_(o, r);
  ten_release(r);
  if (rc < 0) return exc_from_ten(vm);
  return val_incref(out);
}

/* ---- unary ops: op(input), input.op(), input.op_() ---- */

static value unary_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, ten_unop op, bool inplace,
                        const char *fn) {
  SELF_TENSOR(fn);
  if (inplace) {
    if (ag_unary_(op, self) < 0) return exc_from_ten(vm);
    return val_incref(args[0]);
  }
  value out = kw_get(args, nargs, kw, "out");
  if (!VAL_IS_NULL(out)) return to_out(vm, out, ag_unary(op, self));
  return wrap(vm, ag_unary(op, self));
}

#define TEN_UNOP_X(NAME, str, result)                                                                \
  static value u_##NAME(lang_vm *vm, const value *a, int n, obj_tuple *kw) {                         \
    return unary_impl(vm, a, n, kw, TEN_UNOP_##NAME, false, str);                                    \
  }                                                                                                  \
  static value ui_##NAME(lang_vm *vm, const value *a, int n, obj_tuple *kw) {                        \
    return unary_impl(vm, a, n, kw, TEN_UNOP_##NAME, true, str "_");                                 \
  }
#include "tensor/ops.def"

/* ---- binary ops ---- */

static value binary_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, ten_binop op, bool inplace,
                         const char *fn) {
  SELF_TENSOR(fn);
  value other = nargs > 1 ? args[1] : kw_get(args, nargs, kw, "other");
  if (VAL_IS_NULL(other)) return exc_set(vm, EXC_TypeError, "%s() missing 1 required positional arguments: \"other\"", fn);
  ten_scalar alpha = ten_scalar_int(1);
  value av = kw_get(args, nargs, kw, "alpha");
  if (!VAL_IS_NULL(av) && arg_scalar(vm, av, &alpha) < 0) return val_null();
  if (op == TEN_BINOP_DIV) {
    value rm = kw_get(args, nargs, kw, "rounding_mode");
    if (!VAL_IS_NULL(rm) && rm.tag != VAL_NONE) {
      if (val_is_str(rm) && str_eq_cstr(VAL_STR(rm), "trunc")) op = TEN_BINOP_DIV_TRUNC;
      else if (val_is_str(rm) && str_eq_cstr(VAL_STR(rm), "floor")) op = TEN_BINOP_DIV_FLOOR;
      else
        return exc_set(vm, EXC_RuntimeError,
                       "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '%s'",
                       val_is_str(rm) ? VAL_STR(rm)->data : "?");
    }
  }
  ten_tensor *y = arg_operand(vm, other);
  if (!y)
    return exc_set(vm, EXC_TypeError, "%s(): argument 'other' (position 2) must be Tensor, not %s", fn, val_type_name(other));
  value r;
  if (inplace) {
    int rc = ag_binary_(op, self, y, alpha);
    r = rc < 0 ? exc_from_ten(vm) : val_incref(args[0]);
  } else if (op == TEN_BINOP_POW && !val_is_tensor(other)) {
    ten_scalar s;
    arg_scalar(vm, other, &s);
    r = to_out(vm, kw_get(args, nargs, kw, "out"), ag_pow_scalar(self, s));
  } else {
    r = to_out(vm, kw_get(args, nargs, kw, "out"), ag_binary(op, self, y, alpha));
  }
  ten_release(y);
  return r;
}

#define TEN_BINOP_X(NAME, str, result)                                                               \
  static value b_##NAME(lang_vm *vm, const value *a, int n, obj_tuple *kw) {                         \
    return binary_impl(vm, a, n, kw, TEN_BINOP_##NAME, false, str);                                  \
  }                                                                                                  \
  static value bi_##NAME(lang_vm *vm, const value *a, int n, obj_tuple *kw) {                        \
    return binary_impl(vm, a, n, kw, TEN_BINOP_##NAME, true, str "_");                               \
  }
#include "tensor/ops.def"

/* torch.pow(self, exponent) also takes a number as the base: torch.pow(2, t). */
static value f_pow(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs >= 2 && val_is_number(args[0]) && val_is_tensor(args[1])) {
    ten_scalar s;
    arg_scalar(vm, args[0], &s);
    return wrap(vm, ag_rpow_scalar(s, VAL_TENSOR(args[1])));
  }
  return b_POW(vm, args, nargs, kw);
}

/* ---- creation ---- */

typedef struct create_opts {
  ten_dtype dt;
  ten_device dev;
  bool requires_grad;
  value out, generator;
} create_opts;

static const char *const create_kw[] = {"dtype", "device", "requires_grad", "layout", "pin_memory", "out", "generator",
                                        "memory_format", "size", "steps", "start", "end", "step", "fill_value", "low",
                                        "high", "mean", "std", "n", "m", "data", "p", NULL};

static int parse_create(lang_vm *vm, const char *fn, const value *args, int nargs, obj_tuple *kw, create_opts *o) {
  o->dt = TEN_DTYPE_UNSET;
  o->dev = TEN_CPU;
  o->requires_grad = false;
  o->out = kw_get(args, nargs, kw, "out");
  o->generator = kw_get(args, nargs, kw, "generator");
  if (kw_check(vm, fn, kw, create_kw) < 0) return -1;
  if (arg_dtype(vm, kw_get(args, nargs, kw, "dtype"), &o->dt) < 0) return -1;
  if (arg_device(vm, kw_get(args, nargs, kw, "device"), &o->dev) < 0) return -1;
  if (check_device_available(vm, o->dev) < 0) return -1;
  value rg = kw_get(args, nargs, kw, "requires_grad");
  if (!VAL_IS_NULL(rg) && arg_bool(vm, rg, &o->requires_grad) < 0) return -1;
  return 0;
}

/* Applies device/requires_grad/out to a fresh tensor. */
static value finish_create(lang_vm *vm, ten_tensor *t, create_opts *o) {
  if (!t) return exc_from_ten(vm);
  if (o->dev.type != TEN_DEV_CPU) {
    ten_tensor *m = ag_to_device(t, o->dev, false);
    ten_release(t);
    if (!m) return exc_from_ten(vm);
    t = m;
  }
  if (o->requires_grad) {
    if (!ten_dtype_is_float(t->dtype)) {
      ten_release(t);
      return exc_set(vm, EXC_RuntimeError, "Only Tensors of floating point and complex dtype can require gradients");
    }
    t->requires_grad = true;
  }
  if (!VAL_IS_NULL(o->out) && o->out.tag != VAL_NONE) return to_out(vm, o->out, t);
  return wrap(vm, t);
}

static value f_tensor(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  create_opts o;
  if (parse_create(vm, "tensor", args, nargs, kw, &o) < 0) return val_null();
  if (nargs != 1) return exc_set(vm, EXC_TypeError, "tensor() takes 1 positional argument but %d were given", nargs);
  ten_tensor *t;
  if (val_is_tensor(args[0])) t = ag_to_dtype(VAL_TENSOR(args[0]), o.dt == TEN_DTYPE_UNSET ? VAL_TENSOR(args[0])->dtype : o.dt, true);
  else t = tensor_from_data(vm, args[0], o.dt);
  if (!t) return exc_pending(vm) ? val_null() : exc_from_ten(vm);
  return finish_create(vm, t, &o);
}

static value f_as_tensor(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  create_opts o;
  if (parse_create(vm, "as_tensor", args, nargs, kw, &o) < 0) return val_null();
  if (nargs < 1) return exc_set(vm, EXC_TypeError, "as_tensor() missing required argument 'data'");
  if (val_is_tensor(args[0])) {
    ten_tensor *t = VAL_TENSOR(args[0]);
    if (o.dt == TEN_DTYPE_UNSET || o.dt == t->dtype) return val_incref(args[0]);
    return wrap(vm, ag_to_dtype(t, o.dt, false));
  }
  ten_tensor *t = tensor_from_data(vm, args[0], o.dt);
  if (!t) return val_null();
  return finish_create(vm, t, &o);
}

typedef ten_tensor *(*fill_fn)(const int64_t *shape, int ndim, ten_dtype dt, ten_device dev);

static value create_shaped(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, const char *fn, fill_fn f) {
  create_opts o;
  if (parse_create(vm, fn, args, nargs, kw, &o) < 0) return val_null();
  int64_t shape[TEN_MAX_DIMS];
  value sz = kw_get(args, nargs, kw, "size");
  int nd = !VAL_IS_NULL(sz) ? arg_shape_value(vm, sz, shape, fn) : arg_shape(vm, args, nargs, shape, fn);
  if (nd < 0) return val_null();
  for (int i = 0; i < nd; i++)
    if (shape[i] < 0)
      return exc_set(vm, EXC_RuntimeError, "Trying to create tensor with negative dimension %lld: [%lld]",
                     (long long)shape[i], (long long)shape[i]);
  return finish_create(vm, f(shape, nd, o.dt, TEN_CPU), &o);
}

static value f_zeros(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return create_shaped(vm, a, n, kw, "zeros", ten_zeros); }
static value f_ones(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return create_shaped(vm, a, n, kw, "ones", ten_ones); }
static value f_empty(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return create_shaped(vm, a, n, kw, "empty", ten_zeros); }

static ten_tensor *rand_fill(const int64_t *shape, int nd, ten_dtype dt, ten_device dev) { return NULL; }

static value create_random(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, const char *fn, bool normal) {
  create_opts o;
  if (parse_create(vm, fn, args, nargs, kw, &o) < 0) return val_null();
  ten_generator *g = arg_generator(vm, o.generator);
  if (!g) return val_null();
  int64_t shape[TEN_MAX_DIMS];
  value sz = kw_get(args, nargs, kw, "size");
  int nd = !VAL_IS_NULL(sz) ? arg_shape_value(vm, sz, shape, fn) : arg_shape(vm, args, nargs, shape, fn);
  if (nd < 0) return val_null();
  if (o.dt != TEN_DTYPE_UNSET && !ten_dtype_is_float(o.dt))
    return exc_set(vm, EXC_RuntimeError, "\"%s\" not implemented for '%s'", normal ? "normal_kernel_cpu" : "check_uniform_bounds",
                   ten_dtype_scalar_name(o.dt));
  (void)rand_fill;
  return finish_create(vm, normal ? ten_randn(shape, nd, o.dt, g) : ten_rand(shape, nd, o.dt, g), &o);
}
static value f_rand(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return create_random(vm, a, n, kw, "rand", false); }
static value f_randn(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return create_random(vm, a, n, kw, "randn", true); }

static value f_full(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  create_opts o;
  if (parse_create(vm, "full", args, nargs, kw, &o) < 0) return val_null();
  value sz = nargs > 0 ? args[0] : kw_get(args, nargs, kw, "size");
  value fv = nargs > 1 ? args[1] : kw_get(args, nargs, kw, "fill_value");
  if (VAL_IS_NULL(sz) || VAL_IS_NULL(fv)) return exc_set(vm, EXC_TypeError, "full() missing required arguments");
  int64_t shape[TEN_MAX_DIMS];
  int nd = arg_shape_value(vm, sz, shape, "full");
  if (nd < 0) return val_null();
  ten_scalar s;
  if (arg_scalar(vm, fv, &s) < 0) return val_null();
  return finish_create(vm, ten_full(shape, nd, s, o.dt, TEN_CPU), &o);
}

static value f_eye(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  create_opts o;
  if (parse_create(vm, "eye", args, nargs, kw, &o) < 0) return val_null();
  if (nargs < 1) return exc_set(vm, EXC_TypeError, "eye() missing required argument 'n'");
  int64_t n, m = -1;
  if (arg_int(vm, args[0], &n) < 0) return val_null();
  if (nargs > 1 && arg_int(vm, args[1], &m) < 0) return val_null();
  return finish_create(vm, ten_eye(n, m, o.dt, TEN_CPU), &o);
}

static value f_arange(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  create_opts o;
  if (parse_create(vm, "arange", args, nargs, kw, &o) < 0) return val_null();
  value sv = kw_get(args, nargs, kw, "start"), ev = kw_get(args, nargs, kw, "end"), st = kw_get(args, nargs, kw, "step");
  ten_scalar start = ten_scalar_int(0), end, step = ten_scalar_int(1);
  if (nargs == 0 && VAL_IS_NULL(ev)) return exc_set(vm, EXC_TypeError, "arange() missing required argument 'end'");
  if (nargs == 1) {
    if (arg_scalar(vm, args[0], &end) < 0) return val_null();
  } else if (nargs >= 2) {
    if (arg_scalar(vm, args[0], &start) < 0 || arg_scalar(vm, args[1], &end) < 0) return val_null();
    if (nargs >= 3 && arg_scalar(vm, args[2], &step) < 0) return val_null();
  }
  if (!VAL_IS_NULL(sv) && arg_scalar(vm, sv, &start) < 0) return val_null();
  if (!VAL_IS_NULL(ev) && arg_scalar(vm, ev, &end) < 0) return val_null();
  if (!VAL_IS_NULL(st) && arg_scalar(vm, st, &step) < 0) return val_null();
  return finish_create(vm, ten_arange(start, end, step, o.dt, TEN_CPU), &o);
}

static value f_linspace(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  create_opts o;
  if (parse_create(vm, "linspace", args, nargs, kw, &o) < 0) return val_null();
  value sv = nargs > 0 ? args[0] : kw_get(args, nargs, kw, "start");
  value ev = nargs > 1 ? args[1] : kw_get(args, nargs, kw, "end");
  value nv = nargs > 2 ? args[2] : kw_get(args, nargs, kw, "steps");
  if (VAL_IS_NULL(sv) || VAL_IS_NULL(ev) || VAL_IS_NULL(nv))
    return exc_set(vm, EXC_TypeError, "linspace() missing required argument 'steps' (pos 3)");
  double a, b;
  int64_t steps;
  if (arg_double(vm, sv, &a) < 0 || arg_double(vm, ev, &b) < 0 || arg_int(vm, nv, &steps) < 0) return val_null();
  return finish_create(vm, ten_linspace(a, b, steps, o.dt, TEN_CPU), &o);
}

static value f_randint(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  create_opts o;
  if (parse_create(vm, "randint", args, nargs, kw, &o) < 0) return val_null();
  ten_generator *g = arg_generator(vm, o.generator);
  if (!g) return val_null();
  /* randint(high, size) / randint(low, high, size), each also by keyword */
  value lo_v = kw_get(args, nargs, kw, "low"), hi_v = kw_get(args, nargs, kw, "high");
  value sz = kw_get(args, nargs, kw, "size");
  if (nargs == 3) {
    lo_v = args[0];
    hi_v = args[1];
    sz = args[2];
  } else if (nargs == 2 && VAL_IS_NULL(sz)) {
    hi_v = args[0];
    sz = args[1];
  } else if (nargs == 2) {
    lo_v = args[0];
    hi_v = args[1];
  } else if (nargs == 1) {
    if (VAL_IS_NULL(hi_v)) hi_v = args[0];
    else lo_v = args[0];
  }
  if (VAL_IS_NULL(hi_v) || VAL_IS_NULL(sz))
    return exc_set(vm, EXC_TypeError, "randint() received an invalid combination of arguments");
  int64_t lo = 0, hi;
  if ((!VAL_IS_NULL(lo_v) && arg_int(vm, lo_v, &lo) < 0) || arg_int(vm, hi_v, &hi) < 0) return val_null();
  int64_t shape[TEN_MAX_DIMS];
  int nd = arg_shape_value(vm, sz, shape, "randint");
  if (nd < 0) return val_null();
  return finish_create(vm, ten_randint(lo, hi, shape, nd, o.dt == TEN_DTYPE_UNSET ? TEN_DTYPE_I64 : o.dt, g), &o);
}

static value f_randperm(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  create_opts o;
  if (parse_create(vm, "randperm", args, nargs, kw, &o) < 0) return val_null();
  ten_generator *g = arg_generator(vm, o.generator);
  if (!g) return val_null();
  int64_t n;
  if (nargs < 1 || arg_int(vm, args[0], &n) < 0) return exc_pending(vm) ? val_null() : exc_set(vm, EXC_TypeError, "randperm() missing required argument 'n'");
  return finish_create(vm, ten_randperm(n, o.dt == TEN_DTYPE_UNSET ? TEN_DTYPE_I64 : o.dt, g), &o);
}

static value f_normal(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  create_opts o;
  if (parse_create(vm, "normal", args, nargs, kw, &o) < 0) return val_null();
  ten_generator *g = arg_generator(vm, o.generator);
  if (!g) return val_null();
  value mv = nargs > 0 ? args[0] : kw_get(args, nargs, kw, "mean");
  value sv = nargs > 1 ? args[1] : kw_get(args, nargs, kw, "std");
  value szv = nargs > 2 ? args[2] : kw_get(args, nargs, kw, "size");
  double mean = 0.0, std = 1.0;
  if (!VAL_IS_NULL(mv) && val_is_tensor(mv)) {
    /* normal(mean_tensor, std): elementwise */
    ten_tensor *m = VAL_TENSOR(mv);
    ten_tensor *r = ten_empty(m->shape, m->ndim, m->dtype, TEN_CPU);
    if (!r || ten_normal_(r, 0.0, 1.0, g) < 0) {
      ten_release(r);
      return exc_from_ten(vm);
    }
    ten_tensor *sd = VAL_IS_NULL(sv) ? ten_wrap_scalar(ten_scalar_float(1.0)) : arg_operand(vm, sv);
    if (!sd) {
      ten_release(r);
      return exc_set(vm, EXC_TypeError, "normal(): std must be a number or a Tensor");
    }
    ten_tensor *sc = ag_mul(r, sd);
    ten_release(r);
    ten_release(sd);
    ten_tensor *res = sc ? ag_add(sc, m) : NULL;
    ten_release(sc);
    return finish_create(vm, res, &o);
  }
  if (!VAL_IS_NULL(mv) && arg_double(vm, mv, &mean) < 0) return val_null();
  if (!VAL_IS_NULL(sv) && arg_double(vm, sv, &std) < 0) return val_null();
  if (VAL_IS_NULL(szv)) return exc_set(vm, EXC_TypeError, "normal() received an invalid combination of arguments - got (float, float)");
  int64_t shape[TEN_MAX_DIMS];
  int nd = arg_shape_value(vm, szv, shape, "normal");
  if (nd < 0) return val_null();
  if (std < 0) return exc_set(vm, EXC_RuntimeError, "normal expects std >= 0.0, but found std %g", std);
  ten_tensor *t = ten_empty(shape, nd, o.dt == TEN_DTYPE_UNSET ? ten_default_dtype() : o.dt, TEN_CPU);
  if (!t || ten_normal_(t, mean, std, g) < 0) {
    ten_release(t);
    return exc_from_ten(vm);
  }
  return finish_create(vm, t, &o);
}

static value f_bernoulli(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("bernoulli");
  ten_generator *g = arg_generator(vm, kw_get(args, nargs, kw, "generator"));
  if (!g) return val_null();
  value p = nargs > 1 ? args[1] : kw_get(args, nargs, kw, "p");
  if (!VAL_IS_NULL(p)) {
    double pv;
    if (arg_double(vm, p, &pv) < 0) return val_null();
    ten_tensor *r = ten_empty_like(self);
    if (!r || ten_bernoulli_scalar_(r, pv, g) < 0) {
      ten_release(r);
      return exc_from_ten(vm);
    }
    return wrap(vm, r);
  }
  return wrap(vm, ten_bernoulli(self, g));
}

/* *_like: shape (and dtype unless given) of the input */
typedef enum like_kind { LIKE_ZEROS, LIKE_ONES, LIKE_EMPTY, LIKE_RAND, LIKE_RANDN, LIKE_FULL, LIKE_RANDINT } like_kind;

static value like_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, like_kind k, const char *fn) {
  SELF_TENSOR(fn);
  create_opts o;
  if (parse_create(vm, fn, args, nargs, kw, &o) < 0) return val_null();
  ten_dtype dt = o.dt == TEN_DTYPE_UNSET ? self->dtype : o.dt;
  ten_generator *g = arg_generator(vm, o.generator);
  if (!g) return val_null();
  ten_tensor *r = NULL;
  switch (k) {
  case LIKE_ZEROS: case LIKE_EMPTY: r = ten_zeros(self->shape, self->ndim, dt, TEN_CPU); break;
  case LIKE_ONES: r = ten_ones(self->shape, self->ndim, dt, TEN_CPU); break;
  case LIKE_RAND: r = ten_rand(self->shape, self->ndim, dt, g); break;
  case LIKE_RANDN: r = ten_randn(self->shape, self->ndim, dt, g); break;
  case LIKE_FULL: {
    ten_scalar s;
    if (nargs < 2) return exc_set(vm, EXC_TypeError, "full_like() missing required argument 'fill_value'");
    if (arg_scalar(vm, args[1], &s) < 0) return val_null();
    r = ten_full(self->shape, self->ndim, s, dt, TEN_CPU);
    break;
  }
  case LIKE_RANDINT: {
    int64_t lo = 0, hi;
    if (nargs == 2) {
      if (arg_int(vm, args[1], &hi) < 0) return val_null();
    } else if (nargs == 3) {
      if (arg_int(vm, args[1], &lo) < 0 || arg_int(vm, args[2], &hi) < 0) return val_null();
    } else {
      return exc_set(vm, EXC_TypeError, "randint_like() missing required argument 'high'");
    }
    r = ten_randint(lo, hi, self->shape, self->ndim, dt, g);
    break;
  }
  }
  return finish_create(vm, r, &o);
}
static value f_zeros_like(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return like_impl(vm, a, n, kw, LIKE_ZEROS, "zeros_like"); }
static value f_ones_like(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return like_impl(vm, a, n, kw, LIKE_ONES, "ones_like"); }
static value f_empty_like(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return like_impl(vm, a, n, kw, LIKE_EMPTY, "empty_like"); }
static value f_rand_like(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return like_impl(vm, a, n, kw, LIKE_RAND, "rand_like"); }
static value f_randn_like(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return like_impl(vm, a, n, kw, LIKE_RANDN, "randn_like"); }
static value f_full_like(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return like_impl(vm, a, n, kw, LIKE_FULL, "full_like"); }
static value f_randint_like(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return like_impl(vm, a, n, kw, LIKE_RANDINT, "randint_like"); }

/* new_ones(size) etc.: dtype/device of self unless given */
static value new_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, like_kind k, const char *fn) {
  ten_tensor *self = VAL_TENSOR(args[0]);
  create_opts o;
  if (parse_create(vm, fn, args, nargs, kw, &o) < 0) return val_null();
  ten_dtype dt = o.dt == TEN_DTYPE_UNSET ? self->dtype : o.dt;
  int64_t shape[TEN_MAX_DIMS];
  int nd;
  ten_scalar s = ten_scalar_int(0);
  if (k == LIKE_FULL) {
    if (nargs < 3) return exc_set(vm, EXC_TypeError, "new_full() missing required arguments");
    nd = arg_shape_value(vm, args[1], shape, fn);
    if (nd < 0 || arg_scalar(vm, args[2], &s) < 0) return val_null();
  } else {
    value sz = kw_get(args, nargs, kw, "size");
    nd = !VAL_IS_NULL(sz) ? arg_shape_value(vm, sz, shape, fn) : arg_shape(vm, args + 1, nargs - 1, shape, fn);
    if (nd < 0) return val_null();
  }
  ten_tensor *r = k == LIKE_ONES ? ten_ones(shape, nd, dt, TEN_CPU) : k == LIKE_FULL ? ten_full(shape, nd, s, dt, TEN_CPU)
                                                                    : ten_zeros(shape, nd, dt, TEN_CPU);
  return finish_create(vm, r, &o);
}
static value m_new_ones(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return new_impl(vm, a, n, kw, LIKE_ONES, "new_ones"); }
static value m_new_zeros(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return new_impl(vm, a, n, kw, LIKE_ZEROS, "new_zeros"); }
static value m_new_empty(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return new_impl(vm, a, n, kw, LIKE_EMPTY, "new_empty"); }
static value m_new_full(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return new_impl(vm, a, n, kw, LIKE_FULL, "new_full"); }
static value m_new_tensor(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *self = VAL_TENSOR(args[0]);
  create_opts o;
  if (parse_create(vm, "new_tensor", args, nargs, kw, &o) < 0) return val_null();
  if (nargs < 2) return exc_set(vm, EXC_TypeError, "new_tensor() missing required argument 'data'");
  ten_tensor *t = val_is_tensor(args[1]) ? ag_clone(VAL_TENSOR(args[1])) : tensor_from_data(vm, args[1], o.dt == TEN_DTYPE_UNSET ? self->dtype : o.dt);
  if (!t) return exc_pending(vm) ? val_null() : exc_from_ten(vm);
  if (o.dt != TEN_DTYPE_UNSET && t->dtype != o.dt) {
    ten_tensor *c = ag_to_dtype(t, o.dt, false);
    ten_release(t);
    t = c;
  }
  return finish_create(vm, t, &o);
}

/* ---- in-place fills and random ---- */

static value m_fill_(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_scalar s;
  if (nargs < 2) return exc_set(vm, EXC_TypeError, "fill_() missing required argument 'value'");
  if (arg_scalar(vm, args[1], &s) < 0) return val_null();
  if (ag_fill_(VAL_TENSOR(args[0]), s) < 0) return exc_from_ten(vm);
  return val_incref(args[0]);
}
static value m_zero_(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (ag_zero_(VAL_TENSOR(args[0])) < 0) return exc_from_ten(vm);
  return val_incref(args[0]);
}
static value m_copy_(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs < 2) return exc_set(vm, EXC_TypeError, "copy_() missing required argument 'src'");
  ten_tensor *src = arg_operand(vm, args[1]);
  if (!src) return exc_set(vm, EXC_TypeError, "copy_(): argument 'src' (position 1) must be Tensor, not %s", val_type_name(args[1]));
  int rc = ag_copy_(VAL_TENSOR(args[0]), src);
  ten_release(src);
  if (rc < 0) return exc_from_ten(vm);
  return val_incref(args[0]);
}
static value m_uniform_(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "uniform_", args + 1, nargs - 1, kw, "|from,to,$generator", a) < 0) return val_null();
  double lo = 0.0, hi = 1.0;
  if (!VAL_IS_NULL(a[0]) && arg_double(vm, a[0], &lo) < 0) return val_null();
  if (!VAL_IS_NULL(a[1]) && arg_double(vm, a[1], &hi) < 0) return val_null();
  ten_generator *g = arg_generator(vm, a[2]);
  if (!g) return val_null();
  if (ten_uniform_(VAL_TENSOR(args[0]), lo, hi, g) < 0) return exc_from_ten(vm);
  return val_incref(args[0]);
}
static value m_normal_(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "normal_", args + 1, nargs - 1, kw, "|mean,std,$generator", a) < 0) return val_null();
  double mean = 0.0, std = 1.0;
  if (!VAL_IS_NULL(a[0]) && arg_double(vm, a[0], &mean) < 0) return val_null();
  if (!VAL_IS_NULL(a[1]) && arg_double(vm, a[1], &std) < 0) return val_null();
  ten_generator *g = arg_generator(vm, a[2]);
  if (!g) return val_null();
  if (ten_normal_(VAL_TENSOR(args[0]), mean, std, g) < 0) return exc_from_ten(vm);
  return val_incref(args[0]);
}
static value m_bernoulli_(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "bernoulli_", args + 1, nargs - 1, kw, "|p,$generator", a) < 0) return val_null();
  ten_generator *g = arg_generator(vm, a[1]);
  if (!g) return val_null();
  int rc;
  if (!VAL_IS_NULL(a[0]) && val_is_tensor(a[0])) rc = ten_bernoulli_tensor_(VAL_TENSOR(args[0]), VAL_TENSOR(a[0]), g);
  else {
    double p = 0.5;
    if (!VAL_IS_NULL(a[0]) && arg_double(vm, a[0], &p) < 0) return val_null();
    rc = ten_bernoulli_scalar_(VAL_TENSOR(args[0]), p, g);
  }
  if (rc < 0) return exc_from_ten(vm);
  return val_incref(args[0]);
}
static value m_random_(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "random_", args + 1, nargs - 1, kw, "|from,to,$generator", a) < 0) return val_null();
  ten_generator *g = arg_generator(vm, a[2]);
  if (!g) return val_null();
  int64_t lo = 0, hi = INT64_MAX;
  if (VAL_IS_NULL(a[0]) && VAL_IS_NULL(a[1])) {
    if (ten_random_(VAL_TENSOR(args[0]), g) < 0) return exc_from_ten(vm);
    return val_incref(args[0]);
  }
  if (!VAL_IS_NULL(a[0]) && VAL_IS_NULL(a[1])) {
    if (arg_int(vm, a[0], &hi) < 0) return val_null();
  } else {
    if (!VAL_IS_NULL(a[0]) && arg_int(vm, a[0], &lo) < 0) return val_null();
    if (!VAL_IS_NULL(a[1]) && arg_int(vm, a[1], &hi) < 0) return val_null();
  }
  if (ten_random_range_(VAL_TENSOR(args[0]), lo, hi, g) < 0) return exc_from_ten(vm);
  return val_incref(args[0]);
}

/* ---- conversions ---- */

static value m_item(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_scalar s;
  if (ten_item(VAL_TENSOR(args[0]), &s) < 0) return exc_from_ten(vm);
  switch (s.kind) {
  case TEN_SCALAR_BOOL: return val_bool(s.v.b);
  case TEN_SCALAR_INT: return val_int(s.v.i);
  default: return val_float(s.v.f);
  }
}

static value tolist_rec(lang_vm *vm, ten_tensor *t, int dim, int64_t offset) {
  if (dim == t->ndim) {
    void *p = (char *)ten_data_ptr(t) + 0;
    (void)p;
    ten_tensor *one = ten_from_storage(t->storage, t->dtype, offset, NULL, NULL, 0);
    if (!one) return exc_from_ten(vm);
    ten_scalar s;
    int rc = ten_item(one, &s);
    ten_release(one);
    if (rc < 0) return exc_from_ten(vm);
    return s.kind == TEN_SCALAR_BOOL ? val_bool(s.v.b) : s.kind == TEN_SCALAR_INT ? val_int(s.v.i) : val_float(s.v.f);
  }
  obj_list *l = list_new(vm, t->shape[dim]);
  if (!l) return val_null();
  for (int64_t i = 0; i < t->shape[dim]; i++) {
    value v = tolist_rec(vm, t, dim + 1, offset + i * t->stride[dim]);
    if (VAL_IS_NULL(v)) {
      obj_decref(l);
      return v;
    }
    l->items[l->len++] = v;
  }
  return val_obj(l);
}
static value m_tolist(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = VAL_TENSOR(args[0]);
  ten_tensor *c = ag_to_device(t, TEN_CPU, false);
  if (!c) return exc_from_ten(vm);
  value r = tolist_rec(vm, c, 0, c->offset);
  ten_release(c);
  return r;
}

static value cast(lang_vm *vm, value self, ten_dtype dt) {
  ten_tensor *t = VAL_TENSOR(self);
  if (t->dtype == dt) return val_incref(self);
  return wrap(vm, ag_to_dtype(t, dt, false));
}
static value m_float(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return cast(vm, a[0], TEN_DTYPE_F32); }
static value m_double(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return cast(vm, a[0], TEN_DTYPE_F64); }
static value m_long(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return cast(vm, a[0], TEN_DTYPE_I64); }
static value m_int(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return cast(vm, a[0], TEN_DTYPE_I32); }
static value m_bool(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return cast(vm, a[0], TEN_DTYPE_BOOL); }
static value m_byte(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return cast(vm, a[0], TEN_DTYPE_U8); }
static value m_half(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  return exc_set(vm, EXC_TypeError, "float16 (half) tensors are not supported by ctorch");
}

static value move_device(lang_vm *vm, value self, ten_device dev, ten_dtype dt, bool copy) {
  if (check_device_available(vm, dev) < 0) return val_null();
  ten_tensor *t = VAL_TENSOR(self);
  ten_tensor *r = t;
  ten_retain(r);
  if (dt != TEN_DTYPE_UNSET && dt != t->dtype) {
    ten_tensor *c = ag_to_dtype(r, dt, false);
    ten_release(r);
    if (!c) return exc_from_ten(vm);
    r = c;
    copy = false;
  }
  ten_device cur = ten_device_of(r);
  if (cur.type != dev.type || (dev.index >= 0 && cur.index != dev.index) || copy) {
    ten_tensor *c = ag_to_device(r, dev, copy);
    ten_release(r);
    if (!c) return exc_from_ten(vm);
    r = c;
  }
  if (r == t) {
    ten_release(r);
    return val_incref(self);
  }
  return wrap(vm, r);
}

static value m_to(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = VAL_TENSOR(args[0]);
  ten_device dev = ten_device_of(t);
  ten_dtype dt = TEN_DTYPE_UNSET;
  bool copy = false;
  for (int i = 1; i < nargs; i++) {
    value v = args[i];
    if (val_type(v) == &type_dtype) dt = ((obj_dtype *)v.u.o)->dt;
    else if (val_is_tensor(v)) {
      dt = VAL_TENSOR(v)->dtype;
      dev = ten_device_of(VAL_TENSOR(v));
    } else if (val_is_str(v) || val_type(v) == &type_device || val_is_intlike(v)) {
      if (arg_device(vm, v, &dev) < 0) return val_null();
    } else if (v.tag == VAL_BOOL) {
      /* non_blocking positional */
    } else {
      return exc_set(vm, EXC_TypeError, "to() received an invalid combination of arguments - got (%s)", val_type_name(v));
    }
  }
  value kd = kw_get(args, nargs, kw, "dtype"), kv = kw_get(args, nargs, kw, "device"), kc = kw_get(args, nargs, kw, "copy");
  if (arg_dtype(vm, kd, &dt) < 0 || arg_device(vm, kv, &dev) < 0) return val_null();
  if (!VAL_IS_NULL(kc) && arg_bool(vm, kc, &copy) < 0) return val_null();
  return move_device(vm, args[0], dev, dt, copy);
}
static value m_cpu(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return move_device(vm, args[0], TEN_CPU, TEN_DTYPE_UNSET, false);
}
static value m_cuda(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_device d = {TEN_DEV_CUDA, -1};
  if (nargs > 1 && args[1].tag != VAL_NONE && arg_device(vm, args[1], &d) < 0) return val_null();
  value kd = kw_get(args, nargs, kw, "device");
  if (!VAL_IS_NULL(kd) && kd.tag != VAL_NONE && arg_device(vm, kd, &d) < 0) return val_null();
  if (d.type == TEN_DEV_CPU) d.type = TEN_DEV_CUDA;
  return move_device(vm, args[0], d, TEN_DTYPE_UNSET, false);
}

static const struct { const char *name; ten_dtype dt; } tensor_type_names[] = {
  {"torch.FloatTensor", TEN_DTYPE_F32}, {"torch.DoubleTensor", TEN_DTYPE_F64}, {"torch.LongTensor", TEN_DTYPE_I64},
  {"torch.IntTensor", TEN_DTYPE_I32}, {"torch.ByteTensor", TEN_DTYPE_U8}, {"torch.BoolTensor", TEN_DTYPE_BOOL},
};

static value m_type(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = VAL_TENSOR(args[0]);
  value d = nargs > 1 ? args[1] : kw_get(args, nargs, kw, "dtype");
  if (VAL_IS_NULL(d) || d.tag == VAL_NONE) {
    bool cuda = ten_device_of(t).type == TEN_DEV_CUDA;
    return val_obj(str_printf(vm, "torch.%s%s", cuda ? "cuda." : "", ten_dtype_tensor_type(t->dtype)));
  }
  if (val_is_str(d)) {
    for (size_t i = 0; i < sizeof tensor_type_names / sizeof tensor_type_names[0]; i++)
      if (str_eq_cstr(VAL_STR(d), tensor_type_names[i].name)) return cast(vm, args[0], tensor_type_names[i].dt);
    return exc_set(vm, EXC_ValueError, "invalid type: '%s'", VAL_STR(d)->data);
  }
  if (val_is_type(d)) {
    value dt = obj_getattr_cstr(vm, d, "dtype");
    if (VAL_IS_NULL(dt)) return dt;
    ten_dtype x = TEN_DTYPE_UNSET;
    int rc = arg_dtype(vm, dt, &x);
    val_decref(dt);
    if (rc < 0) return val_null();
    return cast(vm, args[0], x);
  }
  ten_dtype x = t->dtype;
  if (arg_dtype(vm, d, &x) < 0) return val_null();
  return cast(vm, args[0], x);
}

static value m_type_as(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *o = nargs > 1 ? arg_tensor(vm, args[1], "type_as", "other", 1) : NULL;
  if (!o) return exc_pending(vm) ? val_null() : exc_set(vm, EXC_TypeError, "type_as() missing required argument 'other'");
  return cast(vm, args[0], o->dtype);
}

/* ---- shape queries ---- */

static value m_size(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = VAL_TENSOR(args[0]);
  value d = nargs > 1 ? args[1] : kw_get(args, nargs, kw, "dim");
  if (VAL_IS_NULL(d) || d.tag == VAL_NONE) return size_value(vm, t->shape, t->ndim);
  int64_t dim;
  int wd;
  if (arg_int(vm, d, &dim) < 0) return val_null();
  if (ten_wrap_dim(dim, t->ndim, &wd) < 0) return exc_from_ten(vm);
  if (t->ndim == 0) return exc_set(vm, EXC_IndexError, "dimension specified as %lld but tensor has no dimensions", (long long)dim);
  return val_int(t->shape[wd]);
}
static value m_stride(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = VAL_TENSOR(args[0]);
  if (nargs > 1 && args[1].tag != VAL_NONE) {
    int64_t dim;
    int wd;
    if (arg_int(vm, args[1], &dim) < 0) return val_null();
    if (ten_wrap_dim(dim, t->ndim, &wd) < 0) return exc_from_ten(vm);
    return val_int(t->stride[wd]);
  }
  obj_tuple *tu = tuple_new(vm, t->ndim);
  if (!tu) return val_null();
  for (int i = 0; i < t->ndim; i++) tu->items[i] = val_int(t->stride[i]);
  return val_obj(tu);
}
static value m_dim(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_int(VAL_TENSOR(a[0])->ndim); }
static value m_numel(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("numel");
  return val_int(ten_numel(self));
}
static value m_storage_offset(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_int(VAL_TENSOR(a[0])->offset); }
static value m_data_ptr(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  return val_int((int64_t)(intptr_t)ten_data_ptr(VAL_TENSOR(a[0])));
}
static value m_element_size(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  return val_int((int64_t)ten_dtype_size(VAL_TENSOR(a[0])->dtype));
}
static value m_is_contiguous(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_bool(ten_is_contiguous(VAL_TENSOR(a[0]))); }
static value m_is_floating_point(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("is_floating_point");
  return val_bool(ten_dtype_is_float(self->dtype));
}
static value m_clone(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("clone");
  return wrap(vm, ag_clone(self));
}
static value m_contiguous(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = VAL_TENSOR(args[0]);
  if (ten_is_contiguous(t)) return val_incref(args[0]);
  return wrap(vm, ag_contiguous(t));
}

/* ---- views ---- */

static int shape_args(lang_vm *vm, const value *args, int nargs, int64_t *shape, const char *fn) {
  return arg_shape(vm, args + 1, nargs - 1, shape, fn);
}

static value m_view(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs == 2 && val_type(args[1]) == &type_dtype)
    return exc_set(vm, EXC_RuntimeError, "view(dtype) is not supported by ctorch");
  int64_t shape[TEN_MAX_DIMS];
  int nd = shape_args(vm, args, nargs, shape, "view");
  if (nd < 0) return val_null();
  return wrap(vm, ag_view(VAL_TENSOR(args[0]), shape, nd));
}
static value m_view_as(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *o = nargs > 1 ? arg_tensor(vm, args[1], "view_as", "other", 1) : NULL;
  if (!o) return exc_pending(vm) ? val_null() : exc_set(vm, EXC_TypeError, "view_as() missing required argument 'other'");
  return wrap(vm, ag_view(VAL_TENSOR(args[0]), o->shape, o->ndim));
}
static value m_reshape(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("reshape");
  int64_t shape[TEN_MAX_DIMS];
  value sv = kw_get(args, nargs, kw, "shape");
  int nd = !VAL_IS_NULL(sv) ? arg_shape_value(vm, sv, shape, "reshape") : shape_args(vm, args, nargs, shape, "reshape");
  if (nd < 0) return val_null();
  return wrap(vm, ag_reshape(self, shape, nd));
}
static value m_reshape_as(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *o = nargs > 1 ? arg_tensor(vm, args[1], "reshape_as", "other", 1) : NULL;
  if (!o) return exc_pending(vm) ? val_null() : exc_set(vm, EXC_TypeError, "reshape_as() missing required argument 'other'");
  return wrap(vm, ag_reshape(VAL_TENSOR(args[0]), o->shape, o->ndim));
}
static value m_flatten(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("flatten");
  value a[2];
  if (bi_parse(vm, "flatten", args + 1, nargs - 1, kw, "|start_dim,end_dim", a) < 0) return val_null();
  int64_t s = 0, e = -1;
  if (!VAL_IS_NULL(a[0]) && arg_int(vm, a[0], &s) < 0) return val_null();
  if (!VAL_IS_NULL(a[1]) && arg_int(vm, a[1], &e) < 0) return val_null();
  return wrap(vm, ag_flatten(self, s, e));
}
static value m_unflatten(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("unflatten");
  int64_t dim, sizes[TEN_MAX_DIMS];
  if (nargs < 3) return exc_set(vm, EXC_TypeError, "unflatten() missing required arguments 'dim' and 'sizes'");
  if (arg_int(vm, args[1], &dim) < 0) return val_null();
  int n = arg_shape_value(vm, args[2], sizes, "unflatten");
  if (n < 0) return val_null();
  return wrap(vm, ag_unflatten(self, dim, sizes, n));
}
static value m_t(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("t");
  return wrap(vm, ag_t(self));
}
static value m_transpose(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("transpose");
  value a[2];
  if (bi_parse(vm, "transpose", args + 1, nargs - 1, kw, "dim0,dim1", a) < 0) return val_null();
  int64_t d0, d1;
  if (arg_int(vm, a[0], &d0) < 0 || arg_int(vm, a[1], &d1) < 0) return val_null();
  return wrap(vm, ag_transpose(self, d0, d1));
}
static value m_permute(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("permute");
  int64_t dims[TEN_MAX_DIMS];
  value dv = kw_get(args, nargs, kw, "dims");
  int n = !VAL_IS_NULL(dv) ? arg_dims(vm, dv, dims, "permute") : (nargs == 2 ? arg_dims(vm, args[1], dims, "permute")
                                                                             : arg_shape(vm, args + 1, nargs - 1, dims, "permute"));
  if (n < 0) return val_null();
  return wrap(vm, ag_permute(self, dims, n));
}
static value m_squeeze(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("squeeze");
  value d = nargs > 1 ? args[1] : kw_get(args, nargs, kw, "dim");
  if (VAL_IS_NULL(d) || d.tag == VAL_NONE) return wrap(vm, ag_squeeze(self));
  int64_t dim;
  if (arg_int(vm, d, &dim) < 0) return val_null();
  return wrap(vm, ag_squeeze_dim(self, dim));
}
static value m_unsqueeze(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("unsqueeze");
  value d = nargs > 1 ? args[1] : kw_get(args, nargs, kw, "dim");
  int64_t dim;
  if (VAL_IS_NULL(d)) return exc_set(vm, EXC_TypeError, "unsqueeze() missing 1 required positional arguments: \"dim\"");
  if (arg_int(vm, d, &dim) < 0) return val_null();
  return wrap(vm, ag_unsqueeze(self, dim));
}
static value m_expand(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t shape[TEN_MAX_DIMS];
  int nd = shape_args(vm, args, nargs, shape, "expand");
  if (nd < 0) return val_null();
  return wrap(vm, ag_expand(VAL_TENSOR(args[0]), shape, nd));
}
static value m_expand_as(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *o = nargs > 1 ? arg_tensor(vm, args[1], "expand_as", "other", 1) : NULL;
  if (!o) return exc_pending(vm) ? val_null() : exc_set(vm, EXC_TypeError, "expand_as() missing required argument 'other'");
  return wrap(vm, ag_expand_as(VAL_TENSOR(args[0]), o));
}
static value m_narrow(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("narrow");
  int64_t d, s, l;
  if (nargs < 4) return exc_set(vm, EXC_TypeError, "narrow() missing required arguments");
  if (arg_int(vm, args[1], &d) < 0 || arg_int(vm, args[2], &s) < 0 || arg_int(vm, args[3], &l) < 0) return val_null();
  return wrap(vm, ag_narrow(self, d, s, l));
}
static value m_select(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("select");
  int64_t d, i;
  if (nargs < 3) return exc_set(vm, EXC_TypeError, "select() missing required arguments");
  if (arg_int(vm, args[1], &d) < 0 || arg_int(vm, args[2], &i) < 0) return val_null();
  return wrap(vm, ag_select(self, d, i));
}

static value tensor_list_value(lang_vm *vm, ten_tensor **list, int n) {
  obj_tuple *t = tuple_new(vm, n);
  if (!t) {
    ten_list_free(list, n);
    return val_null();
  }
  for (int i = 0; i < n; i++) {
    t->items[i] = tensor_wrap(vm, list[i]);
    list[i] = NULL;
    if (VAL_IS_NULL(t->items[i])) {
      t->items[i] = val_none();
      ten_list_free(list, n);
      obj_decref(t);
      return val_null();
    }
  }
  ten_list_free(list, n);
  return val_obj(t);
}

static value m_split(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("split");
  value a[2];
  if (bi_parse(vm, "split", args + 1, nargs - 1, kw, "split_size_or_sections,dim", a) < 0) {
    if (nargs < 2) return val_null();
    exc_clear(vm);
    a[0] = args[1];
    a[1] = nargs > 2 ? args[2] : val_null();
  }
  int64_t dim = 0;
  if (!VAL_IS_NULL(a[1]) && arg_int(vm, a[1], &dim) < 0) return val_null();
  ten_tensor **out = NULL;
  int n = 0, rc;
  if (val_is_list(a[0]) || val_is_tuple(a[0])) {
    int64_t sizes[256];
    obj_list *l = obj_to_list(vm, a[0]);
    if (!l) return val_null();
    int ns = (int)(l->len < 256 ? l->len : 256);
    for (int i = 0; i < ns; i++) sizes[i] = val_as_int(l->items[i]);
    obj_decref(l);
    rc = ag_split_sizes(self, sizes, ns, dim, &out, &n);
  } else {
    int64_t sz;
    if (arg_int(vm, a[0], &sz) < 0) return val_null();
    rc = ag_split(self, sz, dim, &out, &n);
  }
  if (rc < 0) return exc_from_ten(vm);
  return tensor_list_value(vm, out, n);
}
static value m_chunk(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("chunk");
  value a[2];
  if (bi_parse(vm, "chunk", args + 1, nargs - 1, kw, "chunks|dim", a) < 0) return val_null();
  int64_t chunks, dim = 0;
  if (arg_int(vm, a[0], &chunks) < 0) return val_null();
  if (!VAL_IS_NULL(a[1]) && arg_int(vm, a[1], &dim) < 0) return val_null();
  ten_tensor **out = NULL;
  int n = 0;
  if (ag_chunk(self, chunks, dim, &out, &n) < 0) return exc_from_ten(vm);
  return tensor_list_value(vm, out, n);
}
static value m_unbind(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("unbind");
  int64_t dim = 0;
  value d = nargs > 1 ? args[1] : kw_get(args, nargs, kw, "dim");
  if (!VAL_IS_NULL(d) && arg_int(vm, d, &dim) < 0) return val_null();
  ten_tensor **out = NULL;
  int n = 0;
  if (ag_unbind(self, dim, &out, &n) < 0) return exc_from_ten(vm);
  return tensor_list_value(vm, out, n);
}
static value m_flip(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("flip");
  int64_t dims[TEN_MAX_DIMS];
  value dv = kw_get(args, nargs, kw, "dims");
  int n = !VAL_IS_NULL(dv) ? arg_dims(vm, dv, dims, "flip") : (nargs == 2 ? arg_dims(vm, args[1], dims, "flip")
                                                                          : arg_shape(vm, args + 1, nargs - 1, dims, "flip"));
  if (n < 0) return val_null();
  return wrap(vm, ag_flip(self, dims, n));
}
static value m_repeat(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t reps[TEN_MAX_DIMS];
  int n = shape_args(vm, args, nargs, reps, "repeat");
  if (n < 0) return val_null();
  return wrap(vm, ag_repeat(VAL_TENSOR(args[0]), reps, n));
}
static value m_diagonal(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("diagonal");
  value a[3];
  if (bi_parse(vm, "diagonal", args + 1, nargs - 1, kw, "|offset,dim1,dim2", a) < 0) return val_null();
  int64_t off = 0, d1 = 0, d2 = 1;
  if ((!VAL_IS_NULL(a[0]) && arg_int(vm, a[0], &off) < 0) || (!VAL_IS_NULL(a[1]) && arg_int(vm, a[1], &d1) < 0) ||
      (!VAL_IS_NULL(a[2]) && arg_int(vm, a[2], &d2) < 0))
    return val_null();
  return wrap(vm, ag_diagonal(self, off, d1, d2));
}
static value tri_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, bool upper) {
  SELF_TENSOR(upper ? "triu" : "tril");
  int64_t d = 0;
  value dv = nargs > 1 ? args[1] : kw_get(args, nargs, kw, "diagonal");
  if (!VAL_IS_NULL(dv) && arg_int(vm, dv, &d) < 0) return val_null();
  return wrap(vm, upper ? ag_triu(self, d) : ag_tril(self, d));
}
static value m_tril(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return tri_impl(vm, a, n, kw, false); }
static value m_triu(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return tri_impl(vm, a, n, kw, true); }

static value m_index_select(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("index_select");
  value a[2];
  if (bi_parse(vm, "index_select", args + 1, nargs - 1, kw, "dim,index", a) < 0) return val_null();
  int64_t d;
  if (arg_int(vm, a[0], &d) < 0) return val_null();
  ten_tensor *ix = arg_tensor(vm, a[1], "index_select", "index", 3);
  if (!ix) return val_null();
  return wrap(vm, ag_index_select(self, d, ix));
}
static value m_gather(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("gather");
  value a[2];
  if (bi_parse(vm, "gather", args + 1, nargs - 1, kw, "dim,index", a) < 0) return val_null();
  int64_t d;
  if (arg_int(vm, a[0], &d) < 0) return val_null();
  ten_tensor *ix = arg_tensor(vm, a[1], "gather", "index", 3);
  if (!ix) return val_null();
  return wrap(vm, ag_gather(self, d, ix));
}
/* scatter(dim, index, src | value), scatter_add(dim, index, src), index_add(dim, index, source, alpha=1),
   out of place and in place. */
enum { SCAT, SCAT_ADD, IDX_ADD };

static value scatter_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, int kind, bool inplace) {
  static const char *const names[3][2] = {{"scatter", "scatter_"}, {"scatter_add", "scatter_add_"}, {"index_add", "index_add_"}};
  const char *fn = names[kind][inplace];
  SELF_TENSOR(fn);
  value a[5];
  const char *spec = kind == SCAT ? "dim,index|src,value,reduce" : kind == SCAT_ADD ? "dim,index,src" : "dim,index,source|$alpha";
  if (bi_parse(vm, fn, args + 1, nargs - 1, kw, spec, a) < 0) return val_null();
  int64_t d;
  if (arg_int(vm, a[0], &d) < 0) return val_null();
  ten_tensor *ix = arg_tensor(vm, a[1], fn, "index", 3);
  if (!ix) return val_null();
  if (kind == SCAT && !VAL_IS_NULL(a[4]) && a[4].tag != VAL_NONE)
    return exc_set(vm, EXC_NotImplementedError, "%s(): reduce= is not supported by ctorch", fn);
  value srcv = a[2];
  bool is_value = kind == SCAT && (VAL_IS_NULL(srcv) || !val_is_tensor(srcv));
  if (kind == SCAT && VAL_IS_NULL(srcv)) srcv = a[3];
  if (VAL_IS_NULL(srcv)) return exc_set(vm, EXC_TypeError, "%s() missing required argument 'src'", fn);
  if (is_value) {
    ten_scalar s;
    if (arg_scalar(vm, srcv, &s) < 0) return val_null();
    if (inplace) return ag_scatter_value_(self, d, ix, s) < 0 ? exc_from_ten(vm) : val_incref(args[0]);
    return wrap(vm, ag_scatter_value(self, d, ix, s));
  }
  ten_tensor *src = arg_tensor(vm, srcv, fn, kind == IDX_ADD ? "source" : "src", 4);
  if (!src) return val_null();
  ten_scalar alpha = ten_scalar_int(1);
  if (kind == IDX_ADD && !VAL_IS_NULL(a[3]) && arg_scalar(vm, a[3], &alpha) < 0) return val_null();
  int rc = 0;
  ten_tensor *r = NULL;
  switch (kind) {
  case SCAT: if (inplace) rc = ag_scatter_(self, d, ix, src); else r = ag_scatter(self, d, ix, src); break;
  case SCAT_ADD: if (inplace) rc = ag_scatter_add_(self, d, ix, src); else r = ag_scatter_add(self, d, ix, src); break;
  default: if (inplace) rc = ag_index_add_(self, d, ix, src, alpha); else r = ag_index_add(self, d, ix, src, alpha); break;
  }
  if (inplace) return rc < 0 ? exc_from_ten(vm) : val_incref(args[0]);
  return wrap(vm, r);
}
static value m_scatter(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return scatter_impl(vm, a, n, kw, SCAT, false); }
static value m_scatter_(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return scatter_impl(vm, a, n, kw, SCAT, true); }
static value m_scatter_add(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return scatter_impl(vm, a, n, kw, SCAT_ADD, false); }
static value m_scatter_add_(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return scatter_impl(vm, a, n, kw, SCAT_ADD, true); }
static value m_index_add(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return scatter_impl(vm, a, n, kw, IDX_ADD, false); }
static value m_index_add_(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return scatter_impl(vm, a, n, kw, IDX_ADD, true); }

/* bincount(input, weights=None, minlength=0): counts of each non-negative int (int64, or the
   weights' dtype summed in double as ATen does). */
static value m_bincount(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("bincount");
  value a[2];
  if (bi_parse(vm, "bincount", args + 1, nargs - 1, kw, "|weights,minlength", a) < 0) return val_null();
  int64_t minlength = 0;
  if (!VAL_IS_NULL(a[1]) && arg_int(vm, a[1], &minlength) < 0) return val_null();
  if (self->ndim != 1 || !ten_dtype_is_int(self->dtype) || self->dtype == TEN_DTYPE_BOOL)
    return exc_set(vm, EXC_RuntimeError, "bincount only supports 1-d non-negative integral inputs.");
  if (minlength < 0) return exc_set(vm, EXC_RuntimeError, "minlength should be >= 0");
  ten_tensor *w = NULL;
  if (!VAL_IS_NULL(a[0]) && a[0].tag != VAL_NONE && !(w = arg_tensor(vm, a[0], "bincount", "weights", 2))) return val_null();
  int64_t n = self->shape[0], len = minlength;
  if (w && (w->ndim != 1 || w->shape[0] != n))
    return exc_set(vm, EXC_RuntimeError, "weights should be 1-d and have the same length as input");
  ten_tensor *c = ten_to_device(self, TEN_CPU, false);
  if (!c) return exc_from_ten(vm);
  for (int64_t i = 0; i < n; i++) {
    int64_t v = ten_get_int(c, i);
    if (v < 0) {
      ten_release(c);
      return exc_set(vm, EXC_RuntimeError, "bincount only supports 1-d non-negative integral inputs.");
    }
    if (v + 1 > len) len = v + 1;
  }
  ten_dtype dt = w ? (w->dtype == TEN_DTYPE_F32 ? TEN_DTYPE_F32 : TEN_DTYPE_F64) : TEN_DTYPE_I64;
  ten_tensor *out = ten_zeros(&len, 1, dt, TEN_CPU);
  if (out) {
    for (int64_t i = 0; i < n; i++) {
      int64_t v = ten_get_int(c, i);
      if (dt == TEN_DTYPE_I64) ((int64_t *)ten_data_ptr(out))[v]++;
      else if (dt == TEN_DTYPE_F32) ((float *)ten_data_ptr(out))[v] += (float)ten_get_double(w, i);
      else ((double *)ten_data_ptr(out))[v] += ten_get_double(w, i);
    }
  }
  ten_release(c);
  return wrap(vm, out);
}

static value m_masked_select(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("masked_select");
  ten_tensor *m = nargs > 1 ? arg_tensor(vm, args[1], "masked_select", "mask", 2) : NULL;
  if (!m) return exc_pending(vm) ? val_null() : exc_set(vm, EXC_TypeError, "masked_select() missing required argument 'mask'");
  return wrap(vm, ag_masked_select(self, m));
}
static value masked_fill_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, bool inplace) {
  const char *fn = inplace ? "masked_fill_" : "masked_fill";
  SELF_TENSOR(fn);
  value a[2];
  if (bi_parse(vm, fn, args + 1, nargs - 1, kw, "mask,value", a) < 0) return val_null();
  ten_tensor *m = arg_tensor(vm, a[0], fn, "mask", 2);
  if (!m) return val_null();
  ten_tensor *v;
  if (val_is_tensor(a[1])) {
    v = VAL_TENSOR(a[1]);
    ten_retain(v);
  } else {
    ten_scalar s;
    if (arg_scalar(vm, a[1], &s) < 0) return val_null();
    v = ten_scalar_tensor(s, self->dtype, TEN_CPU);
    if (!v) return exc_from_ten(vm);
  }
  value r;
  if (inplace) r = ag_masked_fill_(self, m, v) < 0 ? exc_from_ten(vm) : val_incref(args[0]);
  else r = wrap(vm, ag_masked_fill(self, m, v));
  ten_release(v);
  return r;
}
static value m_masked_fill(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return masked_fill_impl(vm, a, n, kw, false); }
static value m_masked_fill_(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return masked_fill_impl(vm, a, n, kw, true); }

static value m_nonzero(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("nonzero");
  bool as_tuple = false;
  value at = kw_get(args, nargs, kw, "as_tuple");
  if (!VAL_IS_NULL(at) && arg_bool(vm, at, &as_tuple) < 0) return val_null();
  ten_tensor *nz = ten_nonzero(self);
  if (!nz) return exc_from_ten(vm);
  if (!as_tuple) return wrap(vm, nz);
  int nd = self->ndim ? self->ndim : 1;
  obj_tuple *t = tuple_new(vm, nd);
  if (!t) {
    ten_release(nz);
    return val_null();
  }
  for (int i = 0; i < nd; i++) {
    ten_tensor *col = ag_select(nz, 1, self->ndim ? i : 0);
    ten_tensor *c = col ? ag_contiguous(col) : NULL;
    ten_release(col);
    t->items[i] = tensor_wrap(vm, c);
    if (VAL_IS_NULL(t->items[i])) {
      t->items[i] = val_none();
      obj_decref(t);
      ten_release(nz);
      return val_null();
    }
  }
  ten_release(nz);
  return val_obj(t);
}

static value f_where(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs == 1) {
    value a[1] = {args[0]};
    obj_tuple *kwt = NULL;
    (void)kwt;
    ten_tensor *c = arg_tensor(vm, args[0], "where", "condition", 1);
    if (!c) return val_null();
    value tmp[1] = {a[0]};
    obj_str *k = str_intern(vm, "as_tuple");
    obj_tuple *names = tuple_new(vm, 1);
    if (!names) return val_null();
    obj_incref(k);
    names->items[0] = val_obj(k);
    value argv[2] = {tmp[0], val_bool(true)};
    value r = m_nonzero(vm, argv, 1, names);
    obj_decref(names);
    return r;
  }
  if (nargs != 3) return exc_set(vm, EXC_TypeError, "where() received an invalid combination of arguments");
  ten_tensor *c = arg_tensor(vm, args[0], "where", "condition", 1);
  if (!c) return val_null();
  ten_tensor *x = arg_operand(vm, args[1]), *y = arg_operand(vm, args[2]);
  if (!x || !y) {
    ten_release(x);
    ten_release(y);
    return exc_set(vm, EXC_TypeError, "where(): argument 'input' must be Tensor or a number");
  }
  value r = wrap(vm, ag_where(c, x, y));
  ten_release(x);
  ten_release(y);
  return r;
}
static value m_where(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* x.where(condition, y) == torch.where(condition, x, y) */
  if (nargs != 3) return exc_set(vm, EXC_TypeError, "where() takes 2 arguments");
  value a[3] = {args[1], args[0], args[2]};
  return f_where(vm, a, 3, NULL);
}

static value clamp_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, bool inplace) {
  const char *fn = inplace ? "clamp_" : "clamp";
  SELF_TENSOR(fn);
  value a[2];
  if (bi_parse(vm, fn, args + 1, nargs - 1, kw, "|min,max", a) < 0) return val_null();
  ten_scalar lo, hi;
  bool has_lo = !VAL_IS_NULL(a[0]) && a[0].tag != VAL_NONE, has_hi = !VAL_IS_NULL(a[1]) && a[1].tag != VAL_NONE;
  if (!has_lo && !has_hi) return exc_set(vm, EXC_RuntimeError, "torch.clamp: At least one of 'min' or 'max' must not be None");
  if ((has_lo && val_is_tensor(a[0]) && VAL_TENSOR(a[0])->ndim > 0) || (has_hi && val_is_tensor(a[1]) && VAL_TENSOR(a[1])->ndim > 0)) {
    /* tensor bounds (ClampBackward0) */
    ten_tensor *lt = has_lo ? arg_operand(vm, a[0]) : NULL, *ht = has_hi ? arg_operand(vm, a[1]) : NULL;
    ten_tensor *r = ag_clamp_tensor(self, lt, ht);
    ten_release(lt);
    ten_release(ht);
    if (!r) return exc_from_ten(vm);
    if (inplace) {
      int rc = ag_copy_(self, r);
      ten_release(r);
      return rc < 0 ? exc_from_ten(vm) : val_incref(args[0]);
    }
    return wrap(vm, r);
  }
  if ((has_lo && arg_scalar(vm, a[0], &lo) < 0) || (has_hi && arg_scalar(vm, a[1], &hi) < 0)) return val_null();
  if (inplace) {
    if (ag_clamp_(self, has_lo ? &lo : NULL, has_hi ? &hi : NULL) < 0) return exc_from_ten(vm);
    return val_incref(args[0]);
  }
  return wrap(vm, ag_clamp(self, has_lo ? &lo : NULL, has_hi ? &hi : NULL));
}
static value m_clamp(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return clamp_impl(vm, a, n, kw, false); }
static value m_clamp_(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return clamp_impl(vm, a, n, kw, true); }
static value m_clamp_min(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs < 2) return exc_set(vm, EXC_TypeError, "clamp_min() missing required argument 'min'");
  ten_scalar lo;
  if (val_is_number(args[1]) && val_is_tensor(args[0])) {
    if (arg_scalar(vm, args[1], &lo) < 0) return val_null();
    return wrap(vm, ag_clamp_min(VAL_TENSOR(args[0]), lo));
  }
  value a[3] = {args[0], args[1], val_none()};
  return clamp_impl(vm, a, 3, NULL, false);
}

static value m_leaky_relu(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("leaky_relu");
  double s = 0.01;
  value v = nargs > 1 ? args[1] : kw_get(args, nargs, kw, "negative_slope");
  if (!VAL_IS_NULL(v) && arg_double(vm, v, &s) < 0) return val_null();
  return wrap(vm, ag_leaky_relu(self, s));
}

static value addc_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, bool mul, bool inplace) {
  const char *fn = mul ? (inplace ? "addcmul_" : "addcmul") : (inplace ? "addcdiv_" : "addcdiv");
  SELF_TENSOR(fn);
  value a[3];
  if (bi_parse(vm, fn, args + 1, nargs - 1, kw, "tensor1,tensor2|$value", a) < 0) return val_null();
  ten_tensor *t1 = arg_tensor(vm, a[0], fn, "tensor1", 2), *t2 = t1 ? arg_tensor(vm, a[1], fn, "tensor2", 3) : NULL;
  if (!t2) return val_null();
  ten_scalar v = ten_scalar_int(1);
  if (!VAL_IS_NULL(a[2]) && arg_scalar(vm, a[2], &v) < 0) return val_null();
  ten_tensor *r = mul ? ag_addcmul(self, t1, t2, v) : ag_addcdiv(self, t1, t2, v);
  if (!r) return exc_from_ten(vm);
  if (inplace) {
    int rc = ag_copy_(self, r);
    ten_release(r);
    return rc < 0 ? exc_from_ten(vm) : val_incref(args[0]);
  }
  return wrap(vm, r);
}
static value m_addcmul(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return addc_impl(vm, a, n, kw, true, false); }
static value m_addcdiv(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return addc_impl(vm, a, n, kw, false, false); }
static value m_addcmul_(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return addc_impl(vm, a, n, kw, true, true); }
static value m_addcdiv_(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return addc_impl(vm, a, n, kw, false, true); }

static value m_lerp(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("lerp");
  if (nargs < 3) return exc_set(vm, EXC_TypeError, "lerp() missing required arguments 'end' and 'weight'");
  ten_tensor *e = arg_tensor(vm, args[1], "lerp", "end", 2);
  ten_scalar w;
  if (!e || arg_scalar(vm, args[2], &w) < 0) return val_null();
  return wrap(vm, ag_lerp(self, e, w));
}

/* ---- reductions ---- */

typedef struct red_args { int64_t dims[TEN_MAX_DIMS]; int ndims; bool has_dim, keepdim; ten_dtype dt; } red_args;

/* Parses (dim=None, keepdim=False, *, dtype=None) after the input. */
static int parse_red(lang_vm *vm, const char *fn, const value *args, int nargs, obj_tuple *kw, red_args *r,
                     const char *spec) {
  value a[3] = {val_null(), val_null(), val_null()};
  if (bi_parse(vm, fn, args + 1, nargs - 1, kw, spec ? spec : "|dim,keepdim,$dtype", a) < 0) return -1;
  r->ndims = 0;
  r->has_dim = !VAL_IS_NULL(a[0]) && a[0].tag != VAL_NONE;
  r->keepdim = false;
  r->dt = TEN_DTYPE_UNSET;
  if (r->has_dim && (r->ndims = arg_dims(vm, a[0], r->dims, fn)) < 0) return -1;
  if (!VAL_IS_NULL(a[1]) && arg_bool(vm, a[1], &r->keepdim) < 0) return -1;
  if (!VAL_IS_NULL(a[2]) && arg_dtype(vm, a[2], &r->dt) < 0) return -1;
  return 0;
}

static value m_sum(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("sum");
  red_args r;
  if (parse_red(vm, "sum", args, nargs, kw, &r, NULL) < 0) return val_null();
  if (r.has_dim && r.ndims == 0) r.ndims = 0;
  return wrap(vm, ag_sum(self, r.dims, r.ndims, r.keepdim, r.dt));
}
static value m_mean(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("mean");
  red_args r;
  if (parse_red(vm, "mean", args, nargs, kw, &r, NULL) < 0) return val_null();
  return wrap(vm, ag_mean(self, r.dims, r.ndims, r.keepdim, r.dt));
}
static value m_prod(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("prod");
  red_args r;
  if (parse_red(vm, "prod", args, nargs, kw, &r, NULL) < 0) return val_null();
  return wrap(vm, ag_prod(self, r.dims, r.ndims, r.keepdim, r.dt));
}
static value var_std(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, bool std) {
  const char *fn = std ? "std" : "var";
  SELF_TENSOR(fn);
  value a[4] = {val_null(), val_null(), val_null(), val_null()};
  /* (dim=None, unbiased=True, keepdim=False) or (unbiased) alone; correction= keyword */
  int np = nargs - 1;
  const value *pa = args + 1;
  if (np >= 1 && pa[0].tag == VAL_BOOL) {
    a[1] = pa[0];
    pa++;
    np--;
  }
  if (bi_parse(vm, fn, pa, np, kw, "|dim,unbiased,keepdim,$correction", a) < 0) return val_null();
  int64_t dims[TEN_MAX_DIMS];
  int nd = 0;
  if (!VAL_IS_NULL(a[0]) && a[0].tag != VAL_NONE && (nd = arg_dims(vm, a[0], dims, fn)) < 0) return val_null();
  bool unbiased = true, keepdim = false;
  if (!VAL_IS_NULL(a[1]) && arg_bool(vm, a[1], &unbiased) < 0) return val_null();
  if (!VAL_IS_NULL(a[2]) && arg_bool(vm, a[2], &keepdim) < 0) return val_null();
  int64_t corr = unbiased ? 1 : 0;
  if (!VAL_IS_NULL(a[3]) && a[3].tag != VAL_NONE && arg_int(vm, a[3], &corr) < 0) return val_null();
  return wrap(vm, std ? ag_std(self, dims, nd, corr, keepdim) : ag_var(self, dims, nd, corr, keepdim));
}
static value m_std(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return var_std(vm, a, n, kw, true); }
static value m_var(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return var_std(vm, a, n, kw, false); }

static value m_norm(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("norm");
  value a[4];
  if (bi_parse(vm, "norm", args + 1, nargs - 1, kw, "|p,dim,keepdim,$dtype", a) < 0) return val_null();
  double p = 2.0;
  if (!VAL_IS_NULL(a[0]) && a[0].tag != VAL_NONE) {
    if (val_is_str(a[0])) {
      if (!str_eq_cstr(VAL_STR(a[0]), "fro"))
        return exc_set(vm, EXC_RuntimeError, "ctorch: norm type '%s' is not supported", VAL_STR(a[0])->data);
    } else if (arg_double(vm, a[0], &p) < 0) return val_null();
  }
  int64_t dims[TEN_MAX_DIMS];
  int nd = 0;
  if (!VAL_IS_NULL(a[1]) && a[1].tag != VAL_NONE && (nd = arg_dims(vm, a[1], dims, "norm")) < 0) return val_null();
  bool keepdim = false;
  if (!VAL_IS_NULL(a[2]) && arg_bool(vm, a[2], &keepdim) < 0) return val_null();
  return wrap(vm, ag_norm(self, p, dims, nd, keepdim));
}

static value minmax_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, bool is_max) {
  const char *fn = is_max ? "max" : "min";
  SELF_TENSOR(fn);
  value d = nargs > 1 ? args[1] : kw_get(args, nargs, kw, "dim");
  if (VAL_IS_NULL(d)) {
    value other = kw_get(args, nargs, kw, "other");
    if (!VAL_IS_NULL(other)) d = other;
  }
  if (VAL_IS_NULL(d)) return wrap(vm, is_max ? ag_max_all(self) : ag_min_all(self));
  if (val_is_tensor(d)) {
    return wrap(vm, ag_binary(is_max ? TEN_BINOP_MAXIMUM : TEN_BINOP_MINIMUM, self, VAL_TENSOR(d), ten_scalar_int(1)));
  }
  int64_t dim;
  if (arg_int(vm, d, &dim) < 0) return val_null();
  bool keepdim = false;
  value kd = nargs > 2 ? args[2] : kw_get(args, nargs, kw, "keepdim");
  if (!VAL_IS_NULL(kd) && arg_bool(vm, kd, &keepdim) < 0) return val_null();
  ten_tensor *v, *ix;
  int rc = is_max ? ag_max_dim(self, dim, keepdim, &v, &ix) : ag_min_dim(self, dim, keepdim, &v, &ix);
  if (rc < 0) return exc_from_ten(vm);
  value vv = tensor_wrap(vm, v), iv = tensor_wrap(vm, ix);
  if (VAL_IS_NULL(vv) || VAL_IS_NULL(iv)) {
    val_decref(vv);
    val_decref(iv);
    return val_null();
  }
  return return_pair(vm, fn, vv, iv);
}
static value m_max(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return minmax_impl(vm, a, n, kw, true); }
static value m_min(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return minmax_impl(vm, a, n, kw, false); }

static value arg_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, bool is_max) {
  const char *fn = is_max ? "argmax" : "argmin";
  SELF_TENSOR(fn);
  value a[2];
  if (bi_parse(vm, fn, args + 1, nargs - 1, kw, "|dim,keepdim", a) < 0) return val_null();
  bool has_dim = !VAL_IS_NULL(a[0]) && a[0].tag != VAL_NONE, keepdim = false;
  int64_t dim = 0;
  if (has_dim && arg_int(vm, a[0], &dim) < 0) return val_null();
  if (!VAL_IS_NULL(a[1]) && arg_bool(vm, a[1], &keepdim) < 0) return val_null();
  return wrap(vm, is_max ? ten_argmax(self, dim, has_dim, keepdim) : ten_argmin(self, dim, has_dim, keepdim));
}
static value m_argmax(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return arg_impl(vm, a, n, kw, true); }
static value m_argmin(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return arg_impl(vm, a, n, kw, false); }

typedef ten_tensor *(*dimred_fn)(ten_tensor *t, const int64_t *dims, int n, bool keepdim);
static value dimred(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, dimred_fn f, const char *fn) {
  SELF_TENSOR(fn);
  red_args r;
  if (parse_red(vm, fn, args, nargs, kw, &r, "|dim,keepdim") < 0) return val_null();
  return wrap(vm, f(self, r.dims, r.ndims, r.keepdim));
}
static value m_amax(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return dimred(vm, a, n, kw, ag_amax, "amax"); }
static value m_amin(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return dimred(vm, a, n, kw, ag_amin, "amin"); }
static value m_all(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return dimred(vm, a, n, kw, ten_all, "all"); }
static value m_any(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return dimred(vm, a, n, kw, ten_any, "any"); }
static value m_logsumexp(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return dimred(vm, a, n, kw, ag_logsumexp, "logsumexp"); }

static value scan_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, int which) {
  static const char *const names[4] = {"cumsum", "cumprod", "softmax", "log_softmax"};
  const char *fn = names[which];
  SELF_TENSOR(fn);
  value a[2];
  if (bi_parse(vm, fn, args + 1, nargs - 1, kw, which >= 2 ? "dim|dtype" : "dim|$dtype", a) < 0) return val_null();
  int64_t dim;
  if (arg_int(vm, a[0], &dim) < 0) return val_null();
  ten_dtype dt = TEN_DTYPE_UNSET;
  if (!VAL_IS_NULL(a[1]) && arg_dtype(vm, a[1], &dt) < 0) return val_null();
  switch (which) {
  case 0: return wrap(vm, ag_cumsum(self, dim, dt));
  case 1: return wrap(vm, ag_cumprod(self, dim, dt));
  case 2: return wrap(vm, ag_softmax(self, dim, dt));
  default: return wrap(vm, ag_log_softmax(self, dim, dt));
  }
}
static value m_cumsum(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return scan_impl(vm, a, n, kw, 0); }
static value m_cumprod(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return scan_impl(vm, a, n, kw, 1); }
static value m_softmax(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return scan_impl(vm, a, n, kw, 2); }
static value m_log_softmax(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return scan_impl(vm, a, n, kw, 3); }

static value m_sort(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("sort");
  value a[3];
  if (bi_parse(vm, "sort", args + 1, nargs - 1, kw, "|dim,descending,$stable", a) < 0) return val_null();
  int64_t dim = -1;
  bool desc = false;
  if (!VAL_IS_NULL(a[0]) && arg_int(vm, a[0], &dim) < 0) return val_null();
  if (!VAL_IS_NULL(a[1]) && arg_bool(vm, a[1], &desc) < 0) return val_null();
  ten_tensor *v, *ix;
  if (ag_sort(self, dim, desc, &v, &ix) < 0) return exc_from_ten(vm);
  value vv = tensor_wrap(vm, v), iv = tensor_wrap(vm, ix);
  return return_pair(vm, "sort", vv, iv);
}
/* unique(sorted=True, return_inverse=False, return_counts=False, dim=None): the values alone, or a tuple
   with the inverse indices and/or counts. sorted=False also sorts (PyTorch's order there is its hash
   set's, which it does not specify). */
static value m_unique(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("unique");
  value a[4];
  if (bi_parse(vm, "unique", args + 1, nargs - 1, kw, "|sorted,return_inverse,return_counts,dim", a) < 0) return val_null();
  bool sorted = true, want_inv = false, want_cnt = false;
  int64_t dim = 0;
  bool has_dim = !VAL_IS_NULL(a[3]) && a[3].tag != VAL_NONE;
  if ((!VAL_IS_NULL(a[0]) && arg_bool(vm, a[0], &sorted) < 0) || (!VAL_IS_NULL(a[1]) && arg_bool(vm, a[1], &want_inv) < 0) ||
      (!VAL_IS_NULL(a[2]) && arg_bool(vm, a[2], &want_cnt) < 0) || (has_dim && arg_int(vm, a[3], &dim) < 0))
    return val_null();
  (void)sorted;
  ten_tensor *v, *inv = NULL, *cnt = NULL;
  if (ag_unique(self, has_dim, dim, &v, want_inv ? &inv : NULL, want_cnt ? &cnt : NULL) < 0) return exc_from_ten(vm);
  if (!want_inv && !want_cnt) return tensor_wrap(vm, v);
  value items[3];
  int n = 0;
  items[n++] = tensor_wrap(vm, v);
  if (want_inv) items[n++] = tensor_wrap(vm, inv);
  if (want_cnt) items[n++] = tensor_wrap(vm, cnt);
  bool ok = true;
  for (int i = 0; i < n; i++) ok = ok && !VAL_IS_NULL(items[i]);
  obj_tuple *tu = ok ? tuple_new(vm, n) : NULL;
  if (!tu) {
    for (int i = 0; i < n; i++) val_decref(items[i]);
    return val_null();
  }
  for (int i = 0; i < n; i++) tu->items[i] = items[i];
  return val_obj(tu);
}

static value m_argsort(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("argsort");
  value a[2];
  if (bi_parse(vm, "argsort", args + 1, nargs - 1, kw, "|dim,descending", a) < 0) return val_null();
  int64_t dim = -1;
  bool desc = false;
  if (!VAL_IS_NULL(a[0]) && arg_int(vm, a[0], &dim) < 0) return val_null();
  if (!VAL_IS_NULL(a[1]) && arg_bool(vm, a[1], &desc) < 0) return val_null();
  ten_tensor *v, *ix;
  if (ag_sort(self, dim, desc, &v, &ix) < 0) return exc_from_ten(vm);
  ten_release(v);
  return wrap(vm, ix);
}
static value m_topk(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("topk");
  value a[4];
  if (bi_parse(vm, "topk", args + 1, nargs - 1, kw, "k|dim,largest,sorted", a) < 0) return val_null();
  int64_t k, dim = -1;
  bool largest = true, sorted = true;
  if (arg_int(vm, a[0], &k) < 0) return val_null();
  if (!VAL_IS_NULL(a[1]) && arg_int(vm, a[1], &dim) < 0) return val_null();
  if (!VAL_IS_NULL(a[2]) && arg_bool(vm, a[2], &largest) < 0) return val_null();
  if (!VAL_IS_NULL(a[3]) && arg_bool(vm, a[3], &sorted) < 0) return val_null();
  ten_tensor *v, *ix;
  if (ag_topk(self, k, dim, largest, sorted, &v, &ix) < 0) return exc_from_ten(vm);
  value vv = tensor_wrap(vm, v), iv = tensor_wrap(vm, ix);
  return return_pair(vm, "topk", vv, iv);
}

/* ---- matmul family ---- */

static value mat2(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, ten_tensor *(*f)(ten_tensor *, ten_tensor *),
                  const char *fn, const char *arg2) {
  SELF_TENSOR(fn);
  ten_tensor *o = nargs > 1 ? arg_tensor(vm, args[1], fn, arg2, 2) : NULL;
  if (!o) return exc_pending(vm) ? val_null() : exc_set(vm, EXC_TypeError, "%s() missing required argument '%s'", fn, arg2);
  return to_out(vm, kw_get(args, nargs, kw, "out"), f(self, o));
}
static value m_matmul(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return mat2(vm, a, n, kw, ag_matmul, "matmul", "other"); }
static value m_mm(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return mat2(vm, a, n, kw, ag_mm, "mm", "mat2"); }
static value m_bmm(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return mat2(vm, a, n, kw, ag_bmm, "bmm", "mat2"); }
static value m_mv(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return mat2(vm, a, n, kw, ag_mv, "mv", "vec"); }
static value m_dot(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return mat2(vm, a, n, kw, ag_dot, "dot", "tensor"); }
static value m_outer(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return mat2(vm, a, n, kw, ag_outer, "outer", "vec2"); }
static value m_addmm(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("addmm");
  value a[5];
  if (bi_parse(vm, "addmm", args + 1, nargs - 1, kw, "mat1,mat2|$beta,alpha,out", a) < 0) return val_null();
  ten_tensor *m1 = arg_tensor(vm, a[0], "addmm", "mat1", 2), *m2 = m1 ? arg_tensor(vm, a[1], "addmm", "mat2", 3) : NULL;
  if (!m2) return val_null();
  ten_scalar beta = ten_scalar_int(1), alpha = ten_scalar_int(1);
  if (!VAL_IS_NULL(a[2]) && arg_scalar(vm, a[2], &beta) < 0) return val_null();
  if (!VAL_IS_NULL(a[3]) && arg_scalar(vm, a[3], &alpha) < 0) return val_null();
  return to_out(vm, a[4], ag_addmm(self, m1, m2, beta, alpha));
}

/* ---- comparisons and tests ---- */

static value f_equal(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  SELF_TENSOR("equal");
  ten_tensor *o = nargs > 1 ? arg_tensor(vm, args[1], "equal", "other", 2) : NULL;
  if (!o) return exc_pending(vm) ? val_null() : exc_set(vm, EXC_TypeError, "equal() missing required argument 'other'");
  ten_error_clear();
  bool r = ten_equal(self, o);
  if (ten_error_kind() != TEN_OK) return exc_from_ten(vm);
  return val_bool(r);
}
static value close_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, bool all) {
  const char *fn = all ? "allclose" : "isclose";
  SELF_TENSOR(fn);
  value a[4];
  if (bi_parse(vm, fn, args + 1, nargs - 1, kw, "other|rtol,atol,equal_nan", a) < 0) return val_null();
  ten_tensor *o = arg_tensor(vm, a[0], fn, "other", 2);
  if (!o) return val_null();
  double rtol = 1e-05, atol = 1e-08;
  bool en = false;
  if (!VAL_IS_NULL(a[1]) && arg_double(vm, a[1], &rtol) < 0) return val_null();
  if (!VAL_IS_NULL(a[2]) && arg_double(vm, a[2], &atol) < 0) return val_null();
  if (!VAL_IS_NULL(a[3]) && arg_bool(vm, a[3], &en) < 0) return val_null();
  if (all) {
    int r = ten_allclose(self, o, rtol, atol, en);
    if (r < 0) return exc_from_ten(vm);
    return val_bool(r);
  }
  return wrap(vm, ten_isclose(self, o, rtol, atol, en));
}
static value f_allclose(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return close_impl(vm, a, n, kw, true); }
static value f_isclose(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return close_impl(vm, a, n, kw, false); }

static value f_is_tensor(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs != 1) return exc_set(vm, EXC_TypeError, "is_tensor() takes 1 positional argument but %d were given", nargs);
  return val_bool(val_is_tensor(args[0]));
}

/* ---- joining ---- */

static int tensor_seq(lang_vm *vm, value v, ten_tensor ***out, int *n, const char *fn) {
  obj_list *l = obj_to_list(vm, v);
  if (!l) {
    if (exc_matches(vm, EXC_TypeError)) {
      exc_clear(vm);
      return exc_seti(vm, EXC_TypeError, "%s(): argument 'tensors' (position 1) must be tuple of Tensors, not %s", fn,
                      val_type_name(v));
    }
    return -1;
  }
  ten_tensor **ts = malloc(sizeof(ten_tensor *) * (size_t)(l->len ? l->len : 1));
  if (!ts) {
    obj_decref(l);
    exc_nomem(vm);
    return -1;
  }
  for (int64_t i = 0; i < l->len; i++) {
    if (!val_is_tensor(l->items[i])) {
      exc_set(vm, EXC_TypeError, "expected Tensor as element %lld in argument 0, but got %s", (long long)i,
              val_type_name(l->items[i]));
      for (int64_t j = 0; j < i; j++) ten_release(ts[j]);
      free(ts);
      obj_decref(l);
      return -1;
    }
    ts[i] = VAL_TENSOR(l->items[i]);
    ten_retain(ts[i]);
  }
  *out = ts;
  *n = (int)l->len;
  obj_decref(l);
  return 0;
}

static value join_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, bool stack) {
  const char *fn = stack ? "stack" : "cat";
  value a[3];
  if (bi_parse(vm, fn, args, nargs, kw, "tensors|dim,$out", a) < 0) return val_null();
  int64_t dim = 0;
  if (!VAL_IS_NULL(a[1]) && arg_int(vm, a[1], &dim) < 0) return val_null();
  ten_tensor **ts = NULL;
  int n = 0;
  if (tensor_seq(vm, a[0], &ts, &n, fn) < 0) return val_null();
  ten_tensor *r = stack ? ag_stack(ts, n, dim) : ag_cat(ts, n, dim);
  for (int i = 0; i < n; i++) ten_release(ts[i]);
  free(ts);
  return to_out(vm, a[2], r);
}
static value f_cat(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return join_impl(vm, a, n, kw, false); }
static value f_stack(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return join_impl(vm, a, n, kw, true); }

/* ---- the tables ---- */

#define UNOP_ENTRIES(NAME, str) \
  {str, u_##NAME, BI_VARARGS, BI_F_KW, NULL}, {str "_", ui_##NAME, BI_VARARGS, BI_F_KW, NULL},

const bi_reg tensor_methods[] = {
#define TEN_UNOP_X(NAME, str, result) UNOP_ENTRIES(NAME, str)
#include "tensor/ops.def"
#define TEN_BINOP_X(NAME, str, result) \
  {str, b_##NAME, BI_VARARGS, BI_F_KW, NULL}, {str "_", bi_##NAME, BI_VARARGS, BI_F_KW, NULL},
#include "tensor/ops.def"
  {"true_divide", b_DIV, BI_VARARGS, BI_F_KW, NULL}, {"true_divide_", bi_DIV, BI_VARARGS, BI_F_KW, NULL},
  {"divide", b_DIV, BI_VARARGS, BI_F_KW, NULL}, {"multiply", b_MUL, BI_VARARGS, BI_F_KW, NULL},
  {"subtract", b_SUB, BI_VARARGS, BI_F_KW, NULL}, {"greater", b_GT, BI_VARARGS, BI_F_KW, NULL},
  {"greater_equal", b_GE, BI_VARARGS, BI_F_KW, NULL}, {"less", b_LT, BI_VARARGS, BI_F_KW, NULL},
  {"less_equal", b_LE, BI_VARARGS, BI_F_KW, NULL}, {"not_equal", b_NE, BI_VARARGS, BI_F_KW, NULL},
  {"absolute", u_ABS, BI_VARARGS, BI_F_KW, NULL}, {"negative", u_NEG, BI_VARARGS, BI_F_KW, NULL},
  {"clip", m_clamp, BI_VARARGS, BI_F_KW, NULL}, {"clip_", m_clamp_, BI_VARARGS, BI_F_KW, NULL},
  {"clamp", m_clamp, BI_VARARGS, BI_F_KW, "clamp(min=None, max=None) -> Tensor"},
  {"clamp_", m_clamp_, BI_VARARGS, BI_F_KW, NULL}, {"clamp_min", m_clamp_min, BI_VARARGS, 0, NULL},
  {"leaky_relu", m_leaky_relu, BI_VARARGS, BI_F_KW, NULL},
  {"addcmul", m_addcmul, BI_VARARGS, BI_F_KW, NULL}, {"addcdiv", m_addcdiv, BI_VARARGS, BI_F_KW, NULL},
  {"addcmul_", m_addcmul_, BI_VARARGS, BI_F_KW, NULL}, {"addcdiv_", m_addcdiv_, BI_VARARGS, BI_F_KW, NULL},
  {"lerp", m_lerp, BI_VARARGS, BI_F_KW, NULL},
  {"new_ones", m_new_ones, BI_VARARGS, BI_F_KW, NULL}, {"new_zeros", m_new_zeros, BI_VARARGS, BI_F_KW, NULL},
  {"new_empty", m_new_empty, BI_VARARGS, BI_F_KW, NULL}, {"new_full", m_new_full, BI_VARARGS, BI_F_KW, NULL},
  {"new_tensor", m_new_tensor, BI_VARARGS, BI_F_KW, NULL},
  {"fill_", m_fill_, BI_VARARGS, 0, NULL}, {"zero_", m_zero_, 1, 0, NULL}, {"copy_", m_copy_, BI_VARARGS, BI_F_KW, NULL},
  {"uniform_", m_uniform_, BI_VARARGS, BI_F_KW, NULL}, {"normal_", m_normal_, BI_VARARGS, BI_F_KW, NULL},
  {"bernoulli_", m_bernoulli_, BI_VARARGS, BI_F_KW, NULL}, {"random_", m_random_, BI_VARARGS, BI_F_KW, NULL},
  {"bernoulli", f_bernoulli, BI_VARARGS, BI_F_KW, NULL},
  {"item", m_item, 1, 0, "item() -> number\n\nReturns the value of this tensor as a standard Python number."},
  {"tolist", m_tolist, 1, 0, "tolist() -> list or number"},
  {"float", m_float, BI_VARARGS, BI_F_KW, NULL}, {"double", m_double, BI_VARARGS, BI_F_KW, NULL},
  {"long", m_long, BI_VARARGS, BI_F_KW, NULL}, {"int", m_int, BI_VARARGS, BI_F_KW, NULL},
  {"bool", m_bool, BI_VARARGS, BI_F_KW, NULL}, {"byte", m_byte, BI_VARARGS, BI_F_KW, NULL},
  {"half", m_half, BI_VARARGS, BI_F_KW, NULL},
  {"to", m_to, BI_VARARGS, BI_F_KW, "to(*args, **kwargs) -> Tensor\n\nPerforms Tensor dtype and/or device conversion."},
  {"cpu", m_cpu, BI_VARARGS, BI_F_KW, NULL}, {"cuda", m_cuda, BI_VARARGS, BI_F_KW, NULL},
  {"type", m_type, BI_VARARGS, BI_F_KW, NULL}, {"type_as", m_type_as, BI_VARARGS, 0, NULL},
  {"size", m_size, BI_VARARGS, BI_F_KW, "size(dim=None) -> torch.Size or int"},
  {"stride", m_stride, BI_VARARGS, 0, NULL}, {"dim", m_dim, 1, 0, NULL}, {"ndimension", m_dim, 1, 0, NULL},
  {"numel", m_numel, BI_VARARGS, 0, NULL}, {"nelement", m_numel, BI_VARARGS, 0, NULL},
  {"storage_offset", m_storage_offset, 1, 0, NULL}, {"data_ptr", m_data_ptr, 1, 0, NULL},
  {"element_size", m_element_size, 1, 0, NULL}, {"is_contiguous", m_is_contiguous, BI_VARARGS, BI_F_KW, NULL},
  {"is_floating_point", m_is_floating_point, BI_VARARGS, 0, NULL},
  {"clone", m_clone, BI_VARARGS, BI_F_KW, NULL},
  {"contiguous", m_contiguous, BI_VARARGS, BI_F_KW, NULL},
  {"view", m_view, BI_VARARGS, 0, NULL}, {"view_as", m_view_as, BI_VARARGS, 0, NULL},
  {"reshape", m_reshape, BI_VARARGS, BI_F_KW, NULL}, {"reshape_as", m_reshape_as, BI_VARARGS, 0, NULL},
  {"flatten", m_flatten, BI_VARARGS, BI_F_KW, NULL}, {"unflatten", m_unflatten, BI_VARARGS, 0, NULL},
  {"t", m_t, BI_VARARGS, 0, NULL}, {"transpose", m_transpose, BI_VARARGS, BI_F_KW, NULL},
  {"swapaxes", m_transpose, BI_VARARGS, BI_F_KW, NULL}, {"permute", m_permute, BI_VARARGS, BI_F_KW, NULL},
  {"squeeze", m_squeeze, BI_VARARGS, BI_F_KW, NULL}, {"unsqueeze", m_unsqueeze, BI_VARARGS, BI_F_KW, NULL},
  {"expand", m_expand, BI_VARARGS, 0, NULL}, {"expand_as", m_expand_as, BI_VARARGS, 0, NULL},
  {"narrow", m_narrow, BI_VARARGS, 0, NULL}, {"select", m_select, BI_VARARGS, 0, NULL},
  {"split", m_split, BI_VARARGS, BI_F_KW, NULL}, {"chunk", m_chunk, BI_VARARGS, BI_F_KW, NULL},
  {"unbind", m_unbind, BI_VARARGS, BI_F_KW, NULL}, {"flip", m_flip, BI_VARARGS, BI_F_KW, NULL},
  {"repeat", m_repeat, BI_VARARGS, 0, NULL}, {"diagonal", m_diagonal, BI_VARARGS, BI_F_KW, NULL},
  {"tril", m_tril, BI_VARARGS, BI_F_KW, NULL}, {"triu", m_triu, BI_VARARGS, BI_F_KW, NULL},
  {"index_select", m_index_select, BI_VARARGS, BI_F_KW, NULL}, {"gather", m_gather, BI_VARARGS, BI_F_KW, NULL},
  {"scatter", m_scatter, BI_VARARGS, BI_F_KW, NULL}, {"scatter_", m_scatter_, BI_VARARGS, BI_F_KW, NULL},
  {"scatter_add", m_scatter_add, BI_VARARGS, BI_F_KW, NULL}, {"scatter_add_", m_scatter_add_, BI_VARARGS, BI_F_KW, NULL},
  {"index_add", m_index_add, BI_VARARGS, BI_F_KW, NULL}, {"index_add_", m_index_add_, BI_VARARGS, BI_F_KW, NULL},
  {"bincount", m_bincount, BI_VARARGS, BI_F_KW, NULL},
  {"masked_select", m_masked_select, BI_VARARGS, 0, NULL}, {"masked_fill", m_masked_fill, BI_VARARGS, BI_F_KW, NULL},
  {"masked_fill_", m_masked_fill_, BI_VARARGS, BI_F_KW, NULL}, {"nonzero", m_nonzero, BI_VARARGS, BI_F_KW, NULL},
  {"where", m_where, BI_VARARGS, 0, NULL},
  {"sum", m_sum, BI_VARARGS, BI_F_KW, "sum(dim=None, keepdim=False, dtype=None) -> Tensor"},
  {"mean", m_mean, BI_VARARGS, BI_F_KW, NULL}, {"prod", m_prod, BI_VARARGS, BI_F_KW, NULL},
  {"std", m_std, BI_VARARGS, BI_F_KW, NULL}, {"var", m_var, BI_VARARGS, BI_F_KW, NULL},
  {"norm", m_norm, BI_VARARGS, BI_F_KW, NULL},
  {"max", m_max, BI_VARARGS, BI_F_KW, NULL}, {"min", m_min, BI_VARARGS, BI_F_KW, NULL},
  {"argmax", m_argmax, BI_VARARGS, BI_F_KW, NULL}, {"argmin", m_argmin, BI_VARARGS, BI_F_KW, NULL},
  {"amax", m_amax, BI_VARARGS, BI_F_KW, NULL}, {"amin", m_amin, BI_VARARGS, BI_F_KW, NULL},
  {"all", m_all, BI_VARARGS, BI_F_KW, NULL}, {"any", m_any, BI_VARARGS, BI_F_KW, NULL},
  {"logsumexp", m_logsumexp, BI_VARARGS, BI_F_KW, NULL},
  {"cumsum", m_cumsum, BI_VARARGS, BI_F_KW, NULL}, {"cumprod", m_cumprod, BI_VARARGS, BI_F_KW, NULL},
  {"softmax", m_softmax, BI_VARARGS, BI_F_KW, NULL}, {"log_softmax", m_log_softmax, BI_VARARGS, BI_F_KW, NULL},
  {"sort", m_sort, BI_VARARGS, BI_F_KW, NULL}, {"argsort", m_argsort, BI_VARARGS, BI_F_KW, NULL},
  {"unique", m_unique, BI_VARARGS, BI_F_KW, NULL},
  {"topk", m_topk, BI_VARARGS, BI_F_KW, NULL},
  {"matmul", m_matmul, BI_VARARGS, BI_F_KW, NULL}, {"mm", m_mm, BI_VARARGS, BI_F_KW, NULL},
  {"bmm", m_bmm, BI_VARARGS, BI_F_KW, NULL}, {"mv", m_mv, BI_VARARGS, BI_F_KW, NULL},
  {"dot", m_dot, BI_VARARGS, BI_F_KW, NULL}, {"outer", m_outer, BI_VARARGS, BI_F_KW, NULL},
  {"ger", m_outer, BI_VARARGS, BI_F_KW, NULL}, {"addmm", m_addmm, BI_VARARGS, BI_F_KW, NULL},
  {"equal", f_equal, BI_VARARGS, 0, NULL}, {"allclose", f_allclose, BI_VARARGS, BI_F_KW, NULL},
  {"isclose", f_isclose, BI_VARARGS, BI_F_KW, NULL},
  {NULL, NULL, 0, 0, NULL}
};

const bi_reg torch_funcs[] = {
#define TEN_UNOP_X(NAME, str, result) {str, u_##NAME, BI_VARARGS, BI_F_KW, NULL}, {str "_", ui_##NAME, BI_VARARGS, BI_F_KW, NULL},
#include "tensor/ops.def"
#define TEN_BINOP_X(NAME, str, result) {str, b_##NAME, BI_VARARGS, BI_F_KW, NULL},
#include "tensor/ops.def"
  {"pow", f_pow, BI_VARARGS, BI_F_KW, "pow(input, exponent, *, out=None) -> Tensor"},
  {"true_divide", b_DIV, BI_VARARGS, BI_F_KW, NULL}, {"divide", b_DIV, BI_VARARGS, BI_F_KW, NULL},
  {"multiply", b_MUL, BI_VARARGS, BI_F_KW, NULL}, {"subtract", b_SUB, BI_VARARGS, BI_F_KW, NULL},
  {"greater", b_GT, BI_VARARGS, BI_F_KW, NULL}, {"greater_equal", b_GE, BI_VARARGS, BI_F_KW, NULL},
  {"less", b_LT, BI_VARARGS, BI_F_KW, NULL}, {"less_equal", b_LE, BI_VARARGS, BI_F_KW, NULL},
  {"not_equal", b_NE, BI_VARARGS, BI_F_KW, NULL}, {"absolute", u_ABS, BI_VARARGS, BI_F_KW, NULL},
  {"negative", u_NEG, BI_VARARGS, BI_F_KW, NULL},
  {"clamp", m_clamp, BI_VARARGS, BI_F_KW, NULL}, {"clip", m_clamp, BI_VARARGS, BI_F_KW, NULL},
  {"clamp_min", m_clamp_min, BI_VARARGS, 0, NULL},
  {"addcmul", m_addcmul, BI_VARARGS, BI_F_KW, NULL}, {"addcdiv", m_addcdiv, BI_VARARGS, BI_F_KW, NULL},
  {"lerp", m_lerp, BI_VARARGS, BI_F_KW, NULL},
  {"tensor", f_tensor, BI_VARARGS, BI_F_KW, "tensor(data, *, dtype=None, device=None, requires_grad=False) -> Tensor\n\nConstructs a tensor with no autograd history by copying data."},
  {"as_tensor", f_as_tensor, BI_VARARGS, BI_F_KW, NULL},
  {"zeros", f_zeros, BI_VARARGS, BI_F_KW, "zeros(*size, *, out=None, dtype=None, layout=torch.strided, device=None, requires_grad=False) -> Tensor\n\nReturns a tensor filled with the scalar value 0, with the shape defined by the variable argument size."},
  {"ones", f_ones, BI_VARARGS, BI_F_KW, "ones(*size, *, out=None, dtype=None, layout=torch.strided, device=None, requires_grad=False) -> Tensor\n\nReturns a tensor filled with the scalar value 1, with the shape defined by the variable argument size."},
  {"empty", f_empty, BI_VARARGS, BI_F_KW, "empty(*size, *, out=None, dtype=None, layout=torch.strided, device=None, requires_grad=False) -> Tensor\n\nReturns a tensor filled with uninitialized data."},
  {"rand", f_rand, BI_VARARGS, BI_F_KW, "rand(*size, *, generator=None, out=None, dtype=None, layout=torch.strided, device=None, requires_grad=False) -> Tensor\n\nReturns a tensor filled with random numbers from a uniform distribution on the interval [0, 1)."},
  {"randn", f_randn, BI_VARARGS, BI_F_KW, "randn(*size, *, generator=None, out=None, dtype=None, layout=torch.strided, device=None, requires_grad=False) -> Tensor\n\nReturns a tensor filled with random numbers from a normal distribution with mean 0 and variance 1."},
  {"full", f_full, BI_VARARGS, BI_F_KW, NULL}, {"eye", f_eye, BI_VARARGS, BI_F_KW, NULL},
  {"arange", f_arange, BI_VARARGS, BI_F_KW, NULL}, {"linspace", f_linspace, BI_VARARGS, BI_F_KW, NULL},
  {"randint", f_randint, BI_VARARGS, BI_F_KW, NULL}, {"randperm", f_randperm, BI_VARARGS, BI_F_KW, NULL},
  {"normal", f_normal, BI_VARARGS, BI_F_KW, NULL}, {"bernoulli", f_bernoulli, BI_VARARGS, BI_F_KW, NULL},
  {"zeros_like", f_zeros_like, BI_VARARGS, BI_F_KW, NULL}, {"ones_like", f_ones_like, BI_VARARGS, BI_F_KW, NULL},
  {"empty_like", f_empty_like, BI_VARARGS, BI_F_KW, NULL}, {"rand_like", f_rand_like, BI_VARARGS, BI_F_KW, NULL},
  {"randn_like", f_randn_like, BI_VARARGS, BI_F_KW, NULL}, {"full_like", f_full_like, BI_VARARGS, BI_F_KW, NULL},
  {"randint_like", f_randint_like, BI_VARARGS, BI_F_KW, NULL},
  {"numel", m_numel, BI_VARARGS, 0, NULL}, {"is_floating_point", m_is_floating_point, BI_VARARGS, 0, NULL},
  {"clone", m_clone, BI_VARARGS, BI_F_KW, NULL},
  {"reshape", m_reshape, BI_VARARGS, BI_F_KW, NULL}, {"flatten", m_flatten, BI_VARARGS, BI_F_KW, NULL},
  {"unflatten", m_unflatten, BI_VARARGS, 0, NULL},
  {"t", m_t, BI_VARARGS, 0, NULL}, {"transpose", m_transpose, BI_VARARGS, BI_F_KW, NULL},
  {"swapaxes", m_transpose, BI_VARARGS, BI_F_KW, NULL}, {"permute", m_permute, BI_VARARGS, BI_F_KW, NULL},
  {"squeeze", m_squeeze, BI_VARARGS, BI_F_KW, NULL}, {"unsqueeze", m_unsqueeze, BI_VARARGS, BI_F_KW, NULL},
  {"narrow", m_narrow, BI_VARARGS, 0, NULL}, {"select", m_select, BI_VARARGS, 0, NULL},
  {"split", m_split, BI_VARARGS, BI_F_KW, NULL}, {"chunk", m_chunk, BI_VARARGS, BI_F_KW, NULL},
  {"unbind", m_unbind, BI_VARARGS, BI_F_KW, NULL}, {"flip", m_flip, BI_VARARGS, BI_F_KW, NULL},
  {"diagonal", m_diagonal, BI_VARARGS, BI_F_KW, NULL},
  {"tril", m_tril, BI_VARARGS, BI_F_KW, NULL}, {"triu", m_triu, BI_VARARGS, BI_F_KW, NULL},
  {"index_select", m_index_select, BI_VARARGS, BI_F_KW, NULL}, {"gather", m_gather, BI_VARARGS, BI_F_KW, NULL},
  {"scatter", m_scatter, BI_VARARGS, BI_F_KW, NULL}, {"scatter_add", m_scatter_add, BI_VARARGS, BI_F_KW, NULL},
  {"index_add", m_index_add, BI_VARARGS, BI_F_KW, NULL},
  {"bincount", m_bincount, BI_VARARGS, BI_F_KW, NULL},
  {"masked_select", m_masked_select, BI_VARARGS, 0, NULL}, {"masked_fill", m_masked_fill, BI_VARARGS, BI_F_KW, NULL},
  {"nonzero", m_nonzero, BI_VARARGS, BI_F_KW, NULL}, {"where", f_where, BI_VARARGS, 0, NULL},
  {"sum", m_sum, BI_VARARGS, BI_F_KW, NULL}, {"mean", m_mean, BI_VARARGS, BI_F_KW, NULL},
  {"prod", m_prod, BI_VARARGS, BI_F_KW, NULL}, {"std", m_std, BI_VARARGS, BI_F_KW, NULL},
  {"var", m_var, BI_VARARGS, BI_F_KW, NULL}, {"norm", m_norm, BI_VARARGS, BI_F_KW, NULL},
  {"max", m_max, BI_VARARGS, BI_F_KW, NULL}, {"min", m_min, BI_VARARGS, BI_F_KW, NULL},
  {"argmax", m_argmax, BI_VARARGS, BI_F_KW, NULL}, {"argmin", m_argmin, BI_VARARGS, BI_F_KW, NULL},
  {"amax", m_amax, BI_VARARGS, BI_F_KW, NULL}, {"amin", m_amin, BI_VARARGS, BI_F_KW, NULL},
  {"all", m_all, BI_VARARGS, BI_F_KW, NULL}, {"any", m_any, BI_VARARGS, BI_F_KW, NULL},
  {"logsumexp", m_logsumexp, BI_VARARGS, BI_F_KW, NULL},
  {"cumsum", m_cumsum, BI_VARARGS, BI_F_KW, NULL}, {"cumprod", m_cumprod, BI_VARARGS, BI_F_KW, NULL},
  {"softmax", m_softmax, BI_VARARGS, BI_F_KW, NULL}, {"log_softmax", m_log_softmax, BI_VARARGS, BI_F_KW, NULL},
  {"sort", m_sort, BI_VARARGS, BI_F_KW, NULL}, {"argsort", m_argsort, BI_VARARGS, BI_F_KW, NULL},
  {"unique", m_unique, BI_VARARGS, BI_F_KW, NULL},
  {"topk", m_topk, BI_VARARGS, BI_F_KW, NULL},
  {"matmul", m_matmul, BI_VARARGS, BI_F_KW, NULL}, {"mm", m_mm, BI_VARARGS, BI_F_KW, NULL},
  {"bmm", m_bmm, BI_VARARGS, BI_F_KW, NULL}, {"mv", m_mv, BI_VARARGS, BI_F_KW, NULL},
  {"dot", m_dot, BI_VARARGS, BI_F_KW, NULL}, {"outer", m_outer, BI_VARARGS, BI_F_KW, NULL},
  {"ger", m_outer, BI_VARARGS, BI_F_KW, NULL}, {"addmm", m_addmm, BI_VARARGS, BI_F_KW, NULL},
  {"equal", f_equal, BI_VARARGS, 0, NULL}, {"allclose", f_allclose, BI_VARARGS, BI_F_KW, NULL},
  {"isclose", f_isclose, BI_VARARGS, BI_F_KW, NULL}, {"is_tensor", f_is_tensor, BI_VARARGS, 0, NULL},
  {"cat", f_cat, BI_VARARGS, BI_F_KW, "cat(tensors, dim=0, *, out=None) -> Tensor\n\nConcatenates the given sequence of tensors in the given dimension."},
  {"concat", f_cat, BI_VARARGS, BI_F_KW, NULL},
  {"stack", f_stack, BI_VARARGS, BI_F_KW, "stack(tensors, dim=0, *, out=None) -> Tensor\n\nConcatenates a sequence of tensors along a new dimension."},
  {"leaky_relu", m_leaky_relu, BI_VARARGS, BI_F_KW, NULL},
  {NULL, NULL, 0, 0, NULL}
};
