/*
** autograd/engine.c — the backward pass (torch.autograd.backward / torch.autograd.grad).
** 1. Walk the graph from the roots (iterative DFS), counting for every node how many edges point
**    at it, and collecting a post-order (children first).
** 2. For autograd.grad / backward(inputs=): mark the nodes that lead to a wanted input; only those run.
** 3. Seed the roots' input buffers, then run a ready queue ordered like PyTorch's (highest seq_nr
**    first; AccumulateGrad has the largest): a node runs once all its incoming gradients are summed
**    into its buffer. Each result is checked against the input it belongs to (shape reduced by
**    sum_to, dtype cast) before being added into the next node's buffer.
** 4. Without retain_graph every node that ran frees its saved tensors.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autograd/internal.h"

/* ---- validating a node's results ---- */

int ag_validate_grads(ag_node *n, ten_tensor **gin) {
  for (int i = 0; i < n->n_next; i++) {
    ten_tensor *g = gin[i];
    if (!g) continue;
    if (!n->next[i].fn) {
      ten_release(g);
      gin[i] = NULL;
      continue;
    }
    const ag_tmeta *m = &n->in[i];
    bool same = g->ndim == m->ndim;
    for (int d = 0; same && d < m->ndim; d++) same = g->shape[d] == m->shape[d];
    if (!same) {
      if (!ag_is_expandable_to(m->shape, m->ndim, g->shape, g->ndim)) {
        char got[512], want[512];
        ten_format_shape(g->shape, g->ndim, got, sizeof got);
        ten_format_shape(m->shape, m->ndim, want, sizeof want);
        return ten_error_set(TEN_E_RUNTIME,
                             "Function %s returned an invalid gradient at index %d - got %s but expected shape "
                             "compatible with %s",
                             n->name, i, got, want);
      }
      ten_tensor *r = ag_sum_to(g, m->shape, m->ndim);
      if (!r) return -1;
      ten_release(g);
      gin[i] = g = r;
    }
    if (g->dtype != m->dtype) {
      ten_tensor *r = ag_to_dtype(g, m->dtype, false);
      if (!r) return -1;
      ten_release(g);
      gin[i] = g = r;
    }
    if (ten_device_of(g).type != m->device.type) {
      ten_tensor *r = ag_to_device(g, m->device, false);
      if (!r) return -1;
      ten_release(g);
      gin[i] = r;
    }
  }
  return 0;
}

/* ---- the graph task: per-node state of one backward call ---- */

typedef struct ginfo {
  ag_node *fn;
  int deps;             /* incoming edges not yet delivered */
  bool needed;          /* leads to a wanted input (when there are targets) */
  bool target;
  ten_tensor **buf;     /* n_out gradients summed so far */
} ginfo;

/* Open-addressing table keyed by node; ginfo pointers are valid until the next insertion, so the
   order and the ready queue hold nodes and look them up. */
typedef struct gtask {
  ginfo *nodes;
  int cap, count;
  ag_node **order;      /* post-order (children first) */
  int norder, caporder;
  ag_node **heap;       /* ready queue, max seq_nr on top */
  int nheap, capheap;
} gtask;

static size_t hash_ptr(const void *p) {
  uint64_t x = (uint64_t)(uintptr_t)p;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return (size_t)x;
}

static ginfo *task_find(gtask *t, const ag_node *fn) {
  if (!t->cap) return NULL;
  size_t mask = (size_t)t->cap - 1;
  for (size_t i = hash_ptr(fn) & mask;; i = (i + 1) & mask) {
    if (t->nodes[i].fn == fn) return &t->nodes[i];
    if (!t->nodes[i].fn) return NULL;
  }
}

static int task_grow(gtask *t) {
  int ncap = t->cap ? t->cap * 2 : 64;
  ginfo *nn = calloc((size_t)ncap, sizeof *nn);
  if (!nn) return ten_error_set(TEN_E_NOMEM, "out of memory");
  size_t mask = (size_t)ncap - 1;
  for (int k = 0; k < t->cap; k++) {
    if (!t->nodes[k].fn) continue;
    size_t i = hash_ptr(t->nodes[k].fn) & mask;
    while (nn[i].fn) i = (i + 1) & mask;
    nn[i] = t->nodes[k];
  }
  free(t->nodes);
  t->nodes = nn;
  t->cap = ncap;
  return 0;
}

