/*
** nn/batch_norm.c — native_batch_norm and its backward on (N, C, *) as ATen's contiguous CPU
** kernels compute them: statistics accumulated in double (two passes: mean, then the sum of squared
** deviations), 1 / sqrt(var_sum / n + eps) in double, running stats updated with the unbiased
** variance, output = x * alpha + beta with per-channel alpha = invstd * weight and
** beta = bias - mean * alpha; the backward's per-plane sums in the order of ATen's vectorised
** reduce_all (8 float / 4 double lanes, AVX2), added into double accumulators.
** PyTorch's x86 build compiles these kernels for AVX2+FMA with GCC's default -ffp-contract=fast, so
** every a * b + c in them is one fused multiply-add; the same expressions here call fma() (checked
** against PyTorch: without it outputs differ in the last bit for about a third of the elements).
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nn/internal.h"

/* The per-channel bodies: a Haswell clone (hardware fma) and a baseline one (libm's exact fma). */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__) && !defined(CT_NO_TARGET_CLONES)
#define NN_FMA __attribute__((target_clones("arch=haswell", "default")))
#else
#define NN_FMA
#endif
#define FMA_f32 fmaf
#define FMA_f64 fma

/* ---- vec::reduce_all / map2_reduce_all of the AVX2 build, emulated lane by lane ---- */

/* Horizontal sum of 8 float lanes: VecReduceAllSIMD<float> (128-bit, 64-bit, 32-bit shuffles). */
static float hsum8(const float *v) {
  float u[4], w[2];
  for (int i = 0; i < 4; i++) u[i] = v[i] + v[i + 4];
  w[0] = u[0] + u[2];
  w[1] = u[1] + u[3];
  return w[0] + w[1];
}

/* Horizontal sum of 4 double lanes: the generic vec_reduce_all, lane 0 first. */
static double hsum4(const double *v) { return ((v[0] + v[1]) + v[2]) + v[3]; }

/* reduce_all(a) (mode 0) or map2_reduce_all((a - mean) * b) (mode 1) over n, in ATen's lane order;
   the map and the reduction fuse into acc + (a - mean) * b = fma once inlined. */
#define VSUM(T, S, L, HSUM)                                                                   \
  static inline T vsum_##S(const T *a, const T *b, T mean, int64_t n, int mode) {            \
    if (n < L) {                                                                              \
      T acc = n > 0 ? (mode ? (a[0] - mean) * b[0] : a[0]) : (T)0;                            \
      for (int64_t i = 1; i < n; i++) acc = acc + (mode ? (a[i] - mean) * b[i] : a[i]);       \
      return acc;                                                                             \
    }                                                                                         \
    T acc[L];                                                                                 \
    for (int i = 0; i < L; i++) acc[i] = mode ? (a[i] - mean) * b[i] : a[i];                  \
    int64_t d = L;                                                                            \
    for (; d < n - (n % L); d += L)                                                           \
      for (int i = 0; i < L; i++) acc[i] = mode ? FMA_##S(a[d + i] - mean, b[d + i], acc[i]) : acc[i] + a[d + i]; \
    for (int64_t i = 0; i < n - d; i++)                                                       \
      acc[i] = mode ? FMA_##S(a[d + i] - mean, b[d + i], acc[i]) : acc[i] + a[d + i];         \
    return HSUM(acc);                                                                         \
  }
VSUM(float, f32, 8, hsum8)
VSUM(double, f64, 4, hsum4)

/* ---- forward ---- */

/* (N, C) inputs (image size 1) take ATen's channels-last kernels ("NC11 is also channels last"):
   per-channel float accumulators over the rows (one partial per thread; PyTorch's default here is
   one thread, which is what this reproduces), reduced into double. */
#define BN_ROWS_STATS(T, S)                                                                   \
  static NN_FMA void bn_rows_stats_##S(const T *x, int64_t N, int64_t C, int64_t c, T *mean, T *var_sum) { \
    if (N > 1) {                                                                              \
      T buf = 0;                                                                              \
      for (int64_t i = 0; i < N; i++) buf = x[i * C + c] + buf;                               \
      *mean = (T)((double)buf / (double)N);                                                   \
      buf = 0;                                                                                \
      for (int64_t i = 0; i < N; i++) buf = FMA_##S(x[i * C + c] - *mean, x[i * C + c] - *mean, buf); \
      *var_sum = (T)(double)buf;                                                              \
    } else {                                                                                  \
      double sum = 0, vs = 0;                                                                 \
      for (int64_t i = 0; i < N; i++) sum += x[i * C + c];                                    \
      *mean = (T)(sum / (double)N);                                                           \
      for (int64_t i = 0; i < N; i++) vs += (double)(T)((x[i * C + c] - *mean) * (x[i * C + c] - *mean)); \
      *var_sum = (T)vs;                                                                       \
    }                                                                                         \
  }
