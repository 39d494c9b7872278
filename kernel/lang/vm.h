/*
** kernel/lang/vm.h — interpreter state, exceptions and the helpers builtins use (internal header).
** One lang_vm per interpreter; it runs on one thread at a time. Builtin modules register through
** bi_reg tables (object.h) and parse their arguments with bi_parse.
*/
#ifndef CT_LANG_VM_H
#define CT_LANG_VM_H

#include <signal.h>
#include <stdio.h>

#include "kernel/lang/object.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- exceptions (exc.c) ---- */

/* Builtin exception classes. ORDER EXC: exc.c's table gives each one's base and name. */
typedef enum exc_kind {
  EXC_BaseException, EXC_SystemExit, EXC_KeyboardInterrupt, EXC_GeneratorExit, EXC_Exception,
  EXC_StopIteration, EXC_ArithmeticError, EXC_FloatingPointError, EXC_OverflowError,
  EXC_ZeroDivisionError, EXC_AssertionError, EXC_AttributeError, EXC_BufferError, EXC_EOFError,
  EXC_ImportError, EXC_ModuleNotFoundError, EXC_LookupError, EXC_IndexError, EXC_KeyError,
  EXC_MemoryError, EXC_NameError, EXC_UnboundLocalError, EXC_OSError, EXC_FileNotFoundError,
  EXC_PermissionError, EXC_TimeoutError, EXC_ReferenceError, EXC_RuntimeError,
  EXC_NotImplementedError, EXC_RecursionError, EXC_SyntaxError, EXC_IndentationError,
  EXC_TabError, EXC_SystemError, EXC_TypeError, EXC_ValueError, EXC_UnicodeError,
  EXC_UnicodeDecodeError, EXC_UnicodeEncodeError, EXC_Warning, EXC_UserWarning,
  EXC_DeprecationWarning, EXC_RuntimeWarning, EXC_SyntaxWarning, EXC_FutureWarning,
  EXC_PendingDeprecationWarning, EXC_ImportWarning, EXC_UnicodeWarning, EXC_BytesWarning,
  EXC_ResourceWarning, EXC_EncodingWarning,
  EXC_COUNT
} exc_kind;

/* The exception object (instances of BaseException and subclasses, including user classes). */
typedef struct exc_tb_entry { struct obj_code *code; int lineno; } exc_tb_entry;
typedef struct obj_exc {
  obj hdr;
  obj_dict *dict;             /* instance attributes (user subclasses) */
  obj_tuple *args;
  value cause, context;       /* __cause__, __context__ (VAL_NONE if unset) */
  bool suppress_context;      /* raise ... from ... */
  int ntb, captb;
  exc_tb_entry *tb;           /* frames the exception passed, innermost first */
  /* SyntaxError details (only for EXC_SyntaxError and subclasses) */
  value filename, text;
  int lineno, offset, end_lineno, end_offset;
  /* what "Did you mean" needs (NameError / AttributeError) */
  obj_str *note_name;
  value note_obj;             /* AttributeError: the object */
  struct obj_code *note_code; /* NameError: the code whose locals are candidates */
  obj_dict *note_globals, *note_locals;
} obj_exc;

