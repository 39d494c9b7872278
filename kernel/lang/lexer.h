/*
** kernel/lang/lexer.h — the tokenizer of the ctorch language (Python 3.11 tokens, CPython's rules for
** INDENT/DEDENT, implicit line joining, tabs and the tokenizer's SyntaxError messages), plus the
** decoding of string-literal bodies. Internal to kernel/lang: the parser is its only user.
*/
#ifndef CT_LANG_LEXER_H
#define CT_LANG_LEXER_H

#include "kernel/lang/ast.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ORDER LEX_TYPE: operators follow CPython's Grammar/Tokens. */
typedef enum lex_type {
  LEX_ENDMARKER, LEX_NAME, LEX_NUMBER, LEX_STRING, LEX_NEWLINE, LEX_INDENT, LEX_DEDENT,
  LEX_LPAR, LEX_RPAR, LEX_LSQB, LEX_RSQB, LEX_COLON, LEX_COMMA, LEX_SEMI, LEX_PLUS, LEX_MINUS,
  LEX_STAR, LEX_SLASH, LEX_VBAR, LEX_AMPER, LEX_LESS, LEX_GREATER, LEX_EQUAL, LEX_DOT,
  LEX_PERCENT, LEX_LBRACE, LEX_RBRACE, LEX_EQEQUAL, LEX_NOTEQUAL, LEX_LESSEQUAL,
  LEX_GREATEREQUAL, LEX_TILDE, LEX_CIRCUMFLEX, LEX_LEFTSHIFT, LEX_RIGHTSHIFT, LEX_DOUBLESTAR,
  LEX_PLUSEQUAL, LEX_MINEQUAL, LEX_STAREQUAL, LEX_SLASHEQUAL, LEX_PERCENTEQUAL, LEX_AMPEREQUAL,
  LEX_VBAREQUAL, LEX_CIRCUMFLEXEQUAL, LEX_LEFTSHIFTEQUAL, LEX_RIGHTSHIFTEQUAL,
  LEX_DOUBLESTAREQUAL, LEX_DOUBLESLASH, LEX_DOUBLESLASHEQUAL, LEX_AT, LEX_ATEQUAL, LEX_RARROW,
  LEX_ELLIPSIS, LEX_COLONEQUAL, LEX_OP,   /* LEX_OP: any other printable character ('$', '?', '!') */
  LEX_ERROR,                              /* see lex_state.err */
  LEX_TYPE_COUNT
} lex_type;

/* Keywords (hard keywords only; match/case/_ are ordinary names). ORDER LEX_KW. */
typedef enum lex_kw {
  LEX_KW_NONE_ = 0,  /* not a keyword */
  LEX_KW_FALSE, LEX_KW_NONE, LEX_KW_TRUE, LEX_KW_AND, LEX_KW_AS, LEX_KW_ASSERT, LEX_KW_ASYNC,
  LEX_KW_AWAIT, LEX_KW_BREAK, LEX_KW_CLASS, LEX_KW_CONTINUE, LEX_KW_DEF, LEX_KW_DEL, LEX_KW_ELIF,
  LEX_KW_ELSE, LEX_KW_EXCEPT, LEX_KW_FINALLY, LEX_KW_FOR, LEX_KW_FROM, LEX_KW_GLOBAL, LEX_KW_IF,
  LEX_KW_IMPORT, LEX_KW_IN, LEX_KW_IS, LEX_KW_LAMBDA, LEX_KW_NONLOCAL, LEX_KW_NOT, LEX_KW_OR,
  LEX_KW_PASS, LEX_KW_RAISE, LEX_KW_RETURN, LEX_KW_TRY, LEX_KW_WHILE, LEX_KW_WITH, LEX_KW_YIELD,
  LEX_KW_COUNT
} lex_kw;

typedef struct lex_token {
  lex_type type;
  lex_kw kw;              /* LEX_NAME: keyword id or LEX_KW_NONE_ */
  const char *start;      /* text in the (translated) source */
  size_t len;
  int lineno, col;        /* col: 0-based byte offset, -1 when CPython gives the token no position */
  int end_lineno, end_col;
  size_t cur;             /* tokenizer read position after this token (byte offset into source) */
  size_t line_start;      /* start of the tokenizer's current line after this token */
  int level;              /* bracket nesting after this token */
  bool at_eof;            /* produced after the tokenizer ran off the end of the input */
  unsigned char memo;     /* parser scratch: rules known to fail at this token */
  int idx;                /* parser scratch: the token's index */
} lex_token;

