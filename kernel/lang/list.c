/*
** kernel/lang/list.c — the list type: growable value arrays, slicing with steps (get, set, del),
** the list methods and a stable merge sort with key/reverse that propagates comparison errors.
*/
#include <stdlib.h>

#include "kernel/lang/internal.h"

int seq_repr_items(lang_vm *vm, strbuf *b, const value *items, int64_t n);
value seq_richcmp(lang_vm *vm, const value *a, int64_t na, const value *b, int64_t nb, int op);
value seq_index(lang_vm *vm, const value *items, int64_t n, const value *args, int nargs, const char *what);
value seq_count(lang_vm *vm, const value *items, int64_t n, value x);
int seq_norm_index(lang_vm *vm, value key, int64_t n, int64_t *out, const char *what);

obj_list *list_new(lang_vm *vm, int64_t cap) {
  obj_list *l = obj_alloc(vm, &type_list, sizeof(obj_list));
  if (!l) return NULL;
  if (cap > 0) {
    l->items = lang_alloc(sizeof(value) * (size_t)cap);
    if (!l->items) {
      obj_decref(l);
      exc_nomem(vm);
      return NULL;
    }
    l->cap = cap;
  }
  return l;
}

static int list_reserve(lang_vm *vm, obj_list *l, int64_t need) {
  if (need <= l->cap) return 0;
  int64_t cap = l->cap < 4 ? 4 : l->cap + (l->cap >> 1);
  if (cap < need) cap = need;
  if (cap > INT64_MAX / (int64_t)sizeof(value) / 2) {
    exc_nomem(vm);
    return -1;
  }
  value *p = lang_realloc(l->items, sizeof(value) * (size_t)l->cap, sizeof(value) * (size_t)cap);
  if (!p) {
    exc_nomem(vm);
    return -1;
  }
  l->items = p;
  l->cap = cap;
  return 0;
}

int list_append_steal(lang_vm *vm, obj_list *l, value v) {
  if (l->len == l->cap && list_reserve(vm, l, l->len + 1) < 0) {
    val_decref(v);
    return -1;
  }
  l->items[l->len++] = v;
  return 0;
}

int list_append(lang_vm *vm, obj_list *l, value v) { return list_append_steal(vm, l, val_incref(v)); }

int list_extend(lang_vm *vm, obj_list *l, value iterable) {
  if (val_is_list(iterable) || val_is_tuple(iterable)) {
    int64_t n = val_is_list(iterable) ? VAL_LIST(iterable)->len : VAL_TUPLE(iterable)->len;
    if (list_reserve(vm, l, l->len + n) < 0) return -1;
    const value *src = val_is_list(iterable) ? VAL_LIST(iterable)->items : VAL_TUPLE(iterable)->items;
    for (int64_t i = 0; i < n; i++) l->items[l->len + i] = val_incref(src[i]);
    l->len += n;
    return 0;
  }
  value it = obj_iter(vm, iterable);
  if (VAL_IS_NULL(it)) return -1;
  for (;;) {
    value x = obj_next(vm, it);
    if (x.tag == VAL_STOP) break;
    if (VAL_IS_NULL(x) || list_append_steal(vm, l, x) < 0) {
      val_decref(it);
      return -1;
    }
  }
  val_decref(it);
  return 0;
}

value list_to_tuple(lang_vm *vm, obj_list *l) {
  obj_tuple *t = tuple_from(vm, l->items, l->len);
  return t ? val_obj(t) : val_null();
}

static void list_dealloc(obj *o) {
  obj_list *l = (obj_list *)o;
  for (int64_t i = 0; i < l->len; i++) val_decref(l->items[i]);
  lang_free(l->items, sizeof(value) * (size_t)l->cap);
}

/* ---- slots ---- */

static value list_repr(lang_vm *vm, value self) {
  obj_list *l = VAL_LIST(self);
  strbuf b;
  sb_init(&b);
  sb_addc(&b, '[');
  if (seq_repr_items(vm, &b, l->items, l->len) < 0) {
    sb_free(&b);
    return val_null();
  }
  sb_addc(&b, ']');
  obj_str *s = sb_finish(vm, &b);
  return s ? val_obj(s) : val_null();
}

static value list_richcmp(lang_vm *vm, value a, value b, int op) {
  if (!val_is_list(a) || !val_is_list(b)) return val_notimpl();
  return seq_richcmp(vm, VAL_LIST(a)->items, VAL_LIST(a)->len, VAL_LIST(b)->items, VAL_LIST(b)->len, op);
}

