/*
** kernel/lang/display.c — rich display for the Jupyter kernel: mime bundles from _repr_*_ methods,
** the display()/clear_output()/update_display() builtins, the IPython and IPython.display modules
** (written in Python, compiled at import) and the input() hook. Nothing here runs unless the
** kernel calls lang_kernel_install: `ctorch run` never sees these names.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel/lang/internal.h"
#include "kernel/lang/lang.h"
#include "kernel/lang/torch_bind.h"

/* ---- the kernels installed into vms ---- */

typedef struct kernel_entry {
  lang_vm *vm;
  lang_kernel_hooks hooks;
} kernel_entry;

enum { MAX_KERNELS = 8 };
static kernel_entry kernels[MAX_KERNELS];

static kernel_entry *entry_of(lang_vm *vm) {
  for (int i = 0; i < MAX_KERNELS; i++)
    if (kernels[i].vm == vm) return &kernels[i];
  return NULL;
}

/* ---- JSON text of a value (metadata, _repr_json_) ---- */

static void json_string(strbuf *b, const char *s, size_t n) {
  sb_addc(b, '"');
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') {
      sb_addc(b, '\\');
      sb_addc(b, (char)c);
    } else if (c == '\n') sb_adds(b, "\\n");
    else if (c == '\t') sb_adds(b, "\\t");
    else if (c == '\r') sb_adds(b, "\\r");
    else if (c < 0x20) sb_printf(b, "\\u%04x", c);
    else sb_addc(b, (char)c);
  }
  sb_addc(b, '"');
}

/* Appends v as JSON. Unknown objects become their str(). -1 on an exception. */
static int json_value(lang_vm *vm, value v, strbuf *b, int depth) {
  if (depth > 64) return exc_seti(vm, EXC_ValueError, "display metadata nested too deeply");
  switch (v.tag) {
  case VAL_NONE: sb_adds(b, "null"); return 0;
  case VAL_BOOL: sb_adds(b, v.u.b ? "true" : "false"); return 0;
  case VAL_INT: sb_printf(b, "%lld", (long long)v.u.i); return 0;
  case VAL_FLOAT: {
    if (v.u.f != v.u.f || v.u.f - v.u.f != 0) {   /* NaN, inf: not JSON */
      sb_adds(b, "null");
      return 0;
    }
    char buf[40];
    float_repr_buf(v.u.f, buf, sizeof buf);
    sb_adds(b, buf);
    return 0;
  }
  default: break;
  }
  if (val_is_str(v)) {
    json_string(b, VAL_STR(v)->data, (size_t)VAL_STR(v)->len);
    return 0;
  }
  if (val_is_list(v) || val_is_tuple(v)) {
    int64_t n = val_is_list(v) ? VAL_LIST(v)->len : VAL_TUPLE(v)->len;
    sb_addc(b, '[');
    for (int64_t i = 0; i < n; i++) {
      if (i) sb_addc(b, ',');
      value it = val_is_list(v) ? VAL_LIST(v)->items[i] : VAL_TUPLE(v)->items[i];
      if (json_value(vm, it, b, depth + 1) < 0) return -1;
    }
    sb_addc(b, ']');
    return 0;
  }
  if (val_is_dict(v)) {
    sb_addc(b, '{');
    int64_t pos = 0;
    value k, x;
    bool first = true;
    while (dict_next(VAL_DICT(v), &pos, &k, &x)) {
      if (!first) sb_addc(b, ',');
      first = false;
      strbuf ks;
      sb_init(&ks);
      if (obj_str_to(vm, k, &ks) < 0) {
        sb_free(&ks);
        return -1;
      }
      json_string(b, ks.data ? ks.data : "", (size_t)ks.len);
      sb_free(&ks);
      sb_addc(b, ':');
      if (json_value(vm, x, b, depth + 1) < 0) return -1;
    }
    sb_addc(b, '}');
    return 0;
  }
  strbuf s;
  sb_init(&s);
  if (obj_str_to(vm, v, &s) < 0) {
    sb_free(&s);
    return -1;
  }
  json_string(b, s.data ? s.data : "", (size_t)s.len);
  sb_free(&s);
  return 0;
}

/* ---- base64 (binary image payloads) ---- */

static void base64(strbuf *b, const unsigned char *s, size_t n) {
  static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  for (; i + 2 < n; i += 3) {
    unsigned v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
    char q[4] = {tab[v >> 18], tab[(v >> 12) & 63], tab[(v >> 6) & 63], tab[v & 63]};
    sb_add(b, q, 4);
  }
  if (i < n) {
    unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0);
    char q[4] = {tab[v >> 18], tab[(v >> 12) & 63], i + 1 < n ? tab[(v >> 6) & 63] : '=', '='};
    sb_add(b, q, 4);
  }
}

