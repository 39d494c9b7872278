/*
** tensor/ops_unary.c — front end of the unary elementwise ops (ops.def) and the ops with scalar
** parameters: clamp, pow with a scalar exponent or base, leaky_relu. Float-valued ops promote
** integral inputs to the default dtype, as PyTorch does.
*/
#include <math.h>

#include "tensor/internal.h"

typedef enum { U_KEEP, U_FLOAT, U_BOOL } unop_kind;

static const struct {
  const char *name;
  unop_kind kind;
} unops[] = {
#define TEN_UNOP_X(name, str, result) {str, U_##result},
#include "tensor/ops.def"
};
_Static_assert(sizeof unops / sizeof unops[0] == TEN_UNOP_COUNT, "update ops.def users");

const char *ten_unop_name(ten_unop op) { return op >= 0 && op < TEN_UNOP_COUNT ? unops[op].name : "?"; }

static int unop_types(ten_unop op, const ten_tensor *t, ten_dtype *compute, ten_dtype *result) {
  *compute = *result = t->dtype;
  if (unops[op].kind == U_FLOAT && !ten_dtype_is_float(t->dtype)) *compute = *result = ten_default_dtype();
  if (unops[op].kind == U_BOOL) *result = TEN_DTYPE_BOOL;
  if (op == TEN_UNOP_SQUARE && t->dtype == TEN_DTYPE_BOOL) *compute = *result = TEN_DTYPE_I64;  /* pow(x, 2) */
  if (op == TEN_UNOP_NEG && t->dtype == TEN_DTYPE_BOOL)
    return ten_error_set(TEN_E_RUNTIME,
                         "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
  if (op == TEN_UNOP_RELU && t->dtype == TEN_DTYPE_BOOL)
    return ten_error_set(TEN_E_RUNTIME, "Boolean inputs not supported for relu");
  return 0;
}

/* Ops that keep the dtype are built with check_all_same_dtype: an in-place / out= target of
   another dtype is an error, not a cast. */
static int check_same_dtype_target(ten_unop op, const ten_tensor *target, ten_dtype result) {
  if (!target || unops[op].kind != U_KEEP || target->dtype == result) return 0;
  return ten_error_set(TEN_E_RUNTIME, "Found dtype %s but expected %s", ten_dtype_scalar_name(target->dtype),
                       ten_dtype_scalar_name(result));
}

/* The kernel call shared by every op here: out <- kernel(in converted to compute). target: in-place/out=. */
typedef int (*run_fn)(const ten_backend *b, ten_tensor *out, const ten_tensor *in, const void *ctx);

static ten_tensor *run_unary(ten_tensor *t, ten_tensor *target, bool inplace, ten_dtype compute, ten_dtype result,
                             run_fn fn, const void *ctx) {
  ten_device dev = t->storage->device;
  if (target) {
    const ten_tensor *one[1] = {t};
    if (ten_check_mem_overlap(target, one, 1) || ten_ew_check_out(target, t->shape, t->ndim, result, inplace))
      return NULL;
    if (!inplace && ten_resize_out(target, t->shape, t->ndim)) return NULL;
  }
  bool direct = target && target->dtype == result && ten_same_or_disjoint(target, t);
  ten_tensor *ins[1] = {t};
  ten_tensor *out = direct ? target : ten_ew_output(ins, 1, t->shape, t->ndim, result);
  if (!out) return NULL;
  if (direct) ten_retain(out);
  ten_tensor *x = ten_ew_input(t, compute, t->shape, t->ndim, dev);
  const ten_backend *b = x ? ten_backend_for(dev) : NULL;
  int rc = b ? fn(b, out, x, ctx) : -1;
  ten_release(x);
  if (rc == 0 && target && !direct) rc = ten_copy_(target, out);
  else if (rc == 0 && target) ten_bump_version(target);
  if (rc) {
    ten_release(out);
    return NULL;
  }
  if (target) {
    ten_release(out);
    ten_retain(target);
    return target;
  }
  return out;
}

static int call_unary(const ten_backend *b, ten_tensor *out, const ten_tensor *in, const void *ctx) {
  return b->unary(*(const ten_unop *)ctx, out, in);
}

static ten_tensor *unary_any(ten_unop op, ten_tensor *t, ten_tensor *target, bool inplace) {
  ten_dtype compute, result;
  if (unop_types(op, t, &compute, &result) || check_same_dtype_target(op, target, result)) return NULL;
  return run_unary(t, target, inplace, compute, result, call_unary, &op);
}

ten_tensor *ten_unary(ten_unop op, ten_tensor *t) { return unary_any(op, t, NULL, false); }

int ten_unary_(ten_unop op, ten_tensor *t) {
  ten_tensor *r = unary_any(op, t, t, true);
  ten_release(r);
  return r ? 0 : -1;
}

int ten_unary_out(ten_unop op, ten_tensor *out, ten_tensor *t) {
  ten_tensor *r = unary_any(op, t, out, false);
  ten_release(r);
  return r ? 0 : -1;
}

/* ---- parametrised ---- */

typedef struct param_ctx {
  ten_pop op;
  double p[2];
} param_ctx;

static int call_param(const ten_backend *b, ten_tensor *out, const ten_tensor *in, const void *ctx) {
  const param_ctx *c = ctx;
  return b->unary_param(c->op, out, in, c->p);
}

/* Result dtype of t combined with Python scalars (NULLs skipped). */
static ten_dtype with_scalars(const ten_tensor *t, const ten_scalar *a, const ten_scalar *b) {
  ten_tensor fake[2] = {{0}, {0}};
  const ten_tensor *list[3] = {t, NULL, NULL};
  const ten_scalar *s[2] = {a, b};
  for (int i = 0; i < 2; i++) {
    if (!s[i]) continue;
    fake[i].wrapped_number = true;
    fake[i].dtype = s[i]->kind == TEN_SCALAR_FLOAT ? TEN_DTYPE_F64
                  : s[i]->kind == TEN_SCALAR_INT ? TEN_DTYPE_I64 : TEN_DTYPE_BOOL;
    list[i + 1] = &fake[i];
  }
  return ten_result_type(list, 3);
}

static ten_tensor *clamp_any(ten_tensor *t, const ten_scalar *min, const ten_scalar *max, ten_tensor *target) {
  if (!min && !max) {
    ten_error_set(TEN_E_RUNTIME, "torch.clamp: At least one of 'min' or 'max' must not be None");
    return NULL;
  }
  ten_dtype dt = with_scalars(t, min, max);
  if (target && !ten_can_cast(dt, target->dtype)) {
    /* clamp_ names the target by its C++ type */
    ten_error_set(TEN_E_RUNTIME, "result type %s can't be cast to the desired output type %s",
                  ten_dtype_scalar_name(dt), ten_dtype_cpp_name(target->dtype));
    return NULL;
  }
  /* Scalar::to<scalar_t>() of the bounds (checked; -1 becomes 255 for uint8) */
  if ((min && ten_scalar_check(*min, dt)) || (max && ten_scalar_check(*max, dt))) return NULL;
  param_ctx c = {TEN_POP_CLAMP, {min ? ten_scalar_to_double(*min) : NAN, max ? ten_scalar_to_double(*max) : NAN}};
  return run_unary(t, target, target != NULL, dt, dt, call_param, &c);
}

ten_tensor *ten_clamp(ten_tensor *t, const ten_scalar *min, const ten_scalar *max) {
  return clamp_any(t, min, max, NULL);
}

int ten_clamp_(ten_tensor *t, const ten_scalar *min, const ten_scalar *max) {
  ten_tensor *r = clamp_any(t, min, max, t);
  ten_release(r);
  return r ? 0 : -1;
}

ten_tensor *ten_pow_scalar(ten_tensor *t, ten_scalar exponent) {
  ten_dtype dt = with_scalars(t, &exponent, NULL);
  if (!ten_dtype_is_float(dt) && exponent.kind != TEN_SCALAR_FLOAT && ten_scalar_to_double(exponent) < 0) {
    ten_error_set(TEN_E_RUNTIME, "Integers to negative integer powers are not allowed.");
    return NULL;
  }
  double e = ten_scalar_to_double(exponent);
  if (e == 0) {
    ten_tensor *r = ten_empty_on(t->shape, t->ndim, dt, t->storage->device);
    if (r && ten_fill_(r, ten_scalar_int(1))) {
      ten_release(r);
      return NULL;
    }
    if (r) r->storage->version = 0;
    return r;
  }
  if (e == 1) return ten_to_dtype(t, dt, true);
  param_ctx c = {TEN_POP_POW, {e, 0}};
  return run_unary(t, NULL, false, dt, dt, call_param, &c);
}

ten_tensor *ten_rpow_scalar(ten_scalar base, ten_tensor *t) {
  ten_dtype dt = with_scalars(t, &base, NULL);
  double b = ten_scalar_to_double(base);
  if (b == 1) {
    ten_tensor *r = ten_empty_on(t->shape, t->ndim, dt, t->storage->device);
    if (r && ten_fill_(r, ten_scalar_int(1))) {
      ten_release(r);
      return NULL;
    }
    if (r) r->storage->version = 0;
    return r;
  }
  param_ctx c = {TEN_POP_RPOW, {b, 0}};
  return run_unary(t, NULL, false, dt, dt, call_param, &c);
}

ten_tensor *ten_leaky_relu(ten_tensor *t, double slope) {
  if (!ten_dtype_is_float(t->dtype)) {
    ten_error_set(TEN_E_RUNTIME, "\"leaky_relu_cpu\" not implemented for '%s'", ten_dtype_scalar_name(t->dtype));
    return NULL;
  }
  param_ctx c = {TEN_POP_LEAKY_RELU, {slope, 0}};
  return run_unary(t, NULL, false, t->dtype, t->dtype, call_param, &c);
}
