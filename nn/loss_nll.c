/*
** nn/loss_nll.c — nll_loss (1-D / 2-D input) and nll_loss2d (4-D), forward and backward, as ATen's
** CPU kernels: reductions summed in the 8-level cascade of nll_loss_out_frame (mean = weighted loss
** sum / weight sum), ignored targets skipped, PyTorch's shape and bounds errors.
*/
#include <math.h>
#include <stdio.h>

#include "nn/internal.h"

#define LEVELS 8

/* ATen's loop: partial sums cascade up a level every 2^level_power (>= 16) counted items. */
static int level_power(int64_t n) {
  int64_t lg = 1;   /* utils::CeilLog2 */
  if (n > 2) {
    lg = 0;
    for (uint64_t v = (uint64_t)n - 1; v; v >>= 1) lg++;
  }
  int64_t p = lg / LEVELS;
  return (int)(p > 4 ? p : 4);
}

static int check_target_long(const ten_tensor *target) {
  if (target->dtype == TEN_DTYPE_I64) return 0;
  return ten_error_set(TEN_E_RUNTIME, "expected scalar type Long but found %s", ten_dtype_scalar_name(target->dtype));
}

static int check_weight(const ten_tensor *weight, const ten_tensor *input, int64_t n_classes, bool is2d) {
  if (!weight) return 0;
  char b[128];
  if (is2d) {
    if (ten_numel(weight) != n_classes)
      return ten_error_set(TEN_E_RUNTIME, "weight tensor should be defined either for all or no classes");
  } else if (weight->ndim != 1 || ten_numel(weight) != n_classes) {
    return ten_error_set(TEN_E_RUNTIME,
                         "weight tensor should be defined either for all %lld classes or no classes but got weight tensor of shape: %s",
                         (long long)n_classes, nn_shape_str(weight, b, sizeof b));
  }
  return nn_check_same_dtype(input, weight);
}

/* The checks of nll_loss_forward / nll_loss2d_forward. */
static int nll_setup(const ten_tensor *input, const ten_tensor *target, const ten_tensor *weight, bool *is2d) {
  char a[128], b[128];
  *is2d = input->ndim == 4;
  if (*is2d) {
    if (target->ndim != 3)
      return ten_error_set(TEN_E_RUNTIME, "only batches of spatial targets supported (3D tensors) but got targets of dimension: %d",
                           target->ndim);
    if (check_weight(weight, input, input->shape[1], true)) return -1;
    if (input->shape[0] != target->shape[0] || input->shape[2] != target->shape[1] || input->shape[3] != target->shape[2])
      return ten_error_set(TEN_E_RUNTIME, "size mismatch (got input: %s , target: %s", nn_shape_str(input, a, sizeof a),
                           nn_shape_str(target, b, sizeof b));
  } else {
    if (input->ndim < 1 || input->ndim > 2) return ten_error_set(TEN_E_RUNTIME, "input tensor should be 1D or 2D");
    if (target->ndim > 1)
      return ten_error_set(TEN_E_RUNTIME, "0D or 1D target tensor expected, multi-target not supported");
    bool no_batch = input->ndim == 1 && target->ndim == 0;
    if (!no_batch && input->shape[0] != (target->ndim ? target->shape[0] : 1))
      return ten_error_set(TEN_E_RUNTIME, "size mismatch (got input: %s, target: %s)", nn_shape_str(input, a, sizeof a),
                           nn_shape_str(target, b, sizeof b));
    if (check_weight(weight, input, input->shape[input->ndim - 1], false)) return -1;
  }
  if (ten_device_of(input).type != TEN_DEV_CPU) return ten_error_set(TEN_E_RUNTIME, "nll_loss: only CPU tensors are supported");
  if (nn_check_float(input, *is2d ? "nll_loss2d_forward_out_frame" : "nll_loss_out_frame")) return -1;
  return check_target_long(target);
}