BN_ROWS_STATS(float, f32)
BN_ROWS_STATS(double, f64)

#define BN_ROWS_BACKWARD(T, S)                                                                \
  static NN_FMA void bn_rows_backward_##S(const T *go, const T *x, int64_t N, int64_t C, int64_t c, T wv, T mean, \
                                          T invstd, bool training, T *gx, T *gw, T *gb) {     \
    T sum = 0, dotp = 0;                                                                      \
    for (int64_t i = 0; i < N; i++) {                                                         \
      sum = sum + go[i * C + c];                                                              \
      dotp = FMA_##S(x[i * C + c] - mean, go[i * C + c], dotp);                               \
    }                                                                                         \
    sum = (T)(double)sum;                                                                     \
    dotp = (T)(double)dotp;                                                                   \
    if (gx) {                                                                                 \
      if (training) {                                                                         \
        T k = dotp * invstd * invstd / (T)N, grad_mean = sum / (T)N;                          \
        for (int64_t i = 0; i < N; i++)                                                       \
          gx[i * C + c] = ((go[i * C + c] - grad_mean) - (x[i * C + c] - mean) * k) * invstd * wv; \
      } else {                                                                                \
        for (int64_t i = 0; i < N; i++) gx[i * C + c] = go[i * C + c] * invstd * wv;          \
      }                                                                                       \
    }                                                                                         \
    if (gw) gw[c] = dotp * invstd;                                                            \
    if (gb) gb[c] = sum;                                                                      \
  }
BN_ROWS_BACKWARD(float, f32)
BN_ROWS_BACKWARD(double, f64)


/* Channel c of x (B, C, S) contiguous. Training: mean and var_sum (batch_norm_cpu_collect_stats),
   save_mean, save_invstd and the running stats (update_stats); then y = x * alpha + beta. */
#define BN_CHANNEL(T, S)                                                                      \
  static NN_FMA void bn_channel_##S(const T *x, T *y, int64_t B, int64_t C, int64_t Sz, int64_t c, const T *w, \
                                    const T *b, T *rm, T *rv, bool training, double momentum, double eps, T *smean, \
                                    T *sinv) {                                                \
    int64_t n = B * Sz;                                                                       \
    T mean, invstd;                                                                           \
    if (training) {                                                                           \
      T var_sum;                                                                              \
      if (Sz == 1) {                                                                          \
        bn_rows_stats_##S(x, B, C, c, &mean, &var_sum);                                       \
      } else {                                                                                \
        double sum = 0;                                                                       \
        for (int64_t i = 0; i < B; i++)                                                       \
          for (int64_t j = 0; j < Sz; j++) sum += x[(i * C + c) * Sz + j];                    \
        mean = (T)(sum / (double)n);                                                          \
        double vs = 0;                                                                        \
        for (int64_t i = 0; i < B; i++)                                                       \
          for (int64_t j = 0; j < Sz; j++) {                                                  \
            T d = x[(i * C + c) * Sz + j] - mean;                                             \
            vs += (double)(T)(d * d);                                                         \
          }                                                                                   \
        var_sum = (T)vs;                                                                      \
      }                                                                                       \
      double v = (double)(var_sum / (T)n);                                                    \
      invstd = (T)((v == 0 && eps == 0) ? 0.0 : 1.0 / sqrt(v + eps));                         \
      smean[c] = mean;                                                                        \
      sinv[c] = invstd;                                                                       \
      T mom = (T)momentum;                                                                    \
      /* update_stats lives in Normalization.cpp, compiled without FMA */                    \
      if (rm) rm[c] = mom * mean + ((T)1 - mom) * rm[c];                                      \
      if (rv) {                                                                               \
        double unbiased = (double)(var_sum / (T)(n - 1));   /* float / int64 in ATen */       \
        rv[c] = (T)((double)mom * unbiased + (double)(((T)1 - mom) * rv[c]));                 \
      }                                                                                       \
    } else {                                                                                  \
      mean = rm[c];                                                                           \
      invstd = (T)1 / (T)sqrt((double)(rv[c] + (T)eps));                                      \
    }                                                                                         \
    T wv = w ? w[c] : (T)1, bv = b ? b[c] : (T)0;                                             \
    T alpha = invstd * wv, beta = FMA_##S(-mean, alpha, bv);                                  \
    for (int64_t i = 0; i < B; i++) {                                                         \
      const T *xp = x + (i * C + c) * Sz;                                                     \
      T *yp = y + (i * C + c) * Sz;                                                           \
      for (int64_t j = 0; j < Sz; j++) yp[j] = FMA_##S(xp[j], alpha, beta);                   \
    }                                                                                         \
  }

