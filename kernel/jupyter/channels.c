/*
** kernel/jupyter/channels.c — the ZeroMQ transport: the connection file, five sockets and their
** threads. The calling (interpreter) thread owns shell and stdin and runs cells; the control thread
** owns control, so kernel_info, interrupt and shutdown are answered while a cell runs; the heartbeat
** thread echoes on hb; iopub is shared under a mutex (a full memory barrier per use, which is what
** ZeroMQ asks of sockets used from several threads). Malformed or badly signed messages are logged
** and dropped. Shutdown: sockets closed with a bounded linger so a restart can bind the same ports.
*/
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zmq.h>

#include "kernel/jupyter/internal.h"

/* ---- the connection file ---- */

int jup_connection_read(const char *path, jup_connection *c) {
  memset(c, 0, sizeof *c);
  json_error_t err;
  json_t *j = json_load_file(path, 0, &err);
  if (!j || !json_is_object(j)) {
    jup_log(JUP_LOG_ERROR, "cannot read connection file %s: %s", path, j ? "not a JSON object" : err.text);
    json_decref(j);
    return -1;
  }
  const char *s = json_string_value(json_object_get(j, "transport"));
  snprintf(c->transport, sizeof c->transport, "%s", s ? s : "tcp");
  s = json_string_value(json_object_get(j, "ip"));
  snprintf(c->ip, sizeof c->ip, "%s", s ? s : "127.0.0.1");
  s = json_string_value(json_object_get(j, "signature_scheme"));
  snprintf(c->scheme, sizeof c->scheme, "%s", s ? s : "hmac-sha256");
  json_t *key = json_object_get(j, "key");
  s = json_string_value(key);
  c->keylen = s ? json_string_length(key) : 0;
  c->key = malloc(c->keylen + 1);
  if (c->key) {
    if (c->keylen) memcpy(c->key, s, c->keylen);
    c->key[c->keylen] = '\0';
  }
  struct { const char *name; int *port; } ports[] = {{"shell_port", &c->shell_port}, {"iopub_port", &c->iopub_port},
                                                     {"stdin_port", &c->stdin_port}, {"control_port", &c->control_port},
                                                     {"hb_port", &c->hb_port}};
  for (size_t i = 0; i < sizeof ports / sizeof ports[0]; i++) {
    json_t *p = json_object_get(j, ports[i].name);
    *ports[i].port = json_is_integer(p) ? (int)json_integer_value(p) : 0;
  }
  json_decref(j);
  if (!c->key) return -1;
  if (c->keylen && strcmp(c->scheme, "hmac-sha256") != 0) {
    jup_log(JUP_LOG_ERROR, "unsupported signature_scheme '%s' (only hmac-sha256)", c->scheme);
    free(c->key);
    c->key = NULL;
    return -1;
  }
  if (strcmp(c->transport, "tcp") != 0 && strcmp(c->transport, "ipc") != 0) {
    jup_log(JUP_LOG_ERROR, "unsupported transport '%s'", c->transport);
    free(c->key);
    c->key = NULL;
    return -1;
  }
  /* the key authenticates every message: say so when others can read it or when there is none */
  struct stat st;
  if (stat(path, &st) == 0 && (st.st_mode & 077))
    jup_log(JUP_LOG_WARNING, "connection file %s can be read by other users (mode %03o): anyone who reads its key "
            "can run code in this kernel; jupyter_client writes it 0600", path, (unsigned)(st.st_mode & 0777));
  if (c->keylen == 0)
    jup_log(JUP_LOG_WARNING, "the connection file has no key: messages are not authenticated, anyone who can "
            "reach the ports can run code in this kernel");
  return 0;
}

void jup_connection_free(jup_connection *c) {
  free(c->key);
  c->key = NULL;
}

/* ---- the transport ---- */

typedef struct zmq_tr {
  jup_kernel *k;
  void *ctx;
  void *shell, *control, *stdin_s, *iopub, *hb;
  void *wake_rx, *wake_tx;          /* inproc PAIR: "stop" to the interpreter thread */
  pthread_mutex_t iopub_lock, shell_lock, control_lock, stdin_lock, wake_lock;
  pthread_t hb_thread, control_thread;
  bool hb_started, control_started;
  jup_replay replay;                /* signatures seen on shell and control */
  atomic_int stopping;
  double stop_time;
  jup_transport tr;
} zmq_tr;

