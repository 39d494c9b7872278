/*
** kernel/lang/type.c — type objects: `type` and `object`, builtin-type set-up (slot inheritance and
** slot wrappers such as object.__init__ and int.__add__), class creation for `class` statements
** with dunder dispatch slots, instantiation, the attribute cache, and the descriptors property,
** staticmethod, classmethod and super.
*/
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/internal.h"

/* ---- attribute cache: (type, interned name) -> borrowed lookup result ---- */

#define ACACHE_SIZE 4096
typedef struct acache_entry { obj_type *t; obj_str *name; uint32_t epoch; value v; } acache_entry;
static acache_entry acache[ACACHE_SIZE];
uint32_t lang_type_epoch = 1;   /* bumped whenever any type dict changes */
#define acache_epoch lang_type_epoch

void type_modified(obj_type *t) {
  (void)t;
  acache_epoch++;
}

static value lookup_uncached(obj_type *t, obj_str *name) {
  for (; t; t = t->base) {
    if (!t->dict) continue;
    value v = dict_get_str(t->dict, name);
    if (!VAL_IS_NULL(v)) return v;
  }
  return val_null();
}

value type_lookup(obj_type *t, obj_str *name) {
  if (!name->interned) return lookup_uncached(t, name);
  uintptr_t h = ((uintptr_t)t >> 4) ^ ((uintptr_t)name >> 3) ^ ((uintptr_t)name >> 13);
  acache_entry *e = &acache[h & (ACACHE_SIZE - 1)];
  if (e->t == t && e->name == name && e->epoch == acache_epoch) return e->v;
  value v = lookup_uncached(t, name);
  e->t = t;
  e->name = name;
  e->epoch = acache_epoch;
  e->v = v;
  return v;
}

bool type_is_subtype(const obj_type *t, const obj_type *base) {
  for (; t; t = t->base)
    if (t == base) return true;
  return false;
}

/* ---- slot wrappers: C slots seen as dunder methods (object.__init__, int.__add__ ...) ---- */

enum {
  SW_REPR, SW_STR, SW_HASH, SW_CALL, SW_GETATTRIBUTE, SW_SETATTR, SW_DELATTR,
  SW_LT, SW_LE, SW_EQ, SW_NE, SW_GT, SW_GE,
  SW_ITER, SW_NEXT, SW_GETITEM, SW_SETITEM, SW_DELITEM, SW_LEN, SW_CONTAINS, SW_BOOL,
  SW_INIT, SW_NEW, SW_NEG, SW_POS, SW_INVERT, SW_ABS, SW_FORMAT,
  SW_BINOP,                                   /* + op */
  SW_RBINOP = SW_BINOP + BINOP_COUNT,         /* + op */
  SW_IBINOP = SW_RBINOP + BINOP_COUNT,        /* + op */
  SW_COUNT = SW_IBINOP + BINOP_COUNT
};

static const char *const sw_names[SW_BINOP] = {
  "__repr__", "__str__", "__hash__", "__call__", "__getattribute__", "__setattr__", "__delattr__",
  "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__",
  "__iter__", "__next__", "__getitem__", "__setitem__", "__delitem__", "__len__", "__contains__", "__bool__",
  "__init__", "__new__", "__neg__", "__pos__", "__invert__", "__abs__", "__format__"
};

typedef struct obj_slotwrapper { obj hdr; obj_type *owner; int slot; obj_str *name; } obj_slotwrapper;

static obj_str *sw_name(lang_vm *vm, int slot) {
  if (slot < SW_BINOP) return str_intern(vm, sw_names[slot]);
  if (slot < SW_RBINOP) return vm->binop_names.name[slot - SW_BINOP];
  if (slot < SW_IBINOP) return vm->binop_names.rname[slot - SW_RBINOP];
  return vm->binop_names.iname[slot - SW_IBINOP];
}

static value sw_call(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kw) {
  obj_slotwrapper *w = (obj_slotwrapper *)self.u.o;
  obj_type *t = w->owner;
  const char *nm = w->name->data;
  int slot = w->slot;
  int nkw = kw ? (int)kw->len : 0;
  if (slot == SW_NEW) {
    if (nargs < 1 || !val_is_type(args[0]))
      return exc_set(vm, EXC_TypeError, "%s.__new__(X): X is not a type object", t->name);
    obj_type *sub = VAL_TYPE(args[0]);
    if (!type_is_subtype(sub, t))
      return exc_set(vm, EXC_TypeError, "%s.__new__(%s): %s is not a subtype of %s", t->name, sub->name,
                     sub->name, t->name);
    if (t == &type_object) return object_new(vm, sub, NULL, 0, NULL);
    return t->new_(vm, sub, args + 1, nargs - 1, kw);
  }
  if (nargs < 1) return exc_set(vm, EXC_TypeError, "descriptor '%s' of '%s' object needs an argument", nm, t->name);
  value s = args[0];
  if (!val_isinstance(s, t))
    return exc_set(vm, EXC_TypeError, "descriptor '%s' requires a '%s' object but received a '%s'", nm, t->name,
                   val_type_name(s));
  if (slot == SW_CALL) return t->call(vm, s, args + 1, nargs - 1, kw);
  if (slot == SW_INIT) {
    if (t == &type_object) {
      if (nargs > 1 || nkw)
        return exc_set(vm, EXC_TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
      return val_none();
    }
    if (t->init(vm, s, args + 1, nargs - 1, kw) < 0) return val_null();
    return val_none();
  }
  if (nkw) return exc_set(vm, EXC_TypeError, "%s() takes no keyword arguments", nm);
  int want = 1;
  if (slot == SW_SETATTR || slot == SW_SETITEM) want = 3;
  else if ((slot >= SW_LT && slot <= SW_GE) || slot == SW_GETATTRIBUTE || slot == SW_DELATTR ||
           slot == SW_GETITEM || slot == SW_DELITEM || slot == SW_CONTAINS || slot == SW_FORMAT || slot >= SW_BINOP)
    want = 2;
  if (nargs != want) {
    if (want == 1) return exc_set(vm, EXC_TypeError, "expected 0 arguments, got %d", nargs - 1);
    return exc_set(vm, EXC_TypeError, "expected %d argument%s, got %d", want - 1, want == 2 ? "" : "s", nargs - 1);
  }
  switch (slot) {
  case SW_REPR: return t->repr(vm, s);
  case SW_STR: return t->str ? t->str(vm, s) : obj_repr(vm, s);
  case SW_HASH: {
    int64_t h;
    if (t->hash(vm, s, &h) < 0) return val_null();
    return val_int(h);
  }
  case SW_GETATTRIBUTE:
    if (!val_is_str(args[1]))
      return exc_set(vm, EXC_TypeError, "attribute name must be string, not '%s'", val_type_name(args[1]));
    return (t->getattr ? t->getattr : obj_generic_getattr)(vm, s, VAL_STR(args[1]));
  case SW_SETATTR:
  case SW_DELATTR: {
    if (!val_is_str(args[1]))
      return exc_set(vm, EXC_TypeError, "attribute name must be string, not '%s'", val_type_name(args[1]));
    obj_str *name = str_intern_n(vm, VAL_STR(args[1])->data, VAL_STR(args[1])->len);
    if (!name) return val_null();
    int r = (t->setattr ? t->setattr : obj_generic_setattr)(vm, s, name, slot == SW_SETATTR ? args[2] : val_null());
    return r < 0 ? val_null() : val_none();
  }
  case SW_ITER: return t->iter(vm, s);
  case SW_NEXT: {
    value r = t->next(vm, s);
    if (r.tag == VAL_STOP) return exc_set_value(vm, EXC_StopIteration, val_null());
    return r;
  }
  case SW_GETITEM: return t->getitem(vm, s, args[1]);
  case SW_SETITEM: return t->setitem(vm, s, args[1], args[2]) < 0 ? val_null() : val_none();
  case SW_DELITEM: return t->setitem(vm, s, args[1], val_null()) < 0 ? val_null() : val_none();
  case SW_LEN: {
    int64_t n = t->len(vm, s);
    return n < 0 ? val_null() : val_int(n);
  }
  case SW_CONTAINS: {
    int r = t->contains(vm, s, args[1]);
    return r < 0 ? val_null() : val_bool(r);
  }
  case SW_BOOL: {
    int r = t->truth(vm, s);
    return r < 0 ? val_null() : val_bool(r);
  }
  case SW_NEG: case SW_POS: case SW_INVERT: case SW_ABS:
    return t->unop(vm, s, slot - SW_NEG);
  case SW_FORMAT:
    if (!val_is_str(args[1]))
      return exc_set(vm, EXC_TypeError, "format() argument 2 must be str, not %s", val_type_name(args[1]));
    if (t->format) return t->format(vm, s, VAL_STR(args[1]));
    if (VAL_STR(args[1])->len == 0) return obj_str_of(vm, s);
    return exc_set(vm, EXC_TypeError, "unsupported format string passed to %s.__format__", val_type_name(s));
  default: break;
  }
  if (slot >= SW_LT && slot <= SW_GE) return t->richcmp(vm, s, args[1], slot - SW_LT);
  if (slot < SW_RBINOP) return t->binop(vm, s, args[1], slot - SW_BINOP, false);
  if (slot < SW_IBINOP) return t->binop(vm, args[1], s, slot - SW_RBINOP, true);
  return t->binop(vm, s, args[1], BINOP_INPLACE + slot - SW_IBINOP, false);
}

static value sw_repr(lang_vm *vm, value self) {
  obj_slotwrapper *w = (obj_slotwrapper *)self.u.o;
  return val_obj(str_printf(vm, "<slot wrapper '%s' of '%s' objects>", w->name->data, w->owner->name));
}

static value method_descr_get(lang_vm *vm, value d, value inst, obj_type *owner) {
  if (VAL_IS_NULL(inst)) return val_incref(d);
  return method_new(vm, d, inst);
}

obj_type type_slotwrapper = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "wrapper_descriptor", .basicsize = sizeof(obj_slotwrapper),
  .call = sw_call, .repr = sw_repr, .descr_get = method_descr_get, .hash = obj_hash_identity,
};

