/*
** kernel/lang/bytes.c — a minimal bytes type (literals b'...', repr, len, indexing, decode,
** str.encode's result) — enough for learners' code; not a full buffer protocol.
*/
#include <stdio.h>

#include "kernel/lang/internal.h"

typedef struct obj_bytes { obj hdr; int64_t len; unsigned char data[]; } obj_bytes;

value bytes_new(lang_vm *vm, const char *s, int64_t n) {
  obj_bytes *b = obj_alloc(vm, &type_bytes, sizeof(obj_bytes) + (size_t)n + 1);
  if (!b) return val_null();
  b->len = n;
  memcpy(b->data, s, (size_t)n);
  b->data[n] = 0;
  return val_obj(b);
}

const unsigned char *bytes_data(value v, int64_t *len) {
  obj_bytes *b = (obj_bytes *)v.u.o;
  *len = b->len;
  return b->data;
}

static value bytes_repr(lang_vm *vm, value self) {
  obj_bytes *b = (obj_bytes *)self.u.o;
  bool sq = memchr(b->data, '\'', (size_t)b->len) != NULL, dq = memchr(b->data, '"', (size_t)b->len) != NULL;
  char q = sq && !dq ? '"' : '\'';
  strbuf sb;
  sb_init(&sb);
  sb_addc(&sb, 'b');
  sb_addc(&sb, q);
  for (int64_t i = 0; i < b->len; i++) {
    unsigned char c = b->data[i];
    if (c == (unsigned char)q || c == '\\') {
      sb_addc(&sb, '\\');
      sb_addc(&sb, (char)c);
    } else if (c == '\n') sb_adds(&sb, "\\n");
    else if (c == '\r') sb_adds(&sb, "\\r");
    else if (c == '\t') sb_adds(&sb, "\\t");
    else if (c < 0x20 || c >= 0x7f) sb_printf(&sb, "\\x%02x", c);
    else sb_addc(&sb, (char)c);
  }
  sb_addc(&sb, q);
  obj_str *s = sb_finish(vm, &sb);
  return s ? val_obj(s) : val_null();
}

static int64_t bytes_len(lang_vm *vm, value self) { return ((obj_bytes *)self.u.o)->len; }

static value bytes_getitem(lang_vm *vm, value self, value key) {
  obj_bytes *b = (obj_bytes *)self.u.o;
  if (val_type(key) == &type_slice) {
    int64_t start, stop, step;
    int64_t n = slice_indices(vm, (obj_slice *)key.u.o, b->len, &start, &stop, &step);
    if (n < 0) return val_null();
    strbuf sb;
    sb_init(&sb);
    for (int64_t k = 0, i = start; k < n; k++, i += step) sb_addc(&sb, (char)b->data[i]);
    value r = bytes_new(vm, sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    return r;
  }
  int64_t i;
  if (obj_as_index(vm, key, &i) < 0) return val_null();
  if (i < 0) i += b->len;
  if (i < 0 || i >= b->len) return exc_set(vm, EXC_IndexError, "index out of range");
  return val_int(b->data[i]);
}

static value bytes_richcmp(lang_vm *vm, value a, value c, int op) {
  if (val_type(a) != &type_bytes || val_type(c) != &type_bytes) return val_notimpl();
  obj_bytes *x = (obj_bytes *)a.u.o, *y = (obj_bytes *)c.u.o;
  int64_t n = x->len < y->len ? x->len : y->len;
  int r = memcmp(x->data, y->data, (size_t)n);
  if (!r) r = x->len < y->len ? -1 : x->len > y->len;
  switch (op) {
  case CMP_LT: return val_bool(r < 0);
  case CMP_LE: return val_bool(r <= 0);
  case CMP_EQ: return val_bool(r == 0);
  case CMP_NE: return val_bool(r != 0);
  case CMP_GT: return val_bool(r > 0);
  default: return val_bool(r >= 0);
  }
}

static int bytes_hash(lang_vm *vm, value self, int64_t *out) {
  obj_bytes *b = (obj_bytes *)self.u.o;
  uint64_t h = 1469598103934665603ULL;
  for (int64_t i = 0; i < b->len; i++) h = (h ^ b->data[i]) * 1099511628211ULL;
  *out = (int64_t)(h >> 1);
  return 0;
}

value bytes_decode_value(lang_vm *vm, value bytes, value encoding, value errors) {
  obj_bytes *b = (obj_bytes *)bytes.u.o;
  obj_str *s = str_new(vm, (const char *)b->data, b->len);
  return s ? val_obj(s) : val_null();
}

static value bytes_decode(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return bytes_decode_value(vm, args[0], val_null(), val_null());
}

static const bi_reg bytes_methods[] = {
  {"decode", bytes_decode, BI_VARARGS, BI_F_KW, "Decode the bytes using the codec registered for encoding."},
  {NULL, NULL, 0, 0, NULL}
};

obj_type type_bytes = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "bytes", .basicsize = sizeof(obj_bytes), .repr = bytes_repr,
  .len = bytes_len, .getitem = bytes_getitem, .richcmp = bytes_richcmp, .hash = bytes_hash,
};

int bytes_init(lang_vm *vm) {
  if (type_ready(vm, &type_bytes) < 0) return -1;
  return type_add_methods(vm, &type_bytes, bytes_methods);
}
