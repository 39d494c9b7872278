/*
** cuda/backend.cu — the CUDA backend table, device discovery and PyTorch's lazy-init errors, one
** stream per device, host<->device byte copies, CU_CHECK. The runtime is linked statically
** (cudart_static), so the binary starts without libcuda; a missing driver surfaces here as a
** cudaError, reported as "0 devices" by cu_device_count and as PyTorch's text by cu_lazy_init.
*/
#include <stdio.h>
#include <string.h>

#include "cuda/internal.cuh"

#define CU_MAX_DEVICES 64

/* ---- errors ---- */

int cu_check_at(cudaError_t e, const char *what, const char *file, int line) {
  if (e == cudaSuccess) return 0;
  cudaGetLastError();   /* clear the sticky launch error so the next call starts clean */
#ifndef NDEBUG
  ten_error_set(TEN_E_RUNTIME, "CUDA error: %s (%s at %s:%d)", cudaGetErrorString(e), what, file, line);
#else
  (void)what, (void)file, (void)line;
  ten_error_set(TEN_E_RUNTIME, "CUDA error: %s", cudaGetErrorString(e));
#endif
  return -1;
}

/* ---- discovery and lazy init ---- */

static int device_count_cached = -1;   /* c10::cuda::device_count(): computed once */
static bool initialized;

extern "C" int cu_device_count(void) {
  if (device_count_cached >= 0) return device_count_cached;
  int n = 0;
  if (cudaGetDeviceCount(&n) != cudaSuccess) {
    cudaGetLastError();
    n = 0;
  }
  if (n > CU_MAX_DEVICES) n = CU_MAX_DEVICES;
  device_count_cached = n;
  return n;
}

extern "C" int cu_lazy_init(void) {
  if (initialized) return 0;
  int n = 0;
  cudaError_t err = cudaGetDeviceCount(&n);
  if (err != cudaSuccess) {
    cudaGetLastError();
    n = 0;
    switch (err) {
    case cudaErrorNoDevice: break;
    case cudaErrorInsufficientDriver: {
      int v = -1;
      if (cudaDriverGetVersion(&v) != cudaSuccess) {
        cudaGetLastError();
        v = -1;
      }
      if (v <= 0)
        return ten_error_set(TEN_E_RUNTIME, "Found no NVIDIA driver on your system. Please check that you have an NVIDIA "
                                            "GPU and installed a driver from http://www.nvidia.com/Download/index.aspx");
      return ten_error_set(TEN_E_RUNTIME,
                           "The NVIDIA driver on your system is too old (found version %d). Please update your GPU driver "
                           "by downloading and installing a new version from the URL: "
                           "http://www.nvidia.com/Download/index.aspx Alternatively, go to: https://pytorch.org to install "
                           "a PyTorch version that has been compiled with your version of the CUDA driver.",
                           v);
    }
    case cudaErrorInitializationError:
      return ten_error_set(TEN_E_RUNTIME, "CUDA driver initialization failed, you might not have a CUDA gpu.");
    case cudaErrorUnknown:
      return ten_error_set(TEN_E_RUNTIME,
                           "CUDA unknown error - this may be due to an incorrectly set up environment, e.g. changing env "
                           "variable CUDA_VISIBLE_DEVICES after program start. Setting the available devices to be zero.");
    default:
      return ten_error_set(TEN_E_RUNTIME,
                           "Unexpected error from cudaGetDeviceCount(). Did you run some cuda functions before calling "
                           "NumCudaDevices() that might have already set an error? Error %d: %s",
                           (int)err, cudaGetErrorString(err));
    }
  }
  if (n == 0) return ten_error_set(TEN_E_RUNTIME, "No CUDA GPUs are available");
  initialized = true;
  return 0;
}

extern "C" bool cu_is_initialized(void) { return initialized; }

extern "C" const char *cu_runtime_version_string(void) {
  static char buf[32];
  /* CUDART_VERSION is 1000*major + 10*minor of the toolkit that built us (no driver needed, unlike cudaRuntimeGetVersion). */
  snprintf(buf, sizeof buf, "%d.%d", CUDART_VERSION / 1000, (CUDART_VERSION % 1000) / 10);
  return buf;
}

