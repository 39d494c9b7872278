/*
** kernel/lang/format.c — Python 3.11 string formatting: format specs, format() of int/float/str,
** repr(float), `%` formatting and str.format's field parser and driver (see format.h). Written
** from CPython's documented and observed behaviour (tests/ref/gen_format.py holds the evidence);
** digits come from glibc's correctly rounded printf and tensor/print.c's shortest repr.
*/
#include "kernel/lang/format.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tensor/tensor.h"

#define BUF_MAX ((size_t)1 << 30)  /* larger outputs are reported as MemoryError */

/* ---- errors ---- */

/* Cuts s (NUL-terminated, at most cap-1 bytes) back to a whole UTF-8 character. */
static void utf8_trim(char *s, size_t cap) {
  size_t n = strlen(s);
  if (n + 1 < cap) return;
  size_t k = n;
  while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80) k--;
  if (k > 0 && ((unsigned char)s[k - 1] & 0x80)) {
    unsigned char lead = (unsigned char)s[k - 1];
    size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (k - 1) < want) s[k - 1] = '\0';
  }
}

void fmt_error_set(fmt_error *err, const char *kind, const char *msgfmt, ...) {
  snprintf(err->kind, sizeof err->kind, "%s", kind);
  va_list ap;
  va_start(ap, msgfmt);
  vsnprintf(err->msg, sizeof err->msg, msgfmt, ap);
  va_end(ap);
  utf8_trim(err->msg, sizeof err->msg);
}

void fmt_error_index_range(fmt_error *err, int64_t index) {
  fmt_error_set(err, "IndexError", "Replacement index %" PRId64 " out of range for positional args tuple",
                index);
}

static int value_error(fmt_error *err, const char *msg) {
  fmt_error_set(err, "ValueError", "%s", msg);
  return -1;
}

static int nomem(fmt_error *err) {
  fmt_error_set(err, "MemoryError", "%s", "");
  return -1;
}

/* ---- output buffer ---- */

void fmt_buf_init(fmt_buf *b) {
  b->data = NULL;
  b->len = b->cap = 0;
  b->oom = false;
  b->borrowed = false;
}

void fmt_buf_init_with(fmt_buf *b, char *storage, size_t cap) {
  fmt_buf_init(b);
  b->data = storage;
  b->data[0] = '\0';
  b->cap = cap;
  b->borrowed = true;
}

void fmt_buf_free(fmt_buf *b) {
  if (!b->borrowed) free(b->data);
  fmt_buf_init(b);
}

/* Room for extra more bytes plus the NUL. */
static bool buf_reserve(fmt_buf *b, size_t extra) {
  if (b->oom) return false;
  if (extra >= BUF_MAX || b->len + extra >= BUF_MAX) {
    b->oom = true;
    return false;
  }
  size_t need = b->len + extra + 1;
  if (need <= b->cap) return true;
  size_t cap = b->cap ? b->cap : 32;
  while (cap < need) cap *= 2;
  char *p = b->borrowed ? malloc(cap) : realloc(b->data, cap);
  if (!p) {
    b->oom = true;
    return false;
  }
  if (b->borrowed) memcpy(p, b->data, b->len + 1);
  b->borrowed = false;
  b->data = p;
  b->cap = cap;
  return true;
}

bool fmt_buf_append(fmt_buf *b, const char *s, size_t n) {
  if (!buf_reserve(b, n)) return false;
  if (n) memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
  return true;
}

static void buf_putc(fmt_buf *b, char c) { fmt_buf_append(b, &c, 1); }
static void buf_puts(fmt_buf *b, const char *s) { fmt_buf_append(b, s, strlen(s)); }

/* ---- UTF-8 and Unicode digits ---- */

/* Decodes one code point at s[*pos] (len bytes in all) and advances *pos. Invalid bytes decode as
   themselves, one byte each, so any input has a code point count. */
static uint32_t utf8_next(const char *s, size_t len, size_t *pos) {
  const unsigned char *u = (const unsigned char *)s + *pos;
  size_t left = len - *pos;
  uint32_t c = u[0];
  size_t n = c < 0x80 ? 1 : c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 1 || n == 0 || n > left) {
    *pos += 1;
    return c;
  }
  uint32_t cp = c & (0xFF >> (n + 1));
  for (size_t i = 1; i < n; i++) {
    if ((u[i] & 0xC0) != 0x80) {
      *pos += 1;
      return c;
    }
    cp = (cp << 6) | (u[i] & 0x3F);
  }
  *pos += n;
  return cp;
}

static size_t utf8_encode(uint32_t cp, char out[4]) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

static size_t utf8_count(const char *s, size_t len) {
  size_t n = 0;
  for (size_t pos = 0; pos < len; n++) utf8_next(s, len, &pos);
  return n;
}

/* Byte length of the first ncp code points of s. */
static size_t utf8_prefix(const char *s, size_t len, size_t ncp) {
  size_t pos = 0;
  while (ncp-- > 0 && pos < len) utf8_next(s, len, &pos);
  return pos;
}

static void buf_fill(fmt_buf *b, uint32_t cp, int64_t count) {
  if (count <= 0) return;
  char enc[4];
  size_t n = utf8_encode(cp, enc);
  if ((uint64_t)count > BUF_MAX / n || !buf_reserve(b, (size_t)count * n)) {
    b->oom = true;
    return;
  }
  char *w = b->data + b->len;
  if (n == 1) memset(w, enc[0], (size_t)count);
  else
    for (int64_t i = 0; i < count; i++, w += n) memcpy(w, enc, n);
  b->len += (size_t)count * n;
  b->data[b->len] = '\0';
}

/* The first code point of each run of ten Unicode decimal digits (category Nd, Unicode 14.0 as in
   CPython 3.11); CPython accepts all of them in widths, precisions and field indexes. */
static const uint32_t zero_digits[] = {
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
  0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50,
  0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0,
  0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0,
  0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce,
  0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
};

/* Decimal value of a digit code point, or -1. */
static int decimal_value(uint32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9' ? (int)(cp - '0') : -1;
  size_t lo = 0, hi = sizeof zero_digits / sizeof zero_digits[0];
  while (lo < hi) {   /* last run start <= cp */
    size_t mid = (lo + hi) / 2;
    if (zero_digits[mid] <= cp) lo = mid + 1;
    else hi = mid;
  }
  if (lo == 0) return -1;
  uint32_t d = cp - zero_digits[lo - 1];
  return d < 10 ? (int)d : -1;
}

