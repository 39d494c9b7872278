/*
** kernel/grade/sandbox.c — starting one grading worker: a fresh process of this executable
** (`ctorch grade --worker`) in its own process group and working directory, with a clean
** environment, its plan on stdin (a memfd: never a file the student's code could open), its events
** on fd 3, its stderr in a log file, and limits: RLIMIT_AS (--memory), RLIMIT_CPU (a backstop for the
** grader's wall clock), RLIMIT_FSIZE, RLIMIT_NOFILE, no core files. The network is cut by a new
** network namespace when the system lets an unprivileged process have one (unshare(CLONE_NEWNET),
** else CLONE_NEWUSER | CLONE_NEWNET); without it the language itself has no sockets, no shell, and
** opens files only by relative paths below its working directory (and datasets under
** /usr/share/datasets/).
*/
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/grade/grade.h"

enum { FSIZE_MB = 256, NOFILE = 64 };

/* A readable fd holding text, positioned at 0, that no path names. -1 on failure. */
static int text_fd(const char *text) {
  int fd = memfd_create("ctorch-grade-plan", MFD_CLOEXEC);
  if (fd < 0) {
    char tmpl[] = "/tmp/ctorch-grade-plan-XXXXXX";
    fd = mkostemp(tmpl, O_CLOEXEC);
    if (fd < 0) return -1;
    unlink(tmpl);
  }
  size_t n = strlen(text), off = 0;
  while (off < n) {
    ssize_t w = write(fd, text + off, n - off);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      close(fd);
      return -1;
    }
    off += (size_t)w;
  }
  lseek(fd, 0, SEEK_SET);
  return fd;
}

/* fd moved to 10 or above (close-on-exec), so the child's dup2 onto 0..3 never clobbers it. */
static int high_fd(int fd) {
  if (fd < 0 || fd >= 10) return fd;
  int h = fcntl(fd, F_DUPFD_CLOEXEC, 10);
  close(fd);
  return h;
}

/* Writes s to path (the child's uid/gid maps). */
static bool write_proc(const char *path, const char *s) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = write(fd, s, strlen(s)) == (ssize_t)strlen(s);
  close(fd);
  return ok;
}

/* In the child: an empty network namespace. A user namespace maps our own uid/gid onto themselves,
   so files the worker creates in its directory still belong to the teacher. */
static bool cut_network(uid_t uid, gid_t gid) {
  if (unshare(CLONE_NEWNET) == 0) return true;
  if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) return false;
  char map[64];
  write_proc("/proc/self/setgroups", "deny");
  snprintf(map, sizeof map, "%u %u 1\n", (unsigned)uid, (unsigned)uid);
  write_proc("/proc/self/uid_map", map);
  snprintf(map, sizeof map, "%u %u 1\n", (unsigned)gid, (unsigned)gid);
  write_proc("/proc/self/gid_map", map);
  return true;
}

static void set_limit(int res, rlim_t soft, rlim_t hard) {
  struct rlimit r = {soft, hard};
  setrlimit(res, &r);
}

/* In the child after fork, before exec: only async-signal-safe calls and plain stores. */
static void child_fail(const char *what) {
  char buf[256];
  int n = snprintf(buf, sizeof buf, "{\"fatal\": \"%s: %s\"}\n", what, strerror(errno));
  if (n > 0) (void)!write(3, buf, (size_t)n);
  _exit(127);
}

int gr_worker_spawn(const char *exe, const char *plan_json, const char *workdir, const char *log_path,
                    const gr_limits *lim, gr_worker *w, char *err, size_t errcap) {
  memset(w, 0, sizeof *w);
  int plan = text_fd(plan_json);
  int ev[2] = {-1, -1};
  int log = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (pipe2(ev, O_CLOEXEC) == 0) {
    ev[0] = high_fd(ev[0]);
    ev[1] = high_fd(ev[1]);
  }
  plan = high_fd(plan);
  log = high_fd(log);
  if (plan < 0 || log < 0 || ev[0] < 0 || ev[1] < 0) {
    snprintf(err, errcap, "can't set up the worker: %s", strerror(errno));
    if (plan >= 0) close(plan);
    if (log >= 0) close(log);
    if (ev[0] >= 0) close(ev[0]);
    if (ev[1] >= 0) close(ev[1]);
    return -1;
  }
  /* everything the child needs is prepared here: after fork it only makes system calls */
  char env_home[4200], env_tmp[4200];
  snprintf(env_home, sizeof env_home, "HOME=%s", workdir);
  snprintf(env_tmp, sizeof env_tmp, "TMPDIR=%s", workdir);
  char *envp[] = {"OMP_NUM_THREADS=1", "OPENBLAS_NUM_THREADS=1", "LANG=C.UTF-8", "PATH=/usr/bin:/bin",
                  env_home, env_tmp, "CTORCH_GRADE_WORKER=1", NULL};
  char *argv_net[] = {"ctorch", "grade", "--worker", "--netns", NULL};
  char *argv_plain[] = {"ctorch", "grade", "--worker", NULL};
  uid_t uid = getuid();
  gid_t gid = getgid();
  rlim_t as = (rlim_t)lim->memory_mb << 20;
  rlim_t cpu = (rlim_t)(lim->timeout_s * (lim->ncells + 1)) + 10;

  pid_t pid = fork();
  if (pid < 0) {
    snprintf(err, errcap, "fork: %s", strerror(errno));
    close(plan), close(log), close(ev[0]), close(ev[1]);
    return -1;
  }
  if (pid == 0) {
    setpgid(0, 0);
    signal(SIGINT, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    if (dup2(ev[1], 3) < 0) _exit(127);
    bool netns = cut_network(uid, gid);
    if (dup2(plan, 0) < 0 || dup2(log, 1) < 0 || dup2(log, 2) < 0) child_fail("dup2");
    for (int fd = 4; fd < 1024; fd++) close(fd);
    if (chdir(workdir) < 0) child_fail("chdir");
    if (lim->memory_mb > 0) set_limit(RLIMIT_AS, as, as);
    set_limit(RLIMIT_CPU, cpu, cpu + 5);
    set_limit(RLIMIT_CORE, 0, 0);
    set_limit(RLIMIT_FSIZE, (rlim_t)FSIZE_MB << 20, (rlim_t)FSIZE_MB << 20);
    set_limit(RLIMIT_NOFILE, NOFILE, NOFILE);
    execve(exe, netns ? argv_net : argv_plain, envp);
    child_fail("exec");
  }
  setpgid(pid, pid);   /* also from here: no race with the first kill */
  close(plan);
  close(log);
  close(ev[1]);
  fcntl(ev[0], F_SETFL, fcntl(ev[0], F_GETFL) | O_NONBLOCK);
  w->pid = pid;
  w->events_fd = ev[0];
  return 0;
}
