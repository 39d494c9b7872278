/*
** kernel/lang/parser.c — recursive-descent parser for the ctorch language (Python 3.11's grammar
** without async/await and match): statements, blocks and the entry point ast_parse, with codeop's
** "incomplete input" answer. Expressions are in parse_expr.c, strings in parse_string.c, tokens and
** errors in parse_core.c. Errors unwind with one longjmp to ast_parse: all memory lives in the arena.
** Each parse function starts with its grammar rule.
*/
#include "kernel/lang/parse_internal.h"

#include <stdio.h>
#include <string.h>

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
      if (what) parse_raise_last(p, "IndentationError", "expected an indented block after %s on line %d", what, line);
      parse_raise_last(p, "IndentationError", "expected an indented block");
    }
    advance(p);
    parse_enter(p);
    while (!at(p, LEX_DEDENT) && !at(p, LEX_ENDMARKER)) statement(p, &v);
    parse_expect(p, LEX_DEDENT);
    parse_leave(p);
  } else {
    simple_stmts(p, &v);
  }
  return parse_stmt_list(v);
}

/* A compound statement's span: to the last token consumed that is not NEWLINE/INDENT/DEDENT
   (CPython's _PyPegen_get_last_nonnwhitespace_token), so a trailing ';' counts. */
static ast_pos stmt_span(parser *p, int start, ast_stmt_list body) {
  (void)body;
  int last = p->pos - 1;
  while (last > start) {
    lex_type ty = parse_tok(p, last)->type;
    if (ty != LEX_NEWLINE && ty != LEX_INDENT && ty != LEX_DEDENT && ty != LEX_ENDMARKER) break;
    last--;
  }
  return parse_span(p, start, last);
}

/* Header colon of a compound statement: NEWLINE instead of ':' gives "expected ':'". */
static void header_colon(parser *p) {
  if (accept(p, LEX_COLON)) return;
  if (at(p, LEX_NEWLINE)) parse_raise_last(p, "SyntaxError", "expected ':'");
  parse_syntax_error(p);
}

/* if_stmt: 'if' named_expression ':' block (elif_stmt | [else_block]) */
static ast_stmt *if_stmt(parser *p, bool elif) {
  int start = p->pos;
  lex_token *kw = advance(p);
  ast_expr *test = parse_named_expression(p);
  header_colon(p);
  ast_stmt_list body = block(p, elif ? "'elif' statement" : "'if' statement", kw->lineno);
  ast_stmt_list orelse = {0};
  ast_stmt *s = parse_new_stmt(p, AST_S_IF, (ast_pos){0});
  if (at_kw(p, LEX_KW_ELIF)) {
    ast_stmt *e = if_stmt(p, true);
    ast_stmt **items = parse_alloc(p, sizeof *items);
    items[0] = e;
    orelse = (ast_stmt_list){items, 1};
  } else if (at_kw(p, LEX_KW_ELSE)) {
    lex_token *ek = advance(p);
    parse_expect_forced(p, LEX_COLON, ":");
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
  ast_expr *test = parse_named_expression(p);
  header_colon(p);
  ast_stmt_list body = block(p, "'while' statement", kw->lineno);
  ast_stmt_list orelse = {0};
  if (at_kw(p, LEX_KW_ELSE)) {
    lex_token *ek = advance(p);
    parse_expect_forced(p, LEX_COLON, ":");
    orelse = block(p, "'else' statement", ek->lineno);
  }
  ast_stmt *s = parse_new_stmt(p, AST_S_WHILE, stmt_span(p, start, orelse.n ? orelse : body));
  s->u.while_.test = test;
  s->u.while_.body = body;
  s->u.while_.orelse = orelse;
  return s;
}

/* for_stmt: 'for' star_targets 'in' ~ star_expressions ':' block [else_block] */
static ast_stmt *for_stmt(parser *p) {
  int start = p->pos;
  lex_token *kw = advance(p);
  ast_expr *target = parse_for_target(p);
  advance(p);   /* 'in' */
  ast_expr *iter = parse_star_expressions(p);
  header_colon(p);
  ast_stmt_list body = block(p, "'for' statement", kw->lineno);
  ast_stmt_list orelse = {0};
  if (at_kw(p, LEX_KW_ELSE)) {
    lex_token *ek = advance(p);
    parse_expect_forced(p, LEX_COLON, ":");
    orelse = block(p, "'else' statement", ek->lineno);
  }
  ast_stmt *s = parse_new_stmt(p, AST_S_FOR, stmt_span(p, start, orelse.n ? orelse : body));
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
    parse_expression(p);
    if (accept_kw(p, LEX_KW_AS)) {
      if (at(p, LEX_STAR)) advance(p);
      parse_primary(p);
    }
    if (!accept(p, LEX_COMMA)) break;
    if (paren && at(p, LEX_RPAR)) break;
  }
  if (paren) parse_expect(p, LEX_RPAR);
  if (!at(p, LEX_NEWLINE)) parse_syntax_error(p);
  return p;
}

