/*
** kernel/lang/lib_torch.c — the torch module: registration of the op tables, the Tensor type and
** legacy tensor types (torch.FloatTensor ...), seeding, default dtype, print options, grad-mode
** context managers, and the torch.cuda namespace.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "autograd/autograd.h"
#include "kernel/lang/numpy_bind.h"
#include "kernel/lang/torch_bind.h"

#ifdef CTORCH_HAVE_CUDA
#include "cuda/cu.h"
#endif

int tensor_type_init(lang_vm *vm);
/* nn_bind.c: the nn functions of torch, and the torch._C / torch._C._nn modules */
extern const bi_reg nn_torch_funcs[];
int lib_torch_C_init(lang_vm *vm, obj_dict *d);
int lib_torch_C_nn_init(lang_vm *vm, obj_dict *d);
value ser_save(lang_vm *vm, const value *args, int nargs, obj_tuple *kw);   /* serialize.c */
value ser_load(lang_vm *vm, const value *args, int nargs, obj_tuple *kw);
int numpy_torch_init(lang_vm *vm, obj_dict *torch);   /* numpy_torch.c: Tensor.numpy, torch.from_numpy */

static int cuda_count(void) {
#ifdef CTORCH_HAVE_CUDA
  return torch_cuda_enabled() ? cu_device_count() : 0;
#else
  return 0;
#endif
}

/* ---- seeding ---- */

static obj_generator default_gen_obj = {OBJ_STATIC_HEAD(&type_generator_t), NULL, false};

static value default_generator(void) {
  default_gen_obj.g = ten_default_generator();
  return val_obj(&default_gen_obj);
}

static value t_manual_seed(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t s;
  if (bi_check_nargs(vm, "manual_seed", nargs, 1, 1) < 0 || arg_int(vm, args[0], &s) < 0) return val_null();
  ten_generator_seed(ten_default_generator(), (uint64_t)s);
  return default_generator();
}
static value t_seed(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return val_int((int64_t)ten_generator_seed_random(ten_default_generator()));
}
static value t_initial_seed(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return val_int((int64_t)ten_generator_initial_seed(ten_default_generator()));
}
static value t_get_rng_state(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value g = default_generator();
  value a[1] = {g};
  return vm_call_method(vm, g, str_intern(vm, "get_state"), a + 1, 0, NULL);
}
static value t_set_rng_state(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value g = default_generator();
  value r = vm_call_method(vm, g, str_intern(vm, "set_state"), args, nargs, NULL);
  if (VAL_IS_NULL(r)) return r;
  val_decref(r);
  return val_none();
}

/* ---- dtypes ---- */

static value t_get_default_dtype(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return dtype_value(ten_default_dtype()); }
static value t_set_default_dtype(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_dtype dt = TEN_DTYPE_UNSET;
  if (bi_check_nargs(vm, "set_default_dtype", nargs, 1, 1) < 0 || arg_dtype(vm, args[0], &dt) < 0) return val_null();
  if (ten_set_default_dtype(dt) < 0) return exc_from_ten(vm);
  return val_none();
}
static value t_promote_types(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_dtype a = TEN_DTYPE_UNSET, b = TEN_DTYPE_UNSET;
  if (bi_check_nargs(vm, "promote_types", nargs, 2, 2) < 0 || arg_dtype(vm, args[0], &a) < 0 || arg_dtype(vm, args[1], &b) < 0)
    return val_null();
  return dtype_value(ten_promote(a, b));
}
static value t_result_type(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "result_type", nargs, 2, 2) < 0) return val_null();
  ten_tensor *a = arg_operand(vm, args[0]), *b = arg_operand(vm, args[1]);
  if (!a || !b) {
    ten_release(a);
    ten_release(b);
    return exc_set(vm, EXC_TypeError, "result_type() received an invalid combination of arguments");
  }
  const ten_tensor *ts[2] = {a, b};
  ten_dtype r = ten_result_type(ts, 2);
  ten_release(a);
  ten_release(b);
  return dtype_value(r);
}
static value t_can_cast(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_dtype a = TEN_DTYPE_UNSET, b = TEN_DTYPE_UNSET;
  if (bi_check_nargs(vm, "can_cast", nargs, 2, 2) < 0 || arg_dtype(vm, args[0], &a) < 0 || arg_dtype(vm, args[1], &b) < 0)
    return val_null();
  return val_bool(ten_can_cast(a, b));
}

/* ---- printing ---- */

