/*
** tests/unit/test_format.c — replays tests/ref/format_ref.txt (CPython 3.11's answers, written by
** tests/ref/gen_format.py) through kernel/lang/format.c and requires byte-identical text and
** identical exception class and message; plus direct checks of the API's own contracts (spec
** fields, buffers, automatic numbering, callback ownership).
*/
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/lang/format.h"
#include "tests/check.h"

#define FIXTURE CT_SOURCE_DIR "/tests/ref/format_ref.txt"
#define MAX_FIELDS 64
#define MAX_ITEMS 16
#define MAX_REPORT 30

/* ---- fixture text ---- */

typedef struct text {
  const char *s;
  size_t n;
  bool none;      /* the field was \N */
} text;

typedef struct replay {
  int lineno;
  const char *line;   /* raw line, for messages */
  size_t line_len;
  char *arena;        /* unescaped atoms of the current line */
  size_t used, cap;
  int cases[128], failures[128];  /* per tag */
  int reported;
} replay;

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Unescapes raw[0..n) into the line arena (never longer than the raw text). */
static text unescape(replay *r, const char *raw, size_t n) {
  text t = {0};
  if (n == 2 && raw[0] == '\\' && raw[1] == 'N') {
    t.none = true;
    t.s = "";
    return t;
  }
  char *out = r->arena + r->used;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (raw[i] != '\\' || i + 1 >= n) {
      out[k++] = raw[i];
      continue;
    }
    char c = raw[++i];
    if (c == 't') out[k++] = '\t';
    else if (c == 'n') out[k++] = '\n';
    else if (c == 'r') out[k++] = '\r';
    else if (c == 'x' && i + 2 < n + 0 && hexval(raw[i + 1]) >= 0 && hexval(raw[i + 2]) >= 0) {
      out[k++] = (char)(hexval(raw[i + 1]) * 16 + hexval(raw[i + 2]));
      i += 2;
    } else out[k++] = c;
  }
  out[k] = '\0';
  r->used += k + 1;
  t.s = out;
  t.n = k;
  return t;
}

/* Splits s[0..n) at sep into at most max raw pieces. */
static int split(const char *s, size_t n, char sep, const char **piece, size_t *plen, int max) {
  int count = 0;
  size_t start = 0;
  for (size_t i = 0; i <= n && count < max; i++) {
    if (i == n || s[i] == sep) {
      piece[count] = s + start;
      plen[count] = i - start;
      count++;
      start = i + 1;
    }
  }
  return count;
}

