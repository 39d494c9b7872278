/*
** kernel/lang/str.c — the str type: immutable UTF-8 text indexed by code point, interning, hashing,
** repr with Python's quoting rules, concatenation/repetition, comparison, indexing and slicing,
** iteration, and the string builder (strbuf). The methods (split, join, format ...) are in
** str_methods.c.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/internal.h"

/* ---- string builder ---- */

void sb_init(strbuf *b) {
  b->data = NULL;
  b->len = b->cap = 0;
  b->oom = false;
}

void sb_free(strbuf *b) {
  free(b->data);
  sb_init(b);
}

static bool sb_reserve(strbuf *b, int64_t extra) {
  if (b->oom) return false;
  if (b->len + extra + 1 <= b->cap) return true;
  int64_t cap = b->cap ? b->cap * 2 : 64;
  while (cap < b->len + extra + 1) cap *= 2;
  char *p = realloc(b->data, (size_t)cap);
  if (!p) {
    b->oom = true;
    return false;
  }
  b->data = p;
  b->cap = cap;
  return true;
}

void sb_add(strbuf *b, const char *s, int64_t n) {
  if (n <= 0 || !sb_reserve(b, n)) return;
  memcpy(b->data + b->len, s, (size_t)n);
  b->len += n;
  b->data[b->len] = '\0';
}

void sb_adds(strbuf *b, const char *s) { sb_add(b, s, (int64_t)strlen(s)); }

void sb_addc(strbuf *b, char c) {
  if (!sb_reserve(b, 1)) return;
  b->data[b->len++] = c;
  b->data[b->len] = '\0';
}

void sb_printf(strbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[256];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof small) {
    sb_add(b, small, n);
    return;
  }
  if (!sb_reserve(b, n)) return;
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += n;
}

obj_str *sb_finish(lang_vm *vm, strbuf *b) {
  if (b->oom) {
    sb_free(b);
    exc_nomem(vm);
    return NULL;
  }
  obj_str *s = str_new(vm, b->data ? b->data : "", b->len);
  sb_free(b);
  return s;
}

/* ---- construction ---- */

