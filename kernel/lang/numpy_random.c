/*
** kernel/lang/numpy_random.c — numpy.random: the legacy RandomState (np.random.seed(0) then randn,
** rand, randint, normal, uniform, shuffle, permutation, choice ... give NumPy 1.24's numbers bit for bit;
** the engine is nprandom.c) as a RandomState type and as module functions on the global instance.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/nprandom.h"
#include "kernel/lang/numpy_bind.h"

typedef struct obj_randomstate { obj hdr; npr_state st; } obj_randomstate;
static obj_type type_randomstate;

static bool given(value v) { return !VAL_IS_NULL(v) && v.tag != VAL_NONE; }

static value npr_error(lang_vm *vm, npr_state *st, npr_status s) {
  switch (s) {
  case NPR_E_OVERFLOW: return exc_set(vm, EXC_OverflowError, "%s", npr_error_msg(st));
  case NPR_E_NOMEM: return exc_nomem(vm);
  default: return exc_set(vm, EXC_ValueError, "%s", npr_error_msg(st));
  }
}

/* size=: None (*scalar), an int or a tuple of ints. Returns ndim or -1. */
static int size_arg(lang_vm *vm, value v, int64_t *shape, bool *scalar) {
  *scalar = !given(v);
  if (*scalar) return 0;
  if (val_is_tuple(v) || val_is_list(v)) {
    int64_t n = val_is_tuple(v) ? VAL_TUPLE(v)->len : VAL_LIST(v)->len;
    const value *it = val_is_tuple(v) ? VAL_TUPLE(v)->items : VAL_LIST(v)->items;
    if (n > TEN_MAX_DIMS) return exc_seti(vm, EXC_ValueError, "maximum supported dimension for an ndarray is %d", TEN_MAX_DIMS);
    for (int64_t i = 0; i < n; i++) {
      if (obj_as_index(vm, it[i], &shape[i]) < 0) return -1;
      if (shape[i] < 0) return exc_seti(vm, EXC_ValueError, "negative dimensions are not allowed");
    }
    return (int)n;
  }
  if (obj_as_index(vm, v, &shape[0]) < 0) return -1;
  if (shape[0] < 0) return exc_seti(vm, EXC_ValueError, "negative dimensions are not allowed");
  return 1;
}

static int64_t numel_of(const int64_t *shape, int nd) {
  int64_t n = 1;
  for (int i = 0; i < nd; i++) n *= shape[i];
  return n;
}

static npr_state *state_of(value self) { return &((obj_randomstate *)self.u.o)->st; }

/* ---- seeding and state ---- */

static int do_seed(lang_vm *vm, npr_state *st, value seed) {
  if (!given(seed)) {
    npr_seed_entropy(st);
    return 0;
  }
  npr_status s;
  if (val_is_intlike(seed) || np_is_scalar(seed)) {
    int64_t v;
    if (np_is_scalar(seed) && ten_dtype_is_float(np_borrow(seed)->dtype))
      return exc_seti(vm, EXC_TypeError, "Cannot cast scalar from dtype('float64') to dtype('int64') according to the rule 'safe'");
    if (obj_as_index(vm, seed, &v) < 0) return -1;
    s = npr_seed(st, v);
  } else if (seed.tag == VAL_FLOAT) {
    return exc_seti(vm, EXC_TypeError, "Cannot cast scalar from dtype('float64') to dtype('int64') according to the rule 'safe'");
  } else {
    ten_tensor *t = np_to_tensor(vm, seed, TEN_DTYPE_I64, true);
    if (!t) return -1;
    int64_t n = ten_numel(t);
    s = npr_seed_array(st, ten_data_ptr(t), n);
    ten_release(t);
  }
  if (s != NPR_OK) {
    npr_error(vm, st, s);
    return -1;
  }
  return 0;
}

