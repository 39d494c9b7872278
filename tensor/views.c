/*
** tensor/views.c — ops that only rewrite (offset, shape, stride) over the same storage: view,
** reshape (view or copy), transpose/permute, (un)squeeze, expand, select/slice/narrow, diagonal,
** split/chunk/unbind. Error texts are PyTorch 1.13's.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tensor/internal.h"

static ten_tensor *view_of(const ten_tensor *t, int64_t offset, const int64_t *shape, const int64_t *stride, int ndim) {
  return ten_from_storage(t->storage, t->dtype, offset, shape, stride, ndim);
}

ten_tensor *ten_view(ten_tensor *t, const int64_t *shape, int ndim) {
  int64_t sz[TEN_MAX_DIMS], st[TEN_MAX_DIMS];
  if (ndim > TEN_MAX_DIMS) {
    ten_error_set(TEN_E_RUNTIME, "ctorch supports at most %d dimensions, got %d", TEN_MAX_DIMS, ndim);
    return NULL;
  }
  if (ten_infer_size(shape, ndim, ten_numel(t), sz)) return NULL;
  if (!ten_compute_view_strides(t->shape, t->stride, t->ndim, sz, ndim, st)) {
    ten_error_set(TEN_E_RUNTIME,
                  "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
    return NULL;
  }
  return view_of(t, t->offset, sz, st, ndim);
}

bool ten_reshape_is_view(const ten_tensor *t, const int64_t *shape, int ndim) {
  int64_t sz[TEN_MAX_DIMS], st[TEN_MAX_DIMS];
  if (ndim > TEN_MAX_DIMS || ten_infer_size(shape, ndim, ten_numel(t), sz)) {
    ten_error_clear();
    return false;
  }
  return ten_compute_view_strides(t->shape, t->stride, t->ndim, sz, ndim, st);
}

ten_tensor *ten_reshape(ten_tensor *t, const int64_t *shape, int ndim) {
  int64_t sz[TEN_MAX_DIMS], st[TEN_MAX_DIMS];
  if (ndim > TEN_MAX_DIMS) {
    ten_error_set(TEN_E_RUNTIME, "ctorch supports at most %d dimensions, got %d", TEN_MAX_DIMS, ndim);
    return NULL;
  }
  if (ten_infer_size(shape, ndim, ten_numel(t), sz)) return NULL;
  if (ten_compute_view_strides(t->shape, t->stride, t->ndim, sz, ndim, st))
    return view_of(t, t->offset, sz, st, ndim);
  ten_tensor *c = ten_empty_on(t->shape, t->ndim, t->dtype, t->storage->device);
  if (!c) return NULL;
  if (ten_copy_(c, t)) {
    ten_release(c);
    return NULL;
  }
  c->storage->version = 0;
  ten_tensor *v = view_of(c, 0, sz, NULL, ndim);
  ten_release(c);
  return v;
}

ten_tensor *ten_flatten(ten_tensor *t, int64_t start_dim, int64_t end_dim) {
  int s, e;
  if (ten_wrap_dim(start_dim, t->ndim, &s) || ten_wrap_dim(end_dim, t->ndim, &e)) return NULL;
  if (s > e) {
    ten_error_set(TEN_E_RUNTIME, "flatten() has invalid args: start_dim cannot come after end_dim");
    return NULL;
  }
  if (t->ndim == 0) {
    int64_t one = 1;
    return ten_reshape(t, &one, 1);
  }
  if (s == e) return ten_alias(t);
  int64_t shape[TEN_MAX_DIMS];
  int n = 0;
  for (int d = 0; d < s; d++) shape[n++] = t->shape[d];
  int64_t prod = 1;
  for (int d = s; d <= e; d++) prod *= t->shape[d];
  shape[n++] = prod;
  for (int d = e + 1; d < t->ndim; d++) shape[n++] = t->shape[d];
  return ten_reshape(t, shape, n);
}

ten_tensor *ten_unflatten(ten_tensor *t, int64_t dim, const int64_t *sizes, int nsizes) {
  int d;
  if (ten_wrap_dim(dim, t->ndim, &d)) return NULL;
  if (nsizes == 0) {
    ten_error_set(TEN_E_RUNTIME, "unflatten: sizes must be non-empty");
    return NULL;
  }
  int64_t inferred[TEN_MAX_DIMS];
  if (nsizes > TEN_MAX_DIMS || ten_infer_size(sizes, nsizes, t->shape[d], inferred)) {
    char buf[256];
    ten_format_shape(sizes, nsizes, buf, sizeof buf);
    ten_error_set(TEN_E_RUNTIME,
                  "unflatten: Provided sizes %s don't multiply up to the size of dim %d (%lld) in the input tensor",
                  buf, d, (long long)t->shape[d]);
    return NULL;
  }
  int64_t shape[TEN_MAX_DIMS * 2];
  int n = 0;
  for (int i = 0; i < d; i++) shape[n++] = t->shape[i];
  for (int i = 0; i < nsizes; i++) shape[n++] = inferred[i];
  for (int i = d + 1; i < t->ndim; i++) shape[n++] = t->shape[i];
  return ten_view(t, shape, n);
}

ten_tensor *ten_transpose(ten_tensor *t, int64_t d0, int64_t d1) {
  int a, b;
  if (ten_wrap_dim(d0, t->ndim, &a) || ten_wrap_dim(d1, t->ndim, &b)) return NULL;
  ten_tensor *v = ten_alias(t);
  if (!v || t->ndim == 0) return v;
  int64_t tmp = v->shape[a];
  v->shape[a] = v->shape[b];
  v->shape[b] = tmp;
  tmp = v->stride[a];
  v->stride[a] = v->stride[b];
  v->stride[b] = tmp;
  return v;
}

ten_tensor *ten_t(ten_tensor *t) {
  if (t->ndim > 2) {
    ten_error_set(TEN_E_RUNTIME, "t() expects a tensor with <= 2 dimensions, but self is %dD", t->ndim);
    return NULL;
  }
  if (t->ndim < 2) return ten_alias(t);
  return ten_transpose(t, 0, 1);
}

ten_tensor *ten_permute(ten_tensor *t, const int64_t *dims, int n) {
  if (n != t->ndim) {
    ten_error_set(TEN_E_RUNTIME,
                  "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = %d is not equal to len(dims) = %d",
                  t->ndim, n);
    return NULL;
  }
  int64_t shape[TEN_MAX_DIMS], stride[TEN_MAX_DIMS];
  bool seen[TEN_MAX_DIMS] = {false};
  for (int i = 0; i < n; i++) {
    int d;
    if (ten_wrap_dim(dims[i], t->ndim, &d)) return NULL;
    if (seen[d]) {
      ten_error_set(TEN_E_RUNTIME, "permute(): duplicate dims are not allowed.");
      return NULL;
    }
    seen[d] = true;
    shape[i] = t->shape[d];
    stride[i] = t->stride[d];
  }
  return view_of(t, t->offset, shape, stride, n);
}

ten_tensor *ten_squeeze(ten_tensor *t) {
  int64_t shape[TEN_MAX_DIMS], stride[TEN_MAX_DIMS];
  int n = 0;
  for (int d = 0; d < t->ndim; d++) {
    if (t->shape[d] == 1) continue;
    shape[n] = t->shape[d];
    stride[n++] = t->stride[d];
  }
  return view_of(t, t->offset, shape, stride, n);
}

ten_tensor *ten_squeeze_dim(ten_tensor *t, int64_t dim) {
  int d;
  if (ten_wrap_dim(dim, t->ndim, &d)) return NULL;
  if (t->ndim == 0 || t->shape[d] != 1) return ten_alias(t);
  int64_t shape[TEN_MAX_DIMS], stride[TEN_MAX_DIMS];
  int n = 0;
  for (int i = 0; i < t->ndim; i++) {
    if (i == d) continue;
    shape[n] = t->shape[i];
    stride[n++] = t->stride[i];
  }
  return view_of(t, t->offset, shape, stride, n);
}

ten_tensor *ten_unsqueeze(ten_tensor *t, int64_t dim) {
  int d;
  if (ten_wrap_dim(dim, t->ndim + 1, &d)) return NULL;
  if (t->ndim + 1 > TEN_MAX_DIMS) {
    ten_error_set(TEN_E_RUNTIME, "ctorch supports at most %d dimensions, got %d", TEN_MAX_DIMS, t->ndim + 1);
    return NULL;
  }
  int64_t shape[TEN_MAX_DIMS], stride[TEN_MAX_DIMS];
  int n = 0;
  for (int i = 0; i <= t->ndim; i++) {
    if (i == d) {
      shape[n] = 1;
      stride[n++] = d >= t->ndim ? 1 : t->shape[d] * t->stride[d];
    }
    if (i < t->ndim) {
      shape[n] = t->shape[i];
      stride[n++] = t->stride[i];
    }
  }
  return view_of(t, t->offset, shape, stride, n);
}

ten_tensor *ten_expand(ten_tensor *t, const int64_t *shape, int ndim) {
  char want[512], have[512];
  if (ndim < t->ndim) {
    ten_format_shape(shape, ndim, want, sizeof want);
    ten_format_shape(t->shape, t->ndim, have, sizeof have);
    ten_error_set(TEN_E_RUNTIME,
                  "expand(torch.%s{%s}, size=%s): the number of sizes provided (%d) must be greater or equal to the number of dimensions in the tensor (%d)",
                  ten_dtype_tensor_type(t->dtype), have, want, ndim, t->ndim);
    return NULL;
  }
  if (ndim > TEN_MAX_DIMS) {
    ten_error_set(TEN_E_RUNTIME, "ctorch supports at most %d dimensions, got %d", TEN_MAX_DIMS, ndim);
    return NULL;
  }
  int64_t sz[TEN_MAX_DIMS], st[TEN_MAX_DIMS];
  bool negative = false;   /* a size < -1 passes inferExpandGeometry, then numel() fails */
  for (int i = ndim - 1; i >= 0; i--) {
    int off = ndim - 1 - i, d = t->ndim - 1 - off;
    int64_t size = d >= 0 ? t->shape[d] : 1;
    int64_t stride = d >= 0 ? t->stride[d] : (i + 1 < ndim ? sz[i + 1] * st[i + 1] : 1);
    int64_t target = shape[i];
    if (target == -1) {
      if (d < 0) {
        ten_error_set(TEN_E_RUNTIME, "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension %d", i);
        return NULL;
      }
      target = size;
    }
    if (size != target) {
      if (size != 1) {
        ten_format_shape(shape, ndim, want, sizeof want);
        ten_format_shape(t->shape, t->ndim, have, sizeof have);
        ten_error_set(TEN_E_RUNTIME,
                      "The expanded size of the tensor (%lld) must match the existing size (%lld) at non-singleton dimension %d.  Target sizes: %s.  Tensor sizes: %s",
                      (long long)target, (long long)size, i, want, have);
        return NULL;
      }
      stride = 0;
    }
    negative |= target < 0;
    sz[i] = target;
    st[i] = stride;
  }
  if (negative) {
    ten_error_set(TEN_E_RUNTIME, "numel: integer multiplication overflow");
    return NULL;
  }
  return view_of(t, t->offset, sz, st, ndim);
}

