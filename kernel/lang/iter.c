/*
** kernel/lang/iter.c — range and slice objects, and the builtin iterator types: the __getitem__
** sequence iterator, enumerate, zip, map, filter, reversed and iter(callable, sentinel).
*/
#include <stdlib.h>

#include "kernel/lang/internal.h"

static value iter_self(lang_vm *vm, value self) { return val_incref(self); }

/* ---- slice ---- */

static void slice_dealloc(obj *o) {
  obj_slice *s = (obj_slice *)o;
  val_decref(s->start);
  val_decref(s->stop);
  val_decref(s->step);
}

value slice_new(lang_vm *vm, value start, value stop, value step) {
  obj_slice *s = obj_alloc(vm, &type_slice, sizeof *s);
  if (!s) return val_null();
  s->start = val_incref(start);
  s->stop = val_incref(stop);
  s->step = val_incref(step);
  return val_obj(s);
}

static int slice_component(lang_vm *vm, value v, int64_t *out) {
  if (v.tag == VAL_NONE) return 1;
  if (obj_as_index(vm, v, out) < 0) {
    if (exc_matches(vm, EXC_TypeError)) {
      exc_clear(vm);
      return exc_seti(vm, EXC_TypeError, "slice indices must be integers or None or have an __index__ method");
    }
    return -1;
  }
  return 0;
}

int64_t slice_indices(lang_vm *vm, obj_slice *s, int64_t len, int64_t *pstart, int64_t *pstop, int64_t *pstep) {
  int64_t start = 0, stop = 0, step = 1;
  int r;
  if ((r = slice_component(vm, s->step, &step)) < 0) return -1;
  if (r == 1) step = 1;
  if (step == 0) return exc_seti(vm, EXC_ValueError, "slice step cannot be zero");
  int rs = slice_component(vm, s->start, &start);
  if (rs < 0) return -1;
  int re = slice_component(vm, s->stop, &stop);
  if (re < 0) return -1;
  if (rs == 1) start = step < 0 ? len - 1 : 0;
  else {
    if (start < 0) {
      start += len;
      if (start < 0) start = step < 0 ? -1 : 0;
    } else if (start >= len) start = step < 0 ? len - 1 : len;
  }
  if (re == 1) stop = step < 0 ? -1 : len;
  else {
    if (stop < 0) {
      stop += len;
      if (stop < 0) stop = step < 0 ? -1 : 0;
    } else if (stop >= len) stop = step < 0 ? len - 1 : len;
  }
  int64_t n;
  if (step < 0) n = stop < start ? (start - stop - 1) / (-step) + 1 : 0;
  else n = start < stop ? (stop - start - 1) / step + 1 : 0;
  *pstart = start;
  *pstop = stop;
  *pstep = step;
  return n;
}

static value slice_repr(lang_vm *vm, value self) {
  obj_slice *s = (obj_slice *)self.u.o;
  strbuf b;
  sb_init(&b);
  sb_adds(&b, "slice(");
  if (obj_repr_to(vm, s->start, &b) < 0) goto fail;
  sb_adds(&b, ", ");
  if (obj_repr_to(vm, s->stop, &b) < 0) goto fail;
  sb_adds(&b, ", ");
  if (obj_repr_to(vm, s->step, &b) < 0) goto fail;
  sb_addc(&b, ')');
  obj_str *r = sb_finish(vm, &b);
  return r ? val_obj(r) : val_null();
fail:
  sb_free(&b);
  return val_null();
}

static value slice_new_slot(lang_vm *vm, obj_type *t, const value *args, int nargs, obj_tuple *kw) {
  if (bi_no_kwargs(vm, "slice", kw) < 0) return val_null();
  if (nargs < 1 || nargs > 3) {
    if (nargs == 0) return exc_set(vm, EXC_TypeError, "slice expected at least 1 argument, got 0");
    return exc_set(vm, EXC_TypeError, "slice expected at most 3 arguments, got %d", nargs);
  }
  if (nargs == 1) return slice_new(vm, val_none(), args[0], val_none());
  return slice_new(vm, args[0], args[1], nargs == 3 ? args[2] : val_none());
}

