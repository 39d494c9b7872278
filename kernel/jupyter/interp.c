/*
** kernel/jupyter/interp.c — the interpreter side of each request (xeus' xinterpreter): running a
** cell (execute_input, streams, execute_result, error, pager payloads, user_expressions, history),
** completion and inspection with code-point offsets, is_complete, kernel_info, and the hooks the
** language calls back into (display_data, clear_output, input() over the stdin channel).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/jupyter/internal.h"

#ifndef CTORCH_VERSION
#define CTORCH_VERSION "0.0.0"
#endif

/* ---- kernel_info ---- */

json_t *jup_kernel_info(jup_kernel *k) {
  return json_pack(
      "{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s, s:s, s:{s:s, s:i}, s:s}, s:s, s:[{s:s, s:s}, {s:s, s:s}], s:b}",
      "status", "ok", "protocol_version", JUP_PROTOCOL_VERSION, "implementation", "ctorch", "implementation_version",
      CTORCH_VERSION, "language_info", "name", "ctorch", "version", CTORCH_VERSION, "mimetype", "text/x-python",
      "file_extension", ".py", "pygments_lexer", "python", "codemirror_mode", "name", "python", "version", 3,
      "nbconvert_exporter", "python", "banner",
      "ctorch " CTORCH_VERSION " -- a Python 3.11 subset with a PyTorch 1.13-compatible torch module, written in C\n",
      "help_links", "text", "PyTorch 1.13 documentation", "url", "https://pytorch.org/docs/1.13/", "text",
      "Python 3.11 documentation", "url", "https://docs.python.org/3.11/", "debugger", 0);
}

/* ---- helpers ---- */

static const char *str_field(const json_t *o, const char *key, const char *dflt) {
  const char *s = json_string_value(json_object_get(o, key));
  return s ? s : dflt;
}

static bool bool_field(const json_t *o, const char *key, bool dflt) {
  json_t *v = json_object_get(o, key);
  return json_is_boolean(v) ? json_is_true(v) : dflt;
}

/* A JSON string from possibly invalid UTF-8 (never NULL for valid input). */
static json_t *jstr(const char *s) {
  json_t *j = json_string(s ? s : "");
  if (j) return j;
  size_t n = strlen(s);
  char *t = malloc(3 * n + 4);
  if (!t) return json_string("");
  jup_utf8_sanitize((const unsigned char *)s, n, t, false, NULL);
  j = json_string(t);
  free(t);
  return j ? j : json_string("");
}

/* Traceback text -> list of lines (frontends join them with "\n"). */
static json_t *tb_lines(const char *tb) {
  json_t *a = json_array();
  const char *p = tb;
  while (*p) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    char *line = strndup(p, n);
    if (line) json_array_append_new(a, jstr(line));
    free(line);
    if (!nl) break;
    p = nl + 1;
  }
  return a;
}

/* The data/metadata objects of a mime bundle. */
static void bundle_json(const lang_mime_bundle *b, json_t **data, json_t **meta) {
  *data = json_object();
  for (int i = 0; i < b->n; i++) {
    json_t *v;
    if (b->items[i].json) {
      json_error_t err;
      v = json_loadb(b->items[i].data, b->items[i].len, JSON_DECODE_ANY, &err);
      if (!v) {
        jup_log(JUP_LOG_WARNING, "display: %s is not JSON: %s", b->items[i].mime, err.text);
        continue;
      }
    } else {
      v = jstr(b->items[i].data);
    }
    json_object_set_new(*data, b->items[i].mime, v);
  }
  *meta = NULL;
  if (b->metadata_json) {
    json_error_t err;
    *meta = json_loads(b->metadata_json, 0, &err);
    if (*meta && !json_is_object(*meta)) {
      json_decref(*meta);
      *meta = NULL;
    }
  }
  if (!*meta) *meta = json_object();
}

/* ---- hooks called by the language ---- */

