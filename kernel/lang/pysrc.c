/*
** kernel/lang/pysrc.c — modules written in the language itself, compiled into the binary from
** kernel/lang/py/ (kernel/CMakeLists.txt generates the table: py/torch/autograd.py -> "torch.autograd").
** A C module may run its Python part at the end of its init (pysrc_exec); a module with only a
** Python part is imported through the same registry. Tracebacks show their source lines.
*/
#include <string.h>

#include "kernel/lang/code.h"
#include "kernel/lang/internal.h"

typedef struct pysrc_module {
  const char *name;     /* "torch.autograd" */
  const char *path;     /* "torch/autograd.py": the file name tracebacks show */
  const unsigned char *src;
  size_t len;
} pysrc_module;

extern const pysrc_module lang_pysrc_modules[];   /* generated (pysrc_modules.c) */

static const pysrc_module *find(const char *modname) {
  for (const pysrc_module *m = lang_pysrc_modules; m->name; m++)
    if (strcmp(m->name, modname) == 0) return m;
  return NULL;
}

bool pysrc_has(const char *modname) { return find(modname) != NULL; }

int pysrc_exec(lang_vm *vm, const char *modname, obj_dict *d) {
  const pysrc_module *m = find(modname);
  if (!m) return 0;
  const char *src = (const char *)m->src;
  obj_str *fn = str_from_cstr(vm, m->path);
  obj_str *text = fn ? str_new(vm, src, (int64_t)m->len) : NULL;
  if (!text) {
    obj_xdecref(fn);
    return -1;
  }
  dict_set_str(vm, vm->sources, fn, val_obj(text));
  obj_decref(text);
  if (dict_set_cstr(vm, d, "__file__", val_obj(fn)) < 0) {
    obj_decref(fn);
    return -1;
  }
  obj_code *co = comp_compile_source(vm, src, m->len, m->path, AST_MODE_EXEC, false);
  obj_decref(fn);
  if (!co) return -1;
  value r = vm_run_code(vm, co, d, d);
  obj_decref(co);
  if (VAL_IS_NULL(r)) return -1;
  val_decref(r);
  return 0;
}
