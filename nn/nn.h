/*
** nn/nn.h — public API of the ctorch layer kernels (prefix nn_): convolution (im2col + BLAS gemm),
** pooling, batch norm, embedding backward, losses and constant padding, forward and backward, in
** float32 and float64 on the CPU, computed the way PyTorch 1.13's CPU kernels compute them (same
** formulas and accumulation order where that is cheap), with PyTorch's error texts.
** These are plain kernels: no autograd (autograd/fn_nn.c records them). Never prints, never exits;
** errors as in tensor/ (NULL or -1 with ten_error_*()). Arguments are borrowed; returned tensors are
** new references.
*/
#ifndef CT_NN_NN_H
#define CT_NN_NN_H

#include "tensor/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ATen's Reduction enum (torch/nn/_reduction.py get_enum). */
typedef enum nn_reduction { NN_REDUCTION_NONE = 0, NN_REDUCTION_MEAN = 1, NN_REDUCTION_SUM = 2 } nn_reduction;

/* ---- convolution (conv.c, im2col.c) ---- */

typedef struct nn_conv_opts {
  int nspatial;          /* 1: conv1d on (N, C, L); 2: conv2d on (N, C, H, W) */
  int64_t stride[2];     /* per spatial dim (only [0] used when nspatial == 1) */
  int64_t padding[2];
  int64_t dilation[2];
  int64_t groups;
} nn_conv_opts;

/* at::convolution (not transposed) on a batched input (N, C, *spatial); weight (O, C/groups, *k);
   bias (O) or NULL. Same checks and texts as ATen ("Given groups=1, weight of size [6, 3, 5, 5],
   expected input[1, 1, 32, 32] to have 3 channels, but got 1 channels instead" ...).
   Output (N, O, *out) with out = (in + 2 pad - dilation (k - 1) - 1) / stride + 1.
   Returns: new reference. */
ten_tensor *nn_conv(ten_tensor *input, ten_tensor *weight, ten_tensor *bias, const nn_conv_opts *o);
/* convolution_backward: each non-NULL out pointer receives that gradient (new reference):
   grad_input like input, grad_weight like weight, grad_bias (O). 0 / -1. */
int nn_conv_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *weight, const nn_conv_opts *o,
                     ten_tensor **grad_input, ten_tensor **grad_weight, ten_tensor **grad_bias);

/* ---- pooling (pool_max.c, pool_avg.c) ---- */

typedef struct nn_pool_opts {
  int64_t kernel[2];     /* (kH, kW) */
  int64_t stride[2];
  int64_t padding[2];
  int64_t dilation[2];   /* max pooling only */
  bool ceil_mode;
  bool count_include_pad;   /* avg pooling only */
  int64_t divisor_override; /* avg pooling only; 0 = none */
} nn_pool_opts;

/* max_pool2d_with_indices on (C, H, W) or (N, C, H, W): *out the maxima, *indices (int64) the flat
   offset h * W + w of each maximum within its plane (NaN wins, first maximum on ties). 0 / -1. */
int nn_max_pool2d(ten_tensor *input, const nn_pool_opts *o, ten_tensor **out, ten_tensor **indices);
/* max_pool2d_with_indices_backward / adaptive_max_pool2d_backward: grad_out scattered (summed) to
   input's shape at the saved indices. Returns: new reference. */
ten_tensor *nn_max_pool2d_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *indices);
/* adaptive_max_pool2d: output (.., oH, oW), bins [floor(i*H/oH), ceil((i+1)*H/oH)). 0 / -1. */
int nn_adaptive_max_pool2d(ten_tensor *input, const int64_t output_size[2], ten_tensor **out, ten_tensor **indices);

/* avg_pool2d on (C, H, W) or (N, C, H, W) (ceil_mode, count_include_pad, divisor_override). */
ten_tensor *nn_avg_pool2d(ten_tensor *input, const nn_pool_opts *o);
ten_tensor *nn_avg_pool2d_backward(ten_tensor *grad_out, ten_tensor *input, const nn_pool_opts *o);
/* _adaptive_avg_pool2d (the kernel; at::adaptive_avg_pool2d's mean() shortcut for 1x1 is the
   caller's). Errors: "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [4, 4]" ... */
ten_tensor *nn_adaptive_avg_pool2d(ten_tensor *input, const int64_t output_size[2]);
ten_tensor *nn_adaptive_avg_pool2d_backward(ten_tensor *grad_out, ten_tensor *input);

/* ---- batch norm (batch_norm.c) ---- */

/* native_batch_norm on (N, C, *): weight/bias/running_mean/running_var (C) or NULL.
   training: normalises with the batch mean and biased variance; running stats (when given) are
   updated in place: r = momentum * stat + (1 - momentum) * r, with the UNBIASED variance;
   *save_mean / *save_invstd receive the batch mean and 1 / sqrt(var + eps) (C).
   eval: running stats normalise (both required: "running_mean must be defined in evaluation mode");
   *save_mean / *save_invstd are empty (0) tensors, as ATen returns them. 0 / -1. */
