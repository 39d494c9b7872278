/*
** tests/unit/test_ops.c — replays tests/ref/ops_ref.txt (PyTorch 1.13's results for every op of
** tensor/tensor.h, written by tests/ref/gen_ref.py) through the library: builds each case's inputs,
** calls the op through the table below and compares dtype, shape, strides (when recorded) and
** values, bit for bit unless the case allows `tol` ulps; errors must match kind and exact text.
** Mismatches are reported like llm.c's check_tensor: the case, the first differing values, maxdiff.
** Format and tolerance policy: tests/ref/gen_ref.py. Runs single-threaded with OpenBLAS's Haswell
** kernels (as the fixture was made). CT_OPS_CASE=prefix runs only matching cases; CT_OPS_EXACT=1
** ignores the tolerances, to list what is not bit-exact. Also checks that no tensor memory leaks.
*/
#include <inttypes.h>
#include <stdarg.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tensor/tensor.h"
#include "tests/check.h"

#define FIXTURE CT_SOURCE_DIR "/tests/ref/ops_ref.txt"
#define MAX_ARGS 24
#define MAX_INS 16
#define MAX_EXPECT 64
#define MAX_RES 64

/* ---- one fixture case ---- */

typedef struct fx_arg {
  const char *key, *val;
} fx_arg;

typedef struct fx_case {
  const char *name, *op;
  int line;                       /* of the `case` line, for messages */
  int nargs;
  fx_arg args[MAX_ARGS];
  int nin;
  ten_tensor *in[MAX_INS];        /* inputs (views over their own storages); scalars wrapped */
  int nexp;
  char *exp[MAX_EXPECT];          /* the `out` / `ret` lines, in order */
  const char *err_kind, *err_msg; /* expected error, or NULL */
  long tol;                       /* allowed ulps for float outputs (0: exact) */
  double atol;                    /* or an absolute difference this small (0: none) */
  /* results of the call */
  int nres;
  ten_tensor *res[MAX_RES];
  char ret[MAX_EXPECT][128];      /* non-tensor results, as text */
  int nret;
} fx_case;

static const char *arg(const fx_case *c, const char *key) {
  for (int i = 0; i < c->nargs; i++)
    if (strcmp(c->args[i].key, key) == 0) return c->args[i].val;
  return NULL;
}

static int64_t arg_int(const fx_case *c, const char *key, int64_t def) {
  const char *v = arg(c, key);
  return v ? strtoll(v, NULL, 10) : def;
}

static double arg_double(const fx_case *c, const char *key, double def) {
  const char *v = arg(c, key);
  return v ? strtod(v, NULL) : def;
}

static bool arg_bool(const fx_case *c, const char *key) { return arg_int(c, key, 0) != 0; }

/* "1,-2,3" -> n values (empty string: 0). */
static int arg_ints(const fx_case *c, const char *key, int64_t *out) {
  const char *v = arg(c, key);
  int n = 0;
  while (v && *v) {
    char *end;
    out[n++] = strtoll(v, &end, 10);
    v = *end == ',' ? end + 1 : end;
    if (end == v && *v) break;
  }
  return n;
}

static ten_scalar parse_scalar(const char *v) {
  switch (v[0]) {
  case 'b': return ten_scalar_bool(strtol(v + 2, NULL, 10) != 0);
  case 'i': return ten_scalar_int(strtoll(v + 2, NULL, 10));
  default: return ten_scalar_float(strtod(v + 2, NULL));
  }
}

static ten_scalar arg_scalar(const fx_case *c, const char *key) {
  const char *v = arg(c, key);
  return v ? parse_scalar(v) : ten_scalar_int(1);
}

static ten_dtype parse_dtype(const char *s) {
  static const char *names[TEN_DTYPE_COUNT] = {"bool", "u8", "i32", "i64", "f32", "f64"}; /* ORDER TEN_DTYPE */
  for (int i = 0; i < TEN_DTYPE_COUNT; i++)
    if (strcmp(s, names[i]) == 0) return (ten_dtype)i;
  return TEN_DTYPE_UNSET;
}

static ten_dtype arg_dtype(const fx_case *c, const char *key) {
  const char *v = arg(c, key);
  return v ? parse_dtype(v) : TEN_DTYPE_UNSET;
}

/* "[2,3]" -> ndim. */
static int parse_shape(const char *s, int64_t *shape) {
  int n = 0;
  if (*s == '[') s++;
  while (*s && *s != ']') {
    char *end;
    shape[n++] = strtoll(s, &end, 10);
    s = *end == ',' ? end + 1 : end;
  }
  return n;
}

/* ---- values ---- */

/* Parses n values of dtype dt from text into buf (dtype-sized elements). Returns the count read. */
static int64_t parse_values(char *p, ten_dtype dt, void *buf, int64_t n) {
  int64_t k = 0;
  for (; k < n; k++) {
    while (*p == ' ') p++;
    if (!*p) break;
    char *end;
    switch (dt) {
    case TEN_DTYPE_F32: {
      uint32_t u = (uint32_t)strtoul(p, &end, 16);
      memcpy((float *)buf + k, &u, 4);
      break;
    }
    case TEN_DTYPE_F64: {
      uint64_t u = strtoull(p, &end, 16);
      memcpy((double *)buf + k, &u, 8);
      break;
    }
    case TEN_DTYPE_I64: ((int64_t *)buf)[k] = strtoll(p, &end, 10); break;
    case TEN_DTYPE_I32: ((int32_t *)buf)[k] = (int32_t)strtol(p, &end, 10); break;
    case TEN_DTYPE_U8: ((uint8_t *)buf)[k] = (uint8_t)strtol(p, &end, 10); break;
    default: ((bool *)buf)[k] = strtol(p, &end, 10) != 0; break;
    }
    p = end;
  }
  return k;
}

/* Splits "KIND DT SHAPE [key=v ...] : VALUES" into its parts (modifies line). */
typedef struct tensor_line {
  ten_dtype dt;
  int ndim;
  int64_t shape[TEN_MAX_DIMS];
  bool has_stride;
  int64_t stride[TEN_MAX_DIMS];
  int64_t offset, storage;        /* storage < 0: contiguous */
  int share;                      /* >= 0: a view of input `share`'s storage */
  char *values;                   /* after ':'; "*" = not compared */
} tensor_line;

static void parse_tensor_line(char *line, tensor_line *t) {
  memset(t, 0, sizeof *t);
  t->storage = -1;
  t->share = -1;
  char *colon = strstr(line, " : ");
  t->values = colon ? colon + 3 : (char *)"";
  if (colon) *colon = '\0';
  char *save = NULL, *tok = strtok_r(line, " ", &save);   /* in / out */
  tok = strtok_r(NULL, " ", &save);
  t->dt = parse_dtype(tok);
  tok = strtok_r(NULL, " ", &save);
  t->ndim = parse_shape(tok, t->shape);
  while ((tok = strtok_r(NULL, " ", &save))) {
    if (strncmp(tok, "stride=", 7) == 0) {
      t->has_stride = true;
      parse_shape(tok + 7, t->stride);
    } else if (strncmp(tok, "offset=", 7) == 0) {
      t->offset = strtoll(tok + 7, NULL, 10);
    } else if (strncmp(tok, "storage=", 8) == 0) {
      t->storage = strtoll(tok + 8, NULL, 10);
    } else if (strncmp(tok, "share=", 6) == 0) {
      t->share = (int)strtol(tok + 6, NULL, 10);
    }
  }
}

