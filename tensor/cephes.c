/*
** tensor/cephes.c — scalar, lane-for-lane emulation of the float32 cephes log and sincos that
** PyTorch's AVX2 build uses for randn (avx_mathfun.h log256_ps / sincos256_ps, after Pommier's
** sse_mathfun). Written from the algorithm, not a general-purpose libm: accuracy is cephes', on purpose.
*/
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "tensor/random_internal.h"

/* PyTorch compiles avx_mathfun.h with -mfma and GCC's default -ffp-contract=fast, so some of its
   vmulps/vaddps pairs became FMAs. Those are written out as fmaf() below (which ones was settled against
   torch's own output: a plain mul+add there changes ~1% of randn values); every other operation rounds on
   its own. No a*b+c is left for the compiler to fuse, so results do not depend on -ffp-contract. */

/* The vector code stores its constants as float arrays initialised from double literals, so each
   constant is the double value rounded to float (not the decimal rounded straight to float). */
#define F(x) ((float)(x))

static uint32_t bits_of(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

static float float_of(uint32_t u) {
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

/* ---- log ---- */

float ten_cephes_logf(float x) {
  const float one = 1.0f;
  /* ordered compare: false for NaN, so NaN input flows through the polynomial unchanged */
  int invalid = x <= 0.0f;

  /* clamp denormals (and zero/negatives) to the smallest normal: max(x, FLT_MIN) as maxps does,
     which returns the second operand unless x > FLT_MIN */
  const float min_norm = float_of(0x00800000u);
  x = x > min_norm ? x : min_norm;

  uint32_t u = bits_of(x);
  int32_t exponent = (int32_t)(u >> 23) - 0x7f;
  /* keep the mantissa, force the exponent of 0.5: x in [0.5, 1) */
  x = float_of((u & ~0x7f800000u) | bits_of(0.5f));
  float e = (float)exponent;
  e = e + one;

  /* x < sqrt(1/2): use 2x-1 and one less in the exponent, done branch-free as in the vector code */
  int below = x < F(0.707106781186547524);
  float tmp = below ? x : 0.0f;
  x = x - one;
  e = e - (below ? one : 0.0f);
  x = x + tmp;

  /* Horner steps fused; the last step's product by z fuses with the q1 term, the 0.5*z term is
     subtracted by a fused multiply as well. */
  float z = x * x;
  float y = fmaf(F(7.0376836292E-2), x, F(-1.1514610310E-1));
  y = fmaf(y, x, F(1.1676998740E-1));
  y = fmaf(y, x, F(-1.2420140846E-1));
  y = fmaf(y, x, F(1.4249322787E-1));
  y = fmaf(y, x, F(-1.6668057665E-1));
  y = fmaf(y, x, F(2.0000714765E-1));
  y = fmaf(y, x, F(-2.4999993993E-1));
  y = fmaf(y, x, F(3.3333331174E-1));
  y = y * x;

  /* log(2) split in two: q2 has few bits (e*q2 is exact), q1 is the correction */
  tmp = e * F(-2.12194440e-4);
  y = fmaf(y, z, tmp);
  y = fmaf(-z, 0.5f, y);
  x = x + y;
  x = fmaf(e, F(0.693359375), x);
  /* or-ing an all-ones mask gives the NaN with every bit set */
  return invalid ? float_of(0xffffffffu) : x;
}

/* ---- sincos ---- */

void ten_cephes_sincosf(float x, float *s, float *c) {
  uint32_t sign_sin = bits_of(x) & 0x80000000u;
  x = float_of(bits_of(x) & 0x7fffffffu);

  /* octant: j = (trunc(|x| * 4/pi) + 1) & ~1, an even integer */
  float y = x * F(1.27323954473516);
  /* cvttps2dq truncates; out of range (or NaN) it yields INT32_MIN. Integer lanes wrap, hence uint32_t. */
  uint32_t j = y < 2147483648.0f ? (uint32_t)(int32_t)y : 0x80000000u;
  j = (j + 1u) & ~1u;
  y = (float)(int32_t)j;

  uint32_t swap_sin = (j & 4u) << 29;
  int use_sin_poly = (j & 2u) == 0;   /* the polynomial selection mask */

  /* extended-precision reduction x - y*pi/4 with pi/4 split in three (fused, as GCC fuses the vector code) */
  x = fmaf(y, F(-0.78515625), x);
  x = fmaf(y, F(-2.4187564849853515625e-4), x);
  x = fmaf(y, F(-3.77489497744594108e-8), x);

  uint32_t sign_cos = (~(j - 2u) & 4u) << 29;
  sign_sin ^= swap_sin;

  /* cosine polynomial, for the first octant */
  float z = x * x;
  float yc = fmaf(F(2.443315711809948E-005), z, F(-1.388731625493765E-003));
  yc = fmaf(yc, z, F(4.166664568298827E-002));
  yc = yc * z;
  float tmp = z * 0.5f;
  yc = fmaf(yc, z, -tmp);
  yc = yc + 1.0f;

  /* sine polynomial */
  float ys = fmaf(F(-1.9515295891E-4), z, F(8.3321608736E-3));
  ys = fmaf(ys, z, F(-1.6666654611E-1));
  ys = ys * z;
  ys = fmaf(ys, x, x);

  /* blend as the vector code does: and/andnot masks, subtract the picked part, add the rest.
     Kept literal so signed zeros come out exactly as in the vector code. */
  float sin2 = use_sin_poly ? ys : 0.0f;
  float sin1 = use_sin_poly ? 0.0f : yc;
  ys = ys - sin2;
  yc = yc - sin1;
  float sv = sin1 + sin2;
  float cv = yc + ys;

  *s = float_of(bits_of(sv) ^ sign_sin);
  *c = float_of(bits_of(cv) ^ sign_cos);
}
