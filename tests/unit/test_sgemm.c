/*
** tests/unit/test_sgemm.c — tensor/cpu/sgemm.c gives OpenBLAS's bits: for products of every edge
** shape (m % 4, n % 8), K around the block limits (128, 256), both transposes, alpha/beta cases
** and C holding NaN, cpu_sgemm and cblas_sgemm must agree in every bit. Run with
** OPENBLAS_CORETYPE=Prescott and one OpenBLAS thread (ctest sets them), the path sgemm.c copies;
** skipped (77) on CPUs without AVX-512F, where cpu_sgemm always declines.
*/
#include <cblas.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tensor/cpu/cpu.h"
#include "tests/check.h"

static uint64_t rng = 88172645463325252ull;

static float rnd(void) {   /* xorshift64, values in [-4, 4) with a few exact zeros and large ones */
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  uint32_t r = (uint32_t)(rng >> 40);
  if (r % 97 == 0) return 0.0f;
  if (r % 89 == 0) return ldexpf((float)(r & 0xff) - 128.0f, 20);
  return ((float)(r & 0xffffff) / 16777216.0f - 0.5f) * 8.0f;
}

static int shapes_run, shapes_declined;

static void one(int64_t m, int64_t n, int64_t k, bool ta, bool tb, float alpha, float beta, bool nan_c) {
  int64_t lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 1, ldc = n + 2;
  float *a = malloc(sizeof(float) * (size_t)((ta ? k : m) * lda));
  float *b = malloc(sizeof(float) * (size_t)((tb ? n : k) * ldb));
  float *c1 = malloc(sizeof(float) * (size_t)(m * ldc)), *c2 = malloc(sizeof(float) * (size_t)(m * ldc));
  for (int64_t i = 0; i < (ta ? k : m) * lda; i++) a[i] = rnd();
  for (int64_t i = 0; i < (tb ? n : k) * ldb; i++) b[i] = rnd();
  for (int64_t i = 0; i < m * ldc; i++) c1[i] = nan_c && i % 7 == 0 ? NAN : rnd();
  memcpy(c2, c1, sizeof(float) * (size_t)(m * ldc));
  cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, (blasint)m, (blasint)n,
              (blasint)k, alpha, a, (blasint)lda, b, (blasint)ldb, beta, c1, (blasint)ldc);
  bool used = cpu_sgemm(c2, ldc, a, ta, lda, b, tb, ldb, m, n, k, alpha, beta);
  shapes_run++;
  if (!used) shapes_declined++;
  int64_t bad = 0;
  for (int64_t i = 0; i < m; i++)
    for (int64_t j = 0; j < n; j++)
      if (memcmp(&c1[i * ldc + j], &c2[i * ldc + j], sizeof(float)) != 0) bad++;
  CHECK_MSG(bad == 0, "m=%lld n=%lld k=%lld ta=%d tb=%d alpha=%g beta=%g: %lld of %lld elements differ", (long long)m,
            (long long)n, (long long)k, ta, tb, alpha, beta, (long long)bad, (long long)(m * n));
  free(a);
  free(b);
  free(c1);
  free(c2);
}

static void test_bits(void) {
  static const int64_t ms[] = {4, 5, 7, 8, 12, 19, 64};
  static const int64_t ns[] = {8, 9, 15, 16, 24, 31, 40, 47, 100};
  static const int64_t ks[] = {1, 3, 28, 127, 128, 129, 200, 255, 256, 257, 383, 1000};
  for (size_t im = 0; im < sizeof ms / sizeof *ms; im++)
    for (size_t in = 0; in < sizeof ns / sizeof *ns; in++)
      for (size_t ik = 0; ik < sizeof ks / sizeof *ks; ik++) {
        int v = (int)(im + in + ik);
        one(ms[im], ns[in], ks[ik], v & 1, (v >> 1) & 1, 1.0f, 0.0f, false);
        if (v % 3 == 0) one(ms[im], ns[in], ks[ik], (v >> 1) & 1, v & 1, 1.0f, 1.0f, false);
        if (v % 5 == 0) one(ms[im], ns[in], ks[ik], v & 1, v & 1, -0.5f, 0.25f, false);
      }
  one(16, 32, 64, false, true, 1.0f, 0.0f, true);   /* beta 0: NaN in C is overwritten */
  one(16, 32, 64, true, false, 0.0f, 2.0f, false);  /* alpha 0: C only scaled */
  CHECK_MSG(shapes_declined == 0, "cpu_sgemm declined %d of %d products", shapes_declined, shapes_run);
}

static const check_test tests[] = {{"bits", test_bits}, {NULL, NULL}};

int main(int argc, char **argv) {
  if (!__builtin_cpu_supports("avx512f")) {
    printf("skipped: no AVX-512F\n");
    return 77;
  }
  const char *core = getenv("OPENBLAS_CORETYPE");
  if (!core || strcmp(core, "Prescott") != 0) {
    printf("skipped: run with OPENBLAS_CORETYPE=Prescott (ctest does)\n");
    return 77;
  }
  return check_run(tests, argc, argv);
}
