/*
** kernel/jupyter/wire.c — the Jupyter wire format: [ids...] "<IDS|MSG>" signature header parent
** metadata content [buffers...], signed with HMAC-SHA256 over the exact bytes of the four JSON parts.
** Verification checks the signature's length before a constant-time compare; anything malformed is
** reported, never half-parsed. No sockets here (channels.c sends the frames).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "kernel/jupyter/internal.h"

const char *jup_wire_strerror(jup_wire_err e) {
  switch (e) {
  case JUP_WIRE_OK: return "ok";
  case JUP_WIRE_NODELIM: return "delimiter <IDS|MSG> not present";
  case JUP_WIRE_SHORT: return "fewer than 5 frames after the delimiter";
  case JUP_WIRE_BADSIG: return "invalid signature";
  case JUP_WIRE_BADJSON: return "a message part is not a JSON object";
  case JUP_WIRE_NOMEM: return "out of memory";
  }
  return "?";
}

/* ---- messages ---- */

jup_msg *jup_msg_alloc(void) {
  jup_msg *m = calloc(1, sizeof *m);
  return m;
}

void jup_frames_free(jup_frame *frames, int n) {
  if (!frames) return;
  for (int i = 0; i < n; i++) free(frames[i].data);
  free(frames);
}

void jup_msg_free(jup_msg *m) {
  if (!m) return;
  jup_frames_free(m->ids, m->nids);
  jup_frames_free(m->buffers, m->nbuffers);
  json_decref(m->header);
  json_decref(m->parent);
  json_decref(m->metadata);
  json_decref(m->content);
  free(m);
}

const char *jup_msg_type(const jup_msg *m) {
  const char *t = m && m->header ? json_string_value(json_object_get(m->header, "msg_type")) : NULL;
  return t ? t : "";
}

const char *jup_msg_id(const jup_msg *m) {
  const char *t = m && m->header ? json_string_value(json_object_get(m->header, "msg_id")) : NULL;
  return t ? t : "";
}

/* ---- HMAC-SHA256 ---- */

int jup_sign(const jup_auth *a, const jup_frame *parts, int n, char out[65]) {
  out[0] = '\0';
  if (!a || a->len == 0) return 0;
  static EVP_MAC *mac;   /* fetched once; EVP_MAC objects may be shared between threads */
  static pthread_mutex_t once = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock(&once);
  if (!mac) mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
  pthread_mutex_unlock(&once);
  if (!mac) return -1;
  EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
  if (!ctx) return -1;
  char digest_name[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0), OSSL_PARAM_construct_end()};
  unsigned char md[32];
  size_t mdlen = 0;
  int ok = EVP_MAC_init(ctx, a->key, a->len, params);
  for (int i = 0; ok && i < n; i++) ok = EVP_MAC_update(ctx, parts[i].data, parts[i].len);
  if (ok) ok = EVP_MAC_final(ctx, md, &mdlen, sizeof md);
  EVP_MAC_CTX_free(ctx);
  if (!ok || mdlen != 32) return -1;
  static const char hex[] = "0123456789abcdef";
  for (int i = 0; i < 32; i++) {
    out[2 * i] = hex[md[i] >> 4];
    out[2 * i + 1] = hex[md[i] & 15];
  }
  out[64] = '\0';
  return 0;
}

bool jup_verify(const jup_auth *a, const jup_frame *parts, const unsigned char *sig, size_t siglen) {
  if (!a || a->len == 0) return true;
  if (siglen != 64) return false;   /* checked first: never compare past a short signature */
  char want[65];
  if (jup_sign(a, parts, 4, want) < 0) return false;
  return CRYPTO_memcmp(want, sig, 64) == 0;
}

/* ---- replay protection ---- */

int jup_replay_init(jup_replay *r) {
  memset(r, 0, sizeof *r);
  pthread_mutex_init(&r->lock, NULL);
  r->gen[0] = calloc(JUP_REPLAY_SLOTS, 32);
  r->gen[1] = calloc(JUP_REPLAY_SLOTS, 32);
  return r->gen[0] && r->gen[1] ? 0 : -1;
}

void jup_replay_free(jup_replay *r) {
  free(r->gen[0]);
  free(r->gen[1]);
  r->gen[0] = r->gen[1] = NULL;
  pthread_mutex_destroy(&r->lock);
}

