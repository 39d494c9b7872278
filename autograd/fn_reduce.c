/*
** autograd/fn_reduce.c — reductions (sum, mean, prod, var, std, norm, amax/amin, logsumexp, max/min
** of everything or along a dim), scans (cumsum, cumprod), softmax / log_softmax (and the nodes of
** their backward, so create_graph goes through SoftmaxBackwardDataBackward0 as in PyTorch), sort
** and topk. Node names, what each node saves (it decides whether a second backward fails) and the
** formulas follow PyTorch 1.13's derivatives.yaml / FunctionsManual.cpp, so float32 gradients round
** the same way.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "autograd/internal.h"

/* Node parameters: p[0..np) the input's sizes; flags the reduced-dims bitmask; q[] as below;
   s[0] the norm's p. ALLDIMS: no dim list was given (sum(), mean(), prod(), var(dim=None) ...). */
enum { Q_KEEPDIM, Q_DIM, Q_CORRECTION, Q_ALLDIMS, Q_COUNT };

#define KEEPDIM(n) ((n)->q[Q_KEEPDIM] != 0)
#define ALLDIMS(n) ((n)->q[Q_ALLDIMS] != 0)
#define MASK(n) ((uint32_t)(n)->flags)

/* ---- shared pieces ---- */

/* Recording is wanted: t requires grad (grad mode on) and the result can carry a gradient. */
static bool wants_grad(ten_tensor *t, ten_tensor *y) { return y && ag_needs(t) && ten_dtype_is_float(y->dtype); }

static uint32_t reduce_mask(const ten_tensor *t, const int64_t *dims, int n) {
  uint32_t mask = 0;
  if (ag_dims_mask(dims, n, t->ndim, &mask)) ten_error_clear();   /* the forward has checked the dims */
  return t->ndim ? mask & (uint32_t)((1ull << t->ndim) - 1) : 0;
}

/* Records `name` on *y with input t: t's sizes, the dims and keepdim. NULL (and *y released) on failure. */
static ag_node *record(ten_tensor **y, ten_tensor *t, const char *name, ag_apply_fn apply, int n_saved, uint32_t mask,
                       bool keepdim, bool alldims, int64_t dim) {
  ag_node *n = ag_record(y, name, apply, &t, 1, n_saved);
  if (!n) return NULL;
  n->np = t->ndim;
  memcpy(n->p, t->shape, sizeof(int64_t) * (size_t)t->ndim);
  n->flags = (int)mask;
  n->nq = Q_COUNT;
  n->q[Q_KEEPDIM] = keepdim;
  n->q[Q_DIM] = dim;
  n->q[Q_ALLDIMS] = alldims;
  return n;
}

/* Unpacks saved slots 0..k-1 (all defined). -1 with the error set. */
static int unpack_all(ag_node *n, ten_tensor **sv, int k) {
  for (int i = 0; i < k; i++)
    if (!(sv[i] = ag_unpack(n, i))) {
      ag_release_all(sv, i);
      return -1;
    }
  return 0;
}

/* Finishes a one-input formula: gin[0] = r (kept), pool and saved tensors released. */
static int finish(ag_pool *p, ten_tensor *r, ten_tensor **gin, ten_tensor **sv, int k) {
  gin[0] = ag_pool_keep(p, r);
  ag_pool_free(p);
  ag_release_all(sv, k);
  return gin[0] ? 0 : -1;
}

static int64_t reduced_count(const ag_node *n) {
  int64_t c = 1;
  for (int d = 0; d < n->np; d++)
    if (ALLDIMS(n) || (MASK(n) & (1u << d))) c *= n->p[d];
  return c;
}

