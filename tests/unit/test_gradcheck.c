/*
** tests/unit/test_gradcheck.c — finite-difference gradient checks in float64 for every
** differentiable ag_* op of autograd/autograd.h (ctest label grad; ggml's "grad" mode,
** torch.autograd.gradcheck's method). For each case f(inputs) -> output built from ag_* calls:
** the analytical Jacobian comes from ag_grad (one vector-Jacobian product per output element,
** grad_outputs one-hot), twice (the two runs must agree exactly); the numerical one from central
** differences (eps 1e-6, the input's storage perturbed in place under no_grad, f re-run). They
** must agree within atol 1e-5 + rtol 1e-3 * |numerical|. A few second-order cases differentiate
** ag_grad(create_graph=true) the same way. Finite differences are the only oracle: no PyTorch.
** Inputs avoid kinks, except where PyTorch's convention equals the central difference (abs at 0,
** two-way ties of max/min/amax, prod and cumprod with zeros). Each case must also free all its
** tensor memory. Failures print one line: FAIL grad <case>: input <i>: max |analytical - numerical|.
** CT_GRAD_CASE=substring runs only the cases whose name contains it; CT_GRAD_VERBOSE=1 lists all.
*/
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autograd/autograd.h"
#include "tensor/tensor.h"
#include "tests/check.h"

#define GC_EPS 1e-6
#define GC_ATOL 1e-5
#define GC_RTOL 1e-3
#define GC_MAX_IN 6

#define F64 TEN_DTYPE_F64
/* S(3, 4) -> a shape/dims argument pair: (const int64_t[]){3, 4}, 2 */
#define NARGS64(...) ((int)(sizeof((int64_t[]){__VA_ARGS__}) / sizeof(int64_t)))
#define S(...) (const int64_t[]){__VA_ARGS__}, NARGS64(__VA_ARGS__)

/* ---- the harness ---- */

/* The function under test: builds its output from x[] with ag_* calls. New reference or NULL
   (ten_error set). Must not keep references to intermediate results. */
typedef ten_tensor *(*gc_fn)(ten_tensor *const *x, const void *ctx);

static const char *gc_filter;   /* CT_GRAD_CASE */
static bool gc_verbose;         /* CT_GRAD_VERBOSE */
static bool gc_quiet;           /* the harness's self-test: expected failures are not printed */
static int gc_cases, gc_failed;

static bool gc_fail(const char *name, const char *fmt, ...) {
  if (gc_quiet) return false;
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "FAIL grad %s: ", name);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  return false;
}

static const char *err_text(void) { return ten_error_kind() ? ten_error_msg() : "(no error message)"; }

/* f(x) (called under no_grad); the output's values, row-major, in a malloc'd buffer. */
static double *gc_values(gc_fn f, const void *ctx, ten_tensor *const *x, int64_t m, const char *name) {
  ten_error_clear();
  ten_tensor *y = f(x, ctx);
  if (!y) {
    gc_fail(name, "forward under no_grad failed: %s", err_text());
    return NULL;
  }
  if (ten_numel(y) != m) {
    gc_fail(name, "forward under no_grad gives %lld elements, %lld with grad", (long long)ten_numel(y), (long long)m);
    ten_release(y);
    return NULL;
  }
  double *v = malloc(sizeof(double) * (size_t)(m ? m : 1));
  for (int64_t j = 0; j < m; j++) v[j] = ten_get_double(y, j);
  ten_release(y);
  return v;
}

/* Analytical Jacobian by one vector-Jacobian product per output element:
   J[(off[k] + p) * m + j] = d y[j] / d xs[k][p]. */
static bool gc_analytical(const char *name, ten_tensor *y, ten_tensor *const *xs, int nd, const int64_t *off,
                          int64_t m, double *J) {
  for (int64_t j = 0; j < m; j++) {
    ten_tensor *go = ten_zeros(y->shape, y->ndim, F64, TEN_CPU);
    if (!go) return gc_fail(name, "ten_zeros: %s", err_text());
    ((double *)ten_data_ptr(go))[j] = 1.0;
    ten_tensor *res[GC_MAX_IN] = {NULL};
    ten_error_clear();
    int rc = ag_grad(&y, &go, 1, xs, nd, true, false, true, res);
    ten_release(go);
    if (rc) return gc_fail(name, "ag_grad (output element %lld) failed: %s", (long long)j, err_text());
    bool ok = true;
    for (int k = 0; k < nd; k++) {
      int64_t len = off[k + 1] - off[k];
      ten_tensor *g = res[k];
      if (g && (g->dtype != F64 || ten_numel(g) != len || g->ndim != xs[k]->ndim ||
                memcmp(g->shape, xs[k]->shape, sizeof(int64_t) * (size_t)g->ndim) != 0)) {
        char gs[128], xsh[128];
        ten_format_shape(g->shape, g->ndim, gs, sizeof gs);
        ten_format_shape(xs[k]->shape, xs[k]->ndim, xsh, sizeof xsh);
        ok = gc_fail(name, "input %d: gradient has shape %s dtype %s, the input %s float64", k, gs,
                     ten_dtype_name(g->dtype), xsh);
        break;
      }
      for (int64_t p = 0; p < len; p++) J[(off[k] + p) * m + j] = g ? ten_get_double(g, p) : 0.0;
    }
    for (int k = 0; k < nd; k++) ten_release(res[k]);
    if (!ok) return false;
  }
  return true;
}

static bool gc_run(const char *name, gc_fn f, const void *ctx, ten_tensor *const *x, int n) {
  ten_tensor *xs[GC_MAX_IN];
  int which[GC_MAX_IN], nd = 0;
  for (int i = 0; i < n; i++)
    if (x[i] && x[i]->requires_grad) {
      which[nd] = i;
      xs[nd++] = x[i];
    }
  if (nd == 0) return gc_fail(name, "test bug: no input requires grad");
  for (int k = 0; k < nd; k++)
    if (xs[k]->dtype != F64) return gc_fail(name, "test bug: input %d is not float64", which[k]);

  ag_set_grad_enabled(true);
  ten_error_clear();
  ten_tensor *y = f(x, ctx);
  if (!y) return gc_fail(name, "forward failed: %s", err_text());
  if (y->dtype != F64) {
    ten_release(y);
    return gc_fail(name, "output dtype is %s, not float64", ten_dtype_name(y->dtype));
  }
  if (!ag_grad_fn(y)) {
    ten_release(y);
    return gc_fail(name, "output has no grad_fn: the op recorded no history");
  }
  int64_t m = ten_numel(y), off[GC_MAX_IN + 1] = {0};
  for (int k = 0; k < nd; k++) off[k + 1] = off[k] + ten_numel(xs[k]);
  size_t cells = (size_t)(off[nd] * m > 0 ? off[nd] * m : 1);
  double *ja = calloc(cells, sizeof(double)), *jb = calloc(cells, sizeof(double)), *jn = calloc(cells, sizeof(double));
  bool ok = gc_analytical(name, y, xs, nd, off, m, ja) && gc_analytical(name, y, xs, nd, off, m, jb);
  ten_release(y);

  /* numerical Jacobian: perturb the storage in place (no version bump: no graph is alive) */
  ag_set_grad_enabled(false);
  for (int k = 0; ok && k < nd; k++)
    for (int64_t p = 0; ok && p < off[k + 1] - off[k]; p++) {
      double *e = ten_element_ptr(xs[k], p), orig = *e;
      *e = orig + GC_EPS;
      double *vp = gc_values(f, ctx, x, m, name);
      *e = orig - GC_EPS;
      double *vm = vp ? gc_values(f, ctx, x, m, name) : NULL;
      *e = orig;
      if (!vp || !vm) ok = false;
      for (int64_t j = 0; ok && j < m; j++) jn[(off[k] + p) * m + j] = (vp[j] - vm[j]) / (2 * GC_EPS);
      free(vp);
      free(vm);
    }
  ag_set_grad_enabled(true);

  for (int k = 0; ok && k < nd; k++) {
    double maxdiff = 0, worst = 0, rdiff = 0;
    int64_t wi = -1;
    for (int64_t c = off[k] * m; c < off[k + 1] * m; c++) {
      double a = ja[c], nu = jn[c], d = fabs(a - nu);
      if (isnan(d)) d = INFINITY;
      double excess = d - (GC_ATOL + GC_RTOL * fabs(nu));
      if (d > maxdiff) maxdiff = d;
      if (excess > 0 && (wi < 0 || excess > worst)) {
        worst = excess;
        wi = c;
      }
      if (ja[c] != jb[c] && !(isnan(ja[c]) && isnan(jb[c])))
        rdiff = fmax(rdiff, isnan(ja[c] - jb[c]) ? INFINITY : fabs(ja[c] - jb[c]));
    }
    if (wi >= 0) {
      int64_t rel = wi - off[k] * m;
      ok = gc_fail(name,
                   "input %d: max |analytical - numerical| = %.3e (input elem %lld, output elem %lld: "
                   "analytical %.10g, numerical %.10g)",
                   which[k], maxdiff, (long long)(rel / m), (long long)(rel % m), ja[wi], jn[wi]);
    } else if (rdiff > 0)
      ok = gc_fail(name, "input %d: backward not reproducible: max |run1 - run2| = %.3e", which[k], rdiff);
    else if (gc_verbose)
      printf("ok   grad %s: input %d: max diff %.3e\n", name, which[k], maxdiff);
  }
  free(ja);
  free(jb);
  free(jn);
  return ok;
}

/* One case: a CHECK in check.h's count. */
static void gradcheck(const char *name, gc_fn f, const void *ctx, ten_tensor *const *x, int n) {
  if (gc_filter && !strstr(name, gc_filter)) return;
  gc_cases++;
  check_count++;
  int64_t mem0 = ten_mem_allocated();
  if (!gc_run(name, f, ctx, x, n)) {
    gc_failed++;
    check_failures++;
  } else if (ten_mem_allocated() != mem0) {
    gc_fail(name, "tensor memory leaked: %lld bytes", (long long)(ten_mem_allocated() - mem0));
    gc_failed++;
    check_failures++;
  }
  ten_error_clear();
}

/* GC(name, f, ctx, inputs...): the inputs are a ten_tensor * argument list (NULL allowed) that the
   macro ends with a sentinel, so compound-literal contexts with commas pass through unharmed. */
static ten_tensor gc_end;

static void gc_va(const char *name, gc_fn f, const void *ctx, ...) {
  ten_tensor *x[GC_MAX_IN];
  int n = 0;
  va_list ap;
  va_start(ap, ctx);
  for (ten_tensor *t; (t = va_arg(ap, ten_tensor *)) != &gc_end;) {
    if (n == GC_MAX_IN) {
      fprintf(stderr, "test bug: %s: more than %d inputs\n", name, GC_MAX_IN);
      exit(2);
    }
    x[n++] = t;
  }
  va_end(ap);
  gradcheck(name, f, ctx, x, n);
}
#define GC(...) gc_va(__VA_ARGS__, &gc_end)

/* ---- inputs (kept until the end of each test function) ---- */

static ten_generator *gen;
static ten_tensor *kept[512];
static int nkept;

static ten_tensor *keep(ten_tensor *t) {
  if (!t || nkept == (int)(sizeof kept / sizeof *kept)) {
    fprintf(stderr, "test setup failed: %s\n", t ? "too many inputs" : err_text());
    exit(2);
  }
  return kept[nkept++] = t;
}

static void release_kept(void) {
  while (nkept) ten_release(kept[--nkept]);
}

/* Fresh seed per test function, so a test run alone (argv[1]) sees the same inputs. */
static void seed(uint64_t s) { ten_generator_seed(gen, s); }

static ten_tensor *grad_on(ten_tensor *t) {
  if (ag_set_requires_grad(t, true, true)) keep(NULL);
  return t;
}

/* Leaf with requires_grad, values uniform in [lo, hi). */
static ten_tensor *rnd(double lo, double hi, const int64_t *shape, int nd) {
  ten_tensor *t = keep(ten_rand(shape, nd, F64, gen));
  double *d = ten_data_ptr(t);
  for (int64_t i = 0; i < ten_numel(t); i++) d[i] = lo + (hi - lo) * d[i];
  return grad_on(t);
}

/* |value| uniform in [lo, hi), random sign (away from 0: kinks of abs, relu, sign ...). */
static ten_tensor *rnd_away(double lo, double hi, const int64_t *shape, int nd) {
  ten_tensor *t = rnd(lo, hi, shape, nd);
  double *d = ten_data_ptr(t);
  for (int64_t i = 0; i < ten_numel(t); i++)
    if (ten_generator_random(gen) & 1) d[i] = -d[i];
  return t;
}

/* k + [0.1, 0.4) for an integer k in [-2, 1]: away from integers and halves (floor, round ...). */
static ten_tensor *rnd_frac(const int64_t *shape, int nd) {
  ten_tensor *t = rnd(0.1, 0.4, shape, nd);
  double *d = ten_data_ptr(t);
  for (int64_t i = 0; i < ten_numel(t); i++) d[i] += (double)(int)(ten_generator_random(gen) % 4) - 2.0;
  return t;
}

/* Leaf with requires_grad and the given values. */
static ten_tensor *vals(const double *v, const int64_t *shape, int nd) {
  return grad_on(keep(ten_from_buffer(v, F64, shape, nd, F64, TEN_CPU)));
}

/* A constant: requires_grad off. */
static ten_tensor *cst(ten_tensor *t) {
  t->requires_grad = false;
  return t;
}

static ten_tensor *mask(const bool *v, const int64_t *shape, int nd) {
  return keep(ten_from_buffer(v, TEN_DTYPE_BOOL, shape, nd, TEN_DTYPE_BOOL, TEN_CPU));
}

static ten_tensor *idx(const int64_t *v, const int64_t *shape, int nd) {
  return keep(ten_from_buffer(v, TEN_DTYPE_I64, shape, nd, TEN_DTYPE_I64, TEN_CPU));
}

/* A leaf that is a transposed (column-major) view of a (c, r) tensor: shape (r, c). */
static ten_tensor *rnd_colmajor(double lo, double hi, int64_t r, int64_t c) {
  ten_tensor *base = cst(rnd(lo, hi, (const int64_t[]){c, r}, 2));
  return grad_on(keep(ten_t(base)));
}

/* ---- temporaries inside a function under test ---- */

typedef struct tmp {
  ten_tensor *t[48];
  int n;
  bool bad;
  ten_tensor **list;   /* a multi-output op's array (freed at the end) */
} tmp;

static ten_tensor *tmp_add(tmp *p, ten_tensor *t) {
  if (!t) {
    p->bad = true;
    return NULL;
  }
  if (p->n == (int)(sizeof p->t / sizeof *p->t)) {
    fprintf(stderr, "test bug: too many temporaries\n");
    exit(2);
  }
  return p->t[p->n++] = t;
}

static void tmp_list(tmp *p, ten_tensor **list, int n) {
  for (int i = 0; i < n; i++) tmp_add(p, list[i]);
  p->list = list;
}

static ten_tensor *tmp_done(tmp *p, ten_tensor *r) {
  if (r && !p->bad) ten_retain(r);
  else r = NULL;
  for (int i = 0; i < p->n; i++) ten_release(p->t[i]);
  free(p->list);
  return r;
}

#define TMP tmp p_ = {{NULL}, 0, false, NULL}
#define V(e) (p_.bad ? NULL : tmp_add(&p_, (e)))
#define VI(e) do { if (!p_.bad && (e) != 0) p_.bad = true; } while (0)
#define RET(r) return tmp_done(&p_, (r))
#define FN(name) static ten_tensor *name(ten_tensor *const *x, const void *c_)
#define CTX(type) const type *c = (const type *)c_

/* Pieces of a multi-output op: piece0 * 2 + piece2 (or + piece1 when there are two) + piece1 * 3
   when all three exist with broadcastable shapes. */
static ten_tensor *combine(tmp *pp, ten_tensor **l, int n, bool use_mid) {
#define p_ (*pp)
  if (p_.bad) return NULL;
  if (n < 2) {
    ten_error_set(TEN_E_RUNTIME, "test: expected at least 2 pieces, got %d", n);
    p_.bad = true;
    return NULL;
  }
  ten_tensor *a = V(ag_mul_scalar(l[0], ten_scalar_float(2.0)));
  ten_tensor *r = V(ag_add(a, l[n > 2 ? 2 : 1]));
  if (use_mid && n > 2) {
    ten_tensor *b = V(ag_mul_scalar(l[1], ten_scalar_float(3.0)));
    r = V(ag_add(r, b));
  }
  return r;
#undef p_
}

/* ---- elementwise binary ops ---- */

typedef struct bin_ctx {
  ten_binop op;
  ten_scalar alpha;
} bin_ctx;

FN(f_binary) {
  CTX(bin_ctx);
  return ag_binary(c->op, x[0], x[1], c->alpha);
}

FN(f_binary_inplace) {   /* y = x0.clone(); y.op_(x1); y */
  CTX(bin_ctx);
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  VI(ag_binary_(c->op, y, x[1], c->alpha));
  RET(y);
}

FN(f_binary_scalar_other) {   /* x0 op <python number>: the Scalar overloads (one edge) */
  CTX(bin_ctx);
  TMP;
  ten_tensor *w = V(ten_wrap_scalar(c->alpha));
  RET(V(ag_binary(c->op, x[0], w, ten_scalar_int(1))));
}

FN(f_add) { (void)c_; return ag_add(x[0], x[1]); }
FN(f_sub) { (void)c_; return ag_sub(x[0], x[1]); }
FN(f_mul) { (void)c_; return ag_mul(x[0], x[1]); }
FN(f_div) { (void)c_; return ag_div(x[0], x[1]); }
FN(f_add_scalar) { (void)c_; return ag_add_scalar(x[0], ten_scalar_float(1.5)); }
FN(f_mul_scalar) { (void)c_; return ag_mul_scalar(x[0], ten_scalar_float(-2.5)); }
FN(f_mul_self) { (void)c_; return ag_mul(x[0], x[0]); }
FN(f_mul_self_inplace) {   /* y = x.clone(); y.mul_(y) */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  VI(ag_binary_(TEN_BINOP_MUL, y, y, ten_scalar_int(1)));
  RET(y);
}

