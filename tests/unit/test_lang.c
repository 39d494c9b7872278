/*
** tests/unit/test_lang.c — the interpreter's public API (kernel/lang/lang.h): cell values, errors
** keeping the session's state, KeyboardInterrupt from lang_interrupt (loops, sleeps, calls),
** is_complete, and several interpreters created and freed in turn.
*/
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "kernel/lang/lang.h"
#include "tests/check.h"

typedef struct out { char buf[8192]; size_t len; } out;

static void capture(void *ctx, int stream, const char *s, size_t n) {
  out *o = ctx;
  if (o->len + n >= sizeof o->buf) n = sizeof o->buf - o->len - 1;
  memcpy(o->buf + o->len, s, n);
  o->len += n;
  o->buf[o->len] = '\0';
}

static lang_status run(lang_vm *vm, const char *src, char **repr) {
  int ec;
  return lang_run(vm, src, strlen(src), "<cell>", repr ? LANG_RUN_CELL : LANG_RUN_FILE, repr, &ec);
}

static void test_cell_values(void) {
  lang_vm *vm = lang_vm_new(0, NULL);
  out o = {{0}, 0};
  lang_set_output(vm, capture, &o);
  char *r = NULL;
  CHECK(run(vm, "x = [1, 2]\nx + [3]", &r) == LANG_OK);
  CHECK_STR(r, "[1, 2, 3]");
  free(r);
  CHECK(run(vm, "print('side effect')\nNone", &r) == LANG_OK);
  CHECK(r == NULL);
  CHECK_STR(o.buf, "side effect\n");
  CHECK(run(vm, "y = 5", &r) == LANG_OK && r == NULL);
  CHECK(run(vm, "x.append(y)\nx", &r) == LANG_OK);
  CHECK_STR(r, "[1, 2, 5]");
  free(r);
  CHECK(run(vm, "_", &r) == LANG_OK);   /* the previous value, as IPython's _ */
  CHECK_STR(r, "[1, 2, 5]");
  free(r);
  lang_vm_free(vm);
}

static void test_errors_keep_state(void) {
  lang_vm *vm = lang_vm_new(0, NULL);
  char *r = NULL;
  CHECK(run(vm, "a = 41", NULL) == LANG_OK);
  CHECK(run(vm, "a = a + 1\nb = 1 / 0", NULL) == LANG_ERROR);
  CHECK_STR(lang_last_error_type(vm), "ZeroDivisionError");
  CHECK_STR(lang_last_error_value(vm), "division by zero");
  CHECK(strstr(lang_last_traceback(vm), "line 2, in <module>") != NULL);
  CHECK(run(vm, "if a\n", NULL) == LANG_SYNTAX);
  CHECK_STR(lang_last_error_type(vm), "SyntaxError");
  CHECK(run(vm, "a", &r) == LANG_OK);   /* the statement before the error ran */
  CHECK_STR(r, "42");
  free(r);
  lang_vm_free(vm);
}

static lang_vm *alarm_vm;
static void on_alarm(int sig) {
  (void)sig;
  if (alarm_vm) lang_interrupt(alarm_vm);
}

static void interrupt_after_ms(lang_vm *vm, int ms) {
  alarm_vm = vm;
  signal(SIGALRM, on_alarm);
  struct itimerval it = {{0, 0}, {ms / 1000, (ms % 1000) * 1000}};
  setitimer(ITIMER_REAL, &it, NULL);
}

static void test_interrupt(void) {
  lang_vm *vm = lang_vm_new(0, NULL);
  char *r = NULL;
  const char *loops[] = {
    "n = 0\nwhile True:\n    n += 1\n",
    "def f():\n    return 1\nwhile True:\n    f()\n",
    "import time\ntime.sleep(60)\n",
    "s = sum(i for i in range(10**15))\n",
  };
  for (size_t i = 0; i < sizeof loops / sizeof loops[0]; i++) {
    interrupt_after_ms(vm, 50);
    CHECK(run(vm, loops[i], NULL) == LANG_ERROR);
    CHECK_STR(lang_last_error_type(vm), "KeyboardInterrupt");
  }
  /* state survives: n kept counting until the interrupt */
  CHECK(run(vm, "n > 0", &r) == LANG_OK);
  CHECK_STR(r, "True");
  free(r);
  /* a KeyboardInterrupt can be caught like any exception */
  interrupt_after_ms(vm, 50);
  CHECK(run(vm, "try:\n    while True: pass\nexcept KeyboardInterrupt:\n    caught = 'yes'\ncaught", &r) == LANG_OK);
  CHECK_STR(r, "'yes'");
  free(r);
  /* an interrupt that arrives while idle is harmless: it is raised at the next check */
  lang_interrupt(vm);
  CHECK(run(vm, "1 + 1", &r) == LANG_ERROR || (r && strcmp(r, "2") == 0));
  free(r);
  r = NULL;
  CHECK(run(vm, "2 + 2", &r) == LANG_OK);
  CHECK_STR(r, "4");
  free(r);
  alarm_vm = NULL;
  lang_vm_free(vm);
}

static void test_is_complete(void) {
  CHECK_STR(lang_is_complete("x = 1\n", 6), "complete");
  CHECK_STR(lang_is_complete("for i in x:\n", 12), "incomplete");
  CHECK_STR(lang_is_complete("f(1,\n", 5), "incomplete");
  CHECK_STR(lang_is_complete("'''abc\n", 7), "incomplete");
  CHECK_STR(lang_is_complete("x = )\n", 6), "invalid");
}

static void test_many_interpreters(void) {
  for (int i = 0; i < 5; i++) {
    lang_vm *vm = lang_vm_new(0, NULL);
    CHECK(vm != NULL);
    char *r = NULL;
    CHECK(run(vm, "class A:\n    def f(self): return super().__init__()\nimport torch, math, random\nrandom.seed(1)\n"
                  "t = torch.ones(2) * math.pi\n[A().f(), random.random(), t.sum().item()]", &r) == LANG_OK);
    CHECK_STR(r, "[None, 0.13436424411240122, 6.2831854820251465]");
    free(r);
    lang_vm_free(vm);
  }
}

static const check_test tests[] = {
  {"cell_values", test_cell_values},
  {"errors_keep_state", test_errors_keep_state},
  {"interrupt", test_interrupt},
  {"is_complete", test_is_complete},
  {"many_interpreters", test_many_interpreters},
  {NULL, NULL}
};

int main(int argc, char **argv) { return check_run(tests, argc, argv); }
