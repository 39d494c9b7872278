/*
** autograd/fn_index.c — joining and indexing: cat/stack (slices of the gradient), subscripts as
** PyTorch's applySlicing builds them (basic components as a chain of SelectBackward0 /
** SliceBackward0 / UnsqueezeBackward0 views, AliasBackward0 when nothing moved, tensor indices
** IndexBackward0), setitem (CopySlices over CopyBackwards / FillBackward3, or IndexPutBackward0),
** index_select, gather, masked_select, tril/triu, flip, repeat, and the scatter_add / index_add /
** index_put nodes their backward formulas record under create_graph.
*/
#include <string.h>

#include "autograd/internal.h"

static int identity_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  (void)n;
  ten_retain(gout[0]);
  gin[0] = gout[0];
  return 0;
}

static bool same_shape(const ten_tensor *a, const ten_tensor *b) {
  return a->ndim == b->ndim && (a->ndim == 0 || memcmp(a->shape, b->shape, sizeof(int64_t) * (size_t)a->ndim) == 0);
}

/* zeros of input i's recorded sizes with the gradient's dtype and device (grad.new_zeros). */
static ten_tensor *new_zeros_in(const ag_node *n, int i, const ten_tensor *g) {
  return ten_zeros(n->in[i].shape, n->in[i].ndim, g->dtype, ten_device_of(g));
}

/* ---- cat / stack ---- */

/* cat_tensors_backward: grad.narrow(dim, offset, size) per input; a legacy empty 1-D input gets
   an empty gradient. n->p[0] = dim (wrapped as the forward did). Nothing saved. */
static int cat_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  int64_t dim = n->p[0], pos = 0;
  for (int i = 0; i < n->n_next; i++) {
    const ag_tmeta *m = &n->in[i];
    if (m->ndim == 1 && m->shape[0] == 0) {
      int64_t zero = 0;
      if (ag_should_compute(n, i) && !(gin[i] = ten_zeros(&zero, 1, gout[0]->dtype, ten_device_of(gout[0]))))
        return -1;
      continue;
    }
    int64_t size = m->shape[dim];
    if (ag_should_compute(n, i) && !(gin[i] = ag_narrow(gout[0], dim, pos, size))) return -1;
    pos += size;
  }
  return 0;
}

ten_tensor *ag_cat(ten_tensor *const *ts, int n, int64_t dim) {
  ten_tensor *y = ten_cat(ts, n, dim);
  if (!y || !ag_needs_any(ts, n)) return y;
  /* legacy_cat_wrap_dim: the first tensor that is not a 1-D empty one gives the rank */
  int ndim = ts[0]->ndim, d;
  for (int i = 0; i < n; i++)
    if (!(ts[i]->ndim == 1 && ts[i]->shape[0] == 0)) {
      ndim = ts[i]->ndim;
      break;
    }
  ten_wrap_dim(dim, ndim, &d);   /* validated by ten_cat */
  ag_node *node = ag_record(&y, "CatBackward0", cat_backward, ts, n, 0);
  if (node) node->p[0] = d;
  return y;
}

/* stack_tensors_backward: grad.select(dim, i) per input. n->p[0] = dim (wrapped). */
static int stack_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  for (int i = 0; i < n->n_next; i++)
    if (ag_should_compute(n, i) && !(gin[i] = ag_select(gout[0], n->p[0], i))) return -1;
  return 0;
}

ten_tensor *ag_stack(ten_tensor *const *ts, int n, int64_t dim) {
  ten_tensor *y = ten_stack(ts, n, dim);
  if (!y || !ag_needs_any(ts, n)) return y;
  int d;
  ten_wrap_dim(dim, ts[0]->ndim + 1, &d);
  ag_node *node = ag_record(&y, "StackBackward0", stack_backward, ts, n, 0);
  if (node) node->p[0] = d;
  return y;
}

/* ---- index lists: at::index's List[Optional[Tensor]] ---- */

/* The tensors a subscript's walk recorded, at their positions of the list (the others are None). */
typedef struct idx_list {
  int len;                          /* list length (last position + 1) */
  int nrec;
  int pos[TEN_MAX_DIMS];
  ten_tensor *rec[TEN_MAX_DIMS];    /* new references */
} idx_list;

