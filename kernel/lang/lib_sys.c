/*
** kernel/lang/lib_sys.c — the sys module: argv, stdout/stderr/stdin, modules, version information,
** exit, recursion limit. No access to the host beyond these.
*/
#include <stdio.h>

#include "kernel/lang/internal.h"

value stream_new(lang_vm *vm, int fd);

static value sys_exit(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "exit", nargs, 0, 1) < 0) return val_null();
  return exc_set_value(vm, EXC_SystemExit, nargs ? args[0] : val_null());
}
static value sys_getrecursionlimit(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return val_int(vm->recursion_limit);
}
static value sys_setrecursionlimit(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t n;
  if (bi_to_int(vm, args[0], &n) < 0) return val_null();
  if (n < 1) return exc_set(vm, EXC_ValueError, "recursion limit must be greater or equal than 1");
  /* CTORCH_MAX_RECURSION_LIMIT (default 20000) caps it; the C stack guard (limits.c) stays in force */
  int ceiling = lang_recursion_ceiling();
  if (ceiling > 0 && n > ceiling) n = ceiling;
  vm->recursion_limit = (int)n;
  return val_none();
}
static value sys_exc_info(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_tuple *t = tuple_new(vm, 3);
  if (!t) return val_null();
  if (!VAL_IS_NULL(vm->handling)) {
    obj_type *et = val_type(vm->handling);
    t->items[0] = val_obj(et);
    if (et->tflags & TYPE_F_HEAP) obj_incref(et);
    t->items[1] = val_incref(vm->handling);
  }
  return val_obj(t);
}
static value sys_getsizeof(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value v = args[0];
  if (v.tag != VAL_OBJ) return val_int(v.tag == VAL_FLOAT ? 24 : 28);
  return val_int((int64_t)v.u.o->size + 16);
}

static const bi_reg sys_funcs[] = {
  {"exit", sys_exit, BI_VARARGS, 0, "exit([status])\n\nExit the interpreter by raising SystemExit(status)."},
  {"getrecursionlimit", sys_getrecursionlimit, 0, 0, "Return the current value of the recursion limit."},
  {"setrecursionlimit", sys_setrecursionlimit, 1, 0, "Set the maximum depth of the Python interpreter stack to n."},
  {"exc_info", sys_exc_info, 0, 0, "Return current exception information: (type, value, traceback)."},
  {"getsizeof", sys_getsizeof, BI_VARARGS, 0, "getsizeof(object [, default]) -> int"},
  {NULL, NULL, 0, 0, NULL}
};

int lib_sys_init(lang_vm *vm, obj_dict *d) {
  if (module_add_funcs(vm, d, sys_funcs) < 0) return -1;
  if (module_add_value(vm, d, "stdout", stream_new(vm, 1)) < 0 ||
      module_add_value(vm, d, "stderr", stream_new(vm, 2)) < 0 ||
      module_add_value(vm, d, "stdin", stream_new(vm, 0)) < 0 ||
      module_add_value(vm, d, "__stdout__", stream_new(vm, 1)) < 0 ||
      module_add_value(vm, d, "__stderr__", stream_new(vm, 2)) < 0)
    return -1;
  if (dict_set_cstr(vm, d, "argv", val_obj(vm->argv)) < 0 || dict_set_cstr(vm, d, "modules", val_obj(vm->modules)) < 0)
    return -1;
  obj_tuple *vi = tuple_new(vm, 5);
  if (!vi) return -1;
  vi->items[0] = val_int(3);
  vi->items[1] = val_int(11);
  vi->items[2] = val_int(2);
  vi->items[3] = val_obj_or_null(str_from_cstr(vm, "final"));
  vi->items[4] = val_int(0);
  if (module_add_value(vm, d, "version_info", tuple_checked(vi)) < 0 ||
      module_add_value(vm, d, "version", val_obj_or_null(str_from_cstr(vm, "3.11.2 (ctorch) [GCC]"))) < 0 ||
      module_add_value(vm, d, "platform", val_obj_or_null(str_from_cstr(vm, "linux"))) < 0 ||
      module_add_value(vm, d, "executable", val_obj_or_null(str_from_cstr(vm, ""))) < 0 ||
      module_add_value(vm, d, "byteorder", val_obj_or_null(str_from_cstr(vm, "little"))) < 0 ||
      module_add_value(vm, d, "path", val_obj(list_new(vm, 0))) < 0 ||
      dict_set_cstr(vm, d, "maxsize", val_int(INT64_MAX)) < 0)
    return -1;
  return 0;
}
