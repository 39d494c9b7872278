/*
** kernel/lang/builtins.c — the builtins module (print, len, sorted, isinstance ...), argument
** parsing helpers for builtin functions (bi_parse and friends), and loaded_libs[]: the registry of
** every importable builtin module.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/internal.h"

/* ---- argument parsing ---- */

int bi_no_kwargs(lang_vm *vm, const char *fname, obj_tuple *kwnames) {
  if (kwnames && kwnames->len) return exc_seti(vm, EXC_TypeError, "%s() takes no keyword arguments", fname);
  return 0;
}

int bi_check_nargs(lang_vm *vm, const char *fname, int nargs, int min, int max) {
  if (nargs >= min && nargs <= max) return 0;
  if (min == max) {
    if (min == 0) return exc_seti(vm, EXC_TypeError, "%s() takes no arguments (%d given)", fname, nargs);
    if (min == 1) return exc_seti(vm, EXC_TypeError, "%s() takes exactly one argument (%d given)", fname, nargs);
    return exc_seti(vm, EXC_TypeError, "%s expected %d arguments, got %d", fname, min, nargs);
  }
  if (nargs < min) return exc_seti(vm, EXC_TypeError, "%s expected at least %d argument%s, got %d", fname, min,
                                   min == 1 ? "" : "s", nargs);
  return exc_seti(vm, EXC_TypeError, "%s expected at most %d argument%s, got %d", fname, max, max == 1 ? "" : "s",
                  nargs);
}

int bi_parse(lang_vm *vm, const char *fname, const value *args, int nargs, obj_tuple *kwnames, const char *spec,
             value *out) {
  const char *names[32];
  size_t lens[32];
  int nreq = -1, nkwonly_start = -1, n = 0, nposonly = 0;
  bool rest = false;
  for (const char *p = spec; *p && n < 32;) {
    if (*p == '/') {
      nposonly = n;
      p++;
      continue;
    }
    if (*p == '|') {
      nreq = n;
      p++;
      continue;
    }
    if (*p == '$') {
      if (nreq < 0) nreq = n;
      nkwonly_start = n;
      p++;
      continue;
    }
    if (*p == ',') {
      p++;
      continue;
    }
    if (*p == '*') {
      rest = true;
      p++;
      continue;
    }
    const char *q = p;
    while (*q && *q != ',' && *q != '|' && *q != '$' && *q != '/') q++;
    names[n] = p;
    lens[n] = (size_t)(q - p);
    out[n] = val_null();
    n++;
    p = q;
  }
  if (nreq < 0) nreq = n;
  int npos_max = nkwonly_start >= 0 ? nkwonly_start : n;
  if (nargs > npos_max && !rest) {
    if (npos_max == nreq)
      return exc_seti(vm, EXC_TypeError, "%s() takes exactly %d argument%s (%d given)", fname, npos_max,
                      npos_max == 1 ? "" : "s", nargs);
    return exc_seti(vm, EXC_TypeError, "%s() takes at most %d argument%s (%d given)", fname, npos_max,
                    npos_max == 1 ? "" : "s", nargs);
  }
  for (int i = 0; i < nargs && i < npos_max; i++) out[i] = args[i];
  if (kwnames) {
    for (int64_t k = 0; k < kwnames->len; k++) {
      obj_str *kn = VAL_STR(kwnames->items[k]);
      int j;
      for (j = nposonly; j < n; j++)
        if ((size_t)kn->len == lens[j] && memcmp(kn->data, names[j], lens[j]) == 0) break;
      if (j == n) return exc_seti(vm, EXC_TypeError, "'%s' is an invalid keyword argument for %s()", kn->data, fname);
      if (!VAL_IS_NULL(out[j]))
        return exc_seti(vm, EXC_TypeError, "argument for %s() given by name ('%s') and position (%d)", fname, kn->data,
                        j + 1);
      out[j] = args[nargs + k];
    }
  }
  for (int i = 0; i < nreq; i++)
    if (VAL_IS_NULL(out[i]))
      return exc_seti(vm, EXC_TypeError, "%s() missing required argument '%.*s' (pos %d)", fname, (int)lens[i],
                      names[i], i + 1);
  return 0;
}

int bi_to_int(lang_vm *vm, value v, int64_t *out) {
  if (v.tag == VAL_FLOAT) return exc_seti(vm, EXC_TypeError, "'float' object cannot be interpreted as an integer");
  return obj_as_index(vm, v, out);
}

int bi_to_double(lang_vm *vm, value v, double *out) { return obj_as_double(vm, v, out); }

obj_str *bi_to_str(lang_vm *vm, value v, const char *fname, const char *argname) {
  if (val_is_str(v)) return VAL_STR(v);
  exc_set(vm, EXC_TypeError, "%s() argument %s must be str, not %s", fname, argname, val_type_name(v));
  return NULL;
}

/* ---- output ---- */

typedef struct obj_stream { obj hdr; int fd; } obj_stream;

static value stream_write(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_stream *s = (obj_stream *)args[0].u.o;
  if (!val_is_str(args[1]))
    return exc_set(vm, EXC_TypeError, "write() argument must be str, not %s", val_type_name(args[1]));
  obj_str *str = VAL_STR(args[1]);
  vm_write(vm, s->fd, str->data, (size_t)str->len);
  return val_int(str->nchars);
}
static value stream_flush(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  vm_write(vm, ((obj_stream *)args[0].u.o)->fd, "", 0);
  return val_none();
}
static value stream_false(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return val_bool(false); }
static value stream_fileno(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return val_int(((obj_stream *)args[0].u.o)->fd);
}
static value stream_repr(lang_vm *vm, value self) {
  obj_stream *s = (obj_stream *)self.u.o;
  return val_obj(str_printf(vm, "<_io.TextIOWrapper name='<%s>' mode='w' encoding='utf-8'>",
                            s->fd == 2 ? "stderr" : s->fd == 1 ? "stdout" : "stdin"));
}
static value stream_readline(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  strbuf line;
  sb_init(&line);
  if (!vm->input || vm->input(vm->input_ctx, NULL, &line) < 0) {
    sb_free(&line);
    return val_obj(str_new(vm, "", 0));
  }
  sb_addc(&line, '\n');
  obj_str *s = sb_finish(vm, &line);
  return s ? val_obj(s) : val_null();
}
static value stream_get_encoding(lang_vm *vm, value self) { return val_obj(str_from_cstr(vm, "utf-8")); }