static value slice_get_start(lang_vm *vm, value s) { return val_incref(((obj_slice *)s.u.o)->start); }
static value slice_get_stop(lang_vm *vm, value s) { return val_incref(((obj_slice *)s.u.o)->stop); }
static value slice_get_step(lang_vm *vm, value s) { return val_incref(((obj_slice *)s.u.o)->step); }
static const bi_getset slice_getsets[] = {
  {"start", slice_get_start, NULL, NULL},
  {"stop", slice_get_stop, NULL, NULL},
  {"step", slice_get_step, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

static value slice_richcmp(lang_vm *vm, value a, value b, int op) {
  if (val_type(a) != &type_slice || val_type(b) != &type_slice || (op != CMP_EQ && op != CMP_NE)) return val_notimpl();
  obj_slice *x = (obj_slice *)a.u.o, *y = (obj_slice *)b.u.o;
  int e1 = obj_eq(vm, x->start, y->start), e2 = obj_eq(vm, x->stop, y->stop), e3 = obj_eq(vm, x->step, y->step);
  if (e1 < 0 || e2 < 0 || e3 < 0) return val_null();
  bool eq = e1 && e2 && e3;
  return val_bool(op == CMP_EQ ? eq : !eq);
}

obj_type type_slice = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "slice", .basicsize = sizeof(obj_slice), .dealloc = slice_dealloc,
  .repr = slice_repr, .new_ = slice_new_slot, .richcmp = slice_richcmp,
};

/* ---- range ---- */

static value range_make(lang_vm *vm, int64_t start, int64_t stop, int64_t step) {
  obj_range *r = obj_alloc(vm, &type_range, sizeof *r);
  if (!r) return val_null();
  r->start = start;
  r->stop = stop;
  r->step = step;
  if (step > 0) r->len = start < stop ? (int64_t)(((uint64_t)stop - (uint64_t)start - 1) / (uint64_t)step) + 1 : 0;
  else r->len = start > stop ? (int64_t)(((uint64_t)start - (uint64_t)stop - 1) / (uint64_t)(-step)) + 1 : 0;
  return val_obj(r);
}

static value range_new(lang_vm *vm, obj_type *t, const value *args, int nargs, obj_tuple *kw) {
  if (bi_no_kwargs(vm, "range", kw) < 0) return val_null();
  if (nargs < 1 || nargs > 3) {
    if (nargs == 0) return exc_set(vm, EXC_TypeError, "range expected at least 1 argument, got 0");
    return exc_set(vm, EXC_TypeError, "range expected at most 3 arguments, got %d", nargs);
  }
  int64_t v[3] = {0, 0, 1};
  for (int i = 0; i < nargs; i++)
    if (obj_as_index(vm, args[i], &v[i]) < 0) return val_null();
  if (nargs == 1) return range_make(vm, 0, v[0], 1);
  if (v[2] == 0) return exc_set(vm, EXC_ValueError, "range() arg 3 must not be zero");
  return range_make(vm, v[0], v[1], v[2]);
}

static int64_t range_len(lang_vm *vm, value self) { return ((obj_range *)self.u.o)->len; }

static value range_getitem(lang_vm *vm, value self, value key) {
  obj_range *r = (obj_range *)self.u.o;
  if (val_type(key) == &type_slice) {
    int64_t start, stop, step;
    int64_t n = slice_indices(vm, (obj_slice *)key.u.o, r->len, &start, &stop, &step);
    if (n < 0) return val_null();
    int64_t s0 = r->start + start * r->step, st = r->step * step;
    return range_make(vm, s0, s0 + n * st, st);
  }
  int64_t i;
  if (obj_as_index(vm, key, &i) < 0) return val_null();
  if (i < 0) i += r->len;
  if (i < 0 || i >= r->len) return exc_set(vm, EXC_IndexError, "range object index out of range");
  return val_int(r->start + i * r->step);
}

static int range_contains(lang_vm *vm, value self, value x) {
  obj_range *r = (obj_range *)self.u.o;
  if (!val_is_intlike(x)) {
    value it = val_null();
    (void)it;
    for (int64_t i = 0; i < r->len; i++) {
      int eq = obj_eq(vm, val_int(r->start + i * r->step), x);
      if (eq) return eq;
    }
    return 0;
  }
  int64_t v = val_as_int(x);
  if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop)) return 0;
  return (v - r->start) % r->step == 0;
}

