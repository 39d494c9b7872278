/*
** tensor/cpu/vmath_body.h — the float exp, log and tanh that PyTorch 1.13's CPU kernels compute
** (they call SLEEF's 1.0-ULP vector functions: expf_u10, logf_u1, tanhf_u10, with FMA). Written once
** over lane operations and included by vmath.c twice: VM_ = scalar C (fmaf) and AVX2 intrinsics.
** Every step is an IEEE operation with one rounding (add, mul, div, fma, round-to-nearest convert),
** so both instantiations give the same bits. The algorithm and its constants are SLEEF's (Cody-Waite
** range reduction, minimax polynomials, double-float arithmetic for the u10 variants); the code is ours.
**
** The includer defines: VF (float lanes), VI (int32 lanes), VO (lane mask), VM_(name) (suffix), VM_FN
** (the functions' storage class and target), and the operations used below (F, ADD ... ISEL).
*/

typedef struct { VF x, y; } VM_(f2);   /* double-float: value x + y, |y| <= ulp(x)/2 */

VM_FN VM_(f2) VM_(f2_make)(VF x, VF y) { VM_(f2) r = {x, y}; return r; }

/* ---- double-float arithmetic (FMA variants) ---- */

VM_FN VM_(f2) VM_(df_add_f2_f)(VM_(f2) x, VF y) {   /* |x| >= |y| not required */
  VF s = ADD(x.x, y), v = SUB(s, x.x);
  VF t = ADD(SUB(x.x, SUB(s, v)), SUB(y, v));
  return VM_(f2_make)(s, ADD(t, x.y));
}

VM_FN VM_(f2) VM_(df_add_f2_f2)(VM_(f2) x, VM_(f2) y) {   /* no ordering required */
  VF s = ADD(x.x, y.x), v = SUB(s, x.x);
  VF t = ADD(SUB(x.x, SUB(s, v)), SUB(y.x, v));
  return VM_(f2_make)(s, ADD(t, ADD(x.y, y.y)));
}

VM_FN VM_(f2) VM_(df_add_f_f)(VF x, VF y) {   /* no ordering required */
  VF s = ADD(x, y), v = SUB(s, x);
  return VM_(f2_make)(s, ADD(SUB(x, SUB(s, v)), SUB(y, v)));
}

VM_FN VM_(f2) VM_(df_fadd_f2_f2)(VM_(f2) x, VM_(f2) y) {   /* |x| >= |y| */
  VF s = ADD(x.x, y.x);
  return VM_(f2_make)(s, ADD(ADD(ADD(SUB(x.x, s), y.x), x.y), y.y));
}

VM_FN VM_(f2) VM_(df_fadd_f_f2)(VF x, VM_(f2) y) {   /* |x| >= |y| */
  VF s = ADD(x, y.x);
  return VM_(f2_make)(s, ADD(ADD(SUB(x, s), y.x), y.y));
}

VM_FN VM_(f2) VM_(df_fadd_f2_f)(VM_(f2) x, VF y) {   /* |x| >= |y| */
  VF s = ADD(x.x, y);
  return VM_(f2_make)(s, ADD(ADD(SUB(x.x, s), y), x.y));
}

VM_FN VM_(f2) VM_(df_mul_f2_f)(VM_(f2) x, VF y) {
  VF s = MUL(x.x, y);
  return VM_(f2_make)(s, FMA(x.y, y, FMS(x.x, y, s)));
}

VM_FN VM_(f2) VM_(df_mul_f2_f2)(VM_(f2) x, VM_(f2) y) {
  VF s = MUL(x.x, y.x);
  return VM_(f2_make)(s, FMA(x.x, y.y, FMA(x.y, y.x, FMS(x.x, y.x, s))));
}

VM_FN VM_(f2) VM_(df_sqr)(VM_(f2) x) {
  VF s = MUL(x.x, x.x);
  return VM_(f2_make)(s, FMA(ADD(x.x, x.x), x.y, FMS(x.x, x.x, s)));
}

VM_FN VM_(f2) VM_(df_rec)(VM_(f2) d) {
  VF s = DIV(F(1.0f), d.x);
  return VM_(f2_make)(s, MUL(s, FNMA(d.y, s, FNMA(d.x, s, F(1.0f)))));
}

VM_FN VM_(f2) VM_(df_div)(VM_(f2) n, VM_(f2) d) {
  VF t = DIV(F(1.0f), d.x);
  VF s = MUL(n.x, t);
  VF u = FMS(t, n.x, s);
  VF v = FNMA(d.y, t, FNMA(d.x, t, F(1.0f)));
  return VM_(f2_make)(s, FMA(s, v, FMA(n.y, t, u)));
}

/* ---- helpers ---- */

#define VM_L2U 0.693145751953125f
#define VM_L2L 1.428606765330187045e-06f
#define VM_R_LN2 1.442695040888963407359924681001892137426645954152985934135449406931f

VM_FN VF VM_(pow2i)(VI q) { return ASF(ISLL(IADD(q, I(0x7f)), 23)); }

/* d * 2^e in two steps, so that e down to -252 and up to 254 scales without overflow of the factor */
VM_FN VF VM_(ldexp2)(VF d, VI e) {
  VI h = ISRA(e, 1);
  return MUL(MUL(d, VM_(pow2i)(h)), VM_(pow2i)(ISUB(e, h)));
}

