/*
** tests/cuda/test_cuda.c — every CUDA backend entry compared with the CPU result on random strided
** inputs (transposed, sliced with steps, expanded), forward and, through autograd, backward.
** Exits 77 (ctest SKIP_RETURN_CODE) when no CUDA device is usable, so it is a skip, not a pass,
** on machines without a GPU. Tolerances: exact for copies/indexing/integers/comparisons, 1e-5
** relative for float32 arithmetic (libdevice vs glibc transcendentals, other summation orders).
*/
#include "autograd/autograd.h"
#include "cuda/cu.h"
#include "tensor/tensor.h"
#include "tests/check.h"

static const ten_device GPU = {TEN_DEV_CUDA, 0};
static ten_generator *gen;

/* ---- helpers ---- */

static ten_tensor *to_gpu(ten_tensor *t) {
  ten_tensor *g = ten_to_device(t, GPU, false);
  if (!g) fprintf(stderr, "to_gpu: %s\n", ten_error_msg());
  return g;
}

static ten_tensor *to_cpu(ten_tensor *t) { return t ? ten_to_device(t, TEN_CPU, false) : NULL; }

/* Compares a GPU result with the CPU one element by element; steals both references. */
static void same(const char *what, ten_tensor *gpu, ten_tensor *cpu, double rtol, double atol) {
  if (!gpu || !cpu) {
    CHECK_MSG(gpu && cpu, "%s: %s failed: %s", what, gpu ? "cpu" : "gpu", ten_error_msg());
    ten_release(gpu);
    ten_release(cpu);
    return;
  }
  ten_tensor *h = to_cpu(gpu);
  CHECK_MSG(h && ten_device_of(gpu).type == TEN_DEV_CUDA, "%s: result not on the GPU", what);
  CHECK_MSG(h && h->dtype == cpu->dtype, "%s: dtype %s vs %s", what, h ? ten_dtype_name(h->dtype) : "?",
            ten_dtype_name(cpu->dtype));
  CHECK_MSG(h && h->ndim == cpu->ndim && ten_numel(h) == ten_numel(cpu), "%s: shape differs", what);
  if (h && ten_numel(h) == ten_numel(cpu)) {
    int64_t n = ten_numel(cpu), bad = 0;
    double maxdiff = 0;
    for (int64_t i = 0; i < n; i++) {
      double a = ten_get_double(h, i), b = ten_get_double(cpu, i);
      double d = fabs(a - b);
      bool ok = (isnan(a) && isnan(b)) || a == b || d <= atol + rtol * fabs(b);
      if (!ok) bad++;
      if (d > maxdiff && !isnan(d)) maxdiff = d;
    }
    CHECK_MSG(bad == 0, "%s: %lld of %lld elements differ, maxdiff %g", what, (long long)bad, (long long)n, maxdiff);
  }
  ten_release(h);
  ten_release(gpu);
  ten_release(cpu);
}

/* A random (rows x cols) float tensor seen through a transpose (non-contiguous). */
static ten_tensor *rand_t(int64_t rows, int64_t cols, ten_dtype dt) {
  int64_t shape[2] = {cols, rows};
  ten_tensor *r = ten_randn(shape, 2, dt, gen);
  ten_tensor *t = ten_transpose(r, 0, 1);
  ten_release(r);
  return t;
}

/* Same values, one on each device. */
typedef struct pair {
  ten_tensor *c, *g;
} pair;

static pair mk(ten_tensor *cpu) {
  pair p = {cpu, to_gpu(cpu)};
  return p;
}

static void drop(pair p) {
  ten_release(p.c);
  ten_release(p.g);
}

/* ---- tests ---- */

static void test_device_and_allocator(void) {
  CHECK(cu_device_count() > 0);
  CHECK(cu_lazy_init() == 0);
  char name[256] = "";
  CHECK(cu_device_name(0, name, sizeof name) == 0 && name[0]);
  int64_t before = cu_memory_allocated(0);
  int64_t shape[1] = {1000};
  ten_tensor *t = ten_empty(shape, 1, TEN_DTYPE_F32, GPU);
  CHECK(t);
  CHECK(cu_memory_allocated(0) == before + 4096);   /* 4000 bytes round up to 512-byte blocks */
  void *p = t ? t->storage->data : NULL;
  ten_release(t);
  CHECK(cu_memory_allocated(0) == before);
  CHECK(cu_memory_reserved(0) >= before + 4096);
  t = ten_empty(shape, 1, TEN_DTYPE_F32, GPU);
  CHECK(t && t->storage->data == p);   /* the cached block comes back */
  ten_release(t);
  cu_empty_cache();
  CHECK(cu_memory_reserved(0) == cu_memory_allocated(0));
  /* out of memory: an error, the process keeps working */
  int64_t huge[1] = {(int64_t)1 << 46};
  t = ten_empty(huge, 1, TEN_DTYPE_F32, GPU);
  CHECK(!t && strstr(ten_error_msg(), "CUDA out of memory. Tried to allocate"));
  t = ten_ones(shape, 1, TEN_DTYPE_F32, GPU);
  CHECK(t && ten_get_double(t, 999) == 1.0);
  ten_release(t);
}