static int hook_display(void *ctx, const lang_mime_bundle *b, const char *display_id, bool update) {
  jup_kernel *k = ctx;
  if (k->cur_silent) return 0;
  if (update && !display_id) return -1;
  jup_io_flush(&k->io, true);   /* outputs stay in program order */
  json_t *data, *meta;
  bundle_json(b, &data, &meta);
  json_t *c = json_pack("{s:o, s:o}", "data", data, "metadata", meta);
  if (display_id) json_object_set_new(c, "transient", json_pack("{s:s}", "display_id", display_id));
  jup_publish(k, update ? "update_display_data" : "display_data", k->cur, c);
  return 0;
}

static int hook_clear(void *ctx, bool wait) {
  jup_kernel *k = ctx;
  if (k->cur_silent) return 0;
  jup_io_flush(&k->io, true);
  jup_publish(k, "clear_output", k->cur, json_pack("{s:b}", "wait", wait));
  return 0;
}

static int hook_input(void *ctx, const char *prompt, bool password, char **line) {
  jup_kernel *k = ctx;
  *line = NULL;
  if (!k->cur || !k->cur_allow_stdin || !k->tr->recv_stdin) return LANG_INPUT_NOT_ALLOWED;
  jup_io_flush(&k->io, true);
  jup_msg *req = jup_msg_reply(k->session, k->cur, "input_request",
                               json_pack("{s:o, s:b}", "prompt", jstr(prompt), "password", password));
  if (!req) return LANG_INPUT_EOF;
  char want[64];
  snprintf(want, sizeof want, "%s", jup_msg_id(req));
  k->tr->send(k->tr->ctx, JUP_STDIN, req);
  volatile sig_atomic_t *flag = lang_interrupt_flag(k->vm);
  for (;;) {
    if (*flag || atomic_load(&k->shutdown)) return LANG_INPUT_INTERRUPTED;
    jup_msg *m = k->tr->recv_stdin(k->tr->ctx, 50);
    if (!m) continue;
    const char *parent = str_field(m->parent, "msg_id", "");
    bool ours = strcmp(jup_msg_type(m), "input_reply") == 0 && (!*parent || strcmp(parent, want) == 0);
    if (ours) {
      *line = strdup(str_field(m->content, "value", ""));
      jup_msg_free(m);
      return *line ? LANG_INPUT_OK : LANG_INPUT_EOF;
    }
    jup_log(JUP_LOG_INFO, "stdin: ignored %s (parent %s)", jup_msg_type(m), parent);
    jup_msg_free(m);
  }
}

static void hook_ask_exit(void *ctx, bool keep_kernel) {
  jup_kernel *k = ctx;
  if (k->payload)
    json_array_append_new(k->payload, json_pack("{s:s, s:b}", "source", "ask_exit", "keepkernel", keep_kernel));
}

int jup_interp_install(jup_kernel *k) {
  lang_kernel_hooks h = {k, hook_display, hook_clear, hook_input, hook_ask_exit};
  return lang_kernel_install(k->vm, &h);
}

/* ---- execute_request ---- */

/* True when the cell's last statement ends with ';' (IPython: no execute_result). */
static bool ends_with_semicolon(const char *code) {
  size_t n = strlen(code);
  /* the last non-blank line, its comment removed (quotes tracked roughly) */
  while (n && (code[n - 1] == '\n' || code[n - 1] == ' ' || code[n - 1] == '\t' || code[n - 1] == '\r')) n--;
  size_t ls = n;
  while (ls && code[ls - 1] != '\n') ls--;
  char q = 0;
  size_t end = n;
  for (size_t i = ls; i < n; i++) {
    char c = code[i];
    if (q) {
      if (c == '\\') i++;
      else if (c == q) q = 0;
    } else if (c == '\'' || c == '"') {
      q = c;
    } else if (c == '#') {
      end = i;
      break;
    }
  }
  while (end > ls && (code[end - 1] == ' ' || code[end - 1] == '\t')) end--;
  return end > ls && code[end - 1] == ';';
}

/* "name?" / "name??" / "?name" / "??name" alone in a cell: the pager. Returns the detail level (0,
   1) and the name in buf, or -1. */