typedef struct bin_case {
  const char *name;
  ten_binop op;
  double alpha;
  int dom_a, dom_b;   /* domains: 0 [-2, 2], 1 [0.5, 2], 2 +-[0.5, 1.5], 3 [-1.5, 1.5] */
} bin_case;

static ten_tensor *in_dom(int dom, const int64_t *shape, int nd) {
  switch (dom) {
  case 1: return rnd(0.5, 2.0, shape, nd);
  case 2: return rnd_away(0.5, 1.5, shape, nd);
  case 3: return rnd(-1.5, 1.5, shape, nd);
  default: return rnd(-2.0, 2.0, shape, nd);
  }
}

static const bin_case bin_cases[] = {
    {"add", TEN_BINOP_ADD, 1.0, 0, 0},
    {"add alpha=2.5", TEN_BINOP_ADD, 2.5, 0, 0},
    {"sub", TEN_BINOP_SUB, 1.0, 0, 0},
    {"sub alpha=-1.5", TEN_BINOP_SUB, -1.5, 0, 0},
    {"mul", TEN_BINOP_MUL, 1.0, 0, 0},
    {"div", TEN_BINOP_DIV, 1.0, 0, 2},
    {"div_trunc", TEN_BINOP_DIV_TRUNC, 1.0, 0, 2},
    {"remainder", TEN_BINOP_REMAINDER, 1.0, 0, 2},
    {"fmod", TEN_BINOP_FMOD, 1.0, 0, 2},
    {"pow", TEN_BINOP_POW, 1.0, 1, 3},
    {"atan2", TEN_BINOP_ATAN2, 1.0, 0, 0},
    {"maximum", TEN_BINOP_MAXIMUM, 1.0, 0, 0},
    {"minimum", TEN_BINOP_MINIMUM, 1.0, 0, 0},
};
#define N_BIN_CASES ((int)(sizeof bin_cases / sizeof *bin_cases))

static void test_binary(void) {
  seed(1);
  char name[128];
  for (int i = 0; i < N_BIN_CASES; i++) {
    const bin_case *bc = &bin_cases[i];
    bin_ctx c = {bc->op, bc->alpha == 1.0 ? ten_scalar_int(1) : ten_scalar_float(bc->alpha)};
    snprintf(name, sizeof name, "%s (3,1) op (4,)", bc->name);
    GC(name, f_binary, &c, in_dom(bc->dom_a, S(3, 1)), in_dom(bc->dom_b, S(4)));
    snprintf(name, sizeof name, "%s (2,3) op (3,)", bc->name);
    GC(name, f_binary, &c, in_dom(bc->dom_a, S(2, 3)), in_dom(bc->dom_b, S(3)));
    snprintf(name, sizeof name, "%s (2,3) op 0-dim", bc->name);
    GC(name, f_binary, &c, in_dom(bc->dom_a, S(2, 3)), in_dom(bc->dom_b, NULL, 0));
    snprintf(name, sizeof name, "%s 0-dim op (2,2)", bc->name);
    GC(name, f_binary, &c, in_dom(bc->dom_a, NULL, 0), in_dom(bc->dom_b, S(2, 2)));
    snprintf(name, sizeof name, "%s 0-dim op 0-dim", bc->name);
    GC(name, f_binary, &c, in_dom(bc->dom_a, NULL, 0), in_dom(bc->dom_b, NULL, 0));
    snprintf(name, sizeof name, "%s (3,4) op const (4,)", bc->name);
    GC(name, f_binary, &c, in_dom(bc->dom_a, S(3, 4)), cst(in_dom(bc->dom_b, S(4))));
    snprintf(name, sizeof name, "%s const (3,1) op (4,)", bc->name);
    GC(name, f_binary, &c, cst(in_dom(bc->dom_a, S(3, 1))), in_dom(bc->dom_b, S(4)));
    snprintf(name, sizeof name, "%s colmajor (3,2) op (3,2)", bc->name);
    ten_tensor *a = bc->dom_a == 1 ? rnd_colmajor(0.5, 2.0, 3, 2) : rnd_colmajor(-2.0, 2.0, 3, 2);
    GC(name, f_binary, &c, a, in_dom(bc->dom_b, S(3, 2)));
  }
  /* ties and zeros where PyTorch's convention equals the central difference: maximum/minimum split
     the gradient of equal inputs, pow gives 0 for base 0 with exponent > 1 */
  static const double tie_a[] = {0.5, -1.0, 2.0, 0.25, 0.0, 1.5}, tie_b[] = {0.5, 0.3, 2.0, -0.25, 0.0, 1.5};
  static const double base0[] = {0.0, 0.5, 1.2, 0.0, 1.7, 0.9}, expo[] = {1.5, 2.5, 2.0};
  GC("maximum with ties", f_binary, &(bin_ctx){TEN_BINOP_MAXIMUM, ten_scalar_int(1)}, vals(tie_a, S(2, 3)),
     vals(tie_b, S(2, 3)));
  GC("minimum with ties", f_binary, &(bin_ctx){TEN_BINOP_MINIMUM, ten_scalar_int(1)}, vals(tie_a, S(2, 3)),
     vals(tie_b, S(2, 3)));
  GC("pow base 0, exponent > 1", f_binary, &(bin_ctx){TEN_BINOP_POW, ten_scalar_int(1)}, vals(base0, S(2, 3)),
     vals(expo, S(3)));
  GC("ag_add", f_add, NULL, rnd(-1, 1, S(3, 1)), rnd(-1, 1, S(4)));
  GC("ag_sub", f_sub, NULL, rnd(-1, 1, S(3, 1)), rnd(-1, 1, S(4)));
  GC("ag_mul", f_mul, NULL, rnd(-1, 1, S(3, 1)), rnd(-1, 1, S(4)));
  GC("ag_div", f_div, NULL, rnd(-1, 1, S(3, 1)), rnd_away(0.5, 1.5, S(4)));
  GC("ag_add_scalar", f_add_scalar, NULL, rnd(-1, 1, S(3, 4)));
  GC("ag_mul_scalar", f_mul_scalar, NULL, rnd(-1, 1, S(3, 4)));
  GC("mul x*x (same tensor twice)", f_mul_self, NULL, rnd(-1, 1, S(3, 4)));
  GC("remainder scalar other 0.7", f_binary_scalar_other, &(bin_ctx){TEN_BINOP_REMAINDER, ten_scalar_float(0.7)},
     rnd(-2, 2, S(3, 4)));
  GC("fmod scalar other -0.7", f_binary_scalar_other, &(bin_ctx){TEN_BINOP_FMOD, ten_scalar_float(-0.7)},
     rnd(-2, 2, S(3, 4)));
  GC("pow scalar other 2.5 (tensor^number via binary)", f_binary_scalar_other,
     &(bin_ctx){TEN_BINOP_POW, ten_scalar_float(2.5)}, rnd(0.5, 2, S(3, 4)));
  release_kept();
}

static void test_binary_inplace(void) {
  seed(2);
  char name[128];
  for (int i = 0; i < N_BIN_CASES; i++) {
    const bin_case *bc = &bin_cases[i];
    bin_ctx c = {bc->op, bc->alpha == 1.0 ? ten_scalar_int(1) : ten_scalar_float(bc->alpha)};
    snprintf(name, sizeof name, "%s_ clone(3,4) op= (4,)", bc->name);
    GC(name, f_binary_inplace, &c, in_dom(bc->dom_a, S(3, 4)), in_dom(bc->dom_b, S(4)));
    snprintf(name, sizeof name, "%s_ clone(2,3) op= 0-dim", bc->name);
    GC(name, f_binary_inplace, &c, in_dom(bc->dom_a, S(2, 3)), in_dom(bc->dom_b, NULL, 0));
    snprintf(name, sizeof name, "%s_ clone(3,4) op= const (3,1)", bc->name);
    GC(name, f_binary_inplace, &c, in_dom(bc->dom_a, S(3, 4)), cst(in_dom(bc->dom_b, S(3, 1))));
  }
  GC("mul_ y.mul_(y) on a clone", f_mul_self_inplace, NULL, rnd(-1, 1, S(3, 4)));
  release_kept();
}

/* ---- elementwise unary ops ---- */

typedef struct un_case {
  ten_unop op;
  int dom;   /* 0 [-1.5, 1.5], 1 [0.2, 2], 2 +-[0.2, 1.5], 3 (-0.9, 0.9), 4 fractional, 5 (-1.2, 1.2), 6 [-0.5, 2] */
} un_case;

static const un_case un_cases[] = {
    {TEN_UNOP_NEG, 0},        {TEN_UNOP_ABS, 2},   {TEN_UNOP_SIGN, 2},  {TEN_UNOP_SQUARE, 0}, {TEN_UNOP_RELU, 2},
    {TEN_UNOP_FLOOR, 4},      {TEN_UNOP_CEIL, 4},  {TEN_UNOP_ROUND, 4}, {TEN_UNOP_TRUNC, 4},  {TEN_UNOP_FRAC, 4},
    {TEN_UNOP_EXP, 0},        {TEN_UNOP_EXP2, 0},  {TEN_UNOP_EXPM1, 0}, {TEN_UNOP_LOG, 1},    {TEN_UNOP_LOG2, 1},
    {TEN_UNOP_LOG10, 1},      {TEN_UNOP_LOG1P, 6}, {TEN_UNOP_SQRT, 1},  {TEN_UNOP_RSQRT, 1},  {TEN_UNOP_RECIPROCAL, 2},
    {TEN_UNOP_SIN, 0},        {TEN_UNOP_COS, 0},   {TEN_UNOP_TAN, 5},   {TEN_UNOP_ASIN, 3},   {TEN_UNOP_ACOS, 3},
    {TEN_UNOP_ATAN, 0},       {TEN_UNOP_SINH, 0},  {TEN_UNOP_COSH, 0},  {TEN_UNOP_TANH, 0},   {TEN_UNOP_SIGMOID, 0},
    {TEN_UNOP_ERF, 0},
};
#define N_UN_CASES ((int)(sizeof un_cases / sizeof *un_cases))

static ten_tensor *un_input(int dom, const int64_t *shape, int nd) {
  switch (dom) {
  case 1: return rnd(0.2, 2.0, shape, nd);
  case 2: return rnd_away(0.2, 1.5, shape, nd);
  case 3: return rnd(-0.9, 0.9, shape, nd);
  case 4: return rnd_frac(shape, nd);
  case 5: return rnd(-1.2, 1.2, shape, nd);
  case 6: return rnd(-0.5, 2.0, shape, nd);
  default: return rnd(-1.5, 1.5, shape, nd);
  }
}

FN(f_unary) { return ag_unary(*(const ten_unop *)c_, x[0]); }
FN(f_unary_inplace) {
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  VI(ag_unary_(*(const ten_unop *)c_, y));
  RET(y);
}

static void test_unary(void) {
  seed(3);
  char name[128];
  static const double with0[] = {0.0, -0.5, 1.25, 0.0, 0.75, -1.5};
  static const ten_unop abs_op = TEN_UNOP_ABS;
  GC("abs at 0 (sign(0) = 0)", f_unary, &abs_op, vals(with0, S(2, 3)));
  for (int i = 0; i < N_UN_CASES; i++) {
    const un_case *u = &un_cases[i];
    const char *op = ten_unop_name(u->op);
    snprintf(name, sizeof name, "%s (3,4)", op);
    GC(name, f_unary, &u->op, un_input(u->dom, S(3, 4)));
    snprintf(name, sizeof name, "%s 0-dim", op);
    GC(name, f_unary, &u->op, un_input(u->dom, NULL, 0));
    snprintf(name, sizeof name, "%s colmajor (2,3)", op);
    ten_tensor *t = un_input(u->dom, S(3, 2));
    GC(name, f_unary, &u->op, grad_on(keep(ten_t(cst(t)))));
    snprintf(name, sizeof name, "%s_ on clone (3,4)", op);
    GC(name, f_unary_inplace, &u->op, un_input(u->dom, S(3, 4)));
  }
  release_kept();
}

/* ---- pointwise ops with parameters ---- */

typedef struct sc_ctx {
  double a, b;
  bool has_a, has_b;
  bool int_kind;   /* exponent as a Python int */
} sc_ctx;

static ten_scalar sc_a(const sc_ctx *c) { return c->int_kind ? ten_scalar_int((int64_t)c->a) : ten_scalar_float(c->a); }
static ten_scalar sc_b(const sc_ctx *c) { return c->int_kind ? ten_scalar_int((int64_t)c->b) : ten_scalar_float(c->b); }

FN(f_rsub) { CTX(sc_ctx); return ag_rsub_scalar(x[0], sc_a(c), sc_b(c)); }
FN(f_clamp) {
  CTX(sc_ctx);
  ten_scalar mn = sc_a(c), mx = sc_b(c);
  return ag_clamp(x[0], c->has_a ? &mn : NULL, c->has_b ? &mx : NULL);
}
FN(f_clamp_inplace) {
  CTX(sc_ctx);
  TMP;
  ten_scalar mn = sc_a(c), mx = sc_b(c);
  ten_tensor *y = V(ag_clone(x[0]));
  VI(ag_clamp_(y, c->has_a ? &mn : NULL, c->has_b ? &mx : NULL));
  RET(y);
}
FN(f_clamp_min) { CTX(sc_ctx); return ag_clamp_min(x[0], sc_a(c)); }
FN(f_clamp_max) { CTX(sc_ctx); return ag_clamp_max(x[0], sc_b(c)); }
FN(f_clamp_tensor) { (void)c_; return ag_clamp_tensor(x[0], x[1], x[2]); }
FN(f_pow_scalar) { CTX(sc_ctx); return ag_pow_scalar(x[0], sc_a(c)); }
FN(f_pow_scalar_inplace) {
  CTX(sc_ctx);
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  VI(ag_pow_scalar_(y, sc_a(c)));
  RET(y);
}
FN(f_rpow_scalar) { CTX(sc_ctx); return ag_rpow_scalar(sc_a(c), x[0]); }
FN(f_leaky_relu) { CTX(sc_ctx); return ag_leaky_relu(x[0], c->a); }
FN(f_where) { (void)c_; return ag_where(x[2], x[0], x[1]); }
FN(f_masked_fill_number) {   /* x.masked_fill(mask, 2.5) */
  (void)c_;
  TMP;
  ten_tensor *v = V(ten_wrap_scalar(ten_scalar_float(2.5)));
  RET(V(ag_masked_fill(x[0], x[1], v)));
}
FN(f_masked_fill_tensor) { (void)c_; return ag_masked_fill(x[0], x[1], x[2]); }
FN(f_masked_fill_inplace_number) {
  (void)c_;
  TMP;
  ten_tensor *v = V(ten_wrap_scalar(ten_scalar_float(-1.5)));
  ten_tensor *y = V(ag_clone(x[0]));
  VI(ag_masked_fill_(y, x[1], v));
  RET(y);
}
FN(f_masked_fill_inplace_tensor) {
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  VI(ag_masked_fill_(y, x[1], x[2]));
  RET(y);
}
FN(f_addcmul) { CTX(sc_ctx); return ag_addcmul(x[0], x[1], x[2], sc_a(c)); }
FN(f_addcdiv) { CTX(sc_ctx); return ag_addcdiv(x[0], x[1], x[2], sc_a(c)); }
FN(f_lerp) { CTX(sc_ctx); return ag_lerp(x[0], x[1], sc_a(c)); }

