/*
** kernel/lang/numpy_array.c — the numpy.ndarray type: wrapping tensors, np.array's conversion of
** nested sequences (NumPy's dtype inference), printing, the operator slots (with PyTorch's rules when
** a torch.Tensor is the other operand), iteration, attributes and the array methods (also used by
** the NumPy scalar types).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/numpy_bind.h"

ten_tensor *np_fail(lang_vm *vm) {
  exc_from_ten(vm);
  return NULL;
}

value np_wrap(lang_vm *vm, ten_tensor *t) {
  if (!t) return exc_pending(vm) ? val_null() : exc_from_ten(vm);
  obj_ndarray *o = obj_alloc(vm, &type_ndarray, sizeof *o);
  if (!o) {
    ten_release(t);
    return val_null();
  }
  o->t = t;
  return val_obj(o);
}

value np_wrap_result(lang_vm *vm, ten_tensor *t) {
  if (!t) return exc_pending(vm) ? val_null() : exc_from_ten(vm);
  if (t->ndim != 0) return np_wrap(vm, t);
  obj_ndarray *o = obj_alloc(vm, np_scalar_type(t->dtype), sizeof *o);
  if (!o) {
    ten_release(t);
    return val_null();
  }
  o->t = t;
  return val_obj(o);
}

void np_obj_dealloc(obj *o) {
  obj_ndarray *a = (obj_ndarray *)o;
  ten_release(a->t);
  a->t = NULL;
}

value np_item_value(lang_vm *vm, const ten_tensor *t, int64_t linear) {
  if (ten_dtype_is_float(t->dtype)) return val_float(ten_get_double(t, linear));
  if (t->dtype == TEN_DTYPE_BOOL) return val_bool(ten_get_int(t, linear) != 0);
  return val_int(ten_get_int(t, linear));
}

ten_tensor *np_copy(ten_tensor *t) {
  ten_tensor *r = ten_empty(t->shape, t->ndim, t->dtype, TEN_CPU);
  if (r && ten_copy_(r, t) < 0) {
    ten_release(r);
    return NULL;
  }
  return r;
}

/* ---- np.array(data): nested sequences ---- */

typedef struct np_walk {
  int ndim;
  int64_t shape[TEN_MAX_DIMS];
  ten_dtype dt;          /* promoted dtype of the leaves so far (UNSET: none) */
  int64_t n, cap;
  double *f;
  int64_t *i;
} np_walk;

static bool walk_is_seq(value v) {
  if (val_is_list(v) || val_is_tuple(v) || val_type(v) == &type_range) return true;
  ten_tensor *t = np_borrow(v);
  if (t) return t->ndim > 0;
  if (val_is_tensor(v)) return VAL_TENSOR(v)->ndim > 0;
  return false;
}

static int64_t walk_len(value v) {
  if (val_is_list(v)) return VAL_LIST(v)->len;
  if (val_is_tuple(v)) return VAL_TUPLE(v)->len;
  if (val_type(v) == &type_range) return ((obj_range *)v.u.o)->len;
  ten_tensor *t = np_borrow(v);
  if (!t) t = VAL_TENSOR(v);
  return t->shape[0];
}

static int walk_push(lang_vm *vm, np_walk *w, double f, int64_t i) {
  if (w->n == w->cap) {
    int64_t cap = w->cap ? w->cap * 2 : 64;
    double *nf = realloc(w->f, sizeof(double) * (size_t)cap);
    if (!nf) return exc_nomem(vm), -1;
    w->f = nf;
    int64_t *ni = realloc(w->i, sizeof(int64_t) * (size_t)cap);
    if (!ni) return exc_nomem(vm), -1;
    w->i = ni;
    w->cap = cap;
  }
  w->f[w->n] = f;
  w->i[w->n] = i;
  w->n++;
  return 0;
}

static void walk_dtype(np_walk *w, ten_dtype dt) { w->dt = w->dt == TEN_DTYPE_UNSET ? dt : np_promote(w->dt, dt); }

static int inhomogeneous(lang_vm *vm, np_walk *w, int depth) {
  strbuf b;
  sb_init(&b);
  sb_printf(&b, "setting an array element with a sequence. The requested array has an inhomogeneous shape after %d "
                "dimensions. The detected shape was (", depth);
  for (int d = 0; d < depth; d++) sb_printf(&b, d ? ", %lld" : "%lld", (long long)w->shape[d]);
  sb_adds(&b, depth == 1 ? ",) + inhomogeneous part." : ") + inhomogeneous part.");
  obj_str *s = sb_finish(vm, &b);
  if (!s) return -1;
  exc_set(vm, EXC_ValueError, "%s", s->data);
  obj_decref(s);
  return -1;
}

static int walk_leaf_tensor(lang_vm *vm, np_walk *w, const ten_tensor *t) {
  walk_dtype(w, t->dtype);
  int64_t n = ten_numel(t);
  for (int64_t k = 0; k < n; k++)
    if (walk_push(vm, w, ten_get_double(t, k), ten_get_int(t, k)) < 0) return -1;
  return 0;
}

static int walk(lang_vm *vm, np_walk *w, value v, int depth) {
  if (depth < w->ndim) {
    if (!walk_is_seq(v)) return inhomogeneous(vm, w, depth);
    int64_t n = walk_len(v);
    if (n != w->shape[depth]) return inhomogeneous(vm, w, depth);
    ten_tensor *t = np_borrow(v);
    if (!t && val_is_tensor(v)) t = VAL_TENSOR(v);
    if (t) {
      /* a whole array at this depth: its shape must match the rest */
      if (t->ndim != w->ndim - depth) return inhomogeneous(vm, w, depth);
      for (int d = 0; d < t->ndim; d++)
        if (t->shape[d] != w->shape[depth + d]) return inhomogeneous(vm, w, depth + d);
      if (val_is_tensor(v) && np_check_tensor(vm, t) < 0) return -1;
      return walk_leaf_tensor(vm, w, t);
    }
    for (int64_t k = 0; k < n; k++) {
      value item;
      if (val_is_list(v)) item = val_incref(VAL_LIST(v)->items[k]);
      else if (val_is_tuple(v)) item = val_incref(VAL_TUPLE(v)->items[k]);
      else item = val_int(((obj_range *)v.u.o)->start + k * ((obj_range *)v.u.o)->step);
      int rc = walk(vm, w, item, depth + 1);
      val_decref(item);
      if (rc < 0) return -1;
    }
    return 0;
  }
  if (walk_is_seq(v)) return inhomogeneous(vm, w, depth);
  switch (v.tag) {
  case VAL_BOOL: walk_dtype(w, TEN_DTYPE_BOOL); return walk_push(vm, w, v.u.b, v.u.b);
  case VAL_INT: walk_dtype(w, TEN_DTYPE_I64); return walk_push(vm, w, (double)v.u.i, v.u.i);
  case VAL_FLOAT: walk_dtype(w, TEN_DTYPE_F64); return walk_push(vm, w, v.u.f, (int64_t)v.u.f);
  default: break;
  }
  ten_tensor *t = np_borrow(v);
  if (t) return walk_leaf_tensor(vm, w, t);
  if (val_is_tensor(v)) return walk_leaf_tensor(vm, w, VAL_TENSOR(v));
  if (val_is_str(v)) return exc_seti(vm, EXC_TypeError, "ctorch's numpy has no string arrays (got %s)", val_type_name(v));
  if (v.tag == VAL_NONE) return exc_seti(vm, EXC_TypeError, "ctorch's numpy has no object arrays (got None)");
  /* other numbers: __float__ */
  double d;
  if (obj_as_double(vm, v, &d) < 0) {
    exc_clear(vm);
    return exc_seti(vm, EXC_TypeError, "ctorch's numpy has no object arrays (got %s)", val_type_name(v));
  }
  walk_dtype(w, TEN_DTYPE_F64);
  return walk_push(vm, w, d, (int64_t)d);
}