static void sw_dealloc(obj *o) { (void)o; }

static int add_slot_wrapper(lang_vm *vm, obj_type *t, int slot) {
  obj_str *name = sw_name(vm, slot);
  if (!name) return -1;
  if (!VAL_IS_NULL(dict_get_str(t->dict, name))) return 0;   /* an explicit method wins */
  obj_slotwrapper *w = obj_alloc(vm, &type_slotwrapper, sizeof *w);
  if (!w) return -1;
  w->owner = t;
  w->slot = slot;
  w->name = name;
  int r = dict_set_str(vm, t->dict, name, val_obj(w));
  obj_decref(w);
  return r;
}

/* Which slots t defines itself (differently from its base): those get wrappers. */
static int add_slot_wrappers(lang_vm *vm, obj_type *t) {
  obj_type *b = t->base;
#define DIFF(f) (t->f && (!b || t->f != b->f))
  if (DIFF(repr) && add_slot_wrapper(vm, t, SW_REPR) < 0) return -1;
  if (DIFF(str) && add_slot_wrapper(vm, t, SW_STR) < 0) return -1;
  if (DIFF(hash) && add_slot_wrapper(vm, t, SW_HASH) < 0) return -1;
  if (DIFF(call) && add_slot_wrapper(vm, t, SW_CALL) < 0) return -1;
  if (DIFF(getattr) && add_slot_wrapper(vm, t, SW_GETATTRIBUTE) < 0) return -1;
  if (DIFF(setattr) && (add_slot_wrapper(vm, t, SW_SETATTR) < 0 || add_slot_wrapper(vm, t, SW_DELATTR) < 0)) return -1;
  if (DIFF(richcmp))
    for (int op = 0; op < 6; op++)
      if (add_slot_wrapper(vm, t, SW_LT + op) < 0) return -1;
  if (DIFF(iter) && add_slot_wrapper(vm, t, SW_ITER) < 0) return -1;
  if (DIFF(next) && add_slot_wrapper(vm, t, SW_NEXT) < 0) return -1;
  if (DIFF(getitem) && add_slot_wrapper(vm, t, SW_GETITEM) < 0) return -1;
  if (DIFF(setitem) && (add_slot_wrapper(vm, t, SW_SETITEM) < 0 || add_slot_wrapper(vm, t, SW_DELITEM) < 0)) return -1;
  if (DIFF(len) && add_slot_wrapper(vm, t, SW_LEN) < 0) return -1;
  if (DIFF(contains) && add_slot_wrapper(vm, t, SW_CONTAINS) < 0) return -1;
  if (DIFF(truth) && add_slot_wrapper(vm, t, SW_BOOL) < 0) return -1;
  if (DIFF(init) && add_slot_wrapper(vm, t, SW_INIT) < 0) return -1;
  if (DIFF(new_) && add_slot_wrapper(vm, t, SW_NEW) < 0) return -1;
  if (DIFF(format) && add_slot_wrapper(vm, t, SW_FORMAT) < 0) return -1;
  if (DIFF(unop))
    for (int op = 0; op < 4; op++)
      if (add_slot_wrapper(vm, t, SW_NEG + op) < 0) return -1;
  if (DIFF(binop))
    for (int op = 0; op < BINOP_COUNT; op++)
      if (add_slot_wrapper(vm, t, SW_BINOP + op) < 0 || add_slot_wrapper(vm, t, SW_RBINOP + op) < 0) return -1;
#undef DIFF
  return 0;
}

static void inherit_slots(obj_type *t) {
  obj_type *b = t->base;
  if (!b) return;
#define INHERIT(f) if (!t->f) t->f = b->f
  INHERIT(dealloc); INHERIT(repr); INHERIT(str); INHERIT(call); INHERIT(getattr); INHERIT(setattr);
  INHERIT(richcmp); INHERIT(binop); INHERIT(unop); INHERIT(iter); INHERIT(next); INHERIT(getitem);
  INHERIT(setitem); INHERIT(len); INHERIT(contains); INHERIT(truth); INHERIT(new_); INHERIT(init);
  INHERIT(descr_get); INHERIT(descr_set); INHERIT(format);
  if (!t->hash && !(t->tflags & TYPE_F_ABSTRACT_EQ)) t->hash = b->hash;
#undef INHERIT
  if (!t->basicsize) t->basicsize = b->basicsize;
  if (!t->dict_offset) t->dict_offset = b->dict_offset;
  t->tflags |= b->tflags & (TYPE_F_EXC | TYPE_F_INT_SUB | TYPE_F_STR_SUB | TYPE_F_TUPLE_SUB | TYPE_F_LIST_SUB |
                            TYPE_F_DICT_SUB | TYPE_F_TYPE_SUB);
}

/* Static types readied by this process: teardown resets them so a new vm can start again. */
#define MAX_STATIC_TYPES 1024
static obj_type *static_types[MAX_STATIC_TYPES];
static int nstatic_types;
static obj_type heap_list = {.name = "<heap types>"};   /* sentinel of the live heap-type list */

