/*
** kernel/lang/pyrandom.h — CPython 3.11's `random` module as a pure-C engine: same MT19937 seeding,
** same draws, same integer/sequence algorithms, same error texts, so a notebook seeded with
** random.seed(42) sees exactly CPython's numbers. Knows nothing of the interpreter; the `random`
** builtin module binds it (values in, plain C numbers and indices out).
**
** Not here: seeding from str/bytes/bytearray (CPython hashes them with SHA-512 first) and from
** float (CPython seeds with (size_t)hash(x): bind that as pyr_seed_int over the two 32-bit words
** of the unsigned hash); vonmisesvariate, paretovariate, weibullvariate, randbytes, binomialvariate
** (3.12). Results that CPython returns as big ints are limited to 64 bits (ctorch ints are int64).
*/
#ifndef CT_LANG_PYRANDOM_H
#define CT_LANG_PYRANDOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/lang/mt19937.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Outcome of a call that can fail. Each error kind is the Python exception CPython raises; the
   exact message is then in pyr_error_msg(st). */
typedef enum pyr_status {
  PYR_OK = 0,
  PYR_E_VALUE,     /* ValueError */
  PYR_E_INDEX,     /* IndexError */
  PYR_E_ZERODIV,   /* ZeroDivisionError */
  PYR_E_OVERFLOW,  /* OverflowError (a result beyond 64 bits; ctorch's limit, not CPython's) */
  PYR_E_NOMEM      /* MemoryError */
} pyr_status;

/* One random.Random instance. Zero-initialised memory is not a valid state: seed it first. */
typedef struct pyr_state {
  mt19937 mt;              /* the generator (CPython Random.state / index) */
  bool has_gauss_next;     /* gauss() cached its second value (gauss_next is not None) */
  double gauss_next;       /* that value */
  char err[160];           /* message of the last failing call */
} pyr_state;

/* ---- seeding and state ---- */

/* random.seed(n) for an int n: init_by_array over the 32-bit words of abs(n), least significant
   first. Most significant zero words are dropped as CPython's bit count drops them; nwords == 0
   or all-zero words mean seed(0) (one word 0). Resets the cached gauss value. */
void pyr_seed_int(pyr_state *st, const uint32_t *abs_value_words, int nwords);
/* random.seed(n) for a 64-bit n (negative n seeds as abs(n), INT64_MIN included). */
void pyr_seed_i64(pyr_state *st, int64_t n);
/* random.seed() / seed(None): 624 words from /dev/urandom, or, when that cannot be read,
   CPython's fallback key of wall-clock time, pid and monotonic time. */
void pyr_seed_entropy(pyr_state *st);

/* getstate()/setstate() as an opaque blob of PYR_STATE_BYTES bytes (key words, index, cached
   gauss; little-endian, portable between machines). pyr_setstate: ValueError "state vector is the
   wrong size" for a wrong length, "invalid state" for an index outside [0, 624]. */
#define PYR_STATE_BYTES (4 * MT19937_N + 4 + 1 + 8)
void pyr_getstate(const pyr_state *st, uint8_t out[PYR_STATE_BYTES]);
pyr_status pyr_setstate(pyr_state *st, const uint8_t *blob, size_t nbytes);

/* Message of the last failing call on st (CPython's text, without the exception name). */
const char *pyr_error_msg(const pyr_state *st);

/* ---- core draws ---- */

/* random(): 53-bit float in [0, 1). */
double pyr_random(pyr_state *st);
/* getrandbits(k) for 0 <= k <= 64. ValueError "number of bits must be non-negative" for k < 0;
   OverflowError for k > 64 (use pyr_getrandbits_words). */
pyr_status pyr_getrandbits(pyr_state *st, int k, uint64_t *out);
/* getrandbits(k) for any k >= 0 as (k + 31) / 32 words, least significant first (none for k = 0);
   the top word keeps only its k % 32 high draw bits, exactly as CPython fills its int. */
void pyr_getrandbits_words(pyr_state *st, int k, uint32_t *words);
/* _randbelow(n) for n >= 1: getrandbits(n.bit_length()) until below n. n == 0 returns 0 without
   drawing (CPython would loop forever; no public entry point lets it happen). */
uint64_t pyr_randbelow(pyr_state *st, uint64_t n);

/* ---- integers ---- */

