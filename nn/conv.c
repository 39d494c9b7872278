/*
** nn/conv.c — convolution (conv1d, conv2d; stride, padding, dilation, groups, bias) as im2col +
** BLAS gemm, forward and backward, with at::convolution's checks and error texts.
** float64 runs ATen's slow_conv2d algorithm exactly (one gemm per sample and group with the bias
** preloaded into C, grad_weight summed sample by sample with beta 1, columns accumulated back in
** ATen's order), so it agrees with PyTorch bit for bit. float32, which PyTorch hands to oneDNN
** (results that differ in the last bits anyway), splits the batch over the cores and multiplies a
** few samples per gemm (see plan_for).
*/
#include <cblas.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/internal.h"

typedef struct conv_geom {
  int64_t N, C, O, G, Cg, Og;
  int64_t K, P, HW;          /* Cg*kh*kw, OH*OW, H*W */
  nn_im2col_geom ig;         /* one group's planes (C = Cg) */
  bool identity;             /* 1x1 kernel, stride 1, no padding: the columns are the input itself */
  int out_ndim;
  int64_t out_shape[4];
} conv_geom;

/* c10's TypeMeta names (the "Input type (float) and bias type (double)" message). */
static const char *type_meta_name(ten_dtype dt) {
  switch (dt) {
  case TEN_DTYPE_F32: return "float";
  case TEN_DTYPE_F64: return "double";
  case TEN_DTYPE_I64: return "long int";
  case TEN_DTYPE_I32: return "int";
  case TEN_DTYPE_U8: return "unsigned char";
  case TEN_DTYPE_BOOL: return "bool";
  default: return "unknown";
  }
}

static void fmt_list(const int64_t *v, int n, const char *sep, char *buf, size_t len) {
  size_t k = 0;
  buf[0] = 0;
  for (int i = 0; i < n && k < len; i++) k += (size_t)snprintf(buf + k, len - k, "%s%lld", i ? sep : "", (long long)v[i]);
}