static void test_copies(void) {
  for (int dt = 0; dt < TEN_DTYPE_COUNT; dt++) {
    ten_tensor *r = rand_t(37, 5, TEN_DTYPE_F64);
    ten_tensor *m = ten_mul_scalar(r, ten_scalar_float(10));
    ten_tensor *c = ten_to_dtype(m, (ten_dtype)dt, false);
    ten_tensor *g = to_gpu(c);
    /* device-side conversions to every dtype, strided source */
    for (int dd = 0; dd < TEN_DTYPE_COUNT; dd++) {
      char what[64];
      snprintf(what, sizeof what, "copy %s->%s", ten_dtype_name((ten_dtype)dt), ten_dtype_name((ten_dtype)dd));
      same(what, g ? ten_to_dtype(g, (ten_dtype)dd, true) : NULL, ten_to_dtype(c, (ten_dtype)dd, true), 0, 0);
    }
    ten_release(g);
    ten_release(c);
    ten_release(m);
    ten_release(r);
  }
  /* .to('cpu', torch.double) from the GPU converts on the way */
  ten_tensor *r = rand_t(4, 6, TEN_DTYPE_F32);
  ten_tensor *g = to_gpu(r);
  ten_tensor *back = g ? ten_to_device(g, TEN_CPU, false) : NULL;
  ten_tensor *d = back ? ten_to_dtype(back, TEN_DTYPE_F64, false) : NULL;
  ten_tensor *want = ten_to_dtype(r, TEN_DTYPE_F64, false);
  CHECK(d && ten_equal(d, want));
  ten_release(d), ten_release(want), ten_release(back), ten_release(g), ten_release(r);
  /* fill, arange, zeros on the device */
  int64_t shape[2] = {3, 5};
  same("full", ten_full(shape, 2, ten_scalar_float(2.5), TEN_DTYPE_F32, GPU),
       ten_full(shape, 2, ten_scalar_float(2.5), TEN_DTYPE_F32, TEN_CPU), 0, 0);
  same("arange", ten_arange(ten_scalar_int(0), ten_scalar_int(17), ten_scalar_int(3), TEN_DTYPE_UNSET, GPU),
       ten_arange(ten_scalar_int(0), ten_scalar_int(17), ten_scalar_int(3), TEN_DTYPE_UNSET, TEN_CPU), 0, 0);
}

