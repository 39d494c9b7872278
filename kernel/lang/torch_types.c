/*
** kernel/lang/torch_types.c — the small torch types around tensors: torch.dtype (torch.float32 ...),
** torch.device, torch.Size (a tuple), torch.return_types.* (named pairs such as max's
** (values, indices)) and torch.Generator.
*/
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lang/torch_bind.h"

/* ---- dtype ---- */

static value dtype_repr(lang_vm *vm, value self) {
  return val_obj(str_printf(vm, "torch.%s", ten_dtype_name(((obj_dtype *)self.u.o)->dt)));
}
static value dtype_is_floating(lang_vm *vm, value self) { return val_bool(ten_dtype_is_float(((obj_dtype *)self.u.o)->dt)); }
static value dtype_is_signed(lang_vm *vm, value self) {
  ten_dtype dt = ((obj_dtype *)self.u.o)->dt;
  return val_bool(dt != TEN_DTYPE_BOOL && dt != TEN_DTYPE_U8);
}
static value dtype_is_complex(lang_vm *vm, value self) { return val_bool(false); }
static value dtype_itemsize(lang_vm *vm, value self) { return val_int((int64_t)ten_dtype_size(((obj_dtype *)self.u.o)->dt)); }

static const bi_getset dtype_getsets[] = {
  {"is_floating_point", dtype_is_floating, NULL, NULL},
  {"is_signed", dtype_is_signed, NULL, NULL},
  {"is_complex", dtype_is_complex, NULL, NULL},
  {"itemsize", dtype_itemsize, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

obj_type type_dtype = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "dtype", .basicsize = sizeof(obj_dtype), .repr = dtype_repr,
  .hash = obj_hash_identity,
};

static obj_dtype dtypes[TEN_DTYPE_COUNT] = {
  {OBJ_STATIC_HEAD(&type_dtype), TEN_DTYPE_BOOL}, {OBJ_STATIC_HEAD(&type_dtype), TEN_DTYPE_U8},
  {OBJ_STATIC_HEAD(&type_dtype), TEN_DTYPE_I32}, {OBJ_STATIC_HEAD(&type_dtype), TEN_DTYPE_I64},
  {OBJ_STATIC_HEAD(&type_dtype), TEN_DTYPE_F32}, {OBJ_STATIC_HEAD(&type_dtype), TEN_DTYPE_F64},
};

value dtype_value(ten_dtype dt) {
  if (dt < 0 || dt >= TEN_DTYPE_COUNT) return val_none();
  return val_obj(&dtypes[dt]);
}

/* ---- device ---- */

static value device_repr(lang_vm *vm, value self) {
  ten_device d = ((obj_device *)self.u.o)->dev;
  const char *t = d.type == TEN_DEV_CUDA ? "cuda" : "cpu";
  if (d.index >= 0) return val_obj(str_printf(vm, "device(type='%s', index=%d)", t, d.index));
  return val_obj(str_printf(vm, "device(type='%s')", t));
}
static value device_str(lang_vm *vm, value self) {
  ten_device d = ((obj_device *)self.u.o)->dev;
  const char *t = d.type == TEN_DEV_CUDA ? "cuda" : "cpu";
  if (d.index >= 0) return val_obj(str_printf(vm, "%s:%d", t, d.index));
  return val_obj(str_from_cstr(vm, t));
}
static value device_type(lang_vm *vm, value self) {
  return val_obj(str_from_cstr(vm, ((obj_device *)self.u.o)->dev.type == TEN_DEV_CUDA ? "cuda" : "cpu"));
}
static value device_index(lang_vm *vm, value self) {
  int i = ((obj_device *)self.u.o)->dev.index;
  return i < 0 ? val_none() : val_int(i);
}
static value device_richcmp(lang_vm *vm, value a, value b, int op) {
  if (val_type(a) != &type_device || val_type(b) != &type_device || (op != CMP_EQ && op != CMP_NE)) return val_notimpl();
  ten_device x = ((obj_device *)a.u.o)->dev, y = ((obj_device *)b.u.o)->dev;
  bool eq = x.type == y.type && x.index == y.index;
  return val_bool(op == CMP_EQ ? eq : !eq);
}
static int device_hash(lang_vm *vm, value self, int64_t *out) {
  ten_device d = ((obj_device *)self.u.o)->dev;
  *out = d.type * 1000 + d.index + 7;
  return 0;
}

value device_value(lang_vm *vm, ten_device dev) {
  obj_device *d = obj_alloc(vm, &type_device, sizeof *d);
  if (!d) return val_null();
  d->dev = dev;
  return val_obj(d);
}

static value device_new(lang_vm *vm, obj_type *t, const value *args, int nargs, obj_tuple *kw) {
  value a[2];
  if (bi_parse(vm, "device", args, nargs, kw, "type|index", a) < 0) return val_null();
  ten_device d = TEN_CPU;
  if (arg_device(vm, a[0], &d) < 0) return val_null();
  if (!VAL_IS_NULL(a[1]) && a[1].tag != VAL_NONE) {
    int64_t i;
    if (arg_int(vm, a[1], &i) < 0) return val_null();
    if (d.type == TEN_DEV_CPU && i != 0) return exc_set(vm, EXC_RuntimeError, "CPU device index must be -1 or zero, got %lld", (long long)i);
    d.index = (int8_t)i;
  }
  return device_value(vm, d);
}

static const bi_getset device_getsets[] = {
  {"type", device_type, NULL, NULL},
  {"index", device_index, NULL, NULL},
  {NULL, NULL, NULL, NULL}
};

obj_type type_device = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "device", .basicsize = sizeof(obj_device), .repr = device_repr,
  .str = device_str, .richcmp = device_richcmp, .hash = device_hash, .new_ = device_new,
};

