/*
** kernel/lang/parser.c — recursive-descent parser for the ctorch language (Python 3.11's grammar
** without async/await and match), building the AST of ast.h with CPython's positions, and reporting
** syntax errors with CPython 3.11's messages and locations. Errors unwind with one longjmp to
** ast_parse: all memory lives in the arena. Each parse function starts with its grammar rule.
*/
#include "kernel/lang/ast.h"
#include "kernel/lang/lexer.h"

#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 2500  /* recursion units (brackets, unary operators, ...) before "too many nested parentheses" */

/* ---- parser state ---- */

enum { JMP_SYNTAX = 1, JMP_LEXER, JMP_NOMEM };

/* lex_token.memo bits: a rule already failed (generically) at that token — keeps the backtracking
   of error rules linear, as CPython's memoization does. */
enum { MEMO_CALL = 1, MEMO_SUBSCRIPT = 2, MEMO_EXPR_NOINV = 4, MEMO_LEGACY = 8 };

typedef struct parser {
  ast_arena *a;
  lex_state ls;
  lex_token *toks;        /* tokens fetched so far */
  int ntoks, cap;
  int pos;                /* current token */
  int max_seen;           /* furthest token fetched outside error probes */
  int probing;            /* > 0 while trying an error rule */
  jmp_buf *jb;
  ast_error *err;
  int depth;
  ast_mode mode;
  bool err_from_lexer;    /* the error came from the tokenizer */
  bool err_at_eof;        /* the tokenizer had run off the end when the error was raised */
  bool err_generic;       /* the error is a generic failure (a probe may catch it) */
  bool raising_generic;   /* set by syntax_error for the raise under way */
  bool raising_hard;      /* the raise under way is not an error rule's (forced token, tokenizer, f-string) */
  bool no_rescan;         /* "unexpected indent": no full-source re-scan */
  bool first_pass;         /* codeop emulation: CPython's first pass runs no error rules */
  int err_line_offset;     /* f-string sub-parser: added to error line numbers */
  int fstring_dcol;        /* f-string sub-parser: CPython's starting_col_offset (bytes) */
  int no_invalid;          /* > 0 inside expression_without_invalid: error rules are off */
  ast_expr *last_bare_tuple; /* the last tuple star_expressions built without parentheses */
  /* f-string sub-parse */
  int fstring_level;
} parser;

/* Are CPython's invalid_* error rules active (its second pass, outside expression_without_invalid)? */
static bool rules_on(const struct parser *p) { return !p->first_pass && !p->no_invalid; }

typedef struct vec { void **items; int n, cap; } vec;

static _Noreturn void nomem(parser *p) {
  longjmp(*p->jb, JMP_NOMEM);
}

static void *alloc(parser *p, size_t n) {
  void *m = ast_alloc(p->a, n);
  if (!m) nomem(p);
  return m;
}

static void vec_push(parser *p, vec *v, void *x) {
  if (v->n == v->cap) {
    int cap = v->cap ? v->cap * 2 : 4;
    void **items = alloc(p, sizeof(void *) * (size_t)cap);
    if (v->n) memcpy(items, v->items, sizeof(void *) * (size_t)v->n);
    v->items = items;
    v->cap = cap;
  }
  v->items[v->n++] = x;
}

static ast_expr_list expr_list(vec v) { return (ast_expr_list){(ast_expr **)v.items, v.n}; }
static ast_stmt_list stmt_list(vec v) { return (ast_stmt_list){(ast_stmt **)v.items, v.n}; }

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
  if (!p->err->text) nomem(p);
}

static _Noreturn void syntax_error(parser *p);

/* CPython's _PyPegen_raise_error_known_location: col and end_col are 1-based byte offsets (end_col <= 0:
   unknown); the text is the tokenizer's current line (with its newline) when the error is on it, else
   the source line without newline. */
static void error_known(parser *p, const char *kind, int lineno, long col, int end_lineno, long end_col,
                        const char *fmt, va_list ap) {
  ast_error *e = p->err;
  if (!p->raising_generic && !p->raising_hard && !rules_on(p)) {
    /* an error rule's message while CPython runs no error rules: a plain failure */
    syntax_error(p);
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

static _Noreturn void raise_known(parser *p, const char *kind, int lineno, int col0, int end_lineno, int end_col0,
                                  const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  error_known(p, kind, lineno, col0 + 1, end_lineno, end_col0 + 1, fmt, ap);
  va_end(ap);
  longjmp(*p->jb, JMP_SYNTAX);
}

/* CPython's _PyPegen_raise_error: at the last token fetched. */
static void error_last(parser *p, const char *kind, const char *fmt, va_list ap) {
  lex_token *t = &p->toks[p->ntoks - 1];
  long col, end_col = -1;
  if (t->col == -1) col = (long)(t->cur - t->line_start);
  else col = t->col + 1;
  if (t->end_col != -1) end_col = t->end_col + 1;
  error_known(p, kind, t->lineno, col, t->end_lineno, end_col, fmt, ap);
}

static _Noreturn void raise_last(parser *p, const char *kind, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  error_last(p, kind, fmt, ap);
  va_end(ap);
  longjmp(*p->jb, JMP_SYNTAX);
}

static _Noreturn void raise_at_node(parser *p, ast_pos pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  error_known(p, "SyntaxError", pos.lineno, pos.col + 1, pos.end_lineno, pos.end_col + 1, fmt, ap);
  va_end(ap);
  longjmp(*p->jb, JMP_SYNTAX);
}

static _Noreturn void raise_range(parser *p, ast_pos a, ast_pos b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  error_known(p, "SyntaxError", a.lineno, a.col + 1, b.end_lineno, b.end_col + 1, fmt, ap);
  va_end(ap);
  longjmp(*p->jb, JMP_SYNTAX);
}

static void unclosed_paren(parser *p) {
  lex_state *ls = &p->ls;
  int lineno = ls->parenlineno[ls->level - 1], col = ls->parencol[ls->level - 1];
  va_list ap;
  char fmt[] = "'%c' was never closed";
  (void)ap;
  /* error_known takes a va_list; format by hand */
  char msg[64];
  snprintf(msg, sizeof msg, fmt, ls->parenstack[ls->level - 1]);
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
  snprintf(e->msg, sizeof e->msg, "%s", msg);
  e->lineno = e->end_lineno = lineno;
  e->offset = lex_char_offset(ls->src + s, l, col + 1);
  e->end_offset = 0;
}

/* The tokenizer failed on the token just fetched: CPython's tokenizer_error. */
static _Noreturn void lexer_error(parser *p) {
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
      unclosed_paren(p);
    } else {
      va_list ap;
      memset(&ap, 0, sizeof ap);
      raise_last(p, "SyntaxError", "unexpected EOF while parsing");
    }
    break;
  case LEX_E_DEDENT:
    raise_last(p, "IndentationError", "unindent does not match any outer indentation level");
  case LEX_E_TABSPACE:
    raise_known(p, "TabError", ls->lineno, 0, ls->lineno, -1, "inconsistent use of tabs and spaces in indentation");
  case LEX_E_TOODEEP:
    raise_known(p, "IndentationError", ls->lineno, 0, ls->lineno, -1, "too many levels of indentation");
  case LEX_E_LINECONT:
    raise_known(p, "SyntaxError", ls->lineno, (int)(ls->pos - ls->line_start) - 1, ls->lineno, -1,
                "unexpected character after line continuation character");
  default:
    nomem(p);
  }
  longjmp(*p->jb, JMP_LEXER);
}

/* ---- tokens ---- */

static lex_token *tok_at(parser *p, int i) {
  while (p->ntoks <= i) {
    if (p->ntoks > 0 && p->toks[p->ntoks - 1].type == LEX_ENDMARKER) {
      return &p->toks[p->ntoks - 1];
    }
    if (p->ntoks == p->cap) {
      int cap = p->cap ? p->cap * 2 : 256;
      lex_token *nt = alloc(p, sizeof(lex_token) * (size_t)cap);
      if (p->ntoks) memcpy(nt, p->toks, sizeof(lex_token) * (size_t)p->ntoks);
      p->toks = nt;
      p->cap = cap;
    }
    lex_token *t = &p->toks[p->ntoks++];
    lex_next(&p->ls, t);
    if (t->type == LEX_ERROR) {
      if (!p->probing) p->max_seen = p->ntoks - 1;
      lexer_error(p);
    }
  }
  if (!p->probing && i > p->max_seen) p->max_seen = i;
  return &p->toks[i];
}

static lex_token *peek(parser *p) { return tok_at(p, p->pos); }
/* Token pos+k, fetched without counting as seen by the generic error (a lookahead of an error rule). */
static lex_token *peek_quiet(parser *p, int k) {
  p->probing++;
  lex_token *t = tok_at(p, p->pos + k);
  p->probing--;
  return t;
}
static lex_token *peek2(parser *p) { return tok_at(p, p->pos + 1); }
static lex_type peek_type(parser *p) { return peek(p)->type; }
static bool at(parser *p, lex_type t) { return peek(p)->type == t; }
static bool at_kw(parser *p, lex_kw k) {
  lex_token *t = peek(p);
  return t->type == LEX_NAME && t->kw == k;
}
static bool at_name(parser *p) {
  lex_token *t = peek(p);
  return t->type == LEX_NAME && t->kw == LEX_KW_NONE_;
}
static lex_token *advance(parser *p) {
  lex_token *t = peek(p);
  p->pos++;
  return t;
}
static bool accept(parser *p, lex_type t) {
  if (!at(p, t)) return false;
  p->pos++;
  return true;
}
static bool accept_kw(parser *p, lex_kw k) {
  if (!at_kw(p, k)) return false;
  p->pos++;
  return true;
}

/* The generic error: "invalid syntax" at the furthest token the parser looked at. */
static _Noreturn void syntax_error(parser *p) {
  lex_token *t = &p->toks[p->max_seen];
  p->raising_generic = true;
  if (t->type == LEX_INDENT || t->type == LEX_DEDENT) {
    p->no_rescan = true;
    raise_last(p, "IndentationError", t->type == LEX_INDENT ? "unexpected indent" : "unexpected unindent");
  }
  raise_known(p, "SyntaxError", t->lineno, t->col, t->end_lineno, t->end_col, "invalid syntax");
}

static void expect(parser *p, lex_type t) {
  if (!accept(p, t)) syntax_error(p);
}

/* A forced token (&&'x' in the grammar): "expected 'x'" at the current token. */
static void expect_forced(parser *p, lex_type t, const char *what) {
  if (accept(p, t)) return;
  lex_token *c = peek(p);
  p->raising_hard = true;
  raise_known(p, "SyntaxError", c->lineno, c->col, c->end_lineno, c->end_col, "expected '%s'", what);
}

static ast_pos span(parser *p, int first, int last) {
  lex_token *a = &p->toks[first], *b = &p->toks[last];
  return (ast_pos){a->lineno, a->col, b->end_lineno, b->end_col};
}
static ast_pos span_to_here(parser *p, int first) { return span(p, first, p->pos - 1); }

static char *tok_str(parser *p, lex_token *t) {
  char *s = ast_strndup(p->a, t->start, t->len);
  if (!s) nomem(p);
  return s;
}

static void enter(parser *p) {
  if (++p->depth > MAX_DEPTH) {
    lex_token *t = peek(p);
    p->raising_hard = true;
    raise_known(p, "SyntaxError", t->lineno, t->col, t->end_lineno, t->end_col, "too many nested parentheses");
  }
}
static void leave(parser *p) { p->depth--; }

/* ---- error probes ---- */

/* Runs fn(p, arg) with syntax errors caught: returns its result, or NULL (position restored) when it
   raised one. Tokenizer errors and out-of-memory propagate. */
typedef void *(*probe_fn)(parser *p, void *arg);
static void *probe_impl(parser *p, probe_fn fn, void *arg, bool counting) {
  jmp_buf jb, *saved = p->jb;
  if (!rules_on(p) && arg == (void *)&p->first_pass) return NULL;   /* an error rule */
  volatile int pos = p->pos, depth = p->depth;
  ast_error saved_err = *p->err;
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
    *p->err = saved_err;
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

/* An error rule: its tokens do not move the generic error, and CPython's first pass skips it. */
static void *probe(parser *p, probe_fn fn, void *arg) { return probe_impl(p, fn, arg, false); }
/* A real alternative tried first: its tokens count as seen. */
static void *probe_alt(parser *p, probe_fn fn, void *arg) { return probe_impl(p, fn, arg, true); }

/* ---- node constructors ---- */

static ast_expr *new_expr(parser *p, ast_expr_kind kind, ast_pos pos) {
  ast_expr *e = alloc(p, sizeof *e);
  e->kind = kind;
  e->pos = pos;
  return e;
}

static ast_stmt *new_stmt(parser *p, ast_stmt_kind kind, ast_pos pos) {
  ast_stmt *s = alloc(p, sizeof *s);
  s->kind = kind;
  s->pos = pos;
  return s;
}

static ast_expr *new_name(parser *p, lex_token *t, ast_ctx ctx) {
  ast_expr *e = new_expr(p, AST_E_NAME, (ast_pos){t->lineno, t->col, t->end_lineno, t->end_col});
  e->u.name.id = tok_str(p, t);
  e->u.name.ctx = ctx;
  return e;
}

static const char *expr_name(const ast_expr *e) {
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
  default: return "expression";
  }
}

/* ---- targets ---- */

typedef enum { T_STAR, T_DEL, T_FOR } target_type;

/* CPython's _PyPegen_get_invalid_target. */
static ast_expr *invalid_target(ast_expr *e, target_type tt) {
  if (!e) return NULL;
  switch (e->kind) {
  case AST_E_LIST:
  case AST_E_TUPLE:
    for (int i = 0; i < e->u.seq.elts.n; i++) {
      ast_expr *c = invalid_target(e->u.seq.elts.items[i], tt);
      if (c) return c;
    }
    return NULL;
  case AST_E_STARRED:
    if (tt == T_DEL) return e;
    return invalid_target(e->u.starred.value, tt);
  case AST_E_COMPARE:
    if (tt == T_FOR) {
      if (e->u.compare.ops[0] == AST_IN) return invalid_target(e->u.compare.left, tt);
      return NULL;
    }
    return e;
  case AST_E_NAME: case AST_E_SUBSCRIPT: case AST_E_ATTRIBUTE:
    return NULL;
  default:
    return e;
  }
}

static _Noreturn void raise_invalid_target(parser *p, ast_expr *e, target_type tt) {
  ast_expr *bad = invalid_target(e, tt);
  if (!bad) syntax_error(p);
  raise_at_node(p, bad->pos, tt == T_DEL ? "cannot delete %s" : "cannot assign to %s", expr_name(bad));
}

/* Is e a valid assignment (or del) target? Starred only inside a list/tuple for assignments. */
static bool valid_target(ast_expr *e, target_type tt, bool top) {
  switch (e->kind) {
  case AST_E_NAME: case AST_E_ATTRIBUTE: case AST_E_SUBSCRIPT: return true;
  case AST_E_STARRED: return tt != T_DEL && valid_target(e->u.starred.value, tt, false) &&
                             e->u.starred.value->kind != AST_E_STARRED;
  case AST_E_LIST: case AST_E_TUPLE:
    for (int i = 0; i < e->u.seq.elts.n; i++)
      if (!valid_target(e->u.seq.elts.items[i], tt, false)) return false;
    return true;
  default: return false;
  }
  (void)top;
}

static void set_ctx(ast_expr *e, ast_ctx ctx) {
  switch (e->kind) {
  case AST_E_NAME: e->u.name.ctx = ctx; break;
  case AST_E_ATTRIBUTE: e->u.attribute.ctx = ctx; break;
  case AST_E_SUBSCRIPT: e->u.subscript.ctx = ctx; break;
  case AST_E_STARRED: e->u.starred.ctx = ctx; set_ctx(e->u.starred.value, ctx); break;
  case AST_E_LIST: case AST_E_TUPLE:
    e->u.seq.ctx = ctx;
    for (int i = 0; i < e->u.seq.elts.n; i++) set_ctx(e->u.seq.elts.items[i], ctx);
    break;
  default: break;
  }
}

/* ---- expressions ---- */

static ast_expr *expression(parser *p);
static ast_expr *named_expression(parser *p);
static ast_expr *star_expressions(parser *p);
static ast_expr *star_named_expression(parser *p);
static ast_expr *bitwise_or(parser *p);
static ast_expr *disjunction(parser *p);
static ast_expr *yield_expr(parser *p);
static ast_expr *primary(parser *p);
static ast_expr *atom(parser *p);
static ast_expr *strings(parser *p);
static ast_arguments *lambda_params(parser *p);
static void for_if_clauses(parser *p, ast_comprehension **gens, int *ngens);
static void call_arguments(parser *p, ast_expr *call, int start, bool genexp_ok);