static value r_seed(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "seed", args, nargs, kw, "self|seed", a) < 0) return val_null();
  if (do_seed(vm, state_of(a[0]), a[1]) < 0) return val_null();
  return val_none();
}

static value r_get_state(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "get_state", args, nargs, kw, "self|legacy", a) < 0) return val_null();
  npr_state *st = state_of(a[0]);
  int64_t n = MT19937_N;
  ten_tensor *key = ten_empty(&n, 1, TEN_DTYPE_I64, TEN_CPU);
  if (!key) return exc_from_ten(vm);
  int64_t *k = ten_data_ptr(key);
  for (int i = 0; i < MT19937_N; i++) k[i] = st->mt.key[i];
  obj_tuple *t = tuple_new(vm, 5);
  if (!t) {
    ten_release(key);
    return val_null();
  }
  t->items[0] = val_obj_or_null(str_from_cstr(vm, "MT19937"));
  t->items[1] = np_wrap(vm, key);
  t->items[2] = val_int(st->mt.pos);
  t->items[3] = val_int(st->has_gauss);
  t->items[4] = val_float(st->gauss);
  for (int i = 0; i < 5; i++)
    if (VAL_IS_NULL(t->items[i])) {
      t->items[i] = val_none();
      obj_decref(t);
      return val_null();
    }
  return val_obj(t);
}

static value r_set_state(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "set_state", nargs, 2, 2) < 0) return val_null();
  npr_state *st = state_of(args[0]);
  value s = args[1];
  if (!val_is_tuple(s) || VAL_TUPLE(s)->len < 3) return exc_set(vm, EXC_ValueError, "state must be a dict or a tuple.");
  obj_tuple *t = VAL_TUPLE(s);
  if (!val_is_str(t->items[0]) || strcmp(VAL_STR(t->items[0])->data, "MT19937"))
    return exc_set(vm, EXC_ValueError, "set_state can only be used with legacy MT19937state instances.");
  ten_tensor *key = np_to_tensor(vm, t->items[1], TEN_DTYPE_I64, true);
  if (!key) return val_null();
  if (ten_numel(key) != MT19937_N) {
    ten_release(key);
    return exc_set(vm, EXC_ValueError, "invalid state");
  }
  int64_t pos, has_gauss = 0;
  double gauss = 0;
  if (obj_as_index(vm, t->items[2], &pos) < 0 || (t->len > 3 && obj_as_index(vm, t->items[3], &has_gauss) < 0) ||
      (t->len > 4 && obj_as_double(vm, t->items[4], &gauss) < 0)) {
    ten_release(key);
    return val_null();
  }
  uint8_t blob[NPR_STATE_BYTES];
  const int64_t *k = ten_data_ptr(key);
  for (int i = 0; i < MT19937_N; i++) {
    uint32_t w = (uint32_t)k[i];
    for (int b = 0; b < 4; b++) blob[4 * i + b] = (uint8_t)(w >> (8 * b));
  }
  ten_release(key);
  uint32_t p = (uint32_t)pos;
  for (int b = 0; b < 4; b++) blob[4 * MT19937_N + b] = (uint8_t)(p >> (8 * b));
  blob[4 * MT19937_N + 4] = has_gauss != 0;
  uint64_t gb;
  memcpy(&gb, &gauss, 8);
  for (int b = 0; b < 8; b++) blob[4 * MT19937_N + 5 + b] = (uint8_t)(gb >> (8 * b));
  npr_status rc = npr_setstate(st, blob, sizeof blob);
  if (rc != NPR_OK) return npr_error(vm, st, rc);
  return val_none();
}

/* ---- float draws ---- */

static value float_array(lang_vm *vm, const int64_t *shape, int nd, double **data) {
  ten_tensor *t = ten_empty(shape, nd, TEN_DTYPE_F64, TEN_CPU);
  if (!t) return exc_from_ten(vm);
  *data = ten_data_ptr(t);
  return np_wrap(vm, t);
}

