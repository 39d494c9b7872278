/*
** kernel/lang/lib_weakref.c — the weakref module: ref(obj) to instances of classes. The language counts
** references and has no cycle collector, so objects that point back at their owner (matplotlib's axes
** at their figure, an axis at its axes) do so through a weak reference, and are freed when the last
** strong reference goes (kernel/lang/py/matplotlib/figure.py).
**
** A weakref holds its target borrowed. Each target has at most one weakref (ref(x) returns the same
** object every time, as CPython does without a callback), found through a per-thread table keyed by the
** target's address. A type gets TYPE_F_WEAKREFD the first time one of its instances is weakly
** referenced; dealloc_now (object.c) calls weakref_clear for instances of such types before releasing
** anything, so a weakref never returns a freed or half-destroyed object (an object must be freed on the
** thread that weakly referenced it, as the interpreter's VMs each keep to one thread). Not implemented: callbacks,
** proxy, WeakValueDictionary/WeakKeyDictionary/WeakSet, weak references to builtin objects.
*/
#include <stdint.h>
#include <stdlib.h>

#include "kernel/lang/internal.h"

typedef struct obj_weakref { obj hdr; obj *target; } obj_weakref;   /* target: borrowed, NULL once dead */

/* target -> its weakref: open addressing, linear probing, backward-shift deletion (no tombstones).
   Every entry's target is non-NULL. Per thread, like the VM (object.c's dealloc state). */
static __thread obj_weakref **wr_slots;
static __thread size_t wr_cap, wr_count;

static size_t wr_hash(const obj *p) {
  uint64_t x = (uint64_t)(uintptr_t)p;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return (size_t)x;
}

/* Index of target's entry, or of the empty slot where it would go (wr_cap > 0). */
static size_t wr_find(const obj *target) {
  size_t m = wr_cap - 1, i = wr_hash(target) & m;
  while (wr_slots[i] && wr_slots[i]->target != target) i = (i + 1) & m;
  return i;
}

static int wr_grow(void) {
  size_t cap = wr_cap ? 2 * wr_cap : 16;
  obj_weakref **old = wr_slots, **s = calloc(cap, sizeof *s);
  if (!s) return -1;
  size_t oldcap = wr_cap;
  wr_slots = s;
  wr_cap = cap;
  for (size_t i = 0; i < oldcap; i++)
    if (old[i]) wr_slots[wr_find(old[i]->target)] = old[i];
  free(old);
  return 0;
}

static void wr_remove_at(size_t i) {
  size_t m = wr_cap - 1, j = i;
  wr_slots[i] = NULL;
  for (;;) {
    j = (j + 1) & m;
    if (!wr_slots[j]) break;
    size_t k = wr_hash(wr_slots[j]->target) & m;
    /* entry j may move into the hole at i when its home k is not cyclically within (i, j] */
    bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
    if (!stays) {
      wr_slots[i] = wr_slots[j];
      wr_slots[j] = NULL;
      i = j;
    }
  }
  if (--wr_count == 0) {
    free(wr_slots);
    wr_slots = NULL;
    wr_cap = 0;
  }
}

void weakref_clear(obj *o) {
  if (!wr_count) return;
  size_t i = wr_find(o);
  if (!wr_slots[i]) return;
  wr_slots[i]->target = NULL;
  wr_remove_at(i);
}

static obj_type type_weakref;

static void weakref_dealloc(obj *o) {
  obj_weakref *w = (obj_weakref *)o;
  if (!w->target || !wr_count) return;   /* dead, or (a VM torn down on another thread) not in this table */
  size_t i = wr_find(w->target);
  if (wr_slots[i] == w) wr_remove_at(i);
}

/* The target, or NULL when it is gone (also while a dead target waits in object.c's parked list). */
static obj *weakref_target(obj_weakref *w) { return w->target && w->target->refcnt > 0 ? w->target : NULL; }

static value weakref_new(lang_vm *vm, obj_type *t, const value *args, int nargs, obj_tuple *kw) {
  if (bi_no_kwargs(vm, "ref", kw) < 0) return val_null();
  if (nargs < 1 || nargs > 2)
    return exc_set(vm, EXC_TypeError, "__new__ expected at most 2 arguments, got %d", nargs);
  if (nargs == 2 && args[1].tag != VAL_NONE)
    return exc_set(vm, EXC_NotImplementedError, "weakref callbacks are not supported in ctorch");
  value v = args[0];
  if (v.tag != VAL_OBJ || !(v.u.o->type->tflags & TYPE_F_HEAP))
    return exc_set(vm, EXC_TypeError, "cannot create weak reference to '%s' object", val_type_name(v));
  obj *target = v.u.o;
  if (wr_count) {
    obj_weakref *w = wr_slots[wr_find(target)];
    if (w) {
      obj_incref(w);
      return val_obj(w);
    }
  }
  if (2 * (wr_count + 1) > wr_cap && wr_grow() < 0) return exc_nomem(vm);
  obj_weakref *w = obj_alloc(vm, &type_weakref, sizeof *w);
  if (!w) return val_null();
  w->target = target;
  wr_slots[wr_find(target)] = w;
  wr_count++;
  target->type->tflags |= TYPE_F_WEAKREFD;
  return val_obj(w);
}

static value weakref_call(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kw) {
  if (bi_no_kwargs(vm, "weakref", kw) < 0) return val_null();
  if (nargs != 0) return exc_set(vm, EXC_TypeError, "weakref expected 0 arguments, got %d", nargs);
  obj *o = weakref_target((obj_weakref *)self.u.o);
  if (!o) return val_none();
  obj_incref(o);
  return val_obj(o);
}

static value weakref_repr(lang_vm *vm, value self) {
  obj *o = weakref_target((obj_weakref *)self.u.o);
  if (!o) return val_obj_or_null(str_printf(vm, "<weakref at %p; dead>", (void *)self.u.o));
  return val_obj_or_null(str_printf(vm, "<weakref at %p; to '%s' at %p>", (void *)self.u.o, o->type->name, (void *)o));
}

static obj_type type_weakref = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "ReferenceType", .basicsize = sizeof(obj_weakref),
  .dealloc = weakref_dealloc, .new_ = weakref_new, .call = weakref_call, .repr = weakref_repr,
  .hash = obj_hash_identity,
};

static value wr_getweakrefcount(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (args[0].tag != VAL_OBJ || !wr_count) return val_int(0);
  obj_weakref *w = wr_slots[wr_find(args[0].u.o)];
  return val_int(w ? 1 : 0);
}

static const bi_reg weakref_funcs[] = {
  {"getweakrefcount", wr_getweakrefcount, 1, 0, "Return the number of weak references to 'object'."},
  {NULL, NULL, 0, 0, NULL}
};

int lib_weakref_init(lang_vm *vm, obj_dict *d) {
  if (type_ready(vm, &type_weakref) < 0 || module_add_funcs(vm, d, weakref_funcs) < 0) return -1;
  if (dict_set_cstr(vm, d, "ref", val_obj(&type_weakref)) < 0 ||
      dict_set_cstr(vm, d, "ReferenceType", val_obj(&type_weakref)) < 0)
    return -1;
  return 0;
}