ten_tensor *ten_expand_as(ten_tensor *t, const ten_tensor *other) { return ten_expand(t, other->shape, other->ndim); }

ten_tensor *ten_broadcast_to(ten_tensor *t, const int64_t *shape, int ndim) { return ten_expand(t, shape, ndim); }

ten_tensor *ten_select(ten_tensor *t, int64_t dim, int64_t index) {
  if (t->ndim == 0) {
    ten_error_set(TEN_E_INDEX, "select() cannot be applied to a 0-dim tensor.");
    return NULL;
  }
  int d;
  if (ten_wrap_dim(dim, t->ndim, &d)) return NULL;
  int64_t size = t->shape[d];
  if (index < -size || index >= size) {
    char buf[512];
    ten_format_shape(t->shape, t->ndim, buf, sizeof buf);
    ten_error_set(TEN_E_INDEX, "select(): index %lld out of range for tensor of size %s at dimension %d",
                  (long long)index, buf, d);
    return NULL;
  }
  if (index < 0) index += size;
  int64_t shape[TEN_MAX_DIMS], stride[TEN_MAX_DIMS];
  int n = 0;
  for (int i = 0; i < t->ndim; i++) {
    if (i == d) continue;
    shape[n] = t->shape[i];
    stride[n++] = t->stride[i];
  }
  return view_of(t, t->offset + index * t->stride[d], shape, stride, n);
}

