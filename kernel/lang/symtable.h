/*
** kernel/lang/symtable.h — scope analysis shared by symtable.c and compiler.c (internal).
** One st_scope per module, class, function, lambda and comprehension; each name gets a resolved
** kind (local, cell, free, global) as CPython's symtable computes it.
*/
#ifndef CT_LANG_SYMTABLE_H
#define CT_LANG_SYMTABLE_H

#include "kernel/lang/ast.h"

typedef enum st_kind { ST_MODULE, ST_CLASS, ST_FUNCTION, ST_COMPREHENSION } st_kind;

/* Flags collected while walking a scope. */
enum {
  SYM_ASSIGNED = 1,       /* bound here (assignment, def, class, import, for target, except as) */
  SYM_PARAM = 2,
  SYM_USED = 4,
  SYM_GLOBAL = 8,         /* `global` declaration */
  SYM_NONLOCAL = 16,      /* `nonlocal` declaration */
  SYM_FREE_CHILD = 32     /* a nested scope uses it as a free variable */
};

/* Resolved kinds. */
typedef enum sym_scope { SC_LOCAL = 1, SC_GLOBAL_EXPLICIT, SC_GLOBAL_IMPLICIT, SC_FREE, SC_CELL } sym_scope;

typedef struct st_sym {
  const char *name;
  int flags;
  sym_scope scope;
  ast_pos pos;            /* first use/definition (error positions) */
} st_sym;

typedef struct st_scope {
  st_kind kind;
  const char *name;       /* function/class name, "<module>", "<lambda>", "<listcomp>" ... */
  const void *node;       /* the AST node that opened it (stmt or expr) */
  struct st_scope *parent;
  struct st_scope **children; int nchildren, capchildren;
  st_sym *syms; int nsyms, capsyms;
  int *hash; int hashcap;             /* open-addressed index into syms, -1 empty */
  const char **params; int nparams;   /* parameter names in order */
  bool is_generator;
  bool needs_class_cell;  /* class scope: some method uses super/__class__ */
  bool uses_super;        /* function scope: uses zero-arg super() or __class__ */
  bool child_free;        /* has nested scopes with free variables */
} st_scope;

typedef struct st_error {
  char msg[256];
  ast_pos pos;
} st_error;

/* Builds the scope tree of a module. Returns the module scope, or NULL with *err filled (a
   SyntaxError that CPython's symtable reports) or err->msg empty on out-of-memory. All memory
   comes from the arena. */
st_scope *st_build(ast_module *m, ast_arena *arena, st_error *err);
/* The scope opened by an AST node (function/class/lambda/comprehension), or NULL. */
st_scope *st_lookup_child(st_scope *parent, const void *node);
/* The symbol of name in scope, or NULL. */
st_sym *st_find(st_scope *s, const char *name);

#endif /* CT_LANG_SYMTABLE_H */