void type_reset_static(void) {
  for (int i = nstatic_types - 1; i >= 0; i--) {
    obj_type *t = static_types[i];
    obj_xdecref(t->dict);
    t->dict = NULL;
    t->name_str = t->qualname = t->module = NULL;
    t->tflags &= ~(uint32_t)TYPE_F_READY;
  }
  nstatic_types = 0;
  type_modified(NULL);
}

void type_clear_heap_dicts(lang_vm *vm) {
  int n = 0;
  for (obj_type *t = heap_list.heap_next; t && t != &heap_list; t = t->heap_next) n++;
  if (!n) return;
  obj_type **all = malloc(sizeof(obj_type *) * (size_t)n);
  if (!all) return;
  n = 0;
  for (obj_type *t = heap_list.heap_next; t && t != &heap_list; t = t->heap_next) {
    obj_incref(t);
    all[n++] = t;
  }
  for (int i = 0; i < n; i++) {
    /* emptied in place: no allocation, so the cycles are broken even when memory has run out */
    if (all[i]->dict) dict_empty(all[i]->dict);
    type_modified(all[i]);
  }
  for (int i = 0; i < n; i++) obj_decref(all[i]);
  free(all);
}

int type_ready(lang_vm *vm, obj_type *t) {
  if (t->tflags & TYPE_F_READY) return 0;
  if (!(t->tflags & (TYPE_F_HEAP | TYPE_F_NOREG)) && nstatic_types < MAX_STATIC_TYPES) static_types[nstatic_types++] = t;
  if (!t->base && t != &type_object) t->base = &type_object;
  if (t->base && !(t->base->tflags & TYPE_F_READY) && type_ready(vm, t->base) < 0) return -1;
  inherit_slots(t);
  if (!t->dict && !(t->dict = dict_new(vm))) return -1;
  if (!t->name_str && !(t->name_str = str_intern(vm, t->name))) return -1;
  if (!t->qualname) t->qualname = t->name_str;
  if (!t->module && !(t->module = str_intern(vm, "builtins"))) return -1;
  if (add_slot_wrappers(vm, t) < 0) return -1;
  t->tflags |= TYPE_F_READY;
  type_modified(t);
  return 0;
}

/* ---- builtin methods and getsets in a type's dict ---- */

int type_add_methods(lang_vm *vm, obj_type *t, const bi_reg *methods) {
  if (!t->dict && !(t->dict = dict_new(vm))) return -1;
  for (const bi_reg *r = methods; r->name; r++) {
    value f = bfunc_new(vm, r, val_null());
    if (VAL_IS_NULL(f)) return -1;
    ((obj_bfunc *)f.u.o)->owner = t;
    int rc = dict_set_cstr(vm, t->dict, r->name, f);
    val_decref(f);
    if (rc < 0) return -1;
  }
  type_modified(t);
  return 0;
}

typedef struct obj_getset { obj hdr; const bi_getset *gs; obj_type *owner; } obj_getset;

static value getset_get(lang_vm *vm, value d, value inst, obj_type *owner) {
  obj_getset *g = (obj_getset *)d.u.o;
  if (VAL_IS_NULL(inst)) return val_incref(d);
  return g->gs->get(vm, inst);
}

static int getset_set(lang_vm *vm, value d, value inst, value v) {
  obj_getset *g = (obj_getset *)d.u.o;
  if (!g->gs->set) {
    if (VAL_IS_NULL(v))
      return exc_seti(vm, EXC_AttributeError, "attribute '%s' of '%s' objects is not writable", g->gs->name,
                      g->owner->name);
    return exc_seti(vm, EXC_AttributeError, "attribute '%s' of '%s' objects is not writable", g->gs->name,
                    g->owner->name);
  }
  return g->gs->set(vm, inst, v);
}

static value getset_repr(lang_vm *vm, value self) {
  obj_getset *g = (obj_getset *)self.u.o;
  return val_obj(str_printf(vm, "<attribute '%s' of '%s' objects>", g->gs->name, g->owner->name));
}

obj_type type_getset = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "getset_descriptor", .basicsize = sizeof(obj_getset),
  .descr_get = getset_get, .descr_set = getset_set, .repr = getset_repr, .hash = obj_hash_identity,
};

int type_add_getsets(lang_vm *vm, obj_type *t, const bi_getset *gs) {
  if (!t->dict && !(t->dict = dict_new(vm))) return -1;
  for (; gs->name; gs++) {
    obj_getset *g = obj_alloc(vm, &type_getset, sizeof *g);
    if (!g) return -1;
    g->gs = gs;
    g->owner = t;
    int rc = dict_set_cstr(vm, t->dict, gs->name, val_obj(g));
    obj_decref(g);
    if (rc < 0) return -1;
  }
  type_modified(t);
  return 0;
}

/* ---- dunder dispatch slots of heap types ---- */

static value call_dunder(lang_vm *vm, value self, obj_str *name, const value *args, int nargs, bool *found) {
  value m = type_lookup(val_type(self), name);
  if (VAL_IS_NULL(m)) {
    if (found) *found = false;
    return val_null();
  }
  if (found) *found = true;
  value buf[4];
  buf[0] = self;
  for (int i = 0; i < nargs; i++) buf[i + 1] = args[i];
  obj_type *mt = val_type(m);
  if (mt == &type_function || mt == &type_slotwrapper || (mt == &type_bfunc && ((obj_bfunc *)m.u.o)->owner))
    return vm_call(vm, m, buf, nargs + 1, NULL);
  value bound = mt->descr_get ? mt->descr_get(vm, m, self, val_type(self)) : val_incref(m);
  if (VAL_IS_NULL(bound)) return bound;
  value r = vm_call(vm, bound, args, nargs, NULL);
  val_decref(bound);
  return r;
}

static value slot_repr(lang_vm *vm, value self) { return call_dunder(vm, self, vm->s.__repr__, NULL, 0, NULL); }
static value slot_str(lang_vm *vm, value self) { return call_dunder(vm, self, vm->s.__str__, NULL, 0, NULL); }

static int slot_hash(lang_vm *vm, value self, int64_t *out) {
  value r = call_dunder(vm, self, vm->s.__hash__, NULL, 0, NULL);
  if (VAL_IS_NULL(r)) return -1;
  if (!val_is_intlike(r)) {
    val_decref(r);
    return exc_seti(vm, EXC_TypeError, "__hash__ method should return an integer");
  }
  *out = val_as_int(r);
  if (*out == -1) *out = -2;
  return 0;
}

static value slot_call(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kw) {
  return vm_call_method(vm, self, vm->s.__call__, args, nargs, kw);
}

static int slot_setattr(lang_vm *vm, value self, obj_str *name, value v) {
  value r;
  if (VAL_IS_NULL(v)) {
    value a = val_obj(name);
    r = call_dunder(vm, self, vm->s.__delattr__, &a, 1, NULL);
  } else {
    value a[2] = {val_obj(name), v};
    r = call_dunder(vm, self, vm->s.__setattr__, a, 2, NULL);
  }
  if (VAL_IS_NULL(r)) return -1;
  val_decref(r);
  return 0;
}

static obj_str *cmp_names(lang_vm *vm, int op) {
  switch (op) {
  case CMP_LT: return vm->s.__lt__;
  case CMP_LE: return vm->s.__le__;
  case CMP_EQ: return vm->s.__eq__;
  case CMP_NE: return vm->s.__ne__;
  case CMP_GT: return vm->s.__gt__;
  default: return vm->s.__ge__;
  }
}