#define BN_FORWARD(T, S)                                                                      \
  static void bn_forward_##S(const T *x, T *y, int64_t B, int64_t C, int64_t Sz, const T *w, const T *b, \
                             T *rm, T *rv, bool training, double momentum, double eps, T *smean, T *sinv) { \
    int nt = nn_threads(B * C * Sz);                                                          \
    _Pragma("omp parallel for num_threads(nt) if(nt > 1) schedule(static)")                   \
    for (int64_t c = 0; c < C; c++)                                                           \
      bn_channel_##S(x, y, B, C, Sz, c, w, b, rm, rv, training, momentum, eps, smean, sinv);  \
  }
BN_CHANNEL(float, f32)
BN_CHANNEL(double, f64)
BN_FORWARD(float, f32)
BN_FORWARD(double, f64)

/* A (C) parameter: NULL, or 1-D of C elements of input's dtype ("running_mean should contain 3
   elements not 4"). Returns a contiguous new reference in *out (NULL when t is NULL). */
static int param_1d(ten_tensor *t, const ten_tensor *input, int64_t C, const char *name, ten_tensor **out) {
  *out = NULL;
  if (!t) return 0;
  if (ten_numel(t) != C)
    return ten_error_set(TEN_E_RUNTIME, "%s should contain %lld elements not %lld", name, (long long)C,
                         (long long)ten_numel(t));
  if (t->dtype != input->dtype)
    return ten_error_set(TEN_E_RUNTIME, "mixed dtype (CPU): expect parameter to have scalar type of %s",
                         ten_dtype_scalar_name(input->dtype));
  *out = ten_contiguous(t);
  return *out ? 0 : -1;
}

static int bn_input_check(const ten_tensor *input) {
  if (input->ndim < 2) {
    char b[128];
    return ten_error_set(TEN_E_RUNTIME, "batch_norm: expected 2D or more input (got %dD input of size %s)", input->ndim,
                         nn_shape_str(input, b, sizeof b));
  }
  if (ten_device_of(input).type != TEN_DEV_CPU) return ten_error_set(TEN_E_RUNTIME, "batch_norm: only CPU tensors are supported");
  return nn_check_float(input, "batch_norm");
}

int nn_batch_norm(ten_tensor *input, ten_tensor *weight, ten_tensor *bias, ten_tensor *running_mean,
                  ten_tensor *running_var, bool training, double momentum, double eps, ten_tensor **out,
                  ten_tensor **save_mean, ten_tensor **save_invstd) {
  *out = *save_mean = *save_invstd = NULL;
  if (nn_check_cpu(input, "batch_norm")) return -1;
  if (bn_input_check(input)) return -1;
  int64_t C = input->shape[1];
  ten_tensor *w = NULL, *b = NULL, *rm = NULL, *rv = NULL, *x = NULL, *y = NULL, *sm = NULL, *si = NULL;
  int rc = -1;
  /* _batch_norm_impl_index's order: running_mean, running_var, weight, bias */
  if (!training && !running_mean) {
    ten_error_set(TEN_E_RUNTIME, "running_mean must be defined in evaluation mode");
    goto done;
  }
  if (param_1d(running_mean, input, C, "running_mean", &rm)) goto done;
  if (!training && !running_var) {
    ten_error_set(TEN_E_RUNTIME, "running_var must be defined in evaluation mode");
    goto done;
  }
  if (param_1d(running_var, input, C, "running_var", &rv) || param_1d(weight, input, C, "weight", &w) ||
      param_1d(bias, input, C, "bias", &b))
    goto done;
  if (training && ten_numel(input) == 0) {
    char s[128];
    ten_error_set(TEN_E_RUNTIME, "input tensor must have at least one element, but got input_sizes = %s",
                  nn_shape_str(input, s, sizeof s));
    goto done;
  }
  int64_t shape0 = training ? C : 0;
  if (!(x = ten_contiguous(input)) || !(y = ten_empty(input->shape, input->ndim, input->dtype, TEN_CPU)) ||
      !(sm = ten_empty(&shape0, 1, input->dtype, TEN_CPU)) || !(si = ten_empty(&shape0, 1, input->dtype, TEN_CPU)))
    goto done;
  int64_t B = input->shape[0], Sz = B * C != 0 ? ten_numel(input) / (B * C) : 0;
  /* running stats are updated in place (their own storage when contiguous); like ATen's kernel this
     bumps no version counter: native_batch_norm does not declare them mutable */
  bool rm_inplace = rm && rm->storage == running_mean->storage, rv_inplace = rv && rv->storage == running_var->storage;
  if (ten_numel(input) > 0 || !training) {
#define PTR(t) ((t) ? ten_data_ptr(t) : NULL)
    if (input->dtype == TEN_DTYPE_F32)
      bn_forward_f32(ten_data_ptr(x), ten_data_ptr(y), B, C, Sz, PTR(w), PTR(b), PTR(rm), PTR(rv),
                     training, momentum, eps, PTR(sm), PTR(si));
    else
      bn_forward_f64(ten_data_ptr(x), ten_data_ptr(y), B, C, Sz, PTR(w), PTR(b), PTR(rm), PTR(rv), training, momentum,
                     eps, PTR(sm), PTR(si));
#undef PTR
  }
  if (training) {
    if (rm && !rm_inplace && ten_copy_(running_mean, rm)) goto done;
    if (rv && !rv_inplace && ten_copy_(running_var, rv)) goto done;
  }
  rc = 0;
done:
  ten_release(w);
  ten_release(b);
  ten_release(rm);
  ten_release(rv);
  ten_release(x);
  if (rc) {
    ten_release(y);
    ten_release(sm);
    ten_release(si);
    return -1;
  }
  *out = y;
  *save_mean = sm;
  *save_invstd = si;
  return 0;
}