static int64_t shape_numel(const int64_t *shape, int n) {
  int64_t k = 1;
  for (int i = 0; i < n; i++) k *= shape[i];
  return k;
}

/* An `in` line -> a tensor (a strided view of a fresh storage when stride= is given, or of an
   earlier input's storage with share=). */
static ten_tensor *build_input(const fx_case *c, char *line) {
  tensor_line t;
  parse_tensor_line(line, &t);
  if (t.share >= 0) {
    const ten_tensor *other = t.share < c->nin ? c->in[t.share] : NULL;
    return other ? ten_from_storage(other->storage, t.dt, t.offset, t.shape, t.stride, t.ndim) : NULL;
  }
  int64_t n = t.storage >= 0 ? t.storage : shape_numel(t.shape, t.ndim);
  void *buf = calloc((size_t)(n ? n : 1), 8);
  parse_values(t.values, t.dt, buf, n);
  ten_tensor *r;
  if (t.storage >= 0) {
    ten_tensor *base = ten_from_buffer(buf, t.dt, &n, 1, t.dt, TEN_CPU);
    r = base ? ten_from_storage(base->storage, t.dt, t.offset, t.shape, t.stride, t.ndim) : NULL;
    ten_release(base);
  } else {
    r = ten_from_buffer(buf, t.dt, t.shape, t.ndim, t.dt, TEN_CPU);
  }
  free(buf);
  return r;
}

static ten_tensor *build_scalar(const char *line) {
  /* "scalar K V" */
  char kind = line[7];
  const char *v = line + 9;
  return ten_wrap_scalar(kind == 'b' ? ten_scalar_bool(strtol(v, NULL, 10) != 0)
                         : kind == 'i' ? ten_scalar_int(strtoll(v, NULL, 10))
                                       : ten_scalar_float(strtod(v, NULL)));
}

/* ---- the ops (one adapter per tensor.h function) ---- */

#define IN(k) (c->in[k])
#define PUSH(t) push(c, (t))

static int push(fx_case *c, ten_tensor *t) {
  if (!t) return -1;
  c->res[c->nres++] = t;
  return 0;
}

