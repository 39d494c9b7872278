/*
** kernel/lang/numpy_funcs.c — the functions of the numpy module: creation (array, zeros, arange,
** linspace, eye ...), shape manipulation (reshape, transpose, concatenate, stack ...), the ufuncs as
** functions (np.add(a, 1, out=a), np.exp ...), reductions, comparisons (allclose, isclose, where),
** print options, finfo/iinfo, and the module's registration (numpy and numpy.random).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/numpy_bind.h"

static bool given(value v) { return !VAL_IS_NULL(v) && v.tag != VAL_NONE; }

static int opt_bool(lang_vm *vm, value v, bool *out) {
  if (!given(v)) return 0;
  int r = obj_truth(vm, v);
  if (r < 0) return -1;
  *out = r;
  return 0;
}

/* shape arguments: an int or a sequence of ints */
static int shape_arg(lang_vm *vm, value v, int64_t *shape, const char *fn) {
  if (val_is_intlike(v) || (np_is_scalar(v) && !ten_dtype_is_float(np_borrow(v)->dtype))) {
    if (obj_as_index(vm, v, &shape[0]) < 0) return -1;
    if (shape[0] < 0) return exc_seti(vm, EXC_ValueError, "negative dimensions are not allowed");
    return 1;
  }
  if (val_is_tuple(v) || val_is_list(v)) {
    int64_t n = val_is_tuple(v) ? VAL_TUPLE(v)->len : VAL_LIST(v)->len;
    const value *it = val_is_tuple(v) ? VAL_TUPLE(v)->items : VAL_LIST(v)->items;
    if (n > TEN_MAX_DIMS) return exc_seti(vm, EXC_ValueError, "maximum supported dimension for an ndarray is %d", TEN_MAX_DIMS);
    for (int64_t i = 0; i < n; i++) {
      if (obj_as_index(vm, it[i], &shape[i]) < 0) return -1;
      if (shape[i] < 0) return exc_seti(vm, EXC_ValueError, "negative dimensions are not allowed");
    }
    return (int)n;
  }
  (void)fn;
  return exc_seti(vm, EXC_TypeError, "'%s' object cannot be interpreted as an integer", val_type_name(v));
}

/* ---- creation ---- */

static value f_array(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[6];
  if (bi_parse(vm, "array", args, nargs, kw, "object|dtype,$copy,order,subok,ndmin", a) < 0) return val_null();
  ten_dtype dt = TEN_DTYPE_UNSET;
  bool copy = true;
  if (np_arg_dtype(vm, a[1], &dt) < 0 || opt_bool(vm, a[2], &copy) < 0) return val_null();
  if (!copy && np_is_ndarray(a[0]) && (dt == TEN_DTYPE_UNSET || dt == np_borrow(a[0])->dtype)) return val_incref(a[0]);
  ten_tensor *t = np_to_tensor(vm, a[0], dt, true);
  if (!t) return val_null();
  if (given(a[5])) {
    int64_t ndmin;
    if (obj_as_index(vm, a[5], &ndmin) < 0) {
      ten_release(t);
      return val_null();
    }
    if (t->ndim < ndmin) {
      int64_t shape[TEN_MAX_DIMS];
      int nd = 0;
      for (int64_t i = t->ndim; i < ndmin && nd < TEN_MAX_DIMS; i++) shape[nd++] = 1;
      for (int d = 0; d < t->ndim; d++) shape[nd++] = t->shape[d];
      ten_tensor *r = ten_reshape(t, shape, nd);
      ten_release(t);
      t = r;
    }
  }
  return np_wrap(vm, t);
}

static value f_asarray(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "asarray", args, nargs, kw, "a|dtype,order", a) < 0) return val_null();
  ten_dtype dt = TEN_DTYPE_UNSET;
  if (np_arg_dtype(vm, a[1], &dt) < 0) return val_null();
  if (np_is_ndarray(a[0]) && (dt == TEN_DTYPE_UNSET || dt == np_borrow(a[0])->dtype)) return val_incref(a[0]);
  return np_wrap(vm, np_to_tensor(vm, a[0], dt, false));
}

static value f_ascontiguousarray(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "ascontiguousarray", args, nargs, kw, "a|dtype", a) < 0) return val_null();
  ten_dtype dt = TEN_DTYPE_UNSET;
  if (np_arg_dtype(vm, a[1], &dt) < 0) return val_null();
  ten_tensor *t = np_to_tensor(vm, a[0], dt, false);
  if (!t) return val_null();
  if (ten_is_contiguous(t) && np_is_ndarray(a[0]) && np_borrow(a[0])->dtype == t->dtype) {
    ten_release(t);
    return val_incref(a[0]);
  }
  ten_tensor *c = ten_contiguous(t);
  ten_release(t);
  if (c && c->ndim == 0) {
    ten_tensor *r = ten_reshape(c, (int64_t[]){1}, 1);
    ten_release(c);
    c = r;
  }
  return np_wrap(vm, c);
}

static value f_copy(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "copy", args, nargs, kw, "a|order", a) < 0) return val_null();
  ten_tensor *t = np_to_tensor(vm, a[0], TEN_DTYPE_UNSET, true);
  if (!t) return val_null();
  if (np_borrow(a[0]) == NULL || t == np_borrow(a[0])) {
    return np_wrap(vm, t);
  }
  return np_wrap(vm, t);
}

typedef enum { FILL_ZEROS, FILL_ONES, FILL_EMPTY } fill_kind;

static value make_filled(lang_vm *vm, const int64_t *shape, int nd, ten_dtype dt, fill_kind k) {
  ten_tensor *t = k == FILL_ONES ? ten_ones(shape, nd, dt, TEN_CPU) : ten_zeros(shape, nd, dt, TEN_CPU);
  return np_wrap(vm, t);
}

static value creation(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, const char *fn, fill_kind k) {
  value a[4];
  if (bi_parse(vm, fn, args, nargs, kw, "shape|dtype,order,$like", a) < 0) return val_null();
  int64_t shape[TEN_MAX_DIMS];
  int nd = shape_arg(vm, a[0], shape, fn);
  ten_dtype dt = TEN_DTYPE_F64;
  if (nd < 0 || np_arg_dtype(vm, a[1], &dt) < 0) return val_null();
  return make_filled(vm, shape, nd, dt, k);
}
static value f_zeros(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return creation(vm, a, n, kw, "zeros", FILL_ZEROS); }
static value f_ones(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return creation(vm, a, n, kw, "ones", FILL_ONES); }
static value f_empty(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return creation(vm, a, n, kw, "empty", FILL_EMPTY); }

static value like_creation(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, const char *fn, fill_kind k) {
  value a[5];
  if (bi_parse(vm, fn, args, nargs, kw, "a|dtype,order,subok,shape", a) < 0) return val_null();
  ten_tensor *t = np_to_tensor(vm, a[0], TEN_DTYPE_UNSET, false);
  if (!t) return val_null();
  ten_dtype dt = t->dtype;
  int64_t shape[TEN_MAX_DIMS];
  int nd = t->ndim;
  memcpy(shape, t->shape, sizeof(int64_t) * (size_t)nd);
  ten_release(t);
  if (np_arg_dtype(vm, a[1], &dt) < 0) return val_null();
  if (given(a[4]) && (nd = shape_arg(vm, a[4], shape, fn)) < 0) return val_null();
  return make_filled(vm, shape, nd, dt, k);
}
static value f_zeros_like(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return like_creation(vm, a, n, kw, "zeros_like", FILL_ZEROS); }
static value f_ones_like(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return like_creation(vm, a, n, kw, "ones_like", FILL_ONES); }
static value f_empty_like(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return like_creation(vm, a, n, kw, "empty_like", FILL_EMPTY); }

static ten_dtype value_dtype(value v) {
  if (v.tag == VAL_BOOL) return TEN_DTYPE_BOOL;
  if (v.tag == VAL_INT) return TEN_DTYPE_I64;
  if (v.tag == VAL_FLOAT) return TEN_DTYPE_F64;
  ten_tensor *t = np_borrow(v);
  return t ? t->dtype : TEN_DTYPE_F64;
}

static value fill_with(lang_vm *vm, const int64_t *shape, int nd, ten_dtype dt, value fill) {
  ten_tensor *r = ten_empty(shape, nd, dt, TEN_CPU);
  if (!r) return exc_from_ten(vm);
  ten_tensor *v = np_to_tensor(vm, fill, dt, false);
  if (!v || ten_copy_(r, v) < 0) {
    ten_release(v);
    ten_release(r);
    return exc_pending(vm) ? val_null() : exc_from_ten(vm);
  }
  ten_release(v);
  return np_wrap(vm, r);
}

static value f_full(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[4];
  if (bi_parse(vm, "full", args, nargs, kw, "shape,fill_value|dtype,order", a) < 0) return val_null();
  int64_t shape[TEN_MAX_DIMS];
  int nd = shape_arg(vm, a[0], shape, "full");
  if (nd < 0) return val_null();
  ten_dtype dt = value_dtype(a[1]);
  if (np_arg_dtype(vm, a[2], &dt) < 0) return val_null();
  return fill_with(vm, shape, nd, dt, a[1]);
}

static value f_full_like(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[4];
  if (bi_parse(vm, "full_like", args, nargs, kw, "a,fill_value|dtype,order", a) < 0) return val_null();
  ten_tensor *t = np_to_tensor(vm, a[0], TEN_DTYPE_UNSET, false);
  if (!t) return val_null();
  ten_dtype dt = t->dtype;
  int64_t shape[TEN_MAX_DIMS];
  int nd = t->ndim;
  memcpy(shape, t->shape, sizeof(int64_t) * (size_t)nd);
  ten_release(t);
  if (np_arg_dtype(vm, a[2], &dt) < 0) return val_null();
  return fill_with(vm, shape, nd, dt, a[1]);
}

