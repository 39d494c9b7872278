/*
** kernel/grade/grade.c — `ctorch grade`: the command line, and the scheduler that grades a class.
** Up to --jobs workers run at once; one single-threaded poll() loop reads their events, enforces the
** per-cell wall clock (SIGINT = KeyboardInterrupt at --timeout, SIGKILL 2 s later) and turns every
** way a worker can end — finished, killed, crashed, never started — into a result. A submission that
** is not a readable ctorch notebook gets its result without a worker.
*/
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <stdarg.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kernel/grade/grade.h"

enum { EXIT_USAGE = 2, LINE_MAX_BYTES = 4 << 20, STDERR_TAIL = 2048 };
static const double GRACE_S = 2.0;       /* after SIGINT, before SIGKILL */
static const double STARTUP_S = 20.0;    /* a worker that says nothing for this long is killed */

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

static char *xstrdup(const char *s) { return s ? strdup(s) : NULL; }

static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = NULL;
  if (vasprintf(&s, fmt, ap) < 0) s = NULL;
  va_end(ap);
  return s;
}

const char *gr_test_status_name(gr_test_status s) {
  static const char *names[] = {"pass", "fail", "error", "timeout", "not_run", "missing"};
  return names[s];
}

const char *gr_sub_status_name(gr_sub_status s) {
  static const char *names[] = {"ok", "timeout", "crashed", "malformed", "wrong_kernel", "internal_error"};
  return names[s];
}

void gr_submission_free(gr_submission *s, int ntests) {
  for (int t = 0; s->tests && t < ntests; t++) {
    free(s->tests[t].ename);
    free(s->tests[t].message);
    free(s->tests[t].traceback);
  }
  for (int e = 0; e < s->nerrors; e++) free(s->errors[e].ename), free(s->errors[e].evalue);
  free(s->tests);
  free(s->errors);
  free(s->path);
  free(s->name);
  free(s->message);
  free(s->stderr_tail);
}

/* ---- finding submissions ---- */

typedef struct sub_list {
  gr_submission *v;
  int n, cap;
} sub_list;

static int sub_add(sub_list *l, const char *path, const char *name) {
  if (l->n == l->cap) {
    int cap = l->cap ? 2 * l->cap : 64;
    gr_submission *nv = realloc(l->v, (size_t)cap * sizeof *nv);
    if (!nv) return -1;
    l->v = nv;
    l->cap = cap;
  }
  gr_submission *s = &l->v[l->n++];
  memset(s, 0, sizeof *s);
  s->path = strdup(path);
  s->name = strdup(name);
  return s->path && s->name ? 0 : -1;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Every *.ipynb below dir (sorted; hidden directories such as .ipynb_checkpoints skipped), named by
   their path relative to root. The source notebook itself is left out. */
static void scan_dir(sub_list *l, const char *dir, const char *rel, const char *skip_real) {
  DIR *d = opendir(dir);
  if (!d) return;
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 64;
      char **nn = realloc(names, cap * sizeof *nn);
      if (!nn) break;
      names = nn;
    }
    if (!(names[n] = strdup(e->d_name))) break;
    n++;
  }
  closedir(d);
  if (n) qsort(names, n, sizeof *names, cmp_str);
  for (size_t i = 0; i < n; i++) {
    char *path = xprintf("%s/%s", dir, names[i]);
    char *name = *rel ? xprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
    struct stat st;
    if (path && name && stat(path, &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        scan_dir(l, path, name, skip_real);
      } else if (S_ISREG(st.st_mode) && ends_with(names[i], ".ipynb")) {
        char real[PATH_MAX];
        if (!(skip_real && realpath(path, real) && strcmp(real, skip_real) == 0)) sub_add(l, path, name);
      }
    }
    free(path);
    free(name);
    free(names[i]);
  }
  free(names);
}

/* ---- a running worker ---- */

typedef struct slot {
  bool busy;
  gr_submission *sub;
  gr_notebook nb;
  gr_plan plan;
  gr_worker w;
  char *buf;             /* an event line being received */
  size_t n, cap;
  bool hello, ended, killed, interrupted;
  char *fatal;           /* the worker's own "fatal" event */
  int cur;               /* running step, or -1 */
  int last_done;         /* last finished step */
  double t0, deadline;
  char workdir[PATH_MAX], logpath[PATH_MAX];
} slot;