static void list_free(idx_list *l) {
  for (int k = 0; k < l->nrec; k++) ten_release(l->rec[k]);
  l->nrec = 0;
}

/* As a ten_index subscript: a full slice for None, the tensor for the others. */
static void list_to_index(const idx_list *l, ten_index *x) {
  for (int j = 0; j < l->len; j++) {
    memset(&x[j], 0, sizeof x[j]);
    x[j].kind = TEN_INDEX_SLICE;
    x[j].step = 1;
  }
  for (int k = 0; k < l->nrec; k++) {
    x[l->pos[k]].kind = TEN_INDEX_TENSOR;
    x[l->pos[k]].tensor = l->rec[k];
  }
}

/* A node's list: positions in p[0..np), the length in q[0], the tensors in saved slots
   first..first+np (version-checked). Returns 0 or -1 (l holds nothing then). */
static int list_unpack(ag_node *n, int first, idx_list *l) {
  l->len = (int)n->q[0];
  l->nrec = 0;
  for (int k = 0; k < n->np; k++) {
    ten_tensor *t = ag_unpack(n, first + k);
    if (!t) {
      if (!ten_error_kind()) ten_error_set(TEN_E_RUNTIME, "%s: missing saved index", n->name);
      list_free(l);
      return -1;
    }
    l->pos[k] = (int)n->p[k];
    l->rec[k] = t;
    l->nrec = k + 1;
  }
  return 0;
}

/* Stores l on a node: positions and length as parameters, the tensors as saved slots from first. */
static void list_save(ag_node *n, int first, const idx_list *l) {
  for (int k = 0; k < l->nrec; k++) {
    n->p[k] = l->pos[k];
    ag_save(n, first + k, l->rec[k], false);
  }
  n->np = l->nrec;
  n->q[0] = l->len;
  n->nq = 1;
}

static ten_tensor *index_rec(ten_tensor *t, const idx_list *l);
static ten_tensor *index_put_rec(ten_tensor *self, const idx_list *l, ten_tensor *values, bool accumulate, bool fresh);

/* IndexBackward0: grad.new_zeros(self.sizes()).index_put_(indices, grad, accumulate=True). */
static int index_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  idx_list l;
  if (list_unpack(n, 0, &l)) return -1;
  ten_tensor *z = new_zeros_in(n, 0, gout[0]);
  gin[0] = z ? index_put_rec(z, &l, gout[0], true, true) : NULL;
  ten_release(z);
  list_free(&l);
  return gin[0] ? 0 : -1;
}

/* y = t[indices] (at::index), recorded as IndexBackward0 (saves the indices). */
static ten_tensor *index_rec(ten_tensor *t, const idx_list *l) {
  ten_index x[TEN_MAX_DIMS];
  list_to_index(l, x);
  ten_tensor *y = ten_index_get(t, x, l->len);
  if (!y || !ag_needs(t)) return y;
  ag_node *n = ag_record(&y, "IndexBackward0", index_backward, &t, 1, l->nrec);
  if (n) list_save(n, 0, l);
  return y;
}

/* IndexPutBackward0 (n->flags: accumulate): self gets grad, or grad with the written places
   zeroed (grad.index_put(indices, 0)); values gets grad[indices] (summed to its shape by the
   engine). Saves the indices only. */
static int index_put_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  idx_list l;
  if (list_unpack(n, 0, &l)) return -1;
  ten_tensor *g = gout[0];
  int rc = 0;
  if (ag_should_compute(n, 0)) {
    if (n->flags) {
      ten_retain(g);
      gin[0] = g;
    } else {
      ten_tensor *zero = ten_zeros(NULL, 0, g->dtype, ten_device_of(g));
      gin[0] = zero ? index_put_rec(g, &l, zero, false, false) : NULL;
      ten_release(zero);
      if (!gin[0]) rc = -1;
    }
  }
  if (rc == 0 && ag_should_compute(n, 1) && !(gin[1] = index_rec(g, &l))) rc = -1;
  list_free(&l);
  return rc;
}

/* self.index_put(indices, values, accumulate) out of place, recorded as IndexPutBackward0.
   fresh: self is a new constant the caller gives up (zeros), written in place. */