/* Expression helpers in the pool's style (NULL operands pass through). */
static ten_tensor *psum(ag_pool *p, ten_tensor *t, const int64_t *dims, int n, bool keepdim) {
  return t ? ag_p(p, ag_sum(t, dims, n, keepdim, TEN_DTYPE_UNSET)) : NULL;
}
static ten_tensor *psum_dim(ag_pool *p, ten_tensor *t, int64_t dim, bool keepdim) { return psum(p, t, &dim, 1, keepdim); }
/* The node's reduced dims as a list (empty: all dims, as PyTorch's empty dim list). */
static int reduced_dims(const ag_node *n, int64_t *dims) {
  int k = 0;
  for (int d = 0; !ALLDIMS(n) && d < n->np; d++)
    if (MASK(n) & (1u << d)) dims[k++] = d;
  return k;
}
static ten_tensor *psum_reduced(ag_pool *p, ten_tensor *t, const ag_node *n, bool keepdim) {
  int64_t dims[TEN_MAX_DIMS];
  int k = reduced_dims(n, dims);
  return psum(p, t, dims, k, keepdim);
}
static ten_tensor *pmean_reduced(ag_pool *p, ten_tensor *t, const ag_node *n, bool keepdim) {
  int64_t dims[TEN_MAX_DIMS];
  int k = reduced_dims(n, dims);
  return t ? ag_p(p, ag_mean(t, dims, k, keepdim, TEN_DTYPE_UNSET)) : NULL;
}
static ten_tensor *punsq(ag_pool *p, ten_tensor *t, int64_t d) { return t ? ag_p(p, ag_unsqueeze(t, d)) : NULL; }
static ten_tensor *pexpand(ag_pool *p, ten_tensor *t, const int64_t *shape, int ndim) {
  return t ? ag_p(p, ag_expand(t, shape, ndim)) : NULL;
}
static ten_tensor *pflip(ag_pool *p, ten_tensor *t, int64_t d) { return t ? ag_p(p, ag_flip(t, &d, 1)) : NULL; }
static ten_tensor *pcumsum(ag_pool *p, ten_tensor *t, int64_t d) { return t ? ag_p(p, ag_cumsum(t, d, TEN_DTYPE_UNSET)) : NULL; }
static ten_tensor *pcumprod(ag_pool *p, ten_tensor *t, int64_t d) { return t ? ag_p(p, ag_cumprod(t, d, TEN_DTYPE_UNSET)) : NULL; }
static ten_tensor *pnarrow(ag_pool *p, ten_tensor *t, int64_t d, int64_t start, int64_t len) {
  return t ? ag_p(p, ag_narrow(t, d, start, len)) : NULL;
}
static ten_tensor *pcat2(ag_pool *p, ten_tensor *a, ten_tensor *b, int64_t d) {
  ten_tensor *ts[2] = {a, b};
  return a && b ? ag_p(p, ag_cat(ts, 2, d)) : NULL;
}
static ten_tensor *pnot(ag_pool *p, ten_tensor *t) { return t ? ag_p(p, ten_unary(TEN_UNOP_LOGICAL_NOT, t)) : NULL; }
static ten_tensor *pand(ag_pool *p, ten_tensor *a, ten_tensor *b) { return ag_pcmp(p, TEN_BINOP_LOGICAL_AND, a, b); }
/* t.masked_fill(mask, v) with a Python number v (the Scalar overload: one edge). */
static ten_tensor *pfill(ag_pool *p, ten_tensor *t, ten_tensor *mask, double v) {
  if (!t || !mask) return NULL;
  ten_tensor *w = ten_wrap_scalar(ten_scalar_float(v));
  ten_tensor *r = w ? ag_masked_fill(t, mask, w) : NULL;
  ten_release(w);
  return ag_p(p, r);
}
/* Ones of t's shape with size 1 at dim d, in dtype dt (at::ones(ones_size, grad.options())). */
static ten_tensor *pones_slice(ag_pool *p, const ten_tensor *t, int64_t d, ten_dtype dt) {
  if (!t) return NULL;
  int64_t shape[TEN_MAX_DIMS];
  memcpy(shape, t->shape, sizeof(int64_t) * (size_t)t->ndim);
  shape[d] = 1;
  return ag_p(p, ten_ones(shape, t->ndim, dt, ten_device_of(t)));
}

/* grad with the reduced dims put back (unsqueeze_multiple) unless keepdim or no dim list. */
static ten_tensor *restore(ag_pool *p, ten_tensor *g, const ag_node *n) {
  if (!g || KEEPDIM(n) || ALLDIMS(n) || n->np == 0) return g;
  return ag_p(p, ag_unsqueeze_dims(g, MASK(n), n->np));
}

/* Number of zeros in t, or -1 with the error set. */
static int64_t count_zeros(ten_tensor *t) {
  ten_tensor *w = ten_wrap_scalar(ten_scalar_int(0));
  ten_tensor *z = w ? ten_binary(TEN_BINOP_EQ, t, w, ten_scalar_int(1)) : NULL;
  ten_tensor *s = z ? ten_sum(z, NULL, 0, false, TEN_DTYPE_UNSET) : NULL;
  ten_scalar v = ten_scalar_int(-1);
  if (s && ten_item(s, &v)) v = ten_scalar_int(-1);
  ten_release(w);
  ten_release(z);
  ten_release(s);
  return v.kind == TEN_SCALAR_INT ? v.v.i : (int64_t)ten_scalar_to_double(v);
}

/* ---- scatter into zeros (value_selecting_reduction_backward) ---- */

/* ScatterBackward0 (zeros.scatter_(dim, index, src)): the zeros get no edge, src the gradient
   gathered back. Saved: index. */
static int scatter_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *index = ag_unpack(n, 0);
  if (!index) return -1;
  if (ag_should_compute(n, 1)) gin[1] = ag_gather(gout[0], n->q[Q_DIM], index);
  ten_release(index);
  return !ag_should_compute(n, 1) || gin[1] ? 0 : -1;
}

/* zeros(shape).scatter_(dim, index, src), recorded as ScatterBackward0 when src requires grad
   (create_graph). New reference. */
static ten_tensor *scatter_into_zeros(const int64_t *shape, int ndim, int dim, ten_tensor *index, ten_tensor *src) {
  ten_tensor *out = ten_zeros(shape, ndim, src->dtype, ten_device_of(src));
  if (!out || ten_scatter_(out, dim, index, src)) {
    ten_release(out);
    return NULL;
  }
  if (!ag_needs(src)) return out;
  ten_tensor *ins[2] = {NULL, src};
  ag_node *n = ag_record(&out, "ScatterBackward0", scatter_backward, ins, 2, 1);
  if (n) {
    n->nq = Q_COUNT;
    n->q[Q_DIM] = dim;
    ag_save(n, 0, index, false);
  }
  return out;
}

/* value_selecting_reduction_backward: zeros of the input's sizes with grad scattered to the
   selected indices (unsqueezed first when !keepdim). Used by max/min(dim), sort and topk.
   Saved: indices (an integer output: saved as it is, no history). */
static int select_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *idx = ag_unpack(n, 0);
  if (!idx) return -1;
  ten_tensor *g = gout[0];
  if (n->np == 0) {   /* a 0-dim input: its one element was selected */
    ten_release(idx);
    ten_retain(g);
    gin[0] = g;
    return 0;
  }
  int d = (int)n->q[Q_DIM];
  ag_pool p = {0};
  ten_tensor *gi = g, *ii = idx;
  if (!KEEPDIM(n)) {
    gi = punsq(&p, g, d);
    ii = ag_p(&p, ten_unsqueeze(idx, d));
  }
  ten_tensor *r = gi && ii ? ag_p(&p, scatter_into_zeros(n->p, n->np, d, ii, gi)) : NULL;
  return finish(&p, r, gin, &idx, 1);
}

