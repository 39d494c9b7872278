/*
** tensor/create.c — factory functions: empty/zeros/ones/full/eye/arange/linspace, tensors from
** buffers and Python scalars, and the *_like variants. Values follow ATen's CPU kernels exactly,
** including arange/linspace's vectorised arithmetic (8 floats / 4 doubles per AVX2 vector).
*/
#include <math.h>
#include <string.h>

#include "tensor/internal.h"

static ten_dtype or_default(ten_dtype dt) { return dt == TEN_DTYPE_UNSET ? ten_default_dtype() : dt; }

ten_tensor *ten_empty(const int64_t *shape, int ndim, ten_dtype dt, ten_device dev) {
  return ten_empty_on(shape, ndim, or_default(dt), dev);
}

static ten_tensor *filled(const int64_t *shape, int ndim, ten_dtype dt, ten_device dev, ten_scalar v) {
  ten_tensor *t = ten_empty_on(shape, ndim, dt, dev);
  if (t && ten_fill_(t, v)) {
    ten_release(t);
    return NULL;
  }
  if (t) t->storage->version = 0;
  return t;
}

ten_tensor *ten_zeros(const int64_t *shape, int ndim, ten_dtype dt, ten_device dev) {
  return filled(shape, ndim, or_default(dt), dev, ten_scalar_int(0));
}

ten_tensor *ten_ones(const int64_t *shape, int ndim, ten_dtype dt, ten_device dev) {
  return filled(shape, ndim, or_default(dt), dev, ten_scalar_int(1));
}

ten_tensor *ten_full(const int64_t *shape, int ndim, ten_scalar value, ten_dtype dt, ten_device dev) {
  if (dt == TEN_DTYPE_UNSET) dt = ten_scalar_dtype(value);
  return filled(shape, ndim, dt, dev, value);
}

ten_tensor *ten_scalar_tensor(ten_scalar value, ten_dtype dt, ten_device dev) {
  return ten_full(NULL, 0, value, dt, dev);
}

ten_tensor *ten_wrap_scalar(ten_scalar value) {
  /* PyTorch keeps wrapped numbers as double / int64 / bool; promotion treats them specially. */
  ten_dtype dt = value.kind == TEN_SCALAR_FLOAT ? TEN_DTYPE_F64
               : value.kind == TEN_SCALAR_INT ? TEN_DTYPE_I64 : TEN_DTYPE_BOOL;
  ten_tensor *t = filled(NULL, 0, dt, TEN_CPU, value);
  if (t) t->wrapped_number = true;
  return t;
}

ten_tensor *ten_eye(int64_t n, int64_t m, ten_dtype dt, ten_device dev) {
  if (n < 0) {
    ten_error_set(TEN_E_RUNTIME, "n must be greater or equal to 0, got %lld", (long long)n);
    return NULL;
  }
  if (m < 0) m = n;
  int64_t shape[2] = {n, m};
  ten_tensor *t = ten_zeros(shape, 2, dt, dev);
  if (!t) return NULL;
  ten_tensor *d = ten_diagonal(t, 0, 0, 1);
  int rc = d ? ten_fill_(d, ten_scalar_int(1)) : -1;
  ten_release(d);
  if (rc) {
    ten_release(t);
    return NULL;
  }
  t->storage->version = 0;
  return t;
}

/* Stores v (computed in double) into element i of a contiguous dt buffer. */
static void store(void *p, ten_dtype dt, int64_t i, double v) {
  switch (dt) {
  case TEN_DTYPE_BOOL: ((bool *)p)[i] = v != 0; break;
  case TEN_DTYPE_U8: ((uint8_t *)p)[i] = (uint8_t)(int64_t)v; break;
  case TEN_DTYPE_I32: ((int32_t *)p)[i] = (int32_t)(int64_t)v; break;
  case TEN_DTYPE_I64: ((int64_t *)p)[i] = (int64_t)v; break;
  case TEN_DTYPE_F32: ((float *)p)[i] = (float)v; break;
  case TEN_DTYPE_F64: ((double *)p)[i] = v; break;
  default: break;
  }
}

/* Element values exactly as ATen 1.13's CPU kernels produce them (checked against torch):
   parallel_for chunks of the index range; inside a chunk, cpu_serial_kernel_vec stores whole
   pairs of vectors (8 floats / 4 doubles each) built by Vectorized::arange(base, step), then the
   tail one element at a time. The AVX2 build contracts `start + step * idx` into an FMA.
   arange: start/step in double (the accumulate type); vector lanes fma(k, step, base).
   linspace: start/end/step in the element type; halfway split; lanes base + k*step, no FMA. */
