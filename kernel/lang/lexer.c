/*
** kernel/lang/lexer.c — tokenizer for the ctorch language: Python 3.11 tokens with CPython's
** indentation, bracket, number and string rules and its tokenizer error messages; and the decoding
** of escapes in string literals. It is not a Unicode database: non-ASCII identifier characters are
** accepted except for a few well-known punctuation ranges (see is_bad_ident_char).
*/
#include "kernel/lang/lexer.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define TABSIZE 8
#define ALTTABSIZE 1
#define LEX_EOF (-1)

/* ---- characters ---- */

static int nextc(lex_state *ls) {
  if (ls->pos >= ls->len) {
    ls->eof = true;
    return LEX_EOF;
  }
  if (ls->pos > 0 && ls->src[ls->pos - 1] == '\n' && ls->line_start != ls->pos) {
    ls->lineno++;
    ls->line_start = ls->pos;
    if (!ls->in_token) ls->buf_start = ls->pos;
  }
  return (unsigned char)ls->src[ls->pos++];
}

static void backup(lex_state *ls, int c) {
  if (c != LEX_EOF) ls->pos--;
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_xdigit(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
static bool is_ident_start(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}
static bool is_ident_char(int c) { return is_ident_start(c) || is_digit(c); }

/* Decodes one UTF-8 sequence at s (n bytes available); returns its length (>= 1), code point in *cp. */
static int utf8_decode(const unsigned char *s, size_t n, unsigned *cp) {
  unsigned c = s[0];
  int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (c >= 0x80 && c < 0xC0) len = 1;
  if ((size_t)len > n) len = (int)n;
  unsigned v = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) { len = i; break; }
    v = (v << 6) | (s[i] & 0x3F);
  }
  *cp = v;
  return len;
}

int lex_char_offset(const char *line, size_t line_len, long nbytes) {
  if (nbytes <= 0) return 0;
  if ((size_t)nbytes > line_len + 1) nbytes = (long)line_len + 1;
  int count = 0;
  size_t lim = (size_t)nbytes < line_len ? (size_t)nbytes : line_len;
  for (size_t i = 0; i < lim; i++)
    if (((unsigned char)line[i] & 0xC0) != 0x80) count++;
  if ((size_t)nbytes > line_len) count++;
  return count;
}

/* Non-ASCII characters that are not identifier characters (an approximation of XID_Continue). */
static bool is_bad_ident_char(unsigned cp, bool first) {
  if (cp < 0x80) return false;
  if (cp <= 0xBF) return !(cp == 0xAA || cp == 0xB5 || cp == 0xBA || (cp == 0xB7 && !first));
  if (cp == 0xD7 || cp == 0xF7) return true;
  if (cp >= 0x2000 && cp <= 0x206F) return !(cp == 0x203F || cp == 0x2040 || cp == 0x2054 || cp == 0x2071);
  if (cp >= 0x20A0 && cp <= 0x20CF) return true;                /* currency */
  if (cp >= 0x2190 && cp <= 0x2BFF) return true;                /* arrows, math, box drawing, shapes */
  if (cp >= 0x2E00 && cp <= 0x2E7F) return true;
  if (cp >= 0x3000 && cp <= 0x3004) return true;                /* CJK punctuation */
  if (cp >= 0x3008 && cp <= 0x3020) return true;
  if (cp >= 0xFE10 && cp <= 0xFE6F) return !(cp >= 0xFE33 && cp <= 0xFE34) && !(cp >= 0xFE4D && cp <= 0xFE4F);
  if (cp >= 0xFF01 && cp <= 0xFF0F) return true;                /* fullwidth punctuation */
  if (cp >= 0xFF1A && cp <= 0xFF20) return true;
  if (cp >= 0xFF3B && cp <= 0xFF40) return cp != 0xFF3F;
  if (cp >= 0xFF5B && cp <= 0xFF65) return true;
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return true;              /* emoji */
  if (cp >= 0xE000 && cp <= 0xF8FF) return true;                /* private use */
  if (cp == 0xFEFF || cp == 0xFFFD) return true;
  return false;
}