static void test_pointwise(void) {
  seed(4);
  static const bool m34[] = {1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1};
  static const bool m4[] = {0, 1, 1, 0};
  GC("rsub_scalar 2.5 - x", f_rsub, &(sc_ctx){2.5, 1, 0, 0, true}, rnd(-2, 2, S(3, 4)));
  GC("rsub_scalar 2.5 - 1.5 * x", f_rsub, &(sc_ctx){2.5, 1.5, 0, 0, false}, rnd(-2, 2, S(3, 4)));
  GC("rsub_scalar 0-dim", f_rsub, &(sc_ctx){-1.0, 2.0, 0, 0, false}, rnd(-2, 2, NULL, 0));
  GC("clamp min=-0.5", f_clamp, &(sc_ctx){-0.5, 0, true, false, false}, rnd(-2, 2, S(3, 4)));
  GC("clamp max=0.7", f_clamp, &(sc_ctx){0, 0.7, false, true, false}, rnd(-2, 2, S(3, 4)));
  GC("clamp min=-0.5 max=0.7", f_clamp, &(sc_ctx){-0.5, 0.7, true, true, false}, rnd(-2, 2, S(3, 4)));
  GC("clamp int bounds -1, 1", f_clamp, &(sc_ctx){-1, 1, true, true, true}, rnd(-2, 2, S(3, 4)));
  GC("clamp_min 0.3", f_clamp_min, &(sc_ctx){0.3, 0, 0, 0, false}, rnd(-2, 2, S(3, 4)));
  GC("clamp_max -0.3", f_clamp_max, &(sc_ctx){0, -0.3, 0, 0, false}, rnd(-2, 2, S(3, 4)));
  GC("clamp_ min=-0.5 max=0.7 on clone", f_clamp_inplace, &(sc_ctx){-0.5, 0.7, true, true, false}, rnd(-2, 2, S(3, 4)));
  GC("clamp_ min=0.1 on clone", f_clamp_inplace, &(sc_ctx){0.1, 0, true, false, false}, rnd(-2, 2, S(3, 4)));
  GC("clamp_ max=0.1 on clone", f_clamp_inplace, &(sc_ctx){0, 0.1, false, true, false}, rnd(-2, 2, S(3, 4)));
  GC("clamp tensor min (4,) max (3,1)", f_clamp_tensor, NULL, rnd(-2, 2, S(3, 4)), rnd(-1, -0.2, S(4)),
     rnd(0.2, 1, S(3, 1)));
  GC("clamp tensor min only", f_clamp_tensor, NULL, rnd(-2, 2, S(3, 4)), rnd(-1, 1, S(3, 4)), NULL);
  GC("clamp tensor max only", f_clamp_tensor, NULL, rnd(-2, 2, S(3, 4)), NULL, rnd(-1, 1, S(4)));
  GC("clamp tensor min > max (max wins)", f_clamp_tensor, NULL, rnd(-2, 2, S(3, 4)), rnd(0.5, 1, S(4)),
     rnd(-1, -0.5, S(4)));
  GC("clamp tensor const bounds", f_clamp_tensor, NULL, rnd(-2, 2, S(3, 4)), cst(rnd(-1, -0.2, S(4))),
     cst(rnd(0.2, 1, S(3, 1))));
  GC("pow_scalar 2", f_pow_scalar, &(sc_ctx){2, 0, 0, 0, true}, rnd(-2, 2, S(3, 4)));
  GC("pow_scalar 2.0", f_pow_scalar, &(sc_ctx){2, 0, 0, 0, false}, rnd(-2, 2, S(3, 4)));
  GC("pow_scalar 0.5", f_pow_scalar, &(sc_ctx){0.5, 0, 0, 0, false}, rnd(0.2, 2, S(3, 4)));
  GC("pow_scalar -1", f_pow_scalar, &(sc_ctx){-1, 0, 0, 0, true}, rnd_away(0.3, 2, S(3, 4)));
  GC("pow_scalar -2.0", f_pow_scalar, &(sc_ctx){-2, 0, 0, 0, false}, rnd_away(0.3, 2, S(3, 4)));
  GC("pow_scalar 3", f_pow_scalar, &(sc_ctx){3, 0, 0, 0, true}, rnd(-2, 2, S(3, 4)));
  GC("pow_scalar 1.7", f_pow_scalar, &(sc_ctx){1.7, 0, 0, 0, false}, rnd(0.2, 2, S(3, 4)));
  GC("pow_scalar 0", f_pow_scalar, &(sc_ctx){0, 0, 0, 0, true}, rnd(-2, 2, S(3, 4)));
  GC("pow_scalar 1", f_pow_scalar, &(sc_ctx){1, 0, 0, 0, true}, rnd(-2, 2, S(3, 4)));
  GC("pow_scalar 3 0-dim", f_pow_scalar, &(sc_ctx){3, 0, 0, 0, true}, rnd(-2, 2, NULL, 0));
  GC("pow_scalar_ 2 on clone", f_pow_scalar_inplace, &(sc_ctx){2, 0, 0, 0, true}, rnd(-2, 2, S(3, 4)));
  GC("pow_scalar_ 0.5 on clone", f_pow_scalar_inplace, &(sc_ctx){0.5, 0, 0, 0, false}, rnd(0.2, 2, S(3, 4)));
  GC("pow_scalar_ -1 on clone", f_pow_scalar_inplace, &(sc_ctx){-1, 0, 0, 0, true}, rnd_away(0.3, 2, S(3, 4)));
  GC("rpow_scalar 2 ** x", f_rpow_scalar, &(sc_ctx){2, 0, 0, 0, true}, rnd(-2, 2, S(3, 4)));
  GC("rpow_scalar 0.5 ** x", f_rpow_scalar, &(sc_ctx){0.5, 0, 0, 0, false}, rnd(-2, 2, S(3, 4)));
  GC("rpow_scalar 2.7 ** x 0-dim", f_rpow_scalar, &(sc_ctx){2.7, 0, 0, 0, false}, rnd(-2, 2, NULL, 0));
  GC("leaky_relu 0.1", f_leaky_relu, &(sc_ctx){0.1, 0, 0, 0, false}, rnd_away(0.1, 2, S(3, 4)));
  GC("leaky_relu 0.01 (default slope)", f_leaky_relu, &(sc_ctx){0.01, 0, 0, 0, false}, rnd_away(0.1, 2, S(3, 4)));
  GC("where cond (3,4) a (3,4) b (4,)", f_where, NULL, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(4)), mask(m34, S(3, 4)));
  GC("where cond (4,) a (3,1) b 0-dim", f_where, NULL, rnd(-2, 2, S(3, 1)), rnd(-2, 2, NULL, 0), mask(m4, S(4)));
  GC("where const a", f_where, NULL, cst(rnd(-2, 2, S(3, 4))), rnd(-2, 2, S(3, 4)), mask(m34, S(3, 4)));
  GC("masked_fill number value", f_masked_fill_number, NULL, rnd(-2, 2, S(3, 4)), mask(m34, S(3, 4)));
  GC("masked_fill broadcast mask (4,)", f_masked_fill_number, NULL, rnd(-2, 2, S(3, 4)), mask(m4, S(4)));
  GC("masked_fill 0-dim tensor value", f_masked_fill_tensor, NULL, rnd(-2, 2, S(3, 4)), mask(m34, S(3, 4)),
     rnd(-2, 2, NULL, 0));
  GC("masked_fill_ number value on clone", f_masked_fill_inplace_number, NULL, rnd(-2, 2, S(3, 4)), mask(m34, S(3, 4)));
  GC("masked_fill_ 0-dim tensor value on clone", f_masked_fill_inplace_tensor, NULL, rnd(-2, 2, S(3, 4)),
     mask(m4, S(4)), rnd(-2, 2, NULL, 0));
  GC("addcmul value 0.5", f_addcmul, &(sc_ctx){0.5, 0, 0, 0, false}, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(3, 1)),
     rnd(-2, 2, S(4)));
  GC("addcmul value 1 broadcast self", f_addcmul, &(sc_ctx){1, 0, 0, 0, true}, rnd(-2, 2, S(4)), rnd(-2, 2, S(3, 4)),
     rnd(-2, 2, S(3, 4)));
  GC("addcdiv value -0.7", f_addcdiv, &(sc_ctx){-0.7, 0, 0, 0, false}, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(3, 1)),
     rnd_away(0.5, 1.5, S(4)));
  GC("addcdiv value 2 const tensor1", f_addcdiv, &(sc_ctx){2, 0, 0, 0, true}, rnd(-2, 2, S(3, 4)),
     cst(rnd(-2, 2, S(3, 4))), rnd_away(0.5, 1.5, S(3, 4)));
  GC("lerp weight 0.3", f_lerp, &(sc_ctx){0.3, 0, 0, 0, false}, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(4)));
  GC("lerp weight 0.8 0-dim end", f_lerp, &(sc_ctx){0.8, 0, 0, 0, false}, rnd(-2, 2, S(3, 4)), rnd(-2, 2, NULL, 0));
  release_kept();
}

/* ---- copies, casts, fills ---- */

FN(f_clone) { (void)c_; return ag_clone(x[0]); }
FN(f_contiguous_t) {
  (void)c_;
  TMP;
  ten_tensor *t = V(ag_transpose(x[0], 0, 1));
  RET(V(ag_contiguous(t)));
}
FN(f_contiguous_colmajor) { (void)c_; return ag_contiguous(x[0]); }
FN(f_to_dtype_copy) { (void)c_; return ag_to_dtype(x[0], F64, true); }
FN(f_to_device_copy) { (void)c_; return ag_to_device(x[0], TEN_CPU, true); }
FN(f_copy_nonleaf) {   /* y = x0 * 2; y.copy_(x1); y * x0 */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_mul_scalar(x[0], ten_scalar_float(2.0)));
  VI(ag_copy_(y, x[1]));
  RET(V(ag_mul(y, x[0])));
}
FN(f_copy_into_row) {   /* y = x0.clone(); y[1].copy_(x1); y */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  ten_tensor *r = V(ag_select(y, 0, 1));
  VI(ag_copy_(r, x[1]));
  RET(y);
}
FN(f_fill_row) {   /* y = x.clone(); y[:, 1].fill_(3); y * x */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  ten_tensor *col = V(ag_select(y, 1, 1));
  VI(ag_fill_(col, ten_scalar_float(3.0)));
  RET(V(ag_mul(y, x[0])));
}
FN(f_zero_slice) {   /* y = x.sin(); y[1:].zero_(); y  (sin saves its input, not y) */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_unary(TEN_UNOP_SIN, x[0]));
  ten_tensor *s = V(ag_slice(y, 0, 1, 0, 1, true, false));
  VI(ag_zero_(s));
  RET(y);
}
FN(f_fill_all) {   /* y = x * x; y.fill_(1); y + x */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_mul(x[0], x[0]));
  VI(ag_fill_(y, ten_scalar_int(1)));
  RET(V(ag_add(y, x[0])));
}

FN(f_overwrite) {   /* y = x * 3; a uniform_-style write of y through ag_overwrite_begin/end; y * x */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_mul_scalar(x[0], ten_scalar_int(3)));
  ag_node *n = NULL;
  VI(ag_overwrite_begin(y, "UniformBackward0", &n));
  if (!p_.bad) VI(ag_overwrite_end(y, n, ten_fill_(y, ten_scalar_float(0.75))));
  RET(V(ag_mul(y, x[0])));
}

static void test_copy(void) {
  seed(5);
  GC("clone", f_clone, NULL, rnd(-2, 2, S(3, 4)));
  GC("clone colmajor", f_clone, NULL, rnd_colmajor(-2, 2, 3, 2));
  GC("contiguous of a transpose", f_contiguous_t, NULL, rnd(-2, 2, S(3, 4)));
  GC("contiguous of a colmajor leaf", f_contiguous_colmajor, NULL, rnd_colmajor(-2, 2, 2, 3));
  GC("to_dtype float64 copy", f_to_dtype_copy, NULL, rnd(-2, 2, S(3, 4)));
  GC("to_device cpu copy", f_to_device_copy, NULL, rnd(-2, 2, S(3, 4)));
  GC("copy_ into a non-leaf (3,4) <- (3,4)", f_copy_nonleaf, NULL, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(3, 4)));
  GC("copy_ into a non-leaf (3,4) <- (4,) broadcast", f_copy_nonleaf, NULL, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(4)));
  GC("copy_ into a non-leaf <- colmajor", f_copy_nonleaf, NULL, rnd(-2, 2, S(3, 2)), rnd_colmajor(-2, 2, 3, 2));
  GC("copy_ into a row of a clone (CopySlices)", f_copy_into_row, NULL, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(4)));
  GC("copy_ into a row of a clone <- 0-dim", f_copy_into_row, NULL, rnd(-2, 2, S(3, 4)), rnd(-2, 2, NULL, 0));
  GC("fill_ a column of a clone", f_fill_row, NULL, rnd(-2, 2, S(3, 4)));
  GC("zero_ a slice of sin(x)", f_zero_slice, NULL, rnd(-2, 2, S(3, 4)));
  GC("fill_ a whole non-leaf", f_fill_all, NULL, rnd(-2, 2, S(3, 4)));
  GC("ag_overwrite_begin/end (uniform_-style write)", f_overwrite, NULL, rnd(-2, 2, S(3, 4)));
  release_kept();
}

/* ---- views ---- */

FN(f_view) { (void)c_; return ag_view(x[0], S(4, 3)); }
FN(f_view_infer) { (void)c_; return ag_view(x[0], S(2, -1)); }
FN(f_reshape_view) { (void)c_; return ag_reshape(x[0], S(2, 6)); }
FN(f_reshape_copy) {   /* reshape of a transpose: a copy */
  (void)c_;
  TMP;
  ten_tensor *t = V(ag_transpose(x[0], 0, 1));
  RET(V(ag_reshape(t, S(12))));
}
FN(f_reshape_colmajor) { (void)c_; return ag_reshape(x[0], S(-1)); }
FN(f_flatten) { (void)c_; return ag_flatten(x[0], 0, -1); }
FN(f_flatten_part) { (void)c_; return ag_flatten(x[0], 1, 2); }
FN(f_unflatten) { (void)c_; return ag_unflatten(x[0], 1, S(2, 2)); }
FN(f_transpose) { (void)c_; return ag_transpose(x[0], 0, 1); }
FN(f_transpose3) { (void)c_; return ag_transpose(x[0], -1, 0); }
FN(f_t) { (void)c_; return ag_t(x[0]); }
FN(f_permute) { (void)c_; return ag_permute(x[0], S(2, 0, 1)); }
FN(f_squeeze) { (void)c_; return ag_squeeze(x[0]); }
FN(f_squeeze_dim) { (void)c_; return ag_squeeze_dim(x[0], 1); }
FN(f_squeeze_dim_noop) { (void)c_; return ag_squeeze_dim(x[0], 0); }
FN(f_unsqueeze) { (void)c_; return ag_unsqueeze(x[0], 1); }
FN(f_unsqueeze_last) { (void)c_; return ag_unsqueeze(x[0], -1); }
FN(f_expand) { (void)c_; return ag_expand(x[0], S(2, 3, 4)); }
FN(f_expand_keep) { (void)c_; return ag_expand(x[0], S(-1, 4)); }
FN(f_expand_as) { (void)c_; return ag_expand_as(x[0], x[1]); }
FN(f_broadcast_to) { (void)c_; return ag_broadcast_to(x[0], S(3, 4)); }
FN(f_select) { (void)c_; return ag_select(x[0], 1, -2); }
FN(f_select0) { (void)c_; return ag_select(x[0], 0, 2); }
FN(f_slice_step) { (void)c_; return ag_slice(x[0], 1, 0, 4, 2, true, true); }
FN(f_slice_open) { (void)c_; return ag_slice(x[0], 0, 1, 0, 1, true, false); }
FN(f_slice_neg) { (void)c_; return ag_slice(x[0], 1, -3, -1, 1, true, true); }
FN(f_narrow) { (void)c_; return ag_narrow(x[0], 1, 1, 2); }
FN(f_diagonal) { (void)c_; return ag_diagonal(x[0], 0, 0, 1); }
FN(f_diagonal_off) { (void)c_; return ag_diagonal(x[0], 1, 0, 1); }
FN(f_diagonal_neg) { (void)c_; return ag_diagonal(x[0], -1, 1, 0); }
FN(f_as_strided) { (void)c_; return ag_as_strided(x[0], (const int64_t[]){2, 2}, (const int64_t[]){1, 4}, 2, 1); }
FN(f_as_strided_overlap) {
  (void)c_;
  return ag_as_strided(x[0], (const int64_t[]){3, 3}, (const int64_t[]){1, 1}, 2, 0);
}
FN(f_view_then_mul) {   /* x.view(12) * w: a view feeding another op */
  (void)c_;
  TMP;
  ten_tensor *v = V(ag_view(x[0], S(12)));
  RET(V(ag_mul(v, x[1])));
}
FN(f_split) {   /* x.split(1, 0): piece0 * 2 + piece2 */
  (void)c_;
  TMP;
  ten_tensor **l = NULL;
  int n = 0;
  VI(ag_split(x[0], 1, 0, &l, &n));
  if (!p_.bad) tmp_list(&p_, l, n);
  RET(combine(&p_, l, n, false));
}
FN(f_split2) {   /* x.split(2, 1) -> (3,2), (3,2) */
  (void)c_;
  TMP;
  ten_tensor **l = NULL;
  int n = 0;
  VI(ag_split(x[0], 2, 1, &l, &n));
  if (!p_.bad) tmp_list(&p_, l, n);
  RET(combine(&p_, l, n, false));
}
FN(f_split_sizes) {   /* x.split([1, 2, 1], 1): piece0 * 2 + piece2 + piece1 * 3 */
  (void)c_;
  TMP;
  ten_tensor **l = NULL;
  int n = 0;
  VI(ag_split_sizes(x[0], S(1, 2, 1), 1, &l, &n));
  if (!p_.bad) tmp_list(&p_, l, n);
  RET(combine(&p_, l, n, true));
}
FN(f_chunk) {
  (void)c_;
  TMP;
  ten_tensor **l = NULL;
  int n = 0;
  VI(ag_chunk(x[0], 3, 0, &l, &n));
  if (!p_.bad) tmp_list(&p_, l, n);
  RET(combine(&p_, l, n, false));
}
FN(f_unbind) {
  (void)c_;
  TMP;
  ten_tensor **l = NULL;
  int n = 0;
  VI(ag_unbind(x[0], 1, &l, &n));
  if (!p_.bad) tmp_list(&p_, l, n);
  RET(combine(&p_, l, n, true));
}

