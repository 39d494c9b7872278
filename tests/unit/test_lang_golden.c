/*
** tests/unit/test_lang_golden.c — runs every golden script (tests/golden/{lang,torch,autograd,nn}/NAME.py) inside
** this process, one fresh interpreter each, and compares stdout, stderr and exit status with the CPython
** fixtures. The same check as tests/golden/run_golden.sh, but in-process so that the sanitizer build
** (CI's ASan/UBSan/LSan job runs the `unit` label) sees every allocation and every teardown.
** Without arguments it runs lang, torch and autograd; the nn suite (training loops, minutes under ASan) runs
** when named, `test_lang_golden golden_nn`, which tests/CMakeLists.txt registers as unit.test_lang_golden_nn.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/lang/lang.h"
#include "tests/check.h"

typedef struct capture { char *data[3]; size_t len[3], cap[3]; } capture;

static void cap_write(void *ctx, int stream, const char *s, size_t n) {
  capture *c = ctx;
  int k = stream == 2 ? 2 : 1;
  if (c->len[k] + n + 1 > c->cap[k]) {
    size_t cap = (c->len[k] + n + 1) * 2;
    char *p = realloc(c->data[k], cap);
    if (!p) return;
    c->data[k] = p;
    c->cap[k] = cap;
  }
  memcpy(c->data[k] + c->len[k], s, n);
  c->len[k] += n;
  c->data[k][c->len[k]] = '\0';
}

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  if (buf) {
    buf[n] = '\0';
    *len = (size_t)n;
  }
  return buf;
}

/* Removes CPython 3.11's runtime caret lines (only '~' / '^' / spaces after a frame's source line). */
static void strip_carets(char *s) {
  char *out = s, *line = s;
  bool prev_source = false;   /* the previous line was a traceback source line */
  bool prev_file = false;     /* ... and the one before it a `File "...", line N, in X` line */
  while (*line) {
    char *nl = strchr(line, '\n');
    size_t n = nl ? (size_t)(nl - line + 1) : strlen(line);
    bool caret = n > 1;
    for (size_t i = 0; i < n && caret; i++)
      if (line[i] != ' ' && line[i] != '~' && line[i] != '^' && line[i] != '\n') caret = false;
    bool has_mark = memchr(line, '^', n) || memchr(line, '~', n);
    if (!(caret && has_mark && prev_source)) {
      memmove(out, line, n);
      out += n;
    }
    bool is_file = strncmp(line, "  File \"", 8) == 0 && memmem(line, n, ", in ", 5);
    prev_source = prev_file && strncmp(line, "    ", 4) == 0;
    prev_file = is_file;
    line += n;
  }
  *out = '\0';
}

static int nscripts, nfailed;

static void run_script(const char *dir, const char *suite, const char *name) {
  char path[1024], fix[1024];
  snprintf(path, sizeof path, "tests/golden/%s/%s", suite, name);
  char full[1536];
  snprintf(full, sizeof full, "%s/%s", dir, name);
  size_t srclen;
  char *src = read_all(full, &srclen);
  if (!src) return;
  /* argv: script path + the .args sidecar, one per line */
  char *argv[32];
  int argc = 0;
  argv[argc++] = path;
  char stem[256];
  snprintf(stem, sizeof stem, "%.*s", (int)(strlen(name) - 3), name);
  snprintf(fix, sizeof fix, "%s/%s.args", dir, stem);
  size_t alen;
  char *args = read_all(fix, &alen);
  if (args) {   /* one argument per line; empty lines are empty arguments */
    char *p = args;
    while (*p && argc < 31) {
      char *nl = strchr(p, '\n');
      argv[argc++] = p;
      if (!nl) break;
      *nl = '\0';
      p = nl + 1;
    }
  }
  capture c;
  memset(&c, 0, sizeof c);
  lang_vm *vm = lang_vm_new(argc, argv);
  CHECK(vm != NULL);
  if (!vm) {
    free(src);
    free(args);
    return;
  }
  lang_set_output(vm, cap_write, &c);
  int exit_code = 0;
  lang_status st = lang_run(vm, src, srclen, path, LANG_RUN_FILE, NULL, &exit_code);
  int rc = 0;
  if (st == LANG_ERROR || st == LANG_SYNTAX) {
    cap_write(&c, 2, lang_last_traceback(vm), strlen(lang_last_traceback(vm)));
    rc = 1;
  } else if (st == LANG_EXIT) {
    rc = exit_code;
  }
  lang_vm_free(vm);
  nscripts++;
  const char *got_out = c.data[1] ? c.data[1] : "";
  char *got_err = strdup(c.data[2] ? c.data[2] : "");
  strip_carets(got_err);
  size_t n;
  snprintf(fix, sizeof fix, "%s/%s.out", dir, stem);
  char *want_out = read_all(fix, &n);
  snprintf(fix, sizeof fix, "%s/%s.err", dir, stem);
  char *want_err = read_all(fix, &n);
  snprintf(fix, sizeof fix, "%s/%s.rc", dir, stem);
  char *want_rc = read_all(fix, &n);
  bool ok = want_out && want_err && want_rc && strcmp(got_out, want_out) == 0 && strcmp(got_err, want_err) == 0 &&
            atoi(want_rc) == rc;
  if (!ok) {
    nfailed++;
    fprintf(stderr, "golden %s: %s%s%s\n", name, want_out && strcmp(got_out, want_out) ? "stdout differs " : "",
            want_err && strcmp(got_err, want_err) ? "stderr differs " : "", want_rc && atoi(want_rc) != rc ? "exit differs" : "");
  }
  CHECK(ok);
  free(want_out);
  free(want_err);
  free(want_rc);
  free(got_err);
  free(c.data[1]);
  free(c.data[2]);
  free(src);
  free(args);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void run_suite(const char *suite) {
  char dir[512];
  snprintf(dir, sizeof dir, "%s/tests/golden/%s", CT_SOURCE_DIR, suite);
  nscripts = nfailed = 0;
  DIR *d = opendir(dir);
  CHECK(d != NULL);
  if (!d) return;
  char *names[512];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 512) {
    size_t l = strlen(e->d_name);
    if (l > 3 && strcmp(e->d_name + l - 3, ".py") == 0) names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof(char *), by_name);
  const char *only = getenv("GOLDEN_ONLY");   /* debugging: one script by name */
  for (int i = 0; i < n; i++) {
    if (!only || strncmp(names[i], only, strlen(only)) == 0) run_script(dir, suite, names[i]);
    free(names[i]);
  }
  printf("%d golden %s scripts, %d failed\n", nscripts, suite, nfailed);
  if (!only) CHECK(nscripts >= 20);
}

static void test_golden_lang(void) { run_suite("lang"); }
static void test_golden_torch(void) { run_suite("torch"); }
static void test_golden_autograd(void) { run_suite("autograd"); }
static void test_golden_nn(void) { run_suite("nn"); }

static const check_test tests[] = {
  {"golden_lang", test_golden_lang},
  {"golden_torch", test_golden_torch},
  {"golden_autograd", test_golden_autograd},
  {NULL, NULL},   /* the default run stops here */
  {"golden_nn", test_golden_nn},
  {NULL, NULL}
};

int main(int argc, char **argv) {
  setenv("CTORCH_DISABLE_CUDA", "1", 1);   /* the fixtures come from a CPU-only PyTorch (as run_golden.sh) */
  if (argc > 1 && strcmp(argv[1], "golden_nn") == 0) return check_run(tests + 4, argc, argv);
  return check_run(tests, argc, argv);
}
