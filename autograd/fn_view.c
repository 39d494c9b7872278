/*
** autograd/fn_view.c — view ops (results share the input's storage): view/reshape/flatten,
** transpose/t/permute, squeeze/unsqueeze, expand, select/slice/narrow/diagonal, as_strided and the
** multi-output split/chunk/unbind. Each backward maps the gradient back to the input's shape; the
** results are tracked as views of their base (for CopySlices and the view-of-leaf error).
*/
#include <stdlib.h>
#include <string.h>

#include "autograd/internal.h"

/* n->flags: which view op; n->p / n->q: its parameters. */
typedef enum view_kind {
  V_RESHAPE,      /* View, ReshapeAlias, UnsafeView, Unflatten: grad.reshape(input sizes) */
  V_TRANSPOSE,    /* p[0], p[1] */
  V_PERMUTE,      /* p = dims */
  V_SQUEEZE,      /* all size-1 dims (input sizes in in[0]) */
  V_SQUEEZE_DIM,  /* p[0] = dim (wrapped), q[0] = 1 when it was squeezed */
  V_UNSQUEEZE,    /* p[0] = dim */
  V_EXPAND,       /* sum_to input sizes */
  V_SELECT,       /* p[0] = dim, p[1] = index (wrapped) */
  V_SLICE,        /* p[0] = dim, p[1] = start, p[2] = step (normalised by the forward) */
  V_DIAGONAL,     /* p[0] = offset, p[1] = d0, p[2] = d1 */
  V_AS_STRIDED,   /* p = shape, q = stride, s[0] = offset relative to the input's */
} view_kind;

void ag_track_view(ten_tensor *view, ten_tensor *base) {
  ag_meta *bm = ag_meta_peek(base);
  ten_tensor *root = bm && bm->view_base ? bm->view_base : base;
  ag_meta *m = ag_meta_get(view);
  if (!m || m->view_base) return;
  ten_retain(root);
  m->view_base = root;
  m->view_version = view->storage->version;
}

/* zeros(input sizes) with the gradient written into the region the view selected (recorded
   under create_graph: a tracked view of the zeros and an in-place copy give CopySlices). */
static ten_tensor *embed(ag_node *n, ten_tensor *g) {
  const ag_tmeta *im = &n->in[0];
  bool rec = ag_is_grad_enabled();
  ten_tensor *z = ten_zeros(im->shape, im->ndim, g->dtype, ten_device_of(g));
  if (!z) return NULL;
  ten_tensor *v = NULL;
  switch ((view_kind)n->flags) {
  case V_SELECT: v = (rec ? ag_select : ten_select)(z, n->p[0], n->p[1]); break;
  case V_SLICE: {
    int64_t stop = n->p[1] + (g->ndim ? g->shape[n->p[0]] : 1) * n->p[2];
    v = (rec ? ag_slice : ten_slice)(z, n->p[0], n->p[1], stop, n->p[2], true, true);
    break;
  }
  case V_DIAGONAL: v = (rec ? ag_diagonal : ten_diagonal)(z, n->p[0], n->p[1], n->p[2]); break;
  case V_AS_STRIDED:
    v = rec ? ag_as_strided(z, n->p, n->q, n->np, z->offset + (int64_t)n->s[0])
            : ten_from_storage(z->storage, z->dtype, (int64_t)n->s[0], n->p, n->q, n->np);
    break;
  default: break;
  }
  int rc;
  if (!v) rc = -1;
  else if (n->flags == V_AS_STRIDED) rc = (rec ? ag_binary_ : ten_binary_)(TEN_BINOP_ADD, v, g, ten_scalar_int(1));
  else rc = rec ? ag_copy_(v, g) : ten_copy_(v, g);
  ten_release(v);
  if (rc) {
    ten_release(z);
    return NULL;
  }
  return z;
}