static value t_set_printoptions(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[6];
  if (bi_parse(vm, "set_printoptions", args, nargs, kw, "|precision,threshold,edgeitems,linewidth,profile,sci_mode", a) < 0)
    return val_null();
  ten_print_options o;
  ten_print_options_get(&o);
  if (!VAL_IS_NULL(a[4]) && a[4].tag != VAL_NONE) {
    if (!val_is_str(a[4])) return exc_set(vm, EXC_TypeError, "profile must be a str");
    const char *p = VAL_STR(a[4])->data;
    if (strcmp(p, "default") == 0) o = (ten_print_options){4, 1000, 3, 80, o.sci_mode};
    else if (strcmp(p, "short") == 0) o = (ten_print_options){2, 1000, 2, 80, o.sci_mode};
    else if (strcmp(p, "full") == 0) o = (ten_print_options){4, INT64_MAX, 3, 80, o.sci_mode};
  }
  int64_t v;
  double d;
  if (!VAL_IS_NULL(a[0]) && a[0].tag != VAL_NONE) {
    if (arg_int(vm, a[0], &v) < 0) return val_null();
    o.precision = (int)v;
  }
  if (!VAL_IS_NULL(a[1]) && a[1].tag != VAL_NONE) {
    if (arg_double(vm, a[1], &d) < 0) return val_null();
    o.threshold = isinf(d) || d > 9e18 ? INT64_MAX : (int64_t)d;
  }
  if (!VAL_IS_NULL(a[2]) && a[2].tag != VAL_NONE) {
    if (arg_int(vm, a[2], &v) < 0) return val_null();
    o.edgeitems = (int)v;
  }
  if (!VAL_IS_NULL(a[3]) && a[3].tag != VAL_NONE) {
    if (arg_int(vm, a[3], &v) < 0) return val_null();
    o.linewidth = (int)v;
  }
  /* as PyTorch: every call sets sci_mode (None unless given) */
  if (VAL_IS_NULL(a[5]) || a[5].tag == VAL_NONE) o.sci_mode = -1;
  else {
    {
      bool b;
      if (arg_bool(vm, a[5], &b) < 0) return val_null();
      o.sci_mode = b;
    }
  }
  ten_print_options_set(&o);
  return val_none();
}

/* ---- grad mode: no_grad(), enable_grad(), set_grad_enabled(mode) ---- */

typedef struct obj_gradmode { obj hdr; bool mode; bool prev; int depth; } obj_gradmode;
obj_type type_gradmode;

static value gradmode_make(lang_vm *vm, bool mode, const char *name) {
  obj_gradmode *g = obj_alloc(vm, &type_gradmode, sizeof *g);
  if (!g) return val_null();
  g->mode = mode;
  (void)name;
  return val_obj(g);
}
static value t_no_grad(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return gradmode_make(vm, false, "no_grad"); }
static value t_enable_grad(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return gradmode_make(vm, true, "enable_grad"); }
static value t_set_grad_enabled(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  bool mode;
  if (bi_check_nargs(vm, "set_grad_enabled", nargs, 1, 1) < 0 || arg_bool(vm, args[0], &mode) < 0) return val_null();
  /* takes effect at once (as a function) and also works as a context manager */
  value g = gradmode_make(vm, mode, "set_grad_enabled");
  if (!VAL_IS_NULL(g)) {
    ((obj_gradmode *)g.u.o)->prev = ag_is_grad_enabled();
    ((obj_gradmode *)g.u.o)->depth = -1;
    ag_set_grad_enabled(mode);
  }
  return g;
}
static value t_is_grad_enabled(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_bool(ag_is_grad_enabled()); }

static value gm_enter(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_gradmode *g = (obj_gradmode *)args[0].u.o;
  if (g->depth != -1) g->prev = ag_is_grad_enabled();
  g->depth = 1;
  ag_set_grad_enabled(g->mode);
  return val_none();
}
static value gm_exit(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_gradmode *g = (obj_gradmode *)args[0].u.o;
  ag_set_grad_enabled(g->prev);
  return val_bool(false);
}

