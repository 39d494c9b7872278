/*
** nn/conv_direct.c — the float32 forward of stride-1 convolutions without columns: blocks of output
** channels x output columns of one output row are accumulated in registers straight from a
** zero-padded copy of the input, starting from the bias, one fused multiply-add per (channel, kernel
** row, kernel column) in that order. Three builds of the same arithmetic, picked at run time:
** AVX-512 (16 lanes, masked tails), AVX2 + FMA (8 lanes), and a scalar fmaf loop; every element sees
** the identical sequence of correctly rounded fmas, so all three give the same bits. (PyTorch hands
** float32 convolutions to oneDNN, whose summation order differs anyway; float64 keeps ATen's exact
** im2col + BLAS path in conv.c.)
*/
#include <math.h>
#include <string.h>

#include "nn/internal.h"

#if defined(__GNUC__) && defined(__x86_64__) && !defined(CT_NO_TARGET_CLONES)
#include <immintrin.h>
#define HAVE_X86 1
#else
#define HAVE_X86 0
#endif

#define PAD_COLS 33   /* readable floats past each padded row: the widest block (32) + 1 */

bool nn_conv_direct_ok(const nn_im2col_geom *g) { return g->sh == 1 && g->sw == 1 && g->OW >= 1 && g->OH >= 1; }

int64_t nn_conv_direct_row(const nn_im2col_geom *g) { return g->W + 2 * g->pw + PAD_COLS; }

/* What every kernel needs. */
typedef struct dgeom {
  int64_t Cg, Hp, Wp, kh, kw, dh, dw, K, OH, OW, P, Og;
} dgeom;

/* ---- scalar reference: the same fma sequence per element ---- */

static void direct_scalar(const dgeom *d, const float *xb, const float *w, const float *b, float *y) {
  for (int64_t o = 0; o < d->Og; o++)
    for (int64_t oy = 0; oy < d->OH; oy++)
      for (int64_t ox = 0; ox < d->OW; ox++) {
        float acc = b[o];
        for (int64_t c = 0; c < d->Cg; c++)
          for (int64_t i = 0; i < d->kh; i++) {
            const float *row = xb + (c * d->Hp + oy + i * d->dh) * d->Wp + ox;
            const float *wk = w + o * d->K + (c * d->kh + i) * d->kw;
            for (int64_t j = 0; j < d->kw; j++) acc = fmaf(wk[j], row[j * d->dw], acc);
          }
        y[o * d->P + oy * d->OW + ox] = acc;
      }
}

#if HAVE_X86

/* ---- AVX-512: 4 channels x 32 columns, or 8 channels x 16 columns for narrow rows ---- */

