/*
** tensor/ops_ternary.c — ops over three broadcast tensors: where, masked_fill, addcmul, addcdiv,
** lerp (the last three are the optimizer building blocks).
*/
#include "tensor/internal.h"

/* out = op(a, b, c; s) with a of dtype adt (bool for WHERE) and b, c (and out) of dtype dt. */
static ten_tensor *ternary_run(ten_ternop op, ten_tensor *a, ten_dtype adt, ten_tensor *b, ten_tensor *c,
                               ten_dtype dt, double s, ten_tensor *target) {
  ten_tensor *ins[3] = {a, b, c};
  ten_device dev;
  int64_t shape[TEN_MAX_DIMS], tmp[TEN_MAX_DIMS];
  int ndim, n2;
  if (ten_ew_device(ins, 3, &dev)) return NULL;
  if (ten_broadcast_shapes(a->shape, a->ndim, b->shape, b->ndim, tmp, &n2) ||
      ten_broadcast_shapes(tmp, n2, c->shape, c->ndim, shape, &ndim))
    return NULL;
  if (target && ten_ew_check_out(target, shape, ndim, dt, true)) return NULL;
  bool direct = target && target->dtype == dt && ten_same_or_disjoint(target, a) &&
                ten_same_or_disjoint(target, b) && ten_same_or_disjoint(target, c);
  ten_tensor *out = direct ? target : ten_ew_output(ins, 3, shape, ndim, dt);
  if (!out) return NULL;
  if (direct) ten_retain(out);
  ten_tensor *xa = ten_ew_input(a, adt, shape, ndim, dev);
  ten_tensor *xb = xa ? ten_ew_input(b, dt, shape, ndim, dev) : NULL;
  ten_tensor *xc = xb ? ten_ew_input(c, dt, shape, ndim, dev) : NULL;
  const ten_backend *be = xc ? ten_backend_for(dev) : NULL;
  int rc = be ? be->ternary(op, out, xa, xb, xc, s) : -1;
  ten_release(xa);
  ten_release(xb);
  ten_release(xc);
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

ten_tensor *ten_where(ten_tensor *cond, ten_tensor *a, ten_tensor *b) {
  if (cond->dtype != TEN_DTYPE_BOOL && cond->dtype != TEN_DTYPE_U8) {
    ten_error_set(TEN_E_RUNTIME, "where expected condition to be a boolean tensor, but got a tensor with dtype %s",
                  ten_dtype_scalar_name(cond->dtype));
    return NULL;
  }
  const ten_tensor *pair[2] = {a, b};
  return ternary_run(TEN_TERNOP_WHERE, cond, TEN_DTYPE_BOOL, a, b, ten_result_type(pair, 2), 0, NULL);
}

static int check_fill_value(const ten_tensor *value) {
  if (value->ndim != 0)
    return ten_error_set(TEN_E_RUNTIME,
                         "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with %d dimension(s).",
                         value->ndim);
  return 0;
}

int ten_masked_fill_(ten_tensor *t, ten_tensor *mask, ten_tensor *value) {
  if (check_fill_value(value)) return -1;
  ten_tensor *r = ternary_run(TEN_TERNOP_WHERE, mask, TEN_DTYPE_BOOL, value, t, t->dtype, 0, t);
  ten_release(r);
  return r ? 0 : -1;
}

ten_tensor *ten_masked_fill(ten_tensor *t, ten_tensor *mask, ten_tensor *value) {
  if (check_fill_value(value)) return NULL;
  return ternary_run(TEN_TERNOP_WHERE, mask, TEN_DTYPE_BOOL, value, t, t->dtype, 0, NULL);
}

static ten_tensor *arith3(ten_ternop op, ten_tensor *a, ten_tensor *t1, ten_tensor *t2, ten_scalar s) {
  const ten_tensor *three[3] = {a, t1, t2};
  ten_dtype dt = ten_result_type(three, 3);
  /* the front end of WHERE converts `a` to bool; here every operand is numeric */
  return ternary_run(op, a, dt, t1, t2, dt, ten_scalar_to_double(s), NULL);
}

ten_tensor *ten_addcmul(ten_tensor *a, ten_tensor *t1, ten_tensor *t2, ten_scalar value) {
  return arith3(TEN_TERNOP_ADDCMUL, a, t1, t2, value);
}

ten_tensor *ten_addcdiv(ten_tensor *a, ten_tensor *t1, ten_tensor *t2, ten_scalar value) {
  if (!ten_dtype_is_float(t1->dtype) && !ten_dtype_is_float(t2->dtype)) {
    ten_error_set(TEN_E_RUNTIME,
                  "Integer division with addcdiv is no longer supported, and in a future release addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes.");
    return NULL;
  }
  return arith3(TEN_TERNOP_ADDCDIV, a, t1, t2, value);
}

ten_tensor *ten_lerp(ten_tensor *a, ten_tensor *b, ten_scalar weight) {
  ten_tensor *w = ten_wrap_scalar(weight);
  if (!w) return NULL;
  ten_tensor *r = arith3(TEN_TERNOP_LERP, a, b, w, weight);
  ten_release(w);
  return r;
}
