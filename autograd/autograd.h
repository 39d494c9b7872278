/*
** autograd/autograd.h — public API of the ctorch autograd library (prefix ag_).
** Reverse-mode automatic differentiation with PyTorch 1.13 semantics over tensor/: grad mode,
** leaf/non-leaf tensors, graph nodes with PyTorch's names (AddBackward0 ...), saved tensors with
** version checks, in-place rebasing (CopySlices), the backward engine and autograd.grad.
**
** Recording ops: every differentiable op of tensor/tensor.h has an ag_ twin with the same signature
** (ag_sum mirrors ten_sum ...). It computes the result with the tensor library and, when grad mode
** is on and some input requires grad, attaches a node to the result. With nothing to record it costs
** one branch. Callers above (the language bindings, nn/) call ag_* instead of ten_* for everything a
** learner can differentiate. Plain C: never prints, never exits; errors as in tensor/ (NULL or -1
** with ten_error_*()).
*/
#ifndef CT_AUTOGRAD_AUTOGRAD_H
#define CT_AUTOGRAD_AUTOGRAD_H

#include "nn/nn.h"
#include "tensor/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ag_node ag_node;

/* ---- grad mode (per thread; torch.no_grad / enable_grad / set_grad_enabled) ---- */

bool ag_is_grad_enabled(void);
void ag_set_grad_enabled(bool on);

/* ---- tensor state ---- */

/* A leaf has no grad_fn (it may or may not require grad). */
bool ag_is_leaf(const ten_tensor *t);
ag_node *ag_grad_fn(const ten_tensor *t);            /* borrowed; NULL for leaves */
/* t.grad_fn as Python shows it: a view whose base was written in place since gets its
   AsStridedBackward0 first (PyTorch regenerates it the same way). Borrowed. */
ag_node *ag_current_grad_fn(ten_tensor *t);
int ag_output_nr(const ten_tensor *t);
/* t.requires_grad = flag (setter true) or t.requires_grad_(flag) (setter false). Errors with PyTorch's
   texts (each wording differs): non-leaf tensors, non-floating dtypes. */
int ag_set_requires_grad(ten_tensor *t, bool flag, bool setter);
/* .grad: borrowed (NULL = None). ag_set_grad takes a new reference (NULL clears); checks shape,
   dtype and device as PyTorch's setter does. */
ten_tensor *ag_get_grad(const ten_tensor *t);
int ag_set_grad(ten_tensor *t, ten_tensor *grad);
/* retain_grad(): populate .grad of a non-leaf during backward. No-op on leaves. */
int ag_retain_grad(ten_tensor *t);
bool ag_retains_grad(const ten_tensor *t);
/* detach(): same storage and version counter, no history, requires_grad False. New reference. */
ten_tensor *ag_detach(ten_tensor *t);
/* detach_(): drops t's history in place (errors on views, as PyTorch). */
int ag_detach_(ten_tensor *t);

/* ---- nodes ---- */

const char *ag_node_name(const ag_node *n);          /* "AddBackward0", "AccumulateGrad", "MyReLUBackward" */
void ag_node_retain(ag_node *n);
void ag_node_release(ag_node *n);                    /* NULL-safe */
int ag_node_num_next(const ag_node *n);
/* next_functions[i] = (fn, input_nr); fn NULL prints as None. fn borrowed. */
ag_node *ag_node_next(const ag_node *n, int i, int *input_nr);
/* The object a layer above wraps n in (weak; set and cleared by that layer), so a node keeps one
   identity (grad_fn is grad_fn). */
void *ag_node_owner(const ag_node *n);
void ag_node_set_owner(ag_node *n, void *owner);
/* Calls n's backward directly (node(*grads) in Python): gout has n's output count of gradients
   (NULL: zeros); gin receives one new reference (or NULL) per next edge. 0 / -1. */
