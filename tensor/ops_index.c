/*
** tensor/ops_index.c — Python subscripts on tensors (basic indexing as views; advanced indexing
** with index tensors and boolean masks as copies via element offsets), index_put_ (with
** accumulate), scatter/scatter_add, index_add, index_select, gather, masked_select, nonzero,
** tril/triu, flip, repeat, and cat/stack.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tensor/internal.h"

/* ---- cat / stack ---- */

ten_tensor *ten_cat(ten_tensor *const *ts, int n, int64_t dim) {
  if (n == 0) {
    ten_error_set(TEN_E_RUNTIME, "torch.cat(): expected a non-empty list of Tensors");
    return NULL;
  }
  /* legacy rule: 1-D empty tensors are skipped */
  const ten_tensor *ref = NULL;
  for (int i = 0; i < n; i++)
    if (!(ts[i]->ndim == 1 && ts[i]->shape[0] == 0)) {
      ref = ts[i];
      break;
    }
  if (!ref) ref = ts[0];
  int d;
  if (ten_wrap_dim(dim, ref->ndim, &d)) return NULL;
  if (ref->ndim == 0) {
    ten_error_set(TEN_E_RUNTIME, "zero-dimensional tensor (at position %d) cannot be concatenated", 0);
    return NULL;
  }
  int64_t shape[TEN_MAX_DIMS];
  memcpy(shape, ref->shape, sizeof(int64_t) * (size_t)ref->ndim);
  shape[d] = 0;
  if (ten_check_same_device((const ten_tensor *const *)ts, n)) return NULL;
  for (int i = 0; i < n; i++) {
    const ten_tensor *t = ts[i];
    if (t->ndim == 1 && t->shape[0] == 0 && ref->ndim != 1) continue;
    if (t->ndim == 0) {
      ten_error_set(TEN_E_RUNTIME, "zero-dimensional tensor (at position %d) cannot be concatenated", i);
      return NULL;
    }
    if (t->ndim != ref->ndim) {
      ten_error_set(TEN_E_RUNTIME, "Tensors must have same number of dimensions: got %d and %d", ref->ndim, t->ndim);
      return NULL;
    }
    for (int k = 0; k < t->ndim; k++) {
      if (k != d && t->shape[k] != ref->shape[k]) {
        ten_error_set(TEN_E_RUNTIME,
                      "Sizes of tensors must match except in dimension %d. Expected size %lld but got size %lld for tensor number %d in the list.",
                      d, (long long)ref->shape[k], (long long)t->shape[k], i);
        return NULL;
      }
    }
    shape[d] += t->shape[d];
  }
  ten_dtype dt = ten_result_type((const ten_tensor *const *)ts, n);
  ten_tensor *out = ten_empty_on(shape, ref->ndim, dt, ref->storage->device);
  if (!out) return NULL;
  int64_t pos = 0;
  for (int i = 0; i < n; i++) {
    const ten_tensor *t = ts[i];
    if (t->ndim != ref->ndim || t->shape[d] == 0) continue;
    ten_tensor *slot = ten_narrow(out, d, pos, t->shape[d]);
    int rc = slot ? ten_copy_(slot, t) : -1;
    ten_release(slot);
    if (rc) {
      ten_release(out);
      return NULL;
    }
    pos += t->shape[d];
  }
  out->storage->version = 0;
  return out;
}

ten_tensor *ten_stack(ten_tensor *const *ts, int n, int64_t dim) {
  if (n == 0) {
    ten_error_set(TEN_E_RUNTIME, "stack expects a non-empty TensorList");
    return NULL;
  }
  for (int i = 1; i < n; i++) {
    if (!ten_shape_equal(ts[i]->shape, ts[i]->ndim, ts[0]->shape, ts[0]->ndim)) {
      char a[512], b[512];
      ten_format_shape(ts[0]->shape, ts[0]->ndim, a, sizeof a);
      ten_format_shape(ts[i]->shape, ts[i]->ndim, b, sizeof b);
      ten_error_set(TEN_E_RUNTIME, "stack expects each tensor to be equal size, but got %s at entry 0 and %s at entry %d",
                    a, b, i);
      return NULL;
    }
  }
  int d;
  if (ten_wrap_dim(dim, ts[0]->ndim + 1, &d)) return NULL;
  ten_tensor **us = ten_malloc(sizeof(ten_tensor *) * (size_t)n);
  if (!us) return NULL;
  int made = 0;
  ten_tensor *out = NULL;
  for (; made < n; made++) {
    us[made] = ten_unsqueeze(ts[made], d);
    if (!us[made]) goto done;
  }
  out = ten_cat(us, n, d);
done:
  ten_list_free(us, made);
  return out;
}

/* ---- advanced indexing ---- */

/* A subscript is applied as PyTorch's applySlicing does (torch/csrc/autograd/
   python_variable_indexing.cpp): components left to right on a running view with a dim pointer;
   ints (and 0-dim integer tensors) select, slices slice, None unsqueezes, an ellipsis skips the
   dims nothing else consumes; every other tensor is recorded at the dim pointer, which then moves
   by ONE even for a k-dim mask (so basic components after a mask land where PyTorch puts them).
   The recorded list is then at::index's (masks expanded into nonzero() columns). */

/* Index plan: the basic-indexed view plus the advanced components (index tensors per view dim). */
typedef struct index_plan {
  ten_tensor *view;                 /* basic indexing applied (PyTorch's `sliced`) */
  int nadv;
  int adv_dim[TEN_MAX_DIMS];        /* view dim of each expanded index tensor */
  ten_tensor *adv[TEN_MAX_DIMS];    /* int64 index tensors (new references) */
  int nrec, nmask;                  /* tensors recorded by the walk; how many were masks (ndim >= 1) */
  const ten_tensor *rec_src[TEN_MAX_DIMS];  /* recorded caller tensors (borrowed; overlap checks) */
} index_plan;

static void plan_free(index_plan *p) {
  ten_release(p->view);
  for (int i = 0; i < p->nadv; i++) ten_release(p->adv[i]);
}

static bool is_mask_dtype(ten_dtype dt) { return dt == TEN_DTYPE_BOOL || dt == TEN_DTYPE_U8; }