static value dims_args(lang_vm *vm, const value *args, int nargs, int64_t *shape, int *nd) {
  *nd = nargs;
  if (nargs > TEN_MAX_DIMS) return exc_set(vm, EXC_ValueError, "maximum supported dimension for an ndarray is %d", TEN_MAX_DIMS);
  for (int i = 0; i < nargs; i++) {
    if (args[i].tag == VAL_FLOAT) return exc_set(vm, EXC_TypeError, "'float' object cannot be interpreted as an integer");
    if (obj_as_index(vm, args[i], &shape[i]) < 0) return val_null();
    if (shape[i] < 0) return exc_set(vm, EXC_ValueError, "negative dimensions are not allowed");
  }
  return val_none();
}

static value r_rand(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  npr_state *st = state_of(args[0]);
  if (nargs == 1) return val_float(npr_random_sample(st));
  int64_t shape[TEN_MAX_DIMS];
  int nd;
  if (VAL_IS_NULL(dims_args(vm, args + 1, nargs - 1, shape, &nd))) return val_null();
  double *p;
  value r = float_array(vm, shape, nd, &p);
  if (!VAL_IS_NULL(r)) npr_random_sample_fill(st, p, numel_of(shape, nd));
  return r;
}

static value r_randn(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  npr_state *st = state_of(args[0]);
  if (nargs == 1) return val_float(npr_standard_normal(st));
  int64_t shape[TEN_MAX_DIMS];
  int nd;
  if (VAL_IS_NULL(dims_args(vm, args + 1, nargs - 1, shape, &nd))) return val_null();
  double *p;
  value r = float_array(vm, shape, nd, &p);
  if (!VAL_IS_NULL(r)) npr_standard_normal_fill(st, p, numel_of(shape, nd));
  return r;
}

static value r_random_sample(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "random_sample", args, nargs, kw, "self|size", a) < 0) return val_null();
  npr_state *st = state_of(a[0]);
  int64_t shape[TEN_MAX_DIMS];
  bool scalar;
  int nd = size_arg(vm, a[1], shape, &scalar);
  if (nd < 0) return val_null();
  if (scalar) return val_float(npr_random_sample(st));
  double *p;
  value r = float_array(vm, shape, nd, &p);
  if (!VAL_IS_NULL(r)) npr_random_sample_fill(st, p, numel_of(shape, nd));
  return r;
}

static value r_standard_normal(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "standard_normal", args, nargs, kw, "self|size", a) < 0) return val_null();
  npr_state *st = state_of(a[0]);
  int64_t shape[TEN_MAX_DIMS];
  bool scalar;
  int nd = size_arg(vm, a[1], shape, &scalar);
  if (nd < 0) return val_null();
  if (scalar) return val_float(npr_standard_normal(st));
  double *p;
  value r = float_array(vm, shape, nd, &p);
  if (!VAL_IS_NULL(r)) npr_standard_normal_fill(st, p, numel_of(shape, nd));
  return r;
}

