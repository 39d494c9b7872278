/*
** kernel/lang/lang.c — the interpreter's public interface (lang.h): start-up of the builtin types
** and modules, running source in __main__, reporting uncaught exceptions, teardown.
*/
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/internal.h"
#include "kernel/lang/lang.h"
#include "tensor/tensor.h"

int tuple_init(lang_vm *vm);
int list_init(lang_vm *vm);
int dict_init(lang_vm *vm);
int set_init(lang_vm *vm);
int gen_init(lang_vm *vm);
int bytes_init(lang_vm *vm);
void exc_free_types(lang_vm *vm);
void type_reset_static(void);
void type_clear_heap_dicts(lang_vm *vm);
void frame_arena_free(lang_vm *vm);

typedef struct lang_report {
  strbuf tb;
  strbuf type, val;
} lang_report;

static lang_report *report_of(lang_vm *vm);

static int init_strings(lang_vm *vm) {
  vm->intern = dict_new(vm);
  if (!vm->intern) return -1;
  obj_str *e = str_new(vm, "", 0);
  if (!e) return -1;
  vm->empty_str = e;
  for (int c = 0; c < 128; c++) {
    char ch = (char)c;
    obj_str *s = str_new(vm, &ch, 1);
    if (!s) return -1;
    vm->char_cache[c] = s;
  }
  /* the cached strings are the interned ones for their text */
  e->interned = true;
  if (dict_set_str(vm, vm->intern, e, val_obj(e)) < 0) return -1;
  for (int c = 0; c < 128; c++) {
    vm->char_cache[c]->interned = true;
    if (dict_set_str(vm, vm->intern, vm->char_cache[c], val_obj(vm->char_cache[c])) < 0) return -1;
  }
#define LANG_NAME_INIT(n) if (!(vm->s.n = str_intern(vm, #n))) return -1;
  LANG_NAMES(LANG_NAME_INIT)
#undef LANG_NAME_INIT
  static const char *const ops[BINOP_COUNT] = {"add", "sub", "mul", "matmul", "truediv", "mod", "pow",
                                               "lshift", "rshift", "or", "xor", "and", "floordiv"};
  for (int i = 0; i < BINOP_COUNT; i++) {
    char buf[32];
    snprintf(buf, sizeof buf, "__%s__", ops[i]);
    vm->binop_names.name[i] = str_intern(vm, buf);
    snprintf(buf, sizeof buf, "__r%s__", ops[i]);
    vm->binop_names.rname[i] = str_intern(vm, buf);
    snprintf(buf, sizeof buf, "__i%s__", ops[i]);
    vm->binop_names.iname[i] = str_intern(vm, buf);
    if (!vm->binop_names.name[i] || !vm->binop_names.rname[i] || !vm->binop_names.iname[i]) return -1;
  }
  return 0;
}

int torch_register(lang_vm *vm);
int vision_register(lang_vm *vm);
int plot_register(lang_vm *vm);   /* plot_backend.c: matplotlib._ctorch_backend */
int numpy_register(lang_vm *vm);  /* numpy_funcs.c: numpy, numpy.random */

lang_vm *lang_vm_new(int argc, char **argv) {
  ten_blas_release_threads();   /* idle BLAS workers would spin on the second core */
  lang_limits_init();           /* CTORCH_MAX_* from the environment (limits.c) */
  lang_vm *vm = calloc(1, sizeof *vm);
  if (!vm) return NULL;
  vm->interrupt = &vm->interrupt_flag;
  vm->recursion_limit = lang_recursion_default();
  vm->user = calloc(1, sizeof(lang_report));
  if (!vm->user || init_strings(vm) < 0) goto fail;
  if (type_init(vm) < 0 || number_init(vm) < 0 || str_init(vm) < 0 || tuple_init(vm) < 0 || list_init(vm) < 0 ||
      dict_init(vm) < 0 || set_init(vm) < 0 || iter_init(vm) < 0 || func_init(vm) < 0 || gen_init(vm) < 0 ||
      import_init(vm) < 0 || bytes_init(vm) < 0 || exc_init_types(vm) < 0)
    goto fail;
  vm->empty_tuple = tuple_new(vm, 0);
  vm->builtins = dict_new(vm);
  vm->modules = dict_new(vm);
  vm->sources = dict_new(vm);
  vm->argv = list_new(vm, argc);
  if (!vm->empty_tuple || !vm->builtins || !vm->modules || !vm->sources || !vm->argv) goto fail;
  for (int i = 0; i < argc; i++) {
    obj_str *a = str_from_cstr(vm, argv[i]);
    if (!a || list_append_steal(vm, vm->argv, val_obj(a)) < 0) goto fail;
  }
  if (argc == 0) {
    obj_str *a = str_from_cstr(vm, "");
    if (!a || list_append_steal(vm, vm->argv, val_obj(a)) < 0) goto fail;
  }
  if (builtins_init(vm) < 0 || torch_register(vm) < 0 || vision_register(vm) < 0 || plot_register(vm) < 0 ||
      numpy_register(vm) < 0)
    goto fail;
  value mainmod = module_new(vm, "__main__", NULL);
  if (VAL_IS_NULL(mainmod)) goto fail;
  obj_dict *g = ((obj_module *)mainmod.u.o)->dict;
  dict_set_cstr(vm, g, "__builtins__", val_obj(vm->builtins));
  int rc = dict_set_cstr(vm, vm->modules, "__main__", mainmod);
  val_decref(mainmod);
  if (rc < 0) goto fail;
  value sys = import_module(vm, str_intern(vm, "sys"), val_none(), 0, NULL);
  if (VAL_IS_NULL(sys)) goto fail;
  val_decref(sys);
  return vm;
fail:
  lang_vm_free(vm);
  return NULL;
}

