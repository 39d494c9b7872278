/*
** kernel/lang/format.h — Python 3.11's string formatting machinery in plain C, independent of the
** interpreter's object model: the format-spec mini-language and format() for int/float/str,
** repr(float), printf-style `%` formatting and the str.format field parser and driver. The caller
** (the interpreter) supplies objects through small callback tables; every message is CPython's.
** Text is UTF-8 throughout; widths, precisions and error indexes count code points.
*/
#ifndef CT_LANG_FORMAT_H
#define CT_LANG_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- errors and the output buffer ---- */

/* A raised exception: class name ("ValueError", "TypeError", "OverflowError", "MemoryError", or
   whatever a callback put there) and the message (UTF-8, truncated to 255 bytes). */
typedef struct fmt_error {
  char kind[32];
  char msg[256];
} fmt_error;

/* Sets err (printf-style message). Callbacks may use it too. */
void fmt_error_set(fmt_error *err, const char *kind, const char *msgfmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* IndexError "Replacement index N out of range for positional args tuple" (str.format callers). */
void fmt_error_index_range(fmt_error *err, int64_t index);

/* Growable output buffer. data is NUL-terminated whenever it is non-NULL (len excludes the NUL).
   A failed growth sets oom; appends after that are ignored. */
typedef struct fmt_buf {
  char *data;
  size_t len, cap;
  bool oom;
  bool borrowed;          /* data is the caller's storage (fmt_buf_init_with): moved to the heap on growth */
} fmt_buf;

void fmt_buf_init(fmt_buf *b);
/* Starts in the caller's storage (cap >= 1 bytes, e.g. a stack array) and moves to the heap only when
   the text outgrows it; fmt_buf_free never frees that storage. */
void fmt_buf_init_with(fmt_buf *b, char *storage, size_t cap);
void fmt_buf_free(fmt_buf *b);                             /* frees data, back to the init state */
bool fmt_buf_append(fmt_buf *b, const char *s, size_t n);  /* false (and oom set) when out of memory */

/* ---- format-spec mini-language ---- */

/* [[fill]align][sign][z][#][0][width][grouping][.precision][type], parsed without type defaults:
   fmt_int / fmt_float / fmt_str apply their own (default type, default alignment, what '0' means). */
typedef struct fmt_spec {
  uint32_t fill;          /* fill code point; ' ' unless fill_given */
  bool fill_given;        /* an explicit fill character preceded the alignment */
  char align;             /* '<' '>' '=' '^', or 0: not given */
  char sign;              /* '+' '-' ' ', or 0: not given */
  bool no_neg_0;          /* 'z' */
  bool alternate;         /* '#' */
  bool zero;              /* '0' before the width (and no explicit fill) */
  int64_t width;          /* -1: not given */
  char grouping;          /* ',' or '_', or 0 */
  int64_t precision;      /* -1: not given */
  bool has_type;          /* a type character was given (it may be U+0000) */
  uint32_t type;          /* the type code point when has_type, else 0 */
  const char *type_name;  /* as given to fmt_spec_parse (borrowed; NULL: the formatter's own) */
} fmt_spec;

/* Parses spec[0..len). type_name is the type of the object being formatted ("int", "bool", "float",
   "str", ...): it appears in CPython 3.11's "Invalid format specifier '<spec>' for object of type
   '<type_name>'" (NULL: plain "Invalid format specifier") and, kept in out->type_name, in the
   formatters' "Unknown format code 'x' for object of type '<type_name>'". Errors found here:
   "Invalid format specifier ...", "Format specifier missing precision", "Cannot specify both ','
   and '_'.", "Too many decimal digits in format string". The grouping/type check ("Cannot specify
   ',' with 's'.") needs the object's default type, so each formatter makes it first thing — the
   same errors in the same order as CPython. Returns 0, or -1 with err set (ValueError). */
int fmt_spec_parse(const char *spec, size_t len, const char *type_name, fmt_spec *out, fmt_error *err);

/* ---- format() for the built-in scalar types; output is appended to b ---- */

/* format(int, spec): b c d o x X n, no type (= d), and e E f F g G % (through float, like CPython). */
int fmt_int(fmt_buf *b, int64_t v, const fmt_spec *sp, fmt_error *err);
/* format(float, spec): e E f F g G n % and no type (repr-like, see the Python docs). */
int fmt_float(fmt_buf *b, double v, const fmt_spec *sp, fmt_error *err);
/* format(str, spec) for the UTF-8 text s[0..len): type s or none. */
int fmt_str(fmt_buf *b, const char *s, size_t len, const fmt_spec *sp, fmt_error *err);

/* Parse + format in one call, with format()'s empty-spec rule (format(x, '') == str(x)). */
int fmt_format_int(fmt_buf *b, int64_t v, const char *spec, size_t len, fmt_error *err);
int fmt_format_float(fmt_buf *b, double v, const char *spec, size_t len, fmt_error *err);
int fmt_format_str(fmt_buf *b, const char *s, size_t slen, const char *spec, size_t len, fmt_error *err);
/* format(bool, spec): "True"/"False" for an empty spec, else int formatting of 0/1 (type 'bool'). */
int fmt_format_bool(fmt_buf *b, bool v, const char *spec, size_t len, fmt_error *err);

/* repr(float) and str(float) (identical in Python 3): "0.1", "1e+16", "-0.0", "nan", "inf".
   Return 0, or -1 on OOM (b->oom set). */
int fmt_float_repr(fmt_buf *b, double v);
int fmt_float_str(fmt_buf *b, double v);

/* ---- printf-style formatting: fmt % args ---- */

typedef enum fmt_kind {
  FMT_INT,    /* i */
  FMT_BOOL,   /* i is 0 or 1; an int for %d/%x/%c/'*', "True"/"False" for %s/%r */
  FMT_FLOAT,  /* f */
  FMT_STR,    /* s[0..len), UTF-8 */
  FMT_OTHER   /* anything else: its text comes from the text callback; not a number */
} fmt_kind;

/* One argument value as the formatter sees it. */
typedef struct fmt_value {
  fmt_kind kind;
  int64_t i;
  double f;
  const char *s;
  size_t len;
  const char *type_name;  /* Python type name for messages ("str", "list", ...); required */
  void *handle;           /* the caller's object; passed back to text/release, untouched here */
} fmt_value;

/* The right operand of `%`, described by the caller.
   - a tuple: count = its length; get(i) for 0 <= i < count;
   - any other object: count = -1; get(-1) describes it. mapping tells whether it is a mapping in
     CPython's sense (dict, or any non-tuple, non-str object with __getitem__, e.g. a list): then
     %(key)s is allowed and unused arguments are not an error.
   Callbacks return 0, or -1 with err filled (the formatter then returns -1 at once and leaves err
   as the callback left it; a callback that keeps its own pending exception may leave it empty). */
typedef struct fmt_percent_args {
  void *ctx;
  int64_t count;
  bool mapping;
  /* Describes item index (or the single object for -1). The value is borrowed: it must stay
     valid until fmt_percent returns. */
  int (*get)(void *ctx, int64_t index, fmt_value *out, fmt_error *err);
  /* operand[key] for %(key)s (KeyError / TypeError in err on failure). */
  int (*lookup)(void *ctx, const char *key, size_t len, fmt_value *out, fmt_error *err);
  /* Appends str(v) (conv 's'), repr(v) ('r') or ascii(v) ('a') to out. Called only for FMT_OTHER,
     and for FMT_STR with 'r' / 'a' (str, int, bool and float are rendered here). */
  int (*text)(void *ctx, const fmt_value *v, char conv, fmt_buf *out, fmt_error *err);
  /* Optional (may be NULL): called once for each value obtained from lookup when it is no longer
     needed (for callers whose lookup returns new references). */
  void (*release)(void *ctx, fmt_value *v);
} fmt_percent_args;

/* fmt[0..len) % args, appended to b: flags - + space # 0, width and precision (digits or '*'),
   optional h/l/L, conversions d i u o x X e E f F g G c r s a %, and %(key)s. */
int fmt_percent(fmt_buf *b, const char *fmt, size_t len, const fmt_percent_args *a, fmt_error *err);

/* ---- str.format: field parsing ---- */

/* Iterator over one level of a format string ('a{0}b{name!r:>{w}}c{{'). */
typedef struct fmt_field_iter {
  const char *s;
  size_t len, pos;
} fmt_field_iter;

/* One step: literal text, then (when has_field) one replacement field. Pointers point into the
   format string. */
typedef struct fmt_field {
  const char *literal;    /* text before the field; an escaped '{{' / '}}' contributes one brace */
  size_t literal_len;
  bool has_field;
  const char *name;       /* field name as written: "", "0", "name.attr[1]" */
  size_t name_len;
  uint32_t conversion;    /* 0, or the code point after '!' (only r s a are valid: fmt_convert_check) */
  const char *spec;       /* format spec after ':' (raw; may contain nested fields) */
  size_t spec_len;
  bool spec_nested;       /* spec contains '{': expand it (one level deeper) before use */
} fmt_field;

void fmt_field_iter_init(fmt_field_iter *it, const char *s, size_t len);
/* Returns 1 with *out filled, 0 at the end, -1 with err set (ValueError: "Single '}' encountered in
   format string", "Single '{' encountered in format string", "expected '}' before end of string",
   "unmatched '{' in format spec", "unexpected '{' in field name", "expected ':' after conversion
   specifier", "end of string while looking for conversion specifier"). */
int fmt_parse_fields(fmt_field_iter *it, fmt_field *out, fmt_error *err);

/* ValueError "Unknown conversion specifier X" unless conv is 'r', 's' or 'a'. */
int fmt_convert_check(uint32_t conv, fmt_error *err);

/* Automatic field numbering state of one str.format call (zero-initialise; shared by nested specs). */
typedef struct fmt_autonum {
  int state;              /* 0: nothing yet, 1: automatic, 2: manual */
  int64_t next;           /* next automatic index */
} fmt_autonum;

/* A field name split into its first part and the rest. */
typedef struct fmt_field_name {
  const char *first;      /* "0", "name" or "" */
  size_t first_len;
  int64_t index;          /* >= 0: positional index (explicit or automatic); -1: keyword `first` */
  const char *rest;       /* ".attr[key]..." (iterate with fmt_field_name_next) */
  size_t rest_len;
} fmt_field_name;

/* Splits name; with an != NULL, numbers empty names automatically and enforces CPython's rules
   ("cannot switch from automatic field numbering to manual field specification" and back).
   Errors: "Too many decimal digits in format string". */
int fmt_field_name_split(const char *name, size_t len, fmt_autonum *an, fmt_field_name *out,
                         fmt_error *err);

typedef struct fmt_name_part {
  bool is_attr;           /* .name (true) or [key] (false) */
  const char *name;       /* attribute name or item key text */
  size_t len;
  int64_t index;          /* [key] made of decimal digits: its value; else -1 (use the text) */
} fmt_name_part;

/* Next .attr / [key] of *rest (advanced in place). Returns 1 with *out, 0 at the end, -1 with err
   ("Only '.' or '[' may follow ']' in format field specifier", "Empty attribute in format string",
   "Missing ']' in format string", "Too many decimal digits in format string"). Lazy, like CPython:
   resolve each part before asking for the next so errors come in CPython's order. */
int fmt_field_name_next(const char **rest, size_t *rest_len, fmt_name_part *out, fmt_error *err);

/* ---- str.format: the driver ---- */

/* Objects are opaque handles. Every handle obtained from field/getattr/getitem/convert is passed to
   release (when non-NULL) once the driver is done with it. Callbacks return 0 or -1 (err as for
   fmt_percent_args). */
typedef struct fmt_format_args {
  void *ctx;
  /* args[index] for index >= 0 (fmt_error_index_range when out of range), else kwargs[key]. */
  int (*field)(void *ctx, int64_t index, const char *key, size_t key_len, void **obj, fmt_error *err);
  int (*getattr)(void *ctx, void *obj, const char *name, size_t len, void **out, fmt_error *err);
  /* obj[index] when index >= 0, else obj[key] with key as a str. */
  int (*getitem)(void *ctx, void *obj, int64_t index, const char *key, size_t len, void **out,
                 fmt_error *err);
  /* str(obj) / repr(obj) / ascii(obj) for conv 's' / 'r' / 'a', as a new object. */
  int (*convert)(void *ctx, void *obj, char conv, void **out, fmt_error *err);
  /* Appends format(obj, spec) to out. */
  int (*format)(void *ctx, void *obj, const char *spec, size_t len, fmt_buf *out, fmt_error *err);
  void (*release)(void *ctx, void *obj);
} fmt_format_args;

/* fmt[0..len).format(...), appended to b: fields resolved in CPython's order, nested specs expanded
   (one level; deeper gives "Max string recursion exceeded"), shared automatic numbering. */
int fmt_vformat(fmt_buf *b, const char *fmt, size_t len, const fmt_format_args *a, fmt_error *err);

#ifdef __cplusplus
}
#endif

#endif /* CT_LANG_FORMAT_H */
