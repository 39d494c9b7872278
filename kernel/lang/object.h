/*
** kernel/lang/object.h — values, objects and types of the ctorch interpreter (internal header).
** A value is a small tagged struct: None/bool/int/float by value, everything else a refcounted heap
** object whose first field is `obj`. Every object has a type (obj_type), itself an object; a type's
** C slots implement the protocol (repr, call, getattr, binop ...) and its dict holds the methods.
**
** Conventions (house-style rule 6): arguments are borrowed; functions returning a value return a NEW
** reference. A function that can fail returns VAL_NULL (value) / NULL (pointer) / -1 (int) with an
** exception set on the vm (exc_set*). Nothing here longjmps.
*/
#ifndef CT_LANG_OBJECT_H
#define CT_LANG_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lang_vm lang_vm;
typedef struct obj obj;
typedef struct obj_type obj_type;
typedef struct obj_str obj_str;
typedef struct obj_tuple obj_tuple;
typedef struct obj_list obj_list;
typedef struct obj_dict obj_dict;

/* ---- values ---- */

typedef enum val_tag {
  VAL_NULL = 0,   /* no value: "an exception is set" as a return, "absent" as an optional argument */
  VAL_NONE,
  VAL_BOOL,
  VAL_INT,        /* int64; arithmetic overflow raises OverflowError (ctorch ints are 64-bit) */
  VAL_FLOAT,
  VAL_OBJ,
  VAL_STOP        /* returned only by the `next` slot: the iterator is exhausted (no exception set) */
} val_tag;

typedef struct value {
  val_tag tag;
  union { bool b; int64_t i; double f; obj *o; } u;
} value;

#define VAL_IS_NULL(v) ((v).tag == VAL_NULL)
#define VAL_IS_OBJ(v) ((v).tag == VAL_OBJ)

static inline value val_null(void) { value v; v.tag = VAL_NULL; v.u.i = 0; return v; }
static inline value val_stop(void) { value v; v.tag = VAL_STOP; v.u.i = 0; return v; }
static inline value val_none(void) { value v; v.tag = VAL_NONE; v.u.i = 0; return v; }
static inline value val_bool(bool b) { value v; v.tag = VAL_BOOL; v.u.i = 0; v.u.b = b; return v; }
static inline value val_int(int64_t i) { value v; v.tag = VAL_INT; v.u.i = i; return v; }
static inline value val_float(double f) { value v; v.tag = VAL_FLOAT; v.u.f = f; return v; }
/* Wraps o WITHOUT touching its refcount (the caller hands over its reference). */
static inline value val_obj(void *o) { value v; v.tag = VAL_OBJ; v.u.o = (obj *)o; return v; }
/* val_obj of a fresh allocation that may have failed (NULL, MemoryError pending): VAL_NULL then. */
static inline value val_obj_or_null(void *o) { return o ? val_obj(o) : val_null(); }

/* ---- objects ---- */

struct obj {
  int32_t refcnt;     /* immortal objects (static types, singletons) hold OBJ_IMMORTAL and never reach 0 */
  uint32_t size;      /* bytes allocated by obj_alloc (lang_free needs it); 0: static memory */
  obj_type *type;
};

#define OBJ_IMMORTAL (1 << 29)
/* Header initialiser for static objects of type t. */
#define OBJ_STATIC_HEAD(t) {OBJ_IMMORTAL, 0, (t)}

void obj_dealloc(obj *o);   /* type->dealloc then frees the memory; called when refcnt reaches 0 */
void weakref_clear(obj *o); /* lib_weakref.c: o is going; its weakref (if any) goes dead */

static inline void obj_incref(void *p) { ((obj *)p)->refcnt++; }
static inline void obj_decref(void *p) {
  obj *o = (obj *)p;
  if (--o->refcnt == 0) obj_dealloc(o);
}
static inline void obj_xdecref(void *p) { if (p) obj_decref(p); }
static inline value val_incref(value v) { if (v.tag == VAL_OBJ) v.u.o->refcnt++; return v; }
static inline void val_decref(value v) { if (v.tag == VAL_OBJ) obj_decref(v.u.o); }
/* Replaces *slot with v (steals v, releases the old value). */
static inline void val_set(value *slot, value v) { value old = *slot; *slot = v; val_decref(old); }

