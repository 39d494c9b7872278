/*
** autograd/record.c — attaching history to op results: gradient edges of inputs, recording a
** node, saving tensors for backward with their version (and the "modified by an inplace operation"
** check on unpack), and the in-place protocol: the leaf errors, rebasing a tensor's history, and
** CopySlices / AsStridedBackward0 for in-place writes through views.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autograd/internal.h"

/* ---- view geometry (CopySlices / AsStridedBackward0) ---- */

/* Where a view sits inside its base: enough to rebuild it over a gradient of the base's layout. */
typedef struct view_geom {
  int bndim, vndim;
  int64_t bshape[TEN_MAX_DIMS], bstride[TEN_MAX_DIMS];
  int64_t vshape[TEN_MAX_DIMS], vstride[TEN_MAX_DIMS];
  int64_t voffset;        /* view offset - base offset, in elements */
  ten_dtype dtype;
  ten_device device;
} view_geom;

static void free_extra(ag_node *n) { free(n->extra); }

static view_geom *geom_new(const ten_tensor *base, const ten_tensor *view) {
  view_geom *g = malloc(sizeof *g);
  if (!g) {
    ten_error_set(TEN_E_NOMEM, "out of memory");
    return NULL;
  }
  g->bndim = base->ndim;
  g->vndim = view->ndim;
  memcpy(g->bshape, base->shape, sizeof g->bshape);
  memcpy(g->bstride, base->stride, sizeof g->bstride);
  memcpy(g->vshape, view->shape, sizeof g->vshape);
  memcpy(g->vstride, view->stride, sizeof g->vstride);
  g->voffset = view->offset - base->offset;
  g->dtype = base->dtype;
  g->device = ten_device_of(base);
  return g;
}

/* Zeros laid out like the base (its strides, over a fresh storage covering its extent). */
static ten_tensor *geom_base_zeros(const view_geom *g) {
  int64_t extent = 1;
  for (int d = 0; d < g->bndim; d++) {
    if (g->bshape[d] == 0) {
      extent = 0;
      break;
    }
    extent += (g->bshape[d] - 1) * g->bstride[d];
  }
  int64_t one = extent;
  ten_tensor *flat = ten_zeros(&one, 1, g->dtype, g->device);
  if (!flat) return NULL;
  ten_tensor *b = ten_from_storage(flat->storage, g->dtype, 0, g->bshape, g->bstride, g->bndim);
  ten_release(flat);
  return b;
}

static ten_tensor *geom_view_of(const view_geom *g, ten_tensor *based) {
  return ten_from_storage(based->storage, g->dtype, based->offset + g->voffset, g->vshape, g->vstride, g->vndim);
}

/* AsStridedBackward0: the base's gradient is zero outside the view, the view's gradient inside. */
static int as_strided_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  const view_geom *g = n->extra;
  ten_tensor *r = geom_base_zeros(g);
  ten_tensor *v = r ? geom_view_of(g, r) : NULL;
  int rc = v ? ten_binary_(TEN_BINOP_ADD, v, gout[0], ten_scalar_int(1)) : -1;
  ten_release(v);
  if (rc) {
    ten_release(r);
    return -1;
  }
  gin[0] = r;
  return 0;
}

/* CopySlices: the base's new value is its old one with the view region replaced by the in-place
   op's result. Gradient of the old base: the incoming one with the region replaced by the inner
   op's gradient for its self input; other inputs get the inner op's gradients. */
static int copy_slices_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  const view_geom *g = n->extra;
  ag_node *fn = n->inner;
  /* with create_graph the steps are recorded (a tracked view of the result, recorded copies) */
  bool rec = ag_is_grad_enabled();
  ten_tensor *result = geom_base_zeros(g);
  if (!result || (rec ? ag_copy_(result, gout[0]) : ten_copy_(result, gout[0]))) {
    ten_release(result);
    return -1;
  }
  rec = rec && ten_is_contiguous(result);
  ten_tensor *slice = rec ? ag_as_strided(result, g->vshape, g->vstride, g->vndim, result->offset + g->voffset)
                          : geom_view_of(g, result);
  ten_tensor *sgrad = slice ? (rec ? ag_clone(slice) : ten_clone(slice)) : NULL;
  ten_tensor **fin = calloc((size_t)fn->n_next, sizeof *fin);
  int rc = -1;
  if (sgrad && fin && fn->apply(fn, &sgrad, fin) == 0 && ag_validate_grads(fn, fin) == 0) {
    if (rec) rc = fin[0] ? ag_copy_(slice, fin[0]) : ag_zero_(slice);
    else rc = fin[0] ? ten_copy_(slice, fin[0]) : ten_zero_(slice);
    if (rc == 0) {
      gin[0] = result;
      result = NULL;
      for (int i = 1; i < fn->n_next; i++) {
        gin[i] = fin[i];
        fin[i] = NULL;
      }
    }
  }
  if (fin) ag_release_all(fin, fn->n_next);
  free(fin);
  ten_release(sgrad);
  ten_release(slice);
  ten_release(result);
  return rc;
}

