/*
** kernel/lang/dict.c — the dict type: an insertion-ordered hash table (entries array + open-
** addressed index, as CPython's compact dict), its methods, and the keys/values/items views.
*/
#include <stdlib.h>

#include "kernel/lang/internal.h"

#define IX_EMPTY (-1)
#define IX_DUMMY (-2)

obj_dict *dict_new(lang_vm *vm) {
  obj_dict *d = obj_alloc(vm, &type_dict, sizeof(obj_dict));
  return d;
}

/* The entries and the index live in one block: entries[cap] then index[mask + 1]. */
static size_t storage_size(int64_t cap, int64_t mask) {
  return sizeof(dict_entry) * (size_t)cap + sizeof(int32_t) * (size_t)(mask + 1);
}

void dict_storage_release(dict_entry *entries, int64_t cap, int64_t mask) {
  if (entries) lang_free(entries, storage_size(cap, mask));
}

static void dict_free_storage(obj_dict *d) {
  for (int64_t i = 0; i < d->nentries; i++) {
    if (VAL_IS_NULL(d->entries[i].key)) continue;
    val_decref(d->entries[i].key);
    val_decref(d->entries[i].val);
  }
  dict_storage_release(d->entries, d->cap, d->mask);
  d->entries = NULL;
  d->index = NULL;
  d->nentries = d->used = d->cap = 0;
  d->mask = 0;
}

void dict_empty(obj_dict *d) {
  int64_t n = d->nentries, cap = d->cap, mask = d->mask;
  dict_entry *ents = d->entries;
  d->entries = NULL;
  d->index = NULL;
  d->nentries = d->used = d->cap = d->mask = 0;
  d->version++;
  for (int64_t i = 0; i < n; i++) {
    val_decref(ents[i].key);
    val_decref(ents[i].val);
  }
  dict_storage_release(ents, cap, mask);
}

static void dict_dealloc(obj *o) { dict_free_storage((obj_dict *)o); }

/* Rebuilds with room for at least `need` entries; compacts deleted entries. */
static int dict_resize(lang_vm *vm, obj_dict *d, int64_t need) {
  int64_t cap = 4;
  while (cap < need) cap *= 2;
  int64_t isize = cap * 2;   /* index load factor <= 1/2 */
  if (isize > INT32_MAX) {
    exc_nomem(vm);
    return -1;
  }
  dict_entry *ents = lang_alloc(storage_size(cap, isize - 1));
  if (!ents) {
    exc_nomem(vm);
    return -1;
  }
  int32_t *index = (int32_t *)(ents + cap);
  for (int64_t i = 0; i < isize; i++) index[i] = IX_EMPTY;
  int64_t n = 0, mask = isize - 1;
  for (int64_t i = 0; i < d->nentries; i++) {
    if (VAL_IS_NULL(d->entries[i].key)) continue;
    ents[n] = d->entries[i];
    uint64_t h = (uint64_t)ents[n].hash, perturb = h;
    int64_t j = (int64_t)(h & (uint64_t)mask);
    while (index[j] != IX_EMPTY) {
      perturb >>= 5;
      j = (int64_t)((uint64_t)(j * 5 + 1) + perturb) & mask;
    }
    index[j] = (int32_t)n;
    n++;
  }
  dict_storage_release(d->entries, d->cap, d->mask);
  d->entries = ents;
  d->index = index;
  d->cap = cap;
  d->mask = mask;
  d->nentries = n;
  return 0;
}

static bool keys_identical_or_str_eq(value a, value b) {
  if (a.tag == VAL_OBJ && b.tag == VAL_OBJ) {
    if (a.u.o == b.u.o) return true;
    if (a.u.o->type == &type_str && b.u.o->type == &type_str) return str_eq(VAL_STR(a), VAL_STR(b));
  }
  return false;
}

/* Finds the index slot of key: returns entry number or -1 if absent; *slot gets the index slot
   (the first dummy or empty slot for an absent key). -2 on error. */
