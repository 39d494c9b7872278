/*
** kernel/lang/str_methods.c — the str methods (split, join, strip, replace, find, format ...) and the
** bridges from the interpreter to format.c: format(int/float/str, spec), `str % args`, str.format.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/format.h"
#include "kernel/lang/internal.h"
#include "kernel/lang/numpy_bind.h"

static exc_kind kind_of(const char *k) {
  static const struct { const char *n; exc_kind k; } map[] = {
    {"ValueError", EXC_ValueError}, {"TypeError", EXC_TypeError}, {"OverflowError", EXC_OverflowError},
    {"IndexError", EXC_IndexError}, {"KeyError", EXC_KeyError}, {"MemoryError", EXC_MemoryError},
    {"AttributeError", EXC_AttributeError}, {"ZeroDivisionError", EXC_ZeroDivisionError},
  };
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strcmp(map[i].n, k) == 0) return map[i].k;
  return EXC_ValueError;
}

/* Turns a formatter result into a str value or the matching exception. */
static value fmt_result(lang_vm *vm, int rc, fmt_buf *b, fmt_error *err) {
  if (rc < 0 || b->oom) {
    bool oom = b->oom;
    fmt_buf_free(b);
    if (oom || strcmp(err->kind, "MemoryError") == 0) return exc_nomem(vm);
    if (exc_pending(vm)) return val_null();   /* raised by a callback */
    return exc_set(vm, kind_of(err->kind), "%s", err->msg);
  }
  obj_str *s = str_new(vm, b->data ? b->data : "", (int64_t)b->len);
  fmt_buf_free(b);
  return s ? val_obj(s) : val_null();
}

value int_format(lang_vm *vm, value self, obj_str *spec) {
  /* format(x, '') is str(x): f"{i}" spends no time in the spec machinery */
  if (spec->len == 0 && (self.tag == VAL_INT || self.tag == VAL_BOOL)) return obj_repr(vm, self);
  fmt_buf b;
  fmt_error err;
  char store[256];
  fmt_buf_init_with(&b, store, sizeof store);
  int rc = self.tag == VAL_BOOL ? fmt_format_bool(&b, self.u.b, spec->data, (size_t)spec->len, &err)
                                : fmt_format_int(&b, self.u.i, spec->data, (size_t)spec->len, &err);
  return fmt_result(vm, rc, &b, &err);
}

value float_format(lang_vm *vm, value self, obj_str *spec) {
  if (spec->len == 0 && self.tag == VAL_FLOAT) return obj_repr(vm, self);
  fmt_buf b;
  fmt_error err;
  char store[256];
  fmt_buf_init_with(&b, store, sizeof store);
  int rc = fmt_format_float(&b, self.u.f, spec->data, (size_t)spec->len, &err);
  return fmt_result(vm, rc, &b, &err);
}

value str_format_spec(lang_vm *vm, obj_str *s, obj_str *spec) {
  if (spec->len == 0) {
    obj_incref(s);
    return val_obj(s);
  }
  fmt_buf b;
  fmt_error err;
  char store[256];
  fmt_buf_init_with(&b, store, sizeof store);
  int rc = fmt_format_str(&b, s->data, (size_t)s->len, spec->data, (size_t)spec->len, &err);
  return fmt_result(vm, rc, &b, &err);
}

/* ---- `str % args` ---- */

typedef struct pct_ctx { lang_vm *vm; value args; value held[64]; int nheld; } pct_ctx;

static void describe(pct_ctx *c, value v, fmt_value *out) {
  memset(out, 0, sizeof *out);
  out->type_name = val_type_name(v);
  out->handle = v.tag == VAL_OBJ ? v.u.o : NULL;
  switch (v.tag) {
  case VAL_INT: out->kind = FMT_INT; out->i = v.u.i; break;
  case VAL_BOOL: out->kind = FMT_BOOL; out->i = v.u.b; break;
  case VAL_FLOAT: out->kind = FMT_FLOAT; out->f = v.u.f; break;
  default:
    if (val_is_str(v)) {
      out->kind = FMT_STR;
      out->s = VAL_STR(v)->data;
      out->len = (size_t)VAL_STR(v)->len;
    } else if (np_is_scalar(v)) {
      /* NumPy scalars format as the Python number they hold (np.float64 is a float in NumPy) */
      ten_tensor *t = np_borrow(v);
      if (ten_dtype_is_float(t->dtype)) {
        out->kind = FMT_FLOAT;
        out->f = ten_get_double(t, 0);
      } else {
        out->kind = t->dtype == TEN_DTYPE_BOOL ? FMT_BOOL : FMT_INT;
        out->i = ten_get_int(t, 0);
      }
    } else {
      /* numbers that are not Python ints/floats (0-dim tensors ...) format through __float__/__int__ */
      out->kind = FMT_OTHER;
    }
    break;
  }
  if (v.tag == VAL_NONE) out->handle = NULL;
}

static int pct_get(void *ctx, int64_t index, fmt_value *out, fmt_error *err) {
  pct_ctx *c = ctx;
  value v = index < 0 ? c->args : VAL_TUPLE(c->args)->items[index];
  describe(c, v, out);
  /* keep the value recoverable for the text callback */
  out->handle = (void *)(intptr_t)(index + 2);
  return 0;
}

static value handle_value(pct_ctx *c, const fmt_value *v) {
  intptr_t h = (intptr_t)v->handle;
  if (h >= 1000) return c->held[h - 1000];
  int64_t index = (int64_t)h - 2;
  return index < 0 ? c->args : VAL_TUPLE(c->args)->items[index];
}