static value slot_richcmp(lang_vm *vm, value a, value b, int op) {
  bool found;
  value r = call_dunder(vm, a, cmp_names(vm, op), &b, 1, &found);
  if (!found) {
    if (op == CMP_NE) {   /* default __ne__ inverts __eq__ */
      r = call_dunder(vm, a, vm->s.__eq__, &b, 1, &found);
      if (!found || VAL_IS_NULL(r) || val_is_notimpl(r)) return found ? r : val_notimpl();
      int t = obj_truth(vm, r);
      val_decref(r);
      return t < 0 ? val_null() : val_bool(!t);
    }
    return val_notimpl();
  }
  return r;
}

static value slot_binop(lang_vm *vm, value a, value b, int op, bool reflected) {
  bool found;
  value r;
  if (op >= BINOP_INPLACE) {
    r = call_dunder(vm, a, vm->binop_names.iname[op - BINOP_INPLACE], &b, 1, &found);
  } else if (reflected) {
    if (!val_isinstance(b, val_type(b))) return val_notimpl();
    r = call_dunder(vm, b, vm->binop_names.rname[op], &a, 1, &found);
  } else {
    r = call_dunder(vm, a, vm->binop_names.name[op], &b, 1, &found);
  }
  return found ? r : val_notimpl();
}

static value slot_unop(lang_vm *vm, value self, int op) {
  obj_str *names[4] = {vm->s.__neg__, vm->s.__pos__, vm->s.__invert__, vm->s.__abs__};
  bool found;
  value r = call_dunder(vm, self, names[op], NULL, 0, &found);
  return found ? r : val_notimpl();
}

static value slot_iter(lang_vm *vm, value self) {
  bool found;
  value r = call_dunder(vm, self, vm->s.__iter__, NULL, 0, &found);
  if (!found) {
    if (!VAL_IS_NULL(type_lookup(val_type(self), vm->s.__getitem__))) return seqiter_new(vm, self);
    return exc_set(vm, EXC_TypeError, "'%s' object is not iterable", val_type_name(self));
  }
  if (!VAL_IS_NULL(r) && !val_type(r)->next) {
    exc_set(vm, EXC_TypeError, "iter() returned non-iterator of type '%s'", val_type_name(r));
    val_decref(r);
    return val_null();
  }
  return r;
}

static value slot_next(lang_vm *vm, value self) {
  value r = call_dunder(vm, self, vm->s.__next__, NULL, 0, NULL);
  if (VAL_IS_NULL(r) && exc_matches(vm, EXC_StopIteration)) {
    exc_clear(vm);
    return val_stop();
  }
  return r;
}

static value slot_getitem(lang_vm *vm, value self, value key) {
  bool found;
  value r = call_dunder(vm, self, vm->s.__getitem__, &key, 1, &found);
  if (!found) return exc_set(vm, EXC_TypeError, "'%s' object is not subscriptable", val_type_name(self));
  return r;
}

static int slot_setitem(lang_vm *vm, value self, value key, value v) {
  bool found;
  value r;
  if (VAL_IS_NULL(v)) {
    r = call_dunder(vm, self, vm->s.__delitem__, &key, 1, &found);
    if (!found) return exc_seti(vm, EXC_TypeError, "'%s' object doesn't support item deletion", val_type_name(self));
  } else {
    value a[2] = {key, v};
    r = call_dunder(vm, self, vm->s.__setitem__, a, 2, &found);
    if (!found)
      return exc_seti(vm, EXC_TypeError, "'%s' object does not support item assignment", val_type_name(self));
  }
  if (VAL_IS_NULL(r)) return -1;
  val_decref(r);
  return 0;
}

static int64_t slot_len(lang_vm *vm, value self) {
  bool found;
  value r = call_dunder(vm, self, vm->s.__len__, NULL, 0, &found);
  if (!found) return exc_seti(vm, EXC_TypeError, "object of type '%s' has no len()", val_type_name(self));
  if (VAL_IS_NULL(r)) return -1;
  if (!val_is_intlike(r)) {
    exc_seti(vm, EXC_TypeError, "'%s' object cannot be interpreted as an integer", val_type_name(r));
    val_decref(r);
    return -1;
  }
  int64_t n = val_as_int(r);
  if (n < 0) return exc_seti(vm, EXC_ValueError, "__len__() should return >= 0");
  return n;
}

static int slot_contains(lang_vm *vm, value self, value x) {
  bool found;
  value r = call_dunder(vm, self, vm->s.__contains__, &x, 1, &found);
  if (!found) {
    /* fall back to iteration */
    obj_type *t = val_type(self);
    int (*saved)(lang_vm *, value, value) = t->contains;
    t->contains = NULL;
    int res = obj_contains(vm, self, x);
    t->contains = saved;
    return res;
  }
  if (VAL_IS_NULL(r)) return -1;
  int t = obj_truth(vm, r);
  val_decref(r);
  return t;
}

static int slot_truth(lang_vm *vm, value self) {
  bool found;
  value r = call_dunder(vm, self, vm->s.__bool__, NULL, 0, &found);
  if (!found) {
    value lm = type_lookup(val_type(self), vm->s.__len__);
    if (VAL_IS_NULL(lm)) return 1;
    int64_t n = slot_len(vm, self);
    return n < 0 ? -1 : n > 0;
  }
  if (VAL_IS_NULL(r)) return -1;
  if (r.tag != VAL_BOOL) {
    exc_seti(vm, EXC_TypeError, "__bool__ should return bool, returned %s", val_type_name(r));
    val_decref(r);
    return -1;
  }
  return r.u.b;
}

static int slot_init(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kw) {
  value r = vm_call_method(vm, self, vm->s.__init__, args, nargs, kw);
  if (VAL_IS_NULL(r)) return -1;
  if (r.tag != VAL_NONE) {
    exc_seti(vm, EXC_TypeError, "__init__() should return None, not '%s'", val_type_name(r));
    val_decref(r);
    return -1;
  }
  return 0;
}

static value slot_new(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  value m = type_lookup(type, vm->s.__new__);
  if (VAL_IS_NULL(m)) return object_new(vm, type, args, nargs, kw);
  if (val_type(m) == &type_staticmethod) m = ((obj_wrapdescr *)m.u.o)->f;
  int nkw = kw ? (int)kw->len : 0;
  value stackbuf[8];
  value *buf = nargs + nkw + 1 <= 8 ? stackbuf : lang_alloc(sizeof(value) * (size_t)(nargs + nkw + 1));
  if (!buf) return exc_nomem(vm);
  buf[0] = val_obj(type);
  for (int i = 0; i < nargs + nkw; i++) buf[i + 1] = args[i];
  value r = vm_call(vm, m, buf, nargs + 1, kw);
  if (buf != stackbuf) lang_free(buf, sizeof(value) * (size_t)(nargs + nkw + 1));
  return r;
}

