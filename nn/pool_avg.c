/*
** nn/pool_avg.c — average pooling (ceil_mode, count_include_pad, divisor_override) and adaptive
** average pooling, forward and backward, as ATen's CPU kernels compute them (window sums in the
** tensor's type, divided once; backward spreads grad / divisor over each window).
*/
#include <stdio.h>

#include "nn/internal.h"

static int64_t pool_out(int64_t in, int64_t k, int64_t pad, int64_t stride, bool ceil_mode) {
  int64_t num = in + 2 * pad - (k - 1) - 1 + (ceil_mode ? stride - 1 : 0);
  int64_t q = num / stride, r = num % stride;
  if (r != 0 && ((r < 0) != (stride < 0))) q--;
  int64_t out = q + 1;
  if (ceil_mode && (out - 1) * stride >= in + pad) out--;
  return out;
}

/* avg_pool2d's meta checks, ATen's order and texts. */
static int avg_pool_setup(const ten_tensor *input, const nn_pool_opts *o, int64_t *oh, int64_t *ow) {
  int d;
  if (ten_wrap_dim(-3, input->ndim, &d)) return -1;   /* input.size(-3): IndexError on < 3 dims */
  int nd = input->ndim;
  int64_t C = input->shape[nd - 3], H = input->shape[nd - 2], W = input->shape[nd - 1];
  for (int i = 0; i < 2; i++) {
    if (o->stride[i] == 0) return ten_error_set(TEN_E_RUNTIME, "stride should not be zero");
    if (o->padding[i] < 0) return ten_error_set(TEN_E_RUNTIME, "pad must be non-negative, but got pad: %lld", (long long)o->padding[i]);
    if (o->padding[i] > o->kernel[i] / 2)
      return ten_error_set(TEN_E_RUNTIME, "pad should be at most half of kernel size, but got pad=%lld and kernel_size=%lld",
                           (long long)o->padding[i], (long long)o->kernel[i]);
  }
  *oh = pool_out(H, o->kernel[0], o->padding[0], o->stride[0], o->ceil_mode);
  *ow = pool_out(W, o->kernel[1], o->padding[1], o->stride[1], o->ceil_mode);
  if (o->kernel[0] <= 0 || o->kernel[1] <= 0)
    return ten_error_set(TEN_E_RUNTIME, "kernel size should be greater than zero, but got kH: %lld kW: %lld",
                         (long long)o->kernel[0], (long long)o->kernel[1]);
  if (o->stride[0] < 0 || o->stride[1] < 0)
    return ten_error_set(TEN_E_RUNTIME, "stride should be greater than zero, but got dH: %lld dW: %lld",
                         (long long)o->stride[0], (long long)o->stride[1]);
  bool valid_dims = input->shape[1] != 0 && input->shape[2] != 0;
  if (!((nd == 3 && input->shape[0] != 0 && valid_dims) || (nd == 4 && valid_dims && input->shape[3] != 0))) {
    char b[128];
    return ten_error_set(TEN_E_RUNTIME, "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:%s",
                         nn_shape_str(input, b, sizeof b));
  }
  if (*oh < 1 || *ow < 1)
    return ten_error_set(TEN_E_RUNTIME, "Given input size: (%lldx%lldx%lld). Calculated output size: (%lldx%lldx%lld). Output size is too small",
                         (long long)C, (long long)H, (long long)W, (long long)C, (long long)*oh, (long long)*ow);
  if (input->dtype != TEN_DTYPE_I64 && nn_check_float(input, "avg_pool2d")) return -1;
  if (ten_device_of(input).type != TEN_DEV_CPU) return ten_error_set(TEN_E_RUNTIME, "avg_pool2d: only CPU tensors are supported");
  return 0;
}

/* One window of output (oh, ow): the clipped bounds and the divisor. false: empty window. */
static bool avg_window(const nn_pool_opts *o, int64_t H, int64_t W, int64_t oh, int64_t ow, int64_t *b, int64_t *div) {
  int64_t ih0 = oh * o->stride[0] - o->padding[0], iw0 = ow * o->stride[1] - o->padding[1];
  int64_t ih1 = ih0 + o->kernel[0], iw1 = iw0 + o->kernel[1];
  if (ih1 > H + o->padding[0]) ih1 = H + o->padding[0];
  if (iw1 > W + o->padding[1]) iw1 = W + o->padding[1];
  int64_t pool_size = (ih1 - ih0) * (iw1 - iw0);
  if (ih0 < 0) ih0 = 0;
  if (iw0 < 0) iw0 = 0;
  if (ih1 > H) ih1 = H;
  if (iw1 > W) iw1 = W;
  b[0] = ih0;
  b[1] = ih1;
  b[2] = iw0;
  b[3] = iw1;
  if (ih0 >= ih1 || iw0 >= iw1) return false;
  *div = o->divisor_override ? o->divisor_override : o->count_include_pad ? pool_size : (ih1 - ih0) * (iw1 - iw0);
  return true;
}

