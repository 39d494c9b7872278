/*
** kernel/lang/autograd_bind.c — autograd as seen from the language: the Tensor attributes and
** methods of autograd (requires_grad, grad, grad_fn, is_leaf, data, _version, backward, retain_grad,
** detach, register_hook), graph nodes as objects (<AddBackward0 object at 0x...>, next_functions),
** custom functions (torch.autograd.Function with ctx), and the torch.autograd module (grad, backward,
** Variable; gradcheck is Python source in kernel/lang/py/torch/autograd.py). autograd/ does the work.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autograd/autograd.h"
#include "kernel/lang/torch_bind.h"

/* An error from autograd: a language exception raised inside a callback (custom backward, hooks)
   is already pending; anything else comes from the tensor library. */
static value ag_exc(lang_vm *vm) { return exc_pending(vm) ? val_null() : exc_from_ten(vm); }
static int ag_exci(lang_vm *vm) {
  ag_exc(vm);
  return -1;
}

/* ---- graph nodes ---- */

typedef struct obj_node { obj hdr; ag_node *n; } obj_node;
static obj_type type_node;

static value ctx_of_node(ag_node *n);

/* The object for a node: the ctx of a custom function, else a wrapper of the node's own class
   (MulBackward0 ...), made once per name and VM. */
static value node_value(lang_vm *vm, ag_node *n) {
  if (!n) return val_none();
  value ctx = ctx_of_node(n);
  if (!VAL_IS_NULL(ctx)) return val_incref(ctx);
  obj_node *own = ag_node_owner(n);
  if (own) {
    obj_incref(own);
    return val_obj(own);
  }
  value torch = dict_get_cstr(vm, vm->modules, "torch");
  obj_dict *td = val_type(torch) == &type_module ? ((obj_module *)torch.u.o)->dict : NULL;
  if (!td) return exc_set(vm, EXC_RuntimeError, "torch is not initialised");
  value cache = dict_get_cstr(vm, td, "_node_types");
  if (VAL_IS_NULL(cache)) {
    obj_dict *d = dict_new(vm);
    if (!d || dict_set_cstr(vm, td, "_node_types", val_obj(d)) < 0) {
      obj_xdecref(d);
      return val_null();
    }
    obj_decref(d);
    cache = val_obj(d);
  }
  value t = dict_get_cstr(vm, VAL_DICT(cache), ag_node_name(n));
  if (VAL_IS_NULL(t)) {
    obj_str *name = str_from_cstr(vm, ag_node_name(n));
    obj_dict *ns = name ? dict_new(vm) : NULL;
    obj_type *nt = ns && dict_set_cstr(vm, ns, "__module__", val_obj(str_intern(vm, "builtins"))) == 0
                       ? type_new(vm, name, &type_node, ns)
                       : NULL;
    obj_xdecref(ns);
    obj_xdecref(name);
    if (!nt) return val_null();
    int rc = dict_set_cstr(vm, VAL_DICT(cache), ag_node_name(n), val_obj(nt));
    obj_decref(nt);
    if (rc < 0) return val_null();
    t = val_obj(nt);
  }
  obj_node *o = obj_alloc(vm, VAL_TYPE(t), VAL_TYPE(t)->basicsize);
  if (!o) return val_null();
  ag_node_retain(n);
  o->n = n;
  ag_node_set_owner(n, o);
  return val_obj(o);
}

static void node_dealloc(obj *o) {
  ag_node *n = ((obj_node *)o)->n;
  if (ag_node_owner(n) == o) ag_node_set_owner(n, NULL);
  ag_node_release(n);
}

static value node_repr(lang_vm *vm, value self) {
  ag_node *n = ((obj_node *)self.u.o)->n;
  return val_obj(str_printf(vm, "<%s object at %p>", ag_node_name(n), (void *)n));
}

static int node_hash(lang_vm *vm, value self, int64_t *out) {
  (void)vm;
  *out = (int64_t)(((uintptr_t)((obj_node *)self.u.o)->n) >> 4);
  return 0;
}

static value node_richcmp(lang_vm *vm, value a, value b, int op) {
  (void)vm;
  if ((op != CMP_EQ && op != CMP_NE) || !val_isinstance(a, &type_node) || !val_isinstance(b, &type_node))
    return val_notimpl();
  bool eq = ((obj_node *)a.u.o)->n == ((obj_node *)b.u.o)->n;
  return val_bool(op == CMP_EQ ? eq : !eq);
}

/* node.name(): PyTorch's C++ names for the two nodes it does not generate. */
static const char *node_public_name(ag_node *n) {
  const char *s = ag_node_name(n);
  if (strcmp(s, "AccumulateGrad") == 0) return "torch::autograd::AccumulateGrad";
  if (strcmp(s, "CopySlices") == 0) return "torch::autograd::CopySlices";
  return s;
}

static value next_functions_of(lang_vm *vm, ag_node *n) {
  int k = ag_node_num_next(n);
  obj_tuple *t = tuple_new(vm, k);
  if (!t) return val_null();
  for (int i = 0; i < k; i++) {
    int nr;
    ag_node *c = ag_node_next(n, i, &nr);
    value f = node_value(vm, c);
    obj_tuple *pair = VAL_IS_NULL(f) ? NULL : tuple_new(vm, 2);
    if (!pair) {
      val_decref(f);
      obj_decref(t);
      return val_null();
    }
    pair->items[0] = f;
    pair->items[1] = val_int(nr);
    t->items[i] = val_obj(pair);
  }
  return val_obj(t);
}

