/*
** kernel/lang/plot_backend.c — the module matplotlib._ctorch_backend: the language's handle on the
** drawing core (plot_core.h). Figure and axes handles, data conversion (tensors, lists, anything
** with tolist(): NumPy arrays), colours, rendering to PNG/SVG bytes and writing files under the
** current directory only. matplotlib's Python API lives in kernel/lang/py/matplotlib/; it calls
** these functions with positional arguments it has already defaulted.
*/
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/lang/plot_core.h"
#include "kernel/lang/torch_bind.h"

/* ---- handles ---- */

typedef struct obj_figcore { obj hdr; plot_figure *f; } obj_figcore;
typedef struct obj_axcore { obj hdr; obj_figcore *fig; plot_axes *a; } obj_axcore;

static void figcore_dealloc(obj *o) { plot_figure_free(((obj_figcore *)o)->f); }
static void axcore_dealloc(obj *o) { obj_xdecref(((obj_axcore *)o)->fig); }

static obj_type type_figcore = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "FigureCore", .basicsize = sizeof(obj_figcore),
  .dealloc = figcore_dealloc, .hash = obj_hash_identity,
};
static obj_type type_axcore = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "AxesCore", .basicsize = sizeof(obj_axcore),
  .dealloc = axcore_dealloc, .hash = obj_hash_identity,
};

static value plot_error(lang_vm *vm) { return exc_set(vm, EXC_ValueError, "%s", plot_last_error()); }

static plot_figure *arg_fig(lang_vm *vm, value v) {
  if (val_type(v) != &type_figcore) {
    exc_set(vm, EXC_TypeError, "expected a figure handle, got %s", val_type_name(v));
    return NULL;
  }
  return ((obj_figcore *)v.u.o)->f;
}

/* The axes of a handle, if it is still in its figure (delaxes / clf remove axes). */
static plot_axes *arg_ax(lang_vm *vm, value v) {
  if (val_type(v) != &type_axcore) {
    exc_set(vm, EXC_TypeError, "expected an axes handle, got %s", val_type_name(v));
    return NULL;
  }
  obj_axcore *h = (obj_axcore *)v.u.o;
  plot_figure *f = h->fig->f;
  for (int i = 0; i < plot_figure_naxes(f); i++)
    if (plot_figure_axes(f, i) == h->a) return h->a;
  exc_set(vm, EXC_ValueError, "the Axes has been removed from its figure");
  return NULL;
}

static value axcore_new(lang_vm *vm, value fig, plot_axes *a) {
  obj_axcore *h = obj_alloc(vm, &type_axcore, sizeof *h);
  if (!h) return val_null();
  obj_incref(fig.u.o);
  h->fig = (obj_figcore *)fig.u.o;
  h->a = a;
  return val_obj(h);
}

/* ---- argument conversions ---- */

static int arg_num(lang_vm *vm, value v, double *out) {
  if (v.tag == VAL_NONE || VAL_IS_NULL(v)) {
    *out = NAN;
    return 0;
  }
  return obj_as_double(vm, v, out);
}

static int arg_int_(lang_vm *vm, value v, int64_t *out) { return bi_to_int(vm, v, out); }

/* "" / None -> NULL; str -> its text. */
static const char *arg_cstr(lang_vm *vm, value v, bool *err) {
  *err = false;
  if (v.tag == VAL_NONE || VAL_IS_NULL(v)) return NULL;
  if (val_is_str(v)) return VAL_STR(v)->data;
  *err = true;
  exc_set(vm, EXC_TypeError, "expected str, got %s", val_type_name(v));
  return NULL;
}

/* A colour: a matplotlib colour string or an (r, g, b[, a]) sequence of floats in [0, 1]. None:
   *out.a = -1 ("not given"). */
static int arg_rgba(lang_vm *vm, value v, plot_rgba *out) {
  if (v.tag == VAL_NONE || VAL_IS_NULL(v)) {
    *out = (plot_rgba){0, 0, 0, -1};
    return 0;
  }
  if (val_is_str(v)) {
    if (plot_color_parse(VAL_STR(v)->data, out) < 0) {
      exc_set(vm, EXC_ValueError, "'%s' is not a valid color value.", VAL_STR(v)->data);
      return -1;
    }
    return 0;
  }
  if (val_is_tuple(v) || val_is_list(v)) {
    int64_t n = val_is_tuple(v) ? VAL_TUPLE(v)->len : VAL_LIST(v)->len;
    const value *it = val_is_tuple(v) ? VAL_TUPLE(v)->items : VAL_LIST(v)->items;
    double c[4] = {0, 0, 0, 1};
    if (n == 3 || n == 4) {
      bool ok = true;
      for (int64_t i = 0; i < n; i++) {
        if (obj_as_double(vm, it[i], &c[i]) < 0) {
          exc_clear(vm);
          ok = false;
          break;
        }
        if (c[i] < 0 || c[i] > 1) ok = false;
      }
      if (ok) {
        *out = (plot_rgba){c[0], c[1], c[2], c[3]};
        return 0;
      }
    }
  }
  value r = obj_repr(vm, v);
  if (VAL_IS_NULL(r)) return -1;
  exc_set(vm, EXC_ValueError, "Invalid RGBA argument: %s", VAL_STR(r)->data);
  val_decref(r);
  return -1;
}

static value rgba_tuple(lang_vm *vm, plot_rgba c) {
  obj_tuple *t = tuple_new(vm, 4);
  if (!t) return val_null();
  t->items[0] = val_float(c.r);
  t->items[1] = val_float(c.g);
  t->items[2] = val_float(c.b);
  t->items[3] = val_float(c.a);
  return val_obj(t);
}

/* One colour for all n marks, or a list of n colours (a list of 3-4 numbers is one colour): *arr gets a
   malloc'd array of n (the caller frees it) or stays NULL with the colour in *one. `what` names the
   argument in the length error ('c', 'color', 'edgecolor'). */
static int arg_rgba_seq(lang_vm *vm, value v, int64_t n, const char *what, plot_rgba **arr, plot_rgba *one) {
  *arr = NULL;
  if (val_is_list(v) && !(VAL_LIST(v)->len >= 3 && VAL_LIST(v)->len <= 4 && val_is_number(VAL_LIST(v)->items[0]))) {
    obj_list *l = VAL_LIST(v);
    if (l->len == 1) return arg_rgba(vm, l->items[0], one);
    if (l->len != n) {
      exc_set(vm, EXC_ValueError, "'%s' argument has %lld elements, which is inconsistent with 'x' and 'y' with size %lld.",
              what, (long long)l->len, (long long)n);
      return -1;
    }
    plot_rgba *c = malloc((size_t)(n ? n : 1) * sizeof *c);
    if (!c) {
      exc_nomem(vm);
      return -1;
    }
    for (int64_t i = 0; i < n; i++)
      if (arg_rgba(vm, l->items[i], &c[i]) < 0) {
        free(c);
        return -1;
      }
    *arr = c;
    *one = (plot_rgba){0, 0, 0, -1};
    return 0;
  }
  return arg_rgba(vm, v, one);
}


