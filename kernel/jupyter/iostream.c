/*
** kernel/jupyter/iostream.c — stream output: language print and C-level writes to fds 1/2 become
** iopub `stream` messages, in program order, coalesced (published after a short window, when a buffer
** grows large, when the other stream is written, and always before a reply, input_request or display),
** UTF-8-clean (invalid bytes become U+FFFD, a sequence split between writes is held back), and capped
** per request with one notice. The io thread does the timed flushes and reads the capture pipes.
*/
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel/jupyter/internal.h"

enum { FLUSH_BYTES = 256 * 1024 };   /* publish at once beyond this much pending text */

/* ---- UTF-8 ---- */

/* Length of the valid sequence at s (n bytes available): 1..4, 0 if invalid, -k if it is a valid
   but incomplete prefix of k bytes. */
static int utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  if (c < 0x80) return 1;
  int len;
  unsigned min;
  if (c >= 0xC2 && c <= 0xDF) len = 2, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF) len = 3, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4) len = 4, min = 0x10000;
  else return 0;
  unsigned cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (int i = 1; i < len; i++) {
    if ((size_t)i >= n) {
      /* check what we have so far could still be valid */
      if (len == 3 && i == 2 && ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))) return 0;
      if (len == 4 && i >= 2 && ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))) return 0;
      return -i;
    }
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

size_t jup_utf8_sanitize(const unsigned char *s, size_t n, char *out, bool keep_tail, int *tail) {
  size_t o = 0, i = 0;
  if (tail) *tail = 0;
  while (i < n) {
    int k = utf8_seq(s + i, n - i);
    if (k > 0) {
      if (k == 1 && s[i] == 0) {   /* NUL would cut C strings: drop it */
        i++;
        continue;
      }
      memcpy(out + o, s + i, (size_t)k);
      o += (size_t)k;
      i += (size_t)k;
    } else if (k < 0 && keep_tail) {
      if (tail) *tail = -k;
      break;
    } else {
      memcpy(out + o, "\xEF\xBF\xBD", 3);   /* U+FFFD, one per invalid byte */
      o += 3;
      i++;
    }
  }
  out[o] = '\0';
  return o;
}

size_t jup_cp_to_byte(const char *s, size_t len, size_t cp) {
  size_t i = 0;
  while (i < len && cp > 0) {
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
    cp--;
  }
  return i;
}

size_t jup_byte_to_cp(const char *s, size_t len, size_t byte) {
  size_t cp = 0;
  if (byte > len) byte = len;
  for (size_t i = 0; i < byte; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) cp++;
  return cp;
}

/* ---- buffers ---- */

void jup_io_init(jup_iostream *io, jup_kernel *k, size_t limit) {
  memset(io, 0, sizeof *io);
  io->k = k;
  io->limit = limit;
  io->interval = 0.1;
  io->pipe_rd[0] = io->pipe_rd[1] = -1;
  io->saved_fd[0] = io->saved_fd[1] = -1;
  io->wake[0] = io->wake[1] = -1;
  pthread_mutex_init(&io->lock, NULL);
  pthread_mutex_init(&io->pipe_lock, NULL);
}

void jup_io_destroy(jup_iostream *io) {
  jup_io_stop(io);
  free(io->buf[0]);
  free(io->buf[1]);
  json_decref(io->parent);
  pthread_mutex_destroy(&io->lock);
  pthread_mutex_destroy(&io->pipe_lock);
}

static void wake_thread(jup_iostream *io) {
  if (io->wake[1] >= 0) {
    char c = 1;
    ssize_t w = write(io->wake[1], &c, 1);
    (void)w;
  }
}

/* Publishes stream s's pending text. Caller holds io->lock. final: no UTF-8 tail is held back. */
static void publish_locked(jup_iostream *io, int s, bool final) {
  size_t n = io->len[s];
  if (n == 0 && !(final && io->ncarry[s])) return;
  char *text = malloc(3 * (n + 4) + 4);
  if (!text) {
    io->len[s] = 0;
    return;
  }
  /* carry (held back last time) + buffer */
  unsigned char *src = malloc(n + 4);
  if (!src) {
    free(text);
    io->len[s] = 0;
    return;
  }
  size_t c = (size_t)io->ncarry[s];
  memcpy(src, io->carry[s], c);
  memcpy(src + c, io->buf[s], n);
  int tail = 0;
  size_t tl = jup_utf8_sanitize(src, c + n, text, !final, &tail);
  io->ncarry[s] = tail;
  if (tail) memcpy(io->carry[s], src + c + n - (size_t)tail, (size_t)tail);
  free(src);
  io->len[s] = 0;
  if (tl && !io->discard)
    jup_publish_hdr(io->k, "stream", io->parent, json_pack("{s:s, s:s}", "name", s ? "stderr" : "stdout", "text", text));
  free(text);
}

