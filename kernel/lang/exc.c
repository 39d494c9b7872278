/*
** kernel/lang/exc.c — exceptions: the builtin exception classes, raising and chaining, the
** BaseException family's attributes, and the one place tracebacks are formatted (CPython 3.11's
** layout: frames with source lines, "[Previous line repeated N more times]", chained causes and
** contexts, SyntaxError carets, and the "Did you mean" suggestions of NameError/AttributeError).
** Runtime caret lines (~~^~~) are deliberately not printed (house decision, tests/golden/README.md).
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/internal.h"
#include "tensor/tensor.h"

/* ---- the classes ---- */

typedef struct exc_def { const char *name; exc_kind base; } exc_def;

static const exc_def exc_defs[EXC_COUNT] = {   /* ORDER EXC */
  [EXC_BaseException] = {"BaseException", EXC_BaseException},
  [EXC_SystemExit] = {"SystemExit", EXC_BaseException},
  [EXC_KeyboardInterrupt] = {"KeyboardInterrupt", EXC_BaseException},
  [EXC_GeneratorExit] = {"GeneratorExit", EXC_BaseException},
  [EXC_Exception] = {"Exception", EXC_BaseException},
  [EXC_StopIteration] = {"StopIteration", EXC_Exception},
  [EXC_ArithmeticError] = {"ArithmeticError", EXC_Exception},
  [EXC_FloatingPointError] = {"FloatingPointError", EXC_ArithmeticError},
  [EXC_OverflowError] = {"OverflowError", EXC_ArithmeticError},
  [EXC_ZeroDivisionError] = {"ZeroDivisionError", EXC_ArithmeticError},
  [EXC_AssertionError] = {"AssertionError", EXC_Exception},
  [EXC_AttributeError] = {"AttributeError", EXC_Exception},
  [EXC_BufferError] = {"BufferError", EXC_Exception},
  [EXC_EOFError] = {"EOFError", EXC_Exception},
  [EXC_ImportError] = {"ImportError", EXC_Exception},
  [EXC_ModuleNotFoundError] = {"ModuleNotFoundError", EXC_ImportError},
  [EXC_LookupError] = {"LookupError", EXC_Exception},
  [EXC_IndexError] = {"IndexError", EXC_LookupError},
  [EXC_KeyError] = {"KeyError", EXC_LookupError},
  [EXC_MemoryError] = {"MemoryError", EXC_Exception},
  [EXC_NameError] = {"NameError", EXC_Exception},
  [EXC_UnboundLocalError] = {"UnboundLocalError", EXC_NameError},
  [EXC_OSError] = {"OSError", EXC_Exception},
  [EXC_FileNotFoundError] = {"FileNotFoundError", EXC_OSError},
  [EXC_PermissionError] = {"PermissionError", EXC_OSError},
  [EXC_TimeoutError] = {"TimeoutError", EXC_OSError},
  [EXC_ReferenceError] = {"ReferenceError", EXC_Exception},
  [EXC_RuntimeError] = {"RuntimeError", EXC_Exception},
  [EXC_NotImplementedError] = {"NotImplementedError", EXC_RuntimeError},
  [EXC_RecursionError] = {"RecursionError", EXC_RuntimeError},
  [EXC_SyntaxError] = {"SyntaxError", EXC_Exception},
  [EXC_IndentationError] = {"IndentationError", EXC_SyntaxError},
  [EXC_TabError] = {"TabError", EXC_IndentationError},
  [EXC_SystemError] = {"SystemError", EXC_Exception},
  [EXC_TypeError] = {"TypeError", EXC_Exception},
  [EXC_ValueError] = {"ValueError", EXC_Exception},
  [EXC_UnicodeError] = {"UnicodeError", EXC_ValueError},
  [EXC_UnicodeDecodeError] = {"UnicodeDecodeError", EXC_UnicodeError},
  [EXC_UnicodeEncodeError] = {"UnicodeEncodeError", EXC_UnicodeError},
  [EXC_Warning] = {"Warning", EXC_Exception},
  [EXC_UserWarning] = {"UserWarning", EXC_Warning},
  [EXC_DeprecationWarning] = {"DeprecationWarning", EXC_Warning},
  [EXC_RuntimeWarning] = {"RuntimeWarning", EXC_Warning},
  [EXC_SyntaxWarning] = {"SyntaxWarning", EXC_Warning},
  [EXC_FutureWarning] = {"FutureWarning", EXC_Warning},
  [EXC_PendingDeprecationWarning] = {"PendingDeprecationWarning", EXC_Warning},
  [EXC_ImportWarning] = {"ImportWarning", EXC_Warning},
  [EXC_UnicodeWarning] = {"UnicodeWarning", EXC_Warning},
  [EXC_BytesWarning] = {"BytesWarning", EXC_Warning},
  [EXC_ResourceWarning] = {"ResourceWarning", EXC_Warning},
  [EXC_EncodingWarning] = {"EncodingWarning", EXC_Warning},
};

