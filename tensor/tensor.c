/*
** tensor/tensor.c — the tensor header: a strided view (offset, shape, stride in elements) over a
** refcounted storage; lifecycle, metadata queries and scalar element access.
*/
#include <stdlib.h>
#include <string.h>

#include "tensor/internal.h"

void (*ten_ag_meta_free_hook)(struct ag_meta *ag);

void ten_retain(ten_tensor *t) { __atomic_add_fetch(&t->refcount, 1, __ATOMIC_RELAXED); }

void ten_release(ten_tensor *t) {
  if (!t || __atomic_sub_fetch(&t->refcount, 1, __ATOMIC_ACQ_REL) != 0) return;
  if (t->ag && ten_ag_meta_free_hook) ten_ag_meta_free_hook(t->ag);
  ten_storage_release(t->storage);
  free(t);
}

ten_tensor *ten_from_storage(ten_storage *s, ten_dtype dt, int64_t offset,
                             const int64_t *shape, const int64_t *stride, int ndim) {
  if (ndim < 0 || ndim > TEN_MAX_DIMS) {
    ten_error_set(TEN_E_RUNTIME, "ctorch supports at most %d dimensions, got %d", TEN_MAX_DIMS, ndim);
    return NULL;
  }
  ten_tensor *t = ten_malloc(sizeof *t);
  if (!t) return NULL;
  memset(t, 0, sizeof *t);
  t->refcount = 1;
  t->dtype = dt;
  t->ndim = ndim;
  t->storage = s;
  t->offset = offset;
  ten_storage_retain(s);
  if (ndim) memcpy(t->shape, shape, sizeof(int64_t) * (size_t)ndim);
  if (stride) {
    if (ndim) memcpy(t->stride, stride, sizeof(int64_t) * (size_t)ndim);
  } else {
    ten_contiguous_strides(shape, ndim, t->stride);
  }
  return t;
}

ten_tensor *ten_alias(const ten_tensor *t) {
  return ten_from_storage(t->storage, t->dtype, t->offset, t->shape, t->stride, t->ndim);
}

ten_tensor *ten_empty_on(const int64_t *shape, int ndim, ten_dtype dt, ten_device dev) {
  if (ten_check_shape(shape, ndim)) return NULL;
  int64_t n = ten_shape_numel(shape, ndim);
  size_t es = ten_dtype_size(dt);
  if (n > 0 && (uint64_t)n > (uint64_t)INT64_MAX / 2 / es) {
    ten_error_set(TEN_E_RUNTIME, "numel: integer multiplication overflow");
    return NULL;
  }
  ten_storage *s = ten_storage_new((size_t)n * es, dev);
  if (!s) return NULL;
  ten_tensor *t = ten_from_storage(s, dt, 0, shape, NULL, ndim);
  ten_storage_release(s);
  return t;
}

int64_t ten_numel(const ten_tensor *t) { return ten_shape_numel(t->shape, t->ndim); }

bool ten_is_contiguous(const ten_tensor *t) {
  int64_t expected = 1;
  for (int d = t->ndim - 1; d >= 0; d--) {
    if (t->shape[d] == 0) return true;
    if (t->shape[d] != 1 && t->stride[d] != expected) return false;
    expected *= t->shape[d];
  }
  return true;
}

ten_device ten_device_of(const ten_tensor *t) { return t->storage->device; }

void *ten_data_ptr(const ten_tensor *t) {
  return (char *)t->storage->data + t->offset * (int64_t)ten_dtype_size(t->dtype);
}

void *ten_element_ptr(const ten_tensor *t, int64_t linear) {
  int64_t off = 0;
  for (int d = t->ndim - 1; d >= 0; d--) {
    int64_t n = t->shape[d];
    off += (linear % n) * t->stride[d];
    linear /= n;
  }
  return (char *)ten_data_ptr(t) + off * (int64_t)ten_dtype_size(t->dtype);
}

/* Converts one element of dtype dt at p. */
static double load_double(const void *p, ten_dtype dt) {
  switch (dt) {
  case TEN_DTYPE_BOOL: return *(const bool *)p;
  case TEN_DTYPE_U8: return *(const uint8_t *)p;
  case TEN_DTYPE_I32: return *(const int32_t *)p;
  case TEN_DTYPE_I64: return (double)*(const int64_t *)p;
  case TEN_DTYPE_F32: return *(const float *)p;
  case TEN_DTYPE_F64: return *(const double *)p;
  default: return 0;
  }
}

static int64_t load_int(const void *p, ten_dtype dt) {
  switch (dt) {
  case TEN_DTYPE_BOOL: return *(const bool *)p;
  case TEN_DTYPE_U8: return *(const uint8_t *)p;
  case TEN_DTYPE_I32: return *(const int32_t *)p;
  case TEN_DTYPE_I64: return *(const int64_t *)p;
  case TEN_DTYPE_F32: return (int64_t)*(const float *)p;
  case TEN_DTYPE_F64: return (int64_t)*(const double *)p;
  default: return 0;
  }
}

/* Element i of t in host memory: t's own bytes on the CPU, else one element copied into buf (a
   device read the caller cannot report failing: the element reads as 0, the error stays set). */
static const void *host_element(const ten_tensor *t, int64_t i, int64_t *buf) {
  const void *p = ten_element_ptr(t, i);
  if (t->storage->device.type == TEN_DEV_CPU) return p;
  *buf = 0;
  const ten_backend *b = ten_backend_for(t->storage->device);
  if (b) b->memcpy_host(buf, p, ten_dtype_size(t->dtype), false, t->storage->device.index);
  return buf;
}

double ten_get_double(const ten_tensor *t, int64_t i) {
  int64_t buf;
  return load_double(host_element(t, i, &buf), t->dtype);
}
int64_t ten_get_int(const ten_tensor *t, int64_t i) {
  int64_t buf;
  return load_int(host_element(t, i, &buf), t->dtype);
}

int ten_item(const ten_tensor *t, ten_scalar *out) {
  if (ten_numel(t) != 1)
    return ten_error_set(TEN_E_VALUE, "only one element tensors can be converted to Python scalars");
  ten_tensor *host = NULL;
  if (t->storage->device.type != TEN_DEV_CPU) {
    host = ten_to_device((ten_tensor *)t, TEN_CPU, false);
    if (!host) return -1;
    t = host;
  }
  const void *p = ten_element_ptr(t, 0);
  if (ten_dtype_is_float(t->dtype)) *out = ten_scalar_float(load_double(p, t->dtype));
  else if (t->dtype == TEN_DTYPE_BOOL) *out = ten_scalar_bool(*(const bool *)p);
  else *out = ten_scalar_int(load_int(p, t->dtype));
  ten_release(host);
  return 0;
}

int ten_wrap_dim(int64_t dim, int ndim, int *out) {
  int64_t n = ndim > 0 ? ndim : 1;
  if (dim < -n || dim >= n)
    return ten_error_set(TEN_E_INDEX, "Dimension out of range (expected to be in range of [%lld, %lld], but got %lld)",
                         (long long)-n, (long long)(n - 1), (long long)dim);
  *out = (int)(dim < 0 ? dim + n : dim);
  return 0;
}

void ten_bump_version(ten_tensor *t) { __atomic_add_fetch(&t->storage->version, 1, __ATOMIC_RELAXED); }