static int64_t list_len(lang_vm *vm, value self) { return VAL_LIST(self)->len; }

static bool is_index_like(lang_vm *vm, value key) {
  return val_is_intlike(key) ||
         (key.tag == VAL_OBJ && key.u.o->type != &type_slice && !VAL_IS_NULL(type_lookup(key.u.o->type, vm->s.__index__)));
}

static value list_getitem(lang_vm *vm, value self, value key) {
  obj_list *l = VAL_LIST(self);
  if (val_type(key) == &type_slice) {
    int64_t start, stop, step;
    int64_t n = slice_indices(vm, (obj_slice *)key.u.o, l->len, &start, &stop, &step);
    if (n < 0) return val_null();
    obj_list *r = list_new(vm, n);
    if (!r) return val_null();
    for (int64_t k = 0, i = start; k < n; k++, i += step) r->items[k] = val_incref(l->items[i]);
    r->len = n;
    return val_obj(r);
  }
  if (!is_index_like(vm, key))
    return exc_set(vm, EXC_TypeError, "list indices must be integers or slices, not %s", val_type_name(key));
  int64_t i;
  if (seq_norm_index(vm, key, l->len, &i, "list") < 0) return val_null();
  return val_incref(l->items[i]);
}

static int list_del_slice(lang_vm *vm, obj_list *l, int64_t start, int64_t n, int64_t step) {
  if (n <= 0) return 0;
  if (step < 0) {
    start = start + step * (n - 1);
    step = -step;
  }
  int64_t w = start;
  for (int64_t r = start, k = 0; r < l->len; r++) {
    if (k < n && r == start + k * step) {
      val_decref(l->items[r]);
      k++;
      continue;
    }
    l->items[w++] = l->items[r];
  }
  l->len = w;
  return 0;
}

static int list_setitem(lang_vm *vm, value self, value key, value v) {
  obj_list *l = VAL_LIST(self);
  if (val_type(key) == &type_slice) {
    int64_t start, stop, step;
    int64_t n = slice_indices(vm, (obj_slice *)key.u.o, l->len, &start, &stop, &step);
    if (n < 0) return -1;
    if (VAL_IS_NULL(v)) return list_del_slice(vm, l, start, n, step);
    obj_list *src = obj_to_list(vm, v);
    if (!src) {
      if (exc_matches(vm, EXC_TypeError)) {
        exc_clear(vm);
        return exc_seti(vm, EXC_TypeError, "must assign iterable to extended slice");
      }
      return -1;
    }
    int rc = 0;
    if (step == 1) {
      if (stop < start) stop = start;
      int64_t newlen = l->len - (stop - start) + src->len;
      if (list_reserve(vm, l, newlen) < 0) rc = -1;
      else {
        for (int64_t i = start; i < stop; i++) val_decref(l->items[i]);
        memmove(l->items + start + src->len, l->items + stop, sizeof(value) * (size_t)(l->len - stop));
        for (int64_t i = 0; i < src->len; i++) l->items[start + i] = val_incref(src->items[i]);
        l->len = newlen;
      }
    } else if (src->len != n) {
      rc = exc_seti(vm, EXC_ValueError, "attempt to assign sequence of size %lld to extended slice of size %lld",
                    (long long)src->len, (long long)n);
    } else {
      for (int64_t k = 0, i = start; k < n; k++, i += step) val_set(&l->items[i], val_incref(src->items[k]));
    }
    obj_decref(src);
    return rc;
  }
  if (!is_index_like(vm, key))
    return exc_seti(vm, EXC_TypeError, "list indices must be integers or slices, not %s", val_type_name(key));
  int64_t i;
  if (seq_norm_index(vm, key, l->len, &i, VAL_IS_NULL(v) ? "list assignment" : "list assignment") < 0) return -1;
  if (VAL_IS_NULL(v)) {
    val_decref(l->items[i]);
    memmove(l->items + i, l->items + i + 1, sizeof(value) * (size_t)(l->len - i - 1));
    l->len--;
    return 0;
  }
  val_set(&l->items[i], val_incref(v));
  return 0;
}

static int list_contains(lang_vm *vm, value self, value x) {
  obj_list *l = VAL_LIST(self);
  for (int64_t i = 0; i < l->len; i++) {
    int eq = obj_eq(vm, l->items[i], x);
    if (eq) return eq;
  }
  return 0;
}