static int arg_linestyle(lang_vm *vm, value v, plot_linestyle *out) {
  if (v.tag == VAL_NONE || VAL_IS_NULL(v)) {
    *out = PLOT_LS_NONE;
    return 0;
  }
  if (!val_is_str(v)) return exc_seti(vm, EXC_ValueError, "linestyle must be a str, not %s", val_type_name(v));
  const char *s = VAL_STR(v)->data;
  static const struct { const char *name; plot_linestyle ls; } names[] = {
    {"-", PLOT_LS_SOLID},    {"solid", PLOT_LS_SOLID},     {"--", PLOT_LS_DASHED}, {"dashed", PLOT_LS_DASHED},
    {"-.", PLOT_LS_DASHDOT}, {"dashdot", PLOT_LS_DASHDOT}, {":", PLOT_LS_DOTTED},  {"dotted", PLOT_LS_DOTTED},
    {"", PLOT_LS_NONE},      {" ", PLOT_LS_NONE},          {"None", PLOT_LS_NONE}, {"none", PLOT_LS_NONE},
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(s, names[i].name) == 0) {
      *out = names[i].ls;
      return 0;
    }
  return exc_seti(vm, EXC_ValueError, "'%s' is not a valid value for ls; supported values are '-', '--', '-.', ':', "
                                      "'None', ' ', '', 'solid', 'dashed', 'dashdot', 'dotted'", s);
}

static int arg_marker(lang_vm *vm, value v, char *out) {
  *out = 0;
  if (v.tag == VAL_NONE || VAL_IS_NULL(v)) return 0;
  if (!val_is_str(v)) return exc_seti(vm, EXC_ValueError, "Unrecognized marker style %s", val_type_name(v));
  const char *s = VAL_STR(v)->data;
  if (!s[0] || strcmp(s, "None") == 0 || strcmp(s, "none") == 0 || strcmp(s, " ") == 0) return 0;
  static const char known[] = ".,ov^<>sp*hH+xDd|_PX81234";
  if (strlen(s) == 1 && strchr(known, s[0])) {
    *out = s[0];
    return 0;
  }
  return exc_seti(vm, EXC_ValueError, "Unrecognized marker style '%s'", s);
}

static int arg_axis(lang_vm *vm, value v, int *axis) {
  int64_t i;
  if (bi_to_int(vm, v, &i) < 0) return -1;
  if (i < -1 || i > 1) return exc_seti(vm, EXC_ValueError, "axis must be 0 (x), 1 (y) or -1 (both)");
  *axis = (int)i;
  return 0;
}

/* ---- data: numbers from tensors, nested lists, anything with tolist() ---- */

typedef struct plot_data {
  double *v;
  int64_t n, cap;
  int ndim;
  int64_t shape[4];
  bool is_int;
} plot_data;

static void data_free(plot_data *d) {
  free(d->v);
  memset(d, 0, sizeof *d);
}

static int data_push(lang_vm *vm, plot_data *d, double x) {
  if (d->n == d->cap) {
    int64_t cap = d->cap ? d->cap * 2 : 256;
    double *p = realloc(d->v, (size_t)cap * sizeof *p);
    if (!p) {
      exc_nomem(vm);
      return -1;
    }
    d->v = p;
    d->cap = cap;
  }
  d->v[d->n++] = x;
  return 0;
}

static int data_tensor(lang_vm *vm, ten_tensor *t, plot_data *d, int depth) {
  if (ten_device_of(t).type != TEN_DEV_CPU)
    return exc_seti(vm, EXC_TypeError, "can't convert cuda:%d device type tensor to numpy. Use Tensor.cpu() to copy "
                    "the tensor to host memory first.", ten_device_of(t).index < 0 ? 0 : ten_device_of(t).index);
  if (t->requires_grad)
    return exc_seti(vm, EXC_RuntimeError, "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() "
                    "instead.");
  if (depth + t->ndim > 4) return exc_seti(vm, EXC_ValueError, "too many dimensions for plotting (%d)", depth + t->ndim);
  ten_tensor *c = ten_to_dtype(t, TEN_DTYPE_F64, true);
  ten_tensor *cc = c ? ten_contiguous(c) : NULL;
  ten_release(c);
  if (!cc) {
    exc_from_ten(vm);
    return -1;
  }
  int64_t n = ten_numel(cc);
  const double *p = ten_data_ptr(cc);
  for (int64_t i = 0; i < n; i++)
    if (data_push(vm, d, p[i]) < 0) {
      ten_release(cc);
      return -1;
    }
  ten_release(cc);
  if (!ten_dtype_is_int(t->dtype) && t->dtype != TEN_DTYPE_BOOL) d->is_int = false;
  return 0;
}

/* Appends the numbers of v (nested to `depth`) and checks the nesting is rectangular. */
static int data_walk(lang_vm *vm, value v, plot_data *d, int depth) {
  if (val_is_number(v)) {
    if (depth > d->ndim) d->ndim = depth;
    if (depth != d->ndim) return exc_seti(vm, EXC_ValueError, "setting an array element with a sequence. The "
                                          "requested array has an inhomogeneous shape");
    if (v.tag == VAL_FLOAT) d->is_int = false;
    return data_push(vm, d, v.tag == VAL_FLOAT ? v.u.f : (double)val_as_int(v));
  }
  if (val_is_tensor(v)) {
    ten_tensor *t = VAL_TENSOR(v);
    int nd = depth + t->ndim;
    if (d->n == 0 && depth == 0) {
      d->ndim = nd;
      for (int i = 0; i < t->ndim && i < 4; i++) d->shape[i] = t->shape[i];
    } else {
      if (d->ndim == 0 && d->n == 0) d->ndim = nd;
      if (nd != d->ndim) return exc_seti(vm, EXC_ValueError, "setting an array element with a sequence. The "
                                         "requested array has an inhomogeneous shape");
      for (int i = 0; i < t->ndim; i++)
        if (depth + i < 4 && d->shape[depth + i] != t->shape[i])
          return exc_seti(vm, EXC_ValueError, "setting an array element with a sequence. The requested array has an "
                          "inhomogeneous shape");
    }
    return data_tensor(vm, t, d, depth);
  }
  if (val_is_str(v))
    return exc_seti(vm, EXC_TypeError, "could not convert string to float: '%s'", VAL_STR(v)->data);
  if (depth >= 4) return exc_seti(vm, EXC_ValueError, "too many dimensions for plotting");
  value lst;
  if (val_is_list(v) || val_is_tuple(v)) {
    lst = val_incref(v);
  } else {
    obj_str *tl = str_intern(vm, "tolist");
    value m = tl ? obj_getattr_opt(vm, v, tl) : val_null();
    if (VAL_IS_NULL(m)) {
      if (exc_pending(vm)) return -1;
      double x;
      if (obj_as_double(vm, v, &x) == 0) {   /* NumPy scalars, 0-dim objects with __float__ */
        if (depth > d->ndim) d->ndim = depth;
        d->is_int = false;
        return data_push(vm, d, x);
      }
      exc_clear(vm);
      obj_list *l = obj_to_list(vm, v);
      if (!l) {
        exc_clear(vm);
        return exc_seti(vm, EXC_TypeError, "float() argument must be a string or a real number, not '%s'",
                        val_type_name(v));
      }
      lst = val_obj(l);
    } else {
      lst = vm_call0(vm, m);
      val_decref(m);
      if (VAL_IS_NULL(lst)) return -1;
      if (!val_is_list(lst) && !val_is_tuple(lst)) {   /* a 0-dim array's tolist() is a number */
        int rc = data_walk(vm, lst, d, depth);
        val_decref(lst);
        return rc;
      }
    }
  }
  int64_t n = val_is_list(lst) ? VAL_LIST(lst)->len : VAL_TUPLE(lst)->len;
  int rc = 0;
  if (d->n == 0 && d->ndim <= depth) {
    /* first descent fixes the shape of this level */
    d->shape[depth] = n;
  } else if (d->shape[depth] != n) {
    rc = exc_seti(vm, EXC_ValueError, "setting an array element with a sequence. The requested array has an "
                  "inhomogeneous shape after %d dimensions", depth);
  }
  if (n == 0 && depth + 1 > d->ndim) d->ndim = depth + 1;
  for (int64_t i = 0; i < n && rc == 0; i++) {
    value it = val_is_list(lst) ? VAL_LIST(lst)->items[i] : VAL_TUPLE(lst)->items[i];
    if (vm_check_interrupt(vm) < 0) rc = -1;
    else rc = data_walk(vm, it, d, depth + 1);
  }
  val_decref(lst);
  return rc;
}

