/*
** tensor/cpu/index.c — CPU kernels for gather-like and scatter-like indexing: take/put through
** precomputed element offsets (advanced indexing), index_select, gather, scatter(_add).
** Indices arrive bounds-checked and wrapped by the front end.
*/
#include <string.h>

#include "tensor/cpu/cpu.h"

int cpu_take(ten_tensor *out, const ten_tensor *in, const ten_tensor *offsets) {
  /* out contiguous (numel n), offsets int64 contiguous (n): out[i] = in.storage[in.offset + offsets[i]] */
  int64_t n = ten_numel(out);
  size_t es = ten_dtype_size(in->dtype);
  const char *base = (const char *)in->storage->data + in->offset * (int64_t)es;
  const int64_t *off = ten_data_ptr(offsets);
  char *o = ten_data_ptr(out);
  switch (es) {
  case 1: for (int64_t i = 0; i < n; i++) o[i] = base[off[i]]; break;
  case 4: for (int64_t i = 0; i < n; i++) ((int32_t *)o)[i] = ((const int32_t *)base)[off[i]]; break;
  case 8: for (int64_t i = 0; i < n; i++) ((int64_t *)o)[i] = ((const int64_t *)base)[off[i]]; break;
  default: for (int64_t i = 0; i < n; i++) memcpy(o + i * (int64_t)es, base + off[i] * (int64_t)es, es); break;
  }
  return 0;
}

#define PUT_ACC(T, S)                                                                  \
  static void put_acc_##S(char *base, const int64_t *off, const char *src, int64_t n) { \
    for (int64_t i = 0; i < n; i++) ((T *)base)[off[i]] += ((const T *)src)[i];       \
  }
PUT_ACC(uint8_t, U8)
PUT_ACC(int32_t, I32)
PUT_ACC(int64_t, I64)
PUT_ACC(float, F32)
PUT_ACC(double, F64)

int cpu_put(ten_tensor *dst, const ten_tensor *offsets, const ten_tensor *src, bool accumulate) {
  /* src contiguous, same dtype as dst, numel == offsets numel */
  int64_t n = ten_numel(offsets);
  size_t es = ten_dtype_size(dst->dtype);
  char *base = (char *)dst->storage->data + dst->offset * (int64_t)es;
  const int64_t *off = ten_data_ptr(offsets);
  const char *s = ten_data_ptr(src);
  if (!accumulate) {
    for (int64_t i = 0; i < n; i++) memcpy(base + off[i] * (int64_t)es, s + i * (int64_t)es, es);
    return 0;
  }
  switch (dst->dtype) {
  case TEN_DTYPE_U8: put_acc_U8(base, off, s, n); break;
  case TEN_DTYPE_I32: put_acc_I32(base, off, s, n); break;
  case TEN_DTYPE_I64: put_acc_I64(base, off, s, n); break;
  case TEN_DTYPE_F32: put_acc_F32(base, off, s, n); break;
  case TEN_DTYPE_F64: put_acc_F64(base, off, s, n); break;
  case TEN_DTYPE_BOOL:
    for (int64_t i = 0; i < n; i++) base[off[i]] = base[off[i]] || s[i];
    break;
  default: return ten_error_set(TEN_E_RUNTIME, "put: bad dtype");
  }
  return 0;
}

/* Element offset of the multi-index of linear position `lin` in a tensor of shape/stride. */
static int64_t offset_of(int64_t lin, const int64_t *shape, const int64_t *stride, int ndim, int skip, int64_t *coord_skip) {
  int64_t off = 0;
  for (int d = ndim - 1; d >= 0; d--) {
    int64_t c = lin % shape[d];
    lin /= shape[d];
    if (d == skip) *coord_skip = c;
    else off += c * stride[d];
  }
  return off;
}

int cpu_index_select(ten_tensor *out, const ten_tensor *in, int dim, const ten_tensor *index) {
  /* out[..., i, ...] = in[..., index[i], ...] along dim */
  int64_t n = ten_numel(out);
  size_t es = ten_dtype_size(in->dtype);
  const char *ib = ten_data_ptr(in);
  char *ob = ten_data_ptr(out);
  for (int64_t lin = 0; lin < n; lin++) {
    int64_t c = 0;
    int64_t ooff = offset_of(lin, out->shape, out->stride, out->ndim, -1, &c);
    int64_t ioff = in->ndim ? offset_of(lin, out->shape, in->stride, out->ndim, dim, &c) : 0;
    int64_t j = ten_get_int(index, c);
    if (in->ndim) ioff += j * in->stride[dim];
    memcpy(ob + ooff * (int64_t)es, ib + ioff * (int64_t)es, es);
  }
  return 0;
}

int cpu_gather(ten_tensor *out, const ten_tensor *in, int dim, const ten_tensor *index) {
  /* out has index's shape: out[p] = in[p with p[dim] := index[p]] */
  int64_t n = ten_numel(out);
  size_t es = ten_dtype_size(in->dtype);
  const char *ib = ten_data_ptr(in);
  char *ob = ten_data_ptr(out);
  const char *xb = ten_data_ptr(index);
  for (int64_t lin = 0; lin < n; lin++) {
    int64_t c = 0;
    int64_t ooff = offset_of(lin, out->shape, out->stride, out->ndim, -1, &c);
    int64_t xoff = offset_of(lin, index->shape, index->stride, index->ndim, -1, &c);
    int64_t ioff = offset_of(lin, index->shape, in->stride, in->ndim, dim, &c);
    int64_t j = *(const int64_t *)(xb + xoff * 8);
    memcpy(ob + ooff * (int64_t)es, ib + (ioff + j * in->stride[dim]) * (int64_t)es, es);
  }
  return 0;
}

int cpu_scatter(ten_tensor *out, int dim, const ten_tensor *index, const ten_tensor *src, bool accumulate) {
  /* out[p with p[dim] := index[p]] (+)= src[p] for p over index's shape; src same dtype */
  int64_t n = ten_numel(index);
  size_t es = ten_dtype_size(out->dtype);
  char *ob = ten_data_ptr(out);
  const char *sb = ten_data_ptr(src);
  const char *xb = ten_data_ptr(index);
  for (int64_t lin = 0; lin < n; lin++) {
    int64_t c = 0;
    int64_t xoff = offset_of(lin, index->shape, index->stride, index->ndim, -1, &c);
    int64_t soff = offset_of(lin, index->shape, src->stride, src->ndim, -1, &c);
    int64_t ooff = offset_of(lin, index->shape, out->stride, out->ndim, dim, &c);
    int64_t j = *(const int64_t *)(xb + xoff * 8);
    char *dst = ob + (ooff + j * out->stride[dim]) * (int64_t)es;
    const char *s = sb + soff * (int64_t)es;
    if (!accumulate) {
      memcpy(dst, s, es);
      continue;
    }
    switch (out->dtype) {
    case TEN_DTYPE_F32: *(float *)dst += *(const float *)s; break;
    case TEN_DTYPE_F64: *(double *)dst += *(const double *)s; break;
    case TEN_DTYPE_I64: *(int64_t *)dst += *(const int64_t *)s; break;
    case TEN_DTYPE_I32: *(int32_t *)dst += *(const int32_t *)s; break;
    case TEN_DTYPE_U8: *(uint8_t *)dst += *(const uint8_t *)s; break;
    default: *(bool *)dst = *(bool *)dst || *(const bool *)s; break;
    }
  }
  return 0;
}