static const bi_reg stream_methods[] = {
  {"write", stream_write, 2, 0, "Write string to stream."},
  {"flush", stream_flush, 1, 0, "Flush the write buffers of the stream."},
  {"isatty", stream_false, 1, 0, NULL},
  {"fileno", stream_fileno, 1, 0, NULL},
  {"readline", stream_readline, BI_VARARGS, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};
static const bi_getset stream_getsets[] = {{"encoding", stream_get_encoding, NULL, NULL}, {NULL, NULL, NULL, NULL}};

obj_type type_stream = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "TextIOWrapper", .basicsize = sizeof(obj_stream), .repr = stream_repr,
};

value stream_new(lang_vm *vm, int fd) {
  obj_stream *s = obj_alloc(vm, &type_stream, sizeof *s);
  if (!s) return val_null();
  s->fd = fd;
  return val_obj(s);
}

static int write_to(lang_vm *vm, value file, const char *s, int64_t n) {
  if (file.tag == VAL_NONE || VAL_IS_NULL(file)) {
    vm_write(vm, 1, s, (size_t)n);
    return 0;
  }
  if (val_type(file) == &type_stream) {
    vm_write(vm, ((obj_stream *)file.u.o)->fd, s, (size_t)n);
    return 0;
  }
  obj_str *str = str_new(vm, s, n);
  if (!str) return -1;
  value a = val_obj(str);
  value r = vm_call_method(vm, file, vm->s.write, &a, 1, NULL);
  obj_decref(str);
  if (VAL_IS_NULL(r)) return -1;
  val_decref(r);
  return 0;
}

static value bi_print(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value opt[4] = {val_null(), val_null(), val_null(), val_null()};   /* sep end file flush */
  static const char *const names[4] = {"sep", "end", "file", "flush"};
  if (kw)
    for (int64_t k = 0; k < kw->len; k++) {
      obj_str *kn = VAL_STR(kw->items[k]);
      int j;
      for (j = 0; j < 4; j++)
        if (str_eq_cstr(kn, names[j])) break;
      if (j == 4) return exc_set(vm, EXC_TypeError, "'%s' is an invalid keyword argument for print()", kn->data);
      opt[j] = args[nargs + k];
    }
  for (int j = 0; j < 2; j++)
    if (!VAL_IS_NULL(opt[j]) && opt[j].tag != VAL_NONE && !val_is_str(opt[j]))
      return exc_set(vm, EXC_TypeError, "%s must be None or a string, not %s", names[j], val_type_name(opt[j]));
  value file = opt[2];
  if (file.tag == VAL_NONE || VAL_IS_NULL(file)) {
    value sys = dict_get_cstr(vm, vm->modules, "sys");
    if (!VAL_IS_NULL(sys)) {
      value out = dict_get_cstr(vm, ((obj_module *)sys.u.o)->dict, "stdout");
      if (!VAL_IS_NULL(out)) file = out;
    }
  }
  const char *sep = " ", *end = "\n";
  int64_t seplen = 1, endlen = 1;
  if (val_is_str(opt[0])) {
    sep = VAL_STR(opt[0])->data;
    seplen = VAL_STR(opt[0])->len;
  }
  if (val_is_str(opt[1])) {
    end = VAL_STR(opt[1])->data;
    endlen = VAL_STR(opt[1])->len;
  }
  strbuf b;
  sb_init(&b);
  for (int i = 0; i < nargs; i++) {
    if (i) sb_add(&b, sep, seplen);
    if (obj_str_to(vm, args[i], &b) < 0) {
      sb_free(&b);
      return val_null();
    }
  }
  sb_add(&b, end, endlen);
  if (b.oom) {
    sb_free(&b);
    return exc_nomem(vm);
  }
  int rc = write_to(vm, file, b.data ? b.data : "", b.len);
  sb_free(&b);
  if (rc < 0) return val_null();
  if (!VAL_IS_NULL(opt[3])) {
    int fl = obj_truth(vm, opt[3]);
    if (fl < 0) return val_null();
    if (fl && val_type(file) != &type_stream && file.tag != VAL_NONE && !VAL_IS_NULL(file)) {
      value r = vm_call_method(vm, file, vm->s.flush, NULL, 0, NULL);
      if (VAL_IS_NULL(r)) return r;
      val_decref(r);
    }
  }
  return val_none();
}

static value bi_input(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "input", nargs, 0, 1) < 0) return val_null();
  strbuf prompt;
  sb_init(&prompt);
  if (nargs && obj_str_to(vm, args[0], &prompt) < 0) {
    sb_free(&prompt);
    return val_null();
  }
  strbuf line;
  sb_init(&line);
  int rc;
  if (vm->input) rc = vm->input(vm->input_ctx, prompt.data ? prompt.data : "", &line);
  else {
    if (prompt.len) vm_write(vm, 1, prompt.data, (size_t)prompt.len);
    fflush(stdout);
    char buf[4096];
    if (!fgets(buf, sizeof buf, stdin)) rc = -1;
    else {
      size_t n = strlen(buf);
      if (n && buf[n - 1] == '\n') n--;
      sb_add(&line, buf, (int64_t)n);
      rc = 0;
    }
  }
  sb_free(&prompt);
  if (rc < 0) {
    sb_free(&line);
    if (exc_pending(vm)) return val_null();
    return exc_set(vm, EXC_EOFError, "EOF when reading a line");
  }
  obj_str *s = sb_finish(vm, &line);
  return s ? val_obj(s) : val_null();
}