static int data_from(lang_vm *vm, value v, plot_data *d) {
  memset(d, 0, sizeof *d);
  d->is_int = true;
  if (data_walk(vm, v, d, 0) < 0) {
    data_free(d);
    return -1;
  }
  int64_t want = 1;
  for (int i = 0; i < d->ndim; i++) want *= d->shape[i];
  if (d->ndim == 0) d->shape[0] = 1;
  if (want != d->n && d->ndim > 0) {
    data_free(d);
    return exc_seti(vm, EXC_ValueError, "setting an array element with a sequence. The requested array has an "
                    "inhomogeneous shape");
  }
  return 0;
}

/* 1-D float data (any shape is flattened) of exactly n values (n < 0: any). */
static int data_1d(lang_vm *vm, value v, plot_data *d, int64_t n, const char *what) {
  if (data_from(vm, v, d) < 0) return -1;
  if (n >= 0 && d->n != n) {
    int64_t got = d->n;
    data_free(d);
    return exc_seti(vm, EXC_ValueError, "%s must have %lld values, not %lld", what, (long long)n, (long long)got);
  }
  return 0;
}

static value shape_tuple(lang_vm *vm, const plot_data *d) {
  obj_tuple *t = tuple_new(vm, d->ndim);
  if (!t) return val_null();
  for (int i = 0; i < d->ndim; i++) t->items[i] = val_int(d->shape[i]);
  return val_obj(t);
}

static value float_list(lang_vm *vm, const double *v, int64_t n) {
  obj_list *l = list_new(vm, n);
  if (!l) return val_null();
  for (int64_t i = 0; i < n; i++)
    if (list_append(vm, l, val_float(v[i])) < 0) {
      obj_decref(l);
      return val_null();
    }
  return val_obj(l);
}

/* asarray(obj) -> (shape, flat list of floats, is_int): what the Python layer needs to split a 2-D
   y into columns, find categorical data and so on. */
static value b_asarray(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_data d;
  if (data_from(vm, args[0], &d) < 0) return val_null();
  value sh = shape_tuple(vm, &d), fl = VAL_IS_NULL(sh) ? sh : float_list(vm, d.v, d.n);
  bool is_int = d.is_int;
  data_free(&d);
  if (VAL_IS_NULL(fl)) {
    val_decref(sh);
    return val_null();
  }
  obj_tuple *t = tuple_new(vm, 3);
  if (!t) {
    val_decref(sh);
    val_decref(fl);
    return val_null();
  }
  t->items[0] = sh;
  t->items[1] = fl;
  t->items[2] = val_bool(is_int);
  return val_obj(t);
}

/* shape(obj) -> tuple, without keeping the numbers. */
static value b_shape(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (val_is_tensor(args[0])) {
    ten_tensor *t = VAL_TENSOR(args[0]);
    obj_tuple *r = tuple_new(vm, t->ndim);
    if (!r) return val_null();
    for (int i = 0; i < t->ndim; i++) r->items[i] = val_int(t->shape[i]);
    return val_obj(r);
  }
  plot_data d;
  if (data_from(vm, args[0], &d) < 0) return val_null();
  value sh = shape_tuple(vm, &d);
  data_free(&d);
  return sh;
}

/* ---- colours ---- */

static value b_to_rgba(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_rgba c;
  if (arg_rgba(vm, args[0], &c) < 0) return val_null();
  if (c.a < 0) return exc_set(vm, EXC_ValueError, "Invalid RGBA argument: None");
  if (nargs > 1 && args[1].tag != VAL_NONE) {
    double a;
    if (obj_as_double(vm, args[1], &a) < 0) return val_null();
    c.a = a;
  }
  return rgba_tuple(vm, c);
}

static value b_cycle_color(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t i;
  if (bi_to_int(vm, args[0], &i) < 0) return val_null();
  plot_rgba c = plot_cycle_color((int)(i % 10));
  return val_obj(str_printf(vm, "#%02x%02x%02x", (int)lround(c.r * 255), (int)lround(c.g * 255), (int)lround(c.b * 255)));
}

static value b_cmap_valid(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (!val_is_str(args[0])) return val_bool(false);
  return val_bool(plot_cmap_find(VAL_STR(args[0])->data) >= 0);
}

/* cmap_colors(name, values, vmin, vmax) -> list of rgba tuples (scatter's c=numbers) */
static value b_cmap_colors(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  bool err;
  const char *name = arg_cstr(vm, args[0], &err);
  if (err) return val_null();
  int cm = plot_cmap_find(name ? name : "viridis");
  if (cm < 0) return exc_set(vm, EXC_ValueError, "'%s' is not a valid value for cmap", name);
  plot_data d;
  if (data_from(vm, args[1], &d) < 0) return val_null();
  double lo, hi;
  if (arg_num(vm, args[2], &lo) < 0 || arg_num(vm, args[3], &hi) < 0) {
    data_free(&d);
    return val_null();
  }
  if (lo != lo || hi != hi) {
    double a = INFINITY, b = -INFINITY;
    for (int64_t i = 0; i < d.n; i++)
      if (isfinite(d.v[i])) a = fmin(a, d.v[i]), b = fmax(b, d.v[i]);
    if (lo != lo) lo = a;
    if (hi != hi) hi = b;
  }
  obj_list *l = list_new(vm, d.n);
  for (int64_t i = 0; l && i < d.n; i++) {
    double u = hi > lo ? (d.v[i] - lo) / (hi - lo) : 0;
    value t = rgba_tuple(vm, plot_cmap_eval(cm, isfinite(d.v[i]) ? u : NAN));
    if (VAL_IS_NULL(t) || list_append_steal(vm, l, t) < 0) {
      obj_decref(l);
      l = NULL;
    }
  }
  data_free(&d);
  return l ? val_obj(l) : val_null();
}

/* ---- figures ---- */

static value b_figure_new(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double w, h, dpi;
  if (arg_num(vm, args[0], &w) < 0 || arg_num(vm, args[1], &h) < 0 || arg_num(vm, args[2], &dpi) < 0) return val_null();
  plot_figure *f = plot_figure_new(w, h, dpi);
  if (!f) return plot_error(vm);
  obj_figcore *o = obj_alloc(vm, &type_figcore, sizeof *o);
  if (!o) {
    plot_figure_free(f);
    return val_null();
  }
  o->f = f;
  return val_obj(o);
}