static int64_t dict_lookup(lang_vm *vm, obj_dict *d, value key, int64_t hash, int64_t *slot) {
  if (!d->index) {
    *slot = -1;
    return -1;
  }
  int64_t mask = d->mask;
  uint64_t perturb = (uint64_t)hash;
  int64_t j = (int64_t)((uint64_t)hash & (uint64_t)mask);
  int64_t free_slot = -1;
  bool str_key = key.tag == VAL_OBJ && key.u.o->type == &type_str;
  for (;;) {
    int32_t ix = d->index[j];
    if (ix == IX_EMPTY) {
      *slot = free_slot >= 0 ? free_slot : j;
      return -1;
    }
    if (ix == IX_DUMMY) {
      if (free_slot < 0) free_slot = j;
    } else {
      dict_entry *e = &d->entries[ix];
      if (e->hash == hash) {
        if (keys_identical_or_str_eq(e->key, key)) {
          *slot = j;
          return ix;
        }
        bool e_str = e->key.tag == VAL_OBJ && e->key.u.o->type == &type_str;
        if (!(str_key && e_str)) {
          uint32_t ver = d->version;
          value ek = val_incref(e->key);
          int eq = obj_eq(vm, ek, key);
          val_decref(ek);
          if (eq < 0) return -2;
          if (d->version != ver) return exc_seti(vm, EXC_RuntimeError, "dictionary changed size during iteration") - 1;
          if (eq) {
            *slot = j;
            return ix;
          }
        }
      }
    }
    perturb >>= 5;
    j = (int64_t)((uint64_t)(j * 5 + 1) + perturb) & mask;
  }
}

value dict_get(lang_vm *vm, obj_dict *d, value key, bool *err) {
  *err = false;
  int64_t h;
  if (obj_hash(vm, key, &h) < 0) {
    *err = true;
    return val_null();
  }
  int64_t slot;
  int64_t ix = dict_lookup(vm, d, key, h, &slot);
  if (ix == -2) {
    *err = true;
    return val_null();
  }
  return ix < 0 ? val_null() : d->entries[ix].val;
}

int64_t dict_find_str(obj_dict *d, obj_str *key) {
  if (!d->index) return -1;
  int64_t hash = str_hash(key);
  int64_t mask = d->mask;
  uint64_t perturb = (uint64_t)hash;
  int64_t j = (int64_t)((uint64_t)hash & (uint64_t)mask);
  for (;;) {
    int32_t ix = d->index[j];
    if (ix == IX_EMPTY) return -1;
    if (ix >= 0) {
      dict_entry *e = &d->entries[ix];
      if (e->hash == hash && e->key.tag == VAL_OBJ) {
        obj *k = e->key.u.o;
        if (k == (obj *)key || (k->type == &type_str && str_eq((obj_str *)k, key))) return ix;
      }
    }
    perturb >>= 5;
    j = (int64_t)((uint64_t)(j * 5 + 1) + perturb) & mask;
  }
}

value dict_get_str(obj_dict *d, obj_str *key) {
  if (!d->index) return val_null();
  int64_t hash = str_hash(key);
  int64_t mask = d->mask;
  uint64_t perturb = (uint64_t)hash;
  int64_t j = (int64_t)((uint64_t)hash & (uint64_t)mask);
  for (;;) {
    int32_t ix = d->index[j];
    if (ix == IX_EMPTY) return val_null();
    if (ix >= 0) {
      dict_entry *e = &d->entries[ix];
      if (e->hash == hash && e->key.tag == VAL_OBJ) {
        obj *k = e->key.u.o;
        if (k == (obj *)key) return e->val;
        if (k->type == &type_str && str_eq((obj_str *)k, key)) return e->val;
      }
    }
    perturb >>= 5;
    j = (int64_t)((uint64_t)(j * 5 + 1) + perturb) & mask;
  }
}

value dict_get_cstr(lang_vm *vm, obj_dict *d, const char *key) {
  obj_str *s = str_intern(vm, key);
  return s ? dict_get_str(d, s) : val_null();
}

