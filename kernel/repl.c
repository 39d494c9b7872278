/*
** kernel/repl.c — the interactive `ctorch` prompt: ">>> " and "... " continuation prompts, a small
** line editor on terminals (arrows, Home/End, backspace, history, Ctrl-A/E/K/U/L/C/D), plain line
** reading otherwise. Each complete statement runs in __main__ and echoes its value as CPython does.
*/
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "kernel/lang/lang.h"

#define HISTORY_MAX 500
#define LINE_MAX_BYTES 16384

static char *history[HISTORY_MAX];
static int nhistory;
static lang_vm *repl_vm;

static void write_out(void *ctx, int stream, const char *s, size_t n) {
  FILE *f = stream == 2 ? stderr : stdout;
  if (stream == 2) fflush(stdout);
  if (n) fwrite(s, 1, n, f);
  fflush(f);
}

static void on_sigint(int sig) {
  (void)sig;
  if (repl_vm) lang_interrupt(repl_vm);
}

static void history_add(const char *line) {
  if (!*line) return;
  if (nhistory && strcmp(history[nhistory - 1], line) == 0) return;
  if (nhistory == HISTORY_MAX) {
    free(history[0]);
    memmove(history, history + 1, sizeof(char *) * (HISTORY_MAX - 1));
    nhistory--;
  }
  history[nhistory++] = strdup(line);
}

/* Number of display columns of the UTF-8 prefix buf[0..n) (wide CJK characters count two). */
static int columns(const char *buf, int n) {
  int cols = 0;
  for (int i = 0; i < n;) {
    unsigned char c = (unsigned char)buf[i];
    int len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    cols += len == 3 ? 2 : 1;   /* most 3-byte characters in notebooks are CJK: double width */
    i += len;
  }
  return cols;
}

static void refresh(const char *prompt, const char *buf, int len, int pos) {
  char seq[64];
  fputs("\r", stdout);
  fputs(prompt, stdout);
  fwrite(buf, 1, (size_t)len, stdout);
  fputs("\x1b[0K", stdout);
  int back = columns(buf, len) - columns(buf, pos);
  if (back > 0) {
    snprintf(seq, sizeof seq, "\x1b[%dD", back);
    fputs(seq, stdout);
  }
  fflush(stdout);
}

static int char_len_before(const char *buf, int pos) {
  int k = pos - 1;
  while (k > 0 && ((unsigned char)buf[k] & 0xC0) == 0x80) k--;
  return pos - k;
}

static int char_len_at(const char *buf, int pos, int len) {
  int k = pos + 1;
  while (k < len && ((unsigned char)buf[k] & 0xC0) == 0x80) k++;
  return k - pos;
}

/* Reads one line with editing. Returns a malloc'd line, NULL on EOF; *interrupted on Ctrl-C. */
static char *edit_line(const char *prompt, bool *interrupted) {
  struct termios orig, raw;
  *interrupted = false;
  if (tcgetattr(STDIN_FILENO, &orig) < 0) return NULL;
  raw = orig;
  raw.c_iflag &= ~(unsigned)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
  raw.c_cflag |= CS8;
  raw.c_lflag &= ~(unsigned)(ECHO | ICANON | IEXTEN | ISIG);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);
  char buf[LINE_MAX_BYTES];
  int len = 0, pos = 0, hist = nhistory;
  char *saved = NULL;
  fputs(prompt, stdout);
  fflush(stdout);
  char *result = NULL;
  for (;;) {
    unsigned char c;
    ssize_t r = read(STDIN_FILENO, &c, 1);
    if (r <= 0) break;
    if (c == '\r' || c == '\n') {
      buf[len] = '\0';
      result = strdup(buf);
      break;
    }
    if (c == 3) {   /* Ctrl-C */
      *interrupted = true;
      break;
    }
    if (c == 4) {   /* Ctrl-D: EOF on an empty line, else delete */
      if (len == 0) break;
      if (pos < len) {
        int n = char_len_at(buf, pos, len);
        memmove(buf + pos, buf + pos + n, (size_t)(len - pos - n));
        len -= n;
      }
    } else if (c == 127 || c == 8) {
      if (pos > 0) {
        int n = char_len_before(buf, pos);
        memmove(buf + pos - n, buf + pos, (size_t)(len - pos));
        pos -= n;
        len -= n;
      }
    } else if (c == 1) pos = 0;
    else if (c == 5) pos = len;
    else if (c == 11) len = pos;
    else if (c == 21) {
      memmove(buf, buf + pos, (size_t)(len - pos));
      len -= pos;
      pos = 0;
    } else if (c == 12) {
      fputs("\x1b[H\x1b[2J", stdout);
    } else if (c == 27) {
      unsigned char s[2];
      if (read(STDIN_FILENO, &s[0], 1) <= 0 || read(STDIN_FILENO, &s[1], 1) <= 0) continue;
      if (s[0] != '[') continue;
      if (s[1] >= '0' && s[1] <= '9') {
        unsigned char t;
        if (read(STDIN_FILENO, &t, 1) <= 0) continue;
        if (t == '~' && s[1] == '3' && pos < len) {   /* Delete */
          int n = char_len_at(buf, pos, len);
          memmove(buf + pos, buf + pos + n, (size_t)(len - pos - n));
          len -= n;
        } else if (t == '~' && (s[1] == '1' || s[1] == '7')) pos = 0;
        else if (t == '~' && (s[1] == '4' || s[1] == '8')) pos = len;
      } else if (s[1] == 'D' && pos > 0) pos -= char_len_before(buf, pos);
      else if (s[1] == 'C' && pos < len) pos += char_len_at(buf, pos, len);
      else if (s[1] == 'H') pos = 0;
      else if (s[1] == 'F') pos = len;
      else if (s[1] == 'A' || s[1] == 'B') {
        if (hist == nhistory) {
          buf[len] = '\0';
          free(saved);
          saved = strdup(buf);
        }
        if (s[1] == 'A' && hist > 0) hist--;
        else if (s[1] == 'B' && hist < nhistory) hist++;
        const char *h = hist == nhistory ? (saved ? saved : "") : history[hist];
        len = (int)strlen(h);
        if (len >= LINE_MAX_BYTES) len = LINE_MAX_BYTES - 1;
        memcpy(buf, h, (size_t)len);
        pos = len;
      }
    } else if (c == '\t') {
      /* indentation, as in CPython's REPL without completion */
      for (int k = 0; k < 4 && len < LINE_MAX_BYTES - 1; k++) {
        memmove(buf + pos + 1, buf + pos, (size_t)(len - pos));
        buf[pos++] = ' ';
        len++;
      }
    } else if (c >= 32 && len < LINE_MAX_BYTES - 1) {
      memmove(buf + pos + 1, buf + pos, (size_t)(len - pos));
      buf[pos++] = (char)c;
      len++;
    }
    refresh(prompt, buf, len, pos);
  }
  free(saved);
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &orig);
  fputs("\n", stdout);
  fflush(stdout);
  return result;
}

