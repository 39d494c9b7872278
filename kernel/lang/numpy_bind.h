/*
** kernel/lang/numpy_bind.h — internals shared by the numpy module files (numpy_*.c): the ndarray and
** NumPy scalar objects (each one ten_tensor; scalars hold a 0-d one), dtype objects, NumPy 1.24's type
** promotion (value-based casting of scalars), and the few entry points the torch bindings call for the
** tensor <-> ndarray bridge. The tensor library stores and computes; these files give NumPy's rules.
*/
#ifndef CT_LANG_NUMPY_BIND_H
#define CT_LANG_NUMPY_BIND_H

#include "kernel/lang/numpy_print.h"
#include "kernel/lang/torch_bind.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- objects (numpy_array.c, numpy_types.c) ---- */

/* An ndarray, or a NumPy scalar (numpy.float64 ...: type is one of np_scalar_type(), t is 0-d). */
typedef struct obj_ndarray {
  obj hdr;
  ten_tensor *t;        /* owned reference; views and torch.from_numpy tensors share its storage */
} obj_ndarray;

extern obj_type type_ndarray, type_npdtype;
/* The scalar type of a dtype (numpy.float64 for TEN_DTYPE_F64 ...). */
obj_type *np_scalar_type(ten_dtype dt);
/* The immortal dtype('float64') ... objects. */
value np_dtype_value(ten_dtype dt);

static inline bool np_is_ndarray(value v) { return v.tag == VAL_OBJ && type_is_subtype(v.u.o->type, &type_ndarray); }
bool np_is_scalar(value v);
/* The tensor of an ndarray or NumPy scalar (borrowed), NULL for anything else. */
ten_tensor *np_borrow(value v);

/* Wraps t (steals; NULL raises the tensor library's error) as an ndarray / as what a NumPy
   operation returns: a scalar for a 0-d result, else an ndarray. */
value np_wrap(lang_vm *vm, ten_tensor *t);
value np_wrap_result(lang_vm *vm, ten_tensor *t);
/* A NumPy scalar of dtype dt holding f (floats, bool) or i (ints). New reference. */
value np_scalar_new(lang_vm *vm, ten_dtype dt, double f, int64_t i);

/* ---- conversions (numpy_array.c) ---- */

/* np.array(v, dtype) semantics: ndarrays/scalars/tensors/nested sequences/numbers; dt UNSET infers
   NumPy's dtype (float64 for floats, int64 for ints, bool). copy false: an ndarray (or CPU tensor)
   of the right dtype is returned as itself (a new reference to the same tensor). NULL + exception. */
ten_tensor *np_to_tensor(lang_vm *vm, value v, ten_dtype dt, bool copy);
/* dtype= arguments: np.float32, dtype objects, 'float32'/'f4'/'float'..., float/int/bool, None
   (leaves *out). 0 / -1 (TypeError "data type 'x' not understood"). */
int np_arg_dtype(lang_vm *vm, value v, ten_dtype *out);
/* axis= arguments: None (n = 0, *all = true), an int or a tuple of ints, wrapped against ndim
   (numpy.AxisError texts). Returns the number of axes or -1. */
int np_arg_axes(lang_vm *vm, value v, int ndim, int64_t *axes, bool *all);
/* The value of one element / 0-d tensor as a Python number (float, int or bool). */
value np_item_value(lang_vm *vm, const ten_tensor *t, int64_t linear);

/* ---- NumPy 1.24 type promotion (numpy_ufunc.c) ---- */

/* An operand of a ufunc: an array or a scalar (0-d array, NumPy scalar, Python number). */
typedef struct np_operand {
  ten_tensor *t;        /* owned */
  bool scalar;          /* takes part in value-based casting */
  bool pyfloat, pyint, pybool;  /* a Python number (its kind decides, not the 0-d tensor's dtype) */
} np_operand;
/* Converts v into an operand; 0 / -1 (TypeError naming the type). */
int np_operand_of(lang_vm *vm, value v, np_operand *op);
void np_operand_clear(np_operand *op);
/* np.result_type over operands, with the legacy value-based rule for scalars. */
ten_dtype np_result_type(const np_operand *ops, int n);
ten_dtype np_promote(ten_dtype a, ten_dtype b);

/* ---- ufuncs and reductions (numpy_ufunc.c) ---- */

typedef enum np_binop {
  NP_ADD, NP_SUB, NP_MUL, NP_TRUEDIV, NP_FLOORDIV, NP_MOD, NP_POW, NP_MAXIMUM, NP_MINIMUM,
  NP_EQ, NP_NE, NP_LT, NP_LE, NP_GT, NP_GE, NP_AND, NP_OR, NP_XOR, NP_LOGICAL_AND, NP_LOGICAL_OR,
  NP_LOGICAL_XOR, NP_FMAX, NP_FMIN, NP_ARCTAN2, NP_HYPOT, NP_BINOP_COUNT
} np_binop;
/* a <op> b with broadcasting and NumPy's promotion; out (borrowed ndarray value or VAL_NULL) receives
   the result with casting='same_kind'. Returns the result (out itself when given) or VAL_NULL. */