/* ---- backward ---- */

#define BN_CHANNEL_BACKWARD(T, S)                                                             \
  static NN_FMA void bn_channel_backward_##S(const T *go, const T *x, int64_t B, int64_t C, int64_t Sz, int64_t c, \
                                             const T *w, const T *rm, const T *rv, const T *sm, const T *si, \
                                             bool training, double eps, T *gx, T *gw, T *gb) { \
    int64_t n = B * Sz;                                                                       \
    T wv = w ? w[c] : (T)1, mean, invstd;                                                     \
    if (training) {                                                                           \
      mean = sm[c];                                                                           \
      invstd = si[c];                                                                         \
    } else {                                                                                  \
      mean = rm[c];                                                                           \
      invstd = (T)(1.0 / sqrt((double)rv[c] + eps));                                          \
    }                                                                                         \
    if (Sz == 1) {                                                                            \
      bn_rows_backward_##S(go, x, B, C, c, wv, mean, invstd, training, gx, gw, gb);           \
      return;                                                                                 \
    }                                                                                         \
    double sum = 0, dotp = 0;                                                                 \
    for (int64_t i = 0; i < B; i++) {                                                         \
      const T *xp = x + (i * C + c) * Sz, *dy = go + (i * C + c) * Sz;                        \
      sum += vsum_##S(dy, dy, 0, Sz, 0);                                                      \
      dotp += vsum_##S(xp, dy, mean, Sz, 1);                                                  \
    }                                                                                         \
    if (gx) {                                                                                 \
      if (training) {                                                                         \
        T k = (T)dotp * invstd * invstd / (T)n;                                               \
        T grad_mean = (T)(sum / (double)n);                                                   \
        for (int64_t i = 0; i < B; i++) {                                                     \
          const T *xp = x + (i * C + c) * Sz, *dy = go + (i * C + c) * Sz;                    \
          T *dx = gx + (i * C + c) * Sz;                                                      \
          for (int64_t j = 0; j < Sz; j++)   /* (dy - grad_mean - (x - mean) * k) * invstd * w */ \
            dx[j] = FMA_##S(-(xp[j] - mean), k, dy[j] - grad_mean) * invstd * wv;             \
        }                                                                                     \
      } else {                                                                                \
        for (int64_t i = 0; i < B; i++) {                                                     \
          const T *dy = go + (i * C + c) * Sz;                                                \
          T *dx = gx + (i * C + c) * Sz;                                                      \
          for (int64_t j = 0; j < Sz; j++) dx[j] = dy[j] * invstd * wv;                       \
        }                                                                                     \
      }                                                                                       \
    }                                                                                         \
    if (gw) gw[c] = (T)(dotp * (double)invstd);                                               \
    if (gb) gb[c] = (T)sum;                                                                   \
  }