static void flush_locked(jup_iostream *io, bool final) {
  /* only one stream has pending text at a time: the writer flushes the other first */
  publish_locked(io, 0, final);
  publish_locked(io, 1, final);
  io->deadline = 0;
}

static void append_locked(jup_iostream *io, int s, const char *p, size_t n) {
  if (io->len[s] + n + 1 > io->cap[s]) {
    size_t cap = io->cap[s] ? io->cap[s] : 4096;
    while (cap < io->len[s] + n + 1) cap *= 2;
    char *b = realloc(io->buf[s], cap);
    if (!b) return;
    io->buf[s] = b;
    io->cap[s] = cap;
  }
  memcpy(io->buf[s] + io->len[s], p, n);
  io->len[s] += n;
}

void jup_io_write(jup_iostream *io, int stream, const char *p, size_t n) {
  int s = stream == 2 ? 1 : 0;
  pthread_mutex_lock(&io->lock);
  if (io->discard || n == 0) {
    pthread_mutex_unlock(&io->lock);
    return;
  }
  if (io->len[1 - s] || io->ncarry[1 - s]) publish_locked(io, 1 - s, true);   /* keep stdout/stderr in order */
  if (io->limit && io->cell_bytes + n > io->limit) {
    if (io->cell_bytes < io->limit) {
      size_t room = io->limit - io->cell_bytes;
      while (room > 0 && ((unsigned char)p[room] & 0xC0) == 0x80) room--;   /* cut at a character */
      append_locked(io, s, p, room);
      io->cell_bytes = io->limit;
      io->dropped += n - room;
      flush_locked(io, true);
      char note[200];
      snprintf(note, sizeof note,
               "\n[ctorch: output truncated: this cell printed more than %zu bytes "
               "(CTORCH_OUTPUT_LIMIT); the rest is discarded]\n",
               io->limit);
      jup_publish_hdr(io->k, "stream", io->parent, json_pack("{s:s, s:s}", "name", "stderr", "text", note));
    } else {
      io->dropped += n;
    }
    pthread_mutex_unlock(&io->lock);
    return;
  }
  io->cell_bytes += n;
  bool was_empty = io->deadline == 0;
  append_locked(io, s, p, n);
  if (io->len[s] >= FLUSH_BYTES) {
    flush_locked(io, false);
  } else if (was_empty) {
    io->deadline = jup_now() + io->interval;
    pthread_mutex_unlock(&io->lock);
    wake_thread(io);
    return;
  }
  pthread_mutex_unlock(&io->lock);
}

/* Reads whatever the capture pipes hold (non-blocking). Caller holds pipe_lock. */
static void drain_pipes(jup_iostream *io) {
  char buf[65536];
  for (int s = 0; s < 2; s++) {
    if (io->pipe_rd[s] < 0) continue;
    for (;;) {
      ssize_t r = read(io->pipe_rd[s], buf, sizeof buf);
      if (r > 0) {
        jup_io_write(io, s + 1, buf, (size_t)r);
        continue;
      }
      if (r < 0 && errno == EINTR) continue;
      break;
    }
  }
}

void jup_io_flush(jup_iostream *io, bool final) {
  if (final && io->capturing) {
    fflush(stdout);
    fflush(stderr);
    pthread_mutex_lock(&io->pipe_lock);
    drain_pipes(io);
    pthread_mutex_unlock(&io->pipe_lock);
  }
  pthread_mutex_lock(&io->lock);
  flush_locked(io, final);
  pthread_mutex_unlock(&io->lock);
}

void jup_io_begin(jup_iostream *io, const jup_msg *req, bool discard) {
  pthread_mutex_lock(&io->lock);
  flush_locked(io, true);
  json_decref(io->parent);
  io->parent = req && req->header ? json_incref(req->header) : NULL;
  io->discard = discard;
  io->cell_bytes = 0;
  io->dropped = 0;
  pthread_mutex_unlock(&io->lock);
}

