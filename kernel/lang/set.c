/*
** kernel/lang/set.c — set and frozenset. The table follows CPython's setobject.c algorithm (linear
** probes then perturbation, the same resize rule and merge paths), so with CPython's numeric hashes
** a set of ints or tuples iterates — and prints — in exactly CPython's order.
*/
#include <stdlib.h>

#include "kernel/lang/internal.h"

#define SET_MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

typedef struct set_entry { value key; int64_t hash; } set_entry;   /* key NULL+hash 0: unused; hash -1: dummy */
typedef struct obj_set {
  obj hdr;
  int64_t fill, used, mask;
  set_entry *table;
  int64_t finger;
  set_entry small[SET_MINSIZE];
} obj_set;

#define IS_DUMMY(e) ((e)->hash == -1 && VAL_IS_NULL((e)->key))
#define IS_ACTIVE(e) (!VAL_IS_NULL((e)->key))

static bool is_anyset(value v) {
  return v.tag == VAL_OBJ && (type_is_subtype(v.u.o->type, &type_set) || type_is_subtype(v.u.o->type, &type_frozenset));
}
#define SET(v) ((obj_set *)(v).u.o)

static obj_set *set_alloc(lang_vm *vm, obj_type *t) {
  obj_set *s = obj_alloc(vm, t, sizeof(obj_set));
  if (!s) return NULL;
  s->mask = SET_MINSIZE - 1;
  s->table = s->small;
  return s;
}

static void set_dealloc(obj *o) {
  obj_set *s = (obj_set *)o;
  for (int64_t i = 0; i <= s->mask; i++) val_decref(s->table[i].key);
  if (s->table != s->small) lang_free(s->table, sizeof(set_entry) * (size_t)(s->mask + 1));
}

static void insert_clean(set_entry *table, int64_t mask, value key, int64_t hash) {
  uint64_t perturb = (uint64_t)hash;
  uint64_t i = (uint64_t)hash & (uint64_t)mask;
  set_entry *e;
  for (;;) {
    e = &table[i];
    if (VAL_IS_NULL(e->key) && e->hash == 0) goto found;
    if (i + LINEAR_PROBES <= (uint64_t)mask) {
      for (int j = 0; j < LINEAR_PROBES; j++) {
        e++;
        if (VAL_IS_NULL(e->key) && e->hash == 0) goto found;
      }
    }
    perturb >>= PERTURB_SHIFT;
    i = (i * 5 + 1 + perturb) & (uint64_t)mask;
  }
found:
  e->key = key;
  e->hash = hash;
}

static int set_resize(lang_vm *vm, obj_set *s, int64_t minused) {
  int64_t newsize = SET_MINSIZE;
  while (newsize <= minused) newsize <<= 1;
  set_entry *old = s->table;
  int64_t oldmask = s->mask;
  set_entry smallcopy[SET_MINSIZE];
  bool old_is_small = old == s->small;
  if (old_is_small) {
    memcpy(smallcopy, old, sizeof smallcopy);
    old = smallcopy;
  }
  set_entry *nt;
  if (newsize == SET_MINSIZE) {
    nt = s->small;
    memset(nt, 0, sizeof(s->small));
  } else {
    nt = lang_alloc(sizeof(set_entry) * (size_t)newsize);
    if (!nt) {
      exc_nomem(vm);
      return -1;
    }
  }
  s->mask = newsize - 1;
  s->table = nt;
  bool no_dummies = s->fill == s->used;
  s->fill = s->used;
  for (int64_t i = 0; i <= oldmask; i++) {
    set_entry *e = &old[i];
    if (IS_ACTIVE(e)) insert_clean(nt, s->mask, e->key, e->hash);
  }
  (void)no_dummies;
  if (!old_is_small) lang_free(old, sizeof(set_entry) * (size_t)(oldmask + 1));
  return 0;
}