/* @torch.no_grad() as a decorator: a function that runs f with the mode set. */
typedef struct obj_gradfunc { obj hdr; value f; bool mode; } obj_gradfunc;
obj_type type_gradfunc;
static void gradfunc_dealloc(obj *o) { val_decref(((obj_gradfunc *)o)->f); }
static value gradfunc_call(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kw) {
  obj_gradfunc *g = (obj_gradfunc *)self.u.o;
  bool prev = ag_is_grad_enabled();
  ag_set_grad_enabled(g->mode);
  value r = vm_call(vm, g->f, args, nargs, kw);
  ag_set_grad_enabled(prev);
  return r;
}
static value gradfunc_get(lang_vm *vm, value d, value inst, obj_type *owner) {
  if (VAL_IS_NULL(inst)) return val_incref(d);
  return method_new(vm, d, inst);
}
obj_type type_gradfunc = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "function", .basicsize = sizeof(obj_gradfunc),
  .dealloc = gradfunc_dealloc, .call = gradfunc_call, .descr_get = gradfunc_get,
};
static value gradmode_call(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kw) {
  if (nargs != 1) return exc_set(vm, EXC_TypeError, "no_grad() takes a function to decorate");
  obj_gradfunc *w = obj_alloc(vm, &type_gradfunc, sizeof *w);
  if (!w) return val_null();
  w->f = val_incref(args[0]);
  w->mode = ((obj_gradmode *)self.u.o)->mode;
  return val_obj(w);
}
static const bi_reg gradmode_methods[] = {
  {"__enter__", gm_enter, 1, 0, NULL},
  {"__exit__", gm_exit, BI_VARARGS, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};
static value gradmode_repr(lang_vm *vm, value self) {
  return val_obj(str_printf(vm, "<torch.autograd.grad_mode.%s object at %p>",
                            ((obj_gradmode *)self.u.o)->mode ? "enable_grad" : "no_grad", (void *)self.u.o));
}
obj_type type_gradmode = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "no_grad", .basicsize = sizeof(obj_gradmode), .call = gradmode_call,
  .repr = gradmode_repr,
};

/* ---- torch.cuda ---- */

/* torch.cuda._lazy_init: a build without CUDA raises PyTorch's AssertionError; a CUDA build on a
   machine without a usable GPU raises its RuntimeError ("Found no NVIDIA driver ...", cu_lazy_init). */
static int cuda_lazy_init(lang_vm *vm) {
#ifdef CTORCH_HAVE_CUDA
  if (!torch_cuda_enabled()) {
    exc_set(vm, EXC_AssertionError, "Torch not compiled with CUDA enabled");
    return -1;
  }
  if (cu_lazy_init() == 0) return 0;
  exc_from_ten(vm);
  return -1;
#else
  exc_set(vm, EXC_AssertionError, "Torch not compiled with CUDA enabled");
  return -1;
#endif
}

/* The optional device argument (None, int, 'cuda:1', torch.device): index, -1 for the current one. */
static int cuda_device_arg(lang_vm *vm, const value *a, int n, obj_tuple *kw, int *index) {
  value v = n > 0 ? a[0] : kw_get(a, n, kw, "device");
  *index = -1;
  if (VAL_IS_NULL(v) || v.tag == VAL_NONE) return 0;
  ten_device d = {TEN_DEV_CUDA, -1};
  if (arg_device(vm, v, &d) < 0) return -1;
  if (d.type != TEN_DEV_CUDA)
    return exc_seti(vm, EXC_ValueError, "Expected a cuda device, but got: %s", d.type == TEN_DEV_CPU ? "cpu" : "?");
  *index = d.index;
  return 0;
}

