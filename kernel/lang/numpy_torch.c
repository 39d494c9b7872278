/*
** kernel/lang/numpy_torch.c — the tensor <-> ndarray bridge: Tensor.numpy() and torch.from_numpy share
** one storage (writes through either are seen by the other), torch.as_tensor(ndarray) shares when the
** dtype fits, Tensor.__array__ for np.array(t). PyTorch 1.13's error texts.
*/
#include <stdio.h>
#include <stdlib.h>

#include "autograd/autograd.h"
#include "kernel/lang/numpy_bind.h"

/* numpy's types must be ready before an ndarray is made (PyTorch imports numpy the same way) */
static int ensure_numpy(lang_vm *vm) {
  if (type_ndarray.tflags & TYPE_F_READY) return 0;
  value m = import_module(vm, str_intern(vm, "numpy"), val_none(), 0, NULL);
  if (VAL_IS_NULL(m)) return -1;
  val_decref(m);
  return 0;
}

/* PyTorch's checks before sharing t as an ndarray, in its order: a CPU tensor, then (while grad mode
   is on) one that does not require grad. force=True skips both (a copy to the CPU, detached). */
int np_check_tensor(lang_vm *vm, const ten_tensor *t) {
  if (ten_device_of(t).type != TEN_DEV_CPU)
    return exc_seti(vm, EXC_TypeError, "can't convert %s:%d device type tensor to numpy. Use Tensor.cpu() to copy the tensor "
                                       "to host memory first.",
                    "cuda", ten_device_of(t).index < 0 ? 0 : ten_device_of(t).index);
  if (ag_is_grad_enabled() && t->requires_grad)
    return exc_seti(vm, EXC_RuntimeError, "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
  return 0;
}

static value t_numpy(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "numpy", args, nargs, kw, "self|$force", a) < 0) return val_null();
  ten_tensor *t = VAL_TENSOR(a[0]);
  bool force = false;
  if (!VAL_IS_NULL(a[1]) && arg_bool(vm, a[1], &force) < 0) return val_null();
  if (!force && np_check_tensor(vm, t) < 0) return val_null();
  if (ensure_numpy(vm) < 0) return val_null();
  ten_tensor *r = ten_device_of(t).type != TEN_DEV_CPU ? ten_to_device(t, TEN_CPU, true) : ten_alias(t);
  return np_wrap(vm, r);
}

/* Tensor.__array__(dtype=None): self.numpy(), cast without a copy when it already has dtype */
static value t_array(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs < 1) return exc_set(vm, EXC_TypeError, "__array__() missing self");
  ten_tensor *t = VAL_TENSOR(args[0]);
  if (np_check_tensor(vm, t) < 0 || ensure_numpy(vm) < 0) return val_null();
  ten_dtype dt = TEN_DTYPE_UNSET;
  if (nargs > 1 && np_arg_dtype(vm, args[1], &dt) < 0) return val_null();
  return np_wrap(vm, np_to_tensor(vm, args[0], dt, false));
}

static const bi_reg tensor_numpy_methods[] = {
  {"numpy", t_numpy, BI_VARARGS, BI_F_KW,
   "numpy(*, force=False) -> numpy.ndarray\n\nReturns the tensor as a NumPy ndarray sharing its memory (CPU tensors "
   "that do not require grad)."},
  {"__array__", t_array, BI_VARARGS, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};

static bool negative_strides(const ten_tensor *t) {
  for (int d = 0; d < t->ndim; d++)
    if (t->stride[d] < 0) return true;
  return false;
}

static value f_from_numpy(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_no_kwargs(vm, "from_numpy", kw) < 0) return val_null();
  if (nargs != 1) return exc_set(vm, EXC_TypeError, "from_numpy() takes exactly one argument (%d given)", nargs);
  if (!np_is_ndarray(args[0])) {
    obj_type *t = val_type(args[0]);
    return exc_set(vm, EXC_TypeError, "expected np.ndarray (got %s)", t->name_str ? t->name_str->data : t->name);
  }
  ten_tensor *a = np_borrow(args[0]);
  if (negative_strides(a))
    return exc_set(vm, EXC_ValueError, "At least one stride in the given numpy array is negative, and tensors with negative "
                                       "strides are not currently supported. (You can probably work around this by making a "
                                       "copy of your array  with array.copy().) ");
  return tensor_wrap(vm, ten_alias(a));
}

/* torch.as_tensor(data, dtype=None, device=None): an ndarray of the asked dtype on the CPU is shared;
   everything else goes to the torch binding's as_tensor. */
static bi_fn orig_as_tensor(void) {
  for (const bi_reg *r = torch_funcs; r->name; r++)
    if (strcmp(r->name, "as_tensor") == 0) return r->fn;
  return NULL;
}

static value f_as_tensor(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  bi_fn orig = orig_as_tensor();
  if (nargs >= 1 && np_is_ndarray(args[0])) {
    ten_tensor *a = np_borrow(args[0]);
    ten_dtype dt = TEN_DTYPE_UNSET;
    ten_device dev = TEN_CPU;
    value dv = kw_get(args, nargs, kw, "dtype"), dev_v = kw_get(args, nargs, kw, "device");
    if (nargs > 1 && VAL_IS_NULL(dv)) dv = args[1];
    if (nargs > 2 && VAL_IS_NULL(dev_v)) dev_v = args[2];
    if (!VAL_IS_NULL(dv) && arg_dtype(vm, dv, &dt) < 0) return val_null();
    if (!VAL_IS_NULL(dev_v) && arg_device(vm, dev_v, &dev) < 0) return val_null();
    if (check_device_available(vm, dev) < 0) return val_null();
    if ((dt == TEN_DTYPE_UNSET || dt == a->dtype) && dev.type == TEN_DEV_CPU && !negative_strides(a))
      return tensor_wrap(vm, ten_alias(a));
    ten_tensor *c = ten_to_dtype(a, dt == TEN_DTYPE_UNSET ? a->dtype : dt, true);
    if (c && dev.type != TEN_DEV_CPU) {
      ten_tensor *m = ten_to_device(c, dev, false);
      ten_release(c);
      c = m;
    }
    return tensor_wrap(vm, c);
  }
  if (!orig) return exc_set(vm, EXC_RuntimeError, "torch.as_tensor is not available");
  return orig(vm, args, nargs, kw);
}

static const bi_reg torch_numpy_funcs[] = {
  {"from_numpy", f_from_numpy, BI_VARARGS, BI_F_KW,
   "from_numpy(ndarray) -> Tensor\n\nCreates a Tensor from a numpy.ndarray; the two share memory."},
  {"as_tensor", f_as_tensor, BI_VARARGS, BI_F_KW,
   "as_tensor(data, dtype=None, device=None) -> Tensor\n\nConverts data into a tensor, sharing data (ndarrays, tensors) "
   "when possible."},
  {NULL, NULL, 0, 0, NULL}
};

int numpy_torch_init(lang_vm *vm, obj_dict *torch) {
  if (type_add_methods(vm, &type_tensor, tensor_numpy_methods) < 0) return -1;
  return module_add_funcs(vm, torch, torch_numpy_funcs);
}
