/*
** kernel/lang/ast_dump.c — the text of Python 3.11's ast.dump(tree[, include_attributes=True]) for
** our node subset: the parser's test oracle and a debugging aid. Constants are printed with Python's
** repr rules (str quoting and escapes, float repr); the "u" string kind is not tracked.
*/
#include "kernel/lang/ast_dump.h"
#include "tensor/tensor.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dbuf {
  char *s;
  size_t n, cap;
  bool oom;
  bool attrs;   /* include_attributes */
} dbuf;

static void put(dbuf *b, const char *s, size_t n) {
  if (b->oom) return;
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + n + 1) cap *= 2;
    char *ns = realloc(b->s, cap);
    if (!ns) {
      b->oom = true;
      return;
    }
    b->s = ns;
    b->cap = cap;
  }
  memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = 0;
}

static void puts_(dbuf *b, const char *s) { put(b, s, strlen(s)); }

static void putf(dbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(dbuf *b, const char *fmt, ...) {
  char tmp[128];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n > 0) put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* ---- Python reprs ---- */

static unsigned decode_utf8(const unsigned char *s, size_t n, size_t *len) {
  unsigned c = s[0];
  size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (l > n) l = n;
  unsigned v = l == 1 ? c : l == 2 ? c & 0x1F : l == 3 ? c & 0x0F : c & 0x07;
  for (size_t i = 1; i < l; i++) v = (v << 6) | (s[i] & 0x3F);
  *len = l;
  return v;
}

/* str.isprintable() for non-ASCII code points (an approximation of the Unicode database). */
static bool printable(unsigned cp) {
  if (cp <= 0xA0 || cp == 0xAD) return false;
  if ((cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F)) return false;
  if (cp == 0x3000 || cp == 0xFEFF || (cp >= 0xD800 && cp <= 0xF8FF) || (cp >= 0xFFF0 && cp <= 0xFFFF)) return false;
  if (cp >= 0xE0000) return false;
  return true;
}

static void repr_str(dbuf *b, const char *s, size_t n, bool bytes) {
  bool sq = memchr(s, '\'', n) != NULL, dq = memchr(s, '"', n) != NULL;
  char quote = sq && !dq ? '"' : '\'';
  if (bytes) put(b, "b", 1);
  put(b, &quote, 1);
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    unsigned c = u[i];
    if (c == (unsigned char)quote || c == '\\') {
      char e[2] = {'\\', (char)c};
      put(b, e, 2);
      i++;
    } else if (c == '\t') {
      put(b, "\\t", 2), i++;
    } else if (c == '\n') {
      put(b, "\\n", 2), i++;
    } else if (c == '\r') {
      put(b, "\\r", 2), i++;
    } else if (c < 0x20 || c == 0x7F || (bytes && c >= 0x80)) {
      putf(b, "\\x%02x", c);
      i++;
    } else if (c < 0x80) {
      put(b, (const char *)u + i, 1);
      i++;
    } else {
      size_t l;
      unsigned cp = decode_utf8(u + i, n - i, &l);
      if (printable(cp)) put(b, (const char *)u + i, l);
      else if (cp <= 0xFF) putf(b, "\\x%02x", cp);
      else if (cp <= 0xFFFF) putf(b, "\\u%04x", cp);
      else putf(b, "\\U%08x", cp);
      i += l;
    }
  }
  put(b, &quote, 1);
}

static void repr_constant(dbuf *b, const ast_expr *e) {
  char buf[64];
  switch (e->u.constant.kind) {
  case AST_C_NONE: puts_(b, "None"); break;
  case AST_C_TRUE: puts_(b, "True"); break;
  case AST_C_FALSE: puts_(b, "False"); break;
  case AST_C_ELLIPSIS: puts_(b, "Ellipsis"); break;
  case AST_C_INT: putf(b, "%" PRId64, e->u.constant.i); break;
  case AST_C_BIGINT: puts_(b, e->u.constant.s); break;
  case AST_C_FLOAT:
    ten_format_double_repr(e->u.constant.f, buf, sizeof buf);
    puts_(b, buf);
    break;
  case AST_C_IMAG: {
    ten_format_double_repr(e->u.constant.f, buf, sizeof buf);
    size_t n = strlen(buf);
    if (n > 2 && strcmp(buf + n - 2, ".0") == 0) buf[n - 2] = 0;
    puts_(b, buf);
    puts_(b, "j");
    break;
  }
  case AST_C_STR: repr_str(b, e->u.constant.s, e->u.constant.len, false); break;
  case AST_C_BYTES: repr_str(b, e->u.constant.s, e->u.constant.len, true); break;
  }
}

