/*
** tensor/cpu/cascade_sum.c — floating-point sum in exactly PyTorch 1.13's CPU order.
**
** Everything below was read from the v1.13 ATen sources (native/cpu/SumKernel.cpp,
** TensorIterator.cpp, TensorIteratorReduce.cpp, ReduceOps.cpp, ParallelOpenMP.h) and then
** checked bit for bit against Debian's torch 1.13.1 (AVX2 kernels, OpenMP) with
** tests/ref/gen_sum.py. This file is an independent re-implementation; no ATen text is copied.
**
** ======================================================================================
** 1. Where the order comes from
** ======================================================================================
** torch.sum(x, dims, keepdim) on CPU, float32/float64:
**   - builds a reduction TensorIterator over (out, in); the output is zero-filled;
**   - the iterator calls a "2-D loop" (size0, size1, 2 strides per operand) over blocks of
**     the (reordered, coalesced) iteration space, and every call *adds* its result into the
**     output element(s) (out += block_sum);
**   - the accumulator type is the element type (float sums in float, NOT double;
**     the kernel uses acc_type<T, is_cuda = true>), no FMA, no reassociation.
** The result therefore depends on (a) how the iterator orders/coalesces dims and cuts the
** iteration space into 2-D blocks, (b) which of four block kernels runs, (c) the cascade
** inside each kernel, and (d) with more than one thread, how the work is split.
**
** mean(x, dims) on CPU = sum(x, dims) followed by an in-place true division by the number
** of reduced elements N (an integer Scalar, converted to the tensor's dtype): out = s / (T)N.
** (It is a division, not a multiplication by 1/N; verified bit for bit.)
**
** ======================================================================================
** 2. The building blocks (W = lanes of one AVX2 vector: 8 for float, 4 for double)
** ======================================================================================
** LEVELS(x, n, s)   -- "multi_row_sum" for one column: n terms x[0], x[s], ..., x[(n-1)s].
**     p = max(4, ceil_log2(n) / 4)  (integer division; ceil_log2(n) = 1 for n <= 2),
**     B = 2^p.  Four accumulators a0..a3 = 0.  While at least B terms remain:
**         add the next B terms one by one into a0;  (i = number of terms consumed so far)
**         then for j = 1,2,3:  aj += a(j-1); a(j-1) = 0;  stop this carry chain as soon as
**         i is not a multiple of B^j  (i.e. (i & ((B-1) << (j*p))) != 0).
**     Then add the remaining (< B) terms into a0 one by one, and finish with
**         result = ((a0 + a1) + a2) + a3.
**     For n <= 2^19 this is: blocks of 16 summed sequentially, every 16 block sums
**     flushed into level 2, every 256 into level 3.
**
** ROWSUM(x, n, s)   -- "row_sum", 4-way interleaved (ILP) LEVELS:
**     m = n / 4;  P_k = LEVELS(x + k*s, m, 4*s) for k = 0..3  (P_k sums terms k, k+4, k+8..
**     of the first 4m terms);  then the last n - 4m terms are added one by one into P_0;
**     result = ((P_0 + P_1) + P_2) + P_3.
**
** INNER(x, n)       -- contiguous row, n >= W ("vectorized_inner_sum"):
**     V = n / W;  lane_l = ROWSUM(x + l, V, W) for l = 0..W-1  (lane l of the vector ROWSUM:
**     the elements l, l+W, l+2W, ... of the first V*W elements);
**     f = 0;  f += x[k] for the tail k = V*W .. n-1 (in order);  then f += lane_0, f += lane_1,
**     ..., f += lane_{W-1}.   Result f.
**
** ======================================================================================
** 3. The 2-D block kernel (SumKernel's loop; strides in elements here)
** ======================================================================================
** Called with (size0, size1), input strides (is0, is1), output strides (os0, os1):
**   a. if os0 != 0 and os1 == 0: swap the two dims (reduction goes to dim 0).
**   b. if os0 != 0 and os1 != 0 (nothing reduced in this block): out[i,j] = out[i,j] + in[i,j].
**   c. otherwise (os0 == 0): each j < size1 is one output column out[j*os1] (os1 may be 0,
**      then all columns add into the same output, in column order j = 0,1,2,...):
**      - is0 == 1 and size0 >= W:         out[j] += INNER(in + j*is1, size0)
**      - else is1 == 1 and size1 >= W ("vectorized outer", columns contiguous):
**            columns in whole groups of 4W (j < floor(size1/(4W))*4W):
**                                          out[j] += LEVELS(in + j, size0, is0)
**            then remaining columns:       out[j] += ROWSUM(in + j, size0, is0)
**            (the remaining columns are done W at a time as vectors, then one at a time
**             as scalars; both give ROWSUM per column.)
**      - else if is0 < is1 ("scalar inner"): out[j] += ROWSUM(in + j*is1, size0, is0)
**      - else ("scalar outer"): columns in whole groups of 4:
**                                          out[j] += LEVELS(in + j*is1, size0, is0)
**            then the remaining (size1 % 4) columns: out[j] += ROWSUM(in + j*is1, size0, is0)
**   So summing a contiguous (R, C) tensor over dim 0 (C >= 8) does NOT use the ILP-4 order
**   for the first floor(C/32)*32 columns: those columns get a plain LEVELS cascade down the
**   column, the rest get ROWSUM.  (Doubles: groups of 16 columns, threshold C >= 4.)
**
** ======================================================================================
** 4. The iterator: which blocks the kernel sees
** ======================================================================================
** Operands: 0 = output viewed with the input's ndim (keepdim view), 1 = input.
** Output strides used for ordering: the contiguous strides of the keepdim-shaped result,
** then set to 0 on every reduced dim whose input size is != 1.
**   i.   Reorder dims (iterator dim 0 = fastest).  Start from reversed order (last tensor dim
**        first) and insertion-sort with this comparison of dims a (left) and b (right):
**          for operand in (output, input):
**            if operand is the output and exactly one of its strides sa, sb is 0:
**                 the zero-stride (reduced) dim goes first: decide and stop;
**            if sa == 0 or sb == 0: next operand;
**            if sa < sb: a stays first (stop);  if sa > sb: swap (stop);
**            if sa == sb and size(a) > size(b): swap (stop);  else next operand;
**          no decision: "ambiguous" (the element being inserted keeps moving left past it
**          without swapping it).  A swap moves the element being inserted to slot a.
**        Net effect: reduced dims first, ordered by input stride; then kept dims, ordered by
**        output stride (i.e. in reverse tensor-dim order).
**   ii.  Coalesce neighbours (d, d+1) when either has size 1 or, for both operands,
**        size(d)*stride(d) == stride(d+1)  (size-1 dims take the neighbour's strides).
**   iii. Blocks (single thread): if ndim <= 1, one call with size0 = numel, size1 = 1
**        (missing dim-1 strides are 0).  Else one call per index of dims 2..ndim-1
**        (dim 2 fastest), each with size0 = shape[0], size1 = shape[1].
**   Consequences:
**     - full sum of any tensor whose memory is dense (contiguous, transposed, permuted)
**       = INNER/ROWSUM over memory order, one block: cpu_cascade_sum(x, numel, 1);
**     - x.sum(-1) of a contiguous (R, C): R blocks-columns of INNER (or ROWSUM if C < W);
**     - x.sum(0)  of a contiguous (R, C): size0 = R (stride C), size1 = C (stride 1):
**       "vectorized outer" if C >= W, else "scalar outer" (is0 = C > is1 = 1);
**     - x.sum(1) of a contiguous (R, C) with C < W: "scalar inner", ROWSUM per row;
**     - full sum of a non-dense tensor (e.g. x[:, ::2]) uses several blocks added into the
**       single output: out = ((0 + block0) + block1) + ..., each block possibly a 2-D call
**       whose columns are also added in order into the same output.
**
** ======================================================================================
** 5. Threads (T = torch.get_num_threads(); on this 2-CPU box Debian's torch starts with
**    T = 1 unless OMP_NUM_THREADS / torch.set_num_threads() says otherwise; the rules
**    below were checked bit for bit for T = 1, 2, 3, 4, 8, 16)
** ======================================================================================
**   - If numel < 32768 (GRAIN_SIZE) or T == 1: single-threaded as above.
**   - Else if the output has exactly one element ("two-pass"): nt = min(T, ceil(numel/32768))
**     chunks of c = ceil(numel/nt) consecutive *iteration-space* elements (linear index over
**     the reordered, coalesced dims, dim 0 fastest); chunk t = [t*c, min(numel,(t+1)*c)) is
**     reduced alone (for 1-D: one INNER/ROWSUM call on that slice, for N-D: the DimCounter
**     walk, which emits partial-row blocks at chunk edges) into partial[t] (starting at 0);
**     partial[t] = 0 for t >= nt.  Then out = 0 + SUM1D(partial[0..T-1]) with the same 1-D
**     rules (T < W: ROWSUM, i.e. sequential; T >= W: INNER).
**     => YES, the full sum of >= 32768 elements depends on the thread count.
**   - Else (several outputs): the outermost kept dim with size >= T (else the largest kept
**     dim) is split among min(T, size) threads into ceil(size/nthr) slices; if that dim is
**     the input's unit-stride dim, slice edges are rounded down to multiples of 128 bytes
**     (32 floats / 16 doubles), the final edge staying at the end.  Every output is computed
**     by one thread, but the block kernel sees narrower size1, which changes LEVELS-vs-ROWSUM
**     grouping only in rare layouts ("scalar outer" with a split that is not a multiple of 4);
**     the driver below reproduces it exactly anyway.
**
** ======================================================================================
** 6. Interfaces (add to tensor/cpu/cpu.h as needed)
** ======================================================================================
**   float  cpu_cascade_sum_f32(const float *x, int64_t n, int64_t stride);
**   double cpu_cascade_sum_f64(const double *x, int64_t n, int64_t stride);
**       torch.sum of a 1-D tensor of n elements x[i*stride], single thread: INNER when
**       stride == 1 and n >= W, else ROWSUM (0 + result; n == 0 -> 0).  Also correct for
**       the full sum of any dense tensor (pass its memory with stride 1).
**   float  cpu_cascade_sum_mt_f32(const float *x, int64_t n, int64_t stride, int nthreads);
**   double cpu_cascade_sum_mt_f64(const double *x, int64_t n, int64_t stride, int nthreads);
**       Same with torch.get_num_threads() == nthreads (two-pass split above).
**   void cpu_cascade_sum_outer_f32(const float *x, int64_t nrows, int64_t row_stride,
**                                  int64_t ncols, int64_t col_stride, float *out);
**   (and _f64)  One block of section 3 with os0 = 0 and out contiguous: out[j] (j < ncols)
**       = 0 + sum over i < nrows of x[i*row_stride + j*col_stride], in torch's kernel order
**       (picks INNER / vectorized outer / scalar inner / scalar outer by the rules of 3c).
**       x.sum(0) of a contiguous (R, C) = cpu_cascade_sum_outer(x, R, C, C, 1, out);
**       x.sum(1) of a contiguous (R, C) = cpu_cascade_sum_outer(x, C, 1, R, C, out).
**   int cpu_sum_reduce_f32(const float *in, int ndim, const int64_t *shape,
**                          const int64_t *stride, uint64_t reduce_mask, float *out,
**                          int nthreads);
**   (and _f64)  The whole torch.sum(in, dims) algorithm of sections 4-5.  shape/stride: the
**       input (strides in elements, >= 0, 0 for expanded dims); reduce_mask bit d set = dim d
**       is reduced (all bits for a full sum; ndim == 0 allowed); out: a contiguous buffer
**       holding prod(shape[d] for kept d) elements (same layout for keepdim true/false);
**       nthreads = torch.get_num_threads() to emulate (<= 1: serial).  Overwrites out.
**       Returns 0, or -1 if ndim > 16.  For mean divide each output by (T)N afterwards.
**
** Wiring note: calling cpu_cascade_sum() once per output on the gathered reduced elements is
** only right when the reduced dims coalesce into the innermost, unit-stride block (x.sum(-1)
** on contiguous data, or a full sum of dense data).  For any other reduction (x.sum(0),
** transposed/strided inputs, several non-adjacent reduced dims, >= 32768 elements with
** nthreads > 1) use cpu_sum_reduce_*(), which reproduces the column grouping and the order in
** which blocks are added into each output.
**
** Build note: this file must be compiled without -ffast-math / -fassociative-math (the
** project's flags are fine); no FMA can occur since only additions are performed.
*/
#include <stddef.h>
#include <stdint.h>

