/*
** autograd/fn_matmul.c — the matmul family: mm, addmm, bmm, mv, dot (one node each; formulas as
** PyTorch's mm_mat1_backward / mm_mat2_backward, which pick the transposition from the input's
** layout), and matmul / outer composed from them the way ATen composes them (same forward path as
** ten_matmul), so the graph has PyTorch's nodes (1-D @ 2-D ends in SqueezeBackward3, N-D cases in
** UnsafeViewBackward0).
*/
#include <string.h>

#include "autograd/internal.h"

static ten_tensor *pt(ag_pool *p, ten_tensor *x) { return x ? ag_p(p, ag_t(x)) : NULL; }
static ten_tensor *pmm(ag_pool *p, ten_tensor *a, ten_tensor *b) { return a && b ? ag_p(p, ag_mm(a, b)) : NULL; }
static ten_tensor *ptr12(ag_pool *p, ten_tensor *x) { return x ? ag_p(p, ag_transpose(x, 1, 2)) : NULL; }
static ten_tensor *pbmm(ag_pool *p, ten_tensor *a, ten_tensor *b) { return a && b ? ag_p(p, ag_bmm(a, b)) : NULL; }

static bool col_major(const int64_t *sizes, const int64_t *strides) { return strides[0] == 1 && strides[1] == sizes[0]; }

/* d(mat1 @ mat2)/d(mat1) applied to g; mat1's sizes and strides as recorded. */
static ten_tensor *mm_mat1_backward(ag_pool *p, ten_tensor *g, ten_tensor *mat2, const int64_t *geom, double alpha) {
  ten_tensor *r = col_major(geom, geom + 2) ? pt(p, pmm(p, mat2, pt(p, g))) : pmm(p, g, pt(p, mat2));
  return alpha == 1.0 ? r : ag_pmul_s(p, r, alpha);
}

static ten_tensor *mm_mat2_backward(ag_pool *p, ten_tensor *g, ten_tensor *mat1, const int64_t *geom, double alpha) {
  ten_tensor *r = col_major(geom, geom + 2) ? pt(p, pmm(p, pt(p, g), mat1)) : pmm(p, pt(p, mat1), g);
  return alpha == 1.0 ? r : ag_pmul_s(p, r, alpha);
}

static void record_geom(int64_t *dst, const ten_tensor *m) {
  dst[0] = m->shape[0];
  dst[1] = m->shape[1];
  dst[2] = m->stride[0];
  dst[3] = m->stride[1];
}

/* MmBackward0 (edges self, mat2; saved 0 = self, 1 = mat2) and AddmmBackward0 (edges input, mat1,
   mat2; saved 0 = mat1, 1 = mat2; s[0] = beta, s[1] = alpha). n->p: mat1 geometry, n->q: mat2's. */
static int mm_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  bool addmm = n->flags != 0;
  int i1 = addmm ? 1 : 0, i2 = i1 + 1;
  ten_tensor *m1 = ag_unpack(n, 0), *m2 = NULL;
  if (!m1 && ten_error_kind()) return -1;
  if (!(m2 = ag_unpack(n, 1)) && ten_error_kind()) {
    ten_release(m1);
    return -1;
  }
  ag_pool p = {0};
  ten_tensor *g = gout[0];
  double alpha = addmm ? n->s[1] : 1.0;
  bool ok = true;
  if (addmm && ag_should_compute(n, 0)) {
    gin[0] = ag_pool_keep(&p, n->s[0] == 1.0 ? g : ag_pmul_s(&p, g, n->s[0]));
    ok &= gin[0] != NULL;
  }
  if (ag_should_compute(n, i1)) {
    gin[i1] = ag_pool_keep(&p, mm_mat1_backward(&p, g, m2, n->p, alpha));
    ok &= gin[i1] != NULL;
  }
  if (ag_should_compute(n, i2)) {
    gin[i2] = ag_pool_keep(&p, mm_mat2_backward(&p, g, m1, n->q, alpha));
    ok &= gin[i2] != NULL;
  }
  ag_pool_free(&p);
  ten_release(m1);
  ten_release(m2);
  return ok ? 0 : -1;
}

static ten_tensor *record_mm(ten_tensor *y, ten_tensor *input, ten_tensor *m1, ten_tensor *m2, double beta,
                             double alpha) {
  ten_tensor *ins[3] = {input, m1, m2};
  bool addmm = input != NULL;
  ten_tensor *const *in = addmm ? ins : ins + 1;
  int k = addmm ? 3 : 2;
  if (!y || !ag_needs_any(in, k)) return y;
  ag_node *n = ag_record(&y, addmm ? "AddmmBackward0" : "MmBackward0", mm_backward, in, k, 2);
  if (!n) return NULL;
  n->flags = addmm;
  n->s[0] = beta;
  n->s[1] = alpha;
  record_geom(n->p, m1);
  record_geom(n->q, m2);
  int i1 = addmm ? 1 : 0;
  if (ag_should_compute(n, i1 + 1)) ag_save(n, 0, m1, false);
  if (ag_should_compute(n, i1)) ag_save(n, 1, m2, false);
  return y;
}