static int64_t count_chars(const char *s, int64_t len) {
  int64_t n = 0;
  for (int64_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
  return n;
}

static obj_str *str_alloc(lang_vm *vm, int64_t len) {
  obj_str *s = obj_alloc(vm, &type_str, sizeof(obj_str) + (size_t)len + 1);
  if (!s) return NULL;
  s->len = len;
  s->hash = -1;
  return s;
}

obj_str *str_new(lang_vm *vm, const char *data, int64_t len) {
  if (len == 0 && vm->empty_str) {
    obj_incref(vm->empty_str);
    return vm->empty_str;
  }
  if (len == 1 && (unsigned char)data[0] < 128 && vm->char_cache[(unsigned char)data[0]]) {
    obj_str *c = vm->char_cache[(unsigned char)data[0]];
    obj_incref(c);
    return c;
  }
  obj_str *s = str_alloc(vm, len);
  if (!s) return NULL;
  memcpy(s->data, data, (size_t)len);
  s->data[len] = '\0';
  s->nchars = count_chars(data, len);
  s->ascii = s->nchars == len;
  return s;
}

obj_str *str_from_cstr(lang_vm *vm, const char *s) { return str_new(vm, s, (int64_t)strlen(s)); }

obj_str *str_printf(lang_vm *vm, const char *fmt, ...) {
  char small[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  if ((size_t)n < sizeof small) return str_new(vm, small, n);
  char *big = malloc((size_t)n + 1);
  if (!big) {
    exc_nomem(vm);
    return NULL;
  }
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  obj_str *s = str_new(vm, big, n);
  free(big);
  return s;
}

/* FNV-1a over the bytes, mixed; deterministic across runs (sets of str print in a stable order). */
int64_t str_hash(obj_str *s) {
  if (s->hash != -1) return s->hash;
  uint64_t h = 1469598103934665603ULL;
  for (int64_t i = 0; i < s->len; i++) {
    h ^= (unsigned char)s->data[i];
    h *= 1099511628211ULL;
  }
  h ^= h >> 29;
  int64_t r = (int64_t)(h & 0x7fffffffffffffffULL);
  if (r == -1) r = -2;
  s->hash = r;
  return r;
}

bool str_eq(const obj_str *a, const obj_str *b) {
  if (a == b) return true;
  if (a->len != b->len) return false;
  if (a->interned && b->interned) return false;
  if (a->hash != -1 && b->hash != -1 && a->hash != b->hash) return false;
  return memcmp(a->data, b->data, (size_t)a->len) == 0;
}

obj_str *str_intern_n(lang_vm *vm, const char *s, int64_t len) {
  obj_str *tmp = str_new(vm, s, len);
  if (!tmp) return NULL;
  if (tmp->interned) {   /* a cached one-character string */
    obj_decref(tmp);
    return tmp;
  }
  value found = dict_get_str(vm->intern, tmp);
  if (!VAL_IS_NULL(found)) {
    obj_decref(tmp);
    return VAL_STR(found);
  }
  if (dict_set_str(vm, vm->intern, tmp, val_obj(tmp)) < 0) {
    obj_decref(tmp);
    return NULL;
  }
  tmp->interned = true;
  obj_decref(tmp);   /* the intern table holds it */
  return tmp;
}

obj_str *str_intern(lang_vm *vm, const char *s) { return str_intern_n(vm, s, (int64_t)strlen(s)); }

/* ---- UTF-8 helpers ---- */

int64_t str_byte_offset(const obj_str *s, int64_t i) {
  if (s->ascii) return i;
  int64_t pos = 0;
  for (int64_t b = 0; b < s->len; b++) {
    if (((unsigned char)s->data[b] & 0xC0) != 0x80) {
      if (pos == i) return b;
      pos++;
    }
  }
  return s->len;
}

static uint32_t utf8_decode(const unsigned char *p, int *n) {
  if (p[0] < 0x80) { *n = 1; return p[0]; }
  if ((p[0] & 0xE0) == 0xC0) { *n = 2; return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F); }
  if ((p[0] & 0xF0) == 0xE0) {
    *n = 3;
    return ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  }
  *n = 4;
  return ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) | ((uint32_t)(p[2] & 0x3F) << 6) |
         (p[3] & 0x3F);
}

/* Is code point c printable in Python's sense (str.isprintable)? Approximation: controls,
   surrogates, unassigned planes and a few separators are not. */
static bool cp_printable(uint32_t c) {
  if (c < 0x20 || c == 0x7f) return false;
  if (c >= 0x80 && c < 0xa0) return false;
  if (c == 0xad) return false;
  if (c >= 0x2028 && c <= 0x202e) return false;
  if (c >= 0x2060 && c <= 0x206f) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  if (c == 0xfeff || (c >= 0xfff9 && c <= 0xfffb)) return false;
  if (c >= 0xe000 && c <= 0xf8ff) return false;
  if (c >= 0xf0000) return false;
  if (c == 0x3000 || (c >= 0x2000 && c <= 0x200f) || c == 0x1680) return false;
  return true;
}

