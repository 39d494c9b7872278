/*
** kernel/jupyter/session.c — message identity: the session id (one uuid per kernel process, so clients
** notice restarts), msg_ids, ISO-8601 dates with a timezone, headers, and new messages/replies.
*/
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <uuid/uuid.h>

#include "kernel/jupyter/internal.h"

void jup_uuid(char out[37]) {
  uuid_t u;
  uuid_generate_random(u);
  uuid_unparse_lower(u, out);
}

void jup_now_iso(char out[48]) {
  struct timeval tv;
  gettimeofday(&tv, NULL);
  struct tm tm;
  time_t t = tv.tv_sec;
  gmtime_r(&t, &tm);
  snprintf(out, 48, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
           tm.tm_min, tm.tm_sec, (long)tv.tv_usec);
}

double jup_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void jup_session_init(jup_session *s, const char *key, size_t keylen) {
  memset(s, 0, sizeof *s);
  jup_uuid(s->id);
  const char *user = getenv("USER");
  if (!user) {
    struct passwd *pw = getpwuid(getuid());
    user = pw ? pw->pw_name : "ctorch";
  }
  snprintf(s->username, sizeof s->username, "%s", user);
  if (key && keylen) {
    s->auth.key = malloc(keylen);
    if (s->auth.key) {
      memcpy(s->auth.key, key, keylen);
      s->auth.len = keylen;
    }
  }
}

void jup_session_free(jup_session *s) {
  if (s->auth.key) OPENSSL_cleanse(s->auth.key, s->auth.len);
  free(s->auth.key);
  s->auth.key = NULL;
  s->auth.len = 0;
}

static json_t *header_new(const jup_session *s, const char *type) {
  char id[37], date[48];
  jup_uuid(id);
  jup_now_iso(date);
  return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "msg_id", id, "session", s->id, "username", s->username, "date",
                   date, "msg_type", type, "version", JUP_PROTOCOL_VERSION);
}

jup_msg *jup_msg_new(const jup_session *s, const char *type, const jup_msg *parent, json_t *content) {
  jup_msg *m = jup_msg_alloc();
  if (!m) {
    json_decref(content);
    return NULL;
  }
  m->header = header_new(s, type);
  m->parent = parent && parent->header ? json_incref(parent->header) : json_object();
  m->metadata = json_object();
  m->content = content ? content : json_object();
  if (!m->header || !m->parent || !m->metadata || !m->content) {
    jup_msg_free(m);
    return NULL;
  }
  return m;
}

jup_msg *jup_msg_reply(const jup_session *s, const jup_msg *req, const char *type, json_t *content) {
  jup_msg *m = jup_msg_new(s, type, req, content);
  if (!m || !req->nids) return m;
  m->ids = calloc((size_t)req->nids, sizeof(jup_frame));
  if (!m->ids) {
    jup_msg_free(m);
    return NULL;
  }
  for (int i = 0; i < req->nids; i++) {
    m->ids[i].data = malloc(req->ids[i].len ? req->ids[i].len : 1);
    if (!m->ids[i].data) {
      m->nids = i;
      jup_msg_free(m);
      return NULL;
    }
    memcpy(m->ids[i].data, req->ids[i].data, req->ids[i].len);
    m->ids[i].len = req->ids[i].len;
  }
  m->nids = req->nids;
  return m;
}