static ag_node *node_arg(value self) { return ((obj_node *)self.u.o)->n; }

static value nd_name(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return val_obj(str_from_cstr(vm, node_public_name(node_arg(args[0]))));
}
static value nd_next_functions(lang_vm *vm, value self) { return next_functions_of(vm, node_arg(self)); }
static value nd_variable(lang_vm *vm, value self) {
  ten_tensor *v = ag_node_variable(node_arg(self));
  if (!v) return exc_set(vm, EXC_AttributeError, "'%s' object has no attribute 'variable'", ag_node_name(node_arg(self)));
  ten_retain(v);
  return tensor_wrap(vm, v);
}
static value nd_metadata(lang_vm *vm, value self) {
  obj_dict *d = obj_instance_dict(vm, self, true);
  if (!d) return val_null();
  value m = dict_get_cstr(vm, d, "__metadata");
  if (!VAL_IS_NULL(m)) return val_incref(m);
  obj_dict *nd = dict_new(vm);
  if (!nd) return val_null();
  dict_set_cstr(vm, d, "__metadata", val_obj(nd));
  return val_obj(nd);
}

static const bi_reg node_methods[] = {
  {"name", nd_name, 1, 0, "name() -> str"},
  {NULL, NULL, 0, 0, NULL}
};
static const bi_getset node_getsets[] = {
  {"next_functions", nd_next_functions, NULL, NULL},
  {"variable", nd_variable, NULL, NULL},
  {"metadata", nd_metadata, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

/* node(*grads): the node's backward applied to the given gradients (a tuple, one per next edge). */
static value node_call(lang_vm *vm, value self, const value *args, int nargs, obj_tuple *kw) {
  ag_node *n = node_arg(self);
  ten_tensor *gout[TEN_MAX_DIMS];
  int k = ag_node_num_next(n);
  if (nargs > TEN_MAX_DIMS) return exc_set(vm, EXC_TypeError, "too many gradients");
  for (int i = 0; i < nargs; i++) {
    if (args[i].tag == VAL_NONE) gout[i] = NULL;
    else if (!(gout[i] = arg_tensor(vm, args[i], ag_node_name(n), "grad", i + 1))) return val_null();
  }
  ten_tensor **gin = calloc((size_t)(k ? k : 1), sizeof *gin);
  if (!gin) return exc_nomem(vm);
  if (ag_node_call(n, gout, nargs, gin) < 0) {
    free(gin);
    return ag_exc(vm);
  }
  obj_tuple *t = tuple_new(vm, k);
  for (int i = 0; i < k; i++) {
    if (t && gin[i]) t->items[i] = tensor_wrap(vm, gin[i]);
    else ten_release(gin[i]);
  }
  free(gin);
  if (!t) return val_null();
  if (k == 1) {
    value r = val_incref(t->items[0]);
    obj_decref(t);
    return r;
  }
  return val_obj(t);
}

static obj_type type_node = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "Node", .basicsize = sizeof(obj_node), .tflags = TYPE_F_BASETYPE,
  .dealloc = node_dealloc, .repr = node_repr, .hash = node_hash, .richcmp = node_richcmp, .call = node_call,
};

/* ---- Tensor attributes ---- */

static value g_requires_grad(lang_vm *vm, value self) { return val_bool(VAL_TENSOR(self)->requires_grad); }
static int s_requires_grad(lang_vm *vm, value self, value v) {
  bool b;
  if (VAL_IS_NULL(v)) return exc_seti(vm, EXC_TypeError, "can't delete attribute");
  if (arg_bool(vm, v, &b) < 0) return -1;
  return ag_set_requires_grad(VAL_TENSOR(self), b, true) < 0 ? ag_exci(vm) : 0;
}

static value g_grad(lang_vm *vm, value self) {
  ten_tensor *t = VAL_TENSOR(self);
  if (!ag_is_leaf(t) && !ag_retains_grad(t) && !ag_get_grad(t) &&
      exc_warn(vm, EXC_UserWarning,
               "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute "
               "won't be populated during autograd.backward(). If you indeed want the .grad field to be populated "
               "for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor "
               "by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 "
               "for more informations. (Triggered internally at  ./build/aten/src/ATen/core/TensorBody.h:480.)") < 0)
    return val_null();
  ten_tensor *g = ag_get_grad(t);
  if (!g) return val_none();
  ten_retain(g);
  return tensor_wrap(vm, g);
}
static int s_grad(lang_vm *vm, value self, value v) {
  if (VAL_IS_NULL(v) || v.tag == VAL_NONE) return ag_set_grad(VAL_TENSOR(self), NULL) < 0 ? ag_exci(vm) : 0;
  if (!val_is_tensor(v))
    return exc_seti(vm, EXC_TypeError, "assigned grad expected to be a Tensor or None but got grad of type%s",
                    val_type_name(v));
  ten_tensor *g = VAL_TENSOR(v);
  ten_retain(g);
  return ag_set_grad(VAL_TENSOR(self), g) < 0 ? ag_exci(vm) : 0;
}

static value g_grad_fn(lang_vm *vm, value self) { return node_value(vm, ag_current_grad_fn(VAL_TENSOR(self))); }
static value g_is_leaf(lang_vm *vm, value self) { return val_bool(ag_is_leaf(VAL_TENSOR(self))); }
static value g_retains_grad(lang_vm *vm, value self) { return val_bool(ag_retains_grad(VAL_TENSOR(self))); }
static value g_version(lang_vm *vm, value self) { return val_int(VAL_TENSOR(self)->storage->version); }
static value g_output_nr(lang_vm *vm, value self) { return val_int(ag_output_nr(VAL_TENSOR(self))); }

/* .data: the same memory without history and with a version counter of its own (PyTorch's .data
   does not report in-place changes to autograd, unlike detach()): a second storage header over
   the same bytes, keeping the first alive. Setting .data swaps the tensor's storage and geometry
   in place (the object, its .grad and requires_grad stay). */
static void release_storage(void *data, void *ctx) {
  (void)data;
  ten_storage_release(ctx);
}

static value g_data(lang_vm *vm, value self) {
  ten_tensor *t = VAL_TENSOR(self);
  ten_storage *s = t->storage;
  ten_storage_retain(s);
  ten_storage *w = ten_storage_wrap(s->data, s->nbytes, s->device, release_storage, s);
  if (!w) {
    ten_storage_release(s);
    return exc_from_ten(vm);
  }
  ten_tensor *d = ten_from_storage(w, t->dtype, t->offset, t->shape, t->stride, t->ndim);
  ten_storage_release(w);
  return tensor_wrap(vm, d);
}
static int s_data(lang_vm *vm, value self, value v) {
  if (VAL_IS_NULL(v) || !val_is_tensor(v)) return exc_seti(vm, EXC_TypeError, "data must be a Tensor");
  ten_tensor *t = VAL_TENSOR(self), *src = VAL_TENSOR(v);
  ten_storage_retain(src->storage);
  ten_storage_release(t->storage);
  t->storage = src->storage;
  t->dtype = src->dtype;
  t->offset = src->offset;
  t->ndim = src->ndim;
  memcpy(t->shape, src->shape, sizeof t->shape);
  memcpy(t->stride, src->stride, sizeof t->stride);
  return 0;
}

static const bi_getset autograd_getsets[] = {
  {"requires_grad", g_requires_grad, s_requires_grad, NULL},
  {"grad", g_grad, s_grad, NULL},
  {"grad_fn", g_grad_fn, NULL, NULL},
  {"is_leaf", g_is_leaf, NULL, NULL},
  {"retains_grad", g_retains_grad, NULL, NULL},
  {"_version", g_version, NULL, NULL},
  {"output_nr", g_output_nr, NULL, NULL},
  {"data", g_data, s_data, NULL},
  {NULL, NULL, NULL, NULL}
};

/* ---- Tensor methods ---- */

/* A tensor or a sequence of tensors (backward/grad arguments) into a malloc'd array of borrowed
   pointers; None -> count 0 when allow_none. NULL entries where `none_ok` allows None items. */
static int tensor_list(lang_vm *vm, value v, ten_tensor ***out, int *n, bool none_items, const char *what) {
  *out = NULL;
  *n = 0;
  if (val_is_tensor(v)) {
    *out = malloc(sizeof **out);
    if (!*out) return exc_nomem(vm), -1;
    (*out)[0] = VAL_TENSOR(v);
    *n = 1;
    return 0;
  }
  if (!val_is_tuple(v) && !val_is_list(v))
    return exc_seti(vm, EXC_TypeError, "%s must be a Tensor or a sequence of Tensors, not %s", what, val_type_name(v));
  int64_t len = val_is_tuple(v) ? VAL_TUPLE(v)->len : VAL_LIST(v)->len;
  const value *items = val_is_tuple(v) ? VAL_TUPLE(v)->items : VAL_LIST(v)->items;
  *out = calloc((size_t)(len ? len : 1), sizeof **out);
  if (!*out) return exc_nomem(vm), -1;
  for (int64_t i = 0; i < len; i++) {
    if (none_items && items[i].tag == VAL_NONE) continue;
    if (!val_is_tensor(items[i])) {
      free(*out);
      *out = NULL;
      return exc_seti(vm, EXC_TypeError, "%s must contain Tensors, not %s", what, val_type_name(items[i]));
    }
    (*out)[i] = VAL_TENSOR(items[i]);
  }
  *n = (int)len;
  return 0;
}

static int opt_bool(lang_vm *vm, value v, bool dflt, bool *out) {
  *out = dflt;
  if (VAL_IS_NULL(v) || v.tag == VAL_NONE) return 0;
  return arg_bool(vm, v, out);
}

/* backward(roots, grads, retain_graph, create_graph, inputs) shared by Tensor.backward and
   torch.autograd.backward. */
static value do_backward(lang_vm *vm, value roots_v, value grads_v, value retain_v, value create_v, value inputs_v) {
  ten_tensor **roots = NULL, **grads = NULL, **inputs = NULL;
  int nr = 0, ng = 0, ni = 0;
  bool create, retain;
  value r = val_null();
  if (opt_bool(vm, create_v, false, &create) < 0 || opt_bool(vm, retain_v, create, &retain) < 0) return r;
  if (tensor_list(vm, roots_v, &roots, &nr, false, "tensors") < 0) return r;
  if (!VAL_IS_NULL(grads_v) && grads_v.tag != VAL_NONE && tensor_list(vm, grads_v, &grads, &ng, true, "grad_tensors") < 0)
    goto done;
  if (grads && ng != nr) {
    exc_set(vm, EXC_RuntimeError, "got %d tensors and %d gradients", nr, ng);
    goto done;
  }
  if (!VAL_IS_NULL(inputs_v) && inputs_v.tag != VAL_NONE) {
    if (tensor_list(vm, inputs_v, &inputs, &ni, false, "inputs") < 0) goto done;
    if (ni == 0) {
      exc_set(vm, EXC_RuntimeError, "'inputs' argument to backward() cannot be empty.");
      goto done;
    }
  }
  r = ag_backward(roots, grads, nr, retain, create, inputs, ni) < 0 ? ag_exc(vm) : val_none();
done:
  free(roots);
  free(grads);
  free(inputs);
  return r;
}

static value m_backward(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[5];
  if (bi_parse(vm, "backward", args, nargs, kw, "self|gradient,retain_graph,create_graph,inputs", a) < 0) return val_null();
  return do_backward(vm, a[0], a[1], a[2], a[3], a[4]);
}

static value m_retain_grad(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return ag_retain_grad(VAL_TENSOR(args[0])) < 0 ? ag_exc(vm) : val_none();
}

static value m_requires_grad_(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "requires_grad_", args, nargs, kw, "self|requires_grad", a) < 0) return val_null();
  bool b = true;
  if (!VAL_IS_NULL(a[1]) && arg_bool(vm, a[1], &b) < 0) return val_null();
  if (ag_set_requires_grad(VAL_TENSOR(a[0]), b, false) < 0) return ag_exc(vm);
  return val_incref(a[0]);
}

