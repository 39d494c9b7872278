/*
** tests/fuzz/notebook.c — fuzz target: the grader's notebook handling (kernel/grade/notebook.c,
** plan.c, release.c). The input is a notebook file (JSON). It is loaded as a submission (cells,
** nbgrader metadata, kernelspec check), as the teacher's source (tests by grade_id), the grading plan of
** the notebook against itself is built and serialised, and the student version is written to
** /dev/null (solution regions, hidden tests). The input goes through a memfd, so the readers open it by
** path (/proc/self/fd/N) as they open real notebooks.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kernel/grade/grade.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 20) return 0;
  int fd = memfd_create("fuzz-notebook", MFD_CLOEXEC);
  if (fd < 0) return 0;
  size_t off = 0;
  while (off < size) {
    ssize_t w = write(fd, data + off, size - off);
    if (w <= 0) break;
    off += (size_t)w;
  }
  char path[64];
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  char err[512];
  gr_notebook nb;
  if (gr_notebook_load(path, &nb, err, sizeof err) == 0) {
    char *why = gr_notebook_kernel_problem(&nb);
    free(why);
    for (int i = 0; i < nb.ncells; i++) {
      (void)gr_cell_is_test(&nb.cells[i]);
      char *s = gr_strip_hidden(nb.cells[i].source);
      free(s);
    }
    gr_assignment a;
    if (gr_assignment_load(path, &a, err, sizeof err) == 0) {
      gr_plan p;
      if (gr_plan_build(&a, &nb, &p) == 0) {
        char *j = gr_plan_json(&p);
        free(j);
        gr_plan_free(&p);
      }
      gr_assignment_free(&a);
    }
    gr_notebook_free(&nb);
  }
  gr_release(path, "/dev/null", err, sizeof err);
  close(fd);
  return 0;
}
