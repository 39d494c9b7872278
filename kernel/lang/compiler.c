/*
** kernel/lang/compiler.c — AST to bytecode (opcodes.def), one comp_unit per code object, following
** CPython's compiler: frame blocks for unwinding on return/break/continue through try/finally and
** with, nested functions for comprehensions, the __class__ cell for super(), and compile-time
** SyntaxErrors ('return' outside function ...). Stack and handler depths are computed by a flow
** pass over the finished code.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/internal.h"
#include "kernel/lang/symtable.h"

#define MAX_FBLOCKS 24

typedef enum fb_kind {
  FB_WHILE, FB_FOR, FB_TRY_EXCEPT, FB_FINALLY_TRY, FB_FINALLY_END, FB_WITH, FB_HANDLER_CLEANUP, FB_POP_VALUE
} fb_kind;

typedef struct fblock {
  fb_kind kind;
  int continue_label, break_label;  /* loops */
  ast_stmt *node;                   /* FINALLY_TRY: the Try statement (finalbody); HANDLER_CLEANUP: the handler */
  const char *handler_name;         /* HANDLER_CLEANUP with `as name` */
} fblock;

typedef struct comp_unit {
  st_scope *scope;
  struct comp_unit *parent;
  uint32_t *code; int32_t *lines; int ncode, capcode;
  value *consts; int nconsts, capconsts;
  obj_str **names; int nnames, capnames;
  obj_str **varnames; int nlocals, caplocals;
  obj_str **cellvars; int ncells;
  obj_str **freevars; int nfree;
  int *cell2arg;
  int *labels; int nlabels, caplabels;
  fblock fblocks[MAX_FBLOCKS]; int nfblocks;
  int argcount, posonly, kwonly, flags;
  int lineno;
  obj_str *name, *qualname;
  int firstlineno;
  value doc;
} comp_unit;

typedef struct comp {
  lang_vm *vm;
  const char *src; size_t srclen;
  const char *filename;
  ast_arena *arena;
  st_scope *top;
  comp_unit *u;
  ast_mode mode;
  bool last_expr_value;
  jmp_buf fail;             /* compile errors unwind to comp_compile (all memory is tracked) */
  bool failed;
  value pending;            /* a reference held only by a C local (a finished code object on its way into
                               the constants): released if an error unwinds before it is stored */
} comp;

/* ---- errors ---- */

static int col_to_chars(const char *line, int col) {
  int n = 0;
  for (int i = 0; i < col && line[i] && line[i] != '\n'; i++) n += ((unsigned char)line[i] & 0xC0) != 0x80;
  return n;
}

static const char *line_start(comp *c, int lineno) {
  const char *s = c->src, *end = c->src + c->srclen;
  for (int l = 1; l < lineno && s < end; l++) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    if (!nl) return NULL;
    s = nl + 1;
  }
  return s < end || lineno == 1 ? s : NULL;
}

/* Raises SyntaxError at pos with CPython's details and abandons the compilation. */
static void comp_error(comp *c, ast_pos pos, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4), noreturn))
#endif
    ;
/* A SyntaxError's filename/text: None when the string cannot be allocated (val_obj(NULL) would crash later). */
static value str_or_none(obj_str *s) { return s ? val_obj(s) : val_none(); }

static void comp_error(comp *c, ast_pos pos, const char *fmt, ...) {
  lang_vm *vm = c->vm;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  value e = exc_new(vm, exc_type(vm, EXC_SyntaxError), msg);
  if (!VAL_IS_NULL(e)) {
    obj_exc *x = (obj_exc *)e.u.o;
    x->filename = str_or_none(str_from_cstr(vm, c->filename));
    x->lineno = pos.lineno;
    x->end_lineno = pos.end_lineno;
    const char *ls = line_start(c, pos.lineno);
    if (ls) {
      const char *le = memchr(ls, '\n', (size_t)(c->src + c->srclen - ls));
      size_t n = le ? (size_t)(le - ls + 1) : strlen(ls);
      x->text = str_or_none(str_new(vm, ls, (int64_t)n));
      x->offset = col_to_chars(ls, pos.col) + 1;
      const char *le2 = pos.end_lineno == pos.lineno ? ls : line_start(c, pos.end_lineno);
      x->end_offset = le2 ? col_to_chars(le2, pos.end_col) + 1 : x->offset;
    } else {
      x->text = val_none();
    }
    exc_set_object(vm, e);
  }
  c->failed = true;
  longjmp(c->fail, 1);
}

static void oom(comp *c) {
  exc_nomem(c->vm);
  c->failed = true;
  longjmp(c->fail, 1);
}

/* ---- emission ---- */

static void *grow_array(comp *c, void *p, int *cap, int need, size_t elem) {
  if (need <= *cap) return p;
  int nc = *cap ? *cap * 2 : 16;
  while (nc < need) nc *= 2;
  void *q = lang_realloc(p, elem * (size_t)*cap, elem * (size_t)nc);
  if (!q) oom(c);
  *cap = nc;
  return q;
}

static int emit(comp *c, int op, int arg) {
  comp_unit *u = c->u;
  if (arg < 0 || arg > INS_ARG_MAX) comp_error(c, (ast_pos){u->lineno, 0, u->lineno, 0}, "too many constants or names");
  int cap = u->capcode;
  u->code = grow_array(c, u->code, &cap, u->ncode + 1, sizeof(uint32_t));
  int cap2 = u->capcode;
  u->lines = grow_array(c, u->lines, &cap2, u->ncode + 1, sizeof(int32_t));
  u->capcode = cap;
  u->code[u->ncode] = INS_MAKE(op, arg);
  u->lines[u->ncode] = u->lineno;
  return u->ncode++;
}

static int new_label(comp *c) {
  comp_unit *u = c->u;
  u->labels = grow_array(c, u->labels, &u->caplabels, u->nlabels + 1, sizeof(int));
  u->labels[u->nlabels] = -1;
  return u->nlabels++;
}

static void bind_label(comp *c, int l) { c->u->labels[l] = c->u->ncode; }

static bool is_jump(int op) {
  switch (op) {
  case OP_JUMP: case OP_JUMP_BACKWARD: case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE:
  case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP: case OP_POP_JUMP_IF_NOT_NONE:
  case OP_FOR_ITER: case OP_SETUP_FINALLY:
    return true;
  default: return false;
  }
}

static int add_const(comp *c, value v) {
  comp_unit *u = c->u;
  for (int i = 0; i < u->nconsts; i++) {
    value k = u->consts[i];
    if (k.tag != v.tag) continue;
    if (v.tag == VAL_INT && k.u.i == v.u.i) return val_decref(v), i;
    if (v.tag == VAL_BOOL && k.u.b == v.u.b) return i;
    if (v.tag == VAL_NONE) return i;
    if (v.tag == VAL_FLOAT && memcmp(&k.u.f, &v.u.f, sizeof(double)) == 0) return i;
    if (v.tag == VAL_OBJ && k.u.o->type == &type_str && v.u.o->type == &type_str && str_eq(VAL_STR(k), VAL_STR(v))) {
      val_decref(v);
      return i;
    }
  }
  value held = c->pending;
  c->pending = v;           /* owned by nobody else while the array grows */
  u->consts = grow_array(c, u->consts, &u->capconsts, u->nconsts + 1, sizeof(value));
  c->pending = held;
  u->consts[u->nconsts] = v;
  return u->nconsts++;
}

static obj_str *intern(comp *c, const char *s) {
  obj_str *r = str_intern(c->vm, s);
  if (!r) oom(c);
  return r;
}

static int name_index(comp *c, const char *name) {
  comp_unit *u = c->u;
  obj_str *s = intern(c, name);
  for (int i = 0; i < u->nnames; i++)
    if (u->names[i] == s) return i;
  u->names = grow_array(c, u->names, &u->capnames, u->nnames + 1, sizeof(obj_str *));
  u->names[u->nnames] = s;
  return u->nnames++;
}

static int local_index(comp *c, const char *name) {
  comp_unit *u = c->u;
  obj_str *s = intern(c, name);
  for (int i = 0; i < u->nlocals; i++)
    if (u->varnames[i] == s) return i;
  u->varnames = grow_array(c, u->varnames, &u->caplocals, u->nlocals + 1, sizeof(obj_str *));
  u->varnames[u->nlocals] = s;
  return u->nlocals++;
}

static int cell_index(comp *c, const char *name) {
  comp_unit *u = c->u;
  obj_str *s = intern(c, name);
  for (int i = 0; i < u->ncells; i++)
    if (u->cellvars[i] == s) return i;
  for (int i = 0; i < u->nfree; i++)
    if (u->freevars[i] == s) return u->ncells + i;
  return -1;
}

static void load_const(comp *c, value v) { emit(c, OP_LOAD_CONST, add_const(c, v)); }

static void load_str_const(comp *c, const char *s, size_t n) {
  obj_str *str = str_new(c->vm, s, (int64_t)n);
  if (!str) oom(c);
  load_const(c, val_obj(str));
}

static void set_line(comp *c, ast_pos pos) {
  if (pos.lineno > 0) c->u->lineno = pos.lineno;
}

/* ---- units ---- */

static void unit_free(comp_unit *u) {
  lang_free(u->code, sizeof(uint32_t) * (size_t)u->capcode);
  lang_free(u->lines, sizeof(int32_t) * (size_t)u->capcode);
  for (int i = 0; i < u->nconsts; i++) val_decref(u->consts[i]);
  lang_free(u->consts, sizeof(value) * (size_t)u->capconsts);
  lang_free(u->names, sizeof(obj_str *) * (size_t)u->capnames);
  lang_free(u->varnames, sizeof(obj_str *) * (size_t)u->caplocals);
  lang_free(u->cellvars, sizeof(obj_str *) * (size_t)u->ncells);
  lang_free(u->freevars, sizeof(obj_str *) * (size_t)u->nfree);
  lang_free(u->cell2arg, sizeof(int) * (size_t)u->ncells);
  lang_free(u->labels, sizeof(int) * (size_t)u->caplabels);
  obj_xdecref(u->name);
  obj_xdecref(u->qualname);
  val_decref(u->doc);
  free(u);
}

