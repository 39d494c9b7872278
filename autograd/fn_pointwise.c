/*
** autograd/fn_pointwise.c — elementwise ops with parameters: clamp (scalar and tensor bounds),
** pow with a scalar exponent or base, leaky_relu, where, masked_fill, addcmul, addcdiv, lerp.
*/
#include <math.h>

#include "autograd/internal.h"

/* ---- clamp ---- */

enum { CL_MIN = 1, CL_MAX = 2 };

/* clamp_backward: where(self >= min & self <= max, grad, 0); ClampMin/ClampMax are one-sided. */
static int clamp_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *self = ag_unpack(n, 0);
  if (!self) return -1;
  ag_pool p = {0};
  ten_tensor *g = gout[0], *pred = NULL;
  if ((n->flags & CL_MIN) && (n->flags & CL_MAX))
    pred = ag_pcmp(&p, TEN_BINOP_LOGICAL_AND, ag_pcmp_s(&p, TEN_BINOP_GE, self, n->s[0]),
                   ag_pcmp_s(&p, TEN_BINOP_LE, self, n->s[1]));
  else if (n->flags & CL_MIN) pred = ag_pcmp_s(&p, TEN_BINOP_GE, self, n->s[0]);
  else if (n->flags & CL_MAX) pred = ag_pcmp_s(&p, TEN_BINOP_LE, self, n->s[1]);
  gin[0] = ag_pool_keep(&p, pred ? ag_pwhere(&p, pred, g, ag_pzero(&p, g)) : g);
  ag_pool_free(&p);
  ten_release(self);
  return gin[0] ? 0 : -1;
}

static void clamp_params(ag_node *n, const ten_scalar *min, const ten_scalar *max) {
  n->flags = (min ? CL_MIN : 0) | (max ? CL_MAX : 0);
  if (min) n->s[0] = ten_scalar_to_double(*min);
  if (max) n->s[1] = ten_scalar_to_double(*max);
}

static ten_tensor *clamp_named(ten_tensor *t, const ten_scalar *min, const ten_scalar *max, const char *name) {
  ten_tensor *y = ten_clamp(t, min, max);
  if (!y || !ag_needs(t)) return y;
  ag_node *n = ag_record(&y, name, clamp_backward, &t, 1, 1);
  if (!n) return NULL;
  clamp_params(n, min, max);
  ag_save(n, 0, t, false);
  return y;
}

ten_tensor *ag_clamp(ten_tensor *t, const ten_scalar *min, const ten_scalar *max) {
  return clamp_named(t, min, max, "ClampBackward1");
}
ten_tensor *ag_clamp_min(ten_tensor *t, ten_scalar min) { return clamp_named(t, &min, NULL, "ClampMinBackward0"); }
ten_tensor *ag_clamp_max(ten_tensor *t, ten_scalar max) { return clamp_named(t, NULL, &max, "ClampMaxBackward0"); }

int ag_clamp_(ten_tensor *t, const ten_scalar *min, const ten_scalar *max) {
  ag_node *n;
  if (ag_inplace_begin(t, &t, 1, "ClampBackward1", clamp_backward, 1, &n)) return -1;
  ten_tensor *orig = n ? ag_clone(t) : NULL;
  if (n && !orig) return ag_inplace_end(t, n, -1);
  int rc = ten_clamp_(t, min, max);
  if (n && rc == 0) {
    clamp_params(n, min, max);
    ag_save(n, 0, orig, false);
  }
  ten_release(orig);
  return ag_inplace_end(t, n, rc);
}

/* ClampBackward0 (tensor bounds): self inside [min, max]; min where self < min (and min < max);
   max where self > max (or max < min). Saved: self, min, max. */
static int clamp_tensor_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[3] = {NULL, NULL, NULL};
  for (int i = 0; i < 3; i++)
    if (!(sv[i] = ag_unpack(n, i)) && ten_error_kind()) {
      ag_release_all(sv, 3);
      return -1;
    }
  ten_tensor *self = sv[0], *mn = sv[1], *mx = sv[2], *g = gout[0];
  ag_pool p = {0};
  ten_tensor *zero = ag_pzero(&p, g), *r[3] = {NULL, NULL, NULL};
  if (ag_should_compute(n, 0)) {
    ten_tensor *pred = mn && mx ? ag_pcmp(&p, TEN_BINOP_LOGICAL_AND, ag_pcmp(&p, TEN_BINOP_GE, self, mn), ag_pcmp(&p, TEN_BINOP_LE, self, mx))
                       : mn ? ag_pcmp(&p, TEN_BINOP_GE, self, mn)
                            : ag_pcmp(&p, TEN_BINOP_LE, self, mx);
    r[0] = ag_pwhere(&p, pred, g, zero);
  }
  if (mn && ag_should_compute(n, 1)) {
    ten_tensor *pred = ag_pcmp(&p, TEN_BINOP_LT, self, mn);
    if (mx) pred = ag_pcmp(&p, TEN_BINOP_LOGICAL_AND, pred, ag_pcmp(&p, TEN_BINOP_LT, mn, mx));
    r[1] = ag_pwhere(&p, pred, g, zero);
  }
  if (mx && ag_should_compute(n, 2)) {
    ten_tensor *pred = ag_pcmp(&p, TEN_BINOP_GT, self, mx);
    if (mn) pred = ag_pcmp(&p, TEN_BINOP_LOGICAL_OR, pred, ag_pcmp(&p, TEN_BINOP_LT, mx, mn));
    r[2] = ag_pwhere(&p, pred, g, zero);
  }
  bool ok = true;
  for (int i = 0; i < 3; i++) {
    bool want = ag_should_compute(n, i) && (i == 0 || sv[i]);
    gin[i] = ag_pool_keep(&p, r[i]);
    ok &= !want || gin[i];
  }
  ag_pool_free(&p);
  ag_release_all(sv, 3);
  return ok ? 0 : -1;
}

