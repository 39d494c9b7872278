/*
** kernel/lang/tuple.c — the tuple type: immutable value arrays with CPython's hash (so sets of
** tuples iterate in CPython's order), lexicographic comparison, slicing, concatenation, repetition.
** Also the shared sequence helpers (repr of item lists, lexicographic compare, index/count).
*/
#include <stdlib.h>

#include "kernel/lang/internal.h"

obj_tuple *tuple_new(lang_vm *vm, int64_t len) {
  if (len == 0 && vm->empty_tuple) {
    obj_incref(vm->empty_tuple);
    return vm->empty_tuple;
  }
  if (len > (INT64_MAX - (int64_t)sizeof(obj_tuple)) / (int64_t)sizeof(value)) {
    exc_nomem(vm);
    return NULL;
  }
  obj_tuple *t = obj_alloc(vm, &type_tuple, sizeof(obj_tuple) + sizeof(value) * (size_t)len);
  if (!t) return NULL;
  t->len = len;
  for (int64_t i = 0; i < len; i++) t->items[i] = val_none();
  return t;
}

value tuple_checked(obj_tuple *t) {
  for (int64_t i = 0; i < t->len; i++)
    if (VAL_IS_NULL(t->items[i])) {
      obj_decref(t);
      return val_null();
    }
  return val_obj(t);
}

obj_tuple *tuple_from(lang_vm *vm, const value *items, int64_t n) {
  obj_tuple *t = tuple_new(vm, n);
  if (!t) return NULL;
  for (int64_t i = 0; i < n; i++) t->items[i] = val_incref(items[i]);
  return t;
}

static void tuple_dealloc(obj *o) {
  obj_tuple *t = (obj_tuple *)o;
  for (int64_t i = 0; i < t->len; i++) val_decref(t->items[i]);
}

/* ---- shared sequence helpers ---- */

int seq_repr_items(lang_vm *vm, strbuf *b, const value *items, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    if (i) sb_adds(b, ", ");
    if (obj_repr_to(vm, items[i], b) < 0) return -1;
  }
  return 0;
}

/* Lexicographic comparison of two item arrays (tuple/list rich compare). */
value seq_richcmp(lang_vm *vm, const value *a, int64_t na, const value *b, int64_t nb, int op) {
  int64_t i = 0;
  for (; i < na && i < nb; i++) {
    int eq = obj_eq(vm, a[i], b[i]);
    if (eq < 0) return val_null();
    if (!eq) break;
  }
  if (i >= na || i >= nb) {
    int c = na < nb ? -1 : na > nb ? 1 : 0;
    switch (op) {
    case CMP_LT: return val_bool(c < 0);
    case CMP_LE: return val_bool(c <= 0);
    case CMP_EQ: return val_bool(c == 0);
    case CMP_NE: return val_bool(c != 0);
    case CMP_GT: return val_bool(c > 0);
    default: return val_bool(c >= 0);
    }
  }
  if (op == CMP_EQ) return val_bool(false);
  if (op == CMP_NE) return val_bool(true);
  return obj_richcmp(vm, a[i], b[i], op);
}

value seq_index(lang_vm *vm, const value *items, int64_t n, const value *args, int nargs, const char *what) {
  int64_t start = 0, stop = n;
  if (nargs > 2 && obj_as_index(vm, args[2], &start) < 0) return val_null();
  if (nargs > 3 && obj_as_index(vm, args[3], &stop) < 0) return val_null();
  if (start < 0) start = start + n < 0 ? 0 : start + n;
  if (stop < 0) stop = stop + n < 0 ? 0 : stop + n;
  for (int64_t i = start; i < stop && i < n; i++) {
    int eq = obj_eq(vm, items[i], args[1]);
    if (eq < 0) return val_null();
    if (eq) return val_int(i);
  }
  if (what[0] == 't') return exc_set(vm, EXC_ValueError, "tuple.index(x): x not in tuple");
  strbuf b;
  sb_init(&b);
  if (obj_repr_to(vm, args[1], &b) < 0) {
    sb_free(&b);
    return val_null();
  }
  exc_set(vm, EXC_ValueError, "%s is not in list", b.data);
  sb_free(&b);
  return val_null();
}