static void enter_unit(comp *c, st_scope *scope, const char *name, int firstlineno) {
  comp_unit *u = calloc(1, sizeof *u);
  if (!u) oom(c);
  u->scope = scope;
  u->parent = c->u;
  u->doc = val_none();
  u->firstlineno = u->lineno = firstlineno;
  c->u = u;
  u->name = str_from_cstr(c->vm, name);
  if (!u->name) oom(c);
  /* qualified name: Outer.inner, f.<locals>.g */
  comp_unit *p = u->parent;
  if (!p || p->scope->kind == ST_MODULE) {
    obj_incref(u->name);
    u->qualname = u->name;
  } else if (p->scope->kind == ST_CLASS) {
    u->qualname = str_printf(c->vm, "%s.%s", p->qualname->data, name);
  } else {
    u->qualname = str_printf(c->vm, "%s.<locals>.%s", p->qualname->data, name);
  }
  if (!u->qualname) oom(c);
  if (scope->kind == ST_FUNCTION || scope->kind == ST_COMPREHENSION) {
    u->flags |= CO_NEWLOCALS;
    for (int i = 0; i < scope->nparams; i++) local_index(c, scope->params[i]);
  }
  if (scope->kind == ST_CLASS) u->flags |= CO_CLASS;
  if (scope->is_generator) u->flags |= CO_GENERATOR;
  /* cells: locals captured by children (parameters too), and __class__ in classes */
  int ncells = 0, nfree = 0;
  for (int i = 0; i < scope->nsyms; i++) {
    st_sym *y = &scope->syms[i];
    if (y->scope == SC_CELL) ncells++;
    if (y->scope == SC_FREE || (scope->kind == ST_CLASS && (y->flags & SYM_FREE_CHILD) && y->scope == SC_LOCAL)) nfree++;
  }
  if (scope->kind == ST_CLASS && scope->needs_class_cell) ncells++;
  u->cellvars = lang_alloc(sizeof(obj_str *) * (size_t)(ncells ? ncells : 1));
  u->freevars = lang_alloc(sizeof(obj_str *) * (size_t)(nfree ? nfree : 1));
  u->cell2arg = lang_alloc(sizeof(int) * (size_t)(ncells ? ncells : 1));
  if (!u->cellvars || !u->freevars || !u->cell2arg) oom(c);
  for (int i = 0; i < scope->nsyms; i++) {
    st_sym *y = &scope->syms[i];
    if (y->scope == SC_CELL) {
      u->cell2arg[u->ncells] = -1;
      for (int p2 = 0; p2 < scope->nparams; p2++)
        if (strcmp(scope->params[p2], y->name) == 0) u->cell2arg[u->ncells] = p2;
      u->cellvars[u->ncells++] = intern(c, y->name);
    }
  }
  if (scope->kind == ST_CLASS && scope->needs_class_cell) {
    u->cell2arg[u->ncells] = -1;
    u->cellvars[u->ncells++] = intern(c, "__class__");
  }
  for (int i = 0; i < scope->nsyms; i++) {
    st_sym *y = &scope->syms[i];
    if (y->scope == SC_FREE || (scope->kind == ST_CLASS && (y->flags & SYM_FREE_CHILD) && y->scope == SC_LOCAL))
      u->freevars[u->nfree++] = intern(c, y->name);
  }
}

/* ---- stack depth analysis ---- */

static int stack_effect(int op, int arg, bool jump) {
  switch (op) {
  case OP_NOP: case OP_SWAP: case OP_DELETE_FAST: case OP_DELETE_DEREF: case OP_DELETE_GLOBAL: case OP_DELETE_NAME:
  case OP_LOAD_ATTR: case OP_UNARY_OP: case OP_UNARY_NOT: case OP_LIST_TO_TUPLE: case OP_JUMP: case OP_JUMP_BACKWARD:
  case OP_GET_ITER: case OP_YIELD_VALUE: case OP_GET_YIELD_FROM_ITER: case OP_POP_BLOCK: case OP_CHECK_EXC_MATCH:
  case OP_SETUP_ANNOTATIONS:
    return 0;
  case OP_POP_TOP: case OP_STORE_FAST: case OP_STORE_DEREF: case OP_STORE_GLOBAL: case OP_STORE_NAME:
  case OP_DELETE_ATTR: case OP_BINARY_OP: case OP_COMPARE_OP: case OP_IS_OP: case OP_CONTAINS_OP:
  case OP_BINARY_SUBSCR: case OP_LIST_APPEND: case OP_SET_ADD: case OP_LIST_EXTEND: case OP_SET_UPDATE:
  case OP_DICT_UPDATE: case OP_DICT_MERGE: case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE:
  case OP_POP_JUMP_IF_NOT_NONE: case OP_RETURN_VALUE: case OP_YIELD_FROM: case OP_POP_EXCEPT: case OP_RERAISE:
  case OP_WITH_EXIT: case OP_IMPORT_NAME: case OP_IMPORT_STAR: case OP_PRINT_EXPR:
    return -1;
  case OP_COPY: case OP_LOAD_CONST: case OP_LOAD_FAST: case OP_LOAD_DEREF: case OP_LOAD_CLOSURE:
  case OP_LOAD_CLASSDEREF: case OP_LOAD_GLOBAL: case OP_LOAD_NAME: case OP_LOAD_METHOD: case OP_PUSH_NULL:
  case OP_PUSH_EXC_INFO: case OP_BEFORE_WITH: case OP_WITH_EXCEPT_START: case OP_LOAD_BUILD_CLASS:
  case OP_IMPORT_FROM: case OP_LOAD_ASSERTION_ERROR:
    return 1;
  case OP_STORE_ATTR: case OP_DELETE_SUBSCR: case OP_MAP_ADD: return -2;
  case OP_STORE_SUBSCR: return -3;
  case OP_BUILD_SLICE: case OP_BUILD_TUPLE: case OP_BUILD_LIST: case OP_BUILD_SET: case OP_BUILD_STRING:
    return 1 - arg;
  case OP_BUILD_MAP: return 1 - 2 * arg;
  case OP_FORMAT_VALUE: return (arg & 4) ? -1 : 0;
  case OP_UNPACK_SEQUENCE: return arg - 1;
  case OP_UNPACK_EX: return (arg & 0xff) + (arg >> 8);
  case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
  case OP_FOR_ITER: return jump ? -1 : 1;
  case OP_CALL: return -arg - 1;
  case OP_CALL_KW: return -arg - 2;
  case OP_CALL_EX: return -2 - (arg & 1);
  case OP_MAKE_FUNCTION: return -(((arg & 1) != 0) + ((arg & 2) != 0) + ((arg & 8) != 0));
  case OP_SETUP_FINALLY: return jump ? 1 : 0;
  case OP_RAISE_VARARGS: return -arg;
  default: return 0;
  }
}

static bool is_terminal(int op) {
  return op == OP_RETURN_VALUE || op == OP_RERAISE || op == OP_RAISE_VARARGS || op == OP_JUMP ||
         op == OP_JUMP_BACKWARD;
}

/* Flow analysis: the maximum stack and handler-block depths over all paths. */
static void compute_depths(comp *c, comp_unit *u, int *maxstack, int *maxblocks) {
  int n = u->ncode;
  int *depth = malloc(sizeof(int) * (size_t)(n + 1) * 2);
  int *work = malloc(sizeof(int) * (size_t)(n + 1) * 2);
  if (!depth || !work) {
    free(depth);
    free(work);
    oom(c);
  }
  int *bdepth = depth + n + 1;
  for (int i = 0; i <= n; i++) depth[i] = bdepth[i] = -1;
  int nwork = 0, maxs = 0, maxb = 0;
  depth[0] = 0;
  bdepth[0] = 0;
  work[nwork++] = 0;
  while (nwork) {
    int i = work[--nwork];
    int d = depth[i], b = bdepth[i];
    while (i < n) {
      int op = INS_OP(u->code[i]), arg = INS_ARG(u->code[i]);
      if (is_jump(op)) {
        int t = arg, td = d + stack_effect(op, arg, true), tb = b;
        if (op == OP_SETUP_FINALLY) tb = b;   /* handler entered with its block popped */
        if (td > maxs) maxs = td;
        if (t <= n && depth[t] < 0) {
          depth[t] = td;
          bdepth[t] = tb;
          work[nwork++] = t;
        }
      }
      d += stack_effect(op, arg, false);
      if (op == OP_SETUP_FINALLY) b++;
      if (op == OP_POP_BLOCK) b--;
      if (d > maxs) maxs = d;
      if (b > maxb) maxb = b;
      if (is_terminal(op)) break;
      i++;
      if (i < n && depth[i] >= 0) break;
      if (i <= n) {
        depth[i] = d;
        bdepth[i] = b;
      }
    }
  }
  free(depth);
  free(work);
  *maxstack = maxs + 2;
  *maxblocks = maxb + 1;
}

