/*
** tests/unit/test_random.c — replays tests/ref/random_ref.txt (PyTorch 1.13 CPU streams, written by
** tests/ref/gen_random.py) through tensor/random.c and requires bit-identical results; plus the generator
** API, state blobs, version counters and PyTorch's exact error texts.
*/
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tensor/tensor.h"
#include "tests/check.h"

#define FIXTURE CT_SOURCE_DIR "/tests/ref/random_ref.txt"
#define MAX_TOKENS 16

/* ---- fixture replay ---- */

static ten_dtype parse_dtype(const char *s) {
  if (!strcmp(s, "f32")) return TEN_DTYPE_F32;
  if (!strcmp(s, "f64")) return TEN_DTYPE_F64;
  if (!strcmp(s, "i64")) return TEN_DTYPE_I64;
  if (!strcmp(s, "i32")) return TEN_DTYPE_I32;
  if (!strcmp(s, "u8")) return TEN_DTYPE_U8;
  if (!strcmp(s, "bool")) return TEN_DTYPE_BOOL;
  return TEN_DTYPE_UNSET;
}

typedef struct replay {
  const char *case_name;
  int op_index;               /* ops run so far in this case */
  char op_line[256];          /* the directive, for messages */
  ten_generator *gen;         /* NULL: the default generator */
  ten_generator *owned;       /* from newgen; freed at the next case */
  int cases, compared;        /* totals for the summary */
} replay;

/* One expected line "= DTYPE N V1 .. VN" against tensor t (read in row-major order). */
static void compare_tensor(replay *r, ten_tensor *t, char *expect) {
  char *p = expect + 2;
  char dts[8];
  int n_off = 0;
  long long n = -1;
  if (sscanf(p, "%7s %lld %n", dts, &n, &n_off) != 2) {
    CHECK_MSG(0, "case %s: malformed expectation line", r->case_name);
    return;
  }
  p += n_off;
  ten_dtype dt = parse_dtype(dts);
  r->compared++;
  if (!t) {
    CHECK_MSG(0, "case %s, op %d (%s): failed: %s", r->case_name, r->op_index, r->op_line, ten_error_msg());
    return;
  }
  if (t->dtype != dt || ten_numel(t) != n) {
    CHECK_MSG(0, "case %s, op %d (%s): got %s with %lld elements, expected %s with %lld", r->case_name,
              r->op_index, r->op_line, ten_dtype_name(t->dtype), (long long)ten_numel(t), dts, n);
    return;
  }
  ten_tensor *c = ten_contiguous(t);
  const void *data = ten_data_ptr(c);
  long long bad = 0, first = -1;
  char got_s[32] = "", want_s[32] = "";
  for (long long i = 0; i < n; i++) {
    uint64_t want, got;
    switch (dt) {
    case TEN_DTYPE_F32: {
      uint32_t u;
      memcpy(&u, (const float *)data + i, 4);
      got = u;
      want = strtoull(p, &p, 16);
      break;
    }
    case TEN_DTYPE_F64:
      memcpy(&got, (const double *)data + i, 8);
      want = strtoull(p, &p, 16);
      break;
    case TEN_DTYPE_I64: got = (uint64_t)((const int64_t *)data)[i]; want = (uint64_t)strtoll(p, &p, 10); break;
    case TEN_DTYPE_I32: got = (uint64_t)(int64_t)((const int32_t *)data)[i]; want = (uint64_t)strtoll(p, &p, 10); break;
    case TEN_DTYPE_U8: got = ((const uint8_t *)data)[i]; want = (uint64_t)strtoll(p, &p, 10); break;
    case TEN_DTYPE_BOOL: got = ((const bool *)data)[i]; want = (uint64_t)strtoll(p, &p, 10); break;
    default: got = 0; want = 1; break;
    }
    if (got != want) {
      if (!bad) {
        first = i;
        snprintf(got_s, sizeof got_s, "%" PRIx64, got);
        snprintf(want_s, sizeof want_s, "%" PRIx64, want);
      }
      bad++;
    }
  }
  ten_release(c);
  CHECK_MSG(bad == 0, "case %s, op %d (%s): %lld of %lld values differ; first at [%lld]: got 0x%s, expected 0x%s",
            r->case_name, r->op_index, r->op_line, bad, n, first, got_s, want_s);
}

