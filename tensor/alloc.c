/*
** tensor/alloc.c — the one allocator of tensor/ (clox reallocate, Lua luaM_realloc_): counts live
** bytes, enforces the optional memory cap, and in CT_DEBUG_ALLOC builds fails the Nth allocation
** when CT_FAIL_ALLOC_AFTER=N is set, so tests can inject out-of-memory on every path.
*/
#include <stdlib.h>
#include <string.h>

#include "tensor/internal.h"

static int64_t mem_live;            /* bytes held by tensor storages */
static int64_t mem_limit;           /* 0 = no cap */

#ifdef CT_DEBUG_ALLOC
static long fail_after = -2;        /* -2: not read yet, -1: never fail */

static bool inject_failure(void) {
  if (fail_after == -2) {
    const char *s = getenv("CT_FAIL_ALLOC_AFTER");
    fail_after = s ? atol(s) : -1;
  }
  if (fail_after < 0) return false;
  if (fail_after == 0) return true;
  fail_after--;
  return false;
}
#else
static bool inject_failure(void) { return false; }
#endif

static void *nomem(size_t n) {
  ten_error_set(TEN_E_NOMEM, "DefaultCPUAllocator: not enough memory: you tried to allocate %zu bytes.", n);
  return NULL;
}

void *ten_alloc(size_t nbytes) {
  if (nbytes > (size_t)INT64_MAX / 2 || inject_failure()) return nomem(nbytes);
  int64_t live = __atomic_load_n(&mem_live, __ATOMIC_RELAXED);
  if (mem_limit > 0 && live + (int64_t)nbytes > mem_limit) {
    ten_error_set(TEN_E_NOMEM,
                  "ctorch: tensor memory limit exceeded: tried to allocate %zu bytes with %lld of %lld in use",
                  nbytes, (long long)live, (long long)mem_limit);
    return NULL;
  }
  void *p = NULL;
  /* 64-byte alignment for vector loops; never 0 bytes so an empty tensor still has a pointer. */
  size_t rounded = (nbytes + 63) & ~(size_t)63;
  if (rounded == 0) rounded = 64;
  if (posix_memalign(&p, 64, rounded) != 0) return nomem(nbytes);
  __atomic_add_fetch(&mem_live, (int64_t)nbytes, __ATOMIC_RELAXED);
  return p;
}

void ten_free(void *p, size_t nbytes) {
  if (!p) return;
  free(p);
  __atomic_sub_fetch(&mem_live, (int64_t)nbytes, __ATOMIC_RELAXED);
}

void *ten_malloc(size_t n) {
  if (inject_failure()) return nomem(n);
  void *p = malloc(n ? n : 1);
  if (!p) return nomem(n);
  return p;
}

int64_t ten_mem_allocated(void) { return __atomic_load_n(&mem_live, __ATOMIC_RELAXED); }

void ten_mem_set_limit(int64_t bytes) { mem_limit = bytes > 0 ? bytes : 0; }