/* Finishes the current unit into a code object and pops it. */
static obj_code *finish_unit(comp *c) {
  comp_unit *u = c->u;
  lang_vm *vm = c->vm;
  for (int i = 0; i < u->ncode; i++) {
    int op = INS_OP(u->code[i]);
    if (is_jump(op)) {
      int target = u->labels[INS_ARG(u->code[i])];
      u->code[i] = INS_MAKE(op, target);
    }
  }
  int maxstack, maxblocks;
  compute_depths(c, u, &maxstack, &maxblocks);   /* first: its out-of-memory unwinds before co exists */
  obj_code *co = obj_alloc(vm, &type_code, sizeof(obj_code));
  if (!co) oom(c);
  co->code = lang_alloc(sizeof(uint32_t) * (size_t)(u->ncode ? u->ncode : 1));
  co->lines = lang_alloc(sizeof(int32_t) * (size_t)(u->ncode ? u->ncode : 1));
  co->consts = lang_alloc(sizeof(value) * (size_t)(u->nconsts ? u->nconsts : 1));
  co->names = lang_alloc(sizeof(obj_str *) * (size_t)(u->nnames ? u->nnames : 1));
  co->varnames = lang_alloc(sizeof(obj_str *) * (size_t)(u->nlocals ? u->nlocals : 1));
  if (!co->code || !co->lines || !co->consts || !co->names || !co->varnames) {
    obj_decref(co);
    oom(c);
  }
  co->ncode = u->ncode ? u->ncode : 1;
  if (u->ncode) {
    memcpy(co->code, u->code, sizeof(uint32_t) * (size_t)u->ncode);
    memcpy(co->lines, u->lines, sizeof(int32_t) * (size_t)u->ncode);
  }
  co->nconsts = u->nconsts ? u->nconsts : 1;
  if (u->nconsts) memcpy(co->consts, u->consts, sizeof(value) * (size_t)u->nconsts);
  else co->consts[0] = val_none();
  u->nconsts = 0;   /* references moved */
  co->nnames = u->nnames ? u->nnames : 1;
  if (u->nnames) memcpy(co->names, u->names, sizeof(obj_str *) * (size_t)u->nnames);
  co->nlocals = u->nlocals ? u->nlocals : 1;
  if (u->nlocals) memcpy(co->varnames, u->varnames, sizeof(obj_str *) * (size_t)u->nlocals);
  co->nlocals = u->nlocals;
  if (!u->nlocals) {
    lang_free(co->varnames, sizeof(obj_str *));
    co->varnames = NULL;
  }
  co->cellvars = u->cellvars;
  co->ncells = u->ncells;
  co->cell2arg = u->cell2arg;
  co->freevars = u->freevars;
  co->nfree = u->nfree;
  u->cellvars = NULL;
  u->freevars = NULL;
  u->cell2arg = NULL;
  if (!co->ncells) {
    lang_free(co->cellvars, sizeof(obj_str *));
    lang_free(co->cell2arg, sizeof(int));
    co->cellvars = NULL;
    co->cell2arg = NULL;
  }
  if (!co->nfree) {
    lang_free(co->freevars, sizeof(obj_str *));
    co->freevars = NULL;
  }
  u->ncells = u->nfree = 0;
  co->argcount = u->argcount;
  co->posonlyargcount = u->posonly;
  co->kwonlyargcount = u->kwonly;
  co->flags = u->flags;
  co->stacksize = maxstack;
  co->nblocks = maxblocks;
  co->name = u->name;
  co->qualname = u->qualname;
  u->name = u->qualname = NULL;
  co->filename = str_from_cstr(vm, c->filename);
  if (!co->filename) {
    obj_decref(co);
    oom(c);
  }
  co->firstlineno = u->firstlineno;
  for (int i = 0; i < co->ncode; i++) {
    int op = INS_OP(co->code[i]);
    if (!co->gcache && (op == OP_LOAD_GLOBAL || op == OP_STORE_GLOBAL))
      co->gcache = lang_alloc(sizeof(global_cache) * (size_t)co->ncode);
    if (!co->acache && (op == OP_LOAD_ATTR || op == OP_STORE_ATTR || op == OP_LOAD_METHOD))
      co->acache = lang_alloc(sizeof(attr_cache) * (size_t)co->ncode);
    /* NULL on out-of-memory is fine: the VM then looks names up directly */
  }
  co->doc = u->doc;
  u->doc = val_none();
  c->u = u->parent;
  unit_free(u);
  c->pending = val_obj(co);   /* until make_closure stores it (the module's code: never released) */
  return co;
}

/* ---- frame blocks ---- */

static void push_fblock(comp *c, fb_kind k, int cont, int brk, ast_stmt *node, ast_pos pos) {
  comp_unit *u = c->u;
  if (u->nfblocks >= MAX_FBLOCKS) comp_error(c, pos, "too many statically nested blocks");
  fblock *b = &u->fblocks[u->nfblocks++];
  b->kind = k;
  b->continue_label = cont;
  b->break_label = brk;
  b->node = node;
  b->handler_name = NULL;
}

static void pop_fblock(comp *c) { c->u->nfblocks--; }

static void compile_stmts(comp *c, ast_stmt_list *l);
static void compile_expr(comp *c, ast_expr *e);

static void clear_handler_name(comp *c, const char *name);

/* Emits the code that leaves fblock b (preserve_tos: a return value sits on top of the stack). */
static void unwind_fblock(comp *c, fblock *b, bool preserve_tos) {
  switch (b->kind) {
  case FB_WHILE: break;
  case FB_FOR:
    if (preserve_tos) emit(c, OP_SWAP, 2);
    emit(c, OP_POP_TOP, 0);
    break;
  case FB_TRY_EXCEPT: emit(c, OP_POP_BLOCK, 0); break;
  case FB_FINALLY_TRY:
    emit(c, OP_POP_BLOCK, 0);
    if (preserve_tos) push_fblock(c, FB_POP_VALUE, -1, -1, NULL, b->node->pos);
    compile_stmts(c, &b->node->u.try_.finalbody);
    if (preserve_tos) pop_fblock(c);
    break;
  case FB_FINALLY_END:
    /* inside the exceptional copy of a finally body: [prev, exc] and the cleanup handler */
    emit(c, OP_POP_BLOCK, 0);
    if (preserve_tos) {
      emit(c, OP_SWAP, 2);
      emit(c, OP_POP_TOP, 0);
      emit(c, OP_SWAP, 2);
    } else {
      emit(c, OP_POP_TOP, 0);
    }
    emit(c, OP_POP_EXCEPT, 0);
    break;
  case FB_WITH:
    emit(c, OP_POP_BLOCK, 0);
    if (preserve_tos) emit(c, OP_SWAP, 2);
    emit(c, OP_WITH_EXIT, 0);
    break;
  case FB_HANDLER_CLEANUP:
    emit(c, OP_POP_BLOCK, 0);
    if (preserve_tos) {
      emit(c, OP_SWAP, 2);
      emit(c, OP_POP_TOP, 0);
      emit(c, OP_SWAP, 2);
    } else {
      emit(c, OP_POP_TOP, 0);
    }
    emit(c, OP_POP_EXCEPT, 0);
    if (b->handler_name) clear_handler_name(c, b->handler_name);
    break;
  case FB_POP_VALUE:
    if (preserve_tos) emit(c, OP_SWAP, 2);
    emit(c, OP_POP_TOP, 0);
    break;
  }
}

/* Unwinds the frame blocks down to (not including) the innermost loop when loop is true, or all of
   them. Returns the loop block (or NULL). */
static fblock *unwind_stack(comp *c, bool preserve_tos, bool to_loop) {
  comp_unit *u = c->u;
  fblock saved[MAX_FBLOCKS];
  int nsaved = u->nfblocks;
  memcpy(saved, u->fblocks, sizeof(fblock) * (size_t)nsaved);
  fblock *loop = NULL;
  while (u->nfblocks > 0) {
    fblock top = u->fblocks[u->nfblocks - 1];
    if (to_loop && (top.kind == FB_WHILE || top.kind == FB_FOR)) {
      loop = &saved[u->nfblocks - 1];
      break;
    }
    u->nfblocks--;
    unwind_fblock(c, &top, preserve_tos);
  }
  memcpy(u->fblocks, saved, sizeof(fblock) * (size_t)nsaved);
  u->nfblocks = nsaved;
  return loop;
}

/* ---- names ---- */

typedef enum name_op { NAME_LOAD, NAME_STORE, NAME_DEL } name_op;

static void compile_name(comp *c, const char *name, name_op how, ast_pos pos) {
  comp_unit *u = c->u;
  st_scope *s = u->scope;
  st_sym *y = st_find(s, name);
  sym_scope sc = y ? y->scope : SC_GLOBAL_IMPLICIT;
  if (s->kind == ST_CLASS && y && (y->flags & SYM_FREE_CHILD) && sc == SC_LOCAL) sc = SC_LOCAL;
  static const int fast_ops[3] = {OP_LOAD_FAST, OP_STORE_FAST, OP_DELETE_FAST};
  static const int deref_ops[3] = {OP_LOAD_DEREF, OP_STORE_DEREF, OP_DELETE_DEREF};
  static const int global_ops[3] = {OP_LOAD_GLOBAL, OP_STORE_GLOBAL, OP_DELETE_GLOBAL};
  static const int name_ops[3] = {OP_LOAD_NAME, OP_STORE_NAME, OP_DELETE_NAME};
  switch (sc) {
  case SC_LOCAL:
    if (s->kind == ST_FUNCTION || s->kind == ST_COMPREHENSION) emit(c, fast_ops[how], local_index(c, name));
    else if (s->kind == ST_MODULE) emit(c, global_ops[how], name_index(c, name));
    else emit(c, name_ops[how], name_index(c, name));
    return;
  case SC_CELL: case SC_FREE: {
    int ix = cell_index(c, name);
    if (ix < 0) comp_error(c, pos, "internal error: no cell for '%s'", name);
    if (s->kind == ST_CLASS && how == NAME_LOAD) emit(c, OP_LOAD_CLASSDEREF, ix);
    else emit(c, deref_ops[how], ix);
    return;
  }
  case SC_GLOBAL_EXPLICIT:
    emit(c, global_ops[how], name_index(c, name));
    return;
  case SC_GLOBAL_IMPLICIT:
  default:
    if (s->kind == ST_CLASS) emit(c, name_ops[how], name_index(c, name));
    else emit(c, global_ops[how], name_index(c, name));
    return;
  }
}

static void clear_handler_name(comp *c, const char *name) {
  load_const(c, val_none());
  compile_name(c, name, NAME_STORE, (ast_pos){0, 0, 0, 0});
  compile_name(c, name, NAME_DEL, (ast_pos){0, 0, 0, 0});
}

/* ---- expressions ---- */

static void compile_exprs(comp *c, ast_expr_list *l) {
  for (int i = 0; i < l->n; i++) compile_expr(c, l->items[i]);
}

static bool has_starred(ast_expr_list *l) {
  for (int i = 0; i < l->n; i++)
    if (l->items[i]->kind == AST_E_STARRED) return true;
  return false;
}

/* Builds a list from elements that may include *starred ones: [list] on the stack. */
static void build_list_starred(comp *c, ast_expr_list *l) {
  emit(c, OP_BUILD_LIST, 0);
  for (int i = 0; i < l->n; i++) {
    ast_expr *e = l->items[i];
    if (e->kind == AST_E_STARRED) {
      compile_expr(c, e->u.starred.value);
      emit(c, OP_LIST_EXTEND, 1);
    } else {
      compile_expr(c, e);
      emit(c, OP_LIST_APPEND, 1);
    }
  }
}

