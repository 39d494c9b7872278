/*
** tests/unit/test_print.c — replays tests/golden/print_cases.txt (written by tests/golden/print_cases.py
** from PyTorch 1.13): rebuilds each tensor from its recorded bits and views, applies the print options,
** and requires ten_repr to match byte for byte; then Python's repr(float) for every floatrepr line.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tensor/tensor.h"
#include "tests/check.h"

#define FIXTURE CT_SOURCE_DIR "/tests/golden/print_cases.txt"
#define MAX_OPS 8

static const ten_print_options default_opts = {4, 1000, 3, 80, -1};

/* ---- fixture file ---- */

typedef struct fixture {
  char *text;           /* whole file, '\n' replaced by '\0' */
  char **lines;
  size_t nlines;
} fixture;

/* Returns 0, or -1 (with a failed check) when the file cannot be read. */
static int fixture_load(fixture *f) {
  memset(f, 0, sizeof *f);
  FILE *fp = fopen(FIXTURE, "rb");
  CHECK_MSG(fp != NULL, "cannot open %s (run /usr/bin/python3 tests/golden/print_cases.py)", FIXTURE);
  if (!fp) return -1;
  fseek(fp, 0, SEEK_END);
  long size = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  f->text = malloc((size_t)size + 1);
  size_t got = fread(f->text, 1, (size_t)size, fp);
  fclose(fp);
  f->text[got] = '\0';
  size_t cap = 1;
  for (size_t i = 0; i < got; i++) cap += f->text[i] == '\n';
  f->lines = malloc(cap * sizeof *f->lines);
  char *p = f->text;
  while (*p) {
    f->lines[f->nlines++] = p;
    char *nl = strchr(p, '\n');
    if (!nl) break;
    *nl = '\0';
    p = nl + 1;
  }
  return 0;
}

static void fixture_free(fixture *f) {
  free(f->lines);
  free(f->text);
}

/* ---- one repr case ---- */

typedef struct op {
  char kind[16];        /* transpose permute expand slice select */
  int64_t arg[TEN_MAX_DIMS];
  int nargs;
} op;

typedef struct pcase {
  const char *name;
  ten_dtype dtype;
  int64_t shape[TEN_MAX_DIMS];
  int ndim;
  const char *data;     /* the text after "data" */
  op ops[MAX_OPS];
  int nops;
  ten_print_options opts;
  ten_dtype default_dtype;
  char grad_fn[64];
  bool requires_grad;
} pcase;

static ten_dtype parse_dtype(const char *s) {
  if (!strcmp(s, "f32")) return TEN_DTYPE_F32;
  if (!strcmp(s, "f64")) return TEN_DTYPE_F64;
  if (!strcmp(s, "i64")) return TEN_DTYPE_I64;
  if (!strcmp(s, "i32")) return TEN_DTYPE_I32;
  if (!strcmp(s, "u8")) return TEN_DTYPE_U8;
  if (!strcmp(s, "bool")) return TEN_DTYPE_BOOL;
  return TEN_DTYPE_UNSET;
}

/* Reads up to max integers from s; returns the count. */
static int parse_ints(const char *s, int64_t *out, int max) {
  int n = 0;
  char *end;
  while (n < max) {
    long long v = strtoll(s, &end, 10);
    if (end == s) break;
    out[n++] = v;
    s = end;
  }
  return n;
}

static void parse_opts(pcase *c, char *s) {
  for (char *tok = strtok(s, " "); tok; tok = strtok(NULL, " ")) {
    char *eq = strchr(tok, '=');
    if (!eq) continue;
    *eq = '\0';
    const char *v = eq + 1;
    if (!strcmp(tok, "precision")) c->opts.precision = atoi(v);
    else if (!strcmp(tok, "threshold")) c->opts.threshold = atoll(v);
    else if (!strcmp(tok, "edgeitems")) c->opts.edgeitems = atoi(v);
    else if (!strcmp(tok, "linewidth")) c->opts.linewidth = atoi(v);
    else if (!strcmp(tok, "sci_mode")) c->opts.sci_mode = atoi(v);
    else if (!strcmp(tok, "default_dtype")) c->default_dtype = parse_dtype(v);
    else CHECK_MSG(0, "case %s: unknown option %s", c->name, tok);
  }
}