static value m_detach(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return tensor_wrap(vm, ag_detach(VAL_TENSOR(args[0])));
}

static value m_detach_(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (ag_detach_(VAL_TENSOR(args[0])) < 0) return ag_exc(vm);
  return val_incref(args[0]);
}

/* register_hook(fn): fn(grad) -> Tensor or None, called with the gradient before it is used. */
typedef struct hook_ctx { lang_vm *vm; value fn; } hook_ctx;

static void hook_free(void *p) {
  hook_ctx *h = p;
  val_decref(h->fn);
  free(h);
}

static int hook_call(void *p, ten_tensor **grad) {
  hook_ctx *h = p;
  ten_retain(*grad);
  value g = tensor_wrap(h->vm, *grad);
  if (VAL_IS_NULL(g)) return -1;
  value r = vm_call1(h->vm, h->fn, g);
  val_decref(g);
  if (VAL_IS_NULL(r)) return -1;
  if (val_is_tensor(r)) {
    ten_tensor *ng = VAL_TENSOR(r);
    ten_retain(ng);
    ten_release(*grad);
    *grad = ng;
  } else if (r.tag != VAL_NONE) {
    val_decref(r);
    exc_set(h->vm, EXC_TypeError, "hook returned an object that is not a Tensor or None");
    return -1;
  }
  val_decref(r);
  return 0;
}

