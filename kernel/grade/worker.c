/*
** kernel/grade/worker.c — the grading worker (`ctorch grade --worker`, started by sandbox.c): reads
** its plan (JSON) from stdin, then runs the cells one after another in one interpreter, as the
** kernel would (LANG_RUN_CELL, display()/IPython available, input() not allowed), and reports on
** fd 3 one JSON line per event:
**   {"hello": {"netns": true}}                      once, before the first cell
**   {"start": i}                                    cell i begins (the grader's clock starts)
**   {"done": i, "status": "ok"|"error", "ename", "evalue", "traceback", "value", "stdout",
**    "stderr", "stderr_bytes", "time", "timeout"}   cell i ended
**   {"end": true}                                   every cell ran
** SIGINT (the grader's timeout) raises KeyboardInterrupt in the running cell; the cell is marked
** "timeout" and the next one runs. Not meant to be started by hand.
*/
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kernel/grade/grade.h"
#include "kernel/lang/lang.h"

enum { KEEP_OUTPUT = 4096, KEEP_TRACEBACK = 8192, KEEP_VALUE = 256 };

/* ---- output capture ---- */

typedef struct capture {
  char buf[2][KEEP_OUTPUT];   /* the first KEEP_OUTPUT bytes of stdout, stderr */
  size_t kept[2];
  size_t total[2];            /* bytes written */
} capture;

static void on_output(void *ctx, int stream, const char *s, size_t n) {
  capture *c = ctx;
  int k = stream == 2 ? 1 : 0;
  c->total[k] += n;
  size_t room = KEEP_OUTPUT - c->kept[k];
  if (n > room) n = room;
  memcpy(c->buf[k] + c->kept[k], s, n);
  c->kept[k] += n;
}

/* ---- kernel hooks: display goes nowhere, input() is refused ---- */

static int hook_display(void *ctx, const lang_mime_bundle *b, const char *display_id, bool update) { return 0; }
static int hook_clear(void *ctx, bool wait) { return 0; }
static int hook_input(void *ctx, const char *prompt, bool password, char **line) {
  *line = NULL;
  return LANG_INPUT_NOT_ALLOWED;
}

/* ---- events ---- */

static void emit_raw(const char *s, size_t n) {
  while (n) {
    ssize_t w = write(3, s, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) _exit(3);   /* the grader is gone */
    s += w;
    n -= (size_t)w;
  }
}

static void emit(json_t *ev, const char *fallback) {
  char *s = ev ? json_dumps(ev, JSON_COMPACT) : NULL;
  json_decref(ev);
  if (!s) {
    emit_raw(fallback, strlen(fallback));
    return;
  }
  emit_raw(s, strlen(s));
  emit_raw("\n", 1);
  free(s);
}

/* A JSON string of n bytes of text, cleaned to valid UTF-8 and cut to max bytes. */
static json_t *jtext(const char *s, size_t n, size_t max) {
  if (!s) return json_null();
  char *c = gr_utf8_clean(s, n, max);
  json_t *j = c ? json_string(c) : json_null();
  free(c);
  return j ? j : json_null();
}

/* ---- main ---- */

static volatile sig_atomic_t *g_flag;
static volatile sig_atomic_t g_timed_out;

static void on_sigint(int sig) {
  g_timed_out = 1;
  if (g_flag) *g_flag = 1;
}

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

static char *read_all(int fd, size_t *len) {
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap + 1);
  while (buf) {
    ssize_t r = read(fd, buf + n, cap - n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    n += (size_t)r;
    if (n == cap) {
      char *nb = realloc(buf, 2 * cap + 1);
      if (!nb) {
        free(buf);
        return NULL;
      }
      buf = nb;
      cap *= 2;
    }
  }
  if (buf) buf[n] = 0, *len = n;
  return buf;
}