__attribute__((target("avx512f"))) static void direct_avx512(const dgeom *d, const float *xb, const float *w,
                                                             const float *b, float *y) {
  int64_t K = d->K, Opad = (d->Og + 7) / 8 * 8;
  bool wide = d->OW > 16;
  int64_t ob = wide ? 4 : 8, vw = wide ? 32 : 16;
  for (int64_t oy = 0; oy < d->OH; oy++) {
    for (int64_t o0 = 0; o0 < Opad && o0 < d->Og; o0 += ob)
      for (int64_t ox0 = 0; ox0 < d->OW; ox0 += vw) {
        int64_t width = d->OW - ox0 < vw ? d->OW - ox0 : vw, nout = d->Og - o0 < ob ? d->Og - o0 : ob;
        const float *xs = xb + oy * d->Wp + ox0, *ws = w + o0 * K;
        float *out = y + o0 * d->P + oy * d->OW + ox0;
        if (wide) {
          __m512 a0 = _mm512_set1_ps(b[o0]), a1 = _mm512_set1_ps(b[o0 + 1]), a2 = _mm512_set1_ps(b[o0 + 2]),
                 a3 = _mm512_set1_ps(b[o0 + 3]);
          __m512 c0 = a0, c1 = a1, c2 = a2, c3 = a3;
          for (int64_t c = 0; c < d->Cg; c++)
            for (int64_t i = 0; i < d->kh; i++) {
              const float *row = xs + (c * d->Hp + i * d->dh) * d->Wp;
              const float *wk = ws + (c * d->kh + i) * d->kw;
              for (int64_t j = 0; j < d->kw; j++) {
                __m512 lo = _mm512_loadu_ps(row + j * d->dw), hi = _mm512_loadu_ps(row + j * d->dw + 16);
                __m512 w0 = _mm512_set1_ps(wk[j]), w1 = _mm512_set1_ps(wk[K + j]), w2 = _mm512_set1_ps(wk[2 * K + j]),
                       w3 = _mm512_set1_ps(wk[3 * K + j]);
                a0 = _mm512_fmadd_ps(w0, lo, a0);
                c0 = _mm512_fmadd_ps(w0, hi, c0);
                a1 = _mm512_fmadd_ps(w1, lo, a1);
                c1 = _mm512_fmadd_ps(w1, hi, c1);
                a2 = _mm512_fmadd_ps(w2, lo, a2);
                c2 = _mm512_fmadd_ps(w2, hi, c2);
                a3 = _mm512_fmadd_ps(w3, lo, a3);
                c3 = _mm512_fmadd_ps(w3, hi, c3);
              }
            }
          __mmask16 mlo = (__mmask16)(width >= 16 ? 0xFFFF : (1u << width) - 1);
          __mmask16 mhi = (__mmask16)(width >= 32 ? 0xFFFF : width <= 16 ? 0 : (1u << (width - 16)) - 1);
          __m512 lo[4] = {a0, a1, a2, a3}, hi[4] = {c0, c1, c2, c3};
          for (int64_t o = 0; o < nout; o++) {
            _mm512_mask_storeu_ps(out + o * d->P, mlo, lo[o]);
            _mm512_mask_storeu_ps(out + o * d->P + 16, mhi, hi[o]);
          }
        } else {
          /* narrow rows: two output rows per block share each weight broadcast */
          bool two = oy + 1 < d->OH;
          __m512 a[8], e[8];
          for (int k = 0; k < 8; k++) a[k] = e[k] = _mm512_set1_ps(b[o0 + k]);
          for (int64_t c = 0; c < d->Cg; c++)
            for (int64_t i = 0; i < d->kh; i++) {
              const float *row = xs + (c * d->Hp + i * d->dh) * d->Wp;
              const float *row2 = two ? row + d->Wp : row;
              const float *wk = ws + (c * d->kh + i) * d->kw;
              for (int64_t j = 0; j < d->kw; j++) {
                __m512 v = _mm512_loadu_ps(row + j * d->dw), v2 = _mm512_loadu_ps(row2 + j * d->dw);
                for (int k = 0; k < 8; k++) {
                  __m512 wv = _mm512_set1_ps(wk[k * K + j]);
                  a[k] = _mm512_fmadd_ps(wv, v, a[k]);
                  e[k] = _mm512_fmadd_ps(wv, v2, e[k]);
                }
              }
            }
          __mmask16 m = (__mmask16)(width >= 16 ? 0xFFFF : (1u << width) - 1);
          for (int64_t o = 0; o < nout; o++) {
            _mm512_mask_storeu_ps(out + o * d->P, m, a[o]);
            if (two) _mm512_mask_storeu_ps(out + o * d->P + d->OW, m, e[o]);
          }
        }
      }
    if (!wide) oy++;   /* the narrow blocks did two rows */
  }
}

/* ---- AVX2 + FMA: 4 channels x 16 columns ---- */

