/*
** tensor/ops_scan.c — front ends of the ops that treat one dim as a line: cumsum, cumprod,
** softmax, log_softmax, sort, topk; and unique (the distinct elements or slices, a stable merge sort).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
  if (b && !b->sort) b = ten_backend_missing(b, "sort");
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

/* ---- unique ---- */

/* The rows to compare: n rows of len elements each, typed data of a contiguous CPU tensor. */
typedef struct uniq_rows {
  const void *data;
  ten_dtype dt;
  int64_t len;
} uniq_rows;

/* Element order: ascending, NaN after every number (one NaN never equals another, see same_row). */
static int uniq_cmp_elem(const uniq_rows *r, int64_t a, int64_t b) {
  switch (r->dt) {
  case TEN_DTYPE_F32: {
    float x = ((const float *)r->data)[a], y = ((const float *)r->data)[b];
    if (isnan(x) || isnan(y)) return isnan(x) - isnan(y);
    return (x > y) - (x < y);
  }
  case TEN_DTYPE_F64: {
    double x = ((const double *)r->data)[a], y = ((const double *)r->data)[b];
    if (isnan(x) || isnan(y)) return isnan(x) - isnan(y);
    return (x > y) - (x < y);
  }
  case TEN_DTYPE_I64: {
    int64_t x = ((const int64_t *)r->data)[a], y = ((const int64_t *)r->data)[b];
    return (x > y) - (x < y);
  }
  case TEN_DTYPE_I32: {
    int32_t x = ((const int32_t *)r->data)[a], y = ((const int32_t *)r->data)[b];
    return (x > y) - (x < y);
  }
  default: {   /* bool, uint8 */
    uint8_t x = ((const uint8_t *)r->data)[a], y = ((const uint8_t *)r->data)[b];
    return (x > y) - (x < y);
  }
  }
}

static int uniq_cmp_row(const uniq_rows *r, int64_t a, int64_t b) {
  for (int64_t k = 0; k < r->len; k++) {
    int c = uniq_cmp_elem(r, a * r->len + k, b * r->len + k);
    if (c) return c;
  }
  return 0;
}

static bool uniq_is_nan(const uniq_rows *r, int64_t i) {
  if (r->dt == TEN_DTYPE_F32) return isnan(((const float *)r->data)[i]);
  if (r->dt == TEN_DTYPE_F64) return isnan(((const double *)r->data)[i]);
  return false;
}

static bool uniq_same_row(const uniq_rows *r, int64_t a, int64_t b) {
  if (uniq_cmp_row(r, a, b)) return false;
  for (int64_t k = 0; k < r->len; k++)
    if (uniq_is_nan(r, a * r->len + k)) return false;
  return true;
}

/* Stable merge sort of row numbers (equal rows keep their first occurrence first). */
static void uniq_sort(const uniq_rows *r, int64_t *idx, int64_t *tmp, int64_t n) {
  if (n < 2) return;
  int64_t h = n / 2;
  uniq_sort(r, idx, tmp, h);
  uniq_sort(r, idx + h, tmp, n - h);
  int64_t i = 0, j = h, k = 0;
  while (i < h && j < n) tmp[k++] = uniq_cmp_row(r, idx[j], idx[i]) < 0 ? idx[j++] : idx[i++];
  while (i < h) tmp[k++] = idx[i++];
  while (j < n) tmp[k++] = idx[j++];
  memcpy(idx, tmp, (size_t)n * sizeof *idx);
}

