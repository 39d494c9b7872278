/*
** kernel/lang/internal.h — cross-file internals of the interpreter that are not part of the object
** model proper: numeric fast paths, iterator helpers, slot wrappers, exception notes, start-up hooks.
*/
#ifndef CT_LANG_INTERNAL_H
#define CT_LANG_INTERNAL_H

#include "kernel/lang/code.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && defined(__ELF__)
#define CT_INTERNAL __attribute__((visibility("hidden")))
#else
#define CT_INTERNAL
#endif

extern const char *const cmp_symbols[6];
extern const char *const binop_symbols[BINOP_COUNT];

/* ---- numbers (number.c) ---- */

/* int/float/bool arithmetic; NotImplemented if the op does not apply (e.g. 1.5 | 2). */
CT_INTERNAL value num_binop(lang_vm *vm, value a, value b, int op);
CT_INTERNAL value num_unop(lang_vm *vm, value v, int op);
CT_INTERNAL bool num_compare(value a, value b, int op);
CT_INTERNAL int64_t hash_int(int64_t x);
CT_INTERNAL int64_t hash_double(double v);
CT_INTERNAL int obj_hash_identity(lang_vm *vm, value v, int64_t *out);
/* Python float repr/str into a C buffer (>= 32 bytes). */
CT_INTERNAL void float_repr_buf(double v, char *buf, size_t n);
/* int(str) parsing with Python's rules (base 0/2..36, underscores, whitespace). */
CT_INTERNAL value int_from_string(lang_vm *vm, const char *s, int64_t len, int base);
CT_INTERNAL value float_from_string(lang_vm *vm, obj_str *s);

/* ---- iterators (iter.c) ---- */

CT_INTERNAL value seqiter_new(lang_vm *vm, value seq);     /* iteration through __getitem__ */
CT_INTERNAL value slice_new(lang_vm *vm, value start, value stop, value step);
typedef struct obj_slice { obj hdr; value start, stop, step; } obj_slice;
/* Resolves a slice for a sequence of length len (PySlice_GetIndicesEx). Returns the slice length
   or -1 on error. */
CT_INTERNAL int64_t slice_indices(lang_vm *vm, obj_slice *s, int64_t len, int64_t *start, int64_t *stop,
                                  int64_t *step);
typedef struct obj_range { obj hdr; int64_t start, stop, step, len; } obj_range;

/* ---- types (type.c) ---- */

CT_INTERNAL value type_call(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kwnames);
CT_INTERNAL value object_new(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kwnames);
/* Bumped whenever a type's dict changes: per-instruction attribute caches compare it. */
extern uint32_t lang_type_epoch;
/* Invalidates the attribute cache (a type dict changed). */
CT_INTERNAL void type_modified(obj_type *t);
/* Called when a dunder is assigned on a heap type after creation. */
CT_INTERNAL void type_update_slot(lang_vm *vm, obj_type *t, obj_str *name);
/* __build_class__(func, name, *bases, **kw) */
CT_INTERNAL value build_class(lang_vm *vm, const value *args, int nargs, obj_tuple *kwnames);
typedef struct obj_property { obj hdr; value fget, fset, fdel, doc; obj_str *name; } obj_property;
typedef struct obj_wrapdescr { obj hdr; value f; } obj_wrapdescr;   /* staticmethod, classmethod */

/* ---- exceptions (exc.c) ---- */

/* Records what the traceback printer needs for "Did you mean: ...?" suggestions. */
CT_INTERNAL void exc_note_attribute(lang_vm *vm, value obj, obj_str *name);
CT_INTERNAL void exc_note_name(lang_vm *vm, obj_str *name, obj_code *code, obj_dict *globals, obj_dict *locals);
CT_INTERNAL value exc_attribute_error(lang_vm *vm, value self, obj_str *name);
/* Appends a traceback entry for the frame to the pending exception. */
CT_INTERNAL void exc_add_traceback(lang_vm *vm, obj_code *code, int lineno);
/* Sets the pending exception (steals exc); chains __context__ from vm->handling. */
CT_INTERNAL void exc_set_object(lang_vm *vm, value exc);
/* Instantiates an exception class with a message string. New ref. */
CT_INTERNAL value exc_new(lang_vm *vm, obj_type *t, const char *msg);
CT_INTERNAL int exc_init_types(lang_vm *vm);

/* ---- start-up of the builtin types (each file) ---- */

CT_INTERNAL int number_init(lang_vm *vm);
CT_INTERNAL int str_init(lang_vm *vm);
CT_INTERNAL int containers_init(lang_vm *vm);   /* tuple, list, dict, set */
CT_INTERNAL int iter_init(lang_vm *vm);
CT_INTERNAL int func_init(lang_vm *vm);
CT_INTERNAL int type_init(lang_vm *vm);
CT_INTERNAL int builtins_init(lang_vm *vm);
CT_INTERNAL int import_init(lang_vm *vm);

/* ---- strings (str.c) ---- */

