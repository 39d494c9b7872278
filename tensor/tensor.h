/*
** tensor/tensor.h — public API of the ctorch tensor library.
** Refcounted storage + strided views, dtypes with PyTorch 1.13 promotion, creation, views,
** elementwise ops, reductions, matmul, indexing, printing and the CPU random streams.
** Plain C: never prints, never exits. Errors: NULL / nonzero status + ten_error_*().
*/
#ifndef CT_TENSOR_TENSOR_H
#define CT_TENSOR_TENSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TEN_MAX_DIMS 16

/* ---- errors ---- */

/* Kinds map 1:1 to Python exception classes. ORDER TEN_ERR */
typedef enum ten_errkind {
  TEN_OK = 0,
  TEN_E_RUNTIME,        /* RuntimeError */
  TEN_E_INDEX,          /* IndexError */
  TEN_E_VALUE,          /* ValueError */
  TEN_E_TYPE,           /* TypeError */
  TEN_E_NOMEM,          /* MemoryError */
  TEN_E_NOTIMPL,        /* NotImplementedError */
  TEN_E_ASSERTION,      /* AssertionError */
  TEN_E_ZERODIV,        /* ZeroDivisionError */
  TEN_E_OVERFLOW        /* OverflowError */
} ten_errkind;

/* Records an error for the calling thread; the message is printf-formatted. Returns -1. */
int ten_error_set(ten_errkind kind, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
ten_errkind ten_error_kind(void);
const char *ten_error_msg(void);
void ten_error_clear(void);

/* ---- dtypes and devices ---- */

/* ORDER TEN_DTYPE: promotion lattice within a category follows this order. */
typedef enum ten_dtype {
  TEN_DTYPE_UNSET = -1, /* "infer" / "default" in option arguments */
  TEN_DTYPE_BOOL = 0,
  TEN_DTYPE_U8,
  TEN_DTYPE_I32,
  TEN_DTYPE_I64,
  TEN_DTYPE_F32,
  TEN_DTYPE_F64,
  TEN_DTYPE_COUNT
} ten_dtype;

size_t ten_dtype_size(ten_dtype dt);
bool ten_dtype_is_float(ten_dtype dt);
bool ten_dtype_is_int(ten_dtype dt);          /* integral, excluding bool */
const char *ten_dtype_name(ten_dtype dt);     /* "float32" (as in torch.float32) */
const char *ten_dtype_scalar_name(ten_dtype dt); /* "Float", "Long", ... (error texts) */
const char *ten_dtype_tensor_type(ten_dtype dt); /* "FloatTensor", "LongTensor", ... */
/* Parses "float32", "float", "int64", "long", ... Returns TEN_DTYPE_UNSET if unknown. */
ten_dtype ten_dtype_from_name(const char *name);
ten_dtype ten_default_dtype(void);            /* torch.get_default_dtype() */
int ten_set_default_dtype(ten_dtype dt);      /* floating types only, else TypeError */

typedef enum ten_devtype { TEN_DEV_CPU = 0, TEN_DEV_CUDA = 1, TEN_DEV_COUNT } ten_devtype;
typedef struct ten_device {
  int8_t type;          /* ten_devtype */
  int8_t index;         /* -1: the current device of that type */
} ten_device;
#define TEN_CPU ((ten_device){TEN_DEV_CPU, -1})

/* ---- Python scalars ---- */

/* A Python number; its kind takes part in type promotion (a "wrapped number"). */
typedef enum ten_scalar_kind { TEN_SCALAR_BOOL, TEN_SCALAR_INT, TEN_SCALAR_FLOAT } ten_scalar_kind;
typedef struct ten_scalar {
  ten_scalar_kind kind;
  union { bool b; int64_t i; double f; } v;
} ten_scalar;
static inline ten_scalar ten_scalar_float(double f) { ten_scalar s; s.kind = TEN_SCALAR_FLOAT; s.v.f = f; return s; }
static inline ten_scalar ten_scalar_int(int64_t i) { ten_scalar s; s.kind = TEN_SCALAR_INT; s.v.i = i; return s; }
static inline ten_scalar ten_scalar_bool(bool b) { ten_scalar s; s.kind = TEN_SCALAR_BOOL; s.v.b = b; return s; }
double ten_scalar_to_double(ten_scalar s);

/* ---- storage ---- */

typedef struct ten_storage {
  void *data;           /* nbytes of device memory */
  size_t nbytes;
  int refcount;
  ten_device device;
  int64_t version;      /* bumped by every in-place write; shared by all views (autograd checks it) */
  void (*deleter)(void *data, void *ctx);  /* NULL: data came from ten_alloc */
  void *deleter_ctx;
} ten_storage;

/* Returns: new reference (uninitialised memory), or NULL with TEN_E_NOMEM. */
ten_storage *ten_storage_new(size_t nbytes, ten_device dev);
/* Wraps memory owned elsewhere; deleter(data, ctx) runs when the last reference goes. */
ten_storage *ten_storage_wrap(void *data, size_t nbytes, ten_device dev,
                              void (*deleter)(void *, void *), void *ctx);
void ten_storage_retain(ten_storage *s);
void ten_storage_release(ten_storage *s);

/* ---- tensor ---- */

struct ag_meta;                     /* owned by autograd/; opaque here */

typedef struct ten_tensor {
  int refcount;
  ten_dtype dtype;
  int ndim;
  bool requires_grad;
  bool wrapped_number;            /* 0-dim tensor made from a Python number (promotion rule) */
  ten_storage *storage;
  int64_t offset;                 /* in elements */
  int64_t shape[TEN_MAX_DIMS];
  int64_t stride[TEN_MAX_DIMS];   /* in elements; 0 for broadcast (expanded) dims */
  struct ag_meta *ag;             /* grad, grad_fn, version at save ... (autograd/) */
  void *owner;                    /* the object a layer above wraps this tensor in (weak; that layer
                                     sets and clears it), so one tensor keeps one identity */
} ten_tensor;

/* Called by ten_release on a tensor whose ag field is set (autograd installs it). */
extern void (*ten_ag_meta_free_hook)(struct ag_meta *ag);

void ten_retain(ten_tensor *t);
void ten_release(ten_tensor *t);    /* NULL-safe */

/* A new tensor header over s (retained). shape/stride copied; stride NULL = contiguous.
   Returns: new reference. */
ten_tensor *ten_from_storage(ten_storage *s, ten_dtype dt, int64_t offset,
                             const int64_t *shape, const int64_t *stride, int ndim);
/* A new view header sharing t's storage, dtype and autograd-free. Returns: new reference. */
ten_tensor *ten_alias(const ten_tensor *t);

int64_t ten_numel(const ten_tensor *t);
bool ten_is_contiguous(const ten_tensor *t);
ten_device ten_device_of(const ten_tensor *t);
/* Address of element at linear (row-major) index i, for CPU tensors. */
void *ten_data_ptr(const ten_tensor *t);          /* element at offset */
void *ten_element_ptr(const ten_tensor *t, int64_t linear);
/* Reads element at linear row-major index i as double / int64 (any dtype, CPU). */
double ten_get_double(const ten_tensor *t, int64_t i);
int64_t ten_get_int(const ten_tensor *t, int64_t i);
/* .item(): one-element tensors only, else ValueError. Kind follows the dtype. */
int ten_item(const ten_tensor *t, ten_scalar *out);
/* Normalises dim into [0, ndim) (ndim 0 counts as 1); IndexError "Dimension out of range ...". */
int ten_wrap_dim(int64_t dim, int ndim, int *out);

/* ---- creation (dtype TEN_DTYPE_UNSET = default float dtype unless stated) ---- */

ten_tensor *ten_empty(const int64_t *shape, int ndim, ten_dtype dt, ten_device dev);
ten_tensor *ten_zeros(const int64_t *shape, int ndim, ten_dtype dt, ten_device dev);
ten_tensor *ten_ones(const int64_t *shape, int ndim, ten_dtype dt, ten_device dev);
/* dtype UNSET: inferred from the value's kind (bool, int64, default float) as torch.full does. */
ten_tensor *ten_full(const int64_t *shape, int ndim, ten_scalar value, ten_dtype dt, ten_device dev);
ten_tensor *ten_scalar_tensor(ten_scalar value, ten_dtype dt, ten_device dev); /* 0-dim */
/* The 0-dim "wrapped number" tensor PyTorch makes for a Python scalar operand. */
ten_tensor *ten_wrap_scalar(ten_scalar value);
ten_tensor *ten_eye(int64_t n, int64_t m /* <0: n */, ten_dtype dt, ten_device dev);
/* dtype UNSET: int64 when all three are ints, else default float. */
ten_tensor *ten_arange(ten_scalar start, ten_scalar end, ten_scalar step, ten_dtype dt, ten_device dev);
ten_tensor *ten_linspace(double start, double end, int64_t steps, ten_dtype dt, ten_device dev);
/* Copies n elements of type src_dt from data into a new tensor of shape/dtype dt. */
ten_tensor *ten_from_buffer(const void *data, ten_dtype src_dt, const int64_t *shape, int ndim,
                            ten_dtype dt, ten_device dev);
ten_tensor *ten_empty_like(const ten_tensor *t);
ten_tensor *ten_zeros_like(const ten_tensor *t);
ten_tensor *ten_ones_like(const ten_tensor *t);
ten_tensor *ten_full_like(const ten_tensor *t, ten_scalar value);

/* ---- copies, casts, fill ---- */

/* dst <- src with broadcasting and dtype conversion; bumps dst's version. Returns 0 or -1. */
int ten_copy_(ten_tensor *dst, const ten_tensor *src);
int ten_fill_(ten_tensor *t, ten_scalar value);
int ten_zero_(ten_tensor *t);
ten_tensor *ten_clone(const ten_tensor *t);           /* contiguous copy */
ten_tensor *ten_contiguous(ten_tensor *t);            /* t itself (new ref) if contiguous */
/* Returns t itself (new ref) when dtype already matches and copy is false. */
ten_tensor *ten_to_dtype(ten_tensor *t, ten_dtype dt, bool copy);
/* Moves/copies to a device (backend copy). Same device and !copy: t itself. */
ten_tensor *ten_to_device(ten_tensor *t, ten_device dev, bool copy);

/* ---- views (share storage) ---- */

ten_tensor *ten_view(ten_tensor *t, const int64_t *shape, int ndim);   /* one -1 allowed */
ten_tensor *ten_reshape(ten_tensor *t, const int64_t *shape, int ndim); /* view or copy */
/* True when reshape returned a view (for autograd naming). */
bool ten_reshape_is_view(const ten_tensor *t, const int64_t *shape, int ndim);
ten_tensor *ten_flatten(ten_tensor *t, int64_t start_dim, int64_t end_dim);
ten_tensor *ten_unflatten(ten_tensor *t, int64_t dim, const int64_t *sizes, int n);
ten_tensor *ten_transpose(ten_tensor *t, int64_t d0, int64_t d1);
ten_tensor *ten_t(ten_tensor *t);                     /* <= 2-D only */
ten_tensor *ten_permute(ten_tensor *t, const int64_t *dims, int n);
ten_tensor *ten_squeeze(ten_tensor *t);
ten_tensor *ten_squeeze_dim(ten_tensor *t, int64_t dim);
ten_tensor *ten_unsqueeze(ten_tensor *t, int64_t dim);
ten_tensor *ten_expand(ten_tensor *t, const int64_t *shape, int ndim); /* -1 keeps a size */
ten_tensor *ten_expand_as(ten_tensor *t, const ten_tensor *other);
ten_tensor *ten_broadcast_to(ten_tensor *t, const int64_t *shape, int ndim);
ten_tensor *ten_select(ten_tensor *t, int64_t dim, int64_t index);
/* Python slice on one dim: has_* false means omitted. step must be > 0. */
ten_tensor *ten_slice(ten_tensor *t, int64_t dim, int64_t start, int64_t stop, int64_t step,
                      bool has_start, bool has_stop);
ten_tensor *ten_narrow(ten_tensor *t, int64_t dim, int64_t start, int64_t length);
ten_tensor *ten_diagonal(ten_tensor *t, int64_t offset, int64_t d0, int64_t d1);
/* split/chunk: *out receives a malloc'd array of *n new references (free with ten_list_free). */
int ten_split(ten_tensor *t, int64_t split_size, int64_t dim, ten_tensor ***out, int *n);
int ten_split_sizes(ten_tensor *t, const int64_t *sizes, int nsizes, int64_t dim, ten_tensor ***out, int *n);
int ten_chunk(ten_tensor *t, int64_t chunks, int64_t dim, ten_tensor ***out, int *n);
int ten_unbind(ten_tensor *t, int64_t dim, ten_tensor ***out, int *n);
void ten_list_free(ten_tensor **list, int n);

/* ---- broadcasting and promotion helpers ---- */

/* Broadcast two shapes; RuntimeError "The size of tensor a (..) must match ...". */
int ten_broadcast_shapes(const int64_t *a, int na, const int64_t *b, int nb, int64_t *out, int *nout);
/* torch.result_type over tensors (wrapped numbers and 0-dim tensors follow PyTorch's rules). */
ten_dtype ten_result_type(const ten_tensor *const *ts, int n);
ten_dtype ten_promote(ten_dtype a, ten_dtype b);
/* Can a value of type from be stored in to by an in-place/out= op? (float->int: no, etc.) */
bool ten_can_cast(ten_dtype from, ten_dtype to);

/* ---- elementwise binary ops (broadcasting, promotion) ---- */

/* Declared in tensor/ops.def. */
typedef enum ten_binop {
#define TEN_BINOP_X(name, str, result) TEN_BINOP_##name,
#include "tensor/ops.def"
  TEN_BINOP_COUNT
} ten_binop;

/* out = a <op> b. alpha scales b for ADD/SUB (1.0 otherwise ignored).
   Returns: new reference. */
ten_tensor *ten_binary(ten_binop op, ten_tensor *a, ten_tensor *b, ten_scalar alpha);
/* In place: a <- a <op> b (a must be able to hold the result type). Returns 0 / -1. */
int ten_binary_(ten_binop op, ten_tensor *a, ten_tensor *b, ten_scalar alpha);
/* out= variant: out is resized if its shape differs (out must not need a wider dtype). */
int ten_binary_out(ten_binop op, ten_tensor *out, ten_tensor *a, ten_tensor *b, ten_scalar alpha);
const char *ten_binop_name(ten_binop op);     /* "add", "sub", ... */

/* Convenience wrappers (alpha = 1). */
ten_tensor *ten_add(ten_tensor *a, ten_tensor *b);
ten_tensor *ten_sub(ten_tensor *a, ten_tensor *b);
ten_tensor *ten_mul(ten_tensor *a, ten_tensor *b);
ten_tensor *ten_div(ten_tensor *a, ten_tensor *b);
ten_tensor *ten_add_scalar(ten_tensor *a, ten_scalar b);
ten_tensor *ten_mul_scalar(ten_tensor *a, ten_scalar b);

/* ---- elementwise unary ops ---- */

/* Declared in tensor/ops.def. */
typedef enum ten_unop {
#define TEN_UNOP_X(name, str, result) TEN_UNOP_##name,
#include "tensor/ops.def"
  TEN_UNOP_COUNT
} ten_unop;

ten_tensor *ten_unary(ten_unop op, ten_tensor *t);
int ten_unary_(ten_unop op, ten_tensor *t);
int ten_unary_out(ten_unop op, ten_tensor *out, ten_tensor *t);
const char *ten_unop_name(ten_unop op);

/* clamp(min, max): has_min/has_max select the bounds. Result dtype follows promotion with the bounds. */
ten_tensor *ten_clamp(ten_tensor *t, const ten_scalar *min, const ten_scalar *max);
int ten_clamp_(ten_tensor *t, const ten_scalar *min, const ten_scalar *max);
/* t ** exponent (scalar exponent; PyTorch's special cases for 0.5, 2, 3, -1, -2 ...). */
ten_tensor *ten_pow_scalar(ten_tensor *t, ten_scalar exponent);
/* base ** t (scalar base). */
ten_tensor *ten_rpow_scalar(ten_scalar base, ten_tensor *t);
ten_tensor *ten_leaky_relu(ten_tensor *t, double slope);
/* cond ? a : b, broadcasting all three; cond must be bool (or uint8). */
ten_tensor *ten_where(ten_tensor *cond, ten_tensor *a, ten_tensor *b);
int ten_masked_fill_(ten_tensor *t, ten_tensor *mask, ten_tensor *value /* 0-dim */);
ten_tensor *ten_masked_fill(ten_tensor *t, ten_tensor *mask, ten_tensor *value);
/* a + value * t1 * t2 and a + value * t1 / t2 (optimizer helpers). */
ten_tensor *ten_addcmul(ten_tensor *a, ten_tensor *t1, ten_tensor *t2, ten_scalar value);
ten_tensor *ten_addcdiv(ten_tensor *a, ten_tensor *t1, ten_tensor *t2, ten_scalar value);
ten_tensor *ten_lerp(ten_tensor *a, ten_tensor *b, ten_scalar weight);

/* ---- comparisons ---- */

bool ten_equal(ten_tensor *a, ten_tensor *b);   /* torch.equal: same shape and values */
/* torch.allclose / isclose. Returns -1 on error, else 0/1. */
int ten_allclose(ten_tensor *a, ten_tensor *b, double rtol, double atol, bool equal_nan);
ten_tensor *ten_isclose(ten_tensor *a, ten_tensor *b, double rtol, double atol, bool equal_nan);

/* ---- reductions ---- */

/* dims: n dims to reduce (n == 0: all dims). dt: output/accumulate dtype, UNSET = default rule
   (sum/prod: integral and bool -> int64). */
ten_tensor *ten_sum(ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt);
ten_tensor *ten_mean(ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt);
ten_tensor *ten_prod(ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt);
/* correction: 1 = unbiased (default), 0 = biased. */
ten_tensor *ten_var(ten_tensor *t, const int64_t *dims, int n, int64_t correction, bool keepdim);
ten_tensor *ten_std(ten_tensor *t, const int64_t *dims, int n, int64_t correction, bool keepdim);
/* p-norm; p = INFINITY / -INFINITY for max/min norms, 2 = Frobenius/euclidean. */
ten_tensor *ten_norm(ten_tensor *t, double p, const int64_t *dims, int n, bool keepdim);
ten_tensor *ten_amax(ten_tensor *t, const int64_t *dims, int n, bool keepdim);
ten_tensor *ten_amin(ten_tensor *t, const int64_t *dims, int n, bool keepdim);
ten_tensor *ten_all(ten_tensor *t, const int64_t *dims, int n, bool keepdim);
ten_tensor *ten_any(ten_tensor *t, const int64_t *dims, int n, bool keepdim);
ten_tensor *ten_logsumexp(ten_tensor *t, const int64_t *dims, int n, bool keepdim);
/* Full reductions t.max() / t.min() (0-dim result; error on empty). */
ten_tensor *ten_max_all(ten_tensor *t);
ten_tensor *ten_min_all(ten_tensor *t);
/* max/min along dim: values and int64 indices (new references). */
int ten_max_dim(ten_tensor *t, int64_t dim, bool keepdim, ten_tensor **values, ten_tensor **indices);
int ten_min_dim(ten_tensor *t, int64_t dim, bool keepdim, ten_tensor **values, ten_tensor **indices);
/* argmax/argmin: has_dim false = over the flattened tensor. */
ten_tensor *ten_argmax(ten_tensor *t, int64_t dim, bool has_dim, bool keepdim);
ten_tensor *ten_argmin(ten_tensor *t, int64_t dim, bool has_dim, bool keepdim);
ten_tensor *ten_cumsum(ten_tensor *t, int64_t dim, ten_dtype dt);
ten_tensor *ten_cumprod(ten_tensor *t, int64_t dim, ten_dtype dt);
/* softmax/log_softmax along dim (dt UNSET: keep t's dtype). */
/* cblas_sgemm(CblasRowMajor, ...) on raw arrays with OpenBLAS's results, through tensor/cpu/sgemm.c's
   faster kernel where it applies (for nn/'s im2col convolutions). */
void ten_blas_sgemm(bool ta, bool tb, int64_t m, int64_t n, int64_t k, float alpha, const float *a, int64_t lda,
                    const float *b, int64_t ldb, float beta, float *c, int64_t ldc);
ten_tensor *ten_softmax(ten_tensor *t, int64_t dim, ten_dtype dt);
/* _(log_)softmax_backward_data along the last dim with ATen's CPU kernel, for contiguous float32
   CPU g and y of one shape: *out = the gradient; *out = NULL when that is not the case (the caller
   composes tensor ops). Returns -1 on error. */
int ten_softmax_backward_lastdim(ten_tensor *g, ten_tensor *y, bool log, ten_tensor **out);
/* tanh_backward (g * (1 - y*y) with one rounding for 1 - y*y) or sigmoid_backward ((g * (1 - y)) * y)
   with ATen's CPU kernel, under the same conditions and returns. */
int ten_tanh_sigmoid_backward(ten_tensor *g, ten_tensor *y, bool sigmoid, ten_tensor **out);
ten_tensor *ten_log_softmax(ten_tensor *t, int64_t dim, ten_dtype dt);
/* sort / topk along dim: values and int64 indices. */
int ten_sort(ten_tensor *t, int64_t dim, bool descending, ten_tensor **values, ten_tensor **indices);
int ten_topk(ten_tensor *t, int64_t k, int64_t dim, bool largest, bool sorted,
             ten_tensor **values, ten_tensor **indices);
/* torch.unique: the distinct elements in ascending order (NaNs last, each its own), 1-D; with has_dim the
   distinct slices along dim, in lexicographic order. inverse (the input's shape, or one per slice) and counts
   (one per value) are int64 and computed only when their pointers are not NULL. */
int ten_unique(ten_tensor *t, bool has_dim, int64_t dim, ten_tensor **values, ten_tensor **inverse, ten_tensor **counts);

/* ---- matmul family (OpenBLAS on CPU) ---- */

ten_tensor *ten_matmul(ten_tensor *a, ten_tensor *b);
ten_tensor *ten_mm(ten_tensor *a, ten_tensor *b);
ten_tensor *ten_bmm(ten_tensor *a, ten_tensor *b);
ten_tensor *ten_mv(ten_tensor *a, ten_tensor *v);
ten_tensor *ten_dot(ten_tensor *a, ten_tensor *b);
ten_tensor *ten_outer(ten_tensor *a, ten_tensor *b);
/* beta * input + alpha * (m1 @ m2) */
ten_tensor *ten_addmm(ten_tensor *input, ten_tensor *m1, ten_tensor *m2, ten_scalar beta, ten_scalar alpha);

/* ---- joining and indexing ---- */

ten_tensor *ten_cat(ten_tensor *const *ts, int n, int64_t dim);
ten_tensor *ten_stack(ten_tensor *const *ts, int n, int64_t dim);

/* One component of a Python subscript t[i, 1:3, None, ..., mask]. */
typedef enum ten_index_kind {
  TEN_INDEX_INT, TEN_INDEX_SLICE, TEN_INDEX_NONE, TEN_INDEX_ELLIPSIS, TEN_INDEX_TENSOR
} ten_index_kind;
typedef struct ten_index {
  ten_index_kind kind;
  int64_t i;                     /* INT */
  int64_t start, stop, step;     /* SLICE */
  bool has_start, has_stop;      /* SLICE: false = omitted (None) */
  ten_tensor *tensor;            /* TENSOR: int64/int32 indices or bool/uint8 mask (borrowed) */
} ten_index;

/* t[idx...]: a view for basic indexing, a copy when a TENSOR component is present. Components
   apply left to right as PyTorch's applySlicing does: 0-dim integer tensors select, 0-dim bool
   tensors add a dim indexed by [0] / [] (x[True], x[False]), other tensors are index_'s list. */
ten_tensor *ten_index_get(ten_tensor *t, const ten_index *idx, int n);
/* t[idx...] = value (value broadcast to the indexed shape and cast). Bumps version. A lone 0-dim
   bool component is Python's x[True] / x[False] (copy into t.unsqueeze(0) / nothing). */
int ten_index_put(ten_tensor *t, const ten_index *idx, int n, ten_tensor *value);
/* The same with index_put_'s accumulate: true sums value into t at the indexed places (duplicate
   indices add up; t[idx] += value for a subscript without tensors). value's leading size-1 dims
   are dropped (as setitem does); a non-number value must have t's dtype. Returns 0 or -1. */
int ten_index_put_acc(ten_tensor *t, const ten_index *idx, int n, ten_tensor *value, bool accumulate);
/* t.scatter_(dim, index, src) / t.scatter(...): t[..., index[p], ...] = src[p] over index's shape
   (index int64, same number of dims as t and src, no larger than src anywhere and than t off
   dim); the out-of-place forms return a contiguous copy. _value: a Python number (checked
   conversion to t's dtype). _add: sums (scatter_add). In place: 0 or -1; else new reference. */
ten_tensor *ten_scatter(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src);
int ten_scatter_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src);
ten_tensor *ten_scatter_value(ten_tensor *t, int64_t dim, ten_tensor *index, ten_scalar value);
int ten_scatter_value_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_scalar value);
ten_tensor *ten_scatter_add(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src);
int ten_scatter_add_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src);
/* t.index_add_(dim, index, src, alpha=alpha): t.select(dim, index[i]) += alpha * src.select(dim, i)
   (index 1-D int64/int32, src of t's dtype; duplicates add up). index_add: a contiguous copy. */
