/*
** kernel/lang/symtable.c — scope analysis (CPython's symtable in miniature): collects how each
** name is used in each scope, then resolves locals, globals, free variables and cells, including
** the implicit __class__ cell behind zero-argument super().
*/
#include <stdio.h>
#include <string.h>

#include "kernel/lang/symtable.h"

typedef struct st_ctx {
  ast_arena *arena;
  st_error *err;
  bool failed;
  bool oom;
} st_ctx;

static uint32_t name_hash(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static bool grow(st_ctx *c, void **arr, int *cap, int n, size_t elem) {
  if (n < *cap) return true;
  int nc = *cap ? *cap * 2 : 8;
  void *p = ast_alloc(c->arena, elem * (size_t)nc);
  if (!p) {
    c->oom = c->failed = true;
    return false;
  }
  if (*arr) memcpy(p, *arr, elem * (size_t)n);
  *arr = p;
  *cap = nc;
  return true;
}

static void rehash(st_ctx *c, st_scope *s) {
  int cap = s->hashcap ? s->hashcap * 2 : 16;
  int *h = ast_alloc(c->arena, sizeof(int) * (size_t)cap);
  if (!h) {
    c->oom = c->failed = true;
    return;
  }
  for (int i = 0; i < cap; i++) h[i] = -1;
  for (int i = 0; i < s->nsyms; i++) {
    uint32_t j = name_hash(s->syms[i].name) & (uint32_t)(cap - 1);
    while (h[j] >= 0) j = (j + 1) & (uint32_t)(cap - 1);
    h[j] = i;
  }
  s->hash = h;
  s->hashcap = cap;
}

st_sym *st_find(st_scope *s, const char *name) {
  if (!s->hashcap) return NULL;
  uint32_t j = name_hash(name) & (uint32_t)(s->hashcap - 1);
  while (s->hash[j] >= 0) {
    st_sym *y = &s->syms[s->hash[j]];
    if (strcmp(y->name, name) == 0) return y;
    j = (j + 1) & (uint32_t)(s->hashcap - 1);
  }
  return NULL;
}

static st_sym *add_sym(st_ctx *c, st_scope *s, const char *name, int flags, ast_pos pos) {
  st_sym *y = st_find(s, name);
  if (y) {
    y->flags |= flags;
    return y;
  }
  if (!grow(c, (void **)&s->syms, &s->capsyms, s->nsyms, sizeof(st_sym))) return NULL;
  if ((s->nsyms + 1) * 2 > s->hashcap) {
    rehash(c, s);
    if (c->failed) return NULL;
  }
  y = &s->syms[s->nsyms];
  memset(y, 0, sizeof *y);
  y->name = name;
  y->flags = flags;
  y->pos = pos;
  uint32_t j = name_hash(name) & (uint32_t)(s->hashcap - 1);
  while (s->hash[j] >= 0) j = (j + 1) & (uint32_t)(s->hashcap - 1);
  s->hash[j] = s->nsyms++;
  return y;
}

static st_scope *new_scope(st_ctx *c, st_scope *parent, st_kind kind, const char *name, const void *node) {
  st_scope *s = ast_alloc(c->arena, sizeof *s);
  if (!s) {
    c->oom = c->failed = true;
    return NULL;
  }
  s->kind = kind;
  s->name = name;
  s->node = node;
  s->parent = parent;
  if (parent) {
    if (!grow(c, (void **)&parent->children, &parent->capchildren, parent->nchildren, sizeof(st_scope *))) return NULL;
    parent->children[parent->nchildren++] = s;
  }
  return s;
}

st_scope *st_lookup_child(st_scope *parent, const void *node) {
  for (int i = 0; i < parent->nchildren; i++)
    if (parent->children[i]->node == node) return parent->children[i];
  return NULL;
}

static void error_at(st_ctx *c, ast_pos pos, const char *fmt, const char *name) {
  if (c->failed) return;
  c->failed = true;
  snprintf(c->err->msg, sizeof c->err->msg, fmt, name);
  c->err->pos = pos;
}

/* ---- collection ---- */

static void visit_expr(st_ctx *c, st_scope *s, ast_expr *e);
static void visit_stmts(st_ctx *c, st_scope *s, ast_stmt_list *l);

static void visit_exprs(st_ctx *c, st_scope *s, ast_expr_list *l) {
  for (int i = 0; i < l->n && !c->failed; i++)
    if (l->items[i]) visit_expr(c, s, l->items[i]);
}

static void add_param(st_ctx *c, st_scope *s, ast_arg *a, int *n) {
  st_sym *y = st_find(s, a->name);
  if (y && (y->flags & SYM_PARAM)) {
    error_at(c, a->pos, "duplicate argument '%s' in function definition", a->name);
    return;
  }
  add_sym(c, s, a->name, SYM_PARAM | SYM_ASSIGNED, a->pos);
  s->params[(*n)++] = a->name;
}

/* Defaults are evaluated in the enclosing scope; parameters belong to the new one. */
static void visit_arguments_defaults(st_ctx *c, st_scope *s, ast_arguments *a) {
  for (int i = 0; i < a->ndefaults; i++) visit_expr(c, s, a->defaults[i]);
  for (int i = 0; i < a->nkwonly; i++)
    if (a->kw_defaults[i]) visit_expr(c, s, a->kw_defaults[i]);
}

static void add_params(st_ctx *c, st_scope *fs, ast_arguments *a) {
  int total = a->nposonly + a->nargs + a->nkwonly + (a->vararg ? 1 : 0) + (a->kwarg ? 1 : 0);
  fs->params = ast_alloc(c->arena, sizeof(char *) * (size_t)(total + 1));
  if (!fs->params) {
    c->oom = c->failed = true;
    return;
  }
  int n = 0;
  for (int i = 0; i < a->nposonly; i++) add_param(c, fs, &a->posonlyargs[i], &n);
  for (int i = 0; i < a->nargs; i++) add_param(c, fs, &a->args[i], &n);
  for (int i = 0; i < a->nkwonly; i++) add_param(c, fs, &a->kwonlyargs[i], &n);
  if (a->vararg) add_param(c, fs, a->vararg, &n);
  if (a->kwarg) add_param(c, fs, a->kwarg, &n);
  fs->nparams = n;
}

static void visit_comprehension(st_ctx *c, st_scope *s, ast_expr *e, const char *name) {
  /* the first iterable is evaluated in the enclosing scope */
  visit_expr(c, s, e->u.comp.generators[0].iter);
  st_scope *cs = new_scope(c, s, ST_COMPREHENSION, name, e);
  if (!cs) return;
  cs->params = ast_alloc(c->arena, sizeof(char *));
  if (!cs->params) {
    c->oom = c->failed = true;
    return;
  }
  cs->params[0] = ".0";
  cs->nparams = 1;
  add_sym(c, cs, ".0", SYM_PARAM | SYM_ASSIGNED, e->pos);
  if (e->kind == AST_E_GENEXP) cs->is_generator = true;
  for (int i = 0; i < e->u.comp.ngenerators && !c->failed; i++) {
    ast_comprehension *g = &e->u.comp.generators[i];
    if (i > 0) visit_expr(c, cs, g->iter);
    visit_expr(c, cs, g->target);
    visit_exprs(c, cs, &g->ifs);
  }
  if (e->u.comp.elt) visit_expr(c, cs, e->u.comp.elt);
  if (e->u.comp.value) visit_expr(c, cs, e->u.comp.value);
}

static void visit_expr(st_ctx *c, st_scope *s, ast_expr *e) {
  if (c->failed || !e) return;
  switch (e->kind) {
  case AST_E_BOOLOP: visit_exprs(c, s, &e->u.boolop.values); break;
  case AST_E_NAMEDEXPR: {
    st_scope *t = s;
    while (t->kind == ST_COMPREHENSION && t->parent) t = t->parent;
    visit_expr(c, s, e->u.namedexpr.value);
    add_sym(c, t, e->u.namedexpr.target->u.name.id, SYM_ASSIGNED, e->u.namedexpr.target->pos);
    if (t != s) {
      /* the comprehension reads it as a free variable of the enclosing function */
      add_sym(c, s, e->u.namedexpr.target->u.name.id, SYM_USED | SYM_NONLOCAL, e->u.namedexpr.target->pos);
    }
    break;
  }
  case AST_E_BINOP: visit_expr(c, s, e->u.binop.left); visit_expr(c, s, e->u.binop.right); break;
  case AST_E_UNARYOP: visit_expr(c, s, e->u.unaryop.operand); break;
  case AST_E_LAMBDA: {
    visit_arguments_defaults(c, s, e->u.lambda.args);
    st_scope *fs = new_scope(c, s, ST_FUNCTION, "<lambda>", e);
    if (!fs) return;
    add_params(c, fs, e->u.lambda.args);
    visit_expr(c, fs, e->u.lambda.body);
    break;
  }
  case AST_E_IFEXP:
    visit_expr(c, s, e->u.ifexp.test);
    visit_expr(c, s, e->u.ifexp.body);
    visit_expr(c, s, e->u.ifexp.orelse);
    break;
  case AST_E_DICT: visit_exprs(c, s, &e->u.dict.keys); visit_exprs(c, s, &e->u.dict.values); break;
  case AST_E_SET: case AST_E_LIST: case AST_E_TUPLE: case AST_E_JOINEDSTR: visit_exprs(c, s, &e->u.seq.elts); break;
  case AST_E_LISTCOMP: visit_comprehension(c, s, e, "<listcomp>"); break;
  case AST_E_SETCOMP: visit_comprehension(c, s, e, "<setcomp>"); break;
  case AST_E_DICTCOMP: visit_comprehension(c, s, e, "<dictcomp>"); break;
  case AST_E_GENEXP: visit_comprehension(c, s, e, "<genexpr>"); break;
  case AST_E_YIELD: case AST_E_YIELDFROM:
    if (s->kind == ST_COMPREHENSION) {
      static const char *const what[] = {"list comprehension", "set comprehension", "dict comprehension",
                                         "generator expression"};
      const ast_expr *n = s->node;
      int k = n->kind == AST_E_LISTCOMP ? 0 : n->kind == AST_E_SETCOMP ? 1 : n->kind == AST_E_DICTCOMP ? 2 : 3;
      error_at(c, e->pos, "'yield' inside %s", what[k]);
      return;
    }
    if (s->kind == ST_FUNCTION) s->is_generator = true;
    visit_expr(c, s, e->u.yield.value);
    break;
  case AST_E_COMPARE: visit_expr(c, s, e->u.compare.left); visit_exprs(c, s, &e->u.compare.comparators); break;
  case AST_E_CALL: {
    ast_expr *f = e->u.call.func;
    if (f->kind == AST_E_NAME && strcmp(f->u.name.id, "super") == 0 && e->u.call.args.n == 0 &&
        e->u.call.nkeywords == 0) {
      /* zero-argument super(): needs __class__ and the first parameter */
      add_sym(c, s, "__class__", SYM_USED, f->pos);
      s->uses_super = true;
    }
    visit_expr(c, s, f);
    visit_exprs(c, s, &e->u.call.args);
    for (int i = 0; i < e->u.call.nkeywords; i++) visit_expr(c, s, e->u.call.keywords[i].value);
    break;
  }
  case AST_E_FORMATTED:
    visit_expr(c, s, e->u.formatted.value);
    visit_expr(c, s, e->u.formatted.format_spec);
    break;
  case AST_E_CONSTANT: break;
  case AST_E_ATTRIBUTE: visit_expr(c, s, e->u.attribute.value); break;
  case AST_E_SUBSCRIPT: visit_expr(c, s, e->u.subscript.value); visit_expr(c, s, e->u.subscript.slice); break;
  case AST_E_STARRED: visit_expr(c, s, e->u.starred.value); break;
  case AST_E_NAME:
    if (e->u.name.ctx == AST_LOAD) {
      add_sym(c, s, e->u.name.id, SYM_USED, e->pos);
      if (strcmp(e->u.name.id, "__class__") == 0) s->uses_super = true;
    } else {
      add_sym(c, s, e->u.name.id, SYM_ASSIGNED, e->pos);
    }
    break;
  case AST_E_SLICE:
    visit_expr(c, s, e->u.slice.lower);
    visit_expr(c, s, e->u.slice.upper);
    visit_expr(c, s, e->u.slice.step);
    break;
  default: break;
  }
}

static void declare(st_ctx *c, st_scope *s, ast_stmt *st, bool global) {
  for (int i = 0; i < st->u.names.nnames && !c->failed; i++) {
    const char *n = st->u.names.names[i];
    st_sym *y = st_find(s, n);
    if (y && (y->flags & (SYM_ASSIGNED | SYM_USED | SYM_PARAM)) && !(y->flags & (SYM_GLOBAL | SYM_NONLOCAL))) {
      if (y->flags & SYM_PARAM) error_at(c, st->pos, global ? "name '%s' is parameter and global" : "name '%s' is parameter and nonlocal", n);
      else if (y->flags & SYM_ASSIGNED) error_at(c, st->pos, global ? "name '%s' is assigned to before global declaration" : "name '%s' is assigned to before nonlocal declaration", n);
      else error_at(c, st->pos, global ? "name '%s' is used prior to global declaration" : "name '%s' is used prior to nonlocal declaration", n);
      return;
    }
    if (!global && s->kind == ST_MODULE) {
      error_at(c, st->pos, "nonlocal declaration not allowed at module level%s", "");
      return;
    }
    add_sym(c, s, n, global ? SYM_GLOBAL : SYM_NONLOCAL, st->pos);
  }
}

static void visit_stmt(st_ctx *c, st_scope *s, ast_stmt *st) {
  if (c->failed) return;
  switch (st->kind) {
  case AST_S_FUNCTIONDEF: {
    add_sym(c, s, st->u.funcdef.name, SYM_ASSIGNED, st->pos);
    visit_exprs(c, s, &st->u.funcdef.decorators);
    visit_arguments_defaults(c, s, st->u.funcdef.args);
    st_scope *fs = new_scope(c, s, ST_FUNCTION, st->u.funcdef.name, st);
    if (!fs) return;
    add_params(c, fs, st->u.funcdef.args);
    visit_stmts(c, fs, &st->u.funcdef.body);
    break;
  }
  case AST_S_CLASSDEF: {
    add_sym(c, s, st->u.classdef.name, SYM_ASSIGNED, st->pos);
    visit_exprs(c, s, &st->u.classdef.decorators);
    visit_exprs(c, s, &st->u.classdef.bases);
    for (int i = 0; i < st->u.classdef.nkeywords; i++) visit_expr(c, s, st->u.classdef.keywords[i].value);
    st_scope *cs = new_scope(c, s, ST_CLASS, st->u.classdef.name, st);
    if (!cs) return;
    visit_stmts(c, cs, &st->u.classdef.body);
    break;
  }
  case AST_S_RETURN: visit_expr(c, s, st->u.value.value); break;
  case AST_S_DELETE: visit_exprs(c, s, &st->u.targets.targets); break;
  case AST_S_ASSIGN: visit_expr(c, s, st->u.assign.value); visit_exprs(c, s, &st->u.assign.targets); break;
  case AST_S_AUGASSIGN: {
    ast_expr *t = st->u.augassign.target;
    if (t->kind == AST_E_NAME) add_sym(c, s, t->u.name.id, SYM_ASSIGNED | SYM_USED, t->pos);
    else visit_expr(c, s, t);
    visit_expr(c, s, st->u.augassign.value);
    break;
  }
  case AST_S_ANNASSIGN:
    visit_expr(c, s, st->u.annassign.target);
    visit_expr(c, s, st->u.annassign.value);
    break;
  case AST_S_FOR:
    visit_expr(c, s, st->u.for_.iter);
    visit_expr(c, s, st->u.for_.target);
    visit_stmts(c, s, &st->u.for_.body);
    visit_stmts(c, s, &st->u.for_.orelse);
    break;
  case AST_S_WHILE: case AST_S_IF:
    visit_expr(c, s, st->u.while_.test);
    visit_stmts(c, s, &st->u.while_.body);
    visit_stmts(c, s, &st->u.while_.orelse);
    break;
  case AST_S_WITH:
    for (int i = 0; i < st->u.with.nitems; i++) {
      visit_expr(c, s, st->u.with.items[i].context_expr);
      visit_expr(c, s, st->u.with.items[i].optional_vars);
    }
    visit_stmts(c, s, &st->u.with.body);
    break;
  case AST_S_RAISE: visit_expr(c, s, st->u.raise.exc); visit_expr(c, s, st->u.raise.cause); break;
  case AST_S_TRY:
    visit_stmts(c, s, &st->u.try_.body);
    for (int i = 0; i < st->u.try_.nhandlers; i++) {
      ast_excepthandler *h = &st->u.try_.handlers[i];
      visit_expr(c, s, h->type);
      if (h->name) add_sym(c, s, h->name, SYM_ASSIGNED, h->pos);
      visit_stmts(c, s, &h->body);
    }
    visit_stmts(c, s, &st->u.try_.orelse);
    visit_stmts(c, s, &st->u.try_.finalbody);
    break;
  case AST_S_ASSERT: visit_expr(c, s, st->u.assert_.test); visit_expr(c, s, st->u.assert_.msg); break;
  case AST_S_IMPORT: case AST_S_IMPORTFROM:
    for (int i = 0; i < st->u.import.nnames; i++) {
      ast_alias *a = &st->u.import.names[i];
      if (strcmp(a->name, "*") == 0) {
        if (s->kind != ST_MODULE) {
          error_at(c, st->pos, "import * only allowed at module level%s", "");
          return;
        }
        continue;
      }
      const char *bound = a->asname;
      if (!bound) {
        if (st->kind == AST_S_IMPORT) {
          const char *dot = strchr(a->name, '.');
          bound = dot ? ast_strndup(c->arena, a->name, (size_t)(dot - a->name)) : a->name;
          if (!bound) {
            c->oom = c->failed = true;
            return;
          }
        } else {
          bound = a->name;
        }
      }
      add_sym(c, s, bound, SYM_ASSIGNED, a->pos);
    }
    break;
  case AST_S_GLOBAL: declare(c, s, st, true); break;
  case AST_S_NONLOCAL: declare(c, s, st, false); break;
  case AST_S_EXPR: visit_expr(c, s, st->u.value.value); break;
  default: break;
  }
}

static void visit_stmts(st_ctx *c, st_scope *s, ast_stmt_list *l) {
  for (int i = 0; i < l->n && !c->failed; i++) visit_stmt(c, s, l->items[i]);
}

/* ---- resolution ---- */

/* Is name bound as a local of an enclosing function scope (classes skipped)? */
static bool bound_above(st_scope *s, const char *name) {
  for (st_scope *p = s->parent; p; p = p->parent) {
    if (p->kind == ST_MODULE) return false;
    if (p->kind == ST_CLASS) {
      if (strcmp(name, "__class__") == 0) return true;
      continue;
    }
    st_sym *y = st_find(p, name);
    if (y && (y->flags & SYM_GLOBAL)) return false;
    if (y && (y->flags & (SYM_ASSIGNED | SYM_PARAM | SYM_NONLOCAL))) return true;
  }
  return false;
}

/* Marks name as needed by a child: a local here becomes a cell; otherwise it passes through as free. */
static void need_from_parent(st_ctx *c, st_scope *p, const char *name, ast_pos pos) {
  for (; p && p->kind != ST_MODULE; p = p->parent) {
    if (p->kind == ST_CLASS && strcmp(name, "__class__") == 0) {
      p->needs_class_cell = true;
      return;
    }
    st_sym *y = st_find(p, name);
    if (p->kind == ST_FUNCTION || p->kind == ST_COMPREHENSION) {
      if (y && (y->scope == SC_LOCAL || y->scope == SC_CELL)) {
        y->scope = SC_CELL;
        return;
      }
      if (!y) y = add_sym(c, p, name, 0, pos);
      if (!y) return;
      if (y->scope != SC_FREE) y->scope = SC_FREE;
      y->flags |= SYM_FREE_CHILD;
    } else if (p->kind == ST_CLASS) {
      /* a class between the child and the binding function passes the variable through */
      if (!y) y = add_sym(c, p, name, 0, pos);
      if (!y) return;
      y->flags |= SYM_FREE_CHILD;
      if (!(y->flags & (SYM_ASSIGNED | SYM_GLOBAL))) y->scope = SC_FREE;
    }
  }
}

static void analyze(st_ctx *c, st_scope *s) {
  for (int i = 0; i < s->nsyms && !c->failed; i++) {
    st_sym *y = &s->syms[i];
    if (y->scope) continue;
    if (y->flags & SYM_GLOBAL) y->scope = SC_GLOBAL_EXPLICIT;
    else if (y->flags & SYM_NONLOCAL) {
      if (!bound_above(s, y->name)) {
        if (s->kind == ST_COMPREHENSION) {   /* walrus target in a comprehension at module level */
          y->scope = SC_GLOBAL_IMPLICIT;
          continue;
        }
        error_at(c, y->pos, "no binding for nonlocal '%s' found", y->name);
        return;
      }
      y->scope = SC_FREE;
    } else if (s->kind == ST_MODULE) y->scope = (y->flags & SYM_ASSIGNED) ? SC_LOCAL : SC_GLOBAL_IMPLICIT;
    else if (y->flags & (SYM_ASSIGNED | SYM_PARAM)) y->scope = SC_LOCAL;
    else if (bound_above(s, y->name)) y->scope = SC_FREE;
    else y->scope = SC_GLOBAL_IMPLICIT;
  }
  for (int i = 0; i < s->nchildren && !c->failed; i++) analyze(c, s->children[i]);
  /* free variables of this scope must be provided by the enclosing scopes */
  if (s->kind != ST_MODULE)
    for (int i = 0; i < s->nsyms && !c->failed; i++)
      if (s->syms[i].scope == SC_FREE) need_from_parent(c, s->parent, s->syms[i].name, s->syms[i].pos);
}

st_scope *st_build(ast_module *m, ast_arena *arena, st_error *err) {
  st_ctx c = {arena, err, false, false};
  err->msg[0] = '\0';
  st_scope *top = new_scope(&c, NULL, ST_MODULE, "<module>", m);
  if (!top) return NULL;
  visit_stmts(&c, top, &m->body);
  if (!c.failed) analyze(&c, top);
  if (c.failed) {
    if (c.oom) err->msg[0] = '\0';
    return NULL;
  }
  return top;
}
