/*
** cuda/reduce.cu — reductions on the GPU (sum, prod, amax/amin, all/any, max/min with indices,
** var/std, p-norms, logsumexp) over any set of dims of a strided input. The plan is
** tensor/cpu/reduce.c's: kept dims index the outputs, reduced dims ordered by input stride
** (descending) and coalesced, so an index of max/min is the position in that walk, as on the CPU.
** One block per output element (grid-stride over outputs): each thread folds a strided slice of
** the reduced block, then a shared-memory tree combines the threads in index order, keeping the
** first occurrence for max/min indices. Float sums accumulate in the element type, as PyTorch's
** CUDA kernels do, so the rounding differs from the CPU's cascade order; var/std use Welford
** partials in double merged with Chan's formula.
*/
#include <math.h>
#include <string.h>

#include <type_traits>

#include "cuda/internal.cuh"

struct red_plan {
  int nk, nr;
  int64_t kshape[TEN_MAX_DIMS], kin[TEN_MAX_DIMS], kout[TEN_MAX_DIMS], kidx[TEN_MAX_DIMS];
  int64_t rshape[TEN_MAX_DIMS], rstride[TEN_MAX_DIMS];   /* outermost first */
  int64_t knumel, rnumel;
};

/* ---- kernels ---- */

template <typename T> struct acc_t {
  T t0, t1;             /* sum/prod/extreme/norm accumulator; logsumexp: max, sum */
  uint64_t u;           /* integral sum/prod (wraps) */
  int64_t i;            /* index of the extreme; -1: nothing seen */
  double mean, m2, n;   /* Welford */
  bool b;               /* all/any; extremes: something seen */
};

template <typename T, int OP> __device__ void acc_init(acc_t<T> &a, double p) {
  a.u = OP == TEN_REDOP_PROD ? 1 : 0;
  a.t0 = OP == TEN_REDOP_PROD ? (T)1 : (T)0;
  a.t1 = 0;
  a.i = -1;
  a.mean = a.m2 = a.n = 0;
  a.b = OP == TEN_REDOP_ALL;
  if constexpr (cu_is_float<T>::value) {
    if (OP == TEN_REDOP_NORM && p == -INFINITY) a.t0 = (T)INFINITY;
    if (OP == TEN_REDOP_LOGSUMEXP) a.t0 = (T)-INFINITY;
  }
}

/* x is element number idx of the reduced walk. */
template <typename T, int OP> __device__ void acc_add(acc_t<T> &a, T x, int64_t idx, double p) {
  constexpr bool FL = cu_is_float<T>::value;
  if constexpr (OP == TEN_REDOP_SUM) {
    if constexpr (FL) a.t0 += x; else a.u += (uint64_t)(int64_t)x;
  } else if constexpr (OP == TEN_REDOP_PROD) {
    if constexpr (FL) a.t0 *= x; else a.u *= (uint64_t)(int64_t)x;
  } else if constexpr (OP == TEN_REDOP_ALL) {
    a.b = a.b && (x != 0);
  } else if constexpr (OP == TEN_REDOP_ANY) {
    a.b = a.b || (x != 0);
  } else if constexpr (OP == TEN_REDOP_AMAX || OP == TEN_REDOP_AMIN || OP == TEN_REDOP_MAX_IDX || OP == TEN_REDOP_MIN_IDX) {
    constexpr bool MAX = OP == TEN_REDOP_AMAX || OP == TEN_REDOP_MAX_IDX;
    bool take;
    if (a.i < 0) take = true;
    else if constexpr (FL) take = a.t0 == a.t0 && (x != x || (MAX ? x > a.t0 : x < a.t0));
    else take = MAX ? x > a.t0 : x < a.t0;
    if (take) {
      a.t0 = x;
      a.i = idx;
    }
  } else if constexpr (OP == TEN_REDOP_VAR || OP == TEN_REDOP_STD) {
    double v = (double)x;
    a.n += 1;
    double delta = v - a.mean;
    a.mean += delta / a.n;
    a.m2 += delta * (v - a.mean);
  } else if constexpr (OP == TEN_REDOP_NORM) {
    if constexpr (FL) {
      T ax = fabs(x);
      if (p == INFINITY) { if (a.t0 == a.t0 && (ax != ax || ax > a.t0)) a.t0 = ax; }
      else if (p == -INFINITY) { if (a.t0 == a.t0 && (ax != ax || ax < a.t0)) a.t0 = ax; }
      else if (p == 0) a.t0 += (T)(x != 0);
      else if (p == 1) a.t0 += ax;
      else if (p == 2) a.t0 += x * x;
      else a.t0 += pow(ax, (T)p);
    }
  } else if constexpr (OP == TEN_REDOP_LOGSUMEXP) {
    if constexpr (FL) {
      if (x > a.t0) {
        a.t1 = a.t1 * exp(a.t0 - x) + (T)1;
        a.t0 = x;
      } else if (a.t0 != (T)-INFINITY) {
        a.t1 += exp(x - a.t0);
      } else if (x != x) {
        a.t1 = x;
      }
    }
  }
}