/* ---- introspection ---- */

static value bi_len(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t n = obj_len(vm, args[0]);
  return n < 0 ? val_null() : val_int(n);
}

static value bi_repr(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return obj_repr(vm, args[0]); }

value obj_ascii(lang_vm *vm, value v) {
  value r = obj_repr(vm, v);
  if (VAL_IS_NULL(r) || VAL_STR(r)->ascii) return r;
  obj_str *s = VAL_STR(r);
  strbuf b;
  sb_init(&b);
  const unsigned char *p = (const unsigned char *)s->data;
  for (int64_t i = 0; i < s->len;) {
    unsigned char c = p[i];
    if (c < 0x80) {
      sb_addc(&b, (char)c);
      i++;
      continue;
    }
    uint32_t cp;
    int n;
    if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; n = 2; }
    else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; n = 3; }
    else { cp = c & 0x07; n = 4; }
    for (int k = 1; k < n && i + k < s->len; k++) cp = (cp << 6) | (p[i + k] & 0x3F);
    i += n;
    if (cp < 0x100) sb_printf(&b, "\\x%02x", cp);
    else if (cp < 0x10000) sb_printf(&b, "\\u%04x", cp);
    else sb_printf(&b, "\\U%08x", cp);
  }
  val_decref(r);
  obj_str *res = sb_finish(vm, &b);
  return res ? val_obj(res) : val_null();
}

static value bi_ascii(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return obj_ascii(vm, args[0]); }

static int isinstance_check(lang_vm *vm, value obj, value cls, bool sub, int depth) {
  if (depth > 50) return exc_seti(vm, EXC_RecursionError, "maximum recursion depth exceeded in __instancecheck__");
  if (val_is_tuple(cls)) {
    obj_tuple *t = VAL_TUPLE(cls);
    for (int64_t i = 0; i < t->len; i++) {
      int r = isinstance_check(vm, obj, t->items[i], sub, depth + 1);
      if (r) return r;
    }
    return 0;
  }
  if (!val_is_type(cls)) {
    if (sub) return exc_seti(vm, EXC_TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return exc_seti(vm, EXC_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
  }
  if (sub) {
    if (!val_is_type(obj)) return exc_seti(vm, EXC_TypeError, "issubclass() arg 1 must be a class");
    return type_is_subtype(VAL_TYPE(obj), VAL_TYPE(cls));
  }
  if (val_isinstance(obj, VAL_TYPE(cls))) return 1;
  /* builtin types may decide themselves (torch.autograd.Variable: every Tensor is one), as a
     metaclass __instancecheck__ does in CPython */
  obj_type *ct = VAL_TYPE(cls);
  if ((ct->tflags & TYPE_F_INSTANCECHECK) && ct->dict) {
    value ic = dict_get_cstr(vm, ct->dict, "__instancecheck__");
    if (!VAL_IS_NULL(ic)) {
      value f = obj_getattr_cstr(vm, cls, "__instancecheck__");
      value r = VAL_IS_NULL(f) ? f : vm_call1(vm, f, obj);
      val_decref(f);
      if (VAL_IS_NULL(r)) return -1;
      int t = obj_truth(vm, r);
      val_decref(r);
      return t;
    }
  }
  return 0;
}

static value bi_isinstance(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int r = isinstance_check(vm, args[0], args[1], false, 0);
  return r < 0 ? val_null() : val_bool(r);
}
static value bi_issubclass(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int r = isinstance_check(vm, args[0], args[1], true, 0);
  return r < 0 ? val_null() : val_bool(r);
}

static obj_str *attr_name(lang_vm *vm, value v, const char *fn) {
  if (!val_is_str(v)) {
    exc_set(vm, EXC_TypeError, "attribute name must be string, not '%s'", val_type_name(v));
    return NULL;
  }
  return str_intern_n(vm, VAL_STR(v)->data, VAL_STR(v)->len);
}

static value bi_getattr(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "getattr", nargs, 2, 3) < 0) return val_null();
  obj_str *name = attr_name(vm, args[1], "getattr");
  if (!name) return val_null();
  if (nargs == 3) {
    value r = obj_getattr_opt(vm, args[0], name);
    if (VAL_IS_NULL(r) && !exc_pending(vm)) return val_incref(args[2]);
    return r;
  }
  return obj_getattr(vm, args[0], name);
}
static value bi_hasattr(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_str *name = attr_name(vm, args[1], "hasattr");
  if (!name) return val_null();
  value r = obj_getattr_opt(vm, args[0], name);
  if (VAL_IS_NULL(r)) return exc_pending(vm) ? val_null() : val_bool(false);
  val_decref(r);
  return val_bool(true);
}
static value bi_setattr(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_str *name = attr_name(vm, args[1], "setattr");
  if (!name) return val_null();
  return obj_setattr(vm, args[0], name, args[2]) < 0 ? val_null() : val_none();
}
static value bi_delattr(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_str *name = attr_name(vm, args[1], "delattr");
  if (!name) return val_null();
  return obj_setattr(vm, args[0], name, val_null()) < 0 ? val_null() : val_none();
}

static value bi_id(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value v = args[0];
  if (v.tag == VAL_OBJ) return val_int((int64_t)(uintptr_t)v.u.o);
  return val_int((int64_t)(0x7f0000000000LL + (v.u.i & 0xffffffffLL) * 32 + v.tag));
}
static value bi_hash(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t h;
  if (obj_hash(vm, args[0], &h) < 0) return val_null();
  return val_int(h);
}
static value bi_callable(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_type *t = val_type(args[0]);
  return val_bool(t->call != NULL || t == &type_function || t == &type_bfunc);
}

