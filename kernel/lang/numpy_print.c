/*
** kernel/lang/numpy_print.c — NumPy 1.24's array printing, ported: Dragon4 (dragon4.c: Steele & White /
** Burger & Dybvig with NumPy's cutoff and min_digits rules) over a small exact big integer, then
** arrayprint.py's FloatingFormat, IntegerFormat, BoolFormat, _formatArray and array_repr/array_str.
** Each NumPy function keeps its name in a comment so the two can be read side by side.
*/
#include "kernel/lang/numpy_print.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

np_print_opts np_printopts = {8, 1000, 3, 75, false, '-', NP_FLOATMODE_MAXPREC, "nan", "inf"};

void np_print_opts_default(np_print_opts *o) {
  *o = (np_print_opts){8, 1000, 3, 75, false, '-', NP_FLOATMODE_MAXPREC, "nan", "inf"};
}

const char *np_dtype_name(ten_dtype dt) {
  switch (dt) {
  case TEN_DTYPE_BOOL: return "bool";
  case TEN_DTYPE_U8: return "uint8";
  case TEN_DTYPE_I32: return "int32";
  case TEN_DTYPE_I64: return "int64";
  case TEN_DTYPE_F32: return "float32";
  case TEN_DTYPE_F64: return "float64";
  default: return "?";
  }
}

/* ---- big integers: just what Dragon4 needs (little-endian 32-bit blocks) ---- */

#define BIG_BLOCKS 96   /* 3072 bits: float64 needs under 1200 */

typedef struct big {
  int len;              /* used blocks; 0 is the value zero */
  uint32_t b[BIG_BLOCKS];
} big;

static void big_set_u64(big *x, uint64_t v) {
  x->b[0] = (uint32_t)v;
  x->b[1] = (uint32_t)(v >> 32);
  x->len = x->b[1] ? 2 : x->b[0] ? 1 : 0;
}

static void big_copy(big *d, const big *s) {
  d->len = s->len;
  memcpy(d->b, s->b, sizeof(uint32_t) * (size_t)s->len);
}

static int big_cmp(const big *a, const big *b) {
  if (a->len != b->len) return a->len > b->len ? 1 : -1;
  for (int i = a->len - 1; i >= 0; i--)
    if (a->b[i] != b->b[i]) return a->b[i] > b->b[i] ? 1 : -1;
  return 0;
}

static void big_add(big *r, const big *a, const big *b) {
  const big *l = a->len >= b->len ? a : b, *s = a->len >= b->len ? b : a;
  uint64_t carry = 0;
  int i = 0;
  for (; i < s->len; i++) {
    uint64_t v = (uint64_t)l->b[i] + s->b[i] + carry;
    r->b[i] = (uint32_t)v;
    carry = v >> 32;
  }
  for (; i < l->len; i++) {
    uint64_t v = (uint64_t)l->b[i] + carry;
    r->b[i] = (uint32_t)v;
    carry = v >> 32;
  }
  r->len = l->len;
  if (carry) r->b[r->len++] = (uint32_t)carry;
}

/* r = a * b (r distinct from both) */
static void big_mul(big *r, const big *a, const big *b) {
  int n = a->len + b->len;
  memset(r->b, 0, sizeof(uint32_t) * (size_t)n);
  for (int i = 0; i < a->len; i++) {
    uint64_t carry = 0;
    for (int j = 0; j < b->len; j++) {
      uint64_t v = (uint64_t)a->b[i] * b->b[j] + r->b[i + j] + carry;
      r->b[i + j] = (uint32_t)v;
      carry = v >> 32;
    }
    r->b[i + b->len] = (uint32_t)carry;
  }
  while (n > 0 && r->b[n - 1] == 0) n--;
  r->len = n;
}

static void big_mul_small(big *x, uint32_t m) {
  uint64_t carry = 0;
  for (int i = 0; i < x->len; i++) {
    uint64_t v = (uint64_t)x->b[i] * m + carry;
    x->b[i] = (uint32_t)v;
    carry = v >> 32;
  }
  if (carry) x->b[x->len++] = (uint32_t)carry;
}

/* r = 2 * a */
static void big_mul2(big *r, const big *a) {
  big_copy(r, a);
  big_mul_small(r, 2);
}

static void big_shl(big *x, int shift) {
  if (x->len == 0 || shift == 0) return;
  int blocks = shift / 32, bits = shift % 32;
  if (bits == 0) {
    for (int i = x->len - 1; i >= 0; i--) x->b[i + blocks] = x->b[i];
    x->b[x->len + blocks] = 0;
  } else {
    x->b[x->len + blocks] = 0;
    for (int i = x->len - 1; i >= 0; i--) {
      x->b[i + blocks + 1] |= x->b[i] >> (32 - bits);
      x->b[i + blocks] = x->b[i] << bits;
    }
  }
  for (int i = 0; i < blocks; i++) x->b[i] = 0;
  x->len += blocks + 1;
  while (x->len > 0 && x->b[x->len - 1] == 0) x->len--;
}

static void big_pow2(big *x, int e) {
  big_set_u64(x, 1);
  big_shl(x, e);
}