/* invalid_with_stmt: 'with' items NEWLINE -> "expected ':'"; otherwise the generic error. */
static _Noreturn void invalid_with_stmt(parser *p, int kw_pos) {
  p->pos = kw_pos + 1;
  if (rules_on(p) && (parse_try_rule(p, probe_loose_with_items, NULL) || (at(p, LEX_LPAR) && parse_try_rule(p, probe_loose_with_items, p))))
    parse_raise_last(p, "SyntaxError", "expected ':'");
  parse_syntax_error(p);
}

/* star_target: '*' (!'*' star_target) | target_with_star_atom — a primary, checked by the caller */
static void *probe_star_target(parser *p, void *arg) {
  (void)arg;
  int s = p->pos;
  if (accept(p, LEX_STAR)) {
    if (at(p, LEX_STAR)) parse_syntax_error(p);
    ast_expr *inner = parse_primary(p);
    ast_expr *t = parse_new_expr(p, AST_E_STARRED, parse_span_to_here(p, s));
    t->u.starred.value = inner;
    return t;
  }
  return parse_primary(p);
}

/* with_stmt: 'with' ','.with_item+ ':' block | 'with' '(' ','.with_item+ ','? ')' ':' block
   with_item: expression 'as' star_target &(',' | ')' | ':') | expression */
static ast_withitem with_item(parser *p) {
  ast_withitem w = {0};
  w.context_expr = parse_expression(p);
  if (accept_kw(p, LEX_KW_AS)) {
    /* 'as' star_target &(',' | ')' | ':') | invalid_with_item: 'as' expression &(',' | ')' | ':') */
    int s = p->pos;
    ast_expr *t = parse_try_alt(p, probe_star_target, NULL);
    if (!t || !parse_valid_target(t, T_STAR, true) || !(at(p, LEX_COMMA) || at(p, LEX_RPAR) || at(p, LEX_COLON))) {
      p->pos = s;
      ast_expr *e = parse_try_rule(p, parse_probe_expression, NULL);
      p->probing++;   /* the error rule's lookahead */
      if (e && (at(p, LEX_COMMA) || at(p, LEX_RPAR) || at(p, LEX_COLON))) {
        ast_expr *bad = parse_invalid_target(e, T_STAR);
        if (bad) parse_raise_at_node(p, bad->pos, "cannot assign to %s", parse_expr_name(bad));
      }
      p->probing--;
      /* with_item: expression — the item ends before 'as' */
      p->pos = s - 1;
      return w;
    }
    parse_set_ctx(t, AST_STORE);
    w.optional_vars = t;
  }
  return w;
}

typedef struct witems { vec v; } witems;

/* ','.with_item+ */
static void *probe_with_items(parser *p, void *arg) {
  witems *wi = arg;
  wi->v = (vec){0};
  for (;;) {
    ast_withitem *w = parse_alloc(p, sizeof *w);
    *w = with_item(p);
    parse_vec_push(p, &wi->v, w);
    if (!accept(p, LEX_COMMA)) break;
  }
  return wi;
}
static void *probe_paren_with(parser *p, void *arg) {
  witems *wi = arg;
  advance(p);
  wi->v = (vec){0};
  for (;;) {
    ast_withitem *w = parse_alloc(p, sizeof *w);
    *w = with_item(p);
    parse_vec_push(p, &wi->v, w);
    if (!accept(p, LEX_COMMA)) break;
    if (at(p, LEX_RPAR)) break;
  }
  parse_expect(p, LEX_RPAR);
  if (!at(p, LEX_COLON)) parse_syntax_error(p);
  return wi;
}

static ast_stmt *with_stmt(parser *p) {
  int start = p->pos, kw_pos = p->pos;
  lex_token *kw = advance(p);
  witems wi = {0};
  if (!(at(p, LEX_LPAR) && parse_try_alt(p, probe_paren_with, &wi)) && !parse_try_alt(p, probe_with_items, &wi))
    invalid_with_stmt(p, kw_pos);
  if (!at(p, LEX_COLON)) invalid_with_stmt(p, kw_pos);
  advance(p);
  ast_stmt_list body = block(p, "'with' statement", kw->lineno);
  ast_stmt *s = parse_new_stmt(p, AST_S_WITH, stmt_span(p, start, body));
  s->u.with.items = parse_alloc(p, sizeof(ast_withitem) * (size_t)wi.v.n);
  for (int i = 0; i < wi.v.n; i++) s->u.with.items[i] = *(ast_withitem *)wi.v.items[i];
  s->u.with.nitems = wi.v.n;
  s->u.with.body = body;
  return s;
}

