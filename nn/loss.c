/*
** nn/loss.c — the elementwise losses: mse_loss, binary_cross_entropy and
** binary_cross_entropy_with_logits, forward and backward (input and target gradients), written op
** for op as ATen 1.13's CPU implementations (Loss.cpp, derivatives.yaml), so results round the same
** way; plus log_sigmoid, which the with-logits target gradient needs.
*/
#include <math.h>

#include "nn/internal.h"

/* ---- small tensor-op helpers (NULL-propagating; each consumes nothing) ---- */

typedef struct pool {
  ten_tensor *t[24];
  int n;
} pool;

static ten_tensor *keep(pool *p, ten_tensor *t) {
  if (t) p->t[p->n++] = t;
  return t;
}
static void pool_free(pool *p) {
  while (p->n) ten_release(p->t[--p->n]);
}
/* A new reference to t that survives pool_free. */
static ten_tensor *out(ten_tensor *t) {
  if (t) ten_retain(t);
  return t;
}

static ten_tensor *bin(pool *p, ten_binop op, ten_tensor *a, ten_tensor *b) {
  return a && b ? keep(p, ten_binary(op, a, b, ten_scalar_int(1))) : NULL;
}
static ten_tensor *bin_s(pool *p, ten_binop op, ten_tensor *a, ten_scalar s) {
  ten_tensor *w = ten_wrap_scalar(s);
  ten_tensor *r = a && w ? ten_binary(op, a, w, ten_scalar_int(1)) : NULL;
  ten_release(w);
  return keep(p, r);
}
/* s op a (a Python number on the left). */
static ten_tensor *s_bin(pool *p, ten_binop op, ten_scalar s, ten_tensor *a) {
  ten_tensor *w = ten_wrap_scalar(s);
  ten_tensor *r = a && w ? ten_binary(op, w, a, ten_scalar_int(1)) : NULL;
  ten_release(w);
  return keep(p, r);
}
static ten_tensor *un(pool *p, ten_unop op, ten_tensor *a) { return a ? keep(p, ten_unary(op, a)) : NULL; }
/* In place: a <- a op b; returns a (or NULL). */
static ten_tensor *bin_(ten_binop op, ten_tensor *a, ten_tensor *b) {
  return a && b && ten_binary_(op, a, b, ten_scalar_int(1)) == 0 ? a : NULL;
}
static ten_tensor *bin_s_(ten_binop op, ten_tensor *a, ten_scalar s) {
  ten_tensor *w = ten_wrap_scalar(s);
  ten_tensor *r = a && w && ten_binary_(op, a, w, ten_scalar_int(1)) == 0 ? a : NULL;
  ten_release(w);
  return r;
}
static ten_tensor *un_(ten_unop op, ten_tensor *a) { return a && ten_unary_(op, a) == 0 ? a : NULL; }

/* apply_loss_reduction: mean() / sum() / itself. */
static ten_tensor *reduce(ten_tensor *loss, int reduction) {
  if (!loss) return NULL;
  if (reduction == NN_REDUCTION_MEAN) return ten_mean(loss, NULL, 0, false, TEN_DTYPE_UNSET);
  if (reduction == NN_REDUCTION_SUM) return ten_sum(loss, NULL, 0, false, TEN_DTYPE_UNSET);
  ten_retain(loss);
  return loss;
}

static int check_floats(ten_tensor *a, const char *op) { return nn_check_float(a, op); }

/* ---- mse_loss ---- */

ten_tensor *nn_mse_loss(ten_tensor *input, ten_tensor *target, int reduction) {
  if (nn_check_cpu(input, "mse_loss")) return NULL;
  pool p = {{0}, 0};
  /* mse_stub dispatches on the common dtype over the floating types only */
  const ten_tensor *both[2] = {input, target};
  ten_dtype common = ten_result_type(both, 2);
  if (common != TEN_DTYPE_F32 && common != TEN_DTYPE_F64)
    return ten_error_set(TEN_E_RUNTIME, "\"mse_cpu\" not implemented for '%s'", ten_dtype_scalar_name(common)), NULL;
  ten_tensor *d = bin(&p, TEN_BINOP_SUB, input, target);
  ten_tensor *r = reduce(bin(&p, TEN_BINOP_MUL, d, d), reduction);
  pool_free(&p);
  return r;
}

ten_tensor *nn_mse_loss_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *target, int reduction) {
  if (nn_check_cpu(grad_out, "mse_loss_backward")) return NULL;
  pool p = {{0}, 0};
  double norm = reduction == NN_REDUCTION_MEAN ? 2.0 / (double)ten_numel(input) : 2.0;
  /* norm * (self - target) * grad, norm cast to the result type first */
  ten_tensor *d = bin(&p, TEN_BINOP_SUB, input, target);
  ten_tensor *r = out(bin(&p, TEN_BINOP_MUL, bin_s(&p, TEN_BINOP_MUL, d, ten_scalar_float(norm)), grad_out));
  pool_free(&p);
  return r;
}