/* np.arange: length ceil((stop - start) / step); x[i] = start + i * ((start + step) - start) */
static value f_arange(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  if (bi_parse(vm, "arange", args, nargs, kw, "start|stop,step,dtype,$like", a) < 0) return val_null();
  value start = a[0], stop = a[1], step = a[2];
  if (!given(stop)) {
    stop = start;
    start = val_int(0);
  }
  bool any_float = false;
  value vals[3] = {start, stop, given(step) ? step : val_int(1)};
  double d[3];
  int64_t iv[3];
  for (int k = 0; k < 3; k++) {
    ten_tensor *t = np_borrow(vals[k]);
    if (vals[k].tag == VAL_FLOAT || (t && ten_dtype_is_float(t->dtype))) any_float = true;
    if (obj_as_double(vm, vals[k], &d[k]) < 0) return val_null();
    iv[k] = any_float ? 0 : (vals[k].tag == VAL_INT || vals[k].tag == VAL_BOOL) ? val_as_int(vals[k]) : (int64_t)d[k];
    if (!any_float && t) iv[k] = ten_get_int(t, 0);
  }
  ten_dtype dt = any_float ? TEN_DTYPE_F64 : TEN_DTYPE_I64;
  if (np_arg_dtype(vm, a[3], &dt) < 0) return val_null();
  if (d[2] == 0) return exc_set(vm, EXC_ZeroDivisionError, "division by zero");
  double lenf = ceil((d[1] - d[0]) / d[2]);
  if (!isfinite(lenf)) return exc_set(vm, EXC_ValueError, "arange: cannot compute length");
  int64_t n = lenf > 0 ? (int64_t)lenf : 0;
  ten_tensor *r = ten_empty(&n, 1, dt, TEN_CPU);
  if (!r) return exc_from_ten(vm);
  char *p = ten_data_ptr(r);
  if (any_float || ten_dtype_is_float(dt)) {
    double s0 = any_float ? d[0] : (double)iv[0], s1 = any_float ? d[0] + d[2] : (double)(iv[0] + iv[2]);
    if (dt == TEN_DTYPE_F32) {
      float st = (float)s0, de = (float)s1 - st;
      for (int64_t i = 0; i < n; i++) ((float *)p)[i] = i == 0 ? st : i == 1 ? (float)s1 : st + (float)i * de;
    } else if (dt == TEN_DTYPE_F64) {
      double de = s1 - s0;
      for (int64_t i = 0; i < n; i++) ((double *)p)[i] = i == 0 ? s0 : i == 1 ? s1 : s0 + (double)i * de;
    } else {
      /* float arguments into an integer dtype: the first two values cast, then integer steps */
      int64_t st = (int64_t)s0, de = (int64_t)s1 - st;
      for (int64_t i = 0; i < n; i++) {
        int64_t v = st + i * de;
        ten_tensor tmp = *r;
        (void)tmp;
        switch (dt) {
        case TEN_DTYPE_I64: ((int64_t *)p)[i] = v; break;
        case TEN_DTYPE_I32: ((int32_t *)p)[i] = (int32_t)v; break;
        case TEN_DTYPE_U8: ((uint8_t *)p)[i] = (uint8_t)v; break;
        default: ((bool *)p)[i] = v != 0; break;
        }
      }
    }
  } else {
    int64_t st = iv[0], de = iv[2];
    for (int64_t i = 0; i < n; i++) {
      int64_t v = st + i * de;
      switch (dt) {
      case TEN_DTYPE_I64: ((int64_t *)p)[i] = v; break;
      case TEN_DTYPE_I32: ((int32_t *)p)[i] = (int32_t)v; break;
      case TEN_DTYPE_U8: ((uint8_t *)p)[i] = (uint8_t)v; break;
      default: ((bool *)p)[i] = v != 0; break;
      }
    }
  }
  return np_wrap(vm, r);
}

static value f_linspace(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[7];
  if (bi_parse(vm, "linspace", args, nargs, kw, "start,stop|num,endpoint,retstep,dtype,axis", a) < 0) return val_null();
  double start, stop;
  int64_t num = 50;
  bool endpoint = true, retstep = false;
  if (obj_as_double(vm, a[0], &start) < 0 || obj_as_double(vm, a[1], &stop) < 0) return val_null();
  if (given(a[2]) && obj_as_index(vm, a[2], &num) < 0) return val_null();
  if (num < 0) return exc_set(vm, EXC_ValueError, "Number of samples, %lld, must be non-negative.", (long long)num);
  if (opt_bool(vm, a[3], &endpoint) < 0 || opt_bool(vm, a[4], &retstep) < 0) return val_null();
  ten_dtype dt = TEN_DTYPE_F64;
  if (np_arg_dtype(vm, a[5], &dt) < 0) return val_null();
  int64_t div = endpoint ? num - 1 : num;
  double delta = stop - start, step;
  ten_tensor *y = ten_empty(&num, 1, TEN_DTYPE_F64, TEN_CPU);
  if (!y) return exc_from_ten(vm);
  double *p = ten_data_ptr(y);
  if (div > 0) {
    step = delta / (double)div;
    for (int64_t i = 0; i < num; i++) p[i] = step == 0 ? ((double)i / (double)div) * delta : (double)i * step;
  } else {
    step = NAN;
    for (int64_t i = 0; i < num; i++) p[i] = (double)i * delta;
  }
  for (int64_t i = 0; i < num; i++) p[i] += start;
  if (endpoint && num > 1) p[num - 1] = stop;
  if (dt != TEN_DTYPE_F64) {
    if (!ten_dtype_is_float(dt))
      for (int64_t i = 0; i < num; i++) p[i] = floor(p[i]);
    ten_tensor *c = ten_to_dtype(y, dt, true);
    ten_release(y);
    y = c;
  }
  value arr = np_wrap(vm, y);
  if (VAL_IS_NULL(arr) || !retstep) return arr;
  obj_tuple *t = tuple_new(vm, 2);
  if (!t) {
    val_decref(arr);
    return val_null();
  }
  t->items[0] = arr;
  t->items[1] = np_scalar_new(vm, TEN_DTYPE_F64, step, 0);
  return val_obj(t);
}

static value f_eye(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  if (bi_parse(vm, "eye", args, nargs, kw, "N|M,k,dtype,order", a) < 0) return val_null();
  int64_t n, m, k = 0;
  if (obj_as_index(vm, a[0], &n) < 0) return val_null();
  m = n;
  if (given(a[1]) && obj_as_index(vm, a[1], &m) < 0) return val_null();
  if (given(a[2]) && obj_as_index(vm, a[2], &k) < 0) return val_null();
  ten_dtype dt = TEN_DTYPE_F64;
  if (np_arg_dtype(vm, a[3], &dt) < 0) return val_null();
  if (n < 0 || m < 0) return exc_set(vm, EXC_ValueError, "negative dimensions are not allowed");
  int64_t shape[2] = {n, m};
  ten_tensor *r = ten_zeros(shape, 2, dt, TEN_CPU);
  if (!r) return exc_from_ten(vm);
  for (int64_t i = 0; i < n; i++) {
    int64_t j = i + k;
    if (j >= 0 && j < m) {
      char *p = (char *)ten_data_ptr(r) + (i * m + j) * (int64_t)ten_dtype_size(dt);
      switch (dt) {
      case TEN_DTYPE_F64: *(double *)p = 1; break;
      case TEN_DTYPE_F32: *(float *)p = 1; break;
      case TEN_DTYPE_I64: *(int64_t *)p = 1; break;
      case TEN_DTYPE_I32: *(int32_t *)p = 1; break;
      case TEN_DTYPE_U8: *(uint8_t *)p = 1; break;
      default: *(bool *)p = true; break;
      }
    }
  }
  return np_wrap(vm, r);
}

static value f_identity(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "identity", args, nargs, kw, "n|dtype", a) < 0) return val_null();
  value args2[4] = {a[0], val_none(), val_int(0), VAL_IS_NULL(a[1]) ? val_none() : a[1]};
  return f_eye(vm, args2, 4, NULL);
}

/* ---- shape functions ---- */

static ten_tensor *arr_arg(lang_vm *vm, value v) { return np_to_tensor(vm, v, TEN_DTYPE_UNSET, false); }

static value f_reshape(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "reshape", args, nargs, kw, "a,newshape|order", a) < 0) return val_null();
  ten_tensor *t = arr_arg(vm, a[0]);
  if (!t) return val_null();
  value r = np_reshape_args(vm, t, &a[1], 1);
  ten_release(t);
  return r;
}

static value f_transpose(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "transpose", args, nargs, kw, "a|axes", a) < 0) return val_null();
  ten_tensor *t = arr_arg(vm, a[0]);
  if (!t) return val_null();
  int64_t axes[TEN_MAX_DIMS];
  int n = 0;
  if (given(a[1])) {
    n = arg_shape_value(vm, a[1], axes, "transpose");
    if (n < 0) {
      ten_release(t);
      return val_null();
    }
  }
  ten_tensor *r = np_transpose(vm, t, axes, n);
  ten_release(t);
  if (!r) return exc_pending(vm) ? val_null() : exc_from_ten(vm);
  return np_wrap(vm, r);
}

static value f_swapaxes(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "swapaxes", args, nargs, kw, "a,axis1,axis2", a) < 0) return val_null();
  int64_t x, y;
  ten_tensor *t = arr_arg(vm, a[0]);
  if (!t) return val_null();
  if (obj_as_index(vm, a[1], &x) < 0 || obj_as_index(vm, a[2], &y) < 0) {
    ten_release(t);
    return val_null();
  }
  value r = np_wrap(vm, ten_transpose(t, x, y));
  ten_release(t);
  return r;
}

static value f_moveaxis(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "moveaxis", args, nargs, kw, "a,source,destination", a) < 0) return val_null();
  ten_tensor *t = arr_arg(vm, a[0]);
  if (!t) return val_null();
  int64_t src[TEN_MAX_DIMS], dst[TEN_MAX_DIMS];
  bool all;
  int ns = np_arg_axes(vm, a[1], t->ndim, src, &all), nd = ns >= 0 ? np_arg_axes(vm, a[2], t->ndim, dst, &all) : -1;
  if (ns < 0 || nd < 0) {
    ten_release(t);
    return val_null();
  }
  if (ns != nd) {
    ten_release(t);
    return exc_set(vm, EXC_ValueError, "`source` and `destination` arguments must have the same number of elements");
  }
  int64_t order[TEN_MAX_DIMS];
  int k = 0;
  for (int d = 0; d < t->ndim; d++) {
    bool moved = false;
    for (int i = 0; i < ns; i++)
      if (src[i] == d) moved = true;
    if (!moved) order[k++] = d;
  }
  /* insert sources at their destinations, in increasing destination order */
  int64_t final[TEN_MAX_DIMS];
  bool filled[TEN_MAX_DIMS] = {false};
  for (int i = 0; i < ns; i++) {
    final[dst[i]] = src[i];
    filled[dst[i]] = true;
  }
  int j = 0;
  for (int d = 0; d < t->ndim; d++)
    if (!filled[d]) final[d] = order[j++];
  value r = np_wrap(vm, ten_permute(t, final, t->ndim));
  ten_release(t);
  return r;
}