typedef struct grader {
  const gr_assignment *a;
  const char *exe;
  double timeout_s;
  long memory_mb;
  bool keep;
  char base[PATH_MAX];   /* the temporary directory holding the working directories */
  int serial;
} grader;

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  if (flag == FTW_DP) rmdir(path);
  else unlink(path);
  return 0;
}

static void rm_tree(const char *path) { nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS); }

static void set_test(gr_test_result *r, gr_test_status st, double score, const char *ename, char *message) {
  r->status = st;
  r->score = score;
  free(r->ename);
  free(r->message);
  r->ename = xstrdup(ename);
  r->message = message;
}

/* nbgrader's partial credit: a test cell whose value is a number in (0, points] scores that. */
static double test_score(const char *value, double points) {
  if (!value || !*value) return points;
  char *end;
  double v = strtod(value, &end);
  if (end == value || *end || !isfinite(v) || v <= 0) return points;
  return v < points ? v : points;
}

static const char *jstr(json_t *o, const char *key) {
  const char *s = json_string_value(json_object_get(o, key));
  return s ? s : "";
}

static void on_done(grader *g, slot *s, json_t *ev) {
  int i = (int)json_integer_value(json_object_get(ev, "done"));
  if (i < 0 || i >= s->plan.nsteps) return;
  s->cur = -1;
  s->last_done = i;
  s->deadline = now_s() + STARTUP_S;
  const gr_step *step = &s->plan.steps[i];
  bool ok = strcmp(jstr(ev, "status"), "ok") == 0;
  bool timeout = json_is_true(json_object_get(ev, "timeout"));
  const char *ename = jstr(ev, "ename"), *evalue = jstr(ev, "evalue");
  double t = json_number_value(json_object_get(ev, "time"));
  if (step->test >= 0) {
    gr_test_result *r = &s->sub->tests[step->test];
    double points = g->a->tests[step->test].points;
    r->time_s = t;
    if (timeout && !ok) {
      set_test(r, GR_TIMEOUT, 0, "Timeout", xprintf("timeout: the cell ran longer than %g s", g->timeout_s));
    } else if (!ok) {
      set_test(r, strcmp(ename, "AssertionError") == 0 ? GR_FAIL : GR_ERROR, 0, ename,
               *evalue ? xprintf("%s: %s", ename, evalue) : xstrdup(ename));
      free(r->traceback);
      r->traceback = xstrdup(jstr(ev, "traceback"));
    } else if (json_integer_value(json_object_get(ev, "stderr_bytes")) > 0) {
      /* nbgrader gives no points to a test cell that wrote to stderr */
      set_test(r, GR_FAIL, 0, "stderr", xprintf("the test cell wrote to stderr: %s", jstr(ev, "stderr")));
    } else {
      set_test(r, GR_PASS, test_score(json_string_value(json_object_get(ev, "value")), points), NULL, NULL);
    }
  } else if (!ok) {
    gr_submission *sub = s->sub;
    gr_cell_error *ne = realloc(sub->errors, (size_t)(sub->nerrors + 1) * sizeof *ne);
    if (!ne) return;
    sub->errors = ne;
    gr_cell_error *e = &sub->errors[sub->nerrors++];
    e->cell = step->cell;
    if (timeout) {
      e->ename = strdup("Timeout");
      e->evalue = xprintf("the cell ran longer than %g s and was interrupted", g->timeout_s);
    } else {
      e->ename = strdup(ename);
      e->evalue = strdup(evalue);
    }
  }
}

static void on_event(grader *g, slot *s, const char *line, size_t n) {
  json_t *ev = json_loadb(line, n, 0, NULL);
  if (!json_is_object(ev)) {
    json_decref(ev);
    return;
  }
  json_t *v;
  if ((v = json_object_get(ev, "hello"))) {
    s->hello = true;
    s->sub->netns = json_is_true(json_object_get(v, "netns"));
  } else if ((v = json_object_get(ev, "start"))) {
    int i = (int)json_integer_value(v);
    if (i >= 0 && i < s->plan.nsteps) {
      s->cur = i;
      s->interrupted = false;
      s->deadline = now_s() + g->timeout_s;
    }
  } else if (json_object_get(ev, "done")) {
    on_done(g, s, ev);
  } else if (json_object_get(ev, "end")) {
    s->ended = true;
  } else if ((v = json_object_get(ev, "fatal"))) {
    free(s->fatal);
    s->fatal = xstrdup(json_string_value(v));
  }
  json_decref(ev);
}

