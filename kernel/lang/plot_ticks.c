/*
** kernel/lang/plot_ticks.c — where ticks go and what they say: matplotlib's AutoLocator
** (MaxNLocator with steps 1, 2, 2.5, 5, 10), a decade locator for log axes, and ScalarFormatter
** (shared decimals, offset and 1eN multiplier, unicode minus).
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kernel/lang/plot_internal.h"

/* ---- MaxNLocator ---- */

/* scale_range(vmin, vmax, n): the power of ten of the step and an offset for large means. */
static void scale_range(double vmin, double vmax, int n, double *scale, double *offset) {
  double dv = fabs(vmax - vmin);
  double meanv = (vmax + vmin) / 2;
  if (fabs(meanv) / dv < 100) *offset = 0;
  else *offset = copysign(pow(10, floor(log10(fabs(meanv)))), meanv);
  *scale = pow(10, floor(log10(dv / n)));
}

/* _Edge_integer: floor/ceil of x/step that forgives rounding error. */
static double edge_tol(double step, double offset) {
  if (offset > 0) {
    double digits = log10(offset / step);
    double tol = fmax(1e-10, pow(10, digits - 12));
    return fmin(0.4999, tol);
  }
  return 1e-10;
}
static double edge_le(double x, double step, double tol) {
  double d = floor(x / step), m = x - d * step;
  if (fabs(m / step - 1) < tol) return d + 1;
  return d;
}
static double edge_ge(double x, double step, double tol) {
  double d = floor(x / step), m = x - d * step;
  if (fabs(m / step) < tol) return d;
  return d + 1;
}

/* mtransforms.nonsingular(vmin, vmax, expander=1e-13, tiny=1e-14) */
static void nonsingular(double *lo, double *hi) {
  double vmin = *lo, vmax = *hi;
  bool swapped = false;
  if (vmax < vmin) {
    double t = vmin;
    vmin = vmax;
    vmax = t;
    swapped = true;
  }
  double maxabs = fmax(fabs(vmin), fabs(vmax));
  if (maxabs < 1e-300) {
    vmin = -1e-13;
    vmax = 1e-13;
  } else if (vmax - vmin <= maxabs * 1e-14) {
    if (vmax == 0 && vmin == 0) {
      vmin = -1e-13;
      vmax = 1e-13;
    } else {
      vmin -= 1e-13 * fabs(vmin);
      vmax += 1e-13 * fabs(vmax);
    }
  }
  if (swapped) {
    double t = vmin;
    vmin = vmax;
    vmax = t;
  }
  *lo = vmin;
  *hi = vmax;
}

int plot_ticks_linear(double lo, double hi, int nbins, double *out, int max) {
  if (!isfinite(lo) || !isfinite(hi)) return 0;
  double vmin = fmin(lo, hi), vmax = fmax(lo, hi);
  nonsingular(&vmin, &vmax);
  if (nbins < 1) nbins = 1;
  double scale, offset;
  scale_range(vmin, vmax, nbins, &scale, &offset);
  double _vmin = vmin - offset, _vmax = vmax - offset;
  static const double base_steps[] = {0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20};
  enum { NSTEPS = 10 };
  double steps[NSTEPS];
  for (int i = 0; i < NSTEPS; i++) steps[i] = base_steps[i] * scale;
  double raw_step = (_vmax - _vmin) / nbins;
  int istep = NSTEPS - 1;
  for (int i = 0; i < NSTEPS; i++)
    if (steps[i] >= raw_step) {
      istep = i;
      break;
    }
  double ticks[PLOT_MAX_TICKS * 4];
  int nt = 0;
  for (int si = istep; si >= 0; si--) {
    double step = steps[si];
    double best_vmin = floor(_vmin / step) * step;
    double low = edge_le(_vmin - best_vmin, step, edge_tol(step, offset));
    double high = edge_ge(_vmax - best_vmin, step, edge_tol(step, offset));
    nt = 0;
    for (double k = low; k <= high && nt < (int)(sizeof ticks / sizeof ticks[0]); k++) ticks[nt++] = k * step + best_vmin;
    int nvis = 0;
    for (int i = 0; i < nt; i++)
      if (ticks[i] <= _vmax && ticks[i] >= _vmin) nvis++;
    if (nvis >= 2) break;
  }
  /* only the ticks inside the view interval are drawn (with a relative tolerance) */
  int n = 0;
  double span = vmax - vmin, eps = 1e-10 * (span > 0 ? span : 1);
  for (int i = 0; i < nt && n < max; i++) {
    double v = ticks[i] + offset;
    if (v >= vmin - eps && v <= vmax + eps) out[n++] = v;
  }
  return n;
}

