/*
** nn/one_hot.c — torch.nn.functional.one_hot as at::one_hot: zeros(*shape, num_classes) with a 1
** scattered at each index (int64 only; num_classes -1 infers max + 1).
*/
#include "nn/internal.h"

ten_tensor *nn_one_hot(ten_tensor *t, int64_t num_classes) {
  if (nn_check_cpu(t, "one_hot")) return NULL;
  if (t->dtype != TEN_DTYPE_I64) {
    ten_error_set(TEN_E_RUNTIME, "one_hot is only applicable to index tensor.");
    return NULL;
  }
  if (t->ndim + 1 > TEN_MAX_DIMS) {
    ten_error_set(TEN_E_RUNTIME, "one_hot: too many dimensions");
    return NULL;
  }
  int64_t shape[TEN_MAX_DIMS];
  for (int i = 0; i < t->ndim; i++) shape[i] = t->shape[i];
  int64_t n = ten_numel(t);
  if (n == 0) {
    if (num_classes <= 0) {
      ten_error_set(TEN_E_RUNTIME, "Can not infer total number of classes from empty tensor.");
      return NULL;
    }
    shape[t->ndim] = num_classes;
    return ten_empty(shape, t->ndim + 1, TEN_DTYPE_I64, ten_device_of(t));
  }
  int64_t mn = INT64_MAX, mx = INT64_MIN;
  for (int64_t i = 0; i < n; i++) {
    int64_t v = ten_get_int(t, i);
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  if (mn < 0) {
    ten_error_set(TEN_E_RUNTIME, "Class values must be non-negative.");
    return NULL;
  }
  if (num_classes == -1) num_classes = mx + 1;
  else if (num_classes <= mx) {
    ten_error_set(TEN_E_RUNTIME, "Class values must be smaller than num_classes.");
    return NULL;
  }
  shape[t->ndim] = num_classes;
  ten_tensor *r = ten_zeros(shape, t->ndim + 1, TEN_DTYPE_I64, ten_device_of(t));
  ten_tensor *u = r ? ten_unsqueeze(t, -1) : NULL;
  if (!u || ten_scatter_value_(r, -1, u, ten_scalar_int(1))) {
    ten_release(u);
    ten_release(r);
    return NULL;
  }
  ten_release(u);
  r->storage->version = 0;
  return r;
}