static size_t utf8_put(uint32_t c, char *out) {
  if (c < 0x80) {
    out[0] = (char)c;
    return 1;
  }
  if (c < 0x800) {
    out[0] = (char)(0xC0 | (c >> 6));
    out[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = (char)(0xE0 | (c >> 12));
    out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (c >> 18));
  out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
  out[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

/* Escapes like the generator, for messages. */
static void show(FILE *f, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\\') fputs("\\\\", f);
    else if (c == '\t') fputs("\\t", f);
    else if (c == '\n') fputs("\\n", f);
    else if (c < 0x20 || c == 0x7f || c == '|') fprintf(f, "\\x%02x", c);
    else fputc(c, f);
  }
}

/* Compares an outcome with the expectation field "=TEXT" or "!Kind:message". */
static void verify(replay *r, char tag, int rc, const fmt_buf *b, const fmt_error *e, text want) {
  bool ok;
  if (want.n > 0 && want.s[0] == '=') {
    ok = rc == 0 && b->len == want.n - 1 && (want.n == 1 || memcmp(b->data, want.s + 1, want.n - 1) == 0);
  } else {
    const char *colon = memchr(want.s, ':', want.n);
    size_t klen = colon ? (size_t)(colon - want.s) - 1 : 0;
    ok = rc == -1 && colon && strlen(e->kind) == klen && memcmp(e->kind, want.s + 1, klen) == 0 &&
         strlen(e->msg) == want.n - klen - 2 && memcmp(e->msg, colon + 1, want.n - klen - 2) == 0;
  }
  r->cases[(unsigned char)tag & 127]++;
  if (ok) return;
  r->failures[(unsigned char)tag & 127]++;
  if (r->reported++ >= MAX_REPORT) return;
  fprintf(stderr, "%s:%d: ", FIXTURE, r->lineno);
  show(stderr, r->line, r->line_len > 300 ? 300 : r->line_len);
  fputs("\n    got:      ", stderr);
  if (rc == 0) {
    fputc('=', stderr);
    show(stderr, b->data ? b->data : "", b->len);
  } else {
    fprintf(stderr, "!%s:", e->kind);
    show(stderr, e->msg, strlen(e->msg));
  }
  fputs("\n    expected: ", stderr);
  show(stderr, want.s, want.n);
  fputc('\n', stderr);
}

/* ---- a toy object model for the callbacks (what the interpreter provides) ---- */

typedef struct tval {
  fmt_value v;
  const char *text;   /* FMT_OTHER: str() == repr() */
  int refcnt;         /* 0: owned by the fixture line; else heap-allocated by a callback */
  char *heap_text;
} tval;

static int live_objects;   /* heap tvals not yet released (must return to 0) */

static tval *tval_new(fmt_kind kind) {
  tval *t = calloc(1, sizeof *t);
  if (!t) abort();
  t->v.kind = kind;
  t->v.handle = t;
  t->refcnt = 1;
  live_objects++;
  return t;
}

static void tval_release(tval *t) {
  if (t->refcnt == 0 || --t->refcnt > 0) return;
  free(t->heap_text);
  free(t);
  live_objects--;
}

static const char *kind_type_name(fmt_kind k) {
  switch (k) {
  case FMT_INT: return "int";
  case FMT_BOOL: return "bool";
  case FMT_FLOAT: return "float";
  case FMT_STR: return "str";
  default: return "object";
  }
}

/* item: i:N b:0/1 f:VALUE s:TEXT o:TYPE:TEXT (already unescaped). */
static bool parse_item(text it, tval *t) {
  memset(t, 0, sizeof *t);
  t->v.handle = t;
  if (it.n < 2 || it.s[1] != ':') return false;
  const char *p = it.s + 2;
  size_t n = it.n - 2;
  switch (it.s[0]) {
  case 'i': t->v.kind = FMT_INT; t->v.i = strtoll(p, NULL, 10); break;
  case 'b': t->v.kind = FMT_BOOL; t->v.i = p[0] == '1'; break;
  case 'f': t->v.kind = FMT_FLOAT; t->v.f = strtod(p, NULL); break;
  case 's': t->v.kind = FMT_STR; t->v.s = p; t->v.len = n; break;
  case 'o': {
    char *colon = memchr(p, ':', n);
    if (!colon) return false;
    *colon = '\0';   /* the arena copy is ours */
    t->v.kind = FMT_OTHER;
    t->v.type_name = p;
    t->text = colon + 1;
    t->v.s = colon + 1;
    t->v.len = strlen(colon + 1);
    return true;
  }
  default: return false;
  }
  t->v.type_name = kind_type_name(t->v.kind);
  return true;
}

/* Python's repr()/ascii() of a str whose non-ASCII characters are all printable. */
static void py_repr_str(fmt_buf *o, const char *s, size_t n, bool ascii) {
  bool sq = memchr(s, '\'', n) != NULL, dq = memchr(s, '"', n) != NULL;
  char q = sq && !dq ? '"' : '\'';
  fmt_buf_append(o, &q, 1);
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    char tmp[16];
    if (c >= 0x80) {
      size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (!ascii) {
        fmt_buf_append(o, s + i, len);
      } else {
        uint32_t cp = c & (0xFF >> (len + 1));
        for (size_t k = 1; k < len; k++) cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3F);
        int m = cp < 0x100 ? snprintf(tmp, sizeof tmp, "\\x%02x", cp)
                : cp < 0x10000 ? snprintf(tmp, sizeof tmp, "\\u%04x", cp)
                               : snprintf(tmp, sizeof tmp, "\\U%08x", cp);
        fmt_buf_append(o, tmp, (size_t)m);
      }
      i += len;
      continue;
    }
    i++;
    if (c == (unsigned char)q || c == '\\') {
      tmp[0] = '\\';
      tmp[1] = (char)c;
      fmt_buf_append(o, tmp, 2);
    } else if (c == '\t') fmt_buf_append(o, "\\t", 2);
    else if (c == '\n') fmt_buf_append(o, "\\n", 2);
    else if (c == '\r') fmt_buf_append(o, "\\r", 2);
    else if (c < 0x20 || c == 0x7f) fmt_buf_append(o, tmp, (size_t)snprintf(tmp, sizeof tmp, "\\x%02x", c));
    else fmt_buf_append(o, (const char *)&c, 1);
  }
  fmt_buf_append(o, &q, 1);
}

