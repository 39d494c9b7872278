/*
** kernel/lang/call.c — calling: the generic vm_call dispatch, builtin functions (arity and keyword
** checks), Python functions (CPython's argument binding rules and error texts, frame set-up,
** generators), and method calls without a bound-method object.
*/
#include <stdlib.h>

#include "kernel/lang/internal.h"

/* ---- frames ---- */

static size_t frame_size(const obj_code *co) {
  size_t n = sizeof(vm_frame) + sizeof(value) * (size_t)(co->nlocals + co->stacksize) +
             sizeof(obj_cell *) * (size_t)(co->ncells + co->nfree) + sizeof(vm_block) * (size_t)co->nblocks;
  return (n + 15) & ~(size_t)15;
}

/* ---- the frame stack: calls push and pop frames in LIFO order, so they are carved from chunks ---- */

typedef struct frame_chunk { struct frame_chunk *prev; size_t size, used; char data[]; } frame_chunk;
#define FRAME_CHUNK_BYTES (256 * 1024)

static vm_frame *arena_alloc(lang_vm *vm, size_t size) {
  frame_chunk *c = vm->frame_chunks;
  if (!c || c->used + size > c->size) {
    size_t cap = size > FRAME_CHUNK_BYTES ? size : FRAME_CHUNK_BYTES;
    frame_chunk *n = malloc(sizeof(frame_chunk) + cap);
    if (!n) return NULL;
    n->prev = c;
    n->size = cap;
    n->used = 0;
    vm->frame_chunks = c = n;
  }
  vm_frame *f = (vm_frame *)(c->data + c->used);
  c->used += size;
  return f;
}

static void arena_free(lang_vm *vm, vm_frame *f, size_t size) {
  frame_chunk *c = vm->frame_chunks;
  c->used -= size;
  if (c->used == 0 && c->prev) {   /* an emptied overflow chunk goes back */
    vm->frame_chunks = c->prev;
    free(c);
  }
  (void)f;
}

void frame_arena_free(lang_vm *vm) {
  while (vm->frame_chunks) {
    frame_chunk *p = vm->frame_chunks->prev;
    free(vm->frame_chunks);
    vm->frame_chunks = p;
  }
}

static vm_frame *frame_alloc(lang_vm *vm, obj_code *co, size_t size) {
  vm_frame *f;
  bool arena = !(co->flags & CO_GENERATOR);
#if defined(__SANITIZE_ADDRESS__)
  arena = false;   /* one allocation per frame, so ASan sees overruns */
#endif
  if (arena) {
    f = arena_alloc(vm, size);
    if (!f) return NULL;
    /* zero the header, the fast locals and the cells; the value stack is written before it is read.
       16-byte stores (a variable-size memset is inlined as `rep stos`, slow for ~100 bytes); rounding
       up stays inside the frame, whose size frame_size rounds to 16 too. */
    size_t nz = (sizeof(vm_frame) + sizeof(value) * (size_t)co->nlocals + 15) & ~(size_t)15;
    for (size_t i = 0; i < nz; i += 16) memset((char *)f + i, 0, 16);
    if (co->ncells + co->nfree)
      memset((char *)f + sizeof(vm_frame) + sizeof(value) * (size_t)(co->nlocals + co->stacksize), 0,
             sizeof(obj_cell *) * (size_t)(co->ncells + co->nfree));
    f->on_arena = true;
  } else {
    f = lang_alloc(size);
    if (!f) return NULL;
  }
  f->alloc_size = (uint32_t)size;
  return f;
}

vm_frame *frame_new(lang_vm *vm, obj_code *co, obj_func *fn, obj_dict *globals, obj_dict *locals) {
  vm_frame *f = frame_alloc(vm, co, frame_size(co));
  if (!f) {
    exc_nomem(vm);
    return NULL;
  }
  f->code = co;
  obj_incref(co);
  f->func = fn;
  if (fn) obj_incref(fn);
  f->globals = globals;
  obj_incref(globals);
  f->locals = locals;
  if (locals) obj_incref(locals);
  f->stack = f->fast + co->nlocals;
  f->cells = (obj_cell **)(f->stack + co->stacksize);
  f->blocks = (vm_block *)(f->cells + co->ncells + co->nfree);
  /* every fast local starts VAL_NULL (unbound) */
  return f;
}

void frame_free(lang_vm *vm, vm_frame *f) {
  obj_code *co = f->code;
  for (int i = 0; i < co->nlocals; i++) val_decref(f->fast[i]);
  for (int i = 0; i < f->sp; i++) val_decref(f->stack[i]);
  for (int i = 0; i < co->ncells + co->nfree; i++) obj_xdecref(f->cells[i]);
  obj_xdecref(f->func);
  obj_decref(f->globals);
  obj_xdecref(f->locals);
  size_t sz = f->alloc_size;
  bool arena = f->on_arena;
  obj_decref(co);
  if (arena) arena_free(vm, f, sz);
  else lang_free(f, sz);
}