static value bi_iter(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "iter", nargs, 1, 2) < 0) return val_null();
  if (nargs == 2) return calliter_new(vm, args[0], args[1]);
  return obj_iter(vm, args[0]);
}
static value bi_next(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "next", nargs, 1, 2) < 0) return val_null();
  obj_type *t = val_type(args[0]);
  if (!t->next) return exc_set(vm, EXC_TypeError, "'%s' object is not an iterator", t->name);
  if (t == &type_generator) {   /* keep the return value: StopIteration(value) */
    bool done;
    value r = gen_send(vm, args[0], val_none(), &done);
    if (!done || VAL_IS_NULL(r)) return r;
    if (nargs == 2) {
      val_decref(r);
      return val_incref(args[1]);
    }
    exc_set_value(vm, EXC_StopIteration, r.tag == VAL_NONE ? val_null() : r);
    val_decref(r);
    return val_null();
  }
  value r = t->next(vm, args[0]);
  if (r.tag == VAL_STOP) {
    if (nargs == 2) return val_incref(args[1]);
    return exc_set_value(vm, EXC_StopIteration, val_null());
  }
  return r;
}

static value bi_dir(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "dir", nargs, 0, 1) < 0) return val_null();
  if (nargs == 0) {
    vm_frame *f = vm->frame;
    obj_list *l = list_new(vm, 0);
    if (!l) return val_null();
    if (f && (f->code->flags & CO_NEWLOCALS)) {
      for (int i = 0; i < f->code->nlocals; i++)
        if (!VAL_IS_NULL(f->fast[i])) list_append(vm, l, val_obj(f->code->varnames[i]));
    } else if (f) {
      obj_dict *d = f->locals ? f->locals : f->globals;
      int64_t pos = 0;
      value k, v;
      while (dict_next(d, &pos, &k, &v)) list_append(vm, l, k);
    }
    if (list_sort(vm, l, val_null(), false) < 0) {
      obj_decref(l);
      return val_null();
    }
    return val_obj(l);
  }
  /* special-method lookup on the type, as CPython: dir(SomeClass) runs type's __dir__, not the
     class's own (unbound) one, and dir(module) the module type's */
  value meth = type_lookup(val_type(args[0]), str_intern(vm, "__dir__"));
  if (VAL_IS_NULL(meth)) return exc_set(vm, EXC_TypeError, "object does not provide __dir__");
  value r = vm_call(vm, meth, args, 1, NULL);
  if (VAL_IS_NULL(r)) return r;
  obj_list *l = obj_to_list(vm, r);
  val_decref(r);
  if (!l || list_sort(vm, l, val_null(), false) < 0) {
    obj_xdecref(l);
    return val_null();
  }
  return val_obj(l);
}

static value bi_vars(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs == 0) {
    vm_frame *f = vm->frame;
    obj_dict *d = f ? (f->locals ? f->locals : f->globals) : vm->builtins;
    obj_incref(d);
    return val_obj(d);
  }
  value r = obj_getattr(vm, args[0], vm->s.__dict__);
  if (VAL_IS_NULL(r) && exc_matches(vm, EXC_AttributeError)) {
    exc_clear(vm);
    return exc_set(vm, EXC_TypeError, "vars() argument must have __dict__ attribute");
  }
  return r;
}

static value bi_globals(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  vm_frame *f = vm->frame;
  obj_dict *d = f ? f->globals : vm->builtins;
  obj_incref(d);
  return val_obj(d);
}

static value bi_locals(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  vm_frame *f = vm->frame;
  if (!f) return bi_globals(vm, args, nargs, kw);
  if (!(f->code->flags & CO_NEWLOCALS)) {
    obj_dict *d = f->locals ? f->locals : f->globals;
    obj_incref(d);
    return val_obj(d);
  }
  obj_dict *d = dict_new(vm);
  if (!d) return val_null();
  for (int i = 0; i < f->code->nlocals; i++)
    if (!VAL_IS_NULL(f->fast[i])) dict_set_str(vm, d, f->code->varnames[i], f->fast[i]);
  for (int i = 0; i < f->code->ncells + f->code->nfree; i++) {
    obj_str *n = i < f->code->ncells ? f->code->cellvars[i] : f->code->freevars[i - f->code->ncells];
    if (f->cells[i] && !VAL_IS_NULL(f->cells[i]->v)) dict_set_str(vm, d, n, f->cells[i]->v);
  }
  return val_obj(d);
}

/* ---- numbers ---- */

static value bi_abs(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return obj_unop(vm, args[0], UNOP_ABS); }

static value bi_divmod(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value q = obj_binop(vm, args[0], args[1], BINOP_FLOORDIV);
  if (VAL_IS_NULL(q)) return q;
  value r = obj_binop(vm, args[0], args[1], BINOP_MOD);
  if (VAL_IS_NULL(r)) {
    val_decref(q);
    return r;
  }
  obj_tuple *t = tuple_new(vm, 2);
  if (!t) {
    val_decref(q);
    val_decref(r);
    return val_null();
  }
  t->items[0] = q;
  t->items[1] = r;
  return val_obj(t);
}

