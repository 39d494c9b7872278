/*
** kernel/lang/ast.h — the abstract syntax tree of the ctorch language (a Python 3.11 subset).
** Node kinds and fields follow CPython's Python.asdl so the compiler reads like CPython's. All nodes,
** lists and strings live in one arena (ast_arena), freed in one go after compilation.
*/
#ifndef CT_LANG_AST_H
#define CT_LANG_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- arena ---- */

typedef struct ast_arena ast_arena;
ast_arena *ast_arena_new(void);
void ast_arena_free(ast_arena *a);
/* Zeroed memory that lives as long as the arena; NULL on out-of-memory. */
void *ast_alloc(ast_arena *a, size_t n);
/* NUL-terminated copy of s[0..n). */
char *ast_strndup(ast_arena *a, const char *s, size_t n);

/* ---- source positions ---- */

/* Lines are 1-based; columns are 0-based UTF-8 byte offsets into the line (as CPython's col_offset). */
typedef struct ast_pos {
  int lineno, col;
  int end_lineno, end_col;
} ast_pos;

/* ---- operators (ORDER AST_OP: the compiler maps them 1:1 onto binary-op codes) ---- */

typedef enum ast_operator {
  AST_ADD, AST_SUB, AST_MULT, AST_MATMULT, AST_DIV, AST_MOD, AST_POW,
  AST_LSHIFT, AST_RSHIFT, AST_BITOR, AST_BITXOR, AST_BITAND, AST_FLOORDIV,
  AST_OPERATOR_COUNT
} ast_operator;

typedef enum ast_unaryop { AST_INVERT, AST_NOT, AST_UADD, AST_USUB } ast_unaryop;
typedef enum ast_boolop { AST_AND, AST_OR } ast_boolop;
typedef enum ast_cmpop {
  AST_EQ, AST_NOTEQ, AST_LT, AST_LTE, AST_GT, AST_GTE, AST_IS, AST_ISNOT, AST_IN, AST_NOTIN
} ast_cmpop;

/* Load/store/delete context of Name, Attribute, Subscript, Starred, List, Tuple. */
typedef enum ast_ctx { AST_LOAD, AST_STORE, AST_DEL } ast_ctx;

typedef struct ast_expr ast_expr;
typedef struct ast_stmt ast_stmt;

/* A list in the arena: items[0..n). */
typedef struct ast_expr_list { ast_expr **items; int n; } ast_expr_list;
typedef struct ast_stmt_list { ast_stmt **items; int n; } ast_stmt_list;

/* ---- expressions ---- */

typedef enum ast_expr_kind {
  AST_E_BOOLOP,       /* boolop: op, values (n >= 2) */
  AST_E_NAMEDEXPR,    /* namedexpr: target (Name), value */
  AST_E_BINOP,        /* binop: left, op, right */
  AST_E_UNARYOP,      /* unaryop: op, operand */
  AST_E_LAMBDA,       /* lambda: args, body */
  AST_E_IFEXP,        /* ifexp: test, body, orelse */
  AST_E_DICT,         /* dict: keys, values (keys.items[i] NULL: "**values[i]") */
  AST_E_SET,          /* seq: elts */
  AST_E_LISTCOMP,     /* comp: elt, generators */
  AST_E_SETCOMP,      /* comp: elt, generators */
  AST_E_DICTCOMP,     /* comp: key (in elt), value, generators */
  AST_E_GENEXP,       /* comp: elt, generators */
  AST_E_YIELD,        /* yield: value (NULL: bare yield) */
  AST_E_YIELDFROM,    /* yield: value */
  AST_E_COMPARE,      /* compare: left, ops[n], comparators (n) */
  AST_E_CALL,         /* call: func, args (may hold Starred), keywords */
  AST_E_FORMATTED,    /* formatted: value, conversion ('s' 'r' 'a' or -1), format_spec (JoinedStr or NULL) */
  AST_E_JOINEDSTR,    /* seq: elts (Constant str and FormattedValue) — an f-string */
  AST_E_CONSTANT,     /* constant */
  AST_E_ATTRIBUTE,    /* attribute: value, attr, ctx */
  AST_E_SUBSCRIPT,    /* subscript: value, slice, ctx */
  AST_E_STARRED,      /* starred: value, ctx */
  AST_E_NAME,         /* name: id, ctx */
  AST_E_LIST,         /* seq: elts, ctx */
  AST_E_TUPLE,        /* seq: elts, ctx */
  AST_E_SLICE,        /* slice: lower, upper, step (each may be NULL) */
  AST_E_KIND_COUNT
} ast_expr_kind;

