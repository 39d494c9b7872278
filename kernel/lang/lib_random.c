/*
** kernel/lang/lib_random.c — the random module over pyrandom.c (CPython 3.11's MT19937 streams:
** the same seed gives the same numbers as CPython).
*/
#include <math.h>
#include <stdlib.h>

#include "kernel/lang/internal.h"
#include "kernel/lang/pyrandom.h"

static pyr_state rng;
static bool rng_seeded;

static pyr_state *state(void) {
  if (!rng_seeded) {
    pyr_seed_entropy(&rng);
    rng_seeded = true;
  }
  return &rng;
}

static value pyr_fail(lang_vm *vm, pyr_status s) {
  exc_kind k = s == PYR_E_INDEX ? EXC_IndexError : s == PYR_E_ZERODIV ? EXC_ZeroDivisionError :
               s == PYR_E_OVERFLOW ? EXC_OverflowError : s == PYR_E_NOMEM ? EXC_MemoryError : EXC_ValueError;
  return exc_set(vm, k, "%s", pyr_error_msg(&rng));
}

static value r_seed(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "seed", args, nargs, kw, "|a,version", a) < 0) return val_null();
  value s = a[0];
  rng_seeded = true;
  if (VAL_IS_NULL(s) || s.tag == VAL_NONE) {
    pyr_seed_entropy(&rng);
    return val_none();
  }
  if (val_is_intlike(s)) {
    pyr_seed_i64(&rng, val_as_int(s));
    return val_none();
  }
  if (s.tag == VAL_FLOAT) {
    uint64_t h = (uint64_t)hash_double(s.u.f);
    uint32_t w[2] = {(uint32_t)h, (uint32_t)(h >> 32)};
    pyr_seed_int(&rng, w, 2);
    return val_none();
  }
  return exc_set(vm, EXC_TypeError, "ctorch's random.seed() takes an int, a float or None, not %s", val_type_name(s));
}

static value r_random(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_float(pyr_random(state())); }

static value r_getrandbits(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t k;
  if (bi_to_int(vm, args[0], &k) < 0) return val_null();
  if (k < 0) return exc_set(vm, EXC_ValueError, "number of bits must be non-negative");
  if (k > 63) return exc_set(vm, EXC_OverflowError, "getrandbits(%lld): ctorch ints are 64-bit", (long long)k);
  uint64_t out;
  pyr_status st = pyr_getrandbits(state(), (int)k, &out);
  if (st) return pyr_fail(vm, st);
  return val_int((int64_t)out);
}

static value r_randint(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t a, b, out;
  if (bi_check_nargs(vm, "randint", nargs, 2, 2) < 0 || bi_to_int(vm, args[0], &a) < 0 || bi_to_int(vm, args[1], &b) < 0)
    return val_null();
  pyr_status st = pyr_randint(state(), a, b, &out);
  return st ? pyr_fail(vm, st) : val_int(out);
}

static value r_randrange(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "randrange", args, nargs, kw, "start|stop,step", a) < 0) return val_null();
  int64_t start, stop, step = 1, out;
  if (bi_to_int(vm, a[0], &start) < 0) return val_null();
  pyr_status st;
  if (VAL_IS_NULL(a[1]) || a[1].tag == VAL_NONE) {
    if (!VAL_IS_NULL(a[2]) && !(val_is_intlike(a[2]) && val_as_int(a[2]) == 1))
      return exc_set(vm, EXC_TypeError, "Missing a non-None stop argument");
    st = pyr_randrange_stop(state(), start, &out);
  } else {
    if (bi_to_int(vm, a[1], &stop) < 0) return val_null();
    if (!VAL_IS_NULL(a[2]) && bi_to_int(vm, a[2], &step) < 0) return val_null();
    st = pyr_randrange(state(), start, stop, step, &out);
  }
  return st ? pyr_fail(vm, st) : val_int(out);
}

static value r_choice(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t n = obj_len(vm, args[0]);
  if (n < 0) return val_null();
  int64_t i;
  pyr_status st = pyr_choice(state(), n, &i);
  if (st) return pyr_fail(vm, st);
  return obj_getitem(vm, args[0], val_int(i));
}

static value r_shuffle(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value x = args[0];
  if (val_is_list(x)) {
    obj_list *l = VAL_LIST(x);
    pyr_shuffle(state(), l->items, (size_t)l->len, sizeof(value));
    return val_none();
  }
  /* a mutable sequence: shuffle a copy of its items, then write them back */
  obj_list *l = obj_to_list(vm, x);
  if (!l) return val_null();
  pyr_shuffle(state(), l->items, (size_t)l->len, sizeof(value));
  for (int64_t i = 0; i < l->len; i++)
    if (obj_setitem(vm, x, val_int(i), l->items[i]) < 0) {
      obj_decref(l);
      return val_null();
    }
  obj_decref(l);
  return val_none();
}

