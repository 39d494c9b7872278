/*
** autograd/node.c — graph nodes: allocation (one block holding the edges, input metadata and
** saved slots), reference counting, edges to inputs, the public accessors (name, next_functions)
** and freeing saved tensors after a backward pass.
*/
#include <stdlib.h>
#include <string.h>

#include "autograd/internal.h"

static uint64_t seq_counter;

uint64_t ag_next_seq_nr(void) { return seq_counter++; }

ag_node *ag_node_new(const char *name, ag_apply_fn apply, int n_next, int n_saved) {
  size_t sz = sizeof(ag_node) + (size_t)n_next * (sizeof(ag_edge) + sizeof(ag_tmeta)) +
              (size_t)n_saved * sizeof(ag_saved);
  ag_node *n = calloc(1, sz);
  if (!n) {
    ten_error_set(TEN_E_NOMEM, "out of memory");
    return NULL;
  }
  n->refcount = 1;
  n->name = name;
  n->apply = apply;
  n->n_next = n_next;
  n->n_saved = n_saved;
  n->n_out = 1;
  n->seq_nr = ag_next_seq_nr();
  char *p = (char *)(n + 1);
  n->next = (ag_edge *)p;
  p += (size_t)n_next * sizeof(ag_edge);
  n->in = (ag_tmeta *)p;
  p += (size_t)n_next * sizeof(ag_tmeta);
  n->saved = n_saved ? (ag_saved *)p : NULL;
  return n;
}

void ag_node_set_input(ag_node *n, int i, ten_tensor *t) {
  if (!t) return;
  n->next[i] = ag_gradient_edge(t);
  ag_tmeta *m = &n->in[i];
  m->dtype = t->dtype;
  m->device = ten_device_of(t);
  m->ndim = t->ndim;
  memcpy(m->shape, t->shape, sizeof(int64_t) * (size_t)t->ndim);
}

int ag_node_set_outputs(ag_node *n, ten_tensor *const *outs, int k) {
  ag_tmeta *o = calloc((size_t)k, sizeof *o);
  if (!o) return ten_error_set(TEN_E_NOMEM, "out of memory");
  for (int i = 0; i < k; i++) {
    if (!outs[i]) continue;
    o[i].dtype = outs[i]->dtype;
    o[i].device = ten_device_of(outs[i]);
    o[i].ndim = outs[i]->ndim;
    memcpy(o[i].shape, outs[i]->shape, sizeof(int64_t) * (size_t)outs[i]->ndim);
  }
  free(n->out);
  n->out = o;
  n->n_out = k;
  return 0;
}

void ag_node_retain(ag_node *n) {
  if (n) n->refcount++;
}

void ag_node_release_saved(ag_node *n) {
  for (int i = 0; i < n->n_saved; i++) {
    ten_release(n->saved[i].t);
    n->saved[i].t = NULL;
  }
  n->released = true;
  if (n->inner) ag_node_release_saved(n->inner);
}

/* Frees n and every node only it kept alive, without recursion (long chains of a training loop's
   graph would otherwise overflow the C stack). */
void ag_node_release(ag_node *n) {
  if (!n || --n->refcount > 0) return;
  ag_node **stack = NULL;
  int sp = 0, cap = 0;
  for (;;) {
    /* saved tensors first: a saved input's own grad_fn is usually also an edge of n, so freeing
       the tensor first leaves that node to the edge loop below instead of a nested release */
    ag_node_release_saved(n);
    for (int i = 0; i < n->n_next; i++) {
      ag_node *c = n->next[i].fn;
      if (!c || --c->refcount > 0) continue;
      if (sp == cap) {
        int nc = cap ? cap * 2 : 16;
        ag_node **ns = realloc(stack, sizeof *ns * (size_t)nc);
        if (!ns) {            /* out of memory while freeing: fall back to recursion for this one */
          c->refcount = 1;
          ag_node_release(c);
          continue;
        }
        stack = ns;
        cap = nc;
      }
      stack[sp++] = c;
    }
    if (n->variable) {
      ag_meta *m = ag_meta_peek(n->variable);
      if (m && m->grad_acc == n) m->grad_acc = NULL;
      ten_release(n->variable);
    }
    for (ag_prehook *h = n->hooks, *nx; h; h = nx) {
      nx = h->next;
      if (h->ctx_free) h->ctx_free(h->ctx);
      free(h);
    }
    ag_node_release(n->inner);
    if (n->free_extra) n->free_extra(n);
    if (n->user_free) n->user_free(n->user);
    free(n->out);
    if (n->saved_heap) free(n->saved);
    free(n->owned_name);
    free(n);
    if (sp == 0) break;
    n = stack[--sp];
  }
  free(stack);
}

const char *ag_node_name(const ag_node *n) { return n->name; }

int ag_node_num_next(const ag_node *n) { return n->n_next; }

ag_node *ag_node_next(const ag_node *n, int i, int *input_nr) {
  if (input_nr) *input_nr = n->next[i].input_nr;
  return n->next[i].fn;
}

ten_tensor *ag_node_variable(const ag_node *n) { return n->variable; }

bool ag_node_needs_input_grad(const ag_node *n, int i) { return i >= 0 && i < n->n_next && n->next[i].fn != NULL; }

void *ag_node_user(const ag_node *n) { return n->user; }

void *ag_node_owner(const ag_node *n) { return n->owner; }
void ag_node_set_owner(ag_node *n, void *owner) { n->owner = owner; }