/* ---- nodes ---- */

static void pos_attrs(dbuf *b, ast_pos p) {
  if (!b->attrs) return;
  putf(b, ", lineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d", p.lineno, p.col, p.end_lineno, p.end_col);
}

static void dump_expr(dbuf *b, const ast_expr *e);
static void dump_stmt(dbuf *b, const ast_stmt *s);

static void dump_expr_or_none(dbuf *b, const ast_expr *e) {
  if (e) dump_expr(b, e);
  else puts_(b, "None");
}

static void dump_exprs(dbuf *b, ast_expr_list l) {
  puts_(b, "[");
  for (int i = 0; i < l.n; i++) {
    if (i) puts_(b, ", ");
    dump_expr_or_none(b, l.items[i]);
  }
  puts_(b, "]");
}

static void dump_stmts(dbuf *b, ast_stmt_list l) {
  puts_(b, "[");
  for (int i = 0; i < l.n; i++) {
    if (i) puts_(b, ", ");
    dump_stmt(b, l.items[i]);
  }
  puts_(b, "]");
}

static const char *const ctx_names[] = {"Load()", "Store()", "Del()"};
static const char *const op_names[] = {"Add()", "Sub()", "Mult()", "MatMult()", "Div()", "Mod()", "Pow()",
                                       "LShift()", "RShift()", "BitOr()", "BitXor()", "BitAnd()", "FloorDiv()"};
_Static_assert(sizeof op_names / sizeof op_names[0] == AST_OPERATOR_COUNT, "ORDER AST_OP");
static const char *const unary_names[] = {"Invert()", "Not()", "UAdd()", "USub()"};
static const char *const cmp_names[] = {"Eq()", "NotEq()", "Lt()", "LtE()", "Gt()", "GtE()",
                                        "Is()", "IsNot()", "In()", "NotIn()"};

static void dump_arg(dbuf *b, const ast_arg *a) {
  puts_(b, "arg(arg=");
  repr_str(b, a->name, strlen(a->name), false);
  if (a->annotation) {
    puts_(b, ", annotation=");
    dump_expr(b, a->annotation);
  }
  pos_attrs(b, a->pos);
  puts_(b, ")");
}

static void dump_arg_array(dbuf *b, const ast_arg *a, int n) {
  puts_(b, "[");
  for (int i = 0; i < n; i++) {
    if (i) puts_(b, ", ");
    dump_arg(b, &a[i]);
  }
  puts_(b, "]");
}

static void dump_arguments(dbuf *b, const ast_arguments *a) {
  puts_(b, "arguments(posonlyargs=");
  dump_arg_array(b, a->posonlyargs, a->nposonly);
  puts_(b, ", args=");
  dump_arg_array(b, a->args, a->nargs);
  if (a->vararg) {
    puts_(b, ", vararg=");
    dump_arg(b, a->vararg);
  }
  puts_(b, ", kwonlyargs=");
  dump_arg_array(b, a->kwonlyargs, a->nkwonly);
  puts_(b, ", kw_defaults=");
  dump_exprs(b, (ast_expr_list){a->kw_defaults, a->nkwonly});
  if (a->kwarg) {
    puts_(b, ", kwarg=");
    dump_arg(b, a->kwarg);
  }
  puts_(b, ", defaults=");
  dump_exprs(b, (ast_expr_list){a->defaults, a->ndefaults});
  puts_(b, ")");
}