int ag_node_call(ag_node *n, ten_tensor *const *gout, int nout, ten_tensor **gin);
int ag_node_num_outputs(const ag_node *n);
/* AccumulateGrad's .variable (borrowed), NULL for other nodes. */
ten_tensor *ag_node_variable(const ag_node *n);
/* A hook run on the gradient flowing into output output_nr of n before n runs (Tensor.register_hook
   on a non-leaf; leaves keep hooks in their own state, see ag_tensor_add_hook). The hook may replace
   *grad (new reference; release the old one). Returns 0 or -1 (error pending). */
typedef int (*ag_hook_fn)(void *ctx, ten_tensor **grad);
/* Registers fn on t (leaf or not); ctx_free(ctx) runs when the hook goes. Returns a handle id > 0. */
int64_t ag_tensor_add_hook(ten_tensor *t, ag_hook_fn fn, void *ctx, void (*ctx_free)(void *));
/* Removes hook `handle` of t (no-op if gone). */
void ag_remove_hook(ten_tensor *t, int64_t handle);

/* ---- backward ---- */

/* torch.autograd.backward(roots, grads, retain_graph, create_graph, inputs).
   grads[i] NULL: implicit 1 for a one-element root ("grad can be implicitly created only for scalar
   outputs" otherwise). inputs (n_inputs > 0): only these leaves accumulate. */
int ag_backward(ten_tensor *const *roots, ten_tensor *const *grads, int n, bool retain_graph,
                bool create_graph, ten_tensor *const *inputs, int n_inputs);
/* torch.autograd.grad: result[i] receives a new reference to d(roots)/d(inputs[i]) (NULL when
   unused and allow_unused). */
int ag_grad(ten_tensor *const *roots, ten_tensor *const *grads, int n, ten_tensor *const *inputs, int n_inputs,
            bool retain_graph, bool create_graph, bool allow_unused, ten_tensor **result);

/* ---- custom functions (torch.autograd.Function) ---- */

/* The language layer runs forward itself (under no_grad), then wraps the outputs with a node whose
   backward calls back into it. backward(user, grads_out, n_out, grads_in, n_in): grads_out[k] may
   be NULL (output k unused: the callback decides, PyTorch passes zeros); it fills grads_in[i]
   with new references or NULL (None). Returns 0 or -1 (error pending). */
typedef int (*ag_custom_backward_fn)(void *user, ag_node *node, ten_tensor *const *grads_out, int n_out,
                                     ten_tensor **grads_in, int n_in);
typedef struct ag_custom_spec {
  const char *name;                  /* "MyReLUBackward" (copied) */
  ag_custom_backward_fn backward;
  void *user;                        /* owned by the node; user_free runs when the node goes */
  void (*user_free)(void *user);
} ag_custom_spec;
/* When grad mode is on and some input requires grad: creates the node with edges to inputs[i]
   (NULL entries: non-tensor arguments, edge None) and gives each floating-point output its history
   (an output that is one of the inputs is replaced by an alias first, as PyTorch does). *node
   receives the node (borrowed: the outputs own it) or NULL when nothing was recorded (then
   spec->user_free has run). Returns 0 or -1. */
int ag_custom_apply(const ag_custom_spec *spec, ten_tensor *const *inputs, int n_in, ten_tensor **outputs, int n_out,
                    ag_node **node);
/* ctx.needs_input_grad[i] */
bool ag_node_needs_input_grad(const ag_node *n, int i);
/* ctx.save_for_backward(*ts) (NULL entries are None): replaces the saved list. */
int ag_node_save(ag_node *n, ten_tensor *const *ts, int count, ten_tensor *const *outputs, int n_out);
/* ctx.saved_tensors: count of saved entries, and each one unpacked (version checked; "second time"
   error after release). *out new reference or NULL (None). */
int ag_node_num_saved(const ag_node *n);
int ag_node_unpack(ag_node *n, int i, ten_tensor **out);
/* Zeros shaped like output k of a custom node (unused outputs' gradients, materialised). */
ten_tensor *ag_node_output_zeros(const ag_node *n, int k);
/* The user pointer of a custom node (NULL for built-in nodes). */
void *ag_node_user(const ag_node *n);

