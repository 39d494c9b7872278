/*
** tensor/elementwise.c — the plumbing every elementwise front end shares: pick the output
** layout, convert + broadcast inputs to the compute dtype, and validate out=/in-place targets.
*/
#include "tensor/internal.h"

ten_tensor *ten_ew_output(ten_tensor *const *in, int n, const int64_t *shape, int ndim, ten_dtype dt) {
  int64_t stride[TEN_MAX_DIMS];
  ten_device dev = TEN_CPU;
  const ten_tensor *real[TEN_ITER_MAX_OPS];
  int nreal = 0;
  for (int k = 0; k < n; k++) {
    if (!in[k]) continue;
    if (!in[k]->wrapped_number && nreal == 0) dev = in[k]->storage->device;
    if (!in[k]->wrapped_number && in[k]->ndim > 0 && in[k]->storage->device.type != TEN_DEV_CPU)
      dev = in[k]->storage->device;
    if (nreal < TEN_ITER_MAX_OPS) real[nreal++] = in[k];
  }
  if (ten_check_shape(shape, ndim)) return NULL;
  ten_layout_strides(real, nreal, shape, ndim, stride);
  ten_storage *s = ten_storage_new((size_t)ten_shape_numel(shape, ndim) * ten_dtype_size(dt), dev);
  if (!s) return NULL;
  ten_tensor *t = ten_from_storage(s, dt, 0, shape, stride, ndim);
  ten_storage_release(s);
  return t;
}

ten_tensor *ten_ew_input(ten_tensor *t, ten_dtype dt, const int64_t *shape, int ndim, ten_device dev) {
  ten_tensor *c = ten_to_dtype(t, dt, false);
  if (!c) return NULL;
  if (c->storage->device.type != dev.type) {
    /* CPU scalars (0-dim) may meet tensors of another device, as in PyTorch */
    ten_tensor *m = ten_to_device(c, dev, false);
    ten_release(c);
    if (!m) return NULL;
    c = m;
  }
  ten_tensor *x = ten_expand(c, shape, ndim);
  ten_release(c);
  return x;
}

int ten_ew_check_out(const ten_tensor *out, const int64_t *shape, int ndim, ten_dtype result, bool inplace) {
  if (inplace && !ten_shape_equal(out->shape, out->ndim, shape, ndim)) {
    char a[512], b[512];
    ten_format_shape(out->shape, out->ndim, a, sizeof a);
    ten_format_shape(shape, ndim, b, sizeof b);
    return ten_error_set(TEN_E_RUNTIME, "output with shape %s doesn't match the broadcast shape %s", a, b);
  }
  if (!ten_can_cast(result, out->dtype))
    return ten_error_set(TEN_E_RUNTIME, "result type %s can't be cast to the desired output type %s",
                         ten_dtype_scalar_name(result), ten_dtype_scalar_name(out->dtype));
  return 0;
}

int ten_ew_device(ten_tensor *const *in, int n, ten_device *dev) {
  /* 0-dim CPU tensors are allowed next to tensors of any device (they act as scalars) */
  const ten_tensor *list[TEN_ITER_MAX_OPS];
  int m = 0;
  *dev = TEN_CPU;
  bool have = false;
  for (int k = 0; k < n; k++) {
    if (!in[k]) continue;
    bool cpu_scalar = in[k]->ndim == 0 && in[k]->storage->device.type == TEN_DEV_CPU;
    if (!cpu_scalar && m < TEN_ITER_MAX_OPS) list[m++] = in[k];
    if (!cpu_scalar && !have) {
      *dev = in[k]->storage->device;
      have = true;
    }
  }
  return ten_check_same_device(list, m);
}