static value f_ravel(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "ravel", args, nargs, kw, "a|order", a) < 0) return val_null();
  ten_tensor *t = arr_arg(vm, a[0]);
  if (!t) return val_null();
  int64_t n = ten_numel(t);
  value r = np_wrap(vm, ten_reshape(t, &n, 1));
  ten_release(t);
  return r;
}

static value call_method(lang_vm *vm, const char *name, const value *args, int nargs, obj_tuple *kw) {
  if (nargs < 1) return exc_set(vm, EXC_TypeError, "%s() missing required argument 'a' (pos 1)", name);
  value arr;
  if (np_is_ndarray(args[0]) || np_is_scalar(args[0])) {
    arr = val_incref(args[0]);
  } else {
    arr = np_wrap(vm, arr_arg(vm, args[0]));
    if (VAL_IS_NULL(arr)) return arr;
  }
  value r = vm_call_method(vm, arr, str_intern(vm, name), args + 1, nargs - 1, kw);
  val_decref(arr);
  return r;
}

#define METHOD_FUNC(fname)                                                                         \
  static value f_##fname(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {              \
    return call_method(vm, #fname, args, nargs, kw);                                              \
  }
METHOD_FUNC(squeeze)
METHOD_FUNC(sum)
METHOD_FUNC(prod)
METHOD_FUNC(mean)
METHOD_FUNC(std)
METHOD_FUNC(var)
METHOD_FUNC(max)
METHOD_FUNC(min)
METHOD_FUNC(argmax)
METHOD_FUNC(argmin)
METHOD_FUNC(all)
METHOD_FUNC(any)
METHOD_FUNC(cumsum)
METHOD_FUNC(nonzero)
METHOD_FUNC(argsort)
#undef METHOD_FUNC

static value f_round(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return call_method(vm, "round", args, nargs, kw); }
static value f_clip(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[4];
  if (bi_parse(vm, "clip", args, nargs, kw, "a,a_min,a_max|out", a) < 0) return val_null();
  return np_clip(vm, a[0], a[1], a[2], a[3]);
}

static value f_sort(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "sort", args, nargs, kw, "a|axis,kind", a) < 0) return val_null();
  ten_tensor *t = arr_arg(vm, a[0]);
  if (!t) return val_null();
  ten_tensor *c;
  int64_t axis = -1;
  if (!VAL_IS_NULL(a[1]) && a[1].tag == VAL_NONE) {
    int64_t n = ten_numel(t);
    ten_tensor *f = ten_reshape(t, &n, 1);
    c = f ? ten_clone(f) : NULL;
    ten_release(f);
  } else {
    c = ten_clone(t);
    if (given(a[1])) {
      bool all;
      if (np_arg_axes(vm, a[1], t->ndim, &axis, &all) < 0) {
        ten_release(t);
        ten_release(c);
        return val_null();
      }
    }
  }
  ten_release(t);
  if (!c) return exc_from_ten(vm);
  if (c->ndim == 0) return np_wrap(vm, c);
  ten_tensor *vals = NULL, *idx = NULL;
  int rc = ten_sort(c, axis, false, &vals, &idx);
  ten_release(c);
  ten_release(idx);
  if (rc < 0) return exc_from_ten(vm);
  return np_wrap(vm, vals);
}

static value f_expand_dims(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "expand_dims", args, nargs, kw, "a,axis", a) < 0) return val_null();
  ten_tensor *t = arr_arg(vm, a[0]);
  if (!t) return val_null();
  int64_t axes[TEN_MAX_DIMS];
  int n;
  if (val_is_tuple(a[1]) || val_is_list(a[1])) {
    n = arg_shape_value(vm, a[1], axes, "expand_dims");
  } else {
    n = 1;
    if (obj_as_index(vm, a[1], &axes[0]) < 0) n = -1;
  }
  if (n < 0) {
    ten_release(t);
    return val_null();
  }
  int out_nd = t->ndim + n;
  bool isnew[TEN_MAX_DIMS] = {false};
  for (int i = 0; i < n; i++) {
    int64_t x = axes[i];
    if (x < -out_nd || x >= out_nd) {
      ten_release(t);
      return exc_set(vm, EXC_IndexError, "axis %lld is out of bounds for array of dimension %d", (long long)x, out_nd);
    }
    if (x < 0) x += out_nd;
    if (isnew[x]) {
      ten_release(t);
      return exc_set(vm, EXC_ValueError, "repeated axis");
    }
    isnew[x] = true;
  }
  int64_t shape[TEN_MAX_DIMS];
  int j = 0;
  for (int d = 0; d < out_nd; d++) shape[d] = isnew[d] ? 1 : t->shape[j++];
  value r = np_wrap(vm, ten_reshape(t, shape, out_nd));
  ten_release(t);
  return r;
}

/* the arrays of a sequence argument (tuple/list/ndarray), converted; *n set. */
static ten_tensor **array_list(lang_vm *vm, value seq, int *n) {
  obj_list *l = obj_to_list(vm, seq);
  if (!l) return NULL;
  ten_tensor **ts = calloc((size_t)(l->len ? l->len : 1), sizeof *ts);
  if (!ts) {
    obj_decref(l);
    exc_nomem(vm);
    return NULL;
  }
  for (int64_t i = 0; i < l->len; i++) {
    ts[i] = arr_arg(vm, l->items[i]);
    if (!ts[i]) {
      for (int64_t j = 0; j < i; j++) ten_release(ts[j]);
      free(ts);
      obj_decref(l);
      return NULL;
    }
  }
  *n = (int)l->len;
  obj_decref(l);
  return ts;
}
static void array_list_free(ten_tensor **ts, int n) {
  for (int i = 0; i < n; i++) ten_release(ts[i]);
  free(ts);
}

static ten_tensor *cast_all(lang_vm *vm, ten_tensor **ts, int n) {
  if (n == 0) {
    exc_set(vm, EXC_ValueError, "need at least one array to concatenate");
    return NULL;
  }
  ten_dtype dt = ts[0]->dtype;
  for (int i = 1; i < n; i++) dt = np_promote(dt, ts[i]->dtype);
  for (int i = 0; i < n; i++)
    if (ts[i]->dtype != dt) {
      ten_tensor *c = ten_to_dtype(ts[i], dt, true);
      if (!c) return np_fail(vm);
      ten_release(ts[i]);
      ts[i] = c;
    }
  return ts[0];
}

static ten_tensor *concat_impl(lang_vm *vm, ten_tensor **ts, int n, int64_t axis, bool flatten) {
  if (!cast_all(vm, ts, n)) return NULL;
  if (flatten) {
    for (int i = 0; i < n; i++) {
      int64_t m = ten_numel(ts[i]);
      ten_tensor *f = ten_reshape(ts[i], &m, 1);
      if (!f) return np_fail(vm);
      ten_release(ts[i]);
      ts[i] = f;
    }
    axis = 0;
  }
  int nd = ts[0]->ndim;
  if (nd == 0) {
    exc_set(vm, EXC_ValueError, "zero-dimensional arrays cannot be concatenated");
    return NULL;
  }
  if (axis < -nd || axis >= nd) {
    exc_set(vm, EXC_IndexError, "axis %lld is out of bounds for array of dimension %d", (long long)axis, nd);
    return NULL;
  }
  if (axis < 0) axis += nd;
  for (int i = 1; i < n; i++) {
    if (ts[i]->ndim != nd) {
      exc_set(vm, EXC_ValueError, "all the input array dimensions except for the concatenation axis must match exactly, but "
                                  "along dimension 0, the array at index 0 has %d dimension(s) and the array at index %d has %d dimension(s)",
              nd, i, ts[i]->ndim);
      /* NumPy's wording for a dimension-count mismatch */
      exc_clear(vm);
      exc_set(vm, EXC_ValueError, "all the input arrays must have same number of dimensions, but the array at index 0 has %d "
                                  "dimension(s) and the array at index %d has %d dimension(s)",
              nd, i, ts[i]->ndim);
      return NULL;
    }
    for (int d = 0; d < nd; d++)
      if (d != axis && ts[i]->shape[d] != ts[0]->shape[d]) {
        exc_set(vm, EXC_ValueError, "all the input array dimensions except for the concatenation axis must match exactly, but "
                                    "along dimension %d, the array at index 0 has size %lld and the array at index %d has size %lld",
                d, (long long)ts[0]->shape[d], i, (long long)ts[i]->shape[d]);
        return NULL;
      }
  }
  ten_tensor *r = ten_cat(ts, n, axis);
  return r ? r : np_fail(vm);
}

static value f_concatenate(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[4];
  if (bi_parse(vm, "concatenate", args, nargs, kw, "arrays|axis,out,dtype", a) < 0) return val_null();
  int64_t axis = 0;
  bool flatten = !VAL_IS_NULL(a[1]) && a[1].tag == VAL_NONE;
  if (given(a[1]) && obj_as_index(vm, a[1], &axis) < 0) return val_null();
  int n;
  ten_tensor **ts = array_list(vm, a[0], &n);
  if (!ts) return val_null();
  ten_tensor *r = concat_impl(vm, ts, n, axis, flatten);
  array_list_free(ts, n);
  return r ? np_wrap(vm, r) : val_null();
}

static value f_stack(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "stack", args, nargs, kw, "arrays|axis,out", a) < 0) return val_null();
  int64_t axis = 0;
  if (given(a[1]) && obj_as_index(vm, a[1], &axis) < 0) return val_null();
  int n;
  ten_tensor **ts = array_list(vm, a[0], &n);
  if (!ts) return val_null();
  ten_tensor *r = NULL;
  if (n == 0) {
    exc_set(vm, EXC_ValueError, "need at least one array to stack");
  } else if (cast_all(vm, ts, n)) {
    for (int i = 1; i < n && !exc_pending(vm); i++) {
      bool same = ts[i]->ndim == ts[0]->ndim;
      for (int d = 0; same && d < ts[0]->ndim; d++) same = ts[i]->shape[d] == ts[0]->shape[d];
      if (!same) exc_set(vm, EXC_ValueError, "all input arrays must have the same shape");
    }
    if (!exc_pending(vm)) {
      int nd = ts[0]->ndim + 1;
      if (axis < -nd || axis >= nd) exc_set(vm, EXC_IndexError, "axis %lld is out of bounds for array of dimension %d", (long long)axis, nd);
      else {
        r = ten_stack(ts, n, axis < 0 ? axis + nd : axis);
        if (!r) np_fail(vm);
      }
    }
  }
  array_list_free(ts, n);
  return r ? np_wrap(vm, r) : val_null();
}