static void dump_keywords(dbuf *b, const ast_keyword *k, int n) {
  puts_(b, "[");
  for (int i = 0; i < n; i++) {
    if (i) puts_(b, ", ");
    puts_(b, "keyword(");
    if (k[i].arg) {
      puts_(b, "arg=");
      repr_str(b, k[i].arg, strlen(k[i].arg), false);
      puts_(b, ", ");
    }
    puts_(b, "value=");
    dump_expr(b, k[i].value);
    pos_attrs(b, k[i].pos);
    puts_(b, ")");
  }
  puts_(b, "]");
}

static void dump_generators(dbuf *b, const ast_comprehension *g, int n) {
  puts_(b, "[");
  for (int i = 0; i < n; i++) {
    if (i) puts_(b, ", ");
    puts_(b, "comprehension(target=");
    dump_expr(b, g[i].target);
    puts_(b, ", iter=");
    dump_expr(b, g[i].iter);
    puts_(b, ", ifs=");
    dump_exprs(b, g[i].ifs);
    putf(b, ", is_async=%d)", g[i].is_async ? 1 : 0);
  }
  puts_(b, "]");
}

static void dump_expr(dbuf *b, const ast_expr *e) {
  switch (e->kind) {
  case AST_E_BOOLOP:
    puts_(b, e->u.boolop.op == AST_AND ? "BoolOp(op=And(), values=" : "BoolOp(op=Or(), values=");
    dump_exprs(b, e->u.boolop.values);
    break;
  case AST_E_NAMEDEXPR:
    puts_(b, "NamedExpr(target=");
    dump_expr(b, e->u.namedexpr.target);
    puts_(b, ", value=");
    dump_expr(b, e->u.namedexpr.value);
    break;
  case AST_E_BINOP:
    puts_(b, "BinOp(left=");
    dump_expr(b, e->u.binop.left);
    putf(b, ", op=%s, right=", op_names[e->u.binop.op]);
    dump_expr(b, e->u.binop.right);
    break;
  case AST_E_UNARYOP:
    putf(b, "UnaryOp(op=%s, operand=", unary_names[e->u.unaryop.op]);
    dump_expr(b, e->u.unaryop.operand);
    break;
  case AST_E_LAMBDA:
    puts_(b, "Lambda(args=");
    dump_arguments(b, e->u.lambda.args);
    puts_(b, ", body=");
    dump_expr(b, e->u.lambda.body);
    break;
  case AST_E_IFEXP:
    puts_(b, "IfExp(test=");
    dump_expr(b, e->u.ifexp.test);
    puts_(b, ", body=");
    dump_expr(b, e->u.ifexp.body);
    puts_(b, ", orelse=");
    dump_expr(b, e->u.ifexp.orelse);
    break;
  case AST_E_DICT:
    puts_(b, "Dict(keys=");
    dump_exprs(b, e->u.dict.keys);
    puts_(b, ", values=");
    dump_exprs(b, e->u.dict.values);
    break;
  case AST_E_SET:
    puts_(b, "Set(elts=");
    dump_exprs(b, e->u.seq.elts);
    break;
  case AST_E_LISTCOMP: case AST_E_SETCOMP: case AST_E_GENEXP:
    puts_(b, e->kind == AST_E_LISTCOMP ? "ListComp(elt=" : e->kind == AST_E_SETCOMP ? "SetComp(elt=" : "GeneratorExp(elt=");
    dump_expr(b, e->u.comp.elt);
    puts_(b, ", generators=");
    dump_generators(b, e->u.comp.generators, e->u.comp.ngenerators);
    break;
  case AST_E_DICTCOMP:
    puts_(b, "DictComp(key=");
    dump_expr(b, e->u.comp.elt);
    puts_(b, ", value=");
    dump_expr(b, e->u.comp.value);
    puts_(b, ", generators=");
    dump_generators(b, e->u.comp.generators, e->u.comp.ngenerators);
    break;
  case AST_E_YIELD:
    puts_(b, "Yield(");
    if (e->u.yield.value) {
      puts_(b, "value=");
      dump_expr(b, e->u.yield.value);
    } else if (b->attrs) {
      putf(b, "lineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d)", e->pos.lineno, e->pos.col,
           e->pos.end_lineno, e->pos.end_col);
      return;
    }
    break;
  case AST_E_YIELDFROM:
    puts_(b, "YieldFrom(value=");
    dump_expr(b, e->u.yield.value);
    break;
  case AST_E_COMPARE:
    puts_(b, "Compare(left=");
    dump_expr(b, e->u.compare.left);
    puts_(b, ", ops=[");
    for (int i = 0; i < e->u.compare.comparators.n; i++) {
      if (i) puts_(b, ", ");
      puts_(b, cmp_names[e->u.compare.ops[i]]);
    }
    puts_(b, "], comparators=");
    dump_exprs(b, e->u.compare.comparators);
    break;
  case AST_E_CALL:
    puts_(b, "Call(func=");
    dump_expr(b, e->u.call.func);
    puts_(b, ", args=");
    dump_exprs(b, e->u.call.args);
    puts_(b, ", keywords=");
    dump_keywords(b, e->u.call.keywords, e->u.call.nkeywords);
    break;
  case AST_E_FORMATTED:
    puts_(b, "FormattedValue(value=");
    dump_expr(b, e->u.formatted.value);
    putf(b, ", conversion=%d", e->u.formatted.conversion);
    if (e->u.formatted.format_spec) {
      puts_(b, ", format_spec=");
      dump_expr(b, e->u.formatted.format_spec);
    }
    break;
  case AST_E_JOINEDSTR:
    puts_(b, "JoinedStr(values=");
    dump_exprs(b, e->u.seq.elts);
    break;
  case AST_E_CONSTANT:
    puts_(b, "Constant(value=");
    repr_constant(b, e);
    break;
  case AST_E_ATTRIBUTE:
    puts_(b, "Attribute(value=");
    dump_expr(b, e->u.attribute.value);
    puts_(b, ", attr=");
    repr_str(b, e->u.attribute.attr, strlen(e->u.attribute.attr), false);
    putf(b, ", ctx=%s", ctx_names[e->u.attribute.ctx]);
    break;
  case AST_E_SUBSCRIPT:
    puts_(b, "Subscript(value=");
    dump_expr(b, e->u.subscript.value);
    puts_(b, ", slice=");
    dump_expr(b, e->u.subscript.slice);
    putf(b, ", ctx=%s", ctx_names[e->u.subscript.ctx]);
    break;
  case AST_E_STARRED:
    puts_(b, "Starred(value=");
    dump_expr(b, e->u.starred.value);
    putf(b, ", ctx=%s", ctx_names[e->u.starred.ctx]);
    break;
  case AST_E_NAME:
    puts_(b, "Name(id=");
    repr_str(b, e->u.name.id, strlen(e->u.name.id), false);
    putf(b, ", ctx=%s", ctx_names[e->u.name.ctx]);
    break;
  case AST_E_LIST: case AST_E_TUPLE:
    puts_(b, e->kind == AST_E_LIST ? "List(elts=" : "Tuple(elts=");
    dump_exprs(b, e->u.seq.elts);
    putf(b, ", ctx=%s", ctx_names[e->u.seq.ctx]);
    break;
  case AST_E_SLICE: {
    puts_(b, "Slice(");
    const char *sep = "";
    if (e->u.slice.lower) { puts_(b, "lower="); dump_expr(b, e->u.slice.lower); sep = ", "; }
    if (e->u.slice.upper) { puts_(b, sep); puts_(b, "upper="); dump_expr(b, e->u.slice.upper); sep = ", "; }
    if (e->u.slice.step) { puts_(b, sep); puts_(b, "step="); dump_expr(b, e->u.slice.step); }
    if (b->attrs) {
      /* no leading ", " when Slice() has no fields */
      if (!e->u.slice.lower && !e->u.slice.upper && !e->u.slice.step) {
        putf(b, "lineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d)", e->pos.lineno, e->pos.col,
             e->pos.end_lineno, e->pos.end_col);
        return;
      }
    }
    break;
  }
  default:
    puts_(b, "?(");
    break;
  }
  pos_attrs(b, e->pos);
  puts_(b, ")");
}