obj_str *str_repr(lang_vm *vm, const obj_str *s) {
  bool has_sq = memchr(s->data, '\'', (size_t)s->len) != NULL;
  bool has_dq = memchr(s->data, '"', (size_t)s->len) != NULL;
  char q = (has_sq && !has_dq) ? '"' : '\'';
  strbuf b;
  sb_init(&b);
  sb_addc(&b, q);
  const unsigned char *p = (const unsigned char *)s->data;
  for (int64_t i = 0; i < s->len;) {
    unsigned char c = p[i];
    if (c < 0x80) {
      i++;
      if (c == (unsigned char)q || c == '\\') {
        sb_addc(&b, '\\');
        sb_addc(&b, (char)c);
      } else if (c == '\n') sb_adds(&b, "\\n");
      else if (c == '\r') sb_adds(&b, "\\r");
      else if (c == '\t') sb_adds(&b, "\\t");
      else if (c < 0x20 || c == 0x7f) sb_printf(&b, "\\x%02x", c);
      else sb_addc(&b, (char)c);
      continue;
    }
    int n;
    uint32_t cp = utf8_decode(p + i, &n);
    if (i + n > s->len) n = (int)(s->len - i);
    if (cp_printable(cp)) sb_add(&b, (const char *)p + i, n);
    else if (cp < 0x100) sb_printf(&b, "\\x%02x", cp);
    else if (cp < 0x10000) sb_printf(&b, "\\u%04x", cp);
    else sb_printf(&b, "\\U%08x", cp);
    i += n;
  }
  sb_addc(&b, q);
  return sb_finish(vm, &b);
}

/* ---- operations ---- */

obj_str *str_concat(lang_vm *vm, obj_str *a, obj_str *b) {
  if (b->len == 0) {
    obj_incref(a);
    return a;
  }
  if (a->len == 0) {
    obj_incref(b);
    return b;
  }
  obj_str *s = str_alloc(vm, a->len + b->len);
  if (!s) return NULL;
  memcpy(s->data, a->data, (size_t)a->len);
  memcpy(s->data + a->len, b->data, (size_t)b->len);
  s->data[s->len] = '\0';
  s->nchars = a->nchars + b->nchars;
  s->ascii = a->ascii && b->ascii;
  return s;
}

obj_str *str_join_values(lang_vm *vm, obj_str *sep, const value *items, int64_t n) {
  int64_t total = 0;
  for (int64_t i = 0; i < n; i++) {
    if (!val_is_str(items[i])) {
      exc_set(vm, EXC_TypeError, "sequence item %lld: expected str instance, %s found", (long long)i,
              val_type_name(items[i]));
      return NULL;
    }
    total += VAL_STR(items[i])->len;
  }
  if (n > 1) total += sep->len * (n - 1);
  if (n == 1 && VAL_STR(items[0])->hdr.type == &type_str) {
    obj_incref(items[0].u.o);
    return VAL_STR(items[0]);
  }
  obj_str *s = str_alloc(vm, total);
  if (!s) return NULL;
  char *p = s->data;
  int64_t nchars = 0;
  bool ascii = sep->ascii;
  for (int64_t i = 0; i < n; i++) {
    obj_str *it = VAL_STR(items[i]);
    if (i) {
      memcpy(p, sep->data, (size_t)sep->len);
      p += sep->len;
      nchars += sep->nchars;
    }
    memcpy(p, it->data, (size_t)it->len);
    p += it->len;
    nchars += it->nchars;
    ascii = ascii && it->ascii;
  }
  *p = '\0';
  s->nchars = nchars;
  s->ascii = ascii;
  return s;
}

static obj_str *str_repeat(lang_vm *vm, obj_str *a, int64_t n) {
  if (n <= 0) {
    obj_incref(vm->empty_str);
    return vm->empty_str;
  }
  if (n == 1) {
    obj_incref(a);
    return a;
  }
  if (a->len && n > INT64_MAX / a->len) {
    exc_nomem(vm);
    return NULL;
  }
  obj_str *s = str_alloc(vm, a->len * n);
  if (!s) return NULL;
  for (int64_t i = 0; i < n; i++) memcpy(s->data + i * a->len, a->data, (size_t)a->len);
  s->data[s->len] = '\0';
  s->nchars = a->nchars * n;
  s->ascii = a->ascii;
  return s;
}