/* str() ('s'), repr() ('r') or ascii() ('a') of a toy value. */
static void py_text(fmt_buf *o, const tval *t, char conv) {
  char d[32];
  switch (t->v.kind) {
  case FMT_INT: fmt_buf_append(o, d, (size_t)snprintf(d, sizeof d, "%" PRId64, t->v.i)); break;
  case FMT_BOOL: fmt_buf_append(o, t->v.i ? "True" : "False", t->v.i ? 4 : 5); break;
  case FMT_FLOAT: fmt_float_repr(o, t->v.f); break;
  case FMT_STR:
    if (conv == 's') fmt_buf_append(o, t->v.s, t->v.len);
    else py_repr_str(o, t->v.s, t->v.len, conv == 'a');
    break;
  default: fmt_buf_append(o, t->text, strlen(t->text)); break;
  }
}

/* An operand: T|items (tuple), 1|item, L|item (a list), D|key=item... (a dict). */
typedef struct operand {
  char head;
  tval items[MAX_ITEMS];
  text keys[MAX_ITEMS];
  int n;
  tval self;            /* 1 / L: the item; D: the dict itself */
  fmt_buf self_text;    /* D: its repr */
  int lookups, releases;
} operand;

static bool parse_operand(replay *r, const char *raw, size_t n, operand *op) {
  const char *piece[MAX_ITEMS + 1];
  size_t plen[MAX_ITEMS + 1];
  memset(op, 0, sizeof *op);
  fmt_buf_init(&op->self_text);
  int np = split(raw, n, '|', piece, plen, MAX_ITEMS + 1);
  if (np < 1 || plen[0] != 1) return false;
  op->head = piece[0][0];
  for (int i = 1; i < np; i++) {
    text it = unescape(r, piece[i], plen[i]);
    if (op->head == 'D') {
      char *eq = memchr(it.s, '=', it.n);
      if (!eq) return false;
      op->keys[op->n].s = it.s;
      op->keys[op->n].n = (size_t)(eq - it.s);
      it.n -= (size_t)(eq - it.s) + 1;
      it.s = eq + 1;
    }
    if (!parse_item(it, &op->items[op->n++])) return false;
  }
  if (op->head == '1' || op->head == 'L') {
    if (op->n != 1) return false;
    op->self = op->items[0];
    op->self.v.handle = &op->self;
  } else if (op->head == 'D') {
    fmt_buf *o = &op->self_text;
    fmt_buf_append(o, "{", 1);
    for (int i = 0; i < op->n; i++) {
      if (i) fmt_buf_append(o, ", ", 2);
      py_repr_str(o, op->keys[i].s, op->keys[i].n, false);
      fmt_buf_append(o, ": ", 2);
      py_text(o, &op->items[i], 'r');
    }
    fmt_buf_append(o, "}", 1);
    op->self.v.kind = FMT_OTHER;
    op->self.v.type_name = "dict";
    op->self.v.handle = &op->self;
    op->self.text = o->data;
  } else if (op->head != 'T') {
    return false;
  }
  return true;
}

static void key_error(fmt_error *err, const char *key, size_t len) {
  fmt_buf b;
  fmt_buf_init(&b);
  py_repr_str(&b, key, len, false);
  fmt_error_set(err, "KeyError", "%s", b.data);
  fmt_buf_free(&b);
}

/* ---- fmt_percent callbacks ---- */

static int pct_get(void *ctx, int64_t index, fmt_value *out, fmt_error *err) {
  operand *op = ctx;
  if (index < 0) *out = op->self.v;
  else if (index < op->n) *out = op->items[index].v;
  else {
    fmt_error_set(err, "SystemError", "index %" PRId64 " asked of %d items", index, op->n);
    return -1;
  }
  return 0;
}