/* ---- argument binding ---- */

static const char *fname(obj_func *f) { return f->code->qualname->data; }

static void list_names(strbuf *b, obj_str **names, int n) {
  for (int i = 0; i < n; i++) {
    if (i) sb_adds(b, n == 2 ? " and " : (i == n - 1 ? ", and " : ", "));
    sb_printf(b, "'%s'", names[i]->data);
  }
}

static int missing_error(lang_vm *vm, obj_func *f, vm_frame *fr, int from, int to, bool kwonly) {
  obj_code *co = f->code;
  obj_str *miss[64];
  int n = 0;
  for (int i = from; i < to && n < 64; i++)
    if (VAL_IS_NULL(fr->fast[i])) miss[n++] = co->varnames[i];
  strbuf b;
  sb_init(&b);
  list_names(&b, miss, n);
  exc_set(vm, EXC_TypeError, "%s() missing %d required %s argument%s: %s", fname(f), n,
          kwonly ? "keyword-only" : "positional", n == 1 ? "" : "s", b.data ? b.data : "");
  sb_free(&b);
  return -1;
}

static int too_many_positional(lang_vm *vm, obj_func *f, int given) {
  obj_code *co = f->code;
  int ndef = f->defaults ? (int)f->defaults->len : 0;
  int maxp = co->argcount, minp = maxp - ndef;
  char takes[64];
  if (ndef && minp != maxp) snprintf(takes, sizeof takes, "from %d to %d positional arguments", minp, maxp);
  else snprintf(takes, sizeof takes, "%d positional argument%s", maxp, maxp == 1 ? "" : "s");
  return exc_seti(vm, EXC_TypeError, "%s() takes %s but %d %s given", fname(f), takes, given,
                  given == 1 ? "was" : "were");
}

/* Binds args into the frame's fast locals. 0 / -1. */
static int bind_args(lang_vm *vm, obj_func *f, vm_frame *fr, const value *args, int nargs, obj_tuple *kw) {
  obj_code *co = f->code;
  int npos = co->argcount, nkwonly = co->kwonlyargcount;
  int total = npos + nkwonly;
  int varargs_ix = (co->flags & CO_VARARGS) ? total : -1;
  int varkw_ix = (co->flags & CO_VARKW) ? total + (varargs_ix >= 0) : -1;
  value *fast = fr->fast;
  int n = nargs < npos ? nargs : npos;
  for (int i = 0; i < n; i++) fast[i] = val_incref(args[i]);
  if (nargs > npos) {
    if (varargs_ix < 0) return too_many_positional(vm, f, nargs);
    obj_tuple *t = tuple_from(vm, args + npos, nargs - npos);
    if (!t) return -1;
    fast[varargs_ix] = val_obj(t);
  } else if (varargs_ix >= 0) {
    obj_tuple *t = tuple_new(vm, 0);
    if (!t) return -1;
    fast[varargs_ix] = val_obj(t);
  }
  obj_dict *kwdict = NULL;
  if (varkw_ix >= 0) {
    kwdict = dict_new(vm);
    if (!kwdict) return -1;
    fast[varkw_ix] = val_obj(kwdict);
  }
  if (kw) {
    for (int64_t k = 0; k < kw->len; k++) {
      obj_str *name = VAL_STR(kw->items[k]);
      value v = args[nargs + k];
      int j;
      for (j = co->posonlyargcount; j < total; j++)
        if (co->varnames[j] == name || str_eq(co->varnames[j], name)) break;
      if (j < total) {
        if (!VAL_IS_NULL(fast[j]))
          return exc_seti(vm, EXC_TypeError, "%s() got multiple values for argument '%s'", fname(f), name->data);
        fast[j] = val_incref(v);
        continue;
      }
      if (kwdict) {
        if (dict_set_str(vm, kwdict, name, v) < 0) return -1;
        continue;
      }
      for (j = 0; j < co->posonlyargcount; j++)
        if (str_eq(co->varnames[j], name))
          return exc_seti(vm, EXC_TypeError,
                          "%s() got some positional-only arguments passed as keyword arguments: '%s'", fname(f),
                          name->data);
      return exc_seti(vm, EXC_TypeError, "%s() got an unexpected keyword argument '%s'", fname(f), name->data);
    }
  }
  if (nargs < npos) {
    int ndef = f->defaults ? (int)f->defaults->len : 0;
    int first_def = npos - ndef;
    for (int i = nargs; i < npos; i++) {
      if (!VAL_IS_NULL(fast[i])) continue;
      if (i >= first_def) fast[i] = val_incref(f->defaults->items[i - first_def]);
    }
    for (int i = nargs; i < npos; i++)
      if (VAL_IS_NULL(fast[i])) return missing_error(vm, f, fr, nargs, first_def < npos ? first_def : npos, false);
  }
  for (int i = npos; i < total; i++) {
    if (!VAL_IS_NULL(fast[i])) continue;
    if (f->kwdefaults) {
      value d = dict_get_str(f->kwdefaults, co->varnames[i]);
      if (!VAL_IS_NULL(d)) {
        fast[i] = val_incref(d);
        continue;
      }
    }
  }
  for (int i = npos; i < total; i++)
    if (VAL_IS_NULL(fast[i])) return missing_error(vm, f, fr, npos, total, true);
  return 0;
}

