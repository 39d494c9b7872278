/*
** tensor/copy.c — copy_/fill_ front ends, clone/contiguous, dtype casts and device moves.
** Cross-device copies stage through a contiguous buffer of the source dtype.
*/
#include <string.h>

#include "tensor/internal.h"

/* Byte extent [lo, hi) of t's elements inside its storage. */
static void extent(const ten_tensor *t, int64_t *lo, int64_t *hi) {
  int64_t a = t->offset, b = t->offset;
  for (int d = 0; d < t->ndim; d++) {
    if (t->shape[d] == 0) {
      *lo = *hi = 0;
      return;
    }
    int64_t span = (t->shape[d] - 1) * t->stride[d];
    if (span < 0) a += span; else b += span;
  }
  size_t es = ten_dtype_size(t->dtype);
  *lo = a * (int64_t)es;
  *hi = (b + 1) * (int64_t)es;
}

/* True when writing dst while reading src could read already-written elements. */
static bool partial_overlap(const ten_tensor *dst, const ten_tensor *src) {
  if (dst->storage->data != src->storage->data) return false;
  if (dst->offset == src->offset && dst->dtype == src->dtype &&
      ten_shape_equal(dst->shape, dst->ndim, src->shape, src->ndim) &&
      memcmp(dst->stride, src->stride, sizeof(int64_t) * (size_t)dst->ndim) == 0)
    return false;   /* same elements in the same order: elementwise ops are safe */
  int64_t dl, dh, sl, sh;
  extent(dst, &dl, &dh);
  extent(src, &sl, &sh);
  return dl < sh && sl < dh;
}

/* at::has_internal_overlap == YES: a dim of size > 1 with stride 0 (dense tensors never overlap). */
static bool internal_overlap(const ten_tensor *t) {
  int64_t st[TEN_MAX_DIMS];
  if (ten_dense_strides(t, st)) return false;
  for (int d = 0; d < t->ndim; d++)
    if (t->shape[d] > 1 && t->stride[d] == 0) return true;
  return false;
}

/* at::get_overlap_status == PARTIAL: both dense, same storage, element ranges overlapping but not
   the same view. Non-dense pairs are "too hard" and pass, as in PyTorch. */
static bool partial_alias(const ten_tensor *a, const ten_tensor *b) {
  int64_t st[TEN_MAX_DIMS];
  if (a->storage->data != b->storage->data || ten_numel(a) == 0 || ten_numel(b) == 0) return false;
  if (!ten_dense_strides(a, st) || !ten_dense_strides(b, st)) return false;
  int64_t ab = a->offset * (int64_t)ten_dtype_size(a->dtype), ae = ab + ten_numel(a) * (int64_t)ten_dtype_size(a->dtype);
  int64_t bb = b->offset * (int64_t)ten_dtype_size(b->dtype), be = bb + ten_numel(b) * (int64_t)ten_dtype_size(b->dtype);
  if (ab == bb && ae == be)
    return a->ndim != b->ndim || (a->ndim && memcmp(a->stride, b->stride, sizeof(int64_t) * (size_t)a->ndim) != 0);
  return ab < be && bb < ae;
}

int ten_check_mem_overlap(const ten_tensor *out, const ten_tensor *const *ins, int n) {
  if (internal_overlap(out))
    return ten_error_set(TEN_E_RUNTIME,
                         "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.");
  for (int i = 0; i < n; i++)
    if (ins[i] && partial_alias(out, ins[i]))
      return ten_error_set(TEN_E_RUNTIME,
                           "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.");
  return 0;
}

bool ten_same_or_disjoint(const ten_tensor *out, const ten_tensor *in) {
  if (out->storage->data != in->storage->data) return true;
  return out->offset == in->offset && out->dtype == in->dtype &&
         ten_shape_equal(out->shape, out->ndim, in->shape, in->ndim) &&
         (out->ndim == 0 || memcmp(out->stride, in->stride, sizeof(int64_t) * (size_t)out->ndim) == 0);
}