static int dict_insert(lang_vm *vm, obj_dict *d, value key, int64_t h, value v) {
  int64_t slot;
  int64_t ix = dict_lookup(vm, d, key, h, &slot);
  if (ix == -2) return -1;
  if (ix >= 0) {
    val_set(&d->entries[ix].val, val_incref(v));
    return 0;
  }
  if (!d->index || d->nentries >= d->cap) {
    if (dict_resize(vm, d, d->used + 1 > d->cap ? (d->used + 1) * 2 : d->cap) < 0) return -1;
    ix = dict_lookup(vm, d, key, h, &slot);
    if (ix == -2) return -1;
  }
  dict_entry *e = &d->entries[d->nentries];
  e->hash = h;
  e->key = val_incref(key);
  e->val = val_incref(v);
  d->index[slot] = (int32_t)d->nentries;
  d->nentries++;
  d->used++;
  d->version++;
  return 0;
}

int dict_set(lang_vm *vm, obj_dict *d, value key, value v) {
  int64_t h;
  if (obj_hash(vm, key, &h) < 0) return -1;
  return dict_insert(vm, d, key, h, v);
}

int dict_set_str(lang_vm *vm, obj_dict *d, obj_str *key, value v) {
  int64_t ix = dict_find_str(d, key);
  if (ix >= 0) {
    val_set(&d->entries[ix].val, val_incref(v));
    return 0;
  }
  return dict_insert(vm, d, val_obj(key), str_hash(key), v);
}

int dict_set_cstr(lang_vm *vm, obj_dict *d, const char *key, value v) {
  obj_str *s = str_intern(vm, key);
  if (!s) return -1;
  return dict_set_str(vm, d, s, v);
}

int dict_del(lang_vm *vm, obj_dict *d, value key) {
  int64_t h;
  if (obj_hash(vm, key, &h) < 0) return -1;
  int64_t slot;
  int64_t ix = dict_lookup(vm, d, key, h, &slot);
  if (ix == -2) return -1;
  if (ix < 0) return 0;
  dict_entry *e = &d->entries[ix];
  value k = e->key, v = e->val;
  e->key = val_null();
  e->val = val_null();
  d->index[slot] = IX_DUMMY;
  d->used--;
  d->version++;
  val_decref(k);
  val_decref(v);
  return 1;
}

bool dict_next(obj_dict *d, int64_t *pos, value *key, value *val) {
  while (*pos < d->nentries) {
    dict_entry *e = &d->entries[(*pos)++];
    if (VAL_IS_NULL(e->key)) continue;
    *key = e->key;
    *val = e->val;
    return true;
  }
  return false;
}

obj_dict *dict_copy(lang_vm *vm, obj_dict *src) {
  obj_dict *d = dict_new(vm);
  if (!d) return NULL;
  if (src->used && dict_resize(vm, d, src->used) < 0) {
    obj_decref(d);
    return NULL;
  }
  int64_t pos = 0;
  value k, v;
  while (dict_next(src, &pos, &k, &v)) {
    int64_t h;
    obj_hash(vm, k, &h);
    if (dict_insert(vm, d, k, h, v) < 0) {
      obj_decref(d);
      return NULL;
    }
  }
  return d;
}

