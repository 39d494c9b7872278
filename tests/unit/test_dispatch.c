/*
** tests/unit/test_dispatch.c — the dispatch core (kernel/jupyter/dispatch.c, interp.c, iostream.c,
** history.c) on an in-memory fake transport, with the real interpreter: the order busy ->
** execute_input -> stream / execute_result | error -> execute_reply -> idle with every parent_header
** pointing at the request; errors identical on iopub and in the reply; stop_on_error aborting the
** queued executes only; silent runs; `;`; stdin round trip; display ids; the output cap; interrupt
** from another thread keeping state; completion offsets in code points; is_complete; history; and
** the text helpers (UTF-8 repair, glob).
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel/jupyter/internal.h"
#include "tests/check.h"

/* ---- the fake transport ---- */

typedef struct sent { jup_channel ch; jup_msg *m; } sent;

typedef struct fake {
  pthread_mutex_t lock;
  sent log[512];
  int nlog;
  jup_msg *queue[16];   /* shell requests "already queued" */
  int nqueue;
  const char *stdin_value;   /* answer to input_request (NULL: never answer) */
  int stops;
} fake;

static fake F;
static jup_session S;
static jup_kernel K;
static lang_vm *VM;

static int fake_send(void *ctx, jup_channel ch, jup_msg *m) {
  pthread_mutex_lock(&F.lock);
  if (F.nlog < 512) F.log[F.nlog++] = (sent){ch, m};
  else jup_msg_free(m);
  pthread_mutex_unlock(&F.lock);
  return 0;
}

static jup_msg *fake_poll_shell(void *ctx, int timeout_ms) {
  if (F.nqueue == 0) return NULL;
  jup_msg *m = F.queue[0];
  memmove(F.queue, F.queue + 1, sizeof(jup_msg *) * (size_t)--F.nqueue);
  return m;
}

static jup_msg *fake_recv_stdin(void *ctx, int timeout_ms) {
  if (!F.stdin_value) {
    usleep(1000);
    return NULL;
  }
  /* answer the last input_request */
  const jup_msg *ask = NULL;
  pthread_mutex_lock(&F.lock);
  for (int i = F.nlog - 1; i >= 0 && !ask; i--)
    if (F.log[i].ch == JUP_STDIN) ask = F.log[i].m;
  pthread_mutex_unlock(&F.lock);
  if (!ask) return NULL;
  jup_msg *r = jup_msg_reply(&S, ask, "input_reply", json_pack("{s:s}", "value", F.stdin_value));
  F.stdin_value = NULL;
  return r;
}

static void fake_stop(void *ctx) { F.stops++; }

static const jup_transport TR = {&F, fake_send, fake_poll_shell, fake_recv_stdin, fake_stop};

static void clear_log(void) {
  for (int i = 0; i < F.nlog; i++) jup_msg_free(F.log[i].m);
  F.nlog = 0;
}

/* A request as a client would send it: identity "client", a header with msg_id id. */
static jup_msg *request(const char *type, const char *id, json_t *content) {
  jup_msg *m = jup_msg_new(&S, type, NULL, content);
  json_object_set_new(m->header, "msg_id", json_string(id));
  m->nids = 1;
  m->ids = calloc(1, sizeof(jup_frame));
  m->ids[0].data = (unsigned char *)strdup("client");
  m->ids[0].len = 6;
  return m;
}

static jup_msg *exec_req(const char *id, const char *code) {
  return request("execute_request", id,
                 json_pack("{s:s, s:b, s:b, s:{}, s:b, s:b}", "code", code, "silent", 0, "store_history", 1,
                           "user_expressions", "allow_stdin", 0, "stop_on_error", 1));
}

/* Serves one request on shell and frees it. */
static void serve(jup_msg *m) {
  jup_dispatch(&K, JUP_SHELL, m);
  jup_msg_free(m);
}

/* "iopub:status:busy iopub:execute_input shell:execute_reply ..." for the log, and a check that
   every message's parent is want_parent (NULL: skip). */
static void log_shape(char *out, size_t cap, const char *want_parent) {
  out[0] = '\0';
  size_t o = 0;
  for (int i = 0; i < F.nlog; i++) {
    jup_msg *m = F.log[i].m;
    const char *t = jup_msg_type(m);
    const char *ch = F.log[i].ch == JUP_IOPUB ? "iopub" : F.log[i].ch == JUP_SHELL ? "shell" : F.log[i].ch == JUP_STDIN ? "stdin" : "control";
    char extra[64] = "";
    if (strcmp(t, "status") == 0)
      snprintf(extra, sizeof extra, ":%s", json_string_value(json_object_get(m->content, "execution_state")));
    o += (size_t)snprintf(out + o, cap - o, "%s%s:%s%s", o ? " " : "", ch, t, extra);
    if (want_parent) {
      const char *p = json_string_value(json_object_get(m->parent, "msg_id"));
      CHECK_MSG(p && strcmp(p, want_parent) == 0, "message %d (%s) has parent %s", i, t, p ? p : "(none)");
    }
    if (o >= cap) break;
  }
}