static void dump_alias_array(dbuf *b, const ast_alias *a, int n) {
  puts_(b, "[");
  for (int i = 0; i < n; i++) {
    if (i) puts_(b, ", ");
    puts_(b, "alias(name=");
    repr_str(b, a[i].name, strlen(a[i].name), false);
    if (a[i].asname) {
      puts_(b, ", asname=");
      repr_str(b, a[i].asname, strlen(a[i].asname), false);
    }
    pos_attrs(b, a[i].pos);
    puts_(b, ")");
  }
  puts_(b, "]");
}

static void dump_stmt(dbuf *b, const ast_stmt *s) {
  bool empty = false;   /* no fields: Pass(), Break(), Continue() */
  switch (s->kind) {
  case AST_S_FUNCTIONDEF:
    puts_(b, "FunctionDef(name=");
    repr_str(b, s->u.funcdef.name, strlen(s->u.funcdef.name), false);
    puts_(b, ", args=");
    dump_arguments(b, s->u.funcdef.args);
    puts_(b, ", body=");
    dump_stmts(b, s->u.funcdef.body);
    puts_(b, ", decorator_list=");
    dump_exprs(b, s->u.funcdef.decorators);
    if (s->u.funcdef.returns) {
      puts_(b, ", returns=");
      dump_expr(b, s->u.funcdef.returns);
    }
    break;
  case AST_S_CLASSDEF:
    puts_(b, "ClassDef(name=");
    repr_str(b, s->u.classdef.name, strlen(s->u.classdef.name), false);
    puts_(b, ", bases=");
    dump_exprs(b, s->u.classdef.bases);
    puts_(b, ", keywords=");
    dump_keywords(b, s->u.classdef.keywords, s->u.classdef.nkeywords);
    puts_(b, ", body=");
    dump_stmts(b, s->u.classdef.body);
    puts_(b, ", decorator_list=");
    dump_exprs(b, s->u.classdef.decorators);
    break;
  case AST_S_RETURN:
    puts_(b, "Return(");
    if (s->u.value.value) {
      puts_(b, "value=");
      dump_expr(b, s->u.value.value);
    } else {
      empty = true;
    }
    break;
  case AST_S_DELETE:
    puts_(b, "Delete(targets=");
    dump_exprs(b, s->u.targets.targets);
    break;
  case AST_S_ASSIGN:
    puts_(b, "Assign(targets=");
    dump_exprs(b, s->u.assign.targets);
    puts_(b, ", value=");
    dump_expr(b, s->u.assign.value);
    break;
  case AST_S_AUGASSIGN:
    puts_(b, "AugAssign(target=");
    dump_expr(b, s->u.augassign.target);
    putf(b, ", op=%s, value=", op_names[s->u.augassign.op]);
    dump_expr(b, s->u.augassign.value);
    break;
  case AST_S_ANNASSIGN:
    puts_(b, "AnnAssign(target=");
    dump_expr(b, s->u.annassign.target);
    puts_(b, ", annotation=");
    dump_expr(b, s->u.annassign.annotation);
    if (s->u.annassign.value) {
      puts_(b, ", value=");
      dump_expr(b, s->u.annassign.value);
    }
    putf(b, ", simple=%d", s->u.annassign.simple ? 1 : 0);
    break;
  case AST_S_FOR:
    puts_(b, "For(target=");
    dump_expr(b, s->u.for_.target);
    puts_(b, ", iter=");
    dump_expr(b, s->u.for_.iter);
    puts_(b, ", body=");
    dump_stmts(b, s->u.for_.body);
    puts_(b, ", orelse=");
    dump_stmts(b, s->u.for_.orelse);
    break;
  case AST_S_WHILE: case AST_S_IF:
    puts_(b, s->kind == AST_S_WHILE ? "While(test=" : "If(test=");
    dump_expr(b, s->u.if_.test);
    puts_(b, ", body=");
    dump_stmts(b, s->u.if_.body);
    puts_(b, ", orelse=");
    dump_stmts(b, s->u.if_.orelse);
    break;
  case AST_S_WITH:
    puts_(b, "With(items=[");
    for (int i = 0; i < s->u.with.nitems; i++) {
      if (i) puts_(b, ", ");
      puts_(b, "withitem(context_expr=");
      dump_expr(b, s->u.with.items[i].context_expr);
      if (s->u.with.items[i].optional_vars) {
        puts_(b, ", optional_vars=");
        dump_expr(b, s->u.with.items[i].optional_vars);
      }
      puts_(b, ")");
    }
    puts_(b, "], body=");
    dump_stmts(b, s->u.with.body);
    break;
  case AST_S_RAISE:
    puts_(b, "Raise(");
    if (s->u.raise.exc) {
      puts_(b, "exc=");
      dump_expr(b, s->u.raise.exc);
      if (s->u.raise.cause) {
        puts_(b, ", cause=");
        dump_expr(b, s->u.raise.cause);
      }
    } else {
      empty = true;
    }
    break;
  case AST_S_TRY:
    puts_(b, "Try(body=");
    dump_stmts(b, s->u.try_.body);
    puts_(b, ", handlers=[");
    for (int i = 0; i < s->u.try_.nhandlers; i++) {
      const ast_excepthandler *h = &s->u.try_.handlers[i];
      if (i) puts_(b, ", ");
      puts_(b, "ExceptHandler(");
      if (h->type) {
        puts_(b, "type=");
        dump_expr(b, h->type);
        puts_(b, ", ");
      }
      if (h->name) {
        puts_(b, "name=");
        repr_str(b, h->name, strlen(h->name), false);
        puts_(b, ", ");
      }
      puts_(b, "body=");
      dump_stmts(b, h->body);
      pos_attrs(b, h->pos);
      puts_(b, ")");
    }
    puts_(b, "], orelse=");
    dump_stmts(b, s->u.try_.orelse);
    puts_(b, ", finalbody=");
    dump_stmts(b, s->u.try_.finalbody);
    break;
  case AST_S_ASSERT:
    puts_(b, "Assert(test=");
    dump_expr(b, s->u.assert_.test);
    if (s->u.assert_.msg) {
      puts_(b, ", msg=");
      dump_expr(b, s->u.assert_.msg);
    }
    break;
  case AST_S_IMPORT:
    puts_(b, "Import(names=");
    dump_alias_array(b, s->u.import.names, s->u.import.nnames);
    break;
  case AST_S_IMPORTFROM:
    puts_(b, "ImportFrom(");
    if (s->u.import.module) {
      puts_(b, "module=");
      repr_str(b, s->u.import.module, strlen(s->u.import.module), false);
      puts_(b, ", ");
    }
    puts_(b, "names=");
    dump_alias_array(b, s->u.import.names, s->u.import.nnames);
    putf(b, ", level=%d", s->u.import.level);
    break;
  case AST_S_GLOBAL: case AST_S_NONLOCAL:
    puts_(b, s->kind == AST_S_GLOBAL ? "Global(names=[" : "Nonlocal(names=[");
    for (int i = 0; i < s->u.names.nnames; i++) {
      if (i) puts_(b, ", ");
      repr_str(b, s->u.names.names[i], strlen(s->u.names.names[i]), false);
    }
    puts_(b, "]");
    break;
  case AST_S_EXPR:
    puts_(b, "Expr(value=");
    dump_expr(b, s->u.value.value);
    break;
  case AST_S_PASS: puts_(b, "Pass("); empty = true; break;
  case AST_S_BREAK: puts_(b, "Break("); empty = true; break;
  case AST_S_CONTINUE: puts_(b, "Continue("); empty = true; break;
  default: puts_(b, "?("); break;
  }
  if (empty && b->attrs) {
    putf(b, "lineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d)", s->pos.lineno, s->pos.col,
         s->pos.end_lineno, s->pos.end_col);
    return;
  }
  pos_attrs(b, s->pos);
  puts_(b, ")");
}

char *ast_dump_ex(const ast_module *m, bool include_attributes) {
  dbuf b = {0};
  b.attrs = include_attributes;
  puts_(&b, "Module(body=");
  dump_stmts(&b, m->body);
  puts_(&b, ", type_ignores=[])");
  if (b.oom) {
    free(b.s);
    return NULL;
  }
  return b.s;
}

char *ast_dump(const ast_module *m) { return ast_dump_ex(m, false); }
