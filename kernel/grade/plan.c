/*
** kernel/grade/plan.c — what to run for one submission. The teacher's source notebook defines the
** tests (autograder test cells: grade_id, points, code with hidden tests). A submission runs its own
** code cells in order, except that a cell whose grade_id names a test or a locked cell of the source
** runs the source's version: students cannot edit tests, points or read-only cells.
*/
#include <stdlib.h>
#include <string.h>

#include "kernel/grade/grade.h"

int gr_assignment_load(const char *path, gr_assignment *a, char *err, size_t errcap) {
  memset(a, 0, sizeof *a);
  char why[400];
  if (gr_notebook_load(path, &a->nb, why, sizeof why) < 0) {
    snprintf(err, errcap, "%s: %s", path, why);
    return -1;
  }
  a->tests = calloc(a->nb.ncells ? a->nb.ncells : 1, sizeof *a->tests);
  if (!a->tests) {
    snprintf(err, errcap, "out of memory");
    goto fail;
  }
  for (int i = 0; i < a->nb.ncells; i++) {
    gr_cell *c = &a->nb.cells[i];
    if (!gr_cell_is_test(c)) continue;
    if (!c->grade_id) {
      snprintf(err, errcap, "%s: cell %d is an autograder test without a grade_id", path, i + 1);
      goto fail;
    }
    for (int j = 0; j < a->ntests; j++)
      if (strcmp(a->tests[j].grade_id, c->grade_id) == 0) {
        snprintf(err, errcap, "%s: grade_id '%s' is used by two cells", path, c->grade_id);
        goto fail;
      }
    gr_test *t = &a->tests[a->ntests++];
    t->grade_id = c->grade_id;
    t->points = c->points;
    t->code = c->source;
    a->max_score += c->points;
  }
  if (a->ntests == 0) {
    snprintf(err, errcap, "%s: no autograder test cells (code cells with nbgrader grade: true, solution: false)", path);
    goto fail;
  }
  return 0;
fail:
  gr_assignment_free(a);
  return -1;
}

void gr_assignment_free(gr_assignment *a) {
  gr_notebook_free(&a->nb);
  free(a->tests);
  memset(a, 0, sizeof *a);
}

/* The source cell with this grade_id that the grader restores (a test or a locked cell), or NULL. */
static const gr_cell *source_cell(const gr_assignment *a, const char *grade_id) {
  if (!grade_id) return NULL;
  for (int i = 0; i < a->nb.ncells; i++) {
    const gr_cell *c = &a->nb.cells[i];
    if (c->grade_id && strcmp(c->grade_id, grade_id) == 0 && strcmp(c->type, "code") == 0 &&
        (gr_cell_is_test(c) || (c->locked && !c->solution)))
      return c;
  }
  return NULL;
}

int gr_plan_build(const gr_assignment *a, const gr_notebook *sub, gr_plan *p) {
  memset(p, 0, sizeof *p);
  p->steps = calloc(sub->ncells ? sub->ncells : 1, sizeof *p->steps);
  p->test_step = malloc((a->ntests ? a->ntests : 1) * sizeof *p->test_step);
  if (!p->steps || !p->test_step) {
    gr_plan_free(p);
    return -1;
  }
  for (int t = 0; t < a->ntests; t++) p->test_step[t] = -1;
  for (int i = 0; i < sub->ncells; i++) {
    const gr_cell *c = &sub->cells[i];
    if (strcmp(c->type, "code") != 0) continue;
    const gr_cell *src = source_cell(a, c->grade_id);
    gr_step *s = &p->steps[p->nsteps];
    s->code = src ? src->source : c->source;
    s->cell = i;
    s->test = -1;
    if (src && gr_cell_is_test(src))
      for (int t = 0; t < a->ntests; t++)
        if (strcmp(a->tests[t].grade_id, src->grade_id) == 0) {
          if (p->test_step[t] >= 0) {   /* a duplicated test cell runs once */
            src = NULL;
            s = NULL;
            break;
          }
          s->test = t;
          p->test_step[t] = p->nsteps;
        }
    if (s) p->nsteps++;
  }
  return 0;
}

void gr_plan_free(gr_plan *p) {
  free(p->steps);
  free(p->test_step);
  memset(p, 0, sizeof *p);
}

char *gr_plan_json(const gr_plan *p) {
  json_t *cells = json_array();
  for (int i = 0; i < p->nsteps; i++) {
    char name[32];
    snprintf(name, sizeof name, "Cell In[%d]", i + 1);
    json_array_append_new(cells, json_pack("{s:s, s:s, s:b}", "code", p->steps[i].code, "name", name, "test",
                                           p->steps[i].test >= 0));
  }
  json_t *root = json_pack("{s:o}", "cells", cells);
  char *s = root ? json_dumps(root, JSON_COMPACT) : NULL;
  json_decref(root);
  return s;
}
