/*
** kernel/grade/report.c — the results of `ctorch grade`: a table on the terminal (one row per
** submission, one column per test, then the failure messages), a JSON file (the whole result;
** layout in README "Grading") and JUnit XML (one <testsuite> per submission, one <testcase> per
** test, <failure> for a failed assertion, <error> for anything else, <skipped> for tests not run).
*/
#include <stdlib.h>
#include <string.h>

#include "kernel/grade/grade.h"

/* ---- terminal table ---- */

static const char *mark(const gr_test_result *r, double points, char *buf, size_t cap) {
  switch (r->status) {
  case GR_PASS:
    if (r->score < points) {
      snprintf(buf, cap, "%g", r->score);
      return buf;
    }
    return "ok";
  case GR_FAIL: return "FAIL";
  case GR_ERROR: return "ERROR";
  case GR_TIMEOUT: return "TIME";
  case GR_MISSING: return "MISS";
  case GR_NOT_RUN: return "-";
  }
  return "?";
}

/* The first line of s, at most max bytes (UTF-8 boundaries kept). */
static void first_line(const char *s, size_t max, char *out, size_t cap) {
  size_t n = strcspn(s ? s : "", "\n");
  char *c = gr_utf8_clean(s ? s : "", n, max < cap - 4 ? max : cap - 4);
  snprintf(out, cap, "%s", c ? c : "");
  free(c);
}

void gr_report_table(const gr_run *r, FILE *f) {
  const gr_assignment *a = r->a;
  int namew = 10;
  for (int i = 0; i < r->nsubs; i++) {
    int n = (int)strlen(r->subs[i].name);
    if (n > namew) namew = n;
  }
  if (namew > 40) namew = 40;
  fprintf(f, "%-*s %9s", namew, "submission", "score");
  for (int t = 0; t < a->ntests; t++) fprintf(f, "  %-5s", a->tests[t].grade_id);
  fprintf(f, "  %7s  %s\n", "time", "result");
  double total = 0;
  int graded = 0;
  for (int i = 0; i < r->nsubs; i++) {
    const gr_submission *s = &r->subs[i];
    char score[32], m[32], msg[200];
    snprintf(score, sizeof score, "%g/%g", s->score, a->max_score);
    size_t len = strlen(s->name);
    const char *shown = len > (size_t)namew ? s->name + len - namew : s->name;   /* keep the file name's end */
    fprintf(f, "%-*s %9s", namew, shown, score);
    for (int t = 0; t < a->ntests; t++) {
      int w = (int)strlen(a->tests[t].grade_id);
      fprintf(f, "  %-*s", w < 5 ? 5 : w, mark(&s->tests[t], a->tests[t].points, m, sizeof m));
    }
    first_line(s->message, 100, msg, sizeof msg);
    fprintf(f, "  %6.2fs  %s%s%s\n", s->time_s, gr_sub_status_name(s->status), s->message ? ": " : "", msg);
    total += s->score;
    graded++;
  }
  bool header = false;
  for (int i = 0; i < r->nsubs; i++) {
    const gr_submission *s = &r->subs[i];
    if (s->status == GR_SUB_MALFORMED || s->status == GR_SUB_WRONG_KERNEL) continue;   /* said above */
    for (int t = 0; t < a->ntests; t++) {
      const gr_test_result *tr = &s->tests[t];
      if (tr->status == GR_PASS || tr->status == GR_NOT_RUN || !tr->message) continue;
      if (!header) fprintf(f, "\nfailed tests:\n"), header = true;
      char msg[240];
      first_line(tr->message, 200, msg, sizeof msg);
      fprintf(f, "  %s  %s (0/%g): %s\n", s->name, a->tests[t].grade_id, a->tests[t].points, msg);
    }
  }
  header = false;
  for (int i = 0; i < r->nsubs; i++) {
    const gr_submission *s = &r->subs[i];
    for (int e = 0; e < s->nerrors; e++) {
      if (!header) fprintf(f, "\nerrors in student cells:\n"), header = true;
      char msg[240];
      first_line(s->errors[e].evalue, 200, msg, sizeof msg);
      fprintf(f, "  %s  cell %d: %s%s%s\n", s->name, s->errors[e].cell + 1, s->errors[e].ename, *msg ? ": " : "", msg);
    }
  }
  double rate = r->elapsed_s > 0 ? r->nsubs / r->elapsed_s : 0;
  fprintf(f, "\n%d submission%s graded in %.2f s (%.1f/s, %d job%s); mean score %.2f/%g\n", r->nsubs,
          r->nsubs == 1 ? "" : "s", r->elapsed_s, rate, r->jobs, r->jobs == 1 ? "" : "s",
          graded ? total / graded : 0.0, a->max_score);
}

