/*
** tests/unit/test_pyrandom.c — replays tests/ref/pyrandom_ref.txt (CPython 3.11 `random` and NumPy
** 1.24 legacy RandomState streams, written by tests/ref/gen_pyrandom.py) through kernel/lang/pyrandom.c
** and kernel/lang/nprandom.c and requires bit-identical numbers and identical error texts; plus the
** seeding corner cases and state blobs that the fixture cannot express.
*/
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/lang/nprandom.h"
#include "kernel/lang/pyrandom.h"
#include "tests/check.h"

#define FIXTURE CT_SOURCE_DIR "/tests/ref/pyrandom_ref.txt"
#define MAX_ARGS 64

/* ---- fixture replay ---- */

typedef struct replay {
  char case_name[96];
  int lineno;
  const char *line;           /* the directive as read, for messages */
  char *res;                  /* expected results (after " = "), consumed token by token */
  pyr_state py;
  npr_state np;
  int cases, calls, values;   /* totals for the summary */
} replay;

/* Records one failure: where (line, case, directive) and what. */
#define FAILR(r, ...)                                                                      \
  do {                                                                                     \
    char failr_what_[512];                                                                 \
    snprintf(failr_what_, sizeof failr_what_, __VA_ARGS__);                                \
    CHECK_MSG(0, "line %d (case %s): %s\n  %s", (r)->lineno, (r)->case_name, (r)->line,    \
              failr_what_);                                                                \
  } while (0)

/* Next whitespace-separated token of r->res, or NULL at the end. */
static char *next_token(replay *r) {
  char *p = r->res;
  while (*p == ' ') p++;
  if (!*p) return NULL;
  char *t = p;
  while (*p && *p != ' ') p++;
  if (*p) *p++ = '\0';
  r->res = p;
  return t;
}

static void expect_end(replay *r, int64_t n) {
  if (next_token(r)) FAILR(r, "more expected values than the %" PRId64 " produced", n);
}

static void expect_i64(replay *r, const int64_t *got, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    char *t = next_token(r);
    if (!t) {
      FAILR(r, "produced %" PRId64 " values, fewer expected", n);
      return;
    }
    int64_t want = strtoll(t, NULL, 10);
    r->values++;
    check_count++;
    if (got[i] != want) {
      FAILR(r, "value %" PRId64 ": got %" PRId64 ", expected %" PRId64, i, got[i], want);
      return;
    }
  }
  expect_end(r, n);
}

static void expect_u64(replay *r, const uint64_t *got, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    char *t = next_token(r);
    if (!t) {
      FAILR(r, "produced %" PRId64 " values, fewer expected", n);
      return;
    }
    uint64_t want = strtoull(t, NULL, 10);
    r->values++;
    check_count++;
    if (got[i] != want) {
      FAILR(r, "value %" PRId64 ": got %" PRIu64 ", expected %" PRIu64, i, got[i], want);
      return;
    }
  }
  expect_end(r, n);
}

/* Floats must match bit for bit (repr() round-trips exactly through strtod). */
static void expect_f64(replay *r, const double *got, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    char *t = next_token(r);
    if (!t) {
      FAILR(r, "produced %" PRId64 " values, fewer expected", n);
      return;
    }
    double want = strtod(t, NULL);
    r->values++;
    check_count++;
    if (memcmp(&got[i], &want, sizeof want) != 0) {
      FAILR(r, "value %" PRId64 ": got %.17g, expected %.17g (%s)", i, got[i], want, t);
      return;
    }
  }
  expect_end(r, n);
}

static const char *pyr_kind_name(pyr_status s) {
  switch (s) {
    case PYR_OK: return "(no error)";
    case PYR_E_VALUE: return "ValueError";
    case PYR_E_INDEX: return "IndexError";
    case PYR_E_ZERODIV: return "ZeroDivisionError";
    case PYR_E_OVERFLOW: return "OverflowError";
    case PYR_E_NOMEM: return "MemoryError";
  }
  return "?";
}

static const char *npr_kind_name(npr_status s) {
  switch (s) {
    case NPR_OK: return "(no error)";
    case NPR_E_VALUE: return "ValueError";
    case NPR_E_OVERFLOW: return "OverflowError";
    case NPR_E_NOMEM: return "MemoryError";
  }
  return "?";
}