/* A backend without the kernel an op needs: the error (never a silent fallback). Returns NULL. */
static const ten_backend *no_kernel(const ten_backend *b, const char *what) {
  ten_error_set(TEN_E_RUNTIME, "%s is not implemented for device '%s'", what, b->name);
  return NULL;
}

/* Tensor dims an index component consumes (count_specified_dimensions). */
static int consumes(const ten_index *x) {
  switch (x->kind) {
  case TEN_INDEX_INT:
  case TEN_INDEX_SLICE: return 1;
  case TEN_INDEX_TENSOR: return is_mask_dtype(x->tensor->dtype) ? x->tensor->ndim : 1;
  default: return 0;
  }
}

/* applySelect: the bounds check names the component's position in the subscript. */
static ten_tensor *apply_select(ten_tensor *v, int dim, int64_t k, int real_dim) {
  int64_t size = v->shape[dim];
  if (k < -size || k >= size) {
    ten_error_set(TEN_E_INDEX, "index %lld is out of bounds for dimension %d with size %lld", (long long)k, real_dim,
                  (long long)size);
    return NULL;
  }
  return ten_select(v, dim, k);
}

static int plan_build(index_plan *p, ten_tensor *t, const ten_index *idx, int n) {
  memset(p, 0, sizeof *p);
  /* x[0] / x[0:1] on a 0-dim tensor: Python's single-index paths (x[0,] says "too many") */
  if (n == 1 && idx[0].kind == TEN_INDEX_INT && t->ndim == 0)
    return ten_error_set(TEN_E_INDEX, "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                                      "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
  if (n == 1 && idx[0].kind == TEN_INDEX_SLICE && t->ndim == 0)
    return ten_error_set(TEN_E_INDEX, "slice() cannot be applied to a 0-dim tensor.");
  int specified = 0;
  for (int i = 0; i < n; i++) specified += consumes(&idx[i]);
  if (specified > t->ndim) return ten_error_set(TEN_E_INDEX, "too many indices for tensor of dimension %d", t->ndim);
  ten_tensor *v = ten_alias(t);
  if (!v) return -1;
  /* the recorded list: rec[k] (new reference) at list position pos[k] */
  ten_tensor *rec[TEN_MAX_DIMS];
  int pos[TEN_MAX_DIMS], nrec = 0, dim = 0, rc = -1;
  for (int i = 0; i < n; i++) {
    const ten_index *x = &idx[i];
    ten_tensor *nv = NULL, *r = NULL;
    switch (x->kind) {
    case TEN_INDEX_ELLIPSIS:
      dim += t->ndim - specified;
      continue;
    case TEN_INDEX_NONE:
      nv = ten_unsqueeze(v, dim++);
      break;
    case TEN_INDEX_INT:
      nv = apply_select(v, dim, x->i, i);
      break;
    case TEN_INDEX_SLICE:
      nv = ten_slice(v, dim++, x->start, x->stop, x->step, x->has_start, x->has_stop);
      break;
    case TEN_INDEX_TENSOR: {
      ten_tensor *it = x->tensor;
      if (it->ndim == 0 && (ten_dtype_is_int(it->dtype) || it->dtype == TEN_DTYPE_BOOL)) {
        if (!is_mask_dtype(it->dtype)) {
          nv = apply_select(v, dim, ten_get_int(it, 0), i);
          break;
        }
        /* x[True] / x[False]: a new dim of size 1, indexed by [0] or by nothing */
        int64_t len = ten_get_int(it, 0) != 0;
        nv = ten_unsqueeze(v, dim);
        r = nv ? ten_zeros(&len, 1, TEN_DTYPE_I64, TEN_CPU) : NULL;
        if (nv && !r) {
          ten_release(nv);
          nv = NULL;
        }
      } else {
        ten_retain(it);
        r = it;
      }
      if (r) {
        if (nrec == TEN_MAX_DIMS) {
          ten_release(r);
          ten_release(nv);
          ten_error_set(TEN_E_INDEX, "too many indices for tensor of dimension %d", t->ndim);
          goto done;
        }
        p->rec_src[nrec] = r == it ? it : NULL;
        if (r == it && is_mask_dtype(it->dtype)) p->nmask++;
        rec[nrec] = r;
        pos[nrec++] = dim++;
        p->nrec = nrec;
      }
      if (!nv) {
        if (!r) goto done;
        continue;
      }
      break;
    }
    }
    if (!nv) goto done;
    ten_release(v);
    v = nv;
  }
  /* at::index: checkIndexTensorTypes, then expandTensors (masks -> nonzero columns) */
  for (int k = 0; k < nrec; k++)
    if (rec[k]->dtype != TEN_DTYPE_I64 && !is_mask_dtype(rec[k]->dtype)) {
      ten_error_set(TEN_E_INDEX, "tensors used as indices must be long, byte or bool tensors");
      goto done;
    }
  int e = 0;   /* expanded position = view dim */
  for (int j = 0, k = 0; k < nrec; j++) {
    if (pos[k] != j) {
      e++;
      continue;
    }
    ten_tensor *it = rec[k++];
    if (!is_mask_dtype(it->dtype)) {
      ten_retain(it);
      p->adv[p->nadv] = it;
      p->adv_dim[p->nadv++] = e++;
      continue;
    }
    for (int m = 0; m < it->ndim; m++) {
      int d;
      if (ten_wrap_dim(e + m, v->ndim, &d)) goto done;
      if (it->shape[m] != v->shape[e + m]) {
        char a[512], b[512];
        ten_format_shape(it->shape, it->ndim, a, sizeof a);
        ten_format_shape(v->shape, v->ndim, b, sizeof b);
        ten_error_set(TEN_E_INDEX,
                      "The shape of the mask %s at index %d does not match the shape of the indexed tensor %s at index %d",
                      a, m, b, e + m);
        goto done;
      }
    }
    ten_tensor *nz = ten_nonzero(it);
    if (!nz) goto done;
    for (int m = 0; m < it->ndim; m++) {
      ten_tensor *col = ten_select(nz, 1, m);
      p->adv[p->nadv] = col ? ten_contiguous(col) : NULL;
      ten_release(col);
      if (!p->adv[p->nadv]) {
        ten_release(nz);
        goto done;
      }
      p->adv_dim[p->nadv++] = e++;
    }
    ten_release(nz);
  }
  p->view = v;
  v = NULL;
  rc = 0;
done:
  ten_release(v);
  for (int k = 0; k < nrec; k++) ten_release(rec[k]);
  if (rc) {
    for (int i = 0; i < p->nadv; i++) ten_release(p->adv[i]);
    p->nadv = 0;
  }
  return rc;
}

/* The advanced-indexing result's layout: the broadcast index shape B, placed where the index
   tensors were when they are adjacent, else first (at::index's transposeToFront). */
typedef struct plan_shape {
  int ndim;
  int64_t shape[TEN_MAX_DIMS];
  int64_t vstride[TEN_MAX_DIMS];    /* view stride of each plain result dim; -1 marks B dims */
  int bndim;
  int64_t bshape[TEN_MAX_DIMS];
} plan_shape;

static int plan_result(const index_plan *p, plan_shape *r) {
  const ten_tensor *v = p->view;
  r->bndim = 0;
  for (int i = 0; i < p->nadv; i++) {
    int64_t tmp[TEN_MAX_DIMS];
    int tn;
    if (ten_broadcast_shapes(r->bshape, r->bndim, p->adv[i]->shape, p->adv[i]->ndim, tmp, &tn)) {
      char shapes[1024];
      size_t k = 0;
      for (int j = 0; j < p->nadv && k < sizeof shapes; j++) {
        if (j) k += (size_t)snprintf(shapes + k, sizeof shapes - k, ", ");
        if (k < sizeof shapes) ten_format_shape(p->adv[j]->shape, p->adv[j]->ndim, shapes + k, sizeof shapes - k);
        k = strlen(shapes);
      }
      ten_error_clear();
      return ten_error_set(TEN_E_INDEX, "shape mismatch: indexing tensors could not be broadcast together with shapes %s",
                           shapes);
    }
    memcpy(r->bshape, tmp, sizeof(int64_t) * (size_t)tn);
    r->bndim = tn;
  }
  bool adjacent = true;
  for (int i = 1; i < p->nadv; i++)
    if (p->adv_dim[i] != p->adv_dim[i - 1] + 1) adjacent = false;
  bool is_adv[TEN_MAX_DIMS] = {false};
  for (int i = 0; i < p->nadv; i++) is_adv[p->adv_dim[i]] = true;
  int n = 0;
  for (int d = 0; d <= v->ndim; d++) {
    if (d == (adjacent ? p->adv_dim[0] : 0))
      for (int k = 0; k < r->bndim; k++) {
        if (n == TEN_MAX_DIMS) goto too_many;
        r->shape[n] = r->bshape[k];
        r->vstride[n++] = -1;
      }
    if (d < v->ndim && !is_adv[d]) {
      if (n == TEN_MAX_DIMS) goto too_many;
      r->shape[n] = v->shape[d];
      r->vstride[n++] = v->stride[d];
    }
  }
  r->ndim = n;
  return 0;
too_many:
  return ten_error_set(TEN_E_RUNTIME, "ctorch supports at most %d dimensions", TEN_MAX_DIMS);
}

/* The int64 element offsets (relative to view->offset) of every result element, on the CPU;
   the index kernel's bounds check ("dimension" is the index tensor's ordinal). */
static ten_tensor *plan_offsets(const index_plan *p, const plan_shape *r) {
  const ten_tensor *v = p->view;
  int n = r->ndim;
  ten_tensor *off = ten_empty_on(r->shape, n, TEN_DTYPE_I64, TEN_CPU);
  if (!off) return NULL;
  ten_tensor *ex[TEN_MAX_DIMS];
  int made = 0;
  for (; made < p->nadv; made++) {
    ten_tensor *c = ten_to_device(p->adv[made], TEN_CPU, false);
    ex[made] = c ? ten_expand(c, r->bshape, r->bndim) : NULL;
    ten_release(c);
    if (!ex[made]) {
      for (int i = 0; i < made; i++) ten_release(ex[i]);
      ten_release(off);
      return NULL;
    }
  }
  int64_t total = ten_numel(off), bnum = ten_shape_numel(r->bshape, r->bndim);
  int64_t *o = ten_data_ptr(off);
  int64_t coord[TEN_MAX_DIMS] = {0};
  for (int64_t lin = 0; lin < total; lin++) {
    int64_t rem = lin, acc = 0, blin = 0;
    for (int d = n - 1; d >= 0; d--) {
      coord[d] = rem % r->shape[d];
      rem /= r->shape[d];
    }
    for (int d = 0; d < n; d++) {
      if (r->vstride[d] >= 0) acc += coord[d] * r->vstride[d];
      else blin = blin * r->shape[d] + coord[d];
    }
    for (int i = 0; bnum > 0 && i < p->nadv; i++) {
      int64_t k = ten_get_int(ex[i], blin), size = v->shape[p->adv_dim[i]];
      if (k < -size || k >= size) {
        ten_error_set(TEN_E_INDEX, "index %lld is out of bounds for dimension %d with size %lld", (long long)k, i,
                      (long long)size);
        for (int j = 0; j < p->nadv; j++) ten_release(ex[j]);
        ten_release(off);
        return NULL;
      }
      acc += (k < 0 ? k + size : k) * v->stride[p->adv_dim[i]];
    }
    o[lin] = acc;
  }
  for (int i = 0; i < p->nadv; i++) ten_release(ex[i]);
  return off;
}

bool ten_index_is_advanced(const ten_index *idx, int n) {
  for (int i = 0; i < n; i++)
    if (idx[i].kind == TEN_INDEX_TENSOR) return true;
  return false;
}

ten_tensor *ten_index_get(ten_tensor *t, const ten_index *idx, int n) {
  index_plan p;
  if (plan_build(&p, t, idx, n)) return NULL;
  if (p.nadv == 0) {
    ten_tensor *v = p.view;
    p.view = NULL;
    plan_free(&p);
    return v;
  }
  plan_shape r;
  ten_tensor *out = NULL, *off = NULL, *doff = NULL;
  ten_device dev = t->storage->device;
  if (plan_result(&p, &r) == 0) off = plan_offsets(&p, &r);
  if (off) doff = ten_to_device(off, dev, false);
  if (doff) out = ten_empty_on(r.shape, r.ndim, t->dtype, dev);
  const ten_backend *b = out ? ten_backend_for(dev) : NULL;
  if (b && !b->take) b = no_kernel(b, "indexing");
  if (out && (!b || b->take(out, p.view, doff))) {
    ten_release(out);
    out = NULL;
  }
  ten_release(off);
  ten_release(doff);
  plan_free(&p);
  return out;
}

/* The value of a setitem without its leading size-1 dims (slicePrefix1sDims). New reference. */
static ten_tensor *strip_leading_ones(ten_tensor *value) {
  int k = 0;
  while (k < value->ndim && value->shape[k] == 1) k++;
  ten_tensor *r = ten_from_storage(value->storage, value->dtype, value->offset, value->shape + k, value->stride + k,
                                   value->ndim - k);
  if (r) r->wrapped_number = value->wrapped_number;
  return r;
}

/* at::indexing::copy_to: same shape -> copy_; a 0-dim CPU value -> fill_ (checked conversion of
   its item); else expand (with expand's error text) and copy_. accumulate: add instead. */
static int copy_to(ten_tensor *dst, ten_tensor *src, bool accumulate) {
  if (accumulate) {   /* (index_put_ with accumulate and no index tensor: t[idx] += value) */
    ten_tensor *v = strip_leading_ones(src);
    int rc = v ? ten_binary_(TEN_BINOP_ADD, dst, v, ten_scalar_int(1)) : -1;
    ten_release(v);
    return rc;
  }
  if (ten_shape_equal(dst->shape, dst->ndim, src->shape, src->ndim)) return ten_copy_(dst, src);
  if (src->ndim == 0 && src->storage->device.type == TEN_DEV_CPU) {
    ten_scalar s;
    return ten_item(src, &s) ? -1 : ten_fill_(dst, s);
  }
  ten_tensor *v = strip_leading_ones(src);
  ten_tensor *x = v ? ten_expand(v, dst->shape, dst->ndim) : NULL;
  int rc = x ? ten_copy_(dst, x) : -1;
  ten_release(v);
  ten_release(x);
  return rc;
}

/* at::is_expandable_to */
static bool is_expandable(const int64_t *shape, int ndim, const int64_t *target, int tndim) {
  if (ndim > tndim) return false;
  for (int i = 0; i < ndim; i++) {
    int64_t s = shape[ndim - 1 - i], t = target[tndim - 1 - i];
    if (s != t && s != 1) return false;
  }
  return true;
}

/* at::assert_no_overlap: a written tensor may not share memory with an input (the same view
   counts too, unlike elementwise ops); non-dense pairs are "too hard" and pass, as in PyTorch. */
static int check_no_overlap(const ten_tensor *out, const ten_tensor *in) {
  int64_t st[TEN_MAX_DIMS];
  bool overlap = out == in;
  if (!overlap && in && out->storage->data == in->storage->data && ten_numel(out) && ten_numel(in) &&
      ten_dense_strides(out, st) && ten_dense_strides(in, st)) {
    int64_t os = (int64_t)ten_dtype_size(out->dtype), is = (int64_t)ten_dtype_size(in->dtype);
    int64_t ob = out->offset * os, oe = ob + ten_numel(out) * os;
    int64_t ib = in->offset * is, ie = ib + ten_numel(in) * is;
    overlap = ob < ie && ib < oe;
  }
  if (overlap)
    return ten_error_set(TEN_E_RUNTIME,
                         "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.");
  return 0;
}

/* at::assert_no_internal_overlap (expanded dims). */
static int check_no_internal_overlap(const ten_tensor *t) { return ten_check_mem_overlap(t, NULL, 0); }

int ten_index_put_acc(ten_tensor *t, const ten_index *idx, int n, ten_tensor *value, bool accumulate) {
  index_plan p;
  ten_scalar s;
  /* a Python number becomes a scalar tensor of t's dtype first (checked conversion) */
  bool scalar = value->wrapped_number;
  if (scalar && (ten_item(value, &s) || ten_scalar_check(s, t->dtype))) return -1;
  if (!accumulate && n == 1 && idx[0].kind == TEN_INDEX_TENSOR && idx[0].tensor->ndim == 0 &&
      idx[0].tensor->dtype == TEN_DTYPE_BOOL) {
    /* THPVariable_setitem: x[False] = v does nothing, x[True] = v copies into x.unsqueeze(0) */
    if (!ten_get_int(idx[0].tensor, 0)) return 0;
    ten_tensor *u = ten_unsqueeze(t, 0);
    int rc = u ? copy_to(u, value, false) : -1;
    ten_release(u);
    return rc;
  }
  if (plan_build(&p, t, idx, n)) return -1;
  if (p.nadv == 0) {
    int rc = copy_to(p.view, value, accumulate);
    plan_free(&p);
    return rc;
  }
  int rc = -1;
  ten_device dev = t->storage->device;
  ten_tensor *stripped = NULL, *conv = NULL, *off = NULL, *doff = NULL, *vx = NULL, *vc = NULL;
  /* _index_put_impl_: one mask and a one-element CPU value is masked_fill_ (value.item(): no
     dtype match needed, no overlap checks) */
  if (!scalar && !accumulate && p.nrec == 1 && p.nmask == 1 && ten_numel(value) == 1 &&
      value->storage->device.type == TEN_DEV_CPU) {
    if (ten_item(value, &s) || ten_scalar_check(s, t->dtype)) goto done;
    scalar = true;
  }
  if (!scalar) {
    if (check_no_overlap(p.view, value)) goto done;
    for (int k = 0; k < p.nrec; k++)
      if (p.rec_src[k] && check_no_overlap(p.view, p.rec_src[k])) goto done;
  }
  plan_shape r;
  if (plan_result(&p, &r)) goto done;
  if (scalar) {
    conv = ten_scalar_tensor(s, t->dtype, TEN_CPU);
  } else {
    if (!(stripped = strip_leading_ones(value))) goto done;
    if (!is_expandable(stripped->shape, stripped->ndim, r.shape, r.ndim)) {
      char a[512], b[512];
      ten_format_shape(stripped->shape, stripped->ndim, a, sizeof a);
      ten_format_shape(r.shape, r.ndim, b, sizeof b);
      ten_error_set(TEN_E_RUNTIME, "shape mismatch: value tensor of shape %s cannot be broadcast to indexing result of shape %s",
                    a, b);
      goto done;
    }
    if (stripped->dtype != t->dtype) {
      ten_error_set(TEN_E_RUNTIME,
                    "Index put requires the source and destination dtypes match, got %s for the destination and %s for the source.",
                    ten_dtype_scalar_name(t->dtype), ten_dtype_scalar_name(stripped->dtype));
      goto done;
    }
    ten_retain(stripped);
    conv = stripped;
  }
  if (!conv || !(off = plan_offsets(&p, &r))) goto done;
  if (!(vx = ten_expand(conv, r.shape, r.ndim))) goto done;
  vc = ten_to_device(vx, dev, false);
  ten_release(vx);
  vx = vc ? ten_contiguous(vc) : NULL;
  doff = vx ? ten_to_device(off, dev, false) : NULL;
  const ten_backend *b = doff ? ten_backend_for(dev) : NULL;
  if (b && !b->put) b = no_kernel(b, "index_put_");
  rc = b ? b->put(p.view, doff, vx, accumulate) : -1;
  if (rc == 0) ten_bump_version(t);
done:
  ten_release(stripped);
  ten_release(conv);
  ten_release(off);
  ten_release(doff);
  ten_release(vx);
  ten_release(vc);
  plan_free(&p);
  return rc;
}

int ten_index_put(ten_tensor *t, const ten_index *idx, int n, ten_tensor *value) {
  return ten_index_put_acc(t, idx, n, value, false);
}

/* ---- scatter, scatter_add, index_add ---- */

/* ensure_nonempty_dim / ensure_nonempty_size: a 0-dim tensor counts as one dim of size 1. */
static int nonempty_dim(const ten_tensor *t) { return t->ndim ? t->ndim : 1; }
static int64_t nonempty_size(const ten_tensor *t, int d) { return t->ndim ? t->shape[d] : 1; }

/* A 0-dim tensor as a 1-element 1-D view (the kernels walk index's shape over every operand). */
static ten_tensor *as_nonempty(ten_tensor *t) {
  if (t->ndim) {
    ten_retain(t);
    return t;
  }
  int64_t one = 1;
  return ten_from_storage(t->storage, t->dtype, t->offset, &one, &one, 1);
}

/* scatter_meta_impl: dim, dtypes (scatter_gather_dtype_check), shapes (scatter_shape_check).
   src NULL: the value overload. *d receives the wrapped dim. */
static int scatter_check(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src, int *d) {
  if (ten_wrap_dim(dim, t->ndim, d)) return -1;
  int64_t numel = ten_numel(index);
  if (numel && index->dtype != TEN_DTYPE_I64)
    return ten_error_set(TEN_E_RUNTIME, "scatter(): Expected dtype int64 for index");
  if (src && src->dtype != t->dtype)
    return ten_error_set(TEN_E_RUNTIME, "scatter(): Expected self.dtype to be equal to src.dtype");
  if (numel == 0) return 0;
  int nd = nonempty_dim(t);
  if (nd != nonempty_dim(index))
    return ten_error_set(TEN_E_RUNTIME, "Index tensor must have the same number of dimensions as self tensor");
  bool wrong = false;
  for (int k = 0; k < nd && !wrong; k++)
    if (k != *d && nonempty_size(index, k) > nonempty_size(t, k)) wrong = true;
  for (int k = 0; src && k < nd && !wrong; k++) {
    int w;
    if (src->ndim && k >= src->ndim) return ten_wrap_dim(k, src->ndim, &w);   /* src.size(k) */
    if (nonempty_size(index, k) > nonempty_size(src, k)) wrong = true;
  }
  if (src && nonempty_dim(src) != nonempty_dim(index))
    return ten_error_set(TEN_E_RUNTIME, "Index tensor must have the same number of dimensions as src tensor");
  if (wrong) {
    char a[512], b[512], c[512];
    ten_format_shape(index->shape, index->ndim, a, sizeof a);
    ten_format_shape(t->shape, t->ndim, b, sizeof b);
    if (!src)
      return ten_error_set(TEN_E_RUNTIME, "Expected index %s to be smaller than self %s apart from dimension %d", a, b, *d);
    ten_format_shape(src->shape, src->ndim, c, sizeof c);
    return ten_error_set(TEN_E_RUNTIME,
                         "Expected index %s to be smaller than self %s apart from dimension %d and to be smaller size than src %s",
                         a, b, *d, c);
  }
  return 0;
}

/* The scatter kernel's bounds check (cpu_scatter_gather_base_kernel), done before any write. */
static int scatter_bounds(const ten_tensor *t, int d, ten_tensor *index) {
  ten_tensor *ci = ten_to_device(index, TEN_CPU, false);
  if (!ci) return -1;
  int64_t n = ten_numel(ci), size = nonempty_size(t, d);
  for (int64_t i = 0; i < n; i++) {
    int64_t k = ten_get_int(ci, i);
    if (k < 0 || k >= size) {
      ten_release(ci);
      return ten_error_set(TEN_E_RUNTIME, "index %lld is out of bounds for dimension %d with size %lld", (long long)k, d,
                           (long long)size);
    }
  }
  ten_release(ci);
  return 0;
}

/* out[p with p[dim] := index[p]] (+)= src[p] (src NULL: the scalar v) after the checks; out is t
   itself (in place) or t's contiguous copy. */
static int scatter_into(ten_tensor *out, ten_tensor *t, int d, ten_tensor *index, ten_tensor *src, const ten_scalar *v,
                        bool accumulate) {
  if (ten_numel(index) == 0) return 0;
  if (scatter_bounds(t, d, index)) return -1;
  ten_tensor *filled = NULL;
  if (!src) {
    /* scatter_fill: value.to<scalar_t>() (checked) broadcast over index's shape */
    ten_tensor *s = ten_scalar_check(*v, out->dtype) ? NULL : ten_scalar_tensor(*v, out->dtype, ten_device_of(out));
    filled = s ? ten_expand(s, index->shape, index->ndim) : NULL;
    ten_release(s);
    if (!filled) return -1;
    src = filled;
  }
  ten_tensor *o = as_nonempty(out), *x = as_nonempty(index), *s = as_nonempty(src);
  const ten_backend *b = o && x && s ? ten_backend_for(ten_device_of(out)) : NULL;
  if (b && !b->scatter) b = no_kernel(b, "scatter");
  int rc = b ? b->scatter(o, d, x, s, accumulate) : -1;
  ten_release(o);
  ten_release(x);
  ten_release(s);
  ten_release(filled);
  return rc;
}

/* self.sizes() with self's options, contiguous, holding self (set_output_raw_strided + copy_). */
static ten_tensor *contiguous_copy(ten_tensor *t) {
  ten_tensor *out = ten_empty_on(t->shape, t->ndim, t->dtype, ten_device_of(t));
  if (out && ten_copy_(out, t)) {
    ten_release(out);
    return NULL;
  }
  if (out) out->storage->version = 0;
  return out;
}

static ten_tensor *scatter_out(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src, const ten_scalar *v,
                               bool accumulate) {
  int d;
  if (scatter_check(t, dim, index, src, &d)) return NULL;
  ten_tensor *out = contiguous_copy(t);
  if (out && scatter_into(out, t, d, index, src, v, accumulate)) {
    ten_release(out);
    return NULL;
  }
  if (out) out->storage->version = 0;
  return out;
}

static int scatter_inplace(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src, const ten_scalar *v,
                           bool accumulate) {
  int d;
  if (scatter_check(t, dim, index, src, &d) || check_no_internal_overlap(t) || check_no_overlap(t, index) ||
      (src && check_no_overlap(t, src)) || scatter_into(t, t, d, index, src, v, accumulate))
    return -1;
  ten_bump_version(t);
  return 0;
}

ten_tensor *ten_scatter(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src) {
  return scatter_out(t, dim, index, src, NULL, false);
}
int ten_scatter_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src) {
  return scatter_inplace(t, dim, index, src, NULL, false);
}
ten_tensor *ten_scatter_value(ten_tensor *t, int64_t dim, ten_tensor *index, ten_scalar value) {
  return scatter_out(t, dim, index, NULL, &value, false);
}
int ten_scatter_value_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_scalar value) {
  return scatter_inplace(t, dim, index, NULL, &value, false);
}
ten_tensor *ten_scatter_add(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src) {
  return scatter_out(t, dim, index, src, NULL, true);
}
int ten_scatter_add_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src) {
  return scatter_inplace(t, dim, index, src, NULL, true);
}