static int setup_cells(lang_vm *vm, obj_func *f, vm_frame *fr) {
  obj_code *co = f->code;
  for (int i = 0; i < co->ncells; i++) {
    value init = val_null();
    if (co->cell2arg && co->cell2arg[i] >= 0) {
      init = fr->fast[co->cell2arg[i]];
      fr->fast[co->cell2arg[i]] = val_null();
    }
    fr->cells[i] = cell_new(vm, init);
    val_decref(init);
    if (!fr->cells[i]) return -1;
  }
  for (int i = 0; i < co->nfree; i++) {
    obj_cell *c = (obj_cell *)f->closure->items[i].u.o;
    obj_incref(c);
    fr->cells[co->ncells + i] = c;
  }
  return 0;
}

value func_call(lang_vm *vm, obj_func *f, const value *args, int nargs, obj_tuple *kw) {
  obj_code *co = f->code;
  vm_frame *fr = frame_new(vm, co, f, f->globals, NULL);
  if (!fr) return val_null();
  bool fast_path = !kw && nargs == co->argcount && !(co->flags & (CO_VARARGS | CO_VARKW)) && co->kwonlyargcount == 0;
  if (fast_path) {
    for (int i = 0; i < nargs; i++) fr->fast[i] = val_incref(args[i]);
  } else if (bind_args(vm, f, fr, args, nargs, kw) < 0) {
    frame_free(vm, fr);
    return val_null();
  }
  if ((co->ncells || co->nfree) && setup_cells(vm, f, fr) < 0) {
    frame_free(vm, fr);
    return val_null();
  }
  if (co->flags & CO_GENERATOR) return gen_new(vm, fr, f);
  if (vm->depth >= vm->recursion_limit || vm_stack_exhausted()) {
    frame_free(vm, fr);
    return exc_set(vm, EXC_RecursionError, "maximum recursion depth exceeded");
  }
  vm->depth++;
  bool yielded;
  value r = vm_exec(vm, fr, &yielded);
  vm->depth--;
  frame_free(vm, fr);
  return r;
}

value vm_run_class_body(lang_vm *vm, obj_func *body, obj_dict *ns) {
  obj_code *co = body->code;
  vm_frame *fr = frame_new(vm, co, body, body->globals, ns);
  if (!fr) return val_null();
  if ((co->ncells || co->nfree) && setup_cells(vm, body, fr) < 0) {
    frame_free(vm, fr);
    return val_null();
  }
  vm->depth++;
  bool yielded;
  value r = vm_exec(vm, fr, &yielded);
  vm->depth--;
  frame_free(vm, fr);
  return r;
}

value vm_run_code(lang_vm *vm, obj_code *co, obj_dict *globals, obj_dict *locals) {
  vm_frame *fr = frame_new(vm, co, NULL, globals, locals ? locals : globals);
  if (!fr) return val_null();
  bool yielded;
  value r = vm_exec(vm, fr, &yielded);
  frame_free(vm, fr);
  return r;
}

/* ---- builtin functions ---- */

static int bfunc_arity_error(lang_vm *vm, obj_bfunc *f, int given) {
  int off = (f->owner && !(f->reg->flags & BI_F_STATIC)) ? 1 : 0;
  int want = f->reg->nargs - off;
  given -= off;
  char name[128];
  if (f->owner) snprintf(name, sizeof name, "%s.%s", f->owner->name, f->reg->name);
  else snprintf(name, sizeof name, "%s", f->reg->name);
  if (want == 0) return exc_seti(vm, EXC_TypeError, "%s() takes no arguments (%d given)", name, given);
  if (want == 1) return exc_seti(vm, EXC_TypeError, "%s() takes exactly one argument (%d given)", name, given);
  return exc_seti(vm, EXC_TypeError, "%s expected %d arguments, got %d", f->reg->name, want, given);
}

