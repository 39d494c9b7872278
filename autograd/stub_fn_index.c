/* TEMPORARY development stand-in until fn_index.c lands: forwards without recording. */
#include "autograd/internal.h"
ten_tensor *ag_cat(ten_tensor *const *ts, int n, int64_t dim) { return ten_cat(ts, n, dim); }
ten_tensor *ag_stack(ten_tensor *const *ts, int n, int64_t dim) { return ten_stack(ts, n, dim); }
ten_tensor *ag_index_get(ten_tensor *t, const ten_index *idx, int n) { return ten_index_get(t, idx, n); }
int ag_index_put(ten_tensor *t, const ten_index *idx, int n, ten_tensor *value) { return ten_index_put(t, idx, n, value); }
ten_tensor *ag_index_select(ten_tensor *t, int64_t dim, ten_tensor *index) { return ten_index_select(t, dim, index); }
ten_tensor *ag_gather(ten_tensor *t, int64_t dim, ten_tensor *index) { return ten_gather(t, dim, index); }
ten_tensor *ag_masked_select(ten_tensor *t, ten_tensor *mask) { return ten_masked_select(t, mask); }
ten_tensor *ag_tril(ten_tensor *t, int64_t d) { return ten_tril(t, d); }
ten_tensor *ag_triu(ten_tensor *t, int64_t d) { return ten_triu(t, d); }
ten_tensor *ag_flip(ten_tensor *t, const int64_t *dims, int n) { return ten_flip(t, dims, n); }
ten_tensor *ag_repeat(ten_tensor *t, const int64_t *r, int n) { return ten_repeat(t, r, n); }