/* index_func_meta_impl("index_add"). *d: the wrapped dim. */
static int index_add_check(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src, int *d) {
  if (ten_wrap_dim(dim, t->ndim, d)) return -1;
  if (index->ndim > 1) {
    char s[512];
    ten_format_shape(index->shape, index->ndim, s, sizeof s);
    return ten_error_set(TEN_E_INDEX, "index_add_(): Index is supposed to be a vector, but got dim: %d with type: %s and size: %s",
                         index->ndim, ten_dtype_scalar_name(index->dtype), s);
  }
  if (index->dtype != TEN_DTYPE_I64 && index->dtype != TEN_DTYPE_I32)
    return ten_error_set(TEN_E_RUNTIME, "index_add_(): Expected dtype int32/int64 for index but got: %s",
                         ten_dtype_scalar_name(index->dtype));
  if (t->dtype != src->dtype)
    return ten_error_set(TEN_E_RUNTIME, "index_add_(): self (%s) and source (%s) must have the same scalar type",
                         ten_dtype_scalar_name(t->dtype), ten_dtype_scalar_name(src->dtype));
  if (!(*d == 0 || *d < src->ndim))
    return ten_error_set(TEN_E_RUNTIME, "index_add_(): Indexing dim %d is out of bounds of the source tensor with dim %d", *d,
                         src->ndim);
  int64_t numel = ten_numel(index);
  if (numel != (src->ndim == 0 ? 1 : src->shape[*d])) {
    if (src->ndim == 0)   /* the message's source.size(dim) throws first */
      return ten_error_set(TEN_E_INDEX, "Dimension specified as %d but tensor has no dimensions", *d);
    return ten_error_set(TEN_E_RUNTIME, "index_add_(): Number of indices (%lld) should be equal to source.size(dim): (%lld), for dim: %d",
                         (long long)numel, (long long)src->shape[*d], *d);
  }
  return 0;
}