/* a <- a (+) b, where b covers later elements of the walk than a or interleaves with them. */
template <typename T, int OP> __device__ void acc_merge(acc_t<T> &a, const acc_t<T> &b, double p) {
  constexpr bool FL = cu_is_float<T>::value;
  if constexpr (OP == TEN_REDOP_SUM) {
    if constexpr (FL) a.t0 += b.t0; else a.u += b.u;
  } else if constexpr (OP == TEN_REDOP_PROD) {
    if constexpr (FL) a.t0 *= b.t0; else a.u *= b.u;
  } else if constexpr (OP == TEN_REDOP_ALL) {
    a.b = a.b && b.b;
  } else if constexpr (OP == TEN_REDOP_ANY) {
    a.b = a.b || b.b;
  } else if constexpr (OP == TEN_REDOP_AMAX || OP == TEN_REDOP_AMIN || OP == TEN_REDOP_MAX_IDX || OP == TEN_REDOP_MIN_IDX) {
    constexpr bool MAX = OP == TEN_REDOP_AMAX || OP == TEN_REDOP_MAX_IDX;
    if (b.i < 0) return;
    if (a.i < 0) { a = b; return; }
    bool an = false, bn = false;
    if constexpr (FL) { an = a.t0 != a.t0; bn = b.t0 != b.t0; }
    bool take;
    if (an || bn) take = bn && (!an || b.i < a.i);
    else if (b.t0 == a.t0) take = b.i < a.i;
    else take = MAX ? b.t0 > a.t0 : b.t0 < a.t0;
    if (take) { a.t0 = b.t0; a.i = b.i; }
  } else if constexpr (OP == TEN_REDOP_VAR || OP == TEN_REDOP_STD) {
    if (b.n == 0) return;
    if (a.n == 0) { a.mean = b.mean; a.m2 = b.m2; a.n = b.n; return; }
    double n = a.n + b.n, delta = b.mean - a.mean;
    a.mean += delta * b.n / n;
    a.m2 += b.m2 + delta * delta * a.n * b.n / n;
    a.n = n;
  } else if constexpr (OP == TEN_REDOP_NORM) {
    if constexpr (FL) {
      if (p == INFINITY) { if (a.t0 == a.t0 && (b.t0 != b.t0 || b.t0 > a.t0)) a.t0 = b.t0; }
      else if (p == -INFINITY) { if (a.t0 == a.t0 && (b.t0 != b.t0 || b.t0 < a.t0)) a.t0 = b.t0; }
      else a.t0 += b.t0;
    }
  } else if constexpr (OP == TEN_REDOP_LOGSUMEXP) {
    if constexpr (FL) {
      T m = b.t0 > a.t0 ? b.t0 : a.t0;
      if (m == (T)-INFINITY) { a.t1 = a.t1 + b.t1; return; }
      T s = (a.t0 == (T)-INFINITY ? (T)0 : a.t1 * exp(a.t0 - m)) + (b.t0 == (T)-INFINITY ? (T)0 : b.t1 * exp(b.t0 - m));
      if (a.t1 != a.t1 || b.t1 != b.t1) s = a.t1 != a.t1 ? a.t1 : b.t1;
      a.t0 = m;
      a.t1 = s;
    }
  }
}