obj_type *exc_type(lang_vm *vm, exc_kind k) { return vm->exc_types[k]; }

#define EXC(v) ((obj_exc *)(v).u.o)

static bool is_exc(value v) { return v.tag == VAL_OBJ && (v.u.o->type->tflags & TYPE_F_EXC); }

static void exc_dealloc(obj *o) {
  obj_exc *e = (obj_exc *)o;
  obj_xdecref(e->args);
  val_decref(e->cause);
  val_decref(e->context);
  for (int i = 0; i < e->ntb; i++) obj_decref(e->tb[i].code);
  free(e->tb);
  val_decref(e->filename);
  val_decref(e->text);
  val_decref(e->note_obj);
  obj_xdecref(e->note_name);
  obj_xdecref(e->note_code);
  obj_xdecref(e->note_globals);
  obj_xdecref(e->note_locals);
}

static value exc_new_slot(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  obj_exc *e = obj_alloc(vm, type, type->basicsize);
  if (!e) return val_null();
  e->cause = val_none();
  e->context = val_none();
  e->filename = val_none();
  e->text = val_none();
  e->args = tuple_from(vm, args, nargs);
  if (!e->args) {
    obj_decref(e);
    return val_null();
  }
  return val_obj(e);
}

static int exc_init_slot(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kw) {
  if (kw && kw->len && !(val_type(self)->tflags & TYPE_F_HEAP))
    return exc_seti(vm, EXC_TypeError, "%s() takes no keyword arguments", val_type_name(self));
  obj_exc *e = EXC(self);
  obj_tuple *t = tuple_from(vm, args, nargs);
  if (!t) return -1;
  obj_xdecref(e->args);
  e->args = t;
  if (type_is_subtype(val_type(self), vm->exc_types[EXC_SyntaxError]) && nargs >= 2 && val_is_tuple(args[1]) &&
      VAL_TUPLE(args[1])->len >= 4) {
    obj_tuple *d = VAL_TUPLE(args[1]);
    val_set(&e->filename, val_incref(d->items[0]));
    e->lineno = val_is_intlike(d->items[1]) ? (int)val_as_int(d->items[1]) : 0;
    e->offset = val_is_intlike(d->items[2]) ? (int)val_as_int(d->items[2]) : 0;
    val_set(&e->text, val_incref(d->items[3]));
    if (d->len >= 6) {
      e->end_lineno = val_is_intlike(d->items[4]) ? (int)val_as_int(d->items[4]) : 0;
      e->end_offset = val_is_intlike(d->items[5]) ? (int)val_as_int(d->items[5]) : 0;
    }
  }
  return 0;
}

static value exc_str_slot(lang_vm *vm, value self) {
  obj_exc *e = EXC(self);
  obj_type *t = val_type(self);
  if (type_is_subtype(t, vm->exc_types[EXC_SyntaxError]) && e->args->len >= 1) return obj_str_of(vm, e->args->items[0]);
  if (e->args->len == 0) return val_obj(str_new(vm, "", 0));
  if (e->args->len == 1) {
    if (type_is_subtype(t, vm->exc_types[EXC_KeyError])) return obj_repr(vm, e->args->items[0]);
    return obj_str_of(vm, e->args->items[0]);
  }
  return obj_str_of(vm, val_obj(e->args));
}

static value exc_repr_slot(lang_vm *vm, value self) {
  obj_exc *e = EXC(self);
  strbuf b;
  sb_init(&b);
  sb_adds(&b, val_type(self)->qualname->data);
  if (e->args->len == 1) {
    sb_addc(&b, '(');
    if (obj_repr_to(vm, e->args->items[0], &b) < 0) goto fail;
    sb_addc(&b, ')');
  } else {
    if (obj_repr_to(vm, val_obj(e->args), &b) < 0) goto fail;
  }
  obj_str *s = sb_finish(vm, &b);
  return s ? val_obj(s) : val_null();
fail:
  sb_free(&b);
  return val_null();
}

