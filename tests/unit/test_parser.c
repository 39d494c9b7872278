/*
** tests/unit/test_parser.c — the tokenizer and parser against CPython 3.11: every case of
** tests/ref/parser_ref.txt (made by tests/ref/gen_parser.py) must give the same ast.dump text, the same
** positions, or the same SyntaxError (class, message, location, text) and codeop answer, byte for byte.
*/
#include "kernel/lang/ast.h"
#include "kernel/lang/ast_dump.h"
#include "tests/check.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct field { const char *key; const char *val; size_t len; } field;

static char *ref_data;
static size_t ref_len;
static int n_cases, n_valid, n_errors, n_incomplete;
static int shown;

/* CT_PARSER_REF=path runs another fixture of the same format (exploring new cases). */
static bool load_ref(void) {
  const char *path = getenv("CT_PARSER_REF");
  FILE *f = fopen(path ? path : CT_SOURCE_DIR "/tests/ref/parser_ref.txt", "rb");
  if (!f) return false;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  ref_data = malloc((size_t)n + 1);
  if (!ref_data || fread(ref_data, 1, (size_t)n, f) != (size_t)n) {
    fclose(f);
    return false;
  }
  ref_data[n] = 0;
  ref_len = (size_t)n;
  fclose(f);
  return true;
}

/* Reads one "KEY LEN\n<LEN bytes>\n" record at *pos. */
static bool next_field(size_t *pos, field *fl, char *key, size_t keysize) {
  size_t i = *pos;
  if (i >= ref_len) return false;
  size_t k = 0;
  while (i < ref_len && ref_data[i] != ' ' && k + 1 < keysize) key[k++] = ref_data[i++];
  key[k] = 0;
  if (i >= ref_len || ref_data[i] != ' ') return false;
  i++;
  size_t len = 0;
  while (i < ref_len && ref_data[i] >= '0' && ref_data[i] <= '9') len = len * 10 + (size_t)(ref_data[i++] - '0');
  if (i >= ref_len || ref_data[i] != '\n') return false;
  i++;
  if (i + len + 1 > ref_len) return false;
  fl->key = key;
  fl->val = ref_data + i;
  fl->len = len;
  *pos = i + len + 1;
  return true;
}

static void show(const char *what, const char *src, size_t srclen, const char *got, const char *want, size_t wantlen) {
  if (shown++ >= 60) return;
  fprintf(stderr, "---- %s for source:\n%.*s\n---- got:\n%s\n---- expected:\n%.*s\n", what, (int)(srclen > 400 ? 400 : srclen),
          src, got ? got : "(null)", (int)wantlen, want);
}

static char *format_error(const ast_error *e) {
  size_t n = strlen(e->msg) + (e->text ? strlen(e->text) : 8) + 128;
  char *s = malloc(n);
  if (!s) return NULL;
  snprintf(s, n, "%s\n%s\n%d %d %d %d\n%s", e->kind ? e->kind : "(none)", e->msg, e->lineno, e->offset, e->end_lineno,
           e->end_offset, e->text ? e->text : "<None>");
  return s;
}

static bool same(const char *got, const char *want, size_t wantlen) {
  return got && strlen(got) == wantlen && memcmp(got, want, wantlen) == 0;
}

static void run_case(ast_mode mode, const char *src, size_t srclen, field *fields, int nf) {
  ast_arena *a = ast_arena_new();
  CHECK(a != NULL);
  if (!a) return;
  ast_error err;
  ast_module *m = ast_parse(src, srclen, mode, a, &err);
  n_cases++;
  for (int i = 0; i < nf; i++) {
    field *f = &fields[i];
    if (strcmp(f->key, "dump") == 0 || strcmp(f->key, "attrs") == 0) {
      bool attrs = f->key[0] == 'a';
      if (!m) {
        char *e = format_error(&err);
        CHECK_MSG(m != NULL, "parse failed");
        show("unexpected error", src, srclen, e, f->val, f->len);
        free(e);
        break;
      }
      char *d = ast_dump_ex(m, attrs);
      bool ok = same(d, f->val, f->len);
      CHECK_MSG(ok, "%s mismatch", f->key);
      if (!ok) show(f->key, src, srclen, d, f->val, f->len);
      free(d);
      if (!attrs) n_valid++;
    } else if (strcmp(f->key, "ok") == 0) {
      CHECK_MSG(m != NULL, "parse failed");
      if (!m) {
        char *e = format_error(&err);
        show("unexpected error", src, srclen, e, "", 0);
        free(e);
      }
      n_valid++;
    } else if (strcmp(f->key, "unsupported") == 0) {
      CHECK_MSG(m == NULL && err.kind && strcmp(err.kind, "SyntaxError") == 0, "unsupported syntax accepted");
    } else if (strcmp(f->key, "error") == 0) {
      n_errors++;
      if (m) {
        CHECK_MSG(m == NULL, "expected a syntax error");
        show("no error", src, srclen, "(parsed)", f->val, f->len);
        break;
      }
      char *e = format_error(&err);
      bool ok = same(e, f->val, f->len);
      CHECK_MSG(ok, "error mismatch");
      if (!ok) show("error", src, srclen, e, f->val, f->len);
      free(e);
    } else if (strcmp(f->key, "incomplete") == 0) {
      n_incomplete++;
      if (!m || mode == AST_MODE_SINGLE) {
        bool want = f->val[0] == '1';
        CHECK_MSG(err.incomplete == want, "incomplete: got %d, expected %d", err.incomplete, want);
        if (err.incomplete != want) show("incomplete", src, srclen, err.incomplete ? "1" : "0", f->val, f->len);
      }
    }
  }
  ast_arena_free(a);
}