static void compile_constant(comp *c, ast_expr *e) {
  lang_vm *vm = c->vm;
  switch (e->u.constant.kind) {
  case AST_C_NONE: load_const(c, val_none()); break;
  case AST_C_TRUE: load_const(c, val_bool(true)); break;
  case AST_C_FALSE: load_const(c, val_bool(false)); break;
  case AST_C_ELLIPSIS: load_const(c, val_incref(val_obj(&obj_ellipsis))); break;
  case AST_C_INT: load_const(c, val_int(e->u.constant.i)); break;
  case AST_C_FLOAT: load_const(c, val_float(e->u.constant.f)); break;
  case AST_C_STR: load_str_const(c, e->u.constant.s, e->u.constant.len); break;
  case AST_C_BYTES: {
    value b = bytes_new(vm, e->u.constant.s, (int64_t)e->u.constant.len);
    if (VAL_IS_NULL(b)) oom(c);
    load_const(c, b);
    break;
  }
  case AST_C_BIGINT: {
    /* raised when executed, as a real overflow would be */
    emit(c, OP_LOAD_GLOBAL, name_index(c, "OverflowError"));
    emit(c, OP_PUSH_NULL, 0);
    char msg[160];
    snprintf(msg, sizeof msg, "integer literal too large: ctorch ints are 64-bit (|n| < 2**63)");
    load_str_const(c, msg, strlen(msg));
    emit(c, OP_CALL, 1);
    emit(c, OP_RAISE_VARARGS, 1);
    load_const(c, val_none());
    break;
  }
  case AST_C_IMAG:
    comp_error(c, e->pos, "complex numbers are not supported in ctorch");
  }
}

static void compile_compare(comp *c, ast_expr *e) {
  static const int cmp_of[] = {CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE};
  int n = e->u.compare.comparators.n;
  compile_expr(c, e->u.compare.left);
  int cleanup = n > 1 ? new_label(c) : -1;
  for (int i = 0; i < n; i++) {
    compile_expr(c, e->u.compare.comparators.items[i]);
    if (i < n - 1) {
      emit(c, OP_SWAP, 2);
      emit(c, OP_COPY, 2);
    }
    set_line(c, e->pos);
    ast_cmpop op = e->u.compare.ops[i];
    switch (op) {
    case AST_IS: emit(c, OP_IS_OP, 0); break;
    case AST_ISNOT: emit(c, OP_IS_OP, 1); break;
    case AST_IN: emit(c, OP_CONTAINS_OP, 0); break;
    case AST_NOTIN: emit(c, OP_CONTAINS_OP, 1); break;
    default: emit(c, OP_COMPARE_OP, cmp_of[op]); break;
    }
    if (i < n - 1) emit(c, OP_JUMP_IF_FALSE_OR_POP, cleanup);
  }
  if (n > 1) {
    int end = new_label(c);
    emit(c, OP_JUMP, end);
    bind_label(c, cleanup);
    emit(c, OP_SWAP, 2);
    emit(c, OP_POP_TOP, 0);
    bind_label(c, end);
  }
}

static void compile_fstring_part(comp *c, ast_expr *e) {
  if (e->kind == AST_E_CONSTANT) {
    compile_expr(c, e);
    return;
  }
  if (e->kind == AST_E_FORMATTED) {
    compile_expr(c, e->u.formatted.value);
    int flags = 0;
    switch (e->u.formatted.conversion) {
    case 's': flags = 1; break;
    case 'r': flags = 2; break;
    case 'a': flags = 3; break;
    default: flags = 0; break;
    }
    if (e->u.formatted.format_spec) {
      compile_expr(c, e->u.formatted.format_spec);
      flags |= 4;
    }
    set_line(c, e->pos);
    emit(c, OP_FORMAT_VALUE, flags);
    return;
  }
  compile_expr(c, e);
}

static void compile_joinedstr(comp *c, ast_expr *e) {
  ast_expr_list *l = &e->u.seq.elts;
  if (l->n == 0) {
    load_str_const(c, "", 0);
    return;
  }
  for (int i = 0; i < l->n; i++) compile_fstring_part(c, l->items[i]);
  if (l->n > 1 || l->items[0]->kind != AST_E_FORMATTED) emit(c, OP_BUILD_STRING, l->n);
}

static bool is_super_call(comp *c, ast_expr *e) {
  ast_expr *f = e->u.call.func;
  if (f->kind != AST_E_NAME || strcmp(f->u.name.id, "super") != 0 || e->u.call.args.n || e->u.call.nkeywords) return false;
  st_scope *s = c->u->scope;
  if (s->kind != ST_FUNCTION || s->nparams == 0) return false;
  st_sym *y = st_find(s, "__class__");
  return y && y->scope == SC_FREE;
}

static void compile_call_args(comp *c, ast_expr *e, bool method) {
  ast_expr_list *args = &e->u.call.args;
  int nk = e->u.call.nkeywords;
  bool star = has_starred(args);
  for (int i = 0; i < nk; i++)
    if (!e->u.call.keywords[i].arg) star = true;
  if (!star) {
    compile_exprs(c, args);
    for (int i = 0; i < nk; i++) compile_expr(c, e->u.call.keywords[i].value);
    set_line(c, e->pos);
    if (nk) {
      obj_tuple *names = tuple_new(c->vm, nk);
      if (!names) oom(c);
      value held = c->pending;
      c->pending = val_obj(names);   /* released if a repeated keyword or out-of-memory unwinds */
      for (int i = 0; i < nk; i++) {
        for (int j = 0; j < i; j++)
          if (strcmp(e->u.call.keywords[i].arg, e->u.call.keywords[j].arg) == 0)
            comp_error(c, e->u.call.keywords[i].pos, "keyword argument repeated: %s", e->u.call.keywords[i].arg);
        obj_str *s = intern(c, e->u.call.keywords[i].arg);
        obj_incref(s);
        names->items[i] = val_obj(s);
      }
      c->pending = held;
      load_const(c, val_obj(names));
      emit(c, OP_CALL_KW, args->n + nk);
    } else {
      emit(c, OP_CALL, args->n);
    }
    return;
  }
  (void)method;
  /* general form: positional tuple + keyword dict */
  build_list_starred(c, args);
  emit(c, OP_LIST_TO_TUPLE, 0);
  if (nk) {
    emit(c, OP_BUILD_MAP, 0);
    for (int i = 0; i < nk; i++) {
      ast_keyword *k = &e->u.call.keywords[i];
      if (k->arg) {
        load_str_const(c, k->arg, strlen(k->arg));
        compile_expr(c, k->value);
        emit(c, OP_MAP_ADD, 1);
      } else {
        compile_expr(c, k->value);
        emit(c, OP_DICT_MERGE, 1);
      }
    }
  }
  set_line(c, e->pos);
  emit(c, OP_CALL_EX, nk ? 1 : 0);
}

static bool call_needs_ex(ast_expr *e) {
  if (has_starred(&e->u.call.args)) return true;
  for (int i = 0; i < e->u.call.nkeywords; i++)
    if (!e->u.call.keywords[i].arg) return true;
  return false;
}

static void compile_call(comp *c, ast_expr *e) {
  ast_expr *f = e->u.call.func;
  if (is_super_call(c, e)) {
    /* super() -> super(__class__, <first argument>) */
    compile_name(c, "super", NAME_LOAD, f->pos);
    emit(c, OP_PUSH_NULL, 0);
    compile_name(c, "__class__", NAME_LOAD, f->pos);
    compile_name(c, c->u->scope->params[0], NAME_LOAD, f->pos);
    set_line(c, e->pos);
    emit(c, OP_CALL, 2);
    return;
  }
  bool ex = call_needs_ex(e);
  if (f->kind == AST_E_ATTRIBUTE && !ex) {
    compile_expr(c, f->u.attribute.value);
    set_line(c, f->pos);
    emit(c, OP_LOAD_METHOD, name_index(c, f->u.attribute.attr));
    compile_call_args(c, e, true);
    return;
  }
  compile_expr(c, f);
  emit(c, OP_PUSH_NULL, 0);
  compile_call_args(c, e, false);
}

static void compile_slice_or_expr(comp *c, ast_expr *e) {
  if (e->kind == AST_E_SLICE) {
    if (e->u.slice.lower) compile_expr(c, e->u.slice.lower);
    else load_const(c, val_none());
    if (e->u.slice.upper) compile_expr(c, e->u.slice.upper);
    else load_const(c, val_none());
    if (e->u.slice.step) {
      compile_expr(c, e->u.slice.step);
      emit(c, OP_BUILD_SLICE, 3);
    } else {
      emit(c, OP_BUILD_SLICE, 2);
    }
    return;
  }
  compile_expr(c, e);
}

static obj_code *compile_lambda_code(comp *c, ast_expr *e, st_scope *fs);
static void compile_comprehension(comp *c, ast_expr *e);
static void make_closure(comp *c, obj_code *co, int flags);

static void compile_lambda(comp *c, ast_expr *e) {
  st_scope *fs = st_lookup_child(c->u->scope, e);
  ast_arguments *a = e->u.lambda.args;
  int flags = 0;
  if (a->ndefaults) {
    for (int i = 0; i < a->ndefaults; i++) compile_expr(c, a->defaults[i]);
    emit(c, OP_BUILD_TUPLE, a->ndefaults);
    flags |= 1;
  }
  int nkwd = 0;
  for (int i = 0; i < a->nkwonly; i++)
    if (a->kw_defaults[i]) {
      load_str_const(c, a->kwonlyargs[i].name, strlen(a->kwonlyargs[i].name));
      compile_expr(c, a->kw_defaults[i]);
      nkwd++;
    }
  if (nkwd) {
    emit(c, OP_BUILD_MAP, nkwd);
    flags |= 2;
  }
  obj_code *co = compile_lambda_code(c, e, fs);
  make_closure(c, co, flags);
}

