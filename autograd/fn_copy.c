/*
** autograd/fn_copy.c — copies, casts and overwrites: copy_ (CopyBackwards), fill_/zero_ and other
** writes that forget the old value, clone/contiguous (CloneBackward0), dtype and device casts
** (ToCopyBackward0). The engine casts and reduces the gradients back to each input.
*/
#include "autograd/internal.h"

static int identity_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  (void)n;
  ten_retain(gout[0]);
  gin[0] = gout[0];
  return 0;
}

/* The old value of an overwritten tensor gets a zero gradient. */
static int overwrite_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  (void)n;
  gin[0] = ten_zeros_like(gout[0]);
  return gin[0] ? 0 : -1;
}

/* CopyBackwards: self (the old dst) gets zeros, src gets the gradient (reduced to its shape). */
static int copy_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  if (ag_should_compute(n, 0) && !(gin[0] = ten_zeros_like(gout[0]))) return -1;
  if (ag_should_compute(n, 1)) {
    ten_retain(gout[0]);
    gin[1] = gout[0];
  }
  return 0;
}

int ag_copy_(ten_tensor *dst, ten_tensor *src) {
  ten_tensor *ins[2] = {dst, src};
  ag_node *n;
  if (ag_inplace_begin(dst, ins, 2, "CopyBackwards", copy_backward, 0, &n)) return -1;
  return ag_inplace_end(dst, n, ten_copy_(dst, src));
}

int ag_overwrite_begin(ten_tensor *t, const char *name, ag_node **node) {
  return ag_inplace_begin(t, &t, 1, name, overwrite_backward, 0, node);
}

int ag_overwrite_end(ten_tensor *t, ag_node *node, int rc) { return ag_inplace_end(t, node, rc); }

int ag_fill_(ten_tensor *t, ten_scalar value) {
  ag_node *n;
  if (ag_overwrite_begin(t, "FillBackward0", &n)) return -1;
  return ag_inplace_end(t, n, ten_fill_(t, value));
}

int ag_zero_(ten_tensor *t) {
  ag_node *n;
  if (ag_overwrite_begin(t, "ZeroBackward0", &n)) return -1;
  return ag_inplace_end(t, n, ten_zero_(t));
}

static ten_tensor *record_identity(ten_tensor *y, ten_tensor *t, const char *name) {
  if (!y || y == t || !ag_needs(t)) return y;
  ag_record(&y, name, identity_backward, &t, 1, 0);
  return y;
}

ten_tensor *ag_clone(ten_tensor *t) { return record_identity(ten_clone(t), t, "CloneBackward0"); }
ten_tensor *ag_contiguous(ten_tensor *t) { return record_identity(ten_contiguous(t), t, "CloneBackward0"); }
ten_tensor *ag_to_dtype(ten_tensor *t, ten_dtype dt, bool copy) {
  ten_tensor *y = ten_to_dtype(t, dt, copy);
  /* an integer result cannot carry a gradient */
  if (y && y != t && !ten_dtype_is_float(y->dtype)) return y;
  return record_identity(y, t, "ToCopyBackward0");
}
ten_tensor *ag_to_device(ten_tensor *t, ten_device dev, bool copy) {
  return record_identity(ten_to_device(t, dev, copy), t, "ToCopyBackward0");
}