static value list_binop(lang_vm *vm, value a, value b, int op, bool reflected) {
  if (op == BINOP_INPLACE + BINOP_ADD && val_is_list(a)) {
    if (list_extend(vm, VAL_LIST(a), b) < 0) return val_null();
    return val_incref(a);
  }
  if (op == BINOP_ADD && val_is_list(a) && val_is_list(b)) {
    obj_list *x = VAL_LIST(a), *y = VAL_LIST(b);
    obj_list *r = list_new(vm, x->len + y->len);
    if (!r) return val_null();
    for (int64_t i = 0; i < x->len; i++) r->items[i] = val_incref(x->items[i]);
    for (int64_t i = 0; i < y->len; i++) r->items[x->len + i] = val_incref(y->items[i]);
    r->len = x->len + y->len;
    return val_obj(r);
  }
  if (op == BINOP_MUL || op == BINOP_INPLACE + BINOP_MUL) {
    value lv = val_is_list(a) ? a : b, n = val_is_list(a) ? b : a;
    if (!val_is_list(lv) || !val_is_intlike(n)) return val_notimpl();
    obj_list *x = VAL_LIST(lv);
    int64_t k = val_as_int(n), xl = x->len;
    if (k < 0) k = 0;
    if (xl && k > (INT64_C(1) << 40) / xl) return exc_nomem(vm);
    obj_list *r = list_new(vm, xl * k);
    if (!r) return val_null();
    for (int64_t j = 0; j < k; j++)
      for (int64_t i = 0; i < xl; i++) r->items[j * xl + i] = val_incref(x->items[i]);
    r->len = xl * k;
    if (op >= BINOP_INPLACE) {   /* l *= n: replace the contents in place */
      for (int64_t i = 0; i < x->len; i++) val_decref(x->items[i]);
      lang_free(x->items, sizeof(value) * (size_t)x->cap);
      x->items = r->items;
      x->len = r->len;
      x->cap = r->cap;
      r->items = NULL;
      r->len = r->cap = 0;
      obj_decref(r);
      return val_incref(a);
    }
    return val_obj(r);
  }
  return val_notimpl();
}

/* ---- iteration ---- */

typedef struct obj_listiter { obj hdr; obj_list *l; int64_t pos; bool reversed; } obj_listiter;

static void listiter_dealloc(obj *o) { obj_decref(((obj_listiter *)o)->l); }
static value iter_self(lang_vm *vm, value self) { return val_incref(self); }

static value listiter_next(lang_vm *vm, value self) {
  obj_listiter *it = (obj_listiter *)self.u.o;
  if (it->reversed) {
    if (it->pos < 0 || it->pos >= it->l->len) return val_stop();
    return val_incref(it->l->items[it->pos--]);
  }
  if (it->pos >= it->l->len) return val_stop();
  return val_incref(it->l->items[it->pos++]);
}

static value listiter_length_hint(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  obj_listiter *it = (obj_listiter *)a[0].u.o;
  int64_t left = it->reversed ? it->pos + 1 : it->l->len - it->pos;
  return val_int(left < 0 ? 0 : left);
}
static const bi_reg listiter_methods[] = {
  {"__length_hint__", listiter_length_hint, 1, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};

obj_type type_listiter = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "list_iterator", .basicsize = sizeof(obj_listiter),
  .dealloc = listiter_dealloc, .iter = iter_self, .next = listiter_next,
};

static value make_listiter(lang_vm *vm, obj_list *l, bool reversed) {
  obj_listiter *it = obj_alloc(vm, &type_listiter, sizeof *it);
  if (!it) return val_null();
  obj_incref(l);
  it->l = l;
  it->reversed = reversed;
  it->pos = reversed ? l->len - 1 : 0;
  return val_obj(it);
}

static value list_iter(lang_vm *vm, value self) { return make_listiter(vm, VAL_LIST(self), false); }

static value list_new_slot(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  if (type == &type_list && (bi_no_kwargs(vm, "list", kw) < 0 || bi_check_nargs(vm, "list", nargs, 0, 1) < 0))
    return val_null();
  obj_list *l = obj_alloc(vm, type, type->basicsize);
  return l ? val_obj(l) : val_null();
}