/* An "err" directive: the call must fail with "Kind: message" exactly. */
static void expect_error(replay *r, const char *kind, const char *msg, const char *want) {
  char got[256];
  snprintf(got, sizeof got, "%s: %s", kind, msg);
  r->values++;
  if (strcmp(got, want) != 0) FAILR(r, "\n  got:      %s\n  expected: %s", got, want);
}

/* Output scratch big enough for every directive (sample of 1000, counts of at most a few dozen). */
typedef struct scratch {
  int64_t i[4096];
  uint64_t u[64];
  double d[4096];
  uint32_t w[16];
} scratch;
static scratch sc;

static int64_t arg_i(char **a, int k) { return strtoll(a[k], NULL, 10); }
static double arg_d(char **a, int k) { return strtod(a[k], NULL); }

/* One py directive: op with args a[0..na). In an err directive (want != NULL) the trailing COUNT
   of the counted ops is absent and means 1; the first failure is compared with want. */
static void run_py(replay *r, const char *op, char **a, int na, const char *want) {
  pyr_state *st = &r->py;
  pyr_status s = PYR_OK;
  int64_t n = 0;
#define COUNT(k) (want ? 1 : arg_i(a, k))
  if (!strcmp(op, "random")) {
    n = COUNT(0);
    for (int64_t i = 0; i < n; i++) sc.d[i] = pyr_random(st);
    expect_f64(r, sc.d, n);
  } else if (!strcmp(op, "getrandbits")) {
    int k = (int)arg_i(a, 0);
    n = COUNT(1);
    for (int64_t i = 0; i < n && s == PYR_OK; i++) s = pyr_getrandbits(st, k, &sc.u[i]);
    if (!want) expect_u64(r, sc.u, n);
  } else if (!strcmp(op, "getrandbitsw")) {
    int k = (int)arg_i(a, 0);
    pyr_getrandbits_words(st, k, sc.w);
    int64_t nw = (k + 31) / 32;
    for (int64_t i = 0; i < nw; i++) sc.u[i] = sc.w[i];
    expect_u64(r, sc.u, nw);
  } else if (!strcmp(op, "randint")) {
    n = COUNT(2);
    for (int64_t i = 0; i < n && s == PYR_OK; i++) s = pyr_randint(st, arg_i(a, 0), arg_i(a, 1), &sc.i[i]);
    if (!want) expect_i64(r, sc.i, n);
  } else if (!strcmp(op, "randrange1")) {
    n = COUNT(1);
    for (int64_t i = 0; i < n && s == PYR_OK; i++) s = pyr_randrange_stop(st, arg_i(a, 0), &sc.i[i]);
    if (!want) expect_i64(r, sc.i, n);
  } else if (!strcmp(op, "randrange")) {
    n = COUNT(3);
    for (int64_t i = 0; i < n && s == PYR_OK; i++)
      s = pyr_randrange(st, arg_i(a, 0), arg_i(a, 1), arg_i(a, 2), &sc.i[i]);
    if (!want) expect_i64(r, sc.i, n);
  } else if (!strcmp(op, "choice")) {
    n = COUNT(1);
    for (int64_t i = 0; i < n && s == PYR_OK; i++) s = pyr_choice(st, arg_i(a, 0), &sc.i[i]);
    if (!want) expect_i64(r, sc.i, n);
  } else if (!strcmp(op, "shuffle")) {
    n = arg_i(a, 0);
    for (int64_t i = 0; i < n; i++) sc.i[i] = i;
    pyr_shuffle(st, sc.i, (size_t)n, sizeof sc.i[0]);
    expect_i64(r, sc.i, n);
  } else if (!strcmp(op, "sample")) {
    n = arg_i(a, 1);
    s = pyr_sample(st, arg_i(a, 0), n, sc.i);
    if (!want && s == PYR_OK) expect_i64(r, sc.i, n);
  } else if (!strcmp(op, "uniform")) {
    n = COUNT(2);
    for (int64_t i = 0; i < n; i++) sc.d[i] = pyr_uniform(st, arg_d(a, 0), arg_d(a, 1));
    expect_f64(r, sc.d, n);
  } else if (!strcmp(op, "gauss") || !strcmp(op, "normalvariate") || !strcmp(op, "lognormvariate")) {
    n = COUNT(2);
    double (*fn)(pyr_state *, double, double) =
        op[0] == 'g' ? pyr_gauss : op[0] == 'n' ? pyr_normalvariate : pyr_lognormvariate;
    for (int64_t i = 0; i < n; i++) sc.d[i] = fn(st, arg_d(a, 0), arg_d(a, 1));
    expect_f64(r, sc.d, n);
  } else if (!strcmp(op, "expovariate")) {
    n = COUNT(1);
    for (int64_t i = 0; i < n && s == PYR_OK; i++) s = pyr_expovariate(st, arg_d(a, 0), &sc.d[i]);
    if (!want) expect_f64(r, sc.d, n);
  } else if (!strcmp(op, "triangular")) {
    n = COUNT(3);
    bool has_mode = strcmp(a[2], "None") != 0;
    for (int64_t i = 0; i < n; i++)
      sc.d[i] = pyr_triangular(st, arg_d(a, 0), arg_d(a, 1), has_mode, has_mode ? arg_d(a, 2) : 0.0);
    expect_f64(r, sc.d, n);
  } else if (!strcmp(op, "gammavariate") || !strcmp(op, "betavariate")) {
    n = COUNT(2);
    pyr_status (*fn)(pyr_state *, double, double, double *) = op[0] == 'g' ? pyr_gammavariate : pyr_betavariate;
    for (int64_t i = 0; i < n && s == PYR_OK; i++) s = fn(st, arg_d(a, 0), arg_d(a, 1), &sc.d[i]);
    if (!want) expect_f64(r, sc.d, n);
  } else if (!strcmp(op, "choices")) {
    n = arg_i(a, 1);
    s = pyr_choices(st, arg_i(a, 0), NULL, n, sc.i);
    if (!want) expect_i64(r, sc.i, n);
  } else if (!strcmp(op, "choicescum")) {
    n = arg_i(a, 0);
    int64_t ncw = arg_i(a, 1);
    double cw[MAX_ARGS];
    for (int64_t i = 0; i < ncw; i++) cw[i] = arg_d(a, 2 + (int)i);
    s = pyr_choices(st, ncw, cw, n, sc.i);
    if (!want && s == PYR_OK) expect_i64(r, sc.i, n);
  } else {
    FAILR(r, "unknown py op %s", op);
    return;
  }
#undef COUNT
  (void)na;
  if (want) expect_error(r, pyr_kind_name(s), pyr_error_msg(st), want);
  else if (s != PYR_OK) FAILR(r, "failed: %s: %s", pyr_kind_name(s), pyr_error_msg(st));
}