static value range_repr(lang_vm *vm, value self) {
  obj_range *r = (obj_range *)self.u.o;
  if (r->step == 1) return val_obj(str_printf(vm, "range(%lld, %lld)", (long long)r->start, (long long)r->stop));
  return val_obj(str_printf(vm, "range(%lld, %lld, %lld)", (long long)r->start, (long long)r->stop, (long long)r->step));
}

static value range_richcmp(lang_vm *vm, value a, value b, int op) {
  if (val_type(a) != &type_range || val_type(b) != &type_range || (op != CMP_EQ && op != CMP_NE)) return val_notimpl();
  obj_range *x = (obj_range *)a.u.o, *y = (obj_range *)b.u.o;
  bool eq = x->len == y->len && (x->len == 0 || (x->start == y->start && (x->len == 1 || x->step == y->step)));
  return val_bool(op == CMP_EQ ? eq : !eq);
}

typedef struct obj_rangeiter { obj hdr; int64_t next, step, left; } obj_rangeiter;

static value rangeiter_next(lang_vm *vm, value self) {
  obj_rangeiter *it = (obj_rangeiter *)self.u.o;
  if (it->left <= 0) return val_stop();
  int64_t v = it->next;
  it->next += it->step;
  it->left--;
  return val_int(v);
}

obj_type type_rangeiter = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "range_iterator", .basicsize = sizeof(obj_rangeiter),
  .iter = iter_self, .next = rangeiter_next,
};

static value range_iter(lang_vm *vm, value self) {
  obj_range *r = (obj_range *)self.u.o;
  obj_rangeiter *it = obj_alloc(vm, &type_rangeiter, sizeof *it);
  if (!it) return val_null();
  it->next = r->start;
  it->step = r->step;
  it->left = r->len;
  return val_obj(it);
}

static value range_reversed(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_range *r = (obj_range *)args[0].u.o;
  obj_rangeiter *it = obj_alloc(vm, &type_rangeiter, sizeof *it);
  if (!it) return val_null();
  it->next = r->start + (r->len - 1) * r->step;
  it->step = -r->step;
  it->left = r->len;
  return val_obj(it);
}
static value range_index(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_range *r = (obj_range *)args[0].u.o;
  int c = range_contains(vm, args[0], args[1]);
  if (c < 0) return val_null();
  if (!c || !val_is_intlike(args[1])) {
    strbuf b;
    sb_init(&b);
    obj_repr_to(vm, args[1], &b);
    exc_set(vm, EXC_ValueError, "%s is not in range", b.data ? b.data : "");
    sb_free(&b);
    return val_null();
  }
  return val_int((val_as_int(args[1]) - r->start) / r->step);
}
static value range_count(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int c = range_contains(vm, args[0], args[1]);
  return c < 0 ? val_null() : val_int(c);
}
static value range_start(lang_vm *vm, value s) { return val_int(((obj_range *)s.u.o)->start); }
static value range_stop(lang_vm *vm, value s) { return val_int(((obj_range *)s.u.o)->stop); }
static value range_step(lang_vm *vm, value s) { return val_int(((obj_range *)s.u.o)->step); }