/* The handle register_hook returns: .remove() */
typedef struct obj_handle { obj hdr; ten_tensor *t; int64_t id; } obj_handle;
static obj_type type_handle;
static void handle_dealloc(obj *o) { ten_release(((obj_handle *)o)->t); }
static value handle_remove(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_handle *h = (obj_handle *)args[0].u.o;
  if (h->t) ag_remove_hook(h->t, h->id);
  return val_none();
}
static value handle_repr(lang_vm *vm, value self) {
  return val_obj(str_printf(vm, "<torch.utils.hooks.RemovableHandle object at %p>", (void *)self.u.o));
}
static const bi_reg handle_methods[] = {
  {"remove", handle_remove, 1, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};
static obj_type type_handle = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "RemovableHandle", .basicsize = sizeof(obj_handle),
  .dealloc = handle_dealloc, .repr = handle_repr,
};

static value m_register_hook(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs != 2) return exc_set(vm, EXC_TypeError, "register_hook() takes 1 positional argument but %d were given", nargs - 1);
  ten_tensor *t = VAL_TENSOR(args[0]);
  hook_ctx *h = malloc(sizeof *h);
  if (!h) return exc_nomem(vm);
  h->vm = vm;
  h->fn = val_incref(args[1]);
  int64_t id = ag_tensor_add_hook(t, hook_call, h, hook_free);
  if (id < 0) return ag_exc(vm);
  obj_handle *o = obj_alloc(vm, &type_handle, sizeof *o);
  if (!o) return val_null();
  ten_retain(t);
  o->t = t;
  o->id = id;
  return val_obj(o);
}

static const bi_reg autograd_methods[] = {
  {"backward", m_backward, BI_VARARGS, BI_F_KW,
   "backward(gradient=None, retain_graph=None, create_graph=False, inputs=None)\n\nComputes the gradient of current "
   "tensor w.r.t. graph leaves."},
  {"retain_grad", m_retain_grad, 1, 0, "retain_grad() -> None"},
  {"requires_grad_", m_requires_grad_, BI_VARARGS, BI_F_KW, "requires_grad_(requires_grad=True) -> Tensor"},
  {"detach", m_detach, 1, 0, "detach() -> Tensor"},
  {"detach_", m_detach_, 1, 0, "detach_() -> Tensor"},
  {"register_hook", m_register_hook, BI_VARARGS, 0, "register_hook(hook) -> RemovableHandle"},
  {NULL, NULL, 0, 0, NULL}
};

/* ---- custom functions: torch.autograd.Function ---- */

/* ctx: an instance of <Cls>Backward (made per Function subclass). While the graph lives the node
   owns the ctx; ctx->node is weak (cleared when the node goes). */
typedef struct obj_ctx {
  obj hdr;
  obj_dict *dict;
  ag_node *node;        /* weak */
  value fn_cls;         /* the Function subclass */
  obj_tuple *to_save;   /* save_for_backward's arguments (until the node takes them) */
  obj_tuple *needs;     /* needs_input_grad */
  obj_tuple *non_diff;  /* mark_non_differentiable's arguments */
  bool *is_tensor;      /* per forward argument */
  int nargs;
  bool materialize;
  lang_vm *vm;
} obj_ctx;
static obj_type type_ctx;

