/*
** kernel/lang/serialize.c — torch.save / torch.load in ctorch's own small binary format. It is not
** PyTorch's zip/pickle format: files move between ctorch sessions, not to or from PyTorch. Nothing in a
** file is ever executed: the reader rebuilds values from a fixed list of types.
**
** ---- the format (version 1; every integer little-endian) ----
**
**   offset size  header
**   0      8     magic 89 'C' 'T' 'O' 'R' 'C' 'H' 0A
**   8      4     format version (1)
**   12     4     flags: bit 0 = the payload is zlib-compressed (RFC 1950 stream)
**   16     8     payload size, uncompressed
**   24     8     stored size: the bytes that follow the header (the file ends there)
**   32     4     CRC-32 of the uncompressed payload
**   36     4     reserved, 0
**   40     ...   payload: one value, encoded as a tag byte and its fields:
**
**   'N' None   'F' False   'T' True
**   'i' int64                       'f' float64 (IEEE-754 bits)
**   's' u64 n, n bytes of UTF-8     'b' u64 n, n bytes (bytes)
**   't' u64 n, n values (tuple)     'l' u64 n, n values (list)
**   'd' u64 n, n (key, value) pairs (dict, insertion order)
**   'o' u64 n, n pairs, then the value of its _metadata attribute or None (OrderedDict, as
**       nn.Module.state_dict() returns it)
**   'S' u8 ndim, ndim int64 (torch.Size)   'y' u8 dtype (torch.dtype)   'v' u8 type, i8 index (torch.device)
**   'X' tensor: u8 dtype, u8 flags (1 requires_grad, 2 nn.Parameter), u8 device type (0 cpu, 1 cuda),
**       i8 device index, u8 ndim, ndim int64 sizes, then the elements in C order (bool: one byte, 0/1)
**   'r' u64 k: the k-th tensor of the file ('X' records counted from 0) again, the same object
**
**   dtype codes: 0 bool, 1 uint8, 2 int32, 3 int64, 4 float32, 5 float64
**
** What survives a round trip: values, dtype, shape, requires_grad, nn.Parameter-ness, device (or
** map_location), identity of a tensor stored twice. Not kept: strides and views sharing storage
** (each tensor is saved contiguous, on its own), grad/grad_fn, other Tensor subclasses (plain tensors),
** dict subclasses other than OrderedDict (plain dicts).
**
** ---- limits ----
** Paths: relative, inside the current directory: no absolute paths, no '..' components, no symbolic
** links on the way (each component is opened with O_NOFOLLOW); else PermissionError. File-like objects
** (write() / read() returning bytes) are accepted. A payload is at most SER_MAX_PAYLOAD bytes and nests
** at most SER_MAX_DEPTH deep. Truncated or corrupt files, bad CRCs, trailing bytes and unknown tags are
** a RuntimeError.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "autograd/autograd.h"
#include "kernel/lang/torch_bind.h"

#define SER_VERSION 1
#define SER_HEADER 40
#define SER_FLAG_ZLIB 1u
#define SER_MAX_PAYLOAD ((uint64_t)4 << 30)   /* 4 GiB */
#define SER_MAX_DEPTH 200
#define SER_COMPRESS_MIN 4096                 /* smaller payloads are stored as they are */

#ifdef O_PATH
#define O_DIR_FLAGS O_PATH      /* a directory we only pass through needs search, not read, permission */
#else
#define O_DIR_FLAGS O_RDONLY
#endif

static const unsigned char ser_magic[8] = {0x89, 'C', 'T', 'O', 'R', 'C', 'H', 0x0A};

/* ---- dtype codes (fixed by the format, independent of ten_dtype's order) ---- */

static const ten_dtype code_dtype[] = {TEN_DTYPE_BOOL, TEN_DTYPE_U8, TEN_DTYPE_I32,
                                       TEN_DTYPE_I64, TEN_DTYPE_F32, TEN_DTYPE_F64};
#define NDTYPE_CODES ((int)(sizeof code_dtype / sizeof code_dtype[0]))

static int dtype_code(ten_dtype dt) {
  for (int i = 0; i < NDTYPE_CODES; i++)
    if (code_dtype[i] == dt) return i;
  return -1;
}

static bool host_little_endian(void) {
  const uint16_t one = 1;
  return *(const unsigned char *)&one == 1;
}

/* ---- the writer ---- */

typedef struct ser_memo {        /* tensor object -> its index among the saved tensors */
  const void **keys;
  int64_t *vals;
  int64_t cap, used;
} ser_memo;

typedef struct ser_writer {
  lang_vm *vm;
  unsigned char *buf;
  size_t len, cap;
  ser_memo memo;
  int64_t ntensors;
  obj_type *param_type;          /* torch.nn.Parameter when torch.nn is loaded, else NULL */
} ser_writer;

static int w_reserve(ser_writer *w, size_t n) {
  if (w->len + n <= w->cap) return 0;
  if (w->len + n > SER_MAX_PAYLOAD)
    return exc_seti(w->vm, EXC_RuntimeError, "torch.save: the object is too large to save (more than %llu bytes)",
                    (unsigned long long)SER_MAX_PAYLOAD);
  size_t cap = w->cap ? w->cap : 256;
  while (cap < w->len + n) cap *= 2;
  unsigned char *p = lang_realloc(w->buf, w->cap, cap);
  if (!p) {
    exc_nomem(w->vm);
    return -1;
  }
  w->buf = p;
  w->cap = cap;
  return 0;
}

static int w_bytes(ser_writer *w, const void *p, size_t n) {
  if (w_reserve(w, n) < 0) return -1;
  if (n) memcpy(w->buf + w->len, p, n);
  w->len += n;
  return 0;
}

static int w_u8(ser_writer *w, unsigned v) {
  unsigned char c = (unsigned char)v;
  return w_bytes(w, &c, 1);
}