/* Can the current token start an expression? */
static bool starts_expression(parser *p) {
  lex_token *t = peek(p);
  switch (t->type) {
  case LEX_NAME:
    switch (t->kw) {
    case LEX_KW_NONE_: case LEX_KW_TRUE: case LEX_KW_FALSE: case LEX_KW_NONE: case LEX_KW_NOT:
    case LEX_KW_LAMBDA: case LEX_KW_AWAIT:
      return true;
    default:
      return false;
    }
  case LEX_NUMBER: case LEX_STRING: case LEX_LPAR: case LEX_LSQB: case LEX_LBRACE: case LEX_MINUS:
  case LEX_PLUS: case LEX_TILDE: case LEX_ELLIPSIS:
    return true;
  default:
    return false;
  }
}

/* SOFT_KEYWORD as CPython 3.11 tests it: any name that is a prefix of "match" or "case", or "_". */
/* Can token pos+k start an operand (an inversion when allow_not, else a factor)? A binary operator
   whose operand cannot start is left unconsumed, as PEG's loops give up on it. */
static bool starts_operand(parser *p, int k, bool allow_not) {
  lex_token *t = tok_at(p, p->pos + k);
  switch (t->type) {
  case LEX_NAME:
    return t->kw == LEX_KW_NONE_ || t->kw == LEX_KW_TRUE || t->kw == LEX_KW_FALSE || t->kw == LEX_KW_NONE ||
           t->kw == LEX_KW_AWAIT || (allow_not && t->kw == LEX_KW_NOT);
  case LEX_NUMBER: case LEX_STRING: case LEX_LPAR: case LEX_LSQB: case LEX_LBRACE: case LEX_MINUS:
  case LEX_PLUS: case LEX_TILDE: case LEX_ELLIPSIS:
    return true;
  default:
    return false;
  }
}

static bool is_soft_keyword(lex_token *t) {
  return t->type == LEX_NAME && t->kw == LEX_KW_NONE_ &&
         ((t->len <= 5 && memcmp(t->start, "match", t->len) == 0) || (t->len <= 4 && memcmp(t->start, "case", t->len) == 0) ||
          (t->len == 1 && t->start[0] == '_'));
}

static bool is_legacy_name(ast_expr *e) {
  return e->kind == AST_E_NAME && (strcmp(e->u.name.id, "print") == 0 || strcmp(e->u.name.id, "exec") == 0);
}

static void *probe_expression_noinvalid(parser *p, void *arg);
static void *probe_disjunction(parser *p, void *arg) {
  (void)arg;
  return disjunction(p);
}
static void *probe_star_expressions(parser *p, void *arg) {
  (void)arg;
  return star_expressions(p);
}
static void *probe_bitwise_or(parser *p, void *arg);
static bool starts_with_display(parser *p, int start);
static bool is_bitwise_or_level(parser *p, ast_expr *e, int start);

/* invalid_named_expression at '=': NAME '=' bitwise_or !('='|':=') -> "Maybe you meant '==' or ':='";
   !(list|tuple|genexp|True|None|False) bitwise_or '=' bitwise_or !('='|':=') -> "cannot assign to X here". */