ten_tensor *ag_mm(ten_tensor *a, ten_tensor *b) { return record_mm(ten_mm(a, b), NULL, a, b, 1.0, 1.0); }

ten_tensor *ag_addmm(ten_tensor *input, ten_tensor *m1, ten_tensor *m2, ten_scalar beta, ten_scalar alpha) {
  return record_mm(ten_addmm(input, m1, m2, beta, alpha), input, m1, m2, ten_scalar_to_double(beta),
                   ten_scalar_to_double(alpha));
}

/* BmmBackward0 / MvBackward0 / DotBackward0 (n->flags picks); saved 0 = self, 1 = other. */
enum { K_BMM, K_MV, K_DOT };

static int product_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *a = ag_unpack(n, 0), *b = NULL;
  if (!a && ten_error_kind()) return -1;
  if (!(b = ag_unpack(n, 1)) && ten_error_kind()) {
    ten_release(a);
    return -1;
  }
  ag_pool p = {0};
  ten_tensor *g = gout[0], *r0 = NULL, *r1 = NULL;
  bool c0 = ag_should_compute(n, 0), c1 = ag_should_compute(n, 1);
  switch (n->flags) {
  case K_BMM:
    if (c0) r0 = pbmm(&p, g, ptr12(&p, b));
    if (c1) r1 = pbmm(&p, ptr12(&p, a), g);
    break;
  case K_MV:
    if (c0) {   /* grad.ger(vec) = grad.reshape(-1, 1) * vec */
      int64_t col[2] = {g->shape[0], 1};
      r0 = ag_pmul(&p, ag_p(&p, ag_reshape(g, col, 2)), b);
    }
    if (c1) r1 = a ? ag_p(&p, ag_mv(ag_p(&p, ag_t(a)), g)) : NULL;
    break;
  default:
    if (c0) r0 = ag_pmul(&p, g, b);
    if (c1) r1 = ag_pmul(&p, g, a);
    break;
  }
  gin[0] = c0 ? ag_pool_keep(&p, r0) : NULL;
  gin[1] = c1 ? ag_pool_keep(&p, r1) : NULL;
  bool ok = (!c0 || gin[0]) && (!c1 || gin[1]);
  ag_pool_free(&p);
  ten_release(a);
  ten_release(b);
  return ok ? 0 : -1;
}

static ten_tensor *record_product(ten_tensor *y, ten_tensor *a, ten_tensor *b, int kind, const char *name) {
  ten_tensor *ins[2] = {a, b};
  if (!y || !ag_needs_any(ins, 2)) return y;
  ag_node *n = ag_record(&y, name, product_backward, ins, 2, 2);
  if (!n) return NULL;
  n->flags = kind;
  if (ag_should_compute(n, 1)) ag_save(n, 0, a, false);
  if (ag_should_compute(n, 0)) ag_save(n, 1, b, false);
  return y;
}

ten_tensor *ag_bmm(ten_tensor *a, ten_tensor *b) { return record_product(ten_bmm(a, b), a, b, K_BMM, "BmmBackward0"); }
ten_tensor *ag_mv(ten_tensor *a, ten_tensor *v) { return record_product(ten_mv(a, v), a, v, K_MV, "MvBackward0"); }
ten_tensor *ag_dot(ten_tensor *a, ten_tensor *b) { return record_product(ten_dot(a, b), a, b, K_DOT, "DotBackward0"); }

/* outer(a, b) = a.reshape(-1, 1) * b (MulBackward0). */
ten_tensor *ag_outer(ten_tensor *a, ten_tensor *b) {
  ten_tensor *ins[2] = {a, b};
  if (!ag_needs_any(ins, 2)) return ten_outer(a, b);
  if (a->ndim != 1 || b->ndim != 1) return ten_outer(a, b);   /* the error */
  int64_t col[2] = {a->shape[0], 1};
  ten_tensor *c = ag_reshape(a, col, 2);
  ten_tensor *r = c ? ag_mul(c, b) : NULL;
  ten_release(c);
  return r;
}

/* ---- matmul ---- */

/* squeeze_(0) on the (1, p) product of a 1-D @ 2-D matmul: SqueezeBackward3. */
static int squeeze0_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  (void)n;
  gin[0] = ag_unsqueeze(gout[0], 0);
  return gin[0] ? 0 : -1;
}

static bool should_fold(const ten_tensor *t, int other_ndim) {
  if (t->ndim < 3 || other_ndim > 2) return false;
  return !(t->ndim == 3 && other_ndim == 2 && t->stride[2] != 1 && t->stride[0] == t->shape[1] * t->shape[2]);
}

