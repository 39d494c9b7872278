/*
** tensor/cpu/backend.c — the CPU backend table: host memory through ten_alloc, kernels from the cpu/ files.
*/
#include <string.h>

#include "tensor/cpu/cpu.h"

static int cpu_device_count(void) { return 1; }
static void *cpu_alloc(size_t nbytes, int device) { return ten_alloc(nbytes); }
static void cpu_free(void *p, size_t nbytes, int device) { ten_free(p, nbytes); }
static int cpu_memcpy_host(void *dst, const void *src, size_t nbytes, bool to_device, int device) {
  memcpy(dst, src, nbytes);
  return 0;
}

const ten_backend cpu_backend = {
  .name = "cpu",
  .device_count = cpu_device_count,
  .alloc = cpu_alloc,
  .free = cpu_free,
  .memcpy_host = cpu_memcpy_host,
  .copy = cpu_copy,
  .fill = cpu_fill,
  .binary = cpu_binary,
  .unary = cpu_unary,
  .unary_param = cpu_unary_param,
  .ternary = cpu_ternary,
  .reduce = cpu_reduce,
  .gemm = cpu_gemm,
  .gemv = cpu_gemv,
  .dot = cpu_dot,
  .index_select = cpu_index_select,
  .gather = cpu_gather,
  .scatter = cpu_scatter,
  .take = cpu_take,
  .put = cpu_put,
  .softmax = cpu_softmax,
  .cumulative = cpu_cumulative,
  .sort = cpu_sort,
};
