/*
** tensor/cpu/vmath.c — float exp, log, tanh with PyTorch 1.13's CPU results (SLEEF's u10 algorithms,
** see vmath_body.h): one scalar instantiation (plain C with fmaf; any CPU) and one AVX2+FMA
** instantiation picked at run time; both give the same bits.
*/
/* Every rounding is explicit: no contraction of a*b+c into an FMA (GCC fuses even intrinsics). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "tensor/cpu/vmath.h"

/* ===== scalar lanes ===== */

typedef float sf_vf;
typedef int32_t sf_vi;
typedef int sf_vo;

static inline int32_t sf_asi(float f) { int32_t i; memcpy(&i, &f, 4); return i; }
static inline float sf_asf(int32_t i) { float f; memcpy(&f, &i, 4); return f; }
/* cvtps2dq: round to nearest even; NaN and out-of-range give INT32_MIN */
static inline int32_t sf_rint(float x) { return fabsf(x) < 2147483648.0f ? (int32_t)nearbyintf(x) : INT32_MIN; }

#define VM_FN static inline
#define VF sf_vf
#define VI sf_vi
#define VO sf_vo
#define VM_(name) sf_##name
#define F(c) ((float)(c))
#define ADD(a, b) ((a) + (b))
#define SUB(a, b) ((a) - (b))
#define MUL(a, b) ((a) * (b))
#define DIV(a, b) ((a) / (b))
#define FMA(a, b, c) fmaf((a), (b), (c))
#define FMS(a, b, c) fmaf((a), (b), -(c))
#define FNMA(a, b, c) fmaf(-(a), (b), (c))
#define LT(a, b) ((a) < (b))
#define GT(a, b) ((a) > (b))
#define EQ(a, b) ((a) == (b))
#define ISNAN(a) ((a) != (a))
#define OR(a, b) ((a) || (b))
#define SEL(m, a, b) ((m) ? (a) : (b))
#define ABS(a) sf_asf(sf_asi(a) & INT32_MAX)
#define NEG(a) sf_asf(sf_asi(a) ^ INT32_MIN)
#define MULSIGN(a, b) sf_asf(sf_asi(a) ^ (sf_asi(b) & INT32_MIN))
#define ZERO_IF(m, a) ((m) ? 0.0f : (a))
#define NAN_IF(m, a) ((m) ? sf_asf(-1) : (a))
#define RINT(a) sf_rint(a)
#define CVTF(i) ((float)(i))
#define I(c) ((int32_t)(c))
#define IADD(a, b) ((int32_t)((uint32_t)(a) + (uint32_t)(b)))
#define ISUB(a, b) ((int32_t)((uint32_t)(a) - (uint32_t)(b)))
#define IAND(a, b) ((a) & (b))
#define ISRA(a, c) ((a) >> (c))
#define ISRL(a, c) ((int32_t)((uint32_t)(a) >> (c)))
#define ISLL(a, c) ((int32_t)((uint32_t)(a) << (c)))
#define ISEL(m, a, b) ((m) ? (a) : (b))
#define ASI(a) sf_asi(a)
#define ASF(a) sf_asf(a)
#include "tensor/cpu/vmath_body.h"
#undef VM_FN
#undef VF
#undef VI
#undef VO
#undef VM_
#undef F
#undef ADD
#undef SUB
#undef MUL
#undef DIV
#undef FMA
#undef FMS
#undef FNMA
#undef LT
#undef GT
#undef EQ
#undef ISNAN
#undef OR
#undef SEL
#undef ABS
#undef NEG
#undef MULSIGN
#undef ZERO_IF
#undef NAN_IF
#undef RINT
#undef CVTF
#undef I
#undef IADD
#undef ISUB
#undef IAND
#undef ISRA
#undef ISRL
#undef ISLL
#undef ISEL
#undef ASI
#undef ASF
#undef VM_L2U
#undef VM_L2L
#undef VM_R_LN2

float cpu_sleef_expf(float x) { return sf_exp(x); }
float cpu_sleef_logf(float x) { return sf_log(x); }
float cpu_sleef_tanhf(float x) { return sf_tanh(x); }

/* ===== AVX2 + FMA lanes ===== */

#if defined(__GNUC__) && defined(__x86_64__)
#define VMATH_AVX2 1
#include <immintrin.h>

