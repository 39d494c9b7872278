/*
** tensor/ops_matmul.c — front end of the matrix products: mm, bmm, mv, dot, outer, addmm and
** matmul's dispatch by rank (dot, mv, mm, folded mm, broadcast batched bmm), with PyTorch's
** shape and dtype error texts.
*/
#include <string.h>

#include "tensor/internal.h"

static int same_dtype(const ten_tensor *a, const ten_tensor *b) {
  if (a->dtype != b->dtype)
    return ten_error_set(TEN_E_RUNTIME, "expected scalar type %s but found %s", ten_dtype_scalar_name(a->dtype),
                         ten_dtype_scalar_name(b->dtype));
  return 0;
}

static int same_device2(const ten_tensor *a, const ten_tensor *b) {
  const ten_tensor *two[2] = {a, b};
  return ten_check_same_device(two, 2);
}

/* 3-D view (1, r, c) of a 2-D tensor. */
static ten_tensor *as3(ten_tensor *t) {
  int64_t shape[3] = {1, t->shape[0], t->shape[1]};
  int64_t stride[3] = {0, t->stride[0], t->stride[1]};
  return ten_from_storage(t->storage, t->dtype, t->offset, shape, stride, 3);
}

/* c3 = beta*c3 + alpha*a3@b3 through the backend. */
static int gemm3(ten_tensor *c3, ten_tensor *a3, ten_tensor *b3, double beta, double alpha, bool bmm) {
  const ten_backend *be = ten_backend_for(c3->storage->device);
  return be ? be->gemm(c3, a3, b3, beta, alpha, bmm) : -1;
}

static int check_mm_shapes(const ten_tensor *a, const ten_tensor *b) {
  if (a->shape[1] != b->shape[0])
    return ten_error_set(TEN_E_RUNTIME, "mat1 and mat2 shapes cannot be multiplied (%lldx%lld and %lldx%lld)",
                         (long long)a->shape[0], (long long)a->shape[1], (long long)b->shape[0], (long long)b->shape[1]);
  return 0;
}

ten_tensor *ten_addmm(ten_tensor *input, ten_tensor *m1, ten_tensor *m2, ten_scalar beta, ten_scalar alpha) {
  /* ATen's meta function checks the dtypes first, then the ranks and shapes */
  if (input && input->dtype != m2->dtype) {
    ten_error_set(TEN_E_RUNTIME, "self and mat2 must have the same dtype");
    return NULL;
  }
  if (m1->dtype != m2->dtype) {
    ten_error_set(TEN_E_RUNTIME, "mat1 and mat2 must have the same dtype");
    return NULL;
  }
  if (m1->ndim != 2) {
    ten_error_set(TEN_E_RUNTIME, "mat1 must be a matrix, got %d-D tensor", m1->ndim);
    return NULL;
  }
  if (m2->ndim != 2) {
    ten_error_set(TEN_E_RUNTIME, "mat2 must be a matrix, got %d-D tensor", m2->ndim);
    return NULL;
  }
  if (same_device2(m1, m2) || (input && same_device2(input, m1)) || check_mm_shapes(m1, m2)) return NULL;
  int64_t shape[2] = {m1->shape[0], m2->shape[1]};
  ten_tensor *in2 = input ? ten_expand(input, shape, 2) : NULL;   /* expand's error text */
  if (input && !in2) return NULL;
  ten_tensor *out = ten_empty_on(shape, 2, m1->dtype, m1->storage->device);
  double b = input ? ten_scalar_to_double(beta) : 0;
  if (!out || (in2 && b != 0 && ten_copy_(out, in2))) {
    ten_release(in2);
    ten_release(out);
    return NULL;
  }
  ten_release(in2);
  ten_tensor *c3 = as3(out), *a3 = as3(m1), *b3 = as3(m2);
  int rc = c3 && a3 && b3 ? gemm3(c3, a3, b3, b, ten_scalar_to_double(alpha), false) : -1;
  ten_release(c3);
  ten_release(a3);
  ten_release(b3);
  if (rc) {
    ten_release(out);
    return NULL;
  }
  out->storage->version = 0;
  return out;
}

ten_tensor *ten_mm(ten_tensor *a, ten_tensor *b) {
  if (a->ndim != 2) {
    ten_error_set(TEN_E_RUNTIME, "self must be a matrix");
    return NULL;
  }
  if (b->ndim != 2) {
    ten_error_set(TEN_E_RUNTIME, "mat2 must be a matrix");
    return NULL;
  }
  if (check_mm_shapes(a, b) || same_dtype(a, b)) return NULL;
  return ten_addmm(NULL, a, b, ten_scalar_int(0), ten_scalar_int(1));
}