static void put_le(unsigned char *p, uint64_t v, int n) {
  for (int i = 0; i < n; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static int w_u64(ser_writer *w, uint64_t v) {
  unsigned char b[8];
  put_le(b, v, 8);
  return w_bytes(w, b, 8);
}

/* Finds or adds key; returns the existing index, or -1 after inserting (key -> val). -2: no memory. */
static int64_t memo_lookup_add(ser_memo *m, const void *key, int64_t val) {
  if (m->used * 2 >= m->cap) {
    int64_t cap = m->cap ? m->cap * 2 : 64;
    const void **keys = calloc((size_t)cap, sizeof *keys);
    int64_t *vals = calloc((size_t)cap, sizeof *vals);
    if (!keys || !vals) {
      free(keys);
      free(vals);
      return -2;
    }
    for (int64_t i = 0; i < m->cap; i++) {
      if (!m->keys[i]) continue;
      uint64_t h = ((uint64_t)(uintptr_t)m->keys[i] >> 4) * 0x9E3779B97F4A7C15ull;
      int64_t j = (int64_t)(h & (uint64_t)(cap - 1));
      while (keys[j]) j = (j + 1) & (cap - 1);
      keys[j] = m->keys[i];
      vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
  }
  uint64_t h = ((uint64_t)(uintptr_t)key >> 4) * 0x9E3779B97F4A7C15ull;
  int64_t j = (int64_t)(h & (uint64_t)(m->cap - 1));
  while (m->keys[j]) {
    if (m->keys[j] == key) return m->vals[j];
    j = (j + 1) & (m->cap - 1);
  }
  m->keys[j] = key;
  m->vals[j] = val;
  m->used++;
  return -1;
}

/* torch.nn.Parameter if torch.nn.parameter has been imported (no Parameter can exist otherwise). */
static obj_type *loaded_param_type(lang_vm *vm) {
  value mod = dict_get_cstr(vm, vm->modules, "torch.nn.parameter");
  if (VAL_IS_NULL(mod)) return NULL;
  value p = obj_getattr_opt(vm, mod, str_intern(vm, "Parameter"));
  if (VAL_IS_NULL(p)) {
    exc_clear(vm);
    return NULL;
  }
  obj_type *t = val_is_type(p) ? VAL_TYPE(p) : NULL;
  val_decref(p);   /* the module keeps it alive */
  return t;
}

static int enc_value(ser_writer *w, value v, int depth);

static int enc_tensor(ser_writer *w, value v) {
  int64_t seen = memo_lookup_add(&w->memo, v.u.o, w->ntensors);
  if (seen == -2) {
    exc_nomem(w->vm);
    return -1;
  }
  if (seen >= 0) return w_u8(w, 'r') < 0 || w_u64(w, (uint64_t)seen) < 0 ? -1 : 0;
  w->ntensors++;
  ten_tensor *t = VAL_TENSOR(v);
  int code = dtype_code(t->dtype);
  if (code < 0) return exc_seti(w->vm, EXC_TypeError, "torch.save: cannot save tensors of dtype %s", ten_dtype_name(t->dtype));
  ten_device dev = ten_device_of(t);
  unsigned flags = (t->requires_grad ? 1u : 0u) | (w->param_type && type_is_subtype(val_type(v), w->param_type) ? 2u : 0u);
  unsigned char head[5] = {'X', (unsigned char)code, (unsigned char)flags, (unsigned char)dev.type,
                           (unsigned char)(dev.type == TEN_DEV_CUDA && dev.index < 0 ? 0 : dev.index)};
  if (w_bytes(w, head, sizeof head) < 0 || w_u8(w, (unsigned)t->ndim) < 0) return -1;
  for (int i = 0; i < t->ndim; i++)
    if (w_u64(w, (uint64_t)t->shape[i]) < 0) return -1;
  /* the elements: a contiguous CPU copy when needed */
  ten_tensor *host = dev.type == TEN_DEV_CPU ? (ten_retain(t), t) : ten_to_device(t, TEN_CPU, false);
  ten_tensor *c = host ? ten_contiguous(host) : NULL;
  ten_release(host);
  if (!c) {
    exc_from_ten(w->vm);
    return -1;
  }
  size_t es = ten_dtype_size(c->dtype);
  size_t nbytes = (size_t)ten_numel(c) * es;
  int rc = w_reserve(w, nbytes);
  if (rc == 0 && nbytes) {
    const unsigned char *src = ten_data_ptr(c);
    unsigned char *dst = w->buf + w->len;
    if (c->dtype == TEN_DTYPE_BOOL) {
      for (size_t i = 0; i < nbytes; i++) dst[i] = src[i] ? 1 : 0;
    } else if (host_little_endian() || es == 1) {
      memcpy(dst, src, nbytes);
    } else {
      for (size_t i = 0; i < nbytes; i += es)
        for (size_t k = 0; k < es; k++) dst[i + k] = src[i + es - 1 - k];
    }
    w->len += nbytes;
  }
  ten_release(c);
  return rc;
}

static int enc_seq(ser_writer *w, int tag, const value *items, int64_t n, int depth) {
  if (w_u8(w, (unsigned)tag) < 0 || w_u64(w, (uint64_t)n) < 0) return -1;
  for (int64_t i = 0; i < n; i++)
    if (enc_value(w, items[i], depth + 1) < 0) return -1;
  return 0;
}

static int enc_dict(ser_writer *w, value v, int depth) {
  obj_dict *d = VAL_DICT(v);
  bool ordered = strcmp(val_type(v)->name, "OrderedDict") == 0;
  if (w_u8(w, ordered ? 'o' : 'd') < 0 || w_u64(w, (uint64_t)d->used) < 0) return -1;
  int64_t pos = 0, n = 0;
  value k, x;
  while (dict_next(d, &pos, &k, &x)) {
    if (enc_value(w, k, depth + 1) < 0 || enc_value(w, x, depth + 1) < 0) return -1;
    n++;
  }
  if (n != d->used) return exc_seti(w->vm, EXC_RuntimeError, "dictionary changed size during iteration");
  if (!ordered) return 0;
  obj_dict *attrs = obj_instance_dict(w->vm, v, false);
  value meta = attrs ? dict_get_cstr(w->vm, attrs, "_metadata") : val_null();
  return enc_value(w, VAL_IS_NULL(meta) ? val_none() : meta, depth + 1);
}

static int enc_value(ser_writer *w, value v, int depth) {
  if (depth > SER_MAX_DEPTH)
    return exc_seti(w->vm, EXC_RecursionError, "torch.save: the object nests deeper than %d levels (or contains itself)",
                    SER_MAX_DEPTH);
  switch (v.tag) {
  case VAL_NONE: return w_u8(w, 'N');
  case VAL_BOOL: return w_u8(w, v.u.b ? 'T' : 'F');
  case VAL_INT: return w_u8(w, 'i') < 0 || w_u64(w, (uint64_t)v.u.i) < 0 ? -1 : 0;
  case VAL_FLOAT: {
    uint64_t bits;
    memcpy(&bits, &v.u.f, 8);
    return w_u8(w, 'f') < 0 || w_u64(w, bits) < 0 ? -1 : 0;
  }
  default: break;
  }
  obj_type *t = val_type(v);
  if (v.tag == VAL_OBJ && val_is_tensor(v)) return enc_tensor(w, v);
  if (t == &type_size) {
    obj_tuple *s = VAL_TUPLE(v);
    if (w_u8(w, 'S') < 0 || w_u8(w, (unsigned)s->len) < 0) return -1;
    for (int64_t i = 0; i < s->len; i++)
      if (w_u64(w, (uint64_t)val_as_int(s->items[i])) < 0) return -1;
    return 0;
  }
  if (t == &type_dtype) {
    int code = dtype_code(((obj_dtype *)v.u.o)->dt);
    if (code < 0) return exc_seti(w->vm, EXC_TypeError, "torch.save: cannot save this dtype");
    return w_u8(w, 'y') < 0 || w_u8(w, (unsigned)code) < 0 ? -1 : 0;
  }
  if (t == &type_device) {
    ten_device dev = ((obj_device *)v.u.o)->dev;
    unsigned char b[3] = {'v', (unsigned char)dev.type, (unsigned char)dev.index};
    return w_bytes(w, b, 3);
  }
  if (val_is_str(v)) {
    obj_str *s = VAL_STR(v);
    return w_u8(w, 's') < 0 || w_u64(w, (uint64_t)s->len) < 0 || w_bytes(w, s->data, (size_t)s->len) < 0 ? -1 : 0;
  }
  if (t == &type_bytes) {
    int64_t n;
    const unsigned char *p = bytes_data(v, &n);
    return w_u8(w, 'b') < 0 || w_u64(w, (uint64_t)n) < 0 || w_bytes(w, p, (size_t)n) < 0 ? -1 : 0;
  }
  if (val_is_tuple(v)) return enc_seq(w, 't', VAL_TUPLE(v)->items, VAL_TUPLE(v)->len, depth);
  if (val_is_list(v)) return enc_seq(w, 'l', VAL_LIST(v)->items, VAL_LIST(v)->len, depth);
  if (val_is_dict(v)) return enc_dict(w, v, depth);
  return exc_seti(w->vm, EXC_TypeError,
                  "torch.save: cannot save an object of type '%s': ctorch saves tensors, numbers, str, bytes, None, "
                  "torch.Size/dtype/device and lists, tuples and dicts of them (for a model, save model.state_dict())",
                  t->name);
}

/* The whole file image of v: header + payload (compressed when that helps). *out is lang_alloc'd. */
static int ser_encode(lang_vm *vm, value v, unsigned char **out, size_t *outlen, size_t *outcap) {
  ser_writer w = {vm, NULL, 0, 0, {NULL, NULL, 0, 0}, 0, loaded_param_type(vm)};
  unsigned char header[SER_HEADER] = {0};
  int rc = w_bytes(&w, header, SER_HEADER) < 0 ? -1 : enc_value(&w, v, 0);
  free(w.memo.keys);
  free(w.memo.vals);
  if (rc < 0) {
    lang_free(w.buf, w.cap);
    return -1;
  }
  size_t plen = w.len - SER_HEADER;
  uint32_t crc = (uint32_t)crc32(0L, Z_NULL, 0);
  for (size_t off = 0; off < plen;) {   /* crc32 takes uInt lengths */
    size_t n = plen - off > (1u << 30) ? (1u << 30) : plen - off;
    crc = (uint32_t)crc32(crc, w.buf + SER_HEADER + off, (uInt)n);
    off += n;
  }
  uint32_t flags = 0;
  size_t stored = plen;
  if (plen >= SER_COMPRESS_MIN && plen < (1ull << 32)) {
    uLongf zcap = compressBound((uLong)plen);
    unsigned char *z = lang_alloc(SER_HEADER + (size_t)zcap);
    if (z && compress2(z + SER_HEADER, &zcap, w.buf + SER_HEADER, (uLong)plen, Z_BEST_SPEED) == Z_OK && zcap < plen) {
      lang_free(w.buf, w.cap);
      w.buf = z;
      w.cap = SER_HEADER + (size_t)compressBound((uLong)plen);
      w.len = SER_HEADER + (size_t)zcap;
      flags = SER_FLAG_ZLIB;
      stored = (size_t)zcap;
    } else if (z) {
      lang_free(z, SER_HEADER + (size_t)compressBound((uLong)plen));
    }
  }
  memcpy(w.buf, ser_magic, 8);
  put_le(w.buf + 8, SER_VERSION, 4);
  put_le(w.buf + 12, flags, 4);
  put_le(w.buf + 16, plen, 8);
  put_le(w.buf + 24, stored, 8);
  put_le(w.buf + 32, crc, 4);
  put_le(w.buf + 36, 0, 4);
  *out = w.buf;
  *outlen = w.len;
  *outcap = w.cap;
  return 0;
}

/* ---- the reader ---- */

typedef struct ser_reader {
  lang_vm *vm;
  const unsigned char *p, *end;
  const char *what;              /* the file name (or "file-like object") for messages */
  value map_location;            /* borrowed; VAL_NULL or None: restore the saved device */
  obj_list *tensors;             /* the tensor objects read so far ('r' refers to them) */
  value param_cls;               /* torch.nn.Parameter (VAL_NULL until first needed) */
} ser_reader;

static value corrupt(ser_reader *r, const char *detail) {
  return exc_set(r->vm, EXC_RuntimeError, "torch.load: %s is truncated or corrupt (%s)", r->what, detail);
}

static bool r_has(ser_reader *r, uint64_t n) { return (uint64_t)(r->end - r->p) >= n; }

static uint64_t get_le(const unsigned char *p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; i++) v |= (uint64_t)p[i] << (8 * i);
  return v;
}

static int r_u8(ser_reader *r, unsigned *out) {
  if (!r_has(r, 1)) {
    corrupt(r, "unexpected end of data");
    return -1;
  }
  *out = *r->p++;
  return 0;
}

static int r_u64(ser_reader *r, uint64_t *out) {
  if (!r_has(r, 8)) {
    corrupt(r, "unexpected end of data");
    return -1;
  }
  *out = get_le(r->p, 8);
  r->p += 8;
  return 0;
}

/* A count of items that each take at least min_size bytes: bounded by what is left of the data. */
static int r_count(ser_reader *r, uint64_t min_size, int64_t *out) {
  uint64_t n;
  if (r_u64(r, &n) < 0) return -1;
  if (n > (uint64_t)(r->end - r->p) / min_size) {
    corrupt(r, "a length runs past the end of the data");
    return -1;
  }
  *out = (int64_t)n;
  return 0;
}

/* Strict UTF-8 (surrogate code points allowed: the interpreter's str may hold them). */
static bool utf8_ok(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      i++;
      continue;
    } else if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
    else return false;
    if (i + len > n) return false;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    i += len;
  }
  return true;
}