/* The type of any value (static types for None/bool/int/float). */
obj_type *val_type_slow(value v);
static inline obj_type *val_type(value v) { return v.tag == VAL_OBJ ? v.u.o->type : val_type_slow(v); }
/* Type name as Python prints it in messages: "int", "NoneType", "Tensor". */
const char *val_type_name(value v);

/* ---- memory ---- */

/* All interpreter allocations go through these (counted; CT_FAIL_ALLOC_AFTER honoured in debug builds).
   lang_alloc returns zeroed memory or NULL (the caller raises MemoryError via exc_nomem). */
void *lang_alloc(size_t n);
void *lang_realloc(void *p, size_t old_n, size_t new_n);
void lang_free(void *p, size_t n);
/* Allocates a zeroed object of `size` bytes with refcnt 1 and the given type (type is increfed if it
   is a heap type). NULL + MemoryError on failure (also for sizes >= 4 GiB). */
void *obj_alloc(lang_vm *vm, obj_type *type, size_t size);
void lang_alloc_trim(void);
int64_t lang_alloc_live_bytes(void);
/* CT_DEBUG_ALLOC builds: CTORCH_FAIL_ALLOC_EVERY=N failures (here and in tensor/) count from this call
   on (lang_run makes it), so the interpreter's start-up is not what fails. No-op otherwise. */
void lang_alloc_arm_faults(void);
/* Cap on live interpreter bytes (0 = none): beyond it lang_alloc fails (MemoryError). */
void lang_alloc_set_limit(int64_t bytes);
int64_t lang_alloc_get_limit(void);

/* ---- type objects ---- */

/* Comparison ops (ORDER CMP): as CPython's Py_LT .. Py_GE. */
enum { CMP_LT, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE };

/* Binary ops (ORDER BINOP = ast_operator order); BINOP_INPLACE + op is the augmented form (+=). */
enum {
  BINOP_ADD, BINOP_SUB, BINOP_MUL, BINOP_MATMUL, BINOP_TRUEDIV, BINOP_MOD, BINOP_POW,
  BINOP_LSHIFT, BINOP_RSHIFT, BINOP_OR, BINOP_XOR, BINOP_AND, BINOP_FLOORDIV,
  BINOP_COUNT,
  BINOP_INPLACE = BINOP_COUNT
};
enum { UNOP_NEG, UNOP_POS, UNOP_INVERT, UNOP_ABS };

typedef value (*slot_binop_fn)(lang_vm *vm, value a, value b, int op, bool reflected);

struct obj_type {
  obj hdr;
  const char *name;         /* "int", "Tensor", "Net" (heap types: points into name_str) */
  obj_str *name_str;        /* interned name; __name__ */
  obj_str *qualname;        /* __qualname__ */
  obj_str *module;          /* __module__ ("builtins" for builtin types) or NULL */
  obj_type *base;           /* single inheritance; NULL only for object */
  obj_dict *dict;           /* methods, descriptors, class attributes */
  uint32_t tflags;          /* TYPE_F_* */
  uint32_t version;         /* bumped when the dict of this type or a base changes (method caches) */
  size_t basicsize;         /* bytes of an instance */
  size_t dict_offset;       /* offset of the instance dict pointer (obj_dict *), 0 if none */

