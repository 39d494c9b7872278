/*
** kernel/lang/lib_warnings.c — module _warnings, what the Python-source warnings module
** (kernel/lang/py/warnings.py) needs from C: the caller's file, line, module and source text at a
** given stack level, and a write to stderr. exc_warn (C code warning, e.g. autograd's non-leaf .grad)
** goes through warnings.warn when the module is loaded, so filters apply to both.
*/
#include "kernel/lang/code.h"
#include "kernel/lang/internal.h"

/* _caller(level): (filename, lineno, module name, source line or None) of the frame `level`
   steps out from the caller of _caller (1: the function that called warn). */
static value w_caller(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t level = 1;
  if (nargs > 0 && obj_as_index(vm, args[0], &level) < 0) return val_null();
  vm_frame *f = vm->frame;
  for (int64_t i = 0; i < level && f && f->back; i++) f = f->back;
  obj_tuple *t = tuple_new(vm, 4);
  if (!t) return val_null();
  if (!f) {
    t->items[0] = val_obj_or_null(str_from_cstr(vm, "sys"));
    t->items[1] = val_int(1);
    t->items[2] = val_obj_or_null(str_from_cstr(vm, "sys"));
    return tuple_checked(t);
  }
  int line = code_line(f->code, f->ip - 1);
  obj_incref(f->code->filename);
  t->items[0] = val_obj(f->code->filename);
  t->items[1] = val_int(line);
  value mod = f->globals ? dict_get_str(f->globals, vm->s.__name__) : val_null();
  t->items[2] = val_is_str(mod) ? val_incref(mod) : val_obj_or_null(str_from_cstr(vm, "__main__"));
  strbuf src;
  sb_init(&src);
  if (exc_source_line(vm, f->code->filename, line, &src)) t->items[3] = val_obj_or_null(str_from_cstr(vm, src.data));
  sb_free(&src);
  return tuple_checked(t);
}

static value w_write(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs != 1 || !val_is_str(args[0])) return exc_set(vm, EXC_TypeError, "_write(text)");
  vm_write(vm, 2, VAL_STR(args[0])->data, (size_t)VAL_STR(args[0])->len);
  return val_none();
}

static const bi_reg warnings_funcs[] = {
  {"_caller", w_caller, BI_VARARGS, 0, NULL},
  {"_write", w_write, BI_VARARGS, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};

int lib_warnings_init(lang_vm *vm, obj_dict *d) { return module_add_funcs(vm, d, warnings_funcs); }
