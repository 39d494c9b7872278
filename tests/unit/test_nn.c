/*
** tests/unit/test_nn.c — replays tests/ref/nn_ref.txt (written by tests/ref/gen_nn_ref.py from PyTorch
** 1.13) through the nn ops of autograd/autograd.h: forward values, grad_fn names, the gradients of a
** backward pass from a given grad_output, running statistics after batch norm, and error texts.
** Failures print the case, the first differing values and the max difference (llm.c's check_tensor).
** CT_NN_CASE=substring runs only matching cases; CT_NN_VERBOSE=1 lists every case.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "autograd/autograd.h"
#include "tensor/tensor.h"
#include "tests/check.h"

#define MAX_IN 8
#define MAX_KEYS 16

typedef struct kv {
  char key[32];
  char val[96];
} kv;

typedef struct ref_case {
  const char *name, *op;
  kv keys[MAX_KEYS];
  int nkeys;
} ref_case;

/* ---- keys ---- */

static const char *key(const ref_case *c, const char *k) {
  for (int i = 0; i < c->nkeys; i++)
    if (strcmp(c->keys[i].key, k) == 0) return c->keys[i].val;
  return NULL;
}
static int64_t key_int(const ref_case *c, const char *k, int64_t dflt) {
  const char *v = key(c, k);
  return v ? strtoll(v, NULL, 10) : dflt;
}
static double key_double(const ref_case *c, const char *k, double dflt) {
  const char *v = key(c, k);
  return v ? strtod(v, NULL) : dflt;
}
/* A comma list into out (max n); returns the count. */
static int key_list(const ref_case *c, const char *k, int64_t *out, int n) {
  const char *v = key(c, k);
  int m = 0;
  while (v && *v && m < n) {
    out[m++] = strtoll(v, (char **)&v, 10);
    if (*v == ',') v++;
  }
  return m;
}

/* ---- the ops: fixture name -> ag_* call. outs[0] is differentiated. ---- */

typedef int (*op_fn)(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout);

static int one(ten_tensor *t, ten_tensor **outs, int *nout) {
  outs[0] = t;
  *nout = 1;
  return t ? 0 : -1;
}

static nn_conv_opts conv_opts(const ref_case *c, int ns) {
  nn_conv_opts o;
  memset(&o, 0, sizeof o);
  o.nspatial = ns;
  int64_t v[2] = {1, 1};
  int n = key_list(c, "stride", v, 2);
  for (int i = 0; i < 2; i++) o.stride[i] = v[n > i ? i : 0];
  n = key_list(c, "padding", v, 2);
  for (int i = 0; i < 2; i++) o.padding[i] = v[n > i ? i : 0];
  n = key_list(c, "dilation", v, 2);
  for (int i = 0; i < 2; i++) o.dilation[i] = v[n > i ? i : 0];
  o.groups = key_int(c, "groups", 1);
  return o;
}

static int op_conv2d(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  nn_conv_opts o = conv_opts(c, 2);
  return one(ag_conv2d(in[0], in[1], nin > 2 ? in[2] : NULL, &o), outs, nout);
}
static int op_conv1d(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  nn_conv_opts o = conv_opts(c, 1);
  return one(ag_conv2d(in[0], in[1], nin > 2 ? in[2] : NULL, &o), outs, nout);
}
static int op_conv_same(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  int64_t v[2];
  nn_conv_opts o = conv_opts(c, key_list(c, "stride", v, 2) == 1 ? 1 : 2);
  return one(ag_conv2d_same(in[0], in[1], nin > 2 ? in[2] : NULL, &o), outs, nout);
}

static nn_pool_opts pool_opts(const ref_case *c) {
  nn_pool_opts o;
  memset(&o, 0, sizeof o);
  int64_t v[2] = {1, 1};
  int n = key_list(c, "kernel", v, 2);
  for (int i = 0; i < 2; i++) o.kernel[i] = v[n > i ? i : 0];
  n = key_list(c, "stride", v, 2);
  for (int i = 0; i < 2; i++) o.stride[i] = v[n > i ? i : 0];
  n = key_list(c, "padding", v, 2);
  for (int i = 0; i < 2; i++) o.padding[i] = v[n > i ? i : 0];
  v[0] = v[1] = 1;
  n = key_list(c, "dilation", v, 2);
  for (int i = 0; i < 2; i++) o.dilation[i] = n ? v[n > i ? i : 0] : 1;
  o.ceil_mode = key_int(c, "ceil", 0) != 0;
  o.count_include_pad = key_int(c, "cip", 1) != 0;
  o.divisor_override = key_int(c, "div", 0);
  return o;
}