static value bi_pow(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "pow", args, nargs, kw, "base,exp|mod", a) < 0) return val_null();
  if (VAL_IS_NULL(a[2]) || a[2].tag == VAL_NONE) return obj_binop(vm, a[0], a[1], BINOP_POW);
  if (!val_is_intlike(a[0]) || !val_is_intlike(a[1]) || !val_is_intlike(a[2]))
    return exc_set(vm, EXC_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
  int64_t b = val_as_int(a[0]), e = val_as_int(a[1]), m = val_as_int(a[2]);
  if (m == 0) return exc_set(vm, EXC_ValueError, "pow() 3rd argument cannot be 0");
  if (e < 0) return exc_set(vm, EXC_ValueError, "base is not invertible for the given modulus");
  __int128 result = 1, base = b % m;
  if (base < 0) base += m < 0 ? -m : m;
  while (e) {
    if (e & 1) result = (result * base) % m;
    base = (base * base) % m;
    e >>= 1;
  }
  int64_t r = (int64_t)result;
  if (r != 0 && ((r < 0) != (m < 0))) r += m;
  return val_int(r);
}

static value round_double(lang_vm *vm, double x, int64_t nd) {
  if (!isfinite(x)) return val_float(x);
  if (nd > 22) return val_float(x);
  if (nd < -308) return val_float(copysign(0.0, x));
  if (nd >= 0) {
    char buf[400];
    snprintf(buf, sizeof buf, "%.*f", (int)nd, x);
    return val_float(strtod(buf, NULL));
  }
  double p = pow(10.0, (double)-nd);
  double y = x / p;
  double z = nearbyint(y);
  if (fabs(y - z) == 0.5) z = 2.0 * nearbyint(y / 2.0);
  return val_float(z * p);
}

static value bi_round(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "round", args, nargs, kw, "number|ndigits", a) < 0) return val_null();
  value x = a[0];
  bool has_nd = !VAL_IS_NULL(a[1]) && a[1].tag != VAL_NONE;
  int64_t nd = 0;
  if (has_nd && obj_as_index(vm, a[1], &nd) < 0) return val_null();
  if (x.tag == VAL_FLOAT) {
    if (!has_nd) {
      double r = nearbyint(x.u.f);
      if (isnan(r)) return exc_set(vm, EXC_ValueError, "cannot convert float NaN to integer");
      if (isinf(r)) return exc_set(vm, EXC_OverflowError, "cannot convert float infinity to integer");
      if (r >= 9.2233720368547758e18 || r < -9.2233720368547758e18)
        return exc_set(vm, EXC_OverflowError, "integer overflow: ctorch ints are 64-bit (|n| < 2**63)");
      return val_int((int64_t)r);
    }
    return round_double(vm, x.u.f, nd);
  }
  if (val_is_intlike(x)) {
    int64_t i = val_as_int(x);
    if (!has_nd || nd >= 0) return val_int(i);
    if (nd < -18) return val_int(0);
    int64_t p = 1;
    for (int64_t k = 0; k < -nd; k++) p *= 10;
    int64_t q = i / p, r = i % p;
    if (r < 0) {
      r += p;
      q--;
    }
    if (2 * r > p || (2 * r == p && (q & 1))) q++;
    return val_int(q * p);
  }
  value m = type_lookup(val_type(x), vm->s.__round__);
  if (VAL_IS_NULL(m)) return exc_set(vm, EXC_TypeError, "type %s doesn't define __round__ method", val_type_name(x));
  if (has_nd) return vm_call2(vm, m, x, a[1]);
  return vm_call1(vm, m, x);
}

static value bi_chr(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t c;
  if (bi_to_int(vm, args[0], &c) < 0) return val_null();
  if (c < 0 || c > 0x10ffff) return exc_set(vm, EXC_ValueError, "chr() arg not in range(0x110000)");
  char buf[4];
  int n;
  if (c < 0x80) { buf[0] = (char)c; n = 1; }
  else if (c < 0x800) { buf[0] = (char)(0xC0 | (c >> 6)); buf[1] = (char)(0x80 | (c & 0x3F)); n = 2; }
  else if (c < 0x10000) {
    buf[0] = (char)(0xE0 | (c >> 12)); buf[1] = (char)(0x80 | ((c >> 6) & 0x3F)); buf[2] = (char)(0x80 | (c & 0x3F)); n = 3;
  } else {
    buf[0] = (char)(0xF0 | (c >> 18)); buf[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    buf[2] = (char)(0x80 | ((c >> 6) & 0x3F)); buf[3] = (char)(0x80 | (c & 0x3F)); n = 4;
  }
  obj_str *s = str_new(vm, buf, n);
  return s ? val_obj(s) : val_null();
}

static value bi_ord(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (!val_is_str(args[0]))
    return exc_set(vm, EXC_TypeError, "ord() expected string of length 1, but %s found", val_type_name(args[0]));
  obj_str *s = VAL_STR(args[0]);
  if (s->nchars != 1)
    return exc_set(vm, EXC_TypeError, "ord() expected a character, but string of length %lld found", (long long)s->nchars);
  const unsigned char *p = (const unsigned char *)s->data;
  uint32_t cp;
  if (p[0] < 0x80) cp = p[0];
  else if ((p[0] & 0xE0) == 0xC0) cp = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
  else if ((p[0] & 0xF0) == 0xE0) cp = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  else cp = ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) | ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
  return val_int(cp);
}

static value int_to_base(lang_vm *vm, value x, int base, const char *prefix) {
  int64_t v;
  if (bi_to_int(vm, x, &v) < 0) return val_null();
  char buf[80];
  int n = 0;
  uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  char digits[70];
  int nd = 0;
  do {
    digits[nd++] = "0123456789abcdef"[m % (uint64_t)base];
    m /= (uint64_t)base;
  } while (m);
  if (v < 0) buf[n++] = '-';
  for (const char *p = prefix; *p; p++) buf[n++] = *p;
  while (nd) buf[n++] = digits[--nd];
  buf[n] = '\0';
  return val_obj(str_new(vm, buf, n));
}
static value bi_bin(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return int_to_base(vm, a[0], 2, "0b"); }
static value bi_oct(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return int_to_base(vm, a[0], 8, "0o"); }
static value bi_hex(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return int_to_base(vm, a[0], 16, "0x"); }