static value c_is_available(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_bool(cuda_count() > 0); }
static value c_device_count(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_int(cuda_count()); }
static value c_is_initialized(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
#ifdef CTORCH_HAVE_CUDA
  return val_bool(torch_cuda_enabled() && cu_is_initialized());
#else
  return val_bool(false);
#endif
}
static value c_current_device(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  if (cuda_lazy_init(vm)) return val_null();
#ifdef CTORCH_HAVE_CUDA
  int i = 0;
  if (cu_current_device(&i)) return exc_from_ten(vm);
  return val_int(i);
#else
  return val_int(0);
#endif
}
static value c_set_device(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  int i;
  if (cuda_device_arg(vm, a, n, kw, &i)) return val_null();
  if (i < 0) return val_none();   /* PyTorch: a no-op for negative indices */
  if (cuda_lazy_init(vm)) return val_null();
#ifdef CTORCH_HAVE_CUDA
  if (cu_set_device(i)) return exc_from_ten(vm);
#endif
  return val_none();
}
static value c_noop(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_none(); }
static value c_synchronize(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  int i;
  if (cuda_device_arg(vm, a, n, kw, &i) || cuda_lazy_init(vm)) return val_null();
#ifdef CTORCH_HAVE_CUDA
  if (cu_synchronize(i)) return exc_from_ten(vm);
#endif
  return val_none();
}
static value c_get_device_name(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  int i;
  if (cuda_device_arg(vm, a, n, kw, &i) || cuda_lazy_init(vm)) return val_null();
#ifdef CTORCH_HAVE_CUDA
  char name[256];
  if (cu_device_name(i, name, sizeof name)) return exc_from_ten(vm);
  return val_obj(str_from_cstr(vm, name));
#else
  return val_null();
#endif
}
/* memory statistics: 0 before CUDA is initialised, as PyTorch's memory_stats() returns {} then */
#ifdef CTORCH_HAVE_CUDA
#define CUDA_STAT(fname, fn)                                                        \
  static value fname(lang_vm *vm, const value *a, int n, obj_tuple *kw) {          \
    int i;                                                                          \
    if (cuda_device_arg(vm, a, n, kw, &i)) return val_null();                       \
    return val_int(torch_cuda_enabled() && cu_is_initialized() ? fn(i) : 0);                                \
  }
#else
#define CUDA_STAT(fname, fn)                                                        \
  static value fname(lang_vm *vm, const value *a, int n, obj_tuple *kw) {          \
    int i;                                                                          \
    if (cuda_device_arg(vm, a, n, kw, &i)) return val_null();                       \
    return val_int(0);                                                              \
  }
#endif
CUDA_STAT(c_memory_allocated, cu_memory_allocated)
CUDA_STAT(c_max_memory_allocated, cu_max_memory_allocated)
CUDA_STAT(c_memory_reserved, cu_memory_reserved)
CUDA_STAT(c_max_memory_reserved, cu_max_memory_reserved)
static value c_empty_cache(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
#ifdef CTORCH_HAVE_CUDA
  if (torch_cuda_enabled()) cu_empty_cache();   /* a no-op before initialisation, as PyTorch's */
#endif
  return val_none();
}
static value c_reset_peak(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  int i;
  if (cuda_device_arg(vm, a, n, kw, &i)) return val_null();
#ifdef CTORCH_HAVE_CUDA
  if (cu_is_initialized()) cu_reset_peak_memory_stats(i);
#endif
  return val_none();
}

