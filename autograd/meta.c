/*
** autograd/meta.c — the autograd state of a tensor (ag_meta: .grad, grad_fn, the weak link to a
** leaf's AccumulateGrad, retain_grad, hooks, view tracking) and the tensor-level API on it:
** requires_grad, .grad, retain_grad, detach, is_leaf, hooks.
*/
#include <stdlib.h>
#include <string.h>

#include "autograd/internal.h"

static void meta_free(struct ag_meta *m);
static int add_retain_hook(ag_meta *m);
static void drop_retain_hook(ag_meta *m);

void ag_meta_install(void) { ten_ag_meta_free_hook = meta_free; }

ag_meta *ag_meta_get(ten_tensor *t) {
  if (t->ag) return t->ag;
  ag_meta *m = calloc(1, sizeof *m);
  if (!m) {
    ten_error_set(TEN_E_NOMEM, "out of memory");
    return NULL;
  }
  ag_meta_install();
  t->ag = m;
  return m;
}

static void meta_free(struct ag_meta *m) {
  drop_retain_hook(m);
  ten_release(m->grad);
  ag_node_release(m->grad_fn);
  ten_release(m->view_base);
  for (ag_tensor_hook *h = m->hooks, *nx; h; h = nx) {
    nx = h->next;
    if (h->ctx_free) h->ctx_free(h->ctx);
    free(h);
  }
  free(m);
}

bool ag_is_leaf(const ten_tensor *t) {
  const ag_meta *m = ag_meta_peek(t);
  return !m || !m->grad_fn;
}

ag_node *ag_grad_fn(const ten_tensor *t) {
  const ag_meta *m = ag_meta_peek(t);
  return m ? m->grad_fn : NULL;
}

int ag_output_nr(const ten_tensor *t) {
  const ag_meta *m = ag_meta_peek(t);
  return m ? m->output_nr : 0;
}

int ag_set_history(ten_tensor *t, ag_node *fn, int output_nr) {
  ag_meta *m = ag_meta_get(t);
  if (!m) return -1;
  drop_retain_hook(m);
  ag_node_retain(fn);
  ag_node_release(m->grad_fn);
  m->grad_fn = fn;
  m->output_nr = output_nr;
  t->requires_grad = true;
  if (m->retains_grad && add_retain_hook(m)) m->retains_grad = false;   /* the hook follows the new history */
  return 0;
}

