/*
** nn/pool_max.c — max pooling with indices (kernel, stride, padding, dilation, ceil_mode) and
** adaptive max pooling, forward and backward, as ATen's CPU kernels compute them: NaN wins, the
** first maximum wins ties, indices are flat offsets h * W + w within each plane, and the backward
** adds each output gradient at its index.
*/
#include <math.h>
#include <stdio.h>

#include "nn/internal.h"

/* ATen's pooling_output_shape_pad_lr (div_rtn, the ceil_mode rule that the last window starts
   inside the input or its left padding). */
static int64_t pool_out(int64_t in, int64_t k, int64_t pad, int64_t stride, int64_t dil, bool ceil_mode) {
  int64_t num = in + 2 * pad - dil * (k - 1) - 1 + (ceil_mode ? stride - 1 : 0);
  int64_t q = num / stride, r = num % stride;
  if (r != 0 && ((r < 0) != (stride < 0))) q--;   /* round toward -inf */
  int64_t out = q + 1;
  if (ceil_mode && (out - 1) * stride >= in + pad) out--;
  return out;
}

/* The checks of max_pool2d_with_indices (meta function + pool2d_shape_check), ATen's texts. */
static int max_pool_setup(const ten_tensor *input, const nn_pool_opts *o, int64_t *oh, int64_t *ow) {
  if (input->ndim != 3 && input->ndim != 4)
    return ten_error_set(TEN_E_RUNTIME, "non-empty 3D or 4D (batch mode) tensor expected for input");
  if (o->stride[0] == 0 || o->stride[1] == 0) return ten_error_set(TEN_E_RUNTIME, "stride should not be zero");
  for (int i = 0; i < 2; i++) {
    if (o->padding[i] < 0) return ten_error_set(TEN_E_RUNTIME, "pad must be non-negative, but got pad: %lld", (long long)o->padding[i]);
    if (o->padding[i] > o->kernel[i] / 2)
      return ten_error_set(TEN_E_RUNTIME, "pad should be at most half of kernel size, but got pad=%lld and kernel_size=%lld",
                           (long long)o->padding[i], (long long)o->kernel[i]);
  }
  int nd = input->ndim;
  int64_t H = input->shape[nd - 2], W = input->shape[nd - 1], C = input->shape[nd - 3];
  *oh = pool_out(H, o->kernel[0], o->padding[0], o->stride[0], o->dilation[0], o->ceil_mode);
  *ow = pool_out(W, o->kernel[1], o->padding[1], o->stride[1], o->dilation[1], o->ceil_mode);
  if (o->kernel[0] <= 0 || o->kernel[1] <= 0)
    return ten_error_set(TEN_E_RUNTIME, "kernel size should be greater than zero, but got kH: %lld kW: %lld",
                         (long long)o->kernel[0], (long long)o->kernel[1]);
  if (o->stride[0] < 0 || o->stride[1] < 0)
    return ten_error_set(TEN_E_RUNTIME, "stride should be greater than zero, but got dH: %lld dW: %lld",
                         (long long)o->stride[0], (long long)o->stride[1]);
  if (o->dilation[0] <= 0 || o->dilation[1] <= 0)
    return ten_error_set(TEN_E_RUNTIME, "dilation should be greater than zero, but got dilationH: %lld dilationW: %lld",
                         (long long)o->dilation[0], (long long)o->dilation[1]);
  bool valid_dims = input->shape[1] != 0 && input->shape[2] != 0;
  if (!((nd == 3 && input->shape[0] != 0 && valid_dims) || (nd == 4 && valid_dims && input->shape[3] != 0))) {
    char b[128];
    return ten_error_set(TEN_E_RUNTIME, "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:%s",
                         nn_shape_str(input, b, sizeof b));
  }
  if (*oh < 1 || *ow < 1)
    return ten_error_set(TEN_E_RUNTIME, "Given input size: (%lldx%lldx%lld). Calculated output size: (%lldx%lldx%lld). Output size is too small",
                         (long long)C, (long long)H, (long long)W, (long long)C, (long long)*oh, (long long)*ow);
  if (nn_check_float(input, "max_pool2d")) return -1;
  if (ten_device_of(input).type != TEN_DEV_CPU) return ten_error_set(TEN_E_RUNTIME, "max_pool2d: only CPU tensors are supported");
  return 0;
}