/* try_stmt: 'try' &&':' block finally_block | 'try' &&':' block except_block+ [else_block] [finally_block] */
static ast_stmt *try_stmt(parser *p) {
  int start = p->pos;
  lex_token *kw = advance(p);
  parse_expect_forced(p, LEX_COLON, ":");
  ast_stmt_list body = block(p, "'try' statement", kw->lineno);
  vec handlers = {0};
  ast_stmt_list orelse = {0}, finalbody = {0};
  ast_stmt_list last = body;
  while (at_kw(p, LEX_KW_EXCEPT)) {
    int hs = p->pos;
    lex_token *ek = advance(p);
    ast_excepthandler *h = parse_alloc(p, sizeof *h);
    if (at(p, LEX_STAR)) {
      lex_token *st = peek(p);
      {
        p->raising_hard = true;
        parse_raise_known(p, "SyntaxError", st->lineno, st->col, st->end_lineno, st->end_col, "'except*' is not supported");
      }
    }
    if (!at(p, LEX_COLON)) {
      if (at(p, LEX_NEWLINE)) parse_raise_last(p, "SyntaxError", "expected ':'");
      h->type = parse_expression(p);
      if (at(p, LEX_COMMA)) {
        /* invalid_except_stmt: except a, b: */
        int save = p->pos;
        ast_expr *first = h->type;
        advance(p);
        ast_expr *rest = parse_star_expressions(p);
        if (accept_kw(p, LEX_KW_AS)) {
          if (at_name(p)) advance(p);
        }
        if (at(p, LEX_COLON))
          parse_raise_range(p, first->pos, rest->pos, "multiple exception types must be parenthesized");
        p->pos = save;
        parse_syntax_error(p);
      }
      if (accept_kw(p, LEX_KW_AS)) {
        if (!at_name(p)) parse_syntax_error(p);
        h->name = parse_tok_str(p, advance(p));
      }
      if (at(p, LEX_NEWLINE)) parse_raise_last(p, "SyntaxError", "expected ':'");
    }
    parse_expect(p, LEX_COLON);
    h->body = block(p, "'except' statement", ek->lineno);
    h->pos = stmt_span(p, hs, h->body);
    parse_vec_push(p, &handlers, h);
    last = h->body;
  }
  if (handlers.n && at_kw(p, LEX_KW_ELSE)) {
    lex_token *ek = advance(p);
    parse_expect_forced(p, LEX_COLON, ":");
    orelse = block(p, "'else' statement", ek->lineno);
    last = orelse;
  }
  if (at_kw(p, LEX_KW_FINALLY)) {
    lex_token *fk = advance(p);
    parse_expect_forced(p, LEX_COLON, ":");
    finalbody = block(p, "'finally' statement", fk->lineno);
    last = finalbody;
  }
  if (!handlers.n && !finalbody.n) {
    peek(p);
    parse_raise_last(p, "SyntaxError", "expected 'except' or 'finally' block");
  }
  ast_stmt *s = parse_new_stmt(p, AST_S_TRY, stmt_span(p, start, last));
  s->u.try_.body = body;
  s->u.try_.handlers = parse_alloc(p, sizeof(ast_excepthandler) * (size_t)(handlers.n + 1));
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
  if (!at_name(p)) parse_syntax_error(p);
  lex_token *name = advance(p);
  parse_expect_forced(p, LEX_LPAR, "(");
  parse_enter(p);
  ast_arguments *args = parse_params(p, false, LEX_RPAR);
  parse_expect(p, LEX_RPAR);
  parse_leave(p);
  ast_expr *returns = NULL;
  if (at(p, LEX_RARROW)) {
    /* ['->' expression]: when the expression fails the group matches nothing */
    int arrow = p->pos;
    advance(p);
    returns = parse_try_alt(p, parse_probe_expression, NULL);
    if (!returns) p->pos = arrow;
  }
  parse_expect_forced(p, LEX_COLON, ":");
  ast_stmt_list body = block(p, "function definition", kw->lineno);
  ast_stmt *s = parse_new_stmt(p, AST_S_FUNCTIONDEF, stmt_span(p, start, body));
  s->u.funcdef.name = parse_tok_str(p, name);
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
  if (!at_name(p)) parse_syntax_error(p);
  lex_token *name = advance(p);
  ast_stmt *s = parse_new_stmt(p, AST_S_CLASSDEF, (ast_pos){0});
  if (at(p, LEX_LPAR)) {
    ast_expr call = {0};
    parse_enter(p);
    parse_call_arguments(p, &call, p->pos, false);
    parse_leave(p);
    s->u.classdef.bases = call.u.call.args;
    s->u.classdef.keywords = call.u.call.keywords;
    s->u.classdef.nkeywords = call.u.call.nkeywords;
  }
  header_colon(p);
  ast_stmt_list body = block(p, "class definition", kw->lineno);
  s->pos = stmt_span(p, start, body);
  s->u.classdef.name = parse_tok_str(p, name);
  s->u.classdef.body = body;
  s->u.classdef.decorators = decorators;
  return s;
}

/* 'async' ('def' | 'with' | 'for'): not supported; anything else after 'async' is invalid syntax. */
static void async_stmt(parser *p) {
  lex_token *n = peek2(p);
  if (n->type == LEX_NAME && (n->kw == LEX_KW_DEF || n->kw == LEX_KW_WITH || n->kw == LEX_KW_FOR)) {
    /* parsed as the plain statement, rejected once the whole input has parsed */
    parse_note_unsupported(p, p->pos, "'async' is not supported");
    advance(p);
    return;
  }
  parse_syntax_error(p);
}