int ten_copy_(ten_tensor *dst, const ten_tensor *src) {
  /* TensorIterator's broadcast checks and texts: src must broadcast to exactly dst's shape */
  int64_t shape[TEN_MAX_DIMS];
  int ndim;
  if (ten_check_mem_overlap(dst, &src, 1) ||
      ten_broadcast_shapes(dst->shape, dst->ndim, src->shape, src->ndim, shape, &ndim) ||
      ten_ew_check_out(dst, shape, ndim, dst->dtype, true))
    return -1;
  ten_tensor *srcx = ten_expand((ten_tensor *)src, dst->shape, dst->ndim);
  if (!srcx) return -1;
  int rc = -1;
  ten_tensor *tmp = NULL;
  ten_device dd = dst->storage->device, sd = src->storage->device;
  if (dd.type == sd.type && dd.index == sd.index) {
    if (partial_overlap(dst, srcx)) {
      tmp = ten_clone(srcx);
      if (!tmp) goto done;
      ten_release(srcx);
      srcx = ten_expand(tmp, dst->shape, dst->ndim);
      if (!srcx) goto done;
    }
    const ten_backend *b = ten_backend_for(dd);
    if (!b) goto done;
    rc = b->copy(dst, srcx);
  } else {
    /* stage: contiguous source -> raw bytes on dst's device -> converting copy there */
    tmp = ten_contiguous((ten_tensor *)src);
    if (!tmp) goto done;
    ten_tensor *staged = ten_empty_on(src->shape, src->ndim, src->dtype, dd);
    if (!staged) goto done;
    size_t nbytes = (size_t)ten_numel(src) * ten_dtype_size(src->dtype);
    const ten_backend *b = ten_backend_for(dd.type == TEN_DEV_CPU ? sd : dd);
    rc = b ? b->memcpy_host(ten_data_ptr(staged), ten_data_ptr(tmp), nbytes, dd.type != TEN_DEV_CPU,
                            dd.type != TEN_DEV_CPU ? dd.index : sd.index)
           : -1;
    if (rc == 0) rc = ten_copy_(dst, staged);
    ten_release(staged);
    goto done;
  }
  if (rc == 0) ten_bump_version(dst);
done:
  ten_release(srcx);
  ten_release(tmp);
  return rc;
}

int ten_fill_(ten_tensor *t, ten_scalar value) {
  if (ten_scalar_check(value, t->dtype)) return -1;
  const ten_backend *b = ten_backend_for(t->storage->device);
  if (!b || b->fill(t, value)) return -1;
  ten_bump_version(t);
  return 0;
}

int ten_zero_(ten_tensor *t) { return ten_fill_(t, ten_scalar_int(0)); }

/* clone() keeps the strides of a non-overlapping and dense tensor (memory_format=preserve). */
ten_tensor *ten_clone(const ten_tensor *t) {
  int64_t stride[TEN_MAX_DIMS];
  ten_tensor *out;
  if (ten_dense_strides(t, stride)) {
    int64_t n = ten_numel(t);
    ten_storage *s = ten_storage_new((size_t)n * ten_dtype_size(t->dtype), t->storage->device);
    if (!s) return NULL;
    out = ten_from_storage(s, t->dtype, 0, t->shape, stride, t->ndim);
    ten_storage_release(s);
  } else {
    out = ten_empty_on(t->shape, t->ndim, t->dtype, t->storage->device);
  }
  if (!out) return NULL;
  if (ten_copy_(out, t)) {
    ten_release(out);
    return NULL;
  }
  out->storage->version = 0;
  return out;
}

ten_tensor *ten_contiguous(ten_tensor *t) {
  if (ten_is_contiguous(t)) {
    ten_retain(t);
    return t;
  }
  ten_tensor *out = ten_empty_on(t->shape, t->ndim, t->dtype, t->storage->device);
  if (out && ten_copy_(out, t)) {
    ten_release(out);
    return NULL;
  }
  if (out) out->storage->version = 0;
  return out;
}

/* A fresh tensor laid out like t (preserve format) with another dtype/device. */
static ten_tensor *empty_preserve(const ten_tensor *t, ten_dtype dt, ten_device dev) {
  int64_t stride[TEN_MAX_DIMS];
  if (!ten_dense_strides(t, stride)) return ten_empty_on(t->shape, t->ndim, dt, dev);
  ten_storage *s = ten_storage_new((size_t)ten_numel(t) * ten_dtype_size(dt), dev);
  if (!s) return NULL;
  ten_tensor *out = ten_from_storage(s, dt, 0, t->shape, stride, t->ndim);
  ten_storage_release(s);
  return out;
}

ten_tensor *ten_to_dtype(ten_tensor *t, ten_dtype dt, bool copy) {
  if (dt == t->dtype && !copy) {
    ten_retain(t);
    return t;
  }
  ten_tensor *out = empty_preserve(t, dt, t->storage->device);
  if (out && ten_copy_(out, t)) {
    ten_release(out);
    return NULL;
  }
  if (out) out->storage->version = 0;
  return out;
}

ten_tensor *ten_to_device(ten_tensor *t, ten_device dev, bool copy) {
  ten_device cur = t->storage->device;
  int ci = cur.index < 0 ? 0 : cur.index, di = dev.index < 0 ? 0 : dev.index;
  if (cur.type == dev.type && (dev.type == TEN_DEV_CPU || ci == di) && !copy) {
    ten_retain(t);
    return t;
  }
  if (!ten_backend_for(dev)) return NULL;
  ten_tensor *out = empty_preserve(t, t->dtype, dev);
  if (out && ten_copy_(out, t)) {
    ten_release(out);
    return NULL;
  }
  if (out) out->storage->version = 0;
  return out;
}
