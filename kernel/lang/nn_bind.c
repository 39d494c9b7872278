/*
** kernel/lang/nn_bind.c — the nn ops as the language sees them, with PyTorch's signatures, in the
** places PyTorch has them: the ATen functions of module torch (conv1d, conv2d, max_pool2d,
** batch_norm, embedding, dropout, binary_cross_entropy_with_logits, constant_pad_nd), and module
** torch._C._nn, which torch/nn/functional.py calls (max_pool2d_with_indices, avg_pool2d, the adaptive
** pools, nll_loss_nd, cross_entropy_loss, mse_loss, l1_loss, binary_cross_entropy, one_hot, linear,
** leaky_relu). Only argument translation lives here; autograd/fn_nn.c and nn/ do the work.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "autograd/autograd.h"
#include "kernel/lang/torch_bind.h"

/* ---- argument helpers ---- */

static bool absent(value v) { return VAL_IS_NULL(v) || v.tag == VAL_NONE; }

/* An int or a sequence of ints (IntArrayRef): count into *n (0 for an empty list). -1 on a type error. */
static int int_list(lang_vm *vm, value v, const char *fn, const char *arg, int64_t *out, int max, int *n) {
  if (val_is_intlike(v)) {
    out[0] = val_as_int(v);
    *n = 1;
    return 0;
  }
  if (val_is_tensor(v) && ten_numel(VAL_TENSOR(v)) == 1 && !ten_dtype_is_float(VAL_TENSOR(v)->dtype)) {
    out[0] = ten_get_int(VAL_TENSOR(v), 0);
    *n = 1;
    return 0;
  }
  if (!val_is_tuple(v) && !val_is_list(v) && val_type(v) != &type_size)
    return exc_seti(vm, EXC_TypeError, "%s(): argument '%s' must be tuple of ints, not %s", fn, arg, val_type_name(v));
  int64_t len = val_is_list(v) ? VAL_LIST(v)->len : VAL_TUPLE(v)->len;
  const value *items = val_is_list(v) ? VAL_LIST(v)->items : VAL_TUPLE(v)->items;
  if (len > max) len = max + 1 > 16 ? 16 : max + 1;   /* too long: the caller's size check reports it */
  for (int64_t i = 0; i < len; i++) {
    if (!val_is_intlike(items[i]))
      return exc_seti(vm, EXC_TypeError, "%s(): argument '%s' must be tuple of ints, but found element of type %s at pos %lld",
                      fn, arg, val_type_name(items[i]), (long long)i + 1);
    out[i] = val_as_int(items[i]);
  }
  *n = (int)len;
  return 0;
}

/* Optional tensor argument: None / missing -> *out NULL. */
static int opt_tensor(lang_vm *vm, value v, const char *fn, const char *arg, int pos, ten_tensor **out) {
  *out = NULL;
  if (absent(v)) return 0;
  *out = arg_tensor(vm, v, fn, arg, pos);
  return *out ? 0 : -1;
}

static int opt_int(lang_vm *vm, value v, int64_t dflt, int64_t *out) {
  *out = dflt;
  return absent(v) ? 0 : arg_int(vm, v, out);
}
static int opt_double(lang_vm *vm, value v, double dflt, double *out) {
  *out = dflt;
  return absent(v) ? 0 : arg_double(vm, v, out);
}
static int opt_bool(lang_vm *vm, value v, bool dflt, bool *out) {
  *out = dflt;
  return absent(v) ? 0 : arg_bool(vm, v, out);
}

/* (out, indices) as a plain tuple (both stolen). */
static value pair(lang_vm *vm, ten_tensor *a, ten_tensor *b) {
  value va = tensor_wrap(vm, a);
  if (VAL_IS_NULL(va)) {
    ten_release(b);
    return va;
  }
  value vb = tensor_wrap(vm, b);
  if (VAL_IS_NULL(vb)) {
    val_decref(va);
    return vb;
  }
  obj_tuple *t = tuple_new(vm, 2);
  if (!t) {
    val_decref(va);
    val_decref(vb);
    return val_null();
  }
  t->items[0] = va;
  t->items[1] = vb;
  return val_obj(t);
}