int nn_batch_norm(ten_tensor *input, ten_tensor *weight, ten_tensor *bias, ten_tensor *running_mean,
                  ten_tensor *running_var, bool training, double momentum, double eps, ten_tensor **out,
                  ten_tensor **save_mean, ten_tensor **save_invstd);
/* native_batch_norm_backward: non-NULL out pointers receive grad_input, grad_weight, grad_bias. */
int nn_batch_norm_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *weight, ten_tensor *running_mean,
                           ten_tensor *running_var, ten_tensor *save_mean, ten_tensor *save_invstd, bool training,
                           double eps, ten_tensor **grad_input, ten_tensor **grad_weight, ten_tensor **grad_bias);

/* ---- embedding (embedding.c) ---- */

/* torch.embedding: weight (V, D) rows gathered by indices (int64/int32, any shape): (*indices, D). */
ten_tensor *nn_embedding(ten_tensor *weight, ten_tensor *indices);
/* embedding_dense_backward: (num_weights, D) zeros plus grad rows at indices (rows equal to
   padding_idx skipped; scale_grad_by_freq divides by each index's count). */
ten_tensor *nn_embedding_backward(ten_tensor *grad, ten_tensor *indices, int64_t num_weights, int64_t padding_idx,
                                  bool scale_grad_by_freq);

/* ---- losses (loss_nll.c, loss.c) ---- */

/* nll_loss on input (C) / (N, C) with target () / (N) (int64), or nll_loss2d on (N, C, H, W) with
   target (N, H, W); weight (C) or NULL. *out: the loss ((N) / (N, H, W) for NONE, else 0-dim),
   *total_weight: the 0-dim sum of the weights of the targets not ignored. Sums in ATen's cascade
   order. "Target 3 is out of bounds." (IndexError) ... 0 / -1. */
int nn_nll_loss(ten_tensor *input, ten_tensor *target, ten_tensor *weight, int reduction, int64_t ignore_index,
                ten_tensor **out, ten_tensor **total_weight);
ten_tensor *nn_nll_loss_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *target, ten_tensor *weight,
                                 int reduction, int64_t ignore_index, ten_tensor *total_weight);

/* mse_loss: (input - target)^2 reduced (inputs broadcast and promoted as a binary op). */
ten_tensor *nn_mse_loss(ten_tensor *input, ten_tensor *target, int reduction);
/* mse_loss_backward: norm * (input - target) * grad, norm = 2 / numel (MEAN) or 2. */
ten_tensor *nn_mse_loss_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *target, int reduction);
/* binary_cross_entropy: -(w) (t log(x) + (1 - t) log(1 - x)), logs clamped to >= -100; input must
   lie in [0, 1] ("all elements of input should be between 0 and 1"). weight NULL or broadcastable. */
ten_tensor *nn_binary_cross_entropy(ten_tensor *input, ten_tensor *target, ten_tensor *weight, int reduction);
ten_tensor *nn_binary_cross_entropy_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *target,
                                             ten_tensor *weight, int reduction);
/* d/dtarget: -logit(input) * grad (* weight) (/ numel). */
ten_tensor *nn_binary_cross_entropy_target_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *target,
                                                    ten_tensor *weight, int reduction);
/* binary_cross_entropy_with_logits (1.13's max_val formulation); weight, pos_weight NULL or
   broadcastable. */
ten_tensor *nn_binary_cross_entropy_with_logits(ten_tensor *input, ten_tensor *target, ten_tensor *weight,
                                                ten_tensor *pos_weight, int reduction);
ten_tensor *nn_binary_cross_entropy_with_logits_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *target,
                                                         ten_tensor *weight, ten_tensor *pos_weight, int reduction);
ten_tensor *nn_binary_cross_entropy_with_logits_target_backward(ten_tensor *grad_out, ten_tensor *input,
                                                                ten_tensor *target, ten_tensor *weight,
                                                                ten_tensor *pos_weight, int reduction);
/* log_sigmoid(x) = min(x, 0) - log1p(exp(-|x|)) (float tensors). */
ten_tensor *nn_log_sigmoid(ten_tensor *x);

/* ---- one_hot (one_hot.c) ---- */

/* at::one_hot: int64 (*t.shape, num_classes) with ones at t's values; num_classes -1 = max + 1.
   "Class values must be non-negative." ... */
ten_tensor *nn_one_hot(ten_tensor *t, int64_t num_classes);

/* ---- padding (pad.c) ---- */

/* constant_pad_nd: pad = (last_lo, last_hi, prev_lo, prev_hi, ...) (npad even, <= 2 ndim);
   negative entries crop. Returns: new reference (always a fresh tensor). */
ten_tensor *nn_constant_pad_nd(ten_tensor *input, const int64_t *pad, int npad, ten_scalar value);

#ifdef __cplusplus
}
#endif
#endif /* CT_NN_NN_H */