/* ---- edges and recording ---- */

/* A view whose storage was written since its grad_fn was made gets AsStridedBackward0 of its base
   (PyTorch regenerates such grad_fns from the base the same way). */
static void regenerate_view(ten_tensor *t, ag_meta *m) {
  ten_tensor *base = m->view_base;
  view_geom *g = geom_new(base, t);
  ag_node *n = g ? ag_node_new("AsStridedBackward0", as_strided_backward, 1, 0) : NULL;
  if (!n) {
    free(g);
    ten_error_clear();
    return;   /* keep the old grad_fn */
  }
  n->extra = g;
  n->free_extra = free_extra;
  ag_node_set_input(n, 0, base);
  ag_set_history(t, n, 0);
  ag_node_release(n);
  m->view_version = t->storage->version;
}

static void refresh_view(ten_tensor *t, ag_meta *m) {
  if (m && m->view_base && m->view_version != t->storage->version && m->view_base->requires_grad)
    regenerate_view(t, m);
}

ag_node *ag_current_grad_fn(ten_tensor *t) {
  refresh_view(t, ag_meta_peek(t));
  return ag_grad_fn(t);
}

ag_edge ag_gradient_edge(ten_tensor *t) {
  ag_edge e = {NULL, 0};
  ag_meta *m = ag_meta_peek(t);
  refresh_view(t, m);
  if (m && m->grad_fn) {
    ag_node_retain(m->grad_fn);
    e.fn = m->grad_fn;
    e.input_nr = m->output_nr;
    return e;
  }
  if (!t->requires_grad) return e;
  if (m && m->grad_acc) {
    ag_node_retain(m->grad_acc);
    e.fn = m->grad_acc;
    return e;
  }
  e.fn = ag_accumulate_new(t);   /* NULL on OOM: the edge is dropped, the error stays pending */
  return e;
}

bool ag_needs_any(ten_tensor *const *ts, int n) {
  if (!ag_is_grad_enabled()) return false;
  for (int i = 0; i < n; i++)
    if (ts[i] && ts[i]->requires_grad) return true;
  return false;
}

ag_node *ag_record(ten_tensor **y, const char *name, ag_apply_fn apply, ten_tensor *const *inputs, int n_in,
                   int n_saved) {
  return ag_record_multi(y, 1, name, apply, inputs, n_in, n_saved);
}

ag_node *ag_record_multi(ten_tensor **outs, int k, const char *name, ag_apply_fn apply, ten_tensor *const *inputs,
                         int n_in, int n_saved) {
  ag_node *n = ag_node_new(name, apply, n_in, n_saved);
  if (n && k > 1 && ag_node_set_outputs(n, outs, k)) {
    ag_node_release(n);
    n = NULL;
  }
  for (int i = 0; n && i < n_in; i++) ag_node_set_input(n, i, inputs[i]);
  bool ok = n != NULL;
  for (int i = 0; ok && i < k; i++)
    if (outs[i] && ag_set_history(outs[i], n, i)) ok = false;
  ag_node_release(n);   /* the outputs hold it now */
  if (ok) return n;
  for (int i = 0; i < k; i++) {
    ten_release(outs[i]);
    outs[i] = NULL;
  }
  return NULL;
}

void ag_save(ag_node *n, int i, ten_tensor *t, bool is_output) {
  ag_saved *s = &n->saved[i];
  if (!t) return;
  s->defined = true;
  s->version = t->storage->version;
  s->is_output = is_output;
  if (is_output) {
    s->t = ten_alias(t);          /* no history: the node would own itself */
    s->owner_fn = n;
    s->output_nr = 0;             /* single-output ops (and in-place ones) only save outputs */
  } else {
    ten_retain(t);
    s->t = t;
  }
}

static const char second_time_msg[] =
    "Trying to backward through the graph a second time (or directly access saved tensors after they have already "
    "been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). "
    "Specify retain_graph=True if you need to backward through the graph a second time or if you need to access "
    "saved tensors after calling backward.";