/* ---- convolution ---- */

/* expand_param_if_needed: one value for every spatial dim, or exactly dim values. */
static int expand_param(lang_vm *vm, const int64_t *v, int n, const char *name, int dim, int64_t *out) {
  if (n == 1) {
    for (int i = 0; i < dim; i++) out[i] = v[0];
    return 0;
  }
  if (n != dim) {
    char list[160];
    ten_format_shape(v, n, list, sizeof list);
    return exc_seti(vm, EXC_RuntimeError,
                    "expected %s to be a single integer value or a list of %d values to match the convolution dimensions, but got %s=%s",
                    name, dim, name, list);
  }
  for (int i = 0; i < dim; i++) out[i] = v[i];
  return 0;
}

/* torch.conv1d / conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1). */
static value conv_impl(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, int ns, const char *fn) {
  value a[7];
  if (bi_parse(vm, fn, args, nargs, kw, "input,weight|bias,stride,padding,dilation,groups", a) < 0) return val_null();
  ten_tensor *x = arg_tensor(vm, a[0], fn, "input", 1), *w = x ? arg_tensor(vm, a[1], fn, "weight", 2) : NULL, *b;
  if (!w || opt_tensor(vm, a[2], fn, "bias", 3, &b) < 0) return val_null();
  int64_t st[16] = {1}, pd[16] = {0}, dl[16] = {1}, groups = 1;
  int nst = 1, npd = 1, ndl = 1;
  bool same = false, valid = false;
  if (!absent(a[3]) && int_list(vm, a[3], fn, "stride", st, 15, &nst) < 0) return val_null();
  if (!absent(a[4])) {
    if (val_is_str(a[4])) {
      const char *s = VAL_STR(a[4])->data;
      same = strcmp(s, "same") == 0;
      valid = strcmp(s, "valid") == 0;
      if (!same && !valid) {
        /* at::conv*d batchifies before _convolution_mode reads the string */
        if (x->ndim != ns + 1 && x->ndim != ns + 2) goto rank_error;
        return exc_set(vm, EXC_RuntimeError, "Invalid padding string: '%s'", s);
      }
    } else if (int_list(vm, a[4], fn, "padding", pd, 15, &npd) < 0) {
      return val_null();
    }
  }
  if (!absent(a[5]) && int_list(vm, a[5], fn, "dilation", dl, 15, &ndl) < 0) return val_null();
  if (opt_int(vm, a[6], 1, &groups) < 0) return val_null();
  if (x->ndim != ns + 1 && x->ndim != ns + 2) goto rank_error;
  /* the arg parser turns a single int (the defaults included) into ns values for int[ns]; at::convolution
     then wants one value per spatial dim of the weight (the string-padding path broadcasts instead) */
  if (!same && !valid && (absent(a[3]) || val_is_intlike(a[3]))) {
    for (int i = 1; i < ns; i++) st[i] = st[0];
    nst = ns;
  }
  if (!same && !valid && (absent(a[4]) || val_is_intlike(a[4]))) {
    for (int i = 1; i < ns; i++) pd[i] = pd[0];
    npd = ns;
  }
  if (!same && !valid && (absent(a[5]) || val_is_intlike(a[5]))) {
    for (int i = 1; i < ns; i++) dl[i] = dl[0];
    ndl = ns;
  }
  {
    nn_conv_opts o;
    memset(&o, 0, sizeof o);
    o.nspatial = ns;
    o.groups = groups;
    int dim = w->ndim - 2;
    if (dim <= 0) return exc_set(vm, EXC_RuntimeError, "weight should have at least three dimensions");
    int64_t s2[16], p2[16], d2[16];
    if (same || valid) {
      /* _convolution_mode: stride / dilation broadcast to the weight's spatial dims */
      if ((nst != 1 && nst != dim) || (ndl != 1 && ndl != dim))
        return exc_set(vm, EXC_RuntimeError, "%s cannot broadcast to %d dimensions", nst != 1 && nst != dim ? "stride" : "dilation", dim);
      for (int i = 0; i < dim && i < 16; i++) {
        s2[i] = st[nst == 1 ? 0 : i];
        d2[i] = dl[ndl == 1 ? 0 : i];
        p2[i] = 0;
      }
    } else if (groups <= 0) {
      return exc_set(vm, EXC_RuntimeError, "non-positive groups is not supported");
    } else if (expand_param(vm, st, nst, "stride", dim, s2) < 0 || expand_param(vm, pd, npd, "padding", dim, p2) < 0 ||
               expand_param(vm, dl, ndl, "dilation", dim, d2) < 0) {
      return val_null();
    }
    for (int i = 0; i < 2; i++) {
      o.stride[i] = s2[i < dim ? i : 0];
      o.padding[i] = p2[i < dim ? i : 0];
      o.dilation[i] = d2[i < dim ? i : 0];
    }
    if (dim != ns) {   /* the weight's rank decides the error ATen reports */
      nn_conv_opts bad = o;
      return tensor_wrap(vm, ag_conv2d(x, w, b, &bad));
    }
    return tensor_wrap(vm, same ? ag_conv2d_same(x, w, b, &o) : ag_conv2d(x, w, b, &o));
  }
rank_error:;
  char shape[160];
  ten_format_shape(x->shape, x->ndim, shape, sizeof shape);
  return exc_set(vm, EXC_RuntimeError, "Expected %dD (unbatched) or %dD (batched) input to conv%dd, but got input of size: %s",
                 ns + 1, ns + 2, ns, shape);
}