static value r_sample(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "sample", args, nargs, kw, "population,k|$counts", a) < 0) return val_null();
  if (val_is_dict(a[0]) || val_type(a[0]) == &type_set)
    return exc_set(vm, EXC_TypeError, "Population must be a sequence.  For dicts or sets, use sorted(d).");
  int64_t n = obj_len(vm, a[0]), k;
  if (n < 0 || bi_to_int(vm, a[1], &k) < 0) return val_null();
  int64_t *ix = malloc(sizeof(int64_t) * (size_t)(k > 0 ? k : 1));
  if (!ix) return exc_nomem(vm);
  pyr_status st = pyr_sample(state(), n, k, ix);
  if (st) {
    free(ix);
    return pyr_fail(vm, st);
  }
  obj_list *l = list_new(vm, k);
  for (int64_t i = 0; l && i < k; i++) {
    value v = obj_getitem(vm, a[0], val_int(ix[i]));
    if (VAL_IS_NULL(v)) {
      obj_decref(l);
      l = NULL;
      break;
    }
    l->items[l->len++] = v;
  }
  free(ix);
  return l ? val_obj(l) : val_null();
}

static value r_choices(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[4];
  if (bi_parse(vm, "choices", args, nargs, kw, "population|weights,$cum_weights,k", a) < 0) return val_null();
  int64_t n = obj_len(vm, a[0]), k = 1;
  if (n < 0) return val_null();
  if (!VAL_IS_NULL(a[3]) && bi_to_int(vm, a[3], &k) < 0) return val_null();
  double *cum = NULL;
  bool has_w = !VAL_IS_NULL(a[1]) && a[1].tag != VAL_NONE, has_c = !VAL_IS_NULL(a[2]) && a[2].tag != VAL_NONE;
  if (has_w && has_c) return exc_set(vm, EXC_TypeError, "Cannot specify both weights and cumulative weights");
  if (has_w || has_c) {
    obj_list *w = obj_to_list(vm, has_w ? a[1] : a[2]);
    if (!w) return val_null();
    if (w->len != n) {
      obj_decref(w);
      return exc_set(vm, EXC_ValueError, "The number of weights does not match the population");
    }
    cum = malloc(sizeof(double) * (size_t)(n ? n : 1));
    double acc = 0;
    for (int64_t i = 0; cum && i < n; i++) {
      double x;
      if (obj_as_double(vm, w->items[i], &x) < 0) {
        free(cum);
        obj_decref(w);
        return val_null();
      }
      acc = has_w ? acc + x : x;
      cum[i] = acc;
    }
    obj_decref(w);
    if (!cum) return exc_nomem(vm);
  }
  int64_t *ix = malloc(sizeof(int64_t) * (size_t)(k > 0 ? k : 1));
  if (!ix) {
    free(cum);
    return exc_nomem(vm);
  }
  pyr_status st = pyr_choices(state(), n, cum, k, ix);
  free(cum);
  if (st) {
    free(ix);
    return pyr_fail(vm, st);
  }
  obj_list *l = list_new(vm, k);
  for (int64_t i = 0; l && i < k; i++) {
    value v = obj_getitem(vm, a[0], val_int(ix[i]));
    if (VAL_IS_NULL(v)) {
      obj_decref(l);
      l = NULL;
      break;
    }
    l->items[l->len++] = v;
  }
  free(ix);
  return l ? val_obj(l) : val_null();
}

static int two_doubles(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, const char *fn, const char *spec,
                       double d0, double d1, double *x, double *y) {
  value a[2];
  if (bi_parse(vm, fn, args, nargs, kw, spec, a) < 0) return -1;
  *x = d0;
  *y = d1;
  if (!VAL_IS_NULL(a[0]) && obj_as_double(vm, a[0], x) < 0) return -1;
  if (!VAL_IS_NULL(a[1]) && obj_as_double(vm, a[1], y) < 0) return -1;
  return 0;
}

