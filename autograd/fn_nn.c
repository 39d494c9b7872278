/*
** autograd/fn_nn.c — the nn ops: recording wrappers over the nn/ kernels with PyTorch 1.13's node
** names and saved tensors (ConvolutionBackward0, MaxPool2DWithIndicesBackward0, AvgPool2DBackward0,
** AdaptiveAvgPool2DBackward0, AdaptiveMaxPool2DBackward0, NativeBatchNormBackward0,
** EmbeddingBackward0, NllLossBackward0 / NllLoss2DBackward0, MseLossBackward0,
** BinaryCrossEntropyBackward0, BinaryCrossEntropyWithLogitsBackward0, ConstantPadNdBackward0), and the
** ops ATen composes from others, composed the same way so the graph shows the same nodes: conv on
** unbatched input, padding='same', nll_loss_nd's views, cross_entropy (log_softmax + nll_loss, label
** smoothing, class-probability targets), l1_loss, dropout, linear.
** Backward formulas call the nn/ backward kernels (derivatives.yaml's *_backward functions). Those
** kernels are not themselves differentiated: under create_graph the gradients they return carry a
** node that refuses a second differentiation (NotImplementedError) rather than a silent zero.
*/
#include <math.h>
#include <string.h>

#include "autograd/internal.h"
#include "nn/nn.h"

/* ---- shared helpers ---- */

/* Unpacks saved slots 0..k-1 (NULL entries for empty slots). 0 / -1 (all released on error). */
static int unpack_all(ag_node *n, ten_tensor **sv, int k) {
  for (int i = 0; i < k; i++) {
    ten_error_clear();
    sv[i] = ag_unpack(n, i);
    if (!sv[i] && ten_error_kind()) {
      ag_release_all(sv, i);
      return -1;
    }
  }
  return 0;
}

static int no_higher_order(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  (void)gout;
  (void)gin;
  return ten_error_set(TEN_E_NOTIMPL, "ctorch: the derivative of %s (double backward) is not implemented", n->name);
}

/* Under create_graph, when something the kernel read requires grad: the computed gradients get a
   node `name` that errors if differentiated again. On failure the gradients are released. */
static int guard_higher_order(const char *name, ten_tensor **gin, int k, ten_tensor *const *ins, int nin) {
  if (!ag_needs_any(ins, nin)) return 0;
  ten_tensor *outs[4];
  int idx[4], m = 0;
  for (int i = 0; i < k && m < 4; i++)
    if (gin[i]) {
      idx[m] = i;
      outs[m++] = gin[i];
    }
  if (m == 0) return 0;
  ag_node *n = ag_record_multi(outs, m, name, no_higher_order, ins, nin, 0);
  for (int j = 0; j < m; j++) gin[idx[j]] = outs[j];
  return n ? 0 : -1;
}

/* MulBackward1 / DivBackward1: tensor op Scalar as ATen's C++ composites write it (s[0] = scalar). */
static int mul1_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  gin[0] = ag_mul_scalar(gout[0], ten_scalar_float(n->s[0]));
  return gin[0] ? 0 : -1;
}
static int div1_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *w = ten_wrap_scalar(ten_scalar_float(n->s[0]));
  gin[0] = w ? ag_div(gout[0], w) : NULL;
  ten_release(w);
  return gin[0] ? 0 : -1;
}

/* t * s (MulBackward1) and t / s (DivBackward1) with a C++ double / int64 Scalar. */
static ten_tensor *mul_scalar1(ten_tensor *t, ten_scalar s) {
  if (!t) return NULL;
  ten_tensor *y = ten_mul_scalar(t, s);
  if (y && ag_needs(t)) {
    ag_node *n = ag_record(&y, "MulBackward1", mul1_backward, &t, 1, 0);
    if (n) n->s[0] = ten_scalar_to_double(s);
  }
  return y;
}
static ten_tensor *div_scalar1(ten_tensor *t, ten_scalar s) {
  if (!t) return NULL;
  ten_tensor *w = ten_wrap_scalar(s);
  ten_tensor *y = w ? ten_div(t, w) : NULL;
  ten_release(w);
  if (y && ag_needs(t)) {
    ag_node *n = ag_record(&y, "DivBackward1", div1_backward, &t, 1, 0);
    if (n) n->s[0] = ten_scalar_to_double(s);
  }
  return y;
}

/* ---- convolution ---- */

static void conv_store(ag_node *n, const nn_conv_opts *o) {
  n->p[0] = o->nspatial;
  for (int i = 0; i < 2; i++) {
    n->p[1 + i] = o->stride[i];
    n->p[3 + i] = o->padding[i];
    n->p[5 + i] = o->dilation[i];
  }
  n->p[7] = o->groups;
  n->np = 8;
}

static nn_conv_opts conv_load(const ag_node *n) {
  nn_conv_opts o;
  o.nspatial = (int)n->p[0];
  for (int i = 0; i < 2; i++) {
    o.stride[i] = n->p[1 + i];
    o.padding[i] = n->p[3 + i];
    o.dilation[i] = n->p[5 + i];
  }
  o.groups = n->p[7];
  return o;
}

