/*
** kernel/main.c — the `ctorch` command line.
** Parses argv and dispatches to a command from the table below. Commands that later issues implement
** (run, -c, REPL: issue 3; kernel, install: issue 4) answer "not available yet" with exit status 2.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tensor/tensor.h"
#ifdef CTORCH_HAVE_CUDA
#include "cuda/cu.h"
#endif

#ifndef CTORCH_VERSION
#error "CTORCH_VERSION is defined by kernel/CMakeLists.txt"
#endif

/* Exit statuses: 0 ok, 1 runtime failure, 2 usage error or command not built (as CPython's argument errors). */
enum { EXIT_USAGE = 2 };

/* ---- commands ---- */

static int cmd_version(int argc, char **argv) {
  printf("ctorch %s\n", CTORCH_VERSION);
#ifdef CTORCH_HAVE_CUDA
  int n = cu_device_count();
  printf("cuda: built (runtime %s), %d device%s\n", cu_runtime_version_string(), n, n == 1 ? "" : "s");
#else
  printf("cuda: not built\n");
#endif
  return 0;
}

static int cmd_help(int argc, char **argv);

/* Proves the executable links the tensor library: prints torch.ones(2, 3). */
static int cmd_selftest(int argc, char **argv) {
  const int64_t shape[2] = {2, 3};
  ten_tensor *t = ten_ones(shape, 2, TEN_DTYPE_F32, TEN_CPU);
  char *s = t ? ten_repr(t, NULL) : NULL;
  if (!s) {
    fprintf(stderr, "ctorch: selftest failed: %s\n", ten_error_msg());
    ten_release(t);
    return 1;
  }
  printf("%s\n", s);
  free(s);
  ten_release(t);
  return 0;
}

typedef int (*cmd_fn)(int argc, char **argv);  /* argv[0] is the command word */

typedef struct cmd_reg {
  const char *name;   /* word as typed on the command line */
  cmd_fn fn;          /* NULL: documented but not in this build yet */
  const char *usage;  /* synopsis for --help; NULL: not listed */
  const char *help;   /* one line for --help */
} cmd_reg;

static const cmd_reg commands[] = {
  {"run",        NULL,          "ctorch run FILE [ARGS...]",             "run a script"},
  {"-c",         NULL,          "ctorch -c CODE",                        "run CODE given as a string"},
  {"kernel",     NULL,          "ctorch kernel -f CONNECTION_FILE",      "serve as a Jupyter kernel"},
  {"install",    NULL,          "ctorch install [--user | --prefix P]",  "install the Jupyter kernelspec"},
  {"--version",  cmd_version,   "ctorch --version",                      "print the version and CUDA status"},
  {"--help",     cmd_help,      "ctorch --help",                         "print this help"},
  {"-h",         cmd_help,      NULL,                                    NULL},
  {"--selftest", cmd_selftest,  "ctorch --selftest",                     "print a tensor made by the tensor library"},
  {NULL, NULL, NULL, NULL}
};

static int cmd_help(int argc, char **argv) {
  printf("usage: ctorch [COMMAND]\n\n");
  printf("  %-38s %s%s\n", "ctorch", "interactive REPL", " (not available yet)");
  for (const cmd_reg *c = commands; c->name; c++) {
    if (!c->usage) continue;
    printf("  %-38s %s%s\n", c->usage, c->help, c->fn ? "" : " (not available yet)");
  }
  return 0;
}

/* ---- main ---- */

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "ctorch: the interactive REPL is not available yet in this build (see 'ctorch --help')\n");
    return EXIT_USAGE;
  }
  for (const cmd_reg *c = commands; c->name; c++) {
    if (strcmp(argv[1], c->name) != 0) continue;
    if (!c->fn) {
      fprintf(stderr, "ctorch: '%s' is not available yet in this build\n", c->name);
      return EXIT_USAGE;
    }
    return c->fn(argc - 1, argv + 1);
  }
  fprintf(stderr, "ctorch: unknown command '%s' (see 'ctorch --help')\n", argv[1]);
  return EXIT_USAGE;
}
