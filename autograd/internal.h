/*
** autograd/internal.h — cross-file internals of autograd/: the node, saved tensors, per-tensor
** autograd state, and the helpers every op file (fn_*.c) uses to record a node and to write its
** backward formula. Never included outside autograd/.
**
** How an op records itself (fn_unary.c has the pattern in full):
**     ten_tensor *y = ten_unary(TEN_UNOP_EXP, x);
**     if (!y || !ag_needs(x)) return y;                   // nothing to record: one branch
**     ag_node *n = ag_record(&y, "ExpBackward0", exp_backward, &x, 1, 1);
**     if (n) ag_save(n, 0, y, true);                      // saved output (no reference cycle)
**     return y;                                            // NULL if recording failed
** and its formula (gout: gradients of the node's outputs; gin: one slot per input edge):
**     static int exp_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
**       ten_tensor *y = ag_unpack(n, 0);                   // version-checked
**       if (!y) return -1;
**       gin[0] = ag_mul(gout[0], y);  ten_release(y);
**       return gin[0] ? 0 : -1;
**     }
** Formulas are written with ag_* ops, so with create_graph=True they are recorded too. They may
** return gradients of the broadcast shape or another dtype: the engine reduces each one to its
** input's shape (ag_sum_to) and casts it to its dtype, once, for every op. A formula may leave a
** slot NULL (zero / not needed); ag_should_compute(n, i) says whether input i wants a gradient.
*/
#ifndef CT_AUTOGRAD_INTERNAL_H
#define CT_AUTOGRAD_INTERNAL_H

#include "autograd/autograd.h"

#if defined(__GNUC__)
#define AG_INTERNAL __attribute__((visibility("hidden"))) extern
#else
#define AG_INTERNAL extern
#endif

/* ---- nodes (node.c) ---- */

typedef struct ag_edge {
  ag_node *fn;          /* owned; NULL: this input needs no gradient (prints as None) */
  int input_nr;         /* which output of fn the input was */
} ag_edge;

/* What a tensor looked like when recorded: gradients are checked and reduced against it. */
typedef struct ag_tmeta {
  ten_dtype dtype;
  ten_device device;
  int ndim;
  int64_t shape[TEN_MAX_DIMS];
} ag_tmeta;

typedef struct ag_saved {
  ten_tensor *t;        /* owned: the tensor itself, or an autograd-free alias for a saved output */
  ag_node *owner_fn;    /* saved outputs: not owned (it is the node itself) — names the error */
  int64_t version;      /* storage version when saved */
  int output_nr;
  bool is_output;
  bool defined;         /* something was saved here (an empty slot unpacks to NULL, no error) */
} ag_saved;

typedef int (*ag_apply_fn)(ag_node *n, ten_tensor **gout, ten_tensor **gin);

typedef struct ag_prehook {
  struct ag_prehook *next;
  int64_t id;
  int output_nr;
  ag_hook_fn fn;
  void *ctx;
  void (*ctx_free)(void *ctx);
} ag_prehook;

struct ag_node {
  int refcount;
  int n_next;           /* inputs of the forward op = outputs of this node */
  int n_saved;
  int n_out;            /* outputs of the forward op (1 unless set by ag_node_set_outputs) */
  const char *name;     /* static string, or owned_name */
  char *owned_name;
  ag_apply_fn apply;
  void (*free_extra)(ag_node *n);   /* releases extra (op-owned state) */
  uint64_t seq_nr;      /* creation order; AccumulateGrad: UINT64_MAX (runs first when ready) */
  ag_edge *next;        /* n_next */
  ag_tmeta *in;         /* n_next: input metadata (unset when next[i].fn is NULL and the input was no tensor) */
  ag_saved *saved;      /* n_saved */
  ag_tmeta *out;        /* n_out entries when n_out > 1, else NULL */
  bool released;        /* saved tensors freed by a backward without retain_graph */
  bool saved_heap;      /* saved is its own allocation (custom functions) */
  /* op parameters: meaning per op (dims, sizes, scalars) */
  double s[4];
  int64_t p[TEN_MAX_DIMS];
  int np;
  int64_t q[TEN_MAX_DIMS];
  int nq;
  int flags;
  void *extra;
  ten_tensor *variable; /* AccumulateGrad: the leaf (owned) */
  ag_node *inner;       /* CopySlices: the in-place op's own node (owned) */
  void *owner;          /* the object a layer above wraps this node in (weak; that layer clears it) */
  ag_prehook *hooks;
  /* custom functions */
  ag_custom_backward_fn custom_backward;
  void *user;
  void (*user_free)(void *user);
};