/* ---- sum, mean ---- */

/* SumBackward0: grad.expand(sizes); SumBackward1: unsqueeze the reduced dims (!keepdim), expand. */
static int sum_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ag_pool p = {0};
  return finish(&p, pexpand(&p, restore(&p, gout[0], n), n->p, n->np), gin, NULL, 0);
}

ten_tensor *ag_sum(ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt) {
  ten_tensor *y = ten_sum(t, dims, n, keepdim, dt);
  if (!wants_grad(t, y)) return y;
  record(&y, t, n == 0 && !keepdim ? "SumBackward0" : "SumBackward1", sum_backward, 0, reduce_mask(t, dims, n),
         keepdim, n == 0, 0);
  return y;
}

/* MeanBackward0: grad.expand(sizes) / numel (nothing saved); MeanBackward1: sum_backward / the
   reduced count (PyTorch 1.13 saves self here, so a second backward fails). */
static int mean_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *self = NULL;
  if (n->n_saved && unpack_all(n, &self, 1)) return -1;
  ag_pool p = {0};
  ten_tensor *e = pexpand(&p, restore(&p, gout[0], n), n->p, n->np);
  return finish(&p, ag_pdiv_s(&p, e, (double)reduced_count(n)), gin, &self, n->n_saved);
}

ten_tensor *ag_mean(ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt) {
  ten_tensor *y = ten_mean(t, dims, n, keepdim, dt);
  if (!wants_grad(t, y)) return y;
  bool all = n == 0 && !keepdim;
  ag_node *nd = record(&y, t, all ? "MeanBackward0" : "MeanBackward1", mean_backward, all ? 0 : 1,
                       reduce_mask(t, dims, n), keepdim, n == 0, 0);
  if (nd && !all) ag_save(nd, 0, t, false);
  return y;
}

/* ---- prod ---- */

/* prod_safe_zeros_backward: grad * (exclusive cumprod from the left * from the right) along d,
   which stays right when the input has zeros. */
static ten_tensor *prod_safe_zeros(ag_pool *p, ten_tensor *g, ten_tensor *inp, int64_t d) {
  if (!g || !inp) return NULL;
  if (ten_numel(inp) == 0) return pexpand(p, g, inp->shape, inp->ndim);
  int64_t size = inp->shape[d];
  ten_tensor *ones = pones_slice(p, inp, d, g->dtype);
  ten_tensor *normal = pcumprod(p, pcat2(p, ones, pnarrow(p, inp, d, 0, size - 1), d), d);
  ten_tensor *rev = pflip(p, pnarrow(p, inp, d, 1, size - 1), d);
  ten_tensor *reverse = pflip(p, pcumprod(p, pcat2(p, ones, rev, d), d), d);
  return ag_pmul(p, g, ag_pmul(p, normal, reverse));
}

/* ProdBackward0 (prod()) and ProdBackward1 (prod(dim)). Saved: self, result. */
static int prod_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[2];
  if (unpack_all(n, sv, 2)) return -1;
  ten_tensor *self = sv[0], *result = sv[1], *g = gout[0];
  ag_pool p = {0};
  if (self->ndim == 0) return finish(&p, g, gin, sv, 2);
  int64_t zeros = count_zeros(self);
  if (zeros < 0) return finish(&p, NULL, gin, sv, 2);
  ten_tensor *r;
  if (ALLDIMS(n)) {
    if (zeros == 0) r = ag_pmul(&p, g, ag_pdiv(&p, result, self));
    else if (zeros > 1) r = ag_pzeros_like(&p, self);   /* 1.13: even under create_graph */
    else {
      int64_t flat = -1;
      ten_tensor *v = ag_p(&p, ag_view(ag_p(&p, ag_contiguous(self)), &flat, 1));
      r = prod_safe_zeros(&p, g, v, 0);
      r = r ? ag_p(&p, ag_view(r, self->shape, self->ndim)) : NULL;
    }
  } else {
    int64_t d = n->q[Q_DIM];
    if (!KEEPDIM(n) && self->ndim != 1) {
      g = punsq(&p, g, d);
      result = punsq(&p, result, d);
    }
    r = zeros == 0 ? ag_pmul(&p, g, ag_pdiv(&p, result, self)) : prod_safe_zeros(&p, g, self, d);
  }
  return finish(&p, r, gin, sv, 2);
}

ten_tensor *ag_prod(ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt) {
  if (n > 1 && ag_needs(t)) {
    /* PyTorch reduces one dim at a time; several dims become a chain of ProdBackward1 nodes
       (highest dim first, so the others keep their positions) */
    uint32_t mask;
    if (ag_dims_mask(dims, n, t->ndim, &mask)) return NULL;
    ten_tensor *y = t;
    ten_retain(y);
    for (int d = t->ndim - 1; d >= 0 && y; d--) {
      if (!(mask & (1u << d))) continue;
      int64_t dd = d;
      ten_tensor *z = ag_prod(y, &dd, 1, keepdim, y == t ? dt : TEN_DTYPE_UNSET);
      ten_release(y);
      y = z;
    }
    return y;
  }
  ten_tensor *y = ten_prod(t, dims, n, keepdim, dt);
  if (!wants_grad(t, y)) return y;
  int d = 0;
  if (n == 1 && ten_wrap_dim(dims[0], t->ndim, &d)) ten_error_clear();
  ag_node *nd = record(&y, t, n == 0 && !keepdim ? "ProdBackward0" : "ProdBackward1", prod_backward, 2,
                       reduce_mask(t, dims, n), keepdim, n == 0, d);
  if (nd) {
    ag_save(nd, 0, t, false);
    ag_save(nd, 1, y, true);
  }
  return y;
}