static const bi_reg range_methods[] = {
  {"__reversed__", range_reversed, 1, 0, NULL},
  {"index", range_index, 2, 0, NULL},
  {"count", range_count, 2, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};
static const bi_getset range_getsets[] = {
  {"start", range_start, NULL, NULL},
  {"stop", range_stop, NULL, NULL},
  {"step", range_step, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

obj_type type_range = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "range", .basicsize = sizeof(obj_range), .new_ = range_new,
  .len = range_len, .getitem = range_getitem, .contains = range_contains, .repr = range_repr, .iter = range_iter,
  .richcmp = range_richcmp,
};

/* ---- sequence iterator (objects with __getitem__ only) ---- */

typedef struct obj_seqiter { obj hdr; value seq; int64_t pos; } obj_seqiter;
static void seqiter_dealloc(obj *o) { val_decref(((obj_seqiter *)o)->seq); }

static value seqiter_next(lang_vm *vm, value self) {
  obj_seqiter *it = (obj_seqiter *)self.u.o;
  if (VAL_IS_NULL(it->seq)) return val_stop();
  value r = obj_getitem(vm, it->seq, val_int(it->pos));
  if (VAL_IS_NULL(r)) {
    if (exc_matches(vm, EXC_IndexError) || exc_matches(vm, EXC_StopIteration)) {
      exc_clear(vm);
      val_set(&it->seq, val_null());
      return val_stop();
    }
    return r;
  }
  it->pos++;
  return r;
}

obj_type type_seqiter = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "iterator", .basicsize = sizeof(obj_seqiter),
  .dealloc = seqiter_dealloc, .iter = iter_self, .next = seqiter_next,
};

value seqiter_new(lang_vm *vm, value seq) {
  obj_seqiter *it = obj_alloc(vm, &type_seqiter, sizeof *it);
  if (!it) return val_null();
  it->seq = val_incref(seq);
  return val_obj(it);
}

/* ---- enumerate ---- */

typedef struct obj_enumerate { obj hdr; value it; int64_t n; } obj_enumerate;
static void enumerate_dealloc(obj *o) { val_decref(((obj_enumerate *)o)->it); }

static value enumerate_new(lang_vm *vm, obj_type *t, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "enumerate", args, nargs, kw, "iterable|start", a) < 0) return val_null();
  int64_t start = 0;
  if (!VAL_IS_NULL(a[1]) && obj_as_index(vm, a[1], &start) < 0) return val_null();
  value it = obj_iter(vm, a[0]);
  if (VAL_IS_NULL(it)) return it;
  obj_enumerate *e = obj_alloc(vm, t, sizeof *e);
  if (!e) {
    val_decref(it);
    return val_null();
  }
  e->it = it;
  e->n = start;
  return val_obj(e);
}

static value enumerate_next(lang_vm *vm, value self) {
  obj_enumerate *e = (obj_enumerate *)self.u.o;
  value x = obj_next(vm, e->it);
  if (VAL_IS_NULL(x) || x.tag == VAL_STOP) return x;
  obj_tuple *t = tuple_new(vm, 2);
  if (!t) {
    val_decref(x);
    return val_null();
  }
  t->items[0] = val_int(e->n++);
  t->items[1] = x;
  return val_obj(t);
}

obj_type type_enumerate = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "enumerate", .basicsize = sizeof(obj_enumerate),
  .dealloc = enumerate_dealloc, .new_ = enumerate_new, .iter = iter_self, .next = enumerate_next,
};

/* ---- zip ---- */

typedef struct obj_zip { obj hdr; int n; bool strict; value its[]; } obj_zip;
static void zip_dealloc(obj *o) {
  obj_zip *z = (obj_zip *)o;
  for (int i = 0; i < z->n; i++) val_decref(z->its[i]);
}

static value zip_new(lang_vm *vm, obj_type *t, const value *args, int nargs, obj_tuple *kw) {
  bool strict = false;
  if (kw) {
    for (int64_t i = 0; i < kw->len; i++) {
      if (!str_eq_cstr(VAL_STR(kw->items[i]), "strict"))
        return exc_set(vm, EXC_TypeError, "zip() got an unexpected keyword argument '%s'", VAL_STR(kw->items[i])->data);
      int tr = obj_truth(vm, args[nargs + i]);
      if (tr < 0) return val_null();
      strict = tr;
    }
  }
  obj_zip *z = obj_alloc(vm, t, sizeof(obj_zip) + sizeof(value) * (size_t)nargs);
  if (!z) return val_null();
  z->strict = strict;
  for (int i = 0; i < nargs; i++) {
    z->its[i] = obj_iter(vm, args[i]);
    if (VAL_IS_NULL(z->its[i])) {
      z->n = i;
      obj_decref(z);
      return val_null();
    }
  }
  z->n = nargs;
  return val_obj(z);
}

static value zip_next(lang_vm *vm, value self) {
  obj_zip *z = (obj_zip *)self.u.o;
  if (z->n == 0) return val_stop();
  obj_tuple *t = tuple_new(vm, z->n);
  if (!t) return val_null();
  for (int i = 0; i < z->n; i++) {
    value x = obj_next(vm, z->its[i]);
    if (x.tag == VAL_STOP) {
      obj_decref(t);
      if (z->strict) {
        if (i > 0)
          return exc_set(vm, EXC_ValueError, "zip() argument %d is shorter than argument%s%d", i + 1,
                         i == 1 ? " " : "s 1-", i);
        for (int j = 1; j < z->n; j++) {
          value y = obj_next(vm, z->its[j]);
          if (VAL_IS_NULL(y)) return y;
          if (y.tag != VAL_STOP) {
            val_decref(y);
            return exc_set(vm, EXC_ValueError, "zip() argument %d is longer than argument%s%d", j + 1,
                           j == 1 ? " " : "s 1-", j);
          }
        }
      }
      return val_stop();
    }
    if (VAL_IS_NULL(x)) {
      obj_decref(t);
      return x;
    }
    t->items[i] = x;
  }
  return val_obj(t);
}