/* vstack: atleast_2d then axis 0; hstack: atleast_1d then axis 1 (0 for 1-d) */
static value stack_family(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, const char *fn, int kind) {
  value a[2];
  if (bi_parse(vm, fn, args, nargs, kw, "tup|dtype", a) < 0) return val_null();
  int n;
  ten_tensor **ts = array_list(vm, a[0], &n);
  if (!ts) return val_null();
  for (int i = 0; i < n; i++) {
    ten_tensor *t = ts[i], *r = NULL;
    if (kind == 0 && t->ndim < 2) {
      int64_t shape[2] = {1, t->ndim == 1 ? t->shape[0] : 1};
      r = ten_reshape(t, shape, 2);
    } else if (kind != 0 && t->ndim == 0) {
      int64_t one = 1;
      r = ten_reshape(t, &one, 1);
    } else if (kind == 2 && t->ndim == 1) {
      int64_t shape[2] = {t->shape[0], 1};
      r = ten_reshape(t, shape, 2);
    }
    if (r) {
      ten_release(ts[i]);
      ts[i] = r;
    }
  }
  int64_t axis = kind == 0 ? 0 : (n > 0 && ts[0]->ndim == 1) ? 0 : 1;
  ten_tensor *r = n == 0 ? (exc_set(vm, EXC_ValueError, "need at least one array to concatenate"), NULL)
                         : concat_impl(vm, ts, n, axis, false);
  array_list_free(ts, n);
  return r ? np_wrap(vm, r) : val_null();
}
static value f_vstack(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return stack_family(vm, a, n, kw, "vstack", 0); }
static value f_hstack(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return stack_family(vm, a, n, kw, "hstack", 1); }
static value f_column_stack(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return stack_family(vm, a, n, kw, "column_stack", 2); }

static value f_flip(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "flip", args, nargs, kw, "m|axis", a) < 0) return val_null();
  ten_tensor *t = arr_arg(vm, a[0]);
  if (!t) return val_null();
  int64_t axes[TEN_MAX_DIMS];
  bool all;
  int n = np_arg_axes(vm, a[1], t->ndim, axes, &all);
  if (n < 0) {
    ten_release(t);
    return val_null();
  }
  if (all)
    for (int d = 0; d < t->ndim; d++) axes[n++] = d;
  /* a view with negative strides, as NumPy */
  ten_tensor *r = ten_alias(t);
  for (int i = 0; r && i < n; i++) {
    int d = (int)axes[i];
    if (r->shape[d] > 0) r->offset += (r->shape[d] - 1) * r->stride[d];
    r->stride[d] = -r->stride[d];
  }
  ten_release(t);
  return np_wrap(vm, r);
}

static value f_where(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs == 1) return call_method(vm, "nonzero", args, 1, kw);
  if (nargs != 3) return exc_set(vm, EXC_ValueError, "either both or neither of x and y should be given");
  ten_tensor *c = np_to_tensor(vm, args[0], TEN_DTYPE_BOOL, true);
  if (!c) return val_null();
  np_operand x, y;
  if (np_operand_of(vm, args[1], &x) < 0) {
    ten_release(c);
    return val_null();
  }
  if (np_operand_of(vm, args[2], &y) < 0) {
    ten_release(c);
    np_operand_clear(&x);
    return val_null();
  }
  np_operand ops[2] = {x, y};
  ten_dtype dt = np_result_type(ops, 2);
  ten_tensor *xa = ten_to_dtype(x.t, dt, false), *ya = xa ? ten_to_dtype(y.t, dt, false) : NULL;
  ten_tensor *r = ya ? ten_where(c, xa, ya) : NULL;
  ten_release(xa);
  ten_release(ya);
  ten_release(c);
  np_operand_clear(&x);
  np_operand_clear(&y);
  return r ? np_wrap_result(vm, r) : exc_from_ten(vm);
}

static value f_dot(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "dot", args, nargs, kw, "a,b|out", a) < 0) return val_null();
  return np_dot(vm, a[0], a[1], false);
}
static value f_matmul(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "matmul", args, nargs, kw, "x1,x2|out", a) < 0) return val_null();
  return np_dot(vm, a[0], a[1], true);
}
static value f_outer(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "outer", args, nargs, kw, "a,b|out", a) < 0) return val_null();
  ten_tensor *x = arr_arg(vm, a[0]), *y = x ? arr_arg(vm, a[1]) : NULL;
  if (!y) {
    ten_release(x);
    return val_null();
  }
  int64_t nx = ten_numel(x), ny = ten_numel(y);
  ten_tensor *xr = ten_reshape(x, (int64_t[]){nx, 1}, 2), *yr = ten_reshape(y, (int64_t[]){1, ny}, 2);
  ten_release(x);
  ten_release(y);
  value xv = np_wrap(vm, xr), yv = VAL_IS_NULL(xv) ? val_null() : np_wrap(vm, yr);
  if (VAL_IS_NULL(yv)) {
    val_decref(xv);
    return val_null();
  }
  value r = np_binary(vm, NP_MUL, xv, yv, val_null());
  val_decref(xv);
  val_decref(yv);
  return r;
}

/* ---- ufuncs as functions ---- */

static value ufunc2(lang_vm *vm, np_binop op, const char *name, const value *args, int nargs, obj_tuple *kw) {
  value a[4];
  if (bi_parse(vm, name, args, nargs, kw, "x1,x2|out,$dtype", a) < 0) return val_null();
  value out = a[2];
  if (val_is_tuple(out) && VAL_TUPLE(out)->len == 1) out = VAL_TUPLE(out)->items[0];
  return np_binary(vm, op, a[0], a[1], out);
}
static value ufunc1(lang_vm *vm, np_unop op, const char *name, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, name, args, nargs, kw, "x|out,$dtype", a) < 0) return val_null();
  value out = a[1];
  if (val_is_tuple(out) && VAL_TUPLE(out)->len == 1) out = VAL_TUPLE(out)->items[0];
  return np_unary(vm, op, a[0], out);
}

#define UFUNC2(cname, pyname, op)                                                                  \
  static value f_##cname(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {              \
    return ufunc2(vm, op, pyname, args, nargs, kw);                                               \
  }
UFUNC2(add, "add", NP_ADD)
UFUNC2(subtract, "subtract", NP_SUB)
UFUNC2(multiply, "multiply", NP_MUL)
UFUNC2(divide, "divide", NP_TRUEDIV)
UFUNC2(floor_divide, "floor_divide", NP_FLOORDIV)
UFUNC2(remainder, "remainder", NP_MOD)
UFUNC2(power, "power", NP_POW)
UFUNC2(maximum, "maximum", NP_MAXIMUM)
UFUNC2(minimum, "minimum", NP_MINIMUM)
UFUNC2(fmax, "fmax", NP_FMAX)
UFUNC2(fmin, "fmin", NP_FMIN)
UFUNC2(equal, "equal", NP_EQ)
UFUNC2(not_equal, "not_equal", NP_NE)
UFUNC2(less, "less", NP_LT)
UFUNC2(less_equal, "less_equal", NP_LE)
UFUNC2(greater, "greater", NP_GT)
UFUNC2(greater_equal, "greater_equal", NP_GE)
UFUNC2(logical_and, "logical_and", NP_LOGICAL_AND)
UFUNC2(logical_or, "logical_or", NP_LOGICAL_OR)
UFUNC2(logical_xor, "logical_xor", NP_LOGICAL_XOR)
UFUNC2(bitwise_and, "bitwise_and", NP_AND)
UFUNC2(bitwise_or, "bitwise_or", NP_OR)
UFUNC2(bitwise_xor, "bitwise_xor", NP_XOR)
UFUNC2(arctan2, "arctan2", NP_ARCTAN2)
UFUNC2(hypot, "hypot", NP_HYPOT)
#undef UFUNC2

#define UFUNC1(cname, pyname, op)                                                                  \
  static value f_##cname(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {              \
    return ufunc1(vm, op, pyname, args, nargs, kw);                                               \
  }
UFUNC1(negative, "negative", NP_NEG)
UFUNC1(positive, "positive", NP_POS)
UFUNC1(absolute, "absolute", NP_ABS)
UFUNC1(square, "square", NP_SQUARE)
UFUNC1(sqrt, "sqrt", NP_SQRT)
UFUNC1(exp, "exp", NP_EXP)
UFUNC1(exp2, "exp2", NP_EXP2)
UFUNC1(expm1, "expm1", NP_EXPM1)
UFUNC1(log, "log", NP_LOG)
UFUNC1(log2, "log2", NP_LOG2)
UFUNC1(log10, "log10", NP_LOG10)
UFUNC1(log1p, "log1p", NP_LOG1P)
UFUNC1(sin, "sin", NP_SIN)
UFUNC1(cos, "cos", NP_COS)
UFUNC1(tan, "tan", NP_TAN)
UFUNC1(arcsin, "arcsin", NP_ARCSIN)
UFUNC1(arccos, "arccos", NP_ARCCOS)
UFUNC1(arctan, "arctan", NP_ARCTAN)
UFUNC1(sinh, "sinh", NP_SINH)
UFUNC1(cosh, "cosh", NP_COSH)
UFUNC1(tanh, "tanh", NP_TANH)
UFUNC1(floor, "floor", NP_FLOOR)
UFUNC1(ceil, "ceil", NP_CEIL)
UFUNC1(trunc, "trunc", NP_TRUNC)
UFUNC1(rint, "rint", NP_RINT)
UFUNC1(sign, "sign", NP_SIGN)
UFUNC1(reciprocal, "reciprocal", NP_RECIPROCAL)
UFUNC1(invert, "invert", NP_INVERT)
UFUNC1(logical_not, "logical_not", NP_LOGICAL_NOT)
UFUNC1(isnan, "isnan", NP_ISNAN)
UFUNC1(isinf, "isinf", NP_ISINF)
UFUNC1(isfinite, "isfinite", NP_ISFINITE)
UFUNC1(cbrt, "cbrt", NP_CBRT)
UFUNC1(signbit, "signbit", NP_SIGNBIT)
#undef UFUNC1