ten_tensor *ag_clamp_tensor(ten_tensor *t, ten_tensor *min, ten_tensor *max) {
  ten_tensor *y = t;
  ten_retain(y);
  if (min) {
    ten_tensor *m = ten_binary(TEN_BINOP_MAXIMUM, y, min, ten_scalar_int(1));
    ten_release(y);
    y = m;
  }
  if (y && max) {
    ten_tensor *m = ten_binary(TEN_BINOP_MINIMUM, y, max, ten_scalar_int(1));
    ten_release(y);
    y = m;
  }
  if (y == t) {   /* no bounds: PyTorch's error */
    ten_release(y);
    ten_error_set(TEN_E_RUNTIME, "torch.clamp: At least one of 'min' or 'max' must not be None");
    return NULL;
  }
  ten_tensor *ins[3] = {t, min, max};
  if (!y || !ag_needs_any(ins, 3)) return y;
  ag_node *n = ag_record(&y, "ClampBackward0", clamp_tensor_backward, ins, 3, 3);
  if (!n) return NULL;
  for (int i = 0; i < 3; i++) ag_save(n, i, ins[i], false);
  return y;
}

/* ---- pow with a scalar exponent / base ---- */

/* pow_backward: exponent 0 -> zeros; else grad * (exponent * self.pow(exponent - 1)). */
static int pow_scalar_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *self = ag_unpack(n, 0);
  if (!self) return -1;
  ag_pool p = {0};
  double e = n->s[0];
  ten_tensor *r = e == 0.0 ? ag_pzeros_like(&p, self)
                           : ag_pmul(&p, gout[0], ag_pmul_s(&p, ag_ppow_s(&p, self, e - 1.0), e));
  gin[0] = ag_pool_keep(&p, r);
  ag_pool_free(&p);
  ten_release(self);
  return gin[0] ? 0 : -1;
}

ten_tensor *ag_pow_scalar(ten_tensor *t, ten_scalar exponent) {
  ten_tensor *y = ten_pow_scalar(t, exponent);
  if (!y || !ag_needs(t)) return y;
  ag_node *n = ag_record(&y, "PowBackward0", pow_scalar_backward, &t, 1, 1);
  if (!n) return NULL;
  n->s[0] = ten_scalar_to_double(exponent);
  ag_save(n, 0, t, false);
  return y;
}

int ag_pow_scalar_(ten_tensor *t, ten_scalar exponent) {
  ag_node *n;
  if (ag_inplace_begin(t, &t, 1, "PowBackward0", pow_scalar_backward, 1, &n)) return -1;
  ten_tensor *orig = n ? ag_clone(t) : NULL;
  if (n && !orig) return ag_inplace_end(t, n, -1);
  ten_tensor *w = ten_wrap_scalar(exponent);
  int rc = w ? ten_binary_(TEN_BINOP_POW, t, w, ten_scalar_int(1)) : -1;
  ten_release(w);
  if (n && rc == 0) {
    n->s[0] = ten_scalar_to_double(exponent);
    ag_save(n, 0, orig, false);
  }
  ten_release(orig);
  return ag_inplace_end(t, n, rc);
}

ten_tensor *ag_rpow_scalar(ten_scalar base, ten_tensor *t) {
  ten_tensor *y = ten_rpow_scalar(base, t);
  if (!y || !ag_needs(t)) return y;
  /* PyTorch wraps the base: pow(Tensor, Tensor) with edges (None, exponent): PowBackward1 */
  ten_tensor *w = ten_wrap_scalar(base);
  if (!w) {
    ten_release(y);
    return NULL;
  }
  ag_binary_attach(TEN_BINOP_POW, &y, w, t, 1.0);
  ten_release(w);
  return y;
}