/* ---- torch.Size: a tuple of ints ---- */

value size_value(lang_vm *vm, const int64_t *shape, int ndim) {
  obj_tuple *t = tuple_new(vm, ndim);
  if (!t) return val_null();
  if (ndim == 0) {   /* the shared empty tuple must not be retyped */
    obj_decref(t);
    t = obj_alloc(vm, &type_size, sizeof(obj_tuple));
    if (!t) return val_null();
    return val_obj(t);
  }
  for (int i = 0; i < ndim; i++) t->items[i] = val_int(shape[i]);
  t->hdr.type = &type_size;
  return val_obj(t);
}

static value size_repr(lang_vm *vm, value self) {
  obj_tuple *t = VAL_TUPLE(self);
  strbuf b;
  sb_init(&b);
  sb_adds(&b, "torch.Size([");
  for (int64_t i = 0; i < t->len; i++) {
    if (i) sb_adds(&b, ", ");
    if (obj_repr_to(vm, t->items[i], &b) < 0) {
      sb_free(&b);
      return val_null();
    }
  }
  sb_adds(&b, "])");
  obj_str *s = sb_finish(vm, &b);
  return s ? val_obj(s) : val_null();
}

static value size_getitem(lang_vm *vm, value self, value key) {
  value r = type_tuple.getitem(vm, self, key);
  if (!VAL_IS_NULL(r) && val_type(key) == &type_slice && r.u.o->type == &type_tuple) {
    obj_tuple *t = VAL_TUPLE(r);
    int64_t shape[TEN_MAX_DIMS];
    int n = (int)(t->len < TEN_MAX_DIMS ? t->len : TEN_MAX_DIMS);
    for (int i = 0; i < n; i++) shape[i] = val_as_int(t->items[i]);
    val_decref(r);
    return size_value(vm, shape, n);
  }
  return r;
}