static value f_fabs(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value r = ufunc1(vm, NP_ABS, "fabs", args, nargs, kw);
  ten_tensor *t = np_borrow(r);
  if (t && !ten_dtype_is_float(t->dtype)) {
    ten_tensor *c = ten_to_dtype(t, TEN_DTYPE_F64, true);
    val_decref(r);
    return np_wrap_result(vm, c);
  }
  return r;
}

/* ---- comparisons of whole arrays ---- */

static ten_tensor *isclose_tensor(lang_vm *vm, value av, value bv, double rtol, double atol, bool equal_nan) {
  np_operand x, y;
  if (np_operand_of(vm, av, &x) < 0) return NULL;
  if (np_operand_of(vm, bv, &y) < 0) {
    np_operand_clear(&x);
    return NULL;
  }
  int64_t shape[TEN_MAX_DIMS];
  int nd = x.t->ndim > y.t->ndim ? x.t->ndim : y.t->ndim;
  ten_tensor *r = NULL;
  if (ten_broadcast_shapes(x.t->shape, x.t->ndim, y.t->shape, y.t->ndim, shape, &nd) < 0) {
    ten_error_clear();
    exc_set(vm, EXC_ValueError, "operands could not be broadcast together");
  } else {
    ten_tensor *ex = ten_broadcast_to(x.t, shape, nd), *ey = ten_broadcast_to(y.t, shape, nd);
    r = ten_empty(shape, nd, TEN_DTYPE_BOOL, TEN_CPU);
    if (ex && ey && r) {
      int64_t n = ten_numel(r);
      bool *o = ten_data_ptr(r);
      for (int64_t k = 0; k < n; k++) {
        double a = ten_get_double(ex, k), b = ten_get_double(ey, k);
        bool c;
        if (isfinite(a) && isfinite(b)) c = fabs(a - b) <= atol + rtol * fabs(b);
        else if (isnan(a) || isnan(b)) c = equal_nan && isnan(a) && isnan(b);
        else c = a == b;
        o[k] = c;
      }
    } else {
      ten_release(r);
      r = NULL;
      exc_from_ten(vm);
    }
    ten_release(ex);
    ten_release(ey);
  }
  np_operand_clear(&x);
  np_operand_clear(&y);
  return r;
}

static int tol_args(lang_vm *vm, const char *fn, const value *args, int nargs, obj_tuple *kw, value *a, double *rtol,
                    double *atol, bool *equal_nan) {
  if (bi_parse(vm, fn, args, nargs, kw, "a,b|rtol,atol,equal_nan", a) < 0) return -1;
  *rtol = 1e-05;
  *atol = 1e-08;
  *equal_nan = false;
  if (given(a[2]) && obj_as_double(vm, a[2], rtol) < 0) return -1;
  if (given(a[3]) && obj_as_double(vm, a[3], atol) < 0) return -1;
  return opt_bool(vm, a[4], equal_nan);
}

static value f_isclose(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  double rtol, atol;
  bool en;
  if (tol_args(vm, "isclose", args, nargs, kw, a, &rtol, &atol, &en) < 0) return val_null();
  ten_tensor *r = isclose_tensor(vm, a[0], a[1], rtol, atol, en);
  return r ? np_wrap_result(vm, r) : val_null();
}

static value f_allclose(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  double rtol, atol;
  bool en;
  if (tol_args(vm, "allclose", args, nargs, kw, a, &rtol, &atol, &en) < 0) return val_null();
  ten_tensor *r = isclose_tensor(vm, a[0], a[1], rtol, atol, en);
  if (!r) return val_null();
  bool all = true;
  int64_t n = ten_numel(r);
  const bool *p = ten_data_ptr(r);
  for (int64_t k = 0; k < n; k++)
    if (!p[k]) all = false;
  ten_release(r);
  return val_bool(all);
}

static value f_array_equal(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "array_equal", args, nargs, kw, "a1,a2|equal_nan", a) < 0) return val_null();
  ten_tensor *x = arr_arg(vm, a[0]), *y = x ? arr_arg(vm, a[1]) : NULL;
  if (!y) {
    ten_release(x);
    return val_null();
  }
  bool eq = x->ndim == y->ndim;
  for (int d = 0; eq && d < x->ndim; d++) eq = x->shape[d] == y->shape[d];
  int64_t n = ten_numel(x);
  for (int64_t k = 0; eq && k < n; k++) eq = ten_get_double(x, k) == ten_get_double(y, k);
  ten_release(x);
  ten_release(y);
  return val_bool(eq);
}

static value f_count_nonzero(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "count_nonzero", args, nargs, kw, "a|axis,keepdims", a) < 0) return val_null();
  ten_tensor *t = np_to_tensor(vm, a[0], TEN_DTYPE_BOOL, true);
  if (!t) return val_null();
  int64_t axes[TEN_MAX_DIMS];
  bool all;
  int n = np_arg_axes(vm, a[1], t->ndim, axes, &all);
  ten_tensor *r = n >= 0 ? np_reduce(vm, NP_RED_SUM, t, axes, n, all, false, TEN_DTYPE_I64) : NULL;
  ten_release(t);
  if (!r) return val_null();
  if (all) {
    int64_t v = ten_get_int(r, 0);
    ten_release(r);
    return val_int(v);
  }
  return np_wrap_result(vm, r);
}

static value f_unique(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  if (bi_parse(vm, "unique", args, nargs, kw, "ar|return_index,return_inverse,return_counts,axis", a) < 0) return val_null();
  bool want_counts = false;
  if (opt_bool(vm, a[3], &want_counts) < 0) return val_null();
  ten_tensor *t = arr_arg(vm, a[0]);
  if (!t) return val_null();
  int64_t n = ten_numel(t);
  ten_tensor *flat = ten_reshape(t, &n, 1);
  ten_release(t);
  ten_tensor *vals = NULL, *idx = NULL;
  if (!flat || ten_sort(flat, 0, false, &vals, &idx) < 0) {
    ten_release(flat);
    return exc_from_ten(vm);
  }
  ten_release(flat);
  ten_release(idx);
  int64_t m = 0;
  int64_t *keep = malloc(sizeof(int64_t) * (size_t)(n ? n : 1));
  int64_t *counts = malloc(sizeof(int64_t) * (size_t)(n ? n : 1));
  if (!keep || !counts) {
    free(keep);
    free(counts);
    ten_release(vals);
    return exc_nomem(vm);
  }
  for (int64_t k = 0; k < n; k++) {
    double v = ten_get_double(vals, k);
    if (k == 0 || !(v == ten_get_double(vals, k - 1) || (isnan(v) && isnan(ten_get_double(vals, k - 1))))) {
      keep[m] = k;
      counts[m++] = 1;
    } else {
      counts[m - 1]++;
    }
  }
  ten_tensor *ix = ten_from_buffer(keep, TEN_DTYPE_I64, &m, 1, TEN_DTYPE_I64, TEN_CPU);
  ten_tensor *u = ix ? ten_index_select(vals, 0, ix) : NULL;
  ten_tensor *ct = want_counts ? ten_from_buffer(counts, TEN_DTYPE_I64, &m, 1, TEN_DTYPE_I64, TEN_CPU) : NULL;
  free(keep);
  free(counts);
  ten_release(ix);
  ten_release(vals);
  value uv = np_wrap(vm, u);
  if (!want_counts || VAL_IS_NULL(uv)) {
    ten_release(ct);
    return uv;
  }
  value cv = np_wrap(vm, ct);
  if (VAL_IS_NULL(cv)) {
    val_decref(uv);
    return cv;
  }
  obj_tuple *res = tuple_new(vm, 2);
  if (!res) {
    val_decref(uv);
    val_decref(cv);
    return val_null();
  }
  res->items[0] = uv;
  res->items[1] = cv;
  return val_obj(res);
}

/* ---- introspection ---- */

static value f_shape(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "shape", nargs, 1, 1) < 0) return val_null();
  ten_tensor *t = arr_arg(vm, args[0]);
  if (!t) return val_null();
  obj_tuple *r = tuple_new(vm, t->ndim);
  if (r)
    for (int d = 0; d < t->ndim; d++) r->items[d] = val_int(t->shape[d]);
  ten_release(t);
  return r ? val_obj(r) : val_null();
}
static value f_ndim(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "ndim", nargs, 1, 1) < 0) return val_null();
  ten_tensor *t = arr_arg(vm, args[0]);
  if (!t) return val_null();
  int nd = t->ndim;
  ten_release(t);
  return val_int(nd);
}
static value f_size(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "size", args, nargs, kw, "a|axis", a) < 0) return val_null();
  ten_tensor *t = arr_arg(vm, a[0]);
  if (!t) return val_null();
  int64_t n = ten_numel(t);
  if (given(a[1])) {
    int64_t axes[TEN_MAX_DIMS];
    bool all;
    if (np_arg_axes(vm, a[1], t->ndim, axes, &all) < 0) {
      ten_release(t);
      return val_null();
    }
    n = t->shape[axes[0]];
  }
  ten_release(t);
  return val_int(n);
}
static value f_isscalar(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "isscalar", nargs, 1, 1) < 0) return val_null();
  return val_bool(val_is_number(args[0]) || np_is_scalar(args[0]) || val_is_str(args[0]));
}

static value f_result_type(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  np_operand ops[8];
  if (nargs < 1 || nargs > 8) return exc_set(vm, EXC_ValueError, "at least one array or dtype is required");
  for (int i = 0; i < nargs; i++) {
    ten_dtype dt = TEN_DTYPE_UNSET;
    if (args[i].tag == VAL_OBJ && (args[i].u.o->type == &type_npdtype || val_is_type(args[i]))) {
      if (np_arg_dtype(vm, args[i], &dt) < 0) {
        for (int j = 0; j < i; j++) np_operand_clear(&ops[j]);
        return val_null();
      }
      memset(&ops[i], 0, sizeof ops[i]);
      ops[i].t = ten_empty((int64_t[]){0}, 1, dt, TEN_CPU);
      continue;
    }
    if (np_operand_of(vm, args[i], &ops[i]) < 0) {
      for (int j = 0; j < i; j++) np_operand_clear(&ops[j]);
      return val_null();
    }
  }
  ten_dtype r = np_result_type(ops, nargs);
  for (int i = 0; i < nargs; i++) np_operand_clear(&ops[i]);
  return np_dtype_value(r);
}

