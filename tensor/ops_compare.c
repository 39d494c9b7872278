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

ten_tensor *ten_isclose(ten_tensor *a, ten_tensor *b, double rtol, double atol, bool equal_nan) {
  if (a->dtype != b->dtype) {
    ten_error_set(TEN_E_RUNTIME, "%s did not match %s", ten_dtype_scalar_name(a->dtype), ten_dtype_scalar_name(b->dtype));
    return NULL;
  }
  /* close = (a == b) | (finite(a-b) & |a - b| <= atol + rtol * |b|) [| (isnan(a) & isnan(b))] */
  ten_tensor *eq = ten_binary(TEN_BINOP_EQ, a, b, ten_scalar_int(1));
  if (!eq || !ten_dtype_is_float(a->dtype)) return eq;
  ten_tensor *diff = ten_sub(a, b);
  ten_tensor *adiff = diff ? ten_unary(TEN_UNOP_ABS, diff) : NULL;
  ten_tensor *ab = adiff ? ten_unary(TEN_UNOP_ABS, b) : NULL;
  ten_tensor *r = ab ? ten_wrap_scalar(ten_scalar_float(rtol)) : NULL;
  ten_tensor *tol = r ? ten_mul(ab, r) : NULL;
  ten_tensor *at = tol ? ten_wrap_scalar(ten_scalar_float(atol)) : NULL;
  if (at && ten_binary_(TEN_BINOP_ADD, tol, at, ten_scalar_int(1))) {
    ten_release(tol);
    tol = NULL;
  }
  ten_tensor *le = tol ? ten_binary(TEN_BINOP_LE, adiff, tol, ten_scalar_int(1)) : NULL;
  ten_tensor *out = le ? ten_binary(TEN_BINOP_LOGICAL_OR, eq, le, ten_scalar_int(1)) : NULL;
  if (out && equal_nan) {
    ten_tensor *na = ten_unary(TEN_UNOP_ISNAN, a), *nb = na ? ten_unary(TEN_UNOP_ISNAN, b) : NULL;
    ten_tensor *both = nb ? ten_binary(TEN_BINOP_LOGICAL_AND, na, nb, ten_scalar_int(1)) : NULL;
    int rc = both ? ten_binary_(TEN_BINOP_LOGICAL_OR, out, both, ten_scalar_int(1)) : -1;
    ten_release(na);
    ten_release(nb);
    ten_release(both);
    if (rc) {
      ten_release(out);
      out = NULL;
    }
  }
  ten_release(eq);
  ten_release(diff);
  ten_release(adiff);
  ten_release(ab);
  ten_release(r);
  ten_release(tol);
  ten_release(at);
  ten_release(le);
  return out;
}

int ten_allclose(ten_tensor *a, ten_tensor *b, double rtol, double atol, bool equal_nan) {
  return all_true(ten_isclose(a, b, rtol, atol, equal_nan));
}