CT_INTERNAL value str_binop(lang_vm *vm, value a, value b, int op, bool reflected);
/* Byte offset of code point i in s (s may be non-ASCII). */
CT_INTERNAL int64_t str_byte_offset(const obj_str *s, int64_t i);
CT_INTERNAL obj_str *str_concat(lang_vm *vm, obj_str *a, obj_str *b);
/* Substring of code points [i, j); byte length of n code points from byte offset b. */
CT_INTERNAL obj_str *str_substr(lang_vm *vm, obj_str *s, int64_t i, int64_t j);
CT_INTERNAL int64_t str_byte_offset_from(const obj_str *s, int64_t b, int64_t n);
/* s % args (printf-style formatting) and format(s, spec). */
CT_INTERNAL value str_percent_format(lang_vm *vm, obj_str *s, value args);
CT_INTERNAL value str_format_spec(lang_vm *vm, obj_str *s, obj_str *spec);
CT_INTERNAL int str_methods_init(lang_vm *vm);
CT_INTERNAL value bytes_decode_value(lang_vm *vm, value bytes, value encoding, value errors);
/* Joins items (all str) with sep. */
CT_INTERNAL obj_str *str_join_values(lang_vm *vm, obj_str *sep, const value *items, int64_t n);

/* ---- modules and import (import.c) ---- */

typedef struct obj_module {
  obj hdr;
  obj_dict *dict;
  obj_str *name;
  struct obj_module *failed_next;   /* lang_vm.failed_imports: a module whose import raised */
} obj_module;
/* Teardown: empties the dicts of the modules whose import failed (their functions' globals cycles) and
   releases them (lang_vm_free). */
CT_INTERNAL void import_free_failed(lang_vm *vm);
CT_INTERNAL value import_module(lang_vm *vm, obj_str *name, value fromlist, int level, obj_dict *globals);
/* Registry of builtin modules (builtins.c). */
typedef struct lang_lib { const char *name; lang_module_init init; } lang_lib;
CT_INTERNAL const lang_lib *lang_find_lib(const char *name);
/* Python-source modules compiled into the binary (pysrc.c, from kernel/lang/py/): whether one
   exists, and running it into a module dict (0 when there is none). */
CT_INTERNAL bool pysrc_has(const char *modname);
CT_INTERNAL int pysrc_exec(lang_vm *vm, const char *modname, obj_dict *d);
/* Registers one more NULL-terminated table of importable modules (kept for the life of the process). */
int lang_add_libs(const lang_lib *libs);

/* ---- dict/set internals ---- */

CT_INTERNAL obj_dict *dict_copy(lang_vm *vm, obj_dict *d);
/* Frees a dict's entries+index block (taken out of the dict by the caller). */
CT_INTERNAL void dict_storage_release(dict_entry *entries, int64_t cap, int64_t mask);
/* Empties d without allocating: the entries are taken out first, then released, so deallocations they
   trigger see an empty dict (interpreter teardown breaks cycles with it, also when memory has run out). */
CT_INTERNAL void dict_empty(obj_dict *d);
CT_INTERNAL int dict_update(lang_vm *vm, obj_dict *d, value other);   /* dict(other) semantics */
CT_INTERNAL int set_add(lang_vm *vm, value set, value key);
CT_INTERNAL value set_new_from(lang_vm *vm, obj_type *t, value iterable);  /* iterable VAL_NULL: empty */
CT_INTERNAL int list_extend(lang_vm *vm, obj_list *l, value iterable);
CT_INTERNAL int list_sort(lang_vm *vm, obj_list *l, value key, bool reverse);
CT_INTERNAL value list_to_tuple(lang_vm *vm, obj_list *l);

/* ---- calls, frames, generators (call.c, gen.c) ---- */

CT_INTERNAL value bfunc_call(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kwnames);
CT_INTERNAL vm_frame *frame_new(lang_vm *vm, obj_code *co, obj_func *fn, obj_dict *globals, obj_dict *locals);
/* d found in a type dict: a function/method descriptor callable with self prepended. */
CT_INTERNAL bool is_method_descr(value d);
/* Resumes a generator; *done false: a yielded value; true: its return value (or VAL_NULL + exception). */
CT_INTERNAL value gen_send(lang_vm *vm, value gen, value sent, bool *done);
CT_INTERNAL value calliter_new(lang_vm *vm, value func, value sentinel);
CT_INTERNAL value obj_ascii(lang_vm *vm, value v);
CT_INTERNAL value import_from(lang_vm *vm, value module, obj_str *name);
CT_INTERNAL int import_star(lang_vm *vm, value module, obj_dict *into);
CT_INTERNAL value bytes_new(lang_vm *vm, const char *s, int64_t n);
/* Line `lineno` (1-based) of the source registered for filename, stripped (exc.c). */
CT_INTERNAL bool exc_source_line(lang_vm *vm, obj_str *filename, int lineno, strbuf *out);
/* The contents of a bytes object (v must be one: val_type(v) == &type_bytes). Borrowed. */
CT_INTERNAL const unsigned char *bytes_data(value v, int64_t *len);
CT_INTERNAL value stream_new(lang_vm *vm, int fd);
CT_INTERNAL obj_code *comp_compile_ctx(lang_vm *vm, ast_module *m, ast_arena *arena, const char *src, size_t len,
                                       const char *filename, ast_mode mode, bool last_expr_value);

/* ---- formatting of numbers (number.c) ---- */

CT_INTERNAL value int_format(lang_vm *vm, value self, obj_str *spec);
CT_INTERNAL value float_format(lang_vm *vm, value self, obj_str *spec);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_INTERNAL_H */
