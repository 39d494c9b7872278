/*
** kernel/lang/vm.c — the eval loop: one C invocation per running frame (generators resume into a
** fresh invocation), a value stack per frame, handler blocks from SETUP_FINALLY, and a single
** error path that records the traceback and unwinds to the innermost handler.
*/
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/internal.h"

const char *const op_names[OP_COUNT] = {
#define OP(name, doc) #name,
#include "kernel/lang/opcodes.def"
#undef OP
};

int vm_check_interrupt(lang_vm *vm) {
  if (!*vm->interrupt) return 0;
  *vm->interrupt = 0;
  exc_set_value(vm, EXC_KeyboardInterrupt, val_null());
  return -1;
}

int vm_enter_recursion(lang_vm *vm, const char *what) {
  if (++vm->c_depth + vm->depth > vm->recursion_limit + 50 || vm->c_depth > 4 * vm->recursion_limit ||
      vm_stack_exhausted()) {
    vm->c_depth--;
    return exc_seti(vm, EXC_RecursionError, "maximum recursion depth exceeded%s", what);
  }
  return 0;
}

void vm_write(lang_vm *vm, int stream, const char *s, size_t n) {
  if (vm->write) vm->write(vm->write_ctx, stream, s, n);
  else fwrite(s, 1, n, stream == 2 ? stderr : stdout);
}

static value unbound_local(lang_vm *vm, obj_str *name) {
  return exc_set(vm, EXC_UnboundLocalError, "cannot access local variable '%s' where it is not associated with a value",
                 name->data);
}

static value name_error(lang_vm *vm, vm_frame *f, obj_str *name) {
  exc_set(vm, EXC_NameError, "name '%s' is not defined", name->data);
  obj_dict *locals = f->locals && f->locals != f->globals ? f->locals : NULL;
  exc_note_name(vm, name, (f->code->flags & CO_NEWLOCALS) ? f->code : NULL, f->globals, locals);
  return val_null();
}

static obj_str *cell_name(obj_code *co, int i) {
  return i < co->ncells ? co->cellvars[i] : co->freevars[i - co->ncells];
}

/* Calls with arguments from a tuple and keywords from a dict (f(*a, **k)). */
static value call_ex(lang_vm *vm, value f, value argt, value kwd) {
  obj_tuple *a = VAL_TUPLE(argt);
  if (VAL_IS_NULL(kwd) || VAL_DICT(kwd)->used == 0) return vm_call(vm, f, a->items, (int)a->len, NULL);
  obj_dict *d = VAL_DICT(kwd);
  int64_t nk = d->used, n = a->len + nk;
  value *args = lang_alloc(sizeof(value) * (size_t)n);
  obj_tuple *names = tuple_new(vm, nk);
  if (!args || !names) {
    lang_free(args, sizeof(value) * (size_t)n);
    obj_xdecref(names);
    return exc_nomem(vm);
  }
  for (int64_t i = 0; i < a->len; i++) args[i] = a->items[i];
  int64_t pos = 0, k = 0;
  value key, v;
  value r = val_null();
  while (dict_next(d, &pos, &key, &v)) {
    if (!val_is_str(key)) {
      exc_set(vm, EXC_TypeError, "keywords must be strings");
      goto done;
    }
    obj_str *in = str_intern_n(vm, VAL_STR(key)->data, VAL_STR(key)->len);
    if (!in) goto done;
    obj_incref(in);
    names->items[k] = val_obj(in);
    args[a->len + k] = v;
    k++;
  }
  r = vm_call(vm, f, args, (int)a->len, names);
done:
  lang_free(args, sizeof(value) * (size_t)n);
  obj_decref(names);
  return r;
}

static const char *callable_desc(lang_vm *vm, value f, char *buf, size_t n) {
  obj_type *t = val_type(f);
  if (t == &type_function) snprintf(buf, n, "%s()", ((obj_func *)f.u.o)->qualname->data);
  else if (t == &type_bfunc) snprintf(buf, n, "%s()", ((obj_bfunc *)f.u.o)->reg->name);
  else if (t == &type_method) return callable_desc(vm, ((obj_method *)f.u.o)->func, buf, n);
  else if (val_is_type(f)) snprintf(buf, n, "%s()", VAL_TYPE(f)->name);
  else snprintf(buf, n, "%s object", t->name);
  return buf;
}

static int unpack_iterable(lang_vm *vm, value seq, int before, int after, bool star, value **sp_io) {
  value *sp = *sp_io;
  obj_list *l;
  if (val_is_list(seq) || val_is_tuple(seq)) {
    l = obj_to_list(vm, seq);
  } else {
    obj_type *t = val_type(seq);
    if (!t->iter && !t->getitem)
      return exc_seti(vm, EXC_TypeError, "cannot unpack non-iterable %s object", t->name);
    l = obj_to_list(vm, seq);
  }
  if (!l) return -1;
  int64_t n = l->len;
  if (!star) {
    if (n != before) {
      if (n > before) exc_seti(vm, EXC_ValueError, "too many values to unpack (expected %d)", before);
      else exc_seti(vm, EXC_ValueError, "not enough values to unpack (expected %d, got %lld)", before, (long long)n);
      obj_decref(l);
      return -1;
    }
    for (int64_t i = n - 1; i >= 0; i--) *sp++ = val_incref(l->items[i]);
  } else {
    if (n < before + after) {
      exc_seti(vm, EXC_ValueError, "not enough values to unpack (expected at least %d, got %lld)", before + after,
               (long long)n);
      obj_decref(l);
      return -1;
    }
    for (int64_t i = n - 1; i >= n - after; i--) *sp++ = val_incref(l->items[i]);
    obj_list *mid = list_new(vm, n - before - after);
    if (!mid) {
      obj_decref(l);
      return -1;
    }
    for (int64_t i = before; i < n - after; i++) mid->items[mid->len++] = val_incref(l->items[i]);
    *sp++ = val_obj(mid);
    for (int64_t i = before - 1; i >= 0; i--) *sp++ = val_incref(l->items[i]);
  }
  obj_decref(l);
  *sp_io = sp;
  return 0;
}

static bool exc_class_ok(value t) {
  return val_is_type(t) && (VAL_TYPE(t)->tflags & TYPE_F_EXC);
}

