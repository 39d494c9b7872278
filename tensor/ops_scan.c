/*
** tensor/ops_scan.c — front ends of the ops that treat one dim as a line: cumsum, cumprod,
** softmax, log_softmax, sort, topk.
*/
#include "tensor/internal.h"

static ten_tensor *cumulative(ten_tensor *t, int64_t dim, ten_dtype dt, bool prod) {
  int d;
  if (ten_wrap_dim(dim, t->ndim, &d)) return NULL;
  if (dt == TEN_DTYPE_UNSET) dt = ten_dtype_is_float(t->dtype) ? t->dtype : TEN_DTYPE_I64;
  ten_tensor *x = ten_to_dtype(t, dt, false);
  ten_tensor *out = x ? ten_empty_on(t->shape, t->ndim, dt, t->storage->device) : NULL;
  const ten_backend *b = out ? ten_backend_for(t->storage->device) : NULL;
  int rc = b ? b->cumulative(out, x, d, prod) : -1;
  ten_release(x);
  if (rc) {
    ten_release(out);
    return NULL;
  }
  return out;
}

ten_tensor *ten_cumsum(ten_tensor *t, int64_t dim, ten_dtype dt) { return cumulative(t, dim, dt, false); }
ten_tensor *ten_cumprod(ten_tensor *t, int64_t dim, ten_dtype dt) { return cumulative(t, dim, dt, true); }

static ten_tensor *softmax_any(ten_tensor *t, int64_t dim, ten_dtype dt, bool log) {
  int d;
  if (ten_wrap_dim(dim, t->ndim, &d)) return NULL;
  ten_tensor *x = ten_to_dtype(t, dt == TEN_DTYPE_UNSET ? t->dtype : dt, false);
  if (!x) return NULL;
  ten_tensor *out = ten_empty_on(t->shape, t->ndim, x->dtype, t->storage->device);
  const ten_backend *b = out ? ten_backend_for(t->storage->device) : NULL;
  int rc = b ? b->softmax(out, x, d, log) : -1;
  ten_release(x);
  if (rc) {
    ten_release(out);
    return NULL;
  }
  return out;
}

ten_tensor *ten_softmax(ten_tensor *t, int64_t dim, ten_dtype dt) { return softmax_any(t, dim, dt, false); }
ten_tensor *ten_log_softmax(ten_tensor *t, int64_t dim, ten_dtype dt) { return softmax_any(t, dim, dt, true); }

int ten_sort(ten_tensor *t, int64_t dim, bool descending, ten_tensor **values, ten_tensor **indices) {
  int d;
  if (ten_wrap_dim(dim, t->ndim, &d)) return -1;
  ten_device dev = t->storage->device;
  ten_tensor *v = ten_empty_on(t->shape, t->ndim, t->dtype, dev);
  ten_tensor *i = v ? ten_empty_on(t->shape, t->ndim, TEN_DTYPE_I64, dev) : NULL;
  const ten_backend *b = i ? ten_backend_for(dev) : NULL;
  if (!b || b->sort(v, i, t, d, descending)) {
    ten_release(v);
    ten_release(i);
    return -1;
  }
  *values = v;
  *indices = i;
  return 0;
}

int ten_topk(ten_tensor *t, int64_t k, int64_t dim, bool largest, bool sorted,
             ten_tensor **values, ten_tensor **indices) {
  int d;
  if (ten_wrap_dim(dim, t->ndim, &d)) return -1;
  int64_t size = t->ndim ? t->shape[d] : 1;
  if (k < 0 || k > size) return ten_error_set(TEN_E_RUNTIME, "selected index k out of range");
  ten_tensor *sv, *si;
  if (ten_sort(t, d, largest, &sv, &si)) return -1;
  ten_tensor *v = t->ndim ? ten_narrow(sv, d, 0, k) : ten_alias(sv);
  ten_tensor *i = t->ndim ? ten_narrow(si, d, 0, k) : ten_alias(si);
  ten_release(sv);
  ten_release(si);
  if (!v || !i) {
    ten_release(v);
    ten_release(i);
    return -1;
  }
  /* results are fresh tensors in PyTorch, not views of a larger sort */
  *values = ten_contiguous(v);
  *indices = ten_contiguous(i);
  ten_release(v);
  ten_release(i);
  if (!*values || !*indices) {
    ten_release(*values);
    ten_release(*indices);
    return -1;
  }
  return 0;
}
