/*
** kernel/lang/object.c — the object protocol: repr/str/hash, attribute access, comparison and
** arithmetic dispatch (with the reflected-operand rules of CPython), truth, len, iteration and
** subscripting over the type slots. Numbers take fast paths before any slot is looked at.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/code.h"
#include "kernel/lang/internal.h"

/* ---- types of values ---- */

obj_type *val_type_slow(value v) {
  switch (v.tag) {
  case VAL_BOOL: return &type_bool;
  case VAL_INT: return &type_int;
  case VAL_FLOAT: return &type_float;
  default: return &type_none;
  }
}

const char *val_type_name(value v) { return val_type(v)->name; }

void *obj_alloc(lang_vm *vm, obj_type *type, size_t size) {
  if (size >= UINT32_MAX) {
    exc_nomem(vm);
    return NULL;
  }
  obj *o = lang_alloc(size);
  if (!o) {
    exc_nomem(vm);
    return NULL;
  }
  o->refcnt = 1;
  o->size = (uint32_t)size;
  o->type = type;
  if (type->tflags & TYPE_F_HEAP) obj_incref(type);
  return o;
}

/* The trashcan (CPython's Py_TRASHCAN): freeing a long chain (a list nested a million deep, a linked
   list of instances) would recurse once per link and overflow the C stack. Past DEALLOC_DEPTH nested
   deallocations an object is parked on a list instead, and the outermost deallocation frees the parked
   ones in a loop. If the list cannot grow, the object is freed at once (recursion as before). */
#define DEALLOC_DEPTH 256

static __thread int dealloc_depth;
static __thread obj **parked;
static __thread size_t nparked, capparked;

static void dealloc_now(obj *o);

void obj_dealloc(obj *o) {
  if (o->size == 0) {         /* static object: should be immortal; never free */
    o->refcnt = OBJ_IMMORTAL;
    return;
  }
  if (dealloc_depth >= DEALLOC_DEPTH) {
    if (nparked == capparked) {
      size_t cap = capparked ? 2 * capparked : 256;
      obj **p = realloc(parked, cap * sizeof *p);
      if (p) {
        parked = p;
        capparked = cap;
      }
    }
    if (nparked < capparked) {
      parked[nparked++] = o;
      return;
    }
  }
  dealloc_depth++;
  dealloc_now(o);
  if (dealloc_depth == 1) {
    while (nparked) dealloc_now(parked[--nparked]);
    free(parked);
    parked = NULL;
    capparked = 0;
  }
  dealloc_depth--;
}

static void dealloc_now(obj *o) {
  obj_type *t = o->type;
  o->refcnt = 1;              /* keep it alive while the slot runs (nothing may resurrect it) */
  if (t->tflags & TYPE_F_WEAKREFD) weakref_clear(o);   /* first: no weakref returns it from here on */
  if (t->dealloc) t->dealloc(o);
  if (t->dict_offset) {
    obj_dict **dp = (obj_dict **)((char *)o + t->dict_offset);
    obj_xdecref(*dp);
  }
  size_t size = o->size;
  lang_free(o, size);
  if (t->tflags & TYPE_F_HEAP) obj_decref(t);
}

obj_dict *obj_instance_dict(lang_vm *vm, value self, bool create) {
  if (self.tag != VAL_OBJ) return NULL;
  obj_type *t = self.u.o->type;
  if (!t->dict_offset) return NULL;
  obj_dict **dp = (obj_dict **)((char *)self.u.o + t->dict_offset);
  if (!*dp && create) *dp = dict_new(vm);
  return *dp;
}

/* ---- repr / str ---- */

static value check_str_result(lang_vm *vm, value r, const char *what) {
  if (VAL_IS_NULL(r) || val_is_str(r)) return r;
  exc_set(vm, EXC_TypeError, "%s returned non-string (type %s)", what, val_type_name(r));
  val_decref(r);
  return val_null();
}

value obj_repr(lang_vm *vm, value v) {
  obj_type *t = val_type(v);
  if (!t->repr) return val_obj(str_printf(vm, "<%s object>", t->name));
  if (vm_enter_recursion(vm, " while getting the repr of an object") < 0) return val_null();
  value r = t->repr(vm, v);
  vm_leave_recursion(vm);
  return check_str_result(vm, r, "__repr__");
}