/* isinstance(exc, t) for except clauses; t may be a tuple. -1 on a bad class. */
static int exc_match(lang_vm *vm, value exc, value t) {
  if (val_is_tuple(t)) {
    obj_tuple *tu = VAL_TUPLE(t);
    for (int64_t i = 0; i < tu->len; i++) {
      int r = exc_match(vm, exc, tu->items[i]);
      if (r) return r;
    }
    return 0;
  }
  if (!exc_class_ok(t))
    return exc_seti(vm, EXC_TypeError, "catching classes that do not inherit from BaseException is not allowed");
  return val_isinstance(exc, VAL_TYPE(t));
}

/* Looks a special method up on the type and binds it. */
static value special_bound(lang_vm *vm, value o, obj_str *name) {
  value m = type_lookup(val_type(o), name);
  if (VAL_IS_NULL(m)) return m;
  obj_type *mt = val_type(m);
  if (mt->descr_get) return mt->descr_get(vm, m, o, val_type(o));
  return val_incref(m);
}

static value display_value(lang_vm *vm, value v) {
  if (v.tag == VAL_NONE) return val_none();
  value r = obj_repr(vm, v);
  if (VAL_IS_NULL(r)) return r;
  vm_write(vm, 1, VAL_STR(r)->data, (size_t)VAL_STR(r)->len);
  vm_write(vm, 1, "\n", 1);
  val_decref(r);
  dict_set_cstr(vm, vm->builtins, "_", v);
  return val_none();
}