static jup_msg *find(const char *type, int nth) {
  for (int i = 0; i < F.nlog; i++)
    if (strcmp(jup_msg_type(F.log[i].m), type) == 0 && nth-- == 0) return F.log[i].m;
  return NULL;
}

static const char *cstr(jup_msg *m, const char *key) {
  const char *s = m ? json_string_value(json_object_get(m->content, key)) : NULL;
  return s ? s : "(missing)";
}

static long long cint(jup_msg *m, const char *key) { return m ? json_integer_value(json_object_get(m->content, key)) : -1; }

/* ---- the lifecycle of requests ---- */

static void test_kernel_info(void) {
  clear_log();
  serve(request("kernel_info_request", "ki-1", NULL));
  char shape[512];
  log_shape(shape, sizeof shape, "ki-1");
  CHECK_STR(shape, "iopub:status:busy shell:kernel_info_reply iopub:status:idle");
  jup_msg *r = find("kernel_info_reply", 0);
  CHECK(r && r->nids == 1 && r->ids[0].len == 6 && memcmp(r->ids[0].data, "client", 6) == 0);
  CHECK_STR(cstr(r, "protocol_version"), "5.3");
  json_t *li = json_object_get(r->content, "language_info");
  CHECK_STR(json_string_value(json_object_get(li, "name")), "ctorch");
  CHECK_STR(json_string_value(json_object_get(li, "file_extension")), ".py");
  CHECK_STR(json_string_value(json_object_get(li, "pygments_lexer")), "python");
  CHECK_STR(json_string_value(json_object_get(r->header, "version")), "5.3");
  /* the same answer on control */
  clear_log();
  jup_msg *m = request("kernel_info_request", "ki-2", NULL);
  jup_dispatch(&K, JUP_CONTROL, m);
  jup_msg_free(m);
  log_shape(shape, sizeof shape, "ki-2");
  CHECK_STR(shape, "iopub:status:busy control:kernel_info_reply iopub:status:idle");
}

static void test_execute_ok(void) {
  clear_log();
  int before = K.execution_count;
  serve(exec_req("ex-1", "print('hi')\nprint('there')\n40 + 2"));
  char shape[512];
  log_shape(shape, sizeof shape, "ex-1");
  CHECK_STR(shape, "iopub:status:busy iopub:execute_input iopub:stream iopub:execute_result shell:execute_reply "
                   "iopub:status:idle");
  CHECK(cint(find("execute_input", 0), "execution_count") == before + 1);
  CHECK_STR(cstr(find("execute_input", 0), "code"), "print('hi')\nprint('there')\n40 + 2");
  jup_msg *s = find("stream", 0);
  CHECK_STR(cstr(s, "name"), "stdout");
  CHECK_STR(cstr(s, "text"), "hi\nthere\n");   /* coalesced into one message */
  jup_msg *res = find("execute_result", 0);
  CHECK(cint(res, "execution_count") == before + 1);
  CHECK_STR(json_string_value(json_object_get(json_object_get(res->content, "data"), "text/plain")), "42");
  jup_msg *rep = find("execute_reply", 0);
  CHECK_STR(cstr(rep, "status"), "ok");
  CHECK(cint(rep, "execution_count") == before + 1);
  CHECK(json_is_array(json_object_get(rep->content, "payload")));
  CHECK(json_is_object(json_object_get(rep->content, "user_expressions")));

  /* stdout and stderr stay in program order */
  clear_log();
  serve(exec_req("ex-2", "import sys\nprint('a')\nprint('b', file=sys.stderr)\nprint('c')"));
  log_shape(shape, sizeof shape, "ex-2");
  CHECK_STR(shape, "iopub:status:busy iopub:execute_input iopub:stream iopub:stream iopub:stream shell:execute_reply "
                   "iopub:status:idle");
  CHECK_STR(cstr(find("stream", 1), "name"), "stderr");
  CHECK_STR(cstr(find("stream", 2), "text"), "c\n");

  /* a trailing ';' suppresses the value; None has none */
  clear_log();
  serve(exec_req("ex-3", "x = 7\nx * 6;  # quiet"));
  CHECK(find("execute_result", 0) == NULL);
  clear_log();
  serve(exec_req("ex-4", "None"));
  CHECK(find("execute_result", 0) == NULL);
  clear_log();
  serve(exec_req("ex-5", "'a;'"));
  CHECK_STR(json_string_value(json_object_get(json_object_get(find("execute_result", 0)->content, "data"), "text/plain")),
            "'a;'");
}

