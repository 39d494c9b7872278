/*
** kernel/lang/numpy_index.c — ndarray subscripts with NumPy's rules: basic indexing (ints, slices with
** any step, None, ...) is a view computed here; integer and boolean arrays then go to the tensor
** library's advanced indexing on that view (ints next to an array become 1-element index arrays, so
** they broadcast as NumPy's advanced integers do). Assignment casts and broadcasts the value.
*/
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/numpy_bind.h"

typedef enum { IX_INT, IX_SLICE, IX_NONE, IX_ELLIPSIS, IX_ARRAY } ix_kind;

typedef struct ix {
  ix_kind kind;
  int64_t i;
  obj_slice *slice;     /* borrowed */
  ten_tensor *arr;      /* owned: int64 indices or a bool mask */
} ix;

#define MAX_IX (TEN_MAX_DIMS * 2)

static void ix_clear(ix *c, int n) {
  for (int k = 0; k < n; k++) ten_release(c[k].arr);
}

static int bad_index(lang_vm *vm) {
  return exc_seti(vm, EXC_IndexError, "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or "
                                      "boolean arrays are valid indices");
}

static int one(lang_vm *vm, value k, ix *c) {
  memset(c, 0, sizeof *c);
  if (k.tag == VAL_INT) {
    c->kind = IX_INT;
    c->i = k.u.i;
    return 0;
  }
  if (k.tag == VAL_NONE) {
    c->kind = IX_NONE;
    return 0;
  }
  if (k.tag == VAL_OBJ && k.u.o == &obj_ellipsis) {
    c->kind = IX_ELLIPSIS;
    return 0;
  }
  if (val_type(k) == &type_slice) {
    c->kind = IX_SLICE;
    c->slice = (obj_slice *)k.u.o;
    return 0;
  }
  if (k.tag == VAL_BOOL) {
    c->kind = IX_ARRAY;
    c->arr = ten_scalar_tensor(ten_scalar_bool(k.u.b), TEN_DTYPE_BOOL, TEN_CPU);
    return c->arr ? 0 : (exc_from_ten(vm), -1);
  }
  ten_tensor *t = np_borrow(k);
  if (!t && val_is_tensor(k)) t = VAL_TENSOR(k);
  if (t) {
    if (ten_dtype_is_float(t->dtype)) {
      if (t->ndim == 0) return bad_index(vm);
      return exc_seti(vm, EXC_IndexError, "arrays used as indices must be of integer (or boolean) type");
    }
    if (t->ndim == 0 && t->dtype != TEN_DTYPE_BOOL) {
      c->kind = IX_INT;
      c->i = ten_get_int(t, 0);
      return 0;
    }
    c->kind = IX_ARRAY;
    if (t->dtype == TEN_DTYPE_BOOL || t->dtype == TEN_DTYPE_I64) {
      ten_retain(t);
      c->arr = t;
    } else {
      c->arr = ten_to_dtype(t, TEN_DTYPE_I64, true);
      if (!c->arr) return exc_from_ten(vm), -1;
    }
    return 0;
  }
  if (val_is_list(k) || val_is_tuple(k)) {
    ten_tensor *a = np_to_tensor(vm, k, TEN_DTYPE_UNSET, true);
    if (!a) return -1;
    if (ten_dtype_is_float(a->dtype)) {
      /* an empty list is an empty integer index */
      if (ten_numel(a) != 0) {
        ten_release(a);
        return exc_seti(vm, EXC_IndexError, "arrays used as indices must be of integer (or boolean) type");
      }
      ten_tensor *b = ten_to_dtype(a, TEN_DTYPE_I64, true);
      ten_release(a);
      a = b;
      if (!a) return exc_from_ten(vm), -1;
    }
    c->kind = IX_ARRAY;
    c->arr = a;
    return 0;
  }
  if (k.tag == VAL_OBJ && !VAL_IS_NULL(type_lookup(k.u.o->type, vm->s.__index__))) {
    c->kind = IX_INT;
    return obj_as_index(vm, k, &c->i);
  }
  return bad_index(vm);
}

