/*
** kernel/lang/ast_dump.h — debugging and test helpers for the AST (internal to kernel/lang and its tests):
** a dump in the exact format of Python 3.11's ast.dump, and allocation-failure injection for the arena.
*/
#ifndef CT_LANG_AST_DUMP_H
#define CT_LANG_AST_DUMP_H

#include "kernel/lang/ast.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ast.dump(ast.parse(src)) for our node subset. Returns malloc'd text (free with free), NULL on OOM. */
char *ast_dump(const ast_module *m);
/* As ast_dump; include_attributes adds lineno/col_offset/end_lineno/end_col_offset as
   ast.dump(..., include_attributes=True) does. */
char *ast_dump_ex(const ast_module *m, bool include_attributes);

/* Debug: make the n-th next ast_alloc on a (and every one after it) fail; n < 0 disables. */
void ast_arena_fail_after(ast_arena *a, long n);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_AST_DUMP_H */