static ten_tensor *from_tensor(lang_vm *vm, ten_tensor *src, ten_dtype dt, bool copy) {
  if (ten_device_of(src).type != TEN_DEV_CPU) {
    ten_error_set(TEN_E_TYPE, "can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.");
    return np_fail(vm);
  }
  if (dt == TEN_DTYPE_UNSET) dt = src->dtype;
  if (!copy && dt == src->dtype) return ten_alias(src);
  ten_tensor *r = ten_to_dtype(src, dt, true);
  if (!r) return np_fail(vm);
  if (!ten_is_contiguous(r)) {
    ten_tensor *c = ten_clone(r);
    ten_release(r);
    r = c;
  }
  return r ? r : np_fail(vm);
}

ten_tensor *np_to_tensor(lang_vm *vm, value v, ten_dtype dt, bool copy) {
  ten_tensor *t = np_borrow(v);
  if (t) return from_tensor(vm, t, dt, copy);
  if (val_is_tensor(v)) {
    if (np_check_tensor(vm, VAL_TENSOR(v)) < 0) return NULL;
    return from_tensor(vm, VAL_TENSOR(v), dt, copy);
  }
  np_walk w;
  memset(&w, 0, sizeof w);
  w.dt = TEN_DTYPE_UNSET;
  /* shape from the first element along each depth */
  value cur = val_incref(v);
  while (walk_is_seq(cur)) {
    ten_tensor *ct = np_borrow(cur);
    if (!ct && val_is_tensor(cur)) ct = VAL_TENSOR(cur);
    if (ct) {
      if (w.ndim + ct->ndim > TEN_MAX_DIMS) break;
      for (int d = 0; d < ct->ndim; d++) w.shape[w.ndim++] = ct->shape[d];
      break;
    }
    if (w.ndim >= TEN_MAX_DIMS) {
      val_decref(cur);
      exc_set(vm, EXC_ValueError, "maximum supported dimension for an ndarray is %d", TEN_MAX_DIMS);
      return NULL;
    }
    int64_t n = walk_len(cur);
    w.shape[w.ndim++] = n;
    if (n == 0) break;
    value next;
    if (val_is_list(cur)) next = val_incref(VAL_LIST(cur)->items[0]);
    else if (val_is_tuple(cur)) next = val_incref(VAL_TUPLE(cur)->items[0]);
    else next = val_int(((obj_range *)cur.u.o)->start);
    val_decref(cur);
    cur = next;
  }
  val_decref(cur);
  if (walk(vm, &w, v, 0) < 0) {
    free(w.f);
    free(w.i);
    return NULL;
  }
  ten_dtype want = dt == TEN_DTYPE_UNSET ? (w.dt == TEN_DTYPE_UNSET ? TEN_DTYPE_F64 : w.dt) : dt;
  ten_tensor *r = ten_empty(w.shape, w.ndim, want, TEN_CPU);
  if (!r) {
    free(w.f);
    free(w.i);
    return np_fail(vm);
  }
  bool src_float = w.dt == TEN_DTYPE_UNSET || ten_dtype_is_float(w.dt);
  char *p = ten_data_ptr(r);
  for (int64_t k = 0; k < w.n; k++) {
    double f = w.f[k];
    int64_t i = w.i[k];
    switch (want) {
    case TEN_DTYPE_F64: ((double *)p)[k] = src_float ? f : (double)i; break;
    case TEN_DTYPE_F32: ((float *)p)[k] = (float)(src_float ? f : (double)i); break;
    case TEN_DTYPE_I64: ((int64_t *)p)[k] = src_float ? (int64_t)f : i; break;
    case TEN_DTYPE_I32: ((int32_t *)p)[k] = (int32_t)(uint32_t)(uint64_t)(src_float ? (int64_t)f : i); break;
    case TEN_DTYPE_U8: ((uint8_t *)p)[k] = (uint8_t)(uint64_t)(src_float ? (int64_t)f : i); break;
    case TEN_DTYPE_BOOL: ((bool *)p)[k] = src_float ? f != 0 : i != 0; break;
    default: break;
    }
  }
  free(w.f);
  free(w.i);
  return r;
}

/* ---- printing ---- */

static value text_value(lang_vm *vm, char *s) {
  if (!s) return exc_nomem(vm);
  obj_str *r = str_from_cstr(vm, s);
  free(s);
  return r ? val_obj(r) : val_null();
}

static value array_repr(lang_vm *vm, value self) {
  obj_type *t = val_type(self);
  const char *cls = t == &type_ndarray ? "array" : t->name_str->data;
  return text_value(vm, np_array_repr(((obj_ndarray *)self.u.o)->t, cls));
}
static value array_str(lang_vm *vm, value self) { return text_value(vm, np_array_str(((obj_ndarray *)self.u.o)->t)); }

static value array_format(lang_vm *vm, value self, obj_str *spec) {
  ten_tensor *t = np_borrow(self);
  if (spec->len == 0) return array_str(vm, self);
  if (t->ndim == 0) {
    value v = np_item_value(vm, t, 0);
    value r = obj_format(vm, v, spec);
    val_decref(v);
    return r;
  }
  return exc_set(vm, EXC_TypeError, "unsupported format string passed to numpy.ndarray.__format__");
}

/* ---- operators ---- */

static bool binop_map(int op, np_binop *out) {
  switch (op) {
  case BINOP_ADD: *out = NP_ADD; return true;
  case BINOP_SUB: *out = NP_SUB; return true;
  case BINOP_MUL: *out = NP_MUL; return true;
  case BINOP_TRUEDIV: *out = NP_TRUEDIV; return true;
  case BINOP_FLOORDIV: *out = NP_FLOORDIV; return true;
  case BINOP_MOD: *out = NP_MOD; return true;
  case BINOP_POW: *out = NP_POW; return true;
  case BINOP_AND: *out = NP_AND; return true;
  case BINOP_OR: *out = NP_OR; return true;
  case BINOP_XOR: *out = NP_XOR; return true;
  default: return false;
  }
}

/* One of a, b is a torch.Tensor: Tensor (op) ndarray is computed as PyTorch does (the array as a
   tensor sharing its memory); ndarray (op) Tensor fails as NumPy + PyTorch 1.13 do (Tensor sets
   __array_priority__, so ndarray defers, and Tensor's reflected dunders refuse arrays). */
