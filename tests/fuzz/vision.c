/*
** tests/fuzz/vision.c — fuzz target: the dataset readers of torchvision._io (kernel/lang/vision_io.c).
** The first byte picks the reader (even: IDX, odd: CIFAR-10 binary batch); the rest is the file
** image. For IDX the header's sizes must match the data exactly, so a corrupt header is a
** RuntimeError, never a large allocation or a read past the end.
*/
#include <stdlib.h>

#include "kernel/lang/lang.h"
#include "kernel/lang/torch_bind.h"
#include "tests/fuzz/fuzz.h"

static lang_vm *vm;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  vm = lang_vm_new(0, NULL);
  if (!vm) abort();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!vm) LLVMFuzzerInitialize(NULL, NULL);
  if (size < 1) return 0;
  value r = data[0] & 1 ? vision_parse_cifar(vm, data + 1, (int64_t)size - 1, "fuzz.bin")
                        : vision_parse_idx(vm, data + 1, (int64_t)size - 1, "fuzz.idx");
  if (VAL_IS_NULL(r)) exc_clear(vm);
  else val_decref(r);
  return 0;
}