static value bi_format(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "format", nargs, 1, 2) < 0) return val_null();
  obj_str *spec = vm->empty_str;
  if (nargs == 2) {
    if (!val_is_str(args[1]))
      return exc_set(vm, EXC_TypeError, "format() argument 2 must be str, not %s", val_type_name(args[1]));
    spec = VAL_STR(args[1]);
  }
  return obj_format(vm, args[0], spec);
}

/* ---- iterables ---- */

static value minmax(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, int op, const char *name) {
  value opt[2] = {val_null(), val_null()};   /* key, default */
  if (kw)
    for (int64_t k = 0; k < kw->len; k++) {
      obj_str *kn = VAL_STR(kw->items[k]);
      if (str_eq_cstr(kn, "key")) opt[0] = args[nargs + k];
      else if (str_eq_cstr(kn, "default")) opt[1] = args[nargs + k];
      else return exc_set(vm, EXC_TypeError, "'%s' is an invalid keyword argument for %s()", kn->data, name);
    }
  if (nargs == 0) return exc_set(vm, EXC_TypeError, "%s expected at least 1 argument, got 0", name);
  value it;
  if (nargs == 1) it = obj_iter(vm, args[0]);
  else {
    if (!VAL_IS_NULL(opt[1]))
      return exc_set(vm, EXC_TypeError, "Cannot specify a default for %s() with multiple positional arguments", name);
    obj_tuple *t = tuple_from(vm, args, nargs);
    if (!t) return val_null();
    it = obj_iter(vm, val_obj(t));
    obj_decref(t);
  }
  if (VAL_IS_NULL(it)) return it;
  bool has_key = !VAL_IS_NULL(opt[0]) && opt[0].tag != VAL_NONE;
  value best = val_null(), bestkey = val_null();
  for (;;) {
    value x = obj_next(vm, it);
    if (x.tag == VAL_STOP) break;
    if (VAL_IS_NULL(x)) goto fail;
    value k = has_key ? vm_call1(vm, opt[0], x) : val_incref(x);
    if (VAL_IS_NULL(k)) {
      val_decref(x);
      goto fail;
    }
    if (VAL_IS_NULL(best)) {
      best = x;
      bestkey = k;
      continue;
    }
    int better = obj_cmp_bool(vm, k, bestkey, op);
    if (better < 0) {
      val_decref(x);
      val_decref(k);
      goto fail;
    }
    if (better) {
      val_decref(best);
      val_decref(bestkey);
      best = x;
      bestkey = k;
    } else {
      val_decref(x);
      val_decref(k);
    }
  }
  val_decref(it);
  val_decref(bestkey);
  if (VAL_IS_NULL(best)) {
    if (!VAL_IS_NULL(opt[1])) return val_incref(opt[1]);
    return exc_set(vm, EXC_ValueError, "%s() arg is an empty sequence", name);
  }
  return best;
fail:
  val_decref(it);
  val_decref(best);
  val_decref(bestkey);
  return val_null();
}
static value bi_min(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return minmax(vm, a, n, kw, CMP_LT, "min"); }
static value bi_max(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return minmax(vm, a, n, kw, CMP_GT, "max"); }

static value bi_sum(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "sum", args, nargs, kw, "iterable|start", a) < 0) return val_null();
  value acc = VAL_IS_NULL(a[1]) ? val_int(0) : val_incref(a[1]);
  if (val_is_str(acc)) {
    val_decref(acc);
    return exc_set(vm, EXC_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  }
  value it = obj_iter(vm, a[0]);
  if (VAL_IS_NULL(it)) {
    val_decref(acc);
    return it;
  }
  /* float sums use Neumaier compensation exactly as CPython 3.11 does not: plain addition */
  for (;;) {
    value x = obj_next(vm, it);
    if (x.tag == VAL_STOP) break;
    if (VAL_IS_NULL(x)) {
      val_decref(it);
      val_decref(acc);
      return x;
    }
    value r = obj_binop(vm, acc, x, BINOP_ADD);
    val_decref(acc);
    val_decref(x);
    if (VAL_IS_NULL(r)) {
      val_decref(it);
      return r;
    }
    acc = r;
  }
  val_decref(it);
  return acc;
}

static value bi_any_all(lang_vm *vm, value iterable, bool want) {
  value it = obj_iter(vm, iterable);
  if (VAL_IS_NULL(it)) return it;
  for (;;) {
    value x = obj_next(vm, it);
    if (x.tag == VAL_STOP) break;
    if (VAL_IS_NULL(x)) {
      val_decref(it);
      return x;
    }
    int t = obj_truth(vm, x);
    val_decref(x);
    if (t < 0) {
      val_decref(it);
      return val_null();
    }
    if ((bool)t == want) {
      val_decref(it);
      return val_bool(want);
    }
  }
  val_decref(it);
  return val_bool(!want);
}
static value bi_any(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return bi_any_all(vm, a[0], true); }
static value bi_all(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return bi_any_all(vm, a[0], false); }

static value bi_sorted(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs != 1) return exc_set(vm, EXC_TypeError, "sorted expected 1 argument, got %d", nargs);
  value a[2];
  if (bi_parse(vm, "sorted", args + 1, 0, kw, "$key,reverse", a) < 0) return val_null();
  obj_list *l = obj_to_list(vm, args[0]);
  if (!l) return val_null();
  int rev = 0;
  if (!VAL_IS_NULL(a[1]) && (rev = obj_truth(vm, a[1])) < 0) {
    obj_decref(l);
    return val_null();
  }
  if (list_sort(vm, l, a[0], rev) < 0) {
    obj_decref(l);
    return val_null();
  }
  return val_obj(l);
}