static char *plain_line(const char *prompt) {
  fputs(prompt, stdout);
  fflush(stdout);
  char buf[LINE_MAX_BYTES];
  if (!fgets(buf, sizeof buf, stdin)) return NULL;
  size_t n = strlen(buf);
  if (n && buf[n - 1] == '\n') buf[--n] = '\0';
  return strdup(buf);
}

int repl_main(void) {
  char *argv0[] = {""};
  lang_vm *vm = lang_vm_new(1, argv0);
  if (!vm) {
    fprintf(stderr, "ctorch: out of memory\n");
    return 1;
  }
  lang_set_output(vm, write_out, NULL);
  repl_vm = vm;
  signal(SIGINT, on_sigint);
  bool tty = isatty(STDIN_FILENO);
  if (!tty) {
    /* as CPython: a non-interactive stdin is read whole and run as the script "<stdin>" */
    size_t cap = 1 << 16, n = 0;
    char *all = malloc(cap);
    for (size_t got; all && (got = fread(all + n, 1, cap - n, stdin)) > 0;) {
      n += got;
      if (n == cap) {
        char *p = realloc(all, cap *= 2);
        if (!p) free(all);
        all = p;
      }
    }
    int rc = 1;
    if (all) {
      int exit_code = 0;
      lang_status st = lang_run(vm, all, n, "<stdin>", LANG_RUN_FILE, NULL, &exit_code);
      rc = st == LANG_OK ? 0 : st == LANG_EXIT ? exit_code : 1;
      if (st == LANG_ERROR || st == LANG_SYNTAX) {
        fflush(stdout);
        fputs(lang_last_traceback(vm), stderr);
      }
      free(all);
    }
    repl_vm = NULL;
    lang_vm_free(vm);
    return rc;
  }
  printf("ctorch %s (Python 3.11 language, PyTorch 1.13 tensors)\nType \"exit()\" or Ctrl-D to leave.\n", CTORCH_VERSION);
  char *src = NULL;
  size_t srclen = 0;
  int rc = 0;
  for (;;) {
    const char *prompt = src ? "... " : ">>> ";
    bool interrupted = false;
    char *line = tty ? edit_line(prompt, &interrupted) : plain_line(prompt);
    if (interrupted) {
      fputs("KeyboardInterrupt\n", stdout);
      free(src);
      src = NULL;
      srclen = 0;
      continue;
    }
    if (!line) {
      if (tty) fputs("\n", stdout);
      break;
    }
    if (tty) history_add(line);
    size_t ln = strlen(line);
    char *ns = realloc(src, srclen + ln + 2);
    if (!ns) {
      free(line);
      break;
    }
    src = ns;
    memcpy(src + srclen, line, ln);
    srclen += ln;
    src[srclen++] = '\n';
    src[srclen] = '\0';
    bool blank = ln == 0 || strspn(line, " \t") == ln;
    free(line);
    const char *state = lang_is_complete(src, srclen);
    /* a compound statement ends with an empty line; otherwise run as soon as it parses */
    bool compound = strchr(src, '\n') != src + srclen - 1;
    if (strcmp(state, "incomplete") == 0 || (compound && !blank && strcmp(state, "complete") == 0 &&
                                             (src[0] == ' ' || srclen > 0))) {
      const char *first_nl = strchr(src, '\n');
      bool header = first_nl && first_nl > src && first_nl[-1] == ':';
      if (strcmp(state, "incomplete") == 0 || header) continue;
    }
    if (srclen == 1) {   /* empty line */
      free(src);
      src = NULL;
      srclen = 0;
      continue;
    }
    int exit_code = 0;
    lang_status st = lang_run(vm, src, srclen, "<stdin>", LANG_RUN_SINGLE, NULL, &exit_code);
    free(src);
    src = NULL;
    srclen = 0;
    if (st == LANG_ERROR || st == LANG_SYNTAX) {
      fflush(stdout);
      fputs(lang_last_traceback(vm), stderr);
      fflush(stderr);
    } else if (st == LANG_EXIT) {
      rc = exit_code;
      break;
    }
  }
  free(src);
  for (int i = 0; i < nhistory; i++) free(history[i]);
  repl_vm = NULL;
  lang_vm_free(vm);
  return rc;
}