/* A node with n_next edges (all None) and n_saved empty slots. NULL with TEN_E_NOMEM. */
AG_INTERNAL ag_node *ag_node_new(const char *name, ag_apply_fn apply, int n_next, int n_saved);
/* Points edge i at t's gradient edge and records t's metadata (t NULL: edge None). */
AG_INTERNAL void ag_node_set_input(ag_node *n, int i, ten_tensor *t);
/* Multi-output nodes (split, unbind, max with indices ...): records outputs' metadata. 0 / -1. */
AG_INTERNAL int ag_node_set_outputs(ag_node *n, ten_tensor *const *outs, int k);
/* Frees the saved tensors (after a backward without retain_graph). */
AG_INTERNAL void ag_node_release_saved(ag_node *n);

/* ---- per-tensor autograd state (meta.c) ---- */

typedef struct ag_tensor_hook {
  struct ag_tensor_hook *next;
  int64_t id;
  ag_hook_fn fn;
  void *ctx;
  void (*ctx_free)(void *ctx);
} ag_tensor_hook;

typedef struct ag_meta {
  ten_tensor *grad;     /* owned; .grad */
  ag_node *grad_fn;     /* owned; NULL for leaves */
  int output_nr;
  ag_node *grad_acc;    /* weak: the leaf's AccumulateGrad, while it lives */
  bool retains_grad;
  ag_tensor_hook *hooks;/* leaf hooks (non-leaf hooks live on grad_fn) */
  /* views of tensors with history (differentiable views) */
  ten_tensor *view_base;/* owned: the root base tensor; NULL when not a tracked view */
  int64_t view_version; /* storage version when the view's grad_fn was last made */
} ag_meta;

/* t's state, created on demand (NULL on OOM with the error set). */
AG_INTERNAL ag_meta *ag_meta_get(ten_tensor *t);
static inline ag_meta *ag_meta_peek(const ten_tensor *t) { return (ag_meta *)t->ag; }
/* The edge gradients of t flow into: (grad_fn, output_nr), (AccumulateGrad, 0) for a leaf that
   requires grad (created on first use), or (NULL, 0). The edge's fn is a new reference. Views whose
   base was modified in place get a fresh AsStridedBackward0 first (as PyTorch regenerates them). */
AG_INTERNAL ag_edge ag_gradient_edge(ten_tensor *t);
/* t gets history (fn, output_nr): grad_fn = fn (retained), requires_grad = true. -1 on OOM. */
AG_INTERNAL int ag_set_history(ten_tensor *t, ag_node *fn, int output_nr);
/* Registers every ag_meta release with the tensor library (idempotent). */
AG_INTERNAL void ag_meta_install(void);

/* ---- recording helpers (record.c) ---- */

/* Grad mode is on and t requires grad. */
static inline bool ag_needs(const ten_tensor *t) { return t && t->requires_grad && ag_is_grad_enabled(); }
AG_INTERNAL bool ag_needs_any(ten_tensor *const *ts, int n);
/* Makes a node with edges to inputs[0..n_in) (NULL entries: None) and gives *y its history as
   output 0. On failure releases *y, sets it NULL and returns NULL. Returned node is borrowed. */
AG_INTERNAL ag_node *ag_record(ten_tensor **y, const char *name, ag_apply_fn apply, ten_tensor *const *inputs,
                               int n_in, int n_saved);
/* Same for k outputs (outs[i] gets output_nr i; NULL entries are non-differentiable outputs). On
   failure releases all outs[] and returns NULL. */
AG_INTERNAL ag_node *ag_record_multi(ten_tensor **outs, int k, const char *name, ag_apply_fn apply,
                                     ten_tensor *const *inputs, int n_in, int n_saved);
/* Saves t into slot i (is_output: t is an output of n; stored without its history). t NULL: the
   slot stays empty (unpacks to NULL). Never fails (an alias failure is reported at unpack). */
