/*
** tensor/error.c — the thread-local error record of the library layers (house-style rule 10).
** A failing function sets it and returns NULL/-1; the interpreter turns it into an exception.
*/
#include <stdarg.h>
#include <stdio.h>

#include "tensor/tensor.h"

#define ERROR_MSG_MAX 2048

static _Thread_local ten_errkind error_kind;
static _Thread_local char error_msg[ERROR_MSG_MAX];

int ten_error_set(ten_errkind kind, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(error_msg, sizeof error_msg, fmt, ap);
  va_end(ap);
  error_kind = kind;
  return -1;
}

ten_errkind ten_error_kind(void) { return error_kind; }

const char *ten_error_msg(void) { return error_kind == TEN_OK ? "" : error_msg; }

void ten_error_clear(void) {
  error_kind = TEN_OK;
  error_msg[0] = '\0';
}
