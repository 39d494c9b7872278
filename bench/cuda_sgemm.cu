/*
** bench/cuda_sgemm.cu — the reference for bench/cuda_bench.sh: raw cublasSgemm on N x N float
** matrices (the peak our torch.mm on CUDA is compared with). Prints "N ms TFLOP/s". Built by the script.
*/
#include <stdio.h>
#include <stdlib.h>

#include <cublas_v2.h>
#include <cuda_runtime.h>

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 4096, reps = argc > 2 ? atoi(argv[2]) : 20;
  float *a, *b, *c;
  size_t bytes = (size_t)n * n * sizeof(float);
  if (cudaMalloc(&a, bytes) || cudaMalloc(&b, bytes) || cudaMalloc(&c, bytes)) return fprintf(stderr, "cudaMalloc failed\n"), 1;
  cudaMemset(a, 0, bytes), cudaMemset(b, 0, bytes);
  cublasHandle_t h;
  if (cublasCreate(&h) != CUBLAS_STATUS_SUCCESS) return fprintf(stderr, "cublasCreate failed\n"), 1;
  float one = 1, zero = 0;
  cublasSgemm(h, CUBLAS_OP_N, CUBLAS_OP_N, n, n, n, &one, a, n, b, n, &zero, c, n);
  cudaDeviceSynchronize();
  cudaEvent_t t0, t1;
  cudaEventCreate(&t0), cudaEventCreate(&t1);
  cudaEventRecord(t0);
  for (int i = 0; i < reps; i++) cublasSgemm(h, CUBLAS_OP_N, CUBLAS_OP_N, n, n, n, &one, a, n, b, n, &zero, c, n);
  cudaEventRecord(t1);
  cudaEventSynchronize(t1);
  float ms;
  cudaEventElapsedTime(&ms, t0, t1);
  ms /= reps;
  printf("%d %.3f %.2f\n", n, ms, 2.0 * n * n * (double)n / (ms * 1e-3) / 1e12);
  return 0;
}