static int parse_key(lang_vm *vm, value key, ix *c, int *n) {
  *n = 0;
  if (val_is_tuple(key)) {
    obj_tuple *t = VAL_TUPLE(key);
    if (t->len > MAX_IX) return exc_seti(vm, EXC_IndexError, "too many indices for array");
    for (int64_t k = 0; k < t->len; k++) {
      if (one(vm, t->items[k], &c[k]) < 0) {
        ix_clear(c, (int)k);
        return -1;
      }
    }
    *n = (int)t->len;
    return 0;
  }
  if (one(vm, key, &c[0]) < 0) return -1;
  *n = 1;
  return 0;
}

/* The basic-indexing view of t under c[0..n); advanced components keep their dims. Records, for
   each advanced component, the position of its first dim in the view. Returns a new reference. */
typedef struct view_out {
  ten_tensor *v;
  int adv_pos[MAX_IX];      /* per component: first view dim (advanced components only) */
  bool any_adv;
  bool all_int;             /* only integers, one per dim: the result is a scalar */
  bool has_ellipsis;
} view_out;

static int basic_view(lang_vm *vm, ten_tensor *t, ix *c, int n, view_out *out) {
  memset(out, 0, sizeof *out);
  int consumed = 0, nell = 0;
  for (int k = 0; k < n; k++) {
    if (c[k].kind == IX_INT || c[k].kind == IX_SLICE) consumed++;
    else if (c[k].kind == IX_ARRAY) {
      out->any_adv = true;
      consumed += c[k].arr->dtype == TEN_DTYPE_BOOL ? (c[k].arr->ndim ? c[k].arr->ndim : 0) : 1;
    } else if (c[k].kind == IX_ELLIPSIS) nell++;
  }
  if (nell > 1) return exc_seti(vm, EXC_IndexError, "an index can only have a single ellipsis ('...')");
  if (consumed > t->ndim)
    return exc_seti(vm, EXC_IndexError, "too many indices for array: array is %d-dimensional, but %d were indexed", t->ndim,
                    consumed);
  out->has_ellipsis = nell > 0;
  out->all_int = !out->any_adv && nell == 0;
  for (int k = 0; k < n; k++)
    if (c[k].kind != IX_INT) out->all_int = false;
  if (out->all_int && consumed != t->ndim) out->all_int = false;
  int64_t shape[TEN_MAX_DIMS * 2], stride[TEN_MAX_DIMS * 2];
  int nd = 0, d = 0;
  int64_t offset = t->offset;
  for (int k = 0; k < n; k++) {
    switch (c[k].kind) {
    case IX_INT:
      if (out->any_adv) {
        out->adv_pos[k] = nd;
        shape[nd] = t->shape[d];
        stride[nd++] = t->stride[d];
        d++;
        break;
      } else {
        int64_t i = c[k].i, len = t->shape[d];
        if (i < -len || i >= len)
          return exc_seti(vm, EXC_IndexError, "index %lld is out of bounds for axis %d with size %lld", (long long)c[k].i, d,
                          (long long)len);
        if (i < 0) i += len;
        offset += i * t->stride[d];
        d++;
        break;
      }
    case IX_SLICE: {
      int64_t start, stop, step;
      int64_t len = slice_indices(vm, c[k].slice, t->shape[d], &start, &stop, &step);
      if (len < 0) return -1;
      shape[nd] = len;
      stride[nd++] = t->stride[d] * step;
      if (len > 0) offset += start * t->stride[d];
      d++;
      break;
    }
    case IX_NONE:
      shape[nd] = 1;
      stride[nd++] = 0;
      break;
    case IX_ELLIPSIS: {
      int take = t->ndim - consumed;
      for (int j = 0; j < take; j++) {
        shape[nd] = t->shape[d];
        stride[nd++] = t->stride[d];
        d++;
      }
      break;
    }
    case IX_ARRAY: {
      out->adv_pos[k] = nd;
      int take = c[k].arr->dtype == TEN_DTYPE_BOOL ? c[k].arr->ndim : 1;
      for (int j = 0; j < take; j++) {
        shape[nd] = t->shape[d];
        stride[nd++] = t->stride[d];
        d++;
      }
      break;
    }
    }
  }
  for (; d < t->ndim; d++) {
    shape[nd] = t->shape[d];
    stride[nd++] = t->stride[d];
  }
  if (nd > TEN_MAX_DIMS) return exc_seti(vm, EXC_IndexError, "too many dimensions after indexing (ctorch allows %d)", TEN_MAX_DIMS);
  out->v = ten_from_storage(t->storage, t->dtype, offset, shape, stride, nd);
  if (!out->v) return exc_from_ten(vm), -1;
  return 0;
}