/* The base tensor from the recorded values. Returns: new reference or NULL. */
static ten_tensor *build_base(const pcase *c) {
  int64_t n = 1;
  for (int d = 0; d < c->ndim; d++) n *= c->shape[d];
  size_t esize = ten_dtype_size(c->dtype);
  unsigned char *buf = calloc((size_t)(n ? n : 1), esize);
  const char *p = c->data;
  char *end;
  for (int64_t i = 0; i < n; i++) {
    unsigned long long bits = 0;
    long long sv = 0;
    if (ten_dtype_is_float(c->dtype)) bits = strtoull(p, &end, 16);
    else sv = strtoll(p, &end, 10);
    if (end == p) {
      CHECK_MSG(0, "case %s: %lld values expected, found %lld", c->name, (long long)n, (long long)i);
      free(buf);
      return NULL;
    }
    p = end;
    unsigned char *dst = buf + (size_t)i * esize;
    switch (c->dtype) {
    case TEN_DTYPE_F32: { uint32_t u = (uint32_t)bits; memcpy(dst, &u, 4); break; }
    case TEN_DTYPE_F64: { uint64_t u = bits; memcpy(dst, &u, 8); break; }
    case TEN_DTYPE_I64: { int64_t v = sv; memcpy(dst, &v, 8); break; }
    case TEN_DTYPE_I32: { int32_t v = (int32_t)sv; memcpy(dst, &v, 4); break; }
    case TEN_DTYPE_U8: *dst = (uint8_t)sv; break;
    case TEN_DTYPE_BOOL: { bool b = sv != 0; memcpy(dst, &b, 1); break; }
    default: break;
    }
  }
  ten_tensor *t = ten_from_buffer(buf, c->dtype, c->shape, c->ndim, c->dtype, TEN_CPU);
  free(buf);
  return t;
}

/* t after one view op (t is released). Returns: new reference or NULL. */
static ten_tensor *apply_op(ten_tensor *t, const op *o) {
  ten_tensor *r = NULL;
  if (!strcmp(o->kind, "transpose") && o->nargs == 2) r = ten_transpose(t, o->arg[0], o->arg[1]);
  else if (!strcmp(o->kind, "permute")) r = ten_permute(t, o->arg, o->nargs);
  else if (!strcmp(o->kind, "expand")) r = ten_expand(t, o->arg, o->nargs);
  else if (!strcmp(o->kind, "slice") && o->nargs == 4)
    r = ten_slice(t, o->arg[0], o->arg[1], o->arg[2], o->arg[3], true, true);
  else if (!strcmp(o->kind, "select") && o->nargs == 2) r = ten_select(t, o->arg[0], o->arg[1]);
  else ten_error_set(TEN_E_VALUE, "unknown op %s", o->kind);
  ten_release(t);
  return r;
}

/* Prints expected vs got line by line ("-" expected, "+" got, " " same). */
static void print_diff(const char *name, const char *want, const char *got) {
  fprintf(stderr, "--- case %s: expected\n+++ got\n", name);
  const char *a = want, *b = got;
  while (a || b) {
    size_t la = a ? strcspn(a, "\n") : 0, lb = b ? strcspn(b, "\n") : 0;
    if (a && b && la == lb && memcmp(a, b, la) == 0) fprintf(stderr, " %.*s\n", (int)la, a);
    else {
      if (a) fprintf(stderr, "-%.*s\n", (int)la, a);
      if (b) fprintf(stderr, "+%.*s\n", (int)lb, b);
    }
    a = a && a[la] ? a + la + 1 : NULL;
    b = b && b[lb] ? b + lb + 1 : NULL;
  }
}

static int cases_run, cases_passed;

static void run_case(const pcase *c, const char *want) {
  cases_run++;
  ten_tensor *t = build_base(c);
  for (int i = 0; t && i < c->nops; i++) t = apply_op(t, &c->ops[i]);
  if (!t) {
    CHECK_MSG(0, "case %s: building the tensor failed: %s", c->name, ten_error_msg());
    return;
  }
  ten_print_options_set(&c->opts);
  if (c->default_dtype != TEN_DTYPE_UNSET) ten_set_default_dtype(c->default_dtype);
  ten_repr_extra extra = {c->grad_fn[0] ? c->grad_fn : NULL, c->requires_grad};
  char *got = ten_repr(t, &extra);
  ten_print_options_set(&default_opts);
  ten_set_default_dtype(TEN_DTYPE_F32);
  ten_release(t);
  bool ok = got && strcmp(got, want) == 0;
  CHECK_MSG(ok, "case %s: repr differs", c->name);
  if (ok) cases_passed++;
  else print_diff(c->name, want, got ? got : "(NULL)");
  free(got);
}