static value b_figure_size(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* figure_size(fig, w, h, dpi): None keeps; returns (w, h, dpi) */
  plot_figure *f = arg_fig(vm, args[0]);
  if (!f) return val_null();
  double w, h, dpi;
  if (arg_num(vm, args[1], &w) < 0 || arg_num(vm, args[2], &h) < 0 || arg_num(vm, args[3], &dpi) < 0) return val_null();
  if (w == w || h == h) {
    double cw, ch;
    plot_figure_get_size(f, &cw, &ch, NULL);
    plot_figure_set_size(f, w == w ? w : cw, h == h ? h : ch);
  }
  if (dpi == dpi) plot_figure_set_dpi(f, dpi);
  plot_figure_get_size(f, &w, &h, &dpi);
  obj_tuple *t = tuple_new(vm, 3);
  if (!t) return val_null();
  t->items[0] = val_float(w);
  t->items[1] = val_float(h);
  t->items[2] = val_float(dpi);
  return val_obj(t);
}

static value b_figure_facecolor(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_figure *f = arg_fig(vm, args[0]);
  plot_rgba c;
  if (!f || arg_rgba(vm, args[1], &c) < 0) return val_null();
  if (c.a >= 0) plot_figure_set_facecolor(f, c);
  return val_none();
}

static value b_figure_clear(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_figure *f = arg_fig(vm, args[0]);
  if (!f) return val_null();
  plot_figure_clear(f);
  return val_none();
}

static value b_figure_suptitle(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_figure *f = arg_fig(vm, args[0]);
  double fs;
  bool err;
  if (!f || arg_num(vm, args[2], &fs) < 0) return val_null();
  const char *s = arg_cstr(vm, args[1], &err);
  if (err) return val_null();
  if (plot_figure_suptitle(f, s, fs) < 0) return exc_nomem(vm);
  return val_none();
}

static value b_figure_adjust(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_figure *f = arg_fig(vm, args[0]);
  if (!f) return val_null();
  double v[6];
  for (int i = 0; i < 6; i++)
    if (arg_num(vm, args[1 + i], &v[i]) < 0) return val_null();
  plot_figure_subplots_adjust(f, v[0], v[1], v[2], v[3], v[4], v[5]);
  return val_none();
}

static value b_figure_tight(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_figure *f = arg_fig(vm, args[0]);
  if (!f) return val_null();
  double v[3];
  for (int i = 0; i < 3; i++)
    if (arg_num(vm, args[1 + i], &v[i]) < 0) return val_null();
  plot_figure_tight_layout(f, v[0], v[1], v[2]);
  return val_none();
}

static value b_figure_add_subplot(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_figure *f = arg_fig(vm, args[0]);
  int64_t r, c, a, b;
  if (!f || arg_int_(vm, args[1], &r) < 0 || arg_int_(vm, args[2], &c) < 0 || arg_int_(vm, args[3], &a) < 0 ||
      arg_int_(vm, args[4], &b) < 0)
    return val_null();
  plot_axes *ax = plot_figure_add_subplot(f, (int)r, (int)c, (int)a, (int)b);
  if (!ax) return plot_error(vm);
  return axcore_new(vm, args[0], ax);
}

static value b_figure_add_axes(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_figure *f = arg_fig(vm, args[0]);
  if (!f) return val_null();
  double v[4];
  for (int i = 0; i < 4; i++)
    if (arg_num(vm, args[1 + i], &v[i]) < 0) return val_null();
  plot_axes *ax = plot_figure_add_axes(f, v[0], v[1], v[2], v[3]);
  if (!ax) return plot_error(vm);
  return axcore_new(vm, args[0], ax);
}

static value b_figure_remove_axes(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_axes *a = arg_ax(vm, args[0]);
  if (!a) return val_null();
  plot_figure *f = ((obj_axcore *)args[0].u.o)->fig->f;
  for (int i = 0; i < plot_figure_naxes(f); i++)
    if (plot_figure_axes(f, i) == a) plot_figure_remove_axes(f, i);
  return val_none();
}

static value b_figure_text(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* figure_text(fig, x, y, s, fontsize, color, ha, va) */
  plot_figure *f = arg_fig(vm, args[0]);
  double x, y, fs;
  plot_rgba c;
  bool err;
  if (!f || arg_num(vm, args[1], &x) < 0 || arg_num(vm, args[2], &y) < 0 || arg_num(vm, args[4], &fs) < 0 ||
      arg_rgba(vm, args[5], &c) < 0)
    return val_null();
  const char *s = arg_cstr(vm, args[3], &err), *ha = err ? NULL : arg_cstr(vm, args[6], &err),
             *va = err ? NULL : arg_cstr(vm, args[7], &err);
  if (err) return val_null();
  if (c.a < 0) c = (plot_rgba){0, 0, 0, 1};
  if (plot_figure_text(f, x, y, s, fs, c, ha ? ha[0] : 'l', va ? va[0] : 'B') < 0) return exc_nomem(vm);
  return val_none();
}

static value b_figure_colorbar(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_axes *a = arg_ax(vm, args[0]);
  bool err;
  if (!a) return val_null();
  const char *label = arg_cstr(vm, args[1], &err);
  if (err) return val_null();
  obj_axcore *h = (obj_axcore *)args[0].u.o;
  plot_axes *c = plot_figure_colorbar(h->fig->f, a, label);
  if (!c) return exc_set(vm, EXC_RuntimeError, "%s", plot_last_error());
  return axcore_new(vm, val_obj(h->fig), c);
}

static value b_figure_render(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* figure_render(fig, 'png' | 'svg', dpi, tight, pad_inches) -> bytes */
  plot_figure *f = arg_fig(vm, args[0]);
  double dpi, pad;
  if (!f || arg_num(vm, args[2], &dpi) < 0 || arg_num(vm, args[4], &pad) < 0) return val_null();
  if (!val_is_str(args[1])) return exc_set(vm, EXC_TypeError, "format must be a str");
  const char *fmt = VAL_STR(args[1])->data;
  plot_format pf;
  if (strcmp(fmt, "png") == 0) pf = PLOT_PNG;
  else if (strcmp(fmt, "svg") == 0) pf = PLOT_SVG;
  else
    return exc_set(vm, EXC_ValueError, "Format '%s' is not supported (supported formats: png, svg)", fmt);
  int tight = obj_truth(vm, args[3]);
  if (tight < 0) return val_null();
  unsigned char *out;
  size_t n;
  if (plot_figure_render(f, pf, dpi, tight != 0, pad, &out, &n) < 0) return plot_error(vm);
  value r = bytes_new(vm, (const char *)out, (int64_t)n);
  free(out);
  return r;
}

static value b_figure_axes(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* number of axes (the Python side keeps the objects) */
  plot_figure *f = arg_fig(vm, args[0]);
  if (!f) return val_null();
  return val_int(plot_figure_naxes(f));
}

/* ---- axes: artists ---- */