/* alpha as the kernel sees it: alpha.to<scalar_t>() (checked). */
static int alpha_for(ten_scalar alpha, ten_dtype dt, ten_scalar *out) {
  if (ten_scalar_check(alpha, dt)) return -1;
  if (ten_dtype_is_float(dt)) *out = ten_scalar_float(ten_scalar_to_double(alpha));
  else if (dt == TEN_DTYPE_BOOL) *out = ten_scalar_bool(ten_scalar_to_double(alpha) != 0);
  else *out = alpha.kind == TEN_SCALAR_INT ? alpha : ten_scalar_int((int64_t)ten_scalar_to_double(alpha));
  return 0;
}

/* index_add_cpu_out. More than one dim: per index, out.select(dim, index[i]) += alpha *
   src.select(dim, i) with the add kernel (broadcasting the source slice; alpha != 1 is one FMA,
   as add_). 0/1 dims: ATen's scalar loop out[index[i]] += src[i] * alpha (product rounded first),
   here a put with accumulate of the scaled source. */
static int index_add_into(ten_tensor *out, int d, ten_tensor *index, ten_tensor *src, ten_scalar alpha) {
  int64_t n = ten_numel(index);
  ten_scalar a;
  if (alpha_for(alpha, out->dtype, &a)) return -1;
  if (out->ndim > 1 && (n == 0 || ten_numel(out) == 0)) return 0;
  if (out->ndim <= 1 && src->ndim > 1)
    return ten_error_set(TEN_E_RUNTIME, "source.dim() (%d) must one or zero for given self.dim() (%d)", src->ndim,
                         out->ndim);
  ten_tensor *ci = ten_to_device(index, TEN_CPU, false);
  if (!ci) return -1;
  int64_t size = out->ndim > 1 ? out->shape[d] : ten_numel(out);
  for (int64_t i = 0; i < n; i++) {   /* checked before any write (ATen checks as it goes) */
    int64_t k = ten_get_int(ci, i);
    if (k < 0 || k >= size) {
      ten_release(ci);
      return ten_error_set(TEN_E_INDEX, "index out of range in self");
    }
  }
  int rc = 0;
  if (out->ndim > 1) {
    for (int64_t i = 0; i < n && rc == 0; i++) {
      ten_tensor *os = ten_select(out, d, ten_get_int(ci, i)), *ss = os ? ten_select(src, d, i) : NULL;
      rc = ss ? ten_binary_(TEN_BINOP_ADD, os, ss, a) : -1;
      ten_release(os);
      ten_release(ss);
    }
    ten_release(ci);
    return rc;
  }
  /* offsets[i] = index[i] * stride; values = (src * alpha) as n contiguous elements */
  int64_t one = n, ostride = out->ndim ? out->stride[0] : 1;
  ten_tensor *off = ten_empty_on(&one, 1, TEN_DTYPE_I64, TEN_CPU), *scaled = NULL, *flat = NULL, *doff = NULL;
  if (off) {
    int64_t *o = ten_data_ptr(off);
    for (int64_t i = 0; i < n; i++) o[i] = ten_get_int(ci, i) * ostride;
  }
  if (off && ten_scalar_to_double(a) != 1.0) {
    ten_tensor *w = ten_wrap_scalar(a);
    scaled = w ? ten_binary(TEN_BINOP_MUL, src, w, ten_scalar_int(1)) : NULL;
    ten_release(w);
  } else if (off) {
    ten_retain(src);
    scaled = src;
  }
  ten_tensor *c = scaled ? ten_contiguous(scaled) : NULL;
  flat = c ? ten_from_storage(c->storage, c->dtype, c->offset, &one, NULL, 1) : NULL;
  doff = flat ? ten_to_device(off, ten_device_of(out), false) : NULL;
  const ten_backend *b = doff ? ten_backend_for(ten_device_of(out)) : NULL;
  if (b && !b->put) b = no_kernel(b, "index_add_");
  rc = b ? b->put(out, doff, flat, true) : -1;
  ten_release(c);
  ten_release(ci);
  ten_release(off);
  ten_release(scaled);
  ten_release(flat);
  ten_release(doff);
  return rc;
}

