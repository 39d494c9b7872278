/*
** kernel/lang/torch_bind.h — internals shared by the torch binding files (tensor_obj.c, torch_types.c,
** torch_args.c, torch_ops.c, lib_torch.c): the Tensor object, dtype/device/Size objects, and the
** argument conversions every binding uses. The tensor library (tensor/tensor.h) does the work; these
** files only translate between interpreter values and ten_* calls.
*/
#ifndef CT_LANG_TORCH_BIND_H
#define CT_LANG_TORCH_BIND_H

#include "kernel/lang/internal.h"
#include "tensor/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the Tensor object (tensor_obj.c) ---- */

typedef struct obj_tensor {
  obj hdr;
  obj_dict *dict;       /* attributes set from the language (and subclass instances) */
  ten_tensor *t;        /* owned reference */
} obj_tensor;

extern obj_type type_tensor;
#define VAL_TENSOR(v) (((obj_tensor *)(v).u.o)->t)
static inline bool val_is_tensor(value v) { return v.tag == VAL_OBJ && type_is_subtype(v.u.o->type, &type_tensor); }

/* Wraps t (steals the reference). t NULL: raises the tensor library's pending error. */
value tensor_wrap(lang_vm *vm, ten_tensor *t);
/* Same, as an instance of a Tensor subclass (nn.Parameter ...). */
value tensor_wrap_as(lang_vm *vm, ten_tensor *t, obj_type *type);

/* ---- dtype, device, Size, named tuples, generators (torch_types.c) ---- */

typedef struct obj_dtype { obj hdr; ten_dtype dt; } obj_dtype;
typedef struct obj_device { obj hdr; ten_device dev; } obj_device;
typedef struct obj_generator { obj hdr; ten_generator *g; bool owned; } obj_generator;
extern obj_type type_dtype, type_device, type_size, type_generator_t, type_return_types;

/* The immortal torch.float32 ... objects. */
value dtype_value(ten_dtype dt);
value device_value(lang_vm *vm, ten_device dev);
/* torch.Size from a shape. */
value size_value(lang_vm *vm, const int64_t *shape, int ndim);
/* A torch.return_types.<name>(values=..., indices=...) pair (steals a and b). */
value return_pair(lang_vm *vm, const char *name, value a, value b);
int torch_types_init(lang_vm *vm, obj_dict *torch);

/* ---- argument conversions (torch_args.c) ---- */

/* The tensor of a value (borrowed), or NULL with TypeError "<fn>(): argument '<arg>' (position N) must
   be Tensor, not <type>". */
ten_tensor *arg_tensor(lang_vm *vm, value v, const char *fn, const char *arg, int pos);
/* A tensor operand: tensors as they are, Python numbers as wrapped 0-dim tensors. New reference, or
   NULL (no exception set) when v is neither. */
ten_tensor *arg_operand(lang_vm *vm, value v);
/* A Python number as a ten_scalar (bools, ints, floats, one-element tensors). 0 / -1. */
int arg_scalar(lang_vm *vm, value v, ten_scalar *out);
/* A shape given as ints, one tuple/list/Size, or nothing: size(*args). Returns ndim or -1. */
int arg_shape(lang_vm *vm, const value *args, int nargs, int64_t *shape, const char *fn);
/* A single shape value (tuple/list/Size/int). */
int arg_shape_value(lang_vm *vm, value v, int64_t *shape, const char *fn);
/* dtype=/device= keyword values (None -> *out unchanged). 0 / -1. */
int arg_dtype(lang_vm *vm, value v, ten_dtype *out);
int arg_device(lang_vm *vm, value v, ten_device *out);
/* A list of dims (int or tuple/list of ints). Returns count or -1. */
int arg_dims(lang_vm *vm, value v, int64_t *dims, const char *fn);
int arg_bool(lang_vm *vm, value v, bool *out);
int arg_int(lang_vm *vm, value v, int64_t *out);
int arg_double(lang_vm *vm, value v, double *out);
/* True when this ctorch was built with the CUDA backend and CTORCH_DISABLE_CUDA is unset (or "0");
   with CTORCH_DISABLE_CUDA=1 a CUDA build behaves as a CPU-only one ("Torch not compiled with CUDA
   enabled"), which the golden tests use: their fixtures come from a CPU-only PyTorch 1.13. */