static value dec_value(ser_reader *r, int depth);

static bool cuda_available(lang_vm *vm) {
  value mod = import_module(vm, str_intern(vm, "torch.cuda"), val_bool(true), 0, NULL);
  if (VAL_IS_NULL(mod)) {
    exc_clear(vm);
    return false;
  }
  value f = obj_getattr_opt(vm, mod, str_intern(vm, "is_available"));
  val_decref(mod);
  if (VAL_IS_NULL(f)) {
    exc_clear(vm);
    return false;
  }
  value res = vm_call0(vm, f);
  val_decref(f);
  if (VAL_IS_NULL(res)) {
    exc_clear(vm);
    return false;
  }
  bool ok = res.tag == VAL_BOOL && res.u.b;
  val_decref(res);
  return ok;
}

static void location_name(ten_device dev, char *buf, size_t n) {
  if (dev.type == TEN_DEV_CUDA) snprintf(buf, n, "cuda:%d", dev.index < 0 ? 0 : dev.index);
  else snprintf(buf, n, "cpu");
}

/* Where a tensor saved on `saved` goes, following map_location; *mapped receives a tensor the
   map_location callable returned instead (new reference), if any. 0 / -1. */
static int target_device(ser_reader *r, ten_device saved, value cpu_tensor, ten_device *out, ten_tensor **mapped) {
  lang_vm *vm = r->vm;
  value ml = r->map_location;
  *out = saved;
  *mapped = NULL;
  if (VAL_IS_NULL(ml) || ml.tag == VAL_NONE) return 0;
  char loc[32];
  location_name(saved, loc, sizeof loc);
  if (val_is_str(ml) || val_type(ml) == &type_device) return arg_device(vm, ml, out);
  if (val_is_dict(ml)) {
    value to = dict_get_cstr(vm, VAL_DICT(ml), loc);
    if (VAL_IS_NULL(to)) return exc_pending(vm) ? -1 : 0;
    return arg_device(vm, to, out);
  }
  /* a callable: map_location(tensor on the CPU, "cpu" / "cuda:N") -> tensor, or None for the default */
  value args[2] = {cpu_tensor, val_obj(str_from_cstr(vm, loc))};
  if (VAL_IS_NULL(args[1])) return -1;
  value res = vm_call(vm, ml, args, 2, NULL);
  val_decref(args[1]);
  if (VAL_IS_NULL(res)) return -1;
  if (res.tag == VAL_NONE) return 0;
  int rc = 0;
  ten_tensor *given = VAL_TENSOR(cpu_tensor);
  if (!val_is_tensor(res)) {
    rc = exc_seti(vm, EXC_TypeError, "torch.load: map_location returned %s, not a tensor", val_type_name(res));
  } else if (VAL_TENSOR(res)->ndim != given->ndim || VAL_TENSOR(res)->dtype != given->dtype ||
             memcmp(VAL_TENSOR(res)->shape, given->shape, sizeof(int64_t) * (size_t)given->ndim) != 0) {
    rc = exc_seti(vm, EXC_RuntimeError, "torch.load: map_location returned a tensor of another shape or dtype");
  } else {
    *mapped = VAL_TENSOR(res);
    ten_retain(*mapped);
    *out = ten_device_of(*mapped);
  }
  val_decref(res);
  return rc;
  return 0;
}

