/*
** cuda/cu.h — C ABI of the optional CUDA backend (libctorch_cuda).
** Built only when CMake finds nvcc (CTORCH_CUDA=AUTO|ON); callers guard uses with #ifdef CTORCH_HAVE_CUDA.
** Every function works on a machine without a GPU or driver.
*/
#ifndef CT_CUDA_CU_H
#define CT_CUDA_CU_H

#ifdef __cplusplus
extern "C" {
#endif

/* Number of usable CUDA devices; 0 when there is no driver, no device, or the runtime fails to start. */
int cu_device_count(void);

/* CUDA runtime version this library was linked with, e.g. "13.0". Returns: static string. */
const char *cu_runtime_version_string(void);

#ifdef __cplusplus
}
#endif

#endif /* CT_CUDA_CU_H */
