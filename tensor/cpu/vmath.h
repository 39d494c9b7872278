/*
** tensor/cpu/vmath.h — float exp, log, tanh bit-identical to PyTorch 1.13's CPU kernels (which run
** SLEEF's u10 vector functions), scalar and over arrays (AVX2 when the CPU has it, same bits).
*/
#ifndef CT_TENSOR_CPU_VMATH_H
#define CT_TENSOR_CPU_VMATH_H

#include <stdint.h>

#include "tensor/internal.h"

CT_INTERNAL float cpu_sleef_expf(float x);
CT_INTERNAL float cpu_sleef_logf(float x);
CT_INTERNAL float cpu_sleef_tanhf(float x);

/* o[i] = f(x[i]) for n contiguous floats (o == x allowed) */
CT_INTERNAL void cpu_sleef_exp_n(float *o, const float *x, int64_t n);
CT_INTERNAL void cpu_sleef_log_n(float *o, const float *x, int64_t n);
CT_INTERNAL void cpu_sleef_tanh_n(float *o, const float *x, int64_t n);

/* ATen's vectorised sigmoid, 1 / (1 + exp(0 - x)) with SLEEF's exp, over the leading whole blocks of
   16 (its loop's two AVX2 vectors); returns how many it wrote; the caller does the rest with libm. */
CT_INTERNAL int64_t cpu_sleef_sigmoid_blocks(float *o, const float *x, int64_t n);

#endif
