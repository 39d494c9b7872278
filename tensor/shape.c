/*
** tensor/shape.c — shape arithmetic: contiguous strides, broadcasting, view-stride computation
** (when can a strided tensor be viewed with a new shape without copying), -1 inference, dim lists.
*/
#include <stdio.h>
#include <string.h>

#include "tensor/internal.h"

/* Unsigned arithmetic: for shapes with a 0 the product of the other sizes may wrap (PyTorch gives
   torch.empty(0, 2**62, 2**62) the strides (0, 2**62, 1) the same way); never undefined behaviour. */
void ten_contiguous_strides(const int64_t *shape, int ndim, int64_t *stride) {
  uint64_t s = 1;
  for (int d = ndim - 1; d >= 0; d--) {
    stride[d] = (int64_t)s;
    s *= shape[d] > 1 ? (uint64_t)shape[d] : 1;
  }
}

int64_t ten_shape_numel(const int64_t *shape, int ndim) {
  uint64_t n = 1;
  for (int d = 0; d < ndim; d++) n *= (uint64_t)shape[d];
  return (int64_t)n;
}

bool ten_shape_equal(const int64_t *a, int na, const int64_t *b, int nb) {
  return na == nb && (na == 0 || memcmp(a, b, sizeof(int64_t) * (size_t)na) == 0);
}

int ten_check_shape(const int64_t *shape, int ndim) {
  if (ndim < 0 || ndim > TEN_MAX_DIMS)
    return ten_error_set(TEN_E_RUNTIME, "ctorch supports at most %d dimensions, got %d", TEN_MAX_DIMS, ndim);
  for (int d = 0; d < ndim; d++) {
    if (shape[d] < 0) {
      char buf[256];
      ten_format_shape(shape, ndim, buf, sizeof buf);
      return ten_error_set(TEN_E_RUNTIME, "Trying to create tensor with negative dimension %lld: %s",
                           (long long)shape[d], buf);
    }
  }
  /* the element count, multiplied left to right as ATen's safe_multiplies_u64 does, must leave room
     for 8-byte elements: else "Storage size calculation overflowed" (before, it wrapped and a small
     buffer was allocated for a huge tensor) */
  uint64_t n = 1;
  bool overflow = false;
  for (int d = 0; d < ndim; d++) overflow |= __builtin_mul_overflow(n, (uint64_t)shape[d], &n);
  if (overflow || n > (uint64_t)INT64_MAX / 8) {
    char buf[256];
    ten_format_shape(shape, ndim, buf, sizeof buf);
    return ten_error_set(TEN_E_RUNTIME, "Storage size calculation overflowed with sizes=%s", buf);
  }
  return 0;
}

void ten_format_shape(const int64_t *shape, int ndim, char *buf, size_t n) {
  size_t k = 0;
  k += (size_t)snprintf(buf + k, n - k, "[");
  for (int d = 0; d < ndim && k < n; d++)
    k += (size_t)snprintf(buf + k, n - k, d ? ", %lld" : "%lld", (long long)shape[d]);
  if (k < n) snprintf(buf + k, n - k, "]");
}

int ten_broadcast_shapes(const int64_t *a, int na, const int64_t *b, int nb, int64_t *out, int *nout) {
  int n = na > nb ? na : nb;
  int64_t res[TEN_MAX_DIMS];
  for (int i = n - 1; i >= 0; i--) {
    int off = n - 1 - i;
    int da = na - 1 - off, db = nb - 1 - off;
    int64_t sa = da >= 0 ? a[da] : 1, sb = db >= 0 ? b[db] : 1;
    if (sa != sb && sa != 1 && sb != 1)
      return ten_error_set(TEN_E_RUNTIME,
                           "The size of tensor a (%lld) must match the size of tensor b (%lld) at non-singleton dimension %d",
                           (long long)sa, (long long)sb, i);
    res[i] = sa == 1 ? sb : sa;
  }
  memcpy(out, res, sizeof(int64_t) * (size_t)n);
  *nout = n;
  return 0;
}