/* dict.update(other): a dict, an object with keys(), or an iterable of pairs. */
int dict_update(lang_vm *vm, obj_dict *d, value other) {
  if (val_is_dict(other)) {
    obj_dict *src = VAL_DICT(other);
    int64_t pos = 0;
    value k, v;
    while (dict_next(src, &pos, &k, &v))
      if (dict_set(vm, d, k, v) < 0) return -1;
    return 0;
  }
  value keys = obj_getattr_opt(vm, other, vm->s.keys);
  if (!VAL_IS_NULL(keys)) {
    value ks = vm_call0(vm, keys);
    val_decref(keys);
    if (VAL_IS_NULL(ks)) return -1;
    obj_list *l = obj_to_list(vm, ks);
    val_decref(ks);
    if (!l) return -1;
    for (int64_t i = 0; i < l->len; i++) {
      value v = obj_getitem(vm, other, l->items[i]);
      if (VAL_IS_NULL(v) || dict_set(vm, d, l->items[i], v) < 0) {
        val_decref(v);
        obj_decref(l);
        return -1;
      }
      val_decref(v);
    }
    obj_decref(l);
    return 0;
  }
  if (exc_pending(vm)) return -1;
  value it = obj_iter(vm, other);
  if (VAL_IS_NULL(it)) return -1;
  for (int64_t n = 0;; n++) {
    value item = obj_next(vm, it);
    if (item.tag == VAL_STOP) break;
    if (VAL_IS_NULL(item)) {
      val_decref(it);
      return -1;
    }
    obj_list *pair = obj_to_list(vm, item);
    if (!pair) {
      if (exc_matches(vm, EXC_TypeError)) {
        exc_clear(vm);
        exc_set(vm, EXC_TypeError, "cannot convert dictionary update sequence element #%lld to a sequence", (long long)n);
      }
      val_decref(item);
      val_decref(it);
      return -1;
    }
    val_decref(item);
    if (pair->len != 2) {
      exc_set(vm, EXC_ValueError, "dictionary update sequence element #%lld has length %lld; 2 is required",
              (long long)n, (long long)pair->len);
      obj_decref(pair);
      val_decref(it);
      return -1;
    }
    int rc = dict_set(vm, d, pair->items[0], pair->items[1]);
    obj_decref(pair);
    if (rc < 0) {
      val_decref(it);
      return -1;
    }
  }
  val_decref(it);
  return 0;
}

/* ---- slots ---- */

static value dict_repr(lang_vm *vm, value self) {
  obj_dict *d = VAL_DICT(self);
  strbuf b;
  sb_init(&b);
  sb_addc(&b, '{');
  int64_t pos = 0, n = 0;
  value k, v;
  while (dict_next(d, &pos, &k, &v)) {
    if (n++) sb_adds(&b, ", ");
    if (obj_repr_to(vm, k, &b) < 0) goto fail;
    sb_adds(&b, ": ");
    if (obj_repr_to(vm, v, &b) < 0) goto fail;
  }
  sb_addc(&b, '}');
  obj_str *s = sb_finish(vm, &b);
  return s ? val_obj(s) : val_null();
fail:
  sb_free(&b);
  return val_null();
}

static value dict_richcmp(lang_vm *vm, value a, value b, int op) {
  if (!val_is_dict(a) || !val_is_dict(b) || (op != CMP_EQ && op != CMP_NE)) return val_notimpl();
  obj_dict *x = VAL_DICT(a), *y = VAL_DICT(b);
  bool eq = x->used == y->used;
  int64_t pos = 0;
  value k, v;
  while (eq && dict_next(x, &pos, &k, &v)) {
    bool err;
    value w = dict_get(vm, y, k, &err);
    if (err) return val_null();
    if (VAL_IS_NULL(w)) {
      eq = false;
      break;
    }
    int e = obj_eq(vm, v, w);
    if (e < 0) return val_null();
    eq = e;
  }
  return val_bool(op == CMP_EQ ? eq : !eq);
}

static int64_t dict_len(lang_vm *vm, value self) { return VAL_DICT(self)->used; }

static value dict_getitem(lang_vm *vm, value self, value key) {
  bool err;
  value v = dict_get(vm, VAL_DICT(self), key, &err);
  if (err) return val_null();
  if (VAL_IS_NULL(v)) {
    if (self.u.o->type != &type_dict) {
      value miss = type_lookup(self.u.o->type, str_intern(vm, "__missing__"));
      if (!VAL_IS_NULL(miss)) return vm_call2(vm, miss, self, key);
    }
    return exc_set_value(vm, EXC_KeyError, key);
  }
  return val_incref(v);
}

static int dict_setitem(lang_vm *vm, value self, value key, value v) {
  if (VAL_IS_NULL(v)) {
    int r = dict_del(vm, VAL_DICT(self), key);
    if (r == 0) {
      exc_set_value(vm, EXC_KeyError, key);
      return -1;
    }
    return r < 0 ? -1 : 0;
  }
  return dict_set(vm, VAL_DICT(self), key, v);
}