/* decorators: ('@' named_expression NEWLINE)+ then class_def_raw | function_def_raw */
static ast_stmt *decorated(parser *p) {
  vec decs = {0};
  while (accept(p, LEX_AT)) {
    parse_vec_push(p, &decs, parse_named_expression(p));
    parse_expect(p, LEX_NEWLINE);
  }
  if (at_kw(p, LEX_KW_DEF)) return funcdef(p, parse_expr_list(decs));
  if (at_kw(p, LEX_KW_CLASS)) return classdef(p, parse_expr_list(decs));
  if (at_kw(p, LEX_KW_ASYNC) && peek2(p)->type == LEX_NAME && peek2(p)->kw == LEX_KW_DEF) {
    async_stmt(p);
    return funcdef(p, parse_expr_list(decs));
  }
  parse_syntax_error(p);
}

/* dotted_name: dotted_name '.' NAME | NAME */
static char *dotted_name(parser *p) {
  if (!at_name(p)) parse_syntax_error(p);
  strbuf b = {0};
  lex_token *t = advance(p);
  parse_sb_add(p, &b, t->start, t->len);
  while (at(p, LEX_DOT)) {
    advance(p);
    if (!at_name(p)) parse_syntax_error(p);
    t = advance(p);
    parse_sb_add(p, &b, ".", 1);
    parse_sb_add(p, &b, t->start, t->len);
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
    ast_alias *al = parse_alloc(p, sizeof *al);
    al->name = dotted_name(p);
    if (accept_kw(p, LEX_KW_AS)) {
      if (!at_name(p)) parse_syntax_error(p);
      al->asname = parse_tok_str(p, advance(p));
    }
    al->pos = parse_span_to_here(p, as);
    parse_vec_push(p, &names, al);
    if (!accept(p, LEX_COMMA)) break;
  }
  ast_stmt *s = parse_new_stmt(p, AST_S_IMPORT, parse_span_to_here(p, start));
  s->u.import.names = parse_alloc(p, sizeof(ast_alias) * (size_t)names.n);
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
  if (!accept_kw(p, LEX_KW_IMPORT)) parse_syntax_error(p);
  vec names = {0};
  if (at(p, LEX_STAR)) {
    lex_token *t = advance(p);
    ast_alias *al = parse_alloc(p, sizeof *al);
    al->name = "*";
    al->pos = (ast_pos){t->lineno, t->col, t->end_lineno, t->end_col};
    parse_vec_push(p, &names, al);
  } else {
    bool paren = accept(p, LEX_LPAR);
    for (;;) {
      if (!at_name(p)) parse_syntax_error(p);
      int as = p->pos;
      ast_alias *al = parse_alloc(p, sizeof *al);
      al->name = parse_tok_str(p, advance(p));
      if (accept_kw(p, LEX_KW_AS)) {
        if (!at_name(p)) parse_syntax_error(p);
        al->asname = parse_tok_str(p, advance(p));
      }
      al->pos = parse_span_to_here(p, as);
      parse_vec_push(p, &names, al);
      if (!accept(p, LEX_COMMA)) break;
      if (paren && at(p, LEX_RPAR)) break;
      if (!paren && at(p, LEX_NEWLINE))
        parse_raise_last(p, "SyntaxError", "trailing comma not allowed without surrounding parentheses");
    }
    if (paren) parse_expect(p, LEX_RPAR);
  }
  ast_stmt *s = parse_new_stmt(p, AST_S_IMPORTFROM, parse_span_to_here(p, start));
  s->u.import.module = module;
  s->u.import.level = level;
  s->u.import.names = parse_alloc(p, sizeof(ast_alias) * (size_t)names.n);
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
  if (at_kw(p, LEX_KW_YIELD)) return parse_yield_expr(p);
  return parse_star_expressions(p);
}

/* Leftmost atom of e starts a list/tuple/genexp or is True/None/False (the !(...) guard of
   invalid_named_expression). */
bool parse_starts_with_display(parser *p, int start) {
  lex_token *t = parse_tok(p, start);
  if (t->type == LEX_NAME && (t->kw == LEX_KW_TRUE || t->kw == LEX_KW_FALSE || t->kw == LEX_KW_NONE)) return true;
  if (t->type == LEX_LPAR || t->type == LEX_LSQB) {
    /* list: '[' ... ']' without a top-level 'for'; tuple: '(' ')' or '(' x ','; genexp: '(' x 'for' */
    bool sq = t->type == LEX_LSQB;
    int depth = 0;
    for (int i = start; i < p->ntoks; i++) {
      lex_type ty = parse_tok(p, i)->type;
      if (ty == LEX_LPAR || ty == LEX_LSQB || ty == LEX_LBRACE) depth++;
      else if (ty == LEX_RPAR || ty == LEX_RSQB || ty == LEX_RBRACE) {
        depth--;
        if (depth == 0) return sq || i == start + 1;
      } else if (depth == 1 && ty == LEX_NAME && parse_tok(p, i)->kw == LEX_KW_FOR) {
        return !sq;
      } else if (depth == 1 && ty == LEX_COMMA && !sq) {
        return true;
      }
    }
  }
  return false;
}

