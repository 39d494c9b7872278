/*
** kernel/lang/mt19937.h — the Mersenne Twister (MT19937, Matsumoto & Nishimura 1998) shared by the
** two notebook-facing random engines: CPython's `random` (pyrandom.c) and NumPy's legacy
** `np.random` (nprandom.c). Plain state, no allocation, no globals; not the torch generator
** (that one lives in tensor/random.c).
*/
#ifndef CT_LANG_MT19937_H
#define CT_LANG_MT19937_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MT19937_N 624 /* state words */

typedef struct mt19937 {
  uint32_t key[MT19937_N]; /* the twisted state */
  int pos;                 /* next word of key[] to temper; MT19937_N: twist before the next draw */
} mt19937;

/* The reference init_genrand: key[0] = s, key[i] = 1812433253 * (key[i-1] ^ key[i-1] >> 30) + i;
   pos = MT19937_N. This is NumPy's RandomState(seed) for a 32-bit seed. */
void mt19937_init_genrand(mt19937 *mt, uint32_t s);

/* The reference init_by_array over key[0..n) (n >= 1): CPython's random.seed(int) and NumPy's
   RandomState(sequence). pos = MT19937_N. */
void mt19937_init_by_array(mt19937 *mt, const uint32_t *key, size_t n);

/* Next tempered 32-bit output (genrand_int32). */
uint32_t mt19937_next32(mt19937 *mt);

/* 53-bit double in [0, 1) from two draws: ((a >> 5) * 2**26 + (b >> 6)) / 2**53, a drawn first
   (CPython random_random, NumPy mt19937_next_double). */
double mt19937_next_double(mt19937 *mt);

/* Fills buf[0..nbytes) from /dev/urandom. Returns 0, or -1 when the device cannot be read
   (buf then holds no promise). */
int mt19937_urandom(void *buf, size_t nbytes);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_MT19937_H */