/* The layout of bytes objects (bytes.c keeps its struct private; this mirrors it). */
typedef struct bytes_view { obj hdr; int64_t len; unsigned char data[]; } bytes_view;

/* ---- mime bundles ---- */

void lang_mime_bundle_free(lang_mime_bundle *b) {
  for (int i = 0; i < b->n; i++) {
    free(b->items[i].mime);
    free(b->items[i].data);
  }
  free(b->metadata_json);
  memset(b, 0, sizeof *b);
}

static bool mime_binary(const char *mime) {
  return strncmp(mime, "image/", 6) == 0 ? strcmp(mime, "image/svg+xml") != 0 : strcmp(mime, "application/pdf") == 0;
}
static bool mime_json(const char *mime) {
  size_t n = strlen(mime);
  return strcmp(mime, "application/json") == 0 || (n > 5 && strcmp(mime + n - 5, "+json") == 0);
}

static int bundle_find(lang_mime_bundle *b, const char *mime) {
  for (int i = 0; i < b->n; i++)
    if (strcmp(b->items[i].mime, mime) == 0) return i;
  return -1;
}

/* Adds (or replaces) one item from a value: str, bytes (base64 for binary types), JSON-able values
   for json types. Silently skips values it cannot use. */
static int bundle_put(lang_vm *vm, lang_mime_bundle *b, const char *mime, value data) {
  if (data.tag == VAL_NONE || VAL_IS_NULL(data)) return 0;
  strbuf s;
  sb_init(&s);
  bool json = mime_json(mime);
  if (json && !val_is_str(data)) {
    if (json_value(vm, data, &s, 0) < 0) {
      sb_free(&s);
      exc_clear(vm);
      return 0;
    }
  } else if (val_is_str(data)) {
    sb_add(&s, VAL_STR(data)->data, VAL_STR(data)->len);
    if (!s.data) sb_adds(&s, "");
  } else if (val_type(data) == &type_bytes) {
    bytes_view *bv = (bytes_view *)data.u.o;
    if (mime_binary(mime)) base64(&s, bv->data, (size_t)bv->len);
    else sb_add(&s, (const char *)bv->data, bv->len);
    if (!s.data) sb_adds(&s, "");
  } else {
    return 0;
  }
  if (s.oom) {
    sb_free(&s);
    return -1;
  }
  int i = bundle_find(b, mime);
  if (i < 0) {
    if (b->n == LANG_MIME_MAX) {
      sb_free(&s);
      return 0;
    }
    i = b->n++;
    b->items[i].mime = strdup(mime);
  } else {
    free(b->items[i].data);
  }
  b->items[i].data = s.data;
  b->items[i].len = (size_t)s.len;
  b->items[i].json = json;
  return b->items[i].mime ? 0 : -1;
}

/* metadata: a dict of {mime: {...}} / top-level keys kept as a dict value while building. */
static int meta_put(lang_vm *vm, obj_dict **meta, const char *mime, value md) {
  if (md.tag == VAL_NONE || VAL_IS_NULL(md)) return 0;
  if (val_is_dict(md) && VAL_DICT(md)->used == 0) return 0;
  if (!*meta && !(*meta = dict_new(vm))) return -1;
  if (mime) return dict_set_cstr(vm, *meta, mime, md);
  if (!val_is_dict(md)) return 0;
  return dict_update(vm, *meta, md);
}

static const struct { const char *method, *mime; } repr_methods[] = {
  {"_repr_html_", "text/html"},         {"_repr_markdown_", "text/markdown"},
  {"_repr_svg_", "image/svg+xml"},      {"_repr_png_", "image/png"},
  {"_repr_jpeg_", "image/jpeg"},        {"_repr_latex_", "text/latex"},
  {"_repr_json_", "application/json"},  {"_repr_javascript_", "application/javascript"},
  {"_repr_pdf_", "application/pdf"},    {NULL, NULL}
};

/* Calls obj.<name>() if obj has it (types themselves are skipped: their methods are unbound).
   New reference, VAL_NULL if absent or it raised (the exception is dropped). */
static value call_repr_method(lang_vm *vm, value obj, const char *name) {
  if (val_is_type(obj)) return val_null();
  obj_str *n = str_intern(vm, name);
  if (!n) {
    exc_clear(vm);
    return val_null();
  }
  value m = obj_getattr_opt(vm, obj, n);
  if (VAL_IS_NULL(m)) {
    exc_clear(vm);
    return m;
  }
  value r = vm_call0(vm, m);
  val_decref(m);
  if (VAL_IS_NULL(r)) exc_clear(vm);
  return r;
}