void *parse_probe_bitwise_or(parser *p, void *arg) {
  (void)arg;
  return parse_bitwise_or(p);
}

/* Start of the last element of a bare tuple whose tokens are [start, end). */
static int last_elt_start(parser *p, int start, int end) {
  int depth = 0, r = start;
  for (int i = start; i < end; i++) {
    lex_type ty = parse_tok(p, i)->type;
    if (ty == LEX_LPAR || ty == LEX_LSQB || ty == LEX_LBRACE) depth++;
    else if (ty == LEX_RPAR || ty == LEX_RSQB || ty == LEX_RBRACE) depth--;
    else if (ty == LEX_COMMA && depth == 0 && i + 1 < end) r = i + 1;
  }
  return r;
}

/* Is e a "bitwise_or" (no comparison, not, and/or, ifexp, lambda, starred, unparenthesized tuple)? */
bool parse_is_bitwise_or_level(parser *p, ast_expr *e, int start) {
  switch (e->kind) {
  case AST_E_COMPARE: case AST_E_BOOLOP: case AST_E_IFEXP: case AST_E_LAMBDA: case AST_E_STARRED:
  case AST_E_NAMEDEXPR:
    return e->pos.col != parse_tok(p, start)->col || e->pos.lineno != parse_tok(p, start)->lineno;  /* parenthesized */
  case AST_E_UNARYOP:
    if (e->u.unaryop.op == AST_NOT) return e->pos.col != parse_tok(p, start)->col || e->pos.lineno != parse_tok(p, start)->lineno;
    return true;
  case AST_E_TUPLE:
    return parse_tok(p, start)->type == LEX_LPAR;
  case AST_E_YIELD: case AST_E_YIELDFROM:
    return parse_tok(p, start)->type == LEX_LPAR;
  default:
    return true;
  }
}

/* del_targets: ','.del_target+ [','] — primaries here, checked by the caller. */
static void *probe_del_targets(parser *p, void *arg) {
  vec *v = arg;
  *v = (vec){0};
  for (;;) {
    parse_vec_push(p, v, parse_primary(p));
    if (!accept(p, LEX_COMMA)) break;
    if (!parse_starts_expression(p) || at_kw(p, LEX_KW_NOT) || at_kw(p, LEX_KW_LAMBDA)) break;
  }
  return v;
}

static void *probe_loose_elements(parser *p, void *arg) {
  while (parse_starts_expression(p) || at(p, LEX_STAR)) {
    parse_star_named_expression(p);
    accept(p, LEX_COMMA);
  }
  return arg;
}

static void *probe_yield_or_star_expressions(parser *p, void *arg) {
  (void)arg;
  return yield_or_star_expressions(p);
}

/* The head of a value: what must parse for star_expressions (or yield_expr) to match a prefix:
   ['*'] then unary operators, 'not', 'await' and a primary, or a lambda or yield. */
static void *probe_value_head(parser *p, void *arg) {
  (void)arg;
  if (at_kw(p, LEX_KW_YIELD)) return parse_yield_expr(p);
  accept(p, LEX_STAR);
  if (at_kw(p, LEX_KW_LAMBDA)) return parse_expression(p);
  while (at_kw(p, LEX_KW_NOT)) advance(p);
  while (at(p, LEX_MINUS) || at(p, LEX_PLUS) || at(p, LEX_TILDE)) advance(p);
  accept_kw(p, LEX_KW_AWAIT);
  return parse_primary(p);
}

/* Index after the first top-level comma in [start, end), or end. */
static int first_comma_after(parser *p, int start, int end) {
  int depth = 0;
  for (int i = start; i < end; i++) {
    lex_type ty = parse_tok(p, i)->type;
    if (ty == LEX_LPAR || ty == LEX_LSQB || ty == LEX_LBRACE) depth++;
    else if (ty == LEX_RPAR || ty == LEX_RSQB || ty == LEX_RBRACE) depth--;
    else if (ty == LEX_COMMA && depth == 0) return i + 1;
  }
  return end;
}

/* When the assignment fails, CPython's second pass reads the first target again as
   star_named_expression: invalid_named_expression on the element just before the first '='. */
static void first_target_named_check(parser *p, ast_expr *first, bool bare, int start, int first_eq) {
  int here = p->pos;
  p->pos = first_eq;
  if (bare) {
    if (first->u.seq.elts.n && parse_tok(p, first_eq - 1)->type != LEX_COMMA) {
      int ls = last_elt_start(p, start, first_eq);
      parse_invalid_named_eq(p, first->u.seq.elts.items[first->u.seq.elts.n - 1], ls);
    }
  } else {
    parse_invalid_named_eq(p, first, start);
  }
  p->pos = here;
}

/* simple_stmt: assignment | star_expressions | return | import | raise | pass | del | yield | assert
              | break | continue | global | nonlocal */
