/*
** kernel/lang/torch_args.c — converting interpreter values into tensor-library arguments: tensors and
** wrapped scalars, shapes, dims, dtypes, devices, keyword lookup, Python subscripts, and building a
** tensor from nested lists (torch.tensor's type inference and ragged-list errors).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/numpy_bind.h"
#include "kernel/lang/torch_bind.h"

#ifdef CTORCH_HAVE_CUDA
#include "cuda/cu.h"
#endif

ten_tensor *arg_tensor(lang_vm *vm, value v, const char *fn, const char *arg, int pos) {
  if (val_is_tensor(v)) return VAL_TENSOR(v);
  exc_set(vm, EXC_TypeError, "%s(): argument '%s' (position %d) must be Tensor, not %s", fn, arg, pos, val_type_name(v));
  return NULL;
}

int arg_scalar(lang_vm *vm, value v, ten_scalar *out) {
  switch (v.tag) {
  case VAL_BOOL: *out = ten_scalar_bool(v.u.b); return 0;
  case VAL_INT: *out = ten_scalar_int(v.u.i); return 0;
  case VAL_FLOAT: *out = ten_scalar_float(v.u.f); return 0;
  default: break;
  }
  if (val_is_tensor(v) || np_is_scalar(v)) {   /* NumPy scalars count as numbers */
    if (ten_item(val_is_tensor(v) ? VAL_TENSOR(v) : np_borrow(v), out) < 0) {
      exc_from_ten(vm);
      return -1;
    }
    return 0;
  }
  return exc_seti(vm, EXC_TypeError, "expected a number, but got %s", val_type_name(v));
}

ten_tensor *arg_operand(lang_vm *vm, value v) {
  if (val_is_tensor(v)) {
    ten_retain(VAL_TENSOR(v));
    return VAL_TENSOR(v);
  }
  ten_scalar s;
  switch (v.tag) {
  case VAL_BOOL: s = ten_scalar_bool(v.u.b); break;
  case VAL_INT: s = ten_scalar_int(v.u.i); break;
  case VAL_FLOAT: s = ten_scalar_float(v.u.f); break;
  default: return NULL;
  }
  return ten_wrap_scalar(s);
}

int arg_int(lang_vm *vm, value v, int64_t *out) {
  if (val_is_intlike(v)) {
    *out = val_as_int(v);
    return 0;
  }
  if (val_is_tensor(v) && ten_numel(VAL_TENSOR(v)) == 1 && !ten_dtype_is_float(VAL_TENSOR(v)->dtype)) {
    *out = ten_get_int(VAL_TENSOR(v), 0);
    return 0;
  }
  if (np_is_scalar(v) && !ten_dtype_is_float(np_borrow(v)->dtype)) {
    *out = ten_get_int(np_borrow(v), 0);
    return 0;
  }
  return exc_seti(vm, EXC_TypeError, "expected an int, but got %s", val_type_name(v));
}

int arg_double(lang_vm *vm, value v, double *out) { return obj_as_double(vm, v, out); }

int arg_bool(lang_vm *vm, value v, bool *out) {
  int t = obj_truth(vm, v);
  if (t < 0) return -1;
  *out = t;
  return 0;
}