/* Receives one multipart message. 0, or -1 with errno (EAGAIN when nothing is queued; EMSGSIZE when
   its frames together exceed limit bytes, limit 0 = none: the rest is read and dropped). */
static int recv_frames(void *sock, int flags, size_t limit, jup_frame **out, int *n) {
  int cap = 8, count = 0;
  size_t total = 0;
  jup_frame *f = malloc(sizeof *f * (size_t)cap);
  if (!f) return -1;
  for (;;) {
    zmq_msg_t m;
    zmq_msg_init(&m);
    if (zmq_msg_recv(&m, sock, count ? 0 : flags) < 0) {
      int e = errno;
      zmq_msg_close(&m);
      if (count && e == EINTR) continue;   /* the rest of a message is already queued */
      jup_frames_free(f, count);
      errno = e;
      return -1;
    }
    if (count == cap) {
      cap *= 2;
      jup_frame *nf = realloc(f, sizeof *f * (size_t)cap);
      if (!nf) {
        zmq_msg_close(&m);
        jup_frames_free(f, count);
        errno = ENOMEM;
        return -1;
      }
      f = nf;
    }
    size_t len = zmq_msg_size(&m);
    total += len;
    if (limit && total > limit) {   /* too large: swallow the remaining frames, keep nothing */
      int more = zmq_msg_more(&m);
      zmq_msg_close(&m);
      while (more) {
        zmq_msg_init(&m);
        if (zmq_msg_recv(&m, sock, 0) < 0 && errno != EINTR) {
          zmq_msg_close(&m);
          break;
        }
        more = zmq_msg_more(&m);
        zmq_msg_close(&m);
      }
      jup_frames_free(f, count);
      errno = EMSGSIZE;
      return -1;
    }
    f[count].data = malloc(len ? len : 1);
    f[count].len = len;
    if (f[count].data && len) memcpy(f[count].data, zmq_msg_data(&m), len);
    int more = zmq_msg_more(&m);
    zmq_msg_close(&m);
    if (!f[count].data) {
      jup_frames_free(f, count);
      errno = ENOMEM;
      return -1;
    }
    count++;
    if (!more) break;
  }
  *out = f;
  *n = count;
  return 0;
}

/* Receives and verifies one message; bad ones are logged and dropped (NULL, errno 0). */
static jup_msg *recv_msg(zmq_tr *t, void *sock, const char *chan, int flags) {
  jup_frame *f;
  int n;
  if (recv_frames(sock, flags, t->k->max_message, &f, &n) < 0) {
    if (errno == EMSGSIZE) {
      jup_log(JUP_LOG_WARNING, "dropped a message on %s: larger than the message size limit (%zu bytes, "
              "CTORCH_MAX_MESSAGE_SIZE)", chan, t->k->max_message);
      errno = 0;
    }
    return NULL;
  }
  jup_msg *m = NULL;
  jup_wire_err e = jup_wire_decode(&t->k->session->auth, f, n, &m);
  if (e == JUP_WIRE_OK && t->k->session->auth.len) {
    int d = 0;   /* the signature frame follows the delimiter */
    while (d < n && !(f[d].len == 9 && memcmp(f[d].data, JUP_DELIM, 9) == 0)) d++;
    if (!jup_replay_check(&t->replay, f[d + 1].data, f[d + 1].len)) {
      jup_log(JUP_LOG_WARNING, "dropped a message on %s: replayed signature (%s %s)", chan, jup_msg_type(m), jup_msg_id(m));
      jup_msg_free(m);
      jup_frames_free(f, n);
      errno = 0;
      return NULL;
    }
  }
  jup_frames_free(f, n);
  if (e != JUP_WIRE_OK) {
    jup_log(JUP_LOG_WARNING, "dropped a message on %s: %s", chan, jup_wire_strerror(e));
    errno = 0;
    return NULL;
  }
  jup_log(JUP_LOG_DEBUG, "%s: %s %s", chan, jup_msg_type(m), jup_msg_id(m));
  return m;
}

