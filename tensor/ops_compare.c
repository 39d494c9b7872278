/*
** tensor/ops_compare.c — whole-tensor comparisons: torch.equal, isclose, allclose.
*/
#include <math.h>

#include "tensor/internal.h"

/* 1 if every element of the bool tensor t is true, 0 if not, -1 on error. Releases t. */
static int all_true(ten_tensor *t) {
  if (!t) return -1;
  ten_tensor *a = ten_all(t, NULL, 0, false);
  ten_release(t);
  if (!a) return -1;
  ten_scalar s;
  int rc = ten_item(a, &s);
  ten_release(a);
  return rc ? -1 : (s.v.b ? 1 : 0);
}

bool ten_equal(ten_tensor *a, ten_tensor *b) {
  if (!ten_shape_equal(a->shape, a->ndim, b->shape, b->ndim)) return false;
  int r = all_true(ten_binary(TEN_BINOP_EQ, a, b, ten_scalar_int(1)));
  if (r < 0) ten_error_clear();
  return r == 1;
}

/* ATen's isclose: close = a == b [| isnan(a) & isnan(b)]; with a nonzero tolerance also
   | isfinite(|a - b|) & (|a - b| <= atol + |rtol * b|), bools computed in the default dtype. */
ten_tensor *ten_isclose(ten_tensor *a, ten_tensor *b, double rtol, double atol, bool equal_nan) {
  if (a->dtype != b->dtype) {
    ten_error_set(TEN_E_RUNTIME, "%s did not match %s", ten_dtype_scalar_name(a->dtype), ten_dtype_scalar_name(b->dtype));
    return NULL;
  }
  ten_tensor *close = ten_binary(TEN_BINOP_EQ, a, b, ten_scalar_int(1));
  if (close && equal_nan && ten_dtype_is_float(a->dtype)) {
    ten_tensor *na = ten_unary(TEN_UNOP_ISNAN, a), *nb = na ? ten_unary(TEN_UNOP_ISNAN, b) : NULL;
    ten_tensor *both = nb ? ten_binary(TEN_BINOP_LOGICAL_AND, na, nb, ten_scalar_int(1)) : NULL;
    int rc = both ? ten_binary_(TEN_BINOP_LOGICAL_OR, close, both, ten_scalar_int(1)) : -1;
    ten_release(na);
    ten_release(nb);
    ten_release(both);
    if (rc) {
      ten_release(close);
      return NULL;
    }
  }
  if (!close || (rtol == 0 && atol == 0)) return close;
  bool is_bool = a->dtype == TEN_DTYPE_BOOL;
  ten_tensor *ca = is_bool ? ten_to_dtype(a, ten_default_dtype(), false) : (ten_retain(a), a);
  ten_tensor *cb = is_bool ? ten_to_dtype(b, ten_default_dtype(), false) : (ten_retain(b), b);
  ten_tensor *r = ten_wrap_scalar(ten_scalar_float(rtol)), *at = ten_wrap_scalar(ten_scalar_float(atol));
  ten_tensor *rb = ca && cb && r && at ? ten_mul(r, cb) : NULL;
  ten_tensor *arb = rb ? ten_unary(TEN_UNOP_ABS, rb) : NULL;
  ten_tensor *allowed = arb ? ten_add(arb, at) : NULL;
  ten_tensor *diff = allowed ? ten_sub(ca, cb) : NULL;
  ten_tensor *actual = diff ? ten_unary(TEN_UNOP_ABS, diff) : NULL;
  ten_tensor *fin = actual ? ten_unary(TEN_UNOP_ISFINITE, actual) : NULL;
  ten_tensor *le = fin ? ten_binary(TEN_BINOP_LE, actual, allowed, ten_scalar_int(1)) : NULL;
  ten_tensor *ok = le ? ten_binary(TEN_BINOP_LOGICAL_AND, fin, le, ten_scalar_int(1)) : NULL;
  int rc = ok ? ten_binary_(TEN_BINOP_LOGICAL_OR, close, ok, ten_scalar_int(1)) : -1;
  ten_tensor *tmp[] = {ca, cb, r, at, rb, arb, allowed, diff, actual, fin, le, ok};
  for (size_t i = 0; i < sizeof tmp / sizeof tmp[0]; i++) ten_release(tmp[i]);
  if (rc) {
    ten_release(close);
    return NULL;
  }
  return close;
}

int ten_allclose(ten_tensor *a, ten_tensor *b, double rtol, double atol, bool equal_nan) {
  return all_true(ten_isclose(a, b, rtol, atol, equal_nan));
}