/* ---- exp: SLEEF expf_u10 ---- */

VM_FN VF VM_(exp)(VF d) {
  VI q = RINT(MUL(d, F(VM_R_LN2)));
  VF qf = CVTF(q);
  VF s = FMA(qf, F(-VM_L2U), d);
  s = FMA(qf, F(-VM_L2L), s);
  VF u = F(0.000198527617612853646278381f);
  u = FMA(u, s, F(0.00139304355252534151077271f));
  u = FMA(u, s, F(0.00833336077630519866943359f));
  u = FMA(u, s, F(0.0416664853692054748535156f));
  u = FMA(u, s, F(0.166666671633720397949219f));
  u = FMA(u, s, F(0.5f));
  u = ADD(F(1.0f), FMA(MUL(s, s), u, s));
  u = VM_(ldexp2)(u, q);
  u = ZERO_IF(LT(d, F(-104.0f)), u);
  return SEL(LT(F(100.0f), d), F(INFINITY), u);
}

/* e^d as a double-float (SLEEF's expk2f), for tanh */
VM_FN VM_(f2) VM_(expk2)(VM_(f2) d) {
  VI q = RINT(MUL(ADD(d.x, d.y), F(VM_R_LN2)));
  VF qf = CVTF(q);
  VM_(f2) s = VM_(df_add_f2_f)(d, MUL(qf, F(-VM_L2U)));
  s = VM_(df_add_f2_f)(s, MUL(qf, F(-VM_L2L)));
  VF u = F(+0.1980960224e-3f);
  u = FMA(u, s.x, F(+0.1394256484e-2f));
  u = FMA(u, s.x, F(+0.8333456703e-2f));
  u = FMA(u, s.x, F(+0.4166637361e-1f));
  VM_(f2) t = VM_(df_add_f2_f)(VM_(df_mul_f2_f)(s, u), F(+0.166666659414234244790680580464e+0f));
  t = VM_(df_add_f2_f)(VM_(df_mul_f2_f2)(s, t), F(0.5f));
  t = VM_(df_add_f2_f2)(s, VM_(df_mul_f2_f2)(VM_(df_sqr)(s), t));
  t = VM_(df_fadd_f_f2)(F(1.0f), t);
  VO under = LT(d.x, F(-104.0f));
  return VM_(f2_make)(ZERO_IF(under, VM_(ldexp2)(t.x, q)), ZERO_IF(under, VM_(ldexp2)(t.y, q)));
}

/* ---- tanh: SLEEF tanhf_u10 = (e^|x| - e^-|x|) / (e^|x| + e^-|x|) in double-float ---- */

VM_FN VF VM_(tanh)(VF x) {
  VF a = ABS(x);
  VM_(f2) d = VM_(expk2)(VM_(f2_make)(a, F(0.0f)));
  VM_(f2) e = VM_(df_rec)(d);
  VM_(f2) ne = VM_(f2_make)(NEG(e.x), NEG(e.y));
  d = VM_(df_div)(VM_(df_fadd_f2_f2)(d, ne), VM_(df_fadd_f2_f2)(d, e));
  VF y = ADD(d.x, d.y);
  y = SEL(OR(GT(a, F(8.664339742f)), ISNAN(y)), F(1.0f), y);
  y = MULSIGN(y, x);
  return NAN_IF(ISNAN(x), y);
}

/* ---- log: SLEEF logf_u1 (non-AVX-512 form) ---- */

VM_FN VF VM_(log)(VF d) {
  VO tiny = LT(d, F(FLT_MIN));
  d = SEL(tiny, MUL(d, F((float)(INT64_C(1) << 32) * (float)(INT64_C(1) << 32))), d);
  VI e = ISUB(IAND(ISRL(ASI(MUL(d, F(1.0f / 0.75f))), 23), I(0xff)), I(0x7f));
  VF m = ASF(IADD(ASI(d), ISLL(ISUB(I(0), e), 23)));
  e = ISEL(tiny, ISUB(e, I(64)), e);
  VM_(f2) s = VM_(df_mul_f2_f)(VM_(f2_make)(F(0.69314718246459960938f), F(-1.904654323148236017e-09f)), CVTF(e));
  VM_(f2) x = VM_(df_div)(VM_(df_add_f_f)(F(-1.0f), m), VM_(df_add_f_f)(F(1.0f), m));
  VF x2 = MUL(x.x, x.x);
  VF t = F(+0.3027294874e+0f);
  t = FMA(t, x2, F(+0.3996108174e+0f));
  t = FMA(t, x2, F(+0.6666694880e+0f));
  s = VM_(df_fadd_f2_f2)(s, VM_(f2_make)(MUL(x.x, F(2.0f)), MUL(x.y, F(2.0f))));
  s = VM_(df_fadd_f2_f)(s, MUL(MUL(x2, x.x), t));
  VF r = ADD(s.x, s.y);
  r = SEL(EQ(d, F(INFINITY)), F(INFINITY), r);
  r = SEL(OR(LT(d, F(0.0f)), ISNAN(d)), F(NAN), r);
  return SEL(EQ(d, F(0.0f)), F(-INFINITY), r);
}
