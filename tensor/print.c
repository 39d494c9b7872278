/*
** tensor/print.c — repr(tensor) byte for byte as PyTorch 1.13 prints it (torch/_tensor_str.py,
** rules in pytorch-parity.md §1.1), the print options, and Python's repr(float) for .item().
** Pure formatting: reads element values, never changes a tensor.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tensor/internal.h"

static ten_print_options print_opts = {4, 1000, 3, 80, -1};

void ten_print_options_get(ten_print_options *o) { *o = print_opts; }
void ten_print_options_set(const ten_print_options *o) { print_opts = *o; }

/* Edge items kept per dim when summarizing (negative values act as 0). */
static int64_t edgeitems(void) { return print_opts.edgeitems > 0 ? print_opts.edgeitems : 0; }

/* ---- growable string ---- */

typedef struct sbuf {
  char *p;              /* NUL-terminated while !oom */
  size_t len, cap;
  bool oom;             /* an allocation failed; everything after is dropped */
} sbuf;

static bool sb_reserve(sbuf *b, size_t extra) {
  if (b->oom) return false;
  if (b->len + extra + 1 <= b->cap) return true;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + extra + 1) cap *= 2;
  char *p = b->p ? realloc(b->p, cap) : ten_malloc(cap);
  if (!p) {
    if (b->p) ten_error_set(TEN_E_NOMEM, "out of memory formatting a tensor");
    b->oom = true;
    return false;
  }
  b->p = p;
  b->cap = cap;
  return true;
}