/* Python's str.isprintable() for a code point (approximate outside Latin-1 and general punctuation). */
static bool is_printable_cp(unsigned cp) {
  if (cp < 0x20 || cp == 0x7F) return false;
  if (cp >= 0x80 && cp <= 0xA0) return false;
  if (cp == 0xAD) return false;
  if ((cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F))
    return false;
  if (cp == 0x3000 || cp == 0xFEFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xE000 && cp <= 0xF8FF))
    return false;
  if (cp >= 0xFFF0 && cp <= 0xFFFB) return false;
  if (cp > 0x10FFFF) return false;
  return true;
}

/* ---- errors ---- */

/* CPython's tokenizer syntaxerror(): offset counts the characters of the line up to the read
   position (col_offset < 0) or is given; the text is the line without its newline. */
static lex_type syntax_error_range(lex_state *ls, lex_token *t, int col_offset, int end_col_offset,
                                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static lex_type syntax_error_range(lex_state *ls, lex_token *t, int col_offset, int end_col_offset,
                                   const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ls->err_msg, sizeof ls->err_msg, fmt, ap);
  va_end(ap);
  const char *line = ls->src + ls->line_start;
  size_t upto = ls->pos - ls->line_start;
  if (col_offset < 0) col_offset = lex_char_offset(line, upto, (long)upto);
  if (end_col_offset < 0) end_col_offset = col_offset;
  ls->done = LEX_E_SYNTAX;
  ls->err_lineno = ls->lineno;
  ls->err_offset = col_offset;
  ls->err_end_offset = end_col_offset;
  ls->err_line_start = ls->line_start;
  memset(t, 0, sizeof *t);
  t->type = LEX_ERROR;
  return LEX_ERROR;
}

#define syntax_error(ls, t, ...) syntax_error_range(ls, t, -1, -1, __VA_ARGS__)

static lex_type fail(lex_state *ls, lex_token *t, lex_errcode code) {
  ls->done = code;
  memset(t, 0, sizeof *t);
  t->type = LEX_ERROR;
  return LEX_ERROR;
}

/* ---- setup ---- */

char *lex_translate(ast_arena *a, const char *src, size_t len, bool add_newline, size_t *out_len) {
  if (len >= 3 && (unsigned char)src[0] == 0xEF && (unsigned char)src[1] == 0xBB &&
      (unsigned char)src[2] == 0xBF) {
    src += 3;
    len -= 3;
  }
  char *d = ast_alloc(a, len + 3);
  if (!d) return NULL;
  size_t n = 0;
  bool crlf_end = false;
  for (size_t i = 0; i < len; i++) {
    if (src[i] == '\r') {
      d[n++] = '\n';
      if (i + 1 < len && src[i + 1] == '\n') {
        i++;
        crlf_end = i + 1 == len;
      }
    } else {
      d[n++] = src[i];
    }
  }
  /* CPython's translate_newlines adds the final newline also after a closing "\r\n" (one blank
     line more): error texts and line numbers at the end of input depend on it */
  if (add_newline && (n == 0 || d[n - 1] != '\n' || crlf_end)) d[n++] = '\n';
  d[n] = '\0';
  *out_len = n;
  return d;
}

void lex_init(lex_state *ls, const char *src, size_t len, ast_mode mode) {
  memset(ls, 0, sizeof *ls);
  ls->src = src;
  ls->len = len;
  ls->lineno = 1;
  ls->mode = mode;
  ls->atbol = true;
  ls->imply_dedent = true;
}

static const char *const keywords[LEX_KW_COUNT] = {
  NULL, "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
  "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
  "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
  "while", "with", "yield",
};

lex_kw lex_keyword(const char *name, size_t n) {
  if (n < 2 || n > 8) return LEX_KW_NONE_;
  for (int k = 1; k < LEX_KW_COUNT; k++)
    if (strlen(keywords[k]) == n && memcmp(keywords[k], name, n) == 0) return (lex_kw)k;
  return LEX_KW_NONE_;
}

/* ---- operators ---- */