static int push_ret(fx_case *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int push_ret(fx_case *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(c->ret[c->nret++], sizeof c->ret[0], fmt, ap);
  va_end(ap);
  return 0;
}

/* Takes over a list from ten_split & co. (rc: their status). */
static int push_list(fx_case *c, int rc, ten_tensor **list, int n) {
  if (rc) return -1;
  for (int i = 0; i < n; i++) {
    ten_retain(list[i]);
    c->res[c->nres++] = list[i];
  }
  ten_list_free(list, n);
  return 0;
}

/* The in-place ops return their first input, modified. */
static int push_self(fx_case *c, int rc) {
  if (rc) return -1;
  ten_retain(IN(0));
  return PUSH(IN(0));
}

static int dims_of(const fx_case *c, int64_t *dims) { return arg_ints(c, "dims", dims); }

#define SHAPE_ARG(c, shape, n) int64_t shape[TEN_MAX_DIMS]; int n = arg_ints(c, "shape", shape)

static int op_zeros(fx_case *c) { SHAPE_ARG(c, s, n); return PUSH(ten_zeros(s, n, arg_dtype(c, "dtype"), TEN_CPU)); }
static int op_ones(fx_case *c) { SHAPE_ARG(c, s, n); return PUSH(ten_ones(s, n, arg_dtype(c, "dtype"), TEN_CPU)); }
static int op_empty(fx_case *c) { SHAPE_ARG(c, s, n); return PUSH(ten_empty(s, n, arg_dtype(c, "dtype"), TEN_CPU)); }
static int op_full(fx_case *c) {
  SHAPE_ARG(c, s, n);
  return PUSH(ten_full(s, n, arg_scalar(c, "value"), arg_dtype(c, "dtype"), TEN_CPU));
}
static int op_scalar_tensor(fx_case *c) {
  return PUSH(ten_scalar_tensor(arg_scalar(c, "value"), arg_dtype(c, "dtype"), TEN_CPU));
}
static int op_eye(fx_case *c) {
  return PUSH(ten_eye(arg_int(c, "n", 0), arg_int(c, "m", -1), arg_dtype(c, "dtype"), TEN_CPU));
}
static int op_arange(fx_case *c) {
  return PUSH(ten_arange(arg_scalar(c, "start"), arg_scalar(c, "end"), arg_scalar(c, "step"), arg_dtype(c, "dtype"),
                         TEN_CPU));
}
static int op_linspace(fx_case *c) {
  return PUSH(ten_linspace(arg_double(c, "start", 0), arg_double(c, "end", 0), arg_int(c, "steps", 0),
                           arg_dtype(c, "dtype"), TEN_CPU));
}
static int op_from_buffer(fx_case *c) {
  ten_tensor *x = ten_contiguous(IN(0));
  int rc = x ? PUSH(ten_from_buffer(ten_data_ptr(x), x->dtype, x->shape, x->ndim, arg_dtype(c, "dtype"), TEN_CPU)) : -1;
  ten_release(x);
  return rc;
}
static int op_empty_like(fx_case *c) { return PUSH(ten_empty_like(IN(0))); }
static int op_zeros_like(fx_case *c) { return PUSH(ten_zeros_like(IN(0))); }
static int op_ones_like(fx_case *c) { return PUSH(ten_ones_like(IN(0))); }
static int op_full_like(fx_case *c) { return PUSH(ten_full_like(IN(0), arg_scalar(c, "value"))); }

static int op_copy_(fx_case *c) { return push_self(c, ten_copy_(IN(0), IN(1))); }
static int op_fill_(fx_case *c) { return push_self(c, ten_fill_(IN(0), arg_scalar(c, "value"))); }
static int op_zero_(fx_case *c) { return push_self(c, ten_zero_(IN(0))); }
static int op_clone(fx_case *c) { return PUSH(ten_clone(IN(0))); }
static int op_contiguous(fx_case *c) { return PUSH(ten_contiguous(IN(0))); }
static int op_to_dtype(fx_case *c) { return PUSH(ten_to_dtype(IN(0), arg_dtype(c, "dtype"), arg_bool(c, "copy"))); }
static int op_item(fx_case *c) {
  ten_scalar s;
  if (ten_item(IN(0), &s)) return -1;
  if (s.kind == TEN_SCALAR_BOOL) return push_ret(c, "%d", (int)s.v.b);
  if (s.kind == TEN_SCALAR_INT) return push_ret(c, "i:%" PRId64, s.v.i);
  uint64_t u;
  memcpy(&u, &s.v.f, 8);
  return push_ret(c, "f:%016" PRIx64, u);   /* compared against the repr by value */
}

static int op_view(fx_case *c) { SHAPE_ARG(c, s, n); return PUSH(ten_view(IN(0), s, n)); }
static int op_reshape(fx_case *c) { SHAPE_ARG(c, s, n); return PUSH(ten_reshape(IN(0), s, n)); }
static int op_flatten(fx_case *c) { return PUSH(ten_flatten(IN(0), arg_int(c, "start", 0), arg_int(c, "end", -1))); }
static int op_unflatten(fx_case *c) {
  int64_t sizes[TEN_MAX_DIMS];
  int n = arg_ints(c, "sizes", sizes);
  return PUSH(ten_unflatten(IN(0), arg_int(c, "dim", 0), sizes, n));
}
static int op_transpose(fx_case *c) { return PUSH(ten_transpose(IN(0), arg_int(c, "d0", 0), arg_int(c, "d1", 1))); }
static int op_t(fx_case *c) { return PUSH(ten_t(IN(0))); }
static int op_permute(fx_case *c) {
  int64_t d[TEN_MAX_DIMS];
  int n = dims_of(c, d);
  return PUSH(ten_permute(IN(0), d, n));
}
static int op_squeeze(fx_case *c) { return PUSH(ten_squeeze(IN(0))); }
static int op_squeeze_dim(fx_case *c) { return PUSH(ten_squeeze_dim(IN(0), arg_int(c, "dim", 0))); }
static int op_unsqueeze(fx_case *c) { return PUSH(ten_unsqueeze(IN(0), arg_int(c, "dim", 0))); }
static int op_expand(fx_case *c) { SHAPE_ARG(c, s, n); return PUSH(ten_expand(IN(0), s, n)); }
static int op_expand_as(fx_case *c) { return PUSH(ten_expand_as(IN(0), IN(1))); }
static int op_broadcast_to(fx_case *c) { SHAPE_ARG(c, s, n); return PUSH(ten_broadcast_to(IN(0), s, n)); }
static int op_select(fx_case *c) { return PUSH(ten_select(IN(0), arg_int(c, "dim", 0), arg_int(c, "index", 0))); }
static int op_slice(fx_case *c) {
  return PUSH(ten_slice(IN(0), arg_int(c, "dim", 0), arg_int(c, "start", 0), arg_int(c, "stop", 0),
                        arg_int(c, "step", 1), arg(c, "start") != NULL, arg(c, "stop") != NULL));
}
static int op_narrow(fx_case *c) {
  return PUSH(ten_narrow(IN(0), arg_int(c, "dim", 0), arg_int(c, "start", 0), arg_int(c, "length", 0)));
}
static int op_diagonal(fx_case *c) {
  return PUSH(ten_diagonal(IN(0), arg_int(c, "offset", 0), arg_int(c, "d0", 0), arg_int(c, "d1", 1)));
}
static int op_split(fx_case *c) {
  ten_tensor **l = NULL;
  int n = 0;
  int rc = ten_split(IN(0), arg_int(c, "size", 1), arg_int(c, "dim", 0), &l, &n);
  return push_list(c, rc, l, n);
}
static int op_split_sizes(fx_case *c) {
  int64_t sizes[64];
  int k = arg_ints(c, "sizes", sizes);
  ten_tensor **l = NULL;
  int n = 0;
  int rc = ten_split_sizes(IN(0), sizes, k, arg_int(c, "dim", 0), &l, &n);
  return push_list(c, rc, l, n);
}
static int op_chunk(fx_case *c) {
  ten_tensor **l = NULL;
  int n = 0;
  int rc = ten_chunk(IN(0), arg_int(c, "chunks", 1), arg_int(c, "dim", 0), &l, &n);
  return push_list(c, rc, l, n);
}
static int op_unbind(fx_case *c) {
  ten_tensor **l = NULL;
  int n = 0;
  int rc = ten_unbind(IN(0), arg_int(c, "dim", 0), &l, &n);
  return push_list(c, rc, l, n);
}

static int op_broadcast_shapes(fx_case *c) {
  int64_t a[TEN_MAX_DIMS], b[TEN_MAX_DIMS], out[TEN_MAX_DIMS];
  int na = arg_ints(c, "a", a), nb = arg_ints(c, "b", b), n;
  if (ten_broadcast_shapes(a, na, b, nb, out, &n)) return -1;
  char buf[256];
  int k = snprintf(buf, sizeof buf, "[");
  for (int i = 0; i < n; i++) k += snprintf(buf + k, sizeof buf - (size_t)k, i ? ",%lld" : "%lld", (long long)out[i]);
  snprintf(buf + k, sizeof buf - (size_t)k, "]");
  return push_ret(c, "%s", buf);
}
static int op_result_type(fx_case *c) {
  const ten_tensor *two[2] = {IN(0), IN(1)};
  return push_ret(c, "%s", ten_dtype_name(ten_result_type(two, 2)));
}
static int op_promote(fx_case *c) {
  return push_ret(c, "%s", ten_dtype_name(ten_promote(arg_dtype(c, "a"), arg_dtype(c, "b"))));
}
static int op_can_cast(fx_case *c) {
  return push_ret(c, "%d", (int)ten_can_cast(arg_dtype(c, "from"), arg_dtype(c, "to")));
}

static int binop_of(const fx_case *c, ten_binop *op) {
  const char *name = arg(c, "op");
  for (int i = 0; i < TEN_BINOP_COUNT; i++)
    if (name && strcmp(ten_binop_name((ten_binop)i), name) == 0) {
      *op = (ten_binop)i;
      return 0;
    }
  fprintf(stderr, "%s: unknown binary op %s\n", c->name, name ? name : "(none)");
  return -2;
}
static int unop_of(const fx_case *c, ten_unop *op) {
  const char *name = arg(c, "op");
  for (int i = 0; i < TEN_UNOP_COUNT; i++)
    if (name && strcmp(ten_unop_name((ten_unop)i), name) == 0) {
      *op = (ten_unop)i;
      return 0;
    }
  fprintf(stderr, "%s: unknown unary op %s\n", c->name, name ? name : "(none)");
  return -2;
}
static int op_binary(fx_case *c) {
  ten_binop op;
  int rc = binop_of(c, &op);
  return rc ? rc : PUSH(ten_binary(op, IN(0), IN(1), arg_scalar(c, "alpha")));
}
static int op_binary_(fx_case *c) {
  ten_binop op;
  int rc = binop_of(c, &op);
  return rc ? rc : push_self(c, ten_binary_(op, IN(0), IN(1), arg_scalar(c, "alpha")));
}
static int op_binary_out(fx_case *c) {
  ten_binop op;
  int rc = binop_of(c, &op);
  return rc ? rc : push_self(c, ten_binary_out(op, IN(0), IN(1), IN(2), arg_scalar(c, "alpha")));
}
static int op_unary(fx_case *c) {
  ten_unop op;
  int rc = unop_of(c, &op);
  return rc ? rc : PUSH(ten_unary(op, IN(0)));
}
static int op_unary_(fx_case *c) {
  ten_unop op;
  int rc = unop_of(c, &op);
  return rc ? rc : push_self(c, ten_unary_(op, IN(0)));
}
static int op_unary_out(fx_case *c) {
  ten_unop op;
  int rc = unop_of(c, &op);
  return rc ? rc : push_self(c, ten_unary_out(op, IN(0), IN(1)));
}
static int op_clamp(fx_case *c) {
  ten_scalar lo = arg_scalar(c, "min"), hi = arg_scalar(c, "max");
  return PUSH(ten_clamp(IN(0), arg(c, "min") ? &lo : NULL, arg(c, "max") ? &hi : NULL));
}
static int op_clamp_(fx_case *c) {
  ten_scalar lo = arg_scalar(c, "min"), hi = arg_scalar(c, "max");
  return push_self(c, ten_clamp_(IN(0), arg(c, "min") ? &lo : NULL, arg(c, "max") ? &hi : NULL));
}
static int op_pow_scalar(fx_case *c) { return PUSH(ten_pow_scalar(IN(0), arg_scalar(c, "exponent"))); }
static int op_rpow_scalar(fx_case *c) { return PUSH(ten_rpow_scalar(arg_scalar(c, "base"), IN(0))); }
static int op_leaky_relu(fx_case *c) { return PUSH(ten_leaky_relu(IN(0), arg_double(c, "slope", 0.01))); }
static int op_where(fx_case *c) { return PUSH(ten_where(IN(0), IN(1), IN(2))); }
static int op_masked_fill(fx_case *c) { return PUSH(ten_masked_fill(IN(0), IN(1), IN(2))); }
static int op_masked_fill_(fx_case *c) { return push_self(c, ten_masked_fill_(IN(0), IN(1), IN(2))); }
static int op_addcmul(fx_case *c) { return PUSH(ten_addcmul(IN(0), IN(1), IN(2), arg_scalar(c, "value"))); }
static int op_addcdiv(fx_case *c) { return PUSH(ten_addcdiv(IN(0), IN(1), IN(2), arg_scalar(c, "value"))); }
static int op_lerp(fx_case *c) { return PUSH(ten_lerp(IN(0), IN(1), arg_scalar(c, "weight"))); }
static int op_add_scalar(fx_case *c) { return PUSH(ten_add_scalar(IN(0), arg_scalar(c, "value"))); }
static int op_mul_scalar(fx_case *c) { return PUSH(ten_mul_scalar(IN(0), arg_scalar(c, "value"))); }

static int op_equal(fx_case *c) { return push_ret(c, "%d", (int)ten_equal(IN(0), IN(1))); }
static int op_allclose(fx_case *c) {
  int r = ten_allclose(IN(0), IN(1), arg_double(c, "rtol", 1e-5), arg_double(c, "atol", 1e-8), arg_bool(c, "equal_nan"));
  return r < 0 ? -1 : push_ret(c, "%d", r);
}
static int op_isclose(fx_case *c) {
  return PUSH(ten_isclose(IN(0), IN(1), arg_double(c, "rtol", 1e-5), arg_double(c, "atol", 1e-8),
                          arg_bool(c, "equal_nan")));
}

#define REDUCE_OP(name, call)                                                   \
  static int op_##name(fx_case *c) {                                            \
    int64_t d[TEN_MAX_DIMS];                                                    \
    int n = dims_of(c, d);                                                      \
    bool kd = arg_bool(c, "keepdim");                                           \
    (void)kd;                                                                   \
    return PUSH(call);                                                          \
  }