value vm_exec(lang_vm *vm, vm_frame *f, bool *yielded) {
  obj_code *co = f->code;
  const uint32_t *code = co->code;
  value *consts = co->consts;
  obj_str **names = co->names;
  value *fast = f->fast;
  value *stack = f->stack;
  obj_cell **cells = f->cells;
  value *sp = stack + f->sp;
  int ip = f->ip;
  int oparg;
  bool reraise = false;
  *yielded = false;
  f->back = vm->frame;
  vm->frame = f;

/* Switches the loop's registers to frame fr (a call entering it, or a return to it). */
#define LOAD_FRAME(fr)            \
  do {                            \
    f = (fr);                     \
    co = f->code;                 \
    code = co->code;              \
    consts = co->consts;          \
    names = co->names;            \
    fast = f->fast;               \
    stack = f->stack;             \
    cells = f->cells;             \
    sp = stack + f->sp;           \
    ip = f->ip;                   \
  } while (0)
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define PEEK(n) (sp[-(n)])
#define CHECK(v) do { if (VAL_IS_NULL(v)) goto error; } while (0)

#if defined(__GNUC__)
  static const void *const targets[OP_COUNT] = {
#define OP(name, doc) &&L_##name,
#include "kernel/lang/opcodes.def"
#undef OP
  };
#define TARGET(name) L_##name:
#define DISPATCH()                                     \
  do {                                                 \
    uint32_t w_ = code[ip++];                          \
    oparg = INS_ARG(w_);                               \
    goto *targets[INS_OP(w_)];                         \
  } while (0)
#else
#define TARGET(name) case OP_##name:
#define DISPATCH() goto dispatch
#endif

#if !defined(__GNUC__)
dispatch:;
  {
    uint32_t w_ = code[ip++];
    oparg = INS_ARG(w_);
    switch (INS_OP(w_)) {
#endif
  DISPATCH();

  TARGET(NOP) DISPATCH();
  TARGET(POP_TOP) {
    value v = POP();
    val_decref(v);
    DISPATCH();
  }
  TARGET(COPY) {
    value v = PEEK(oparg);
    PUSH(val_incref(v));
    DISPATCH();
  }
  TARGET(SWAP) {
    value t = sp[-1];
    sp[-1] = sp[-oparg];
    sp[-oparg] = t;
    DISPATCH();
  }
  TARGET(LOAD_CONST) {
    PUSH(val_incref(consts[oparg]));
    DISPATCH();
  }
  TARGET(LOAD_FAST) {
    value v = fast[oparg];
    if (VAL_IS_NULL(v)) {
      unbound_local(vm, co->varnames[oparg]);
      goto error;
    }
    PUSH(val_incref(v));
    DISPATCH();
  }
  TARGET(STORE_FAST) {
    value v = POP();
    value old = fast[oparg];
    fast[oparg] = v;
    val_decref(old);
    DISPATCH();
  }
  TARGET(DELETE_FAST) {
    if (VAL_IS_NULL(fast[oparg])) {
      unbound_local(vm, co->varnames[oparg]);
      goto error;
    }
    val_set(&fast[oparg], val_null());
    DISPATCH();
  }
  TARGET(LOAD_DEREF) {
    value v = cells[oparg]->v;
    if (VAL_IS_NULL(v)) {
      if (oparg < co->ncells) unbound_local(vm, cell_name(co, oparg));
      else
        exc_set(vm, EXC_NameError,
                "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
                cell_name(co, oparg)->data);
      goto error;
    }
    PUSH(val_incref(v));
    DISPATCH();
  }
  TARGET(STORE_DEREF) {
    val_set(&cells[oparg]->v, POP());
    DISPATCH();
  }
  TARGET(DELETE_DEREF) {
    if (VAL_IS_NULL(cells[oparg]->v)) {
      unbound_local(vm, cell_name(co, oparg));
      goto error;
    }
    val_set(&cells[oparg]->v, val_null());
    DISPATCH();
  }
  TARGET(LOAD_CLOSURE) {
    obj_incref(cells[oparg]);
    PUSH(val_obj(cells[oparg]));
    DISPATCH();
  }
  TARGET(LOAD_CLASSDEREF) {
    obj_str *name = cell_name(co, oparg);
    value v = f->locals ? dict_get_str(f->locals, name) : val_null();
    if (VAL_IS_NULL(v)) v = cells[oparg]->v;
    if (VAL_IS_NULL(v)) {
      exc_set(vm, EXC_NameError,
              "cannot access free variable '%s' where it is not associated with a value in enclosing scope", name->data);
      goto error;
    }
    PUSH(val_incref(v));
    DISPATCH();
  }
  TARGET(LOAD_GLOBAL) {
    obj_dict *g = f->globals;
    global_cache *gc = co->gcache ? &co->gcache[ip - 1] : NULL;
    if (gc && gc->globals == g && gc->gver == g->version) {
      if (gc->where == 1) {
        PUSH(val_incref(g->entries[gc->ix].val));
        DISPATCH();
      }
      if (gc->where == 2 && gc->bver == vm->builtins->version) {
        PUSH(val_incref(vm->builtins->entries[gc->ix].val));
        DISPATCH();
      }
    }
    obj_str *name = names[oparg];
    int64_t ix = dict_find_str(g, name);
    if (ix >= 0) {
      if (gc) *gc = (global_cache){g, g->version, 0, (int32_t)ix, 1};
      PUSH(val_incref(g->entries[ix].val));
      DISPATCH();
    }
    ix = dict_find_str(vm->builtins, name);
    if (ix < 0) {
      name_error(vm, f, name);
      goto error;
    }
    if (gc) *gc = (global_cache){g, g->version, vm->builtins->version, (int32_t)ix, 2};
    PUSH(val_incref(vm->builtins->entries[ix].val));
    DISPATCH();
  }
  TARGET(STORE_GLOBAL) {
    value v = POP();
    obj_dict *g = f->globals;
    global_cache *gc = co->gcache ? &co->gcache[ip - 1] : NULL;
    if (gc && gc->where == 1 && gc->globals == g && gc->gver == g->version) {
      val_set(&g->entries[gc->ix].val, v);
      DISPATCH();
    }
    int rc = dict_set_str(vm, g, names[oparg], v);
    val_decref(v);
    if (rc < 0) goto error;
    if (gc) {
      int64_t ix = dict_find_str(g, names[oparg]);
      if (ix >= 0) *gc = (global_cache){g, g->version, 0, (int32_t)ix, 1};
    }
    DISPATCH();
  }
  TARGET(DELETE_GLOBAL) {
    int rc = dict_del(vm, f->globals, val_obj(names[oparg]));
    if (rc < 0) goto error;
    if (rc == 0) {
      name_error(vm, f, names[oparg]);
      goto error;
    }
    DISPATCH();
  }
  TARGET(LOAD_NAME) {
    obj_str *name = names[oparg];
    value v = f->locals ? dict_get_str(f->locals, name) : val_null();
    if (VAL_IS_NULL(v) && f->locals != f->globals) v = dict_get_str(f->globals, name);
    if (VAL_IS_NULL(v)) v = dict_get_str(vm->builtins, name);
    if (VAL_IS_NULL(v)) {
      name_error(vm, f, name);
      goto error;
    }
    PUSH(val_incref(v));
    DISPATCH();
  }
  TARGET(STORE_NAME) {
    value v = POP();
    int rc = dict_set_str(vm, f->locals ? f->locals : f->globals, names[oparg], v);
    val_decref(v);
    if (rc < 0) goto error;
    DISPATCH();
  }
  TARGET(DELETE_NAME) {
    int rc = dict_del(vm, f->locals ? f->locals : f->globals, val_obj(names[oparg]));
    if (rc < 0) goto error;
    if (rc == 0) {
      name_error(vm, f, names[oparg]);
      goto error;
    }
    DISPATCH();
  }
  TARGET(LOAD_ATTR) {
    value o = TOP();
    if (o.tag == VAL_OBJ && co->acache) {
      obj_type *t = o.u.o->type;
      attr_cache *ac = &co->acache[ip - 1];
      if (ac->type == t && ac->epoch == lang_type_epoch && ac->kind == 1) {
        obj_dict *d = *(obj_dict **)((char *)o.u.o + t->dict_offset);
        value v = val_null();
        if (d) {
          obj_str *name = names[oparg];
          dict_entry *e = ac->ix < d->nentries ? &d->entries[ac->ix] : NULL;
          if (e && e->key.tag == VAL_OBJ && e->key.u.o == (obj *)name) {
            v = e->val;   /* instances of a class mostly set their attributes in the same order */
          } else {
            int64_t ix = dict_find_str(d, name);
            if (ix >= 0) {
              ac->ix = (uint32_t)ix;
              v = d->entries[ix].val;
            }
          }
        }
        if (!VAL_IS_NULL(v)) {
          sp[-1] = val_incref(v);
          val_decref(o);
          DISPATCH();
        }
      } else if ((t->tflags & TYPE_F_HEAP) && t->getattr == obj_generic_getattr && t->dict_offset) {
        value descr = type_lookup(t, names[oparg]);
        if (VAL_IS_NULL(descr) || !val_type(descr)->descr_set) {
          ac->type = t;
          ac->epoch = lang_type_epoch;
          ac->kind = 1;
          ac->descr = descr;
        }
      }
    }
    f->ip = ip;   /* a getter may warn (warnings name the line) */
    value r = obj_getattr(vm, o, names[oparg]);
    val_decref(o);
    sp[-1] = r;
    if (VAL_IS_NULL(r)) {
      sp--;
      goto error;
    }
    DISPATCH();
  }
  TARGET(STORE_ATTR) {
    value o = POP();
    value v = POP();
    if (o.tag == VAL_OBJ && co->acache) {
      obj_type *t = o.u.o->type;
      attr_cache *ac = &co->acache[ip - 1];
      if (ac->type == t && ac->epoch == lang_type_epoch && ac->kind == 1) {
        obj_dict *d = obj_instance_dict(vm, o, true);
        if (d) {
          obj_str *name = names[oparg];
          dict_entry *e = ac->ix < d->nentries ? &d->entries[ac->ix] : NULL;
          if (e && e->key.tag == VAL_OBJ && e->key.u.o == (obj *)name) {
            val_set(&e->val, v);   /* an existing key: what dict_set_str does, without the lookup */
            val_decref(o);
            DISPATCH();
          }
          int rc = dict_set_str(vm, d, name, v);
          val_decref(o);
          val_decref(v);
          if (rc < 0) goto error;
          int64_t last = d->nentries - 1;
          if (last >= 0 && d->entries[last].key.tag == VAL_OBJ && d->entries[last].key.u.o == (obj *)name)
            ac->ix = (uint32_t)last;
          DISPATCH();
        }
      } else if ((t->tflags & TYPE_F_HEAP) && t->setattr == obj_generic_setattr && t->dict_offset) {
        value descr = type_lookup(t, names[oparg]);
        if (VAL_IS_NULL(descr) || !val_type(descr)->descr_set) {
          ac->type = t;
          ac->epoch = lang_type_epoch;
          ac->kind = 1;
          ac->descr = descr;
        }
      }
    }
    int rc = obj_setattr(vm, o, names[oparg], v);
    val_decref(o);
    val_decref(v);
    if (rc < 0) goto error;
    DISPATCH();
  }
  TARGET(DELETE_ATTR) {
    value o = POP();
    int rc = obj_setattr(vm, o, names[oparg], val_null());
    val_decref(o);
    if (rc < 0) goto error;
    DISPATCH();
  }
  TARGET(LOAD_METHOD) {
    value o = TOP();
    obj_type *t = val_type(o);
    obj_str *name = names[oparg];
    attr_cache *ac = co->acache ? &co->acache[ip - 1] : NULL;
    if (ac && ac->type == t && ac->epoch == lang_type_epoch && ac->kind == 2) {
      obj_dict *idict = t->dict_offset && o.tag == VAL_OBJ ? *(obj_dict **)((char *)o.u.o + t->dict_offset) : NULL;
      if (!idict || VAL_IS_NULL(dict_get_str(idict, name))) {
        sp[-1] = val_incref(ac->descr);
        PUSH(o);
        DISPATCH();
      }
    }
    if (t->getattr == obj_generic_getattr || !t->getattr) {
      value d = type_lookup(t, name);
      if (!VAL_IS_NULL(d) && is_method_descr(d)) {
        if (ac) {
          ac->type = t;
          ac->epoch = lang_type_epoch;
          ac->kind = 2;
          ac->descr = d;
        }
        obj_dict *idict = t->dict_offset ? obj_instance_dict(vm, o, false) : NULL;
        if (!idict || VAL_IS_NULL(dict_get_str(idict, name))) {
          sp[-1] = val_incref(d);
          PUSH(o);
          DISPATCH();
        }
      }
    }
    value r = obj_getattr(vm, o, name);
    val_decref(o);
    if (VAL_IS_NULL(r)) {
      sp--;
      goto error;
    }
    sp[-1] = r;
    PUSH(val_null());
    DISPATCH();
  }
  TARGET(PUSH_NULL) {
    PUSH(val_null());
    DISPATCH();
  }
  TARGET(BINARY_OP) {
    value b = sp[-1], a = sp[-2];
    if (a.tag == VAL_INT && b.tag == VAL_INT) {
      int64_t r;
      int op = oparg >= BINOP_INPLACE ? oparg - BINOP_INPLACE : oparg;
      switch (op) {
      case BINOP_ADD:
        if (!__builtin_add_overflow(a.u.i, b.u.i, &r)) { sp--; sp[-1] = val_int(r); DISPATCH(); }
        break;
      case BINOP_SUB:
        if (!__builtin_sub_overflow(a.u.i, b.u.i, &r)) { sp--; sp[-1] = val_int(r); DISPATCH(); }
        break;
      case BINOP_MUL:
        if (!__builtin_mul_overflow(a.u.i, b.u.i, &r)) { sp--; sp[-1] = val_int(r); DISPATCH(); }
        break;
      default: break;
      }
    } else if (a.tag == VAL_FLOAT && b.tag == VAL_FLOAT) {
      int op = oparg >= BINOP_INPLACE ? oparg - BINOP_INPLACE : oparg;
      double x = a.u.f, y = b.u.f;
      switch (op) {
      case BINOP_ADD: sp--; sp[-1] = val_float(x + y); DISPATCH();
      case BINOP_SUB: sp--; sp[-1] = val_float(x - y); DISPATCH();
      case BINOP_MUL: sp--; sp[-1] = val_float(x * y); DISPATCH();
      case BINOP_TRUEDIV: if (y != 0.0) { sp--; sp[-1] = val_float(x / y); DISPATCH(); } break;
      default: break;
      }
    }
    value r = obj_binop(vm, a, b, oparg);
    val_decref(a);
    val_decref(b);
    sp -= 2;
    CHECK(r);
    PUSH(r);
    DISPATCH();
  }
  TARGET(UNARY_OP) {
    value v = TOP();
    value r = obj_unop(vm, v, oparg);
    val_decref(v);
    sp--;
    CHECK(r);
    PUSH(r);
    DISPATCH();
  }
  TARGET(UNARY_NOT) {
    value v = TOP();
    int t = v.tag == VAL_BOOL ? v.u.b : obj_truth(vm, v);
    val_decref(v);
    sp--;
    if (t < 0) goto error;
    PUSH(val_bool(!t));
    DISPATCH();
  }
  TARGET(COMPARE_OP) {
    value b = sp[-1], a = sp[-2];
    if (a.tag == VAL_INT && b.tag == VAL_INT) {
      int64_t x = a.u.i, y = b.u.i;
      bool r;
      switch (oparg) {
      case CMP_LT: r = x < y; break;
      case CMP_LE: r = x <= y; break;
      case CMP_EQ: r = x == y; break;
      case CMP_NE: r = x != y; break;
      case CMP_GT: r = x > y; break;
      default: r = x >= y; break;
      }
      uint32_t next = code[ip];   /* `if a < b:` — take the jump here, without the bool */
      if (INS_OP(next) == OP_POP_JUMP_IF_FALSE || INS_OP(next) == OP_POP_JUMP_IF_TRUE) {
        sp -= 2;
        ip = r == (INS_OP(next) == OP_POP_JUMP_IF_TRUE) ? INS_ARG(next) : ip + 1;
        DISPATCH();
      }
      sp--;
      sp[-1] = val_bool(r);
      DISPATCH();
    }
    value r = obj_richcmp(vm, a, b, oparg);
    val_decref(a);
    val_decref(b);
    sp -= 2;
    CHECK(r);
    PUSH(r);
    DISPATCH();
  }
  TARGET(IS_OP) {
    value b = POP(), a = POP();
    bool same = a.tag == b.tag;
    if (same) {
      switch (a.tag) {
      case VAL_OBJ: same = a.u.o == b.u.o; break;
      case VAL_BOOL: same = a.u.b == b.u.b; break;
      case VAL_INT: same = a.u.i == b.u.i; break;
      case VAL_FLOAT: same = memcmp(&a.u.f, &b.u.f, sizeof(double)) == 0; break;
      default: break;
      }
    }
    val_decref(a);
    val_decref(b);
    PUSH(val_bool(oparg ? !same : same));
    DISPATCH();
  }
  TARGET(CONTAINS_OP) {
    value b = POP(), a = POP();
    int r = obj_contains(vm, b, a);
    val_decref(a);
    val_decref(b);
    if (r < 0) goto error;
    PUSH(val_bool(oparg ? !r : r));
    DISPATCH();
  }
  TARGET(BINARY_SUBSCR) {
    value k = POP(), o = POP();
    value r;
    if (o.tag == VAL_OBJ && o.u.o->type == &type_list && k.tag == VAL_INT) {
      obj_list *l = VAL_LIST(o);
      int64_t i = k.u.i < 0 ? k.u.i + l->len : k.u.i;
      if (i >= 0 && i < l->len) r = val_incref(l->items[i]);
      else r = obj_getitem(vm, o, k);
    } else {
      r = obj_getitem(vm, o, k);
    }
    val_decref(k);
    val_decref(o);
    CHECK(r);
    PUSH(r);
    DISPATCH();
  }
  TARGET(STORE_SUBSCR) {
    value k = POP(), o = POP(), v = POP();
    int rc = obj_setitem(vm, o, k, v);
    val_decref(k);
    val_decref(o);
    val_decref(v);
    if (rc < 0) goto error;
    DISPATCH();
  }
  TARGET(DELETE_SUBSCR) {
    value k = POP(), o = POP();
    int rc = obj_setitem(vm, o, k, val_null());
    val_decref(k);
    val_decref(o);
    if (rc < 0) goto error;
    DISPATCH();
  }
  TARGET(BUILD_SLICE) {
    value step = oparg == 3 ? POP() : val_none();
    value hi = POP(), lo = POP();
    value s = slice_new(vm, lo, hi, step);
    val_decref(lo);
    val_decref(hi);
    val_decref(step);
    CHECK(s);
    PUSH(s);
    DISPATCH();
  }
  TARGET(BUILD_TUPLE) {
    obj_tuple *t = tuple_new(vm, oparg);
    if (!t) goto error;
    sp -= oparg;
    for (int i = 0; i < oparg; i++) t->items[i] = sp[i];
    PUSH(val_obj(t));
    DISPATCH();
  }
  TARGET(BUILD_LIST) {
    obj_list *l = list_new(vm, oparg);
    if (!l) goto error;
    sp -= oparg;
    for (int i = 0; i < oparg; i++) l->items[i] = sp[i];
    l->len = oparg;
    PUSH(val_obj(l));
    DISPATCH();
  }
  TARGET(BUILD_SET) {
    value s = set_new_from(vm, &type_set, val_null());
    CHECK(s);
    int rc = 0;
    for (int i = oparg; i > 0; i--) {
      if (rc == 0) rc = set_add(vm, s, sp[-i]);
      val_decref(sp[-i]);
    }
    sp -= oparg;
    if (rc < 0) {
      val_decref(s);
      goto error;
    }
    PUSH(s);
    DISPATCH();
  }
  TARGET(BUILD_MAP) {
    obj_dict *d = dict_new(vm);
    if (!d) goto error;
    int rc = 0;
    for (int i = oparg; i > 0; i--) {
      if (rc == 0) rc = dict_set(vm, d, sp[-2 * i], sp[-2 * i + 1]);
      val_decref(sp[-2 * i]);
      val_decref(sp[-2 * i + 1]);
    }
    sp -= 2 * oparg;
    if (rc < 0) {
      obj_decref(d);
      goto error;
    }
    PUSH(val_obj(d));
    DISPATCH();
  }
  TARGET(BUILD_STRING) {
    obj_str *s = str_join_values(vm, vm->empty_str, sp - oparg, oparg);
    for (int i = 1; i <= oparg; i++) val_decref(sp[-i]);
    sp -= oparg;
    if (!s) goto error;
    PUSH(val_obj(s));
    DISPATCH();
  }
  TARGET(LIST_APPEND) {
    value v = POP();
    if (list_append_steal(vm, VAL_LIST(PEEK(oparg)), v) < 0) goto error;
    DISPATCH();
  }
  TARGET(SET_ADD) {
    value v = POP();
    int rc = set_add(vm, PEEK(oparg), v);
    val_decref(v);
    if (rc < 0) goto error;
    DISPATCH();
  }
  TARGET(MAP_ADD) {
    value v = POP(), k = POP();
    int rc = dict_set(vm, VAL_DICT(PEEK(oparg)), k, v);
    val_decref(k);
    val_decref(v);
    if (rc < 0) goto error;
    DISPATCH();
  }
  TARGET(LIST_EXTEND) {
    value it = POP();
    obj_type *t = val_type(it);
    if (!t->iter && !t->getitem) {
      exc_set(vm, EXC_TypeError, "Value after * must be an iterable, not %s", t->name);
      val_decref(it);
      goto error;
    }
    int rc = list_extend(vm, VAL_LIST(PEEK(oparg)), it);
    val_decref(it);
    if (rc < 0) goto error;
    DISPATCH();
  }
  TARGET(SET_UPDATE) {
    value it = POP();
    value tmp = set_new_from(vm, &type_set, it);
    val_decref(it);
    CHECK(tmp);
    value r = obj_binop(vm, PEEK(oparg), tmp, BINOP_INPLACE + BINOP_OR);
    val_decref(tmp);
    CHECK(r);
    val_decref(r);
    DISPATCH();
  }
  TARGET(DICT_UPDATE) {
    value m = POP();
    if (!val_is_dict(m) && VAL_IS_NULL(type_lookup(val_type(m), vm->s.keys))) {
      exc_set(vm, EXC_TypeError, "'%s' object is not a mapping", val_type_name(m));
      val_decref(m);
      goto error;
    }
    int rc = dict_update(vm, VAL_DICT(PEEK(oparg)), m);
    val_decref(m);
    if (rc < 0) goto error;
    DISPATCH();
  }
  TARGET(DICT_MERGE) {
    value m = POP();
    obj_dict *d = VAL_DICT(PEEK(oparg));
    char desc[160];
    if (!val_is_dict(m) && VAL_IS_NULL(type_lookup(val_type(m), vm->s.keys))) {
      exc_set(vm, EXC_TypeError, "%s argument after ** must be a mapping, not %s",
              callable_desc(vm, PEEK(oparg + 2), desc, sizeof desc), val_type_name(m));
      val_decref(m);
      goto error;
    }
    obj_dict *src = val_is_dict(m) ? VAL_DICT(m) : NULL;
    obj_dict *tmp = NULL;
    if (!src) {
      tmp = dict_new(vm);
      if (!tmp || dict_update(vm, tmp, m) < 0) {
        obj_xdecref(tmp);
        val_decref(m);
        goto error;
      }
      src = tmp;
    }
    int64_t pos = 0;
    value k, v;
    int rc = 0;
    while (rc == 0 && dict_next(src, &pos, &k, &v)) {
      bool err;
      value old = dict_get(vm, d, k, &err);
      if (err) rc = -1;
      else if (!VAL_IS_NULL(old)) {
        strbuf b;
        sb_init(&b);
        obj_str_to(vm, k, &b);
        exc_set(vm, EXC_TypeError, "%s got multiple values for keyword argument '%s'",
                callable_desc(vm, PEEK(oparg + 2), desc, sizeof desc), b.data ? b.data : "");
        sb_free(&b);
        rc = -1;
      } else rc = dict_set(vm, d, k, v);
    }
    obj_xdecref(tmp);
    val_decref(m);
    if (rc < 0) goto error;
    DISPATCH();
  }
  TARGET(LIST_TO_TUPLE) {
    value l = TOP();
    value t = list_to_tuple(vm, VAL_LIST(l));
    val_decref(l);
    sp--;
    CHECK(t);
    PUSH(t);
    DISPATCH();
  }
  TARGET(FORMAT_VALUE) {
    value spec = (oparg & 4) ? POP() : val_null();
    value v = POP();
    int conv = oparg & 3;
    if (conv) {
      value c2 = conv == 1 ? obj_str_of(vm, v) : conv == 2 ? obj_repr(vm, v) : obj_ascii(vm, v);
      val_decref(v);
      if (VAL_IS_NULL(c2)) {
        val_decref(spec);
        goto error;
      }
      v = c2;
    }
    value r;
    if (VAL_IS_NULL(spec) && v.tag == VAL_OBJ && v.u.o->type == &type_str) r = val_incref(v);
    else r = obj_format(vm, v, VAL_IS_NULL(spec) ? vm->empty_str : VAL_STR(spec));
    val_decref(v);
    val_decref(spec);
    CHECK(r);
    PUSH(r);
    DISPATCH();
  }
  TARGET(UNPACK_SEQUENCE) {
    value seq = POP();
    if (seq.tag == VAL_OBJ && seq.u.o->type == &type_tuple && VAL_TUPLE(seq)->len == oparg) {
      obj_tuple *t = VAL_TUPLE(seq);
      for (int i = oparg - 1; i >= 0; i--) PUSH(val_incref(t->items[i]));
      val_decref(seq);
      DISPATCH();
    }
    value *usp = sp;   /* a copy: taking &sp would keep sp out of a register in the whole loop */
    int rc = unpack_iterable(vm, seq, oparg, 0, false, &usp);
    sp = usp;
    val_decref(seq);
    if (rc < 0) goto error;
    DISPATCH();
  }
  TARGET(UNPACK_EX) {
    value seq = POP();
    value *usp = sp;
    int rc = unpack_iterable(vm, seq, oparg & 0xff, oparg >> 8, true, &usp);
    sp = usp;
    val_decref(seq);
    if (rc < 0) goto error;
    DISPATCH();
  }
  TARGET(JUMP) {
    ip = oparg;
    DISPATCH();
  }
  TARGET(JUMP_BACKWARD) {
    if (*vm->interrupt && vm_check_interrupt(vm) < 0) goto error;
    ip = oparg;
    DISPATCH();
  }
  TARGET(POP_JUMP_IF_FALSE) {
    value v = POP();
    int t = v.tag == VAL_BOOL ? v.u.b : v.tag == VAL_INT ? v.u.i != 0 : obj_truth(vm, v);
    val_decref(v);
    if (t < 0) goto error;
    if (!t) ip = oparg;
    DISPATCH();
  }
  TARGET(POP_JUMP_IF_TRUE) {
    value v = POP();
    int t = v.tag == VAL_BOOL ? v.u.b : v.tag == VAL_INT ? v.u.i != 0 : obj_truth(vm, v);
    val_decref(v);
    if (t < 0) goto error;
    if (t) ip = oparg;
    DISPATCH();
  }
  TARGET(JUMP_IF_FALSE_OR_POP) {
    value v = TOP();
    int t = v.tag == VAL_BOOL ? v.u.b : obj_truth(vm, v);
    if (t < 0) goto error;
    if (!t) ip = oparg;
    else {
      sp--;
      val_decref(v);
    }
    DISPATCH();
  }
  TARGET(JUMP_IF_TRUE_OR_POP) {
    value v = TOP();
    int t = v.tag == VAL_BOOL ? v.u.b : obj_truth(vm, v);
    if (t < 0) goto error;
    if (t) ip = oparg;
    else {
      sp--;
      val_decref(v);
    }
    DISPATCH();
  }
  TARGET(POP_JUMP_IF_NOT_NONE) {
    value v = POP();
    bool none = v.tag == VAL_NONE;
    val_decref(v);
    if (!none) ip = oparg;
    DISPATCH();
  }
  TARGET(GET_ITER) {
    value o = TOP();
    value it = obj_iter(vm, o);
    val_decref(o);
    sp--;
    CHECK(it);
    PUSH(it);
    DISPATCH();
  }
  TARGET(FOR_ITER) {
    value it = TOP();
    obj_type *t = val_type(it);
    value r = t->next ? t->next(vm, it) : obj_next(vm, it);
    if (r.tag == VAL_STOP) {
      sp--;
      val_decref(it);
      ip = oparg;
      DISPATCH();
    }
    CHECK(r);
    PUSH(r);
    DISPATCH();
  }
  TARGET(CALL) {
    value *base = sp - oparg - 2;
    value fn = base[0];
    value r;
    f->ip = ip;
    if (fn.tag == VAL_OBJ && fn.u.o->type == &type_function) {
      /* Python function with exactly its positional parameters: bind by moving the arguments */
      obj_func *pf = (obj_func *)fn.u.o;
      obj_code *pco = pf->code;
      bool has_self = !VAL_IS_NULL(base[1]);
      int n = oparg + has_self;
      if (n == pco->argcount && pco->kwonlyargcount == 0 && !pco->ncells && !pco->nfree &&
          !(pco->flags & (CO_VARARGS | CO_VARKW | CO_GENERATOR))) {
        if (vm->depth >= vm->recursion_limit || vm_stack_exhausted()) {
          exc_set(vm, EXC_RecursionError, "maximum recursion depth exceeded");
          for (value *p = base; p < sp; p++) val_decref(*p);
          sp = base;
          goto error;
        }
        vm_frame *nf = frame_new(vm, pco, pf, pf->globals, NULL);
        if (!nf) {
          for (value *p = base; p < sp; p++) val_decref(*p);
          sp = base;
          goto error;
        }
        value *argv = base + 2 - has_self;
        for (int i = 0; i < n; i++) nf->fast[i] = argv[i];
        val_decref(fn);   /* the new frame holds the function */
        /* run the callee in this loop: its RETURN_VALUE pushes the result where fn was */
        f->sp = (int)(base - stack);
        nf->inlined = true;
        nf->back = f;
        vm->frame = nf;
        vm->depth++;
        LOAD_FRAME(nf);
        DISPATCH();
      }
    }
    if (!VAL_IS_NULL(base[1])) r = vm_call(vm, fn, base + 1, oparg + 1, NULL);
    else r = vm_call(vm, fn, base + 2, oparg, NULL);
    for (value *p = base; p < sp; p++) val_decref(*p);
    sp = base;
    CHECK(r);
    PUSH(r);
    DISPATCH();
  }
  TARGET(CALL_KW) {
    value kwv = POP();
    obj_tuple *kw = VAL_TUPLE(kwv);
    int npos = oparg - (int)kw->len;
    value *base = sp - oparg - 2;
    value r;
    f->ip = ip;
    if (!VAL_IS_NULL(base[1])) r = vm_call(vm, base[0], base + 1, npos + 1, kw);
    else r = vm_call(vm, base[0], base + 2, npos, kw);
    for (value *p = base; p < sp; p++) val_decref(*p);
    sp = base;
    val_decref(kwv);
    CHECK(r);
    PUSH(r);
    DISPATCH();
  }
  TARGET(CALL_EX) {
    value kwd = (oparg & 1) ? POP() : val_null();
    value argt = POP();
    value self = POP();
    value fn = POP();
    f->ip = ip;
    value r = call_ex(vm, fn, argt, kwd);
    val_decref(kwd);
    val_decref(argt);
    val_decref(self);
    val_decref(fn);
    CHECK(r);
    PUSH(r);
    DISPATCH();
  }
  TARGET(MAKE_FUNCTION) {
    value cov = POP();
    obj_code *fco = (obj_code *)cov.u.o;
    value closure = (oparg & 8) ? POP() : val_null();
    value kwdefaults = (oparg & 2) ? POP() : val_null();
    value defaults = (oparg & 1) ? POP() : val_null();
    obj_func *fn = func_new(vm, fco, f->globals, fco->qualname);
    val_decref(cov);
    if (!fn) {
      val_decref(closure);
      val_decref(kwdefaults);
      val_decref(defaults);
      goto error;
    }
    if (!VAL_IS_NULL(closure)) fn->closure = VAL_TUPLE(closure);
    if (!VAL_IS_NULL(kwdefaults)) fn->kwdefaults = VAL_DICT(kwdefaults);
    if (!VAL_IS_NULL(defaults)) fn->defaults = VAL_TUPLE(defaults);
    PUSH(val_obj(fn));
    DISPATCH();
  }
  TARGET(RETURN_VALUE) {
    value r = POP();
    while (sp > stack) val_decref(*--sp);
    f->sp = 0;
    f->ip = ip;
    vm->frame = f->back;
    if (f->inlined) {
      vm_frame *caller = f->back;
      vm->depth--;
      frame_free(vm, f);
      LOAD_FRAME(caller);
      PUSH(r);
      DISPATCH();
    }
    return r;
  }
  TARGET(YIELD_VALUE) {
    value v = POP();
    f->ip = ip;
    f->sp = (int)(sp - stack);
    vm->frame = f->back;
    *yielded = true;
    return v;
  }
  TARGET(YIELD_FROM) {
    value sent = POP();
    value it = TOP();
    value r;
    bool done = false;
    if (val_type(it) == &type_generator) {
      r = gen_send(vm, it, sent, &done);
    } else if (sent.tag == VAL_NONE) {
      r = obj_next(vm, it);
      if (r.tag == VAL_STOP) {
        done = true;
        r = val_none();
      }
    } else {
      r = vm_call_method(vm, it, vm->s.send, &sent, 1, NULL);
      if (VAL_IS_NULL(r) && exc_matches(vm, EXC_StopIteration)) {
        value e = exc_fetch(vm);
        obj_exc *x = (obj_exc *)e.u.o;
        r = x->args->len ? val_incref(x->args->items[0]) : val_none();
        val_decref(e);
        done = true;
      }
    }
    val_decref(sent);
    CHECK(r);
    if (done) {
      sp--;
      val_decref(it);
      PUSH(r);
      DISPATCH();
    }
    /* suspend; on resume the sent value is pushed and YIELD_FROM runs again */
    f->ip = ip - 1;
    f->sp = (int)(sp - stack);
    vm->frame = f->back;
    *yielded = true;
    return r;
  }
  TARGET(GET_YIELD_FROM_ITER) {
    value o = TOP();
    if (val_type(o) != &type_generator) {
      value it = obj_iter(vm, o);
      val_decref(o);
      sp--;
      CHECK(it);
      PUSH(it);
    }
    DISPATCH();
  }
  TARGET(SETUP_FINALLY) {
    vm_block *b = &f->blocks[f->nblocks++];
    b->handler = oparg;
    b->level = (int)(sp - stack);
    DISPATCH();
  }
  TARGET(POP_BLOCK) {
    f->nblocks--;
    DISPATCH();
  }
  TARGET(PUSH_EXC_INFO) {
    value exc = POP();
    PUSH(VAL_IS_NULL(vm->handling) ? val_none() : vm->handling);
    vm->handling = val_incref(exc);
    PUSH(exc);
    DISPATCH();
  }
  TARGET(POP_EXCEPT) {
    value prev = POP();
    value old = vm->handling;
    vm->handling = prev.tag == VAL_NONE ? val_null() : prev;
    val_decref(old);
    DISPATCH();
  }
  TARGET(RERAISE) {
    value exc = POP();
    val_set(&vm->exc, exc);
    reraise = true;
    goto error;
  }
  TARGET(RAISE_VARARGS) {
    if (oparg == 0) {
      if (VAL_IS_NULL(vm->handling)) {
        exc_set(vm, EXC_RuntimeError, "No active exception to reraise");
        goto error;
      }
      val_set(&vm->exc, val_incref(vm->handling));
      reraise = true;
      goto error;
    }
    value cause = oparg == 2 ? POP() : val_null();
    value exc = POP();
    exc_raise(vm, exc);
    val_decref(exc);
    if (!VAL_IS_NULL(cause)) {
      value ce = cause;
      if (val_is_type(cause) && (VAL_TYPE(cause)->tflags & TYPE_F_EXC)) {
        value saved = exc_fetch(vm);
        ce = vm_call0(vm, cause);
        if (VAL_IS_NULL(ce)) {
          val_decref(saved);
          val_decref(cause);
          goto error;
        }
        vm->exc = saved;
      } else if (cause.tag != VAL_NONE && !(cause.tag == VAL_OBJ && (cause.u.o->type->tflags & TYPE_F_EXC))) {
        val_decref(cause);
        exc_clear(vm);
        exc_set(vm, EXC_TypeError, "exception causes must derive from BaseException");
        goto error;
      } else {
        val_incref(ce);
      }
      if (vm->exc.tag == VAL_OBJ && (vm->exc.u.o->type->tflags & TYPE_F_EXC)) {
        obj_exc *x = (obj_exc *)vm->exc.u.o;
        val_set(&x->cause, ce);
        x->suppress_context = true;
      } else {
        val_decref(ce);
      }
      val_decref(cause);
    }
    goto error;
  }
  TARGET(CHECK_EXC_MATCH) {
    value t = POP();
    int r = exc_match(vm, TOP(), t);
    val_decref(t);
    if (r < 0) goto error;
    PUSH(val_bool(r));
    DISPATCH();
  }
  TARGET(BEFORE_WITH) {
    value mgr = POP();
    value enter = special_bound(vm, mgr, vm->s.__enter__);
    if (VAL_IS_NULL(enter)) {
      if (!exc_pending(vm))
        exc_set(vm, EXC_TypeError, "'%s' object does not support the context manager protocol", val_type_name(mgr));
      val_decref(mgr);
      goto error;
    }
    value ex = special_bound(vm, mgr, vm->s.__exit__);
    if (VAL_IS_NULL(ex)) {
      if (!exc_pending(vm))
        exc_set(vm, EXC_TypeError,
                "'%s' object does not support the context manager protocol (missed __exit__ method)", val_type_name(mgr));
      val_decref(enter);
      val_decref(mgr);
      goto error;
    }
    PUSH(ex);
    value r = vm_call0(vm, enter);
    val_decref(enter);
    val_decref(mgr);
    CHECK(r);
    PUSH(r);
    DISPATCH();
  }
  TARGET(WITH_EXIT) {
    value ex = POP();
    value args[3] = {val_none(), val_none(), val_none()};
    value r = vm_call(vm, ex, args, 3, NULL);
    val_decref(ex);
    CHECK(r);
    val_decref(r);
    DISPATCH();
  }
  TARGET(WITH_EXCEPT_START) {
    value ex = PEEK(3), exc = PEEK(1);
    obj_type *et = val_type(exc);
    value args[3] = {val_obj(et), exc, val_none()};
    value r = vm_call(vm, ex, args, 3, NULL);
    CHECK(r);
    int t = obj_truth(vm, r);
    val_decref(r);
    if (t < 0) goto error;
    PUSH(val_bool(t));
    DISPATCH();
  }
  TARGET(LOAD_BUILD_CLASS) {
    value b = dict_get_cstr(vm, vm->builtins, "__build_class__");
    if (VAL_IS_NULL(b)) {
      exc_set(vm, EXC_NameError, "__build_class__ not found");
      goto error;
    }
    PUSH(val_incref(b));
    DISPATCH();
  }
  TARGET(IMPORT_NAME) {
    value fromlist = POP(), level = POP();
    value m = import_module(vm, names[oparg], fromlist, (int)val_as_int(level), f->globals);
    val_decref(fromlist);
    CHECK(m);
    PUSH(m);
    DISPATCH();
  }
  TARGET(IMPORT_FROM) {
    value m = TOP();
    value v = import_from(vm, m, names[oparg]);
    CHECK(v);
    PUSH(v);
    DISPATCH();
  }
  TARGET(IMPORT_STAR) {
    value m = POP();
    int rc = import_star(vm, m, f->locals ? f->locals : f->globals);
    val_decref(m);
    if (rc < 0) goto error;
    DISPATCH();
  }
  TARGET(LOAD_ASSERTION_ERROR) {
    obj_type *t = exc_type(vm, EXC_AssertionError);
    PUSH(val_obj(t));   /* exception classes are immortal */
    DISPATCH();
  }
  TARGET(PRINT_EXPR) {
    value v = POP();
    value r = display_value(vm, v);
    val_decref(v);
    CHECK(r);
    DISPATCH();
  }
  TARGET(SETUP_ANNOTATIONS) DISPATCH();

#if !defined(__GNUC__)
    }
  }
#endif

error:
  if (!exc_pending(vm)) exc_set(vm, EXC_SystemError, "error return without exception set");
  if (!reraise) exc_add_traceback(vm, co, co->lines[ip - 1 < 0 ? 0 : ip - 1]);
  reraise = false;
  if (f->nblocks > 0) {
    vm_block b = f->blocks[--f->nblocks];
    while (sp > stack + b.level) val_decref(*--sp);
    PUSH(exc_fetch(vm));
    ip = b.handler;
    DISPATCH();
  }
  while (sp > stack) val_decref(*--sp);
  f->sp = 0;
  f->ip = ip;
  vm->frame = f->back;
  if (f->inlined) {   /* the exception propagates into the caller, as a failed call there */
    vm_frame *caller = f->back;
    vm->depth--;
    frame_free(vm, f);
    LOAD_FRAME(caller);
    goto error;
  }
  return val_null();
#undef LOAD_FRAME
#undef PUSH
#undef POP
#undef TOP
#undef PEEK
#undef CHECK
#undef TARGET
#undef DISPATCH
}
