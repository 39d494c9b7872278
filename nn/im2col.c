/*
** nn/im2col.c — the column transform of the convolution: input planes unrolled into
** (C*kh*kw, OH*OW) columns so that a convolution is one matrix product, for a run of samples side by
** side; and its adjoint, which accumulates columns back into planes in ATen's order (kernel rows,
** then kernel columns, as unfolded2d_acc / col2im add them). Serial: the caller splits the work.
*/
#include <string.h>

#include "nn/internal.h"

/* First output column ox whose input column ox*s + off lies in [0, W), and one past the last. */
static void valid_range(int64_t OW, int64_t W, int64_t s, int64_t off, int64_t *lo, int64_t *hi) {
  int64_t a = off >= 0 ? 0 : (-off + s - 1) / s;
  int64_t b = W - off <= 0 ? 0 : (W - off + s - 1) / s;
  if (a > OW) a = OW;
  if (b > OW) b = OW;
  if (b < a) b = a;
  *lo = a;
  *hi = b;
}

/* One row r of one sample: col row dst (OH*OW) from planes x. */
#define IM2COL_ROW(T)                                                                        \
  static inline void im2col_row_##T(const nn_im2col_geom *g, const T *x, int64_t r, T *dst) { \
    int64_t kk = g->kh * g->kw, c = r / kk, i = (r / g->kw) % g->kh, j = r % g->kw;          \
    const T *xp = x + c * g->H * g->W;                                                       \
    int64_t off = j * g->dw - g->pw, lo, hi;                                                 \
    valid_range(g->OW, g->W, g->sw, off, &lo, &hi);                                          \
    for (int64_t oy = 0; oy < g->OH; oy++) {                                                 \
      int64_t iy = oy * g->sh - g->ph + i * g->dh;                                           \
      T *d = dst + oy * g->OW;                                                               \
      if (iy < 0 || iy >= g->H || hi == lo) {                                                \
        memset(d, 0, sizeof(T) * (size_t)g->OW);                                             \
        continue;                                                                            \
      }                                                                                      \
      const T *row = xp + iy * g->W + lo * g->sw + off;   /* the input of column lo */       \
      for (int64_t ox = 0; ox < lo; ox++) d[ox] = 0;                                         \
      if (g->sw == 1)   /* short rows: an inline loop beats a memcpy call */                 \
        for (int64_t ox = 0; ox < hi - lo; ox++) d[lo + ox] = row[ox];                       \
      else                                                                                   \
        for (int64_t ox = lo; ox < hi; ox++) d[ox] = row[(ox - lo) * g->sw];                 \
      for (int64_t ox = hi; ox < g->OW; ox++) d[ox] = 0;                                     \
    }                                                                                        \
  }

/* All rows of one plane c, accumulated in (i, j) order. */
#define COL2IM_PLANE(T)                                                                      \
  static inline void col2im_plane_##T(const nn_im2col_geom *g, const T *col, int64_t ldc, int64_t c, T *xp) { \
    int64_t kk = g->kh * g->kw;                                                              \
    for (int64_t r = c * kk; r < (c + 1) * kk; r++) {                                        \
      int64_t i = (r / g->kw) % g->kh, j = r % g->kw;                                        \
      const T *src = col + r * ldc;                                                          \
      int64_t off = j * g->dw - g->pw, lo, hi;                                               \
      valid_range(g->OW, g->W, g->sw, off, &lo, &hi);                                        \
      if (hi == lo) continue;                                                                \
      for (int64_t oy = 0; oy < g->OH; oy++) {                                               \
        int64_t iy = oy * g->sh - g->ph + i * g->dh;                                         \
        if (iy < 0 || iy >= g->H) continue;                                                  \
        T *row = xp + iy * g->W + lo * g->sw + off;                                          \
        const T *s = src + oy * g->OW + lo;                                                  \
        if (g->sw == 1)                                                                      \
          for (int64_t ox = 0; ox < hi - lo; ox++) row[ox] += s[ox];                         \
        else                                                                                 \
          for (int64_t ox = 0; ox < hi - lo; ox++) row[ox * g->sw] += s[ox];                 \
      }                                                                                      \
    }                                                                                        \
  }

IM2COL_ROW(float)
IM2COL_ROW(double)
COL2IM_PLANE(float)
COL2IM_PLANE(double)

#define IM2COL(T, S)                                                                         \
  void nn_im2col_##S(const nn_im2col_geom *g, const T *x, int64_t xs, int64_t m, T *col, int64_t ldc) { \
    int64_t rows = g->C * g->kh * g->kw, P = g->OH * g->OW;                                  \
    for (int64_t t = 0; t < m * rows; t++) {                                                 \
      int64_t n = t / rows, r = t % rows;                                                    \
      im2col_row_##T(g, x + n * xs, r, col + r * ldc + n * P);                               \
    }                                                                                        \
  }

#define COL2IM(T, S)                                                                         \
  void nn_col2im_##S(const nn_im2col_geom *g, const T *col, int64_t ldc, int64_t m, T *dx, int64_t xs) { \
    int64_t P = g->OH * g->OW;                                                               \
    for (int64_t t = 0; t < m * g->C; t++) {                                                 \
      int64_t n = t / g->C, c = t % g->C;                                                    \
      col2im_plane_##T(g, col + n * P, ldc, c, dx + n * xs + c * g->H * g->W);               \
    }                                                                                        \
  }

IM2COL(float, f32)
IM2COL(double, f64)
COL2IM(float, f32)
COL2IM(double, f64)