int ten_index_add_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src, ten_scalar alpha);
ten_tensor *ten_index_add(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src, ten_scalar alpha);
/* True if idx contains a TENSOR component (advanced indexing). */
bool ten_index_is_advanced(const ten_index *idx, int n);
ten_tensor *ten_index_select(ten_tensor *t, int64_t dim, ten_tensor *index);
ten_tensor *ten_gather(ten_tensor *t, int64_t dim, ten_tensor *index);
ten_tensor *ten_masked_select(ten_tensor *t, ten_tensor *mask);
ten_tensor *ten_nonzero(ten_tensor *t);                /* (n, ndim) int64 */
ten_tensor *ten_tril(ten_tensor *t, int64_t diagonal);
ten_tensor *ten_triu(ten_tensor *t, int64_t diagonal);
ten_tensor *ten_flip(ten_tensor *t, const int64_t *dims, int n);
ten_tensor *ten_repeat(ten_tensor *t, const int64_t *repeats, int n);

/* ---- random (PyTorch 1.13 CPU streams, x86 AVX2 variant) ---- */

typedef struct ten_generator ten_generator;
/* The process-wide default generator (torch.default_generator). */
ten_generator *ten_default_generator(void);
/* torch.Generator(): seeded with 67280421310721. Free with ten_generator_free. */
ten_generator *ten_generator_new(void);
void ten_generator_free(ten_generator *g);
void ten_generator_seed(ten_generator *g, uint64_t seed);   /* manual_seed: also clears normal caches */
uint64_t ten_generator_initial_seed(const ten_generator *g);
/* Nondeterministic seed (torch.seed()); returns the seed used. */
uint64_t ten_generator_seed_random(ten_generator *g);
uint32_t ten_generator_random(ten_generator *g);             /* one 32-bit draw */
uint64_t ten_generator_random64(ten_generator *g);           /* two draws, first = high word */
/* get_state / set_state as bytes (opaque; size from ten_generator_state_size). */
size_t ten_generator_state_size(void);
void ten_generator_get_state(const ten_generator *g, void *buf);
int ten_generator_set_state(ten_generator *g, const void *buf, size_t n);