/* Reads the next line into *buf; returns its length or -1 at EOF. */
static ssize_t next_line(FILE *f, char **buf, size_t *cap) {
  ssize_t len = getline(buf, cap, f);
  if (len > 0 && (*buf)[len - 1] == '\n') (*buf)[--len] = '\0';
  return len;
}

static void expect_next(replay *r, FILE *f, char **buf, size_t *cap, ten_tensor *t) {
  if (next_line(f, buf, cap) < 0 || strncmp(*buf, "= ", 2) != 0) {
    CHECK_MSG(0, "case %s: missing expectation after '%s'", r->case_name, r->op_line);
    return;
  }
  compare_tensor(r, t, *buf);
}

/* Splits s at spaces into tok[] (modifies s). */
static int split(char *s, char **tok) {
  int n = 0;
  for (char *p = strtok(s, " "); p && n < MAX_TOKENS; p = strtok(NULL, " ")) tok[n++] = p;
  return n;
}

static int parse_shape(char **tok, int ntok, int64_t *shape) {
  for (int i = 0; i < ntok; i++) shape[i] = strtoll(tok[i], NULL, 10);
  return ntok;
}

static ten_tensor *empty_of(const int64_t *shape, int nd, ten_dtype dt) { return ten_empty(shape, nd, dt, TEN_CPU); }

/* nn.Linear / nn.Conv2d reset_parameters: kaiming_uniform_(w, a=sqrt(5)), then bias in +-1/sqrt(fan_in). */
static void module_init(replay *r, ten_tensor *w, ten_tensor *b, int64_t fan_in) {
  CHECK_MSG(ten_kaiming_uniform_(w, sqrt(5.0), r->gen) == 0, "case %s: kaiming: %s", r->case_name, ten_error_msg());
  double bound = fan_in > 0 ? 1 / sqrt((double)fan_in) : 0;
  CHECK_MSG(ten_uniform_(b, -bound, bound, r->gen) == 0, "case %s: bias: %s", r->case_name, ten_error_msg());
}