/* ---- log axes ---- */

void plot_ticks_log(double lo, double hi, int nbins, plot_ticks *t) {
  double vmin = fmin(lo, hi), vmax = fmax(lo, hi);
  t->n = t->nminor = 0;
  t->offset[0] = '\0';
  if (!(vmin > 0) || !isfinite(vmax)) return;
  double e0 = floor(log10(vmin) + 1e-10), e1 = ceil(log10(vmax) - 1e-10);
  int ndec = (int)(e1 - e0);
  if (nbins < 1) nbins = 1;
  int stride = ndec / nbins + 1;   /* LogLocator: every stride-th decade when there are many */
  for (double e = e0; e <= e1 + 0.5; e++) {
    double v = pow(10, e);
    if (((long)(e - e0)) % stride == 0 && v >= vmin * (1 - 1e-10) && v <= vmax * (1 + 1e-10) && t->n < PLOT_MAX_TICKS) {
      t->v[t->n] = v;
      snprintf(t->label[t->n], sizeof t->label[0], "10^{%d}", (int)e);
      plot_fix_minus(t->label[t->n], sizeof t->label[0]);
      t->n++;
    }
    if (stride == 1)
      for (int k = 2; k <= 9; k++) {
        double m = k * v;
        if (m >= vmin && m <= vmax && t->nminor < PLOT_MAX_TICKS * 2) t->minor[t->nminor++] = m;
      }
  }
}

/* ---- ScalarFormatter ---- */

void plot_fix_minus(char *s, size_t cap) {
  /* '-' -> U+2212 (axes.unicode_minus) */
  char buf[128];
  size_t j = 0;
  for (size_t i = 0; s[i] && j + 4 < sizeof buf; i++) {
    if (s[i] == '-') {
      buf[j++] = (char)0xe2;
      buf[j++] = (char)0x88;
      buf[j++] = (char)0x92;
    } else {
      buf[j++] = s[i];
    }
  }
  buf[j] = '\0';
  snprintf(s, cap, "%s", buf);
}

/* format_data: "1e3", "2.5e-7" */
static void format_sci(double v, char *out, size_t cap) {
  int e = (int)floor(log10(fabs(v)));
  double s = round(v / pow(10, e) * 1e10) / 1e10;
  char sig[24];
  if (s == floor(s)) snprintf(sig, sizeof sig, "%d", (int)s);
  else snprintf(sig, sizeof sig, "%1.10f", s);
  if (e == 0) snprintf(out, cap, "%s", sig);
  else snprintf(out, cap, "%se%d", sig, e);
}