static void test_reference(void) {
  CHECK_MSG(load_ref(), "cannot read %s", CT_SOURCE_DIR "/tests/ref/parser_ref.txt");
  if (!ref_data) return;
  size_t pos = 0;
  char keys[8][16];
  field fields[8];
  for (;;) {
    field f;
    char key[16];
    if (!next_field(&pos, &f, key, sizeof key)) break;
    CHECK(strcmp(key, "case") == 0);
    ast_mode mode = f.len == 6 && memcmp(f.val, "single", 6) == 0 ? AST_MODE_SINGLE
                  : f.len == 4 && memcmp(f.val, "eval", 4) == 0 ? AST_MODE_EVAL : AST_MODE_EXEC;
    field src;
    char skey[16];
    if (!next_field(&pos, &src, skey, sizeof skey) || strcmp(skey, "src") != 0) {
      CHECK_MSG(0, "malformed fixture at byte %zu", pos);
      break;
    }
    int nf = 0;
    for (;;) {
      if (!next_field(&pos, &f, keys[nf], sizeof keys[nf])) break;
      if (strcmp(keys[nf], "end") == 0) break;
      if (nf < 7) {
        fields[nf] = f;
        fields[nf].key = keys[nf];
        nf++;
      }
    }
    run_case(mode, src.val, src.len, fields, nf);
  }
  printf("parser: %d cases (%d valid, %d errors, %d codeop answers)\n", n_cases, n_valid, n_errors, n_incomplete);
  if (!getenv("CT_PARSER_REF")) {
    CHECK(n_valid >= 250);
    CHECK(n_errors >= 80);
  }
}

/* Out of memory at every allocation of a few parses: NULL + MemoryError, no crash, no leak. */
static void test_out_of_memory(void) {
  static const char *srcs[] = {
    "def f(a, b=1, *c, **d):\n    return [x * 2 for x in a if x] + f'{b!r:>{c}}'\n",
    "x = (1,\n",
    "class A(B):\n    @dec\n    def g(self): yield from h()\n",
  };
  for (size_t k = 0; k < sizeof srcs / sizeof srcs[0]; k++) {
    bool done = false;
    for (long n = 0; n < 5000 && !done; n++) {
      ast_arena *a = ast_arena_new();
      if (!a) return;
      ast_arena_fail_after(a, n);
      ast_error err;
      ast_module *m = ast_parse(srcs[k], strlen(srcs[k]), AST_MODE_EXEC, a, &err);
      if (m || strcmp(err.kind, "MemoryError") != 0) done = true;
      else CHECK(err.kind && strcmp(err.kind, "MemoryError") == 0);
      ast_arena_free(a);
    }
    CHECK_MSG(done, "case %zu never succeeded", k);
  }
}

/* Positions and values the dump does not show. */
static void test_constants(void) {
  ast_arena *a = ast_arena_new();
  ast_error err;
  const char *src = "x = 0xFFFFFFFFFFFFFFFFFFFF\ny = 'a\\x00b'\n";
  ast_module *m = ast_parse(src, strlen(src), AST_MODE_EXEC, a, &err);
  CHECK(m != NULL);
  if (m) {
    ast_expr *v = m->body.items[0]->u.assign.value;
    CHECK(v->u.constant.kind == AST_C_BIGINT);
    CHECK_STR(v->u.constant.s, "1208925819614629174706175");
    ast_expr *s = m->body.items[1]->u.assign.value;
    CHECK(s->u.constant.kind == AST_C_STR && s->u.constant.len == 3 && s->u.constant.s[1] == 0);
  }
  src = "1 +";
  m = ast_parse(src, strlen(src), AST_MODE_EVAL, a, &err);
  CHECK(m == NULL && err.lineno == 1);
  ast_arena_free(a);
}

/* Inputs far deeper than CPython's own limits: an error (or a module), never a stack overflow. */
static char *repeat(const char *head, const char *unit, int n, const char *tail) {
  size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
  char *s = malloc(hl + ul * (size_t)n + tl + 1);
  if (!s) return NULL;
  memcpy(s, head, hl);
  for (int i = 0; i < n; i++) memcpy(s + hl + ul * (size_t)i, unit, ul);
  memcpy(s + hl + ul * (size_t)n, tail, tl + 1);
  return s;
}

