/*
** tensor/storage.c — refcounted storage: the bytes behind one or more tensor views, with the
** device it lives on and the version counter that autograd checks after in-place writes.
*/
#include <stdlib.h>

#include "tensor/internal.h"

ten_storage *ten_storage_new(size_t nbytes, ten_device dev) {
  ten_storage *s = ten_malloc(sizeof *s);
  if (!s) return NULL;
  void *data;
  if (dev.type == TEN_DEV_CPU) {
    data = ten_alloc(nbytes);
  } else {
    const ten_backend *b = ten_backend_for(dev);
    data = b ? b->alloc(nbytes, dev.index) : NULL;
  }
  if (!data) {
    free(s);
    return NULL;
  }
  *s = (ten_storage){.data = data, .nbytes = nbytes, .refcount = 1, .device = dev};
  return s;
}

ten_storage *ten_storage_wrap(void *data, size_t nbytes, ten_device dev,
                              void (*deleter)(void *, void *), void *ctx) {
  ten_storage *s = ten_malloc(sizeof *s);
  if (!s) return NULL;
  *s = (ten_storage){.data = data, .nbytes = nbytes, .refcount = 1, .device = dev,
                     .deleter = deleter, .deleter_ctx = ctx};
  return s;
}

void ten_storage_retain(ten_storage *s) { __atomic_add_fetch(&s->refcount, 1, __ATOMIC_RELAXED); }

void ten_storage_release(ten_storage *s) {
  if (!s || __atomic_sub_fetch(&s->refcount, 1, __ATOMIC_ACQ_REL) != 0) return;
  if (s->deleter) {
    s->deleter(s->data, s->deleter_ctx);
  } else if (s->device.type == TEN_DEV_CPU) {
    ten_free(s->data, s->nbytes);
  } else {
    const ten_backend *b = ten_backend_for(s->device);
    if (b) b->free(s->data, s->nbytes, s->device.index);
  }
  free(s);
}