static double compute_offset(const double *locs, int n) {
  if (n == 0) return 0;
  double lmin = locs[0], lmax = locs[0];
  for (int i = 1; i < n; i++) {
    lmin = fmin(lmin, locs[i]);
    lmax = fmax(lmax, locs[i]);
  }
  if (lmin == lmax || (lmin <= 0 && 0 <= lmax)) return 0;
  double abs_min = fmin(fabs(lmin), fabs(lmax)), abs_max = fmax(fabs(lmin), fabs(lmax));
  double sign = copysign(1, lmin);
  double oom_max = ceil(log10(abs_max));
  double oom = oom_max;
  for (int guard = 0; guard < 400; guard++, oom--)
    if (floor(abs_min / pow(10, oom)) != floor(abs_max / pow(10, oom))) break;
  oom += 1;
  if ((abs_max - abs_min) / pow(10, oom) <= 1e-2) {
    oom = oom_max;
    for (int guard = 0; guard < 400; guard++, oom--)
      if (floor(abs_max / pow(10, oom)) - floor(abs_min / pow(10, oom)) > 1) break;
    oom += 1;
  }
  /* offset_threshold 4: only when it saves at least 4 digits */
  if (floor(abs_max / pow(10, oom)) >= 1000) return sign * floor(abs_max / pow(10, oom)) * pow(10, oom);
  return 0;
}

void plot_ticks_format(plot_ticks *t, double lo, double hi) {
  double vmin = fmin(lo, hi), vmax = fmax(lo, hi);
  t->offset[0] = '\0';
  if (t->n == 0) return;
  double vis[PLOT_MAX_TICKS];
  int nv = 0;
  for (int i = 0; i < t->n; i++)
    if (t->v[i] >= vmin && t->v[i] <= vmax) vis[nv++] = t->v[i];
  double offset = compute_offset(vis, nv);
  /* order of magnitude (axes.formatter.limits = -5, 6) */
  int oom = 0;
  if (nv) {
    double val;
    if (offset != 0) val = vmax - vmin;
    else {
      val = 0;
      for (int i = 0; i < nv; i++) val = fmax(val, fabs(vis[i]));
    }
    int o = val == 0 ? 0 : (int)floor(log10(val));
    if (o <= -5 || o >= 6) oom = o;
  }
  /* the number of decimals all labels share */
  double locs[PLOT_MAX_TICKS + 2];
  int nl = 0;
  for (int i = 0; i < t->n; i++) locs[nl++] = (t->v[i] - offset) / pow(10, oom);
  if (t->n < 2) {
    locs[nl++] = (vmin - offset) / pow(10, oom);
    locs[nl++] = (vmax - offset) / pow(10, oom);
  }
  double lmin = locs[0], lmax = locs[0];
  for (int i = 1; i < nl; i++) {
    lmin = fmin(lmin, locs[i]);
    lmax = fmax(lmax, locs[i]);
  }
  double range = lmax - lmin;
  if (range == 0) range = fmax(fabs(lmin), fabs(lmax));
  if (range == 0) range = 1;
  int range_oom = (int)floor(log10(range));
  int sig = 3 - range_oom > 0 ? 3 - range_oom : 0;
  double thresh = 1e-3 * pow(10, range_oom);
  int nchk = t->n < 2 ? t->n : nl;
  while (sig >= 0) {
    double worst = 0, p = pow(10, sig);
    for (int i = 0; i < nchk; i++) worst = fmax(worst, fabs(locs[i] - round(locs[i] * p) / p));
    if (worst < thresh) sig--;
    else break;
  }
  sig++;
  for (int i = 0; i < t->n; i++) {
    double xp = (t->v[i] - offset) / pow(10, oom);
    if (fabs(xp) < 1e-8) xp = 0;
    snprintf(t->label[i], sizeof t->label[0], "%1.*f", sig, xp);
    plot_fix_minus(t->label[i], sizeof t->label[0]);
  }
  if (oom || offset != 0) {
    char off[64] = "", sci[16] = "";
    if (offset != 0) {
      format_sci(offset, off + 1, sizeof off - 1);
      off[0] = offset > 0 ? '+' : ' ';
      if (offset < 0) memmove(off, off + 1, strlen(off));
    }
    if (oom) snprintf(sci, sizeof sci, "1e%d", oom);
    snprintf(t->offset, sizeof t->offset, "%s%s", sci, off);
    plot_fix_minus(t->offset, sizeof t->offset);
  }
}