static void test_execute_error(void) {
  clear_log();
  serve(exec_req("er-1", "def f(x):\n    return 1 / x\nprint('before')\nf(0)"));
  char shape[512];
  log_shape(shape, sizeof shape, "er-1");
  CHECK_STR(shape, "iopub:status:busy iopub:execute_input iopub:stream iopub:error shell:execute_reply iopub:status:idle");
  jup_msg *e = find("error", 0), *r = find("execute_reply", 0);
  CHECK_STR(cstr(e, "ename"), "ZeroDivisionError");
  CHECK_STR(cstr(e, "evalue"), "division by zero");
  CHECK_STR(cstr(r, "status"), "error");
  CHECK_STR(cstr(r, "ename"), "ZeroDivisionError");
  CHECK_STR(cstr(r, "evalue"), "division by zero");
  CHECK(json_equal(json_object_get(e->content, "traceback"), json_object_get(r->content, "traceback")));
  json_t *tb = json_object_get(e->content, "traceback");
  char cell[32];
  snprintf(cell, sizeof cell, "Cell In[%d]", K.execution_count);
  bool points_at_line = false;
  for (size_t i = 0; i < json_array_size(tb); i++) {
    const char *l = json_string_value(json_array_get(tb, i));
    if (strstr(l, cell) && strstr(l, "line 4")) points_at_line = true;
    CHECK(!strchr(l, '\n'));
  }
  CHECK_MSG(points_at_line, "traceback does not name %s, line 4", cell);
  CHECK_STR(json_string_value(json_array_get(tb, json_array_size(tb) - 1)), "ZeroDivisionError: division by zero");
  CHECK(cint(r, "execution_count") == K.execution_count);

  /* a syntax error is an error too, with its line */
  clear_log();
  serve(exec_req("er-2", "x = = 1"));
  CHECK_STR(cstr(find("error", 0), "ename"), "SyntaxError");
  CHECK_STR(cstr(find("execute_reply", 0), "status"), "error");
  log_shape(shape, sizeof shape, "er-2");
  CHECK_STR(shape, "iopub:status:busy iopub:execute_input iopub:error shell:execute_reply iopub:status:idle");
}

static void test_stop_on_error(void) {
  clear_log();
  F.queue[F.nqueue++] = exec_req("q-1", "print('never')");
  F.queue[F.nqueue++] = request("kernel_info_request", "q-2", NULL);
  F.queue[F.nqueue++] = exec_req("q-3", "print('never either')");
  int count = K.execution_count;
  serve(exec_req("q-0", "raise ValueError('boom')"));
  char shape[1024];
  log_shape(shape, sizeof shape, NULL);
  CHECK_STR(shape, "iopub:status:busy iopub:execute_input iopub:error shell:execute_reply iopub:status:idle "
                   "iopub:status:busy shell:execute_reply iopub:status:idle "
                   "iopub:status:busy shell:kernel_info_reply iopub:status:idle "
                   "iopub:status:busy shell:execute_reply iopub:status:idle");
  CHECK_STR(cstr(find("execute_reply", 0), "status"), "error");
  CHECK_STR(cstr(find("execute_reply", 1), "status"), "aborted");
  CHECK_STR(cstr(find("execute_reply", 2), "status"), "aborted");
  CHECK_STR(json_string_value(json_object_get(find("execute_reply", 1)->parent, "msg_id")), "q-1");
  CHECK_STR(json_string_value(json_object_get(find("execute_reply", 2)->parent, "msg_id")), "q-3");
  CHECK(find("stream", 0) == NULL);
  CHECK(K.execution_count == count + 1);   /* aborted cells do not count */
  CHECK(F.nqueue == 0);
  /* the next request runs normally (no time window) */
  clear_log();
  serve(exec_req("q-4", "1"));
  CHECK_STR(cstr(find("execute_reply", 0), "status"), "ok");
  /* stop_on_error false: nothing aborted */
  clear_log();
  F.queue[F.nqueue++] = exec_req("q-6", "print('runs')");
  jup_msg *m = exec_req("q-5", "1/0");
  json_object_set_new(m->content, "stop_on_error", json_false());
  serve(m);
  CHECK(F.nqueue == 1);
  jup_msg_free(F.queue[0]);
  F.nqueue = 0;
}

static void test_silent(void) {
  clear_log();
  int count = K.execution_count;
  jup_msg *m = exec_req("si-1", "print('hidden')\n5");
  json_object_set_new(m->content, "silent", json_true());
  serve(m);
  char shape[512];
  log_shape(shape, sizeof shape, "si-1");
  CHECK_STR(shape, "iopub:status:busy shell:execute_reply iopub:status:idle");
  CHECK(K.execution_count == count);
  CHECK(cint(find("execute_reply", 0), "execution_count") == count);
}

static void test_user_expressions(void) {
  clear_log();
  jup_msg *m = exec_req("ue-1", "y = 21");
  json_object_set_new(m->content, "user_expressions", json_pack("{s:s, s:s}", "double", "y * 2", "bad", "1/0"));
  serve(m);
  json_t *ue = json_object_get(find("execute_reply", 0)->content, "user_expressions");
  json_t *d = json_object_get(ue, "double"), *b = json_object_get(ue, "bad");
  CHECK_STR(json_string_value(json_object_get(d, "status")), "ok");
  CHECK_STR(json_string_value(json_object_get(json_object_get(d, "data"), "text/plain")), "42");
  CHECK_STR(json_string_value(json_object_get(b, "status")), "error");
  CHECK_STR(json_string_value(json_object_get(b, "ename")), "ZeroDivisionError");
}