float cpu_cascade_sum_f32(const float *x, int64_t n, int64_t stride);
double cpu_cascade_sum_f64(const double *x, int64_t n, int64_t stride);
float cpu_cascade_sum_mt_f32(const float *x, int64_t n, int64_t stride, int nthreads);
double cpu_cascade_sum_mt_f64(const double *x, int64_t n, int64_t stride, int nthreads);
void cpu_cascade_sum_outer_f32(const float *x, int64_t nrows, int64_t row_stride, int64_t ncols,
                               int64_t col_stride, float *out);
void cpu_cascade_sum_outer_f64(const double *x, int64_t nrows, int64_t row_stride, int64_t ncols,
                               int64_t col_stride, double *out);
int cpu_sum_reduce_f32(const float *in, int ndim, const int64_t *shape, const int64_t *stride,
                       uint64_t reduce_mask, float *out, int nthreads);
int cpu_sum_reduce_f64(const double *in, int ndim, const int64_t *shape, const int64_t *stride,
                       uint64_t reduce_mask, double *out, int nthreads);

#define CS_MAX_DIMS 16
#define CS_GRAIN 32768 /* at::internal::GRAIN_SIZE */

static int64_t cs_ceil_log2(int64_t v) {
  if (v <= 2) return 1;
  uint64_t u = (uint64_t)v - 1;
  int64_t top = 0; /* index of the highest set bit of v-1 */
  while (u >>= 1) top++;
  return top + 1;
}