static ast_stmt *simple_stmt(parser *p) {
  int start = p->pos;
  lex_token *t = peek(p);
  if (t->type == LEX_NAME) {
    switch (t->kw) {
    case LEX_KW_PASS: advance(p); return parse_new_stmt(p, AST_S_PASS, parse_span_to_here(p, start));
    case LEX_KW_BREAK: advance(p); return parse_new_stmt(p, AST_S_BREAK, parse_span_to_here(p, start));
    case LEX_KW_CONTINUE: advance(p); return parse_new_stmt(p, AST_S_CONTINUE, parse_span_to_here(p, start));
    case LEX_KW_RETURN: {
      advance(p);
      ast_expr *v = NULL;
      if (parse_starts_expression(p) || at(p, LEX_STAR)) v = parse_star_expressions(p);
      ast_stmt *s = parse_new_stmt(p, AST_S_RETURN, parse_span_to_here(p, start));
      s->u.value.value = v;
      return s;
    }
    case LEX_KW_IMPORT: return import_name(p);
    case LEX_KW_FROM: return import_from(p);
    case LEX_KW_RAISE: {
      advance(p);
      ast_stmt *s = parse_new_stmt(p, AST_S_RAISE, (ast_pos){0});
      if (parse_starts_expression(p)) {
        s->u.raise.exc = parse_expression(p);
        if (accept_kw(p, LEX_KW_FROM)) s->u.raise.cause = parse_expression(p);
      }
      s->pos = parse_span_to_here(p, start);
      return s;
    }
    case LEX_KW_DEL: {
      /* del_stmt: 'del' del_targets &(';' | NEWLINE) | invalid_del_stmt */
      advance(p);
      int save = p->pos;
      vec v = {0};
      if (parse_try_alt(p, probe_del_targets, &v) && (at(p, LEX_SEMI) || at(p, LEX_NEWLINE))) {
        bool ok = true;
        for (int i = 0; i < v.n; i++)
          if (!parse_valid_target(v.items[i], T_DEL, true)) ok = false;
        if (ok) {
          for (int i = 0; i < v.n; i++) parse_set_ctx(v.items[i], AST_DEL);
          ast_stmt *s = parse_new_stmt(p, AST_S_DELETE, parse_span_to_here(p, start));
          s->u.targets.targets = parse_expr_list(v);
          return s;
        }
      }
      /* invalid_del_stmt: 'del' star_expressions -> the first invalid target */
      int fail = p->pos;
      p->pos = save;
      ast_expr *e = parse_try_rule(p, parse_probe_star_expressions, NULL);
      if (e) {
        ast_expr *bad = parse_invalid_target(e, T_DEL);
        if (bad) parse_raise_at_node(p, bad->pos, "cannot delete %s", parse_expr_name(bad));
      }
      p->pos = fail;
      parse_syntax_error(p);
    }
    case LEX_KW_ASSERT: {
      advance(p);
      ast_stmt *s = parse_new_stmt(p, AST_S_ASSERT, (ast_pos){0});
      s->u.assert_.test = parse_expression(p);
      if (accept(p, LEX_COMMA)) s->u.assert_.msg = parse_expression(p);
      s->pos = parse_span_to_here(p, start);
      return s;
    }
    case LEX_KW_GLOBAL: case LEX_KW_NONLOCAL: {
      advance(p);
      vec v = {0};
      for (;;) {
        if (!at_name(p)) parse_syntax_error(p);
        parse_vec_push(p, &v, parse_tok_str(p, advance(p)));
        if (!accept(p, LEX_COMMA)) break;
      }
      ast_stmt *s = parse_new_stmt(p, t->kw == LEX_KW_GLOBAL ? AST_S_GLOBAL : AST_S_NONLOCAL, parse_span_to_here(p, start));
      s->u.names.names = (const char **)v.items;
      s->u.names.nnames = v.n;
      return s;
    }
    default:
      break;
    }
  }
  /* expression statement or assignment */
  if (!parse_starts_expression(p) && !at(p, LEX_STAR) && !at_kw(p, LEX_KW_YIELD)) parse_syntax_error(p);
  ast_expr *first = yield_or_star_expressions(p);
  bool first_bare = first == p->last_bare_tuple;
  bool first_is_expr = first->kind != AST_E_STARRED &&
                       ((first->kind != AST_E_YIELD && first->kind != AST_E_YIELDFROM) || parse_tok(p, start)->type == LEX_LPAR);
  if (at(p, LEX_COLONEQUAL) && rules_on(p) && !first_bare && first_is_expr && !(first->kind == AST_E_NAME && p->pos == start + 1)) {
    /* invalid_named_expression (via invalid_assignment's star_named_expression): a=expression ':=' expression */
    int save = p->pos;
    p->probing++;
    advance(p);
    if (parse_try_rule(p, parse_probe_expression, NULL))
      parse_raise_at_node(p, first->pos, "cannot use assignment expressions with %s", parse_expr_name(first));
    p->probing--;
    p->pos = save;
  }
  /* annotated assignment: NAME ':' | '(' single_target ')' ':' | single_subscript_attribute_target ':' */
  if (at(p, LEX_COLON)) {
    bool paren = parse_tok(p, start)->type == LEX_LPAR;
    if (first->kind != AST_E_NAME && first->kind != AST_E_ATTRIBUTE && first->kind != AST_E_SUBSCRIPT) {
      /* invalid_assignment: the annotation must parse for these messages */
      int colon = p->pos;
      advance(p);
      if (!parse_try_rule(p, parse_probe_expression, NULL)) {
        p->pos = colon;
        parse_syntax_error(p);
      }
      if (first->kind == AST_E_TUPLE || first->kind == AST_E_LIST) {
        bool bare = first->kind == AST_E_TUPLE && first->pos.col != parse_tok(p, start)->col;
        if (first->kind == AST_E_TUPLE && first->u.seq.elts.n && (bare || !paren))
          parse_raise_at_node(p, first->u.seq.elts.items[0]->pos, "only single target (not tuple) can be annotated");
        parse_raise_at_node(p, first->pos, "only single target (not %s) can be annotated", parse_expr_name(first));
      }
      if (first->kind != AST_E_STARRED && first->kind != AST_E_YIELD && first->kind != AST_E_YIELDFROM)
        parse_raise_at_node(p, first->pos, "illegal target for annotation");
      p->pos = colon;
      parse_syntax_error(p);
    }
    advance(p);
    ast_expr *ann = parse_expression(p);
    ast_expr *value = NULL;
    if (accept(p, LEX_EQUAL)) value = yield_or_star_expressions(p);
    ast_stmt *s = parse_new_stmt(p, AST_S_ANNASSIGN, parse_span_to_here(p, start));
    parse_set_ctx(first, AST_STORE);
    s->u.annassign.target = first;
    s->u.annassign.annotation = ann;
    s->u.annassign.value = value;
    s->u.annassign.simple = first->kind == AST_E_NAME && !paren;
    return s;
  }
  ast_operator aop;
  if (augassign_op(peek_type(p), &aop)) {
    if (first->kind != AST_E_NAME && first->kind != AST_E_ATTRIBUTE && first->kind != AST_E_SUBSCRIPT) {
      /* invalid_assignment: a=star_expressions augassign (yield_expr | star_expressions) */
      int save = p->pos;
      advance(p);
      if (parse_try_rule(p, probe_yield_or_star_expressions, NULL))
        parse_raise_at_node(p, first->pos, "'%s' is an illegal expression for augmented assignment",
                            parse_expr_name(first));
      p->pos = save;
      parse_syntax_error(p);
    }
    advance(p);
    ast_expr *value = yield_or_star_expressions(p);
    parse_set_ctx(first, AST_STORE);
    ast_stmt *s = parse_new_stmt(p, AST_S_AUGASSIGN, parse_span_to_here(p, start));
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
      if (!parse_valid_target(cur, T_STAR, true)) {
        first_target_named_check(p, first, first_bare, start, first_eq);
        if (cur->kind == AST_E_YIELD || cur->kind == AST_E_YIELDFROM)
          parse_raise_at_node(p, cur->pos, "assignment to yield expression not possible");
        parse_raise_invalid_target(p, cur, T_STAR);
      }
      parse_set_ctx(cur, AST_STORE);
      parse_vec_push(p, &targets, cur);
      advance(p);
      int vstart = p->pos;
      cur = parse_try_alt(p, probe_yield_or_star_expressions, NULL);
      if (!cur) {
        /* PEG keeps the longest prefix that parses: the value fails as a whole (and the assignment
           with it, so that CPython tries invalid_assignment) only when its head fails */
        if (!parse_try_alt(p, probe_value_head, NULL)) {
          p->pos = vstart;
          first_target_named_check(p, first, first_bare, start, first_eq);
        }
        parse_syntax_error(p);
      }
    }
    ast_stmt *s = parse_new_stmt(p, AST_S_ASSIGN, parse_span_to_here(p, start));
    s->u.assign.targets = parse_expr_list(targets);
    s->u.assign.value = cur;
    return s;
  }
  if (first_bare && !at(p, LEX_NEWLINE) && !at(p, LEX_SEMI) && rules_on(p)) {
    /* invalid_assignment: a=star_named_expression ',' star_named_expressions* ':' — its loop of
       gathers re-reads the elements after the first and goes on over juxtaposed ones, whose '=' or
       ':=' meets invalid_named_expression */
    int save = p->pos;
    p->pos = first_comma_after(p, start, save);
    parse_try_rule(p, probe_loose_elements, NULL);
    p->pos = save;
  }
  ast_stmt *s = parse_new_stmt(p, AST_S_EXPR, parse_span_to_here(p, start));
  s->u.value.value = first;
  return s;
}