value str_binop(lang_vm *vm, value a, value b, int op, bool reflected) {
  if (op >= BINOP_INPLACE) return val_notimpl();
  if (op == BINOP_ADD && val_is_str(a) && val_is_str(b)) {
    obj_str *s = str_concat(vm, VAL_STR(a), VAL_STR(b));
    return s ? val_obj(s) : val_null();
  }
  if (op == BINOP_MUL) {
    if (val_is_str(a) && val_is_intlike(b)) {
      obj_str *s = str_repeat(vm, VAL_STR(a), val_as_int(b));
      return s ? val_obj(s) : val_null();
    }
    if (val_is_str(b) && val_is_intlike(a)) {
      obj_str *s = str_repeat(vm, VAL_STR(b), val_as_int(a));
      return s ? val_obj(s) : val_null();
    }
  }
  if (op == BINOP_MOD && val_is_str(a) && !reflected) return str_percent_format(vm, VAL_STR(a), b);
  return val_notimpl();
}

static int str_compare(const obj_str *a, const obj_str *b) {
  int64_t n = a->len < b->len ? a->len : b->len;
  int c = memcmp(a->data, b->data, (size_t)n);   /* UTF-8 byte order == code point order */
  if (c) return c;
  return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

static value str_richcmp(lang_vm *vm, value a, value b, int op) {
  if (!val_is_str(a) || !val_is_str(b)) return val_notimpl();
  obj_str *x = VAL_STR(a), *y = VAL_STR(b);
  if (op == CMP_EQ) return val_bool(str_eq(x, y));
  if (op == CMP_NE) return val_bool(!str_eq(x, y));
  int c = str_compare(x, y);
  switch (op) {
  case CMP_LT: return val_bool(c < 0);
  case CMP_LE: return val_bool(c <= 0);
  case CMP_GT: return val_bool(c > 0);
  default: return val_bool(c >= 0);
  }
}

static int str_hash_slot(lang_vm *vm, value v, int64_t *out) {
  *out = str_hash(VAL_STR(v));
  return 0;
}

static value str_repr_slot(lang_vm *vm, value v) {
  obj_str *r = str_repr(vm, VAL_STR(v));
  return r ? val_obj(r) : val_null();
}

static value str_str_slot(lang_vm *vm, value v) {
  obj_str *s = VAL_STR(v);
  if (s->hdr.type == &type_str) return val_incref(v);
  obj_str *c = str_new(vm, s->data, s->len);
  return c ? val_obj(c) : val_null();
}

static int64_t str_len_slot(lang_vm *vm, value v) { return VAL_STR(v)->nchars; }

/* Substring of code points [i, j). */
obj_str *str_substr(lang_vm *vm, obj_str *s, int64_t i, int64_t j) {
  if (i >= j) {
    obj_incref(vm->empty_str);
    return vm->empty_str;
  }
  int64_t bi = str_byte_offset(s, i), bj = s->ascii ? j : bi + str_byte_offset_from(s, bi, j - i);
  return str_new(vm, s->data + bi, bj - bi);
}

/* Byte length of the next n code points starting at byte offset b. */
int64_t str_byte_offset_from(const obj_str *s, int64_t b, int64_t n) {
  if (s->ascii) return n;
  int64_t k = b, seen = 0;
  while (k < s->len) {
    if (((unsigned char)s->data[k] & 0xC0) != 0x80) {
      if (seen == n) break;
      seen++;
    }
    k++;
  }
  return k - b;
}

static value str_getitem(lang_vm *vm, value self, value key) {
  obj_str *s = VAL_STR(self);
  if (val_is_intlike(key) || (key.tag == VAL_OBJ && !VAL_IS_NULL(type_lookup(key.u.o->type, vm->s.__index__)) &&
                              key.u.o->type != &type_slice)) {
    int64_t i;
    if (obj_as_index(vm, key, &i) < 0) return val_null();
    if (i < 0) i += s->nchars;
    if (i < 0 || i >= s->nchars) return exc_set(vm, EXC_IndexError, "string index out of range");
    obj_str *r = str_substr(vm, s, i, i + 1);
    return r ? val_obj(r) : val_null();
  }
  if (val_type(key) == &type_slice) {
    int64_t start, stop, step;
    int64_t n = slice_indices(vm, (obj_slice *)key.u.o, s->nchars, &start, &stop, &step);
    if (n < 0) return val_null();
    if (step == 1) {
      obj_str *r = str_substr(vm, s, start, stop);
      return r ? val_obj(r) : val_null();
    }
    strbuf b;
    sb_init(&b);
    for (int64_t k = 0, i = start; k < n; k++, i += step) {
      int64_t bo = str_byte_offset(s, i);
      sb_add(&b, s->data + bo, str_byte_offset_from(s, bo, 1));
    }
    obj_str *r = sb_finish(vm, &b);
    return r ? val_obj(r) : val_null();
  }
  return exc_set(vm, EXC_TypeError, "string indices must be integers, not '%s'", val_type_name(key));
}

static int str_contains(lang_vm *vm, value self, value x) {
  if (!val_is_str(x))
    return exc_seti(vm, EXC_TypeError, "'in <string>' requires string as left operand, not %s", val_type_name(x));
  obj_str *s = VAL_STR(self), *sub = VAL_STR(x);
  if (sub->len == 0) return 1;
  if (sub->len > s->len) return 0;
  return memmem(s->data, (size_t)s->len, sub->data, (size_t)sub->len) != NULL;
}

/* ---- iteration ---- */

typedef struct obj_striter { obj hdr; obj_str *s; int64_t pos; } obj_striter;

static void striter_dealloc(obj *o) { obj_decref(((obj_striter *)o)->s); }

static value striter_next(lang_vm *vm, value self) {
  obj_striter *it = (obj_striter *)self.u.o;
  obj_str *s = it->s;
  if (it->pos >= s->len) return val_stop();
  int64_t n = s->ascii ? 1 : str_byte_offset_from(s, it->pos, 1);
  obj_str *c = str_new(vm, s->data + it->pos, n);
  it->pos += n;
  return c ? val_obj(c) : val_null();
}

static value iter_self(lang_vm *vm, value self) { return val_incref(self); }

obj_type type_striter = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "str_iterator", .basicsize = sizeof(obj_striter),
  .dealloc = striter_dealloc, .iter = iter_self, .next = striter_next,
};