static void test_stdin(void) {
  clear_log();
  F.stdin_value = "Ada";
  jup_msg *m = exec_req("in-1", "name = input('Name? ')\nprint('hello', name)");
  json_object_set_new(m->content, "allow_stdin", json_true());
  serve(m);
  jup_msg *ask = find("input_request", 0);
  CHECK_STR(cstr(ask, "prompt"), "Name? ");
  CHECK(ask && json_is_false(json_object_get(ask->content, "password")));
  CHECK(ask && ask->nids == 1 && memcmp(ask->ids[0].data, "client", 6) == 0);
  CHECK_STR(json_string_value(json_object_get(ask->parent, "msg_id")), "in-1");
  CHECK_STR(cstr(find("stream", 0), "text"), "hello Ada\n");
  CHECK_STR(cstr(find("execute_reply", 0), "status"), "ok");
  /* not allowed: IPython's StdinNotImplementedError */
  clear_log();
  serve(exec_req("in-2", "input()"));
  CHECK_STR(cstr(find("error", 0), "ename"), "StdinNotImplementedError");
}

static void test_display(void) {
  clear_log();
  serve(exec_req("di-1", "print('first')\nh = display('x', display_id='d1')\nh.update('y')\n"
                         "display({'text/html': '<b>b</b>', 'text/plain': 'b'}, raw=True)\n"
                         "from IPython.display import HTML, Image, clear_output\nclear_output(wait=True)\n"
                         "display(HTML('<i>i</i>'), metadata={'isolated': True})\n"
                         "display(Image(data=b'\\x89PNG', format='png', width=10))"));
  char shape[1024];
  log_shape(shape, sizeof shape, "di-1");
  CHECK_STR(shape, "iopub:status:busy iopub:execute_input iopub:stream iopub:display_data iopub:update_display_data "
                   "iopub:display_data iopub:clear_output iopub:display_data iopub:display_data shell:execute_reply "
                   "iopub:status:idle");
  jup_msg *d = find("display_data", 0), *u = find("update_display_data", 0);
  CHECK_STR(json_string_value(json_object_get(json_object_get(d->content, "transient"), "display_id")), "d1");
  CHECK_STR(json_string_value(json_object_get(json_object_get(u->content, "transient"), "display_id")), "d1");
  CHECK_STR(json_string_value(json_object_get(json_object_get(u->content, "data"), "text/plain")), "'y'");
  jup_msg *raw = find("display_data", 1);
  CHECK_STR(json_string_value(json_object_get(json_object_get(raw->content, "data"), "text/html")), "<b>b</b>");
  CHECK(json_is_true(json_object_get(find("clear_output", 0)->content, "wait")));
  jup_msg *html = find("display_data", 2);
  CHECK_STR(json_string_value(json_object_get(json_object_get(html->content, "data"), "text/html")), "<i>i</i>");
  CHECK(json_is_true(json_object_get(json_object_get(html->content, "metadata"), "isolated")));
  jup_msg *img = find("display_data", 3);
  CHECK_STR(json_string_value(json_object_get(json_object_get(img->content, "data"), "image/png")), "iVBORw==");
  CHECK(json_integer_value(json_object_get(json_object_get(json_object_get(img->content, "metadata"), "image/png"),
                                           "width")) == 10);
  /* a value with rich reprs as the cell's result */
  clear_log();
  serve(exec_req("di-2", "class T:\n    def __repr__(self): return 'T()'\n    def _repr_html_(self): return '<t/>'\n"
                         "    def _repr_json_(self): return {'a': [1, 2.5, None, True]}\nT()"));
  json_t *data = json_object_get(find("execute_result", 0)->content, "data");
  CHECK_STR(json_string_value(json_object_get(data, "text/plain")), "T()");
  CHECK_STR(json_string_value(json_object_get(data, "text/html")), "<t/>");
  json_t *want = json_loads("{\"a\": [1, 2.5, null, true]}", 0, NULL);
  CHECK(json_equal(json_object_get(data, "application/json"), want));
  json_decref(want);
  /* tensors: text/plain is the PyTorch repr, text/html a table of the same numbers */
  clear_log();
  serve(exec_req("di-3", "import torch\ntorch.tensor([[1.5, 2.0], [3.0, -4.25]], requires_grad=True)"));
  data = json_object_get(find("execute_result", 0)->content, "data");
  CHECK_STR(json_string_value(json_object_get(data, "text/plain")),
            "tensor([[ 1.5000,  2.0000],\n        [ 3.0000, -4.2500]], requires_grad=True)");
  const char *table = json_string_value(json_object_get(data, "text/html"));
  CHECK(table && strstr(table, ">1.5000</td>") && strstr(table, ">-4.2500</td></tr>") && strstr(table, "2&#215;2") &&
        strstr(table, "torch.float32, requires_grad=True</caption>"));
  clear_log();
  serve(exec_req("di-4", "display(torch.arange(3))\ntorch.tensor(2.5)"));
  table = json_string_value(json_object_get(json_object_get(find("display_data", 0)->content, "data"), "text/html"));
  CHECK(table && strstr(table, "<tr><td style=\"text-align:right;padding:0 0.6em\">0</td>") && strstr(table, "torch.int64"));
  data = json_object_get(find("execute_result", 0)->content, "data");
  CHECK(json_object_get(data, "text/html") == NULL);   /* 0-dim: text only */
  CHECK_STR(json_string_value(json_object_get(data, "text/plain")), "tensor(2.5000)");
}