/* Finds key: the active entry, or NULL. -1 in *err on comparison error. */
static set_entry *set_lookkey(lang_vm *vm, obj_set *s, value key, int64_t hash, bool *err) {
  *err = false;
  uint64_t perturb = (uint64_t)hash;
  uint64_t mask = (uint64_t)s->mask, i = (uint64_t)hash & mask;
  for (;;) {
    set_entry *e = &s->table[i];
    int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
    do {
      if (e->hash == 0 && VAL_IS_NULL(e->key)) return NULL;
      if (e->hash == hash && IS_ACTIVE(e)) {
        value sk = e->key;
        if (sk.tag == key.tag && sk.tag == VAL_OBJ && sk.u.o == key.u.o) return e;
        set_entry *table = s->table;
        val_incref(sk);
        int eq = obj_eq(vm, sk, key);
        val_decref(sk);
        if (eq < 0) {
          *err = true;
          return NULL;
        }
        if (table != s->table) return set_lookkey(vm, s, key, hash, err);
        if (eq) return e;
      }
      e++;
    } while (probes--);
    perturb >>= PERTURB_SHIFT;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

static int set_add_entry(lang_vm *vm, obj_set *s, value key, int64_t hash) {
  val_incref(key);
restart:;
  uint64_t mask = (uint64_t)s->mask, i = (uint64_t)hash & mask;
  uint64_t perturb = (uint64_t)hash;
  set_entry *freeslot = NULL, *e;
  for (;;) {
    e = &s->table[i];
    int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
    do {
      if (e->hash == 0 && VAL_IS_NULL(e->key)) goto found_unused_or_dummy;
      if (e->hash == hash && IS_ACTIVE(e)) {
        value sk = e->key;
        if (sk.tag == VAL_OBJ && key.tag == VAL_OBJ && sk.u.o == key.u.o) goto found_active;
        set_entry *table = s->table;
        val_incref(sk);
        int eq = obj_eq(vm, sk, key);
        val_decref(sk);
        if (eq > 0) goto found_active;
        if (eq < 0) {
          val_decref(key);
          return -1;
        }
        if (table != s->table || !IS_ACTIVE(e)) goto restart;
        mask = (uint64_t)s->mask;
      } else if (IS_DUMMY(e)) {
        if (!freeslot) freeslot = e;
      }
      e++;
    } while (probes--);
    perturb >>= PERTURB_SHIFT;
    i = (i * 5 + 1 + perturb) & mask;
  }
found_unused_or_dummy:
  if (freeslot) {
    s->used++;
    freeslot->key = key;
    freeslot->hash = hash;
    return 0;
  }
  s->fill++;
  s->used++;
  e->key = key;
  e->hash = hash;
  if ((uint64_t)s->fill * 5 < mask * 3) return 0;
  return set_resize(vm, s, s->used > 50000 ? s->used * 2 : s->used * 4);
found_active:
  val_decref(key);
  return 0;
}

static int set_add_key(lang_vm *vm, obj_set *s, value key) {
  int64_t h;
  if (obj_hash(vm, key, &h) < 0) return -1;
  return set_add_entry(vm, s, key, h);
}

int set_add(lang_vm *vm, value set, value key) { return set_add_key(vm, SET(set), key); }

/* 1 removed, 0 absent, -1 error. */
static int set_discard_key(lang_vm *vm, obj_set *s, value key) {
  int64_t h;
  if (obj_hash(vm, key, &h) < 0) return -1;
  bool err;
  set_entry *e = set_lookkey(vm, s, key, h, &err);
  if (err) return -1;
  if (!e) return 0;
  value old = e->key;
  e->key = val_null();
  e->hash = -1;
  s->used--;
  val_decref(old);
  return 1;
}

static int set_contains_key(lang_vm *vm, obj_set *s, value key) {
  int64_t h;
  if (obj_hash(vm, key, &h) < 0) return -1;
  bool err;
  set_entry *e = set_lookkey(vm, s, key, h, &err);
  if (err) return -1;
  return e != NULL;
}

static int set_merge(lang_vm *vm, obj_set *s, obj_set *o) {
  if (o == s || o->used == 0) return 0;
  if ((s->fill + o->used) * 5 >= s->mask * 3 && set_resize(vm, s, (s->used + o->used) * 2) < 0) return -1;
  if (s->fill == 0 && s->mask == o->mask && o->fill == o->used) {
    for (int64_t i = 0; i <= o->mask; i++)
      if (IS_ACTIVE(&o->table[i])) {
        s->table[i].key = val_incref(o->table[i].key);
        s->table[i].hash = o->table[i].hash;
      }
    s->fill = o->fill;
    s->used = o->used;
    return 0;
  }
  if (s->fill == 0) {
    s->fill = s->used = o->used;
    for (int64_t i = 0; i <= o->mask; i++)
      if (IS_ACTIVE(&o->table[i])) insert_clean(s->table, s->mask, val_incref(o->table[i].key), o->table[i].hash);
    return 0;
  }
  for (int64_t i = 0; i <= o->mask; i++)
    if (IS_ACTIVE(&o->table[i]) && set_add_entry(vm, s, o->table[i].key, o->table[i].hash) < 0) return -1;
  return 0;
}

static int set_update(lang_vm *vm, obj_set *s, value other) {
  if (is_anyset(other)) return set_merge(vm, s, SET(other));
  if (val_is_dict(other)) {
    obj_dict *d = VAL_DICT(other);
    int64_t pos = 0;
    value k, v;
    while (dict_next(d, &pos, &k, &v))
      if (set_add_key(vm, s, k) < 0) return -1;
    return 0;
  }
  value it = obj_iter(vm, other);
  if (VAL_IS_NULL(it)) return -1;
  for (;;) {
    value x = obj_next(vm, it);
    if (x.tag == VAL_STOP) break;
    if (VAL_IS_NULL(x)) {
      val_decref(it);
      return -1;
    }
    int rc = set_add_key(vm, s, x);
    val_decref(x);
    if (rc < 0) {
      val_decref(it);
      return -1;
    }
  }
  val_decref(it);
  return 0;
}

value set_new_from(lang_vm *vm, obj_type *t, value iterable) {
  obj_set *s = set_alloc(vm, t);
  if (!s) return val_null();
  if (!VAL_IS_NULL(iterable) && set_update(vm, s, iterable) < 0) {
    obj_decref(s);
    return val_null();
  }
  return val_obj(s);
}

static value set_copy_as(lang_vm *vm, obj_type *t, value src) { return set_new_from(vm, t, src); }

/* ---- slots ---- */

static value set_repr(lang_vm *vm, value self) {
  obj_set *s = SET(self);
  bool frozen = type_is_subtype(s->hdr.type, &type_frozenset);
  const char *tn = s->hdr.type->name;
  if (s->used == 0) return val_obj(str_printf(vm, "%s()", tn));
  strbuf b;
  sb_init(&b);
  if (frozen || s->hdr.type != &type_set) {
    sb_adds(&b, tn);
    sb_addc(&b, '(');
  }
  sb_addc(&b, '{');
  int64_t n = 0;
  for (int64_t i = 0; i <= s->mask; i++) {
    if (!IS_ACTIVE(&s->table[i])) continue;
    if (n++) sb_adds(&b, ", ");
    if (obj_repr_to(vm, s->table[i].key, &b) < 0) {
      sb_free(&b);
      return val_null();
    }
  }
  sb_addc(&b, '}');
  if (frozen || s->hdr.type != &type_set) sb_addc(&b, ')');
  obj_str *r = sb_finish(vm, &b);
  return r ? val_obj(r) : val_null();
}

static int64_t set_len(lang_vm *vm, value self) { return SET(self)->used; }
static int set_contains(lang_vm *vm, value self, value x) {
  int r = set_contains_key(vm, SET(self), x);
  if (r < 0 && is_anyset(x) && exc_matches(vm, EXC_TypeError)) {   /* set in set: compare as frozenset */
    exc_clear(vm);
    value f = set_new_from(vm, &type_frozenset, x);
    if (VAL_IS_NULL(f)) return -1;
    r = set_contains_key(vm, SET(self), f);
    val_decref(f);
  }
  return r;
}

static bool is_subset(lang_vm *vm, obj_set *a, obj_set *b, int *err) {
  if (a->used > b->used) return false;
  for (int64_t i = 0; i <= a->mask; i++) {
    if (!IS_ACTIVE(&a->table[i])) continue;
    int r = set_contains_key(vm, b, a->table[i].key);
    if (r < 0) {
      *err = 1;
      return false;
    }
    if (!r) return false;
  }
  return true;
}

static value set_richcmp(lang_vm *vm, value a, value b, int op) {
  if (!is_anyset(a) || !is_anyset(b)) return val_notimpl();
  obj_set *x = SET(a), *y = SET(b);
  int err = 0;
  bool r;
  switch (op) {
  case CMP_EQ: r = x->used == y->used && is_subset(vm, x, y, &err); break;
  case CMP_NE: r = !(x->used == y->used && is_subset(vm, x, y, &err)); break;
  case CMP_LE: r = is_subset(vm, x, y, &err); break;
  case CMP_GE: r = is_subset(vm, y, x, &err); break;
  case CMP_LT: r = x->used < y->used && is_subset(vm, x, y, &err); break;
  default: r = x->used > y->used && is_subset(vm, y, x, &err); break;
  }
  return err ? val_null() : val_bool(r);
}

static value set_intersection_of(lang_vm *vm, obj_set *s, value other) {
  obj_set *r = set_alloc(vm, s->hdr.type);
  if (!r) return val_null();
  if (is_anyset(other)) {
    obj_set *a = s, *b = SET(other);
    if (b->used > a->used) {
      obj_set *t = a;
      a = b;
      b = t;
    }
    /* iterate the smaller set b, test membership in a */
    for (int64_t i = 0; i <= b->mask; i++) {
      if (!IS_ACTIVE(&b->table[i])) continue;
      bool err;
      set_entry *e = set_lookkey(vm, a, b->table[i].key, b->table[i].hash, &err);
      if (err || (e && set_add_entry(vm, r, b->table[i].key, b->table[i].hash) < 0)) goto fail;
    }
    return val_obj(r);
  }
  value it = obj_iter(vm, other);
  if (VAL_IS_NULL(it)) goto fail;
  for (;;) {
    value x = obj_next(vm, it);
    if (x.tag == VAL_STOP) break;
    if (VAL_IS_NULL(x)) {
      val_decref(it);
      goto fail;
    }
    int c = set_contains_key(vm, s, x);
    int rc = c > 0 ? set_add_key(vm, r, x) : c;
    val_decref(x);
    if (rc < 0) {
      val_decref(it);
      goto fail;
    }
  }
  val_decref(it);
  return val_obj(r);
fail:
  obj_decref(r);
  return val_null();
}

static int set_difference_update(lang_vm *vm, obj_set *s, value other) {
  if (is_anyset(other)) {
    obj_set *o = SET(other);
    if (o == s) {
      for (int64_t i = 0; i <= s->mask; i++) {
        if (!IS_ACTIVE(&s->table[i])) continue;
        val_decref(s->table[i].key);
        s->table[i].key = val_null();
        s->table[i].hash = -1;
      }
      s->used = 0;
      return 0;
    }
    for (int64_t i = 0; i <= o->mask; i++)
      if (IS_ACTIVE(&o->table[i]) && set_discard_key(vm, s, o->table[i].key) < 0) return -1;
    return 0;
  }
  value it = obj_iter(vm, other);
  if (VAL_IS_NULL(it)) return -1;
  for (;;) {
    value x = obj_next(vm, it);
    if (x.tag == VAL_STOP) break;
    if (VAL_IS_NULL(x)) {
      val_decref(it);
      return -1;
    }
    int rc = set_discard_key(vm, s, x);
    val_decref(x);
    if (rc < 0) {
      val_decref(it);
      return -1;
    }
  }
  val_decref(it);
  return 0;
}

static value set_difference_of(lang_vm *vm, obj_set *s, value other) {
  int64_t olen = -1;
  if (is_anyset(other)) olen = SET(other)->used;
  else if (val_is_dict(other)) olen = VAL_DICT(other)->used;
  if (olen < 0 || (s->used >> 2) > olen) {
    value r = set_copy_as(vm, s->hdr.type, val_obj(s));
    if (VAL_IS_NULL(r)) return r;
    if (set_difference_update(vm, SET(r), other) < 0) {
      val_decref(r);
      return val_null();
    }
    return r;
  }
  obj_set *r = set_alloc(vm, s->hdr.type);
  if (!r) return val_null();
  for (int64_t i = 0; i <= s->mask; i++) {
    if (!IS_ACTIVE(&s->table[i])) continue;
    int c = is_anyset(other) ? set_contains_key(vm, SET(other), s->table[i].key)
                             : obj_contains(vm, other, s->table[i].key);
    if (c < 0 || (!c && set_add_entry(vm, r, s->table[i].key, s->table[i].hash) < 0)) {
      obj_decref(r);
      return val_null();
    }
  }
  return val_obj(r);
}

static int set_symdiff_update(lang_vm *vm, obj_set *s, value other) {
  value o = is_anyset(other) ? val_incref(other) : set_new_from(vm, &type_set, other);
  if (VAL_IS_NULL(o)) return -1;
  obj_set *os = SET(o);
  if (os == s) {
    val_decref(o);
    return set_difference_update(vm, s, val_obj(s));
  }
  for (int64_t i = 0; i <= os->mask; i++) {
    if (!IS_ACTIVE(&os->table[i])) continue;
    int r = set_discard_key(vm, s, os->table[i].key);
    if (r == 0) r = set_add_entry(vm, s, os->table[i].key, os->table[i].hash);
    if (r < 0) {
      val_decref(o);
      return -1;
    }
  }
  val_decref(o);
  return 0;
}

static value set_symdiff_of(lang_vm *vm, obj_set *s, value other) {
  value r = set_new_from(vm, s->hdr.type, other);
  if (VAL_IS_NULL(r)) return r;
  if (set_symdiff_update(vm, SET(r), val_obj(s)) < 0) {
    val_decref(r);
    return val_null();
  }
  return r;
}

static value set_binop(lang_vm *vm, value a, value b, int op, bool reflected) {
  bool inplace = op >= BINOP_INPLACE;
  int base = inplace ? op - BINOP_INPLACE : op;
  if (!is_anyset(a) || !is_anyset(b)) return val_notimpl();
  if (base != BINOP_OR && base != BINOP_AND && base != BINOP_SUB && base != BINOP_XOR) return val_notimpl();
  if (inplace) {
    if (type_is_subtype(val_type(a), &type_frozenset)) return val_notimpl();
    obj_set *s = SET(a);
    int rc;
    if (base == BINOP_OR) rc = set_update(vm, s, b);
    else if (base == BINOP_SUB) rc = set_difference_update(vm, s, b);
    else if (base == BINOP_XOR) rc = set_symdiff_update(vm, s, b);
    else {
      value r = set_intersection_of(vm, s, b);
      if (VAL_IS_NULL(r)) return r;
      /* swap tables: s takes the result's contents */
      obj_set *rs = SET(r);
      for (int64_t i = 0; i <= s->mask; i++) val_decref(s->table[i].key);
      if (s->table != s->small) lang_free(s->table, sizeof(set_entry) * (size_t)(s->mask + 1));
      memset(s->small, 0, sizeof s->small);
      s->table = s->small;
      s->mask = SET_MINSIZE - 1;
      s->fill = s->used = 0;
      rc = set_merge(vm, s, rs);
      val_decref(r);
    }
    return rc < 0 ? val_null() : val_incref(a);
  }
  obj_set *s = SET(a);
  switch (base) {
  case BINOP_OR: {
    value r = set_copy_as(vm, s->hdr.type, a);
    if (VAL_IS_NULL(r) || set_update(vm, SET(r), b) < 0) {
      val_decref(r);
      return val_null();
    }
    return r;
  }
  case BINOP_AND: return set_intersection_of(vm, s, b);
  case BINOP_SUB: return set_difference_of(vm, s, b);
  default: return set_symdiff_of(vm, s, b);
  }
}

static uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL; }

static int frozenset_hash(lang_vm *vm, value self, int64_t *out) {
  obj_set *s = SET(self);
  uint64_t hash = 0;
  for (int64_t i = 0; i <= s->mask; i++) hash ^= shuffle_bits((uint64_t)s->table[i].hash);
  if ((s->mask + 1 - s->fill) & 1) hash ^= shuffle_bits(0);
  if ((s->fill - s->used) & 1) hash ^= shuffle_bits((uint64_t)-1);
  hash ^= ((uint64_t)s->used + 1) * 1927868237ULL;
  hash ^= (hash >> 11) ^ (hash >> 25);
  hash = hash * 69069U + 907133923ULL;
  if (hash == (uint64_t)-1) hash = 590923713ULL;
  *out = (int64_t)hash;
  return 0;
}

/* ---- iteration ---- */

typedef struct obj_setiter { obj hdr; obj_set *s; int64_t pos; int64_t used; } obj_setiter;
static void setiter_dealloc(obj *o) { obj_decref(((obj_setiter *)o)->s); }
static value iter_self(lang_vm *vm, value self) { return val_incref(self); }
static value setiter_next(lang_vm *vm, value self) {
  obj_setiter *it = (obj_setiter *)self.u.o;
  obj_set *s = it->s;
  if (s->used != it->used) {
    it->used = -1;
    return exc_set(vm, EXC_RuntimeError, "Set changed size during iteration");
  }
  while (it->pos <= s->mask) {
    set_entry *e = &s->table[it->pos++];
    if (IS_ACTIVE(e)) return val_incref(e->key);
  }
  return val_stop();
}
obj_type type_setiter = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "set_iterator", .basicsize = sizeof(obj_setiter),
  .dealloc = setiter_dealloc, .iter = iter_self, .next = setiter_next,
};
static value set_iter(lang_vm *vm, value self) {
  obj_setiter *it = obj_alloc(vm, &type_setiter, sizeof *it);
  if (!it) return val_null();
  obj_incref(self.u.o);
  it->s = SET(self);
  it->used = it->s->used;
  return val_obj(it);
}

