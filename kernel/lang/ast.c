/*
** kernel/lang/ast.c — the AST arena: a chunked bump allocator. Every node, list, string and token
** of one parse lives here and is freed in one go by ast_arena_free.
*/
#include "kernel/lang/ast.h"
#include "kernel/lang/ast_dump.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK (64 * 1024)
#define ARENA_ALIGN 16

typedef struct arena_chunk {
  struct arena_chunk *next;
  size_t used, size;      /* bytes of data[] in use / available */
  max_align_t data[];     /* payload */
} arena_chunk;

struct ast_arena {
  arena_chunk *head;      /* newest chunk first */
  long fail_after;        /* debug: allocations left before a simulated OOM; < 0: never */
};

ast_arena *ast_arena_new(void) {
  ast_arena *a = calloc(1, sizeof *a);
  if (a) a->fail_after = -1;
  return a;
}

void ast_arena_free(ast_arena *a) {
  if (!a) return;
  for (arena_chunk *c = a->head, *next; c; c = next) {
    next = c->next;
    free(c);
  }
  free(a);
}

void ast_arena_fail_after(ast_arena *a, long n) { a->fail_after = n; }

void *ast_alloc(ast_arena *a, size_t n) {
  if (a->fail_after == 0) return NULL;
  if (a->fail_after > 0) a->fail_after--;
  n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  if (n == 0) n = ARENA_ALIGN;
  arena_chunk *c = a->head;
  if (!c || c->size - c->used < n) {
    size_t size = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;
    arena_chunk *nc = malloc(sizeof *nc + size);
    if (!nc) return NULL;
    nc->used = 0;
    nc->size = size;
    if (c && size == n && c->size - c->used >= ARENA_CHUNK / 8) {
      /* a big one-off block: keep filling the current chunk afterwards */
      nc->next = c->next;
      c->next = nc;
      nc->used = n;
      memset(nc->data, 0, n);
      return nc->data;
    }
    nc->next = c;
    a->head = c = nc;
  }
  void *p = (char *)c->data + c->used;
  c->used += n;
  memset(p, 0, n);
  return p;
}

char *ast_strndup(ast_arena *a, const char *s, size_t n) {
  char *d = ast_alloc(a, n + 1);
  if (!d) return NULL;
  if (n) memcpy(d, s, n);
  d[n] = '\0';
  return d;
}