static void big_pow10(big *x, int e) {
  big_set_u64(x, 1);
  for (; e >= 9; e -= 9) big_mul_small(x, 1000000000u);
  static const uint32_t p10[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
  if (e > 0) big_mul_small(x, p10[e]);
}

/* value <- value mod scale, returning value / scale (known to be < 10) */
static uint32_t big_divrem9(big *value, const big *scale) {
  uint32_t q = 0;
  while (big_cmp(value, scale) >= 0) {
    int64_t borrow = 0;
    for (int i = 0; i < value->len; i++) {
      int64_t d = (int64_t)value->b[i] - (i < scale->len ? scale->b[i] : 0) - borrow;
      borrow = d < 0;
      value->b[i] = (uint32_t)(d + (borrow ? ((int64_t)1 << 32) : 0));
    }
    while (value->len > 0 && value->b[value->len - 1] == 0) value->len--;
    q++;
  }
  return q;
}

/* ---- Dragon4 (dragon4.c: Dragon4) ---- */

/* Digits of mantissa * 2^exponent into out[0..), returns their count; *out_exp is the base-10
   exponent of the first digit. unique: shortest digits that read back as the value (Burger &
   Dybvig), else exact digits. Cutoffs count fraction digits (total false) or all digits (true). */
static int dragon4(const big *mantissa, int32_t exponent, uint32_t mantissa_bit, bool unequal_margins, bool unique,
                   bool cutoff_total, int32_t cutoff_max, int32_t cutoff_min, char *out, int32_t buffer_size,
                   int32_t *out_exp) {
  static const double log10_2 = 0.30102999566398119521373889472449;
  big scale, value, margin_low, margin_high_opt, value_high;
  big *margin_high;
  char *cur = out;
  bool is_even = mantissa->len == 0 || (mantissa->b[0] % 2) == 0;
  bool low = false, high = false;
  uint32_t digit = 0;

  if (mantissa->len == 0) {
    *cur = '0';
    *out_exp = 0;
    return 1;
  }
  big_copy(&value, mantissa);
  if (unequal_margins) {
    if (exponent > 0) {
      big_shl(&value, exponent + 2);
      big_set_u64(&scale, 4);
      big_pow2(&margin_low, exponent);
      big_pow2(&margin_high_opt, exponent + 1);
    } else {
      big_shl(&value, 2);
      big_pow2(&scale, -exponent + 2);
      big_set_u64(&margin_low, 1);
      big_set_u64(&margin_high_opt, 2);
    }
    margin_high = &margin_high_opt;
  } else {
    if (exponent > 0) {
      big_shl(&value, exponent + 1);
      big_set_u64(&scale, 2);
      big_pow2(&margin_low, exponent);
    } else {
      big_shl(&value, 1);
      big_pow2(&scale, -exponent + 1);
      big_set_u64(&margin_low, 1);
    }
    margin_high = &margin_low;
  }

  int32_t digit_exp = (int32_t)ceil((double)((int32_t)mantissa_bit + exponent) * log10_2 - 0.69);
  if (cutoff_max >= 0 && !cutoff_total && digit_exp <= -cutoff_max) digit_exp = -cutoff_max + 1;

  if (digit_exp > 0) {
    big p, t;
    big_pow10(&p, digit_exp);
    big_mul(&t, &scale, &p);
    big_copy(&scale, &t);
  } else if (digit_exp < 0) {
    big p, t;
    big_pow10(&p, -digit_exp);
    big_mul(&t, &value, &p);
    big_copy(&value, &t);
    big_mul(&t, &margin_low, &p);
    big_copy(&margin_low, &t);
    if (margin_high != &margin_low) big_mul2(margin_high, &margin_low);
  }
  if (big_cmp(&value, &scale) >= 0) {
    digit_exp++;
  } else {
    big_mul_small(&value, 10);
    big_mul_small(&margin_low, 10);
    if (margin_high != &margin_low) big_mul2(margin_high, &margin_low);
  }

  int32_t cutoff_max_exp = digit_exp - buffer_size;
  if (cutoff_max >= 0) {
    int32_t want = cutoff_total ? digit_exp - cutoff_max : -cutoff_max;
    if (want > cutoff_max_exp) cutoff_max_exp = want;
  }
  int32_t cutoff_min_exp = digit_exp;
  if (cutoff_min >= 0) {
    int32_t want = cutoff_total ? digit_exp - cutoff_min : -cutoff_min;
    if (want < cutoff_min_exp) cutoff_min_exp = want;
  }
  *out_exp = digit_exp - 1;

  if (unique) {
    for (;;) {
      digit_exp--;
      digit = big_divrem9(&value, &scale);
      big_add(&value_high, &value, margin_high);
      int c = big_cmp(&value, &margin_low);
      low = is_even ? c <= 0 : c < 0;
      c = big_cmp(&value_high, &scale);
      high = is_even ? c >= 0 : c > 0;
      if (((low | high) & (digit_exp <= cutoff_min_exp)) | (digit_exp == cutoff_max_exp)) break;
      *cur++ = (char)('0' + digit);
      big_mul_small(&value, 10);
      big_mul_small(&margin_low, 10);
      if (margin_high != &margin_low) big_mul2(margin_high, &margin_low);
    }
  } else {
    for (;;) {
      digit_exp--;
      digit = big_divrem9(&value, &scale);
      if ((value.len == 0) | (digit_exp == cutoff_max_exp)) break;
      *cur++ = (char)('0' + digit);
      big_mul_small(&value, 10);
    }
  }

  /* round the last digit: down if only that is legal, else to the closest (ties to even) */
  bool round_down = low;
  if (low == high) {
    big_mul_small(&value, 2);
    int c = big_cmp(&value, &scale);
    round_down = c < 0;
    if (c == 0) round_down = (digit & 1) == 0;
  }
  if (round_down) {
    *cur++ = (char)('0' + digit);
  } else if (digit == 9) {
    for (;;) {
      if (cur == out) {
        *cur++ = '1';
        *out_exp += 1;
        break;
      }
      --cur;
      if (*cur != '9') {
        *cur += 1;
        ++cur;
        break;
      }
    }
  } else {
    *cur++ = (char)('0' + digit + 1);
  }
  return (int)(cur - out);
}

/* ---- FormatPositional / FormatScientific (dragon4.c) ---- */

#define D4_BUF 16384   /* Dragon4_Scratch.repr */

static int format_positional(char *buffer, int32_t buffer_size, const big *mantissa, int32_t exponent, char signbit,
                             uint32_t mantissa_bit, bool unequal, bool unique, bool cutoff_total, int32_t precision,
                             int32_t min_digits, np_trim trim_mode, int32_t digits_left, int32_t digits_right) {
  int32_t print_exp, num_digits, num_whole = 0, has_sign = 0;
  int32_t max_print_len = buffer_size - 1, pos = 0;
  int32_t num_frac = 0;

  if (signbit == '+' && pos < max_print_len) {
    buffer[pos++] = '+';
    has_sign = 1;
  } else if (signbit == '-' && pos < max_print_len) {
    buffer[pos++] = '-';
    has_sign = 1;
  }
  num_digits = dragon4(mantissa, exponent, mantissa_bit, unequal, unique, cutoff_total, precision, min_digits,
                       buffer + has_sign, max_print_len - has_sign, &print_exp);

  if (print_exp >= 0) {
    num_whole = print_exp + 1;
    if (num_digits <= num_whole) {
      int32_t count = num_whole - num_digits;
      pos += num_digits;
      if (pos + count > max_print_len) count = max_print_len - pos;
      num_digits += count;
      for (; count > 0; count--) buffer[pos++] = '0';
    } else {
      num_frac = num_digits - num_whole;
      int32_t max_frac = max_print_len - num_whole - 1 - pos;
      if (num_frac > max_frac) num_frac = max_frac;
      memmove(buffer + pos + num_whole + 1, buffer + pos + num_whole, (size_t)num_frac);
      pos += num_whole;
      buffer[pos] = '.';
      num_digits = num_whole + 1 + num_frac;
      pos += 1 + num_frac;
    }
  } else {
    int32_t num_frac_zeros = 0;
    if (pos + 2 < max_print_len) {
      int32_t max_frac_zeros = max_print_len - 2 - pos;
      num_frac_zeros = -(print_exp + 1);
      if (num_frac_zeros > max_frac_zeros) num_frac_zeros = max_frac_zeros;
      int32_t start = 2 + num_frac_zeros;
      num_frac = num_digits;
      int32_t max_frac = max_print_len - start - pos;
      if (num_frac > max_frac) num_frac = max_frac;
      memmove(buffer + pos + start, buffer + pos, (size_t)num_frac);
      for (int32_t i = 2; i < start; ++i) buffer[pos + i] = '0';
      num_frac += num_frac_zeros;
      num_digits = num_frac;
    }
    if (pos + 1 < max_print_len) buffer[pos + 1] = '.';
    if (pos < max_print_len) {
      buffer[pos] = '0';
      num_digits += 1;
    }
    num_whole = 1;
    pos += 2 + num_frac;
  }

  if (trim_mode != NP_TRIM_DPT_ZEROS && num_frac == 0 && pos < max_print_len) buffer[pos++] = '.';

  int32_t add_digits = unique ? min_digits : precision;
  int32_t desired_frac = add_digits < 0 ? 0 : add_digits;
  if (cutoff_total) desired_frac = add_digits - num_whole;

  if (trim_mode == NP_TRIM_LEAVE_ONE_ZERO) {
    if (num_frac == 0 && pos < max_print_len) {
      buffer[pos++] = '0';
      num_frac++;
    }
  } else if (trim_mode == NP_TRIM_NONE && desired_frac > num_frac && pos < max_print_len) {
    int32_t count = desired_frac - num_frac;
    if (pos + count > max_print_len) count = max_print_len - pos;
    num_frac += count;
    for (; count > 0; count--) buffer[pos++] = '0';
  }

  if (trim_mode != NP_TRIM_NONE && num_frac > 0) {
    while (buffer[pos - 1] == '0') {
      pos--;
      num_frac--;
    }
    if (buffer[pos - 1] == '.') {
      if (trim_mode == NP_TRIM_LEAVE_ONE_ZERO) {
        buffer[pos++] = '0';
        num_frac++;
      } else if (trim_mode == NP_TRIM_DPT_ZEROS) {
        pos--;
      }
    }
  }

  if (digits_right >= num_frac) {
    int32_t count = digits_right - num_frac;
    if (trim_mode == NP_TRIM_DPT_ZEROS && num_frac == 0 && pos < max_print_len) buffer[pos++] = ' ';
    if (pos + count > max_print_len) count = max_print_len - pos;
    for (; count > 0; count--) buffer[pos++] = ' ';
  }
  if (digits_left > num_whole + has_sign) {
    int32_t shift = digits_left - (num_whole + has_sign);
    int32_t count = pos;
    if (count + shift > max_print_len) count = max_print_len - shift;
    if (count > 0) memmove(buffer + shift, buffer, (size_t)count);
    pos = shift + count;
    for (; shift > 0; shift--) buffer[shift - 1] = ' ';
  }
  buffer[pos] = '\0';
  return pos;
}

static int format_scientific(char *buffer, int32_t buffer_size, const big *mantissa, int32_t exponent, char signbit,
                             uint32_t mantissa_bit, bool unequal, bool unique, int32_t precision, int32_t min_digits,
                             np_trim trim_mode, int32_t digits_left, int32_t exp_digits) {
  int32_t print_exp, num_digits, num_frac;
  char *p = buffer;
  int32_t size = buffer_size;

  int32_t leftchars = 1 + (signbit == '-' || signbit == '+');
  if (digits_left > leftchars) {
    for (int i = 0; i < digits_left - leftchars && size > 1; i++) {
      *p++ = ' ';
      --size;
    }
  }
  if (signbit == '+' && size > 1) {
    *p++ = '+';
    --size;
  } else if (signbit == '-' && size > 1) {
    *p++ = '-';
    --size;
  }
  num_digits = dragon4(mantissa, exponent, mantissa_bit, unequal, unique, true, precision < 0 ? -1 : precision + 1,
                       min_digits < 0 ? -1 : min_digits + 1, p, size, &print_exp);
  if (size > 1) {
    p += 1;
    size -= 1;
  }
  num_frac = num_digits - 1;
  if (num_frac > 0 && size > 1) {
    int32_t max_frac = size - 2;
    if (num_frac > max_frac) num_frac = max_frac;
    memmove(p + 1, p, (size_t)num_frac);
    p[0] = '.';
    p += 1 + num_frac;
    size -= 1 + num_frac;
  }
  if (trim_mode != NP_TRIM_DPT_ZEROS && num_frac == 0 && size > 1) {
    *p++ = '.';
    --size;
  }
  int32_t add_digits = unique ? min_digits : precision;
  if (add_digits < 0) add_digits = 0;
  if (trim_mode == NP_TRIM_LEAVE_ONE_ZERO) {
    if (num_frac == 0 && size > 1) {
      *p++ = '0';
      --size;
      ++num_frac;
    }
  } else if (trim_mode == NP_TRIM_NONE) {
    if (add_digits > num_frac) {
      int32_t zeros = add_digits - num_frac;
      if (zeros > size - 1) zeros = size - 1;
      for (char *end = p + zeros; p < end; ++p) {
        *p = '0';
        ++num_frac;
      }
    }
  }
  if (trim_mode != NP_TRIM_NONE && num_frac > 0) {
    --p;
    while (*p == '0') {
      --p;
      ++size;
      --num_frac;
    }
    if (trim_mode == NP_TRIM_LEAVE_ONE_ZERO && *p == '.') {
      ++p;
      *p = '0';
      --size;
      ++num_frac;
    }
    ++p;
  }
  if (size > 1) {
    char eb[7];
    int32_t digits[5], i, exp_size, count;
    if (exp_digits > 5) exp_digits = 5;
    if (exp_digits < 0) exp_digits = 2;
    eb[0] = 'e';
    if (print_exp >= 0) {
      eb[1] = '+';
    } else {
      eb[1] = '-';
      print_exp = -print_exp;
    }
    for (i = 0; i < 5; i++) {
      digits[i] = print_exp % 10;
      print_exp /= 10;
    }
    for (i = 5; i > exp_digits && digits[i - 1] == 0; i--) {
    }
    exp_size = i;
    for (i = exp_size; i > 0; i--) eb[2 + (exp_size - i)] = (char)('0' + digits[i - 1]);
    count = exp_size + 2;
    if (count > size - 1) count = size - 1;
    memcpy(p, eb, (size_t)count);
    p += count;
    size -= count;
  }
  *p = '\0';
  return (int)(p - buffer);
}

/* Splits an IEEE float64/float32 into Dragon4's inputs; returns false for inf/nan (written to buf). */
typedef struct d4_value {
  big mantissa;
  int32_t exponent;
  uint32_t mantissa_bit;
  bool unequal;
  char signbit;
} d4_value;

static int log2_u64(uint64_t v) {
  int r = 0;
  while (v >>= 1) r++;
  return r;
}

static bool d4_split(double v, bool f32, bool sign, d4_value *d, char *buf, size_t n) {
  uint64_t mant;
  uint32_t fexp, fsign;
  int mbits, ebias, emax;
  if (f32) {
    float f = (float)v;
    uint32_t u;
    memcpy(&u, &f, 4);
    mant = u & 0x7fffffu;
    fexp = (u >> 23) & 0xffu;
    fsign = u >> 31;
    mbits = 23;
    ebias = 127;
    emax = 0xff;
  } else {
    uint64_t u;
    memcpy(&u, &v, 8);
    mant = u & ((1ull << 52) - 1);
    fexp = (uint32_t)((u >> 52) & 0x7ffu);
    fsign = (uint32_t)(u >> 63);
    mbits = 52;
    ebias = 1023;
    emax = 0x7ff;
  }
  d->signbit = fsign ? '-' : sign ? '+' : '\0';
  if ((int)fexp == emax) {
    /* PrintInfNan: the sign only for inf */
    if (mant == 0) snprintf(buf, n, "%s", d->signbit == '-' ? "-inf" : d->signbit == '+' ? "+inf" : "inf");
    else snprintf(buf, n, "nan");
    return false;
  }
  if (fexp != 0) {
    mant |= 1ull << mbits;
    d->exponent = (int32_t)fexp - ebias - mbits;
    d->mantissa_bit = (uint32_t)mbits;
    d->unequal = fexp != 1 && (mant & ((1ull << mbits) - 1)) == 0;
  } else {
    d->exponent = 1 - ebias - mbits;
    d->mantissa_bit = mant ? (uint32_t)log2_u64(mant) : 0;
    d->unequal = false;
  }
  big_set_u64(&d->mantissa, mant);
  return true;
}

static int copy_out(const char *s, int len, char *out, size_t n) {
  if (n == 0) return len;
  size_t k = (size_t)len < n - 1 ? (size_t)len : n - 1;
  memcpy(out, s, k);
  out[k] = '\0';
  return (int)k;
}

int np_dragon4_positional(double v, bool f32, bool unique, bool fractional, int precision, int min_digits,
                          bool sign, np_trim trim, int pad_left, int pad_right, char *out, size_t n) {
  d4_value d;
  char buf[D4_BUF];
  int len;
  if (!d4_split(v, f32, sign, &d, buf, D4_BUF)) {
    len = (int)strlen(buf);
  } else {
    len = format_positional(buf, D4_BUF, &d.mantissa, d.exponent, d.signbit, d.mantissa_bit, d.unequal, unique,
                            !fractional, precision, min_digits, trim, pad_left, pad_right);
  }
  return copy_out(buf, len, out, n);
}

int np_dragon4_scientific(double v, bool f32, bool unique, int precision, int min_digits, bool sign, np_trim trim,
                          int pad_left, int exp_digits, char *out, size_t n) {
  d4_value d;
  char buf[1024];   /* scientific output is short whatever the value */
  int len;
  if (!d4_split(v, f32, sign, &d, buf, sizeof buf)) {
    len = (int)strlen(buf);
  } else {
    len = format_scientific(buf, (int32_t)sizeof buf, &d.mantissa, d.exponent, d.signbit, d.mantissa_bit, d.unequal,
                            unique, precision, min_digits, trim, pad_left, exp_digits);
  }
  return copy_out(buf, len, out, n);
}

/* scalartypes.c.src floattype_repr: positional for 1e-4 <= |v| < 1e16 (and 0, nan), trim '0';
   scientific otherwise, trim '-'. */
void np_float_scalar_repr(double v, bool f32, char *out, size_t n) {
  bool positional;
  if (isnan(v) || v == 0) {
    positional = true;
  } else {
    double a = fabs(v);
    positional = a < 1.e16 && a >= 1.e-4;   /* NumPy compares with long doubles; no float lies between */
  }
  if (positional) np_dragon4_positional(v, f32, true, false, -1, -1, false, NP_TRIM_LEAVE_ONE_ZERO, -1, -1, out, n);
  else np_dragon4_scientific(v, f32, true, -1, -1, false, NP_TRIM_DPT_ZEROS, -1, -1, out, n);
}

/* ---- growable text ---- */

typedef struct np_text {
  char *s;
  size_t len, cap;
  bool oom;
} np_text;

static void tx_add(np_text *t, const char *s, size_t n) {
  if (t->oom) return;
  if (t->len + n + 1 > t->cap) {
    size_t cap = t->cap ? t->cap : 64;
    while (cap < t->len + n + 1) cap *= 2;
    char *p = realloc(t->s, cap);
    if (!p) {
      t->oom = true;
      return;
    }
    t->s = p;
    t->cap = cap;
  }
  memcpy(t->s + t->len, s, n);
  t->len += n;
  t->s[t->len] = '\0';
}
static void tx_adds(np_text *t, const char *s) { tx_add(t, s, strlen(s)); }
static void tx_spaces(np_text *t, int n) {
  for (int i = 0; i < n; i++) tx_add(t, " ", 1);
}
static char *tx_finish(np_text *t) {
  if (t->oom) {
    free(t->s);
    return NULL;
  }
  if (!t->s) {
    t->s = malloc(1);
    if (t->s) t->s[0] = '\0';
  }
  return t->s;
}

/* ---- element access ---- */

static const char *elem_ptr(const ten_tensor *t, int64_t off) {
  return (const char *)t->storage->data + (t->offset + off) * (int64_t)ten_dtype_size(t->dtype);
}

static double load_f(const ten_tensor *t, int64_t off) {
  const char *p = elem_ptr(t, off);
  switch (t->dtype) {
  case TEN_DTYPE_F64: return *(const double *)p;
  case TEN_DTYPE_F32: return *(const float *)p;
  case TEN_DTYPE_I64: return (double)*(const int64_t *)p;
  case TEN_DTYPE_I32: return *(const int32_t *)p;
  case TEN_DTYPE_U8: return *(const uint8_t *)p;
  case TEN_DTYPE_BOOL: return *(const bool *)p;
  default: return 0;
  }
}

static int64_t load_i(const ten_tensor *t, int64_t off) {
  const char *p = elem_ptr(t, off);
  switch (t->dtype) {
  case TEN_DTYPE_I64: return *(const int64_t *)p;
  case TEN_DTYPE_I32: return *(const int32_t *)p;
  case TEN_DTYPE_U8: return *(const uint8_t *)p;
  case TEN_DTYPE_BOOL: return *(const bool *)p;
  case TEN_DTYPE_F64: return (int64_t)*(const double *)p;
  case TEN_DTYPE_F32: return (int64_t)*(const float *)p;
  default: return 0;
  }
}

/* ---- the element formatters (arrayprint.py FloatingFormat, IntegerFormat, BoolFormat) ---- */

typedef struct np_fmt {
  ten_dtype dt;
  const np_print_opts *o;
  /* FloatingFormat */
  bool f32;
  bool exp_format;
  int precision;       /* -1: None */
  int min_digits;      /* -1: None */
  bool unique;
  np_trim trim;
  int pad_left, pad_right, exp_size;
  /* IntegerFormat / BoolFormat */
  int int_width;
  bool bool_0d;
} np_fmt;

static int split_len(const char *s, char at, int *before, int *after) {
  const char *p = strchr(s, at);
  if (!p) {
    *before = (int)strlen(s);
    *after = 0;
    return 0;
  }
  *before = (int)(p - s);
  *after = (int)strlen(p + 1);
  return 1;
}

/* FloatingFormat.__init__ + fillFormat over the values vals[0..n) (the summarised data). */
static void float_format_init(np_fmt *f, const double *vals, int64_t n, int64_t total, bool any_neg_inf_or_nonfinite,
                              bool has_nonfinite, bool any_neginf) {
  const np_print_opts *o = f->o;
  f->precision = o->floatmode == NP_FLOATMODE_UNIQUE ? -1 : o->precision;
  f->exp_format = false;
  (void)total;
  (void)any_neg_inf_or_nonfinite;
  char s[512];
  /* finite values only */
  double max_val = 0, min_val = 0;
  int64_t nfinite = 0, nz = 0;
  bool any_signbit = false;
  for (int64_t i = 0; i < n; i++) {
    double v = vals[i];
    if (!isfinite(v)) continue;
    nfinite++;
    if (signbit(v)) any_signbit = true;
    if (v == 0) continue;
    double a = fabs(v);
    if (nz == 0 || a > max_val) max_val = a;
    if (nz == 0 || a < min_val) min_val = a;
    nz++;
  }
  if (nz) {
    double ratio = f->f32 ? (double)((float)max_val / (float)min_val) : max_val / min_val;
    if (max_val >= 1.e8 || (!o->suppress && (min_val < 0.0001 || ratio > 1000.))) f->exp_format = true;
  }
  bool sign_plus = o->sign == '+';
  if (nfinite == 0) {
    f->pad_left = 0;
    f->pad_right = 0;
    f->trim = NP_TRIM_ZEROS;
    f->exp_size = -1;
    f->unique = true;
    f->min_digits = -1;
  } else if (f->exp_format) {
    np_trim trim = NP_TRIM_ZEROS;
    bool unique = true;
    if (o->floatmode == NP_FLOATMODE_FIXED) {
      trim = NP_TRIM_NONE;
      unique = false;
    }
    int max_int = 0, max_frac = 0, max_exp = 0;
    for (int64_t i = 0; i < n; i++) {
      if (!isfinite(vals[i])) continue;
      np_dragon4_scientific(vals[i], f->f32, unique, f->precision, -1, sign_plus, trim, -1, -1, s, sizeof s);
      int mant, ex, ip, fp;
      split_len(s, 'e', &mant, &ex);
      s[mant] = '\0';
      split_len(s, '.', &ip, &fp);
      if (ex > max_exp) max_exp = ex;
      if (ip > max_int) max_int = ip;
      if (fp > max_frac) max_frac = fp;
    }
    f->exp_size = max_exp - 1;
    f->trim = NP_TRIM_NONE;
    f->precision = max_frac;
    f->min_digits = max_frac;
    f->unique = unique;
    f->pad_left = max_int;
    f->pad_right = f->exp_size + 2 + f->precision;
  } else {
    np_trim trim = NP_TRIM_ZEROS;
    bool unique = true;
    if (o->floatmode == NP_FLOATMODE_FIXED) {
      trim = NP_TRIM_NONE;
      unique = false;
    }
    int max_int = 0, max_frac = 0;
    for (int64_t i = 0; i < n; i++) {
      if (!isfinite(vals[i])) continue;
      np_dragon4_positional(vals[i], f->f32, unique, true, f->precision, -1, sign_plus, trim, -1, -1, s, sizeof s);
      int ip, fp;
      split_len(s, '.', &ip, &fp);
      if (ip > max_int) max_int = ip;
      if (fp > max_frac) max_frac = fp;
    }
    f->pad_left = max_int;
    f->pad_right = max_frac;
    f->exp_size = -1;
    f->unique = unique;
    if (o->floatmode == NP_FLOATMODE_FIXED || o->floatmode == NP_FLOATMODE_MAXPREC_EQUAL) {
      f->precision = f->min_digits = f->pad_right;
      f->trim = NP_TRIM_NONE;
    } else {
      f->trim = NP_TRIM_ZEROS;
      f->min_digits = 0;
    }
  }
  if (o->sign == ' ' && !any_signbit && nfinite > 0) f->pad_left += 1;
  else if (o->sign == ' ' && nfinite == 0) f->pad_left += 1;
  if (has_nonfinite) {
    bool neginf = o->sign != '-' || any_neginf;
    int nanlen = (int)strlen(o->nanstr);
    int inflen = (int)strlen(o->infstr) + neginf;
    int offset = f->pad_right + 1;
    if (nanlen - offset > f->pad_left) f->pad_left = nanlen - offset;
    if (inflen - offset > f->pad_left) f->pad_left = inflen - offset;
  }
}

/* FloatingFormat.__call__ */
static void float_format_one(const np_fmt *f, double x, char *out, size_t n) {
  if (!isfinite(x)) {
    char ret[40];
    if (isnan(x)) snprintf(ret, sizeof ret, "%s%s", f->o->sign == '+' ? "+" : "", f->o->nanstr);
    else snprintf(ret, sizeof ret, "%s%s", x < 0 ? "-" : f->o->sign == '+' ? "+" : "", f->o->infstr);
    int pad = f->pad_left + f->pad_right + 1 - (int)strlen(ret);
    if (pad < 0) pad = 0;
    snprintf(out, n, "%*s%s", pad, "", ret);
    return;
  }
  bool sign_plus = f->o->sign == '+';
  if (f->exp_format)
    np_dragon4_scientific(x, f->f32, f->unique, f->precision, f->min_digits, sign_plus, f->trim, f->pad_left,
                          f->exp_size, out, n);
  else
    np_dragon4_positional(x, f->f32, f->unique, true, f->precision, f->min_digits, sign_plus, f->trim, f->pad_left,
                          f->pad_right, out, n);
}

static int int_len(int64_t v) {
  char b[32];
  return snprintf(b, sizeof b, "%lld", (long long)v);
}

static void fmt_one(const np_fmt *f, const ten_tensor *t, int64_t off, char *out, size_t n) {
  if (ten_dtype_is_float(f->dt)) {
    float_format_one(f, load_f(t, off), out, n);
  } else if (f->dt == TEN_DTYPE_BOOL) {
    snprintf(out, n, "%s", load_i(t, off) ? (f->bool_0d ? "True" : " True") : "False");
  } else {
    snprintf(out, n, "%*lld", f->int_width, (long long)load_i(t, off));
  }
}

/* ---- the summarised data (_leading_trailing) ---- */

typedef struct collect {
  const ten_tensor *t;
  int edge;
  bool summary;
  double *f;
  int64_t *i;
  int64_t n, cap;
  bool oom;
} collect;

static void collect_rec(collect *c, int axis, int64_t off) {
  const ten_tensor *t = c->t;
  if (c->oom) return;
  if (axis == t->ndim) {
    if (c->n == c->cap) {
      int64_t cap = c->cap ? c->cap * 2 : 256;
      double *nf = realloc(c->f, sizeof(double) * (size_t)cap);
      if (nf) c->f = nf;
      int64_t *ni = realloc(c->i, sizeof(int64_t) * (size_t)cap);
      if (ni) c->i = ni;
      if (!nf || !ni) {
        c->oom = true;
        return;
      }
      c->cap = cap;
    }
    c->f[c->n] = load_f(t, off);
    c->i[c->n] = load_i(t, off);
    c->n++;
    return;
  }
  int64_t len = t->shape[axis];
  if (c->summary && len > 2 * (int64_t)c->edge) {
    for (int64_t k = 0; k < c->edge; k++) collect_rec(c, axis + 1, off + k * t->stride[axis]);
    for (int64_t k = len - c->edge; k < len; k++) collect_rec(c, axis + 1, off + k * t->stride[axis]);
  } else {
    for (int64_t k = 0; k < len; k++) collect_rec(c, axis + 1, off + k * t->stride[axis]);
  }
}

/* _get_format_function */
static bool fmt_init(np_fmt *f, const ten_tensor *t, const np_print_opts *o, bool summary) {
  memset(f, 0, sizeof *f);
  f->dt = t->dtype;
  f->o = o;
  f->f32 = t->dtype == TEN_DTYPE_F32;
  f->bool_0d = t->ndim == 0;
  collect c = {t, o->edgeitems, summary, NULL, NULL, 0, 0, false};
  collect_rec(&c, 0, 0);
  if (c.oom) {
    free(c.f);
    free(c.i);
    return false;
  }
  if (ten_dtype_is_float(t->dtype)) {
    bool has_nonfinite = false, any_neginf = false;
    for (int64_t k = 0; k < c.n; k++) {
      if (!isfinite(c.f[k])) has_nonfinite = true;
      if (isinf(c.f[k]) && c.f[k] < 0) any_neginf = true;
    }
    float_format_init(f, c.f, c.n, c.n, false, has_nonfinite, any_neginf);
  } else if (t->dtype != TEN_DTYPE_BOOL) {
    int w = 0;
    if (c.n > 0) {
      int64_t mx = c.i[0], mn = c.i[0];
      for (int64_t k = 1; k < c.n; k++) {
        if (c.i[k] > mx) mx = c.i[k];
        if (c.i[k] < mn) mn = c.i[k];
      }
      w = int_len(mx) > int_len(mn) ? int_len(mx) : int_len(mn);
    }
    f->int_width = w;
  }
  free(c.f);
  free(c.i);
  return true;
}

/* ---- _formatArray ---- */

typedef struct fa_ctx {
  const ten_tensor *t;
  const np_fmt *f;
  const char *sep;
  int edge;
  bool summary;
  char word[512];
} fa_ctx;

static int rstrip_len(const char *s, size_t n) {
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n')) n--;
  return (int)n;
}

/* _extendLine: s, line are texts; line_width; next_line_prefix = hanging indent */
static void extend_line(np_text *s, np_text *line, const char *word, int line_width, const char *prefix) {
  bool needs_wrap = (int)(line->len + strlen(word)) > line_width;
  if ((int)line->len <= (int)strlen(prefix)) needs_wrap = false;
  if (needs_wrap) {
    tx_add(s, line->s, (size_t)rstrip_len(line->s, line->len));
    tx_adds(s, "\n");
    line->len = 0;
    if (line->s) line->s[0] = '\0';
    tx_adds(line, prefix);
  }
  tx_adds(line, word);
}

/* recurser(index, hanging_indent, curr_width): returns the text of a[index] into out */
static void recurser(fa_ctx *c, int axis, int64_t off, const char *hanging_indent, int curr_width, np_text *out) {
  const ten_tensor *t = c->t;
  int axes_left = t->ndim - axis;
  if (axes_left == 0) {
    fmt_one(c->f, t, off, c->word, sizeof c->word);
    tx_adds(out, c->word);
    return;
  }
  size_t hl = strlen(hanging_indent);
  char *next_hanging = malloc(hl + 2);
  if (!next_hanging) {
    out->oom = true;
    return;
  }
  memcpy(next_hanging, hanging_indent, hl);
  next_hanging[hl] = ' ';
  next_hanging[hl + 1] = '\0';
  int next_width = curr_width - 1;   /* len(']') */
  int64_t a_len = t->shape[axis];
  bool show_summary = c->summary && 2 * (int64_t)c->edge < a_len;
  int64_t leading = show_summary ? c->edge : 0;
  int64_t trailing = show_summary ? c->edge : a_len;
  int64_t stride = t->stride[axis];
  np_text s = {0};

  if (axes_left == 1) {
    int sep_r = rstrip_len(c->sep, strlen(c->sep));
    int elem_width = curr_width - (sep_r > 1 ? sep_r : 1);
    np_text line = {0};
    tx_adds(&line, hanging_indent);
    np_text w = {0};
    for (int64_t i = 0; i < leading; i++) {
      w.len = 0;
      recurser(c, axis + 1, off + i * stride, next_hanging, next_width, &w);
      extend_line(&s, &line, w.s ? w.s : "", elem_width, hanging_indent);
      tx_adds(&line, c->sep);
    }
    if (show_summary) {
      extend_line(&s, &line, "...", elem_width, hanging_indent);
      tx_adds(&line, c->sep);
    }
    for (int64_t i = trailing; i > 1; i--) {
      w.len = 0;
      recurser(c, axis + 1, off + (a_len - i) * stride, next_hanging, next_width, &w);
      extend_line(&s, &line, w.s ? w.s : "", elem_width, hanging_indent);
      tx_adds(&line, c->sep);
    }
    w.len = 0;
    recurser(c, axis + 1, off + (a_len - 1) * stride, next_hanging, next_width, &w);
    extend_line(&s, &line, w.s ? w.s : "", elem_width, hanging_indent);
    if (line.s) tx_add(&s, line.s, line.len);
    if (line.oom || w.oom) s.oom = true;
    free(line.s);
    free(w.s);
  } else {
    int sep_r = rstrip_len(c->sep, strlen(c->sep));
    np_text line_sep = {0};
    tx_add(&line_sep, c->sep, (size_t)sep_r);
    for (int k = 0; k < axes_left - 1; k++) tx_adds(&line_sep, "\n");
    np_text nested = {0};
    for (int64_t i = 0; i < leading; i++) {
      nested.len = 0;
      recurser(c, axis + 1, off + i * stride, next_hanging, next_width, &nested);
      tx_adds(&s, hanging_indent);
      if (nested.s) tx_add(&s, nested.s, nested.len);
      tx_add(&s, line_sep.s, line_sep.len);
    }
    if (show_summary) {
      tx_adds(&s, hanging_indent);
      tx_adds(&s, "...");
      tx_add(&s, line_sep.s, line_sep.len);
    }
    for (int64_t i = trailing; i > 1; i--) {
      nested.len = 0;
      recurser(c, axis + 1, off + (a_len - i) * stride, next_hanging, next_width, &nested);
      tx_adds(&s, hanging_indent);
      if (nested.s) tx_add(&s, nested.s, nested.len);
      tx_add(&s, line_sep.s, line_sep.len);
    }
    nested.len = 0;
    recurser(c, axis + 1, off + (a_len - 1) * stride, next_hanging, next_width, &nested);
    tx_adds(&s, hanging_indent);
    if (nested.s) tx_add(&s, nested.s, nested.len);
    if (nested.oom || line_sep.oom) s.oom = true;
    free(nested.s);
    free(line_sep.s);
  }
  /* remove the hanging indent, and wrap in [] */
  tx_adds(out, "[");
  if (s.s && s.len >= hl) tx_add(out, s.s + hl, s.len - hl);
  tx_adds(out, "]");
  if (s.oom) out->oom = true;
  free(s.s);
  free(next_hanging);
}

char *np_array2string(const ten_tensor *t, const np_print_opts *o, const char *sep, const char *prefix,
                      const char *suffix) {
  if (!o) o = &np_printopts;
  np_print_opts opts = *o;
  opts.linewidth -= (int)strlen(suffix);
  np_text out = {0};
  if (ten_numel(t) == 0) {
    tx_adds(&out, "[]");
    return tx_finish(&out);
  }
  bool summary = ten_numel(t) > opts.threshold;
  np_fmt f;
  if (!fmt_init(&f, t, &opts, summary)) return NULL;
  f.o = &opts;
  size_t pl = strlen(prefix);
  char *next_line_prefix = malloc(pl + 2);
  if (!next_line_prefix) return NULL;
  memset(next_line_prefix, ' ', pl + 1);
  next_line_prefix[pl + 1] = '\0';
  fa_ctx c = {t, &f, sep, opts.edgeitems, summary, {0}};
  recurser(&c, 0, 0, next_line_prefix, opts.linewidth, &out);
  free(next_line_prefix);
  return tx_finish(&out);
}

/* dtype_is_implied: int64, float64, bool print without dtype= */
static bool dtype_implied(ten_dtype dt) { return dt == TEN_DTYPE_I64 || dt == TEN_DTYPE_F64 || dt == TEN_DTYPE_BOOL; }

char *np_array_repr(const ten_tensor *t, const char *class_name) {
  np_text out = {0};
  int64_t size = ten_numel(t);
  bool skipdtype = dtype_implied(t->dtype) && size > 0;
  tx_adds(&out, class_name);
  tx_adds(&out, "(");
  char prefix[64];
  snprintf(prefix, sizeof prefix, "%s(", class_name);
  const char *suffix = skipdtype ? ")" : ",";
  if (size > 0 || (t->ndim == 1 && t->shape[0] == 0)) {
    char *lst = np_array2string(t, NULL, ", ", prefix, suffix);
    if (!lst) {
      free(out.s);
      return NULL;
    }
    tx_adds(&out, lst);
    free(lst);
  } else {
    tx_adds(&out, "[], shape=(");
    for (int d = 0; d < t->ndim; d++) {
      char b[32];
      snprintf(b, sizeof b, "%s%lld", d ? ", " : "", (long long)t->shape[d]);
      tx_adds(&out, b);
    }
    tx_adds(&out, t->ndim == 1 ? ",)" : ")");
  }
  tx_adds(&out, suffix);
  if (skipdtype) return tx_finish(&out);
  char dtype_str[64];
  snprintf(dtype_str, sizeof dtype_str, "dtype=%s)", np_dtype_name(t->dtype));
  if (out.oom) return tx_finish(&out);
  const char *nl = strrchr(out.s, '\n');
  int last_line_len = (int)(out.len - (nl ? (size_t)(nl - out.s) + 1 : 0));
  if (last_line_len + (int)strlen(dtype_str) + 1 > np_printopts.linewidth) {
    tx_adds(&out, "\n");
    tx_spaces(&out, (int)strlen(prefix));
  } else {
    tx_adds(&out, " ");
  }
  tx_adds(&out, dtype_str);
  return tx_finish(&out);
}

void np_scalar_str(const ten_tensor *t, char *out, size_t n) {
  switch (t->dtype) {
  case TEN_DTYPE_F64: np_float_scalar_repr(load_f(t, 0), false, out, n); break;
  case TEN_DTYPE_F32: np_float_scalar_repr(load_f(t, 0), true, out, n); break;
  case TEN_DTYPE_BOOL: snprintf(out, n, "%s", load_i(t, 0) ? "True" : "False"); break;
  default: snprintf(out, n, "%lld", (long long)load_i(t, 0)); break;
  }
}

char *np_array_str(const ten_tensor *t) {
  if (t->ndim == 0) {
    char buf[512];
    np_scalar_str(t, buf, sizeof buf);
    char *r = malloc(strlen(buf) + 1);
    if (r) strcpy(r, buf);
    return r;
  }
  return np_array2string(t, NULL, " ", "", "");
}