/* Splits a method's result into data and metadata ((data, md) tuples). Borrowed. */
static void split_result(value r, value *data, value *md) {
  *data = r;
  *md = val_null();
  if (val_is_tuple(r) && VAL_TUPLE(r)->len == 2) {
    *data = VAL_TUPLE(r)->items[0];
    *md = VAL_TUPLE(r)->items[1];
  }
}

/* ---- built-in rich views of types that have no _repr_html_ ---- */

static void html_escape(strbuf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '<') sb_adds(b, "&lt;");
    else if (c == '>') sb_adds(b, "&gt;");
    else if (c == '&') sb_adds(b, "&amp;");
    else if (c == '"') sb_adds(b, "&quot;");
    else sb_addc(b, c);
  }
}

enum { TENSOR_HTML_MAX = 1000 };   /* PyTorch's print threshold: bigger tensors print summarised */

/* A small 1-D/2-D tensor as an HTML table whose cells are exactly the numbers its repr prints (the
   repr is parsed, so formatting follows torch.set_printoptions), captioned with shape, dtype and the
   repr's suffix (device, requires_grad, grad_fn). */
static value tensor_html(lang_vm *vm, value v) {
  const ten_tensor *t = VAL_TENSOR(v);
  int64_t numel = ten_numel(t);
  if ((t->ndim != 1 && t->ndim != 2) || numel == 0 || numel > TENSOR_HTML_MAX) return val_null();
  value r = obj_repr(vm, v);
  if (VAL_IS_NULL(r)) {
    exc_clear(vm);
    return r;
  }
  const char *s = VAL_STR(r)->data;
  const char *open = strchr(s, '[');
  if (!open || strstr(s, "...")) {
    val_decref(r);
    return val_null();
  }
  /* the data part: from the first '[' to its matching ']' */
  const char *p = open;
  int depth = 0;
  for (; *p; p++) {
    if (*p == '[') depth++;
    else if (*p == ']' && --depth == 0) break;
  }
  if (!*p) {
    val_decref(r);
    return val_null();
  }
  const char *data_end = p;
  strbuf b;
  sb_init(&b);
  sb_adds(&b, "<table class=\"ctorch-tensor\" style=\"border-collapse:collapse;font-family:monospace\">");
  int64_t cols = t->ndim == 2 ? t->shape[1] : numel, count = 0;
  const char *q = open;
  while (q < data_end) {
    while (q < data_end && (*q == '[' || *q == ']' || *q == ',' || *q == ' ' || *q == '\n')) q++;
    if (q >= data_end) break;
    const char *e = q;
    while (e < data_end && *e != ',' && *e != ']' && *e != ' ' && *e != '\n') e++;
    if (count % cols == 0) sb_adds(&b, count ? "</tr><tr>" : "<tr>");
    sb_adds(&b, "<td style=\"text-align:right;padding:0 0.6em\">");
    html_escape(&b, q, (size_t)(e - q));
    sb_adds(&b, "</td>");
    count++;
    q = e;
  }
  if (count != numel) {   /* a format this parser does not know: no table */
    sb_free(&b);
    val_decref(r);
    return val_null();
  }
  sb_adds(&b, "</tr><caption style=\"caption-side:bottom;text-align:left;font-size:smaller\">");
  char shape[64];
  if (t->ndim == 2) snprintf(shape, sizeof shape, "%lld&#215;%lld", (long long)t->shape[0], (long long)t->shape[1]);
  else snprintf(shape, sizeof shape, "%lld", (long long)t->shape[0]);
  sb_printf(&b, "tensor %s, torch.%s", shape, ten_dtype_name(t->dtype));
  /* ", device='cuda:0', requires_grad=True)" after the data, dtype left out (already said) */
  const char *suffix = data_end + 1;
  size_t sl = strlen(suffix);
  if (sl && suffix[sl - 1] == ')') sl--;
  while (sl) {
    while (sl && (*suffix == ',' || *suffix == ' ' || *suffix == '\n')) suffix++, sl--;
    const char *c = memchr(suffix, ',', sl);
    size_t n = c ? (size_t)(c - suffix) : sl;
    while (n && (suffix[n - 1] == ' ' || suffix[n - 1] == '\n')) n--;
    if (n && strncmp(suffix, "dtype=", 6) != 0) {
      sb_adds(&b, ", ");
      html_escape(&b, suffix, n);
    }
    size_t adv = c ? (size_t)(c - suffix) + 1 : sl;
    suffix += adv;
    sl -= adv;
  }
  sb_adds(&b, "</caption></table>");
  val_decref(r);
  obj_str *h = sb_finish(vm, &b);
  if (!h) exc_clear(vm);
  return h ? val_obj(h) : val_null();
}