static int pct_lookup(void *ctx, const char *key, size_t len, fmt_value *out, fmt_error *err) {
  operand *op = ctx;
  if (op->head == 'L') {
    fmt_error_set(err, "TypeError", "list indices must be integers or slices, not str");
    return -1;
  }
  for (int i = 0; i < op->n; i++)
    if (op->keys[i].n == len && memcmp(op->keys[i].s, key, len) == 0) {
      *out = op->items[i].v;
      op->lookups++;
      return 0;
    }
  key_error(err, key, len);
  return -1;
}

static int pct_text_cb(void *ctx, const fmt_value *v, char conv, fmt_buf *out, fmt_error *err) {
  (void)ctx;
  (void)err;
  py_text(out, (const tval *)v->handle, conv);
  return 0;
}

static void pct_release(void *ctx, fmt_value *v) {
  operand *op = ctx;
  (void)v;
  op->releases++;
}

/* ---- fmt_vformat callbacks ---- */

typedef struct vf_ctx {
  operand args, kwargs;
} vf_ctx;

static int vf_field(void *ctx, int64_t index, const char *key, size_t len, void **obj, fmt_error *err) {
  vf_ctx *c = ctx;
  if (index >= 0) {
    if (index >= c->args.n) {
      fmt_error_index_range(err, index);
      return -1;
    }
    *obj = &c->args.items[index];
    return 0;
  }
  for (int i = 0; i < c->kwargs.n; i++)
    if (c->kwargs.keys[i].n == len && memcmp(c->kwargs.keys[i].s, key, len) == 0) {
      *obj = &c->kwargs.items[i];
      return 0;
    }
  key_error(err, key, len);
  return -1;
}

static tval *new_str(const char *s, size_t n) {
  tval *t = tval_new(FMT_STR);
  t->heap_text = malloc(n + 1);
  if (!t->heap_text) abort();
  memcpy(t->heap_text, s, n);
  t->heap_text[n] = '\0';
  t->v.s = t->heap_text;
  t->v.len = n;
  t->v.type_name = "str";
  return t;
}

static int vf_getattr(void *ctx, void *obj, const char *name, size_t len, void **out, fmt_error *err) {
  tval *t = obj;
  (void)ctx;
  bool real = len == 4 && memcmp(name, "real", 4) == 0, imag = len == 4 && memcmp(name, "imag", 4) == 0;
  if ((real || imag) && (t->v.kind == FMT_INT || t->v.kind == FMT_BOOL || t->v.kind == FMT_FLOAT)) {
    tval *r = tval_new(t->v.kind == FMT_FLOAT ? FMT_FLOAT : FMT_INT);
    r->v.type_name = kind_type_name(r->v.kind);
    r->v.i = real ? t->v.i : 0;
    r->v.f = real ? t->v.f : 0.0;
    *out = r;
    return 0;
  }
  fmt_error_set(err, "AttributeError", "'%s' object has no attribute '%.*s'", t->v.type_name, (int)len, name);
  return -1;
}

static int vf_getitem(void *ctx, void *obj, int64_t index, const char *key, size_t len, void **out,
                      fmt_error *err) {
  tval *t = obj;
  (void)ctx;
  (void)key;
  (void)len;
  if (t->v.kind != FMT_STR && t->v.kind != FMT_OTHER) {
    fmt_error_set(err, "TypeError", "'%s' object is not subscriptable", t->v.type_name);
    return -1;
  }
  if (index < 0) {
    fmt_error_set(err, "TypeError", "%s indices must be integers%s", t->v.kind == FMT_STR ? "string" : "list",
                  t->v.kind == FMT_STR ? ", not 'str'" : " or slices, not str");
    return -1;
  }
  if (t->v.kind == FMT_OTHER) {
    fmt_error_set(err, "SystemError", "list items are not modelled");
    return -1;
  }
  size_t pos = 0;
  for (int64_t i = 0; i < index && pos < t->v.len; i++) {
    pos++;
    while (pos < t->v.len && ((unsigned char)t->v.s[pos] & 0xC0) == 0x80) pos++;
  }
  if (pos >= t->v.len) {
    fmt_error_set(err, "IndexError", "string index out of range");
    return -1;
  }
  size_t end = pos + 1;
  while (end < t->v.len && ((unsigned char)t->v.s[end] & 0xC0) == 0x80) end++;
  *out = new_str(t->v.s + pos, end - pos);
  return 0;
}