ten_tensor *ten_bmm(ten_tensor *a, ten_tensor *b) {
  if (a->ndim != 3) {
    ten_error_set(TEN_E_RUNTIME, "batch1 must be a 3D tensor");
    return NULL;
  }
  if (b->ndim != 3) {
    ten_error_set(TEN_E_RUNTIME, "batch2 must be a 3D tensor");
    return NULL;
  }
  if (same_device2(a, b)) return NULL;
  if (b->shape[0] != a->shape[0] || b->shape[1] != a->shape[2]) {
    ten_error_set(TEN_E_RUNTIME,
                  "Expected size for first two dimensions of batch2 tensor to be: [%lld, %lld] but got: [%lld, %lld].",
                  (long long)a->shape[0], (long long)a->shape[2], (long long)b->shape[0], (long long)b->shape[1]);
    return NULL;
  }
  if (same_dtype(a, b)) return NULL;
  int64_t shape[3] = {a->shape[0], a->shape[1], b->shape[2]};
  ten_tensor *out = ten_empty_on(shape, 3, a->dtype, a->storage->device);
  if (out && gemm3(out, a, b, 0, 1, true)) {
    ten_release(out);
    return NULL;
  }
  return out;
}

ten_tensor *ten_mv(ten_tensor *a, ten_tensor *v) {
  if (a->ndim != 2 || v->ndim != 1) {
    ten_error_set(TEN_E_RUNTIME, "vector + matrix @ vector expected, got 1, %d, %d", a->ndim, v->ndim);
    return NULL;
  }
  if (same_device2(a, v)) return NULL;
  if (a->shape[1] != v->shape[0]) {
    ten_error_set(TEN_E_RUNTIME, "size mismatch, got %lld, %lldx%lld,%lld", (long long)a->shape[0],
                  (long long)a->shape[0], (long long)a->shape[1], (long long)v->shape[0]);
    return NULL;
  }
  if (same_dtype(a, v)) return NULL;
  ten_tensor *out = ten_empty_on(&a->shape[0], 1, a->dtype, a->storage->device);
  const ten_backend *be = out ? ten_backend_for(a->storage->device) : NULL;
  if (!be || be->gemv(out, a, v, 0, 1)) {
    ten_release(out);
    return NULL;
  }
  return out;
}

ten_tensor *ten_dot(ten_tensor *a, ten_tensor *b) {
  if (a->ndim != 1 || b->ndim != 1) {
    ten_error_set(TEN_E_RUNTIME, "1D tensors expected, but got %dD and %dD tensors", a->ndim, b->ndim);
    return NULL;
  }
  if (same_device2(a, b)) return NULL;
  if (a->dtype != b->dtype) {
    ten_error_set(TEN_E_RUNTIME, "dot : expected both vectors to have same dtype, but found %s and %s",
                  ten_dtype_scalar_name(a->dtype), ten_dtype_scalar_name(b->dtype));
    return NULL;
  }
  if (a->shape[0] != b->shape[0]) {
    ten_error_set(TEN_E_RUNTIME,
                  "inconsistent tensor size, expected tensor [%lld] and src [%lld] to have the same number of elements, but got %lld and %lld elements respectively",
                  (long long)a->shape[0], (long long)b->shape[0], (long long)a->shape[0], (long long)b->shape[0]);
    return NULL;
  }
  ten_tensor *out = ten_empty_on(NULL, 0, a->dtype, a->storage->device);
  const ten_backend *be = out ? ten_backend_for(a->storage->device) : NULL;
  if (!be || be->dot(out, a, b)) {
    ten_release(out);
    return NULL;
  }
  return out;
}

ten_tensor *ten_outer(ten_tensor *a, ten_tensor *b) {
  if (a->ndim != 1 || b->ndim != 1) {
    ten_error_set(TEN_E_RUNTIME, "outer: Expected 1-D argument self, but got %d-D", a->ndim != 1 ? a->ndim : b->ndim);
    return NULL;
  }
  ten_tensor *col = ten_unsqueeze(a, 1);
  ten_tensor *r = col ? ten_mul(col, b) : NULL;
  ten_release(col);
  return r;
}