static int pager_request(const char *code, char *buf, size_t cap) {
  const char *s = code;
  while (*s == ' ' || *s == '\n' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  int q = 0;
  if (n >= 2 && s[n - 1] == '?') {
    q = s[n - 2] == '?' ? 2 : 1;
    n -= (size_t)q;
  } else if (n >= 2 && s[0] == '?') {
    q = s[1] == '?' ? 2 : 1;
    s += q;
    n -= (size_t)q;
  } else {
    return -1;
  }
  if (n == 0 || n >= cap) return -1;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (!(c == '_' || c == '.' || c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
      return -1;
  }
  memcpy(buf, s, n);
  buf[n] = '\0';
  return q - 1;
}

static json_t *user_expressions(jup_kernel *k, const json_t *ue) {
  json_t *out = json_object();
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)ue, key, v) {
    const char *expr = json_string_value(v);
    if (!expr) continue;
    char *repr = NULL, *ename = NULL, *evalue = NULL, *tb = NULL;
    lang_status st = lang_eval_repr(k->vm, expr, &repr, &ename, &evalue, &tb);
    if (st == LANG_OK)
      json_object_set_new(out, key, json_pack("{s:s, s:{s:o}, s:{}}", "status", "ok", "data", "text/plain", jstr(repr),
                                              "metadata"));
    else
      json_object_set_new(out, key, json_pack("{s:s, s:o, s:o, s:o}", "status", "error", "ename", jstr(ename), "evalue",
                                              jstr(evalue), "traceback", tb_lines(tb ? tb : "")));
    free(repr);
    free(ename);
    free(evalue);
    free(tb);
  }
  return out;
}

json_t *jup_execute(jup_kernel *k, const jup_msg *req) {
  const json_t *c = req->content;
  const char *code = str_field(c, "code", "");
  bool silent = bool_field(c, "silent", false);
  bool store = !silent && bool_field(c, "store_history", true);
  bool stop_on_error = bool_field(c, "stop_on_error", true);
  k->cur = req;
  k->cur_silent = silent;
  k->cur_allow_stdin = bool_field(c, "allow_stdin", false);
  json_decref(k->payload);
  k->payload = json_array();
  if (!silent) {
    k->execution_count++;
    jup_publish(k, "execute_input", req, json_pack("{s:o, s:i}", "code", jstr(code), "execution_count", k->execution_count));
  }
  int count = k->execution_count;
  k->serial++;
  jup_io_begin(&k->io, req, silent);

  char filename[64];
  if (silent) snprintf(filename, sizeof filename, "<silent %d>", k->serial);
  else snprintf(filename, sizeof filename, "Cell In[%d]", count);
  char name[256];
  int detail = pager_request(code, name, sizeof name);
  lang_status st = LANG_OK;
  char *repr = NULL;
  if (detail >= 0) {
    char *text = lang_inspect_name(k->vm, name, detail);
    if (text) {
      json_array_append_new(k->payload,
                            json_pack("{s:s, s:{s:o}, s:i}", "source", "page", "data", "text/plain", jstr(text), "start", 0));
      free(text);
    } else {
      char msg[300];
      snprintf(msg, sizeof msg, "Object `%s` not found.\n", name);
      jup_io_write(&k->io, 1, msg, strlen(msg));
    }
  } else {
    *lang_interrupt_flag(k->vm) = 0;   /* an interrupt that came while idle is spent */
    atomic_store(&k->executing, 1);
    int exit_code = 0;
    st = lang_run(k->vm, code, strlen(code), filename, LANG_RUN_CELL, &repr, &exit_code);
    atomic_store(&k->executing, 0);
  }
  json_t *result = NULL;
  if (st == LANG_OK) {
    if (repr && !silent && !ends_with_semicolon(code)) {
      lang_mime_bundle b;
      if (lang_result_bundle(k->vm, repr, &b) == 0) {
        json_t *data, *meta;
        bundle_json(&b, &data, &meta);
        jup_io_flush(&k->io, true);
        jup_publish(k, "execute_result", req,
                    json_pack("{s:i, s:o, s:o}", "execution_count", count, "data", data, "metadata", meta));
      }
      lang_mime_bundle_free(&b);
    }
    result = json_pack("{s:s, s:i, s:O, s:o}", "status", "ok", "execution_count", count, "payload", k->payload,
                       "user_expressions", user_expressions(k, json_object_get(c, "user_expressions")));
  }
  jup_io_flush(&k->io, true);
  if (st != LANG_OK) {
    const char *ename = lang_last_error_type(k->vm), *evalue = lang_last_error_value(k->vm);
    json_t *tb = tb_lines(lang_last_traceback(k->vm));
    if (!silent)
      jup_publish(k, "error", req, json_pack("{s:o, s:o, s:O}", "ename", jstr(ename), "evalue", jstr(evalue), "traceback", tb));
    result = json_pack("{s:s, s:i, s:o, s:o, s:o, s:[], s:{}}", "status", "error", "execution_count", count, "ename",
                       jstr(ename), "evalue", jstr(evalue), "traceback", tb, "payload", "user_expressions");
    if (stop_on_error && !silent) k->abort_pending = true;
  }
  if (!silent && detail < 0) {
    lang_post_execute(k->vm);   /* matplotlib-inline's flush: figures the cell left open */
    jup_io_flush(&k->io, true);
  }
  if (store) jup_history_add(&k->hist, count, code, st == LANG_OK ? repr : NULL);
  free(repr);
  json_decref(k->payload);
  k->payload = NULL;
  k->cur = NULL;
  k->cur_silent = false;
  k->cur_allow_stdin = false;
  return result;
}