static int pct_lookup(void *ctx, const char *key, size_t len, fmt_value *out, fmt_error *err) {
  pct_ctx *c = ctx;
  lang_vm *vm = c->vm;
  obj_str *k = str_new(vm, key, (int64_t)len);
  if (!k) {
    fmt_error_set(err, "MemoryError", "out of memory");
    return -1;
  }
  value v = obj_getitem(vm, c->args, val_obj(k));
  obj_decref(k);
  if (VAL_IS_NULL(v)) {
    fmt_error_set(err, "Raised", "callback");
    return -1;
  }
  if (c->nheld >= 64) {
    val_decref(v);
    fmt_error_set(err, "ValueError", "too many mapping keys in format string");
    return -1;
  }
  c->held[c->nheld] = v;
  describe(c, v, out);
  out->handle = (void *)(intptr_t)(1000 + c->nheld);
  c->nheld++;
  return 0;
}

static int pct_text(void *ctx, const fmt_value *v, char conv, fmt_buf *out, fmt_error *err) {
  pct_ctx *c = ctx;
  lang_vm *vm = c->vm;
  value x = handle_value(c, v);
  value s = conv == 's' ? obj_str_of(vm, x) : conv == 'r' ? obj_repr(vm, x) : obj_ascii(vm, x);
  if (VAL_IS_NULL(s)) {
    fmt_error_set(err, "Raised", "callback");
    return -1;
  }
  fmt_buf_append(out, VAL_STR(s)->data, (size_t)VAL_STR(s)->len);
  val_decref(s);
  return 0;
}

value str_percent_format(lang_vm *vm, obj_str *s, value args) {
  pct_ctx c;
  c.vm = vm;
  c.nheld = 0;
  value a = args;
  /* objects with __float__/__int__ (0-dim tensors) stand in as Python numbers */
  c.args = a;
  fmt_percent_args pa;
  memset(&pa, 0, sizeof pa);
  pa.ctx = &c;
  pa.count = val_is_tuple(a) ? VAL_TUPLE(a)->len : -1;
  pa.mapping = !val_is_tuple(a) && !val_is_str(a) && val_type(a)->getitem != NULL;
  pa.get = pct_get;
  pa.lookup = pct_lookup;
  pa.text = pct_text;
  fmt_buf b;
  fmt_error err;
  char store[256];
  fmt_buf_init_with(&b, store, sizeof store);
  int rc = fmt_percent(&b, s->data, (size_t)s->len, &pa, &err);
  for (int i = 0; i < c.nheld; i++) val_decref(c.held[i]);
  return fmt_result(vm, rc, &b, &err);
}

/* ---- str.format ---- */

typedef struct sf_ctx { lang_vm *vm; const value *args; int nargs; obj_tuple *kw; } sf_ctx;

static int sf_fail(fmt_error *err) {
  fmt_error_set(err, "Raised", "callback");
  return -1;
}

static int sf_field(void *ctx, int64_t index, const char *key, size_t key_len, void **obj, fmt_error *err) {
  sf_ctx *c = ctx;
  lang_vm *vm = c->vm;
  if (index >= 0) {
    if (index >= c->nargs) {
      fmt_error_index_range(err, index);
      return -1;
    }
    value v = val_incref(c->args[index]);
    value *box = lang_alloc(sizeof(value));
    if (!box) return sf_fail(err);
    *box = v;
    *obj = box;
    return 0;
  }
  if (c->kw)
    for (int64_t k = 0; k < c->kw->len; k++) {
      obj_str *n = VAL_STR(c->kw->items[k]);
      if ((size_t)n->len == key_len && memcmp(n->data, key, key_len) == 0) {
        value *box = lang_alloc(sizeof(value));
        if (!box) return sf_fail(err);
        *box = val_incref(c->args[c->nargs + k]);
        *obj = box;
        return 0;
      }
    }
  obj_str *ks = str_new(vm, key, (int64_t)key_len);
  if (ks) {
    exc_set_value(vm, EXC_KeyError, val_obj(ks));
    obj_decref(ks);
  }
  return sf_fail(err);
}

static int sf_box(lang_vm *vm, value v, void **out, fmt_error *err) {
  if (VAL_IS_NULL(v)) return sf_fail(err);
  value *box = lang_alloc(sizeof(value));
  if (!box) {
    val_decref(v);
    exc_nomem(vm);
    return sf_fail(err);
  }
  *box = v;
  *out = box;
  return 0;
}

static int sf_getattr(void *ctx, void *obj, const char *name, size_t len, void **out, fmt_error *err) {
  sf_ctx *c = ctx;
  obj_str *n = str_intern_n(c->vm, name, (int64_t)len);
  if (!n) return sf_fail(err);
  return sf_box(c->vm, obj_getattr(c->vm, *(value *)obj, n), out, err);
}

static int sf_getitem(void *ctx, void *obj, int64_t index, const char *key, size_t len, void **out, fmt_error *err) {
  sf_ctx *c = ctx;
  value k;
  if (index >= 0) k = val_int(index);
  else {
    obj_str *s = str_new(c->vm, key, (int64_t)len);
    if (!s) return sf_fail(err);
    k = val_obj(s);
  }
  value r = obj_getitem(c->vm, *(value *)obj, k);
  val_decref(k);
  return sf_box(c->vm, r, out, err);
}

static int sf_convert(void *ctx, void *obj, char conv, void **out, fmt_error *err) {
  sf_ctx *c = ctx;
  value x = *(value *)obj;
  value r = conv == 's' ? obj_str_of(c->vm, x) : conv == 'r' ? obj_repr(c->vm, x) : obj_ascii(c->vm, x);
  return sf_box(c->vm, r, out, err);
}

