/*
** tensor/backend.h — the device backend interface: one struct of kernel entry points per device
** type. The op front ends (tensor/ops_*.c) do promotion, broadcasting, output allocation and
** error checks once; a backend only computes. cpu/ registers itself; cuda/ registers when built.
** A NULL slot is an error ("not implemented for device"), never a silent fallback.
*/
#ifndef CT_TENSOR_BACKEND_H
#define CT_TENSOR_BACKEND_H

#include "tensor/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reductions the backends implement (front end: tensor/ops_reduce.c). ORDER TEN_REDOP */
typedef enum ten_redop {
  TEN_REDOP_SUM, TEN_REDOP_PROD, TEN_REDOP_AMAX, TEN_REDOP_AMIN,
  TEN_REDOP_ALL, TEN_REDOP_ANY,
  TEN_REDOP_MAX_IDX, TEN_REDOP_MIN_IDX,   /* values + int64 indices (first occurrence) */
  TEN_REDOP_VAR,                          /* param = correction */
  TEN_REDOP_STD,                          /* param = correction */
  TEN_REDOP_NORM,                         /* param = p */
  TEN_REDOP_LOGSUMEXP,
  TEN_REDOP_COUNT
} ten_redop;

/* Elementwise ops that take scalar parameters. ORDER TEN_POP */
typedef enum ten_pop {
  TEN_POP_CLAMP,        /* p[0]=min (or NAN: none), p[1]=max (or NAN: none) */
  TEN_POP_POW,          /* x ** p[0] */
  TEN_POP_RPOW,         /* p[0] ** x */
  TEN_POP_LEAKY_RELU,   /* slope p[0] */
  TEN_POP_COUNT
} ten_pop;

/* Ops on three tensors and a scalar. ORDER TEN_TERNOP */
typedef enum ten_ternop {
  TEN_TERNOP_WHERE,     /* out = a ? b : c (a bool) */
  TEN_TERNOP_ADDCMUL,   /* out = a + s * b * c */
  TEN_TERNOP_ADDCDIV,   /* out = a + s * b / c */
  TEN_TERNOP_LERP,      /* out = a + s * (b - a) */
  TEN_TERNOP_COUNT
} ten_ternop;

/* Shapes below: "expanded" means the front end has made every input a view with the output's
   shape (broadcast dims have stride 0), and converted inputs to the compute dtype. */
typedef struct ten_backend {
  const char *name;                                   /* "cpu", "cuda" */
  int (*device_count)(void);
  void *(*alloc)(size_t nbytes, int device);          /* NULL + TEN_E_NOMEM / RuntimeError */
  void (*free)(void *p, size_t nbytes, int device);
  /* Raw byte copy; to_device: host->device (true) or device->host (false). */
  int (*memcpy_host)(void *dst, const void *src, size_t nbytes, bool to_device, int device);
  /* dst <- src, same shape, same device, any dtypes (converts). */
  int (*copy)(ten_tensor *dst, const ten_tensor *src);
  int (*fill)(ten_tensor *t, ten_scalar v);
  /* out = a op b; a, b expanded, in the compute dtype; out dtype = result dtype. */
  int (*binary)(ten_binop op, ten_tensor *out, const ten_tensor *a, const ten_tensor *b, double alpha);
  /* out = op(in); in of the compute dtype, out of the result dtype; same shape. */
  int (*unary)(ten_unop op, ten_tensor *out, const ten_tensor *in);
  int (*unary_param)(ten_pop op, ten_tensor *out, const ten_tensor *in, const double *p);
  /* out = op(a, b, c; s); all expanded; a is bool for WHERE. */
  int (*ternary)(ten_ternop op, ten_tensor *out, const ten_tensor *a, const ten_tensor *b,
                 const ten_tensor *c, double s);
  /* Reduce `in` over the dims set in mask into out (same ndim, reduced dims of size 1);
     idx (MAX_IDX/MIN_IDX only) is int64 with out's shape. */
  int (*reduce)(ten_redop op, ten_tensor *out, ten_tensor *idx, const ten_tensor *in,
                uint32_t mask, double param);
  /* C[b] = beta*C[b] + alpha*op(A[b]) @ op(B[b]) for b < batch, on (batch, m, k) x (batch, k, n)
     strided 3-D views (any strides; the backend copies when its BLAS cannot use them).
     bmm: the op is torch.bmm (ATen's CPU kernel computes it with a plain loop when k*m*n < 400)
     rather than mm/addmm (always BLAS); a backend may ignore it. */
  int (*gemm)(ten_tensor *c, const ten_tensor *a, const ten_tensor *b, double beta, double alpha, bool bmm);
  /* y = beta*y + alpha*(A @ x) for a strided (m, k) matrix and (k) vector (BLAS gemv). */
  int (*gemv)(ten_tensor *y, const ten_tensor *a, const ten_tensor *x, double beta, double alpha);
  /* out (0-dim) = a . b for 1-D tensors of equal length (BLAS dot). */
  int (*dot)(ten_tensor *out, const ten_tensor *a, const ten_tensor *b);
  /* out = in.index_select(dim, index) (index int64 1-D, already bounds-checked). */
  int (*index_select)(ten_tensor *out, const ten_tensor *in, int dim, const ten_tensor *index);
  /* gather / scatter along dim (index int64, same ndim; checked). accumulate: scatter_add. */
  int (*gather)(ten_tensor *out, const ten_tensor *in, int dim, const ten_tensor *index);
  int (*scatter)(ten_tensor *out, int dim, const ten_tensor *index, const ten_tensor *src, bool accumulate);
  /* out[k] = in[indices of the k-th nonzero of mask] etc.: advanced indexing over the
     flattened leading index: out = in[idx] with idx int64 linear offsets (precomputed). */
  int (*take)(ten_tensor *out, const ten_tensor *in, const ten_tensor *offsets);
  /* in[offsets] = src (or +=): offsets int64 element offsets into in's storage from in's offset. */
  int (*put)(ten_tensor *dst, const ten_tensor *offsets, const ten_tensor *src, bool accumulate);
  /* softmax / log_softmax along dim (out same shape/dtype as in). */
  int (*softmax)(ten_tensor *out, const ten_tensor *in, int dim, bool log);
  /* cumsum (prod=false) / cumprod along dim. */
  int (*cumulative)(ten_tensor *out, const ten_tensor *in, int dim, bool prod);
  /* sort along dim: values and int64 indices, ties in the order of torch.sort(stable=False)
     on that device (CPU: libstdc++'s std::sort). */
  int (*sort)(ten_tensor *values, ten_tensor *indices, const ten_tensor *in, int dim, bool descending);
} ten_backend;

/* Installs the backend for a device type (cpu/ at start-up, cuda/ from cu_backend_register). */
void ten_backend_register(ten_devtype type, const ten_backend *b);
/* Number of devices of a type (0 when no backend is registered). */
int ten_device_count(ten_devtype type);

#ifdef __cplusplus
}
#endif
#endif /* CT_TENSOR_BACKEND_H */
