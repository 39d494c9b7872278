/*
** cuda/cu.h — C ABI of the optional CUDA backend (libctorch_cuda).
** Built only when CMake finds nvcc (CTORCH_CUDA=AUTO|ON); callers guard uses with #ifdef CTORCH_HAVE_CUDA.
** Every function works on a machine without a GPU or driver (the runtime is linked statically, cuBLAS is
** loaded with dlopen on the first matmul); the ones that need a device report PyTorch's error instead.
** Design and status: cuda/DESIGN.md.
*/
#ifndef CT_CUDA_CU_H
#define CT_CUDA_CU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Installs the CUDA backend table for TEN_DEV_CUDA (tensor/backend.h). Cheap, touches no driver;
   idempotent. After it, CUDA tensors fail with cu_lazy_init's error rather than "not compiled". */
void cu_backend_register(void);

/* Number of usable CUDA devices (cudaGetDeviceCount, so CUDA_VISIBLE_DEVICES applies); 0 when there
   is no driver, no device, or the runtime fails to start. Never sets an error. */
int cu_device_count(void);

/* torch.cuda._lazy_init's check: 0 when a device is usable, else -1 with TEN_E_RUNTIME and
   PyTorch 1.13's text ("Found no NVIDIA driver on your system. ...", "No CUDA GPUs are available",
   "The NVIDIA driver on your system is too old ..."). */
int cu_lazy_init(void);
/* True once cu_lazy_init succeeded (torch.cuda.is_initialized()). */
bool cu_is_initialized(void);

/* CUDA runtime version this library was linked with, e.g. "13.0". Returns: static string. */
const char *cu_runtime_version_string(void);

/* torch.cuda.current_device() / set_device(i) (lazy init first; IndexError-free: RuntimeError
   "CUDA error: invalid device ordinal" for a bad index, as PyTorch). */
int cu_current_device(int *index);
int cu_set_device(int index);
/* torch.cuda.get_device_name(i): copies the name into buf. 0 / -1. */
int cu_device_name(int index, char *buf, size_t n);
/* torch.cuda.synchronize(i): waits for the device's stream. 0 / -1. */
int cu_synchronize(int index);

/* Caching allocator statistics of device index (-1: current): bytes in live blocks (rounded as
   PyTorch's allocator rounds, 512-byte multiples), their peak, and bytes held from cudaMalloc
   (live + cached). All 0 before the first allocation, as in PyTorch. */
int64_t cu_memory_allocated(int index);
int64_t cu_max_memory_allocated(int index);
int64_t cu_memory_reserved(int index);
int64_t cu_max_memory_reserved(int index);
void cu_reset_peak_memory_stats(int index);
/* torch.cuda.empty_cache(): returns every cached (unused) block to the driver. */
void cu_empty_cache(void);

#ifdef __cplusplus
}
#endif

#endif /* CT_CUDA_CU_H */
