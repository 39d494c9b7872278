/*
** autograd/custom.c — nodes for functions defined in the language (torch.autograd.Function): the
** node calls back into the language for backward, owns the language's context object, and keeps
** what ctx.save_for_backward saved as ordinary saved tensors (version-checked, freed after backward).
*/
#include <stdlib.h>
#include <string.h>

#include "autograd/internal.h"

static int custom_backward(ag_node *n, ten_tensor **gout, ten_tensor **gin) {
  return n->custom_backward(n->user, n, gout, n->n_out, gin, n->n_next);
}

int ag_custom_apply(const ag_custom_spec *spec, ten_tensor *const *inputs, int n_in, ten_tensor **outputs, int n_out,
                    ag_node **node) {
  *node = NULL;
  if (!ag_needs_any(inputs, n_in)) {
    if (spec->user_free) spec->user_free(spec->user);
    return 0;
  }
  ag_node *n = ag_node_new(NULL, custom_backward, n_in, 0);
  char *name = n ? strdup(spec->name) : NULL;
  if (!name || ag_node_set_outputs(n, outputs, n_out)) {
    if (spec->user_free) spec->user_free(spec->user);
    if (n) free(name);
    ag_node_release(n);
    return n ? ten_error_set(TEN_E_NOMEM, "out of memory") : -1;
  }
  n->owned_name = name;
  n->name = name;
  n->custom_backward = spec->backward;
  n->user = spec->user;
  n->user_free = spec->user_free;
  for (int i = 0; i < n_in; i++) ag_node_set_input(n, i, inputs[i]);
  int rc = 0;
  for (int k = 0; k < n_out && rc == 0; k++) {
    ten_tensor *o = outputs[k];
    if (!o || !ten_dtype_is_float(o->dtype)) continue;
    for (int i = 0; i < n_in; i++) {
      if (inputs[i] != o) continue;
      ten_tensor *a = ten_alias(o);
      if (!a) {
        rc = -1;
        break;
      }
      ten_release(o);
      outputs[k] = o = a;
      break;
    }
    if (rc == 0) rc = ag_set_history(o, n, k);
  }
  ag_node_release(n);   /* the outputs own it */
  if (rc == 0) *node = n;
  return rc;
}

int ag_node_save(ag_node *n, ten_tensor *const *ts, int count, ten_tensor *const *outputs, int n_out) {
  ag_saved *s = calloc((size_t)(count ? count : 1), sizeof *s);
  if (!s) return ten_error_set(TEN_E_NOMEM, "out of memory");
  for (int i = 0; i < n->n_saved; i++) ten_release(n->saved[i].t);
  if (n->saved_heap) free(n->saved);
  n->saved = s;
  n->saved_heap = true;
  n->n_saved = count;
  for (int i = 0; i < count; i++) {
    bool is_out = false;
    for (int k = 0; ts[i] && k < n_out; k++) is_out |= outputs[k] == ts[i];
    ag_save(n, i, ts[i], is_out);
  }
  return 0;
}

int ag_node_num_saved(const ag_node *n) { return n->n_saved; }

int ag_node_unpack(ag_node *n, int i, ten_tensor **out) {
  *out = NULL;
  if (i < 0 || i >= n->n_saved) return ten_error_set(TEN_E_INDEX, "saved tensor index out of range");
  if (!n->saved[i].defined) return 0;   /* None was saved */
  *out = ag_unpack(n, i);
  return *out ? 0 : -1;
}

ten_tensor *ag_node_output_zeros(const ag_node *n, int k) {
  if (!n->out || k < 0 || k >= n->n_out) {
    ten_error_set(TEN_E_RUNTIME, "autograd: no output %d", k);
    return NULL;
  }
  return ag_zeros_meta(&n->out[k]);
}