int gr_worker_main(int argc, char **argv) {
  bool netns = argc > 1 && strcmp(argv[1], "--netns") == 0;
  if (fcntl(3, F_GETFD) < 0) {
    fprintf(stderr, "ctorch grade --worker: started by `ctorch grade`, not by hand\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  signal(SIGXFSZ, SIG_IGN);   /* past RLIMIT_FSIZE a write fails (an OSError in the cell), it does not kill us */
  size_t len;
  char *text = read_all(0, &len);
  json_error_t je;
  json_t *plan = text ? json_loadb(text, len, 0, &je) : NULL;
  free(text);
  /* the plan (hidden tests) is read: the cells' sys.stdin sees nothing */
  int devnull = open("/dev/null", O_RDONLY);
  if (devnull >= 0) dup2(devnull, 0), close(devnull);
  json_t *cells = json_object_get(plan, "cells");
  if (!json_is_array(cells)) {
    emit(json_pack("{s:s}", "fatal", "unreadable plan"), "{\"fatal\": \"unreadable plan\"}\n");
    return 2;
  }
  emit(json_pack("{s:{s:b}}", "hello", "netns", netns), "{\"hello\": {}}\n");

  char *vm_argv[] = {"ctorch", NULL};
  lang_vm *vm = lang_vm_new(1, vm_argv);
  if (!vm) {
    emit(json_pack("{s:s}", "fatal", "out of memory"), "{\"fatal\": \"out of memory\"}\n");
    return 2;
  }
  capture *cap = calloc(1, sizeof *cap);
  if (!cap) return 2;
  lang_set_output(vm, on_output, cap);
  lang_kernel_hooks hooks = {NULL, hook_display, hook_clear, hook_input, NULL};
  lang_kernel_install(vm, &hooks);
  g_flag = lang_interrupt_flag(vm);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);

  size_t i;
  json_t *cell;
  json_array_foreach(cells, i, cell) {
    const char *code = json_string_value(json_object_get(cell, "code"));
    const char *name = json_string_value(json_object_get(cell, "name"));
    if (!code) code = "";
    if (!name) name = "<cell>";
    memset(cap, 0, sizeof *cap);
    g_timed_out = 0;
    *g_flag = 0;
    emit(json_pack("{s:i}", "start", (json_int_t)i), "{\"start\": -1}\n");
    double t0 = now_s();
    char *repr = NULL;
    int exit_code = 0;
    lang_status st = lang_run(vm, code, strlen(code), name, LANG_RUN_CELL, &repr, &exit_code);
    if (st == LANG_OK) lang_post_execute(vm);   /* figures left open, as the kernel shows them */
    double dt = now_s() - t0;
    bool timed_out = g_timed_out != 0;
    json_t *ev = json_pack("{s:i, s:s, s:f, s:b, s:o, s:o, s:I}", "done", (json_int_t)i, "status",
                           st == LANG_OK ? "ok" : "error", "time", dt, "timeout", timed_out, "stdout",
                           jtext(cap->buf[0], cap->kept[0], KEEP_OUTPUT), "stderr",
                           jtext(cap->buf[1], cap->kept[1], KEEP_OUTPUT), "stderr_bytes", (json_int_t)cap->total[1]);
    if (ev && st == LANG_OK && repr) json_object_set_new(ev, "value", jtext(repr, strlen(repr), KEEP_VALUE));
    if (ev && st != LANG_OK) {
      const char *ename = st == LANG_EXIT ? "SystemExit" : lang_last_error_type(vm);
      char code_text[24];
      snprintf(code_text, sizeof code_text, "%d", exit_code);
      const char *evalue = st == LANG_EXIT ? code_text : lang_last_error_value(vm);
      const char *tb = st == LANG_EXIT ? "" : lang_last_traceback(vm);
      json_object_set_new(ev, "ename", jtext(ename, ename ? strlen(ename) : 0, 200));
      json_object_set_new(ev, "evalue", jtext(evalue, evalue ? strlen(evalue) : 0, 2000));
      json_object_set_new(ev, "traceback", jtext(tb, tb ? strlen(tb) : 0, KEEP_TRACEBACK));
    }
    free(repr);
    char fallback[96];
    snprintf(fallback, sizeof fallback, "{\"done\": %zu, \"status\": \"error\", \"ename\": \"MemoryError\"}\n", i);
    emit(ev, fallback);
  }
  emit(json_pack("{s:b}", "end", 1), "{\"end\": true}\n");
  /* no teardown: the process ends here and the system takes everything back */
  fflush(stdout);
  fflush(stderr);
  _exit(0);
}