static value torch_mixed(lang_vm *vm, value a, value b, int op, bool reflected) {
  int base = op >= BINOP_INPLACE ? op - BINOP_INPLACE : op;
  if (!reflected) {
    if (base == BINOP_ADD && np_is_ndarray(a))
      return exc_set(vm, EXC_TypeError, "Concatenation operation is not implemented for NumPy arrays, use np.concatenate() "
                                        "instead. Please do not rely on this error; it may not be given on all Python "
                                        "implementations.");
    if (np_is_ndarray(a)) return val_notimpl();
    /* a NumPy scalar on the left: as a Python number */
    value num = np_item_value(vm, np_borrow(a), 0);
    value r = obj_binop(vm, num, b, base);
    val_decref(num);
    return r;
  }
  /* tensor (op) array/scalar */
  ten_tensor *bt = np_borrow(b);
  value other;
  if (np_is_scalar(b)) {
    other = np_item_value(vm, bt, 0);
  } else {
    if (base == BINOP_MATMUL || base == BINOP_ADD || base == BINOP_SUB || base == BINOP_MUL || base == BINOP_TRUEDIV ||
        base == BINOP_POW || base == BINOP_FLOORDIV || base == BINOP_MOD) {
      ten_tensor *al = ten_alias(bt);
      other = tensor_wrap(vm, al);
    } else {
      return val_notimpl();
    }
  }
  if (VAL_IS_NULL(other)) return other;
  value r = obj_binop(vm, a, other, base);
  val_decref(other);
  return r;
}

value np_binop_slot(lang_vm *vm, value a, value b, int op, bool reflected) {
  bool inplace = op >= BINOP_INPLACE;
  int base = inplace ? op - BINOP_INPLACE : op;
  if (val_is_tensor(a) || val_is_tensor(b)) return torch_mixed(vm, a, b, op, reflected);
  if (base == BINOP_MATMUL) {
    value r = np_dot(vm, a, b, true);
    if (VAL_IS_NULL(r) || !inplace) return r;
    /* a @= b: NumPy 1.24 refuses unless shapes keep; write back */
    ten_tensor *rt = np_borrow(r), *at = np_borrow(a);
    int rc = ten_copy_(at, rt);
    val_decref(r);
    return rc < 0 ? exc_from_ten(vm) : val_incref(a);
  }
  if (base == BINOP_LSHIFT || base == BINOP_RSHIFT) return val_notimpl();
  np_binop nb;
  if (!binop_map(base, &nb)) return val_notimpl();
  value x = a, y = b;
  /* operands NumPy cannot use: let the other side try */
  ten_tensor *xt = np_borrow(x), *yt = np_borrow(y);
  if ((!xt && !val_is_number(x) && !val_is_list(x) && !val_is_tuple(x)) ||
      (!yt && !val_is_number(y) && !val_is_list(y) && !val_is_tuple(y)))
    return val_notimpl();
  if (inplace && np_is_ndarray(a)) return np_binary(vm, nb, x, y, a);
  return np_binary(vm, nb, x, y, val_null());
}

value np_richcmp_slot(lang_vm *vm, value a, value b, int op) {
  static const np_binop cmp[6] = {NP_LT, NP_LE, NP_EQ, NP_NE, NP_GT, NP_GE};
  if (val_is_tensor(b) || val_is_tensor(a)) return val_notimpl();
  ten_tensor *bt = np_borrow(b);
  if (!bt && !val_is_number(b) && !val_is_list(b) && !val_is_tuple(b)) {
    if (op == CMP_EQ || op == CMP_NE) {
      /* NumPy 1.24: elementwise comparison with None / an object gives all False (True for !=) */
      if (b.tag == VAL_NONE) {
        ten_tensor *t = np_borrow(a);
        ten_tensor *r = ten_full(t->shape, t->ndim, ten_scalar_bool(op == CMP_NE), TEN_DTYPE_BOOL, TEN_CPU);
        return np_wrap_result(vm, r);
      }
    }
    return val_notimpl();
  }
  return np_binary(vm, cmp[op], a, b, val_null());
}

value np_unop_slot(lang_vm *vm, value self, int op) {
  switch (op) {
  case UNOP_NEG: return np_unary(vm, NP_NEG, self, val_null());
  case UNOP_POS: return np_unary(vm, NP_POS, self, val_null());
  case UNOP_ABS: return np_unary(vm, NP_ABS, self, val_null());
  case UNOP_INVERT: return np_unary(vm, NP_INVERT, self, val_null());
  default: return val_notimpl();
  }
}

/* ---- sequence protocol ---- */

#define ARR(v) (((obj_ndarray *)(v).u.o)->t)

static int64_t array_len(lang_vm *vm, value self) {
  ten_tensor *t = ARR(self);
  if (t->ndim == 0) return exc_seti(vm, EXC_TypeError, "len() of unsized object");
  return t->shape[0];
}

typedef struct obj_npiter { obj hdr; value arr; int64_t pos; } obj_npiter;
static void npiter_dealloc(obj *o) { val_decref(((obj_npiter *)o)->arr); }
static value npiter_self(lang_vm *vm, value self) { return val_incref(self); }
static value npiter_next(lang_vm *vm, value self) {
  obj_npiter *it = (obj_npiter *)self.u.o;
  ten_tensor *t = ARR(it->arr);
  if (it->pos >= t->shape[0]) return val_stop();
  return np_wrap_result(vm, ten_select(t, 0, it->pos++));
}
static obj_type type_npiter = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "iterator", .basicsize = sizeof(obj_npiter),
  .dealloc = npiter_dealloc, .iter = npiter_self, .next = npiter_next,
};

static value array_iter(lang_vm *vm, value self) {
  if (ARR(self)->ndim == 0) return exc_set(vm, EXC_TypeError, "iteration over a 0-d array");
  obj_npiter *it = obj_alloc(vm, &type_npiter, sizeof *it);
  if (!it) return val_null();
  it->arr = val_incref(self);
  return val_obj(it);
}

static int array_truth(lang_vm *vm, value self) {
  ten_tensor *t = ARR(self);
  int64_t n = ten_numel(t);
  if (n > 1)
    return exc_seti(vm, EXC_ValueError, "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()");
  if (n == 0) return 0;   /* NumPy 1.24: False, with a DeprecationWarning */
  return ten_get_double(t, 0) != 0.0;
}

static int array_contains(lang_vm *vm, value self, value x) {
  value eq = np_binary(vm, NP_EQ, self, x, val_null());
  if (VAL_IS_NULL(eq)) return -1;
  ten_tensor *e = np_borrow(eq);
  int r = 0;
  int64_t n = ten_numel(e);
  for (int64_t k = 0; k < n && !r; k++) r = ten_get_int(e, k) != 0;
  val_decref(eq);
  return r;
}

/* ---- attributes ---- */

static value tuple_of(lang_vm *vm, const int64_t *v, int n) {
  obj_tuple *t = tuple_new(vm, n);
  if (!t) return val_null();
  for (int i = 0; i < n; i++) t->items[i] = val_int(v[i]);
  return val_obj(t);
}

