/*
** tensor/internal.h — cross-file internals of tensor/: allocator, strided iterator, backend
** dispatch, helpers shared by the op front ends. Never included outside tensor/ (and cuda/ uses backend.h).
*/
#ifndef CT_TENSOR_INTERNAL_H
#define CT_TENSOR_INTERNAL_H

#include "tensor/backend.h"
#include "tensor/tensor.h"

#if defined(__GNUC__)
#define CT_INTERNAL __attribute__((visibility("hidden"))) extern
#else
#define CT_INTERNAL extern
#endif

/* "Impossible but survivable" checks (SQLite ALWAYS/NEVER). */
#ifndef NDEBUG
#include <assert.h>
#define CT_ALWAYS(x) (assert(x), 1)
#define CT_NEVER(x) (assert(!(x)), 0)
#else
#define CT_ALWAYS(x) (x)
#define CT_NEVER(x) (x)
#endif

/* ---- allocator (alloc.c) ---- */

/* 64-byte aligned; counts bytes; honours the memory cap and CT_FAIL_ALLOC_AFTER in debug builds.
   Returns NULL with TEN_E_NOMEM set. */
CT_INTERNAL void *ten_alloc(size_t nbytes);
CT_INTERNAL void ten_free(void *p, size_t nbytes);
/* Small host allocations (lists, temporaries) that also honour failure injection. */
CT_INTERNAL void *ten_malloc(size_t n);

/* ---- tensor helpers (tensor.c, shape.c) ---- */

CT_INTERNAL void ten_contiguous_strides(const int64_t *shape, int ndim, int64_t *stride);
CT_INTERNAL int64_t ten_shape_numel(const int64_t *shape, int ndim);
CT_INTERNAL bool ten_shape_equal(const int64_t *a, int na, const int64_t *b, int nb);
/* Checks sizes are >= 0 and ndim <= TEN_MAX_DIMS; RuntimeError otherwise. */
CT_INTERNAL int ten_check_shape(const int64_t *shape, int ndim);
/* Strides for viewing (shape, stride) as newshape without copying (ATen computeStride).
   Returns false if impossible. */
CT_INTERNAL bool ten_compute_view_strides(const int64_t *shape, const int64_t *stride, int ndim,
                                          const int64_t *newshape, int newndim, int64_t *newstride);
/* Resolves one -1 in shape against numel; RuntimeError "shape '[..]' is invalid for input of size N". */
CT_INTERNAL int ten_infer_size(const int64_t *shape, int ndim, int64_t numel, int64_t *out);
/* Bump the version counter after an in-place write. */
CT_INTERNAL void ten_bump_version(ten_tensor *t);
/* Resizes an out= tensor to shape when it differs (storage reallocated if too small). */
CT_INTERNAL int ten_resize_out(ten_tensor *out, const int64_t *shape, int ndim);
/* True when writing out elementwise while reading in is safe: different storages, or the very
   same view (same offset, dtype, shape, strides). */
CT_INTERNAL bool ten_same_or_disjoint(const ten_tensor *out, const ten_tensor *in);
/* TensorIterator's memory-overlap checks for an op writing out while reading ins[] (NULLs
   skipped): RuntimeError "unsupported operation: ..." when out has internal overlap (expanded) or
   partially aliases an input. */
CT_INTERNAL int ten_check_mem_overlap(const ten_tensor *out, const ten_tensor *const *ins, int n);
/* Errors unless all tensors are on one device (PyTorch's text). */
CT_INTERNAL int ten_check_same_device(const ten_tensor *const *ts, int n);
/* Normalises a list of dims (unique, wrapped) into a bitmask; IndexError / RuntimeError texts. */
CT_INTERNAL int ten_dims_mask(const int64_t *dims, int n, int ndim, uint32_t *mask);
/* True when t is non-overlapping and dense (a permutation of a contiguous layout); then stride
   receives t's strides (clone/empty_like with preserve_format keep them). */
CT_INTERNAL bool ten_dense_strides(const ten_tensor *t, int64_t *stride);
/* Output strides of an elementwise op over inputs in[] (TensorIterator's layout rules:
   contiguous, or the common dense layout, or dims ordered by the inputs' strides). */