  /* ---- slots: NULL means "not supported" after type_ready (inherited from base first) ---- */
  void (*dealloc)(obj *self);                       /* release references held by self (not the memory) */
  value (*repr)(lang_vm *vm, value self);           /* returns a str */
  value (*str)(lang_vm *vm, value self);            /* NULL: repr */
  int (*hash)(lang_vm *vm, value self, int64_t *out); /* -1 on error (e.g. unhashable) */
  value (*call)(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kwnames);
  value (*getattr)(lang_vm *vm, value self, obj_str *name);       /* AttributeError if missing */
  int (*setattr)(lang_vm *vm, value self, obj_str *name, value v); /* v VAL_NULL: delete */
  value (*richcmp)(lang_vm *vm, value a, value b, int op);          /* may return NotImplemented */
  slot_binop_fn binop;                              /* self is a (reflected=false) or b (true); NotImplemented */
  value (*unop)(lang_vm *vm, value self, int op);   /* NotImplemented if unsupported */
  value (*iter)(lang_vm *vm, value self);
  value (*next)(lang_vm *vm, value self);           /* VAL_STOP when exhausted */
  value (*getitem)(lang_vm *vm, value self, value key);
  int (*setitem)(lang_vm *vm, value self, value key, value v);    /* v VAL_NULL: delete */
  int64_t (*len)(lang_vm *vm, value self);          /* -1 on error */
  int (*contains)(lang_vm *vm, value self, value x); /* -1 error, 0, 1 */
  int (*truth)(lang_vm *vm, value self);            /* -1 error, 0, 1; NULL: len, else true */
  /* Called by type_call: make an instance (args exclude the type). NULL: cannot be instantiated. */
  value (*new_)(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kwnames);
  /* __init__ (type_call calls it when new_ returned an instance of type). NULL: object's (no-op). */
  int (*init)(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kwnames);
  /* Descriptor protocol: class attribute d looked up through an instance (inst) or the class
     (inst VAL_NULL). NULL: the attribute itself is returned. */
  value (*descr_get)(lang_vm *vm, value d, value inst, obj_type *owner);
  int (*descr_set)(lang_vm *vm, value d, value inst, value v);    /* data descriptor if non-NULL */
  /* Formatting hook for format()/f-strings (NULL: generic: empty spec = str(), else TypeError). */
  value (*format)(lang_vm *vm, value self, obj_str *spec);

  obj_type *heap_prev, *heap_next;  /* list of live heap types (teardown breaks their cycles) */
};

enum {
  TYPE_F_HEAP = 1,          /* created by a class statement (refcounted, dict mutable) */
  TYPE_F_BASETYPE = 2,      /* may be subclassed */
  TYPE_F_READY = 4,         /* type_ready has run */
  TYPE_F_EXC = 8,           /* BaseException or a subclass */
  TYPE_F_INT_SUB = 16,      /* int or a subclass (bool) — fast isinstance checks */
  TYPE_F_STR_SUB = 32,
  TYPE_F_TUPLE_SUB = 64,
  TYPE_F_LIST_SUB = 128,
  TYPE_F_DICT_SUB = 256,
  TYPE_F_TYPE_SUB = 512,
  TYPE_F_ABSTRACT_EQ = 1024, /* defines __eq__ but not __hash__: instances unhashable */
  TYPE_F_NOREG = 2048,       /* created at run time but immortal (exception classes): not reset at teardown */
  TYPE_F_INSTANCECHECK = 4096, /* isinstance(x, T) also asks T.__instancecheck__(x) (a metaclass's job in CPython) */
  TYPE_F_WEAKREFD = 8192     /* an instance was weakly referenced: dealloc clears weakrefs (lib_weakref.c) */
};

/* Fills inherited slots from base, creates slot-wrapper methods (__repr__, __add__ ...) in the dict
   for C slots, interns the name. Called once per builtin type at start-up. 0 / -1. */
int type_ready(lang_vm *vm, obj_type *t);
/* Creates a heap type as `class name(base): ns` does (copies ns). Returns: new reference. */
obj_type *type_new(lang_vm *vm, obj_str *name, obj_type *base, obj_dict *ns);
/* Looks name up along t's base chain (borrowed result, VAL_NULL if absent; never raises). */
value type_lookup(obj_type *t, obj_str *name);
bool type_is_subtype(const obj_type *t, const obj_type *base);
static inline bool val_isinstance(value v, const obj_type *t) { return type_is_subtype(val_type(v), t); }

/* ---- strings (str.c) ---- */

struct obj_str {
  obj hdr;
  int64_t len;              /* bytes, excluding the NUL */
  int64_t nchars;           /* code points */
  int64_t hash;             /* -1: not computed yet */
  bool ascii;               /* len == nchars */
  bool interned;
  char data[];              /* UTF-8, NUL-terminated */
};