static int op_max_pool2d(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  nn_pool_opts o = pool_opts(c);
  *nout = 2;
  return ag_max_pool2d_with_indices(in[0], &o, &outs[0], &outs[1]);
}
static int op_avg_pool2d(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  nn_pool_opts o = pool_opts(c);
  return one(ag_avg_pool2d(in[0], &o), outs, nout);
}
static int op_adaptive_avg(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  int64_t os[2];
  key_list(c, "output", os, 2);
  return one(ag_adaptive_avg_pool2d(in[0], os), outs, nout);
}
static int op_adaptive_max(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  int64_t os[2];
  key_list(c, "output", os, 2);
  *nout = 2;
  return ag_adaptive_max_pool2d(in[0], os, &outs[0], &outs[1]);
}
static int op_batch_norm(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  return one(ag_batch_norm(in[0], in[1], in[2], in[3], in[4], key_int(c, "training", 1) != 0,
                           key_double(c, "momentum", 0.1), key_double(c, "eps", 1e-5)),
             outs, nout);
}
static int op_embedding(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  return one(ag_embedding(in[0], in[1], key_int(c, "padding_idx", -1), key_int(c, "scale", 0) != 0, false), outs, nout);
}
static int op_nll_loss(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  return one(ag_nll_loss(in[0], in[1], in[2], (int)key_int(c, "reduction", 1), key_int(c, "ignore", -100)), outs, nout);
}
static int op_cross_entropy(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  return one(ag_cross_entropy(in[0], in[1], in[2], (int)key_int(c, "reduction", 1), key_int(c, "ignore", -100),
                              key_double(c, "ls", 0.0)),
             outs, nout);
}
static int op_mse(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  return one(ag_mse_loss(in[0], in[1], (int)key_int(c, "reduction", 1)), outs, nout);
}
static int op_l1(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  return one(ag_l1_loss(in[0], in[1], (int)key_int(c, "reduction", 1)), outs, nout);
}
static int op_bce(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  return one(ag_binary_cross_entropy(in[0], in[1], in[2], (int)key_int(c, "reduction", 1)), outs, nout);
}
static int op_bce_logits(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  return one(ag_binary_cross_entropy_with_logits(in[0], in[1], in[2], in[3], (int)key_int(c, "reduction", 1)), outs,
             nout);
}
static int op_pad(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  int64_t pad[16];
  int n = key_list(c, "pad", pad, 16);
  return one(ag_constant_pad_nd(in[0], pad, n, ten_scalar_float(key_double(c, "value", 0))), outs, nout);
}
static int op_linear(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  return one(ag_linear(in[0], in[1], nin > 2 ? in[2] : NULL), outs, nout);
}
static int op_dropout(const ref_case *c, ten_tensor **in, int nin, ten_tensor **outs, int *nout) {
  ten_generator_seed(ten_default_generator(), (uint64_t)key_int(c, "seed", 0));
  return one(ag_dropout(in[0], key_double(c, "p", 0.5), key_int(c, "train", 1) != 0), outs, nout);
}

static const struct {
  const char *name;
  op_fn fn;
} ops[] = {
    {"conv2d", op_conv2d},
    {"conv1d", op_conv1d},
    {"conv_same", op_conv_same},
    {"max_pool2d", op_max_pool2d},
    {"avg_pool2d", op_avg_pool2d},
    {"adaptive_avg_pool2d", op_adaptive_avg},
    {"adaptive_max_pool2d", op_adaptive_max},
    {"batch_norm", op_batch_norm},
    {"embedding", op_embedding},
    {"nll_loss", op_nll_loss},
    {"cross_entropy", op_cross_entropy},
    {"mse_loss", op_mse},
    {"l1_loss", op_l1},
    {"bce", op_bce},
    {"bce_logits", op_bce_logits},
    {"constant_pad_nd", op_pad},
    {"linear", op_linear},
    {"dropout", op_dropout},
    {NULL, NULL},
};

/* ---- parsing tensors ---- */

static ten_dtype parse_dtype(const char *s) {
  if (!strcmp(s, "f32")) return TEN_DTYPE_F32;
  if (!strcmp(s, "f64")) return TEN_DTYPE_F64;
  if (!strcmp(s, "i64")) return TEN_DTYPE_I64;
  if (!strcmp(s, "i32")) return TEN_DTYPE_I32;
  if (!strcmp(s, "u8")) return TEN_DTYPE_U8;
  return TEN_DTYPE_BOOL;
}

typedef struct spec {
  ten_dtype dt;
  int ndim;
  int64_t shape[TEN_MAX_DIMS];
  bool rg;
  char tol[64];
  const char *values;   /* after " : " */
} spec;