/* check_shape_forward and friends (ATen's order), then the geometry. */
static int conv_setup(const ten_tensor *input, const ten_tensor *weight, const ten_tensor *bias, const nn_conv_opts *o,
                      conv_geom *g) {
  char a[128], b[128], c[128];
  int ns = o->nspatial == 1 ? 1 : 2;
  if (bias && bias->dtype != input->dtype)
    return ten_error_set(TEN_E_RUNTIME, "Input type (%s) and bias type (%s) should be the same",
                         type_meta_name(input->dtype), type_meta_name(bias->dtype));
  if (o->groups <= 0) return ten_error_set(TEN_E_RUNTIME, "non-positive groups is not supported");
  for (int i = 0; i < ns; i++)
    if (o->padding[i] < 0) return ten_error_set(TEN_E_RUNTIME, "negative padding is not supported");
  for (int i = 0; i < ns; i++)
    if (o->stride[i] <= 0) return ten_error_set(TEN_E_RUNTIME, "non-positive stride is not supported");
  for (int i = 0; i < ns; i++)
    if (o->dilation[i] <= 0) {
      fmt_list(o->dilation, ns, ", ", a, sizeof a);
      return ten_error_set(TEN_E_RUNTIME, "dilation should be greater than zero, but got [%s]", a);
    }
  int64_t G = o->groups;
  if (weight->ndim != input->ndim || input->ndim != ns + 2)
    return ten_error_set(TEN_E_RUNTIME,
                         "Expected %d-dimensional input for %d-dimensional weight %s, but got %d-dimensional input of size %s instead",
                         weight->ndim, weight->ndim, nn_shape_str(weight, a, sizeof a), input->ndim,
                         nn_shape_str(input, b, sizeof b));
  if (weight->shape[0] < G)
    return ten_error_set(TEN_E_RUNTIME,
                         "Given groups=%lld, expected weight to be at least %lld at dimension 0, but got weight of size %s instead",
                         (long long)G, (long long)G, nn_shape_str(weight, a, sizeof a));
  if (weight->shape[0] % G != 0)
    return ten_error_set(TEN_E_RUNTIME,
                         "Given groups=%lld, expected weight to be divisible by %lld at dimension 0, but got weight of size [%s] instead",
                         (long long)G, (long long)G, nn_shape_str(weight, a, sizeof a));
  if (input->shape[1] != weight->shape[1] * G)
    return ten_error_set(TEN_E_RUNTIME,
                         "Given groups=%lld, weight of size %s, expected input%s to have %lld channels, but got %lld channels instead",
                         (long long)G, nn_shape_str(weight, a, sizeof a), nn_shape_str(input, b, sizeof b),
                         (long long)(weight->shape[1] * G), (long long)input->shape[1]);
  if (bias && (bias->ndim != 1 || bias->shape[0] != weight->shape[0]))
    return ten_error_set(TEN_E_RUNTIME,
                         "Given weight of size %s, expected bias to be 1-dimensional with %lld elements, but got bias of size %s instead",
                         nn_shape_str(weight, a, sizeof a), (long long)weight->shape[0], nn_shape_str(bias, b, sizeof b));
  int64_t padded[2], kern[2];
  bool fits = true;
  for (int i = 0; i < ns; i++) {
    padded[i] = input->shape[2 + i] + 2 * o->padding[i];
    kern[i] = o->dilation[i] * (weight->shape[2 + i] - 1) + 1;
    if (padded[i] < kern[i]) fits = false;
  }
  if (!fits) {
    fmt_list(padded, ns, " x ", a, sizeof a);
    fmt_list(kern, ns, " x ", c, sizeof c);
    return ten_error_set(TEN_E_RUNTIME,
                         "Calculated padded input size per channel: (%s). Kernel size: (%s). Kernel size can't be greater than actual input size",
                         a, c);
  }
  if (nn_check_same_dtype(input, weight)) return -1;
  if (ten_device_of(input).type != TEN_DEV_CPU || ten_device_of(weight).type != TEN_DEV_CPU ||
      (bias && ten_device_of(bias).type != TEN_DEV_CPU))
    return ten_error_set(TEN_E_RUNTIME, "convolution: only CPU tensors are supported");
  if (nn_check_float(input, "slow_conv2d_cpu")) return -1;

  /* geometry; a 1-D convolution is a 2-D one with H = 1 and 1-row kernels */
  memset(g, 0, sizeof *g);
  g->N = input->shape[0];
  g->C = input->shape[1];
  g->O = weight->shape[0];
  g->G = G;
  g->Cg = g->C / G;
  g->Og = g->O / G;
  nn_im2col_geom *ig = &g->ig;
  ig->C = g->Cg;
  ig->H = ns == 2 ? input->shape[2] : 1;
  ig->W = input->shape[ns + 1];
  ig->kh = ns == 2 ? weight->shape[2] : 1;
  ig->kw = weight->shape[ns + 1];
  ig->sh = ns == 2 ? o->stride[0] : 1;
  ig->sw = o->stride[ns - 1];
  ig->ph = ns == 2 ? o->padding[0] : 0;
  ig->pw = o->padding[ns - 1];
  ig->dh = ns == 2 ? o->dilation[0] : 1;
  ig->dw = o->dilation[ns - 1];
  ig->OH = (ig->H + 2 * ig->ph - ig->dh * (ig->kh - 1) - 1) / ig->sh + 1;
  ig->OW = (ig->W + 2 * ig->pw - ig->dw * (ig->kw - 1) - 1) / ig->sw + 1;
  g->K = g->Cg * ig->kh * ig->kw;
  g->P = ig->OH * ig->OW;
  g->HW = ig->H * ig->W;
  g->identity = ig->kh == 1 && ig->kw == 1 && ig->sh == 1 && ig->sw == 1 && ig->ph == 0 && ig->pw == 0;
  g->out_ndim = ns + 2;
  g->out_shape[0] = g->N;
  g->out_shape[1] = g->O;
  if (ns == 2) {
    g->out_shape[2] = ig->OH;
    g->out_shape[3] = ig->OW;
  } else {
    g->out_shape[2] = ig->OW;
  }
  return 0;
}

static bool same_shape(const ten_tensor *t, const int64_t *shape, int nd) {
  if (t->ndim != nd) return false;
  for (int i = 0; i < nd; i++)
    if (t->shape[i] != shape[i]) return false;
  return true;
}