value seq_count(lang_vm *vm, const value *items, int64_t n, value x) {
  int64_t c = 0;
  for (int64_t i = 0; i < n; i++) {
    int eq = obj_eq(vm, items[i], x);
    if (eq < 0) return val_null();
    c += eq;
  }
  return val_int(c);
}

/* Normalises an integer index for a sequence of length n; IndexError "<what> index out of range". */
int seq_norm_index(lang_vm *vm, value key, int64_t n, int64_t *out, const char *what) {
  int64_t i;
  if (obj_as_index(vm, key, &i) < 0) return -1;
  if (i < 0) i += n;
  if (i < 0 || i >= n) return exc_seti(vm, EXC_IndexError, "%s index out of range", what);
  *out = i;
  return 0;
}

/* ---- slots ---- */

static value tuple_repr(lang_vm *vm, value self) {
  obj_tuple *t = VAL_TUPLE(self);
  strbuf b;
  sb_init(&b);
  sb_addc(&b, '(');
  if (seq_repr_items(vm, &b, t->items, t->len) < 0) {
    sb_free(&b);
    return val_null();
  }
  if (t->len == 1) sb_addc(&b, ',');
  sb_addc(&b, ')');
  obj_str *s = sb_finish(vm, &b);
  return s ? val_obj(s) : val_null();
}

static int tuple_hash(lang_vm *vm, value self, int64_t *out) {
  obj_tuple *t = VAL_TUPLE(self);
  const uint64_t P1 = 11400714785074694791ULL, P2 = 14029467366897019727ULL, P5 = 2870177450012600261ULL;
  uint64_t acc = P5;
  for (int64_t i = 0; i < t->len; i++) {
    int64_t h;
    if (obj_hash(vm, t->items[i], &h) < 0) return -1;
    acc += (uint64_t)h * P2;
    acc = (acc << 31) | (acc >> 33);
    acc *= P1;
  }
  acc += (uint64_t)t->len ^ (P5 ^ 3527539UL);
  *out = acc == (uint64_t)-1 ? 1546275796 : (int64_t)acc;
  return 0;
}

static value tuple_richcmp(lang_vm *vm, value a, value b, int op) {
  if (!val_is_tuple(a) || !val_is_tuple(b)) return val_notimpl();
  return seq_richcmp(vm, VAL_TUPLE(a)->items, VAL_TUPLE(a)->len, VAL_TUPLE(b)->items, VAL_TUPLE(b)->len, op);
}

static int64_t tuple_len(lang_vm *vm, value self) { return VAL_TUPLE(self)->len; }

static value tuple_getitem(lang_vm *vm, value self, value key) {
  obj_tuple *t = VAL_TUPLE(self);
  if (val_type(key) == &type_slice) {
    int64_t start, stop, step;
    int64_t n = slice_indices(vm, (obj_slice *)key.u.o, t->len, &start, &stop, &step);
    if (n < 0) return val_null();
    if (step == 1 && n == t->len && t->hdr.type == &type_tuple) return val_incref(self);
    obj_tuple *r = tuple_new(vm, n);
    if (!r) return val_null();
    for (int64_t k = 0, i = start; k < n; k++, i += step) r->items[k] = val_incref(t->items[i]);
    return val_obj(r);
  }
  if (!val_is_intlike(key) && key.tag != VAL_OBJ)
    return exc_set(vm, EXC_TypeError, "tuple indices must be integers or slices, not %s", val_type_name(key));
  if (key.tag == VAL_OBJ && VAL_IS_NULL(type_lookup(key.u.o->type, vm->s.__index__)))
    return exc_set(vm, EXC_TypeError, "tuple indices must be integers or slices, not %s", val_type_name(key));
  int64_t i;
  if (seq_norm_index(vm, key, t->len, &i, "tuple") < 0) return val_null();
  return val_incref(t->items[i]);
}

static int tuple_contains(lang_vm *vm, value self, value x) {
  obj_tuple *t = VAL_TUPLE(self);
  for (int64_t i = 0; i < t->len; i++) {
    int eq = obj_eq(vm, t->items[i], x);
    if (eq) return eq;
  }
  return 0;
}

