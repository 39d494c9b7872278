/*
** kernel/lang/parse_core.c — the parser's machinery: fetching tokens (the furthest one fetched is where
** CPython puts a generic "invalid syntax"), reporting SyntaxErrors with CPython 3.11's locations and
** source text, the backtracking probes that try error rules, and the node constructors.
*/
#include "kernel/lang/parse_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 2500  /* recursion units (brackets, unary operators, ...) before "too many nested parentheses" */

/* ---- parser state ---- */



/* Remembers the first construct we parse but do not support; ast_parse rejects the input at the end. */
void parse_note_unsupported(parser *p, int tok, const char *msg) {
  if (p->unsupported_tok && p->unsupported_tok - 1 <= tok) return;
  p->unsupported_tok = tok + 1;
  p->unsupported_msg = msg;
}

_Noreturn void parse_nomem(parser *p) {
  longjmp(*p->jb, JMP_NOMEM);
}

void *parse_alloc(parser *p, size_t n) {
  void *m = ast_alloc(p->a, n);
  if (!m) parse_nomem(p);
  return m;
}

void parse_vec_push(parser *p, vec *v, void *x) {
  if (v->n == v->cap) {
    int cap = v->cap ? v->cap * 2 : 4;
    void **items = parse_alloc(p, sizeof(void *) * (size_t)cap);
    if (v->n) memcpy(items, v->items, sizeof(void *) * (size_t)v->n);
    v->items = items;
    v->cap = cap;
  }
  v->items[v->n++] = x;
}

ast_expr_list parse_expr_list(vec v) { return (ast_expr_list){(ast_expr **)v.items, v.n}; }
ast_stmt_list parse_stmt_list(vec v) { return (ast_stmt_list){(ast_stmt **)v.items, v.n}; }

/* ---- error reporting ---- */

/* Source line lineno (1-based) of the translated source: [*start, *start + *len), newline excluded. */
static void source_line(parser *p, int lineno, size_t *start, size_t *len) {
  const char *s = p->ls.src;
  size_t i = 0;
  for (int l = 1; l < lineno && i < p->ls.len; l++) {
    const char *nl = memchr(s + i, '\n', p->ls.len - i);
    if (!nl) break;
    i = (size_t)(nl - s) + 1;
  }
  const char *nl = memchr(s + i, '\n', p->ls.len - i);
  *start = i;
  *len = nl ? (size_t)(nl - s) - i : p->ls.len - i;
}

static void set_text(parser *p, size_t start, size_t len) {
  p->err->text = ast_strndup(p->a, p->ls.src + start, len);
  if (!p->err->text) parse_nomem(p);
}


/* CPython's _PyPegen_raise_error_known_location: col and end_col are 1-based byte offsets (end_col <= 0:
   unknown); the text is the tokenizer's current line (with its newline) when the error is on it, else
   the source line without newline. */
static void error_known(parser *p, const char *kind, int lineno, long col, int end_lineno, long end_col,
                        const char *fmt, va_list ap) {
  ast_error *e = p->err;
  if (!p->raising_generic && !p->raising_hard && !rules_on(p)) {
    /* an error rule's message while CPython runs no error rules: a plain failure */
    parse_syntax_error(p);
  }
  p->err_generic = p->raising_generic;
  p->raising_generic = false;
  p->raising_hard = false;
  e->kind = kind;
  vsnprintf(e->msg, sizeof e->msg, fmt, ap);
  if (p->fstring_level && strncmp(e->msg, "f-string: ", 10) != 0) {
    char tmp[256];
    snprintf(tmp, sizeof tmp, "f-string: %.240s", e->msg);
    memcpy(e->msg, tmp, sizeof tmp);
  }
  size_t ls, ll;
  if (p->ls.lineno <= lineno && p->ls.len > p->ls.line_start) {
    /* the tokenizer's buffer: from the line where the last token began to the end of the current line */
    ls = p->ls.buf_start;
    const char *nl = memchr(p->ls.src + p->ls.line_start, '\n', p->ls.len - p->ls.line_start);
    ll = nl ? (size_t)(nl - p->ls.src) + 1 - ls : p->ls.len - ls;
  } else {
    source_line(p, lineno, &ls, &ll);
  }
  set_text(p, ls, ll);
  e->lineno = lineno + p->err_line_offset;
  e->end_lineno = end_lineno + p->err_line_offset;
  if (p->fstring_level) {
    /* CPython's f-string sub-parser: byte offsets, and its column shift (made on the first line of the
       expression only) is taken off every line */
    e->offset = (int)col - (lineno > 1 ? p->fstring_dcol : 0);
    e->end_offset = (int)end_col - (end_lineno > 1 ? p->fstring_dcol : 0);
  } else {
    e->offset = lex_char_offset(p->ls.src + ls, ll, col);
    e->end_offset = end_col > 0 ? lex_char_offset(p->ls.src + ls, ll, end_col) : (int)end_col;
  }
}