/* cblas_sgemm's signature over ten_blas_sgemm (OpenBLAS's bits, faster where it can) */
static void conv_sgemm(CBLAS_ORDER order, CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, blasint m, blasint n, blasint k,
                       float alpha, const float *a, blasint lda, const float *b, blasint ldb, float beta, float *c,
                       blasint ldc) {
  (void)order;   /* always CblasRowMajor here */
  ten_blas_sgemm(ta == CblasTrans, tb == CblasTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

#define GEMM_F32 conv_sgemm
#define GEMM_F64 cblas_dgemm
#define GEMM_F32_GEMM conv_sgemm
#define nn_im2col_F32_GEMM nn_im2col_f32
#define nn_im2col_F32 nn_im2col_f32
#define nn_im2col_F64 nn_im2col_f64
#define nn_col2im_F32 nn_col2im_f32
#define nn_col2im_F64 nn_col2im_f64

/* ---- the work over a run of samples [n0, n1), nb at a time (buffers from the caller) ---- */

/* Buffer sizes for chunks of nb samples: col (K x nb*P), tmp (Og x nb*P). */
static int64_t col_elems(const conv_geom *g, int64_t nb) { return g->identity && nb == 1 ? 0 : g->K * nb * g->P; }
static int64_t tmp_elems(const conv_geom *g, int64_t nb) { return nb > 1 ? g->Og * nb * g->P : 0; }

/* y (N, O, P) = conv(x (N, C, HW), w (O, K)) + b for samples n0..n1. With one sample per gemm the
   product lands in y directly, on top of the bias (ATen's slow_conv2d: output.copy_(bias), beta 1). */
#define CONV_FWD_RANGE(T, S)                                                                   \
  static void conv_fwd_range_##S(const conv_geom *g, int64_t n0, int64_t n1, int64_t nb, const T *x, const T *w, \
                                 const T *b, T *y, T *col, T *tmp) {                          \
    int64_t K = g->K, P = g->P, Og = g->Og;                                                    \
    for (int64_t s = n0; s < n1; s += nb) {                                                    \
      int64_t m = n1 - s < nb ? n1 - s : nb, ld = m * P;                                       \
      for (int64_t gi = 0; gi < g->G; gi++) {                                                  \
        const T *xg = x + (s * g->C + gi * g->Cg) * g->HW, *cp = xg;                           \
        if (!(g->identity && m == 1)) {                                                        \
          nn_im2col_##S(&g->ig, xg, g->C * g->HW, m, col, ld);                                 \
          cp = col;                                                                            \
        }                                                                                      \
        T *dst = m == 1 ? y + (s * g->O + gi * Og) * P : tmp;                                  \
        if (b)                                                                                 \
          for (int64_t o = 0; o < Og; o++)                                                     \
            for (int64_t p = 0; p < ld; p++) dst[o * ld + p] = b[gi * Og + o];                 \
        if (ld > 0 && Og > 0) {                                                                \
          if (K > 0)                                                                           \
            GEMM_##S(CblasRowMajor, CblasNoTrans, CblasNoTrans, (blasint)Og, (blasint)ld, (blasint)K, 1, \
                     w + gi * Og * K, (blasint)K, cp, (blasint)ld, b ? 1 : 0, dst, (blasint)ld); \
          else if (!b)                                                                         \
            memset(dst, 0, sizeof(T) * (size_t)(Og * ld));                                     \
        }                                                                                      \
        for (int64_t t = 0; m > 1 && t < m * Og; t++) {                                        \
          int64_t nl = t / Og, o = t % Og;                                                     \
          memcpy(y + ((s + nl) * g->O + gi * Og + o) * P, tmp + o * ld + nl * P, sizeof(T) * (size_t)P); \
        }                                                                                      \
      }                                                                                        \
    }                                                                                          \
  }

/* gx (N, C, HW) += and gw (O, K) += from go (N, O, P) for samples n0..n1; either may be NULL.
   gob (Og x nb*P) holds a chunk's grad_output when nb > 1, colg its column gradient. */
