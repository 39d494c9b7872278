/*
** kernel/lang/code.h — code objects, functions, cells, bound methods, frames and generators, the
** compiler entry point and the eval loop (internal header).
*/
#ifndef CT_LANG_CODE_H
#define CT_LANG_CODE_H

#include "kernel/lang/ast.h"
#include "kernel/lang/vm.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum op_code {
#define OP(name, doc) OP_##name,
#include "kernel/lang/opcodes.def"
#undef OP
  OP_COUNT
} op_code;
extern const char *const op_names[OP_COUNT];

#define INS_OP(w) ((int)((w) & 0xff))
#define INS_ARG(w) ((int)((w) >> 8))
#define INS_MAKE(op, arg) ((uint32_t)(op) | ((uint32_t)(arg) << 8))
#define INS_ARG_MAX 0xffffff

enum {
  CO_VARARGS = 1,       /* *args */
  CO_VARKW = 2,         /* **kwargs */
  CO_GENERATOR = 4,     /* contains yield */
  CO_NEWLOCALS = 8,     /* function scope (fast locals); else module/class body (name lookups) */
  CO_CLASS = 16,        /* a class body */
  CO_INTERACTIVE = 32   /* expression statements print their value (REPL) */
};

typedef struct obj_code {
  obj hdr;
  uint32_t *code; int ncode;
  int32_t *lines;             /* line of each instruction */
  value *consts; int nconsts;
  obj_str **names; int nnames;      /* attribute / global names */
  obj_str **varnames; int nlocals;  /* fast locals: parameters first */
  obj_str **cellvars; int ncells;   /* variables of this scope captured by inner functions */
  obj_str **freevars; int nfree;    /* variables of outer scopes used here */
  int *cell2arg;              /* ncells entries: parameter index the cell starts from, or -1 */
  int argcount;               /* positional parameters (posonly included) */
  int posonlyargcount;
  int kwonlyargcount;
  int flags;                  /* CO_* */
  int stacksize;              /* maximum value-stack depth */
  int nblocks;                /* maximum handler-block depth */
  obj_str *name, *qualname, *filename;
  int firstlineno;
  value doc;                  /* docstring (str) or None */
  struct global_cache *gcache; /* ncode entries (LOAD_GLOBAL/STORE_GLOBAL inline caches), or NULL */
  struct attr_cache *acache;   /* ncode entries (LOAD_ATTR/STORE_ATTR/LOAD_METHOD inline caches), or NULL */
} obj_code;

/* Inline cache of an attribute instruction on instances of one heap type: valid while
   lang_type_epoch is unchanged. kind: 0 empty; 1 no data descriptor of that name (plain instance
   dict access, descr = the class attribute found, if any); for LOAD_METHOD descr is the method. */
typedef struct attr_cache {
  obj_type *type;             /* borrowed; compared only */
  uint32_t epoch;
  uint32_t ix;                /* kind 1: entry number where the instance dict held the name last time
                                 (a hint, checked against the entry's key before use) */
  uint8_t kind;
  value descr;                /* borrowed from the type dict */
} attr_cache;

/* Inline cache of a global-name instruction: which dict held the name, at which entry, valid while
   the dicts' versions (bumped when keys are added or removed) are unchanged. */
typedef struct global_cache {
  obj_dict *globals;          /* borrowed; compared, never dereferenced unless equal to the frame's */
  uint32_t gver, bver;
  int32_t ix;
  uint8_t where;              /* 0: empty, 1: globals, 2: builtins */
} global_cache;

typedef struct obj_func {
  obj hdr;
  obj_dict *dict;             /* function attributes (__dict__) */
  obj_code *code;
  obj_dict *globals;
  obj_tuple *defaults;        /* NULL if none */
  obj_dict *kwdefaults;       /* NULL if none */
  obj_tuple *closure;         /* cells for code->freevars, NULL if none */
  obj_str *name, *qualname, *module;
  value doc;
} obj_func;

typedef struct obj_cell { obj hdr; value v; /* VAL_NULL: empty */ } obj_cell;

typedef struct obj_method { obj hdr; value func; value self; } obj_method;   /* bound method */

typedef struct obj_bfunc {    /* builtin function or method descriptor */
  obj hdr;
  const bi_reg *reg;
  value self;                 /* bound object or VAL_NULL */
  obj_type *owner;            /* method descriptor of this type (for messages), or NULL */
  obj_str *module;
} obj_bfunc;

/* A handler pushed by SETUP_FINALLY. */
typedef struct vm_block { int handler; int level; } vm_block;

struct vm_frame {
  obj_code *code;
  obj_func *func;             /* NULL for module code */
  obj_dict *globals;
  obj_dict *locals;           /* module/class namespace (name lookups), NULL in functions */
  vm_frame *back;
  int ip;                     /* next instruction */
  int lasti;                  /* instruction being executed (tracebacks) */
  int sp;                     /* stack depth */
  int nblocks;
  vm_block *blocks;           /* code->nblocks entries */
  value *stack;               /* code->stacksize entries */
  obj_cell **cells;           /* ncells + nfree */
  bool owned_by_gen;          /* lives in a generator (heap), else freed on return */
  bool on_arena;              /* allocated from the vm's frame stack (LIFO), else from lang_alloc */
  bool inlined;               /* run by its caller's vm_exec invocation (CALL without a C call):
                                 returning or unwinding resumes the caller frame in the same loop */
  uint32_t alloc_size;        /* bytes of this frame */
  value fast[];               /* nlocals fast locals */
};

typedef struct obj_gen {
  obj hdr;
  vm_frame *frame;            /* NULL once finished */
  bool running;
  obj_str *name, *qualname;
} obj_gen;

/* ---- code and functions (func.c) ---- */

obj_func *func_new(lang_vm *vm, obj_code *code, obj_dict *globals, obj_str *qualname);
value method_new(lang_vm *vm, value func, value self);
obj_cell *cell_new(lang_vm *vm, value v);
/* Source line of instruction i. */
int code_line(const obj_code *co, int i);

/* ---- compiler (compiler.c, symtable.c) ---- */

/* Compiles a parsed module. mode EXEC/EVAL/SINGLE as ast_parse; for EXEC with last_expr_value the
   value of a final expression statement is returned by the code (notebook cells). Returns a new
   code object, or NULL with SyntaxError (or MemoryError) set on the vm. */
obj_code *comp_compile(lang_vm *vm, ast_module *m, const char *filename, ast_mode mode,
                       bool last_expr_value);
/* Parses and compiles source text: SyntaxError set with CPython's details on failure. */
obj_code *comp_compile_source(lang_vm *vm, const char *src, size_t len, const char *filename,
                              ast_mode mode, bool last_expr_value);

/* ---- eval loop (vm.c, gen.c) ---- */

/* Runs module-level code in globals (locals = globals). Returns its result (None for EXEC). */
value vm_run_code(lang_vm *vm, obj_code *co, obj_dict *globals, obj_dict *locals);
/* Calls a Python function (argument binding + frame + eval). */
value func_call(lang_vm *vm, obj_func *f, const value *args, int nargs, obj_tuple *kwnames);
/* Executes a frame until it returns (or yields: *yielded set). Consumes nothing. */
value vm_exec(lang_vm *vm, vm_frame *f, bool *yielded);
void frame_free(lang_vm *vm, vm_frame *f);
value gen_new(lang_vm *vm, vm_frame *f, obj_func *fn);
/* Runs a class body function with ns as its namespace. Returns the body's __class__ cell (filled by
   build_class once the class exists) or None. */
value vm_run_class_body(lang_vm *vm, obj_func *body, obj_dict *ns);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_CODE_H */