#define AVG_POOL(T, S)                                                                        \
  static void avg_pool_##S(const T *x, T *y, int64_t planes, int64_t H, int64_t W, int64_t OH, int64_t OW, \
                           const nn_pool_opts *o) {                                           \
    int nt = nn_threads(planes * OH * OW * o->kernel[0] * o->kernel[1]);                      \
    _Pragma("omp parallel for num_threads(nt) if(nt > 1) schedule(static)")                   \
    for (int64_t c = 0; c < planes; c++) {                                                    \
      const T *xp = x + c * H * W;                                                            \
      for (int64_t oh = 0; oh < OH; oh++)                                                     \
        for (int64_t ow = 0; ow < OW; ow++) {                                                 \
          int64_t b[4], div = 1;                                                              \
          T *out = &y[(c * OH + oh) * OW + ow];                                               \
          *out = 0;                                                                           \
          if (!avg_window(o, H, W, oh, ow, b, &div)) continue;                                \
          T sum = 0;                                                                          \
          for (int64_t ih = b[0]; ih < b[1]; ih++)                                            \
            for (int64_t iw = b[2]; iw < b[3]; iw++) sum += xp[ih * W + iw];                  \
          *out += sum / (T)div;                                                               \
        }                                                                                     \
    }                                                                                         \
  }

#define AVG_BACKWARD(T, S)                                                                    \
  static void avg_backward_##S(const T *go, T *gx, int64_t planes, int64_t H, int64_t W, int64_t OH, int64_t OW, \
                               const nn_pool_opts *o) {                                       \
    int nt = nn_threads(planes * OH * OW * o->kernel[0] * o->kernel[1]);                      \
    _Pragma("omp parallel for num_threads(nt) if(nt > 1) schedule(static)")                   \
    for (int64_t c = 0; c < planes; c++) {                                                    \
      T *gp = gx + c * H * W;                                                                 \
      for (int64_t oh = 0; oh < OH; oh++)                                                     \
        for (int64_t ow = 0; ow < OW; ow++) {                                                 \
          int64_t b[4], div = 1;                                                              \
          if (!avg_window(o, H, W, oh, ow, b, &div)) continue;                                \
          T delta = go[(c * OH + oh) * OW + ow] / (T)div;                                     \
          for (int64_t ih = b[0]; ih < b[1]; ih++)                                            \
            for (int64_t iw = b[2]; iw < b[3]; iw++) gp[ih * W + iw] += delta;                \
        }                                                                                     \
    }                                                                                         \
  }

AVG_POOL(float, f32)
AVG_POOL(double, f64)
AVG_POOL(int64_t, i64)   /* ATen dispatches avg_pool2d for Long too (integer division) */
AVG_BACKWARD(float, f32)
AVG_BACKWARD(double, f64)

static ten_tensor *pool_output(const ten_tensor *input, int64_t oh, int64_t ow) {
  int64_t shape[4];
  int nd = input->ndim;
  for (int i = 0; i < nd - 2; i++) shape[i] = input->shape[i];
  shape[nd - 2] = oh;
  shape[nd - 1] = ow;
  return ten_empty(shape, nd, input->dtype, TEN_CPU);
}

ten_tensor *nn_avg_pool2d(ten_tensor *input, const nn_pool_opts *o) {
  if (nn_check_cpu(input, "avg_pool2d")) return NULL;
  int64_t oh = 0, ow = 0;
  if (avg_pool_setup(input, o, &oh, &ow)) return NULL;
  ten_tensor *x = ten_contiguous(input), *y = x ? pool_output(input, oh, ow) : NULL;
  if (y) {
    int nd = input->ndim;
    int64_t H = input->shape[nd - 2], W = input->shape[nd - 1], planes = ten_numel(input) / (H * W);
    if (input->dtype == TEN_DTYPE_F32) avg_pool_f32(ten_data_ptr(x), ten_data_ptr(y), planes, H, W, oh, ow, o);
    else if (input->dtype == TEN_DTYPE_F64) avg_pool_f64(ten_data_ptr(x), ten_data_ptr(y), planes, H, W, oh, ow, o);
    else avg_pool_i64(ten_data_ptr(x), ten_data_ptr(y), planes, H, W, oh, ow, o);
  }
  ten_release(x);
  return y;
}