static int sf_format(void *ctx, void *obj, const char *spec, size_t len, fmt_buf *out, fmt_error *err) {
  sf_ctx *c = ctx;
  obj_str *sp = str_new(c->vm, spec, (int64_t)len);
  if (!sp) return sf_fail(err);
  value r = obj_format(c->vm, *(value *)obj, sp);
  obj_decref(sp);
  if (VAL_IS_NULL(r)) return sf_fail(err);
  fmt_buf_append(out, VAL_STR(r)->data, (size_t)VAL_STR(r)->len);
  val_decref(r);
  return 0;
}

static void sf_release(void *ctx, void *obj) {
  value *box = obj;
  val_decref(*box);
  lang_free(box, sizeof(value));
}

static value do_format(lang_vm *vm, obj_str *fmt, const value *args, int nargs, obj_tuple *kw) {
  sf_ctx c = {vm, args, nargs, kw};
  fmt_format_args fa = {&c, sf_field, sf_getattr, sf_getitem, sf_convert, sf_format, sf_release};
  fmt_buf b;
  fmt_error err;
  char store[256];
  fmt_buf_init_with(&b, store, sizeof store);
  int rc = fmt_vformat(&b, fmt->data, (size_t)fmt->len, &fa, &err);
  return fmt_result(vm, rc, &b, &err);
}

#define SELF VAL_STR(args[0])

static value m_format(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return do_format(vm, SELF, args + 1, nargs - 1, kw);
}

static value m_format_map(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (!val_is_dict(args[1])) return exc_set(vm, EXC_TypeError, "format_map() argument must be a dict here");
  obj_dict *d = VAL_DICT(args[1]);
  int64_t n = d->used;
  value *vals = lang_alloc(sizeof(value) * (size_t)(n ? n : 1));
  obj_tuple *names = tuple_new(vm, n);
  if (!vals || !names) {
    lang_free(vals, sizeof(value) * (size_t)(n ? n : 1));
    obj_xdecref(names);
    return exc_nomem(vm);
  }
  int64_t pos = 0, i = 0;
  value k, v;
  while (dict_next(d, &pos, &k, &v)) {
    if (!val_is_str(k)) continue;
    names->items[i] = val_incref(k);
    vals[i++] = v;
  }
  names->len = i;
  value r = do_format(vm, SELF, vals, 0, names);
  obj_decref(names);
  lang_free(vals, sizeof(value) * (size_t)(n ? n : 1));
  return r;
}

/* ---- searching ---- */

static const char *find_bytes(const char *hay, int64_t hn, const char *needle, int64_t nn) {
  if (nn == 0) return hay;
  if (nn > hn) return NULL;
  return memmem(hay, (size_t)hn, needle, (size_t)nn);
}

static const char *rfind_bytes(const char *hay, int64_t hn, const char *needle, int64_t nn) {
  if (nn > hn) return NULL;
  for (int64_t i = hn - nn; i >= 0; i--)
    if (memcmp(hay + i, needle, (size_t)nn) == 0) return hay + i;
  return NULL;
}

/* Resolves optional start/end (code points) into byte offsets. */
static int range_args(lang_vm *vm, obj_str *s, const value *args, int nargs, int first, int64_t *bs, int64_t *be,
                      int64_t *cs) {
  int64_t start = 0, end = s->nchars;
  if (nargs > first && args[first].tag != VAL_NONE && obj_as_index(vm, args[first], &start) < 0) return -1;
  if (nargs > first + 1 && args[first + 1].tag != VAL_NONE && obj_as_index(vm, args[first + 1], &end) < 0) return -1;
  if (start < 0) start = start + s->nchars < 0 ? 0 : start + s->nchars;
  if (end < 0) end = end + s->nchars < 0 ? 0 : end + s->nchars;
  if (end > s->nchars) end = s->nchars;
  *cs = start;
  if (start > s->nchars) {
    *bs = s->len + 1;
    *be = s->len;
    return 0;
  }
  *bs = str_byte_offset(s, start);
  *be = end < start ? *bs : str_byte_offset(s, end);
  return 0;
}

static int64_t chars_before(obj_str *s, int64_t byte) {
  if (s->ascii) return byte;
  int64_t n = 0;
  for (int64_t i = 0; i < byte; i++) n += ((unsigned char)s->data[i] & 0xC0) != 0x80;
  return n;
}

static value find_impl(lang_vm *vm, const value *args, int nargs, bool reverse, bool raise, const char *name) {
  if (bi_check_nargs(vm, name, nargs - 1, 1, 3) < 0) return val_null();
  obj_str *s = SELF;
  if (!val_is_str(args[1]))
    return exc_set(vm, EXC_TypeError, "must be str, not %s", val_type_name(args[1]));
  obj_str *sub = VAL_STR(args[1]);
  int64_t bs, be, cs;
  if (range_args(vm, s, args, nargs, 2, &bs, &be, &cs) < 0) return val_null();
  const char *p = NULL;
  if (bs <= be + (sub->len == 0 ? 0 : 0) && bs <= s->len) {
    p = reverse ? rfind_bytes(s->data + bs, be - bs, sub->data, sub->len)
                : find_bytes(s->data + bs, be - bs, sub->data, sub->len);
  }
  if (!p) {
    if (raise) return exc_set(vm, EXC_ValueError, "substring not found");
    return val_int(-1);
  }
  return val_int(chars_before(s, p - s->data));
}

static value m_find(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return find_impl(vm, a, n, false, false, "find"); }
static value m_rfind(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return find_impl(vm, a, n, true, false, "rfind"); }
static value m_index(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return find_impl(vm, a, n, false, true, "index"); }
static value m_rindex(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return find_impl(vm, a, n, true, true, "rindex"); }