/* Checks the advanced components against the view (NumPy's messages) and builds ten_index over it. */
static int advanced_index(lang_vm *vm, ten_tensor *v, ix *c, int n, const view_out *vo, ten_index *idx, int *nidx,
                          ten_tensor **held, int *nheld) {
  *nidx = 0;
  *nheld = 0;
  /* which view dims belong to advanced components */
  int owner[TEN_MAX_DIMS];
  for (int d = 0; d < v->ndim; d++) owner[d] = -1;
  for (int k = 0; k < n; k++) {
    if (c[k].kind == IX_ARRAY || c[k].kind == IX_INT) {
      int take = c[k].kind == IX_ARRAY && c[k].arr->dtype == TEN_DTYPE_BOOL ? c[k].arr->ndim : 1;
      for (int j = 0; j < take; j++) owner[vo->adv_pos[k] + j] = k;
    }
  }
  int d = 0;
  while (d < v->ndim) {
    ten_index *e = &idx[(*nidx)++];
    memset(e, 0, sizeof *e);
    int k = owner[d];
    if (k < 0) {
      e->kind = TEN_INDEX_SLICE;
      e->step = 1;
      d++;
      continue;
    }
    if (c[k].kind == IX_INT) {
      int64_t i = c[k].i, len = v->shape[d];
      if (i < -len || i >= len)
        return exc_seti(vm, EXC_IndexError, "index %lld is out of bounds for axis %d with size %lld", (long long)i, d,
                        (long long)len);
      int64_t one_shape = 1;
      ten_tensor *t = ten_empty(&one_shape, 1, TEN_DTYPE_I64, TEN_CPU);
      if (!t) return exc_from_ten(vm), -1;
      *(int64_t *)ten_data_ptr(t) = i < 0 ? i + len : i;
      held[(*nheld)++] = t;
      e->kind = TEN_INDEX_TENSOR;
      e->tensor = t;
      d++;
      continue;
    }
    ten_tensor *a = c[k].arr;
    if (a->dtype == TEN_DTYPE_BOOL) {
      for (int j = 0; j < a->ndim; j++)
        if (a->shape[j] != v->shape[d + j])
          return exc_seti(vm, EXC_IndexError, "boolean index did not match indexed array along dimension %d; dimension is "
                                              "%lld but corresponding boolean dimension is %lld",
                          d + j, (long long)v->shape[d + j], (long long)a->shape[j]);
      e->kind = TEN_INDEX_TENSOR;
      e->tensor = a;
      d += a->ndim > 0 ? a->ndim : 0;
      if (a->ndim == 0) {
        /* a 0-d bool (x[True]) adds a dim; nothing consumed */
        continue;
      }
      continue;
    }
    int64_t len = v->shape[d], m = ten_numel(a);
    const int64_t *p = ten_is_contiguous(a) ? ten_data_ptr(a) : NULL;
    for (int64_t q = 0; q < m; q++) {
      int64_t i = p ? p[q] : ten_get_int(a, q);
      if (i < -len || i >= len)
        return exc_seti(vm, EXC_IndexError, "index %lld is out of bounds for axis %d with size %lld", (long long)i, d,
                        (long long)len);
    }
    e->kind = TEN_INDEX_TENSOR;
    e->tensor = a;
    d++;
  }
  return 0;
}

