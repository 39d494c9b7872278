/*
** kernel/lang/introspect.c — what a Jupyter front end asks about code without running it: completion
** (names, attributes, keyword arguments, modules), inspection (signature, docstring, type, source),
** is_complete with an indent hint, and expression evaluation for user_expressions.
** Resolution only ever looks up names and attributes: completing `f().x` never calls f.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/lang/internal.h"
#include "kernel/lang/lang.h"

/* ---- scanning source text ---- */

static bool is_ident_byte(unsigned char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}
static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

enum { CTX_CODE, CTX_STRING, CTX_COMMENT };

typedef struct scan_state {
  int ctx;                 /* where the scanned prefix ends */
  int nopen;               /* open brackets at the end */
  size_t open[64];         /* their byte offsets (innermost last; deeper ones dropped) */
  char openc[64];
} scan_state;

/* One forward pass over code[0, upto): string/comment state and the stack of open brackets. */
static void scan_code(const char *code, size_t upto, scan_state *st) {
  memset(st, 0, sizeof *st);
  size_t i = 0;
  while (i < upto) {
    char c = code[i];
    if (c == '#') {
      while (i < upto && code[i] != '\n') i++;
      if (i >= upto) {
        st->ctx = CTX_COMMENT;
        return;
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      bool triple = i + 2 < upto && code[i + 1] == c && code[i + 2] == c;
      size_t j = i + (triple ? 3 : 1);
      bool closed = false;
      while (j < upto) {
        if (code[j] == '\\') {
          j += 2;
          continue;
        }
        if (!triple && code[j] == '\n') break;   /* unterminated single-quoted string ends at the line */
        if (code[j] == c && (!triple || (j + 2 < upto && code[j + 1] == c && code[j + 2] == c))) {
          j += triple ? 3 : 1;
          closed = true;
          break;
        }
        j++;
      }
      if (!closed && j >= upto) {
        st->ctx = CTX_STRING;
        return;
      }
      i = j;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') {
      if (st->nopen < 64) {
        st->open[st->nopen] = i;
        st->openc[st->nopen] = c;
      }
      st->nopen++;
    } else if ((c == ')' || c == ']' || c == '}') && st->nopen > 0) {
      st->nopen--;
    }
    i++;
  }
  st->ctx = CTX_CODE;
}

/* The dotted name ending at byte offset end: returns its start (end if none). A name may not start
   with a digit; components are separated by single dots without spaces. */
static size_t dotted_start(const char *code, size_t end) {
  size_t s = end;
  for (;;) {
    size_t w = s;
    while (w > 0 && is_ident_byte((unsigned char)code[w - 1])) w--;
    if (w < s && is_digit((unsigned char)code[w])) return end;   /* a number literal */
    if (w > 0 && code[w - 1] == '.' && w - 1 > 0 && is_ident_byte((unsigned char)code[w - 2])) {
      s = w - 1;
      continue;
    }
    if (w == s && s < end) return end;   /* "x..y" or ".y" */
    return w;
  }
}

/* ---- resolving dotted names (no calls) ---- */

static obj_dict *main_globals(lang_vm *vm) {
  value m = dict_get_cstr(vm, vm->modules, "__main__");
  if (VAL_IS_NULL(m) || val_type(m) != &type_module) return NULL;
  return ((obj_module *)m.u.o)->dict;
}

/* Imports a builtin module by name if the registry has it (module inits run no user code). New
   reference or VAL_NULL. */
static value import_builtin(lang_vm *vm, const char *name) {
  if (!lang_find_lib(name)) return val_null();
  obj_str *ms = str_intern(vm, name);
  value m = ms ? import_module(vm, ms, val_bool(true), 0, NULL) : val_null();
  if (VAL_IS_NULL(m)) exc_clear(vm);
  return m;
}

/* The module an `import M as name` / `import name` / `from P import M as name` line of code (the text
   being completed, which may not have run yet) binds to name, copied into out. */
static bool imported_as(const char *code, size_t len, const char *name, size_t n, char *out, size_t cap) {
  const char *p = code, *end = code + len;
  bool found = false;
  while (p < end) {
    const char *le = memchr(p, '\n', (size_t)(end - p));
    if (!le) le = end;
    const char *q = p;
    while (q < le && (*q == ' ' || *q == '\t')) q++;
    char from[128] = "";
    if ((size_t)(le - q) > 5 && memcmp(q, "from ", 5) == 0) {
      q += 5;
      while (q < le && *q == ' ') q++;
      const char *m = q;
      while (q < le && (is_ident_byte((unsigned char)*q) || *q == '.')) q++;
      snprintf(from, sizeof from, "%.*s", (int)(q - m), m);
      while (q < le && *q == ' ') q++;
    }
    if ((size_t)(le - q) > 7 && memcmp(q, "import ", 7) == 0) {
      q += 7;
      while (q < le) {   /* a, b as c, d.e */
        while (q < le && (*q == ' ' || *q == ',' || *q == '(')) q++;
        const char *m = q;
        while (q < le && (is_ident_byte((unsigned char)*q) || *q == '.')) q++;
        size_t ml = (size_t)(q - m);
        if (!ml) break;
        while (q < le && *q == ' ') q++;
        const char *bind = m;
        size_t bl = ml;
        if ((size_t)(le - q) > 3 && memcmp(q, "as ", 3) == 0) {
          q += 3;
          while (q < le && *q == ' ') q++;
          bind = q;
          while (q < le && is_ident_byte((unsigned char)*q)) q++;
          bl = (size_t)(q - bind);
        } else if (!from[0]) {
          bl = strcspn(m, ".");   /* import a.b binds a */
          if (bl > ml) bl = ml;
          ml = bl;
        }
        if (bl == n && memcmp(bind, name, n) == 0) {
          if (from[0]) snprintf(out, cap, "%s.%.*s", from, (int)ml, m);
          else snprintf(out, cap, "%.*s", (int)ml, m);
          found = true;
        }
      }
    }
    p = le + 1;
  }
  return found;
}

/* The code being completed or inspected (for names it imports but has not run yet); set for the
   duration of one lang_complete / lang_inspect call on the interpreter's thread. */
static const char *ctx_code;
static size_t ctx_len;

/* Looks up one name as the cell would see it; failing that, a builtin module the code imports under
   that name, or of that name. New reference or VAL_NULL (never an exception). */
static value lookup_name(lang_vm *vm, const char *s, size_t n) {
  obj_str *name = str_intern_n(vm, s, (int64_t)n);
  if (!name) {
    exc_clear(vm);
    return val_null();
  }
  obj_dict *g = main_globals(vm);
  value v = g ? dict_get_str(g, name) : val_null();
  if (VAL_IS_NULL(v)) v = dict_get_str(vm->builtins, name);
  if (!VAL_IS_NULL(v)) return val_incref(v);
  char mod[256];
  if (ctx_code && imported_as(ctx_code, ctx_len, s, n, mod, sizeof mod)) {
    v = import_builtin(vm, mod);
    if (!VAL_IS_NULL(v)) return v;
    /* from P import name: an attribute of P */
    char *dot = strrchr(mod, '.');
    if (dot) {
      *dot = '\0';
      value pm = import_builtin(vm, mod);
      if (!VAL_IS_NULL(pm)) {
        obj_str *an = str_intern(vm, dot + 1);
        v = an ? obj_getattr_opt(vm, pm, an) : val_null();
        exc_clear(vm);
        val_decref(pm);
        if (!VAL_IS_NULL(v)) return v;
      }
    }
  }
  return import_builtin(vm, name->data);
}

/* Resolves "a.b.c" (s[0, n)) by name and attribute lookups. New reference or VAL_NULL. */
static value resolve_dotted(lang_vm *vm, const char *s, size_t n) {
  size_t i = 0;
  while (i < n && s[i] != '.') i++;
  if (i == 0) return val_null();
  value v = lookup_name(vm, s, i);
  while (!VAL_IS_NULL(v) && i < n) {
    size_t j = ++i;
    while (i < n && s[i] != '.') i++;
    if (i == j) {
      val_decref(v);
      return val_null();
    }
    obj_str *name = str_intern_n(vm, s + j, (int64_t)(i - j));
    value a = name ? obj_getattr_opt(vm, v, name) : val_null();
    exc_clear(vm);
    val_decref(v);
    v = a;
  }
  return v;
}

/* ---- candidate lists ---- */

static const char *const keywords[] = {
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
  "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
  "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", NULL
};

/* Builtin modules a notebook may import: those of this list the registry answers for (probed: the
   registry's tables are private to builtins.c), plus every module already imported. */
static const char *const module_candidates[] = {
  "sys", "math", "random", "time", "builtins", "__future__", "IPython", "IPython.display", "torch", "torch.nn",
  "torch.nn.functional", "torch.nn.init", "torch.optim", "torch.optim.lr_scheduler", "torch.utils",
  "torch.utils.data", "torch.autograd", "torch.cuda", "torch.linalg", "torch.fft", "torchvision",
  "torchvision.datasets", "torchvision.transforms", "numpy", NULL
};

typedef struct cand_list {
  char **s;
  const char **kind;
  int n, cap;
  bool oom;
} cand_list;

static void cand_add(cand_list *c, const char *s, size_t n, const char *kind) {
  for (int i = 0; i < c->n; i++)
    if (strlen(c->s[i]) == n && memcmp(c->s[i], s, n) == 0) return;
  if (c->n == c->cap) {
    int cap = c->cap ? c->cap * 2 : 32;
    char **ns = realloc(c->s, sizeof(char *) * (size_t)cap);
    if (!ns) {
      c->oom = true;
      return;
    }
    c->s = ns;
    const char **nk = realloc(c->kind, sizeof(char *) * (size_t)cap);
    if (!nk) {
      c->oom = true;
      return;
    }
    c->kind = nk;
    c->cap = cap;
  }
  char *d = malloc(n + 1);
  if (!d) {
    c->oom = true;
    return;
  }
  memcpy(d, s, n);
  d[n] = '\0';
  c->s[c->n] = d;
  c->kind[c->n] = kind;
  c->n++;
}

/* Hidden unless asked for: names starting with '_' need a prefix starting with '_'. */
static bool name_matches(const char *name, size_t nlen, const char *prefix, size_t plen) {
  if (nlen < plen || memcmp(name, prefix, plen) != 0) return false;
  if (name[0] == '_' && (plen == 0 || prefix[0] != '_')) return false;
  return true;
}

static const char *kind_of(value v) {
  if (VAL_IS_NULL(v)) return "instance";
  obj_type *t = val_type(v);
  if (t == &type_module) return "module";
  if (val_is_type(v)) return "class";
  if (t == &type_function || t == &type_bfunc || t == &type_method) return "function";
  if (t == &type_property || t == &type_getset) return "property";
  return "instance";
}

static void add_dict_names(lang_vm *vm, cand_list *c, obj_dict *d, const char *prefix, size_t plen) {
  int64_t pos = 0;
  value k, v;
  while (dict_next(d, &pos, &k, &v)) {
    if (!val_is_str(k)) continue;
    obj_str *s = VAL_STR(k);
    if (name_matches(s->data, (size_t)s->len, prefix, plen)) cand_add(c, s->data, (size_t)s->len, kind_of(v));
  }
}

static void add_attr_names(lang_vm *vm, cand_list *c, value obj, const char *prefix, size_t plen) {
  value dirf = dict_get_cstr(vm, vm->builtins, "dir");
  if (VAL_IS_NULL(dirf)) return;
  value l = vm_call1(vm, dirf, obj);
  if (VAL_IS_NULL(l) || !val_is_list(l)) {
    exc_clear(vm);
    val_decref(l);
    return;
  }
  obj_list *names = VAL_LIST(l);
  for (int64_t i = 0; i < names->len; i++) {
    if (!val_is_str(names->items[i])) continue;
    obj_str *s = VAL_STR(names->items[i]);
    if (!name_matches(s->data, (size_t)s->len, prefix, plen)) continue;
    value a = obj_getattr_opt(vm, obj, s);
    exc_clear(vm);
    cand_add(c, s->data, (size_t)s->len, kind_of(a));
    val_decref(a);
  }
  val_decref(l);
}

/* Modules whose full dotted name starts with base + prefix; adds the component after base. */
static void add_module_names(lang_vm *vm, cand_list *c, const char *base, size_t blen, const char *prefix,
                             size_t plen) {
  char full[256];
  if (blen + plen + 2 >= sizeof full) return;
  int fn = blen ? snprintf(full, sizeof full, "%.*s.%.*s", (int)blen, base, (int)plen, prefix)
                : snprintf(full, sizeof full, "%.*s", (int)plen, prefix);
  size_t skip = blen ? blen + 1 : 0;
  for (int pass = 0; pass < 2; pass++) {
    const char *const *list = module_candidates;
    int64_t pos = 0;
    value k, v;
    for (int i = 0;; i++) {
      const char *name;
      if (pass == 0) {
        name = list[i];
        if (!name) break;
        if (!lang_find_lib(name)) continue;
      } else {
        if (!dict_next(vm->modules, &pos, &k, &v)) break;
        if (!val_is_str(k)) continue;
        name = VAL_STR(k)->data;
        if (strcmp(name, "__main__") == 0) continue;
      }
      if (strncmp(name, full, (size_t)fn) != 0) continue;
      const char *rest = name + skip;
      size_t n = strcspn(rest, ".");
      if (name_matches(rest, n, prefix, plen) || (plen == 0 && n && rest[0] != '_')) cand_add(c, rest, n, "module");
    }
  }
}

/* ---- signatures ---- */

/* Parameter names a call may pass by keyword, for a callable. Appends to c those matching prefix
   as "name=". */
static void add_param_names(lang_vm *vm, cand_list *c, value f, const char *prefix, size_t plen) {
  bool bound = false;
  value fn = f;
  if (val_type(f) == &type_method) {
    fn = ((obj_method *)f.u.o)->func;
    bound = true;
  }
  value init = val_null();
  if (val_is_type(f)) {
    init = obj_getattr_opt(vm, f, vm->s.__init__);
    exc_clear(vm);
    if (VAL_IS_NULL(init)) return;
    fn = init;
    if (val_type(fn) == &type_function) bound = true;
  }
  char buf[256];
  if (val_type(fn) == &type_function) {
    obj_code *co = ((obj_func *)fn.u.o)->code;
    int total = co->argcount + co->kwonlyargcount;
    for (int i = co->posonlyargcount; i < total; i++) {
      if (bound && i == 0) continue;
      obj_str *n = co->varnames[i];
      if (!name_matches(n->data, (size_t)n->len, prefix, plen)) continue;
      int k = snprintf(buf, sizeof buf, "%s=", n->data);
      if (k > 0 && (size_t)k < sizeof buf) cand_add(c, buf, (size_t)k, "param");
    }
  } else if (val_type(fn) == &type_bfunc) {
    const char *doc = ((obj_bfunc *)fn.u.o)->reg->doc;
    const char *open = doc ? strchr(doc, '(') : NULL;
    const char *nl = doc ? strchr(doc, '\n') : NULL;
    if (open && (!nl || open < nl)) {
      /* "name(a, b=1, /, c, *, d=None)": names after '/' (or all when there is none) */
      const char *p = open + 1;
      const char *slash = NULL;
      for (const char *q = p; *q && *q != ')' && *q != '\n'; q++)
        if (*q == '/') slash = q;
      if (slash) p = slash + 1;
      while (*p && *p != ')' && *p != '\n') {
        while (*p == ' ' || *p == ',' || *p == '[' || *p == ']') p++;
        const char *s = p;
        while (is_ident_byte((unsigned char)*p)) p++;
        size_t n = (size_t)(p - s);
        bool plain = n && (s == open + 1 || (s[-1] != '*'));
        if (plain && !is_digit((unsigned char)s[0]) && !(n == 4 && memcmp(s, "self", 4) == 0) &&
            name_matches(s, n, prefix, plen)) {
          int k = snprintf(buf, sizeof buf, "%.*s=", (int)n, s);
          if (k > 0 && (size_t)k < sizeof buf) cand_add(c, buf, (size_t)k, "param");
        }
        /* skip a default value up to the next top-level comma */
        int depth = 0;
        while (*p && *p != '\n' && !(depth == 0 && (*p == ',' || *p == ')'))) {
          if (*p == '(' || *p == '[' || *p == '{') depth++;
          else if (*p == ')' || *p == ']' || *p == '}') depth--;
          else if (*p == '\'' || *p == '"') {
            char q = *p++;
            while (*p && *p != q) p += (*p == '\\' && p[1]) ? 2 : 1;
            if (!*p) break;
          }
          p++;
        }
        if (n == 0 && *p && *p != ')' && *p != '\n' && *p != ',') p++;
      }
    }
  }
  val_decref(init);
}

static int cmp_str(const void *a, const void *b) {
  const char *x = *(const char *const *)a, *y = *(const char *const *)b;
  /* "param=" candidates first, then plain names, dunders last */
  bool px = x[strlen(x) - 1] == '=', py = y[strlen(y) - 1] == '=';
  if (px != py) return px ? -1 : 1;
  bool ux = x[0] == '_', uy = y[0] == '_';
  if (ux != uy) return ux ? 1 : -1;
  return strcmp(x, y);
}

static void cand_finish(cand_list *c, lang_completion *out) {
  /* sort matches and kinds together: sort an index of pairs */
  typedef struct { char *s; const char *k; } pair;
  pair *p = c->n ? malloc(sizeof(pair) * (size_t)c->n) : NULL;
  if (p) {
    for (int i = 0; i < c->n; i++) p[i] = (pair){c->s[i], c->kind[i]};
    qsort(p, (size_t)c->n, sizeof(pair), cmp_str);   /* pair starts with the string pointer */
    for (int i = 0; i < c->n; i++) {
      c->s[i] = p[i].s;
      c->kind[i] = p[i].k;
    }
    free(p);
  }
  out->matches = c->s;
  out->kinds = c->kind;
  out->n = c->n;
}

/* ---- completion ---- */

/* The text of the current line before byte offset at, leading blanks skipped. */
static const char *line_start(const char *code, size_t at) {
  size_t s = at;
  while (s > 0 && code[s - 1] != '\n') s--;
  while (s < at && (code[s] == ' ' || code[s] == '\t')) s++;
  return code + s;
}

static bool starts_word(const char *s, const char *e, const char *w) {
  size_t n = strlen(w);
  return (size_t)(e - s) > n && memcmp(s, w, n) == 0 && (s[n] == ' ' || s[n] == '\t');
}

int lang_complete(lang_vm *vm, const char *code, size_t len, size_t cursor, lang_completion *out) {
  memset(out, 0, sizeof *out);
  if (cursor > len) cursor = len;
  out->start = out->end = cursor;
  scan_state st;
  scan_code(code, cursor, &st);
  if (st.ctx != CTX_CODE) return 0;
  size_t ps = cursor;   /* prefix start */
  while (ps > 0 && is_ident_byte((unsigned char)code[ps - 1])) ps--;
  if (ps < cursor && is_digit((unsigned char)code[ps])) return 0;
  const char *prefix = code + ps;
  size_t plen = cursor - ps;
  size_t bs = ps;       /* dotted base, if any: code[bs, ps - 1) */
  if (ps > 0 && code[ps - 1] == '.') {
    bs = dotted_start(code, ps - 1);
    if (bs == ps - 1) return 0;   /* ".x", "1.x", "f().x": nothing we may evaluate */
  }
  out->start = ps;
  cand_list c = {0};
  ctx_code = code;   /* reset before returning */
  ctx_len = len;
  const char *ls = line_start(code, bs);
  const char *le = code + bs;
  bool after_import = false, after_from = false;
  const char *from_mod = NULL;
  size_t from_len = 0;
  if (starts_word(ls, le + 1, "import") && st.nopen == 0) {
    after_import = true;   /* import a, b.c */
    for (const char *q = ls + 6; q < le; q++)
      if (!(is_ident_byte((unsigned char)*q) || *q == '.' || *q == ',' || *q == ' ' || *q == '\t')) after_import = false;
    if (after_import) {
      const char *q = le;   /* "import x as y": no module names after "as" */
      while (q > ls && (q[-1] == ' ' || q[-1] == '\t')) q--;
      if (q - ls >= 2 && memcmp(q - 2, "as", 2) == 0 && (q - 2 == ls || q[-3] == ' ')) after_import = false;
    }
  } else if (starts_word(ls, le + 1, "from")) {
    const char *q = ls + 4;
    while (q < le && (*q == ' ' || *q == '\t')) q++;
    const char *m = q;
    while (q < le && (is_ident_byte((unsigned char)*q) || *q == '.')) q++;
    if (q == le || (q == code + ps - 1 && code[ps - 1] == '.')) {
      after_from = true;
    } else {
      from_mod = m;
      from_len = (size_t)(q - m);
      while (q < le && (*q == ' ' || *q == '\t')) q++;
      if (!starts_word(q, le + 1, "import")) from_mod = NULL;
    }
  }
  if (after_import || after_from) {
    add_module_names(vm, &c, code + bs, ps > bs ? ps - 1 - bs : 0, prefix, plen);
  } else if (from_mod && bs == ps) {
    char name[256];
    if (from_len && from_len < sizeof name) {
      memcpy(name, from_mod, from_len);
      name[from_len] = '\0';
      obj_str *ms = str_intern(vm, name);
      value m = ms && lang_find_lib(name) ? import_module(vm, ms, val_none(), 0, NULL) : val_null();
      exc_clear(vm);
      if (!VAL_IS_NULL(m)) add_attr_names(vm, &c, m, prefix, plen);
      val_decref(m);
      add_module_names(vm, &c, name, from_len, prefix, plen);
    }
  } else if (bs < ps) {
    value base = resolve_dotted(vm, code + bs, ps - 1 - bs);
    if (!VAL_IS_NULL(base)) add_attr_names(vm, &c, base, prefix, plen);
    val_decref(base);
  } else {
    /* keyword arguments of the call the cursor is in, at an argument start */
    if (st.nopen > 0 && st.nopen <= 64 && st.openc[st.nopen - 1] == '(') {
      size_t op = st.open[st.nopen - 1];
      size_t q = ps;
      while (q > op + 1 && (code[q - 1] == ' ' || code[q - 1] == '\t' || code[q - 1] == '\n')) q--;
      if (q == op + 1 || code[q - 1] == ',') {
        size_t fe = op;
        while (fe > 0 && (code[fe - 1] == ' ' || code[fe - 1] == '\t')) fe--;
        size_t fs = dotted_start(code, fe);
        if (fs < fe) {
          value f = resolve_dotted(vm, code + fs, fe - fs);
          if (!VAL_IS_NULL(f)) add_param_names(vm, &c, f, prefix, plen);
          val_decref(f);
        }
      }
    }
    obj_dict *g = main_globals(vm);
    if (g) add_dict_names(vm, &c, g, prefix, plen);
    add_dict_names(vm, &c, vm->builtins, prefix, plen);
    if (plen > 0)
      for (int i = 0; keywords[i]; i++)
        if (strncmp(keywords[i], prefix, plen) == 0) cand_add(&c, keywords[i], strlen(keywords[i]), "keyword");
  }
  exc_clear(vm);
  ctx_code = NULL;
  cand_finish(&c, out);
  if (c.oom) {
    lang_completion_free(out);
    return -1;
  }
  return 0;
}

void lang_completion_free(lang_completion *c) {
  for (int i = 0; i < c->n; i++) free(c->matches[i]);
  free(c->matches);
  free((void *)c->kinds);
  memset(c, 0, sizeof *c);
}

/* ---- inspection ---- */

/* Appends the signature of a Python function: "name(a, b=2, *args, c, **kw)". */
static void func_signature(lang_vm *vm, obj_func *f, bool skip_self, strbuf *b) {
  obj_code *co = f->code;
  sb_adds(b, f->name ? f->name->data : co->name->data);
  sb_addc(b, '(');
  int npos = co->argcount, nkw = co->kwonlyargcount;
  int ndef = f->defaults ? (int)f->defaults->len : 0;
  bool first = true;
#define SEP() do { if (!first) sb_adds(b, ", "); first = false; } while (0)
  for (int i = 0; i < npos; i++) {
    if (i == 0 && skip_self) continue;
    SEP();
    sb_adds(b, co->varnames[i]->data);
    int d = i - (npos - ndef);
    if (d >= 0) {
      sb_addc(b, '=');
      if (obj_repr_to(vm, f->defaults->items[d], b) < 0) exc_clear(vm);
    }
    if (co->posonlyargcount && i == co->posonlyargcount - 1) {
      SEP();
      sb_addc(b, '/');
    }
  }
  int extra = npos + nkw;
  if (co->flags & CO_VARARGS) {
    SEP();
    sb_addc(b, '*');
    sb_adds(b, co->varnames[extra]->data);
  } else if (nkw) {
    SEP();
    sb_addc(b, '*');
  }
  for (int i = npos; i < npos + nkw; i++) {
    SEP();
    sb_adds(b, co->varnames[i]->data);
    value d = f->kwdefaults ? dict_get_str(f->kwdefaults, co->varnames[i]) : val_null();
    if (!VAL_IS_NULL(d)) {
      sb_addc(b, '=');
      if (obj_repr_to(vm, d, b) < 0) exc_clear(vm);
    }
  }
  if (co->flags & CO_VARKW) {
    SEP();
    sb_adds(b, "**");
    sb_adds(b, co->varnames[extra + ((co->flags & CO_VARARGS) ? 1 : 0)]->data);
  }
#undef SEP
  sb_addc(b, ')');
}

/* The block starting at line `line` of the text the vm kept for filename (cells included): the
   header (with decorators) and every blank or more-indented line after it. */
static void block_source(lang_vm *vm, obj_str *filename, int line, strbuf *b) {
  value text = filename ? dict_get_str(vm->sources, filename) : val_null();
  if (!val_is_str(text)) return;
  const char *s = VAL_STR(text)->data, *end = s + VAL_STR(text)->len;
  for (int l = 1; l < line && s < end; s++)
    if (*s == '\n') l++;
  if (s >= end) return;
  int indent = 0;
  while (s + indent < end && (s[indent] == ' ' || s[indent] == '\t')) indent++;
  const char *p = s;
  bool header = true;
  const char *last = s;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    int ind = 0;
    bool blank = true;
    for (const char *q = p; q < le; q++) {
      if (*q != ' ' && *q != '\t' && *q != '\r') {
        blank = false;
        break;
      }
      ind++;
    }
    if (!header && !blank && ind <= indent) break;
    if (!blank) {
      last = le;
      const char *t = le;   /* a header ends at the line whose last code character is ':' */
      while (t > p && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r')) t--;
      if (t > p && t[-1] == ':') header = false;
      if (p == s && t > p && memcmp(p + ind, "@", 1) == 0) header = true;
    }
    p = nl ? nl + 1 : end;
  }
  sb_add(b, s, (int64_t)(last - s));
}

static void func_source(lang_vm *vm, obj_func *f, strbuf *b) {
  block_source(vm, f->code->filename, f->code->firstlineno, b);
}

/* A class's source: found from one of its methods, whose file is searched backwards for the
   `class Name` line. */
static void class_source(lang_vm *vm, obj_type *t, strbuf *b) {
  if (!(t->tflags & TYPE_F_HEAP) || !t->dict) return;
  int64_t pos = 0;
  value k, v;
  obj_code *co = NULL;
  while (!co && dict_next(t->dict, &pos, &k, &v))
    if (val_type(v) == &type_function) co = ((obj_func *)v.u.o)->code;
  if (!co || !co->filename) return;
  value text = dict_get_str(vm->sources, co->filename);
  if (!val_is_str(text)) return;
  const char *src = VAL_STR(text)->data;
  /* line starts, up to the method's line */
  int line = 1, found = 0;
  size_t nlen = strlen(t->name);
  const char *p = src;
  while (*p && line <= co->firstlineno) {
    const char *q = p;
    while (*q == ' ' || *q == '\t') q++;
    if (strncmp(q, "class ", 6) == 0) {
      q += 6;
      while (*q == ' ') q++;
      if (strncmp(q, t->name, nlen) == 0 && (q[nlen] == ':' || q[nlen] == '(' || q[nlen] == ' ')) found = line;
    }
    const char *nl = strchr(p, '\n');
    if (!nl) break;
    p = nl + 1;
    line++;
  }
  if (found) block_source(vm, co->filename, found, b);
}

static const char *doc_of(lang_vm *vm, value v, value *hold) {
  *hold = val_null();
  obj_type *t = val_type(v);
  if (t == &type_bfunc) return ((obj_bfunc *)v.u.o)->reg->doc;
  if (t == &type_function) {
    value d = ((obj_func *)v.u.o)->doc;
    return val_is_str(d) ? VAL_STR(d)->data : NULL;
  }
  value d = obj_getattr_opt(vm, v, vm->s.__doc__);
  exc_clear(vm);
  if (val_is_str(d)) {
    *hold = d;
    return VAL_STR(d)->data;
  }
  val_decref(d);
  return NULL;
}

/* A doc string without its leading/trailing blank lines, common indentation removed. */
static void add_clean_doc(strbuf *b, const char *doc) {
  while (*doc == '\n' || *doc == ' ') {
    const char *nl = strchr(doc, '\n');
    const char *q = doc;
    while (*q == ' ') q++;
    if (*q != '\n' || !nl) break;
    doc = nl + 1;
  }
  /* indentation of lines after the first */
  int common = -1;
  for (const char *p = strchr(doc, '\n'); p; p = strchr(p + 1, '\n')) {
    int ind = 0;
    while (p[1 + ind] == ' ') ind++;
    if (p[1 + ind] == '\n' || p[1 + ind] == '\0') continue;
    if (common < 0 || ind < common) common = ind;
  }
  if (common < 0) common = 0;
  int64_t start = b->len;
  const char *p = doc;
  bool first = true;
  while (*p) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    const char *q = p;
    if (!first) {
      int k = 0;
      while (k < common && (size_t)k < n && q[k] == ' ') k++;
      q += k;
      n -= (size_t)k;
    }
    while (first && n && *q == ' ') {
      q++;
      n--;
    }
    sb_add(b, q, (int64_t)n);
    sb_addc(b, '\n');
    first = false;
    if (!nl) break;
    p = nl + 1;
  }
  while (b->len > start && (b->data[b->len - 1] == '\n' || b->data[b->len - 1] == ' ')) b->data[--b->len] = '\0';
}