static value t_conv1d(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return conv_impl(vm, a, n, kw, 1, "conv1d"); }
static value t_conv2d(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return conv_impl(vm, a, n, kw, 2, "conv2d"); }

/* ---- pooling ---- */

/* A pooling size argument: int or 1-/2-tuple (empty allowed for stride: the kernel). */
static int pool_pair(lang_vm *vm, value v, const char *fn, const char *arg, const char *msg, bool allow_empty,
                     const int64_t *dflt, int64_t out[2]) {
  int64_t l[16];
  int n = 0;
  if (absent(v)) {
    out[0] = dflt[0];
    out[1] = dflt[1];
    return 0;
  }
  if (int_list(vm, v, fn, arg, l, 15, &n) < 0) return -1;
  if (n == 0 && allow_empty) {
    out[0] = dflt[0];
    out[1] = dflt[1];
    return 0;
  }
  if (n != 1 && n != 2) return exc_seti(vm, EXC_RuntimeError, "%s", msg);
  out[0] = l[0];
  out[1] = n == 2 ? l[1] : l[0];
  return 0;
}

/* max_pool2d(input, kernel_size, stride=[], padding=0, dilation=1, ceil_mode=False) options. */
static int max_pool_args(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, const char *fn, ten_tensor **x,
                         nn_pool_opts *o) {
  value a[6];
  static const int64_t zero[2] = {0, 0}, one[2] = {1, 1};
  if (bi_parse(vm, fn, args, nargs, kw, "input,kernel_size|stride,padding,dilation,ceil_mode", a) < 0) return -1;
  if (!(*x = arg_tensor(vm, a[0], fn, "input", 1))) return -1;
  memset(o, 0, sizeof *o);
  if (pool_pair(vm, a[1], fn, "kernel_size", "max_pool2d: kernel_size must either be a single int, or a tuple of two ints",
                false, zero, o->kernel) < 0 ||
      pool_pair(vm, a[2], fn, "stride", "max_pool2d: stride must either be omitted, a single int, or a tuple of two ints",
                true, o->kernel, o->stride) < 0 ||
      pool_pair(vm, a[3], fn, "padding", "max_pool2d: padding must be either be a single int, or a tuple of two ints",
                false, zero, o->padding) < 0 ||
      pool_pair(vm, a[4], fn, "dilation", "max_pool2d: dilation must be either a single int, or a tuple of two ints",
                false, one, o->dilation) < 0 ||
      opt_bool(vm, a[5], false, &o->ceil_mode) < 0)
    return -1;
  return 0;
}

/* torch.max_pool2d: the values only. */
static value t_max_pool2d(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *x, *out, *idx;
  nn_pool_opts o;
  if (max_pool_args(vm, args, nargs, kw, "max_pool2d", &x, &o) < 0) return val_null();
  if (ag_max_pool2d_with_indices(x, &o, &out, &idx) < 0) return exc_from_ten(vm);
  ten_release(idx);
  return tensor_wrap(vm, out);
}