static ten_tensor *index_put_rec(ten_tensor *self, const idx_list *l, ten_tensor *values, bool accumulate, bool fresh) {
  ten_index x[TEN_MAX_DIMS];
  list_to_index(l, x);
  ten_tensor *y = fresh ? self : ten_clone(self);
  if (fresh) ten_retain(y);
  if (y && ten_index_put_acc(y, x, l->len, values, accumulate)) {
    ten_release(y);
    return NULL;
  }
  ten_tensor *ins[2] = {self, values};
  if (!y || !ag_needs_any(ins, 2)) return y;
  ag_node *n = ag_record(&y, "IndexPutBackward0", index_put_backward, ins, 2, l->nrec);
  if (n) {
    n->flags = accumulate;
    list_save(n, 0, l);
  }
  return y;
}

/* ---- walking a subscript (applySlicing / handleDimInMultiDimIndexing) ---- */

typedef struct walk {
  ten_tensor *v;        /* the running view: t itself until a basic component moves it (new ref) */
  idx_list l;
} walk;

static void walk_free(walk *w) {
  ten_release(w->v);
  w->v = NULL;
  list_free(&w->l);
}

static bool is_mask_dtype(ten_dtype dt) { return dt == TEN_DTYPE_BOOL || dt == TEN_DTYPE_U8; }

/* count_specified_dimensions */
static int specified_dims(const ten_index *idx, int n) {
  int c = 0;
  for (int i = 0; i < n; i++) {
    const ten_index *x = &idx[i];
    if (x->kind == TEN_INDEX_INT || x->kind == TEN_INDEX_SLICE) c++;
    else if (x->kind == TEN_INDEX_TENSOR) c += is_mask_dtype(x->tensor->dtype) ? x->tensor->ndim : 1;
  }
  return c;
}

/* Basic steps: recorded views (grad) or plain ones (setitem, which only needs the geometry). */
static ten_tensor *step_select(ten_tensor *v, int dim, int64_t k, int real_dim, bool rec) {
  int64_t size = v->shape[dim];
  if (k < -size || k >= size) {
    ten_error_set(TEN_E_INDEX, "index %lld is out of bounds for dimension %d with size %lld", (long long)k, real_dim,
                  (long long)size);
    return NULL;
  }
  return rec ? ag_select(v, dim, k) : ten_select(v, dim, k);
}

static ten_tensor *step_unsqueeze(ten_tensor *v, int dim, bool rec) {
  return rec ? ag_unsqueeze(v, dim) : ten_unsqueeze(v, dim);
}

/* applySlice; opt: a slice covering the whole dim returns v itself (a new reference). */
static ten_tensor *step_slice(ten_tensor *v, int dim, const ten_index *x, bool rec, bool opt) {
  if (opt && x->step == 1 && (!x->has_start || x->start == 0) && x->has_stop && v->ndim > dim &&
      x->stop == v->shape[dim]) {
    ten_retain(v);
    return v;
  }
  return rec ? ag_slice(v, dim, x->start, x->stop, x->step, x->has_start, x->has_stop)
             : ten_slice(v, dim, x->start, x->stop, x->step, x->has_start, x->has_stop);
}

/* Applies idx to t: basic components move w->v, tensors are recorded at the dim pointer (which
   then moves by one, even for a k-dim mask). Returns 0 or -1 (w freed). */