static void test_output_cap(void) {
  clear_log();
  K.io.limit = 100;
  serve(exec_req("cap-1", "print('x' * 60)\nprint('y' * 60)\nprint('z' * 60)\nprint('done')"));
  K.io.limit = 0;
  size_t total = 0;
  bool notice = false;
  for (int i = 0; find("stream", i); i++) {
    jup_msg *s = find("stream", i);
    if (strstr(cstr(s, "text"), "output truncated")) notice = true;
    else total += strlen(cstr(s, "text"));
  }
  CHECK_MSG(total == 100, "%zu bytes of stream output", total);
  CHECK(notice);
  CHECK_STR(cstr(find("execute_reply", 0), "status"), "ok");
}

/* ---- other requests ---- */

static void test_unknown_and_control(void) {
  clear_log();
  serve(request("frobnicate_request", "un-1", NULL));
  char shape[512];
  log_shape(shape, sizeof shape, "un-1");
  CHECK_STR(shape, "iopub:status:busy iopub:status:idle");
  /* an execute_request on control is not run */
  clear_log();
  jup_msg *m = exec_req("ct-1", "print('no')");
  jup_dispatch(&K, JUP_CONTROL, m);
  jup_msg_free(m);
  log_shape(shape, sizeof shape, "ct-1");
  CHECK_STR(shape, "iopub:status:busy iopub:status:idle");
  /* comm_info, and an opened comm closed at once */
  clear_log();
  serve(request("comm_info_request", "cm-1", NULL));
  CHECK(json_is_object(json_object_get(find("comm_info_reply", 0)->content, "comms")));
  clear_log();
  serve(request("comm_open", "cm-2", json_pack("{s:s, s:s, s:{}}", "comm_id", "c1", "target_name", "jupyter.widget", "data")));
  log_shape(shape, sizeof shape, "cm-2");
  CHECK_STR(shape, "iopub:status:busy iopub:comm_close iopub:status:idle");
}

typedef struct interrupter { jup_kernel *k; } interrupter;

static void *interrupt_later(void *arg) {
  usleep(200 * 1000);
  jup_msg *m = request("interrupt_request", "int-1", NULL);
  jup_dispatch(&K, JUP_CONTROL, m);
  jup_msg_free(m);
  return NULL;
}

static void test_interrupt(void) {
  clear_log();
  serve(exec_req("it-0", "kept = [1, 2, 3]"));
  clear_log();
  pthread_t th;
  pthread_create(&th, NULL, interrupt_later, NULL);
  serve(exec_req("it-1", "n = 0\nwhile True:\n    n += 1"));
  pthread_join(th, NULL);
  jup_msg *r = find("execute_reply", 0);
  CHECK_STR(cstr(r, "status"), "error");
  CHECK_STR(cstr(r, "ename"), "KeyboardInterrupt");
  CHECK_STR(cstr(find("interrupt_reply", 0), "status"), "ok");
  clear_log();
  serve(exec_req("it-2", "sum(kept), n > 0"));
  CHECK_STR(json_string_value(json_object_get(json_object_get(find("execute_result", 0)->content, "data"), "text/plain")),
            "(6, True)");
  /* an interrupt while idle is harmless */
  lang_interrupt(VM);
  clear_log();
  serve(exec_req("it-3", "for i in range(1000): pass\n'fine'"));
  CHECK_STR(cstr(find("execute_reply", 0), "status"), "ok");
}