static int send_frames(void *sock, const jup_frame *f, int n) {
  for (int i = 0; i < n; i++) {
    int rc;
    do rc = zmq_send(sock, f[i].data, f[i].len, i + 1 < n ? ZMQ_SNDMORE : 0);
    while (rc < 0 && errno == EINTR);
    if (rc < 0) return -1;
  }
  return 0;
}

static int tr_send(void *ctx, jup_channel ch, jup_msg *m) {
  zmq_tr *t = ctx;
  jup_frame *f;
  int n, rc = -1;
  if (jup_wire_encode(&t->k->session->auth, m, &f, &n) == 0) {
    void *sock = ch == JUP_SHELL ? t->shell : ch == JUP_CONTROL ? t->control : ch == JUP_STDIN ? t->stdin_s : t->iopub;
    pthread_mutex_t *lock = ch == JUP_SHELL     ? &t->shell_lock
                            : ch == JUP_CONTROL ? &t->control_lock
                            : ch == JUP_STDIN   ? &t->stdin_lock
                                                : &t->iopub_lock;
    pthread_mutex_lock(lock);
    rc = sock ? send_frames(sock, f, n) : -1;
    pthread_mutex_unlock(lock);
    if (rc < 0) jup_log(JUP_LOG_WARNING, "could not send %s: %s", jup_msg_type(m), zmq_strerror(errno));
    jup_frames_free(f, n);
  }
  jup_msg_free(m);
  return rc;
}

static jup_msg *tr_poll_shell(void *ctx, int timeout_ms) {
  zmq_tr *t = ctx;
  if (timeout_ms > 0) {
    zmq_pollitem_t it = {t->shell, 0, ZMQ_POLLIN, 0};
    if (zmq_poll(&it, 1, timeout_ms) <= 0) return NULL;
  }
  for (;;) {
    jup_msg *m = recv_msg(t, t->shell, "shell", ZMQ_DONTWAIT);
    if (m) return m;
    if (errno == 0) continue;   /* a dropped message: look at the next one */
    if (errno == EINTR) continue;
    return NULL;
  }
}

static jup_msg *tr_recv_stdin(void *ctx, int timeout_ms) {
  zmq_tr *t = ctx;
  zmq_pollitem_t it = {t->stdin_s, 0, ZMQ_POLLIN, 0};
  if (zmq_poll(&it, 1, timeout_ms) <= 0 || !(it.revents & ZMQ_POLLIN)) return NULL;
  return recv_msg(t, t->stdin_s, "stdin", ZMQ_DONTWAIT);
}

static void tr_stop(void *ctx) {
  zmq_tr *t = ctx;
  if (atomic_exchange(&t->stopping, 1)) return;
  t->stop_time = jup_now();
  if (atomic_load(&t->k->executing)) lang_interrupt(t->k->vm);   /* end the running cell */
  pthread_mutex_lock(&t->wake_lock);
  zmq_send(t->wake_tx, "stop", 4, ZMQ_DONTWAIT);
  pthread_mutex_unlock(&t->wake_lock);
}

/* ---- threads ---- */

static void *hb_main(void *arg) {
  zmq_tr *t = arg;
  zmq_proxy(t->hb, t->hb, NULL);   /* a ROUTER fed to itself echoes every ping to its sender */
  return NULL;
}

/* jupyter_client sets JPY_PARENT_PID: when that process is gone (a killed console or server), the
   kernel shuts down instead of lingering as an orphan (ipykernel's ParentPollerUnix). */
static pid_t watched_parent(void) {
  const char *p = getenv("JPY_PARENT_PID");
  return p && atoi(p) > 1 && getppid() == (pid_t)atoi(p) ? getppid() : 0;
}