/* ---- var, std ---- */

/* var_backward: (2 / dof) * grad * (self - self.mean(dims, keepdim=True)), grad unsqueezed
   (!keepdim, ndim > 1). With no dim list (or a 0-dim self) dof = numel - correction and a dof of
   0 gives grad * inf (the 0-dim gradient of PyTorch 1.13, which the engine then rejects for
   inputs with dims, as PyTorch does). */
static ten_tensor *var_formula(ag_pool *p, ten_tensor *g, ten_tensor *self, const ag_node *n) {
  if (!g) return NULL;
  int64_t corr = n->q[Q_CORRECTION];
  if (self->ndim == 0 || ALLDIMS(n)) {
    int64_t dof = ten_numel(self) - corr;
    if (dof == 0) return ag_pmul_s(p, g, INFINITY);
    return ag_pmul(p, ag_pmul_s(p, g, 2.0 / (double)dof),
                   ag_psub(p, self, ag_p(p, ag_mean(self, NULL, 0, false, TEN_DTYPE_UNSET))));
  }
  if (!KEEPDIM(n) && self->ndim > 1) g = ag_p(p, ag_unsqueeze_dims(g, MASK(n), n->np));
  int64_t dof = reduced_count(n) - corr;
  return ag_pmul(p, ag_pmul_s(p, g, 2.0 / (double)dof), ag_psub(p, self, pmean_reduced(p, self, n, true)));
}

static int var_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *self;
  if (unpack_all(n, &self, 1)) return -1;
  ag_pool p = {0};
  return finish(&p, var_formula(&p, gout[0], self, n), gin, &self, 1);
}

/* std_backward: var_backward((grad / (result * 2)).masked_fill_(result == 0, 0)). */
static int std_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[2];
  if (unpack_all(n, sv, 2)) return -1;
  ten_tensor *self = sv[0], *result = sv[1];
  ag_pool p = {0};
  ten_tensor *gv = pfill(&p, ag_pdiv(&p, gout[0], ag_pmul_s(&p, result, 2.0)), ag_pcmp_s(&p, TEN_BINOP_EQ, result, 0.0), 0.0);
  return finish(&p, var_formula(&p, gv, self, n), gin, sv, 2);
}

static ten_tensor *var_like(ten_tensor *y, ten_tensor *t, const int64_t *dims, int n, int64_t correction, bool keepdim,
                            bool std) {
  if (!wants_grad(t, y)) return y;
  ag_node *nd = record(&y, t, std ? "StdBackward0" : "VarBackward0", std ? std_backward : var_backward, std ? 2 : 1,
                       reduce_mask(t, dims, n), keepdim, n == 0, 0);
  if (!nd) return NULL;
  nd->q[Q_CORRECTION] = correction;
  ag_save(nd, 0, t, false);
  if (std) ag_save(nd, 1, y, true);
  return y;
}

ten_tensor *ag_var(ten_tensor *t, const int64_t *dims, int n, int64_t correction, bool keepdim) {
  return var_like(ten_var(t, dims, n, correction, keepdim), t, dims, n, correction, keepdim, false);
}

ten_tensor *ag_std(ten_tensor *t, const int64_t *dims, int n, int64_t correction, bool keepdim) {
  return var_like(ten_std(t, dims, n, correction, keepdim), t, dims, n, correction, keepdim, true);
}

/* ---- norm ---- */

/* norm_backward (NormBackward1, also for norm() with dim=()). Saved: self, result; s[0] = p. */
static int norm_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[2];
  if (unpack_all(n, sv, 2)) return -1;
  ten_tensor *self = sv[0], *norm = sv[1], *g = gout[0];
  double pw = n->s[0];
  ag_pool p = {0};
  if (pw == 0.0) {   /* PyTorch returns an undefined gradient: x.grad stays None */
    ag_release_all(sv, 2);
    return 0;
  }
  if (!KEEPDIM(n) && self->ndim != 0) {
    g = restore(&p, g, n);
    norm = restore(&p, norm, n);
  }
  ten_tensor *r, *sgn = NULL, *scaled, *scale;
  if (pw == 1.0) r = ag_pmul(&p, ag_punary(&p, TEN_UNOP_SIGN, self), g);
  else if (pw == 2.0) r = ag_pmul(&p, g, pfill(&p, ag_pdiv(&p, self, norm), ag_pcmp_s(&p, TEN_BINOP_EQ, norm, 0.0), 0.0));
  else if (isinf(pw)) {
    /* amax(abs(self)) with NaNs selected too: grad spread evenly over the maxima */
    ten_tensor *sa = ag_punary(&p, TEN_UNOP_ABS, self);
    ten_tensor *mask = ag_pcmp(&p, TEN_BINOP_LOGICAL_OR, ag_pcmp(&p, TEN_BINOP_EQ, sa, norm), ag_punary(&p, TEN_UNOP_ISNAN, sa));
    r = ag_pmul(&p, ag_punary(&p, TEN_UNOP_SIGN, self), ag_pmul(&p, ag_pdiv(&p, g, psum_reduced(&p, mask, n, true)), mask));
  } else if (pw < 1.0) {
    sgn = ag_punary(&p, TEN_UNOP_SIGN, self);
    scaled = ag_pmul(&p, sgn, pfill(&p, ag_ppow_s(&p, ag_punary(&p, TEN_UNOP_ABS, self), pw - 1.0),
                                    ag_pcmp_s(&p, TEN_BINOP_EQ, self, 0.0), 0.0));
    r = ag_pmul(&p, ag_pmul(&p, scaled, g), ag_ppow_s(&p, norm, 1.0 - pw));
  } else {
    if (pw < 2.0) scaled = ag_pmul(&p, ag_punary(&p, TEN_UNOP_SIGN, self), ag_ppow_s(&p, ag_punary(&p, TEN_UNOP_ABS, self), pw - 1.0));
    else scaled = ag_pmul(&p, self, ag_ppow_s(&p, ag_punary(&p, TEN_UNOP_ABS, self), pw - 2.0));
    scale = pfill(&p, ag_pdiv(&p, g, ag_ppow_s(&p, norm, pw - 1.0)), ag_pcmp_s(&p, TEN_BINOP_EQ, norm, 0.0), 0.0);
    r = ag_pmul(&p, scaled, scale);
  }
  return finish(&p, r, gin, sv, 2);
}