static value m_count(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "count", nargs - 1, 1, 3) < 0) return val_null();
  obj_str *s = SELF;
  if (!val_is_str(args[1])) return exc_set(vm, EXC_TypeError, "must be str, not %s", val_type_name(args[1]));
  obj_str *sub = VAL_STR(args[1]);
  int64_t bs, be, cs;
  if (range_args(vm, s, args, nargs, 2, &bs, &be, &cs) < 0) return val_null();
  if (bs > s->len) return val_int(0);
  if (sub->len == 0) return val_int(chars_before(s, be) - chars_before(s, bs) + 1);
  int64_t n = 0;
  const char *p = s->data + bs, *end = s->data + be;
  while (p + sub->len <= end) {
    const char *q = find_bytes(p, end - p, sub->data, sub->len);
    if (!q) break;
    n++;
    p = q + sub->len;
  }
  return val_int(n);
}

static value prefix_impl(lang_vm *vm, const value *args, int nargs, bool suffix) {
  const char *name = suffix ? "endswith" : "startswith";
  if (bi_check_nargs(vm, name, nargs - 1, 1, 3) < 0) return val_null();
  obj_str *s = SELF;
  int64_t bs, be, cs;
  if (range_args(vm, s, args, nargs, 2, &bs, &be, &cs) < 0) return val_null();
  value pv = args[1];
  int64_t n = val_is_tuple(pv) ? VAL_TUPLE(pv)->len : 1;
  for (int64_t i = 0; i < n; i++) {
    value p = val_is_tuple(pv) ? VAL_TUPLE(pv)->items[i] : pv;
    if (!val_is_str(p)) {
      if (val_is_tuple(pv))
        return exc_set(vm, EXC_TypeError, "tuple for %s must only contain str, not %s", name, val_type_name(p));
      return exc_set(vm, EXC_TypeError, "%s first arg must be str or a tuple of str, not %s", name, val_type_name(p));
    }
    obj_str *ps = VAL_STR(p);
    if (bs > s->len || ps->len > be - bs) continue;
    const char *at = suffix ? s->data + be - ps->len : s->data + bs;
    if (memcmp(at, ps->data, (size_t)ps->len) == 0) return val_bool(true);
  }
  return val_bool(false);
}
static value m_startswith(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return prefix_impl(vm, a, n, false); }
static value m_endswith(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return prefix_impl(vm, a, n, true); }

/* ---- splitting and joining ---- */

static bool is_space_byte(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f); }

/* Length in bytes of a Unicode whitespace character at p (0 if none): ASCII and U+3000, U+00A0, U+2000.. */
static int uspace_len(const unsigned char *p, const unsigned char *end) {
  if (p >= end) return 0;
  if (is_space_byte(*p)) return 1;
  if (p[0] == 0xC2 && p + 1 < end && (p[1] == 0x85 || p[1] == 0xA0)) return 2;
  if (p[0] == 0xE3 && p + 2 < end && p[1] == 0x80 && p[2] == 0x80) return 3;
  if (p[0] == 0xE2 && p + 2 < end && p[1] == 0x80 && ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xA8 || p[2] == 0xA9 || p[2] == 0xAF)) return 3;
  if (p[0] == 0xE2 && p + 2 < end && p[1] == 0x81 && p[2] == 0x9F) return 3;
  if (p[0] == 0xE1 && p + 2 < end && p[1] == 0x9A && p[2] == 0x80) return 3;
  return 0;
}

static int push_piece(lang_vm *vm, obj_list *l, const char *s, int64_t n) {
  obj_str *p = str_new(vm, s, n);
  if (!p) return -1;
  return list_append_steal(vm, l, val_obj(p));
}

