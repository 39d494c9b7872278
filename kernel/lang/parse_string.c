/*
** kernel/lang/parse_string.c — string literals: adjacent literals joined as CPython joins them, and
** f-strings parsed into JoinedStr/FormattedValue nodes with 3.11's positions (replacement fields are
** parsed by a sub-parser over "(expr)", as CPython does, and moved to their place in the source).
*/
#include "kernel/lang/parse_internal.h"

#include <stdio.h>
#include <string.h>

static void relocate(ast_expr *e, int dl, int dcol);

/* ---- strings and f-strings ---- */


void parse_sb_add(parser *p, strbuf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    size_t cap = (b->n + n + 1) * 2;
    char *ns = parse_alloc(p, cap);
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
  ast_expr *e = parse_constant(p, AST_C_STR, pos);
  char *d = parse_alloc(p, n + 1);
  if (n) memcpy(d, s, n);
  d[n] = 0;
  e->u.constant.s = d;
  e->u.constant.len = n;
  return e;
}

static void fjoin_flush(parser *p, fjoin *j, ast_pos pos) {
  if (j->has_lit && j->lit.n > 0) parse_vec_push(p, &j->parts, str_const(p, j->lit.s, j->lit.n, pos));
  j->lit.n = 0;
  j->has_lit = false;
}

static _Noreturn void fstring_error(parser *p, lex_token *t, const char *msg) {
  (void)t;   /* CPython reports f-string errors at the last token fetched, not at t */
  p->raising_hard = true;
  parse_raise_last(p, "SyntaxError", "%s", msg);
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
  char *copy = parse_alloc(p, n + 4);
  copy[0] = '(';
  memcpy(copy + 1, s, n);
  copy[n + 1] = ')';
  copy[n + 2] = '\n';
  copy[n + 3] = 0;
  lex_init(&sub.ls, copy, n + 3, AST_MODE_EVAL);
  sub.pos = 0;
  ast_expr *e = parse_star_expressions(&sub);
  if (!at(&sub, LEX_NEWLINE) && !at(&sub, LEX_ENDMARKER)) parse_syntax_error(&sub);
  if (sub.unsupported_tok) parse_note_unsupported(p, t->idx, sub.unsupported_msg);
  /* relocate: first line columns shift by col-1, line numbers by lineno-1 */
  relocate(e, lineno - 1, col - 1);
  return e;
}

/* Moves positions of e and its children: lines by dl; columns on (sub-parser) line 1 by dcol. */
static void reloc_pos(ast_pos *pos, int dl, int dcol) {
  if (pos->lineno == 1) pos->col += dcol;
  if (pos->end_lineno == 1) pos->end_col += dcol;
  pos->lineno += dl;
  pos->end_lineno += dl;
}

static void reloc_list(ast_expr_list l, int dl, int dcol) {
  for (int i = 0; i < l.n; i++) relocate(l.items[i], dl, dcol);
}
static void reloc_args(ast_arguments *a, int dl, int dcol) {
  if (!a) return;
  for (int i = 0; i < a->nposonly; i++) reloc_pos(&a->posonlyargs[i].pos, dl, dcol);
  for (int i = 0; i < a->nargs; i++) reloc_pos(&a->args[i].pos, dl, dcol);
  for (int i = 0; i < a->nkwonly; i++) {
    reloc_pos(&a->kwonlyargs[i].pos, dl, dcol);
    relocate(a->kw_defaults[i], dl, dcol);
  }
  if (a->vararg) reloc_pos(&a->vararg->pos, dl, dcol);
  if (a->kwarg) reloc_pos(&a->kwarg->pos, dl, dcol);
  for (int i = 0; i < a->ndefaults; i++) relocate(a->defaults[i], dl, dcol);
}