static value f_promote_types(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_dtype a = TEN_DTYPE_UNSET, b = TEN_DTYPE_UNSET;
  if (bi_check_nargs(vm, "promote_types", nargs, 2, 2) < 0 || np_arg_dtype(vm, args[0], &a) < 0 ||
      np_arg_dtype(vm, args[1], &b) < 0)
    return val_null();
  return np_dtype_value(np_promote(a, b));
}

extern obj_type type_np_generic, type_np_number, type_np_integer, type_np_signedinteger, type_np_unsignedinteger,
    type_np_inexact, type_np_floating;

static value f_issubdtype(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "issubdtype", nargs, 2, 2) < 0) return val_null();
  ten_dtype a = TEN_DTYPE_UNSET;
  if (np_arg_dtype(vm, args[0], &a) < 0) return val_null();
  obj_type *t = np_scalar_type(a);
  if (val_is_type(args[1])) {
    obj_type *b = VAL_TYPE(args[1]);
    if (b == &type_float) b = np_scalar_type(TEN_DTYPE_F64);
    else if (b == &type_int) b = np_scalar_type(TEN_DTYPE_I64);
    else if (b == &type_bool) b = np_scalar_type(TEN_DTYPE_BOOL);
    return val_bool(type_is_subtype(t, b));
  }
  ten_dtype b = TEN_DTYPE_UNSET;
  if (np_arg_dtype(vm, args[1], &b) < 0) return val_null();
  return val_bool(a == b);
}

/* np.finfo(dtype) / np.iinfo(dtype): objects with the limits as attributes */
static value make_info(lang_vm *vm, const char *cls, ten_dtype dt) {
  obj_dict *ns = dict_new(vm);
  if (!ns) return val_null();
  value res = val_null();
  obj_type *t = type_new(vm, str_intern(vm, cls), &type_object, ns);
  if (t) {
    value inst = vm_call0(vm, val_obj(t));
    if (!VAL_IS_NULL(inst)) {
      obj_dict *d = obj_instance_dict(vm, inst, true);
      int rc = 0;
      if (ten_dtype_is_float(dt)) {
        bool f32 = dt == TEN_DTYPE_F32;
        double eps = f32 ? 1.1920928955078125e-07 : 2.220446049250313e-16;
        double mx = f32 ? 3.4028234663852886e+38 : 1.7976931348623157e+308;
        double tiny = f32 ? 1.1754943508222875e-38 : 2.2250738585072014e-308;
        double res_ = f32 ? 1e-06 : 1e-15;
        rc |= module_add_value(vm, d, "eps", np_scalar_new(vm, dt, eps, 0)) < 0;
        rc |= module_add_value(vm, d, "max", np_scalar_new(vm, dt, mx, 0)) < 0;
        rc |= module_add_value(vm, d, "min", np_scalar_new(vm, dt, -mx, 0)) < 0;
        rc |= module_add_value(vm, d, "tiny", np_scalar_new(vm, dt, tiny, 0)) < 0;
        rc |= module_add_value(vm, d, "smallest_normal", np_scalar_new(vm, dt, tiny, 0)) < 0;
        rc |= module_add_value(vm, d, "resolution", np_scalar_new(vm, dt, res_, 0)) < 0;
        rc |= dict_set_cstr(vm, d, "bits", val_int(f32 ? 32 : 64)) < 0;
        rc |= dict_set_cstr(vm, d, "dtype", np_dtype_value(dt)) < 0;
      } else {
        int64_t mn = dt == TEN_DTYPE_I64 ? INT64_MIN : dt == TEN_DTYPE_I32 ? INT32_MIN : 0;
        int64_t mx = dt == TEN_DTYPE_I64 ? INT64_MAX : dt == TEN_DTYPE_I32 ? INT32_MAX : dt == TEN_DTYPE_U8 ? 255 : 1;
        rc |= dict_set_cstr(vm, d, "min", val_int(mn)) < 0;
        rc |= dict_set_cstr(vm, d, "max", val_int(mx)) < 0;
        rc |= dict_set_cstr(vm, d, "bits", val_int((int64_t)ten_dtype_size(dt) * 8)) < 0;
        rc |= dict_set_cstr(vm, d, "dtype", np_dtype_value(dt)) < 0;
      }
      if (rc) {
        val_decref(inst);
      } else {
        res = inst;
      }
    }
    obj_decref(t);
  }
  obj_decref(ns);
  return res;
}

static value f_finfo(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "finfo", nargs, 1, 1) < 0) return val_null();
  ten_dtype dt = TEN_DTYPE_UNSET;
  ten_tensor *t = np_borrow(args[0]);
  if (t) dt = t->dtype;
  else if (np_arg_dtype(vm, args[0], &dt) < 0) return val_null();
  if (!ten_dtype_is_float(dt)) return exc_set(vm, EXC_ValueError, "data type <class 'numpy.%s'> not inexact", np_dtype_name(dt));
  return make_info(vm, "finfo", dt);
}
static value f_iinfo(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "iinfo", nargs, 1, 1) < 0) return val_null();
  ten_dtype dt = TEN_DTYPE_UNSET;
  ten_tensor *t = np_borrow(args[0]);
  if (t) dt = t->dtype;
  else if (np_arg_dtype(vm, args[0], &dt) < 0) return val_null();
  if (ten_dtype_is_float(dt) || dt == TEN_DTYPE_BOOL)
    return exc_set(vm, EXC_ValueError, "Invalid integer data type '%s'.", dt == TEN_DTYPE_BOOL ? "b" : "f");
  return make_info(vm, "iinfo", dt);
}

/* ---- printing ---- */

static value f_set_printoptions(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[11];
  if (bi_parse(vm, "set_printoptions", args, nargs, kw,
               "|precision,threshold,edgeitems,linewidth,suppress,nanstr,infstr,formatter,sign,floatmode,$legacy", a) < 0)
    return val_null();
  np_print_opts o = np_printopts;
  int64_t v;
  double d;
  if (given(a[0])) {
    if (obj_as_index(vm, a[0], &v) < 0) {
      exc_clear(vm);
      return exc_set(vm, EXC_TypeError, "precision must be an integer");
    }
    o.precision = (int)v;
  }
  if (given(a[1])) {
    if (!val_is_number(a[1])) return exc_set(vm, EXC_TypeError, "threshold must be numeric");
    if (obj_as_double(vm, a[1], &d) < 0) return val_null();
    if (isnan(d)) return exc_set(vm, EXC_ValueError, "threshold must be non-NAN, try sys.maxsize for untruncated representation");
    o.threshold = d > 9e18 ? INT64_MAX : (int64_t)d;
  }
  if (given(a[2])) {
    if (obj_as_index(vm, a[2], &v) < 0) return val_null();
    o.edgeitems = (int)v;
  }
  if (given(a[3])) {
    if (obj_as_index(vm, a[3], &v) < 0) return val_null();
    o.linewidth = (int)v;
  }
  if (given(a[4])) {
    int t = obj_truth(vm, a[4]);
    if (t < 0) return val_null();
    o.suppress = t;
  }
  if (given(a[5])) {
    obj_str *s = bi_to_str(vm, a[5], "set_printoptions", "nanstr");
    if (!s) return val_null();
    snprintf(o.nanstr, sizeof o.nanstr, "%s", s->data);
  }
  if (given(a[6])) {
    obj_str *s = bi_to_str(vm, a[6], "set_printoptions", "infstr");
    if (!s) return val_null();
    snprintf(o.infstr, sizeof o.infstr, "%s", s->data);
  }
  if (given(a[7])) return exc_set(vm, EXC_NotImplementedError, "ctorch's numpy: set_printoptions(formatter=) is not supported");
  if (given(a[8])) {
    obj_str *s = bi_to_str(vm, a[8], "set_printoptions", "sign");
    if (!s) return val_null();
    if (strcmp(s->data, "-") && strcmp(s->data, "+") && strcmp(s->data, " "))
      return exc_set(vm, EXC_ValueError, "sign option must be one of ' ', '+', or '-'");
    o.sign = s->data[0];
  }
  if (given(a[9])) {
    obj_str *s = bi_to_str(vm, a[9], "set_printoptions", "floatmode");
    if (!s) return val_null();
    if (!strcmp(s->data, "fixed")) o.floatmode = NP_FLOATMODE_FIXED;
    else if (!strcmp(s->data, "unique")) o.floatmode = NP_FLOATMODE_UNIQUE;
    else if (!strcmp(s->data, "maxprec")) o.floatmode = NP_FLOATMODE_MAXPREC;
    else if (!strcmp(s->data, "maxprec_equal")) o.floatmode = NP_FLOATMODE_MAXPREC_EQUAL;
    else return exc_set(vm, EXC_ValueError, "floatmode option must be one of \"fixed\", \"unique\", \"maxprec\", \"maxprec_equal\"");
  }
  np_printopts = o;
  return val_none();
}

static value f_get_printoptions(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_dict *d = dict_new(vm);
  if (!d) return val_null();
  const np_print_opts *o = &np_printopts;
  static const char *const modes[] = {"fixed", "unique", "maxprec", "maxprec_equal"};
  char sign[2] = {o->sign, 0};
  int rc = 0;
  rc |= dict_set_cstr(vm, d, "edgeitems", val_int(o->edgeitems)) < 0;
  rc |= dict_set_cstr(vm, d, "threshold", val_int(o->threshold)) < 0;
  rc |= dict_set_cstr(vm, d, "floatmode", val_obj(str_intern(vm, modes[o->floatmode]))) < 0;
  rc |= dict_set_cstr(vm, d, "precision", val_int(o->precision)) < 0;
  rc |= dict_set_cstr(vm, d, "suppress", val_bool(o->suppress)) < 0;
  rc |= dict_set_cstr(vm, d, "linewidth", val_int(o->linewidth)) < 0;
  rc |= dict_set_cstr(vm, d, "nanstr", val_obj(str_intern(vm, o->nanstr))) < 0;
  rc |= dict_set_cstr(vm, d, "infstr", val_obj(str_intern(vm, o->infstr))) < 0;
  rc |= dict_set_cstr(vm, d, "sign", val_obj(str_intern(vm, sign))) < 0;
  rc |= dict_set_cstr(vm, d, "formatter", val_none()) < 0;
  rc |= dict_set_cstr(vm, d, "legacy", val_bool(false)) < 0;
  if (rc) {
    obj_decref(d);
    return val_null();
  }
  return val_obj(d);
}

