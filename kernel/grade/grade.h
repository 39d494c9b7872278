/*
** kernel/grade/grade.h — `ctorch grade`: classroom grading of nbgrader-format notebooks.
** notebook.c reads nbformat 4 (Jansson) and nbgrader cell metadata; release.c writes the student
** version; plan.c matches a submission against the teacher's source; sandbox.c starts one worker
** process with limits; worker.c is that process (cells run in-process through the lang API);
** grade.c schedules the workers and collects their results; report.c prints the table, JSON and
** JUnit XML. Not a Jupyter client: the worker never speaks ZeroMQ.
*/
#ifndef CT_GRADE_GRADE_H
#define CT_GRADE_GRADE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include <jansson.h>

/* ---- notebooks (notebook.c) ---- */

typedef struct gr_cell {
  char *type;        /* "code", "markdown", "raw" */
  char *source;      /* joined source text (malloc'd) */
  bool grade;        /* nbgrader.grade: worth points */
  bool solution;     /* nbgrader.solution: the student writes it */
  bool locked;       /* nbgrader.locked: read-only, restored from the source when grading */
  double points;     /* nbgrader.points (0 when absent) */
  char *grade_id;    /* nbgrader.grade_id or NULL */
  json_t *json;      /* the cell object inside the notebook (borrowed) */
} gr_cell;

typedef struct gr_notebook {
  json_t *root;      /* the whole document (owned) */
  gr_cell *cells;
  int ncells;
  const char *kernel_name;   /* metadata.kernelspec.name or NULL (borrowed from root) */
  const char *language;      /* metadata.kernelspec.language, else language_info.name, or NULL */
} gr_notebook;

/* Loads an nbformat-4 notebook. 0, or -1 with a one-line reason in err ("line 3 column 5: ..."). */
int gr_notebook_load(const char *path, gr_notebook *nb, char *err, size_t errcap);
void gr_notebook_free(gr_notebook *nb);
/* An autograder test: a code cell with grade = true and solution = false. */
bool gr_cell_is_test(const gr_cell *c);
/* NULL when the notebook is for ctorch (or says nothing), else a malloc'd reason. */
char *gr_notebook_kernel_problem(const gr_notebook *nb);

/* ---- release (release.c) ---- */

/* The student version of a source notebook: solution regions replaced by the stub, hidden tests
   removed, outputs cleared. Writes to out_path (NULL: stdout). 0, or -1 with err. */
int gr_release(const char *src_path, const char *out_path, char *err, size_t errcap);
/* Text with "### BEGIN/END HIDDEN TESTS" regions removed (malloc'd). */
char *gr_strip_hidden(const char *src);

/* ---- grading plan (plan.c) ---- */

typedef struct gr_test {
  const char *grade_id;   /* borrowed from the source notebook */
  double points;          /* from the source's metadata (a submission cannot change it) */
  const char *code;       /* the source version, hidden tests included */
} gr_test;

typedef struct gr_assignment {
  gr_notebook nb;
  gr_test *tests;
  int ntests;
  double max_score;
} gr_assignment;

int gr_assignment_load(const char *path, gr_assignment *a, char *err, size_t errcap);
void gr_assignment_free(gr_assignment *a);

typedef struct gr_step {
  const char *code;       /* text to run (borrowed) */
  int test;               /* index into the assignment's tests, or -1 for a student cell */
  int cell;               /* index of the cell in the submission */
} gr_step;

typedef struct gr_plan {
  gr_step *steps;
  int nsteps;
  int *test_step;         /* per test: its step, or -1 when the submission lacks the cell */
} gr_plan;

/* The cells to run for a submission: its code cells in order, test cells (and locked cells) taken
   from the source by grade_id. 0 / -1 on out-of-memory. */
int gr_plan_build(const gr_assignment *a, const gr_notebook *sub, gr_plan *p);
void gr_plan_free(gr_plan *p);
/* The plan as the worker reads it: {"cells": [{"code": ..., "name": "Cell In[3]"}, ...]}. */
char *gr_plan_json(const gr_plan *p);

