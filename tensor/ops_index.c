/*
** tensor/ops_index.c — Python subscripts on tensors (basic indexing as views; advanced indexing
** with index tensors and boolean masks as copies via element offsets), index_select, gather,
** masked_select, nonzero, tril/triu, flip, repeat, and cat/stack.
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

static int check_index_dtype(const ten_tensor *t) {
  if (t->dtype != TEN_DTYPE_I64 && t->dtype != TEN_DTYPE_U8 && t->dtype != TEN_DTYPE_BOOL)
    return ten_error_set(TEN_E_INDEX, "tensors used as indices must be long, byte or bool tensors");
  return 0;
}

/* Index plan: a basic-indexed view plus the advanced components (index tensors per view dim). */
typedef struct index_plan {
  ten_tensor *view;                 /* basic indexing applied; advanced dims kept */
  int nadv;
  int adv_dim[TEN_MAX_DIMS];        /* view dim of each advanced component */
  ten_tensor *adv[TEN_MAX_DIMS];    /* int64 index tensors (new references) */
} index_plan;

static void plan_free(index_plan *p) {
  ten_release(p->view);
  for (int i = 0; i < p->nadv; i++) ten_release(p->adv[i]);
}

/* Number of tensor dims an index component consumes. */
static int consumes(const ten_index *x) {
  switch (x->kind) {
  case TEN_INDEX_INT:
  case TEN_INDEX_SLICE: return 1;
  case TEN_INDEX_TENSOR:
    if (x->tensor->dtype == TEN_DTYPE_BOOL || x->tensor->dtype == TEN_DTYPE_U8) return x->tensor->ndim;
    return 1;
  default: return 0;
  }
}

static int plan_build(index_plan *p, ten_tensor *t, const ten_index *idx, int n) {
  memset(p, 0, sizeof *p);
  /* every ellipsis stands for the dims no other component consumes (so a second one is empty) */
  int used = 0;
  for (int i = 0; i < n; i++) {
    used += consumes(&idx[i]);
    if (idx[i].kind == TEN_INDEX_TENSOR && check_index_dtype(idx[i].tensor)) return -1;
  }
  if (used > t->ndim) return ten_error_set(TEN_E_INDEX, "too many indices for tensor of dimension %d", t->ndim);
  ten_tensor *v = ten_alias(t);
  if (!v) return -1;
  int dim = 0;     /* current position in v */
  int src = 0;     /* dim of the original tensor (for error texts) */
  for (int i = 0; i < n; i++) {
    const ten_index *x = &idx[i];
    ten_tensor *nv = NULL;
    switch (x->kind) {
    case TEN_INDEX_ELLIPSIS: {
      int skip = t->ndim - used;
      dim += skip;
      src += skip;
      continue;
    }
    case TEN_INDEX_NONE:
      nv = ten_unsqueeze(v, dim);
      dim++;
      break;
    case TEN_INDEX_INT: {
      int64_t size = v->shape[dim], k = x->i;
      if (k < -size || k >= size) {
        ten_release(v);
        return ten_error_set(TEN_E_INDEX, "index %lld is out of bounds for dimension %d with size %lld",
                             (long long)k, src, (long long)size);
      }
      nv = ten_select(v, dim, k);
      src++;
      break;
    }
    case TEN_INDEX_SLICE:
      nv = ten_slice(v, dim, x->start, x->stop, x->step, x->has_start, x->has_stop);
      dim++;
      src++;
      break;
    case TEN_INDEX_TENSOR: {
      ten_tensor *it = x->tensor;
      if (it->dtype == TEN_DTYPE_BOOL || it->dtype == TEN_DTYPE_U8) {
        if (it->ndim == 0) {
          /* x[True] adds a dim of size 1, x[False] one of size 0 */
          ten_tensor *u = ten_unsqueeze(v, dim);
          bool on = ten_get_int(it, 0) != 0;
          nv = u && !on ? ten_slice(u, dim, 0, 0, 1, true, true) : (u ? (ten_retain(u), u) : NULL);
          ten_release(u);
          dim++;
          break;
        }
        for (int k = 0; k < it->ndim; k++) {
          if (it->shape[k] != v->shape[dim + k]) {
            char a[512], b[512];
            ten_format_shape(it->shape, it->ndim, a, sizeof a);
            ten_format_shape(t->shape, t->ndim, b, sizeof b);
            ten_release(v);
            return ten_error_set(TEN_E_INDEX,
                                 "The shape of the mask %s at index %d does not match the shape of the indexed tensor %s at index %d",
                                 a, k, b, src + k);
          }
        }
        /* mask -> one int64 index tensor per masked dim */
        ten_tensor *nz = ten_nonzero(it);
        if (!nz) {
          ten_release(v);
          return -1;
        }
        for (int k = 0; k < it->ndim; k++) {
          ten_tensor *col = ten_select(nz, 1, k);
          p->adv[p->nadv] = col ? ten_contiguous(col) : NULL;
          ten_release(col);
          if (!p->adv[p->nadv]) {
            ten_release(nz);
            ten_release(v);
            return -1;
          }
          p->adv_dim[p->nadv++] = dim + k;
        }
        ten_release(nz);
        dim += it->ndim;
        src += it->ndim;
        continue;
      }
      /* int64 indices; bounds are checked (and negatives wrapped) in plan_offsets */
      ten_retain(it);
      p->adv[p->nadv] = it;
      p->adv_dim[p->nadv++] = dim;
      dim++;
      src++;
      continue;
    }
    }
    ten_release(v);
    if (!nv) return -1;
    v = nv;
  }
  p->view = v;
  return 0;
}

