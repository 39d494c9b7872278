/*
** tensor/backend.c — registry of device backends (one per device type) and device queries.
*/
#include <string.h>

#include "tensor/internal.h"

static const ten_backend *backends[TEN_DEV_COUNT];

CT_INTERNAL const ten_backend cpu_backend;   /* tensor/cpu/backend.c */

void ten_backend_register(ten_devtype type, const ten_backend *b) {
  if (type >= 0 && type < TEN_DEV_COUNT) backends[type] = b;
}

const ten_backend *ten_backend_for(ten_device dev) {
  if (dev.type == TEN_DEV_CPU) return &cpu_backend;
  const ten_backend *b = dev.type > 0 && dev.type < TEN_DEV_COUNT ? backends[dev.type] : NULL;
  if (!b) {
    ten_error_set(TEN_E_ASSERTION, "Torch not compiled with CUDA enabled");
    return NULL;
  }
  return b;
}

const ten_backend *ten_backend_missing(const ten_backend *b, const char *op) {
  const char *dev = strcmp(b->name, "cuda") == 0 ? "CUDA" : strcmp(b->name, "cpu") == 0 ? "CPU" : b->name;
  ten_error_set(TEN_E_NOTIMPL,
                "Could not run 'aten::%s' with arguments from the '%s' backend. ctorch's %s backend has no kernel "
                "for it (there is no CPU fallback: move the tensors with .cpu() first).",
                op, dev, dev);
  return NULL;
}

int ten_device_count(ten_devtype type) {
  if (type == TEN_DEV_CPU) return 1;
  const ten_backend *b = type > 0 && type < TEN_DEV_COUNT ? backends[type] : NULL;
  return b && b->device_count ? b->device_count() : 0;
}