static void ctx_dealloc(obj *o) {
  obj_ctx *c = (obj_ctx *)o;
  val_decref(c->fn_cls);
  obj_xdecref(c->to_save);
  obj_xdecref(c->needs);
  obj_xdecref(c->non_diff);
  free(c->is_tensor);   /* the instance dict is released by obj_dealloc */
}

static value ctx_of_node(ag_node *n) {
  obj_ctx *c = ag_node_user(n);
  return c ? val_obj(c) : val_null();
}

static void ctx_release(void *p) {
  obj_ctx *c = p;
  c->node = NULL;
  obj_decref(c);
}

static value ctx_save_for_backward(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_ctx *c = (obj_ctx *)args[0].u.o;
  for (int i = 1; i < nargs; i++)
    if (!val_is_tensor(args[i]) && args[i].tag != VAL_NONE)
      return exc_set(vm, EXC_TypeError, "save_for_backward can only save variables, but argument %d is of type %s", i - 1,
                     val_type_name(args[i]));
  obj_tuple *t = tuple_from(vm, args + 1, nargs - 1);
  if (!t) return val_null();
  obj_xdecref(c->to_save);
  c->to_save = t;
  return val_none();
}

static value ctx_mark_non_differentiable(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_ctx *c = (obj_ctx *)args[0].u.o;
  obj_tuple *t = tuple_from(vm, args + 1, nargs - 1);
  if (!t) return val_null();
  obj_xdecref(c->non_diff);
  c->non_diff = t;
  return val_none();
}

static value ctx_mark_dirty(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) { return val_none(); }

static value ctx_set_materialize_grads(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  if (nargs != 2) return exc_set(vm, EXC_TypeError, "set_materialize_grads() takes exactly one argument");
  bool b;
  if (arg_bool(vm, args[1], &b) < 0) return val_null();
  ((obj_ctx *)args[0].u.o)->materialize = b;
  return val_none();
}

static value ctx_saved_tensors(lang_vm *vm, value self) {
  obj_ctx *c = (obj_ctx *)self.u.o;
  if (!c->node) {
    if (!c->to_save) return val_obj(tuple_new(vm, 0));
    obj_incref(c->to_save);
    return val_obj(c->to_save);
  }
  int k = ag_node_num_saved(c->node);
  obj_tuple *t = tuple_new(vm, k);
  if (!t) return val_null();
  for (int i = 0; i < k; i++) {
    ten_tensor *x;
    if (ag_node_unpack(c->node, i, &x) < 0) {
      obj_decref(t);
      return exc_from_ten(vm);
    }
    if (!x) continue;   /* None */
    value w = tensor_wrap(vm, x);
    if (VAL_IS_NULL(w)) {
      obj_decref(t);
      return w;
    }
    t->items[i] = w;
  }
  return val_obj(t);
}

static value ctx_needs_input_grad(lang_vm *vm, value self) {
  obj_ctx *c = (obj_ctx *)self.u.o;
  if (!c->needs) return val_obj(tuple_new(vm, 0));
  obj_incref(c->needs);
  return val_obj(c->needs);
}

static value ctx_next_functions(lang_vm *vm, value self) {
  obj_ctx *c = (obj_ctx *)self.u.o;
  if (!c->node) return val_obj(tuple_new(vm, 0));
  return next_functions_of(vm, c->node);
}

static value ctx_name(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return val_obj(str_from_cstr(vm, val_type(args[0])->name));
}

