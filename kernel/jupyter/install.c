/*
** kernel/jupyter/install.c — `ctorch install [--user | --prefix P] [--name N] [--display-name D]`:
** writes the kernelspec as `jupyter kernelspec install` would place it (system-wide by default in
** /usr/local/share/jupyter/kernels, --user in the Jupyter data dir, --prefix in P/share/jupyter),
** with argv pointing at this executable and the logos built into it (kernel/CMakeLists.txt embeds
** kernelspec/logo-*).
*/
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/jupyter/internal.h"
#include "kernel/jupyter/jup.h"

typedef struct jup_logo { const char *name; const unsigned char *data; size_t len; } jup_logo;
extern const jup_logo jup_logos[];   /* generated: NULL-terminated */

static int mkdirs(const char *path) {
  char buf[PATH_MAX + 256];
  snprintf(buf, sizeof buf, "%s", path);
  for (char *p = buf + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(buf, 0755) < 0 && errno != EEXIST) return -1;
    *p = '/';
  }
  if (mkdir(buf, 0755) < 0 && errno != EEXIST) return -1;
  return 0;
}

static int write_file(const char *dir, const char *name, const void *data, size_t len) {
  char path[PATH_MAX + 512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  size_t w = fwrite(data, 1, len, f);
  int rc = fclose(f);
  return w == len && rc == 0 ? 0 : -1;
}

static int install_usage(void) {
  fprintf(stderr, "usage: ctorch install [--user | --prefix PREFIX] [--name NAME] [--display-name TEXT]\n");
  return 2;
}

int jup_install_main(int argc, char **argv) {
  const char *prefix = NULL, *name = "ctorch", *display = "ctorch (PyTorch-style, C)";
  bool user = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--user") == 0) user = true;
    else if (strcmp(argv[i], "--prefix") == 0 && i + 1 < argc) prefix = argv[++i];
    else if (strncmp(argv[i], "--prefix=", 9) == 0) prefix = argv[i] + 9;
    else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc) name = argv[++i];
    else if (strncmp(argv[i], "--name=", 7) == 0) name = argv[i] + 7;
    else if (strcmp(argv[i], "--display-name") == 0 && i + 1 < argc) display = argv[++i];
    else if (strncmp(argv[i], "--display-name=", 15) == 0) display = argv[i] + 15;
    else return install_usage();
  }
  if (user && prefix) {
    fprintf(stderr, "ctorch install: --user and --prefix are mutually exclusive\n");
    return 2;
  }
  /* kernel names: ASCII letters, digits, '-', '.', '_' (jupyter_client), case-insensitive */
  char lname[128];
  size_t n = strlen(name);
  if (n == 0 || n >= sizeof lname) return install_usage();
  for (size_t i = 0; i <= n; i++) {
    char c = name[i];
    if (c && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')) {
      fprintf(stderr, "ctorch install: invalid kernel name '%s' (letters, digits, '-', '.', '_')\n", name);
      return 2;
    }
    lname[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }

  char base[PATH_MAX];
  if (prefix) {
    snprintf(base, sizeof base, "%s/share/jupyter", prefix);
  } else if (user) {
    const char *d = getenv("JUPYTER_DATA_DIR"), *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    if (d && *d) snprintf(base, sizeof base, "%s", d);
    else if (xdg && *xdg) snprintf(base, sizeof base, "%s/jupyter", xdg);
    else snprintf(base, sizeof base, "%s/.local/share/jupyter", home ? home : ".");
  } else {
    snprintf(base, sizeof base, "/usr/local/share/jupyter");
  }
  char dir[PATH_MAX + 256];
  snprintf(dir, sizeof dir, "%s/kernels/%s", base, lname);

  char exe[PATH_MAX];
  ssize_t el = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (el <= 0) {
    fprintf(stderr, "ctorch install: cannot find this executable's path\n");
    return 1;
  }
  exe[el] = '\0';

  if (mkdirs(dir) < 0) {
    fprintf(stderr, "ctorch install: cannot create %s: %s%s\n", dir, strerror(errno),
            !user && !prefix && errno == EACCES ? " (try --user)" : "");
    return 1;
  }
  json_t *spec = json_pack("{s:[s, s, s, s], s:s, s:s, s:s, s:{s:b}}", "argv", exe, "kernel", "-f", "{connection_file}",
                           "display_name", display, "language", "ctorch", "interrupt_mode", "signal", "metadata",
                           "debugger", 0);
  char *text = spec ? json_dumps(spec, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
  json_decref(spec);
  int rc = text ? write_file(dir, "kernel.json", text, strlen(text)) : -1;
  free(text);
  for (const jup_logo *l = jup_logos; rc == 0 && l->name; l++) rc = write_file(dir, l->name, l->data, l->len);
  if (rc < 0) {
    fprintf(stderr, "ctorch install: cannot write into %s: %s\n", dir, strerror(errno));
    return 1;
  }
  printf("Installed kernelspec %s in %s\n", lname, dir);
  return 0;
}