/* One output row of the 2x2 stride-2 float32 pooling, 16 outputs at a time with AVX-512: the same
   four comparisons per output in the same order as the scalar loop below (so the same values and
   indices). r0, r1: the two input rows; i0: the flat index of r0[0]. */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(CT_NO_TARGET_CLONES)
#include <immintrin.h>
#define POOL2_AVX512 1
__attribute__((target("avx512f"))) static void pool2_row_avx512(const float *r0, const float *r1, float *y,
                                                               int64_t *idx, int64_t OW, int64_t i0, int64_t W) {
  const __m512i ev = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  const __m512i od = _mm512_add_epi32(ev, _mm512_set1_epi32(1));
  const __m512i lane2 = _mm512_slli_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 1);
  for (int64_t ow = 0; ow < OW; ow += 16) {
    int64_t n = OW - ow < 16 ? OW - ow : 16, n2 = 2 * n;
    __mmask16 mo = (__mmask16)(n == 16 ? 0xffff : (1u << n) - 1);
    __mmask16 ml = (__mmask16)(n2 >= 16 ? 0xffff : (1u << n2) - 1);
    __mmask16 mh = (__mmask16)(n2 > 16 ? (1u << (n2 - 16)) - 1 : 0);
    const float *p0 = r0 + 2 * ow, *p1 = r1 + 2 * ow;
    __m512 lo0 = _mm512_maskz_loadu_ps(ml, p0), hi0 = _mm512_maskz_loadu_ps(mh, p0 + 16);
    __m512 lo1 = _mm512_maskz_loadu_ps(ml, p1), hi1 = _mm512_maskz_loadu_ps(mh, p1 + 16);
    __m512 v[4] = {_mm512_permutex2var_ps(lo0, ev, hi0), _mm512_permutex2var_ps(lo0, od, hi0),
                   _mm512_permutex2var_ps(lo1, ev, hi1), _mm512_permutex2var_ps(lo1, od, hi1)};
    const int32_t off[4] = {0, 1, (int32_t)W, (int32_t)W + 1};
    __m512 m = v[0];
    __m512i o = _mm512_setzero_si512();
    for (int t = 1; t < 4; t++) {
      __mmask16 take = _mm512_cmp_ps_mask(v[t], m, _CMP_GT_OQ) | _mm512_cmp_ps_mask(v[t], v[t], _CMP_UNORD_Q);
      m = _mm512_mask_blend_ps(take, m, v[t]);
      o = _mm512_mask_blend_epi32(take, o, _mm512_set1_epi32(off[t]));
    }
    _mm512_mask_storeu_ps(y + ow, mo, m);
    __m512i rel = _mm512_add_epi32(o, lane2);   /* offset within the row pair: 2*lane + {0, 1, W, W+1} */
    __m512i base = _mm512_set1_epi64(i0 + 2 * ow);
    __m512i q0 = _mm512_add_epi64(base, _mm512_cvtepi32_epi64(_mm512_castsi512_si256(rel)));
    __m512i q1 = _mm512_add_epi64(base, _mm512_cvtepi32_epi64(_mm512_extracti64x4_epi64(rel, 1)));
    _mm512_mask_storeu_epi64(idx + ow, (__mmask8)(mo & 0xff), q0);
    _mm512_mask_storeu_epi64(idx + ow + 8, (__mmask8)(mo >> 8), q1);
  }
}
#else
#define POOL2_AVX512 0
#endif

/* true: the row was done with AVX-512; false: the caller's scalar loop does it */
static inline bool pool2_row_f32(const float *r0, const float *r1, float *y, int64_t *idx, int64_t OW, int64_t i0,
                                 int64_t W) {
#if POOL2_AVX512
  if (__builtin_cpu_supports("avx512f")) {
    pool2_row_avx512(r0, r1, y, idx, OW, i0, W);
    return true;
  }
#else
  (void)r0, (void)r1, (void)y, (void)idx, (void)OW, (void)i0, (void)W;
#endif
  return false;
}

static inline bool pool2_row_f64(const double *r0, const double *r1, double *y, int64_t *idx, int64_t OW,
                                 int64_t i0, int64_t W) {
  (void)r0, (void)r1, (void)y, (void)idx, (void)OW, (void)i0, (void)W;
  return false;
}