static int64_t cs_divup(int64_t a, int64_t b) { return (a + b - 1) / b; }

/* ---------------------------------------------------------------------------------------
** Iteration space after reorder + coalesce (type independent; strides in elements).
** ------------------------------------------------------------------------------------- */
typedef struct cs_iter {
  int nd;
  int64_t shape[CS_MAX_DIMS];
  int64_t so[CS_MAX_DIMS]; /* output strides */
  int64_t si[CS_MAX_DIMS]; /* input strides */
} cs_iter;

/* 1: dim a must come after dim b; -1: a stays before b; 0: undecided. */
static int cs_cmp(const cs_iter *it, int a, int b) {
  const int64_t *st[2] = {it->so, it->si};
  for (int op = 0; op < 2; op++) {
    int64_t sa = st[op][a], sb = st[op][b];
    if (op == 0 && ((sa == 0) != (sb == 0))) return sb == 0 ? 1 : -1;
    if (sa == 0 || sb == 0) continue;
    if (sa < sb) return -1;
    if (sa > sb) return 1;
    if (it->shape[a] > it->shape[b]) return 1;
  }
  return 0;
}

static void cs_build(cs_iter *it, int ndim, const int64_t *shape, const int64_t *stride, uint64_t mask) {
  if (ndim == 0) {
    it->nd = 1;
    it->shape[0] = 1;
    it->so[0] = 0;
    it->si[0] = 0;
    return;
  }
  /* Output strides: contiguous over the keepdim shape, zero on reduced dims of size != 1. */
  int64_t os[CS_MAX_DIMS];
  int64_t acc = 1;
  for (int d = ndim - 1; d >= 0; d--) {
    int red = (int)((mask >> d) & 1u);
    os[d] = acc;
    acc *= red ? 1 : shape[d];
    if (red && shape[d] != 1) os[d] = 0;
  }
  cs_iter raw;
  raw.nd = ndim;
  for (int d = 0; d < ndim; d++) {
    raw.shape[d] = shape[d];
    raw.so[d] = os[d];
    raw.si[d] = stride[d];
  }
  int perm[CS_MAX_DIMS];
  for (int i = 0; i < ndim; i++) perm[i] = ndim - 1 - i;
  if (ndim > 1) {
    for (int i = 1; i < ndim; i++) {
      int d1 = i;
      for (int d0 = i - 1; d0 >= 0; d0--) {
        int c = cs_cmp(&raw, perm[d0], perm[d1]);
        if (c > 0) {
          int t = perm[d0];
          perm[d0] = perm[d1];
          perm[d1] = t;
          d1 = d0;
        } else if (c < 0) {
          break;
        }
      }
    }
  }
  it->nd = ndim;
  for (int i = 0; i < ndim; i++) {
    it->shape[i] = raw.shape[perm[i]];
    it->so[i] = raw.so[perm[i]];
    it->si[i] = raw.si[perm[i]];
  }
  /* coalesce */
  int prev = 0;
  for (int d = 1; d < it->nd; d++) {
    int64_t s0 = it->shape[prev], s1 = it->shape[d];
    int can = (s0 == 1 || s1 == 1) || (s0 * it->so[prev] == it->so[d] && s0 * it->si[prev] == it->si[d]);
    if (can) {
      if (it->shape[prev] == 1) {
        it->so[prev] = it->so[d];
        it->si[prev] = it->si[d];
      }
      it->shape[prev] *= it->shape[d];
    } else {
      prev++;
      if (prev != d) {
        it->so[prev] = it->so[d];
        it->si[prev] = it->si[d];
        it->shape[prev] = it->shape[d];
      }
    }
  }
  it->nd = prev + 1;
}

