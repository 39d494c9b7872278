/*
** kernel/main.c — the `ctorch` command line.
** Parses argv and dispatches to a command from the table below. Commands that later issues implement
** (run, -c, REPL: issue 3; kernel, install: issue 4) answer "not available yet" with exit status 2.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel/grade/grade.h"
#include "kernel/jupyter/jup.h"
#include "kernel/lang/lang.h"
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

/* ---- running code ---- */

static void write_out(void *ctx, int stream, const char *s, size_t n) {
  FILE *f = stream == 2 ? stderr : stdout;
  if (stream == 2) fflush(stdout);   /* keep stdout and stderr in order */
  if (n) fwrite(s, 1, n, f);
  if (stream == 2) fflush(stderr);
}

static int finish_run(lang_vm *vm, lang_status st, int exit_code) {
  int rc = 0;
  if (st == LANG_ERROR || st == LANG_SYNTAX) {
    fflush(stdout);
    fputs(lang_last_traceback(vm), stderr);
    rc = 1;
  } else if (st == LANG_EXIT) {
    rc = exit_code;
  }
  fflush(stdout);
  fflush(stderr);
  lang_vm_free(vm);
  return rc;
}

static int run_source(const char *src, size_t len, const char *filename, int argc, char **argv) {
  lang_vm *vm = lang_vm_new(argc, argv);
  if (!vm) {
    fprintf(stderr, "ctorch: out of memory\n");
    return 1;
  }
  lang_set_output(vm, write_out, NULL);
  int exit_code = 0;
  lang_status st = lang_run(vm, src, len, filename, LANG_RUN_FILE, NULL, &exit_code);
  return finish_run(vm, st, exit_code);
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (n < cap) break;
    cap *= 2;
    char *nb = realloc(buf, cap);
    if (!nb) {
      free(buf);
      buf = NULL;
    }
    buf = nb;
  }
  fclose(f);
  if (buf) *len = n;
  return buf;
}

static int cmd_run(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: ctorch run FILE [ARGS...]\n");
    return EXIT_USAGE;
  }
  size_t len;
  char *src = read_file(argv[1], &len);
  if (!src) {
    fprintf(stderr, "ctorch: can't open file '%s': [Errno 2] No such file or directory\n", argv[1]);
    return 2;
  }
  int rc = run_source(src, len, argv[1], argc - 1, argv + 1);
  free(src);
  return rc;
}

static int cmd_string(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "Argument expected for the -c option\n");
    return EXIT_USAGE;
  }
  const char *code = argv[1];
  argv[1] = "-c";   /* sys.argv[0] is '-c', as in CPython */
  return run_source(code, strlen(code), "<string>", argc - 1, argv + 1);
}

int repl_main(void);

typedef int (*cmd_fn)(int argc, char **argv);  /* argv[0] is the command word */

typedef struct cmd_reg {
  const char *name;   /* word as typed on the command line */
  cmd_fn fn;          /* NULL: documented but not in this build yet */
  const char *usage;  /* synopsis for --help; NULL: not listed */
  const char *help;   /* one line for --help */
} cmd_reg;

static const cmd_reg commands[] = {
  {"run",        cmd_run,       "ctorch run FILE [ARGS...]",             "run a script"},
  {"-c",         cmd_string,    "ctorch -c CODE",                        "run CODE given as a string"},
  {"kernel",     jup_kernel_main, "ctorch kernel -f CONNECTION_FILE",    "serve as a Jupyter kernel"},
  {"install",    jup_install_main, "ctorch install [--user | --prefix P]", "install the Jupyter kernelspec"},
  {"grade",      gr_main,       "ctorch grade --source NB SUBMISSIONS", "grade notebooks (--release NB: student version)"},
  {"--version",  cmd_version,   "ctorch --version",                      "print the version and CUDA status"},
  {"--help",     cmd_help,      "ctorch --help",                         "print this help"},
  {"-h",         cmd_help,      NULL,                                    NULL},
  {"--selftest", cmd_selftest,  "ctorch --selftest",                     "print a tensor made by the tensor library"},
  {NULL, NULL, NULL, NULL}
};

static int cmd_help(int argc, char **argv) {
  printf("usage: ctorch [COMMAND]\n\n");
  printf("  %-38s %s\n", "ctorch", "interactive REPL");
  for (const cmd_reg *c = commands; c->name; c++) {
    if (!c->usage) continue;
    printf("  %-38s %s%s\n", c->usage, c->help, c->fn ? "" : " (not available yet)");
  }
  return 0;
}

/* ---- main ---- */

/* libgomp reads OMP_WAIT_POLICY once, while it initialises (before main). Its default lets idle OpenMP
** workers spin for a while, which on a small shared machine (2 cores, OpenBLAS threads beside them, several
** kernels) costs up to 10x wall time. Unless the user chose a policy, "passive" is set by a function of the
** executable's .preinit_array, which the dynamic loader runs before any shared library's initialiser
** (libgomp's included), so no second start is needed. */
static void omp_passive_preinit(int argc, char **argv, char **envp) {
  (void)argc, (void)argv, (void)envp;
  if (!getenv("OMP_WAIT_POLICY")) setenv("OMP_WAIT_POLICY", "passive", 1);
}
__attribute__((section(".preinit_array"), used)) static void (*const omp_preinit)(int, char **, char **) =
    omp_passive_preinit;

int main(int argc, char **argv) {
  if (argc < 2) return repl_main();
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