template <typename T, int OP> __device__ void acc_store(const acc_t<T> &a, char *out, int64_t *idx, int64_t n, double p) {
  constexpr bool FL = cu_is_float<T>::value;
  if constexpr (OP == TEN_REDOP_ALL || OP == TEN_REDOP_ANY) {
    *(bool *)out = a.b;
  } else if constexpr (OP == TEN_REDOP_SUM || OP == TEN_REDOP_PROD) {
    if constexpr (FL) *(T *)out = a.t0; else *(T *)out = (T)a.u;
  } else if constexpr (OP == TEN_REDOP_AMAX || OP == TEN_REDOP_AMIN || OP == TEN_REDOP_MAX_IDX || OP == TEN_REDOP_MIN_IDX) {
    *(T *)out = a.t0;
    if (idx) *idx = a.i < 0 ? 0 : a.i;
  } else if constexpr (OP == TEN_REDOP_VAR || OP == TEN_REDOP_STD) {
    double dof = (double)n - p;
    double v = n == 0 ? NAN : a.m2 / (dof > 0 ? dof : 0);
    *(T *)out = (T)(OP == TEN_REDOP_STD ? sqrt(v) : v);
  } else if constexpr (OP == TEN_REDOP_NORM) {
    if constexpr (FL) {
      T r = a.t0;
      if (p == 2) r = sqrt(r);
      else if (p != 0 && p != 1 && p != INFINITY && p != -INFINITY) r = pow(r, (T)1 / (T)p);
      *(T *)out = r;
    }
  } else if constexpr (OP == TEN_REDOP_LOGSUMEXP) {
    if constexpr (FL) {
      T r = n == 0 ? (T)-INFINITY : isinf(a.t0) ? a.t0 : (T)log(a.t1) + a.t0;
      *(T *)out = r;
    }
  }
}

template <typename T, int OP>
__global__ void reduce_kernel(red_plan p, const char *in, char *out, int64_t *idx, int out_es, double param) {
  extern __shared__ __align__(16) unsigned char smem[];
  acc_t<T> *sh = reinterpret_cast<acc_t<T> *>(smem);
  for (int64_t k = blockIdx.x; k < p.knumel; k += gridDim.x) {
    int64_t rem = k, ioff = 0, ooff = 0, xoff = 0;
    for (int d = p.nk - 1; d >= 0; d--) {
      int64_t c = rem % p.kshape[d];
      rem /= p.kshape[d];
      ioff += c * p.kin[d];
      ooff += c * p.kout[d];
      xoff += c * p.kidx[d];
    }
    const T *base = (const T *)in + ioff;
    acc_t<T> a;
    acc_init<T, OP>(a, param);
    for (int64_t r = threadIdx.x; r < p.rnumel; r += blockDim.x) {
      int64_t rr = r, roff = 0;
      for (int d = p.nr - 1; d >= 0; d--) {
        roff += (rr % p.rshape[d]) * p.rstride[d];
        rr /= p.rshape[d];
      }
      acc_add<T, OP>(a, base[roff], r, param);
    }
    sh[threadIdx.x] = a;
    __syncthreads();
    for (unsigned w = blockDim.x / 2; w > 0; w >>= 1) {
      if (threadIdx.x < w) acc_merge<T, OP>(sh[threadIdx.x], sh[threadIdx.x + w], param);
      __syncthreads();
    }
    if (threadIdx.x == 0) acc_store<T, OP>(sh[0], out + ooff * out_es, idx ? idx + xoff : NULL, p.rnumel, param);
    __syncthreads();
  }
}

/* ---- launchers ---- */

static void plan_init(red_plan *p, const ten_tensor *out, const ten_tensor *idx, const ten_tensor *in, uint32_t mask) {
  memset(p, 0, sizeof *p);
  p->knumel = p->rnumel = 1;
  int order[TEN_MAX_DIMS], nred = 0;
  for (int d = 0; d < in->ndim; d++) {
    if (!(mask & (1u << d)) || in->shape[d] == 1) continue;
    int j = nred++;
    while (j > 0 && in->stride[order[j - 1]] < in->stride[d]) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = d;
  }
  for (int i = 0; i < nred; i++) {
    int d = order[i];
    if (p->nr > 0 && p->rstride[p->nr - 1] == in->shape[d] * in->stride[d]) {
      p->rshape[p->nr - 1] *= in->shape[d];
      p->rstride[p->nr - 1] = in->stride[d];
    } else {
      p->rshape[p->nr] = in->shape[d];
      p->rstride[p->nr++] = in->stride[d];
    }
    p->rnumel *= in->shape[d];
  }
  for (int d = 0; d < in->ndim; d++) {
    if (mask & (1u << d)) continue;
    p->kshape[p->nk] = in->shape[d];
    p->kin[p->nk] = in->stride[d];
    p->kout[p->nk] = out->stride[d];
    p->kidx[p->nk] = idx ? idx->stride[d] : 0;
    p->nk++;
    p->knumel *= in->shape[d];
  }
  for (int d = 0; d < in->ndim; d++)
    if ((mask & (1u << d)) && in->shape[d] == 0) p->rnumel = 0;
}