static int walk_subscript(walk *w, ten_tensor *t, const ten_index *idx, int n, bool rec) {
  memset(w, 0, sizeof *w);
  int specified = specified_dims(idx, n);
  if (specified > t->ndim) return ten_error_set(TEN_E_INDEX, "too many indices for tensor of dimension %d", t->ndim);
  ten_retain(t);
  w->v = t;
  int dim = 0;
  for (int i = 0; i < n; i++) {
    const ten_index *x = &idx[i];
    ten_tensor *nv = NULL, *r = NULL;
    switch (x->kind) {
    case TEN_INDEX_ELLIPSIS:
      dim += t->ndim - specified;
      continue;
    case TEN_INDEX_NONE:
      nv = step_unsqueeze(w->v, dim++, rec);
      break;
    case TEN_INDEX_INT:
      nv = step_select(w->v, dim, x->i, i, rec);
      break;
    case TEN_INDEX_SLICE:
      nv = step_slice(w->v, dim++, x, rec, true);
      break;
    case TEN_INDEX_TENSOR: {
      ten_tensor *it = x->tensor;
      if (it->ndim == 0 && (ten_dtype_is_int(it->dtype) || it->dtype == TEN_DTYPE_BOOL)) {
        if (!is_mask_dtype(it->dtype)) {
          nv = step_select(w->v, dim, ten_get_int(it, 0), i, rec);
          break;
        }
        /* x[True] / x[False]: unsqueeze, then index the new dim with [0] / [] */
        int64_t len = ten_get_int(it, 0) != 0;
        if (!(nv = step_unsqueeze(w->v, dim, rec))) break;
        if (!(r = ten_zeros(&len, 1, TEN_DTYPE_I64, TEN_CPU))) {
          ten_release(nv);
          nv = NULL;
          break;
        }
      } else {
        ten_retain(it);
        r = it;
      }
      if (w->l.nrec == TEN_MAX_DIMS) {
        ten_release(r);
        ten_release(nv);
        walk_free(w);
        return ten_error_set(TEN_E_INDEX, "too many indices for tensor of dimension %d", t->ndim);
      }
      w->l.pos[w->l.nrec] = dim++;
      w->l.rec[w->l.nrec++] = r;
      w->l.len = dim;
      if (!nv) continue;
      break;
    }
    }
    if (!nv) {
      walk_free(w);
      return -1;
    }
    ten_release(w->v);
    w->v = nv;
  }
  return 0;
}

/* ---- getitem ---- */

static ten_tensor *alias_rec(ten_tensor *t) {
  ten_tensor *y = ten_alias(t);
  if (y && ag_record(&y, "AliasBackward0", identity_backward, &t, 1, 0)) ag_track_view(y, t);
  return y;
}

ten_tensor *ag_index_get(ten_tensor *t, const ten_index *idx, int n) {
  if (!ag_needs(t)) return ten_index_get(t, idx, n);
  /* THPVariable_getitem's single-index paths */
  if (n == 1) {
    const ten_index *x = &idx[0];
    switch (x->kind) {
    case TEN_INDEX_NONE: return ag_unsqueeze(t, 0);
    case TEN_INDEX_ELLIPSIS: return alias_rec(t);
    case TEN_INDEX_INT:
    case TEN_INDEX_SLICE:
      if (t->ndim == 0) return ten_index_get(t, idx, n);   /* the 0-dim errors */
      return x->kind == TEN_INDEX_INT ? step_select(t, 0, x->i, 0, true) : step_slice(t, 0, x, true, false);
    default: break;
    }
  }
  walk w;
  if (walk_subscript(&w, t, idx, n, true)) return NULL;
  ten_tensor *y;
  if (w.l.nrec) y = index_rec(w.v, &w.l);
  else if (w.v == t) y = alias_rec(t);   /* x[...], x[0:len, :]: a shallow copy */
  else {
    ten_retain(w.v);
    y = w.v;
  }
  walk_free(&w);
  return y;
}

/* ---- setitem ---- */

/* CopyBackwards (copy_): the old dst gets zeros, src the gradient (reduced to its shape). */
static int copy_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  if (ag_should_compute(n, 0) && !(gin[0] = ten_zeros_like(gout[0]))) return -1;
  if (ag_should_compute(n, 1)) {
    ten_retain(gout[0]);
    gin[1] = gout[0];
  }
  return 0;
}

/* FillBackward3 (fill_ with a 0-dim tensor value): self zeros, value grad.sum(). */
static int fill_tensor_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  if (ag_should_compute(n, 0) && !(gin[0] = ten_zeros_like(gout[0]))) return -1;
  if (ag_should_compute(n, 1) && !(gin[1] = ag_sum(gout[0], NULL, 0, false, TEN_DTYPE_UNSET))) return -1;
  return 0;
}

/* The tensor CopySlices goes on when writing through a view of t: t's tracked base, or t. */
static ten_tensor *root_of(ten_tensor *t) {
  ag_meta *m = ag_meta_peek(t);
  return m && m->view_base ? m->view_base : t;
}

/* The in-place protocol for a write into dst, which is t itself (view NULL) or a plain view of t
   (the subscript's geometry, without history): then the node's self edge is the root's, and
   end makes it CopySlices on the root (ag_rebase_history with an explicit base). */
