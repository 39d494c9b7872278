/*
** kernel/lang/mt19937.c — MT19937: seeding (init_genrand, init_by_array), the twist, tempering and
** the 53-bit double that both CPython and NumPy build on; plus the /dev/urandom reader.
*/
#include "kernel/lang/mt19937.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#define MT_M 397
#define MT_MATRIX_A 0x9908b0dfu
#define MT_UPPER 0x80000000u
#define MT_LOWER 0x7fffffffu

void mt19937_init_genrand(mt19937 *mt, uint32_t s) {
  uint32_t *k = mt->key;
  k[0] = s;
  for (uint32_t i = 1; i < MT19937_N; i++) k[i] = 1812433253u * (k[i - 1] ^ (k[i - 1] >> 30)) + i;
  mt->pos = MT19937_N;
}

void mt19937_init_by_array(mt19937 *mt, const uint32_t *key, size_t n) {
  uint32_t *k = mt->key;
  mt19937_init_genrand(mt, 19650218u);
  size_t i = 1, j = 0;
  /* first pass mixes the key in (max(N, n) steps), second pass diffuses (N - 1 steps); both wrap
     i from N-1 back to 1, carrying the last word into k[0] */
  for (size_t left = n > MT19937_N ? n : MT19937_N; left; left--) {
    k[i] = (k[i] ^ ((k[i - 1] ^ (k[i - 1] >> 30)) * 1664525u)) + key[j] + (uint32_t)j;
    i++;
    j++;
    if (i >= MT19937_N) {
      k[0] = k[MT19937_N - 1];
      i = 1;
    }
    if (j >= n) j = 0;
  }
  for (size_t left = MT19937_N - 1; left; left--) {
    k[i] = (k[i] ^ ((k[i - 1] ^ (k[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
    i++;
    if (i >= MT19937_N) {
      k[0] = k[MT19937_N - 1];
      i = 1;
    }
  }
  k[0] = 0x80000000u; /* most significant bit set: the state is never all zero */
  mt->pos = MT19937_N;
}

/* One twist step of word i from words i, i+1 (mod N) and i+M (mod N). */
static uint32_t twist(uint32_t cur, uint32_t next, uint32_t far) {
  uint32_t y = (cur & MT_UPPER) | (next & MT_LOWER);
  return far ^ (y >> 1) ^ ((y & 1u) ? MT_MATRIX_A : 0u);
}

static void regenerate(mt19937 *mt) {
  uint32_t *k = mt->key;
  int i = 0;
  for (; i < MT19937_N - MT_M; i++) k[i] = twist(k[i], k[i + 1], k[i + MT_M]);
  for (; i < MT19937_N - 1; i++) k[i] = twist(k[i], k[i + 1], k[i + MT_M - MT19937_N]);
  k[MT19937_N - 1] = twist(k[MT19937_N - 1], k[0], k[MT_M - 1]);
  mt->pos = 0;
}

uint32_t mt19937_next32(mt19937 *mt) {
  if (mt->pos >= MT19937_N) regenerate(mt);
  uint32_t y = mt->key[mt->pos++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

double mt19937_next_double(mt19937 *mt) {
  uint32_t a = mt19937_next32(mt) >> 5; /* 27 high bits */
  uint32_t b = mt19937_next32(mt) >> 6; /* 26 low bits */
  return ((double)a * 67108864.0 + (double)b) * (1.0 / 9007199254740992.0);
}

int mt19937_urandom(void *buf, size_t nbytes) {
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  unsigned char *p = buf;
  while (nbytes) {
    ssize_t got = read(fd, p, nbytes);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      close(fd);
      return -1;
    }
    p += got;
    nbytes -= (size_t)got;
  }
  close(fd);
  return 0;
}