#define BN_BACKWARD(T, S)                                                                     \
  static void bn_backward_##S(const T *go, const T *x, int64_t B, int64_t C, int64_t Sz, const T *w, const T *rm, \
                              const T *rv, const T *sm, const T *si, bool training, double eps, T *gx, T *gw, T *gb) { \
    int nt = nn_threads(B * C * Sz);                                                          \
    _Pragma("omp parallel for num_threads(nt) if(nt > 1) schedule(static)")                   \
    for (int64_t c = 0; c < C; c++)                                                           \
      bn_channel_backward_##S(go, x, B, C, Sz, c, w, rm, rv, sm, si, training, eps, gx, gw, gb); \
  }
BN_CHANNEL_BACKWARD(float, f32)
BN_CHANNEL_BACKWARD(double, f64)
BN_BACKWARD(float, f32)
BN_BACKWARD(double, f64)

int nn_batch_norm_backward(ten_tensor *grad_out, ten_tensor *input, ten_tensor *weight, ten_tensor *running_mean,
                           ten_tensor *running_var, ten_tensor *save_mean, ten_tensor *save_invstd, bool training,
                           double eps, ten_tensor **grad_input, ten_tensor **grad_weight, ten_tensor **grad_bias) {
  if (nn_check_cpu(grad_out, "batch_norm_backward")) return -1;
  if (grad_input) *grad_input = NULL;
  if (grad_weight) *grad_weight = NULL;
  if (grad_bias) *grad_bias = NULL;
  if (bn_input_check(input)) return -1;
  int64_t C = input->shape[1];
  if (training ? (!save_mean || !save_invstd) : (!running_mean || !running_var))
    return ten_error_set(TEN_E_RUNTIME, "batch_norm backward: statistics missing");
  ten_tensor *w = NULL, *rm = NULL, *rv = NULL, *sm = NULL, *si = NULL, *x = NULL, *go = NULL, *g1 = NULL;
  ten_tensor *gx = NULL, *gw = NULL, *gb = NULL;
  int rc = -1;
  if (param_1d(weight, input, C, "weight", &w) || param_1d(training ? NULL : running_mean, input, C, "running_mean", &rm) ||
      param_1d(training ? NULL : running_var, input, C, "running_var", &rv) ||
      param_1d(training ? save_mean : NULL, input, C, "save_mean", &sm) ||
      param_1d(training ? save_invstd : NULL, input, C, "save_invstd", &si))
    goto done;
  if (!(x = ten_contiguous(input)) || !(g1 = ten_to_dtype(grad_out, input->dtype, false)) || !(go = ten_contiguous(g1)))
    goto done;
  if (ten_numel(go) != ten_numel(input)) {
    char a[128], b[128];
    ten_error_set(TEN_E_RUNTIME, "batch_norm backward: grad_output of size %s, input of size %s",
                  nn_shape_str(grad_out, a, sizeof a), nn_shape_str(input, b, sizeof b));
    goto done;
  }
  if ((grad_input && !(gx = ten_empty(input->shape, input->ndim, input->dtype, TEN_CPU))) ||
      (grad_weight && !(gw = ten_empty(&C, 1, input->dtype, TEN_CPU))) ||
      (grad_bias && !(gb = ten_empty(&C, 1, input->dtype, TEN_CPU))))
    goto done;
  int64_t B = input->shape[0], Sz = B * C != 0 ? ten_numel(input) / (B * C) : 0;
#define PTR(t) ((t) ? ten_data_ptr(t) : NULL)
  if (input->dtype == TEN_DTYPE_F32)
    bn_backward_f32(ten_data_ptr(go), ten_data_ptr(x), B, C, Sz, PTR(w), PTR(rm), PTR(rv), PTR(sm), PTR(si), training,
                    eps, PTR(gx), PTR(gw), PTR(gb));
  else
    bn_backward_f64(ten_data_ptr(go), ten_data_ptr(x), B, C, Sz, PTR(w), PTR(rm), PTR(rv), PTR(sm), PTR(si), training,
                    eps, PTR(gx), PTR(gw), PTR(gb));
#undef PTR
  rc = 0;
done:
  ten_release(w);
  ten_release(rm);
  ten_release(rv);
  ten_release(sm);
  ten_release(si);
  ten_release(x);
  ten_release(g1);
  ten_release(go);
  if (rc) {
    ten_release(gx);
    ten_release(gw);
    ten_release(gb);
    return -1;
  }
  if (grad_input) *grad_input = gx;
  if (grad_weight) *grad_weight = gw;
  if (grad_bias) *grad_bias = gb;
  return 0;
}
