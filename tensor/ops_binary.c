/*
** tensor/ops_binary.c — front end of the binary elementwise ops: device check, PyTorch's type
** promotion per op kind (tensor/ops.def), broadcasting, output layout, in-place / out= rules,
** then one backend call. Autograd recording lives above this layer.
*/
#include "tensor/internal.h"

typedef enum { R_PROMOTE, R_TRUEDIV, R_CMP, R_LOGICAL, R_BITWISE } result_kind;

static const struct {
  const char *name;
  result_kind kind;
} binops[] = {
#define TEN_BINOP_X(name, str, result) {str, R_##result},
#include "tensor/ops.def"
};
_Static_assert(sizeof binops / sizeof binops[0] == TEN_BINOP_COUNT, "update ops.def users");

const char *ten_binop_name(ten_binop op) { return op >= 0 && op < TEN_BINOP_COUNT ? binops[op].name : "?"; }

/* compute: dtype the kernel runs in; result: dtype of the output. */
static int binop_types(ten_binop op, ten_tensor *a, ten_tensor *b, ten_scalar alpha,
                       ten_dtype *compute, ten_dtype *result) {
  const ten_tensor *pair[2] = {a, b};
  ten_dtype common = ten_result_type(pair, 2);
  *compute = *result = common;
  switch (binops[op].kind) {
  case R_TRUEDIV:
    if (!ten_dtype_is_float(common)) *compute = *result = ten_default_dtype();
    break;
  case R_CMP:
  case R_LOGICAL:
    *result = TEN_DTYPE_BOOL;
    break;
  case R_BITWISE:
    if (ten_dtype_is_float(common))
      return ten_error_set(TEN_E_RUNTIME, "\"%s_cpu\" not implemented for '%s'", binops[op].name,
                           ten_dtype_scalar_name(common));
    break;
  case R_PROMOTE:
    break;
  }
  if (op == TEN_BINOP_SUB) {
    if (a->dtype == TEN_DTYPE_BOOL && b->dtype == TEN_DTYPE_BOOL)
      return ten_error_set(TEN_E_RUNTIME,
                           "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.");
    if (a->dtype == TEN_DTYPE_BOOL || b->dtype == TEN_DTYPE_BOOL)
      return ten_error_set(TEN_E_RUNTIME,
                           "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
  }
  if (op == TEN_BINOP_ADD || op == TEN_BINOP_SUB) {   /* ATen alpha_check */
    if (alpha.kind == TEN_SCALAR_BOOL && common != TEN_DTYPE_BOOL)
      return ten_error_set(TEN_E_RUNTIME, "Boolean alpha only supported for Boolean results.");
    if (alpha.kind == TEN_SCALAR_FLOAT && !ten_dtype_is_float(common))
      return ten_error_set(TEN_E_RUNTIME, "For integral input tensors, argument alpha must not be a floating point number.");
  }
  return 0;
}

/* Shared body: target NULL = new output; else in-place (target is a) or out=. */
static ten_tensor *binary_run(ten_binop op, ten_tensor *target, bool inplace, ten_tensor *a, ten_tensor *b,
                              ten_scalar alpha) {
  ten_tensor *ins[2] = {a, b};
  ten_device dev;
  ten_dtype compute, result;
  int64_t shape[TEN_MAX_DIMS];
  int ndim;
  if (ten_ew_device(ins, 2, &dev) || binop_types(op, a, b, alpha, &compute, &result) ||
      ten_broadcast_shapes(a->shape, a->ndim, b->shape, b->ndim, shape, &ndim))
    return NULL;
  if (target) {
    const ten_tensor *two[2] = {a, b};
    if (ten_check_mem_overlap(target, two, 2) || ten_ew_check_out(target, shape, ndim, result, inplace)) return NULL;
    if (!inplace && ten_resize_out(target, shape, ndim)) return NULL;
  }
  /* compute into a fresh tensor unless the target can take the result directly */
  bool direct = target && target->dtype == result && ten_same_or_disjoint(target, a) &&
                ten_same_or_disjoint(target, b);
  ten_tensor *out = direct ? target : ten_ew_output(ins, 2, shape, ndim, result);
  if (!out) return NULL;
  if (direct) ten_retain(out);
  ten_tensor *xa = ten_ew_input(a, compute, shape, ndim, dev);
  ten_tensor *xb = xa ? ten_ew_input(b, compute, shape, ndim, dev) : NULL;
  const ten_backend *be = xb ? ten_backend_for(dev) : NULL;
  int rc = be ? be->binary(op, out, xa, xb, ten_scalar_to_double(alpha)) : -1;
  ten_release(xa);
  ten_release(xb);
  if (rc == 0 && target && !direct) rc = ten_copy_(target, out);
  else if (rc == 0 && target) ten_bump_version(target);
  if (rc) {
    ten_release(out);
    return NULL;
  }
  if (target) {
    ten_release(out);
    ten_retain(target);
    return target;
  }
  return out;
}

ten_tensor *ten_binary(ten_binop op, ten_tensor *a, ten_tensor *b, ten_scalar alpha) {
  return binary_run(op, NULL, false, a, b, alpha);
}

int ten_binary_(ten_binop op, ten_tensor *a, ten_tensor *b, ten_scalar alpha) {
  ten_tensor *r = binary_run(op, a, true, a, b, alpha);
  if (!r) return -1;
  ten_release(r);
  return 0;
}

int ten_binary_out(ten_binop op, ten_tensor *out, ten_tensor *a, ten_tensor *b, ten_scalar alpha) {
  ten_tensor *r = binary_run(op, out, false, a, b, alpha);
  if (!r) return -1;
  ten_release(r);
  return 0;
}

ten_tensor *ten_add(ten_tensor *a, ten_tensor *b) { return ten_binary(TEN_BINOP_ADD, a, b, ten_scalar_int(1)); }
ten_tensor *ten_sub(ten_tensor *a, ten_tensor *b) { return ten_binary(TEN_BINOP_SUB, a, b, ten_scalar_int(1)); }
ten_tensor *ten_mul(ten_tensor *a, ten_tensor *b) { return ten_binary(TEN_BINOP_MUL, a, b, ten_scalar_int(1)); }
ten_tensor *ten_div(ten_tensor *a, ten_tensor *b) { return ten_binary(TEN_BINOP_DIV, a, b, ten_scalar_int(1)); }

static ten_tensor *with_scalar(ten_binop op, ten_tensor *a, ten_scalar s) {
  ten_tensor *w = ten_wrap_scalar(s);
  if (!w) return NULL;
  ten_tensor *r = ten_binary(op, a, w, ten_scalar_int(1));
  ten_release(w);
  return r;
}
ten_tensor *ten_add_scalar(ten_tensor *a, ten_scalar b) { return with_scalar(TEN_BINOP_ADD, a, b); }
ten_tensor *ten_mul_scalar(ten_tensor *a, ten_scalar b) { return with_scalar(TEN_BINOP_MUL, a, b); }