/* NumPy's text: "cannot reshape array of size 6 into shape (4,newaxis)" (-1 reads newaxis). -1. */
static int reshape_error(lang_vm *vm, int64_t n, const int64_t *shape, int nd) {
  strbuf b;
  sb_init(&b);
  sb_printf(&b, "cannot reshape array of size %lld into shape (", (long long)n);
  for (int i = 0; i < nd; i++) {
    if (i) sb_adds(&b, ",");
    if (shape[i] == -1) sb_adds(&b, "newaxis");
    else sb_printf(&b, "%lld", (long long)shape[i]);
  }
  sb_adds(&b, nd == 1 ? ",)" : ")");
  obj_str *s = sb_finish(vm, &b);
  if (!s) return -1;
  exc_set(vm, EXC_ValueError, "%s", s->data);
  obj_decref(s);
  return -1;
}

static value g_shape(lang_vm *vm, value self) { return tuple_of(vm, ARR(self)->shape, ARR(self)->ndim); }
static int s_shape(lang_vm *vm, value self, value v) {
  if (VAL_IS_NULL(v)) return exc_seti(vm, EXC_AttributeError, "Cannot delete array shape");
  obj_ndarray *o = (obj_ndarray *)self.u.o;
  int64_t shape[TEN_MAX_DIMS];
  int nd = arg_shape_value(vm, v, shape, "reshape");
  if (nd < 0) return -1;
  ten_tensor *r = ten_view(o->t, shape, nd);
  if (!r) {
    ten_errkind k = ten_error_kind();
    ten_error_clear();
    if (k == TEN_E_RUNTIME && ten_is_contiguous(o->t))
      return reshape_error(vm, ten_numel(o->t), shape, nd);
    return exc_seti(vm, EXC_AttributeError, "Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape.");
  }
  ten_release(o->t);
  o->t = r;
  return 0;
}
static value g_dtype(lang_vm *vm, value self) { return np_dtype_value(ARR(self)->dtype); }
static value g_ndim(lang_vm *vm, value self) { return val_int(ARR(self)->ndim); }
static value g_size(lang_vm *vm, value self) { return val_int(ten_numel(ARR(self))); }
static value g_itemsize(lang_vm *vm, value self) { return val_int((int64_t)ten_dtype_size(ARR(self)->dtype)); }
static value g_nbytes(lang_vm *vm, value self) { return val_int(ten_numel(ARR(self)) * (int64_t)ten_dtype_size(ARR(self)->dtype)); }
static value g_strides(lang_vm *vm, value self) {
  ten_tensor *t = ARR(self);
  int64_t s[TEN_MAX_DIMS];
  for (int d = 0; d < t->ndim; d++) s[d] = t->stride[d] * (int64_t)ten_dtype_size(t->dtype);
  return tuple_of(vm, s, t->ndim);
}
static value g_T(lang_vm *vm, value self) {
  ten_tensor *t = ARR(self);
  if (t->ndim < 2) return np_is_scalar(self) ? val_incref(self) : np_wrap(vm, ten_alias(t));
  int64_t dims[TEN_MAX_DIMS];
  for (int i = 0; i < t->ndim; i++) dims[i] = t->ndim - 1 - i;
  return np_wrap(vm, ten_permute(t, dims, t->ndim));
}
static value g_base(lang_vm *vm, value self) { return val_none(); }
static value g_real(lang_vm *vm, value self) { return val_incref(self); }

/* a.flags['C_CONTIGUOUS'] and a.flags.writeable, as a small dict */
static value g_flags(lang_vm *vm, value self) {
  ten_tensor *t = ARR(self);
  obj_dict *d = dict_new(vm);
  if (!d) return val_null();
  bool c = ten_is_contiguous(t);
  bool f = true;
  int64_t expect = 1;
  for (int i = 0; i < t->ndim; i++) {
    if (t->shape[i] != 1 && t->stride[i] != expect) f = false;
    expect *= t->shape[i];
  }
  if (dict_set_cstr(vm, d, "C_CONTIGUOUS", val_bool(c)) < 0 || dict_set_cstr(vm, d, "F_CONTIGUOUS", val_bool(f)) < 0 ||
      dict_set_cstr(vm, d, "OWNDATA", val_bool(t->offset == 0)) < 0 || dict_set_cstr(vm, d, "WRITEABLE", val_bool(true)) < 0 ||
      dict_set_cstr(vm, d, "ALIGNED", val_bool(true)) < 0) {
    obj_decref(d);
    return val_null();
  }
  return val_obj(d);
}