static const bi_reg ctx_methods[] = {
  {"save_for_backward", ctx_save_for_backward, BI_VARARGS, 0, NULL},
  {"mark_non_differentiable", ctx_mark_non_differentiable, BI_VARARGS, 0, NULL},
  {"mark_dirty", ctx_mark_dirty, BI_VARARGS, 0, NULL},
  {"set_materialize_grads", ctx_set_materialize_grads, BI_VARARGS, 0, NULL},
  {"name", ctx_name, 1, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};
static const bi_getset ctx_getsets[] = {
  {"saved_tensors", ctx_saved_tensors, NULL, NULL},
  {"needs_input_grad", ctx_needs_input_grad, NULL, NULL},
  {"next_functions", ctx_next_functions, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

static obj_type type_ctx = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "BackwardCFunction", .basicsize = sizeof(obj_ctx),
  .dict_offset = offsetof(obj_ctx, dict), .tflags = TYPE_F_BASETYPE, .dealloc = ctx_dealloc,
};

/* The ctx class of a Function subclass: <Name>Backward in torch.autograd.function, cached on the class. */
static obj_type *ctx_class(lang_vm *vm, value cls) {
  obj_type *ft = VAL_TYPE(cls);
  value cached = dict_get_cstr(vm, ft->dict, "_backward_cls");
  if (!VAL_IS_NULL(cached) && val_is_type(cached)) return VAL_TYPE(cached);
  obj_str *name = str_printf(vm, "%sBackward", ft->name);
  obj_dict *ns = name ? dict_new(vm) : NULL;
  obj_type *t = NULL;
  if (ns && dict_set_cstr(vm, ns, "__module__", val_obj(str_intern(vm, "torch.autograd.function"))) == 0)
    t = type_new(vm, name, &type_ctx, ns);
  obj_xdecref(ns);
  obj_xdecref(name);
  if (!t) return NULL;
  int rc = dict_set_cstr(vm, ft->dict, "_backward_cls", val_obj(t));
  obj_decref(t);
  ft->version++;
  return rc < 0 ? NULL : t;
}

/* The node's backward: cls.backward(ctx, *grads) -> one gradient (or None) per forward argument. */
static int custom_backward(void *user, ag_node *node, ten_tensor *const *gout, int n_out, ten_tensor **gin, int n_in) {
  obj_ctx *c = user;
  lang_vm *vm = c->vm;
  value *args = calloc((size_t)n_out + 1, sizeof *args);
  if (!args) return exc_nomem(vm), -1;
  args[0] = val_obj(c);
  int rc = 0, k = 0;
  for (k = 0; k < n_out && rc == 0; k++) {
    ten_tensor *g = gout[k];
    if (g) ten_retain(g);
    else if (c->materialize) g = ag_node_output_zeros(node, k);
    if (!g && c->materialize) {
      rc = ag_exci(vm);
      break;
    }
    args[k + 1] = g ? tensor_wrap(vm, g) : val_none();
    if (VAL_IS_NULL(args[k + 1])) rc = -1;
  }
  value bw = rc == 0 ? obj_getattr_cstr(vm, c->fn_cls, "backward") : val_null();
  value r = VAL_IS_NULL(bw) ? val_null() : vm_call(vm, bw, args, n_out + 1, NULL);
  val_decref(bw);
  for (int i = 1; i <= k && i <= n_out; i++) val_decref(args[i]);
  free(args);
  if (VAL_IS_NULL(r)) return -1;
  const value *items = &r;
  int64_t count = 1;
  if (val_is_tuple(r)) {
    items = VAL_TUPLE(r)->items;
    count = VAL_TUPLE(r)->len;
  }
  const char *name = val_type(val_obj(c))->name;
  (void)n_in;
  if (count != c->nargs) {
    /* PyTorch tolerates extra trailing Nones */
    bool extra_none = count > c->nargs;
    for (int64_t i = c->nargs; extra_none && i < count; i++) extra_none = items[i].tag == VAL_NONE;
    if (!extra_none) {
      val_decref(r);
      return exc_seti(vm, EXC_RuntimeError, "function %s returned an incorrect number of gradients (expected %d, got %lld)",
                      name, c->nargs, (long long)count);
    }
  }
  /* one gradient per forward argument; the node's edges are the tensor arguments only */
  for (int i = 0, k = 0; i < c->nargs && i < count; i++) {
    value g = items[i];
    int slot = c->is_tensor[i] ? k++ : -1;
    if (g.tag == VAL_NONE) continue;
    if (!val_is_tensor(g)) {
      val_decref(r);
      return exc_seti(vm, EXC_RuntimeError, "expected Variable or None (got %s)", val_type_name(g));
    }
    if (slot < 0) {
      val_decref(r);
      return exc_seti(vm, EXC_RuntimeError,
                      "function %s returned a gradient different than None at position %d, but the corresponding "
                      "forward input was not a Variable",
                      name, i + 1);
    }
    gin[slot] = VAL_TENSOR(g);
    ten_retain(gin[slot]);
  }
  val_decref(r);
  return 0;
}

static bool in_tuple(obj_tuple *t, value v) {
  for (int64_t i = 0; t && i < t->len; i++)
    if (val_is_tensor(t->items[i]) && val_is_tensor(v) && VAL_TENSOR(t->items[i]) == VAL_TENSOR(v)) return true;
  return false;
}

/* Function.apply(*args) (a classmethod: args[0] is the class). */
static value fn_apply(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value cls = args[0];
  const value *fargs = args + 1;
  int n = nargs - 1;
  obj_type *ct = ctx_class(vm, cls);
  if (!ct) return val_null();
  obj_ctx *c = obj_alloc(vm, ct, ct->basicsize);
  if (!c) return val_null();
  c->fn_cls = val_incref(cls);
  c->vm = vm;
  c->materialize = true;
  c->nargs = n;
  c->is_tensor = calloc((size_t)(n ? n : 1), sizeof *c->is_tensor);
  ten_tensor **inputs = calloc((size_t)(n ? n : 1), sizeof *inputs);
  c->needs = tuple_new(vm, n);
  value ctxv = val_obj(c), out = val_null(), result = val_null();
  ten_tensor **outs = NULL;
  if (!c->is_tensor || !inputs || !c->needs) {
    if (!exc_pending(vm)) exc_nomem(vm);
    goto done;
  }
  bool grad_on = ag_is_grad_enabled();
  int nin = 0;   /* the node's edges: the tensor arguments, in order */
  for (int i = 0; i < n; i++) {
    c->is_tensor[i] = val_is_tensor(fargs[i]);
    if (c->is_tensor[i]) inputs[nin++] = VAL_TENSOR(fargs[i]);
    c->needs->items[i] = val_bool(c->is_tensor[i] && VAL_TENSOR(fargs[i])->requires_grad);
  }
  /* forward(ctx, *args) without recording */
  value fw = obj_getattr_cstr(vm, cls, "forward");
  if (VAL_IS_NULL(fw)) goto done;
  value *cargs = malloc(sizeof *cargs * (size_t)(n + 1));
  if (!cargs) {
    val_decref(fw);
    exc_nomem(vm);
    goto done;
  }
  cargs[0] = ctxv;
  memcpy(cargs + 1, fargs, sizeof *cargs * (size_t)n);
  ag_set_grad_enabled(false);
  out = vm_call(vm, fw, cargs, n + 1, NULL);
  ag_set_grad_enabled(grad_on);
  free(cargs);
  val_decref(fw);
  if (VAL_IS_NULL(out)) goto done;
  /* outputs: one tensor or a tuple of values (tensors get history) */
  bool tuple_out = val_is_tuple(out);
  int64_t nout = tuple_out ? VAL_TUPLE(out)->len : 1;
  value *ov = tuple_out ? VAL_TUPLE(out)->items : &out;
  outs = calloc((size_t)(nout ? nout : 1), sizeof *outs);
  if (!outs) {
    exc_nomem(vm);
    goto done;
  }
  for (int64_t k = 0; k < nout; k++) {
    if (!val_is_tensor(ov[k]) || in_tuple(c->non_diff, ov[k])) continue;
    outs[k] = VAL_TENSOR(ov[k]);
    ten_retain(outs[k]);
  }
  obj_incref(c);   /* the node's reference (released by ctx_release, or at once when not recorded) */
  ag_custom_spec spec = {ct->name, custom_backward, c, ctx_release};
  ag_node *node;
  if (ag_custom_apply(&spec, inputs, nin, outs, (int)nout, &node) < 0) {
    ag_exc(vm);
    goto done;
  }
  if (node) {
    c->node = node;
    /* saved tensors move to the node (version-checked there) */
    int ns = c->to_save ? (int)c->to_save->len : 0;
    ten_tensor **sv = calloc((size_t)(ns ? ns : 1), sizeof *sv);
    if (!sv) {
      exc_nomem(vm);
      goto done;
    }
    for (int i = 0; i < ns; i++) sv[i] = val_is_tensor(c->to_save->items[i]) ? VAL_TENSOR(c->to_save->items[i]) : NULL;
    int rc = ag_node_save(node, sv, ns, outs, (int)nout);
    free(sv);
    if (rc < 0) {
      exc_from_ten(vm);
      goto done;
    }
    obj_xdecref(c->to_save);
    c->to_save = NULL;
  }
  /* outputs that were replaced (an input returned as is gets an alias) need new objects */
  if (!tuple_out) {
    result = outs[0] && outs[0] != VAL_TENSOR(out) ? (ten_retain(outs[0]), tensor_wrap(vm, outs[0])) : val_incref(out);
  } else {
    obj_tuple *t = tuple_new(vm, nout);
    if (!t) goto done;
    for (int64_t k = 0; k < nout; k++)
      t->items[k] = outs[k] && outs[k] != VAL_TENSOR(ov[k]) ? (ten_retain(outs[k]), tensor_wrap(vm, outs[k])) : val_incref(ov[k]);
    result = val_obj(t);
  }
done:
  if (outs) {
    int64_t nout = val_is_tuple(out) ? VAL_TUPLE(out)->len : 1;
    for (int64_t k = 0; k < nout; k++) ten_release(outs[k]);
    free(outs);
  }
  val_decref(out);
  free(inputs);
  obj_decref(c);
  return result;
}

static value fn_forward_default(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return exc_set(vm, EXC_NotImplementedError, "You must implement the forward function for custom autograd.Function.");
}
static value fn_backward_default(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return exc_set(vm, EXC_NotImplementedError,
                 "You must implement either the backward or vjp method for your custom autograd.Function to use it "
                 "with backward mode AD.");
}

static const bi_reg function_methods[] = {
  {"apply", fn_apply, BI_VARARGS, BI_F_CLASS, "apply(*args): runs forward and records the backward."},
  {"forward", fn_forward_default, BI_VARARGS, BI_F_KW | BI_F_STATIC, NULL},
  {"backward", fn_backward_default, BI_VARARGS, BI_F_KW | BI_F_STATIC, NULL},
  {NULL, NULL, 0, 0, NULL}
};

typedef struct obj_function { obj hdr; obj_dict *dict; } obj_function;
static obj_type type_function_base = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "Function", .basicsize = sizeof(obj_function),
  .dict_offset = offsetof(obj_function, dict), .tflags = TYPE_F_BASETYPE,
};

/* ---- the torch.autograd module ---- */

static value a_backward(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[6];
  if (bi_parse(vm, "backward", args, nargs, kw, "tensors|grad_tensors,retain_graph,create_graph,grad_variables,inputs", a) < 0)
    return val_null();
  return do_backward(vm, a[0], VAL_IS_NULL(a[1]) ? a[4] : a[1], a[2], a[3], a[5]);
}

static value a_grad(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[7];
  if (bi_parse(vm, "grad", args, nargs, kw, "outputs,inputs|grad_outputs,retain_graph,create_graph,only_inputs,allow_unused", a) < 0)
    return val_null();
  ten_tensor **roots = NULL, **grads = NULL, **inputs = NULL, **res = NULL;
  int nr = 0, ng = 0, ni = 0;
  bool create, retain, allow_unused;
  value r = val_null();
  if (opt_bool(vm, a[4], false, &create) < 0 || opt_bool(vm, a[3], create, &retain) < 0 ||
      opt_bool(vm, a[6], false, &allow_unused) < 0)
    return r;
  if (tensor_list(vm, a[0], &roots, &nr, false, "outputs") < 0) return r;
  if (tensor_list(vm, a[1], &inputs, &ni, false, "inputs") < 0) goto done;
  if (!VAL_IS_NULL(a[2]) && a[2].tag != VAL_NONE) {
    if (tensor_list(vm, a[2], &grads, &ng, true, "grad_outputs") < 0) goto done;
    if (ng != nr) {
      exc_set(vm, EXC_RuntimeError, "got %d tensors and %d gradients", nr, ng);
      goto done;
    }
  }
  res = calloc((size_t)(ni ? ni : 1), sizeof *res);
  if (!res) {
    exc_nomem(vm);
    goto done;
  }
  if (ag_grad(roots, grads, nr, inputs, ni, retain, create, allow_unused, res) < 0) {
    ag_exc(vm);
    goto done;
  }
  obj_tuple *t = tuple_new(vm, ni);
  if (!t) goto done;
  for (int i = 0; i < ni; i++) {
    if (!res[i]) continue;
    t->items[i] = tensor_wrap(vm, res[i]);
    res[i] = NULL;
    if (VAL_IS_NULL(t->items[i])) {
      t->items[i] = val_none();
      obj_decref(t);
      goto done;
    }
  }
  r = val_obj(t);
done:
  for (int i = 0; res && i < ni; i++) ten_release(res[i]);
  free(res);
  free(roots);
  free(grads);
  free(inputs);
  return r;
}

/* Variable(data, requires_grad=False): the deprecated wrapper; returns the tensor (shared data). */
static value a_variable(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  value a[3];
  if (bi_parse(vm, "Variable", args, nargs, kw, "data|requires_grad,volatile", a) < 0) return val_null();
  ten_tensor *t = arg_tensor(vm, a[0], "Variable", "data", 1);
  if (!t) return val_null();
  bool rg = false;
  if (opt_bool(vm, a[1], false, &rg) < 0) return val_null();
  ten_tensor *v = ag_detach(t);
  if (!v) return exc_from_ten(vm);
  if (rg && ag_set_requires_grad(v, true, true) < 0) {
    ten_release(v);
    return exc_from_ten(vm);
  }
  return tensor_wrap(vm, v);
}

/* Variable is a type so isinstance(x, Variable) works: true for every Tensor, as in PyTorch. */
static value variable_new(lang_vm *vm, obj_type *type, const value *args, int nargs, obj_tuple *kw) {
  (void)type;
  return a_variable(vm, args, nargs, kw);
}
static value variable_instancecheck(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return val_bool(nargs == 1 && val_is_tensor(args[0]));
}
static const bi_reg variable_methods[] = {
  {"__instancecheck__", variable_instancecheck, 1, BI_F_STATIC, NULL},
  {NULL, NULL, 0, 0, NULL}
};
static obj_type type_variable = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "Variable", .basicsize = sizeof(obj), .new_ = variable_new,
  .tflags = TYPE_F_INSTANCECHECK,
};