static void sb_putn(sbuf *b, const char *s, size_t n) {
  if (!sb_reserve(b, n)) return;
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

static void sb_puts(sbuf *b, const char *s) { sb_putn(b, s, strlen(s)); }

static void sb_repeat(sbuf *b, char c, size_t n) {
  if (!sb_reserve(b, n)) return;
  memset(b->p + b->len, c, n);
  b->len += n;
  b->p[b->len] = '\0';
}

/* printf of one number (fmt takes a precision then a double). */
static void sb_printf_prec(sbuf *b, const char *fmt, int prec, double v) {
  int n = snprintf(NULL, 0, fmt, prec, v);
  if (n < 0 || !sb_reserve(b, (size_t)n)) return;
  snprintf(b->p + b->len, (size_t)n + 1, fmt, prec, v);
  b->len += (size_t)n;
}

/* ---- element access ---- */

/* Element at storage offset off (in elements) of a CPU tensor. */
static double load_double(const ten_tensor *t, int64_t off) {
  const char *p = (const char *)t->storage->data + off * (int64_t)ten_dtype_size(t->dtype);
  switch (t->dtype) {
  case TEN_DTYPE_F32: return *(const float *)p;
  case TEN_DTYPE_F64: return *(const double *)p;
  default: return 0;
  }
}

static int64_t load_int(const ten_tensor *t, int64_t off) {
  const char *p = (const char *)t->storage->data + off * (int64_t)ten_dtype_size(t->dtype);
  switch (t->dtype) {
  case TEN_DTYPE_BOOL: return *(const bool *)p;
  case TEN_DTYPE_U8: return *(const uint8_t *)p;
  case TEN_DTYPE_I32: return *(const int32_t *)p;
  case TEN_DTYPE_I64: return *(const int64_t *)p;
  default: return 0;
  }
}

/* ---- the formatter (one per tensor: mode and column width) ---- */

typedef struct formatter {
  bool floating;
  bool int_mode;        /* floats that are all integral print as "3." */
  bool sci_mode;        /* "%.{p}e" */
  int width;            /* every element is left-padded to this */
  int precision;
} formatter;

/* Appends v as the formatter renders it, unpadded. */
static void format_float(const formatter *f, double v, sbuf *out) {
  if (isnan(v)) sb_puts(out, "nan");   /* printf may say "-nan"; Python never does */
  else if (f->sci_mode) sb_printf_prec(out, "%.*e", f->precision, v);
  else if (f->int_mode) {
    sb_printf_prec(out, "%.*f", 0, v);
    if (isfinite(v)) sb_puts(out, ".");
  } else sb_printf_prec(out, "%.*f", f->precision, v);
}

static void format_int(const ten_tensor *t, int64_t v, sbuf *out) {
  char buf[32];
  if (t->dtype == TEN_DTYPE_BOOL) sb_puts(out, v ? "True" : "False");
  else {
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    sb_puts(out, buf);
  }
}

/* Appends the element at storage offset off, padded to the formatter's width. scratch is reused. */
static void format_element(const formatter *f, const ten_tensor *t, int64_t off, sbuf *scratch, sbuf *out) {
  scratch->len = 0;
  if (f->floating) format_float(f, load_double(t, off), scratch);
  else format_int(t, load_int(t, off), scratch);
  if (scratch->oom) {
    out->oom = true;
    return;
  }
  if ((size_t)f->width > scratch->len) sb_repeat(out, ' ', (size_t)f->width - scratch->len);
  sb_putn(out, scratch->p, scratch->len);
}

static size_t printed_len(const char *fmt, int prec, double v) {
  int n = snprintf(NULL, 0, fmt, prec, v);
  return n > 0 ? (size_t)n : 0;
}

/* Storage offsets of the elements the formatter looks at: all of them, or when summarizing only the
   first and last edgeitems along every dim longer than 2*edgeitems. (Along the last dim, edgeitems 0
   keeps everything, as slicing [-0:] does.) Returns a malloc'd array of *n offsets, NULL on OOM. */
static int64_t *summarized_offsets(const ten_tensor *t, bool summarize, int64_t *n) {
  int nd = t->ndim;
  int64_t e = edgeitems();
  int64_t lo[TEN_MAX_DIMS], hi[TEN_MAX_DIMS], count = 1;  /* per dim: [0, lo) and [hi, size) */
  for (int d = 0; d < nd; d++) {
    int64_t size = t->shape[d];
    lo[d] = hi[d] = size;
    if (summarize && size > 2 * e) {
      lo[d] = e;
      hi[d] = size - e;
      if (e == 0 && d == nd - 1) lo[d] = size;
    }
    count *= lo[d] + (size - hi[d]);
  }
  *n = count;
  int64_t *offs = ten_malloc((size_t)(count ? count : 1) * sizeof *offs);
  if (!offs || count == 0) return offs;
  int64_t idx[TEN_MAX_DIMS];
  for (int d = 0; d < nd; d++) idx[d] = lo[d] > 0 ? 0 : hi[d];
  for (int64_t k = 0; k < count; k++) {
    int64_t off = t->offset;
    for (int d = 0; d < nd; d++) off += idx[d] * t->stride[d];
    offs[k] = off;
    for (int d = nd - 1; d >= 0; d--) {   /* odometer step over the kept indices */
      if (++idx[d] == lo[d]) idx[d] = hi[d];
      if (idx[d] < t->shape[d]) break;
      idx[d] = lo[d] > 0 ? 0 : hi[d];
    }
  }
  return offs;
}

/* Builds the formatter from the (summarized) elements. Returns -1 on OOM. */
static int formatter_init(formatter *f, const ten_tensor *t, bool summarize) {
  memset(f, 0, sizeof *f);
  f->floating = ten_dtype_is_float(t->dtype);
  f->int_mode = true;
  f->width = 1;
  f->precision = print_opts.precision > 0 ? print_opts.precision : 0;
  int64_t n;
  int64_t *offs = summarized_offsets(t, summarize, &n);
  if (!offs) return -1;
  if (!f->floating) {
    char buf[32];
    for (int64_t k = 0; k < n; k++) {
      int64_t v = load_int(t, offs[k]);
      int len = t->dtype == TEN_DTYPE_BOOL ? (v ? 4 : 5) : snprintf(buf, sizeof buf, "%lld", (long long)v);
      if (len > f->width) f->width = len;
    }
    free(offs);
    return 0;
  }
  /* Only nonzero finite values count; mn/mx are of |v| in double. */
  double mn = INFINITY, mx = 0;
  int64_t m = 0;
  for (int64_t k = 0; k < n; k++) {
    double v = load_double(t, offs[k]);
    if (!isfinite(v) || v == 0) continue;
    offs[m++] = offs[k];
    if (v != ceil(v)) f->int_mode = false;
    double a = fabs(v);
    if (a < mn) mn = a;
    if (a > mx) mx = a;
  }
  if (m == 0) {           /* nothing to measure: int mode, and the sci_mode option is not consulted */
    free(offs);
    return 0;
  }
  f->sci_mode = mx / mn > 1000.0 || mx > 1.0e8 || (!f->int_mode && mn < 1.0e-4);
  for (int64_t k = 0; k < m; k++) {
    double v = load_double(t, offs[k]);
    size_t len = f->sci_mode ? printed_len("%.*e", f->precision, v)
                 : f->int_mode ? printed_len("%.*f", 0, v) + 1
                               : printed_len("%.*f", f->precision, v);
    if (len > (size_t)f->width) f->width = (int)len;
  }
  free(offs);
  if (print_opts.sci_mode >= 0) f->sci_mode = print_opts.sci_mode != 0;
  return 0;
}

/* ---- layout ---- */

typedef struct render_ctx {
  const ten_tensor *t;
  formatter f;
  bool summarize;
  sbuf scratch;
} render_ctx;

static int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) q--;
  return q;
}