/* Fold the N-D operand's leading dims into rows: one mm / mv (mirrors ten_matmul). */
static ten_tensor *matmul_folded(ten_tensor *a, ten_tensor *b) {
  int na = a->ndim, nb = b->ndim;
  bool transpose = nb > na;
  ag_pool p = {0};
  ten_tensor *t1 = transpose ? ag_p(&p, ag_transpose(b, -1, -2)) : a;
  ten_tensor *t2 = !transpose ? b : na == 2 ? ag_p(&p, ag_t(a)) : a;
  ten_tensor *out = NULL;
  if (t1 && t2) {
    int64_t oshape[TEN_MAX_DIMS];
    int no = t1->ndim - 1;
    memcpy(oshape, t1->shape, sizeof(int64_t) * (size_t)no);
    int64_t rows = 1;
    for (int i = 0; i < no; i++) rows *= t1->shape[i];
    int64_t fold[2] = {rows, t1->shape[no]};
    ten_tensor *f = ag_p(&p, ag_reshape(t1, fold, 2));
    ten_tensor *r = !f ? NULL : t2->ndim == 2 ? ag_p(&p, ag_mm(f, t2)) : ag_p(&p, ag_mv(f, t2));
    if (t2->ndim == 2) oshape[no++] = t2->shape[1];
    ten_tensor *v = r ? ag_p(&p, ag_unsafe_view(r, oshape, no)) : NULL;
    if (v && transpose && t2->ndim == 2) {
      ten_tensor *vt = ag_p(&p, ag_transpose(v, -1, -2));
      out = vt ? ag_contiguous(vt) : NULL;
    } else {
      out = ag_pool_keep(&p, v);
    }
  }
  ag_pool_free(&p);
  return out;
}

/* Broadcast batch dims, flatten them, one bmm, view back (mirrors ten_matmul's batched path). */
static ten_tensor *matmul_batched(ten_tensor *a, ten_tensor *b) {
  bool a_vec = a->ndim == 1, b_vec = b->ndim == 1;
  ag_pool p = {0};
  ten_tensor *a2 = a_vec ? ag_p(&p, ag_unsqueeze(a, 0)) : a;
  ten_tensor *b2 = b_vec ? ag_p(&p, ag_unsqueeze(b, 1)) : b;
  ten_tensor *out = NULL;
  int64_t batch[TEN_MAX_DIMS];
  int nbatch;
  if (a2 && b2 && ten_broadcast_shapes(a2->shape, a2->ndim - 2, b2->shape, b2->ndim - 2, batch, &nbatch) == 0) {
    int64_t n = a2->shape[a2->ndim - 2], m = a2->shape[a2->ndim - 1];
    int64_t m2 = b2->shape[b2->ndim - 2], pp = b2->shape[b2->ndim - 1];
    int64_t bprod = 1, ashape[TEN_MAX_DIMS], bshape[TEN_MAX_DIMS];
    for (int i = 0; i < nbatch; i++) {
      ashape[i] = bshape[i] = batch[i];
      bprod *= batch[i];
    }
    ashape[nbatch] = n;
    ashape[nbatch + 1] = m;
    bshape[nbatch] = m2;
    bshape[nbatch + 1] = pp;
    ten_tensor *ae = ag_p(&p, ag_expand(a2, ashape, nbatch + 2));
    ten_tensor *be = ae ? ag_p(&p, ag_expand(b2, bshape, nbatch + 2)) : NULL;
    int64_t a3s[3] = {bprod, n, m}, b3s[3] = {bprod, m2, pp};
    ten_tensor *a3 = be ? ag_p(&p, ag_reshape(ae, a3s, 3)) : NULL;
    ten_tensor *b3 = a3 ? ag_p(&p, ag_reshape(be, b3s, 3)) : NULL;
    ten_tensor *o3 = b3 ? ag_p(&p, ag_bmm(a3, b3)) : NULL;
    if (o3) {
      int64_t oshape[TEN_MAX_DIMS];
      int no = nbatch;
      memcpy(oshape, batch, sizeof(int64_t) * (size_t)nbatch);
      if (!a_vec) oshape[no++] = n;
      if (!b_vec) oshape[no++] = pp;
      out = ag_unsafe_view(o3, oshape, no);
    }
  }
  ag_pool_free(&p);
  return out;
}

ten_tensor *ag_matmul(ten_tensor *a, ten_tensor *b) {
  ten_tensor *ins[2] = {a, b};
  int na = a->ndim, nb = b->ndim;
  if (!ag_needs_any(ins, 2) || na == 0 || nb == 0) return ten_matmul(a, b);
  if (na == 1 && nb == 1) return ag_dot(a, b);
  if (na == 2 && nb == 1) return ag_mv(a, b);
  if (na == 2 && nb == 2) return ag_mm(a, b);
  if (na == 1 && nb == 2) {
    ten_tensor *row = ag_unsqueeze(a, 0);
    ten_tensor *r = row ? ag_mm(row, b) : NULL;
    ten_release(row);
    if (!r) return NULL;
    ten_tensor *s = ten_squeeze_dim(r, 0);
    if (s && r->requires_grad) ag_record(&s, "SqueezeBackward3", squeeze0_backward, &r, 1, 0);
    ten_release(r);
    return s;
  }
  if (should_fold(a, nb) || should_fold(b, na)) return matmul_folded(a, b);
  return matmul_batched(a, b);
}