obj_type *exc_type(lang_vm *vm, exc_kind k);
/* Raises k with a printf-formatted message. Returns VAL_NULL (exc_seti: -1) for `return exc_set(...)`. */
value exc_set(lang_vm *vm, exc_kind k, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int exc_seti(lang_vm *vm, exc_kind k, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Raises k with the given argument (e.g. KeyError(key)): args = (arg,). */
value exc_set_value(lang_vm *vm, exc_kind k, value arg);
/* MemoryError (preallocated; works when nothing else can be allocated). */
value exc_nomem(lang_vm *vm);
/* Turns the tensor library's thread-local error (ten_error_*) into the matching exception. */
value exc_from_ten(lang_vm *vm);
/* Raises an exception object or class (instantiated with no args) as the `raise` statement does. */
int exc_raise(lang_vm *vm, value exc_or_type);
bool exc_pending(lang_vm *vm);
/* warnings.warn(msg, k) under the default filter: "file:line: UserWarning: msg" and the source
   line on stderr, once per location and message. -1 only on OOM. */
int exc_warn(lang_vm *vm, exc_kind k, const char *msg);
/* True if the pending exception is an instance of k (or of a subclass). */
bool exc_matches(lang_vm *vm, exc_kind k);
/* Takes the pending exception (the caller owns the reference) and clears it; VAL_NULL if none. */
value exc_fetch(lang_vm *vm);
void exc_clear(lang_vm *vm);
/* Writes the traceback + "Type: message" exactly as CPython prints an uncaught exception. */
int exc_format(lang_vm *vm, value exc, strbuf *out);
/* "Type: message" / "message" (str(exc)) parts. */
const char *exc_type_name(value exc);

/* ---- the interpreter state ---- */

typedef struct vm_frame vm_frame;

typedef void (*lang_write_fn)(void *ctx, int stream /* 1 stdout, 2 stderr */, const char *s, size_t n);
typedef int (*lang_input_fn)(void *ctx, const char *prompt, strbuf *line);  /* -1: EOFError */

/* Interned names used by the VM (vm->s.__init__ ...). ORDER NAMES: vm.c fills them. */
#define LANG_NAMES(X)                                                                             \
  X(__init__) X(__new__) X(__repr__) X(__str__) X(__call__) X(__getattr__) X(__getitem__)          \
  X(__setitem__) X(__delitem__) X(__len__) X(__iter__) X(__next__) X(__contains__) X(__bool__)     \
  X(__hash__) X(__eq__) X(__ne__) X(__lt__) X(__le__) X(__gt__) X(__ge__) X(__enter__) X(__exit__) \
  X(__name__) X(__qualname__) X(__module__) X(__doc__) X(__class__) X(__dict__) X(__main__)        \
  X(__builtins__) X(__file__) X(__neg__) X(__pos__) X(__abs__) X(__invert__) X(__index__)          \
  X(__int__) X(__float__) X(__format__) X(__setattr__) X(__delattr__) X(__get__) X(__set__)        \
  X(__all__) X(__path__) X(__spec__) X(__package__) X(__import__) X(__version__) X(__annotations__) \
  X(__round__) X(__reversed__) X(__init_subclass__) X(__set_name__) X(__traceback__) X(__cause__)  \
  X(__context__) X(__mro__) X(__bases__) X(__base__) X(__self__) X(__wrapped__)         \
  X(args) X(keys) X(items) X(values) X(send) X(close) X(write) X(flush) X(self) X(__defaults__)    \
  X(__kwdefaults__) X(__code__) X(__closure__) X(__globals__) X(__subclasshook__)

typedef struct lang_names {
#define LANG_NAME_FIELD(n) obj_str *n;
  LANG_NAMES(LANG_NAME_FIELD)
#undef LANG_NAME_FIELD
} lang_names;

/* Binary-op dunder names: [op] = "__add__", rnames "__radd__", inames "__iadd__". */
typedef struct lang_binop_names { obj_str *name[BINOP_COUNT], *rname[BINOP_COUNT], *iname[BINOP_COUNT]; } lang_binop_names;

struct lang_vm {
  /* exceptions */
  value exc;                  /* pending exception (VAL_NULL if none) */
  value handling;             /* exception being handled (sys.exc_info()), VAL_NULL if none */
  obj_type *exc_types[EXC_COUNT];
  value memory_error;         /* preallocated MemoryError instance */

  /* execution */
  vm_frame *frame;            /* innermost running frame */
  struct frame_chunk *frame_chunks; /* the stack frames of ordinary calls are carved from (call.c) */
  int depth;                  /* Python call depth */
  int recursion_limit;        /* 1000 */
  int c_depth;                /* nested C-level recursion (repr of nested containers ...) */
  volatile sig_atomic_t *interrupt;   /* points at interrupt_flag unless the embedder shares its own */
  volatile sig_atomic_t interrupt_flag;

  /* namespaces */
  obj_dict *builtins;         /* the builtins module dict */
  obj_dict *modules;          /* sys.modules: name -> module */
  struct obj_module *failed_imports; /* modules whose import raised, kept until teardown (import.c) */
  obj_dict *intern;           /* interned strings (keys) */
  obj_dict *sources;          /* filename -> source text (str), for tracebacks */
  obj_list *argv;             /* sys.argv */

  /* I/O (print, sys.stdout.write, input) */
  lang_write_fn write;
  void *write_ctx;
  lang_input_fn input;
  void *input_ctx;

  lang_names s;
  lang_binop_names binop_names;
  obj_str *empty_str;
  obj_tuple *empty_tuple;
  obj_str *char_cache[128];   /* one-character ASCII strings */

  int64_t hash_secret;        /* str hash key (fixed: hashes are deterministic, as PYTHONHASHSEED=0) */
  void *user;                 /* embedder data (the Jupyter kernel) */
};

/* Raises KeyboardInterrupt and returns -1 if an interrupt is pending (clears it). */
int vm_check_interrupt(lang_vm *vm);
/* Enters/leaves one level of C recursion; RecursionError "maximum recursion depth exceeded<what>". */
int vm_enter_recursion(lang_vm *vm, const char *what);

/* The C stack guard (limits.c): true when this thread's stack is within its safety margin of the end,
   whatever sys.setrecursionlimit says, so deep recursion is a RecursionError, never a SIGSEGV. */
extern __thread uintptr_t lang_stack_floor;
uintptr_t lang_stack_floor_init(void);
static inline bool vm_stack_exhausted(void) {
  uintptr_t floor = lang_stack_floor ? lang_stack_floor : lang_stack_floor_init();
  return (uintptr_t)__builtin_frame_address(0) < floor;
}
/* Applies the CTORCH_* limits of the environment (limits.c; once per process). */
void lang_limits_init(void);
/* sys.setrecursionlimit's ceiling (CTORCH_MAX_RECURSION_LIMIT; 0 = none). */
int lang_recursion_ceiling(void);
/* The default sys.getrecursionlimit() (CTORCH_RECURSION_LIMIT, else 1000). */
int lang_recursion_default(void);
static inline void vm_leave_recursion(lang_vm *vm) { vm->c_depth--; }

/* Writes to the vm's stdout/stderr (print, tracebacks, warnings). */
void vm_write(lang_vm *vm, int stream, const char *s, size_t n);

/* ---- builtin modules and argument parsing (builtins.c) ---- */

/* A builtin module: name ("math", "torch", "torch.nn.functional") and its init function, which fills
   the module dict. Listed in builtins.c's loaded_libs[]. */
typedef int (*lang_module_init)(lang_vm *vm, obj_dict *module_dict);
/* Creates a module object with the given dotted name and runs init. Returns new ref. */
value module_new(lang_vm *vm, const char *name, obj_dict *dict);
/* Adds every function of a table to a module dict. 0 / -1. */
int module_add_funcs(lang_vm *vm, obj_dict *d, const bi_reg *funcs);
int module_add_value(lang_vm *vm, obj_dict *d, const char *name, value v);  /* steals v */

/* Binds args/kwnames to the parameter names in spec and writes BORROWED values into out[] in spec
   order (VAL_NULL where an optional parameter was not given). spec: comma-separated names; '|'
   before the first optional one, '$' before keyword-only ones, '*' as the last entry collects
   nothing but allows extra positionals (out[last] = VAL_NULL; the caller inspects args itself).
   Example: bi_parse(vm, "round", args, nargs, kw, "number|ndigits", out).
   Errors (TypeError, CPython's texts): "round() missing required argument 'number' (pos 1)",
   "round() takes at most 2 arguments (3 given)", "round() got an unexpected keyword argument 'x'",
   "round() got multiple values for argument 'number'". Returns 0 / -1. */
int bi_parse(lang_vm *vm, const char *fname, const value *args, int nargs, obj_tuple *kwnames,
             const char *spec, value *out);
/* Argument conversions with CPython's messages ("'str' object cannot be interpreted as an integer",
   "must be real number, not str"). */
int bi_to_int(lang_vm *vm, value v, int64_t *out);
int bi_to_double(lang_vm *vm, value v, double *out);
/* Checks that v is a str: "<fname>() argument <argname> must be str, not int". Borrowed result. */
obj_str *bi_to_str(lang_vm *vm, value v, const char *fname, const char *argname);
/* Raises TypeError "<fname>() takes no keyword arguments" if kwnames is non-empty. 0 / -1. */
int bi_no_kwargs(lang_vm *vm, const char *fname, obj_tuple *kwnames);
/* Checks nargs in [min, max]: "<fname>() takes exactly one argument (2 given)" etc. 0 / -1. */
int bi_check_nargs(lang_vm *vm, const char *fname, int nargs, int min, int max);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_VM_H */
