/*
** autograd/fn_binary.c — elementwise binary ops (TEN_BINOP list): add, sub, mul, div (and its
** rounding modes), pow with a tensor exponent, atan2, maximum/minimum, remainder/fmod, Python's
** number - tensor (rsub), and their in-place forms. Gradients come out in the broadcast shape; the
** engine reduces them to each input's shape. What is saved follows PyTorch (only what the inputs
** that want gradients need), which decides whether a second backward is an error.
*/
#include "autograd/internal.h"

/* n->flags: the op; n->s[0]: alpha. Saved slots: 0 self, 1 other, 2 result. */
enum { S_SELF, S_OTHER, S_RESULT, S_COUNT };

static ten_tensor *maybe_multiply(ag_pool *p, ten_tensor *g, double alpha) {
  return alpha == 1.0 ? g : ag_pmul_s(p, g, alpha);
}

/* self.div(other, rounding_mode) */
static ten_tensor *div_mode(ag_pool *p, ten_tensor *a, ten_tensor *b, ten_binop mode) {
  return a && b ? ag_p(p, ten_binary(mode, a, b, ten_scalar_int(1))) : NULL;
}

static int binary_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_binop op = (ten_binop)n->flags;
  bool c0 = ag_should_compute(n, 0), c1 = ag_should_compute(n, 1);
  ten_tensor *sv[S_COUNT] = {NULL, NULL, NULL};
  for (int i = 0; i < n->n_saved; i++) {
    sv[i] = ag_unpack(n, i);
    if (!sv[i] && ten_error_kind()) {
      ag_release_all(sv, S_COUNT);
      return -1;
    }
  }
  ten_tensor *g = gout[0], *self = sv[S_SELF], *other = sv[S_OTHER], *result = sv[S_RESULT];
  ag_pool p = {0};
  ten_tensor *r0 = NULL, *r1 = NULL;
  switch (op) {
  case TEN_BINOP_ADD:
    r0 = g;
    if (c1) r1 = maybe_multiply(&p, g, n->s[0]);
    break;
  case TEN_BINOP_SUB:
    r0 = g;
    if (c1) r1 = maybe_multiply(&p, ag_punary(&p, TEN_UNOP_NEG, g), n->s[0]);
    break;
  case TEN_BINOP_MUL:
    if (c0) r0 = ag_pmul(&p, g, other);
    if (c1) r1 = ag_pmul(&p, g, self);
    break;
  case TEN_BINOP_DIV:
    if (c0) r0 = ag_pdiv(&p, g, other);
    if (c1) r1 = ag_pmul(&p, ag_punary(&p, TEN_UNOP_NEG, g), ag_pdiv(&p, ag_pdiv(&p, self, other), other));
    break;
  case TEN_BINOP_DIV_TRUNC:   /* grad * 0 for both (DivBackward2) */
    if (c0) r0 = ag_pmul_s(&p, g, 0.0);
    if (c1) r1 = ag_pmul_s(&p, g, 0.0);
    break;
  case TEN_BINOP_REMAINDER:
  case TEN_BINOP_FMOD:
    r0 = g;
    if (c1 && n->n_next > 1)
      r1 = ag_pmul(&p, ag_punary(&p, TEN_UNOP_NEG, g),
                   div_mode(&p, self, other, op == TEN_BINOP_FMOD ? TEN_BINOP_DIV_TRUNC : TEN_BINOP_DIV_FLOOR));
    break;
  case TEN_BINOP_POW:
    if (c0) /* where(exponent == 0, 0, grad * (exponent * self.pow(exponent - 1))) */
      r0 = ag_pwhere(&p, ag_pcmp_s(&p, TEN_BINOP_EQ, other, 0.0), ag_pzero(&p, g),
                     ag_pmul(&p, g, ag_pmul(&p, other, ag_p(&p, self && other ? ag_binary(TEN_BINOP_POW, self,
                                                                   ag_padd_s(&p, other, -1.0), ten_scalar_int(1))
                                                                 : NULL))));
    if (c1) { /* grad * where(self == 0 & exponent >= 0, 0, result * self.log()) */
      ten_tensor *cond = ag_pcmp(&p, TEN_BINOP_LOGICAL_AND, ag_pcmp_s(&p, TEN_BINOP_EQ, self, 0.0),
                                 ag_pcmp_s(&p, TEN_BINOP_GE, other, 0.0));
      r1 = ag_pmul(&p, g, ag_pwhere(&p, cond, ag_pzero(&p, g), ag_pmul(&p, result, ag_punary(&p, TEN_UNOP_LOG, self))));
    }
    break;
  case TEN_BINOP_ATAN2: {
    ten_tensor *recip = ag_punary(&p, TEN_UNOP_RECIPROCAL, ag_padd(&p, ag_pmul(&p, self, self), ag_pmul(&p, other, other)));
    if (c0) r0 = ag_pmul(&p, ag_pmul(&p, g, other), recip);
    if (c1) r1 = ag_pmul(&p, ag_pmul(&p, g, ag_punary(&p, TEN_UNOP_NEG, self)), recip);
    break;
  }
  case TEN_BINOP_MAXIMUM:
  case TEN_BINOP_MINIMUM: {
    /* where(self == other, grad / 2, grad).masked_fill_(self < other, 0) (max; mirrored for min) */
    ten_tensor *half = ag_pwhere(&p, ag_pcmp(&p, TEN_BINOP_EQ, self, other), ag_pdiv_s(&p, g, 2.0), g);
    ten_binop lose0 = op == TEN_BINOP_MAXIMUM ? TEN_BINOP_LT : TEN_BINOP_GT;
    ten_binop lose1 = op == TEN_BINOP_MAXIMUM ? TEN_BINOP_GT : TEN_BINOP_LT;
    if (c0) r0 = ag_pwhere(&p, ag_pcmp(&p, lose0, self, other), ag_pzero(&p, g), half);
    if (c1) r1 = ag_pwhere(&p, ag_pcmp(&p, lose1, self, other), ag_pzero(&p, g), half);
    break;
  }
  default:
    ten_error_set(TEN_E_RUNTIME, "derivative for %s is not implemented", n->name);
    break;
  }
  bool ok = (!c0 || r0) && (!c1 || n->n_next < 2 || r1);
  gin[0] = c0 ? ag_pool_keep(&p, r0) : NULL;
  if (n->n_next > 1) gin[1] = c1 ? ag_pool_keep(&p, r1) : NULL;
  ag_pool_free(&p);
  ag_release_all(sv, S_COUNT);
  return ok ? 0 : -1;
}

