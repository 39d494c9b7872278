/*
** nn/embedding.c — torch.embedding (rows of the weight gathered by index) and its dense backward
** (embedding_dense_backward_cpu: rows of the gradient added into a zero table in index order,
** padding_idx skipped, optional 1/count scaling).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "nn/internal.h"

static int check_indices(const ten_tensor *indices, int argno, const char *fn) {
  if (indices->dtype == TEN_DTYPE_I64 || indices->dtype == TEN_DTYPE_I32) return 0;
  char type[64];
  snprintf(type, sizeof type, "torch.%s", ten_dtype_tensor_type(indices->dtype));
  return ten_error_set(TEN_E_RUNTIME,
                       "Expected tensor for argument #%d 'indices' to have one of the following scalar types: Long, Int; but got %s instead (while checking arguments for %s)",
                       argno, type, fn);
}

ten_tensor *nn_embedding(ten_tensor *weight, ten_tensor *indices) {
  if (nn_check_cpu(weight, "embedding")) return NULL;
  if (weight->ndim != 2) {
    ten_error_set(TEN_E_RUNTIME, "'weight' must be 2-D");
    return NULL;
  }
  if (check_indices(indices, 1, "embedding")) return NULL;
  if (indices->ndim == 1) return ten_index_select(weight, 0, indices);
  int64_t flat = -1, shape[TEN_MAX_DIMS];
  if (indices->ndim + 1 > TEN_MAX_DIMS) {
    ten_error_set(TEN_E_RUNTIME, "embedding: too many dimensions");
    return NULL;
  }
  ten_tensor *f = ten_reshape(indices, &flat, 1);
  ten_tensor *r = f ? ten_index_select(weight, 0, f) : NULL;
  ten_release(f);
  if (!r) return NULL;
  for (int i = 0; i < indices->ndim; i++) shape[i] = indices->shape[i];
  shape[indices->ndim] = weight->shape[1];
  ten_tensor *v = ten_view(r, shape, indices->ndim + 1);
  ten_release(r);
  return v;
}

#define FMA_f32 fmaf
#define FMA_f64 fma

#define EMB_BACKWARD(T, S)                                                                    \
  static void emb_backward_##S(const T *g, const int64_t *idx, int64_t n, int64_t D, T *gw, int64_t padding_idx, \
                               const int64_t *counts) {                                       \
    for (int64_t i = 0; i < n; i++) {                                                         \
      int64_t k = idx[i];                                                                     \
      if (k == padding_idx) continue;                                                         \
      T *row = gw + k * D;                                                                    \
      const T *src = g + i * D;                                                               \
      if (counts) {                                                                           \
        T scale = (T)(1.0 / (double)counts[k]);                                               \
        for (int64_t j = 0; j < D; j++) row[j] = FMA_##S(src[j], scale, row[j]);  /* vec::fmadd */ \
      } else {                                                                                \
        for (int64_t j = 0; j < D; j++) row[j] = row[j] + src[j];                             \
      }                                                                                       \
    }                                                                                         \
  }
EMB_BACKWARD(float, f32)
EMB_BACKWARD(double, f64)

ten_tensor *nn_embedding_backward(ten_tensor *grad, ten_tensor *indices, int64_t num_weights, int64_t padding_idx,
                                  bool scale_grad_by_freq) {
  if (nn_check_cpu(grad, "embedding_backward")) return NULL;
  if (check_indices(indices, 2, "embedding_backward") || nn_check_float(grad, "embedding_backward")) return NULL;
  int64_t D = grad->ndim ? grad->shape[grad->ndim - 1] : 1, n = ten_numel(indices);
  if (ten_numel(grad) != n * D) {
    ten_error_set(TEN_E_RUNTIME, "embedding_backward: grad has %lld elements, expected %lld", (long long)ten_numel(grad),
                  (long long)(n * D));
    return NULL;
  }
  ten_tensor *ix = ten_to_dtype(indices, TEN_DTYPE_I64, false), *ixc = ix ? ten_contiguous(ix) : NULL;
  ten_tensor *gc = ixc ? ten_contiguous(grad) : NULL;
  int64_t shape[2] = {num_weights, D};
  ten_tensor *gw = gc ? ten_zeros(shape, 2, grad->dtype, TEN_CPU) : NULL;
  int64_t *counts = NULL;
  if (gw) {
    const int64_t *id = ten_data_ptr(ixc);
    for (int64_t i = 0; i < n; i++)
      if (id[i] < 0 || id[i] >= num_weights) {
        ten_error_set(TEN_E_INDEX, "index out of range in self");
        goto fail;
      }
    if (scale_grad_by_freq) {
      counts = calloc((size_t)(num_weights > 0 ? num_weights : 1), sizeof(int64_t));
      if (!counts) {
        ten_error_set(TEN_E_NOMEM, "embedding_backward: out of memory");
        goto fail;
      }
      for (int64_t i = 0; i < n; i++) counts[id[i]]++;
    }
    if (grad->dtype == TEN_DTYPE_F32) emb_backward_f32(ten_data_ptr(gc), id, n, D, ten_data_ptr(gw), padding_idx, counts);
    else emb_backward_f64(ten_data_ptr(gc), id, n, D, ten_data_ptr(gw), padding_idx, counts);
  }
  free(counts);
  ten_release(ix);
  ten_release(ixc);
  ten_release(gc);
  return gw;
fail:
  ten_release(ix);
  ten_release(ixc);
  ten_release(gc);
  ten_release(gw);
  return NULL;
}