ten_tensor *ag_unpack(ag_node *n, int i) {
  ag_saved *s = &n->saved[i];
  if (!s->defined) return NULL;
  if (n->released || !s->t) {
    if (!n->released) ten_error_set(TEN_E_NOMEM, "out of memory");
    else ten_error_set(TEN_E_RUNTIME, "%s", second_time_msg);
    return NULL;
  }
  ten_tensor *t = s->t;
  if (t->storage->version != s->version) {
    char shape[512], which[160] = "";
    ten_format_shape(t->shape, t->ndim, shape, sizeof shape);
    ag_node *fn = s->is_output ? s->owner_fn : ag_grad_fn(t);
    int nr = s->is_output ? s->output_nr : ag_output_nr(t);
    if (fn) snprintf(which, sizeof which, ", which is output %d of %s,", nr, fn->name);
    ten_error_set(TEN_E_RUNTIME,
                  "one of the variables needed for gradient computation has been modified by an inplace operation: "
                  "[torch.%s%s %s]%s is at version %lld; expected version %lld instead. Hint: enable anomaly detection "
                  "to find the operation that failed to compute its gradient, with "
                  "torch.autograd.set_detect_anomaly(True).",
                  ten_device_of(t).type == TEN_DEV_CUDA ? "cuda." : "", ten_dtype_tensor_type(t->dtype), shape, which,
                  (long long)t->storage->version, (long long)s->version);
    return NULL;
  }
  if (s->is_output && ag_is_grad_enabled()) {
    /* create_graph: the saved output carries this node's history again */
    ten_tensor *r = ten_alias(t);
    if (r && ag_set_history(r, n, s->output_nr)) {
      ten_release(r);
      r = NULL;
    }
    return r;
  }
  ten_retain(t);
  return t;
}

bool ag_should_compute(const ag_node *n, int i) { return i < n->n_next && n->next[i].fn != NULL; }

/* ---- in-place protocol ---- */

int ag_check_inplace(ten_tensor *t) {
  if (!ag_is_grad_enabled()) return 0;
  ag_meta *m = ag_meta_peek(t);
  if (m && m->view_base) {
    if (m->view_base->requires_grad && ag_is_leaf(m->view_base))
      return ten_error_set(TEN_E_RUNTIME, "a view of a leaf Variable that requires grad is being used in an in-place operation.");
    return 0;
  }
  if (t->requires_grad && ag_is_leaf(t))
    return ten_error_set(TEN_E_RUNTIME, "a leaf Variable that requires grad is being used in an in-place operation.");
  return 0;
}

int ag_inplace_begin(ten_tensor *t, ten_tensor *const *ins, int k, const char *name, ag_apply_fn apply, int n_saved,
                     ag_node **node) {
  *node = NULL;
  if (ag_check_inplace(t)) return -1;
  if (!ag_needs_any(ins, k)) return 0;
  ag_node *n = ag_node_new(name, apply, k, n_saved);
  if (!n) return -1;
  for (int i = 0; i < k; i++) ag_node_set_input(n, i, ins[i]);
  *node = n;
  return 0;
}

int ag_inplace_end(ten_tensor *t, ag_node *n, int rc) {
  if (!n) return rc;
  if (rc == 0) rc = ag_rebase_history(t, NULL, n);
  ag_node_release(n);
  return rc;
}

int ag_rebase_history(ten_tensor *t, ten_tensor *base, ag_node *n) {
  ag_meta *m = ag_meta_get(t);
  if (!m) return -1;
  if (!base) base = m->view_base;
  if (!base) return ag_set_history(t, n, 0);
  view_geom *g = geom_new(base, t), *g2 = g ? malloc(sizeof *g2) : NULL;
  ag_node *cs = g2 ? ag_node_new("CopySlices", copy_slices_backward, n->n_next, 0) : NULL;
  ag_node *as = cs ? ag_node_new("AsStridedBackward0", as_strided_backward, 1, 0) : NULL;
  if (!as) {
    free(g);
    free(g2);
    ag_node_release(cs);
    if (!ten_error_kind()) ten_error_set(TEN_E_NOMEM, "out of memory");
    return -1;
  }
  *g2 = *g;
  cs->extra = g;
  cs->free_extra = free_extra;
  ag_node_set_input(cs, 0, base);
  for (int i = 1; i < n->n_next; i++) {
    cs->next[i] = n->next[i];
    ag_node_retain(cs->next[i].fn);
    cs->in[i] = n->in[i];
  }
  ag_node_retain(n);
  cs->inner = n;
  int rc = ag_set_history(base, cs, 0);
  ag_node_release(cs);
  as->extra = g2;
  as->free_extra = free_extra;
  if (rc == 0) {
    ag_node_set_input(as, 0, base);
    rc = ag_set_history(t, as, 0);
  }
  ag_node_release(as);
  m->view_version = t->storage->version;
  return rc;
}