CT_INTERNAL void ten_layout_strides(const ten_tensor *const *in, int n, const int64_t *shape, int ndim,
                                    int64_t *stride);
/* dtype/category helpers for promotion */
CT_INTERNAL ten_dtype ten_scalar_dtype(ten_scalar s);
/* c10's checked Scalar::to<T>(): RuntimeError "value cannot be converted to type uint8_t without
   overflow" when s does not fit dt (ints into uint8 may wrap from -255; nan/inf never fit ints). */
CT_INTERNAL int ten_scalar_check(ten_scalar s, ten_dtype dt);
/* The C++ type name some ATen messages print for a dtype ("long int" for int64). */
CT_INTERNAL const char *ten_dtype_cpp_name(ten_dtype dt);
/* Fresh contiguous tensor with t's device. */
CT_INTERNAL ten_tensor *ten_empty_on(const int64_t *shape, int ndim, ten_dtype dt, ten_device dev);

/* ---- elementwise plumbing (elementwise.c) ---- */

/* Fresh output of shape/dtype laid out as TensorIterator would for inputs in[] (NULLs skipped). */
CT_INTERNAL ten_tensor *ten_ew_output(ten_tensor *const *in, int n, const int64_t *shape, int ndim, ten_dtype dt);
/* t converted to dt, moved to dev if it is a CPU scalar, and expanded to shape. New reference. */
CT_INTERNAL ten_tensor *ten_ew_input(ten_tensor *t, ten_dtype dt, const int64_t *shape, int ndim, ten_device dev);
/* Validates an in-place / out= target against the broadcast shape and result dtype. */
CT_INTERNAL int ten_ew_check_out(const ten_tensor *out, const int64_t *shape, int ndim, ten_dtype result, bool inplace);
/* The device of an elementwise op's inputs (CPU 0-dim tensors don't count); mixing is an error. */
CT_INTERNAL int ten_ew_device(ten_tensor *const *in, int n, ten_device *dev);

/* ---- strided iteration (iter.c) ---- */

#define TEN_ITER_MAX_OPS 4

/* Iterates operands that share one shape (inputs already broadcast by expand), dims coalesced.
   Byte strides; operand 0 is usually the output. */
typedef struct ten_iter {
  int ndim;                                 /* >= 1 after coalescing */
  int nops;
  int64_t numel;
  int64_t shape[TEN_MAX_DIMS];              /* innermost dim LAST */
  int64_t stride[TEN_ITER_MAX_OPS][TEN_MAX_DIMS]; /* bytes */
  char *data[TEN_ITER_MAX_OPS];
} ten_iter;

/* Inner loop over n elements: data[k] advances by strides[k] bytes per element. */
typedef void (*ten_loop_fn)(char **data, const int64_t *strides, int64_t n, void *ctx);

/* ops[k] all have shape (shape, ndim). */
CT_INTERNAL void ten_iter_init(ten_iter *it, int nops, const ten_tensor *const *ops);
/* Runs fn over every element; parallel (OpenMP) when numel >= TEN_GRAIN_SIZE and allowed. */
CT_INTERNAL void ten_iter_run(const ten_iter *it, ten_loop_fn fn, void *ctx, bool parallel);
#define TEN_GRAIN_SIZE 32768

/* ---- backend dispatch (backend.c) ---- */

/* The backend for a device; error (and NULL) if none is registered (CUDA without build/driver). */
CT_INTERNAL const ten_backend *ten_backend_for(ten_device dev);
/* For a NULL kernel slot: NotImplementedError "Could not run 'aten::OP' with arguments from the
   'CUDA' backend. ..." (PyTorch's first sentence). Returns NULL; never falls back to the CPU. */
CT_INTERNAL const ten_backend *ten_backend_missing(const ten_backend *b, const char *op);

/* ---- printing (print.c) helpers used elsewhere ---- */
CT_INTERNAL const char *ten_type_string(const ten_tensor *t);   /* "torch.FloatTensor" */

#endif /* CT_TENSOR_INTERNAL_H */