/* torch._C._nn.max_pool2d_with_indices: (values, indices). */
static value n_max_pool2d_with_indices(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *x, *out, *idx;
  nn_pool_opts o;
  if (max_pool_args(vm, args, nargs, kw, "max_pool2d_with_indices", &x, &o) < 0) return val_null();
  if (ag_max_pool2d_with_indices(x, &o, &out, &idx) < 0) return exc_from_ten(vm);
  return pair(vm, out, idx);
}

/* avg_pool2d(input, kernel_size, stride=[], padding=0, ceil_mode=False, count_include_pad=True,
   divisor_override=None) */
static value n_avg_pool2d(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[7];
  static const int64_t zero[2] = {0, 0};
  const char *fn = "avg_pool2d";
  if (bi_parse(vm, fn, args, nargs, kw, "input,kernel_size|stride,padding,ceil_mode,count_include_pad,divisor_override", a) < 0)
    return val_null();
  ten_tensor *x = arg_tensor(vm, a[0], fn, "input", 1);
  if (!x) return val_null();
  nn_pool_opts o;
  memset(&o, 0, sizeof o);
  o.dilation[0] = o.dilation[1] = 1;
  int64_t div = 0;
  if (pool_pair(vm, a[1], fn, "kernel_size", "avg_pool2d: kernel_size must either be a single int, or a tuple of two ints",
                false, zero, o.kernel) < 0 ||
      pool_pair(vm, a[2], fn, "stride", "avg_pool2d: stride must either be omitted, a single int, or a tuple of two ints",
                true, o.kernel, o.stride) < 0 ||
      pool_pair(vm, a[3], fn, "padding", "avg_pool2d: padding must either be a single int, or a tuple of two ints", false,
                zero, o.padding) < 0 ||
      opt_bool(vm, a[4], false, &o.ceil_mode) < 0 || opt_bool(vm, a[5], true, &o.count_include_pad) < 0)
    return val_null();
  if (!absent(a[6])) {
    if (arg_int(vm, a[6], &div) < 0) return val_null();
    if (div == 0) return exc_set(vm, EXC_RuntimeError, "divisor must be not zero");
  }
  o.divisor_override = div;
  return tensor_wrap(vm, ag_avg_pool2d(x, &o));
}

static int output_size_arg(lang_vm *vm, value v, const char *fn, const char *msg, int64_t out[2]) {
  int64_t l[16];
  int n = 0;
  if (int_list(vm, v, fn, "output_size", l, 15, &n) < 0) return -1;
  if (val_is_intlike(v)) l[n++] = l[0];
  if (n != 2) return exc_seti(vm, EXC_RuntimeError, "%s", msg);
  out[0] = l[0];
  out[1] = l[1];
  return 0;
}

static value n_adaptive_avg_pool2d(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  int64_t os[2];
  if (bi_parse(vm, "adaptive_avg_pool2d", args, nargs, kw, "input,output_size", a) < 0) return val_null();
  ten_tensor *x = arg_tensor(vm, a[0], "adaptive_avg_pool2d", "input", 1);
  if (!x || output_size_arg(vm, a[1], "adaptive_avg_pool2d", "adaptive_avg_pool2d: output_size must be 2", os) < 0)
    return val_null();
  return tensor_wrap(vm, ag_adaptive_avg_pool2d(x, os));
}

static value n_adaptive_max_pool2d(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  int64_t os[2];
  if (bi_parse(vm, "adaptive_max_pool2d", args, nargs, kw, "input,output_size", a) < 0) return val_null();
  ten_tensor *x = arg_tensor(vm, a[0], "adaptive_max_pool2d", "input", 1), *out, *idx;
  if (!x || output_size_arg(vm, a[1], "adaptive_max_pool2d",
                            "adaptive_max_pool2d(): internal error: output_size.size() must be 2", os) < 0)
    return val_null();
  if (ag_adaptive_max_pool2d(x, os, &out, &idx) < 0) return exc_from_ten(vm);
  return pair(vm, out, idx);
}