int ten_unique(ten_tensor *t, bool has_dim, int64_t dim, ten_tensor **values, ten_tensor **inverse, ten_tensor **counts) {
  *values = NULL;
  if (inverse) *inverse = NULL;
  if (counts) *counts = NULL;
  int d = 0;
  if (has_dim && ten_wrap_dim(dim, t->ndim, &d)) return -1;
  ten_device dev = t->storage->device;
  /* rows: the flattened elements, or the slices along dim (moved to the front, other dims in order) */
  ten_tensor *moved = NULL;
  if (has_dim && t->ndim > 0) {
    int64_t perm[TEN_MAX_DIMS];
    perm[0] = d;
    for (int i = 0, k = 1; i < t->ndim; i++)
      if (i != d) perm[k++] = i;
    moved = ten_permute(t, perm, t->ndim);
  } else {
    moved = ten_alias(t);
  }
  ten_tensor *cpu = moved ? ten_to_device(moved, TEN_CPU, false) : NULL;
  ten_tensor *c = cpu ? ten_contiguous(cpu) : NULL;
  ten_release(moved);
  ten_release(cpu);
  if (!c) return -1;
  int64_t numel = ten_numel(c);
  int64_t n = has_dim && t->ndim > 0 ? t->shape[d] : numel;
  uniq_rows r = {ten_data_ptr(c), c->dtype, n ? numel / n : 0};
  int64_t *idx = malloc((size_t)(n ? n : 1) * sizeof *idx), *tmp = malloc((size_t)(n ? n : 1) * sizeof *tmp);
  int64_t *group = malloc((size_t)(n ? n : 1) * sizeof *group);   /* group of each sorted position */
  int rc = -1;
  ten_tensor *first = NULL, *inv = NULL, *cnt = NULL, *vals = NULL;
  if (!idx || !tmp || !group) {
    ten_error_set(TEN_E_NOMEM, "out of memory");
    goto done;
  }
  for (int64_t i = 0; i < n; i++) idx[i] = i;
  uniq_sort(&r, idx, tmp, n);
  int64_t ng = 0;
  for (int64_t i = 0; i < n; i++) {
    if (i == 0 || !uniq_same_row(&r, idx[i - 1], idx[i])) tmp[ng++] = idx[i];   /* tmp: first row of each group */
    group[i] = ng - 1;
  }
  /* the values: the first row of each group */
  first = ten_from_buffer(tmp, TEN_DTYPE_I64, &ng, 1, TEN_DTYPE_I64, TEN_CPU);
  if (!first) goto done;
  if (has_dim && t->ndim > 0) {
    ten_tensor *tc = ten_to_device(t, TEN_CPU, false);
    vals = tc ? ten_index_select(tc, d, first) : NULL;
    ten_release(tc);
  } else {
    ten_tensor *flat = ten_reshape(c, &numel, 1);
    vals = flat ? ten_index_select(flat, 0, first) : NULL;
    ten_release(flat);
  }
  if (!vals) goto done;
  if (inverse) {
    /* dim=None: the input's shape (0-dim stays 0-dim); dim: one per slice */
    int64_t one = n;
    inv = has_dim && t->ndim > 0 ? ten_empty(&one, 1, TEN_DTYPE_I64, TEN_CPU) : ten_empty(t->shape, t->ndim, TEN_DTYPE_I64, TEN_CPU);
    if (!inv) goto done;
    int64_t *iv = ten_data_ptr(inv);
    for (int64_t i = 0; i < n; i++) iv[idx[i]] = group[i];
  }
  if (counts) {
    cnt = ten_zeros(&ng, 1, TEN_DTYPE_I64, TEN_CPU);
    if (!cnt) goto done;
    int64_t *cv = ten_data_ptr(cnt);
    for (int64_t i = 0; i < n; i++) cv[group[i]]++;
  }
  /* back to t's device */
  ten_tensor **outs[3] = {&vals, &inv, &cnt};
  for (int i = 0; i < 3; i++) {
    if (!*outs[i]) continue;
    ten_tensor *m = ten_to_device(*outs[i], dev, false);
    ten_release(*outs[i]);
    *outs[i] = m;
    if (!m) goto done;
  }
  *values = vals;
  vals = NULL;
  if (inverse) *inverse = inv, inv = NULL;
  if (counts) *counts = cnt, cnt = NULL;
  rc = 0;
done:
  free(idx);
  free(tmp);
  free(group);
  ten_release(first);
  ten_release(vals);
  ten_release(inv);
  ten_release(cnt);
  ten_release(c);
  return rc;
}