/* In-place fills; g NULL = default generator. Floating dtypes unless stated. */
int ten_uniform_(ten_tensor *t, double a, double b, ten_generator *g);
int ten_normal_(ten_tensor *t, double mean, double std, ten_generator *g);
int ten_random_range_(ten_tensor *t, int64_t lo, int64_t hi, ten_generator *g); /* [lo, hi), any dtype */
/* random_() without bounds: PyTorch's full per-dtype range ([0, 2^63) for int64 ...). */
int ten_random_(ten_tensor *t, ten_generator *g);
int ten_bernoulli_scalar_(ten_tensor *t, double p, ten_generator *g);
/* out[i] = uniform < p[i] (p float tensor, same shape as out). */
int ten_bernoulli_tensor_(ten_tensor *t, const ten_tensor *p, ten_generator *g);
ten_tensor *ten_rand(const int64_t *shape, int ndim, ten_dtype dt, ten_generator *g);
ten_tensor *ten_randn(const int64_t *shape, int ndim, ten_dtype dt, ten_generator *g);
ten_tensor *ten_randint(int64_t lo, int64_t hi, const int64_t *shape, int ndim, ten_dtype dt, ten_generator *g);
ten_tensor *ten_randperm(int64_t n, ten_dtype dt, ten_generator *g);
ten_tensor *ten_normal(double mean, double std, const int64_t *shape, int ndim, ten_generator *g);
ten_tensor *ten_bernoulli(const ten_tensor *p, ten_generator *g);
/* nn.init.kaiming_uniform_(w, a) as nn.Linear/Conv2d use it: fan_in from w's shape. */
int ten_kaiming_uniform_(ten_tensor *w, double a, ten_generator *g);

