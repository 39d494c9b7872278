/*
** kernel/lang/func.c — code objects, Python functions, cells, bound methods and builtin functions
** (their reprs, attributes and descriptor behaviour). Calling them is in call.c.
*/
#include <stdlib.h>

#include "kernel/lang/internal.h"

/* ---- code ---- */

static void code_dealloc(obj *o) {
  obj_code *c = (obj_code *)o;
  lang_free(c->code, sizeof(uint32_t) * (size_t)c->ncode);
  lang_free(c->lines, sizeof(int32_t) * (size_t)c->ncode);
  for (int i = 0; i < c->nconsts; i++) val_decref(c->consts[i]);
  lang_free(c->consts, sizeof(value) * (size_t)c->nconsts);
  /* names are interned (owned by the intern table) */
  lang_free(c->names, sizeof(obj_str *) * (size_t)c->nnames);
  lang_free(c->varnames, sizeof(obj_str *) * (size_t)c->nlocals);
  lang_free(c->cellvars, sizeof(obj_str *) * (size_t)c->ncells);
  lang_free(c->freevars, sizeof(obj_str *) * (size_t)c->nfree);
  lang_free(c->cell2arg, sizeof(int) * (size_t)c->ncells);
  val_decref(c->doc);
  obj_xdecref(c->name);
  obj_xdecref(c->qualname);
  obj_xdecref(c->filename);
  lang_free(c->gcache, sizeof(global_cache) * (size_t)c->ncode);
  lang_free(c->acache, sizeof(attr_cache) * (size_t)c->ncode);
}

int code_line(const obj_code *co, int i) {
  if (i < 0) i = 0;
  if (i >= co->ncode) i = co->ncode - 1;
  return co->ncode > 0 ? co->lines[i] : co->firstlineno;
}

static value code_repr(lang_vm *vm, value self) {
  obj_code *c = (obj_code *)self.u.o;
  return val_obj(str_printf(vm, "<code object %s at %p, file \"%s\", line %d>", c->name->data, (void *)c,
                            c->filename->data, c->firstlineno));
}