/* Installs the dispatch slot for a dunder defined in a heap type's namespace. */
void type_update_slot(lang_vm *vm, obj_type *t, obj_str *name) {
  const char *n = name->data;
  if (n[0] != '_' || n[1] != '_') return;
  lang_names *s = &vm->s;
  if (name == s->__repr__) t->repr = slot_repr;
  else if (name == s->__str__) t->str = slot_str;
  else if (name == s->__hash__) {
    value h = dict_get_str(t->dict, name);
    t->hash = (!VAL_IS_NULL(h) && h.tag == VAL_NONE) ? NULL : slot_hash;
  } else if (name == s->__call__) t->call = slot_call;
  else if (name == s->__setattr__ || name == s->__delattr__) t->setattr = slot_setattr;
  else if (name == s->__eq__ || name == s->__ne__ || name == s->__lt__ || name == s->__le__ || name == s->__gt__ ||
           name == s->__ge__) {
    t->richcmp = slot_richcmp;
    if (name == s->__eq__ && VAL_IS_NULL(dict_get_str(t->dict, s->__hash__))) {
      t->hash = NULL;
      t->tflags |= TYPE_F_ABSTRACT_EQ;
    }
  } else if (name == s->__neg__ || name == s->__pos__ || name == s->__invert__ || name == s->__abs__)
    t->unop = slot_unop;
  else if (name == s->__iter__) t->iter = slot_iter;
  else if (name == s->__next__) t->next = slot_next;
  else if (name == s->__getitem__) {
    t->getitem = slot_getitem;
    if (!t->iter) t->iter = slot_iter;
  } else if (name == s->__setitem__ || name == s->__delitem__) t->setitem = slot_setitem;
  else if (name == s->__len__) t->len = slot_len;
  else if (name == s->__contains__) t->contains = slot_contains;
  else if (name == s->__bool__) t->truth = slot_truth;
  else if (name == s->__init__) t->init = slot_init;
  else if (name == s->__new__) t->new_ = slot_new;
  else {
    for (int op = 0; op < BINOP_COUNT; op++)
      if (name == vm->binop_names.name[op] || name == vm->binop_names.rname[op] || name == vm->binop_names.iname[op]) {
        t->binop = slot_binop;
        return;
      }
  }
  type_modified(t);
}

/* ---- class creation ---- */

static void heap_type_dealloc(obj *o) {
  obj_type *t = (obj_type *)o;
  if (t->heap_prev) {
    t->heap_prev->heap_next = t->heap_next;
    if (t->heap_next) t->heap_next->heap_prev = t->heap_prev;
  }
  obj_xdecref(t->dict);
  obj_xdecref(t->name_str);
  obj_xdecref(t->qualname);
  obj_xdecref(t->module);
  if (t->base && (t->base->tflags & TYPE_F_HEAP)) obj_decref(t->base);
  type_modified(t);
}

obj_type *type_new(lang_vm *vm, obj_str *name, obj_type *base, obj_dict *ns) {
  if (!base) base = &type_object;
  if (!(base->tflags & TYPE_F_BASETYPE)) {
    exc_set(vm, EXC_TypeError, "type '%s' is not an acceptable base type", base->name);
    return NULL;
  }
  obj_type *t = obj_alloc(vm, &type_type, sizeof(obj_type));
  if (!t) return NULL;
  if (!heap_list.heap_next) heap_list.heap_next = heap_list.heap_prev = &heap_list;
  t->heap_next = heap_list.heap_next;
  t->heap_prev = &heap_list;
  heap_list.heap_next->heap_prev = t;
  heap_list.heap_next = t;
  t->tflags = TYPE_F_HEAP | TYPE_F_BASETYPE | TYPE_F_READY;
  t->base = base;
  if (base->tflags & TYPE_F_HEAP) obj_incref(base);
  obj_incref(name);
  t->name_str = name;
  t->name = name->data;
  t->dict = dict_copy(vm, ns);
  if (!t->dict) {
    obj_decref(t);
    return NULL;
  }
  inherit_slots(t);
  if (!base->dict_offset) {
    t->dict_offset = base->basicsize;
    t->basicsize = base->basicsize + sizeof(obj_dict *);
  }
  value qn = dict_get_str(t->dict, vm->s.__qualname__);
  t->qualname = val_is_str(qn) ? VAL_STR(qn) : name;
  obj_incref(t->qualname);
  if (!VAL_IS_NULL(qn)) dict_del(vm, t->dict, val_obj(vm->s.__qualname__));
  value mod = dict_get_str(t->dict, vm->s.__module__);
  if (val_is_str(mod)) {
    t->module = VAL_STR(mod);
    obj_incref(t->module);
  }
  /* __new__ is an implicit staticmethod, __init_subclass__ / __class_getitem__ implicit classmethods */
  value nw = dict_get_str(t->dict, vm->s.__new__);
  if (!VAL_IS_NULL(nw) && val_type(nw) == &type_function) {
    obj_wrapdescr *sm = obj_alloc(vm, &type_staticmethod, sizeof *sm);
    if (!sm) {
      obj_decref(t);
      return NULL;
    }
    sm->f = val_incref(nw);
    dict_set_str(vm, t->dict, vm->s.__new__, val_obj(sm));
    obj_decref(sm);
  }
  int64_t pos = 0;
  value k, v;
  while (dict_next(t->dict, &pos, &k, &v)) {
    if (!val_is_str(k)) continue;
    /* slots are matched by interned name; type(name, bases, ns) may pass other strings */
    obj_str *in = VAL_STR(k)->interned ? VAL_STR(k) : str_intern_n(vm, VAL_STR(k)->data, VAL_STR(k)->len);
    if (in) type_update_slot(vm, t, in);
  }
  type_modified(t);
  return t;
}

/* __build_class__(func, name, *bases, metaclass=None, **kw): runs the body, then creates the type. */
value build_class(lang_vm *vm, const value *args, int nargs, obj_tuple *kwnames) {
  if (nargs < 2 || val_type(args[0]) != &type_function || !val_is_str(args[1]))
    return exc_set(vm, EXC_TypeError, "__build_class__: bad arguments");
  obj_func *body = (obj_func *)args[0].u.o;
  obj_str *name = VAL_STR(args[1]);
  if (nargs > 3) return exc_set(vm, EXC_TypeError, "multiple inheritance is not supported in ctorch");
  obj_type *base = NULL;
  if (nargs == 3) {
    if (!val_is_type(args[2]))
      return exc_set(vm, EXC_TypeError, "bases must be types");
    base = VAL_TYPE(args[2]);
  }
  obj_dict *ns = dict_new(vm);
  if (!ns) return val_null();
  value modname = dict_get_str(body->globals, vm->s.__name__);
  if (!VAL_IS_NULL(modname)) dict_set_str(vm, ns, vm->s.__module__, modname);
  dict_set_str(vm, ns, vm->s.__qualname__, val_obj(body->qualname));
  /* run the body with ns as its locals */
  value cell = vm_run_class_body(vm, body, ns);
  if (VAL_IS_NULL(cell)) {
    obj_decref(ns);
    return val_null();
  }
  obj_type *t = type_new(vm, name, base, ns);
  obj_decref(ns);
  if (!t) {
    val_decref(cell);
    return val_null();
  }
  if (val_type(cell) == &type_cell) val_set(&((obj_cell *)cell.u.o)->v, val_incref(val_obj(t)));
  val_decref(cell);
  (void)kwnames;
  return val_obj(t);
}

/* ---- the type `type` ---- */