/* randrange(stop). ValueError "empty range for randrange()" when stop <= 0. */
pyr_status pyr_randrange_stop(pyr_state *st, int64_t stop, int64_t *out);
/* randrange(start, stop, step). ValueError texts as 3.11: step 1 and stop <= start:
   "empty range for randrange() (START, STOP, WIDTH)" with WIDTH = stop - start; step 0:
   "zero step for randrange()"; otherwise an empty range: "empty range for randrange()".
   (The binder owns 3.11's argument-type texts: "Missing a non-None stop argument", the
   "non-integer arg 1 for randrange()" / "non-integer stop ..." / "non-integer step ..." ValueErrors
   for non-integral floats and the DeprecationWarning for integral ones.) */
pyr_status pyr_randrange(pyr_state *st, int64_t start, int64_t stop, int64_t step, int64_t *out);
/* randint(a, b) = randrange(a, b + 1), b + 1 computed without overflow (so randint(-2**63,
   2**63 - 1) draws 65 bits as CPython does). Empty: "empty range for randrange() (a, b+1, b+1-a)". */
pyr_status pyr_randint(pyr_state *st, int64_t a, int64_t b, int64_t *out);

/* ---- sequences (the engine picks indices; the binder indexes the sequence) ---- */

/* choice(seq) with len(seq) == len: *index = _randbelow(len). IndexError
   "Cannot choose from an empty sequence" when len <= 0. */
pyr_status pyr_choice(pyr_state *st, int64_t len, int64_t *index);
/* shuffle(x) over n elements of size bytes each at base: for i from n-1 down to 1, swap element i
   with element _randbelow(i + 1). */
void pyr_shuffle(pyr_state *st, void *base, size_t n, size_t size);
/* sample(population, k) with len(population) == n: writes the k chosen indices to out[0..k) in
   selection order, using CPython's pool algorithm or set algorithm exactly where it would.
   ValueError "Sample larger than population or is negative" unless 0 <= k <= n; MemoryError.
   (sample(pop, k, counts=c) is pyr_sample over range(sum(c)) followed by bisect_right on the
   cumulative counts; its own checks stay with the binder.) */
pyr_status pyr_sample(pyr_state *st, int64_t n, int64_t k, int64_t *out);
/* choices(population, k=k) (cum_weights NULL: index floor(random() * n)) or
   choices(population, cum_weights=cw, k=k) with cw = cum_weights[0..n) already converted to
   float: index bisect_right(cw, random() * total, 0, n - 1), total = cw[n - 1]. ValueError
   "Total of weights must be greater than zero" / "Total of weights must be finite"; IndexError
   "list index out of range" for weights with n == 0 (CPython's cum_weights[-1]). With n == 0 and
   no weights the indices are 0 (CPython then fails indexing the empty population). The binder owns
   "The number of weights does not match the population", "Cannot specify both weights and
   cumulative weights" and accumulating plain weights into cum_weights (itertools.accumulate). */
pyr_status pyr_choices(pyr_state *st, int64_t n, const double *cum_weights, int64_t k, int64_t *out);

/* ---- real-valued distributions ---- */

/* uniform(a, b) = a + (b - a) * random(). */
double pyr_uniform(pyr_state *st, double a, double b);
/* triangular(low, high, mode) (has_mode false: mode=None). */
double pyr_triangular(pyr_state *st, double low, double high, bool has_mode, double mode);
/* gauss(mu, sigma): Box-Muller pair; the second value is cached until the next gauss() or seed. */
double pyr_gauss(pyr_state *st, double mu, double sigma);
/* normalvariate(mu, sigma): Kinderman-Monahan ratio of uniforms. */
double pyr_normalvariate(pyr_state *st, double mu, double sigma);
/* lognormvariate(mu, sigma) = exp(normalvariate(mu, sigma)). */
double pyr_lognormvariate(pyr_state *st, double mu, double sigma);
/* expovariate(lambd) = -log(1 - random()) / lambd. ZeroDivisionError "float division by zero"
   for lambd == 0 (after the draw, as CPython). */
pyr_status pyr_expovariate(pyr_state *st, double lambd, double *out);
/* gammavariate(alpha, beta). ValueError "gammavariate: alpha and beta must be > 0.0". */
pyr_status pyr_gammavariate(pyr_state *st, double alpha, double beta, double *out);
/* betavariate(alpha, beta) from two gammavariates; same errors. */
pyr_status pyr_betavariate(pyr_state *st, double alpha, double beta, double *out);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_PYRANDOM_H */