static lex_type one_char(int c) {
  switch (c) {
  case '(': return LEX_LPAR;      case ')': return LEX_RPAR;
  case '[': return LEX_LSQB;      case ']': return LEX_RSQB;
  case ':': return LEX_COLON;     case ',': return LEX_COMMA;
  case ';': return LEX_SEMI;      case '+': return LEX_PLUS;
  case '-': return LEX_MINUS;     case '*': return LEX_STAR;
  case '/': return LEX_SLASH;     case '|': return LEX_VBAR;
  case '&': return LEX_AMPER;     case '<': return LEX_LESS;
  case '>': return LEX_GREATER;   case '=': return LEX_EQUAL;
  case '.': return LEX_DOT;       case '%': return LEX_PERCENT;
  case '{': return LEX_LBRACE;    case '}': return LEX_RBRACE;
  case '~': return LEX_TILDE;     case '^': return LEX_CIRCUMFLEX;
  case '@': return LEX_AT;
  default: return LEX_OP;
  }
}

static lex_type two_chars(int c1, int c2) {
  switch (c1) {
  case '!': if (c2 == '=') return LEX_NOTEQUAL; break;
  case '%': if (c2 == '=') return LEX_PERCENTEQUAL; break;
  case '&': if (c2 == '=') return LEX_AMPEREQUAL; break;
  case '*': if (c2 == '*') return LEX_DOUBLESTAR; if (c2 == '=') return LEX_STAREQUAL; break;
  case '+': if (c2 == '=') return LEX_PLUSEQUAL; break;
  case '-': if (c2 == '=') return LEX_MINEQUAL; if (c2 == '>') return LEX_RARROW; break;
  case '/': if (c2 == '/') return LEX_DOUBLESLASH; if (c2 == '=') return LEX_SLASHEQUAL; break;
  case ':': if (c2 == '=') return LEX_COLONEQUAL; break;
  case '<':
    if (c2 == '<') return LEX_LEFTSHIFT;
    if (c2 == '=') return LEX_LESSEQUAL;
    if (c2 == '>') return LEX_NOTEQUAL;
    break;
  case '=': if (c2 == '=') return LEX_EQEQUAL; break;
  case '>': if (c2 == '=') return LEX_GREATEREQUAL; if (c2 == '>') return LEX_RIGHTSHIFT; break;
  case '@': if (c2 == '=') return LEX_ATEQUAL; break;
  case '^': if (c2 == '=') return LEX_CIRCUMFLEXEQUAL; break;
  case '|': if (c2 == '=') return LEX_VBAREQUAL; break;
  }
  return LEX_OP;
}

static lex_type three_chars(int c1, int c2, int c3) {
  if (c3 != '=') return c1 == '.' && c2 == '.' && c3 == '.' ? LEX_ELLIPSIS : LEX_OP;
  if (c1 == '*' && c2 == '*') return LEX_DOUBLESTAREQUAL;
  if (c1 == '/' && c2 == '/') return LEX_DOUBLESLASHEQUAL;
  if (c1 == '<' && c2 == '<') return LEX_LEFTSHIFTEQUAL;
  if (c1 == '>' && c2 == '>') return LEX_RIGHTSHIFTEQUAL;
  return LEX_OP;
}

/* ---- numbers ---- */

static bool lookahead(lex_state *ls, const char *test) {
  const char *s = test;
  int res = 0;
  for (;;) {
    int c = nextc(ls);
    if (*s == 0) {
      res = !is_ident_char(c);
      backup(ls, c);
      break;
    }
    if (c != *s) {
      backup(ls, c);
      break;
    }
    s++;
  }
  while (s > test) {
    backup(ls, *--s);
  }
  return res;
}

/* After a number: a keyword that may follow one is fine, a name character is an error. */
static bool verify_end_of_number(lex_state *ls, lex_token *t, int c, const char *kind) {
  bool r = false;
  if (c == 'a') r = lookahead(ls, "nd");
  else if (c == 'e') r = lookahead(ls, "lse");
  else if (c == 'f') r = lookahead(ls, "or");
  else if (c == 'i') {
    int c2 = nextc(ls);
    if (c2 == 'f' || c2 == 'n' || c2 == 's') r = true;
    backup(ls, c2);
  } else if (c == 'o') r = lookahead(ls, "r");
  else if (c == 'n') r = lookahead(ls, "ot");
  if (r) return true;   /* CPython warns here (DeprecationWarning) */
  if (c != LEX_EOF && is_ident_char(c)) {
    backup(ls, c);
    syntax_error(ls, t, "invalid %s literal", kind);
    return false;
  }
  return true;
}