ten_tensor *ag_norm(ten_tensor *t, double p, const int64_t *dims, int n, bool keepdim) {
  ten_tensor *y = ten_norm(t, p, dims, n, keepdim);
  if (!wants_grad(t, y)) return y;
  ag_node *nd = record(&y, t, "NormBackward1", norm_backward, 2, reduce_mask(t, dims, n), keepdim, n == 0, 0);
  if (!nd) return NULL;
  nd->s[0] = p;
  ag_save(nd, 0, t, false);
  ag_save(nd, 1, y, true);
  return y;
}

/* ---- amax, amin, logsumexp ---- */

/* scale_grad_by_count(restore(grad), restore(result) == self, dims): (grad / mask.sum(dims, True)) * mask.
   Saved: self, result. */
static int amax_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[2];
  if (unpack_all(n, sv, 2)) return -1;
  ag_pool p = {0};
  ten_tensor *mask = ag_pcmp(&p, TEN_BINOP_EQ, restore(&p, sv[1], n), sv[0]);
  ten_tensor *r = ag_pmul(&p, ag_pdiv(&p, restore(&p, gout[0], n), psum_reduced(&p, mask, n, true)), mask);
  return finish(&p, r, gin, sv, 2);
}

static ten_tensor *amax_like(ten_tensor *y, ten_tensor *t, const int64_t *dims, int n, bool keepdim, const char *name) {
  if (!wants_grad(t, y)) return y;
  ag_node *nd = record(&y, t, name, amax_backward, 2, reduce_mask(t, dims, n), keepdim, n == 0, 0);
  if (nd) {
    ag_save(nd, 0, t, false);
    ag_save(nd, 1, y, true);
  }
  return y;
}

ten_tensor *ag_amax(ten_tensor *t, const int64_t *dims, int n, bool keepdim) {
  return amax_like(ten_amax(t, dims, n, keepdim), t, dims, n, keepdim, "AmaxBackward0");
}

ten_tensor *ag_amin(ten_tensor *t, const int64_t *dims, int n, bool keepdim) {
  return amax_like(ten_amin(t, dims, n, keepdim), t, dims, n, keepdim, "AminBackward0");
}

/* logsumexp_backward: grad * (self - result).exp(), both unsqueezed (!keepdim). Saved: self, result. */
static int logsumexp_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[2];
  if (unpack_all(n, sv, 2)) return -1;
  ag_pool p = {0};
  ten_tensor *r = ag_pmul(&p, restore(&p, gout[0], n), ag_punary(&p, TEN_UNOP_EXP, ag_psub(&p, sv[0], restore(&p, sv[1], n))));
  return finish(&p, r, gin, sv, 2);
}

ten_tensor *ag_logsumexp(ten_tensor *t, const int64_t *dims, int n, bool keepdim) {
  ten_tensor *y = ten_logsumexp(t, dims, n, keepdim);
  if (!wants_grad(t, y)) return y;
  ag_node *nd = record(&y, t, "LogsumexpBackward0", logsumexp_backward, 2, reduce_mask(t, dims, n), keepdim, n == 0, 0);
  if (nd) {
    ag_save(nd, 0, t, false);
    ag_save(nd, 1, y, true);
  }
  return y;
}

/* ---- max / min ---- */

/* evenly_distribute_backward (MaxBackward1 / MinBackward1): the gradient is shared by every element
   equal to the result (NaNs when the result is NaN). CPU: zeros.masked_fill_(mask, grad / count);
   CUDA: mask * (grad / count). Saved: self, result. */
static int minmax_all_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[2];
  if (unpack_all(n, sv, 2)) return -1;
  ten_tensor *self = sv[0], *value = sv[1], *g = gout[0];
  ag_pool p = {0};
  ten_tensor *mask, *r = NULL;
  if (ten_device_of(self).type != TEN_DEV_CPU) {
    ten_tensor *nan2 = pand(&p, ag_punary(&p, TEN_UNOP_ISNAN, self), ag_punary(&p, TEN_UNOP_ISNAN, value));
    mask = ag_pcmp(&p, TEN_BINOP_LOGICAL_OR, ag_pcmp(&p, TEN_BINOP_EQ, self, value), nan2);
    r = ag_pmul(&p, mask, ag_pdiv(&p, g, psum(&p, mask, NULL, 0, false)));
  } else {
    mask = isnan(ten_get_double(value, 0)) ? ag_punary(&p, TEN_UNOP_ISNAN, self) : ag_pcmp(&p, TEN_BINOP_EQ, self, value);
    ten_tensor *v = ag_pdiv(&p, g, psum(&p, mask, NULL, 0, false));
    ten_tensor *z = ag_p(&p, ten_zeros(self->shape, self->ndim, self->dtype, ten_device_of(self)));
    r = v && z && mask ? ag_p(&p, ag_masked_fill(z, mask, v)) : NULL;
  }
  return finish(&p, r, gin, sv, 2);
}

