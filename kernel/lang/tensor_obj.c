/*
** kernel/lang/tensor_obj.c — the Tensor type of the language: a refcounted wrapper around one
** ten_tensor reference. Printing, Python operators (with Python numbers as wrapped 0-dim operands),
** comparisons, indexing and assignment, iteration, truth and number conversions, attributes.
*/
#include <stdio.h>
#include <stdlib.h>

#include "autograd/autograd.h"
#include "kernel/lang/numpy_bind.h"
#include "kernel/lang/torch_bind.h"


value tensor_wrap_as(lang_vm *vm, ten_tensor *t, obj_type *type) {
  if (!t) return exc_from_ten(vm);
  /* one tensor, one object (as PyTorch): x.grad is x.grad, AccumulateGrad.variable is x */
  obj_tensor *own = t->owner;
  if (own && own->hdr.type == type) {
    ten_release(t);
    obj_incref(own);
    return val_obj(own);
  }
  obj_tensor *o = obj_alloc(vm, type, type->basicsize);
  if (!o) {
    ten_release(t);
    return val_null();
  }
  o->t = t;
  if (!own) t->owner = o;
  return val_obj(o);
}

value tensor_wrap(lang_vm *vm, ten_tensor *t) { return tensor_wrap_as(vm, t, &type_tensor); }

static void tensor_dealloc(obj *o) {
  obj_tensor *x = (obj_tensor *)o;
  if (x->t && x->t->owner == x) x->t->owner = NULL;
  ten_release(x->t);
  x->t = NULL;
}

/* ---- printing ---- */

static value tensor_repr(lang_vm *vm, value self) {
  ten_tensor *t = VAL_TENSOR(self);
  ag_node *fn = ag_current_grad_fn(t);
  ten_repr_extra extra = {fn ? ag_node_name(fn) : NULL, t->requires_grad};
  char *s = ten_repr(t, &extra);
  if (!s) return exc_from_ten(vm);
  obj_str *r = str_from_cstr(vm, s);
  free(s);
  return r ? val_obj(r) : val_null();
}

static value item_value(lang_vm *vm, ten_tensor *t) {
  ten_scalar s;
  if (ten_item(t, &s) < 0) return exc_from_ten(vm);
  switch (s.kind) {
  case TEN_SCALAR_BOOL: return val_bool(s.v.b);
  case TEN_SCALAR_INT: return val_int(s.v.i);
  default: return val_float(s.v.f);
  }
}

static value tensor_format(lang_vm *vm, value self, obj_str *spec) {
  ten_tensor *t = VAL_TENSOR(self);
  if (t->ndim == 0) {
    value v = item_value(vm, t);
    if (VAL_IS_NULL(v)) return v;
    value r = obj_format(vm, v, spec);
    val_decref(v);
    return r;
  }
  if (spec->len == 0) return obj_str_of(vm, self);
  return exc_set(vm, EXC_TypeError, "unsupported format string passed to Tensor.__format__");
}

/* ---- operators ---- */

static bool binop_of(int op, ten_binop *out) {
  switch (op) {
  case BINOP_ADD: *out = TEN_BINOP_ADD; return true;
  case BINOP_SUB: *out = TEN_BINOP_SUB; return true;
  case BINOP_MUL: *out = TEN_BINOP_MUL; return true;
  case BINOP_TRUEDIV: *out = TEN_BINOP_DIV; return true;
  case BINOP_FLOORDIV: *out = TEN_BINOP_DIV_FLOOR; return true;
  case BINOP_MOD: *out = TEN_BINOP_REMAINDER; return true;
  case BINOP_POW: *out = TEN_BINOP_POW; return true;
  case BINOP_AND: *out = TEN_BINOP_BITWISE_AND; return true;
  case BINOP_OR: *out = TEN_BINOP_BITWISE_OR; return true;
  case BINOP_XOR: *out = TEN_BINOP_BITWISE_XOR; return true;
  default: return false;
  }
}

/* number OP tensor, the way PyTorch's reflected dunders compute it: 2 + x and 2 * x as x + 2 and
   x * 2 (same values, edges (x, None)), 2 - x as rsub, 2 / x as x.reciprocal() * 2. NULL: not one. */