/* The same shape rule for the backward's grad_output. */
static int check_grad_shape(const ten_tensor *grad_out, const ten_tensor *input, int64_t oh, int64_t ow) {
  int nd = input->ndim;
  bool ok = grad_out->ndim == nd && grad_out->shape[nd - 2] == oh && grad_out->shape[nd - 1] == ow;
  for (int i = 0; ok && i < nd - 2; i++) ok = grad_out->shape[i] == input->shape[i];
  if (ok) return 0;
  char a[128];
  return ten_error_set(TEN_E_RUNTIME, "pooling backward: unexpected grad_output of size %s",
                       nn_shape_str(grad_out, a, sizeof a));
}

ten_tensor *nn_avg_pool2d_backward(ten_tensor *grad_out, ten_tensor *input, const nn_pool_opts *o) {
  if (nn_check_cpu(grad_out, "avg_pool2d_backward")) return NULL;
  int64_t oh = 0, ow = 0;
  if (nn_check_float(input, "avg_pool2d_backward_out_frame") || avg_pool_setup(input, o, &oh, &ow) || check_grad_shape(grad_out, input, oh, ow)) return NULL;
  ten_tensor *g1 = ten_to_dtype(grad_out, input->dtype, false), *go = g1 ? ten_contiguous(g1) : NULL;
  ten_tensor *gx = go ? ten_zeros(input->shape, input->ndim, input->dtype, TEN_CPU) : NULL;
  if (gx) {
    int nd = input->ndim;
    int64_t H = input->shape[nd - 2], W = input->shape[nd - 1], planes = ten_numel(input) / (H * W);
    if (input->dtype == TEN_DTYPE_F32) avg_backward_f32(ten_data_ptr(go), ten_data_ptr(gx), planes, H, W, oh, ow, o);
    else avg_backward_f64(ten_data_ptr(go), ten_data_ptr(gx), planes, H, W, oh, ow, o);
  }
  ten_release(g1);
  ten_release(go);
  return gx;
}

/* ---- adaptive average pooling ---- */

static inline int64_t bin_start(int64_t a, int64_t b, int64_t c) { return (a / b) * c + ((a % b) * c) / b; }
static inline int64_t bin_end(int64_t a, int64_t b, int64_t c) { return 1 + ((a + 1) * c - 1) / b; }

#define ADAPTIVE_AVG(T, S)                                                                    \
  static void adaptive_avg_##S(const T *x, T *y, int64_t planes, int64_t H, int64_t W, int64_t OH, int64_t OW) { \
    int nt = nn_threads(planes * H * W);                                                      \
    _Pragma("omp parallel for num_threads(nt) if(nt > 1) schedule(static)")                   \
    for (int64_t c = 0; c < planes; c++) {                                                    \
      const T *xp = x + c * H * W;                                                            \
      for (int64_t oh = 0; oh < OH; oh++) {                                                   \
        int64_t ih0 = bin_start(oh, OH, H), ih1 = bin_end(oh, OH, H);                         \
        for (int64_t ow = 0; ow < OW; ow++) {                                                 \
          int64_t iw0 = bin_start(ow, OW, W), iw1 = bin_end(ow, OW, W);                       \
          T sum = 0;                                                                          \
          for (int64_t ih = ih0; ih < ih1; ih++)                                              \
            for (int64_t iw = iw0; iw < iw1; iw++) sum += xp[ih * W + iw];                    \
          y[(c * OH + oh) * OW + ow] = sum / (T)(ih1 - ih0) / (T)(iw1 - iw0);                 \
        }                                                                                     \
      }                                                                                       \
    }                                                                                         \
  }