obj_type type_zip = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "zip", .basicsize = sizeof(obj_zip), .dealloc = zip_dealloc,
  .new_ = zip_new, .iter = iter_self, .next = zip_next,
};

/* ---- map ---- */

typedef struct obj_map { obj hdr; value func; int n; value its[]; } obj_map;
static void map_dealloc(obj *o) {
  obj_map *m = (obj_map *)o;
  val_decref(m->func);
  for (int i = 0; i < m->n; i++) val_decref(m->its[i]);
}

static value map_new(lang_vm *vm, obj_type *t, const value *args, int nargs, obj_tuple *kw) {
  if (bi_no_kwargs(vm, "map", kw) < 0) return val_null();
  if (nargs < 2) return exc_set(vm, EXC_TypeError, "map() must have at least two arguments.");
  obj_map *m = obj_alloc(vm, t, sizeof(obj_map) + sizeof(value) * (size_t)(nargs - 1));
  if (!m) return val_null();
  m->func = val_incref(args[0]);
  for (int i = 1; i < nargs; i++) {
    m->its[i - 1] = obj_iter(vm, args[i]);
    if (VAL_IS_NULL(m->its[i - 1])) {
      m->n = i - 1;
      obj_decref(m);
      return val_null();
    }
  }
  m->n = nargs - 1;
  return val_obj(m);
}

static value map_next(lang_vm *vm, value self) {
  obj_map *m = (obj_map *)self.u.o;
  value buf[8];
  value *xs = m->n <= 8 ? buf : lang_alloc(sizeof(value) * (size_t)m->n);
  if (!xs) return exc_nomem(vm);
  value r = val_null();
  int got = 0;
  for (; got < m->n; got++) {
    xs[got] = obj_next(vm, m->its[got]);
    if (xs[got].tag == VAL_STOP) {
      r = val_stop();
      break;
    }
    if (VAL_IS_NULL(xs[got])) break;
  }
  if (got == m->n) r = vm_call(vm, m->func, xs, m->n, NULL);
  for (int i = 0; i < got; i++) val_decref(xs[i]);
  if (xs != buf) lang_free(xs, sizeof(value) * (size_t)m->n);
  return r;
}

obj_type type_map = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "map", .basicsize = sizeof(obj_map), .dealloc = map_dealloc,
  .new_ = map_new, .iter = iter_self, .next = map_next,
};

/* ---- filter ---- */

typedef struct obj_filter { obj hdr; value func, it; } obj_filter;
static void filter_dealloc(obj *o) {
  obj_filter *f = (obj_filter *)o;
  val_decref(f->func);
  val_decref(f->it);
}
static value filter_new(lang_vm *vm, obj_type *t, const value *args, int nargs, obj_tuple *kw) {
  if (bi_no_kwargs(vm, "filter", kw) < 0) return val_null();
  if (nargs != 2) return exc_set(vm, EXC_TypeError, "filter expected 2 arguments, got %d", nargs);
  value it = obj_iter(vm, args[1]);
  if (VAL_IS_NULL(it)) return it;
  obj_filter *f = obj_alloc(vm, t, sizeof *f);
  if (!f) {
    val_decref(it);
    return val_null();
  }
  f->func = val_incref(args[0]);
  f->it = it;
  return val_obj(f);
}
static value filter_next(lang_vm *vm, value self) {
  obj_filter *f = (obj_filter *)self.u.o;
  for (;;) {
    value x = obj_next(vm, f->it);
    if (VAL_IS_NULL(x) || x.tag == VAL_STOP) return x;
    int keep;
    if (f->func.tag == VAL_NONE) keep = obj_truth(vm, x);
    else {
      value r = vm_call1(vm, f->func, x);
      if (VAL_IS_NULL(r)) {
        val_decref(x);
        return r;
      }
      keep = obj_truth(vm, r);
      val_decref(r);
    }
    if (keep < 0) {
      val_decref(x);
      return val_null();
    }
    if (keep) return x;
    val_decref(x);
  }
}
obj_type type_filter = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "filter", .basicsize = sizeof(obj_filter), .dealloc = filter_dealloc,
  .new_ = filter_new, .iter = iter_self, .next = filter_next,
};