static void test_deep_nesting(void) {
  static const struct { const char *head, *unit; int n; const char *tail; bool ok; } cases[] = {
    {"x = ", "-", 20000, "1\n", false},
    {"x = ", "not ", 10000, "1\n", false},
    {"x = ", "lambda: ", 10000, "1\n", false},
    {"x = ", "1 if 1 else ", 10000, "1\n", false},
    {"x = 2", " ** 2", 10000, "\n", false},
    {"x = ", "[", 10000, "\n", false},
    {"x = ", "(", 20000, "\n", false},
    {"x = ", "f(", 300, "\n", false},
    {"x = ", "{1: ", 300, "\n", false},
    {"x = 1", " + 1", 20000, "\n", true},
    {"x = a", ".b", 20000, "\n", true},
    {"x = a", "[0]", 10000, "\n", true},
    {"x = a", "()", 10000, "\n", true},
    {"x = ", "-", 1000, "1\n", true},
    {"", "x = 1\n", 5000, "", true},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *src = repeat(cases[i].head, cases[i].unit, cases[i].n, cases[i].tail);
    if (!src) continue;
    ast_arena *a = ast_arena_new();
    ast_error err;
    ast_module *m = ast_parse(src, strlen(src), AST_MODE_EXEC, a, &err);
    CHECK_MSG((m != NULL) == cases[i].ok, "case %zu: %s", i, m ? "parsed" : err.msg);
    if (!m && !cases[i].ok) CHECK_MSG(strcmp(err.kind, "SyntaxError") == 0, "case %zu: %s", i, err.kind);
    ast_arena_free(a);
    free(src);
  }
}

/* Random token soups and random bytes: the parser must return (a module or an error), never crash or
   leak (the sanitizer build checks), also when memory runs out. CT_PARSER_FUZZ=N runs N inputs instead of 1500. */
static uint64_t fuzz_state = 88172645463325252ull;
static uint64_t fuzz_next(void) {
  fuzz_state ^= fuzz_state << 13;
  fuzz_state ^= fuzz_state >> 7;
  fuzz_state ^= fuzz_state << 17;
  return fuzz_state;
}

static void test_random_inputs(void) {
  static const char *const pieces[] = {
    "(", ")", "[", "]", "{", "}", ",", ":", "=", "==", ".", "*", "**", "+", "-", "if ", " else ", " for ",
    " in ", "not ", "lambda ", "x", "1", "'s'", "f'{a}'", "f'{", "}", "def ", "class ", "return ", "yield ",
    ";", "\n", "\n    ", "\n\t", " as ", "import ", "from ", "@", "->", ":=", " and ", " or ", " is ", "del ",
    "pass", "\\\n", "#c\n", "'''", "\"", "\xe5\xbc\xa0", "\xe2\x80\xa6", "0x", "1e", "1_", "!", "$",
    "try:", "except ", "while ", "with ", "async ", "await ", "match ", "case ", "*a", "**k", "/", "...",
    "f'{x!r:>{w}}'", "f'''{\n", "rb'\\x'", "'\\N{DASH}'", "0o8", "\f", "\r\n", "  ", "\t"};
  const char *env = getenv("CT_PARSER_FUZZ");
  long n = env ? atol(env) : 1500;
  char buf[512];
  for (long it = 0; it < n; it++) {
    size_t len = 0;
    if (it % 4 == 3) {
      size_t m = fuzz_next() % 64;
      for (size_t i = 0; i < m; i++) buf[len++] = (char)(fuzz_next() % 256);
    } else {
      size_t m = 1 + fuzz_next() % 24;
      for (size_t i = 0; i < m; i++) {
        const char *pc = pieces[fuzz_next() % (sizeof pieces / sizeof pieces[0])];
        size_t pl = strlen(pc);
        if (len + pl >= sizeof buf) break;
        memcpy(buf + len, pc, pl);
        len += pl;
      }
    }
    ast_mode mode = (ast_mode)(fuzz_next() % 3);
    ast_arena *a = ast_arena_new();
    if (!a) return;
    if (it % 8 == 5) ast_arena_fail_after(a, (long)(fuzz_next() % 300));   /* out of memory somewhere */
    ast_error err;
    ast_module *m = ast_parse(buf, len, mode, a, &err);
    if (m) {
      char *d = ast_dump_ex(m, true);
      CHECK(d != NULL);
      free(d);
    } else {
      CHECK_MSG(err.kind != NULL && (err.msg[0] != 0 || strcmp(err.kind, "MemoryError") == 0), "input %ld: empty error", it);
    }
    ast_arena_free(a);
  }
}

int main(int argc, char **argv) {
  static const check_test tests[] = {
    {"reference", test_reference},
    {"out_of_memory", test_out_of_memory},
    {"constants", test_constants},
    {"deep_nesting", test_deep_nesting},
    {"random_inputs", test_random_inputs},
    {NULL, NULL},
  };
  int rc = check_run(tests, argc, argv);
  free(ref_data);
  return rc;
}