/* Separator before item k of a row: ", ", or ",\n" + indent after every per_line items. */
static void vector_sep(int64_t k, int64_t per_line, int indent, sbuf *out) {
  if (k == 0) return;
  if (k % per_line == 0) {
    sb_puts(out, ",\n");
    sb_repeat(out, ' ', (size_t)indent + 1);
  } else sb_puts(out, ", ");
}

/* One row: items joined by ", ", a line break after every per_line items; a summarized row is
   the first edgeitems, " ..." (one unpadded item), the last edgeitems. */
static void render_vector(render_ctx *c, int d, int64_t off, int indent, sbuf *out) {
  const ten_tensor *t = c->t;
  int64_t size = t->shape[d], stride = t->stride[d], e = edgeitems();
  int64_t per_line = floor_div((int64_t)print_opts.linewidth - indent, (int64_t)c->f.width + 2);
  if (per_line < 1) per_line = 1;
  bool elide = c->summarize && size > 2 * e;
  int64_t head = elide ? e : size;
  int64_t tail = elide && e > 0 ? size - e : (elide ? 0 : size);  /* e == 0 slices [-0:], i.e. all */
  int64_t k = 0;
  sb_puts(out, "[");
  for (int64_t i = 0; i < head && !out->oom; i++) {
    vector_sep(k++, per_line, indent, out);
    format_element(&c->f, t, off + i * stride, &c->scratch, out);
  }
  if (elide) {
    vector_sep(k++, per_line, indent, out);
    sb_puts(out, " ...");
  }
  for (int64_t i = tail; i < size && !out->oom; i++) {
    vector_sep(k++, per_line, indent, out);
    format_element(&c->f, t, off + i * stride, &c->scratch, out);
  }
  sb_puts(out, "]");
}

/* Separator between sub-tensors of a (left)-dim tensor: "," + (left-1) newlines + indent. */
static void slice_sep(int left, int indent, sbuf *out) {
  sb_puts(out, ",");
  sb_repeat(out, '\n', (size_t)left - 1);
  sb_repeat(out, ' ', (size_t)indent + 1);
}

/* Dim d onwards at storage offset off; a summarized dim shows "..." in place of its middle. */
static void render(render_ctx *c, int d, int64_t off, int indent, sbuf *out) {
  const ten_tensor *t = c->t;
  int left = t->ndim - d;
  if (left == 0) {
    format_element(&c->f, t, off, &c->scratch, out);
    return;
  }
  if (left == 1) {
    render_vector(c, d, off, indent, out);
    return;
  }
  int64_t size = t->shape[d], e = edgeitems();
  bool elide = c->summarize && size > 2 * e;
  int64_t head = elide ? e : size, tail = elide ? size - e : size;
  sb_puts(out, "[");
  for (int64_t i = 0; i < head && !out->oom; i++) {
    if (i > 0) slice_sep(left, indent, out);
    render(c, d + 1, off + i * t->stride[d], indent + 1, out);
  }
  if (elide) {
    if (head > 0) slice_sep(left, indent, out);
    sb_puts(out, "...");
  }
  for (int64_t i = tail; i < size && !out->oom; i++) {
    if (i > 0) slice_sep(left, indent, out);
    render(c, d + 1, off + i * t->stride[d], indent + 1, out);
  }
  sb_puts(out, "]");
}