static int vf_convert(void *ctx, void *obj, char conv, void **out, fmt_error *err) {
  (void)ctx;
  (void)err;
  fmt_buf b;
  fmt_buf_init(&b);
  py_text(&b, obj, conv);
  *out = new_str(b.data ? b.data : "", b.len);
  fmt_buf_free(&b);
  return 0;
}

static int vf_format(void *ctx, void *obj, const char *spec, size_t len, fmt_buf *out, fmt_error *err) {
  tval *t = obj;
  (void)ctx;
  switch (t->v.kind) {
  case FMT_INT: return fmt_format_int(out, t->v.i, spec, len, err);
  case FMT_BOOL: return fmt_format_bool(out, t->v.i != 0, spec, len, err);
  case FMT_FLOAT: return fmt_format_float(out, t->v.f, spec, len, err);
  case FMT_STR: return fmt_format_str(out, t->v.s, t->v.len, spec, len, err);
  default:
    if (len == 0) {
      py_text(out, t, 's');
      return 0;
    }
    fmt_error_set(err, "TypeError", "unsupported format string passed to %s.__format__", t->v.type_name);
    return -1;
  }
}

static void vf_release(void *ctx, void *obj) {
  (void)ctx;
  tval_release(obj);
}

/* ---- one fixture line ---- */