/* list.__init__(iterable=()): replaces the contents. */
static int list_init_slot(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kw) {
  if (bi_no_kwargs(vm, "list", kw) < 0 || bi_check_nargs(vm, "list", nargs, 0, 1) < 0) return -1;
  obj_list *l = VAL_LIST(self);
  if (nargs == 0) return 0;
  obj_list *src = obj_to_list(vm, args[0]);
  if (!src) return -1;
  int64_t n = l->len;
  l->len = 0;
  for (int64_t i = 0; i < n; i++) val_decref(l->items[i]);
  lang_free(l->items, sizeof(value) * (size_t)l->cap);
  l->items = src->items;
  l->len = src->len;
  l->cap = src->cap;
  src->items = NULL;
  src->len = src->cap = 0;
  obj_decref(src);
  return 0;
}

/* ---- sorting: stable merge sort on (key, value) pairs ---- */

typedef struct sort_item { value key; value v; } sort_item;

static int merge_sort(lang_vm *vm, sort_item *a, sort_item *tmp, int64_t n) {
  if (n < 2) return 0;
  if (n <= 12) {   /* insertion sort: stable */
    for (int64_t i = 1; i < n; i++) {
      sort_item x = a[i];
      int64_t j = i;
      while (j > 0) {
        int lt = obj_cmp_bool(vm, x.key, a[j - 1].key, CMP_LT);
        if (lt < 0) return -1;
        if (!lt) break;
        a[j] = a[j - 1];
        j--;
      }
      a[j] = x;
    }
    return 0;
  }
  int64_t m = n / 2;
  if (merge_sort(vm, a, tmp, m) < 0 || merge_sort(vm, a + m, tmp, n - m) < 0) return -1;
  int64_t i = 0, j = m, k = 0;
  while (i < m && j < n) {
    int lt = obj_cmp_bool(vm, a[j].key, a[i].key, CMP_LT);
    if (lt < 0) {
      while (i < m) tmp[k++] = a[i++];
      while (j < n) tmp[k++] = a[j++];
      memcpy(a, tmp, sizeof(sort_item) * (size_t)n);
      return -1;
    }
    tmp[k++] = lt ? a[j++] : a[i++];
  }
  while (i < m) tmp[k++] = a[i++];
  while (j < n) tmp[k++] = a[j++];
  memcpy(a, tmp, sizeof(sort_item) * (size_t)n);
  return 0;
}

static void reverse_values(value *v, int64_t n) {
  for (int64_t i = 0, j = n - 1; i < j; i++, j--) {
    value t = v[i];
    v[i] = v[j];
    v[j] = t;
  }
}

int list_sort(lang_vm *vm, obj_list *l, value key, bool reverse) {
  int64_t n = l->len;
  if (n < 2) return 0;
  sort_item *items = lang_alloc(sizeof(sort_item) * (size_t)n * 2);
  if (!items) {
    exc_nomem(vm);
    return -1;
  }
  if (reverse) reverse_values(l->items, n);
  int rc = 0;
  int64_t made = 0;
  for (int64_t i = 0; i < n; i++) {
    items[i].v = l->items[i];
    if (VAL_IS_NULL(key) || key.tag == VAL_NONE) items[i].key = l->items[i];
    else {
      items[i].key = vm_call1(vm, key, l->items[i]);
      if (VAL_IS_NULL(items[i].key)) {
        rc = -1;
        break;
      }
      made++;
    }
  }
  /* the list is emptied while sorting so that a key/compare function sees no half-sorted list */
  if (rc == 0) {
    rc = merge_sort(vm, items, items + n, n);
    for (int64_t i = 0; i < n; i++) l->items[i] = items[i].v;
  }
  if (!VAL_IS_NULL(key) && key.tag != VAL_NONE)
    for (int64_t i = 0; i < made; i++) val_decref(items[i].key);
  lang_free(items, sizeof(sort_item) * (size_t)n * 2);
  if (reverse) reverse_values(l->items, n);
  return rc;
}

/* ---- methods ---- */

#define SELF VAL_LIST(args[0])