static void invalid_named_eq(parser *p, ast_expr *e, int start) {
  if (!rules_on(p) || !at(p, LEX_EQUAL)) return;
  int save = p->pos;
  bool is_name = e->kind == AST_E_NAME && p->toks[start].type == LEX_NAME && save == start + 1;
  if (!is_name && (starts_with_display(p, start) || !is_bitwise_or_level(p, e, start))) return;
  p->probing++;   /* an error rule's lookahead */
  advance(p);
  ast_expr *rhs = probe(p, probe_bitwise_or, &p->first_pass);
  if (rhs && !at(p, LEX_EQUAL) && !at(p, LEX_COLONEQUAL)) {
    if (is_name) raise_range(p, e->pos, rhs->pos, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    raise_at_node(p, e->pos, "cannot assign to %s here. Maybe you meant '==' instead of '='?", expr_name(e));
  }
  p->probing--;
  p->pos = save;
}

/* invalid_expression: !(NAME STRING | SOFT_KEYWORD) a=disjunction b=expression_without_invalid
   -> "Perhaps you forgot a comma?" (inside brackets only) */
static void check_forgot_comma(parser *p, ast_expr *a, int start) {
  if (!starts_expression(p)) return;
  lex_token *t0 = &p->toks[start];
  if (t0->type == LEX_NAME && tok_at(p, start + 1)->type == LEX_STRING) return;
  if (is_soft_keyword(t0)) return;
  if (is_legacy_name(a)) return;
  int save = p->pos;
  if (p->toks[save].memo & MEMO_EXPR_NOINV) return;
  ast_expr *b = probe(p, probe_expression_noinvalid, &p->first_pass);
  if (!b) {
    p->toks[save].memo |= MEMO_EXPR_NOINV;
    return;
  }
  if (p->toks[p->pos - 1].level == 0) {
    p->pos = save;
    return;
  }
  raise_range(p, a->pos, b->pos, "invalid syntax. Perhaps you forgot a comma?");
}


/* lambdef: 'lambda' [lambda_params] ':' expression */
static ast_expr *lambdef(parser *p) {
  int start = p->pos;
  advance(p);
  ast_arguments *args = lambda_params(p);
  expect(p, LEX_COLON);
  ast_expr *body = expression(p);
  ast_expr *e = new_expr(p, AST_E_LAMBDA, span_to_here(p, start));
  e->u.lambda.args = args;
  e->u.lambda.body = body;
  return e;
}

static ast_expr *expression_impl(parser *p, bool with_invalid) {
  enter(p);
  if (at_kw(p, LEX_KW_LAMBDA)) {
    ast_expr *l = lambdef(p);
    leave(p);
    return l;
  }
  int start = p->pos;
  ast_expr *a = disjunction(p);
  if (with_invalid) check_forgot_comma(p, a, start);
  if (at_kw(p, LEX_KW_IF)) {
    /* disjunction 'if' disjunction 'else' expression; when it fails the expression is the disjunction */
    int ifpos = p->pos;
    advance(p);
    ast_expr *b = probe_alt(p, probe_disjunction, NULL);
    if (!b || !at_kw(p, LEX_KW_ELSE)) {
      if (b && with_invalid && !at(p, LEX_COLON) && rules_on(p))
        raise_range(p, a->pos, b->pos, "expected 'else' after 'if' expression");
      p->pos = ifpos;
      leave(p);
      return a;
    }
    advance(p);
    ast_expr *c = expression(p);
    ast_expr *e = new_expr(p, AST_E_IFEXP, span_to_here(p, start));
    e->u.ifexp.test = b;
    e->u.ifexp.body = a;
    e->u.ifexp.orelse = c;
    a = e;
  } else if (with_invalid && rules_on(p) && a->kind == AST_E_NAME && p->pos == start + 1 && !at(p, LEX_LPAR) &&
             starts_expression(p)) {
    /* invalid_legacy_expression: NAME !'(' star_expressions -> print x */
    int save = p->pos;
    if (!(p->toks[save].memo & MEMO_LEGACY)) {
      ast_expr *b = probe(p, probe_star_expressions, &p->first_pass);
      if (b && is_legacy_name(a))
        raise_range(p, a->pos, b->pos, "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                    a->u.name.id, a->u.name.id);
      if (!b) p->toks[save].memo |= MEMO_LEGACY;
    }
    p->pos = save;
  }
  leave(p);
  return a;
}

/* expression: disjunction 'if' disjunction 'else' expression | disjunction | lambdef */
static ast_expr *expression(parser *p) { return expression_impl(p, true); }

static void *probe_expression_noinvalid(parser *p, void *arg) {
  (void)arg;
  p->no_invalid++;
  ast_expr *e = expression_impl(p, false);
  p->no_invalid--;
  return e;
}

static void *probe_expression(parser *p, void *arg) {
  (void)arg;
  return expression_impl(p, true);
}

/* named_expression: NAME ':=' ~ expression | expression !':=' */
static ast_expr *named_expression(parser *p) {
  if (at_name(p) && peek2(p)->type == LEX_COLONEQUAL) {
    int start = p->pos;
    ast_expr *target = new_name(p, advance(p), AST_STORE);
    advance(p);
    ast_expr *value = expression(p);
    ast_expr *e = new_expr(p, AST_E_NAMEDEXPR, span_to_here(p, start));
    e->u.namedexpr.target = target;
    e->u.namedexpr.value = value;
    return e;
  }
  int start = p->pos;
  ast_expr *e = expression(p);
  if (at(p, LEX_COLONEQUAL) && rules_on(p)) {
    /* invalid_named_expression: a=expression ':=' expression */
    int save = p->pos;
    p->probing++;
    advance(p);
    if (probe(p, probe_expression, &p->first_pass))
      raise_at_node(p, e->pos, "cannot use assignment expressions with %s", expr_name(e));
    p->probing--;
    p->pos = save;
  }
  invalid_named_eq(p, e, start);
  return e;
}

/* star_expression: '*' bitwise_or | expression */
static ast_expr *star_expression(parser *p) {
  if (at(p, LEX_STAR)) {
    int start = p->pos;
    advance(p);
    ast_expr *v = bitwise_or(p);
    ast_expr *e = new_expr(p, AST_E_STARRED, span_to_here(p, start));
    e->u.starred.value = v;
    e->u.starred.ctx = AST_LOAD;
    return e;
  }
  return expression(p);
}

static ast_expr *make_tuple(parser *p, vec elts, ast_pos pos) {
  ast_expr *e = new_expr(p, AST_E_TUPLE, pos);
  e->u.seq.elts = expr_list(elts);
  e->u.seq.ctx = AST_LOAD;
  return e;
}

/* star_expressions: star_expression (',' star_expression)* [','] */
static ast_expr *star_expressions(parser *p) {
  int start = p->pos;
  ast_expr *first = star_expression(p);
  if (!at(p, LEX_COMMA)) return first;
  vec v = {0};
  vec_push(p, &v, first);
  while (accept(p, LEX_COMMA)) {
    if (!starts_expression(p) && !at(p, LEX_STAR)) break;
    vec_push(p, &v, star_expression(p));
  }
  return p->last_bare_tuple = make_tuple(p, v, span_to_here(p, start));
}

/* star_named_expression: '*' bitwise_or | named_expression */
static ast_expr *star_named_expression(parser *p) {
  if (at(p, LEX_STAR)) return star_expression(p);
  return named_expression(p);
}

/* disjunction: conjunction ('or' conjunction)+ | conjunction */
static ast_expr *disjunction(parser *p);
static ast_expr *inversion(parser *p);
static ast_expr *conjunction(parser *p) {
  int start = p->pos;
  ast_expr *a = inversion(p);
  if (!at_kw(p, LEX_KW_AND) || !starts_operand(p, 1, true)) return a;
  vec v = {0};
  vec_push(p, &v, a);
  while (at_kw(p, LEX_KW_AND) && starts_operand(p, 1, true)) {
    advance(p);
    vec_push(p, &v, inversion(p));
  }
  ast_expr *e = new_expr(p, AST_E_BOOLOP, span_to_here(p, start));
  e->u.boolop.op = AST_AND;
  e->u.boolop.values = expr_list(v);
  return e;
}

static ast_expr *disjunction(parser *p) {
  int start = p->pos;
  ast_expr *a = conjunction(p);
  if (!at_kw(p, LEX_KW_OR) || !starts_operand(p, 1, true)) return a;
  vec v = {0};
  vec_push(p, &v, a);
  while (at_kw(p, LEX_KW_OR) && starts_operand(p, 1, true)) {
    advance(p);
    vec_push(p, &v, conjunction(p));
  }
  ast_expr *e = new_expr(p, AST_E_BOOLOP, span_to_here(p, start));
  e->u.boolop.op = AST_OR;
  e->u.boolop.values = expr_list(v);
  return e;
}

static ast_expr *comparison(parser *p);
/* inversion: 'not' inversion | comparison */
static ast_expr *inversion(parser *p) {
  if (at_kw(p, LEX_KW_NOT)) {
    enter(p);
    int start = p->pos;
    advance(p);
    ast_expr *operand = inversion(p);
    ast_expr *e = new_expr(p, AST_E_UNARYOP, span_to_here(p, start));
    e->u.unaryop.op = AST_NOT;
    e->u.unaryop.operand = operand;
    leave(p);
    return e;
  }
  return comparison(p);
}

/* The comparison operator at the current token, or -1; *len gets its token count. */
static int compare_op(parser *p, int *len) {
  lex_token *t = peek(p);
  *len = 1;
  switch (t->type) {
  case LEX_EQEQUAL: return AST_EQ;
  case LEX_NOTEQUAL:
    if (t->len == 2 && t->start[0] == '<') return -1;   /* '<>' only with barry_as_FLUFL */
    return AST_NOTEQ;
  case LEX_LESS: return AST_LT;
  case LEX_LESSEQUAL: return AST_LTE;
  case LEX_GREATER: return AST_GT;
  case LEX_GREATEREQUAL: return AST_GTE;
  case LEX_NAME:
    if (t->kw == LEX_KW_IN) return AST_IN;
    if (t->kw == LEX_KW_NOT && peek2(p)->type == LEX_NAME && peek2(p)->kw == LEX_KW_IN) {
      *len = 2;
      return AST_NOTIN;
    }
    if (t->kw == LEX_KW_IS) {
      if (peek2(p)->type == LEX_NAME && peek2(p)->kw == LEX_KW_NOT) {
        *len = 2;
        return AST_ISNOT;
      }
      return AST_IS;
    }
    return -1;
  default:
    return -1;
  }
}

/* The next comparison operator with an operand after it (consumed), or -1. */
static int take_compare_op(parser *p) {
  int len;
  int op = compare_op(p, &len);
  if (op < 0 || !starts_operand(p, len, false)) return -1;
  p->pos += len;
  return op;
}

/* comparison: bitwise_or compare_op_bitwise_or_pair+ | bitwise_or */
static ast_expr *comparison(parser *p) {
  int start = p->pos;
  ast_expr *a = bitwise_or(p);
  int op = take_compare_op(p);
  if (op < 0) return a;
  vec ops = {0}, comps = {0};
  while (op >= 0) {
    vec_push(p, &ops, (void *)(intptr_t)op);
    vec_push(p, &comps, bitwise_or(p));
    op = take_compare_op(p);
  }
  ast_expr *e = new_expr(p, AST_E_COMPARE, span_to_here(p, start));
  e->u.compare.left = a;
  e->u.compare.ops = alloc(p, sizeof(ast_cmpop) * (size_t)ops.n);
  for (int i = 0; i < ops.n; i++) e->u.compare.ops[i] = (ast_cmpop)(intptr_t)ops.items[i];
  e->u.compare.comparators = expr_list(comps);
  return e;
}

static ast_expr *binop(parser *p, int start, ast_expr *l, ast_operator op, ast_expr *r) {
  ast_expr *e = new_expr(p, AST_E_BINOP, span_to_here(p, start));
  e->u.binop.left = l;
  e->u.binop.op = op;
  e->u.binop.right = r;
  return e;
}

static ast_expr *factor(parser *p);

/* term: term ('*' | '/' | '//' | '%' | '@') factor | factor */
static ast_expr *term(parser *p) {
  int start = p->pos;
  ast_expr *a = factor(p);
  for (;;) {
    ast_operator op;
    switch (peek_type(p)) {
    case LEX_STAR: op = AST_MULT; break;
    case LEX_SLASH: op = AST_DIV; break;
    case LEX_DOUBLESLASH: op = AST_FLOORDIV; break;
    case LEX_PERCENT: op = AST_MOD; break;
    case LEX_AT: op = AST_MATMULT; break;
    default: return a;
    }
    if (!starts_operand(p, 1, false)) return a;
    advance(p);
    a = binop(p, start, a, op, factor(p));
  }
}

/* sum: sum ('+' | '-') term | term */
static ast_expr *sum(parser *p) {
  int start = p->pos;
  ast_expr *a = term(p);
  for (;;) {
    ast_operator op;
    if (at(p, LEX_PLUS)) op = AST_ADD;
    else if (at(p, LEX_MINUS)) op = AST_SUB;
    else return a;
    if (!starts_operand(p, 1, false)) return a;
    advance(p);
    a = binop(p, start, a, op, term(p));
  }
}

/* shift_expr: shift_expr ('<<' | '>>') sum | sum */
static ast_expr *shift_expr(parser *p) {
  int start = p->pos;
  ast_expr *a = sum(p);
  for (;;) {
    ast_operator op;
    if (at(p, LEX_LEFTSHIFT)) op = AST_LSHIFT;
    else if (at(p, LEX_RIGHTSHIFT)) op = AST_RSHIFT;
    else return a;
    if (!starts_operand(p, 1, false)) return a;
    advance(p);
    a = binop(p, start, a, op, sum(p));
  }
}

/* bitwise_and: bitwise_and '&' shift_expr | shift_expr */
static ast_expr *bitwise_and(parser *p) {
  int start = p->pos;
  ast_expr *a = shift_expr(p);
  while (at(p, LEX_AMPER) && starts_operand(p, 1, false)) {
    advance(p);
    a = binop(p, start, a, AST_BITAND, shift_expr(p));
  }
  return a;
}

/* bitwise_xor: bitwise_xor '^' bitwise_and | bitwise_and */
static ast_expr *bitwise_xor(parser *p) {
  int start = p->pos;
  ast_expr *a = bitwise_and(p);
  while (at(p, LEX_CIRCUMFLEX) && starts_operand(p, 1, false)) {
    advance(p);
    a = binop(p, start, a, AST_BITXOR, bitwise_and(p));
  }
  return a;
}

/* bitwise_or: bitwise_or '|' bitwise_xor | bitwise_xor */
static ast_expr *bitwise_or(parser *p) {
  int start = p->pos;
  ast_expr *a = bitwise_xor(p);
  while (at(p, LEX_VBAR) && starts_operand(p, 1, false)) {
    advance(p);
    a = binop(p, start, a, AST_BITOR, bitwise_xor(p));
  }
  return a;
}

/* power: primary '**' factor | primary */
static ast_expr *power(parser *p) {
  int start = p->pos;
  if (at_kw(p, LEX_KW_AWAIT)) {
    lex_token *t = peek(p);
    p->raising_hard = true;
    raise_known(p, "SyntaxError", t->lineno, t->col, t->end_lineno, t->end_col, "'await' is not supported");
  }
  ast_expr *a = primary(p);
  if (at(p, LEX_DOUBLESTAR) && starts_operand(p, 1, false)) {
    advance(p);
    enter(p);
    a = binop(p, start, a, AST_POW, factor(p));
    leave(p);
  }
  return a;
}

/* factor: '+' factor | '-' factor | '~' factor | power */
static ast_expr *factor(parser *p) {
  ast_unaryop op;
  switch (peek_type(p)) {
  case LEX_PLUS: op = AST_UADD; break;
  case LEX_MINUS: op = AST_USUB; break;
  case LEX_TILDE: op = AST_INVERT; break;
  default: return power(p);
  }
  enter(p);
  int start = p->pos;
  advance(p);
  ast_expr *operand = factor(p);
  ast_expr *e = new_expr(p, AST_E_UNARYOP, span_to_here(p, start));
  e->u.unaryop.op = op;
  e->u.unaryop.operand = operand;
  leave(p);
  return e;
}

/* slice: [expression] ':' [expression] [':' [expression]] | named_expression */
static ast_expr *slice(parser *p) {
  int start = p->pos;
  ast_expr *lower = NULL;
  if (!at(p, LEX_COLON)) {
    ast_expr *e = named_expression(p);
    if (!at(p, LEX_COLON)) return e;
    if (e->kind == AST_E_NAMEDEXPR && !p->probing) syntax_error(p);
    lower = e;
  }
  advance(p);
  ast_expr *upper = NULL, *step = NULL;
  if (starts_expression(p)) upper = expression(p);
  if (accept(p, LEX_COLON)) {
    if (starts_expression(p)) step = expression(p);
  }
  ast_expr *e = new_expr(p, AST_E_SLICE, span_to_here(p, start));
  e->u.slice.lower = lower;
  e->u.slice.upper = upper;
  e->u.slice.step = step;
  return e;
}

/* slices: slice !',' | ','.(slice | starred_expression)+ [','] */
static ast_expr *slices(parser *p) {
  int start = p->pos;
  ast_expr *first = at(p, LEX_STAR) ? star_expression(p) : slice(p);
  if (!at(p, LEX_COMMA) && first->kind != AST_E_STARRED) return first;
  vec v = {0};
  vec_push(p, &v, first);
  while (accept(p, LEX_COMMA)) {
    if (at(p, LEX_RSQB)) break;
    vec_push(p, &v, at(p, LEX_STAR) ? star_expression(p) : slice(p));
  }
  return make_tuple(p, v, span_to_here(p, start));
}

typedef struct call_probe { ast_expr *call; int start; } call_probe;
static void *probe_call(parser *p, void *arg) {
  call_probe *cp = arg;
  call_arguments(p, cp->call, cp->start, true);
  return cp->call;
}

/* '[' slices ']' */
static void *probe_subscript(parser *p, void *arg) {
  (void)arg;
  advance(p);
  ast_expr *s = slices(p);
  expect(p, LEX_RSQB);
  return s;
}

/* primary: primary '.' NAME | primary genexp | primary '(' [arguments] ')' | primary '[' slices ']' | atom */
static ast_expr *primary(parser *p) {
  int start = p->pos;
  ast_expr *a = atom(p);
  for (;;) {
    if (at(p, LEX_DOT)) {
      if (!(peek2(p)->type == LEX_NAME && peek2(p)->kw == LEX_KW_NONE_)) break;
      advance(p);
      lex_token *t = advance(p);
      ast_expr *e = new_expr(p, AST_E_ATTRIBUTE, span_to_here(p, start));
      e->u.attribute.value = a;
      e->u.attribute.attr = tok_str(p, t);
      e->u.attribute.ctx = AST_LOAD;
      a = e;
    } else if (at(p, LEX_LPAR)) {
      /* primary '(' [arguments] ')': when it fails, primary is what we have (PEG backtracking) */
      int lp = p->pos;
      if (p->toks[lp].memo & MEMO_CALL) break;
      ast_expr *e = new_expr(p, AST_E_CALL, (ast_pos){0});
      e->u.call.func = a;
      call_probe cp = {e, start};
      enter(p);
      void *ok = probe_alt(p, probe_call, &cp);
      leave(p);
      if (!ok) {
        p->toks[lp].memo |= MEMO_CALL;
        break;
      }
      a = e;
    } else if (at(p, LEX_LSQB)) {
      int lb = p->pos;
      if (p->toks[lb].memo & MEMO_SUBSCRIPT) break;
      enter(p);
      ast_expr *s = probe_alt(p, probe_subscript, NULL);
      leave(p);
      if (!s) {
        p->toks[lb].memo |= MEMO_SUBSCRIPT;
        break;
      }
      ast_expr *e = new_expr(p, AST_E_SUBSCRIPT, span_to_here(p, start));
      e->u.subscript.value = a;
      e->u.subscript.slice = s;
      e->u.subscript.ctx = AST_LOAD;
      a = e;
    } else {
      break;
    }
  }
  return a;
}

static ast_expr *constant(parser *p, ast_const_kind k, ast_pos pos) {
  ast_expr *e = new_expr(p, AST_E_CONSTANT, pos);
  e->u.constant.kind = k;
  return e;
}

/* Big integer literal: decimal digits of the value (any base). */
static char *big_to_decimal(parser *p, const char *digits, size_t n, int base) {
  /* decimal digits, least significant first */
  unsigned char *d = alloc(p, n * 4 + 2);
  size_t nd = 0;
  for (size_t i = 0; i < n; i++) {
    int c = digits[i];
    if (c == '_') continue;
    int v = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    int carry = v;
    for (size_t j = 0; j < nd; j++) {
      int x = d[j] * base + carry;
      d[j] = (unsigned char)(x % 10);
      carry = x / 10;
    }
    while (carry) {
      d[nd++] = (unsigned char)(carry % 10);
      carry /= 10;
    }
  }
  if (nd == 0) d[nd++] = 0;
  char *s = alloc(p, nd + 1);
  for (size_t j = 0; j < nd; j++) s[j] = (char)('0' + d[nd - 1 - j]);
  s[nd] = 0;
  return s;
}

static ast_expr *number(parser *p) {
  lex_token *t = advance(p);
  ast_pos pos = {t->lineno, t->col, t->end_lineno, t->end_col};
  char *buf = alloc(p, t->len + 1);
  size_t n = 0;
  for (size_t i = 0; i < t->len; i++)
    if (t->start[i] != '_') buf[n++] = t->start[i];
  buf[n] = 0;
  char last = buf[n - 1];
  if (last == 'j' || last == 'J') {
    buf[n - 1] = 0;
    ast_expr *e = constant(p, AST_C_IMAG, pos);
    e->u.constant.f = strtod(buf, NULL);
    return e;
  }
  bool is_float = false;
  int base = 10;
  size_t skip = 0;
  if (n > 1 && buf[0] == '0' && (buf[1] | 0x20) == 'x') base = 16, skip = 2;
  else if (n > 1 && buf[0] == '0' && (buf[1] | 0x20) == 'o') base = 8, skip = 2;
  else if (n > 1 && buf[0] == '0' && (buf[1] | 0x20) == 'b') base = 2, skip = 2;
  else
    for (size_t i = 0; i < n; i++)
      if (buf[i] == '.' || buf[i] == 'e' || buf[i] == 'E') is_float = true;
  if (is_float) {
    ast_expr *e = constant(p, AST_C_FLOAT, pos);
    e->u.constant.f = strtod(buf, NULL);
    return e;
  }
  uint64_t v = 0;
  bool overflow = false;
  for (size_t i = skip; i < n; i++) {
    int c = buf[i];
    int d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) {
      overflow = true;
      break;
    }
    v = v * (uint64_t)base + (uint64_t)d;
  }
  if (overflow || v > (uint64_t)INT64_MAX) {
    ast_expr *e = constant(p, AST_C_BIGINT, pos);
    e->u.constant.s = big_to_decimal(p, buf + skip, n - skip, base);
    e->u.constant.len = strlen(e->u.constant.s);
    return e;
  }
  ast_expr *e = constant(p, AST_C_INT, pos);
  e->u.constant.i = (int64_t)v;
  return e;
}

static void *probe_for_if_clauses(parser *p, void *arg) {
  ast_comprehension *g;
  int n;
  (void)arg;
  for_if_clauses(p, &g, &n);
  return g;
}

/* invalid_comprehension: ('[' | '(' | '{') starred_expression for_if_clauses */
static void starred_in_comprehension(parser *p, ast_expr *e) {
  int save = p->pos;
  if (probe(p, probe_for_if_clauses, &p->first_pass))
    raise_at_node(p, e->pos, "iterable unpacking cannot be used in comprehension");
  p->pos = save;
  syntax_error(p);
}

/* invalid_comprehension: ('[' | '{') a=star_named_expression ',' [star_named_expressions] for_if_clauses
   -> "did you forget parentheses around the comprehension target?"; comma >= 0: a trailing comma. */
static void comprehension_target_parens(parser *p, vec elts, int comma) {
  int save = p->pos;
  if (!probe(p, probe_for_if_clauses, &p->first_pass)) return;
  p->pos = save;
  ast_pos a = ((ast_expr *)elts.items[0])->pos;
  ast_pos b = comma >= 0 ? span(p, comma, comma) : ((ast_expr *)elts.items[elts.n - 1])->pos;
  if (comma < 0 && elts.n < 2) return;
  raise_range(p, a, b, "did you forget parentheses around the comprehension target?");
}

/* Comprehension after the element: listcomp/setcomp/genexp/dictcomp. */
static ast_expr *comprehension(parser *p, ast_expr_kind kind, ast_expr *elt, ast_expr *value, int start,
                               lex_type close) {
  ast_expr *e = new_expr(p, kind, (ast_pos){0});
  e->u.comp.elt = elt;
  e->u.comp.value = value;
  for_if_clauses(p, &e->u.comp.generators, &e->u.comp.ngenerators);
  expect(p, close);
  e->pos = span_to_here(p, start);
  return e;
}

static ast_expr *paren_atom_body(parser *p);
static void *probe_paren_atom(parser *p, void *arg) {
  (void)arg;
  return paren_atom_body(p);
}

/* starred_expression: '*' expression */
static void *probe_starred_expression(parser *p, void *arg) {
  (void)arg;
  int s = p->pos;
  expect(p, LEX_STAR);
  ast_expr *v = expression(p);
  ast_expr *e = new_expr(p, AST_E_STARRED, span_to_here(p, s));
  e->u.starred.value = v;
  return e;
}

/* group/tuple/genexp: '(' ... ')'; after a failure starting with '*': invalid_group */
static ast_expr *paren_atom(parser *p) {
  if (peek2(p)->type != LEX_STAR) return paren_atom_body(p);
  int start = p->pos;
  ast_expr *e = probe_alt(p, probe_paren_atom, NULL);
  if (e) return e;
  advance(p);
  ast_expr *st = probe(p, probe_starred_expression, &p->first_pass);
  if (st && at(p, LEX_RPAR)) raise_at_node(p, st->pos, "cannot use starred expression here");
  p->pos = start;
  syntax_error(p);
}

static ast_expr *paren_atom_body(parser *p) {
  int start = p->pos;
  advance(p);
  if (accept(p, LEX_RPAR)) return make_tuple(p, (vec){0}, span_to_here(p, start));
  if (at_kw(p, LEX_KW_YIELD)) {
    ast_expr *y = yield_expr(p);
    expect(p, LEX_RPAR);
    return y;
  }
  if (at(p, LEX_DOUBLESTAR) && rules_on(p)) {
    /* invalid_group: '(' '**' expression ')' */
    lex_token *ds = peek(p);
    int save = p->pos;
    advance(p);
    if (probe(p, probe_expression_noinvalid, &p->first_pass) && at(p, LEX_RPAR))
      raise_known(p, "SyntaxError", ds->lineno, ds->col, ds->end_lineno, ds->end_col,
                  "cannot use double starred expression here");
    p->pos = save;
  }
  ast_expr *first = star_named_expression(p);
  if (at_kw(p, LEX_KW_FOR)) {
    if (first->kind == AST_E_STARRED) starred_in_comprehension(p, first);
    return comprehension(p, AST_E_GENEXP, first, NULL, start, LEX_RPAR);
  }
  if (at(p, LEX_RPAR) && first->kind == AST_E_STARRED) {
    /* invalid_group: '(' starred_expression ')' */
    if (rules_on(p)) raise_at_node(p, first->pos, "cannot use starred expression here");
    syntax_error(p);
  }
  if (accept(p, LEX_RPAR)) return first;
  if (!at(p, LEX_COMMA)) {
    if (first->kind == AST_E_NAMEDEXPR || at(p, LEX_EQUAL)) { /* fall through to the generic error */ }
    syntax_error(p);
  }
  vec v = {0};
  vec_push(p, &v, first);
  while (accept(p, LEX_COMMA)) {
    if (at(p, LEX_RPAR)) break;
    vec_push(p, &v, star_named_expression(p));
  }
  expect(p, LEX_RPAR);
  return make_tuple(p, v, span_to_here(p, start));
}

/* list | listcomp: '[' ... ']' */
static ast_expr *list_atom(parser *p) {
  int start = p->pos;
  advance(p);
  vec v = {0};
  if (!at(p, LEX_RSQB)) {
    ast_expr *first = star_named_expression(p);
    if (at_kw(p, LEX_KW_FOR)) {
      if (first->kind == AST_E_STARRED) starred_in_comprehension(p, first);
      return comprehension(p, AST_E_LISTCOMP, first, NULL, start, LEX_RSQB);
    }
    vec_push(p, &v, first);
    while (accept(p, LEX_COMMA)) {
      if (at(p, LEX_RSQB)) break;
      if (at_kw(p, LEX_KW_FOR)) comprehension_target_parens(p, v, p->pos - 1);
      vec_push(p, &v, star_named_expression(p));
    }
    if (at_kw(p, LEX_KW_FOR)) comprehension_target_parens(p, v, -1);
  }
  expect(p, LEX_RSQB);
  ast_expr *e = new_expr(p, AST_E_LIST, span_to_here(p, start));
  e->u.seq.elts = expr_list(v);
  e->u.seq.ctx = AST_LOAD;
  return e;
}

/* invalid_kvpair: expression ':' a='*' bitwise_or */
static void starred_dict_value(parser *p) {
  int s = p->pos;
  advance(p);
  ast_expr *v = bitwise_or(p);
  raise_range(p, span(p, s, s), v->pos, "cannot use a starred expression in a dictionary value");
}

/* dict | set | dictcomp | setcomp: '{' ... '}' */
static ast_expr *brace_atom(parser *p) {
  int start = p->pos;
  advance(p);
  vec keys = {0}, values = {0};
  if (accept(p, LEX_RBRACE)) {
    ast_expr *e = new_expr(p, AST_E_DICT, span_to_here(p, start));
    return e;
  }
  bool is_dict;
  if (at(p, LEX_DOUBLESTAR)) {
    advance(p);
    vec_push(p, &keys, NULL);
    vec_push(p, &values, bitwise_or(p));
    is_dict = true;
  } else {
    ast_expr *first = star_named_expression(p);
    if (first->kind != AST_E_STARRED && at(p, LEX_COLON)) {
      lex_token *colon = advance(p);
      if (at(p, LEX_RBRACE) || at(p, LEX_COMMA))
        raise_known(p, "SyntaxError", colon->lineno, colon->col, colon->end_lineno, colon->end_col,
                    "expression expected after dictionary key and ':'");
      if (at(p, LEX_STAR)) starred_dict_value(p);
      ast_expr *val = expression(p);
      if (at_kw(p, LEX_KW_FOR)) return comprehension(p, AST_E_DICTCOMP, first, val, start, LEX_RBRACE);
      vec_push(p, &keys, first);
      vec_push(p, &values, val);
      is_dict = true;
    } else {
      if (at_kw(p, LEX_KW_FOR)) {
        if (first->kind == AST_E_STARRED) starred_in_comprehension(p, first);
        return comprehension(p, AST_E_SETCOMP, first, NULL, start, LEX_RBRACE);
      }
      vec_push(p, &values, first);
      is_dict = false;
    }
  }
  if (!is_dict && at(p, LEX_COMMA)) {
    /* a set display: '{' a ',' ... 'for' is the comprehension-target error */
  }
  while (accept(p, LEX_COMMA)) {
    if (at(p, LEX_RBRACE)) break;
    if (is_dict) {
      if (accept(p, LEX_DOUBLESTAR)) {
        vec_push(p, &keys, NULL);
        vec_push(p, &values, bitwise_or(p));
        continue;
      }
      ast_expr *k = expression_impl(p, false);
      if (!at(p, LEX_COLON)) {
        /* invalid_kvpair after a good pair: a=expression !':' */
        if (rules_on(p))
          raise_known(p, "SyntaxError", k->pos.lineno, k->pos.end_col - 1, k->pos.end_lineno, -1,
                      "':' expected after dictionary key");
        syntax_error(p);
      }
      lex_token *colon = advance(p);
      if (at(p, LEX_RBRACE) || at(p, LEX_COMMA))
        raise_known(p, "SyntaxError", colon->lineno, colon->col, colon->end_lineno, colon->end_col,
                    "expression expected after dictionary key and ':'");
      vec_push(p, &keys, k);
      if (at(p, LEX_STAR)) starred_dict_value(p);
      vec_push(p, &values, expression(p));
    } else {
      if (at_kw(p, LEX_KW_FOR)) comprehension_target_parens(p, values, p->pos - 1);
      vec_push(p, &values, star_named_expression(p));
    }
  }
  if (!is_dict && at_kw(p, LEX_KW_FOR)) comprehension_target_parens(p, values, -1);
  if (!at(p, LEX_RBRACE)) syntax_error(p);
  advance(p);
  ast_expr *e = new_expr(p, is_dict ? AST_E_DICT : AST_E_SET, span_to_here(p, start));
  if (is_dict) {
    e->u.dict.keys = expr_list(keys);
    e->u.dict.values = expr_list(values);
  } else {
    e->u.seq.elts = expr_list(values);
  }
  return e;
}

/* atom: NAME | 'True' | 'False' | 'None' | strings | NUMBER | tuple/group/genexp | list/listcomp
       | dict/set/dictcomp/setcomp | '...' */
static ast_expr *atom(parser *p) {
  lex_token *t = peek(p);
  ast_pos pos = {t->lineno, t->col, t->end_lineno, t->end_col};
  switch (t->type) {
  case LEX_NAME:
    switch (t->kw) {
    case LEX_KW_NONE_: advance(p); return new_name(p, t, AST_LOAD);
    case LEX_KW_TRUE: advance(p); return constant(p, AST_C_TRUE, pos);
    case LEX_KW_FALSE: advance(p); return constant(p, AST_C_FALSE, pos);
    case LEX_KW_NONE: advance(p); return constant(p, AST_C_NONE, pos);
    default: syntax_error(p);
    }
  case LEX_NUMBER: return number(p);
  case LEX_STRING: return strings(p);
  case LEX_ELLIPSIS: advance(p); return constant(p, AST_C_ELLIPSIS, pos);
  case LEX_LPAR: {
    enter(p);
    ast_expr *e = paren_atom(p);
    leave(p);
    return e;
  }
  case LEX_LSQB: {
    enter(p);
    ast_expr *e = list_atom(p);
    leave(p);
    return e;
  }
  case LEX_LBRACE: {
    enter(p);
    ast_expr *e = brace_atom(p);
    leave(p);
    return e;
  }
  default:
    syntax_error(p);
  }
}

/* for_if_clauses: ('for' star_targets 'in' ~ disjunction ('if' disjunction)*)+ */
static ast_expr *star_targets(parser *p);
static ast_expr *for_target(parser *p);
static void for_if_clauses(parser *p, ast_comprehension **gens, int *ngens) {
  vec v = {0};
  while (at_kw(p, LEX_KW_FOR) || at_kw(p, LEX_KW_ASYNC)) {
    if (at_kw(p, LEX_KW_ASYNC)) {
      lex_token *t = peek(p);
      p->raising_hard = true;
      raise_known(p, "SyntaxError", t->lineno, t->col, t->end_lineno, t->end_col,
                  "asynchronous comprehensions are not supported");
    }
    advance(p);
    ast_comprehension *c = alloc(p, sizeof *c);
    c->target = for_target(p);
    advance(p);   /* 'in' */
    c->iter = disjunction(p);
    vec ifs = {0};
    while (accept_kw(p, LEX_KW_IF)) vec_push(p, &ifs, disjunction(p));
    c->ifs = expr_list(ifs);
    vec_push(p, &v, c);
  }
  ast_comprehension *arr = alloc(p, sizeof *arr * (size_t)(v.n ? v.n : 1));
  for (int i = 0; i < v.n; i++) arr[i] = *(ast_comprehension *)v.items[i];
  *gens = arr;
  *ngens = v.n;
}

/* star_targets: star_target !',' | star_target (',' star_target)* [','] — parsed as star_expressions
   restricted to targets, then given Store context. */
static ast_expr *star_targets(parser *p) {
  int start = p->pos;
  vec v = {0};
  bool tuple = false;
  for (;;) {
    int s = p->pos;
    ast_expr *e;
    if (at(p, LEX_STAR)) {
      advance(p);
      if (at(p, LEX_STAR)) syntax_error(p);
      ast_expr *inner = primary(p);
      e = new_expr(p, AST_E_STARRED, span_to_here(p, s));
      e->u.starred.value = inner;
    } else {
      e = primary(p);
    }
    if (!valid_target(e, T_FOR, true) || (e->kind == AST_E_STARRED && e->u.starred.value->kind == AST_E_STARRED))
      syntax_error(p);
    vec_push(p, &v, e);
    if (!accept(p, LEX_COMMA)) break;
    tuple = true;
    if (!(starts_expression(p) || at(p, LEX_STAR)) || at_kw(p, LEX_KW_NOT) || at_kw(p, LEX_KW_LAMBDA)) break;
  }
  ast_expr *t = tuple ? make_tuple(p, v, span_to_here(p, start)) : v.items[0];
  set_ctx(t, AST_STORE);
  return t;
}

static void *probe_star_targets(parser *p, void *arg) {
  (void)arg;
  return star_targets(p);
}

/* The target of 'for' (statement or comprehension): star_targets 'in', else invalid_for_target:
   'for' star_expressions -> "cannot assign to X". */
static ast_expr *for_target(parser *p) {
  int save = p->pos;
  ast_expr *t = probe_alt(p, probe_star_targets, NULL);
  if (t && at_kw(p, LEX_KW_IN)) return t;
  p->pos = save;
  ast_expr *e = probe(p, probe_star_expressions, &p->first_pass);
  if (e) {
    ast_expr *bad = invalid_target(e, T_FOR);
    if (bad) raise_at_node(p, bad->pos, "cannot assign to %s", expr_name(bad));
  }
  syntax_error(p);
}

/* ---- call arguments ---- */

/* '(' [arguments] ')' after a primary; fills call args/keywords and the call's position.
   arguments: args [','] &')'; args: positional, starred, keyword, '**' in CPython's order rules. */
static void call_arguments(parser *p, ast_expr *call, int start, bool genexp_ok) {
  int lpar = p->pos;
  advance(p);
  vec args = {0}, kws = {0};
  bool seen_kw = false, seen_kwunpack = false;
  int args_first = p->pos;
  int nitems = 0;
  while (!at(p, LEX_RPAR)) {
    int s = p->pos;
    nitems++;
    if (at(p, LEX_DOUBLESTAR)) {
      advance(p);
      ast_expr *v = expression(p);
      ast_keyword *k = alloc(p, sizeof *k);
      k->arg = NULL;
      k->value = v;
      k->pos = span_to_here(p, s);
      vec_push(p, &kws, k);
      seen_kwunpack = true;
    } else if (at(p, LEX_STAR)) {
      if (seen_kwunpack) {
        ast_pos a = span(p, args_first, p->pos - 2);
        raise_at_node(p, a, "iterable argument unpacking follows keyword argument unpacking");
      }
      advance(p);
      ast_expr *v = probe_alt(p, probe_expression, NULL);
      if (!v) {
        /* invalid_arguments: a=args ',' '*' */
        if (nitems > 1 && rules_on(p))
          raise_at_node(p, span(p, args_first, s - 2), "iterable argument unpacking follows keyword argument unpacking");
        syntax_error(p);
      }
      ast_expr *e = new_expr(p, AST_E_STARRED, span_to_here(p, s));
      e->u.starred.value = v;
      e->u.starred.ctx = AST_LOAD;
      if (at_kw(p, LEX_KW_FOR) && genexp_ok && nitems == 1) starred_in_comprehension(p, e);
      vec_push(p, &args, e);
    } else if (peek(p)->type == LEX_NAME &&
               (peek(p)->kw == LEX_KW_NONE_ || peek(p)->kw == LEX_KW_TRUE || peek(p)->kw == LEX_KW_FALSE ||
                peek(p)->kw == LEX_KW_NONE) && peek2(p)->type == LEX_EQUAL) {
      lex_token *nt = peek(p);
      if (nt->kw == LEX_KW_TRUE || nt->kw == LEX_KW_FALSE || nt->kw == LEX_KW_NONE) {
        raise_range(p, (ast_pos){nt->lineno, nt->col, nt->end_lineno, nt->end_col},
                    (ast_pos){peek2(p)->lineno, peek2(p)->col, peek2(p)->end_lineno, peek2(p)->end_col},
                    "cannot assign to %.*s", (int)nt->len, nt->start);
      }
      if (nt->kw != LEX_KW_NONE_) syntax_error(p);
      advance(p);
      lex_token *eq = advance(p);
      ast_expr *v = expression(p);
      if (at_kw(p, LEX_KW_FOR))
        raise_range(p, (ast_pos){nt->lineno, nt->col, nt->end_lineno, nt->end_col},
                    (ast_pos){eq->lineno, eq->col, eq->end_lineno, eq->end_col},
                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
      ast_keyword *k = alloc(p, sizeof *k);
      k->arg = tok_str(p, nt);
      k->value = v;
      k->pos = span_to_here(p, s);
      vec_push(p, &kws, k);
      seen_kw = true;
    } else {
      ast_expr *e;
      bool walrus = at_name(p) && peek2(p)->type == LEX_COLONEQUAL;
      if (walrus) e = named_expression(p);
      else e = expression(p);
      if (at(p, LEX_EQUAL) && !walrus) {
        lex_token *eq = peek(p);
        raise_range(p, e->pos, (ast_pos){eq->lineno, eq->col, eq->end_lineno, eq->end_col},
                    "expression cannot contain assignment, perhaps you meant \"==\"?");
      }
      if (at_kw(p, LEX_KW_FOR)) {
        if (!genexp_ok) syntax_error(p);
        /* generator expression argument */
        ast_expr *g = new_expr(p, AST_E_GENEXP, (ast_pos){0});
        g->u.comp.elt = e;
        for_if_clauses(p, &g->u.comp.generators, &g->u.comp.ngenerators);
        if (nitems > 1 || !at(p, LEX_RPAR)) {
          ast_comprehension *last = &g->u.comp.generators[g->u.comp.ngenerators - 1];
          ast_expr *end = last->ifs.n ? last->ifs.items[last->ifs.n - 1] : last->iter;
          if (nitems > 1 || at(p, LEX_COMMA)) raise_range(p, e->pos, end->pos, "Generator expression must be parenthesized");
          syntax_error(p);
        }
        advance(p);
        g->pos = span_to_here(p, lpar);
        vec_push(p, &args, g);
        call->u.call.args = expr_list(args);
        call->pos = span_to_here(p, start);
        return;
      }
      if (seen_kw || seen_kwunpack) {
        /* keep going to the end of the arguments as CPython's first pass does, then report */
        while (!at(p, LEX_RPAR) && !at(p, LEX_NEWLINE) && !at(p, LEX_ENDMARKER)) {
          if (!accept(p, LEX_COMMA)) break;
          if (at(p, LEX_RPAR)) break;
          if (at(p, LEX_STAR) || at(p, LEX_DOUBLESTAR)) advance(p);
          else if (at_name(p) && peek2(p)->type == LEX_EQUAL) advance(p), advance(p);
          expression(p);
        }
        peek(p);
        raise_last(p, "SyntaxError", seen_kwunpack ? "positional argument follows keyword argument unpacking"
                                                   : "positional argument follows keyword argument");
      }
      vec_push(p, &args, e);
    }
    if (!accept(p, LEX_COMMA)) break;
  }
  expect(p, LEX_RPAR);
  call->u.call.args = expr_list(args);
  call->u.call.keywords = alloc(p, sizeof(ast_keyword) * (size_t)(kws.n ? kws.n : 1));
  for (int i = 0; i < kws.n; i++) call->u.call.keywords[i] = *(ast_keyword *)kws.items[i];
  call->u.call.nkeywords = kws.n;
  call->pos = span_to_here(p, start);
}

/* ---- strings and f-strings ---- */

typedef struct strbuf { char *s; size_t n, cap; } strbuf;

static void sb_add(parser *p, strbuf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    size_t cap = (b->n + n + 1) * 2;
    char *ns = alloc(p, cap);
    if (b->n) memcpy(ns, b->s, b->n);
    b->s = ns;
    b->cap = cap;
  }
  memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = 0;
}

/* State while joining the pieces of a strings group into one JoinedStr. */
typedef struct fjoin {
  vec parts;              /* ast_expr*: Constant str / FormattedValue */
  strbuf lit;             /* pending literal text */
  bool has_lit;
} fjoin;

static ast_expr *str_const(parser *p, const char *s, size_t n, ast_pos pos) {
  ast_expr *e = constant(p, AST_C_STR, pos);
  char *d = alloc(p, n + 1);
  if (n) memcpy(d, s, n);
  d[n] = 0;
  e->u.constant.s = d;
  e->u.constant.len = n;
  return e;
}

static void fjoin_flush(parser *p, fjoin *j, ast_pos pos) {
  if (j->has_lit && j->lit.n > 0) vec_push(p, &j->parts, str_const(p, j->lit.s, j->lit.n, pos));
  j->lit.n = 0;
  j->has_lit = false;
}

static _Noreturn void fstring_error(parser *p, lex_token *t, const char *msg) {
  (void)t;
  p->raising_hard = true;
  raise_last(p, "SyntaxError", "%s", msg);
}

static void fstring_body(parser *p, fjoin *j, lex_token *t, const char *body, size_t n, bool raw, int level,
                         ast_pos group);

/* Parses the expression text src[0..n) (from a replacement field starting at body offset) into an
   expression with source positions: lineno/col of the first character. */
static ast_expr *fstring_expr(parser *p, lex_token *t, const char *s, size_t n, int lineno, int col) {
  /* a sub-parser over a copy of the text wrapped in parentheses */
  parser sub;
  memset(&sub, 0, sizeof sub);
  sub.a = p->a;
  sub.err = p->err;
  sub.jb = p->jb;
  sub.mode = AST_MODE_EVAL;
  sub.fstring_level = p->fstring_level + 1;
  sub.err_line_offset = lineno - 1;
  sub.fstring_dcol = col - 1;
  sub.first_pass = p->first_pass;
  sub.no_invalid = p->no_invalid;
  char *copy = alloc(p, n + 4);
  copy[0] = '(';
  memcpy(copy + 1, s, n);
  copy[n + 1] = ')';
  copy[n + 2] = '\n';
  copy[n + 3] = 0;
  lex_init(&sub.ls, copy, n + 3, AST_MODE_EVAL);
  sub.pos = 0;
  ast_expr *e = star_expressions(&sub);
  if (!at(&sub, LEX_NEWLINE) && !at(&sub, LEX_ENDMARKER)) syntax_error(&sub);
  (void)t;
  /* relocate: first line columns shift by col-1, line numbers by lineno-1 */
  struct { ast_expr **stack; } unused;
  (void)unused;
  extern void parse_relocate(ast_expr *e, int dl, int first_line_dcol);
  parse_relocate(e, lineno - 1, col - 1);
  return e;
}

/* Moves positions of e and its children: lines by dl; columns on (sub-parser) line 1 by dcol. */
static void reloc_pos(ast_pos *pos, int dl, int dcol) {
  if (pos->lineno == 1) pos->col += dcol;
  if (pos->end_lineno == 1) pos->end_col += dcol;
  pos->lineno += dl;
  pos->end_lineno += dl;
}

void parse_relocate(ast_expr *e, int dl, int dcol);
static void reloc_list(ast_expr_list l, int dl, int dcol) {
  for (int i = 0; i < l.n; i++) parse_relocate(l.items[i], dl, dcol);
}
static void reloc_args(ast_arguments *a, int dl, int dcol) {
  if (!a) return;
  for (int i = 0; i < a->nposonly; i++) reloc_pos(&a->posonlyargs[i].pos, dl, dcol);
  for (int i = 0; i < a->nargs; i++) reloc_pos(&a->args[i].pos, dl, dcol);
  for (int i = 0; i < a->nkwonly; i++) {
    reloc_pos(&a->kwonlyargs[i].pos, dl, dcol);
    parse_relocate(a->kw_defaults[i], dl, dcol);
  }
  if (a->vararg) reloc_pos(&a->vararg->pos, dl, dcol);
  if (a->kwarg) reloc_pos(&a->kwarg->pos, dl, dcol);
  for (int i = 0; i < a->ndefaults; i++) parse_relocate(a->defaults[i], dl, dcol);
}

void parse_relocate(ast_expr *e, int dl, int dcol) {
  if (!e) return;
  reloc_pos(&e->pos, dl, dcol);
  switch (e->kind) {
  case AST_E_BOOLOP: reloc_list(e->u.boolop.values, dl, dcol); break;
  case AST_E_NAMEDEXPR: parse_relocate(e->u.namedexpr.target, dl, dcol); parse_relocate(e->u.namedexpr.value, dl, dcol); break;
  case AST_E_BINOP: parse_relocate(e->u.binop.left, dl, dcol); parse_relocate(e->u.binop.right, dl, dcol); break;
  case AST_E_UNARYOP: parse_relocate(e->u.unaryop.operand, dl, dcol); break;
  case AST_E_LAMBDA: reloc_args(e->u.lambda.args, dl, dcol); parse_relocate(e->u.lambda.body, dl, dcol); break;
  case AST_E_IFEXP:
    parse_relocate(e->u.ifexp.test, dl, dcol);
    parse_relocate(e->u.ifexp.body, dl, dcol);
    parse_relocate(e->u.ifexp.orelse, dl, dcol);
    break;
  case AST_E_DICT: reloc_list(e->u.dict.keys, dl, dcol); reloc_list(e->u.dict.values, dl, dcol); break;
  case AST_E_SET: case AST_E_LIST: case AST_E_TUPLE: case AST_E_JOINEDSTR: reloc_list(e->u.seq.elts, dl, dcol); break;
  case AST_E_LISTCOMP: case AST_E_SETCOMP: case AST_E_DICTCOMP: case AST_E_GENEXP:
    parse_relocate(e->u.comp.elt, dl, dcol);
    parse_relocate(e->u.comp.value, dl, dcol);
    for (int i = 0; i < e->u.comp.ngenerators; i++) {
      parse_relocate(e->u.comp.generators[i].target, dl, dcol);
      parse_relocate(e->u.comp.generators[i].iter, dl, dcol);
      reloc_list(e->u.comp.generators[i].ifs, dl, dcol);
    }
    break;
  case AST_E_YIELD: case AST_E_YIELDFROM: parse_relocate(e->u.yield.value, dl, dcol); break;
  case AST_E_COMPARE: parse_relocate(e->u.compare.left, dl, dcol); reloc_list(e->u.compare.comparators, dl, dcol); break;
  case AST_E_CALL:
    parse_relocate(e->u.call.func, dl, dcol);
    reloc_list(e->u.call.args, dl, dcol);
    for (int i = 0; i < e->u.call.nkeywords; i++) {
      reloc_pos(&e->u.call.keywords[i].pos, dl, dcol);
      parse_relocate(e->u.call.keywords[i].value, dl, dcol);
    }
    break;
  case AST_E_FORMATTED: parse_relocate(e->u.formatted.value, dl, dcol); parse_relocate(e->u.formatted.format_spec, dl, dcol); break;
  case AST_E_ATTRIBUTE: parse_relocate(e->u.attribute.value, dl, dcol); break;
  case AST_E_SUBSCRIPT: parse_relocate(e->u.subscript.value, dl, dcol); parse_relocate(e->u.subscript.slice, dl, dcol); break;
  case AST_E_STARRED: parse_relocate(e->u.starred.value, dl, dcol); break;
  case AST_E_SLICE:
    parse_relocate(e->u.slice.lower, dl, dcol);
    parse_relocate(e->u.slice.upper, dl, dcol);
    parse_relocate(e->u.slice.step, dl, dcol);
    break;
  default: break;
  }
}

/* Source line/col of body offset off inside token t (whose text starts at t->start). */
static void tok_offset_pos(lex_token *t, size_t off_in_tok, int *lineno, int *col) {
  int l = t->lineno, c = t->col;
  for (size_t i = 0; i < off_in_tok; i++) {
    if (t->start[i] == '\n') {
      l++;
      c = 0;
    } else {
      c++;
    }
  }
  *lineno = l;
  *col = c;
}

/* One replacement field: body[*i] is just after '{'. */
static void fstring_field(parser *p, fjoin *j, lex_token *t, const char *body, size_t n, size_t *ip, bool raw,
                          int level, ast_pos group) {
  size_t i = *ip;
  size_t expr_start = i;
  int depth = 0;
  char parens[200];
  char quote = 0;
  int quote_size = 0;
  (void)raw;
  if (level >= 2) fstring_error(p, t, "f-string: expressions nested too deeply");
  /* find the end of the expression: '!' (not '!='), ':' or '=' (not '==') at depth 0, or '}' */
  size_t expr_end = 0;
  for (; i < n; i++) {
    char c = body[i];
    if (quote) {
      if (c == quote) {
        if (quote_size == 3) {
          if (i + 2 < n && body[i + 1] == quote && body[i + 2] == quote) {
            i += 2;
            quote = 0;
          }
        } else {
          quote = 0;
        }
      }
      continue;
    }
    if (c == '\\') fstring_error(p, t, "f-string expression part cannot include a backslash");
    if (c == '\'' || c == '"') {
      if (i + 2 < n && body[i + 1] == c && body[i + 2] == c) {
        quote_size = 3;
        i += 2;
      } else {
        quote_size = 1;
      }
      quote = c;
      continue;
    }
    if (c == '[' || c == '(' || c == '{') {
      if (depth >= 200) fstring_error(p, t, "f-string: too many nested parenthesis");
      parens[depth++] = c;
      continue;
    }
    if (c == '#') fstring_error(p, t, "f-string expression part cannot include '#'");
    if (depth == 0 && (c == '!' || c == ':' || c == '}' || c == '=')) {
      if (c == '!' && i + 1 < n && body[i + 1] == '=') { i++; continue; }
      if (c == '=' && i + 1 < n && body[i + 1] == '=') { i++; continue; }
      if (c == '=' && i > expr_start && strchr("<>!=", body[i - 1])) continue;
      break;
    }
    if (c == ']' || c == ')' || c == '}') {
      if (depth == 0) {
        char m[64];
        snprintf(m, sizeof m, "f-string: unmatched '%c'", c);
        fstring_error(p, t, m);
      }
      char open = parens[--depth];
      if (!((open == '(' && c == ')') || (open == '[' && c == ']') || (open == '{' && c == '}'))) {
        char m[128];
        snprintf(m, sizeof m, "f-string: closing parenthesis '%c' does not match opening parenthesis '%c'", c, open);
        fstring_error(p, t, m);
      }
    }
  }
  expr_end = i;
  if (quote) fstring_error(p, t, "f-string: unterminated string");
  if (depth) {
    char m[64];
    snprintf(m, sizeof m, "f-string: unmatched '%c'", parens[depth - 1]);
    fstring_error(p, t, m);
  }
  if (i >= n) fstring_error(p, t, "f-string: expecting '}'");
  /* empty expression? */
  bool blank = true;
  for (size_t k = expr_start; k < expr_end; k++)
    if (body[k] != ' ' && body[k] != '\t' && body[k] != '\n' && body[k] != '\f') blank = false;
  if (blank) {
    if (body[i] != '}') {
      char m[64];
      snprintf(m, sizeof m, "f-string: expression required before '%c'", body[i]);
      fstring_error(p, t, m);
    }
    fstring_error(p, t, "f-string: empty expression not allowed");
  }
  /* position of the expression text */
  size_t off_in_tok = (size_t)(body - t->start) + expr_start;
  int lineno, col;
  tok_offset_pos(t, off_in_tok, &lineno, &col);
  /* CPython: if only whitespace follows '{' up to a newline, the column shift is 0 */
  {
    bool nl_after = true;
    for (size_t k = expr_start; k < n && body[k] != '}' && body[k] != '\n'; k++)
      if (body[k] != ' ' && body[k] != '\t' && body[k] != '\f') { nl_after = false; break; }
    if (nl_after) col = 0;
  }
  ast_expr *value = fstring_expr(p, t, body + expr_start, expr_end - expr_start, lineno, col);
  /* '=' debug form */
  bool debug = false;
  if (body[i] == '=') {
    debug = true;
    i++;
    /* the expression text and '=' and following whitespace go into the literal */
    size_t ws = i;
    while (ws < n && (body[ws] == ' ' || body[ws] == '\t' || body[ws] == '\n' || body[ws] == '\f')) ws++;
    sb_add(p, &j->lit, body + expr_start, ws - expr_start);
    j->has_lit = true;
    i = ws;
  }
  if (i >= n) fstring_error(p, t, "f-string: expecting '}'");
  int conversion = -1;
  if (body[i] == '!') {
    i++;
    if (i >= n) fstring_error(p, t, "f-string: expecting '}'");
    char cc = body[i];
    if (cc != 's' && cc != 'r' && cc != 'a')
      fstring_error(p, t, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
    conversion = cc;
    i++;
  }
  ast_expr *spec = NULL;
  if (i < n && body[i] == ':') {
    i++;
    /* the format spec runs to the matching '}' */
    fjoin sj = {0};
    size_t spec_start = i;
    int nest = 0;
    size_t k = i;
    for (; k < n; k++) {
      if (body[k] == '{') {
        nest++;
      } else if (body[k] == '}') {
        if (nest == 0) break;
        nest--;
      }
    }
    if (k >= n) fstring_error(p, t, "f-string: expecting '}'");
    p->fstring_level++;
    fstring_body(p, &sj, t, body + spec_start, k - spec_start, raw, level + 1, group);
    p->fstring_level--;
    /* CPython finishes a format spec with the current token's span (its last literal too) */
    ast_pos tpos = {t->lineno, t->col, t->end_lineno, t->end_col};
    fjoin_flush(p, &sj, tpos);
    spec = new_expr(p, AST_E_JOINEDSTR, tpos);
    spec->u.seq.elts = expr_list(sj.parts);
    i = k;
  }
  if (i >= n || body[i] != '}') fstring_error(p, t, "f-string: expecting '}'");
  i++;
  if (debug && conversion == -1 && !spec) conversion = 'r';
  fjoin_flush(p, j, group);
  ast_expr *fv = new_expr(p, AST_E_FORMATTED, group);
  fv->u.formatted.value = value;
  fv->u.formatted.conversion = conversion;
  fv->u.formatted.format_spec = spec;
  vec_push(p, &j->parts, fv);
  *ip = i;
}

/* Literal text and replacement fields of an f-string body (or a format spec at level > 0). */
static void fstring_body(parser *p, fjoin *j, lex_token *t, const char *body, size_t n, bool raw, int level,
                         ast_pos group) {
  size_t i = 0;
  while (i < n) {
    /* literal run up to '{' or '}' */
    size_t s = i;
    while (i < n && body[i] != '{' && body[i] != '}') {
      if (body[i] == '\\' && !raw && i + 1 < n) {
        if (body[i + 1] == 'N' && i + 2 < n && body[i + 2] == '{') {
          fstring_error(p, t, "\\N{...} escapes are not supported");
        }
        i += 2;
        continue;
      }
      i++;
    }
    if (i > s) {
      char msg[200];
      size_t bad, dn;
      char *d = lex_decode(p->a, body + s, i - s, raw, false, &dn, msg, sizeof msg, &bad);
      if (!d) {
        if (!msg[0]) nomem(p);
        p->raising_hard = true;
        raise_last(p, "SyntaxError", "%s", msg);
      }
      sb_add(p, &j->lit, d, dn);
      j->has_lit = true;
    }
    if (i >= n) break;
    if (body[i] == '{') {
      if (level == 0 && i + 1 < n && body[i + 1] == '{') {
        sb_add(p, &j->lit, "{", 1);
        j->has_lit = true;
        i += 2;
        continue;
      }
      i++;
      fstring_field(p, j, t, body, n, &i, raw, level, group);
    } else {
      if (level == 0 && i + 1 < n && body[i + 1] == '}') {
        sb_add(p, &j->lit, "}", 1);
        j->has_lit = true;
        i += 2;
        continue;
      }
      fstring_error(p, t, "f-string: single '}' is not allowed");
    }
  }
}

/* strings: STRING+ — adjacent literals joined as CPython joins them. */
static ast_expr *strings(parser *p) {
  int start = p->pos;
  while (at(p, LEX_STRING)) advance(p);
  int end = p->pos - 1;
  ast_pos group = span(p, start, end);
  bool any_f = false, any_bytes = false, any_str = false, u_first = false;
  for (int i = start; i <= end; i++) {
    lex_strprefix pf;
    const char *b;
    size_t bn;
    lex_string_parts(p->toks[i].start, p->toks[i].len, &pf, &b, &bn);
    if (pf.fstring) any_f = true;
    if (pf.bytes) any_bytes = true;
    else any_str = true;
    if (i == start && pf.u) u_first = true;
  }
  (void)u_first;
  if (any_bytes && any_str) {
    p->raising_hard = true;
    raise_last(p, "SyntaxError", "cannot mix bytes and nonbytes literals");
  }
  if (!any_f) {
    strbuf sb = {0};
    for (int i = start; i <= end; i++) {
      lex_token *t = &p->toks[i];
      lex_strprefix pf;
      const char *b;
      size_t bn, dn, bad;
      char msg[200];
      lex_string_parts(t->start, t->len, &pf, &b, &bn);
      char *d = lex_decode(p->a, b, bn, pf.raw, pf.bytes, &dn, msg, sizeof msg, &bad);
      if (!d) {
        if (!msg[0]) nomem(p);
        p->raising_hard = true;
        raise_last(p, "SyntaxError", "%s", msg);
      }
      sb_add(p, &sb, d, dn);
    }
    if (!sb.s) sb_add(p, &sb, "", 0);
    ast_expr *e = constant(p, any_bytes ? AST_C_BYTES : AST_C_STR, group);
    e->u.constant.s = sb.s;
    e->u.constant.len = sb.n;
    return e;
  }
  fjoin j = {0};
  for (int i = start; i <= end; i++) {
    lex_token *t = &p->toks[i];
    lex_strprefix pf;
    const char *b;
    size_t bn;
    lex_string_parts(t->start, t->len, &pf, &b, &bn);
    if (pf.fstring) {
      /* the sub-parses fetch no tokens of ours; errors there report against this token */
      fstring_body(p, &j, t, b, bn, pf.raw, 0, group);
    } else {
      size_t dn, bad;
      char msg[200];
      char *d = lex_decode(p->a, b, bn, pf.raw, false, &dn, msg, sizeof msg, &bad);
      if (!d) {
        if (!msg[0]) nomem(p);
        p->raising_hard = true;
        raise_last(p, "SyntaxError", "%s", msg);
      }
      sb_add(p, &j.lit, d, dn);
      j.has_lit = true;
    }
  }
  fjoin_flush(p, &j, group);
  ast_expr *e = new_expr(p, AST_E_JOINEDSTR, group);
  e->u.seq.elts = expr_list(j.parts);
  return e;
}

/* yield_expr: 'yield' 'from' expression | 'yield' [star_expressions] */
static ast_expr *yield_expr(parser *p) {
  int start = p->pos;
  advance(p);
  if (accept_kw(p, LEX_KW_FROM)) {
    ast_expr *v = expression(p);
    ast_expr *e = new_expr(p, AST_E_YIELDFROM, span_to_here(p, start));
    e->u.yield.value = v;
    return e;
  }
  ast_expr *v = NULL;
  if (starts_expression(p) || at(p, LEX_STAR)) v = star_expressions(p);
  ast_expr *e = new_expr(p, AST_E_YIELD, span_to_here(p, start));
  e->u.yield.value = v;
  return e;
}

/* ---- parameters ---- */

typedef struct param_state {
  vec posonly, args, kwonly, kwdefaults, defaults;
  ast_arg *vararg, *kwarg;
} param_state;

static ast_arg *new_arg(parser *p, lex_token *t, ast_expr *ann, int start) {
  ast_arg *a = alloc(p, sizeof *a);
  a->name = tok_str(p, t);
  a->annotation = ann;
  a->pos = span_to_here(p, start);
  return a;
}

static ast_arguments *finish_params(parser *p, param_state *s) {
  ast_arguments *a = alloc(p, sizeof *a);
  a->nposonly = s->posonly.n;
  a->posonlyargs = alloc(p, sizeof(ast_arg) * (size_t)(s->posonly.n + 1));
  for (int i = 0; i < s->posonly.n; i++) a->posonlyargs[i] = *(ast_arg *)s->posonly.items[i];
  a->nargs = s->args.n;
  a->args = alloc(p, sizeof(ast_arg) * (size_t)(s->args.n + 1));
  for (int i = 0; i < s->args.n; i++) a->args[i] = *(ast_arg *)s->args.items[i];
  a->nkwonly = s->kwonly.n;
  a->kwonlyargs = alloc(p, sizeof(ast_arg) * (size_t)(s->kwonly.n + 1));
  for (int i = 0; i < s->kwonly.n; i++) a->kwonlyargs[i] = *(ast_arg *)s->kwonly.items[i];
  a->kw_defaults = (ast_expr **)s->kwdefaults.items;
  a->defaults = (ast_expr **)s->defaults.items;
  a->ndefaults = s->defaults.n;
  a->vararg = s->vararg;
  a->kwarg = s->kwarg;
  return a;
}

/* parameters / lambda_parameters: [posonly '/'] [args] ['*' [vararg] kwonly*] ['**' kwarg] with
   defaults; annotated (def) or not (lambda). close is ')' or ':'. */
static ast_arguments *params(parser *p, bool lambda, lex_type close) {
  param_state s = {0};
  bool seen_default = false, seen_star = false, seen_slash = false;
  int star_tok = -1;
  /* invalid_parameters_helper: 0 no default yet, 1 in the first run of defaults, 2 after its '/',
     3 anything else (the "non-default argument" rule can no longer match) */
  int drun = 0;
  while (!at(p, close)) {
    if (at(p, LEX_SLASH)) {
      lex_token *sl = peek(p);
      if (seen_slash) raise_at_node(p, (ast_pos){sl->lineno, sl->col, sl->end_lineno, sl->end_col}, "/ may appear only once");
      if (seen_star) raise_at_node(p, (ast_pos){sl->lineno, sl->col, sl->end_lineno, sl->end_col}, "/ must be ahead of *");
      if (s.args.n == 0) {
        if (peek_quiet(p, 1)->type == LEX_COMMA)
          raise_at_node(p, (ast_pos){sl->lineno, sl->col, sl->end_lineno, sl->end_col}, "at least one argument must precede /");
        syntax_error(p);
      }
      advance(p);
      seen_slash = true;
      drun = drun == 1 ? 2 : 3;
      s.posonly = s.args;
      s.args = (vec){0};
    } else if (at(p, LEX_STAR)) {
      lex_token *st = peek(p);
      if (seen_star) {
        /* invalid_star_etc: ... '*' (param_no_default | ',') */
        lex_token *n1 = peek_quiet(p, 1), *n2 = peek_quiet(p, 2);
        bool param_nd = n1->type == LEX_NAME && n1->kw == LEX_KW_NONE_ &&
                        (n2->type == LEX_COMMA || n2->type == close || (!lambda && n2->type == LEX_COLON));
        if (n1->type == LEX_COMMA || param_nd)
          raise_at_node(p, (ast_pos){st->lineno, st->col, st->end_lineno, st->end_col}, "* argument may appear only once");
        syntax_error(p);
      }
      star_tok = p->pos;
      advance(p);
      seen_star = true;
      if (at_name(p)) {
        int as = p->pos;
        lex_token *nt = advance(p);
        ast_expr *ann = NULL;
        if (!lambda && accept(p, LEX_COLON)) ann = at(p, LEX_STAR) ? star_expression(p) : expression(p);
        s.vararg = new_arg(p, nt, ann, as);
        if (at(p, LEX_EQUAL)) {
          lex_token *eq = peek(p);
          raise_at_node(p, (ast_pos){eq->lineno, eq->col, eq->end_lineno, eq->end_col}, "var-positional argument cannot have default value");
        }
      } else if (at(p, close) || (at(p, LEX_COMMA) && (tok_at(p, p->pos + 1)->type == close ||
                                                       tok_at(p, p->pos + 1)->type == LEX_DOUBLESTAR))) {
        lex_token *st2 = &p->toks[star_tok];
        if (lambda) {
          if (at(p, LEX_COMMA)) tok_at(p, p->pos + 1);
          raise_last(p, "SyntaxError", "named arguments must follow bare *");
        }
        raise_at_node(p, (ast_pos){st2->lineno, st2->col, st2->end_lineno, st2->end_col}, "named arguments must follow bare *");
      } else if (!at(p, LEX_COMMA)) {
        syntax_error(p);
      }
    } else if (at(p, LEX_DOUBLESTAR)) {
      advance(p);
      if (!at_name(p)) syntax_error(p);
      int as = p->pos;
      lex_token *nt = advance(p);
      ast_expr *ann = NULL;
      if (!lambda && accept(p, LEX_COLON)) ann = expression(p);
      s.kwarg = new_arg(p, nt, ann, as);
      if (at(p, LEX_EQUAL)) {
        lex_token *eq = peek(p);
        raise_at_node(p, (ast_pos){eq->lineno, eq->col, eq->end_lineno, eq->end_col}, "var-keyword argument cannot have default value");
      }
      if (accept(p, LEX_COMMA) && (at_name(p) || at(p, LEX_STAR) || at(p, LEX_DOUBLESTAR) || at(p, LEX_SLASH))) {
        lex_token *c = peek(p);
        raise_at_node(p, (ast_pos){c->lineno, c->col, c->end_lineno, c->end_col}, "arguments cannot follow var-keyword argument");
      }
      if (!at(p, close)) syntax_error(p);
      break;
    } else if (at(p, LEX_LPAR) && !seen_default && !seen_star && rules_on(p)) {
      /* invalid_parameters: param_no_default* '(' param_no_default+ ','? ')' */
      int lp = p->pos, i = lp + 1;
      bool ok = false;
      p->probing++;   /* an error rule's lookahead */
      for (;;) {
        lex_token *t = tok_at(p, i);
        if (t->type != LEX_NAME || t->kw != LEX_KW_NONE_) break;
        i++;
        if (!lambda && tok_at(p, i)->type == LEX_COLON) {
          /* an annotation: skip a simple expression up to ',' or ')' */
          int depth = 0;
          for (i++;; i++) {
            lex_type ty = tok_at(p, i)->type;
            if (ty == LEX_NEWLINE || ty == LEX_ENDMARKER) break;
            if (ty == LEX_LPAR || ty == LEX_LSQB || ty == LEX_LBRACE) depth++;
            else if ((ty == LEX_RPAR || ty == LEX_RSQB || ty == LEX_RBRACE) && depth-- == 0) break;
            else if (ty == LEX_COMMA && depth == 0) break;
          }
        }
        if (tok_at(p, i)->type == LEX_COMMA) i++;
        if (tok_at(p, i)->type == LEX_RPAR) {
          ok = true;
          break;
        }
      }
      p->probing--;
      if (ok)
        raise_range(p, span(p, lp, lp), span(p, i, i), lambda ? "Lambda expression parameters cannot be parenthesized"
                                                              : "Function parameters cannot be parenthesized");
      syntax_error(p);
    } else if (at_name(p)) {
      int as = p->pos;
      lex_token *nt = advance(p);
      ast_expr *ann = NULL;
      if (!lambda && accept(p, LEX_COLON)) ann = expression(p);
      ast_arg *a = new_arg(p, nt, ann, as);
      ast_expr *def = NULL;
      if (at(p, LEX_EQUAL)) {
        lex_token *eq = advance(p);
        if (at(p, LEX_COMMA) || at(p, LEX_RPAR))   /* invalid_default: '=' &(')'|',') */
          raise_at_node(p, (ast_pos){eq->lineno, eq->col, eq->end_lineno, eq->end_col}, "expected default value expression");
        def = expression(p);
      }
      if (seen_star) {
        vec_push(p, &s.kwonly, a);
        vec_push(p, &s.kwdefaults, def);
      } else {
        if (!def && seen_default) {
          if ((drun == 1 || drun == 2) && (at(p, LEX_COMMA) || at(p, close)))
            raise_at_node(p, a->pos, "non-default argument follows default argument");
          syntax_error(p);
        }
        if (def) {
          drun = drun <= 1 ? 1 : 3;
          seen_default = true;
          vec_push(p, &s.defaults, def);
        }
        vec_push(p, &s.args, a);
      }
    } else {
      syntax_error(p);
    }
    if (!accept(p, LEX_COMMA)) break;
  }
  return finish_params(p, &s);
}

static ast_arguments *lambda_params(parser *p) { return params(p, true, LEX_COLON); }

/* ---- statements ---- */

static ast_stmt *statement(parser *p, vec *out);
static void simple_stmts(parser *p, vec *out);

/* block: NEWLINE INDENT statements DEDENT | simple_stmts. what/line name the header for the
   "expected an indented block" error. */
static ast_stmt_list block(parser *p, const char *what, int line) {
  vec v = {0};
  if (accept(p, LEX_NEWLINE)) {
    if (!at(p, LEX_INDENT)) {
      peek(p);
      if (what) raise_last(p, "IndentationError", "expected an indented block after %s on line %d", what, line);
      raise_last(p, "IndentationError", "expected an indented block");
    }
    advance(p);
    enter(p);
    while (!at(p, LEX_DEDENT) && !at(p, LEX_ENDMARKER)) statement(p, &v);
    expect(p, LEX_DEDENT);
    leave(p);
  } else {
    simple_stmts(p, &v);
  }
  return stmt_list(v);
}

/* A compound statement's span: to the last token consumed that is not NEWLINE/INDENT/DEDENT
   (CPython's _PyPegen_get_last_nonnwhitespace_token), so a trailing ';' counts. */
static ast_pos stmt_span(parser *p, int start, ast_stmt_list body) {
  (void)body;
  int last = p->pos - 1;
  while (last > start) {
    lex_type ty = p->toks[last].type;
    if (ty != LEX_NEWLINE && ty != LEX_INDENT && ty != LEX_DEDENT && ty != LEX_ENDMARKER) break;
    last--;
  }
  return span(p, start, last);
}

/* Header colon of a compound statement: NEWLINE instead of ':' gives "expected ':'". */
static void header_colon(parser *p) {
  if (accept(p, LEX_COLON)) return;
  if (at(p, LEX_NEWLINE)) raise_last(p, "SyntaxError", "expected ':'");
  syntax_error(p);
}

/* if_stmt: 'if' named_expression ':' block (elif_stmt | [else_block]) */
static ast_stmt *if_stmt(parser *p, bool elif) {
  int start = p->pos;
  lex_token *kw = advance(p);
  ast_expr *test = named_expression(p);
  header_colon(p);
  ast_stmt_list body = block(p, elif ? "'elif' statement" : "'if' statement", kw->lineno);
  ast_stmt_list orelse = {0};
  ast_stmt *s = new_stmt(p, AST_S_IF, (ast_pos){0});
  if (at_kw(p, LEX_KW_ELIF)) {
    ast_stmt *e = if_stmt(p, true);
    ast_stmt **items = alloc(p, sizeof *items);
    items[0] = e;
    orelse = (ast_stmt_list){items, 1};
  } else if (at_kw(p, LEX_KW_ELSE)) {
    lex_token *ek = advance(p);
    expect_forced(p, LEX_COLON, ":");
    orelse = block(p, "'else' statement", ek->lineno);
  }
  s->u.if_.test = test;
  s->u.if_.body = body;
  s->u.if_.orelse = orelse;
  s->pos = stmt_span(p, start, orelse.n ? orelse : body);
  return s;
}

/* while_stmt: 'while' named_expression ':' block [else_block] */
static ast_stmt *while_stmt(parser *p) {
  int start = p->pos;
  lex_token *kw = advance(p);
  ast_expr *test = named_expression(p);
  header_colon(p);
  ast_stmt_list body = block(p, "'while' statement", kw->lineno);
  ast_stmt_list orelse = {0};
  if (at_kw(p, LEX_KW_ELSE)) {
    lex_token *ek = advance(p);
    expect_forced(p, LEX_COLON, ":");
    orelse = block(p, "'else' statement", ek->lineno);
  }
  ast_stmt *s = new_stmt(p, AST_S_WHILE, stmt_span(p, start, orelse.n ? orelse : body));
  s->u.while_.test = test;
  s->u.while_.body = body;
  s->u.while_.orelse = orelse;
  return s;
}

/* for_stmt: 'for' star_targets 'in' ~ star_expressions ':' block [else_block] */
static ast_stmt *for_stmt(parser *p) {
  int start = p->pos;
  lex_token *kw = advance(p);
  ast_expr *target = for_target(p);
  advance(p);   /* 'in' */
  ast_expr *iter = star_expressions(p);
  header_colon(p);
  ast_stmt_list body = block(p, "'for' statement", kw->lineno);
  ast_stmt_list orelse = {0};
  if (at_kw(p, LEX_KW_ELSE)) {
    lex_token *ek = advance(p);
    expect_forced(p, LEX_COLON, ":");
    orelse = block(p, "'else' statement", ek->lineno);
  }
  ast_stmt *s = new_stmt(p, AST_S_FOR, stmt_span(p, start, orelse.n ? orelse : body));
  s->u.for_.target = target;
  s->u.for_.iter = iter;
  s->u.for_.body = body;
  s->u.for_.orelse = orelse;
  return s;
}

/* invalid_with_stmt items: ','.(expression ['as' star_target])+ then NEWLINE (or the parenthesized form) */
static void *probe_loose_with_items(parser *p, void *arg) {
  bool paren = arg != NULL && accept(p, LEX_LPAR);
  for (;;) {
    expression(p);
    if (accept_kw(p, LEX_KW_AS)) {
      if (at(p, LEX_STAR)) advance(p);
      primary(p);
    }
    if (!accept(p, LEX_COMMA)) break;
    if (paren && at(p, LEX_RPAR)) break;
  }
  if (paren) expect(p, LEX_RPAR);
  if (!at(p, LEX_NEWLINE)) syntax_error(p);
  return p;
}

/* invalid_with_stmt: 'with' items NEWLINE -> "expected ':'"; otherwise the generic error. */
static _Noreturn void invalid_with_stmt(parser *p, int kw_pos) {
  p->pos = kw_pos + 1;
  if (rules_on(p) && (probe(p, probe_loose_with_items, NULL) || (at(p, LEX_LPAR) && probe(p, probe_loose_with_items, p))))
    raise_last(p, "SyntaxError", "expected ':'");
  syntax_error(p);
}

/* star_target: '*' (!'*' star_target) | target_with_star_atom — a primary, checked by the caller */
static void *probe_star_target(parser *p, void *arg) {
  (void)arg;
  int s = p->pos;
  if (accept(p, LEX_STAR)) {
    if (at(p, LEX_STAR)) syntax_error(p);
    ast_expr *inner = primary(p);
    ast_expr *t = new_expr(p, AST_E_STARRED, span_to_here(p, s));
    t->u.starred.value = inner;
    return t;
  }
  return primary(p);
}

/* with_stmt: 'with' ','.with_item+ ':' block | 'with' '(' ','.with_item+ ','? ')' ':' block
   with_item: expression 'as' star_target &(',' | ')' | ':') | expression */
static ast_withitem with_item(parser *p) {
  ast_withitem w = {0};
  w.context_expr = expression(p);
  if (accept_kw(p, LEX_KW_AS)) {
    /* 'as' star_target &(',' | ')' | ':') | invalid_with_item: 'as' expression &(',' | ')' | ':') */
    int s = p->pos;
    ast_expr *t = probe_alt(p, probe_star_target, NULL);
    if (!t || !valid_target(t, T_STAR, true) || !(at(p, LEX_COMMA) || at(p, LEX_RPAR) || at(p, LEX_COLON))) {
      p->pos = s;
      ast_expr *e = probe(p, probe_expression, &p->first_pass);
      if (e && (at(p, LEX_COMMA) || at(p, LEX_RPAR) || at(p, LEX_COLON))) {
        ast_expr *bad = invalid_target(e, T_STAR);
        if (bad) raise_at_node(p, bad->pos, "cannot assign to %s", expr_name(bad));
      }
      /* with_item: expression — the item ends before 'as' */
      p->pos = s - 1;
      return w;
    }
    set_ctx(t, AST_STORE);
    w.optional_vars = t;
  }
  return w;
}

typedef struct witems { vec v; } witems;
static void *probe_paren_with(parser *p, void *arg) {
  witems *wi = arg;
  advance(p);
  wi->v = (vec){0};
  for (;;) {
    ast_withitem *w = alloc(p, sizeof *w);
    *w = with_item(p);
    vec_push(p, &wi->v, w);
    if (!accept(p, LEX_COMMA)) break;
    if (at(p, LEX_RPAR)) break;
  }
  expect(p, LEX_RPAR);
  if (!at(p, LEX_COLON)) syntax_error(p);
  return wi;
}

static ast_stmt *with_stmt(parser *p) {
  int start = p->pos, kw_pos = p->pos;
  lex_token *kw = advance(p);
  witems wi = {0};
  if (!(at(p, LEX_LPAR) && probe_alt(p, probe_paren_with, &wi))) {
    wi.v = (vec){0};
    for (;;) {
      ast_withitem *w = alloc(p, sizeof *w);
      *w = with_item(p);
      vec_push(p, &wi.v, w);
      if (!accept(p, LEX_COMMA)) break;
    }
  }
  if (!at(p, LEX_COLON)) invalid_with_stmt(p, kw_pos);
  advance(p);
  ast_stmt_list body = block(p, "'with' statement", kw->lineno);
  ast_stmt *s = new_stmt(p, AST_S_WITH, stmt_span(p, start, body));
  s->u.with.items = alloc(p, sizeof(ast_withitem) * (size_t)wi.v.n);
  for (int i = 0; i < wi.v.n; i++) s->u.with.items[i] = *(ast_withitem *)wi.v.items[i];
  s->u.with.nitems = wi.v.n;
  s->u.with.body = body;
  return s;
}

/* try_stmt: 'try' &&':' block finally_block | 'try' &&':' block except_block+ [else_block] [finally_block] */
static ast_stmt *try_stmt(parser *p) {
  int start = p->pos;
  lex_token *kw = advance(p);
  expect_forced(p, LEX_COLON, ":");
  ast_stmt_list body = block(p, "'try' statement", kw->lineno);
  vec handlers = {0};
  ast_stmt_list orelse = {0}, finalbody = {0};
  ast_stmt_list last = body;
  while (at_kw(p, LEX_KW_EXCEPT)) {
    int hs = p->pos;
    lex_token *ek = advance(p);
    ast_excepthandler *h = alloc(p, sizeof *h);
    if (at(p, LEX_STAR)) {
      lex_token *st = peek(p);
      {
        p->raising_hard = true;
        raise_known(p, "SyntaxError", st->lineno, st->col, st->end_lineno, st->end_col, "'except*' is not supported");
      }
    }
    if (!at(p, LEX_COLON)) {
      if (at(p, LEX_NEWLINE)) raise_last(p, "SyntaxError", "expected ':'");
      h->type = expression(p);
      if (at(p, LEX_COMMA)) {
        /* invalid_except_stmt: except a, b: */
        int save = p->pos;
        ast_expr *first = h->type;
        advance(p);
        ast_expr *rest = star_expressions(p);
        (void)rest;
        if (accept_kw(p, LEX_KW_AS)) {
          if (at_name(p)) advance(p);
        }
        if (at(p, LEX_COLON)) {
          ast_pos endp = p->toks[p->pos - 1].type == LEX_NAME ? span(p, p->pos - 1, p->pos - 1) : rest->pos;
          (void)endp;
          raise_range(p, first->pos, rest->pos, "multiple exception types must be parenthesized");
        }
        p->pos = save;
        syntax_error(p);
      }
      if (accept_kw(p, LEX_KW_AS)) {
        if (!at_name(p)) syntax_error(p);
        h->name = tok_str(p, advance(p));
      }
      if (at(p, LEX_NEWLINE)) raise_last(p, "SyntaxError", "expected ':'");
    }
    expect(p, LEX_COLON);
    h->body = block(p, "'except' statement", ek->lineno);
    h->pos = stmt_span(p, hs, h->body);
    vec_push(p, &handlers, h);
    last = h->body;
  }
  if (handlers.n && at_kw(p, LEX_KW_ELSE)) {
    lex_token *ek = advance(p);
    expect_forced(p, LEX_COLON, ":");
    orelse = block(p, "'else' statement", ek->lineno);
    last = orelse;
  }
  if (at_kw(p, LEX_KW_FINALLY)) {
    lex_token *fk = advance(p);
    expect_forced(p, LEX_COLON, ":");
    finalbody = block(p, "'finally' statement", fk->lineno);
    last = finalbody;
  }
  if (!handlers.n && !finalbody.n) {
    peek(p);
    raise_last(p, "SyntaxError", "expected 'except' or 'finally' block");
  }
  ast_stmt *s = new_stmt(p, AST_S_TRY, stmt_span(p, start, last));
  s->u.try_.body = body;
  s->u.try_.handlers = alloc(p, sizeof(ast_excepthandler) * (size_t)(handlers.n + 1));
  for (int i = 0; i < handlers.n; i++) s->u.try_.handlers[i] = *(ast_excepthandler *)handlers.items[i];
  s->u.try_.nhandlers = handlers.n;
  s->u.try_.orelse = orelse;
  s->u.try_.finalbody = finalbody;
  return s;
}

/* function_def_raw: 'def' NAME &&'(' [params] ')' ['->' expression] &&':' block */
static ast_stmt *funcdef(parser *p, ast_expr_list decorators) {
  int start = p->pos;
  lex_token *kw = advance(p);
  if (!at_name(p)) syntax_error(p);
  lex_token *name = advance(p);
  expect_forced(p, LEX_LPAR, "(");
  enter(p);
  ast_arguments *args = params(p, false, LEX_RPAR);
  expect(p, LEX_RPAR);
  leave(p);
  ast_expr *returns = NULL;
  if (at(p, LEX_RARROW)) {
    /* ['->' expression]: when the expression fails the group matches nothing */
    int arrow = p->pos;
    advance(p);
    returns = probe_alt(p, probe_expression, NULL);
    if (!returns) p->pos = arrow;
  }
  expect_forced(p, LEX_COLON, ":");
  ast_stmt_list body = block(p, "function definition", kw->lineno);
  ast_stmt *s = new_stmt(p, AST_S_FUNCTIONDEF, stmt_span(p, start, body));
  s->u.funcdef.name = tok_str(p, name);
  s->u.funcdef.args = args;
  s->u.funcdef.body = body;
  s->u.funcdef.decorators = decorators;
  s->u.funcdef.returns = returns;
  return s;
}

/* class_def_raw: 'class' NAME ['(' [arguments] ')'] ':' block */
static ast_stmt *classdef(parser *p, ast_expr_list decorators) {
  int start = p->pos;
  lex_token *kw = advance(p);
  if (!at_name(p)) syntax_error(p);
  lex_token *name = advance(p);
  ast_stmt *s = new_stmt(p, AST_S_CLASSDEF, (ast_pos){0});
  if (at(p, LEX_LPAR)) {
    ast_expr call = {0};
    enter(p);
    call_arguments(p, &call, p->pos, false);
    leave(p);
    s->u.classdef.bases = call.u.call.args;
    s->u.classdef.keywords = call.u.call.keywords;
    s->u.classdef.nkeywords = call.u.call.nkeywords;
  }
  header_colon(p);
  ast_stmt_list body = block(p, "class definition", kw->lineno);
  s->pos = stmt_span(p, start, body);
  s->u.classdef.name = tok_str(p, name);
  s->u.classdef.body = body;
  s->u.classdef.decorators = decorators;
  return s;
}

/* 'async' ('def' | 'with' | 'for'): not supported; anything else after 'async' is invalid syntax. */
static _Noreturn void async_stmt(parser *p) {
  lex_token *t = peek(p), *n = peek2(p);
  if (n->type == LEX_NAME && (n->kw == LEX_KW_DEF || n->kw == LEX_KW_WITH || n->kw == LEX_KW_FOR))
    {
    p->raising_hard = true;
    raise_known(p, "SyntaxError", t->lineno, t->col, t->end_lineno, t->end_col, "'async' is not supported");
  }
  syntax_error(p);
}

/* decorators: ('@' named_expression NEWLINE)+ then class_def_raw | function_def_raw */
static ast_stmt *decorated(parser *p) {
  vec decs = {0};
  while (accept(p, LEX_AT)) {
    vec_push(p, &decs, named_expression(p));
    expect(p, LEX_NEWLINE);
  }
  if (at_kw(p, LEX_KW_DEF)) return funcdef(p, expr_list(decs));
  if (at_kw(p, LEX_KW_CLASS)) return classdef(p, expr_list(decs));
  if (at_kw(p, LEX_KW_ASYNC)) async_stmt(p);
  syntax_error(p);
}

/* dotted_name: dotted_name '.' NAME | NAME */
static char *dotted_name(parser *p) {
  if (!at_name(p)) syntax_error(p);
  strbuf b = {0};
  lex_token *t = advance(p);
  sb_add(p, &b, t->start, t->len);
  while (at(p, LEX_DOT)) {
    advance(p);
    if (!at_name(p)) syntax_error(p);
    t = advance(p);
    sb_add(p, &b, ".", 1);
    sb_add(p, &b, t->start, t->len);
  }
  return b.s;
}

/* import_name: 'import' ','.(dotted_name ['as' NAME])+ */
static ast_stmt *import_name(parser *p) {
  int start = p->pos;
  advance(p);
  vec names = {0};
  for (;;) {
    int as = p->pos;
    ast_alias *al = alloc(p, sizeof *al);
    al->name = dotted_name(p);
    if (accept_kw(p, LEX_KW_AS)) {
      if (!at_name(p)) syntax_error(p);
      al->asname = tok_str(p, advance(p));
    }
    al->pos = span_to_here(p, as);
    vec_push(p, &names, al);
    if (!accept(p, LEX_COMMA)) break;
  }
  ast_stmt *s = new_stmt(p, AST_S_IMPORT, span_to_here(p, start));
  s->u.import.names = alloc(p, sizeof(ast_alias) * (size_t)names.n);
  for (int i = 0; i < names.n; i++) s->u.import.names[i] = *(ast_alias *)names.items[i];
  s->u.import.nnames = names.n;
  return s;
}

/* import_from: 'from' ('.' | '...')* dotted_name 'import' import_from_targets
              | 'from' ('.' | '...')+ 'import' import_from_targets */
static ast_stmt *import_from(parser *p) {
  int start = p->pos;
  advance(p);
  int level = 0;
  for (;;) {
    if (accept(p, LEX_DOT)) level++;
    else if (accept(p, LEX_ELLIPSIS)) level += 3;
    else break;
  }
  char *module = NULL;
  if (!at_kw(p, LEX_KW_IMPORT) || level == 0) module = dotted_name(p);
  if (!accept_kw(p, LEX_KW_IMPORT)) syntax_error(p);
  vec names = {0};
  if (at(p, LEX_STAR)) {
    lex_token *t = advance(p);
    ast_alias *al = alloc(p, sizeof *al);
    al->name = "*";
    al->pos = (ast_pos){t->lineno, t->col, t->end_lineno, t->end_col};
    vec_push(p, &names, al);
  } else {
    bool paren = accept(p, LEX_LPAR);
    for (;;) {
      if (!at_name(p)) syntax_error(p);
      int as = p->pos;
      ast_alias *al = alloc(p, sizeof *al);
      al->name = tok_str(p, advance(p));
      if (accept_kw(p, LEX_KW_AS)) {
        if (!at_name(p)) syntax_error(p);
        al->asname = tok_str(p, advance(p));
      }
      al->pos = span_to_here(p, as);
      vec_push(p, &names, al);
      if (!accept(p, LEX_COMMA)) break;
      if (paren && at(p, LEX_RPAR)) break;
      if (!paren && at(p, LEX_NEWLINE))
        raise_last(p, "SyntaxError", "trailing comma not allowed without surrounding parentheses");
    }
    if (paren) expect(p, LEX_RPAR);
  }
  ast_stmt *s = new_stmt(p, AST_S_IMPORTFROM, span_to_here(p, start));
  s->u.import.module = module;
  s->u.import.level = level;
  s->u.import.names = alloc(p, sizeof(ast_alias) * (size_t)names.n);
  for (int i = 0; i < names.n; i++) s->u.import.names[i] = *(ast_alias *)names.items[i];
  s->u.import.nnames = names.n;
  return s;
}

static bool augassign_op(lex_type t, ast_operator *op) {
  switch (t) {
  case LEX_PLUSEQUAL: *op = AST_ADD; return true;
  case LEX_MINEQUAL: *op = AST_SUB; return true;
  case LEX_STAREQUAL: *op = AST_MULT; return true;
  case LEX_ATEQUAL: *op = AST_MATMULT; return true;
  case LEX_SLASHEQUAL: *op = AST_DIV; return true;
  case LEX_PERCENTEQUAL: *op = AST_MOD; return true;
  case LEX_AMPEREQUAL: *op = AST_BITAND; return true;
  case LEX_VBAREQUAL: *op = AST_BITOR; return true;
  case LEX_CIRCUMFLEXEQUAL: *op = AST_BITXOR; return true;
  case LEX_LEFTSHIFTEQUAL: *op = AST_LSHIFT; return true;
  case LEX_RIGHTSHIFTEQUAL: *op = AST_RSHIFT; return true;
  case LEX_DOUBLESTAREQUAL: *op = AST_POW; return true;
  case LEX_DOUBLESLASHEQUAL: *op = AST_FLOORDIV; return true;
  default: return false;
  }
}

static ast_expr *yield_or_star_expressions(parser *p) {
  if (at_kw(p, LEX_KW_YIELD)) return yield_expr(p);
  return star_expressions(p);
}

/* Leftmost atom of e starts a list/tuple/genexp or is True/None/False (the !(...) guard of
   invalid_named_expression). */
static bool starts_with_display(parser *p, int start) {
  lex_token *t = &p->toks[start];
  if (t->type == LEX_NAME && (t->kw == LEX_KW_TRUE || t->kw == LEX_KW_FALSE || t->kw == LEX_KW_NONE)) return true;
  if (t->type == LEX_LPAR || t->type == LEX_LSQB) {
    /* list: '[' ... ']' without a top-level 'for'; tuple: '(' ')' or '(' x ','; genexp: '(' x 'for' */
    bool sq = t->type == LEX_LSQB;
    int depth = 0;
    for (int i = start; i < p->ntoks; i++) {
      lex_type ty = p->toks[i].type;
      if (ty == LEX_LPAR || ty == LEX_LSQB || ty == LEX_LBRACE) depth++;
      else if (ty == LEX_RPAR || ty == LEX_RSQB || ty == LEX_RBRACE) {
        depth--;
        if (depth == 0) return sq || i == start + 1;
      } else if (depth == 1 && ty == LEX_NAME && p->toks[i].kw == LEX_KW_FOR) {
        return !sq;
      } else if (depth == 1 && ty == LEX_COMMA && !sq) {
        return true;
      }
    }
  }
  return false;
}

static void *probe_bitwise_or(parser *p, void *arg) {
  (void)arg;
  return bitwise_or(p);
}

/* Start of the last element of a bare tuple whose tokens are [start, end). */
static int last_elt_start(parser *p, int start, int end) {
  int depth = 0, r = start;
  for (int i = start; i < end; i++) {
    lex_type ty = p->toks[i].type;
    if (ty == LEX_LPAR || ty == LEX_LSQB || ty == LEX_LBRACE) depth++;
    else if (ty == LEX_RPAR || ty == LEX_RSQB || ty == LEX_RBRACE) depth--;
    else if (ty == LEX_COMMA && depth == 0 && i + 1 < end) r = i + 1;
  }
  return r;
}

/* Is e a "bitwise_or" (no comparison, not, and/or, ifexp, lambda, starred, unparenthesized tuple)? */
static bool is_bitwise_or_level(parser *p, ast_expr *e, int start) {
  switch (e->kind) {
  case AST_E_COMPARE: case AST_E_BOOLOP: case AST_E_IFEXP: case AST_E_LAMBDA: case AST_E_STARRED:
  case AST_E_NAMEDEXPR:
    return e->pos.col != p->toks[start].col || e->pos.lineno != p->toks[start].lineno;  /* parenthesized */
  case AST_E_UNARYOP:
    if (e->u.unaryop.op == AST_NOT) return e->pos.col != p->toks[start].col || e->pos.lineno != p->toks[start].lineno;
    return true;
  case AST_E_TUPLE:
    return p->toks[start].type == LEX_LPAR;
  case AST_E_YIELD: case AST_E_YIELDFROM:
    return p->toks[start].type == LEX_LPAR;
  default:
    return true;
  }
}

/* del_targets: ','.del_target+ [','] — primaries here, checked by the caller. */
static void *probe_del_targets(parser *p, void *arg) {
  vec *v = arg;
  *v = (vec){0};
  for (;;) {
    vec_push(p, v, primary(p));
    if (!accept(p, LEX_COMMA)) break;
    if (!starts_expression(p) || at_kw(p, LEX_KW_NOT) || at_kw(p, LEX_KW_LAMBDA)) break;
  }
  return v;
}

static void *probe_loose_elements(parser *p, void *arg) {
  while (starts_expression(p) || at(p, LEX_STAR)) {
    star_named_expression(p);
    accept(p, LEX_COMMA);
  }
  return arg;
}

/* simple_stmt: assignment | star_expressions | return | import | raise | pass | del | yield | assert
              | break | continue | global | nonlocal */
static ast_stmt *simple_stmt(parser *p) {
  int start = p->pos;
  lex_token *t = peek(p);
  if (t->type == LEX_NAME) {
    switch (t->kw) {
    case LEX_KW_PASS: advance(p); return new_stmt(p, AST_S_PASS, span_to_here(p, start));
    case LEX_KW_BREAK: advance(p); return new_stmt(p, AST_S_BREAK, span_to_here(p, start));
    case LEX_KW_CONTINUE: advance(p); return new_stmt(p, AST_S_CONTINUE, span_to_here(p, start));
    case LEX_KW_RETURN: {
      advance(p);
      ast_expr *v = NULL;
      if (starts_expression(p) || at(p, LEX_STAR)) v = star_expressions(p);
      ast_stmt *s = new_stmt(p, AST_S_RETURN, span_to_here(p, start));
      s->u.value.value = v;
      return s;
    }
    case LEX_KW_IMPORT: return import_name(p);
    case LEX_KW_FROM: return import_from(p);
    case LEX_KW_RAISE: {
      advance(p);
      ast_stmt *s = new_stmt(p, AST_S_RAISE, (ast_pos){0});
      if (starts_expression(p)) {
        s->u.raise.exc = expression(p);
        if (accept_kw(p, LEX_KW_FROM)) s->u.raise.cause = expression(p);
      }
      s->pos = span_to_here(p, start);
      return s;
    }
    case LEX_KW_DEL: {
      /* del_stmt: 'del' del_targets &(';' | NEWLINE) | invalid_del_stmt */
      advance(p);
      int save = p->pos;
      vec v = {0};
      if (probe_alt(p, probe_del_targets, &v) && (at(p, LEX_SEMI) || at(p, LEX_NEWLINE))) {
        bool ok = true;
        for (int i = 0; i < v.n; i++)
          if (!valid_target(v.items[i], T_DEL, true)) ok = false;
        if (ok) {
          for (int i = 0; i < v.n; i++) set_ctx(v.items[i], AST_DEL);
          ast_stmt *s = new_stmt(p, AST_S_DELETE, span_to_here(p, start));
          s->u.targets.targets = expr_list(v);
          return s;
        }
      }
      /* invalid_del_stmt: 'del' star_expressions -> the first invalid target */
      int fail = p->pos;
      p->pos = save;
      ast_expr *e = probe(p, probe_star_expressions, &p->first_pass);
      if (e) {
        ast_expr *bad = invalid_target(e, T_DEL);
        if (bad) raise_at_node(p, bad->pos, "cannot delete %s", expr_name(bad));
      }
      p->pos = fail;
      syntax_error(p);
    }
    case LEX_KW_ASSERT: {
      advance(p);
      ast_stmt *s = new_stmt(p, AST_S_ASSERT, (ast_pos){0});
      s->u.assert_.test = expression(p);
      if (accept(p, LEX_COMMA)) s->u.assert_.msg = expression(p);
      s->pos = span_to_here(p, start);
      return s;
    }
    case LEX_KW_GLOBAL: case LEX_KW_NONLOCAL: {
      advance(p);
      vec v = {0};
      for (;;) {
        if (!at_name(p)) syntax_error(p);
        vec_push(p, &v, tok_str(p, advance(p)));
        if (!accept(p, LEX_COMMA)) break;
      }
      ast_stmt *s = new_stmt(p, t->kw == LEX_KW_GLOBAL ? AST_S_GLOBAL : AST_S_NONLOCAL, span_to_here(p, start));
      s->u.names.names = (const char **)v.items;
      s->u.names.nnames = v.n;
      return s;
    }
    default:
      break;
    }
  }
  /* expression statement or assignment */
  if (!starts_expression(p) && !at(p, LEX_STAR) && !at_kw(p, LEX_KW_YIELD)) syntax_error(p);
  ast_expr *first = yield_or_star_expressions(p);
  /* annotated assignment: NAME ':' | '(' single_target ')' ':' | single_subscript_attribute_target ':' */
  if (at(p, LEX_COLON)) {
    bool paren = p->toks[start].type == LEX_LPAR;
    if (first->kind != AST_E_NAME && first->kind != AST_E_ATTRIBUTE && first->kind != AST_E_SUBSCRIPT) {
      /* invalid_assignment: the annotation must parse for these messages */
      int colon = p->pos;
      advance(p);
      if (!probe(p, probe_expression, &p->first_pass)) {
        p->pos = colon;
        syntax_error(p);
      }
      if (first->kind == AST_E_TUPLE || first->kind == AST_E_LIST) {
        bool bare = first->kind == AST_E_TUPLE && first->pos.col != p->toks[start].col;
        if (first->kind == AST_E_TUPLE && first->u.seq.elts.n && (bare || !paren))
          raise_at_node(p, first->u.seq.elts.items[0]->pos, "only single target (not tuple) can be annotated");
        raise_at_node(p, first->pos, "only single target (not %s) can be annotated", expr_name(first));
      }
      if (first->kind != AST_E_STARRED && first->kind != AST_E_YIELD && first->kind != AST_E_YIELDFROM)
        raise_at_node(p, first->pos, "illegal target for annotation");
      p->pos = colon;
      syntax_error(p);
    }
    advance(p);
    ast_expr *ann = expression(p);
    ast_expr *value = NULL;
    if (accept(p, LEX_EQUAL)) value = yield_or_star_expressions(p);
    ast_stmt *s = new_stmt(p, AST_S_ANNASSIGN, span_to_here(p, start));
    set_ctx(first, AST_STORE);
    s->u.annassign.target = first;
    s->u.annassign.annotation = ann;
    s->u.annassign.value = value;
    s->u.annassign.simple = first->kind == AST_E_NAME && !paren;
    return s;
  }
  ast_operator aop;
  if (augassign_op(peek_type(p), &aop)) {
    if (first->kind != AST_E_NAME && first->kind != AST_E_ATTRIBUTE && first->kind != AST_E_SUBSCRIPT)
      raise_at_node(p, first->pos, "'%s' is an illegal expression for augmented assignment", expr_name(first));
    advance(p);
    ast_expr *value = yield_or_star_expressions(p);
    set_ctx(first, AST_STORE);
    ast_stmt *s = new_stmt(p, AST_S_AUGASSIGN, span_to_here(p, start));
    s->u.augassign.target = first;
    s->u.augassign.op = aop;
    s->u.augassign.value = value;
    return s;
  }
  if (at(p, LEX_EQUAL)) {
    vec targets = {0};
    ast_expr *cur = first;
    int first_eq = p->pos;
    while (at(p, LEX_EQUAL)) {
      if (!valid_target(cur, T_STAR, true)) {
        /* the second pass meets invalid_named_expression first, on the last element of the first
           target (invalid_assignment: star_named_expression ',' star_named_expressions* ...) */
        int here = p->pos;
        p->pos = first_eq;
        bool bare_tuple = first->kind == AST_E_TUPLE && p->toks[start].type != LEX_LPAR;
        if (bare_tuple && first->u.seq.elts.n) {
          int ls = last_elt_start(p, start, first_eq);
          invalid_named_eq(p, first->u.seq.elts.items[first->u.seq.elts.n - 1], ls);
        } else {
          invalid_named_eq(p, first, start);
        }
        p->pos = here;
        if (cur->kind == AST_E_YIELD || cur->kind == AST_E_YIELDFROM)
          raise_at_node(p, cur->pos, "assignment to yield expression not possible");
        raise_invalid_target(p, cur, T_STAR);
      }
      set_ctx(cur, AST_STORE);
      vec_push(p, &targets, cur);
      advance(p);
      cur = yield_or_star_expressions(p);
    }
    ast_stmt *s = new_stmt(p, AST_S_ASSIGN, span_to_here(p, start));
    s->u.assign.targets = expr_list(targets);
    s->u.assign.value = cur;
    return s;
  }
  if (first == p->last_bare_tuple && !at(p, LEX_NEWLINE) && !at(p, LEX_SEMI) && rules_on(p)) {
    /* invalid_assignment: a=star_named_expression ',' star_named_expressions* ':' — its loop of
       gathers goes on over juxtaposed elements, whose '=' meets invalid_named_expression */
    int save = p->pos;
    probe(p, probe_loose_elements, &p->first_pass);
    p->pos = save;
  }
  ast_stmt *s = new_stmt(p, AST_S_EXPR, span_to_here(p, start));
  s->u.value.value = first;
  return s;
}

/* simple_stmts: simple_stmt !';' NEWLINE | ';'.simple_stmt+ [';'] NEWLINE */
static void simple_stmts(parser *p, vec *out) {
  for (;;) {
    vec_push(p, out, simple_stmt(p));
    if (!accept(p, LEX_SEMI)) break;
    if (at(p, LEX_NEWLINE)) break;
  }
  expect(p, LEX_NEWLINE);
}

/* statement: compound_stmt | simple_stmts */
static ast_stmt *statement(parser *p, vec *out) {
  lex_token *t = peek(p);
  ast_stmt *s = NULL;
  if (t->type == LEX_AT) {
    s = decorated(p);
  } else if (t->type == LEX_NAME) {
    switch (t->kw) {
    case LEX_KW_IF: s = if_stmt(p, false); break;
    case LEX_KW_WHILE: s = while_stmt(p); break;
    case LEX_KW_FOR: s = for_stmt(p); break;
    case LEX_KW_WITH: s = with_stmt(p); break;
    case LEX_KW_TRY: s = try_stmt(p); break;
    case LEX_KW_DEF: s = funcdef(p, (ast_expr_list){0}); break;
    case LEX_KW_CLASS: s = classdef(p, (ast_expr_list){0}); break;
    case LEX_KW_ASYNC:
      async_stmt(p);
    default:
      if (t->len == 5 && memcmp(t->start, "match", 5) == 0 && t->kw == LEX_KW_NONE_) {
        lex_token *n = peek2(p);
        /* 'match' subject ':' — a statement we do not support */
        if (n->type == LEX_NAME || n->type == LEX_NUMBER || n->type == LEX_STRING || n->type == LEX_LSQB ||
            n->type == LEX_LPAR || n->type == LEX_LBRACE || n->type == LEX_MINUS) {
          int save = p->pos;
          advance(p);
          void *e = probe(p, probe_star_expressions, &p->first_pass);
          if (e && at(p, LEX_COLON)) {
            p->raising_hard = true;
            raise_known(p, "SyntaxError", t->lineno, t->col, t->end_lineno, t->end_col, "'match' is not supported");
          }
          p->pos = save;
        }
      }
      break;
    }
  }
  if (s) {
    vec_push(p, out, s);
    return s;
  }
  simple_stmts(p, out);
  return NULL;
}

/* ---- entry ---- */

static void *probe_unused(parser *p, void *arg) { (void)p; return arg; }

/* file: [statements] ENDMARKER; eval: expressions NEWLINE* ENDMARKER; interactive: statement_newline */
static ast_module *parse_module(parser *p) {
  ast_module *m = alloc(p, sizeof *m);
  vec body = {0};
  if (p->mode == AST_MODE_EVAL) {
    int start = p->pos;
    ast_expr *e = star_expressions(p);
    while (accept(p, LEX_NEWLINE)) {}
    if (!at(p, LEX_ENDMARKER)) syntax_error(p);
    ast_stmt *s = new_stmt(p, AST_S_EXPR, e->pos);
    (void)start;
    s->u.value.value = e;
    vec_push(p, &body, s);
  } else if (p->mode == AST_MODE_SINGLE) {
    if (at(p, LEX_ENDMARKER)) {
      /* statement_newline: ... | ENDMARKER — the interactive exit is a failure for compile() */
      syntax_error(p);
    } else if (at(p, LEX_NEWLINE)) {
      /* an empty line */
    } else {
      lex_token *t = peek(p);
      bool compound = t->type == LEX_AT || (t->type == LEX_NAME && (t->kw == LEX_KW_IF || t->kw == LEX_KW_WHILE ||
                      t->kw == LEX_KW_FOR || t->kw == LEX_KW_WITH || t->kw == LEX_KW_TRY || t->kw == LEX_KW_DEF ||
                      t->kw == LEX_KW_CLASS));
      statement(p, &body);
      if (compound) expect(p, LEX_NEWLINE);
      /* CPython's bad_single_statement: anything but blanks and comments after the statement */
      const char *c = p->ls.src + p->ls.pos;
      for (;;) {
        while (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\014') c++;
        if (*c != '#') break;
        while (*c && *c != '\n') c++;
      }
      if (*c) {
        p->raising_hard = true;
        p->no_rescan = true;   /* raised after a successful parse: no re-scan */
        raise_last(p, "SyntaxError", "multiple statements found while compiling a single statement");
      }
    }
  } else {
    while (!at(p, LEX_ENDMARKER)) statement(p, &body);
  }
  m->body = stmt_list(body);
  return m;
}

/* After a parser error: tokenize the rest of the input; a tokenizer error there takes priority
   (CPython's _PyPegen_tokenize_full_source_to_check_for_errors). */
static void rescan_for_lexer_errors(parser *p) {
  if (p->ntoks && p->toks[p->ntoks - 1].type == LEX_ENDMARKER) return;
  int err_line = p->toks[p->ntoks - 1].lineno;
  ast_error saved = *p->err;
  for (;;) {
    lex_token t;
    lex_type ty = lex_next(&p->ls, &t);
    if (ty == LEX_ENDMARKER) break;
    if (ty == LEX_ERROR) {
      if (p->ls.done == LEX_E_SYNTAX) {
        jmp_buf jb, *saved_jb = p->jb;
        p->jb = &jb;
        if (setjmp(jb) == 0) lexer_error(p);
        p->jb = saved_jb;
        return;
      }
      if (p->ls.done == LEX_E_EOF && p->ls.level && err_line > p->ls.parenlineno[p->ls.level - 1]) {
        unclosed_paren(p);
        return;
      }
      break;
    }
  }
  *p->err = saved;
}

static ast_module *parse_run(const char *src, size_t len, ast_mode mode, ast_arena *arena, ast_error *err,
                             bool codeop, bool *at_eof) {
  parser p;
  memset(&p, 0, sizeof p);
  p.a = arena;
  p.err = err;
  p.mode = mode;
  memset(err, 0, sizeof *err);
  jmp_buf jb;
  p.jb = &jb;
  int code = setjmp(jb);
  if (code == 0) {
    size_t n;
    for (size_t i = 0; i < len; i++)
      if (src[i] == 0) {
        err->kind = "SyntaxError";
        snprintf(err->msg, sizeof err->msg, "source code string cannot contain null bytes");
        return NULL;
      }
    char *s = lex_translate(arena, src, len, mode == AST_MODE_EXEC, &n);
    if (!s) nomem(&p);
    lex_init(&p.ls, s, n, mode);
    if (codeop) p.ls.imply_dedent = false;
    p.first_pass = codeop;
    ast_module *m = parse_module(&p);
    *at_eof = false;
    return m;
  }
  if (code == JMP_NOMEM) {
    memset(err, 0, sizeof *err);
    err->kind = "MemoryError";
    return NULL;
  }
  *at_eof = p.err_at_eof || (!p.err_from_lexer && p.ls.eof);
  if (code == JMP_SYNTAX && !p.err_from_lexer && !codeop && !p.no_rescan) {
    jmp_buf jb2;
    p.jb = &jb2;
    int c2 = setjmp(jb2);
    if (c2 == 0) rescan_for_lexer_errors(&p);
    else if (c2 == JMP_NOMEM) {
      memset(err, 0, sizeof *err);
      err->kind = "MemoryError";
      return NULL;
    }
  }
  (void)probe_unused;
  return NULL;
}

static bool blank_source(const char *src, size_t len) {
  size_t i = 0;
  while (i < len) {
    while (i < len && (src[i] == ' ' || src[i] == '\t' || src[i] == '\f' || src[i] == '\r' || src[i] == '\v')) i++;
    if (i < len && src[i] != '\n' && src[i] != '#') return false;
    while (i < len && src[i] != '\n') i++;
    i++;
  }
  return true;
}

/* codeop.compile_command: more input is needed when compiling src with codeop's flags fails but
   src + "\n" compiles or fails with "incomplete input" (the parser ran off the end). Blank sources
   are complete (codeop compiles "pass"). On out-of-memory: false with err->kind "MemoryError". */
static bool incomplete_input(const char *src, size_t len, ast_mode mode, ast_arena *arena, ast_error *err) {
  if (blank_source(src, len)) return false;
  ast_error e1, e2;
  bool eof1, eof2;
  if (parse_run(src, len, mode, arena, &e1, true, &eof1)) return false;
  if (e1.kind && strcmp(e1.kind, "MemoryError") == 0) goto oom;
  char *s2 = ast_alloc(arena, len + 2);
  if (!s2) goto oom;
  memcpy(s2, src, len);
  s2[len] = '\n';
  ast_module *m2 = parse_run(s2, len + 1, mode, arena, &e2, true, &eof2);
  if (!m2 && e2.kind && strcmp(e2.kind, "MemoryError") == 0) goto oom;
  return m2 != NULL || eof2;
oom:
  memset(err, 0, sizeof *err);
  err->kind = "MemoryError";
  return false;
}

ast_module *ast_parse(const char *src, size_t len, ast_mode mode, ast_arena *arena, ast_error *err) {
  bool eof;
  ast_module *m = parse_run(src, len, mode, arena, err, false, &eof);
  if (m && mode == AST_MODE_SINGLE) {
    /* the REPL also needs to know that a compound statement waits for its closing blank line */
    ast_error e;
    memset(&e, 0, sizeof e);
    if (!incomplete_input(src, len, mode, arena, &e)) return m;
    if (e.kind && strcmp(e.kind, "MemoryError") == 0) {
      *err = e;
      return NULL;
    }
    err->incomplete = true;
    return m;
  }
  if (m || strcmp(err->kind, "MemoryError") == 0) return m;
  if (mode == AST_MODE_EVAL) return NULL;
  ast_error e;
  memset(&e, 0, sizeof e);
  bool inc = incomplete_input(src, len, mode, arena, &e);
  if (e.kind && strcmp(e.kind, "MemoryError") == 0) {
    *err = e;
    return NULL;
  }
  err->incomplete = inc;
  return NULL;
}