static value exc_get_args(lang_vm *vm, value s) { return val_incref(val_obj(EXC(s)->args)); }
static int exc_set_args(lang_vm *vm, value s, value v) {
  obj_list *l = obj_to_list(vm, v);
  if (!l) return -1;
  value t = list_to_tuple(vm, l);
  obj_decref(l);
  if (VAL_IS_NULL(t)) return -1;
  obj_decref(EXC(s)->args);
  EXC(s)->args = VAL_TUPLE(t);
  return 0;
}
static value exc_get_cause(lang_vm *vm, value s) { return val_incref(EXC(s)->cause); }
static int exc_set_cause(lang_vm *vm, value s, value v) {
  val_set(&EXC(s)->cause, val_incref(v));
  EXC(s)->suppress_context = true;
  return 0;
}
static value exc_get_context(lang_vm *vm, value s) { return val_incref(EXC(s)->context); }
static int exc_set_context(lang_vm *vm, value s, value v) {
  val_set(&EXC(s)->context, val_incref(v));
  return 0;
}
static value exc_get_suppress(lang_vm *vm, value s) { return val_bool(EXC(s)->suppress_context); }
static value exc_get_traceback(lang_vm *vm, value s) { return val_none(); }
static value exc_first_arg(lang_vm *vm, value s) {
  obj_exc *e = EXC(s);
  return e->args->len ? val_incref(e->args->items[0]) : val_none();
}
static value exc_get_code(lang_vm *vm, value s) {
  obj_exc *e = EXC(s);
  if (e->args->len == 0) return val_none();
  if (e->args->len == 1) return val_incref(e->args->items[0]);
  return val_incref(val_obj(e->args));
}
static value exc_get_name(lang_vm *vm, value s) {
  obj_exc *e = EXC(s);
  return e->note_name ? val_incref(val_obj(e->note_name)) : val_none();
}
static value exc_get_obj(lang_vm *vm, value s) {
  obj_exc *e = EXC(s);
  return VAL_IS_NULL(e->note_obj) ? val_none() : val_incref(e->note_obj);
}
static value syn_get_msg(lang_vm *vm, value s) { return exc_first_arg(vm, s); }
static value syn_get_filename(lang_vm *vm, value s) { return val_incref(EXC(s)->filename); }
static value syn_get_lineno(lang_vm *vm, value s) { return EXC(s)->lineno ? val_int(EXC(s)->lineno) : val_none(); }
static value syn_get_offset(lang_vm *vm, value s) { return EXC(s)->offset ? val_int(EXC(s)->offset) : val_none(); }
static value syn_get_end_lineno(lang_vm *vm, value s) { return EXC(s)->end_lineno ? val_int(EXC(s)->end_lineno) : val_none(); }
static value syn_get_end_offset(lang_vm *vm, value s) { return EXC(s)->end_offset ? val_int(EXC(s)->end_offset) : val_none(); }
static value syn_get_text(lang_vm *vm, value s) { return val_incref(EXC(s)->text); }

static value exc_with_traceback(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return val_incref(args[0]); }
static value exc_add_note(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return val_none(); }