/* Appends n bytes to the slot's partial line. false when the line grows past LINE_MAX_BYTES. */
static bool line_append(slot *s, const char *p, size_t n) {
  if (s->n + n > LINE_MAX_BYTES) return false;
  if (s->n + n > s->cap) {
    size_t cap = s->cap ? s->cap : 65536;
    while (cap < s->n + n) cap *= 2;
    char *nb = realloc(s->buf, cap);
    if (!nb) return false;
    s->buf = nb;
    s->cap = cap;
  }
  memcpy(s->buf + s->n, p, n);
  s->n += n;
  return true;
}

/* Reads what the worker wrote; false at end of file. */
static bool slot_read(grader *g, slot *s) {
  char chunk[65536];
  for (;;) {
    ssize_t r = read(s->w.events_fd, chunk, sizeof chunk);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return true;   /* EAGAIN */
    if (r == 0) return false;
    size_t off = 0;
    for (size_t k = 0; k < (size_t)r; k++) {
      if (chunk[k] != '\n') continue;
      if (s->n == 0) {
        on_event(g, s, chunk + off, k - off);
      } else if (line_append(s, chunk + off, k - off)) {
        on_event(g, s, s->buf, s->n);
      }
      s->n = 0;
      off = k + 1;
    }
    if (off < (size_t)r && !line_append(s, chunk + off, (size_t)r - off)) {
      kill(-s->w.pid, SIGKILL);   /* a worker that floods the pipe is killed */
      s->killed = true;
      return false;
    }
  }
}

static char *file_tail(const char *path, size_t max) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  if (size <= 0) {
    fclose(f);
    return NULL;
  }
  long from = size > (long)max ? size - (long)max : 0;
  fseek(f, from, SEEK_SET);
  char *buf = malloc((size_t)(size - from) + 1);
  size_t n = buf ? fread(buf, 1, (size_t)(size - from), f) : 0;
  fclose(f);
  if (!buf) return NULL;
  char *clean = gr_utf8_clean(buf, n, max);
  free(buf);
  return clean;
}

/* Where a worker stopped, for messages: "cell 4 (test 'q3')" or "cell 4". */
static char *where(const grader *g, const slot *s, int step) {
  if (step < 0) return strdup("before the first cell");
  const gr_step *st = &s->plan.steps[step];
  if (st->test >= 0) return xprintf("cell %d (test '%s')", st->cell + 1, g->a->tests[st->test].grade_id);
  return xprintf("cell %d", st->cell + 1);
}

/* The worker is gone: reap it and write the submission's result. */
static void slot_finish(grader *g, slot *s) {
  int status = 0;
  struct rusage ru;
  memset(&ru, 0, sizeof ru);
  pid_t r = 0;
  for (int tries = 0; tries < 100 && (r = wait4(s->w.pid, &status, WNOHANG, &ru)) == 0; tries++) usleep(10000);
  if (r == 0) {
    kill(-s->w.pid, SIGKILL);
    wait4(s->w.pid, &status, 0, &ru);
  }
  close(s->w.events_fd);
  gr_submission *sub = s->sub;
  sub->time_s = now_s() - s->t0;
  sub->max_rss_kb = ru.ru_maxrss;
  bool clean_exit = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  int stop = s->cur;   /* the cell that was running when it ended */
  char *at = !s->hello ? strdup("at startup")
             : where(g, s, stop >= 0 ? stop : s->last_done + 1 < s->plan.nsteps ? s->last_done + 1 : -1);
  if (s->ended && clean_exit) {
    sub->status = GR_SUB_OK;
  } else if (s->killed) {
    sub->status = GR_SUB_TIMEOUT;
    sub->message = xprintf("%s did not stop within %g s of its %g s timeout and was killed", at, GRACE_S, g->timeout_s);
  } else {
    sub->status = GR_SUB_CRASHED;
    if (WIFSIGNALED(status)) {
      int sig = WTERMSIG(status);
      const char *hint = sig == SIGSEGV || sig == SIGBUS ? " (a recursion deeper than the C stack, or a bug in ctorch)"
                         : sig == SIGKILL ? " (killed from outside: the system's out-of-memory killer?)"
                         : sig == SIGXCPU ? " (CPU time limit)"
                         : "";
      sub->message = xprintf("the worker died of signal %d (%s)%s in %s", sig, strsignal(sig), hint, at);
    } else if (s->fatal) {
      sub->message = xprintf("the worker could not run: %s", s->fatal);
    } else {
      sub->message = xprintf("the worker exited with status %d in %s", WIFEXITED(status) ? WEXITSTATUS(status) : -1, at);
    }
    sub->stderr_tail = file_tail(s->logpath, STDERR_TAIL);
  }
  /* tests the worker never finished */
  for (int t = 0; t < g->a->ntests; t++) {
    int step = s->plan.test_step[t];
    gr_test_result *tr = &sub->tests[t];
    if (step < 0 || step <= s->last_done) continue;
    if (step == stop && sub->status == GR_SUB_TIMEOUT)
      set_test(tr, GR_TIMEOUT, 0, "Timeout", xprintf("timeout: the cell ran longer than %g s and was killed", g->timeout_s));
    else if (step == stop)
      set_test(tr, GR_ERROR, 0, "WorkerDied", xstrdup(sub->message));
    else
      set_test(tr, GR_NOT_RUN, 0, NULL,
               xprintf("not run: the worker %s %s", sub->status == GR_SUB_TIMEOUT ? "was killed after a timeout in" : "died", at));
  }
  free(at);
  for (int t = 0; t < g->a->ntests; t++) sub->score += sub->tests[t].score;
  free(s->fatal);
  free(s->buf);
  if (!g->keep) {
    rm_tree(s->workdir);
    unlink(s->logpath);
  }
  gr_plan_free(&s->plan);
  gr_notebook_free(&s->nb);
  memset(s, 0, sizeof *s);
}