/* Reads decimal digits at s[*pos]: the digit count (0: none), or -1 on overflow (err set). */
static int64_t read_integer(const char *s, size_t len, size_t *pos, int64_t *value, fmt_error *err) {
  int64_t acc = 0, count = 0;
  while (*pos < len) {
    size_t p = *pos;
    int d;
    if ((unsigned char)s[p] < 0x80) {   /* ASCII: no decoding */
      d = s[p] >= '0' && s[p] <= '9' ? s[p] - '0' : -1;
      p++;
    } else {
      d = decimal_value(utf8_next(s, len, &p));
    }
    if (d < 0) break;
    if (acc > (INT64_MAX - d) / 10) {
      value_error(err, "Too many decimal digits in format string");
      return -1;
    }
    acc = acc * 10 + d;
    *pos = p;
    count++;
  }
  *value = acc;
  return count;
}

/* ---- format-spec mini-language ---- */

static bool is_align(uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

int fmt_spec_parse(const char *spec, size_t len, const char *type_name, fmt_spec *out, fmt_error *err) {
  memset(out, 0, sizeof *out);
  out->type_name = type_name;
  out->fill = ' ';
  out->width = out->precision = -1;
  size_t pos = 0;

  /* [[fill]align] */
  if (len > 0) {
    size_t p1 = 0;
    uint32_t c0 = utf8_next(spec, len, &p1);
    size_t p2 = p1;
    uint32_t c1 = p1 < len ? utf8_next(spec, len, &p2) : 0;
    if (p1 < len && is_align(c1)) {
      out->fill = c0;
      out->fill_given = true;
      out->align = (char)c1;
      pos = p2;
    } else if (is_align(c0)) {
      out->align = (char)c0;
      pos = p1;
    }
  }
  if (pos < len && (spec[pos] == '+' || spec[pos] == '-' || spec[pos] == ' ')) out->sign = spec[pos++];
  if (pos < len && spec[pos] == 'z') {
    out->no_neg_0 = true;
    pos++;
  }
  if (pos < len && spec[pos] == '#') {
    out->alternate = true;
    pos++;
  }
  if (!out->fill_given && pos < len && spec[pos] == '0') {
    out->zero = true;
    pos++;
  }
  int64_t v, n = read_integer(spec, len, &pos, &v, err);
  if (n < 0) return -1;
  if (n > 0) out->width = v;
  if (pos < len && spec[pos] == ',') {
    out->grouping = ',';
    pos++;
  }
  if (pos < len && spec[pos] == '_') {
    if (out->grouping) return value_error(err, "Cannot specify both ',' and '_'.");
    out->grouping = '_';
    pos++;
  }
  if (pos < len && spec[pos] == ',' && out->grouping == '_')
    return value_error(err, "Cannot specify both ',' and '_'.");
  if (pos < len && spec[pos] == '.') {
    pos++;
    n = read_integer(spec, len, &pos, &v, err);
    if (n < 0) return -1;
    if (n == 0) return value_error(err, "Format specifier missing precision");
    out->precision = v;
  }
  if (pos < len) {
    size_t p = pos;
    uint32_t t = utf8_next(spec, len, &p);
    if (p < len) {
      if (type_name)
        fmt_error_set(err, "ValueError", "Invalid format specifier '%.*s' for object of type '%s'",
                      (int)(len < 256 ? len : 256), spec, type_name);
      else
        value_error(err, "Invalid format specifier");
      return -1;
    }
    out->has_type = true;
    out->type = t;
  }
  return 0;
}

static int unknown_code(uint32_t type, const char *type_name, fmt_error *err) {
  if (type > 32 && type < 128)
    fmt_error_set(err, "ValueError", "Unknown format code '%c' for object of type '%s'", (char)type, type_name);
  else
    fmt_error_set(err, "ValueError", "Unknown format code '\\x%x' for object of type '%s'", (unsigned)type,
                  type_name);
  return -1;
}

/* CPython checks the grouping option against the (default-filled) type at the end of parsing;
   each formatter does it first thing, which gives the same errors in the same order. */
static int check_grouping(const fmt_spec *sp, uint32_t type, fmt_error *err) {
  if (!sp->grouping) return 0;
  switch (type) {
  case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
    return 0;
  case 'b': case 'o': case 'x': case 'X':
    if (sp->grouping == '_') return 0;
    break;
  default:
    break;
  }
  if (type > 32 && type < 128)
    fmt_error_set(err, "ValueError", "Cannot specify '%c' with '%c'.", sp->grouping, (char)type);
  else
    fmt_error_set(err, "ValueError", "Cannot specify '%c' with '\\x%x'.", sp->grouping, (unsigned)type);
  return -1;
}

/* ---- number layout: [lpad][sign][prefix][spad][grouped digits][.][remainder][rpad] ---- */

typedef struct num_parts {
  char sign;              /* 0 or the sign character to print */
  const char *prefix;     /* "0x" etc. */
  size_t nprefix;
  const char *digits;     /* integer digits, grouped */
  size_t ndigits;
  bool decimal;           /* a '.' follows the digits */
  const char *rem;        /* fraction, exponent, "inf", "%" or the 'c' character */
  size_t nrem;
  size_t rem_cp;          /* code points in rem */
} num_parts;

/* Lays out n digits (right-aligned at d[n-1]) in groups of `group` (0: no grouping) separated by
   sep, zero-padded on the left until the result is at least min_width wide — CPython's rule, which
   never starts with a separator and so may overshoot by one. Writes backwards from end when end is
   non-NULL. Returns the length. */
static size_t group_digits(const char *d, size_t n, int64_t min_width, int group, char sep, char *end) {
  if (group <= 0 && n > 0) {   /* no separators: zeros up to min_width, then the digits */
    size_t zeros = min_width > (int64_t)n ? (size_t)min_width - n : 0;
    if (end) {
      memcpy(end - n, d, n);
      memset(end - n - zeros, '0', zeros);
    }
    return zeros + n;
  }
  int64_t remaining = (int64_t)n, mw = min_width > 0 ? min_width : 0;
  size_t count = 0;
  bool use_sep = false;
  const char *src = d + n;
  for (;;) {
    int64_t l = remaining > mw ? remaining : mw;
    if (l < 1) l = 1;
    if (group > 0 && l > group) l = group;
    int64_t zeros = l > remaining ? l - remaining : 0;
    int64_t chars = remaining < l ? remaining : l;
    count += (use_sep ? 1 : 0) + (size_t)zeros + (size_t)chars;
    if (end) {
      if (use_sep) *--end = sep;
      for (int64_t i = 0; i < chars; i++) *--end = *--src;
      for (int64_t i = 0; i < zeros; i++) *--end = '0';
    }
    use_sep = true;
    remaining -= chars;
    mw -= l;
    if (group <= 0 || (remaining <= 0 && mw <= 0)) break;
    mw -= 1;
  }
  return count;
}

static void emit_number(fmt_buf *b, const num_parts *p, int64_t width, char align, uint32_t fill, char sep,
                        int group) {
  int64_t non_digit = (p->sign ? 1 : 0) + (int64_t)p->nprefix + (p->decimal ? 1 : 0) + (int64_t)p->rem_cp;
  int64_t min_width = fill == '0' && align == '=' ? width - non_digit : 0;
  if (!sep) group = 0;
  size_t glen = p->ndigits ? group_digits(p->digits, p->ndigits, min_width, group, sep, NULL) : 0;
  int64_t pad = width - (non_digit + (int64_t)glen);
  int64_t lpad = 0, spad = 0, rpad = 0;
  if (pad > 0) {
    switch (align) {
    case '<': rpad = pad; break;
    case '^': lpad = pad / 2; rpad = pad - lpad; break;
    case '=': spad = pad; break;
    default: lpad = pad; break;
    }
  }
  buf_fill(b, fill, lpad);
  if (p->sign) buf_putc(b, p->sign);
  fmt_buf_append(b, p->prefix, p->nprefix);
  buf_fill(b, fill, spad);
  if (glen && buf_reserve(b, glen)) {
    group_digits(p->digits, p->ndigits, min_width, group, sep, b->data + b->len + glen);
    b->len += glen;
    b->data[b->len] = '\0';
  }
  if (p->decimal) buf_putc(b, '.');
  fmt_buf_append(b, p->rem, p->nrem);
  buf_fill(b, fill, rpad);
}

static char sign_for(char spec_sign, bool neg) {
  if (neg) return '-';
  return spec_sign == '+' ? '+' : spec_sign == ' ' ? ' ' : 0;
}

/* Default alignment and fill of numbers: '0' before the width means fill '0', align '='. */
static void number_fill(const fmt_spec *sp, char *align, uint32_t *fill) {
  *align = sp->align ? sp->align : sp->zero ? '=' : '>';
  *fill = sp->fill_given ? sp->fill : sp->zero ? '0' : ' ';
}

static int finish(fmt_buf *b, fmt_error *err) { return b->oom ? nomem(err) : 0; }

/* ---- floats: digits, then Python's layout of them ---- */

/* A decimal digit string d[0..n) (no leading zeros, no trailing zeros; "0" for zero) with the
   decimal point before position decpt: value = 0.d1d2... * 10^decpt. */
typedef struct fdigits {
  char *d;
  int n, decpt;
  char small[48];
  char *heap;
} fdigits;

/* Reads printf/repr text of a non-negative finite value ("1.25e-05", "0.0500", "123.0"). */
static void digits_parse(fdigits *g, char *text) {
  char *d = text;   /* digits are compacted in place */
  int n = 0, intdigits = -1;
  long exp = 0;
  for (char *p = text; *p; p++) {
    if (*p >= '0' && *p <= '9') d[n++] = *p;
    else if (*p == '.') intdigits = n;
    else if (*p == 'e' || *p == 'E') {
      exp = strtol(p + 1, NULL, 10);
      break;
    }
  }
  if (intdigits < 0) intdigits = n;
  int decpt = intdigits + (int)exp, lead = 0;
  while (lead < n && d[lead] == '0') lead++;
  d += lead;
  n -= lead;
  decpt -= lead;
  if (n == 0) {
    d = text;
    d[0] = '0';
    n = 1;
    decpt = 1;
  }
  while (n > 1 && d[n - 1] == '0') n--;
  g->d = d;
  g->n = n;
  g->decpt = decpt;
}

/* printf's "%.*f" text of finite, non-negative v for prec <= 17 and v < 1e17, computed exactly:
   v = m * 2^e, so v * 10^prec = m * 10^prec * 2^e, which fits 128 bits; the shift right by -e
   rounds half to even on the exact binary value, as printf and CPython's dtoa do. False when the
   value is out of that range (the caller falls back to snprintf). */
static bool fixed_text_fast(double v, int prec, char *out, size_t cap) {
  if (prec < 0 || prec > 17 || !(v >= 0 && v < 1e17) || cap < 40) return false;
  uint64_t p10 = 1;
  for (int i = 0; i < prec; i++) p10 *= 10;
  unsigned __int128 q = 0;
  if (v != 0) {
    int e2;
    double fr = frexp(v, &e2);                 /* v = fr * 2^e2, fr in [0.5, 1) */
    uint64_t m = (uint64_t)ldexp(fr, 53);      /* exact: fr has at most 53 significant bits */
    int e = e2 - 53;
    unsigned __int128 n = (unsigned __int128)m * p10;   /* < 2^53 * 2^57 */
    if (e >= 0) {
      q = n << e;                              /* v < 1e17 < 2^57: e <= 4 */
    } else if (-e < 120) {
      int sh = -e;
      q = n >> sh;
      unsigned __int128 r = n - (q << sh), half = (unsigned __int128)1 << (sh - 1);
      if (r > half || (r == half && (q & 1))) q++;
    }                                          /* else n < 2^110 <= half: rounds to 0 */
  }
  uint64_t ip, fp;   /* q / p10 <= 1e17 */
  if (q >> 64 == 0) {
    ip = (uint64_t)q / p10;
    fp = (uint64_t)q % p10;
  } else {
    ip = (uint64_t)(q / p10);
    fp = (uint64_t)(q % p10);
  }
  char tmp[24];
  int k = 0;
  do {
    tmp[k++] = (char)('0' + ip % 10);
    ip /= 10;
  } while (ip);
  char *w = out;
  while (k) *w++ = tmp[--k];
  if (prec > 0) {
    *w++ = '.';
    for (int i = prec - 1; i >= 0; i--) {
      w[i] = (char)('0' + fp % 10);
      fp /= 10;
    }
    w += prec;
  }
  *w = '\0';
  return true;
}

/* Digits of finite, non-negative v: fmt 'r' the shortest repr digits, 'e' printf's "%.*e" (pprec + 1
   significant digits), 'f' printf's "%.*f" (pprec digits after the point); both printf forms are
   correctly rounded (round-half-even on the exact binary value), as CPython's dtoa. False on OOM. */
static bool digits_make(fdigits *g, double v, char fmt, int pprec) {
  g->heap = NULL;
  char *text = g->small;
  if (fmt == 'r') {
    ten_format_double_repr(v, g->small, sizeof g->small);
  } else {
    if (fmt == 'f' && fixed_text_fast(v, pprec, g->small, sizeof g->small)) {
      digits_parse(g, g->small);
      return true;
    }
    size_t need = (size_t)pprec + (fmt == 'f' ? 330 : 16);
    if (need > BUF_MAX) return false;
    if (need > sizeof g->small) {
      g->heap = malloc(need);
      if (!g->heap) return false;
      text = g->heap;
    }
    snprintf(text, need, fmt == 'e' ? "%.*e" : "%.*f", pprec, v);
  }
  digits_parse(g, text);
  return true;
}

/* Python's PyOS_double_to_string for finite |v|, without the sign: mode 'e' 'f' 'g' or 'r' (repr),
   prec as given ('g': 0 means 1), alt = '#', add_dot_0 = "no type" (at least one digit after the
   point in fixed notation, and exponent one digit earlier). Sets *zero when the rounded value is 0. */
static void float_digits_text(fmt_buf *o, double av, char mode, int prec, bool alt, bool add_dot_0,
                              bool upper, bool *zero) {
  fdigits g;
  if (mode == 'g' && prec == 0) prec = 1;
  if (!digits_make(&g, av, mode == 'g' ? 'e' : mode, mode == 'g' ? prec - 1 : prec)) {
    o->oom = true;
    return;
  }
  *zero = g.n == 1 && g.d[0] == '0';
  int decpt = g.decpt, exp = 0;
  bool use_exp = false;
  int64_t end;
  switch (mode) {
  case 'e': use_exp = true; end = (int64_t)prec + 1; break;
  case 'f': end = (int64_t)decpt + prec; break;
  case 'g':
    use_exp = decpt <= -4 || decpt > (add_dot_0 ? prec - 1 : prec);
    end = alt ? prec : g.n;
    break;
  default:
    use_exp = decpt <= -4 || decpt > 16;
    end = g.n;
    break;
  }
  if (use_exp) {
    exp = decpt - 1;
    decpt = 1;
  }
  if (end < g.n) end = g.n;
  if (!use_exp && end < decpt) end = decpt;
  if (!use_exp && add_dot_0 && end <= decpt) end = decpt + 1;
  int64_t start = decpt <= 0 ? decpt - 1 : 0;
  if (buf_reserve(o, (size_t)(end - start) + 16)) {
    char *w = o->data + o->len;
    for (int64_t i = start; i < end; i++) {
      if (i == decpt) *w++ = '.';
      *w++ = i >= 0 && i < g.n ? g.d[i] : '0';
    }
    if (end == decpt && alt) *w++ = '.';
    o->len = (size_t)(w - o->data);
    o->data[o->len] = '\0';
    if (use_exp) {
      char e[16];
      snprintf(e, sizeof e, "%c%c%02d", upper ? 'E' : 'e', exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
      buf_puts(o, e);
    }
  }
  free(g.heap);
}

/* Text of v (sign excluded; *neg tells it) for the given mode; nan/inf as CPython spells them. */
static void float_text(fmt_buf *o, double v, char mode, int prec, bool alt, bool add_dot_0, bool upper,
                       bool no_neg_0, bool *neg) {
  if (isnan(v)) {
    *neg = false;
    buf_puts(o, upper ? "NAN" : "nan");
    return;
  }
  *neg = signbit(v) != 0;
  if (isinf(v)) {
    buf_puts(o, upper ? "INF" : "inf");
    return;
  }
  bool zero = false;
  float_digits_text(o, fabs(v), mode, prec, alt, add_dot_0, upper, &zero);
  if (zero && no_neg_0) *neg = false;
}

int fmt_float_repr(fmt_buf *b, double v) {
  char s[48];
  ten_format_double_repr(v, s, sizeof s);
  return fmt_buf_append(b, s, strlen(s)) ? 0 : -1;
}

int fmt_float_str(fmt_buf *b, double v) { return fmt_float_repr(b, v); }

int fmt_float(fmt_buf *b, double v, const fmt_spec *sp, fmt_error *err) {
  uint32_t type = sp->has_type ? sp->type : 0;
  if (check_grouping(sp, type, err)) return -1;
  switch (type) {
  case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
    break;
  default:
    return unknown_code(type, sp->type_name ? sp->type_name : "float", err);
  }
  if (sp->precision > INT_MAX) return value_error(err, "precision too big");
  int prec = (int)sp->precision;
  char mode;
  bool add_dot_0 = false, pct = false, upper = type == 'E' || type == 'F' || type == 'G';
  switch (type) {
  case 0:
    add_dot_0 = true;
    mode = prec < 0 ? 'r' : 'g';
    break;
  case 'e': case 'E': mode = 'e'; break;
  case 'f': case 'F': mode = 'f'; break;
  case '%':
    mode = 'f';
    pct = true;
    v *= 100;
    break;
  default: mode = 'g'; break;   /* g G n */
  }
  if (prec < 0) prec = mode == 'r' ? 0 : 6;

  fmt_buf t;
  char store[64];
  fmt_buf_init_with(&t, store, sizeof store);
  bool neg;
  float_text(&t, v, mode, prec, sp->alternate, add_dot_0, upper, sp->no_neg_0, &neg);
  if (pct) buf_putc(&t, '%');
  if (t.oom) {
    fmt_buf_free(&t);
    return nomem(err);
  }
  num_parts p = {0};
  p.sign = sign_for(sp->sign, neg);
  size_t nd = 0;
  while (nd < t.len && t.data[nd] >= '0' && t.data[nd] <= '9') nd++;
  p.digits = t.data;
  p.ndigits = nd;
  p.decimal = nd < t.len && t.data[nd] == '.';
  p.rem = t.data + nd + (p.decimal ? 1 : 0);
  p.nrem = t.len - (size_t)(p.rem - t.data);
  p.rem_cp = p.nrem;
  char align;
  uint32_t fill;
  number_fill(sp, &align, &fill);
  emit_number(b, &p, sp->width, align, fill, sp->grouping, 3);
  fmt_buf_free(&t);
  return finish(b, err);
}

/* ---- ints ---- */

/* Digits of |v| in base (2, 8, 10, 16) into out (>= 65 bytes); returns the count. */
static size_t uint_digits(uint64_t m, int base, bool upper, char *out) {
  const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char tmp[65];
  size_t n = 0;
  do {
    tmp[n++] = dig[m % (uint64_t)base];
    m /= (uint64_t)base;
  } while (m);
  for (size_t i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
  return n;
}

static uint64_t magnitude(int64_t v) { return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v; }

int fmt_int(fmt_buf *b, int64_t v, const fmt_spec *sp, fmt_error *err) {
  uint32_t type = sp->has_type ? sp->type : 'd';
  if (check_grouping(sp, type, err)) return -1;
  int base = 10;
  switch (type) {
  case 'b': base = 2; break;
  case 'o': base = 8; break;
  case 'x': case 'X': base = 16; break;
  case 'c': case 'd': case 'n': break;
  case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
    return fmt_float(b, (double)v, sp, err);
  default:
    return unknown_code(type, sp->type_name ? sp->type_name : "int", err);
  }
  if (sp->precision != -1) return value_error(err, "Precision not allowed in integer format specifier");
  if (sp->no_neg_0) return value_error(err, "Negative zero coercion (z) not allowed in integer format specifier");

  num_parts p = {0};
  char digits[65], ch[4];
  if (type == 'c') {
    if (sp->sign) return value_error(err, "Sign not allowed with integer format specifier 'c'");
    if (sp->alternate)
      return value_error(err, "Alternate form (#) not allowed with integer format specifier 'c'");
    if (v < 0 || v > 0x10FFFF) {
      fmt_error_set(err, "OverflowError", "%s", "%c arg not in range(0x110000)");
      return -1;
    }
    p.rem = ch;
    p.nrem = utf8_encode((uint32_t)v, ch);
    p.rem_cp = 1;
  } else {
    p.sign = sign_for(sp->sign, v < 0);
    p.digits = digits;
    p.ndigits = uint_digits(magnitude(v), base, type == 'X', digits);
    if (sp->alternate && base != 10) {
      p.prefix = type == 'b' ? "0b" : type == 'o' ? "0o" : type == 'x' ? "0x" : "0X";
      p.nprefix = 2;
    }
  }
  char align;
  uint32_t fill;
  number_fill(sp, &align, &fill);
  emit_number(b, &p, sp->width, align, fill, sp->grouping, base == 10 ? 3 : 4);
  return finish(b, err);
}

/* ---- strs ---- */

int fmt_str(fmt_buf *b, const char *s, size_t len, const fmt_spec *sp, fmt_error *err) {
  uint32_t type = sp->has_type ? sp->type : 's';
  if (check_grouping(sp, type, err)) return -1;
  if (type != 's') return unknown_code(type, sp->type_name ? sp->type_name : "str", err);
  if (sp->sign == ' ') return value_error(err, "Space not allowed in string format specifier");
  if (sp->sign) return value_error(err, "Sign not allowed in string format specifier");
  if (sp->no_neg_0) return value_error(err, "Negative zero coercion (z) not allowed in string format specifier");
  if (sp->alternate) return value_error(err, "Alternate form (#) not allowed in string format specifier");
  if (sp->align == '=') return value_error(err, "'=' alignment not allowed in string format specifier");
  size_t ncp = utf8_count(s, len);
  if (sp->precision >= 0 && (uint64_t)ncp > (uint64_t)sp->precision) {
    len = utf8_prefix(s, len, (size_t)sp->precision);
    ncp = (size_t)sp->precision;
  }
  uint32_t fill = sp->fill_given ? sp->fill : sp->zero ? '0' : ' ';
  int64_t pad = sp->width > (int64_t)ncp ? sp->width - (int64_t)ncp : 0;
  int64_t left = sp->align == '>' ? pad : sp->align == '^' ? pad / 2 : 0;
  buf_fill(b, fill, left);
  fmt_buf_append(b, s, len);
  buf_fill(b, fill, pad - left);
  return finish(b, err);
}

/* ---- parse + format ---- */

int fmt_format_int(fmt_buf *b, int64_t v, const char *spec, size_t len, fmt_error *err) {
  fmt_spec sp;
  if (len == 0) {
    char d[24];
    int n = snprintf(d, sizeof d, "%" PRId64, v);
    return fmt_buf_append(b, d, (size_t)n) ? 0 : nomem(err);
  }
  if (fmt_spec_parse(spec, len, "int", &sp, err)) return -1;
  return fmt_int(b, v, &sp, err);
}

int fmt_format_float(fmt_buf *b, double v, const char *spec, size_t len, fmt_error *err) {
  fmt_spec sp;
  if (len == 0) return fmt_float_str(b, v) ? nomem(err) : 0;
  if (fmt_spec_parse(spec, len, "float", &sp, err)) return -1;
  return fmt_float(b, v, &sp, err);
}

int fmt_format_str(fmt_buf *b, const char *s, size_t slen, const char *spec, size_t len, fmt_error *err) {
  fmt_spec sp;
  if (len == 0) return fmt_buf_append(b, s, slen) ? 0 : nomem(err);
  if (fmt_spec_parse(spec, len, "str", &sp, err)) return -1;
  return fmt_str(b, s, slen, &sp, err);
}

int fmt_format_bool(fmt_buf *b, bool v, const char *spec, size_t len, fmt_error *err) {
  fmt_spec sp;
  if (len == 0) return fmt_buf_append(b, v ? "True" : "False", v ? 4 : 5) ? 0 : nomem(err);
  if (fmt_spec_parse(spec, len, "bool", &sp, err)) return -1;
  return fmt_int(b, v, &sp, err);
}

/* ---- printf-style formatting ---- */

enum { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

typedef struct pct_state {
  const char *f;
  size_t len, pos;        /* pos: byte offset of the next character */
  int64_t cpos;           /* code point index of pos (for "at index N") */
  bool exhausted;         /* ran off the end while parsing a conversion */
  const fmt_percent_args *a;
  int64_t argidx, arglen; /* CPython's bookkeeping: arglen -1 for a single (non-tuple) operand */
  bool dict;              /* the operand is a mapping: %(key) allowed */
  fmt_value cur;          /* the single operand, or the value of the last %(key) */
  bool cur_owned;         /* cur came from lookup */
} pct_state;

/* Next character of the conversion being parsed; false (and exhausted) at the end. */
static bool pct_read(pct_state *st, uint32_t *ch) {
  if (st->exhausted || st->pos >= st->len) {
    st->exhausted = true;
    return false;
  }
  *ch = utf8_next(st->f, st->len, &st->pos);
  st->cpos++;
  return true;
}

static int pct_next_arg(pct_state *st, fmt_value *v, fmt_error *err) {
  if (st->argidx < st->arglen) {
    int64_t i = st->argidx++;
    if (st->arglen < 0) {
      *v = st->cur;
      return 0;
    }
    return st->a->get(st->a->ctx, i, v, err);
  }
  fmt_error_set(err, "TypeError", "%s", "not enough arguments for format string");
  return -1;
}

static void pct_drop_cur(pct_state *st) {
  if (st->cur_owned && st->a->release) st->a->release(st->a->ctx, &st->cur);
  st->cur_owned = false;
}

static bool is_int_kind(const fmt_value *v) { return v->kind == FMT_INT || v->kind == FMT_BOOL; }

/* A '*' width or precision. */
static int pct_star(pct_state *st, int64_t *out, fmt_error *err) {
  fmt_value v;
  if (pct_next_arg(st, &v, err)) return -1;
  if (!is_int_kind(&v)) {
    fmt_error_set(err, "TypeError", "%s", "* wants int");
    return -1;
  }
  *out = v.i;
  return 0;
}

/* %d %i %u %o %x %X: sign, "0x"-style prefix (alt), zeros up to prec, digits. */
static int pct_long(const fmt_value *v, uint32_t ch, int flags, int64_t prec, fmt_buf *o,
                    fmt_error *err) {
  bool hexoct = ch == 'o' || ch == 'x' || ch == 'X';
  char digits[400];
  size_t nd;
  bool neg;
  if (is_int_kind(v)) {
    neg = v->i < 0;
    nd = uint_digits(magnitude(v->i), ch == 'o' ? 8 : hexoct ? 16 : 10, ch == 'X', digits);
  } else if (v->kind == FMT_FLOAT && !hexoct) {
    if (isnan(v->f)) return value_error(err, "cannot convert float NaN to integer");
    if (isinf(v->f)) {
      fmt_error_set(err, "OverflowError", "%s", "cannot convert float infinity to integer");
      return -1;
    }
    double t = trunc(v->f);
    neg = t < 0;
    nd = (size_t)snprintf(digits, sizeof digits, "%.0f", fabs(t));
  } else {
    fmt_error_set(err, "TypeError", "%%%c format: %s, not %s", (char)ch,
                  hexoct ? "an integer is required" : "a real number is required", v->type_name);
    return -1;
  }
  if (neg) buf_putc(o, '-');
  if ((flags & F_ALT) && hexoct) {
    buf_putc(o, '0');
    buf_putc(o, (char)ch);
  }
  if (prec > (int64_t)nd) buf_fill(o, '0', prec - (int64_t)nd);
  fmt_buf_append(o, digits, nd);
  return 0;
}

/* str()/repr()/ascii() of a value: built-in kinds here, the rest through the text callback. */
static int pct_text(pct_state *st, const fmt_value *v, char conv, fmt_buf *o, fmt_error *err) {
  switch (v->kind) {
  case FMT_INT: {
    char d[24];
    fmt_buf_append(o, d, (size_t)snprintf(d, sizeof d, "%" PRId64, v->i));
    return 0;
  }
  case FMT_BOOL:
    buf_puts(o, v->i ? "True" : "False");
    return 0;
  case FMT_FLOAT:
    fmt_float_repr(o, v->f);   /* OOM shows in o->oom */
    return 0;
  case FMT_STR:
    if (conv == 's') {
      fmt_buf_append(o, v->s, v->len);
      return 0;
    }
    break;
  default:
    break;
  }
  return st->a->text(st->a->ctx, v, conv, o, err);
}

/* Pads and signs the converted text s[0..n) (unicode_format_arg_output's rules). */
static void pct_output(fmt_buf *b, const char *s, size_t n, uint32_t ch, int flags, int64_t width, int64_t prec,
                       bool numeric) {
  int64_t len = (int64_t)utf8_count(s, n);
  if ((ch == 's' || ch == 'r' || ch == 'a') && prec >= 0 && len > prec) {
    n = utf8_prefix(s, n, (size_t)prec);
    len = prec;
  }
  char sign = 0;
  size_t p = 0;
  if (numeric) {
    if (n > 0 && (s[0] == '-' || s[0] == '+')) {
      sign = s[0];
      p = 1;
      len--;
    } else if (flags & F_SIGN) sign = '+';
    else if (flags & F_BLANK) sign = ' ';
  }
  uint32_t fill = numeric && (flags & F_ZERO) ? '0' : ' ';
  if (width < len) width = len;
  if (sign) {
    if (fill != ' ') buf_putc(b, sign);
    if (width > len) width--;
  }
  bool prefix = (flags & F_ALT) && (ch == 'x' || ch == 'X' || ch == 'o');
  if (prefix) {
    if (fill != ' ') fmt_buf_append(b, s + p, 2);
    width = width >= 2 ? width - 2 : 0;
    len -= 2;
  }
  if (width > len && !(flags & F_LJUST)) {
    buf_fill(b, fill, width - len);
    width = len;
  }
  if (fill == ' ') {
    if (sign) buf_putc(b, sign);
    if (prefix) fmt_buf_append(b, s + p, 2);
  }
  if (prefix) p += 2;
  fmt_buf_append(b, s + p, n - p);
  if (width > len) buf_fill(b, ' ', width - len);
}

/* One conversion; st->pos is just after the '%'. */
static int pct_conversion(pct_state *st, fmt_buf *b, fmt_buf *tmp, fmt_error *err) {
  uint32_t ch = 0;
  if (st->pos < st->len) {
    size_t p = st->pos;
    ch = utf8_next(st->f, st->len, &p);
  }
  if (ch == '%') {
    st->pos++;
    st->cpos++;
    buf_putc(b, '%');
    return 0;
  }
  int flags = 0;
  int64_t width = -1, prec = -1;

  if (ch == '(') {    /* %(key): balanced parentheses */
    if (!st->dict) {
      fmt_error_set(err, "TypeError", "%s", "format requires a mapping");
      return -1;
    }
    st->pos++;
    st->cpos++;
    size_t keystart = st->pos;
    int depth = 1;
    while (depth > 0 && pct_read(st, &ch)) {
      if (ch == ')') depth--;
      else if (ch == '(') depth++;
    }
    if (st->exhausted || depth > 0) return value_error(err, "incomplete format key");
    fmt_value v;
    if (st->a->lookup(st->a->ctx, st->f + keystart, st->pos - keystart - 1, &v, err)) return -1;
    pct_drop_cur(st);
    st->cur = v;
    st->cur_owned = true;
    st->arglen = -1;
    st->argidx = -2;
  }
  while (pct_read(st, &ch)) {
    if (ch == '-') flags |= F_LJUST;
    else if (ch == '+') flags |= F_SIGN;
    else if (ch == ' ') flags |= F_BLANK;
    else if (ch == '#') flags |= F_ALT;
    else if (ch == '0') flags |= F_ZERO;
    else break;
  }
  if (ch == '*') {
    if (pct_star(st, &width, err)) return -1;
    if (width < 0) {
      flags |= F_LJUST;
      width = width == INT64_MIN ? INT64_MAX : -width;
    }
    pct_read(st, &ch);
  } else if (ch >= '0' && ch <= '9') {
    width = ch - '0';
    while (pct_read(st, &ch)) {
      if (ch < '0' || ch > '9') break;
      if (width > (INT64_MAX - (int64_t)(ch - '0')) / 10) return value_error(err, "width too big");
      width = width * 10 + (ch - '0');
    }
  }
  if (ch == '.') {
    prec = 0;
    pct_read(st, &ch);
    if (ch == '*') {
      if (pct_star(st, &prec, err)) return -1;
      if (prec > INT_MAX || prec < INT_MIN) {
        fmt_error_set(err, "OverflowError", "%s", "Python int too large to convert to C int");
        return -1;
      }
      if (prec < 0) prec = 0;
      pct_read(st, &ch);
    } else if (ch >= '0' && ch <= '9') {
      prec = ch - '0';
      while (pct_read(st, &ch)) {
        if (ch < '0' || ch > '9') break;
        if (prec > (INT_MAX - (int64_t)(ch - '0')) / 10) return value_error(err, "precision too big");
        prec = prec * 10 + (ch - '0');
      }
    }
  }
  if (!st->exhausted && (ch == 'h' || ch == 'l' || ch == 'L')) pct_read(st, &ch);
  if (st->exhausted) return value_error(err, "incomplete format");

  fmt_value v;
  if (pct_next_arg(st, &v, err)) return -1;
  tmp->len = 0;
  if (tmp->data) tmp->data[0] = '\0';
  bool numeric = false;
  switch (ch) {
  case 's': case 'r': case 'a':
    if (pct_text(st, &v, (char)ch, tmp, err)) return -1;
    break;
  case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
    if (pct_long(&v, ch, flags, prec, tmp, err)) return -1;
    numeric = true;
    break;
  case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
    double x;
    if (is_int_kind(&v)) x = (double)v.i;
    else if (v.kind == FMT_FLOAT) x = v.f;
    else {
      fmt_error_set(err, "TypeError", "must be real number, not %s", v.type_name);
      return -1;
    }
    bool neg, upper = ch == 'E' || ch == 'F' || ch == 'G';
    char mode = ch == 'e' || ch == 'E' ? 'e' : ch == 'f' || ch == 'F' ? 'f' : 'g';
    fmt_buf t;
    char store[64];
    fmt_buf_init_with(&t, store, sizeof store);
    float_text(&t, x, mode, prec < 0 ? 6 : (int)prec, (flags & F_ALT) != 0, false, upper, false, &neg);
    if (neg) buf_putc(tmp, '-');
    fmt_buf_append(tmp, t.data, t.len);
    if (t.oom) tmp->oom = true;
    fmt_buf_free(&t);
    numeric = true;
    break;
  }
  case 'c': {
    uint32_t c;
    if (is_int_kind(&v)) {
      if (v.i < 0 || v.i > 0x10FFFF) {
        fmt_error_set(err, "OverflowError", "%s", "%c arg not in range(0x110000)");
        return -1;
      }
      c = (uint32_t)v.i;
    } else if (v.kind == FMT_STR && v.len > 0 && utf8_count(v.s, v.len) == 1) {
      size_t p = 0;
      c = utf8_next(v.s, v.len, &p);
    } else {
      fmt_error_set(err, "TypeError", "%s", "%c requires int or char");
      return -1;
    }
    char enc[4];
    fmt_buf_append(tmp, enc, utf8_encode(c, enc));
    break;
  }
  default:
    fmt_error_set(err, "ValueError", "unsupported format character '%c' (0x%x) at index %" PRId64,
                  ch >= 31 && ch <= 126 ? (char)ch : '?', (unsigned)ch, st->cpos - 1);
    return -1;
  }
  if (tmp->oom) return nomem(err);
  pct_output(b, tmp->data ? tmp->data : "", tmp->len, ch, flags, width, prec, numeric);
  return 0;
}

int fmt_percent(fmt_buf *b, const char *fmt, size_t len, const fmt_percent_args *a, fmt_error *err) {
  pct_state st = {0};
  st.f = fmt;
  st.len = len;
  st.a = a;
  if (a->count >= 0) {
    st.arglen = a->count;
    st.argidx = 0;
  } else {
    st.arglen = -1;
    st.argidx = -2;
    st.dict = a->mapping;
    if (a->get(a->ctx, -1, &st.cur, err)) return -1;
  }
  fmt_buf tmp;
  char store[64];
  fmt_buf_init_with(&tmp, store, sizeof store);
  int rc = 0;
  while (st.pos < len) {
    const char *pct = memchr(fmt + st.pos, '%', len - st.pos);
    size_t lit = (pct ? (size_t)(pct - fmt) : len) - st.pos;
    fmt_buf_append(b, fmt + st.pos, lit);
    st.cpos += (int64_t)utf8_count(fmt + st.pos, lit);
    st.pos += lit;
    if (!pct) break;
    st.pos++;
    st.cpos++;
    if ((rc = pct_conversion(&st, b, &tmp, err)) != 0) break;
  }
  if (rc == 0 && st.argidx < st.arglen && !st.dict) {
    fmt_error_set(err, "TypeError", "%s", "not all arguments converted during string formatting");
    rc = -1;
  }
  pct_drop_cur(&st);
  fmt_buf_free(&tmp);
  if (rc == 0 && b->oom) rc = nomem(err);
  return rc;
}

/* ---- str.format: fields ---- */

void fmt_field_iter_init(fmt_field_iter *it, const char *s, size_t len) {
  it->s = s;
  it->len = len;
  it->pos = 0;
}

/* field -> name ['!' conversion] [':' spec] '}' ; it->pos is just after the '{'. */
static int parse_field(fmt_field_iter *it, fmt_field *out, fmt_error *err) {
  const char *s = it->s;
  size_t start = it->pos;
  char c = 0;
  while (it->pos < it->len) {
    c = s[it->pos++];
    if (c == '{') return value_error(err, "unexpected '{' in field name");
    if (c == '[') {
      while (it->pos < it->len && s[it->pos] != ']') it->pos++;
      continue;
    }
    if (c == '}' || c == ':' || c == '!') break;
  }
  out->has_field = true;
  out->name = s + start;
  out->name_len = it->pos - 1 - start;
  if (c == '!' || c == ':') {
    if (c == '!') {
      if (it->pos >= it->len) return value_error(err, "end of string while looking for conversion specifier");
      out->conversion = utf8_next(s, it->len, &it->pos);
      if (it->pos < it->len) {
        c = s[it->pos++];
        if (c == '}') {
          out->spec = s + it->pos;
          return 1;
        }
        if (c != ':') return value_error(err, "expected ':' after conversion specifier");
      }
    }
    size_t spec_start = it->pos;
    int depth = 1;
    while (it->pos < it->len) {
      c = s[it->pos++];
      if (c == '{') {
        out->spec_nested = true;
        depth++;
      } else if (c == '}' && --depth == 0) {
        out->spec = s + spec_start;
        out->spec_len = it->pos - 1 - spec_start;
        return 1;
      }
    }
    return value_error(err, "unmatched '{' in format spec");
  }
  if (c != '}') return value_error(err, "expected '}' before end of string");
  out->spec = s + it->pos;
  return 1;
}

int fmt_parse_fields(fmt_field_iter *it, fmt_field *out, fmt_error *err) {
  memset(out, 0, sizeof *out);
  if (it->pos >= it->len) return 0;
  const char *s = it->s;
  size_t start = it->pos;
  char c = 0;
  bool markup = false;
  while (it->pos < it->len) {
    c = s[it->pos++];
    if (c == '{' || c == '}') {
      markup = true;
      break;
    }
  }
  bool at_end = it->pos >= it->len;
  size_t lit = it->pos - start;
  if (c == '}' && markup && (at_end || s[it->pos] != '}'))
    return value_error(err, "Single '}' encountered in format string");
  if (at_end && c == '{' && markup) return value_error(err, "Single '{' encountered in format string");
  if (!at_end) {
    if (s[it->pos] == c) {   /* '{{' or '}}': one brace of literal text */
      it->pos++;
      markup = false;
    } else {
      lit--;
    }
  }
  out->literal = s + start;
  out->literal_len = lit;
  if (!markup) return 1;
  return parse_field(it, out, err) < 0 ? -1 : 1;
}

int fmt_convert_check(uint32_t conv, fmt_error *err) {
  if (conv == 'r' || conv == 's' || conv == 'a') return 0;
  if (conv > 32 && conv < 127)
    fmt_error_set(err, "ValueError", "Unknown conversion specifier %c", (char)conv);
  else
    fmt_error_set(err, "ValueError", "Unknown conversion specifier \\x%x", (unsigned)conv);
  return -1;
}

/* A whole string of (Unicode) decimal digits: its value; -1 when empty or not all digits; -2 on
   overflow (err set). */
static int64_t index_value(const char *s, size_t len, fmt_error *err) {
  if (len == 0) return -1;
  size_t pos = 0;
  int64_t v;
  int64_t n = read_integer(s, len, &pos, &v, err);
  if (n < 0) return -2;
  return pos == len ? v : -1;
}

int fmt_field_name_split(const char *name, size_t len, fmt_autonum *an, fmt_field_name *out, fmt_error *err) {
  size_t i = 0;
  while (i < len && name[i] != '.' && name[i] != '[') i++;
  out->first = name;
  out->first_len = i;
  out->rest = name + i;
  out->rest_len = len - i;
  int64_t idx = index_value(name, i, err);
  if (idx == -2) return -1;
  bool empty = i == 0;
  if (an && (empty || idx >= 0)) {
    if (an->state == 0) an->state = empty ? 1 : 2;
    if (an->state == 2 && empty)
      return value_error(err, "cannot switch from manual field specification to automatic field numbering");
    if (an->state == 1 && !empty)
      return value_error(err, "cannot switch from automatic field numbering to manual field specification");
    if (empty) idx = an->next++;
  }
  out->index = idx;
  return 0;
}

int fmt_field_name_next(const char **rest, size_t *rest_len, fmt_name_part *out, fmt_error *err) {
  const char *s = *rest;
  size_t len = *rest_len, pos = 1;
  if (len == 0) return 0;
  memset(out, 0, sizeof *out);
  out->index = -1;
  if (s[0] == '.') {
    out->is_attr = true;
    while (pos < len && s[pos] != '.' && s[pos] != '[') pos++;
    out->name = s + 1;
    out->len = pos - 1;
  } else if (s[0] == '[') {
    while (pos < len && s[pos] != ']') pos++;
    if (pos >= len) return value_error(err, "Missing ']' in format string");
    out->name = s + 1;
    out->len = pos - 1;
    pos++;
    out->index = index_value(out->name, out->len, err);
    if (out->index == -2) return -1;
  } else {
    return value_error(err, "Only '.' or '[' may follow ']' in format field specifier");
  }
  if (out->len == 0) return value_error(err, "Empty attribute in format string");
  *rest = s + pos;
  *rest_len = len - pos;
  return 1;
}

/* ---- str.format: the driver ---- */

static void drop(const fmt_format_args *a, void *obj) {
  if (obj && a->release) a->release(a->ctx, obj);
}

static int vformat_level(fmt_buf *b, const char *fmt, size_t len, const fmt_format_args *a, fmt_autonum *an,
                         int depth, fmt_error *err);

/* Resolves, converts and formats one replacement field. */
static int render_field(fmt_buf *b, const fmt_field *f, const fmt_format_args *a, fmt_autonum *an, int depth,
                        fmt_error *err) {
  fmt_field_name fn;
  if (fmt_field_name_split(f->name, f->name_len, an, &fn, err)) return -1;
  void *obj = NULL, *next = NULL;
  if (a->field(a->ctx, fn.index, fn.first, fn.first_len, &obj, err)) return -1;
  int rc = 0;
  fmt_name_part part;
  while (rc == 0 && (rc = fmt_field_name_next(&fn.rest, &fn.rest_len, &part, err)) == 1) {
    rc = part.is_attr ? a->getattr(a->ctx, obj, part.name, part.len, &next, err)
                      : a->getitem(a->ctx, obj, part.index, part.name, part.len, &next, err);
    if (rc == 0) {
      drop(a, obj);
      obj = next;
    }
  }
  if (rc == 0 && f->conversion) {
    rc = fmt_convert_check(f->conversion, err);
    if (rc == 0) rc = a->convert(a->ctx, obj, (char)f->conversion, &next, err);
    if (rc == 0) {
      drop(a, obj);
      obj = next;
    }
  }
  if (rc == 0) {
    if (f->spec_nested) {
      fmt_buf spec;
      char store[64];
      fmt_buf_init_with(&spec, store, sizeof store);
      rc = vformat_level(&spec, f->spec, f->spec_len, a, an, depth - 1, err);
      if (rc == 0) rc = a->format(a->ctx, obj, spec.data ? spec.data : "", spec.len, b, err);
      fmt_buf_free(&spec);
    } else {
      rc = a->format(a->ctx, obj, f->spec ? f->spec : "", f->spec_len, b, err);
    }
  }
  drop(a, obj);
  return rc;
}

static int vformat_level(fmt_buf *b, const char *fmt, size_t len, const fmt_format_args *a, fmt_autonum *an,
                         int depth, fmt_error *err) {
  if (depth <= 0) return value_error(err, "Max string recursion exceeded");
  fmt_field_iter it;
  fmt_field f;
  int r;
  fmt_field_iter_init(&it, fmt, len);
  while ((r = fmt_parse_fields(&it, &f, err)) == 1) {
    fmt_buf_append(b, f.literal, f.literal_len);
    if (f.has_field && render_field(b, &f, a, an, depth, err)) return -1;
  }
  if (r < 0) return -1;
  return b->oom ? nomem(err) : 0;
}

int fmt_vformat(fmt_buf *b, const char *fmt, size_t len, const fmt_format_args *a, fmt_error *err) {
  fmt_autonum an = {0, 0};
  return vformat_level(b, fmt, len, a, &an, 2, err);
}
