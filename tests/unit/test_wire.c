/*
** tests/unit/test_wire.c — the Jupyter wire format (kernel/jupyter/wire.c, session.c): HMAC-SHA256
** against fixed vectors (tests/kernel/gen_hmac_vectors.py, Python's hmac module), framing with
** identities and buffers, and every way a message is rejected: no <IDS|MSG>, too few frames, a wrong,
** short, long or uppercase signature, bad JSON, non-UTF-8 JSON, a JSON array for a dict.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/jupyter/internal.h"
#include "tests/check.h"

#define F(s) ((jup_frame){(unsigned char *)(s), sizeof(s) - 1})

static jup_auth auth_of(const char *key) { return (jup_auth){(unsigned char *)key, strlen(key)}; }

/* ---- HMAC vectors ---- */

static void test_sign_vectors(void) {
  struct { const char *key; jup_frame parts[4]; const char *hex; } v[] = {
    {"Jefe", {F("what do ya"), F(" want "), F("for nothing"), F("?")},
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
    {"a0436f6c-1916-498b-8eb9-e81ab9368e84",
     {F("{\"msg_id\":\"m1\",\"session\":\"s1\",\"username\":\"u\",\"date\":\"2025-01-01T00:00:00.000000Z\","
        "\"msg_type\":\"kernel_info_request\",\"version\":\"5.3\"}"),
      F("{}"), F("{}"), F("{}")},
     "8bc5657f458d3a4625b6338a4f1ee2e296327ef43412da156f99109f6a836c5d"},
    {"cl\xc3\xa9-\xc3\xbc", {F("{\"a\":\"\xc3\xa9\"}"), F("{}"), F("{}"), F("{\"code\":\"print(1)\"}")},
     "d3678155abbc55be973e7a7936e20699734b9ecbe6237a3b172abfede75e6f84"},
    {"k", {F(""), F(""), F(""), F("")}, "8bb990c40a7d61cb97597a942125025be50ac8beb74436e3735b98893a7f6620"},
  };
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
    jup_auth a = auth_of(v[i].key);
    char hex[65];
    CHECK(jup_sign(&a, v[i].parts, 4, hex) == 0);
    CHECK_STR(hex, v[i].hex);
    CHECK(jup_verify(&a, v[i].parts, (const unsigned char *)v[i].hex, 64));
  }
  /* no key: no signature, and anything verifies (authentication disabled) */
  jup_auth none = {NULL, 0};
  char hex[65] = "x";
  CHECK(jup_sign(&none, v[0].parts, 4, hex) == 0 && hex[0] == '\0');
  CHECK(jup_verify(&none, v[0].parts, (const unsigned char *)"", 0));
}

static void test_verify_rejects(void) {
  jup_auth a = auth_of("Jefe");
  jup_frame parts[4] = {F("what do ya"), F(" want "), F("for nothing"), F("?")};
  const char *good = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  char bad[80];
  snprintf(bad, sizeof bad, "%s", good);
  bad[10] = bad[10] == '0' ? '1' : '0';
  CHECK(!jup_verify(&a, parts, (const unsigned char *)bad, 64));
  CHECK(!jup_verify(&a, parts, (const unsigned char *)good, 63));            /* short: never over-read */
  snprintf(bad, sizeof bad, "%s00", good);
  CHECK(!jup_verify(&a, parts, (const unsigned char *)bad, 66));             /* long */
  CHECK(!jup_verify(&a, parts, (const unsigned char *)"", 0));               /* missing */
  snprintf(bad, sizeof bad, "%s", good);
  for (char *p = bad; *p; p++)
    if (*p >= 'a' && *p <= 'f') *p = (char)(*p - 'a' + 'A');
  CHECK(!jup_verify(&a, parts, (const unsigned char *)bad, 64));             /* hex digests are lowercase */
  jup_frame other[4] = {F("what do ya"), F(" want "), F("for nothing"), F("!")};
  CHECK(!jup_verify(&a, other, (const unsigned char *)good, 64));
}

/* ---- framing ---- */