static void run_op(replay *r, FILE *f, char **buf, size_t *cap, char *line) {
  char *tok[MAX_TOKENS];
  snprintf(r->op_line, sizeof r->op_line, "%s", line);
  int nt = split(line, tok);
  const char *op = tok[0];
  int64_t shape[TEN_MAX_DIMS];
  ten_tensor *t = NULL, *t2 = NULL, *base = NULL;
  r->op_index++;

  if (!strcmp(op, "seed")) {
    ten_generator_seed(r->gen, strtoull(tok[1], NULL, 10));
    r->op_index--;
    return;
  }
  if (!strcmp(op, "newgen")) {
    ten_generator_free(r->owned);
    r->gen = r->owned = ten_generator_new();
    r->op_index--;
    return;
  }
  if (!strcmp(op, "state")) {
    size_t n = ten_generator_state_size();
    unsigned char *blob = malloc(n);
    ten_generator_get_state(r->gen, blob);
    if (next_line(f, buf, cap) < 0) return;
    char hex[3];
    size_t bad = 0, first = 0, want_n = 0;
    int off = 0;
    sscanf(*buf, "= u8 %zu %n", &want_n, &off);
    const char *p = *buf + off;
    for (size_t i = 0; i < n && i < want_n; i++) {
      hex[0] = p[2 * i], hex[1] = p[2 * i + 1], hex[2] = '\0';
      if ((unsigned)strtoul(hex, NULL, 16) != blob[i] && !bad++) first = i;
    }
    r->compared++;
    CHECK_MSG(want_n == n && bad == 0, "case %s: state blob: size %zu vs %zu, %zu bytes differ (first at %zu)",
              r->case_name, n, want_n, bad, first);
    free(blob);
    return;
  }
  if (!strcmp(op, "initial_seed")) {
    if (next_line(f, buf, cap) < 0) return;
    unsigned long long want = 0;
    sscanf(*buf, "= u64 1 %llu", &want);
    r->compared++;
    CHECK_MSG(ten_generator_initial_seed(r->gen) == want, "case %s: initial_seed %" PRIu64 ", expected %llu",
              r->case_name, ten_generator_initial_seed(r->gen), want);
    return;
  }

  if (!strcmp(op, "rand") || !strcmp(op, "randn")) {
    int nd = parse_shape(tok + 2, nt - 2, shape);
    ten_dtype dt = parse_dtype(tok[1]);
    t = op[4] == 'n' ? ten_randn(shape, nd, dt, r->gen) : ten_rand(shape, nd, dt, r->gen);
  } else if (!strcmp(op, "normal")) {
    int nd = parse_shape(tok + 3, nt - 3, shape);
    t = ten_normal(strtod(tok[1], NULL), strtod(tok[2], NULL), shape, nd, r->gen);
  } else if (!strcmp(op, "normal_") || !strcmp(op, "uniform_")) {
    int nd = parse_shape(tok + 4, nt - 4, shape);
    t = empty_of(shape, nd, parse_dtype(tok[1]));
    double a = strtod(tok[2], NULL), b = strtod(tok[3], NULL);
    int rc = op[0] == 'n' ? ten_normal_(t, a, b, r->gen) : ten_uniform_(t, a, b, r->gen);
    if (rc) {
      ten_release(t);
      t = NULL;
    }
  } else if (!strcmp(op, "uniform_t") || !strcmp(op, "normal_t")) {
    /* empty(rows, cols).t(), filled in place: a non-contiguous target */
    shape[0] = strtoll(tok[4], NULL, 10), shape[1] = strtoll(tok[5], NULL, 10);
    base = empty_of(shape, 2, parse_dtype(tok[1]));
    t = ten_t(base);
    double a = strtod(tok[2], NULL), b = strtod(tok[3], NULL);
    int rc = op[0] == 'n' ? ten_normal_(t, a, b, r->gen) : ten_uniform_(t, a, b, r->gen);
    if (rc) {
      ten_release(t);
      t = NULL;
    }
  } else if (!strcmp(op, "normal_step")) {
    /* empty(2n)[::2].normal_(): strided, hence the serial path */
    shape[0] = 2 * strtoll(tok[4], NULL, 10);
    base = empty_of(shape, 1, parse_dtype(tok[1]));
    t = ten_slice(base, 0, 0, 0, 2, false, false);
    if (ten_normal_(t, strtod(tok[2], NULL), strtod(tok[3], NULL), r->gen)) {
      ten_release(t);
      t = NULL;
    }
  } else if (!strcmp(op, "randint")) {
    int nd = parse_shape(tok + 4, nt - 4, shape);
    t = ten_randint(strtoll(tok[1], NULL, 10), strtoll(tok[2], NULL, 10), shape, nd, parse_dtype(tok[3]), r->gen);
  } else if (!strcmp(op, "randperm")) {
    t = ten_randperm(strtoll(tok[1], NULL, 10), parse_dtype(tok[2]), r->gen);
  } else if (!strcmp(op, "bernoulli")) {
    int nd = parse_shape(tok + 3, nt - 3, shape);
    ten_tensor *p = ten_full(shape, nd, ten_scalar_float(strtod(tok[2], NULL)), parse_dtype(tok[1]), TEN_CPU);
    t = p ? ten_bernoulli(p, r->gen) : NULL;
    ten_release(p);
  } else if (!strcmp(op, "bernoulli_")) {
    int nd = parse_shape(tok + 3, nt - 3, shape);
    t = empty_of(shape, nd, parse_dtype(tok[1]));
    if (ten_bernoulli_scalar_(t, strtod(tok[2], NULL), r->gen)) {
      ten_release(t);
      t = NULL;
    }
  } else if (!strcmp(op, "bernoulli_pt")) {
    /* p = linspace(0, 1, cols) (exact for the sizes used), broadcast over rows */
    int64_t rows = strtoll(tok[2], NULL, 10), cols = strtoll(tok[3], NULL, 10);
    float pv[64];
    for (int64_t i = 0; i < cols; i++) pv[i] = (float)i / (float)(cols - 1);
    ten_tensor *p = ten_from_buffer(pv, TEN_DTYPE_F32, &cols, 1, TEN_DTYPE_F32, TEN_CPU);
    shape[0] = rows, shape[1] = cols;
    t = empty_of(shape, 2, parse_dtype(tok[1]));
    if (ten_bernoulli_tensor_(t, p, r->gen)) {
      ten_release(t);
      t = NULL;
    }
    ten_release(p);
  } else if (!strcmp(op, "linear")) {
    int64_t in = strtoll(tok[1], NULL, 10), out = strtoll(tok[2], NULL, 10);
    shape[0] = out, shape[1] = in;
    t = empty_of(shape, 2, TEN_DTYPE_F32);
    t2 = empty_of(&out, 1, TEN_DTYPE_F32);
    module_init(r, t, t2, in);
  } else if (!strcmp(op, "conv2d")) {
    int64_t cin = strtoll(tok[1], NULL, 10), cout = strtoll(tok[2], NULL, 10), k = strtoll(tok[3], NULL, 10);
    int64_t ws[4] = {cout, cin, k, k};
    t = empty_of(ws, 4, TEN_DTYPE_F32);
    t2 = empty_of(&cout, 1, TEN_DTYPE_F32);
    module_init(r, t, t2, cin * k * k);
  } else {
    CHECK_MSG(0, "case %s: unknown directive '%s'", r->case_name, op);
    return;
  }
  expect_next(r, f, buf, cap, t);
  if (t2) expect_next(r, f, buf, cap, t2);
  ten_release(t);
  ten_release(t2);
  ten_release(base);
}

