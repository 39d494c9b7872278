/*
** kernel/lang/nprandom.h — NumPy's legacy `np.random` (RandomState over MT19937, as in NumPy 1.24)
** as a pure-C engine: np.random.seed(0) followed by rand/randn/randint/permutation/choice/... gives
** NumPy's numbers bit for bit. Knows nothing of the interpreter or of arrays: the caller passes the
** element count (the product of `size`; a scalar call is a count of 1) and a flat output buffer.
**
** Not here: the modern Generator API (default_rng: PCG64, ziggurat), seeding from SeedSequence
** objects, dtypes other than int64 for randint (int32/uint32 draw the same stream for ranges under
** 2**32; int8/int16/uint8/uint16/bool use a buffered generator that is not reproduced), and the
** other distributions (exponential, binomial, poisson, beta, gamma, ...).
*/
#ifndef CT_LANG_NPRANDOM_H
#define CT_LANG_NPRANDOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/lang/mt19937.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Outcome of a call that can fail: the Python exception NumPy raises; text in npr_error_msg(st). */
typedef enum npr_status {
  NPR_OK = 0,
  NPR_E_VALUE,     /* ValueError */
  NPR_E_OVERFLOW,  /* OverflowError */
  NPR_E_NOMEM      /* MemoryError */
} npr_status;

/* One RandomState. Zero-initialised memory is not a valid state: seed it first. */
typedef struct npr_state {
  mt19937 mt;      /* the bit generator (legacy get_state: key, pos) */
  bool has_gauss;  /* legacy_gauss cached the second value of its pair */
  double gauss;    /* that value (0.0 when none) */
  char err[160];   /* message of the last failing call */
} npr_state;

/* ---- seeding and state ---- */

/* np.random.seed(seed) / RandomState(seed) for an int: init_genrand(seed). ValueError
   "Seed must be between 0 and 2**32 - 1" outside [0, 2**32 - 1]. Clears the cached gauss. */
npr_status npr_seed(npr_state *st, int64_t seed);
/* seed(sequence of ints): init_by_array over the values. ValueError "Seed must be non-empty" for
   n == 0, "Seed must be between 0 and 2**32 - 1" for a value outside the range. */
npr_status npr_seed_array(npr_state *st, const int64_t *keys, int64_t n);
/* seed() / seed(None): key[0] = 0x80000000, the other 623 words from /dev/urandom (time and pid
   mixed by init_by_array if that cannot be read). */
void npr_seed_entropy(npr_state *st);

/* get_state()/set_state() as an opaque blob of NPR_STATE_BYTES bytes (key words, pos, has_gauss,
   gauss; little-endian). npr_setstate: ValueError "invalid state" for a wrong length or a pos
   outside [0, 624]. The legacy tuple ('MT19937', key, pos, has_gauss, gauss) is st's fields. */
#define NPR_STATE_BYTES (4 * MT19937_N + 4 + 1 + 8)
void npr_getstate(const npr_state *st, uint8_t out[NPR_STATE_BYTES]);
npr_status npr_setstate(npr_state *st, const uint8_t *blob, size_t nbytes);

/* Message of the last failing call on st (NumPy's text, without the exception name). */
const char *npr_error_msg(const npr_state *st);

/* ---- floats ---- */

/* random_sample() / random() / rand(): 53-bit double in [0, 1). */
double npr_random_sample(npr_state *st);
/* random_sample(size) / rand(d0, d1, ...): n values in row-major order. */
void npr_random_sample_fill(npr_state *st, double *out, int64_t n);
/* standard_normal() / randn(): legacy_gauss, the polar Box-Muller method; the pair's second value
   is cached and returned by the next call (across calls and fills). */
double npr_standard_normal(npr_state *st);
void npr_standard_normal_fill(npr_state *st, double *out, int64_t n);
/* normal(loc, scale, size): loc + scale * gauss for each. ValueError "scale < 0" for a negative
   scale (including -0.0; NaN passes). */
npr_status npr_normal(npr_state *st, double loc, double scale, double *out, int64_t n);
/* uniform(low, high, size): low + (high - low) * random_sample(). OverflowError
   "Range exceeds valid bounds" when high - low is not finite. */
npr_status npr_uniform(npr_state *st, double low, double high, double *out, int64_t n);

/* ---- integers ---- */

/* randint(low, high, size) for the default dtype int64, half-open [low, high) (randint(high) is
   low = 0): NumPy's masked rejection sampling, on 32-bit draws when high - 1 - low < 2**32 and on
   64-bit draws otherwise. ValueError "high <= 0" (low == 0) or "low >= high" for an empty range.
   n == 0 returns at once without checking, as NumPy does for an empty size. */
npr_status npr_randint(npr_state *st, int64_t low, int64_t high, int64_t *out, int64_t n);
/* random_interval(max): uniform in [0, max] by masked rejection (32- or 64-bit draws). */
uint64_t npr_interval(npr_state *st, uint64_t max);

/* ---- permutations and choice ---- */

/* shuffle(x) along the first axis: n rows of size bytes at base; for i from n-1 down to 1, swap
   row i with row random_interval(i). */
void npr_shuffle(npr_state *st, void *base, int64_t n, size_t size);
/* permutation(n): out[0..n) = a shuffled arange(n); nothing for n <= 0. */
void npr_permutation(npr_state *st, int64_t n, int64_t *out);
/* choice(a, size, replace, p): count indices into a (0 <= index < pop_size) to out[0..count).
   pop_size is a when a is an int (a_is_array false) or len(a) for a 1-d array; p is NULL or
   p[0..p_len) as float64; count is the product of size (1 for size=None). NumPy's texts:
   "a must be greater than 0 unless no samples are taken", "'a' cannot be empty unless no samples
   are taken", "'a' and 'p' must have same size", "probabilities contain NaN", "probabilities are
   not non-negative", "probabilities do not sum to 1", "Cannot take a larger sample than population
   when 'replace=False'", "Fewer non-zero entries in p than size" (ValueError); MemoryError.
   (The binder owns "a must be 1-dimensional", "a must be 1-dimensional or an integer" and
   "'p' must be 1-dimensional"; a float32 p array would get a looser sum tolerance in NumPy.) */
npr_status npr_choice(npr_state *st, int64_t pop_size, bool a_is_array, int64_t count, bool replace,
                      const double *p, int64_t p_len, int64_t *out);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_NPRANDOM_H */