int arg_shape_value(lang_vm *vm, value v, int64_t *shape, const char *fn) {
  if (val_is_intlike(v)) {
    shape[0] = val_as_int(v);
    return 1;
  }
  if (np_is_scalar(v) && !ten_dtype_is_float(np_borrow(v)->dtype)) {
    shape[0] = ten_get_int(np_borrow(v), 0);
    return 1;
  }
  if (!val_is_tuple(v) && !val_is_list(v))
    return exc_seti(vm, EXC_TypeError, "%s(): argument 'size' must be tuple of ints, but found element of type %s at pos 1",
                    fn, val_type_name(v));
  int64_t n = val_is_tuple(v) ? VAL_TUPLE(v)->len : VAL_LIST(v)->len;
  const value *items = val_is_tuple(v) ? VAL_TUPLE(v)->items : VAL_LIST(v)->items;
  if (n > TEN_MAX_DIMS) return exc_seti(vm, EXC_ValueError, "too many dimensions (%lld > %d)", (long long)n, TEN_MAX_DIMS);
  for (int64_t i = 0; i < n; i++) {
    value x = items[i];
    if (val_is_intlike(x)) shape[i] = val_as_int(x);
    else if (val_is_tensor(x) && ten_numel(VAL_TENSOR(x)) == 1 && !ten_dtype_is_float(VAL_TENSOR(x)->dtype))
      shape[i] = ten_get_int(VAL_TENSOR(x), 0);
    else if (np_is_scalar(x) && !ten_dtype_is_float(np_borrow(x)->dtype))   /* np.int64 */
      shape[i] = ten_get_int(np_borrow(x), 0);
    else
      return exc_seti(vm, EXC_TypeError, "%s(): argument 'size' must be tuple of ints, but found element of type %s at pos %lld",
                      fn, val_type_name(x), (long long)(i + 1));
  }
  return (int)n;
}

int arg_shape(lang_vm *vm, const value *args, int nargs, int64_t *shape, const char *fn) {
  if (nargs == 1 && !val_is_intlike(args[0])) return arg_shape_value(vm, args[0], shape, fn);
  if (nargs > TEN_MAX_DIMS) return exc_seti(vm, EXC_ValueError, "too many dimensions");
  for (int i = 0; i < nargs; i++) {
    if (!val_is_intlike(args[i])) {
      if (val_is_tensor(args[i]) && ten_numel(VAL_TENSOR(args[i])) == 1 && !ten_dtype_is_float(VAL_TENSOR(args[i])->dtype)) {
        shape[i] = ten_get_int(VAL_TENSOR(args[i]), 0);
        continue;
      }
      if (np_is_scalar(args[i]) && !ten_dtype_is_float(np_borrow(args[i])->dtype)) {
        shape[i] = ten_get_int(np_borrow(args[i]), 0);
        continue;
      }
      return exc_seti(vm, EXC_TypeError, "%s(): argument 'size' must be tuple of ints, but found element of type %s at pos %d",
                      fn, val_type_name(args[i]), i + 1);
    }
    shape[i] = val_as_int(args[i]);
  }
  return nargs;
}

int arg_dims(lang_vm *vm, value v, int64_t *dims, const char *fn) {
  if (val_is_intlike(v)) {
    dims[0] = val_as_int(v);
    return 1;
  }
  if (val_is_tuple(v) || val_is_list(v)) {
    int64_t n = val_is_tuple(v) ? VAL_TUPLE(v)->len : VAL_LIST(v)->len;
    const value *items = val_is_tuple(v) ? VAL_TUPLE(v)->items : VAL_LIST(v)->items;
    if (n > TEN_MAX_DIMS) return exc_seti(vm, EXC_ValueError, "too many dims");
    for (int64_t i = 0; i < n; i++) {
      if (!val_is_intlike(items[i]))
        return exc_seti(vm, EXC_TypeError, "%s(): argument 'dim' must be tuple of ints, but found element of type %s at pos %lld",
                        fn, val_type_name(items[i]), (long long)(i + 1));
      dims[i] = val_as_int(items[i]);
    }
    return (int)n;
  }
  return exc_seti(vm, EXC_TypeError, "%s(): argument 'dim' must be int or tuple of ints, not %s", fn, val_type_name(v));
}