static const bi_reg autograd_funcs[] = {
  {"backward", a_backward, BI_VARARGS, BI_F_KW,
   "backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None)"},
  {"grad", a_grad, BI_VARARGS, BI_F_KW,
   "grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, allow_unused=False)"},
  {NULL, NULL, 0, 0, NULL}
};

static int types_ready(lang_vm *vm) {
  if (type_node.tflags & TYPE_F_READY) return 0;
  if (type_ready(vm, &type_node) < 0 || type_add_methods(vm, &type_node, node_methods) < 0 ||
      type_add_getsets(vm, &type_node, node_getsets) < 0)
    return -1;
  if (type_ready(vm, &type_handle) < 0 || type_add_methods(vm, &type_handle, handle_methods) < 0) return -1;
  if (type_ready(vm, &type_ctx) < 0 || type_add_methods(vm, &type_ctx, ctx_methods) < 0 ||
      type_add_getsets(vm, &type_ctx, ctx_getsets) < 0)
    return -1;
  if (type_ready(vm, &type_function_base) < 0 || type_add_methods(vm, &type_function_base, function_methods) < 0)
    return -1;
  if (type_ready(vm, &type_variable) < 0 || type_add_methods(vm, &type_variable, variable_methods) < 0) return -1;
  type_variable.module = str_intern(vm, "torch.autograd.variable");
  type_function_base.module = str_intern(vm, "torch.autograd.function");
  type_ctx.module = str_intern(vm, "torch.autograd.function");
  return 0;
}