/* The functions registered with atexit (kernel/lang/py/atexit.py), if that module was imported. */
static void run_atexit(lang_vm *vm) {
  if (!vm->modules) return;
  value mod = dict_get_cstr(vm, vm->modules, "atexit");
  if (VAL_IS_NULL(mod) || val_type(mod) != &type_module) {
    exc_clear(vm);
    return;
  }
  value fn = dict_get_cstr(vm, ((obj_module *)mod.u.o)->dict, "_run_exitfuncs");
  if (!VAL_IS_NULL(fn)) {
    value r = vm_call0(vm, fn);
    val_decref(r);
  }
  exc_clear(vm);
}

void lang_vm_free(lang_vm *vm) {
  if (!vm) return;
  val_set(&vm->exc, val_null());
  val_set(&vm->handling, val_null());
  run_atexit(vm);
  val_set(&vm->exc, val_null());
  /* break the usual cycles: module globals hold their functions, which hold the globals */
  import_free_failed(vm);
  if (vm->modules) {
    int64_t pos = 0;
    value k, v;
    while (dict_next(vm->modules, &pos, &k, &v))
      if (val_type(v) == &type_module) dict_empty(((obj_module *)v.u.o)->dict);
    dict_empty(vm->modules);
    obj_decref(vm->modules);
  }
  type_clear_heap_dicts(vm);
  if (vm->builtins) {
    dict_empty(vm->builtins);
    obj_decref(vm->builtins);
  }
  obj_xdecref(vm->sources);
  obj_xdecref(vm->argv);
  obj_xdecref(vm->empty_tuple);
  /* an allocation that failed during teardown (real or injected) may have set the preallocated MemoryError */
  val_set(&vm->exc, val_null());
  val_set(&vm->handling, val_null());
  exc_free_types(vm);
  type_reset_static();
  frame_arena_free(vm);
  if (vm->intern) {
    /* last: code objects borrow interned names; nothing that uses them is left now */
    obj_dict *in = vm->intern;
    vm->intern = NULL;
    for (int c = 0; c < 128; c++) obj_xdecref(vm->char_cache[c]);
    obj_xdecref(vm->empty_str);
    memset(vm->char_cache, 0, sizeof vm->char_cache);
    vm->empty_str = NULL;
    obj_decref(in);
  }
  lang_report *r = vm->user;
  if (r) {
    sb_free(&r->tb);
    sb_free(&r->type);
    sb_free(&r->val);
    free(r);
  }
  free(vm);
  lang_alloc_trim();
}

void lang_set_output(lang_vm *vm, lang_output_fn fn, void *ctx) {
  vm->write = fn;
  vm->write_ctx = ctx;
}

void lang_interrupt(lang_vm *vm) { *vm->interrupt = 1; }
volatile sig_atomic_t *lang_interrupt_flag(lang_vm *vm) { return vm->interrupt; }

static lang_report *report_of(lang_vm *vm) { return (lang_report *)vm->user; }