static value b_line(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* line(ax, x, y, color, lw, ls, marker, ms, mfc, mec, mew, zorder, label) */
  plot_axes *a = arg_ax(vm, args[0]);
  if (!a) return val_null();
  plot_data x, y;
  if (data_1d(vm, args[1], &x, -1, "x") < 0) return val_null();
  if (data_1d(vm, args[2], &y, -1, "y") < 0) {
    data_free(&x);
    return val_null();
  }
  value r = val_null();
  if (x.n != y.n) {
    exc_set(vm, EXC_ValueError, "x and y must have same first dimension, but have shapes (%lld,) and (%lld,)",
            (long long)x.n, (long long)y.n);
    goto done;
  }
  plot_rgba color, mfc, mec;
  double lw, ms, mew, z;
  plot_linestyle ls;
  char marker;
  bool err;
  if (arg_rgba(vm, args[3], &color) < 0 || arg_num(vm, args[4], &lw) < 0 || arg_linestyle(vm, args[5], &ls) < 0 ||
      arg_marker(vm, args[6], &marker) < 0 || arg_num(vm, args[7], &ms) < 0 || arg_rgba(vm, args[8], &mfc) < 0 ||
      arg_rgba(vm, args[9], &mec) < 0 || arg_num(vm, args[10], &mew) < 0 || arg_num(vm, args[11], &z) < 0)
    goto done;
  const char *label = arg_cstr(vm, args[12], &err);
  if (err) goto done;
  if (color.a < 0) color = plot_axes_next_color(a);
  plot_line_style st = plot_line_style_default(color);
  if (lw == lw) st.linewidth = lw;
  st.ls = ls;
  st.marker = marker;
  if (ms == ms) st.markersize = ms;
  if (mfc.a >= 0) st.mfc = mfc;
  if (mec.a >= 0) st.mec = mec;
  if (mew == mew) st.mew = mew;
  if (z == z) st.zorder = z;
  if (plot_axes_line(a, x.v, y.v, x.n, &st, label) < 0) {
    exc_nomem(vm);
    goto done;
  }
  r = rgba_tuple(vm, color);
done:
  data_free(&x);
  data_free(&y);
  return r;
}

static value b_scatter(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* scatter(ax, x, y, s, colors, marker, edgecolor, linewidths, zorder, label): s a number or a sequence;
     colors None, one colour or a list of colours */
  plot_axes *a = arg_ax(vm, args[0]);
  if (!a) return val_null();
  plot_data x = {0}, y = {0}, s = {0};
  plot_rgba *cols = NULL, *edges = NULL;
  value r = val_null();
  if (data_1d(vm, args[1], &x, -1, "x") < 0) return val_null();
  if (data_1d(vm, args[2], &y, x.n, "y") < 0) goto done;
  double size = 36;
  bool have_sizes = false;
  if (val_is_number(args[3])) size = args[3].tag == VAL_FLOAT ? args[3].u.f : (double)val_as_int(args[3]);
  else if (args[3].tag != VAL_NONE) {
    if (data_1d(vm, args[3], &s, -1, "s") < 0) goto done;
    if (s.n == 1) size = s.v[0];
    else if (s.n != x.n) {
      exc_set(vm, EXC_ValueError, "s must be a scalar, or float array-like with the same size as x and y");
      goto done;
    } else have_sizes = true;
  }
  plot_rgba color;
  if (arg_rgba_seq(vm, args[4], x.n, "c", &cols, &color) < 0) goto done;
  if (color.a < 0 && !cols) color = plot_axes_next_color(a);
  char marker;
  plot_rgba edge;
  double lw, z;
  bool err;
  if (arg_marker(vm, args[5], &marker) < 0 || arg_rgba_seq(vm, args[6], x.n, "edgecolors", &edges, &edge) < 0 ||
      arg_num(vm, args[7], &lw) < 0 || arg_num(vm, args[8], &z) < 0)
    goto done;
  const char *label = arg_cstr(vm, args[9], &err);
  if (err) goto done;
  if (plot_axes_scatter(a, x.v, y.v, x.n, have_sizes ? s.v : NULL, size, cols, color, marker ? marker : 'o', edges,
                        edge, lw == lw ? lw : 1.0, z == z ? z : 1, label) < 0) {
    exc_nomem(vm);
    goto done;
  }
  r = rgba_tuple(vm, cols && x.n ? cols[0] : color);
done:
  free(cols);
  free(edges);
  data_free(&x);
  data_free(&y);
  data_free(&s);
  return r;
}