static ten_tensor *minmax_all(ten_tensor *y, ten_tensor *t, const char *name) {
  if (!wants_grad(t, y)) return y;
  ag_node *nd = record(&y, t, name, minmax_all_backward, 2, 0, false, true, 0);
  if (nd) {
    ag_save(nd, 0, t, false);
    ag_save(nd, 1, y, true);
  }
  return y;
}

ten_tensor *ag_max_all(ten_tensor *t) { return minmax_all(ten_max_all(t), t, "MaxBackward1"); }
ten_tensor *ag_min_all(ten_tensor *t) { return minmax_all(ten_min_all(t), t, "MinBackward1"); }

/* Gives *values the selecting node (indices saved, never differentiable). On failure releases both. */
static int record_select(ten_tensor *t, const char *name, int64_t dim, bool keepdim, ten_tensor **values,
                         ten_tensor **indices) {
  if (!wants_grad(t, *values)) return 0;
  int d = 0;
  if (ten_wrap_dim(dim, t->ndim, &d)) ten_error_clear();
  ag_node *n = record(values, t, name, select_backward, 1, t->ndim ? 1u << d : 0, keepdim, false, d);
  if (!n) {
    ten_release(*indices);
    *indices = NULL;
    return -1;
  }
  ag_save(n, 0, *indices, false);
  return 0;
}

int ag_max_dim(ten_tensor *t, int64_t dim, bool keepdim, ten_tensor **values, ten_tensor **indices) {
  if (ten_max_dim(t, dim, keepdim, values, indices)) return -1;
  return record_select(t, "MaxBackward0", dim, keepdim, values, indices);
}

int ag_min_dim(ten_tensor *t, int64_t dim, bool keepdim, ten_tensor **values, ten_tensor **indices) {
  if (ten_min_dim(t, dim, keepdim, values, indices)) return -1;
  return record_select(t, "MinBackward0", dim, keepdim, values, indices);
}

/* ---- sort, topk ---- */

int ag_sort(ten_tensor *t, int64_t dim, bool descending, ten_tensor **values, ten_tensor **indices) {
  if (ten_sort(t, dim, descending, values, indices)) return -1;
  return record_select(t, "SortBackward0", dim, true, values, indices);
}

int ag_topk(ten_tensor *t, int64_t k, int64_t dim, bool largest, bool sorted, ten_tensor **values,
            ten_tensor **indices) {
  if (ten_topk(t, k, dim, largest, sorted, values, indices)) return -1;
  return record_select(t, "TopkBackward0", dim, true, values, indices);
}

/* ---- unique ---- */

/* Unique2Backward0 / UniqueDimBackward0: PyTorch has no derivative for them. */
static int unique_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  (void)gout;
  (void)gin;
  return ten_error_set(TEN_E_NOTIMPL, "the derivative for '%s' is not implemented.", n->flags ? "unique_dim" : "_unique2");
}

int ag_unique(ten_tensor *t, bool has_dim, int64_t dim, ten_tensor **values, ten_tensor **inverse, ten_tensor **counts) {
  if (ten_unique(t, has_dim, dim, values, inverse, counts)) return -1;
  if (!ag_needs(t)) return 0;
  ag_node *n = ag_record(values, has_dim ? "UniqueDimBackward0" : "Unique2Backward0", unique_backward, &t, 1, 0);
  if (!n) {
    if (inverse) ten_release(*inverse), *inverse = NULL;
    if (counts) ten_release(*counts), *counts = NULL;
    return -1;
  }
  n->flags = has_dim;
  return 0;
}

/* ---- cumsum, cumprod ---- */

/* reversed_cumsum: w.flip(dim).cumsum(dim).flip(dim) */
static ten_tensor *reversed_cumsum(ag_pool *p, ten_tensor *w, int64_t d) { return pflip(p, pcumsum(p, pflip(p, w, d), d), d); }

/* cumsum_backward(grad.to(self.dtype), dim): grad itself for one element or a size-1 dim. Nothing saved. */
static int cumsum_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ag_pool p = {0};
  ten_tensor *g = ag_p(&p, ag_to_dtype(gout[0], n->in[0].dtype, false));
  int64_t d = n->q[Q_DIM];
  ten_tensor *r = g && (ten_numel(g) <= 1 || g->shape[d] == 1) ? g : reversed_cumsum(&p, g, d);
  return finish(&p, r, gin, NULL, 0);
}

ten_tensor *ag_cumsum(ten_tensor *t, int64_t dim, ten_dtype dt) {
  ten_tensor *y = ten_cumsum(t, dim, dt);
  if (!wants_grad(t, y)) return y;
  int d = 0;
  if (ten_wrap_dim(dim, t->ndim, &d)) ten_error_clear();
  record(&y, t, "CumsumBackward0", cumsum_backward, 0, 0, false, false, d);
  return y;
}

/* cumprod_backward with zeros and no create_graph: O(n) with masks. Before the first zero z1:
   reversed_cumsum(w masked to [0, z1)) / input; at z1: prod(x[:z1]) * sum over [z1, z2) of
   grad * cumprod(x with 1 outside (z1, z2)); after z1: 0. prod(x[:z1]) is output[z1 - 1] (1 at
   z1 = 0), read from the output shifted by one (PyTorch gathers it; the value is the same). */
