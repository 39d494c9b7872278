/*
** bench/sgemm.c — workload 3's reference: raw OpenBLAS cblas_sgemm on two 1024x1024 float32 matrices,
** the way bench/wl/matmul.py times torch.mm (3 warm-up products, then the median of REPS), with
** THREADS OpenBLAS threads. bench/run builds it:  cc -O2 bench/sgemm.c $(pkg-config --cflags --libs openblas)
**     sgemm [threads [reps]]   ->   "gflops <rate>" and "time <seconds per product>"
*/
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 1, reps = argc > 2 ? atoi(argv[2]) : 20;
  enum { N = 1024 };
  if (threads < 1 || reps < 1 || reps > 1000) return 2;
  openblas_set_num_threads(threads);
  float *a = malloc(sizeof(float) * N * N), *b = malloc(sizeof(float) * N * N), *c = malloc(sizeof(float) * N * N);
  double *ts = malloc(sizeof(double) * reps);
  if (!a || !b || !c || !ts) return 1;
  srand(0);
  for (int i = 0; i < N * N; i++) {
    a[i] = (float)rand() / RAND_MAX - 0.5f;
    b[i] = (float)rand() / RAND_MAX - 0.5f;
  }
  for (int r = 0; r < 3; r++)
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, N, N, N, 1.0f, a, N, b, N, 0.0f, c, N);
  for (int r = 0; r < reps; r++) {
    double t0 = now();
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, N, N, N, 1.0f, a, N, b, N, 0.0f, c, N);
    ts[r] = now() - t0;
  }
  qsort(ts, reps, sizeof(double), cmp);
  double med = ts[reps / 2];
  printf("gflops %.2f\ntime %.6f\n", 2.0 * N * N * N / med / 1e9, med);
  free(a), free(b), free(c), free(ts);
  return 0;
}