ten_tensor *ten_slice(ten_tensor *t, int64_t dim, int64_t start, int64_t stop, int64_t step,
                      bool has_start, bool has_stop) {
  if (t->ndim == 0) {
    ten_error_set(TEN_E_INDEX, "slice() cannot be applied to a 0-dim tensor.");
    return NULL;
  }
  int d;
  if (ten_wrap_dim(dim, t->ndim, &d)) return NULL;
  if (step <= 0) {
    ten_error_set(TEN_E_VALUE, step == 0 ? "slice step cannot be zero" : "step must be greater than zero");
    return NULL;
  }
  int64_t size = t->shape[d];
  if (!has_start) start = 0;
  if (!has_stop) stop = size;
  if (start < 0) start += size;
  if (stop < 0) stop += size;
  if (start < 0) start = 0;
  else if (start > size) start = size;
  if (stop < start) stop = start;
  else if (stop > size) stop = size;
  ten_tensor *v = ten_alias(t);
  if (!v) return NULL;
  v->offset += start * t->stride[d];
  v->shape[d] = (stop - start + step - 1) / step;
  v->stride[d] = t->stride[d] * step;
  return v;
}

ten_tensor *ten_narrow(ten_tensor *t, int64_t dim, int64_t start, int64_t length) {
  if (t->ndim == 0) {
    ten_error_set(TEN_E_RUNTIME, "narrow() cannot be applied to a 0-dim tensor.");
    return NULL;
  }
  int d, s;
  if (ten_wrap_dim(dim, t->ndim, &d)) return NULL;
  int64_t size = t->shape[d];
  if (start != size && ten_wrap_dim(start, (int)size, &s)) return NULL;
  if (start == size) s = (int)size;
  if (length < 0 || s + length > size) {
    ten_error_set(TEN_E_RUNTIME, "start (%lld) + length (%lld) exceeds dimension size (%lld).",
                  (long long)s, (long long)length, (long long)size);
    return NULL;
  }
  return ten_slice(t, d, s, s + length, 1, true, true);
}