#define ADAPTIVE_AVG_BACKWARD(T, S)                                                           \
  static void adaptive_avg_backward_##S(const T *go, T *gx, int64_t planes, int64_t H, int64_t W, int64_t OH, \
                                        int64_t OW) {                                         \
    int nt = nn_threads(planes * H * W);                                                      \
    _Pragma("omp parallel for num_threads(nt) if(nt > 1) schedule(static)")                   \
    for (int64_t c = 0; c < planes; c++) {                                                    \
      T *gp = gx + c * H * W;                                                                 \
      for (int64_t oh = 0; oh < OH; oh++) {                                                   \
        int64_t ih0 = bin_start(oh, OH, H), ih1 = bin_end(oh, OH, H);                         \
        for (int64_t ow = 0; ow < OW; ow++) {                                                 \
          int64_t iw0 = bin_start(ow, OW, W), iw1 = bin_end(ow, OW, W);                       \
          T delta = go[(c * OH + oh) * OW + ow] / (T)(ih1 - ih0) / (T)(iw1 - iw0);            \
          for (int64_t ih = ih0; ih < ih1; ih++)                                              \
            for (int64_t iw = iw0; iw < iw1; iw++) gp[ih * W + iw] += delta;                  \
        }                                                                                     \
      }                                                                                       \
    }                                                                                         \
  }

ADAPTIVE_AVG(float, f32)
ADAPTIVE_AVG(double, f64)
ADAPTIVE_AVG_BACKWARD(float, f32)
ADAPTIVE_AVG_BACKWARD(double, f64)

static int adaptive_setup(const ten_tensor *input, const int64_t output_size[2]) {
  char b[128];
  int nd = input->ndim;
  if (nd != 3 && nd != 4)
    return ten_error_set(TEN_E_RUNTIME, "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got %s",
                         nn_shape_str(input, b, sizeof b));
  for (int i = nd - 2; i < nd; i++)
    if (input->shape[i] <= 0)
      return ten_error_set(TEN_E_RUNTIME,
                           "adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes %s with dimension %d being empty",
                           nn_shape_str(input, b, sizeof b), i);
  if (output_size[0] < 0 || output_size[1] < 0)
    return ten_error_set(TEN_E_RUNTIME, "adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {%lld, %lld}",
                         (long long)output_size[0], (long long)output_size[1]);
  if (nn_check_float(input, "adaptive_avg_pool2d")) return -1;
  if (ten_device_of(input).type != TEN_DEV_CPU)
    return ten_error_set(TEN_E_RUNTIME, "adaptive_avg_pool2d: only CPU tensors are supported");
  return 0;
}

ten_tensor *nn_adaptive_avg_pool2d(ten_tensor *input, const int64_t output_size[2]) {
  if (nn_check_cpu(input, "adaptive_avg_pool2d")) return NULL;
  if (adaptive_setup(input, output_size)) return NULL;
  ten_tensor *x = ten_contiguous(input), *y = x ? pool_output(input, output_size[0], output_size[1]) : NULL;
  if (y) {
    int nd = input->ndim;
    int64_t H = input->shape[nd - 2], W = input->shape[nd - 1], planes = ten_numel(input) / (H * W);
    if (input->dtype == TEN_DTYPE_F32)
      adaptive_avg_f32(ten_data_ptr(x), ten_data_ptr(y), planes, H, W, output_size[0], output_size[1]);
    else
      adaptive_avg_f64(ten_data_ptr(x), ten_data_ptr(y), planes, H, W, output_size[0], output_size[1]);
  }
  ten_release(x);
  return y;
}

ten_tensor *nn_adaptive_avg_pool2d_backward(ten_tensor *grad_out, ten_tensor *input) {
  if (nn_check_cpu(grad_out, "adaptive_avg_pool2d_backward")) return NULL;
  int nd = input->ndim;
  if (grad_out->ndim != nd || nd < 3) {
    char a[128];
    ten_error_set(TEN_E_RUNTIME, "adaptive_avg_pool2d_backward: unexpected grad_output of size %s",
                  nn_shape_str(grad_out, a, sizeof a));
    return NULL;
  }
  int64_t os[2] = {grad_out->shape[nd - 2], grad_out->shape[nd - 1]};
  if (adaptive_setup(input, os) || check_grad_shape(grad_out, input, os[0], os[1])) return NULL;
  ten_tensor *g1 = ten_to_dtype(grad_out, input->dtype, false), *go = g1 ? ten_contiguous(g1) : NULL;
  ten_tensor *gx = go ? ten_zeros(input->shape, nd, input->dtype, TEN_CPU) : NULL;
  if (gx) {
    int64_t H = input->shape[nd - 2], W = input->shape[nd - 1], planes = ten_numel(input) / (H * W);
    if (input->dtype == TEN_DTYPE_F32) adaptive_avg_backward_f32(ten_data_ptr(go), ten_data_ptr(gx), planes, H, W, os[0], os[1]);
    else adaptive_avg_backward_f64(ten_data_ptr(go), ten_data_ptr(gx), planes, H, W, os[0], os[1]);
  }
  ten_release(g1);
  ten_release(go);
  return gx;
}