static value size_new(lang_vm *vm, obj_type *t, const value *args, int nargs, obj_tuple *kw) {
  if (nargs == 0) return size_value(vm, NULL, 0);
  int64_t shape[TEN_MAX_DIMS];
  obj_list *l = obj_to_list(vm, args[0]);
  if (!l) return val_null();
  if (l->len > TEN_MAX_DIMS) {
    obj_decref(l);
    return exc_set(vm, EXC_ValueError, "too many dimensions");
  }
  for (int64_t i = 0; i < l->len; i++) {
    if (obj_as_index(vm, l->items[i], &shape[i]) < 0) {
      obj_decref(l);
      exc_clear(vm);
      return exc_set(vm, EXC_TypeError, "torch.Size() takes an iterable of 'int' (item %lld is '%s')", (long long)i,
                     val_type_name(l->items[i]));
    }
  }
  int n = (int)l->len;
  obj_decref(l);
  return size_value(vm, shape, n);
}

static value size_numel(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  obj_tuple *t = VAL_TUPLE(args[0]);
  int64_t n = 1;
  for (int64_t i = 0; i < t->len; i++) n *= val_as_int(t->items[i]);
  return val_int(n);
}

static value size_binop(lang_vm *vm, value a, value b, int op, bool reflected) {
  value r = type_tuple.binop(vm, a, b, op, reflected);
  if (VAL_IS_NULL(r) || val_is_notimpl(r) || op != BINOP_ADD || val_type(a) != &type_size) return r;
  obj_tuple *t = VAL_TUPLE(r);
  int64_t shape[TEN_MAX_DIMS];
  int n = (int)(t->len < TEN_MAX_DIMS ? t->len : TEN_MAX_DIMS);
  for (int i = 0; i < n; i++) {
    if (!val_is_intlike(t->items[i])) return r;
    shape[i] = val_as_int(t->items[i]);
  }
  val_decref(r);
  return size_value(vm, shape, n);
}

static const bi_reg size_methods[] = {
  {"numel", size_numel, 1, 0, "Returns the number of elements a Tensor with the given size would contain."},
  {NULL, NULL, 0, 0, NULL}
};

obj_type type_size = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "Size", .base = &type_tuple, .repr = size_repr,
  .getitem = size_getitem, .new_ = size_new, .binop = size_binop,
};

/* ---- torch.return_types.*: (values, indices)-style named pairs ---- */

typedef struct rt_def { const char *name; const char *fields[2]; } rt_def;
static const rt_def rt_defs[] = {
  {"max", {"values", "indices"}}, {"min", {"values", "indices"}}, {"sort", {"values", "indices"}},
  {"topk", {"values", "indices"}}, {"median", {"values", "indices"}}, {"mode", {"values", "indices"}},
  {"kthvalue", {"values", "indices"}}, {"aminmax", {"min", "max"}}, {"cummax", {"values", "indices"}},
  {"cummin", {"values", "indices"}}, {"std_mean", {"std", "mean"}}, {"var_mean", {"var", "mean"}},
  {NULL, {NULL, NULL}}
};
#define NRT (sizeof rt_defs / sizeof rt_defs[0] - 1)
static obj_type rt_types[NRT];

static const rt_def *rt_of(obj_type *t) {
  for (size_t i = 0; i < NRT; i++)
    if (t == &rt_types[i]) return &rt_defs[i];
  return NULL;
}

static value rt_repr(lang_vm *vm, value self) {
  const rt_def *d = rt_of(self.u.o->type);
  obj_tuple *t = VAL_TUPLE(self);
  strbuf b;
  sb_init(&b);
  sb_printf(&b, "torch.return_types.%s(\n", d ? d->name : "?");
  for (int i = 0; i < 2 && i < t->len; i++) {
    sb_printf(&b, "%s=", d ? d->fields[i] : "?");
    if (obj_repr_to(vm, t->items[i], &b) < 0) {
      sb_free(&b);
      return val_null();
    }
    sb_adds(&b, i == 0 ? ",\n" : ")");
  }
  obj_str *s = sb_finish(vm, &b);
  return s ? val_obj(s) : val_null();
}