/* The fields of a description, rendered as IPython does: names padded to the longest one. */
typedef struct fields { const char *name[8]; char *text[8]; int n; } fields;

static void field(fields *f, const char *name, const char *text) {
  if (f->n == 8) return;
  f->name[f->n] = name;
  f->text[f->n] = strdup(text);
  if (f->text[f->n]) f->n++;
}

static char *render_fields(fields *f) {
  size_t w = 0;
  for (int i = 0; i < f->n; i++)
    if (strlen(f->name[i]) > w) w = strlen(f->name[i]);
  strbuf b;
  sb_init(&b);
  for (int i = 0; i < f->n; i++) {
    sb_printf(&b, "%-*s", (int)w + 1, f->name[i]);
    if (strchr(f->text[i], '\n')) {   /* multi-line text starts on its own line */
      while (b.len && b.data[b.len - 1] == ' ') b.data[--b.len] = '\0';
      sb_addc(&b, '\n');
    }
    sb_adds(&b, f->text[i]);
    sb_addc(&b, '\n');
    free(f->text[i]);
  }
  f->n = 0;
  if (b.oom) {
    sb_free(&b);
    return NULL;
  }
  return b.data;
}

/* The description of v, as IPython's `obj?` (detail 0) / `obj??` (detail 1: source instead of doc). */
static char *describe(lang_vm *vm, value v, int detail) {
  fields b = {0};
  strbuf tmp;
  sb_init(&tmp);
  obj_type *t = val_type(v);
  value fn = v;
  bool bound = false;
  if (t == &type_method) {
    fn = ((obj_method *)v.u.o)->func;
    bound = true;
  }
  value hold;
  const char *doc = doc_of(vm, fn, &hold);
  if (val_type(fn) == &type_function) {
    obj_func *f = (obj_func *)fn.u.o;
    func_signature(vm, f, bound, &tmp);
    field(&b, "Signature:", tmp.data ? tmp.data : "");
    sb_free(&tmp);
    if (detail > 0) {
      func_source(vm, f, &tmp);
      if (tmp.len) field(&b, "Source:", tmp.data);
      sb_free(&tmp);
    } else {
      if (doc) add_clean_doc(&tmp, doc);
      field(&b, "Docstring:", tmp.len ? tmp.data : "<no docstring>");
      sb_free(&tmp);
    }
    if (f->code->filename) field(&b, "File:", f->code->filename->data);
  } else if (val_type(fn) == &type_bfunc) {
    /* bi_reg docs start with the signature line when they have one */
    const char *nl = doc ? strchr(doc, '\n') : NULL;
    const char *op = doc ? strchr(doc, '(') : NULL;
    if (doc && op && (!nl || op < nl)) {
      sb_add(&tmp, doc, nl ? (int64_t)(nl - doc) : (int64_t)strlen(doc));
      field(&b, "Signature:", tmp.data);
      sb_free(&tmp);
      doc = nl ? nl + 1 : "";
    }
    if (doc) add_clean_doc(&tmp, doc);
    field(&b, "Docstring:", tmp.len ? tmp.data : "<no docstring>");
    sb_free(&tmp);
  } else if (val_is_type(v)) {
    value init = obj_getattr_opt(vm, v, vm->s.__init__);
    exc_clear(vm);
    if (val_type(init) == &type_function) {
      func_signature(vm, (obj_func *)init.u.o, true, &tmp);
      /* the class name instead of __init__ */
      char *paren = tmp.data ? strchr(tmp.data, '(') : NULL;
      if (paren) {
        strbuf sig;
        sb_init(&sig);
        sb_adds(&sig, VAL_TYPE(v)->name);
        sb_adds(&sig, paren);
        field(&b, "Init signature:", sig.data);
        sb_free(&sig);
      }
      sb_free(&tmp);
    }
    val_decref(init);
    if (detail > 0) class_source(vm, VAL_TYPE(v), &tmp);
    if (tmp.len) {
      field(&b, "Source:", tmp.data);
    } else {
      if (doc) add_clean_doc(&tmp, doc);
      field(&b, "Docstring:", tmp.len ? tmp.data : "<no docstring>");
    }
    sb_free(&tmp);
  } else {
    if (obj_str_to(vm, v, &tmp) < 0) exc_clear(vm);
    if (tmp.len > 1000) {   /* IPython cuts long string forms too */
      tmp.len = 997;
      sb_adds(&tmp, "...");
    }
    field(&b, "String form:", tmp.data ? tmp.data : "");
    sb_free(&tmp);
    int64_t n = t->len && t != &type_module ? obj_len(vm, v) : -1;
    if (n >= 0) {
      char num[32];
      snprintf(num, sizeof num, "%lld", (long long)n);
      field(&b, "Length:", num);
    }
    exc_clear(vm);
    if (doc && t != &type_int && t != &type_float && t != &type_str && t != &type_bool) {
      add_clean_doc(&tmp, doc);
      field(&b, "Docstring:", tmp.len ? tmp.data : "<no docstring>");
      sb_free(&tmp);
    }
  }
  val_decref(hold);
  field(&b, "Type:", t == &type_bfunc ? "builtin_function_or_method" : t->name);
  exc_clear(vm);
  return render_fields(&b);
}