/* ---- reversed ---- */

typedef struct obj_reversed { obj hdr; value seq; int64_t pos; } obj_reversed;
static void reversed_dealloc(obj *o) { val_decref(((obj_reversed *)o)->seq); }
static value reversed_new(lang_vm *vm, obj_type *t, const value *args, int nargs, obj_tuple *kw) {
  if (bi_no_kwargs(vm, "reversed", kw) < 0 || bi_check_nargs(vm, "reversed", nargs, 1, 1) < 0) return val_null();
  value seq = args[0];
  value m = type_lookup(val_type(seq), vm->s.__reversed__);
  if (!VAL_IS_NULL(m)) return vm_call1(vm, m, seq);
  obj_type *st = val_type(seq);
  if (!st->getitem || !st->len || val_is_dict(seq))
    return exc_set(vm, EXC_TypeError, "'%s' object is not reversible", st->name);
  int64_t n = obj_len(vm, seq);
  if (n < 0) return val_null();
  obj_reversed *r = obj_alloc(vm, t, sizeof *r);
  if (!r) return val_null();
  r->seq = val_incref(seq);
  r->pos = n - 1;
  return val_obj(r);
}
static value reversed_next(lang_vm *vm, value self) {
  obj_reversed *r = (obj_reversed *)self.u.o;
  if (r->pos < 0) return val_stop();
  value v = obj_getitem(vm, r->seq, val_int(r->pos--));
  if (VAL_IS_NULL(v) && exc_matches(vm, EXC_IndexError)) {
    exc_clear(vm);
    r->pos = -1;
    return val_stop();
  }
  return v;
}
obj_type type_reversed = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "reversed", .basicsize = sizeof(obj_reversed),
  .dealloc = reversed_dealloc, .new_ = reversed_new, .iter = iter_self, .next = reversed_next,
};

/* ---- iter(callable, sentinel) ---- */

typedef struct obj_calliter { obj hdr; value func, sentinel; } obj_calliter;
static void calliter_dealloc(obj *o) {
  obj_calliter *c = (obj_calliter *)o;
  val_decref(c->func);
  val_decref(c->sentinel);
}
static value calliter_next(lang_vm *vm, value self) {
  obj_calliter *c = (obj_calliter *)self.u.o;
  if (VAL_IS_NULL(c->func)) return val_stop();
  value r = vm_call0(vm, c->func);
  if (VAL_IS_NULL(r)) {
    if (exc_matches(vm, EXC_StopIteration)) {
      exc_clear(vm);
      return val_stop();
    }
    return r;
  }
  int eq = obj_eq(vm, r, c->sentinel);
  if (eq < 0) {
    val_decref(r);
    return val_null();
  }
  if (eq) {
    val_decref(r);
    val_set(&c->func, val_null());
    return val_stop();
  }
  return r;
}
obj_type type_calliter = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "callable_iterator", .basicsize = sizeof(obj_calliter),
  .dealloc = calliter_dealloc, .iter = iter_self, .next = calliter_next,
};

value calliter_new(lang_vm *vm, value func, value sentinel) {
  obj_calliter *c = obj_alloc(vm, &type_calliter, sizeof *c);
  if (!c) return val_null();
  c->func = val_incref(func);
  c->sentinel = val_incref(sentinel);
  return val_obj(c);
}

extern obj_type type_enumerate, type_zip, type_map, type_filter, type_reversed;

int iter_init(lang_vm *vm) {
  obj_type *types[] = {&type_slice, &type_range, &type_rangeiter, &type_seqiter, &type_enumerate, &type_zip,
                       &type_map, &type_filter, &type_reversed, &type_calliter};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (type_ready(vm, types[i]) < 0) return -1;
  if (type_add_getsets(vm, &type_slice, slice_getsets) < 0 || type_add_methods(vm, &type_range, range_methods) < 0 ||
      type_add_getsets(vm, &type_range, range_getsets) < 0)
    return -1;
  return 0;
}