#define CONV_BWD_RANGE(T, S)                                                                   \
  static void conv_bwd_range_##S(const conv_geom *g, int64_t n0, int64_t n1, int64_t nb, const T *x, const T *w, \
                                 const T *go, T *gx, T *gw, T *col, T *colg, T *gob) {        \
    int64_t K = g->K, P = g->P, Og = g->Og;                                                    \
    for (int64_t s = n0; s < n1; s += nb) {                                                    \
      int64_t m = n1 - s < nb ? n1 - s : nb, ld = m * P;                                       \
      for (int64_t gi = 0; gi < g->G; gi++) {                                                  \
        const T *gop = go + (s * g->O + gi * Og) * P;                                          \
        if (m > 1) {                                                                           \
          for (int64_t t = 0; t < m * Og; t++) {                                               \
            int64_t nl = t / Og, o = t % Og;                                                   \
            memcpy(gob + o * ld + nl * P, go + ((s + nl) * g->O + gi * Og + o) * P, sizeof(T) * (size_t)P); \
          }                                                                                    \
          gop = gob;                                                                           \
        }                                                                                      \
        if (ld == 0 || Og == 0 || K == 0) continue;                                            \
        if (gw) {   /* grad_weight += grad_output @ columns^T (beta 1, sample after sample) */ \
          const T *xg = x + (s * g->C + gi * g->Cg) * g->HW, *cp = xg;                         \
          if (!(g->identity && m == 1)) {                                                      \
            nn_im2col_##S(&g->ig, xg, g->C * g->HW, m, col, ld);                               \
            cp = col;                                                                          \
          }                                                                                    \
          GEMM_##S(CblasRowMajor, CblasNoTrans, CblasTrans, (blasint)Og, (blasint)K, (blasint)ld, 1, gop, \
                   (blasint)ld, cp, (blasint)ld, 1, gw + gi * Og * K, (blasint)K);             \
        }                                                                                      \
        if (gx) {   /* columns' gradient = weight^T @ grad_output, accumulated into planes */  \
          GEMM_##S(CblasRowMajor, CblasTrans, CblasNoTrans, (blasint)K, (blasint)ld, (blasint)Og, 1, \
                   w + gi * Og * K, (blasint)K, gop, (blasint)ld, 0, colg, (blasint)ld);       \
          nn_col2im_##S(&g->ig, colg, ld, m, gx + (s * g->C + gi * g->Cg) * g->HW, g->C * g->HW); \
        }                                                                                      \
      }                                                                                        \
    }                                                                                          \
  }

CONV_FWD_RANGE(float, F32_GEMM)
CONV_FWD_RANGE(double, F64)
CONV_BWD_RANGE(float, F32)
CONV_BWD_RANGE(double, F64)

/* ---- how the work is split ----
   float64 (ATen's exact order): one sample per gemm, samples in order, BLAS threads each gemm.
   float32: the samples are split into one contiguous run per thread (OpenMP); each thread multiplies
   chunks of samples whose columns stay in cache (~512 kB) with single-threaded BLAS calls, so the two
   thread pools never compete for the cores; grad_weight is summed per thread, then in thread order. */

typedef struct conv_plan {
  int nt;          /* threads */
  int64_t nb;      /* samples per gemm */
} conv_plan;

static conv_plan plan_for(const conv_geom *g, ten_dtype dt) {
  conv_plan p = {1, 1};
  if (dt == TEN_DTYPE_F64 || g->N == 0) return p;
  int64_t work = g->N * g->O * g->P * (g->K > 0 ? g->K : 1);
  p.nt = g->N >= 2 && work >= ((int64_t)1 << 18) ? nn_threads(work) : 1;
  if (p.nt > g->N) p.nt = (int)g->N;
  int64_t per = g->K * g->P > 0 ? g->K * g->P : 1, share = (g->N + p.nt - 1) / p.nt;
  p.nb = ((int64_t)(getenv("NB_ELEMS") ? atoi(getenv("NB_ELEMS")) : 131072)) / per;
  if (p.nb < 1) p.nb = 1;
  if (p.nb > share) p.nb = share;
  return p;
}

/* Runs body(tid, n0, n1) on p->nt threads, BLAS single-threaded while they run. */
#define RUN_SPLIT(p, N, ...)                                                                  \
  do {                                                                                         \
    int blas_prev = (p)->nt > 1 ? openblas_get_num_threads() : 0;                              \
    if ((p)->nt > 1) openblas_set_num_threads(1);                                              \
    int nt_ = (p)->nt;                                                                         \
    _Pragma("omp parallel num_threads(nt_) if(nt_ > 1)")                                       \
    {                                                                                          \
      int tid = omp_get_thread_num();                                                          \
      int64_t n0 = (N) * tid / (p)->nt, n1 = (N) * (tid + 1) / (p)->nt;                        \
      __VA_ARGS__;                                                                             \
    }                                                                                          \
    if ((p)->nt > 1) openblas_set_num_threads(blas_prev);                                      \
  } while (0)