static void test_view(void) {
  seed(6);
  GC("view (3,4) -> (4,3)", f_view, NULL, rnd(-2, 2, S(3, 4)));
  GC("view (3,4) -> (2,-1)", f_view_infer, NULL, rnd(-2, 2, S(3, 4)));
  GC("view then mul", f_view_then_mul, NULL, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(12)));
  GC("reshape (view case)", f_reshape_view, NULL, rnd(-2, 2, S(3, 4)));
  GC("reshape (copy case: of a transpose)", f_reshape_copy, NULL, rnd(-2, 2, S(3, 4)));
  GC("reshape (copy case: colmajor leaf)", f_reshape_colmajor, NULL, rnd_colmajor(-2, 2, 3, 4));
  GC("flatten", f_flatten, NULL, rnd(-2, 2, S(2, 3, 2)));
  GC("flatten dims 1..2", f_flatten_part, NULL, rnd(-2, 2, S(2, 3, 2)));
  GC("unflatten dim 1 -> (2,2)", f_unflatten, NULL, rnd(-2, 2, S(3, 4)));
  GC("transpose", f_transpose, NULL, rnd(-2, 2, S(3, 4)));
  GC("transpose 3-D (-1, 0)", f_transpose3, NULL, rnd(-2, 2, S(2, 3, 2)));
  GC("t 2-D", f_t, NULL, rnd(-2, 2, S(3, 4)));
  GC("t 1-D", f_t, NULL, rnd(-2, 2, S(4)));
  GC("permute (2,0,1)", f_permute, NULL, rnd(-2, 2, S(2, 3, 2)));
  GC("squeeze", f_squeeze, NULL, rnd(-2, 2, S(3, 1, 4, 1)));
  GC("squeeze_dim 1", f_squeeze_dim, NULL, rnd(-2, 2, S(3, 1, 4)));
  GC("squeeze_dim 0 (not size 1: no-op)", f_squeeze_dim_noop, NULL, rnd(-2, 2, S(3, 1, 4)));
  GC("unsqueeze 1", f_unsqueeze, NULL, rnd(-2, 2, S(3, 4)));
  GC("unsqueeze -1 of 0-dim", f_unsqueeze_last, NULL, rnd(-2, 2, NULL, 0));
  GC("expand (3,1) -> (2,3,4)", f_expand, NULL, rnd(-2, 2, S(3, 1)));
  GC("expand (3,1) -> (-1,4)", f_expand_keep, NULL, rnd(-2, 2, S(3, 1)));
  GC("expand 0-dim -> (2,3,4)", f_expand, NULL, rnd(-2, 2, NULL, 0));
  GC("expand_as (4,) as (3,4)", f_expand_as, NULL, rnd(-2, 2, S(4)), cst(rnd(-2, 2, S(3, 4))));
  GC("broadcast_to (1,4) -> (3,4)", f_broadcast_to, NULL, rnd(-2, 2, S(1, 4)));
  GC("select dim 1 index -2", f_select, NULL, rnd(-2, 2, S(3, 4)));
  GC("select dim 0 of colmajor", f_select0, NULL, rnd_colmajor(-2, 2, 3, 4));
  GC("select 1-D -> 0-dim", f_select0, NULL, rnd(-2, 2, S(4)));
  GC("slice 0:4:2 dim 1", f_slice_step, NULL, rnd(-2, 2, S(3, 4)));
  GC("slice 1: dim 0", f_slice_open, NULL, rnd(-2, 2, S(3, 4)));
  GC("slice -3:-1 dim 1", f_slice_neg, NULL, rnd(-2, 2, S(3, 4)));
  GC("narrow dim 1 start 1 length 2", f_narrow, NULL, rnd(-2, 2, S(3, 4)));
  GC("diagonal", f_diagonal, NULL, rnd(-2, 2, S(3, 4)));
  GC("diagonal offset 1", f_diagonal_off, NULL, rnd(-2, 2, S(3, 4)));
  GC("diagonal offset -1 dims (1,0)", f_diagonal_neg, NULL, rnd(-2, 2, S(3, 4)));
  GC("diagonal of 3-D", f_diagonal, NULL, rnd(-2, 2, S(2, 3, 2)));
  GC("as_strided (2,2) stride (1,4) offset 1", f_as_strided, NULL, rnd(-2, 2, S(3, 4)));
  GC("as_strided overlapping (3,3) stride (1,1)", f_as_strided_overlap, NULL, rnd(-2, 2, S(6)));
  GC("split 1 dim 0 (piece0*2 + piece2)", f_split, NULL, rnd(-2, 2, S(3, 4)));
  GC("split 2 dim 1 (piece0*2 + piece1)", f_split2, NULL, rnd(-2, 2, S(3, 4)));
  GC("split_sizes [1,2,1] dim 1", f_split_sizes, NULL, rnd(-2, 2, S(3, 4)));
  GC("chunk 3 dim 0", f_chunk, NULL, rnd(-2, 2, S(3, 4)));
  GC("unbind dim 1", f_unbind, NULL, rnd(-2, 2, S(3, 4)));
  release_kept();
}

/* ---- reductions, scans, softmax, sort ---- */

typedef enum red_kind { R_SUM, R_MEAN, R_PROD, R_VAR, R_STD, R_NORM, R_AMAX, R_AMIN, R_LSE } red_kind;

typedef struct red_ctx {
  red_kind kind;
  const int64_t *dims;
  int n;
  bool keepdim;
  int64_t correction;   /* var/std */
  double p;             /* norm */
} red_ctx;

FN(f_reduce) {
  CTX(red_ctx);
  switch (c->kind) {
  case R_SUM: return ag_sum(x[0], c->dims, c->n, c->keepdim, TEN_DTYPE_UNSET);
  case R_MEAN: return ag_mean(x[0], c->dims, c->n, c->keepdim, TEN_DTYPE_UNSET);
  case R_PROD: return ag_prod(x[0], c->dims, c->n, c->keepdim, TEN_DTYPE_UNSET);
  case R_VAR: return ag_var(x[0], c->dims, c->n, c->correction, c->keepdim);
  case R_STD: return ag_std(x[0], c->dims, c->n, c->correction, c->keepdim);
  case R_NORM: return ag_norm(x[0], c->p, c->dims, c->n, c->keepdim);
  case R_AMAX: return ag_amax(x[0], c->dims, c->n, c->keepdim);
  case R_AMIN: return ag_amin(x[0], c->dims, c->n, c->keepdim);
  case R_LSE: return ag_logsumexp(x[0], c->dims, c->n, c->keepdim);
  }
  return NULL;
}

FN(f_sum_dtype) { (void)c_; return ag_sum(x[0], S(1), false, F64); }
FN(f_max_all) { (void)c_; return ag_max_all(x[0]); }
FN(f_min_all) { (void)c_; return ag_min_all(x[0]); }

typedef struct dim_ctx {
  int64_t dim;
  bool flag;    /* keepdim / descending / largest */
  int64_t k;    /* topk */
} dim_ctx;

FN(f_max_dim) {
  CTX(dim_ctx);
  ten_tensor *v = NULL, *i = NULL;
  if (ag_max_dim(x[0], c->dim, c->flag, &v, &i)) return NULL;
  ten_release(i);
  return v;
}
FN(f_min_dim) {
  CTX(dim_ctx);
  ten_tensor *v = NULL, *i = NULL;
  if (ag_min_dim(x[0], c->dim, c->flag, &v, &i)) return NULL;
  ten_release(i);
  return v;
}
FN(f_cumsum) { CTX(dim_ctx); return ag_cumsum(x[0], c->dim, TEN_DTYPE_UNSET); }
FN(f_cumprod) { CTX(dim_ctx); return ag_cumprod(x[0], c->dim, TEN_DTYPE_UNSET); }
FN(f_softmax) { CTX(dim_ctx); return ag_softmax(x[0], c->dim, TEN_DTYPE_UNSET); }
FN(f_log_softmax) { CTX(dim_ctx); return ag_log_softmax(x[0], c->dim, TEN_DTYPE_UNSET); }
FN(f_sort) {
  CTX(dim_ctx);
  ten_tensor *v = NULL, *i = NULL;
  if (ag_sort(x[0], c->dim, c->flag, &v, &i)) return NULL;
  ten_release(i);
  return v;
}
FN(f_topk) {
  CTX(dim_ctx);
  ten_tensor *v = NULL, *i = NULL;
  if (ag_topk(x[0], c->k, c->dim, c->flag, true, &v, &i)) return NULL;
  ten_release(i);
  return v;
}
FN(f_sum_of_exp) {   /* reduction after another op: exp(x).sum(0) * w */
  (void)c_;
  TMP;
  ten_tensor *e = V(ag_unary(TEN_UNOP_EXP, x[0]));
  ten_tensor *s = V(ag_sum(e, S(0), false, TEN_DTYPE_UNSET));
  RET(V(ag_mul(s, x[1])));
}

/* RED(kind, dims, keepdim), REDC(..., correction), REDP(..., p); dims is S(...) or ALL */
#define RED(kind, dims, keep) &(red_ctx){kind, dims, keep, 0, 0.0}
#define REDC(kind, dims, keep, corr) &(red_ctx){kind, dims, keep, corr, 0.0}
#define REDP(kind, dims, keep, p) &(red_ctx){kind, dims, keep, 0, p}
#define ALL NULL, 0

static void test_reduce(void) {
  seed(7);
  static const double zero1[] = {0.5, -1.2, 0.0, 1.5, 0.8, 1.1, -0.7, 0.9, 1.3, -0.6, 0.4, 1.7};
  static const double zero2[] = {0.5, 0.0, 0.0, 1.5, 0.8, 1.1, -0.7, 0.9, 1.3, 0.0, 0.4, 1.7};
  GC("sum all", f_reduce, RED(R_SUM, ALL, false), rnd(-2, 2, S(3, 4)));
  GC("sum dim 0", f_reduce, RED(R_SUM, S(0), false), rnd(-2, 2, S(3, 4)));
  GC("sum dim -1 keepdim", f_reduce, RED(R_SUM, S(-1), true), rnd(-2, 2, S(3, 4)));
  GC("sum dims (0,2) 3-D", f_reduce, RED(R_SUM, S(0, 2), false), rnd(-2, 2, S(2, 3, 2)));
  GC("sum dims (0,2) keepdim 3-D", f_reduce, RED(R_SUM, S(0, 2), true), rnd(-2, 2, S(2, 3, 2)));
  GC("sum 0-dim", f_reduce, RED(R_SUM, ALL, false), rnd(-2, 2, NULL, 0));
  GC("sum colmajor dim 0", f_reduce, RED(R_SUM, S(0), false), rnd_colmajor(-2, 2, 3, 4));
  GC("sum dim 1 dtype float64", f_sum_dtype, NULL, rnd(-2, 2, S(3, 4)));
  GC("sum after exp, times w", f_sum_of_exp, NULL, rnd(-1, 1, S(3, 4)), rnd(-1, 1, S(4)));
  GC("mean all", f_reduce, RED(R_MEAN, ALL, false), rnd(-2, 2, S(3, 4)));
  GC("mean dim 1", f_reduce, RED(R_MEAN, S(1), false), rnd(-2, 2, S(3, 4)));
  GC("mean dims (0,1) keepdim", f_reduce, RED(R_MEAN, S(0, 1), true), rnd(-2, 2, S(3, 4)));
  GC("prod all (no zero)", f_reduce, RED(R_PROD, ALL, false), rnd_away(0.5, 1.5, S(3, 4)));
  GC("prod dim 1 (no zero)", f_reduce, RED(R_PROD, S(1), false), rnd_away(0.5, 1.5, S(3, 4)));
  GC("prod dim 0 keepdim (no zero)", f_reduce, RED(R_PROD, S(0), true), rnd_away(0.5, 1.5, S(3, 4)));
  GC("prod all (one zero)", f_reduce, RED(R_PROD, ALL, false), vals(zero1, S(3, 4)));
  GC("prod dim 1 (one zero)", f_reduce, RED(R_PROD, S(1), false), vals(zero1, S(3, 4)));
  GC("prod all (three zeros)", f_reduce, RED(R_PROD, ALL, false), vals(zero2, S(3, 4)));
  GC("prod dim 1 (two zeros in a row)", f_reduce, RED(R_PROD, S(1), false), vals(zero2, S(3, 4)));
  GC("prod dim 0 (zeros)", f_reduce, RED(R_PROD, S(0), false), vals(zero2, S(3, 4)));
  GC("var all correction 1", f_reduce, REDC(R_VAR, ALL, false, 1), rnd(-2, 2, S(3, 4)));
  GC("var all correction 0", f_reduce, REDC(R_VAR, ALL, false, 0), rnd(-2, 2, S(3, 4)));
  GC("var dim 1 correction 1", f_reduce, REDC(R_VAR, S(1), false, 1), rnd(-2, 2, S(3, 4)));
  GC("var dim 0 keepdim correction 0", f_reduce, REDC(R_VAR, S(0), true, 0), rnd(-2, 2, S(3, 4)));
  GC("std all correction 1", f_reduce, REDC(R_STD, ALL, false, 1), rnd(-2, 2, S(3, 4)));
  GC("std all correction 0", f_reduce, REDC(R_STD, ALL, false, 0), rnd(-2, 2, S(3, 4)));
  GC("std dim 1 correction 1", f_reduce, REDC(R_STD, S(1), false, 1), rnd(-2, 2, S(3, 4)));
  GC("std dim 0 keepdim correction 0", f_reduce, REDC(R_STD, S(0), true, 0), rnd(-2, 2, S(3, 4)));
  GC("norm p=2 all", f_reduce, REDP(R_NORM, ALL, false, 2.0), rnd(-2, 2, S(3, 4)));
  GC("norm p=2 dim 1", f_reduce, REDP(R_NORM, S(1), false, 2.0), rnd(-2, 2, S(3, 4)));
  GC("norm p=1 dim 0", f_reduce, REDP(R_NORM, S(0), false, 1.0), rnd_away(0.2, 2, S(3, 4)));
  GC("norm p=1 all", f_reduce, REDP(R_NORM, ALL, false, 1.0), rnd_away(0.2, 2, S(3, 4)));
  GC("norm p=3 dim 1 keepdim", f_reduce, REDP(R_NORM, S(1), true, 3.0), rnd_away(0.2, 2, S(3, 4)));
  GC("norm p=3 all", f_reduce, REDP(R_NORM, ALL, false, 3.0), rnd_away(0.2, 2, S(3, 4)));
  GC("norm p=inf dim 1", f_reduce, REDP(R_NORM, S(1), false, INFINITY), rnd_away(0.2, 2, S(3, 4)));
  GC("norm p=inf all", f_reduce, REDP(R_NORM, ALL, false, INFINITY), rnd_away(0.2, 2, S(3, 4)));
  GC("norm p=-inf dim 0", f_reduce, REDP(R_NORM, S(0), false, -INFINITY), rnd_away(0.2, 2, S(3, 4)));
  GC("amax all", f_reduce, RED(R_AMAX, ALL, false), rnd(-2, 2, S(3, 4)));
  GC("amax dim 1", f_reduce, RED(R_AMAX, S(1), false), rnd(-2, 2, S(3, 4)));
  GC("amax dims (0,1) keepdim", f_reduce, RED(R_AMAX, S(0, 1), true), rnd(-2, 2, S(3, 4)));
  GC("amin all", f_reduce, RED(R_AMIN, ALL, false), rnd(-2, 2, S(3, 4)));
  GC("amin dim 0 keepdim", f_reduce, RED(R_AMIN, S(0), true), rnd(-2, 2, S(3, 4)));
  GC("logsumexp dim 1", f_reduce, RED(R_LSE, S(1), false), rnd(-2, 2, S(3, 4)));
  GC("logsumexp dim 0 keepdim", f_reduce, RED(R_LSE, S(0), true), rnd(-2, 2, S(3, 4)));
  GC("logsumexp dims (0,1)", f_reduce, RED(R_LSE, S(0, 1), false), rnd(-2, 2, S(3, 4)));
  /* two-way ties: amax/amin/max_all/min_all share the gradient evenly, and so does the central
     difference (1/2 each) — for three-way ties they would not agree (1/3 against 1/2) */
  static const double ties[] = {1.5, 0.2, 1.5, -0.3, -0.7, 0.4, -0.7, 0.1, 1.2, 0.0, 0.3, -0.6};
  static const double zrow[] = {0.0, 0.0, 0.0, 0.0, 0.5, -1.2, 0.8, 1.1, -0.6, 0.3, 1.4, -0.9};
  GC("amax all with ties", f_reduce, RED(R_AMAX, ALL, false), vals(ties, S(3, 4)));
  GC("amax dim 1 with ties", f_reduce, RED(R_AMAX, S(1), false), vals(ties, S(3, 4)));
  GC("amin dim 0 with ties", f_reduce, RED(R_AMIN, S(0), false), vals(ties, S(3, 4)));
  GC("max_all with ties", f_max_all, NULL, vals(ties, S(3, 4)));
  GC("min_all with ties", f_min_all, NULL, vals(ties, S(3, 4)));
  GC("norm p=2 dim 1 with a zero row (grad 0)", f_reduce, REDP(R_NORM, S(1), false, 2.0), vals(zrow, S(3, 4)));
  GC("norm p=1 dim 1 with zeros (sign 0)", f_reduce, REDP(R_NORM, S(1), false, 1.0), vals(zrow, S(3, 4)));
  GC("max_all", f_max_all, NULL, rnd(-2, 2, S(3, 4)));
  GC("min_all", f_min_all, NULL, rnd(-2, 2, S(3, 4)));
  GC("max_dim dim 1 values", f_max_dim, &(dim_ctx){1, false, 0}, rnd(-2, 2, S(3, 4)));
  GC("max_dim dim 0 keepdim values", f_max_dim, &(dim_ctx){0, true, 0}, rnd(-2, 2, S(3, 4)));
  GC("min_dim dim 1 values", f_min_dim, &(dim_ctx){1, false, 0}, rnd(-2, 2, S(3, 4)));
  GC("min_dim dim -1 keepdim values", f_min_dim, &(dim_ctx){-1, true, 0}, rnd(-2, 2, S(3, 4)));
  GC("cumsum dim 0", f_cumsum, &(dim_ctx){0, false, 0}, rnd(-2, 2, S(3, 4)));
  GC("cumsum dim 1", f_cumsum, &(dim_ctx){1, false, 0}, rnd(-2, 2, S(3, 4)));
  GC("cumsum 1-D", f_cumsum, &(dim_ctx){0, false, 0}, rnd(-2, 2, S(4)));
  GC("cumprod dim 1 (no zero)", f_cumprod, &(dim_ctx){1, false, 0}, rnd_away(0.5, 1.5, S(3, 4)));
  GC("cumprod dim 0 (no zero)", f_cumprod, &(dim_ctx){0, false, 0}, rnd_away(0.5, 1.5, S(3, 4)));
  GC("cumprod dim 1 (one zero)", f_cumprod, &(dim_ctx){1, false, 0}, vals(zero1, S(3, 4)));
  GC("cumprod dim 1 (zeros)", f_cumprod, &(dim_ctx){1, false, 0}, vals(zero2, S(3, 4)));
  GC("cumprod dim 0 (zeros)", f_cumprod, &(dim_ctx){0, false, 0}, vals(zero2, S(3, 4)));
  GC("softmax dim 1", f_softmax, &(dim_ctx){1, false, 0}, rnd(-2, 2, S(3, 4)));
  GC("softmax dim 0", f_softmax, &(dim_ctx){0, false, 0}, rnd(-2, 2, S(3, 4)));
  GC("softmax 1-D", f_softmax, &(dim_ctx){0, false, 0}, rnd(-2, 2, S(4)));
  GC("log_softmax dim 1", f_log_softmax, &(dim_ctx){1, false, 0}, rnd(-2, 2, S(3, 4)));
  GC("log_softmax dim 0", f_log_softmax, &(dim_ctx){0, false, 0}, rnd(-2, 2, S(3, 4)));
  GC("sort dim 1 values", f_sort, &(dim_ctx){1, false, 0}, rnd(-2, 2, S(3, 4)));
  GC("sort dim 0 descending values", f_sort, &(dim_ctx){0, true, 0}, rnd(-2, 2, S(3, 4)));
  GC("topk k=2 dim 1 largest values", f_topk, &(dim_ctx){1, true, 2}, rnd(-2, 2, S(3, 4)));
  GC("topk k=2 dim 0 smallest values", f_topk, &(dim_ctx){0, false, 2}, rnd(-2, 2, S(3, 4)));
  GC("topk k=3 1-D largest values", f_topk, &(dim_ctx){0, true, 3}, rnd(-2, 2, S(4)));
  release_kept();
}