/* ---- the io thread ---- */

static void *io_thread(void *arg) {
  jup_iostream *io = arg;
  while (!atomic_load(&io->stop)) {
    struct pollfd fds[3];
    int nf = 0;
    fds[nf++] = (struct pollfd){io->wake[0], POLLIN, 0};
    for (int s = 0; s < 2; s++)
      if (io->pipe_rd[s] >= 0) fds[nf++] = (struct pollfd){io->pipe_rd[s], POLLIN, 0};
    pthread_mutex_lock(&io->lock);
    double dl = io->deadline;
    pthread_mutex_unlock(&io->lock);
    int timeout = -1;
    if (dl > 0) {
      double left = dl - jup_now();
      timeout = left <= 0 ? 0 : (int)(left * 1000) + 1;
    }
    int r = poll(fds, (nfds_t)nf, timeout);
    if (r < 0 && errno != EINTR) break;
    if (r > 0) {
      if (fds[0].revents & POLLIN) {
        char b[64];
        while (read(io->wake[0], b, sizeof b) > 0) {}
      }
      bool data = false;
      for (int i = 1; i < nf; i++) data |= (fds[i].revents & (POLLIN | POLLHUP)) != 0;
      if (data) {
        pthread_mutex_lock(&io->pipe_lock);
        drain_pipes(io);
        pthread_mutex_unlock(&io->pipe_lock);
      }
    }
    pthread_mutex_lock(&io->lock);
    if (io->deadline > 0 && jup_now() >= io->deadline) flush_locked(io, false);
    pthread_mutex_unlock(&io->lock);
  }
  return NULL;
}

static int nonblocking_pipe(int p[2]) {
  if (pipe2(p, O_CLOEXEC) < 0) return -1;
  fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
  return 0;
}

int jup_io_start(jup_iostream *io, bool capture) {
  if (nonblocking_pipe(io->wake) < 0) return -1;
  fcntl(io->wake[1], F_SETFL, fcntl(io->wake[1], F_GETFL) | O_NONBLOCK);
  if (capture) {
    fflush(stdout);
    fflush(stderr);
    for (int s = 0; s < 2; s++) {
      int p[2];
      if (nonblocking_pipe(p) < 0) break;
      io->saved_fd[s] = fcntl(s + 1, F_DUPFD_CLOEXEC, 3);
      if (io->saved_fd[s] < 0 || dup2(p[1], s + 1) < 0) {
        close(p[0]);
        close(p[1]);
        break;
      }
      close(p[1]);   /* fd s+1 is now the write end (inherited by child processes, as a terminal would be) */
      io->pipe_rd[s] = p[0];
    }
    io->capturing = io->pipe_rd[0] >= 0 || io->pipe_rd[1] >= 0;
    setvbuf(stdout, NULL, _IOLBF, 0);
  }
  /* the thread never takes SIGINT: that is the interpreter thread's */
  sigset_t all, old;
  sigemptyset(&all);
  sigaddset(&all, SIGINT);
  pthread_sigmask(SIG_BLOCK, &all, &old);
  int rc = pthread_create(&io->thread, NULL, io_thread, io);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (rc != 0) return -1;
  io->thread_started = true;
  return 0;
}

void jup_io_stop(jup_iostream *io) {
  if (io->thread_started) {
    atomic_store(&io->stop, 1);
    wake_thread(io);
    pthread_join(io->thread, NULL);
    io->thread_started = false;
  }
  if (io->capturing) {
    fflush(stdout);
    fflush(stderr);
    for (int s = 0; s < 2; s++) {
      if (io->saved_fd[s] >= 0) {
        dup2(io->saved_fd[s], s + 1);
        close(io->saved_fd[s]);
        io->saved_fd[s] = -1;
      }
      if (io->pipe_rd[s] >= 0) {
        close(io->pipe_rd[s]);
        io->pipe_rd[s] = -1;
      }
    }
    io->capturing = false;
  }
  for (int i = 0; i < 2; i++)
    if (io->wake[i] >= 0) {
      close(io->wake[i]);
      io->wake[i] = -1;
    }
}