/* Finds or adds fn; *fresh says which. NULL on OOM. */
static ginfo *task_add(gtask *t, ag_node *fn, bool *fresh) {
  *fresh = false;
  ginfo *g = task_find(t, fn);
  if (g) return g;
  if ((t->count + 1) * 2 > t->cap && task_grow(t)) return NULL;
  size_t mask = (size_t)t->cap - 1;
  size_t i = hash_ptr(fn) & mask;
  while (t->nodes[i].fn) i = (i + 1) & mask;
  g = &t->nodes[i];
  memset(g, 0, sizeof *g);
  g->fn = fn;
  t->count++;
  *fresh = true;
  return g;
}

static void task_free(gtask *t) {
  for (int k = 0; k < t->cap; k++) {
    ginfo *g = &t->nodes[k];
    if (!g->fn || !g->buf) continue;
    ag_release_all(g->buf, g->fn->n_out);
    free(g->buf);
  }
  free(t->nodes);
  free(t->order);
  free(t->heap);
}

static int push_node(ag_node ***arr, int *n, int *cap, ag_node *fn) {
  if (*n == *cap) {
    int nc = *cap ? *cap * 2 : 64;
    ag_node **na = realloc(*arr, sizeof *na * (size_t)nc);
    if (!na) return ten_error_set(TEN_E_NOMEM, "out of memory");
    *arr = na;
    *cap = nc;
  }
  (*arr)[(*n)++] = fn;
  return 0;
}

/* Step 1: every node reachable from the roots, with dependency counts and a post-order. */
static int task_discover(gtask *t, const ag_edge *roots, int n) {
  typedef struct frame { ag_node *fn; int child; } frame;
  frame *stack = NULL;
  int sp = 0, cap = 0, rc = 0;
  for (int r = 0; r < n && rc == 0; r++) {
    if (!roots[r].fn) continue;
    bool fresh;
    ginfo *g = task_add(t, roots[r].fn, &fresh);
    if (!g) { rc = -1; break; }
    g->deps++;
    ag_node *start = roots[r].fn;
    while (rc == 0 && fresh) {   /* a DFS from each new root */
      if (sp == cap) {
        int nc = cap ? cap * 2 : 64;
        frame *ns = realloc(stack, sizeof *ns * (size_t)nc);
        if (!ns) { rc = ten_error_set(TEN_E_NOMEM, "out of memory"); break; }
        stack = ns;
        cap = nc;
      }
      stack[sp++] = (frame){start, 0};
      while (sp > 0) {
        frame *f = &stack[sp - 1];
        if (f->child == f->fn->n_next) {
          if (push_node(&t->order, &t->norder, &t->caporder, f->fn)) { rc = -1; break; }
          sp--;
          continue;
        }
        ag_node *c = f->fn->next[f->child++].fn;
        if (!c) continue;
        bool cf;
        ginfo *cg = task_add(t, c, &cf);
        if (!cg) { rc = -1; break; }
        cg->deps++;
        if (!cf) continue;
        if (sp == cap) {
          int nc = cap * 2;
          frame *ns = realloc(stack, sizeof *ns * (size_t)nc);
          if (!ns) { rc = ten_error_set(TEN_E_NOMEM, "out of memory"); break; }
          stack = ns;
          cap = nc;
        }
        stack[sp++] = (frame){c, 0};
      }
      fresh = false;
    }
  }
  free(stack);
  return rc;
}

static int heap_push(gtask *t, ag_node *fn) {
  if (t->nheap == t->capheap) {
    int nc = t->capheap ? t->capheap * 2 : 64;
    ag_node **nh = realloc(t->heap, sizeof *nh * (size_t)nc);
    if (!nh) return ten_error_set(TEN_E_NOMEM, "out of memory");
    t->heap = nh;
    t->capheap = nc;
  }
  int i = t->nheap++;
  while (i > 0) {
    int p = (i - 1) / 2;
    if (t->heap[p]->seq_nr >= fn->seq_nr) break;
    t->heap[i] = t->heap[p];
    i = p;
  }
  t->heap[i] = fn;
  return 0;
}

static ag_node *heap_pop(gtask *t) {
  ag_node *top = t->heap[0], *last = t->heap[--t->nheap];
  int i = 0;
  for (;;) {
    int c = 2 * i + 1;
    if (c >= t->nheap) break;
    if (c + 1 < t->nheap && t->heap[c + 1]->seq_nr > t->heap[c]->seq_nr) c++;
    if (last->seq_nr >= t->heap[c]->seq_nr) break;
    t->heap[i] = t->heap[c];
    i = c;
  }
  if (t->nheap) t->heap[i] = last;
  return top;
}