/* planes: N*C contiguous (H, W) inputs; out/idx (planes, OH, OW). */
#define MAX_POOL(T, S)                                                                        \
  static void max_pool_##S(const T *x, T *y, int64_t *idx, int64_t planes, int64_t H, int64_t W, int64_t OH, \
                           int64_t OW, const nn_pool_opts *o) {                               \
    int64_t kH = o->kernel[0], kW = o->kernel[1], dH = o->stride[0], dW = o->stride[1];       \
    int64_t pH = o->padding[0], pW = o->padding[1], lH = o->dilation[0], lW = o->dilation[1]; \
    int nt = nn_threads(planes * OH * OW * kH * kW);                                          \
    const bool fast2 = kH == 2 && kW == 2 && dH == 2 && dW == 2 && pH == 0 && pW == 0 && lH == 1 && \
                       lW == 1 && 2 * OH <= H && 2 * OW <= W;                                 \
    _Pragma("omp parallel for num_threads(nt) if(nt > 1) schedule(static)")                   \
    for (int64_t c = 0; c < planes; c++) {                                                    \
      const T *xp = x + c * H * W;                                                            \
      T *yp = y + c * OH * OW;                                                                \
      int64_t *ip = idx + c * OH * OW;                                                        \
      if (fast2) { /* 2x2 windows, stride 2, all inside: the same four terms, in order */      \
        for (int64_t oh = 0; oh < OH; oh++) {                                                 \
          const T *r0 = xp + 2 * oh * W, *r1 = r0 + W;                                        \
          if (pool2_row_##S(r0, r1, yp + oh * OW, ip + oh * OW, OW, 2 * oh * W, W)) continue; \
          for (int64_t ow = 0; ow < OW; ow++) {                                               \
            int64_t i0 = 2 * oh * W + 2 * ow, mi = i0;                                        \
            T m = r0[2 * ow], v;                                                              \
            bool take;                                                                        \
            v = r0[2 * ow + 1]; take = (v > m) | isnan(v); m = take ? v : m; mi = take ? i0 + 1 : mi; \
            v = r1[2 * ow]; take = (v > m) | isnan(v); m = take ? v : m; mi = take ? i0 + W : mi; \
            v = r1[2 * ow + 1]; take = (v > m) | isnan(v); m = take ? v : m; mi = take ? i0 + W + 1 : mi; \
            yp[oh * OW + ow] = m;                                                             \
            ip[oh * OW + ow] = mi;                                                            \
          }                                                                                   \
        }                                                                                     \
        continue;                                                                             \
      }                                                                                       \
      for (int64_t oh = 0; oh < OH; oh++) {                                                   \
        int64_t ih0 = oh * dH - pH, ih1 = ih0 + (kH - 1) * lH + 1;                            \
        if (ih1 > H) ih1 = H;                                                                 \
        while (ih0 < 0) ih0 += lH;                                                            \
        for (int64_t ow = 0; ow < OW; ow++) {                                                 \
          int64_t iw0 = ow * dW - pW, iw1 = iw0 + (kW - 1) * lW + 1;                          \
          if (iw1 > W) iw1 = W;                                                               \
          while (iw0 < 0) iw0 += lW;                                                          \
          int64_t maxindex = ih0 * W + iw0;                                                   \
          T maxval = -INFINITY;                                                               \
          for (int64_t ih = ih0; ih < ih1; ih += lH)                                          \
            for (int64_t iw = iw0; iw < iw1; iw += lW) {                                      \
              T v = xp[ih * W + iw];                                                          \
              bool take = (v > maxval) | isnan(v);   /* a select: a branch mispredicts */     \
              maxval = take ? v : maxval;                                                     \
              maxindex = take ? ih * W + iw : maxindex;                                       \
            }                                                                                 \
          yp[oh * OW + ow] = maxval;                                                          \
          ip[oh * OW + ow] = maxindex;                                                        \
        }                                                                                     \
      }                                                                                       \
    }                                                                                         \
  }
MAX_POOL(float, f32)
MAX_POOL(double, f64)

/* Output tensors shaped like input with the last two dims replaced. */
static int alloc_pool_outputs(const ten_tensor *input, int64_t oh, int64_t ow, ten_tensor **out, ten_tensor **indices) {
  int64_t shape[4];
  int nd = input->ndim;
  for (int i = 0; i < nd - 2; i++) shape[i] = input->shape[i];
  shape[nd - 2] = oh;
  shape[nd - 1] = ow;
  *out = ten_empty(shape, nd, input->dtype, TEN_CPU);
  *indices = *out ? ten_empty(shape, nd, TEN_DTYPE_I64, TEN_CPU) : NULL;
  if (!*indices) {
    ten_release(*out);
    *out = NULL;
    return -1;
  }
  return 0;
}

int nn_max_pool2d(ten_tensor *input, const nn_pool_opts *o, ten_tensor **out, ten_tensor **indices) {
  *out = *indices = NULL;
  if (nn_check_cpu(input, "max_pool2d")) return -1;
  int64_t oh = 0, ow = 0;
  if (max_pool_setup(input, o, &oh, &ow)) return -1;
  ten_tensor *x = ten_contiguous(input);
  if (!x || alloc_pool_outputs(input, oh, ow, out, indices)) {
    ten_release(x);
    return -1;
  }
  int nd = input->ndim;
  int64_t H = input->shape[nd - 2], W = input->shape[nd - 1];
  int64_t planes = H * W != 0 ? ten_numel(input) / (H * W) : 0;
  if (input->dtype == TEN_DTYPE_F32)
    max_pool_f32(ten_data_ptr(x), ten_data_ptr(*out), ten_data_ptr(*indices), planes, H, W, oh, ow, o);
  else
    max_pool_f64(ten_data_ptr(x), ten_data_ptr(*out), ten_data_ptr(*indices), planes, H, W, oh, ow, o);
  ten_release(x);
  return 0;
}

/* ---- adaptive max pooling ---- */

/* ATen's start_index / end_index of adaptive pooling bins. */
static inline int64_t bin_start(int64_t a, int64_t b, int64_t c) { return (a / b) * c + ((a % b) * c) / b; }
static inline int64_t bin_end(int64_t a, int64_t b, int64_t c) { return 1 + ((a + 1) * c - 1) / b; }

#define ADAPTIVE_MAX(T, S)                                                                    \
  static void adaptive_max_##S(const T *x, T *y, int64_t *idx, int64_t planes, int64_t H, int64_t W, int64_t OH, \
                               int64_t OW) {                                                  \
    int nt = nn_threads(planes * H * W);                                                      \
    _Pragma("omp parallel for num_threads(nt) if(nt > 1) schedule(static)")                   \
    for (int64_t c = 0; c < planes; c++) {                                                    \
      const T *xp = x + c * H * W;                                                            \
      for (int64_t oh = 0; oh < OH; oh++) {                                                   \
        int64_t ih0 = bin_start(oh, OH, H), ih1 = bin_end(oh, OH, H);                         \
        for (int64_t ow = 0; ow < OW; ow++) {                                                 \
          int64_t iw0 = bin_start(ow, OW, W), iw1 = bin_end(ow, OW, W);                       \
          int64_t maxindex = ih0 * W + iw0;                                                   \
          T maxval = -INFINITY;                                                               \
          for (int64_t ih = ih0; ih < ih1; ih++)                                              \
            for (int64_t iw = iw0; iw < iw1; iw++) {                                          \
              T v = xp[ih * W + iw];                                                          \
              bool take = (v > maxval) | isnan(v);   /* a select: a branch mispredicts */     \
              maxval = take ? v : maxval;                                                     \
              maxindex = take ? ih * W + iw : maxindex;                                       \
            }                                                                                 \
          y[(c * OH + oh) * OW + ow] = maxval;                                                \
          idx[(c * OH + oh) * OW + ow] = maxindex;                                            \
        }                                                                                     \
      }                                                                                       \
    }                                                                                         \
  }
