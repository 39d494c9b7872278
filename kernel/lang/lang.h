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

/* A size as the CTORCH_MAX_* variables take it: bytes with an optional k/M/G/T suffix (powers of 1024);
   "0", "none" and "unlimited" are 0 (no cap). -1 if it does not parse. (limits.c) */
long long lang_parse_size(const char *s);

/* "complete", "incomplete" or "invalid" for source typed so far (REPL, is_complete_request). */
const char *lang_is_complete(const char *src, size_t len);

/* ---- kernel support (introspect.c, display.c) ----
** What the Jupyter front end (kernel/jupyter/) needs beyond running code: completion, inspection,
** is_complete with an indent hint, expression evaluation (user_expressions), rich display (mime
** bundles, display()/clear_output()/IPython.display) and the input() hook. Offsets are BYTE offsets
** into UTF-8 text; the kernel converts the protocol's code points. Strings returned as char * are
** malloc'd and owned by the caller (free()). */

/* One completion candidate set: matches replace code[start, end). */
typedef struct lang_completion {
  char **matches;          /* n malloc'd replacement texts, sorted */
  const char **kinds;      /* n static strings: "function", "class", "module", "keyword", "instance", "param" */
  int n;
  size_t start, end;       /* byte offsets in code */
} lang_completion;

/* Completes the token before byte offset cursor: names (globals, builtins, keywords), attributes of
   a dotted name (objects, modules, types), keyword arguments inside a call ("dtype="), module names
   after import/from. Never raises; evaluates only names and attribute lookups. 0, or -1 on
   out-of-memory (out zeroed). */
int lang_complete(lang_vm *vm, const char *code, size_t len, size_t cursor, lang_completion *out);
void lang_completion_free(lang_completion *c);

/* IPython-style description ("Signature:", "Docstring:", "Type:", with detail 1 also "Source:")
   of the name at or before cursor, or of the call the cursor is in. NULL when nothing is found. */
char *lang_inspect(lang_vm *vm, const char *code, size_t len, size_t cursor, int detail);
/* The same for a dotted name given alone (the pager's `obj?` / `obj??`). */
char *lang_inspect_name(lang_vm *vm, const char *name, int detail);

/* is_complete with the indent a console should offer for the next line: "complete", "incomplete"
   (indent receives e.g. "    "), "invalid". indent must hold at least 64 bytes. */
const char *lang_check_complete(const char *src, size_t len, char *indent, size_t indent_cap);

/* Evaluates one expression in __main__ (user_expressions) without touching `_`: LANG_OK with
   *repr_out, or LANG_ERROR / LANG_SYNTAX with *ename, *evalue and *traceback (all malloc'd; the
   others NULL). */
lang_status lang_eval_repr(lang_vm *vm, const char *expr, char **repr_out, char **ename, char **evalue,
                           char **traceback);

/* A display's representations. Binary payloads (image/png, image/jpeg) are base64 text; json
   items hold JSON text (application/json, and any value a _repr_json_ returned). */
enum { LANG_MIME_MAX = 12 };
typedef struct lang_mime_item {
  char *mime;              /* "text/plain", "text/html", "image/png" ... */
  char *data;              /* NUL-terminated UTF-8 */
  size_t len;
  bool json;               /* data is JSON text, not a string */
} lang_mime_item;
typedef struct lang_mime_bundle {
  int n;
  lang_mime_item items[LANG_MIME_MAX];   /* text/plain first when present */
  char *metadata_json;     /* NULL or a JSON object ({"image/png": {"width": 100}}) */
} lang_mime_bundle;
void lang_mime_bundle_free(lang_mime_bundle *b);

/* The bundle of the value of the last LANG_RUN_CELL (the one whose repr lang_run returned):
   text/plain = repr, plus what its _repr_html_/_repr_png_/_repr_markdown_/_repr_svg_/_repr_latex_/
   _repr_json_/_repr_jpeg_/_repr_javascript_/_repr_mimebundle_ methods give (a type provides rich
   output by defining those methods, in Python or as bi_reg methods in C). Tensors without such
   methods get a text/html table when 1-D/2-D with at most 1000 elements. 0 ok, -1 none. */
int lang_result_bundle(lang_vm *vm, const char *repr, lang_mime_bundle *b);

/* input() results of the kernel's hook. */
enum { LANG_INPUT_OK = 0, LANG_INPUT_EOF = 1, LANG_INPUT_INTERRUPTED = 2, LANG_INPUT_NOT_ALLOWED = 3 };

/* What a kernel front end provides; all callbacks run on the interpreter's thread. */
typedef struct lang_kernel_hooks {
  void *ctx;
  /* display(obj) / update_display: publish display_data (update_display_data when update).
     display_id NULL: none. 0 / -1. */
  int (*display)(void *ctx, const lang_mime_bundle *b, const char *display_id, bool update);
  int (*clear_output)(void *ctx, bool wait);
  /* input(prompt): LANG_INPUT_OK with *line (malloc'd, no newline), or another LANG_INPUT_*. */
  int (*input)(void *ctx, const char *prompt, bool password, char **line);
  /* exit() / quit() in a cell: ask the front end to end the session (IPython's ask_exit). NULL:
     they raise SystemExit as in a script. */
  void (*ask_exit)(void *ctx, bool keep_kernel);
} lang_kernel_hooks;

/* Installs the kernel's builtins into vm: display(), clear_output(), update_display(), exit()/quit()
   (through ask_exit); registers the modules IPython and IPython.display (display, clear_output,
   update_display, DisplayHandle, HTML, Markdown, Latex, Math, SVG, JSON, Javascript, Pretty, Image)
   with builtins.c's lang_add_libs; routes input() to hooks->input. Plain `ctorch run` never calls
   this. The hooks are copied. 0 / -1. Call lang_kernel_uninstall before lang_vm_free. */
int lang_kernel_install(lang_vm *vm, const lang_kernel_hooks *hooks);
void lang_kernel_uninstall(lang_vm *vm);

/* Runs what IPython.display._register_post_execute registered (IPython's post_execute event), after
   a cell's execute_result or error: matplotlib.pyplot shows the figures the cell left open there.
   A hook's exception goes to stderr as a traceback; the others still run. */
void lang_post_execute(lang_vm *vm);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_LANG_H */
