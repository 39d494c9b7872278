/*
** kernel/lang/lib_os.c — the os module, reduced to what scripts need to tidy up after themselves:
** remove(path) and unlink(path), with the file rule of torch.save / torch.load: relative paths below the
** current directory, no '..', no symbolic links on the way (a link itself may be removed, not followed).
** Nothing else of CPython's os is here (no os.path, environ, listdir ...).
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "kernel/lang/internal.h"
#include "kernel/lang/torch_bind.h"

static value os_remove_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, const char *fn) {
  value a[1];
  if (bi_parse(vm, fn, args, nargs, kw, "path", a) < 0) return val_null();
  if (!val_is_str(a[0]))
    return exc_set(vm, EXC_TypeError, "%s: path should be string, bytes or os.PathLike, not %s", fn, val_type_name(a[0]));
  obj_str *path = VAL_STR(a[0]);   /* borrowed */
  char leaf[4096], name[16];
  snprintf(name, sizeof name, "os.%s", fn);
  int dirfd = ser_open_parent(vm, name, path, leaf);
  if (dirfd == -2) return val_null();
  int err = !leaf[0] ? EISDIR : unlinkat(dirfd, leaf, 0) < 0 ? errno : 0;
  if (dirfd != AT_FDCWD) close(dirfd);
  if (err) {
    ser_os_error(vm, err, path);
    return val_null();
  }
  return val_none();
}

static value os_remove(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return os_remove_impl(vm, a, n, kw, "remove"); }
static value os_unlink(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return os_remove_impl(vm, a, n, kw, "unlink"); }

static const bi_reg os_funcs[] = {
  {"remove", os_remove, BI_VARARGS, BI_F_KW, "remove(path)\n\nRemove a file (relative paths below the current directory only)."},
  {"unlink", os_unlink, BI_VARARGS, BI_F_KW, "unlink(path)\n\nRemove a file (relative paths below the current directory only)."},
  {NULL, NULL, 0, 0, NULL}
};

int lib_os_init(lang_vm *vm, obj_dict *d) { return module_add_funcs(vm, d, os_funcs); }