static int write_begin(ten_tensor *t, ten_tensor *view, ten_tensor *src, const char *name, ag_apply_fn apply,
                       int n_saved, ag_node **node) {
  ten_tensor *ins[2] = {t, src};
  if (!view) return ag_inplace_begin(t, ins, 2, name, apply, n_saved, node);
  *node = NULL;
  ten_tensor *root = root_of(t);
  if (ag_is_grad_enabled() && root->requires_grad && ag_is_leaf(root))
    return ten_error_set(TEN_E_RUNTIME,
                         "a view of a leaf Variable that requires grad is being used in an in-place operation.");
  if (!ag_needs_any(ins, 2)) return 0;
  ag_node *n = ag_node_new(name, apply, 2, n_saved);
  if (!n) return -1;
  ag_node_set_input(n, 0, view);    /* the view's metadata (its gradient shape) */
  ag_node_release(n->next[0].fn);
  n->next[0] = ag_gradient_edge(root);
  ag_node_set_input(n, 1, src);
  *node = n;
  return 0;
}

static int write_end(ten_tensor *t, ten_tensor *view, ag_node *n, int rc) {
  if (!view) return ag_inplace_end(t, n, rc);
  if (!n) return rc;
  if (rc == 0) rc = ag_rebase_history(view, root_of(t), n);
  ag_node_release(n);
  return rc;
}

/* at::indexing::copy_to(dst, value), dst being t or view: same shape -> copy_ (CopyBackwards); a
   0-dim CPU value -> fill_ (FillBackward3); else value.view(without leading 1s) [.expand] and
   copy_. */
static int copy_to(ten_tensor *t, ten_tensor *view, ten_tensor *value) {
  ten_tensor *dst = view ? view : t;
  ag_node *n;
  if (!same_shape(dst, value) && value->ndim == 0 && ten_device_of(value).type == TEN_DEV_CPU) {
    ten_scalar s;
    if (ten_item(value, &s) || write_begin(t, view, value, "FillBackward3", fill_tensor_backward, 0, &n)) return -1;
    return write_end(t, view, n, ten_fill_(dst, s));
  }
  ten_tensor *src = value, *sv = NULL, *ex = NULL;
  if (!same_shape(dst, value)) {
    int k = 0;
    while (k < value->ndim && value->shape[k] == 1) k++;
    if (!(sv = ag_view(value, value->shape + k, value->ndim - k))) return -1;
    src = sv;
    if (!same_shape(dst, sv)) {
      if (!(ex = ag_expand(sv, dst->shape, dst->ndim))) {
        ten_release(sv);
        return -1;
      }
      src = ex;
    }
  }
  int rc = write_begin(t, view, src, "CopyBackwards", copy_backward, 0, &n);
  if (rc == 0) rc = write_end(t, view, n, ten_copy_(dst, src));
  ten_release(sv);
  ten_release(ex);
  return rc;
}

/* index_put_(dst, indices, values) in place (IndexPutBackward0, accumulate False). */
static int index_put_into(ten_tensor *t, ten_tensor *view, const idx_list *l, ten_tensor *value) {
  ten_tensor *dst = view ? view : t, *vs = NULL;
  int k = 0;
  while (k < value->ndim && value->shape[k] == 1) k++;
  if (k && !(vs = ag_view(value, value->shape + k, value->ndim - k))) return -1;   /* slicePrefix1sDims */
  ten_tensor *values = vs ? vs : value;
  ag_node *n;
  int rc = write_begin(t, view, values, "IndexPutBackward0", index_put_backward, l->nrec, &n);
  if (rc == 0) {
    ten_index x[TEN_MAX_DIMS];
    list_to_index(l, x);
    rc = ten_index_put_acc(dst, x, l->len, values, false);
    if (rc == 0 && n) list_save(n, 0, l);
    rc = write_end(t, view, n, rc);
  }
  ten_release(vs);
  return rc;
}