/* Adds g (stolen) into slot k of a node's buffer (summing, as PyTorch's InputBuffer). */
static int buffer_add(ginfo *gi, int k, ten_tensor *g) {
  if (!gi->buf) {
    gi->buf = calloc((size_t)gi->fn->n_out, sizeof *gi->buf);
    if (!gi->buf) {
      ten_release(g);
      return ten_error_set(TEN_E_NOMEM, "out of memory");
    }
  }
  if (k < 0 || k >= gi->fn->n_out) {   /* an edge naming an output the node does not have */
    ten_release(g);
    return ten_error_set(TEN_E_RUNTIME, "autograd: bad edge into %s", gi->fn->name);
  }
  if (!gi->buf[k]) {
    gi->buf[k] = g;
    return 0;
  }
  ten_tensor *s = ag_add(gi->buf[k], g);
  ten_release(g);
  if (!s) return -1;
  ten_release(gi->buf[k]);
  gi->buf[k] = s;
  return 0;
}

/* Pre-hooks on fn's incoming gradients: tensor hooks first, retain_grad's (id 0) last. */
static int run_prehooks(ag_node *fn, ten_tensor **buf) {
  for (int pass = 0; pass < 2; pass++)
    for (ag_prehook *h = fn->hooks; h; h = h->next) {
      if ((h->id == 0) != (pass == 1) || h->output_nr >= fn->n_out || !buf[h->output_nr]) continue;
      if (h->fn(h->ctx, &buf[h->output_nr])) return -1;
    }
  return 0;
}

/* A wanted input of autograd.grad / backward(inputs=): the edge its gradient arrives by. */
typedef struct target {
  ag_edge edge;
  ten_tensor *tensor;   /* the input (borrowed) */
  ten_tensor *result;   /* captured gradient */
} target;

typedef struct run_opts {
  bool keep_graph, create_graph;
  target *targets;      /* NULL: everything reachable runs */
  int n_targets;
  bool capture;         /* grad(): targets' gradients are captured, AccumulateGrad never runs;
                           backward(inputs=): only targets accumulate */
} run_opts;

/* Executes one ready node: hooks, captures, apply, validation, delivery to the next nodes. */
static int run_node(gtask *t, ag_node *fn, const run_opts *o) {
  ginfo *gi = task_find(t, fn);
  ten_tensor **buf = gi->buf;
  gi->buf = NULL;
  int rc = 0;
  if (!buf) {
    buf = calloc((size_t)fn->n_out, sizeof *buf);
    if (!buf) return ten_error_set(TEN_E_NOMEM, "out of memory");
  }
  bool run_it = !o->targets || gi->needed;
  rc = run_prehooks(fn, buf);
  for (int k = 0; rc == 0 && gi->target && k < o->n_targets; k++) {
    target *tg = &o->targets[k];
    if (tg->edge.fn != fn || !buf[tg->edge.input_nr]) continue;
    if (o->capture) {
      ten_retain(buf[tg->edge.input_nr]);
      ten_release(tg->result);
      tg->result = buf[tg->edge.input_nr];
    } else {
      run_it = true;   /* backward(inputs=): the leaf's AccumulateGrad (or a non-leaf's node) runs */
      if (fn->apply != ag_accumulate_apply && tg->tensor) {   /* non-leaf input: its .grad accumulates */
        ten_tensor *g = buf[tg->edge.input_nr], *old = ag_get_grad(tg->tensor);
        ten_tensor *ng = old ? ten_add(old, g) : ten_clone(g);
        if (!ng || ag_set_grad(tg->tensor, ng)) rc = -1;
      }
    }
  }
  ten_tensor **gin = NULL;
  if (rc == 0 && run_it) {
    bool any = false;
    for (int k = 0; k < fn->n_out; k++) any |= buf[k] != NULL;
    gin = calloc((size_t)(fn->n_next ? fn->n_next : 1), sizeof *gin);
    if (!gin) rc = ten_error_set(TEN_E_NOMEM, "out of memory");
    else if (any) {
      if (!fn->apply) rc = ten_error_set(TEN_E_RUNTIME, "autograd: %s has no backward", fn->name);
      else rc = fn->apply(fn, buf, gin);
      if (rc == 0) rc = ag_validate_grads(fn, gin);
    }
    if (!o->keep_graph) ag_node_release_saved(fn);
  }
  ag_release_all(buf, fn->n_out);
  free(buf);
  for (int i = 0; run_it && gin && i < fn->n_next; i++) {
    ag_node *c = fn->next[i].fn;
    ten_tensor *g = gin[i];
    gin[i] = NULL;
    if (!c) {
      ten_release(g);
      continue;
    }
    ginfo *cg = task_find(t, c);
    if (rc == 0 && g) rc = buffer_add(cg, fn->next[i].input_nr, g);
    else ten_release(g);
    if (rc == 0 && --cg->deps == 0 && (!o->targets || cg->needed || cg->target)) rc = heap_push(t, c);
  }
  free(gin);
  return rc;
}