static const bi_reg cuda_funcs[] = {
  {"is_available", c_is_available, 0, 0, "Returns a bool indicating if CUDA is currently available."},
  {"device_count", c_device_count, 0, 0, "Returns the number of GPUs available."},
  {"is_initialized", c_is_initialized, 0, 0, "Returns whether PyTorch's CUDA state has been initialized."},
  {"current_device", c_current_device, 0, 0, "Returns the index of a currently selected device."},
  {"set_device", c_set_device, BI_VARARGS, 0, "Sets the current device."},
  {"get_device_name", c_get_device_name, BI_VARARGS, 0, "Gets the name of a device."},
  {"manual_seed", c_noop, BI_VARARGS, 0, NULL},
  {"manual_seed_all", c_noop, BI_VARARGS, 0, NULL},
  {"synchronize", c_synchronize, BI_VARARGS, 0, "Waits for all kernels in all streams on a CUDA device to complete."},
  {"empty_cache", c_empty_cache, 0, 0, "Releases all unoccupied cached memory currently held by the caching allocator."},
  {"memory_allocated", c_memory_allocated, BI_VARARGS, 0, "Returns the current GPU memory occupied by tensors in bytes."},
  {"max_memory_allocated", c_max_memory_allocated, BI_VARARGS, 0, NULL},
  {"memory_reserved", c_memory_reserved, BI_VARARGS, 0, "Returns the current GPU memory managed by the caching allocator in bytes."},
  {"max_memory_reserved", c_max_memory_reserved, BI_VARARGS, 0, NULL},
  {"reset_peak_memory_stats", c_reset_peak, BI_VARARGS, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};

static int lib_cuda_init(lang_vm *vm, obj_dict *d) { return module_add_funcs(vm, d, cuda_funcs); }

/* ---- legacy tensor types: torch.FloatTensor(...) ---- */

typedef struct legacy_def { const char *name; ten_dtype dt; } legacy_def;
static const legacy_def legacy_defs[] = {
  {"FloatTensor", TEN_DTYPE_F32}, {"DoubleTensor", TEN_DTYPE_F64}, {"LongTensor", TEN_DTYPE_I64},
  {"IntTensor", TEN_DTYPE_I32}, {"ByteTensor", TEN_DTYPE_U8}, {"BoolTensor", TEN_DTYPE_BOOL},
};
#define NLEGACY (sizeof legacy_defs / sizeof legacy_defs[0])
static obj_type legacy_types[NLEGACY];

static value legacy_new(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  ten_dtype dt = TEN_DTYPE_F32;
  for (size_t i = 0; i < NLEGACY; i++)
    if (type == &legacy_types[i]) dt = legacy_defs[i].dt;
  if (nargs == 1 && (((val_is_list(args[0]) || val_is_tuple(args[0])) && val_type(args[0]) != &type_size) ||
                     np_is_ndarray(args[0])))   /* data; an ndarray is copied */
    return tensor_wrap(vm, tensor_from_data(vm, args[0], dt));
  int64_t shape[TEN_MAX_DIMS];
  int nd = arg_shape(vm, args, nargs, shape, type->name);
  if (nd < 0) return val_null();
  return tensor_wrap(vm, ten_zeros(shape, nd, dt, TEN_CPU));
}

/* ---- the module ---- */

static value t_is_nonzero(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = nargs ? arg_tensor(vm, args[0], "is_nonzero", "input", 1) : NULL;
  if (!t) return val_null();
  if (ten_numel(t) != 1) return exc_set(vm, EXC_RuntimeError, "Boolean value of Tensor with more than one value is ambiguous");
  return val_bool(ten_get_double(t, 0) != 0.0);
}

static value t_set_num_threads(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t n;
  if (bi_check_nargs(vm, "set_num_threads", nargs, 1, 1) < 0 || arg_int(vm, args[0], &n) < 0) return val_null();
  if (n < 1) return exc_set(vm, EXC_RuntimeError, "set_num_threads expects a positive integer");
  ten_set_num_threads((int)n);
  return val_none();
}
static value t_get_num_threads(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_int(ten_get_num_threads()); }

/* torch.<sub> for a subpackage not imported yet (torch.nn, torch.optim ...): PyTorch imports them
   with torch; ctorch compiles them on first use, which a program cannot tell apart. */
static value t_module_getattr(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs != 1 || !val_is_str(args[0])) return exc_set(vm, EXC_TypeError, "__getattr__ expects a name");
  obj_str *name = VAL_STR(args[0]);
  char full[256];
  snprintf(full, sizeof full, "torch.%s", name->data);
  if (name->len < 200 && (lang_find_lib(full) || pysrc_has(full))) {
    return import_module(vm, str_intern(vm, full), val_bool(true), 0, NULL);
  }
  return exc_set(vm, EXC_AttributeError, "module 'torch' has no attribute '%s'", name->data);
}

static const bi_reg torch_misc[] = {
  {"__getattr__", t_module_getattr, BI_VARARGS, 0, NULL},
  {"manual_seed", t_manual_seed, BI_VARARGS, 0, "manual_seed(seed) -> torch.Generator\n\nSets the seed for generating random numbers."},
  {"seed", t_seed, 0, 0, NULL},
  {"initial_seed", t_initial_seed, 0, 0, NULL},
  {"get_rng_state", t_get_rng_state, 0, 0, NULL},
  {"set_rng_state", t_set_rng_state, 1, 0, NULL},
  {"get_default_dtype", t_get_default_dtype, 0, 0, NULL},
  {"set_default_dtype", t_set_default_dtype, BI_VARARGS, 0, NULL},
  {"promote_types", t_promote_types, BI_VARARGS, 0, NULL},
  {"result_type", t_result_type, BI_VARARGS, 0, NULL},
  {"can_cast", t_can_cast, BI_VARARGS, 0, NULL},
  {"set_printoptions", t_set_printoptions, BI_VARARGS, BI_F_KW, "set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None, sci_mode=None)"},
  {"no_grad", t_no_grad, 0, 0, "Context-manager that disabled gradient calculation."},
  {"enable_grad", t_enable_grad, 0, 0, NULL},
  {"set_grad_enabled", t_set_grad_enabled, BI_VARARGS, 0, NULL},
  {"is_grad_enabled", t_is_grad_enabled, 0, 0, NULL},
  {"is_nonzero", t_is_nonzero, BI_VARARGS, 0, NULL},
  {"set_num_threads", t_set_num_threads, BI_VARARGS, 0, NULL},
  {"get_num_threads", t_get_num_threads, 0, 0, NULL},
  {"save", ser_save, BI_VARARGS, BI_F_KW,
   "save(obj, f, pickle_module=pickle, pickle_protocol=2, _use_new_zipfile_serialization=True)\n\n"
   "Saves an object to a file in ctorch's own format (not PyTorch's zip/pickle). f: a relative path below the "
   "current directory, or an object with write()."},
  {"load", ser_load, BI_VARARGS, BI_F_KW,
   "load(f, map_location=None, pickle_module=None, *, weights_only=False)\n\n"
   "Loads an object saved with torch.save. map_location: a device, a str, a dict {saved: new} of location "
   "strings, or a callable(tensor, location)."},
  {NULL, NULL, 0, 0, NULL}
};