static value r_uniform(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double a, b;
  if (two_doubles(vm, args, nargs, kw, "uniform", "a,b", 0, 0, &a, &b) < 0) return val_null();
  return val_float(pyr_uniform(state(), a, b));
}
static value r_gauss(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double mu, sigma;
  if (two_doubles(vm, args, nargs, kw, "gauss", "|mu,sigma", 0.0, 1.0, &mu, &sigma) < 0) return val_null();
  return val_float(pyr_gauss(state(), mu, sigma));
}
static value r_normalvariate(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double mu, sigma;
  if (two_doubles(vm, args, nargs, kw, "normalvariate", "|mu,sigma", 0.0, 1.0, &mu, &sigma) < 0) return val_null();
  return val_float(pyr_normalvariate(state(), mu, sigma));
}
static value r_lognormvariate(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double mu, sigma;
  if (two_doubles(vm, args, nargs, kw, "lognormvariate", "mu,sigma", 0.0, 1.0, &mu, &sigma) < 0) return val_null();
  return val_float(pyr_lognormvariate(state(), mu, sigma));
}
static value r_expovariate(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double l, out;
  if (bi_check_nargs(vm, "expovariate", nargs, 1, 1) < 0 || obj_as_double(vm, args[0], &l) < 0) return val_null();
  pyr_status st = pyr_expovariate(state(), l, &out);
  return st ? pyr_fail(vm, st) : val_float(out);
}
static value r_gammavariate(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double a, b, out;
  if (two_doubles(vm, args, nargs, kw, "gammavariate", "alpha,beta", 0, 0, &a, &b) < 0) return val_null();
  pyr_status st = pyr_gammavariate(state(), a, b, &out);
  return st ? pyr_fail(vm, st) : val_float(out);
}
static value r_betavariate(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double a, b, out;
  if (two_doubles(vm, args, nargs, kw, "betavariate", "alpha,beta", 0, 0, &a, &b) < 0) return val_null();
  pyr_status st = pyr_betavariate(state(), a, b, &out);
  return st ? pyr_fail(vm, st) : val_float(out);
}
static value r_triangular(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "triangular", args, nargs, kw, "|low,high,mode", a) < 0) return val_null();
  double lo = 0.0, hi = 1.0, mode = 0.0;
  if (!VAL_IS_NULL(a[0]) && obj_as_double(vm, a[0], &lo) < 0) return val_null();
  if (!VAL_IS_NULL(a[1]) && obj_as_double(vm, a[1], &hi) < 0) return val_null();
  bool has_mode = !VAL_IS_NULL(a[2]) && a[2].tag != VAL_NONE;
  if (has_mode && obj_as_double(vm, a[2], &mode) < 0) return val_null();
  return val_float(pyr_triangular(state(), lo, hi, has_mode, mode));
}

value bytes_new(lang_vm *vm, const char *s, int64_t n);

static value r_getstate(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  uint8_t buf[PYR_STATE_BYTES];
  pyr_getstate(state(), buf);
  return bytes_new(vm, (const char *)buf, PYR_STATE_BYTES);
}
static value r_setstate(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (val_type(args[0]) != &type_bytes) return exc_set(vm, EXC_TypeError, "state vector must be a value from getstate()");
  int64_t n = obj_len(vm, args[0]);
  uint8_t buf[PYR_STATE_BYTES];
  if (n != PYR_STATE_BYTES) return exc_set(vm, EXC_ValueError, "state vector is the wrong size");
  for (int64_t i = 0; i < n; i++) {
    value b = obj_getitem(vm, args[0], val_int(i));
    buf[i] = (uint8_t)val_as_int(b);
  }
  pyr_status st = pyr_setstate(state(), buf, (size_t)n);
  return st ? pyr_fail(vm, st) : val_none();
}

static const bi_reg random_funcs[] = {
  {"seed", r_seed, BI_VARARGS, BI_F_KW, "Initialize internal state from a seed."},
  {"random", r_random, 0, 0, "random() -> x in the interval [0, 1)."},
  {"getrandbits", r_getrandbits, 1, 0, "getrandbits(k) -> x.  Generates an int with k random bits."},
  {"randint", r_randint, BI_VARARGS, 0, "Return random integer in range [a, b], including both end points."},
  {"randrange", r_randrange, BI_VARARGS, BI_F_KW, "Choose a random item from range(stop) or range(start, stop[, step])."},
  {"choice", r_choice, 1, 0, "Choose a random element from a non-empty sequence."},
  {"choices", r_choices, BI_VARARGS, BI_F_KW, "Return a k sized list of population elements chosen with replacement."},
  {"shuffle", r_shuffle, 1, 0, "Shuffle list x in place, and return None."},
  {"sample", r_sample, BI_VARARGS, BI_F_KW, "Chooses k unique random elements from a population sequence."},
  {"uniform", r_uniform, BI_VARARGS, BI_F_KW, "Get a random number in the range [a, b) or [a, b] depending on rounding."},
  {"gauss", r_gauss, BI_VARARGS, BI_F_KW, "Gaussian distribution."},
  {"normalvariate", r_normalvariate, BI_VARARGS, BI_F_KW, "Normal distribution."},
  {"lognormvariate", r_lognormvariate, BI_VARARGS, BI_F_KW, "Log normal distribution."},
  {"expovariate", r_expovariate, BI_VARARGS, 0, "Exponential distribution."},
  {"gammavariate", r_gammavariate, BI_VARARGS, BI_F_KW, "Gamma distribution."},
  {"betavariate", r_betavariate, BI_VARARGS, BI_F_KW, "Beta distribution."},
  {"triangular", r_triangular, BI_VARARGS, BI_F_KW, "Triangular distribution."},
  {"getstate", r_getstate, 0, 0, "Return internal state; can be passed to setstate() later."},
  {"setstate", r_setstate, 1, 0, "Restore internal state from object returned by getstate()."},
  {NULL, NULL, 0, 0, NULL}
};

int lib_random_init(lang_vm *vm, obj_dict *d) { return module_add_funcs(vm, d, random_funcs); }