static int run(const ag_edge *roots, ten_tensor **root_grads, int n, const run_opts *o) {
  gtask t;
  memset(&t, 0, sizeof t);
  bool was = ag_is_grad_enabled();
  ag_set_grad_enabled(o->create_graph);
  int rc = task_discover(&t, roots, n);
  if (rc == 0 && o->targets) {
    for (int k = 0; k < o->n_targets; k++) {
      ginfo *g = task_find(&t, o->targets[k].edge.fn);
      if (g) g->target = true;
    }
    /* post-order has children first: a node is needed when an edge leads to a target or a needed node */
    for (int k = 0; k < t.norder; k++) {
      ag_node *fn = t.order[k];
      ginfo *g = task_find(&t, fn);
      for (int i = 0; i < fn->n_next && !g->needed; i++) {
        ginfo *c = fn->next[i].fn ? task_find(&t, fn->next[i].fn) : NULL;
        if (c && (c->target || c->needed)) g->needed = true;
      }
    }
  }
  /* the virtual root: deliver the root gradients */
  for (int r = 0; rc == 0 && r < n; r++) {
    if (!roots[r].fn) continue;
    ginfo *g = task_find(&t, roots[r].fn);
    ten_retain(root_grads[r]);
    rc = buffer_add(g, roots[r].input_nr, root_grads[r]);
    if (rc == 0 && --g->deps == 0 && (!o->targets || g->needed || g->target)) rc = heap_push(&t, roots[r].fn);
  }
  while (rc == 0 && t.nheap > 0) rc = run_node(&t, heap_pop(&t), o);
  task_free(&t);
  ag_set_grad_enabled(was);
  return rc;
}

/* ---- entry points ---- */

/* Root gradients: given ones checked against the root's shape, implicit ones for one-element roots. */
static int make_root_grads(ten_tensor *const *roots, ten_tensor *const *grads, int n, ag_edge *edges,
                           ten_tensor **out) {
  for (int i = 0; i < n; i++) {
    ten_tensor *r = roots[i];
    if (!r->requires_grad)
      return ten_error_set(TEN_E_RUNTIME, "element %d of tensors does not require grad and does not have a grad_fn", i);
    ten_tensor *g = grads ? grads[i] : NULL;
    if (!g) {
      if (ten_numel(r) != 1) return ten_error_set(TEN_E_RUNTIME, "grad can be implicitly created only for scalar outputs");
      out[i] = ten_ones_like(r);
    } else {
      bool same = g->ndim == r->ndim;
      for (int d = 0; same && d < r->ndim; d++) same = g->shape[d] == r->shape[d];
      if (!same) {
        char a[512], b[512];
        ten_format_shape(g->shape, g->ndim, a, sizeof a);
        ten_format_shape(r->shape, r->ndim, b, sizeof b);
        return ten_error_set(TEN_E_RUNTIME,
                             "Mismatch in shape: grad_output[%d] has a shape of torch.Size(%s) and output[%d] has a "
                             "shape of torch.Size(%s).",
                             i, a, i, b);
      }
      out[i] = g->dtype == r->dtype ? (ten_retain(g), g) : ten_to_dtype(g, r->dtype, false);
    }
    if (!out[i]) return -1;
    edges[i] = ag_gradient_edge(r);
    if (!edges[i].fn) return -1;
  }
  return 0;
}

static void free_roots(ag_edge *edges, ten_tensor **grads, int n) {
  for (int i = 0; i < n; i++) {
    ag_node_release(edges[i].fn);
    ten_release(grads[i]);
  }
  free(edges);
  free(grads);
}

