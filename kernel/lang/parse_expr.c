/*
** kernel/lang/parse_expr.c — the expression half of the recursive-descent parser: operators by
** precedence, atoms and displays, comprehensions, call arguments, parameters, assignment targets, and
** the error rules (CPython's invalid_*) met on the way. Each parse function starts with its rule.
*/
#include "kernel/lang/parse_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- targets ---- */


/* CPython's _PyPegen_get_invalid_target. */
ast_expr *parse_invalid_target(ast_expr *e, target_type tt) {
  if (!e) return NULL;
  switch (e->kind) {
  case AST_E_LIST:
  case AST_E_TUPLE:
    for (int i = 0; i < e->u.seq.elts.n; i++) {
      ast_expr *c = parse_invalid_target(e->u.seq.elts.items[i], tt);
      if (c) return c;
    }
    return NULL;
  case AST_E_STARRED:
    if (tt == T_DEL) return e;
    return parse_invalid_target(e->u.starred.value, tt);
  case AST_E_COMPARE:
    if (tt == T_FOR) {
      if (e->u.compare.ops[0] == AST_IN) return parse_invalid_target(e->u.compare.left, tt);
      return NULL;
    }
    return e;
  case AST_E_NAME: case AST_E_SUBSCRIPT: case AST_E_ATTRIBUTE:
    return NULL;
  default:
    return e;
  }
}

_Noreturn void parse_raise_invalid_target(parser *p, ast_expr *e, target_type tt) {
  ast_expr *bad = parse_invalid_target(e, tt);
  if (!bad) parse_syntax_error(p);
  parse_raise_at_node(p, bad->pos, tt == T_DEL ? "cannot delete %s" : "cannot assign to %s", parse_expr_name(bad));
}

/* Is e a valid assignment (or del) target? Starred only inside a list/tuple for assignments. */
bool parse_valid_target(ast_expr *e, target_type tt, bool top) {
  switch (e->kind) {
  case AST_E_NAME: case AST_E_ATTRIBUTE: case AST_E_SUBSCRIPT: return true;
  case AST_E_STARRED: return tt != T_DEL && parse_valid_target(e->u.starred.value, tt, false) &&
                             e->u.starred.value->kind != AST_E_STARRED;
  case AST_E_LIST: case AST_E_TUPLE:
    for (int i = 0; i < e->u.seq.elts.n; i++)
      if (!parse_valid_target(e->u.seq.elts.items[i], tt, false)) return false;
    return true;
  default: return false;
  }
  (void)top;
}

void parse_set_ctx(ast_expr *e, ast_ctx ctx) {
  switch (e->kind) {
  case AST_E_NAME: e->u.name.ctx = ctx; break;
  case AST_E_ATTRIBUTE: e->u.attribute.ctx = ctx; break;
  case AST_E_SUBSCRIPT: e->u.subscript.ctx = ctx; break;
  case AST_E_STARRED: e->u.starred.ctx = ctx; parse_set_ctx(e->u.starred.value, ctx); break;
  case AST_E_LIST: case AST_E_TUPLE:
    e->u.seq.ctx = ctx;
    for (int i = 0; i < e->u.seq.elts.n; i++) parse_set_ctx(e->u.seq.elts.items[i], ctx);
    break;
  default: break;
  }
}

/* ---- expressions ---- */

static ast_expr *disjunction(parser *p);
static ast_expr *atom(parser *p);
static ast_arguments *lambda_params(parser *p);
static void for_if_clauses(parser *p, ast_comprehension **gens, int *ngens);