static int dict_contains(lang_vm *vm, value self, value key) {
  bool err;
  value v = dict_get(vm, VAL_DICT(self), key, &err);
  if (err) return -1;
  return !VAL_IS_NULL(v);
}

/* ---- iteration and views ---- */

enum { VIEW_KEYS, VIEW_VALUES, VIEW_ITEMS };
typedef struct obj_dictiter { obj hdr; obj_dict *d; int64_t pos; int kind; uint32_t version; int64_t used; } obj_dictiter;
typedef struct obj_dictview { obj hdr; obj_dict *d; int kind; } obj_dictview;

static void dictiter_dealloc(obj *o) { obj_decref(((obj_dictiter *)o)->d); }
static value iter_self(lang_vm *vm, value self) { return val_incref(self); }

static value dictiter_next(lang_vm *vm, value self) {
  obj_dictiter *it = (obj_dictiter *)self.u.o;
  if (it->d->used != it->used) {
    it->used = -1;
    return exc_set(vm, EXC_RuntimeError, "dictionary changed size during iteration");
  }
  value k, v;
  if (!dict_next(it->d, &it->pos, &k, &v)) return val_stop();
  if (it->kind == VIEW_KEYS) return val_incref(k);
  if (it->kind == VIEW_VALUES) return val_incref(v);
  obj_tuple *t = tuple_new(vm, 2);
  if (!t) return val_null();
  t->items[0] = val_incref(k);
  t->items[1] = val_incref(v);
  return val_obj(t);
}

obj_type type_dictiter = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "dict_keyiterator", .basicsize = sizeof(obj_dictiter),
  .dealloc = dictiter_dealloc, .iter = iter_self, .next = dictiter_next,
};

static value make_dictiter(lang_vm *vm, obj_dict *d, int kind) {
  obj_dictiter *it = obj_alloc(vm, &type_dictiter, sizeof *it);
  if (!it) return val_null();
  obj_incref(d);
  it->d = d;
  it->kind = kind;
  it->used = d->used;
  return val_obj(it);
}

static value dict_iter(lang_vm *vm, value self) { return make_dictiter(vm, VAL_DICT(self), VIEW_KEYS); }

static void dictview_dealloc(obj *o) { obj_decref(((obj_dictview *)o)->d); }
static value dictview_iter(lang_vm *vm, value self) {
  obj_dictview *v = (obj_dictview *)self.u.o;
  return make_dictiter(vm, v->d, v->kind);
}
static int64_t dictview_len(lang_vm *vm, value self) { return ((obj_dictview *)self.u.o)->d->used; }

static value dictview_repr(lang_vm *vm, value self) {
  obj_dictview *dv = (obj_dictview *)self.u.o;
  static const char *const names[3] = {"dict_keys", "dict_values", "dict_items"};
  obj_list *l = obj_to_list(vm, self);
  if (!l) return val_null();
  strbuf b;
  sb_init(&b);
  sb_adds(&b, names[dv->kind]);
  sb_addc(&b, '(');
  int rc = obj_repr_to(vm, val_obj(l), &b);
  obj_decref(l);
  if (rc < 0) {
    sb_free(&b);
    return val_null();
  }
  sb_addc(&b, ')');
  obj_str *s = sb_finish(vm, &b);
  return s ? val_obj(s) : val_null();
}

static int dictview_contains(lang_vm *vm, value self, value x) {
  obj_dictview *dv = (obj_dictview *)self.u.o;
  if (dv->kind == VIEW_KEYS) return dict_contains(vm, val_obj(dv->d), x);
  if (dv->kind == VIEW_ITEMS) {
    if (!val_is_tuple(x) || VAL_TUPLE(x)->len != 2) return 0;
    bool err;
    value v = dict_get(vm, dv->d, VAL_TUPLE(x)->items[0], &err);
    if (err) return -1;
    if (VAL_IS_NULL(v)) return 0;
    return obj_eq(vm, v, VAL_TUPLE(x)->items[1]);
  }
  int64_t pos = 0;
  value k, v;
  while (dict_next(dv->d, &pos, &k, &v)) {
    int eq = obj_eq(vm, v, x);
    if (eq) return eq;
  }
  return 0;
}