value obj_str_of(lang_vm *vm, value v) {
  if (val_is_str(v) && v.u.o->type == &type_str) return val_incref(v);
  obj_type *t = val_type(v);
  if (!t->str) return obj_repr(vm, v);
  if (vm_enter_recursion(vm, " while getting the str of an object") < 0) return val_null();
  value r = t->str(vm, v);
  vm_leave_recursion(vm);
  return check_str_result(vm, r, "__str__");
}

static int add_str_value(strbuf *b, value s) {
  if (VAL_IS_NULL(s)) return -1;
  sb_add(b, VAL_STR(s)->data, VAL_STR(s)->len);
  val_decref(s);
  return 0;
}

int obj_repr_to(lang_vm *vm, value v, strbuf *b) { return add_str_value(b, obj_repr(vm, v)); }
int obj_str_to(lang_vm *vm, value v, strbuf *b) { return add_str_value(b, obj_str_of(vm, v)); }

/* ---- hashing (CPython's numeric hash: ints, floats and bools that are equal hash equal) ---- */

#define HASH_MODULUS (((uint64_t)1 << 61) - 1)

int64_t hash_int(int64_t x) {
  uint64_t m = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
  int64_t h = (int64_t)(m % HASH_MODULUS);
  if (x < 0) h = -h;
  return h == -1 ? -2 : h;
}

int64_t hash_double(double v) {
  if (isinf(v)) return v > 0 ? 314159 : -314159;
  if (isnan(v)) return 0;
  int e;
  double m = frexp(v, &e);
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  uint64_t x = 0;
  while (m) {
    x = ((x << 28) & HASH_MODULUS) | x >> (61 - 28);
    m *= 268435456.0;
    e -= 28;
    uint64_t y = (uint64_t)m;
    m -= (double)y;
    x += y;
    if (x >= HASH_MODULUS) x -= HASH_MODULUS;
  }
  e = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61);
  x = ((x << e) & HASH_MODULUS) | x >> (61 - e);
  int64_t h = (int64_t)x * sign;
  return h == -1 ? -2 : h;
}

int obj_hash(lang_vm *vm, value v, int64_t *out) {
  switch (v.tag) {
  case VAL_NONE: *out = 0x5f3759df; return 0;
  case VAL_BOOL: *out = v.u.b; return 0;
  case VAL_INT: *out = hash_int(v.u.i); return 0;
  case VAL_FLOAT: *out = hash_double(v.u.f); return 0;
  case VAL_OBJ: break;
  default: *out = 0; return 0;
  }
  obj_type *t = v.u.o->type;
  if (t == &type_str) {
    *out = str_hash(VAL_STR(v));
    return 0;
  }
  if (t->hash) return t->hash(vm, v, out);
  return exc_seti(vm, EXC_TypeError, "unhashable type: '%s'", t->name);
}

/* Identity hash for objects without value semantics. */
int obj_hash_identity(lang_vm *vm, value v, int64_t *out) {
  uintptr_t p = (uintptr_t)v.u.o;
  *out = (int64_t)((p >> 4) | (p << (8 * sizeof(p) - 4)));
  if (*out == -1) *out = -2;
  return 0;
}

/* ---- attributes ---- */

value obj_getattr(lang_vm *vm, value v, obj_str *name) {
  obj_type *t = val_type(v);
  if (t->getattr) return t->getattr(vm, v, name);
  return obj_generic_getattr(vm, v, name);
}

value obj_getattr_cstr(lang_vm *vm, value v, const char *name) {
  obj_str *s = str_intern(vm, name);
  if (!s) return val_null();
  return obj_getattr(vm, v, s);
}

value obj_getattr_opt(lang_vm *vm, value v, obj_str *name) {
  value r = obj_getattr(vm, v, name);
  if (VAL_IS_NULL(r) && exc_matches(vm, EXC_AttributeError)) exc_clear(vm);
  return r;
}

