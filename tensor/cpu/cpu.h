/*
** tensor/cpu/cpu.h — shared by the CPU reference kernels (cpu_*): the backend's entry points and
** the dtype-dispatch macros. Plain strided loops; shapes in comments; no intrinsics.
*/
#ifndef CT_TENSOR_CPU_CPU_H
#define CT_TENSOR_CPU_CPU_H

#include "tensor/internal.h"

/* Hot loops are compiled twice, for baseline x86-64 and for AVX2, and picked at load time (the
   binary must run on any x86-64). No FMA: results stay identical between the two. */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__) && !defined(CT_NO_TARGET_CLONES)
#define CPU_VEC __attribute__((target_clones("avx2", "default")))
#else
#define CPU_VEC
#endif

/* Expands X(ctype, DTYPE_SUFFIX) for every dtype, in enum order. ORDER TEN_DTYPE */
#define CPU_FOR_EACH_DTYPE(X) \
  X(bool, BOOL) X(uint8_t, U8) X(int32_t, I32) X(int64_t, I64) X(float, F32) X(double, F64)

CT_INTERNAL int cpu_copy(ten_tensor *dst, const ten_tensor *src);
CT_INTERNAL int cpu_fill(ten_tensor *t, ten_scalar v);
CT_INTERNAL int cpu_binary(ten_binop op, ten_tensor *out, const ten_tensor *a, const ten_tensor *b, double alpha);
CT_INTERNAL int cpu_unary(ten_unop op, ten_tensor *out, const ten_tensor *in);
CT_INTERNAL int cpu_unary_param(ten_pop op, ten_tensor *out, const ten_tensor *in, const double *p);
CT_INTERNAL int cpu_ternary(ten_ternop op, ten_tensor *out, const ten_tensor *a, const ten_tensor *b,
                            const ten_tensor *c, double s);
CT_INTERNAL int cpu_reduce(ten_redop op, ten_tensor *out, ten_tensor *idx, const ten_tensor *in,
                           uint32_t mask, double param);
CT_INTERNAL int cpu_gemm(ten_tensor *c, const ten_tensor *a, const ten_tensor *b, double beta, double alpha,
                         bool bmm);
/* C = beta*C + alpha*A@B (row-major C; A, B row-major or transposed) with OpenBLAS's bits, where
   sgemm.c can (else false: call OpenBLAS) */
CT_INTERNAL bool cpu_sgemm(float *c, int64_t ldc, const float *a, bool ta, int64_t lda, const float *b, bool tb,
                           int64_t ldb, int64_t m, int64_t n, int64_t k, float alpha, float beta);
CT_INTERNAL int cpu_gemv(ten_tensor *y, const ten_tensor *a, const ten_tensor *x, double beta, double alpha);
CT_INTERNAL int cpu_dot(ten_tensor *out, const ten_tensor *a, const ten_tensor *b);
CT_INTERNAL int cpu_index_select(ten_tensor *out, const ten_tensor *in, int dim, const ten_tensor *index);
CT_INTERNAL int cpu_gather(ten_tensor *out, const ten_tensor *in, int dim, const ten_tensor *index);
CT_INTERNAL int cpu_scatter(ten_tensor *out, int dim, const ten_tensor *index, const ten_tensor *src, bool accumulate);
CT_INTERNAL int cpu_take(ten_tensor *out, const ten_tensor *in, const ten_tensor *offsets);
CT_INTERNAL int cpu_put(ten_tensor *dst, const ten_tensor *offsets, const ten_tensor *src, bool accumulate);
CT_INTERNAL int cpu_softmax(ten_tensor *out, const ten_tensor *in, int dim, bool log);
/* ATen's last-dim (log_)softmax backward kernels; contiguous float32 gi, g, y of one shape. false: out of memory */
/* ATen's tanh_backward / sigmoid_backward kernels over n contiguous floats */
CT_INTERNAL void cpu_tanh_sigmoid_backward(float *o, const float *g, const float *y, int64_t n, bool sigmoid);
CT_INTERNAL bool cpu_softmax_backward_lastdim(ten_tensor *gi, const ten_tensor *g, const ten_tensor *y, bool log);
CT_INTERNAL int cpu_cumulative(ten_tensor *out, const ten_tensor *in, int dim, bool prod);
CT_INTERNAL int cpu_sort(ten_tensor *values, ten_tensor *indices, const ten_tensor *in, int dim, bool descending);

/* Sum of n elements x[i*stride] in PyTorch 1.13's CPU order (cascade_sum.c). */
float cpu_cascade_sum_f32(const float *x, int64_t n, int64_t stride);
double cpu_cascade_sum_f64(const double *x, int64_t n, int64_t stride);
#define cpu_cascade_sum_F32 cpu_cascade_sum_f32
#define cpu_cascade_sum_F64 cpu_cascade_sum_f64
/* torch.sum(in, dims) of a float tensor in PyTorch's order (cascade_sum.c): reduce_mask bit d =
   dim d reduced; out: contiguous buffer of the kept dims; nthreads: torch.get_num_threads(). */
int cpu_sum_reduce_f32(const float *in, int ndim, const int64_t *shape, const int64_t *stride,
                       uint64_t reduce_mask, float *out, int nthreads);
int cpu_sum_reduce_f64(const double *in, int ndim, const int64_t *shape, const int64_t *stride,
                       uint64_t reduce_mask, double *out, int nthreads);

#endif /* CT_TENSOR_CPU_CPU_H */