/* Fills b for obj: text/plain (repr, or the given text), then the rich representations. raw: obj
   is itself a {mime: data} dict. extra_md: display(metadata=...). */
static int bundle_of(lang_vm *vm, value obj, const char *repr, bool raw, value extra_md, lang_mime_bundle *b) {
  memset(b, 0, sizeof *b);
  obj_dict *meta = NULL;
  int rc = 0;
  if (raw && val_is_dict(obj)) {
    int64_t pos = 0;
    value k, v;
    while (dict_next(VAL_DICT(obj), &pos, &k, &v))
      if (val_is_str(k) && bundle_put(vm, b, VAL_STR(k)->data, v) < 0) rc = -1;
  } else {
    if (repr) {
      b->items[0].mime = strdup("text/plain");
      b->items[0].data = strdup(repr);
      b->items[0].len = strlen(repr);
      b->n = 1;
      if (!b->items[0].mime || !b->items[0].data) rc = -1;
    } else {
      value s = obj_repr(vm, obj);
      if (VAL_IS_NULL(s)) {
        exc_clear(vm);
        s = val_obj_or_null(str_printf(vm, "<%s object>", val_type_name(obj)));
      }
      if (VAL_IS_NULL(s) || bundle_put(vm, b, "text/plain", s) < 0) rc = -1;
      val_decref(s);
    }
    value mb = call_repr_method(vm, obj, "_repr_mimebundle_");
    if (!VAL_IS_NULL(mb)) {
      value data, md;
      split_result(mb, &data, &md);
      if (val_is_dict(data)) {
        int64_t pos = 0;
        value k, v;
        while (dict_next(VAL_DICT(data), &pos, &k, &v))
          if (val_is_str(k) && bundle_put(vm, b, VAL_STR(k)->data, v) < 0) rc = -1;
      }
      if (val_is_dict(md) && meta_put(vm, &meta, NULL, md) < 0) rc = -1;
      val_decref(mb);
    }
    for (int i = 0; repr_methods[i].method; i++) {
      if (bundle_find(b, repr_methods[i].mime) >= 0) continue;
      value r = call_repr_method(vm, obj, repr_methods[i].method);
      if (VAL_IS_NULL(r)) continue;
      value data, md;
      split_result(r, &data, &md);
      int before = b->n;
      if (bundle_put(vm, b, repr_methods[i].mime, data) < 0) rc = -1;
      if (b->n > before && meta_put(vm, &meta, repr_methods[i].mime, md) < 0) rc = -1;
      val_decref(r);
    }
    if (bundle_find(b, "text/html") < 0 && val_is_tensor(obj)) {
      value h = tensor_html(vm, obj);
      if (!VAL_IS_NULL(h) && bundle_put(vm, b, "text/html", h) < 0) rc = -1;
      val_decref(h);
    }
  }
  if (bundle_find(b, "text/plain") < 0 && b->n < LANG_MIME_MAX) {   /* always one text/plain */
    value s = obj_repr(vm, obj);
    if (VAL_IS_NULL(s)) exc_clear(vm);
    else if (bundle_put(vm, b, "text/plain", s) < 0) rc = -1;
    val_decref(s);
  }
  if (!VAL_IS_NULL(extra_md) && extra_md.tag != VAL_NONE && meta_put(vm, &meta, NULL, extra_md) < 0) rc = -1;
  if (meta) {
    strbuf s;
    sb_init(&s);
    if (json_value(vm, val_obj(meta), &s, 0) < 0) exc_clear(vm);
    else b->metadata_json = s.data;
    if (s.oom) rc = -1;
    obj_decref(meta);
  }
  exc_clear(vm);
  return rc;
}

int lang_result_bundle(lang_vm *vm, const char *repr, lang_mime_bundle *b) {
  memset(b, 0, sizeof *b);
  value v = dict_get_cstr(vm, vm->builtins, "_");
  if (VAL_IS_NULL(v)) {
    exc_clear(vm);
    return -1;
  }
  val_incref(v);
  int rc = bundle_of(vm, v, repr, false, val_null(), b);
  val_decref(v);
  return rc;
}

/* ---- builtins behind IPython.display ---- */

static value bi_display_prim(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* _display(obj, display_id, update, raw, metadata) */
  kernel_entry *k = entry_of(vm);
  if (!k || !k->hooks.display) return val_none();
  value id = args[1];
  if (id.tag != VAL_NONE && !val_is_str(id)) return exc_set(vm, EXC_TypeError, "display_id must be a str");
  int upd = obj_truth(vm, args[2]), raw = obj_truth(vm, args[3]);
  if (upd < 0 || raw < 0) return val_null();
  lang_mime_bundle b;
  if (bundle_of(vm, args[0], NULL, raw, args[4], &b) < 0) {
    lang_mime_bundle_free(&b);
    return exc_nomem(vm);
  }
  int rc = k->hooks.display(k->hooks.ctx, &b, val_is_str(id) ? VAL_STR(id)->data : NULL, upd != 0);
  lang_mime_bundle_free(&b);
  if (exc_pending(vm)) return val_null();
  (void)rc;
  return val_none();
}