_Noreturn void parse_raise_known(parser *p, const char *kind, int lineno, int col0, int end_lineno, int end_col0,
                                  const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  error_known(p, kind, lineno, col0 + 1, end_lineno, end_col0 + 1, fmt, ap);
  va_end(ap);
  longjmp(*p->jb, JMP_SYNTAX);
}

/* CPython's _PyPegen_raise_error: at the last token fetched. */
static void error_last(parser *p, const char *kind, const char *fmt, va_list ap) {
  lex_token *t = parse_tok(p, p->ntoks - 1);
  long col, end_col = -1;
  if (t->col == -1) col = (long)(t->cur - t->line_start);
  else col = t->col + 1;
  if (t->end_col != -1) end_col = t->end_col + 1;
  error_known(p, kind, t->lineno, col, t->end_lineno, end_col, fmt, ap);
}

_Noreturn void parse_raise_last(parser *p, const char *kind, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  error_last(p, kind, fmt, ap);
  va_end(ap);
  longjmp(*p->jb, JMP_SYNTAX);
}

_Noreturn void parse_raise_at_node(parser *p, ast_pos pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  error_known(p, "SyntaxError", pos.lineno, pos.col + 1, pos.end_lineno, pos.end_col + 1, fmt, ap);
  va_end(ap);
  longjmp(*p->jb, JMP_SYNTAX);
}

_Noreturn void parse_raise_range(parser *p, ast_pos a, ast_pos b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  error_known(p, "SyntaxError", a.lineno, a.col + 1, b.end_lineno, b.end_col + 1, fmt, ap);
  va_end(ap);
  longjmp(*p->jb, JMP_SYNTAX);
}

/* "'(' was never closed" at the innermost open bracket (the end offset is 0, as CPython's). */
void parse_unclosed_paren(parser *p) {
  lex_state *ls = &p->ls;
  int lineno = ls->parenlineno[ls->level - 1], col = ls->parencol[ls->level - 1];
  ast_error *e = p->err;
  size_t s, l;
  if (ls->lineno <= lineno && ls->len > ls->line_start) {
    s = ls->buf_start;
    const char *nl = memchr(ls->src + ls->line_start, '\n', ls->len - ls->line_start);
    l = nl ? (size_t)(nl - ls->src) + 1 - s : ls->len - s;
  } else {
    source_line(p, lineno, &s, &l);
  }
  set_text(p, s, l);
  e->kind = "SyntaxError";
  snprintf(e->msg, sizeof e->msg, "'%c' was never closed", ls->parenstack[ls->level - 1]);
  e->lineno = e->end_lineno = lineno;
  e->offset = lex_char_offset(ls->src + s, l, col + 1);
  e->end_offset = 0;
}

/* The tokenizer failed on the token just fetched: CPython's tokenizer_error. */
_Noreturn void parse_lexer_error(parser *p) {
  lex_state *ls = &p->ls;
  ast_error *e = p->err;
  p->raising_hard = true;
  p->err_from_lexer = true;
  p->err_at_eof = ls->eof;
  switch (ls->done) {
  case LEX_E_SYNTAX: {
    size_t s = ls->err_line_start;
    const char *nl = memchr(ls->src + s, '\n', ls->len - s);
    size_t l = nl ? (size_t)(nl - ls->src) - s : ls->len - s;
    set_text(p, s, l);
    e->kind = "SyntaxError";
    snprintf(e->msg, sizeof e->msg, "%s", ls->err_msg);
    e->lineno = e->end_lineno = ls->err_lineno;
    e->offset = ls->err_offset;
    e->end_offset = ls->err_end_offset;
    break;
  }
  case LEX_E_EOF:
    if (ls->level) {
      parse_unclosed_paren(p);
    } else {
      parse_raise_last(p, "SyntaxError", "unexpected EOF while parsing");
    }
    break;
  case LEX_E_DEDENT:
    parse_raise_last(p, "IndentationError", "unindent does not match any outer indentation level");
  case LEX_E_TABSPACE:
    parse_raise_known(p, "TabError", ls->lineno, 0, ls->lineno, -1, "inconsistent use of tabs and spaces in indentation");
  case LEX_E_TOODEEP:
    parse_raise_known(p, "IndentationError", ls->lineno, 0, ls->lineno, -1, "too many levels of indentation");
  case LEX_E_LINECONT:
    parse_raise_known(p, "SyntaxError", ls->lineno, (int)(ls->pos - ls->line_start) - 1, ls->lineno, -1,
                "unexpected character after line continuation character");
  default:
    parse_nomem(p);
  }
  longjmp(*p->jb, JMP_LEXER);
}