/* ---- complete / inspect / is_complete ---- */

json_t *jup_complete(jup_kernel *k, const jup_msg *req) {
  const char *code = str_field(req->content, "code", "");
  size_t len = strlen(code);
  json_t *cp = json_object_get(req->content, "cursor_pos");
  size_t cursor = json_is_integer(cp) && json_integer_value(cp) >= 0 ? jup_cp_to_byte(code, len, (size_t)json_integer_value(cp))
                                                                     : len;
  lang_completion c;
  *lang_interrupt_flag(k->vm) = 0;
  lang_complete(k->vm, code, len, cursor, &c);
  size_t start = jup_byte_to_cp(code, len, c.n ? c.start : cursor);
  size_t end = jup_byte_to_cp(code, len, cursor);
  json_t *matches = json_array(), *types = json_array();
  for (int i = 0; i < c.n; i++) {
    json_array_append_new(matches, jstr(c.matches[i]));
    json_array_append_new(types, json_pack("{s:i, s:i, s:o, s:s, s:s}", "start", (int)start, "end", (int)end, "text",
                                           jstr(c.matches[i]), "type", c.kinds[i], "signature", ""));
  }
  lang_completion_free(&c);
  return json_pack("{s:s, s:o, s:i, s:i, s:{s:o}}", "status", "ok", "matches", matches, "cursor_start", (int)start,
                   "cursor_end", (int)end, "metadata", "_jupyter_types_experimental", types);
}

json_t *jup_inspect(jup_kernel *k, const jup_msg *req) {
  const char *code = str_field(req->content, "code", "");
  size_t len = strlen(code);
  json_t *cp = json_object_get(req->content, "cursor_pos");
  size_t cursor = json_is_integer(cp) && json_integer_value(cp) >= 0 ? jup_cp_to_byte(code, len, (size_t)json_integer_value(cp))
                                                                     : len;
  json_t *dl = json_object_get(req->content, "detail_level");
  int detail = json_is_integer(dl) && json_integer_value(dl) > 0 ? 1 : 0;
  *lang_interrupt_flag(k->vm) = 0;
  char *text = lang_inspect(k->vm, code, len, cursor, detail);
  json_t *data = json_object();
  if (text) json_object_set_new(data, "text/plain", jstr(text));
  json_t *r = json_pack("{s:s, s:b, s:o, s:{}}", "status", "ok", "found", text != NULL, "data", data, "metadata");
  free(text);
  return r;
}

json_t *jup_is_complete(jup_kernel *k, const jup_msg *req) {
  const char *code = str_field(req->content, "code", "");
  char indent[64];
  const char *st = lang_check_complete(code, strlen(code), indent, sizeof indent);
  if (strcmp(st, "incomplete") == 0) return json_pack("{s:s, s:s}", "status", st, "indent", indent);
  return json_pack("{s:s}", "status", st);
}