static value bi_clear_prim(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  kernel_entry *k = entry_of(vm);
  int wait = obj_truth(vm, args[0]);
  if (wait < 0) return val_null();
  if (k && k->hooks.clear_output) k->hooks.clear_output(k->hooks.ctx, wait != 0);
  return val_none();
}

static value bi_new_id(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* 32 hex digits, as IPython's uuid4().hex */
  static uint64_t state;
  if (!state) {
    FILE *f = fopen("/dev/urandom", "rb");
    if (!f || fread(&state, sizeof state, 1, f) != 1) state = (uint64_t)(uintptr_t)&state ^ 0x9e3779b97f4a7c15ull;
    if (f) fclose(f);
    state |= 1;
  }
  char buf[33];
  for (int half = 0; half < 2; half++) {
    state ^= state << 13;   /* xorshift64 */
    state ^= state >> 7;
    state ^= state << 17;
    snprintf(buf + 16 * half, 17, "%016llx", (unsigned long long)state);
  }
  return val_obj(str_new(vm, buf, 32));
}

static value bi_read_file(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_str *path = bi_to_str(vm, args[0], "_read_file", "1");
  if (!path) return val_null();
  /* confined as torch.load is: notebooks on a shared server read only below their directory */
  int fd = ser_open_confined(vm, "IPython.display", path, false);
  if (fd < 0) return val_null();
  FILE *f = fdopen(fd, "rb");
  if (!f) {
    close(fd);
    return exc_nomem(vm);
  }
  strbuf b;
  sb_init(&b);
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) sb_add(&b, buf, (int64_t)n);
  fclose(f);
  if (b.oom) {
    sb_free(&b);
    return exc_nomem(vm);
  }
  value r = bytes_new(vm, b.data ? b.data : "", b.len);
  sb_free(&b);
  return r;
}

static value bi_kernel_exit(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  /* exit(keep_kernel=False) as IPython's: the front end is asked to close; the cell goes on */
  kernel_entry *k = entry_of(vm);
  int keep = 0;
  if (nargs > 1) return exc_set(vm, EXC_TypeError, "exit() takes at most 1 argument (%d given)", nargs);
  if (nargs == 1 && (keep = obj_truth(vm, args[0])) < 0) return val_null();
  if (!k || !k->hooks.ask_exit) return exc_set_value(vm, EXC_SystemExit, val_null());
  k->hooks.ask_exit(k->hooks.ctx, keep != 0);
  return val_none();
}

static const bi_reg kernel_exit_funcs[] = {
  {"exit", bi_kernel_exit, BI_VARARGS, 0, "exit(keep_kernel=False)\n\nEnd the session: the front end closes (a console exits)."},
  {"quit", bi_kernel_exit, BI_VARARGS, 0, "quit(keep_kernel=False)\n\nEnd the session: the front end closes (a console exits)."},
  {NULL, NULL, 0, 0, NULL}
};