obj_type type_dictview = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "dict_keys", .basicsize = sizeof(obj_dictview),
  .dealloc = dictview_dealloc, .iter = dictview_iter, .len = dictview_len, .repr = dictview_repr,
  .contains = dictview_contains,
};
obj_type type_dictview_values = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "dict_values", .base = &type_dictview,
};
obj_type type_dictview_items = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "dict_items", .base = &type_dictview,
};

static value make_view(lang_vm *vm, value d, int kind) {
  obj_type *t = kind == VIEW_KEYS ? &type_dictview : kind == VIEW_VALUES ? &type_dictview_values : &type_dictview_items;
  obj_dictview *v = obj_alloc(vm, t, sizeof *v);
  if (!v) return val_null();
  obj_incref(d.u.o);
  v->d = VAL_DICT(d);
  v->kind = kind;
  return val_obj(v);
}

/* ---- construction ---- */

static value dict_new_slot(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  obj_dict *d = obj_alloc(vm, type, type->basicsize ? type->basicsize : sizeof(obj_dict));
  return d ? val_obj(d) : val_null();
}

/* dict.__init__(mapping_or_pairs=(), **kw) */
static int dict_init_slot(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "dict", nargs, 0, 1) < 0) return -1;
  obj_dict *d = VAL_DICT(self);
  if (nargs == 1 && dict_update(vm, d, args[0]) < 0) return -1;
  if (kw)
    for (int64_t i = 0; i < kw->len; i++)
      if (dict_set(vm, d, kw->items[i], args[nargs + i]) < 0) return -1;
  return 0;
}

/* ---- methods ---- */

#define SELF VAL_DICT(args[0])

static value m_get(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "get", nargs - 1, 1, 2) < 0) return val_null();
  bool err;
  value v = dict_get(vm, SELF, args[1], &err);
  if (err) return val_null();
  if (VAL_IS_NULL(v)) return nargs > 2 ? val_incref(args[2]) : val_none();
  return val_incref(v);
}
static value m_setdefault(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "setdefault", nargs - 1, 1, 2) < 0) return val_null();
  bool err;
  value v = dict_get(vm, SELF, args[1], &err);
  if (err) return val_null();
  if (!VAL_IS_NULL(v)) return val_incref(v);
  value dflt = nargs > 2 ? args[2] : val_none();
  if (dict_set(vm, SELF, args[1], dflt) < 0) return val_null();
  return val_incref(dflt);
}
static value m_pop(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "pop", nargs - 1, 1, 2) < 0) return val_null();
  bool err;
  value v = dict_get(vm, SELF, args[1], &err);
  if (err) return val_null();
  if (VAL_IS_NULL(v)) {
    if (nargs > 2) return val_incref(args[2]);
    return exc_set_value(vm, EXC_KeyError, args[1]);
  }
  val_incref(v);
  if (dict_del(vm, SELF, args[1]) < 0) {
    val_decref(v);
    return val_null();
  }
  return v;
}
static value m_popitem(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_dict *d = SELF;
  for (int64_t i = d->nentries - 1; i >= 0; i--) {
    if (VAL_IS_NULL(d->entries[i].key)) continue;
    obj_tuple *t = tuple_new(vm, 2);
    if (!t) return val_null();
    t->items[0] = val_incref(d->entries[i].key);
    t->items[1] = val_incref(d->entries[i].val);
    dict_del(vm, d, t->items[0]);
    return val_obj(t);
  }
  return exc_set(vm, EXC_KeyError, "popitem(): dictionary is empty");
}
static value m_keys(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return make_view(vm, args[0], VIEW_KEYS); }
static value m_values(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return make_view(vm, args[0], VIEW_VALUES); }
static value m_items(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return make_view(vm, args[0], VIEW_ITEMS); }
static value m_update(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "update", nargs - 1, 0, 1) < 0) return val_null();
  if (nargs > 1 && dict_update(vm, SELF, args[1]) < 0) return val_null();
  if (kw)
    for (int64_t i = 0; i < kw->len; i++)
      if (dict_set(vm, SELF, kw->items[i], args[nargs + i]) < 0) return val_null();
  return val_none();
}
static value m_copy(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_dict *d = dict_copy(vm, SELF);
  return d ? val_obj(d) : val_null();
}
static value m_clear(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  dict_free_storage(SELF);
  SELF->version++;
  return val_none();
}
static value m_fromkeys(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "fromkeys", nargs - 1, 1, 2) < 0) return val_null();
  obj_dict *d = dict_new(vm);
  if (!d) return val_null();
  obj_list *ks = obj_to_list(vm, args[1]);
  if (!ks) {
    obj_decref(d);
    return val_null();
  }
  value v = nargs > 2 ? args[2] : val_none();
  for (int64_t i = 0; i < ks->len; i++)
    if (dict_set(vm, d, ks->items[i], v) < 0) {
      obj_decref(ks);
      obj_decref(d);
      return val_null();
    }
  obj_decref(ks);
  return val_obj(d);
}