/* "DT [a,b] [flags] : values" */
static void parse_spec(char *s, spec *out) {
  memset(out, 0, sizeof *out);
  char *colon = strstr(s, " : ");
  out->values = colon ? colon + 3 : "";
  if (colon) *colon = 0;
  char *tok = strtok(s, " ");
  out->dt = parse_dtype(tok ? tok : "f32");
  tok = strtok(NULL, " ");
  for (char *p = tok ? tok + 1 : NULL; p && *p && *p != ']';) {
    out->shape[out->ndim++] = strtoll(p, &p, 10);
    if (*p == ',') p++;
  }
  while ((tok = strtok(NULL, " "))) {
    if (!strcmp(tok, "rg")) out->rg = true;
    else snprintf(out->tol, sizeof out->tol, "%s", tok);
  }
}

static ten_tensor *make_tensor(const spec *sp) {
  int64_t n = 1;
  for (int i = 0; i < sp->ndim; i++) n *= sp->shape[i];
  ten_tensor *t = ten_empty(sp->shape, sp->ndim, sp->dt, TEN_CPU);
  if (!t) return NULL;
  const char *p = sp->values;
  for (int64_t i = 0; i < n; i++) {
    char *end;
    switch (sp->dt) {
    case TEN_DTYPE_F32: {
      uint32_t b = (uint32_t)strtoul(p, &end, 16);
      memcpy((float *)ten_data_ptr(t) + i, &b, 4);
      break;
    }
    case TEN_DTYPE_F64: {
      uint64_t b = strtoull(p, &end, 16);
      memcpy((double *)ten_data_ptr(t) + i, &b, 8);
      break;
    }
    case TEN_DTYPE_I64: ((int64_t *)ten_data_ptr(t))[i] = strtoll(p, &end, 10); break;
    case TEN_DTYPE_I32: ((int32_t *)ten_data_ptr(t))[i] = (int32_t)strtol(p, &end, 10); break;
    case TEN_DTYPE_U8: ((uint8_t *)ten_data_ptr(t))[i] = (uint8_t)strtol(p, &end, 10); break;
    default: ((bool *)ten_data_ptr(t))[i] = strtol(p, &end, 10) != 0; break;
    }
    p = end;
  }
  return t;
}

/* ---- comparison ---- */

static int64_t ordered(double v, bool f32) {
  if (f32) {
    float f = (float)v;
    int32_t i;
    memcpy(&i, &f, 4);
    return i < 0 ? (int64_t)INT32_MIN - i : i;
  }
  int64_t i;
  memcpy(&i, &v, 8);
  return i < 0 ? INT64_MIN - i : i;
}

static const char *cur_case;
static int cases_run, cases_failed;

/* Compares got with the expected tensor of sp; reports under label. */
static bool compare(const char *label, const ten_tensor *got, const spec *sp) {
  char gs[128], es[128];
  if (!got) {
    fprintf(stderr, "FAIL nn %s: %s: missing (NULL)\n", cur_case, label);
    return false;
  }
  ten_format_shape(got->shape, got->ndim, gs, sizeof gs);
  ten_format_shape(sp->shape, sp->ndim, es, sizeof es);
  if (got->ndim != sp->ndim || memcmp(got->shape, sp->shape, sizeof(int64_t) * (size_t)sp->ndim) != 0 ||
      got->dtype != sp->dt) {
    fprintf(stderr, "FAIL nn %s: %s: got %s %s, expected %s %s\n", cur_case, label, ten_dtype_name(got->dtype), gs,
            ten_dtype_name(sp->dt), es);
    return false;
  }
  ten_tensor *exp = make_tensor(sp);
  int64_t ulp = 0;
  double rtol = -1, atol = 0;
  if (!strncmp(sp->tol, "ulp=", 4)) ulp = strtoll(sp->tol + 4, NULL, 10);
  else if (!strncmp(sp->tol, "rtol=", 5)) {
    rtol = strtod(sp->tol + 5, NULL);
    const char *a = strstr(sp->tol, "atol=");
    atol = a ? strtod(a + 5, NULL) : 0;
  }
  bool f32 = sp->dt == TEN_DTYPE_F32, isf = ten_dtype_is_float(sp->dt), ok = true;
  double maxdiff = 0;
  int shown = 0;
  for (int64_t i = 0; i < ten_numel(exp); i++) {
    double a = ten_get_double(got, i), b = ten_get_double(exp, i);
    bool same = a == b || (isnan(a) && isnan(b));
    if (isf && !same && !isnan(a) && !isnan(b)) {
      if (ulp) same = llabs(ordered(a, f32) - ordered(b, f32)) <= ulp;
      else if (rtol >= 0) same = fabs(a - b) <= atol + rtol * fabs(b);
    }
    if (isf && !isnan(a - b)) maxdiff = fmax(maxdiff, fabs(a - b));
    if (!same) {
      if (ok) fprintf(stderr, "FAIL nn %s: %s (%s):", cur_case, label, sp->tol[0] ? sp->tol : "exact");
      ok = false;
      if (shown++ < 5) fprintf(stderr, " [%lld] %.9g vs %.9g", (long long)i, a, b);
    }
  }
  if (!ok) fprintf(stderr, " ... maxdiff %.3e\n", maxdiff);
  ten_release(exp);
  return ok;
}