static value code_get_name(lang_vm *vm, value s) { return val_incref(val_obj(((obj_code *)s.u.o)->name)); }
static value code_get_filename(lang_vm *vm, value s) { return val_incref(val_obj(((obj_code *)s.u.o)->filename)); }
static value code_get_firstlineno(lang_vm *vm, value s) { return val_int(((obj_code *)s.u.o)->firstlineno); }
static value code_get_argcount(lang_vm *vm, value s) { return val_int(((obj_code *)s.u.o)->argcount); }
static value code_get_varnames(lang_vm *vm, value s) {
  obj_code *c = (obj_code *)s.u.o;
  obj_tuple *t = tuple_new(vm, c->nlocals);
  if (!t) return val_null();
  for (int i = 0; i < c->nlocals; i++) t->items[i] = val_incref(val_obj(c->varnames[i]));
  return val_obj(t);
}
static const bi_getset code_getsets[] = {
  {"co_name", code_get_name, NULL, NULL},
  {"co_filename", code_get_filename, NULL, NULL},
  {"co_firstlineno", code_get_firstlineno, NULL, NULL},
  {"co_argcount", code_get_argcount, NULL, NULL},
  {"co_varnames", code_get_varnames, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

obj_type type_code = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "code", .basicsize = sizeof(obj_code), .dealloc = code_dealloc,
  .repr = code_repr, .hash = obj_hash_identity,
};

/* ---- function ---- */

obj_func *func_new(lang_vm *vm, obj_code *code, obj_dict *globals, obj_str *qualname) {
  obj_func *f = obj_alloc(vm, &type_function, sizeof(obj_func));
  if (!f) return NULL;
  obj_incref(code);
  f->code = code;
  obj_incref(globals);
  f->globals = globals;
  f->name = code->name;
  obj_incref(f->name);
  f->qualname = qualname ? qualname : code->qualname;
  obj_incref(f->qualname);
  f->doc = val_incref(code->doc);
  value mod = dict_get_str(globals, vm->s.__name__);
  if (val_is_str(mod)) {
    f->module = VAL_STR(mod);
    obj_incref(f->module);
  }
  return f;
}

static void func_dealloc(obj *o) {
  obj_func *f = (obj_func *)o;
  obj_decref(f->code);
  obj_decref(f->globals);
  obj_xdecref(f->defaults);
  obj_xdecref(f->kwdefaults);
  obj_xdecref(f->closure);
  obj_xdecref(f->name);
  obj_xdecref(f->qualname);
  obj_xdecref(f->module);
  val_decref(f->doc);
}

static value func_repr(lang_vm *vm, value self) {
  obj_func *f = (obj_func *)self.u.o;
  return val_obj(str_printf(vm, "<function %s at %p>", f->qualname->data, (void *)f));
}

static value func_descr_get(lang_vm *vm, value d, value inst, obj_type *owner) {
  if (VAL_IS_NULL(inst)) return val_incref(d);
  return method_new(vm, d, inst);
}

static value func_get_name(lang_vm *vm, value s) { return val_incref(val_obj(((obj_func *)s.u.o)->name)); }
static int func_set_name(lang_vm *vm, value s, value v) {
  if (!val_is_str(v)) return exc_seti(vm, EXC_TypeError, "__name__ must be set to a string object");
  obj_func *f = (obj_func *)s.u.o;
  obj_incref(v.u.o);
  obj_decref(f->name);
  f->name = VAL_STR(v);
  return 0;
}
static value func_get_qualname(lang_vm *vm, value s) { return val_incref(val_obj(((obj_func *)s.u.o)->qualname)); }
static int func_set_qualname(lang_vm *vm, value s, value v) {
  if (!val_is_str(v)) return exc_seti(vm, EXC_TypeError, "__qualname__ must be set to a string object");
  obj_func *f = (obj_func *)s.u.o;
  obj_incref(v.u.o);
  obj_decref(f->qualname);
  f->qualname = VAL_STR(v);
  return 0;
}
static value func_get_doc(lang_vm *vm, value s) { return val_incref(((obj_func *)s.u.o)->doc); }
static int func_set_doc(lang_vm *vm, value s, value v) {
  val_set(&((obj_func *)s.u.o)->doc, VAL_IS_NULL(v) ? val_none() : val_incref(v));
  return 0;
}
static value func_get_module(lang_vm *vm, value s) {
  obj_func *f = (obj_func *)s.u.o;
  return f->module ? val_incref(val_obj(f->module)) : val_none();
}
static value func_get_code(lang_vm *vm, value s) { return val_incref(val_obj(((obj_func *)s.u.o)->code)); }
static value func_get_defaults(lang_vm *vm, value s) {
  obj_func *f = (obj_func *)s.u.o;
  return f->defaults ? val_incref(val_obj(f->defaults)) : val_none();
}
static value func_get_globals(lang_vm *vm, value s) { return val_incref(val_obj(((obj_func *)s.u.o)->globals)); }
static value func_get_kwdefaults(lang_vm *vm, value s) {
  obj_func *f = (obj_func *)s.u.o;
  return f->kwdefaults ? val_incref(val_obj(f->kwdefaults)) : val_none();
}
static value func_get_dict(lang_vm *vm, value s) {
  obj_dict *d = obj_instance_dict(vm, s, true);
  if (!d) return val_null();
  obj_incref(d);
  return val_obj(d);
}

static const bi_getset func_getsets[] = {
  {"__name__", func_get_name, func_set_name, NULL},
  {"__qualname__", func_get_qualname, func_set_qualname, NULL},
  {"__doc__", func_get_doc, func_set_doc, NULL},
  {"__module__", func_get_module, NULL, NULL},
  {"__code__", func_get_code, NULL, NULL},
  {"__defaults__", func_get_defaults, NULL, NULL},
  {"__kwdefaults__", func_get_kwdefaults, NULL, NULL},
  {"__globals__", func_get_globals, NULL, NULL},
  {"__dict__", func_get_dict, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

static value func_call_slot(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kw) {
  return func_call(vm, (obj_func *)self.u.o, args, nargs, kw);
}

obj_type type_function = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "function", .basicsize = sizeof(obj_func),
  .dict_offset = offsetof(obj_func, dict), .dealloc = func_dealloc, .repr = func_repr,
  .descr_get = func_descr_get, .call = func_call_slot, .hash = obj_hash_identity,
};

/* ---- cell ---- */

obj_cell *cell_new(lang_vm *vm, value v) {
  obj_cell *c = obj_alloc(vm, &type_cell, sizeof *c);
  if (!c) return NULL;
  c->v = val_incref(v);
  return c;
}
static void cell_dealloc(obj *o) { val_decref(((obj_cell *)o)->v); }
static value cell_repr(lang_vm *vm, value self) {
  obj_cell *c = (obj_cell *)self.u.o;
  if (VAL_IS_NULL(c->v)) return val_obj(str_printf(vm, "<cell at %p: empty>", (void *)c));
  return val_obj(str_printf(vm, "<cell at %p: %s object>", (void *)c, val_type_name(c->v)));
}
obj_type type_cell = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "cell", .basicsize = sizeof(obj_cell), .dealloc = cell_dealloc,
  .repr = cell_repr,
};

/* ---- bound method ---- */

value method_new(lang_vm *vm, value func, value self) {
  obj_method *m = obj_alloc(vm, &type_method, sizeof *m);
  if (!m) return val_null();
  m->func = val_incref(func);
  m->self = val_incref(self);
  return val_obj(m);
}
static void method_dealloc(obj *o) {
  obj_method *m = (obj_method *)o;
  val_decref(m->func);
  val_decref(m->self);
}

static const char *callable_qualname(value f) {
  obj_type *t = val_type(f);
  if (t == &type_function) return ((obj_func *)f.u.o)->qualname->data;
  if (t == &type_bfunc) return ((obj_bfunc *)f.u.o)->reg->name;
  return "?";
}

static value method_repr(lang_vm *vm, value self) {
  obj_method *m = (obj_method *)self.u.o;
  strbuf b;
  sb_init(&b);
  obj_type *ft = val_type(m->func);
  if (ft == &type_bfunc || ft == &type_slotwrapper) {
    const char *nm = ft == &type_bfunc ? ((obj_bfunc *)m->func.u.o)->reg->name : "method";
    sb_printf(&b, "<built-in method %s of %s object at %p>", nm, val_type_name(m->self), (void *)m->self.u.o);
  } else {
    sb_printf(&b, "<bound method %s of ", callable_qualname(m->func));
    if (obj_repr_to(vm, m->self, &b) < 0) {
      sb_free(&b);
      return val_null();
    }
    sb_addc(&b, '>');
  }
  obj_str *s = sb_finish(vm, &b);
  return s ? val_obj(s) : val_null();
}

static value method_call_slot(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kw) {
  obj_method *m = (obj_method *)self.u.o;
  int nkw = kw ? (int)kw->len : 0;
  int total = nargs + nkw + 1;
  value stackbuf[16];
  value *buf = total <= 16 ? stackbuf : lang_alloc(sizeof(value) * (size_t)total);
  if (!buf) return exc_nomem(vm);
  buf[0] = m->self;
  for (int i = 0; i < nargs + nkw; i++) buf[i + 1] = args[i];
  value r = vm_call(vm, m->func, buf, nargs + 1, kw);
  if (buf != stackbuf) lang_free(buf, sizeof(value) * (size_t)total);
  return r;
}

static value method_getattr(lang_vm *vm, value self, obj_str *name) {
  obj_method *m = (obj_method *)self.u.o;
  if (name == vm->s.__self__) return val_incref(m->self);
  if (str_eq_cstr(name, "__func__")) return val_incref(m->func);
  value r = obj_generic_getattr(vm, self, name);
  if (VAL_IS_NULL(r) && exc_matches(vm, EXC_AttributeError)) {
    exc_clear(vm);
    return obj_getattr(vm, m->func, name);
  }
  return r;
}

static value method_richcmp(lang_vm *vm, value a, value b, int op) {
  if (val_type(a) != &type_method || val_type(b) != &type_method || (op != CMP_EQ && op != CMP_NE)) return val_notimpl();
  obj_method *x = (obj_method *)a.u.o, *y = (obj_method *)b.u.o;
  bool eq = x->func.u.o == y->func.u.o && x->self.tag == y->self.tag && x->self.u.i == y->self.u.i;
  return val_bool(op == CMP_EQ ? eq : !eq);
}

static int method_hash(lang_vm *vm, value v, int64_t *out) {
  obj_method *m = (obj_method *)v.u.o;
  int64_t a, b;
  if (obj_hash_identity(vm, m->func, &a) < 0) return -1;
  if (m->self.tag == VAL_OBJ) obj_hash_identity(vm, m->self, &b);
  else if (obj_hash(vm, m->self, &b) < 0) return -1;
  *out = a ^ b;
  if (*out == -1) *out = -2;
  return 0;
}

obj_type type_method = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "method", .basicsize = sizeof(obj_method), .dealloc = method_dealloc,
  .repr = method_repr, .call = method_call_slot, .getattr = method_getattr, .richcmp = method_richcmp,
  .hash = method_hash,
};

