/*
** kernel/lang/parse_internal.h — what the files of the parser share (parse_core.c, parse_expr.c,
** parse_string.c, parser.c): the parser state, its token helpers and the functions that cross files.
** Internal to the parser; the rest of kernel/lang uses ast.h's ast_parse.
*/
#ifndef CT_LANG_PARSE_INTERNAL_H
#define CT_LANG_PARSE_INTERNAL_H

#include "kernel/lang/ast.h"
#include "kernel/lang/lexer.h"

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { JMP_SYNTAX = 1, JMP_LEXER, JMP_NOMEM };

#define PARSE_TOK_CHUNK 512

/* lex_token.memo bits: a rule already failed (generically) at that token — keeps the backtracking
   of error rules linear, as CPython's memoization does. */
enum { MEMO_CALL = 1, MEMO_SUBSCRIPT = 2, MEMO_EXPR_NOINV = 4, MEMO_LEGACY = 8 };

typedef struct parser {
  ast_arena *a;
  lex_state ls;
  lex_token **chunks;     /* tokens fetched so far, PARSE_TOK_CHUNK a chunk */
  int nchunks, chunks_cap;
  int ntoks;
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
  int unsupported_tok;    /* 1 + index of the first async/await token (valid Python we reject once the
                             whole input has parsed, so invalid input gets CPython's own error); 0: none */
  const char *unsupported_msg;
  /* f-string sub-parse */
  int fstring_level;
} parser;

/* Are CPython's invalid_* error rules active (its second pass, outside expression_without_invalid)? */
static inline bool rules_on(const struct parser *p) { return !p->first_pass && !p->no_invalid; }

typedef struct vec { void **items; int n, cap; } vec;

typedef struct strbuf { char *s; size_t n, cap; } strbuf;

typedef enum { T_STAR, T_DEL, T_FOR } target_type;

/* A parse function tried by parse_try_rule / parse_try_alt: a generic failure inside it is caught (NULL,
   position restored); specific errors, tokenizer errors and out-of-memory propagate. */
typedef void *(*probe_fn)(parser *p, void *arg);

/* kernel/lang/parse_core.c */
void *parse_alloc(parser *p, size_t n);
void parse_enter(parser *p);
void parse_expect(parser *p, lex_type t);
void parse_expect_forced(parser *p, lex_type t, const char *what);
ast_expr_list parse_expr_list(vec v);
const char *parse_expr_name(const ast_expr *e);
void parse_leave(parser *p);
_Noreturn void parse_lexer_error(parser *p);
ast_expr *parse_new_expr(parser *p, ast_expr_kind kind, ast_pos pos);
ast_expr *parse_new_name(parser *p, lex_token *t, ast_ctx ctx);
ast_stmt *parse_new_stmt(parser *p, ast_stmt_kind kind, ast_pos pos);
_Noreturn void parse_nomem(parser *p);
void parse_note_unsupported(parser *p, int tok, const char *msg);
void *parse_try_rule(parser *p, probe_fn fn, void *arg);
void *parse_try_alt(parser *p, probe_fn fn, void *arg);
_Noreturn void parse_raise_at_node(parser *p, ast_pos pos, const char *fmt, ...);
_Noreturn void parse_raise_known(parser *p, const char *kind, int lineno, int col0, int end_lineno, int end_col0, const char *fmt, ...);
_Noreturn void parse_raise_last(parser *p, const char *kind, const char *fmt, ...);
_Noreturn void parse_raise_range(parser *p, ast_pos a, ast_pos b, const char *fmt, ...);
ast_pos parse_span(parser *p, int first, int last);
ast_pos parse_span_to_here(parser *p, int first);
ast_stmt_list parse_stmt_list(vec v);
_Noreturn void parse_syntax_error(parser *p);
lex_token *parse_tok_at(parser *p, int i);
char *parse_tok_str(parser *p, lex_token *t);
void parse_unclosed_paren(parser *p);
void parse_vec_push(parser *p, vec *v, void *x);

/* kernel/lang/parse_expr.c */
ast_expr *parse_bitwise_or(parser *p);
void parse_call_arguments(parser *p, ast_expr *call, int start, bool genexp_ok);
ast_expr *parse_constant(parser *p, ast_const_kind k, ast_pos pos);
ast_expr *parse_expression(parser *p);
ast_expr *parse_for_target(parser *p);
void parse_invalid_named_eq(parser *p, ast_expr *e, int start);
ast_expr *parse_invalid_target(ast_expr *e, target_type tt);
ast_expr *parse_named_expression(parser *p);
ast_arguments *parse_params(parser *p, bool lambda, lex_type close);
ast_expr *parse_primary(parser *p);
void *parse_probe_expression(parser *p, void *arg);
void *parse_probe_star_expressions(parser *p, void *arg);
_Noreturn void parse_raise_invalid_target(parser *p, ast_expr *e, target_type tt);
void parse_set_ctx(ast_expr *e, ast_ctx ctx);
ast_expr *parse_star_expressions(parser *p);
ast_expr *parse_star_named_expression(parser *p);
bool parse_starts_expression(parser *p);
bool parse_valid_target(ast_expr *e, target_type tt, bool top);
ast_expr *parse_yield_expr(parser *p);

/* kernel/lang/parse_string.c */
void parse_sb_add(parser *p, strbuf *b, const char *s, size_t n);
ast_expr *parse_strings(parser *p);

/* kernel/lang/parser.c */
bool parse_is_bitwise_or_level(parser *p, ast_expr *e, int start);
void *parse_probe_bitwise_or(parser *p, void *arg);
bool parse_starts_with_display(parser *p, int start);

/* ---- token helpers ---- */

/* Token i (already fetched). */
static inline lex_token *parse_tok(parser *p, int i) { return &p->chunks[i / PARSE_TOK_CHUNK][i % PARSE_TOK_CHUNK]; }

static inline lex_token *peek(parser *p) { return parse_tok_at(p, p->pos); }
/* Token pos+k, fetched without counting as seen by the generic error (a lookahead of an error rule). */
static inline lex_token *peek_quiet(parser *p, int k) {
  p->probing++;
  lex_token *t = parse_tok_at(p, p->pos + k);
  p->probing--;
  return t;
}
static inline lex_token *peek2(parser *p) { return parse_tok_at(p, p->pos + 1); }
static inline lex_type peek_type(parser *p) { return peek(p)->type; }
static inline bool at(parser *p, lex_type t) { return peek(p)->type == t; }
static inline bool at_kw(parser *p, lex_kw k) {
  lex_token *t = peek(p);
  return t->type == LEX_NAME && t->kw == k;
}
static inline bool at_name(parser *p) {
  lex_token *t = peek(p);
  return t->type == LEX_NAME && t->kw == LEX_KW_NONE_;
}
static inline lex_token *advance(parser *p) {
  lex_token *t = peek(p);
  p->pos++;
  return t;
}
static inline bool accept(parser *p, lex_type t) {
  if (!at(p, t)) return false;
  p->pos++;
  return true;
}
/* A comprehension clause starts here: 'for', or 'async' 'for' (the token after 'async' is fetched). */
static inline bool at_for_clause(parser *p) {
  if (at_kw(p, LEX_KW_FOR)) return true;
  if (!at_kw(p, LEX_KW_ASYNC)) return false;
  lex_token *n = peek2(p);
  return n->type == LEX_NAME && n->kw == LEX_KW_FOR;
}
static inline bool accept_kw(parser *p, lex_kw k) {
  if (!at_kw(p, k)) return false;
  p->pos++;
  return true;
}

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_PARSE_INTERNAL_H */