int ten_index_add_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src, ten_scalar alpha) {
  int d;
  if (index_add_check(t, dim, index, src, &d) || check_no_internal_overlap(t) || check_no_overlap(t, index) ||
      check_no_overlap(t, src) || index_add_into(t, d, index, src, alpha))
    return -1;
  ten_bump_version(t);
  return 0;
}

ten_tensor *ten_index_add(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src, ten_scalar alpha) {
  int d;
  if (index_add_check(t, dim, index, src, &d)) return NULL;
  ten_tensor *out = contiguous_copy(t);
  if (out && index_add_into(out, d, index, src, alpha)) {
    ten_release(out);
    return NULL;
  }
  if (out) out->storage->version = 0;
  return out;
}

/* ---- gather-like ops ---- */

ten_tensor *ten_index_select(ten_tensor *t, int64_t dim, ten_tensor *index) {
  int d;
  if (ten_wrap_dim(dim, t->ndim, &d)) return NULL;
  if (index->ndim > 1) {
    ten_error_set(TEN_E_INDEX, "index_select(): Index is supposed to be a vector");
    return NULL;
  }
  if (index->dtype != TEN_DTYPE_I64 && index->dtype != TEN_DTYPE_I32) {
    ten_error_set(TEN_E_RUNTIME, "index_select(): Expected dtype int32 or int64 for index");
    return NULL;
  }
  int64_t n = ten_numel(index), size = t->ndim ? t->shape[d] : 1;
  ten_tensor *ci = ten_to_device(index, TEN_CPU, false);
  if (!ci) return NULL;
  for (int64_t i = 0; i < n; i++) {
    int64_t k = ten_get_int(ci, i);
    if (k < 0 || k >= size) {
      ten_release(ci);
      ten_error_set(TEN_E_INDEX, "index out of range in self");
      return NULL;
    }
  }
  ten_release(ci);
  int64_t shape[TEN_MAX_DIMS];
  memcpy(shape, t->shape, sizeof(int64_t) * (size_t)t->ndim);
  if (t->ndim) shape[d] = n;
  ten_tensor *out = ten_empty_on(shape, t->ndim, t->dtype, t->storage->device);
  const ten_backend *b = out ? ten_backend_for(t->storage->device) : NULL;
  if (!b || b->index_select(out, t, d, index)) {
    ten_release(out);
    return NULL;
  }
  return out;
}