static value split_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, bool right) {
  value a[2];
  if (bi_parse(vm, right ? "rsplit" : "split", args + 1, nargs - 1, kw, "|sep,maxsplit", a) < 0) return val_null();
  obj_str *s = SELF;
  int64_t maxsplit = -1;
  if (!VAL_IS_NULL(a[1]) && bi_to_int(vm, a[1], &maxsplit) < 0) return val_null();
  obj_list *l = list_new(vm, 0);
  if (!l) return val_null();
  const unsigned char *d = (const unsigned char *)s->data, *end = d + s->len;
  if (VAL_IS_NULL(a[0]) || a[0].tag == VAL_NONE) {
    if (!right) {
      const unsigned char *p = d;
      while (p < end) {
        int k;
        while (p < end && (k = uspace_len(p, end))) p += k;
        if (p >= end) break;
        if (maxsplit >= 0 && l->len == maxsplit) {
          const unsigned char *q = end;
          while (q > p && is_space_byte(q[-1])) q--;
          if (push_piece(vm, l, (const char *)p, q - p) < 0) goto fail;
          break;
        }
        const unsigned char *q = p;
        while (q < end && !uspace_len(q, end)) q++;
        if (push_piece(vm, l, (const char *)p, q - p) < 0) goto fail;
        p = q;
      }
    } else {
      const unsigned char *p = end;
      while (p > d) {
        while (p > d && is_space_byte(p[-1])) p--;
        if (p <= d) break;
        if (maxsplit >= 0 && l->len == maxsplit) {
          const unsigned char *q = d;
          while (q < p && is_space_byte(*q)) q++;
          if (push_piece(vm, l, (const char *)q, p - q) < 0) goto fail;
          break;
        }
        const unsigned char *q = p;
        while (q > d && !is_space_byte(q[-1])) q--;
        if (push_piece(vm, l, (const char *)q, p - q) < 0) goto fail;
        p = q;
      }
      for (int64_t i = 0, j = l->len - 1; i < j; i++, j--) {
        value t = l->items[i];
        l->items[i] = l->items[j];
        l->items[j] = t;
      }
    }
    return val_obj(l);
  }
  if (!val_is_str(a[0])) {
    obj_decref(l);
    return exc_set(vm, EXC_TypeError, "must be str or None, not %s", val_type_name(a[0]));
  }
  obj_str *sep = VAL_STR(a[0]);
  if (sep->len == 0) {
    obj_decref(l);
    return exc_set(vm, EXC_ValueError, "empty separator");
  }
  if (!right) {
    const char *p = s->data, *e = s->data + s->len;
    for (;;) {
      const char *q = (maxsplit >= 0 && l->len == maxsplit) ? NULL : find_bytes(p, e - p, sep->data, sep->len);
      if (!q) {
        if (push_piece(vm, l, p, e - p) < 0) goto fail;
        break;
      }
      if (push_piece(vm, l, p, q - p) < 0) goto fail;
      p = q + sep->len;
    }
  } else {
    const char *p = s->data, *e = s->data + s->len;
    for (;;) {
      const char *q = (maxsplit >= 0 && l->len == maxsplit) ? NULL : rfind_bytes(p, e - p, sep->data, sep->len);
      if (!q) {
        if (push_piece(vm, l, p, e - p) < 0) goto fail;
        break;
      }
      if (push_piece(vm, l, q + sep->len, e - q - sep->len) < 0) goto fail;
      e = q;
    }
    for (int64_t i = 0, j = l->len - 1; i < j; i++, j--) {
      value t = l->items[i];
      l->items[i] = l->items[j];
      l->items[j] = t;
    }
  }
  return val_obj(l);
fail:
  obj_decref(l);
  return val_null();
}
static value m_split(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return split_impl(vm, a, n, kw, false); }
static value m_rsplit(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return split_impl(vm, a, n, kw, true); }

static value m_splitlines(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[1];
  if (bi_parse(vm, "splitlines", args + 1, nargs - 1, kw, "|keepends", a) < 0) return val_null();
  int keep = 0;
  if (!VAL_IS_NULL(a[0]) && (keep = obj_truth(vm, a[0])) < 0) return val_null();
  obj_str *s = SELF;
  obj_list *l = list_new(vm, 0);
  if (!l) return val_null();
  const char *p = s->data, *e = s->data + s->len;
  while (p < e) {
    const char *q = p;
    while (q < e && *q != '\n' && *q != '\r' && *q != '\v' && *q != '\f' && *q != '\x1c' && *q != '\x1d' &&
           *q != '\x1e')
      q++;
    const char *next = q;
    if (q < e) next = (*q == '\r' && q + 1 < e && q[1] == '\n') ? q + 2 : q + 1;
    if (push_piece(vm, l, p, (keep ? next : q) - p) < 0) {
      obj_decref(l);
      return val_null();
    }
    p = next;
  }
  return val_obj(l);
}

static value m_join(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_list *items = obj_to_list(vm, args[1]);
  if (!items) {
    if (exc_matches(vm, EXC_TypeError) && !val_type(args[1])->iter) {
      exc_clear(vm);
      return exc_set(vm, EXC_TypeError, "can only join an iterable");
    }
    return val_null();
  }
  obj_str *r = str_join_values(vm, SELF, items->items, items->len);
  obj_decref(items);
  return r ? val_obj(r) : val_null();
}

static value partition_impl(lang_vm *vm, const value *args, bool right) {
  obj_str *s = SELF;
  if (!val_is_str(args[1])) return exc_set(vm, EXC_TypeError, "must be str, not %s", val_type_name(args[1]));
  obj_str *sep = VAL_STR(args[1]);
  if (sep->len == 0) return exc_set(vm, EXC_ValueError, "empty separator");
  const char *q = right ? rfind_bytes(s->data, s->len, sep->data, sep->len) : find_bytes(s->data, s->len, sep->data, sep->len);
  obj_tuple *t = tuple_new(vm, 3);
  if (!t) return val_null();
  if (!q) {
    obj_str *e1 = str_new(vm, "", 0), *e2 = str_new(vm, "", 0);
    obj_incref(s);
    if (right) {
      t->items[0] = val_obj_or_null(e1);
      t->items[1] = val_obj_or_null(e2);
      t->items[2] = val_obj(s);
    } else {
      t->items[0] = val_obj(s);
      t->items[1] = val_obj_or_null(e1);
      t->items[2] = val_obj_or_null(e2);
    }
    return tuple_checked(t);
  }
  t->items[0] = val_obj_or_null(str_new(vm, s->data, q - s->data));
  obj_incref(sep);
  t->items[1] = val_obj(sep);
  t->items[2] = val_obj_or_null(str_new(vm, q + sep->len, s->data + s->len - q - sep->len));
  return tuple_checked(t);
}
static value m_partition(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return partition_impl(vm, a, false); }
static value m_rpartition(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return partition_impl(vm, a, true); }

/* ---- stripping, replacing ---- */