static value str_iter(lang_vm *vm, value self) {
  obj_striter *it = obj_alloc(vm, &type_striter, sizeof *it);
  if (!it) return val_null();
  obj_incref(self.u.o);
  it->s = VAL_STR(self);
  return val_obj(it);
}

/* ---- str() ---- */

static value str_new_slot(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  if (nargs == 1 && !kw && type == &type_str) return obj_str_of(vm, args[0]);   /* str(x): the common case */
  value a[3];
  if (bi_parse(vm, "str", args, nargs, kw, "|object,encoding,errors", a) < 0) return val_null();
  if (VAL_IS_NULL(a[0])) {
    obj_incref(vm->empty_str);
    return val_obj(vm->empty_str);
  }
  if (!VAL_IS_NULL(a[1]) || !VAL_IS_NULL(a[2])) {
    if (val_type(a[0]) == &type_bytes) return bytes_decode_value(vm, a[0], a[1], a[2]);
    return exc_set(vm, EXC_TypeError, "decoding str is not supported");
  }
  return obj_str_of(vm, a[0]);
}

static value str_format_slot(lang_vm *vm, value self, obj_str *spec) { return str_format_spec(vm, VAL_STR(self), spec); }

static void str_dealloc(obj *o) { (void)o; }

obj_type type_str = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "str", .basicsize = sizeof(obj_str), .tflags = TYPE_F_STR_SUB,
  .dealloc = str_dealloc, .repr = str_repr_slot, .str = str_str_slot, .hash = str_hash_slot,
  .richcmp = str_richcmp, .binop = str_binop, .len = str_len_slot, .getitem = str_getitem,
  .contains = str_contains, .iter = str_iter, .new_ = str_new_slot, .format = str_format_slot,
};

int str_init(lang_vm *vm) {
  if (type_ready(vm, &type_str) < 0 || type_ready(vm, &type_striter) < 0) return -1;
  return str_methods_init(vm);
}