/* Frames of a message signed with key (signature computed here by jup_sign). */
static int make_frames(const char *key, jup_frame *out, const char *ids[], int nids, const char *parts[4],
                       const char *bufs[], int nbufs) {
  int n = 0;
  for (int i = 0; i < nids; i++) out[n++] = (jup_frame){(unsigned char *)ids[i], strlen(ids[i])};
  out[n++] = F(JUP_DELIM);
  static char sig[65];
  int sigix = n++;
  for (int i = 0; i < 4; i++) out[n++] = (jup_frame){(unsigned char *)parts[i], strlen(parts[i])};
  jup_auth a = auth_of(key);
  jup_sign(&a, &out[sigix + 1], 4, sig);
  out[sigix] = (jup_frame){(unsigned char *)sig, strlen(sig)};
  for (int i = 0; i < nbufs; i++) out[n++] = (jup_frame){(unsigned char *)bufs[i], strlen(bufs[i])};
  return n;
}

static const char *HDR = "{\"msg_id\":\"abc\",\"session\":\"s\",\"username\":\"u\",\"date\":\"2025-01-01T00:00:00Z\","
                         "\"msg_type\":\"execute_request\",\"version\":\"5.3\"}";

static void test_decode_ok(void) {
  const char *ids[] = {"client-1", "\x00\x01route"};
  const char *parts[4] = {HDR, "{}", "{\"m\":1}", "{\"code\":\"print('h\xc3\xa9')\",\"silent\":false}"};
  const char *bufs[] = {"binary-0", "b1"};
  jup_frame f[16];
  int n = make_frames("key", f, ids, 2, parts, bufs, 2);
  f[1].len = 7;   /* an identity with a NUL byte */
  jup_auth a = auth_of("key");
  jup_msg *m = NULL;
  CHECK(jup_wire_decode(&a, f, n, &m) == JUP_WIRE_OK);
  if (!m) return;
  CHECK(m->nids == 2 && m->ids[0].len == 8 && memcmp(m->ids[0].data, "client-1", 8) == 0);
  CHECK(m->ids[1].len == 7 && memcmp(m->ids[1].data, "\x00\x01route", 7) == 0);
  CHECK_STR(jup_msg_type(m), "execute_request");
  CHECK_STR(jup_msg_id(m), "abc");
  CHECK(json_integer_value(json_object_get(m->metadata, "m")) == 1);
  CHECK_STR(json_string_value(json_object_get(m->content, "code")), "print('h\xc3\xa9')");
  CHECK(m->nbuffers == 2 && m->buffers[1].len == 2 && memcmp(m->buffers[1].data, "b1", 2) == 0);

  /* re-encode: the same ids, a valid signature over what is sent, the buffers after the content */
  jup_frame *g;
  int gn;
  CHECK(jup_wire_encode(&a, m, &g, &gn) == 0);
  CHECK(gn == n);
  CHECK(g[2].len == 9 && memcmp(g[2].data, JUP_DELIM, 9) == 0);
  CHECK(g[3].len == 64 && jup_verify(&a, &g[4], g[3].data, g[3].len));
  CHECK(g[9].len == 2 && memcmp(g[9].data, "b1", 2) == 0);
  jup_msg *m2 = NULL;
  CHECK(jup_wire_decode(&a, g, gn, &m2) == JUP_WIRE_OK);
  CHECK(m2 && json_equal(m2->content, m->content) && json_equal(m2->header, m->header));
  jup_msg_free(m2);
  jup_frames_free(g, gn);
  jup_msg_free(m);
}

