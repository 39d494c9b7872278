/*
** kernel/lang/import.c — module objects and the import statement. Modules come only from the
** builtin registry (C modules listed in builtins.c and Python-source modules compiled into the
** binary): a notebook cannot import files from disk.
*/
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/internal.h"

static void module_dealloc(obj *o) {
  obj_module *m = (obj_module *)o;
  obj_xdecref(m->dict);
  obj_xdecref(m->name);
}

static value module_getattr(lang_vm *vm, value self, obj_str *name) {
  obj_module *m = (obj_module *)self.u.o;
  value v = dict_get_str(m->dict, name);
  if (!VAL_IS_NULL(v)) return val_incref(v);
  value g = dict_get_cstr(vm, m->dict, "__getattr__");
  if (!VAL_IS_NULL(g)) return vm_call1(vm, g, val_obj(name));
  value r = obj_generic_getattr(vm, self, name);
  if (VAL_IS_NULL(r) && exc_matches(vm, EXC_AttributeError)) {
    exc_clear(vm);
    exc_set(vm, EXC_AttributeError, "module '%s' has no attribute '%s'", m->name->data, name->data);
    exc_note_attribute(vm, self, name);
  }
  return r;
}

static int module_setattr(lang_vm *vm, value self, obj_str *name, value v) {
  obj_module *m = (obj_module *)self.u.o;
  if (VAL_IS_NULL(v)) {
    int r = dict_del(vm, m->dict, val_obj(name));
    if (r == 0)
      return exc_seti(vm, EXC_AttributeError, "module '%s' has no attribute '%s'", m->name->data, name->data);
    return r < 0 ? -1 : 0;
  }
  return dict_set_str(vm, m->dict, name, v);
}

static value module_repr(lang_vm *vm, value self) {
  obj_module *m = (obj_module *)self.u.o;
  value file = dict_get_cstr(vm, m->dict, "__file__");
  if (val_is_str(file)) return val_obj(str_printf(vm, "<module '%s' from '%s'>", m->name->data, VAL_STR(file)->data));
  return val_obj(str_printf(vm, "<module '%s' (built-in)>", m->name->data));
}

static value module_dir(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_module *m = (obj_module *)args[0].u.o;
  obj_list *l = list_new(vm, m->dict->used);
  if (!l) return val_null();
  int64_t pos = 0;
  value k, v;
  while (dict_next(m->dict, &pos, &k, &v)) list_append(vm, l, k);
  if (list_sort(vm, l, val_null(), false) < 0) {
    obj_decref(l);
    return val_null();
  }
  return val_obj(l);
}

static value module_get_dict(lang_vm *vm, value self) {
  obj_module *m = (obj_module *)self.u.o;
  obj_incref(m->dict);
  return val_obj(m->dict);
}

static const bi_reg module_methods[] = {{"__dir__", module_dir, 1, 0, NULL}, {NULL, NULL, 0, 0, NULL}};
static const bi_getset module_getsets[] = {{"__dict__", module_get_dict, NULL, NULL}, {NULL, NULL, NULL, NULL}};

obj_type type_module = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "module", .basicsize = sizeof(obj_module), .dealloc = module_dealloc,
  .getattr = module_getattr, .setattr = module_setattr, .repr = module_repr, .hash = obj_hash_identity,
};

value module_new(lang_vm *vm, const char *name, obj_dict *dict) {
  obj_module *m = obj_alloc(vm, &type_module, sizeof *m);
  if (!m) return val_null();
  m->name = str_from_cstr(vm, name);
  m->dict = dict ? dict : dict_new(vm);
  if (dict) obj_incref(dict);
  if (!m->name || !m->dict) {
    obj_decref(m);
    return val_null();
  }
  dict_set_cstr(vm, m->dict, "__name__", val_obj(m->name));
  if (VAL_IS_NULL(dict_get_cstr(vm, m->dict, "__doc__"))) dict_set_cstr(vm, m->dict, "__doc__", val_none());
  return val_obj(m);
}

int module_add_funcs(lang_vm *vm, obj_dict *d, const bi_reg *funcs) {
  value modname = dict_get_cstr(vm, d, "__name__");
  for (const bi_reg *r = funcs; r->name; r++) {
    value f = bfunc_new(vm, r, val_null());
    if (VAL_IS_NULL(f)) return -1;
    if (val_is_str(modname)) {
      obj_incref(modname.u.o);
      ((obj_bfunc *)f.u.o)->module = VAL_STR(modname);
    }
    int rc = dict_set_cstr(vm, d, r->name, f);
    val_decref(f);
    if (rc < 0) return -1;
  }
  return 0;
}

int module_add_value(lang_vm *vm, obj_dict *d, const char *name, value v) {
  if (VAL_IS_NULL(v)) return -1;
  int rc = dict_set_cstr(vm, d, name, v);
  val_decref(v);
  return rc;
}

/* ---- import ---- */