int arg_dtype(lang_vm *vm, value v, ten_dtype *out) {
  if (VAL_IS_NULL(v) || v.tag == VAL_NONE) return 0;
  if (val_type(v) == &type_dtype) {
    *out = ((obj_dtype *)v.u.o)->dt;
    return 0;
  }
  if (v.tag == VAL_OBJ && v.u.o == (obj *)&type_float) {
    *out = TEN_DTYPE_F64;
    return 0;
  }
  if (v.tag == VAL_OBJ && v.u.o == (obj *)&type_int) {
    *out = TEN_DTYPE_I64;
    return 0;
  }
  if (v.tag == VAL_OBJ && v.u.o == (obj *)&type_bool) {
    *out = TEN_DTYPE_BOOL;
    return 0;
  }
  return exc_seti(vm, EXC_TypeError, "dtype must be torch.dtype, not %s", val_type_name(v));
}

int arg_device(lang_vm *vm, value v, ten_device *out) {
  if (VAL_IS_NULL(v) || v.tag == VAL_NONE) return 0;
  if (val_type(v) == &type_device) {
    *out = ((obj_device *)v.u.o)->dev;
    return 0;
  }
  if (val_is_intlike(v)) {
    out->type = TEN_DEV_CUDA;
    out->index = (int8_t)val_as_int(v);
    return 0;
  }
  if (!val_is_str(v)) return exc_seti(vm, EXC_TypeError, "device() received an invalid combination of arguments - got (%s)", val_type_name(v));
  const char *s = VAL_STR(v)->data;
  const char *colon = strchr(s, ':');
  size_t n = colon ? (size_t)(colon - s) : strlen(s);
  if (n == 3 && strncmp(s, "cpu", 3) == 0) out->type = TEN_DEV_CPU;
  else if (n == 4 && strncmp(s, "cuda", 4) == 0) out->type = TEN_DEV_CUDA;
  else
    return exc_seti(vm, EXC_RuntimeError,
                    "Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, ort, xla, lazy, vulkan, mps, meta, hpu, privateuseone device type at start of device string: %s",
                    s);
  out->index = -1;
  if (colon) {
    char *end;
    long i = strtol(colon + 1, &end, 10);
    if (*end || end == colon + 1 || i < 0) return exc_seti(vm, EXC_RuntimeError, "Invalid device string: '%s'", s);
    out->index = (int8_t)i;
  }
  return 0;
}

bool torch_cuda_enabled(void) {
#ifdef CTORCH_HAVE_CUDA
  static int enabled = -1;
  if (enabled < 0) {
    const char *e = getenv("CTORCH_DISABLE_CUDA");
    enabled = !(e && *e && strcmp(e, "0") != 0);
  }
  return enabled;
#else
  return false;
#endif
}

int check_device_available(lang_vm *vm, ten_device dev) {
  if (dev.type != TEN_DEV_CUDA) return 0;
#ifdef CTORCH_HAVE_CUDA
  if (!torch_cuda_enabled()) return exc_seti(vm, EXC_AssertionError, "Torch not compiled with CUDA enabled");
  if (cu_lazy_init() == 0) return 0;
  exc_from_ten(vm);   /* PyTorch's _lazy_init RuntimeError: "Found no NVIDIA driver on your system. ..." */
  return -1;
#else
  return exc_seti(vm, EXC_AssertionError, "Torch not compiled with CUDA enabled");
#endif
}

value kw_get(const value *args, int nargs, obj_tuple *kw, const char *name) {
  if (!kw) return val_null();
  for (int64_t i = 0; i < kw->len; i++)
    if (str_eq_cstr(VAL_STR(kw->items[i]), name)) return args[nargs + i];
  return val_null();
}

int kw_check(lang_vm *vm, const char *fn, obj_tuple *kw, const char *const *allowed) {
  if (!kw) return 0;
  for (int64_t i = 0; i < kw->len; i++) {
    const char *k = VAL_STR(kw->items[i])->data;
    bool ok = false;
    for (const char *const *a = allowed; *a; a++)
      if (strcmp(*a, k) == 0) ok = true;
    if (!ok) return exc_seti(vm, EXC_TypeError, "%s() got an unexpected keyword argument '%s'", fn, k);
  }
  return 0;
}