static void test_binary_unary(void) {
  pair a = mk(rand_t(33, 17, TEN_DTYPE_F32));
  int64_t bshape[1] = {17};
  pair b = mk(ten_randn(bshape, 1, TEN_DTYPE_F32, gen));   /* broadcast over rows */
  for (int op = 0; op < TEN_BINOP_COUNT; op++) {
    if (op >= TEN_BINOP_BITWISE_AND) continue;   /* float has none */
    char what[64];
    snprintf(what, sizeof what, "binary %s f32", ten_binop_name((ten_binop)op));
    same(what, ten_binary((ten_binop)op, a.g, b.g, ten_scalar_int(1)), ten_binary((ten_binop)op, a.c, b.c, ten_scalar_int(1)),
         1e-5, 1e-6);
  }
  same("add alpha", ten_binary(TEN_BINOP_ADD, a.g, b.g, ten_scalar_float(0.5)),
       ten_binary(TEN_BINOP_ADD, a.c, b.c, ten_scalar_float(0.5)), 1e-6, 1e-7);
  /* integers: wrapping, floor division, remainder */
  pair ia = mk(ten_randint(-50, 50, (int64_t[]){7, 9}, 2, TEN_DTYPE_I64, gen));
  pair ib = mk(ten_randint(1, 9, (int64_t[]){9}, 1, TEN_DTYPE_I64, gen));
  for (int op = 0; op < TEN_BINOP_COUNT; op++) {
    if (op == TEN_BINOP_DIV || op == TEN_BINOP_ATAN2) continue;   /* float results: front end converts */
    char what[64];
    snprintf(what, sizeof what, "binary %s i64", ten_binop_name((ten_binop)op));
    same(what, ten_binary((ten_binop)op, ia.g, ib.g, ten_scalar_int(1)), ten_binary((ten_binop)op, ia.c, ib.c, ten_scalar_int(1)),
         0, 0);
  }
  /* integral division by zero */
  ten_tensor *z = ten_zeros((int64_t[]){9}, 1, TEN_DTYPE_I64, GPU);
  ten_tensor *q = z ? ten_binary(TEN_BINOP_DIV_FLOOR, ia.g, z, ten_scalar_int(1)) : NULL;
  CHECK(!q && strcmp(ten_error_msg(), "ZeroDivisionError") == 0);
  ten_release(q), ten_release(z);
  for (int op = 0; op < TEN_UNOP_COUNT; op++) {
    if (op == TEN_UNOP_BITWISE_NOT) continue;
    char what[64];
    snprintf(what, sizeof what, "unary %s f32", ten_unop_name((ten_unop)op));
    same(what, ten_unary((ten_unop)op, a.g), ten_unary((ten_unop)op, a.c), 2e-6, 1e-6);
  }
  ten_scalar lo = ten_scalar_float(-0.5), hi = ten_scalar_float(0.5);
  same("clamp", ten_clamp(a.g, &lo, &hi), ten_clamp(a.c, &lo, &hi), 0, 0);
  same("pow 2", ten_pow_scalar(a.g, ten_scalar_int(2)), ten_pow_scalar(a.c, ten_scalar_int(2)), 1e-6, 0);
  same("pow 1.7", ten_pow_scalar(a.g, ten_scalar_float(1.7)), ten_pow_scalar(a.c, ten_scalar_float(1.7)), 1e-5, 1e-6);
  same("rpow", ten_rpow_scalar(ten_scalar_float(2.0), a.g), ten_rpow_scalar(ten_scalar_float(2.0), a.c), 1e-5, 0);
  same("leaky_relu", ten_leaky_relu(a.g, 0.01), ten_leaky_relu(a.c, 0.01), 0, 0);
  /* compare + where */
  ten_tensor *mg = ten_binary(TEN_BINOP_GT, a.g, b.g, ten_scalar_int(1)), *mc = ten_binary(TEN_BINOP_GT, a.c, b.c, ten_scalar_int(1));
  same("where", ten_where(mg, a.g, b.g), ten_where(mc, a.c, b.c), 0, 0);
  pair c = mk(rand_t(33, 17, TEN_DTYPE_F32));
  same("addcmul", ten_addcmul(a.g, b.g, c.g, ten_scalar_float(0.3)), ten_addcmul(a.c, b.c, c.c, ten_scalar_float(0.3)), 1e-6, 1e-7);
  same("addcdiv", ten_addcdiv(a.g, b.g, c.g, ten_scalar_float(0.3)), ten_addcdiv(a.c, b.c, c.c, ten_scalar_float(0.3)), 1e-5, 1e-6);
  same("lerp", ten_lerp(a.g, c.g, ten_scalar_float(0.3)), ten_lerp(a.c, c.c, ten_scalar_float(0.3)), 1e-6, 1e-7);
  ten_release(mg), ten_release(mc);
  drop(a), drop(b), drop(c), drop(ia), drop(ib);
}