/* ConvolutionBackward0: edges input, weight, bias; saved 0 = input, 1 = weight. */
static int conv_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[2];
  if (unpack_all(n, sv, 2)) return -1;
  nn_conv_opts o = conv_load(n);
  bool c0 = ag_should_compute(n, 0), c1 = ag_should_compute(n, 1), c2 = ag_should_compute(n, 2);
  int rc = nn_conv_backward(gout[0], sv[0], sv[1], &o, c0 ? &gin[0] : NULL, c1 ? &gin[1] : NULL, c2 ? &gin[2] : NULL);
  ten_tensor *ins[3] = {gout[0], sv[0], sv[1]};
  if (rc == 0) rc = guard_higher_order("ConvolutionBackwardBackward0", gin, 3, ins, 3);
  ag_release_all(sv, 2);
  return rc;
}

/* at::convolution on a batched input. */
static ten_tensor *convolution(ten_tensor *x, ten_tensor *w, ten_tensor *b, const nn_conv_opts *o) {
  ten_tensor *y = nn_conv(x, w, b, o);
  ten_tensor *ins[3] = {x, w, b};
  if (!y || !ag_needs_any(ins, 3)) return y;
  ag_node *n = ag_record(&y, "ConvolutionBackward0", conv_backward, ins, 3, 2);
  if (!n) return NULL;
  conv_store(n, o);
  ag_save(n, 0, x, false);
  ag_save(n, 1, w, false);
  return y;
}

/* batchify: (C, *) inputs get a batch dim (UnsqueezeBackward0). *batched false: unbatched. */
static ten_tensor *batchify(ten_tensor *input, int ns, bool *batched) {
  if (input->ndim != ns + 1 && input->ndim != ns + 2) {
    char b[128];
    ten_format_shape(input->shape, input->ndim, b, sizeof b);
    ten_error_set(TEN_E_RUNTIME, "Expected %dD (unbatched) or %dD (batched) input to conv%dd, but got input of size: %s",
                  ns + 1, ns + 2, ns, b);
    return NULL;
  }
  *batched = input->ndim == ns + 2;
  if (*batched) {
    ten_retain(input);
    return input;
  }
  return ag_unsqueeze(input, 0);
}

static ten_tensor *unbatchify(ten_tensor *y, bool batched) {
  if (!y || batched) return y;
  ten_tensor *s = ag_squeeze_dim(y, 0);   /* SqueezeBackward1 */
  ten_release(y);
  return s;
}

ten_tensor *ag_conv2d(ten_tensor *input, ten_tensor *weight, ten_tensor *bias, const nn_conv_opts *o) {
  bool batched;
  ten_tensor *x = batchify(input, o->nspatial == 1 ? 1 : 2, &batched);
  if (!x) return NULL;
  ten_tensor *y = convolution(x, weight, bias, o);
  ten_release(x);
  return unbatchify(y, batched);
}

ten_tensor *ag_conv2d_same(ten_tensor *input, ten_tensor *weight, ten_tensor *bias, const nn_conv_opts *o) {
  int ns = o->nspatial == 1 ? 1 : 2;
  bool batched;
  ten_tensor *x = batchify(input, ns, &batched);
  if (!x) return NULL;
  char a[128], b[128];
  if (weight->ndim != x->ndim) {
    ten_format_shape(weight->shape, weight->ndim, a, sizeof a);
    ten_format_shape(x->shape, x->ndim, b, sizeof b);
    ten_error_set(TEN_E_RUNTIME, "Expected %d-dimensional input for %d-dimensional weight%s, but got %d-dimensional input of size %s instead",
                  weight->ndim, weight->ndim, a, x->ndim, b);
    ten_release(x);
    return NULL;
  }
  for (int i = 0; i < ns; i++)
    if (o->stride[i] != 1) {
      ten_error_set(TEN_E_RUNTIME, "padding='same' is not supported for strided convolutions");
      ten_release(x);
      return NULL;
    }
  /* pooling_same_mode_padding_lr: total d*(k-1), left half (rounded down) */
  nn_conv_opts so = *o;
  int64_t pad_nd[4] = {0, 0, 0, 0}, pl[2], pr[2];
  bool symmetric = true;
  for (int i = 0; i < ns; i++) {
    int64_t total = o->dilation[i] * (weight->shape[2 + i] - 1);
    pl[i] = total / 2;
    pr[i] = total - pl[i];
    if (pl[i] != pr[i]) symmetric = false;
  }
  ten_tensor *xp = x;
  if (!symmetric) {
    for (int i = 0; i < ns; i++) {
      int64_t delta = pr[i] - pl[i];
      int pi = 2 * (ns - 1 - i);
      if (delta > 0) pad_nd[pi + 1] = delta;
      else {
        pad_nd[pi] = delta;
        pl[i] = pr[i];
      }
    }
    xp = ag_constant_pad_nd(x, pad_nd, 2 * ns, ten_scalar_int(0));
    ten_release(x);
    if (!xp) return NULL;
  }
  for (int i = 0; i < ns; i++) so.padding[i] = pl[i];
  ten_tensor *y = convolution(xp, weight, bias, &so);
  ten_release(xp);
  return unbatchify(y, batched);
}

/* ---- pooling ---- */

static void pool_store(ag_node *n, const nn_pool_opts *o) {
  for (int i = 0; i < 2; i++) {
    n->p[i] = o->kernel[i];
    n->p[2 + i] = o->stride[i];
    n->p[4 + i] = o->padding[i];
    n->p[6 + i] = o->dilation[i];
  }
  n->p[8] = o->ceil_mode;
  n->p[9] = o->count_include_pad;
  n->p[10] = o->divisor_override;
  n->np = 11;
}