/* Can the current token start an expression? */
bool parse_starts_expression(parser *p) {
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
  lex_token *t = parse_tok_at(p, p->pos + k);
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
void *parse_probe_star_expressions(parser *p, void *arg) {
  (void)arg;
  return parse_star_expressions(p);
}

/* invalid_named_expression at '=': NAME '=' bitwise_or !('='|':=') -> "Maybe you meant '==' or ':='";
   !(list|tuple|genexp|True|None|False) bitwise_or '=' bitwise_or !('='|':=') -> "cannot assign to X here". */
void parse_invalid_named_eq(parser *p, ast_expr *e, int start) {
  if (!rules_on(p) || !at(p, LEX_EQUAL)) return;
  int save = p->pos;
  bool is_name = e->kind == AST_E_NAME && parse_tok(p, start)->type == LEX_NAME && save == start + 1;
  if (!is_name && (parse_starts_with_display(p, start) || !parse_is_bitwise_or_level(p, e, start))) return;
  p->probing++;   /* an error rule's lookahead */
  advance(p);
  ast_expr *rhs = parse_try_rule(p, parse_probe_bitwise_or, NULL);
  if (rhs && !at(p, LEX_EQUAL) && !at(p, LEX_COLONEQUAL)) {
    if (is_name) parse_raise_range(p, e->pos, rhs->pos, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    parse_raise_at_node(p, e->pos, "cannot assign to %s here. Maybe you meant '==' instead of '='?", parse_expr_name(e));
  }
  p->probing--;
  p->pos = save;
}

/* invalid_expression: !(NAME STRING | SOFT_KEYWORD) a=disjunction b=expression_without_invalid
   -> "Perhaps you forgot a comma?" (inside brackets only) */
static void check_forgot_comma(parser *p, ast_expr *a, int start) {
  if (!parse_starts_expression(p)) return;
  lex_token *t0 = parse_tok(p, start);
  if (t0->type == LEX_NAME && t0->kw == LEX_KW_NONE_ && parse_tok_at(p, start + 1)->type == LEX_STRING) return;
  if (is_soft_keyword(t0)) return;
  if (is_legacy_name(a)) return;
  int save = p->pos;
  if (parse_tok(p, save)->memo & MEMO_EXPR_NOINV) return;
  ast_expr *b = parse_try_rule(p, probe_expression_noinvalid, NULL);
  if (!b) {
    parse_tok(p, save)->memo |= MEMO_EXPR_NOINV;
    return;
  }
  if (parse_tok(p, p->pos - 1)->level == 0) {
    p->pos = save;
    return;
  }
  parse_raise_range(p, a->pos, b->pos, "invalid syntax. Perhaps you forgot a comma?");
}


/* lambdef: 'lambda' [lambda_params] ':' expression */
static ast_expr *lambdef(parser *p) {
  int start = p->pos;
  advance(p);
  ast_arguments *args = lambda_params(p);
  parse_expect(p, LEX_COLON);
  ast_expr *body = parse_expression(p);
  ast_expr *e = parse_new_expr(p, AST_E_LAMBDA, parse_span_to_here(p, start));
  e->u.lambda.args = args;
  e->u.lambda.body = body;
  return e;
}

static ast_expr *expression_impl(parser *p, bool with_invalid) {
  parse_enter(p);
  if (at_kw(p, LEX_KW_LAMBDA)) {
    ast_expr *l = lambdef(p);
    parse_leave(p);
    return l;
  }
  int start = p->pos;
  ast_expr *a = disjunction(p);
  if (with_invalid) check_forgot_comma(p, a, start);
  if (at_kw(p, LEX_KW_IF)) {
    /* disjunction 'if' disjunction 'else' expression; when it fails the expression is the disjunction */
    int ifpos = p->pos;
    advance(p);
    ast_expr *b = parse_try_alt(p, probe_disjunction, NULL);
    if (!b || !at_kw(p, LEX_KW_ELSE)) {
      if (b && with_invalid && !at(p, LEX_COLON) && rules_on(p))
        parse_raise_range(p, a->pos, b->pos, "expected 'else' after 'if' expression");
      p->pos = ifpos;
      parse_leave(p);
      return a;
    }
    advance(p);
    ast_expr *c = parse_try_alt(p, parse_probe_expression, NULL);
    if (!c) {
      p->pos = ifpos;
      parse_leave(p);
      return a;
    }
    ast_expr *e = parse_new_expr(p, AST_E_IFEXP, parse_span_to_here(p, start));
    e->u.ifexp.test = b;
    e->u.ifexp.body = a;
    e->u.ifexp.orelse = c;
    a = e;
  } else if (with_invalid && rules_on(p) && a->kind == AST_E_NAME && p->pos == start + 1 && !at(p, LEX_LPAR) &&
             parse_starts_expression(p)) {
    /* invalid_legacy_expression: NAME !'(' star_expressions -> print x */
    int save = p->pos;
    if (!(parse_tok(p, save)->memo & MEMO_LEGACY)) {
      ast_expr *b = parse_try_rule(p, parse_probe_star_expressions, NULL);
      if (b && is_legacy_name(a))
        parse_raise_range(p, a->pos, b->pos, "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                    a->u.name.id, a->u.name.id);
      if (!b) parse_tok(p, save)->memo |= MEMO_LEGACY;
    }
    p->pos = save;
  }
  parse_leave(p);
  return a;
}

/* expression: disjunction 'if' disjunction 'else' expression | disjunction | lambdef */
ast_expr *parse_expression(parser *p) { return expression_impl(p, true); }

static void *probe_expression_noinvalid(parser *p, void *arg) {
  (void)arg;
  p->no_invalid++;
  ast_expr *e = expression_impl(p, false);
  p->no_invalid--;
  return e;
}

void *parse_probe_expression(parser *p, void *arg) {
  (void)arg;
  return expression_impl(p, true);
}

/* named_expression: NAME ':=' ~ expression | expression !':=' */
ast_expr *parse_named_expression(parser *p) {
  if (at_name(p) && peek2(p)->type == LEX_COLONEQUAL) {
    int start = p->pos;
    ast_expr *target = parse_new_name(p, advance(p), AST_STORE);
    advance(p);
    ast_expr *value = parse_expression(p);
    ast_expr *e = parse_new_expr(p, AST_E_NAMEDEXPR, parse_span_to_here(p, start));
    e->u.namedexpr.target = target;
    e->u.namedexpr.value = value;
    return e;
  }
  int start = p->pos;
  ast_expr *e = parse_expression(p);
  if (at(p, LEX_COLONEQUAL) && rules_on(p)) {
    /* invalid_named_expression: a=expression ':=' expression */
    int save = p->pos;
    p->probing++;
    advance(p);
    if (parse_try_rule(p, parse_probe_expression, NULL))
      parse_raise_at_node(p, e->pos, "cannot use assignment expressions with %s", parse_expr_name(e));
    p->probing--;
    p->pos = save;
  }
  parse_invalid_named_eq(p, e, start);
  return e;
}

/* star_expression: '*' bitwise_or | expression */
static ast_expr *star_expression(parser *p) {
  if (at(p, LEX_STAR)) {
    int start = p->pos;
    advance(p);
    ast_expr *v = parse_bitwise_or(p);
    ast_expr *e = parse_new_expr(p, AST_E_STARRED, parse_span_to_here(p, start));
    e->u.starred.value = v;
    e->u.starred.ctx = AST_LOAD;
    return e;
  }
  return parse_expression(p);
}

static ast_expr *make_tuple(parser *p, vec elts, ast_pos pos) {
  ast_expr *e = parse_new_expr(p, AST_E_TUPLE, pos);
  e->u.seq.elts = parse_expr_list(elts);
  e->u.seq.ctx = AST_LOAD;
  return e;
}

/* star_expressions: star_expression (',' star_expression)* [','] */
ast_expr *parse_star_expressions(parser *p) {
  int start = p->pos;
  ast_expr *first = star_expression(p);
  if (!at(p, LEX_COMMA)) return first;
  vec v = {0};
  parse_vec_push(p, &v, first);
  while (accept(p, LEX_COMMA)) {
    if (!parse_starts_expression(p) && !at(p, LEX_STAR)) break;
    parse_vec_push(p, &v, star_expression(p));
  }
  return p->last_bare_tuple = make_tuple(p, v, parse_span_to_here(p, start));
}

/* star_named_expression: '*' bitwise_or | named_expression */
ast_expr *parse_star_named_expression(parser *p) {
  if (at(p, LEX_STAR)) return star_expression(p);
  return parse_named_expression(p);
}

/* disjunction: conjunction ('or' conjunction)+ | conjunction */
static ast_expr *disjunction(parser *p);
static ast_expr *inversion(parser *p);
static ast_expr *conjunction(parser *p) {
  int start = p->pos;
  ast_expr *a = inversion(p);
  if (!at_kw(p, LEX_KW_AND) || !starts_operand(p, 1, true)) return a;
  vec v = {0};
  parse_vec_push(p, &v, a);
  while (at_kw(p, LEX_KW_AND) && starts_operand(p, 1, true)) {
    advance(p);
    parse_vec_push(p, &v, inversion(p));
  }
  ast_expr *e = parse_new_expr(p, AST_E_BOOLOP, parse_span_to_here(p, start));
  e->u.boolop.op = AST_AND;
  e->u.boolop.values = parse_expr_list(v);
  return e;
}

static ast_expr *disjunction(parser *p) {
  int start = p->pos;
  ast_expr *a = conjunction(p);
  if (!at_kw(p, LEX_KW_OR) || !starts_operand(p, 1, true)) return a;
  vec v = {0};
  parse_vec_push(p, &v, a);
  while (at_kw(p, LEX_KW_OR) && starts_operand(p, 1, true)) {
    advance(p);
    parse_vec_push(p, &v, conjunction(p));
  }
  ast_expr *e = parse_new_expr(p, AST_E_BOOLOP, parse_span_to_here(p, start));
  e->u.boolop.op = AST_OR;
  e->u.boolop.values = parse_expr_list(v);
  return e;
}

static ast_expr *comparison(parser *p);
/* inversion: 'not' inversion | comparison */
static ast_expr *inversion(parser *p) {
  if (at_kw(p, LEX_KW_NOT)) {
    parse_enter(p);
    int start = p->pos;
    advance(p);
    ast_expr *operand = inversion(p);
    ast_expr *e = parse_new_expr(p, AST_E_UNARYOP, parse_span_to_here(p, start));
    e->u.unaryop.op = AST_NOT;
    e->u.unaryop.operand = operand;
    parse_leave(p);
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
  ast_expr *a = parse_bitwise_or(p);
  int op = take_compare_op(p);
  if (op < 0) return a;
  vec ops = {0}, comps = {0};
  while (op >= 0) {
    parse_vec_push(p, &ops, (void *)(intptr_t)op);
    parse_vec_push(p, &comps, parse_bitwise_or(p));
    op = take_compare_op(p);
  }
  ast_expr *e = parse_new_expr(p, AST_E_COMPARE, parse_span_to_here(p, start));
  e->u.compare.left = a;
  e->u.compare.ops = parse_alloc(p, sizeof(ast_cmpop) * (size_t)ops.n);
  for (int i = 0; i < ops.n; i++) e->u.compare.ops[i] = (ast_cmpop)(intptr_t)ops.items[i];
  e->u.compare.comparators = parse_expr_list(comps);
  return e;
}

static ast_expr *binop(parser *p, int start, ast_expr *l, ast_operator op, ast_expr *r) {
  ast_expr *e = parse_new_expr(p, AST_E_BINOP, parse_span_to_here(p, start));
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
ast_expr *parse_bitwise_or(parser *p) {
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
  ast_expr *a;
  if (at_kw(p, LEX_KW_AWAIT)) {
    /* await_primary: AWAIT primary — parsed, then rejected once the whole input has parsed. The node
       is a placeholder (no Await in our AST) that only error messages ever see. */
    parse_note_unsupported(p, p->pos, "'await' is not supported");
    advance(p);
    ast_expr *v = parse_primary(p);
    a = parse_new_expr(p, AST_E_KIND_COUNT, parse_span_to_here(p, start));
    a->u.yield.value = v;
  } else {
    a = parse_primary(p);
  }
  if (at(p, LEX_DOUBLESTAR) && starts_operand(p, 1, false)) {
    advance(p);
    parse_enter(p);
    a = binop(p, start, a, AST_POW, factor(p));
    parse_leave(p);
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
  parse_enter(p);
  int start = p->pos;
  advance(p);
  ast_expr *operand = factor(p);
  ast_expr *e = parse_new_expr(p, AST_E_UNARYOP, parse_span_to_here(p, start));
  e->u.unaryop.op = op;
  e->u.unaryop.operand = operand;
  parse_leave(p);
  return e;
}

/* slice: [expression] ':' [expression] [':' [expression]] | named_expression */
static ast_expr *slice(parser *p) {
  int start = p->pos;
  ast_expr *lower = NULL;
  if (!at(p, LEX_COLON)) {
    ast_expr *e = parse_named_expression(p);
    if (!at(p, LEX_COLON)) return e;
    if (e->kind == AST_E_NAMEDEXPR && !p->probing) parse_syntax_error(p);
    lower = e;
  }
  advance(p);
  ast_expr *upper = NULL, *step = NULL;
  if (parse_starts_expression(p)) upper = parse_expression(p);
  if (accept(p, LEX_COLON)) {
    if (parse_starts_expression(p)) step = parse_expression(p);
  }
  ast_expr *e = parse_new_expr(p, AST_E_SLICE, parse_span_to_here(p, start));
  e->u.slice.lower = lower;
  e->u.slice.upper = upper;
  e->u.slice.step = step;
  return e;
}

/* starred_expression: '*' expression */
static ast_expr *starred_expression(parser *p) {
  int s = p->pos;
  parse_expect(p, LEX_STAR);
  ast_expr *v = parse_expression(p);
  ast_expr *e = parse_new_expr(p, AST_E_STARRED, parse_span_to_here(p, s));
  e->u.starred.value = v;
  e->u.starred.ctx = AST_LOAD;
  return e;
}

/* slices: slice !',' | ','.(slice | starred_expression)+ [','] */
static ast_expr *slices(parser *p) {
  int start = p->pos;
  ast_expr *first = at(p, LEX_STAR) ? starred_expression(p) : slice(p);
  if (!at(p, LEX_COMMA) && first->kind != AST_E_STARRED) return first;
  vec v = {0};
  parse_vec_push(p, &v, first);
  while (accept(p, LEX_COMMA)) {
    if (at(p, LEX_RSQB)) break;
    parse_vec_push(p, &v, at(p, LEX_STAR) ? starred_expression(p) : slice(p));
  }
  return make_tuple(p, v, parse_span_to_here(p, start));
}

typedef struct call_probe { ast_expr *call; int start; } call_probe;
static void *probe_call(parser *p, void *arg) {
  call_probe *cp = arg;
  parse_call_arguments(p, cp->call, cp->start, true);
  return cp->call;
}

/* '[' slices ']' */
static void *probe_subscript(parser *p, void *arg) {
  (void)arg;
  advance(p);
  ast_expr *s = slices(p);
  parse_expect(p, LEX_RSQB);
  return s;
}

/* primary: primary '.' NAME | primary genexp | primary '(' [arguments] ')' | primary '[' slices ']' | atom */
ast_expr *parse_primary(parser *p) {
  int start = p->pos;
  ast_expr *a = atom(p);
  for (;;) {
    if (at(p, LEX_DOT)) {
      if (!(peek2(p)->type == LEX_NAME && peek2(p)->kw == LEX_KW_NONE_)) break;
      advance(p);
      lex_token *t = advance(p);
      ast_expr *e = parse_new_expr(p, AST_E_ATTRIBUTE, parse_span_to_here(p, start));
      e->u.attribute.value = a;
      e->u.attribute.attr = parse_tok_str(p, t);
      e->u.attribute.ctx = AST_LOAD;
      a = e;
    } else if (at(p, LEX_LPAR)) {
      /* primary '(' [arguments] ')': when it fails, primary is what we have (PEG backtracking) */
      int lp = p->pos;
      if (parse_tok(p, lp)->memo & MEMO_CALL) break;
      ast_expr *e = parse_new_expr(p, AST_E_CALL, (ast_pos){0});
      e->u.call.func = a;
      call_probe cp = {e, start};
      parse_enter(p);
      void *ok = parse_try_alt(p, probe_call, &cp);
      parse_leave(p);
      if (!ok) {
        parse_tok(p, lp)->memo |= MEMO_CALL;
        break;
      }
      a = e;
    } else if (at(p, LEX_LSQB)) {
      int lb = p->pos;
      if (parse_tok(p, lb)->memo & MEMO_SUBSCRIPT) break;
      parse_enter(p);
      ast_expr *s = parse_try_alt(p, probe_subscript, NULL);
      parse_leave(p);
      if (!s) {
        parse_tok(p, lb)->memo |= MEMO_SUBSCRIPT;
        break;
      }
      ast_expr *e = parse_new_expr(p, AST_E_SUBSCRIPT, parse_span_to_here(p, start));
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

ast_expr *parse_constant(parser *p, ast_const_kind k, ast_pos pos) {
  ast_expr *e = parse_new_expr(p, AST_E_CONSTANT, pos);
  e->u.constant.kind = k;
  return e;
}

/* Big integer literal: decimal digits of the value (any base). */
static char *big_to_decimal(parser *p, const char *digits, size_t n, int base) {
  /* decimal digits, least significant first */
  unsigned char *d = parse_alloc(p, n * 4 + 2);
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
  char *s = parse_alloc(p, nd + 1);
  for (size_t j = 0; j < nd; j++) s[j] = (char)('0' + d[nd - 1 - j]);
  s[nd] = 0;
  return s;
}

static ast_expr *number(parser *p) {
  lex_token *t = advance(p);
  ast_pos pos = {t->lineno, t->col, t->end_lineno, t->end_col};
  char *buf = parse_alloc(p, t->len + 1);
  size_t n = 0;
  for (size_t i = 0; i < t->len; i++)
    if (t->start[i] != '_') buf[n++] = t->start[i];
  buf[n] = 0;
  char last = buf[n - 1];
  if (last == 'j' || last == 'J') {
    buf[n - 1] = 0;
    ast_expr *e = parse_constant(p, AST_C_IMAG, pos);
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
    ast_expr *e = parse_constant(p, AST_C_FLOAT, pos);
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
    ast_expr *e = parse_constant(p, AST_C_BIGINT, pos);
    e->u.constant.s = big_to_decimal(p, buf + skip, n - skip, base);
    e->u.constant.len = strlen(e->u.constant.s);
    return e;
  }
  ast_expr *e = parse_constant(p, AST_C_INT, pos);
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
  if (parse_try_rule(p, probe_for_if_clauses, NULL))
    parse_raise_at_node(p, e->pos, "iterable unpacking cannot be used in comprehension");
  p->pos = save;
  parse_syntax_error(p);
}

/* invalid_comprehension: ('[' | '{') a=star_named_expression ',' [star_named_expressions] for_if_clauses
   -> "did you forget parentheses around the comprehension target?"; comma >= 0: a trailing comma. */
static void comprehension_target_parens(parser *p, vec elts, int comma) {
  int save = p->pos;
  if (!parse_try_rule(p, probe_for_if_clauses, NULL)) return;
  p->pos = save;
  ast_pos a = ((ast_expr *)elts.items[0])->pos;
  ast_pos b = comma >= 0 ? parse_span(p, comma, comma) : ((ast_expr *)elts.items[elts.n - 1])->pos;
  if (comma < 0 && elts.n < 2) return;
  parse_raise_range(p, a, b, "did you forget parentheses around the comprehension target?");
}

/* Comprehension after the element: listcomp/setcomp/genexp/dictcomp. */
static ast_expr *comprehension(parser *p, ast_expr_kind kind, ast_expr *elt, ast_expr *value, int start,
                               lex_type close) {
  ast_expr *e = parse_new_expr(p, kind, (ast_pos){0});
  e->u.comp.elt = elt;
  e->u.comp.value = value;
  for_if_clauses(p, &e->u.comp.generators, &e->u.comp.ngenerators);
  parse_expect(p, close);
  e->pos = parse_span_to_here(p, start);
  return e;
}

static ast_expr *paren_atom_body(parser *p);
static void invalid_starred_comprehension(parser *p, int open);
static void *probe_paren_atom(parser *p, void *arg) {
  (void)arg;
  return paren_atom_body(p);
}

/* starred_expression: '*' expression */
static void *probe_starred_expression(parser *p, void *arg) {
  (void)arg;
  int s = p->pos;
  parse_expect(p, LEX_STAR);
  ast_expr *v = parse_expression(p);
  ast_expr *e = parse_new_expr(p, AST_E_STARRED, parse_span_to_here(p, s));
  e->u.starred.value = v;
  return e;
}

/* group/tuple/genexp: '(' ... ')'; after a failure starting with '*': invalid_group */
static ast_expr *paren_atom(parser *p) {
  if (peek2(p)->type != LEX_STAR) return paren_atom_body(p);
  int start = p->pos;
  ast_expr *e = parse_try_alt(p, probe_paren_atom, NULL);
  if (e) return e;
  advance(p);
  ast_expr *st = parse_try_rule(p, probe_starred_expression, NULL);
  p->probing++;   /* the error rule's lookahead */
  if (st && at(p, LEX_RPAR)) parse_raise_at_node(p, st->pos, "cannot use starred expression here");
  p->probing--;
  invalid_starred_comprehension(p, start);
  p->pos = start;
  parse_syntax_error(p);
}

/* A display starting with '*' whose parse failed: invalid_comprehension: ('[' | '(' | '{')
   starred_expression for_if_clauses (parsing that expression may meet a more precise error first). */
static void invalid_starred_comprehension(parser *p, int open) {
  p->pos = open + 1;
  ast_expr *st = parse_try_rule(p, probe_starred_expression, NULL);
  p->probing++;   /* the error rule's lookahead */
  if (st && at_for_clause(p)) starred_in_comprehension(p, st);
  p->probing--;
  p->pos = open;
}

static ast_expr *list_atom_body(parser *p);
static ast_expr *brace_atom_body(parser *p);
static void *probe_list_atom(parser *p, void *arg) {
  (void)arg;
  return list_atom_body(p);
}
static void *probe_brace_atom(parser *p, void *arg) {
  (void)arg;
  return brace_atom_body(p);
}

/* '[' ... ']' and '{' ... '}' starting with '*': on failure, the error rules that start that way */
static ast_expr *list_atom(parser *p) {
  if (peek2(p)->type != LEX_STAR) return list_atom_body(p);
  int start = p->pos;
  ast_expr *e = parse_try_alt(p, probe_list_atom, NULL);
  if (e) return e;
  invalid_starred_comprehension(p, start);
  parse_syntax_error(p);
}

static ast_expr *brace_atom(parser *p) {
  if (peek2(p)->type != LEX_STAR) return brace_atom_body(p);
  int start = p->pos;
  ast_expr *e = parse_try_alt(p, probe_brace_atom, NULL);
  if (e) return e;
  invalid_starred_comprehension(p, start);
  parse_syntax_error(p);
}

static ast_expr *paren_atom_body(parser *p) {
  int start = p->pos;
  advance(p);
  if (accept(p, LEX_RPAR)) return make_tuple(p, (vec){0}, parse_span_to_here(p, start));
  if (at_kw(p, LEX_KW_YIELD)) {
    ast_expr *y = parse_yield_expr(p);
    parse_expect(p, LEX_RPAR);
    return y;
  }
  if (at(p, LEX_DOUBLESTAR) && rules_on(p)) {
    /* invalid_group: '(' '**' expression ')' */
    lex_token *ds = peek(p);
    int save = p->pos;
    advance(p);
    p->probing++;   /* the error rule's lookahead */
    if (parse_try_rule(p, probe_expression_noinvalid, NULL) && at(p, LEX_RPAR))
      parse_raise_known(p, "SyntaxError", ds->lineno, ds->col, ds->end_lineno, ds->end_col,
                  "cannot use double starred expression here");
    p->probing--;
    p->pos = save;
  }
  ast_expr *first = parse_star_named_expression(p);
  if (at_for_clause(p)) {
    if (first->kind == AST_E_STARRED) starred_in_comprehension(p, first);
    return comprehension(p, AST_E_GENEXP, first, NULL, start, LEX_RPAR);
  }
  if (at(p, LEX_RPAR) && first->kind == AST_E_STARRED) {
    /* invalid_group: '(' starred_expression ')' */
    if (rules_on(p)) parse_raise_at_node(p, first->pos, "cannot use starred expression here");
    parse_syntax_error(p);
  }
  if (accept(p, LEX_RPAR)) return first;
  if (!at(p, LEX_COMMA)) {
    if (first->kind == AST_E_NAMEDEXPR || at(p, LEX_EQUAL)) { /* fall through to the generic error */ }
    parse_syntax_error(p);
  }
  vec v = {0};
  parse_vec_push(p, &v, first);
  while (accept(p, LEX_COMMA)) {
    if (at(p, LEX_RPAR)) break;
    parse_vec_push(p, &v, parse_star_named_expression(p));
  }
  parse_expect(p, LEX_RPAR);
  return make_tuple(p, v, parse_span_to_here(p, start));
}

/* list | listcomp: '[' ... ']' */
static ast_expr *list_atom_body(parser *p) {
  int start = p->pos;
  advance(p);
  vec v = {0};
  if (!at(p, LEX_RSQB)) {
    ast_expr *first = parse_star_named_expression(p);
    if (at_for_clause(p)) {
      if (first->kind == AST_E_STARRED) starred_in_comprehension(p, first);
      return comprehension(p, AST_E_LISTCOMP, first, NULL, start, LEX_RSQB);
    }
    parse_vec_push(p, &v, first);
    while (accept(p, LEX_COMMA)) {
      if (at(p, LEX_RSQB)) break;
      if (at_for_clause(p)) comprehension_target_parens(p, v, p->pos - 1);
      parse_vec_push(p, &v, parse_star_named_expression(p));
    }
    if (at_for_clause(p)) comprehension_target_parens(p, v, -1);
  }
  parse_expect(p, LEX_RSQB);
  ast_expr *e = parse_new_expr(p, AST_E_LIST, parse_span_to_here(p, start));
  e->u.seq.elts = parse_expr_list(v);
  e->u.seq.ctx = AST_LOAD;
  return e;
}

/* invalid_kvpair: expression ':' a='*' bitwise_or */
static void starred_dict_value(parser *p) {
  int s = p->pos;
  advance(p);
  ast_expr *v = parse_bitwise_or(p);
  parse_raise_range(p, parse_span(p, s, s), v->pos, "cannot use a starred expression in a dictionary value");
}

/* dict | set | dictcomp | setcomp: '{' ... '}' */
static ast_expr *brace_atom_body(parser *p) {
  int start = p->pos;
  advance(p);
  vec keys = {0}, values = {0};
  if (accept(p, LEX_RBRACE)) {
    ast_expr *e = parse_new_expr(p, AST_E_DICT, parse_span_to_here(p, start));
    return e;
  }
  bool is_dict;
  if (at(p, LEX_DOUBLESTAR)) {
    advance(p);
    parse_vec_push(p, &keys, NULL);
    parse_vec_push(p, &values, parse_bitwise_or(p));
    is_dict = true;
  } else {
    ast_expr *first = parse_star_named_expression(p);
    if (first->kind != AST_E_STARRED && at(p, LEX_COLON)) {
      lex_token *colon = advance(p);
      if (at(p, LEX_RBRACE) || at(p, LEX_COMMA))
        parse_raise_known(p, "SyntaxError", colon->lineno, colon->col, colon->end_lineno, colon->end_col,
                    "expression expected after dictionary key and ':'");
      if (at(p, LEX_STAR)) starred_dict_value(p);
      ast_expr *val = parse_expression(p);
      if (at_for_clause(p)) return comprehension(p, AST_E_DICTCOMP, first, val, start, LEX_RBRACE);
      parse_vec_push(p, &keys, first);
      parse_vec_push(p, &values, val);
      is_dict = true;
    } else {
      if (at_for_clause(p)) {
        if (first->kind == AST_E_STARRED) starred_in_comprehension(p, first);
        return comprehension(p, AST_E_SETCOMP, first, NULL, start, LEX_RBRACE);
      }
      parse_vec_push(p, &values, first);
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
        parse_vec_push(p, &keys, NULL);
        parse_vec_push(p, &values, parse_bitwise_or(p));
        continue;
      }
      ast_expr *k = expression_impl(p, false);
      if (!at(p, LEX_COLON)) {
        /* invalid_kvpair after a good pair: a=expression !':' */
        if (rules_on(p))
          parse_raise_known(p, "SyntaxError", k->pos.lineno, k->pos.end_col - 1, k->pos.end_lineno, -1,
                      "':' expected after dictionary key");
        parse_syntax_error(p);
      }
      lex_token *colon = advance(p);
      if (at(p, LEX_RBRACE) || at(p, LEX_COMMA))
        parse_raise_known(p, "SyntaxError", colon->lineno, colon->col, colon->end_lineno, colon->end_col,
                    "expression expected after dictionary key and ':'");
      parse_vec_push(p, &keys, k);
      if (at(p, LEX_STAR)) starred_dict_value(p);
      parse_vec_push(p, &values, parse_expression(p));
    } else {
      if (at_for_clause(p)) comprehension_target_parens(p, values, p->pos - 1);
      parse_vec_push(p, &values, parse_star_named_expression(p));
    }
  }
  if (!is_dict && at_for_clause(p)) comprehension_target_parens(p, values, -1);
  if (!at(p, LEX_RBRACE)) parse_syntax_error(p);
  advance(p);
  ast_expr *e = parse_new_expr(p, is_dict ? AST_E_DICT : AST_E_SET, parse_span_to_here(p, start));
  if (is_dict) {
    e->u.dict.keys = parse_expr_list(keys);
    e->u.dict.values = parse_expr_list(values);
  } else {
    e->u.seq.elts = parse_expr_list(values);
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
    case LEX_KW_NONE_: advance(p); return parse_new_name(p, t, AST_LOAD);
    case LEX_KW_TRUE: advance(p); return parse_constant(p, AST_C_TRUE, pos);
    case LEX_KW_FALSE: advance(p); return parse_constant(p, AST_C_FALSE, pos);
    case LEX_KW_NONE: advance(p); return parse_constant(p, AST_C_NONE, pos);
    default: parse_syntax_error(p);
    }
  case LEX_NUMBER: return number(p);
  case LEX_STRING: return parse_strings(p);
  case LEX_ELLIPSIS: advance(p); return parse_constant(p, AST_C_ELLIPSIS, pos);
  case LEX_LPAR: {
    parse_enter(p);
    ast_expr *e = paren_atom(p);
    parse_leave(p);
    return e;
  }
  case LEX_LSQB: {
    parse_enter(p);
    ast_expr *e = list_atom(p);
    parse_leave(p);
    return e;
  }
  case LEX_LBRACE: {
    parse_enter(p);
    ast_expr *e = brace_atom(p);
    parse_leave(p);
    return e;
  }
  default:
    parse_syntax_error(p);
  }
}

/* for_if_clauses: ('for' star_targets 'in' ~ disjunction ('if' disjunction)*)+ */
static ast_expr *star_targets(parser *p);
static void for_if_clauses(parser *p, ast_comprehension **gens, int *ngens) {
  vec v = {0};
  while (at_for_clause(p)) {
    if (at_kw(p, LEX_KW_ASYNC)) {
      parse_note_unsupported(p, p->pos, "asynchronous comprehensions are not supported");
      advance(p);
    }
    advance(p);
    ast_comprehension *c = parse_alloc(p, sizeof *c);
    c->target = parse_for_target(p);
    advance(p);   /* 'in' */
    c->iter = disjunction(p);
    vec ifs = {0};
    while (accept_kw(p, LEX_KW_IF)) parse_vec_push(p, &ifs, disjunction(p));
    c->ifs = parse_expr_list(ifs);
    parse_vec_push(p, &v, c);
  }
  ast_comprehension *arr = parse_alloc(p, sizeof *arr * (size_t)(v.n ? v.n : 1));
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
      if (at(p, LEX_STAR)) parse_syntax_error(p);
      ast_expr *inner = parse_primary(p);
      e = parse_new_expr(p, AST_E_STARRED, parse_span_to_here(p, s));
      e->u.starred.value = inner;
    } else {
      e = parse_primary(p);
    }
    if (!parse_valid_target(e, T_FOR, true) || (e->kind == AST_E_STARRED && e->u.starred.value->kind == AST_E_STARRED))
      parse_syntax_error(p);
    parse_vec_push(p, &v, e);
    if (!accept(p, LEX_COMMA)) break;
    tuple = true;
    if (!(parse_starts_expression(p) || at(p, LEX_STAR)) || at_kw(p, LEX_KW_NOT) || at_kw(p, LEX_KW_LAMBDA)) break;
  }
  ast_expr *t = tuple ? make_tuple(p, v, parse_span_to_here(p, start)) : v.items[0];
  parse_set_ctx(t, AST_STORE);
  return t;
}

static void *probe_star_targets(parser *p, void *arg) {
  (void)arg;
  return star_targets(p);
}

/* The target of 'for' (statement or comprehension): star_targets 'in', else invalid_for_target:
   'for' star_expressions -> "cannot assign to X". */
ast_expr *parse_for_target(parser *p) {
  int save = p->pos;
  ast_expr *t = parse_try_alt(p, probe_star_targets, NULL);
  if (t && at_kw(p, LEX_KW_IN)) return t;
  p->pos = save;
  ast_expr *e = parse_try_rule(p, parse_probe_star_expressions, NULL);
  if (e) {
    ast_expr *bad = parse_invalid_target(e, T_FOR);
    if (bad) parse_raise_at_node(p, bad->pos, "cannot assign to %s", parse_expr_name(bad));
  }
  parse_syntax_error(p);
}

static void *probe_named_expression(parser *p, void *arg) {
  (void)arg;
  return parse_named_expression(p);
}

/* ---- call arguments ---- */

/* '(' [arguments] ')' after a primary; fills call args/keywords and the call's position.
   arguments: args [','] &')'; args: positional, starred, keyword, '**' in CPython's order rules. */
void parse_call_arguments(parser *p, ast_expr *call, int start, bool genexp_ok) {
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
      ast_expr *v = parse_expression(p);
      ast_keyword *k = parse_alloc(p, sizeof *k);
      k->arg = NULL;
      k->value = v;
      k->pos = parse_span_to_here(p, s);
      parse_vec_push(p, &kws, k);
      seen_kwunpack = true;
    } else if (at(p, LEX_STAR)) {
      if (seen_kwunpack) {
        ast_pos a = parse_span(p, args_first, p->pos - 2);
        parse_raise_at_node(p, a, "iterable argument unpacking follows keyword argument unpacking");
      }
      advance(p);
      ast_expr *v = parse_try_alt(p, parse_probe_expression, NULL);
      if (!v) {
        /* invalid_arguments: a=args ',' '*' */
        if (nitems > 1 && rules_on(p))
          parse_raise_at_node(p, parse_span(p, args_first, s - 2), "iterable argument unpacking follows keyword argument unpacking");
        parse_syntax_error(p);
      }
      ast_expr *e = parse_new_expr(p, AST_E_STARRED, parse_span_to_here(p, s));
      e->u.starred.value = v;
      e->u.starred.ctx = AST_LOAD;
      if (at_for_clause(p) && genexp_ok && nitems == 1) starred_in_comprehension(p, e);
      parse_vec_push(p, &args, e);
    } else if (peek(p)->type == LEX_NAME &&
               (peek(p)->kw == LEX_KW_NONE_ || peek(p)->kw == LEX_KW_TRUE || peek(p)->kw == LEX_KW_FALSE ||
                peek(p)->kw == LEX_KW_NONE) && peek2(p)->type == LEX_EQUAL) {
      lex_token *nt = peek(p);
      if (nt->kw == LEX_KW_TRUE || nt->kw == LEX_KW_FALSE || nt->kw == LEX_KW_NONE) {
        parse_raise_range(p, (ast_pos){nt->lineno, nt->col, nt->end_lineno, nt->end_col},
                    (ast_pos){peek2(p)->lineno, peek2(p)->col, peek2(p)->end_lineno, peek2(p)->end_col},
                    "cannot assign to %.*s", (int)nt->len, nt->start);
      }
      if (nt->kw != LEX_KW_NONE_) parse_syntax_error(p);
      advance(p);
      lex_token *eq = advance(p);
      ast_expr *v = parse_expression(p);
      if (at_for_clause(p))
        parse_raise_range(p, (ast_pos){nt->lineno, nt->col, nt->end_lineno, nt->end_col},
                    (ast_pos){eq->lineno, eq->col, eq->end_lineno, eq->end_col},
                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
      ast_keyword *k = parse_alloc(p, sizeof *k);
      k->arg = parse_tok_str(p, nt);
      k->value = v;
      k->pos = parse_span_to_here(p, s);
      parse_vec_push(p, &kws, k);
      seen_kw = true;
    } else {
      ast_expr *e;
      bool walrus = at_name(p) && peek2(p)->type == LEX_COLONEQUAL;
      if (seen_kw || seen_kwunpack) {
        /* after a keyword argument CPython parses only keywords and starred arguments: a positional
           one is an error rule's (not counted for the generic error) */
        e = parse_try_rule(p, walrus ? probe_named_expression : parse_probe_expression, NULL);
        if (!e) parse_syntax_error(p);
      } else if (walrus) {
        e = parse_named_expression(p);
      } else {
        e = parse_expression(p);
      }
      if (at(p, LEX_EQUAL) && !walrus) {
        lex_token *eq = peek(p);
        parse_raise_range(p, e->pos, (ast_pos){eq->lineno, eq->col, eq->end_lineno, eq->end_col},
                    "expression cannot contain assignment, perhaps you meant \"==\"?");
      }
      if (at_for_clause(p)) {
        if (!genexp_ok) parse_syntax_error(p);
        /* generator expression argument */
        ast_expr *g = parse_new_expr(p, AST_E_GENEXP, (ast_pos){0});
        g->u.comp.elt = e;
        for_if_clauses(p, &g->u.comp.generators, &g->u.comp.ngenerators);
        if (nitems > 1 || !at(p, LEX_RPAR)) {
          ast_comprehension *last = &g->u.comp.generators[g->u.comp.ngenerators - 1];
          ast_expr *end = last->ifs.n ? last->ifs.items[last->ifs.n - 1] : last->iter;
          if (nitems > 1 || at(p, LEX_COMMA)) parse_raise_range(p, e->pos, end->pos, "Generator expression must be parenthesized");
          parse_syntax_error(p);
        }
        advance(p);
        g->pos = parse_span_to_here(p, lpar);
        parse_vec_push(p, &args, g);
        call->u.call.args = parse_expr_list(args);
        call->pos = parse_span_to_here(p, start);
        return;
      }
      if (seen_kw || seen_kwunpack) {
        /* invalid_arguments: args ',' args — positional after keyword; keep going to the end of the
           arguments, then report */
        while (!at(p, LEX_RPAR) && !at(p, LEX_NEWLINE) && !at(p, LEX_ENDMARKER)) {
          if (!accept(p, LEX_COMMA)) break;
          if (at(p, LEX_RPAR)) break;
          if (at(p, LEX_STAR) || at(p, LEX_DOUBLESTAR)) advance(p);
          else if (at_name(p) && peek2(p)->type == LEX_EQUAL) advance(p), advance(p);
          parse_expression(p);
        }
        peek(p);
        parse_raise_last(p, "SyntaxError", seen_kwunpack ? "positional argument follows keyword argument unpacking"
                                                   : "positional argument follows keyword argument");
      }
      parse_vec_push(p, &args, e);
    }
    if (!accept(p, LEX_COMMA)) break;
  }
  parse_expect(p, LEX_RPAR);
  call->u.call.args = parse_expr_list(args);
  call->u.call.keywords = parse_alloc(p, sizeof(ast_keyword) * (size_t)(kws.n ? kws.n : 1));
  for (int i = 0; i < kws.n; i++) call->u.call.keywords[i] = *(ast_keyword *)kws.items[i];
  call->u.call.nkeywords = kws.n;
  call->pos = parse_span_to_here(p, start);
}

/* yield_expr: 'yield' 'from' expression | 'yield' [star_expressions] */
ast_expr *parse_yield_expr(parser *p) {
  int start = p->pos;
  advance(p);
  if (accept_kw(p, LEX_KW_FROM)) {
    ast_expr *v = parse_expression(p);
    ast_expr *e = parse_new_expr(p, AST_E_YIELDFROM, parse_span_to_here(p, start));
    e->u.yield.value = v;
    return e;
  }
  ast_expr *v = NULL;
  if (parse_starts_expression(p) || at(p, LEX_STAR)) v = parse_star_expressions(p);
  ast_expr *e = parse_new_expr(p, AST_E_YIELD, parse_span_to_here(p, start));
  e->u.yield.value = v;
  return e;
}

/* ---- parameters ---- */

typedef struct param_state {
  vec posonly, args, kwonly, kwdefaults, defaults;
  ast_arg *vararg, *kwarg;
} param_state;

static ast_arg *new_arg(parser *p, lex_token *t, ast_expr *ann, int start) {
  ast_arg *a = parse_alloc(p, sizeof *a);
  a->name = parse_tok_str(p, t);
  a->annotation = ann;
  a->pos = parse_span_to_here(p, start);
  return a;
}

static ast_arguments *finish_params(parser *p, param_state *s) {
  ast_arguments *a = parse_alloc(p, sizeof *a);
  a->nposonly = s->posonly.n;
  a->posonlyargs = parse_alloc(p, sizeof(ast_arg) * (size_t)(s->posonly.n + 1));
  for (int i = 0; i < s->posonly.n; i++) a->posonlyargs[i] = *(ast_arg *)s->posonly.items[i];
  a->nargs = s->args.n;
  a->args = parse_alloc(p, sizeof(ast_arg) * (size_t)(s->args.n + 1));
  for (int i = 0; i < s->args.n; i++) a->args[i] = *(ast_arg *)s->args.items[i];
  a->nkwonly = s->kwonly.n;
  a->kwonlyargs = parse_alloc(p, sizeof(ast_arg) * (size_t)(s->kwonly.n + 1));
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
ast_arguments *parse_params(parser *p, bool lambda, lex_type close) {
  param_state s = {0};
  bool seen_default = false, seen_star = false, seen_slash = false;
  int star_tok = -1;
  /* invalid_parameters_helper: 0 no default yet, 1 in the first run of defaults, 2 after its '/',
     3 anything else (the "non-default argument" rule can no longer match) */
  int drun = 0;
  while (!at(p, close)) {
    if (at(p, LEX_SLASH)) {
      lex_token *sl = peek(p);
      if (seen_slash) parse_raise_at_node(p, (ast_pos){sl->lineno, sl->col, sl->end_lineno, sl->end_col}, "/ may appear only once");
      if (seen_star) parse_raise_at_node(p, (ast_pos){sl->lineno, sl->col, sl->end_lineno, sl->end_col}, "/ must be ahead of *");
      if (s.args.n == 0) {
        if (peek_quiet(p, 1)->type == LEX_COMMA)
          parse_raise_at_node(p, (ast_pos){sl->lineno, sl->col, sl->end_lineno, sl->end_col}, "at least one argument must precede /");
        parse_syntax_error(p);
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
          parse_raise_at_node(p, (ast_pos){st->lineno, st->col, st->end_lineno, st->end_col}, "* argument may appear only once");
        parse_syntax_error(p);
      }
      star_tok = p->pos;
      advance(p);
      seen_star = true;
      if (at_name(p)) {
        int as = p->pos;
        lex_token *nt = advance(p);
        ast_expr *ann = NULL;
        if (!lambda && accept(p, LEX_COLON)) ann = at(p, LEX_STAR) ? star_expression(p) : parse_expression(p);
        s.vararg = new_arg(p, nt, ann, as);
        if (at(p, LEX_EQUAL)) {
          lex_token *eq = peek(p);
          parse_raise_at_node(p, (ast_pos){eq->lineno, eq->col, eq->end_lineno, eq->end_col}, "var-positional argument cannot have default value");
        }
      } else if (at(p, close) || (at(p, LEX_COMMA) && (parse_tok_at(p, p->pos + 1)->type == close ||
                                                       parse_tok_at(p, p->pos + 1)->type == LEX_DOUBLESTAR))) {
        lex_token *st2 = parse_tok(p, star_tok);
        if (lambda) {
          if (at(p, LEX_COMMA)) parse_tok_at(p, p->pos + 1);
          parse_raise_last(p, "SyntaxError", "named arguments must follow bare *");
        }
        parse_raise_at_node(p, (ast_pos){st2->lineno, st2->col, st2->end_lineno, st2->end_col}, "named arguments must follow bare *");
      } else if (!at(p, LEX_COMMA)) {
        parse_syntax_error(p);
      }
    } else if (at(p, LEX_DOUBLESTAR)) {
      advance(p);
      if (!at_name(p)) parse_syntax_error(p);
      int as = p->pos;
      lex_token *nt = advance(p);
      ast_expr *ann = NULL;
      if (!lambda && accept(p, LEX_COLON)) ann = parse_expression(p);
      s.kwarg = new_arg(p, nt, ann, as);
      if (at(p, LEX_EQUAL)) {
        lex_token *eq = peek(p);
        parse_raise_at_node(p, (ast_pos){eq->lineno, eq->col, eq->end_lineno, eq->end_col}, "var-keyword argument cannot have default value");
      }
      if (accept(p, LEX_COMMA) && (at_name(p) || at(p, LEX_STAR) || at(p, LEX_DOUBLESTAR) || at(p, LEX_SLASH))) {
        lex_token *c = peek(p);
        parse_raise_at_node(p, (ast_pos){c->lineno, c->col, c->end_lineno, c->end_col}, "arguments cannot follow var-keyword argument");
      }
      if (!at(p, close)) parse_syntax_error(p);
      break;
    } else if (at(p, LEX_LPAR) && !seen_default && !seen_star && rules_on(p)) {
      /* invalid_parameters: param_no_default* '(' param_no_default+ ','? ')' */
      int lp = p->pos, i = lp + 1;
      bool ok = false;
      p->probing++;   /* an error rule's lookahead */
      for (;;) {
        lex_token *t = parse_tok_at(p, i);
        if (t->type != LEX_NAME || t->kw != LEX_KW_NONE_) break;
        i++;
        if (!lambda && parse_tok_at(p, i)->type == LEX_COLON) {
          /* an annotation: skip a simple expression up to ',' or ')' */
          int depth = 0;
          for (i++;; i++) {
            lex_type ty = parse_tok_at(p, i)->type;
            if (ty == LEX_NEWLINE || ty == LEX_ENDMARKER) break;
            if (ty == LEX_LPAR || ty == LEX_LSQB || ty == LEX_LBRACE) depth++;
            else if ((ty == LEX_RPAR || ty == LEX_RSQB || ty == LEX_RBRACE) && depth-- == 0) break;
            else if (ty == LEX_COMMA && depth == 0) break;
          }
        }
        if (parse_tok_at(p, i)->type == LEX_COMMA) i++;
        if (parse_tok_at(p, i)->type == LEX_RPAR) {
          ok = true;
          break;
        }
      }
      p->probing--;
      if (ok)
        parse_raise_range(p, parse_span(p, lp, lp), parse_span(p, i, i), lambda ? "Lambda expression parameters cannot be parenthesized"
                                                              : "Function parameters cannot be parenthesized");
      parse_syntax_error(p);
    } else if (at_name(p)) {
      int as = p->pos;
      lex_token *nt = advance(p);
      ast_expr *ann = NULL;
      if (!lambda && accept(p, LEX_COLON)) ann = parse_expression(p);
      ast_arg *a = new_arg(p, nt, ann, as);
      ast_expr *def = NULL;
      if (at(p, LEX_EQUAL)) {
        lex_token *eq = advance(p);
        if (at(p, LEX_COMMA) || at(p, LEX_RPAR))   /* invalid_default: '=' &(')'|',') */
          parse_raise_at_node(p, (ast_pos){eq->lineno, eq->col, eq->end_lineno, eq->end_col}, "expected default value expression");
        def = parse_expression(p);
      }
      if (seen_star) {
        parse_vec_push(p, &s.kwonly, a);
        parse_vec_push(p, &s.kwdefaults, def);
      } else {
        if (!def && seen_default) {
          if ((drun == 1 || drun == 2) && (at(p, LEX_COMMA) || at(p, close)))
            parse_raise_at_node(p, a->pos, "non-default argument follows default argument");
          parse_syntax_error(p);
        }
        if (def) {
          drun = drun <= 1 ? 1 : 3;
          seen_default = true;
          parse_vec_push(p, &s.defaults, def);
        }
        parse_vec_push(p, &s.args, a);
      }
    } else {
      parse_syntax_error(p);
    }
    if (!accept(p, LEX_COMMA)) break;
  }
  return finish_params(p, &s);
}

static ast_arguments *lambda_params(parser *p) { return parse_params(p, true, LEX_COLON); }