/* x (B, C, M) contiguous (M = H*W, 1 for nll_loss), t (B*M). none: out (B*M); else out[0], *tw. */
#define NLL_FORWARD(T, S)                                                                     \
  static int nll_forward_##S(const T *x, const int64_t *t, const T *w, int64_t B, int64_t C, int64_t M, int reduction, \
                             int64_t ignore, bool per_item, T *out, T *tw) {                 \
    if (per_item) {                                                                           \
      for (int64_t i = 0; i < B * M; i++) {                                                   \
        int64_t k = t[i], b = i / M, e = i % M;                                               \
        if (k == ignore) {                                                                    \
          out[i] = 0;                                                                         \
          continue;                                                                           \
        }                                                                                     \
        if (k < 0 || k >= C) return ten_error_set(TEN_E_INDEX, "Target %lld is out of bounds.", (long long)k); \
        T wv = w ? w[k] : (T)1;                                                               \
        out[i] = -x[(b * C + k) * M + e] * wv;                                                \
      }                                                                                       \
      *tw = 0;                                                                                \
      return 0;                                                                               \
    }                                                                                         \
    int64_t n = B * M;                                                                        \
    if (n == 0) {                                                                             \
      *out = reduction == NN_REDUCTION_MEAN ? (T)NAN : (T)0;                                  \
      *tw = 0;                                                                                \
      return 0;                                                                               \
    }                                                                                         \
    int lp = level_power(n);                                                                  \
    int64_t mask = ((int64_t)1 << lp) - 1, ignored = 0;                                       \
    T wsum[LEVELS] = {0}, lsum[LEVELS] = {0};                                                 \
    for (int64_t i = 0; i < n; i++) {                                                         \
      int64_t k = t[i], b = i / M, e = i % M;                                                 \
      if (k == ignore) {                                                                      \
        ignored++;                                                                            \
        continue;                                                                             \
      }                                                                                       \
      if (k < 0 || k >= C) return ten_error_set(TEN_E_INDEX, "Target %lld is out of bounds.", (long long)k); \
      T v = x[(b * C + k) * M + e];                                                           \
      if (w) {                                                                                \
        lsum[0] -= v * w[k];                                                                  \
        wsum[0] += w[k];                                                                      \
      } else {                                                                                \
        lsum[0] -= v;                                                                         \
      }                                                                                       \
      for (int j = 0; j + 1 < LEVELS; j++) {                                                  \
        if ((i & (mask << (j * lp))) != 0) break;                                             \
        wsum[j + 1] += wsum[j];                                                               \
        lsum[j + 1] += lsum[j];                                                               \
        wsum[j] = 0;                                                                          \
        lsum[j] = 0;                                                                          \
      }                                                                                       \
    }                                                                                         \
    T total = 0, loss = 0;                                                                    \
    if (!w) total = (T)(n - ignored);                                                         \
    else                                                                                      \
      for (int j = 0; j < LEVELS; j++) total += wsum[j];                                      \
    for (int j = 0; j < LEVELS; j++) loss += lsum[j];                                         \
    if (reduction == NN_REDUCTION_MEAN) loss /= total;                                        \
    *out = loss;                                                                              \
    *tw = total;                                                                              \
    return 0;                                                                                 \
  }
NLL_FORWARD(float, f32)
NLL_FORWARD(double, f64)

/* Geometry: (B, C, M) and whether the loss is per item. */
static void nll_geom(const ten_tensor *input, int reduction, bool is2d, int64_t *B, int64_t *C, int64_t *M, bool *per_item) {
  if (is2d) {
    *B = input->shape[0];
    *C = input->shape[1];
    *M = input->shape[2] * input->shape[3];
    *per_item = reduction == NN_REDUCTION_NONE;
  } else {
    *B = input->ndim == 2 ? input->shape[0] : 1;
    *C = input->shape[input->ndim - 1];
    *M = 1;
    *per_item = reduction == NN_REDUCTION_NONE && input->ndim == 2;
  }
}