char *lang_inspect_name(lang_vm *vm, const char *name, int detail) {
  size_t n = strlen(name);
  while (n && (name[n - 1] == ' ' || name[n - 1] == '\n')) n--;
  while (n && (*name == ' ' || *name == '\n')) {
    name++;
    n--;
  }
  if (n == 0 || dotted_start(name, n) != 0) return NULL;
  value v = resolve_dotted(vm, name, n);
  if (VAL_IS_NULL(v)) return NULL;
  char *r = describe(vm, v, detail);
  val_decref(v);
  return r;
}

char *lang_inspect(lang_vm *vm, const char *code, size_t len, size_t cursor, int detail) {
  if (cursor > len) cursor = len;
  /* the dotted name the cursor is in or right after ("torch|.ones" is torch.ones) */
  size_t e = cursor;
  for (;;) {
    while (e < len && is_ident_byte((unsigned char)code[e])) e++;
    if (e + 1 < len && code[e] == '.' && is_ident_byte((unsigned char)code[e + 1]) && e > 0 &&
        is_ident_byte((unsigned char)code[e - 1]))
      e++;
    else
      break;
  }
  size_t s = dotted_start(code, e);
  scan_state st;
  scan_code(code, cursor, &st);
  if (st.ctx != CTX_CODE) return NULL;
  if (s == e && st.nopen > 0 && st.nopen <= 64 && st.openc[st.nopen - 1] == '(') {
    /* in a call's arguments: the function */
    e = st.open[st.nopen - 1];
    while (e > 0 && (code[e - 1] == ' ' || code[e - 1] == '\t')) e--;
    s = dotted_start(code, e);
  }
  if (s == e) return NULL;
  char *name = malloc(e - s + 1);
  if (!name) return NULL;
  memcpy(name, code + s, e - s);
  name[e - s] = '\0';
  ctx_code = code;
  ctx_len = len;
  char *r = lang_inspect_name(vm, name, detail);
  ctx_code = NULL;
  free(name);
  return r;
}

