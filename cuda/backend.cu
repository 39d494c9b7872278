/*
** cuda/backend.cu — device discovery for the CUDA backend.
** The runtime is linked statically (cudart_static), so the binary starts without libcuda; a missing driver
** surfaces here as a cudaError and is reported as "0 devices", never as a failure.
*/
#include <stdio.h>

#include <cuda_runtime.h>

#include "cuda/cu.h"

extern "C" int cu_device_count(void) {
  int n = 0;
  if (cudaGetDeviceCount(&n) != cudaSuccess) {
    cudaGetLastError();  /* clear the sticky error so later calls start clean */
    return 0;
  }
  return n;
}

extern "C" const char *cu_runtime_version_string(void) {
  static char buf[32];
  /* CUDART_VERSION is 1000*major + 10*minor of the toolkit that built us (no driver needed, unlike cudaRuntimeGetVersion). */
  snprintf(buf, sizeof buf, "%d.%d", CUDART_VERSION / 1000, (CUDART_VERSION % 1000) / 10);
  return buf;
}