ten_tensor *ten_diagonal(ten_tensor *t, int64_t offset, int64_t d0, int64_t d1) {
  int a, b;
  if (ten_wrap_dim(d0, t->ndim, &a) || ten_wrap_dim(d1, t->ndim, &b)) return NULL;
  if (a == b) {
    ten_error_set(TEN_E_RUNTIME, "diagonal dimensions cannot be identical %lld, %lld", (long long)d0, (long long)d1);
    return NULL;
  }
  int64_t len, off = t->offset;
  if (offset >= 0) {
    len = t->shape[a] < t->shape[b] - offset ? t->shape[a] : t->shape[b] - offset;
    off += offset * t->stride[b];
  } else {
    len = t->shape[a] + offset < t->shape[b] ? t->shape[a] + offset : t->shape[b];
    off -= offset * t->stride[a];
  }
  if (len <= 0) {
    len = 0;
    off = t->offset;
  }
  int64_t shape[TEN_MAX_DIMS], stride[TEN_MAX_DIMS];
  int n = 0;
  for (int i = 0; i < t->ndim; i++) {
    if (i == a || i == b) continue;
    shape[n] = t->shape[i];
    stride[n++] = t->stride[i];
  }
  shape[n] = len;
  stride[n++] = t->stride[a] + t->stride[b];
  return view_of(t, off, shape, stride, n);
}

void ten_list_free(ten_tensor **list, int n) {
  if (!list) return;
  for (int i = 0; i < n; i++) ten_release(list[i]);
  free(list);
}

/* Splits along dim d into pieces of the given sizes (all views). */
static int split_pieces(ten_tensor *t, int d, const int64_t *sizes, int n, ten_tensor ***out, int *nout) {
  ten_tensor **list = ten_malloc(sizeof(ten_tensor *) * (size_t)(n ? n : 1));
  if (!list) return -1;
  int64_t start = 0;
  for (int i = 0; i < n; i++) {
    list[i] = ten_slice(t, d, start, start + sizes[i], 1, true, true);
    if (!list[i]) {
      ten_list_free(list, i);
      return -1;
    }
    start += sizes[i];
  }
  *out = list;
  *nout = n;
  return 0;
}