static value dec_tensor(ser_reader *r) {
  lang_vm *vm = r->vm;
  if (!r_has(r, 5)) return corrupt(r, "unexpected end of data");
  unsigned code = r->p[0], flags = r->p[1], devtype = r->p[2];
  int8_t devindex = (int8_t)r->p[3];
  unsigned ndim = r->p[4];
  r->p += 5;
  if (code >= (unsigned)NDTYPE_CODES) return corrupt(r, "unknown dtype code");
  if (flags & ~3u) return corrupt(r, "unknown tensor flags");
  if (devtype >= TEN_DEV_COUNT) return corrupt(r, "unknown device type");
  if (ndim > TEN_MAX_DIMS) return corrupt(r, "too many dimensions");
  int64_t shape[TEN_MAX_DIMS];
  uint64_t numel = 1;
  bool empty = false;
  for (unsigned i = 0; i < ndim; i++) {
    uint64_t s;
    if (r_u64(r, &s) < 0) return val_null();
    if (s > ((uint64_t)1 << 62)) return corrupt(r, "a tensor size is out of range");
    shape[i] = (int64_t)s;
    if (s == 0) empty = true;
    else if (!empty && numel > ((uint64_t)1 << 62) / s) return corrupt(r, "a tensor size is out of range");
    else if (!empty) numel *= s;
  }
  if (empty) numel = 0;
  ten_dtype dt = code_dtype[code];
  size_t es = ten_dtype_size(dt);
  if (numel > (uint64_t)(r->end - r->p) / es) return corrupt(r, "tensor data runs past the end of the data");
  size_t nbytes = (size_t)numel * es;
  ten_tensor *t = ten_empty(shape, (int)ndim, dt, TEN_CPU);
  if (!t) return exc_from_ten(vm);
  unsigned char *dst = nbytes ? ten_data_ptr(t) : NULL;
  if (dt == TEN_DTYPE_BOOL) {
    for (size_t i = 0; i < nbytes; i++) {
      if (r->p[i] > 1) {
        ten_release(t);
        return corrupt(r, "a bool element is neither 0 nor 1");
      }
      dst[i] = r->p[i];
    }
  } else if (nbytes && (host_little_endian() || es == 1)) {
    memcpy(dst, r->p, nbytes);
  } else {
    for (size_t i = 0; i < nbytes; i += es)
      for (size_t k = 0; k < es; k++) dst[i + k] = r->p[i + es - 1 - k];
  }
  r->p += nbytes;

  /* device: the saved one or map_location's */
  value cpu_obj = tensor_wrap(vm, t);
  if (VAL_IS_NULL(cpu_obj)) return cpu_obj;
  ten_device saved = {(int8_t)devtype, devindex};
  ten_device dev;
  ten_tensor *mapped = NULL;
  if (target_device(r, saved, cpu_obj, &dev, &mapped) < 0) {
    val_decref(cpu_obj);
    return val_null();
  }
  ten_tensor *final;
  if (mapped) {
    final = mapped;
  } else if (dev.type == TEN_DEV_CUDA) {
    if (!cuda_available(vm)) {
      val_decref(cpu_obj);
      return exc_set(vm, EXC_RuntimeError,
                     "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you "
                     "are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') "
                     "to map your storages to the CPU.");
    }
    final = ten_to_device(VAL_TENSOR(cpu_obj), dev, false);
    if (!final) {
      val_decref(cpu_obj);
      return exc_from_ten(vm);
    }
  } else {
    final = VAL_TENSOR(cpu_obj);
    ten_retain(final);
  }
  val_decref(cpu_obj);

  bool requires_grad = (flags & 1u) != 0;
  value out;
  if (flags & 2u) {   /* nn.Parameter(data, requires_grad) */
    if (VAL_IS_NULL(r->param_cls)) {
      value mod = import_module(vm, str_intern(vm, "torch.nn.parameter"), val_bool(true), 0, NULL);
      if (VAL_IS_NULL(mod)) {
        ten_release(final);
        return mod;
      }
      r->param_cls = obj_getattr(vm, mod, str_intern(vm, "Parameter"));
      val_decref(mod);
      if (VAL_IS_NULL(r->param_cls)) {
        ten_release(final);
        return val_null();
      }
    }
    value data = tensor_wrap(vm, final);
    if (VAL_IS_NULL(data)) return data;
    value args[2] = {data, val_bool(requires_grad)};
    out = vm_call(vm, r->param_cls, args, 2, NULL);
    val_decref(data);
  } else {
    if (requires_grad && !final->requires_grad && ag_set_requires_grad(final, true, false) < 0) {
      ten_release(final);
      return exc_from_ten(vm);
    }
    out = tensor_wrap(vm, final);
  }
  if (VAL_IS_NULL(out)) return out;
  if (list_append(vm, r->tensors, out) < 0) {
    val_decref(out);
    return val_null();
  }
  return out;
}

