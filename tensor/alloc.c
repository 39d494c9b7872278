/*
** tensor/alloc.c — the one allocator of tensor/ (clox reallocate, Lua luaM_realloc_): counts live
** bytes, enforces the optional memory cap, keeps a small cache of freed large blocks (a training
** loop frees and reallocates the same sizes every step; without the cache each step page-faults
** fresh mmap'd memory), and in CT_DEBUG_ALLOC builds fails the Nth allocation when
** CT_FAIL_ALLOC_AFTER=N is set (and every one after it), or every Nth allocation when
** CTORCH_FAIL_ALLOC_EVERY=N is set, so tests can inject out-of-memory on every path.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "tensor/internal.h"

#define CACHE_MIN_BYTES (32 << 10)     /* smaller blocks come cheaply from malloc */
#define CACHE_SLOTS 64
#define CACHE_MAX_BYTES (512ll << 20)

typedef struct cached_block {
  void *p;
  size_t size;                       /* rounded size */
} cached_block;

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static cached_block cache[CACHE_SLOTS];
static int cache_n;
static int64_t cache_bytes;

static size_t round_size(size_t n) {
  if (n < CACHE_MIN_BYTES) return (n + 63) & ~(size_t)63;
  return (n + 4095) & ~(size_t)4095;
}

static void *cache_take(size_t size) {
  void *p = NULL;
  pthread_mutex_lock(&cache_lock);
  for (int i = cache_n - 1; i >= 0; i--) {
    if (cache[i].size != size) continue;
    p = cache[i].p;
    cache_bytes -= (int64_t)size;
    cache[i] = cache[--cache_n];
    break;
  }
  pthread_mutex_unlock(&cache_lock);
  return p;
}

/* Returns true if the block was kept. */
static bool cache_put(void *p, size_t size) {
  if (size < CACHE_MIN_BYTES || (int64_t)size > CACHE_MAX_BYTES / 4) return false;
  void *evict = NULL;
  pthread_mutex_lock(&cache_lock);
  if (cache_n == CACHE_SLOTS || cache_bytes + (int64_t)size > CACHE_MAX_BYTES) {
    /* drop the oldest entry to make room */
    if (cache_n > 0) {
      evict = cache[0].p;
      cache_bytes -= (int64_t)cache[0].size;
      memmove(cache, cache + 1, sizeof(cached_block) * (size_t)(cache_n - 1));
      cache_n--;
    }
  }
  bool kept = cache_n < CACHE_SLOTS && cache_bytes + (int64_t)size <= CACHE_MAX_BYTES;
  if (kept) {
    cache[cache_n++] = (cached_block){p, size};
    cache_bytes += (int64_t)size;
  }
  pthread_mutex_unlock(&cache_lock);
  free(evict);
  return kept;
}

void ten_mem_empty_cache(void) {
  pthread_mutex_lock(&cache_lock);
  for (int i = 0; i < cache_n; i++) free(cache[i].p);
  cache_n = 0;
  cache_bytes = 0;
  pthread_mutex_unlock(&cache_lock);
}

int64_t ten_mem_cached(void) {
  pthread_mutex_lock(&cache_lock);
  int64_t n = cache_bytes;
  pthread_mutex_unlock(&cache_lock);
  return n;
}

static int64_t mem_live;            /* bytes held by tensor storages */
static int64_t mem_limit;           /* 0 = no cap */
static int64_t max_alloc;           /* 0 = no cap on one allocation */

#ifdef CT_DEBUG_ALLOC
static long fail_after = -2;        /* -2: not read yet, -1: never fail */
static long fail_every, fail_count;
static bool armed;   /* every-Nth failures count from ten_mem_arm_faults() on */
void ten_mem_arm_faults(void) { armed = true; }

static bool inject_failure(void) {
  if (fail_after == -2) {
    const char *s = getenv("CT_FAIL_ALLOC_AFTER");
    fail_after = s ? atol(s) : -1;
    s = getenv("CTORCH_FAIL_ALLOC_EVERY");
    fail_every = s ? atol(s) : 0;
  }
  if (fail_every > 0 && armed && __atomic_add_fetch(&fail_count, 1, __ATOMIC_RELAXED) % fail_every == 0) return true;
  if (fail_after < 0) return false;
  if (fail_after == 0) return true;
  fail_after--;
  return false;
}
#else
void ten_mem_arm_faults(void) {}
static bool inject_failure(void) { return false; }
#endif

static void *nomem(size_t n) {
  ten_error_set(TEN_E_NOMEM, "DefaultCPUAllocator: not enough memory: you tried to allocate %zu bytes.", n);
  return NULL;
}

void *ten_alloc(size_t nbytes) {
  if (nbytes > (size_t)INT64_MAX / 2 || inject_failure()) return nomem(nbytes);
  if (max_alloc > 0 && nbytes > (size_t)max_alloc) {
    ten_error_set(TEN_E_NOMEM, "ctorch: tensor size limit exceeded: tried to allocate %zu bytes, at most %lld per tensor",
                  nbytes, (long long)max_alloc);
    return NULL;
  }
  int64_t live = __atomic_load_n(&mem_live, __ATOMIC_RELAXED);
  if (mem_limit > 0 && live + (int64_t)nbytes > mem_limit) {
    ten_error_set(TEN_E_NOMEM,
                  "ctorch: tensor memory limit exceeded: tried to allocate %zu bytes with %lld of %lld in use",
                  nbytes, (long long)live, (long long)mem_limit);
    return NULL;
  }
  /* 64-byte alignment for vector loops; never 0 bytes so an empty tensor still has a pointer. */
  size_t rounded = round_size(nbytes ? nbytes : 1);
  void *p = cache_take(rounded);
  if (!p && posix_memalign(&p, 64, rounded) != 0) {
    ten_mem_empty_cache();
    if (posix_memalign(&p, 64, rounded) != 0) return nomem(nbytes);
  }
  __atomic_add_fetch(&mem_live, (int64_t)nbytes, __ATOMIC_RELAXED);
  return p;
}

void ten_free(void *p, size_t nbytes) {
  if (!p) return;
  __atomic_sub_fetch(&mem_live, (int64_t)nbytes, __ATOMIC_RELAXED);
  if (!cache_put(p, round_size(nbytes ? nbytes : 1))) free(p);
}

void *ten_malloc(size_t n) {
  if (inject_failure()) return nomem(n);
  void *p = malloc(n ? n : 1);
  if (!p) return nomem(n);
  return p;
}

int64_t ten_mem_allocated(void) { return __atomic_load_n(&mem_live, __ATOMIC_RELAXED); }

void ten_mem_set_limit(int64_t bytes) { mem_limit = bytes > 0 ? bytes : 0; }
int64_t ten_mem_get_limit(void) { return mem_limit; }
void ten_mem_set_max_alloc(int64_t bytes) { max_alloc = bytes > 0 ? bytes : 0; }
int64_t ten_mem_get_max_alloc(void) { return max_alloc; }