/* One np directive (err directives carry all their arguments). */
static void run_np(replay *r, const char *op, char **a, int na, const char *want) {
  npr_state *st = &r->np;
  npr_state scratch_state; /* seeding errors must not touch the replayed state */
  npr_status s = NPR_OK;
  int64_t n = 0;
  if (!strcmp(op, "seed")) {
    s = npr_seed(&scratch_state, arg_i(a, 0));
    st = &scratch_state;
  } else if (!strcmp(op, "seedarray")) {
    int64_t keys[MAX_ARGS];
    int64_t nk = arg_i(a, 0);
    for (int64_t i = 0; i < nk; i++) keys[i] = arg_i(a, 1 + (int)i);
    s = npr_seed_array(&scratch_state, keys, nk);
    st = &scratch_state;
  } else if (!strcmp(op, "rand")) {
    n = arg_i(a, 0);
    npr_random_sample_fill(st, sc.d, n);
    expect_f64(r, sc.d, n);
  } else if (!strcmp(op, "randn")) {
    n = arg_i(a, 0);
    if (n == 1) sc.d[0] = npr_standard_normal(st);
    else npr_standard_normal_fill(st, sc.d, n);
    expect_f64(r, sc.d, n);
  } else if (!strcmp(op, "randint") || !strcmp(op, "randint1")) {
    bool one = op[7] == '1';
    n = arg_i(a, one ? 1 : 2);
    s = npr_randint(st, one ? 0 : arg_i(a, 0), arg_i(a, one ? 0 : 1), sc.i, n);
    if (!want && s == NPR_OK) expect_i64(r, sc.i, n);
  } else if (!strcmp(op, "permutation")) {
    n = arg_i(a, 0);
    npr_permutation(st, n, sc.i);
    expect_i64(r, sc.i, n);
  } else if (!strcmp(op, "shuffle")) {
    n = arg_i(a, 0);
    for (int64_t i = 0; i < n; i++) sc.i[i] = i;
    npr_shuffle(st, sc.i, n, sizeof sc.i[0]);
    expect_i64(r, sc.i, n);
  } else if (!strcmp(op, "uniform") || !strcmp(op, "normal")) {
    n = arg_i(a, 2);
    s = (op[0] == 'u' ? npr_uniform : npr_normal)(st, arg_d(a, 0), arg_d(a, 1), sc.d, n);
    if (!want && s == NPR_OK) expect_f64(r, sc.d, n);
  } else if (!strcmp(op, "choice") || !strcmp(op, "choicearr") || !strcmp(op, "choicep")) {
    n = arg_i(a, 1);
    double p[MAX_ARGS];
    int64_t np_ = 0;
    if (op[6] == 'p') {
      np_ = arg_i(a, 3);
      for (int64_t i = 0; i < np_; i++) p[i] = arg_d(a, 4 + (int)i);
    }
    s = npr_choice(st, arg_i(a, 0), op[6] == 'a', n, arg_i(a, 2) != 0, op[6] == 'p' ? p : NULL, np_, sc.i);
    if (!want && s == NPR_OK) expect_i64(r, sc.i, n);
  } else {
    FAILR(r, "unknown np op %s", op);
    return;
  }
  (void)na;
  if (want) expect_error(r, npr_kind_name(s), npr_error_msg(st), want);
  else if (s != NPR_OK) FAILR(r, "failed: %s: %s", npr_kind_name(s), npr_error_msg(st));
}