static value dict_binop(lang_vm *vm, value a, value b, int op, bool reflected) {
  if ((op == BINOP_OR || op == BINOP_INPLACE + BINOP_OR) && val_is_dict(a) && val_is_dict(b)) {
    if (op >= BINOP_INPLACE) {
      if (dict_update(vm, VAL_DICT(a), b) < 0) return val_null();
      return val_incref(a);
    }
    obj_dict *d = dict_copy(vm, VAL_DICT(a));
    if (!d || dict_update(vm, d, b) < 0) {
      obj_xdecref(d);
      return val_null();
    }
    return val_obj(d);
  }
  return val_notimpl();
}

static const bi_reg dict_methods[] = {
  {"get", m_get, BI_VARARGS, 0, "Return the value for key if key is in the dictionary, else default."},
  {"setdefault", m_setdefault, BI_VARARGS, 0, "Insert key with a value of default if key is not in the dictionary."},
  {"pop", m_pop, BI_VARARGS, 0, "D.pop(k[,d]) -> v, remove specified key and return the corresponding value."},
  {"popitem", m_popitem, 1, 0, "Remove and return a (key, value) pair as a 2-tuple."},
  {"keys", m_keys, 1, 0, "D.keys() -> a set-like object providing a view on D's keys"},
  {"values", m_values, 1, 0, "D.values() -> an object providing a view on D's values"},
  {"items", m_items, 1, 0, "D.items() -> a set-like object providing a view on D's items"},
  {"update", m_update, BI_VARARGS, BI_F_KW, "D.update([E, ]**F) -> None."},
  {"copy", m_copy, 1, 0, "D.copy() -> a shallow copy of D"},
  {"clear", m_clear, 1, 0, "D.clear() -> None.  Remove all items from D."},
  {"fromkeys", m_fromkeys, BI_VARARGS, BI_F_CLASS, "Create a new dictionary with keys from iterable and values set to value."},
  {NULL, NULL, 0, 0, NULL}
};

obj_type type_dict = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "dict", .basicsize = sizeof(obj_dict),
  .tflags = TYPE_F_DICT_SUB | TYPE_F_BASETYPE | TYPE_F_ABSTRACT_EQ, .init = dict_init_slot,
  .dealloc = dict_dealloc, .repr = dict_repr, .richcmp = dict_richcmp, .len = dict_len, .getitem = dict_getitem,
  .setitem = dict_setitem, .contains = dict_contains, .iter = dict_iter, .new_ = dict_new_slot, .binop = dict_binop,
};

int dict_init(lang_vm *vm) {
  if (type_ready(vm, &type_dict) < 0 || type_ready(vm, &type_dictiter) < 0 || type_ready(vm, &type_dictview) < 0 ||
      type_ready(vm, &type_dictview_values) < 0 || type_ready(vm, &type_dictview_items) < 0)
    return -1;
  return type_add_methods(vm, &type_dict, dict_methods);
}