template <typename T, int OP>
static void launch(const red_plan &p, const ten_tensor *in, ten_tensor *out, ten_tensor *idx, double param, cudaStream_t s) {
  int bs = 32;
  while (bs < p.rnumel && bs < CU_THREADS) bs *= 2;
  int64_t grid = p.knumel < 65535 * 16 ? p.knumel : 65535 * 16;
  reduce_kernel<T, OP><<<(unsigned)grid, bs, bs * sizeof(acc_t<T>), s>>>(
      p, (const char *)ten_data_ptr(in), (char *)ten_data_ptr(out), idx ? (int64_t *)ten_data_ptr(idx) : NULL,
      (int)ten_dtype_size(out->dtype), param);
}

template <typename T>
static int launch_op(ten_redop op, const red_plan &p, const ten_tensor *in, ten_tensor *out, ten_tensor *idx, double param,
                     cudaStream_t s) {
  switch (op) {
  case TEN_REDOP_SUM: launch<T, TEN_REDOP_SUM>(p, in, out, idx, param, s); break;
  case TEN_REDOP_PROD: launch<T, TEN_REDOP_PROD>(p, in, out, idx, param, s); break;
  case TEN_REDOP_AMAX: launch<T, TEN_REDOP_AMAX>(p, in, out, idx, param, s); break;
  case TEN_REDOP_AMIN: launch<T, TEN_REDOP_AMIN>(p, in, out, idx, param, s); break;
  case TEN_REDOP_ALL: launch<T, TEN_REDOP_ALL>(p, in, out, idx, param, s); break;
  case TEN_REDOP_ANY: launch<T, TEN_REDOP_ANY>(p, in, out, idx, param, s); break;
  case TEN_REDOP_MAX_IDX: launch<T, TEN_REDOP_MAX_IDX>(p, in, out, idx, param, s); break;
  case TEN_REDOP_MIN_IDX: launch<T, TEN_REDOP_MIN_IDX>(p, in, out, idx, param, s); break;
  default:
    if constexpr (cu_is_float<T>::value) {
      switch (op) {
      case TEN_REDOP_VAR: launch<T, TEN_REDOP_VAR>(p, in, out, idx, param, s); break;
      case TEN_REDOP_STD: launch<T, TEN_REDOP_STD>(p, in, out, idx, param, s); break;
      case TEN_REDOP_NORM: launch<T, TEN_REDOP_NORM>(p, in, out, idx, param, s); break;
      case TEN_REDOP_LOGSUMEXP: launch<T, TEN_REDOP_LOGSUMEXP>(p, in, out, idx, param, s); break;
      default: return ten_error_set(TEN_E_RUNTIME, "unknown reduction");
      }
    } else {
      return ten_error_set(TEN_E_RUNTIME, "reduction not implemented for '%s'", ten_dtype_scalar_name(in->dtype));
    }
  }
  return CU_CHECK(cudaGetLastError());
}

int cu_reduce(ten_redop op, ten_tensor *out, ten_tensor *idx, const ten_tensor *in, uint32_t mask, double param) {
  static_assert(TEN_REDOP_COUNT == 12, "update launch_op");
  if (ten_numel(out) == 0) return 0;
  cudaStream_t s;
  if (cu_use_tensor(out, &s)) return -1;
  red_plan p;
  plan_init(&p, out, idx, in, mask);
  int rc = -1;
  CU_DISPATCH_ALL(in->dtype, rc = launch_op<scalar_t>(op, p, in, out, idx, param, s));
  return rc;
}