const bi_getset np_array_getsets[] = {
  {"shape", g_shape, s_shape, "Tuple of array dimensions."},
  {"dtype", g_dtype, NULL, "Data-type of the array's elements."},
  {"ndim", g_ndim, NULL, "Number of array dimensions."},
  {"size", g_size, NULL, "Number of elements in the array."},
  {"itemsize", g_itemsize, NULL, "Length of one array element in bytes."},
  {"nbytes", g_nbytes, NULL, "Total bytes consumed by the elements of the array."},
  {"strides", g_strides, NULL, "Tuple of bytes to step in each dimension when traversing an array."},
  {"T", g_T, NULL, "The transposed array."},
  {"base", g_base, NULL, NULL},
  {"flags", g_flags, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};
static const bi_getset array_only_getsets[] = {
  {"real", g_real, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

/* ---- methods ---- */

static bool arg_given(value v) { return !VAL_IS_NULL(v) && v.tag != VAL_NONE; }

static int parse_bool(lang_vm *vm, value v, bool *out) {
  if (!arg_given(v)) return 0;
  int r = obj_truth(vm, v);
  if (r < 0) return -1;
  *out = r;
  return 0;
}

static value m_copy(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "copy", args, nargs, kw, "self|order", a) < 0) return val_null();
  ten_tensor *t = np_borrow(a[0]);
  if (np_is_scalar(a[0])) return val_incref(a[0]);
  return np_wrap(vm, np_copy(t));
}

static value m_reshape(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (kw && kw->len) {
    value order = kw_get(args, nargs, kw, "order");
    if (VAL_IS_NULL(order) || kw->len > 1) return exc_set(vm, EXC_TypeError, "reshape() got an unexpected keyword argument");
    nargs -= 1;
  }
  return np_reshape_args(vm, np_borrow(args[0]), args + 1, nargs - 1);
}

value np_reshape_args(lang_vm *vm, ten_tensor *t, const value *args, int nargs) {
  int64_t shape[TEN_MAX_DIMS];
  int nd;
  if (nargs == 1 && !val_is_intlike(args[0]) && np_borrow(args[0]) == NULL) nd = arg_shape_value(vm, args[0], shape, "reshape");
  else if (nargs == 0) return exc_set(vm, EXC_TypeError, "reshape() takes exactly 1 argument (0 given)");
  else {
    nd = nargs;
    if (nd > TEN_MAX_DIMS) return exc_set(vm, EXC_ValueError, "maximum supported dimension for an ndarray is %d", TEN_MAX_DIMS);
    for (int i = 0; i < nargs; i++)
      if (obj_as_index(vm, args[i], &shape[i]) < 0) return val_null();
  }
  if (nd < 0) return val_null();
  int neg = 0;
  int64_t known = 1;
  for (int i = 0; i < nd; i++) {
    if (shape[i] == -1) neg++;
    else if (shape[i] < 0) return exc_set(vm, EXC_ValueError, "negative dimensions not allowed");
    else known *= shape[i];
  }
  if (neg > 1) return exc_set(vm, EXC_ValueError, "can only specify one unknown dimension");
  int64_t n = ten_numel(t);
  if ((neg == 0 && known != n) || (neg == 1 && (known == 0 || n % known != 0))) {
    reshape_error(vm, n, shape, nd);
    return val_null();
  }
  return np_wrap(vm, ten_reshape(t, shape, nd));
}

ten_tensor *np_transpose(lang_vm *vm, ten_tensor *t, const int64_t *axes, int n) {
  int64_t dims[TEN_MAX_DIMS];
  if (n == 0) {
    for (int i = 0; i < t->ndim; i++) dims[i] = t->ndim - 1 - i;
    return ten_permute(t, dims, t->ndim);
  }
  if (n != t->ndim) {
    exc_set(vm, EXC_ValueError, "axes don't match array");
    return NULL;
  }
  bool seen[TEN_MAX_DIMS] = {false};
  for (int i = 0; i < n; i++) {
    int64_t a = axes[i];
    if (a < -t->ndim || a >= t->ndim) {
      exc_set(vm, EXC_ValueError, "axis %lld is out of bounds for array of dimension %d", (long long)a, t->ndim);
      return NULL;
    }
    if (a < 0) a += t->ndim;
    if (seen[a]) {
      exc_set(vm, EXC_ValueError, "repeated axis in transpose");
      return NULL;
    }
    seen[a] = true;
    dims[i] = a;
  }
  return ten_permute(t, dims, n);
}

static value m_transpose(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = np_borrow(args[0]);
  int64_t axes[TEN_MAX_DIMS];
  int n = 0;
  if (nargs == 2 && args[1].tag != VAL_NONE) {
    n = arg_shape_value(vm, args[1], axes, "transpose");
    if (n < 0) return val_null();
  } else if (nargs > 2) {
    n = nargs - 1;
    for (int i = 0; i < n; i++)
      if (obj_as_index(vm, args[i + 1], &axes[i]) < 0) return val_null();
  }
  ten_tensor *r = np_transpose(vm, t, axes, n);
  if (!r) return exc_pending(vm) ? val_null() : exc_from_ten(vm);
  return np_wrap(vm, r);
}

static value m_swapaxes(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t a, b;
  if (bi_check_nargs(vm, "swapaxes", nargs, 3, 3) < 0 || obj_as_index(vm, args[1], &a) < 0 || obj_as_index(vm, args[2], &b) < 0)
    return val_null();
  return np_wrap(vm, ten_transpose(np_borrow(args[0]), a, b));
}

/* An empty array of t's shape laid out as order='K' keeps t's: axes in t's order of decreasing
   stride (a transposed array gives a Fortran-ordered one), C order when t already is. */
static ten_tensor *empty_keep_order(const ten_tensor *t, ten_dtype dt) {
  if (ten_is_contiguous(t) || t->ndim < 2) return ten_empty(t->shape, t->ndim, dt, TEN_CPU);
  int perm[TEN_MAX_DIMS];
  int64_t key[TEN_MAX_DIMS], stride[TEN_MAX_DIMS];
  for (int d = 0; d < t->ndim; d++) {
    perm[d] = d;
    /* size-1 axes say nothing about the layout: outermost */
    key[d] = t->shape[d] == 1 ? INT64_MAX : llabs((long long)t->stride[d]);
  }
  for (int i = 1; i < t->ndim; i++)   /* stable insertion sort, decreasing key */
    for (int j = i; j > 0 && key[perm[j - 1]] < key[perm[j]]; j--) {
      int x = perm[j];
      perm[j] = perm[j - 1];
      perm[j - 1] = x;
    }
  int64_t n = 1;
  for (int i = t->ndim - 1; i >= 0; i--) {
    stride[perm[i]] = n;
    n *= t->shape[perm[i]];
  }
  ten_storage *st = ten_storage_new((size_t)n * ten_dtype_size(dt), TEN_CPU);
  if (!st) return NULL;
  ten_tensor *r = ten_from_storage(st, dt, 0, t->shape, stride, t->ndim);
  ten_storage_release(st);
  return r;
}

static value m_astype(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[6];
  if (bi_parse(vm, "astype", args, nargs, kw, "self,dtype|order,casting,subok,copy", a) < 0) return val_null();
  ten_dtype dt = TEN_DTYPE_UNSET;
  if (np_arg_dtype(vm, a[1], &dt) < 0) return val_null();
  if (dt == TEN_DTYPE_UNSET) dt = TEN_DTYPE_F64;
  bool copy = true;
  if (parse_bool(vm, a[5], &copy) < 0) return val_null();
  ten_tensor *t = np_borrow(a[0]);
  if (!copy && dt == t->dtype) return val_incref(a[0]);
  ten_tensor *r = empty_keep_order(t, dt);
  if (!r || ten_copy_(r, t) < 0) {
    ten_release(r);
    return exc_from_ten(vm);
  }
  return np_is_scalar(a[0]) ? np_wrap_result(vm, r) : np_wrap(vm, r);
}

static value m_flatten(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = np_borrow(args[0]);
  int64_t n = ten_numel(t);
  ten_tensor *c = np_copy(t);
  if (!c) return exc_from_ten(vm);
  ten_tensor *r = ten_view(c, &n, 1);
  ten_release(c);
  return np_wrap(vm, r);
}

static value m_ravel(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = np_borrow(args[0]);
  int64_t n = ten_numel(t);
  return np_wrap(vm, ten_reshape(t, &n, 1));
}

static value m_squeeze(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "squeeze", args, nargs, kw, "self|axis", a) < 0) return val_null();
  ten_tensor *t = np_borrow(a[0]);
  if (!arg_given(a[1])) return np_wrap(vm, ten_squeeze(t));
  int64_t axes[TEN_MAX_DIMS];
  bool all;
  int n = np_arg_axes(vm, a[1], t->ndim, axes, &all);
  if (n < 0) return val_null();
  for (int i = 0; i < n; i++)
    if (t->shape[axes[i]] != 1) return exc_set(vm, EXC_ValueError, "cannot select an axis to squeeze out which has size not equal to one");
  ten_tensor *r = ten_alias(t);
  for (int i = n - 1; i >= 0 && r; i--) {
    /* remove from the highest axis down so indices stay valid */
    int64_t hi = -1;
    int hk = -1;
    for (int k = 0; k < n; k++)
      if (axes[k] > hi) {
        hi = axes[k];
        hk = k;
      }
    ten_tensor *s = ten_squeeze_dim(r, hi);
    ten_release(r);
    r = s;
    axes[hk] = -1;
  }
  return np_wrap(vm, r);
}

static value m_tolist_rec(lang_vm *vm, ten_tensor *t, int axis, int64_t off) {
  if (axis == t->ndim) {
    ten_tensor tmp = *t;
    tmp.ndim = 0;
    tmp.offset = t->offset + off;
    return np_item_value(vm, &tmp, 0);
  }
  obj_list *l = list_new(vm, t->shape[axis]);
  if (!l) return val_null();
  for (int64_t k = 0; k < t->shape[axis]; k++) {
    value v = m_tolist_rec(vm, t, axis + 1, off + k * t->stride[axis]);
    if (VAL_IS_NULL(v)) {
      obj_decref(l);
      return v;
    }
    l->items[k] = v;
    l->len = k + 1;
  }
  return val_obj(l);
}

