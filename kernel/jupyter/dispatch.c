/*
** kernel/jupyter/dispatch.c — the dispatch core: one table of request types, one wrapper that puts
** status busy before and status idle after every request (unknown, failed and aborted ones included:
** idle is always the last iopub message of a request), replies routed back on the request's channel,
** and stop_on_error's abort of the execute_requests already queued. It knows no sockets: it talks to
** a jup_transport (channels.c, or the fake in tests/unit/test_dispatch.c).
*/
#include <stdlib.h>
#include <string.h>

#include "kernel/jupyter/internal.h"

/* ---- publishing ---- */

void jup_publish_hdr(jup_kernel *k, const char *type, json_t *parent_header, json_t *content) {
  if (!k->tr) {   /* after the transport is gone */
    json_decref(content);
    return;
  }
  jup_msg *m = jup_msg_new(k->session, type, NULL, content);
  if (!m) return;
  if (parent_header) {
    json_decref(m->parent);
    m->parent = json_incref(parent_header);
  }
  /* topic frame, as ipykernel: kernel.<session>.<msg_type> */
  char topic[128];
  int n = snprintf(topic, sizeof topic, "kernel.%s.%s", k->session->id, type);
  m->ids = calloc(1, sizeof(jup_frame));
  if (m->ids && n > 0) {
    m->ids[0].len = (size_t)n < sizeof topic ? (size_t)n : sizeof topic - 1;
    m->ids[0].data = malloc(m->ids[0].len);
    if (m->ids[0].data) {
      memcpy(m->ids[0].data, topic, m->ids[0].len);
      m->nids = 1;
    }
  }
  k->tr->send(k->tr->ctx, JUP_IOPUB, m);
}

void jup_publish(jup_kernel *k, const char *type, const jup_msg *parent, json_t *content) {
  jup_publish_hdr(k, type, parent ? parent->header : NULL, content);
}

static void status(jup_kernel *k, const jup_msg *req, const char *state) {
  jup_publish(k, "status", req, json_pack("{s:s}", "execution_state", state));
}

static void reply(jup_kernel *k, jup_channel ch, const jup_msg *req, const char *type, json_t *content) {
  if (!content) content = json_pack("{s:s, s:s, s:s, s:[]}", "status", "error", "ename", "InternalError", "evalue",
                                    "the kernel could not build its reply", "traceback");
  jup_msg *m = jup_msg_reply(k->session, req, type, content);
  if (m) k->tr->send(k->tr->ctx, ch, m);
}

/* ---- handlers ---- */

typedef json_t *(*handler_fn)(jup_kernel *k, jup_channel ch, const jup_msg *req);

static json_t *h_execute(jup_kernel *k, jup_channel ch, const jup_msg *req) { return jup_execute(k, req); }
static json_t *h_complete(jup_kernel *k, jup_channel ch, const jup_msg *req) { return jup_complete(k, req); }
static json_t *h_inspect(jup_kernel *k, jup_channel ch, const jup_msg *req) { return jup_inspect(k, req); }
static json_t *h_is_complete(jup_kernel *k, jup_channel ch, const jup_msg *req) { return jup_is_complete(k, req); }
static json_t *h_kernel_info(jup_kernel *k, jup_channel ch, const jup_msg *req) { return jup_kernel_info(k); }
static json_t *h_history(jup_kernel *k, jup_channel ch, const jup_msg *req) {
  return jup_history_reply(&k->hist, req->content);
}
static json_t *h_comm_info(jup_kernel *k, jup_channel ch, const jup_msg *req) {
  return json_pack("{s:s, s:{}}", "status", "ok", "comms");
}

/* No comm targets exist yet: an opened comm is closed at once, as the spec asks. */
static json_t *h_comm_open(jup_kernel *k, jup_channel ch, const jup_msg *req) {
  const char *id = json_string_value(json_object_get(req->content, "comm_id"));
  const char *target = json_string_value(json_object_get(req->content, "target_name"));
  jup_log(JUP_LOG_INFO, "comm_open for unknown target '%s': closing it", target ? target : "");
  if (id) jup_publish(k, "comm_close", req, json_pack("{s:s, s:{}}", "comm_id", id, "data"));
  return NULL;
}
static json_t *h_comm_ignore(jup_kernel *k, jup_channel ch, const jup_msg *req) { return NULL; }

static json_t *h_shutdown(jup_kernel *k, jup_channel ch, const jup_msg *req) {
  bool restart = json_is_true(json_object_get(req->content, "restart"));
  atomic_store(&k->restart, restart);
  atomic_store(&k->shutdown, 1);
  json_t *c = json_pack("{s:s, s:b}", "status", "ok", "restart", restart);
  /* ipykernel also publishes the reply on iopub, for other clients of the kernel */
  jup_publish(k, "shutdown_reply", req, json_deep_copy(c));
  return c;
}

static json_t *h_interrupt(jup_kernel *k, jup_channel ch, const jup_msg *req) {
  lang_interrupt(k->vm);   /* the same flag SIGINT sets: a KeyboardInterrupt in the running cell */
  return json_pack("{s:s}", "status", "ok");
}