bool torch_cuda_enabled(void);
/* Raises the "not compiled with CUDA" error for CUDA requests on this machine (0 if CPU). */
int check_device_available(lang_vm *vm, ten_device dev);
/* torch.tensor(data): nested lists/tuples of numbers/bools/0-dim tensors. New reference or NULL. */
ten_tensor *tensor_from_data(lang_vm *vm, value data, ten_dtype dt);
/* Converts a Python subscript (int, slice, None, ..., tensor, list, tuple of those) into ten_index
   components. *held receives tensors created for list indices (release with ten_list_free). */
int arg_index(lang_vm *vm, value key, ten_index *idx, int *n, ten_tensor **held, int *nheld);

/* Keyword arguments as a small lookup: kw_get(vm, args, nargs, kw, "dtype") -> borrowed or VAL_NULL. */
value kw_get(const value *args, int nargs, obj_tuple *kw, const char *name);
/* Rejects keywords not in the NULL-terminated list: TypeError as PyTorch's arg parser words it. */
int kw_check(lang_vm *vm, const char *fn, obj_tuple *kw, const char *const *allowed);

/* ---- registration (torch_ops.c, lib_torch.c) ---- */

/* Method table of Tensor and function table of the torch module (torch_ops.c). */
extern const bi_reg tensor_methods[];
extern const bi_reg torch_funcs[];
extern const bi_reg tensor_ops_extra_methods[];
int torch_ops_init(lang_vm *vm, obj_dict *torch);

/* Autograd (autograd_bind.c): Tensor's autograd attributes and methods; torch.autograd and
   torch.autograd.function. */
int autograd_tensor_init(lang_vm *vm);
int lib_autograd_init(lang_vm *vm, obj_dict *d);
int lib_autograd_function_init(lang_vm *vm, obj_dict *d);

/* Generator used by random ops: generator= keyword or the default one. */
ten_generator *arg_generator(lang_vm *vm, value v);

/* File images in memory, decoded as the path-based readers do (also the fuzz targets' entry points,
   tests/fuzz/): torch.load's format (serialize.c), IDX and CIFAR-10 batches (vision_io.c). what/path
   only name the data in messages. New reference, or VAL_NULL with an exception set. */
value ser_load_bytes(lang_vm *vm, const unsigned char *data, size_t len, const char *what);
value vision_parse_idx(lang_vm *vm, const unsigned char *b, int64_t n, const char *path);
value vision_parse_cifar(lang_vm *vm, const unsigned char *b, int64_t n, const char *path);
/* Opens a file the way torch.save/torch.load do (serialize.c): a relative path below the current
   directory, no '..', no symbolic link on the way, a regular file. fd, or -1 with PermissionError /
   FileNotFoundError / OSError naming fn. The one gate for notebook file access besides savefig and
   the dataset readers (docs/security.md). */
int ser_open_confined(lang_vm *vm, const char *fn, obj_str *path, bool writing);
/* The directory holding path's last component (copied to leaf, "" for "dir/"), opened below the current
   directory without following links: AT_FDCWD or an fd to close; -2 with an exception set. */
int ser_open_parent(lang_vm *vm, const char *fn, obj_str *path, char leaf[4096]);
/* Raises CPython's "[Errno N] text: 'path'" in the OSError subclass of err (FileNotFoundError,
   PermissionError, else OSError); returns VAL_NULL. */
value ser_os_error(lang_vm *vm, int err, obj_str *path);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_TORCH_BIND_H */