static value dec_dict(ser_reader *r, bool ordered, int depth) {
  lang_vm *vm = r->vm;
  int64_t n;
  if (r_count(r, 2, &n) < 0) return val_null();
  value result;
  obj_dict *d;
  if (ordered) {
    /* collections.OrderedDict (kernel/lang/py/collections.py); a plain dict if it cannot be had */
    value mod = import_module(vm, str_intern(vm, "collections"), val_bool(true), 0, NULL);
    value cls = VAL_IS_NULL(mod) ? mod : obj_getattr(vm, mod, str_intern(vm, "OrderedDict"));
    val_decref(mod);
    if (VAL_IS_NULL(cls)) {
      exc_clear(vm);
      d = dict_new(vm);
      result = d ? val_obj(d) : val_null();
    } else {
      result = vm_call0(vm, cls);
      val_decref(cls);
      if (!VAL_IS_NULL(result) && !val_is_dict(result)) {
        val_decref(result);
        return exc_set(vm, EXC_TypeError, "torch.load: OrderedDict() did not return a dict");
      }
      d = VAL_IS_NULL(result) ? NULL : VAL_DICT(result);
    }
  } else {
    d = dict_new(vm);
    result = d ? val_obj(d) : val_null();
  }
  if (!d) return val_null();
  for (int64_t i = 0; i < n; i++) {
    value k = dec_value(r, depth + 1);
    if (VAL_IS_NULL(k)) goto fail;
    value v = dec_value(r, depth + 1);
    if (VAL_IS_NULL(v)) {
      val_decref(k);
      goto fail;
    }
    int rc = dict_set(vm, d, k, v);
    val_decref(k);
    val_decref(v);
    if (rc < 0) goto fail;
  }
  if (ordered) {
    value meta = dec_value(r, depth + 1);
    if (VAL_IS_NULL(meta)) goto fail;
    int rc = meta.tag == VAL_NONE ? 0 : obj_setattr(vm, result, str_intern(vm, "_metadata"), meta);
    val_decref(meta);
    if (rc < 0) goto fail;
  }
  return result;
fail:
  val_decref(result);
  return val_null();
}

