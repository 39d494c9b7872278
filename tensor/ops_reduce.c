/*
** tensor/ops_reduce.c — front end of the reductions: dim lists (empty = all), keepdim, output
** dtype rules (integral sums -> int64, mean/var/std/norm float only), PyTorch's empty-input
** errors, and max/min/argmax/argmin with indices.
*/
#include <math.h>

#include "tensor/internal.h"

static int dims_to_mask(const ten_tensor *t, const int64_t *dims, int n, uint32_t *mask) {
  if (n == 0) {
    *mask = t->ndim ? (uint32_t)((1ull << t->ndim) - 1) : 0;
    return 0;
  }
  if (ten_dims_mask(dims, n, t->ndim, mask)) return -1;
  if (t->ndim == 0) *mask = 0;
  return 0;
}

/* Drops the reduced dims of a keepdim-shaped result (a view). Steals r. */
static ten_tensor *finish(ten_tensor *r, uint32_t mask, bool keepdim) {
  if (!r || keepdim || mask == 0) return r;
  int64_t shape[TEN_MAX_DIMS], stride[TEN_MAX_DIMS];
  int n = 0;
  for (int d = 0; d < r->ndim; d++) {
    if (mask & (1u << d)) continue;
    shape[n] = r->shape[d];
    stride[n++] = r->stride[d];
  }
  ten_tensor *v = ten_from_storage(r->storage, r->dtype, r->offset, shape, stride, n);
  ten_release(r);
  return v;
}

/* Runs op over t (already in the kernel's dtype); out_dt is the result dtype. */
static ten_tensor *reduce_run(ten_redop op, ten_tensor *t, uint32_t mask, ten_dtype out_dt, double param,
                              ten_tensor **idx_out) {
  int64_t shape[TEN_MAX_DIMS];
  for (int d = 0; d < t->ndim; d++) shape[d] = (mask & (1u << d)) ? 1 : t->shape[d];
  ten_device dev = t->storage->device;
  ten_tensor *out = ten_empty_on(shape, t->ndim, out_dt, dev);
  ten_tensor *idx = out && idx_out ? ten_empty_on(shape, t->ndim, TEN_DTYPE_I64, dev) : NULL;
  const ten_backend *b = out && (!idx_out || idx) ? ten_backend_for(dev) : NULL;
  if (!b || b->reduce(op, out, idx, t, mask, param)) {
    ten_release(out);
    ten_release(idx);
    return NULL;
  }
  if (idx_out) *idx_out = idx;
  return out;
}

/* Error for max/min/amax/... over an empty dim, or over everything when numel == 0. */
static int check_nonempty(const char *name, const ten_tensor *t, uint32_t mask, bool all, bool index_err) {
  if (ten_numel(t) != 0) return 0;
  if (all)
    return ten_error_set(index_err ? TEN_E_INDEX : TEN_E_RUNTIME,
                         "%s(): Expected reduction dim to be specified for input.numel() == 0.%s", name,
                         index_err ? "" : " Specify the reduction dim with the 'dim' argument.");
  for (int d = 0; d < t->ndim; d++)
    if ((mask & (1u << d)) && t->shape[d] == 0)
      return ten_error_set(TEN_E_INDEX, "%s(): Expected reduction dim %d to have non-zero size.", name, d);
  return 0;
}

/* sum/prod: integral and bool inputs accumulate in int64 unless dt says otherwise. */
static ten_tensor *sum_like(ten_redop op, ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt) {
  uint32_t mask;
  if (dims_to_mask(t, dims, n, &mask)) return NULL;
  if (dt == TEN_DTYPE_UNSET) dt = ten_dtype_is_float(t->dtype) ? t->dtype : TEN_DTYPE_I64;
  ten_tensor *x = ten_to_dtype(t, dt, false);
  if (!x) return NULL;
  ten_tensor *r = reduce_run(op, x, mask, dt, 0, NULL);
  ten_release(x);
  return finish(r, mask, keepdim);
}

ten_tensor *ten_sum(ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt) {
  return sum_like(TEN_REDOP_SUM, t, dims, n, keepdim, dt);
}

ten_tensor *ten_prod(ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt) {
  return sum_like(TEN_REDOP_PROD, t, dims, n, keepdim, dt);
}

