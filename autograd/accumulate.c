/*
** autograd/accumulate.c — AccumulateGrad, the node at each leaf that requires grad: runs the leaf's
** hooks, then stores the first gradient in .grad (stealing the engine's buffer when nothing else
** holds it, else a copy) and adds later ones into it in place, so gradients add up across backward
** calls until zero_grad. With create_graph the sum is out of place and keeps its history.
*/
#include <stdint.h>

#include "autograd/internal.h"

ag_node *ag_accumulate_new(ten_tensor *leaf) {
  ag_meta *m = ag_meta_get(leaf);
  ag_node *n = m ? ag_node_new("AccumulateGrad", ag_accumulate_apply, 0, 0) : NULL;
  if (!n) return NULL;
  n->seq_nr = UINT64_MAX;
  ten_retain(leaf);
  n->variable = leaf;
  m->grad_acc = n;   /* weak: cleared when the node goes */
  return n;
}

/* The engine's buffer is the only holder of g and g is laid out like the variable. */
static bool can_steal(const ten_tensor *g, const ten_tensor *var) {
  return g->refcount == 1 && g->storage->refcount == 1 && !g->requires_grad && !g->wrapped_number &&
         ten_is_contiguous(g) && ten_is_contiguous(var) && g->ndim == var->ndim;
}

int ag_accumulate_apply(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  (void)gin;
  ten_tensor *var = n->variable;
  ag_meta *m = var ? ag_meta_get(var) : NULL;
  if (!m) return -1;
  ten_tensor *g = gout[0];   /* take the engine's reference */
  gout[0] = NULL;
  if (!g) return 0;
  for (ag_tensor_hook *h = m->hooks; h; h = h->next) {
    if (h->fn(h->ctx, &g)) {
      ten_release(g);
      return -1;
    }
    if (!g) return 0;
  }
  bool grad_mode = ag_is_grad_enabled();
  int rc = 0;
  if (!m->grad) {
    if (!grad_mode && can_steal(g, var)) {
      m->grad = g;
      return 0;
    }
    ten_tensor *c = grad_mode ? ag_clone(g) : ten_clone(g);
    if (!c) rc = -1;
    else m->grad = c;
  } else if (!grad_mode) {
    rc = ten_binary_(TEN_BINOP_ADD, m->grad, g, ten_scalar_int(1));
  } else {
    ten_tensor *s = ag_add(m->grad, g);
    if (!s) rc = -1;
    else {
      ten_release(m->grad);
      m->grad = s;
    }
  }
  ten_release(g);
  return rc;
}