/* ---- JSON ---- */

static json_t *jstr_or_null(const char *s) {
  if (!s) return json_null();
  char *c = gr_utf8_clean(s, strlen(s), 1 << 20);
  json_t *j = c ? json_string(c) : NULL;
  free(c);
  return j ? j : json_null();
}

int gr_report_json(const gr_run *r, const char *path) {
  const gr_assignment *a = r->a;
  json_t *tests = json_array();
  for (int t = 0; t < a->ntests; t++)
    json_array_append_new(tests, json_pack("{s:s, s:f}", "grade_id", a->tests[t].grade_id, "points", a->tests[t].points));
  json_t *subs = json_array();
  for (int i = 0; i < r->nsubs; i++) {
    const gr_submission *s = &r->subs[i];
    json_t *ts = json_array(), *errs = json_array();
    for (int t = 0; t < a->ntests; t++) {
      const gr_test_result *tr = &s->tests[t];
      json_array_append_new(ts, json_pack("{s:s, s:s, s:f, s:f, s:o, s:o, s:o, s:f}", "grade_id", a->tests[t].grade_id,
                                          "status", gr_test_status_name(tr->status), "score", tr->score, "points",
                                          a->tests[t].points, "ename", jstr_or_null(tr->ename), "message",
                                          jstr_or_null(tr->message), "traceback", jstr_or_null(tr->traceback),
                                          "time_s", tr->time_s));
    }
    for (int e = 0; e < s->nerrors; e++)
      json_array_append_new(errs, json_pack("{s:i, s:o, s:o}", "cell", s->errors[e].cell + 1, "ename",
                                            jstr_or_null(s->errors[e].ename), "evalue", jstr_or_null(s->errors[e].evalue)));
    json_array_append_new(
        subs, json_pack("{s:o, s:o, s:s, s:o, s:f, s:f, s:f, s:I, s:b, s:o, s:o, s:o}", "name", jstr_or_null(s->name),
                        "path", jstr_or_null(s->path), "status", gr_sub_status_name(s->status), "message",
                        jstr_or_null(s->message), "score", s->score, "max_score", a->max_score, "time_s", s->time_s,
                        "max_rss_kb", (json_int_t)s->max_rss_kb, "network_isolated", s->netns, "tests", ts,
                        "cell_errors", errs, "stderr", jstr_or_null(s->stderr_tail)));
  }
  json_t *root = json_pack("{s:o, s:o, s:f, s:{s:i, s:f, s:I}, s:o, s:f, s:f, s:I}", "assignment",
                           jstr_or_null(r->source), "tests", tests, "max_score", a->max_score, "limits",
                           "jobs", r->jobs, "timeout_s", r->timeout_s, "memory_mb", (json_int_t)r->memory_mb,
                           "submissions", subs, "elapsed_s", r->elapsed_s, "submissions_per_s",
                           r->elapsed_s > 0 ? r->nsubs / r->elapsed_s : 0.0, "grader_max_rss_kb",
                           (json_int_t)r->grader_rss_kb);
  if (!root) return -1;
  int rc = json_dump_file(root, path, JSON_INDENT(1)) < 0 ? -1 : 0;
  json_decref(root);
  return rc;
}

/* ---- JUnit XML ---- */

/* XML text: markup characters escaped, characters XML 1.0 forbids (most C0 controls) dropped;
   newlines kept in element text, written as &#10; in attributes (attr). */