typedef struct obj_layout { obj hdr; } obj_layout;
static value layout_repr(lang_vm *vm, value self) { return val_obj(str_from_cstr(vm, "torch.strided")); }
obj_type type_layout = {.hdr = OBJ_STATIC_HEAD(&type_type), .name = "layout", .repr = layout_repr, .hash = obj_hash_identity};
static obj obj_strided = OBJ_STATIC_HEAD(&type_layout);

static int lib_torch_init(lang_vm *vm, obj_dict *d) {
#ifdef CTORCH_HAVE_CUDA
  if (torch_cuda_enabled()) cu_backend_register();   /* CUDA tensors fail with the driver's error, not "not compiled" */
#endif
  if (torch_types_init(vm, d) < 0 || tensor_type_init(vm) < 0 || autograd_tensor_init(vm) < 0) return -1;
  if (module_add_funcs(vm, d, torch_funcs) < 0 || module_add_funcs(vm, d, torch_misc) < 0 ||
      module_add_funcs(vm, d, nn_torch_funcs) < 0 || numpy_torch_init(vm, d) < 0)
    return -1;
  if (type_ready(vm, &type_gradmode) < 0 || type_add_methods(vm, &type_gradmode, gradmode_methods) < 0 ||
      type_ready(vm, &type_gradfunc) < 0 || type_ready(vm, &type_layout) < 0)
    return -1;
  if (dict_set_cstr(vm, d, "Tensor", val_obj(&type_tensor)) < 0 || dict_set_cstr(vm, d, "strided", val_obj(&obj_strided)) < 0 ||
      dict_set_cstr(vm, d, "inf", val_float(INFINITY)) < 0 || dict_set_cstr(vm, d, "nan", val_float(NAN)) < 0 ||
      dict_set_cstr(vm, d, "default_generator", default_generator()) < 0 ||
      module_add_value(vm, d, "__version__", val_obj(str_from_cstr(vm, "1.13.1"))) < 0)
    return -1;
  for (size_t i = 0; i < NLEGACY; i++) {
    obj_type *t = &legacy_types[i];
    if (!(t->tflags & TYPE_F_READY)) {
      memset(t, 0, sizeof *t);
      t->hdr.refcnt = OBJ_IMMORTAL;
      t->hdr.type = &type_type;
      t->name = legacy_defs[i].name;
      t->base = &type_tensor;
      t->new_ = legacy_new;
      if (type_ready(vm, t) < 0) return -1;
      t->module = str_intern(vm, "torch");
      if (dict_set_cstr(vm, t->dict, "dtype", dtype_value(legacy_defs[i].dt)) < 0) return -1;
    }
    if (dict_set_cstr(vm, d, legacy_defs[i].name, val_obj(t)) < 0) return -1;
  }
  /* torch.cuda and torch.autograd are imported with torch, as in PyTorch */
  static const char *const submodules[] = {"torch.cuda", "torch.autograd", NULL};
  for (int i = 0; submodules[i]; i++) {
    value m = import_module(vm, str_intern(vm, submodules[i]), val_none(), 0, NULL);
    if (VAL_IS_NULL(m)) return -1;
    val_decref(m);
  }
  return 0;
}

static const lang_lib torch_libs[] = {
  {"torch", lib_torch_init},
  {"torch.cuda", lib_cuda_init},
  {"torch.autograd", lib_autograd_init},
  {"torch.autograd.function", lib_autograd_function_init},
  {"torch._C", lib_torch_C_init},
  {"torch._C._nn", lib_torch_C_nn_init},
  {NULL, NULL}
};

int torch_register(lang_vm *vm) { return lang_add_libs(torch_libs); }