#define CONV_FORWARD(T, S)                                                                     \
  static int conv_forward_##S(const conv_geom *g, const T *x, const T *w, const T *b, T *y) {  \
    conv_plan p = plan_for(g, sizeof(T) == 4 ? TEN_DTYPE_F32 : TEN_DTYPE_F64);                 \
    int64_t cs = col_elems(g, p.nb), ts = tmp_elems(g, p.nb);                                  \
    T *buf = malloc(sizeof(T) * (size_t)((cs + ts) * p.nt + 1));                               \
    if (!buf) return ten_error_set(TEN_E_NOMEM, "conv2d: out of memory");                      \
    RUN_SPLIT(&p, g->N, {                                                                      \
      T *col = buf + (cs + ts) * tid;                                                          \
      conv_fwd_range_##S(g, n0, n1, p.nb, x, w, b, y, col, col + cs);                          \
    });                                                                                        \
    free(buf);                                                                                 \
    return 0;                                                                                  \
  }

#define CONV_BACKWARD(T, S)                                                                    \
  static int conv_backward_##S(const conv_geom *g, const T *x, const T *w, const T *go, T *gx, T *gw) { \
    conv_plan p = plan_for(g, sizeof(T) == 4 ? TEN_DTYPE_F32 : TEN_DTYPE_F64);                 \
    int64_t cs = gw ? col_elems(g, p.nb) : 0, gs = gx ? g->K * p.nb * g->P : 0, os = tmp_elems(g, p.nb); \
    int64_t ws = gw && p.nt > 1 ? g->O * g->K : 0, per = cs + gs + os + ws;                   \
    T *buf = malloc(sizeof(T) * (size_t)(per * p.nt + 1));                                     \
    if (!buf) return ten_error_set(TEN_E_NOMEM, "conv2d backward: out of memory");             \
    if (ws) memset(buf, 0, sizeof(T) * (size_t)(per * p.nt));                                  \
    RUN_SPLIT(&p, g->N, {                                                                      \
      T *col = buf + per * tid, *colg = col + cs, *gob = colg + gs, *gwt = gob + os;           \
      conv_bwd_range_##S(g, n0, n1, p.nb, x, w, go, gx, gw ? (ws ? gwt : gw) : NULL, col, colg, gob); \
    });                                                                                        \
    for (int t = 0; ws && t < p.nt; t++) {                                                     \
      const T *part = buf + per * t + cs + gs + os;                                            \
      for (int64_t i = 0; i < g->O * g->K; i++) gw[i] += part[i];                              \
    }                                                                                          \
    free(buf);                                                                                 \
    return 0;                                                                                  \
  }

CONV_FORWARD(float, F32_GEMM)
CONV_FORWARD(double, F64)

/* float32: stride-1 convolutions go to the direct kernel (conv_direct.c), the rest to im2col + gemm. */
static int conv_forward_F32(const conv_geom *g, const float *x, const float *w, const float *b, float *y) {
  if (!nn_conv_direct_ok(&g->ig)) return conv_forward_F32_GEMM(g, x, w, b, y);
  conv_plan p = plan_for(g, TEN_DTYPE_F32);
  int64_t K = g->K, Og = g->Og, Opad = (Og + 7) / 8 * 8;
  int64_t xs = g->Cg * (g->ig.H + 2 * g->ig.ph) * nn_conv_direct_row(&g->ig), per = xs + 64;
  float *wpad = calloc((size_t)(g->G * Opad * (K + 1) + 1), sizeof(float)), *bpad = wpad + g->G * Opad * K;
  float *buf = malloc(sizeof(float) * (size_t)(per * p.nt + 1));
  if (!wpad || !buf) {
    free(wpad);
    free(buf);
    return ten_error_set(TEN_E_NOMEM, "conv2d: out of memory");
  }
  for (int64_t gi = 0; gi < g->G; gi++)
    for (int64_t o = 0; o < Og; o++) {
      memcpy(wpad + (gi * Opad + o) * K, w + (gi * Og + o) * K, sizeof(float) * (size_t)K);
      bpad[gi * Opad + o] = b ? b[gi * Og + o] : 0.0f;
    }
  RUN_SPLIT(&p, g->N, {
    float *xbuf = buf + per * tid, *tile = xbuf + xs;
    for (int64_t s = n0; s < n1; s++)
      for (int64_t gi = 0; gi < g->G; gi++)
        nn_conv_direct_f32(&g->ig, Og, x + (s * g->C + gi * g->Cg) * g->HW, wpad + gi * Opad * K, bpad + gi * Opad,
                           y + (s * g->O + gi * Og) * g->P, xbuf, tile);
  });
  free(wpad);
  free(buf);
  return 0;
}
CONV_BACKWARD(float, F32)
CONV_BACKWARD(double, F64)