/* Digits and single underscores; returns the first other character, or 0 after an error. */
static int decimal_tail(lex_state *ls, lex_token *t) {
  int c;
  for (;;) {
    do c = nextc(ls); while (is_digit(c));
    if (c != '_') break;
    c = nextc(ls);
    if (!is_digit(c)) {
      backup(ls, c);
      syntax_error(ls, t, "invalid decimal literal");
      return 0;
    }
  }
  return c;
}

/* number: hex, octal, binary, decimal, float, imaginary. c is the first character (a digit or the
   digit after '.'); when fraction, the '.' has been read. */
static lex_type lex_number(lex_state *ls, lex_token *t, int c, bool fraction) {
  if (fraction) goto fraction;
  if (c == '0') {
    c = nextc(ls);
    if (c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B') {
      int base = (c == 'x' || c == 'X') ? 16 : (c == 'o' || c == 'O') ? 8 : 2;
      const char *kind = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
      c = nextc(ls);
      do {
        if (c == '_') c = nextc(ls);
        bool ok = base == 16 ? is_xdigit(c) : base == 8 ? (c >= '0' && c < '8') : (c == '0' || c == '1');
        if (!ok) {
          if (base != 16 && is_digit(c))
            return syntax_error(ls, t, "invalid digit '%c' in %s literal", c, kind);
          backup(ls, c);
          return syntax_error(ls, t, "invalid %s literal", kind);
        }
        do {
          c = nextc(ls);
        } while (base == 16 ? is_xdigit(c) : base == 8 ? (c >= '0' && c < '8') : (c == '0' || c == '1'));
      } while (c == '_');
      if (base != 16 && is_digit(c)) return syntax_error(ls, t, "invalid digit '%c' in %s literal", c, kind);
      if (!verify_end_of_number(ls, t, c, kind)) return LEX_ERROR;
    } else {
      bool nonzero = false;
      for (;;) {
        if (c == '_') {
          c = nextc(ls);
          if (!is_digit(c)) {
            backup(ls, c);
            return syntax_error(ls, t, "invalid decimal literal");
          }
        }
        if (c != '0') break;
        c = nextc(ls);
      }
      size_t zeros_end = ls->pos;
      if (is_digit(c)) {
        nonzero = true;
        c = decimal_tail(ls, t);
        if (c == 0) return LEX_ERROR;
      }
      if (c == '.') {
        c = nextc(ls);
        goto fraction;
      } else if (c == 'e' || c == 'E') {
        goto exponent;
      } else if (c == 'j' || c == 'J') {
        goto imaginary;
      } else if (nonzero) {
        backup(ls, c);
        size_t st = (size_t)(t->start - ls->src);
        return syntax_error_range(ls, t, (int)(st + 1 - ls->line_start), (int)(zeros_end - ls->line_start),
                                  "leading zeros in decimal integer literals are not permitted; "
                                  "use an 0o prefix for octal integers");
      }
      if (!verify_end_of_number(ls, t, c, "decimal")) return LEX_ERROR;
    }
  } else {
    c = decimal_tail(ls, t);
    if (c == 0) return LEX_ERROR;
    if (c == '.') {
      c = nextc(ls);
    fraction:
      if (is_digit(c)) {
        c = decimal_tail(ls, t);
        if (c == 0) return LEX_ERROR;
      }
    }
    if (c == 'e' || c == 'E') {
      int e;
    exponent:
      e = c;
      c = nextc(ls);
      if (c == '+' || c == '-') {
        c = nextc(ls);
        if (!is_digit(c)) {
          backup(ls, c);
          return syntax_error(ls, t, "invalid decimal literal");
        }
      } else if (!is_digit(c)) {
        backup(ls, c);
        if (!verify_end_of_number(ls, t, e, "decimal")) return LEX_ERROR;
        backup(ls, e);
        return LEX_NUMBER;
      }
      c = decimal_tail(ls, t);
      if (c == 0) return LEX_ERROR;
    }
    if (c == 'j' || c == 'J') {
    imaginary:
      c = nextc(ls);
      if (!verify_end_of_number(ls, t, c, "imaginary")) return LEX_ERROR;
    } else if (!verify_end_of_number(ls, t, c, "decimal")) {
      return LEX_ERROR;
    }
  }
  backup(ls, c);
  return LEX_NUMBER;
}

