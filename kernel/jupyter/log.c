/*
** kernel/jupyter/log.c — the kernel's own diagnostics (dropped messages, bind failures). They go to
** the process's original stderr (the Jupyter server's log), never into a notebook: nbgrader scores a
** cell with any stderr output as failed.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "kernel/jupyter/internal.h"

static int log_fd = 2;
static int log_level = JUP_LOG_WARNING;

void jup_log_init(int fd) {
  log_fd = fd;
  const char *lv = getenv("CTORCH_LOG_LEVEL");
  if (!lv) return;
  static const char *const names[] = {"debug", "info", "warning", "error", "off"};
  for (int i = 0; i < 5; i++)
    if (strcasecmp(lv, names[i]) == 0) log_level = i;
}

void jup_log_set_level(int level) { log_level = level; }

void jup_log(int level, const char *fmt, ...) {
  if (level < log_level || log_fd < 0) return;
  static const char *const tags[] = {"D", "I", "W", "E"};
  char buf[2048];
  char date[48];
  jup_now_iso(date);
  int n = snprintf(buf, sizeof buf, "[%s %s ctorch-kernel] ", tags[level < 4 ? level : 3], date);
  va_list ap;
  va_start(ap, fmt);
  int m = vsnprintf(buf + n, sizeof buf - (size_t)n - 1, fmt, ap);
  va_end(ap);
  if (m < 0) return;
  size_t len = (size_t)n + ((size_t)m < sizeof buf - (size_t)n - 1 ? (size_t)m : sizeof buf - (size_t)n - 2);
  buf[len++] = '\n';
  ssize_t w = write(log_fd, buf, len);   /* one write: lines from threads don't interleave */
  (void)w;
}
