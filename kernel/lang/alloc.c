/*
** kernel/lang/alloc.c — the interpreter's one allocator (clox reallocate): counts live bytes,
** keeps per-size free lists for small blocks (objects, frames and tuples are allocated and freed
** at a high rate), enforces the object-memory cap (CTORCH_MAX_OBJECT_MEMORY, limits.c), and in
** CT_DEBUG_ALLOC builds fails the Nth allocation and all later ones when CT_FAIL_ALLOC_AFTER=N, or
** every Nth allocation when CTORCH_FAIL_ALLOC_EVERY=N.
*/
#include <stdlib.h>
#include <string.h>

#include "kernel/lang/object.h"
#include "tensor/tensor.h"

/* Under AddressSanitizer every block goes straight to malloc/free, so use-after-free and leak reports
   point at the real culprit instead of a recycled block. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)     /* clang does not define __SANITIZE_ADDRESS__ */
#define CT_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(CT_ASAN)
#define SMALL_MAX 0
#else
#define SMALL_MAX 256                  /* blocks up to this size come from free lists */
#endif
#define SMALL_STEP 16
#define NCLASSES (SMALL_MAX / SMALL_STEP + 1)
#define FREELIST_MAX 4096              /* blocks kept per class */

typedef struct free_block { struct free_block *next; } free_block;

static free_block *freelist[NCLASSES];
static int freelist_n[NCLASSES];
static int64_t live_bytes;
static int64_t limit_bytes;            /* 0: no cap */

#ifdef CT_DEBUG_ALLOC
static long fail_after = -2;           /* -2: not read yet, -1: never fail */
static long fail_every, fail_count;
static bool armed;                     /* every-Nth failures start with the first lang_run */
void lang_alloc_arm_faults(void) {
  armed = true;
  ten_mem_arm_faults();
}
static bool should_fail(void) {
  if (fail_after == -2) {
    const char *e = getenv("CT_FAIL_ALLOC_AFTER");
    fail_after = e ? atol(e) : -1;
    e = getenv("CTORCH_FAIL_ALLOC_EVERY");
    fail_every = e ? atol(e) : 0;
  }
  if (fail_every > 0 && armed && ++fail_count % fail_every == 0) return true;
  if (fail_after < 0) return false;
  if (fail_after == 0) return true;
  fail_after--;
  return false;
}
#else
void lang_alloc_arm_faults(void) {}
static inline bool should_fail(void) { return false; }
#endif

static inline int size_class(size_t n) { return (int)((n + SMALL_STEP - 1) / SMALL_STEP) - 1; }

/* Zeroes a recycled block (sz a multiple of SMALL_STEP): fixed-size stores, since the memset of a
   variable size was inlined as `rep stos`, whose start-up cost dominated the allocation. */
static inline void zero_small(void *p, size_t sz) {
  char *q = p;
  size_t i = 0;
  for (; i + 32 <= sz; i += 32) memset(q + i, 0, 32);
  if (i < sz) memset(q + i, 0, 16);
}

/* No single interpreter object is allowed to be this big: such a request is a MemoryError at once. */
#define LANG_ALLOC_MAX ((size_t)1 << 38)

void *lang_alloc(size_t n) {
  if (n == 0) n = 1;
  if (n > LANG_ALLOC_MAX || should_fail()) return NULL;
  if (limit_bytes && live_bytes + (int64_t)n > limit_bytes) return NULL;
  if (n <= SMALL_MAX) {
    int c = size_class(n);
    free_block *b = freelist[c];
    if (b) {
      freelist[c] = b->next;
      freelist_n[c]--;
      size_t sz = (size_t)(c + 1) * SMALL_STEP;
      zero_small(b, sz);
      live_bytes += (int64_t)sz;
      return b;
    }
    size_t sz = (size_t)(c + 1) * SMALL_STEP;
    void *p = calloc(1, sz);
    if (p) live_bytes += (int64_t)sz;
    return p;
  }
  void *p = calloc(1, n);
  if (p) live_bytes += (int64_t)n;
  return p;
}

void lang_free(void *p, size_t n) {
  if (!p) return;
  if (n == 0) n = 1;
  if (n <= SMALL_MAX) {
    int c = size_class(n);
    live_bytes -= (int64_t)(c + 1) * SMALL_STEP;
    if (freelist_n[c] < FREELIST_MAX) {
      free_block *b = p;
      b->next = freelist[c];
      freelist[c] = b;
      freelist_n[c]++;
      return;
    }
    free(p);
    return;
  }
  live_bytes -= (int64_t)n;
  free(p);
}

void *lang_realloc(void *p, size_t old_n, size_t new_n) {
  if (!p) return lang_alloc(new_n);
  if (new_n == 0) new_n = 1;
  if (new_n > LANG_ALLOC_MAX) return NULL;
  if (old_n == 0) old_n = 1;
  bool old_small = old_n <= SMALL_MAX, new_small = new_n <= SMALL_MAX;
  if (!old_small && !new_small) {
    if (should_fail()) return NULL;
    if (limit_bytes && new_n > old_n && live_bytes + (int64_t)(new_n - old_n) > limit_bytes) return NULL;
    void *q = realloc(p, new_n);
    if (!q) return NULL;
    if (new_n > old_n) memset((char *)q + old_n, 0, new_n - old_n);
    live_bytes += (int64_t)new_n - (int64_t)old_n;
    return q;
  }
  if (old_small && new_small && size_class(old_n) == size_class(new_n)) {
    if (new_n > old_n) memset((char *)p + old_n, 0, new_n - old_n);
    return p;
  }
  void *q = lang_alloc(new_n);
  if (!q) return NULL;
  memcpy(q, p, old_n < new_n ? old_n : new_n);
  lang_free(p, old_n);
  return q;
}

/* Returns every cached small block to the system (end of the interpreter; leak checkers). */
void lang_alloc_trim(void) {
  for (int c = 0; c < NCLASSES; c++) {
    while (freelist[c]) {
      free_block *b = freelist[c];
      freelist[c] = b->next;
      free(b);
    }
    freelist_n[c] = 0;
  }
}

int64_t lang_alloc_live_bytes(void) { return live_bytes; }
void lang_alloc_set_limit(int64_t bytes) { limit_bytes = bytes > 0 ? bytes : 0; }
int64_t lang_alloc_get_limit(void) { return limit_bytes; }
