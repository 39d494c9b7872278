/*
** kernel/lang/gen.c — generator objects: a suspended frame resumed by next()/send(), finished by
** return (StopIteration carries the value) or by an exception.
*/
#include <stdlib.h>

#include "kernel/lang/internal.h"

value gen_new(lang_vm *vm, vm_frame *f, obj_func *fn) {
  obj_gen *g = obj_alloc(vm, &type_generator, sizeof *g);
  if (!g) {
    frame_free(vm, f);
    return val_null();
  }
  f->owned_by_gen = true;
  g->frame = f;
  g->name = fn->name;
  obj_incref(g->name);
  g->qualname = fn->qualname;
  obj_incref(g->qualname);
  return val_obj(g);
}

static void gen_dealloc(obj *o) {
  obj_gen *g = (obj_gen *)o;
  if (g->frame) frame_free(NULL, g->frame);
  obj_xdecref(g->name);
  obj_xdecref(g->qualname);
}

/* Resumes g with sent. Returns the yielded value (done false), the return value (done true), or
   VAL_NULL with an exception (done true). */
value gen_send(lang_vm *vm, value gv, value sent, bool *done) {
  obj_gen *g = (obj_gen *)gv.u.o;
  *done = true;
  if (g->running) return exc_set(vm, EXC_ValueError, "generator already executing");
  vm_frame *f = g->frame;
  if (!f) return val_none();   /* exhausted: behaves as return None (StopIteration) */
  if (f->ip == 0 && f->sp == 0) {
    if (sent.tag != VAL_NONE && !VAL_IS_NULL(sent))
      return exc_set(vm, EXC_TypeError, "can't send non-None value to a just-started generator");
  } else {
    f->stack[f->sp++] = VAL_IS_NULL(sent) ? val_none() : val_incref(sent);
  }
  if (vm->depth >= vm->recursion_limit || vm_stack_exhausted()) return exc_set(vm, EXC_RecursionError, "maximum recursion depth exceeded");
  g->running = true;
  vm->depth++;
  bool yielded;
  value r = vm_exec(vm, f, &yielded);
  vm->depth--;
  g->running = false;
  if (yielded) {
    *done = false;
    return r;
  }
  g->frame = NULL;
  frame_free(vm, f);
  if (VAL_IS_NULL(r) && exc_matches(vm, EXC_StopIteration)) {
    /* PEP 479: a StopIteration escaping a generator becomes RuntimeError */
    value e = exc_fetch(vm);
    exc_set(vm, EXC_RuntimeError, "generator raised StopIteration");
    if (vm->exc.tag == VAL_OBJ) {
      obj_exc *x = (obj_exc *)vm->exc.u.o;
      val_set(&x->cause, e);
      x->suppress_context = true;
    } else {
      val_decref(e);
    }
  }
  return r;
}

static value iter_self(lang_vm *vm, value self) { return val_incref(self); }

static value gen_next(lang_vm *vm, value self) {
  bool done;
  value r = gen_send(vm, self, val_none(), &done);
  if (done && !VAL_IS_NULL(r)) {
    val_decref(r);
    return val_stop();
  }
  return r;
}

static value gen_send_method(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  bool done;
  value r = gen_send(vm, args[0], args[1], &done);
  if (done && !VAL_IS_NULL(r)) return exc_set_value(vm, EXC_StopIteration, r.tag == VAL_NONE ? val_null() : r);
  return r;
}

static value gen_close(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_gen *g = (obj_gen *)args[0].u.o;
  if (g->frame) {
    frame_free(vm, g->frame);
    g->frame = NULL;
  }
  return val_none();
}

static value gen_throw(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_gen *g = (obj_gen *)args[0].u.o;
  if (nargs < 2) return exc_set(vm, EXC_TypeError, "throw expected at least 1 argument, got 0");
  if (g->frame) {
    frame_free(vm, g->frame);
    g->frame = NULL;
  }
  exc_raise(vm, args[1]);
  return val_null();
}

static value gen_repr(lang_vm *vm, value self) {
  obj_gen *g = (obj_gen *)self.u.o;
  return val_obj(str_printf(vm, "<generator object %s at %p>", g->qualname->data, (void *)g));
}

static value gen_get_name(lang_vm *vm, value s) { return val_incref(val_obj(((obj_gen *)s.u.o)->name)); }
static value gen_get_qualname(lang_vm *vm, value s) { return val_incref(val_obj(((obj_gen *)s.u.o)->qualname)); }

static const bi_reg gen_methods[] = {
  {"send", gen_send_method, 2, 0, "send(arg) -> send 'arg' into generator, return next yielded value or raise StopIteration."},
  {"close", gen_close, 1, 0, "close() -> raise GeneratorExit inside generator."},
  {"throw", gen_throw, BI_VARARGS, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};
static const bi_getset gen_getsets[] = {
  {"__name__", gen_get_name, NULL, NULL},
  {"__qualname__", gen_get_qualname, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

obj_type type_generator = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "generator", .basicsize = sizeof(obj_gen), .dealloc = gen_dealloc,
  .iter = iter_self, .next = gen_next, .repr = gen_repr,
};

int gen_init(lang_vm *vm) {
  if (type_ready(vm, &type_generator) < 0) return -1;
  if (type_add_methods(vm, &type_generator, gen_methods) < 0 || type_add_getsets(vm, &type_generator, gen_getsets) < 0)
    return -1;
  return 0;
}
