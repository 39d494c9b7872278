/*
** tensor/random_internal.h — cross-file internals of the random streams: the scalar emulation of
** the AVX2 cephes log/sincos that PyTorch's float32 randn uses (cephes.c, called from random.c).
*/
#ifndef CT_TENSOR_RANDOM_INTERNAL_H
#define CT_TENSOR_RANDOM_INTERNAL_H

#include "tensor/internal.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One lane of avx_mathfun's log256_ps: natural log by the cephes polynomial, rounded after every
   operation exactly as the vector code rounds. NaN (all bits set) for x <= 0. */
CT_INTERNAL float ten_cephes_logf(float x);
/* One lane of avx_mathfun's sincos256_ps (cephes sinf/cosf sharing one range reduction).
   Good for |x| < 8192; randn only passes [0, 2*pi). */
CT_INTERNAL void ten_cephes_sincosf(float x, float *s, float *c);

#ifdef __cplusplus
}
#endif
#endif /* CT_TENSOR_RANDOM_INTERNAL_H */
