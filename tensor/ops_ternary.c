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
  const ten_tensor *three[3] = {a, b, c};
  if (target && (ten_check_mem_overlap(target, three, 3) || ten_ew_check_out(target, shape, ndim, dt, true)))
    return NULL;
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

static int check_fill_value(const ten_tensor *t, const ten_tensor *mask, const ten_tensor *value, bool inplace) {
  int64_t shape[TEN_MAX_DIMS];
  int ndim;
  if (value->ndim != 0)
    return ten_error_set(TEN_E_RUNTIME,
                         "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with %d dimension(s).",
                         value->ndim);
  /* "tensor a" in the broadcast error: self in place (expand_inplace), else the mask (expand_outplace) */
  if (inplace) return ten_broadcast_shapes(t->shape, t->ndim, mask->shape, mask->ndim, shape, &ndim);
  return ten_broadcast_shapes(mask->shape, mask->ndim, t->shape, t->ndim, shape, &ndim);
}

/* The mask as bool. ATen 1.13's kernel reads any non-bool mask as its elements' first (low) byte
   and rejects bytes other than 0 and 1 ("Mask tensor can take 0 and 1 values only"), so a float
   mask of 1.0 fills nothing; this reproduces that. New reference. */
static ten_tensor *mask_as_bool(ten_tensor *mask) {
  if (mask->dtype == TEN_DTYPE_BOOL) {
    ten_retain(mask);
    return mask;
  }
  int64_t es = (int64_t)ten_dtype_size(mask->dtype), stride[TEN_MAX_DIMS];
  for (int d = 0; d < mask->ndim; d++) stride[d] = mask->stride[d] * es;
  ten_tensor *bytes = ten_from_storage(mask->storage, TEN_DTYPE_U8, mask->offset * es, mask->shape, stride, mask->ndim);
  ten_tensor *host = bytes ? ten_to_device(bytes, TEN_CPU, false) : NULL;
  ten_release(bytes);
  if (!host) return NULL;
  for (int64_t i = 0, n = ten_numel(host); i < n; i++) {
    if (ten_get_int(host, i) > 1) {
      ten_release(host);
      ten_error_set(TEN_E_RUNTIME, "Mask tensor can take 0 and 1 values only");
      return NULL;
    }
  }
  ten_release(host);
  ten_tensor *b = ten_from_storage(mask->storage, TEN_DTYPE_U8, mask->offset * es, mask->shape, stride, mask->ndim);
  ten_tensor *r = b ? ten_to_dtype(b, TEN_DTYPE_BOOL, false) : NULL;
  ten_release(b);
  return r;
}

int ten_masked_fill_(ten_tensor *t, ten_tensor *mask, ten_tensor *value) {
  if (check_fill_value(t, mask, value, true)) return -1;
  ten_tensor *m = mask_as_bool(mask);
  ten_tensor *r = m ? ternary_run(TEN_TERNOP_WHERE, m, TEN_DTYPE_BOOL, value, t, t->dtype, 0, t) : NULL;
  ten_release(m);
  ten_release(r);
  return r ? 0 : -1;
}

ten_tensor *ten_masked_fill(ten_tensor *t, ten_tensor *mask, ten_tensor *value) {
  if (check_fill_value(t, mask, value, false)) return NULL;
  ten_tensor *m = mask_as_bool(mask);
  ten_tensor *r = m ? ternary_run(TEN_TERNOP_WHERE, m, TEN_DTYPE_BOOL, value, t, t->dtype, 0, NULL) : NULL;
  ten_release(m);
  return r;
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
                  "Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes.");
    return NULL;
  }
  return arith3(TEN_TERNOP_ADDCDIV, a, t1, t2, value);
}

ten_tensor *ten_lerp(ten_tensor *a, ten_tensor *b, ten_scalar weight) {
  /* no promotion: both ends share one float dtype (named by its C++ type in the message) */
  if (a->dtype != b->dtype) {
    ten_error_set(TEN_E_RUNTIME, "expected dtype %s for `end` but got dtype %s", ten_dtype_cpp_name(a->dtype),
                  ten_dtype_cpp_name(b->dtype));
    return NULL;
  }
  if (!ten_dtype_is_float(a->dtype)) {
    ten_error_set(TEN_E_RUNTIME, "\"lerp_kernel_scalar\" not implemented for '%s'", ten_dtype_scalar_name(a->dtype));
    return NULL;
  }
  ten_tensor *w = ten_wrap_scalar(weight);
  if (!w) return NULL;
  ten_tensor *r = arith3(TEN_TERNOP_LERP, a, b, w, weight);
  ten_release(w);
  return r;
}