static value strip_impl(lang_vm *vm, const value *args, int nargs, int which) {
  static const char *const names[3] = {"strip", "lstrip", "rstrip"};
  if (bi_check_nargs(vm, names[which], nargs - 1, 0, 1) < 0) return val_null();
  obj_str *s = SELF;
  const unsigned char *b = (const unsigned char *)s->data, *e = b + s->len;
  if (nargs == 1 || args[1].tag == VAL_NONE) {
    if (which != 2)
      for (int k; b < e && (k = uspace_len(b, e));) b += k;
    if (which != 1)
      while (e > b && is_space_byte(e[-1])) e--;
  } else {
    if (!val_is_str(args[1]))
      return exc_set(vm, EXC_TypeError, "%s arg must be None or str", names[which]);
    obj_str *chars = VAL_STR(args[1]);
    /* character set membership on code points (UTF-8 sequences compared whole) */
    for (;;) {
      if (which == 2 || b >= e) break;
      int n = 1;
      if (*b >= 0xF0) n = 4;
      else if (*b >= 0xE0) n = 3;
      else if (*b >= 0xC0) n = 2;
      bool in = false;
      for (int64_t i = 0; i + n <= chars->len; i++)
        if (memcmp(chars->data + i, b, (size_t)n) == 0 && (n == 1 || ((unsigned char)chars->data[i] & 0xC0) != 0x80)) {
          in = true;
          break;
        }
      if (!in) break;
      b += n;
    }
    for (;;) {
      if (which == 1 || e <= b) break;
      const unsigned char *c = e - 1;
      while (c > b && (*c & 0xC0) == 0x80) c--;
      int n = (int)(e - c);
      bool in = false;
      for (int64_t i = 0; i + n <= chars->len; i++)
        if (memcmp(chars->data + i, c, (size_t)n) == 0 && (n == 1 || ((unsigned char)chars->data[i] & 0xC0) != 0x80)) {
          in = true;
          break;
        }
      if (!in) break;
      e = c;
    }
  }
  if ((const char *)b == s->data && (const char *)e == s->data + s->len) {
    obj_incref(s);
    return val_obj(s);
  }
  obj_str *r = str_new(vm, (const char *)b, e - b);
  return r ? val_obj(r) : val_null();
}
static value m_strip(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return strip_impl(vm, a, n, 0); }
static value m_lstrip(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return strip_impl(vm, a, n, 1); }
static value m_rstrip(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return strip_impl(vm, a, n, 2); }

static value m_replace(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "replace", nargs - 1, 2, 3) < 0) return val_null();
  obj_str *s = SELF;
  if (!val_is_str(args[1]) || !val_is_str(args[2]))
    return exc_set(vm, EXC_TypeError, "replace() argument %d must be str, not %s", val_is_str(args[1]) ? 2 : 1,
                   val_type_name(val_is_str(args[1]) ? args[2] : args[1]));
  obj_str *old = VAL_STR(args[1]), *new_ = VAL_STR(args[2]);
  int64_t count = -1;
  if (nargs > 3 && bi_to_int(vm, args[3], &count) < 0) return val_null();
  strbuf b;
  sb_init(&b);
  const char *p = s->data, *e = s->data + s->len;
  int64_t done = 0;
  if (old->len == 0) {
    /* insert between every character */
    while (count < 0 || done < count) {
      sb_add(&b, new_->data, new_->len);
      done++;
      if (p >= e) break;
      int64_t n = s->ascii ? 1 : str_byte_offset_from(s, p - s->data, 1);
      sb_add(&b, p, n);
      p += n;
    }
    sb_add(&b, p, e - p);
  } else {
    while (count < 0 || done < count) {
      const char *q = find_bytes(p, e - p, old->data, old->len);
      if (!q) break;
      sb_add(&b, p, q - p);
      sb_add(&b, new_->data, new_->len);
      p = q + old->len;
      done++;
    }
    sb_add(&b, p, e - p);
  }
  obj_str *r = sb_finish(vm, &b);
  return r ? val_obj(r) : val_null();
}

/* ---- case and classification (ASCII letters change case; other text is kept) ---- */

static value map_case(lang_vm *vm, obj_str *s, int mode) {
  strbuf b;
  sb_init(&b);
  sb_add(&b, s->data, s->len);
  if (b.oom) {
    sb_free(&b);
    return exc_nomem(vm);
  }
  bool word_start = true;
  for (int64_t i = 0; i < b.len; i++) {
    unsigned char c = (unsigned char)b.data[i];
    if (c >= 0x80) {
      word_start = false;
      continue;
    }
    switch (mode) {
    case 0: b.data[i] = (char)toupper(c); break;
    case 1: b.data[i] = (char)tolower(c); break;
    case 2: b.data[i] = (char)(i == 0 ? toupper(c) : tolower(c)); break;                          /* capitalize */
    case 3: b.data[i] = (char)(word_start ? toupper(c) : tolower(c)); word_start = !isalpha(c); break; /* title */
    default: b.data[i] = (char)(isupper(c) ? tolower(c) : toupper(c)); break;                    /* swapcase */
    }
  }
  obj_str *r = sb_finish(vm, &b);
  return r ? val_obj(r) : val_null();
}
static value m_upper(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return map_case(vm, VAL_STR(a[0]), 0); }
static value m_lower(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return map_case(vm, VAL_STR(a[0]), 1); }
static value m_capitalize(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return map_case(vm, VAL_STR(a[0]), 2); }
static value m_title(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return map_case(vm, VAL_STR(a[0]), 3); }
static value m_swapcase(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return map_case(vm, VAL_STR(a[0]), 4); }