static int view_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *g = gout[0], *r = NULL;
  const ag_tmeta *im = &n->in[0];
  switch ((view_kind)n->flags) {
  case V_RESHAPE:
  case V_SQUEEZE: r = ag_reshape(g, im->shape, im->ndim); break;
  case V_TRANSPOSE: r = ag_transpose(g, n->p[0], n->p[1]); break;
  case V_PERMUTE: {
    int64_t inv[TEN_MAX_DIMS];
    for (int i = 0; i < n->np; i++) inv[n->p[i]] = i;
    r = ag_permute(g, inv, n->np);
    break;
  }
  case V_SQUEEZE_DIM:
    if (n->q[0]) r = ag_unsqueeze(g, n->p[0]);
    else {
      ten_retain(g);
      r = g;
    }
    break;
  case V_UNSQUEEZE: r = ag_squeeze_dim(g, n->p[0]); break;
  case V_EXPAND: r = ag_sum_to(g, im->shape, im->ndim); break;
  default: r = embed(n, g); break;
  }
  gin[0] = r;
  return r ? 0 : -1;
}

/* Records view op `kind` on y = view of t (y consumed on failure). */
static ten_tensor *record_view(ten_tensor *y, ten_tensor *t, const char *name, view_kind kind, const int64_t *p, int np,
                               bool track) {
  if (!y || y == t) return y;
  if (!ag_needs(t)) {
    /* in grad mode every view knows its base (as PyTorch's): an in-place write through it with an
       input that requires grad gives the base its history (CopySlices) */
    if (track && ag_is_grad_enabled()) ag_track_view(y, t);
    return y;
  }
  ag_node *n = ag_record(&y, name, view_backward, &t, 1, 0);
  if (!n) return NULL;
  n->flags = (int)kind;
  if (np) memcpy(n->p, p, sizeof(int64_t) * (size_t)np);
  n->np = np;
  if (track) ag_track_view(y, t);
  return y;
}

ten_tensor *ag_view(ten_tensor *t, const int64_t *shape, int ndim) {
  return record_view(ten_view(t, shape, ndim), t, "ViewBackward0", V_RESHAPE, NULL, 0, true);
}

ten_tensor *ag_unsafe_view(ten_tensor *t, const int64_t *shape, int ndim) {
  return record_view(ten_view(t, shape, ndim), t, "UnsafeViewBackward0", V_RESHAPE, NULL, 0, false);
}

ten_tensor *ag_reshape(ten_tensor *t, const int64_t *shape, int ndim) {
  if (!ag_needs(t)) return ten_reshape(t, shape, ndim);
  if (ten_reshape_is_view(t, shape, ndim))
    return record_view(ten_reshape(t, shape, ndim), t, "ReshapeAliasBackward0", V_RESHAPE, NULL, 0, true);
  /* at::_unsafe_view(self.clone(contiguous), shape) */
  ten_tensor *c = ag_contiguous(t);
  if (!c) return NULL;
  ten_tensor *r = ag_unsafe_view(c, shape, ndim);
  ten_release(c);
  return r;
}

ten_tensor *ag_flatten(ten_tensor *t, int64_t start_dim, int64_t end_dim) {
  int s, e;
  if (ten_wrap_dim(start_dim, t->ndim, &s) || ten_wrap_dim(end_dim, t->ndim, &e)) return NULL;
  if (t->ndim > 0 && s == e) {   /* flatten returns self */
    ten_retain(t);
    return t;
  }
  if (s > e) return ten_flatten(t, start_dim, end_dim);   /* the error */
  int64_t shape[TEN_MAX_DIMS];
  int n = 0;
  if (t->ndim == 0) shape[n++] = 1;
  for (int d = 0; d < s && t->ndim; d++) shape[n++] = t->shape[d];
  if (t->ndim) {
    int64_t prod = 1;
    for (int d = s; d <= e; d++) prod *= t->shape[d];
    shape[n++] = prod;
  }
  for (int d = e + 1; d < t->ndim; d++) shape[n++] = t->shape[d];
  return ag_reshape(t, shape, n);
}

ten_tensor *ag_unflatten(ten_tensor *t, int64_t dim, const int64_t *sizes, int n) {
  return record_view(ten_unflatten(t, dim, sizes, n), t, "ViewBackward0", V_RESHAPE, NULL, 0, true);
}

ten_tensor *ag_transpose(ten_tensor *t, int64_t d0, int64_t d1) {
  int64_t p[2] = {d0, d1};
  return record_view(ten_transpose(t, d0, d1), t, "TransposeBackward0", V_TRANSPOSE, p, 2, true);
}