value bfunc_call(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kw) {
  obj_bfunc *f = (obj_bfunc *)self.u.o;
  const bi_reg *reg = f->reg;
  int nkw = kw ? (int)kw->len : 0;
  if (nkw && !(reg->flags & BI_F_KW)) {
    if (f->owner) return exc_set(vm, EXC_TypeError, "%s.%s() takes no keyword arguments", f->owner->name, reg->name);
    return exc_set(vm, EXC_TypeError, "%s() takes no keyword arguments", reg->name);
  }
  if (VAL_IS_NULL(f->self)) {
    if (reg->nargs >= 0 && nargs != reg->nargs) {
      if (f->owner && nargs == 0 && !(reg->flags & (BI_F_STATIC | BI_F_CLASS)))
        return exc_set(vm, EXC_TypeError, "unbound method %s.%s() needs an argument", f->owner->name, reg->name);
      bfunc_arity_error(vm, f, nargs);
      return val_null();
    }
    if (f->owner && !(reg->flags & (BI_F_STATIC | BI_F_CLASS)) && nargs > 0 && !val_isinstance(args[0], f->owner))
      return exc_set(vm, EXC_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", reg->name,
                     f->owner->name, val_type_name(args[0]));
    if (vm_check_interrupt(vm) < 0) return val_null();
    return reg->fn(vm, args, nargs, kw);
  }
  int total = nargs + nkw + 1;
  if (reg->nargs >= 0 && nargs + 1 != reg->nargs) {
    bfunc_arity_error(vm, f, nargs + 1);
    return val_null();
  }
  value stackbuf[16];
  value *buf = total <= 16 ? stackbuf : lang_alloc(sizeof(value) * (size_t)total);
  if (!buf) return exc_nomem(vm);
  buf[0] = f->self;
  for (int i = 0; i < nargs + nkw; i++) buf[i + 1] = args[i];
  value r = reg->fn(vm, buf, nargs + 1, kw);
  if (buf != stackbuf) lang_free(buf, sizeof(value) * (size_t)total);
  return r;
}

/* ---- generic calls ---- */

value vm_call(lang_vm *vm, value callable, const value *args, int nargs, obj_tuple *kwnames) {
  obj_type *t = val_type(callable);
  if (t == &type_function) return func_call(vm, (obj_func *)callable.u.o, args, nargs, kwnames);
  if (t == &type_bfunc) return bfunc_call(vm, callable, args, nargs, kwnames);
  if (t->call) {
    if (vm_enter_recursion(vm, " while calling a Python object") < 0) return val_null();
    value r = t->call(vm, callable, args, nargs, kwnames);
    vm_leave_recursion(vm);
    return r;
  }
  return exc_set(vm, EXC_TypeError, "'%s' object is not callable", t->name);
}

/* Is d (found in a type dict) an unbound method we can call with self prepended? */
bool is_method_descr(value d) {
  obj_type *dt = val_type(d);
  if (dt == &type_function) return true;
  if (dt == &type_bfunc) {
    obj_bfunc *f = (obj_bfunc *)d.u.o;
    return f->owner && !(f->reg->flags & (BI_F_STATIC | BI_F_CLASS));
  }
  return dt == &type_slotwrapper;
}

value vm_call_method(lang_vm *vm, value self, obj_str *name, const value *args, int nargs, obj_tuple *kwnames) {
  obj_type *t = val_type(self);
  value d = (t->getattr == obj_generic_getattr || !t->getattr) ? type_lookup(t, name) : val_null();
  if (!VAL_IS_NULL(d) && is_method_descr(d)) {
    obj_dict *idict = obj_instance_dict(vm, self, false);
    if (!idict || VAL_IS_NULL(dict_get_str(idict, name))) {
      int nkw = kwnames ? (int)kwnames->len : 0;
      int total = nargs + nkw + 1;
      value stackbuf[16];
      value *buf = total <= 16 ? stackbuf : lang_alloc(sizeof(value) * (size_t)total);
      if (!buf) return exc_nomem(vm);
      buf[0] = self;
      for (int i = 0; i < nargs + nkw; i++) buf[i + 1] = args[i];
      value r = vm_call(vm, d, buf, nargs + 1, kwnames);
      if (buf != stackbuf) lang_free(buf, sizeof(value) * (size_t)total);
      return r;
    }
  }
  value m = obj_getattr(vm, self, name);
  if (VAL_IS_NULL(m)) return m;
  value r = vm_call(vm, m, args, nargs, kwnames);
  val_decref(m);
  return r;
}