static value set_new_slot(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  if (bi_no_kwargs(vm, type->name, kw) < 0 || bi_check_nargs(vm, type->name, nargs, 0, 1) < 0) return val_null();
  return set_new_from(vm, type, nargs ? args[0] : val_null());
}

/* ---- methods ---- */

#define SELF SET(args[0])

static value m_add(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return set_add_key(vm, SELF, args[1]) < 0 ? val_null() : val_none();
}
static value m_remove(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int r = set_discard_key(vm, SELF, args[1]);
  if (r < 0) return val_null();
  if (r == 0) return exc_set_value(vm, EXC_KeyError, args[1]);
  return val_none();
}
static value m_discard(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return set_discard_key(vm, SELF, args[1]) < 0 ? val_null() : val_none();
}
static value m_pop(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_set *s = SELF;
  if (s->used == 0) return exc_set(vm, EXC_KeyError, "pop from an empty set");
  set_entry *e = s->table + (s->finger & s->mask);
  while (!IS_ACTIVE(e)) {
    e++;
    if (e > s->table + s->mask) e = s->table;
  }
  value k = e->key;
  e->key = val_null();
  e->hash = -1;
  s->used--;
  s->finger = e - s->table + 1;
  return k;
}
static value m_clear(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_set *s = SELF;
  for (int64_t i = 0; i <= s->mask; i++) val_decref(s->table[i].key);
  if (s->table != s->small) lang_free(s->table, sizeof(set_entry) * (size_t)(s->mask + 1));
  memset(s->small, 0, sizeof s->small);
  s->table = s->small;
  s->mask = SET_MINSIZE - 1;
  s->fill = s->used = 0;
  return val_none();
}
static value m_copy(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return set_copy_as(vm, val_type(args[0]), args[0]);
}
static value multi(lang_vm *vm, const value *args, int nargs, int which) {
  value r = set_copy_as(vm, val_type(args[0]), args[0]);
  for (int i = 1; i < nargs && !VAL_IS_NULL(r); i++) {
    value next;
    if (which == 0) {
      if (set_update(vm, SET(r), args[i]) < 0) next = val_null();
      else next = val_incref(r);
    } else if (which == 1) next = set_intersection_of(vm, SET(r), args[i]);
    else next = set_difference_of(vm, SET(r), args[i]);
    val_decref(r);
    r = next;
  }
  return r;
}
static value m_union(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return multi(vm, args, nargs, 0); }
static value m_intersection(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return multi(vm, args, nargs, 1); }
static value m_difference(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return multi(vm, args, nargs, 2); }
static value m_symdiff(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return set_symdiff_of(vm, SELF, args[1]); }
static value m_update(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  for (int i = 1; i < nargs; i++)
    if (set_update(vm, SELF, args[i]) < 0) return val_null();
  return val_none();
}
static value m_intersection_update(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value r = set_binop(vm, args[0], args[1], BINOP_INPLACE + BINOP_AND, false);
  if (val_is_notimpl(r)) {   /* other is not a set */
    value o = set_new_from(vm, &type_set, args[1]);
    if (VAL_IS_NULL(o)) return o;
    r = set_binop(vm, args[0], o, BINOP_INPLACE + BINOP_AND, false);
    val_decref(o);
  }
  if (VAL_IS_NULL(r)) return r;
  val_decref(r);
  return val_none();
}
static value m_difference_update(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  for (int i = 1; i < nargs; i++)
    if (set_difference_update(vm, SELF, args[i]) < 0) return val_null();
  return val_none();
}
static value m_symdiff_update(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return set_symdiff_update(vm, SELF, args[1]) < 0 ? val_null() : val_none();
}
static value as_set_arg(lang_vm *vm, value v) {
  return is_anyset(v) ? val_incref(v) : set_new_from(vm, &type_set, v);
}
static value m_issubset(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value o = as_set_arg(vm, args[1]);
  if (VAL_IS_NULL(o)) return o;
  int err = 0;
  bool r = is_subset(vm, SELF, SET(o), &err);
  val_decref(o);
  return err ? val_null() : val_bool(r);
}
static value m_issuperset(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value o = as_set_arg(vm, args[1]);
  if (VAL_IS_NULL(o)) return o;
  int err = 0;
  bool r = is_subset(vm, SET(o), SELF, &err);
  val_decref(o);
  return err ? val_null() : val_bool(r);
}
static value m_isdisjoint(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value r = set_intersection_of(vm, SELF, args[1]);
  if (VAL_IS_NULL(r)) return r;
  bool d = SET(r)->used == 0;
  val_decref(r);
  return val_bool(d);
}