/* ---- repr ---- */

/* "(2, 0)" / "(0,)" — a Python tuple. */
static void format_tuple(const int64_t *shape, int ndim, char *buf, size_t n) {
  size_t k = (size_t)snprintf(buf, n, "(");
  for (int d = 0; d < ndim && k < n; d++)
    k += (size_t)snprintf(buf + k, n - k, d ? ", %lld" : "%lld", (long long)shape[d]);
  if (k < n) snprintf(buf + k, n - k, ndim == 1 ? ",)" : ")");
}

/* Appends the suffixes, each after ", " or, when the line would pass linewidth, on a new line. */
static void add_suffixes(sbuf *out, char suffixes[][512], int n, int indent) {
  if (out->oom) return;
  const char *nl = strrchr(out->p, '\n');
  int64_t last = (int64_t)out->len - (nl ? (int64_t)(nl - out->p) : -1) + 1;  /* sic: length + 2 */
  for (int i = 0; i < n; i++) {
    int64_t len = (int64_t)strlen(suffixes[i]);
    if (last + len + 2 > print_opts.linewidth) {
      sb_puts(out, ",\n");
      sb_repeat(out, ' ', (size_t)indent);
      last = indent + len;
    } else {
      sb_puts(out, ", ");
      last += len + 2;
    }
    sb_puts(out, suffixes[i]);
  }
  sb_puts(out, ")");
}

char *ten_repr(const ten_tensor *t, const ten_repr_extra *extra) {
  ten_tensor *host = NULL;
  if (t->storage->device.type != TEN_DEV_CPU) {
    host = ten_to_device((ten_tensor *)t, TEN_CPU, false);
    if (!host) return NULL;
  }
  const ten_tensor *h = host ? host : t;
  const int indent = 7;   /* strlen("tensor(") */
  char suffixes[4][512];
  int nsuf = 0;
  sbuf out = {0};
  render_ctx c = {0};

  if (t->storage->device.type == TEN_DEV_CUDA)
    snprintf(suffixes[nsuf++], 512, "device='cuda:%d'", t->storage->device.index > 0 ? t->storage->device.index : 0);
  sb_puts(&out, "tensor(");
  int64_t numel = ten_numel(h);
  ten_dtype def = ten_default_dtype();
  if (numel == 0) {
    if (h->ndim != 1) {
      char tup[480];
      format_tuple(h->shape, h->ndim, tup, sizeof tup);
      snprintf(suffixes[nsuf++], 512, "size=%s", tup);
    }
    if (h->dtype != def) snprintf(suffixes[nsuf++], 512, "dtype=torch.%s", ten_dtype_name(h->dtype));
    sb_puts(&out, "[]");
  } else {
    if (h->dtype != def && h->dtype != TEN_DTYPE_I64 && h->dtype != TEN_DTYPE_BOOL)
      snprintf(suffixes[nsuf++], 512, "dtype=torch.%s", ten_dtype_name(h->dtype));
    c.t = h;
    c.summarize = numel > print_opts.threshold;
    if (formatter_init(&c.f, h, c.summarize)) out.oom = true;
    else render(&c, 0, h->offset, indent, &out);
    if (c.scratch.oom) out.oom = true;
    free(c.scratch.p);
  }
  if (extra && extra->grad_fn) snprintf(suffixes[nsuf++], 512, "grad_fn=<%.500s>", extra->grad_fn);
  else if ((extra && extra->requires_grad) || t->requires_grad) snprintf(suffixes[nsuf++], 512, "requires_grad=True");
  add_suffixes(&out, suffixes, nsuf, indent);
  ten_release(host);
  if (out.oom) {
    free(out.p);
    return NULL;
  }
  return out.p;
}