/* ---- torch.tensor(data) ---- */

typedef struct data_walk {
  int ndim;
  int64_t shape[TEN_MAX_DIMS];
  bool any_float, any_int, any_bool;
  ten_dtype tensor_dt;      /* promoted dtype of 0-dim tensors met */
  bool any_tensor;
  int64_t n, cap;
  double *f;
  int64_t *i;
} data_walk;

static bool is_seq(value v) {
  return val_is_list(v) || val_is_tuple(v) || (val_is_tensor(v) && VAL_TENSOR(v)->ndim > 0) || val_type(v) == &type_range ||
         (np_is_ndarray(v) && np_borrow(v)->ndim > 0);
}

static int64_t seq_len(value v) {
  if (val_is_list(v)) return VAL_LIST(v)->len;
  if (val_is_tuple(v)) return VAL_TUPLE(v)->len;
  if (val_type(v) == &type_range) return ((obj_range *)v.u.o)->len;
  if (np_is_ndarray(v)) return np_borrow(v)->shape[0];
  return VAL_TENSOR(v)->shape[0];
}

/* Element k of a sequence as a new reference. */
static value seq_item(lang_vm *vm, value v, int64_t k) {
  if (val_is_list(v)) return val_incref(VAL_LIST(v)->items[k]);
  if (val_is_tuple(v)) return val_incref(VAL_TUPLE(v)->items[k]);
  if (val_type(v) == &type_range) {
    obj_range *r = (obj_range *)v.u.o;
    return val_int(r->start + k * r->step);
  }
  if (np_is_ndarray(v)) return tensor_wrap(vm, ten_select(np_borrow(v), 0, k));
  return tensor_wrap(vm, ten_select(VAL_TENSOR(v), 0, k));
}

static int push_num(lang_vm *vm, data_walk *w, double f, int64_t i) {
  if (w->n == w->cap) {
    int64_t cap = w->cap ? w->cap * 2 : 64;
    double *nf = realloc(w->f, sizeof(double) * (size_t)cap);
    if (!nf) return (int)VAL_IS_NULL(exc_nomem(vm)) - 2;
    w->f = nf;
    int64_t *ni = realloc(w->i, sizeof(int64_t) * (size_t)cap);
    if (!ni) return (int)VAL_IS_NULL(exc_nomem(vm)) - 2;
    w->i = ni;
    w->cap = cap;
  }
  w->f[w->n] = f;
  w->i[w->n] = i;
  w->n++;
  return 0;
}