/* normal/uniform with scalar or array parameters (broadcast with size, C order) */
static value two_param(lang_vm *vm, npr_state *st, value pa, value pb, value size, bool normal) {
  ten_tensor *ta = np_to_tensor(vm, pa, TEN_DTYPE_F64, true), *tb = ta ? np_to_tensor(vm, pb, TEN_DTYPE_F64, true) : NULL;
  if (!tb) {
    ten_release(ta);
    return val_null();
  }
  int64_t shape[TEN_MAX_DIMS];
  bool scalar;
  int nd = size_arg(vm, size, shape, &scalar);
  value res = val_null();
  if (nd >= 0) {
    int64_t bs[TEN_MAX_DIMS];
    int bnd;
    if (ten_broadcast_shapes(ta->shape, ta->ndim, tb->shape, tb->ndim, bs, &bnd) < 0) {
      ten_error_clear();
      res = exc_set(vm, EXC_ValueError, "shape mismatch: objects cannot be broadcast to a single shape");
    } else {
      if (scalar) {
        nd = bnd;
        memcpy(shape, bs, sizeof(int64_t) * (size_t)bnd);
      }
      ten_tensor *ea = ten_broadcast_to(ta, shape, nd), *eb = ea ? ten_broadcast_to(tb, shape, nd) : NULL;
      if (!eb) {
        ten_release(ea);
        ten_error_clear();
        res = exc_set(vm, EXC_ValueError, "shape mismatch: objects cannot be broadcast to a single shape");
      } else {
        int64_t n = numel_of(shape, nd);
        /* the checks NumPy makes first */
        for (int64_t k = 0; k < n && VAL_IS_NULL(res) && !exc_pending(vm); k++) {
          double x = ten_get_double(ea, k), y = ten_get_double(eb, k);
          if (normal && (y < 0 || signbit(y))) exc_set(vm, EXC_ValueError, "scale < 0");
          if (!normal && !isfinite(y - x)) exc_set(vm, EXC_OverflowError, "Range exceeds valid bounds");
        }
        if (!exc_pending(vm)) {
          double *p;
          ten_tensor *out = ten_empty(shape, nd, TEN_DTYPE_F64, TEN_CPU);
          if (!out) {
            exc_from_ten(vm);
          } else {
            p = ten_data_ptr(out);
            for (int64_t k = 0; k < n; k++) {
              double x = ten_get_double(ea, k), y = ten_get_double(eb, k);
              p[k] = normal ? x + y * npr_standard_normal(st) : x + (y - x) * npr_random_sample(st);
            }
            res = (scalar && nd == 0) ? val_float(p[0]) : np_wrap(vm, out);
            if (scalar && nd == 0) ten_release(out);
          }
        }
      }
      ten_release(ea);
      ten_release(eb);
    }
  }
  ten_release(ta);
  ten_release(tb);
  return res;
}

static value r_normal(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[4];
  if (bi_parse(vm, "normal", args, nargs, kw, "self|loc,scale,size", a) < 0) return val_null();
  return two_param(vm, state_of(a[0]), given(a[1]) ? a[1] : val_float(0), given(a[2]) ? a[2] : val_float(1), a[3], true);
}

static value r_uniform(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[4];
  if (bi_parse(vm, "uniform", args, nargs, kw, "self|low,high,size", a) < 0) return val_null();
  return two_param(vm, state_of(a[0]), given(a[1]) ? a[1] : val_float(0), given(a[2]) ? a[2] : val_float(1), a[3], false);
}

/* ---- integers ---- */

static value r_randint(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  if (bi_parse(vm, "randint", args, nargs, kw, "self,low|high,size,dtype", a) < 0) return val_null();
  npr_state *st = state_of(a[0]);
  int64_t low, high;
  if (obj_as_index(vm, a[1], &low) < 0) return val_null();
  if (given(a[2])) {
    if (obj_as_index(vm, a[2], &high) < 0) return val_null();
  } else {
    high = low;
    low = 0;
  }
  ten_dtype dt = TEN_DTYPE_I64;
  if (np_arg_dtype(vm, a[4], &dt) < 0) return val_null();
  if (dt != TEN_DTYPE_I64 && dt != TEN_DTYPE_I32)
    return exc_set(vm, EXC_NotImplementedError, "ctorch's numpy: randint(dtype=%s) draws a different stream; use int64", np_dtype_name(dt));
  int64_t shape[TEN_MAX_DIMS];
  bool scalar;
  int nd = size_arg(vm, a[3], shape, &scalar);
  if (nd < 0) return val_null();
  int64_t n = scalar ? 1 : numel_of(shape, nd);
  if (scalar) {
    int64_t v;
    npr_status s = npr_randint(st, low, high, &v, 1);
    if (s != NPR_OK) return npr_error(vm, st, s);
    if (given(a[4])) return np_scalar_new(vm, dt, (double)v, v);
    return val_int(v);
  }
  ten_tensor *t = ten_empty(shape, nd, TEN_DTYPE_I64, TEN_CPU);
  if (!t) return exc_from_ten(vm);
  npr_status s = npr_randint(st, low, high, ten_data_ptr(t), n);
  if (s != NPR_OK) {
    ten_release(t);
    return npr_error(vm, st, s);
  }
  if (dt != TEN_DTYPE_I64) {
    ten_tensor *c = ten_to_dtype(t, dt, true);
    ten_release(t);
    t = c;
  }
  return np_wrap(vm, t);
}