static value dec_value(ser_reader *r, int depth) {
  lang_vm *vm = r->vm;
  if (depth > SER_MAX_DEPTH) return corrupt(r, "values nest too deeply");
  unsigned tag;
  if (r_u8(r, &tag) < 0) return val_null();
  switch (tag) {
  case 'N': return val_none();
  case 'F': return val_bool(false);
  case 'T': return val_bool(true);
  case 'i': {
    uint64_t u;
    return r_u64(r, &u) < 0 ? val_null() : val_int((int64_t)u);
  }
  case 'f': {
    uint64_t u;
    if (r_u64(r, &u) < 0) return val_null();
    double f;
    memcpy(&f, &u, 8);
    return val_float(f);
  }
  case 's':
  case 'b': {
    int64_t n;
    if (r_count(r, 1, &n) < 0) return val_null();
    const unsigned char *s = r->p;
    r->p += n;
    if (tag == 'b') return bytes_new(vm, (const char *)s, n);
    if (!utf8_ok(s, (size_t)n)) return corrupt(r, "a string is not valid UTF-8");
    obj_str *str = str_new(vm, (const char *)s, n);
    return str ? val_obj(str) : val_null();
  }
  case 't':
  case 'l': {
    int64_t n;
    if (r_count(r, 1, &n) < 0) return val_null();
    obj_list *l = list_new(vm, n);
    if (!l) return val_null();
    for (int64_t i = 0; i < n; i++) {
      value x = dec_value(r, depth + 1);
      if (VAL_IS_NULL(x) || list_append_steal(vm, l, x) < 0) {
        obj_decref(l);
        return val_null();
      }
    }
    if (tag == 'l') return val_obj(l);
    value t = list_to_tuple(vm, l);
    obj_decref(l);
    return t;
  }
  case 'd':
  case 'o': return dec_dict(r, tag == 'o', depth);
  case 'S': {
    unsigned nd;
    if (r_u8(r, &nd) < 0) return val_null();
    if (nd > TEN_MAX_DIMS) return corrupt(r, "torch.Size has too many dimensions");
    int64_t shape[TEN_MAX_DIMS];
    for (unsigned i = 0; i < nd; i++) {
      uint64_t s;
      if (r_u64(r, &s) < 0) return val_null();
      shape[i] = (int64_t)s;
    }
    return size_value(vm, shape, (int)nd);
  }
  case 'y': {
    unsigned code;
    if (r_u8(r, &code) < 0) return val_null();
    if (code >= (unsigned)NDTYPE_CODES) return corrupt(r, "unknown dtype code");
    return dtype_value(code_dtype[code]);
  }
  case 'v': {
    unsigned type, index;
    if (r_u8(r, &type) < 0 || r_u8(r, &index) < 0) return val_null();
    if (type >= TEN_DEV_COUNT) return corrupt(r, "unknown device type");
    ten_device dev = {(int8_t)type, (int8_t)index};
    return device_value(vm, dev);
  }
  case 'X': return dec_tensor(r);
  case 'r': {
    uint64_t k;
    if (r_u64(r, &k) < 0) return val_null();
    if (k >= (uint64_t)r->tensors->len) return corrupt(r, "a reference to a tensor not read yet");
    return val_incref(r->tensors->items[k]);
  }
  default: return corrupt(r, "unknown value tag");
  }
}

/* Decodes a whole file image. */
static value ser_decode(lang_vm *vm, const unsigned char *data, size_t len, const char *what, value map_location) {
  ser_reader r = {vm, data, data + len, what, map_location, NULL, val_null()};
  if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
    return exc_set(vm, EXC_RuntimeError,
                   "torch.load: %s is a PyTorch (zip) checkpoint; ctorch reads only files written by ctorch's "
                   "torch.save, whose format is its own (not PyTorch's zip/pickle format)", what);
  if (len >= 1 && data[0] == 0x80)
    return exc_set(vm, EXC_RuntimeError,
                   "torch.load: %s is a pickle file (PyTorch's legacy format); ctorch reads only files written by "
                   "ctorch's torch.save, whose format is its own", what);
  if (len < SER_HEADER) {
    if (len >= 8 && memcmp(data, ser_magic, 8) == 0) return corrupt(&r, "the header is incomplete");
    return exc_set(vm, EXC_RuntimeError, "torch.load: %s is not a file written by ctorch's torch.save", what);
  }
  if (memcmp(data, ser_magic, 8) != 0)
    return exc_set(vm, EXC_RuntimeError, "torch.load: %s is not a file written by ctorch's torch.save", what);
  uint32_t version = (uint32_t)get_le(data + 8, 4), flags = (uint32_t)get_le(data + 12, 4);
  uint64_t plen = get_le(data + 16, 8), stored = get_le(data + 24, 8);
  uint32_t crc = (uint32_t)get_le(data + 32, 4);
  if (version != SER_VERSION)
    return exc_set(vm, EXC_RuntimeError, "torch.load: %s has format version %u; this ctorch reads version %d", what,
                   version, SER_VERSION);
  if (flags & ~SER_FLAG_ZLIB) return corrupt(&r, "unknown header flags");
  if (get_le(data + 36, 4) != 0) return corrupt(&r, "the reserved header field is not 0");
  if (stored != len - SER_HEADER) return corrupt(&r, stored > len - SER_HEADER ? "the file is shorter than its header says"
                                                                               : "bytes after the end of the data");
  if (plen > SER_MAX_PAYLOAD) return corrupt(&r, "the payload is larger than ctorch loads");
  const unsigned char *payload = data + SER_HEADER;
  unsigned char *inflated = NULL;
  if (flags & SER_FLAG_ZLIB) {
    /* deflate expands at most ~1032:1, so a larger claim is corrupt (and is not allocated) */
    if (plen == 0 || plen >= (1ull << 32) || plen / 1032 > stored + 1) return corrupt(&r, "bad compressed size");
    inflated = lang_alloc((size_t)plen);
    if (!inflated) return exc_nomem(vm);
    uLongf got = (uLongf)plen;
    int zrc = stored < (1ull << 32) ? uncompress(inflated, &got, payload, (uLong)stored) : Z_DATA_ERROR;
    if (zrc != Z_OK || got != plen) {
      lang_free(inflated, (size_t)plen);
      return corrupt(&r, "the compressed data does not inflate to its recorded size");
    }
    payload = inflated;
  } else if (plen != stored) {
    return corrupt(&r, "the payload size does not match the stored size");
  }
  uint32_t got_crc = (uint32_t)crc32(0L, Z_NULL, 0);
  for (uint64_t off = 0; off < plen;) {
    uint64_t n = plen - off > (1u << 30) ? (1u << 30) : plen - off;
    got_crc = (uint32_t)crc32(got_crc, payload + off, (uInt)n);
    off += n;
  }
  value result = val_null();
  if (got_crc != crc) {
    corrupt(&r, "CRC mismatch");
  } else {
    r.p = payload;
    r.end = payload + plen;
    r.tensors = list_new(vm, 0);
    if (r.tensors) {
      result = dec_value(&r, 0);
      if (!VAL_IS_NULL(result) && r.p != r.end) {
        val_decref(result);
        result = corrupt(&r, "bytes after the last value");
      }
      obj_decref(r.tensors);
    }
  }
  val_decref(r.param_cls);
  if (inflated) lang_free(inflated, (size_t)plen);
  return result;
}