AG_INTERNAL void ag_save(ag_node *n, int i, ten_tensor *t, bool is_output);
/* Slot i, version-checked: a new reference, or NULL with the error set (check ten_error_kind:
   an empty slot returns NULL with no error). */
AG_INTERNAL ten_tensor *ag_unpack(ag_node *n, int i);
AG_INTERNAL bool ag_should_compute(const ag_node *n, int i);

/* In-place protocol (fn_binary.c's ag_binary_ shows it):
       ag_node *n;
       if (ag_inplace_begin(t, ins, k, "AddBackward0", add_backward, 0, &n)) return -1;  // ins[0] == t
       int rc = ten_binary_(...);                    // the write itself
       return ag_inplace_end(t, n, rc);              // n NULL: nothing recorded
   begin: the leaf / view-of-leaf errors (grad mode on), then a node with edges to ins[] when some
   input requires grad (edges are taken before the write). Save tensors between the write and end
   (a saved output after the write). end: on rc < 0 drops n; else t's history becomes n, through
   CopySlices when t is a view of a tensor with history (see ag_rebase_history). */
AG_INTERNAL int ag_inplace_begin(ten_tensor *t, ten_tensor *const *ins, int k, const char *name, ag_apply_fn apply,
                                 int n_saved, ag_node **node);
AG_INTERNAL int ag_inplace_end(ten_tensor *t, ag_node *n, int rc);
/* Leaf / view-of-leaf errors alone (grad mode on). */
AG_INTERNAL int ag_check_inplace(ten_tensor *t);
/* t's history becomes n. When t is a view (base given, or t's tracked base): the base's history
   becomes CopySlices(n) and t's an AsStridedBackward0 of the base. Returns 0 / -1. */
AG_INTERNAL int ag_rebase_history(ten_tensor *t, ten_tensor *base, ag_node *n);

/* ---- gradient helpers (grad_util.c) ---- */

/* Sums g over broadcast dims down to shape (at::sum_to). New reference (g itself when equal). */
AG_INTERNAL ten_tensor *ag_sum_to(ten_tensor *g, const int64_t *shape, int ndim);
/* True if shape can be expanded to target (is_expandable_to). */
AG_INTERNAL bool ag_is_expandable_to(const int64_t *shape, int ndim, const int64_t *target, int tndim);
/* Zeros of a recorded metadata (undefined gradients that a formula needs as zeros). */
AG_INTERNAL ten_tensor *ag_zeros_meta(const ag_tmeta *m);
/* grad.unsqueeze at every dim in the mask (sum_backward with keepdim=False). New reference. */
AG_INTERNAL ten_tensor *ag_unsqueeze_dims(ten_tensor *g, uint32_t mask, int ndim);
/* Dims list -> bitmask over ndim (n == 0: all dims). -1 on a bad dim (error set). */
AG_INTERNAL int ag_dims_mask(const int64_t *dims, int n, int ndim, uint32_t *mask);
/* A 0-dim tensor of t's dtype/device holding v. */
AG_INTERNAL ten_tensor *ag_scalar_like(const ten_tensor *t, double v);
/* Formula shorthands: a op b with a scalar (dtype follows a, like PyTorch's Scalar overloads). */
AG_INTERNAL ten_tensor *ag_mul_s(ten_tensor *a, double s);
AG_INTERNAL ten_tensor *ag_add_s(ten_tensor *a, double s);
AG_INTERNAL ten_tensor *ag_div_s(ten_tensor *a, double s);
/* Expression pool for formulas: intermediates are adopted by the pool and released together;
   every p* op returns NULL (error pending) when an operand is NULL, so a formula is written as one
   expression and checked once:
       ag_pool p = {0};
       gin[0] = ag_pool_keep(&p, ag_pmul(&p, g, ag_punary(&p, TEN_UNOP_COS, x)));
       ag_pool_free(&p);
       return gin[0] ? 0 : -1;                                                       */