ADAPTIVE_MAX(float, f32)
ADAPTIVE_MAX(double, f64)

int nn_adaptive_max_pool2d(ten_tensor *input, const int64_t output_size[2], ten_tensor **out, ten_tensor **indices) {
  *out = *indices = NULL;
  if (nn_check_cpu(input, "adaptive_max_pool2d")) return -1;
  char b[128];
  int nd = input->ndim;
  if (nd != 3 && nd != 4)
    return ten_error_set(TEN_E_RUNTIME, "adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: %s",
                         nn_shape_str(input, b, sizeof b));
  for (int i = 1; i < nd; i++)
    if (input->shape[i] <= 0)
      return ten_error_set(TEN_E_RUNTIME,
                           "adaptive_max_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes %s with dimension %d being empty",
                           nn_shape_str(input, b, sizeof b), i);
  if (output_size[0] < 0 || output_size[1] < 0) {
    int64_t s[4];
    for (int i = 0; i < nd - 2; i++) s[i] = input->shape[i];
    s[nd - 2] = output_size[0];
    s[nd - 1] = output_size[1];
    ten_format_shape(s, nd, b, sizeof b);
    return ten_error_set(TEN_E_RUNTIME, "Trying to create tensor with negative dimension %lld: %s",
                         (long long)(output_size[0] < 0 ? output_size[0] : output_size[1]), b);
  }
  if (nn_check_float(input, "adaptive_max_pool2d")) return -1;
  ten_tensor *x = ten_contiguous(input);
  if (!x || alloc_pool_outputs(input, output_size[0], output_size[1], out, indices)) {
    ten_release(x);
    return -1;
  }
  int64_t H = input->shape[nd - 2], W = input->shape[nd - 1], planes = ten_numel(input) / (H * W);
  if (input->dtype == TEN_DTYPE_F32)
    adaptive_max_f32(ten_data_ptr(x), ten_data_ptr(*out), ten_data_ptr(*indices), planes, H, W, output_size[0], output_size[1]);
  else
    adaptive_max_f64(ten_data_ptr(x), ten_data_ptr(*out), ten_data_ptr(*indices), planes, H, W, output_size[0], output_size[1]);
  ten_release(x);
  return 0;
}