static const bi_getset exc_getsets[] = {
  {"args", exc_get_args, exc_set_args, NULL},
  {"__cause__", exc_get_cause, exc_set_cause, NULL},
  {"__context__", exc_get_context, exc_set_context, NULL},
  {"__suppress_context__", exc_get_suppress, NULL, NULL},
  {"__traceback__", exc_get_traceback, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};
static const bi_reg exc_methods[] = {
  {"with_traceback", exc_with_traceback, 2, 0, NULL},
  {"add_note", exc_add_note, 2, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};
static const bi_getset stopiter_getsets[] = {{"value", exc_first_arg, NULL, NULL}, {NULL, NULL, NULL, NULL}};
static const bi_getset sysexit_getsets[] = {{"code", exc_get_code, NULL, NULL}, {NULL, NULL, NULL, NULL}};
static const bi_getset name_getsets[] = {{"name", exc_get_name, NULL, NULL}, {NULL, NULL, NULL, NULL}};
static const bi_getset attr_getsets[] = {{"name", exc_get_name, NULL, NULL}, {"obj", exc_get_obj, NULL, NULL},
                                         {NULL, NULL, NULL, NULL}};
static const bi_getset oserror_getsets[] = {{"errno", exc_first_arg, NULL, NULL}, {NULL, NULL, NULL, NULL}};
static const bi_getset syntax_getsets[] = {
  {"msg", syn_get_msg, NULL, NULL},
  {"filename", syn_get_filename, NULL, NULL},
  {"lineno", syn_get_lineno, NULL, NULL},
  {"offset", syn_get_offset, NULL, NULL},
  {"end_lineno", syn_get_end_lineno, NULL, NULL},
  {"end_offset", syn_get_end_offset, NULL, NULL},
  {"text", syn_get_text, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

int exc_init_types(lang_vm *vm) {
  for (int k = 0; k < EXC_COUNT; k++) {
    obj_type *t = lang_alloc(sizeof(obj_type));
    if (!t) return -1;
    t->hdr.refcnt = OBJ_IMMORTAL;
    t->hdr.type = &type_type;
    t->name = exc_defs[k].name;
    t->tflags = TYPE_F_BASETYPE | TYPE_F_EXC | TYPE_F_NOREG;
    if (k == EXC_BaseException) {
      t->base = &type_object;
      t->basicsize = sizeof(obj_exc);
      t->dict_offset = offsetof(obj_exc, dict);
      t->dealloc = exc_dealloc;
      t->new_ = exc_new_slot;
      t->init = exc_init_slot;
      t->str = exc_str_slot;
      t->repr = exc_repr_slot;
    } else {
      t->base = vm->exc_types[exc_defs[k].base];
    }
    vm->exc_types[k] = t;
    if (type_ready(vm, t) < 0) return -1;
  }
  if (type_add_getsets(vm, vm->exc_types[EXC_BaseException], exc_getsets) < 0 ||
      type_add_methods(vm, vm->exc_types[EXC_BaseException], exc_methods) < 0 ||
      type_add_getsets(vm, vm->exc_types[EXC_StopIteration], stopiter_getsets) < 0 ||
      type_add_getsets(vm, vm->exc_types[EXC_SystemExit], sysexit_getsets) < 0 ||
      type_add_getsets(vm, vm->exc_types[EXC_NameError], name_getsets) < 0 ||
      type_add_getsets(vm, vm->exc_types[EXC_AttributeError], attr_getsets) < 0 ||
      type_add_getsets(vm, vm->exc_types[EXC_OSError], oserror_getsets) < 0 ||
      type_add_getsets(vm, vm->exc_types[EXC_SyntaxError], syntax_getsets) < 0)
    return -1;
  /* the preallocated MemoryError */
  value me = exc_new_slot(vm, vm->exc_types[EXC_MemoryError], NULL, 0, NULL);
  if (VAL_IS_NULL(me)) return -1;
  vm->memory_error = me;
  return 0;
}

/* Frees the exception classes (end of the interpreter). */
void exc_free_types(lang_vm *vm) {
  val_decref(vm->memory_error);
  vm->memory_error = val_null();
  for (int k = EXC_COUNT - 1; k >= 0; k--) {
    obj_type *t = vm->exc_types[k];
    if (!t) continue;
    obj_xdecref(t->dict);
    lang_free(t, sizeof(obj_type));
    vm->exc_types[k] = NULL;
  }
}

/* ---- raising ---- */

value exc_new(lang_vm *vm, obj_type *t, const char *msg) {
  obj_str *s = str_from_cstr(vm, msg);
  if (!s) return val_null();
  value a = val_obj(s);
  value e = exc_new_slot(vm, t, &a, 1, NULL);
  obj_decref(s);
  return e;
}

void exc_set_object(lang_vm *vm, value e) {
  if (!VAL_IS_NULL(vm->handling) && is_exc(e) && vm->handling.u.o != e.u.o && EXC(e)->context.tag == VAL_NONE) {
    /* avoid context cycles: walk the handled exception's context chain */
    bool cycle = false;
    for (value c = vm->handling; is_exc(c); c = EXC(c)->context)
      if (c.u.o == e.u.o) {
        cycle = true;
        break;
      }
    if (!cycle) val_set(&EXC(e)->context, val_incref(vm->handling));
  }
  val_set(&vm->exc, e);
}

value exc_set(lang_vm *vm, exc_kind k, const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  value e = exc_new(vm, vm->exc_types[k], buf);
  if (VAL_IS_NULL(e)) return exc_nomem(vm);
  exc_set_object(vm, e);
  return val_null();
}

int exc_seti(lang_vm *vm, exc_kind k, const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  value e = exc_new(vm, vm->exc_types[k], buf);
  if (VAL_IS_NULL(e)) {
    exc_nomem(vm);
    return -1;
  }
  exc_set_object(vm, e);
  return -1;
}

value exc_set_value(lang_vm *vm, exc_kind k, value arg) {
  value e = exc_new_slot(vm, vm->exc_types[k], &arg, VAL_IS_NULL(arg) ? 0 : 1, NULL);
  if (VAL_IS_NULL(e)) return exc_nomem(vm);
  exc_set_object(vm, e);
  return val_null();
}

value exc_nomem(lang_vm *vm) {
  if (VAL_IS_NULL(vm->memory_error)) {
    val_set(&vm->exc, val_none());
    return val_null();
  }
  obj_exc *e = EXC(vm->memory_error);
  for (int i = 0; i < e->ntb; i++) obj_decref(e->tb[i].code);
  e->ntb = 0;
  val_set(&e->context, val_none());
  val_set(&vm->exc, val_incref(vm->memory_error));
  return val_null();
}

value exc_from_ten(lang_vm *vm) {
  exc_kind k;
  switch (ten_error_kind()) {
  case TEN_E_INDEX: k = EXC_IndexError; break;
  case TEN_E_VALUE: k = EXC_ValueError; break;
  case TEN_E_TYPE: k = EXC_TypeError; break;
  case TEN_E_NOMEM: k = EXC_MemoryError; break;
  case TEN_E_NOTIMPL: k = EXC_NotImplementedError; break;
  case TEN_E_ASSERTION: k = EXC_AssertionError; break;
  case TEN_E_ZERODIV: k = EXC_ZeroDivisionError; break;
  case TEN_E_OVERFLOW: k = EXC_OverflowError; break;
  default: k = EXC_RuntimeError; break;
  }
  value r = exc_set(vm, k, "%s", ten_error_msg());
  ten_error_clear();
  return r;
}

int exc_raise(lang_vm *vm, value x) {
  if (val_is_type(x) && (VAL_TYPE(x)->tflags & TYPE_F_EXC)) {
    value e = vm_call0(vm, x);
    if (VAL_IS_NULL(e)) return -1;
    if (!is_exc(e)) {
      exc_seti(vm, EXC_TypeError, "calling %s should have returned an instance of BaseException, not %s",
               VAL_TYPE(x)->name, val_type_name(e));
      val_decref(e);
      return -1;
    }
    exc_set_object(vm, e);
    return -1;
  }
  if (is_exc(x)) {
    exc_set_object(vm, val_incref(x));
    return -1;
  }
  return exc_seti(vm, EXC_TypeError, "exceptions must derive from BaseException");
}

bool exc_pending(lang_vm *vm) { return !VAL_IS_NULL(vm->exc); }

bool exc_matches(lang_vm *vm, exc_kind k) {
  if (VAL_IS_NULL(vm->exc)) return false;
  return val_isinstance(vm->exc, vm->exc_types[k]);
}

value exc_fetch(lang_vm *vm) {
  value e = vm->exc;
  vm->exc = val_null();
  return e;
}

void exc_clear(lang_vm *vm) { val_set(&vm->exc, val_null()); }

void exc_add_traceback(lang_vm *vm, obj_code *code, int lineno) {
  if (!is_exc(vm->exc)) return;
  obj_exc *e = EXC(vm->exc);
  if (e->ntb == e->captb) {
    int cap = e->captb ? e->captb * 2 : 8;
    exc_tb_entry *p = realloc(e->tb, sizeof(exc_tb_entry) * (size_t)cap);
    if (!p) return;
    e->tb = p;
    e->captb = cap;
  }
  obj_incref(code);
  e->tb[e->ntb].code = code;
  e->tb[e->ntb].lineno = lineno;
  e->ntb++;
}

void exc_note_attribute(lang_vm *vm, value o, obj_str *name) {
  if (!is_exc(vm->exc)) return;
  obj_exc *e = EXC(vm->exc);
  val_set(&e->note_obj, val_incref(o));
  obj_incref(name);
  obj_xdecref(e->note_name);
  e->note_name = name;
}

void exc_note_name(lang_vm *vm, obj_str *name, obj_code *code, obj_dict *globals, obj_dict *locals) {
  if (!is_exc(vm->exc)) return;
  obj_exc *e = EXC(vm->exc);
  obj_incref(name);
  obj_xdecref(e->note_name);
  e->note_name = name;
  if (code) obj_incref(code);
  obj_xdecref(e->note_code);
  e->note_code = code;
  if (globals) obj_incref(globals);
  obj_xdecref(e->note_globals);
  e->note_globals = globals;
  if (locals) obj_incref(locals);
  obj_xdecref(e->note_locals);
  e->note_locals = locals;
}

const char *exc_type_name(value exc) { return val_type_name(exc); }

/* ---- "Did you mean" (CPython 3.11's Levenshtein with case/move costs) ---- */

#define MAX_CANDIDATES 750
#define MAX_STRING_SIZE 40
#define MOVE_COST 2
#define CASE_COST 1

static int substitution_cost(char a, char b) {
  if ((a & 31) != (b & 31)) return MOVE_COST;
  if (a == b) return 0;
  if (a >= 'A' && a <= 'Z') a += 'a' - 'A';
  if (b >= 'A' && b <= 'Z') b += 'a' - 'A';
  return a == b ? CASE_COST : MOVE_COST;
}

static int64_t levenshtein(const char *a, int64_t na, const char *b, int64_t nb, int64_t max_cost) {
  size_t buffer[MAX_STRING_SIZE];
  if (a == b) return 0;
  while (na && nb && a[0] == b[0]) {
    a++;
    b++;
    na--;
    nb--;
  }
  while (na && nb && a[na - 1] == b[nb - 1]) {
    na--;
    nb--;
  }
  if (na == 0 || nb == 0) return (na + nb) * MOVE_COST;
  if (na > MAX_STRING_SIZE || nb > MAX_STRING_SIZE) return max_cost + 1;
  if (nb < na) {
    const char *t = a;
    a = b;
    b = t;
    int64_t tn = na;
    na = nb;
    nb = tn;
  }
  if ((nb - na) * MOVE_COST > max_cost) return max_cost + 1;
  size_t tmp = MOVE_COST;
  for (int64_t i = 0; i < na; i++) {
    buffer[i] = tmp;
    tmp += MOVE_COST;
  }
  size_t result = 0;
  for (int64_t bi = 0; bi < nb; bi++) {
    char code = b[bi];
    size_t distance = result = (size_t)bi * MOVE_COST;
    size_t minimum = SIZE_MAX;
    for (int64_t i = 0; i < na; i++) {
      size_t substitute = distance + (size_t)substitution_cost(code, a[i]);
      distance = buffer[i];
      size_t insert_delete = (result < distance ? result : distance) + MOVE_COST;
      result = insert_delete < substitute ? insert_delete : substitute;
      buffer[i] = result;
      if (result < minimum) minimum = result;
    }
    if ((int64_t)minimum > max_cost) return max_cost + 1;
  }
  return (int64_t)result;
}

static obj_str *best_suggestion(obj_list *dir, obj_str *name) {
  if (!dir || dir->len >= MAX_CANDIDATES) return NULL;
  int64_t best = INT64_MAX;
  obj_str *sugg = NULL;
  for (int64_t i = 0; i < dir->len; i++) {
    if (!val_is_str(dir->items[i])) continue;
    obj_str *item = VAL_STR(dir->items[i]);
    if (str_eq(item, name)) continue;
    int64_t maxd = (name->len + item->len + 3) * MOVE_COST / 6;
    if (best - 1 < maxd) maxd = best - 1;
    int64_t d = levenshtein(name->data, name->len, item->data, item->len, maxd);
    if (d > maxd) continue;
    if (!sugg || d < best) {
      sugg = item;
      best = d;
    }
  }
  return sugg;
}

static obj_list *sorted_keys(lang_vm *vm, obj_dict *d) {
  if (!d) return NULL;
  obj_list *l = list_new(vm, d->used);
  if (!l) return NULL;
  int64_t pos = 0;
  value k, v;
  while (dict_next(d, &pos, &k, &v)) list_append(vm, l, k);
  if (list_sort(vm, l, val_null(), false) < 0) exc_clear(vm);
  return l;
}

/* The suggestion text (" Did you mean: 'x'?") for an exception, appended to out. */
static void add_suggestion(lang_vm *vm, obj_exc *e, strbuf *out) {
  if (!e->note_name) return;
  obj_type *t = e->hdr.type;
  obj_str *sugg = NULL;
  value saved = exc_fetch(vm);
  if (type_is_subtype(t, vm->exc_types[EXC_AttributeError]) && !VAL_IS_NULL(e->note_obj)) {
    value d = vm_call_method(vm, e->note_obj, str_intern(vm, "__dir__"), NULL, 0, NULL);
    if (!VAL_IS_NULL(d) && val_is_list(d)) {
      list_sort(vm, VAL_LIST(d), val_null(), false);
      sugg = best_suggestion(VAL_LIST(d), e->note_name);
      if (sugg) obj_incref(sugg);
    }
    val_decref(d);
  } else if (type_is_subtype(t, vm->exc_types[EXC_NameError])) {
    obj_list *l = NULL;
    if (e->note_locals) l = sorted_keys(vm, e->note_locals);
    else if (e->note_code) {
      obj_code *co = e->note_code;
      l = list_new(vm, co->nlocals);
      for (int i = 0; l && i < co->nlocals; i++) list_append(vm, l, val_obj(co->varnames[i]));
      for (int i = 0; l && i < co->ncells + co->nfree; i++)
        list_append(vm, l, val_obj(i < co->ncells ? co->cellvars[i] : co->freevars[i - co->ncells]));
      if (l) list_sort(vm, l, val_null(), false);
    }
    sugg = best_suggestion(l, e->note_name);
    if (sugg) obj_incref(sugg);
    obj_xdecref(l);
    if (!sugg && e->note_globals) {
      l = sorted_keys(vm, e->note_globals);
      sugg = best_suggestion(l, e->note_name);
      if (sugg) obj_incref(sugg);
      obj_xdecref(l);
    }
    if (!sugg) {
      l = sorted_keys(vm, vm->builtins);
      sugg = best_suggestion(l, e->note_name);
      if (sugg) obj_incref(sugg);
      obj_xdecref(l);
    }
  }
  exc_clear(vm);
  vm->exc = saved;
  if (sugg) {
    sb_printf(out, ". Did you mean: '%s'?", sugg->data);
    obj_decref(sugg);
  }
}

/* ---- formatting ---- */

static bool source_line(lang_vm *vm, obj_str *filename, int lineno, strbuf *out);

bool exc_source_line(lang_vm *vm, obj_str *filename, int lineno, strbuf *out) {
  return source_line(vm, filename, lineno, out);
}

int exc_warn(lang_vm *vm, exc_kind k, const char *msg) {
  /* with the warnings module loaded, its filters decide (warnings.simplefilter("ignore") ...) */
  value wm = dict_get_cstr(vm, vm->modules, "warnings");
  if (!VAL_IS_NULL(wm)) {
    value fn = obj_getattr_cstr(vm, wm, "warn");
    value args[2] = {val_obj(str_from_cstr(vm, msg)), val_obj(exc_type(vm, k))};
    obj_incref(args[1].u.o);
    value r = VAL_IS_NULL(fn) || VAL_IS_NULL(args[0]) ? val_null() : vm_call(vm, fn, args, 2, NULL);
    val_decref(fn);
    val_decref(args[0]);
    val_decref(args[1]);
    if (VAL_IS_NULL(r)) return -1;
    val_decref(r);
    return 0;
  }
  vm_frame *f = vm->frame;
  const char *file = f ? f->code->filename->data : "sys";
  int line = f ? code_line(f->code, f->ip - 1) : 1;
  /* the default filter: once per location and message */
  value reg = dict_get_cstr(vm, vm->builtins, "__warningregistry__");
  if (VAL_IS_NULL(reg)) {
    obj_dict *d = dict_new(vm);
    if (!d || dict_set_cstr(vm, vm->builtins, "__warningregistry__", val_obj(d)) < 0) {
      obj_xdecref(d);
      return -1;
    }
    obj_decref(d);
    reg = val_obj(d);
  }
  obj_str *key = str_printf(vm, "%s:%d:%s:%s", file, line, exc_type(vm, k)->name, msg);
  if (!key) return -1;
  if (!VAL_IS_NULL(dict_get_str(VAL_DICT(reg), key))) {
    obj_decref(key);
    return 0;
  }
  int rc = dict_set_str(vm, VAL_DICT(reg), key, val_bool(true));
  obj_decref(key);
  if (rc < 0) return -1;
  strbuf b;
  sb_init(&b);
  sb_printf(&b, "%s:%d: %s: %s\n", file, line, exc_type(vm, k)->name, msg);
  strbuf src;
  sb_init(&src);
  if (f && source_line(vm, f->code->filename, line, &src)) sb_printf(&b, "  %s\n", src.data);
  sb_free(&src);
  vm_write(vm, 2, b.data, (size_t)b.len);
  sb_free(&b);
  return 0;
}

/* Line `lineno` (1-based) of the source registered for filename, stripped; NULL if unknown. */
static bool source_line(lang_vm *vm, obj_str *filename, int lineno, strbuf *out) {
  value src = dict_get_str(vm->sources, filename);
  if (!val_is_str(src)) return false;
  const char *s = VAL_STR(src)->data, *end = s + VAL_STR(src)->len;
  for (int l = 1; l < lineno && s < end; l++) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    if (!nl) return false;
    s = nl + 1;
  }
  if (s >= end && lineno > 1) return false;
  const char *e = memchr(s, '\n', (size_t)(end - s));
  if (!e) e = end;
  while (s < e && (*s == ' ' || *s == '\t' || *s == '\f')) s++;
  while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\f')) e--;
  if (s == e) return false;
  sb_add(out, s, e - s);
  return true;
}

#define TB_RECURSIVE_CUTOFF 3

static void print_repeated(strbuf *out, int cnt) {
  cnt -= TB_RECURSIVE_CUTOFF;
  sb_printf(out, "  [Previous line repeated %d more time%s]\n", cnt, cnt > 1 ? "s" : "");
}

/* Frames outermost first; runs of the same (file, line, function) beyond three are collapsed. */
static void format_frames(lang_vm *vm, obj_exc *e, strbuf *out) {
  sb_adds(out, "Traceback (most recent call last):\n");
  obj_code *last = NULL;
  int last_line = -1, cnt = 0;
  for (int i = e->ntb - 1; i >= 0; i--) {
    exc_tb_entry *t = &e->tb[i];
    if (!last || !str_eq(t->code->filename, last->filename) || t->lineno != last_line ||
        !str_eq(t->code->name, last->name)) {
      if (cnt > TB_RECURSIVE_CUTOFF) print_repeated(out, cnt);
      last = t->code;
      last_line = t->lineno;
      cnt = 0;
    }
    cnt++;
    if (cnt > TB_RECURSIVE_CUTOFF) continue;
    sb_printf(out, "  File \"%s\", line %d, in %s\n", t->code->filename->data, t->lineno, t->code->name->data);
    strbuf line;
    sb_init(&line);
    if (source_line(vm, t->code->filename, t->lineno, &line)) {
      sb_adds(out, "    ");
      sb_add(out, line.data, line.len);
      sb_addc(out, '\n');
    }
    sb_free(&line);
  }
  if (cnt > TB_RECURSIVE_CUTOFF) print_repeated(out, cnt);
}

static void format_syntax_error(lang_vm *vm, obj_exc *e, strbuf *out) {
  if (e->lineno) {
    const char *fn = val_is_str(e->filename) ? VAL_STR(e->filename)->data : "<string>";
    sb_printf(out, "  File \"%s\", line %d\n", fn, e->lineno);
  }
  if (val_is_str(e->text)) {
    obj_str *text = VAL_STR(e->text);
    const char *r = text->data, *rend = r + text->len;
    while (rend > r && rend[-1] == '\n') rend--;
    const char *l = r;
    while (l < rend && (*l == ' ' || *l == '\n' || *l == '\f')) l++;
    int64_t spaces = l - r;   /* ASCII spaces: bytes == chars */
    sb_adds(out, "    ");
    sb_add(out, l, rend - l);
    sb_addc(out, '\n');
    if (e->offset) {
      int offset = e->offset;
      int end_offset = e->end_offset ? e->end_offset : offset;
      if (type_is_subtype(e->hdr.type, vm->exc_types[EXC_IndentationError])) end_offset = offset;   /* one caret */
      if (offset == end_offset || end_offset == -1) end_offset = offset + 1;
      int64_t colno = offset - 1 - spaces, end_colno = end_offset - 1 - spaces;
      if (colno >= 0) {
        sb_adds(out, "    ");
        /* caret spacing: one space per character before the column (tabs kept) */
        const unsigned char *p = (const unsigned char *)l;
        int64_t c = 0;
        while (c < colno && p < (const unsigned char *)rend) {
          int n = 1;
          if (*p >= 0xF0) n = 4;
          else if (*p >= 0xE0) n = 3;
          else if (*p >= 0xC0) n = 2;
          sb_addc(out, *p == '\t' ? '\t' : (*p == '\f' ? '\f' : ' '));
          p += n;
          c++;
        }
        while (c < colno) {
          sb_addc(out, ' ');
          c++;
        }
        for (int64_t k = colno; k < end_colno; k++) sb_addc(out, '^');
        sb_addc(out, '\n');
      }
    }
  }
}

static int format_one(lang_vm *vm, value exc, strbuf *out, int depth) {
  if (!is_exc(exc)) {
    sb_printf(out, "%s\n", val_type_name(exc));
    return 0;
  }
  obj_exc *e = EXC(exc);
  if (depth < 32) {
    if (is_exc(e->cause)) {
      format_one(vm, e->cause, out, depth + 1);
      sb_adds(out, "\nThe above exception was the direct cause of the following exception:\n\n");
    } else if (is_exc(e->context) && !e->suppress_context) {
      format_one(vm, e->context, out, depth + 1);
      sb_adds(out, "\nDuring handling of the above exception, another exception occurred:\n\n");
    }
  }
  if (e->ntb) format_frames(vm, e, out);
  obj_type *t = e->hdr.type;
  bool syntax = type_is_subtype(t, vm->exc_types[EXC_SyntaxError]);
  if (syntax) format_syntax_error(vm, e, out);
  const char *mod = t->module ? t->module->data : "builtins";
  if (strcmp(mod, "builtins") != 0 && strcmp(mod, "__main__") != 0) sb_printf(out, "%s.%s", mod, t->qualname->data);
  else sb_adds(out, t->qualname->data);
  value saved = exc_fetch(vm);
  value s = syntax ? (e->args->len ? obj_str_of(vm, e->args->items[0]) : val_null()) : obj_str_of(vm, exc);
  if (VAL_IS_NULL(s)) {
    exc_clear(vm);
    sb_adds(out, ": <exception str() failed>");
  } else {
    if (VAL_STR(s)->len) {
      sb_adds(out, ": ");
      sb_add(out, VAL_STR(s)->data, VAL_STR(s)->len);
    }
    val_decref(s);
  }
  vm->exc = saved;
  add_suggestion(vm, e, out);
  sb_addc(out, '\n');
  return 0;
}

int exc_format(lang_vm *vm, value exc, strbuf *out) { return format_one(vm, exc, out, 0); }