static nn_pool_opts pool_load(const ag_node *n) {
  nn_pool_opts o;
  for (int i = 0; i < 2; i++) {
    o.kernel[i] = n->p[i];
    o.stride[i] = n->p[2 + i];
    o.padding[i] = n->p[4 + i];
    o.dilation[i] = n->p[6 + i];
  }
  o.ceil_mode = n->p[8] != 0;
  o.count_include_pad = n->p[9] != 0;
  o.divisor_override = n->p[10];
  return o;
}

/* MaxPool2DWithIndicesBackward0 / AdaptiveMaxPool2DBackward0: saved 0 = self, 1 = indices. */
static int max_pool_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[2];
  if (unpack_all(n, sv, 2)) return -1;
  int rc = -1;
  if ((gin[0] = nn_max_pool2d_backward(gout[0], sv[0], sv[1]))) {
    ten_tensor *ins[2] = {gout[0], sv[0]};
    rc = guard_higher_order(n->flags ? "AdaptiveMaxPool2DBackwardBackward0" : "MaxPool2DWithIndicesBackwardBackward0",
                            gin, 1, ins, 2);
  }
  ag_release_all(sv, 2);
  return rc;
}

static int record_max(ten_tensor *input, const char *name, int adaptive, const nn_pool_opts *o, ten_tensor **out,
                      ten_tensor **indices) {
  if (!ag_needs(input)) return 0;
  ag_node *n = ag_record(out, name, max_pool_backward, &input, 1, 2);
  if (!n) {
    ten_release(*indices);
    *indices = NULL;
    return -1;
  }
  n->flags = adaptive;
  if (o) pool_store(n, o);
  ag_save(n, 0, input, false);
  ag_save(n, 1, *indices, false);
  return 0;
}

int ag_max_pool2d_with_indices(ten_tensor *input, const nn_pool_opts *o, ten_tensor **out, ten_tensor **indices) {
  if (nn_max_pool2d(input, o, out, indices)) return -1;
  return record_max(input, "MaxPool2DWithIndicesBackward0", 0, o, out, indices);
}

int ag_adaptive_max_pool2d(ten_tensor *input, const int64_t output_size[2], ten_tensor **out, ten_tensor **indices) {
  if (nn_adaptive_max_pool2d(input, output_size, out, indices)) return -1;
  return record_max(input, "AdaptiveMaxPool2DBackward0", 1, NULL, out, indices);
}

/* AvgPool2DBackward0: saved 0 = self; the options in p. */
static int avg_pool_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *self;
  if (unpack_all(n, &self, 1)) return -1;
  nn_pool_opts o = pool_load(n);
  int rc = -1;
  if ((gin[0] = nn_avg_pool2d_backward(gout[0], self, &o))) {
    ten_tensor *ins[2] = {gout[0], self};
    rc = guard_higher_order("AvgPool2DBackwardBackward0", gin, 1, ins, 2);
  }
  ten_release(self);
  return rc;
}

ten_tensor *ag_avg_pool2d(ten_tensor *input, const nn_pool_opts *o) {
  ten_tensor *y = nn_avg_pool2d(input, o);
  if (!y || !ag_needs(input)) return y;
  ag_node *n = ag_record(&y, "AvgPool2DBackward0", avg_pool_backward, &input, 1, 1);
  if (!n) return NULL;
  pool_store(n, o);
  ag_save(n, 0, input, false);
  return y;
}

/* AdaptiveAvgPool2DBackward0: saved 0 = self. */
static int adaptive_avg_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *self;
  if (unpack_all(n, &self, 1)) return -1;
  int rc = -1;
  if ((gin[0] = nn_adaptive_avg_pool2d_backward(gout[0], self))) {
    ten_tensor *ins[2] = {gout[0], self};
    rc = guard_higher_order("AdaptiveAvgPool2DBackwardBackward0", gin, 1, ins, 2);
  }
  ten_release(self);
  return rc;
}

ten_tensor *ag_adaptive_avg_pool2d(ten_tensor *input, const int64_t output_size[2]) {
  if (output_size[0] < 0 || output_size[1] < 0) {
    ten_error_set(TEN_E_RUNTIME,
                  "adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {%lld, %lld}",
                  (long long)output_size[0], (long long)output_size[1]);
    return NULL;
  }
  if (output_size[0] == 1 && output_size[1] == 1) {   /* at::adaptive_avg_pool2d: a mean over H, W */
    int64_t dims[2] = {-1, -2};
    return ag_mean(input, dims, 2, true, TEN_DTYPE_UNSET);
  }
  ten_tensor *y = nn_adaptive_avg_pool2d(input, output_size);
  if (!y || !ag_needs(input)) return y;
  ag_node *n = ag_record(&y, "AdaptiveAvgPool2DBackward0", adaptive_avg_backward, &input, 1, 1);
  if (n) ag_save(n, 0, input, false);
  return y;
}

/* ---- batch norm ---- */

/* NativeBatchNormBackward0: edges input, weight, bias; saved input, weight, running_mean,
   running_var, save_mean, save_invstd; flags = training; s[0] = eps. */