static value rt_getattr(lang_vm *vm, value self, obj_str *name) {
  const rt_def *d = rt_of(self.u.o->type);
  if (d)
    for (int i = 0; i < 2; i++)
      if (str_eq_cstr(name, d->fields[i])) return val_incref(VAL_TUPLE(self)->items[i]);
  return obj_generic_getattr(vm, self, name);
}

value return_pair(lang_vm *vm, const char *name, value a, value b) {
  obj_type *t = NULL;
  for (size_t i = 0; i < NRT; i++)
    if (strcmp(rt_defs[i].name, name) == 0) t = &rt_types[i];
  obj_tuple *tu = tuple_new(vm, 2);
  if (!tu) {
    val_decref(a);
    val_decref(b);
    return val_null();
  }
  tu->items[0] = a;
  tu->items[1] = b;
  if (t) tu->hdr.type = t;
  return val_obj(tu);
}

/* ---- torch.Generator ---- */

static void gen_dealloc(obj *o) {
  obj_generator *g = (obj_generator *)o;
  if (g->owned) ten_generator_free(g->g);
}
static value tgen_new(lang_vm *vm, obj_type *t, const value *args, int nargs, obj_tuple *kw) {
  value a[1];
  if (bi_parse(vm, "Generator", args, nargs, kw, "|device", a) < 0) return val_null();
  ten_device d = TEN_CPU;
  if (!VAL_IS_NULL(a[0]) && arg_device(vm, a[0], &d) < 0) return val_null();
  obj_generator *g = obj_alloc(vm, &type_generator_t, sizeof *g);
  if (!g) return val_null();
  g->g = ten_generator_new();
  g->owned = true;
  if (!g->g) {
    obj_decref(g);
    return exc_nomem(vm);
  }
  return val_obj(g);
}
static value gen_repr(lang_vm *vm, value self) {
  return val_obj(str_printf(vm, "<torch._C.Generator object at %p>", (void *)self.u.o));
}
static value gen_manual_seed(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  int64_t s;
  if (arg_int(vm, args[1], &s) < 0) return val_null();
  ten_generator_seed(((obj_generator *)args[0].u.o)->g, (uint64_t)s);
  return val_incref(args[0]);
}
static value gen_initial_seed(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return val_int((int64_t)ten_generator_initial_seed(((obj_generator *)args[0].u.o)->g));
}
static value gen_seed(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  return val_int((int64_t)ten_generator_seed_random(((obj_generator *)args[0].u.o)->g));
}
static value gen_get_state(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  size_t n = ten_generator_state_size();
  uint8_t *buf = malloc(n);
  if (!buf) return exc_nomem(vm);
  ten_generator_get_state(((obj_generator *)args[0].u.o)->g, buf);
  int64_t shape[1] = {(int64_t)n};
  ten_tensor *t = ten_from_buffer(buf, TEN_DTYPE_U8, shape, 1, TEN_DTYPE_U8, TEN_CPU);
  free(buf);
  return tensor_wrap(vm, t);
}
static value gen_set_state(lang_vm *vm, const value *args, int nargs, obj_tuple *kw) {
  ten_tensor *t = arg_tensor(vm, args[1], "set_state", "new_state", 1);
  if (!t) return val_null();
  ten_tensor *c = ten_contiguous(t);
  if (!c) return exc_from_ten(vm);
  int rc = ten_generator_set_state(((obj_generator *)args[0].u.o)->g, ten_data_ptr(c), (size_t)ten_numel(c));
  ten_release(c);
  if (rc < 0) return exc_from_ten(vm);
  return val_incref(args[0]);
}
static const bi_reg gen_methods[] = {
  {"manual_seed", gen_manual_seed, 2, 0, "Sets the seed for generating random numbers. Returns a torch.Generator object."},
  {"initial_seed", gen_initial_seed, 1, 0, "Returns the initial seed for generating random numbers."},
  {"seed", gen_seed, 1, 0, "Gets a non-deterministic random number from std::random_device or the current time and uses it to seed a Generator."},
  {"get_state", gen_get_state, 1, 0, NULL},
  {"set_state", gen_set_state, 2, 0, NULL},
  {NULL, NULL, 0, 0, NULL}
};