/* ---- matmul family ---- */

FN(f_matmul) { (void)c_; return ag_matmul(x[0], x[1]); }
FN(f_mm) { (void)c_; return ag_mm(x[0], x[1]); }
FN(f_mm_t) {   /* x0.t() @ x1 */
  (void)c_;
  TMP;
  ten_tensor *t = V(ag_t(x[0]));
  RET(V(ag_mm(t, x[1])));
}
FN(f_bmm) { (void)c_; return ag_bmm(x[0], x[1]); }
FN(f_mv) { (void)c_; return ag_mv(x[0], x[1]); }
FN(f_dot) { (void)c_; return ag_dot(x[0], x[1]); }
FN(f_outer) { (void)c_; return ag_outer(x[0], x[1]); }
FN(f_addmm) { CTX(sc_ctx); return ag_addmm(x[0], x[1], x[2], sc_a(c), sc_b(c)); }

static void test_matmul(void) {
  seed(8);
  GC("matmul 1-D @ 1-D", f_matmul, NULL, rnd(-2, 2, S(3)), rnd(-2, 2, S(3)));
  GC("matmul 2-D @ 1-D", f_matmul, NULL, rnd(-2, 2, S(2, 3)), rnd(-2, 2, S(3)));
  GC("matmul 1-D @ 2-D", f_matmul, NULL, rnd(-2, 2, S(3)), rnd(-2, 2, S(3, 2)));
  GC("matmul 2-D @ 2-D", f_matmul, NULL, rnd(-2, 2, S(2, 3)), rnd(-2, 2, S(3, 4)));
  GC("matmul 3-D @ 2-D", f_matmul, NULL, rnd(-2, 2, S(2, 2, 3)), rnd(-2, 2, S(3, 2)));
  GC("matmul 2-D @ 3-D", f_matmul, NULL, rnd(-2, 2, S(2, 3)), rnd(-2, 2, S(2, 3, 2)));
  GC("matmul 3-D @ 1-D", f_matmul, NULL, rnd(-2, 2, S(2, 2, 3)), rnd(-2, 2, S(3)));
  GC("matmul 1-D @ 3-D", f_matmul, NULL, rnd(-2, 2, S(3)), rnd(-2, 2, S(2, 3, 2)));
  GC("matmul 3-D @ 3-D", f_matmul, NULL, rnd(-2, 2, S(2, 2, 3)), rnd(-2, 2, S(2, 3, 2)));
  GC("matmul 4-D @ 3-D broadcast", f_matmul, NULL, rnd(-2, 2, S(2, 1, 2, 3)), rnd(-2, 2, S(2, 3, 2)));
  GC("matmul 3-D (1,..) @ 3-D broadcast batch", f_matmul, NULL, rnd(-2, 2, S(1, 2, 3)), rnd(-2, 2, S(2, 3, 2)));
  GC("matmul colmajor @ 2-D", f_matmul, NULL, rnd_colmajor(-2, 2, 2, 3), rnd(-2, 2, S(3, 2)));
  GC("matmul 2-D @ const", f_matmul, NULL, rnd(-2, 2, S(2, 3)), cst(rnd(-2, 2, S(3, 2))));
  GC("mm", f_mm, NULL, rnd(-2, 2, S(2, 3)), rnd(-2, 2, S(3, 4)));
  GC("mm colmajor lhs", f_mm, NULL, rnd_colmajor(-2, 2, 3, 2), rnd(-2, 2, S(2, 4)));
  GC("mm colmajor rhs", f_mm, NULL, rnd(-2, 2, S(2, 3)), rnd_colmajor(-2, 2, 3, 4));
  GC("mm x0.t() @ x1", f_mm_t, NULL, rnd(-2, 2, S(3, 2)), rnd(-2, 2, S(3, 4)));
  GC("bmm", f_bmm, NULL, rnd(-2, 2, S(2, 2, 3)), rnd(-2, 2, S(2, 3, 2)));
  GC("mv", f_mv, NULL, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(4)));
  GC("mv colmajor", f_mv, NULL, rnd_colmajor(-2, 2, 3, 4), rnd(-2, 2, S(4)));
  GC("dot", f_dot, NULL, rnd(-2, 2, S(4)), rnd(-2, 2, S(4)));
  GC("outer", f_outer, NULL, rnd(-2, 2, S(3)), rnd(-2, 2, S(4)));
  GC("addmm beta=0.5 alpha=2 input (2,4)", f_addmm, &(sc_ctx){0.5, 2, 0, 0, false}, rnd(-2, 2, S(2, 4)),
     rnd(-2, 2, S(2, 3)), rnd(-2, 2, S(3, 4)));
  GC("addmm beta=1 alpha=1 input (4,) broadcast", f_addmm, &(sc_ctx){1, 1, 0, 0, true}, rnd(-2, 2, S(4)),
     rnd(-2, 2, S(2, 3)), rnd(-2, 2, S(3, 4)));
  GC("addmm beta=-1.5 alpha=0.25 input 0-dim", f_addmm, &(sc_ctx){-1.5, 0.25, 0, 0, false}, rnd(-2, 2, NULL, 0),
     rnd(-2, 2, S(2, 3)), rnd(-2, 2, S(3, 4)));
  GC("addmm beta=0 (input ignored)", f_addmm, &(sc_ctx){0, 2, 0, 0, true}, rnd(-2, 2, S(2, 4)),
     rnd(-2, 2, S(2, 3)), rnd(-2, 2, S(3, 4)));
  release_kept();
}

/* ---- joining and indexing ---- */

FN(f_cat3) { CTX(dim_ctx); return ag_cat(x, 3, c->dim); }
FN(f_cat2) { CTX(dim_ctx); return ag_cat(x, 2, c->dim); }
FN(f_stack2) { CTX(dim_ctx); return ag_stack(x, 2, c->dim); }

typedef struct ix_ctx {
  ten_index idx[4];
  int n;
} ix_ctx;

static ten_index ix_int(int64_t i) { ten_index r = {TEN_INDEX_INT, i, 0, 0, 1, false, false, NULL}; return r; }
static ten_index ix_slice(int64_t start, int64_t stop, int64_t step, bool hs, bool he) {
  ten_index r = {TEN_INDEX_SLICE, 0, start, stop, step, hs, he, NULL};
  return r;
}
static ten_index ix_all(void) { return ix_slice(0, 0, 1, false, false); }
static ten_index ix_none(void) { ten_index r = {TEN_INDEX_NONE, 0, 0, 0, 1, false, false, NULL}; return r; }
static ten_index ix_ellipsis(void) { ten_index r = {TEN_INDEX_ELLIPSIS, 0, 0, 0, 1, false, false, NULL}; return r; }
static ten_index ix_tensor(ten_tensor *t) { ten_index r = {TEN_INDEX_TENSOR, 0, 0, 0, 1, false, false, t}; return r; }

FN(f_index_get) { CTX(ix_ctx); return ag_index_get(x[0], c->idx, c->n); }
FN(f_index_put) {   /* y = x0.clone(); y[idx] = x1; y */
  CTX(ix_ctx);
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  VI(ag_index_put(y, c->idx, c->n, x[1]));
  RET(y);
}
FN(f_index_put_nonleaf) {   /* y = x0 * 2; y[idx] = exp(x1); y * x0 */
  CTX(ix_ctx);
  TMP;
  ten_tensor *y = V(ag_mul_scalar(x[0], ten_scalar_float(2.0)));
  ten_tensor *v = V(ag_unary(TEN_UNOP_EXP, x[1]));
  VI(ag_index_put(y, c->idx, c->n, v));
  RET(V(ag_mul(y, x[0])));
}
FN(f_index_select) { CTX(dim_ctx); return ag_index_select(x[0], c->dim, x[1]); }
FN(f_gather) { CTX(dim_ctx); return ag_gather(x[0], c->dim, x[1]); }
FN(f_masked_select) { (void)c_; return ag_masked_select(x[0], x[1]); }
/* scatter family: x[2] is the index (no gradient) */
FN(f_scatter) { CTX(dim_ctx); return ag_scatter(x[0], c->dim, x[2], x[1]); }
FN(f_scatter_value) { CTX(dim_ctx); return ag_scatter_value(x[0], c->dim, x[1], ten_scalar_float(0.5)); }
FN(f_scatter_add) { CTX(dim_ctx); return ag_scatter_add(x[0], c->dim, x[2], x[1]); }
FN(f_index_add) { CTX(dim_ctx); return ag_index_add(x[0], c->dim, x[2], x[1], ten_scalar_float(1.5)); }
FN(f_scatter_add_) {   /* y = x0.clone(); y.scatter_add_(dim, index, x1); y */
  CTX(dim_ctx);
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  VI(ag_scatter_add_(y, c->dim, x[2], x[1]));
  RET(y);
}
FN(f_tril) { CTX(dim_ctx); return ag_tril(x[0], c->dim); }
FN(f_triu) { CTX(dim_ctx); return ag_triu(x[0], c->dim); }
FN(f_flip) {   /* dims in idx[i].i */
  CTX(ix_ctx);
  int64_t d[4];
  for (int i = 0; i < c->n; i++) d[i] = c->idx[i].i;
  return ag_flip(x[0], d, c->n);
}
FN(f_repeat) {   /* repeats in idx[i].i */
  CTX(ix_ctx);
  int64_t r[4];
  for (int i = 0; i < c->n; i++) r[i] = c->idx[i].i;
  return ag_repeat(x[0], r, c->n);
}

static void test_index(void) {
  seed(9);
  static const int64_t rows_rep[] = {2, 0, 2}, cols_rep[] = {3, 1, 3}, rows2[] = {0, 2}, cols2[] = {1, 3};
  static const int64_t rows_put[] = {2, 0}, gidx[] = {0, 3, 1, 1, 2, 0};
  static const bool m34[] = {1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1}, m3[] = {1, 0, 1};
  ten_tensor *i_rows_rep = idx(rows_rep, S(3)), *i_cols_rep = idx(cols_rep, S(3)), *i_rows2 = idx(rows2, S(2));
  ten_tensor *i_cols2 = idx(cols2, S(2)), *i_rows_put = idx(rows_put, S(2)), *i_g = idx(gidx, S(3, 2));
  ten_tensor *mk34 = mask(m34, S(3, 4)), *mk3 = mask(m3, S(3));

  GC("cat dim 1 (3,1)+(3,2)+(3,1)", f_cat3, &(dim_ctx){1, 0, 0}, rnd(-2, 2, S(3, 1)), rnd(-2, 2, S(3, 2)),
     rnd(-2, 2, S(3, 1)));
  GC("cat dim 0 (1,4)+(2,4)", f_cat2, &(dim_ctx){0, 0, 0}, rnd(-2, 2, S(1, 4)), rnd(-2, 2, S(2, 4)));
  GC("cat dim -1 with a const", f_cat2, &(dim_ctx){-1, 0, 0}, rnd(-2, 2, S(2, 2)), cst(rnd(-2, 2, S(2, 1))));
  GC("cat 1-D", f_cat2, &(dim_ctx){0, 0, 0}, rnd(-2, 2, S(3)), rnd(-2, 2, S(2)));
  GC("stack dim 0", f_stack2, &(dim_ctx){0, 0, 0}, rnd(-2, 2, S(3)), rnd(-2, 2, S(3)));
  GC("stack dim 1 (2,2)", f_stack2, &(dim_ctx){1, 0, 0}, rnd(-2, 2, S(2, 2)), rnd(-2, 2, S(2, 2)));
  GC("stack 0-dim", f_stack2, &(dim_ctx){0, 0, 0}, rnd(-2, 2, NULL, 0), rnd(-2, 2, NULL, 0));

  GC("index_get [1]", f_index_get, &(ix_ctx){{ix_int(1)}, 1}, rnd(-2, 2, S(3, 4)));
  GC("index_get [:, 1:4:2]", f_index_get, &(ix_ctx){{ix_all(), ix_slice(1, 4, 2, true, true)}, 2}, rnd(-2, 2, S(3, 4)));
  GC("index_get [None, ..., 2]", f_index_get, &(ix_ctx){{ix_none(), ix_ellipsis(), ix_int(2)}, 3}, rnd(-2, 2, S(3, 4)));
  GC("index_get [-1, None, 0:3]", f_index_get, &(ix_ctx){{ix_int(-1), ix_none(), ix_slice(0, 3, 1, true, true)}, 3},
     rnd(-2, 2, S(3, 4)));
  GC("index_get [..., 1] 3-D", f_index_get, &(ix_ctx){{ix_ellipsis(), ix_int(1)}, 2}, rnd(-2, 2, S(2, 3, 2)));
  GC("index_get [[2,0,2]] (repeated rows)", f_index_get, &(ix_ctx){{ix_tensor(i_rows_rep)}, 1}, rnd(-2, 2, S(3, 4)));
  GC("index_get [:, [3,1,3]]", f_index_get, &(ix_ctx){{ix_all(), ix_tensor(i_cols_rep)}, 2}, rnd(-2, 2, S(3, 4)));
  GC("index_get [[0,2], [1,3]]", f_index_get, &(ix_ctx){{ix_tensor(i_rows2), ix_tensor(i_cols2)}, 2},
     rnd(-2, 2, S(3, 4)));
  GC("index_get [mask (3,4)]", f_index_get, &(ix_ctx){{ix_tensor(mk34)}, 1}, rnd(-2, 2, S(3, 4)));
  GC("index_get [mask (3,)]", f_index_get, &(ix_ctx){{ix_tensor(mk3)}, 1}, rnd(-2, 2, S(3, 4)));
  GC("index_get [1:, [3,1,3]]", f_index_get, &(ix_ctx){{ix_slice(1, 0, 1, true, false), ix_tensor(i_cols_rep)}, 2},
     rnd(-2, 2, S(3, 4)));

  GC("index_put [1] = v (4,)", f_index_put, &(ix_ctx){{ix_int(1)}, 1}, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(4)));
  GC("index_put [:, 1:3] = v (3,2)", f_index_put, &(ix_ctx){{ix_all(), ix_slice(1, 3, 1, true, true)}, 2},
     rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(3, 2)));
  GC("index_put [..., 0] = v 0-dim", f_index_put, &(ix_ctx){{ix_ellipsis(), ix_int(0)}, 2}, rnd(-2, 2, S(3, 4)),
     rnd(-2, 2, NULL, 0));
  GC("index_put [[2,0]] = v (2,4)", f_index_put, &(ix_ctx){{ix_tensor(i_rows_put)}, 1}, rnd(-2, 2, S(3, 4)),
     rnd(-2, 2, S(2, 4)));
  GC("index_put [[2,0]] = v (4,) broadcast", f_index_put, &(ix_ctx){{ix_tensor(i_rows_put)}, 1}, rnd(-2, 2, S(3, 4)),
     rnd(-2, 2, S(4)));
  GC("index_put [[0,2], [1,3]] = v (2,)", f_index_put, &(ix_ctx){{ix_tensor(i_rows2), ix_tensor(i_cols2)}, 2},
     rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(2)));
  GC("index_put [mask] = v (6,)", f_index_put, &(ix_ctx){{ix_tensor(mk34)}, 1}, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(6)));
  GC("index_put [mask] = v 0-dim", f_index_put, &(ix_ctx){{ix_tensor(mk34)}, 1}, rnd(-2, 2, S(3, 4)),
     rnd(-2, 2, NULL, 0));
  GC("index_put into x*2 [1:] = exp(v), then * x", f_index_put_nonleaf,
     &(ix_ctx){{ix_slice(1, 0, 1, true, false)}, 1}, rnd(-2, 2, S(3, 4)), rnd(-1, 1, S(4)));
  GC("index_put into x*2 [[2,0]] = exp(v), then * x", f_index_put_nonleaf, &(ix_ctx){{ix_tensor(i_rows_put)}, 1},
     rnd(-2, 2, S(3, 4)), rnd(-1, 1, S(2, 4)));

  GC("index_select dim 1 [3,1,3]", f_index_select, &(dim_ctx){1, 0, 0}, rnd(-2, 2, S(3, 4)), i_cols_rep);
  GC("index_select dim 0 [2,0,2]", f_index_select, &(dim_ctx){0, 0, 0}, rnd(-2, 2, S(3, 4)), i_rows_rep);
  GC("gather dim 1 index (3,2)", f_gather, &(dim_ctx){1, 0, 0}, rnd(-2, 2, S(3, 4)), i_g);
  GC("masked_select (3,4)", f_masked_select, NULL, rnd(-2, 2, S(3, 4)), mk34);
  /* scatter without duplicate targets (with duplicates the last write wins, finite differences can't agree) */
  static const int64_t sidx[] = {0, 2, 3, 1, 1, 0};
  GC("scatter dim 1 src (3,2)", f_scatter, &(dim_ctx){1, 0, 0}, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(3, 2)),
     idx(sidx, S(3, 2)));
  GC("scatter dim 1 value", f_scatter_value, &(dim_ctx){1, 0, 0}, rnd(-2, 2, S(3, 4)), i_g);
  GC("scatter_add dim 1 (3,2)", f_scatter_add, &(dim_ctx){1, 0, 0}, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(3, 2)), i_g);
  GC("scatter_add_ on a clone", f_scatter_add_, &(dim_ctx){1, 0, 0}, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(3, 2)), i_g);
  GC("index_add dim 0 [2,0,2] alpha 1.5", f_index_add, &(dim_ctx){0, 0, 0}, rnd(-2, 2, S(3, 4)),
     rnd(-2, 2, S(3, 4)), i_rows_rep);
  GC("masked_select broadcast mask (3,1) x (4,)", f_masked_select, NULL, rnd(-2, 2, S(4)),
     keep(ten_view(mk3, S(3, 1))));
  GC("tril 0", f_tril, &(dim_ctx){0, 0, 0}, rnd(-2, 2, S(3, 4)));
  GC("tril 1", f_tril, &(dim_ctx){1, 0, 0}, rnd(-2, 2, S(3, 4)));
  GC("tril -1", f_tril, &(dim_ctx){-1, 0, 0}, rnd(-2, 2, S(3, 4)));
  GC("triu 0", f_triu, &(dim_ctx){0, 0, 0}, rnd(-2, 2, S(3, 4)));
  GC("triu 1", f_triu, &(dim_ctx){1, 0, 0}, rnd(-2, 2, S(3, 4)));
  GC("triu -1", f_triu, &(dim_ctx){-1, 0, 0}, rnd(-2, 2, S(3, 4)));
  GC("flip dims (0,1)", f_flip, &(ix_ctx){{ix_int(0), ix_int(1)}, 2}, rnd(-2, 2, S(3, 4)));
  GC("flip dim -1", f_flip, &(ix_ctx){{ix_int(-1)}, 1}, rnd(-2, 2, S(3, 4)));
  GC("repeat (2,1)", f_repeat, &(ix_ctx){{ix_int(2), ix_int(1)}, 2}, rnd(-2, 2, S(3, 2)));
  GC("repeat (2,1,2) adds a dim", f_repeat, &(ix_ctx){{ix_int(2), ix_int(1), ix_int(2)}, 3}, rnd(-2, 2, S(2, 2)));
  release_kept();
}

