/*
** kernel/lang/vision_io.c — the file readers behind torchvision.datasets (module torchvision._io):
** IDX files (MNIST / Fashion-MNIST, gzip or plain) and CIFAR-10 binary batches, read into tensors.
** The language has no file access of its own; these readers open only dataset files: relative
** paths under the current directory (no "..") or files under /usr/share/datasets/ (Debian's
** dataset packages). Sizes are checked against the headers, so a truncated or corrupt file is a
** RuntimeError, never a crash.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "kernel/lang/torch_bind.h"

#define VISION_MAX_BYTES ((int64_t)1 << 31)   /* 2 GiB: far above any of these datasets */

static const char system_root[] = "/usr/share/datasets/";

/* A path the readers may open (see the file comment). */
static bool path_allowed(const char *p) {
  if (!p[0]) return false;
  if (p[0] == '/') {
    if (strncmp(p, system_root, sizeof system_root - 1) != 0) return false;
    p += sizeof system_root - 1;
  }
  /* no ".." component anywhere */
  for (const char *s = p; *s;) {
    const char *e = strchr(s, '/');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    if (n == 2 && s[0] == '.' && s[1] == '.') return false;
    if (!e) break;
    s = e + 1;
  }
  return true;
}

static int check_path(lang_vm *vm, value v, const char **out) {
  if (!val_is_str(v)) return exc_seti(vm, EXC_TypeError, "expected a path string, not %s", val_type_name(v));
  const char *p = VAL_STR(v)->data;
  if (!path_allowed(p))
    return exc_seti(vm, EXC_PermissionError,
                    "ctorch reads datasets only from paths under the current directory or under %s, not '%s'",
                    system_root, p);
  *out = p;
  return 0;
}

/* Reads a whole (possibly gzip-compressed) file; *n receives its length. NULL + exception. */
static unsigned char *slurp(lang_vm *vm, const char *path, int64_t *n) {
  gzFile f = gzopen(path, "rb");
  if (!f) {
    exc_set(vm, EXC_FileNotFoundError, "[Errno 2] No such file or directory: '%s'", path);
    return NULL;
  }
  size_t cap = 1 << 20, len = 0;
  unsigned char *buf = malloc(cap);
  for (;;) {
    if (!buf) break;
    if (len == cap) {
      if ((int64_t)cap * 2 > VISION_MAX_BYTES) {
        free(buf);
        buf = NULL;
        gzclose(f);
        exc_set(vm, EXC_RuntimeError, "%s: file too large", path);
        return NULL;
      }
      unsigned char *nb = realloc(buf, cap * 2);
      if (!nb) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = nb;
      cap *= 2;
    }
    int r = gzread(f, buf + len, (unsigned)(cap - len));
    if (r < 0) {
      int err;
      const char *msg = gzerror(f, &err);
      free(buf);
      gzclose(f);
      exc_set(vm, EXC_RuntimeError, "%s: corrupt file (%s)", path, msg ? msg : "read error");
      return NULL;
    }
    if (r == 0) break;
    len += (size_t)r;
  }
  gzclose(f);
  if (!buf) {
    exc_nomem(vm);
    return NULL;
  }
  *n = (int64_t)len;
  return buf;
}

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* An IDX image in memory -> tensor with its dtype and shape (big-endian values converted); path only
   names it in messages. Also the entry point of tests/fuzz/vision.c. */
value vision_parse_idx(lang_vm *vm, const unsigned char *b, int64_t n, const char *path) {
  value r = val_null();
  if (n < 4 || b[0] != 0 || b[1] != 0) {
    exc_set(vm, EXC_RuntimeError, "%s: not an IDX file (bad magic number)", path);
    goto done;
  }
  int code = b[2], nd = b[3];
  ten_dtype dt;
  int es;
  switch (code) {
  case 0x08: dt = TEN_DTYPE_U8; es = 1; break;
  case 0x0C: dt = TEN_DTYPE_I32; es = 4; break;
  case 0x0D: dt = TEN_DTYPE_F32; es = 4; break;
  case 0x0E: dt = TEN_DTYPE_F64; es = 8; break;
  default:
    exc_set(vm, EXC_RuntimeError, "%s: unsupported IDX element type 0x%02x", path, code);
    goto done;
  }
  if (nd < 1 || nd > TEN_MAX_DIMS || n < 4 + 4 * (int64_t)nd) {
    exc_set(vm, EXC_RuntimeError, "%s: corrupt IDX header", path);
    goto done;
  }
  int64_t shape[TEN_MAX_DIMS], count = 1;
  for (int d = 0; d < nd; d++) {
    shape[d] = be32(b + 4 + 4 * d);
    if (shape[d] > VISION_MAX_BYTES || (count *= shape[d]) > VISION_MAX_BYTES) {
      exc_set(vm, EXC_RuntimeError, "%s: corrupt IDX header", path);
      goto done;
    }
  }
  int64_t off = 4 + 4 * (int64_t)nd;
  if (n - off != count * es) {
    exc_set(vm, EXC_RuntimeError, "%s: truncated or corrupt IDX file (header says %lld bytes of data, file has %lld)",
            path, (long long)(count * es), (long long)(n - off));
    goto done;
  }
  ten_tensor *t = ten_empty(shape, nd, dt, TEN_CPU);
  if (!t) {
    r = exc_from_ten(vm);
    goto done;
  }
  unsigned char *dst = ten_data_ptr(t);
  const unsigned char *src = b + off;
  if (es == 1) memcpy(dst, src, (size_t)count);
  else
    for (int64_t i = 0; i < count; i++)
      for (int k = 0; k < es; k++) dst[i * es + k] = src[i * es + (es - 1 - k)];
  r = tensor_wrap(vm, t);
done:
  return r;
}