ten_tensor *ten_mean(ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt) {
  if (dt != TEN_DTYPE_UNSET && !ten_dtype_is_float(dt)) {
    ten_error_set(TEN_E_RUNTIME,
                  "mean(): could not infer output dtype. Optional dtype must be either a floating point or complex dtype. Got: %s",
                  ten_dtype_scalar_name(dt));
    return NULL;
  }
  if (dt == TEN_DTYPE_UNSET && !ten_dtype_is_float(t->dtype)) {
    ten_error_set(TEN_E_RUNTIME,
                  "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: %s",
                  ten_dtype_scalar_name(t->dtype));
    return NULL;
  }
  uint32_t mask;
  if (dims_to_mask(t, dims, n, &mask)) return NULL;
  int64_t count = 1;
  for (int d = 0; d < t->ndim; d++)
    if (mask & (1u << d)) count *= t->shape[d];
  /* ATen: sum in the output dtype, then div_ by the element count */
  ten_tensor *s = ten_sum(t, dims, n, keepdim, dt);
  if (!s) return NULL;
  ten_tensor *c = ten_wrap_scalar(ten_scalar_int(count));
  int rc = c ? ten_binary_(TEN_BINOP_DIV, s, c, ten_scalar_int(1)) : -1;
  ten_release(c);
  if (rc) {
    ten_release(s);
    return NULL;
  }
  s->storage->version = 0;
  return s;
}

static ten_tensor *var_like(ten_redop op, ten_tensor *t, const int64_t *dims, int n, int64_t correction, bool keepdim) {
  if (!ten_dtype_is_float(t->dtype)) {
    ten_error_set(TEN_E_RUNTIME, "std and var only support floating point and complex dtypes");
    return NULL;
  }
  uint32_t mask;
  if (dims_to_mask(t, dims, n, &mask)) return NULL;
  return finish(reduce_run(op, t, mask, t->dtype, (double)correction, NULL), mask, keepdim);
}

ten_tensor *ten_var(ten_tensor *t, const int64_t *dims, int n, int64_t correction, bool keepdim) {
  return var_like(TEN_REDOP_VAR, t, dims, n, correction, keepdim);
}

ten_tensor *ten_std(ten_tensor *t, const int64_t *dims, int n, int64_t correction, bool keepdim) {
  return var_like(TEN_REDOP_STD, t, dims, n, correction, keepdim);
}

ten_tensor *ten_norm(ten_tensor *t, double p, const int64_t *dims, int n, bool keepdim) {
  if (!ten_dtype_is_float(t->dtype)) {
    ten_error_set(TEN_E_RUNTIME, "norm(): input dtype should be either floating point or complex. Got %s instead.",
                  ten_dtype_scalar_name(t->dtype));
    return NULL;
  }
  uint32_t mask;
  if (dims_to_mask(t, dims, n, &mask)) return NULL;
  return finish(reduce_run(TEN_REDOP_NORM, t, mask, t->dtype, p, NULL), mask, keepdim);
}

static ten_tensor *minmax(ten_redop op, const char *name, ten_tensor *t, const int64_t *dims, int n, bool keepdim) {
  uint32_t mask;
  if (dims_to_mask(t, dims, n, &mask)) return NULL;
  if (check_nonempty(name, t, mask, n == 0, false)) return NULL;
  return finish(reduce_run(op, t, mask, t->dtype, 0, NULL), mask, keepdim);
}

ten_tensor *ten_amax(ten_tensor *t, const int64_t *dims, int n, bool keepdim) {
  return minmax(TEN_REDOP_AMAX, "amax", t, dims, n, keepdim);
}
ten_tensor *ten_amin(ten_tensor *t, const int64_t *dims, int n, bool keepdim) {
  return minmax(TEN_REDOP_AMIN, "amin", t, dims, n, keepdim);
}
ten_tensor *ten_max_all(ten_tensor *t) { return minmax(TEN_REDOP_AMAX, "max", t, NULL, 0, false); }
ten_tensor *ten_min_all(ten_tensor *t) { return minmax(TEN_REDOP_AMIN, "min", t, NULL, 0, false); }

static ten_tensor *allany(ten_redop op, ten_tensor *t, const int64_t *dims, int n, bool keepdim) {
  uint32_t mask;
  if (dims_to_mask(t, dims, n, &mask)) return NULL;
  ten_dtype out = t->dtype == TEN_DTYPE_U8 ? TEN_DTYPE_U8 : TEN_DTYPE_BOOL;
  ten_tensor *r = reduce_run(op, t, mask, TEN_DTYPE_BOOL, 0, NULL);
  if (r && out != TEN_DTYPE_BOOL) {
    ten_tensor *c = ten_to_dtype(r, out, false);
    ten_release(r);
    r = c;
  }
  return finish(r, mask, keepdim);
}

ten_tensor *ten_all(ten_tensor *t, const int64_t *dims, int n, bool keepdim) { return allany(TEN_REDOP_ALL, t, dims, n, keepdim); }
ten_tensor *ten_any(ten_tensor *t, const int64_t *dims, int n, bool keepdim) { return allany(TEN_REDOP_ANY, t, dims, n, keepdim); }

/* ATen's composite: m = amax(x, dims, keepdim=True) with +-inf replaced by 0;
   log(sum(exp(x - m), dims)) + m. Integral inputs are first converted to the default dtype. */