static value m_append(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return list_append(vm, SELF, args[1]) < 0 ? val_null() : val_none();
}
static value m_extend(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return list_extend(vm, SELF, args[1]) < 0 ? val_null() : val_none();
}
static value m_insert(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_list *l = SELF;
  int64_t i;
  if (obj_as_index(vm, args[1], &i) < 0) return val_null();
  if (i < 0) i = i + l->len < 0 ? 0 : i + l->len;
  if (i > l->len) i = l->len;
  if (list_reserve(vm, l, l->len + 1) < 0) return val_null();
  memmove(l->items + i + 1, l->items + i, sizeof(value) * (size_t)(l->len - i));
  l->items[i] = val_incref(args[2]);
  l->len++;
  return val_none();
}
static value m_pop(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_list *l = SELF;
  if (bi_check_nargs(vm, "pop", nargs - 1, 0, 1) < 0) return val_null();
  if (l->len == 0) return exc_set(vm, EXC_IndexError, "pop from empty list");
  int64_t i = l->len - 1;
  if (nargs > 1) {
    if (obj_as_index(vm, args[1], &i) < 0) return val_null();
    if (i < 0) i += l->len;
    if (i < 0 || i >= l->len) return exc_set(vm, EXC_IndexError, "pop index out of range");
  }
  value v = l->items[i];
  memmove(l->items + i, l->items + i + 1, sizeof(value) * (size_t)(l->len - i - 1));
  l->len--;
  return v;
}
static value m_remove(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_list *l = SELF;
  for (int64_t i = 0; i < l->len; i++) {
    int eq = obj_eq(vm, l->items[i], args[1]);
    if (eq < 0) return val_null();
    if (eq) {
      val_decref(l->items[i]);
      memmove(l->items + i, l->items + i + 1, sizeof(value) * (size_t)(l->len - i - 1));
      l->len--;
      return val_none();
    }
  }
  return exc_set(vm, EXC_ValueError, "list.remove(x): x not in list");
}
static value m_index(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "index", nargs - 1, 1, 3) < 0) return val_null();
  return seq_index(vm, SELF->items, SELF->len, args, nargs, "list");
}
static value m_count(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return seq_count(vm, SELF->items, SELF->len, args[1]);
}
static value m_reverse(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  reverse_values(SELF->items, SELF->len);
  return val_none();
}
static value m_copy(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_list *l = obj_to_list(vm, args[0]);
  return l ? val_obj(l) : val_null();
}
static value m_clear(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_list *l = SELF;
  int64_t n = l->len;
  l->len = 0;
  for (int64_t i = 0; i < n; i++) val_decref(l->items[i]);
  return val_none();
}
static value m_sort(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (nargs > 1) return exc_set(vm, EXC_TypeError, "sort() takes no positional arguments");
  if (bi_parse(vm, "sort", args + 1, 0, kw, "$key,reverse", a) < 0) return val_null();
  int rev = 0;
  if (!VAL_IS_NULL(a[1]) && (rev = obj_truth(vm, a[1])) < 0) return val_null();
  return list_sort(vm, SELF, a[0], rev) < 0 ? val_null() : val_none();
}
static value m_reversed(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return make_listiter(vm, SELF, true);
}

static const bi_reg list_methods[] = {
  {"append", m_append, 2, 0, "Append object to the end of the list."},
  {"extend", m_extend, 2, 0, "Extend list by appending elements from the iterable."},
  {"insert", m_insert, 3, 0, "Insert object before index."},
  {"pop", m_pop, BI_VARARGS, 0, "Remove and return item at index (default last)."},
  {"remove", m_remove, 2, 0, "Remove first occurrence of value."},
  {"index", m_index, BI_VARARGS, 0, "Return first index of value."},
  {"count", m_count, 2, 0, "Return number of occurrences of value."},
  {"reverse", m_reverse, 1, 0, "Reverse *IN PLACE*."},
  {"copy", m_copy, 1, 0, "Return a shallow copy of the list."},
  {"clear", m_clear, 1, 0, "Remove all items from list."},
  {"sort", m_sort, BI_VARARGS, BI_F_KW, "Sort the list in ascending order and return None."},
  {"__reversed__", m_reversed, 1, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};

obj_type type_list = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "list", .basicsize = sizeof(obj_list),
  .tflags = TYPE_F_LIST_SUB | TYPE_F_BASETYPE | TYPE_F_ABSTRACT_EQ, .init = list_init_slot,
  .dealloc = list_dealloc, .repr = list_repr, .richcmp = list_richcmp, .len = list_len, .getitem = list_getitem,
  .setitem = list_setitem, .contains = list_contains, .binop = list_binop, .iter = list_iter,
  .new_ = list_new_slot,
};

int list_init(lang_vm *vm) {
  if (type_ready(vm, &type_list) < 0 || type_ready(vm, &type_listiter) < 0) return -1;
  if (type_add_methods(vm, &type_listiter, listiter_methods) < 0) return -1;
  return type_add_methods(vm, &type_list, list_methods);
}