ten_tensor *ten_gather(ten_tensor *t, int64_t dim, ten_tensor *index) {
  int d;
  if (ten_wrap_dim(dim, t->ndim, &d)) return NULL;
  if (index->dtype != TEN_DTYPE_I64) {
    ten_error_set(TEN_E_RUNTIME, "gather(): Expected dtype int64 for index");
    return NULL;
  }
  if (index->ndim != t->ndim && !(index->ndim <= 1 && t->ndim <= 1)) {
    ten_error_set(TEN_E_RUNTIME, "Index tensor must have the same number of dimensions as input tensor");
    return NULL;
  }
  for (int k = 0; k < index->ndim; k++) {
    if (k != d && index->shape[k] > t->shape[k]) {
      char a[512], b[512];
      ten_format_shape(index->shape, index->ndim, a, sizeof a);
      ten_format_shape(t->shape, t->ndim, b, sizeof b);
      ten_error_set(TEN_E_RUNTIME, "Size does not match at dimension %d expected index %s to be smaller than self %s apart from dimension %d",
                    k, a, b, d);
      return NULL;
    }
  }
  int64_t n = ten_numel(index), size = t->ndim ? t->shape[d] : 1;
  for (int64_t i = 0; i < n; i++) {
    int64_t k = ten_get_int(index, i);
    if (k < 0 || k >= size) {
      ten_error_set(TEN_E_RUNTIME, "index %lld is out of bounds for dimension %d with size %lld", (long long)k, d,
                    (long long)size);
      return NULL;
    }
  }
  ten_tensor *out = ten_empty_on(index->shape, index->ndim, t->dtype, t->storage->device);
  const ten_backend *b = out ? ten_backend_for(t->storage->device) : NULL;
  if (!b || b->gather(out, t, d, index)) {
    ten_release(out);
    return NULL;
  }
  return out;
}