/* Every test starts as missing or not run; a submission without a worker keeps these. */
static int sub_prepare(const grader *g, gr_submission *sub) {
  sub->tests = calloc((size_t)g->a->ntests, sizeof *sub->tests);
  if (!sub->tests) return -1;
  for (int t = 0; t < g->a->ntests; t++) sub->tests[t].status = GR_NOT_RUN;
  return 0;
}

static void sub_reject(const grader *g, gr_submission *sub, gr_sub_status st, char *message) {
  sub->status = st;
  sub->message = message;
  for (int t = 0; t < g->a->ntests; t++)
    set_test(&sub->tests[t], GR_NOT_RUN, 0, NULL, xprintf("not run: %s", gr_sub_status_name(st)));
}

/* Loads, checks and starts one submission. true when a worker runs (the slot is busy). */
static bool slot_start(grader *g, slot *s, gr_submission *sub) {
  memset(s, 0, sizeof *s);
  if (sub_prepare(g, sub) < 0) return false;
  double t0 = now_s();
  char why[512];
  if (gr_notebook_load(sub->path, &s->nb, why, sizeof why) < 0) {
    sub_reject(g, sub, GR_SUB_MALFORMED, xprintf("malformed notebook: %s", why));
    sub->time_s = now_s() - t0;
    return false;
  }
  char *kp = gr_notebook_kernel_problem(&s->nb);
  if (kp) {
    sub_reject(g, sub, GR_SUB_WRONG_KERNEL, kp);
    gr_notebook_free(&s->nb);
    sub->time_s = now_s() - t0;
    return false;
  }
  char *plan_json = NULL;
  if (gr_plan_build(g->a, &s->nb, &s->plan) < 0 || !(plan_json = gr_plan_json(&s->plan))) {
    sub_reject(g, sub, GR_SUB_INTERNAL, strdup("out of memory"));
    goto fail;
  }
  for (int t = 0; t < g->a->ntests; t++)
    if (s->plan.test_step[t] < 0)
      set_test(&sub->tests[t], GR_MISSING, 0, NULL,
               xprintf("the submission has no cell with grade_id '%s'", g->a->tests[t].grade_id));
  int id = g->serial++;
  snprintf(s->workdir, sizeof s->workdir, "%s/%04d", g->base, id);
  snprintf(s->logpath, sizeof s->logpath, "%s/%04d.log", g->base, id);
  if (mkdir(s->workdir, 0700) < 0) {
    sub_reject(g, sub, GR_SUB_INTERNAL, xprintf("mkdir %s: %s", s->workdir, strerror(errno)));
    goto fail;
  }
  gr_limits lim = {g->timeout_s, g->memory_mb, s->plan.nsteps};
  if (gr_worker_spawn(g->exe, plan_json, s->workdir, s->logpath, &lim, &s->w, why, sizeof why) < 0) {
    sub_reject(g, sub, GR_SUB_INTERNAL, strdup(why));
    rmdir(s->workdir);
    goto fail;
  }
  free(plan_json);
  s->busy = true;
  s->sub = sub;
  s->cur = -1;
  s->last_done = -1;
  s->t0 = t0;
  s->deadline = now_s() + STARTUP_S;
  return true;
fail:
  free(plan_json);
  gr_plan_free(&s->plan);
  gr_notebook_free(&s->nb);
  sub->time_s = now_s() - t0;
  return false;
}