static int batch_norm_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[6];
  if (unpack_all(n, sv, 6)) return -1;
  bool c0 = ag_should_compute(n, 0), c1 = ag_should_compute(n, 1), c2 = ag_should_compute(n, 2);
  int rc = nn_batch_norm_backward(gout[0], sv[0], sv[1], sv[2], sv[3], sv[4], sv[5], n->flags != 0, n->s[0],
                                  c0 ? &gin[0] : NULL, c1 ? &gin[1] : NULL, c2 ? &gin[2] : NULL);
  ten_tensor *ins[3] = {gout[0], sv[0], sv[1]};
  if (rc == 0) rc = guard_higher_order("NativeBatchNormBackwardBackward0", gin, 3, ins, 3);
  ag_release_all(sv, 6);
  return rc;
}

ten_tensor *ag_batch_norm(ten_tensor *input, ten_tensor *weight, ten_tensor *bias, ten_tensor *running_mean,
                          ten_tensor *running_var, bool training, double momentum, double eps) {
  if (ten_numel(input) == 0) {
    /* at::batch_norm on an empty input: a clone (times weight[0], plus bias[0]) keeps the graph */
    ten_tensor *out = ag_clone(input);
    if (out && weight) {
      ten_tensor *w0 = ag_select(weight, 0, 0), *r = w0 ? ag_mul(out, w0) : NULL;
      ten_release(w0);
      ten_release(out);
      out = r;
    }
    if (out && bias) {
      ten_tensor *b0 = ag_select(bias, 0, 0), *r = b0 ? ag_add(out, b0) : NULL;
      ten_release(b0);
      ten_release(out);
      out = r;
    }
    return out;
  }
  ten_tensor *y, *sm, *si;
  if (nn_batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps, &y, &sm, &si)) return NULL;
  ten_tensor *ins[3] = {input, weight, bias};
  if (ag_needs_any(ins, 3)) {
    ag_node *n = ag_record(&y, "NativeBatchNormBackward0", batch_norm_backward, ins, 3, 6);
    if (n) {
      n->flags = training;
      n->s[0] = eps;
      ag_save(n, 0, input, false);
      ag_save(n, 1, weight, false);
      ag_save(n, 2, running_mean, false);
      ag_save(n, 3, running_var, false);
      ag_save(n, 4, sm, false);
      ag_save(n, 5, si, false);
    }
  }
  ten_release(sm);
  ten_release(si);
  return y;
}

/* ---- embedding ---- */

/* EmbeddingBackward0: edge weight; saved 0 = indices; p[0] = num_weights, p[1] = padding_idx,
   flags bit 0 = scale_grad_by_freq. */
static int embedding_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *idx;
  if (unpack_all(n, &idx, 1)) return -1;
  int rc = -1;
  if ((gin[0] = nn_embedding_backward(gout[0], idx, n->p[0], n->p[1], (n->flags & 1) != 0))) {
    ten_tensor *ins[1] = {gout[0]};
    rc = guard_higher_order("EmbeddingBackwardBackward0", gin, 1, ins, 1);
  }
  ten_release(idx);
  return rc;
}

ten_tensor *ag_embedding(ten_tensor *weight, ten_tensor *indices, int64_t padding_idx, bool scale_grad_by_freq,
                         bool sparse) {
  ten_tensor *y = nn_embedding(weight, indices);
  if (!y || !ag_needs(weight)) return y;
  ag_node *n = ag_record(&y, "EmbeddingBackward0", embedding_backward, &weight, 1, 1);
  if (!n) return NULL;
  n->p[0] = weight->shape[0];
  n->p[1] = padding_idx;
  n->np = 2;
  n->flags = (scale_grad_by_freq ? 1 : 0) | (sparse ? 2 : 0);
  ag_save(n, 0, indices, false);
  return y;
}

/* ---- losses ---- */

/* NllLossBackward0 / NllLoss2DBackward0: edge self; saved self, target, weight, total_weight;
   p[0] = reduction, p[1] = ignore_index. */
static int nll_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[4];
  if (unpack_all(n, sv, 4)) return -1;
  int rc = -1;
  if ((gin[0] = nn_nll_loss_backward(gout[0], sv[0], sv[1], sv[2], (int)n->p[0], n->p[1], sv[3]))) {
    ten_tensor *ins[1] = {gout[0]};
    rc = guard_higher_order(n->flags ? "NllLoss2DBackwardBackward0" : "NllLossBackwardBackward0", gin, 1, ins, 1);
  }
  ag_release_all(sv, 4);
  return rc;
}

static ten_tensor *nll_loss_node(ten_tensor *input, ten_tensor *target, ten_tensor *weight, int reduction, int64_t ignore) {
  ten_tensor *out, *tw;
  if (nn_nll_loss(input, target, weight, reduction, ignore, &out, &tw)) return NULL;
  if (ag_needs(input)) {
    bool is2d = input->ndim == 4;
    ag_node *n = ag_record(&out, is2d ? "NllLoss2DBackward0" : "NllLossBackward0", nll_backward, &input, 1, 4);
    if (n) {
      n->flags = is2d;
      n->p[0] = reduction;
      n->p[1] = ignore;
      n->np = 2;
      ag_save(n, 0, input, false);
      ag_save(n, 1, target, false);
      ag_save(n, 2, weight, false);
      ag_save(n, 3, tw, false);
    }
  }
  ten_release(tw);
  return out;
}