ten_tensor *ten_nonzero(ten_tensor *t) {
  ten_tensor *c = ten_to_device(t, TEN_CPU, false);
  if (!c) return NULL;
  int64_t n = ten_numel(c), count = 0;
  for (int64_t i = 0; i < n; i++) count += ten_get_double(c, i) != 0;
  int64_t shape[2] = {count, c->ndim};
  ten_tensor *out = ten_empty_on(shape, 2, TEN_DTYPE_I64, TEN_CPU);
  if (out) {
    int64_t *o = ten_data_ptr(out), k = 0;
    for (int64_t i = 0; i < n; i++) {
      if (ten_get_double(c, i) == 0) continue;
      int64_t rem = i;
      for (int d = c->ndim - 1; d >= 0; d--) {
        o[k * c->ndim + d] = rem % c->shape[d];
        rem /= c->shape[d];
      }
      k++;
    }
  }
  ten_release(c);
  if (out && t->storage->device.type != TEN_DEV_CPU) {
    ten_tensor *m = ten_to_device(out, t->storage->device, false);
    ten_release(out);
    out = m;
  }
  return out;
}

ten_tensor *ten_masked_select(ten_tensor *t, ten_tensor *mask) {
  int64_t shape[TEN_MAX_DIMS];
  int nd;
  if (mask->dtype != TEN_DTYPE_BOOL && mask->dtype != TEN_DTYPE_U8) {
    ten_error_set(TEN_E_RUNTIME, "masked_select: expected BoolTensor or ByteTensor for mask");
    return NULL;
  }
  if (ten_broadcast_shapes(mask->shape, mask->ndim, t->shape, t->ndim, shape, &nd)) return NULL;
  ten_tensor *te = ten_expand(t, shape, nd);
  ten_tensor *me = te ? ten_expand(mask, shape, nd) : NULL;
  ten_tensor *out = NULL;
  if (me) {
    ten_index ix = {.kind = TEN_INDEX_TENSOR, .tensor = me};
    out = ten_index_get(te, &ix, 1);
  }
  ten_release(te);
  ten_release(me);
  return out;
}