static value tuple_binop(lang_vm *vm, value a, value b, int op, bool reflected) {
  if (op == BINOP_ADD && val_is_tuple(a) && val_is_tuple(b)) {
    obj_tuple *x = VAL_TUPLE(a), *y = VAL_TUPLE(b);
    obj_tuple *r = tuple_new(vm, x->len + y->len);
    if (!r) return val_null();
    for (int64_t i = 0; i < x->len; i++) r->items[i] = val_incref(x->items[i]);
    for (int64_t i = 0; i < y->len; i++) r->items[x->len + i] = val_incref(y->items[i]);
    return val_obj(r);
  }
  if (op == BINOP_MUL) {
    value t = val_is_tuple(a) ? a : b, n = val_is_tuple(a) ? b : a;
    if (!val_is_tuple(t) || !val_is_intlike(n)) return val_notimpl();
    obj_tuple *x = VAL_TUPLE(t);
    int64_t k = val_as_int(n);
    if (k < 0) k = 0;
    if (x->len && k > INT32_MAX / x->len) return exc_nomem(vm);
    obj_tuple *r = tuple_new(vm, x->len * k);
    if (!r) return val_null();
    for (int64_t j = 0; j < k; j++)
      for (int64_t i = 0; i < x->len; i++) r->items[j * x->len + i] = val_incref(x->items[i]);
    return val_obj(r);
  }
  return val_notimpl();
}

/* ---- iteration ---- */

typedef struct obj_seqiter { obj hdr; value seq; int64_t pos; } obj_seqiter;

static void seqiter_dealloc(obj *o) { val_decref(((obj_seqiter *)o)->seq); }
static value iter_self(lang_vm *vm, value self) { return val_incref(self); }

static value tupleiter_next(lang_vm *vm, value self) {
  obj_seqiter *it = (obj_seqiter *)self.u.o;
  obj_tuple *t = VAL_TUPLE(it->seq);
  if (it->pos >= t->len) return val_stop();
  return val_incref(t->items[it->pos++]);
}

obj_type type_tupleiter = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "tuple_iterator", .basicsize = sizeof(obj_seqiter),
  .dealloc = seqiter_dealloc, .iter = iter_self, .next = tupleiter_next,
};

static value tuple_iter(lang_vm *vm, value self) {
  obj_seqiter *it = obj_alloc(vm, &type_tupleiter, sizeof *it);
  if (!it) return val_null();
  it->seq = val_incref(self);
  return val_obj(it);
}

static value tuple_new_slot(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  if (bi_no_kwargs(vm, "tuple", kw) < 0 || bi_check_nargs(vm, "tuple", nargs, 0, 1) < 0) return val_null();
  if (nargs == 0) return val_obj(tuple_new(vm, 0));
  if (val_is_tuple(args[0]) && type == &type_tuple && args[0].u.o->type == &type_tuple) return val_incref(args[0]);
  obj_list *l = obj_to_list(vm, args[0]);
  if (!l) return val_null();
  value t = list_to_tuple(vm, l);
  obj_decref(l);
  if (!VAL_IS_NULL(t) && type != &type_tuple) t.u.o->type = type;   /* torch.Size and friends share the layout */
  return t;
}

static value tuple_index(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return seq_index(vm, VAL_TUPLE(args[0])->items, VAL_TUPLE(args[0])->len, args, nargs, "tuple");
}
static value tuple_count(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return seq_count(vm, VAL_TUPLE(args[0])->items, VAL_TUPLE(args[0])->len, args[1]);
}

static const bi_reg tuple_methods[] = {
  {"index", tuple_index, BI_VARARGS, 0, "Return first index of value."},
  {"count", tuple_count, 2, 0, "Return number of occurrences of value."},
  {NULL, NULL, 0, 0, NULL}
};

obj_type type_tuple = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "tuple", .basicsize = sizeof(obj_tuple),
  .tflags = TYPE_F_TUPLE_SUB, .dealloc = tuple_dealloc, .repr = tuple_repr, .hash = tuple_hash,
  .richcmp = tuple_richcmp, .len = tuple_len, .getitem = tuple_getitem, .contains = tuple_contains,
  .binop = tuple_binop, .iter = tuple_iter, .new_ = tuple_new_slot,
};

int tuple_init(lang_vm *vm) {
  if (type_ready(vm, &type_tuple) < 0 || type_ready(vm, &type_tupleiter) < 0) return -1;
  return type_add_methods(vm, &type_tuple, tuple_methods);
}