static int walk(lang_vm *vm, data_walk *w, value v, int depth) {
  if (depth < w->ndim) {
    if (!is_seq(v)) {
      if (val_is_number(v) || val_is_tensor(v))
        return exc_seti(vm, EXC_ValueError, "expected sequence of length %lld at dim %d (got %s)", (long long)w->shape[depth],
                        depth, val_type_name(v));
      return exc_seti(vm, EXC_TypeError, "new(): invalid data type '%s'", val_type_name(v));
    }
    int64_t n = seq_len(v);
    if (n != w->shape[depth])
      return exc_seti(vm, EXC_ValueError, "expected sequence of length %lld at dim %d (got %lld)", (long long)w->shape[depth],
                      depth, (long long)n);
    for (int64_t k = 0; k < n; k++) {
      value item = seq_item(vm, v, k);
      if (VAL_IS_NULL(item)) return -1;
      int rc = walk(vm, w, item, depth + 1);
      val_decref(item);
      if (rc < 0) return -1;
    }
    return 0;
  }
  if (is_seq(v)) return exc_seti(vm, EXC_ValueError, "expected a number at dim %d but got a sequence", depth);
  if (val_is_str(v)) return exc_seti(vm, EXC_ValueError, "too many dimensions 'str'");
  switch (v.tag) {
  case VAL_BOOL: w->any_bool = true; return push_num(vm, w, v.u.b, v.u.b);
  case VAL_INT: w->any_int = true; return push_num(vm, w, (double)v.u.i, v.u.i);
  case VAL_FLOAT:   /* the int64 twin as x86 converts (NaN/inf: INT64_MIN), without C's UB */
    w->any_float = true;
    return push_num(vm, w, v.u.f, v.u.f >= -9223372036854775808.0 && v.u.f < 9223372036854775808.0 ? (int64_t)v.u.f
                                                                                                   : INT64_MIN);
  default: break;
  }
  if (val_is_tensor(v) || np_borrow(v)) {   /* NumPy scalars and 0-d arrays as 0-dim tensors */
    ten_tensor *t = val_is_tensor(v) ? VAL_TENSOR(v) : np_borrow(v);
    if (ten_numel(t) != 1) return exc_seti(vm, EXC_ValueError, "only one element tensors can be converted to Python scalars");
    w->tensor_dt = w->any_tensor ? ten_promote(w->tensor_dt, t->dtype) : t->dtype;
    w->any_tensor = true;
    if (ten_dtype_is_float(t->dtype)) w->any_float = true;
    else if (t->dtype == TEN_DTYPE_BOOL) w->any_bool = true;
    else w->any_int = true;
    return push_num(vm, w, ten_get_double(t, 0), ten_get_int(t, 0));
  }
  return exc_seti(vm, EXC_TypeError, "new(): invalid data type '%s'", val_type_name(v));
}

ten_tensor *tensor_from_data(lang_vm *vm, value data, ten_dtype dt) {
  ten_tensor *nt = np_borrow(data);   /* torch.tensor(ndarray or NumPy scalar): a copy */
  if (nt) {
    ten_tensor *c = ten_to_dtype(nt, dt == TEN_DTYPE_UNSET ? nt->dtype : dt, true);
    ten_tensor *r = c && !ten_is_contiguous(c) ? ten_clone(c) : c;
    if (r != c) ten_release(c);
    if (!r) exc_from_ten(vm);
    return r;
  }
  if (val_is_str(data)) {
    exc_set(vm, EXC_ValueError, "too many dimensions 'str'");
    return NULL;
  }
  data_walk w;
  memset(&w, 0, sizeof w);
  /* shape from the first element along each depth */
  value v = data;
  value held = val_null();
  while (is_seq(v)) {
    if (w.ndim >= TEN_MAX_DIMS) {
      val_decref(held);
      exc_set(vm, EXC_ValueError, "too many dimensions");
      return NULL;
    }
    int64_t n = seq_len(v);
    w.shape[w.ndim++] = n;
    if (n == 0) break;
    value next = seq_item(vm, v, 0);
    if (VAL_IS_NULL(next)) {
      val_decref(held);
      return NULL;
    }
    val_decref(held);
    held = next;
    v = next;
  }
  val_decref(held);
  if (walk(vm, &w, data, 0) < 0) {
    free(w.f);
    free(w.i);
    return NULL;
  }
  if (dt == TEN_DTYPE_UNSET) {
    if (w.any_float) dt = (w.any_tensor && ten_dtype_is_float(w.tensor_dt) && !w.any_int && !w.any_bool) ? w.tensor_dt : ten_default_dtype();
    else if (w.any_int) dt = TEN_DTYPE_I64;
    else if (w.any_bool) dt = TEN_DTYPE_BOOL;
    else dt = ten_default_dtype();
    if (w.any_tensor && !w.any_float && w.n == 1 && w.ndim == 0) dt = w.tensor_dt;
  }
  ten_tensor *t;
  if (ten_dtype_is_float(dt) || w.any_float)
    t = ten_from_buffer(w.f ? (void *)w.f : (void *)&w, TEN_DTYPE_F64, w.shape, w.ndim, dt, TEN_CPU);
  else
    t = ten_from_buffer(w.i ? (void *)w.i : (void *)&w, TEN_DTYPE_I64, w.shape, w.ndim, dt, TEN_CPU);
  free(w.f);
  free(w.i);
  if (!t) exc_from_ten(vm);
  return t;
}