static bool reflected_number_op(lang_vm *vm, value a, value b, int op, value *out) {
  if (!val_is_number(a) || !val_is_tensor(b)) return false;
  ten_scalar s;
  if (arg_scalar(vm, a, &s) < 0) {
    *out = val_null();
    return true;
  }
  ten_tensor *t = VAL_TENSOR(b), *r;
  switch (op) {
  case BINOP_ADD: r = ag_add_scalar(t, s); break;
  case BINOP_MUL: r = ag_mul_scalar(t, s); break;
  case BINOP_SUB: r = ag_rsub_scalar(t, s, ten_scalar_int(1)); break;
  case BINOP_TRUEDIV: {
    ten_tensor *rec = ag_unary(TEN_UNOP_RECIPROCAL, t);
    r = rec ? ag_mul_scalar(rec, s) : NULL;
    ten_release(rec);
    break;
  }
  default: return false;
  }
  *out = tensor_wrap(vm, r);
  return true;
}

static value tensor_binop(lang_vm *vm, value a, value b, int op, bool reflected) {
  bool inplace = op >= BINOP_INPLACE;
  int base = inplace ? op - BINOP_INPLACE : op;
  if (base == BINOP_MATMUL) {
    if (!val_is_tensor(a) || !val_is_tensor(b)) return val_notimpl();
    if (inplace) return val_notimpl();
    return tensor_wrap(vm, ag_matmul(VAL_TENSOR(a), VAL_TENSOR(b)));
  }
  if ((base == BINOP_LSHIFT || base == BINOP_RSHIFT) && val_is_tensor(a) && val_is_intlike(b) &&
      !ten_dtype_is_float(VAL_TENSOR(a)->dtype)) {
    int64_t k = val_as_int(b);
    if (k < 0 || k > 62) return exc_set(vm, EXC_RuntimeError, "shift count out of range");
    ten_tensor *p = ten_wrap_scalar(ten_scalar_int((int64_t)1 << k));
    ten_tensor *r = ten_binary(base == BINOP_LSHIFT ? TEN_BINOP_MUL : TEN_BINOP_DIV_FLOOR, VAL_TENSOR(a), p, ten_scalar_int(1));
    ten_release(p);
    if (inplace && r) {
      int rc = ten_copy_(VAL_TENSOR(a), r);
      ten_release(r);
      return rc < 0 ? exc_from_ten(vm) : val_incref(a);
    }
    return tensor_wrap(vm, r);
  }
  ten_binop tb;
  if (!binop_of(base, &tb)) return val_notimpl();
  /* scalar exponents take PyTorch's pow(Tensor, Scalar) path */
  if (base == BINOP_POW && !inplace) {
    ten_scalar s;
    if (val_is_tensor(a) && val_is_number(b)) {
      arg_scalar(vm, b, &s);
      return tensor_wrap(vm, ag_pow_scalar(VAL_TENSOR(a), s));
    }
    if (val_is_number(a) && val_is_tensor(b)) {
      arg_scalar(vm, a, &s);
      return tensor_wrap(vm, ag_rpow_scalar(s, VAL_TENSOR(b)));
    }
  }
  if (base == BINOP_POW && inplace && val_is_tensor(a) && val_is_number(b)) {
    ten_scalar s;
    arg_scalar(vm, b, &s);
    return ag_pow_scalar_(VAL_TENSOR(a), s) < 0 ? exc_from_ten(vm) : val_incref(a);
  }
  value rr;
  if (!inplace && reflected && reflected_number_op(vm, a, b, base, &rr)) return rr;
  ten_tensor *x = arg_operand(vm, a);
  if (!x) return val_notimpl();
  ten_tensor *y = arg_operand(vm, b);
  if (!y) {
    ten_release(x);
    return val_notimpl();
  }
  value r;
  if (inplace && val_is_tensor(a)) {
    int rc = ag_binary_(tb, x, y, ten_scalar_int(1));
    r = rc < 0 ? exc_from_ten(vm) : val_incref(a);
  } else {
    r = tensor_wrap(vm, ag_binary(tb, x, y, ten_scalar_int(1)));
  }
  ten_release(x);
  ten_release(y);
  return r;
}

