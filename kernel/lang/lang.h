/*
** kernel/lang/lang.h — the public interface of the ctorch interpreter, used by the command line
** (kernel/main.c) and the Jupyter front end (kernel/jupyter/). Everything else is internal.
*/
#ifndef CT_LANG_LANG_H
#define CT_LANG_LANG_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lang_vm lang_vm;

/* Output sink: stream 1 = stdout, 2 = stderr. n == 0 means "flush". */
typedef void (*lang_output_fn)(void *ctx, int stream, const char *s, size_t n);

/* A new interpreter with an empty __main__ module. argv becomes sys.argv. NULL on out-of-memory. */
lang_vm *lang_vm_new(int argc, char **argv);
void lang_vm_free(lang_vm *vm);
void lang_set_output(lang_vm *vm, lang_output_fn fn, void *ctx);

/* Requests a KeyboardInterrupt at the next check (async-signal-safe). */
void lang_interrupt(lang_vm *vm);
/* The flag lang_interrupt sets (for SIGINT handlers). */
volatile sig_atomic_t *lang_interrupt_flag(lang_vm *vm);

typedef enum lang_status {
  LANG_OK = 0,
  LANG_ERROR = 1,        /* an uncaught exception (traceback available) */
  LANG_SYNTAX = 2,       /* the source did not parse/compile */
  LANG_EXIT = 3          /* SystemExit: *exit_code holds the status */
} lang_status;

typedef enum lang_run_mode {
  LANG_RUN_FILE,         /* a script: no value */
  LANG_RUN_CELL,         /* a notebook cell: the value of a final expression statement is returned */
  LANG_RUN_SINGLE        /* one REPL statement: expression values are printed */
} lang_run_mode;

/* Runs source text in __main__. For LANG_RUN_CELL, *repr_out (if non-NULL) receives the malloc'd
   repr of the last expression's value, or NULL when there is none or it is None. On LANG_ERROR /
   LANG_SYNTAX the formatted traceback is available from lang_last_error. */
lang_status lang_run(lang_vm *vm, const char *src, size_t len, const char *filename, lang_run_mode mode,
                     char **repr_out, int *exit_code);

/* The last uncaught exception: its CPython-style traceback text, type name and message (str). Valid
   until the next lang_run. */
const char *lang_last_traceback(lang_vm *vm);
const char *lang_last_error_type(lang_vm *vm);
const char *lang_last_error_value(lang_vm *vm);

/* "complete", "incomplete" or "invalid" for source typed so far (REPL, is_complete_request). */
const char *lang_is_complete(const char *src, size_t len);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_LANG_H */