/* ---- permutations ---- */

static int shuffle_value(lang_vm *vm, npr_state *st, value x) {
  ten_tensor *t = np_borrow(x);
  if (t && np_is_ndarray(x)) {
    if (t->ndim == 0) return exc_seti(vm, EXC_TypeError, "len() of unsized object");
    int64_t n = t->shape[0];
    if (ten_numel(t) == 0) return 0;
    if (ten_is_contiguous(t)) {
      size_t row = ten_dtype_size(t->dtype) * (size_t)(ten_numel(t) / n);
      npr_shuffle(st, ten_data_ptr(t), n, row);
      return 0;
    }
    for (int64_t i = n - 1; i >= 1; i--) {
      int64_t j = (int64_t)npr_interval(st, (uint64_t)i);
      if (i == j) continue;
      ten_tensor *ri = ten_select(t, 0, i), *rj = ten_select(t, 0, j);
      ten_tensor *tmp = rj ? ten_clone(rj) : NULL;
      int rc = (ri && tmp && ten_copy_(rj, ri) == 0 && ten_copy_(ri, tmp) == 0) ? 0 : -1;
      ten_release(ri);
      ten_release(rj);
      ten_release(tmp);
      if (rc < 0) return exc_from_ten(vm), -1;
    }
    return 0;
  }
  if (val_is_list(x)) {
    obj_list *l = VAL_LIST(x);
    for (int64_t i = l->len - 1; i >= 1; i--) {
      int64_t j = (int64_t)npr_interval(st, (uint64_t)i);
      value tmp = l->items[i];
      l->items[i] = l->items[j];
      l->items[j] = tmp;
    }
    return 0;
  }
  int64_t n = obj_len(vm, x);
  if (n < 0) return -1;
  for (int64_t i = n - 1; i >= 1; i--) {
    int64_t j = (int64_t)npr_interval(st, (uint64_t)i);
    value xi = obj_getitem(vm, x, val_int(i));
    if (VAL_IS_NULL(xi)) return -1;
    value xj = obj_getitem(vm, x, val_int(j));
    if (VAL_IS_NULL(xj)) {
      val_decref(xi);
      return -1;
    }
    int rc = obj_setitem(vm, x, val_int(i), xj) < 0 || obj_setitem(vm, x, val_int(j), xi) < 0 ? -1 : 0;
    val_decref(xi);
    val_decref(xj);
    if (rc < 0) return -1;
  }
  return 0;
}

static value r_shuffle(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "shuffle", nargs, 2, 2) < 0) return val_null();
  if (shuffle_value(vm, state_of(args[0]), args[1]) < 0) return val_null();
  return val_none();
}

static value r_permutation(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "permutation", nargs, 2, 2) < 0) return val_null();
  npr_state *st = state_of(args[0]);
  value x = args[1];
  if (val_is_intlike(x) || (np_is_scalar(x) && !ten_dtype_is_float(np_borrow(x)->dtype))) {
    int64_t n;
    if (obj_as_index(vm, x, &n) < 0) return val_null();
    int64_t len = n > 0 ? n : 0;
    ten_tensor *t = ten_empty(&len, 1, TEN_DTYPE_I64, TEN_CPU);
    if (!t) return exc_from_ten(vm);
    npr_permutation(st, n, ten_data_ptr(t));
    return np_wrap(vm, t);
  }
  ten_tensor *t = np_to_tensor(vm, x, TEN_DTYPE_UNSET, true);
  if (!t) return val_null();
  if (t->ndim < 1) {
    ten_release(t);
    return exc_set(vm, EXC_IndexError, "x must be an integer or at least 1-dimensional");
  }
  value arr = np_wrap(vm, t);
  if (VAL_IS_NULL(arr)) return arr;
  if (shuffle_value(vm, st, arr) < 0) {
    val_decref(arr);
    return val_null();
  }
  return arr;
}