static int setup_targets(ten_tensor *const *inputs, int n_inputs, target **out) {
  target *tg = calloc((size_t)n_inputs, sizeof *tg);
  if (!tg) return ten_error_set(TEN_E_NOMEM, "out of memory");
  for (int i = 0; i < n_inputs; i++) {
    if (!inputs[i]->requires_grad) {
      for (int k = 0; k < i; k++) ag_node_release(tg[k].edge.fn);
      free(tg);
      return ten_error_set(TEN_E_RUNTIME, "One of the differentiated Tensors does not require grad");
    }
    tg[i].edge = ag_gradient_edge(inputs[i]);
    tg[i].tensor = inputs[i];
  }
  *out = tg;
  return 0;
}

static void free_targets(target *tg, int n) {
  for (int i = 0; tg && i < n; i++) {
    ag_node_release(tg[i].edge.fn);
    ten_release(tg[i].result);
  }
  free(tg);
}

int ag_backward(ten_tensor *const *roots, ten_tensor *const *grads, int n, bool retain_graph, bool create_graph,
                ten_tensor *const *inputs, int n_inputs) {
  ag_edge *edges = calloc((size_t)(n ? n : 1), sizeof *edges);
  ten_tensor **rg = calloc((size_t)(n ? n : 1), sizeof *rg);
  if (!edges || !rg) {
    free(edges);
    free(rg);
    return ten_error_set(TEN_E_NOMEM, "out of memory");
  }
  int rc = make_root_grads(roots, grads, n, edges, rg);
  run_opts o = {retain_graph || create_graph, create_graph, NULL, 0, false};
  if (rc == 0 && n_inputs > 0) {
    rc = setup_targets(inputs, n_inputs, &o.targets);
    o.n_targets = n_inputs;
  }
  if (rc == 0) rc = run(edges, rg, n, &o);
  free_targets(o.targets, o.n_targets);
  free_roots(edges, rg, n);
  return rc;
}

int ag_grad(ten_tensor *const *roots, ten_tensor *const *grads, int n, ten_tensor *const *inputs, int n_inputs,
            bool retain_graph, bool create_graph, bool allow_unused, ten_tensor **result) {
  for (int i = 0; i < n_inputs; i++) result[i] = NULL;
  ag_edge *edges = calloc((size_t)(n ? n : 1), sizeof *edges);
  ten_tensor **rg = calloc((size_t)(n ? n : 1), sizeof *rg);
  if (!edges || !rg) {
    free(edges);
    free(rg);
    return ten_error_set(TEN_E_NOMEM, "out of memory");
  }
  int rc = make_root_grads(roots, grads, n, edges, rg);
  run_opts o = {retain_graph || create_graph, create_graph, NULL, n_inputs, true};
  if (rc == 0) rc = setup_targets(inputs, n_inputs, &o.targets);
  if (rc == 0) rc = run(edges, rg, n, &o);
  for (int i = 0; rc == 0 && i < n_inputs; i++) {
    if (!o.targets[i].result && !allow_unused)
      rc = ten_error_set(TEN_E_RUNTIME,
                         "One of the differentiated Tensors appears to not have been used in the graph. Set "
                         "allow_unused=True if this is the desired behavior.");
  }
  for (int i = 0; rc == 0 && i < n_inputs; i++) {
    result[i] = o.targets[i].result;
    o.targets[i].result = NULL;
  }
  free_targets(o.targets, o.n_targets);
  free_roots(edges, rg, n);
  return rc;
}

int ag_node_num_outputs(const ag_node *n) { return n->n_out; }

int ag_node_call(ag_node *n, ten_tensor *const *gout, int nout, ten_tensor **gin) {
  if (nout != n->n_out)
    return ten_error_set(TEN_E_TYPE, "%s: expected %d gradients, got %d", n->name, n->n_out, nout);
  if (!n->apply) return ten_error_set(TEN_E_RUNTIME, "autograd: %s has no backward", n->name);
  ten_tensor **buf = calloc((size_t)(nout ? nout : 1), sizeof *buf);
  if (!buf) return ten_error_set(TEN_E_NOMEM, "out of memory");
  for (int k = 0; k < nout; k++)
    if (gout[k]) {
      ten_retain(gout[k]);
      buf[k] = gout[k];
    }
  for (int i = 0; i < n->n_next; i++) gin[i] = NULL;
  int rc = n->apply(n, buf, gin);
  if (rc == 0) rc = ag_validate_grads(n, gin);
  ag_release_all(buf, nout);
  free(buf);
  if (rc) ag_release_all(gin, n->n_next);
  return rc;
}