int ten_split(ten_tensor *t, int64_t split_size, int64_t dim, ten_tensor ***out, int *n) {
  if (t->ndim == 0) return ten_error_set(TEN_E_RUNTIME, "split expects at least a 1-dimensional tensor");
  int d;
  if (ten_wrap_dim(dim, t->ndim, &d)) return -1;
  int64_t size = t->shape[d];
  if (split_size < 0)
    return ten_error_set(TEN_E_RUNTIME, "split expects split_size be non-negative, but got split_size=%lld",
                         (long long)split_size);
  if (split_size == 0 && size != 0)
    return ten_error_set(TEN_E_RUNTIME,
                         "split_size can only be 0 if dimension size is 0, but got dimension size of %lld",
                         (long long)size);
  int64_t pieces = split_size == 0 ? 1 : (size + split_size - 1) / split_size;
  if (pieces < 1) pieces = 1;
  int64_t *sizes = ten_malloc(sizeof(int64_t) * (size_t)pieces);
  if (!sizes) return -1;
  for (int64_t i = 0; i < pieces; i++) {
    int64_t rest = size - i * split_size;
    sizes[i] = rest < split_size ? rest : split_size;
  }
  int rc = split_pieces(t, d, sizes, (int)pieces, out, n);
  free(sizes);
  return rc;
}

int ten_split_sizes(ten_tensor *t, const int64_t *sizes, int nsizes, int64_t dim, ten_tensor ***out, int *n) {
  int d;
  if (t->ndim == 0) return ten_error_set(TEN_E_RUNTIME, "split expects at least a 1-dimensional tensor");
  if (ten_wrap_dim(dim, t->ndim, &d)) return -1;
  int64_t sum = 0;
  for (int i = 0; i < nsizes; i++) {
    if (sizes[i] < 0) {
      char buf[512];
      ten_format_shape(sizes, nsizes, buf, sizeof buf);
      return ten_error_set(TEN_E_RUNTIME,
                           "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=%s",
                           buf);
    }
    sum += sizes[i];
  }
  if (sum != t->shape[d]) {
    char buf[512];
    ten_format_shape(sizes, nsizes, buf, sizeof buf);
    return ten_error_set(TEN_E_RUNTIME,
                         "split_with_sizes expects split_sizes to sum exactly to %lld (input tensor's size at dimension %d), but got split_sizes=%s",
                         (long long)t->shape[d], d, buf);
  }
  return split_pieces(t, d, sizes, nsizes, out, n);
}

int ten_chunk(ten_tensor *t, int64_t chunks, int64_t dim, ten_tensor ***out, int *n) {
  if (t->ndim == 0) return ten_error_set(TEN_E_RUNTIME, "chunk expects at least a 1-dimensional tensor");
  if (chunks <= 0)
    return ten_error_set(TEN_E_RUNTIME, "chunk expects `chunks` to be greater than 0, got: %lld", (long long)chunks);
  int d;
  if (ten_wrap_dim(dim, t->ndim, &d)) return -1;
  int64_t size = t->shape[d];
  int64_t split_size = (size + chunks - 1) / chunks;
  if (split_size == 0 && size == 0) {
    /* chunk of an empty dim: `chunks` empty pieces */
    int64_t *sizes = ten_malloc(sizeof(int64_t) * (size_t)chunks);
    if (!sizes) return -1;
    memset(sizes, 0, sizeof(int64_t) * (size_t)chunks);
    int rc = split_pieces(t, d, sizes, (int)chunks, out, n);
    free(sizes);
    return rc;
  }
  return ten_split(t, split_size, d, out, n);
}

int ten_unbind(ten_tensor *t, int64_t dim, ten_tensor ***out, int *n) {
  if (t->ndim == 0) return ten_error_set(TEN_E_INDEX, "Dimension specified as 0 but tensor has no dimensions");
  int d;
  if (ten_wrap_dim(dim, t->ndim, &d)) return -1;
  int64_t size = t->shape[d];
  ten_tensor **list = ten_malloc(sizeof(ten_tensor *) * (size_t)(size ? size : 1));
  if (!list) return -1;
  for (int64_t i = 0; i < size; i++) {
    list[i] = ten_select(t, d, i);
    if (!list[i]) {
      ten_list_free(list, (int)i);
      return -1;
    }
  }
  *out = list;
  *n = (int)size;
  return 0;
}