static void run_line(replay *r, const char **f, size_t *fl, int nf) {
  char tag = f[0][0];
  fmt_buf b;
  fmt_error e = {{0}, {0}};
  int rc = 0;
  fmt_buf_init(&b);
  text want = unescape(r, f[nf - 1], fl[nf - 1]);
  switch (tag) {
  case 'i': case 'f': case 's': case 'B': {
    text v = unescape(r, f[1], fl[1]), spec = unescape(r, f[2], fl[2]);
    if (tag == 'i') rc = fmt_format_int(&b, strtoll(v.s, NULL, 10), spec.s, spec.n, &e);
    else if (tag == 'B') rc = fmt_format_bool(&b, v.s[0] == '1', spec.s, spec.n, &e);
    else if (tag == 'f') rc = fmt_format_float(&b, strtod(v.s, NULL), spec.s, spec.n, &e);
    else rc = fmt_format_str(&b, v.s, v.n, spec.s, spec.n, &e);
    break;
  }
  case 'r': {
    text v = unescape(r, f[1], fl[1]);
    rc = fmt_float_repr(&b, strtod(v.s, NULL));
    break;
  }
  case 'p': {
    text fmt = unescape(r, f[1], fl[1]);
    operand op;
    if (!parse_operand(r, f[2], fl[2], &op)) {
      fmt_error_set(&e, "Fixture", "bad operand");
      rc = -1;
      break;
    }
    fmt_percent_args a = {&op, op.head == 'T' ? op.n : -1, op.head == 'D' || op.head == 'L', pct_get,
                          pct_lookup, pct_text_cb, pct_release};
    rc = fmt_percent(&b, fmt.s, fmt.n, &a, &e);
    CHECK_MSG(op.lookups == op.releases, "line %d: %d lookups, %d releases", r->lineno, op.lookups,
              op.releases);
    fmt_buf_free(&op.self_text);
    break;
  }
  case 'P': {
    /* items are "literal|name|spec|conversion"; rebuild the same text from the iterator */
    text fmt = unescape(r, f[1], fl[1]);
    fmt_field_iter it;
    fmt_field fld;
    int item = 2, got;
    fmt_field_iter_init(&it, fmt.s, fmt.n);
    while ((got = fmt_parse_fields(&it, &fld, &e)) == 1) {
      if (item >= nf - 1) {
        fmt_error_set(&e, "Fixture", "extra item");
        break;
      }
      const char *piece[4];
      size_t plen[4];
      if (split(f[item], fl[item], '|', piece, plen, 4) != 4) break;
      text lit = unescape(r, piece[0], plen[0]), name = unescape(r, piece[1], plen[1]),
           spec = unescape(r, piece[2], plen[2]), conv = unescape(r, piece[3], plen[3]);
      char cbuf[8];
      size_t cl = fld.conversion ? utf8_put(fld.conversion, cbuf) : 0;
      bool ok = lit.n == fld.literal_len && memcmp(lit.s, fld.literal, lit.n) == 0 &&
                name.none == !fld.has_field && spec.none == !fld.has_field &&
                (!fld.has_field || (name.n == fld.name_len && memcmp(name.s, fld.name, name.n) == 0 &&
                                    spec.n == fld.spec_len && memcmp(spec.s, fld.spec, spec.n) == 0)) &&
                conv.none == (fld.conversion == 0) && (conv.none || (conv.n == cl && memcmp(conv.s, cbuf, cl) == 0)) &&
                fld.spec_nested == (fld.has_field && memchr(fld.spec, '{', fld.spec_len) != NULL);
      if (!ok) {
        fmt_error_set(&e, "Mismatch", "item %d", item - 1);
        got = -1;
        break;
      }
      item++;
    }
    if (got == 0 && item != nf - 1) {
      fmt_error_set(&e, "Mismatch", "%d items, expected %d", item - 2, nf - 3);
      got = -1;
    }
    rc = got == 0 ? 0 : -1;
    break;
  }
  case 'N': {
    text name = unescape(r, f[1], fl[1]), first = unescape(r, f[2], fl[2]);
    fmt_field_name fn;
    rc = fmt_field_name_split(name.s, name.n, NULL, &fn, &e);
    if (rc) break;
    char expect_first[64];
    if (fn.index >= 0) snprintf(expect_first, sizeof expect_first, "i:%" PRId64, fn.index);
    else snprintf(expect_first, sizeof expect_first, "s:%.*s", (int)fn.first_len, fn.first);
    if (strlen(expect_first) != first.n || memcmp(expect_first, first.s, first.n) != 0) {
      fmt_error_set(&e, "Mismatch", "first part %s", expect_first);
      rc = -1;
      break;
    }
    fmt_name_part part;
    int item = 3, got;
    while ((got = fmt_field_name_next(&fn.rest, &fn.rest_len, &part, &e)) == 1) {
      char buf[96];
      if (part.is_attr) snprintf(buf, sizeof buf, "a:%.*s", (int)part.len, part.name);
      else if (part.index >= 0) snprintf(buf, sizeof buf, "k:i:%" PRId64, part.index);
      else snprintf(buf, sizeof buf, "k:s:%.*s", (int)part.len, part.name);
      text p = item < nf - 1 ? unescape(r, f[item], fl[item]) : (text){"", 0, true};
      if (p.none || strlen(buf) != p.n || memcmp(buf, p.s, p.n) != 0) {
        fmt_error_set(&e, "Mismatch", "part %d is %s", item - 2, buf);
        got = -1;
        break;
      }
      item++;
    }
    if (got == 0 && item != nf - 1) {
      fmt_error_set(&e, "Mismatch", "%d parts, expected %d", item - 3, nf - 4);
      got = -1;
    }
    rc = got == 0 ? 0 : -1;
    break;
  }
  case 'v': {
    text fmt = unescape(r, f[1], fl[1]);
    vf_ctx c;
    if (!parse_operand(r, f[2], fl[2], &c.args) || !parse_operand(r, f[3], fl[3], &c.kwargs)) {
      fmt_error_set(&e, "Fixture", "bad operand");
      rc = -1;
      break;
    }
    fmt_format_args a = {&c, vf_field, vf_getattr, vf_getitem, vf_convert, vf_format, vf_release};
    rc = fmt_vformat(&b, fmt.s, fmt.n, &a, &e);
    CHECK_MSG(live_objects == 0, "line %d: %d objects not released", r->lineno, live_objects);
    live_objects = 0;
    fmt_buf_free(&c.args.self_text);
    fmt_buf_free(&c.kwargs.self_text);
    break;
  }
  default:
    fmt_error_set(&e, "Fixture", "unknown tag %c", tag);
    rc = -1;
    break;
  }
  verify(r, tag, rc, &b, &e, want);
  fmt_buf_free(&b);
}