/* ---- leaky_relu, where, masked_fill ---- */

/* LeakyReluBackward0 saves self, LeakyReluBackward1 (in place, flags 1) the result. */
static int leaky_relu_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  if (n->flags == 1 && n->s[0] < 0)
    return ten_error_set(TEN_E_RUNTIME,
                         "In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. "
                         "This is caused by calling in-place forward function with a negative slope, please call out-of-place "
                         "version instead. File an issue at https://github.com/pytorch/pytorch if you do require supporting "
                         "in-place leakRelu backward calculation with negative slope");
  ten_tensor *self = ag_unpack(n, 0);
  if (!self) return -1;
  ag_pool p = {0};
  ten_tensor *g = gout[0];
  gin[0] = ag_pool_keep(&p, ag_pwhere(&p, ag_pcmp_s(&p, TEN_BINOP_GT, self, 0.0), g, ag_pmul_s(&p, g, n->s[0])));
  ag_pool_free(&p);
  ten_release(self);
  return gin[0] ? 0 : -1;
}

ten_tensor *ag_leaky_relu(ten_tensor *t, double slope) {
  ten_tensor *y = ten_leaky_relu(t, slope);
  if (!y || !ag_needs(t)) return y;
  ag_node *n = ag_record(&y, "LeakyReluBackward0", leaky_relu_backward, &t, 1, 1);
  if (!n) return NULL;
  n->s[0] = slope;
  ag_save(n, 0, t, false);
  return y;
}

int ag_leaky_relu_(ten_tensor *t, double slope) {
  ag_node *n;
  if (ag_inplace_begin(t, &t, 1, "LeakyReluBackward1", leaky_relu_backward, 1, &n)) return -1;
  ten_tensor *y = ten_leaky_relu(t, slope);
  int rc = y ? ten_copy_(t, y) : -1;
  ten_release(y);
  if (n && rc == 0) {
    n->flags = 1;
    n->s[0] = slope;
    ag_save(n, 0, t, true);
  }
  return ag_inplace_end(t, n, rc);
}

/* WhereBackward0: edges (self, other); the condition is saved. */
static int where_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *cond = ag_unpack(n, 0);
  if (!cond) return -1;
  ag_pool p = {0};
  ten_tensor *g = gout[0];
  if (ag_should_compute(n, 0)) gin[0] = ag_pool_keep(&p, ag_pwhere(&p, cond, g, ag_pzero(&p, g)));
  if (ag_should_compute(n, 1)) gin[1] = ag_pool_keep(&p, ag_pwhere(&p, cond, ag_pzero(&p, g), g));
  ag_pool_free(&p);
  ten_release(cond);
  return (!ag_should_compute(n, 0) || gin[0]) && (!ag_should_compute(n, 1) || gin[1]) ? 0 : -1;
}

ten_tensor *ag_where(ten_tensor *cond, ten_tensor *a, ten_tensor *b) {
  ten_tensor *y = ten_where(cond, a, b);
  ten_tensor *ins[2] = {a, b};
  if (!y || !ag_needs_any(ins, 2)) return y;
  ag_node *n = ag_record(&y, "WhereBackward0", where_backward, ins, 2, 1);
  if (n) ag_save(n, 0, cond, false);
  return y;
}

/* MaskedFillBackward0: self gets grad with the masked places zeroed; a tensor value (edge 1) gets
   the sum of the grad at the masked places. */
static int masked_fill_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *mask = ag_unpack(n, 0);
  if (!mask) return -1;
  ag_pool p = {0};
  ten_tensor *g = gout[0];
  bool ok = true;
  if (ag_should_compute(n, 0)) {
    ten_tensor *z = ag_pzero(&p, g);
    gin[0] = ag_pool_keep(&p, g && z ? ag_p(&p, ag_masked_fill(g, mask, z)) : NULL);
    ok &= gin[0] != NULL;
  }
  if (ag_should_compute(n, 1)) {
    ten_tensor *sel = g ? ag_p(&p, ag_masked_select(g, mask)) : NULL;
    gin[1] = ag_pool_keep(&p, sel ? ag_p(&p, ag_sum(sel, NULL, 0, false, TEN_DTYPE_UNSET)) : NULL);
    ok &= gin[1] != NULL;
  }
  ag_pool_free(&p);
  ten_release(mask);
  return ok ? 0 : -1;
}

/* A Python number value is the Scalar overload (one edge); a tensor value is differentiable. */
static int masked_fill_edges(ten_tensor *value) { return value->wrapped_number ? 1 : 2; }

ten_tensor *ag_masked_fill(ten_tensor *t, ten_tensor *mask, ten_tensor *value) {
  ten_tensor *y = ten_masked_fill(t, mask, value);
  ten_tensor *ins[2] = {t, value};
  int k = masked_fill_edges(value);
  if (!y || !ag_needs_any(ins, k)) return y;
  ag_node *n = ag_record(&y, k == 1 ? "MaskedFillBackward0" : "MaskedFillBackward1", masked_fill_backward, ins, k, 1);
  if (n) ag_save(n, 0, mask, false);
  return y;
}

