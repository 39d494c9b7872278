/*
** tensor/iter.c — the strided element iterator every CPU kernel runs on: operands that share one
** shape, size-1 dims dropped, mergeable dims coalesced, an inner loop over the last dim, and the
** element range split across OpenMP threads above TEN_GRAIN_SIZE (as ATen's parallel_for).
*/
#include <cblas.h>
#include <omp.h>
#include <string.h>

#include "tensor/internal.h"

/* TensorIterator's should_swap: > 0 when dim a (currently inside) should move outside dim b, i.e. the
   first operand that is not broadcast along either steps further along a, or as far along both when a
   is the longer; < 0 when it steps less far; 0 when no operand decides. */
static int should_swap(const ten_iter *it, int a, int b) {
  for (int k = 0; k < it->nops; k++) {
    int64_t sa = it->stride[k][a], sb = it->stride[k][b];
    if (sa == 0 || sb == 0) continue;
    if (sa < sb) return -1;
    if (sa > sb) return 1;
    if (it->shape[a] > it->shape[b]) return 1;
  }
  return 0;
}

/* Dims sorted by the operands' strides (the output's first), as ATen's reorder_dimensions: the
   inner loop walks memory order, so a permuted tensor runs the contiguous kernels in the order
   PyTorch runs them (which elements fall into vector blocks depends on it). Stable insertion sort,
   innermost dim first. */
static void reorder_dims(ten_iter *it) {
  int nd = it->ndim;
  if (nd < 2) return;
  int perm[TEN_MAX_DIMS];
  for (int i = 0; i < nd; i++) perm[i] = nd - 1 - i;
  bool moved = false;
  for (int i = 1; i < nd; i++) {
    int d1 = i;
    for (int d0 = i - 1; d0 >= 0; d0--) {
      int c = should_swap(it, perm[d0], perm[d1]);
      if (c > 0) {
        int t = perm[d0];
        perm[d0] = perm[d1];
        perm[d1] = t;
        d1 = d0;
        moved = true;
      } else if (c < 0) {
        break;
      }
    }
  }
  if (!moved) return;
  int64_t shape[TEN_MAX_DIMS], stride[TEN_ITER_MAX_OPS][TEN_MAX_DIMS];
  for (int j = 0; j < nd; j++) {
    int src = perm[nd - 1 - j];
    shape[j] = it->shape[src];
    for (int k = 0; k < it->nops; k++) stride[k][j] = it->stride[k][src];
  }
  memcpy(it->shape, shape, sizeof(int64_t) * (size_t)nd);
  for (int k = 0; k < it->nops; k++) memcpy(it->stride[k], stride[k], sizeof(int64_t) * (size_t)nd);
}

void ten_iter_init(ten_iter *it, int nops, const ten_tensor *const *ops) {
  const ten_tensor *t0 = ops[0];
  it->nops = nops;
  it->ndim = 0;
  it->numel = ten_numel(t0);
  for (int k = 0; k < nops; k++) it->data[k] = ten_data_ptr(ops[k]);
  /* keep dims of size != 1, outermost first */
  for (int d = 0; d < t0->ndim; d++) {
    if (t0->shape[d] == 1) continue;
    int n = it->ndim++;
    it->shape[n] = t0->shape[d];
    for (int k = 0; k < nops; k++)
      it->stride[k][n] = ops[k]->stride[d] * (int64_t)ten_dtype_size(ops[k]->dtype);
  }
  reorder_dims(it);
  /* merge dim n-1 (outer) into n (inner) when every operand steps through them as one */
  int out = 0;
  for (int n = 1; n < it->ndim; n++) {
    bool can = true;
    for (int k = 0; k < nops && can; k++)
      can = it->stride[k][out] == it->shape[n] * it->stride[k][n];
    if (can) {
      it->shape[out] *= it->shape[n];
      for (int k = 0; k < nops; k++) it->stride[k][out] = it->stride[k][n];
    } else {
      out++;
      it->shape[out] = it->shape[n];
      for (int k = 0; k < nops; k++) it->stride[k][out] = it->stride[k][n];
    }
  }
  if (it->ndim == 0) {
    it->ndim = 1;
    it->shape[0] = it->numel;    /* 0 or 1 */
    for (int k = 0; k < nops; k++) it->stride[k][0] = 0;
  } else {
    it->ndim = out + 1;
  }
}

/* Elements [begin, end) in row-major order of the coalesced shape. */
static void run_range(const ten_iter *it, int64_t begin, int64_t end, ten_loop_fn fn, void *ctx) {
  int nd = it->ndim, nops = it->nops;
  int64_t idx[TEN_MAX_DIMS];
  char *ptr[TEN_ITER_MAX_OPS];
  int64_t inner_stride[TEN_ITER_MAX_OPS];
  int64_t rem = begin;
  for (int d = nd - 1; d >= 0; d--) {
    idx[d] = rem % it->shape[d];
    rem /= it->shape[d];
  }
  for (int k = 0; k < nops; k++) {
    ptr[k] = it->data[k];
    for (int d = 0; d < nd; d++) ptr[k] += idx[d] * it->stride[k][d];
    inner_stride[k] = it->stride[k][nd - 1];
  }
  int64_t inner = it->shape[nd - 1];
  int64_t pos = begin;
  while (pos < end) {
    int64_t n = inner - idx[nd - 1];
    if (n > end - pos) n = end - pos;
    fn(ptr, inner_stride, n, ctx);
    pos += n;
    if (pos >= end) break;
    /* advance the odometer by n along the inner dim, carrying outward */
    for (int k = 0; k < nops; k++) ptr[k] += (n - inner) * inner_stride[k];
    idx[nd - 1] = 0;
    for (int d = nd - 2; d >= 0; d--) {
      for (int k = 0; k < nops; k++) ptr[k] += it->stride[k][d];
      if (++idx[d] < it->shape[d]) break;
      for (int k = 0; k < nops; k++) ptr[k] -= it->shape[d] * it->stride[k][d];
      idx[d] = 0;
    }
  }
}

void ten_iter_run(const ten_iter *it, ten_loop_fn fn, void *ctx, bool parallel) {
  int64_t n = it->numel;
  if (n <= 0) return;
  int threads = omp_in_parallel() ? 1 : omp_get_max_threads();
  if (!parallel || n < TEN_GRAIN_SIZE || threads <= 1) {
    run_range(it, 0, n, fn, ctx);
    return;
  }
  int64_t tasks = (n + TEN_GRAIN_SIZE - 1) / TEN_GRAIN_SIZE;
  if (tasks > threads) tasks = threads;
  int64_t chunk = (n + tasks - 1) / tasks;
#pragma omp parallel num_threads((int)tasks)
  {
    int64_t b = omp_get_thread_num() * chunk;
    int64_t e = b + chunk < n ? b + chunk : n;
    if (b < e) run_range(it, b, e, fn, ctx);
  }
}

/* torch.set_num_threads: OpenMP's team size and OpenBLAS's pool alike (as PyTorch does when built
   with OpenBLAS), so that set_num_threads(1) leaves no BLAS worker spinning on the other core.
   OpenBLAS splits rows/columns across its threads, never the inner sum: the results do not change. */
void ten_set_num_threads(int n) {
  if (n < 1) n = 1;
  omp_set_num_threads(n);
  openblas_set_num_threads(n);
}

int ten_get_num_threads(void) { return omp_get_max_threads(); }