/* ---- batch norm, embedding, dropout, padding ---- */

/* torch.batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps, cudnn_enabled) */
static value t_batch_norm(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[9];
  const char *fn = "batch_norm";
  if (bi_parse(vm, fn, args, nargs, kw, "input,weight,bias,running_mean,running_var,training,momentum,eps,cudnn_enabled",
               a) < 0)
    return val_null();
  ten_tensor *x = arg_tensor(vm, a[0], fn, "input", 1), *w, *b, *rm, *rv;
  bool training;
  double momentum, eps;
  if (!x || opt_tensor(vm, a[1], fn, "weight", 2, &w) < 0 || opt_tensor(vm, a[2], fn, "bias", 3, &b) < 0 ||
      opt_tensor(vm, a[3], fn, "running_mean", 4, &rm) < 0 || opt_tensor(vm, a[4], fn, "running_var", 5, &rv) < 0 ||
      arg_bool(vm, a[5], &training) < 0 || arg_double(vm, a[6], &momentum) < 0 || arg_double(vm, a[7], &eps) < 0)
    return val_null();
  return tensor_wrap(vm, ag_batch_norm(x, w, b, rm, rv, training, momentum, eps));
}

/* torch.embedding(weight, indices, padding_idx=-1, scale_grad_by_freq=False, sparse=False) */
static value t_embedding(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  const char *fn = "embedding";
  if (bi_parse(vm, fn, args, nargs, kw, "weight,indices|padding_idx,scale_grad_by_freq,sparse", a) < 0) return val_null();
  ten_tensor *w = arg_tensor(vm, a[0], fn, "weight", 1), *idx = w ? arg_tensor(vm, a[1], fn, "indices", 2) : NULL;
  int64_t pad;
  bool scale, sparse;
  if (!idx || opt_int(vm, a[2], -1, &pad) < 0 || opt_bool(vm, a[3], false, &scale) < 0 ||
      opt_bool(vm, a[4], false, &sparse) < 0)
    return val_null();
  return tensor_wrap(vm, ag_embedding(w, idx, pad, scale, sparse));
}

static int dropout_args(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, const char *fn, ten_tensor **x,
                        double *p, bool *train) {
  value a[3];
  if (bi_parse(vm, fn, args, nargs, kw, "input,p,train", a) < 0) return -1;
  if (!(*x = arg_tensor(vm, a[0], fn, "input", 1)) || arg_double(vm, a[1], p) < 0 || arg_bool(vm, a[2], train) < 0) return -1;
  return 0;
}

/* torch.dropout(input, p, train) / torch.dropout_(input, p, train) */
static value t_dropout(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *x;
  double p;
  bool train;
  if (dropout_args(vm, args, nargs, kw, "dropout", &x, &p, &train) < 0) return val_null();
  ten_tensor *r = ag_dropout(x, p, train);
  if (r == x) {   /* p == 0 or eval: the input itself, as PyTorch returns it */
    ten_release(r);
    return val_incref(args[0]);
  }
  return tensor_wrap(vm, r);
}

static value t_dropout_(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *x;
  double p;
  bool train;
  if (dropout_args(vm, args, nargs, kw, "dropout_", &x, &p, &train) < 0) return val_null();
  if (ag_dropout_(x, p, train) < 0) return exc_from_ten(vm);
  return val_incref(nargs ? args[0] : kw_get(args, nargs, kw, "input"));
}

/* torch.constant_pad_nd(input, pad, value=0) */
static value t_constant_pad_nd(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  const char *fn = "constant_pad_nd";
  if (bi_parse(vm, fn, args, nargs, kw, "input,pad|value", a) < 0) return val_null();
  ten_tensor *x = arg_tensor(vm, a[0], fn, "input", 1);
  int64_t pad[16];
  int n = 0;
  ten_scalar v = ten_scalar_int(0);
  if (!x || int_list(vm, a[1], fn, "pad", pad, 15, &n) < 0 || (!absent(a[2]) && arg_scalar(vm, a[2], &v) < 0))
    return val_null();
  if (n > TEN_MAX_DIMS)
    return exc_set(vm, EXC_RuntimeError,
                   "Length of pad should be no more than twice the number of dimensions of the input. Pad length is %dwhile the input has %ddimensions.",
                   n, x->ndim);
  return tensor_wrap(vm, ag_constant_pad_nd(x, pad, n, v));
}

