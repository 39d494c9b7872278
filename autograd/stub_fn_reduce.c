/* TEMPORARY development stand-in until fn_reduce.c lands: forwards without recording. */
#include "autograd/internal.h"
ten_tensor *ag_sum(ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt) { return ten_sum(t, dims, n, keepdim, dt); }
ten_tensor *ag_mean(ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt) { return ten_mean(t, dims, n, keepdim, dt); }
ten_tensor *ag_prod(ten_tensor *t, const int64_t *dims, int n, bool keepdim, ten_dtype dt) { return ten_prod(t, dims, n, keepdim, dt); }
ten_tensor *ag_var(ten_tensor *t, const int64_t *dims, int n, int64_t c, bool keepdim) { return ten_var(t, dims, n, c, keepdim); }
ten_tensor *ag_std(ten_tensor *t, const int64_t *dims, int n, int64_t c, bool keepdim) { return ten_std(t, dims, n, c, keepdim); }
ten_tensor *ag_norm(ten_tensor *t, double p, const int64_t *dims, int n, bool keepdim) { return ten_norm(t, p, dims, n, keepdim); }
ten_tensor *ag_amax(ten_tensor *t, const int64_t *dims, int n, bool keepdim) { return ten_amax(t, dims, n, keepdim); }
ten_tensor *ag_amin(ten_tensor *t, const int64_t *dims, int n, bool keepdim) { return ten_amin(t, dims, n, keepdim); }
ten_tensor *ag_logsumexp(ten_tensor *t, const int64_t *dims, int n, bool keepdim) { return ten_logsumexp(t, dims, n, keepdim); }
ten_tensor *ag_max_all(ten_tensor *t) { return ten_max_all(t); }
ten_tensor *ag_min_all(ten_tensor *t) { return ten_min_all(t); }
int ag_max_dim(ten_tensor *t, int64_t dim, bool keepdim, ten_tensor **v, ten_tensor **i) { return ten_max_dim(t, dim, keepdim, v, i); }
int ag_min_dim(ten_tensor *t, int64_t dim, bool keepdim, ten_tensor **v, ten_tensor **i) { return ten_min_dim(t, dim, keepdim, v, i); }
ten_tensor *ag_cumsum(ten_tensor *t, int64_t dim, ten_dtype dt) { return ten_cumsum(t, dim, dt); }
ten_tensor *ag_cumprod(ten_tensor *t, int64_t dim, ten_dtype dt) { return ten_cumprod(t, dim, dt); }
ten_tensor *ag_softmax(ten_tensor *t, int64_t dim, ten_dtype dt) { return ten_softmax(t, dim, dt); }
ten_tensor *ag_log_softmax(ten_tensor *t, int64_t dim, ten_dtype dt) { return ten_log_softmax(t, dim, dt); }
int ag_sort(ten_tensor *t, int64_t dim, bool d, ten_tensor **v, ten_tensor **i) { return ten_sort(t, dim, d, v, i); }
int ag_topk(ten_tensor *t, int64_t k, int64_t dim, bool l, bool s, ten_tensor **v, ten_tensor **i) { return ten_topk(t, k, dim, l, s, v, i); }