static value tensor_richcmp(lang_vm *vm, value a, value b, int op) {
  static const ten_binop cmp[6] = {TEN_BINOP_LT, TEN_BINOP_LE, TEN_BINOP_EQ, TEN_BINOP_NE, TEN_BINOP_GT, TEN_BINOP_GE};
  ten_tensor *x = arg_operand(vm, a);
  if (!x) return val_notimpl();
  ten_tensor *y = arg_operand(vm, b);
  if (!y) {
    ten_release(x);
    return val_notimpl();
  }
  value r = tensor_wrap(vm, ten_binary(cmp[op], x, y, ten_scalar_int(1)));
  ten_release(x);
  ten_release(y);
  return r;
}


static value tensor_unop(lang_vm *vm, value self, int op) {
  ten_tensor *t = VAL_TENSOR(self);
  switch (op) {
  case UNOP_NEG:
    if (t->dtype == TEN_DTYPE_BOOL)
      return exc_set(vm, EXC_RuntimeError, "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
    return tensor_wrap(vm, ag_unary(TEN_UNOP_NEG, t));
  case UNOP_POS: return val_incref(self);
  case UNOP_ABS: return tensor_wrap(vm, ag_unary(TEN_UNOP_ABS, t));
  case UNOP_INVERT:
    if (ten_dtype_is_float(t->dtype))
      return exc_set(vm, EXC_TypeError, "~ (operator.invert) is only implemented on integer and Boolean-type tensors");
    return tensor_wrap(vm, ag_unary(TEN_UNOP_BITWISE_NOT, t));
  default: return val_notimpl();
  }
}

/* ---- indexing ---- */


static value tensor_getitem(lang_vm *vm, value self, value key) {
  ten_index idx[TEN_MAX_DIMS * 2];
  ten_tensor *held[TEN_MAX_DIMS * 2];
  int n = 0, nheld = 0;
  if (arg_index(vm, key, idx, &n, held, &nheld) < 0) return val_null();
  value r = tensor_wrap(vm, ag_index_get(VAL_TENSOR(self), idx, n));
  for (int i = 0; i < nheld; i++) ten_release(held[i]);
  return r;
}

static int tensor_setitem(lang_vm *vm, value self, value key, value v) {
  if (VAL_IS_NULL(v)) return exc_seti(vm, EXC_TypeError, "'Tensor' object does not support item deletion");
  ten_tensor *t = VAL_TENSOR(self);
  ten_tensor *src;
  if (val_is_tensor(v)) {
    src = VAL_TENSOR(v);
    ten_retain(src);
  } else {
    ten_scalar s;
    if (!val_is_number(v)) {
      if (val_is_list(v) || val_is_tuple(v)) {
        src = tensor_from_data(vm, v, t->dtype);
        if (!src) return -1;
      } else {
        return exc_seti(vm, EXC_TypeError, "can't assign a %s to a %s", val_type_name(v), ten_dtype_tensor_type(t->dtype));
      }
    } else {
      if (arg_scalar(vm, v, &s) < 0) return -1;
      src = ten_scalar_tensor(s, t->dtype, ten_device_of(t));
      if (!src) {
        exc_from_ten(vm);
        return -1;
      }
    }
  }
  ten_index idx[TEN_MAX_DIMS * 2];
  ten_tensor *held[TEN_MAX_DIMS * 2];
  int n = 0, nheld = 0;
  int rc = arg_index(vm, key, idx, &n, held, &nheld);
  if (rc == 0 && ag_index_put(t, idx, n, src) < 0) {
    exc_from_ten(vm);
    rc = -1;
  }
  for (int i = 0; i < nheld; i++) ten_release(held[i]);
  ten_release(src);
  return rc;
}

static int64_t tensor_len(lang_vm *vm, value self) {
  ten_tensor *t = VAL_TENSOR(self);
  if (t->ndim == 0) return exc_seti(vm, EXC_TypeError, "len() of a 0-d tensor");
  return t->shape[0];
}

static value tensor_iter(lang_vm *vm, value self) {
  if (VAL_TENSOR(self)->ndim == 0) return exc_set(vm, EXC_TypeError, "iteration over a 0-d tensor");
  return seqiter_new(vm, self);
}

static int tensor_truth(lang_vm *vm, value self) {
  ten_tensor *t = VAL_TENSOR(self);
  int64_t n = ten_numel(t);
  if (n == 0) return exc_seti(vm, EXC_RuntimeError, "Boolean value of Tensor with no values is ambiguous");
  if (n > 1) return exc_seti(vm, EXC_RuntimeError, "Boolean value of Tensor with more than one value is ambiguous");
  return ten_get_double(t, 0) != 0.0;
}

static int tensor_contains(lang_vm *vm, value self, value x) {
  ten_tensor *y = arg_operand(vm, x);
  if (!y) return exc_seti(vm, EXC_RuntimeError, "Tensor.__contains__ only supports Tensor or scalar, but you passed in a %s.",
                          val_type_name(x));
  ten_tensor *eq = ten_binary(TEN_BINOP_EQ, VAL_TENSOR(self), y, ten_scalar_int(1));
  ten_release(y);
  if (!eq) {
    exc_from_ten(vm);
    return -1;
  }
  ten_tensor *any = ten_any(eq, NULL, 0, false);
  ten_release(eq);
  if (!any) {
    exc_from_ten(vm);
    return -1;
  }
  int r = ten_get_double(any, 0) != 0.0;
  ten_release(any);
  return r;
}

/* ---- number conversions ---- */

static value m_float(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = VAL_TENSOR(args[0]);
  if (ten_numel(t) != 1) return exc_set(vm, EXC_ValueError, "only one element tensors can be converted to Python scalars");
  return val_float(ten_get_double(t, 0));
}

static value m_int(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = VAL_TENSOR(args[0]);
  if (ten_numel(t) != 1) return exc_set(vm, EXC_ValueError, "only one element tensors can be converted to Python scalars");
  if (ten_dtype_is_float(t->dtype)) {
    double d = ten_get_double(t, 0);
    if (d != d) return exc_set(vm, EXC_ValueError, "cannot convert float NaN to integer");
    return val_int((int64_t)d);
  }
  return val_int(ten_get_int(t, 0));
}

static value m_index(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = VAL_TENSOR(args[0]);
  if (ten_dtype_is_float(t->dtype) || ten_numel(t) != 1)
    return exc_set(vm, EXC_TypeError, "only integer tensors of a single element can be converted to an index");
  return val_int(ten_get_int(t, 0));
}

static value m_reversed(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = VAL_TENSOR(args[0]);
  if (t->ndim == 0) return val_incref(args[0]);
  int64_t dim = 0;
  return tensor_wrap(vm, ten_flip(t, &dim, 1));
}

static const bi_reg tensor_dunders[] = {
  {"__float__", m_float, 1, 0, NULL},
  {"__int__", m_int, 1, 0, NULL},
  {"__index__", m_index, 1, 0, NULL},
  {"__reversed__", m_reversed, 1, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};

/* ---- attributes ---- */

static value g_shape(lang_vm *vm, value self) {
  ten_tensor *t = VAL_TENSOR(self);
  return size_value(vm, t->shape, t->ndim);
}
static value g_dtype(lang_vm *vm, value self) { return dtype_value(VAL_TENSOR(self)->dtype); }
static value g_device(lang_vm *vm, value self) { return device_value(vm, ten_device_of(VAL_TENSOR(self))); }
static value g_ndim(lang_vm *vm, value self) { return val_int(VAL_TENSOR(self)->ndim); }
static value g_is_cuda(lang_vm *vm, value self) { return val_bool(ten_device_of(VAL_TENSOR(self)).type == TEN_DEV_CUDA); }
static value g_T(lang_vm *vm, value self) {
  ten_tensor *t = VAL_TENSOR(self);
  int64_t dims[TEN_MAX_DIMS];
  for (int i = 0; i < t->ndim; i++) dims[i] = t->ndim - 1 - i;
  return tensor_wrap(vm, ag_permute(t, dims, t->ndim));
}
static value g_mT(lang_vm *vm, value self) {
  ten_tensor *t = VAL_TENSOR(self);
  if (t->ndim < 2) return exc_set(vm, EXC_RuntimeError, "tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.");
  return tensor_wrap(vm, ag_transpose(t, -2, -1));
}

static value g_layout(lang_vm *vm, value self) {
  value torch = dict_get_cstr(vm, vm->modules, "torch");
  if (VAL_IS_NULL(torch)) return val_none();
  return obj_getattr_cstr(vm, torch, "strided");
}
static value g_itemsize(lang_vm *vm, value self) { return val_int((int64_t)ten_dtype_size(VAL_TENSOR(self)->dtype)); }

static const bi_getset tensor_getsets[] = {
  {"shape", g_shape, NULL, "The size of the tensor (torch.Size)."},
  {"dtype", g_dtype, NULL, NULL},
  {"device", g_device, NULL, NULL},
  {"ndim", g_ndim, NULL, NULL},
  {"is_cuda", g_is_cuda, NULL, NULL},
  {"T", g_T, NULL, NULL},
  {"mT", g_mT, NULL, NULL},
  {"layout", g_layout, NULL, NULL},
  {"itemsize", g_itemsize, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

/* ---- construction: torch.Tensor(...) ---- */

static value tensor_new_slot(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  if (kw && kw->len) {
    value dev = kw_get(args, nargs, kw, "device");
    ten_device d = TEN_CPU;
    if (!VAL_IS_NULL(dev) && arg_device(vm, dev, &d) < 0) return val_null();
    if (check_device_available(vm, d) < 0) return val_null();
  }
  ten_dtype dt = ten_default_dtype();
  if (nargs == 1 && (((val_is_list(args[0]) || val_is_tuple(args[0])) && val_type(args[0]) != &type_size) ||
                     np_is_ndarray(args[0])))   /* data; an ndarray is copied */
    return tensor_wrap_as(vm, tensor_from_data(vm, args[0], dt), type);
  if (nargs == 1 && val_is_tensor(args[0])) return tensor_wrap_as(vm, ten_alias(VAL_TENSOR(args[0])), type);
  int64_t shape[TEN_MAX_DIMS];
  int nd = arg_shape(vm, args, nargs, shape, "Tensor");
  if (nd < 0) return val_null();
  return tensor_wrap_as(vm, ten_empty(shape, nd, dt, TEN_CPU), type);
}

/* Tensor._make_subclass(cls, data, require_grad=False): an instance of cls sharing data (nn.Parameter). */
static value m_make_subclass(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "_make_subclass", args, nargs, kw, "cls,data|require_grad", a) < 0) return val_null();
  if (!val_is_type(a[0]) || !type_is_subtype(VAL_TYPE(a[0]), &type_tensor))
    return exc_set(vm, EXC_TypeError, "cls must be a subclass of Tensor");
  ten_tensor *d = arg_tensor(vm, a[1], "_make_subclass", "data", 2);
  if (!d) return val_null();
  bool rg = false;
  if (!VAL_IS_NULL(a[2]) && arg_bool(vm, a[2], &rg) < 0) return val_null();
  ten_tensor *al = ten_alias(d);
  if (al && ag_set_requires_grad(al, rg, true) < 0) {
    ten_release(al);
    return exc_from_ten(vm);
  }
  return tensor_wrap_as(vm, al, VAL_TYPE(a[0]));
}

static const bi_reg tensor_static[] = {
  {"_make_subclass", m_make_subclass, BI_VARARGS, BI_F_KW | BI_F_STATIC, NULL},
  {NULL, NULL, 0, 0, NULL}
};

obj_type type_tensor = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "Tensor", .basicsize = sizeof(obj_tensor),
  .dict_offset = offsetof(obj_tensor, dict), .tflags = TYPE_F_BASETYPE, .dealloc = tensor_dealloc,
  .repr = tensor_repr, .format = tensor_format, .binop = tensor_binop, .richcmp = tensor_richcmp,
  .unop = tensor_unop, .getitem = tensor_getitem, .setitem = tensor_setitem, .len = tensor_len,
  .iter = tensor_iter, .truth = tensor_truth, .contains = tensor_contains, .hash = obj_hash_identity,
  .new_ = tensor_new_slot,
};

int tensor_type_init(lang_vm *vm) {
  if (type_ready(vm, &type_tensor) < 0) return -1;
  if (type_add_methods(vm, &type_tensor, tensor_dunders) < 0 || type_add_getsets(vm, &type_tensor, tensor_getsets) < 0 ||
      type_add_methods(vm, &type_tensor, tensor_static) < 0 || type_add_methods(vm, &type_tensor, tensor_methods) < 0)
    return -1;
  type_tensor.module = str_intern(vm, "torch");
  return 0;
}