/* ---- identifiers ---- */

/* Non-ASCII identifier: CPython's verify_identifier, with an approximate character class. */
static bool verify_identifier(lex_state *ls, lex_token *t, size_t start) {
  const unsigned char *s = (const unsigned char *)ls->src;
  size_t i = start;
  bool first = true;
  while (i < ls->pos) {
    unsigned cp;
    int n = utf8_decode(s + i, ls->pos - i, &cp);
    if (is_bad_ident_char(cp, first) || (first && cp < 0x80 && is_digit((int)cp))) {
      ls->pos = i + (size_t)n;
      char ch[5];
      memcpy(ch, s + i, (size_t)n);
      ch[n] = 0;
      if (is_printable_cp(cp))
        syntax_error(ls, t, "invalid character '%s' (U+%04X)", ch, cp);
      else
        syntax_error(ls, t, "invalid non-printable character U+%04X", cp);
      return false;
    }
    first = false;
    i += (size_t)n;
  }
  return true;
}

/* ---- strings ---- */

/* The rest of a string literal; quote is the opening quote character (already read). */
static lex_type lex_string_rest(lex_state *ls, lex_token *t, int quote) {
  int quote_size = 1, end_quote_size = 0;
  ls->first_lineno = ls->lineno;
  ls->multi_line_start = ls->line_start;
  int c = nextc(ls);
  if (c == quote) {
    c = nextc(ls);
    if (c == quote) quote_size = 3;
    else end_quote_size = 1;   /* empty string */
  }
  if (c != quote) backup(ls, c);
  while (end_quote_size != quote_size) {
    c = nextc(ls);
    if (c == LEX_EOF || (quote_size == 1 && c == '\n')) {
      /* report from the opening quote */
      int detected = ls->lineno;
      ls->pos = (size_t)(t->start - ls->src) + 1;
      ls->line_start = ls->multi_line_start;
      ls->lineno = ls->first_lineno;
      if (quote_size == 3)
        syntax_error(ls, t, "unterminated triple-quoted string literal (detected at line %d)", detected);
      else
        syntax_error(ls, t, "unterminated string literal (detected at line %d)", detected);
      ls->eof = c == LEX_EOF;
      return LEX_ERROR;
    }
    if (c == quote) {
      end_quote_size++;
    } else {
      end_quote_size = 0;
      if (c == '\\') nextc(ls);
    }
  }
  return LEX_STRING;
}

/* ---- the tokenizer proper ---- */