/* with np.printoptions(precision=3): ... */
typedef struct obj_printopts_cm { obj hdr; np_print_opts saved, want; } obj_printopts_cm;
static obj_type type_printopts_cm;
static value cm_enter(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_printopts_cm *c = (obj_printopts_cm *)args[0].u.o;
  c->saved = np_printopts;
  np_printopts = c->want;
  return f_get_printoptions(vm, NULL, 0, NULL);
}
static value cm_exit(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_printopts_cm *c = (obj_printopts_cm *)args[0].u.o;
  np_printopts = c->saved;
  return val_bool(false);
}
static const bi_reg printopts_cm_methods[] = {
  {"__enter__", cm_enter, 1, 0, NULL},
  {"__exit__", cm_exit, BI_VARARGS, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};
static obj_type type_printopts_cm = {.hdr = OBJ_STATIC_HEAD(&type_type), .name = "printoptions",
                                     .basicsize = sizeof(obj_printopts_cm)};

static value f_printoptions(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  np_print_opts saved = np_printopts;
  value r = f_set_printoptions(vm, args, nargs, kw);
  np_print_opts want = np_printopts;
  np_printopts = saved;
  if (VAL_IS_NULL(r)) return r;
  obj_printopts_cm *c = obj_alloc(vm, &type_printopts_cm, sizeof *c);
  if (!c) return val_null();
  c->want = want;
  c->saved = saved;
  return val_obj(c);
}

static value f_array_repr(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs < 1) return exc_set(vm, EXC_TypeError, "array_repr() missing required argument 'arr' (pos 1)");
  value arr = np_is_ndarray(args[0]) ? val_incref(args[0]) : np_wrap(vm, arr_arg(vm, args[0]));
  if (VAL_IS_NULL(arr)) return arr;
  value r = obj_repr(vm, arr);
  val_decref(arr);
  return r;
}
static value f_array_str(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs < 1) return exc_set(vm, EXC_TypeError, "array_str() missing required argument 'a' (pos 1)");
  value arr = np_is_ndarray(args[0]) ? val_incref(args[0]) : np_wrap(vm, arr_arg(vm, args[0]));
  if (VAL_IS_NULL(arr)) return arr;
  value r = obj_str_of(vm, arr);
  val_decref(arr);
  return r;
}
static value f_array2string(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  if (bi_parse(vm, "array2string", args, nargs, kw, "a|max_line_width,precision,suppress_small,separator", a) < 0) return val_null();
  ten_tensor *t = arr_arg(vm, a[0]);
  if (!t) return val_null();
  np_print_opts o = np_printopts;
  int64_t v;
  if (given(a[1]) && obj_as_index(vm, a[1], &v) == 0) o.linewidth = (int)v;
  if (given(a[2]) && obj_as_index(vm, a[2], &v) == 0) o.precision = (int)v;
  if (given(a[3])) o.suppress = obj_truth(vm, a[3]) > 0;
  const char *sep = " ";
  if (given(a[4]) && val_is_str(a[4])) sep = VAL_STR(a[4])->data;
  if (exc_pending(vm)) {
    ten_release(t);
    return val_null();
  }
  char *s = np_array2string(t, &o, sep, "", "");
  ten_release(t);
  if (!s) return exc_nomem(vm);
  obj_str *r = str_from_cstr(vm, s);
  free(s);
  return r ? val_obj(r) : val_null();
}

/* ---- the table ---- */

static const bi_reg numpy_funcs[] = {
  {"array", f_array, BI_VARARGS, BI_F_KW, "array(object, dtype=None, *, copy=True, order='K', subok=False, ndmin=0)\n\nCreate an array."},
  {"asarray", f_asarray, BI_VARARGS, BI_F_KW, "asarray(a, dtype=None, order=None)\n\nConvert the input to an array (no copy when it already is one)."},
  {"asanyarray", f_asarray, BI_VARARGS, BI_F_KW, NULL},
  {"ascontiguousarray", f_ascontiguousarray, BI_VARARGS, BI_F_KW, NULL},
  {"copy", f_copy, BI_VARARGS, BI_F_KW, NULL},
  {"zeros", f_zeros, BI_VARARGS, BI_F_KW, "zeros(shape, dtype=float, order='C')\n\nReturn a new array of given shape and type, filled with zeros."},
  {"ones", f_ones, BI_VARARGS, BI_F_KW, "ones(shape, dtype=None, order='C')\n\nReturn a new array of given shape and type, filled with ones."},
  {"empty", f_empty, BI_VARARGS, BI_F_KW, NULL},
  {"full", f_full, BI_VARARGS, BI_F_KW, NULL},
  {"zeros_like", f_zeros_like, BI_VARARGS, BI_F_KW, NULL},
  {"ones_like", f_ones_like, BI_VARARGS, BI_F_KW, NULL},
  {"empty_like", f_empty_like, BI_VARARGS, BI_F_KW, NULL},
  {"full_like", f_full_like, BI_VARARGS, BI_F_KW, NULL},
  {"arange", f_arange, BI_VARARGS, BI_F_KW, "arange([start,] stop[, step,], dtype=None)\n\nReturn evenly spaced values within a given interval."},
  {"linspace", f_linspace, BI_VARARGS, BI_F_KW, "linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0)"},
  {"eye", f_eye, BI_VARARGS, BI_F_KW, NULL},
  {"identity", f_identity, BI_VARARGS, BI_F_KW, NULL},
  {"reshape", f_reshape, BI_VARARGS, BI_F_KW, NULL},
  {"transpose", f_transpose, BI_VARARGS, BI_F_KW, "transpose(a, axes=None)\n\nReverse or permute the axes of an array."},
  {"swapaxes", f_swapaxes, BI_VARARGS, BI_F_KW, NULL},
  {"moveaxis", f_moveaxis, BI_VARARGS, BI_F_KW, NULL},
  {"ravel", f_ravel, BI_VARARGS, BI_F_KW, NULL},
  {"squeeze", f_squeeze, BI_VARARGS, BI_F_KW, NULL},
  {"expand_dims", f_expand_dims, BI_VARARGS, BI_F_KW, NULL},
  {"concatenate", f_concatenate, BI_VARARGS, BI_F_KW, NULL},
  {"stack", f_stack, BI_VARARGS, BI_F_KW, NULL},
  {"vstack", f_vstack, BI_VARARGS, BI_F_KW, NULL},
  {"hstack", f_hstack, BI_VARARGS, BI_F_KW, NULL},
  {"column_stack", f_column_stack, BI_VARARGS, BI_F_KW, NULL},
  {"flip", f_flip, BI_VARARGS, BI_F_KW, NULL},
  {"where", f_where, BI_VARARGS, 0, NULL},
  {"dot", f_dot, BI_VARARGS, BI_F_KW, "dot(a, b, out=None)\n\nDot product of two arrays."},
  {"matmul", f_matmul, BI_VARARGS, BI_F_KW, NULL},
  {"outer", f_outer, BI_VARARGS, BI_F_KW, NULL},
  {"sum", f_sum, BI_VARARGS, BI_F_KW, "sum(a, axis=None, dtype=None, out=None, keepdims=False)"},
  {"prod", f_prod, BI_VARARGS, BI_F_KW, NULL},
  {"mean", f_mean, BI_VARARGS, BI_F_KW, NULL},
  {"std", f_std, BI_VARARGS, BI_F_KW, NULL},
  {"var", f_var, BI_VARARGS, BI_F_KW, NULL},
  {"max", f_max, BI_VARARGS, BI_F_KW, NULL},
  {"min", f_min, BI_VARARGS, BI_F_KW, NULL},
  {"amax", f_max, BI_VARARGS, BI_F_KW, NULL},
  {"amin", f_min, BI_VARARGS, BI_F_KW, NULL},
  {"argmax", f_argmax, BI_VARARGS, BI_F_KW, NULL},
  {"argmin", f_argmin, BI_VARARGS, BI_F_KW, NULL},
  {"all", f_all, BI_VARARGS, BI_F_KW, NULL},
  {"any", f_any, BI_VARARGS, BI_F_KW, NULL},
  {"cumsum", f_cumsum, BI_VARARGS, BI_F_KW, NULL},
  {"nonzero", f_nonzero, BI_VARARGS, 0, NULL},
  {"argsort", f_argsort, BI_VARARGS, BI_F_KW, NULL},
  {"sort", f_sort, BI_VARARGS, BI_F_KW, NULL},
  {"unique", f_unique, BI_VARARGS, BI_F_KW, NULL},
  {"round", f_round, BI_VARARGS, BI_F_KW, NULL},
  {"around", f_round, BI_VARARGS, BI_F_KW, NULL},
  {"round_", f_round, BI_VARARGS, BI_F_KW, NULL},
  {"clip", f_clip, BI_VARARGS, BI_F_KW, NULL},
  {"add", f_add, BI_VARARGS, BI_F_KW, "add(x1, x2, /, out=None)\n\nAdd arguments element-wise."},
  {"subtract", f_subtract, BI_VARARGS, BI_F_KW, NULL},
  {"multiply", f_multiply, BI_VARARGS, BI_F_KW, NULL},
  {"divide", f_divide, BI_VARARGS, BI_F_KW, NULL},
  {"true_divide", f_divide, BI_VARARGS, BI_F_KW, NULL},
  {"floor_divide", f_floor_divide, BI_VARARGS, BI_F_KW, NULL},
  {"remainder", f_remainder, BI_VARARGS, BI_F_KW, NULL},
  {"mod", f_remainder, BI_VARARGS, BI_F_KW, NULL},
  {"power", f_power, BI_VARARGS, BI_F_KW, NULL},
  {"maximum", f_maximum, BI_VARARGS, BI_F_KW, "maximum(x1, x2, /, out=None)\n\nElement-wise maximum of array elements."},
  {"minimum", f_minimum, BI_VARARGS, BI_F_KW, NULL},
  {"fmax", f_fmax, BI_VARARGS, BI_F_KW, NULL},
  {"fmin", f_fmin, BI_VARARGS, BI_F_KW, NULL},
  {"equal", f_equal, BI_VARARGS, BI_F_KW, NULL},
  {"not_equal", f_not_equal, BI_VARARGS, BI_F_KW, NULL},
  {"less", f_less, BI_VARARGS, BI_F_KW, NULL},
  {"less_equal", f_less_equal, BI_VARARGS, BI_F_KW, NULL},
  {"greater", f_greater, BI_VARARGS, BI_F_KW, NULL},
  {"greater_equal", f_greater_equal, BI_VARARGS, BI_F_KW, NULL},
  {"logical_and", f_logical_and, BI_VARARGS, BI_F_KW, NULL},
  {"logical_or", f_logical_or, BI_VARARGS, BI_F_KW, NULL},
  {"logical_xor", f_logical_xor, BI_VARARGS, BI_F_KW, NULL},
  {"bitwise_and", f_bitwise_and, BI_VARARGS, BI_F_KW, NULL},
  {"bitwise_or", f_bitwise_or, BI_VARARGS, BI_F_KW, NULL},
  {"bitwise_xor", f_bitwise_xor, BI_VARARGS, BI_F_KW, NULL},
  {"arctan2", f_arctan2, BI_VARARGS, BI_F_KW, NULL},
  {"hypot", f_hypot, BI_VARARGS, BI_F_KW, NULL},
  {"negative", f_negative, BI_VARARGS, BI_F_KW, NULL},
  {"positive", f_positive, BI_VARARGS, BI_F_KW, NULL},
  {"absolute", f_absolute, BI_VARARGS, BI_F_KW, NULL},
  {"abs", f_absolute, BI_VARARGS, BI_F_KW, NULL},
  {"fabs", f_fabs, BI_VARARGS, BI_F_KW, NULL},
  {"square", f_square, BI_VARARGS, BI_F_KW, "square(x, /, out=None)\n\nReturn the element-wise square of the input."},
  {"sqrt", f_sqrt, BI_VARARGS, BI_F_KW, NULL},
  {"exp", f_exp, BI_VARARGS, BI_F_KW, NULL},
  {"exp2", f_exp2, BI_VARARGS, BI_F_KW, NULL},
  {"expm1", f_expm1, BI_VARARGS, BI_F_KW, NULL},
  {"log", f_log, BI_VARARGS, BI_F_KW, NULL},
  {"log2", f_log2, BI_VARARGS, BI_F_KW, NULL},
  {"log10", f_log10, BI_VARARGS, BI_F_KW, NULL},
  {"log1p", f_log1p, BI_VARARGS, BI_F_KW, NULL},
  {"sin", f_sin, BI_VARARGS, BI_F_KW, NULL},
  {"cos", f_cos, BI_VARARGS, BI_F_KW, NULL},
  {"tan", f_tan, BI_VARARGS, BI_F_KW, NULL},
  {"arcsin", f_arcsin, BI_VARARGS, BI_F_KW, NULL},
  {"arccos", f_arccos, BI_VARARGS, BI_F_KW, NULL},
  {"arctan", f_arctan, BI_VARARGS, BI_F_KW, NULL},
  {"sinh", f_sinh, BI_VARARGS, BI_F_KW, NULL},
  {"cosh", f_cosh, BI_VARARGS, BI_F_KW, NULL},
  {"tanh", f_tanh, BI_VARARGS, BI_F_KW, NULL},
  {"floor", f_floor, BI_VARARGS, BI_F_KW, NULL},
  {"ceil", f_ceil, BI_VARARGS, BI_F_KW, NULL},
  {"trunc", f_trunc, BI_VARARGS, BI_F_KW, NULL},
  {"rint", f_rint, BI_VARARGS, BI_F_KW, NULL},
  {"sign", f_sign, BI_VARARGS, BI_F_KW, NULL},
  {"reciprocal", f_reciprocal, BI_VARARGS, BI_F_KW, NULL},
  {"invert", f_invert, BI_VARARGS, BI_F_KW, NULL},
  {"bitwise_not", f_invert, BI_VARARGS, BI_F_KW, NULL},
  {"logical_not", f_logical_not, BI_VARARGS, BI_F_KW, NULL},
  {"isnan", f_isnan, BI_VARARGS, BI_F_KW, NULL},
  {"isinf", f_isinf, BI_VARARGS, BI_F_KW, NULL},
  {"isfinite", f_isfinite, BI_VARARGS, BI_F_KW, NULL},
  {"cbrt", f_cbrt, BI_VARARGS, BI_F_KW, NULL},
  {"signbit", f_signbit, BI_VARARGS, BI_F_KW, NULL},
  {"isclose", f_isclose, BI_VARARGS, BI_F_KW, NULL},
  {"allclose", f_allclose, BI_VARARGS, BI_F_KW, "allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)"},
  {"array_equal", f_array_equal, BI_VARARGS, BI_F_KW, NULL},
  {"count_nonzero", f_count_nonzero, BI_VARARGS, BI_F_KW, NULL},
  {"shape", f_shape, BI_VARARGS, 0, NULL},
  {"ndim", f_ndim, BI_VARARGS, 0, NULL},
  {"size", f_size, BI_VARARGS, BI_F_KW, NULL},
  {"isscalar", f_isscalar, BI_VARARGS, 0, NULL},
  {"result_type", f_result_type, BI_VARARGS, 0, NULL},
  {"promote_types", f_promote_types, BI_VARARGS, 0, NULL},
  {"issubdtype", f_issubdtype, BI_VARARGS, 0, NULL},
  {"finfo", f_finfo, BI_VARARGS, 0, NULL},
  {"iinfo", f_iinfo, BI_VARARGS, 0, NULL},
  {"set_printoptions", f_set_printoptions, BI_VARARGS, BI_F_KW, "set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None, infstr=None, formatter=None, sign=None, floatmode=None)"},
  {"get_printoptions", f_get_printoptions, 0, 0, NULL},
  {"printoptions", f_printoptions, BI_VARARGS, BI_F_KW, NULL},
  {"array_repr", f_array_repr, BI_VARARGS, BI_F_KW, NULL},
  {"array_str", f_array_str, BI_VARARGS, BI_F_KW, NULL},
  {"array2string", f_array2string, BI_VARARGS, BI_F_KW, NULL},
  {NULL, NULL, 0, 0, NULL}
};

