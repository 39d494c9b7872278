/*
** kernel/lang/limits.c — the resource limits of an interpreter process, read once from the
** environment (docs/security.md lists them): memory for tensors and for interpreter objects, the size
** of one tensor, the recursion limit and its ceiling, and the C stack guard that turns runaway
** recursion into a RecursionError whatever the recursion limit says.
**
**   CTORCH_MAX_TENSOR_MEMORY   total bytes of CPU tensor storage   default: 80% of RAM (or cgroup limit)
**   CTORCH_MAX_TENSOR_SIZE     bytes of one tensor's storage         default: none (the total applies)
**   CTORCH_MAX_OBJECT_MEMORY   live bytes of interpreter objects     default: 80% of RAM (or cgroup limit)
**   CTORCH_RECURSION_LIMIT     sys.getrecursionlimit() at start      default: 1000
**   CTORCH_MAX_RECURSION_LIMIT ceiling of sys.setrecursionlimit()    default: 20000
**
** Sizes are bytes with an optional k/M/G/T suffix (powers of 1024); 0, "none" or "unlimited" means no
** cap. Going over a memory cap is a MemoryError with a message naming the limit. A value that does not
** parse is reported on stderr and the default is kept.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "kernel/lang/lang.h"
#include "kernel/lang/object.h"
#include "kernel/lang/vm.h"
#include "tensor/tensor.h"

#define DEFAULT_RECURSION 1000
#define DEFAULT_CEILING 20000

static int recursion_default = DEFAULT_RECURSION, recursion_ceiling = DEFAULT_CEILING;

/* "512M" -> bytes; -1 if it does not parse (lang.h). */
long long lang_parse_size(const char *s) {
  if (strcasecmp(s, "none") == 0 || strcasecmp(s, "unlimited") == 0) return 0;
  char *end;
  double v = strtod(s, &end);
  if (end == s || v < 0) return -1;
  switch (*end) {
  case 'k': case 'K': v *= 1024.0; end++; break;
  case 'm': case 'M': v *= 1024.0 * 1024; end++; break;
  case 'g': case 'G': v *= 1024.0 * 1024 * 1024; end++; break;
  case 't': case 'T': v *= 1024.0 * 1024 * 1024 * 1024; end++; break;
  default: break;
  }
  if (*end == 'b' || *end == 'B') end++;
  if (*end || v > 9.0e18) return -1;
  return (int64_t)v;
}

static int64_t env_size(const char *name, int64_t dflt) {
  const char *s = getenv(name);
  if (!s || !*s) return dflt;
  int64_t v = lang_parse_size(s);
  if (v < 0) {
    fprintf(stderr, "ctorch: ignoring %s=%s (not a size such as 512M, 2G or none)\n", name, s);
    return dflt;
  }
  return v;
}

static int env_int(const char *name, int dflt, int min) {
  const char *s = getenv(name);
  if (!s || !*s) return dflt;
  char *end;
  long v = strtol(s, &end, 10);
  if (end == s || *end || v < min || v > 100000000) {
    fprintf(stderr, "ctorch: ignoring %s=%s (not an integer >= %d)\n", name, s, min);
    return dflt;
  }
  return (int)v;
}

/* The memory this process may use: physical RAM, or less when a cgroup (v2, then v1) says so. */
static int64_t memory_budget(void) {
  long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
  int64_t ram = pages > 0 && psize > 0 ? (int64_t)pages * psize : 0;
  static const char *const cgroup_files[] = {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"};
  for (int i = 0; i < 2; i++) {
    FILE *f = fopen(cgroup_files[i], "r");
    if (!f) continue;
    char buf[64];
    if (fgets(buf, sizeof buf, f)) {
      char *end;
      long long v = strtoll(buf, &end, 10);
      if (end != buf && v > 0 && (ram == 0 || v < ram)) ram = v;
    }
    fclose(f);
  }
  return ram;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_limits(void) {
  int64_t dflt = memory_budget() / 10 * 8;
  ten_mem_set_limit(env_size("CTORCH_MAX_TENSOR_MEMORY", dflt));
  ten_mem_set_max_alloc(env_size("CTORCH_MAX_TENSOR_SIZE", 0));
  lang_alloc_set_limit(env_size("CTORCH_MAX_OBJECT_MEMORY", dflt));
  recursion_ceiling = env_int("CTORCH_MAX_RECURSION_LIMIT", DEFAULT_CEILING, 0);
  recursion_default = env_int("CTORCH_RECURSION_LIMIT", DEFAULT_RECURSION, 1);
  if (recursion_ceiling > 0 && recursion_default > recursion_ceiling) recursion_default = recursion_ceiling;
}

void lang_limits_init(void) { pthread_once(&once, init_limits); }
int lang_recursion_ceiling(void) { return recursion_ceiling; }
int lang_recursion_default(void) { return recursion_default; }

/* ---- the C stack guard ---- */

__thread uintptr_t lang_stack_floor;

/* The lowest address this thread's stack may reach before RecursionError: the stack's end plus a
   margin for the C code that runs between two checks (an eighth of the stack, 256 KiB to 2 MiB). */
uintptr_t lang_stack_floor_init(void) {
  uintptr_t here = (uintptr_t)__builtin_frame_address(0);
  size_t size = 0;
  void *addr = NULL;
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    if (pthread_attr_getstack(&attr, &addr, &size) != 0) size = 0;
    pthread_attr_destroy(&attr);
  }
  uintptr_t lo = (uintptr_t)addr;
  if (size == 0 || here < lo || here - lo > size) {   /* unknown: assume 1 MiB below here */
    size = 1 << 20;
    lo = here > size ? here - size : 0;
  }
  if (size > ((size_t)1 << 30)) {   /* "unlimited": trust 1 GiB of it */
    size = (size_t)1 << 30;
    lo = here > size ? here - size : lo;
  }
  size_t margin = size / 8;
  if (margin < ((size_t)256 << 10)) margin = (size_t)256 << 10;
  if (margin > ((size_t)2 << 20)) margin = (size_t)2 << 20;
  if (margin > size / 2) margin = size / 2;
  lang_stack_floor = lo + margin;
  return lang_stack_floor;
}
