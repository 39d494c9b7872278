/*
** kernel/lang/lib_os.c — the os module, reduced to what scripts need to tidy up after themselves:
** remove(path) and unlink(path), with the file rule of torch.save / torch.load: relative paths below the
** current directory, no '..', no symbolic links on the way (a link itself may be removed, not followed).
** Nothing else of CPython's os is here (no os.path, environ, listdir ...).
*/
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/lang/internal.h"
#include "kernel/lang/torch_bind.h"

static value os_remove_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, const char *fn) {
  value a[1];
  if (bi_parse(vm, fn, args, nargs, kw, "path", a) < 0) return val_null();
  if (!val_is_str(a[0]))
    return exc_set(vm, EXC_TypeError, "%s: path should be string, bytes or os.PathLike, not %s", fn, val_type_name(a[0]));
  obj_str *path = VAL_STR(a[0]);   /* borrowed */
  const char *s = path->data;
  value r = val_null();
  if ((int64_t)strlen(s) != path->len) {
    exc_set(vm, EXC_ValueError, "embedded null byte");
    goto done;
  }
  if (path->len == 0 || path->len >= 4096) {
    ser_os_error(vm, path->len ? ENAMETOOLONG : ENOENT, path);
    goto done;
  }
  if (s[0] == '/') {
    exc_set(vm, EXC_PermissionError, "os.%s: absolute paths are not allowed; ctorch removes files only below the current directory", fn);
    goto done;
  }
  /* walk the directories without following links, then unlink the last component */
  char comp[4096];
  int dirfd = AT_FDCWD, err = 0;
  for (const char *c = s;;) {
    const char *e = strchr(c, '/');
    size_t n = e ? (size_t)(e - c) : strlen(c);
    memcpy(comp, c, n);
    comp[n] = '\0';
    if (n == 2 && comp[0] == '.' && comp[1] == '.') {
      if (dirfd != AT_FDCWD) close(dirfd);
      exc_set(vm, EXC_PermissionError, "os.%s: '..' is not allowed in paths; ctorch removes files only below the current directory", fn);
      goto done;
    }
    if (!e) {
      if (n == 0 || (n == 1 && comp[0] == '.')) err = EISDIR;
      else if (unlinkat(dirfd, comp, 0) < 0) err = errno;
      break;
    }
    c = e + 1;
    if (n == 0 || (n == 1 && comp[0] == '.')) continue;
    int next = openat(dirfd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0) {
      err = errno;
      struct stat st;
      if (fstatat(dirfd, comp, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
        if (dirfd != AT_FDCWD) close(dirfd);
        exc_set(vm, EXC_PermissionError, "os.%s: the path goes through a symbolic link; ctorch does not follow links in paths", fn);
        goto done;
      }
      break;
    }
    if (dirfd != AT_FDCWD) close(dirfd);
    dirfd = next;
  }
  if (dirfd != AT_FDCWD) close(dirfd);
  if (err) ser_os_error(vm, err, path);
  else r = val_none();
done:
  return r;
}

static value os_remove(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return os_remove_impl(vm, a, n, kw, "remove"); }
static value os_unlink(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return os_remove_impl(vm, a, n, kw, "unlink"); }

static const bi_reg os_funcs[] = {
  {"remove", os_remove, BI_VARARGS, BI_F_KW, "remove(path)\n\nRemove a file (relative paths below the current directory only)."},
  {"unlink", os_unlink, BI_VARARGS, BI_F_KW, "unlink(path)\n\nRemove a file (relative paths below the current directory only)."},
  {NULL, NULL, 0, 0, NULL}
};

int lib_os_init(lang_vm *vm, obj_dict *d) { return module_add_funcs(vm, d, os_funcs); }
