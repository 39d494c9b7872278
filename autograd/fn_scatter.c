/*
** autograd/fn_scatter.c — scatter (a source tensor or a value), scatter_add and index_add, out of
** place and in place, as learners write them (one-hot targets: zeros(10).scatter_(0, y, value=1)).
** Formulas as PyTorch's: the scattered-over places of self get no gradient (scatter) or all of it
** (scatter_add, index_add); the source gets the gradient gathered (index_select-ed) back.
*/
#include "autograd/internal.h"

/* n->flags: which op; n->p[0]: dim (wrapped); n->s[0]: alpha (index_add). Saved 0: index. */
enum { SC_SRC, SC_VALUE, SC_ADD, SC_INDEX_ADD };

static int scatter_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  ten_tensor *index = ag_unpack(n, 0), *g = gout[0];
  if (!index) return -1;
  int rc = 0;
  if (ag_should_compute(n, 0)) {
    if (n->flags == SC_SRC || n->flags == SC_VALUE) gin[0] = ag_scatter_value(g, n->p[0], index, ten_scalar_int(0));
    else gin[0] = (ten_retain(g), g);
    if (!gin[0]) rc = -1;
  }
  if (rc == 0 && n->n_next > 1 && ag_should_compute(n, 1)) {
    if (n->flags == SC_INDEX_ADD) {
      ten_tensor *s = ag_index_select(g, n->p[0], index);
      gin[1] = s && n->s[0] != 1.0 ? ag_mul_s(s, n->s[0]) : s;
      if (gin[1] != s) ten_release(s);
    } else {
      gin[1] = ag_gather(g, n->p[0], index);
    }
    if (!gin[1]) rc = -1;
  }
  ten_release(index);
  return rc;
}

static const char *scatter_name(int kind) {
  switch (kind) {
  case SC_SRC: return "ScatterBackward0";
  case SC_VALUE: return "ScatterBackward1";
  case SC_ADD: return "ScatterAddBackward0";
  default: return "IndexAddBackward0";
  }
}

static void scatter_params(ag_node *n, int kind, const ten_tensor *t, int64_t dim, ten_tensor *index, double alpha) {
  int d = 0;
  if (t->ndim) ten_wrap_dim(dim, t->ndim, &d);
  n->flags = kind;
  n->p[0] = d;
  n->s[0] = alpha;
  ag_save(n, 0, index, false);
}

/* Records y = op(t, src) (src NULL for the value form). */
static ten_tensor *record(ten_tensor *y, int kind, ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src,
                          double alpha) {
  ten_tensor *ins[2] = {t, src};
  int k = src ? 2 : 1;
  if (!y || !ag_needs_any(ins, k) || !ten_dtype_is_float(y->dtype)) return y;
  ag_node *n = ag_record(&y, scatter_name(kind), scatter_backward, ins, k, 1);
  if (n) scatter_params(n, kind, t, dim, index, alpha);
  return y;
}

/* The in-place form: t written by write(), history rebased. */
static int record_(int kind, ten_tensor *t, int64_t dim, ten_tensor *index, double alpha, int rc_write, ag_node *n) {
  if (n && rc_write == 0) scatter_params(n, kind, t, dim, index, alpha);
  return ag_inplace_end(t, n, rc_write);
}

static int begin_(int kind, ten_tensor *t, ten_tensor *src, ag_node **n) {
  ten_tensor *ins[2] = {t, src};
  if (!ten_dtype_is_float(t->dtype)) {
    *n = NULL;
    return ag_check_inplace(t);
  }
  return ag_inplace_begin(t, ins, src ? 2 : 1, scatter_name(kind), scatter_backward, 1, n);
}

ten_tensor *ag_scatter(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src) {
  return record(ten_scatter(t, dim, index, src), SC_SRC, t, dim, index, src, 1.0);
}

int ag_scatter_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src) {
  ag_node *n;
  if (begin_(SC_SRC, t, src, &n)) return -1;
  return record_(SC_SRC, t, dim, index, 1.0, ten_scatter_(t, dim, index, src), n);
}

ten_tensor *ag_scatter_value(ten_tensor *t, int64_t dim, ten_tensor *index, ten_scalar value) {
  return record(ten_scatter_value(t, dim, index, value), SC_VALUE, t, dim, index, NULL, 1.0);
}

int ag_scatter_value_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_scalar value) {
  ag_node *n;
  if (begin_(SC_VALUE, t, NULL, &n)) return -1;
  return record_(SC_VALUE, t, dim, index, 1.0, ten_scatter_value_(t, dim, index, value), n);
}

ten_tensor *ag_scatter_add(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src) {
  return record(ten_scatter_add(t, dim, index, src), SC_ADD, t, dim, index, src, 1.0);
}

int ag_scatter_add_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src) {
  ag_node *n;
  if (begin_(SC_ADD, t, src, &n)) return -1;
  return record_(SC_ADD, t, dim, index, 1.0, ten_scatter_add_(t, dim, index, src), n);
}

ten_tensor *ag_index_add(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src, ten_scalar alpha) {
  return record(ten_index_add(t, dim, index, src, alpha), SC_INDEX_ADD, t, dim, index, src, ten_scalar_to_double(alpha));
}

int ag_index_add_(ten_tensor *t, int64_t dim, ten_tensor *index, ten_tensor *src, ten_scalar alpha) {
  ag_node *n;
  if (begin_(SC_INDEX_ADD, t, src, &n)) return -1;
  return record_(SC_INDEX_ADD, t, dim, index, ten_scalar_to_double(alpha), ten_index_add_(t, dim, index, src, alpha), n);
}