int ag_masked_fill_(ten_tensor *t, ten_tensor *mask, ten_tensor *value) {
  ten_tensor *ins[2] = {t, value};
  ag_node *n;
  int k = masked_fill_edges(value);
  if (ag_inplace_begin(t, ins, k, k == 1 ? "MaskedFillBackward0" : "MaskedFillBackward1", masked_fill_backward, 1, &n))
    return -1;
  int rc = ten_masked_fill_(t, mask, value);
  if (n && rc == 0) ag_save(n, 0, mask, false);
  return ag_inplace_end(t, n, rc);
}

/* ---- addcmul, addcdiv, lerp ---- */

/* Saved: tensor1, tensor2; s[0] = value. */
static int addc_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *t1 = ag_unpack(n, 0), *t2 = NULL;
  if (!t1 && ten_error_kind()) return -1;
  t2 = ag_unpack(n, 1);
  if (!t2 && ten_error_kind()) {
    ten_release(t1);
    return -1;
  }
  ag_pool p = {0};
  ten_tensor *g = gout[0];
  double v = n->s[0];
  bool div = n->flags != 0, ok = true;
  gin[0] = ag_should_compute(n, 0) ? ag_pool_keep(&p, g) : NULL;
  if (ag_should_compute(n, 1)) {
    ten_tensor *f = div ? ag_pdiv(&p, ag_p(&p, t2 ? ten_full_like(t2, ten_scalar_float(v)) : NULL), t2)  /* value / tensor2 */
                        : ag_pmul_s(&p, t2, v);                                                       /* tensor2 * value */
    gin[1] = ag_pool_keep(&p, ag_pmul(&p, g, f));
    ok &= gin[1] != NULL;
  }
  if (ag_should_compute(n, 2)) {
    ten_tensor *f = div ? ag_pmul(&p, ag_punary(&p, TEN_UNOP_NEG, g), ag_pdiv(&p, ag_pmul_s(&p, t1, v), ag_pmul(&p, t2, t2)))
                        : ag_pmul(&p, g, ag_pmul_s(&p, t1, v));
    gin[2] = ag_pool_keep(&p, f);
    ok &= gin[2] != NULL;
  }
  ag_pool_free(&p);
  ten_release(t1);
  ten_release(t2);
  return ok ? 0 : -1;
}

static ten_tensor *addc(ten_tensor *y, ten_tensor *a, ten_tensor *t1, ten_tensor *t2, ten_scalar value, bool div) {
  ten_tensor *ins[3] = {a, t1, t2};
  if (!y || !ag_needs_any(ins, 3)) return y;
  ag_node *n = ag_record(&y, div ? "AddcdivBackward0" : "AddcmulBackward0", addc_backward, ins, 3, 2);
  if (!n) return NULL;
  n->s[0] = ten_scalar_to_double(value);
  n->flags = div;
  bool c1 = ag_should_compute(n, 1), c2 = ag_should_compute(n, 2);
  if (c2) ag_save(n, 0, t1, false);
  if (c1 || (div && c2)) ag_save(n, 1, t2, false);
  return y;
}

ten_tensor *ag_addcmul(ten_tensor *a, ten_tensor *t1, ten_tensor *t2, ten_scalar value) {
  return addc(ten_addcmul(a, t1, t2, value), a, t1, t2, value, false);
}

ten_tensor *ag_addcdiv(ten_tensor *a, ten_tensor *t1, ten_tensor *t2, ten_scalar value) {
  return addc(ten_addcdiv(a, t1, t2, value), a, t1, t2, value, true);
}

static int lerp_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ag_pool p = {0};
  double w = n->s[0];
  if (ag_should_compute(n, 0)) gin[0] = ag_pool_keep(&p, ag_pmul_s(&p, gout[0], 1.0 - w));
  if (ag_should_compute(n, 1)) gin[1] = ag_pool_keep(&p, ag_pmul_s(&p, gout[0], w));
  ag_pool_free(&p);
  return (!ag_should_compute(n, 0) || gin[0]) && (!ag_should_compute(n, 1) || gin[1]) ? 0 : -1;
}

ten_tensor *ag_lerp(ten_tensor *a, ten_tensor *b, ten_scalar weight) {
  ten_tensor *y = ten_lerp(a, b, weight);
  ten_tensor *ins[2] = {a, b};
  if (!y || !ag_needs_any(ins, 2)) return y;
  ag_node *n = ag_record(&y, "LerpBackward0", lerp_backward, ins, 2, 0);
  if (n) n->s[0] = ten_scalar_to_double(weight);
  return y;
}