#define AV_TARGET __attribute__((target("avx2,fma")))
#define VM_FN static inline AV_TARGET
#define VF __m256
#define VI __m256i
#define VO __m256
#define VM_(name) av_##name
#define F(c) _mm256_set1_ps((float)(c))
#define ADD _mm256_add_ps
#define SUB _mm256_sub_ps
#define MUL _mm256_mul_ps
#define DIV _mm256_div_ps
#define FMA _mm256_fmadd_ps
#define FMS _mm256_fmsub_ps
#define FNMA _mm256_fnmadd_ps
#define LT(a, b) _mm256_cmp_ps((a), (b), _CMP_LT_OQ)
#define GT(a, b) _mm256_cmp_ps((a), (b), _CMP_GT_OQ)
#define EQ(a, b) _mm256_cmp_ps((a), (b), _CMP_EQ_OQ)
#define ISNAN(a) _mm256_cmp_ps((a), (a), _CMP_NEQ_UQ)
#define OR _mm256_or_ps
#define SEL(m, a, b) _mm256_blendv_ps((b), (a), (m))
#define ABS(a) _mm256_andnot_ps(_mm256_set1_ps(-0.0f), (a))
#define NEG(a) _mm256_xor_ps(_mm256_set1_ps(-0.0f), (a))
#define MULSIGN(a, b) _mm256_xor_ps((a), _mm256_and_ps(_mm256_set1_ps(-0.0f), (b)))
#define ZERO_IF(m, a) _mm256_andnot_ps((m), (a))
#define NAN_IF(m, a) _mm256_or_ps((m), (a))
#define RINT _mm256_cvtps_epi32
#define CVTF _mm256_cvtepi32_ps
#define I(c) _mm256_set1_epi32((int)(c))
#define IADD _mm256_add_epi32
#define ISUB _mm256_sub_epi32
#define IAND _mm256_and_si256
#define ISRA _mm256_srai_epi32
#define ISRL _mm256_srli_epi32
#define ISLL _mm256_slli_epi32
#define ISEL(m, a, b) _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(b), _mm256_castsi256_ps(a), (m)))
#define ASI _mm256_castps_si256
#define ASF _mm256_castsi256_ps
#include "tensor/cpu/vmath_body.h"

typedef __m256 (*av_fn)(__m256);

/* n floats; the last partial vector is computed on a padded copy (as ATen's vec::map) */
AV_TARGET static void av_map(av_fn fn, float *o, const float *x, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(o + i, fn(_mm256_loadu_ps(x + i)));
  if (i < n) {
    float buf[8] = {0};
    memcpy(buf, x + i, (size_t)(n - i) * sizeof(float));
    _mm256_storeu_ps(buf, fn(_mm256_loadu_ps(buf)));
    memcpy(o + i, buf, (size_t)(n - i) * sizeof(float));
  }
}

AV_TARGET static void av_exp_n(float *o, const float *x, int64_t n) { av_map(av_exp, o, x, n); }
AV_TARGET static void av_log_n(float *o, const float *x, int64_t n) { av_map(av_log, o, x, n); }
AV_TARGET static void av_tanh_n(float *o, const float *x, int64_t n) { av_map(av_tanh, o, x, n); }

/* sigmoid's vector lanes: 1 / (1 + exp(0 - x)) */
AV_TARGET static inline __m256 av_sigmoid(__m256 x) {
  __m256 e = av_exp(_mm256_sub_ps(_mm256_setzero_ps(), x));
  return _mm256_div_ps(_mm256_set1_ps(1.0f), _mm256_add_ps(e, _mm256_set1_ps(1.0f)));
}

AV_TARGET static int64_t av_sigmoid_n(float *o, const float *x, int64_t n) {
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    _mm256_storeu_ps(o + i, av_sigmoid(_mm256_loadu_ps(x + i)));
    _mm256_storeu_ps(o + i + 8, av_sigmoid(_mm256_loadu_ps(x + i + 8)));
  }
  return i;
}

/* __builtin_cpu_supports reads the CPU model libgcc records once at load */
static int have_avx2(void) { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }
#endif

#define MAP_N(name, scalar)                                                            \
  void cpu_sleef_##name##_n(float *o, const float *x, int64_t n) {                    \
    VMATH_DISPATCH(name);                                                             \
    for (int64_t i = 0; i < n; i++) o[i] = scalar(x[i]);                              \
  }
#ifdef VMATH_AVX2
#define VMATH_DISPATCH(name) if (have_avx2()) { av_##name##_n(o, x, n); return; }
#else
#define VMATH_DISPATCH(name) (void)0
#endif
MAP_N(exp, sf_exp)
MAP_N(log, sf_log)
MAP_N(tanh, sf_tanh)

int64_t cpu_sleef_sigmoid_blocks(float *o, const float *x, int64_t n) {
#ifdef VMATH_AVX2
  if (have_avx2()) return av_sigmoid_n(o, x, n);
#endif
  int64_t m = n - n % 16;
  for (int64_t i = 0; i < m; i++) o[i] = 1.0f / (sf_exp(0.0f - x[i]) + 1.0f);
  return m;
}
