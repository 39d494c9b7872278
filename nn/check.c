/*
** nn/check.c — argument checks the nn kernels share, worded as ATen words them.
*/
#include <omp.h>
#include <stdio.h>

#include "nn/internal.h"

int nn_check_float(const ten_tensor *t, const char *op) {
  if (t->dtype == TEN_DTYPE_F32 || t->dtype == TEN_DTYPE_F64) return 0;
  return ten_error_set(TEN_E_RUNTIME, "\"%s\" not implemented for '%s'", op, ten_dtype_scalar_name(t->dtype));
}

int nn_check_cpu(const ten_tensor *t, const char *op) {
  if (!t || ten_device_of(t).type == TEN_DEV_CPU) return 0;
  return ten_error_set(TEN_E_NOTIMPL,
                       "Could not run 'aten::%s' with arguments from the 'CUDA' backend. ctorch's nn kernels are "
                       "CPU-only so far (cuda/DESIGN.md); there is no CPU fallback: move the tensors with .cpu() first.",
                       op);
}

int nn_check_same_dtype(const ten_tensor *a, const ten_tensor *b) {
  if (!b || a->dtype == b->dtype) return 0;
  return ten_error_set(TEN_E_RUNTIME, "expected scalar type %s but found %s", ten_dtype_scalar_name(a->dtype),
                       ten_dtype_scalar_name(b->dtype));
}

const char *nn_shape_str(const ten_tensor *t, char *buf, size_t n) {
  ten_format_shape(t->shape, t->ndim, buf, n);
  return buf;
}

int nn_threads(int64_t work) {
  if (work < NN_GRAIN || omp_in_parallel()) return 1;
  int t = omp_get_max_threads();
  return t < 1 ? 1 : t;
}