static const bi_reg display_prims[] = {
  {"_display", bi_display_prim, 5, 0, NULL},
  {"_clear_output", bi_clear_prim, 1, 0, NULL},
  {"_new_id", bi_new_id, 0, 0, NULL},
  {"_read_file", bi_read_file, 1, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};

/* IPython.display, in Python (IPython's names and behaviour for what a tutorial uses). */
static const char ipython_display_src[] =
  "class StdinNotImplementedError(NotImplementedError):\n"
  "    \"\"\"input() in a kernel whose front end does not allow input requests.\"\"\"\n"
  "\n"
  "class DisplayHandle:\n"
  "    \"\"\"A handle on an updatable display: display() shows it again, update() replaces it.\"\"\"\n"
  "\n"
  "    def __init__(self, display_id=None):\n"
  "        if display_id is None:\n"
  "            display_id = _new_id()\n"
  "        self.display_id = display_id\n"
  "\n"
  "    def __repr__(self):\n"
  "        return \"<%s display_id=%s>\" % (type(self).__name__, self.display_id)\n"
  "\n"
  "    def display(self, obj, **kwargs):\n"
  "        display(obj, display_id=self.display_id, **kwargs)\n"
  "\n"
  "    def update(self, obj, **kwargs):\n"
  "        display(obj, display_id=self.display_id, update=True, **kwargs)\n"
  "\n"
  "\n"
  "def display(*objs, include=None, exclude=None, metadata=None, transient=None, display_id=None, raw=False,\n"
  "            clear=False, update=False, **kwargs):\n"
  "    \"\"\"Display objects in the notebook (display_data), choosing the richest representation.\"\"\"\n"
  "    if clear:\n"
  "        clear_output(wait=True)\n"
  "    if display_id is True:\n"
  "        display_id = _new_id()\n"
  "    elif display_id is not None and not isinstance(display_id, str):\n"
  "        display_id = str(display_id)\n"
  "    if transient is not None and display_id is None:\n"
  "        display_id = transient.get(\"display_id\")\n"
  "    for obj in objs:\n"
  "        _display(obj, display_id, update, raw, metadata)\n"
  "    if display_id is not None and not update:\n"
  "        return DisplayHandle(display_id)\n"
  "\n"
  "\n"
  "_post_execute = []\n"
  "\n"
  "\n"
  "def _register_post_execute(fn):\n"
  "    \"\"\"Call fn() after every cell (IPython's post_execute event; matplotlib shows its figures).\"\"\"\n"
  "    if fn not in _post_execute:\n"
  "        _post_execute.append(fn)\n"
  "\n"
  "\n"
  "def update_display(obj, *, display_id, **kwargs):\n"
  "    \"\"\"Replace the output of an earlier display(..., display_id=...).\"\"\"\n"
  "    kwargs[\"update\"] = True\n"
  "    display(obj, display_id=display_id, **kwargs)\n"
  "\n"
  "\n"
  "def clear_output(wait=False):\n"
  "    \"\"\"Clear the output of the current cell; wait=True: only when new output arrives.\"\"\"\n"
  "    _clear_output(bool(wait))\n"
  "\n"
  "\n"
  "class DisplayObject:\n"
  "    \"\"\"Base of the wrappers below: holds data (or a file's or URL's).\"\"\"\n"
  "\n"
  "    _binary = False\n"
  "\n"
  "    def __init__(self, data=None, url=None, filename=None, metadata=None):\n"
  "        if isinstance(data, str) and filename is None and url is None:\n"
  "            if data.startswith(\"http://\") or data.startswith(\"https://\"):\n"
  "                url, data = data, None\n"
  "        self.data = data\n"
  "        self.url = url\n"
  "        self.filename = filename\n"
  "        self.metadata = metadata\n"
  "        if filename is not None and data is None:\n"
  "            self.reload()\n"
  "\n"
  "    def reload(self):\n"
  "        if self.filename is not None:\n"
  "            raw = _read_file(self.filename)\n"
  "            self.data = raw if self._binary else raw.decode()\n"
  "\n"
  "    def _data_and_metadata(self):\n"
  "        if self.metadata:\n"
  "            return self.data, self.metadata\n"
  "        return self.data\n"
  "\n"
  "    def __repr__(self):\n"
  "        return \"<IPython.core.display.%s object>\" % type(self).__name__\n"
  "\n"
  "\n"
  "class TextDisplayObject(DisplayObject):\n"
  "    pass\n"
  "\n"
  "\n"
  "class HTML(TextDisplayObject):\n"
  "    def _repr_html_(self):\n"
  "        return self._data_and_metadata()\n"
  "\n"
  "\n"
  "class Markdown(TextDisplayObject):\n"
  "    def _repr_markdown_(self):\n"
  "        return self._data_and_metadata()\n"
  "\n"
  "\n"
  "class Latex(TextDisplayObject):\n"
  "    def _repr_latex_(self):\n"
  "        return self._data_and_metadata()\n"
  "\n"
  "\n"
  "class Math(TextDisplayObject):\n"
  "    def _repr_latex_(self):\n"
  "        s = self.data.strip(\"$\")\n"
  "        return \"$\\\\displaystyle %s$\" % s\n"
  "\n"
  "\n"
  "class SVG(DisplayObject):\n"
  "    def _repr_svg_(self):\n"
  "        return self._data_and_metadata()\n"
  "\n"
  "\n"
  "class Javascript(TextDisplayObject):\n"
  "    def _repr_javascript_(self):\n"
  "        return self._data_and_metadata()\n"
  "\n"
  "\n"
  "class JSON(DisplayObject):\n"
  "    def __init__(self, data=None, url=None, filename=None, expanded=False, metadata=None, root=\"root\"):\n"
  "        DisplayObject.__init__(self, data, url, filename, metadata)\n"
  "        self.expanded = expanded\n"
  "        self.root = root\n"
  "\n"
  "    def _repr_json_(self):\n"
  "        md = {\"expanded\": self.expanded, \"root\": self.root}\n"
  "        if self.metadata:\n"
  "            md.update(self.metadata)\n"
  "        return self.data, md\n"
  "\n"
  "\n"
  "class Pretty(TextDisplayObject):\n"
  "    def __repr__(self):\n"
  "        return self.data\n"
  "\n"
  "\n"
  "_IMAGE_FORMATS = {\"png\": \"png\", \"jpg\": \"jpeg\", \"jpeg\": \"jpeg\", \"gif\": \"gif\", \"webp\": \"webp\"}\n"
  "\n"
  "\n"
  "class Image(DisplayObject):\n"
  "    \"\"\"An image from bytes, a file or a URL: image/png or image/jpeg (embedded), <img> for URLs.\"\"\"\n"
  "\n"
  "    _binary = True\n"
  "\n"
  "    def __init__(self, data=None, url=None, filename=None, format=None, embed=None, width=None, height=None,\n"
  "                 retina=False, unconfined=False, metadata=None, alt=None):\n"
  "        if isinstance(data, str) and filename is None and url is None:\n"
  "            if data.startswith(\"http://\") or data.startswith(\"https://\"):\n"
  "                url, data = data, None\n"
  "            else:\n"
  "                filename, data = data, None\n"
  "        name = filename if filename is not None else url\n"
  "        if format is None and name is not None:\n"
  "            ext = name.rsplit(\".\", 1)[-1].lower() if \".\" in name else \"\"\n"
  "            format = _IMAGE_FORMATS.get(ext)\n"
  "        if format is None and isinstance(data, bytes) and len(data) > 3 and data[0] == 0xFF and data[1] == 0xD8:\n"
  "            format = \"jpeg\"\n"
  "        if format is None:\n"
  "            format = \"png\"\n"
  "        self.format = _IMAGE_FORMATS.get(format.lower(), format.lower())\n"
  "        self.embed = embed if embed is not None else url is None\n"
  "        self.width = width\n"
  "        self.height = height\n"
  "        self.alt = alt\n"
  "        self.unconfined = unconfined\n"
  "        DisplayObject.__init__(self, data, url, filename, metadata)\n"
  "\n"
  "    def _md(self):\n"
  "        md = {}\n"
  "        if self.width:\n"
  "            md[\"width\"] = self.width\n"
  "        if self.height:\n"
  "            md[\"height\"] = self.height\n"
  "        if self.unconfined:\n"
  "            md[\"unconfined\"] = True\n"
  "        if self.alt:\n"
  "            md[\"alt\"] = self.alt\n"
  "        if self.metadata:\n"
  "            md.update(self.metadata)\n"
  "        return md\n"
  "\n"
  "    def _repr_html_(self):\n"
  "        if self.embed:\n"
  "            return None\n"
  "        w = ' width=\"%s\"' % self.width if self.width else \"\"\n"
  "        h = ' height=\"%s\"' % self.height if self.height else \"\"\n"
  "        return '<img src=\"%s\"%s%s/>' % (self.url, w, h)\n"
  "\n"
  "    def _repr_png_(self):\n"
  "        if self.embed and self.format == \"png\":\n"
  "            return self.data, self._md()\n"
  "\n"
  "    def _repr_jpeg_(self):\n"
  "        if self.embed and self.format == \"jpeg\":\n"
  "            return self.data, self._md()\n"
  "\n"
  "    def _repr_mimebundle_(self, include=None, exclude=None):\n"
  "        if self.embed and self.format not in (\"png\", \"jpeg\"):\n"
  "            return {\"image/\" + self.format: self.data}, {\"image/\" + self.format: self._md()}\n"
  "        return None\n";

static int run_source_in(lang_vm *vm, obj_dict *d, const char *src, const char *filename) {
  obj_code *co = comp_compile_source(vm, src, strlen(src), filename, AST_MODE_EXEC, false);
  if (!co) return -1;
  vm->depth++;
  value r = vm_run_code(vm, co, d, d);
  vm->depth--;
  obj_decref(co);
  if (VAL_IS_NULL(r)) return -1;
  val_decref(r);
  return 0;
}

static int lib_ipython_display_init(lang_vm *vm, obj_dict *d) {
  if (module_add_funcs(vm, d, display_prims) < 0) return -1;
  if (dict_set_cstr(vm, d, "__builtins__", val_obj(vm->builtins)) < 0) return -1;
  return run_source_in(vm, d, ipython_display_src, "<IPython.display>");
}

static int lib_ipython_init(lang_vm *vm, obj_dict *d) {
  static const char src[] =
    "def get_ipython():\n"
    "    return None\n";
  if (dict_set_cstr(vm, d, "__builtins__", val_obj(vm->builtins)) < 0) return -1;
  if (dict_set_cstr(vm, d, "version_info", val_none()) < 0) return -1;
  if (run_source_in(vm, d, src, "<IPython>") < 0) return -1;
  /* IPython.display is bound as an attribute when it is imported (import.c) */
  return 0;
}

static const lang_lib kernel_libs[] = {
  {"IPython", lib_ipython_init},
  {"IPython.display", lib_ipython_display_init},
  {NULL, NULL}
};

/* ---- input() ---- */

static int input_adapter(void *ctx, const char *prompt, strbuf *line) {
  kernel_entry *k = ctx;
  lang_vm *vm = k->vm;
  if (!k->hooks.input) return -1;
  char *got = NULL;
  int rc = k->hooks.input(k->hooks.ctx, prompt ? prompt : "", false, &got);
  switch (rc) {
  case LANG_INPUT_OK:
    sb_adds(line, got ? got : "");
    free(got);
    return 0;
  case LANG_INPUT_INTERRUPTED:
    *vm->interrupt = 0;
    exc_set_value(vm, EXC_KeyboardInterrupt, val_null());
    return -1;
  case LANG_INPUT_NOT_ALLOWED: {
    value m = dict_get_cstr(vm, vm->modules, "IPython.display");
    value t = VAL_IS_NULL(m) ? m : dict_get_cstr(vm, ((obj_module *)m.u.o)->dict, "StdinNotImplementedError");
    const char *msg = "raw_input was called, but this frontend does not support input requests.";
    if (val_is_type(t)) {
      value e = exc_new(vm, VAL_TYPE(t), msg);
      if (!VAL_IS_NULL(e)) exc_set_object(vm, e);
    } else {
      exc_set(vm, EXC_NotImplementedError, "%s", msg);
    }
    return -1;
  }
  default:
    free(got);
    return -1;   /* EOFError */
  }
}

/* ---- install ---- */

int lang_kernel_install(lang_vm *vm, const lang_kernel_hooks *hooks) {
  kernel_entry *k = entry_of(vm);
  if (!k) k = entry_of(NULL);
  if (!k) return -1;
  k->vm = vm;
  k->hooks = *hooks;
  if (lang_add_libs(kernel_libs) < 0) return -1;   /* builtins.c's registry of module tables */
  vm->input = input_adapter;
  vm->input_ctx = k;
  obj_str *name = str_intern(vm, "IPython.display");
  value m = name ? import_module(vm, name, val_bool(true), 0, NULL) : val_null();
  if (VAL_IS_NULL(m)) {
    exc_clear(vm);
    return -1;
  }
  obj_dict *d = ((obj_module *)m.u.o)->dict;
  static const char *const exported[] = {"display", "clear_output", "update_display", NULL};
  int rc = 0;
  for (int i = 0; exported[i]; i++) {
    value f = dict_get_cstr(vm, d, exported[i]);
    if (VAL_IS_NULL(f) || dict_set_cstr(vm, vm->builtins, exported[i], f) < 0) rc = -1;
  }
  val_decref(m);
  if (hooks->ask_exit && module_add_funcs(vm, vm->builtins, kernel_exit_funcs) < 0) rc = -1;
  exc_clear(vm);
  return rc;
}

void lang_post_execute(lang_vm *vm) {
  value m = dict_get_cstr(vm, vm->modules, "IPython.display");
  if (VAL_IS_NULL(m) || val_type(m) != &type_module) {
    exc_clear(vm);
    return;
  }
  value hooks = dict_get_cstr(vm, ((obj_module *)m.u.o)->dict, "_post_execute");
  if (!val_is_list(hooks) || VAL_LIST(hooks)->len == 0) return;
  obj_list *l = obj_to_list(vm, hooks);   /* a copy: a hook may register another */
  if (!l) {
    exc_clear(vm);
    return;
  }
  for (int64_t i = 0; i < l->len; i++) {
    vm->depth++;
    value r = vm_call0(vm, l->items[i]);
    vm->depth--;
    if (!VAL_IS_NULL(r)) {
      val_decref(r);
      continue;
    }
    /* as IPython: the traceback on stderr, and the next hook still runs */
    value exc = exc_fetch(vm);
    strbuf b;
    sb_init(&b);
    sb_adds(&b, "Error in callback (for post_execute):\n");
    if (!VAL_IS_NULL(exc)) exc_format(vm, exc, &b);
    val_decref(exc);
    if (b.data) vm_write(vm, 2, b.data, (size_t)b.len);
    vm_write(vm, 2, "", 0);
    sb_free(&b);
    exc_clear(vm);
  }
  obj_decref(l);
}

void lang_kernel_uninstall(lang_vm *vm) {
  kernel_entry *k = entry_of(vm);
  if (!k) return;
  if (vm->input_ctx == k) {
    vm->input = NULL;
    vm->input_ctx = NULL;
  }
  memset(k, 0, sizeof *k);
}