REDUCE_OP(sum, ten_sum(IN(0), d, n, kd, arg_dtype(c, "dtype")))
REDUCE_OP(mean, ten_mean(IN(0), d, n, kd, arg_dtype(c, "dtype")))
REDUCE_OP(prod, ten_prod(IN(0), d, n, kd, arg_dtype(c, "dtype")))
REDUCE_OP(var, ten_var(IN(0), d, n, arg_int(c, "correction", 1), kd))
REDUCE_OP(std, ten_std(IN(0), d, n, arg_int(c, "correction", 1), kd))
REDUCE_OP(amax, ten_amax(IN(0), d, n, kd))
REDUCE_OP(amin, ten_amin(IN(0), d, n, kd))
REDUCE_OP(all, ten_all(IN(0), d, n, kd))
REDUCE_OP(any, ten_any(IN(0), d, n, kd))
REDUCE_OP(logsumexp, ten_logsumexp(IN(0), d, n, kd))
static int op_norm(fx_case *c) {
  int64_t d[TEN_MAX_DIMS];
  int n = dims_of(c, d);
  const char *p = arg(c, "p");
  double pv = strcmp(p, "fro") == 0 ? 2.0 : strtod(p, NULL);
  return PUSH(ten_norm(IN(0), pv, d, n, arg_bool(c, "keepdim")));
}
static int op_max_all(fx_case *c) { return PUSH(ten_max_all(IN(0))); }
static int op_min_all(fx_case *c) { return PUSH(ten_min_all(IN(0))); }
static int two(fx_case *c, int rc, ten_tensor *a, ten_tensor *b) {
  if (rc) return -1;
  PUSH(a);
  return PUSH(b);
}
static int op_max_dim(fx_case *c) {
  ten_tensor *v = NULL, *i = NULL;
  int rc = ten_max_dim(IN(0), arg_int(c, "dim", 0), arg_bool(c, "keepdim"), &v, &i);
  return two(c, rc, v, i);
}
static int op_min_dim(fx_case *c) {
  ten_tensor *v = NULL, *i = NULL;
  int rc = ten_min_dim(IN(0), arg_int(c, "dim", 0), arg_bool(c, "keepdim"), &v, &i);
  return two(c, rc, v, i);
}
static int op_argmax(fx_case *c) {
  return PUSH(ten_argmax(IN(0), arg_int(c, "dim", 0), arg(c, "dim") != NULL, arg_bool(c, "keepdim")));
}
static int op_argmin(fx_case *c) {
  return PUSH(ten_argmin(IN(0), arg_int(c, "dim", 0), arg(c, "dim") != NULL, arg_bool(c, "keepdim")));
}
static int op_cumsum(fx_case *c) { return PUSH(ten_cumsum(IN(0), arg_int(c, "dim", 0), arg_dtype(c, "dtype"))); }
static int op_cumprod(fx_case *c) { return PUSH(ten_cumprod(IN(0), arg_int(c, "dim", 0), arg_dtype(c, "dtype"))); }
static int op_softmax(fx_case *c) { return PUSH(ten_softmax(IN(0), arg_int(c, "dim", 0), arg_dtype(c, "dtype"))); }
static int op_log_softmax(fx_case *c) {
  return PUSH(ten_log_softmax(IN(0), arg_int(c, "dim", 0), arg_dtype(c, "dtype")));
}
static int op_sort(fx_case *c) {
  ten_tensor *v = NULL, *i = NULL;
  int rc = ten_sort(IN(0), arg_int(c, "dim", -1), arg_bool(c, "descending"), &v, &i);
  return two(c, rc, v, i);
}
static int op_topk(fx_case *c) {
  ten_tensor *v = NULL, *i = NULL;
  int rc = ten_topk(IN(0), arg_int(c, "k", 1), arg_int(c, "dim", -1), arg_bool(c, "largest"), arg_bool(c, "sorted"),
                    &v, &i);
  return two(c, rc, v, i);
}