/* Shape of the advanced-indexing result and the int64 element offsets (relative to view->offset). */
static ten_tensor *plan_offsets(const index_plan *p, int64_t *rshape, int *rndim) {
  const ten_tensor *v = p->view;
  int64_t bshape[TEN_MAX_DIMS];
  int bnd = 0;
  for (int i = 0; i < p->nadv; i++) {
    int64_t tmp[TEN_MAX_DIMS];
    int tn;
    if (ten_broadcast_shapes(bshape, bnd, p->adv[i]->shape, p->adv[i]->ndim, tmp, &tn)) {
      char shapes[1024];
      size_t k = 0;
      for (int j = 0; j < p->nadv && k < sizeof shapes; j++) {
        if (j) k += (size_t)snprintf(shapes + k, sizeof shapes - k, ", ");
        if (k < sizeof shapes) ten_format_shape(p->adv[j]->shape, p->adv[j]->ndim, shapes + k, sizeof shapes - k);
        k = strlen(shapes);
      }
      ten_error_set(TEN_E_INDEX, "shape mismatch: indexing tensors could not be broadcast together with shapes %s",
                    shapes);
      return NULL;
    }
    memcpy(bshape, tmp, sizeof(int64_t) * (size_t)tn);
    bnd = tn;
  }
  bool adjacent = true;
  for (int i = 1; i < p->nadv; i++)
    if (p->adv_dim[i] != p->adv_dim[i - 1] + 1) adjacent = false;
  /* result dims: (before) B (after) when the advanced dims are adjacent, else B then the rest */
  int n = 0;
  int64_t rstride[TEN_MAX_DIMS * 2];   /* view stride of each plain result dim; -1 marks B dims */
  bool is_adv[TEN_MAX_DIMS] = {false};
  for (int i = 0; i < p->nadv; i++) is_adv[p->adv_dim[i]] = true;
  for (int d = 0; d <= v->ndim; d++) {
    if (d == (adjacent ? p->adv_dim[0] : 0))
      for (int k = 0; k < bnd; k++) {
        rshape[n] = bshape[k];
        rstride[n++] = -1;
      }
    if (d < v->ndim && !is_adv[d]) {
      rshape[n] = v->shape[d];
      rstride[n++] = v->stride[d];
    }
  }
  if (n > TEN_MAX_DIMS) {
    ten_error_set(TEN_E_RUNTIME, "ctorch supports at most %d dimensions, got %d", TEN_MAX_DIMS, n);
    return NULL;
  }
  *rndim = n;
  ten_tensor *off = ten_empty_on(rshape, n, TEN_DTYPE_I64, TEN_CPU);
  if (!off) return NULL;
  /* expanded index tensors on the CPU */
  ten_tensor *ex[TEN_MAX_DIMS];
  int made = 0;
  for (; made < p->nadv; made++) {
    ten_tensor *c = ten_to_device(p->adv[made], TEN_CPU, false);
    ex[made] = c ? ten_expand(c, bshape, bnd) : NULL;
    ten_release(c);
    if (!ex[made]) {
      for (int i = 0; i < made; i++) ten_release(ex[i]);
      ten_release(off);
      return NULL;
    }
  }
  int64_t total = ten_numel(off), bnum = ten_shape_numel(bshape, bnd);
  int64_t *o = ten_data_ptr(off);
  int64_t coord[TEN_MAX_DIMS * 2] = {0};
  for (int64_t lin = 0; lin < total; lin++) {
    int64_t rem = lin, acc = 0, blin = 0;
    for (int d = n - 1; d >= 0; d--) {
      coord[d] = rem % rshape[d];
      rem /= rshape[d];
    }
    for (int d = 0; d < n; d++) {
      if (rstride[d] >= 0) acc += coord[d] * rstride[d];
      else blin = blin * rshape[d] + coord[d];
    }
    /* ATen's index kernel: checked element by element; "dimension" is the index's ordinal */
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
  int64_t rshape[TEN_MAX_DIMS];
  int rndim;
  ten_tensor *out = NULL;
  ten_device dev = t->storage->device;
  ten_tensor *off = plan_offsets(&p, rshape, &rndim);
  ten_tensor *doff = off ? ten_to_device(off, dev, false) : NULL;
  if (doff) out = ten_empty_on(rshape, rndim, t->dtype, dev);
  const ten_backend *b = out ? ten_backend_for(dev) : NULL;
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
  return ten_from_storage(value->storage, value->dtype, value->offset, value->shape + k, value->stride + k,
                          value->ndim - k);
}

/* at::indexing::copy_to: same shape -> copy_; a 0-dim CPU value -> fill_ (checked conversion of
   its item); else expand (with expand's error text) and copy_. */
static int copy_to(ten_tensor *dst, ten_tensor *src) {
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

int ten_index_put(ten_tensor *t, const ten_index *idx, int n, ten_tensor *value) {
  index_plan p;
  if (value->wrapped_number) {
    /* a Python number becomes a scalar tensor of t's dtype first (checked conversion) */
    ten_scalar s;
    if (ten_item(value, &s) || ten_scalar_check(s, t->dtype)) return -1;
  }
  if (plan_build(&p, t, idx, n)) return -1;
  if (p.nadv == 0) {
    int rc = copy_to(p.view, value);
    plan_free(&p);
    return rc;
  }
  int rc = -1;
  ten_tensor *stripped = strip_leading_ones(value);
  if (!stripped) {
    plan_free(&p);
    return -1;
  }
  stripped->wrapped_number = value->wrapped_number;
  value = stripped;
  int64_t rshape[TEN_MAX_DIMS];
  int rndim;
  ten_device dev = t->storage->device;
  ten_tensor *off = NULL, *doff = NULL, *vx = NULL, *vc = NULL;
  if (!value->wrapped_number && value->dtype != t->dtype) {
    ten_error_set(TEN_E_RUNTIME,
                  "Index put requires the source and destination dtypes match, got %s for the destination and %s for the source.",
                  ten_dtype_scalar_name(t->dtype), ten_dtype_scalar_name(value->dtype));
    goto done;
  }
  off = plan_offsets(&p, rshape, &rndim);
  if (!off) goto done;
  ten_tensor *conv = ten_to_dtype(value, t->dtype, false);
  if (!conv) goto done;
  vx = ten_expand(conv, rshape, rndim);
  ten_release(conv);
  if (!vx) {
    char a[512], b[512];
    ten_format_shape(value->shape, value->ndim, a, sizeof a);
    ten_format_shape(rshape, rndim, b, sizeof b);
    ten_error_clear();
    ten_error_set(TEN_E_RUNTIME, "shape mismatch: value tensor of shape %s cannot be broadcast to indexing result of shape %s", a, b);
    goto done;
  }
  vc = ten_to_device(vx, dev, false);
  ten_release(vx);
  vx = vc ? ten_contiguous(vc) : NULL;
  doff = vx ? ten_to_device(off, dev, false) : NULL;
  const ten_backend *b = doff ? ten_backend_for(dev) : NULL;
  rc = b ? b->put(p.view, doff, vx, false) : -1;
  if (rc == 0) ten_bump_version(t);
done:
  ten_release(stripped);
  ten_release(off);
  ten_release(doff);
  ten_release(vx);
  ten_release(vc);
  plan_free(&p);
  return rc;
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
