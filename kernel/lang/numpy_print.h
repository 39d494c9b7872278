/*
** kernel/lang/numpy_print.h — NumPy 1.24's printing of arrays and scalars as plain C over ten_tensor
** (numpy/core/arrayprint.py and numpy/core/src/multiarray/dragon4.c, ported): Dragon4 shortest and
** fixed digits for float64/float32, FloatingFormat/IntegerFormat/BoolFormat, _formatArray's line
** wrapping and `...` summarisation, array_repr/array_str and the float scalar reprs.
** Knows nothing of the interpreter (unit-tested on its own); strings are malloc'd.
*/
#ifndef CT_LANG_NUMPY_PRINT_H
#define CT_LANG_NUMPY_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tensor/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- print options (np.set_printoptions) ---- */

typedef enum np_floatmode {
  NP_FLOATMODE_FIXED, NP_FLOATMODE_UNIQUE, NP_FLOATMODE_MAXPREC, NP_FLOATMODE_MAXPREC_EQUAL
} np_floatmode;

typedef struct np_print_opts {
  int precision;          /* 8 */
  int64_t threshold;      /* 1000: arrays with more elements are summarised */
  int edgeitems;          /* 3 */
  int linewidth;          /* 75 */
  bool suppress;          /* false: small values switch the array to scientific notation */
  char sign;              /* '-', '+' or ' ' */
  np_floatmode floatmode; /* maxprec */
  char nanstr[16];        /* "nan" */
  char infstr[16];        /* "inf" */
} np_print_opts;

/* The process-wide options every repr/str uses, and NumPy's defaults. */
extern np_print_opts np_printopts;
void np_print_opts_default(np_print_opts *o);

/* ---- Dragon4 (dragon4.c): one float64 or float32 value ---- */

/* Trim modes, as format_float_positional's trim= ('k', '.', '0', '-'). */
typedef enum np_trim { NP_TRIM_NONE, NP_TRIM_ZEROS, NP_TRIM_LEAVE_ONE_ZERO, NP_TRIM_DPT_ZEROS } np_trim;

/* np.format_float_positional / format_float_scientific semantics. v is printed as a float32 when f32
   (v must then hold a float32 value). precision, min_digits, pad_left, pad_right, exp_digits: -1 for
   None. unique false = exact digits cut at precision. Writes a NUL-terminated string to out (NumPy
   truncates at its 16384-byte buffer; out should have room for the result: 400 bytes suffice for
   every float64 in scientific form and for positional ones below 1e300). Returns the length. */
int np_dragon4_positional(double v, bool f32, bool unique, bool fractional, int precision, int min_digits,
                          bool sign, np_trim trim, int pad_left, int pad_right, char *out, size_t n);
int np_dragon4_scientific(double v, bool f32, bool unique, int precision, int min_digits, bool sign,
                          np_trim trim, int pad_left, int exp_digits, char *out, size_t n);

/* repr/str of a numpy.float64 / numpy.float32 scalar ("1.5", "1e-05", "nan", "-inf", "1e+16"). */
void np_float_scalar_repr(double v, bool f32, char *out, size_t n);

/* ---- arrays (arrayprint.py) ---- */

/* array2string(a, separator=sep, prefix=prefix, suffix=suffix) with options o (NULL: np_printopts).
   Returns malloc'd text, NULL on out-of-memory. CPU tensors of any ten dtype. */
char *np_array2string(const ten_tensor *t, const np_print_opts *o, const char *sep, const char *prefix,
                      const char *suffix);
/* repr(a) ("array([1., 2.])", "array([], shape=(0, 3), dtype=float64)") and str(a) ("[1. 2.]").
   str of a 0-d array is its scalar's str. class_name: "array" (or a subclass name). */
char *np_array_repr(const ten_tensor *t, const char *class_name);
char *np_array_str(const ten_tensor *t);
/* Text of one element as str() of its NumPy scalar prints it ("1.5", "3", "True"). */
void np_scalar_str(const ten_tensor *t, char *out, size_t n);
/* The NumPy dtype name of a ten dtype ("float64", "int32", "bool", "uint8"). */
const char *np_dtype_name(ten_dtype dt);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_NUMPY_PRINT_H */