ten_tensor *ten_logsumexp(ten_tensor *t, const int64_t *dims, int n, bool keepdim) {
  uint32_t mask;
  if (dims_to_mask(t, dims, n, &mask)) return NULL;
  ten_tensor *x = ten_to_dtype(t, ten_dtype_is_float(t->dtype) ? t->dtype : ten_default_dtype(), false);
  if (!x) return NULL;
  ten_tensor *m = NULL, *inf = NULL, *zero = NULL, *d = NULL, *r = NULL;
  if (ten_numel(x) == 0) {
    d = ten_unary(TEN_UNOP_EXP, x);
    r = d ? ten_sum(d, dims, n, keepdim, TEN_DTYPE_UNSET) : NULL;
    if (r && ten_unary_(TEN_UNOP_LOG, r)) goto fail;
    goto done;
  }
  m = ten_amax(x, dims, n, true);
  inf = m ? ten_unary(TEN_UNOP_ISINF, m) : NULL;
  zero = inf ? ten_wrap_scalar(ten_scalar_int(0)) : NULL;
  if (!zero || ten_masked_fill_(m, inf, zero)) goto fail;
  d = ten_sub(x, m);
  if (!d || ten_unary_(TEN_UNOP_EXP, d)) goto fail;
  r = ten_sum(d, dims, n, keepdim, TEN_DTYPE_UNSET);
  if (!r || ten_unary_(TEN_UNOP_LOG, r)) goto fail;
  ten_tensor *ms = finish((ten_retain(m), m), mask, keepdim);
  int rc = ms ? ten_binary_(TEN_BINOP_ADD, r, ms, ten_scalar_int(1)) : -1;
  ten_release(ms);
  if (rc) goto fail;
  goto done;
fail:
  ten_release(r);
  r = NULL;
done:
  if (r) r->storage->version = 0;
  ten_release(x);
  ten_release(m);
  ten_release(inf);
  ten_release(zero);
  ten_release(d);
  return r;
}

static int minmax_dim(ten_redop op, const char *name, ten_tensor *t, int64_t dim, bool keepdim,
                      ten_tensor **values, ten_tensor **indices) {
  int d;
  if (ten_wrap_dim(dim, t->ndim, &d)) return -1;
  uint32_t mask = t->ndim ? 1u << d : 0;
  if (check_nonempty(name, t, mask, false, false)) return -1;
  ten_tensor *idx = NULL;
  ten_tensor *v = reduce_run(op, t, mask, t->dtype, 0, &idx);
  if (!v) return -1;
  *values = finish(v, mask, keepdim);
  *indices = finish(idx, mask, keepdim);
  if (!*values || !*indices) {
    ten_release(*values);
    ten_release(*indices);
    return -1;
  }
  return 0;
}

int ten_max_dim(ten_tensor *t, int64_t dim, bool keepdim, ten_tensor **values, ten_tensor **indices) {
  return minmax_dim(TEN_REDOP_MAX_IDX, "max", t, dim, keepdim, values, indices);
}

int ten_min_dim(ten_tensor *t, int64_t dim, bool keepdim, ten_tensor **values, ten_tensor **indices) {
  return minmax_dim(TEN_REDOP_MIN_IDX, "min", t, dim, keepdim, values, indices);
}

static ten_tensor *argminmax(ten_redop op, const char *name, ten_tensor *t, int64_t dim, bool has_dim, bool keepdim) {
  ten_tensor *v = NULL, *idx = NULL;
  if (t->dtype == TEN_DTYPE_BOOL) {
    ten_error_set(TEN_E_RUNTIME, "\"%s_cpu\" not implemented for 'Bool'", name);
    return NULL;
  }
  if (!has_dim) {
    if (ten_numel(t) == 0) {
      ten_error_set(TEN_E_INDEX, "%s(): Expected reduction dim to be specified for input.numel() == 0.", name);
      return NULL;
    }
    int64_t flat = -1;
    ten_tensor *f = ten_reshape(t, &flat, 1);
    if (!f) return NULL;
    int rc = minmax_dim(op, name, f, 0, false, &v, &idx);
    ten_release(f);
    if (rc) return NULL;
    ten_release(v);
    if (keepdim && t->ndim > 0) {
      int64_t ones[TEN_MAX_DIMS];
      for (int d = 0; d < t->ndim; d++) ones[d] = 1;
      ten_tensor *r = ten_reshape(idx, ones, t->ndim);
      ten_release(idx);
      return r;
    }
    return idx;
  }
  if (minmax_dim(op, name, t, dim, keepdim, &v, &idx)) return NULL;
  ten_release(v);
  return idx;
}

ten_tensor *ten_argmax(ten_tensor *t, int64_t dim, bool has_dim, bool keepdim) {
  return argminmax(TEN_REDOP_MAX_IDX, "argmax", t, dim, has_dim, keepdim);
}

ten_tensor *ten_argmin(ten_tensor *t, int64_t dim, bool has_dim, bool keepdim) {
  return argminmax(TEN_REDOP_MIN_IDX, "argmin", t, dim, has_dim, keepdim);
}
