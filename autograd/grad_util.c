/*
** autograd/grad_util.c — helpers the backward formulas share: reducing a broadcast gradient to an
** input's shape (sum_to, used once by the engine for every op), re-inserting reduced dims, zeros
** for undefined gradients, and scalar shorthands.
*/
#include <stdlib.h>
#include <string.h>

#include "autograd/internal.h"

bool ag_is_expandable_to(const int64_t *shape, int ndim, const int64_t *target, int tndim) {
  if (ndim > tndim) return false;
  for (int i = 0; i < ndim; i++) {
    int64_t s = shape[ndim - 1 - i], t = target[tndim - 1 - i];
    if (s != t && s != 1) return false;
  }
  return true;
}

ten_tensor *ag_sum_to(ten_tensor *g, const int64_t *shape, int ndim) {
  int lead = g->ndim - ndim;
  int64_t dims[TEN_MAX_DIMS];
  int nd = 0;
  for (int i = 0; i < lead; i++) dims[nd++] = i;
  for (int i = lead; i < g->ndim; i++)
    if (shape[i - lead] == 1 && g->shape[i] != 1) dims[nd++] = i;
  if (nd == 0) {
    if (lead == 0) {
      ten_retain(g);
      return g;
    }
    return ag_view(g, shape, ndim);
  }
  ten_tensor *s = ag_sum(g, dims, nd, true, TEN_DTYPE_UNSET);
  if (!s || lead == 0) return s;
  ten_tensor *v = ag_view(s, shape, ndim);
  ten_release(s);
  return v;
}

ten_tensor *ag_zeros_meta(const ag_tmeta *m) { return ten_zeros(m->shape, m->ndim, m->dtype, m->device); }

int ag_dims_mask(const int64_t *dims, int n, int ndim, uint32_t *mask) {
  *mask = 0;
  if (n == 0) {
    *mask = ndim >= 32 ? 0xffffffffu : ((1u << ndim) - 1);
    return 0;
  }
  for (int i = 0; i < n; i++) {
    int d;
    if (ten_wrap_dim(dims[i], ndim, &d)) return -1;
    if (*mask & (1u << d))
      return ten_error_set(TEN_E_RUNTIME, "dim %d appears multiple times in the list of dims", d);
    *mask |= 1u << d;
  }
  return 0;
}

ten_tensor *ag_unsqueeze_dims(ten_tensor *g, uint32_t mask, int ndim) {
  ten_retain(g);
  for (int d = 0; d < ndim; d++) {
    if (!(mask & (1u << d))) continue;
    ten_tensor *u = ag_unsqueeze(g, d);
    ten_release(g);
    if (!u) return NULL;
    g = u;
  }
  return g;
}

ten_tensor *ag_scalar_like(const ten_tensor *t, double v) {
  return ten_scalar_tensor(ten_scalar_float(v), t->dtype, ten_device_of(t));
}

static ten_tensor *with_scalar(ten_binop op, ten_tensor *a, double s) {
  ten_tensor *w = ten_wrap_scalar(ten_scalar_float(s));
  if (!w) return NULL;
  ten_tensor *r = ag_binary(op, a, w, ten_scalar_int(1));
  ten_release(w);
  return r;
}

ten_tensor *ag_mul_s(ten_tensor *a, double s) { return with_scalar(TEN_BINOP_MUL, a, s); }
ten_tensor *ag_add_s(ten_tensor *a, double s) { return with_scalar(TEN_BINOP_ADD, a, s); }
ten_tensor *ag_div_s(ten_tensor *a, double s) { return with_scalar(TEN_BINOP_DIV, a, s); }

void ag_release_all(ten_tensor **ts, int n) {
  for (int i = 0; i < n; i++) {
    ten_release(ts[i]);
    ts[i] = NULL;
  }
}

/* ---- expression pool ---- */

ten_tensor *ag_p(ag_pool *p, ten_tensor *t) {
  if (!t) return NULL;
  if (p->n == AG_POOL_MAX) {   /* formulas are far smaller; refuse rather than leak */
    ten_release(t);
    ten_error_set(TEN_E_RUNTIME, "autograd: formula too large");
    return NULL;
  }
  p->t[p->n++] = t;
  return t;
}

ten_tensor *ag_pool_keep(ag_pool *p, ten_tensor *t) {
  (void)p;
  if (t) ten_retain(t);
  return t;
}

void ag_pool_free(ag_pool *p) { ag_release_all(p->t, p->n); p->n = 0; }

ten_tensor *ag_pmul(ag_pool *p, ten_tensor *a, ten_tensor *b) { return a && b ? ag_p(p, ag_mul(a, b)) : NULL; }
ten_tensor *ag_pdiv(ag_pool *p, ten_tensor *a, ten_tensor *b) { return a && b ? ag_p(p, ag_div(a, b)) : NULL; }
ten_tensor *ag_padd(ag_pool *p, ten_tensor *a, ten_tensor *b) { return a && b ? ag_p(p, ag_add(a, b)) : NULL; }
ten_tensor *ag_psub(ag_pool *p, ten_tensor *a, ten_tensor *b) { return a && b ? ag_p(p, ag_sub(a, b)) : NULL; }
ten_tensor *ag_pmul_s(ag_pool *p, ten_tensor *a, double s) { return a ? ag_p(p, ag_mul_s(a, s)) : NULL; }
ten_tensor *ag_padd_s(ag_pool *p, ten_tensor *a, double s) { return a ? ag_p(p, ag_add_s(a, s)) : NULL; }
ten_tensor *ag_pdiv_s(ag_pool *p, ten_tensor *a, double s) { return a ? ag_p(p, ag_div_s(a, s)) : NULL; }
ten_tensor *ag_prsub_s(ag_pool *p, double s, ten_tensor *a) {
  return a ? ag_p(p, ag_rsub_scalar(a, ten_scalar_float(s), ten_scalar_int(1))) : NULL;
}
ten_tensor *ag_punary(ag_pool *p, ten_unop op, ten_tensor *a) { return a ? ag_p(p, ag_unary(op, a)) : NULL; }
ten_tensor *ag_ppow_s(ag_pool *p, ten_tensor *a, double e) { return a ? ag_p(p, ag_pow_scalar(a, ten_scalar_float(e))) : NULL; }
ten_tensor *ag_pwhere(ag_pool *p, ten_tensor *c, ten_tensor *a, ten_tensor *b) {
  return c && a && b ? ag_p(p, ag_where(c, a, b)) : NULL;
}
ten_tensor *ag_pcmp_s(ag_pool *p, ten_binop op, ten_tensor *a, double s) {
  if (!a) return NULL;
  ten_tensor *w = ten_wrap_scalar(ten_scalar_float(s));
  ten_tensor *r = w ? ten_binary(op, a, w, ten_scalar_int(1)) : NULL;
  ten_release(w);
  return ag_p(p, r);
}
ten_tensor *ag_pcmp(ag_pool *p, ten_binop op, ten_tensor *a, ten_tensor *b) {
  return a && b ? ag_p(p, ten_binary(op, a, b, ten_scalar_int(1))) : NULL;
}
ten_tensor *ag_pzero(ag_pool *p, ten_tensor *a) { return a ? ag_p(p, ag_scalar_like(a, 0.0)) : NULL; }
ten_tensor *ag_pzeros_like(ag_pool *p, ten_tensor *a) { return a ? ag_p(p, ten_zeros_like(a)) : NULL; }