/* Batched matmul with broadcast batch dims: a (..., n, m) @ b (..., m, p). */
static ten_tensor *matmul_batched(ten_tensor *a, ten_tensor *b) {
  int na = a->ndim, nb = b->ndim;
  bool a_vec = na == 1, b_vec = nb == 1;
  ten_tensor *a2 = a_vec ? ten_unsqueeze(a, 0) : ten_alias(a);
  ten_tensor *b2 = b_vec ? ten_unsqueeze(b, 1) : ten_alias(b);
  ten_tensor *out = NULL, *ae = NULL, *be = NULL, *a3 = NULL, *b3 = NULL, *o3 = NULL;
  if (!a2 || !b2) goto done;
  int64_t n = a2->shape[a2->ndim - 2], m = a2->shape[a2->ndim - 1];
  int64_t m2 = b2->shape[b2->ndim - 2], p = b2->shape[b2->ndim - 1];
  int64_t batch[TEN_MAX_DIMS];
  int nbatch;
  if (ten_broadcast_shapes(a2->shape, a2->ndim - 2, b2->shape, b2->ndim - 2, batch, &nbatch)) goto done;
  int64_t bprod = ten_shape_numel(batch, nbatch);
  int64_t ashape[TEN_MAX_DIMS], bshape[TEN_MAX_DIMS];
  for (int i = 0; i < nbatch; i++) ashape[i] = bshape[i] = batch[i];
  ashape[nbatch] = n;
  ashape[nbatch + 1] = m;
  bshape[nbatch] = m2;
  bshape[nbatch + 1] = p;
  ae = ten_expand(a2, ashape, nbatch + 2);
  be = ae ? ten_expand(b2, bshape, nbatch + 2) : NULL;
  if (!be) goto done;
  int64_t a3s[3] = {bprod, n, m}, b3s[3] = {bprod, m2, p};
  a3 = ten_reshape(ae, a3s, 3);
  b3 = a3 ? ten_reshape(be, b3s, 3) : NULL;
  if (!b3) goto done;
  o3 = ten_bmm(a3, b3);
  if (!o3) goto done;
  /* final shape: batch dims, then n (unless a was 1-D), then p (unless b was 1-D) */
  int64_t oshape[TEN_MAX_DIMS];
  int no = nbatch;
  for (int i = 0; i < nbatch; i++) oshape[i] = batch[i];
  if (!a_vec) oshape[no++] = n;
  if (!b_vec) oshape[no++] = p;
  out = ten_view(o3, oshape, no);
done:
  ten_release(a2);
  ten_release(b2);
  ten_release(ae);
  ten_release(be);
  ten_release(a3);
  ten_release(b3);
  ten_release(o3);
  return out;
}

/* ATen 1.13 should_fold: an N-D operand (N >= 3) times a 1-D/2-D one is folded into one mm/mv,
   except a 3-D times a matrix whose last two dims are transposed over a contiguous batch (bmm). */
static bool should_fold(const ten_tensor *t, int other_ndim) {
  if (t->ndim < 3 || other_ndim > 2) return false;
  return !(t->ndim == 3 && other_ndim == 2 && t->stride[2] != 1 && t->stride[0] == t->shape[1] * t->shape[2]);
}

ten_tensor *ten_matmul(ten_tensor *a, ten_tensor *b) {
  int na = a->ndim, nb = b->ndim;
  if (na == 0 || nb == 0) {
    ten_error_set(TEN_E_RUNTIME, "both arguments to matmul need to be at least 1D, but they are %dD and %dD", na, nb);
    return NULL;
  }
  if (na == 1 && nb == 1) return ten_dot(a, b);
  if (na == 2 && nb == 1) return ten_mv(a, b);
  if (na == 1 && nb == 2) {
    ten_tensor *row = ten_unsqueeze(a, 0);
    ten_tensor *r = row ? ten_mm(row, b) : NULL;
    ten_release(row);
    if (!r) return NULL;
    ten_tensor *s = ten_squeeze_dim(r, 0);
    ten_release(r);
    return s;
  }
  if (na == 2 && nb == 2) return ten_mm(a, b);
  if (should_fold(a, nb) || should_fold(b, na)) {
    /* fold the N-D operand's leading dims into rows: one mm (or mv) on (rows, k); when the N-D
       operand is on the right, fold its transpose and transpose the result back (contiguous) */
    bool transpose = nb > na;
    ten_tensor *t1 = transpose ? ten_transpose(b, -1, -2) : ten_alias(a);
    ten_tensor *t2 = !t1 ? NULL : !transpose ? ten_alias(b) : na == 2 ? ten_t(a) : ten_alias(a);
    if (!t2) {
      ten_release(t1);
      return NULL;
    }
    int64_t oshape[TEN_MAX_DIMS];
    int no = t1->ndim - 1;
    memcpy(oshape, t1->shape, sizeof(int64_t) * (size_t)no);
    int64_t fold[2] = {ten_shape_numel(t1->shape, no), t1->shape[no]};
    ten_tensor *f = ten_reshape(t1, fold, 2);
    ten_tensor *r = !f ? NULL : t2->ndim == 2 ? ten_mm(f, t2) : ten_mv(f, t2);
    if (t2->ndim == 2) oshape[no++] = t2->shape[1];
    ten_tensor *v = r ? ten_view(r, oshape, no) : NULL, *out = v;
    if (v && transpose && t2->ndim == 2) {
      ten_tensor *vt = ten_transpose(v, -1, -2);
      out = vt ? ten_contiguous(vt) : NULL;
      ten_release(vt);
      ten_release(v);
    }
    ten_release(t1);
    ten_release(t2);
    ten_release(f);
    ten_release(r);
    return out;
  }
  return matmul_batched(a, b);
}