static void compile_expr(comp *c, ast_expr *e) {
  set_line(c, e->pos);
  switch (e->kind) {
  case AST_E_BOOLOP: {
    int end = new_label(c);
    int op = e->u.boolop.op == AST_AND ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP;
    for (int i = 0; i < e->u.boolop.values.n; i++) {
      compile_expr(c, e->u.boolop.values.items[i]);
      if (i < e->u.boolop.values.n - 1) emit(c, op, end);
    }
    bind_label(c, end);
    break;
  }
  case AST_E_NAMEDEXPR:
    compile_expr(c, e->u.namedexpr.value);
    emit(c, OP_COPY, 1);
    compile_name(c, e->u.namedexpr.target->u.name.id, NAME_STORE, e->pos);
    break;
  case AST_E_BINOP:
    compile_expr(c, e->u.binop.left);
    compile_expr(c, e->u.binop.right);
    set_line(c, e->pos);
    emit(c, OP_BINARY_OP, (int)e->u.binop.op);
    break;
  case AST_E_UNARYOP:
    compile_expr(c, e->u.unaryop.operand);
    set_line(c, e->pos);
    switch (e->u.unaryop.op) {
    case AST_NOT: emit(c, OP_UNARY_NOT, 0); break;
    case AST_USUB: emit(c, OP_UNARY_OP, UNOP_NEG); break;
    case AST_UADD: emit(c, OP_UNARY_OP, UNOP_POS); break;
    case AST_INVERT: emit(c, OP_UNARY_OP, UNOP_INVERT); break;
    }
    break;
  case AST_E_LAMBDA: compile_lambda(c, e); break;
  case AST_E_IFEXP: {
    int orelse = new_label(c), end = new_label(c);
    compile_expr(c, e->u.ifexp.test);
    emit(c, OP_POP_JUMP_IF_FALSE, orelse);
    compile_expr(c, e->u.ifexp.body);
    emit(c, OP_JUMP, end);
    bind_label(c, orelse);
    compile_expr(c, e->u.ifexp.orelse);
    bind_label(c, end);
    break;
  }
  case AST_E_DICT: {
    int n = e->u.dict.keys.n;
    bool unpack = false;
    for (int i = 0; i < n; i++)
      if (!e->u.dict.keys.items[i]) unpack = true;
    if (!unpack) {
      for (int i = 0; i < n; i++) {
        compile_expr(c, e->u.dict.keys.items[i]);
        compile_expr(c, e->u.dict.values.items[i]);
      }
      set_line(c, e->pos);
      emit(c, OP_BUILD_MAP, n);
    } else {
      emit(c, OP_BUILD_MAP, 0);
      for (int i = 0; i < n; i++) {
        if (e->u.dict.keys.items[i]) {
          compile_expr(c, e->u.dict.keys.items[i]);
          compile_expr(c, e->u.dict.values.items[i]);
          emit(c, OP_MAP_ADD, 1);
        } else {
          compile_expr(c, e->u.dict.values.items[i]);
          emit(c, OP_DICT_UPDATE, 1);
        }
      }
    }
    break;
  }
  case AST_E_SET:
    if (has_starred(&e->u.seq.elts)) {
      emit(c, OP_BUILD_SET, 0);
      for (int i = 0; i < e->u.seq.elts.n; i++) {
        ast_expr *x = e->u.seq.elts.items[i];
        if (x->kind == AST_E_STARRED) {
          compile_expr(c, x->u.starred.value);
          emit(c, OP_SET_UPDATE, 1);
        } else {
          compile_expr(c, x);
          emit(c, OP_SET_ADD, 1);
        }
      }
    } else {
      compile_exprs(c, &e->u.seq.elts);
      emit(c, OP_BUILD_SET, e->u.seq.elts.n);
    }
    break;
  case AST_E_LISTCOMP: case AST_E_SETCOMP: case AST_E_DICTCOMP: case AST_E_GENEXP:
    compile_comprehension(c, e);
    break;
  case AST_E_YIELD:
    if (c->u->scope->kind != ST_FUNCTION) comp_error(c, e->pos, "'yield' outside function");
    if (e->u.yield.value) compile_expr(c, e->u.yield.value);
    else load_const(c, val_none());
    emit(c, OP_YIELD_VALUE, 0);
    break;
  case AST_E_YIELDFROM:
    if (c->u->scope->kind != ST_FUNCTION) comp_error(c, e->pos, "'yield' outside function");
    compile_expr(c, e->u.yield.value);
    emit(c, OP_GET_YIELD_FROM_ITER, 0);
    load_const(c, val_none());
    emit(c, OP_YIELD_FROM, 0);
    break;
  case AST_E_COMPARE: compile_compare(c, e); break;
  case AST_E_CALL: compile_call(c, e); break;
  case AST_E_FORMATTED: compile_fstring_part(c, e); break;
  case AST_E_JOINEDSTR: compile_joinedstr(c, e); break;
  case AST_E_CONSTANT: compile_constant(c, e); break;
  case AST_E_ATTRIBUTE:
    compile_expr(c, e->u.attribute.value);
    set_line(c, e->pos);
    emit(c, OP_LOAD_ATTR, name_index(c, e->u.attribute.attr));
    break;
  case AST_E_SUBSCRIPT:
    compile_expr(c, e->u.subscript.value);
    compile_slice_or_expr(c, e->u.subscript.slice);
    set_line(c, e->pos);
    emit(c, OP_BINARY_SUBSCR, 0);
    break;
  case AST_E_STARRED: comp_error(c, e->pos, "can't use starred expression here");
  case AST_E_NAME: compile_name(c, e->u.name.id, NAME_LOAD, e->pos); break;
  case AST_E_LIST:
    if (has_starred(&e->u.seq.elts)) build_list_starred(c, &e->u.seq.elts);
    else {
      compile_exprs(c, &e->u.seq.elts);
      emit(c, OP_BUILD_LIST, e->u.seq.elts.n);
    }
    break;
  case AST_E_TUPLE:
    if (has_starred(&e->u.seq.elts)) {
      build_list_starred(c, &e->u.seq.elts);
      emit(c, OP_LIST_TO_TUPLE, 0);
    } else {
      compile_exprs(c, &e->u.seq.elts);
      emit(c, OP_BUILD_TUPLE, e->u.seq.elts.n);
    }
    break;
  case AST_E_SLICE: compile_slice_or_expr(c, e); break;
  default: comp_error(c, e->pos, "unsupported expression");
  }
}

/* ---- assignment targets ---- */

static void compile_store(comp *c, ast_expr *t);

static void compile_unpack(comp *c, ast_expr_list *elts, ast_pos pos) {
  int star = -1;
  for (int i = 0; i < elts->n; i++)
    if (elts->items[i]->kind == AST_E_STARRED) {
      if (star >= 0) comp_error(c, elts->items[i]->pos, "multiple starred expressions in assignment");
      star = i;
    }
  set_line(c, pos);
  if (star < 0) emit(c, OP_UNPACK_SEQUENCE, elts->n);
  else {
    int after = elts->n - star - 1;
    if (star > 255 || after > 0xffff) comp_error(c, pos, "too many expressions in star-unpacking assignment");
    emit(c, OP_UNPACK_EX, star | (after << 8));
  }
  for (int i = 0; i < elts->n; i++) {
    ast_expr *t = elts->items[i];
    compile_store(c, t->kind == AST_E_STARRED ? t->u.starred.value : t);
  }
}

static void compile_store(comp *c, ast_expr *t) {
  set_line(c, t->pos);
  switch (t->kind) {
  case AST_E_NAME: compile_name(c, t->u.name.id, NAME_STORE, t->pos); break;
  case AST_E_ATTRIBUTE:
    compile_expr(c, t->u.attribute.value);
    set_line(c, t->pos);
    emit(c, OP_STORE_ATTR, name_index(c, t->u.attribute.attr));
    break;
  case AST_E_SUBSCRIPT:
    compile_expr(c, t->u.subscript.value);
    compile_slice_or_expr(c, t->u.subscript.slice);
    set_line(c, t->pos);
    emit(c, OP_STORE_SUBSCR, 0);
    break;
  case AST_E_TUPLE: case AST_E_LIST: compile_unpack(c, &t->u.seq.elts, t->pos); break;
  case AST_E_STARRED: comp_error(c, t->pos, "starred assignment target must be in a list or tuple");
  default: comp_error(c, t->pos, "cannot assign to expression");
  }
}

static void compile_delete(comp *c, ast_expr *t) {
  set_line(c, t->pos);
  switch (t->kind) {
  case AST_E_NAME: compile_name(c, t->u.name.id, NAME_DEL, t->pos); break;
  case AST_E_ATTRIBUTE:
    compile_expr(c, t->u.attribute.value);
    emit(c, OP_DELETE_ATTR, name_index(c, t->u.attribute.attr));
    break;
  case AST_E_SUBSCRIPT:
    compile_expr(c, t->u.subscript.value);
    compile_slice_or_expr(c, t->u.subscript.slice);
    emit(c, OP_DELETE_SUBSCR, 0);
    break;
  case AST_E_TUPLE: case AST_E_LIST:
    for (int i = 0; i < t->u.seq.elts.n; i++) compile_delete(c, t->u.seq.elts.items[i]);
    break;
  default: comp_error(c, t->pos, "cannot delete expression");
  }
}

/* ---- functions, lambdas, classes, comprehensions ---- */

static void make_closure(comp *c, obj_code *co, int flags) {
  if (co->nfree) {
    for (int i = 0; i < co->nfree; i++) {
      int ix = cell_index(c, co->freevars[i]->data);
      if (ix < 0) {
        c->pending = val_null();
        obj_decref(co);
        comp_error(c, (ast_pos){c->u->lineno, 0, c->u->lineno, 0}, "internal error: no closure cell for '%s'",
                   co->freevars[i]->data);
      }
      emit(c, OP_LOAD_CLOSURE, ix);
    }
    emit(c, OP_BUILD_TUPLE, co->nfree);
    flags |= 8;
  }
  c->pending = val_null();   /* load_const takes the reference */
  load_const(c, val_obj(co));
  emit(c, OP_MAKE_FUNCTION, flags);
}

static void set_arg_counts(comp_unit *u, ast_arguments *a) {
  u->argcount = a->nposonly + a->nargs;
  u->posonly = a->nposonly;
  u->kwonly = a->nkwonly;
  if (a->vararg) u->flags |= CO_VARARGS;
  if (a->kwarg) u->flags |= CO_VARKW;
}