bool ten_compute_view_strides(const int64_t *shape, const int64_t *stride, int ndim,
                              const int64_t *newshape, int newndim, int64_t *newstride) {
  if (ndim == 0) {
    for (int d = 0; d < newndim; d++) newstride[d] = 1;
    return true;
  }
  int64_t numel = ten_shape_numel(shape, ndim);
  if (numel == 0 && ten_shape_equal(shape, ndim, newshape, newndim)) {
    memcpy(newstride, stride, sizeof(int64_t) * (size_t)ndim);
    return true;
  }
  if (numel == 0) {
    for (int d = newndim - 1; d >= 0; d--)
      newstride[d] = d == newndim - 1 ? 1 : (newshape[d + 1] > 1 ? newshape[d + 1] : 1) * newstride[d + 1];
    return true;
  }
  /* Walk old dims from the innermost, grouping runs that are contiguous with each other
     ("chunks"); each chunk must be exactly covered by a run of new dims. */
  int view_d = newndim - 1;
  int64_t chunk_base = stride[ndim - 1], tensor_numel = 1, view_numel = 1;
  for (int td = ndim - 1; td >= 0; td--) {
    tensor_numel *= shape[td];
    if (td == 0 || (shape[td - 1] != 1 && stride[td - 1] != tensor_numel * chunk_base)) {
      while (view_d >= 0 && (view_numel < tensor_numel || newshape[view_d] == 1)) {
        newstride[view_d] = view_numel * chunk_base;
        view_numel *= newshape[view_d];
        view_d--;
      }
      if (view_numel != tensor_numel) return false;
      if (td > 0) {
        chunk_base = stride[td - 1];
        tensor_numel = 1;
        view_numel = 1;
      }
    }
  }
  return view_d == -1;
}

int ten_infer_size(const int64_t *shape, int ndim, int64_t numel, int64_t *out) {
  int64_t newsize = 1;
  int infer = -1;
  for (int d = 0; d < ndim; d++) {
    if (shape[d] == -1) {
      if (infer >= 0) return ten_error_set(TEN_E_RUNTIME, "only one dimension can be inferred");
      infer = d;
    } else if (shape[d] >= 0) {
      newsize *= shape[d];
    } else {
      return ten_error_set(TEN_E_RUNTIME, "invalid shape dimension %lld", (long long)shape[d]);
    }
  }
  if (ndim > TEN_MAX_DIMS)
    return ten_error_set(TEN_E_RUNTIME, "ctorch supports at most %d dimensions, got %d", TEN_MAX_DIMS, ndim);
  if (numel == newsize || (infer >= 0 && newsize > 0 && numel % newsize == 0)) {
    memcpy(out, shape, sizeof(int64_t) * (size_t)ndim);
    if (infer >= 0) {
      if (newsize == 0) {
        char buf[256];
        ten_format_shape(shape, ndim, buf, sizeof buf);
        return ten_error_set(TEN_E_RUNTIME,
                             "cannot reshape tensor of 0 elements into shape %s because the unspecified dimension size -1 can be any value and is ambiguous",
                             buf);
      }
      out[infer] = numel / newsize;
    }
    return 0;
  }
  char buf[256];
  ten_format_shape(shape, ndim, buf, sizeof buf);
  return ten_error_set(TEN_E_RUNTIME, "shape '%s' is invalid for input of size %lld", buf, (long long)numel);
}

int ten_dims_mask(const int64_t *dims, int n, int ndim, uint32_t *mask) {
  *mask = 0;
  for (int i = 0; i < n; i++) {
    int d;
    if (ten_wrap_dim(dims[i], ndim, &d)) return -1;
    if (*mask & (1u << d))
      return ten_error_set(TEN_E_RUNTIME, "dim %d appears multiple times in the list of dims", d);
    *mask |= 1u << d;
  }
  return 0;
}

int ten_resize_out(ten_tensor *out, const int64_t *shape, int ndim) {
  if (ten_shape_equal(out->shape, out->ndim, shape, ndim)) return 0;
  if (ten_check_shape(shape, ndim)) return -1;
  int64_t n = ten_shape_numel(shape, ndim);
  size_t need = (size_t)(n + out->offset) * ten_dtype_size(out->dtype);
  if (need > out->storage->nbytes) {
    ten_storage *s = ten_storage_new((size_t)n * ten_dtype_size(out->dtype), out->storage->device);
    if (!s) return -1;
    s->version = out->storage->version;
    ten_storage_release(out->storage);
    out->storage = s;
    out->offset = 0;
  }
  out->ndim = ndim;
  memcpy(out->shape, shape, sizeof(int64_t) * (size_t)ndim);
  ten_contiguous_strides(shape, ndim, out->stride);
  return 0;
}

static void device_str(ten_device d, char *buf, size_t n) {
  if (d.type == TEN_DEV_CPU) snprintf(buf, n, "cpu");
  else snprintf(buf, n, "cuda:%d", d.index < 0 ? 0 : d.index);
}

int ten_check_same_device(const ten_tensor *const *ts, int n) {
  const ten_tensor *first = NULL;
  for (int i = 0; i < n; i++) {
    if (!ts[i] || ts[i]->wrapped_number) continue;
    if (!first) {
      first = ts[i];
      continue;
    }
    ten_device a = first->storage->device, b = ts[i]->storage->device;
    int ia = a.index < 0 ? 0 : a.index, ib = b.index < 0 ? 0 : b.index;
    if (a.type != b.type || (a.type != TEN_DEV_CPU && ia != ib)) {
      /* PyTorch names the non-CPU device first when one of them is the CPU. */
      char sa[32], sb[32];
      if (a.type == TEN_DEV_CPU) {
        ten_device t = a; a = b; b = t;
      }
      device_str(a, sa, sizeof sa);
      device_str(b, sb, sizeof sb);
      return ten_error_set(TEN_E_RUNTIME,
                           "Expected all tensors to be on the same device, but found at least two devices, %s and %s!",
                           sa, sb);
    }
  }
  return 0;
}