static ten_tensor *cumprod_zeros_fast(ag_pool *p, ten_tensor *g, ten_tensor *input, ten_tensor *output, ten_tensor *w,
                                      int64_t d) {
  int64_t size = input->shape[d];
  ten_tensor *is_zero = ag_pcmp_s(p, TEN_BINOP_EQ, input, 0.0);
  ten_tensor *cz = is_zero ? ag_p(p, ten_cumsum(is_zero, d, TEN_DTYPE_UNSET)) : NULL;
  ten_tensor *mask0 = ag_pcmp_s(p, TEN_BINOP_EQ, cz, 0.0);
  ten_tensor *before = ag_pdiv(p, reversed_cumsum(p, pfill(p, w, pnot(p, mask0), 0.0), d), input);
  ten_tensor *gi = ag_pwhere(p, mask0, before, ag_pzero(p, before));
  ten_tensor *mask1 = ag_pcmp_s(p, TEN_BINOP_EQ, cz, 1.0);
  ten_tensor *first = pand(p, is_zero, mask1);
  ten_tensor *between = pand(p, mask1, pnot(p, first));
  ten_tensor *tail = psum_dim(p, ag_pmul(p, pcumprod(p, pfill(p, input, pnot(p, between), 1.0), d),
                                         pfill(p, g, ag_pcmp_s(p, TEN_BINOP_NE, cz, 1.0), 0.0)), d, true);
  ten_tensor *prev = pcat2(p, pones_slice(p, output, d, output->dtype), pnarrow(p, output, d, 0, size - 1), d);
  ten_tensor *head = psum_dim(p, pfill(p, prev, pnot(p, first), 0.0), d, true);
  return ag_pwhere(p, first, ag_pmul(p, tail, head), gi);
}

/* cumprod_backward with zeros under create_graph: the O(n^2) formula whose own derivative is the
   second derivative of cumprod. Slice k's gradient is sum_j>=k grad[j] * prod_{i<=j, i!=k} x_i. */
static ten_tensor *cumprod_zeros_slow(ag_pool *outer, ten_tensor *g, ten_tensor *input, int64_t d) {
  int64_t size = input->shape[d];
  ten_tensor **slices = calloc((size_t)size, sizeof *slices);
  if (!slices) {
    ten_error_set(TEN_E_NOMEM, "out of memory");
    return NULL;
  }
  bool ok = true;
  for (int64_t k = 0; k < size && ok; k++) {
    ag_pool p = {0};
    ten_tensor *omitted;
    if (k == 0) {
      omitted = pcat2(&p, pones_slice(&p, input, d, g->dtype), pcumprod(&p, pnarrow(&p, input, d, 1, size - 1), d), d);
    } else {
      int64_t dd = d;
      ten_tensor *sl = pnarrow(&p, input, d, 0, k);
      ten_tensor *until = sl ? ag_p(&p, ag_prod(sl, &dd, 1, true, TEN_DTYPE_UNSET)) : NULL;
      if (k == size - 1) omitted = until;
      else {
        ten_tensor *from = pcumprod(&p, pnarrow(&p, input, d, k + 1, size - k - 1), d);
        ten_tensor *ue = from ? pexpand(&p, until, from->shape, from->ndim) : NULL;
        omitted = pcat2(&p, until, ag_pmul(&p, ue, from), d);
      }
    }
    slices[k] = ag_pool_keep(&p, psum_dim(&p, ag_pmul(&p, pnarrow(&p, g, d, k, size - k), omitted), d, false));
    ok = slices[k] != NULL;
    ag_pool_free(&p);
  }
  ten_tensor *r = ok ? ag_stack(slices, (int)size, d) : NULL;
  ag_release_all(slices, (int)size);
  free(slices);
  return ag_p(outer, r);
}

/* cumprod_backward(grad.to(self.dtype), self, dim, result). Saved: self, result. */
static int cumprod_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[2];
  if (unpack_all(n, sv, 2)) return -1;
  ten_tensor *input = sv[0], *output = sv[1];
  int64_t d = n->q[Q_DIM];
  ag_pool p = {0};
  ten_tensor *g = ag_p(&p, ag_to_dtype(gout[0], input->dtype, false));
  if (!g || ten_numel(input) <= 1 || input->shape[d] == 1) return finish(&p, g, gin, sv, 2);
  ten_tensor *w = ag_pmul(&p, output, g);
  int64_t zeros = count_zeros(input);
  ten_tensor *r = NULL;
  if (zeros == 0) r = ag_pdiv(&p, reversed_cumsum(&p, w, d), input);
  else if (zeros > 0 && w) r = ag_is_grad_enabled() ? cumprod_zeros_slow(&p, g, input, d) : cumprod_zeros_fast(&p, g, input, output, w, d);
  return finish(&p, r, gin, sv, 2);
}

ten_tensor *ag_cumprod(ten_tensor *t, int64_t dim, ten_dtype dt) {
  ten_tensor *y = ten_cumprod(t, dim, dt);
  if (!wants_grad(t, y)) return y;
  int d = 0;
  if (ten_wrap_dim(dim, t->ndim, &d)) ten_error_clear();
  ag_node *nd = record(&y, t, "CumprodBackward0", cumprod_backward, 2, 0, false, false, d);
  if (nd) {
    ag_save(nd, 0, t, false);
    ag_save(nd, 1, y, true);
  }
  return y;
}

/* ---- softmax, log_softmax ---- */

static ten_tensor *softmax_backward_data(ten_tensor *g, ten_tensor *y, int64_t d, bool log);