static void test_fixture(void) {
  FILE *f = fopen(FIXTURE, "r");
  CHECK_MSG(f != NULL, "cannot open %s", FIXTURE);
  if (!f) return;
  char *buf = NULL, *name = NULL;
  size_t cap = 0;
  replay r = {0};
  while (next_line(f, &buf, &cap) >= 0) {
    if (buf[0] == '#' || buf[0] == '\0') continue;
    if (!strncmp(buf, "case ", 5)) {
      free(name);
      name = strdup(buf + 5);
      ten_generator_free(r.owned);
      r.owned = r.gen = NULL;
      r.case_name = name;
      r.op_index = 0;
      r.cases++;
      continue;
    }
    char *line = strdup(buf);
    run_op(&r, f, &buf, &cap, line);
    free(line);
  }
  ten_generator_free(r.owned);
  free(name);
  free(buf);
  fclose(f);
  printf("fixture: %d cases, %d results compared bit for bit\n", r.cases, r.compared);
  CHECK(r.cases > 100);
}

/* ---- generator API ---- */

static void test_generator(void) {
  ten_generator *g = ten_generator_new();
  CHECK(ten_generator_initial_seed(g) == UINT64_C(67280421310721));
  ten_generator_seed(g, 0);
  CHECK(ten_generator_random(g) == 2357136044u);   /* std::mt19937(0)'s first word */
  ten_generator_seed(g, 0);
  uint64_t w64 = ten_generator_random64(g);
  CHECK(w64 >> 32 == 2357136044u);                  /* first draw is the high word */
  ten_generator_seed(g, UINT64_C(1) << 32);         /* only the low 32 bits seed the engine */
  CHECK(ten_generator_initial_seed(g) == UINT64_C(1) << 32);
  CHECK(ten_generator_random(g) == 2357136044u);

  uint64_t s = ten_generator_seed_random(g);
  CHECK(ten_generator_initial_seed(g) == s);
  ten_generator *d = ten_default_generator();
  CHECK(d == ten_default_generator());
  ten_generator_free(d);                            /* a no-op for the default generator */
  ten_generator_seed(d, 3);
  CHECK(ten_generator_initial_seed(NULL) == 3);
  ten_generator_free(g);
  ten_generator_free(NULL);
}