ten_tensor *ag_t(ten_tensor *t) {
  int64_t p[2] = {0, t->ndim == 2 ? 1 : 0};
  return record_view(ten_t(t), t, "TBackward0", V_TRANSPOSE, p, 2, true);
}

ten_tensor *ag_permute(ten_tensor *t, const int64_t *dims, int n) {
  ten_tensor *y = ten_permute(t, dims, n);
  if (!y) return NULL;
  int64_t w[TEN_MAX_DIMS];
  for (int i = 0; i < n; i++) {
    int d;
    ten_wrap_dim(dims[i], t->ndim, &d);   /* validated by ten_permute */
    w[i] = d;
  }
  return record_view(y, t, "PermuteBackward0", V_PERMUTE, w, n, true);
}

ten_tensor *ag_squeeze(ten_tensor *t) {
  return record_view(ten_squeeze(t), t, "SqueezeBackward0", V_SQUEEZE, NULL, 0, true);
}

ten_tensor *ag_squeeze_dim(ten_tensor *t, int64_t dim) {
  ten_tensor *y = ten_squeeze_dim(t, dim);
  if (!y) return NULL;
  int d = 0;
  if (t->ndim) ten_wrap_dim(dim, t->ndim, &d);
  int64_t p = d;
  y = record_view(y, t, "SqueezeBackward1", V_SQUEEZE_DIM, &p, 1, true);
  ag_node *n = y && y->requires_grad ? ag_grad_fn(y) : NULL;
  if (n && n->apply == view_backward) {
    n->q[0] = t->ndim > 0 && t->shape[d] == 1;
    n->nq = 1;
  }
  return y;
}

ten_tensor *ag_unsqueeze(ten_tensor *t, int64_t dim) {
  ten_tensor *y = ten_unsqueeze(t, dim);
  if (!y) return NULL;
  int64_t p = dim < 0 ? dim + t->ndim + 1 : dim;
  return record_view(y, t, "UnsqueezeBackward0", V_UNSQUEEZE, &p, 1, true);
}

ten_tensor *ag_expand(ten_tensor *t, const int64_t *shape, int ndim) {
  return record_view(ten_expand(t, shape, ndim), t, "ExpandBackward0", V_EXPAND, NULL, 0, true);
}

ten_tensor *ag_expand_as(ten_tensor *t, const ten_tensor *other) {
  return record_view(ten_expand_as(t, other), t, "ExpandBackward0", V_EXPAND, NULL, 0, true);
}

ten_tensor *ag_broadcast_to(ten_tensor *t, const int64_t *shape, int ndim) {
  return record_view(ten_broadcast_to(t, shape, ndim), t, "ExpandBackward0", V_EXPAND, NULL, 0, true);
}

ten_tensor *ag_select(ten_tensor *t, int64_t dim, int64_t index) {
  ten_tensor *y = ten_select(t, dim, index);
  if (!y) return NULL;
  int d = 0;
  ten_wrap_dim(dim, t->ndim, &d);
  int64_t p[2] = {d, index < 0 ? index + t->shape[d] : index};
  return record_view(y, t, "SelectBackward0", V_SELECT, p, 2, true);
}

ten_tensor *ag_slice(ten_tensor *t, int64_t dim, int64_t start, int64_t stop, int64_t step, bool has_start,
                     bool has_stop) {
  ten_tensor *y = ten_slice(t, dim, start, stop, step, has_start, has_stop);
  if (!y || !ag_is_grad_enabled()) return y;
  /* the start along dim, normalised as the forward did (Python slice rules, step > 0) */
  int d;
  ten_wrap_dim(dim, t->ndim, &d);
  int64_t size = t->shape[d], s = has_start ? start : 0;
  if (s < 0) s += size;
  if (s < 0) s = 0;
  if (s > size) s = size;
  int64_t p[3] = {d, s, step};
  return record_view(y, t, "SliceBackward0", V_SLICE, p, 3, true);
}

ten_tensor *ag_narrow(ten_tensor *t, int64_t dim, int64_t start, int64_t length) {
  ten_tensor *y = ten_narrow(t, dim, start, length);
  if (!y || !ag_is_grad_enabled()) return y;
  int d;
  ten_wrap_dim(dim, t->ndim, &d);
  int64_t p[3] = {d, start < 0 ? start + t->shape[d] : start, 1};
  return record_view(y, t, "SliceBackward0", V_SLICE, p, 3, true);
}

