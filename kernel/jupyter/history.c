/*
** kernel/jupyter/history.c — the in-memory input history of this kernel process (session 1) for
** history_request: tail (last n), range (line numbers [start, stop)), search (anchored glob, last n,
** unique keeps the most recent of equal inputs), each with or without the cell's text/plain output.
*/
#include <stdlib.h>
#include <string.h>

#include "kernel/jupyter/internal.h"

enum { HIST_SESSION = 1 };

void jup_history_add(jup_history *h, int line, const char *input, const char *output) {
  if (h->n == h->cap) {
    int cap = h->cap ? h->cap * 2 : 64;
    jup_hist_entry *e = realloc(h->e, sizeof *e * (size_t)cap);
    if (!e) return;
    h->e = e;
    h->cap = cap;
  }
  jup_hist_entry *e = &h->e[h->n];
  e->line = line;
  e->input = strdup(input);
  e->output = output ? strdup(output) : NULL;
  if (!e->input) {
    free(e->output);
    return;
  }
  h->n++;
}

void jup_history_free(jup_history *h) {
  for (int i = 0; i < h->n; i++) {
    free(h->e[i].input);
    free(h->e[i].output);
  }
  free(h->e);
  memset(h, 0, sizeof *h);
}

/* Glob as SQLite's GLOB (IPython's history search): '*' any run, '?' one code point, [abc] / [a-z]
   / [^x] classes; the whole string must match. */
bool jup_glob_match(const char *p, const char *s) {
  const char *star_p = NULL, *star_s = NULL;
  while (*s) {
    if (*p == '*') {
      star_p = ++p;
      star_s = s;
      continue;
    }
    bool ok = false;
    const char *np = p + 1;
    size_t clen = 1;
    while ((((unsigned char)s[clen]) & 0xC0) == 0x80) clen++;   /* one code point of s */
    if (*p == '?') {
      ok = true;
    } else if (*p == '[') {
      const char *q = p + 1;
      bool neg = *q == '^';
      if (neg) q++;
      bool in = false;
      bool first = true;
      while (*q && (*q != ']' || first)) {
        if (q[1] == '-' && q[2] && q[2] != ']') {
          if (*s >= q[0] && *s <= q[2]) in = true;
          q += 3;
        } else {
          if (*s == *q) in = true;
          q++;
        }
        first = false;
      }
      if (*q == ']') {
        ok = in != neg;
        np = q + 1;
      } else {
        ok = *s == '[';   /* unterminated class: a literal '[' */
      }
    } else {
      ok = *p && *p == *s;
      clen = 1;
    }
    if (ok) {
      p = np;
      s += clen;
    } else if (star_p) {
      p = star_p;
      s = ++star_s;
    } else {
      return false;
    }
  }
  while (*p == '*') p++;
  return *p == '\0';
}

static json_t *item(const jup_hist_entry *e, bool output) {
  json_t *in = json_string(e->input);
  if (!in) in = json_string("");
  if (output) {
    json_t *out = e->output ? json_string(e->output) : json_null();
    if (!out) out = json_null();
    in = json_pack("[o, o]", in, out);
  }
  return json_pack("[i, i, o]", HIST_SESSION, e->line, in);
}

static int get_int(const json_t *req, const char *key, int dflt) {
  json_t *v = json_object_get(req, key);
  return json_is_integer(v) ? (int)json_integer_value(v) : dflt;
}

json_t *jup_history_reply(const jup_history *h, const json_t *req) {
  const char *type = json_string_value(json_object_get(req, "hist_access_type"));
  bool output = json_is_true(json_object_get(req, "output"));
  json_t *list = json_array();
  if (!type) type = "tail";
  if (strcmp(type, "tail") == 0 || strcmp(type, "search") == 0) {
    bool search = type[0] == 's';
    const char *pat = json_string_value(json_object_get(req, "pattern"));
    bool unique = json_is_true(json_object_get(req, "unique"));
    int n = get_int(req, "n", search ? 0 : 10);
    if (n <= 0) n = search ? h->n : 0;
    /* newest first while collecting, then reversed into chronological order */
    int *pick = malloc(sizeof(int) * (size_t)(h->n ? h->n : 1));
    int npick = 0;
    for (int i = h->n - 1; pick && i >= 0 && npick < n; i--) {
      if (search && pat && !jup_glob_match(pat, h->e[i].input)) continue;
      if (unique) {
        bool dup = false;
        for (int j = 0; j < npick && !dup; j++) dup = strcmp(h->e[pick[j]].input, h->e[i].input) == 0;
        if (dup) continue;
      }
      pick[npick++] = i;
    }
    for (int j = npick - 1; j >= 0; j--) json_array_append_new(list, item(&h->e[pick[j]], output));
    free(pick);
  } else if (strcmp(type, "range") == 0) {
    int session = get_int(req, "session", 0);
    int start = get_int(req, "start", 1), stop = get_int(req, "stop", 0);
    /* session 0 (or negative offsets, and our own number) mean this process */
    if (session <= 0 || session == HIST_SESSION) {
      int last = h->n ? h->e[h->n - 1].line : 0;
      if (stop <= 0) stop = last + 1 + stop;   /* stop 0 / None: to the end */
      for (int i = 0; i < h->n; i++)
        if (h->e[i].line >= start && h->e[i].line < stop) json_array_append_new(list, item(&h->e[i], output));
    }
  }
  return json_pack("{s:s, s:o}", "status", "ok", "history", list);
}