static volatile sig_atomic_t g_stop;
static void on_stop(int sig) { g_stop = 1; }

/* Grades subs[0..n) with up to jobs workers at once. */
static void grade_all(grader *g, gr_submission *subs, int n, int jobs) {
  slot *slots = calloc((size_t)jobs, sizeof *slots);
  struct pollfd *pfd = calloc((size_t)jobs, sizeof *pfd);
  if (!slots || !pfd) {
    for (int i = 0; i < n; i++)
      if (sub_prepare(g, &subs[i]) == 0) sub_reject(g, &subs[i], GR_SUB_INTERNAL, strdup("out of memory"));
    free(slots);
    free(pfd);
    return;
  }
  int next = 0, running = 0;
  while (next < n || running > 0) {
    for (int k = 0; k < jobs && next < n && !g_stop; k++)
      if (!slots[k].busy) {
        gr_submission *sub = &subs[next++];
        if (slot_start(g, &slots[k], sub)) running++;
        else k--;   /* this slot is still free */
      }
    if (g_stop) {   /* the teacher pressed Ctrl-C: stop everything, keep what is graded */
      for (int k = 0; k < jobs; k++)
        if (slots[k].busy) kill(-slots[k].w.pid, SIGKILL), slots[k].killed = true;
      for (int i = next; i < n; i++)
        if (sub_prepare(g, &subs[i]) == 0) sub_reject(g, &subs[i], GR_SUB_INTERNAL, strdup("grading was interrupted"));
      next = n;
    }
    if (running == 0) continue;
    double t = now_s(), wait = 1.0;
    for (int k = 0; k < jobs; k++) {
      pfd[k].fd = slots[k].busy ? slots[k].w.events_fd : -1;
      pfd[k].events = POLLIN;
      pfd[k].revents = 0;
      if (slots[k].busy && slots[k].deadline - t < wait) wait = slots[k].deadline - t;
    }
    int ms = wait <= 0 ? 0 : (int)ceil(wait * 1000);
    int pr = poll(pfd, (nfds_t)jobs, ms);
    if (pr < 0 && errno != EINTR) break;
    t = now_s();
    for (int k = 0; k < jobs; k++) {
      slot *s = &slots[k];
      if (!s->busy) continue;
      if (pr > 0 && pfd[k].revents && !slot_read(g, s)) {
        slot_finish(g, s);
        running--;
        continue;
      }
      if (t < s->deadline) continue;
      if (s->cur >= 0 && !s->interrupted) {
        kill(-s->w.pid, SIGINT);   /* KeyboardInterrupt in the cell; the worker goes on with the next */
        s->interrupted = true;
        s->deadline = t + GRACE_S;
      } else if (!s->killed) {
        kill(-s->w.pid, SIGKILL);
        s->killed = true;
        s->deadline = t + 5;
      }
    }
  }
  free(slots);
  free(pfd);
}

/* ---- command line ---- */

static int usage(void) {
  fprintf(stderr,
          "usage: ctorch grade --source ASSIGNMENT.ipynb SUBMISSION.ipynb|DIR... [--jobs N] [--timeout S]\n"
          "                    [--memory MB] [--json FILE] [--junit FILE] [--quiet] [--keep]\n"
          "       ctorch grade --release ASSIGNMENT.ipynb [-o OUT.ipynb]\n");
  return EXIT_USAGE;
}

static bool parse_num(const char *s, double lo, double *out) {
  char *end;
  double v = s ? strtod(s, &end) : NAN;
  if (!s || end == s || *end || !(v >= lo) || !isfinite(v)) return false;
  *out = v;
  return true;
}