/* SoftmaxBackwardDataBackward0 / LogSoftmaxBackwardDataBackward0: the node of the backward itself
   (create_graph). Edges (grad_output, output); saved: grad_output, output. */
static int softmax_data_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[2];
  if (unpack_all(n, sv, 2)) return -1;
  ten_tensor *go = sv[0], *y = sv[1], *G = gout[0];
  int64_t d = n->q[Q_DIM];
  bool log = n->flags != 0;
  ag_pool p = {0};
  bool ok = true;
  if (ag_should_compute(n, 0)) {
    /* softmax: _softmax_backward_data(grad, output); log: grad - (grad * output.exp()).sum(dim, True) */
    ten_tensor *r = log ? ag_psub(&p, G, psum_dim(&p, ag_pmul(&p, G, ag_punary(&p, TEN_UNOP_EXP, y)), d, true))
                        : ag_p(&p, softmax_backward_data(G, y, d, false));
    ok &= (gin[0] = ag_pool_keep(&p, r)) != NULL;
  }
  if (ag_should_compute(n, 1)) {
    ten_tensor *r;
    if (log) /* -grad_output.sum(dim, True) * output.exp() * grad */
      r = ag_pmul(&p, ag_pmul(&p, ag_punary(&p, TEN_UNOP_NEG, psum_dim(&p, go, d, true)), ag_punary(&p, TEN_UNOP_EXP, y)), G);
    else /* softmax_double_backward: go * G - (y * go).sum(dim, True) * G - go * (y * G).sum(dim, True) */
      r = ag_psub(&p, ag_psub(&p, ag_pmul(&p, go, G), ag_pmul(&p, psum_dim(&p, ag_pmul(&p, y, go), d, true), G)),
                  ag_pmul(&p, go, psum_dim(&p, ag_pmul(&p, y, G), d, true)));
    ok &= (gin[1] = ag_pool_keep(&p, r)) != NULL;
  }
  ag_pool_free(&p);
  ag_release_all(sv, 2);
  return ok ? 0 : -1;
}

/* _softmax_backward_data: (g - (g * y).sum(dim, True)) * y; _log_softmax_backward_data:
   g - exp(y) * g.sum(dim, True). ATen's own kernel along the last dim of contiguous float32
   (ten_softmax_backward_lastdim), else plain tensor ops; then recorded as its own node when grad
   mode is on (create_graph) and an operand requires grad. */
static ten_tensor *softmax_backward_data(ten_tensor *g, ten_tensor *y, int64_t d, bool log) {
  ten_tensor *s = NULL, *a = NULL, *r = NULL;
  if (d == g->ndim - 1 && ten_softmax_backward_lastdim(g, y, log, &r)) return NULL;
  if (r) {
    /* done by the kernel */
  } else if (log) {
    s = ten_sum(g, &d, 1, true, TEN_DTYPE_UNSET);
    ten_tensor *e = s ? ten_unary(TEN_UNOP_EXP, y) : NULL;
    a = e ? ten_mul(e, s) : NULL;
    ten_release(e);
    r = a ? ten_sub(g, a) : NULL;
  } else {
    ten_tensor *gy = ten_mul(g, y);
    s = gy ? ten_sum(gy, &d, 1, true, TEN_DTYPE_UNSET) : NULL;
    ten_release(gy);
    a = s ? ten_sub(g, s) : NULL;
    r = a ? ten_mul(a, y) : NULL;
  }
  ten_release(s);
  ten_release(a);
  ten_tensor *ins[2] = {g, y};
  if (!r || !ag_needs_any(ins, 2)) return r;
  ag_node *n = ag_record(&r, log ? "LogSoftmaxBackwardDataBackward0" : "SoftmaxBackwardDataBackward0",
                         softmax_data_backward, ins, 2, 2);
  if (n) {
    n->flags = log;
    n->nq = Q_COUNT;
    n->q[Q_DIM] = d;
    ag_save(n, 0, g, false);
    ag_save(n, 1, y, false);
  }
  return r;
}

/* SoftmaxBackward0 / LogSoftmaxBackward0. Saved: result. */
static int softmax_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *y = ag_unpack(n, 0);
  if (!y) return -1;
  gin[0] = softmax_backward_data(gout[0], y, n->q[Q_DIM], n->flags != 0);
  ten_release(y);
  return gin[0] ? 0 : -1;
}

/* A dtype converts the input first (ToCopyBackward0 under the softmax node, as PyTorch). */
static ten_tensor *softmax_any(ten_tensor *t, int64_t dim, ten_dtype dt, bool log) {
  ten_tensor *x = dt != TEN_DTYPE_UNSET ? ag_to_dtype(t, dt, false) : (ten_retain(t), t);
  if (!x) return NULL;
  ten_tensor *y = log ? ten_log_softmax(x, dim, TEN_DTYPE_UNSET) : ten_softmax(x, dim, TEN_DTYPE_UNSET);
  if (wants_grad(x, y)) {
    int d = 0;
    if (ten_wrap_dim(dim, x->ndim, &d)) ten_error_clear();
    ag_node *n = record(&y, x, log ? "LogSoftmaxBackward0" : "SoftmaxBackward0", softmax_backward, 1, 0, false, false, d);
    if (n) {
      n->flags = log;
      ag_save(n, 0, y, true);
    }
  }
  ten_release(x);
  return y;
}

ten_tensor *ag_softmax(ten_tensor *t, int64_t dim, ten_dtype dt) { return softmax_any(t, dim, dt, false); }
ten_tensor *ag_log_softmax(ten_tensor *t, int64_t dim, ten_dtype dt) { return softmax_any(t, dim, dt, true); }