static void relocate(ast_expr *e, int dl, int dcol) {
  if (!e) return;
  reloc_pos(&e->pos, dl, dcol);
  switch (e->kind) {
  case AST_E_BOOLOP: reloc_list(e->u.boolop.values, dl, dcol); break;
  case AST_E_NAMEDEXPR: relocate(e->u.namedexpr.target, dl, dcol); relocate(e->u.namedexpr.value, dl, dcol); break;
  case AST_E_BINOP: relocate(e->u.binop.left, dl, dcol); relocate(e->u.binop.right, dl, dcol); break;
  case AST_E_UNARYOP: relocate(e->u.unaryop.operand, dl, dcol); break;
  case AST_E_LAMBDA: reloc_args(e->u.lambda.args, dl, dcol); relocate(e->u.lambda.body, dl, dcol); break;
  case AST_E_IFEXP:
    relocate(e->u.ifexp.test, dl, dcol);
    relocate(e->u.ifexp.body, dl, dcol);
    relocate(e->u.ifexp.orelse, dl, dcol);
    break;
  case AST_E_DICT: reloc_list(e->u.dict.keys, dl, dcol); reloc_list(e->u.dict.values, dl, dcol); break;
  case AST_E_SET: case AST_E_LIST: case AST_E_TUPLE: case AST_E_JOINEDSTR: reloc_list(e->u.seq.elts, dl, dcol); break;
  case AST_E_LISTCOMP: case AST_E_SETCOMP: case AST_E_DICTCOMP: case AST_E_GENEXP:
    relocate(e->u.comp.elt, dl, dcol);
    relocate(e->u.comp.value, dl, dcol);
    for (int i = 0; i < e->u.comp.ngenerators; i++) {
      relocate(e->u.comp.generators[i].target, dl, dcol);
      relocate(e->u.comp.generators[i].iter, dl, dcol);
      reloc_list(e->u.comp.generators[i].ifs, dl, dcol);
    }
    break;
  case AST_E_YIELD: case AST_E_YIELDFROM: relocate(e->u.yield.value, dl, dcol); break;
  case AST_E_COMPARE: relocate(e->u.compare.left, dl, dcol); reloc_list(e->u.compare.comparators, dl, dcol); break;
  case AST_E_CALL:
    relocate(e->u.call.func, dl, dcol);
    reloc_list(e->u.call.args, dl, dcol);
    for (int i = 0; i < e->u.call.nkeywords; i++) {
      reloc_pos(&e->u.call.keywords[i].pos, dl, dcol);
      relocate(e->u.call.keywords[i].value, dl, dcol);
    }
    break;
  case AST_E_FORMATTED: relocate(e->u.formatted.value, dl, dcol); relocate(e->u.formatted.format_spec, dl, dcol); break;
  case AST_E_ATTRIBUTE: relocate(e->u.attribute.value, dl, dcol); break;
  case AST_E_SUBSCRIPT: relocate(e->u.subscript.value, dl, dcol); relocate(e->u.subscript.slice, dl, dcol); break;
  case AST_E_STARRED: relocate(e->u.starred.value, dl, dcol); break;
  case AST_E_SLICE:
    relocate(e->u.slice.lower, dl, dcol);
    relocate(e->u.slice.upper, dl, dcol);
    relocate(e->u.slice.step, dl, dcol);
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
    parse_sb_add(p, &j->lit, body + expr_start, ws - expr_start);
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
    /* CPython finishes a format spec with the current token's parse_span (its last literal too) */
    ast_pos tpos = {t->lineno, t->col, t->end_lineno, t->end_col};
    fjoin_flush(p, &sj, tpos);
    spec = parse_new_expr(p, AST_E_JOINEDSTR, tpos);
    spec->u.seq.elts = parse_expr_list(sj.parts);
    i = k;
  }
  if (i >= n || body[i] != '}') fstring_error(p, t, "f-string: expecting '}'");
  i++;
  if (debug && conversion == -1 && !spec) conversion = 'r';
  fjoin_flush(p, j, group);
  ast_expr *fv = parse_new_expr(p, AST_E_FORMATTED, group);
  fv->u.formatted.value = value;
  fv->u.formatted.conversion = conversion;
  fv->u.formatted.format_spec = spec;
  parse_vec_push(p, &j->parts, fv);
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
        if (!msg[0]) parse_nomem(p);
        p->raising_hard = true;
        parse_raise_last(p, "SyntaxError", "%s", msg);
      }
      parse_sb_add(p, &j->lit, d, dn);
      j->has_lit = true;
    }
    if (i >= n) break;
    if (body[i] == '{') {
      if (level == 0 && i + 1 < n && body[i + 1] == '{') {
        parse_sb_add(p, &j->lit, "{", 1);
        j->has_lit = true;
        i += 2;
        continue;
      }
      i++;
      fstring_field(p, j, t, body, n, &i, raw, level, group);
    } else {
      if (level == 0 && i + 1 < n && body[i + 1] == '}') {
        parse_sb_add(p, &j->lit, "}", 1);
        j->has_lit = true;
        i += 2;
        continue;
      }
      fstring_error(p, t, "f-string: single '}' is not allowed");
    }
  }
}

/* strings: STRING+ — adjacent literals joined as CPython joins them. */
ast_expr *parse_strings(parser *p) {
  int start = p->pos;
  while (at(p, LEX_STRING)) advance(p);
  int end = p->pos - 1;
  ast_pos group = parse_span(p, start, end);
  bool any_f = false, any_bytes = false, any_str = false;
  for (int i = start; i <= end; i++) {
    lex_strprefix pf;
    const char *b;
    size_t bn;
    lex_string_parts(parse_tok(p, i)->start, parse_tok(p, i)->len, &pf, &b, &bn);
    if (pf.fstring) any_f = true;
    if (pf.bytes) any_bytes = true;
    else any_str = true;
  }
  if (any_bytes && any_str) {
    p->raising_hard = true;
    parse_raise_last(p, "SyntaxError", "cannot mix bytes and nonbytes literals");
  }
  if (!any_f) {
    strbuf sb = {0};
    for (int i = start; i <= end; i++) {
      lex_token *t = parse_tok(p, i);
      lex_strprefix pf;
      const char *b;
      size_t bn, dn, bad;
      char msg[200];
      lex_string_parts(t->start, t->len, &pf, &b, &bn);
      char *d = lex_decode(p->a, b, bn, pf.raw, pf.bytes, &dn, msg, sizeof msg, &bad);
      if (!d) {
        if (!msg[0]) parse_nomem(p);
        p->raising_hard = true;
        parse_raise_last(p, "SyntaxError", "%s", msg);
      }
      parse_sb_add(p, &sb, d, dn);
    }
    if (!sb.s) parse_sb_add(p, &sb, "", 0);
    ast_expr *e = parse_constant(p, any_bytes ? AST_C_BYTES : AST_C_STR, group);
    e->u.constant.s = sb.s;
    e->u.constant.len = sb.n;
    return e;
  }
  fjoin j = {0};
  for (int i = start; i <= end; i++) {
    lex_token *t = parse_tok(p, i);
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
        if (!msg[0]) parse_nomem(p);
        p->raising_hard = true;
        parse_raise_last(p, "SyntaxError", "%s", msg);
      }
      parse_sb_add(p, &j.lit, d, dn);
      j.has_lit = true;
    }
  }
  fjoin_flush(p, &j, group);
  ast_expr *e = parse_new_expr(p, AST_E_JOINEDSTR, group);
  e->u.seq.elts = parse_expr_list(j.parts);
  return e;
}