/* nll_loss_nd: 1-D / 2-D -> nll_loss, 4-D -> nll_loss2d, others viewed as (N, C, 1, -1). */
ten_tensor *ag_nll_loss(ten_tensor *input, ten_tensor *target, ten_tensor *weight, int reduction, int64_t ignore_index) {
  char a[128], b[128];
  if (input->ndim < 1) {
    ten_error_set(TEN_E_VALUE, "Expected 1 or more dimensions (got %d)", input->ndim);
    return NULL;
  }
  int64_t tb = target->ndim ? target->shape[0] : 1;
  if (input->ndim != 1 && input->shape[0] != tb) {
    ten_error_set(TEN_E_VALUE, "Expected input batch_size (%lld) to match target batch_size (%lld).",
                  (long long)input->shape[0], (long long)tb);
    return NULL;
  }
  if (input->ndim <= 2 || input->ndim == 4) return nll_loss_node(input, target, weight, reduction, ignore_index);
  int64_t N = input->shape[0], C = input->shape[1], out_size[TEN_MAX_DIMS];
  int no = input->ndim - 1;
  out_size[0] = N;
  for (int i = 2; i < input->ndim; i++) out_size[i - 1] = input->shape[i];
  bool same = target->ndim == no;
  for (int i = 1; same && i < no; i++) same = target->shape[i] == out_size[i];
  if (!same) {
    ten_format_shape(out_size, no, a, sizeof a);
    ten_format_shape(target->shape, target->ndim, b, sizeof b);
    ten_error_set(TEN_E_RUNTIME, "Expected target size %s, got %s", a, b);
    return NULL;
  }
  ag_pool p = {0};
  ten_tensor *x = ag_p(&p, ag_contiguous(input)), *t = x ? ag_p(&p, ten_contiguous(target)) : NULL, *r = NULL;
  if (t) {
    bool empty = ten_numel(x) == 0;
    int64_t xs[4] = {N, C, empty ? 0 : 1, empty ? 0 : -1}, ts[3] = {N, empty ? 0 : 1, empty ? 0 : -1};
    ten_tensor *xv = ag_p(&p, ag_view(x, xs, 4)), *tv = xv ? ag_p(&p, ten_view(t, ts, 3)) : NULL;
    ten_tensor *o = tv ? ag_p(&p, nll_loss_node(xv, tv, weight, reduction, ignore_index)) : NULL;
    r = o && reduction == NN_REDUCTION_NONE ? ag_p(&p, ag_view(o, out_size, no)) : o;
  }
  r = ag_pool_keep(&p, r);
  ag_pool_free(&p);
  return r;
}

/* cross_entropy_loss_prob_target (1.13): -(log_softmax * target [* weight]).sum() / (numel / C). */
static ten_tensor *cross_entropy_probs(ten_tensor *self, ten_tensor *target, ten_tensor *weight, int reduction,
                                       double label_smoothing) {
  int class_dim = self->ndim == 1 ? 0 : 1;
  int64_t C = self->shape[class_dim];
  if (weight && (weight->ndim != 1 || ten_numel(weight) != C)) {
    char b[128];
    ten_format_shape(weight->shape, weight->ndim, b, sizeof b);
    ten_error_set(TEN_E_RUNTIME,
                  "cross_entropy: weight tensor should be defined either for all %lld classes or no classes but got weight tensor of shape: %s",
                  (long long)C, b);
    return NULL;
  }
  ag_pool p = {0};
  ten_tensor *input = ag_p(&p, ag_log_softmax(self, class_dim, self->dtype)), *tgt = target, *r = NULL;
  if (input && label_smoothing > 0.0) {
    if (label_smoothing > 1.0) {
      ten_error_set(TEN_E_RUNTIME, "label_smoothing must be between 0.0 and 1.0. Got: %g", label_smoothing);
      ag_pool_free(&p);
      return NULL;
    }
    /* target_ * (1 - label_smoothing) + (label_smoothing / n_classes) */
    ten_tensor *m = ag_p(&p, mul_scalar1(target, ten_scalar_float(1 - label_smoothing)));
    tgt = m ? ag_p(&p, ag_add_scalar(m, ten_scalar_float(label_smoothing / (double)C))) : NULL;
  }
  ten_tensor *prod = input && tgt ? ag_p(&p, ag_mul(input, tgt)) : NULL;
  if (prod && weight) {
    int64_t ws[TEN_MAX_DIMS];
    for (int i = 0; i < input->ndim; i++) ws[i] = 1;
    ws[class_dim] = C;
    ten_tensor *wv = ag_p(&p, ag_view(weight, ws, input->ndim));
    prod = wv ? ag_p(&p, ag_mul(prod, wv)) : NULL;
  }
  if (prod) {
    if (reduction == NN_REDUCTION_NONE) {
      int64_t d = class_dim;
      ten_tensor *s = ag_p(&p, ag_sum(prod, &d, 1, false, TEN_DTYPE_UNSET));
      r = s ? ag_p(&p, ag_unary(TEN_UNOP_NEG, s)) : NULL;
    } else {
      ten_tensor *s = ag_p(&p, ag_sum(prod, NULL, 0, false, TEN_DTYPE_UNSET));
      ten_tensor *ng = s ? ag_p(&p, ag_unary(TEN_UNOP_NEG, s)) : NULL;
      if (ng && reduction == NN_REDUCTION_MEAN) {
        if (ten_numel(input) == 0) r = ten_fill_(ng, ten_scalar_float(NAN)) == 0 ? ng : NULL;
        else r = ag_p(&p, div_scalar1(ng, ten_scalar_int(ten_numel(input) / C)));
      } else {
        r = ng;
      }
    }
  }
  r = ag_pool_keep(&p, r);
  ag_pool_free(&p);
  return r;
}