static ten_tensor *triangle(ten_tensor *t, int64_t diagonal, bool lower) {
  if (t->ndim < 2) {
    int d;
    ten_wrap_dim(-2, t->ndim, &d);
    return NULL;
  }
  int64_t r = t->shape[t->ndim - 2], c = t->shape[t->ndim - 1];
  int64_t ms[2] = {r, c};
  ten_tensor *mask = ten_empty_on(ms, 2, TEN_DTYPE_BOOL, TEN_CPU);
  if (!mask) return NULL;
  bool *m = ten_data_ptr(mask);
  for (int64_t i = 0; i < r; i++)
    for (int64_t j = 0; j < c; j++) m[i * c + j] = lower ? j - i <= diagonal : j - i >= diagonal;
  ten_tensor *dm = ten_to_device(mask, t->storage->device, false);
  ten_tensor *zero = dm ? ten_zeros(NULL, 0, t->dtype, TEN_CPU) : NULL;
  ten_tensor *out = zero ? ten_where(dm, t, zero) : NULL;
  ten_release(mask);
  ten_release(dm);
  ten_release(zero);
  return out;
}

ten_tensor *ten_tril(ten_tensor *t, int64_t diagonal) { return triangle(t, diagonal, true); }
ten_tensor *ten_triu(ten_tensor *t, int64_t diagonal) { return triangle(t, diagonal, false); }

ten_tensor *ten_flip(ten_tensor *t, const int64_t *dims, int n) {
  uint32_t mask;
  if (ten_dims_mask(dims, n, t->ndim, &mask)) return NULL;
  ten_tensor *v = ten_alias(t);
  if (!v) return NULL;
  for (int d = 0; d < t->ndim; d++) {
    if (!(mask & (1u << d)) || t->shape[d] == 0) continue;
    v->offset += (t->shape[d] - 1) * t->stride[d];
    v->stride[d] = -t->stride[d];
  }
  ten_tensor *out = ten_empty_like(t);   /* memory_format=preserve, as ATen's flip */
  if (out && ten_copy_(out, v)) {
    ten_release(out);
    out = NULL;
  }
  if (out) out->storage->version = 0;
  ten_release(v);
  return out;
}

ten_tensor *ten_repeat(ten_tensor *t, const int64_t *repeats, int n) {
  if (n < t->ndim) {
    ten_error_set(TEN_E_RUNTIME,
                  "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
    return NULL;
  }
  if (2 * n > TEN_MAX_DIMS) {
    ten_error_set(TEN_E_RUNTIME, "ctorch supports at most %d dimensions, got %d", TEN_MAX_DIMS, 2 * n);
    return NULL;
  }
  /* view t as (1, s0, 1, s1, ...), expand to (r0, s0, r1, s1, ...), then fold pairs */
  int64_t vshape[TEN_MAX_DIMS], vstride[TEN_MAX_DIMS], eshape[TEN_MAX_DIMS], oshape[TEN_MAX_DIMS] = {0};
  int lead = n - t->ndim;
  for (int i = 0; i < n; i++) oshape[i] = repeats[i] * (i < lead ? 1 : t->shape[i - lead]);
  if (ten_check_shape(oshape, n)) return NULL;   /* ATen allocates the result first */
  for (int i = 0; i < n; i++) {
    int64_t s = i < lead ? 1 : t->shape[i - lead];
    int64_t st = i < lead ? 0 : t->stride[i - lead];
    vshape[2 * i] = 1;
    vstride[2 * i] = 0;
    vshape[2 * i + 1] = s;
    vstride[2 * i + 1] = st;
    eshape[2 * i] = repeats[i];
    eshape[2 * i + 1] = s;
    oshape[i] = repeats[i] * s;
  }
  ten_tensor *v = ten_from_storage(t->storage, t->dtype, t->offset, vshape, vstride, 2 * n);
  ten_tensor *e = v ? ten_expand(v, eshape, 2 * n) : NULL;
  ten_tensor *c = e ? ten_contiguous(e) : NULL;
  ten_tensor *out = c ? ten_view(c, oshape, n) : NULL;
  ten_release(v);
  ten_release(e);
  ten_release(c);
  return out;
}