static value r_choice(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  if (bi_parse(vm, "choice", args, nargs, kw, "self,a|size,replace,p", a) < 0) return val_null();
  npr_state *st = state_of(a[0]);
  bool replace = true;
  if (given(a[3])) {
    int r = obj_truth(vm, a[3]);
    if (r < 0) return val_null();
    replace = r;
  }
  ten_tensor *pool = NULL;
  int64_t pop;
  bool is_array = !(val_is_intlike(a[1]) || (np_is_scalar(a[1]) && !ten_dtype_is_float(np_borrow(a[1])->dtype)));
  if (!is_array) {
    if (obj_as_index(vm, a[1], &pop) < 0) return val_null();
  } else {
    pool = np_to_tensor(vm, a[1], TEN_DTYPE_UNSET, false);
    if (!pool) return val_null();
    if (pool->ndim != 1) {
      ten_release(pool);
      return exc_set(vm, EXC_ValueError, pool->ndim == 0 ? "a must be 1-dimensional or an integer" : "a must be 1-dimensional");
    }
    pop = pool->shape[0];
  }
  ten_tensor *p = NULL;
  if (given(a[4])) {
    p = np_to_tensor(vm, a[4], TEN_DTYPE_F64, true);
    if (!p || p->ndim != 1) {
      ten_release(pool);
      if (p) {
        ten_release(p);
        return exc_set(vm, EXC_ValueError, "'p' must be 1-dimensional");
      }
      return val_null();
    }
  }
  int64_t shape[TEN_MAX_DIMS];
  bool scalar;
  int nd = size_arg(vm, a[2], shape, &scalar);
  if (nd < 0) {
    ten_release(pool);
    ten_release(p);
    return val_null();
  }
  int64_t count = scalar ? 1 : numel_of(shape, nd);
  ten_tensor *idx = ten_empty(scalar ? NULL : shape, scalar ? 0 : nd, TEN_DTYPE_I64, TEN_CPU);
  if (!idx) {
    ten_release(pool);
    ten_release(p);
    return exc_from_ten(vm);
  }
  npr_status s = npr_choice(st, pop, is_array, count, replace, p ? ten_data_ptr(p) : NULL, p ? p->shape[0] : 0, ten_data_ptr(idx));
  ten_release(p);
  if (s != NPR_OK) {
    ten_release(pool);
    ten_release(idx);
    return npr_error(vm, st, s);
  }
  if (!pool) {
    if (scalar) {
      int64_t v = *(int64_t *)ten_data_ptr(idx);
      ten_release(idx);
      return val_int(v);
    }
    return np_wrap(vm, idx);
  }
  ten_tensor *g;
  if (scalar) {
    g = ten_select(pool, 0, *(int64_t *)ten_data_ptr(idx));
  } else {
    int64_t flat = count;
    ten_tensor *fi = ten_reshape(idx, &flat, 1);
    ten_tensor *sel = fi ? ten_index_select(pool, 0, fi) : NULL;
    g = sel ? ten_reshape(sel, shape, nd) : NULL;
    ten_release(fi);
    ten_release(sel);
  }
  ten_release(idx);
  ten_release(pool);
  return np_wrap_result(vm, g);
}

/* ---- RandomState(seed=None) ---- */

