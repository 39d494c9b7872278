/*
** tests/fuzz/fuzz.h — what the fuzz targets share. Each target TARGET.c defines
** LLVMFuzzerTestOneInput; it links either with libFuzzer (CTORCH_FUZZ=ON, clang) or with replay.c,
** whose main() feeds it every file of tests/fuzz/corpus/TARGET (ctest label fuzz, every build).
*/
#ifndef CT_TESTS_FUZZ_H
#define CT_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional: called once before the first input (libFuzzer: LLVMFuzzerInitialize). */
int LLVMFuzzerInitialize(int *argc, char ***argv);

#endif /* CT_TESTS_FUZZ_H */
