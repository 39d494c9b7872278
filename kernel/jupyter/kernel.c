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

/* CTORCH_OUTPUT_LIMIT: bytes of stream output per cell ("2M", "500k", "0" = unlimited). */
static size_t output_limit(void) {
  const char *s = getenv("CTORCH_OUTPUT_LIMIT");
  size_t dflt = 2u << 20;
  if (!s || !*s) return dflt;
  char *end;
  double v = strtod(s, &end);
  if (end == s || v < 0) return dflt;
  if (*end == 'k' || *end == 'K') v *= 1024;
  else if (*end == 'm' || *end == 'M') v *= 1024 * 1024;
  else if (*end == 'g' || *end == 'G') v *= 1024.0 * 1024 * 1024;
  return (size_t)v;
}

static int usage(void) {
  fprintf(stderr, "usage: ctorch kernel -f CONNECTION_FILE\n");
  return 2;
}

int jup_kernel_main(int argc, char **argv) {
  const char *path = NULL;
  for (int i = 1; i < argc; i++) {
    if ((strcmp(argv[i], "-f") == 0 || strcmp(argv[i], "--connection-file") == 0) && i + 1 < argc) path = argv[++i];
    else if (strncmp(argv[i], "--connection-file=", 18) == 0) path = argv[i] + 18;
    else if (strncmp(argv[i], "-f=", 3) == 0) path = argv[i] + 3;
    else return usage();
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
  if (jup_kernel_init(&k, &session, NULL, vm, output_limit()) < 0)
    jup_log(JUP_LOG_WARNING, "display()/input() hooks could not be installed");

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
