/*
** nn/pad.c — constant_pad_nd as ATen composes it: negative pads narrow the input, positive ones
** grow a value-filled output whose interior receives a copy of the (narrowed) input.
*/
#include <stdio.h>

#include "nn/internal.h"

ten_tensor *nn_constant_pad_nd(ten_tensor *input, const int64_t *pad, int npad, ten_scalar value) {
  if (nn_check_cpu(input, "constant_pad_nd")) return NULL;
  if (npad % 2 != 0) {
    ten_error_set(TEN_E_RUNTIME, "Length of pad must be even but instead it equals %d", npad);
    return NULL;
  }
  int l_inp = input->ndim, l_pad = npad / 2, l_diff = l_inp - l_pad;
  if (l_inp < l_pad) {
    ten_error_set(TEN_E_RUNTIME,
                  "Length of pad should be no more than twice the number of dimensions of the input. Pad length is %dwhile the input has %ddimensions.",
                  npad, l_inp);
    return NULL;
  }
  bool all_non_positive = true;
  ten_tensor *c_in = ten_alias(input);
  for (int i = l_diff; c_in && i < l_inp; i++) {
    int pi = 2 * (l_inp - i - 1);
    if (pad[pi] < 0) {
      ten_tensor *n = ten_narrow(c_in, i, -pad[pi], c_in->shape[i] + pad[pi]);
      ten_release(c_in);
      c_in = n;
    } else if (pad[pi] != 0) {
      all_non_positive = false;
    }
    if (c_in && pad[pi + 1] < 0) {
      ten_tensor *n = ten_narrow(c_in, i, 0, c_in->shape[i] + pad[pi + 1]);
      ten_release(c_in);
      c_in = n;
    } else if (pad[pi + 1] != 0) {
      all_non_positive = false;
    }
  }
  if (!c_in) return NULL;
  if (all_non_positive) {
    ten_tensor *r = ten_clone(c_in);
    ten_release(c_in);
    return r;
  }
  int64_t shape[TEN_MAX_DIMS];
  for (int i = 0; i < l_diff; i++) shape[i] = input->shape[i];
  for (int i = 0; i < l_pad; i++) {
    int pi = npad - (i + 1) * 2;
    int64_t nd = input->shape[l_diff + i] + pad[pi] + pad[pi + 1];
    if (nd <= 0) {
      ten_error_set(TEN_E_RUNTIME,
                    "The input size %lld, plus negative padding %lld and %lld resulted in a negative output size, which is invalid. Check dimension %d of your input.",
                    (long long)input->shape[l_diff + i], (long long)pad[pi], (long long)pad[pi + 1], l_diff + i);
      ten_release(c_in);
      return NULL;
    }
    shape[l_diff + i] = nd;
  }
  ten_tensor *o = ten_full(shape, l_inp, value, input->dtype, ten_device_of(input));
  ten_tensor *c_out = o ? ten_alias(o) : NULL;
  for (int i = l_diff; c_out && i < l_inp; i++) {
    int pi = 2 * (l_inp - i - 1);
    if (pad[pi] > 0) {
      ten_tensor *n = ten_narrow(c_out, i, pad[pi], c_out->shape[i] - pad[pi]);
      ten_release(c_out);
      c_out = n;
    }
    if (c_out && pad[pi + 1] > 0) {
      ten_tensor *n = ten_narrow(c_out, i, 0, c_out->shape[i] - pad[pi + 1]);
      ten_release(c_out);
      c_out = n;
    }
  }
  int rc = c_out ? ten_copy_(c_out, c_in) : -1;
  ten_release(c_out);
  ten_release(c_in);
  if (rc) {
    ten_release(o);
    return NULL;
  }
  if (o) o->storage->version = 0;
  return o;
}
