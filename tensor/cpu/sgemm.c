/*
** tensor/cpu/sgemm.c — a float matrix product with OpenBLAS's bits, faster. Debian's OpenBLAS
** 0.3.21 does not know this CPU and runs its SSE3 "Prescott" sgemm (PyTorch too, so that is what
** PyTorch's results are). On that core its single-threaded driver splits K into blocks (of
** GEMM_Q = 128; a remainder between 128 and 256 in two, the first rounded up to 8) and its 8x4
** kernel sums each block one k at a time, multiply then add, from 0, then adds alpha * sum to C
** (C first scaled by beta, 0 storing zeros). The whole 8x4 tiles of a product, i.e. rows of C
** below m - m % 4 and columns below n - n % 8 (cblas row-major: OpenBLAS's M is our n), are
** computed here in that order with AVX-512 (16 lanes, still multiply then add); the edge tiles,
** whose kernels sum in other orders, are left to OpenBLAS on the sub-blocks (the same kernels,
** K split and order as in the whole product). Used only where OpenBLAS would run that path:
** core Prescott, one OpenBLAS thread or m*n*k <= 65536*4, AVX-512F; CTORCH_OWN_SGEMM=0 turns it off.
*/
#include <cblas.h>
#include <stdlib.h>
#include <string.h>

#include "tensor/cpu/cpu.h"

char *openblas_get_corename(void);
int openblas_get_num_threads(void);

#define SG_Q 128          /* OpenBLAS's SGEMM_DEFAULT_Q for Prescott */
#define SG_UNROLL_M 8     /* its SGEMM_DEFAULT_UNROLL_M */
#define SG_MT_MNK (65536.0 * 4)   /* SMP_THRESHOLD_MIN * GEMM_MULTITHREAD_THRESHOLD */

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

static int sg_state = -1;   /* -1 unknown, 0 off, 1 on; read and set atomically (convolutions call in
                               from OpenMP teams), every thread computes the same value */

static bool sg_enabled(void) {
  int st = __atomic_load_n(&sg_state, __ATOMIC_RELAXED);
  if (st < 0) {
    const char *env = getenv("CTORCH_OWN_SGEMM");
    const char *core = openblas_get_corename();
    bool ok = !(env && env[0] == '0') && core && strcmp(core, "Prescott") == 0;
#if defined(__GNUC__) && defined(__x86_64__)
    ok = ok && __builtin_cpu_supports("avx512f");
#else
    ok = false;
#endif
    st = ok ? 1 : 0;
    __atomic_store_n(&sg_state, st, __ATOMIC_RELAXED);
  }
  return st == 1;
}

/* the K block lengths of level3.c's ls loop */
static int64_t sg_block(int64_t rest) {
  if (rest >= 2 * SG_Q) return SG_Q;
  if (rest > SG_Q) return ((rest / 2 + SG_UNROLL_M - 1) / SG_UNROLL_M) * SG_UNROLL_M;
  return rest;
}

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>

#define SG_TARGET __attribute__((target("avx512f")))

/* C[0:4, 0:w] += alpha * (A[0:4, :kl] @ Bp[:kl, 0:w]), w = 32 or 16; sums per lane in k order */
#define SG_TILE(W, NV)                                                                 \
  SG_TARGET static void sg_tile_##W(float *c, int64_t ldc, const float *a, int64_t as0, int64_t as1, \
                          const float *bp, int64_t ldbp, int64_t kl, float alpha) {   \
    __m512 acc[4][NV];                                                                \
    for (int r = 0; r < 4; r++)                                                       \
      for (int v = 0; v < NV; v++) acc[r][v] = _mm512_setzero_ps();                   \
    for (int64_t p = 0; p < kl; p++) {                                                \
      __m512 b[NV];                                                                   \
      for (int v = 0; v < NV; v++) b[v] = _mm512_loadu_ps(bp + p * ldbp + 16 * v);    \
      for (int r = 0; r < 4; r++) {                                                   \
        __m512 av = _mm512_set1_ps(a[r * as0 + p * as1]);                             \
        for (int v = 0; v < NV; v++) acc[r][v] = _mm512_add_ps(acc[r][v], _mm512_mul_ps(av, b[v])); \
      }                                                                               \
    }                                                                                 \
    __m512 al = _mm512_set1_ps(alpha);                                                \
    for (int r = 0; r < 4; r++)                                                       \
      for (int v = 0; v < NV; v++) {                                                  \
        float *o = c + r * ldc + 16 * v;                                              \
        _mm512_storeu_ps(o, _mm512_add_ps(_mm512_loadu_ps(o), _mm512_mul_ps(al, acc[r][v]))); \
      }                                                                               \
  }