static int not_implemented_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  (void)n;
  (void)gout;
  (void)gin;
  return ten_error_set(TEN_E_RUNTIME, "derivative for aten::floor_divide is not implemented");
}

static const char *binary_name(ten_binop op, bool scalar_other) {
  switch (op) {
  case TEN_BINOP_ADD: return "AddBackward0";
  case TEN_BINOP_SUB: return "SubBackward0";
  case TEN_BINOP_MUL: return "MulBackward0";
  case TEN_BINOP_DIV: return "DivBackward0";
  case TEN_BINOP_DIV_TRUNC: return "DivBackward2";
  case TEN_BINOP_DIV_FLOOR: return "NotImplemented";
  case TEN_BINOP_REMAINDER: return scalar_other ? "RemainderBackward0" : "RemainderBackward1";
  case TEN_BINOP_FMOD: return scalar_other ? "FmodBackward0" : "FmodBackward1";
  case TEN_BINOP_POW: return "PowBackward1";
  case TEN_BINOP_ATAN2: return "Atan2Backward0";
  case TEN_BINOP_MAXIMUM: return "MaximumBackward0";
  case TEN_BINOP_MINIMUM: return "MinimumBackward0";
  default: return NULL;   /* comparisons, logical and bitwise ops: no gradient */
  }
}

/* Which slots the formula reads, given which inputs want gradients (PyTorch saves no more). */
static void needed_saves(ten_binop op, bool c0, bool c1, bool need[S_COUNT]) {
  need[S_SELF] = need[S_OTHER] = need[S_RESULT] = false;
  switch (op) {
  case TEN_BINOP_MUL: need[S_OTHER] = c0; need[S_SELF] = c1; break;
  case TEN_BINOP_DIV: need[S_OTHER] = c0 || c1; need[S_SELF] = c1; break;
  case TEN_BINOP_REMAINDER:
  case TEN_BINOP_FMOD: need[S_SELF] = need[S_OTHER] = c1; break;
  case TEN_BINOP_POW: need[S_SELF] = need[S_OTHER] = true; need[S_RESULT] = c1; break;
  case TEN_BINOP_ATAN2:
  case TEN_BINOP_MAXIMUM:
  case TEN_BINOP_MINIMUM: need[S_SELF] = need[S_OTHER] = true; break;
  default: break;
  }
}

/* Node for op on (a, b); k edges (1 for Scalar overloads). */
static ag_node *binary_node(ten_binop op, ten_tensor *a, ten_tensor *b, double alpha, bool *need) {
  bool scalar_other = b->wrapped_number && (op == TEN_BINOP_REMAINDER || op == TEN_BINOP_FMOD);
  int k = scalar_other || op == TEN_BINOP_DIV_FLOOR ? 1 : 2;
  ag_node *n = ag_node_new(binary_name(op, scalar_other), op == TEN_BINOP_DIV_FLOOR ? not_implemented_backward : binary_backward,
                           k, S_COUNT);
  if (!n) return NULL;
  ag_node_set_input(n, 0, a);
  if (k > 1) ag_node_set_input(n, 1, b);
  n->flags = (int)op;
  n->s[0] = alpha;
  needed_saves(op, ag_should_compute(n, 0), k > 1 && ag_should_compute(n, 1), need);
  if (k == 1) need[S_SELF] = need[S_OTHER] = need[S_RESULT] = false;
  if (!need[S_RESULT]) n->n_saved = need[S_OTHER] ? 2 : need[S_SELF] ? 1 : 0;
  return n;
}