int ag_index_put(ten_tensor *t, const ten_index *idx, int n, ten_tensor *value) {
  ten_tensor *ins[2] = {t, value};
  /* an integer target never gets history (a[0] = v with v requiring grad just converts) */
  if (!ag_needs_any(ins, 2) || !ten_dtype_is_float(t->dtype)) return ten_index_put(t, idx, n, value);
  /* valueToTensor: a Python number is a 0-dim CPU tensor of t's dtype (checked conversion) */
  ten_tensor *v = value;
  if (value->wrapped_number) {
    ten_scalar s;
    if (ten_item(value, &s) || !(v = ten_empty(NULL, 0, t->dtype, TEN_CPU))) return -1;
    if (ten_fill_(v, s)) {   /* checked: "value cannot be converted to type ... without overflow" */
      ten_release(v);
      return -1;
    }
  } else {
    ten_retain(v);
  }
  int rc;
  ten_tensor *view = NULL;
  /* THPVariable_setitem's single-index paths */
  ten_index_kind k = n == 1 ? idx[0].kind : TEN_INDEX_TENSOR;
  const ten_tensor *it = n == 1 && k == TEN_INDEX_TENSOR ? idx[0].tensor : NULL;
  bool bool0 = it && it->ndim == 0 && it->dtype == TEN_DTYPE_BOOL;
  if (bool0 && !ten_get_int(it, 0)) {
    rc = 0;                                                       /* x[False] = v: nothing */
  } else if (n == 1 && k == TEN_INDEX_ELLIPSIS) {
    rc = copy_to(t, NULL, v);
  } else if (n == 1 && (k == TEN_INDEX_NONE || bool0)) {
    rc = (view = ten_unsqueeze(t, 0)) ? copy_to(t, view, v) : -1;    /* x[None] / x[True] = v */
  } else if (n == 1 && (k == TEN_INDEX_INT || k == TEN_INDEX_SLICE) && t->ndim == 0) {
    rc = ten_index_put(t, idx, n, v);                             /* the 0-dim errors */
  } else if (n == 1 && k == TEN_INDEX_INT) {
    rc = (view = step_select(t, 0, idx[0].i, 0, false)) ? copy_to(t, view, v) : -1;
  } else if (n == 1 && k == TEN_INDEX_SLICE) {
    rc = (view = step_slice(t, 0, &idx[0], false, true)) ? copy_to(t, view == t ? NULL : view, v) : -1;
  } else {
    walk w;
    rc = walk_subscript(&w, t, idx, n, false);
    if (rc == 0) {
      ten_tensor *dst = w.v == t ? NULL : w.v;
      rc = w.l.nrec ? index_put_into(t, dst, &w.l, v) : copy_to(t, dst, v);
      walk_free(&w);
    }
  }
  ten_release(view);
  ten_release(v);
  return rc;
}

/* ---- index_select / index_add ---- */

static ten_tensor *index_add_rec(ten_tensor *self, int64_t dim, ten_tensor *index, ten_tensor *src);

/* IndexSelectBackward0: zeros(self.sizes()).index_add(dim, index, grad). p[0] = dim; saved index. */
static int index_select_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *index = ag_unpack(n, 0);
  if (!index) return -1;
  ten_tensor *z = new_zeros_in(n, 0, gout[0]);
  gin[0] = z ? index_add_rec(z, n->p[0], index, gout[0]) : NULL;
  ten_release(z);
  ten_release(index);
  return gin[0] ? 0 : -1;
}

ten_tensor *ag_index_select(ten_tensor *t, int64_t dim, ten_tensor *index) {
  ten_tensor *y = ten_index_select(t, dim, index);
  if (!y || !ag_needs(t)) return y;
  int d;
  ten_wrap_dim(dim, t->ndim, &d);
  ag_node *n = ag_record(&y, "IndexSelectBackward0", index_select_backward, &t, 1, 1);
  if (!n) return NULL;
  n->p[0] = d;
  ag_save(n, 0, index, false);
  return y;
}

/* IndexAddBackward0 (alpha 1): self gets grad, source grad.index_select(dim, index). */
static int index_add_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  if (ag_should_compute(n, 0)) {
    ten_retain(gout[0]);
    gin[0] = gout[0];
  }
  if (ag_should_compute(n, 1)) {
    ten_tensor *index = ag_unpack(n, 0);
    if (!index || !(gin[1] = ag_index_select(gout[0], n->p[0], index))) {
      ten_release(index);
      return -1;
    }
    ten_release(index);
  }
  return 0;
}