/* ---- losses ---- */

/* The reduction enum (an int) or its name. */
static int reduction_arg(lang_vm *vm, value v, int *out) {
  *out = NN_REDUCTION_MEAN;
  if (absent(v)) return 0;
  if (val_is_str(v)) {
    const char *s = VAL_STR(v)->data;
    if (!strcmp(s, "none")) *out = NN_REDUCTION_NONE;
    else if (!strcmp(s, "mean")) *out = NN_REDUCTION_MEAN;
    else if (!strcmp(s, "sum")) *out = NN_REDUCTION_SUM;
    else return exc_seti(vm, EXC_ValueError, "%s is not a valid value for reduction", s);
    return 0;
  }
  int64_t r;
  if (arg_int(vm, v, &r) < 0) return -1;
  if (r < 0 || r > 2) return exc_seti(vm, EXC_RuntimeError, "%lld is not a valid value for reduction", (long long)r);
  *out = (int)r;
  return 0;
}

/* nll_loss_nd(input, target, weight=None, reduction=Mean, ignore_index=-100) */
static value n_nll_loss_nd(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  const char *fn = "nll_loss_nd";
  if (bi_parse(vm, fn, args, nargs, kw, "input,target|weight,reduction,ignore_index", a) < 0) return val_null();
  ten_tensor *x = arg_tensor(vm, a[0], fn, "input", 1), *t = x ? arg_tensor(vm, a[1], fn, "target", 2) : NULL, *w;
  int red;
  int64_t ignore;
  if (!t || opt_tensor(vm, a[2], fn, "weight", 3, &w) < 0 || reduction_arg(vm, a[3], &red) < 0 ||
      opt_int(vm, a[4], -100, &ignore) < 0)
    return val_null();
  return tensor_wrap(vm, ag_nll_loss(x, t, w, red, ignore));
}

/* cross_entropy_loss(input, target, weight=None, reduction=Mean, ignore_index=-100, label_smoothing=0.0) */
static value n_cross_entropy_loss(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[6];
  const char *fn = "cross_entropy_loss";
  if (bi_parse(vm, fn, args, nargs, kw, "input,target|weight,reduction,ignore_index,label_smoothing", a) < 0)
    return val_null();
  ten_tensor *x = arg_tensor(vm, a[0], fn, "input", 1), *t = x ? arg_tensor(vm, a[1], fn, "target", 2) : NULL, *w;
  int red;
  int64_t ignore;
  double ls;
  if (!t || opt_tensor(vm, a[2], fn, "weight", 3, &w) < 0 || reduction_arg(vm, a[3], &red) < 0 ||
      opt_int(vm, a[4], -100, &ignore) < 0 || opt_double(vm, a[5], 0.0, &ls) < 0)
    return val_null();
  return tensor_wrap(vm, ag_cross_entropy(x, t, w, red, ignore, ls));
}

/* (input, target, reduction=Mean) losses */
static value pair_loss(lang_vm *vm, const value *args, int nargs, obj_tuple *kw, const char *fn, int which) {
  value a[3];
  if (bi_parse(vm, fn, args, nargs, kw, "input,target|reduction", a) < 0) return val_null();
  ten_tensor *x = arg_tensor(vm, a[0], fn, "input", 1), *t = x ? arg_tensor(vm, a[1], fn, "target", 2) : NULL;
  int red;
  if (!t || reduction_arg(vm, a[2], &red) < 0) return val_null();
  return tensor_wrap(vm, which ? ag_l1_loss(x, t, red) : ag_mse_loss(x, t, red));
}
static value n_mse_loss(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return pair_loss(vm, a, n, kw, "mse_loss", 0); }
static value n_l1_loss(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return pair_loss(vm, a, n, kw, "l1_loss", 1); }