/* cross_entropy_loss_label_smoothing (1.13). */
static ten_tensor *cross_entropy_smooth(ten_tensor *self, ten_tensor *target, ten_tensor *weight, int reduction,
                                        int64_t ignore_index, double label_smoothing) {
  int class_dim = self->ndim == 1 ? 0 : 1;
  ag_pool p = {0};
  ten_tensor *input = ag_p(&p, ag_log_softmax(self, class_dim, self->dtype));
  ten_tensor *nll = input ? ag_p(&p, ag_nll_loss(input, target, weight, reduction, ignore_index)) : NULL;
  ten_tensor *r = NULL;
  if (!nll) goto done;
  int64_t C = input->shape[class_dim], cd = class_dim;
  ten_tensor *smooth;
  if (weight) {
    int64_t ws[TEN_MAX_DIMS];
    for (int i = 0; i < input->ndim; i++) ws[i] = 1;
    ws[class_dim] = ten_numel(weight);
    ten_tensor *wv = ag_p(&p, ag_view(weight, ws, input->ndim));
    ten_tensor *m = wv ? ag_p(&p, ag_mul(input, wv)) : NULL;
    ten_tensor *s = m ? ag_p(&p, ag_sum(m, &cd, 1, false, TEN_DTYPE_UNSET)) : NULL;
    smooth = s ? ag_p(&p, ag_unary(TEN_UNOP_NEG, s)) : NULL;
  } else {
    ten_tensor *s = ag_p(&p, ag_sum(input, &cd, 1, false, TEN_DTYPE_UNSET));
    smooth = s ? ag_p(&p, ag_unary(TEN_UNOP_NEG, s)) : NULL;
  }
  if (!smooth) goto done;
  /* ignore_mask = target == ignore_index; smooth_loss.index_put_({ignore_mask}, 0.0) */
  ten_tensor *iw = ag_p(&p, ten_wrap_scalar(ten_scalar_int(ignore_index)));
  ten_tensor *mask = iw ? ag_p(&p, ten_binary(TEN_BINOP_EQ, target, iw, ten_scalar_int(1))) : NULL;
  ten_tensor *zero = mask ? ag_p(&p, ten_scalar_tensor(ten_scalar_float(0.0), smooth->dtype, TEN_CPU)) : NULL;
  if (!zero) goto done;
  ten_index ix = {.kind = TEN_INDEX_TENSOR, .tensor = mask};
  if (ag_index_put(smooth, &ix, 1, zero)) goto done;
  ten_tensor *ret = NULL;
  if (reduction == NN_REDUCTION_MEAN) {
    ten_tensor *keep = ag_p(&p, ten_unary(TEN_UNOP_LOGICAL_NOT, mask));
    if (!keep) goto done;
    if (weight) {
      /* smooth_loss.sum() / weight.gather(0, target.masked_select(~ignore_mask).flatten()).sum() */
      ten_tensor *s = ag_p(&p, ag_sum(smooth, NULL, 0, false, TEN_DTYPE_UNSET));
      ten_tensor *ts = ag_p(&p, ten_masked_select(target, keep));
      ten_tensor *tf = ts ? ag_p(&p, ten_flatten(ts, 0, -1)) : NULL;
      ten_tensor *g = tf ? ag_p(&p, ag_gather(weight, 0, tf)) : NULL;
      ten_tensor *gs = g ? ag_p(&p, ag_sum(g, NULL, 0, false, TEN_DTYPE_UNSET)) : NULL;
      ret = s && gs ? ag_p(&p, ag_div(s, gs)) : NULL;
    } else {
      ten_tensor *ms = ag_p(&p, ag_masked_select(smooth, keep));
      ret = ms ? ag_p(&p, ag_mean(ms, NULL, 0, false, TEN_DTYPE_UNSET)) : NULL;
    }
  } else if (reduction == NN_REDUCTION_SUM) {
    ret = ag_p(&p, ag_sum(smooth, NULL, 0, false, TEN_DTYPE_UNSET));
  } else {
    ret = smooth;
  }
  /* (1 - label_smoothing) * nllloss + ret * (label_smoothing / n_classes) */
  ten_tensor *l = ag_p(&p, mul_scalar1(nll, ten_scalar_float(1 - label_smoothing)));
  ten_tensor *rr = ret ? ag_p(&p, mul_scalar1(ret, ten_scalar_float(label_smoothing / (double)C))) : NULL;
  r = l && rr ? ag_p(&p, ag_add(l, rr)) : NULL;
done:
  r = ag_pool_keep(&p, r);
  ag_pool_free(&p);
  return r;
}

static bool same_shape(const ten_tensor *a, const ten_tensor *b) {
  if (a->ndim != b->ndim) return false;
  for (int i = 0; i < a->ndim; i++)
    if (a->shape[i] != b->shape[i]) return false;
  return true;
}

