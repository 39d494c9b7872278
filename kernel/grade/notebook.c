/*
** kernel/grade/notebook.c — reading nbformat-4 notebooks (Jansson) and nbgrader's cell metadata
** (metadata.nbgrader: grade, solution, locked, points, grade_id). A file that is not such a
** notebook is an error with a one-line reason, never a crash.
*/
#include <stdlib.h>
#include <string.h>

#include "kernel/grade/grade.h"

/* ---- UTF-8 ---- */

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  size_t len;
  unsigned min;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) len = 2, min = 0x80;
  else if (c >= 0xe0 && c <= 0xef) len = 3, min = 0x800;
  else if (c >= 0xf0 && c <= 0xf4) len = 4, min = 0x10000;
  else return 0;
  if (n < len) return 0;
  unsigned cp = c & (0xff >> (len + 1));
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    cp = cp << 6 | (s[i] & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return len;
}

char *gr_utf8_clean(const char *s, size_t n, size_t max) {
  const unsigned char *u = (const unsigned char *)s;
  size_t cap = (n < max ? n : max) * 3 + 8, o = 0;
  char *out = malloc(cap);
  if (!out) return NULL;
  size_t i = 0;
  while (i < n) {
    size_t k = utf8_seq(u + i, n - i);
    size_t w = k ? k : 3;
    if (o + w > max) {
      memcpy(out + o, "...", 3);
      o += 3;
      break;
    }
    if (k) memcpy(out + o, s + i, k), i += k;
    else memcpy(out + o, "\xef\xbf\xbd", 3), i++;
    o += w;
  }
  out[o] = 0;
  return out;
}

/* ---- cells ---- */

/* nbformat's multiline string: a string or a list of strings. NULL when it is neither. */
static char *join_source(json_t *src) {
  if (json_is_string(src)) return strdup(json_string_value(src));
  if (!json_is_array(src)) return NULL;
  size_t n = 0, i;
  json_t *v;
  json_array_foreach(src, i, v) {
    if (!json_is_string(v)) return NULL;
    n += json_string_length(v);
  }
  char *out = malloc(n + 1), *p = out;
  if (!out) return NULL;
  json_array_foreach(src, i, v) {
    memcpy(p, json_string_value(v), json_string_length(v));
    p += json_string_length(v);
  }
  *p = 0;
  return out;
}

static bool get_bool(json_t *obj, const char *key) {
  json_t *v = json_object_get(obj, key);
  return json_is_true(v);
}

static double get_points(json_t *obj) {
  json_t *v = json_object_get(obj, "points");
  if (json_is_number(v)) return json_number_value(v);
  if (json_is_string(v)) return strtod(json_string_value(v), NULL);
  return 0;
}

bool gr_cell_is_test(const gr_cell *c) {
  return c->grade && !c->solution && strcmp(c->type, "code") == 0;
}

/* ---- notebooks ---- */

int gr_notebook_load(const char *path, gr_notebook *nb, char *err, size_t errcap) {
  memset(nb, 0, sizeof *nb);
  json_error_t je;
  nb->root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
  if (!nb->root) {
    if (je.line > 0) snprintf(err, errcap, "not valid JSON: line %d column %d: %s", je.line, je.column, je.text);
    else snprintf(err, errcap, "%s", je.text);
    return -1;
  }
  json_t *cells = json_object_get(nb->root, "cells");
  json_t *fmt = json_object_get(nb->root, "nbformat");
  if (!json_is_object(nb->root) || !json_is_array(cells)) {
    snprintf(err, errcap, "not a notebook: no \"cells\" list%s",
             json_is_integer(fmt) && json_integer_value(fmt) < 4 ? " (nbformat < 4 is not supported)" : "");
    goto fail;
  }
  if (json_is_integer(fmt) && json_integer_value(fmt) != 4) {
    snprintf(err, errcap, "nbformat %lld is not supported (4 is)", (long long)json_integer_value(fmt));
    goto fail;
  }
  json_t *meta = json_object_get(nb->root, "metadata");
  json_t *ks = json_object_get(meta, "kernelspec");
  json_t *v = json_object_get(ks, "name");
  if (json_is_string(v)) nb->kernel_name = json_string_value(v);
  v = json_object_get(ks, "language");
  if (!json_is_string(v)) v = json_object_get(json_object_get(meta, "language_info"), "name");
  if (json_is_string(v)) nb->language = json_string_value(v);

  size_t n = json_array_size(cells);
  nb->cells = calloc(n ? n : 1, sizeof *nb->cells);
  if (!nb->cells) {
    snprintf(err, errcap, "out of memory");
    goto fail;
  }
  for (size_t i = 0; i < n; i++) {
    json_t *cj = json_array_get(cells, i);
    json_t *type = json_object_get(cj, "cell_type");
    if (!json_is_object(cj) || !json_is_string(type)) {
      snprintf(err, errcap, "cell %zu has no cell_type", i + 1);
      goto fail;
    }
    gr_cell *c = &nb->cells[nb->ncells++];
    c->json = cj;
    c->type = strdup(json_string_value(type));
    c->source = join_source(json_object_get(cj, "source"));
    if (!c->type || !c->source) {
      snprintf(err, errcap, "cell %zu: \"source\" is not a string or a list of strings", i + 1);
      goto fail;
    }
    json_t *g = json_object_get(json_object_get(cj, "metadata"), "nbgrader");
    if (json_is_object(g)) {
      c->grade = get_bool(g, "grade");
      c->solution = get_bool(g, "solution");
      c->locked = get_bool(g, "locked");
      c->points = get_points(g);
      json_t *id = json_object_get(g, "grade_id");
      if (json_is_string(id) && json_string_length(id)) c->grade_id = strdup(json_string_value(id));
    }
  }
  return 0;
fail:
  gr_notebook_free(nb);
  return -1;
}

void gr_notebook_free(gr_notebook *nb) {
  for (int i = 0; i < nb->ncells; i++) {
    free(nb->cells[i].type);
    free(nb->cells[i].source);
    free(nb->cells[i].grade_id);
  }
  free(nb->cells);
  json_decref(nb->root);
  memset(nb, 0, sizeof *nb);
}

char *gr_notebook_kernel_problem(const gr_notebook *nb) {
  const char *k = nb->kernel_name, *l = nb->language;
  /* a kernelspec of another name is still ours when its language is ctorch (a dev install) */
  bool ours = (k && strcmp(k, "ctorch") == 0) || (l && strcmp(l, "ctorch") == 0) || (!k && !l);
  if (ours) return NULL;
  char buf[512];
  snprintf(buf, sizeof buf, "notebook is for kernel '%s'%s%s%s, not ctorch", k ? k : "?", l ? " (language " : "",
           l ? l : "", l ? ")" : "");
  return strdup(buf);
}