SG_TILE(32, 2)
SG_TILE(16, 1)

/* 8 columns: the lower half of a 16-lane vector */
SG_TARGET static void sg_tile_8(float *c, int64_t ldc, const float *a, int64_t as0, int64_t as1, const float *bp,
                      int64_t ldbp, int64_t kl, float alpha) {
  __m256 acc[4];
  for (int r = 0; r < 4; r++) acc[r] = _mm256_setzero_ps();
  for (int64_t p = 0; p < kl; p++) {
    __m256 b = _mm256_loadu_ps(bp + p * ldbp);
    for (int r = 0; r < 4; r++) acc[r] = _mm256_add_ps(acc[r], _mm256_mul_ps(_mm256_set1_ps(a[r * as0 + p * as1]), b));
  }
  __m256 al = _mm256_set1_ps(alpha);
  for (int r = 0; r < 4; r++) {
    float *o = c + r * ldc;
    _mm256_storeu_ps(o, _mm256_add_ps(_mm256_loadu_ps(o), _mm256_mul_ps(al, acc[r])));
  }
}

/* Column panels of B's block: widths 32, then at most one 16 and one 8; each packed kl x width. */
static int64_t sg_panel_width(int64_t j, int64_t n8) {
  int64_t left = n8 - j;
  return left >= 32 ? 32 : left >= 16 ? 16 : 8;
}

/* The whole tiles: rows [0, m4), columns [0, n8); bp is a SG_Q x 32 scratch. Per K block, per
   column panel (packed once, kept in L1, unless B is row-major and only 1-2 row tiles use it),
   every 4-row tile. */
SG_TARGET static void sg_main(float *c, int64_t ldc, const float *a, int64_t as0, int64_t as1, const float *b, int64_t bs0,
                    int64_t bs1, int64_t m4, int64_t n8, int64_t k, float alpha, float *bp) {
  for (int64_t ls = 0, kl; ls < k; ls += kl) {
    kl = sg_block(k - ls);
    const float *ak = a + ls * as1;
    for (int64_t j = 0, w; j < n8; j += w) {
      w = sg_panel_width(j, n8);
      const float *panel = bp;
      int64_t ldp = w;
      if (bs1 == 1 && m4 <= 8) {   /* one or two row tiles: read B's rows in place, packing would not pay */
        panel = b + ls * bs0 + j;
        ldp = bs0;
      } else if (bs1 == 1) {
        for (int64_t p = 0; p < kl; p++) {
          const float *src = b + (ls + p) * bs0 + j;
          float *dst = bp + p * w;
          int64_t q = 0;
          for (; q + 16 <= w; q += 16) _mm512_storeu_ps(dst + q, _mm512_loadu_ps(src + q));
          if (q < w) _mm256_storeu_ps(dst + q, _mm256_loadu_ps(src + q));
        }
      } else if (bs1 <= INT32_MAX / 16) {   /* strided rows: 8 or 16 lanes per gather */
        __m512i idx = _mm512_mullo_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                                         _mm512_set1_epi32((int)bs1));
        for (int64_t p = 0; p < kl; p++) {
          const float *src = b + (ls + p) * bs0 + j * bs1;
          float *dst = bp + p * w;
          int64_t q = 0;
          for (; q + 16 <= w; q += 16) _mm512_storeu_ps(dst + q, _mm512_i32gather_ps(idx, src + q * bs1, 4));
          if (q < w)
            _mm256_storeu_ps(dst + q, _mm512_castps512_ps256(_mm512_mask_i32gather_ps(
                                          _mm512_setzero_ps(), 0xff, idx, src + q * bs1, 4)));
        }
      } else {
        for (int64_t p = 0; p < kl; p++)
          for (int64_t q = 0; q < w; q++) bp[p * w + q] = b[(ls + p) * bs0 + (j + q) * bs1];
      }
      for (int64_t i = 0; i < m4; i += 4) {
        float *ct = c + i * ldc + j;
        const float *at = ak + i * as0;
        if (w == 32) sg_tile_32(ct, ldc, at, as0, as1, panel, ldp, kl, alpha);
        else if (w == 16) sg_tile_16(ct, ldc, at, as0, as1, panel, ldp, kl, alpha);
        else sg_tile_8(ct, ldc, at, as0, as1, panel, ldp, kl, alpha);
      }
    }
  }
}
#endif