value np_binary(lang_vm *vm, np_binop op, value a, value b, value out);

typedef enum np_unop {
  NP_NEG, NP_POS, NP_ABS, NP_SQUARE, NP_SQRT, NP_EXP, NP_LOG, NP_LOG2, NP_LOG10, NP_LOG1P, NP_EXPM1,
  NP_SIN, NP_COS, NP_TAN, NP_ARCSIN, NP_ARCCOS, NP_ARCTAN, NP_SINH, NP_COSH, NP_TANH, NP_FLOOR, NP_CEIL,
  NP_TRUNC, NP_RINT, NP_SIGN, NP_RECIPROCAL, NP_INVERT, NP_LOGICAL_NOT, NP_ISNAN, NP_ISINF, NP_ISFINITE,
  NP_EXP2, NP_CBRT, NP_SIGNBIT, NP_UNOP_COUNT
} np_unop;
value np_unary(lang_vm *vm, np_unop op, value a, value out);

typedef enum np_redop { NP_RED_SUM, NP_RED_PROD, NP_RED_MAX, NP_RED_MIN, NP_RED_ALL, NP_RED_ANY } np_redop;
/* a.sum(axis, dtype, keepdims) ... with NumPy's accumulation order (pairwise sums in 8192 blocks
   along the fastest axis). t borrowed. Returns a new reference (0-d when reducing everything). */
ten_tensor *np_reduce(lang_vm *vm, np_redop op, ten_tensor *t, const int64_t *axes, int naxes, bool all,
                      bool keepdims, ten_dtype dt);
/* mean / var / std as numpy/core/_methods.py computes them. ddof for var/std. */
ten_tensor *np_mean(lang_vm *vm, ten_tensor *t, const int64_t *axes, int naxes, bool all, bool keepdims, ten_dtype dt);
ten_tensor *np_var(lang_vm *vm, ten_tensor *t, const int64_t *axes, int naxes, bool all, bool keepdims, ten_dtype dt,
                   int64_t ddof, bool std);
/* argmax/argmin over the flattened array (all) or one axis. */
ten_tensor *np_argext(lang_vm *vm, ten_tensor *t, int64_t axis, bool all, bool keepdims, bool max);
/* np.dot / np.matmul (a, b borrowed ndarrays/values). */
value np_dot(lang_vm *vm, value a, value b, bool matmul);
/* clip(a, lo, hi, out): lo/hi may be None or VAL_NULL (not given); out likewise. New reference. */
value np_clip(lang_vm *vm, value a, value lo, value hi, value out);

/* ---- indexing (numpy_index.c) ---- */

value np_getitem(lang_vm *vm, value self, value key);
int np_setitem(lang_vm *vm, value self, value key, value v);

/* ---- shared helpers ---- */

/* Raises the pending tensor-library error as the Python exception (exc_from_ten) and returns NULL. */
ten_tensor *np_fail(lang_vm *vm);
/* A casting check as NumPy's can_cast(from, to, 'same_kind'). */
bool np_can_cast_same_kind(ten_dtype from, ten_dtype to);
/* Reshape / transpose helpers used by both the methods and the functions. */
value np_reshape_args(lang_vm *vm, ten_tensor *t, const value *args, int nargs);
ten_tensor *np_transpose(lang_vm *vm, ten_tensor *t, const int64_t *axes, int n);
/* copy of t in C order (ndarray.copy(), flatten), whatever t's strides. */
ten_tensor *np_copy(ten_tensor *t);

/* ---- module registration ---- */

int numpy_array_init(lang_vm *vm);
int numpy_types_init(lang_vm *vm, obj_dict *d);
int numpy_funcs_init(lang_vm *vm, obj_dict *d);
int lib_numpy_random_init(lang_vm *vm, obj_dict *d);
/* PyTorch's checks before a tensor becomes an ndarray (t.numpy(), np.array(t)): on the CPU
   (TypeError), and while grad mode is on not requiring grad (RuntimeError). 0 / -1. */
int np_check_tensor(lang_vm *vm, const ten_tensor *t);
/* Adds Tensor.numpy(), torch.from_numpy and ndarray-aware torch.as_tensor to a fresh torch module
   (called from lib_torch_init). */
int numpy_torch_init(lang_vm *vm, obj_dict *torch);
/* Registers the numpy and numpy.random modules (called at interpreter start, lang.c). */
int numpy_register(lang_vm *vm);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_NUMPY_BIND_H */
