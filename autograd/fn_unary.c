/*
** autograd/fn_unary.c — elementwise unary ops (tensor/ops.def's TEN_UNOP list): one table row per op
** with PyTorch's node name, what it saves (its input or its result) and its derivative formula,
** written as in PyTorch's derivatives.yaml so float32 results round the same way.
*/
#include <math.h>

#include "autograd/internal.h"

enum { SAVE_NONE, SAVE_SELF, SAVE_RESULT };

/* d(op)/dx applied to g; s is the saved tensor (self or result) or NULL. */
typedef ten_tensor *(*unary_formula)(ag_pool *p, ten_tensor *g, ten_tensor *s);

typedef struct unary_rule {
  const char *name;     /* NULL: not differentiable (no history recorded) */
  int save;
  unary_formula f;
} unary_rule;

#define U(name) static ten_tensor *name(ag_pool *p, ten_tensor *g, ten_tensor *s)
U(f_neg) { (void)s; return ag_punary(p, TEN_UNOP_NEG, g); }
U(f_abs) { return ag_pmul(p, g, ag_punary(p, TEN_UNOP_SIGN, s)); }
U(f_zero) { (void)s; return ag_pzeros_like(p, g); }
U(f_square) { return ag_pmul(p, g, ag_pmul_s(p, ag_ppow_s(p, s, 1.0), 2.0)); }   /* grad * (2 * self.pow(1)) */
U(f_relu) { return ag_pwhere(p, ag_pcmp_s(p, TEN_BINOP_LE, s, 0.0), ag_pzero(p, g), g); }  /* threshold_backward */
U(f_ident) { (void)s; (void)p; return g; }
U(f_exp) { return ag_pmul(p, g, s); }
U(f_exp2) { return ag_pmul_s(p, ag_pmul(p, g, s), M_LN2); }
U(f_expm1) { return ag_pmul(p, g, ag_padd_s(p, s, 1.0)); }
U(f_log) { return ag_pdiv(p, g, s); }
U(f_log2) { return ag_pdiv(p, g, ag_pmul_s(p, s, M_LN2)); }
U(f_log10) { return ag_pdiv(p, g, ag_pmul_s(p, s, M_LN10)); }
U(f_log1p) { return ag_pdiv(p, g, ag_padd_s(p, s, 1.0)); }
U(f_sqrt) { return ag_pdiv(p, g, ag_pmul_s(p, s, 2.0)); }
U(f_rsqrt) { return ag_pmul(p, ag_pmul_s(p, g, -0.5), ag_ppow_s(p, s, 3.0)); }
U(f_reciprocal) { return ag_pmul(p, ag_punary(p, TEN_UNOP_NEG, g), ag_pmul(p, s, s)); }
U(f_sin) { return ag_pmul(p, g, ag_punary(p, TEN_UNOP_COS, s)); }
U(f_cos) { return ag_pmul(p, g, ag_punary(p, TEN_UNOP_NEG, ag_punary(p, TEN_UNOP_SIN, s))); }
U(f_tan) { return ag_pmul(p, g, ag_padd_s(p, ag_ppow_s(p, s, 2.0), 1.0)); }
/* (-self * self + 1).rsqrt() */
static ten_tensor *one_minus_sq_rsqrt(ag_pool *p, ten_tensor *s) {
  return ag_punary(p, TEN_UNOP_RSQRT, ag_padd_s(p, ag_pmul(p, ag_punary(p, TEN_UNOP_NEG, s), s), 1.0));
}
U(f_asin) { return ag_pmul(p, g, one_minus_sq_rsqrt(p, s)); }
U(f_acos) { return ag_pmul(p, g, ag_punary(p, TEN_UNOP_NEG, one_minus_sq_rsqrt(p, s))); }
U(f_atan) { return ag_pdiv(p, g, ag_padd_s(p, ag_pmul(p, s, s), 1.0)); }
U(f_sinh) { return ag_pmul(p, g, ag_punary(p, TEN_UNOP_COSH, s)); }
U(f_cosh) { return ag_pmul(p, g, ag_punary(p, TEN_UNOP_SINH, s)); }
/* tanh/sigmoid backward by ATen's kernel when no graph is being built (backward without
   create_graph) and it applies; NULL otherwise (no error), or NULL with an error (*failed). */
static ten_tensor *fused_backward(ten_tensor *g, ten_tensor *y, bool sigmoid, bool *failed) {
  ten_tensor *r = NULL;
  *failed = g && y && !ag_is_grad_enabled() && ten_tanh_sigmoid_backward(g, y, sigmoid, &r) != 0;
  return r;
}

/* 1 - s * s rounded once (addcmul is fma(value * t1, t2, input)), with history for create_graph */
static ten_tensor *one_minus_square(ag_pool *p, ten_tensor *s) {
  if (!s) return NULL;
  ten_tensor *one = ten_wrap_scalar(ten_scalar_float(1.0));
  ten_tensor *r = one ? ag_addcmul(one, s, s, ten_scalar_int(-1)) : NULL;
  ten_release(one);
  return ag_p(p, r);
}

U(f_tanh) {                                                                            /* tanh_backward */
  bool failed;
  ten_tensor *r = fused_backward(g, s, false, &failed);
  if (failed) return NULL;
  return r ? ag_p(p, r) : ag_pmul(p, g, one_minus_square(p, s));
}
U(f_sigmoid) {                                                                         /* sigmoid_backward */
  bool failed;
  ten_tensor *r = fused_backward(g, s, true, &failed);
  if (failed) return NULL;
  return r ? ag_p(p, r) : ag_pmul(p, ag_pmul(p, g, ag_prsub_s(p, 1.0, s)), s);
}
U(f_erf) {   /* 2.0 / sqrt(M_PI) * exp(-(self.pow(2))) * grad */
  ten_tensor *e = ag_punary(p, TEN_UNOP_EXP, ag_punary(p, TEN_UNOP_NEG, ag_ppow_s(p, s, 2.0)));
  return ag_pmul(p, ag_pmul_s(p, e, 2.0 / sqrt(M_PI)), g);
}
#undef U