/* ---- tokens ---- */

lex_token *parse_tok_at(parser *p, int i) {
  while (p->ntoks <= i) {
    if (p->ntoks > 0 && parse_tok(p, p->ntoks - 1)->type == LEX_ENDMARKER) {
      return parse_tok(p, p->ntoks - 1);
    }
    if (p->ntoks == p->nchunks * PARSE_TOK_CHUNK) {
      /* tokens live in fixed chunks: pointers to them stay valid as more are fetched */
      if (p->nchunks == p->chunks_cap) {
        int cap = p->chunks_cap ? p->chunks_cap * 2 : 16;
        lex_token **nc = parse_alloc(p, sizeof(lex_token *) * (size_t)cap);
        if (p->nchunks) memcpy(nc, p->chunks, sizeof(lex_token *) * (size_t)p->nchunks);
        p->chunks = nc;
        p->chunks_cap = cap;
      }
      p->chunks[p->nchunks++] = parse_alloc(p, sizeof(lex_token) * PARSE_TOK_CHUNK);
    }
    int idx = p->ntoks++;
    lex_token *t = parse_tok(p, idx);
    lex_next(&p->ls, t);
    t->idx = idx;
    if (t->type == LEX_ERROR) {
      if (!p->probing) p->max_seen = p->ntoks - 1;
      parse_lexer_error(p);
    }
  }
  if (!p->probing && i > p->max_seen) p->max_seen = i;
  return parse_tok(p, i);
}

/* The generic error: "invalid syntax" at the furthest token the parser looked at. */
_Noreturn void parse_syntax_error(parser *p) {
  lex_token *t = parse_tok(p, p->max_seen);
  p->raising_generic = true;
  if (t->type == LEX_INDENT || t->type == LEX_DEDENT) {
    p->no_rescan = true;
    parse_raise_last(p, "IndentationError", t->type == LEX_INDENT ? "unexpected indent" : "unexpected unindent");
  }
  parse_raise_known(p, "SyntaxError", t->lineno, t->col, t->end_lineno, t->end_col, "invalid syntax");
}

void parse_expect(parser *p, lex_type t) {
  if (!accept(p, t)) parse_syntax_error(p);
}

/* A forced token (&&'x' in the grammar): "expected 'x'" at the current token. */
void parse_expect_forced(parser *p, lex_type t, const char *what) {
  if (accept(p, t)) return;
  lex_token *c = peek(p);
  p->raising_hard = true;
  parse_raise_known(p, "SyntaxError", c->lineno, c->col, c->end_lineno, c->end_col, "expected '%s'", what);
}

ast_pos parse_span(parser *p, int first, int last) {
  lex_token *a = parse_tok(p, first), *b = parse_tok(p, last);
  return (ast_pos){a->lineno, a->col, b->end_lineno, b->end_col};
}
ast_pos parse_span_to_here(parser *p, int first) { return parse_span(p, first, p->pos - 1); }

char *parse_tok_str(parser *p, lex_token *t) {
  char *s = ast_strndup(p->a, t->start, t->len);
  if (!s) parse_nomem(p);
  return s;
}

void parse_enter(parser *p) {
  if (++p->depth > MAX_DEPTH) {
    lex_token *t = peek(p);
    p->raising_hard = true;
    parse_raise_known(p, "SyntaxError", t->lineno, t->col, t->end_lineno, t->end_col, "too many nested parentheses");
  }
}
void parse_leave(parser *p) { p->depth--; }