static lex_type lex_get(lex_state *ls, lex_token *t) {
  int c;
  bool blankline;
nextline:
  ls->in_token = false;
  blankline = false;
  if (ls->atbol) {
    int col = 0, altcol = 0, cont_line_col = 0;
    ls->atbol = false;
    for (;;) {
      c = nextc(ls);
      if (c == ' ') {
        col++, altcol++;
      } else if (c == '\t') {
        col = (col / TABSIZE + 1) * TABSIZE;
        altcol = (altcol / ALTTABSIZE + 1) * ALTTABSIZE;
      } else if (c == '\014') {
        col = altcol = 0;
      } else if (c == '\\') {
        cont_line_col = cont_line_col ? cont_line_col : col;
        c = nextc(ls);
        if (c != '\n') return fail(ls, t, LEX_E_LINECONT);
        c = nextc(ls);
        if (c == LEX_EOF) {
          ls->pos = ls->len;
          return fail(ls, t, LEX_E_EOF);
        }
        backup(ls, c);
      } else {
        break;
      }
    }
    backup(ls, c);
    if (c == '#' || c == '\n') blankline = true;
    if (!blankline && ls->level == 0) {
      col = cont_line_col ? cont_line_col : col;
      altcol = cont_line_col ? cont_line_col : altcol;
      if (col == ls->indstack[ls->indent]) {
        if (altcol != ls->altindstack[ls->indent]) return fail(ls, t, LEX_E_TABSPACE);
      } else if (col > ls->indstack[ls->indent]) {
        if (ls->indent + 1 >= LEX_MAXINDENT) {
          ls->pos = ls->len;
          {
            const char *nl = memchr(ls->src + ls->line_start, '\n', ls->len - ls->line_start);
            ls->pos = nl ? (size_t)(nl - ls->src) + 1 : ls->len;
          }
          return fail(ls, t, LEX_E_TOODEEP);
        }
        if (altcol <= ls->altindstack[ls->indent]) return fail(ls, t, LEX_E_TABSPACE);
        ls->pendin++;
        ls->indstack[++ls->indent] = col;
        ls->altindstack[ls->indent] = altcol;
      } else {
        while (ls->indent > 0 && col < ls->indstack[ls->indent]) {
          ls->pendin--;
          ls->indent--;
        }
        if (col != ls->indstack[ls->indent]) {
          const char *nl = memchr(ls->src + ls->line_start, '\n', ls->len - ls->line_start);
          ls->pos = nl ? (size_t)(nl - ls->src) + 1 : ls->len;
          return fail(ls, t, LEX_E_DEDENT);
        }
        if (altcol != ls->altindstack[ls->indent]) return fail(ls, t, LEX_E_TABSPACE);
      }
    }
  }

  t->start = ls->src + ls->pos;
  t->col = -1;
  if (ls->pendin != 0) {
    if (ls->pendin < 0) {
      ls->pendin++;
      return LEX_DEDENT;
    }
    ls->pendin--;
    return LEX_INDENT;
  }

again:
  ls->in_token = false;
  do c = nextc(ls); while (c == ' ' || c == '\t' || c == '\014');
  ls->in_token = true;
  t->start = ls->src + (c == LEX_EOF ? ls->pos : ls->pos - 1);
  if (c == '#') {
    while (c != LEX_EOF && c != '\n') c = nextc(ls);
  }
  if (c == LEX_EOF) {
    if (ls->level) return fail(ls, t, LEX_E_EOF);
    return LEX_ENDMARKER;
  }

  if (is_ident_start(c)) {
    bool saw_b = false, saw_r = false, saw_u = false, saw_f = false, nonascii = false;
    for (;;) {
      if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B')) saw_b = true;
      else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U')) saw_u = true;
      else if (!(saw_r || saw_u) && (c == 'r' || c == 'R')) saw_r = true;
      else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F')) saw_f = true;
      else break;
      c = nextc(ls);
      if (c == '"' || c == '\'') return lex_string_rest(ls, t, c);
    }
    while (c != LEX_EOF && is_ident_char(c)) {
      if (c >= 128) nonascii = true;
      c = nextc(ls);
    }
    backup(ls, c);
    if (nonascii && !verify_identifier(ls, t, (size_t)(t->start - ls->src))) return LEX_ERROR;
    return LEX_NAME;
  }

  if (c == '\n') {
    ls->atbol = true;
    if (blankline || ls->level > 0) goto nextline;
    return LEX_NEWLINE;
  }

  if (c == '.') {
    c = nextc(ls);
    if (is_digit(c)) return lex_number(ls, t, c, true);
    if (c == '.') {
      c = nextc(ls);
      if (c == '.') return LEX_ELLIPSIS;
      backup(ls, c);
      backup(ls, '.');
    } else {
      backup(ls, c);
    }
    return LEX_DOT;
  }

  if (is_digit(c)) return lex_number(ls, t, c, false);

  if (c == '\'' || c == '"') return lex_string_rest(ls, t, c);

  if (c == '\\') {
    c = nextc(ls);
    if (c != '\n') return fail(ls, t, LEX_E_LINECONT);
    c = nextc(ls);
    if (c == LEX_EOF) {
      ls->pos = ls->len;
      return fail(ls, t, LEX_E_EOF);
    }
    backup(ls, c);
    goto again;
  }

  {
    int c2 = nextc(ls);
    lex_type tt = two_chars(c, c2);
    if (tt != LEX_OP) {
      int c3 = nextc(ls);
      lex_type t3 = three_chars(c, c2, c3);
      if (t3 != LEX_OP) tt = t3;
      else backup(ls, c3);
      return tt;
    }
    backup(ls, c2);
  }

  switch (c) {
  case '(': case '[': case '{':
    if (ls->level >= LEX_MAXLEVEL) return syntax_error(ls, t, "too many nested parentheses");
    ls->parenstack[ls->level] = (char)c;
    ls->parenlineno[ls->level] = ls->lineno;
    ls->parencol[ls->level] = (int)((size_t)(t->start - ls->src) - ls->line_start);
    ls->level++;
    break;
  case ')': case ']': case '}': {
    if (!ls->level) return syntax_error(ls, t, "unmatched '%c'", c);
    ls->level--;
    int opening = ls->parenstack[ls->level];
    if (!((opening == '(' && c == ')') || (opening == '[' && c == ']') || (opening == '{' && c == '}'))) {
      if (ls->parenlineno[ls->level] != ls->lineno)
        return syntax_error(ls, t, "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d",
                            c, opening, ls->parenlineno[ls->level]);
      return syntax_error(ls, t, "closing parenthesis '%c' does not match opening parenthesis '%c'", c, opening);
    }
    break;
  }
  }
  if (c < 0x20 || c == 0x7F)
    return syntax_error(ls, t, "invalid non-printable character U+%04X", (unsigned)c);
  return one_char(c);
}