typedef struct handler {
  const char *type;
  handler_fn fn;
  const char *reply;   /* reply type, NULL: none */
  bool control;        /* may run on the control thread (touches no interpreter state) */
} handler;

static const handler handlers[] = {
  {"execute_request", h_execute, "execute_reply", false},
  {"complete_request", h_complete, "complete_reply", false},
  {"inspect_request", h_inspect, "inspect_reply", false},
  {"is_complete_request", h_is_complete, "is_complete_reply", false},
  {"history_request", h_history, "history_reply", false},
  {"kernel_info_request", h_kernel_info, "kernel_info_reply", true},
  {"comm_info_request", h_comm_info, "comm_info_reply", false},
  {"comm_open", h_comm_open, NULL, false},
  {"comm_msg", h_comm_ignore, NULL, false},
  {"comm_close", h_comm_ignore, NULL, false},
  {"shutdown_request", h_shutdown, "shutdown_reply", true},
  {"interrupt_request", h_interrupt, "interrupt_reply", true},
  {NULL, NULL, NULL, false}
};

/* ---- stop_on_error ---- */

/* The shell requests already queued when a cell failed. They are taken off the socket before the
   error reply goes out, so nothing a client sends after seeing the reply is ever aborted (ipykernel#609
   aborted later, legitimate requests); the short wait for stragglers of a burst ("Run All" sends every
   cell at once) happens before the reply too, so it cannot catch those either. */
enum { QUEUE_SETTLE_MS = 20 };
typedef struct queued { jup_msg **m; int n, cap; } queued;

static void take_queued(jup_kernel *k, queued *q) {
  if (!k->tr->poll_shell) return;
  jup_msg *m;
  while ((m = k->tr->poll_shell(k->tr->ctx, QUEUE_SETTLE_MS)) != NULL) {
    if (q->n == q->cap) {
      int cap = q->cap ? 2 * q->cap : 16;
      jup_msg **nm = realloc(q->m, sizeof *nm * (size_t)cap);
      if (!nm) {
        jup_msg_free(m);
        break;
      }
      q->m = nm;
      q->cap = cap;
    }
    q->m[q->n++] = m;
  }
}

/* Execute requests get status "aborted" (with busy/idle); everything else is served as usual. */
static void answer_queued(jup_kernel *k, queued *q) {
  for (int i = 0; i < q->n; i++) {
    jup_msg *m = q->m[i];
    if (strcmp(jup_msg_type(m), "execute_request") == 0) {
      status(k, m, "busy");
      jup_log(JUP_LOG_INFO, "aborting queued execute_request %s", jup_msg_id(m));
      reply(k, JUP_SHELL, m, "execute_reply",
            json_pack("{s:s, s:i, s:[], s:{}}", "status", "aborted", "execution_count", k->execution_count, "payload",
                      "user_expressions"));
      status(k, m, "idle");
    } else {
      jup_dispatch(k, JUP_SHELL, m);
    }
    jup_msg_free(m);
  }
  free(q->m);
}

/* ---- dispatch ---- */

void jup_dispatch(jup_kernel *k, jup_channel ch, const jup_msg *req) {
  const char *type = jup_msg_type(req);
  status(k, req, "busy");
  const handler *h = handlers;
  while (h->type && strcmp(h->type, type) != 0) h++;
  queued q = {0};
  if (!h->type) {
    jup_log(JUP_LOG_WARNING, "unknown message type '%s' on %s: ignored", type, ch == JUP_CONTROL ? "control" : "shell");
  } else if (ch == JUP_CONTROL && !h->control) {
    jup_log(JUP_LOG_WARNING, "'%s' is not served on the control channel: ignored", type);
  } else {
    json_t *c = h->fn(k, ch, req);
    if (ch == JUP_SHELL && k->abort_pending) {
      k->abort_pending = false;
      take_queued(k, &q);
    }
    if (h->reply) reply(k, ch, req, h->reply, c);
    else json_decref(c);
  }
  status(k, req, "idle");
  if (q.n) answer_queued(k, &q);
  else free(q.m);
  if (atomic_load(&k->shutdown) && k->tr->stop) k->tr->stop(k->tr->ctx);
}

/* ---- setup ---- */

static void write_cb(void *ctx, int stream, const char *s, size_t n) {
  jup_kernel *k = ctx;
  if (n) jup_io_write(&k->io, stream, s, n);
  else jup_io_flush(&k->io, false);   /* sys.stdout.flush(): publish now */
}

int jup_kernel_init(jup_kernel *k, jup_session *s, const jup_transport *tr, lang_vm *vm, size_t output_limit) {
  memset(k, 0, sizeof *k);
  k->session = s;
  k->tr = tr;
  k->vm = vm;
  jup_io_init(&k->io, k, output_limit);
  lang_set_output(vm, write_cb, k);
  return jup_interp_install(k);
}

void jup_kernel_destroy(jup_kernel *k) {
  jup_io_destroy(&k->io);
  jup_history_free(&k->hist);
  json_decref(k->payload);
  if (k->vm) {
    lang_kernel_uninstall(k->vm);
    lang_set_output(k->vm, NULL, NULL);
  }
}
