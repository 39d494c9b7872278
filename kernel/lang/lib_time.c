/*
** kernel/lang/lib_time.c — the time module: time, perf_counter, monotonic, process_time, sleep
** (interruptible), strftime/localtime basics.
*/
#include <errno.h>
#include <time.h>

#include "kernel/lang/internal.h"

static double clock_s(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static value t_time(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_float(clock_s(CLOCK_REALTIME)); }
static value t_time_ns(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return val_int((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}
static value t_perf(lang_vm *vm, const value *a, int n, obj_tuple *kw) { return val_float(clock_s(CLOCK_MONOTONIC)); }
static value t_perf_ns(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return val_int((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}
static value t_process(lang_vm *vm, const value *a, int n, obj_tuple *kw) {
  return val_float(clock_s(CLOCK_PROCESS_CPUTIME_ID));
}

static value t_sleep(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  double s;
  if (bi_to_double(vm, args[0], &s) < 0) return val_null();
  if (s < 0) return exc_set(vm, EXC_ValueError, "sleep length must be non-negative");
  double end = clock_s(CLOCK_MONOTONIC) + s;
  for (;;) {
    if (vm_check_interrupt(vm) < 0) return val_null();
    double left = end - clock_s(CLOCK_MONOTONIC);
    if (left <= 0) break;
    if (left > 0.05) left = 0.05;   /* wake up to notice interrupts */
    struct timespec ts = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
    nanosleep(&ts, NULL);
  }
  return val_none();
}

static value t_strftime(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (bi_check_nargs(vm, "strftime", nargs, 1, 1) < 0) return val_null();
  obj_str *f = bi_to_str(vm, args[0], "strftime", "1");
  if (!f) return val_null();
  time_t now = time(NULL);
  struct tm tm;
  localtime_r(&now, &tm);
  char buf[512];
  size_t n = strftime(buf, sizeof buf, f->data, &tm);
  return val_obj(str_new(vm, buf, (int64_t)n));
}

static value t_ctime(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  time_t now = time(NULL);
  char buf[64];
  ctime_r(&now, buf);
  size_t n = strlen(buf);
  if (n && buf[n - 1] == '\n') n--;
  return val_obj(str_new(vm, buf, (int64_t)n));
}

static const bi_reg time_funcs[] = {
  {"time", t_time, 0, 0, "time() -> floating point number\n\nReturn the current time in seconds since the Epoch."},
  {"time_ns", t_time_ns, 0, 0, "time_ns() -> int"},
  {"perf_counter", t_perf, 0, 0, "perf_counter() -> float\n\nPerformance counter for benchmarking."},
  {"perf_counter_ns", t_perf_ns, 0, 0, "perf_counter_ns() -> int"},
  {"monotonic", t_perf, 0, 0, "monotonic() -> float"},
  {"process_time", t_process, 0, 0, "process_time() -> float"},
  {"sleep", t_sleep, 1, 0, "sleep(seconds)\n\nDelay execution for a given number of seconds."},
  {"strftime", t_strftime, BI_VARARGS, 0, "strftime(format) -> string"},
  {"ctime", t_ctime, BI_VARARGS, 0, "ctime(seconds) -> string"},
  {NULL, NULL, 0, 0, NULL}
};

int lib_time_init(lang_vm *vm, obj_dict *d) { return module_add_funcs(vm, d, time_funcs); }