static const char *kind_name(ten_errkind k) {
  switch (k) {
  case TEN_E_RUNTIME: return "RuntimeError";
  case TEN_E_INDEX: return "IndexError";
  case TEN_E_VALUE: return "ValueError";
  case TEN_E_TYPE: return "TypeError";
  case TEN_E_NOMEM: return "MemoryError";
  case TEN_E_NOTIMPL: return "NotImplementedError";
  case TEN_E_ASSERTION: return "AssertionError";
  default: return "?";
  }
}

/* ---- one case ---- */

typedef struct directive {
  char *kind;   /* in, name, out, after, gout, grad, err */
  int index;
  char *rest;
} directive;

static bool run_case(const ref_case *c, directive *d, int nd) {
  ten_tensor *in[MAX_IN] = {NULL}, *outs[4] = {NULL}, *gout = NULL;
  int nin = 0, nout = 0;
  bool ok = true;
  op_fn fn = NULL;
  for (int i = 0; ops[i].name; i++)
    if (!strcmp(ops[i].name, c->op)) fn = ops[i].fn;
  if (!fn) {
    fprintf(stderr, "FAIL nn %s: unknown op %s\n", c->name, c->op);
    return false;
  }
  for (int i = 0; i < nd; i++) {
    if (strcmp(d[i].kind, "in")) continue;
    if (!strcmp(d[i].rest, "none")) {
      in[nin++] = NULL;
      continue;
    }
    spec sp;
    char buf[64];
    snprintf(buf, sizeof buf, "%.60s", d[i].rest);
    parse_spec(d[i].rest, &sp);
    in[nin] = make_tensor(&sp);
    if (sp.rg) ag_set_requires_grad(in[nin], true, true);
    nin++;
  }
  ten_error_clear();
  int rc = fn(c, in, nin, outs, &nout);
  const directive *err = NULL;
  for (int i = 0; i < nd; i++)
    if (!strcmp(d[i].kind, "err")) err = &d[i];
  if (err) {
    char *sp = strchr(err->rest, ' ');
    const char *kind = err->rest, *msg = sp ? sp + 1 : "";
    if (sp) *sp = 0;
    if (rc == 0) {
      fprintf(stderr, "FAIL nn %s: expected %s: %s, got no error\n", c->name, kind, msg);
      ok = false;
    } else if (strcmp(kind_name(ten_error_kind()), kind) || strcmp(ten_error_msg(), msg)) {
      fprintf(stderr, "FAIL nn %s:\n  got:      %s: %s\n  expected: %s: %s\n", c->name, kind_name(ten_error_kind()),
              ten_error_msg(), kind, msg);
      ok = false;
    }
    goto done;
  }
  if (rc) {
    fprintf(stderr, "FAIL nn %s: %s: %s\n", c->name, kind_name(ten_error_kind()), ten_error_msg());
    ok = false;
    goto done;
  }
  for (int i = 0; i < nd; i++) {
    spec sp;
    char label[64];
    if (!strcmp(d[i].kind, "name")) {
      ag_node *g = ag_grad_fn(outs[0]);
      const char *got = g ? ag_node_name(g) : "(none)";
      if (strcmp(got, d[i].rest)) {
        fprintf(stderr, "FAIL nn %s: grad_fn %s, expected %s\n", c->name, got, d[i].rest);
        ok = false;
      }
    } else if (!strcmp(d[i].kind, "out")) {
      parse_spec(d[i].rest, &sp);
      snprintf(label, sizeof label, "output %d", d[i].index);
      ok &= compare(label, d[i].index < nout ? outs[d[i].index] : NULL, &sp);
    } else if (!strcmp(d[i].kind, "after")) {
      parse_spec(d[i].rest, &sp);
      snprintf(label, sizeof label, "input %d after the call", d[i].index);
      ok &= compare(label, in[d[i].index], &sp);
    } else if (!strcmp(d[i].kind, "gout")) {
      parse_spec(d[i].rest, &sp);
      gout = make_tensor(&sp);
      ten_error_clear();
      if (ag_backward(&outs[0], &gout, 1, false, false, NULL, 0)) {
        fprintf(stderr, "FAIL nn %s: backward: %s\n", c->name, ten_error_msg());
        ok = false;
        goto done;
      }
    } else if (!strcmp(d[i].kind, "grad")) {
      parse_spec(d[i].rest, &sp);
      snprintf(label, sizeof label, "grad of input %d", d[i].index);
      ok &= compare(label, ag_get_grad(in[d[i].index]), &sp);
    }
  }
done:
  for (int i = 0; i < nout; i++) ten_release(outs[i]);
  for (int i = 0; i < nin; i++) ten_release(in[i]);
  ten_release(gout);
  ten_error_clear();
  return ok;
}

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
    free(s);
    s = NULL;
  }
  if (s) s[n] = 0;
  fclose(f);
  return s;
}