static int hexval(unsigned char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Slot of d in table t: where it is, or the empty slot where it would go. */
static size_t replay_slot(unsigned char (*t)[32], const unsigned char *d) {
  uint64_t h;
  memcpy(&h, d, sizeof h);   /* a digest's bytes are already uniformly distributed */
  size_t i = (size_t)(h % JUP_REPLAY_SLOTS);
  static const unsigned char zero[32];
  while (memcmp(t[i], d, 32) != 0 && memcmp(t[i], zero, 32) != 0) i = (i + 1) % JUP_REPLAY_SLOTS;
  return i;
}

bool jup_replay_check(jup_replay *r, const unsigned char *sig, size_t len) {
  if (!r->gen[0] || len != 64) return true;
  unsigned char d[32];
  for (int i = 0; i < 32; i++) {
    int hi = hexval(sig[2 * i]), lo = hexval(sig[2 * i + 1]);
    if (hi < 0 || lo < 0) return true;   /* not a digest: verification rejects it anyway */
    d[i] = (unsigned char)(hi << 4 | lo);
  }
  static const unsigned char zero[32];
  if (memcmp(d, zero, 32) == 0) d[0] = 1;   /* keep the empty-slot marker unambiguous */
  pthread_mutex_lock(&r->lock);
  bool fresh = true;
  for (int g = 0; g < 2 && fresh; g++)
    if (memcmp(r->gen[g][replay_slot(r->gen[g], d)], d, 32) == 0) fresh = false;
  if (fresh) {
    if (r->count == JUP_REPLAY_KEEP) {   /* the older generation goes */
      unsigned char (*old)[32] = r->gen[1];
      r->gen[1] = r->gen[0];
      memset(old, 0, (size_t)JUP_REPLAY_SLOTS * 32);
      r->gen[0] = old;
      r->count = 0;
    }
    memcpy(r->gen[0][replay_slot(r->gen[0], d)], d, 32);
    r->count++;
  }
  pthread_mutex_unlock(&r->lock);
  return fresh;
}

/* ---- decoding ---- */

static int copy_frame(jup_frame *dst, const jup_frame *src) {
  dst->len = src->len;
  dst->data = malloc(src->len ? src->len : 1);
  if (!dst->data) return -1;
  if (src->len) memcpy(dst->data, src->data, src->len);
  return 0;
}

static json_t *parse_object(const jup_frame *f) {
  json_error_t err;
  /* JSON_REJECT_DUPLICATES is not used: clients never send them and ipykernel accepts them */
  json_t *j = json_loadb((const char *)f->data, f->len, 0, &err);
  if (j && !json_is_object(j)) {
    json_decref(j);
    return NULL;
  }
  return j;
}

jup_wire_err jup_wire_decode(const jup_auth *a, const jup_frame *frames, int n, jup_msg **out) {
  *out = NULL;
  int d = -1;
  for (int i = 0; i < n; i++)
    if (frames[i].len == 9 && memcmp(frames[i].data, JUP_DELIM, 9) == 0) {
      d = i;
      break;
    }
  if (d < 0) return JUP_WIRE_NODELIM;
  if (n - d - 1 < 5) return JUP_WIRE_SHORT;
  const jup_frame *sig = &frames[d + 1], *parts = &frames[d + 2];
  if (!jup_verify(a, parts, sig->data, sig->len)) return JUP_WIRE_BADSIG;
  jup_msg *m = jup_msg_alloc();
  if (!m) return JUP_WIRE_NOMEM;
  m->header = parse_object(&parts[0]);
  m->parent = parse_object(&parts[1]);
  m->metadata = parse_object(&parts[2]);
  m->content = parse_object(&parts[3]);
  if (!m->header || !m->parent || !m->metadata || !m->content) {
    jup_msg_free(m);
    return JUP_WIRE_BADJSON;
  }
  m->nids = d;
  m->nbuffers = n - d - 6;
  m->ids = d ? calloc((size_t)d, sizeof(jup_frame)) : NULL;
  m->buffers = m->nbuffers ? calloc((size_t)m->nbuffers, sizeof(jup_frame)) : NULL;
  if ((d && !m->ids) || (m->nbuffers && !m->buffers)) {
    m->nids = m->nbuffers = 0;
    jup_msg_free(m);
    return JUP_WIRE_NOMEM;
  }
  int bad = 0;
  for (int i = 0; i < d; i++) bad |= copy_frame(&m->ids[i], &frames[i]);
  for (int i = 0; i < m->nbuffers; i++) bad |= copy_frame(&m->buffers[i], &frames[d + 6 + i]);
  if (bad) {
    jup_msg_free(m);
    return JUP_WIRE_NOMEM;
  }
  *out = m;
  return JUP_WIRE_OK;
}

/* ---- encoding ---- */

static int dump_frame(json_t *j, jup_frame *f) {
  /* JSON_ENSURE_ASCII off: UTF-8 passes through; compact separators as jupyter_client */
  char *s = json_dumps(j, JSON_COMPACT);
  if (!s) return -1;
  f->data = (unsigned char *)s;
  f->len = strlen(s);
  return 0;
}

int jup_wire_encode(const jup_auth *a, const jup_msg *m, jup_frame **frames, int *n) {
  int total = m->nids + 6 + m->nbuffers;
  jup_frame *f = calloc((size_t)total, sizeof *f);
  if (!f) return -1;
  int k = 0, bad = 0;
  for (int i = 0; i < m->nids; i++) bad |= copy_frame(&f[k++], &m->ids[i]);
  jup_frame delim = {(unsigned char *)JUP_DELIM, 9};
  bad |= copy_frame(&f[k++], &delim);
  int sig = k++;
  json_t *empty = NULL;
  json_t *parts[4] = {m->header, m->parent, m->metadata, m->content};
  for (int i = 0; i < 4; i++) {
    if (!parts[i]) parts[i] = empty ? empty : (empty = json_object());
    bad |= dump_frame(parts[i], &f[k++]);
  }
  json_decref(empty);
  for (int i = 0; i < m->nbuffers; i++) bad |= copy_frame(&f[k++], &m->buffers[i]);
  char hex[65];
  if (!bad && jup_sign(a, &f[sig + 1], 4, hex) == 0) {
    jup_frame s = {(unsigned char *)hex, strlen(hex)};
    bad |= copy_frame(&f[sig], &s);
  } else {
    bad = 1;
  }
  if (bad) {
    jup_frames_free(f, total);
    return -1;
  }
  *frames = f;
  *n = total;
  return 0;
}