/* ---- recording ops: same signatures and semantics as their ten_ twins ---- */

/* elementwise (fn_binary.c, fn_unary.c, fn_pointwise.c) */
ten_tensor *ag_binary(ten_binop op, ten_tensor *a, ten_tensor *b, ten_scalar alpha);
int ag_binary_(ten_binop op, ten_tensor *a, ten_tensor *b, ten_scalar alpha);
ten_tensor *ag_add(ten_tensor *a, ten_tensor *b);
ten_tensor *ag_sub(ten_tensor *a, ten_tensor *b);
ten_tensor *ag_mul(ten_tensor *a, ten_tensor *b);
ten_tensor *ag_div(ten_tensor *a, ten_tensor *b);
ten_tensor *ag_add_scalar(ten_tensor *a, ten_scalar b);
ten_tensor *ag_mul_scalar(ten_tensor *a, ten_scalar b);
/* other - alpha * t (Python's number - tensor; RsubBackward1, one edge). */
ten_tensor *ag_rsub_scalar(ten_tensor *t, ten_scalar other, ten_scalar alpha);
ten_tensor *ag_unary(ten_unop op, ten_tensor *t);
int ag_unary_(ten_unop op, ten_tensor *t);
ten_tensor *ag_clamp(ten_tensor *t, const ten_scalar *min, const ten_scalar *max);
int ag_clamp_(ten_tensor *t, const ten_scalar *min, const ten_scalar *max);
/* torch.clamp_min / clamp_max (ClampMinBackward0 / ClampMaxBackward0). */
ten_tensor *ag_clamp_min(ten_tensor *t, ten_scalar min);
ten_tensor *ag_clamp_max(ten_tensor *t, ten_scalar max);
/* clamp with tensor bounds (ClampBackward0); either may be NULL. */
ten_tensor *ag_clamp_tensor(ten_tensor *t, ten_tensor *min, ten_tensor *max);
ten_tensor *ag_pow_scalar(ten_tensor *t, ten_scalar exponent);
int ag_pow_scalar_(ten_tensor *t, ten_scalar exponent);
ten_tensor *ag_rpow_scalar(ten_scalar base, ten_tensor *t);
ten_tensor *ag_leaky_relu(ten_tensor *t, double slope);
int ag_leaky_relu_(ten_tensor *t, double slope);   /* LeakyReluBackward1 (saves the result) */
ten_tensor *ag_where(ten_tensor *cond, ten_tensor *a, ten_tensor *b);
ten_tensor *ag_masked_fill(ten_tensor *t, ten_tensor *mask, ten_tensor *value);
int ag_masked_fill_(ten_tensor *t, ten_tensor *mask, ten_tensor *value);
ten_tensor *ag_addcmul(ten_tensor *a, ten_tensor *t1, ten_tensor *t2, ten_scalar value);
ten_tensor *ag_addcdiv(ten_tensor *a, ten_tensor *t1, ten_tensor *t2, ten_scalar value);
ten_tensor *ag_lerp(ten_tensor *a, ten_tensor *b, ten_scalar weight);

/* copies, casts, fills (fn_copy.c) */
int ag_copy_(ten_tensor *dst, ten_tensor *src);
int ag_fill_(ten_tensor *t, ten_scalar value);
int ag_zero_(ten_tensor *t);
ten_tensor *ag_clone(ten_tensor *t);
ten_tensor *ag_contiguous(ten_tensor *t);
ten_tensor *ag_to_dtype(ten_tensor *t, ten_dtype dt, bool copy);
ten_tensor *ag_to_device(ten_tensor *t, ten_device dev, bool copy);
/* In-place writes that the caller performs itself with ten_ calls and whose gradient is zero for
   t's old value (uniform_, normal_, bernoulli_ ...): begin does the leaf checks and, when t has
   history, prepares node `name` ("UniformBackward0"); end (with the write's status) installs it.
       ag_node *n; if (ag_overwrite_begin(t, "UniformBackward0", &n)) return error;
       rc = ten_uniform_(t, ...);  if (ag_overwrite_end(t, n, rc)) return error;               */
