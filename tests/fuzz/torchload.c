/*
** tests/fuzz/torchload.c — fuzz target: torch.load's decoder (kernel/lang/serialize.c). The first
** byte picks how the rest is used: 0 — as a whole file image (header, sizes and CRC as given, so
** mostly the header checks are reached); 1 — as the payload of a valid uncompressed file (the target
** writes the header with the right sizes and CRC, so the value decoder is reached); 2 — the same,
** zlib-compressed. Decoded values are released at once (tensors, nested containers, shared 'r'
** references).
*/
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "kernel/lang/lang.h"
#include "kernel/lang/torch_bind.h"
#include "tests/fuzz/fuzz.h"

static lang_vm *vm;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  vm = lang_vm_new(0, NULL);
  if (!vm) abort();
  return 0;
}

static void put_le(unsigned char *p, uint64_t v, int n) {
  for (int i = 0; i < n; i++) p[i] = (unsigned char)(v >> (8 * i));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!vm) LLVMFuzzerInitialize(NULL, NULL);
  if (size < 1 || size > 1 << 20) return 0;
  int mode = data[0] % 3;
  const unsigned char *p = data + 1;
  size_t n = size - 1;
  unsigned char *file = NULL;
  size_t flen = n;
  if (mode == 0) {
    file = malloc(n ? n : 1);
    if (!file) return 0;
    memcpy(file, p, n);
  } else {
    uLongf zn = mode == 2 ? compressBound((uLong)n) : (uLongf)n;
    file = malloc(40 + zn + 1);
    if (!file) return 0;
    if (mode == 2) {
      if (compress(file + 40, &zn, p, (uLong)n) != Z_OK) {
        free(file);
        return 0;
      }
    } else {
      memcpy(file + 40, p, n);
    }
    static const unsigned char magic[8] = {0x89, 'C', 'T', 'O', 'R', 'C', 'H', 0x0A};
    memcpy(file, magic, 8);
    put_le(file + 8, 1, 4);
    put_le(file + 12, mode == 2, 4);
    put_le(file + 16, n, 8);
    put_le(file + 24, zn, 8);
    put_le(file + 32, crc32(crc32(0L, Z_NULL, 0), p, (uInt)n), 4);
    put_le(file + 36, 0, 4);
    flen = 40 + zn;
  }
  value r = ser_load_bytes(vm, file, flen, "the fuzz input");
  if (VAL_IS_NULL(r)) exc_clear(vm);
  else val_decref(r);
  free(file);
  return 0;
}