value ser_load_bytes(lang_vm *vm, const unsigned char *data, size_t len, const char *what) {
  return ser_decode(vm, data, len, what, val_null());
}

/* ---- paths: relative, inside the current directory, no symbolic links ---- */

value ser_os_error(lang_vm *vm, int err, obj_str *path) {
  obj_str *rep = str_repr(vm, path);
  if (!rep) return val_null();
  exc_kind k = err == ENOENT ? EXC_FileNotFoundError : err == EACCES || err == EPERM ? EXC_PermissionError : EXC_OSError;
  value r = exc_set(vm, k, "[Errno %d] %s: %s", err, strerror(err), rep->data);
  obj_decref(rep);
  return r;
}

/* Validates path (relative, no '..', no NUL) and opens the directory holding its last component
   below the current directory, each directory opened without following symbolic links. Returns that
   directory (AT_FDCWD or an fd the caller closes) with the last component in leaf ("" for "dir/"
   or "."), or -2 with an exception set. */
int ser_open_parent(lang_vm *vm, const char *fn, obj_str *path, char leaf[4096]) {
  const char *s = path->data;
  if ((int64_t)strlen(s) != path->len) {
    exc_seti(vm, EXC_ValueError, "embedded null byte");
    return -2;
  }
  if (path->len == 0 || path->len >= 4096) {
    ser_os_error(vm, path->len ? ENAMETOOLONG : ENOENT, path);
    return -2;
  }
  obj_str *rep = str_repr(vm, path);
  if (!rep) return -2;
  int rc = 0;
  if (s[0] == '/') rc = exc_seti(vm, EXC_PermissionError,
                                 "%s: absolute paths are not allowed (%s); ctorch reads and writes files only below "
                                 "the current directory, by relative paths", fn, rep->data);
  for (const char *c = s; rc == 0 && *c;) {
    const char *e = strchr(c, '/');
    size_t n = e ? (size_t)(e - c) : strlen(c);
    if (n == 2 && c[0] == '.' && c[1] == '.')
      rc = exc_seti(vm, EXC_PermissionError,
                    "%s: '..' is not allowed in paths (%s); ctorch reads and writes files only below the current "
                    "directory", fn, rep->data);
    c += n + (e ? 1 : 0);
  }
  if (rc < 0) {
    obj_decref(rep);
    return -2;
  }
  int dirfd = AT_FDCWD;
  for (const char *c = s;;) {
    const char *e = strchr(c, '/');
    size_t n = e ? (size_t)(e - c) : strlen(c);
    memcpy(leaf, c, n);
    leaf[n] = '\0';
    bool dot = n == 0 || (n == 1 && leaf[0] == '.');
    if (!e) {
      if (dot) leaf[0] = '\0';
      break;
    }
    c = e + 1;
    if (dot) continue;
    int next = openat(dirfd, leaf, O_CLOEXEC | O_NOFOLLOW | O_DIR_FLAGS | O_DIRECTORY);
    if (next < 0) {
      int err = errno;
      struct stat st;
      bool link = fstatat(dirfd, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
      if (dirfd != AT_FDCWD) close(dirfd);
      if (link)
        exc_seti(vm, EXC_PermissionError, "%s: %s goes through a symbolic link; ctorch does not follow links in paths",
                 fn, rep->data);
      else
        ser_os_error(vm, err, path);
      obj_decref(rep);
      return -2;
    }
    if (dirfd != AT_FDCWD) close(dirfd);
    dirfd = next;
  }
  obj_decref(rep);
  return dirfd;
}

/* Opens path (validated) below the current directory without following symbolic links. Returns an
   fd or -1 with an exception set. */
static int open_confined(lang_vm *vm, const char *fn, obj_str *path, bool writing) {
  char leaf[4096];
  int dirfd = ser_open_parent(vm, fn, path, leaf);
  if (dirfd == -2) return -1;
  int fd = -1, err = 0;
  if (!leaf[0]) {   /* "dir/" or "." : not a file */
    err = EISDIR;
  } else {
    int flags = O_CLOEXEC | O_NOFOLLOW;
    flags |= writing ? O_WRONLY | O_CREAT | O_TRUNC | O_NONBLOCK : O_RDONLY | O_NONBLOCK;   /* a FIFO must not block */
    fd = openat(dirfd, leaf, flags, 0666);
    if (fd < 0) {
      err = errno;
      struct stat st;
      if (fstatat(dirfd, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
        if (dirfd != AT_FDCWD) close(dirfd);
        obj_str *rep = str_repr(vm, path);
        if (rep) {
          exc_seti(vm, EXC_PermissionError, "%s: %s is a symbolic link; ctorch does not follow links in paths", fn,
                   rep->data);
          obj_decref(rep);
        }
        return -1;
      }
    }
  }
  if (dirfd != AT_FDCWD) close(dirfd);
  if (fd < 0) {
    ser_os_error(vm, err, path);
    return -1;
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
    err = S_ISDIR(st.st_mode) ? EISDIR : 0;
    close(fd);
    obj_str *rep;
    if (err) {
      ser_os_error(vm, err, path);
    } else if ((rep = str_repr(vm, path)) != NULL) {
      exc_seti(vm, EXC_OSError, "%s: %s is not a regular file", fn, rep->data);
      obj_decref(rep);
    }
    return -1;
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

int ser_open_confined(lang_vm *vm, const char *fn, obj_str *path, bool writing) {
  return open_confined(vm, fn, path, writing);
}

/* ---- torch.save / torch.load ---- */

static value file_like_method(lang_vm *vm, value f, const char *name, const char *fn) {
  value m = obj_getattr_opt(vm, f, str_intern(vm, name));
  if (VAL_IS_NULL(m) && !exc_pending(vm))
    exc_set(vm, EXC_TypeError, "%s: f must be a file name (str) or a file-like object with %s(), not %s", fn, name,
            val_type_name(f));
  return m;
}

value ser_save(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  if (bi_parse(vm, "save", args, nargs, kw, "obj,f|pickle_module,pickle_protocol,_use_new_zipfile_serialization", a) < 0)
    return val_null();
  value f = a[1];
  value writer = val_null();
  if (!val_is_str(f)) {
    writer = file_like_method(vm, f, "write", "torch.save");
    if (VAL_IS_NULL(writer)) return writer;
  }
  unsigned char *buf;
  size_t len, cap;
  if (ser_encode(vm, a[0], &buf, &len, &cap) < 0) {
    val_decref(writer);
    return val_null();
  }
  value result = val_none();
  if (!VAL_IS_NULL(writer)) {
    value b = bytes_new(vm, (const char *)buf, (int64_t)len);
    lang_free(buf, cap);
    if (VAL_IS_NULL(b)) {
      val_decref(writer);
      return b;
    }
    value r = vm_call1(vm, writer, b);
    val_decref(b);
    val_decref(writer);
    if (VAL_IS_NULL(r)) return r;
    val_decref(r);
    return result;
  }
  int fd = open_confined(vm, "torch.save", VAL_STR(f), true);
  if (fd < 0) {
    lang_free(buf, cap);
    return val_null();
  }
  size_t off = 0;
  while (off < len) {
    ssize_t n = write(fd, buf + off, len - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      result = ser_os_error(vm, n < 0 ? errno : EIO, VAL_STR(f));
      break;
    }
    off += (size_t)n;
  }
  if (close(fd) != 0 && !VAL_IS_NULL(result)) result = ser_os_error(vm, errno, VAL_STR(f));
  lang_free(buf, cap);
  return result;
}

value ser_load(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  if (bi_parse(vm, "load", args, nargs, kw, "f|map_location,pickle_module,$weights_only,encoding", a) < 0)
    return val_null();
  value f = a[0];
  value ml = a[1];
  if (!VAL_IS_NULL(ml) && ml.tag != VAL_NONE && !val_is_str(ml) && val_type(ml) != &type_device && !val_is_dict(ml)) {
    value call = obj_getattr_opt(vm, ml, vm->s.__call__);
    if (VAL_IS_NULL(call)) {
      if (!exc_pending(vm))
        exc_set(vm, EXC_TypeError, "torch.load: map_location must be a str, torch.device, dict or callable, not %s",
                val_type_name(ml));
      return val_null();
    }
    val_decref(call);
  }
  if (!val_is_str(f)) {
    value read = file_like_method(vm, f, "read", "torch.load");
    if (VAL_IS_NULL(read)) return read;
    value data = vm_call0(vm, read);
    val_decref(read);
    if (VAL_IS_NULL(data)) return data;
    if (val_type(data) != &type_bytes) {
      value r = exc_set(vm, EXC_TypeError, "torch.load: f.read() returned %s, not bytes", val_type_name(data));
      val_decref(data);
      return r;
    }
    int64_t n;
    const unsigned char *p = bytes_data(data, &n);
    value r = ser_decode(vm, p, (size_t)n, "the file-like object", ml);
    val_decref(data);
    return r;
  }
  obj_str *path = VAL_STR(f);
  int fd = open_confined(vm, "torch.load", path, false);
  if (fd < 0) return val_null();
  struct stat st;
  if (fstat(fd, &st) != 0) {
    close(fd);
    return ser_os_error(vm, errno, path);
  }
  if ((uint64_t)st.st_size > SER_MAX_PAYLOAD + SER_HEADER) {
    close(fd);
    return exc_set(vm, EXC_RuntimeError, "torch.load: %s is larger than ctorch loads (%llu bytes at most)", path->data,
                   (unsigned long long)(SER_MAX_PAYLOAD + SER_HEADER));
  }
  size_t size = (size_t)st.st_size;
  unsigned char *buf = lang_alloc(size ? size : 1);
  if (!buf) {
    close(fd);
    return exc_nomem(vm);
  }
  size_t off = 0;
  while (off < size) {
    ssize_t n = read(fd, buf + off, size - off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      close(fd);
      lang_free(buf, size ? size : 1);
      return ser_os_error(vm, err, path);
    }
    if (n == 0) break;   /* shrank while reading: decode what is there */
    off += (size_t)n;
  }
  close(fd);
  obj_str *what = str_repr(vm, path);
  value r = what ? ser_decode(vm, buf, off, what->data, ml) : val_null();
  obj_xdecref(what);
  lang_free(buf, size ? size : 1);
  return r;
}