static value m_tolist(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return m_tolist_rec(vm, np_borrow(args[0]), 0, 0);
}

static value m_item(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = np_borrow(args[0]);
  int64_t n = ten_numel(t);
  if (nargs == 1) {
    if (n != 1) return exc_set(vm, EXC_ValueError, "can only convert an array of size 1 to a Python scalar");
    return np_item_value(vm, t, 0);
  }
  int64_t idx;
  if (nargs == 2 && !val_is_tuple(args[1])) {
    if (obj_as_index(vm, args[1], &idx) < 0) return val_null();
    if (idx < 0) idx += n;
    if (idx < 0 || idx >= n) return exc_set(vm, EXC_IndexError, "index %lld is out of bounds for size %lld", (long long)idx, (long long)n);
    return np_item_value(vm, t, idx);
  }
  const value *ix = nargs == 2 ? VAL_TUPLE(args[1])->items : args + 1;
  int ni = nargs == 2 ? (int)VAL_TUPLE(args[1])->len : nargs - 1;
  if (ni != t->ndim) return exc_set(vm, EXC_ValueError, "incorrect number of indices for array");
  int64_t lin = 0;
  for (int d = 0; d < ni; d++) {
    if (obj_as_index(vm, ix[d], &idx) < 0) return val_null();
    if (idx < 0) idx += t->shape[d];
    if (idx < 0 || idx >= t->shape[d])
      return exc_set(vm, EXC_IndexError, "index %lld is out of bounds for axis %d with size %lld", (long long)idx, d,
                     (long long)t->shape[d]);
    lin = lin * t->shape[d] + idx;
  }
  return np_item_value(vm, t, lin);
}

static value m_fill(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "fill", nargs, 2, 2) < 0) return val_null();
  ten_tensor *t = np_borrow(args[0]);
  ten_tensor *v = np_to_tensor(vm, args[1], t->dtype, true);
  if (!v) return val_null();
  int rc = ten_copy_(t, v);
  ten_release(v);
  return rc < 0 ? exc_from_ten(vm) : val_none();
}

/* sum/prod/max/min/all/any(axis=None, dtype=None, out=None, keepdims=False) */
static value reduce_method(lang_vm *vm, const char *name, np_redop op, value self, value axis, value dtype, value out,
                           value keepdims) {
  ten_tensor *t = np_borrow(self);
  int64_t axes[TEN_MAX_DIMS];
  bool all = false, keep = false;
  ten_dtype dt = TEN_DTYPE_UNSET;
  int n = np_arg_axes(vm, axis, t->ndim, axes, &all);
  if (n < 0 || np_arg_dtype(vm, dtype, &dt) < 0 || parse_bool(vm, keepdims, &keep) < 0) return val_null();
  ten_tensor *r = np_reduce(vm, op, t, axes, n, all, keep, dt);
  if (!r) return val_null();
  if (arg_given(out)) {
    ten_tensor *o = np_borrow(out);
    if (!o) {
      ten_release(r);
      return exc_set(vm, EXC_TypeError, "output must be an array");
    }
    int rc = ten_copy_(o, r);
    ten_release(r);
    return rc < 0 ? exc_from_ten(vm) : val_incref(out);
  }
  (void)name;
  return np_wrap_result(vm, r);
}

#define REDUCE_METHOD(fname, op)                                                                   \
  static value m_##fname(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {              \
    value a[6];                                                                                    \
    if (bi_parse(vm, #fname, args, nargs, kw, "self|axis,dtype,out,keepdims,initial", a) < 0)      \
      return val_null();                                                                           \
    return reduce_method(vm, #fname, op, a[0], a[1], a[2], a[3], a[4]);                           \
  }
REDUCE_METHOD(sum, NP_RED_SUM)
REDUCE_METHOD(prod, NP_RED_PROD)
#undef REDUCE_METHOD

#define EXT_METHOD(fname, op)                                                                      \
  static value m_##fname(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {              \
    value a[5];                                                                                    \
    if (bi_parse(vm, #fname, args, nargs, kw, "self|axis,out,keepdims,initial", a) < 0)            \
      return val_null();                                                                           \
    return reduce_method(vm, #fname, op, a[0], a[1], val_null(), a[2], a[3]);                     \
  }
EXT_METHOD(max, NP_RED_MAX)
EXT_METHOD(min, NP_RED_MIN)
EXT_METHOD(all, NP_RED_ALL)
EXT_METHOD(any, NP_RED_ANY)
#undef EXT_METHOD

static value m_mean(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  if (bi_parse(vm, "mean", args, nargs, kw, "self|axis,dtype,out,keepdims", a) < 0) return val_null();
  ten_tensor *t = np_borrow(a[0]);
  int64_t axes[TEN_MAX_DIMS];
  bool all = false, keep = false;
  ten_dtype dt = TEN_DTYPE_UNSET;
  int n = np_arg_axes(vm, a[1], t->ndim, axes, &all);
  if (n < 0 || np_arg_dtype(vm, a[2], &dt) < 0 || parse_bool(vm, a[4], &keep) < 0) return val_null();
  return np_wrap_result(vm, np_mean(vm, t, axes, n, all, keep, dt));
}

static value var_method(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, bool std) {
  value a[6];
  if (bi_parse(vm, std ? "std" : "var", args, nargs, kw, "self|axis,dtype,out,ddof,keepdims", a) < 0) return val_null();
  ten_tensor *t = np_borrow(a[0]);
  int64_t axes[TEN_MAX_DIMS], ddof = 0;
  bool all = false, keep = false;
  ten_dtype dt = TEN_DTYPE_UNSET;
  int n = np_arg_axes(vm, a[1], t->ndim, axes, &all);
  if (n < 0 || np_arg_dtype(vm, a[2], &dt) < 0 || parse_bool(vm, a[5], &keep) < 0) return val_null();
  if (arg_given(a[4]) && obj_as_index(vm, a[4], &ddof) < 0) return val_null();
  return np_wrap_result(vm, np_var(vm, t, axes, n, all, keep, dt, ddof, std));
}
static value m_var(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return var_method(vm, args, nargs, kw, false); }
static value m_std(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return var_method(vm, args, nargs, kw, true); }

static value argext_method(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, bool max) {
  value a[4];
  if (bi_parse(vm, max ? "argmax" : "argmin", args, nargs, kw, "self|axis,out,keepdims", a) < 0) return val_null();
  ten_tensor *t = np_borrow(a[0]);
  bool keep = false;
  if (parse_bool(vm, a[3], &keep) < 0) return val_null();
  if (!arg_given(a[1])) return np_wrap_result(vm, np_argext(vm, t, 0, true, keep, max));
  int64_t axes[TEN_MAX_DIMS];
  bool all;
  int n = np_arg_axes(vm, a[1], t->ndim, axes, &all);
  if (n < 0) return val_null();
  if (n != 1) return exc_set(vm, EXC_TypeError, "'tuple' object cannot be interpreted as an integer");
  return np_wrap_result(vm, np_argext(vm, t, axes[0], false, keep, max));
}
static value m_argmax(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return argext_method(vm, args, nargs, kw, true); }
static value m_argmin(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return argext_method(vm, args, nargs, kw, false); }

static value m_dot(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "dot", nargs, 2, 3) < 0) return val_null();
  return np_dot(vm, args[0], args[1], false);
}

/* np.clip / ndarray.clip: maximum with lo, then minimum with hi (either may be None), into out if given. */
value np_clip(lang_vm *vm, value a, value lo, value hi, value out) {
  value r = val_incref(a);
  value bound[2] = {lo, hi};
  for (int k = 0; k < 2; k++) {
    if (!arg_given(bound[k])) continue;
    value m = np_binary(vm, k == 0 ? NP_MAXIMUM : NP_MINIMUM, r, bound[k], val_null());
    val_decref(r);
    if (VAL_IS_NULL(m)) return m;
    r = m;
  }
  if (arg_given(out)) {
    int rc = ten_copy_(np_borrow(out), np_borrow(r));
    val_decref(r);
    return rc < 0 ? exc_from_ten(vm) : val_incref(out);
  }
  return r;
}

static value m_clip(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[4];
  if (bi_parse(vm, "clip", args, nargs, kw, "self|min,max,out", a) < 0) return val_null();
  return np_clip(vm, a[0], a[1], a[2], a[3]);
}

/* a.round(decimals): NumPy's rint(x * 10**d) / 10**d */
value np_round_value(lang_vm *vm, value x, int64_t decimals);
static value m_round(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "round", args, nargs, kw, "self|decimals,out", a) < 0) return val_null();
  int64_t d = 0;
  if (arg_given(a[1]) && obj_as_index(vm, a[1], &d) < 0) return val_null();
  return np_round_value(vm, a[0], d);
}