/* read_idx(path) -> tensor with the file's dtype and shape. */
static value io_read_idx(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  const char *path;
  if (nargs != 1 || check_path(vm, args[0], &path) < 0) return nargs != 1 ? exc_set(vm, EXC_TypeError, "read_idx(path)") : val_null();
  int64_t n;
  unsigned char *b = slurp(vm, path, &n);
  if (!b) return val_null();
  value r = vision_parse_idx(vm, b, n, path);
  free(b);
  return r;
}

/* A CIFAR-10 binary batch in memory -> (images uint8 (N, 32, 32, 3), labels int64 (N,)): records are a
   label byte and 3072 bytes of channel planes. Also the entry point of tests/fuzz/vision.c. */
value vision_parse_cifar(lang_vm *vm, const unsigned char *b, int64_t n, const char *path) {
  value r = val_null();
  const int64_t rec = 1 + 3 * 32 * 32;
  if (n == 0 || n % rec) {
    exc_set(vm, EXC_RuntimeError, "%s: not a CIFAR-10 binary batch (size %lld is not a multiple of %lld)", path, (long long)n,
            (long long)rec);
    return r;
  }
  int64_t count = n / rec;
  int64_t ishape[4] = {count, 32, 32, 3}, lshape[1] = {count};
  ten_tensor *img = ten_empty(ishape, 4, TEN_DTYPE_U8, TEN_CPU), *lab = img ? ten_empty(lshape, 1, TEN_DTYPE_I64, TEN_CPU) : NULL;
  if (!lab) {
    ten_release(img);
    return exc_from_ten(vm);
  }
  unsigned char *ip = ten_data_ptr(img);
  int64_t *lp = ten_data_ptr(lab);
  for (int64_t i = 0; i < count; i++) {
    const unsigned char *s = b + i * rec;
    if (s[0] > 9) {
      ten_release(img);
      ten_release(lab);
      return exc_set(vm, EXC_RuntimeError, "%s: corrupt record %lld (label %d)", path, (long long)i, s[0]);
    }
    lp[i] = s[0];
    for (int c = 0; c < 3; c++)
      for (int p = 0; p < 1024; p++) ip[i * 3072 + p * 3 + c] = s[1 + c * 1024 + p];
  }
  value iv = tensor_wrap(vm, img), lv = VAL_IS_NULL(iv) ? (ten_release(lab), val_null()) : tensor_wrap(vm, lab);
  if (VAL_IS_NULL(lv)) {
    val_decref(iv);
    return val_null();
  }
  obj_tuple *t = tuple_new(vm, 2);
  if (!t) {
    val_decref(iv);
    val_decref(lv);
    return val_null();
  }
  t->items[0] = iv;
  t->items[1] = lv;
  return val_obj(t);
}

/* read_cifar_bin(path) -> (images, labels), see vision_parse_cifar. */
static value io_read_cifar_bin(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  const char *path;
  if (nargs != 1) return exc_set(vm, EXC_TypeError, "read_cifar_bin(path)");
  if (check_path(vm, args[0], &path) < 0) return val_null();
  int64_t n;
  unsigned char *b = slurp(vm, path, &n);
  if (!b) return val_null();
  value r = vision_parse_cifar(vm, b, n, path);
  free(b);
  return r;
}

/* exists(path): whether a readable dataset file is there (False for paths that may not be read). */
static value io_exists(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs != 1 || !val_is_str(args[0])) return exc_set(vm, EXC_TypeError, "exists(path)");
  const char *p = VAL_STR(args[0])->data;
  if (!path_allowed(p)) return val_bool(false);
  FILE *f = fopen(p, "rb");
  if (f) fclose(f);
  return val_bool(f != NULL);
}

static const bi_reg io_funcs[] = {
  {"read_idx", io_read_idx, BI_VARARGS, 0, "read_idx(path) -> Tensor"},
  {"read_cifar_bin", io_read_cifar_bin, BI_VARARGS, 0, "read_cifar_bin(path) -> (images, labels)"},
  {"exists", io_exists, BI_VARARGS, 0, "exists(path) -> bool"},
  {NULL, NULL, 0, 0, NULL}
};

static int lib_vision_io_init(lang_vm *vm, obj_dict *d) { return module_add_funcs(vm, d, io_funcs); }

static const lang_lib vision_libs[] = {
  {"torchvision._io", lib_vision_io_init},
  {NULL, NULL}
};

int vision_register(lang_vm *vm) {
  (void)vm;
  return lang_add_libs(vision_libs);
}