value np_getitem(lang_vm *vm, value self, value key) {
  ten_tensor *t = np_borrow(self);
  ix c[MAX_IX];
  int n;
  if (parse_key(vm, key, c, &n) < 0) return val_null();
  view_out vo;
  value r = val_null();
  if (basic_view(vm, t, c, n, &vo) == 0) {
    if (!vo.any_adv) {
      if (vo.v->ndim == 0 && !vo.has_ellipsis) {
        r = np_wrap_result(vm, vo.v);
      } else {
        r = np_wrap(vm, vo.v);
      }
      vo.v = NULL;
    } else {
      ten_index idx[MAX_IX];
      ten_tensor *held[MAX_IX];
      int nidx, nheld = 0;
      if (advanced_index(vm, vo.v, c, n, &vo, idx, &nidx, held, &nheld) == 0) {
        ten_tensor *g = ten_index_get(vo.v, idx, nidx);
        r = g ? np_wrap_result(vm, g) : exc_from_ten(vm);
      }
      for (int k = 0; k < nheld; k++) ten_release(held[k]);
    }
    ten_release(vo.v);
  }
  ix_clear(c, n);
  return r;
}

static void shape_str_of(strbuf *b, const int64_t *shape, int nd) {
  sb_adds(b, "(");
  for (int d = 0; d < nd; d++) sb_printf(b, d ? ",%lld" : "%lld", (long long)shape[d]);
  sb_adds(b, nd == 1 ? ",)" : ")");
}

/* Raises ValueError "<head><value shape><mid><target shape><tail>" (NumPy's assignment messages). */
static void shape_error(lang_vm *vm, const char *head, const int64_t *vs, int vnd, const char *mid, const int64_t *ts,
                        int tnd) {
  strbuf b;
  sb_init(&b);
  sb_adds(&b, head);
  shape_str_of(&b, vs, vnd);
  sb_adds(&b, mid);
  shape_str_of(&b, ts, tnd);
  obj_str *m = sb_finish(vm, &b);
  if (m) {
    exc_set(vm, EXC_ValueError, "%s", m->data);
    obj_decref(m);
  }
}

/* src (leading size-1 dims already dropped) broadcasts to shape[nd] */
static bool broadcasts(const ten_tensor *src, const int64_t *shape, int nd) {
  if (src->ndim > nd) return false;
  for (int i = 0; i < src->ndim; i++) {
    int64_t a = src->shape[src->ndim - 1 - i], b = shape[nd - 1 - i];
    if (a != b && a != 1) return false;
  }
  return true;
}

/* The value of an assignment (any array-like) as the value tensor: dst's dtype, leading size-1 dims
   dropped as NumPy's broadcasting for assignment does. With shape (check): it must broadcast to
   shape[nd] (else NumPy's ValueError). vshape/vnd (nullable) receive the value's shape as given.
   Returns a new reference or NULL. */
static ten_tensor *assign_value(lang_vm *vm, value v, ten_tensor *dst, const int64_t *shape, int nd, bool check,
                                int64_t *vshape, int *vnd) {
  if (v.tag == VAL_FLOAT && !ten_dtype_is_float(dst->dtype) && v.u.f != v.u.f) {
    exc_set(vm, EXC_ValueError, "cannot convert float NaN to integer");
    return NULL;
  }
  ten_tensor *src = np_to_tensor(vm, v, dst->dtype, false);
  if (!src) return NULL;
  if (src->storage == dst->storage) {
    ten_tensor *c = ten_clone(src);
    ten_release(src);
    if (!c) return np_fail(vm);
    src = c;
  }
  int64_t given[TEN_MAX_DIMS];
  int gnd = src->ndim;
  memcpy(given, src->shape, sizeof(int64_t) * (size_t)gnd);
  if (vshape) memcpy(vshape, given, sizeof given);
  if (vnd) *vnd = gnd;
  while (src->ndim > nd && src->shape[0] == 1) {
    ten_tensor *s = ten_squeeze_dim(src, 0);
    ten_release(src);
    if (!s) return np_fail(vm);
    src = s;
  }
  if (check && !broadcasts(src, shape, nd)) {
    /* this message shows the value without its dropped leading 1s */
    shape_error(vm, "could not broadcast input array from shape ", src->shape, src->ndim, " into shape ", shape, nd);
    ten_release(src);
    return NULL;
  }
  return src;
}