/* ---- in-place ops on non-leaf clones ---- */

FN(f_add_) {   /* y = x0.clone(); y.add_(x1, alpha=2); y */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  VI(ag_binary_(TEN_BINOP_ADD, y, x[1], ten_scalar_int(2)));
  RET(y);
}
FN(f_mul_) {
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  VI(ag_binary_(TEN_BINOP_MUL, y, x[1], ten_scalar_int(1)));
  RET(y);
}
FN(f_exp_) {
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  VI(ag_unary_(TEN_UNOP_EXP, y));
  RET(y);
}
FN(f_copy_) {   /* y = x0.clone(); y.copy_(x1); y * x0 */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  VI(ag_copy_(y, x[1]));
  RET(V(ag_mul(y, x[0])));
}
FN(f_row_mul_2) {   /* y = x.clone(); y[0].mul_(2); y  (CopySlices) */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  ten_tensor *r = V(ag_select(y, 0, 0));
  ten_tensor *two = V(ten_wrap_scalar(ten_scalar_int(2)));
  VI(ag_binary_(TEN_BINOP_MUL, r, two, ten_scalar_int(1)));
  RET(y);
}
FN(f_col_mul_tensor) {   /* y = x0.clone(); y[:, 1].mul_(x1); y */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  ten_tensor *col = V(ag_select(y, 1, 1));
  VI(ag_binary_(TEN_BINOP_MUL, col, x[1], ten_scalar_int(1)));
  RET(y);
}
FN(f_transposed_exp_) {   /* y = x0.clone(); y.t().exp_(); y * x1 */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  ten_tensor *t = V(ag_t(y));
  VI(ag_unary_(TEN_UNOP_EXP, t));
  RET(V(ag_mul(y, x[1])));
}
FN(f_base_inplace_view_used) {   /* y = x0.clone(); v = y.t(); y.mul_(x1); v * 3 (v's history is rebuilt) */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  ten_tensor *v = V(ag_t(y));
  VI(ag_binary_(TEN_BINOP_MUL, y, x[1], ten_scalar_int(1)));
  RET(V(ag_mul_scalar(v, ten_scalar_int(3))));
}
FN(f_view_inplace_other_view) {   /* y = x.clone(); a = y[0]; b = y[:, 1]; a.sin_(); b * 2 */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  ten_tensor *a = V(ag_select(y, 0, 0));
  ten_tensor *b = V(ag_select(y, 1, 1));
  VI(ag_unary_(TEN_UNOP_SIN, a));
  RET(V(ag_mul_scalar(b, ten_scalar_float(2.0))));
}
FN(f_chain_) {   /* y = x0.clone(); y.mul_(x1).add_(x0).tanh_(); y */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  VI(ag_binary_(TEN_BINOP_MUL, y, x[1], ten_scalar_int(1)));
  VI(ag_binary_(TEN_BINOP_ADD, y, x[0], ten_scalar_int(1)));
  VI(ag_unary_(TEN_UNOP_TANH, y));
  RET(y);
}
FN(f_slice_pow_) {   /* y = x.clone(); y[:, ::2].pow_(2); y */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  ten_tensor *s = V(ag_slice(y, 1, 0, 0, 2, false, false));
  VI(ag_pow_scalar_(s, ten_scalar_int(2)));
  RET(y);
}
FN(f_diag_clamp_) {   /* y = x.clone(); y.diagonal().clamp_(-0.5, 0.5); y */
  (void)c_;
  TMP;
  ten_scalar mn = ten_scalar_float(-0.5), mx = ten_scalar_float(0.5);
  ten_tensor *y = V(ag_clone(x[0]));
  ten_tensor *d = V(ag_diagonal(y, 0, 0, 1));
  VI(ag_clamp_(d, &mn, &mx));
  RET(y);
}
FN(f_masked_fill_view_) {   /* y = x0.clone(); y[1:].masked_fill_(mask, x1); y */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  ten_tensor *s = V(ag_slice(y, 0, 1, 0, 1, true, false));
  VI(ag_masked_fill_(s, x[2], x[1]));
  RET(y);
}

FN(f_nested_view_mul_) {   /* y = x.clone(); y[1:][:, 0].mul_(2); y */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  ten_tensor *v = V(ag_slice(y, 0, 1, 0, 1, true, false));
  ten_tensor *w = V(ag_select(v, 1, 0));
  ten_tensor *two = V(ten_wrap_scalar(ten_scalar_float(2.0)));
  VI(ag_binary_(TEN_BINOP_MUL, w, two, ten_scalar_int(1)));
  RET(y);
}
FN(f_view_exp_use_view) {   /* y = x.clone(); v = y[0]; v.exp_(); v * 2 */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_clone(x[0]));
  ten_tensor *v = V(ag_select(y, 0, 0));
  VI(ag_unary_(TEN_UNOP_EXP, v));
  RET(V(ag_mul_scalar(v, ten_scalar_float(2.0))));
}
FN(f_const_mul_) {   /* y = const.clone() (no grad); y.mul_(x1); y: in place on a tensor without history */
  (void)c_;
  TMP;
  ten_tensor *y = V(ten_clone(x[0]));
  VI(ag_binary_(TEN_BINOP_MUL, y, x[1], ten_scalar_int(1)));
  RET(y);
}
FN(f_const_view_copy_) {   /* y = const.clone(); y[1].copy_(x1); y */
  (void)c_;
  TMP;
  ten_tensor *y = V(ten_clone(x[0]));
  ten_tensor *r = V(ag_select(y, 0, 1));
  VI(ag_copy_(r, x[1]));
  RET(y);
}

static void test_inplace(void) {
  seed(10);
  static const bool m24[] = {1, 0, 0, 1, 0, 1, 1, 0};
  static const bool m34[] = {1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1};
  GC("add_ alpha=2 on clone", f_add_, NULL, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(4)));
  GC("mul_ on clone", f_mul_, NULL, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(3, 1)));
  GC("exp_ on clone", f_exp_, NULL, rnd(-2, 2, S(3, 4)));
  GC("clamp_ on clone", f_clamp_inplace, &(sc_ctx){-0.5, 0.7, true, true, false}, rnd(-2, 2, S(3, 4)));
  GC("pow_scalar_ 3 on clone", f_pow_scalar_inplace, &(sc_ctx){3, 0, 0, 0, true}, rnd(-2, 2, S(3, 4)));
  GC("masked_fill_ on clone", f_masked_fill_inplace_tensor, NULL, rnd(-2, 2, S(3, 4)), mask(m34, S(3, 4)),
     rnd(-2, 2, NULL, 0));
  GC("copy_ on clone", f_copy_, NULL, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(3, 1)));
  GC("(clone)[0].mul_(2) (CopySlices)", f_row_mul_2, NULL, rnd(-2, 2, S(3, 4)));
  GC("(clone)[:, 1].mul_(t) (CopySlices, 2 inputs)", f_col_mul_tensor, NULL, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(3)));
  GC("(clone).t().exp_()", f_transposed_exp_, NULL, rnd(-1, 1, S(3, 4)), rnd(-1, 1, S(3, 4)));
  GC("base mul_ then an older view used", f_base_inplace_view_used, NULL, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(4)));
  GC("view sin_ then another view used", f_view_inplace_other_view, NULL, rnd(-2, 2, S(3, 4)));
  GC("chain mul_ add_ tanh_", f_chain_, NULL, rnd(-1, 1, S(3, 4)), rnd(-1, 1, S(3, 4)));
  GC("(clone)[:, ::2].pow_(2)", f_slice_pow_, NULL, rnd(-2, 2, S(3, 4)));
  GC("(clone).diagonal().clamp_(-0.5, 0.5)", f_diag_clamp_, NULL, rnd(-2, 2, S(3, 4)));
  GC("(clone)[1:][:, 0].mul_(2) (view of a view)", f_nested_view_mul_, NULL, rnd(-2, 2, S(3, 4)));
  GC("(clone)[0].exp_() then the view used", f_view_exp_use_view, NULL, rnd(-1, 1, S(3, 4)));
  GC("const.clone().mul_(t)", f_const_mul_, NULL, cst(rnd(-2, 2, S(3, 4))), rnd(-2, 2, S(4)));
  GC("const.clone()[1].copy_(t)", f_const_view_copy_, NULL, cst(rnd(-2, 2, S(3, 4))), rnd(-2, 2, S(4)));
  GC("(clone)[1:].masked_fill_(mask, 0-dim t)", f_masked_fill_view_, NULL, rnd(-2, 2, S(3, 4)), rnd(-2, 2, NULL, 0),
     mask(m24, S(2, 4)));
  release_kept();
}

/* ---- graph shapes: one input in several roles, diamonds ---- */

FN(f_pow_self) { (void)c_; return ag_binary(TEN_BINOP_POW, x[0], x[0], ten_scalar_int(1)); }
FN(f_matmul_self) { (void)c_; return ag_matmul(x[0], x[0]); }
FN(f_where_self) { (void)c_; return ag_where(x[1], x[0], x[0]); }
FN(f_diamond) {   /* y = exp(x); y * y + sin(y) */
  (void)c_;
  TMP;
  ten_tensor *y = V(ag_unary(TEN_UNOP_EXP, x[0]));
  ten_tensor *a = V(ag_mul(y, y));
  ten_tensor *b = V(ag_unary(TEN_UNOP_SIN, y));
  RET(V(ag_add(a, b)));
}
FN(f_views_shared) {   /* x.t() @ x + x.sum(0) (three uses of x through views and a reduction) */
  (void)c_;
  TMP;
  ten_tensor *t = V(ag_t(x[0]));
  ten_tensor *m = V(ag_mm(t, x[0]));
  ten_tensor *s = V(ag_sum(x[0], S(0), false, TEN_DTYPE_UNSET));
  RET(V(ag_add(m, s)));
}

static void test_graph(void) {
  seed(14);
  static const bool m34[] = {1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1};
  GC("pow x ** x", f_pow_self, NULL, rnd(0.5, 2, S(3, 4)));
  GC("matmul x @ x", f_matmul_self, NULL, rnd(-2, 2, S(3, 3)));
  GC("where(c, x, x)", f_where_self, NULL, rnd(-2, 2, S(3, 4)), mask(m34, S(3, 4)));
  GC("diamond exp -> mul, sin -> add", f_diamond, NULL, rnd(-1, 1, S(3, 4)));
  GC("x.t() @ x + x.sum(0)", f_views_shared, NULL, rnd(-2, 2, S(3, 4)));
  release_kept();
}

/* ---- custom functions (torch.autograd.Function) ---- */

/* forward: x * x (computed without history); backward: grad * 2 * x (with ag_ ops: differentiable). */
static int square_backward(void *user, ag_node *node, ten_tensor *const *gout, int n_out, ten_tensor **gin, int n_in) {
  (void)user;
  (void)n_out;
  (void)n_in;
  ten_tensor *x = NULL;
  if (ag_node_unpack(node, 0, &x)) return -1;
  ten_tensor *g2 = ag_mul_scalar(gout[0], ten_scalar_float(2.0));
  gin[0] = g2 ? ag_mul(g2, x) : NULL;
  ten_release(g2);
  ten_release(x);
  return gin[0] ? 0 : -1;
}

FN(f_custom_square) {
  (void)c_;
  bool on = ag_is_grad_enabled();
  ag_set_grad_enabled(false);
  ten_tensor *y = ten_mul(x[0], x[0]);
  ag_set_grad_enabled(on);
  if (!y) return NULL;
  ag_custom_spec spec = {"SquareBackward", square_backward, NULL, NULL};
  ag_node *node = NULL;
  if (ag_custom_apply(&spec, x, 1, &y, 1, &node) || (node && ag_node_save(node, x, 1, &y, 1))) {
    ten_release(y);
    return NULL;
  }
  return y;
}

FN(f_custom_then_sin) {
  TMP;
  ten_tensor *y = V(f_custom_square(x, c_));
  RET(V(ag_unary(TEN_UNOP_SIN, y)));
}

static void test_custom(void) {
  seed(11);
  GC("custom Function square", f_custom_square, NULL, rnd(-2, 2, S(3, 4)));
  GC("custom Function square then sin", f_custom_then_sin, NULL, rnd(-1, 1, S(3, 4)));
  release_kept();
}

/* ---- second order: gradcheck of ag_grad(create_graph=true) ---- */

typedef struct gg_ctx {
  gc_fn f;
  const void *ctx;
  int n;       /* all n inputs are differentiated */
  int which;   /* the gradient returned */
} gg_ctx;

/* x -> d(f(x) . v)/dx[which] for a fixed v; with history when grad mode is on. */
FN(f_first_grad) {
  CTX(gg_ctx);
  bool outer = ag_is_grad_enabled();
  ag_set_grad_enabled(true);
  ten_tensor *y = c->f(x, c->ctx), *v = NULL, *res[GC_MAX_IN] = {NULL};
  int rc = -1;
  if (y && (v = ten_empty(y->shape, y->ndim, F64, TEN_CPU))) {
    double *d = ten_data_ptr(v);
    for (int64_t j = 0; j < ten_numel(v); j++) d[j] = 1.0 + 0.25 * (double)((j * 7) % 5);
    rc = ag_grad(&y, &v, 1, x, c->n, false, outer, false, res);
  }
  ag_set_grad_enabled(outer);
  ten_release(v);
  ten_release(y);
  ten_tensor *r = rc == 0 ? res[c->which] : NULL;
  for (int i = 0; i < c->n; i++)
    if (i != c->which || rc != 0) ten_release(res[i]);
  return r;
}

FN(f_pow3) { (void)c_; return ag_pow_scalar(x[0], ten_scalar_int(3)); }
FN(f_exp) { (void)c_; return ag_unary(TEN_UNOP_EXP, x[0]); }
FN(f_tanh) { (void)c_; return ag_unary(TEN_UNOP_TANH, x[0]); }
FN(f_log) { (void)c_; return ag_unary(TEN_UNOP_LOG, x[0]); }
FN(f_sin_mul) {   /* sin(x0) * x1 */
  (void)c_;
  TMP;
  ten_tensor *s = V(ag_unary(TEN_UNOP_SIN, x[0]));
  RET(V(ag_mul(s, x[1])));
}
FN(f_softmax1) { (void)c_; return ag_softmax(x[0], 1, TEN_DTYPE_UNSET); }
FN(f_pow_tt) { (void)c_; return ag_binary(TEN_BINOP_POW, x[0], x[1], ten_scalar_int(1)); }
FN(f_atan2) { (void)c_; return ag_binary(TEN_BINOP_ATAN2, x[0], x[1], ten_scalar_int(1)); }
FN(f_copyslices_sq) {   /* y = x0.clone(); y[:, 1].mul_(x1); y * y */
  TMP;
  ten_tensor *y = V(f_col_mul_tensor(x, c_));
  RET(V(ag_mul(y, y)));
}
FN(f_expand_mul) {   /* x0.expand(2, 3, 4) * x1 */
  (void)c_;
  TMP;
  ten_tensor *e = V(ag_expand(x[0], S(2, 3, 4)));
  RET(V(ag_mul(e, x[1])));
}