int ag_overwrite_begin(ten_tensor *t, const char *name, ag_node **node);
int ag_overwrite_end(ten_tensor *t, ag_node *node, int rc);

/* views (fn_view.c) */
ten_tensor *ag_view(ten_tensor *t, const int64_t *shape, int ndim);
ten_tensor *ag_reshape(ten_tensor *t, const int64_t *shape, int ndim);
ten_tensor *ag_flatten(ten_tensor *t, int64_t start_dim, int64_t end_dim);
ten_tensor *ag_unflatten(ten_tensor *t, int64_t dim, const int64_t *sizes, int n);
ten_tensor *ag_transpose(ten_tensor *t, int64_t d0, int64_t d1);
ten_tensor *ag_t(ten_tensor *t);
ten_tensor *ag_permute(ten_tensor *t, const int64_t *dims, int n);
ten_tensor *ag_squeeze(ten_tensor *t);
ten_tensor *ag_squeeze_dim(ten_tensor *t, int64_t dim);
ten_tensor *ag_unsqueeze(ten_tensor *t, int64_t dim);
ten_tensor *ag_expand(ten_tensor *t, const int64_t *shape, int ndim);
ten_tensor *ag_expand_as(ten_tensor *t, const ten_tensor *other);
ten_tensor *ag_broadcast_to(ten_tensor *t, const int64_t *shape, int ndim);
ten_tensor *ag_select(ten_tensor *t, int64_t dim, int64_t index);
ten_tensor *ag_slice(ten_tensor *t, int64_t dim, int64_t start, int64_t stop, int64_t step,
                     bool has_start, bool has_stop);
ten_tensor *ag_narrow(ten_tensor *t, int64_t dim, int64_t start, int64_t length);
ten_tensor *ag_diagonal(ten_tensor *t, int64_t offset, int64_t d0, int64_t d1);
ten_tensor *ag_as_strided(ten_tensor *t, const int64_t *shape, const int64_t *stride, int ndim, int64_t offset);
int ag_split(ten_tensor *t, int64_t split_size, int64_t dim, ten_tensor ***out, int *n);
int ag_split_sizes(ten_tensor *t, const int64_t *sizes, int nsizes, int64_t dim, ten_tensor ***out, int *n);
int ag_chunk(ten_tensor *t, int64_t chunks, int64_t dim, ten_tensor ***out, int *n);
int ag_unbind(ten_tensor *t, int64_t dim, ten_tensor ***out, int *n);

/* reductions, scans, softmax, sort (fn_reduce.c) */
ten_tensor *ag_sum(ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt);
ten_tensor *ag_mean(ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt);
ten_tensor *ag_prod(ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt);
ten_tensor *ag_var(ten_tensor *t, const int64_t *dims, int n, int64_t correction, bool keepdim);
ten_tensor *ag_std(ten_tensor *t, const int64_t *dims, int n, int64_t correction, bool keepdim);
ten_tensor *ag_norm(ten_tensor *t, double p, const int64_t *dims, int n, bool keepdim);
ten_tensor *ag_amax(ten_tensor *t, const int64_t *dims, int n, bool keepdim);
ten_tensor *ag_amin(ten_tensor *t, const int64_t *dims, int n, bool keepdim);
ten_tensor *ag_logsumexp(ten_tensor *t, const int64_t *dims, int n, bool keepdim);
ten_tensor *ag_max_all(ten_tensor *t);
ten_tensor *ag_min_all(ten_tensor *t);
int ag_max_dim(ten_tensor *t, int64_t dim, bool keepdim, ten_tensor **values, ten_tensor **indices);
int ag_min_dim(ten_tensor *t, int64_t dim, bool keepdim, ten_tensor **values, ten_tensor **indices);
ten_tensor *ag_cumsum(ten_tensor *t, int64_t dim, ten_dtype dt);
ten_tensor *ag_cumprod(ten_tensor *t, int64_t dim, ten_dtype dt);
ten_tensor *ag_softmax(ten_tensor *t, int64_t dim, ten_dtype dt);
ten_tensor *ag_log_softmax(ten_tensor *t, int64_t dim, ten_dtype dt);
int ag_sort(ten_tensor *t, int64_t dim, bool descending, ten_tensor **values, ten_tensor **indices);
/* torch.unique (ten_unique); values get Unique2Backward0 / UniqueDimBackward0, whose backward raises. */
int ag_unique(ten_tensor *t, bool has_dim, int64_t dim, ten_tensor **values, ten_tensor **inverse, ten_tensor **counts);
int ag_topk(ten_tensor *t, int64_t k, int64_t dim, bool largest, bool sorted, ten_tensor **values,
            ten_tensor **indices);

