/*
** nn/internal.h — cross-file internals of nn/: argument checks shared by the kernels, the im2col
** pair the convolution uses, and the thread count the loops split work by. Never included outside nn/.
*/
#ifndef CT_NN_INTERNAL_H
#define CT_NN_INTERNAL_H

#include "nn/nn.h"

#if defined(__GNUC__)
#define NN_INTERNAL __attribute__((visibility("hidden"))) extern
#else
#define NN_INTERNAL extern
#endif

/* Hot loops are compiled for baseline x86-64 and for AVX2 (no FMA: results do not depend on the
   CPU), picked at load time, as tensor/cpu does. */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__) && !defined(CT_NO_TARGET_CLONES)
#define NN_VEC __attribute__((target_clones("avx2", "default")))
#else
#define NN_VEC
#endif

/* Below this much work (elements touched) a loop runs on one thread. */
#define NN_GRAIN 16384

/* RuntimeError "\"<op>\" not implemented for '<Type>'" unless t is float32/float64. */
NN_INTERNAL int nn_check_float(const ten_tensor *t, const char *op);
/* NotImplementedError for a tensor that is not on the CPU (the nn kernels read host memory). */
NN_INTERNAL int nn_check_cpu(const ten_tensor *t, const char *op);
/* RuntimeError "expected scalar type <a> but found <b>" unless b has a's dtype (b may be NULL). */
NN_INTERNAL int nn_check_same_dtype(const ten_tensor *a, const ten_tensor *b);
/* "[2, 3]" of t's shape into buf. */
NN_INTERNAL const char *nn_shape_str(const ten_tensor *t, char *buf, size_t n);
/* The number of threads loops may use (torch.get_num_threads()), 1 inside a parallel region. */
NN_INTERNAL int nn_threads(int64_t work);

/* ---- im2col.c: one sample's (C, H, W) planes <-> columns (C*kh*kw, OH*OW) ---- */

typedef struct nn_im2col_geom {
  int64_t C, H, W;          /* input planes */
  int64_t kh, kw;
  int64_t OH, OW;
  int64_t sh, sw, ph, pw, dh, dw;
} nn_im2col_geom;

/* m samples side by side (sample n: planes at x + n * xs, columns at col + n * OH*OW):
   col[r * ldc + p], r = (c * kh + i) * kw + j, p = oy * OW + ox holds
   x[c][oy*sh - ph + i*dh][ox*sw - pw + j*dw] (0 outside). Planes are contiguous H*W. */
NN_INTERNAL void nn_im2col_f32(const nn_im2col_geom *g, const float *x, int64_t xs, int64_t m, float *col, int64_t ldc);
NN_INTERNAL void nn_im2col_f64(const nn_im2col_geom *g, const double *x, int64_t xs, int64_t m, double *col,
                               int64_t ldc);
/* The adjoint: dx[c][iy][ix] += col[r][p], each element's terms added in (i, j) order (ATen's
   unfolded2d_acc / col2im order). */
NN_INTERNAL void nn_col2im_f32(const nn_im2col_geom *g, const float *col, int64_t ldc, int64_t m, float *dx, int64_t xs);
NN_INTERNAL void nn_col2im_f64(const nn_im2col_geom *g, const double *col, int64_t ldc, int64_t m, double *dx,
                               int64_t xs);

/* ---- conv_direct.c: float32 stride-1 forward without columns ---- */

NN_INTERNAL bool nn_conv_direct_ok(const nn_im2col_geom *g);
/* Floats per row of the padded input copy. */
NN_INTERNAL int64_t nn_conv_direct_row(const nn_im2col_geom *g);
/* One sample and group: x (C, H, W) -> y (Og, OH, OW) (plane stride OH*OW). wpad (Opad, K) and
   bpad (Opad): weights and biases with zero rows up to Opad = Og rounded up to 8; xbuf:
   C * (H + 2 ph) * nn_conv_direct_row floats; tile: 64 floats. */
/* The kernel build in use: 2 AVX-512, 1 AVX2 + FMA, 0 scalar. force >= 0 caps it (tests compare the
   builds); -1 only reads. */
NN_INTERNAL int nn_conv_direct_isa(int force);
NN_INTERNAL void nn_conv_direct_f32(const nn_im2col_geom *g, int64_t Og, const float *x, const float *wpad,
                                    const float *bpad, float *y, float *xbuf, float *tile);

#endif /* CT_NN_INTERNAL_H */