/* binary_cross_entropy(input, target, weight=None, reduction=Mean) */
static value n_binary_cross_entropy(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[4];
  const char *fn = "binary_cross_entropy";
  if (bi_parse(vm, fn, args, nargs, kw, "input,target|weight,reduction", a) < 0) return val_null();
  ten_tensor *x = arg_tensor(vm, a[0], fn, "input", 1), *t = x ? arg_tensor(vm, a[1], fn, "target", 2) : NULL, *w;
  int red;
  if (!t || opt_tensor(vm, a[2], fn, "weight", 3, &w) < 0 || reduction_arg(vm, a[3], &red) < 0) return val_null();
  return tensor_wrap(vm, ag_binary_cross_entropy(x, t, w, red));
}

/* torch.binary_cross_entropy_with_logits(input, target, weight=None, pos_weight=None, reduction=Mean) */
static value t_bce_with_logits(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  const char *fn = "binary_cross_entropy_with_logits";
  if (bi_parse(vm, fn, args, nargs, kw, "input,target|weight,pos_weight,reduction", a) < 0) return val_null();
  ten_tensor *x = arg_tensor(vm, a[0], fn, "input", 1), *t = x ? arg_tensor(vm, a[1], fn, "target", 2) : NULL, *w, *pw;
  int red;
  if (!t || opt_tensor(vm, a[2], fn, "weight", 3, &w) < 0 || opt_tensor(vm, a[3], fn, "pos_weight", 4, &pw) < 0 ||
      reduction_arg(vm, a[4], &red) < 0)
    return val_null();
  return tensor_wrap(vm, ag_binary_cross_entropy_with_logits(x, t, w, pw, red));
}

/* ---- linear, one_hot, leaky_relu ---- */

/* linear(input, weight, bias=None) */
static value n_linear(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  const char *fn = "linear";
  if (bi_parse(vm, fn, args, nargs, kw, "input,weight|bias", a) < 0) return val_null();
  ten_tensor *x = arg_tensor(vm, a[0], fn, "input", 1), *w = x ? arg_tensor(vm, a[1], fn, "weight", 2) : NULL, *b;
  if (!w || opt_tensor(vm, a[2], fn, "bias", 3, &b) < 0) return val_null();
  return tensor_wrap(vm, ag_linear(x, w, b));
}

/* one_hot(tensor, num_classes=-1) */
static value n_one_hot(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "one_hot", args, nargs, kw, "tensor|num_classes", a) < 0) return val_null();
  ten_tensor *t = arg_tensor(vm, a[0], "one_hot", "tensor", 1);
  int64_t nc;
  if (!t || opt_int(vm, a[1], -1, &nc) < 0) return val_null();
  return tensor_wrap(vm, nn_one_hot(t, nc));
}

/* leaky_relu(input, negative_slope=0.01) */
static value n_leaky_relu(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "leaky_relu", args, nargs, kw, "input|negative_slope", a) < 0) return val_null();
  ten_tensor *x = arg_tensor(vm, a[0], "leaky_relu", "input", 1);
  double slope;
  if (!x || opt_double(vm, a[1], 0.01, &slope) < 0) return val_null();
  return tensor_wrap(vm, ag_leaky_relu(x, slope));
}

/* leaky_relu_(input, negative_slope=0.01) */
static value n_leaky_relu_(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "leaky_relu_", args, nargs, kw, "input|negative_slope", a) < 0) return val_null();
  ten_tensor *x = arg_tensor(vm, a[0], "leaky_relu_", "input", 1);
  double slope;
  if (!x || opt_double(vm, a[1], 0.01, &slope) < 0) return val_null();
  if (ag_leaky_relu_(x, slope) < 0) return exc_from_ten(vm);
  return val_incref(a[0]);
}

/* ---- registration ---- */