int obj_setattr(lang_vm *vm, value v, obj_str *name, value x) {
  obj_type *t = val_type(v);
  if (t->setattr) return t->setattr(vm, v, name, x);
  return obj_generic_setattr(vm, v, name, x);
}

value exc_attribute_error(lang_vm *vm, value self, obj_str *name) {
  if (val_is_type(self))
    exc_set(vm, EXC_AttributeError, "type object '%s' has no attribute '%s'", VAL_TYPE(self)->name,
            name->data);
  else
    exc_set(vm, EXC_AttributeError, "'%s' object has no attribute '%s'", val_type_name(self), name->data);
  exc_note_attribute(vm, self, name);
  return val_null();
}

value obj_generic_getattr(lang_vm *vm, value self, obj_str *name) {
  obj_type *t = val_type(self);
  value descr = type_lookup(t, name);
  obj_type *dt = NULL;
  if (!VAL_IS_NULL(descr)) {
    dt = val_type(descr);
    if (dt->descr_set && dt->descr_get) return dt->descr_get(vm, descr, self, t);
  }
  if (t->dict_offset && self.tag == VAL_OBJ) {
    obj_dict *d = *(obj_dict **)((char *)self.u.o + t->dict_offset);
    if (d) {
      value v = dict_get_str(d, name);
      if (!VAL_IS_NULL(v)) return val_incref(v);
    }
  }
  if (!VAL_IS_NULL(descr)) {
    if (dt->descr_get) return dt->descr_get(vm, descr, self, t);
    return val_incref(descr);
  }
  if (t->tflags & TYPE_F_HEAP) {
    value ga = type_lookup(t, vm->s.__getattr__);
    if (!VAL_IS_NULL(ga)) {
      value args[2] = {self, val_obj(name)};
      return vm_call(vm, ga, args, 2, NULL);
    }
  }
  return exc_attribute_error(vm, self, name);
}

int obj_generic_setattr(lang_vm *vm, value self, obj_str *name, value v) {
  obj_type *t = val_type(self);
  value descr = type_lookup(t, name);
  if (!VAL_IS_NULL(descr)) {
    obj_type *dt = val_type(descr);
    if (dt->descr_set) return dt->descr_set(vm, descr, self, v);
  }
  obj_dict *d = obj_instance_dict(vm, self, !VAL_IS_NULL(v));
  if (!d) {
    if (VAL_IS_NULL(v) && t->dict_offset) {
      exc_attribute_error(vm, self, name);
      return -1;
    }
    if (exc_pending(vm)) return -1;
    if (!VAL_IS_NULL(descr))
      return exc_seti(vm, EXC_AttributeError, "'%s' object attribute '%s' is read-only", t->name, name->data);
    exc_attribute_error(vm, self, name);
    return -1;
  }
  if (VAL_IS_NULL(v)) {
    int r = dict_del(vm, d, val_obj(name));
    if (r == 0) {
      exc_attribute_error(vm, self, name);
      return -1;
    }
    return r < 0 ? -1 : 0;
  }
  return dict_set_str(vm, d, name, v);
}

/* ---- comparison ---- */

static const int cmp_swapped[6] = {CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE};
const char *const cmp_symbols[6] = {"<", "<=", "==", "!=", ">", ">="};

value obj_richcmp(lang_vm *vm, value a, value b, int op) {
  if (val_is_number(a) && val_is_number(b)) return val_bool(num_compare(a, b, op));
  obj_type *ta = val_type(a), *tb = val_type(b);
  bool tried_b = false;
  if (ta != tb && tb->richcmp && type_is_subtype(tb, ta)) {
    value r = tb->richcmp(vm, b, a, cmp_swapped[op]);
    if (!val_is_notimpl(r)) return r;
    val_decref(r);
    tried_b = true;
  }
  if (ta->richcmp) {
    value r = ta->richcmp(vm, a, b, op);
    if (!val_is_notimpl(r)) return r;
    val_decref(r);
  }
  if (!tried_b && tb->richcmp && (tb != ta || tb->tflags & TYPE_F_HEAP)) {
    value r = tb->richcmp(vm, b, a, cmp_swapped[op]);
    if (!val_is_notimpl(r)) return r;
    val_decref(r);
  }
  if (op == CMP_EQ || op == CMP_NE) {
    bool same = a.tag == b.tag && (a.tag != VAL_OBJ || a.u.o == b.u.o);
    if (a.tag == VAL_NONE && b.tag == VAL_NONE) same = true;
    return val_bool(op == CMP_EQ ? same : !same);
  }
  return exc_set(vm, EXC_TypeError, "'%s' not supported between instances of '%s' and '%s'",
                 cmp_symbols[op], ta->name, tb->name);
}