static void xml_put(FILE *f, const char *s, bool attr) {
  if (!s) return;
  char *c = gr_utf8_clean(s, strlen(s), 1 << 20);
  for (const unsigned char *p = (const unsigned char *)(c ? c : ""); *p; p++) {
    switch (*p) {
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '&': fputs("&amp;", f); break;
    case '"': fputs("&quot;", f); break;
    case '\n': fputs(attr ? "&#10;" : "\n", f); break;
    case '\t': fputc('\t', f); break;
    case '\r': fputs("&#13;", f); break;
    default:
      if (*p >= 0x20) fputc(*p, f);
    }
  }
  free(c);
}

static void xml_text(FILE *f, const char *s) { xml_put(f, s, true); }
static void xml_body(FILE *f, const char *s) { xml_put(f, s, false); }

int gr_report_junit(const gr_run *r, const char *path) {
  const gr_assignment *a = r->a;
  FILE *f = fopen(path, "w");
  if (!f) return -1;
  int total = 0, failures = 0, errors = 0, skipped = 0;
  for (int i = 0; i < r->nsubs; i++)
    for (int t = 0; t < a->ntests; t++) {
      gr_test_status st = r->subs[i].tests[t].status;
      total++;
      failures += st == GR_FAIL;
      errors += st == GR_ERROR || st == GR_TIMEOUT || st == GR_MISSING;
      skipped += st == GR_NOT_RUN;
    }
  fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  fprintf(f, "<testsuites name=\"ctorch grade\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">\n",
          total, failures, errors, skipped, r->elapsed_s);
  for (int i = 0; i < r->nsubs; i++) {
    const gr_submission *s = &r->subs[i];
    int sf = 0, se = 0, ss = 0;
    for (int t = 0; t < a->ntests; t++) {
      gr_test_status st = s->tests[t].status;
      sf += st == GR_FAIL;
      se += st == GR_ERROR || st == GR_TIMEOUT || st == GR_MISSING;
      ss += st == GR_NOT_RUN;
    }
    fprintf(f, "  <testsuite name=\"");
    xml_text(f, s->name);
    fprintf(f, "\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">\n", a->ntests, sf, se, ss,
            s->time_s);
    fprintf(f, "    <properties>\n");
    fprintf(f, "      <property name=\"status\" value=\"%s\"/>\n", gr_sub_status_name(s->status));
    fprintf(f, "      <property name=\"score\" value=\"%g\"/>\n", s->score);
    fprintf(f, "      <property name=\"max_score\" value=\"%g\"/>\n", a->max_score);
    if (s->message) {
      fprintf(f, "      <property name=\"message\" value=\"");
      xml_text(f, s->message);
      fprintf(f, "\"/>\n");
    }
    fprintf(f, "    </properties>\n");
    for (int t = 0; t < a->ntests; t++) {
      const gr_test_result *tr = &s->tests[t];
      fprintf(f, "    <testcase classname=\"");
      xml_text(f, s->name);
      fprintf(f, "\" name=\"");
      xml_text(f, a->tests[t].grade_id);
      fprintf(f, "\" time=\"%.3f\"", tr->time_s);
      if (tr->status == GR_PASS) {
        fprintf(f, "/>\n");
        continue;
      }
      const char *tag = tr->status == GR_FAIL ? "failure" : tr->status == GR_NOT_RUN ? "skipped" : "error";
      fprintf(f, ">\n      <%s message=\"", tag);
      xml_text(f, tr->message);
      fprintf(f, "\"");
      if (tr->status != GR_NOT_RUN) {
        fprintf(f, " type=\"");
        xml_text(f, tr->ename ? tr->ename : gr_test_status_name(tr->status));
        fprintf(f, "\"");
      }
      if (tr->traceback && *tr->traceback) {
        fprintf(f, ">");
        xml_body(f, tr->traceback);
        fprintf(f, "</%s>\n", tag);
      } else {
        fprintf(f, "/>\n");
      }
      fprintf(f, "    </testcase>\n");
    }
    if (s->stderr_tail) {
      fprintf(f, "    <system-err>");
      xml_body(f, s->stderr_tail);
      fprintf(f, "</system-err>\n");
    }
    fprintf(f, "  </testsuite>\n");
  }
  fprintf(f, "</testsuites>\n");
  return fclose(f) == 0 ? 0 : -1;
}