lex_type lex_next(lex_state *ls, lex_token *t) {
  memset(t, 0, sizeof *t);
  bool was_eof = ls->eof;
  lex_type type = lex_get(ls, t);
  if (type == LEX_ERROR) {
    t->type = LEX_ERROR;
  } else {
    t->type = type;
  }
  /* SINGLE mode: the first ENDMARKER after any token becomes a NEWLINE (closing open blocks). */
  if (ls->mode == AST_MODE_SINGLE && type == LEX_ENDMARKER && ls->single_started) {
    t->type = type = LEX_NEWLINE;
    ls->single_started = false;
    if (ls->indent && ls->imply_dedent) {
      ls->pendin = -ls->indent;
      ls->indent = 0;
    }
  } else {
    ls->single_started = true;
  }
  t->cur = ls->pos;
  t->line_start = ls->line_start;
  t->level = ls->level;
  t->at_eof = ls->eof || was_eof;
  bool positioned = type != LEX_ERROR && type != LEX_INDENT && type != LEX_DEDENT && type != LEX_ENDMARKER &&
                    !(type == LEX_NEWLINE && t->start == NULL);
  if (type == LEX_NEWLINE && ls->mode == AST_MODE_SINGLE && ls->eof) positioned = false;
  if (type == LEX_ERROR) t->start = NULL;
  if (positioned) {
    size_t st = (size_t)(t->start - ls->src);
    size_t end = ls->pos;
    if (type == LEX_NEWLINE) end = ls->pos - 1;
    t->len = end - st;
    if (type == LEX_STRING) {
      t->lineno = ls->first_lineno;
      t->col = (int)(st - ls->multi_line_start);
    } else {
      t->lineno = ls->lineno;
      t->col = (int)(st - ls->line_start);
    }
    t->end_lineno = ls->lineno;
    t->end_col = (int)(end - ls->line_start);
    if (type == LEX_NAME) t->kw = lex_keyword(t->start, t->len);
  } else {
    t->lineno = t->end_lineno = ls->len == 0 ? 0 : ls->lineno;   /* CPython: line 0 before any line was read */
    t->col = t->end_col = -1;
    t->len = 0;
  }
  return t->type;
}

/* ---- string bodies ---- */

void lex_string_parts(const char *tok, size_t len, lex_strprefix *pf, const char **body, size_t *body_len) {
  memset(pf, 0, sizeof *pf);
  size_t i = 0;
  while (i < len && tok[i] != '\'' && tok[i] != '"') {
    char c = tok[i] | 0x20;
    if (c == 'b') pf->bytes = true;
    else if (c == 'r') pf->raw = true;
    else if (c == 'f') pf->fstring = true;
    else if (c == 'u') pf->u = true;
    i++;
  }
  pf->prefix_len = i;
  char q = tok[i];
  pf->quote_size = (len - i >= 6 && tok[i + 1] == q && tok[i + 2] == q) ? 3 : 1;
  *body = tok + i + pf->quote_size;
  *body_len = len - i - 2 * (size_t)pf->quote_size;
}