static void test_complete(void) {
  serve(exec_req("co-1", "import torch\nt = torch.ones(2)"));
  serve(exec_req("co-0", "\xc3\xb1\x61me = 3\nclass P:\n    def method(self): pass\n    attr = 1\np = P()\n"
                         "def g(alpha, beta=2, *, gamma=3): pass"));
  struct { const char *code; int cursor; const char *want; int start, end; } cases[] = {
    {"pri", -1, "print", 0, 3},
    {"x = \xc3\xb1", -1, "\xc3\xb1\x61me", 4, 5},                 /* start/end in code points */
    {"\xf0\x9f\x98\x80 = p.me", -1, "method", 6, 8},              /* an astral-plane character before */
    {"p.at", -1, "attr", 2, 4},
    {"g(1, be", -1, "beta=", 5, 7},
    {"g(ga", -1, "gamma=", 2, 4},
    {"import ma", -1, "math", 7, 9},
    {"from math import sq", -1, "sqrt", 17, 19},
    {"pri nt", 3, "print", 0, 3},
    {"import math as mm\nmm.sq", -1, "sqrt", 21, 23},            /* imported by the text, not yet run */
    {"torch.zeros_l", -1, "zeros_like", 6, 13},                   /* a builtin module, not imported */
    {"from math import pi as tau\ntau.is_int", -1, "is_integer", 31, 37},
    {"t.su", -1, "sum", 2, 4},                                    /* tensor methods */
    {"torch.ones(2, dt", -1, "dtype=", 14, 16},                   /* keyword-only arguments of a builtin */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    clear_log();
    json_t *c = json_pack("{s:s}", "code", cases[i].code);
    if (cases[i].cursor >= 0) json_object_set_new(c, "cursor_pos", json_integer(cases[i].cursor));
    else json_object_set_new(c, "cursor_pos", json_integer((json_int_t)jup_byte_to_cp(cases[i].code, strlen(cases[i].code), strlen(cases[i].code))));
    serve(request("complete_request", "co", c));
    jup_msg *r = find("complete_reply", 0);
    json_t *matches = json_object_get(r->content, "matches");
    bool has = false;
    for (size_t j = 0; j < json_array_size(matches); j++)
      if (strcmp(json_string_value(json_array_get(matches, j)), cases[i].want) == 0) has = true;
    CHECK_MSG(has, "'%s': no match '%s'", cases[i].code, cases[i].want);
    CHECK_MSG(cint(r, "cursor_start") == cases[i].start && cint(r, "cursor_end") == cases[i].end,
              "'%s': cursor %lld-%lld", cases[i].code, cint(r, "cursor_start"), cint(r, "cursor_end"));
    CHECK(json_array_size(json_object_get(json_object_get(r->content, "metadata"), "_jupyter_types_experimental")) ==
          json_array_size(matches));
  }
  /* exact sets where they matter, and nothing in strings or comments */
  clear_log();
  serve(request("complete_request", "co", json_pack("{s:s, s:i}", "code", "'pri", "cursor_pos", 4)));
  CHECK(json_array_size(json_object_get(find("complete_reply", 0)->content, "matches")) == 0);
  clear_log();
  serve(request("complete_request", "co", json_pack("{s:s, s:i}", "code", "# pri", "cursor_pos", 5)));
  CHECK(json_array_size(json_object_get(find("complete_reply", 0)->content, "matches")) == 0);
}

static void test_inspect_and_pager(void) {
  serve(exec_req("in-0", "def area(w, h=2):\n    \"\"\"Area of a w by h rectangle.\"\"\"\n    return w * h\n"));
  clear_log();
  serve(request("inspect_request", "in-1", json_pack("{s:s, s:i, s:i}", "code", "x = area(3", "cursor_pos", 10, "detail_level", 0)));
  jup_msg *r = find("inspect_reply", 0);
  CHECK(json_is_true(json_object_get(r->content, "found")));
  const char *text = json_string_value(json_object_get(json_object_get(r->content, "data"), "text/plain"));
  CHECK(text && strstr(text, "Signature: area(w, h=2)") && strstr(text, "Area of a w by h rectangle."));
  clear_log();
  serve(request("inspect_request", "in-2", json_pack("{s:s, s:i, s:i}", "code", "area", "cursor_pos", 2, "detail_level", 1)));
  text = json_string_value(json_object_get(json_object_get(find("inspect_reply", 0)->content, "data"), "text/plain"));
  CHECK(text && strstr(text, "Source:") && strstr(text, "return w * h"));
  /* a class: init signature; with detail 1 its source; the cursor inside a dotted name */
  serve(exec_req("in-4", "class Box:\n    \"\"\"A box.\"\"\"\n    def __init__(self, side, *, lid=True):\n        self.side = side\n"));
  clear_log();
  serve(request("inspect_request", "in-5", json_pack("{s:s, s:i, s:i}", "code", "Box", "cursor_pos", 1, "detail_level", 0)));
  text = json_string_value(json_object_get(json_object_get(find("inspect_reply", 0)->content, "data"), "text/plain"));
  CHECK(text && strstr(text, "Init signature: Box(side, *, lid=True)\nDocstring:      A box.\nType:           type\n"));
  clear_log();
  serve(request("inspect_request", "in-6", json_pack("{s:s, s:i, s:i}", "code", "Box", "cursor_pos", 3, "detail_level", 1)));
  text = json_string_value(json_object_get(json_object_get(find("inspect_reply", 0)->content, "data"), "text/plain"));
  CHECK(text && strstr(text, "Source:\nclass Box:\n    \"\"\"A box.\"\"\"\n    def __init__(self, side, *, lid=True):\n        self.side = side\n"));
  clear_log();
  serve(request("inspect_request", "in-7", json_pack("{s:s, s:i}", "code", "import math\nmath.floor(2.5)", "cursor_pos", 14)));
  text = json_string_value(json_object_get(json_object_get(find("inspect_reply", 0)->content, "data"), "text/plain"));
  CHECK(text && strstr(text, "Type:      builtin_function_or_method"));
  clear_log();
  serve(request("inspect_request", "in-3", json_pack("{s:s, s:i}", "code", "nothing_here", "cursor_pos", 3)));
  CHECK(json_is_false(json_object_get(find("inspect_reply", 0)->content, "found")));
  /* the pager: obj? in a cell */
  clear_log();
  serve(exec_req("pg-1", "len?"));
  json_t *payload = json_object_get(find("execute_reply", 0)->content, "payload");
  CHECK(json_array_size(payload) == 1);
  CHECK_STR(json_string_value(json_object_get(json_array_get(payload, 0), "source")), "page");
  text = json_string_value(json_object_get(json_object_get(json_array_get(payload, 0), "data"), "text/plain"));
  CHECK(text && strstr(text, "Return the number of items in a container."));
  clear_log();
  serve(exec_req("pg-2", "nothing_here?"));
  CHECK_STR(cstr(find("stream", 0), "text"), "Object `nothing_here` not found.\n");
  /* exit() asks the front end to close (a console exits); the kernel stays */
  clear_log();
  serve(exec_req("ex-1", "exit()\nprint('after')"));
  payload = json_object_get(find("execute_reply", 0)->content, "payload");
  CHECK_STR(json_string_value(json_object_get(json_array_get(payload, 0), "source")), "ask_exit");
  CHECK(json_is_false(json_object_get(json_array_get(payload, 0), "keepkernel")));
  CHECK_STR(cstr(find("stream", 0), "text"), "after\n");
  clear_log();
  serve(exec_req("ex-2", "raise SystemExit(2)"));
  CHECK_STR(cstr(find("execute_reply", 0), "ename"), "SystemExit");
}