value type_call(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kw) {
  obj_type *t = VAL_TYPE(self);
  int nkw = kw ? (int)kw->len : 0;
  if (t == &type_type) {
    if (nargs == 1 && nkw == 0) {
      obj_type *r = val_type(args[0]);
      obj_incref(r);
      return val_obj(r);
    }
    if (nargs == 3 && val_is_str(args[0]) && val_is_tuple(args[1]) && val_is_dict(args[2])) {
      obj_tuple *bases = VAL_TUPLE(args[1]);
      if (bases->len > 1) return exc_set(vm, EXC_TypeError, "multiple inheritance is not supported in ctorch");
      if (bases->len == 1 && !val_is_type(bases->items[0])) return exc_set(vm, EXC_TypeError, "bases must be types");
      obj_type *nt = type_new(vm, VAL_STR(args[0]), bases->len ? VAL_TYPE(bases->items[0]) : NULL, VAL_DICT(args[2]));
      return nt ? val_obj(nt) : val_null();
    }
    return exc_set(vm, EXC_TypeError, "type() takes 1 or 3 arguments");
  }
  if (!t->new_) return exc_set(vm, EXC_TypeError, "cannot create '%s' instances", t->name);
  value inst = t->new_(vm, t, args, nargs, kw);
  if (VAL_IS_NULL(inst) || !t->init || !val_isinstance(inst, t)) return inst;
  if (t->init(vm, inst, args, nargs, kw) < 0) {
    val_decref(inst);
    return val_null();
  }
  return inst;
}

static value type_repr(lang_vm *vm, value self) {
  obj_type *t = VAL_TYPE(self);
  if (t->module && !str_eq_cstr(t->module, "builtins"))
    return val_obj(str_printf(vm, "<class '%s.%s'>", t->module->data, t->qualname->data));
  return val_obj(str_printf(vm, "<class '%s'>", t->qualname ? t->qualname->data : t->name));
}

static value type_getattr(lang_vm *vm, value self, obj_str *name) {
  obj_type *t = VAL_TYPE(self);
  value meta = type_lookup(val_type(self), name);
  if (!VAL_IS_NULL(meta)) {
    obj_type *mt = val_type(meta);
    if (mt->descr_set && mt->descr_get) return mt->descr_get(vm, meta, self, val_type(self));
  }
  value v = type_lookup(t, name);
  if (!VAL_IS_NULL(v)) {
    obj_type *vt = val_type(v);
    if (vt->descr_get) return vt->descr_get(vm, v, val_null(), t);
    return val_incref(v);
  }
  if (!VAL_IS_NULL(meta)) {
    obj_type *mt = val_type(meta);
    if (mt->descr_get) return mt->descr_get(vm, meta, self, val_type(self));
    return val_incref(meta);
  }
  return exc_attribute_error(vm, self, name);
}

static int type_setattr(lang_vm *vm, value self, obj_str *name, value v) {
  obj_type *t = VAL_TYPE(self);
  if (!(t->tflags & TYPE_F_HEAP))
    return exc_seti(vm, EXC_TypeError, "cannot set '%s' attribute of immutable type '%s'", name->data, t->name);
  value meta = type_lookup(&type_type, name);
  if (!VAL_IS_NULL(meta) && val_type(meta)->descr_set) return val_type(meta)->descr_set(vm, meta, self, v);
  int r;
  if (VAL_IS_NULL(v)) {
    r = dict_del(vm, t->dict, val_obj(name));
    if (r == 0) {
      exc_attribute_error(vm, self, name);
      return -1;
    }
    r = r < 0 ? -1 : 0;
  } else {
    r = dict_set_str(vm, t->dict, name, v);
  }
  type_modified(t);
  if (r == 0) type_update_slot(vm, t, name);
  return r;
}

static value type_get_name(lang_vm *vm, value self) { return val_incref(val_obj(VAL_TYPE(self)->name_str)); }
static value type_get_qualname(lang_vm *vm, value self) { return val_incref(val_obj(VAL_TYPE(self)->qualname)); }
static value type_get_module(lang_vm *vm, value self) {
  obj_type *t = VAL_TYPE(self);
  value m = t->dict ? dict_get_str(t->dict, vm->s.__module__) : val_null();
  if (!VAL_IS_NULL(m)) return val_incref(m);
  return t->module ? val_incref(val_obj(t->module)) : val_none();
}
static value type_get_doc(lang_vm *vm, value self) {
  obj_type *t = VAL_TYPE(self);
  value d = t->dict ? dict_get_str(t->dict, vm->s.__doc__) : val_null();
  return VAL_IS_NULL(d) ? val_none() : val_incref(d);
}
static value type_get_base(lang_vm *vm, value self) {
  obj_type *b = VAL_TYPE(self)->base;
  if (!b) return val_none();
  obj_incref(b);
  return val_obj(b);
}
static value type_get_bases(lang_vm *vm, value self) {
  obj_type *b = VAL_TYPE(self)->base;
  obj_tuple *tu = tuple_new(vm, b ? 1 : 0);
  if (!tu) return val_null();
  if (b) {
    obj_incref(b);
    tu->items[0] = val_obj(b);
  }
  return val_obj(tu);
}
static value type_get_mro(lang_vm *vm, value self) {
  int n = 0;
  for (obj_type *t = VAL_TYPE(self); t; t = t->base) n++;
  obj_tuple *tu = tuple_new(vm, n);
  if (!tu) return val_null();
  n = 0;
  for (obj_type *t = VAL_TYPE(self); t; t = t->base) {
    obj_incref(t);
    tu->items[n++] = val_obj(t);
  }
  return val_obj(tu);
}
static value type_get_dict(lang_vm *vm, value self) {
  obj_dict *d = dict_copy(vm, VAL_TYPE(self)->dict);
  return d ? val_obj(d) : val_null();
}