/* ---- subscripts ---- */

static int one_index(lang_vm *vm, value k, ten_index *ix, ten_tensor **held, int *nheld) {
  memset(ix, 0, sizeof *ix);
  if (val_is_intlike(k) && k.tag != VAL_BOOL) {
    ix->kind = TEN_INDEX_INT;
    ix->i = val_as_int(k);
    return 0;
  }
  if (k.tag == VAL_NONE) {
    ix->kind = TEN_INDEX_NONE;
    return 0;
  }
  if (k.tag == VAL_OBJ && k.u.o == &obj_ellipsis) {
    ix->kind = TEN_INDEX_ELLIPSIS;
    return 0;
  }
  if (val_type(k) == &type_slice) {
    obj_slice *s = (obj_slice *)k.u.o;
    ix->kind = TEN_INDEX_SLICE;
    ix->step = 1;
    if (s->start.tag != VAL_NONE) {
      if (arg_int(vm, s->start, &ix->start) < 0) return -1;
      ix->has_start = true;
    }
    if (s->stop.tag != VAL_NONE) {
      if (arg_int(vm, s->stop, &ix->stop) < 0) return -1;
      ix->has_stop = true;
    }
    if (s->step.tag != VAL_NONE && arg_int(vm, s->step, &ix->step) < 0) return -1;
    if (ix->step <= 0) {
      if (ix->step == 0) return exc_seti(vm, EXC_ValueError, "slice step cannot be zero");
      return exc_seti(vm, EXC_ValueError, "step must be greater than zero");
    }
    return 0;
  }
  if (val_is_tensor(k) || np_borrow(k)) {   /* ndarrays and NumPy scalars index as tensors */
    ten_tensor *t = val_is_tensor(k) ? VAL_TENSOR(k) : np_borrow(k);
    if (t->ndim == 0 && !ten_dtype_is_float(t->dtype) && t->dtype != TEN_DTYPE_BOOL) {
      ix->kind = TEN_INDEX_INT;
      ix->i = ten_get_int(t, 0);
      return 0;
    }
    ix->kind = TEN_INDEX_TENSOR;
    ix->tensor = t;
    return 0;
  }
  if (val_is_list(k) || k.tag == VAL_BOOL) {
    ten_tensor *t = tensor_from_data(vm, k, TEN_DTYPE_UNSET);
    if (!t) return -1;
    if (ten_dtype_is_float(t->dtype)) {
      ten_release(t);
      return exc_seti(vm, EXC_IndexError, "tensors used as indices must be long, byte or bool tensors");
    }
    held[(*nheld)++] = t;
    ix->kind = TEN_INDEX_TENSOR;
    ix->tensor = t;
    return 0;
  }
  return exc_seti(vm, EXC_IndexError,
                  "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got %s)",
                  val_type_name(k));
}

int arg_index(lang_vm *vm, value key, ten_index *idx, int *n, ten_tensor **held, int *nheld) {
  *n = 0;
  *nheld = 0;
  if (val_is_tuple(key)) {
    obj_tuple *t = VAL_TUPLE(key);
    if (t->len > TEN_MAX_DIMS * 2) return exc_seti(vm, EXC_IndexError, "too many indices for tensor");
    for (int64_t i = 0; i < t->len; i++) {
      if (one_index(vm, t->items[i], &idx[i], held, nheld) < 0) {
        for (int j = 0; j < *nheld; j++) ten_release(held[j]);
        *nheld = 0;
        return -1;
      }
    }
    *n = (int)t->len;
    return 0;
  }
  if (one_index(vm, key, &idx[0], held, nheld) < 0) return -1;
  *n = 1;
  return 0;
}