/* ---- devices and streams ---- */

static cudaStream_t streams[CU_MAX_DEVICES];

static int check_index(int index) {
  if (index < 0 || index >= cu_device_count())
    return ten_error_set(TEN_E_RUNTIME, "CUDA error: invalid device ordinal");
  return 0;
}

int cu_use_device(int index, cudaStream_t *stream) {
  if (cu_lazy_init()) return -1;
  if (index < 0 && CU_CHECK(cudaGetDevice(&index))) return -1;
  if (check_index(index) || CU_CHECK(cudaSetDevice(index))) return -1;
  if (!streams[index] && CU_CHECK(cudaStreamCreateWithFlags(&streams[index], cudaStreamNonBlocking))) return -1;
  if (stream) *stream = streams[index];
  return 0;
}

int cu_use_tensor(const ten_tensor *t, cudaStream_t *stream) { return cu_use_device(t->storage->device.index, stream); }

int cu_stream_sync(int index) {
  cudaStream_t s;
  if (cu_use_device(index, &s)) return -1;
  return CU_CHECK(cudaStreamSynchronize(s));
}

extern "C" int cu_current_device(int *index) {
  if (cu_lazy_init()) return -1;
  return CU_CHECK(cudaGetDevice(index));
}

extern "C" int cu_set_device(int index) {
  if (cu_lazy_init() || check_index(index)) return -1;
  return CU_CHECK(cudaSetDevice(index));
}

extern "C" int cu_device_name(int index, char *buf, size_t n) {
  if (cu_lazy_init()) return -1;
  if (index < 0 && CU_CHECK(cudaGetDevice(&index))) return -1;
  if (check_index(index)) return -1;
  cudaDeviceProp p;
  if (CU_CHECK(cudaGetDeviceProperties(&p, index))) return -1;
  snprintf(buf, n, "%s", p.name);
  return 0;
}

extern "C" int cu_synchronize(int index) {
  if (cu_use_device(index, NULL)) return -1;
  return CU_CHECK(cudaDeviceSynchronize());
}

/* ---- byte copies ---- */

/* cudaMemcpyDefault: unified addressing tells host, device and peer pointers apart, so the same
   call serves host->device, device->host and cuda:i -> cuda:j. Synchronous: the staging buffers
   of ten_copy_ are freed right after we return. */
static int memcpy_host(void *dst, const void *src, size_t nbytes, bool to_device, int device) {
  if (nbytes == 0) return 0;
  cudaStream_t s;
  if (cu_use_device(device, &s)) return -1;
  if (CU_CHECK(cudaMemcpyAsync(dst, src, nbytes, cudaMemcpyDefault, s))) return -1;
  return CU_CHECK(cudaStreamSynchronize(s));
}

/* ---- the table ---- */

static int device_count(void) { return cu_device_count(); }

static const ten_backend cuda_backend = {
  /* .name */ "cuda",
  /* .device_count */ device_count,
  /* .alloc */ cu_alloc,
  /* .free */ cu_free,
  /* .memcpy_host */ memcpy_host,
  /* .copy */ cu_copy,
  /* .fill */ cu_fill,
  /* .binary */ cu_binary,
  /* .unary */ cu_unary,
  /* .unary_param */ cu_unary_param,
  /* .ternary */ cu_ternary,
  /* .reduce */ cu_reduce,
  /* .gemm */ cu_gemm,
  /* .gemv */ cu_gemv,
  /* .dot */ cu_dot,
  /* .index_select */ cu_index_select,
  /* .gather */ cu_gather,
  /* .scatter */ cu_scatter,
  /* .take */ cu_take,
  /* .put */ cu_put,
  /* .softmax */ cu_softmax,
  /* .cumulative */ cu_cumulative,
  /* .sort */ NULL,   /* no GPU sort yet: the front end reports it, never runs the CPU one */
};

extern "C" void cu_backend_register(void) { ten_backend_register(TEN_DEV_CUDA, &cuda_backend); }