static void test_fixture(void) {
  FILE *f = fopen(FIXTURE, "r");
  CHECK_MSG(f != NULL, "cannot open %s", FIXTURE);
  if (!f) return;
  static replay r;
  memset(&r, 0, sizeof r);
  static char line[1 << 16], copy[1 << 16];
  while (fgets(line, sizeof line, f)) {
    r.lineno++;
    line[strcspn(line, "\n")] = '\0';
    if (!line[0] || line[0] == '#') continue;
    memcpy(copy, line, sizeof line);
    r.line = copy;
    if (!strncmp(line, "case ", 5)) {
      snprintf(r.case_name, sizeof r.case_name, "%.80s", line + 5);
      r.cases++;
      continue;
    }
    /* split off " = results" or " ! Kind: message" */
    char *want = NULL;
    char *eq = strstr(line, " = ");
    char *bang = strstr(line, " ! ");
    r.res = (char *)"";
    if (bang) {
      *bang = '\0';
      want = bang + 3;
    } else if (eq) {
      *eq = '\0';
      r.res = eq + 3;
    }
    char *a[MAX_ARGS];
    int na = 0;
    for (char *t = strtok(line, " "); t && na < MAX_ARGS; t = strtok(NULL, " ")) a[na++] = t;
    if (na < 2) {
      FAILR(&r, "malformed directive");
      continue;
    }
    bool is_py = !strcmp(a[0], "py");
    if (!is_py && strcmp(a[0], "np")) {
      FAILR(&r, "unknown engine %s", a[0]);
      continue;
    }
    if (is_py && !strcmp(a[1], "seed")) {
      pyr_seed_i64(&r.py, strtoll(a[2], NULL, 10));
    } else if (is_py && !strcmp(a[1], "seedwords")) {
      uint32_t w[MAX_ARGS];
      int nw = (int)strtol(a[2], NULL, 10);
      for (int i = 0; i < nw; i++) w[i] = (uint32_t)strtoul(a[3 + i], NULL, 10);
      pyr_seed_int(&r.py, w, nw);
    } else if (!is_py && !strcmp(a[1], "seed") && !want) {
      CHECK(npr_seed(&r.np, strtoll(a[2], NULL, 10)) == NPR_OK);
    } else if (!is_py && !strcmp(a[1], "seedarray") && !want) {
      int64_t keys[MAX_ARGS];
      int nk = (int)strtol(a[2], NULL, 10);
      for (int i = 0; i < nk; i++) keys[i] = strtoll(a[3 + i], NULL, 10);
      CHECK(npr_seed_array(&r.np, keys, nk) == NPR_OK);
    } else {
      bool is_err = !strcmp(a[1], "err");
      if (is_err != (want != NULL)) {
        FAILR(&r, "malformed directive");
        continue;
      }
      int first = is_err ? 3 : 2;
      const char *op = a[first - 1];
      r.calls++;
      if (is_py) run_py(&r, op, a + first, na - first, want);
      else run_np(&r, op, a + first, na - first, want);
    }
  }
  fclose(f);
  printf("fixture: %d cases, %d calls, %d values compared\n", r.cases, r.calls, r.values);
  CHECK(r.cases >= 20 && r.values > 3000);
}