static void test_decode_errors(void) {
  jup_auth a = auth_of("key");
  const char *parts[4] = {HDR, "{}", "{}", "{}"};
  jup_frame f[16];
  jup_msg *m = (jup_msg *)1;

  /* no delimiter */
  jup_frame nodelim[5] = {F("id"), F("sig"), F("{}"), F("{}"), F("{}")};
  CHECK(jup_wire_decode(&a, nodelim, 5, &m) == JUP_WIRE_NODELIM && m == NULL);
  CHECK(jup_wire_decode(&a, nodelim, 0, &m) == JUP_WIRE_NODELIM);
  jup_frame almost[2] = {F("<IDS|MSG"), F("<IDS|MSG>x")};
  CHECK(jup_wire_decode(&a, almost, 2, &m) == JUP_WIRE_NODELIM);

  /* too few frames after it */
  int n = make_frames("key", f, NULL, 0, parts, NULL, 0);
  CHECK(jup_wire_decode(&a, f, n - 1, &m) == JUP_WIRE_SHORT);

  /* a signature made with another key, or tampered content */
  n = make_frames("other", f, NULL, 0, parts, NULL, 0);
  CHECK(jup_wire_decode(&a, f, n, &m) == JUP_WIRE_BADSIG);
  n = make_frames("key", f, NULL, 0, parts, NULL, 0);
  f[5] = F("{\"code\":\"evil\"}");
  CHECK(jup_wire_decode(&a, f, n, &m) == JUP_WIRE_BADSIG);
  /* unsigned message to a kernel with a key */
  n = make_frames("key", f, NULL, 0, parts, NULL, 0);
  f[1] = F("");
  CHECK(jup_wire_decode(&a, f, n, &m) == JUP_WIRE_BADSIG);

  /* signed but not JSON objects */
  const char *badjson[][4] = {
    {HDR, "{}", "{}", "{\"code\": "},                  /* truncated */
    {HDR, "{}", "{}", "[1, 2]"},                       /* not an object */
    {HDR, "{}", "{}", "{\"code\":\"\xff\xfe\"}"},       /* not UTF-8 */
    {"", "{}", "{}", "{}"},                            /* empty header */
  };
  for (int i = 0; i < 4; i++) {
    n = make_frames("key", f, NULL, 0, badjson[i], NULL, 0);
    m = (jup_msg *)1;
    CHECK_MSG(jup_wire_decode(&a, f, n, &m) == JUP_WIRE_BADJSON && m == NULL, "case %d", i);
  }

  /* authentication off: any signature, also none */
  jup_auth none = {NULL, 0};
  n = make_frames("whatever", f, NULL, 0, parts, NULL, 0);
  CHECK(jup_wire_decode(&none, f, n, &m) == JUP_WIRE_OK);
  jup_msg_free(m);
  for (int e = JUP_WIRE_OK; e <= JUP_WIRE_NOMEM; e++) CHECK(strlen(jup_wire_strerror((jup_wire_err)e)) > 0);
}

/* Random damage to a valid message: decoding never crashes or leaks, and a message that still decodes
   was not changed in its signed parts (only the unsigned identity frame may differ). */
static void test_decode_mutations(void) {
  jup_auth a = auth_of("key");
  const char *ids[] = {"id"};
  const char *parts[4] = {HDR, "{}", "{\"m\":[1,2,3]}", "{\"code\":\"print('x')\"}"};
  jup_frame f[16];
  uint32_t seed = 12345;
  int ok = 0, rejected = 0;
  for (int round = 0; round < 3000; round++) {
    int n = make_frames("key", f, ids, 1, parts, NULL, 0);
    unsigned char copies[8][512];
    for (int i = 0; i < n; i++) {
      memcpy(copies[i], f[i].data, f[i].len);
      f[i].data = copies[i];
    }
    int edits = 1 + round % 3;
    for (int e = 0; e < edits; e++) {
      seed = seed * 1103515245u + 12345u;
      int which = (int)((seed >> 16) % (unsigned)n);
      seed = seed * 1103515245u + 12345u;
      if (f[which].len == 0) continue;
      size_t at = (seed >> 8) % f[which].len;
      seed = seed * 1103515245u + 12345u;
      switch ((seed >> 20) % 3) {
      case 0: f[which].data[at] ^= (unsigned char)(1 + (seed & 0x7f)); break;   /* flip bits */
      case 1: f[which].len = at; break;                                         /* truncate */
      default: n = which + 1; break;                                            /* drop frames */
      }
    }
    jup_msg *m = NULL;
    jup_wire_err err = jup_wire_decode(&a, f, n, &m);
    if (err == JUP_WIRE_OK) {
      ok++;
      CHECK_STR(json_string_value(json_object_get(m->content, "code")), "print('x')");
      CHECK_STR(jup_msg_type(m), "execute_request");
      jup_msg_free(m);
    } else {
      rejected++;
      CHECK(m == NULL);
    }
  }
  CHECK(rejected > 2500);   /* almost every change breaks the signature or the framing */
  (void)ok;
}