static void *control_main(void *arg) {
  zmq_tr *t = arg;
  pid_t parent = watched_parent();
  for (;;) {
    zmq_pollitem_t it = {t->control, 0, ZMQ_POLLIN, 0};
    bool stopping = atomic_load(&t->stopping);
    int r = zmq_poll(&it, 1, stopping ? 100 : parent ? 1000 : -1);
    if (r < 0 && errno == ETERM) break;
    if (parent && !stopping && getppid() != parent) {
      jup_log(JUP_LOG_WARNING, "parent process %d is gone: shutting down", (int)parent);
      tr_stop(t);
      continue;
    }
    if (stopping && jup_now() - t->stop_time > 2.0) {
      /* the interpreter thread is stuck in code that does not check for interrupts */
      jup_log(JUP_LOG_WARNING, "shutdown: the running cell did not stop within 2 s; exiting");
      _exit(0);
    }
    if (r <= 0 || !(it.revents & ZMQ_POLLIN)) continue;
    jup_msg *m = recv_msg(t, t->control, "control", ZMQ_DONTWAIT);
    if (!m) {
      if (errno == ETERM) break;
      continue;
    }
    jup_dispatch(t->k, JUP_CONTROL, m);
    jup_msg_free(m);
  }
  return NULL;
}

/* ---- sockets ---- */

static void *open_socket(zmq_tr *t, int type, const jup_connection *c, int port, const char *name) {
  void *s = zmq_socket(t->ctx, type);
  if (!s) return NULL;
  int linger = 1000, one = 1;
  zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
  if (type == ZMQ_ROUTER && strcmp(name, "hb") != 0) zmq_setsockopt(s, ZMQ_ROUTER_HANDOVER, &one, sizeof one);
  /* a single frame over the limit makes ZeroMQ drop the peer's connection before buffering it;
     recv_frames enforces the limit on the whole message */
  int64_t maxmsg = t->k->max_message ? (int64_t)t->k->max_message : -1;
  if (type != ZMQ_PUB) zmq_setsockopt(s, ZMQ_MAXMSGSIZE, &maxmsg, sizeof maxmsg);
  char ep[320];
  if (strcmp(c->transport, "ipc") == 0) snprintf(ep, sizeof ep, "ipc://%s-%d", c->ip, port);
  else if (port > 0) snprintf(ep, sizeof ep, "tcp://%s:%d", c->ip, port);
  else snprintf(ep, sizeof ep, "tcp://%s:*", c->ip);
  /* after a restart the previous process may still hold the port for a moment */
  int rc = -1;
  for (int attempt = 0; attempt < 40; attempt++) {
    rc = zmq_bind(s, ep);
    if (rc == 0 || errno != EADDRINUSE) break;
    usleep(50 * 1000);
  }
  if (rc < 0) {
    jup_log(JUP_LOG_ERROR, "cannot bind %s to %s: %s", name, ep, zmq_strerror(errno));
    zmq_close(s);
    return NULL;
  }
  if (port <= 0) {
    char last[320];
    size_t n = sizeof last;
    zmq_getsockopt(s, ZMQ_LAST_ENDPOINT, last, &n);
    jup_log(JUP_LOG_WARNING, "%s bound to %s (no port in the connection file)", name, last);
  }
  return s;
}

static int start_thread(pthread_t *th, void *(*fn)(void *), void *arg) {
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);   /* SIGINT belongs to the interpreter thread */
  pthread_sigmask(SIG_BLOCK, &block, &old);
  int rc = pthread_create(th, NULL, fn, arg);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return rc;
}

static void close_all(zmq_tr *t) {
  void **socks[] = {&t->shell, &t->stdin_s, &t->iopub, &t->wake_rx, &t->wake_tx};
  for (size_t i = 0; i < sizeof socks / sizeof socks[0]; i++)
    if (*socks[i]) {
      zmq_close(*socks[i]);
      *socks[i] = NULL;
    }
}