static void test_is_complete(void) {
  struct { const char *code, *status, *indent; } cases[] = {
    {"1", "complete", NULL},
    {"x = [1,\n", "incomplete", ""},
    {"def f(x):", "incomplete", "    "},
    {"for i in range(3):\n    print(i)", "incomplete", "    "},
    {"if x:\n    if y:", "incomplete", "        "},
    {"def f(x):\n    return x * 2\n\n", "complete", NULL},
    {"def f(x):\n    return x * 2\n    ", "complete", NULL},   /* Enter on the auto-indented line */
    {"def f(x):\n    return x * 2", "incomplete", "    "},
    {"x = [1,\n  2", "incomplete", "  "},
    {"if x:  # c", "incomplete", "    "},
    {"x = = 1", "invalid", NULL},
    {")", "invalid", NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    clear_log();
    serve(request("is_complete_request", "ic", json_pack("{s:s}", "code", cases[i].code)));
    jup_msg *r = find("is_complete_reply", 0);
    CHECK_MSG(strcmp(cstr(r, "status"), cases[i].status) == 0, "'%s': %s", cases[i].code, cstr(r, "status"));
    if (cases[i].indent) CHECK_MSG(strcmp(cstr(r, "indent"), cases[i].indent) == 0, "'%s': indent '%s'", cases[i].code, cstr(r, "indent"));
    else CHECK(json_object_get(r->content, "indent") == NULL);
  }
}

static void test_history(void) {
  /* everything executed above, in order */
  clear_log();
  serve(request("history_request", "hi-1", json_pack("{s:s, s:i, s:b, s:b}", "hist_access_type", "tail", "n", 2, "output", 1, "raw", 1)));
  json_t *h = json_object_get(find("history_reply", 0)->content, "history");
  CHECK(json_array_size(h) == 2);
  json_t *last = json_array_get(h, 1);
  CHECK(json_array_size(last) == 3 && json_integer_value(json_array_get(last, 0)) == 1);
  CHECK(json_integer_value(json_array_get(last, 1)) == K.execution_count);
  CHECK(json_is_array(json_array_get(last, 2)) && json_array_size(json_array_get(last, 2)) == 2);
  clear_log();
  serve(request("history_request", "hi-2", json_pack("{s:s, s:s, s:b}", "hist_access_type", "search", "pattern", "print(*", "unique", 1)));
  h = json_object_get(find("history_reply", 0)->content, "history");
  CHECK(json_array_size(h) >= 2);
  clear_log();
  serve(request("history_request", "hi-3", json_pack("{s:s, s:i, s:i, s:i}", "hist_access_type", "range", "session", 0, "start", 2, "stop", 4)));
  h = json_object_get(find("history_reply", 0)->content, "history");
  CHECK(json_array_size(h) == 2 && json_integer_value(json_array_get(json_array_get(h, 0), 1)) == 2);
}

static void test_shutdown(void) {
  clear_log();
  jup_msg *m = request("shutdown_request", "sd-1", json_pack("{s:b}", "restart", 1));
  jup_dispatch(&K, JUP_CONTROL, m);
  jup_msg_free(m);
  char shape[512];
  log_shape(shape, sizeof shape, "sd-1");
  CHECK_STR(shape, "iopub:status:busy iopub:shutdown_reply control:shutdown_reply iopub:status:idle");
  CHECK(json_is_true(json_object_get(find("shutdown_reply", 1)->content, "restart")));
  CHECK(F.stops == 1 && atomic_load(&K.shutdown) == 1);
  atomic_store(&K.shutdown, 0);
}

/* ---- text helpers ---- */

static void test_text(void) {
  char out[64];
  int tail = 0;
  CHECK(jup_utf8_sanitize((const unsigned char *)"a\xc3\xa9z", 4, out, false, NULL) == 4 && strcmp(out, "a\xc3\xa9z") == 0);
  jup_utf8_sanitize((const unsigned char *)"a\xff" "b", 3, out, false, NULL);
  CHECK_STR(out, "a\xef\xbf\xbd" "b");
  jup_utf8_sanitize((const unsigned char *)"ab\xe2\x82", 4, out, true, &tail);   /* split euro sign held back */
  CHECK(strcmp(out, "ab") == 0 && tail == 2);
  jup_utf8_sanitize((const unsigned char *)"ab\xe2\x82", 4, out, false, &tail);
  CHECK_STR(out, "ab\xef\xbf\xbd\xef\xbf\xbd");
  jup_utf8_sanitize((const unsigned char *)"\xed\xa0\x80", 3, out, false, NULL);   /* surrogates are invalid */
  CHECK_STR(out, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  jup_utf8_sanitize((const unsigned char *)"\xc0\xaf", 2, out, false, NULL);       /* overlong */
  CHECK_STR(out, "\xef\xbf\xbd\xef\xbf\xbd");
  const char *s = "a\xc3\xa9\xf0\x9f\x98\x80z";   /* a é 😀 z */
  CHECK(jup_cp_to_byte(s, strlen(s), 2) == 3 && jup_cp_to_byte(s, strlen(s), 3) == 7 && jup_cp_to_byte(s, strlen(s), 9) == 8);
  CHECK(jup_byte_to_cp(s, strlen(s), 7) == 3 && jup_byte_to_cp(s, strlen(s), 8) == 4);
  CHECK(jup_glob_match("1?2*", "1+2+3") && !jup_glob_match("1?2*", "x1+2"));
  CHECK(jup_glob_match("*", "") && jup_glob_match("a*b*c", "aXbYc") && !jup_glob_match("a*b", "ab c"));
  CHECK(jup_glob_match("[a-c]x", "bx") && !jup_glob_match("[^a-c]x", "bx") && jup_glob_match("?", "\xc3\xa9"));
}

/* C-level writes to fds 1 and 2 arrive as stream messages, in order with language output. */
static void test_fd_capture(void) {
  clear_log();
  jup_msg *req = exec_req("fd-1", "");
  if (jup_io_start(&K.io, true) < 0) {
    CHECK(!"jup_io_start");
    jup_msg_free(req);
    return;
  }
  jup_io_begin(&K.io, req, false);
  printf("from printf\n");
  jup_io_flush(&K.io, true);
  ssize_t w = write(2, "from write(2)\n", 14);
  (void)w;
  jup_io_flush(&K.io, true);
  jup_io_write(&K.io, 1, "from print\n", 11);
  jup_io_flush(&K.io, true);
  jup_io_stop(&K.io);
  jup_io_begin(&K.io, NULL, false);
  char shape[256];
  log_shape(shape, sizeof shape, "fd-1");
  CHECK_STR(shape, "iopub:stream iopub:stream iopub:stream");
  CHECK_STR(cstr(find("stream", 0), "text"), "from printf\n");
  CHECK_STR(cstr(find("stream", 1), "name"), "stderr");
  CHECK_STR(cstr(find("stream", 1), "text"), "from write(2)\n");
  CHECK_STR(cstr(find("stream", 2), "text"), "from print\n");
  jup_msg_free(req);
}

/* A stream split mid-character over two writes arrives whole. */
static void test_stream_utf8(void) {
  clear_log();
  jup_msg *req = exec_req("ut-1", "");
  jup_io_begin(&K.io, req, false);
  jup_io_write(&K.io, 1, "caf\xc3", 4);
  jup_io_flush(&K.io, false);
  jup_io_write(&K.io, 1, "\xa9!", 2);
  jup_io_flush(&K.io, true);
  CHECK_STR(cstr(find("stream", 0), "text"), "caf");
  CHECK_STR(cstr(find("stream", 1), "text"), "\xc3\xa9!");
  jup_io_begin(&K.io, NULL, false);
  jup_msg_free(req);
}

static const check_test tests[] = {
  {"kernel_info", test_kernel_info},
  {"execute_ok", test_execute_ok},
  {"execute_error", test_execute_error},
  {"stop_on_error", test_stop_on_error},
  {"silent", test_silent},
  {"user_expressions", test_user_expressions},
  {"stdin", test_stdin},
  {"display", test_display},
  {"output_cap", test_output_cap},
  {"unknown_and_control", test_unknown_and_control},
  {"interrupt", test_interrupt},
  {"complete", test_complete},
  {"inspect_and_pager", test_inspect_and_pager},
  {"is_complete", test_is_complete},
  {"history", test_history},
  {"shutdown", test_shutdown},
  {"text", test_text},
  {"stream_utf8", test_stream_utf8},
  {"fd_capture", test_fd_capture},
  {NULL, NULL}
};

int main(int argc, char **argv) {
  jup_log_set_level(JUP_LOG_OFF);
  pthread_mutex_init(&F.lock, NULL);
  jup_session_init(&S, "test-key", 8);
  VM = lang_vm_new(0, NULL);
  if (!VM || jup_kernel_init(&K, &S, &TR, VM, 0) < 0) {
    fprintf(stderr, "cannot start the interpreter\n");
    return 1;
  }
  int rc = check_run(tests, argc, argv);
  clear_log();
  jup_kernel_destroy(&K);
  lang_vm_free(VM);
  jup_session_free(&S);
  return rc;
}