int autograd_tensor_init(lang_vm *vm) {
  if (types_ready(vm) < 0) return -1;
  if (type_add_getsets(vm, &type_tensor, autograd_getsets) < 0 || type_add_methods(vm, &type_tensor, autograd_methods) < 0)
    return -1;
  return 0;
}

int lib_autograd_init(lang_vm *vm, obj_dict *d) {
  if (types_ready(vm) < 0 || module_add_funcs(vm, d, autograd_funcs) < 0) return -1;
  obj_incref(&type_function_base);
  if (module_add_value(vm, d, "Function", val_obj(&type_function_base)) < 0) return -1;
  obj_incref(&type_variable);
  if (module_add_value(vm, d, "Variable", val_obj(&type_variable)) < 0) return -1;
  /* the grad-mode managers live in torch; torch.autograd re-exports them */
  value torch = dict_get_cstr(vm, vm->modules, "torch");
  if (val_type(torch) == &type_module) {
    static const char *const names[] = {"no_grad", "enable_grad", "set_grad_enabled", NULL};
    for (int i = 0; names[i]; i++) {
      value v = dict_get_cstr(vm, ((obj_module *)torch.u.o)->dict, names[i]);
      if (!VAL_IS_NULL(v) && dict_set_cstr(vm, d, names[i], v) < 0) return -1;
    }
  }
  return pysrc_exec(vm, "torch.autograd", d);
}

int lib_autograd_function_init(lang_vm *vm, obj_dict *d) {
  if (types_ready(vm) < 0) return -1;
  obj_incref(&type_function_base);
  if (module_add_value(vm, d, "Function", val_obj(&type_function_base)) < 0) return -1;
  obj_incref(&type_ctx);
  return module_add_value(vm, d, "FunctionCtx", val_obj(&type_ctx));
}