static void test_fixture(void) {
  FILE *fp = fopen(FIXTURE, "rb");
  CHECK_MSG(fp != NULL, "cannot open %s", FIXTURE);
  if (!fp) return;
  fseek(fp, 0, SEEK_END);
  long size = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  char *data = malloc((size_t)size + 1);
  CHECK(data && fread(data, 1, (size_t)size, fp) == (size_t)size);
  fclose(fp);
  if (!data) return;
  data[size] = '\0';

  replay r;
  memset(&r, 0, sizeof r);
  size_t pos = 0;
  while (pos < (size_t)size) {
    char *nl = memchr(data + pos, '\n', (size_t)size - pos);
    size_t len = (nl ? (size_t)(nl - data) : (size_t)size) - pos;
    const char *line = data + pos;
    pos += len + 1;
    r.lineno++;
    if (len == 0 || line[0] == '#') continue;
    if (2 * len + 64 > r.cap) {
      r.cap = 2 * len + 64;
      free(r.arena);
      r.arena = malloc(r.cap);
      if (!r.arena) abort();
    }
    r.used = 0;
    r.line = line;
    r.line_len = len;
    const char *f[MAX_FIELDS];
    size_t fl[MAX_FIELDS];
    int nf = split(line, len, '\t', f, fl, MAX_FIELDS);
    if (nf < 2 || fl[0] != 1) {
      CHECK_MSG(0, "%s:%d: malformed line", FIXTURE, r.lineno);
      continue;
    }
    run_line(&r, f, fl, nf);
  }
  int total = 0, failed = 0;
  printf("format fixture:");
  for (int t = 0; t < 128; t++) {
    if (!r.cases[t]) continue;
    printf(" %c=%d", t, r.cases[t]);
    if (r.failures[t]) printf("(%d failed)", r.failures[t]);
    total += r.cases[t];
    failed += r.failures[t];
  }
  printf("; %d cases\n", total);
  CHECK_MSG(total >= 1500, "only %d fixture cases", total);
  CHECK_MSG(failed == 0, "%d of %d fixture cases differ from CPython (first %d shown above)", failed, total,
            MAX_REPORT);
  free(r.arena);
  free(data);
}

/* ---- the API's own contracts ---- */

static void test_spec_fields(void) {
  fmt_spec sp;
  fmt_error e;
  const char *s = "中^+z#012_.3f";
  CHECK(fmt_spec_parse(s, strlen(s), "float", &sp, &e) == 0);
  CHECK(sp.fill == 0x4E2D && sp.fill_given && sp.align == '^' && sp.sign == '+' && sp.no_neg_0);
  CHECK(sp.alternate && !sp.zero && sp.width == 12 && sp.grouping == '_' && sp.precision == 3);
  CHECK(sp.has_type && sp.type == 'f');
  CHECK(fmt_spec_parse("010", 3, "int", &sp, &e) == 0);
  CHECK(sp.zero && !sp.fill_given && sp.width == 10 && !sp.align && !sp.has_type);
  CHECK(fmt_spec_parse("", 0, "int", &sp, &e) == 0);
  CHECK(sp.width == -1 && sp.precision == -1 && sp.fill == ' ');
  CHECK(fmt_spec_parse("xx", 2, NULL, &sp, &e) == -1);
  CHECK_STR(e.msg, "Invalid format specifier");
  CHECK_STR(e.kind, "ValueError");
  /* a spec parsed once serves several values */
  fmt_buf b;
  fmt_buf_init(&b);
  CHECK(fmt_spec_parse(">6", 2, "int", &sp, &e) == 0);
  CHECK(fmt_int(&b, 42, &sp, &e) == 0 && fmt_float(&b, 0.5, &sp, &e) == 0 && fmt_str(&b, "中", 3, &sp, &e) == 0);
  CHECK_STR(b.data, "    42   0.5     中");
  fmt_buf_free(&b);
  CHECK(b.data == NULL && b.len == 0);
}