int jup_serve(jup_kernel *k, const jup_connection *c) {
  zmq_tr t;
  memset(&t, 0, sizeof t);
  t.k = k;
  pthread_mutex_init(&t.iopub_lock, NULL);
  pthread_mutex_init(&t.shell_lock, NULL);
  pthread_mutex_init(&t.control_lock, NULL);
  pthread_mutex_init(&t.stdin_lock, NULL);
  pthread_mutex_init(&t.wake_lock, NULL);
  t.tr = (jup_transport){&t, tr_send, tr_poll_shell, tr_recv_stdin, tr_stop};
  k->tr = &t.tr;
  t.ctx = zmq_ctx_new();
  if (!t.ctx) return 1;
  if (jup_replay_init(&t.replay) < 0) jup_log(JUP_LOG_WARNING, "replay protection off (out of memory)");
  int rc = 1;
  t.shell = open_socket(&t, ZMQ_ROUTER, c, c->shell_port, "shell");
  t.control = open_socket(&t, ZMQ_ROUTER, c, c->control_port, "control");
  t.stdin_s = open_socket(&t, ZMQ_ROUTER, c, c->stdin_port, "stdin");
  t.iopub = open_socket(&t, ZMQ_PUB, c, c->iopub_port, "iopub");
  t.hb = open_socket(&t, ZMQ_ROUTER, c, c->hb_port, "hb");
  t.wake_rx = zmq_socket(t.ctx, ZMQ_PAIR);
  t.wake_tx = zmq_socket(t.ctx, ZMQ_PAIR);
  char wake_ep[64];
  snprintf(wake_ep, sizeof wake_ep, "inproc://ctorch-wake-%p", (void *)&t);
  if (!t.shell || !t.control || !t.stdin_s || !t.iopub || !t.hb || !t.wake_rx || !t.wake_tx ||
      zmq_bind(t.wake_rx, wake_ep) < 0 || zmq_connect(t.wake_tx, wake_ep) < 0)
    goto done;
  if (start_thread(&t.hb_thread, hb_main, &t) != 0) goto done;
  t.hb_started = true;
  if (start_thread(&t.control_thread, control_main, &t) != 0) goto done;
  t.control_started = true;
  jup_publish(k, "status", NULL, json_pack("{s:s}", "execution_state", "starting"));
  jup_log(JUP_LOG_INFO, "serving on %s://%s (shell %d, session %s)", c->transport, c->ip, c->shell_port, k->session->id);

  while (!atomic_load(&t.stopping)) {
    zmq_pollitem_t items[2] = {{t.shell, 0, ZMQ_POLLIN, 0}, {t.wake_rx, 0, ZMQ_POLLIN, 0}};
    int r = zmq_poll(items, 2, -1);
    if (r < 0) {
      if (errno == EINTR) continue;   /* SIGINT while idle: harmless */
      jup_log(JUP_LOG_ERROR, "poll: %s", zmq_strerror(errno));
      break;
    }
    if (items[1].revents & ZMQ_POLLIN) {
      char buf[8];
      while (zmq_recv(t.wake_rx, buf, sizeof buf, ZMQ_DONTWAIT) >= 0) {}
    }
    if (items[0].revents & ZMQ_POLLIN) {
      jup_msg *m;
      while (!atomic_load(&t.stopping) && (m = tr_poll_shell(&t, 0)) != NULL) {
        jup_dispatch(k, JUP_SHELL, m);
        jup_msg_free(m);
      }
    }
  }
  rc = 0;
done:
  jup_io_flush(&k->io, true);
  jup_io_stop(&k->io);   /* no more timed flushes; fds 1/2 restored */
  atomic_store(&t.stopping, 1);
  zmq_ctx_shutdown(t.ctx);   /* blocking calls in the other threads return ETERM */
  if (t.hb_started) pthread_join(t.hb_thread, NULL);
  if (t.control_started) pthread_join(t.control_thread, NULL);
  if (t.hb) zmq_close(t.hb);
  if (t.control) zmq_close(t.control);
  t.hb = t.control = NULL;
  close_all(&t);
  zmq_ctx_term(t.ctx);
  k->tr = NULL;
  pthread_mutex_destroy(&t.iopub_lock);
  pthread_mutex_destroy(&t.shell_lock);
  pthread_mutex_destroy(&t.control_lock);
  pthread_mutex_destroy(&t.stdin_lock);
  pthread_mutex_destroy(&t.wake_lock);
  jup_replay_free(&t.replay);
  return rc;
}