static value m_cumsum(lang_vm *vm, const value *args, int nargs, obj_tuple *kw);
static value m_nonzero(lang_vm *vm, const value *args, int nargs, obj_tuple *kw);
static value m_sort(lang_vm *vm, const value *args, int nargs, obj_tuple *kw);
static value m_argsort(lang_vm *vm, const value *args, int nargs, obj_tuple *kw);

static value m_cumsum(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[4];
  if (bi_parse(vm, "cumsum", args, nargs, kw, "self|axis,dtype,out", a) < 0) return val_null();
  ten_tensor *t = np_borrow(a[0]);
  ten_dtype dt = TEN_DTYPE_UNSET;
  if (np_arg_dtype(vm, a[2], &dt) < 0) return val_null();
  if (dt == TEN_DTYPE_UNSET) dt = ten_dtype_is_float(t->dtype) ? t->dtype : TEN_DTYPE_I64;
  ten_tensor *src;
  int64_t axis = 0;
  if (!arg_given(a[1])) {
    int64_t n = ten_numel(t);
    src = ten_reshape(t, &n, 1);
  } else {
    int64_t axes[TEN_MAX_DIMS];
    bool all;
    if (np_arg_axes(vm, a[1], t->ndim, axes, &all) < 0) return val_null();
    axis = axes[0];
    src = ten_alias(t);
  }
  if (!src) return exc_from_ten(vm);
  ten_tensor *r = ten_cumsum(src, axis, dt);
  ten_release(src);
  return np_wrap(vm, r);
}

static value m_nonzero(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = np_borrow(args[0]);
  ten_tensor *nz = ten_nonzero(t);   /* (n, ndim) */
  if (!nz) return exc_from_ten(vm);
  int nd = t->ndim ? t->ndim : 1;
  obj_tuple *res = tuple_new(vm, nd);
  if (!res) {
    ten_release(nz);
    return val_null();
  }
  for (int d = 0; d < nd; d++) {
    ten_tensor *col = t->ndim ? ten_select(nz, 1, d) : ten_select(nz, 1, 0);
    ten_tensor *c = col ? ten_clone(col) : NULL;
    ten_release(col);
    value v = np_wrap(vm, c);
    if (VAL_IS_NULL(v)) {
      obj_decref(res);
      ten_release(nz);
      return v;
    }
    res->items[d] = v;
  }
  ten_release(nz);
  return val_obj(res);
}

static int sort_axis(lang_vm *vm, value axis_v, ten_tensor *t, int64_t *axis) {
  *axis = -1;
  if (VAL_IS_NULL(axis_v)) return 0;
  if (axis_v.tag == VAL_NONE) return 1;   /* flattened */
  int64_t axes[TEN_MAX_DIMS];
  bool all;
  if (np_arg_axes(vm, axis_v, t->ndim, axes, &all) < 0) return -1;
  *axis = axes[0];
  return 0;
}

static value m_sort(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[4];
  if (bi_parse(vm, "sort", args, nargs, kw, "self|axis,kind,order", a) < 0) return val_null();
  ten_tensor *t = np_borrow(a[0]);
  int64_t axis;
  if (sort_axis(vm, a[1], t, &axis) < 0) return val_null();
  if (t->ndim == 0) return exc_set(vm, EXC_ValueError, "Cannot sort a 0-d array");
  ten_tensor *vals = NULL, *idx = NULL;
  if (ten_sort(t, axis, false, &vals, &idx) < 0) return exc_from_ten(vm);
  int rc = ten_copy_(t, vals);
  ten_release(vals);
  ten_release(idx);
  return rc < 0 ? exc_from_ten(vm) : val_none();
}

static value m_argsort(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[4];
  if (bi_parse(vm, "argsort", args, nargs, kw, "self|axis,kind,order", a) < 0) return val_null();
  ten_tensor *t = np_borrow(a[0]);
  int64_t axis;
  int flat = sort_axis(vm, a[1], t, &axis);
  if (flat < 0) return val_null();
  ten_tensor *src = flat ? ten_reshape(t, (int64_t[]){ten_numel(t)}, 1) : ten_alias(t);
  if (!src) return exc_from_ten(vm);
  if (src->ndim == 0) {
    ten_release(src);
    return np_wrap(vm, ten_zeros(NULL, 0, TEN_DTYPE_I64, TEN_CPU));
  }
  ten_tensor *vals = NULL, *idx = NULL;
  int rc = ten_sort(src, axis, false, &vals, &idx);
  ten_release(src);
  ten_release(vals);
  if (rc < 0) return exc_from_ten(vm);
  return np_wrap(vm, idx);
}

static value m_view(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = np_borrow(args[0]);
  if (nargs > 1 && args[1].tag != VAL_NONE) {
    ten_dtype dt = TEN_DTYPE_UNSET;
    if (np_arg_dtype(vm, args[1], &dt) < 0) return val_null();
    if (dt != t->dtype) return exc_set(vm, EXC_NotImplementedError, "ctorch's numpy: view() with a different dtype is not supported");
  }
  return np_wrap(vm, ten_alias(t));
}