static void test_state(void) {
  size_t n = ten_generator_state_size();
  CHECK(n == 5056);
  unsigned char *s = malloc(n), *s2 = malloc(n);
  ten_generator *g = ten_generator_new();
  ten_generator_seed(g, 0);
  float a[3], b[5], c[5];
  ten_gen_normal_f32(g, a, 3, 0, 1);                /* leaves a cached double normal */
  ten_generator_get_state(g, s);
  ten_gen_normal_f32(g, b, 5, 0, 1);
  CHECK(ten_generator_set_state(g, s, n) == 0);
  ten_gen_normal_f32(g, c, 5, 0, 1);
  CHECK(memcmp(b, c, sizeof b) == 0);
  ten_generator_get_state(g, s2);
  CHECK(ten_generator_set_state(g, s, n) == 0);
  ten_generator_get_state(g, s2);
  CHECK(memcmp(s, s2, n) == 0);

  /* the legacy 5048-byte layout rebuilds the cache from normal_x/normal_rho (0 here): torch gives 0. */
  CHECK(ten_generator_set_state(g, s, 5048) == 0);
  float z;
  ten_gen_normal_f32(g, &z, 1, 0, 1);
  CHECK(z == 0.0f);

  CHECK(ten_generator_set_state(g, s, 10) == -1);
  CHECK(ten_error_kind() == TEN_E_RUNTIME);
  CHECK_STR(ten_error_msg(), "Expected either a CPUGeneratorImplStateLegacy of size 5048 or a CPUGeneratorImplState "
                             "of size 5056 but found the input RNG state size to be 10");
  memset(s + 8, 0, 4);                              /* left = 0 */
  CHECK(ten_generator_set_state(g, s, n) == -1);
  CHECK_STR(ten_error_msg(), "Invalid mt19937 state");
  ten_generator_free(g);
  free(s);
  free(s2);
}

/* ---- tensor-level behaviour ---- */

static void test_versions(void) {
  int64_t sh[2] = {4, 5};
  ten_tensor *t = ten_rand(sh, 2, TEN_DTYPE_UNSET, NULL);
  CHECK(t && t->dtype == ten_default_dtype() && t->storage->version == 0);
  CHECK(ten_uniform_(t, 0, 1, NULL) == 0 && t->storage->version == 1);
  CHECK(ten_normal_(t, 0, 1, NULL) == 0 && t->storage->version == 2);
  ten_tensor *tt = ten_t(t);
  CHECK(ten_normal_(tt, 0, 1, NULL) == 0 && t->storage->version == 3);   /* strided: one bump via copy */
  CHECK(ten_bernoulli_scalar_(tt, 0.5, NULL) == 0 && t->storage->version == 4);
  ten_release(tt);
  ten_release(t);
  int64_t z = 0;
  t = ten_empty(&z, 1, TEN_DTYPE_F32, TEN_CPU);
  CHECK(ten_uniform_(t, 0, 1, NULL) == 0 && t->storage->version == 1);  /* torch bumps empty targets too */
  ten_release(t);
  t = ten_randint(0, 5, sh, 2, TEN_DTYPE_UNSET, NULL);
  CHECK(t && t->dtype == TEN_DTYPE_I64 && t->storage->version == 0);
  ten_release(t);
  t = ten_randperm(4, TEN_DTYPE_UNSET, NULL);
  CHECK(t && t->dtype == TEN_DTYPE_I64 && t->storage->version == 0);
  ten_release(t);
  t = ten_randn(sh, 2, TEN_DTYPE_F64, NULL);
  CHECK(t && t->dtype == TEN_DTYPE_F64 && t->storage->version == 0);
  ten_release(t);
}