/* ---- is_complete ---- */

const char *lang_check_complete(const char *src, size_t len, char *indent, size_t indent_cap) {
  if (indent_cap) indent[0] = '\0';
  const char *st = lang_is_complete(src, len);
  /* the indentation of the last non-blank line */
  size_t e = len;
  while (e > 0 && (src[e - 1] == '\n' || src[e - 1] == ' ' || src[e - 1] == '\t' || src[e - 1] == '\r')) e--;
  size_t ls = e;
  while (ls > 0 && src[ls - 1] != '\n') ls--;
  size_t ind = 0;
  while (ls + ind < e && (src[ls + ind] == ' ' || src[ls + ind] == '\t')) ind++;
  /* does the last line open a block (ends with ':' outside strings and comments)? */
  scan_state ss;
  scan_code(src, e, &ss);
  size_t ce = e;
  if (ss.ctx == CTX_COMMENT) {
    const char *h = memchr(src + ls, '#', e - ls);
    if (h) ce = (size_t)(h - src);
    while (ce > ls && (src[ce - 1] == ' ' || src[ce - 1] == '\t')) ce--;
  }
  bool opens = ce > ls && src[ce - 1] == ':';
  /* as IPython: a line break after the last statement line (the console's Enter) ends the block */
  bool ends_blank = memchr(src + e, '\n', len - e) != NULL;
  if (strcmp(st, "complete") == 0) {
    /* a compound statement at the prompt needs a closing blank line, as in the REPL */
    if ((ind > 0 || opens) && !ends_blank && e > 0) st = "incomplete";
    else return st;
  }
  if (strcmp(st, "incomplete") == 0) {
    size_t want = ind + (opens ? 4 : 0);
    if (ss.nopen > 0) want = ind;   /* inside brackets: keep the line's indentation */
    if (want + 1 > indent_cap) want = indent_cap ? indent_cap - 1 : 0;
    for (size_t i = 0; i < want; i++) indent[i] = i < ind ? src[ls + i] : ' ';
    if (indent_cap) indent[want] = '\0';
  }
  return st;
}