static value m_array(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = np_borrow(args[0]);
  ten_dtype dt = TEN_DTYPE_UNSET;
  if (nargs > 1 && np_arg_dtype(vm, args[1], &dt) < 0) return val_null();
  if (dt == TEN_DTYPE_UNSET || dt == t->dtype) return np_wrap(vm, ten_alias(t));
  return np_wrap(vm, np_to_tensor(vm, args[0], dt, true));
}

static value m_float(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = np_borrow(args[0]);
  if (ten_numel(t) != 1) return exc_set(vm, EXC_TypeError, "only size-1 arrays can be converted to Python scalars");
  return val_float(ten_get_double(t, 0));
}
static value m_int(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = np_borrow(args[0]);
  if (ten_numel(t) != 1) return exc_set(vm, EXC_TypeError, "only size-1 arrays can be converted to Python scalars");
  if (ten_dtype_is_float(t->dtype)) {
    double d = ten_get_double(t, 0);
    if (isnan(d)) return exc_set(vm, EXC_ValueError, "cannot convert float NaN to integer");
    if (isinf(d)) return exc_set(vm, EXC_OverflowError, "cannot convert float infinity to integer");
    return val_int((int64_t)d);
  }
  return val_int(ten_get_int(t, 0));
}
static value m_index(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = np_borrow(args[0]);
  if (ten_numel(t) != 1 || ten_dtype_is_float(t->dtype) || t->ndim != 0)
    return exc_set(vm, EXC_TypeError, "only integer scalar arrays can be converted to a scalar index");
  return val_int(ten_get_int(t, 0));
}

static value m_dunder_copy(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return m_copy(vm, args, 1, NULL); }

const bi_reg np_array_methods[] = {
  {"copy", m_copy, BI_VARARGS, BI_F_KW, "a.copy(order='C')\n\nReturn a copy of the array."},
  {"reshape", m_reshape, BI_VARARGS, BI_F_KW, "a.reshape(shape, order='C')\n\nReturns an array containing the same data with a new shape."},
  {"transpose", m_transpose, BI_VARARGS, 0, "a.transpose(*axes)\n\nReturns a view of the array with axes transposed."},
  {"swapaxes", m_swapaxes, BI_VARARGS, 0, NULL},
  {"astype", m_astype, BI_VARARGS, BI_F_KW, "a.astype(dtype, order='K', casting='unsafe', subok=True, copy=True)\n\nCopy of the array, cast to a specified type."},
  {"flatten", m_flatten, BI_VARARGS, BI_F_KW, "a.flatten(order='C')\n\nReturn a copy of the array collapsed into one dimension."},
  {"ravel", m_ravel, BI_VARARGS, BI_F_KW, "a.ravel([order])\n\nReturn a flattened array."},
  {"squeeze", m_squeeze, BI_VARARGS, BI_F_KW, NULL},
  {"tolist", m_tolist, 1, 0, "a.tolist()\n\nReturn the array as an a.ndim-levels deep nested list of Python scalars."},
  {"item", m_item, BI_VARARGS, 0, "a.item(*args)\n\nCopy an element of an array to a standard Python scalar and return it."},
  {"fill", m_fill, BI_VARARGS, 0, NULL},
  {"sum", m_sum, BI_VARARGS, BI_F_KW, "a.sum(axis=None, dtype=None, out=None, keepdims=False, initial=0, where=True)"},
  {"prod", m_prod, BI_VARARGS, BI_F_KW, NULL},
  {"max", m_max, BI_VARARGS, BI_F_KW, NULL},
  {"min", m_min, BI_VARARGS, BI_F_KW, NULL},
  {"all", m_all, BI_VARARGS, BI_F_KW, NULL},
  {"any", m_any, BI_VARARGS, BI_F_KW, NULL},
  {"mean", m_mean, BI_VARARGS, BI_F_KW, "a.mean(axis=None, dtype=None, out=None, keepdims=False)"},
  {"var", m_var, BI_VARARGS, BI_F_KW, NULL},
  {"std", m_std, BI_VARARGS, BI_F_KW, NULL},
  {"argmax", m_argmax, BI_VARARGS, BI_F_KW, NULL},
  {"argmin", m_argmin, BI_VARARGS, BI_F_KW, NULL},
  {"dot", m_dot, BI_VARARGS, 0, "a.dot(b, out=None)\n\nDot product of two arrays."},
  {"clip", m_clip, BI_VARARGS, BI_F_KW, NULL},
  {"round", m_round, BI_VARARGS, BI_F_KW, NULL},
  {"cumsum", m_cumsum, BI_VARARGS, BI_F_KW, NULL},
  {"nonzero", m_nonzero, 1, 0, NULL},
  {"sort", m_sort, BI_VARARGS, BI_F_KW, NULL},
  {"argsort", m_argsort, BI_VARARGS, BI_F_KW, NULL},
  {"view", m_view, BI_VARARGS, 0, NULL},
  {"__array__", m_array, BI_VARARGS, 0, NULL},
  {"__copy__", m_dunder_copy, 1, 0, NULL},
  {"__deepcopy__", m_dunder_copy, BI_VARARGS, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};

static const bi_reg array_only_methods[] = {
  {"__float__", m_float, 1, 0, NULL},
  {"__int__", m_int, 1, 0, NULL},
  {"__index__", m_index, 1, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};

/* np.ndarray(shape, dtype=float): an uninitialised (here: zeroed) array */
static value array_new_slot(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "ndarray", args, nargs, kw, "shape|dtype", a) < 0) return val_null();
  int64_t shape[TEN_MAX_DIMS];
  int nd = arg_shape_value(vm, a[0], shape, "ndarray");
  ten_dtype dt = TEN_DTYPE_F64;
  if (nd < 0 || np_arg_dtype(vm, a[1], &dt) < 0) return val_null();
  return np_wrap(vm, ten_zeros(shape, nd, dt, TEN_CPU));
}

obj_type type_ndarray = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "numpy.ndarray", .basicsize = sizeof(obj_ndarray),
  .tflags = TYPE_F_BASETYPE, .dealloc = np_obj_dealloc, .repr = array_repr, .str = array_str,
  .format = array_format, .binop = np_binop_slot, .richcmp = np_richcmp_slot, .unop = np_unop_slot,
  .getitem = np_getitem, .setitem = np_setitem, .len = array_len, .iter = array_iter, .truth = array_truth,
  .contains = array_contains, .new_ = array_new_slot,
};

static int unhashable(lang_vm *vm, value self, int64_t *out) {
  return exc_seti(vm, EXC_TypeError, "unhashable type: 'numpy.ndarray'");
}

int numpy_array_init(lang_vm *vm) {
  type_ndarray.hash = unhashable;
  if (type_ready(vm, &type_ndarray) < 0 || type_ready(vm, &type_npiter) < 0) return -1;
  type_ndarray.name_str = type_ndarray.qualname = str_intern(vm, "ndarray");
  type_ndarray.module = str_intern(vm, "numpy");
  if (type_add_methods(vm, &type_ndarray, np_array_methods) < 0 || type_add_methods(vm, &type_ndarray, array_only_methods) < 0 ||
      type_add_getsets(vm, &type_ndarray, np_array_getsets) < 0 || type_add_getsets(vm, &type_ndarray, array_only_getsets) < 0)
    return -1;
  return 0;
}