ten_tensor *ag_cross_entropy(ten_tensor *input, ten_tensor *target, ten_tensor *weight, int reduction,
                             int64_t ignore_index, double label_smoothing) {
  if (same_shape(input, target)) {
    if (!ten_dtype_is_float(target->dtype)) {
      ten_error_set(TEN_E_RUNTIME, "Expected floating point type for target with class probabilities, got %s",
                    ten_dtype_scalar_name(target->dtype));
      return NULL;
    }
    if (ignore_index >= 0) {
      ten_error_set(TEN_E_RUNTIME, "ignore_index is not supported for floating point target");
      return NULL;
    }
    return cross_entropy_probs(input, target, weight, reduction, label_smoothing);
  }
  if (label_smoothing > 0.0) {
    if (label_smoothing > 1.0) {
      ten_error_set(TEN_E_RUNTIME, "label_smoothing must be between 0.0 and 1.0. Got: %g", label_smoothing);
      return NULL;
    }
    return cross_entropy_smooth(input, target, weight, reduction, ignore_index, label_smoothing);
  }
  ten_tensor *ls = ag_log_softmax(input, input->ndim == 1 ? 0 : 1, input->dtype);
  ten_tensor *r = ls ? ag_nll_loss(ls, target, weight, reduction, ignore_index) : NULL;
  ten_release(ls);
  return r;
}

/* MseLossBackward0: edges self, target; saved self, target; p[0] = reduction. */
static int mse_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[2];
  if (unpack_all(n, sv, 2)) return -1;
  int red = (int)n->p[0], rc = 0;
  if (ag_should_compute(n, 0) && !(gin[0] = nn_mse_loss_backward(gout[0], sv[0], sv[1], red))) rc = -1;
  if (rc == 0 && ag_should_compute(n, 1) && !(gin[1] = nn_mse_loss_backward(gout[0], sv[1], sv[0], red))) rc = -1;
  ten_tensor *ins[3] = {gout[0], sv[0], sv[1]};
  if (rc == 0) rc = guard_higher_order("MseLossBackwardBackward0", gin, 2, ins, 3);
  ag_release_all(sv, 2);
  return rc;
}

ten_tensor *ag_mse_loss(ten_tensor *input, ten_tensor *target, int reduction) {
  ten_tensor *y = nn_mse_loss(input, target, reduction);
  ten_tensor *ins[2] = {input, target};
  if (!y || !ag_needs_any(ins, 2)) return y;
  ag_node *n = ag_record(&y, "MseLossBackward0", mse_backward, ins, 2, 2);
  if (!n) return NULL;
  n->p[0] = reduction;
  n->np = 1;
  ag_save(n, 0, input, false);
  ag_save(n, 1, target, false);
  return y;
}

/* at::l1_loss (1.13, composite): (input - target).abs() reduced. */
ten_tensor *ag_l1_loss(ten_tensor *input, ten_tensor *target, int reduction) {
  ten_tensor *d = ag_sub(input, target), *a = d ? ag_unary(TEN_UNOP_ABS, d) : NULL, *r = a;
  ten_release(d);
  if (a && reduction == NN_REDUCTION_MEAN) r = ag_mean(a, NULL, 0, false, TEN_DTYPE_UNSET);
  else if (a && reduction == NN_REDUCTION_SUM) r = ag_sum(a, NULL, 0, false, TEN_DTYPE_UNSET);
  if (r != a) ten_release(a);
  return r;
}

/* BinaryCrossEntropyBackward0: edges self, target; saved self, target, weight; p[0] = reduction. */
static int bce_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[3];
  if (unpack_all(n, sv, 3)) return -1;
  int red = (int)n->p[0], rc = 0;
  if (ag_should_compute(n, 0) && !(gin[0] = nn_binary_cross_entropy_backward(gout[0], sv[0], sv[1], sv[2], red))) rc = -1;
  if (rc == 0 && ag_should_compute(n, 1) &&
      !(gin[1] = nn_binary_cross_entropy_target_backward(gout[0], sv[0], sv[1], sv[2], red)))
    rc = -1;
  ten_tensor *ins[4] = {gout[0], sv[0], sv[1], sv[2]};
  if (rc == 0) rc = guard_higher_order("BinaryCrossEntropyBackwardBackward0", gin, 2, ins, 4);
  ag_release_all(sv, 3);
  return rc;
}

ten_tensor *ag_binary_cross_entropy(ten_tensor *input, ten_tensor *target, ten_tensor *weight, int reduction) {
  ten_tensor *y = nn_binary_cross_entropy(input, target, weight, reduction);
  ten_tensor *ins[2] = {input, target};
  if (!y || !ag_needs_any(ins, 2)) return y;
  ag_node *n = ag_record(&y, "BinaryCrossEntropyBackward0", bce_backward, ins, 2, 3);
  if (!n) return NULL;
  n->p[0] = reduction;
  n->np = 1;
  ag_save(n, 0, input, false);
  ag_save(n, 1, target, false);
  ag_save(n, 2, weight, false);
  return y;
}

/* BinaryCrossEntropyWithLogitsBackward0: edges self, target; saved self, target, weight, pos_weight. */
static int bce_logits_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *sv[4];
  if (unpack_all(n, sv, 4)) return -1;
  int red = (int)n->p[0], rc = 0;
  if (ag_should_compute(n, 0) &&
      !(gin[0] = nn_binary_cross_entropy_with_logits_backward(gout[0], sv[0], sv[1], sv[2], sv[3], red)))
    rc = -1;
  if (rc == 0 && ag_should_compute(n, 1) &&
      !(gin[1] = nn_binary_cross_entropy_with_logits_target_backward(gout[0], sv[0], sv[1], sv[2], sv[3], red)))
    rc = -1;
  ten_tensor *ins[5] = {gout[0], sv[0], sv[1], sv[2], sv[3]};
  if (rc == 0) rc = guard_higher_order("BinaryCrossEntropyWithLogitsBackwardBackward0", gin, 2, ins, 5);
  ag_release_all(sv, 4);
  return rc;
}