static void test_replay(void) {
  jup_replay r;
  CHECK(jup_replay_init(&r) == 0);
  char sig[65];
  jup_auth a = auth_of("k");
  /* many distinct signatures pass once, and again only after two generations have gone by */
  for (int i = 0; i < 3 * JUP_REPLAY_KEEP; i++) {
    char body[32];
    int n = snprintf(body, sizeof body, "{\"i\":%d}", i);
    jup_frame parts[4] = {{(unsigned char *)body, (size_t)n}, F("{}"), F("{}"), F("{}")};
    jup_sign(&a, parts, 4, sig);
    CHECK(jup_replay_check(&r, (unsigned char *)sig, 64));
    if (i % 1000 == 7) CHECK(!jup_replay_check(&r, (unsigned char *)sig, 64));   /* replayed at once */
  }
  jup_frame parts[4] = {F("{\"i\":0}"), F("{}"), F("{}"), F("{}")};
  jup_sign(&a, parts, 4, sig);
  CHECK(jup_replay_check(&r, (unsigned char *)sig, 64));   /* forgotten: 3 generations ago */
  CHECK(!jup_replay_check(&r, (unsigned char *)sig, 64));
  CHECK(jup_replay_check(&r, (unsigned char *)"short", 5));   /* not a digest: left to verification */
  jup_replay_free(&r);
}

/* ---- session: headers, dates, replies ---- */

static void test_session(void) {
  jup_session s;
  jup_session_init(&s, "key", 3);
  CHECK(strlen(s.id) == 36 && s.id[14] == '4');   /* uuid4 */
  char date[48];
  jup_now_iso(date);
  CHECK(strlen(date) == 27 && date[10] == 'T' && date[26] == 'Z');

  jup_msg *req = jup_msg_new(&s, "kernel_info_request", NULL, NULL);
  CHECK(req && json_object_size(req->parent) == 0);
  CHECK_STR(json_string_value(json_object_get(req->header, "version")), "5.3");
  CHECK_STR(json_string_value(json_object_get(req->header, "session")), s.id);
  req->nids = 1;
  req->ids = calloc(1, sizeof(jup_frame));
  req->ids[0].data = (unsigned char *)strdup("route");
  req->ids[0].len = 5;
  jup_msg *rep = jup_msg_reply(&s, req, "kernel_info_reply", json_pack("{s:s}", "status", "ok"));
  CHECK(rep && rep->nids == 1 && rep->ids[0].len == 5 && memcmp(rep->ids[0].data, "route", 5) == 0);
  CHECK(json_equal(rep->parent, req->header));
  CHECK(strcmp(jup_msg_id(rep), jup_msg_id(req)) != 0);
  /* a reply signed by us verifies with our key */
  jup_frame *f;
  int n;
  CHECK(jup_wire_encode(&s.auth, rep, &f, &n) == 0);
  jup_msg *back = NULL;
  CHECK(jup_wire_decode(&s.auth, f, n, &back) == JUP_WIRE_OK);
  CHECK(back && json_equal(back->content, rep->content));
  jup_msg_free(back);
  jup_frames_free(f, n);
  jup_msg_free(rep);
  jup_msg_free(req);
  jup_session_free(&s);
}

static const check_test tests[] = {
  {"sign_vectors", test_sign_vectors},
  {"verify_rejects", test_verify_rejects},
  {"decode_ok", test_decode_ok},
  {"decode_errors", test_decode_errors},
  {"decode_mutations", test_decode_mutations},
  {"replay", test_replay},
  {"session", test_session},
  {NULL, NULL}
};

int main(int argc, char **argv) { return check_run(tests, argc, argv); }