obj_type type_generator_t = {
  .hdr = OBJ_STATIC_HEAD(&type_type), .name = "Generator", .basicsize = sizeof(obj_generator), .dealloc = gen_dealloc,
  .new_ = tgen_new, .repr = gen_repr, .hash = obj_hash_identity,
};

ten_generator *arg_generator(lang_vm *vm, value v) {
  if (VAL_IS_NULL(v) || v.tag == VAL_NONE) return ten_default_generator();
  if (val_type(v) != &type_generator_t) {
    exc_set(vm, EXC_TypeError, "generator must be a torch.Generator, not %s", val_type_name(v));
    return NULL;
  }
  return ((obj_generator *)v.u.o)->g;
}

/* ---- set-up ---- */

int torch_types_init(lang_vm *vm, obj_dict *torch) {
  if (type_ready(vm, &type_dtype) < 0 || type_add_getsets(vm, &type_dtype, dtype_getsets) < 0) return -1;
  if (type_ready(vm, &type_device) < 0 || type_add_getsets(vm, &type_device, device_getsets) < 0) return -1;
  if (type_ready(vm, &type_size) < 0 || type_add_methods(vm, &type_size, size_methods) < 0) return -1;
  if (type_ready(vm, &type_generator_t) < 0 || type_add_methods(vm, &type_generator_t, gen_methods) < 0) return -1;
  type_dtype.module = type_device.module = type_size.module = str_intern(vm, "torch");
  type_generator_t.module = str_intern(vm, "torch._C");
  for (size_t i = 0; i < NRT; i++) {
    obj_type *t = &rt_types[i];
    if (!(t->tflags & TYPE_F_READY)) {
      memset(t, 0, sizeof *t);
      t->hdr.refcnt = OBJ_IMMORTAL;
      t->hdr.type = &type_type;
      t->name = rt_defs[i].name;
      t->base = &type_tuple;
      t->repr = rt_repr;
      t->getattr = rt_getattr;
      if (type_ready(vm, t) < 0) return -1;
      t->module = str_intern(vm, "torch.return_types");
    }
  }
  static const struct { const char *name; ten_dtype dt; } names[] = {
    {"float32", TEN_DTYPE_F32}, {"float", TEN_DTYPE_F32}, {"float64", TEN_DTYPE_F64}, {"double", TEN_DTYPE_F64},
    {"int64", TEN_DTYPE_I64}, {"long", TEN_DTYPE_I64}, {"int32", TEN_DTYPE_I32}, {"int", TEN_DTYPE_I32},
    {"uint8", TEN_DTYPE_U8}, {"bool", TEN_DTYPE_BOOL},
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (dict_set_cstr(vm, torch, names[i].name, dtype_value(names[i].dt)) < 0) return -1;
  if (dict_set_cstr(vm, torch, "dtype", val_obj(&type_dtype)) < 0 ||
      dict_set_cstr(vm, torch, "device", val_obj(&type_device)) < 0 ||
      dict_set_cstr(vm, torch, "Size", val_obj(&type_size)) < 0 ||
      dict_set_cstr(vm, torch, "Generator", val_obj(&type_generator_t)) < 0)
    return -1;
  /* torch.return_types as a namespace module */
  value rtm = module_new(vm, "torch.return_types", NULL);
  if (VAL_IS_NULL(rtm)) return -1;
  obj_dict *rd = ((obj_module *)rtm.u.o)->dict;
  for (size_t i = 0; i < NRT; i++) dict_set_cstr(vm, rd, rt_defs[i].name, val_obj(&rt_types[i]));
  dict_set_cstr(vm, vm->modules, "torch.return_types", rtm);
  return module_add_value(vm, torch, "return_types", rtm);
}
