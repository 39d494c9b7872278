/*
** tests/fuzz/interp.c — fuzz target: the whole interpreter on a bounded run. The input is a script;
** it runs in a fresh interpreter (no state carried between inputs) with output discarded, input()
** at EOF, a recursion limit of 200, a 64 MiB tensor memory cap, and a time budget: after
** FUZZ_BUDGET_MS an interval timer raises the interrupt flag, so loops end in KeyboardInterrupt as
** a notebook's interrupt button would end them. Any exception is a fine outcome; a crash, a
** sanitizer report or a leak is not. Run it in a scratch directory: scripts may torch.save or savefig
** into the current directory (as a notebook may).
*/
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "kernel/lang/internal.h"
#include "kernel/lang/lang.h"
#include "tensor/tensor.h"
#include "tests/fuzz/fuzz.h"

#define FUZZ_BUDGET_MS 250

static volatile sig_atomic_t *volatile interrupt_flag;

static void on_alarm(int sig) {
  (void)sig;
  volatile sig_atomic_t *f = interrupt_flag;
  if (f) *f = 1;
}

static void discard(void *ctx, int stream, const char *s, size_t n) {}
static int no_input(void *ctx, const char *prompt, strbuf *line) { return -1; }

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);
  ten_mem_set_limit(64 << 20);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static bool init;
  if (!init) {
    init = true;
    LLVMFuzzerInitialize(NULL, NULL);
  }
  if (size > 1 << 14) return 0;
  lang_vm *vm = lang_vm_new(0, NULL);
  if (!vm) return 0;
  lang_set_output(vm, discard, NULL);
  vm->input = no_input;
  vm->recursion_limit = 200;
  interrupt_flag = lang_interrupt_flag(vm);
  struct itimerval on = {{0, 0}, {0, FUZZ_BUDGET_MS * 1000}}, off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &on, NULL);
  char *repr = NULL;
  int code;
  lang_run(vm, (const char *)data, size, "<fuzz>", LANG_RUN_CELL, &repr, &code);
  setitimer(ITIMER_REAL, &off, NULL);
  interrupt_flag = NULL;
  free(repr);
  lang_vm_free(vm);
  return 0;
}