/* simple_stmts: simple_stmt !';' NEWLINE | ';'.simple_stmt+ [';'] NEWLINE */
static void simple_stmts(parser *p, vec *out) {
  for (;;) {
    parse_vec_push(p, out, simple_stmt(p));
    if (!accept(p, LEX_SEMI)) break;
    if (at(p, LEX_NEWLINE)) break;
  }
  parse_expect(p, LEX_NEWLINE);
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
      if (at_kw(p, LEX_KW_DEF)) s = funcdef(p, (ast_expr_list){0});
      else if (at_kw(p, LEX_KW_WITH)) s = with_stmt(p);
      else s = for_stmt(p);
      break;
    default:
      if (t->len == 5 && memcmp(t->start, "match", 5) == 0 && t->kw == LEX_KW_NONE_) {
        lex_token *n = peek2(p);
        /* 'match' subject ':' — a statement we do not support */
        if (n->type == LEX_NAME || n->type == LEX_NUMBER || n->type == LEX_STRING || n->type == LEX_LSQB ||
            n->type == LEX_LPAR || n->type == LEX_LBRACE || n->type == LEX_MINUS) {
          int save = p->pos;
          advance(p);
          void *e = parse_try_rule(p, parse_probe_star_expressions, NULL);
          p->probing++;   /* the error rule's lookahead */
          bool colon = e && at(p, LEX_COLON);
          p->probing--;
          if (colon) {
            p->raising_hard = true;
            parse_raise_known(p, "SyntaxError", t->lineno, t->col, t->end_lineno, t->end_col, "'match' is not supported");
          }
          p->pos = save;
        }
      }
      break;
    }
  }
  if (s) {
    parse_vec_push(p, out, s);
    return s;
  }
  simple_stmts(p, out);
  return NULL;
}

