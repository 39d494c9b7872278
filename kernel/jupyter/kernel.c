/*
** kernel/jupyter/kernel.c — `ctorch kernel -f CONNECTION_FILE`: assembles interpreter, session,
** stream capture and transport, installs the SIGINT handler (it only raises the interpreter's
** interrupt flag: an interrupt is a KeyboardInterrupt in the cell, never the end of the kernel), and
** serves until shutdown.
*/
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel/jupyter/internal.h"
#include "kernel/jupyter/jup.h"

static volatile sig_atomic_t *interrupt_flag;

static void on_sigint(int sig) {
  (void)sig;
  if (interrupt_flag) *interrupt_flag = 1;
}

/* A size from the environment ("2M", "500k", "0" = unlimited); dflt when unset or unparsable. */
static size_t env_size(const char *name, size_t dflt) {
  const char *s = getenv(name);
  if (!s || !*s) return dflt;
  long long v = lang_parse_size(s);
  if (v < 0) {
    jup_log(JUP_LOG_WARNING, "ignoring %s=%s (not a size such as 512M, 2G or none)", name, s);
    return dflt;
  }
  return (size_t)v;
}

/* The limit options of `ctorch kernel`: each sets its environment variable (docs/security.md). */
static const struct { const char *opt, *env; } limit_opts[] = {
  {"--output-limit", "CTORCH_OUTPUT_LIMIT"},             /* stream output per cell, default 2M */
  {"--max-message-size", "CTORCH_MAX_MESSAGE_SIZE"},     /* one received message, default 256M */
  {"--max-tensor-memory", "CTORCH_MAX_TENSOR_MEMORY"},   /* kernel/lang/limits.c */
  {"--max-tensor-size", "CTORCH_MAX_TENSOR_SIZE"},
  {"--max-object-memory", "CTORCH_MAX_OBJECT_MEMORY"},
  {"--recursion-limit", "CTORCH_RECURSION_LIMIT"},
  {"--max-recursion-limit", "CTORCH_MAX_RECURSION_LIMIT"},
  {NULL, NULL}
};

static int usage(void) {
  fprintf(stderr, "usage: ctorch kernel -f CONNECTION_FILE [--output-limit=SIZE] [--max-message-size=SIZE]\n"
                  "                     [--max-tensor-memory=SIZE] [--max-tensor-size=SIZE] [--max-object-memory=SIZE]\n"
                  "                     [--recursion-limit=N] [--max-recursion-limit=N]\n");
  return 2;
}

/* argv[*i] is one of limit_opts ("--opt=V" or "--opt V"): sets its variable. 1 if taken, 0 if not
   a limit option, -1 if its value is missing. */
static int limit_option(int argc, char **argv, int *i) {
  for (int k = 0; limit_opts[k].opt; k++) {
    size_t n = strlen(limit_opts[k].opt);
    if (strncmp(argv[*i], limit_opts[k].opt, n) != 0) continue;
    const char *v;
    if (argv[*i][n] == '=') v = argv[*i] + n + 1;
    else if (argv[*i][n] == '\0' && *i + 1 < argc) v = argv[++*i];
    else if (argv[*i][n] == '\0') return -1;
    else continue;
    setenv(limit_opts[k].env, v, 1);
    return 1;
  }
  return 0;
}

int jup_kernel_main(int argc, char **argv) {
  const char *path = NULL;
  for (int i = 1; i < argc; i++) {
    if ((strcmp(argv[i], "-f") == 0 || strcmp(argv[i], "--connection-file") == 0) && i + 1 < argc) path = argv[++i];
    else if (strncmp(argv[i], "--connection-file=", 18) == 0) path = argv[i] + 18;
    else if (strncmp(argv[i], "-f=", 3) == 0) path = argv[i] + 3;
    else if (limit_option(argc, argv, &i) <= 0) return usage();
  }
  if (!path) return usage();

  /* the kernel's log keeps the original stderr; fds 1/2 are captured into the notebook below */
  int log_fd = fcntl(2, F_DUPFD_CLOEXEC, 3);
  jup_log_init(log_fd >= 0 ? log_fd : 2);
  signal(SIGPIPE, SIG_IGN);

  jup_connection conn;
  if (jup_connection_read(path, &conn) < 0) return 1;
  jup_session session;
  jup_session_init(&session, conn.key, conn.keylen);

  lang_vm *vm = lang_vm_new(0, NULL);
  if (!vm) {
    jup_log(JUP_LOG_ERROR, "out of memory starting the interpreter");
    return 1;
  }
  static jup_kernel k;
  if (jup_kernel_init(&k, &session, NULL, vm, env_size("CTORCH_OUTPUT_LIMIT", 2u << 20)) < 0)
    jup_log(JUP_LOG_WARNING, "display()/input() hooks could not be installed");
  k.max_message = env_size("CTORCH_MAX_MESSAGE_SIZE", (size_t)256 << 20);

  interrupt_flag = lang_interrupt_flag(vm);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);

  const char *nocap = getenv("CTORCH_NO_CAPTURE");
  if (jup_io_start(&k.io, !(nocap && *nocap && strcmp(nocap, "0") != 0)) < 0)
    jup_log(JUP_LOG_WARNING, "stream capture unavailable: %s", strerror(errno));
  int rc = jup_serve(&k, &conn);

  signal(SIGINT, SIG_DFL);
  interrupt_flag = NULL;
  jup_kernel_destroy(&k);
  lang_vm_free(vm);
  jup_session_free(&session);
  jup_connection_free(&conn);
  return rc;
}