/* ---- user_expressions ---- */

static char *take_text(strbuf *b) {
  if (b->oom) {
    sb_free(b);
    return NULL;
  }
  char *r = b->data ? b->data : strdup("");
  sb_init(b);
  return r;
}

/* Moves the pending exception into the three texts. */
static void fetch_error(lang_vm *vm, char **ename, char **evalue, char **traceback) {
  value e = exc_fetch(vm);
  strbuf b;
  sb_init(&b);
  if (!VAL_IS_NULL(e)) {
    exc_format(vm, e, &b);
    exc_clear(vm);
  }
  *traceback = take_text(&b);
  sb_adds(&b, VAL_IS_NULL(e) ? "SystemError" : val_type_name(e));
  *ename = take_text(&b);
  if (!VAL_IS_NULL(e) && obj_str_to(vm, e, &b) < 0) exc_clear(vm);
  *evalue = take_text(&b);
  val_decref(e);
}

lang_status lang_eval_repr(lang_vm *vm, const char *expr, char **repr_out, char **ename, char **evalue,
                           char **traceback) {
  *repr_out = *ename = *evalue = *traceback = NULL;
  obj_dict *g = main_globals(vm);
  if (!g) return LANG_ERROR;
  obj_code *co = comp_compile_source(vm, expr, strlen(expr), "<user_expression>", AST_MODE_EVAL, false);
  if (!co) {
    fetch_error(vm, ename, evalue, traceback);
    return LANG_SYNTAX;
  }
  vm->depth++;
  value v = vm_run_code(vm, co, g, g);
  vm->depth--;
  obj_decref(co);
  value s = VAL_IS_NULL(v) ? v : obj_repr(vm, v);
  val_decref(v);
  if (VAL_IS_NULL(s)) {
    fetch_error(vm, ename, evalue, traceback);
    return LANG_ERROR;
  }
  *repr_out = strdup(VAL_STR(s)->data);
  val_decref(s);
  return *repr_out ? LANG_OK : LANG_ERROR;
}