/* OpenBLAS's sgemm_beta: C = beta * C, beta 0 storing zeros */
static void sg_beta(float *c, int64_t ldc, int64_t m, int64_t n, float beta) {
  if (beta == 1.0f) return;
  for (int64_t i = 0; i < m; i++) {
    float *row = c + i * ldc;
    if (beta == 0.0f) memset(row, 0, (size_t)n * sizeof(float));
    else for (int64_t j = 0; j < n; j++) row[j] *= beta;
  }
}

/* OpenBLAS's cblas_sgemm on a sub-block, C already scaled */
static void sg_blas(float *c, int64_t ldc, const float *a, bool ta, int64_t lda, const float *b, bool tb,
                    int64_t ldb, int64_t m, int64_t n, int64_t k, float alpha) {
  if (m <= 0 || n <= 0) return;
  cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, (blasint)m, (blasint)n,
              (blasint)k, alpha, a, (blasint)lda, b, (blasint)ldb, 1.0f, c, (blasint)ldc);
}

bool cpu_sgemm(float *c, int64_t ldc, const float *a, bool ta, int64_t lda, const float *b, bool tb, int64_t ldb,
               int64_t m, int64_t n, int64_t k, float alpha, float beta) {
#if defined(__GNUC__) && defined(__x86_64__)
  int64_t m4 = m - m % 4, n8 = n - n % SG_UNROLL_M;
  if (m4 == 0 || n8 == 0 || k == 0 || !sg_enabled()) return false;
  if (openblas_get_num_threads() > 1 && (double)m * (double)n * (double)k > SG_MT_MNK) return false;
  float bp[SG_Q * 32] __attribute__((aligned(64)));   /* one packed panel: K blocks are at most SG_Q */
  sg_beta(c, ldc, m, n, beta);
  if (alpha != 0.0f) {
    /* element (i, p) of A at a[i * as0 + p * as1]; (p, j) of B at b[p * bs0 + j * bs1] */
    int64_t as0 = ta ? 1 : lda, as1 = ta ? lda : 1, bs0 = tb ? 1 : ldb, bs1 = tb ? ldb : 1;
    sg_main(c, ldc, a, as0, as1, b, bs0, bs1, m4, n8, k, alpha, bp);
    sg_blas(c + n8, ldc, a, ta, lda, b + n8 * bs1, tb, ldb, m4, n - n8, k, alpha);
    sg_blas(c + m4 * ldc, ldc, a + m4 * as0, ta, lda, b, tb, ldb, m - m4, n, k, alpha);
  }
  return true;
#else
  (void)c, (void)ldc, (void)a, (void)ta, (void)lda, (void)b, (void)tb, (void)ldb, (void)m, (void)n, (void)k;
  (void)alpha, (void)beta;
  return false;
#endif
}

void ten_blas_sgemm(bool ta, bool tb, int64_t m, int64_t n, int64_t k, float alpha, const float *a, int64_t lda,
                    const float *b, int64_t ldb, float beta, float *c, int64_t ldc) {
  if (!cpu_sgemm(c, ldc, a, ta, lda, b, tb, ldb, m, n, k, alpha, beta))
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, (blasint)m, (blasint)n,
                (blasint)k, alpha, a, (blasint)lda, b, (blasint)ldb, beta, c, (blasint)ldc);
}