static void test_fixture(void) {
  char *text = read_file(CT_SOURCE_DIR "/tests/ref/nn_ref.txt");
  CHECK_MSG(text != NULL, "cannot read tests/ref/nn_ref.txt");
  if (!text) return;
  const char *filter = getenv("CT_NN_CASE");
  bool verbose = getenv("CT_NN_VERBOSE") && atoi(getenv("CT_NN_VERBOSE")) > 0;
  int64_t mem0 = ten_mem_allocated();
  directive *d = malloc(sizeof(directive) * 64);
  char *line = text;
  ref_case c;
  int nd = 0;
  bool have = false;
  for (;;) {
    char *next = line ? strchr(line, '\n') : NULL;
    if (next) *next = 0;
    bool is_case = line && !strncmp(line, "case ", 5);
    if ((is_case || !line || !*line) && have) {
      if (!filter || strstr(c.name, filter)) {
        cur_case = c.name;
        cases_run++;
        check_count++;
        bool ok = run_case(&c, d, nd);
        if (!ok) {
          cases_failed++;
          check_failures++;
        } else if (verbose) {
          printf("ok   nn %s\n", c.name);
        }
      }
      have = false;
      nd = 0;
    }
    if (!line) break;
    if (is_case) {
      memset(&c, 0, sizeof c);
      char *tok = strtok(line + 5, " ");
      c.name = tok;
      c.op = strtok(NULL, " ");
      while ((tok = strtok(NULL, " ")) && c.nkeys < MAX_KEYS) {
        char *eq = strchr(tok, '=');
        if (!eq) continue;
        *eq = 0;
        snprintf(c.keys[c.nkeys].key, sizeof c.keys[0].key, "%s", tok);
        snprintf(c.keys[c.nkeys].val, sizeof c.keys[0].val, "%s", eq + 1);
        c.nkeys++;
      }
      have = true;
    } else if (have && *line && *line != '#' && nd < 64) {
      char *sp = strchr(line, ' ');
      d[nd].kind = line;
      d[nd].index = -1;
      d[nd].rest = sp ? sp + 1 : (char *)"";
      if (sp) *sp = 0;
      if (!strcmp(d[nd].kind, "out") || !strcmp(d[nd].kind, "after") || !strcmp(d[nd].kind, "grad")) {
        d[nd].index = atoi(d[nd].rest);
        char *sp2 = strchr(d[nd].rest, ' ');
        d[nd].rest = sp2 ? sp2 + 1 : (char *)"";
      }
      nd++;
    }
    line = next ? next + 1 : NULL;
  }
  free(d);
  free(text);
  printf("nn_ref: %d of %d cases match PyTorch\n", cases_run - cases_failed, cases_run);
  CHECK(cases_run > 0 || filter);
  CHECK_MSG(ten_mem_allocated() == mem0, "tensor memory leaked: %lld bytes", (long long)(ten_mem_allocated() - mem0));
}

int main(int argc, char **argv) {
  /* float64 convolutions are compared bit for bit, and OpenBLAS picks its kernels per CPU when it
     is loaded; the fixture was made with its Haswell (AVX2) kernels. Pin them (re-exec once). */
  if (!getenv("OPENBLAS_CORETYPE") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    setenv("OPENBLAS_CORETYPE", "Haswell", 1);
    execv("/proc/self/exe", argv);
  }
  ten_set_num_threads(1);
  static const check_test tests[] = {
      {"fixture", test_fixture},
      {NULL, NULL},
  };
  return check_run(tests, argc, argv);
}