/* ---- error probes ---- */

/* Runs fn(p, arg); a generic failure inside is caught: NULL, position and error state restored (PEG
   backtracking). Specific errors, tokenizer errors and out-of-memory propagate. counting: the tokens it
   fetches move the generic error (an alternative of the first pass) or not (an error rule's lookahead). */
static void *probe_impl(parser *p, probe_fn fn, void *arg, bool counting) {
  jmp_buf jb, *saved = p->jb;
  volatile int pos = p->pos, depth = p->depth;
  volatile bool gen = p->err_generic, norescan = p->no_rescan;
  void *volatile r = NULL;
  volatile int probing = p->probing, no_invalid = p->no_invalid;
  if (!counting) p->probing++;
  p->jb = &jb;
  int code = setjmp(jb);
  if (code == 0) {
    r = fn(p, arg);
  } else if (code == JMP_SYNTAX && p->err_generic) {
    /* a generic failure: the alternative does not match; a specific error propagates */
    r = NULL;
    p->pos = pos;
    p->err_generic = gen;
    p->no_rescan = norescan;
    code = 0;
  }
  p->jb = saved;
  p->probing = probing;
  p->no_invalid = no_invalid;
  p->depth = depth;
  if (code != 0) longjmp(*p->jb, code);
  return r;
}

/* An error rule (CPython's invalid_*): NULL at once when those rules are off (CPython's first pass,
   expression_without_invalid); its tokens do not move the generic error. */
void *parse_try_rule(parser *p, probe_fn fn, void *arg) {
  if (!rules_on(p)) return NULL;
  return probe_impl(p, fn, arg, false);
}
/* A real alternative tried first: its tokens count as seen. */
void *parse_try_alt(parser *p, probe_fn fn, void *arg) { return probe_impl(p, fn, arg, true); }

/* ---- node constructors ---- */

ast_expr *parse_new_expr(parser *p, ast_expr_kind kind, ast_pos pos) {
  ast_expr *e = parse_alloc(p, sizeof *e);
  e->kind = kind;
  e->pos = pos;
  return e;
}

ast_stmt *parse_new_stmt(parser *p, ast_stmt_kind kind, ast_pos pos) {
  ast_stmt *s = parse_alloc(p, sizeof *s);
  s->kind = kind;
  s->pos = pos;
  return s;
}

ast_expr *parse_new_name(parser *p, lex_token *t, ast_ctx ctx) {
  ast_expr *e = parse_new_expr(p, AST_E_NAME, (ast_pos){t->lineno, t->col, t->end_lineno, t->end_col});
  e->u.name.id = parse_tok_str(p, t);
  e->u.name.ctx = ctx;
  return e;
}

const char *parse_expr_name(const ast_expr *e) {
  switch (e->kind) {
  case AST_E_ATTRIBUTE: return "attribute";
  case AST_E_SUBSCRIPT: return "subscript";
  case AST_E_STARRED: return "starred";
  case AST_E_NAME: return "name";
  case AST_E_LIST: return "list";
  case AST_E_TUPLE: return "tuple";
  case AST_E_LAMBDA: return "lambda";
  case AST_E_CALL: return "function call";
  case AST_E_BOOLOP: case AST_E_BINOP: case AST_E_UNARYOP: return "expression";
  case AST_E_GENEXP: return "generator expression";
  case AST_E_YIELD: case AST_E_YIELDFROM: return "yield expression";
  case AST_E_LISTCOMP: return "list comprehension";
  case AST_E_SETCOMP: return "set comprehension";
  case AST_E_DICTCOMP: return "dict comprehension";
  case AST_E_DICT: return "dict literal";
  case AST_E_SET: return "set display";
  case AST_E_JOINEDSTR: case AST_E_FORMATTED: return "f-string expression";
  case AST_E_CONSTANT:
    switch (e->u.constant.kind) {
    case AST_C_NONE: return "None";
    case AST_C_FALSE: return "False";
    case AST_C_TRUE: return "True";
    case AST_C_ELLIPSIS: return "ellipsis";
    default: return "literal";
    }
  case AST_E_COMPARE: return "comparison";
  case AST_E_IFEXP: return "conditional expression";
  case AST_E_NAMEDEXPR: return "named expression";
  case AST_E_KIND_COUNT: return "await expression";   /* the await placeholder */
  default: return "expression";
  }
}