typedef struct range_gen {
  bool linspace;
  double start, end, step;  /* arange: double; linspace: values already rounded to the dtype */
  int64_t steps, halfway;
} range_gen;

static double range_scalar(const range_gen *g, int64_t i, ten_dtype dt) {
  if (!g->linspace) return fma(g->step, (double)i, g->start);
  if (dt == TEN_DTYPE_F32)
    return i < g->halfway ? fmaf((float)g->step, (float)i, (float)g->start)
                          : fmaf(-(float)g->step, (float)(g->steps - i - 1), (float)g->end);
  return i < g->halfway ? fma(g->step, (double)i, g->start) : fma(-g->step, (double)(g->steps - i - 1), g->end);
}

static void range_chunk(void *p, ten_dtype dt, int64_t begin, int64_t end, const range_gen *g) {
  int64_t i = begin;
  /* vectorized_loop takes whole pairs of vectors: floor(len / 2V) * 2V elements, then the tail */
  if (dt == TEN_DTYPE_F32) {
    float *o = p;
    for (int64_t vec_end = begin + (end - begin) / 16 * 16; i < vec_end; i += 8) {
      float base = (float)range_scalar(g, i, dt);
      for (int k = 0; k < 8; k++)
        o[i + k] = g->linspace ? base + (float)k * (float)g->step : (float)fma((double)k, g->step, (double)base);
    }
  } else if (dt == TEN_DTYPE_F64) {
    double *o = p;
    for (int64_t vec_end = begin + (end - begin) / 8 * 8; i < vec_end; i += 4) {
      double base = range_scalar(g, i, dt);
      for (int k = 0; k < 4; k++)
        o[i + k] = g->linspace ? base + (double)k * g->step : fma((double)k, g->step, base);
    }
  }
  for (; i < end; i++) store(p, dt, i, range_scalar(g, i, dt));
}

static void range_fill(void *p, ten_dtype dt, int64_t n, const range_gen *g) {
  int64_t threads = ten_get_num_threads();
  int64_t tasks = n > TEN_GRAIN_SIZE ? (n + TEN_GRAIN_SIZE - 1) / TEN_GRAIN_SIZE : 1;
  if (tasks > threads) tasks = threads;
  int64_t chunk = (n + tasks - 1) / tasks;
  for (int64_t b = 0; b < n; b += chunk) range_chunk(p, dt, b, b + chunk < n ? b + chunk : n, g);
}

/* Scalar::to<int64_t>() of an arange bound (float bounds truncate). */
static int64_t scalar_i64(ten_scalar s) {
  return s.kind == TEN_SCALAR_INT ? s.v.i : s.kind == TEN_SCALAR_BOOL ? s.v.b : (int64_t)s.v.f;
}

ten_tensor *ten_arange(ten_scalar start, ten_scalar end, ten_scalar step, ten_dtype dt, ten_device dev) {
  if (dt == TEN_DTYPE_UNSET) {
    bool any_float = start.kind == TEN_SCALAR_FLOAT || end.kind == TEN_SCALAR_FLOAT || step.kind == TEN_SCALAR_FLOAT;
    dt = any_float ? ten_default_dtype() : TEN_DTYPE_I64;
  }
  /* ATen checks the bounds in the accumulate type: int64 for integral dtypes, double else */
  bool integral = !ten_dtype_is_float(dt);
  if (integral && (ten_scalar_check(start, TEN_DTYPE_I64) || ten_scalar_check(end, TEN_DTYPE_I64) ||
                   ten_scalar_check(step, TEN_DTYPE_I64)))
    return NULL;
  int64_t is = scalar_i64(start), ie = scalar_i64(end), ip = scalar_i64(step);
  double xs = ten_scalar_to_double(start), xe = ten_scalar_to_double(end), xp = ten_scalar_to_double(step);
  if (integral) {
    xs = (double)is;
    xe = (double)ie;
    xp = (double)ip;
  }
  if (!(xp > 0 || xp < 0)) {
    ten_error_set(TEN_E_RUNTIME, "step must be nonzero");
    return NULL;
  }
  if (!isfinite(xs) || !isfinite(xe)) {
    ten_error_set(TEN_E_RUNTIME, "unsupported range: %g -> %g", xs, xe);   /* C++ ostream << double */
    return NULL;
  }
  if (!((xp > 0 && xe >= xs) || (xp < 0 && xe <= xs))) {
    ten_error_set(TEN_E_RUNTIME, "upper bound and larger bound inconsistent with step sign");
    return NULL;
  }
  /* the size in double from the original bounds, except int64 which divides its int64 bounds */
  double size_d = dt == TEN_DTYPE_I64 ? ceil((double)(ie - is) / (double)ip)
                                      : ceil((ten_scalar_to_double(end) - ten_scalar_to_double(start)) /
                                             ten_scalar_to_double(step));
  if (!(size_d >= 0 && size_d <= (double)INT64_MAX / 2)) {
    ten_error_set(TEN_E_RUNTIME, "invalid size, possible overflow?");
    return NULL;
  }
  int64_t n = (int64_t)size_d;
  ten_tensor *t = ten_empty_on(&n, 1, dt, TEN_CPU);
  if (!t) return NULL;
  if (dt == TEN_DTYPE_I64) {
    int64_t *o = ten_data_ptr(t);
    for (int64_t i = 0; i < n; i++) o[i] = is + ip * i;
  } else if (integral) {
    for (int64_t i = 0; i < n; i++) store(ten_data_ptr(t), dt, i, (double)(is + ip * i));
  } else {
    range_gen g = {false, xs, xe, xp, n, n};
    range_fill(ten_data_ptr(t), dt, n, &g);
  }
  if (dev.type == TEN_DEV_CPU) return t;
  ten_tensor *d = ten_to_device(t, dev, false);
  ten_release(t);
  return d;
}