bool ten_dense_strides(const ten_tensor *t, int64_t *stride) {
  int nd = t->ndim;
  int perm[TEN_MAX_DIMS];
  for (int d = 0; d < nd; d++) perm[d] = d;
  /* insertion sort: size<2 dims last, else by increasing stride (stable, as std::sort is not
     required to be here: ties only matter for size<2 dims, which are skipped below) */
  for (int i = 1; i < nd; i++) {
    int p = perm[i], j = i - 1;
    while (j >= 0) {
      int q = perm[j];
      bool before = t->shape[p] >= 2 && (t->shape[q] < 2 || t->stride[p] < t->stride[q]);
      if (!before) break;
      perm[j + 1] = q;
      j--;
    }
    perm[j + 1] = p;
  }
  int64_t require = 1;
  for (int i = 0; i < nd; i++) {
    int d = perm[i];
    if (t->shape[d] < 2) break;
    if (t->stride[d] != require) return false;
    require *= t->shape[d];
  }
  if (nd) memcpy(stride, t->stride, sizeof(int64_t) * (size_t)nd);
  return true;
}

/* TensorIterator::reorder_dimensions: 1 if dim a should be inner to dim b... returns
   1 (swap), -1 (keep), 0 (ambiguous), looking at operands in order. */
static int layout_cmp(const ten_tensor *const *in, int n, const int64_t (*st)[TEN_MAX_DIMS],
                      const int64_t *shape, int d0, int d1) {
  for (int k = 0; k < n; k++) {
    int64_t s0 = st[k][d0], s1 = st[k][d1];
    if (s0 == 0 || s1 == 0) continue;
    if (s0 < s1) return -1;
    if (s0 > s1) return 1;
    if (shape[d0] > shape[d1]) return 1;
  }
  return 0;
}

void ten_layout_strides(const ten_tensor *const *in, int n, const int64_t *shape, int ndim, int64_t *stride) {
  /* fast paths: all contiguous, or all dense with identical strides */
  bool all_contig = true, same_dense = true;
  for (int k = 0; k < n; k++) {
    const ten_tensor *t = in[k];
    bool same_shape = ten_shape_equal(t->shape, t->ndim, shape, ndim);
    if (!same_shape || !ten_is_contiguous(t)) all_contig = false;
    int64_t tmp[TEN_MAX_DIMS];
    if (!same_shape || !ten_dense_strides(t, tmp) ||
        (k > 0 && memcmp(in[0]->stride, t->stride, sizeof(int64_t) * (size_t)ndim) != 0))
      same_dense = false;
  }
  if (n == 0 || all_contig || ndim <= 1) {
    ten_contiguous_strides(shape, ndim, stride);
    return;
  }
  if (same_dense) {
    memcpy(stride, in[0]->stride, sizeof(int64_t) * (size_t)ndim);
    return;
  }
  /* strides of each input, right-aligned to the output shape (TensorIterator::compute_strides:
     0 for broadcast dims; a size-1 dim keeps its stride when the output dim has size 1 too) */
  int64_t st[TEN_ITER_MAX_OPS][TEN_MAX_DIMS];
  if (n > TEN_ITER_MAX_OPS) n = TEN_ITER_MAX_OPS;
  for (int k = 0; k < n; k++) {
    const ten_tensor *t = in[k];
    for (int d = 0; d < ndim; d++) {
      int td = d - (ndim - t->ndim);
      st[k][d] = (td < 0 || (t->shape[td] == 1 && shape[d] != 1)) ? 0 : t->stride[td];
    }
  }
  /* perm[0] is the innermost dim; start from the reverse order and insertion-sort */
  int perm[TEN_MAX_DIMS];
  for (int i = 0; i < ndim; i++) perm[i] = ndim - 1 - i;
  for (int i = 1; i < ndim; i++) {
    int d1 = i;
    for (int d0 = i - 1; d0 >= 0; d0--) {
      int c = layout_cmp(in, n, (const int64_t(*)[TEN_MAX_DIMS])st, shape, perm[d0], perm[d1]);
      if (c > 0) {
        int tmp = perm[d0];
        perm[d0] = perm[d1];
        perm[d1] = tmp;
        d1 = d0;
      } else if (c < 0) {
        break;
      }
    }
  }
  int64_t s = 1;   /* compatible_stride: the running product of the sizes in perm order */
  for (int i = 0; i < ndim; i++) {
    stride[perm[i]] = s;
    s *= shape[perm[i]];
  }
}