static value load_module(lang_vm *vm, const char *fullname) {
  obj_str *key = str_intern(vm, fullname);
  if (!key) return val_null();
  value m = dict_get_str(vm->modules, key);
  if (!VAL_IS_NULL(m)) return val_incref(m);
  const lang_lib *lib = lang_find_lib(fullname);
  if (!lib && !pysrc_has(fullname)) {
    exc_set(vm, EXC_ModuleNotFoundError, "No module named '%s'", fullname);
    return val_null();
  }
  obj_dict *d = dict_new(vm);
  if (!d) return val_null();
  value mod = module_new(vm, fullname, d);
  obj_decref(d);
  if (VAL_IS_NULL(mod)) return mod;
  /* registered before init runs, as CPython does, so circular imports see the partial module */
  if (dict_set_str(vm, vm->modules, key, mod) < 0 || (lib ? lib->init(vm, d) : pysrc_exec(vm, fullname, d)) < 0) {
    dict_del(vm, vm->modules, val_obj(key));
    /* Its globals may already hold functions and classes, which hold the globals: a cycle that only
       teardown can break (there is no cycle collector), and that the traceback or other modules may
       still use. So the module is kept, without allocating (this is often out-of-memory), until then. */
    obj_module *fm = (obj_module *)mod.u.o;
    fm->failed_next = vm->failed_imports;
    vm->failed_imports = fm;
    return val_null();
  }
  /* bind as an attribute of the parent package */
  const char *dot = strrchr(fullname, '.');
  if (dot) {
    char parent[256];
    size_t n = (size_t)(dot - fullname);
    if (n < sizeof parent) {
      memcpy(parent, fullname, n);
      parent[n] = '\0';
      value pm = dict_get_cstr(vm, vm->modules, parent);
      if (!VAL_IS_NULL(pm) && val_type(pm) == &type_module)
        dict_set_cstr(vm, ((obj_module *)pm.u.o)->dict, dot + 1, mod);
    }
  }
  return mod;
}

void import_free_failed(lang_vm *vm) {
  while (vm->failed_imports) {
    obj_module *m = vm->failed_imports;
    vm->failed_imports = m->failed_next;
    m->failed_next = NULL;
    if (m->dict) dict_empty(m->dict);
    obj_decref(m);
  }
}

value import_module(lang_vm *vm, obj_str *name, value fromlist, int level, obj_dict *globals) {
  if (level > 0) return exc_set(vm, EXC_ImportError, "attempted relative import with no known parent package");
  if (name->len == 0) return exc_set(vm, EXC_ValueError, "Empty module name");
  /* import every prefix: a, a.b, a.b.c */
  char buf[256];
  if (name->len >= (int64_t)sizeof buf) return exc_set(vm, EXC_ModuleNotFoundError, "No module named '%s'", name->data);
  value top = val_null(), last = val_null();
  for (int64_t i = 0; i <= name->len; i++) {
    if (i < name->len && name->data[i] != '.') continue;
    memcpy(buf, name->data, (size_t)i);
    buf[i] = '\0';
    value m = load_module(vm, buf);
    if (VAL_IS_NULL(m)) {
      val_decref(top);
      val_decref(last);
      return m;
    }
    if (VAL_IS_NULL(top)) top = val_incref(m);
    val_decref(last);
    last = m;
  }
  bool from = !VAL_IS_NULL(fromlist) && fromlist.tag != VAL_NONE && (!val_is_tuple(fromlist) || VAL_TUPLE(fromlist)->len);
  if (from) {
    val_decref(top);
    return last;
  }
  val_decref(last);
  return top;
}

value import_from(lang_vm *vm, value m, obj_str *name) {
  value v = obj_getattr_opt(vm, m, name);
  if (!VAL_IS_NULL(v) || exc_pending(vm)) return v;
  if (val_type(m) == &type_module) {
    obj_module *mod = (obj_module *)m.u.o;
    char full[512];
    snprintf(full, sizeof full, "%s.%s", mod->name->data, name->data);
    if (lang_find_lib(full) || pysrc_has(full)) return load_module(vm, full);
    return exc_set(vm, EXC_ImportError, "cannot import name '%s' from '%s' (unknown location)", name->data,
                   mod->name->data);
  }
  return exc_set(vm, EXC_ImportError, "cannot import name '%s'", name->data);
}

int import_star(lang_vm *vm, value m, obj_dict *into) {
  if (val_type(m) != &type_module) return exc_seti(vm, EXC_TypeError, "import * requires a module");
  obj_dict *d = ((obj_module *)m.u.o)->dict;
  value all = dict_get_cstr(vm, d, "__all__");
  if (!VAL_IS_NULL(all)) {
    obj_list *names = obj_to_list(vm, all);
    if (!names) return -1;
    for (int64_t i = 0; i < names->len; i++) {
      value n = names->items[i];
      if (!val_is_str(n)) continue;
      value v = obj_getattr(vm, m, VAL_STR(n));
      if (VAL_IS_NULL(v) || dict_set(vm, into, n, v) < 0) {
        val_decref(v);
        obj_decref(names);
        return -1;
      }
      val_decref(v);
    }
    obj_decref(names);
    return 0;
  }
  int64_t pos = 0;
  value k, v;
  while (dict_next(d, &pos, &k, &v)) {
    if (!val_is_str(k) || VAL_STR(k)->data[0] == '_') continue;
    if (dict_set(vm, into, k, v) < 0) return -1;
  }
  return 0;
}

int import_init(lang_vm *vm) {
  if (type_ready(vm, &type_module) < 0) return -1;
  if (type_add_methods(vm, &type_module, module_methods) < 0 || type_add_getsets(vm, &type_module, module_getsets) < 0)
    return -1;
  return 0;
}