/* ---- what the fixture cannot express ---- */

static void test_pyr_seeding(void) {
  static pyr_state a, b;
  uint32_t five[3] = {5, 0, 0};
  pyr_seed_int(&a, five, 3); /* high zero words are dropped, as CPython's bit count drops them */
  pyr_seed_i64(&b, 5);
  CHECK(memcmp(a.mt.key, b.mt.key, sizeof a.mt.key) == 0);
  pyr_seed_int(&a, NULL, 0);
  pyr_seed_i64(&b, 0);
  CHECK(memcmp(a.mt.key, b.mt.key, sizeof a.mt.key) == 0);
  uint32_t big[2] = {0, 0x80000000u};
  pyr_seed_int(&a, big, 2);
  pyr_seed_i64(&b, INT64_MIN);
  CHECK(memcmp(a.mt.key, b.mt.key, sizeof a.mt.key) == 0);
  pyr_seed_i64(&a, -12345);
  pyr_seed_i64(&b, 12345);
  CHECK(pyr_random(&a) == pyr_random(&b));

  /* seed() from the OS: two seedings differ, and the gauss cache is dropped */
  pyr_seed_i64(&a, 1);
  pyr_gauss(&a, 0.0, 1.0);
  CHECK(a.has_gauss_next);
  pyr_seed_entropy(&a);
  pyr_seed_entropy(&b);
  CHECK(!a.has_gauss_next);
  CHECK(memcmp(a.mt.key, b.mt.key, sizeof a.mt.key) != 0);
  double u = pyr_random(&a);
  CHECK(u >= 0.0 && u < 1.0);
}

static void test_pyr_state(void) {
  static pyr_state a, b;
  static uint8_t blob[PYR_STATE_BYTES];
  pyr_seed_i64(&a, 2024);
  for (int i = 0; i < 700; i++) pyr_random(&a); /* cross a twist */
  pyr_gauss(&a, 0.0, 1.0);                     /* leaves gauss_next cached */
  pyr_getstate(&a, blob);
  pyr_seed_i64(&b, 1);
  CHECK(pyr_setstate(&b, blob, sizeof blob) == PYR_OK);
  CHECK(b.has_gauss_next);
  for (int i = 0; i < 5; i++) CHECK(pyr_gauss(&a, 1.0, 2.0) == pyr_gauss(&b, 1.0, 2.0));
  for (int i = 0; i < 700; i++) CHECK(pyr_random(&a) == pyr_random(&b));

  CHECK(pyr_setstate(&b, blob, sizeof blob - 1) == PYR_E_VALUE);
  CHECK_STR(pyr_error_msg(&b), "state vector is the wrong size");
  blob[4 * MT19937_N] = 0x71; /* index 625 */
  blob[4 * MT19937_N + 1] = 0x02;
  CHECK(pyr_setstate(&b, blob, sizeof blob) == PYR_E_VALUE);
  CHECK_STR(pyr_error_msg(&b), "invalid state");

  uint64_t v;
  CHECK(pyr_getrandbits(&a, 65, &v) == PYR_E_OVERFLOW);
  CHECK(pyr_randbelow(&a, 0) == 0);
  /* a failed call draws nothing */
  pyr_seed_i64(&a, 9);
  pyr_seed_i64(&b, 9);
  int64_t x;
  CHECK(pyr_randrange(&a, 0, 10, 0, &x) == PYR_E_VALUE);
  CHECK(pyr_sample(&a, 3, 4, &x) == PYR_E_VALUE);
  CHECK(pyr_random(&a) == pyr_random(&b));
}