/* ---- backward (both): grad_input[plane][idx] += grad_output ---- */

#define MAX_BACKWARD(T, S)                                                                    \
  static void max_backward_##S(const T *go, const int64_t *idx, T *gx, int64_t planes, int64_t HW, int64_t OHW) { \
    int nt = nn_threads(planes * (HW + OHW));                                                 \
    _Pragma("omp parallel for num_threads(nt) if(nt > 1) schedule(static)")                   \
    for (int64_t c = 0; c < planes; c++) {                                                    \
      T *gp = gx + c * HW;                                                                    \
      for (int64_t i = 0; i < OHW; i++) {                                                     \
        int64_t k = idx[c * OHW + i];                                                         \
        if (k != -1) gp[k] += go[c * OHW + i];                                                \
      }                                                                                       \
    }                                                                                         \
  }
MAX_BACKWARD(float, f32)
MAX_BACKWARD(double, f64)

ten_tensor *nn_max_pool2d_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *indices) {
  if (nn_check_cpu(grad_out, "max_pool2d_backward")) return NULL;
  if (nn_check_float(input, "max_pool2d_with_indices_backward")) return NULL;
  if (grad_out->ndim != input->ndim || indices->ndim != input->ndim || ten_numel(grad_out) != ten_numel(indices)) {
    char a[128], b[128];
    ten_error_set(TEN_E_RUNTIME, "max_pool2d backward: grad_output of size %s does not match indices of size %s",
                  nn_shape_str(grad_out, a, sizeof a), nn_shape_str(indices, b, sizeof b));
    return NULL;
  }
  int nd = input->ndim;
  int64_t HW = input->shape[nd - 2] * input->shape[nd - 1];
  int64_t OHW = grad_out->shape[nd - 2] * grad_out->shape[nd - 1];
  int64_t planes = HW ? ten_numel(input) / HW : 0;
  ten_tensor *g1 = ten_to_dtype(grad_out, input->dtype, false), *go = g1 ? ten_contiguous(g1) : NULL;
  ten_tensor *ix = go ? ten_contiguous(indices) : NULL;
  ten_tensor *gx = ix ? ten_zeros(input->shape, nd, input->dtype, TEN_CPU) : NULL;
  if (gx) {
    if (input->dtype == TEN_DTYPE_F32) max_backward_f32(ten_data_ptr(go), ten_data_ptr(ix), ten_data_ptr(gx), planes, HW, OHW);
    else max_backward_f64(ten_data_ptr(go), ten_data_ptr(ix), ten_data_ptr(gx), planes, HW, OHW);
  }
  ten_release(g1);
  ten_release(go);
  ten_release(ix);
  return gx;
}