static value classify(lang_vm *vm, obj_str *s, int what) {
  if (s->len == 0) return val_bool(false);
  bool any_cased = false, upper_seen = false, lower_seen = false;
  for (int64_t i = 0; i < s->len; i++) {
    unsigned char c = (unsigned char)s->data[i];
    bool ok;
    switch (what) {
    case 0: ok = isdigit(c); break;                     /* isdigit / isdecimal / isnumeric */
    case 1: ok = isalpha(c) || c >= 0x80; break;        /* isalpha: non-ASCII letters (CJK) count */
    case 2: ok = isalnum(c) || c >= 0x80; break;        /* isalnum */
    case 3: ok = is_space_byte(c); break;               /* isspace */
    case 4: case 5:                                     /* isupper / islower */
      if (isupper(c)) upper_seen = true, any_cased = true;
      if (islower(c)) lower_seen = true, any_cased = true;
      ok = true;
      break;
    default: ok = isalnum(c) || c == '_' || c >= 0x80; if (i == 0 && isdigit(c)) ok = false; break;  /* isidentifier */
    }
    if (!ok) return val_bool(false);
  }
  if (what == 4) return val_bool(any_cased && !lower_seen);
  if (what == 5) return val_bool(any_cased && !upper_seen);
  return val_bool(true);
}
static value m_isdigit(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return classify(vm, VAL_STR(a[0]), 0); }
static value m_istitle(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  obj_str *s = VAL_STR(a[0]);
  bool cased = false, prev_cased = false;
  for (int64_t i = 0; i < s->len; i++) {
    unsigned char c = (unsigned char)s->data[i];
    if (isupper(c)) {
      if (prev_cased) return val_bool(false);
      prev_cased = cased = true;
    } else if (islower(c)) {
      if (!prev_cased) return val_bool(false);
      prev_cased = cased = true;
    } else {
      prev_cased = false;
    }
  }
  return val_bool(cased);
}
static value m_isalpha(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return classify(vm, VAL_STR(a[0]), 1); }
static value m_isalnum(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return classify(vm, VAL_STR(a[0]), 2); }
static value m_isspace(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return classify(vm, VAL_STR(a[0]), 3); }
static value m_isupper(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return classify(vm, VAL_STR(a[0]), 4); }
static value m_islower(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return classify(vm, VAL_STR(a[0]), 5); }
static value m_isidentifier(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return classify(vm, VAL_STR(a[0]), 6); }

/* ---- padding ---- */

static value pad(lang_vm *vm, const value *args, int nargs, int how, const char *name) {
  if (bi_check_nargs(vm, name, nargs - 1, 1, 2) < 0) return val_null();
  obj_str *s = SELF;
  int64_t width;
  if (bi_to_int(vm, args[1], &width) < 0) return val_null();
  const char *fill = " ";
  int64_t filln = 1;
  if (nargs > 2) {
    if (!val_is_str(args[2]) || VAL_STR(args[2])->nchars != 1)
      return exc_set(vm, EXC_TypeError, "The fill character must be exactly one character long");
    fill = VAL_STR(args[2])->data;
    filln = VAL_STR(args[2])->len;
  }
  if (width <= s->nchars) {
    obj_incref(s);
    return val_obj(s);
  }
  int64_t total = width - s->nchars, left;
  if (how == 0) left = 0;
  else if (how == 1) left = total;
  else left = total / 2 + (total & width & 1);
  strbuf b;
  sb_init(&b);
  for (int64_t i = 0; i < left; i++) sb_add(&b, fill, filln);
  sb_add(&b, s->data, s->len);
  for (int64_t i = 0; i < total - left; i++) sb_add(&b, fill, filln);
  obj_str *r = sb_finish(vm, &b);
  return r ? val_obj(r) : val_null();
}
static value m_ljust(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return pad(vm, a, n, 0, "ljust"); }
static value m_rjust(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return pad(vm, a, n, 1, "rjust"); }
static value m_center(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return pad(vm, a, n, 2, "center"); }

static value m_zfill(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_str *s = SELF;
  int64_t width;
  if (bi_to_int(vm, args[1], &width) < 0) return val_null();
  if (width <= s->nchars) {
    obj_incref(s);
    return val_obj(s);
  }
  strbuf b;
  sb_init(&b);
  const char *p = s->data;
  int64_t n = s->len;
  if (n && (*p == '+' || *p == '-')) {
    sb_addc(&b, *p);
    p++;
    n--;
  }
  for (int64_t i = 0; i < width - s->nchars; i++) sb_addc(&b, '0');
  sb_add(&b, p, n);
  obj_str *r = sb_finish(vm, &b);
  return r ? val_obj(r) : val_null();
}

static value m_expandtabs(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_str *s = SELF;
  int64_t tab = 8;
  if (nargs > 1 && bi_to_int(vm, args[1], &tab) < 0) return val_null();
  strbuf b;
  sb_init(&b);
  int64_t col = 0;
  for (int64_t i = 0; i < s->len; i++) {
    char c = s->data[i];
    if (c == '\t') {
      int64_t n = tab > 0 ? tab - col % tab : 0;
      for (int64_t k = 0; k < n; k++) sb_addc(&b, ' ');
      col += n;
    } else {
      sb_addc(&b, c);
      if (c == '\n' || c == '\r') col = 0;
      else if (((unsigned char)c & 0xC0) != 0x80) col++;
    }
  }
  obj_str *r = sb_finish(vm, &b);
  return r ? val_obj(r) : val_null();
}

static value m_removeprefix(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_str *s = SELF;
  if (!val_is_str(args[1])) return exc_set(vm, EXC_TypeError, "removeprefix() argument must be str, not %s", val_type_name(args[1]));
  obj_str *p = VAL_STR(args[1]);
  if (p->len <= s->len && memcmp(s->data, p->data, (size_t)p->len) == 0) {
    obj_str *r = str_new(vm, s->data + p->len, s->len - p->len);
    return r ? val_obj(r) : val_null();
  }
  obj_incref(s);
  return val_obj(s);
}
static value m_removesuffix(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_str *s = SELF;
  if (!val_is_str(args[1])) return exc_set(vm, EXC_TypeError, "removesuffix() argument must be str, not %s", val_type_name(args[1]));
  obj_str *p = VAL_STR(args[1]);
  if (p->len && p->len <= s->len && memcmp(s->data + s->len - p->len, p->data, (size_t)p->len) == 0) {
    obj_str *r = str_new(vm, s->data, s->len - p->len);
    return r ? val_obj(r) : val_null();
  }
  obj_incref(s);
  return val_obj(s);
}