int gr_main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--worker") == 0) return gr_worker_main(argc - 1, argv + 1);
  const char *source = NULL, *release = NULL, *out = NULL, *json_path = NULL, *junit_path = NULL;
  double jobs_d = (double)sysconf(_SC_NPROCESSORS_ONLN), timeout = 30, memory = 2048;
  bool quiet = false, keep = false;
  const char **paths = calloc((size_t)argc, sizeof *paths);
  int npaths = 0;
  if (!paths) return 1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    bool ok = true;
    if (strcmp(a, "--source") == 0) source = v, i++, ok = v != NULL;
    else if (strcmp(a, "--release") == 0) release = v, i++, ok = v != NULL;
    else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) out = v, i++, ok = v != NULL;
    else if (strcmp(a, "--json") == 0) json_path = v, i++, ok = v != NULL;
    else if (strcmp(a, "--junit") == 0) junit_path = v, i++, ok = v != NULL;
    else if (strcmp(a, "--jobs") == 0 || strcmp(a, "-j") == 0) ok = parse_num(v, 1, &jobs_d), i++;
    else if (strcmp(a, "--timeout") == 0) ok = parse_num(v, 0.01, &timeout), i++;
    else if (strcmp(a, "--memory") == 0) ok = parse_num(v, 0, &memory), i++;
    else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) quiet = true;
    else if (strcmp(a, "--keep") == 0) keep = true;
    else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) return free(paths), usage(), 0;
    else if (a[0] == '-' && a[1]) ok = false;
    else paths[npaths++] = a;
    if (!ok) {
      fprintf(stderr, "ctorch grade: bad or missing value for %s\n", a);
      free(paths);
      return usage();
    }
  }
  char err[1024];
  if (release) {
    free(paths);
    if (source || npaths) return usage();
    if (gr_release(release, out, err, sizeof err) < 0) {
      fprintf(stderr, "ctorch grade: %s\n", err);
      return 1;
    }
    return 0;
  }
  if (!source || npaths == 0) {
    free(paths);
    return usage();
  }
  gr_assignment a;
  if (gr_assignment_load(source, &a, err, sizeof err) < 0) {
    fprintf(stderr, "ctorch grade: %s\n", err);
    free(paths);
    return 1;
  }
  char exe[PATH_MAX];
  ssize_t el = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (el <= 0) {
    fprintf(stderr, "ctorch grade: can't find the ctorch executable (/proc/self/exe)\n");
    return 1;
  }
  exe[el] = 0;

  sub_list l = {0};
  char src_real[PATH_MAX];
  const char *skip = realpath(source, src_real) ? src_real : NULL;
  for (int i = 0; i < npaths; i++) {
    struct stat st;
    if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) scan_dir(&l, paths[i], "", skip);
    else sub_add(&l, paths[i], paths[i]);
  }
  free(paths);

  grader g = {&a, exe, timeout, (long)memory, keep, "", 0};
  const char *tmp = getenv("TMPDIR");
  snprintf(g.base, sizeof g.base, "%s/ctorch-grade-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(g.base)) {
    fprintf(stderr, "ctorch grade: can't create a directory in %s: %s\n", tmp && *tmp ? tmp : "/tmp", strerror(errno));
    return 1;
  }
  signal(SIGPIPE, SIG_IGN);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_stop;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);

  int jobs = (int)jobs_d;
  if (jobs > l.n && l.n > 0) jobs = l.n;
  double t0 = now_s();
  grade_all(&g, l.v, l.n, jobs < 1 ? 1 : jobs);
  struct rusage self;
  getrusage(RUSAGE_SELF, &self);
  gr_run run = {source, &a, l.v, l.n, jobs, timeout, (long)memory, now_s() - t0, self.ru_maxrss};
  if (keep) fprintf(stderr, "ctorch grade: working directories kept in %s\n", g.base);
  else rmdir(g.base);

  int rc = 0;
  if (!quiet) gr_report_table(&run, stdout);
  if (json_path && gr_report_json(&run, json_path) < 0) {
    fprintf(stderr, "ctorch grade: can't write %s\n", json_path);
    rc = 1;
  }
  if (junit_path && gr_report_junit(&run, junit_path) < 0) {
    fprintf(stderr, "ctorch grade: can't write %s\n", junit_path);
    rc = 1;
  }
  for (int i = 0; i < l.n; i++) gr_submission_free(&l.v[i], a.ntests);
  free(l.v);
  gr_assignment_free(&a);
  return g_stop ? 130 : rc;
}