/* ---- binary_cross_entropy ---- */

#define BCE_LOOP(T, S, LOG, LOG1P)                                                            \
  static int bce_##S(const T *x, const T *t, T *o, int64_t n) {                               \
    for (int64_t i = 0; i < n; i++) {                                                         \
      T xv = x[i], tv = t[i];                                                                 \
      if (!(xv >= 0 && xv <= 1)) return ten_error_set(TEN_E_RUNTIME, "all elements of input should be between 0 and 1"); \
      T l1 = LOG1P(-xv), l0 = LOG(xv);                                                        \
      if (l1 < (T)-100) l1 = (T)-100;   /* std::max */                                                     \
      if (l0 < (T)-100) l0 = (T)-100;                                                     \
      o[i] = (tv - (T)1) * l1 - tv * l0;                                                      \
    }                                                                                         \
    return 0;                                                                                 \
  }
/* float logs rounded from double: PyTorch's std::log / std::log1p results agree with the correctly
   rounded values far more often (99.7%) than glibc's logf / log1pf do (92%). */
static inline float log_f32(float x) { return (float)log((double)x); }
static inline float log1p_f32(float x) { return (float)log1p((double)x); }
BCE_LOOP(float, f32, log_f32, log1p_f32)
BCE_LOOP(double, f64, log, log1p)

#define BCE_GRAD_LOOP(T, S)                                                                   \
  static void bce_grad_##S(const T *g, const T *x, const T *t, T *o, int64_t n) {             \
    for (int64_t i = 0; i < n; i++) {                                                         \
      T den = ((T)1 - x[i]) * x[i];                                                           \
      if (den < (T)1e-12) den = (T)1e-12;                                                 \
      o[i] = g[i] * (x[i] - t[i]) / den;                                                      \
    }                                                                                         \
  }
BCE_GRAD_LOOP(float, f32)
BCE_GRAD_LOOP(double, f64)

/* a, b (and c) expanded to their broadcast shape, contiguous, in dt. 0 / -1. */
static int broadcast_inputs(pool *p, ten_tensor **ts, int n, ten_dtype dt) {
  int64_t shape[TEN_MAX_DIMS];
  int nd = ts[0]->ndim;
  for (int i = 0; i < nd; i++) shape[i] = ts[0]->shape[i];
  for (int k = 1; k < n; k++) {
    int64_t s2[TEN_MAX_DIMS];
    int nd2;
    if (ten_broadcast_shapes(shape, nd, ts[k]->shape, ts[k]->ndim, s2, &nd2)) return -1;
    for (int i = 0; i < nd2; i++) shape[i] = s2[i];
    nd = nd2;
  }
  for (int k = 0; k < n; k++) {
    ten_tensor *c = keep(p, ten_to_dtype(ts[k], dt, false));
    ten_tensor *e = c ? keep(p, ten_expand(c, shape, nd)) : NULL;
    ts[k] = e ? keep(p, ten_contiguous(e)) : NULL;
    if (!ts[k]) return -1;
  }
  return 0;
}

ten_tensor *nn_binary_cross_entropy(ten_tensor *input, ten_tensor *target, ten_tensor *weight, int reduction) {
  if (nn_check_cpu(input, "binary_cross_entropy")) return NULL;
  if (check_floats(input, "binary_cross_entropy")) return NULL;
  if (target->dtype != input->dtype) {
    ten_error_set(TEN_E_RUNTIME, "Found dtype %s but expected %s", ten_dtype_scalar_name(target->dtype),
                  ten_dtype_scalar_name(input->dtype));
    return NULL;
  }
  pool p = {{0}, 0};
  ten_tensor *ts[2] = {input, target}, *r = NULL;
  if (broadcast_inputs(&p, ts, 2, input->dtype) == 0) {
    ten_tensor *loss = keep(&p, ten_empty(ts[0]->shape, ts[0]->ndim, input->dtype, TEN_CPU));
    int rc = !loss ? -1
             : input->dtype == TEN_DTYPE_F32 ? bce_f32(ten_data_ptr(ts[0]), ten_data_ptr(ts[1]), ten_data_ptr(loss), ten_numel(loss))
                                             : bce_f64(ten_data_ptr(ts[0]), ten_data_ptr(ts[1]), ten_data_ptr(loss), ten_numel(loss));
    if (rc == 0 && weight) loss = bin_(TEN_BINOP_MUL, loss, weight);
    if (rc == 0 && loss) r = reduce(loss, reduction);
  }
  pool_free(&p);
  return r;
}