static void test_second_order(void) {
  seed(12);
  static const ten_unop log_op = TEN_UNOP_LOG;
  GC("2nd order x**3", f_first_grad, &(gg_ctx){f_pow3, NULL, 1, 0}, rnd(-2, 2, S(3, 4)));
  GC("2nd order exp", f_first_grad, &(gg_ctx){f_exp, NULL, 1, 0}, rnd(-2, 2, S(3, 4)));
  GC("2nd order tanh", f_first_grad, &(gg_ctx){f_tanh, NULL, 1, 0}, rnd(-2, 2, S(3, 4)));
  GC("2nd order log", f_first_grad, &(gg_ctx){f_log, NULL, 1, 0}, rnd(0.3, 2, S(3, 4)));
  GC("2nd order x*y d/dx", f_first_grad, &(gg_ctx){f_mul, NULL, 2, 0}, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(4)));
  GC("2nd order x*y d/dy", f_first_grad, &(gg_ctx){f_mul, NULL, 2, 1}, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(4)));
  GC("2nd order x/y d/dx", f_first_grad, &(gg_ctx){f_div, NULL, 2, 0}, rnd(-2, 2, S(3, 4)), rnd_away(0.5, 1.5, S(4)));
  GC("2nd order x/y d/dy", f_first_grad, &(gg_ctx){f_div, NULL, 2, 1}, rnd(-2, 2, S(3, 4)), rnd_away(0.5, 1.5, S(4)));
  GC("2nd order sin(x)*y d/dx", f_first_grad, &(gg_ctx){f_sin_mul, NULL, 2, 0}, rnd(-2, 2, S(3, 4)),
     rnd(-2, 2, S(3, 4)));
  GC("2nd order matmul d/da", f_first_grad, &(gg_ctx){f_matmul, NULL, 2, 0}, rnd(-2, 2, S(2, 3)), rnd(-2, 2, S(3, 2)));
  GC("2nd order custom square", f_first_grad, &(gg_ctx){f_custom_square, NULL, 1, 0}, rnd(-2, 2, S(3, 4)));
  GC("2nd order pow tensor d/dbase", f_first_grad, &(gg_ctx){f_pow_tt, NULL, 2, 0}, rnd(0.5, 2, S(3, 4)),
     rnd(-1.5, 1.5, S(4)));
  GC("2nd order pow tensor d/dexponent", f_first_grad, &(gg_ctx){f_pow_tt, NULL, 2, 1}, rnd(0.5, 2, S(3, 4)),
     rnd(-1.5, 1.5, S(4)));
  GC("2nd order atan2 d/dy", f_first_grad, &(gg_ctx){f_atan2, NULL, 2, 0}, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(3, 4)));
  GC("2nd order CopySlices (clone)[:, 1].mul_(t), squared", f_first_grad, &(gg_ctx){f_copyslices_sq, NULL, 2, 0},
     rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(3)));
  GC("2nd order CopySlices d/dt", f_first_grad, &(gg_ctx){f_copyslices_sq, NULL, 2, 1}, rnd(-2, 2, S(3, 4)),
     rnd(-2, 2, S(3)));
  GC("2nd order mul_ on clone d/dother", f_first_grad, &(gg_ctx){f_mul_, NULL, 2, 1}, rnd(-2, 2, S(3, 4)),
     rnd(-2, 2, S(3, 1)));
  GC("2nd order mul_ on clone d/dself", f_first_grad, &(gg_ctx){f_mul_, NULL, 2, 0}, rnd(-2, 2, S(3, 4)),
     rnd(-2, 2, S(3, 1)));
  GC("2nd order log_ on clone", f_first_grad, &(gg_ctx){f_unary_inplace, &log_op, 1, 0}, rnd(0.3, 2, S(3, 4)));
  GC("2nd order exp_ on clone", f_first_grad, &(gg_ctx){f_exp_, NULL, 1, 0}, rnd(-1, 1, S(3, 4)));
  GC("2nd order expand * y d/dx", f_first_grad, &(gg_ctx){f_expand_mul, NULL, 2, 0}, rnd(-2, 2, S(3, 1)),
     rnd(-2, 2, S(2, 3, 4)));
  GC("2nd order diamond", f_first_grad, &(gg_ctx){f_diamond, NULL, 1, 0}, rnd(-1, 1, S(3, 4)));
  GC("2nd order softmax", f_first_grad, &(gg_ctx){f_softmax1, NULL, 1, 0}, rnd(-2, 2, S(2, 3)));
  release_kept();
}


/* ---- nn ops (autograd/fn_nn.c) ---- */

typedef struct conv_ctx {
  nn_conv_opts o;
  bool same;
} conv_ctx;
#define CONV2(st0, st1, p0, p1, d0, d1, g) {{2, {st0, st1}, {p0, p1}, {d0, d1}, g}, false}
#define CONV1(st, p, d, g) {{1, {st, 1}, {p, 0}, {d, 1}, g}, false}
FN(f_conv) {
  CTX(conv_ctx);
  return c->same ? ag_conv2d_same(x[0], x[1], x[2], &c->o) : ag_conv2d(x[0], x[1], x[2], &c->o);
}

typedef struct pool_ctx {
  nn_pool_opts o;
  int64_t os[2];
} pool_ctx;
#define POOL(k0, k1, s0, s1, p0, p1, d0, d1, ceil, cip, div) {{{k0, k1}, {s0, s1}, {p0, p1}, {d0, d1}, ceil, cip, div}, {0, 0}}
#define ADAPT(h, w) {{{1, 1}, {1, 1}, {0, 0}, {1, 1}, false, true, 0}, {h, w}}
FN(f_max_pool) {   /* values, with the indices dropped */
  CTX(pool_ctx);
  ten_tensor *out, *idx;
  if (ag_max_pool2d_with_indices(x[0], &c->o, &out, &idx)) return NULL;
  ten_release(idx);
  return out;
}
FN(f_avg_pool) { CTX(pool_ctx); return ag_avg_pool2d(x[0], &c->o); }
FN(f_adaptive_avg) { CTX(pool_ctx); return ag_adaptive_avg_pool2d(x[0], c->os); }
FN(f_adaptive_max) {
  CTX(pool_ctx);
  ten_tensor *out, *idx;
  if (ag_adaptive_max_pool2d(x[0], c->os, &out, &idx)) return NULL;
  ten_release(idx);
  return out;
}

typedef struct bn_ctx {
  bool training;
  double momentum, eps;
} bn_ctx;
FN(f_batch_norm) {   /* x0 input, x1 weight, x2 bias, x3 running_mean, x4 running_var (any NULL) */
  CTX(bn_ctx);
  return ag_batch_norm(x[0], x[1], x[2], x[3], x[4], c->training, c->momentum, c->eps);
}

typedef struct emb_ctx {
  int64_t padding_idx;
  bool scale;
} emb_ctx;
FN(f_embedding) { CTX(emb_ctx); return ag_embedding(x[0], x[1], c->padding_idx, c->scale, false); }

typedef struct loss_ctx {
  int reduction;
  int64_t ignore;
  double ls;
} loss_ctx;
FN(f_nll) { CTX(loss_ctx); return ag_nll_loss(x[0], x[1], x[2], c->reduction, c->ignore); }
FN(f_nll_of_log_softmax) {   /* nll_loss(log_softmax(x0, 1)): values where the loss is defined */
  CTX(loss_ctx);
  TMP;
  ten_tensor *l = V(ag_log_softmax(x[0], x[0]->ndim == 1 ? 0 : 1, TEN_DTYPE_UNSET));
  RET(V(ag_nll_loss(l, x[1], x[2], c->reduction, c->ignore)));
}
FN(f_cross_entropy) { CTX(loss_ctx); return ag_cross_entropy(x[0], x[1], x[2], c->reduction, c->ignore, c->ls); }
FN(f_mse) { CTX(loss_ctx); return ag_mse_loss(x[0], x[1], c->reduction); }
FN(f_l1) { CTX(loss_ctx); return ag_l1_loss(x[0], x[1], c->reduction); }
FN(f_bce) { CTX(loss_ctx); return ag_binary_cross_entropy(x[0], x[1], x[2], c->reduction); }
FN(f_bce_logits) { CTX(loss_ctx); return ag_binary_cross_entropy_with_logits(x[0], x[1], x[2], x[3], c->reduction); }

typedef struct pad_ctx {
  int64_t pad[6];
  int n;
} pad_ctx;
FN(f_pad) { CTX(pad_ctx); return ag_constant_pad_nd(x[0], c->pad, c->n, ten_scalar_float(0.25)); }
FN(f_dropout) {   /* a fixed mask: the generator is reseeded on every call */
  CTX(double);
  ten_generator_seed(ten_default_generator(), 3);
  return ag_dropout(x[0], *c, true);
}
FN(f_dropout_) {   /* y = x.clone(); dropout_(y) */
  CTX(double);
  TMP;
  ten_generator_seed(ten_default_generator(), 3);
  ten_tensor *y = V(ag_clone(x[0]));
  VI(ag_dropout_(y, *c, true));
  RET(y);
}
FN(f_linear) { (void)c_; return ag_linear(x[0], x[1], x[2]); }
FN(f_conv_pool_ce) {   /* a LeNet slice: conv -> relu -> max_pool -> flatten -> cross_entropy */
  (void)c_;
  TMP;
  static const nn_conv_opts co = {2, {1, 1}, {1, 1}, {1, 1}, 1};
  static const nn_pool_opts po = {{2, 2}, {2, 2}, {0, 0}, {1, 1}, false, true, 0};
  ten_tensor *y = V(ag_conv2d(x[0], x[1], x[2], &co)), *out = NULL, *idx = NULL;
  ten_tensor *r = V(ag_unary(TEN_UNOP_RELU, y));
  if (r && ag_max_pool2d_with_indices(r, &po, &out, &idx) == 0) {
    V(out);
    V(idx);
  } else {
    p_.bad = true;
  }
  ten_tensor *f = V(ag_flatten(out, 1, -1));
  RET(V(ag_cross_entropy(f, x[3], NULL, NN_REDUCTION_MEAN, -100, 0.0)));
}

/* Values in [0.1, 0.9) (probabilities away from the clamps) / a probability row per sample. */
static ten_tensor *rnd_prob(const int64_t *shape, int nd) { return rnd(0.1, 0.9, shape, nd); }
static ten_tensor *softmax_rows(const int64_t *shape, int nd) {
  ten_tensor *t = cst(rnd(-1, 1, shape, nd));
  ten_tensor *s = keep(ten_softmax(t, 1, TEN_DTYPE_UNSET));
  return grad_on(s);
}