static value bi_build_class(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return build_class(vm, args, nargs, kw);
}

static value bi_import(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  if (bi_parse(vm, "__import__", args, nargs, kw, "name|globals,locals,fromlist,level", a) < 0) return val_null();
  obj_str *name = bi_to_str(vm, a[0], "__import__", "1");
  if (!name) return val_null();
  obj_str *in = str_intern_n(vm, name->data, name->len);
  if (!in) return val_null();
  return import_module(vm, in, VAL_IS_NULL(a[3]) ? val_none() : a[3], 0, NULL);
}

static value bi_exit(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return exc_set_value(vm, EXC_SystemExit, nargs ? args[0] : val_null());
}

static const bi_reg builtin_funcs[] = {
  {"print", bi_print, BI_VARARGS, BI_F_KW, "print(value, ..., sep=' ', end='\\n', file=sys.stdout, flush=False)\n\nPrints the values to a stream, or to sys.stdout by default."},
  {"input", bi_input, BI_VARARGS, 0, "input(prompt='', /)\n\nRead a string from standard input.  The trailing newline is stripped."},
  {"len", bi_len, 1, 0, "len(obj, /)\n\nReturn the number of items in a container."},
  {"repr", bi_repr, 1, 0, "repr(obj, /)\n\nReturn the canonical string representation of the object."},
  {"ascii", bi_ascii, 1, 0, "ascii(obj, /)\n\nReturn an ASCII-only representation of an object."},
  {"isinstance", bi_isinstance, 2, 0, "isinstance(obj, class_or_tuple, /)\n\nReturn whether an object is an instance of a class or of a subclass thereof."},
  {"issubclass", bi_issubclass, 2, 0, "issubclass(cls, class_or_tuple, /)\n\nReturn whether 'cls' is derived from another class or is the same class."},
  {"getattr", bi_getattr, BI_VARARGS, 0, "getattr(object, name[, default]) -> value\n\nGet a named attribute from an object."},
  {"hasattr", bi_hasattr, 2, 0, "hasattr(obj, name, /)\n\nReturn whether the object has an attribute with the given name."},
  {"setattr", bi_setattr, 3, 0, "setattr(obj, name, value, /)\n\nSets the named attribute on the given object to the specified value."},
  {"delattr", bi_delattr, 2, 0, "delattr(obj, name, /)\n\nDeletes the named attribute from the given object."},
  {"id", bi_id, 1, 0, "id(obj, /)\n\nReturn the identity of an object."},
  {"hash", bi_hash, 1, 0, "hash(obj, /)\n\nReturn the hash value for the given object."},
  {"callable", bi_callable, 1, 0, "callable(obj, /)\n\nReturn whether the object is callable."},
  {"iter", bi_iter, BI_VARARGS, 0, "iter(iterable) -> iterator\niter(callable, sentinel) -> iterator"},
  {"next", bi_next, BI_VARARGS, 0, "next(iterator[, default])\n\nReturn the next item from the iterator."},
  {"dir", bi_dir, BI_VARARGS, 0, "dir([object]) -> list of strings"},
  {"vars", bi_vars, BI_VARARGS, 0, "vars([object]) -> dictionary"},
  {"globals", bi_globals, 0, 0, "globals()\n\nReturn the dictionary containing the current scope's global variables."},
  {"locals", bi_locals, 0, 0, "locals()\n\nReturn a dictionary containing the current scope's local variables."},
  {"abs", bi_abs, 1, 0, "abs(x, /)\n\nReturn the absolute value of the argument."},
  {"divmod", bi_divmod, 2, 0, "divmod(x, y, /)\n\nReturn the tuple (x//y, x%y)."},
  {"pow", bi_pow, BI_VARARGS, BI_F_KW, "pow(base, exp, mod=None)\n\nEquivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments"},
  {"round", bi_round, BI_VARARGS, BI_F_KW, "round(number, ndigits=None)\n\nRound a number to a given precision in decimal digits."},
  {"chr", bi_chr, 1, 0, "chr(i, /)\n\nReturn a Unicode string of one character with ordinal i; 0 <= i <= 0x10ffff."},
  {"ord", bi_ord, 1, 0, "ord(c, /)\n\nReturn the Unicode code point for a one-character string."},
  {"bin", bi_bin, 1, 0, "bin(number, /)\n\nReturn the binary representation of an integer."},
  {"oct", bi_oct, 1, 0, "oct(number, /)\n\nReturn the octal representation of an integer."},
  {"hex", bi_hex, 1, 0, "hex(number, /)\n\nReturn the hexadecimal representation of an integer."},
  {"format", bi_format, BI_VARARGS, 0, "format(value, format_spec='', /)\n\nReturn value.__format__(format_spec)"},
  {"min", bi_min, BI_VARARGS, BI_F_KW, "min(iterable, *[, default=obj, key=func]) -> value\nmin(arg1, arg2, *args, *[, key=func]) -> value"},
  {"max", bi_max, BI_VARARGS, BI_F_KW, "max(iterable, *[, default=obj, key=func]) -> value\nmax(arg1, arg2, *args, *[, key=func]) -> value"},
  {"sum", bi_sum, BI_VARARGS, BI_F_KW, "sum(iterable, /, start=0)\n\nReturn the sum of a 'start' value (default: 0) plus an iterable of numbers"},
  {"any", bi_any, 1, 0, "any(iterable, /)\n\nReturn True if bool(x) is True for any x in the iterable."},
  {"all", bi_all, 1, 0, "all(iterable, /)\n\nReturn True if bool(x) is True for all values x in the iterable."},
  {"sorted", bi_sorted, BI_VARARGS, BI_F_KW, "sorted(iterable, /, *, key=None, reverse=False)\n\nReturn a new list containing all items from the iterable in ascending order."},
  {"__build_class__", bi_build_class, BI_VARARGS, BI_F_KW, NULL},
  {"__import__", bi_import, BI_VARARGS, BI_F_KW, NULL},
  {"exit", bi_exit, BI_VARARGS, 0, "exit(code=None)\n\nRaise SystemExit."},
  {"quit", bi_exit, BI_VARARGS, 0, "quit(code=None)\n\nRaise SystemExit."},
  {NULL, NULL, 0, 0, NULL}
};