static int compile_defaults(comp *c, ast_arguments *a) {
  int flags = 0;
  if (a->ndefaults) {
    for (int i = 0; i < a->ndefaults; i++) compile_expr(c, a->defaults[i]);
    emit(c, OP_BUILD_TUPLE, a->ndefaults);
    flags |= 1;
  }
  int nkwd = 0;
  for (int i = 0; i < a->nkwonly; i++)
    if (a->kw_defaults[i]) {
      load_str_const(c, a->kwonlyargs[i].name, strlen(a->kwonlyargs[i].name));
      compile_expr(c, a->kw_defaults[i]);
      nkwd++;
    }
  if (nkwd) {
    emit(c, OP_BUILD_MAP, nkwd);
    flags |= 2;
  }
  return flags;
}

static bool is_docstring(ast_stmt_list *body) {
  if (body->n == 0) return false;
  ast_stmt *s = body->items[0];
  return s->kind == AST_S_EXPR && s->u.value.value->kind == AST_E_CONSTANT &&
         s->u.value.value->u.constant.kind == AST_C_STR;
}

static obj_code *compile_lambda_code(comp *c, ast_expr *e, st_scope *fs) {
  enter_unit(c, fs, "<lambda>", e->pos.lineno);
  set_arg_counts(c->u, e->u.lambda.args);
  compile_expr(c, e->u.lambda.body);
  if (!(c->u->flags & CO_GENERATOR)) emit(c, OP_RETURN_VALUE, 0);
  else {
    emit(c, OP_POP_TOP, 0);
    load_const(c, val_none());
    emit(c, OP_RETURN_VALUE, 0);
  }
  return finish_unit(c);
}

static void compile_funcdef(comp *c, ast_stmt *s) {
  st_scope *fs = st_lookup_child(c->u->scope, s);
  for (int i = 0; i < s->u.funcdef.decorators.n; i++) {
    compile_expr(c, s->u.funcdef.decorators.items[i]);
    emit(c, OP_PUSH_NULL, 0);
  }
  set_line(c, s->pos);
  int flags = compile_defaults(c, s->u.funcdef.args);
  int firstline = s->pos.lineno;
  if (s->u.funcdef.decorators.n) firstline = s->u.funcdef.decorators.items[0]->pos.lineno;
  enter_unit(c, fs, s->u.funcdef.name, firstline);
  set_arg_counts(c->u, s->u.funcdef.args);
  ast_stmt_list body = s->u.funcdef.body;
  if (is_docstring(&body)) {
    ast_expr *d = body.items[0]->u.value.value;
    obj_str *doc = str_new(c->vm, d->u.constant.s, (int64_t)d->u.constant.len);
    if (!doc) oom(c);   /* (val_obj(NULL) is not VAL_IS_NULL: test the pointer) */
    c->u->doc = val_obj(doc);
    body.items++;
    body.n--;
  }
  compile_stmts(c, &body);
  load_const(c, val_none());
  emit(c, OP_RETURN_VALUE, 0);
  obj_code *co = finish_unit(c);
  set_line(c, s->pos);
  make_closure(c, co, flags);
  for (int i = 0; i < s->u.funcdef.decorators.n; i++) emit(c, OP_CALL, 1);
  compile_name(c, s->u.funcdef.name, NAME_STORE, s->pos);
}

static void compile_classdef(comp *c, ast_stmt *s) {
  st_scope *cs = st_lookup_child(c->u->scope, s);
  for (int i = 0; i < s->u.classdef.decorators.n; i++) {
    compile_expr(c, s->u.classdef.decorators.items[i]);
    emit(c, OP_PUSH_NULL, 0);
  }
  set_line(c, s->pos);
  emit(c, OP_LOAD_BUILD_CLASS, 0);
  emit(c, OP_PUSH_NULL, 0);
  int firstline = s->pos.lineno;
  if (s->u.classdef.decorators.n) firstline = s->u.classdef.decorators.items[0]->pos.lineno;
  enter_unit(c, cs, s->u.classdef.name, firstline);
  ast_stmt_list body = s->u.classdef.body;
  if (is_docstring(&body)) {
    ast_expr *d = body.items[0]->u.value.value;
    load_str_const(c, d->u.constant.s, d->u.constant.len);
    emit(c, OP_STORE_NAME, name_index(c, "__doc__"));
    body.items++;
    body.n--;
  }
  compile_stmts(c, &body);
  if (cs->needs_class_cell) emit(c, OP_LOAD_CLOSURE, cell_index(c, "__class__"));
  else load_const(c, val_none());
  emit(c, OP_RETURN_VALUE, 0);
  obj_code *co = finish_unit(c);
  set_line(c, s->pos);
  make_closure(c, co, 0);
  load_str_const(c, s->u.classdef.name, strlen(s->u.classdef.name));
  ast_expr_list bases = s->u.classdef.bases;
  bool star = has_starred(&bases);
  int nk = s->u.classdef.nkeywords;
  if (star) comp_error(c, s->pos, "starred base classes are not supported");
  compile_exprs(c, &bases);
  if (nk) {
    obj_tuple *names = tuple_new(c->vm, nk);
    if (!names) oom(c);
    for (int i = 0; i < nk; i++) {
      if (!s->u.classdef.keywords[i].arg) {
        obj_decref(names);
        comp_error(c, s->pos, "class keyword unpacking is not supported");
      }
      compile_expr(c, s->u.classdef.keywords[i].value);
      obj_str *k = intern(c, s->u.classdef.keywords[i].arg);
      obj_incref(k);
      names->items[i] = val_obj(k);
    }
    load_const(c, val_obj(names));
    emit(c, OP_CALL_KW, 2 + bases.n + nk);
  } else {
    emit(c, OP_CALL, 2 + bases.n);
  }
  for (int i = 0; i < s->u.classdef.decorators.n; i++) emit(c, OP_CALL, 1);
  compile_name(c, s->u.classdef.name, NAME_STORE, s->pos);
}

/* Body of a comprehension for generator gi; the result collection (if any) is at stack depth. */
static void comprehension_body(comp *c, ast_expr *e, int gi, int depth) {
  ast_comprehension *g = &e->u.comp.generators[gi];
  int start = new_label(c), cleanup = new_label(c), if_cleanup = new_label(c);
  if (gi == 0) emit(c, OP_LOAD_FAST, local_index(c, ".0"));
  else {
    compile_expr(c, g->iter);
    emit(c, OP_GET_ITER, 0);
  }
  bind_label(c, start);
  emit(c, OP_FOR_ITER, cleanup);
  compile_store(c, g->target);
  for (int i = 0; i < g->ifs.n; i++) {
    compile_expr(c, g->ifs.items[i]);
    emit(c, OP_POP_JUMP_IF_FALSE, if_cleanup);
  }
  if (gi + 1 < e->u.comp.ngenerators) {
    comprehension_body(c, e, gi + 1, depth + 1);
  } else {
    switch (e->kind) {
    case AST_E_GENEXP:
      compile_expr(c, e->u.comp.elt);
      emit(c, OP_YIELD_VALUE, 0);
      emit(c, OP_POP_TOP, 0);
      break;
    case AST_E_LISTCOMP:
      compile_expr(c, e->u.comp.elt);
      emit(c, OP_LIST_APPEND, depth + 2);
      break;
    case AST_E_SETCOMP:
      compile_expr(c, e->u.comp.elt);
      emit(c, OP_SET_ADD, depth + 2);
      break;
    default:
      compile_expr(c, e->u.comp.elt);
      compile_expr(c, e->u.comp.value);
      emit(c, OP_MAP_ADD, depth + 2);
      break;
    }
  }
  bind_label(c, if_cleanup);
  emit(c, OP_JUMP_BACKWARD, start);
  bind_label(c, cleanup);
}

static void compile_comprehension(comp *c, ast_expr *e) {
  st_scope *cs = st_lookup_child(c->u->scope, e);
  static const char *names[] = {"<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"};
  int k = e->kind == AST_E_LISTCOMP ? 0 : e->kind == AST_E_SETCOMP ? 1 : e->kind == AST_E_DICTCOMP ? 2 : 3;
  enter_unit(c, cs, names[k], e->pos.lineno);
  c->u->argcount = 1;
  if (e->kind == AST_E_LISTCOMP) emit(c, OP_BUILD_LIST, 0);
  else if (e->kind == AST_E_SETCOMP) emit(c, OP_BUILD_SET, 0);
  else if (e->kind == AST_E_DICTCOMP) emit(c, OP_BUILD_MAP, 0);
  comprehension_body(c, e, 0, 0);
  if (e->kind == AST_E_GENEXP) load_const(c, val_none());
  emit(c, OP_RETURN_VALUE, 0);
  obj_code *co = finish_unit(c);
  set_line(c, e->pos);
  make_closure(c, co, 0);
  emit(c, OP_PUSH_NULL, 0);
  compile_expr(c, e->u.comp.generators[0].iter);
  emit(c, OP_GET_ITER, 0);
  set_line(c, e->pos);
  emit(c, OP_CALL, 1);
}

/* ---- statements ---- */

static fblock *innermost_loop(comp *c) {
  comp_unit *u = c->u;
  for (int i = u->nfblocks - 1; i >= 0; i--)
    if (u->fblocks[i].kind == FB_WHILE || u->fblocks[i].kind == FB_FOR) return &u->fblocks[i];
  return NULL;
}