int nn_nll_loss(ten_tensor *input, ten_tensor *target, ten_tensor *weight, int reduction, int64_t ignore_index,
                ten_tensor **out, ten_tensor **total_weight) {
  *out = *total_weight = NULL;
  if (nn_check_cpu(input, "nll_loss")) return -1;
  bool is2d, per_item;
  if (nll_setup(input, target, weight, &is2d)) return -1;
  int64_t B, C, M;
  nll_geom(input, reduction, is2d, &B, &C, &M, &per_item);
  ten_tensor *x = ten_contiguous(input), *t = x ? ten_contiguous(target) : NULL;
  ten_tensor *w = t && weight ? ten_contiguous(weight) : NULL;
  int64_t oshape[3] = {B, is2d ? input->shape[2] : 0, is2d ? input->shape[3] : 0};
  ten_tensor *o = t && (w || !weight) ? ten_empty(oshape, per_item ? (is2d ? 3 : 1) : 0, input->dtype, TEN_CPU) : NULL;
  ten_tensor *tw = o ? ten_empty(NULL, 0, input->dtype, TEN_CPU) : NULL;
  int rc = -1;
  if (tw) {
    rc = input->dtype == TEN_DTYPE_F32
             ? nll_forward_f32(ten_data_ptr(x), ten_data_ptr(t), w ? ten_data_ptr(w) : NULL, B, C, M, reduction,
                               ignore_index, per_item, ten_data_ptr(o), ten_data_ptr(tw))
             : nll_forward_f64(ten_data_ptr(x), ten_data_ptr(t), w ? ten_data_ptr(w) : NULL, B, C, M, reduction,
                               ignore_index, per_item, ten_data_ptr(o), ten_data_ptr(tw));
  }
  ten_release(x);
  ten_release(t);
  ten_release(w);
  if (rc) {
    ten_release(o);
    ten_release(tw);
    return -1;
  }
  *out = o;
  *total_weight = tw;
  return 0;
}

/* gx (B, C, M) zeroed; go per item (B*M) or go[0]. */
#define NLL_BACKWARD(T, S)                                                                    \
  static int nll_backward_##S(const T *go, const int64_t *t, const T *w, int64_t B, int64_t C, int64_t M, int reduction, \
                              int64_t ignore, bool per_item, T tw, T *gx) {                   \
    T grad = 0;                                                                               \
    if (!per_item) grad = -(reduction == NN_REDUCTION_MEAN ? go[0] / tw : go[0]);             \
    for (int64_t i = 0; i < B * M; i++) {                                                     \
      int64_t k = t[i], b = i / M, e = i % M;                                                 \
      if (k == ignore) continue;                                                              \
      if (k < 0 || k >= C) return ten_error_set(TEN_E_INDEX, "Target %lld is out of bounds.", (long long)k); \
      T *g = &gx[(b * C + k) * M + e];                                                        \
      if (per_item) *g = (-(w ? w[k] : (T)1)) * go[i];                                        \
      else *g = w ? w[k] * grad : grad;                                                       \
    }                                                                                         \
    return 0;                                                                                 \
  }
NLL_BACKWARD(float, f32)
NLL_BACKWARD(double, f64)

ten_tensor *nn_nll_loss_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *target, ten_tensor *weight,
                                 int reduction, int64_t ignore_index, ten_tensor *total_weight) {
  if (nn_check_cpu(grad_out, "nll_loss_backward")) return NULL;
  bool is2d, per_item;
  if (nll_setup(input, target, weight, &is2d)) return NULL;
  int64_t B, C, M;
  nll_geom(input, reduction, is2d, &B, &C, &M, &per_item);
  if (per_item ? ten_numel(grad_out) != B * M : ten_numel(grad_out) != 1) {
    char a[128];
    ten_error_set(TEN_E_RUNTIME, "Expected a single element grad_output tensor, but got: %s", nn_shape_str(grad_out, a, sizeof a));
    return NULL;
  }
  if (!total_weight || ten_numel(total_weight) != 1) {
    ten_error_set(TEN_E_RUNTIME, "expected total_weight to be a  single element tensor");
    return NULL;
  }
  ten_tensor *g1 = ten_to_dtype(grad_out, input->dtype, false), *go = g1 ? ten_contiguous(g1) : NULL;
  ten_tensor *t = go ? ten_contiguous(target) : NULL, *w = t && weight ? ten_contiguous(weight) : NULL;
  ten_tensor *gx = t && (w || !weight) ? ten_zeros(input->shape, input->ndim, input->dtype, TEN_CPU) : NULL;
  int rc = -1;
  if (gx) {
    double twv = ten_get_double(total_weight, 0);
    rc = input->dtype == TEN_DTYPE_F32
             ? nll_backward_f32(ten_data_ptr(go), ten_data_ptr(t), w ? ten_data_ptr(w) : NULL, B, C, M, reduction,
                                ignore_index, per_item, (float)twv, ten_data_ptr(gx))
             : nll_backward_f64(ten_data_ptr(go), ten_data_ptr(t), w ? ten_data_ptr(w) : NULL, B, C, M, reduction,
                                ignore_index, per_item, twv, ten_data_ptr(gx));
  }
  ten_release(g1);
  ten_release(go);
  ten_release(t);
  ten_release(w);
  if (rc) {
    ten_release(gx);
    return NULL;
  }
  return gx;
}
