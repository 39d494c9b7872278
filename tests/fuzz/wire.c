/*
** tests/fuzz/wire.c — fuzz target: the Jupyter wire format and the request handlers behind it
** (kernel/jupyter/wire.c, session.c, dispatch.c, interp.c, history.c). The input is a flags byte and
** then the frames of one multipart message separated by NUL bytes (frames of JSON and "<IDS|MSG>"
** hold no NUL; binary buffers may be cut, which is fine). Flags: bit 0 — re-sign the four JSON parts
** with the key before decoding (a peer that knows the key: the JSON and the handlers are reached);
** else the signature frame is checked as sent. bit 1 — deliver on control instead of shell.
** A decoded message must encode and decode again to the same parts; then it is dispatched as the
** kernel would, on an in-memory transport, except that execute_request's code is replaced by a fixed
** statement (running arbitrary code is tests/fuzz/interp.c's business) and user_expressions are
** dropped. Also fed to the replay window.
*/
#include <stdlib.h>
#include <string.h>

#include "kernel/jupyter/internal.h"
#include "tests/fuzz/fuzz.h"

#define KEY "fuzz-key-0123456789"

static jup_session S;
static jup_kernel K;
static lang_vm *VM;
static jup_replay R;
static int stops;

static int fake_send(void *ctx, jup_channel ch, jup_msg *m) {
  /* what the ZeroMQ transport does with a message before it leaves */
  jup_frame *f;
  int n;
  if (jup_wire_encode(&S.auth, m, &f, &n) == 0) jup_frames_free(f, n);
  jup_msg_free(m);
  return 0;
}
static jup_msg *fake_poll_shell(void *ctx, int timeout_ms) { return NULL; }
static jup_msg *fake_recv_stdin(void *ctx, int timeout_ms) { return NULL; }
static void fake_stop(void *ctx) { stops++; }
static const jup_transport TR = {NULL, fake_send, fake_poll_shell, fake_recv_stdin, fake_stop};

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  jup_log_set_level(JUP_LOG_OFF);
  jup_session_init(&S, KEY, strlen(KEY));
  VM = lang_vm_new(0, NULL);
  if (!VM || jup_kernel_init(&K, &S, &TR, VM, 1 << 16) < 0 || jup_replay_init(&R) < 0) abort();
  return 0;
}

static bool same_json(json_t *a, json_t *b) { return json_equal(a, b) == 1; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!VM) LLVMFuzzerInitialize(NULL, NULL);
  if (size < 1 || size > 1 << 16) return 0;
  unsigned flags = data[0];
  data++;
  size--;
  /* split into frames at NUL bytes */
  int n = 1;
  for (size_t i = 0; i < size; i++) n += data[i] == 0;
  if (n > 64) return 0;
  jup_frame frames[64];
  size_t start = 0;
  int k = 0;
  for (size_t i = 0; i <= size; i++)
    if (i == size || data[i] == 0) {
      frames[k].data = (unsigned char *)data + start;
      frames[k].len = i - start;
      k++;
      start = i + 1;
    }
  /* a peer with the key: put the right signature in the frame after the delimiter */
  char sig[65];
  if (flags & 1) {
    for (int d = 0; d < n; d++)
      if (frames[d].len == 9 && memcmp(frames[d].data, JUP_DELIM, 9) == 0) {
        if (n - d - 1 >= 5 && jup_sign(&S.auth, &frames[d + 2], 4, sig) == 0) {
          frames[d + 1].data = (unsigned char *)sig;
          frames[d + 1].len = 64;
        }
        break;
      }
  }
  for (int d = 0; d + 1 < n; d++)
    if (frames[d].len == 9 && memcmp(frames[d].data, JUP_DELIM, 9) == 0) {
      jup_replay_check(&R, frames[d + 1].data, frames[d + 1].len);
      break;
    }
  jup_msg *m;
  jup_wire_err e = jup_wire_decode(&S.auth, frames, n, &m);
  if (e != JUP_WIRE_OK) return 0;

  /* round trip: what we would send is what we read */
  jup_frame *out;
  int nout;
  if (jup_wire_encode(&S.auth, m, &out, &nout) == 0) {
    jup_msg *again;
    if (jup_wire_decode(&S.auth, out, nout, &again) != JUP_WIRE_OK) abort();
    if (!same_json(m->header, again->header) || !same_json(m->parent, again->parent) ||
        !same_json(m->metadata, again->metadata) || !same_json(m->content, again->content) ||
        again->nids != m->nids || again->nbuffers != m->nbuffers)
      abort();
    jup_msg_free(again);
    jup_frames_free(out, nout);
  }

  const char *type = jup_msg_type(m);
  if (strcmp(type, "execute_request") == 0) {
    json_object_set_new(m->content, "code", json_string("x = 1"));
    json_object_del(m->content, "user_expressions");
  }
  jup_dispatch(&K, flags & 2 ? JUP_CONTROL : JUP_SHELL, m);
  atomic_store(&K.shutdown, 0);   /* a shutdown or interrupt request must not carry over */
  atomic_store(&K.restart, 0);
  *lang_interrupt_flag(VM) = 0;
  jup_msg_free(m);
  return 0;
}