static void compile_try_except(comp *c, ast_stmt *s) {
  int handler = new_label(c), end = new_label(c), orelse = new_label(c), cleanup = new_label(c);
  emit(c, OP_SETUP_FINALLY, handler);
  push_fblock(c, FB_TRY_EXCEPT, -1, -1, s, s->pos);
  compile_stmts(c, &s->u.try_.body);
  pop_fblock(c);
  emit(c, OP_POP_BLOCK, 0);
  emit(c, OP_JUMP, orelse);
  /* [exc] */
  bind_label(c, handler);
  emit(c, OP_PUSH_EXC_INFO, 0);   /* [prev, exc] */
  emit(c, OP_SETUP_FINALLY, cleanup);
  for (int i = 0; i < s->u.try_.nhandlers; i++) {
    ast_excepthandler *h = &s->u.try_.handlers[i];
    set_line(c, h->pos);
    if (!h->type && i < s->u.try_.nhandlers - 1) comp_error(c, h->pos, "default 'except:' must be last");
    int next = new_label(c);
    if (h->type) {
      compile_expr(c, h->type);
      emit(c, OP_CHECK_EXC_MATCH, 0);
      emit(c, OP_POP_JUMP_IF_FALSE, next);
    }
    if (h->name) {
      emit(c, OP_COPY, 1);
      compile_name(c, h->name, NAME_STORE, h->pos);
    }
    push_fblock(c, FB_HANDLER_CLEANUP, -1, -1, NULL, h->pos);
    c->u->fblocks[c->u->nfblocks - 1].handler_name = h->name;
    compile_stmts(c, &h->body);
    pop_fblock(c);
    emit(c, OP_POP_BLOCK, 0);
    emit(c, OP_POP_TOP, 0);          /* exc */
    emit(c, OP_POP_EXCEPT, 0);       /* prev */
    if (h->name) clear_handler_name(c, h->name);
    emit(c, OP_JUMP, end);
    bind_label(c, next);
  }
  /* no handler matched: re-raise (the cleanup handler restores prev) */
  emit(c, OP_POP_BLOCK, 0);
  emit(c, OP_SWAP, 2);
  emit(c, OP_POP_EXCEPT, 0);
  emit(c, OP_RERAISE, 0);
  /* an exception inside a handler: [prev, exc, new] */
  bind_label(c, cleanup);
  emit(c, OP_SWAP, 2);
  emit(c, OP_POP_TOP, 0);
  emit(c, OP_SWAP, 2);
  emit(c, OP_POP_EXCEPT, 0);
  emit(c, OP_RERAISE, 0);
  bind_label(c, orelse);
  compile_stmts(c, &s->u.try_.orelse);
  bind_label(c, end);
}

static void compile_try_finally(comp *c, ast_stmt *s) {
  int handler = new_label(c), end = new_label(c), cleanup = new_label(c);
  emit(c, OP_SETUP_FINALLY, handler);
  push_fblock(c, FB_FINALLY_TRY, -1, -1, s, s->pos);
  if (s->u.try_.nhandlers) compile_try_except(c, s);
  else compile_stmts(c, &s->u.try_.body);
  pop_fblock(c);
  emit(c, OP_POP_BLOCK, 0);
  compile_stmts(c, &s->u.try_.finalbody);
  emit(c, OP_JUMP, end);
  /* exceptional path: [exc] */
  bind_label(c, handler);
  emit(c, OP_PUSH_EXC_INFO, 0);
  emit(c, OP_SETUP_FINALLY, cleanup);
  push_fblock(c, FB_FINALLY_END, -1, -1, s, s->pos);
  compile_stmts(c, &s->u.try_.finalbody);
  pop_fblock(c);
  emit(c, OP_POP_BLOCK, 0);
  emit(c, OP_SWAP, 2);
  emit(c, OP_POP_EXCEPT, 0);
  emit(c, OP_RERAISE, 0);
  bind_label(c, cleanup);
  emit(c, OP_SWAP, 2);
  emit(c, OP_POP_TOP, 0);
  emit(c, OP_SWAP, 2);
  emit(c, OP_POP_EXCEPT, 0);
  emit(c, OP_RERAISE, 0);
  bind_label(c, end);
}

static void compile_with_items(comp *c, ast_stmt *s, int i) {
  ast_withitem *it = &s->u.with.items[i];
  int handler = new_label(c), end = new_label(c), cleanup = new_label(c), suppress = new_label(c);
  compile_expr(c, it->context_expr);
  set_line(c, s->pos);
  emit(c, OP_BEFORE_WITH, 0);        /* [exit, enter_result] */
  /* the handler's block is set up once the enter result is off the stack: its level is [exit], so
     an exception in the body (say inside print(f())) unwinds to [exit] and the handler finds [exit,
     exc]. (An exception while storing the `as` target therefore skips __exit__, unlike CPython.) */
  if (it->optional_vars) compile_store(c, it->optional_vars);
  else emit(c, OP_POP_TOP, 0);
  emit(c, OP_SETUP_FINALLY, handler);
  push_fblock(c, FB_WITH, -1, -1, s, s->pos);
  if (i + 1 < s->u.with.nitems) compile_with_items(c, s, i + 1);
  else compile_stmts(c, &s->u.with.body);
  pop_fblock(c);
  set_line(c, s->pos);
  emit(c, OP_POP_BLOCK, 0);
  emit(c, OP_WITH_EXIT, 0);
  emit(c, OP_JUMP, end);
  /* [exit, exc] */
  bind_label(c, handler);
  emit(c, OP_PUSH_EXC_INFO, 0);      /* [exit, prev, exc] */
  emit(c, OP_SETUP_FINALLY, cleanup);
  emit(c, OP_WITH_EXCEPT_START, 0);  /* [exit, prev, exc, res] */
  emit(c, OP_POP_JUMP_IF_TRUE, suppress);
  emit(c, OP_POP_BLOCK, 0);
  emit(c, OP_SWAP, 2);
  emit(c, OP_POP_EXCEPT, 0);
  emit(c, OP_RERAISE, 0);
  bind_label(c, suppress);           /* [exit, prev, exc] */
  emit(c, OP_POP_BLOCK, 0);
  emit(c, OP_POP_TOP, 0);
  emit(c, OP_POP_EXCEPT, 0);
  emit(c, OP_POP_TOP, 0);
  emit(c, OP_JUMP, end);
  bind_label(c, cleanup);            /* [exit, prev, exc, new] */
  emit(c, OP_SWAP, 2);
  emit(c, OP_POP_TOP, 0);
  emit(c, OP_SWAP, 2);
  emit(c, OP_POP_EXCEPT, 0);
  emit(c, OP_RERAISE, 0);
  bind_label(c, end);
}

static void compile_import(comp *c, ast_stmt *s) {
  for (int i = 0; i < s->u.import.nnames; i++) {
    ast_alias *a = &s->u.import.names[i];
    load_const(c, val_int(0));
    load_const(c, val_none());
    emit(c, OP_IMPORT_NAME, name_index(c, a->name));
    if (a->asname) {
      /* import a.b.c as d: walk down to the last component */
      const char *p = strchr(a->name, '.');
      while (p) {
        const char *q = strchr(p + 1, '.');
        size_t n = q ? (size_t)(q - p - 1) : strlen(p + 1);
        char *part = ast_strndup(c->arena, p + 1, n);
        if (!part) oom(c);
        emit(c, OP_IMPORT_FROM, name_index(c, part));
        emit(c, OP_SWAP, 2);
        emit(c, OP_POP_TOP, 0);
        p = q;
      }
      compile_name(c, a->asname, NAME_STORE, a->pos);
    } else {
      const char *dot = strchr(a->name, '.');
      char *top = dot ? ast_strndup(c->arena, a->name, (size_t)(dot - a->name)) : (char *)a->name;
      if (!top) oom(c);
      compile_name(c, top, NAME_STORE, a->pos);
    }
  }
}

static void compile_importfrom(comp *c, ast_stmt *s) {
  int n = s->u.import.nnames;
  obj_tuple *names = tuple_new(c->vm, n);
  if (!names) oom(c);
  for (int i = 0; i < n; i++) {
    obj_str *k = intern(c, s->u.import.names[i].name);
    obj_incref(k);
    names->items[i] = val_obj(k);
  }
  load_const(c, val_int(s->u.import.level));
  load_const(c, val_obj(names));
  emit(c, OP_IMPORT_NAME, name_index(c, s->u.import.module ? s->u.import.module : ""));
  if (n == 1 && strcmp(s->u.import.names[0].name, "*") == 0) {
    emit(c, OP_IMPORT_STAR, 0);
    return;
  }
  for (int i = 0; i < n; i++) {
    ast_alias *a = &s->u.import.names[i];
    set_line(c, a->pos);
    emit(c, OP_IMPORT_FROM, name_index(c, a->name));
    compile_name(c, a->asname ? a->asname : a->name, NAME_STORE, a->pos);
  }
  emit(c, OP_POP_TOP, 0);
}

static void compile_augassign(comp *c, ast_stmt *s) {
  ast_expr *t = s->u.augassign.target;
  int op = BINOP_INPLACE + (int)s->u.augassign.op;
  switch (t->kind) {
  case AST_E_NAME:
    compile_name(c, t->u.name.id, NAME_LOAD, t->pos);
    compile_expr(c, s->u.augassign.value);
    set_line(c, s->pos);
    emit(c, OP_BINARY_OP, op);
    compile_name(c, t->u.name.id, NAME_STORE, t->pos);
    break;
  case AST_E_ATTRIBUTE: {
    int ni = name_index(c, t->u.attribute.attr);
    compile_expr(c, t->u.attribute.value);
    emit(c, OP_COPY, 1);
    set_line(c, t->pos);
    emit(c, OP_LOAD_ATTR, ni);
    compile_expr(c, s->u.augassign.value);
    set_line(c, s->pos);
    emit(c, OP_BINARY_OP, op);
    emit(c, OP_SWAP, 2);
    emit(c, OP_STORE_ATTR, ni);
    break;
  }
  case AST_E_SUBSCRIPT:
    compile_expr(c, t->u.subscript.value);
    compile_slice_or_expr(c, t->u.subscript.slice);
    emit(c, OP_COPY, 2);
    emit(c, OP_COPY, 2);
    set_line(c, t->pos);
    emit(c, OP_BINARY_SUBSCR, 0);
    compile_expr(c, s->u.augassign.value);
    set_line(c, s->pos);
    emit(c, OP_BINARY_OP, op);
    emit(c, OP_SWAP, 3);
    emit(c, OP_SWAP, 2);
    emit(c, OP_STORE_SUBSCR, 0);
    break;
  default: comp_error(c, t->pos, "'%s' is an illegal expression for augmented assignment", "expression");
  }
}