int ag_set_requires_grad(ten_tensor *t, bool flag, bool setter) {
  if (!ag_is_leaf(t)) {
    if (setter && flag) return ten_error_set(TEN_E_RUNTIME, "you can only change requires_grad flags of leaf variables.");
    if (!flag)
      return ten_error_set(TEN_E_RUNTIME,
                           "you can only change requires_grad flags of leaf variables. If you want to use a computed "
                           "variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
    return 0;   /* requires_grad_(True) on a non-leaf: already true */
  }
  if (flag && !ten_dtype_is_float(t->dtype))
    return ten_error_set(TEN_E_RUNTIME, setter ? "only Tensors of floating point and complex dtype can require gradients"
                                               : "only Tensors of floating point dtype can require gradients");
  t->requires_grad = flag;
  return 0;
}

ten_tensor *ag_get_grad(const ten_tensor *t) {
  const ag_meta *m = ag_meta_peek(t);
  return m ? m->grad : NULL;
}

int ag_set_grad(ten_tensor *t, ten_tensor *grad) {
  if (grad) {
    if (grad->dtype != t->dtype) {
      ten_release(grad);
      return ten_error_set(TEN_E_RUNTIME, "assigned grad has data of a different type");
    }
    if (ten_device_of(grad).type != ten_device_of(t).type) {
      ten_release(grad);
      return ten_error_set(TEN_E_RUNTIME, "assigned grad has data located on a different device");
    }
    bool same = grad->ndim == t->ndim;
    for (int i = 0; same && i < t->ndim; i++) same = grad->shape[i] == t->shape[i];
    if (!same) {
      ten_release(grad);
      return ten_error_set(TEN_E_RUNTIME, "assigned grad has data of a different size");
    }
  }
  ag_meta *m = grad ? ag_meta_get(t) : ag_meta_peek(t);
  if (!m) {
    ten_release(grad);
    return grad ? -1 : 0;
  }
  ten_release(m->grad);
  m->grad = grad;
  return 0;
}

/* retain_grad's hook, on the tensor's grad_fn: .grad = clone of the first gradient, grad + new
   after (ag_meta pointer is weak: meta_free and rebasing clear it). */
typedef struct retain_ctx {
  ag_meta *m;
} retain_ctx;

static int retain_hook(void *ctx, ten_tensor **grad) {
  retain_ctx *rc = ctx;
  if (!rc->m || !*grad) return 0;
  bool was = ag_is_grad_enabled();
  ag_set_grad_enabled(false);
  ten_tensor *ng = rc->m->grad ? ten_add(rc->m->grad, *grad) : ten_clone(*grad);
  ag_set_grad_enabled(was);
  if (!ng) return -1;
  ten_release(rc->m->grad);
  rc->m->grad = ng;
  return 0;
}

static int add_retain_hook(ag_meta *m) {
  retain_ctx *rc = malloc(sizeof *rc);
  ag_prehook *h = malloc(sizeof *h);
  if (!rc || !h) {
    free(rc);
    free(h);
    return ten_error_set(TEN_E_NOMEM, "out of memory");
  }
  rc->m = m;
  *h = (ag_prehook){m->grad_fn->hooks, 0, m->output_nr, retain_hook, rc, free};
  m->grad_fn->hooks = h;
  return 0;
}

int ag_retain_grad(ten_tensor *t) {
  if (!t->requires_grad)
    return ten_error_set(TEN_E_RUNTIME, "can't retain_grad on Tensor that has requires_grad=False");
  if (ag_is_leaf(t) || ag_retains_grad(t)) return 0;
  ag_meta *m = ag_meta_get(t);
  if (!m || add_retain_hook(m)) return -1;
  m->retains_grad = true;
  return 0;
}

/* Detaches m's retain hook from its current grad_fn (the tensor dies or gets a new history). */
static void drop_retain_hook(ag_meta *m) {
  if (!m->retains_grad || !m->grad_fn) return;
  for (ag_prehook *h = m->grad_fn->hooks; h; h = h->next)
    if (h->fn == retain_hook && ((retain_ctx *)h->ctx)->m == m) ((retain_ctx *)h->ctx)->m = NULL;
}

bool ag_retains_grad(const ten_tensor *t) {
  const ag_meta *m = ag_meta_peek(t);
  return m && m->retains_grad;
}

ten_tensor *ag_detach(ten_tensor *t) {
  ten_tensor *d = ten_alias(t);
  if (d) d->wrapped_number = false;
  return d;
}

int ag_detach_(ten_tensor *t) {
  ag_meta *m = ag_meta_peek(t);
  if (m && m->view_base)
    return ten_error_set(TEN_E_RUNTIME,
                         "Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel "
                         "(DDP) for training, and gradient_as_bucket_view is set as True, gradients are views of DDP "
                         "buckets, and hence detach_() cannot be called on these gradients. To fix this error, please "
                         "refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.");
  if (m) {
    drop_retain_hook(m);
    m->retains_grad = false;
    ag_node_release(m->grad_fn);
    m->grad_fn = NULL;
    m->output_nr = 0;
  }
  t->requires_grad = false;
  return 0;
}

/* ---- hooks ---- */

static int64_t hook_ids;

int64_t ag_tensor_add_hook(ten_tensor *t, ag_hook_fn fn, void *ctx, void (*ctx_free)(void *)) {
  if (!t->requires_grad) {
    if (ctx_free) ctx_free(ctx);
    return ten_error_set(TEN_E_RUNTIME, "cannot register a hook on a tensor that doesn't require gradient");
  }
  ag_meta *m = ag_meta_get(t);
  if (!m) {
    if (ctx_free) ctx_free(ctx);
    return -1;
  }
  int64_t id = ++hook_ids;
  if (!m->grad_fn) {
    ag_tensor_hook *h = malloc(sizeof *h);
    if (!h) {
      if (ctx_free) ctx_free(ctx);
      return ten_error_set(TEN_E_NOMEM, "out of memory");
    }
    *h = (ag_tensor_hook){NULL, id, fn, ctx, ctx_free};
    ag_tensor_hook **pp = &m->hooks;   /* keep registration order */
    while (*pp) pp = &(*pp)->next;
    *pp = h;
    return id;
  }
  ag_prehook *h = malloc(sizeof *h);
  if (!h) {
    if (ctx_free) ctx_free(ctx);
    return ten_error_set(TEN_E_NOMEM, "out of memory");
  }
  *h = (ag_prehook){NULL, id, m->output_nr, fn, ctx, ctx_free};
  ag_prehook **pp = &m->grad_fn->hooks;
  while (*pp) pp = &(*pp)->next;
  *pp = h;
  return id;
}

void ag_remove_hook(ten_tensor *t, int64_t id) {
  ag_meta *m = ag_meta_peek(t);
  if (!m) return;
  for (ag_tensor_hook **pp = &m->hooks; *pp; pp = &(*pp)->next) {
    if ((*pp)->id == id) {
      ag_tensor_hook *h = *pp;
      *pp = h->next;
      if (h->ctx_free) h->ctx_free(h->ctx);
      free(h);
      return;
    }
  }
  if (!m->grad_fn) return;
  for (ag_prehook **pp = &m->grad_fn->hooks; *pp; pp = &(*pp)->next) {
    if ((*pp)->id == id) {
      ag_prehook *h = *pp;
      *pp = h->next;
      if (h->ctx_free) h->ctx_free(h->ctx);
      free(h);
      return;
    }
  }
}