static void test_buffer(void) {
  fmt_buf b;
  fmt_buf_init(&b);
  CHECK(fmt_buf_append(&b, "", 0) && b.data && b.data[0] == '\0');
  for (int i = 0; i < 1000; i++) CHECK(fmt_buf_append(&b, "abc", 3));
  CHECK(b.len == 3000 && b.cap > 3000 && !b.oom && b.data[3000] == '\0');
  fmt_buf_free(&b);
  /* an absurd width is a MemoryError, not a crash */
  fmt_error e;
  CHECK(fmt_format_int(&b, 1, "99999999999", 11, &e) == -1);
  CHECK_STR(e.kind, "MemoryError");
  fmt_buf_free(&b);
  CHECK(fmt_format_float(&b, 1.0, ".2000000000f", 12, &e) == -1);
  CHECK_STR(e.kind, "MemoryError");
  fmt_buf_free(&b);
  /* long messages are cut at a character boundary */
  char spec[300];
  for (int i = 0; i < 299; i++) spec[i] = i % 2 ? 'a' : '\xc3';
  for (int i = 1; i < 299; i += 2) spec[i] = '\xa9';
  spec[299] = '\0';
  CHECK(fmt_format_str(&b, "x", 1, spec, 298, &e) == -1);
  size_t n = strlen(e.msg);
  CHECK(n < sizeof e.msg && n > 200);
  CHECK(((unsigned char)e.msg[n - 1] & 0xC0) == 0x80 || (unsigned char)e.msg[n - 1] < 0x80);
  fmt_buf_free(&b);
}

static void test_autonum(void) {
  fmt_autonum an = {0, 0};
  fmt_field_name fn;
  fmt_error e;
  CHECK(fmt_field_name_split("", 0, &an, &fn, &e) == 0 && fn.index == 0);
  CHECK(fmt_field_name_split(".x", 2, &an, &fn, &e) == 0 && fn.index == 1 && fn.rest_len == 2);
  CHECK(fmt_field_name_split("name", 4, &an, &fn, &e) == 0 && fn.index == -1);  /* keywords are fine */
  CHECK(fmt_field_name_split("2", 1, &an, &fn, &e) == -1);
  CHECK_STR(e.msg, "cannot switch from automatic field numbering to manual field specification");
  fmt_autonum man = {0, 0};
  CHECK(fmt_field_name_split("3[a]", 4, &man, &fn, &e) == 0 && fn.index == 3 && fn.first_len == 1);
  CHECK(fmt_field_name_split("", 0, &man, &fn, &e) == -1);
  CHECK_STR(e.msg, "cannot switch from manual field specification to automatic field numbering");
  fmt_error_index_range(&e, 7);
  CHECK_STR(e.kind, "IndexError");
  CHECK_STR(e.msg, "Replacement index 7 out of range for positional args tuple");
  CHECK(fmt_convert_check('r', &e) == 0 && fmt_convert_check('x', &e) == -1);
  CHECK_STR(e.msg, "Unknown conversion specifier x");
}

static void test_percent_ownership(void) {
  /* every looked-up value is released exactly once, on success and on error */
  replay r;
  memset(&r, 0, sizeof r);
  char arena[256];
  r.arena = arena;
  r.cap = sizeof arena;
  operand op;
  const char *raw = "D|a=i:1|b=s:x";
  CHECK(parse_operand(&r, raw, strlen(raw), &op));
  fmt_percent_args a = {&op, -1, true, pct_get, pct_lookup, pct_text_cb, pct_release};
  fmt_buf b;
  fmt_error e;
  fmt_buf_init(&b);
  const char *f1 = "%(a)s-%(b)s-%(a)d";
  CHECK(fmt_percent(&b, f1, strlen(f1), &a, &e) == 0);
  CHECK_STR(b.data, "1-x-1");
  CHECK(op.lookups == 3 && op.releases == 3);
  const char *f2 = "%(a)s%(b)d";
  CHECK(fmt_percent(&b, f2, strlen(f2), &a, &e) == -1);
  CHECK_STR(e.msg, "%d format: a real number is required, not str");
  CHECK(op.lookups == 5 && op.releases == 5);
  fmt_buf_free(&b);
  fmt_buf_free(&op.self_text);
}

static const check_test tests[] = {
  {"fixture", test_fixture},
  {"spec_fields", test_spec_fields},
  {"buffer", test_buffer},
  {"autonum", test_autonum},
  {"percent_ownership", test_percent_ownership},
  {NULL, NULL},
};

int main(int argc, char **argv) { return check_run(tests, argc, argv); }