static int put_utf8(char *d, unsigned cp) {
  if (cp < 0x80) { d[0] = (char)cp; return 1; }
  if (cp < 0x800) { d[0] = (char)(0xC0 | (cp >> 6)); d[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
  if (cp < 0x10000) {
    d[0] = (char)(0xE0 | (cp >> 12));
    d[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    d[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  d[0] = (char)(0xF0 | (cp >> 18));
  d[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  d[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  d[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

static int hexval(int c) {
  return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}

char *lex_decode(ast_arena *a, const char *body, size_t n, bool raw, bool bytes, size_t *out_len,
                 char *msg, size_t msgsize, size_t *bad_at) {
  msg[0] = 0;
  *bad_at = 0;
  if (bytes) {
    for (size_t i = 0; i < n; i++)
      if ((unsigned char)body[i] >= 0x80) {
        snprintf(msg, msgsize, "bytes can only contain ASCII literal characters");
        *bad_at = i;
        return NULL;
      }
  }
  char *d = ast_alloc(a, n + 1);   /* decoding never grows the text */
  if (!d) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < n;) {
    char c = body[i];
    if (c != '\\' || raw) {
      d[k++] = c;
      i++;
      continue;
    }
    size_t esc = i;
    i++;
    if (i >= n) {   /* cannot happen: the tokenizer never ends a string on a backslash */
      d[k++] = '\\';
      break;
    }
    c = body[i++];
    switch (c) {
    case '\n': break;
    case '\\': d[k++] = '\\'; break;
    case '\'': d[k++] = '\''; break;
    case '"': d[k++] = '"'; break;
    case 'a': d[k++] = '\a'; break;
    case 'b': d[k++] = '\b'; break;
    case 'f': d[k++] = '\f'; break;
    case 'n': d[k++] = '\n'; break;
    case 'r': d[k++] = '\r'; break;
    case 't': d[k++] = '\t'; break;
    case 'v': d[k++] = '\v'; break;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
      unsigned v = (unsigned)(c - '0');
      for (int j = 0; j < 2 && i < n && body[i] >= '0' && body[i] <= '7'; j++) v = v * 8 + (unsigned)(body[i++] - '0');
      if (bytes) d[k++] = (char)(v & 0xFF);
      else k += (size_t)put_utf8(d + k, v);
      break;
    }
    case 'x': case 'u': case 'U': {
      if (bytes && c != 'x') {
        d[k++] = '\\';
        d[k++] = c;
        break;
      }
      int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      unsigned v = 0;
      int j = 0;
      for (; j < digits && i < n && is_xdigit((unsigned char)body[i]); j++) v = v * 16 + (unsigned)hexval(body[i++]);
      if (j < digits) {
        const char *codec = bytes ? "(value error) invalid \\x escape at position %zu" : NULL;
        if (bytes) snprintf(msg, msgsize, codec, esc);
        else
          snprintf(msg, msgsize,
                   "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: truncated \\%s escape",
                   esc, i - 1, c == 'x' ? "xXX" : c == 'u' ? "uXXXX" : "UXXXXXXXX");
        *bad_at = esc;
        return NULL;
      }
      if (bytes) {
        d[k++] = (char)v;
      } else {
        if (v > 0x10FFFF) {
          snprintf(msg, msgsize,
                   "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: illegal Unicode character",
                   esc, i - 1);
          *bad_at = esc;
          return NULL;
        }
        k += (size_t)put_utf8(d + k, v);
      }
      break;
    }
    case 'N':
      if (!bytes) {
        snprintf(msg, msgsize, "\\N{...} escapes are not supported");
        *bad_at = esc;
        return NULL;
      }
      /* fall through */
    default:
      d[k++] = '\\';
      i--;   /* the character after the backslash is kept as is */
      break;
    }
  }
  d[k] = 0;
  *out_len = k;
  return d;
}