static value b_bars(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* bars(ax, x, y, w, h, face, edge, lw, sticky, label) -> the face colour (the first bar's); face and edge
     are None, one colour or a list of one colour per bar */
  plot_axes *a = arg_ax(vm, args[0]);
  if (!a) return val_null();
  plot_data d[4] = {{0}};
  plot_rgba *faces = NULL, *edges = NULL;
  value r = val_null();
  static const char *const names[4] = {"x", "y", "width", "height"};
  for (int i = 0; i < 4; i++)
    if (data_1d(vm, args[1 + i], &d[i], i ? d[0].n : -1, names[i]) < 0) goto done;
  int64_t n = d[0].n;
  plot_rgba face, edge;
  double lw;
  int64_t sticky;
  bool err;
  if (arg_rgba_seq(vm, args[5], n, "color", &faces, &face) < 0 ||
      arg_rgba_seq(vm, args[6], n, "edgecolor", &edges, &edge) < 0 || arg_num(vm, args[7], &lw) < 0 ||
      bi_to_int(vm, args[8], &sticky) < 0)
    goto done;
  const char *label = arg_cstr(vm, args[9], &err);
  if (err) goto done;
  if (!faces && face.a < 0) face = plot_axes_next_color(a);
  if (edge.a < 0) edge = (plot_rgba){0, 0, 0, 0};
  if (plot_axes_bars(a, d[0].v, d[1].v, d[2].v, d[3].v, n, faces, face, edges, edge, lw == lw ? lw : 0, (int)sticky,
                     label) < 0) {
    exc_nomem(vm);
    goto done;
  }
  r = rgba_tuple(vm, faces && n ? faces[0] : face);
done:
  free(faces);
  free(edges);
  for (int i = 0; i < 4; i++) data_free(&d[i]);
  return r;
}

static value b_polygon(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* polygon(ax, x, y, face, edge, lw, label) */
  plot_axes *a = arg_ax(vm, args[0]);
  if (!a) return val_null();
  plot_data x = {0}, y = {0};
  value r = val_null();
  if (data_1d(vm, args[1], &x, -1, "x") < 0) return val_null();
  if (data_1d(vm, args[2], &y, x.n, "y") < 0) goto done;
  plot_rgba face, edge;
  double lw;
  bool err;
  if (arg_rgba(vm, args[3], &face) < 0 || arg_rgba(vm, args[4], &edge) < 0 || arg_num(vm, args[5], &lw) < 0) goto done;
  const char *label = arg_cstr(vm, args[6], &err);
  if (err) goto done;
  if (face.a < 0) face = plot_axes_next_color(a);
  if (edge.a < 0) edge = (plot_rgba){0, 0, 0, 0};
  if (plot_axes_polygon(a, x.v, y.v, x.n, face, edge, lw == lw ? lw : 0, label) < 0) {
    exc_nomem(vm);
    goto done;
  }
  r = rgba_tuple(vm, face);
done:
  data_free(&x);
  data_free(&y);
  return r;
}

static value b_image(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* image(ax, data, cmap, vmin, vmax, extent, origin_upper, alpha, interpolation, aspect_auto) -> clipped */
  plot_axes *a = arg_ax(vm, args[0]);
  if (!a) return val_null();
  plot_data d;
  if (data_from(vm, args[1], &d) < 0) return val_null();
  value r = val_null();
  int channels = 0;
  if (d.ndim == 2) channels = 1;
  else if (d.ndim == 3 && (d.shape[2] == 3 || d.shape[2] == 4)) channels = (int)d.shape[2];
  if (!channels || d.shape[0] < 1 || d.shape[1] < 1) {
    strbuf b;
    sb_init(&b);
    sb_addc(&b, '(');
    for (int i = 0; i < d.ndim; i++) sb_printf(&b, i ? ", %lld" : "%lld", (long long)d.shape[i]);
    if (d.ndim == 1) sb_addc(&b, ',');
    sb_addc(&b, ')');
    exc_set(vm, EXC_TypeError, "Invalid shape %s for image data", b.data ? b.data : "()");
    sb_free(&b);
    goto done;
  }
  bool err;
  const char *cmap_name = arg_cstr(vm, args[2], &err);
  if (err) goto done;
  int cmap = plot_cmap_find(cmap_name ? cmap_name : "viridis");
  if (cmap < 0) {
    exc_set(vm, EXC_ValueError, "'%s' is not a valid value for cmap; supported values include 'viridis', 'gray', "
            "'gray_r', 'Greys', 'binary', 'hot', 'jet', 'plasma', 'inferno', 'magma', 'coolwarm', 'RdBu', 'Blues'",
            cmap_name);
    goto done;
  }
  double vmin, vmax, alpha;
  if (arg_num(vm, args[3], &vmin) < 0 || arg_num(vm, args[4], &vmax) < 0 || arg_num(vm, args[7], &alpha) < 0) goto done;
  double extent[4];
  bool have_extent = false;
  if (args[5].tag != VAL_NONE) {
    plot_data e;
    if (data_1d(vm, args[5], &e, 4, "extent") < 0) goto done;
    memcpy(extent, e.v, sizeof extent);
    data_free(&e);
    have_extent = true;
  }
  int up = obj_truth(vm, args[6]), aspect_auto = obj_truth(vm, args[9]);
  int64_t interp;
  if (up < 0 || aspect_auto < 0 || bi_to_int(vm, args[8], &interp) < 0) goto done;
  bool clipped = false;
  if (plot_axes_image(a, d.v, (int)d.shape[0], (int)d.shape[1], channels, d.is_int, cmap, vmin, vmax,
                      have_extent ? extent : NULL, up != 0, alpha == alpha ? alpha : 1, (int)interp, aspect_auto != 0,
                      &clipped) < 0) {
    plot_error(vm);
    goto done;
  }
  r = val_bool(clipped);
done:
  data_free(&d);
  return r;
}

static value b_text(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* text(ax, x, y, s, fontsize, color, ha, va, rotation, axes_coords) */
  plot_axes *a = arg_ax(vm, args[0]);
  double x, y, fs, rot;
  plot_rgba c;
  bool err;
  if (!a || arg_num(vm, args[1], &x) < 0 || arg_num(vm, args[2], &y) < 0 || arg_num(vm, args[4], &fs) < 0 ||
      arg_rgba(vm, args[5], &c) < 0 || arg_num(vm, args[8], &rot) < 0)
    return val_null();
  const char *s = arg_cstr(vm, args[3], &err), *ha = err ? NULL : arg_cstr(vm, args[6], &err),
             *va = err ? NULL : arg_cstr(vm, args[7], &err);
  if (err) return val_null();
  int ac = obj_truth(vm, args[9]);
  if (ac < 0) return val_null();
  if (c.a < 0) c = (plot_rgba){0, 0, 0, 1};
  if (plot_axes_text(a, x, y, s, fs, c, ha ? ha[0] : 'l', va ? va[0] : 'B', rot == rot ? rot : 0, ac != 0) < 0)
    return exc_nomem(vm);
  return val_none();
}

static value b_refline(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* refline(ax, axis, value, lo, hi, color, lw, ls, label) */
  plot_axes *a = arg_ax(vm, args[0]);
  int axis = 0;
  double v, lo, hi, lw;
  plot_rgba c;
  plot_linestyle ls;
  bool err;
  if (!a || arg_axis(vm, args[1], &axis) < 0 || arg_num(vm, args[2], &v) < 0 || arg_num(vm, args[3], &lo) < 0 ||
      arg_num(vm, args[4], &hi) < 0 || arg_rgba(vm, args[5], &c) < 0 || arg_num(vm, args[6], &lw) < 0 ||
      arg_linestyle(vm, args[7], &ls) < 0)
    return val_null();
  const char *label = arg_cstr(vm, args[8], &err);
  if (err) return val_null();
  if (c.a < 0) c = plot_axes_next_color(a);
  plot_line_style st = plot_line_style_default(c);
  if (lw == lw) st.linewidth = lw;
  st.ls = ls == PLOT_LS_NONE ? PLOT_LS_SOLID : ls;
  if (plot_axes_refline(a, axis < 0 ? 1 : axis, v, lo == lo ? lo : 0, hi == hi ? hi : 1, &st, label) < 0)
    return exc_nomem(vm);
  return val_none();
}

/* ---- axes: settings ---- */

static value b_set_title(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* set_title(ax, s, loc, fontsize) */
  plot_axes *a = arg_ax(vm, args[0]);
  double fs;
  bool err;
  if (!a || arg_num(vm, args[3], &fs) < 0) return val_null();
  const char *s = arg_cstr(vm, args[1], &err), *loc = err ? NULL : arg_cstr(vm, args[2], &err);
  if (err) return val_null();
  if (plot_axes_set_title(a, s, loc ? loc[0] : 'c', fs) < 0) return exc_nomem(vm);
  return val_none();
}

static value b_set_label(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* set_label(ax, axis, s, fontsize) */
  plot_axes *a = arg_ax(vm, args[0]);
  int axis = 0;
  double fs;
  bool err;
  if (!a || arg_axis(vm, args[1], &axis) < 0 || arg_num(vm, args[3], &fs) < 0) return val_null();
  const char *s = arg_cstr(vm, args[2], &err);
  if (err) return val_null();
  if (plot_axes_set_label(a, axis < 0 ? 0 : axis, s, fs) < 0) return exc_nomem(vm);
  return val_none();
}

static value lim_tuple(lang_vm *vm, plot_axes *a, int axis) {
  double lo, hi;
  plot_axes_get_lim(a, axis, &lo, &hi);
  obj_tuple *t = tuple_new(vm, 2);
  if (!t) return val_null();
  t->items[0] = val_float(lo);
  t->items[1] = val_float(hi);
  return val_obj(t);
}

static value b_lim(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* lim(ax, axis, lo, hi, set) -> (lo, hi) */
  plot_axes *a = arg_ax(vm, args[0]);
  int axis = 0;
  double lo, hi;
  if (!a || arg_axis(vm, args[1], &axis) < 0 || arg_num(vm, args[2], &lo) < 0 || arg_num(vm, args[3], &hi) < 0)
    return val_null();
  int set = obj_truth(vm, args[4]);
  if (set < 0) return val_null();
  if (axis < 0) axis = 0;
  if (set) plot_axes_set_lim(a, axis, lo, hi);
  return lim_tuple(vm, a, axis);
}

static value b_autoscale(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_axes *a = arg_ax(vm, args[0]);
  int axis = 0;
  if (!a || arg_axis(vm, args[1], &axis) < 0) return val_null();
  int on = obj_truth(vm, args[2]);
  if (on < 0) return val_null();
  plot_axes_autoscale(a, axis, on != 0);
  return val_none();
}

static value b_margins(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_axes *a = arg_ax(vm, args[0]);
  double x, y;
  if (!a || arg_num(vm, args[1], &x) < 0 || arg_num(vm, args[2], &y) < 0) return val_null();
  plot_axes_margins(a, x, y);
  return val_none();
}

static value b_grid(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* grid(ax, axis, on, color, lw, ls) */
  plot_axes *a = arg_ax(vm, args[0]);
  int axis = 0;
  plot_rgba c;
  double lw;
  plot_linestyle ls;
  if (!a || arg_axis(vm, args[1], &axis) < 0 || arg_rgba(vm, args[3], &c) < 0 || arg_num(vm, args[4], &lw) < 0 ||
      arg_linestyle(vm, args[5], &ls) < 0)
    return val_null();
  int on = obj_truth(vm, args[2]);
  if (on < 0) return val_null();
  plot_axes_grid(a, axis, on != 0, c, lw == lw ? lw : 0, ls);
  return val_none();
}

static value b_axis_visible(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_axes *a = arg_ax(vm, args[0]);
  if (!a) return val_null();
  int on = obj_truth(vm, args[1]);
  if (on < 0) return val_null();
  plot_axes_axis_visible(a, on != 0);
  return val_none();
}

static value b_aspect(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_axes *a = arg_ax(vm, args[0]);
  double asp;
  if (!a || arg_num(vm, args[1], &asp) < 0) return val_null();
  plot_axes_set_aspect(a, asp == asp ? asp : 0);
  return val_none();
}

static value b_ticks(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* ticks(ax, axis, positions or None (automatic), labels or None) */
  plot_axes *a = arg_ax(vm, args[0]);
  int axis = 0;
  if (!a || arg_axis(vm, args[1], &axis) < 0) return val_null();
  if (axis < 0) axis = 0;
  if (args[2].tag == VAL_NONE) {
    plot_axes_set_ticks(a, axis, NULL, -1, NULL);
    return val_none();
  }
  plot_data p;
  if (data_1d(vm, args[2], &p, -1, "ticks") < 0) return val_null();
  const char **labels = NULL;
  value r = val_null();
  obj_list *strs = NULL;
  if (args[3].tag != VAL_NONE) {
    obj_list *l = obj_to_list(vm, args[3]);
    if (!l) goto done;
    if (l->len != p.n) {
      exc_set(vm, EXC_ValueError, "The number of FixedLocator locations (%lld), usually from a call to set_ticks, does "
              "not match the number of labels (%lld).", (long long)p.n, (long long)l->len);
      obj_decref(l);
      goto done;
    }
    strs = list_new(vm, l->len);
    labels = calloc((size_t)(l->len ? l->len : 1), sizeof *labels);
    if (!strs || !labels) {
      obj_decref(l);
      exc_nomem(vm);
      goto done;
    }
    for (int64_t i = 0; i < l->len; i++) {
      value s = obj_str_of(vm, l->items[i]);
      if (VAL_IS_NULL(s) || list_append_steal(vm, strs, s) < 0) {
        obj_decref(l);
        goto done;
      }
      labels[i] = VAL_STR(s)->data;
    }
    obj_decref(l);
  }
  if (plot_axes_set_ticks(a, axis, p.v, (int)p.n, labels) < 0) {
    exc_nomem(vm);
    goto done;
  }
  r = val_none();
done:
  free(labels);
  obj_xdecref(strs);
  data_free(&p);
  return r;
}

static value b_tick_params(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_axes *a = arg_ax(vm, args[0]);
  int axis = 0;
  double size, rot;
  if (!a || arg_axis(vm, args[1], &axis) < 0 || arg_num(vm, args[2], &size) < 0 || arg_num(vm, args[3], &rot) < 0)
    return val_null();
  plot_axes_tick_params(a, axis, size == size ? size : 0, rot);
  return val_none();
}

static value b_invert(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* invert(ax, axis, on or None) -> inverted now */
  plot_axes *a = arg_ax(vm, args[0]);
  int axis = 0;
  if (!a || arg_axis(vm, args[1], &axis) < 0) return val_null();
  if (axis < 0) axis = 0;
  if (args[2].tag != VAL_NONE) {
    int on = obj_truth(vm, args[2]);
    if (on < 0) return val_null();
    plot_axes_invert(a, axis, on != 0);
  }
  return val_bool(plot_axes_inverted(a, axis));
}

static value b_scale(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_axes *a = arg_ax(vm, args[0]);
  int axis = 0;
  if (!a || arg_axis(vm, args[1], &axis) < 0) return val_null();
  if (!val_is_str(args[2])) return exc_set(vm, EXC_TypeError, "scale must be a str");
  const char *s = VAL_STR(args[2])->data;
  if (strcmp(s, "log") != 0 && strcmp(s, "linear") != 0)
    return exc_set(vm, EXC_ValueError, "'%s' is not a valid value for scale; supported values are 'linear', 'log'", s);
  for (int i = 0; i < 2; i++)
    if (axis < 0 || axis == i) plot_axes_set_log(a, i, s[1] == 'o');
  return val_none();
}

static value b_facecolor(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_axes *a = arg_ax(vm, args[0]);
  plot_rgba c;
  if (!a || arg_rgba(vm, args[1], &c) < 0) return val_null();
  if (c.a >= 0) plot_axes_set_facecolor(a, c);
  return val_none();
}

static value b_spine(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_axes *a = arg_ax(vm, args[0]);
  int64_t which;
  if (!a || bi_to_int(vm, args[1], &which) < 0) return val_null();
  int on = obj_truth(vm, args[2]);
  if (on < 0) return val_null();
  plot_axes_set_spine(a, (int)which, on != 0);
  return val_none();
}

static value b_legend(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* legend(ax, loc, fontsize, frameon, ncol, title, labels or None) */
  plot_axes *a = arg_ax(vm, args[0]);
  int64_t loc, ncol;
  double fs;
  bool err;
  if (!a || bi_to_int(vm, args[1], &loc) < 0 || arg_num(vm, args[2], &fs) < 0 || bi_to_int(vm, args[4], &ncol) < 0)
    return val_null();
  int frame = obj_truth(vm, args[3]);
  if (frame < 0) return val_null();
  const char *title = arg_cstr(vm, args[5], &err);
  if (err) return val_null();
  const char **labels = NULL;
  int nl = 0;
  obj_list *strs = NULL;
  if (args[6].tag != VAL_NONE) {
    obj_list *l = obj_to_list(vm, args[6]);
    if (!l) return val_null();
    strs = list_new(vm, l->len);
    labels = calloc((size_t)(l->len ? l->len : 1), sizeof *labels);
    if (!strs || !labels) {
      obj_decref(l);
      obj_xdecref(strs);
      free(labels);
      return exc_nomem(vm);
    }
    for (int64_t i = 0; i < l->len; i++) {
      value s = obj_str_of(vm, l->items[i]);
      if (VAL_IS_NULL(s) || list_append_steal(vm, strs, s) < 0) {
        obj_decref(l);
        obj_decref(strs);
        free(labels);
        return val_null();
      }
      labels[nl++] = VAL_STR(s)->data;
    }
    obj_decref(l);
  }
  int rc = plot_axes_legend(a, (int)loc, fs == fs ? fs : 0, frame != 0, (int)ncol, title, labels, nl);
  free(labels);
  obj_xdecref(strs);
  if (rc < 0) return exc_nomem(vm);
  return val_none();
}

static value b_clear(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_axes *a = arg_ax(vm, args[0]);
  if (!a) return val_null();
  plot_axes_clear(a);
  return val_none();
}

static value b_nartists(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  plot_axes *a = arg_ax(vm, args[0]);
  if (!a) return val_null();
  return val_int(plot_axes_nartists(a));
}

/* ---- histograms ---- */

static value b_histogram(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* histogram(values, bins (int or edges), lo, hi, density, weights or None) -> (counts, edges) */
  plot_data v = {0}, e = {0}, w = {0};
  value r = val_null();
  double *counts = NULL, *edges = NULL;
  if (data_1d(vm, args[0], &v, -1, "x") < 0) return val_null();
  int nbins;
  bool have_edges = false;
  if (val_is_intlike(args[1])) {
    nbins = (int)val_as_int(args[1]);
  } else {
    if (data_1d(vm, args[1], &e, -1, "bins") < 0) goto done;
    if (e.n < 2) {
      exc_set(vm, EXC_ValueError, "`bins` must be 1d, when an array");
      goto done;
    }
    nbins = (int)(e.n - 1);
    have_edges = true;
  }
  if (nbins < 1 || nbins > 100000) {
    exc_set(vm, EXC_ValueError, "`bins` must be positive, when an integer");
    goto done;
  }
  double lo, hi;
  if (arg_num(vm, args[2], &lo) < 0 || arg_num(vm, args[3], &hi) < 0) goto done;
  int density = obj_truth(vm, args[4]);
  if (density < 0) goto done;
  if (args[5].tag != VAL_NONE && data_1d(vm, args[5], &w, v.n, "weights") < 0) goto done;
  counts = malloc((size_t)nbins * sizeof *counts);
  edges = malloc((size_t)(nbins + 1) * sizeof *edges);
  if (!counts || !edges) {
    exc_nomem(vm);
    goto done;
  }
  if (plot_histogram(v.v, w.v, v.n, nbins, lo, hi, have_edges ? e.v : NULL, density != 0, counts, edges) < 0) {
    plot_error(vm);
    goto done;
  }
  value c = float_list(vm, counts, nbins), ed = VAL_IS_NULL(c) ? c : float_list(vm, edges, nbins + 1);
  if (VAL_IS_NULL(ed)) {
    val_decref(c);
    goto done;
  }
  obj_tuple *t = tuple_new(vm, 2);
  if (!t) {
    val_decref(c);
    val_decref(ed);
    goto done;
  }
  t->items[0] = c;
  t->items[1] = ed;
  r = val_obj(t);
done:
  free(counts);
  free(edges);
  data_free(&v);
  data_free(&e);
  data_free(&w);
  return r;
}

/* ---- files: only under the current directory ---- */

/* Writes bytes to a relative path inside the working directory, opened as torch.save opens its
   files (serialize.c: each directory component opened without following links, absolute paths and
   '..' refused), so there is no window between checking the path and opening it. */
static value b_write_file(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_str *p = bi_to_str(vm, args[0], "savefig", "1");
  if (!p) return val_null();
  if (val_type(args[1]) != &type_bytes) return exc_set(vm, EXC_TypeError, "write_file() needs bytes");
  const char *path = p->data;
  int fd = ser_open_confined(vm, "savefig", p, true);
  if (fd < 0) return val_null();
  /* bytes objects: header then data (bytes.c keeps its struct private; display.c mirrors it too) */
  typedef struct bytes_view { obj hdr; int64_t len; unsigned char data[]; } bytes_view;
  const bytes_view *bv = (const bytes_view *)args[1].u.o;
  int64_t n = bv->len;
  int64_t off = 0;
  while (off < n) {
    ssize_t w = write(fd, bv->data + off, (size_t)(n - off));
    if (w < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      close(fd);
      return exc_set(vm, EXC_OSError, "[Errno %d] %s: '%s'", e, strerror(e), path);
    }
    off += w;
  }
  if (close(fd) < 0) return exc_set(vm, EXC_OSError, "[Errno %d] %s: '%s'", errno, strerror(errno), path);
  return val_none();
}

static const bi_reg backend_funcs[] = {
  {"asarray", b_asarray, 1, 0, "asarray(obj) -> (shape, flat floats, is_int)"},
  {"shape", b_shape, 1, 0, "shape(obj) -> tuple"},
  {"to_rgba", b_to_rgba, BI_VARARGS, 0, "to_rgba(c, alpha=None) -> (r, g, b, a)"},
  {"cycle_color", b_cycle_color, 1, 0, "cycle_color(i) -> '#rrggbb' of the tab10 cycle"},
  {"cmap_valid", b_cmap_valid, 1, 0, NULL},
  {"cmap_colors", b_cmap_colors, 4, 0, "cmap_colors(name, values, vmin, vmax) -> [rgba]"},
  {"figure_new", b_figure_new, 3, 0, "figure_new(w_in, h_in, dpi) -> handle"},
  {"figure_size", b_figure_size, 4, 0, "figure_size(fig, w, h, dpi) -> (w, h, dpi)"},
  {"figure_facecolor", b_figure_facecolor, 2, 0, NULL},
  {"figure_clear", b_figure_clear, 1, 0, NULL},
  {"figure_suptitle", b_figure_suptitle, 3, 0, NULL},
  {"figure_adjust", b_figure_adjust, 7, 0, NULL},
  {"figure_tight", b_figure_tight, 4, 0, NULL},
  {"figure_add_subplot", b_figure_add_subplot, 5, 0, "figure_add_subplot(fig, nrows, ncols, first, last) -> axes"},
  {"figure_add_axes", b_figure_add_axes, 5, 0, NULL},
  {"figure_remove_axes", b_figure_remove_axes, 1, 0, NULL},
  {"figure_text", b_figure_text, 8, 0, NULL},
  {"figure_colorbar", b_figure_colorbar, 2, 0, NULL},
  {"figure_render", b_figure_render, 5, 0, "figure_render(fig, 'png'|'svg', dpi, tight, pad) -> bytes"},
  {"figure_naxes", b_figure_axes, 1, 0, NULL},
  {"line", b_line, 13, 0, NULL},
  {"scatter", b_scatter, 10, 0, NULL},
  {"bars", b_bars, 10, 0, NULL},
  {"polygon", b_polygon, 7, 0, NULL},
  {"image", b_image, 10, 0, NULL},
  {"text", b_text, 10, 0, NULL},
  {"refline", b_refline, 9, 0, NULL},
  {"set_title", b_set_title, 4, 0, NULL},
  {"set_label", b_set_label, 4, 0, NULL},
  {"lim", b_lim, 5, 0, NULL},
  {"autoscale", b_autoscale, 3, 0, NULL},
  {"margins", b_margins, 3, 0, NULL},
  {"grid", b_grid, 6, 0, NULL},
  {"axis_visible", b_axis_visible, 2, 0, NULL},
  {"aspect", b_aspect, 2, 0, NULL},
  {"ticks", b_ticks, 4, 0, NULL},
  {"tick_params", b_tick_params, 4, 0, NULL},
  {"invert", b_invert, 3, 0, NULL},
  {"scale", b_scale, 3, 0, NULL},
  {"facecolor", b_facecolor, 2, 0, NULL},
  {"spine", b_spine, 3, 0, NULL},
  {"legend", b_legend, 7, 0, NULL},
  {"clear", b_clear, 1, 0, NULL},
  {"nartists", b_nartists, 1, 0, NULL},
  {"histogram", b_histogram, 6, 0, "histogram(values, bins, lo, hi, density, weights) -> (counts, edges)"},
  {"write_file", b_write_file, 2, 0, "write_file(path, data): a relative path inside the current directory only"},
  {NULL, NULL, 0, 0, NULL}
};

static int lib_backend_init(lang_vm *vm, obj_dict *d) {
  if (type_ready(vm, &type_figcore) < 0 || type_ready(vm, &type_axcore) < 0) return -1;
  return module_add_funcs(vm, d, backend_funcs);
}

static const lang_lib plot_libs[] = {
  {"matplotlib._ctorch_backend", lib_backend_init},
  {NULL, NULL}
};

int plot_register(lang_vm *vm) { return lang_add_libs(plot_libs); }