/* ---- builtin function ---- */

value bfunc_new(lang_vm *vm, const bi_reg *reg, value self) {
  obj_bfunc *f = obj_alloc(vm, &type_bfunc, sizeof *f);
  if (!f) return val_null();
  f->reg = reg;
  f->self = val_incref(self);
  return val_obj(f);
}
static void bfunc_dealloc(obj *o) {
  obj_bfunc *f = (obj_bfunc *)o;
  val_decref(f->self);
  obj_xdecref(f->module);
}
static value bfunc_repr(lang_vm *vm, value self) {
  obj_bfunc *f = (obj_bfunc *)self.u.o;
  if (f->owner) return val_obj(str_printf(vm, "<method '%s' of '%s' objects>", f->reg->name, f->owner->name));
  if (!VAL_IS_NULL(f->self) && val_type(f->self) != &type_module)
    return val_obj(str_printf(vm, "<built-in method %s of %s object at %p>", f->reg->name, val_type_name(f->self),
                              (void *)f->self.u.o));
  return val_obj(str_printf(vm, "<built-in function %s>", f->reg->name));
}
static value bfunc_descr_get(lang_vm *vm, value d, value inst, obj_type *owner) {
  obj_bfunc *f = (obj_bfunc *)d.u.o;
  if (!f->owner) return val_incref(d);   /* plain builtin functions do not bind */
  if (f->reg->flags & BI_F_STATIC) return val_incref(d);
  if (f->reg->flags & BI_F_CLASS) {
    obj_type *cls = VAL_IS_NULL(inst) ? (owner ? owner : f->owner) : (val_is_type(inst) ? VAL_TYPE(inst) : val_type(inst));
    if (!VAL_IS_NULL(inst) && !val_is_type(inst)) cls = val_type(inst);
    return method_new(vm, d, val_obj(cls));
  }
  if (VAL_IS_NULL(inst)) return val_incref(d);
  return method_new(vm, d, inst);
}
static value bfunc_get_name(lang_vm *vm, value s) {
  return val_obj(str_from_cstr(vm, ((obj_bfunc *)s.u.o)->reg->name));
}
static value bfunc_get_doc(lang_vm *vm, value s) {
  const char *d = ((obj_bfunc *)s.u.o)->reg->doc;
  return d ? val_obj(str_from_cstr(vm, d)) : val_none();
}
static value bfunc_get_self(lang_vm *vm, value s) {
  obj_bfunc *f = (obj_bfunc *)s.u.o;
  return VAL_IS_NULL(f->self) ? val_none() : val_incref(f->self);
}
static value bfunc_get_module(lang_vm *vm, value s) {
  obj_bfunc *f = (obj_bfunc *)s.u.o;
  return f->module ? val_incref(val_obj(f->module)) : val_none();
}
static value bfunc_get_qualname(lang_vm *vm, value s) {
  obj_bfunc *f = (obj_bfunc *)s.u.o;
  if (f->owner) return val_obj(str_printf(vm, "%s.%s", f->owner->name, f->reg->name));
  return bfunc_get_name(vm, s);
}
static const bi_getset bfunc_getsets[] = {
  {"__name__", bfunc_get_name, NULL, NULL},
  {"__qualname__", bfunc_get_qualname, NULL, NULL},
  {"__doc__", bfunc_get_doc, NULL, NULL},
  {"__self__", bfunc_get_self, NULL, NULL},
  {"__module__", bfunc_get_module, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

obj_type type_bfunc = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "builtin_function_or_method", .basicsize = sizeof(obj_bfunc),
  .dealloc = bfunc_dealloc, .repr = bfunc_repr, .call = bfunc_call, .descr_get = bfunc_descr_get,
  .hash = obj_hash_identity,
};

int func_init(lang_vm *vm) {
  obj_type *types[] = {&type_code, &type_function, &type_cell, &type_method, &type_bfunc};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (type_ready(vm, types[i]) < 0) return -1;
  if (type_add_getsets(vm, &type_function, func_getsets) < 0 || type_add_getsets(vm, &type_bfunc, bfunc_getsets) < 0 ||
      type_add_getsets(vm, &type_code, code_getsets) < 0)
    return -1;
  return 0;
}