/* matmul family (fn_matmul.c) */
ten_tensor *ag_matmul(ten_tensor *a, ten_tensor *b);
ten_tensor *ag_mm(ten_tensor *a, ten_tensor *b);
ten_tensor *ag_bmm(ten_tensor *a, ten_tensor *b);
ten_tensor *ag_mv(ten_tensor *a, ten_tensor *v);
ten_tensor *ag_dot(ten_tensor *a, ten_tensor *b);
ten_tensor *ag_outer(ten_tensor *a, ten_tensor *b);
ten_tensor *ag_addmm(ten_tensor *input, ten_tensor *m1, ten_tensor *m2, ten_scalar beta, ten_scalar alpha);

/* joining and indexing (fn_index.c) */
ten_tensor *ag_cat(ten_tensor *const *ts, int n, int64_t dim);
ten_tensor *ag_stack(ten_tensor *const *ts, int n, int64_t dim);
ten_tensor *ag_index_get(ten_tensor *t, const ten_index *idx, int n);
/* t[idx] = value: basic indexing copies into a view (CopySlices); advanced indexing is
   index_put_ (IndexPutBackward0). */
int ag_index_put(ten_tensor *t, const ten_index *idx, int n, ten_tensor *value);
ten_tensor *ag_index_select(ten_tensor *t, int64_t dim, ten_tensor *index);
ten_tensor *ag_gather(ten_tensor *t, int64_t dim, ten_tensor *index);
ten_tensor *ag_masked_select(ten_tensor *t, ten_tensor *mask);
ten_tensor *ag_tril(ten_tensor *t, int64_t diagonal);
ten_tensor *ag_triu(ten_tensor *t, int64_t diagonal);
ten_tensor *ag_flip(ten_tensor *t, const int64_t *dims, int n);
ten_tensor *ag_repeat(ten_tensor *t, const int64_t *repeats, int n);

/* scatter family (fn_scatter.c) */
ten_tensor *ag_scatter(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src);
int ag_scatter_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src);
ten_tensor *ag_scatter_value(ten_tensor *t, int64_t dim, ten_tensor *index, ten_scalar value);
int ag_scatter_value_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_scalar value);
ten_tensor *ag_scatter_add(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src);
int ag_scatter_add_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src);
ten_tensor *ag_index_add(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src, ten_scalar alpha);
int ag_index_add_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src, ten_scalar alpha);

/* nn ops (fn_nn.c): the nn/ kernels with PyTorch 1.13's nodes, and the ops ATen composes from
   others, composed the same way (so grad_fn chains print the same). reduction: nn_reduction. */
/* torch.conv1d / conv2d (o->nspatial 1 / 2): input (N, C, *) or unbatched (C, *) (unsqueezed and
   squeezed back: UnsqueezeBackward0 / SqueezeBackward1); ConvolutionBackward0 (edges input, weight,
   bias). _same: padding='same' (stride 1; uneven padding pads the input first, ConstantPadNdBackward0). */