/* An exception class made as a class statement would: name, base, __module__ and (when not NULL)
   __qualname__, the name tracebacks print. */
static obj_type *exc_class(lang_vm *vm, const char *name, const char *qualname, const char *module, obj_type *base) {
  obj_dict *ns = dict_new(vm);
  if (!ns) return NULL;
  if (dict_set_cstr(vm, ns, "__module__", val_obj(str_intern(vm, module))) < 0 ||
      (qualname && dict_set_cstr(vm, ns, "__qualname__", val_obj(str_intern(vm, qualname))) < 0)) {
    obj_decref(ns);
    return NULL;
  }
  obj_type *t = type_new(vm, str_intern(vm, name), base, ns);
  obj_decref(ns);
  return t;
}

/* numpy.AxisError(ValueError, IndexError); the out= casting error, numpy.core._exceptions.
   _UFuncOutputCastingError(UFuncTypeError(TypeError)), whose __name__ NumPy sets to 'UFuncTypeError'
   (type(e).__name__ reads that; a traceback prints the qualified name). It sits in the module as
   _UFuncOutputCastingError for numpy_ufunc.c, and UFuncTypeError is reachable as its base. */
static int add_exceptions(lang_vm *vm, obj_dict *d) {
  obj_type *axis = exc_class(vm, "AxisError", NULL, "numpy", exc_type(vm, EXC_ValueError));
  if (!axis || module_add_value(vm, d, "AxisError", val_obj(axis)) < 0) return -1;
  obj_type *ufunc = exc_class(vm, "UFuncTypeError", NULL, "numpy.core._exceptions", exc_type(vm, EXC_TypeError));
  if (!ufunc) return -1;
  obj_type *cast = exc_class(vm, "UFuncTypeError", "_UFuncOutputCastingError", "numpy.core._exceptions", ufunc);
  obj_decref(ufunc);
  if (!cast) return -1;
  return module_add_value(vm, d, "_UFuncOutputCastingError", val_obj(cast));
}

int numpy_funcs_init(lang_vm *vm, obj_dict *d) {
  if (type_ready(vm, &type_printopts_cm) < 0 || type_add_methods(vm, &type_printopts_cm, printopts_cm_methods) < 0) return -1;
  if (module_add_funcs(vm, d, numpy_funcs) < 0 || add_exceptions(vm, d) < 0) return -1;
  if (dict_set_cstr(vm, d, "pi", val_float(M_PI)) < 0 || dict_set_cstr(vm, d, "e", val_float(M_E)) < 0 ||
      dict_set_cstr(vm, d, "inf", val_float(INFINITY)) < 0 || dict_set_cstr(vm, d, "Inf", val_float(INFINITY)) < 0 ||
      dict_set_cstr(vm, d, "PINF", val_float(INFINITY)) < 0 || dict_set_cstr(vm, d, "NINF", val_float(-INFINITY)) < 0 ||
      dict_set_cstr(vm, d, "nan", val_float(NAN)) < 0 || dict_set_cstr(vm, d, "NaN", val_float(NAN)) < 0 ||
      dict_set_cstr(vm, d, "NAN", val_float(NAN)) < 0 || dict_set_cstr(vm, d, "newaxis", val_none()) < 0 ||
      dict_set_cstr(vm, d, "euler_gamma", val_float(0.5772156649015329)) < 0 ||
      module_add_value(vm, d, "__version__", val_obj(str_from_cstr(vm, "1.24.2"))) < 0)
    return -1;
  return 0;
}

/* ---- the module ---- */

static int lib_numpy_init(lang_vm *vm, obj_dict *d) {
  np_print_opts_default(&np_printopts);   /* a fresh interpreter starts from NumPy's defaults */
  if (numpy_array_init(vm) < 0 || numpy_types_init(vm, d) < 0 || numpy_funcs_init(vm, d) < 0) return -1;
  if (dict_set_cstr(vm, d, "ndarray", val_obj(&type_ndarray)) < 0) return -1;
  value r = import_module(vm, str_intern(vm, "numpy.random"), val_none(), 0, NULL);
  if (VAL_IS_NULL(r)) return -1;
  val_decref(r);
  value sub = dict_get_cstr(vm, vm->modules, "numpy.random");
  if (VAL_IS_NULL(sub) || dict_set_cstr(vm, d, "random", sub) < 0) return -1;
  return 0;
}

static const lang_lib numpy_libs[] = {
  {"numpy", lib_numpy_init},
  {"numpy.random", lib_numpy_random_init},
  {NULL, NULL}
};

int numpy_register(lang_vm *vm) {
  (void)vm;
  return lang_add_libs(numpy_libs);
}