static int op_matmul(fx_case *c) { return PUSH(ten_matmul(IN(0), IN(1))); }
static int op_mm(fx_case *c) { return PUSH(ten_mm(IN(0), IN(1))); }
static int op_bmm(fx_case *c) { return PUSH(ten_bmm(IN(0), IN(1))); }
static int op_mv(fx_case *c) { return PUSH(ten_mv(IN(0), IN(1))); }
static int op_dot(fx_case *c) { return PUSH(ten_dot(IN(0), IN(1))); }
static int op_outer(fx_case *c) { return PUSH(ten_outer(IN(0), IN(1))); }
static int op_addmm(fx_case *c) {
  return PUSH(ten_addmm(IN(0), IN(1), IN(2), arg_scalar(c, "beta"), arg_scalar(c, "alpha")));
}

static int op_cat(fx_case *c) { return PUSH(ten_cat(c->in, c->nin, arg_int(c, "dim", 0))); }
static int op_stack(fx_case *c) { return PUSH(ten_stack(c->in, c->nin, arg_int(c, "dim", 0))); }

/* idx=i:3;s:1:-1:2;n;e;t:1 (t:k = input k) -> components. */
static int parse_index(const fx_case *c, ten_index *idx) {
  const char *p = arg(c, "idx");
  int n = 0;
  while (p && *p) {
    ten_index *x = &idx[n++];
    memset(x, 0, sizeof *x);
    char *end = (char *)p + 1;
    switch (*p) {
    case 'i':
      x->kind = TEN_INDEX_INT;
      x->i = strtoll(p + 2, &end, 10);
      break;
    case 's': {
      x->kind = TEN_INDEX_SLICE;
      x->step = 1;
      const char *q = p + 2;
      int64_t *fields[3] = {&x->start, &x->stop, &x->step};
      for (int f = 0; f < 3; f++) {
        if (*q && *q != ':' && *q != ';') {
          *fields[f] = strtoll(q, &end, 10);
          if (f == 0) x->has_start = true;
          if (f == 1) x->has_stop = true;
          q = end;
        }
        if (*q == ':') q++;
      }
      end = (char *)q;
      break;
    }
    case 'n': x->kind = TEN_INDEX_NONE; break;
    case 'e': x->kind = TEN_INDEX_ELLIPSIS; break;
    default:
      x->kind = TEN_INDEX_TENSOR;
      x->tensor = c->in[strtol(p + 2, &end, 10)];
      break;
    }
    p = *end == ';' ? end + 1 : end;
  }
  return n;
}
static int op_index_get(fx_case *c) {
  ten_index idx[TEN_MAX_DIMS];
  int n = parse_index(c, idx);
  return PUSH(ten_index_get(IN(0), idx, n));
}
static int op_index_put(fx_case *c) {
  ten_index idx[TEN_MAX_DIMS];
  int n = parse_index(c, idx);
  return push_self(c, ten_index_put(IN(0), idx, n, IN(arg_int(c, "value", 1))));
}
static int op_index_put_acc(fx_case *c) {
  ten_index idx[TEN_MAX_DIMS];
  int n = parse_index(c, idx);
  return push_self(c, ten_index_put_acc(IN(0), idx, n, IN(arg_int(c, "value", 1)), arg_bool(c, "accumulate")));
}
static int op_scatter(fx_case *c) { return PUSH(ten_scatter(IN(0), arg_int(c, "dim", 0), IN(1), IN(2))); }
static int op_scatter_(fx_case *c) { return push_self(c, ten_scatter_(IN(0), arg_int(c, "dim", 0), IN(1), IN(2))); }
static int op_scatter_value(fx_case *c) {
  return PUSH(ten_scatter_value(IN(0), arg_int(c, "dim", 0), IN(1), arg_scalar(c, "value")));
}
static int op_scatter_value_(fx_case *c) {
  return push_self(c, ten_scatter_value_(IN(0), arg_int(c, "dim", 0), IN(1), arg_scalar(c, "value")));
}
static int op_scatter_add(fx_case *c) { return PUSH(ten_scatter_add(IN(0), arg_int(c, "dim", 0), IN(1), IN(2))); }
static int op_scatter_add_(fx_case *c) {
  return push_self(c, ten_scatter_add_(IN(0), arg_int(c, "dim", 0), IN(1), IN(2)));
}
static int op_index_add(fx_case *c) {
  return PUSH(ten_index_add(IN(0), arg_int(c, "dim", 0), IN(1), IN(2), arg_scalar(c, "alpha")));
}
static int op_index_add_(fx_case *c) {
  return push_self(c, ten_index_add_(IN(0), arg_int(c, "dim", 0), IN(1), IN(2), arg_scalar(c, "alpha")));
}
static int op_index_select(fx_case *c) { return PUSH(ten_index_select(IN(0), arg_int(c, "dim", 0), IN(1))); }
static int op_gather(fx_case *c) { return PUSH(ten_gather(IN(0), arg_int(c, "dim", 0), IN(1))); }
static int op_masked_select(fx_case *c) { return PUSH(ten_masked_select(IN(0), IN(1))); }
static int op_nonzero(fx_case *c) { return PUSH(ten_nonzero(IN(0))); }
static int op_tril(fx_case *c) { return PUSH(ten_tril(IN(0), arg_int(c, "diagonal", 0))); }
static int op_triu(fx_case *c) { return PUSH(ten_triu(IN(0), arg_int(c, "diagonal", 0))); }
static int op_flip(fx_case *c) {
  int64_t d[TEN_MAX_DIMS];
  int n = dims_of(c, d);
  return PUSH(ten_flip(IN(0), d, n));
}
static int op_repeat(fx_case *c) {
  int64_t r[TEN_MAX_DIMS];
  int n = arg_ints(c, "repeats", r);
  return PUSH(ten_repeat(IN(0), r, n));
}

typedef struct fx_op {
  const char *name;
  int (*fn)(fx_case *c);   /* 0: results pushed; -1: library error set; -2: bad fixture */
} fx_op;