__attribute__((target("avx2,fma"))) static void direct_avx2(const dgeom *d, const float *xb, const float *w,
                                                            const float *b, float *y) {
  int64_t K = d->K, Opad = (d->Og + 3) / 4 * 4;
  for (int64_t oy = 0; oy < d->OH; oy++)
    for (int64_t o0 = 0; o0 < Opad; o0 += 4)
      for (int64_t ox0 = 0; ox0 < d->OW; ox0 += 16) {
        int64_t width = d->OW - ox0 < 16 ? d->OW - ox0 : 16, nout = d->Og - o0 < 4 ? d->Og - o0 : 4;
        const float *xs = xb + oy * d->Wp + ox0, *ws = w + o0 * K;
        __m256 a0 = _mm256_set1_ps(b[o0]), a1 = _mm256_set1_ps(b[o0 + 1]), a2 = _mm256_set1_ps(b[o0 + 2]),
               a3 = _mm256_set1_ps(b[o0 + 3]);
        __m256 c0 = a0, c1 = a1, c2 = a2, c3 = a3;
        for (int64_t c = 0; c < d->Cg; c++)
          for (int64_t i = 0; i < d->kh; i++) {
            const float *row = xs + (c * d->Hp + i * d->dh) * d->Wp;
            const float *wk = ws + (c * d->kh + i) * d->kw;
            for (int64_t j = 0; j < d->kw; j++) {
              __m256 lo = _mm256_loadu_ps(row + j * d->dw), hi = _mm256_loadu_ps(row + j * d->dw + 8);
              __m256 w0 = _mm256_set1_ps(wk[j]), w1 = _mm256_set1_ps(wk[K + j]), w2 = _mm256_set1_ps(wk[2 * K + j]),
                     w3 = _mm256_set1_ps(wk[3 * K + j]);
              a0 = _mm256_fmadd_ps(w0, lo, a0);
              c0 = _mm256_fmadd_ps(w0, hi, c0);
              a1 = _mm256_fmadd_ps(w1, lo, a1);
              c1 = _mm256_fmadd_ps(w1, hi, c1);
              a2 = _mm256_fmadd_ps(w2, lo, a2);
              c2 = _mm256_fmadd_ps(w2, hi, c2);
              a3 = _mm256_fmadd_ps(w3, lo, a3);
              c3 = _mm256_fmadd_ps(w3, hi, c3);
            }
          }
        float tile[4][16];
        _mm256_storeu_ps(tile[0], a0);
        _mm256_storeu_ps(tile[0] + 8, c0);
        _mm256_storeu_ps(tile[1], a1);
        _mm256_storeu_ps(tile[1] + 8, c1);
        _mm256_storeu_ps(tile[2], a2);
        _mm256_storeu_ps(tile[2] + 8, c2);
        _mm256_storeu_ps(tile[3], a3);
        _mm256_storeu_ps(tile[3] + 8, c3);
        float *out = y + o0 * d->P + oy * d->OW + ox0;
        for (int64_t o = 0; o < nout; o++) memcpy(out + o * d->P, tile[o], sizeof(float) * (size_t)width);
      }
}

#endif /* HAVE_X86 */

static int forced_isa = -1;

int nn_conv_direct_isa(int force) {
  if (force >= 0) forced_isa = force;
#if HAVE_X86
  int best = __builtin_cpu_supports("avx512f") ? 2 : __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? 1 : 0;
#else
  int best = 0;
#endif
  return forced_isa >= 0 && forced_isa < best ? forced_isa : best;
}

void nn_conv_direct_f32(const nn_im2col_geom *g, int64_t Og, const float *x, const float *wpad, const float *bpad,
                        float *y, float *xbuf, float *tile) {
  (void)tile;
  dgeom d = {g->C, g->H + 2 * g->ph, nn_conv_direct_row(g), g->kh, g->kw, g->dh, g->dw, g->C * g->kh * g->kw,
             g->OH, g->OW, g->OH * g->OW, Og};
  /* zero-padded copy: ph rows above and below, pw columns on the left, the rest of each row zero */
  memset(xbuf, 0, sizeof(float) * (size_t)(d.Cg * d.Hp * d.Wp));
  for (int64_t c = 0; c < d.Cg; c++)
    for (int64_t h = 0; h < g->H; h++)
      memcpy(xbuf + (c * d.Hp + h + g->ph) * d.Wp + g->pw, x + (c * g->H + h) * g->W, sizeof(float) * (size_t)g->W);
#if HAVE_X86
  int isa = nn_conv_direct_isa(-1);
  if (isa == 2) {
    direct_avx512(&d, xbuf, wpad, bpad, y);
    return;
  }
  if (isa == 1) {
    direct_avx2(&d, xbuf, wpad, bpad, y);
    return;
  }
#endif
  direct_scalar(&d, xbuf, wpad, bpad, y);
}