int obj_cmp_bool(lang_vm *vm, value a, value b, int op) {
  if (val_is_number(a) && val_is_number(b)) return num_compare(a, b, op);
  value r = obj_richcmp(vm, a, b, op);
  if (VAL_IS_NULL(r)) return -1;
  int t = obj_truth(vm, r);
  val_decref(r);
  return t;
}

int obj_eq(lang_vm *vm, value a, value b) {
  if (a.tag == VAL_OBJ && b.tag == VAL_OBJ) {
    if (a.u.o == b.u.o) return 1;
    if (a.u.o->type == &type_str && b.u.o->type == &type_str) return str_eq(VAL_STR(a), VAL_STR(b));
  }
  return obj_cmp_bool(vm, a, b, CMP_EQ);
}

/* ---- arithmetic ---- */

const char *const binop_symbols[BINOP_COUNT] = {"+", "-", "*", "@", "/", "%", "**", "<<", ">>", "|", "^", "&", "//"};

static value binop_error(lang_vm *vm, value a, value b, int op) {
  bool inplace = op >= BINOP_INPLACE;
  int base = inplace ? op - BINOP_INPLACE : op;
  obj_type *ta = val_type(a), *tb = val_type(b);
  if (base == BINOP_ADD && (ta == &type_str || ta == &type_list || ta == &type_tuple) && !inplace) {
    if (ta == &type_str)
      return exc_set(vm, EXC_TypeError, "can only concatenate str (not \"%s\") to str", tb->name);
    return exc_set(vm, EXC_TypeError, "can only concatenate %s (not \"%s\") to %s", ta->name, tb->name, ta->name);
  }
  if (base == BINOP_MUL && (ta == &type_str || ta == &type_list || ta == &type_tuple || tb == &type_str ||
                            tb == &type_list || tb == &type_tuple)) {
    obj_type *other = (ta == &type_str || ta == &type_list || ta == &type_tuple) ? tb : ta;
    return exc_set(vm, EXC_TypeError, "can't multiply sequence by non-int of type '%s'", other->name);
  }
  if (base == BINOP_POW)
    return exc_set(vm, EXC_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                   inplace ? "**=" : "** or pow()", ta->name, tb->name);
  return exc_set(vm, EXC_TypeError, "unsupported operand type(s) for %s%s: '%s' and '%s'", binop_symbols[base],
                 inplace ? "=" : "", ta->name, tb->name);
}

value obj_binop(lang_vm *vm, value a, value b, int op) {
  int base = op >= BINOP_INPLACE ? op - BINOP_INPLACE : op;
  if (val_is_number(a) && val_is_number(b)) {
    value r = num_binop(vm, a, b, base);
    if (!val_is_notimpl(r)) return r;
  }
  obj_type *ta = val_type(a), *tb = val_type(b);
  if (op >= BINOP_INPLACE && ta->binop) {
    value r = ta->binop(vm, a, b, op, false);
    if (!val_is_notimpl(r)) return r;
    val_decref(r);
  }
  bool tried_b = false;
  if (ta != tb && tb->binop && type_is_subtype(tb, ta) && tb->binop != ta->binop) {
    value r = tb->binop(vm, a, b, base, true);
    if (!val_is_notimpl(r)) return r;
    val_decref(r);
    tried_b = true;
  }
  if (ta->binop) {
    value r = ta->binop(vm, a, b, base, false);
    if (!val_is_notimpl(r)) return r;
    val_decref(r);
  }
  if (!tried_b && tb->binop && (ta != tb || (tb->tflags & TYPE_F_HEAP))) {
    value r = tb->binop(vm, a, b, base, true);
    if (!val_is_notimpl(r)) return r;
    val_decref(r);
  }
  return binop_error(vm, a, b, op);
}

