/*
** kernel/grade/release.c — `ctorch grade --release`: the student version of a teacher's notebook,
** as nbgrader's ClearSolutions + ClearHiddenTests + ClearOutput do it. A line containing
** "BEGIN SOLUTION" starts a region that ends at the line containing "END SOLUTION"; the region is
** replaced by the stub, indented like the BEGIN line. A solution cell without a region becomes the
** stub. Lines from "BEGIN HIDDEN TESTS" to "END HIDDEN TESTS" (inclusive) are removed.
*/
#include <stdlib.h>
#include <string.h>

#include "kernel/grade/grade.h"

static const char code_stub[] = "# YOUR CODE HERE\nraise NotImplementedError()";
static const char text_stub[] = "YOUR ANSWER HERE";

/* ---- a growable string ---- */

typedef struct sbuf {
  char *s;
  size_t n, cap;
  bool oom;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n) {
  if (b->oom) return;
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + n + 1) cap *= 2;
    char *ns = realloc(b->s, cap);
    if (!ns) {
      b->oom = true;
      return;
    }
    b->s = ns;
    b->cap = cap;
  }
  memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = 0;
}

/* The next line of *s: start, length without the "\n", whether a "\n" ended it; advances *s.
   false at the end of the text. */
static bool next_line(const char **s, const char **line, size_t *len, bool *nl) {
  if (!**s) return false;
  const char *e = strchr(*s, '\n');
  *line = *s;
  *len = e ? (size_t)(e - *s) : strlen(*s);
  *nl = e != NULL;
  *s += *len + (e ? 1 : 0);
  return true;
}

static bool line_has(const char *line, size_t len, const char *marker) {
  size_t m = strlen(marker);
  for (size_t i = 0; i + m <= len; i++)
    if (memcmp(line + i, marker, m) == 0) return true;
  return false;
}

char *gr_strip_hidden(const char *src) {
  sbuf b = {0};
  bool hidden = false;
  sb_add(&b, "", 0);
  const char *p = src, *line;
  size_t len;
  bool nl;
  while (next_line(&p, &line, &len, &nl)) {
    if (line_has(line, len, "BEGIN HIDDEN TESTS")) {
      hidden = true;
    } else if (line_has(line, len, "END HIDDEN TESTS")) {
      hidden = false;
    } else if (!hidden) {
      sb_add(&b, line, len + (nl ? 1 : 0));
    }
  }
  /* a cell that ended inside the removed region keeps no trailing newline */
  while (b.n && b.s[b.n - 1] == '\n') b.s[--b.n] = 0;
  if (b.oom) {
    free(b.s);
    return NULL;
  }
  return b.s;
}

/* Replaces solution regions. *replaced tells whether there was one. NULL + err on a bad region. */
static char *clear_solutions(const char *src, const char *stub, bool *replaced, char *err, size_t errcap) {
  sbuf b = {0};
  bool in = false;
  *replaced = false;
  sb_add(&b, "", 0);
  const char *p = src, *line;
  size_t len;
  bool nl;
  while (next_line(&p, &line, &len, &nl)) {
    if (line_has(line, len, "BEGIN SOLUTION")) {
      if (in) {
        snprintf(err, errcap, "nested BEGIN SOLUTION");
        free(b.s);
        return NULL;
      }
      in = *replaced = true;
      size_t ind = 0;
      while (ind < len && (line[ind] == ' ' || line[ind] == '\t')) ind++;
      const char *sp = stub, *sl;
      size_t slen;
      bool snl;
      while (next_line(&sp, &sl, &slen, &snl)) {
        sb_add(&b, line, ind);
        sb_add(&b, sl, slen);
        if (snl) sb_add(&b, "\n", 1);
      }
      if (nl) sb_add(&b, "\n", 1);
    } else if (line_has(line, len, "END SOLUTION")) {
      in = false;
    } else if (!in) {
      sb_add(&b, line, len + (nl ? 1 : 0));
    }
  }
  if (in) {
    snprintf(err, errcap, "BEGIN SOLUTION without END SOLUTION");
    free(b.s);
    return NULL;
  }
  while (b.n && b.s[b.n - 1] == '\n') b.s[--b.n] = 0;
  if (b.oom) {
    free(b.s);
    snprintf(err, errcap, "out of memory");
    return NULL;
  }
  return b.s;
}

/* nbformat's on-disk form of a source: a list of lines, each but the last keeping its "\n". */
static json_t *source_lines(const char *s) {
  json_t *a = json_array();
  const char *p = s, *line;
  size_t len;
  bool nl;
  while (next_line(&p, &line, &len, &nl)) json_array_append_new(a, json_stringn(line, len + (nl ? 1 : 0)));
  return a;
}

int gr_release(const char *src_path, const char *out_path, char *err, size_t errcap) {
  gr_notebook nb;
  char why[400];
  if (gr_notebook_load(src_path, &nb, why, sizeof why) < 0) {
    snprintf(err, errcap, "%s: %s", src_path, why);
    return -1;
  }
  int rc = -1;
  for (int i = 0; i < nb.ncells; i++) {
    gr_cell *c = &nb.cells[i];
    bool code = strcmp(c->type, "code") == 0;
    bool replaced;
    char *text = clear_solutions(c->source, code ? code_stub : text_stub, &replaced, why, sizeof why);
    if (!text) {
      snprintf(err, errcap, "%s: cell %d: %s", src_path, i + 1, why);
      goto done;
    }
    if (replaced && !c->solution) {
      snprintf(err, errcap, "%s: cell %d: a solution region in a cell not marked as a solution cell", src_path, i + 1);
      free(text);
      goto done;
    }
    if (c->solution && !replaced) {
      free(text);
      text = strdup(code ? code_stub : text_stub);
    }
    char *shown = text ? gr_strip_hidden(text) : NULL;
    free(text);
    if (!shown) {
      snprintf(err, errcap, "out of memory");
      goto done;
    }
    json_object_set_new(c->json, "source", source_lines(shown));
    free(shown);
    if (code) {
      json_object_set_new(c->json, "outputs", json_array());
      json_object_set_new(c->json, "execution_count", json_null());
    }
  }
  size_t flags = JSON_INDENT(1);   /* nbformat's own layout */
  if (out_path) {
    if (json_dump_file(nb.root, out_path, flags) < 0) {
      snprintf(err, errcap, "can't write %s", out_path);
      goto done;
    }
  } else {
    if (json_dumpf(nb.root, stdout, flags) < 0) goto done;
    fputc('\n', stdout);
  }
  rc = 0;
done:
  gr_notebook_free(&nb);
  return rc;
}