static void test_nn(void) {
  seed(15);
  static const int64_t t5[] = {1, 0, 3, 3, 2}, t6[] = {0, 2, 1, 2, 2, 0}, t3d[] = {0, 2, 1, 1, 0, 2, 2, 0};
  static const int64_t t4d[] = {0, 1, 2, 2, 1, 0, 0, 1, 2, 1, 1, 0}, t2[] = {3, 1}, e6[] = {1, 3, 3, 0, 4, 3};
  static const int64_t e23[] = {1, 2, 2, 4, 0, 2}, e4u[] = {4, 0, 2, 1};
  /* convolution: every option, float64 */
  GC("conv2d", f_conv, &(conv_ctx)CONV2(1, 1, 0, 0, 1, 1, 1), rnd(-1, 1, S(2, 2, 5, 5)), rnd(-1, 1, S(3, 2, 3, 3)),
     rnd(-1, 1, S(3)));
  GC("conv2d stride 2 padding 1", f_conv, &(conv_ctx)CONV2(2, 2, 1, 1, 1, 1, 1), rnd(-1, 1, S(2, 2, 6, 6)),
     rnd(-1, 1, S(3, 2, 3, 3)), rnd(-1, 1, S(3)));
  GC("conv2d dilation 2", f_conv, &(conv_ctx)CONV2(1, 1, 1, 0, 2, 2, 1), rnd(-1, 1, S(1, 2, 6, 7)),
     rnd(-1, 1, S(2, 2, 3, 2)), rnd(-1, 1, S(2)));
  GC("conv2d groups 2", f_conv, &(conv_ctx)CONV2(1, 1, 1, 1, 1, 1, 2), rnd(-1, 1, S(2, 4, 4, 4)),
     rnd(-1, 1, S(4, 2, 3, 3)), rnd(-1, 1, S(4)));
  GC("conv2d depthwise stride (2, 1)", f_conv, &(conv_ctx)CONV2(2, 1, 0, 1, 1, 1, 3), rnd(-1, 1, S(1, 3, 5, 4)),
     rnd(-1, 1, S(3, 1, 2, 2)), rnd(-1, 1, S(3)));
  GC("conv2d no bias", f_conv, &(conv_ctx)CONV2(1, 1, 0, 0, 1, 1, 1), rnd(-1, 1, S(2, 2, 4, 4)), rnd(-1, 1, S(2, 2, 2, 2)),
     NULL);
  GC("conv2d 1x1", f_conv, &(conv_ctx)CONV2(1, 1, 0, 0, 1, 1, 1), rnd(-1, 1, S(2, 3, 3, 3)), rnd(-1, 1, S(2, 3, 1, 1)),
     rnd(-1, 1, S(2)));
  GC("conv2d asymmetric stride/padding/dilation", f_conv, &(conv_ctx)CONV2(2, 1, 0, 2, 1, 2, 1),
     rnd(-1, 1, S(1, 2, 5, 6)), rnd(-1, 1, S(2, 2, 3, 2)), rnd(-1, 1, S(2)));
  GC("conv2d unbatched", f_conv, &(conv_ctx)CONV2(1, 1, 1, 1, 1, 1, 1), rnd(-1, 1, S(2, 4, 4)), rnd(-1, 1, S(3, 2, 3, 3)),
     rnd(-1, 1, S(3)));
  GC("conv2d weight only (input constant)", f_conv, &(conv_ctx)CONV2(1, 1, 0, 0, 1, 1, 1), cst(rnd(-1, 1, S(2, 2, 4, 4))),
     rnd(-1, 1, S(2, 2, 3, 3)), NULL);
  GC("conv2d padding same (odd kernel)", f_conv, &(conv_ctx){{2, {1, 1}, {0, 0}, {1, 1}, 1}, true},
     rnd(-1, 1, S(1, 2, 5, 5)), rnd(-1, 1, S(2, 2, 3, 3)), rnd(-1, 1, S(2)));
  GC("conv2d padding same (even kernel, dilation)", f_conv, &(conv_ctx){{2, {1, 1}, {0, 0}, {1, 2}, 1}, true},
     rnd(-1, 1, S(1, 2, 5, 6)), rnd(-1, 1, S(2, 2, 2, 3)), rnd(-1, 1, S(2)));
  GC("conv1d stride 2 padding 1", f_conv, &(conv_ctx)CONV1(2, 1, 1, 1), rnd(-1, 1, S(2, 2, 7)), rnd(-1, 1, S(3, 2, 3)),
     rnd(-1, 1, S(3)));
  GC("conv1d dilation 2 groups 2", f_conv, &(conv_ctx)CONV1(1, 0, 2, 2), rnd(-1, 1, S(2, 4, 7)), rnd(-1, 1, S(2, 2, 2)),
     rnd(-1, 1, S(2)));
  GC("conv1d unbatched", f_conv, &(conv_ctx)CONV1(1, 0, 1, 1), rnd(-1, 1, S(2, 6)), rnd(-1, 1, S(3, 2, 3)), NULL);
  /* pooling */
  GC("max_pool2d 2x2", f_max_pool, &(pool_ctx)POOL(2, 2, 2, 2, 0, 0, 1, 1, false, true, 0), rnd(-2, 2, S(2, 2, 4, 4)));
  GC("max_pool2d k3 s2 p1", f_max_pool, &(pool_ctx)POOL(3, 3, 2, 2, 1, 1, 1, 1, false, true, 0), rnd(-2, 2, S(1, 2, 5, 5)));
  GC("max_pool2d dilation 2", f_max_pool, &(pool_ctx)POOL(2, 2, 1, 1, 1, 0, 2, 2, false, true, 0),
     rnd(-2, 2, S(1, 1, 6, 6)));
  GC("max_pool2d ceil_mode", f_max_pool, &(pool_ctx)POOL(2, 2, 2, 2, 0, 0, 1, 1, true, true, 0), rnd(-2, 2, S(1, 2, 5, 5)));
  GC("max_pool2d (2, 3) stride (1, 2) unbatched", f_max_pool, &(pool_ctx)POOL(2, 3, 1, 2, 1, 1, 1, 1, false, true, 0),
     rnd(-2, 2, S(2, 4, 5)));
  GC("avg_pool2d 2x2", f_avg_pool, &(pool_ctx)POOL(2, 2, 2, 2, 0, 0, 1, 1, false, true, 0), rnd(-2, 2, S(2, 2, 4, 4)));
  GC("avg_pool2d k3 s2 p1 count_include_pad", f_avg_pool, &(pool_ctx)POOL(3, 3, 2, 2, 1, 1, 1, 1, false, true, 0),
     rnd(-2, 2, S(1, 2, 5, 5)));
  GC("avg_pool2d k3 s2 p1 exclude pad", f_avg_pool, &(pool_ctx)POOL(3, 3, 2, 2, 1, 1, 1, 1, false, false, 0),
     rnd(-2, 2, S(1, 2, 5, 5)));
  GC("avg_pool2d ceil_mode exclude pad", f_avg_pool, &(pool_ctx)POOL(3, 3, 2, 2, 1, 1, 1, 1, true, false, 0),
     rnd(-2, 2, S(1, 1, 6, 6)));
  GC("avg_pool2d divisor_override 5", f_avg_pool, &(pool_ctx)POOL(2, 3, 2, 1, 1, 1, 1, 1, false, true, 5),
     rnd(-2, 2, S(1, 2, 4, 5)));
  GC("avg_pool2d unbatched", f_avg_pool, &(pool_ctx)POOL(2, 2, 1, 1, 0, 0, 1, 1, false, true, 0), rnd(-2, 2, S(2, 3, 3)));
  GC("adaptive_avg_pool2d (5, 7) -> (3, 2)", f_adaptive_avg, &(pool_ctx)ADAPT(3, 2), rnd(-2, 2, S(1, 2, 5, 7)));
  GC("adaptive_avg_pool2d -> (1, 1) (mean)", f_adaptive_avg, &(pool_ctx)ADAPT(1, 1), rnd(-2, 2, S(2, 2, 3, 4)));
  GC("adaptive_avg_pool2d upsampling (3, 3) -> (5, 4)", f_adaptive_avg, &(pool_ctx)ADAPT(5, 4), rnd(-2, 2, S(2, 3, 3)));
  GC("adaptive_max_pool2d (5, 7) -> (3, 2)", f_adaptive_max, &(pool_ctx)ADAPT(3, 2), rnd(-2, 2, S(1, 2, 5, 7)));
  GC("adaptive_max_pool2d unbatched (4, 4) -> (3, 3)", f_adaptive_max, &(pool_ctx)ADAPT(3, 3), rnd(-2, 2, S(2, 4, 4)));
  /* batch norm (the running stats are constants; training updates them but does not read them) */
  GC("batch_norm training 2-D", f_batch_norm, &(bn_ctx){true, 0.1, 1e-5}, rnd(-2, 3, S(5, 3)), rnd(0.5, 1.5, S(3)),
     rnd(-1, 1, S(3)), cst(rnd(-1, 1, S(3))), cst(rnd(0.5, 2, S(3))));
  GC("batch_norm training 4-D", f_batch_norm, &(bn_ctx){true, 0.3, 1e-3}, rnd(-2, 3, S(3, 2, 3, 3)),
     rnd(0.5, 1.5, S(2)), rnd(-1, 1, S(2)), cst(rnd(-1, 1, S(2))), cst(rnd(0.5, 2, S(2))));
  GC("batch_norm training 3-D no running stats", f_batch_norm, &(bn_ctx){true, 0.1, 1e-5}, rnd(-2, 3, S(3, 2, 4)),
     rnd(0.5, 1.5, S(2)), rnd(-1, 1, S(2)), NULL, NULL);
  GC("batch_norm training no affine", f_batch_norm, &(bn_ctx){true, 0.1, 1e-5}, rnd(-2, 3, S(4, 2, 2, 2)), NULL, NULL,
     NULL, NULL);
  GC("batch_norm eval 4-D", f_batch_norm, &(bn_ctx){false, 0.1, 1e-5}, rnd(-2, 3, S(2, 3, 2, 2)), rnd(0.5, 1.5, S(3)),
     rnd(-1, 1, S(3)), cst(rnd(-1, 1, S(3))), cst(rnd(0.5, 2, S(3))));
  GC("batch_norm eval 2-D", f_batch_norm, &(bn_ctx){false, 0.1, 1e-5}, rnd(-2, 3, S(4, 3)), rnd(0.5, 1.5, S(3)),
     rnd(-1, 1, S(3)), cst(rnd(-1, 1, S(3))), cst(rnd(0.5, 2, S(3))));
  /* embedding */
  GC("embedding 1-D indices", f_embedding, &(emb_ctx){-1, false}, rnd(-1, 1, S(5, 3)), idx(e6, S(6)));
  /* padding_idx rows and scale_grad_by_freq are not derivatives (PyTorch's convention, checked against
     it in tests/ref/nn_ref.txt); here: a padding_idx that no index hits, and indices used once */
  GC("embedding 2-D indices padding_idx unused", f_embedding, &(emb_ctx){3, false}, rnd(-1, 1, S(5, 3)),
     idx(e23, S(2, 3)));
  GC("embedding scale_grad_by_freq (unique indices)", f_embedding, &(emb_ctx){-1, true}, rnd(-1, 1, S(5, 3)),
     idx(e4u, S(4)));
  /* nll_loss: reductions, weights, ignore_index, ranks */
  GC("nll_loss mean", f_nll, &(loss_ctx){1, -100, 0}, rnd(-3, 0, S(5, 4)), idx(t5, S(5)), NULL);
  GC("nll_loss sum", f_nll, &(loss_ctx){2, -100, 0}, rnd(-3, 0, S(5, 4)), idx(t5, S(5)), NULL);
  GC("nll_loss none", f_nll, &(loss_ctx){0, -100, 0}, rnd(-3, 0, S(5, 4)), idx(t5, S(5)), NULL);
  GC("nll_loss weight mean", f_nll, &(loss_ctx){1, -100, 0}, rnd(-3, 0, S(5, 4)), idx(t5, S(5)), cst(rnd(0.2, 2, S(4))));
  GC("nll_loss weight none", f_nll, &(loss_ctx){0, -100, 0}, rnd(-3, 0, S(5, 4)), idx(t5, S(5)), cst(rnd(0.2, 2, S(4))));
  GC("nll_loss ignore_index 2 mean", f_nll, &(loss_ctx){1, 2, 0}, rnd(-3, 0, S(6, 3)), idx(t6, S(6)), NULL);
  GC("nll_loss ignore_index 2 weight sum", f_nll, &(loss_ctx){2, 2, 0}, rnd(-3, 0, S(6, 3)), idx(t6, S(6)),
     cst(rnd(0.2, 2, S(3))));
  GC("nll_loss 1-D input", f_nll, &(loss_ctx){1, -100, 0}, rnd(-3, 0, S(4)), idx(t2, NULL, 0), NULL);
  GC("nll_loss 4-D (nll_loss2d) weight mean", f_nll, &(loss_ctx){1, -100, 0}, rnd(-3, 0, S(2, 3, 2, 3)),
     idx(t4d, S(2, 2, 3)), cst(rnd(0.2, 2, S(3))));
  GC("nll_loss 4-D none", f_nll, &(loss_ctx){0, -100, 0}, rnd(-3, 0, S(2, 3, 2, 3)), idx(t4d, S(2, 2, 3)), NULL);
  GC("nll_loss 3-D mean", f_nll, &(loss_ctx){1, -100, 0}, rnd(-3, 0, S(2, 3, 4)), idx(t3d, S(2, 4)), NULL);
  GC("nll_loss 3-D none ignore 0", f_nll, &(loss_ctx){0, 0, 0}, rnd(-3, 0, S(2, 3, 4)), idx(t3d, S(2, 4)), NULL);
  GC("nll_loss(log_softmax) mean", f_nll_of_log_softmax, &(loss_ctx){1, -100, 0}, rnd(-2, 2, S(5, 4)), idx(t5, S(5)),
     NULL);
  /* cross_entropy */
  GC("cross_entropy mean", f_cross_entropy, &(loss_ctx){1, -100, 0}, rnd(-2, 2, S(5, 4)), idx(t5, S(5)), NULL);
  GC("cross_entropy weight sum", f_cross_entropy, &(loss_ctx){2, -100, 0}, rnd(-2, 2, S(5, 4)), idx(t5, S(5)),
     cst(rnd(0.2, 2, S(4))));
  GC("cross_entropy ignore_index none", f_cross_entropy, &(loss_ctx){0, 2, 0}, rnd(-2, 2, S(6, 3)), idx(t6, S(6)), NULL);
  GC("cross_entropy label_smoothing 0.1 mean", f_cross_entropy, &(loss_ctx){1, -100, 0.1}, rnd(-2, 2, S(5, 4)),
     idx(t5, S(5)), NULL);
  GC("cross_entropy label_smoothing 0.2 sum", f_cross_entropy, &(loss_ctx){2, -100, 0.2}, rnd(-2, 2, S(5, 4)),
     idx(t5, S(5)), NULL);
  GC("cross_entropy label_smoothing none ignore 2", f_cross_entropy, &(loss_ctx){0, 2, 0.15}, rnd(-2, 2, S(6, 3)),
     idx(t6, S(6)), NULL);
  GC("cross_entropy label_smoothing weight mean ignore 2", f_cross_entropy, &(loss_ctx){1, 2, 0.15}, rnd(-2, 2, S(6, 3)),
     idx(t6, S(6)), cst(rnd(0.2, 2, S(3))));
  GC("cross_entropy probabilities (input and target)", f_cross_entropy, &(loss_ctx){1, -100, 0}, rnd(-2, 2, S(4, 3)),
     softmax_rows(S(4, 3)), NULL);
  GC("cross_entropy probabilities weight label_smoothing none", f_cross_entropy, &(loss_ctx){0, -100, 0.3},
     rnd(-2, 2, S(4, 3)), softmax_rows(S(4, 3)), cst(rnd(0.2, 2, S(3))));
  GC("cross_entropy 4-D", f_cross_entropy, &(loss_ctx){1, -100, 0}, rnd(-2, 2, S(2, 3, 2, 3)), idx(t4d, S(2, 2, 3)),
     NULL);
  GC("cross_entropy 1-D", f_cross_entropy, &(loss_ctx){1, -100, 0}, rnd(-2, 2, S(4)), idx(t2, NULL, 0), NULL);
  /* elementwise losses: both inputs differentiated */
  GC("mse_loss mean", f_mse, &(loss_ctx){1, 0, 0}, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(3, 4)));
  GC("mse_loss sum", f_mse, &(loss_ctx){2, 0, 0}, rnd(-2, 2, S(3, 4)), rnd(-2, 2, S(3, 4)));
  GC("mse_loss none broadcast", f_mse, &(loss_ctx){0, 0, 0}, rnd(-2, 2, S(3, 1)), rnd(-2, 2, S(4)));
  GC("l1_loss mean", f_l1, &(loss_ctx){1, 0, 0}, rnd(-2, 2, S(3, 4)), rnd(3, 5, S(3, 4)));
  GC("l1_loss sum", f_l1, &(loss_ctx){2, 0, 0}, rnd(-2, 2, S(3, 4)), rnd(3, 5, S(3, 4)));
  GC("l1_loss none", f_l1, &(loss_ctx){0, 0, 0}, rnd(3, 5, S(3, 4)), rnd(-2, 2, S(3, 4)));
  GC("binary_cross_entropy mean", f_bce, &(loss_ctx){1, 0, 0}, rnd_prob(S(3, 4)), rnd_prob(S(3, 4)), NULL);
  GC("binary_cross_entropy weight sum", f_bce, &(loss_ctx){2, 0, 0}, rnd_prob(S(3, 4)), rnd_prob(S(3, 4)),
     cst(rnd(0.5, 2, S(3, 4))));
  GC("binary_cross_entropy weight broadcast none", f_bce, &(loss_ctx){0, 0, 0}, rnd_prob(S(3, 4)), rnd_prob(S(3, 4)),
     cst(rnd(0.5, 2, S(4))));
  GC("binary_cross_entropy_with_logits mean", f_bce_logits, &(loss_ctx){1, 0, 0}, rnd(-4, 4, S(3, 4)),
     rnd_prob(S(3, 4)), NULL, NULL);
  GC("binary_cross_entropy_with_logits pos_weight sum", f_bce_logits, &(loss_ctx){2, 0, 0}, rnd(-4, 4, S(3, 4)),
     rnd_prob(S(3, 4)), NULL, cst(rnd(0.5, 3, S(4))));
  GC("binary_cross_entropy_with_logits weight pos_weight none", f_bce_logits, &(loss_ctx){0, 0, 0},
     rnd(-4, 4, S(3, 4)), rnd_prob(S(3, 4)), cst(rnd(0.5, 2, S(3, 4))), cst(rnd(0.5, 3, S(4))));
  /* padding, dropout, linear */
  GC("constant_pad_nd (1, 2)", f_pad, &(pad_ctx){{1, 2}, 2}, rnd(-2, 2, S(2, 3)));
  GC("constant_pad_nd (1, 0, 2, 1, 0, 1)", f_pad, &(pad_ctx){{1, 0, 2, 1, 0, 1}, 6}, rnd(-2, 2, S(2, 2, 3)));
  GC("constant_pad_nd negative (-1, 1, 0, -1)", f_pad, &(pad_ctx){{-1, 1, 0, -1}, 4}, rnd(-2, 2, S(3, 4)));
  GC("constant_pad_nd crop only (-1, -1)", f_pad, &(pad_ctx){{-1, -1}, 2}, rnd(-2, 2, S(3, 4)));
  GC("dropout p 0.3", f_dropout, &(double){0.3}, rnd(-2, 2, S(4, 5)));
  GC("dropout p 1", f_dropout, &(double){1.0}, rnd(-2, 2, S(4)));
  GC("dropout_ p 0.5 on clone", f_dropout_, &(double){0.5}, rnd(-2, 2, S(4, 5)));
  GC("linear 2-D", f_linear, NULL, rnd(-2, 2, S(3, 4)), rnd(-1, 1, S(2, 4)), rnd(-1, 1, S(2)));
  GC("linear 3-D (flattened addmm)", f_linear, NULL, rnd(-2, 2, S(2, 3, 4)), rnd(-1, 1, S(2, 4)), rnd(-1, 1, S(2)));
  GC("linear 1-D", f_linear, NULL, rnd(-2, 2, S(4)), rnd(-1, 1, S(2, 4)), rnd(-1, 1, S(2)));
  GC("linear 3-D no bias", f_linear, NULL, rnd(-2, 2, S(2, 3, 4)), rnd(-1, 1, S(2, 4)), NULL);
  GC("conv -> relu -> max_pool -> cross_entropy", f_conv_pool_ce, NULL, rnd(-1, 1, S(2, 1, 4, 4)),
     rnd(-1, 1, S(2, 1, 3, 3)), rnd(-1, 1, S(2)), idx(t5, S(2)));
  /* second order where the backward is itself recorded */
  GC("2nd order l1_loss", f_first_grad, &(gg_ctx){f_l1, &(loss_ctx){1, 0, 0}, 2, 0}, rnd(-2, 2, S(3, 4)),
     rnd(3, 5, S(3, 4)));
  GC("2nd order linear d/dinput", f_first_grad, &(gg_ctx){f_linear, NULL, 3, 0}, rnd(-2, 2, S(3, 4)),
     rnd(-1, 1, S(2, 4)), rnd(-1, 1, S(2)));
  GC("2nd order linear 3-D d/dweight", f_first_grad, &(gg_ctx){f_linear, NULL, 3, 1}, rnd(-2, 2, S(2, 3, 4)),
     rnd(-1, 1, S(2, 4)), rnd(-1, 1, S(2)));
  release_kept();
}

/* Double backward through a kernel-backed node is refused (NotImplementedError), never silently zero. */
static void test_nn_double_backward(void) {
  seed(16);
  ten_tensor *x = rnd(-1, 1, S(1, 1, 4, 4)), *w = rnd(-1, 1, S(1, 1, 3, 3));
  static const nn_conv_opts co = {2, {1, 1}, {0, 0}, {1, 1}, 1};
  ten_tensor *y = ag_conv2d(x, w, NULL, &co), *s = y ? ag_sum(y, NULL, 0, false, TEN_DTYPE_UNSET) : NULL;
  ten_tensor *g[2] = {NULL, NULL}, *ins[2] = {x, w};
  CHECK(s && ag_grad(&s, NULL, 1, ins, 2, true, true, false, g) == 0);
  CHECK(g[0] && g[0]->requires_grad);
  ten_tensor *gs = g[0] ? ag_sum(g[0], NULL, 0, false, TEN_DTYPE_UNSET) : NULL;
  ten_error_clear();
  CHECK(gs && ag_backward(&gs, NULL, 1, false, false, NULL, 0) != 0 && ten_error_kind() == TEN_E_NOTIMPL);
  ten_error_clear();
  ten_release(gs);
  ten_release(g[0]);
  ten_release(g[1]);
  ten_release(s);
  ten_release(y);
  ag_set_grad(x, NULL);
  ag_set_grad(w, NULL);
  release_kept();
}

/* ---- the harness itself: it must catch a wrong formula and a non-reproducible backward ---- */

static int bad_calls;

/* user 0: grad * 3 for d(x*x)/dx (wrong); user 1: a tiny different error on every call (not reproducible) */
static int bad_backward(void *user, ag_node *node, ten_tensor *const *gout, int n_out, ten_tensor **gin, int n_in) {
  (void)n_out;
  (void)n_in;
  ten_tensor *x = NULL;
  if (ag_node_unpack(node, 0, &x)) return -1;
  int mode = (int)(intptr_t)user;
  double k = mode == 0 ? 3.0 : 2.0 + 1e-12 * (double)bad_calls++;
  ten_tensor *g = ag_mul_scalar(gout[0], ten_scalar_float(k));
  gin[0] = g ? (mode == 0 ? (ten_retain(g), g) : ag_mul(g, x)) : NULL;
  ten_release(g);
  ten_release(x);
  return gin[0] ? 0 : -1;
}

FN(f_bad_square) {
  ten_tensor *y = ten_mul(x[0], x[0]);
  if (!y) return NULL;
  ag_custom_spec spec = {"BadSquareBackward", bad_backward, (void *)c_, NULL};
  ag_node *node = NULL;
  if (ag_custom_apply(&spec, x, 1, &y, 1, &node) || (node && ag_node_save(node, x, 1, &y, 1))) {
    ten_release(y);
    return NULL;
  }
  return y;
}

FN(f_identity_leaf) { (void)c_; ten_retain(x[0]); return x[0]; }

static void test_harness(void) {
  seed(13);
  ten_tensor *x = rnd(-2, 2, S(3, 4));
  gc_quiet = true;
  bool wrong = gc_run("harness: wrong formula", f_bad_square, (void *)(intptr_t)0, &x, 1);
  bool nondet = gc_run("harness: not reproducible", f_bad_square, (void *)(intptr_t)1, &x, 1);
  bool unrecorded = gc_run("harness: no history", f_identity_leaf, NULL, &x, 1);
  gc_quiet = false;
  CHECK_MSG(!wrong, "the harness accepted a wrong gradient formula");
  CHECK_MSG(!nondet, "the harness accepted a backward that differs between runs");
  CHECK_MSG(!unrecorded, "the harness accepted an output without history");
  CHECK(gc_run("harness: right formula", f_custom_square, NULL, &x, 1));
  ten_error_clear();
  release_kept();
}

int main(int argc, char **argv) {
  gc_filter = getenv("CT_GRAD_CASE");
  gc_verbose = getenv("CT_GRAD_VERBOSE") && atoi(getenv("CT_GRAD_VERBOSE")) > 0;
  ten_set_num_threads(1);
  gen = ten_generator_new();
  int64_t mem0 = ten_mem_allocated();
  static const check_test tests[] = {
      {"harness", test_harness},
      {"binary", test_binary},
      {"binary_inplace", test_binary_inplace},
      {"unary", test_unary},
      {"pointwise", test_pointwise},
      {"copy", test_copy},
      {"view", test_view},
      {"reduce", test_reduce},
      {"matmul", test_matmul},
      {"index", test_index},
      {"inplace", test_inplace},
      {"graph", test_graph},
      {"custom", test_custom},
      {"second_order", test_second_order},
      {"nn", test_nn},
      {"nn_double_backward", test_nn_double_backward},
      {NULL, NULL},
  };
  int rc = check_run(tests, argc, argv);
  printf("gradcheck: %d cases, %d failed\n", gc_cases, gc_failed);
  CHECK_MSG(ten_mem_allocated() == mem0, "tensor memory leaked: %lld bytes", (long long)(ten_mem_allocated() - mem0));
  ten_generator_free(gen);
  return rc || check_failures ? 1 : 0;
}