/* ---- results ---- */

typedef enum gr_test_status {
  GR_PASS, GR_FAIL, GR_ERROR, GR_TIMEOUT, GR_NOT_RUN, GR_MISSING
} gr_test_status;

typedef struct gr_test_result {
  gr_test_status status;
  double score;
  double time_s;
  char *ename;            /* exception type, or NULL */
  char *message;          /* "AssertionError: add(2, 3) should be 5" etc., or NULL */
  char *traceback;        /* or NULL */
} gr_test_result;

typedef struct gr_cell_error {
  int cell;               /* submission cell index */
  char *ename, *evalue;
} gr_cell_error;

typedef enum gr_sub_status {
  GR_SUB_OK,              /* every cell ran (some may have failed) */
  GR_SUB_TIMEOUT,         /* a cell ignored the interrupt and the worker was killed */
  GR_SUB_CRASHED,         /* the worker died of a signal or exited without finishing */
  GR_SUB_MALFORMED,       /* the file is not a readable notebook */
  GR_SUB_WRONG_KERNEL,    /* a notebook for another kernel */
  GR_SUB_INTERNAL         /* the grader could not run it (fork failed ...) */
} gr_sub_status;

typedef struct gr_submission {
  char *path;             /* as found */
  char *name;             /* shown in reports (path relative to the directory given) */
  gr_sub_status status;
  char *message;          /* one line for the non-OK statuses, or NULL */
  double score, time_s;
  long max_rss_kb;        /* the worker's peak resident memory */
  bool netns;             /* the worker ran in its own (empty) network namespace */
  gr_test_result *tests;  /* one per assignment test */
  gr_cell_error *errors;  /* errors in student cells */
  int nerrors;
  char *stderr_tail;      /* the worker's own stderr when it crashed, or NULL */
} gr_submission;

void gr_submission_free(gr_submission *s, int ntests);
const char *gr_test_status_name(gr_test_status s);
const char *gr_sub_status_name(gr_sub_status s);

/* ---- limits and workers (sandbox.c) ---- */

typedef struct gr_limits {
  double timeout_s;       /* per cell: SIGINT (KeyboardInterrupt) then SIGKILL after a grace */
  long memory_mb;         /* RLIMIT_AS of the worker */
  int ncells;             /* for RLIMIT_CPU: timeout_s * (ncells + 1) */
} gr_limits;

typedef struct gr_worker {
  pid_t pid;
  int events_fd;          /* read end of the worker's fd 3 */
  bool netns;
} gr_worker;

/* Starts `ctorch grade --worker` (exe) in workdir with the plan on its stdin and its stderr in
   log_path. 0, or -1 with err. */
int gr_worker_spawn(const char *exe, const char *plan_json, const char *workdir, const char *log_path,
                    const gr_limits *lim, gr_worker *w, char *err, size_t errcap);

/* ---- the worker process (worker.c) ---- */

int gr_worker_main(int argc, char **argv);

/* ---- reports (report.c) ---- */

typedef struct gr_run {
  const char *source;     /* the assignment's path */
  const gr_assignment *a;
  gr_submission *subs;
  int nsubs;
  int jobs;
  double timeout_s;
  long memory_mb;
  double elapsed_s;
  long grader_rss_kb;     /* the grader's own peak resident memory */
} gr_run;

void gr_report_table(const gr_run *r, FILE *f);
int gr_report_json(const gr_run *r, const char *path);
int gr_report_junit(const gr_run *r, const char *path);

/* ---- helpers (notebook.c) ---- */

/* s with invalid UTF-8 replaced by U+FFFD and at most max bytes (cut at a character boundary,
   "..." appended when cut). malloc'd. */
char *gr_utf8_clean(const char *s, size_t n, size_t max);

/* ---- entry point (grade.c) ---- */

int gr_main(int argc, char **argv);

#endif /* CT_GRADE_GRADE_H */