static void test_reductions(void) {
  int64_t shape[3] = {6, 7, 9};
  ten_tensor *r = ten_randn(shape, 3, TEN_DTYPE_F32, gen);
  pair a = mk(ten_transpose(r, 0, 2));   /* (9, 7, 6), strided */
  ten_release(r);
  const int64_t dims_sets[4][2] = {{0, 0}, {1, 0}, {0, 2}, {2, 1}};
  const int ndims[4] = {0, 1, 2, 2};
  for (int s = 0; s < 4; s++) {
    const int64_t *d = dims_sets[s];
    int n = ndims[s];
    same("sum", ten_sum(a.g, d, n, false, TEN_DTYPE_UNSET), ten_sum(a.c, d, n, false, TEN_DTYPE_UNSET), 1e-5, 1e-5);
    same("mean", ten_mean(a.g, d, n, true, TEN_DTYPE_UNSET), ten_mean(a.c, d, n, true, TEN_DTYPE_UNSET), 1e-5, 1e-6);
    same("prod", ten_prod(a.g, d, n, false, TEN_DTYPE_UNSET), ten_prod(a.c, d, n, false, TEN_DTYPE_UNSET), 1e-4, 1e-30);
    same("var", ten_var(a.g, d, n, 1, false), ten_var(a.c, d, n, 1, false), 1e-5, 1e-6);
    same("std", ten_std(a.g, d, n, 0, false), ten_std(a.c, d, n, 0, false), 1e-5, 1e-6);
    same("amax", ten_amax(a.g, d, n, false), ten_amax(a.c, d, n, false), 0, 0);
    same("amin", ten_amin(a.g, d, n, false), ten_amin(a.c, d, n, false), 0, 0);
    same("norm2", ten_norm(a.g, 2, d, n, false), ten_norm(a.c, 2, d, n, false), 1e-5, 1e-6);
    same("norm1", ten_norm(a.g, 1, d, n, false), ten_norm(a.c, 1, d, n, false), 1e-5, 1e-6);
    same("norm_inf", ten_norm(a.g, INFINITY, d, n, false), ten_norm(a.c, INFINITY, d, n, false), 0, 0);
    same("logsumexp", ten_logsumexp(a.g, d, n, false), ten_logsumexp(a.c, d, n, false), 1e-5, 1e-6);
  }
  for (int dim = 0; dim < 3; dim++) {
    ten_tensor *vg, *ig, *vc, *ic;
    CHECK(ten_max_dim(a.g, dim, false, &vg, &ig) == 0 && ten_max_dim(a.c, dim, false, &vc, &ic) == 0);
    same("max values", vg, vc, 0, 0);
    same("max indices", ig, ic, 0, 0);
    same("argmin", ten_argmin(a.g, dim, true, true), ten_argmin(a.c, dim, true, true), 0, 0);
  }
  same("argmax all", ten_argmax(a.g, 0, false, false), ten_argmax(a.c, 0, false, false), 0, 0);
  same("max all", ten_max_all(a.g), ten_max_all(a.c), 0, 0);
  /* ties: first occurrence */
  pair t = mk(ten_full((int64_t[]){4, 5}, 2, ten_scalar_float(1), TEN_DTYPE_F32, TEN_CPU));
  same("argmax ties", ten_argmax(t.g, 1, true, false), ten_argmax(t.c, 1, true, false), 0, 0);
  pair bl = mk(ten_binary(TEN_BINOP_GT, a.c, ten_wrap_scalar(ten_scalar_float(0)), ten_scalar_int(1)));
  same("all", ten_all(bl.g, (int64_t[]){1}, 1, false), ten_all(bl.c, (int64_t[]){1}, 1, false), 0, 0);
  same("any", ten_any(bl.g, NULL, 0, false), ten_any(bl.c, NULL, 0, false), 0, 0);
  same("sum bool", ten_sum(bl.g, NULL, 0, false, TEN_DTYPE_UNSET), ten_sum(bl.c, NULL, 0, false, TEN_DTYPE_UNSET), 0, 0);
  same("cumsum", ten_cumsum(a.g, 1, TEN_DTYPE_UNSET), ten_cumsum(a.c, 1, TEN_DTYPE_UNSET), 1e-5, 1e-6);
  same("cumprod", ten_cumprod(a.g, 2, TEN_DTYPE_UNSET), ten_cumprod(a.c, 2, TEN_DTYPE_UNSET), 1e-5, 1e-7);
  same("softmax", ten_softmax(a.g, 1, TEN_DTYPE_UNSET), ten_softmax(a.c, 1, TEN_DTYPE_UNSET), 1e-5, 1e-7);
  same("log_softmax", ten_log_softmax(a.g, 2, TEN_DTYPE_UNSET), ten_log_softmax(a.c, 2, TEN_DTYPE_UNSET), 1e-5, 1e-6);
  /* a missing kernel is an error, never a CPU fallback */
  ten_tensor *v = NULL, *i = NULL;
  CHECK(ten_sort(a.g, 0, false, &v, &i) != 0 && ten_error_kind() == TEN_E_NOTIMPL &&
        strstr(ten_error_msg(), "'CUDA' backend"));
  drop(a), drop(t), drop(bl);
}