static void test_repr_cases(void) {
  fixture f;
  if (fixture_load(&f)) return;
  pcase c;
  bool in_case = false;
  for (size_t i = 0; i < f.nlines; i++) {
    char *line = f.lines[i];
    if (!strncmp(line, "case ", 5)) {
      memset(&c, 0, sizeof c);
      c.name = line + 5;
      c.opts = default_opts;
      c.default_dtype = TEN_DTYPE_UNSET;
      in_case = true;
    } else if (!in_case) {
      continue;
    } else if (!strncmp(line, "dtype ", 6)) {
      c.dtype = parse_dtype(line + 6);
    } else if (!strncmp(line, "shape", 5)) {
      c.ndim = parse_ints(line + 5, c.shape, TEN_MAX_DIMS);
    } else if (!strncmp(line, "data", 4)) {
      c.data = line + 4;
    } else if (!strncmp(line, "op ", 3) && c.nops < MAX_OPS) {
      op *o = &c.ops[c.nops++];
      int k = 0;
      sscanf(line + 3, "%15s %n", o->kind, &k);
      o->nargs = parse_ints(line + 3 + k, o->arg, TEN_MAX_DIMS);
    } else if (!strncmp(line, "opts ", 5)) {
      parse_opts(&c, line + 5);
    } else if (!strncmp(line, "extra ", 6)) {
      if (!strncmp(line + 6, "grad_fn=", 8)) snprintf(c.grad_fn, sizeof c.grad_fn, "%s", line + 14);
      else if (!strcmp(line + 6, "requires_grad")) c.requires_grad = true;
    } else if (!strncmp(line, "expect ", 7)) {
      size_t n = (size_t)atol(line + 7);
      if (i + n >= f.nlines) {
        CHECK_MSG(0, "case %s: fixture truncated", c.name);
        break;
      }
      /* Rejoin the n expected lines (they are consecutive in f.text). */
      char *want = f.lines[i + 1];
      for (size_t k = 1; k < n; k++) want[strlen(want)] = '\n';
      run_case(&c, want);
      i += n;
      in_case = false;
    }
  }
  fixture_free(&f);
  printf("repr: %d/%d cases match\n", cases_passed, cases_run);
  CHECK(cases_run >= 80);
}

static void test_float_repr(void) {
  fixture f;
  if (fixture_load(&f)) return;
  int run = 0, passed = 0;
  for (size_t i = 0; i < f.nlines; i++) {
    if (strncmp(f.lines[i], "floatrepr ", 10)) continue;
    char *end;
    uint64_t bits = strtoull(f.lines[i] + 10, &end, 16);
    const char *want = end + 1;
    double v;
    memcpy(&v, &bits, 8);
    char buf[64];
    ten_format_double_repr(v, buf, sizeof buf);
    run++;
    if (strcmp(buf, want) == 0) passed++;
    else CHECK_MSG(0, "repr(float) of %016llx: got \"%s\", expected \"%s\"", (unsigned long long)bits, buf, want);
  }
  fixture_free(&f);
  printf("repr(float): %d/%d values match\n", passed, run);
  CHECK(run >= 200);
}

/* ---- direct checks of the API around the golden file ---- */

static void test_options_roundtrip(void) {
  ten_print_options o, back;
  ten_print_options_get(&o);
  CHECK(o.precision == 4 && o.threshold == 1000 && o.edgeitems == 3 && o.linewidth == 80 && o.sci_mode == -1);
  ten_print_options changed = {2, 5, 1, 60, 1};
  ten_print_options_set(&changed);
  ten_print_options_get(&back);
  CHECK(back.precision == 2 && back.threshold == 5 && back.edgeitems == 1 && back.linewidth == 60 && back.sci_mode == 1);
  ten_print_options_set(&o);
}

static void test_repr_plain(void) {
  const int64_t shape[2] = {2, 3};
  ten_tensor *t = ten_ones(shape, 2, TEN_DTYPE_F32, TEN_CPU);
  char *s = ten_repr(t, NULL);
  CHECK_STR(s, "tensor([[1., 1., 1.],\n        [1., 1., 1.]])");
  free(s);
  ten_repr_extra grad = {"AddBackward0", true};
  s = ten_repr(t, &grad);   /* grad_fn wins over requires_grad */
  CHECK_STR(s, "tensor([[1., 1., 1.],\n        [1., 1., 1.]], grad_fn=<AddBackward0>)");
  free(s);
  ten_release(t);

  char buf[8];
  ten_format_double_repr(0.1, buf, sizeof buf);   /* truncated to the buffer, still terminated */
  CHECK_STR(buf, "0.1");
  ten_format_double_repr(-1.2345678901234568e+17, buf, sizeof buf);
  CHECK_STR(buf, "-1.2345");
}

int main(int argc, char **argv) {
  static const check_test tests[] = {
    {"options_roundtrip", test_options_roundtrip},
    {"repr_plain", test_repr_plain},
    {"repr_cases", test_repr_cases},
    {"float_repr", test_float_repr},
    {NULL, NULL},
  };
  return check_run(tests, argc, argv);
}