value bytes_new(lang_vm *vm, const char *s, int64_t n);
static value m_encode(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return bytes_new(vm, SELF->data, SELF->len);
}

static value m_isascii(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_bool(VAL_STR(a[0])->ascii); }
static value m_isprintable(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  obj_str *s = VAL_STR(a[0]);
  for (int64_t i = 0; i < s->len; i++) {
    unsigned char c = (unsigned char)s->data[i];
    if (c < 0x20 || c == 0x7f) return val_bool(false);
  }
  return val_bool(true);
}

static const bi_reg str_methods[] = {
  {"format", m_format, BI_VARARGS, BI_F_KW, "S.format(*args, **kwargs) -> str\n\nReturn a formatted version of S, using substitutions from args and kwargs."},
  {"format_map", m_format_map, 2, 0, "S.format_map(mapping) -> str"},
  {"find", m_find, BI_VARARGS, 0, "S.find(sub[, start[, end]]) -> int"},
  {"rfind", m_rfind, BI_VARARGS, 0, "S.rfind(sub[, start[, end]]) -> int"},
  {"index", m_index, BI_VARARGS, 0, "S.index(sub[, start[, end]]) -> int"},
  {"rindex", m_rindex, BI_VARARGS, 0, "S.rindex(sub[, start[, end]]) -> int"},
  {"count", m_count, BI_VARARGS, 0, "S.count(sub[, start[, end]]) -> int"},
  {"startswith", m_startswith, BI_VARARGS, 0, "S.startswith(prefix[, start[, end]]) -> bool"},
  {"endswith", m_endswith, BI_VARARGS, 0, "S.endswith(suffix[, start[, end]]) -> bool"},
  {"split", m_split, BI_VARARGS, BI_F_KW, "Return a list of the substrings in the string, using sep as the separator string."},
  {"rsplit", m_rsplit, BI_VARARGS, BI_F_KW, "Return a list of the substrings in the string, using sep as the separator string."},
  {"splitlines", m_splitlines, BI_VARARGS, BI_F_KW, "Return a list of the lines in the string, breaking at line boundaries."},
  {"join", m_join, 2, 0, "Concatenate any number of strings."},
  {"partition", m_partition, 2, 0, "Partition the string into three parts using the given separator."},
  {"rpartition", m_rpartition, 2, 0, "Partition the string into three parts using the given separator."},
  {"strip", m_strip, BI_VARARGS, 0, "Return a copy of the string with leading and trailing whitespace removed."},
  {"lstrip", m_lstrip, BI_VARARGS, 0, "Return a copy of the string with leading whitespace removed."},
  {"rstrip", m_rstrip, BI_VARARGS, 0, "Return a copy of the string with trailing whitespace removed."},
  {"replace", m_replace, BI_VARARGS, 0, "Return a copy with all occurrences of substring old replaced by new."},
  {"upper", m_upper, 1, 0, "Return a copy of the string converted to uppercase."},
  {"lower", m_lower, 1, 0, "Return a copy of the string converted to lowercase."},
  {"casefold", m_lower, 1, 0, "Return a version of the string suitable for caseless comparisons."},
  {"capitalize", m_capitalize, 1, 0, "Return a capitalized version of the string."},
  {"title", m_title, 1, 0, "Return a version of the string where each word is titlecased."},
  {"swapcase", m_swapcase, 1, 0, "Convert uppercase characters to lowercase and lowercase characters to uppercase."},
  {"isdigit", m_isdigit, 1, 0, NULL},
  {"isdecimal", m_isdigit, 1, 0, NULL},
  {"istitle", m_istitle, 1, 0, NULL},
  {"isnumeric", m_isdigit, 1, 0, NULL},
  {"isalpha", m_isalpha, 1, 0, NULL},
  {"isalnum", m_isalnum, 1, 0, NULL},
  {"isspace", m_isspace, 1, 0, NULL},
  {"isupper", m_isupper, 1, 0, NULL},
  {"islower", m_islower, 1, 0, NULL},
  {"isidentifier", m_isidentifier, 1, 0, NULL},
  {"isascii", m_isascii, 1, 0, NULL},
  {"isprintable", m_isprintable, 1, 0, NULL},
  {"ljust", m_ljust, BI_VARARGS, 0, "Return a left-justified string of length width."},
  {"rjust", m_rjust, BI_VARARGS, 0, "Return a right-justified string of length width."},
  {"center", m_center, BI_VARARGS, 0, "Return a centered string of length width."},
  {"zfill", m_zfill, 2, 0, "Pad a numeric string with zeros on the left, to fill a field of the given width."},
  {"expandtabs", m_expandtabs, BI_VARARGS, BI_F_KW, "Return a copy where all tab characters are expanded using spaces."},
  {"removeprefix", m_removeprefix, 2, 0, NULL},
  {"removesuffix", m_removesuffix, 2, 0, NULL},
  {"encode", m_encode, BI_VARARGS, BI_F_KW, "Encode the string using the codec registered for encoding."},
  {NULL, NULL, 0, 0, NULL}
};

int str_methods_init(lang_vm *vm) { return type_add_methods(vm, &type_str, str_methods); }