#define AG_POOL_MAX 48
typedef struct ag_pool {
  ten_tensor *t[AG_POOL_MAX];
  int n;
} ag_pool;
AG_INTERNAL ten_tensor *ag_p(ag_pool *p, ten_tensor *t);                 /* adopt t (NULL passes) */
AG_INTERNAL ten_tensor *ag_pool_keep(ag_pool *p, ten_tensor *t);         /* new reference to t (or NULL) */
AG_INTERNAL void ag_pool_free(ag_pool *p);
AG_INTERNAL ten_tensor *ag_pmul(ag_pool *p, ten_tensor *a, ten_tensor *b);
AG_INTERNAL ten_tensor *ag_pdiv(ag_pool *p, ten_tensor *a, ten_tensor *b);
AG_INTERNAL ten_tensor *ag_padd(ag_pool *p, ten_tensor *a, ten_tensor *b);
AG_INTERNAL ten_tensor *ag_psub(ag_pool *p, ten_tensor *a, ten_tensor *b);
AG_INTERNAL ten_tensor *ag_pmul_s(ag_pool *p, ten_tensor *a, double s);  /* a * s */
AG_INTERNAL ten_tensor *ag_padd_s(ag_pool *p, ten_tensor *a, double s);  /* a + s */
AG_INTERNAL ten_tensor *ag_pdiv_s(ag_pool *p, ten_tensor *a, double s);  /* a / s */
AG_INTERNAL ten_tensor *ag_prsub_s(ag_pool *p, double s, ten_tensor *a); /* s - a */
AG_INTERNAL ten_tensor *ag_punary(ag_pool *p, ten_unop op, ten_tensor *a);
AG_INTERNAL ten_tensor *ag_ppow_s(ag_pool *p, ten_tensor *a, double e); /* a ** e */
AG_INTERNAL ten_tensor *ag_pwhere(ag_pool *p, ten_tensor *c, ten_tensor *a, ten_tensor *b);
/* Comparisons against a scalar / tensor (bool results, never recorded). */
AG_INTERNAL ten_tensor *ag_pcmp_s(ag_pool *p, ten_binop op, ten_tensor *a, double s);
AG_INTERNAL ten_tensor *ag_pcmp(ag_pool *p, ten_binop op, ten_tensor *a, ten_tensor *b);
/* A 0-dim zero of a's dtype/device (where(mask, grad, 0) in formulas). */
AG_INTERNAL ten_tensor *ag_pzero(ag_pool *p, ten_tensor *a);
AG_INTERNAL ten_tensor *ag_pzeros_like(ag_pool *p, ten_tensor *a);
/* Releases a list of tensors (NULL-safe entries). */
AG_INTERNAL void ag_release_all(ten_tensor **ts, int n);

/* ---- op files sharing nodes ---- */

/* Marks view (a result sharing base's storage, with history) as a view of base's root base, so
   in-place writes on it update the base's history (CopySlices) and the leaf-view errors apply. */
AG_INTERNAL void ag_track_view(ten_tensor *view, ten_tensor *base);
/* at::_unsafe_view: view of a fresh result, UnsafeViewBackward0, no view tracking (fn_view.c). */
AG_INTERNAL ten_tensor *ag_unsafe_view(ten_tensor *t, const int64_t *shape, int ndim);

/* Gives *y (computed by the caller as a op b) the binary op's node (fn_binary.c). On failure
   releases *y, sets it NULL, returns -1. */
AG_INTERNAL int ag_binary_attach(ten_binop op, ten_tensor **y, ten_tensor *a, ten_tensor *b, double alpha);

/* ---- engine (engine.c) ---- */

/* Checks and fixes a node's input gradients against its recorded input metadata: sums broadcast
   gradients down to the input's shape, casts to its dtype, drops gradients of None edges;
   "Function X returned an invalid gradient at index i - got [..] but expected shape compatible
   with [..]" otherwise. 0 / -1. */
AG_INTERNAL int ag_validate_grads(ag_node *n, ten_tensor **gin);

/* The node that owns custom-function / AccumulateGrad logic (accumulate.c). */
AG_INTERNAL ag_node *ag_accumulate_new(ten_tensor *leaf);
AG_INTERNAL int ag_accumulate_apply(ag_node *n, ten_tensor **gout, ten_tensor **gin);
AG_INTERNAL uint64_t ag_next_seq_nr(void);

#endif /* CT_AUTOGRAD_INTERNAL_H */