/* Runs one failing call and checks PyTorch's message. */
#define CHECK_ERR(call, kind, msg)                                               \
  do {                                                                           \
    ten_error_clear();                                                           \
    CHECK_MSG((call) != 0, "%s did not fail", #call);                            \
    CHECK(ten_error_kind() == (kind));                                           \
    CHECK_STR(ten_error_msg(), msg);                                             \
  } while (0)

static int failed_tensor(ten_tensor *t) {
  ten_release(t);
  return t == NULL ? -1 : 0;
}

static void test_errors(void) {
  int64_t s3[1] = {3}, s2[1] = {2}, s32[2] = {3, 2};
  ten_tensor *f = ten_empty(s3, 1, TEN_DTYPE_F32, TEN_CPU);
  ten_tensor *l = ten_empty(s3, 1, TEN_DTYPE_I64, TEN_CPU);
  const char *overlap = "unsupported operation: more than one element of the written-to tensor refers to a single "
                        "memory location. Please clone() the tensor before performing the operation.";

  CHECK_ERR(failed_tensor(ten_randint(5, 5, s3, 1, TEN_DTYPE_UNSET, NULL)), TEN_E_RUNTIME,
            "random_ expects 'from' to be less than 'to', but got from=5 >= to=5");
  CHECK_ERR(failed_tensor(ten_randint(0, 300, s3, 1, TEN_DTYPE_U8, NULL)), TEN_E_RUNTIME,
            "to - 1 is out of bounds for unsigned char");
  CHECK_ERR(failed_tensor(ten_randint(-1, 10, s3, 1, TEN_DTYPE_U8, NULL)), TEN_E_RUNTIME,
            "from is out of bounds for unsigned char");
  CHECK_ERR(failed_tensor(ten_randint(0, 3, s3, 1, TEN_DTYPE_BOOL, NULL)), TEN_E_RUNTIME,
            "to - 1 is out of bounds for bool");
  CHECK_ERR(failed_tensor(ten_randint(0, INT64_C(1) << 40, s3, 1, TEN_DTYPE_I32, NULL)), TEN_E_RUNTIME,
            "to - 1 is out of bounds for int");
  CHECK_ERR(ten_random_range_(f, (INT64_C(1) << 25) + 1, (INT64_C(1) << 25) + 3, NULL), TEN_E_RUNTIME,
            "random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got "
            "from=33554436 >= to=33554435");

  CHECK_ERR(ten_uniform_(f, 1, 0, NULL), TEN_E_RUNTIME,
            "uniform_ expects to return a [from, to) range, but found from=1 > to=0");
  CHECK_ERR(ten_uniform_(l, 0, 1, NULL), TEN_E_RUNTIME, "\"check_uniform_bounds\" not implemented for 'Long'");
  CHECK_ERR(ten_uniform_(f, 0, INFINITY, NULL), TEN_E_RUNTIME, "to is out of bounds for float");
  CHECK_ERR(ten_uniform_(f, NAN, 1, NULL), TEN_E_RUNTIME, "from is out of bounds for float");
  CHECK_ERR(ten_uniform_(f, -3e38, 3e38, NULL), TEN_E_RUNTIME,
            "uniform_ expects to-from <= std::numeric_limits<Float>::max(), but found to=3e+38 and from=-3e+38 which "
            "result in to-from to exceed the limit");
  CHECK_ERR(failed_tensor(ten_rand(s3, 1, TEN_DTYPE_U8, NULL)), TEN_E_RUNTIME,
            "\"check_uniform_bounds\" not implemented for 'Byte'");

  CHECK_ERR(ten_normal_(f, 0, -1, NULL), TEN_E_RUNTIME, "normal expects std >= 0.0, but found std -1");
  CHECK_ERR(failed_tensor(ten_normal(0, -0.5, s3, 1, NULL)), TEN_E_RUNTIME,
            "normal expects std >= 0.0, but found std -0.5");
  CHECK_ERR(ten_normal_(l, 0, 1, NULL), TEN_E_RUNTIME, "\"normal_kernel_cpu\" not implemented for 'Long'");

  CHECK_ERR(ten_bernoulli_scalar_(f, 1.5, NULL), TEN_E_RUNTIME, "bernoulli_ expects p to be in [0, 1], but got p=1.5");
  ten_tensor *pbad = ten_full(s3, 1, ten_scalar_float(1.5), TEN_DTYPE_F32, TEN_CPU);
  CHECK_ERR(failed_tensor(ten_bernoulli(pbad, NULL)), TEN_E_RUNTIME,
            "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  "
            "If so, please report an enhancement request to PyTorch.)");
  ten_release(pbad);
  ten_tensor *plong = ten_ones(s3, 1, TEN_DTYPE_I64, TEN_CPU);
  CHECK_ERR(failed_tensor(ten_bernoulli(plong, NULL)), TEN_E_RUNTIME,
            "\"bernoulli_tensor_cpu_p_\" not implemented for 'Long'");
  ten_release(plong);
  ten_tensor *p2 = ten_full(s2, 1, ten_scalar_float(0.5), TEN_DTYPE_F32, TEN_CPU);
  CHECK_ERR(ten_bernoulli_tensor_(f, p2, NULL), TEN_E_RUNTIME,
            "The expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 0.  "
            "Target sizes: [3].  Tensor sizes: [2]");
  ten_tensor *t32 = ten_empty(s32, 2, TEN_DTYPE_F32, TEN_CPU);
  CHECK(ten_bernoulli_tensor_(t32, p2, NULL) == 0);   /* p broadcasts over the rows */
  ten_release(t32);
  ten_release(p2);

  CHECK_ERR(failed_tensor(ten_randperm(-1, TEN_DTYPE_UNSET, NULL)), TEN_E_RUNTIME,
            "Trying to create tensor with negative dimension -1: [-1]");
  CHECK_ERR(failed_tensor(ten_randperm(300, TEN_DTYPE_U8, NULL)), TEN_E_RUNTIME,
            "value cannot be converted to type uint8_t without overflow");
  CHECK_ERR(failed_tensor(ten_randperm((INT64_C(1) << 24) + 2, TEN_DTYPE_F32, NULL)), TEN_E_RUNTIME,
            "n cannot be greater than 2^24+1 for Float type.");
  CHECK_ERR(failed_tensor(ten_randperm(5, TEN_DTYPE_BOOL, NULL)), TEN_E_RUNTIME,
            "\"randperm\" not implemented for 'Bool'");

  /* an expanded (stride 0) target */
  int64_t one[1] = {1};
  ten_tensor *o = ten_empty(one, 1, TEN_DTYPE_F32, TEN_CPU);
  ten_tensor *ex = ten_expand(o, s3, 1);
  CHECK_ERR(ten_uniform_(ex, 0, 1, NULL), TEN_E_RUNTIME, overlap);
  CHECK_ERR(ten_normal_(ex, 0, 1, NULL), TEN_E_RUNTIME, overlap);
  CHECK_ERR(ten_bernoulli_scalar_(ex, 0.5, NULL), TEN_E_RUNTIME, overlap);
  CHECK_ERR(ten_random_range_(ex, 0, 5, NULL), TEN_E_RUNTIME, overlap);
  ten_release(ex);
  ten_release(o);

  CHECK_ERR(ten_kaiming_uniform_(f, sqrt(5.0), NULL), TEN_E_VALUE,
            "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  int64_t s03[2] = {0, 3};
  ten_tensor *e = ten_empty(s03, 2, TEN_DTYPE_F32, TEN_CPU);
  CHECK(ten_kaiming_uniform_(e, sqrt(5.0), NULL) == 0);   /* zero elements: a no-op */
  ten_release(e);
  ten_release(f);
  ten_release(l);
  ten_error_clear();
}

int main(int argc, char **argv) {
  static const check_test tests[] = {
    {"fixture", test_fixture},
    {"generator", test_generator},
    {"state", test_state},
    {"versions", test_versions},
    {"errors", test_errors},
    {NULL, NULL},
  };
  return check_run(tests, argc, argv);
}