typedef enum ast_const_kind {
  AST_C_NONE, AST_C_TRUE, AST_C_FALSE, AST_C_ELLIPSIS,
  AST_C_INT,          /* i: fits int64 */
  AST_C_BIGINT,       /* s: decimal digits of an integer literal that does not fit int64 (compiler raises OverflowError) */
  AST_C_FLOAT,        /* f */
  AST_C_IMAG,         /* f: imaginary literal 1j (compiler reports it as unsupported) */
  AST_C_STR,          /* s, len: UTF-8, escapes already processed; may contain NUL */
  AST_C_BYTES         /* s, len: raw bytes */
} ast_const_kind;

typedef struct ast_keyword {
  const char *arg;    /* NULL for **kwargs */
  ast_expr *value;
  ast_pos pos;
} ast_keyword;

typedef struct ast_arg {
  const char *name;
  ast_expr *annotation;   /* NULL if none (parsed, otherwise ignored) */
  ast_pos pos;
} ast_arg;

/* def f(posonly, /, args, *vararg, kwonly, **kwarg) — as CPython's `arguments`. */
typedef struct ast_arguments {
  ast_arg *posonlyargs; int nposonly;
  ast_arg *args; int nargs;
  ast_arg *vararg;                  /* NULL if none */
  ast_arg *kwonlyargs; int nkwonly;
  ast_expr **kw_defaults;           /* nkwonly entries, NULL where no default */
  ast_arg *kwarg;                   /* NULL if none */
  ast_expr **defaults; int ndefaults; /* for the last ndefaults of posonlyargs+args */
} ast_arguments;

typedef struct ast_comprehension {
  ast_expr *target;   /* Store context */
  ast_expr *iter;
  ast_expr_list ifs;
  bool is_async;      /* always false (async is not supported; the parser rejects it) */
} ast_comprehension;

struct ast_expr {
  ast_expr_kind kind;
  ast_pos pos;
  union {
    struct { ast_boolop op; ast_expr_list values; } boolop;
    struct { ast_expr *target, *value; } namedexpr;
    struct { ast_expr *left; ast_operator op; ast_expr *right; } binop;
    struct { ast_unaryop op; ast_expr *operand; } unaryop;
    struct { ast_arguments *args; ast_expr *body; } lambda;
    struct { ast_expr *test, *body, *orelse; } ifexp;
    struct { ast_expr_list keys, values; } dict;
    struct { ast_expr *elt, *value; ast_comprehension *generators; int ngenerators; } comp;
    struct { ast_expr *value; } yield;
    struct { ast_expr *left; ast_cmpop *ops; ast_expr_list comparators; } compare;
    struct { ast_expr *func; ast_expr_list args; ast_keyword *keywords; int nkeywords; } call;
    struct { ast_expr *value; int conversion; ast_expr *format_spec; } formatted;
    struct {
      ast_const_kind kind;
      int64_t i;
      double f;
      const char *s;  /* STR/BYTES/BIGINT: NUL-terminated, len bytes */
      size_t len;
    } constant;
    struct { ast_expr *value; const char *attr; ast_ctx ctx; } attribute;
    struct { ast_expr *value, *slice; ast_ctx ctx; } subscript;
    struct { ast_expr *value; ast_ctx ctx; } starred;
    struct { const char *id; ast_ctx ctx; } name;
    struct { ast_expr_list elts; ast_ctx ctx; } seq;
    struct { ast_expr *lower, *upper, *step; } slice;
  } u;
};

/* ---- statements ---- */