ten_tensor *ten_linspace(double start, double end, int64_t steps, ten_dtype dt, ten_device dev) {
  if (steps < 0) {
    ten_error_set(TEN_E_RUNTIME, "number of steps must be non-negative");
    return NULL;
  }
  dt = or_default(dt);
  ten_tensor *t = ten_empty_on(&steps, 1, dt, TEN_CPU);
  if (!t) return NULL;
  if (steps == 1) {
    store(ten_data_ptr(t), dt, 0, start);
  } else if (steps > 1) {
    range_gen g = {true, start, end, 0, steps, steps / 2};
    if (dt == TEN_DTYPE_F32) {
      g.start = (float)start;
      g.end = (float)end;
      g.step = ((float)end - (float)start) / (float)(steps - 1);
    } else if (ten_dtype_is_float(dt)) {
      g.step = (end - start) / (double)(steps - 1);
    } else {
      g.start = trunc(start);  /* scalar_t start/end, double step */
      g.end = trunc(end);
      g.step = (g.end - g.start) / (double)(steps - 1);
    }
    range_fill(ten_data_ptr(t), dt, steps, &g);
  }
  if (dev.type == TEN_DEV_CPU) return t;
  ten_tensor *d = ten_to_device(t, dev, false);
  ten_release(t);
  return d;
}

static void no_delete(void *data, void *ctx) {}

ten_tensor *ten_from_buffer(const void *data, ten_dtype src_dt, const int64_t *shape, int ndim,
                            ten_dtype dt, ten_device dev) {
  if (ten_check_shape(shape, ndim)) return NULL;
  int64_t n = ten_shape_numel(shape, ndim);
  ten_storage *s = ten_storage_wrap((void *)data, (size_t)n * ten_dtype_size(src_dt), TEN_CPU, no_delete, NULL);
  if (!s) return NULL;
  ten_tensor *src = ten_from_storage(s, src_dt, 0, shape, NULL, ndim);
  ten_storage_release(s);
  if (!src) return NULL;
  ten_tensor *t = ten_empty_on(shape, ndim, or_default(dt), dev);
  if (t && ten_copy_(t, src)) {
    ten_release(t);
    t = NULL;
  }
  if (t) t->storage->version = 0;
  ten_release(src);
  return t;
}

/* *_like use memory_format=preserve: a dense input's strides are kept, others get contiguous ones. */
ten_tensor *ten_empty_like(const ten_tensor *t) {
  int64_t stride[TEN_MAX_DIMS];
  if (!ten_dense_strides(t, stride)) return ten_empty_on(t->shape, t->ndim, t->dtype, t->storage->device);
  ten_storage *s = ten_storage_new((size_t)ten_numel(t) * ten_dtype_size(t->dtype), t->storage->device);
  if (!s) return NULL;
  ten_tensor *r = ten_from_storage(s, t->dtype, 0, t->shape, stride, t->ndim);
  ten_storage_release(s);
  return r;
}

static ten_tensor *filled_like(const ten_tensor *t, ten_scalar v) {
  ten_tensor *r = ten_empty_like(t);
  if (r && ten_fill_(r, v)) {
    ten_release(r);
    return NULL;
  }
  if (r) r->storage->version = 0;
  return r;
}
ten_tensor *ten_zeros_like(const ten_tensor *t) { return filled_like(t, ten_scalar_int(0)); }
ten_tensor *ten_ones_like(const ten_tensor *t) { return filled_like(t, ten_scalar_int(1)); }
ten_tensor *ten_full_like(const ten_tensor *t, ten_scalar value) { return filled_like(t, value); }