static void test_matmul(void) {
  ten_dtype dts[2] = {TEN_DTYPE_F32, TEN_DTYPE_F64};
  for (int k = 0; k < 2; k++) {
    pair a = mk(rand_t(31, 20, dts[k])), b = mk(rand_t(20, 13, dts[k]));
    double tol = dts[k] == TEN_DTYPE_F32 ? 1e-4 : 1e-12;
    same("mm (transposed operands)", ten_mm(a.g, b.g), ten_mm(a.c, b.c), tol, tol);
    ten_tensor *bc = ten_contiguous(b.c), *bg = ten_contiguous(b.g);
    same("mm", ten_mm(a.g, bg), ten_mm(a.c, bc), tol, tol);
    pair bias = mk(ten_randn((int64_t[]){13}, 1, dts[k], gen));
    same("addmm", ten_addmm(bias.g, a.g, b.g, ten_scalar_float(0.5), ten_scalar_float(2)),
         ten_addmm(bias.c, a.c, b.c, ten_scalar_float(0.5), ten_scalar_float(2)), tol, tol);
    pair v = mk(ten_randn((int64_t[]){20}, 1, dts[k], gen));
    same("mv", ten_mv(a.g, v.g), ten_mv(a.c, v.c), tol, tol);
    pair w = mk(ten_randn((int64_t[]){20}, 1, dts[k], gen));
    same("dot", ten_dot(v.g, w.g), ten_dot(v.c, w.c), tol, tol);
    pair x = mk(ten_randn((int64_t[]){4, 31, 20}, 3, dts[k], gen)), y = mk(ten_randn((int64_t[]){4, 20, 6}, 3, dts[k], gen));
    same("bmm", ten_bmm(x.g, y.g), ten_bmm(x.c, y.c), tol, tol);
    same("matmul broadcast", ten_matmul(x.g, b.g), ten_matmul(x.c, b.c), tol, tol);
    ten_release(bc), ten_release(bg);
    drop(a), drop(b), drop(bias), drop(v), drop(w), drop(x), drop(y);
  }
  pair ia = mk(ten_randint(-9, 9, (int64_t[]){5, 7}, 2, TEN_DTYPE_I64, gen));
  pair ib = mk(ten_randint(-9, 9, (int64_t[]){7, 3}, 2, TEN_DTYPE_I64, gen));
  same("mm int64", ten_mm(ia.g, ib.g), ten_mm(ia.c, ib.c), 0, 0);
  drop(ia), drop(ib);
}

static void test_indexing(void) {
  pair a = mk(rand_t(12, 10, TEN_DTYPE_F32));
  pair ix = mk(ten_randint(0, 10, (int64_t[]){7}, 1, TEN_DTYPE_I64, gen));
  same("index_select", ten_index_select(a.g, 1, ix.g), ten_index_select(a.c, 1, ix.c), 0, 0);
  pair gi = mk(ten_randint(0, 10, (int64_t[]){12, 4}, 2, TEN_DTYPE_I64, gen));
  same("gather", ten_gather(a.g, 1, gi.g), ten_gather(a.c, 1, gi.c), 0, 0);
  pair src = mk(ten_randn((int64_t[]){12, 4}, 2, TEN_DTYPE_F32, gen));
  same("scatter_add", ten_scatter_add(a.g, 1, gi.g, src.g), ten_scatter_add(a.c, 1, gi.c, src.c), 1e-6, 1e-6);
  ten_index idx[2] = {{.kind = TEN_INDEX_SLICE, .start = 1, .stop = 11, .step = 3, .has_start = true, .has_stop = true},
                      {.kind = TEN_INDEX_TENSOR, .tensor = ix.c}};
  ten_tensor *want = ten_index_get(a.c, idx, 2);
  idx[1].tensor = ix.g;
  same("advanced index", ten_index_get(a.g, idx, 2), want, 0, 0);
  pair mask = mk(ten_binary(TEN_BINOP_GT, a.c, ten_wrap_scalar(ten_scalar_float(0)), ten_scalar_int(1)));
  same("masked_fill", ten_masked_fill(a.g, mask.g, ten_wrap_scalar(ten_scalar_float(-1))),
       ten_masked_fill(a.c, mask.c, ten_wrap_scalar(ten_scalar_float(-1))), 0, 0);
  ten_tensor *cg = ten_clone(a.g), *cc = ten_clone(a.c);
  ten_tensor *vg = ten_full((int64_t[]){1}, 1, ten_scalar_float(3), TEN_DTYPE_F32, GPU);
  ten_tensor *vc = ten_full((int64_t[]){1}, 1, ten_scalar_float(3), TEN_DTYPE_F32, TEN_CPU);
  ten_index put1[1] = {{.kind = TEN_INDEX_TENSOR, .tensor = ix.g}};
  CHECK(ten_index_put_acc(cg, put1, 1, vg, true) == 0);
  put1[0].tensor = ix.c;
  CHECK(ten_index_put_acc(cc, put1, 1, vc, true) == 0);
  same("index_put_ accumulate (duplicates add)", cg, cc, 1e-6, 1e-6);
  ten_release(vg), ten_release(vc);
  ten_tensor *parts_g[2] = {a.g, a.g}, *parts_c[2] = {a.c, a.c};
  same("cat", ten_cat(parts_g, 2, 1), ten_cat(parts_c, 2, 1), 0, 0);
  drop(a), drop(ix), drop(gi), drop(src), drop(mask);
}