ten_tensor *nn_binary_cross_entropy_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *target,
                                             ten_tensor *weight, int reduction) {
  if (nn_check_cpu(grad_out, "binary_cross_entropy_backward")) return NULL;
  if (check_floats(input, "binary_cross_entropy_backward")) return NULL;
  pool p = {{0}, 0};
  ten_tensor *ts[3] = {grad_out, input, target}, *r = NULL;
  if (broadcast_inputs(&p, ts, 3, input->dtype) == 0) {
    ten_tensor *gi = keep(&p, ten_empty(ts[0]->shape, ts[0]->ndim, input->dtype, TEN_CPU));
    if (gi) {
      if (input->dtype == TEN_DTYPE_F32)
        bce_grad_f32(ten_data_ptr(ts[0]), ten_data_ptr(ts[1]), ten_data_ptr(ts[2]), ten_data_ptr(gi), ten_numel(gi));
      else
        bce_grad_f64(ten_data_ptr(ts[0]), ten_data_ptr(ts[1]), ten_data_ptr(ts[2]), ten_data_ptr(gi), ten_numel(gi));
    }
    if (gi && weight) gi = bin_(TEN_BINOP_MUL, gi, weight);
    if (gi && reduction == NN_REDUCTION_MEAN) gi = bin_s_(TEN_BINOP_DIV, gi, ten_scalar_int(ten_numel(input)));
    r = out(gi);
  }
  pool_free(&p);
  return r;
}

ten_tensor *nn_binary_cross_entropy_target_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *target,
                                                    ten_tensor *weight, int reduction) {
  if (nn_check_cpu(grad_out, "binary_cross_entropy_target_backward")) return NULL;
  pool p = {{0}, 0};
  /* logit(self) = log(self / (1 - self)), then neg_, mul_(grad), mul_(weight), div_(numel) */
  ten_tensor *lg = un(&p, TEN_UNOP_LOG, bin(&p, TEN_BINOP_DIV, input, s_bin(&p, TEN_BINOP_SUB, ten_scalar_int(1), input)));
  ten_tensor *g = un_(TEN_UNOP_NEG, lg);
  g = bin(&p, TEN_BINOP_MUL, g, grad_out);   /* mul_ on a tensor of input's shape: same values */
  if (g && weight) g = bin_(TEN_BINOP_MUL, g, weight);
  if (g && reduction == NN_REDUCTION_MEAN) g = bin_s_(TEN_BINOP_DIV, g, ten_scalar_int(ten_numel(target)));
  ten_tensor *r = out(g);
  pool_free(&p);
  return r;
}

/* ---- log_sigmoid: -(m + log(exp(-m) + exp(-x - m))), m = max(-x, 0) (ATen's kernel) ---- */

#define LOG_SIGMOID(T, S, EXP, LOG)                                                           \
  static void log_sigmoid_##S(const T *x, T *o, int64_t n) {                                  \
    for (int64_t i = 0; i < n; i++) {                                                         \
      T m = -x[i] > 0 ? -x[i] : (T)0;                                                         \
      T buf = EXP(-m) + EXP(-x[i] - m);                                                       \
      o[i] = -(m + LOG(buf));                                                                 \
    }                                                                                         \
  }
LOG_SIGMOID(float, f32, expf, logf)
LOG_SIGMOID(double, f64, exp, log)

ten_tensor *nn_log_sigmoid(ten_tensor *x) {
  if (nn_check_cpu(x, "log_sigmoid")) return NULL;
  if (check_floats(x, "log_sigmoid_cpu")) return NULL;
  ten_tensor *c = ten_contiguous(x), *o = c ? ten_empty(x->shape, x->ndim, x->dtype, TEN_CPU) : NULL;
  if (o) {
    if (x->dtype == TEN_DTYPE_F32) log_sigmoid_f32(ten_data_ptr(c), ten_data_ptr(o), ten_numel(o));
    else log_sigmoid_f64(ten_data_ptr(c), ten_data_ptr(o), ten_numel(o));
  }
  ten_release(c);
  return o;
}

/* ---- binary_cross_entropy_with_logits ---- */