static void compile_stmt(comp *c, ast_stmt *s) {
  set_line(c, s->pos);
  comp_unit *u = c->u;
  switch (s->kind) {
  case AST_S_FUNCTIONDEF: compile_funcdef(c, s); break;
  case AST_S_CLASSDEF: compile_classdef(c, s); break;
  case AST_S_RETURN: {
    if (u->scope->kind != ST_FUNCTION && u->scope->kind != ST_COMPREHENSION)
      comp_error(c, s->pos, "'return' outside function");
    bool has_value = s->u.value.value != NULL;
    if (has_value && (u->flags & CO_GENERATOR) && 0) comp_error(c, s->pos, "'return' with value in async generator");
    if (has_value) compile_expr(c, s->u.value.value);
    else load_const(c, val_none());
    unwind_stack(c, true, false);
    set_line(c, s->pos);
    emit(c, OP_RETURN_VALUE, 0);
    break;
  }
  case AST_S_DELETE:
    for (int i = 0; i < s->u.targets.targets.n; i++) compile_delete(c, s->u.targets.targets.items[i]);
    break;
  case AST_S_ASSIGN: {
    int n = s->u.assign.targets.n;
    compile_expr(c, s->u.assign.value);
    for (int i = 0; i < n; i++) {
      if (i < n - 1) emit(c, OP_COPY, 1);
      compile_store(c, s->u.assign.targets.items[i]);
    }
    break;
  }
  case AST_S_AUGASSIGN: compile_augassign(c, s); break;
  case AST_S_ANNASSIGN:
    if (s->u.annassign.value) {
      compile_expr(c, s->u.annassign.value);
      compile_store(c, s->u.annassign.target);
    }
    break;
  case AST_S_FOR: {
    int start = new_label(c), cleanup = new_label(c), end = new_label(c);
    compile_expr(c, s->u.for_.iter);
    set_line(c, s->pos);
    emit(c, OP_GET_ITER, 0);
    bind_label(c, start);
    set_line(c, s->pos);
    emit(c, OP_FOR_ITER, cleanup);
    push_fblock(c, FB_FOR, start, end, s, s->pos);
    compile_store(c, s->u.for_.target);
    compile_stmts(c, &s->u.for_.body);
    pop_fblock(c);
    set_line(c, s->pos);
    emit(c, OP_JUMP_BACKWARD, start);
    bind_label(c, cleanup);
    compile_stmts(c, &s->u.for_.orelse);
    bind_label(c, end);
    break;
  }
  case AST_S_WHILE: {
    int start = new_label(c), orelse = new_label(c), end = new_label(c);
    bind_label(c, start);
    compile_expr(c, s->u.while_.test);
    emit(c, OP_POP_JUMP_IF_FALSE, orelse);
    push_fblock(c, FB_WHILE, start, end, s, s->pos);
    compile_stmts(c, &s->u.while_.body);
    pop_fblock(c);
    set_line(c, s->pos);
    emit(c, OP_JUMP_BACKWARD, start);
    bind_label(c, orelse);
    compile_stmts(c, &s->u.while_.orelse);
    bind_label(c, end);
    break;
  }
  case AST_S_IF: {
    int orelse = new_label(c), end = new_label(c);
    compile_expr(c, s->u.if_.test);
    emit(c, OP_POP_JUMP_IF_FALSE, orelse);
    compile_stmts(c, &s->u.if_.body);
    if (s->u.if_.orelse.n) emit(c, OP_JUMP, end);
    bind_label(c, orelse);
    compile_stmts(c, &s->u.if_.orelse);
    bind_label(c, end);
    break;
  }
  case AST_S_WITH: compile_with_items(c, s, 0); break;
  case AST_S_RAISE:
    if (s->u.raise.exc) {
      compile_expr(c, s->u.raise.exc);
      if (s->u.raise.cause) {
        compile_expr(c, s->u.raise.cause);
        set_line(c, s->pos);
        emit(c, OP_RAISE_VARARGS, 2);
      } else {
        set_line(c, s->pos);
        emit(c, OP_RAISE_VARARGS, 1);
      }
    } else {
      emit(c, OP_RAISE_VARARGS, 0);
    }
    break;
  case AST_S_TRY:
    if (s->u.try_.finalbody.n) compile_try_finally(c, s);
    else compile_try_except(c, s);
    break;
  case AST_S_ASSERT: {
    int end = new_label(c);
    compile_expr(c, s->u.assert_.test);
    emit(c, OP_POP_JUMP_IF_TRUE, end);
    set_line(c, s->pos);
    emit(c, OP_LOAD_ASSERTION_ERROR, 0);
    if (s->u.assert_.msg) {
      emit(c, OP_PUSH_NULL, 0);
      compile_expr(c, s->u.assert_.msg);
      set_line(c, s->pos);
      emit(c, OP_CALL, 1);
    }
    emit(c, OP_RAISE_VARARGS, 1);
    bind_label(c, end);
    break;
  }
  case AST_S_IMPORT: compile_import(c, s); break;
  case AST_S_IMPORTFROM: compile_importfrom(c, s); break;
  case AST_S_GLOBAL: case AST_S_NONLOCAL: case AST_S_PASS: break;
  case AST_S_EXPR: {
    ast_expr *v = s->u.value.value;
    if (u->flags & CO_INTERACTIVE) {
      compile_expr(c, v);
      emit(c, OP_PRINT_EXPR, 0);
    } else if (v->kind == AST_E_CONSTANT) {
      /* a bare constant (docstring-like): nothing to run */
    } else {
      compile_expr(c, v);
      emit(c, OP_POP_TOP, 0);
    }
    break;
  }
  case AST_S_BREAK: {
    fblock *loop = innermost_loop(c);
    if (!loop) comp_error(c, s->pos, "'break' outside loop");
    int brk = loop->break_label;
    bool is_for = loop->kind == FB_FOR;
    unwind_stack(c, false, true);
    if (is_for) emit(c, OP_POP_TOP, 0);
    emit(c, OP_JUMP, brk);
    break;
  }
  case AST_S_CONTINUE: {
    fblock *loop = innermost_loop(c);
    if (!loop) comp_error(c, s->pos, "'continue' not properly in loop");
    int cont = loop->continue_label;
    unwind_stack(c, false, true);
    emit(c, OP_JUMP_BACKWARD, cont);
    break;
  }
  default: comp_error(c, s->pos, "unsupported statement");
  }
}

static void compile_stmts(comp *c, ast_stmt_list *l) {
  for (int i = 0; i < l->n; i++) compile_stmt(c, l->items[i]);
}

/* ---- entry points ---- */

obj_code *comp_compile_ctx(lang_vm *vm, ast_module *m, ast_arena *arena, const char *src, size_t len,
                           const char *filename, ast_mode mode, bool last_expr_value) {
  comp c;
  memset(&c, 0, sizeof c);
  c.vm = vm;
  c.src = src;
  c.srclen = len;
  c.filename = filename;
  c.arena = arena;
  c.mode = mode;
  c.last_expr_value = last_expr_value;
  if (setjmp(c.fail)) {
    val_decref(c.pending);
    while (c.u) {
      comp_unit *p = c.u->parent;
      unit_free(c.u);
      c.u = p;
    }
    return NULL;
  }
  st_error se;
  c.top = st_build(m, arena, &se);
  if (!c.top) {
    if (se.msg[0]) comp_error(&c, se.pos, "%s", se.msg);
    oom(&c);
  }
  enter_unit(&c, c.top, "<module>", 1);
  if (mode == AST_MODE_SINGLE) c.u->flags |= CO_INTERACTIVE;
  ast_stmt_list body = m->body;
  if (mode == AST_MODE_EVAL) {
    if (body.n != 1 || body.items[0]->kind != AST_S_EXPR) comp_error(&c, (ast_pos){1, 0, 1, 0}, "invalid syntax");
    compile_expr(&c, body.items[0]->u.value.value);
    emit(&c, OP_RETURN_VALUE, 0);
  } else {
    if (mode == AST_MODE_EXEC && is_docstring(&body)) {
      ast_expr *d = body.items[0]->u.value.value;
      set_line(&c, body.items[0]->pos);
      load_str_const(&c, d->u.constant.s, d->u.constant.len);
      emit(&c, OP_STORE_GLOBAL, name_index(&c, "__doc__"));
    }
    int n = body.n;
    bool value_last = last_expr_value && n > 0 && body.items[n - 1]->kind == AST_S_EXPR;
    for (int i = 0; i < n; i++) {
      if (value_last && i == n - 1) {
        set_line(&c, body.items[i]->pos);
        compile_expr(&c, body.items[i]->u.value.value);
        emit(&c, OP_RETURN_VALUE, 0);
        break;
      }
      compile_stmt(&c, body.items[i]);
    }
    if (!value_last) {
      load_const(&c, val_none());
      emit(&c, OP_RETURN_VALUE, 0);
    }
  }
  return finish_unit(&c);
}

obj_code *comp_compile(lang_vm *vm, ast_module *m, const char *filename, ast_mode mode, bool last_expr_value) {
  ast_arena *arena = ast_arena_new();
  if (!arena) {
    exc_nomem(vm);
    return NULL;
  }
  obj_code *co = comp_compile_ctx(vm, m, arena, "", 0, filename, mode, last_expr_value);
  ast_arena_free(arena);
  return co;
}

/* Raises the parser's error as a SyntaxError (or IndentationError/TabError/MemoryError). */
static void raise_parse_error(lang_vm *vm, ast_error *err, const char *filename) {
  if (strcmp(err->kind, "MemoryError") == 0) {
    exc_nomem(vm);
    return;
  }
  exc_kind k = EXC_SyntaxError;
  if (strcmp(err->kind, "IndentationError") == 0) k = EXC_IndentationError;
  else if (strcmp(err->kind, "TabError") == 0) k = EXC_TabError;
  value e = exc_new(vm, exc_type(vm, k), err->msg);
  if (VAL_IS_NULL(e)) return;
  obj_exc *x = (obj_exc *)e.u.o;
  x->filename = str_or_none(str_from_cstr(vm, filename));
  x->lineno = err->lineno;
  x->offset = err->offset;
  x->end_lineno = err->end_lineno;
  x->end_offset = err->end_offset;
  x->text = err->text ? str_or_none(str_from_cstr(vm, err->text)) : val_none();
  exc_set_object(vm, e);
}

obj_code *comp_compile_source(lang_vm *vm, const char *src, size_t len, const char *filename, ast_mode mode,
                              bool last_expr_value) {
  ast_arena *arena = ast_arena_new();
  if (!arena) {
    exc_nomem(vm);
    return NULL;
  }
  ast_error err;
  memset(&err, 0, sizeof err);
  ast_module *m = ast_parse(src, len, mode, arena, &err);
  obj_code *co = NULL;
  if (!m) raise_parse_error(vm, &err, filename);
  else co = comp_compile_ctx(vm, m, arena, src, len, filename, mode, last_expr_value);
  ast_arena_free(arena);
  return co;
}