/* ---------------------------------------------------------------------------------------
** Type-generic kernels.
** ------------------------------------------------------------------------------------- */
#define CS_DEFINE(T, S, W)                                                                   \
  static T cs_levels_##S(const T *x, int64_t n, int64_t s) {                                 \
    const int64_t lp0 = cs_ceil_log2(n) / 4;                                                 \
    const int64_t lp = lp0 > 4 ? lp0 : 4;                                                    \
    const int64_t step = (int64_t)1 << lp, lmask = step - 1;                                 \
    T a[4] = {0, 0, 0, 0};                                                                   \
    int64_t i = 0;                                                                           \
    while (i + step <= n) {                                                                  \
      for (int64_t j = 0; j < step; j++, i++) a[0] += x[i * s];                              \
      for (int j = 1; j < 4; j++) {                                                          \
        a[j] += a[j - 1];                                                                    \
        a[j - 1] = 0;                                                                        \
        if ((i & (lmask << (j * lp))) != 0) break;                                           \
      }                                                                                      \
    }                                                                                        \
    for (; i < n; i++) a[0] += x[i * s];                                                     \
    a[0] += a[1];                                                                            \
    a[0] += a[2];                                                                            \
    a[0] += a[3];                                                                            \
    return a[0];                                                                             \
  }                                                                                          \
                                                                                             \
  /* cs_levels for the 4W adjacent columns x[q], q < 4W (rows n, row stride s), row by row:   \
     the carries depend only on the row count, so each column gets its own LEVELS order. */   \
  static void cs_levels_cols_##S(const T *x, int64_t n, int64_t s, T *r) {                   \
    const int64_t lp0 = cs_ceil_log2(n) / 4;                                                 \
    const int64_t lp = lp0 > 4 ? lp0 : 4;                                                    \
    const int64_t step = (int64_t)1 << lp, lmask = step - 1;                                 \
    T a[4][4 * (W)];                                                                         \
    for (int j = 0; j < 4; j++)                                                              \
      for (int q = 0; q < 4 * (W); q++) a[j][q] = 0;                                         \
    int64_t i = 0;                                                                           \
    while (i + step <= n) {                                                                  \
      for (int64_t b = 0; b < step; b++, i++)                                                \
        for (int q = 0; q < 4 * (W); q++) a[0][q] += x[i * s + q];                           \
      for (int j = 1; j < 4; j++) {                                                          \
        for (int q = 0; q < 4 * (W); q++) {                                                  \
          a[j][q] += a[j - 1][q];                                                            \
          a[j - 1][q] = 0;                                                                   \
        }                                                                                    \
        if ((i & (lmask << (j * lp))) != 0) break;                                           \
      }                                                                                      \
    }                                                                                        \
    for (; i < n; i++)                                                                       \
      for (int q = 0; q < 4 * (W); q++) a[0][q] += x[i * s + q];                             \
    for (int q = 0; q < 4 * (W); q++) {                                                      \
      T v = a[0][q];                                                                         \
      v += a[1][q];                                                                          \
      v += a[2][q];                                                                          \
      v += a[3][q];                                                                          \
      r[q] = v;                                                                              \
    }                                                                                        \
  }                                                                                          \
                                                                                             \
  static T cs_rowsum_##S(const T *x, int64_t n, int64_t s) {                                 \
    const int64_t m = n / 4;                                                                 \
    T p[4];                                                                                  \
    for (int k = 0; k < 4; k++) p[k] = cs_levels_##S(x + k * s, m, 4 * s);                   \
    for (int64_t i = 4 * m; i < n; i++) p[0] += x[i * s];                                    \
    p[0] += p[1];                                                                            \
    p[0] += p[2];                                                                            \
    p[0] += p[3];                                                                            \
    return p[0];                                                                             \
  }                                                                                          \
                                                                                             \
  /* INNER in one pass over memory: lane l of ROWSUM k (k = 0..3) at cascade level j is      \
     a[k][j][l]; every block of 4W consecutive elements feeds all 4W accumulators, and the   \
     carries depend only on the block count, so each lane adds exactly the terms, in the      \
     order, of cs_rowsum(x + l, v, W) (and the W-wide loops vectorise without reordering). */ \
  static T cs_inner_##S(const T *x, int64_t n) {                                             \
    const int64_t v = n / (W), m = v / 4;                                                    \
    const int64_t lp0 = cs_ceil_log2(m) / 4;                                                 \
    const int64_t lp = lp0 > 4 ? lp0 : 4;                                                    \
    const int64_t step = (int64_t)1 << lp, lmask = step - 1;                                 \
    T a[4][4][W], P[4][W];                                                                   \
    for (int k = 0; k < 4; k++)                                                              \
      for (int j = 0; j < 4; j++)                                                            \
        for (int l = 0; l < (W); l++) a[k][j][l] = 0;                                        \
    const T *p = x;                                                                          \
    int64_t i = 0;                                                                           \
    while (i + step <= m) {                                                                  \
      for (int64_t b = 0; b < step; b++, i++, p += 4 * (W))                                  \
        for (int k = 0; k < 4; k++)                                                          \
          for (int l = 0; l < (W); l++) a[k][0][l] += p[k * (W) + l];                        \
      for (int j = 1; j < 4; j++) {                                                          \
        for (int k = 0; k < 4; k++)                                                          \
          for (int l = 0; l < (W); l++) {                                                    \
            a[k][j][l] += a[k][j - 1][l];                                                    \
            a[k][j - 1][l] = 0;                                                              \
          }                                                                                  \
        if ((i & (lmask << (j * lp))) != 0) break;                                           \
      }                                                                                      \
    }                                                                                        \
    for (; i < m; i++, p += 4 * (W))                                                         \
      for (int k = 0; k < 4; k++)                                                            \
        for (int l = 0; l < (W); l++) a[k][0][l] += p[k * (W) + l];                          \
    for (int k = 0; k < 4; k++)                                                              \
      for (int l = 0; l < (W); l++) {                                                        \
        T r = a[k][0][l];                                                                    \
        r += a[k][1][l];                                                                     \
        r += a[k][2][l];                                                                     \
        r += a[k][3][l];                                                                     \
        P[k][l] = r;                                                                         \
      }                                                                                      \
    for (int64_t t = 4 * m; t < v; t++)                                                      \
      for (int l = 0; l < (W); l++) P[0][l] += x[t * (W) + l];                               \
    T f = 0;                                                                                 \
    for (int64_t k = v * (W); k < n; k++) f += x[k];                                         \
    for (int l = 0; l < (W); l++) {                                                          \
      T r = P[0][l];                                                                         \
      r += P[1][l];                                                                          \
      r += P[2][l];                                                                          \
      r += P[3][l];                                                                          \
      f += r;                                                                                \
    }                                                                                        \
    return f;                                                                                \
  }                                                                                          \
                                                                                             \
  /* One 2-D block: out[...] += block sums (section 3). */                                   \
  static void cs_loop_##S(T *out, const T *in, int64_t size0, int64_t size1, int64_t os0,    \
                          int64_t os1, int64_t is0, int64_t is1) {                           \
    if (os0 != 0 && os1 == 0) {                                                              \
      int64_t t;                                                                             \
      t = os0; os0 = os1; os1 = t;                                                           \
      t = is0; is0 = is1; is1 = t;                                                           \
      t = size0; size0 = size1; size1 = t;                                                   \
    }                                                                                        \
    if (os0 != 0 && os1 != 0) {                                                              \
      for (int64_t j = 0; j < size1; j++)                                                    \
        for (int64_t i = 0; i < size0; i++) out[i * os0 + j * os1] += in[i * is0 + j * is1]; \
      return;                                                                                \
    }                                                                                        \
    if (is0 == 1 && size0 >= (W)) {                                                          \
      for (int64_t j = 0; j < size1; j++) out[j * os1] += cs_inner_##S(in + j * is1, size0); \
    } else if (is1 == 1 && size1 >= (W)) {                                                   \
      const int64_t g = size1 / (4 * (W)) * (4 * (W));                                       \
      for (int64_t j = 0; j < g; j += 4 * (W)) {                                             \
        T r[4 * (W)];                                                                        \
        cs_levels_cols_##S(in + j, size0, is0, r);                                           \
        for (int q = 0; q < 4 * (W); q++) out[(j + q) * os1] += r[q];                        \
      }                                                                                      \
      for (int64_t j = g; j < size1; j++) out[j * os1] += cs_rowsum_##S(in + j, size0, is0); \
    } else if (is0 < is1) {                                                                  \
      for (int64_t j = 0; j < size1; j++)                                                    \
        out[j * os1] += cs_rowsum_##S(in + j * is1, size0, is0);                             \
    } else {                                                                                 \
      const int64_t g = size1 / 4 * 4;                                                       \
      for (int64_t j = 0; j < size1; j++) {                                                  \
        const T *c = in + j * is1;                                                           \
        T r = j < g ? cs_levels_##S(c, size0, is0) : cs_rowsum_##S(c, size0, is0);          \
        out[j * os1] += r;                                                                   \
      }                                                                                      \
    }                                                                                        \
  }                                                                                          \
                                                                                             \
  /* serial_for_each over linear range [b, e) of the iteration space. */                     \
  static void cs_serial_##S(const cs_iter *it, T *out, const T *in, int64_t b, int64_t e) {  \
    if (e <= b) return;                                                                      \
    if (it->nd <= 1) {                                                                       \
      cs_loop_##S(out + b * it->so[0], in + b * it->si[0], e - b, 1, it->so[0], 0,           \
                  it->si[0], 0);                                                             \
      return;                                                                                \
    }                                                                                        \
    int64_t v[CS_MAX_DIMS];                                                                  \
    int64_t lin = b;                                                                         \
    for (int d = 0; d < it->nd; d++) {                                                       \
      v[d] = 0;                                                                              \
      if (it->shape[d] > 0) {                                                                \
        v[d] = lin % it->shape[d];                                                           \
        lin /= it->shape[d];                                                                 \
      }                                                                                      \
    }                                                                                        \
    int64_t off = b;                                                                         \
    while (off < e) {                                                                        \
      int64_t po = 0, pi = 0;                                                                \
      for (int d = 0; d < it->nd; d++) {                                                     \
        po += v[d] * it->so[d];                                                              \
        pi += v[d] * it->si[d];                                                              \
      }                                                                                      \
      int64_t s0 = it->shape[0] - v[0];                                                      \
      if (e - off < s0) s0 = e - off;                                                        \
      int64_t s1 = 1;                                                                        \
      if (s0 == it->shape[0]) {                                                              \
        s1 = it->shape[1] - v[1];                                                            \
        if ((e - off) / it->shape[0] < s1) s1 = (e - off) / it->shape[0];                    \
      }                                                                                      \
      cs_loop_##S(out + po, in + pi, s0, s1, it->so[0], it->so[1], it->si[0], it->si[1]);    \
      off += s0 * s1;                                                                        \
      int64_t ovf = s0;                                                                      \
      int d = 0;                                                                             \
      if (s1 != 1) {                                                                         \
        d = 1;                                                                               \
        ovf = s1;                                                                            \
      }                                                                                      \
      for (; d < it->nd && ovf > 0; d++) {                                                   \
        int64_t nv = v[d] + ovf;                                                             \
        if (nv >= it->shape[d]) {                                                            \
          ovf = 1;                                                                           \
          nv -= it->shape[d];                                                                \
        } else {                                                                             \
          ovf = 0;                                                                           \
        }                                                                                    \
        v[d] = nv;                                                                           \
      }                                                                                      \
    }                                                                                        \
  }                                                                                          \
                                                                                             \
  static void cs_reduce_it_##S(const cs_iter *it, T *out, int64_t nout, const T *in,         \
                               int nthreads) {                                               \
    int64_t numel = 1;                                                                       \
    for (int d = 0; d < it->nd; d++) numel *= it->shape[d];                                  \
    for (int64_t k = 0; k < nout; k++) out[k] = 0;                                           \
    if (numel == 0) return;                                                                  \
    if (numel < CS_GRAIN || nthreads <= 1) {                                                 \
      cs_serial_##S(it, out, in, 0, numel);                                                  \
      return;                                                                                \
    }                                                                                        \
    if (nout == 1) { /* two-pass: per-thread partials, then a 1-D sum of them */             \
      T part[256];                                                                           \
      int T_ = nthreads > 256 ? 256 : nthreads;                                              \
      for (int t = 0; t < T_; t++) part[t] = 0;                                              \
      int64_t nt = cs_divup(numel, CS_GRAIN);                                                \
      if (nt > T_) nt = T_;                                                                  \
      int64_t c = cs_divup(numel, nt);                                                       \
      for (int64_t t = 0; t < nt; t++) {                                                     \
        int64_t b = t * c, e = b + c < numel ? b + c : numel;                                \
        cs_serial_##S(it, &part[t], in, b, e);                                               \
      }                                                                                      \
      cs_loop_##S(out, part, T_, 1, 0, 0, 1, 0);                                             \
      return;                                                                                \
    }                                                                                        \
    /* parallel_dim_reduction */                                                             \
    int dim = it->nd - 1, best = it->nd - 1;                                                 \
    for (; dim >= 0; dim--) {                                                                \
      if (it->so[dim] == 0 && it->shape[dim] > 1) { dim = best; break; }                     \
      if (it->shape[dim] >= nthreads) break;                                                 \
      if (it->shape[dim] > it->shape[best]) best = dim;                                      \
    }                                                                                        \
    if (dim < 0) dim = best;                                                                 \
    const int64_t cols = it->shape[dim];                                                     \
    const int round = it->si[dim] == 1;                                                      \
    const int64_t mult = 128 / (int64_t)sizeof(T);                                           \
    int64_t nt = cols > 1 ? (cols < nthreads ? cols : nthreads) : 1;                         \
    int64_t c = cs_divup(cols, nt);                                                          \
    for (int64_t t = 0; t < nt; t++) {                                                       \
      int64_t b = t * c;                                                                     \
      if (b >= cols) break;                                                                  \
      int64_t e = b + c < cols ? b + c : cols;                                               \
      if (nt > 1 && round) {                                                                 \
        b -= b % mult;                                                                       \
        if (e != cols) e -= e % mult;                                                        \
      }                                                                                      \
      if (b == e) continue;                                                                  \
      cs_iter sub = *it;                                                                     \
      sub.shape[dim] = e - b;                                                                \
      int64_t subn = 1;                                                                      \
      for (int d = 0; d < sub.nd; d++) subn *= sub.shape[d];                                 \
      cs_serial_##S(&sub, out + b * it->so[dim], in + b * it->si[dim], 0, subn);             \
    }                                                                                        \
  }                                                                                          \
                                                                                             \
  T cpu_cascade_sum_##S(const T *x, int64_t n, int64_t stride) {                            \
    if (n <= 0) return 0;                                                                    \
    T r = (stride == 1 && n >= (W)) ? cs_inner_##S(x, n) : cs_rowsum_##S(x, n, stride);      \
    T out = 0;                                                                               \
    out += r;                                                                                \
    return out;                                                                              \
  }                                                                                          \
                                                                                             \
  T cpu_cascade_sum_mt_##S(const T *x, int64_t n, int64_t stride, int nthreads) {            \
    cs_iter it;                                                                              \
    T out;                                                                                   \
    it.nd = 1;                                                                               \
    it.shape[0] = n < 0 ? 0 : n;                                                             \
    it.so[0] = 0;                                                                            \
    it.si[0] = stride;                                                                       \
    cs_reduce_it_##S(&it, &out, 1, x, nthreads);                                             \
    return out;                                                                              \
  }                                                                                          \
                                                                                             \
  void cpu_cascade_sum_outer_##S(const T *x, int64_t nrows, int64_t row_stride,              \
                                 int64_t ncols, int64_t col_stride, T *out) {                \
    for (int64_t j = 0; j < ncols; j++) out[j] = 0;                                          \
    if (nrows <= 0) return;                                                                  \
    cs_loop_##S(out, x, nrows, ncols, 0, 1, row_stride, col_stride);                         \
  }                                                                                          \
                                                                                             \
  int cpu_sum_reduce_##S(const T *in, int ndim, const int64_t *shape, const int64_t *stride, \
                         uint64_t reduce_mask, T *out, int nthreads) {                       \
    if (ndim < 0 || ndim > CS_MAX_DIMS) return -1;                                           \
    cs_iter it;                                                                              \
    int64_t nout = 1;                                                                        \
    for (int d = 0; d < ndim; d++)                                                           \
      if (!((reduce_mask >> d) & 1u)) nout *= shape[d];                                      \
    cs_build(&it, ndim, shape, stride, reduce_mask);                                         \
    cs_reduce_it_##S(&it, out, nout, in, nthreads);                                          \
    return 0;                                                                                \
  }

CS_DEFINE(float, f32, 8)
CS_DEFINE(double, f64, 4)