ten_tensor *nn_binary_cross_entropy_with_logits(ten_tensor *input, ten_tensor *target, ten_tensor *weight,
                                                ten_tensor *pos_weight, int reduction) {
  if (nn_check_cpu(input, "binary_cross_entropy_with_logits")) return NULL;
  if (check_floats(input, "binary_cross_entropy_with_logits")) return NULL;
  pool p = {{0}, 0};
  ten_scalar zero = ten_scalar_int(0);
  ten_tensor *neg_in = un(&p, TEN_UNOP_NEG, input);
  ten_tensor *max_val = neg_in ? keep(&p, ten_clamp(neg_in, &zero, NULL)) : NULL;   /* (-input).clamp_min_(0) */
  /* ((-max_val).exp_() + (-input - max_val).exp_()).log_() */
  ten_tensor *e1 = un_(TEN_UNOP_EXP, un(&p, TEN_UNOP_NEG, max_val));
  ten_tensor *e2 = un_(TEN_UNOP_EXP, bin(&p, TEN_BINOP_SUB, neg_in, max_val));
  ten_tensor *lse = un_(TEN_UNOP_LOG, bin_(TEN_BINOP_ADD, e1, e2));
  ten_tensor *loss = bin_(TEN_BINOP_MUL, s_bin(&p, TEN_BINOP_SUB, ten_scalar_int(1), target), input);   /* (1 - t).mul_(x) */
  if (pos_weight) {
    /* log_weight = (pos_weight - 1).mul(target).add_(1); loss.add_(log_weight.mul_(lse.add_(max_val))) */
    ten_tensor *lw = bin_s_(TEN_BINOP_ADD, bin(&p, TEN_BINOP_MUL, bin_s(&p, TEN_BINOP_SUB, pos_weight, ten_scalar_int(1)), target),
                            ten_scalar_int(1));
    loss = bin_(TEN_BINOP_ADD, loss, bin_(TEN_BINOP_MUL, lw, bin_(TEN_BINOP_ADD, lse, max_val)));
  } else {
    loss = bin_(TEN_BINOP_ADD, bin_(TEN_BINOP_ADD, loss, max_val), lse);
  }
  if (loss && weight) loss = bin_(TEN_BINOP_MUL, loss, weight);
  ten_tensor *r = reduce(loss, reduction);
  pool_free(&p);
  return r;
}

ten_tensor *nn_binary_cross_entropy_with_logits_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *target,
                                                         ten_tensor *weight, ten_tensor *pos_weight, int reduction) {
  if (nn_check_cpu(grad_out, "binary_cross_entropy_with_logits_backward")) return NULL;
  pool p = {{0}, 0};
  ten_tensor *sig = un(&p, TEN_UNOP_SIGMOID, input), *gi;
  if (pos_weight) {
    /* t = pos_weight * target; (t + 1).sub_(target).mul_(sigmoid).sub_(t).mul_(grad) */
    ten_tensor *t = bin(&p, TEN_BINOP_MUL, pos_weight, target);
    gi = bin_(TEN_BINOP_MUL, bin_(TEN_BINOP_SUB, bin_(TEN_BINOP_MUL, bin_(TEN_BINOP_SUB, bin_s(&p, TEN_BINOP_ADD, t, ten_scalar_int(1)), target), sig), t),
              grad_out);
  } else {
    gi = bin_(TEN_BINOP_MUL, bin(&p, TEN_BINOP_SUB, sig, target), grad_out);
  }
  if (gi && weight) gi = bin_(TEN_BINOP_MUL, gi, weight);
  if (gi && reduction == NN_REDUCTION_MEAN) gi = bin_s(&p, TEN_BINOP_DIV, gi, ten_scalar_int(ten_numel(input)));
  ten_tensor *r = out(gi);
  pool_free(&p);
  return r;
}

ten_tensor *nn_binary_cross_entropy_with_logits_target_backward(ten_tensor *grad_out, ten_tensor *input,
                                                                ten_tensor *target, ten_tensor *weight,
                                                                ten_tensor *pos_weight, int reduction) {
  if (nn_check_cpu(grad_out, "binary_cross_entropy_with_logits_target_backward")) return NULL;
  pool p = {{0}, 0};
  ten_tensor *g;
  if (pos_weight) {
    /* log_sigmoid(-self).sub_(log_sigmoid(self).mul_(pos_weight)).mul_(grad) */
    ten_tensor *a = keep(&p, nn_log_sigmoid(un(&p, TEN_UNOP_NEG, input)));
    ten_tensor *b = bin_(TEN_BINOP_MUL, keep(&p, nn_log_sigmoid(input)), pos_weight);
    g = bin_(TEN_BINOP_MUL, bin_(TEN_BINOP_SUB, a, b), grad_out);
  } else {
    g = bin(&p, TEN_BINOP_MUL, un(&p, TEN_UNOP_NEG, input), grad_out);
  }
  if (g && weight) g = bin_(TEN_BINOP_MUL, g, weight);
  if (g && reduction == NN_REDUCTION_MEAN) g = bin_s_(TEN_BINOP_DIV, g, ten_scalar_int(ten_numel(target)));
  ten_tensor *r = out(g);
  pool_free(&p);
  return r;
}