/* d/dx of a small network-like expression on both devices. */
static void test_backward(void) {
  pair x = mk(rand_t(8, 5, TEN_DTYPE_F32)), w = mk(rand_t(5, 3, TEN_DTYPE_F32));
  pair lbl = mk(ten_randint(0, 3, (int64_t[]){8}, 1, TEN_DTYPE_I64, gen));
  ten_tensor *grads[2][2];
  for (int dev = 0; dev < 2; dev++) {
    ten_tensor *xi = ten_clone(dev ? x.g : x.c), *wi = ten_clone(dev ? w.g : w.c);
    ag_set_requires_grad(xi, true, true);
    ag_set_requires_grad(wi, true, true);
    ten_tensor *h = ag_mm(xi, wi);
    ten_tensor *s = ag_unary(TEN_UNOP_SIGMOID, h);
    ten_tensor *t = ag_unary(TEN_UNOP_TANH, h);
    ten_tensor *u = ag_mul(s, t);
    ten_tensor *ls = ag_log_softmax(u, 1, TEN_DTYPE_UNSET);
    ten_tensor *idx = ten_unsqueeze(dev ? lbl.g : lbl.c, 1);
    ten_tensor *picked = ag_gather(ls, 1, idx);
    ten_tensor *loss = ag_mean(picked, NULL, 0, false, TEN_DTYPE_UNSET);
    CHECK(loss && ag_backward(&loss, NULL, 1, false, false, NULL, 0) == 0);
    grads[dev][0] = ag_get_grad(xi);
    grads[dev][1] = ag_get_grad(wi);
    ten_release(loss), ten_release(picked), ten_release(idx), ten_release(ls), ten_release(u);
    ten_release(t), ten_release(s), ten_release(h), ten_release(xi), ten_release(wi);
  }
  same("backward dx", grads[1][0], grads[0][0], 1e-4, 1e-6);
  same("backward dw", grads[1][1], grads[0][1], 1e-4, 1e-6);
  drop(x), drop(w), drop(lbl);
}

static void test_mixed_devices(void) {
  ten_tensor *c = ten_ones((int64_t[]){3}, 1, TEN_DTYPE_F32, TEN_CPU);
  ten_tensor *g = ten_ones((int64_t[]){3}, 1, TEN_DTYPE_F32, GPU);
  ten_tensor *r = c && g ? ten_add(c, g) : NULL;
  CHECK(!r && strstr(ten_error_msg(), "Expected all tensors to be on the same device"));
  ten_release(r), ten_release(c), ten_release(g);
}

static const check_test tests[] = {
  {"device_and_allocator", test_device_and_allocator},
  {"copies", test_copies},
  {"binary_unary", test_binary_unary},
  {"reductions", test_reductions},
  {"matmul", test_matmul},
  {"indexing", test_indexing},
  {"backward", test_backward},
  {"mixed_devices", test_mixed_devices},
  {NULL, NULL},
};

int main(int argc, char **argv) {
  cu_backend_register();
  if (cu_device_count() == 0 || cu_lazy_init() != 0) {
    printf("test_cuda: skipped, no usable CUDA device (%s)\n", cu_device_count() ? ten_error_msg() : "0 devices");
    return 77;
  }
  gen = ten_generator_new();
  ten_generator_seed(gen, 1234);
  int rc = check_run(tests, argc, argv);
  ten_generator_free(gen);
  return rc;
}