static const fx_op ops[] = {
  {"zeros", op_zeros}, {"ones", op_ones}, {"empty", op_empty}, {"full", op_full},
  {"scalar_tensor", op_scalar_tensor}, {"eye", op_eye}, {"arange", op_arange}, {"linspace", op_linspace},
  {"from_buffer", op_from_buffer}, {"empty_like", op_empty_like}, {"zeros_like", op_zeros_like},
  {"ones_like", op_ones_like}, {"full_like", op_full_like},
  {"copy_", op_copy_}, {"fill_", op_fill_}, {"zero_", op_zero_}, {"clone", op_clone},
  {"contiguous", op_contiguous}, {"to_dtype", op_to_dtype}, {"item", op_item},
  {"view", op_view}, {"reshape", op_reshape}, {"flatten", op_flatten}, {"unflatten", op_unflatten},
  {"transpose", op_transpose}, {"t", op_t}, {"permute", op_permute}, {"squeeze", op_squeeze},
  {"squeeze_dim", op_squeeze_dim}, {"unsqueeze", op_unsqueeze}, {"expand", op_expand},
  {"expand_as", op_expand_as}, {"broadcast_to", op_broadcast_to}, {"select", op_select}, {"slice", op_slice},
  {"narrow", op_narrow}, {"diagonal", op_diagonal}, {"split", op_split}, {"split_sizes", op_split_sizes},
  {"chunk", op_chunk}, {"unbind", op_unbind},
  {"broadcast_shapes", op_broadcast_shapes}, {"result_type", op_result_type}, {"promote", op_promote},
  {"can_cast", op_can_cast},
  {"binary", op_binary}, {"binary_", op_binary_}, {"binary_out", op_binary_out}, {"unary", op_unary},
  {"unary_", op_unary_}, {"unary_out", op_unary_out}, {"clamp", op_clamp}, {"clamp_", op_clamp_},
  {"pow_scalar", op_pow_scalar}, {"rpow_scalar", op_rpow_scalar}, {"leaky_relu", op_leaky_relu},
  {"where", op_where}, {"masked_fill", op_masked_fill}, {"masked_fill_", op_masked_fill_},
  {"addcmul", op_addcmul}, {"addcdiv", op_addcdiv}, {"lerp", op_lerp}, {"add_scalar", op_add_scalar},
  {"mul_scalar", op_mul_scalar},
  {"equal", op_equal}, {"allclose", op_allclose}, {"isclose", op_isclose},
  {"sum", op_sum}, {"mean", op_mean}, {"prod", op_prod}, {"var", op_var}, {"std", op_std}, {"norm", op_norm},
  {"amax", op_amax}, {"amin", op_amin}, {"all", op_all}, {"any", op_any}, {"logsumexp", op_logsumexp},
  {"max_all", op_max_all}, {"min_all", op_min_all}, {"max_dim", op_max_dim}, {"min_dim", op_min_dim},
  {"argmax", op_argmax}, {"argmin", op_argmin}, {"cumsum", op_cumsum}, {"cumprod", op_cumprod},
  {"softmax", op_softmax}, {"log_softmax", op_log_softmax}, {"sort", op_sort}, {"topk", op_topk},
  {"matmul", op_matmul}, {"mm", op_mm}, {"bmm", op_bmm}, {"mv", op_mv}, {"dot", op_dot}, {"outer", op_outer},
  {"addmm", op_addmm},
  {"cat", op_cat}, {"stack", op_stack}, {"index_get", op_index_get}, {"index_put", op_index_put},
  {"index_select", op_index_select}, {"gather", op_gather}, {"masked_select", op_masked_select},
  {"nonzero", op_nonzero}, {"tril", op_tril}, {"triu", op_triu}, {"flip", op_flip}, {"repeat", op_repeat},
  {"index_put_acc", op_index_put_acc}, {"scatter", op_scatter}, {"scatter_", op_scatter_},
  {"scatter_value", op_scatter_value}, {"scatter_value_", op_scatter_value_}, {"scatter_add", op_scatter_add},
  {"scatter_add_", op_scatter_add_}, {"index_add", op_index_add}, {"index_add_", op_index_add_},
  {NULL, NULL},
};

/* ---- comparison ---- */

