/*
** kernel/jupyter/internal.h — the pieces of the Jupyter kernel, as in xeus: the wire format (wire.c,
** session.c), a transport interface the dispatch core talks to (ZeroMQ in channels.c, an in-memory
** fake in tests/unit/test_dispatch.c), the dispatch core (dispatch.c: busy/idle around every request),
** the interpreter side of each request (interp.c), stream capture (iostream.c), history (history.c).
*/
#ifndef CT_JUPYTER_INTERNAL_H
#define CT_JUPYTER_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "kernel/lang/lang.h"

#ifdef __cplusplus
extern "C" {
#endif

#define JUP_PROTOCOL_VERSION "5.3"
#define JUP_DELIM "<IDS|MSG>"

/* ---- logging to the process log (the kernel's original stderr, never a notebook) (log.c) ---- */

enum { JUP_LOG_DEBUG, JUP_LOG_INFO, JUP_LOG_WARNING, JUP_LOG_ERROR, JUP_LOG_OFF };
/* Level from CTORCH_LOG_LEVEL (debug|info|warning|error|off; default warning) and the fd to write to. */
void jup_log_init(int fd);
void jup_log_set_level(int level);
void jup_log(int level, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---- messages and the wire format (wire.c) ---- */

typedef struct jup_frame { unsigned char *data; size_t len; } jup_frame;

typedef struct jup_msg {
  jup_frame *ids;      /* routing identities (shell/control/stdin) or the topic (iopub) */
  int nids;
  json_t *header, *parent, *metadata, *content;   /* owned references, never NULL */
  jup_frame *buffers;  /* extra binary frames */
  int nbuffers;
} jup_msg;

/* The HMAC key (the connection file's "key" string, used as bytes). len 0: authentication off. */
typedef struct jup_auth {
  unsigned char *key;
  size_t len;
} jup_auth;

typedef enum jup_wire_err {
  JUP_WIRE_OK = 0,
  JUP_WIRE_NODELIM,    /* no "<IDS|MSG>" frame */
  JUP_WIRE_SHORT,      /* fewer than 5 frames after the delimiter */
  JUP_WIRE_BADSIG,     /* signature missing, of the wrong length, or wrong */
  JUP_WIRE_BADJSON,    /* a part is not a UTF-8 JSON object */
  JUP_WIRE_NOMEM
} jup_wire_err;
const char *jup_wire_strerror(jup_wire_err e);

/* Lowercase hex HMAC-SHA256 over parts[0..n) (header, parent, metadata, content), out[65]. With an
   empty key out is "". 0 / -1. */
int jup_sign(const jup_auth *a, const jup_frame *parts, int n, char out[65]);
/* Checks sig (siglen bytes) against the parts: length-checked, constant-time. true if valid (always
   true with authentication off). */
bool jup_verify(const jup_auth *a, const jup_frame *parts, const unsigned char *sig, size_t siglen);

/* Signatures already seen (replay protection, as jupyter_client's Session.digest_history): two
   generations of hash sets, so at least the last JUP_REPLAY_KEEP signatures are remembered. */
enum { JUP_REPLAY_KEEP = 8192, JUP_REPLAY_SLOTS = 2 * JUP_REPLAY_KEEP };
typedef struct jup_replay {
  pthread_mutex_t lock;
  unsigned char (*gen[2])[32];   /* JUP_REPLAY_SLOTS digests each; all-zero = empty slot */
  int count;                     /* entries in gen[0] */
} jup_replay;
int jup_replay_init(jup_replay *r);
void jup_replay_free(jup_replay *r);
/* Records a 64-hex-digit signature; false if it was seen before (a replayed message). */
bool jup_replay_check(jup_replay *r, const unsigned char *sig, size_t len);

/* Parses and verifies received frames (copied; the caller keeps frames). */
jup_wire_err jup_wire_decode(const jup_auth *a, const jup_frame *frames, int n, jup_msg **out);
/* Serialises (compact JSON) and signs a message into *frames (malloc'd array of malloc'd frames). */
int jup_wire_encode(const jup_auth *a, const jup_msg *m, jup_frame **frames, int *n);
void jup_frames_free(jup_frame *frames, int n);

jup_msg *jup_msg_alloc(void);
void jup_msg_free(jup_msg *m);
/* header.msg_type ("" if absent). Borrowed. */
const char *jup_msg_type(const jup_msg *m);
const char *jup_msg_id(const jup_msg *m);

/* ---- session: ids, dates, headers (session.c) ---- */

typedef struct jup_session {
  char id[37];         /* uuid4, new per kernel process */
  char username[64];
  jup_auth auth;
} jup_session;

void jup_session_init(jup_session *s, const char *key, size_t keylen);
void jup_session_free(jup_session *s);
void jup_uuid(char out[37]);
/* ISO-8601 UTC with microseconds, "2025-01-01T12:00:00.123456Z". */
void jup_now_iso(char out[48]);
double jup_now(void);   /* monotonic seconds */

/* A new message of type with a fresh header; parent: the request it answers (its header is copied
   into parent_header and, for replies, its identities are copied); content is stolen (NULL: {}). */
jup_msg *jup_msg_new(const jup_session *s, const char *type, const jup_msg *parent, json_t *content);
/* Same, for a request's reply: identities copied from req. */
jup_msg *jup_msg_reply(const jup_session *s, const jup_msg *req, const char *type, json_t *content);

/* ---- the transport interface (channels.c; tests provide a fake) ---- */

typedef enum jup_channel { JUP_SHELL, JUP_CONTROL, JUP_STDIN, JUP_IOPUB } jup_channel;

typedef struct jup_transport {
  void *ctx;
  /* Sends m on ch: replies on shell/control/stdin go to m->ids; iopub publishes. Thread-safe. Takes
     ownership of m. 0 / -1. */
  int (*send)(void *ctx, jup_channel ch, jup_msg *m);
  /* The next shell request, waiting at most timeout_ms for one (0: only what is already queued);
     NULL when none. */
  jup_msg *(*poll_shell)(void *ctx, int timeout_ms);
  /* Waits up to timeout_ms for a message on stdin; NULL on timeout. */
  jup_msg *(*recv_stdin)(void *ctx, int timeout_ms);
  /* Asks the serving loops to end (shutdown_request answered). */
  void (*stop)(void *ctx);
} jup_transport;

/* ---- stream output (iostream.c) ---- */

typedef struct jup_kernel jup_kernel;

typedef struct jup_iostream {
  jup_kernel *k;
  pthread_mutex_t lock;       /* buffers, parent, counters */
  char *buf[2];               /* pending text of stdout [0] / stderr [1] */
  size_t len[2], cap[2];
  unsigned char carry[2][4];  /* an incomplete UTF-8 sequence held back for the next write */
  int ncarry[2];
  double deadline;            /* when pending output must be published (0: nothing pending) */
  json_t *parent;             /* header of the request outputs belong to */
  bool discard;               /* silent execution: drop everything */
  size_t cell_bytes;          /* bytes of stream output in this request */
  size_t limit;               /* per-request cap (0: none) */
  size_t dropped;             /* bytes dropped after the cap */
  double interval;            /* coalescing window, seconds */
  /* C-level capture of fds 1 and 2 (the real kernel only) */
  bool capturing;
  int pipe_rd[2];             /* read ends of the pipes now on fds 1 and 2 */
  int saved_fd[2];            /* the original fds 1 and 2 */
  int wake[2];                /* self-pipe: wakes the io thread when the deadline changes */
  pthread_mutex_t pipe_lock;  /* whoever reads the pipes (io thread, or the final drain) */
  pthread_t thread;
  bool thread_started;
  atomic_int stop;
} jup_iostream;

void jup_io_init(jup_iostream *io, jup_kernel *k, size_t limit);
void jup_io_destroy(jup_iostream *io);
/* Starts the io thread (timed flushes) and, with capture, redirects fds 1/2 into pipes it reads. */
int jup_io_start(jup_iostream *io, bool capture);
void jup_io_stop(jup_iostream *io);
/* Outputs from now on belong to req; counters reset. discard: drop them (silent). */
void jup_io_begin(jup_iostream *io, const jup_msg *req, bool discard);
/* Appends text to stream 1 (stdout) or 2 (stderr); publishes the other stream's pending text first. */
void jup_io_write(jup_iostream *io, int stream, const char *s, size_t n);
/* Publishes everything pending (C stdio flushed and the capture pipes drained first when final). */
void jup_io_flush(jup_iostream *io, bool final);

/* Replaces invalid UTF-8 in s[0, n) by U+FFFD into out (capacity >= 3n+4). When keep_tail, an
   incomplete sequence at the end is not converted: its length goes to *tail. Returns bytes written. */
size_t jup_utf8_sanitize(const unsigned char *s, size_t n, char *out, bool keep_tail, int *tail);
/* Converts between code-point offsets (the protocol's cursor_pos) and byte offsets in UTF-8 text. */
size_t jup_cp_to_byte(const char *s, size_t len, size_t cp);
size_t jup_byte_to_cp(const char *s, size_t len, size_t byte);

/* ---- history (history.c) ---- */

typedef struct jup_hist_entry { int line; char *input; char *output; } jup_hist_entry;
typedef struct jup_history { jup_hist_entry *e; int n, cap; } jup_history;
void jup_history_add(jup_history *h, int line, const char *input, const char *output);
void jup_history_free(jup_history *h);
/* The history_reply content for a history_request's content. New reference. */
json_t *jup_history_reply(const jup_history *h, const json_t *req);
bool jup_glob_match(const char *pat, const char *s);

/* ---- the kernel: dispatch core (dispatch.c) and the interpreter side (interp.c) ---- */

struct jup_kernel {
  jup_session *session;
  const jup_transport *tr;
  lang_vm *vm;
  jup_iostream io;
  jup_history hist;
  int execution_count;        /* of the last non-silent execute_request */
  int serial;                 /* every execution, for unique cell file names */
  /* the execute_request being served (interpreter thread) */
  const jup_msg *cur;
  bool cur_silent, cur_allow_stdin;
  json_t *payload;            /* execute_reply payload items of the current request */
  bool abort_pending;         /* an error with stop_on_error: abort the queued executes */
  /* shared with the control thread */
  atomic_int shutdown;        /* shutdown_request answered */
  atomic_int restart;
  atomic_int executing;       /* the interpreter is running a cell */
  size_t max_message;         /* bytes of one received message, all frames (0: none; kernel.c) */
};

/* Sets up a kernel around a vm (output routed into k->io, display/input hooks installed). */
int jup_kernel_init(jup_kernel *k, jup_session *s, const jup_transport *tr, lang_vm *vm, size_t output_limit);
void jup_kernel_destroy(jup_kernel *k);

/* Serves one request received on ch: status busy, the handler (reply on ch), status idle. When an
   execute_request fails with stop_on_error, the shell requests queued by then are taken off the
   transport before the error reply goes out and answered after its idle: executes "aborted", others
   served. Borrows req. On the control channel only kernel_info, shutdown and interrupt run (any thread
   may call it for control; shell requests must come from the interpreter's thread). */
void jup_dispatch(jup_kernel *k, jup_channel ch, const jup_msg *req);

/* Publishes on iopub with the given parent (NULL: none). content stolen. */
void jup_publish(jup_kernel *k, const char *type, const jup_msg *parent, json_t *content);
/* The same with a raw parent header (iostream's stored parent). */
void jup_publish_hdr(jup_kernel *k, const char *type, json_t *parent_header, json_t *content);

/* Request handlers (interp.c): fill the reply content (new reference) for req. */
json_t *jup_execute(jup_kernel *k, const jup_msg *req);
json_t *jup_complete(jup_kernel *k, const jup_msg *req);
json_t *jup_inspect(jup_kernel *k, const jup_msg *req);
json_t *jup_is_complete(jup_kernel *k, const jup_msg *req);
json_t *jup_kernel_info(jup_kernel *k);
/* Installs the lang hooks (display, clear_output, input) for k. */
int jup_interp_install(jup_kernel *k);

/* ---- the ZeroMQ transport and the commands (channels.c, kernel.c, install.c) ---- */

typedef struct jup_connection {
  char transport[16];         /* "tcp" | "ipc" */
  char ip[256];
  int shell_port, iopub_port, stdin_port, control_port, hb_port;
  char scheme[32];            /* "hmac-sha256" */
  char *key;                  /* malloc'd */
  size_t keylen;
} jup_connection;

/* Reads a connection file. 0 / -1 (message logged). */
int jup_connection_read(const char *path, jup_connection *c);
void jup_connection_free(jup_connection *c);

/* Binds the five sockets, starts the heartbeat and control threads and serves shell requests on the
   calling thread until shutdown. Returns 0 after a clean shutdown. */
int jup_serve(jup_kernel *k, const jup_connection *c);

#ifdef __cplusplus
}
#endif
#endif /* CT_JUPYTER_INTERNAL_H */