/* ---- Python repr(float) ---- */

/* Adds one unit in the last digit of the "%.*e" text s (d.ddde±x), carrying into the exponent. */
static void bump_last_digit(char *s, size_t cap) {
  char *e = strchr(s, 'e');
  char *p = e - 1;
  while (p >= s) {
    if (*p == '.') { p--; continue; }
    if (*p == '-') break;
    if (*p < '9') { (*p)++; return; }
    *p-- = '0';
  }
  /* every digit carried: 9.99e+x -> 1.00e+(x+1) (the string keeps its length) */
  char *first = s[0] == '-' ? s + 1 : s;
  *first = '1';
  int x = atoi(e + 1) + 1;
  snprintf(e, cap - (size_t)(e - s), "e%c%02d", x < 0 ? '-' : '+', x < 0 ? -x : x);
}

void ten_format_double_repr(double v, char *buf, size_t n) {
  if (isnan(v)) { snprintf(buf, n, "nan"); return; }
  if (isinf(v)) { snprintf(buf, n, v < 0 ? "-inf" : "inf"); return; }
  if (v == 0) { snprintf(buf, n, signbit(v) ? "-0.0" : "0.0"); return; }

  /* Shortest round-trip digits: the first precision whose correctly rounded text reads back as v.
     At a power of two the gap below v is half the gap above, so the closest candidate may miss
     below while the next one up still reads back; Python's dtoa finds that one, so try it too. */
  char s[40];
  int mexp;
  bool pow2 = frexp(fabs(v), &mexp) == 0.5;
  for (int p = 1; p <= 17; p++) {
    snprintf(s, sizeof s, "%.*e", p - 1, v);
    if (strtod(s, NULL) == v) break;
    if (pow2 && fabs(strtod(s, NULL)) < fabs(v)) {
      char up[40];
      memcpy(up, s, sizeof up);
      bump_last_digit(up, sizeof up);
      if (strtod(up, NULL) == v) {
        memcpy(s, up, sizeof s);
        break;
      }
    }
  }

  /* Split into sign, digits (trailing zeros dropped) and decimal exponent. */
  char digits[20];
  int nd = 0;
  const char *p = s;
  bool neg = *p == '-';
  if (neg) p++;
  for (; *p && *p != 'e'; p++)
    if (*p >= '0' && *p <= '9') digits[nd++] = *p;
  int exp10 = atoi(p + 1);
  while (nd > 1 && digits[nd - 1] == '0') nd--;
  digits[nd] = '\0';
  int decpt = exp10 + 1;

  char out[64];
  size_t k = 0;
  if (neg) out[k++] = '-';
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) {
      out[k++] = '0';
      out[k++] = '.';
      for (int i = 0; i < -decpt; i++) out[k++] = '0';
      for (int i = 0; i < nd; i++) out[k++] = digits[i];
    } else {
      for (int i = 0; i < decpt; i++) out[k++] = i < nd ? digits[i] : '0';
      out[k++] = '.';
      if (decpt >= nd) out[k++] = '0';
      for (int i = decpt; i < nd; i++) out[k++] = digits[i];
    }
    out[k] = '\0';
  } else {
    out[k++] = digits[0];
    if (nd > 1) {
      out[k++] = '.';
      for (int i = 1; i < nd; i++) out[k++] = digits[i];
    }
    snprintf(out + k, sizeof out - k, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
  }
  snprintf(buf, n, "%s", out);
}

/* ---- x.type() ---- */

const char *ten_type_string(const ten_tensor *t) {
  /* One slot per (device, dtype), so two results can be used together (e.g. in one message). */
  static _Thread_local char names[2][TEN_DTYPE_COUNT][48];
  bool cuda = t->storage->device.type == TEN_DEV_CUDA;
  int dt = t->dtype >= 0 && t->dtype < TEN_DTYPE_COUNT ? t->dtype : 0;
  char *s = names[cuda][dt];
  snprintf(s, sizeof names[0][0], "torch.%s%s", cuda ? "cuda." : "", ten_dtype_tensor_type(t->dtype));
  return s;
}