static void record_exception(lang_vm *vm, value e) {
  lang_report *r = report_of(vm);
  sb_free(&r->tb);
  sb_free(&r->type);
  sb_free(&r->val);
  exc_format(vm, e, &r->tb);
  sb_adds(&r->type, val_type_name(e));
  value s = obj_str_of(vm, e);
  if (!VAL_IS_NULL(s)) {
    sb_add(&r->val, VAL_STR(s)->data, VAL_STR(s)->len);
    val_decref(s);
  } else {
    exc_clear(vm);
  }
  if (!r->tb.data) sb_adds(&r->tb, "");
  if (!r->type.data) sb_adds(&r->type, "");
  if (!r->val.data) sb_adds(&r->val, "");
}

const char *lang_last_traceback(lang_vm *vm) { return report_of(vm)->tb.data ? report_of(vm)->tb.data : ""; }
const char *lang_last_error_type(lang_vm *vm) { return report_of(vm)->type.data ? report_of(vm)->type.data : ""; }
const char *lang_last_error_value(lang_vm *vm) { return report_of(vm)->val.data ? report_of(vm)->val.data : ""; }

lang_status lang_run(lang_vm *vm, const char *src, size_t len, const char *filename, lang_run_mode mode,
                     char **repr_out, int *exit_code) {
  if (repr_out) *repr_out = NULL;
  if (exit_code) *exit_code = 0;
  lang_alloc_arm_faults();   /* allocation-failure tests: past start-up (CT_DEBUG_ALLOC builds) */
  value mainmod = dict_get_cstr(vm, vm->modules, "__main__");
  obj_dict *g = ((obj_module *)mainmod.u.o)->dict;
  obj_str *fn = str_from_cstr(vm, filename);
  obj_str *text = str_new(vm, src, (int64_t)len);
  /* as CPython, tracebacks show no source for "<string>" (-c) and "<stdin>" */
  bool no_source = strcmp(filename, "<string>") == 0 || strcmp(filename, "<stdin>") == 0;
  if (fn && text && !no_source) dict_set_str(vm, vm->sources, fn, val_obj(text));
  if (mode == LANG_RUN_FILE && fn) dict_set_cstr(vm, g, "__file__", val_obj(fn));
  obj_xdecref(fn);
  obj_xdecref(text);
  ast_mode am = mode == LANG_RUN_SINGLE ? AST_MODE_SINGLE : AST_MODE_EXEC;
  obj_code *co = comp_compile_source(vm, src, len, filename, am, mode == LANG_RUN_CELL);
  if (!co) {
    value e = exc_fetch(vm);
    record_exception(vm, e);
    val_decref(e);
    return LANG_SYNTAX;
  }
  vm->depth++;
  value r = vm_run_code(vm, co, g, g);
  vm->depth--;
  obj_decref(co);
  if (VAL_IS_NULL(r)) {
    value e = exc_fetch(vm);
    if (val_isinstance(e, vm->exc_types[EXC_SystemExit])) {
      obj_exc *x = (obj_exc *)e.u.o;
      value code = x->args->len == 0 ? val_none() : x->args->len == 1 ? x->args->items[0] : val_obj(x->args);
      int status = 0;
      if (code.tag == VAL_NONE) status = 0;
      else if (val_is_intlike(code)) status = (int)val_as_int(code);
      else {
        value s = obj_str_of(vm, code);
        if (!VAL_IS_NULL(s)) {
          vm_write(vm, 2, VAL_STR(s)->data, (size_t)VAL_STR(s)->len);
          vm_write(vm, 2, "\n", 1);
          val_decref(s);
        } else {
          exc_clear(vm);
        }
        status = 1;
      }
      if (exit_code) *exit_code = status;
      record_exception(vm, e);
      val_decref(e);
      return LANG_EXIT;
    }
    record_exception(vm, e);
    val_decref(e);
    return LANG_ERROR;
  }
  if (mode == LANG_RUN_CELL && repr_out && r.tag != VAL_NONE) {
    value s = obj_repr(vm, r);
    if (VAL_IS_NULL(s)) {
      value e = exc_fetch(vm);
      record_exception(vm, e);
      val_decref(e);
      val_decref(r);
      return LANG_ERROR;
    }
    *repr_out = strdup(VAL_STR(s)->data);
    val_decref(s);
    dict_set_cstr(vm, vm->builtins, "_", r);
  }
  val_decref(r);
  return LANG_OK;
}

const char *lang_is_complete(const char *src, size_t len) {
  ast_arena *a = ast_arena_new();
  if (!a) return "unknown";
  ast_error err;
  memset(&err, 0, sizeof err);
  ast_module *m = ast_parse(src, len, AST_MODE_EXEC, a, &err);
  const char *r = m ? "complete" : err.incomplete ? "incomplete" : "invalid";
  ast_arena_free(a);
  return r;
}
