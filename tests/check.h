/*
** tests/check.h — the whole unit-test "framework": CHECK macros, a table of test functions,
** nonzero exit on failure. Include once per test executable.
*/
#ifndef CT_TESTS_CHECK_H
#define CT_TESTS_CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond)                                                             \
  do {                                                                          \
    check_count++;                                                              \
    if (!(cond)) {                                                              \
      check_failures++;                                                         \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);  \
    }                                                                           \
  } while (0)

#define CHECK_MSG(cond, ...)                                                    \
  do {                                                                          \
    check_count++;                                                              \
    if (!(cond)) {                                                              \
      check_failures++;                                                         \
      fprintf(stderr, "%s:%d: CHECK failed: %s: ", __FILE__, __LINE__, #cond);  \
      fprintf(stderr, __VA_ARGS__);                                             \
      fputc('\n', stderr);                                                      \
    }                                                                           \
  } while (0)

/* |a-b| <= atol + rtol*|b|, NaN equal to NaN. */
#define CHECK_CLOSE(a, b, atol, rtol)                                           \
  do {                                                                          \
    double check_a_ = (double)(a), check_b_ = (double)(b);                      \
    int check_ok_ = (isnan(check_a_) && isnan(check_b_)) ||                     \
                    fabs(check_a_ - check_b_) <= (atol) + (rtol) * fabs(check_b_) || \
                    check_a_ == check_b_;                                       \
    CHECK_MSG(check_ok_, "%.17g vs %.17g", check_a_, check_b_);                 \
  } while (0)

#define CHECK_STR(a, b)                                                         \
  do {                                                                          \
    const char *check_sa_ = (a), *check_sb_ = (b);                              \
    CHECK_MSG(check_sa_ && check_sb_ && strcmp(check_sa_, check_sb_) == 0,      \
              "\n  got:      \"%s\"\n  expected: \"%s\"", check_sa_ ? check_sa_ : "(null)", \
              check_sb_ ? check_sb_ : "(null)");                                \
  } while (0)

typedef struct check_test {
  const char *name;
  void (*fn)(void);
} check_test;

/* Runs every test in the NULL-terminated table (or only argv[1] when given). */
static int check_run(const check_test *tests, int argc, char **argv) {
  for (const check_test *t = tests; t->name; t++) {
    if (argc > 1 && strcmp(argv[1], t->name) != 0) continue;
    int before = check_failures;
    t->fn();
    if (check_failures != before) fprintf(stderr, "FAIL %s\n", t->name);
  }
  printf("%d checks, %d failures\n", check_count, check_failures);
  return check_failures ? 1 : 0;
}

#endif /* CT_TESTS_CHECK_H */