/* New strings. s must be valid UTF-8 (str_new_checked validates and raises UnicodeDecodeError otherwise). */
obj_str *str_new(lang_vm *vm, const char *s, int64_t len);
obj_str *str_from_cstr(lang_vm *vm, const char *s);
obj_str *str_printf(lang_vm *vm, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The interned string for s (one object per distinct text; used for names). Returns a BORROWED
   reference that stays valid for the life of the vm. NULL + MemoryError on failure. */
obj_str *str_intern(lang_vm *vm, const char *s);
obj_str *str_intern_n(lang_vm *vm, const char *s, int64_t len);
int64_t str_hash(obj_str *s);
bool str_eq(const obj_str *a, const obj_str *b);
static inline bool str_eq_cstr(const obj_str *a, const char *s) { return strcmp(a->data, s) == 0; }
static inline const char *str_cstr(const obj_str *s) { return s->data; }
/* Python repr of a str ('abc', "it's", '\n' escapes) appended to buf. Returns new str. */
obj_str *str_repr(lang_vm *vm, const obj_str *s);

/* A growable byte buffer for building strings. */
typedef struct strbuf { char *data; int64_t len, cap; bool oom; } strbuf;
void sb_init(strbuf *b);
void sb_free(strbuf *b);
void sb_add(strbuf *b, const char *s, int64_t n);
void sb_adds(strbuf *b, const char *s);
void sb_addc(strbuf *b, char c);
void sb_printf(strbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Turns the buffer into a str and frees it. NULL + MemoryError (also when b->oom). */
obj_str *sb_finish(lang_vm *vm, strbuf *b);

/* ---- tuples, lists (tuple.c, list.c) ---- */

struct obj_tuple {
  obj hdr;
  int64_t len;
  value items[];
};
/* A tuple of len items, all VAL_NONE-initialised (fill with val_set or direct stores of new refs). */
obj_tuple *tuple_new(lang_vm *vm, int64_t len);
/* Returns t as a value, or frees it and returns VAL_NULL when an item is VAL_NULL (an item's allocation
   failed and left its exception pending). */
value tuple_checked(obj_tuple *t);
/* A tuple holding new references to items[0..n). */
obj_tuple *tuple_from(lang_vm *vm, const value *items, int64_t n);

struct obj_list {
  obj hdr;
  int64_t len, cap;
  value *items;
};
obj_list *list_new(lang_vm *vm, int64_t cap);
int list_append(lang_vm *vm, obj_list *l, value v);        /* increfs v */
int list_append_steal(lang_vm *vm, obj_list *l, value v);  /* takes v's reference (also on failure) */

/* ---- dicts and sets (dict.c, set.c) ---- */

typedef struct dict_entry { int64_t hash; value key; value val; } dict_entry;  /* key VAL_NULL: deleted */
struct obj_dict {
  obj hdr;
  int64_t used;             /* live entries */
  int64_t nentries;         /* entries[0..nentries) in insertion order, holes where deleted */
  int64_t cap;              /* entries capacity */
  int64_t mask;             /* index table size - 1 */
  int32_t *index;           /* -1 empty, -2 deleted, else entry number */
  dict_entry *entries;
  uint32_t version;         /* bumped on every insertion/deletion (iteration checks, caches) */
};
obj_dict *dict_new(lang_vm *vm);
/* Lookup: borrowed value or VAL_NULL when absent; -1 / VAL_NULL+exc only if hashing/eq raised
   (dict_get sets *err = true then). dict_get_str is the fast path for str keys (never raises). */
value dict_get(lang_vm *vm, obj_dict *d, value key, bool *err);
value dict_get_str(obj_dict *d, obj_str *key);
value dict_get_cstr(lang_vm *vm, obj_dict *d, const char *key);
/* Entry number of a str key (for caches that re-read d->entries[ix].val), or -1. Never raises. */
int64_t dict_find_str(obj_dict *d, obj_str *key);
int dict_set(lang_vm *vm, obj_dict *d, value key, value v);        /* increfs both */
int dict_set_str(lang_vm *vm, obj_dict *d, obj_str *key, value v); /* increfs both */
int dict_set_cstr(lang_vm *vm, obj_dict *d, const char *key, value v);
/* 1 deleted, 0 absent, -1 error. */
int dict_del(lang_vm *vm, obj_dict *d, value key);
/* Iteration: *pos starts at 0; returns false at the end. Borrowed key/value. */
bool dict_next(obj_dict *d, int64_t *pos, value *key, value *val);

/* ---- functions and calls ---- */

/* A builtin (C) function: args[0..nargs) positional, then one value per name in kwnames (NULL if no
   keywords). Methods receive self as args[0]. Returns a new reference or VAL_NULL with an exception. */
typedef value (*bi_fn)(lang_vm *vm, const value *args, int nargs, obj_tuple *kwnames);

/* Registration tables (house-style rule 15), terminated by {NULL}. */
enum { BI_VARARGS = -1 };
enum {
  BI_F_KW = 1,              /* accepts keyword arguments (else the VM rejects them) */
  BI_F_STATIC = 2,          /* in a type's method table: a staticmethod (no self) */
  BI_F_CLASS = 4            /* in a type's method table: a classmethod (args[0] is the type) */
};
typedef struct bi_reg {
  const char *name;
  bi_fn fn;
  int nargs;                /* exact positional count (self included for methods), or BI_VARARGS */
  int flags;                /* BI_F_* */
  const char *doc;          /* "matmul(input, other) -> Tensor\n\nMatrix product ..." (inspect_request) */
} bi_reg;

/* Getter/setter table for builtin attributes (tensor.shape, .grad ...). */
typedef struct bi_getset {
  const char *name;
  value (*get)(lang_vm *vm, value self);
  int (*set)(lang_vm *vm, value self, value v);   /* NULL: read-only; v VAL_NULL: delete */
  const char *doc;
} bi_getset;

/* Adds methods / getsets to a builtin type's dict (before or after type_ready). 0 / -1. */
int type_add_methods(lang_vm *vm, obj_type *t, const bi_reg *methods);
int type_add_getsets(lang_vm *vm, obj_type *t, const bi_getset *gs);
/* A builtin function object (not bound); self may be VAL_NULL, else it is passed as args[0]. */
value bfunc_new(lang_vm *vm, const bi_reg *reg, value self);

/* Calls any callable. args[0..nargs) positional + one value per kwnames entry. New ref / VAL_NULL. */
value vm_call(lang_vm *vm, value callable, const value *args, int nargs, obj_tuple *kwnames);
static inline value vm_call0(lang_vm *vm, value f) { return vm_call(vm, f, NULL, 0, NULL); }
static inline value vm_call1(lang_vm *vm, value f, value a) { return vm_call(vm, f, &a, 1, NULL); }
static inline value vm_call2(lang_vm *vm, value f, value a, value b) {
  value args[2] = {a, b};
  return vm_call(vm, f, args, 2, NULL);
}
/* obj.name(args...): method lookup without creating a bound method when possible. */
value vm_call_method(lang_vm *vm, value self, obj_str *name, const value *args, int nargs, obj_tuple *kwnames);

/* ---- the object protocol (object.c) ---- */

value obj_repr(lang_vm *vm, value v);             /* always a str on success */
value obj_str_of(lang_vm *vm, value v);           /* str(v) */
/* repr/str as a C string appended to a strbuf (-1 on error). */
int obj_repr_to(lang_vm *vm, value v, strbuf *b);
int obj_str_to(lang_vm *vm, value v, strbuf *b);
int obj_hash(lang_vm *vm, value v, int64_t *out);
value obj_getattr(lang_vm *vm, value v, obj_str *name);
value obj_getattr_cstr(lang_vm *vm, value v, const char *name);
/* Like getattr but returns VAL_NULL without an exception when the attribute is missing (hasattr). */
value obj_getattr_opt(lang_vm *vm, value v, obj_str *name);
int obj_setattr(lang_vm *vm, value v, obj_str *name, value x);
/* Generic attribute lookup for objects with a type dict (+ instance dict): descriptors, instance
   dict, class attributes, __getattr__; the default getattr/setattr slots. */
value obj_generic_getattr(lang_vm *vm, value self, obj_str *name);
int obj_generic_setattr(lang_vm *vm, value self, obj_str *name, value v);
/* The instance dict (created on demand when create is true), or NULL. Borrowed. */
obj_dict *obj_instance_dict(lang_vm *vm, value self, bool create);

value obj_richcmp(lang_vm *vm, value a, value b, int op);
/* a == b as a C truth value (-1 on error). Identity implies equality for containers (as CPython). */
int obj_eq(lang_vm *vm, value a, value b);
/* 1 if a < b ... via richcmp + truth; -1 on error. */
int obj_cmp_bool(lang_vm *vm, value a, value b, int op);
value obj_binop(lang_vm *vm, value a, value b, int op);   /* op may include BINOP_INPLACE */
value obj_unop(lang_vm *vm, value v, int op);
int obj_truth(lang_vm *vm, value v);
int64_t obj_len(lang_vm *vm, value v);
value obj_iter(lang_vm *vm, value v);
value obj_next(lang_vm *vm, value it);                    /* VAL_STOP when exhausted */
value obj_getitem(lang_vm *vm, value v, value key);
int obj_setitem(lang_vm *vm, value v, value key, value x); /* x VAL_NULL: del */
int obj_contains(lang_vm *vm, value container, value x);
/* int(v) as int64 for indexing (__index__ semantics): TypeError "'float' object cannot be
   interpreted as an integer" otherwise. */
int obj_as_index(lang_vm *vm, value v, int64_t *out);
/* float(v) for numbers (int, float, bool, 0-dim tensors via __float__). */
int obj_as_double(lang_vm *vm, value v, double *out);
value obj_format(lang_vm *vm, value v, obj_str *spec);   /* format(v, spec) */
/* Collects an iterable into a new list. */
obj_list *obj_to_list(lang_vm *vm, value iterable);

/* ---- singletons and builtin types (defined where each type lives) ---- */

extern obj_type type_object, type_type, type_none, type_bool, type_int, type_float, type_str,
    type_tuple, type_list, type_dict, type_set, type_frozenset, type_range, type_slice,
    type_function, type_bfunc, type_method, type_code, type_cell, type_module, type_property,
    type_staticmethod, type_classmethod, type_notimpl, type_ellipsis, type_generator, type_super,
    type_getset, type_slotwrapper, type_bytes;
extern obj obj_notimplemented, obj_ellipsis;
static inline value val_notimpl(void) { obj_notimplemented.refcnt++; return val_obj(&obj_notimplemented); }
static inline bool val_is_notimpl(value v) { return v.tag == VAL_OBJ && v.u.o == &obj_notimplemented; }

static inline bool val_is_str(value v) { return v.tag == VAL_OBJ && (v.u.o->type->tflags & TYPE_F_STR_SUB); }
static inline bool val_is_tuple(value v) { return v.tag == VAL_OBJ && (v.u.o->type->tflags & TYPE_F_TUPLE_SUB); }
static inline bool val_is_list(value v) { return v.tag == VAL_OBJ && (v.u.o->type->tflags & TYPE_F_LIST_SUB); }
static inline bool val_is_dict(value v) { return v.tag == VAL_OBJ && (v.u.o->type->tflags & TYPE_F_DICT_SUB); }
static inline bool val_is_type(value v) { return v.tag == VAL_OBJ && (v.u.o->type->tflags & TYPE_F_TYPE_SUB); }
/* int or bool (Python: isinstance(v, int)). */
static inline bool val_is_intlike(value v) { return v.tag == VAL_INT || v.tag == VAL_BOOL; }
static inline int64_t val_as_int(value v) { return v.tag == VAL_BOOL ? (int64_t)v.u.b : v.u.i; }
static inline bool val_is_number(value v) { return v.tag == VAL_INT || v.tag == VAL_BOOL || v.tag == VAL_FLOAT; }
#define VAL_STR(v) ((obj_str *)(v).u.o)
#define VAL_TUPLE(v) ((obj_tuple *)(v).u.o)
#define VAL_LIST(v) ((obj_list *)(v).u.o)
#define VAL_DICT(v) ((obj_dict *)(v).u.o)
#define VAL_TYPE(v) ((obj_type *)(v).u.o)

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_OBJECT_H */