/* self.index_add(dim, index, src) for fresh zeros self (written in place), recorded. */
static ten_tensor *index_add_rec(ten_tensor *self, int64_t dim, ten_tensor *index, ten_tensor *src) {
  if (ten_index_add_(self, dim, index, src, ten_scalar_int(1))) return NULL;
  ten_tensor *y = self, *ins[2] = {self, src};
  ten_retain(y);
  if (!y || !ag_needs_any(ins, 2)) return y;
  ag_node *n = ag_record(&y, "IndexAddBackward0", index_add_backward, ins, 2, 1);
  if (!n) return NULL;
  int d;
  ten_wrap_dim(dim, self->ndim, &d);
  n->p[0] = d;
  ag_save(n, 0, index, false);
  return y;
}

/* ---- gather / scatter_add ---- */

static ten_tensor *scatter_add_rec(ten_tensor *self, int64_t dim, ten_tensor *index, ten_tensor *src);

/* GatherBackward0: zeros(self.sizes()).scatter_add(dim, index, grad). Saved: self (for the
   version check, as PyTorch saves it) and index; p[0] = dim. */
static int gather_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *self = ag_unpack(n, 0), *index = self ? ag_unpack(n, 1) : NULL;
  ten_tensor *z = index ? new_zeros_in(n, 0, gout[0]) : NULL;
  gin[0] = z ? scatter_add_rec(z, n->p[0], index, gout[0]) : NULL;
  ten_release(z);
  ten_release(index);
  ten_release(self);
  return gin[0] ? 0 : -1;
}

ten_tensor *ag_gather(ten_tensor *t, int64_t dim, ten_tensor *index) {
  ten_tensor *y = ten_gather(t, dim, index);
  if (!y || !ag_needs(t)) return y;
  int d;
  ten_wrap_dim(dim, t->ndim, &d);
  ag_node *n = ag_record(&y, "GatherBackward0", gather_backward, &t, 1, 2);
  if (!n) return NULL;
  n->p[0] = d;
  ag_save(n, 0, t, false);
  ag_save(n, 1, index, false);
  return y;
}

/* ScatterAddBackward0: self gets grad, src grad.gather(dim, index). */
static int scatter_add_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  if (ag_should_compute(n, 0)) {
    ten_retain(gout[0]);
    gin[0] = gout[0];
  }
  if (ag_should_compute(n, 1)) {
    ten_tensor *index = ag_unpack(n, 0);
    if (!index || !(gin[1] = ag_gather(gout[0], n->p[0], index))) {
      ten_release(index);
      return -1;
    }
    ten_release(index);
  }
  return 0;
}

/* self.scatter_add(dim, index, src) for fresh zeros self (written in place), recorded. */
static ten_tensor *scatter_add_rec(ten_tensor *self, int64_t dim, ten_tensor *index, ten_tensor *src) {
  if (ten_scatter_add_(self, dim, index, src)) return NULL;
  ten_tensor *y = self, *ins[2] = {self, src};
  ten_retain(y);
  if (!y || !ag_needs_any(ins, 2)) return y;
  ag_node *n = ag_record(&y, "ScatterAddBackward0", scatter_add_backward, ins, 2, 1);
  if (!n) return NULL;
  int d;
  ten_wrap_dim(dim, self->ndim, &d);
  n->p[0] = d;
  ag_save(n, 0, index, false);
  return y;
}

/* ---- masked_select ---- */

/* MaskedSelectBackward0 (masked_select_backward): zeros of the broadcast shape of self and mask
   with grad scattered into the masked places in order; the engine sums it to self's shape.
   Saved: self and mask. */
static int masked_select_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *self = ag_unpack(n, 0), *mask = self ? ag_unpack(n, 1) : NULL;
  int64_t shape[TEN_MAX_DIMS];
  int nd;
  ten_tensor *z = NULL, *mx = NULL;
  if (mask && ten_broadcast_shapes(self->shape, self->ndim, mask->shape, mask->ndim, shape, &nd) == 0 &&
      (mx = ten_expand(mask, shape, nd)))
    z = ten_zeros(shape, nd, self->dtype, ten_device_of(gout[0]));
  if (z) {
    idx_list l = {.len = 1, .nrec = 1, .pos = {0}, .rec = {mx}};
    gin[0] = index_put_rec(z, &l, gout[0], false, true);
  }
  ten_release(z);
  ten_release(mx);
  ten_release(mask);
  ten_release(self);
  return gin[0] ? 0 : -1;
}