static value rs_new(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  value a[1];
  if (bi_parse(vm, "RandomState", args, nargs, kw, "|seed", a) < 0) return val_null();
  obj_randomstate *r = obj_alloc(vm, type, sizeof *r);
  if (!r) return val_null();
  if (do_seed(vm, &r->st, a[0]) < 0) {
    obj_decref(r);
    return val_null();
  }
  return val_obj(r);
}

static value rs_repr(lang_vm *vm, value self) {
  return val_obj(str_printf(vm, "RandomState(MT19937) at 0x%llX", (unsigned long long)(uintptr_t)self.u.o));
}

static const bi_reg rs_methods[] = {
  {"seed", r_seed, BI_VARARGS, BI_F_KW, "seed(seed=None)\n\nReseed the legacy MT19937 generator."},
  {"get_state", r_get_state, BI_VARARGS, BI_F_KW, NULL},
  {"set_state", r_set_state, BI_VARARGS, 0, NULL},
  {"rand", r_rand, BI_VARARGS, 0, "rand(d0, d1, ..., dn)\n\nRandom values in [0, 1) of the given shape."},
  {"randn", r_randn, BI_VARARGS, 0, "randn(d0, d1, ..., dn)\n\nSamples from the standard normal distribution."},
  {"random_sample", r_random_sample, BI_VARARGS, BI_F_KW, NULL},
  {"random", r_random_sample, BI_VARARGS, BI_F_KW, NULL},
  {"ranf", r_random_sample, BI_VARARGS, BI_F_KW, NULL},
  {"sample", r_random_sample, BI_VARARGS, BI_F_KW, NULL},
  {"standard_normal", r_standard_normal, BI_VARARGS, BI_F_KW, NULL},
  {"normal", r_normal, BI_VARARGS, BI_F_KW, "normal(loc=0.0, scale=1.0, size=None)"},
  {"uniform", r_uniform, BI_VARARGS, BI_F_KW, "uniform(low=0.0, high=1.0, size=None)"},
  {"randint", r_randint, BI_VARARGS, BI_F_KW, "randint(low, high=None, size=None, dtype=int)"},
  {"shuffle", r_shuffle, BI_VARARGS, 0, "shuffle(x)\n\nModify a sequence in-place by shuffling its contents."},
  {"permutation", r_permutation, BI_VARARGS, 0, NULL},
  {"choice", r_choice, BI_VARARGS, BI_F_KW, "choice(a, size=None, replace=True, p=None)"},
  {NULL, NULL, 0, 0, NULL}
};

static obj_type type_randomstate = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "numpy.random.mtrand.RandomState", .basicsize = sizeof(obj_randomstate),
  .new_ = rs_new, .repr = rs_repr, .tflags = TYPE_F_BASETYPE,
};

/* module functions: the methods bound to the global state */
int lib_numpy_random_init(lang_vm *vm, obj_dict *d) {
  if (type_ready(vm, &type_randomstate) < 0 || type_add_methods(vm, &type_randomstate, rs_methods) < 0) return -1;
  type_randomstate.name_str = type_randomstate.qualname = str_intern(vm, "RandomState");
  type_randomstate.module = str_intern(vm, "numpy.random.mtrand");
  if (dict_set_cstr(vm, d, "RandomState", val_obj(&type_randomstate)) < 0) return -1;
  obj_randomstate *rs = obj_alloc(vm, &type_randomstate, sizeof *rs);
  if (!rs) return -1;
  npr_seed_entropy(&rs->st);
  value self = val_obj(rs);
  for (const bi_reg *r = rs_methods; r->name; r++) {
    value f = bfunc_new(vm, r, self);
    if (VAL_IS_NULL(f) || dict_set_cstr(vm, d, r->name, f) < 0) {
      val_decref(f);
      obj_decref(rs);
      return -1;
    }
    val_decref(f);
  }
  /* the module keeps the instance (as mtrand._rand) */
  return module_add_value(vm, d, "_rand", self);
}