/* a[mask] = v with one boolean mask of a's own rank: NumPy's boolean assignment, which takes a 0-d
   or 1-d value of one element or of one per true element. */
static int check_mask_value(lang_vm *vm, const ten_tensor *mask, const ten_tensor *src, int vnd) {
  if (vnd > 1)
    return exc_seti(vm, EXC_TypeError, "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, "
                                       "input has %d dimensions", vnd);
  int64_t count = 0, n = ten_numel(mask), m = ten_numel(src);
  for (int64_t k = 0; k < n; k++) count += ten_get_int(mask, k) != 0;
  if (m != 1 && m != count)
    return exc_seti(vm, EXC_ValueError, "NumPy boolean array indexing assignment cannot assign %lld input values to the "
                                        "%lld output values where the mask is true", (long long)m, (long long)count);
  return 0;
}

static int index_put(lang_vm *vm, ten_tensor *dst, const ten_index *idx, int nidx, value v, const ix *c, int n) {
  int64_t vshape[TEN_MAX_DIMS];
  int vnd;
  ten_tensor *src = assign_value(vm, v, dst, NULL, 0, false, vshape, &vnd);
  if (!src) return -1;
  int rc = 0;
  if (n == 1 && c[0].kind == IX_ARRAY && c[0].arr->dtype == TEN_DTYPE_BOOL && c[0].arr->ndim == dst->ndim && dst->ndim > 0)
    rc = check_mask_value(vm, c[0].arr, src, vnd);
  else {
    /* the indexing result's shape, for NumPy's message (a gather: cheap next to the scatter) */
    ten_tensor *g = ten_index_get(dst, idx, nidx);
    if (!g) rc = (exc_from_ten(vm), -1);
    else if (!broadcasts(src, g->shape, g->ndim)) {
      shape_error(vm, "shape mismatch: value array of shape ", vshape, vnd,
                  " could not be broadcast to indexing result of shape ", g->shape, g->ndim);
      rc = -1;
    }
    ten_release(g);
  }
  if (rc == 0 && ten_index_put(dst, idx, nidx, src) < 0) rc = (exc_from_ten(vm), -1);
  ten_release(src);
  return rc;
}

int np_setitem(lang_vm *vm, value self, value key, value v) {
  if (VAL_IS_NULL(v)) return exc_seti(vm, EXC_ValueError, "cannot delete array elements");
  ten_tensor *t = np_borrow(self);
  if (np_is_scalar(self)) return exc_seti(vm, EXC_TypeError, "'%s' object does not support item assignment", val_type_name(self));
  ix c[MAX_IX];
  int n;
  if (parse_key(vm, key, c, &n) < 0) return -1;
  view_out vo;
  int rc = -1;
  if (basic_view(vm, t, c, n, &vo) == 0) {
    if (!vo.any_adv) {
      ten_tensor *src = assign_value(vm, v, vo.v, vo.v->shape, vo.v->ndim, true, NULL, NULL);
      if (src) {
        rc = ten_copy_(vo.v, src) < 0 ? (exc_from_ten(vm), -1) : 0;
        ten_release(src);
      }
    } else {
      ten_index idx[MAX_IX];
      ten_tensor *held[MAX_IX];
      int nidx, nheld = 0;
      if (advanced_index(vm, vo.v, c, n, &vo, idx, &nidx, held, &nheld) == 0)
        rc = index_put(vm, vo.v, idx, nidx, v, c, n);
      for (int k = 0; k < nheld; k++) ten_release(held[k]);
    }
    ten_release(vo.v);
  }
  ix_clear(c, n);
  return rc;
}