static const bi_getset type_getsets[] = {
  {"__name__", type_get_name, NULL, NULL},
  {"__qualname__", type_get_qualname, NULL, NULL},
  {"__module__", type_get_module, NULL, NULL},
  {"__doc__", type_get_doc, NULL, NULL},
  {"__base__", type_get_base, NULL, NULL},
  {"__bases__", type_get_bases, NULL, NULL},
  {"__mro__", type_get_mro, NULL, NULL},
  {"__dict__", type_get_dict, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

static value type_mro_method(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value t = type_get_mro(vm, args[0]);
  if (VAL_IS_NULL(t)) return t;
  obj_list *l = obj_to_list(vm, t);
  val_decref(t);
  return l ? val_obj(l) : val_null();
}

static value type_subclasscheck(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (!val_is_type(args[1])) return exc_set(vm, EXC_TypeError, "issubclass() arg 1 must be a class");
  return val_bool(type_is_subtype(VAL_TYPE(args[1]), VAL_TYPE(args[0])));
}
static value type_instancecheck(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return val_bool(val_isinstance(args[1], VAL_TYPE(args[0])));
}

static const bi_reg type_methods[] = {
  {"mro", type_mro_method, 1, 0, "mro() -> list"},
  {"__subclasscheck__", type_subclasscheck, 2, 0, NULL},
  {"__instancecheck__", type_instancecheck, 2, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};

obj_type type_type = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "type", .basicsize = sizeof(obj_type),
  .tflags = TYPE_F_TYPE_SUB, .dealloc = heap_type_dealloc,
  .repr = type_repr, .call = type_call, .getattr = type_getattr, .setattr = type_setattr,
  .hash = obj_hash_identity,
};

/* ---- the type `object` ---- */

value object_new(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  if ((nargs || (kw && kw->len)) && !type->init && type->new_ == object_new)
    return exc_set(vm, EXC_TypeError, "%s() takes no arguments", type->name);
  obj *o = obj_alloc(vm, type, type->basicsize);
  return o ? val_obj(o) : val_null();
}

static value object_repr(lang_vm *vm, value self) {
  obj_type *t = val_type(self);
  const char *mod = t->module ? t->module->data : "builtins";
  if (strcmp(mod, "builtins") == 0)
    return val_obj(str_printf(vm, "<%s object at %p>", t->qualname ? t->qualname->data : t->name, (void *)self.u.o));
  return val_obj(str_printf(vm, "<%s.%s object at %p>", mod, t->qualname->data, (void *)self.u.o));
}

static value object_richcmp(lang_vm *vm, value a, value b, int op) {
  if (op == CMP_EQ) {
    if (a.tag == VAL_OBJ && b.tag == VAL_OBJ && a.u.o == b.u.o) return val_bool(true);
    return val_notimpl();
  }
  if (op == CMP_NE) {
    /* __ne__ delegates to __eq__ of the class */
    obj_type *t = val_type(a);
    if (t->richcmp && t->richcmp != object_richcmp) {
      value r = t->richcmp(vm, a, b, CMP_EQ);
      if (VAL_IS_NULL(r) || val_is_notimpl(r)) return r;
      int tr = obj_truth(vm, r);
      val_decref(r);
      return tr < 0 ? val_null() : val_bool(!tr);
    }
    if (a.tag == VAL_OBJ && b.tag == VAL_OBJ && a.u.o == b.u.o) return val_bool(false);
    return val_notimpl();
  }
  return val_notimpl();
}

static value object_get_class(lang_vm *vm, value self) {
  obj_type *t = val_type(self);
  obj_incref(t);
  return val_obj(t);
}

static value object_get_dict(lang_vm *vm, value self) {
  obj_dict *d = obj_instance_dict(vm, self, true);
  if (!d) {
    if (exc_pending(vm)) return val_null();
    return exc_set(vm, EXC_AttributeError, "'%s' object has no attribute '__dict__'", val_type_name(self));
  }
  obj_incref(d);
  return val_obj(d);
}

static value object_get_doc(lang_vm *vm, value self) {
  obj_type *t = val_type(self);
  value d = type_lookup(t, vm->s.__doc__);
  if (!VAL_IS_NULL(d) && val_type(d) != &type_getset) return val_incref(d);
  return val_none();
}

static const bi_getset object_getsets[] = {
  {"__class__", object_get_class, NULL, NULL},
  {"__dict__", object_get_dict, NULL, NULL},
  {"__doc__", object_get_doc, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

static value object_init_subclass(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return val_none(); }

static value object_dir(lang_vm *vm, const value *args, int nargs, obj_tuple *kw);

static const bi_reg object_methods[] = {
  {"__init_subclass__", object_init_subclass, 1, BI_F_CLASS, NULL},
  {"__dir__", object_dir, 1, 0, "__dir__() -> list of attribute names"},
  {NULL, NULL, 0, 0, NULL}
};

/* dir(obj): instance dict keys + class attributes along the chain, sorted. */
static value object_dir(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_dict *seen = dict_new(vm);
  if (!seen) return val_null();
  value self = args[0];
  obj_dict *d = obj_instance_dict(vm, self, false);
  if (d) dict_update(vm, seen, val_obj(d));
  obj_type *start = val_is_type(self) ? VAL_TYPE(self) : val_type(self);
  for (obj_type *t = start; t; t = t->base)
    if (t->dict) dict_update(vm, seen, val_obj(t->dict));
  if (val_type(self) == &type_module || val_type(self)->tflags & TYPE_F_HEAP) {
    /* nothing extra */
  }
  obj_list *l = list_new(vm, seen->used);
  if (!l) {
    obj_decref(seen);
    return val_null();
  }
  int64_t pos = 0;
  value k, v;
  while (dict_next(seen, &pos, &k, &v)) list_append(vm, l, k);
  obj_decref(seen);
  if (list_sort(vm, l, val_null(), false) < 0) {
    obj_decref(l);
    return val_null();
  }
  return val_obj(l);
}

obj_type type_object = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "object", .basicsize = sizeof(obj),
  .tflags = TYPE_F_BASETYPE, .repr = object_repr, .hash = obj_hash_identity, .richcmp = object_richcmp,
  .getattr = obj_generic_getattr, .setattr = obj_generic_setattr, .new_ = object_new,
};

/* ---- property, staticmethod, classmethod ---- */

static void property_dealloc(obj *o) {
  obj_property *p = (obj_property *)o;
  val_decref(p->fget);
  val_decref(p->fset);
  val_decref(p->fdel);
  val_decref(p->doc);
  obj_xdecref(p->name);
}

static value property_new(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  value a[4];
  if (bi_parse(vm, "property", args, nargs, kw, "|fget,fset,fdel,doc", a) < 0) return val_null();
  obj_property *p = obj_alloc(vm, type, type->basicsize);
  if (!p) return val_null();
  p->fget = VAL_IS_NULL(a[0]) ? val_none() : val_incref(a[0]);
  p->fset = VAL_IS_NULL(a[1]) ? val_none() : val_incref(a[1]);
  p->fdel = VAL_IS_NULL(a[2]) ? val_none() : val_incref(a[2]);
  p->doc = VAL_IS_NULL(a[3]) ? val_none() : val_incref(a[3]);
  if (p->doc.tag == VAL_NONE && val_type(p->fget) == &type_function)
    p->doc = val_incref(((obj_func *)p->fget.u.o)->doc);
  if (val_type(p->fget) == &type_function) {
    p->name = ((obj_func *)p->fget.u.o)->name;
    obj_incref(p->name);
  }
  return val_obj(p);
}

static value property_get(lang_vm *vm, value d, value inst, obj_type *owner) {
  obj_property *p = (obj_property *)d.u.o;
  if (VAL_IS_NULL(inst)) return val_incref(d);
  if (p->fget.tag == VAL_NONE) {
    if (p->name)
      return exc_set(vm, EXC_AttributeError, "property '%s' of '%s' object has no getter", p->name->data,
                     val_type_name(inst));
    return exc_set(vm, EXC_AttributeError, "unreadable attribute");
  }
  return vm_call1(vm, p->fget, inst);
}

static int property_set(lang_vm *vm, value d, value inst, value v) {
  obj_property *p = (obj_property *)d.u.o;
  value f = VAL_IS_NULL(v) ? p->fdel : p->fset;
  if (f.tag == VAL_NONE) {
    const char *what = VAL_IS_NULL(v) ? "deleter" : "setter";
    if (p->name)
      return exc_seti(vm, EXC_AttributeError, "property '%s' of '%s' object has no %s", p->name->data,
                      val_type_name(inst), what);
    return exc_seti(vm, EXC_AttributeError, VAL_IS_NULL(v) ? "can't delete attribute" : "can't set attribute");
  }
  value r = VAL_IS_NULL(v) ? vm_call1(vm, f, inst) : vm_call2(vm, f, inst, v);
  if (VAL_IS_NULL(r)) return -1;
  val_decref(r);
  return 0;
}

static value property_copy(lang_vm *vm, value self, int which, value f) {
  obj_property *p = (obj_property *)self.u.o;
  obj_property *q = obj_alloc(vm, val_type(self), sizeof *q);
  if (!q) return val_null();
  q->fget = val_incref(which == 0 ? f : p->fget);
  q->fset = val_incref(which == 1 ? f : p->fset);
  q->fdel = val_incref(which == 2 ? f : p->fdel);
  q->doc = val_incref(p->doc);
  q->name = p->name;
  if (which == 0 && val_type(f) == &type_function) q->name = ((obj_func *)f.u.o)->name;
  obj_xdecref(NULL);
  if (q->name) obj_incref(q->name);
  return val_obj(q);
}

static value property_getter(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return property_copy(vm, a[0], 0, a[1]); }
static value property_setter(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return property_copy(vm, a[0], 1, a[1]); }
static value property_deleter(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return property_copy(vm, a[0], 2, a[1]); }
static value property_fget(lang_vm *vm, value self) { return val_incref(((obj_property *)self.u.o)->fget); }
static value property_doc(lang_vm *vm, value self) { return val_incref(((obj_property *)self.u.o)->doc); }

static const bi_reg property_methods[] = {
  {"getter", property_getter, 2, 0, NULL},
  {"setter", property_setter, 2, 0, NULL},
  {"deleter", property_deleter, 2, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};
static const bi_getset property_getsets[] = {
  {"fget", property_fget, NULL, NULL},
  {"__doc__", property_doc, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

obj_type type_property = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "property", .basicsize = sizeof(obj_property),
  .tflags = TYPE_F_BASETYPE, .dealloc = property_dealloc, .new_ = property_new,
  .descr_get = property_get, .descr_set = property_set,
};

static void wrapdescr_dealloc(obj *o) { val_decref(((obj_wrapdescr *)o)->f); }

static value wrapdescr_new(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  if (bi_no_kwargs(vm, type->name, kw) < 0 || bi_check_nargs(vm, type->name, nargs, 1, 1) < 0) return val_null();
  obj_wrapdescr *w = obj_alloc(vm, type, type->basicsize);
  if (!w) return val_null();
  w->f = val_incref(args[0]);
  return val_obj(w);
}

static value staticmethod_get(lang_vm *vm, value d, value inst, obj_type *owner) {
  return val_incref(((obj_wrapdescr *)d.u.o)->f);
}

static value staticmethod_call(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kw) {
  return vm_call(vm, ((obj_wrapdescr *)self.u.o)->f, args, nargs, kw);
}

static value classmethod_get(lang_vm *vm, value d, value inst, obj_type *owner) {
  obj_type *cls = owner ? owner : val_type(inst);
  if (!VAL_IS_NULL(inst) && !val_is_type(inst)) cls = val_type(inst);
  return method_new(vm, ((obj_wrapdescr *)d.u.o)->f, val_obj(cls));
}

static value wrapdescr_func(lang_vm *vm, value self) { return val_incref(((obj_wrapdescr *)self.u.o)->f); }
static const bi_getset wrapdescr_getsets[] = {
  {"__func__", wrapdescr_func, NULL, NULL},
  {"__wrapped__", wrapdescr_func, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

obj_type type_staticmethod = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "staticmethod", .basicsize = sizeof(obj_wrapdescr),
  .tflags = TYPE_F_BASETYPE, .dealloc = wrapdescr_dealloc, .new_ = wrapdescr_new,
  .descr_get = staticmethod_get, .call = staticmethod_call,
};
obj_type type_classmethod = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "classmethod", .basicsize = sizeof(obj_wrapdescr),
  .tflags = TYPE_F_BASETYPE, .dealloc = wrapdescr_dealloc, .new_ = wrapdescr_new,
  .descr_get = classmethod_get,
};

/* ---- super ---- */

typedef struct obj_super { obj hdr; obj_type *type; value obj; } obj_super;

static void super_dealloc(obj *o) {
  obj_super *s = (obj_super *)o;
  obj_decref(s->type);
  val_decref(s->obj);
}

static value super_new(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  if (bi_no_kwargs(vm, "super", kw) < 0) return val_null();
  if (nargs == 0) return exc_set(vm, EXC_RuntimeError, "super(): no arguments");
  if (nargs > 2) return exc_set(vm, EXC_TypeError, "super() takes at most 2 arguments (%d given)", nargs);
  if (!val_is_type(args[0]))
    return exc_set(vm, EXC_TypeError, "super() argument 1 must be a type, not %s", val_type_name(args[0]));
  obj_type *t = VAL_TYPE(args[0]);
  if (nargs == 2) {
    value o = args[1];
    bool ok = val_isinstance(o, t) || (val_is_type(o) && type_is_subtype(VAL_TYPE(o), t));
    if (!ok) return exc_set(vm, EXC_TypeError, "super(type, obj): obj must be an instance or subtype of type");
  }
  obj_super *s = obj_alloc(vm, &type_super, sizeof *s);
  if (!s) return val_null();
  obj_incref(t);
  s->type = t;
  s->obj = nargs == 2 ? val_incref(args[1]) : val_none();
  return val_obj(s);
}

static value super_getattr(lang_vm *vm, value self, obj_str *name) {
  obj_super *s = (obj_super *)self.u.o;
  if (s->obj.tag != VAL_NONE && name != vm->s.__class__) {
    bool obj_is_type = val_is_type(s->obj) && type_is_subtype(VAL_TYPE(s->obj), s->type);
    obj_type *start = obj_is_type ? VAL_TYPE(s->obj) : val_type(s->obj);
    /* walk the MRO of the object's type after s->type */
    obj_type *t = start;
    while (t && t != s->type) t = t->base;
    for (t = t ? t->base : NULL; t; t = t->base) {
      if (!t->dict) continue;
      value v = dict_get_str(t->dict, name);
      if (VAL_IS_NULL(v)) continue;
      obj_type *vt = val_type(v);
      if (vt->descr_get) return vt->descr_get(vm, v, obj_is_type ? val_null() : s->obj, start);
      return val_incref(v);
    }
  }
  return obj_generic_getattr(vm, self, name);
}

static value super_repr(lang_vm *vm, value self) {
  obj_super *s = (obj_super *)self.u.o;
  if (s->obj.tag == VAL_NONE) return val_obj(str_printf(vm, "<super: <class '%s'>, NULL>", s->type->name));
  return val_obj(str_printf(vm, "<super: <class '%s'>, <%s object>>", s->type->name, val_type_name(s->obj)));
}

obj_type type_super = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "super", .basicsize = sizeof(obj_super),
  .dealloc = super_dealloc, .new_ = super_new, .getattr = super_getattr, .repr = super_repr,
};

/* ---- start-up ---- */

int type_init(lang_vm *vm) {
  if (type_ready(vm, &type_object) < 0) return -1;
  if (type_add_getsets(vm, &type_object, object_getsets) < 0 ||
      type_add_methods(vm, &type_object, object_methods) < 0)
    return -1;
  /* object.__init__ / __new__ need explicit wrappers: object's init slot is NULL */
  if (add_slot_wrapper(vm, &type_object, SW_INIT) < 0 || add_slot_wrapper(vm, &type_object, SW_NEW) < 0 ||
      add_slot_wrapper(vm, &type_object, SW_SETATTR) < 0 || add_slot_wrapper(vm, &type_object, SW_DELATTR) < 0)
    return -1;
  if (type_ready(vm, &type_type) < 0 || type_add_getsets(vm, &type_type, type_getsets) < 0 ||
      type_add_methods(vm, &type_type, type_methods) < 0)
    return -1;
  if (type_ready(vm, &type_property) < 0 || type_add_methods(vm, &type_property, property_methods) < 0 ||
      type_add_getsets(vm, &type_property, property_getsets) < 0)
    return -1;
  if (type_ready(vm, &type_staticmethod) < 0 || type_ready(vm, &type_classmethod) < 0 ||
      type_add_getsets(vm, &type_staticmethod, wrapdescr_getsets) < 0 ||
      type_add_getsets(vm, &type_classmethod, wrapdescr_getsets) < 0)
    return -1;
  if (type_ready(vm, &type_super) < 0 || type_ready(vm, &type_getset) < 0 || type_ready(vm, &type_slotwrapper) < 0)
    return -1;
  (void)sw_dealloc;
  return 0;
}