static const char *const unop_symbols[4] = {"unary -", "unary +", "unary ~", "abs()"};

value obj_unop(lang_vm *vm, value v, int op) {
  if (val_is_number(v)) {
    value r = num_unop(vm, v, op);
    if (!val_is_notimpl(r)) return r;
  }
  obj_type *t = val_type(v);
  if (t->unop) {
    value r = t->unop(vm, v, op);
    if (!val_is_notimpl(r)) return r;
    val_decref(r);
  }
  return exc_set(vm, EXC_TypeError, "bad operand type for %s: '%s'", unop_symbols[op], t->name);
}

/* ---- truth, len, iteration, subscripts ---- */

int obj_truth(lang_vm *vm, value v) {
  switch (v.tag) {
  case VAL_NONE: return 0;
  case VAL_BOOL: return v.u.b;
  case VAL_INT: return v.u.i != 0;
  case VAL_FLOAT: return v.u.f != 0.0;
  case VAL_OBJ: break;
  default: return 0;
  }
  obj_type *t = v.u.o->type;
  if (t->truth) return t->truth(vm, v);
  if (t->len) {
    int64_t n = t->len(vm, v);
    return n < 0 ? -1 : n > 0;
  }
  return 1;
}

int64_t obj_len(lang_vm *vm, value v) {
  obj_type *t = val_type(v);
  if (t->len) return t->len(vm, v);
  return exc_seti(vm, EXC_TypeError, "object of type '%s' has no len()", t->name);
}

value obj_iter(lang_vm *vm, value v) {
  obj_type *t = val_type(v);
  if (t->iter) return t->iter(vm, v);
  if (t->getitem && !(t->tflags & TYPE_F_DICT_SUB)) return seqiter_new(vm, v);
  return exc_set(vm, EXC_TypeError, "'%s' object is not iterable", t->name);
}

value obj_next(lang_vm *vm, value it) {
  obj_type *t = val_type(it);
  if (t->next) return t->next(vm, it);
  return exc_set(vm, EXC_TypeError, "'%s' object is not an iterator", t->name);
}

value obj_getitem(lang_vm *vm, value v, value key) {
  obj_type *t = val_type(v);
  if (t->getitem) return t->getitem(vm, v, key);
  if (val_is_type(v)) {   /* list[int], dict[str, int] in annotations: give back the class */
    value cg = type_lookup(VAL_TYPE(v), str_intern(vm, "__class_getitem__"));
    if (!VAL_IS_NULL(cg)) return vm_call2(vm, cg, v, key);
    if (!(VAL_TYPE(v)->tflags & TYPE_F_HEAP)) return val_incref(v);
  }
  return exc_set(vm, EXC_TypeError, "'%s' object is not subscriptable", t->name);
}

int obj_setitem(lang_vm *vm, value v, value key, value x) {
  obj_type *t = val_type(v);
  if (t->setitem) return t->setitem(vm, v, key, x);
  if (VAL_IS_NULL(x))
    return exc_seti(vm, EXC_TypeError, "'%s' object doesn't support item deletion", t->name);
  return exc_seti(vm, EXC_TypeError, "'%s' object does not support item assignment", t->name);
}

int obj_contains(lang_vm *vm, value container, value x) {
  obj_type *t = val_type(container);
  if (t->contains) return t->contains(vm, container, x);
  value it = obj_iter(vm, container);
  if (VAL_IS_NULL(it)) {
    if (exc_matches(vm, EXC_TypeError)) {
      exc_clear(vm);
      return exc_seti(vm, EXC_TypeError, "argument of type '%s' is not iterable", t->name);
    }
    return -1;
  }
  int found = 0;
  for (;;) {
    value item = obj_next(vm, it);
    if (item.tag == VAL_STOP) break;
    if (VAL_IS_NULL(item)) {
      found = -1;
      break;
    }
    int eq = obj_eq(vm, item, x);
    val_decref(item);
    if (eq != 0) {
      found = eq;
      break;
    }
  }
  val_decref(it);
  return found;
}