static int add_type(lang_vm *vm, obj_dict *d, const char *name, obj_type *t) {
  return dict_set_cstr(vm, d, name, val_obj(t));
}

extern obj_type type_enumerate, type_zip, type_map, type_filter, type_reversed;

int builtins_init(lang_vm *vm) {
  obj_dict *d = vm->builtins;
  if (module_add_funcs(vm, d, builtin_funcs) < 0) return -1;
  struct { const char *name; obj_type *t; } types[] = {
    {"object", &type_object}, {"type", &type_type}, {"int", &type_int}, {"float", &type_float},
    {"bool", &type_bool}, {"str", &type_str}, {"tuple", &type_tuple}, {"list", &type_list},
    {"dict", &type_dict}, {"set", &type_set}, {"frozenset", &type_frozenset}, {"range", &type_range},
    {"slice", &type_slice}, {"enumerate", &type_enumerate}, {"zip", &type_zip}, {"map", &type_map},
    {"filter", &type_filter}, {"reversed", &type_reversed}, {"property", &type_property},
    {"staticmethod", &type_staticmethod}, {"classmethod", &type_classmethod}, {"super", &type_super},
    {"bytes", &type_bytes},
  };
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (add_type(vm, d, types[i].name, types[i].t) < 0) return -1;
  for (int k = 0; k < EXC_COUNT; k++)
    if (add_type(vm, d, vm->exc_types[k]->name, vm->exc_types[k]) < 0) return -1;
  if (add_type(vm, d, "IOError", vm->exc_types[EXC_OSError]) < 0 ||
      add_type(vm, d, "EnvironmentError", vm->exc_types[EXC_OSError]) < 0)
    return -1;
  if (dict_set_cstr(vm, d, "None", val_none()) < 0 || dict_set_cstr(vm, d, "True", val_bool(true)) < 0 ||
      dict_set_cstr(vm, d, "False", val_bool(false)) < 0 ||
      dict_set_cstr(vm, d, "NotImplemented", val_obj(&obj_notimplemented)) < 0 ||
      dict_set_cstr(vm, d, "Ellipsis", val_obj(&obj_ellipsis)) < 0 ||
      dict_set_cstr(vm, d, "__debug__", val_bool(true)) < 0)
    return -1;
  if (type_ready(vm, &type_stream) < 0 || type_add_methods(vm, &type_stream, stream_methods) < 0 ||
      type_add_getsets(vm, &type_stream, stream_getsets) < 0)
    return -1;
  return 0;
}

/* ---- the registry of builtin modules (house-style rule 15: loaded_libs[]) ---- */

int lib_sys_init(lang_vm *vm, obj_dict *d);
int lib_math_init(lang_vm *vm, obj_dict *d);
int lib_random_init(lang_vm *vm, obj_dict *d);
int lib_time_init(lang_vm *vm, obj_dict *d);
int lib_os_init(lang_vm *vm, obj_dict *d);   /* lib_os.c: remove/unlink only */
int lib_future_init(lang_vm *vm, obj_dict *d);
int lib_builtins_module_init(lang_vm *vm, obj_dict *d);

int lib_warnings_init(lang_vm *vm, obj_dict *d);   /* lib_warnings.c */
int lib_weakref_init(lang_vm *vm, obj_dict *d);    /* lib_weakref.c */

static const lang_lib loaded_libs[] = {
  {"sys", lib_sys_init},
  {"math", lib_math_init},
  {"random", lib_random_init},
  {"time", lib_time_init},
  {"os", lib_os_init},
  {"__future__", lib_future_init},
  {"builtins", lib_builtins_module_init},
  {"_warnings", lib_warnings_init},
  {"weakref", lib_weakref_init},
  {NULL, NULL}
};

/* Further tables registered at start-up (the torch bindings, the Jupyter kernel's IPython.display ...). */
#define MAX_EXTRA_LIBS 32
static const lang_lib *extra_libs[MAX_EXTRA_LIBS];
static int nextra_libs;

int lang_add_libs(const lang_lib *libs) {
  for (int i = 0; i < nextra_libs; i++)
    if (extra_libs[i] == libs) return 0;
  if (nextra_libs == MAX_EXTRA_LIBS) return -1;
  extra_libs[nextra_libs++] = libs;
  return 0;
}

const lang_lib *lang_find_lib(const char *name) {
  for (const lang_lib *l = loaded_libs; l->name; l++)
    if (strcmp(l->name, name) == 0) return l;
  for (int i = 0; i < nextra_libs; i++)
    for (const lang_lib *l = extra_libs[i]; l->name; l++)
      if (strcmp(l->name, name) == 0) return l;
  return NULL;
}

int lib_builtins_module_init(lang_vm *vm, obj_dict *d) {
  int64_t pos = 0;
  value k, v;
  while (dict_next(vm->builtins, &pos, &k, &v))
    if (dict_set(vm, d, k, v) < 0) return -1;
  return 0;
}

int lib_future_init(lang_vm *vm, obj_dict *d) {
  static const char *const features[] = {"print_function", "division", "absolute_import", "unicode_literals",
                                         "generators", "nested_scopes", "with_statement", "annotations", NULL};
  for (int i = 0; features[i]; i++)
    if (dict_set_cstr(vm, d, features[i], val_bool(true)) < 0) return -1;
  return 0;
}