/* Raw stream fills over contiguous buffers (also used by the CUDA backend: draw on CPU, copy). */
void ten_gen_uniform_f32(ten_generator *g, float *out, int64_t n, float a, float b);
void ten_gen_uniform_f64(ten_generator *g, double *out, int64_t n, double a, double b);
void ten_gen_normal_f32(ten_generator *g, float *out, int64_t n, double mean, double std);
void ten_gen_normal_f64(ten_generator *g, double *out, int64_t n, double mean, double std);

/* ---- printing (torch/_tensor_str.py, 1.13) ---- */

typedef struct ten_print_options {
  int precision;        /* 4 */
  int64_t threshold;    /* 1000 */
  int edgeitems;        /* 3 */
  int linewidth;        /* 80 */
  int sci_mode;         /* -1: automatic, 0: off, 1: on */
} ten_print_options;
void ten_print_options_get(ten_print_options *o);
void ten_print_options_set(const ten_print_options *o);

/* Extra suffix information owned by layers above (autograd). */
typedef struct ten_repr_extra {
  const char *grad_fn;  /* "AddBackward0" or NULL */
  bool requires_grad;   /* printed as requires_grad=True when no grad_fn */
} ten_repr_extra;

/* repr(t) exactly as PyTorch prints it. Returns malloc'd string (free with free), NULL on OOM. */
char *ten_repr(const ten_tensor *t, const ten_repr_extra *extra);
/* Python repr(float) ("0.1", "1e-05", "nan", "inf", "-0.0"); buf needs >= 32 bytes. */
void ten_format_double_repr(double v, char *buf, size_t n);
/* "torch.Size([2, 3])" style list "[2, 3]" written to buf. */
void ten_format_shape(const int64_t *shape, int ndim, char *buf, size_t n);

/* ---- memory accounting and threads ---- */

/* Bytes currently allocated by ten_alloc (CPU). */
int64_t ten_mem_allocated(void);
/* Bytes held in the allocator's cache of freed blocks, and releasing them (torch.cuda.empty_cache's CPU twin). */
int64_t ten_mem_cached(void);
void ten_mem_empty_cache(void);
/* Cap on total CPU tensor bytes (0 = none); exceeding it is a MemoryError. */
void ten_mem_set_limit(int64_t bytes);
int64_t ten_mem_get_limit(void);
/* CT_DEBUG_ALLOC builds: CTORCH_FAIL_ALLOC_EVERY=N failures count from this call on. No-op otherwise. */
void ten_mem_arm_faults(void);
/* Cap on one allocation (one tensor's storage; 0 = none); exceeding it is a MemoryError. */
void ten_mem_set_max_alloc(int64_t bytes);
int64_t ten_mem_get_max_alloc(void);
void ten_set_num_threads(int n);
int ten_get_num_threads(void);
/* Stops the BLAS library's idle worker threads (they restart on the next threaded BLAS call). */
void ten_blas_release_threads(void);

#ifdef __cplusplus
}
#endif
#endif /* CT_TENSOR_TENSOR_H */