ten_tensor *ag_diagonal(ten_tensor *t, int64_t offset, int64_t d0, int64_t d1) {
  int64_t p[3] = {offset, d0, d1};
  return record_view(ten_diagonal(t, offset, d0, d1), t, "DiagonalBackward0", V_DIAGONAL, p, 3, true);
}

ten_tensor *ag_as_strided(ten_tensor *t, const int64_t *shape, const int64_t *stride, int ndim, int64_t offset) {
  ten_tensor *y = ten_from_storage(t->storage, t->dtype, offset, shape, stride, ndim);
  if (!y || !ag_needs(t)) return y;
  if (!ten_is_contiguous(t)) {   /* the gradient is laid out contiguously: only contiguous inputs map 1:1 */
    ten_release(y);
    ten_error_set(TEN_E_NOTIMPL, "as_strided backward on a non-contiguous input is not supported");
    return NULL;
  }
  y = record_view(y, t, "AsStridedBackward0", V_AS_STRIDED, shape, ndim, true);
  ag_node *n = y ? ag_grad_fn(y) : NULL;
  if (n) {
    memcpy(n->q, stride, sizeof(int64_t) * (size_t)ndim);
    n->nq = ndim;
    n->s[0] = (double)(offset - t->offset);
  }
  return y;
}

/* ---- split / chunk / unbind: one node, one output per piece ---- */

/* SplitBackward0 / SplitWithSizesBackward0: cat of the pieces' gradients (zeros where a piece got
   none); UnbindBackward0: stack of them. p[0] = dim. */
static int pieces_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  int k = n->n_out;
  ten_tensor **parts = calloc((size_t)k, sizeof *parts);
  if (!parts) return ten_error_set(TEN_E_NOMEM, "out of memory");
  int rc = 0;
  for (int i = 0; i < k && rc == 0; i++) {
    if (gout[i]) {
      ten_retain(gout[i]);
      parts[i] = gout[i];
    } else if (!(parts[i] = ag_zeros_meta(&n->out[i]))) {
      rc = -1;
    }
  }
  if (rc == 0) {
    gin[0] = n->flags ? ag_stack(parts, k, n->p[0]) : ag_cat(parts, k, n->p[0]);
    if (!gin[0]) rc = -1;
  }
  ag_release_all(parts, k);
  free(parts);
  return rc;
}

static int record_pieces(ten_tensor *t, int rc, ten_tensor ***out, int *n, const char *name, int64_t dim, bool stack) {
  if (rc || !ag_needs(t) || *n == 0) return rc;
  int d;
  ten_wrap_dim(dim, t->ndim, &d);
  ag_node *node = ag_record_multi(*out, *n, name, pieces_backward, &t, 1, 0);
  if (!node) {
    free(*out);
    *out = NULL;
    *n = 0;
    return -1;
  }
  node->p[0] = d;
  node->flags = stack;
  for (int i = 0; i < *n; i++) ag_track_view((*out)[i], t);
  return 0;
}

int ag_split(ten_tensor *t, int64_t split_size, int64_t dim, ten_tensor ***out, int *n) {
  return record_pieces(t, ten_split(t, split_size, dim, out, n), out, n, "SplitBackward0", dim, false);
}

int ag_split_sizes(ten_tensor *t, const int64_t *sizes, int nsizes, int64_t dim, ten_tensor ***out, int *n) {
  return record_pieces(t, ten_split_sizes(t, sizes, nsizes, dim, out, n), out, n, "SplitWithSizesBackward0", dim, false);
}

int ag_chunk(ten_tensor *t, int64_t chunks, int64_t dim, ten_tensor ***out, int *n) {
  return record_pieces(t, ten_chunk(t, chunks, dim, out, n), out, n, "SplitBackward0", dim, false);
}

int ag_unbind(ten_tensor *t, int64_t dim, ten_tensor ***out, int *n) {
  return record_pieces(t, ten_unbind(t, dim, out, n), out, n, "UnbindBackward0", dim, true);
}