typedef enum ast_stmt_kind {
  AST_S_FUNCTIONDEF,  /* funcdef: name, args, body, decorators, returns */
  AST_S_CLASSDEF,     /* classdef: name, bases, keywords, body, decorators */
  AST_S_RETURN,       /* value: value (NULL: bare return) */
  AST_S_DELETE,       /* targets: targets (Del context) */
  AST_S_ASSIGN,       /* assign: targets (a = b = value: n >= 1), value */
  AST_S_AUGASSIGN,    /* augassign: target, op, value */
  AST_S_ANNASSIGN,    /* annassign: target, annotation, value (NULL ok), simple */
  AST_S_FOR,          /* for_: target, iter, body, orelse */
  AST_S_WHILE,        /* while_: test, body, orelse */
  AST_S_IF,           /* if_: test, body, orelse (elif = one If in orelse) */
  AST_S_WITH,         /* with: items, body */
  AST_S_RAISE,        /* raise: exc (NULL: re-raise), cause */
  AST_S_TRY,          /* try_: body, handlers, orelse, finalbody */
  AST_S_ASSERT,       /* assert_: test, msg */
  AST_S_IMPORT,       /* import: names */
  AST_S_IMPORTFROM,   /* import: module (NULL for "from . import x"), names, level */
  AST_S_GLOBAL,       /* names: names */
  AST_S_NONLOCAL,     /* names: names */
  AST_S_EXPR,         /* value: value */
  AST_S_PASS,
  AST_S_BREAK,
  AST_S_CONTINUE,
  AST_S_KIND_COUNT
} ast_stmt_kind;

typedef struct ast_alias {
  const char *name;     /* dotted "torch.nn", or "*" */
  const char *asname;   /* NULL if none */
  ast_pos pos;
} ast_alias;

typedef struct ast_withitem {
  ast_expr *context_expr;
  ast_expr *optional_vars;  /* NULL if no "as" */
} ast_withitem;

typedef struct ast_excepthandler {
  ast_expr *type;       /* NULL: bare except */
  const char *name;     /* NULL if no "as" */
  ast_stmt_list body;
  ast_pos pos;
} ast_excepthandler;

struct ast_stmt {
  ast_stmt_kind kind;
  ast_pos pos;
  union {
    struct {
      const char *name;
      ast_arguments *args;
      ast_stmt_list body;
      ast_expr_list decorators;
      ast_expr *returns;
    } funcdef;
    struct {
      const char *name;
      ast_expr_list bases;
      ast_keyword *keywords; int nkeywords;
      ast_stmt_list body;
      ast_expr_list decorators;
    } classdef;
    struct { ast_expr *value; } value;
    struct { ast_expr_list targets; } targets;
    struct { ast_expr_list targets; ast_expr *value; } assign;
    struct { ast_expr *target; ast_operator op; ast_expr *value; } augassign;
    struct { ast_expr *target, *annotation, *value; bool simple; } annassign;
    struct { ast_expr *target, *iter; ast_stmt_list body, orelse; } for_;
    struct { ast_expr *test; ast_stmt_list body, orelse; } while_;
    struct { ast_expr *test; ast_stmt_list body, orelse; } if_;
    struct { ast_withitem *items; int nitems; ast_stmt_list body; } with;
    struct { ast_expr *exc, *cause; } raise;
    struct {
      ast_stmt_list body;
      ast_excepthandler *handlers; int nhandlers;
      ast_stmt_list orelse, finalbody;
    } try_;
    struct { ast_expr *test, *msg; } assert_;
    struct { const char *module; ast_alias *names; int nnames; int level; } import;
    struct { const char **names; int nnames; } names;
  } u;
};

/* ---- parsing ---- */

typedef enum ast_mode {
  AST_MODE_EXEC,    /* a file or a notebook cell: a statement list */
  AST_MODE_EVAL,    /* one expression (body holds one Expr statement) */
  AST_MODE_SINGLE   /* one interactive statement (the REPL) */
} ast_mode;

typedef struct ast_module {
  ast_stmt_list body;
} ast_module;

/* What CPython's SyntaxError carries. Columns are 1-based *character* offsets (as in CPython's
   SyntaxError.offset / end_offset); text is the offending source line with its newline, or NULL. */
typedef struct ast_error {
  const char *kind;     /* "SyntaxError", "IndentationError" or "TabError" */
  char msg[256];
  int lineno, offset, end_lineno, end_offset;
  char *text;           /* arena-allocated */
  bool incomplete;      /* the input ended inside an open construct: more lines could complete it
                           (unclosed bracket, triple-quoted string, block header without a body,
                           trailing backslash) — what the REPL and is_complete_request need */
} ast_error;

/* Parses src[0..len) (UTF-8; a leading BOM is skipped). Returns the module, or NULL with *err filled.
   On out-of-memory: NULL with err->kind "MemoryError". */
ast_module *ast_parse(const char *src, size_t len, ast_mode mode, ast_arena *arena, ast_error *err);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_AST_H */