static const char *errkind_name(ten_errkind k) {
  static const char *names[] = {"OK", "RuntimeError", "IndexError", "ValueError", "TypeError", "MemoryError",
                                "NotImplementedError", "AssertionError", "ZeroDivisionError", "OverflowError"};
  return (int)k >= 0 && (size_t)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

/* Monotonic integer image of a float's bits: ulp distance = difference of images. */
static int64_t ord_f32(float f) {
  int32_t i;
  memcpy(&i, &f, 4);
  return i < 0 ? (int64_t)INT32_MIN - i : i;
}
static int64_t ord_f64(double f) {
  int64_t i;
  memcpy(&i, &f, 8);
  return i < 0 ? INT64_MIN - i : i;
}

/* got vs want elementwise; returns the number of mismatches, prints the first few. */
static int64_t compare_values(const fx_case *c, int k, const ten_tensor *got, ten_dtype dt, const void *want, int64_t n) {
  int64_t bad = 0;
  double maxdiff = 0;
  int64_t maxulp = 0;
  bool is_float = dt == TEN_DTYPE_F32 || dt == TEN_DTYPE_F64;
  for (int64_t i = 0; i < n; i++) {
    const void *p = ten_element_ptr(got, i);
    double g, w;
    bool ok;
    int64_t ulp = 0;
    if (is_float) {
      if (dt == TEN_DTYPE_F32) {
        float gf = *(const float *)p, wf = ((const float *)want)[i];
        g = gf;
        w = wf;
        ulp = llabs(ord_f32(gf) - ord_f32(wf));
      } else {
        g = *(const double *)p;
        w = ((const double *)want)[i];
        int64_t a = ord_f64(g), b = ord_f64(w);
        ulp = (a > b ? (uint64_t)a - (uint64_t)b : (uint64_t)b - (uint64_t)a) > (uint64_t)INT64_MAX
                  ? INT64_MAX : llabs(a - b);
        /* a float32 computation written to a float64 output: tol counts float32 ulps */
        if (ulp > c->tol && (double)(float)g == g && (double)(float)w == w) ulp = llabs(ord_f32((float)g) - ord_f32((float)w));
      }
      if (isnan(g) || isnan(w)) ok = isnan(g) && isnan(w);
      else if (isinf(g) || isinf(w)) ok = g == w;
      else ok = ulp <= c->tol || fabs(g - w) <= c->atol;
      if (!isnan(g) && !isnan(w) && !isinf(g) && !isinf(w)) {
        if (fabs(g - w) > maxdiff) maxdiff = fabs(g - w);
        if (ulp > maxulp) maxulp = ulp;
      }
    } else {
      int64_t gi, wi;
      switch (dt) {
      case TEN_DTYPE_I64: gi = *(const int64_t *)p; wi = ((const int64_t *)want)[i]; break;
      case TEN_DTYPE_I32: gi = *(const int32_t *)p; wi = ((const int32_t *)want)[i]; break;
      case TEN_DTYPE_U8: gi = *(const uint8_t *)p; wi = ((const uint8_t *)want)[i]; break;
      default: gi = *(const bool *)p; wi = ((const bool *)want)[i]; break;
      }
      ok = gi == wi;
      g = (double)gi;
      w = (double)wi;
      if (fabs(g - w) > maxdiff) maxdiff = fabs(g - w);
    }
    if (!ok) {
      if (bad < 5)
        fprintf(stderr, "  %s (line %d) result %d [%lld]: got %.9g, want %.9g%s\n", c->name, c->line, k, (long long)i,
                g, w, is_float ? "  NOT OK" : "");
      bad++;
    }
  }
  if (bad)
    fprintf(stderr, "  %s result %d: %lld of %lld values differ, maxdiff = %e (%lld ulp, tol %ld, atol %g)\n", c->name,
            k, (long long)bad, (long long)n, maxdiff, (long long)maxulp, c->tol, c->atol);
  return bad;
}

static bool shapes_equal(const int64_t *a, const int64_t *b, int n) {
  return n == 0 || memcmp(a, b, sizeof(int64_t) * (size_t)n) == 0;
}

static void format_dims(const int64_t *d, int n, char *buf, size_t size) {
  size_t k = (size_t)snprintf(buf, size, "[");
  for (int i = 0; i < n && k < size; i++) k += (size_t)snprintf(buf + k, size - k, i ? ",%lld" : "%lld", (long long)d[i]);
  if (k < size) snprintf(buf + k, size - k, "]");
}

/* One `out` line against result k. Returns true when equal. */
static bool compare_out(fx_case *c, int k, char *line) {
  tensor_line e;
  parse_tensor_line(line, &e);
  const ten_tensor *t = c->res[k];
  char a[256], b[256];
  if (t->dtype != e.dt || t->ndim != e.ndim || !shapes_equal(t->shape, e.shape, e.ndim)) {
    format_dims(t->shape, t->ndim, a, sizeof a);
    format_dims(e.shape, e.ndim, b, sizeof b);
    fprintf(stderr, "  %s (line %d) result %d: got %s %s, want %s %s\n", c->name, c->line, k, ten_dtype_name(t->dtype),
            a, ten_dtype_name(e.dt), b);
    return false;
  }
  bool ok = true;
  if (e.has_stride && !shapes_equal(t->stride, e.stride, e.ndim)) {
    format_dims(t->stride, t->ndim, a, sizeof a);
    format_dims(e.stride, e.ndim, b, sizeof b);
    fprintf(stderr, "  %s (line %d) result %d: strides %s, want %s\n", c->name, c->line, k, a, b);
    ok = false;
  }
  if (strcmp(e.values, "*") == 0) return ok;
  int64_t n = shape_numel(e.shape, e.ndim);
  void *want = calloc((size_t)(n ? n : 1), 8);
  if (parse_values(e.values, e.dt, want, n) != n) {
    fprintf(stderr, "  %s (line %d): malformed expected values\n", c->name, c->line);
    ok = false;
  } else if (compare_values(c, k, t, e.dt, want, n)) {
    ok = false;
  }
  free(want);
  return ok;
}

/* ties=1 (topk): the indices need not equal PyTorch's where values tie, but must pick, along
   dim, elements equal (bitwise) to the returned values, each index once per line. */
static bool check_tie_indices(fx_case *c, int64_t dim) {
  ten_tensor *values = c->res[0], *idx = c->res[1];
  ten_tensor *picked = ten_gather(IN(0), dim, idx);
  bool ok = picked && ten_numel(picked) == ten_numel(values);
  size_t es = ten_dtype_size(values->dtype);
  for (int64_t i = 0; ok && i < ten_numel(values); i++)
    ok = memcmp(ten_element_ptr(picked, i), ten_element_ptr(values, i), es) == 0;
  ten_release(picked);
  int d = 0;
  if (ok && idx->ndim > 0 && ten_wrap_dim(dim, idx->ndim, &d) == 0) {
    int64_t len = idx->shape[d], n = ten_numel(idx);
    for (int64_t i = 0; ok && i < n; i++) {   /* i and the later elements of its line */
      int64_t pos = (i / shape_numel(idx->shape + d + 1, idx->ndim - d - 1)) % len;
      for (int64_t j = 1; ok && pos + j < len; j++) {
        int64_t other = i + j * shape_numel(idx->shape + d + 1, idx->ndim - d - 1);
        ok = ten_get_int(idx, i) != ten_get_int(idx, other);
      }
    }
  }
  if (!ok) fprintf(stderr, "  %s (line %d): indices do not pick the returned values once each\n", c->name, c->line);
  return ok;
}

/* One `ret` line against the k-th non-tensor result. */
static bool compare_ret(fx_case *c, int k, const char *want) {
  const char *got = c->ret[k];
  bool ok;
  if (strncmp(want, "f:", 2) == 0 && strncmp(got, "f:", 2) == 0) {
    double w = strtod(want + 2, NULL), g;
    uint64_t u = strtoull(got + 2, NULL, 16);
    memcpy(&g, &u, 8);
    ok = (isnan(w) && isnan(g)) || memcmp(&w, &g, 8) == 0;
  } else {
    ok = strcmp(got, want) == 0;
  }
  if (!ok) fprintf(stderr, "  %s (line %d) result %d: got %s, want %s\n", c->name, c->line, k, got, want);
  return ok;
}

/* ---- running ---- */

typedef struct fx_stats {
  int cases, passed;
} fx_stats;

static void case_free(fx_case *c) {
  for (int i = 0; i < c->nin; i++) ten_release(c->in[i]);
  for (int i = 0; i < c->nres; i++) ten_release(c->res[i]);
}

static void run_case(fx_case *c, fx_stats *st) {
  const fx_op *op = ops;
  while (op->name && strcmp(op->name, c->op) != 0) op++;
  st->cases++;
  if (!op->name) {
    CHECK_MSG(0, "case %s (line %d): unknown op %s", c->name, c->line, c->op);
    return;
  }
  for (int i = 0; i < c->nin; i++) {
    if (!c->in[i]) {
      CHECK_MSG(0, "case %s (line %d): input %d not built: %s", c->name, c->line, i, ten_error_msg());
      return;
    }
  }
  ten_error_clear();
  int rc = op->fn(c);
  bool ok = true;
  if (rc == -2) {
    ok = false;
  } else if (c->err_kind) {
    if (rc == 0) {
      fprintf(stderr, "  %s (line %d): succeeded, want %s: %s\n", c->name, c->line, c->err_kind, c->err_msg);
      ok = false;
    } else if (strcmp(errkind_name(ten_error_kind()), c->err_kind) != 0 || strcmp(ten_error_msg(), c->err_msg) != 0) {
      fprintf(stderr, "  %s (line %d): error\n    got:  %s: %s\n    want: %s: %s\n", c->name, c->line,
              errkind_name(ten_error_kind()), ten_error_msg(), c->err_kind, c->err_msg);
      ok = false;
    }
  } else if (rc != 0) {
    fprintf(stderr, "  %s (line %d): failed: %s: %s\n", c->name, c->line, errkind_name(ten_error_kind()),
            ten_error_msg());
    ok = false;
  } else {
    int kt = 0, kr = 0;
    for (int i = 0; i < c->nexp; i++) {
      char *line = c->exp[i];
      if (strncmp(line, "out ", 4) == 0) {
        if (kt >= c->nres) {
          fprintf(stderr, "  %s (line %d): only %d tensor results\n", c->name, c->line, c->nres);
          ok = false;
          break;
        }
        if (kt == 1 && arg_bool(c, "ties")) {
          tensor_line e;
          parse_tensor_line(line, &e);
          bool same_shape = c->res[1]->dtype == e.dt && c->res[1]->ndim == e.ndim &&
                            shapes_equal(c->res[1]->shape, e.shape, e.ndim);
          if (!same_shape) fprintf(stderr, "  %s (line %d): indices have the wrong dtype/shape\n", c->name, c->line);
          ok = same_shape && check_tie_indices(c, arg_int(c, "dim", -1)) && ok;
          kt++;
          continue;
        }
        ok = compare_out(c, kt++, line) && ok;
      } else {
        if (kr >= c->nret) {
          fprintf(stderr, "  %s (line %d): only %d other results\n", c->name, c->line, c->nret);
          ok = false;
          break;
        }
        ok = compare_ret(c, kr++, line + 4) && ok;
      }
    }
    if (ok && (kt != c->nres || kr != c->nret)) {
      fprintf(stderr, "  %s (line %d): %d tensor results, want %d\n", c->name, c->line, c->nres, kt);
      ok = false;
    }
  }
  CHECK_MSG(ok, "case %s (line %d)", c->name, c->line);
  if (ok) st->passed++;
}

/* Fills c from the `case` line (modified in place). */
static void case_begin(fx_case *c, char *line, int lineno) {
  memset(c, 0, sizeof *c);
  c->line = lineno;
  char *save = NULL;
  strtok_r(line, " ", &save);
  c->name = strtok_r(NULL, " ", &save);
  c->op = strtok_r(NULL, " ", &save);
  char *tok;
  while ((tok = strtok_r(NULL, " ", &save)) && c->nargs < MAX_ARGS) {
    char *eq = strchr(tok, '=');
    if (!eq) continue;
    *eq = '\0';
    c->args[c->nargs].key = tok;
    c->args[c->nargs++].val = eq + 1;
  }
  c->tol = (long)arg_int(c, "tol", 0);
  c->atol = arg_double(c, "atol", 0);
  if (getenv("CT_OPS_EXACT")) c->tol = 0, c->atol = 0;   /* show every last-bit difference */
}

/* `def NAME payload` lines: long inputs written once, used as `in @NAME`. */
typedef struct fx_defs {
  int n, cap;
  char **names, **payloads;
} fx_defs;

static const char *def_find(const fx_defs *d, const char *name) {
  for (int i = 0; i < d->n; i++)
    if (strcmp(d->names[i], name) == 0) return d->payloads[i];
  return NULL;
}

static void test_fixture(void) {
  FILE *f = fopen(FIXTURE, "rb");
  CHECK_MSG(f != NULL, "cannot open %s", FIXTURE);
  if (!f) return;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = malloc((size_t)size + 1);
  size_t got = fread(text, 1, (size_t)size, f);
  fclose(f);
  text[got] = '\0';

  ten_set_num_threads(1);   /* the fixture was made with torch.set_num_threads(1) */
  int64_t mem0 = ten_mem_allocated();
  const char *only = getenv("CT_OPS_CASE");   /* run only cases whose name starts with this */
  /* CT_OPS_EXACT=1: ignore the tolerances (tol=, atol=) to list the cases that are not bit-exact */
  fx_stats st = {0, 0};
  fx_case *c = calloc(1, sizeof *c);
  fx_defs defs = {0, 0, NULL, NULL};
  bool open = false, skip = false;
  int lineno = 0;
  for (char *line = text, *next; line && *line; line = next) {
    next = strchr(line, '\n');
    if (next) *next++ = '\0';
    lineno++;
    if (line[0] == '#' || line[0] == '\0') continue;
    if (strncmp(line, "def ", 4) == 0) {
      char *sp = strchr(line + 4, ' ');
      if (!sp) continue;
      *sp = '\0';
      if (defs.n == defs.cap) {
        defs.cap = defs.cap ? 2 * defs.cap : 64;
        defs.names = realloc(defs.names, sizeof(char *) * (size_t)defs.cap);
        defs.payloads = realloc(defs.payloads, sizeof(char *) * (size_t)defs.cap);
      }
      defs.names[defs.n] = line + 4;
      defs.payloads[defs.n++] = sp + 1;
      continue;
    }
    if (strncmp(line, "case ", 5) == 0) {
      if (open && !skip) run_case(c, &st);
      if (open) case_free(c);
      case_begin(c, line, lineno);
      open = true;
      skip = only && strncmp(c->name, only, strlen(only)) != 0;
    } else if (!open || skip) {
      continue;
    } else if (strncmp(line, "in ", 3) == 0 && c->nin < MAX_INS) {
      const char *payload = line[3] == '@' ? def_find(&defs, line + 4) : NULL;
      char *copy = NULL;
      if (payload) {   /* build_input parses in place: work on a copy of the shared payload */
        copy = malloc(strlen(payload) + 4);
        sprintf(copy, "in %s", payload);
      }
      c->in[c->nin] = line[3] == '@' && !payload ? NULL : build_input(c, copy ? copy : line);
      c->nin++;
      free(copy);
    } else if (strncmp(line, "scalar ", 7) == 0 && c->nin < MAX_INS) {
      c->in[c->nin++] = build_scalar(line);
    } else if ((strncmp(line, "out ", 4) == 0 || strncmp(line, "ret ", 4) == 0) && c->nexp < MAX_EXPECT) {
      c->exp[c->nexp++] = line;
    } else if (strncmp(line, "err ", 4) == 0) {
      char *sp = strchr(line + 4, ' ');
      c->err_kind = line + 4;
      c->err_msg = sp ? sp + 1 : "";
      if (sp) *sp = '\0';
    }
  }
  if (open && !skip) run_case(c, &st);
  if (open) case_free(c);
  free(c);
  free(defs.names);
  free(defs.payloads);
  free(text);
  printf("ops_ref: %d of %d cases match PyTorch\n", st.passed, st.cases);
  CHECK(st.cases > 0);
  CHECK_MSG(ten_mem_allocated() == mem0, "tensor memory leaked: %lld bytes", (long long)(ten_mem_allocated() - mem0));
}

int main(int argc, char **argv) {
  /* Matrix products are compared bit for bit, and OpenBLAS picks its kernels per CPU when it is
     loaded; the fixture was made with its Haswell (AVX2) kernels. Pin them (re-exec once). */
  if (!getenv("OPENBLAS_CORETYPE") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    setenv("OPENBLAS_CORETYPE", "Haswell", 1);
    execv("/proc/self/exe", argv);   /* returns only on failure: run with the kernels we have */
  }
  static const check_test tests[] = {
    {"fixture", test_fixture},
    {NULL, NULL},
  };
  return check_run(tests, argc, argv);
}