static const bi_reg set_methods[] = {
  {"add", m_add, 2, 0, "Add an element to a set."},
  {"remove", m_remove, 2, 0, "Remove an element from a set; it must be a member."},
  {"discard", m_discard, 2, 0, "Remove an element from a set if it is a member."},
  {"pop", m_pop, 1, 0, "Remove and return an arbitrary set element."},
  {"clear", m_clear, 1, 0, "Remove all elements from this set."},
  {"update", m_update, BI_VARARGS, 0, "Update a set with the union of itself and others."},
  {"intersection_update", m_intersection_update, 2, 0, NULL},
  {"difference_update", m_difference_update, BI_VARARGS, 0, NULL},
  {"symmetric_difference_update", m_symdiff_update, 2, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};
static const bi_reg anyset_methods[] = {
  {"copy", m_copy, 1, 0, "Return a shallow copy of a set."},
  {"union", m_union, BI_VARARGS, 0, "Return the union of sets as a new set."},
  {"intersection", m_intersection, BI_VARARGS, 0, "Return the intersection of two or more sets as a new set."},
  {"difference", m_difference, BI_VARARGS, 0, "Return the difference of two or more sets as a new set."},
  {"symmetric_difference", m_symdiff, 2, 0, NULL},
  {"issubset", m_issubset, 2, 0, "Report whether another set contains this set."},
  {"issuperset", m_issuperset, 2, 0, "Report whether this set contains another set."},
  {"isdisjoint", m_isdisjoint, 2, 0, "Return True if two sets have a null intersection."},
  {NULL, NULL, 0, 0, NULL}
};

obj_type type_set = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "set", .basicsize = sizeof(obj_set), .dealloc = set_dealloc,
  .tflags = TYPE_F_ABSTRACT_EQ,
  .repr = set_repr, .len = set_len, .contains = set_contains, .richcmp = set_richcmp, .binop = set_binop,
  .iter = set_iter, .new_ = set_new_slot,
};
obj_type type_frozenset = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "frozenset", .basicsize = sizeof(obj_set), .dealloc = set_dealloc,
  .repr = set_repr, .len = set_len, .contains = set_contains, .richcmp = set_richcmp, .binop = set_binop,
  .iter = set_iter, .new_ = set_new_slot, .hash = frozenset_hash,
};

int set_init(lang_vm *vm) {
  if (type_ready(vm, &type_set) < 0 || type_ready(vm, &type_frozenset) < 0 || type_ready(vm, &type_setiter) < 0)
    return -1;
  if (type_add_methods(vm, &type_set, set_methods) < 0 || type_add_methods(vm, &type_set, anyset_methods) < 0 ||
      type_add_methods(vm, &type_frozenset, anyset_methods) < 0)
    return -1;
  return 0;
}