static const unary_rule rules[TEN_UNOP_COUNT] = {
    [TEN_UNOP_NEG] = {"NegBackward0", SAVE_NONE, f_neg},
    [TEN_UNOP_ABS] = {"AbsBackward0", SAVE_SELF, f_abs},
    [TEN_UNOP_SIGN] = {"SignBackward0", SAVE_NONE, f_zero},
    [TEN_UNOP_SQUARE] = {"PowBackward0", SAVE_SELF, f_square},
    [TEN_UNOP_RELU] = {"ReluBackward0", SAVE_RESULT, f_relu},
    [TEN_UNOP_FLOOR] = {"FloorBackward0", SAVE_NONE, f_zero},
    [TEN_UNOP_CEIL] = {"CeilBackward0", SAVE_NONE, f_zero},
    [TEN_UNOP_ROUND] = {"RoundBackward0", SAVE_NONE, f_zero},
    [TEN_UNOP_TRUNC] = {"TruncBackward0", SAVE_NONE, f_zero},
    [TEN_UNOP_FRAC] = {"FracBackward0", SAVE_NONE, f_ident},
    [TEN_UNOP_EXP] = {"ExpBackward0", SAVE_RESULT, f_exp},
    [TEN_UNOP_EXP2] = {"Exp2Backward0", SAVE_RESULT, f_exp2},
    [TEN_UNOP_EXPM1] = {"Expm1Backward0", SAVE_RESULT, f_expm1},
    [TEN_UNOP_LOG] = {"LogBackward0", SAVE_SELF, f_log},
    [TEN_UNOP_LOG2] = {"Log2Backward0", SAVE_SELF, f_log2},
    [TEN_UNOP_LOG10] = {"Log10Backward0", SAVE_SELF, f_log10},
    [TEN_UNOP_LOG1P] = {"Log1PBackward0", SAVE_SELF, f_log1p},
    [TEN_UNOP_SQRT] = {"SqrtBackward0", SAVE_RESULT, f_sqrt},
    [TEN_UNOP_RSQRT] = {"RsqrtBackward0", SAVE_RESULT, f_rsqrt},
    [TEN_UNOP_RECIPROCAL] = {"ReciprocalBackward0", SAVE_RESULT, f_reciprocal},
    [TEN_UNOP_SIN] = {"SinBackward0", SAVE_SELF, f_sin},
    [TEN_UNOP_COS] = {"CosBackward0", SAVE_SELF, f_cos},
    [TEN_UNOP_TAN] = {"TanBackward0", SAVE_RESULT, f_tan},
    [TEN_UNOP_ASIN] = {"AsinBackward0", SAVE_SELF, f_asin},
    [TEN_UNOP_ACOS] = {"AcosBackward0", SAVE_SELF, f_acos},
    [TEN_UNOP_ATAN] = {"AtanBackward0", SAVE_SELF, f_atan},
    [TEN_UNOP_SINH] = {"SinhBackward0", SAVE_SELF, f_sinh},
    [TEN_UNOP_COSH] = {"CoshBackward0", SAVE_SELF, f_cosh},
    [TEN_UNOP_TANH] = {"TanhBackward0", SAVE_RESULT, f_tanh},
    [TEN_UNOP_SIGMOID] = {"SigmoidBackward0", SAVE_RESULT, f_sigmoid},
    [TEN_UNOP_ERF] = {"ErfBackward0", SAVE_SELF, f_erf},
    /* BITWISE_NOT, LOGICAL_NOT, ISNAN, ISINF, ISFINITE: integer / bool results, no gradient */
};

/* The node's op is kept in n->flags. */
static int unary_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  const unary_rule *r = &rules[n->flags];
  ten_tensor *s = NULL;
  if (r->save != SAVE_NONE && !(s = ag_unpack(n, 0))) return -1;
  ag_pool p = {0};
  gin[0] = ag_pool_keep(&p, r->f(&p, gout[0], s));
  ag_pool_free(&p);
  ten_release(s);
  return gin[0] ? 0 : -1;
}

ten_tensor *ag_unary(ten_unop op, ten_tensor *t) {
  ten_tensor *y = ten_unary(op, t);
  if (!y || !ag_needs(t) || !rules[op].name) return y;
  ag_node *n = ag_record(&y, rules[op].name, unary_backward, &t, 1, rules[op].save != SAVE_NONE);
  if (!n) return NULL;
  n->flags = (int)op;
  if (rules[op].save == SAVE_SELF) ag_save(n, 0, t, false);
  else if (rules[op].save == SAVE_RESULT) ag_save(n, 0, y, true);
  return y;
}

int ag_unary_(ten_unop op, ten_tensor *t) {
  ag_node *n = NULL;
  if (rules[op].name && ag_inplace_begin(t, &t, 1, rules[op].name, unary_backward, rules[op].save != SAVE_NONE, &n))
    return -1;
  ten_tensor *orig = NULL;
  if (n && rules[op].save == SAVE_SELF && !(orig = ag_clone(t))) return ag_inplace_end(t, n, -1);
  int rc = ten_unary_(op, t);
  if (n && rc == 0) {
    n->flags = (int)op;
    if (orig) ag_save(n, 0, orig, false);
    else if (rules[op].save == SAVE_RESULT) ag_save(n, 0, t, true);
  }
  ten_release(orig);
  return ag_inplace_end(t, n, rc);
}