int ag_binary_attach(ten_binop op, ten_tensor **y, ten_tensor *a, ten_tensor *b, double alpha) {
  bool need[S_COUNT];
  ag_node *n = binary_node(op, a, b, alpha, need);
  if (!n || ag_set_history(*y, n, 0)) {
    ag_node_release(n);
    ten_release(*y);
    *y = NULL;
    return -1;
  }
  if (need[S_SELF]) ag_save(n, S_SELF, a, false);
  if (need[S_OTHER]) ag_save(n, S_OTHER, b, false);
  if (need[S_RESULT]) ag_save(n, S_RESULT, *y, true);
  ag_node_release(n);
  return 0;
}

ten_tensor *ag_binary(ten_binop op, ten_tensor *a, ten_tensor *b, ten_scalar alpha) {
  ten_tensor *y = ten_binary(op, a, b, alpha);
  if (!y || !binary_name(op, false) || !ag_is_grad_enabled() || !(a->requires_grad || b->requires_grad)) return y;
  ag_binary_attach(op, &y, a, b, ten_scalar_to_double(alpha));
  return y;
}

int ag_binary_(ten_binop op, ten_tensor *a, ten_tensor *b, ten_scalar alpha) {
  if (ag_check_inplace(a)) return -1;
  if (!binary_name(op, false) || !ag_is_grad_enabled() || !(a->requires_grad || b->requires_grad))
    return ten_binary_(op, a, b, alpha);
  bool need[S_COUNT];
  ag_node *n = binary_node(op, a, b, ten_scalar_to_double(alpha), need);
  if (!n) return -1;
  ten_tensor *orig = NULL;
  if (need[S_SELF] && !(orig = ag_clone(a))) return ag_inplace_end(a, n, -1);
  /* b may be a itself (x.mul_(x)): save it before the write too */
  ten_tensor *other = b == a && need[S_OTHER] ? orig : b;
  int rc = ten_binary_(op, a, b, alpha);
  if (rc == 0) {
    if (need[S_SELF]) ag_save(n, S_SELF, orig, false);
    if (need[S_OTHER]) ag_save(n, S_OTHER, other ? other : b, false);
    if (need[S_RESULT]) ag_save(n, S_RESULT, a, true);
  }
  ten_release(orig);
  return ag_inplace_end(a, n, rc);
}

ten_tensor *ag_add(ten_tensor *a, ten_tensor *b) { return ag_binary(TEN_BINOP_ADD, a, b, ten_scalar_int(1)); }
ten_tensor *ag_sub(ten_tensor *a, ten_tensor *b) { return ag_binary(TEN_BINOP_SUB, a, b, ten_scalar_int(1)); }
ten_tensor *ag_mul(ten_tensor *a, ten_tensor *b) { return ag_binary(TEN_BINOP_MUL, a, b, ten_scalar_int(1)); }
ten_tensor *ag_div(ten_tensor *a, ten_tensor *b) { return ag_binary(TEN_BINOP_DIV, a, b, ten_scalar_int(1)); }

static ten_tensor *with_scalar(ten_binop op, ten_tensor *a, ten_scalar s) {
  ten_tensor *w = ten_wrap_scalar(s);
  if (!w) return NULL;
  ten_tensor *r = ag_binary(op, a, w, ten_scalar_int(1));
  ten_release(w);
  return r;
}

ten_tensor *ag_add_scalar(ten_tensor *a, ten_scalar b) { return with_scalar(TEN_BINOP_ADD, a, b); }
ten_tensor *ag_mul_scalar(ten_tensor *a, ten_scalar b) { return with_scalar(TEN_BINOP_MUL, a, b); }

/* RsubBackward1: self gets -grad * alpha. */
static int rsub_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ag_pool p = {0};
  gin[0] = ag_pool_keep(&p, maybe_multiply(&p, ag_punary(&p, TEN_UNOP_NEG, gout[0]), n->s[0]));
  ag_pool_free(&p);
  return gin[0] ? 0 : -1;
}

ten_tensor *ag_rsub_scalar(ten_tensor *t, ten_scalar other, ten_scalar alpha) {
  ten_tensor *w = ten_wrap_scalar(other);
  ten_tensor *y = w ? ten_binary(TEN_BINOP_SUB, w, t, alpha) : NULL;
  ten_release(w);
  if (!y || !ag_needs(t)) return y;
  ag_node *n = ag_record(&y, "RsubBackward1", rsub_backward, &t, 1, 0);
  if (n) n->s[0] = ten_scalar_to_double(alpha);
  return y;
}