/* ---- conversions ---- */

int obj_as_index(lang_vm *vm, value v, int64_t *out) {
  if (v.tag == VAL_INT) {
    *out = v.u.i;
    return 0;
  }
  if (v.tag == VAL_BOOL) {
    *out = v.u.b;
    return 0;
  }
  if (v.tag == VAL_OBJ) {
    value m = type_lookup(v.u.o->type, vm->s.__index__);
    if (!VAL_IS_NULL(m)) {
      value r = vm_call1(vm, m, v);
      if (VAL_IS_NULL(r)) return -1;
      if (!val_is_intlike(r)) {
        exc_seti(vm, EXC_TypeError, "__index__ returned non-int (type %s)", val_type_name(r));
        val_decref(r);
        return -1;
      }
      *out = val_as_int(r);
      return 0;
    }
  }
  return exc_seti(vm, EXC_TypeError, "'%s' object cannot be interpreted as an integer", val_type_name(v));
}

int obj_as_double(lang_vm *vm, value v, double *out) {
  switch (v.tag) {
  case VAL_FLOAT: *out = v.u.f; return 0;
  case VAL_INT: *out = (double)v.u.i; return 0;
  case VAL_BOOL: *out = v.u.b; return 0;
  default: break;
  }
  if (v.tag == VAL_OBJ) {
    value m = type_lookup(v.u.o->type, vm->s.__float__);
    if (VAL_IS_NULL(m)) m = type_lookup(v.u.o->type, vm->s.__index__);
    if (!VAL_IS_NULL(m)) {
      value r = vm_call1(vm, m, v);
      if (VAL_IS_NULL(r)) return -1;
      if (!val_is_number(r)) {
        exc_seti(vm, EXC_TypeError, "__float__ returned non-float (type %s)", val_type_name(r));
        val_decref(r);
        return -1;
      }
      *out = r.tag == VAL_FLOAT ? r.u.f : (double)val_as_int(r);
      return 0;
    }
  }
  return exc_seti(vm, EXC_TypeError, "must be real number, not %s", val_type_name(v));
}

obj_list *obj_to_list(lang_vm *vm, value iterable) {
  if (val_is_list(iterable) || val_is_tuple(iterable)) {
    int64_t n = val_is_list(iterable) ? VAL_LIST(iterable)->len : VAL_TUPLE(iterable)->len;
    const value *items = val_is_list(iterable) ? VAL_LIST(iterable)->items : VAL_TUPLE(iterable)->items;
    obj_list *l = list_new(vm, n);
    if (!l) return NULL;
    for (int64_t i = 0; i < n; i++) l->items[i] = val_incref(items[i]);
    l->len = n;
    return l;
  }
  value it = obj_iter(vm, iterable);
  if (VAL_IS_NULL(it)) return NULL;
  obj_list *l = list_new(vm, 0);
  if (!l) {
    val_decref(it);
    return NULL;
  }
  for (;;) {
    value item = obj_next(vm, it);
    if (item.tag == VAL_STOP) break;
    if (VAL_IS_NULL(item) || list_append_steal(vm, l, item) < 0) {
      val_decref(it);
      obj_decref(l);
      return NULL;
    }
  }
  val_decref(it);
  return l;
}

value obj_format(lang_vm *vm, value v, obj_str *spec) {
  obj_type *t = val_type(v);
  if (t->tflags & TYPE_F_HEAP) {
    value m = type_lookup(t, vm->s.__format__);
    if (!VAL_IS_NULL(m) && !(val_type(m) == &type_slotwrapper)) {
      value r = vm_call2(vm, m, v, val_obj(spec));
      return check_str_result(vm, r, "__format__");
    }
  }
  if (t->format) return t->format(vm, v, spec);
  if (spec->len == 0) return obj_str_of(vm, v);
  return exc_set(vm, EXC_TypeError, "unsupported format string passed to %s.__format__", t->name);
}
