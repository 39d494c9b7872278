/*
** tests/fuzz/replay.c — the replay driver: runs a fuzz target's LLVMFuzzerTestOneInput on each file
** named on the command line, or on every file of each directory named (the committed seed corpus
** tests/fuzz/corpus/TARGET and the crash reproducers kept there). Built with gcc in every build, so
** the corpora are regression tests even where clang and libFuzzer are absent.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/fuzz/fuzz.h"

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv) { return 0; }

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "replay: cannot open %s\n", path);
    return -1;
  }
  size_t cap = 4096, n = 0;
  unsigned char *buf = malloc(cap);
  for (;;) {
    if (!buf) break;
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (n < cap) break;
    unsigned char *nb = realloc(buf, cap * 2);
    if (!nb) {
      free(buf);
      buf = NULL;
      break;
    }
    buf = nb;
    cap *= 2;
  }
  fclose(f);
  if (!buf) return -1;
  /* an exact-size copy, so ASan sees reads one past the input as libFuzzer would */
  unsigned char *exact = malloc(n ? n : 1);
  if (!exact) {
    free(buf);
    return -1;
  }
  memcpy(exact, buf, n);
  free(buf);
  LLVMFuzzerTestOneInput(exact, n);
  free(exact);
  return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
  LLVMFuzzerInitialize(&argc, &argv);
  int files = 0, bad = 0;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0) {
      fprintf(stderr, "replay: no such file or directory: %s\n", argv[i]);
      bad++;
      continue;
    }
    if (!S_ISDIR(st.st_mode)) {
      bad += run_file(argv[i]) < 0;
      files++;
      continue;
    }
    DIR *d = opendir(argv[i]);
    if (!d) {
      bad++;
      continue;
    }
    char **names = NULL;
    int n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d));) {
      if (e->d_name[0] == '.') continue;
      if (n == cap) {
        cap = cap ? 2 * cap : 64;
        char **nn = realloc(names, sizeof *names * (size_t)cap);
        if (!nn) break;
        names = nn;
      }
      names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);   /* a fixed order: failures reproduce */
    for (int k = 0; k < n; k++) {
      size_t len = strlen(argv[i]) + strlen(names[k]) + 2;
      char *p = malloc(len);
      if (p) {
        snprintf(p, len, "%s/%s", argv[i], names[k]);
        bad += run_file(p) < 0;
        files++;
      }
      free(p);
      free(names[k]);
    }
    free(names);
  }
  printf("replay: %d inputs%s\n", files, bad ? ", some unreadable" : "");
  return bad || files == 0 ? 1 : 0;
}