ten_tensor *nn_conv(ten_tensor *input, ten_tensor *weight, ten_tensor *bias, const nn_conv_opts *o) {
  if (nn_check_cpu(input, "conv")) return NULL;
  conv_geom g;
  if (conv_setup(input, weight, bias, o, &g)) return NULL;
  ten_tensor *x = ten_contiguous(input), *w = x ? ten_contiguous(weight) : NULL;
  ten_tensor *b = w && bias ? ten_contiguous(bias) : NULL;
  ten_tensor *y = w && (b || !bias) ? ten_empty(g.out_shape, g.out_ndim, input->dtype, TEN_CPU) : NULL;
  if (y) {
    int rc = input->dtype == TEN_DTYPE_F32
                 ? conv_forward_F32(&g, ten_data_ptr(x), ten_data_ptr(w), b ? ten_data_ptr(b) : NULL, ten_data_ptr(y))
                 : conv_forward_F64(&g, ten_data_ptr(x), ten_data_ptr(w), b ? ten_data_ptr(b) : NULL, ten_data_ptr(y));
    if (rc) {
      ten_release(y);
      y = NULL;
    }
  }
  ten_release(x);
  ten_release(w);
  ten_release(b);
  return y;
}

int nn_conv_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *weight, const nn_conv_opts *o,
                     ten_tensor **grad_input, ten_tensor **grad_weight, ten_tensor **grad_bias) {
  conv_geom g;
  if (grad_input) *grad_input = NULL;
  if (grad_weight) *grad_weight = NULL;
  if (grad_bias) *grad_bias = NULL;
  if (nn_check_cpu(grad_out, "conv_backward")) return -1;
  if (conv_setup(input, weight, NULL, o, &g)) return -1;
  if (!same_shape(grad_out, g.out_shape, g.out_ndim)) {
    char a[128], b[128];
    ten_format_shape(g.out_shape, g.out_ndim, b, sizeof b);
    return ten_error_set(TEN_E_RUNTIME, "convolution_backward: grad_output of size %s, expected %s",
                         nn_shape_str(grad_out, a, sizeof a), b);
  }
  ten_tensor *go = ten_to_dtype(grad_out, input->dtype, false), *goc = go ? ten_contiguous(go) : NULL;
  ten_release(go);
  if (!goc) return -1;
  int rc = 0;
  if (grad_bias) {
    int64_t dims[3] = {0, 2, 3};
    *grad_bias = ten_sum(goc, dims, g.out_ndim - 1, false, TEN_DTYPE_UNSET);
    if (!*grad_bias) rc = -1;
  }
  ten_tensor *x = NULL, *w = NULL, *gx = NULL, *gw = NULL;
  if (rc == 0 && (grad_input || grad_weight)) {
    x = grad_weight ? ten_contiguous(input) : NULL;
    w = grad_input ? ten_contiguous(weight) : NULL;
    gx = grad_input ? ten_zeros(input->shape, input->ndim, input->dtype, TEN_CPU) : NULL;
    gw = grad_weight ? ten_zeros(weight->shape, weight->ndim, weight->dtype, TEN_CPU) : NULL;
    if ((grad_weight && (!x || !gw)) || (grad_input && (!w || !gx))) rc = -1;
    if (rc == 0) {
      void *px = x ? ten_data_ptr(x) : NULL, *pw = w ? ten_data_ptr(w) : NULL;
      void *pgx = gx ? ten_data_ptr(gx) : NULL, *pgw = gw ? ten_data_ptr(gw) : NULL;
      rc = input->dtype == TEN_DTYPE_F32 ? conv_backward_F32(&g, px, pw, ten_data_ptr(goc), pgx, pgw)
                                          : conv_backward_F64(&g, px, pw, ten_data_ptr(goc), pgx, pgw);
    }
  }
  ten_release(x);
  ten_release(w);
  ten_release(goc);
  if (rc) {
    ten_release(gx);
    ten_release(gw);
    if (grad_bias) {
      ten_release(*grad_bias);
      *grad_bias = NULL;
    }
    return -1;
  }
  if (grad_input) *grad_input = gx;
  if (grad_weight) *grad_weight = gw;
  return 0;
}