ten_tensor *ag_conv2d(ten_tensor *input, ten_tensor *weight, ten_tensor *bias, const nn_conv_opts *o);
ten_tensor *ag_conv2d_same(ten_tensor *input, ten_tensor *weight, ten_tensor *bias, const nn_conv_opts *o);
/* max_pool2d_with_indices (MaxPool2DWithIndicesBackward0) / adaptive_max_pool2d
   (AdaptiveMaxPool2DBackward0): *out with history, *indices int64 without. 0 / -1. */
int ag_max_pool2d_with_indices(ten_tensor *input, const nn_pool_opts *o, ten_tensor **out, ten_tensor **indices);
int ag_adaptive_max_pool2d(ten_tensor *input, const int64_t output_size[2], ten_tensor **out, ten_tensor **indices);
ten_tensor *ag_avg_pool2d(ten_tensor *input, const nn_pool_opts *o);                 /* AvgPool2DBackward0 */
/* at::adaptive_avg_pool2d: output (1, 1) is input.mean((-1, -2), keepdim) (MeanBackward1), else
   AdaptiveAvgPool2DBackward0. */
ten_tensor *ag_adaptive_avg_pool2d(ten_tensor *input, const int64_t output_size[2]);
/* torch.batch_norm (NativeBatchNormBackward0; running stats updated in training). */
ten_tensor *ag_batch_norm(ten_tensor *input, ten_tensor *weight, ten_tensor *bias, ten_tensor *running_mean,
                          ten_tensor *running_var, bool training, double momentum, double eps);
/* torch.embedding (EmbeddingBackward0; sparse gradients are computed dense). */
ten_tensor *ag_embedding(ten_tensor *weight, ten_tensor *indices, int64_t padding_idx, bool scale_grad_by_freq,
                         bool sparse);
/* torch._C._nn.nll_loss_nd: NllLossBackward0 (1-D / 2-D), NllLoss2DBackward0 (4-D), other ranks
   viewed to 4-D and back (ViewBackward0). */
ten_tensor *ag_nll_loss(ten_tensor *input, ten_tensor *target, ten_tensor *weight, int reduction, int64_t ignore_index);
/* torch._C._nn.cross_entropy_loss: log_softmax then nll_loss_nd; label smoothing and class
   probability targets as 1.13's composites. */
ten_tensor *ag_cross_entropy(ten_tensor *input, ten_tensor *target, ten_tensor *weight, int reduction,
                             int64_t ignore_index, double label_smoothing);
ten_tensor *ag_mse_loss(ten_tensor *input, ten_tensor *target, int reduction);          /* MseLossBackward0 */
ten_tensor *ag_l1_loss(ten_tensor *input, ten_tensor *target, int reduction);           /* (input - target).abs() reduced */
ten_tensor *ag_binary_cross_entropy(ten_tensor *input, ten_tensor *target, ten_tensor *weight, int reduction);
ten_tensor *ag_binary_cross_entropy_with_logits(ten_tensor *input, ten_tensor *target, ten_tensor *weight,
                                                ten_tensor *pos_weight, int reduction);
ten_tensor *ag_constant_pad_nd(ten_tensor *input, const int64_t *pad, int npad, ten_scalar value);
/* torch.dropout / dropout_: input * noise (MulBackward0), noise = bernoulli(1 - p) / (1 - p);
   p == 1: input * 0; p == 0 or !train: input itself (a new reference; dropout_ does nothing). */
ten_tensor *ag_dropout(ten_tensor *input, double p, bool train);
int ag_dropout_(ten_tensor *input, double p, bool train);
/* at::linear: 2-D input + bias -> addmm; contiguous 3-D + bias -> addmm on the flattened view, viewed
   back; else matmul then add_ of the bias. */
ten_tensor *ag_linear(ten_tensor *input, ten_tensor *weight, ten_tensor *bias);

#ifdef __cplusplus
}
#endif
#endif /* CT_AUTOGRAD_AUTOGRAD_H */