ten_tensor *ag_masked_select(ten_tensor *t, ten_tensor *mask) {
  ten_tensor *y = ten_masked_select(t, mask);
  if (!y || !ag_needs(t)) return y;
  ag_node *n = ag_record(&y, "MaskedSelectBackward0", masked_select_backward, &t, 1, 2);
  if (!n) return NULL;
  ag_save(n, 0, t, false);
  ag_save(n, 1, mask, false);
  return y;
}

/* ---- tril / triu / flip / repeat (nothing saved) ---- */

/* grad.tril(diagonal) / grad.triu(diagonal): p[0] = diagonal, flags: upper. */
static int triangle_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  gin[0] = n->flags ? ag_triu(gout[0], n->p[0]) : ag_tril(gout[0], n->p[0]);
  return gin[0] ? 0 : -1;
}

static ten_tensor *triangle(ten_tensor *y, ten_tensor *t, int64_t diagonal, bool upper) {
  if (!y || !ag_needs(t)) return y;
  ag_node *n = ag_record(&y, upper ? "TriuBackward0" : "TrilBackward0", triangle_backward, &t, 1, 0);
  if (n) {
    n->p[0] = diagonal;
    n->flags = upper;
  }
  return y;
}

ten_tensor *ag_tril(ten_tensor *t, int64_t diagonal) { return triangle(ten_tril(t, diagonal), t, diagonal, false); }
ten_tensor *ag_triu(ten_tensor *t, int64_t diagonal) { return triangle(ten_triu(t, diagonal), t, diagonal, true); }

/* FlipBackward0: grad.flip(dims). p = dims. */
static int flip_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  gin[0] = ag_flip(gout[0], n->p, n->np);
  return gin[0] ? 0 : -1;
}

ten_tensor *ag_flip(ten_tensor *t, const int64_t *dims, int n) {
  ten_tensor *y = ten_flip(t, dims, n);
  if (!y || !ag_needs(t)) return y;
  ag_node *node = ag_record(&y, "FlipBackward0", flip_backward, &t, 1, 0);
  if (node) {
    memcpy(node->p, dims, sizeof(int64_t) * (size_t)n);
    node->np = n;
  }
  return y;
}

/* RepeatBackward0 (repeat_backward): zeros if a repeat is 0; else sum away the leading new dims
   one at a time, view each repeated dim as (repeat, size) and sum the repeat dims at once.
   p = repeats; the input sizes are in[0]. */
static int repeat_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  const ag_tmeta *im = &n->in[0];
  ten_tensor *g = gout[0];
  for (int i = 0; i < n->np; i++)
    if (n->p[i] == 0) {
      gin[0] = ten_zeros(im->shape, im->ndim, g->dtype, ten_device_of(g));
      return gin[0] ? 0 : -1;
    }
  ten_retain(g);
  int lead = g->ndim - im->ndim;
  for (int i = 0; i < lead && g; i++) {
    int64_t zero = 0;
    ten_tensor *s = ag_sum(g, &zero, 1, false, TEN_DTYPE_UNSET);
    ten_release(g);
    g = s;
  }
  int64_t gsize[TEN_MAX_DIMS], sdims[TEN_MAX_DIMS];
  int ng = 0, ns = 0;
  for (int d = 0; d < im->ndim; d++) {
    int64_t r = n->p[d + lead];
    if (r != 1) {
      gsize[ng] = r;
      sdims[ns++] = ng++;
    }
    gsize[ng++] = im->shape[d];
  }
  if (g && ns) {
    ten_tensor *v = ag_reshape(g, gsize, ng);
    ten_release(g);
    g = v ? ag_sum(v, sdims, ns, false, TEN_DTYPE_UNSET) : NULL;
    ten_release(v);
  }
  gin[0] = g;
  return g ? 0 : -1;
}

ten_tensor *ag_repeat(ten_tensor *t, const int64_t *repeats, int n) {
  ten_tensor *y = ten_repeat(t, repeats, n);
  if (!y || !ag_needs(t)) return y;
  ag_node *node = ag_record(&y, "RepeatBackward0", repeat_backward, &t, 1, 0);
  if (node) {
    memcpy(node->p, repeats, sizeof(int64_t) * (size_t)n);
    node->np = n;
  }
  return y;
}