ten_tensor *ag_binary_cross_entropy_with_logits(ten_tensor *input, ten_tensor *target, ten_tensor *weight,
                                                ten_tensor *pos_weight, int reduction) {
  ten_tensor *y = nn_binary_cross_entropy_with_logits(input, target, weight, pos_weight, reduction);
  ten_tensor *ins[2] = {input, target};
  if (!y || !ag_needs_any(ins, 2)) return y;
  ag_node *n = ag_record(&y, "BinaryCrossEntropyWithLogitsBackward0", bce_logits_backward, ins, 2, 4);
  if (!n) return NULL;
  n->p[0] = reduction;
  n->np = 1;
  ag_save(n, 0, input, false);
  ag_save(n, 1, target, false);
  ag_save(n, 2, weight, false);
  ag_save(n, 3, pos_weight, false);
  return y;
}

/* ---- padding ---- */

/* ConstantPadNdBackward0: constant_pad_nd(grad, -pad) (recorded: differentiable). p = pad. */
static int pad_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  int64_t neg[TEN_MAX_DIMS];
  for (int i = 0; i < n->np; i++) neg[i] = -n->p[i];
  gin[0] = ag_constant_pad_nd(gout[0], neg, n->np, ten_scalar_int(0));
  return gin[0] ? 0 : -1;
}

ten_tensor *ag_constant_pad_nd(ten_tensor *input, const int64_t *pad, int npad, ten_scalar value) {
  if (npad > TEN_MAX_DIMS) {
    ten_error_set(TEN_E_RUNTIME,
                  "Length of pad should be no more than twice the number of dimensions of the input. Pad length is %dwhile the input has %ddimensions.",
                  npad, input->ndim);
    return NULL;
  }
  ten_tensor *y = nn_constant_pad_nd(input, pad, npad, value);
  if (!y || !ag_needs(input)) return y;
  ag_node *n = ag_record(&y, "ConstantPadNdBackward0", pad_backward, &input, 1, 0);
  if (!n) return NULL;
  for (int i = 0; i < npad; i++) n->p[i] = pad[i];
  n->np = npad;
  return y;
}

/* ---- dropout (1.13 CPU: noise = empty_like(input).bernoulli_(1 - p).div_(1 - p); input * noise) ---- */

static ten_tensor *dropout_noise(ten_tensor *input, double p) {
  ten_tensor *noise = ten_empty(input->shape, input->ndim, input->dtype, ten_device_of(input));
  ten_tensor *s = noise ? ten_wrap_scalar(ten_scalar_float(1 - p)) : NULL;
  if (!s || ten_bernoulli_scalar_(noise, 1 - p, NULL) || ten_binary_(TEN_BINOP_DIV, noise, s, ten_scalar_int(1))) {
    ten_release(s);
    ten_release(noise);
    return NULL;
  }
  ten_release(s);
  return noise;
}

static int dropout_check(double p) {
  if (p >= 0 && p <= 1) return 0;
  return ten_error_set(TEN_E_RUNTIME, "dropout probability has to be between 0 and 1, but got %g", p);
}

ten_tensor *ag_dropout(ten_tensor *input, double p, bool train) {
  if (dropout_check(p)) return NULL;
  if (p == 0 || !train || ten_numel(input) == 0) {
    ten_retain(input);
    return input;
  }
  ten_tensor *noise = p == 1 ? ten_zeros(NULL, 0, input->dtype, ten_device_of(input)) : dropout_noise(input, p);
  ten_tensor *r = noise ? ag_mul(input, noise) : NULL;
  ten_release(noise);
  return r;
}

int ag_dropout_(ten_tensor *input, double p, bool train) {
  if (dropout_check(p)) return -1;
  if (p == 0 || !train || ten_numel(input) == 0) return 0;
  ten_tensor *noise = p == 1 ? ten_zeros(NULL, 0, input->dtype, ten_device_of(input)) : dropout_noise(input, p);
  int rc = noise ? ag_binary_(TEN_BINOP_MUL, input, noise, ten_scalar_int(1)) : -1;
  ten_release(noise);
  return rc;
}

/* ---- linear (at::linear, 1.13) ---- */

ten_tensor *ag_linear(ten_tensor *input, ten_tensor *weight, ten_tensor *bias) {
  ten_tensor *wt = ag_t(weight);
  if (!wt) return NULL;
  ten_tensor *r = NULL;
  if (input->ndim == 2 && bias) {
    r = ag_addmm(bias, input, wt, ten_scalar_int(1), ten_scalar_int(1));
  } else if (bias && input->ndim == 3 && ten_is_contiguous(input)) {
    /* _flatten_3d_linear: addmm on the (N*L, C) view, viewed back */
    int64_t flat[2] = {input->shape[0] * input->shape[1], input->shape[2]};
    ten_tensor *f = ag_reshape(input, flat, 2), *m = f ? ag_addmm(bias, f, wt, ten_scalar_int(1), ten_scalar_int(1)) : NULL;
    if (m) {
      int64_t shape[3] = {input->shape[0], input->shape[1], m->shape[1]};
      r = ag_view(m, shape, 3);
    }
    ten_release(f);
    ten_release(m);
  } else {
    r = ag_matmul(input, wt);
    if (r && bias && ag_binary_(TEN_BINOP_ADD, r, bias, ten_scalar_int(1))) {
      ten_release(r);
      r = NULL;
    }
  }
  ten_release(wt);
  return r;
}