/* ---- entry ---- */


/* file: [statements] ENDMARKER; eval: expressions NEWLINE* ENDMARKER; interactive: statement_newline */
static ast_module *parse_module(parser *p) {
  ast_module *m = parse_alloc(p, sizeof *m);
  vec body = {0};
  if (p->mode == AST_MODE_EVAL) {
    ast_expr *e = parse_star_expressions(p);
    while (accept(p, LEX_NEWLINE)) {}
    if (!at(p, LEX_ENDMARKER)) parse_syntax_error(p);
    ast_stmt *s = parse_new_stmt(p, AST_S_EXPR, e->pos);
    s->u.value.value = e;
    parse_vec_push(p, &body, s);
  } else if (p->mode == AST_MODE_SINGLE) {
    if (at(p, LEX_ENDMARKER)) {
      /* statement_newline: ... | ENDMARKER — the interactive exit is a failure for compile() */
      parse_syntax_error(p);
    } else if (at(p, LEX_NEWLINE)) {
      /* an empty line */
    } else {
      lex_token *t = peek(p);
      bool compound = t->type == LEX_AT || (t->type == LEX_NAME && (t->kw == LEX_KW_IF || t->kw == LEX_KW_WHILE ||
                      t->kw == LEX_KW_FOR || t->kw == LEX_KW_WITH || t->kw == LEX_KW_TRY || t->kw == LEX_KW_DEF ||
                      t->kw == LEX_KW_CLASS));
      statement(p, &body);
      if (compound) parse_expect(p, LEX_NEWLINE);
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
        parse_raise_last(p, "SyntaxError", "multiple statements found while compiling a single statement");
      }
    }
  } else {
    while (!at(p, LEX_ENDMARKER)) statement(p, &body);
  }
  m->body = parse_stmt_list(body);
  if (p->unsupported_tok) {
    /* valid Python 3.11 that the ctorch language leaves out */
    lex_token *t = parse_tok(p, p->unsupported_tok - 1);
    p->raising_hard = true;
    p->no_rescan = true;
    parse_raise_known(p, "SyntaxError", t->lineno, t->col, t->end_lineno, t->end_col, "%s", p->unsupported_msg);
  }
  return m;
}

/* After a parser error: tokenize the rest of the input; a tokenizer error there takes priority
   (CPython's _PyPegen_tokenize_full_source_to_check_for_errors). */
static void rescan_for_lexer_errors(parser *p) {
  if (p->ntoks && parse_tok(p, p->ntoks - 1)->type == LEX_ENDMARKER) return;
  int err_line = parse_tok(p, p->ntoks - 1)->lineno;
  ast_error saved = *p->err;
  for (;;) {
    lex_token t;
    lex_type ty = lex_next(&p->ls, &t);
    if (ty == LEX_ENDMARKER) break;
    if (ty == LEX_ERROR) {
      if (p->ls.done == LEX_E_SYNTAX) {
        jmp_buf jb, *saved_jb = p->jb;
        p->jb = &jb;
        if (setjmp(jb) == 0) parse_lexer_error(p);
        p->jb = saved_jb;
        return;
      }
      if (p->ls.done == LEX_E_EOF && p->ls.level && err_line > p->ls.parenlineno[p->ls.level - 1]) {
        parse_unclosed_paren(p);
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
  *at_eof = false;   /* also on the early returns (null bytes): codeop callers read it */
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
    if (!s) parse_nomem(&p);
    lex_init(&p.ls, s, n, mode);
    if (codeop) p.ls.imply_dedent = false;
    p.first_pass = codeop;
    ast_module *m = parse_module(&p);
    *at_eof = false;
    memset(err, 0, sizeof *err);   /* failures caught on the way leave their traces there */
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