const bi_reg nn_torch_funcs[] = {
  {"conv1d", t_conv1d, BI_VARARGS, BI_F_KW, "conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1) -> Tensor"},
  {"conv2d", t_conv2d, BI_VARARGS, BI_F_KW, "conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1) -> Tensor"},
  {"max_pool2d", t_max_pool2d, BI_VARARGS, BI_F_KW, "max_pool2d(input, kernel_size, stride=[], padding=0, dilation=1, ceil_mode=False) -> Tensor"},
  {"batch_norm", t_batch_norm, BI_VARARGS, BI_F_KW, "batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps, cudnn_enabled) -> Tensor"},
  {"embedding", t_embedding, BI_VARARGS, BI_F_KW, "embedding(weight, indices, padding_idx=-1, scale_grad_by_freq=False, sparse=False) -> Tensor"},
  {"dropout", t_dropout, BI_VARARGS, BI_F_KW, "dropout(input, p, train) -> Tensor"},
  {"dropout_", t_dropout_, BI_VARARGS, BI_F_KW, "dropout_(input, p, train) -> Tensor"},
  {"binary_cross_entropy_with_logits", t_bce_with_logits, BI_VARARGS, BI_F_KW,
   "binary_cross_entropy_with_logits(input, target, weight=None, pos_weight=None, reduction=1) -> Tensor"},
  {"constant_pad_nd", t_constant_pad_nd, BI_VARARGS, BI_F_KW, "constant_pad_nd(input, pad, value=0) -> Tensor"},
  {NULL, NULL, 0, 0, NULL}
};

static const bi_reg nn_c_nn_funcs[] = {
  {"max_pool2d_with_indices", n_max_pool2d_with_indices, BI_VARARGS, BI_F_KW,
   "max_pool2d_with_indices(input, kernel_size, stride=[], padding=0, dilation=1, ceil_mode=False) -> (Tensor, Tensor)"},
  {"avg_pool2d", n_avg_pool2d, BI_VARARGS, BI_F_KW,
   "avg_pool2d(input, kernel_size, stride=[], padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None) -> Tensor"},
  {"adaptive_avg_pool2d", n_adaptive_avg_pool2d, BI_VARARGS, BI_F_KW, "adaptive_avg_pool2d(input, output_size) -> Tensor"},
  {"adaptive_max_pool2d", n_adaptive_max_pool2d, BI_VARARGS, BI_F_KW, "adaptive_max_pool2d(input, output_size) -> (Tensor, Tensor)"},
  {"nll_loss_nd", n_nll_loss_nd, BI_VARARGS, BI_F_KW, "nll_loss_nd(input, target, weight=None, reduction=1, ignore_index=-100) -> Tensor"},
  {"cross_entropy_loss", n_cross_entropy_loss, BI_VARARGS, BI_F_KW,
   "cross_entropy_loss(input, target, weight=None, reduction=1, ignore_index=-100, label_smoothing=0.0) -> Tensor"},
  {"mse_loss", n_mse_loss, BI_VARARGS, BI_F_KW, "mse_loss(input, target, reduction=1) -> Tensor"},
  {"l1_loss", n_l1_loss, BI_VARARGS, BI_F_KW, "l1_loss(input, target, reduction=1) -> Tensor"},
  {"binary_cross_entropy", n_binary_cross_entropy, BI_VARARGS, BI_F_KW,
   "binary_cross_entropy(input, target, weight=None, reduction=1) -> Tensor"},
  {"one_hot", n_one_hot, BI_VARARGS, BI_F_KW, "one_hot(tensor, num_classes=-1) -> Tensor"},
  {"linear", n_linear, BI_VARARGS, BI_F_KW, "linear(input, weight, bias=None) -> Tensor"},
  {"leaky_relu", n_leaky_relu, BI_VARARGS, BI_F_KW, "leaky_relu(input, negative_slope=0.01) -> Tensor"},
  {"leaky_relu_", n_leaky_relu_, BI_VARARGS, BI_F_KW, "leaky_relu_(input, negative_slope=0.01) -> Tensor"},
  {NULL, NULL, 0, 0, NULL}
};

/* torch._C: the extension module; its _nn submodule is loaded with it, as in PyTorch. */
int lib_torch_C_init(lang_vm *vm, obj_dict *d) {
  (void)d;
  value m = import_module(vm, str_intern(vm, "torch._C._nn"), val_none(), 0, NULL);
  if (VAL_IS_NULL(m)) return -1;
  val_decref(m);
  return 0;
}

int lib_torch_C_nn_init(lang_vm *vm, obj_dict *d) { return module_add_funcs(vm, d, nn_c_nn_funcs); }
