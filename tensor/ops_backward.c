/*
** tensor/ops_backward.c — ATen's fused backward kernels, which autograd runs when no graph is being
** built: tanh_backward, sigmoid_backward and (log_)softmax backward along the last dim, for
** contiguous CPU float32 g and y of one shape. Anything else: *out = NULL, and the caller composes
** the formula from tensor ops.
*/
#include <string.h>

#include "tensor/internal.h"
#include "tensor/cpu/cpu.h"

static bool f32_cpu_pair(const ten_tensor *g, const ten_tensor *y) {
  return g->dtype == TEN_DTYPE_F32 && y->dtype == TEN_DTYPE_F32 && g->storage->device.type == TEN_DEV_CPU &&
         y->storage->device.type == TEN_DEV_CPU && g->ndim == y->ndim && g->ndim > 0 &&
         memcmp(g->shape, y->shape, sizeof(int64_t) * (size_t)g->ndim) == 0 && ten_is_contiguous(g) &&
         ten_is_contiguous(y);
}

int ten_softmax_backward_lastdim(ten_tensor *g, ten_tensor *y, bool log, ten_tensor **out) {
  *out = NULL;
  if (!f32_cpu_pair(g, y)) return 0;
  ten_tensor *gi = ten_empty_on(g->shape, g->ndim, TEN_DTYPE_F32, g->storage->device);
  if (!gi) return -1;
  if (!cpu_softmax_backward_lastdim(gi, g, y, log)) {
    ten_release(gi);
    return ten_error_set(TEN_E_NOMEM, "softmax backward: out of memory");
  }
  *out = gi;
  return 0;
}

int ten_tanh_sigmoid_backward(ten_tensor *g, ten_tensor *y, bool sigmoid, ten_tensor **out) {
  *out = NULL;
  if (!f32_cpu_pair(g, y)) return 0;
  ten_tensor *gi = ten_empty_on(g->shape, g->ndim, TEN_DTYPE_F32, g->storage->device);
  if (!gi) return -1;
  cpu_tanh_sigmoid_backward(ten_data_ptr(gi), ten_data_ptr(g), ten_data_ptr(y), ten_numel(g), sigmoid);
  *out = gi;
  return 0;
}