/* Kinds of tokenizer failure (CPython's tok->done codes that matter). */
typedef enum lex_errcode {
  LEX_E_OK,
  LEX_E_SYNTAX,     /* a SyntaxError raised by the tokenizer itself (err_* filled) */
  LEX_E_EOF,        /* end of input inside brackets or after a backslash */
  LEX_E_DEDENT,     /* unindent does not match any outer indentation level */
  LEX_E_TABSPACE,   /* inconsistent use of tabs and spaces */
  LEX_E_TOODEEP,    /* too many levels of indentation */
  LEX_E_LINECONT,   /* unexpected character after line continuation character */
  LEX_E_NOMEM
} lex_errcode;

#define LEX_MAXINDENT 100
#define LEX_MAXLEVEL 200

typedef struct lex_state {
  const char *src;        /* translated source: \r\n and \r made \n, BOM dropped, NUL-terminated */
  size_t len;
  size_t pos;             /* read position */
  size_t line_start;      /* start of the current line */
  int lineno;
  ast_mode mode;
  bool atbol;             /* at the beginning of a line */
  bool eof;               /* ran off the end */
  bool single_started;    /* SINGLE mode: a token was produced (ENDMARKER becomes NEWLINE once) */
  bool imply_dedent;      /* SINGLE mode: that NEWLINE also closes open blocks */
  int indent;             /* top of indstack */
  int pendin;             /* pending INDENT (> 0) / DEDENT (< 0) tokens */
  int indstack[LEX_MAXINDENT], altindstack[LEX_MAXINDENT];
  int level;              /* bracket depth */
  char parenstack[LEX_MAXLEVEL];
  int parenlineno[LEX_MAXLEVEL], parencol[LEX_MAXLEVEL];
  size_t buf_start;       /* CPython's tok->buf: start of the line where the token under way began */
  bool in_token;          /* a token is under way (tok->start != NULL) */
  int first_lineno;       /* STRING: line where it starts */
  size_t multi_line_start;
  /* error (when a token of type LEX_ERROR was produced) */
  lex_errcode done;
  char err_msg[256];
  int err_lineno, err_offset, err_end_offset;   /* LEX_E_SYNTAX: 1-based character offsets */
  size_t err_line_start;                          /* start of the line of the error */
} lex_state;

/* Prepares ls over src (already translated by lex_translate). */
void lex_init(lex_state *ls, const char *src, size_t len, ast_mode mode);
/* Copies src[0..len) into the arena with newlines translated (\r\n, \r -> \n), a UTF-8 BOM dropped and,
   when add_newline, a final '\n' added if missing. Returns NULL on OOM; *out_len gets the length. */
char *lex_translate(ast_arena *a, const char *src, size_t len, bool add_newline, size_t *out_len);
/* Reads the next token into *t. Returns t->type; LEX_ERROR with ls->done set on failure. */
lex_type lex_next(lex_state *ls, lex_token *t);
/* Keyword id of name[0..n), or LEX_KW_NONE_. */
lex_kw lex_keyword(const char *name, size_t n);

/* ---- string literals ---- */

typedef struct lex_strprefix {
  bool bytes, raw, fstring, u;
  int quote_size;         /* 1 or 3 */
  size_t prefix_len;      /* letters before the quote */
} lex_strprefix;

/* Splits a STRING token into prefix, and body [*body, *body + *body_len). */
void lex_string_parts(const char *tok, size_t len, lex_strprefix *pf, const char **body, size_t *body_len);

/* Decodes escapes of a (non-f) string body into the arena: UTF-8 for str, raw bytes for bytes.
   Returns NULL with msg filled (CPython's message) on a bad escape, or NULL with msg[0] == 0 on OOM.
   *bad_at gets the byte offset in body of the offending escape. */
char *lex_decode(ast_arena *a, const char *body, size_t n, bool raw, bool bytes, size_t *out_len,
                 char *msg, size_t msgsize, size_t *bad_at);

/* Number of characters (UTF-8 sequences) in s[0..nbytes), as CPython's byte-to-character offset
   conversion counts them (a byte past the end of the line counts as one more). */
int lex_char_offset(const char *line, size_t line_len, long nbytes);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_LEXER_H */
