/*
** tests/fuzz/parse.c — fuzz target: the tokenizer, parser and compiler (kernel/lang/lexer.c,
** parse_*.c, symtable.c, compiler.c). The input is source text; it is compiled as a module (with the
** cell's last-expression value), as one REPL statement and as an expression, and checked for
** completeness as the REPL and is_complete_request do. Nothing runs. Every outcome is fine except a
** crash, a sanitizer report or a leak.
*/
#include <stdlib.h>

#include "kernel/lang/internal.h"
#include "kernel/lang/lang.h"
#include "tests/fuzz/fuzz.h"

static lang_vm *vm;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  vm = lang_vm_new(0, NULL);
  if (!vm) abort();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!vm) LLVMFuzzerInitialize(NULL, NULL);
  if (size > 1 << 16) return 0;   /* long inputs only slow the search down */
  const char *src = (const char *)data;
  static const ast_mode modes[3] = {AST_MODE_EXEC, AST_MODE_SINGLE, AST_MODE_EVAL};
  for (int i = 0; i < 3; i++) {
    obj_code *co = comp_compile_source(vm, src, size, "<fuzz>", modes[i], i == 0);
    if (co) obj_decref(co);
    else exc_clear(vm);
  }
  char indent[64];
  lang_check_complete(src, size, indent, sizeof indent);
  lang_is_complete(src, size);
  return 0;
}