static void test_pyr_shuffle_bytes(void) {
  /* shuffle moves whole elements of any size: 3-byte records stay intact */
  static pyr_state a, b;
  unsigned char rec[10][3];
  int64_t idx[10];
  for (int i = 0; i < 10; i++) {
    rec[i][0] = (unsigned char)i;
    rec[i][1] = (unsigned char)(i * 7);
    rec[i][2] = (unsigned char)(255 - i);
    idx[i] = i;
  }
  pyr_seed_i64(&a, 77);
  pyr_seed_i64(&b, 77);
  pyr_shuffle(&a, rec, 10, 3);
  pyr_shuffle(&b, idx, 10, sizeof idx[0]);
  for (int i = 0; i < 10; i++) {
    CHECK(rec[i][0] == idx[i]);
    CHECK(rec[i][1] == (unsigned char)(idx[i] * 7));
    CHECK(rec[i][2] == (unsigned char)(255 - idx[i]));
  }
  pyr_shuffle(&a, rec, 0, 3); /* empty and single-element shuffles draw nothing */
  pyr_shuffle(&a, rec, 1, 3);
  CHECK(pyr_random(&a) == pyr_random(&b));
}

static void test_npr_state(void) {
  static npr_state a, b;
  static uint8_t blob[NPR_STATE_BYTES];
  CHECK(npr_seed(&a, 31337) == NPR_OK);
  double tmp[701];
  npr_random_sample_fill(&a, tmp, 701);
  npr_standard_normal(&a); /* leaves a cached value */
  npr_getstate(&a, blob);
  CHECK(npr_seed(&b, 1) == NPR_OK);
  CHECK(npr_setstate(&b, blob, sizeof blob) == NPR_OK);
  CHECK(b.has_gauss);
  for (int i = 0; i < 5; i++) CHECK(npr_standard_normal(&a) == npr_standard_normal(&b));
  int64_t x[8], y[8];
  CHECK(npr_randint(&a, -3, 1000000000000LL, x, 8) == NPR_OK);
  CHECK(npr_randint(&b, -3, 1000000000000LL, y, 8) == NPR_OK);
  CHECK(memcmp(x, y, sizeof x) == 0);

  CHECK(npr_setstate(&b, blob, 3) == NPR_E_VALUE);
  CHECK_STR(npr_error_msg(&b), "invalid state");
  /* reseeding drops the cached gauss */
  npr_standard_normal(&a);
  CHECK(a.has_gauss);
  CHECK(npr_seed(&a, 5) == NPR_OK);
  CHECK(!a.has_gauss);
  npr_seed_entropy(&a);
  npr_seed_entropy(&b);
  CHECK(memcmp(a.mt.key, b.mt.key, sizeof a.mt.key) != 0);
  CHECK(a.mt.key[0] == 0x80000000u);
  /* empty size: no checks, no draws */
  CHECK(npr_seed(&a, 8) == NPR_OK);
  CHECK(npr_seed(&b, 8) == NPR_OK);
  CHECK(npr_randint(&a, 5, 5, x, 0) == NPR_OK);
  CHECK(npr_random_sample(&a) == npr_random_sample(&b));
  CHECK(npr_interval(&a, 0) == 0);
}

static const check_test tests[] = {
    {"fixture", test_fixture},
    {"pyr_seeding", test_pyr_seeding},
    {"pyr_state", test_pyr_state},
    {"pyr_shuffle_bytes", test_pyr_shuffle_bytes},
    {"npr_state", test_npr_state},
    {NULL, NULL},
};

int main(int argc, char **argv) { return check_run(tests, argc, argv); }
