/*
** kernel/lang/plot_render.c — layout and drawing of a figure with cairo: subplot boxes (subplot
** parameters, tight_layout, aspect 'equal', colour bars), ticks and their labels, artists, legend,
** titles; PNG through cairo's PNG writer, SVG through its SVG surface. All geometry is in points
** with the origin at the top-left of the figure; one cairo_scale turns points into device units.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-svg.h>
#include <cairo.h>

#include "kernel/lang/plot_internal.h"

#define FONT_FAMILY "DejaVu Sans"

typedef struct box { double x0, y0, x1, y1; } box;   /* points, y down */

static box box_empty(void) { return (box){INFINITY, INFINITY, -INFINITY, -INFINITY}; }
static void box_add(box *b, double x0, double y0, double x1, double y1) {
  b->x0 = fmin(b->x0, fmin(x0, x1));
  b->y0 = fmin(b->y0, fmin(y0, y1));
  b->x1 = fmax(b->x1, fmax(x0, x1));
  b->y1 = fmax(b->y1, fmax(y0, y1));
}

typedef struct render_ctx {
  cairo_t *cr;
  double W, H;      /* figure size, points */
  double s;         /* device units per point */
  plot_format fmt;
  double dpi;
  box content;      /* everything drawn (tight bbox) */
} render_ctx;

/* ---- text: runs of plain text and a little mathtext ($x^2$, $\alpha$) ---- */

typedef struct text_run { char s[256]; double scale, rise; } text_run;   /* rise in em, up */
enum { MAX_RUNS = 32 };

static const struct { const char *name, *utf8; } tex_symbols[] = {
  {"alpha", "\xce\xb1"}, {"beta", "\xce\xb2"}, {"gamma", "\xce\xb3"}, {"delta", "\xce\xb4"}, {"epsilon", "\xce\xb5"},
  {"zeta", "\xce\xb6"}, {"eta", "\xce\xb7"}, {"theta", "\xce\xb8"}, {"lambda", "\xce\xbb"}, {"mu", "\xce\xbc"},
  {"nu", "\xce\xbd"}, {"xi", "\xce\xbe"}, {"pi", "\xcf\x80"}, {"rho", "\xcf\x81"}, {"sigma", "\xcf\x83"},
  {"tau", "\xcf\x84"}, {"phi", "\xcf\x86"}, {"chi", "\xcf\x87"}, {"psi", "\xcf\x88"}, {"omega", "\xcf\x89"},
  {"Gamma", "\xce\x93"}, {"Delta", "\xce\x94"}, {"Theta", "\xce\x98"}, {"Lambda", "\xce\x9b"}, {"Sigma", "\xce\xa3"},
  {"Phi", "\xce\xa6"}, {"Psi", "\xce\xa8"}, {"Omega", "\xce\xa9"}, {"times", "\xc3\x97"}, {"cdot", "\xc2\xb7"},
  {"pm", "\xc2\xb1"}, {"leq", "\xe2\x89\xa4"}, {"geq", "\xe2\x89\xa5"}, {"le", "\xe2\x89\xa4"}, {"ge", "\xe2\x89\xa5"},
  {"neq", "\xe2\x89\xa0"}, {"approx", "\xe2\x89\x88"}, {"infty", "\xe2\x88\x9e"}, {"sum", "\xe2\x88\x91"},
  {"partial", "\xe2\x88\x82"}, {"nabla", "\xe2\x88\x87"}, {"rightarrow", "\xe2\x86\x92"}, {"to", "\xe2\x86\x92"},
  {"leftarrow", "\xe2\x86\x90"}, {"sqrt", "\xe2\x88\x9a"}, {"in", "\xe2\x88\x88"}, {"degree", "\xc2\xb0"},
  {"circ", "\xc2\xb0"}, {"ell", "\xe2\x84\x93"}, {"hat", ""}, {"mathrm", ""}, {"mathbf", ""}, {"mathit", ""},
  {"mathcal", ""}, {"left", ""}, {"right", ""}, {",", " "}, {";", " "}, {"quad", "  "}, {" ", " "},
  {"%", "%"}, {"$", "$"}, {"_", "_"}, {"{", "{"}, {"}", "}"}, {"#", "#"}, {"&", "&"},
  {NULL, NULL}
};

static void run_append(text_run *r, const char *s, size_t n) {
  size_t l = strlen(r->s);
  if (l + n >= sizeof r->s) n = sizeof r->s - 1 - l;
  memcpy(r->s + l, s, n);
  r->s[l + n] = '\0';
}

/* Splits one line into runs. */
static int text_runs(const char *s, text_run *runs) {
  int n = 1;
  memset(&runs[0], 0, sizeof runs[0]);
  runs[0].scale = 1;
  bool math = false;
  /* a run at (scale, rise) to append to: starts a new one when they change */
#define RUN_AT(sc, ri)                                                             \
  do {                                                                             \
    if (runs[n - 1].scale != (sc) || runs[n - 1].rise != (ri)) {                   \
      if (n == MAX_RUNS) break;                                                    \
      memset(&runs[n], 0, sizeof runs[n]);                                         \
      runs[n].scale = (sc);                                                        \
      runs[n].rise = (ri);                                                         \
      n++;                                                                         \
    }                                                                              \
  } while (0)
  /* math mode only when the text has a pair of unescaped dollars */
  int ndollar = 0;
  for (const char *p = s; *p; p++)
    if (*p == '$' && (p == s || p[-1] != '\\')) ndollar++;
  bool allow_math = ndollar >= 2;
  int depth_group = 0;   /* inside ^{...} / _{...} */
  double gscale = 1, grise = 0;
  for (const char *p = s; *p;) {
    if (allow_math && *p == '$' && (p == s || p[-1] != '\\')) {
      math = !math;
      p++;
      continue;
    }
    if (!math) {
      RUN_AT(1.0, 0.0);
      run_append(&runs[n - 1], p, 1);
      p++;
      continue;
    }
    double sc = depth_group ? gscale : 1, ri = depth_group ? grise : 0;
    if (*p == '\\') {
      const char *q = p + 1;
      size_t l = 0;
      if (*q && !((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'))) l = 1;
      else
        while ((q[l] >= 'a' && q[l] <= 'z') || (q[l] >= 'A' && q[l] <= 'Z')) l++;
      const char *rep = NULL;
      for (int i = 0; tex_symbols[i].name; i++)
        if (strlen(tex_symbols[i].name) == l && strncmp(tex_symbols[i].name, q, l) == 0) rep = tex_symbols[i].utf8;
      RUN_AT(sc, ri);
      if (rep) run_append(&runs[n - 1], rep, strlen(rep));
      else run_append(&runs[n - 1], q, l);
      p = q + l;
      continue;
    }
    if ((*p == '^' || *p == '_') && !depth_group) {
      double nsc = 0.7, nri = *p == '^' ? 0.45 : -0.2;
      p++;
      if (*p == '{') {
        depth_group = 1;
        gscale = nsc;
        grise = nri;
        p++;
        continue;
      }
      if (*p) {
        RUN_AT(nsc, nri);
        size_t l = 1;
        while ((p[l] & 0xc0) == 0x80) l++;   /* one UTF-8 character */
        if (*p == '\\') {
          const char *q = p + 1;
          size_t k = 0;
          while ((q[k] >= 'a' && q[k] <= 'z') || (q[k] >= 'A' && q[k] <= 'Z')) k++;
          const char *rep = NULL;
          for (int i = 0; tex_symbols[i].name; i++)
            if (strlen(tex_symbols[i].name) == k && strncmp(tex_symbols[i].name, q, k) == 0) rep = tex_symbols[i].utf8;
          if (rep) run_append(&runs[n - 1], rep, strlen(rep));
          p = q + k;
          continue;
        }
        run_append(&runs[n - 1], p, l);
        p += l;
      }
      continue;
    }
    if (*p == '{') {
      if (depth_group) depth_group++;
      p++;
      continue;
    }
    if (*p == '}') {
      if (depth_group) depth_group--;
      p++;
      continue;
    }
    RUN_AT(sc, ri);
    run_append(&runs[n - 1], p, 1);
    p++;
  }
#undef RUN_AT
  return n;
}

static void set_font(cairo_t *cr, double size) {
  cairo_select_font_face(cr, FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

typedef struct text_metrics { double w, h, ascent, descent, line_h; int nlines; } text_metrics;

static double line_width(cairo_t *cr, const char *line, double size) {
  text_run runs[MAX_RUNS];
  int n = text_runs(line, runs);
  double w = 0;
  for (int i = 0; i < n; i++) {
    if (!runs[i].s[0]) continue;
    set_font(cr, size * runs[i].scale);
    cairo_text_extents_t te;
    cairo_text_extents(cr, runs[i].s, &te);
    w += te.x_advance;
  }
  return w;
}

/* Splits s into its '\n'-separated lines (at most max, each cut at 255 bytes). */
static int split_lines(const char *s, char lines[][256], int max) {
  int n = 0;
  const char *p = s;
  while (n < max) {
    const char *e = strchr(p, '\n');
    size_t l = e ? (size_t)(e - p) : strlen(p);
    if (l > 255) l = 255;
    memcpy(lines[n], p, l);
    lines[n][l] = '\0';
    n++;
    if (!e) break;
    p = e + 1;
  }
  return n;
}

/* Ink above and below the baseline of one line (runs at their scale and rise), points. */
static void line_ink(cairo_t *cr, const char *line, double size, double *up, double *down) {
  text_run runs[MAX_RUNS];
  int n = text_runs(line, runs);
  *up = *down = 0;
  for (int i = 0; i < n; i++) {
    if (!runs[i].s[0]) continue;
    set_font(cr, size * runs[i].scale);
    cairo_text_extents_t te;
    cairo_text_extents(cr, runs[i].s, &te);
    if (te.width <= 0 && te.height <= 0) continue;
    double rise = runs[i].rise * size;
    *up = fmax(*up, -te.y_bearing + rise);
    *down = fmax(*down, te.y_bearing + te.height - rise);
  }
}

/* matplotlib's text layout (Text._get_layout): a line is as tall as its ink but at least as tall as "lp"
   (so most lines are: ascent of 'l', descent of 'p'); lines after the first step down by
   1.2 x max(that ascent, the line's); the box ends at the last line's descent. */
static text_metrics measure(cairo_t *cr, const char *s, double size) {
  text_metrics m = {0};
  char lines[8][256];
  int n = split_lines(s, lines, 8);
  double lp_up, lp_down;
  line_ink(cr, "lp", size, &lp_up, &lp_down);
  m.nlines = n;
  m.line_h = 1.2 * lp_up;
  for (int i = 0; i < n; i++) {
    m.w = fmax(m.w, line_width(cr, lines[i], size));
    double up, down;
    line_ink(cr, lines[i], size, &up, &down);
    up = fmax(up, lp_up);
    down = fmax(down, lp_down);
    if (i == 0) m.ascent = up;
    else m.line_h = fmax(m.line_h, 1.2 * up);
    m.descent = down;
  }
  m.h = m.ascent + (n - 1) * m.line_h + m.descent;
  return m;
}

/* The box of text anchored at (x, y) (points) with alignment ha/va and rotation (degrees,
   counter-clockwise): matplotlib's rotation_mode 'default' aligns the rotated bounding box. */
static box text_box(cairo_t *cr, const char *s, double size, double x, double y, char ha, char va, double rot,
                    double *ox, double *oy) {
  text_metrics m = measure(cr, s, size);
  double th = rot * M_PI / 180, c = cos(th), sn = sin(th);
  /* corners of the unrotated text box relative to its top-left */
  double cx[4] = {0, m.w, m.w, 0}, cy[4] = {0, 0, m.h, m.h};
  double rx[4], ry[4], minx = INFINITY, maxx = -INFINITY, miny = INFINITY, maxy = -INFINITY;
  for (int i = 0; i < 4; i++) {
    rx[i] = cx[i] * c + cy[i] * sn;   /* y down: a counter-clockwise rotation */
    ry[i] = -cx[i] * sn + cy[i] * c;
    minx = fmin(minx, rx[i]);
    maxx = fmax(maxx, rx[i]);
    miny = fmin(miny, ry[i]);
    maxy = fmax(maxy, ry[i]);
  }
  double bw = maxx - minx, bh = maxy - miny;
  double left = ha == 'c' ? x - bw / 2 : ha == 'r' ? x - bw : x;
  double top;
  if (va == 't') top = y;
  else if (va == 'c') top = y - bh / 2;
  else if (va == 'b') top = y - bh;
  else top = rot == 0 ? y - m.ascent : y - bh;   /* 'B'aseline */
  /* where the unrotated box's top-left corner lands */
  if (ox) *ox = left - minx;
  if (oy) *oy = top - miny;
  return (box){left, top, left + bw, top + bh};
}

static void draw_text(render_ctx *rc, const char *s, double size, plot_rgba color, double x, double y, char ha,
                      char va, double rot) {
  if (!s || !s[0] || color.a <= 0) return;
  cairo_t *cr = rc->cr;
  double ox, oy;
  box b = text_box(cr, s, size, x, y, ha, va, rot, &ox, &oy);
  box_add(&rc->content, b.x0, b.y0, b.x1, b.y1);
  text_metrics m = measure(cr, s, size);
  char lines[8][256];
  int n = split_lines(s, lines, 8);
  cairo_save(cr);
  cairo_translate(cr, ox, oy);
  cairo_rotate(cr, -rot * M_PI / 180);
  cairo_set_source_rgba(cr, color.r, color.g, color.b, color.a);
  for (int i = 0; i < n; i++) {
    double lw = line_width(cr, lines[i], size);
    /* multi-line text is aligned within its box as ha says */
    double lx = ha == 'c' ? (m.w - lw) / 2 : ha == 'r' ? m.w - lw : 0;
    double base = m.ascent + i * m.line_h;
    text_run runs[MAX_RUNS];
    int nr = text_runs(lines[i], runs);
    cairo_move_to(cr, lx, base);
    for (int k = 0; k < nr; k++) {
      if (!runs[k].s[0]) continue;
      set_font(cr, size * runs[k].scale);
      double cx, cy;
      cairo_get_current_point(cr, &cx, &cy);
      cairo_move_to(cr, cx, base - runs[k].rise * size);
      cairo_show_text(cr, runs[k].s);
      cairo_get_current_point(cr, &cx, &cy);
      cairo_move_to(cr, cx, base);
    }
  }
  cairo_restore(cr);
}

/* ---- coordinates ---- */

static double axis_frac(const plot_axis *x, double v) {
  if (x->log) {
    if (!(v > 0)) return NAN;
    return (log10(v) - log10(x->v0)) / (log10(x->v1) - log10(x->v0));
  }
  return (v - x->v0) / (x->v1 - x->v0);
}
static double to_px(const plot_axes *a, double v) { return a->bx0 + axis_frac(&a->ax[0], v) * (a->bx1 - a->bx0); }
/* y in points from the top of the figure; by0/by1 are from the bottom */
static double to_py(const plot_axes *a, double v, double H) {
  return H - (a->by0 + axis_frac(&a->ax[1], v) * (a->by1 - a->by0));
}

/* Snaps a coordinate to the centre of a device pixel (crisp 1-pixel lines, as Agg's snapping). */
static double snap(const render_ctx *rc, double v, double lw_pts) {
  double d = v * rc->s, w = lw_pts * rc->s;
  long iw = lround(w);
  if (iw < 1) iw = 1;
  d = (iw % 2) ? floor(d) + 0.5 : round(d);
  return d / rc->s;
}

static void set_dash(cairo_t *cr, plot_linestyle ls, double lw) {
  static const double dashed[] = {3.7, 1.6}, dashdot[] = {6.4, 1.6, 1.0, 1.6}, dotted[] = {1.0, 1.65};
  const double *pat = NULL;
  int n = 0;
  if (ls == PLOT_LS_DASHED) pat = dashed, n = 2;
  else if (ls == PLOT_LS_DASHDOT) pat = dashdot, n = 4;
  else if (ls == PLOT_LS_DOTTED) pat = dotted, n = 2;
  if (!pat) {
    cairo_set_dash(cr, NULL, 0, 0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
    return;
  }
  double d[4];
  for (int i = 0; i < n; i++) d[i] = pat[i] * (lw > 1 ? lw : 1);   /* lines.scale_dashes */
  cairo_set_dash(cr, d, n, 0);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
}

static void source(cairo_t *cr, plot_rgba c) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a); }

/* ---- markers ---- */

static bool marker_filled(char m) { return !(m == '+' || m == 'x' || m == '|' || m == '_' || m == '1' || m == '2' || m == '3' || m == '4'); }

static void regular_polygon(cairo_t *cr, double cx, double cy, double r, int k, double rot0) {
  for (int i = 0; i < k; i++) {
    double th = rot0 + 2 * M_PI * i / k;
    double x = cx + r * sin(th), y = cy - r * cos(th);
    if (i == 0) cairo_move_to(cr, x, y);
    else cairo_line_to(cr, x, y);
  }
  cairo_close_path(cr);
}

/* The path of marker m of size ms (points) centred at (cx, cy). */
static void marker_path(render_ctx *rc, char m, double cx, double cy, double ms) {
  cairo_t *cr = rc->cr;
  double r = ms / 2;
  switch (m) {
  case '.': cairo_new_sub_path(cr); cairo_arc(cr, cx, cy, ms / 4, 0, 2 * M_PI); break;
  case ',': {
    double p = 1 / rc->s;
    cairo_rectangle(cr, cx - p / 2, cy - p / 2, p, p);
    break;
  }
  case 's': cairo_rectangle(cr, cx - r, cy - r, ms, ms); break;
  case '^':
    cairo_move_to(cr, cx, cy - r);
    cairo_line_to(cr, cx + r, cy + r);
    cairo_line_to(cr, cx - r, cy + r);
    cairo_close_path(cr);
    break;
  case 'v':
    cairo_move_to(cr, cx, cy + r);
    cairo_line_to(cr, cx - r, cy - r);
    cairo_line_to(cr, cx + r, cy - r);
    cairo_close_path(cr);
    break;
  case '<':
    cairo_move_to(cr, cx - r, cy);
    cairo_line_to(cr, cx + r, cy - r);
    cairo_line_to(cr, cx + r, cy + r);
    cairo_close_path(cr);
    break;
  case '>':
    cairo_move_to(cr, cx + r, cy);
    cairo_line_to(cr, cx - r, cy + r);
    cairo_line_to(cr, cx - r, cy - r);
    cairo_close_path(cr);
    break;
  case 'D': {
    double d = ms * 0.7071;
    cairo_move_to(cr, cx, cy - d);
    cairo_line_to(cr, cx + d, cy);
    cairo_line_to(cr, cx, cy + d);
    cairo_line_to(cr, cx - d, cy);
    cairo_close_path(cr);
    break;
  }
  case 'd': {
    double d = ms * 0.7071;
    cairo_move_to(cr, cx, cy - d);
    cairo_line_to(cr, cx + d * 0.6, cy);
    cairo_line_to(cr, cx, cy + d);
    cairo_line_to(cr, cx - d * 0.6, cy);
    cairo_close_path(cr);
    break;
  }
  case 'p': regular_polygon(cr, cx, cy, r, 5, 0); break;
  case 'h': regular_polygon(cr, cx, cy, r, 6, 0); break;
  case 'H': regular_polygon(cr, cx, cy, r, 6, M_PI / 6); break;
  case '8': regular_polygon(cr, cx, cy, r, 8, M_PI / 8); break;
  case '*':
  case 'P':
  case 'X': {
    if (m == '*') {
      for (int i = 0; i < 10; i++) {
        double rr = (i % 2) ? r * 0.381966 : r, th = M_PI * i / 5;
        double x = cx + rr * sin(th), y = cy - rr * cos(th);
        if (i == 0) cairo_move_to(cr, x, y);
        else cairo_line_to(cr, x, y);
      }
      cairo_close_path(cr);
    } else {   /* filled plus / x: a 12-gon cross */
      double t = r / 3;
      double px[12] = {-t, t, t, r, r, t, t, -t, -t, -r, -r, -t}, py[12] = {-r, -r, -t, -t, t, t, r, r, t, t, -t, -t};
      double c = m == 'X' ? cos(M_PI / 4) : 1, sn = m == 'X' ? sin(M_PI / 4) : 0;
      for (int i = 0; i < 12; i++) {
        double x = cx + px[i] * c - py[i] * sn, y = cy + px[i] * sn + py[i] * c;
        if (i == 0) cairo_move_to(cr, x, y);
        else cairo_line_to(cr, x, y);
      }
      cairo_close_path(cr);
    }
    break;
  }
  case '+':
    cairo_move_to(cr, cx - r, cy);
    cairo_line_to(cr, cx + r, cy);
    cairo_move_to(cr, cx, cy - r);
    cairo_line_to(cr, cx, cy + r);
    break;
  case 'x':
    cairo_move_to(cr, cx - r, cy - r);
    cairo_line_to(cr, cx + r, cy + r);
    cairo_move_to(cr, cx - r, cy + r);
    cairo_line_to(cr, cx + r, cy - r);
    break;
  case '|':
    cairo_move_to(cr, cx, cy - r);
    cairo_line_to(cr, cx, cy + r);
    break;
  case '_':
    cairo_move_to(cr, cx - r, cy);
    cairo_line_to(cr, cx + r, cy);
    break;
  case '1': case '2': case '3': case '4': {   /* tri markers */
    double base = m == '1' ? M_PI : m == '2' ? 0 : m == '3' ? M_PI / 2 : -M_PI / 2;
    for (int i = 0; i < 3; i++) {
      double th = base + 2 * M_PI * i / 3;
      cairo_move_to(cr, cx, cy);
      cairo_line_to(cr, cx + r * sin(th), cy - r * cos(th));
    }
    break;
  }
  default: cairo_new_sub_path(cr); cairo_arc(cr, cx, cy, r, 0, 2 * M_PI); break;   /* 'o' */
  }
}

static void draw_marker(render_ctx *rc, char m, double cx, double cy, double ms, plot_rgba face, plot_rgba edge,
                        double mew) {
  cairo_t *cr = rc->cr;
  cairo_new_path(cr);
  marker_path(rc, m, cx, cy, ms);
  cairo_set_dash(cr, NULL, 0, 0);
  if (marker_filled(m)) {
    if (face.a > 0) {
      source(cr, face);
      if (mew > 0 && edge.a > 0) cairo_fill_preserve(cr);
      else cairo_fill(cr);
    }
    if (mew > 0 && edge.a > 0) {
      source(cr, edge);
      cairo_set_line_width(cr, mew);
      cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
      cairo_stroke(cr);
    }
  } else {
    source(cr, edge.a > 0 ? edge : face);
    cairo_set_line_width(cr, mew > 0 ? mew : 1);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_stroke(cr);
  }
  cairo_new_path(cr);
}

/* ---- layout ---- */

/* nbins of the AutoLocator for an axis of the given length (points): XAxis.get_tick_space. */
static int auto_nbins(double len, double labelsize, int axis) {
  double per = labelsize * (axis == PLOT_X ? 3 : 2);
  int n = (int)floor(len / per);
  if (n > 9) n = 9;
  if (n < 1) n = 1;
  return n;
}

static void compute_ticks(plot_axes *a, int axis) {
  plot_axis *x = &a->ax[axis];
  plot_ticks *t = &x->t;
  t->n = t->nminor = 0;
  t->offset[0] = '\0';
  double lo = fmin(x->v0, x->v1), hi = fmax(x->v0, x->v1);
  if (x->nfixed >= 0) {
    for (int i = 0; i < x->nfixed && t->n < PLOT_MAX_TICKS; i++) {
      double v = x->fixed[i];
      double span = hi - lo, eps = 1e-10 * (span > 0 ? span : 1);
      if (!(v >= lo - eps && v <= hi + eps)) continue;
      t->v[t->n] = v;
      if (x->fixed_labels) snprintf(t->label[t->n], sizeof t->label[0], "%s", x->fixed_labels[i]);
      t->n++;
    }
    if (!x->fixed_labels) {
      if (x->log) {
        for (int i = 0; i < t->n; i++) {
          snprintf(t->label[i], sizeof t->label[0], "$10^{%d}$", (int)lround(log10(t->v[i])));
          plot_fix_minus(t->label[i], sizeof t->label[0]);
        }
      } else {
        plot_ticks_format(t, lo, hi);
      }
    }
    return;
  }
  double len = axis == PLOT_X ? a->bx1 - a->bx0 : a->by1 - a->by0;
  int nbins = auto_nbins(len, x->labelsize, axis);
  if (x->log) {
    plot_ticks_log(lo, hi, nbins, t);
    for (int i = 0; i < t->n; i++) {
      char tmp[48];
      snprintf(tmp, sizeof tmp, "$%s$", t->label[i]);
      snprintf(t->label[i], sizeof t->label[0], "%s", tmp);
    }
    return;
  }
  t->n = plot_ticks_linear(lo, hi, nbins, t->v, PLOT_MAX_TICKS);
  plot_ticks_format(t, lo, hi);
}

/* Decoration sizes beyond the axes box (points): left, right, top, bottom. */
typedef struct decor { double l, r, t, b; } decor;

static bool is_colorbar(const plot_axes *a) { return a->cbar_parent != NULL; }

static double ticklabel_extent(cairo_t *cr, plot_axes *a, int axis, double *overhang_lo, double *overhang_hi) {
  plot_axis *x = &a->ax[axis];
  double ext = 0;
  *overhang_lo = *overhang_hi = 0;
  for (int i = 0; i < x->t.n; i++) {
    if (!x->t.label[i][0]) continue;
    double ox, oy;
    if (axis == PLOT_X) {
      double px = to_px(a, x->t.v[i]);
      box b = text_box(cr, x->t.label[i], x->labelsize, px, 0, 'c', 't', x->rotation, &ox, &oy);
      ext = fmax(ext, b.y1 - b.y0);
      *overhang_lo = fmax(*overhang_lo, a->bx0 - b.x0);
      *overhang_hi = fmax(*overhang_hi, b.x1 - a->bx1);
    } else {
      text_metrics m = measure(cr, x->t.label[i], x->labelsize);
      double w = x->rotation == 0 ? m.w : m.h;
      ext = fmax(ext, w);
      *overhang_hi = fmax(*overhang_hi, m.h / 2);
    }
  }
  return ext;
}

static decor axes_decor(cairo_t *cr, plot_axes *a) {
  decor d = {0, 0, 0, 0};
  if (a->axis_on) {
    double olo, ohi;
    /* x axis: ticks and labels below */
    double ex = ticklabel_extent(cr, a, PLOT_X, &olo, &ohi);
    if (a->ax[0].t.n || a->ax[0].nfixed != 0) d.b = PLOT_TICK_LEN + PLOT_TICK_PAD + ex;
    if (ex > 0) {
      d.l = fmax(d.l, olo);
      d.r = fmax(d.r, ohi);
    }
    if (a->ax[0].label) d.b += PLOT_LABEL_PAD + measure(cr, a->ax[0].label, a->ax[0].label_size).h;
    double ey = ticklabel_extent(cr, a, PLOT_Y, &olo, &ohi);
    double side = (a->ax[1].t.n ? PLOT_TICK_LEN + PLOT_TICK_PAD : 0) + ey;
    if (a->ax[1].label) side += PLOT_LABEL_PAD + measure(cr, a->ax[1].label, a->ax[1].label_size).h;
    if (a->ax[1].ticks_right) d.r = fmax(d.r, side);
    else d.l = fmax(d.l, side);
    if (ey > 0) {
      d.t = fmax(d.t, ohi);
      d.b = fmax(d.b, ohi);
    }
    if (a->ax[1].t.offset[0]) d.t = fmax(d.t, 3 + measure(cr, a->ax[1].t.offset, PLOT_FONT_SIZE).h);
  }
  double tt = 0;
  for (int i = 0; i < 3; i++)
    if (a->title[i]) {
      text_metrics m = measure(cr, a->title[i], a->title_size[i]);
      tt = fmax(tt, PLOT_TITLE_PAD + m.h - m.descent);   /* the baseline is titlepad above the axes */
    }
  d.t = fmax(d.t, tt);
  return d;
}

/* The slot of a gridded axes (points, y up from the bottom) under the figure's subplot params. */
static void grid_slot(const plot_figure *f, const plot_axes *a, double W, double H, const double *sp, double *x0,
                      double *y0, double *x1, double *y1) {
  if (a->nrows == 0) {
    *x0 = a->rect[0] * W;
    *y0 = a->rect[1] * H;
    *x1 = (a->rect[0] + a->rect[2]) * W;
    *y1 = (a->rect[1] + a->rect[3]) * H;
    return;
  }
  double left = sp[0] * W, right = sp[2] * W, bottom = sp[1] * H, top = sp[3] * H;
  int nr = a->nrows, nc = a->ncols;
  double cw = (right - left) / (nc + sp[4] * (nc - 1)), sepw = sp[4] * cw;
  double ch = (top - bottom) / (nr + sp[5] * (nr - 1)), seph = sp[5] * ch;
  int r0 = a->first / nc, c0 = a->first % nc, r1 = a->last / nc, c1 = a->last % nc;
  if (c1 < c0) {
    int t = c0;
    c0 = c1;
    c1 = t;
  }
  *x0 = left + c0 * (cw + sepw);
  *x1 = left + c1 * (cw + sepw) + cw;
  *y1 = top - r0 * (ch + seph);
  *y0 = top - r1 * (ch + seph) - ch;
  (void)f;
}

static void place_axes(plot_figure *f, double W, double H, const double *sp) {
  for (int i = 0; i < f->naxes; i++) {
    plot_axes *a = f->axes[i];
    if (is_colorbar(a)) continue;
    double x0, y0, x1, y1;
    grid_slot(f, a, W, H, sp, &x0, &y0, &x1, &y1);
    if (a->cbar) {   /* make_axes: fraction 0.15, pad 0.05, aspect 20 */
      plot_axes *c = a->cbar;
      double w = x1 - x0;
      double cx0 = x0 + w * (1 - 0.15), cw = fmin(0.15 * w, (y1 - y0) / 20);
      c->bx0 = cx0;
      c->bx1 = cx0 + cw;
      c->by0 = y0;
      c->by1 = y1;
      x1 = x0 + w * (1 - 0.15 - 0.05);
    }
    /* view limits first: aspect 'equal' depends on them */
    plot_axis_view(a, 0, &a->ax[0].v0, &a->ax[0].v1);
    plot_axis_view(a, 1, &a->ax[1].v0, &a->ax[1].v1);
    if (a->aspect > 0) {
      double dx = fabs(a->ax[0].v1 - a->ax[0].v0), dy = fabs(a->ax[1].v1 - a->ax[1].v0);
      if (a->ax[0].log || a->ax[1].log || dx <= 0 || dy <= 0) goto plain;
      double want = a->aspect * dy / dx;   /* box height / width */
      double w = x1 - x0, h = y1 - y0;
      if (h / w > want) {
        double nh = w * want;
        y0 += (h - nh) / 2;
        y1 = y0 + nh;
      } else {
        double nw = h / want;
        x0 += (w - nw) / 2;
        x1 = x0 + nw;
      }
    }
  plain:
    a->bx0 = x0;
    a->bx1 = x1;
    a->by0 = y0;
    a->by1 = y1;
  }
  for (int i = 0; i < f->naxes; i++) {
    plot_axes *a = f->axes[i];
    if (is_colorbar(a)) {
      plot_axis_view(a, 0, &a->ax[0].v0, &a->ax[0].v1);
      plot_axis_view(a, 1, &a->ax[1].v0, &a->ax[1].v1);
    }
    compute_ticks(a, PLOT_X);
    compute_ticks(a, PLOT_Y);
  }
}

/* tight_layout: subplot parameters so that every axes' decorations fit (matplotlib's
   _auto_adjust_subplotpars for one grid). */
static void tight_params(plot_figure *f, cairo_t *cr, double W, double H, double *sp) {
  double pad = f->pad * PLOT_FONT_SIZE, hpad = f->h_pad * PLOT_FONT_SIZE, wpad = f->w_pad * PLOT_FONT_SIZE;
  double ml = 0, mr = 0, mt = 0, mb = 0, inner_r = 0, inner_l = 0, inner_t = 0, inner_b = 0;
  int nr = 0, nc = 0;
  for (int i = 0; i < f->naxes; i++) {
    plot_axes *a = f->axes[i];
    if (a->nrows == 0 || is_colorbar(a)) continue;
    if (!nr) nr = a->nrows, nc = a->ncols;
    decor d = axes_decor(cr, a);
    if (a->cbar) {
      decor dc = axes_decor(cr, a->cbar);
      double extra = (a->cbar->bx1 + dc.r) - a->bx1;   /* the colour bar's labels stick out on the right */
      d.r = fmax(d.r, extra);
    }
    /* the axes box may be smaller than its slot (aspect): only what sticks out of the slot counts */
    double sx0, sy0, sx1, sy1;
    grid_slot(f, a, W, H, sp, &sx0, &sy0, &sx1, &sy1);
    d.l = fmax(0, d.l - (a->bx0 - sx0));
    d.r = fmax(0, d.r - (sx1 - a->bx1));
    d.b = fmax(0, d.b - (a->by0 - sy0));
    d.t = fmax(0, d.t - (sy1 - a->by1));
    int r0 = a->first / a->ncols, c0 = a->first % a->ncols, r1 = a->last / a->ncols, c1 = a->last % a->ncols;
    if (c0 == 0) ml = fmax(ml, d.l);
    else inner_l = fmax(inner_l, d.l);
    if (c1 == a->ncols - 1) mr = fmax(mr, d.r);
    else inner_r = fmax(inner_r, d.r);
    if (r0 == 0) mt = fmax(mt, d.t);
    else inner_t = fmax(inner_t, d.t);
    if (r1 == a->nrows - 1) mb = fmax(mb, d.b);
    else inner_b = fmax(inner_b, d.b);
  }
  if (!nr) return;
  if (f->suptitle) mt += measure(cr, f->suptitle, f->suptitle_size).h + 0.02 * H;
  double left = (ml + pad) / W, right = 1 - (mr + pad) / W, bottom = (mb + pad) / H, top = 1 - (mt + pad) / H;
  if (right - left < 0.1 || top - bottom < 0.1) return;   /* matplotlib gives up (with a warning) */
  double wsep = inner_r + inner_l + wpad, hsep = inner_t + inner_b + hpad;
  double cw = ((right - left) * W - wsep * (nc - 1)) / nc, ch = ((top - bottom) * H - hsep * (nr - 1)) / nr;
  if (cw <= 0 || ch <= 0) return;
  sp[0] = left;
  sp[1] = bottom;
  sp[2] = right;
  sp[3] = top;
  sp[4] = nc > 1 ? wsep / cw : 0;
  sp[5] = nr > 1 ? hsep / ch : 0;
}

/* ---- legend ---- */

typedef struct legend_entry { const plot_artist *art; const char *label; } legend_entry;

static int legend_entries(const plot_axes *a, legend_entry *e, int max) {
  int n = 0, k = 0;
  for (int i = 0; i < a->nart && n < max; i++) {
    const plot_artist *t = &a->art[i];
    if (t->kind == ART_IMAGE || t->kind == ART_TEXT) continue;
    if (a->legend.nlabels) {
      if (k < a->legend.nlabels) {
        e[n].art = t;
        e[n].label = a->legend.labels[k];
        n++;
      }
      k++;
      continue;
    }
    if (!t->label) continue;
    e[n].art = t;
    e[n].label = t->label;
    n++;
  }
  return n;
}

static void draw_legend_handle(render_ctx *rc, const plot_artist *t, double x, double y, double w, double h) {
  cairo_t *cr = rc->cr;
  double cy = y + h / 2;
  switch (t->kind) {
  case ART_LINE:
  case ART_REFLINE:
    if (t->ls.ls != PLOT_LS_NONE && t->ls.linewidth > 0) {
      source(cr, t->ls.color);
      cairo_set_line_width(cr, t->ls.linewidth);
      set_dash(cr, t->ls.ls, t->ls.linewidth);
      cairo_move_to(cr, x, cy);
      cairo_line_to(cr, x + w, cy);
      cairo_stroke(cr);
    }
    if (t->ls.marker) draw_marker(rc, t->ls.marker, x + w / 2, cy, t->ls.markersize, t->ls.mfc, t->ls.mec, t->ls.mew);
    break;
  case ART_SCATTER: {
    plot_rgba face = t->colors && t->n ? t->colors[0] : t->face;
    plot_rgba edge = t->edges && t->n ? t->edges[0] : t->edge;
    if (edge.a < 0) edge = face;
    double ms = t->sizes && t->n ? sqrt(t->sizes[0]) : t->ls.markersize;
    draw_marker(rc, t->ls.marker, x + w / 2, cy, ms, face, edge, t->lw);
    break;
  }
  case ART_BARS:
  case ART_POLY: {
    /* a bar container's handle: its first bar's colours, as matplotlib's */
    plot_rgba face = t->colors && t->n ? t->colors[0] : t->face;
    plot_rgba edge = t->edges && t->n ? t->edges[0] : t->edge;
    cairo_rectangle(cr, x, y, w, h);
    source(cr, face);
    cairo_fill_preserve(cr);
    if (edge.a > 0 && t->lw > 0) {
      source(cr, edge);
      cairo_set_line_width(cr, t->lw);
      cairo_set_dash(cr, NULL, 0, 0);
      cairo_stroke(cr);
    }
    cairo_new_path(cr);
    break;
  }
  default: break;
  }
}

/* How much of the data the box (points, y down) would hide: 'best' location. */
static double legend_badness(const plot_axes *a, double H, box b) {
  double bad = 0;
  for (int i = 0; i < a->nart; i++) {
    const plot_artist *t = &a->art[i];
    if (t->kind == ART_LINE || t->kind == ART_SCATTER || t->kind == ART_POLY) {
      for (int64_t k = 0; k < t->n; k++) {
        double px = to_px(a, t->x[k]), py = to_py(a, t->y[k], H);
        if (px >= b.x0 && px <= b.x1 && py >= b.y0 && py <= b.y1) bad++;
        /* line segments crossing the box count too */
        if (t->kind == ART_LINE && k > 0) {
          double qx = to_px(a, t->x[k - 1]), qy = to_py(a, t->y[k - 1], H);
          double mx = (px + qx) / 2, my = (py + qy) / 2;
          if (mx >= b.x0 && mx <= b.x1 && my >= b.y0 && my <= b.y1) bad++;
        }
      }
    } else if (t->kind == ART_BARS) {
      for (int64_t k = 0; k < t->n; k++) {
        double x0 = to_px(a, t->x[k]), x1 = to_px(a, t->x[k] + t->w[k]);
        double y0 = to_py(a, t->y[k], H), y1 = to_py(a, t->y[k] + t->h[k], H);
        double ix = fmin(fmax(x0, x1), b.x1) - fmax(fmin(x0, x1), b.x0);
        double iy = fmin(fmax(y0, y1), b.y1) - fmax(fmin(y0, y1), b.y0);
        if (ix > 0 && iy > 0) bad += 1 + ix * iy / ((b.x1 - b.x0) * (b.y1 - b.y0));
      }
    }
  }
  return bad;
}

static void draw_legend(render_ctx *rc, plot_axes *a) {
  legend_entry e[64];
  int n = legend_entries(a, e, 64);
  if (n == 0) return;
  cairo_t *cr = rc->cr;
  double fs = a->legend.fontsize, H = rc->H;
  int ncol = a->legend.ncol > n ? n : a->legend.ncol;
  int nrow = (n + ncol - 1) / ncol;
  double hl = 2.0 * fs, hh = 0.7 * fs, htp = 0.8 * fs, bp = 0.4 * fs, ls = 0.5 * fs, cs = 2.0 * fs, bap = 0.5 * fs;
  text_metrics tm = measure(cr, "lp", fs);
  double rowh = fmax(tm.h, hh);
  double colw[64] = {0};
  for (int i = 0; i < n; i++) {
    int c = i / nrow;
    colw[c] = fmax(colw[c], hl + htp + measure(cr, e[i].label, fs).w);
  }
  double width = 0;
  for (int c = 0; c < ncol; c++) width += colw[c] + (c ? cs : 0);
  double title_h = 0, title_w = 0;
  if (a->legend.title) {
    text_metrics m = measure(cr, a->legend.title, fs);
    title_h = m.h + ls;
    title_w = m.w;
  }
  width = fmax(width, title_w);
  double height = title_h + nrow * rowh + (nrow - 1) * ls;
  double bw = width + 2 * bp, bh = height + 2 * bp;
  double ax0 = a->bx0, ax1 = a->bx1, ay0 = H - a->by1, ay1 = H - a->by0;   /* axes box, y down */
  int loc = a->legend.loc;
  static const int order[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  double bestx = 0, besty = 0, best_bad = INFINITY;
  for (int k = 0; k < 10; k++) {
    int L = loc ? loc : order[k];
    double x, y;
    bool right = L == 1 || L == 4 || L == 5 || L == 7, left = L == 2 || L == 3 || L == 6;
    bool upper = L == 1 || L == 2 || L == 9, lower = L == 3 || L == 4 || L == 8;
    x = right ? ax1 - bap - bw : left ? ax0 + bap : (ax0 + ax1 - bw) / 2;
    y = upper ? ay0 + bap : lower ? ay1 - bap - bh : (ay0 + ay1 - bh) / 2;
    if (loc) {
      bestx = x;
      besty = y;
      break;
    }
    double bad = legend_badness(a, H, (box){x, y, x + bw, y + bh});
    if (bad < best_bad) {
      best_bad = bad;
      bestx = x;
      besty = y;
    }
  }
  double x = bestx, y = besty;
  if (a->legend.frameon) {
    double r = 0.2 * fs;
    cairo_new_path(cr);
    cairo_arc(cr, x + bw - r, y + r, r, -M_PI / 2, 0);
    cairo_arc(cr, x + bw - r, y + bh - r, r, 0, M_PI / 2);
    cairo_arc(cr, x + r, y + bh - r, r, M_PI / 2, M_PI);
    cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr);
    cairo_set_source_rgba(cr, a->facecolor.r, a->facecolor.g, a->facecolor.b, 0.8);
    cairo_fill_preserve(cr);
    cairo_set_source_rgba(cr, 0.8, 0.8, 0.8, 0.8);
    cairo_set_line_width(cr, 1.0);
    cairo_set_dash(cr, NULL, 0, 0);
    cairo_stroke(cr);
  }
  box_add(&rc->content, x, y, x + bw, y + bh);
  double cy = y + bp;
  if (a->legend.title) {
    draw_text(rc, a->legend.title, fs, (plot_rgba){0, 0, 0, 1}, x + bw / 2, cy, 'c', 't', 0);
    cy += title_h;
  }
  double cx = x + bp;
  for (int c = 0, i = 0; c < ncol; c++) {
    double ry = cy;
    for (int r = 0; r < nrow && i < n; r++, i++) {
      draw_legend_handle(rc, e[i].art, cx, ry + (rowh - hh) / 2, hl, hh);
      draw_text(rc, e[i].label, fs, (plot_rgba){0, 0, 0, 1}, cx + hl + htp, ry + rowh / 2, 'l', 'c', 0);
      ry += rowh + ls;
    }
    cx += colw[c] + cs;
  }
}

/* ---- artists ---- */

/* matplotlib's 'antialiased' interpolation (3.6, image._resample): nearest when the image is shown at
   exactly 1x or 2x or enlarged more than 3x on both axes (d: displayed size in device pixels, n: data pixels). */
static bool aa_is_nearest(double d, int n) {
  return d > 3.0 * n || fabs(d - n) < 1e-6 || fabs(d - 2.0 * n) < 1e-6;
}

/* The image resampled to ow x oh device pixels with Agg's Hanning filter of radius 1 (what 'antialiased'
   uses when upsampling by less than 3x): between the two nearest source pixels, at fraction f from the
   first, the second weighs 0.5 - 0.5 cos(pi f) (the two Hanning weights sum to 1). Premultiplied ARGB
   blends channel by channel. NULL when out of memory. */
static cairo_surface_t *hanning_upsample(const unsigned char *argb, int iw, int ih, int ow, int oh) {
  int *x0 = malloc((size_t)ow * sizeof *x0), *y0 = malloc((size_t)oh * sizeof *y0);
  double *xw = malloc((size_t)ow * sizeof *xw), *yw = malloc((size_t)oh * sizeof *yw);
  cairo_surface_t *out = NULL;
  if (!x0 || !y0 || !xw || !yw) goto done;
  for (int k = 0; k < 2; k++) {
    int no = k ? oh : ow, ni = k ? ih : iw, *idx = k ? y0 : x0;
    double *w = k ? yw : xw;
    for (int o = 0; o < no; o++) {
      double u = (o + 0.5) * ni / no - 0.5;   /* source coordinate of the output pixel's centre */
      int i = (int)floor(u);
      double f = u - i;
      if (i < 0) i = 0, f = 0;
      if (i >= ni - 1) i = ni - 1, f = 0;
      idx[o] = i;
      w[o] = 0.5 - 0.5 * cos(M_PI * f);
    }
  }
  out = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, ow, oh);
  if (cairo_surface_status(out) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(out);
    out = NULL;
    goto done;
  }
  cairo_surface_flush(out);
  unsigned char *dst = cairo_image_surface_get_data(out);
  int stride = cairo_image_surface_get_stride(out);
  for (int oy = 0; oy < oh; oy++) {
    const unsigned char *r0 = argb + (size_t)y0[oy] * iw * 4;
    const unsigned char *r1 = y0[oy] + 1 < ih ? r0 + (size_t)iw * 4 : r0;
    double wy = yw[oy];
    unsigned char *d = dst + (size_t)oy * stride;
    for (int ox = 0; ox < ow; ox++) {
      int i = x0[ox], i1 = i + 1 < iw ? i + 1 : i;
      double wx = xw[ox];
      for (int c = 0; c < 4; c++) {
        double top = r0[i * 4 + c] * (1 - wx) + r0[i1 * 4 + c] * wx;
        double bot = r1[i * 4 + c] * (1 - wx) + r1[i1 * 4 + c] * wx;
        d[ox * 4 + c] = (unsigned char)lround(top * (1 - wy) + bot * wy);
      }
    }
  }
  cairo_surface_mark_dirty(out);
done:
  free(x0);
  free(y0);
  free(xw);
  free(yw);
  return out;
}

static void draw_image(render_ctx *rc, plot_axes *a, const plot_artist *t) {
  cairo_t *cr = rc->cr;
  double H = rc->H;
  double yr0 = t->origin_upper ? t->extent[3] : t->extent[2], yr1 = t->origin_upper ? t->extent[2] : t->extent[3];
  double X0 = to_px(a, t->extent[0]), X1 = to_px(a, t->extent[1]);
  double Y0 = to_py(a, yr0, H), Y1 = to_py(a, yr1, H);
  if (!isfinite(X0) || !isfinite(X1) || !isfinite(Y0) || !isfinite(Y1)) return;
  double sx = (X1 - X0) / t->iw, sy = (Y1 - Y0) / t->ih;
  cairo_surface_t *img =
      cairo_image_surface_create_for_data(t->argb, CAIRO_FORMAT_ARGB32, t->iw, t->ih, t->iw * 4);
  if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) return;
  /* displayed size in device pixels (an SVG is judged at the figure's dpi) */
  double px = rc->s * (rc->fmt == PLOT_SVG ? rc->dpi / 72 : 1);
  double dw = fabs(X1 - X0) * px, dh = fabs(Y1 - Y0) * px;
  double up = fmin(dw / t->iw, dh / t->ih);   /* device px per image px */
  bool hanning = false;
  cairo_filter_t filter = CAIRO_FILTER_NEAREST;
  if (t->interp == 1) filter = CAIRO_FILTER_BILINEAR;
  else if (t->interp < 0 && !(aa_is_nearest(dw, t->iw) && aa_is_nearest(dh, t->ih))) {
    if (up >= 1) hanning = true;
    else filter = CAIRO_FILTER_GOOD;   /* downsampling: cairo's box filter for matplotlib's wide Hanning */
  }
  cairo_surface_t *src = img;
  double kx = 1, ky = 1;   /* src pixels per image pixel */
  if (hanning && dw * dh <= 16e6) {
    int ow = (int)lround(dw), oh = (int)lround(dh);
    cairo_surface_t *h = ow > 0 && oh > 0 ? hanning_upsample(t->argb, t->iw, t->ih, ow, oh) : NULL;
    if (h) {
      src = h;
      kx = (double)ow / t->iw;
      ky = (double)oh / t->ih;
      filter = CAIRO_FILTER_NEAREST;   /* about one src pixel per device pixel now */
    } else {
      filter = CAIRO_FILTER_BILINEAR;
    }
  } else if (hanning) {
    filter = CAIRO_FILTER_BILINEAR;
  } else if (rc->fmt == PLOT_SVG && filter == CAIRO_FILTER_NEAREST && up > 1) {
    /* viewers smooth embedded images: blow the pixels up before embedding */
    int k = (int)ceil(up);
    while (k > 1 && (double)t->iw * k * t->ih * k > 16e6) k--;
    if (k > 1) {
      src = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, t->iw * k, t->ih * k);
      cairo_t *c2 = cairo_create(src);
      cairo_scale(c2, k, k);
      cairo_set_source_surface(c2, img, 0, 0);
      cairo_pattern_set_filter(cairo_get_source(c2), CAIRO_FILTER_NEAREST);
      cairo_paint(c2);
      cairo_destroy(c2);
      kx = ky = k;
    }
  }
  int src_w = src == img ? t->iw : cairo_image_surface_get_width(src);
  int src_h = src == img ? t->ih : cairo_image_surface_get_height(src);
  cairo_save(cr);
  cairo_translate(cr, X0, Y0);
  cairo_scale(cr, sx / kx, sy / ky);
  cairo_set_source_surface(cr, src, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), filter);
  cairo_pattern_set_extend(cairo_get_source(cr), filter == CAIRO_FILTER_NEAREST ? CAIRO_EXTEND_NONE : CAIRO_EXTEND_PAD);
  cairo_rectangle(cr, 0, 0, src_w, src_h);
  cairo_fill(cr);
  cairo_restore(cr);
  if (src != img) cairo_surface_destroy(src);
  cairo_surface_destroy(img);
}

static void draw_line_artist(render_ctx *rc, plot_axes *a, const plot_artist *t) {
  cairo_t *cr = rc->cr;
  double H = rc->H;
  const plot_line_style *st = &t->ls;
  if (st->ls != PLOT_LS_NONE && st->linewidth > 0 && st->color.a > 0) {
    cairo_new_path(cr);
    bool pen = false;
    for (int64_t k = 0; k < t->n; k++) {
      double px = to_px(a, t->x[k]), py = to_py(a, t->y[k], H);
      if (!isfinite(px) || !isfinite(py)) {
        pen = false;
        continue;
      }
      if (!pen) cairo_move_to(cr, px, py);
      else cairo_line_to(cr, px, py);
      pen = true;
    }
    source(cr, st->color);
    cairo_set_line_width(cr, st->linewidth);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    set_dash(cr, st->ls, st->linewidth);
    cairo_stroke(cr);
  }
  if (st->marker)
    for (int64_t k = 0; k < t->n; k++) {
      double px = to_px(a, t->x[k]), py = to_py(a, t->y[k], H);
      if (isfinite(px) && isfinite(py)) draw_marker(rc, st->marker, px, py, st->markersize, st->mfc, st->mec, st->mew);
    }
}

static void draw_artist(render_ctx *rc, plot_axes *a, const plot_artist *t) {
  cairo_t *cr = rc->cr;
  double H = rc->H;
  switch (t->kind) {
  case ART_LINE: draw_line_artist(rc, a, t); break;
  case ART_SCATTER:
    for (int64_t k = 0; k < t->n; k++) {
      double px = to_px(a, t->x[k]), py = to_py(a, t->y[k], H);
      if (!isfinite(px) || !isfinite(py)) continue;
      plot_rgba face = t->colors ? t->colors[k] : t->face;
      plot_rgba edge = t->edges ? t->edges[k] : t->edge;
      if (edge.a < 0) edge = face;
      double ms = t->sizes ? sqrt(fmax(t->sizes[k], 0)) : t->ls.markersize;
      draw_marker(rc, t->ls.marker, px, py, ms, face, edge, t->lw);
    }
    break;
  case ART_BARS:
    for (int64_t k = 0; k < t->n; k++) {
      double x0 = to_px(a, t->x[k]), x1 = to_px(a, t->x[k] + t->w[k]);
      double y0 = to_py(a, t->y[k], H), y1 = to_py(a, t->y[k] + t->h[k], H);
      if (!isfinite(x0) || !isfinite(x1) || !isfinite(y0) || !isfinite(y1)) continue;
      /* edges on pixel boundaries (Agg snaps rectilinear paths): adjacent bars leave no seam */
      x0 = round(x0 * rc->s) / rc->s;
      x1 = round(x1 * rc->s) / rc->s;
      y0 = round(y0 * rc->s) / rc->s;
      y1 = round(y1 * rc->s) / rc->s;
      cairo_rectangle(cr, fmin(x0, x1), fmin(y0, y1), fabs(x1 - x0), fabs(y1 - y0));
      plot_rgba face = t->colors ? t->colors[k] : t->face, edge = t->edges ? t->edges[k] : t->edge;
      if (face.a > 0) {
        source(cr, face);
        cairo_fill_preserve(cr);
      }
      if (edge.a > 0 && t->lw > 0) {
        source(cr, edge);
        cairo_set_line_width(cr, t->lw);
        cairo_set_dash(cr, NULL, 0, 0);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
        cairo_stroke(cr);
      }
      cairo_new_path(cr);
    }
    break;
  case ART_POLY: {
    cairo_new_path(cr);
    int moved = 0;
    for (int64_t k = 0; k < t->n; k++) {
      double px = to_px(a, t->x[k]), py = to_py(a, t->y[k], H);
      if (!isfinite(px) || !isfinite(py)) continue;
      if (!moved++) cairo_move_to(cr, px, py);
      else cairo_line_to(cr, px, py);
    }
    cairo_close_path(cr);
    if (t->face.a > 0) {
      source(cr, t->face);
      cairo_fill_preserve(cr);
    }
    if (t->edge.a > 0 && t->lw > 0) {
      source(cr, t->edge);
      cairo_set_line_width(cr, t->lw);
      cairo_set_dash(cr, NULL, 0, 0);
      cairo_stroke(cr);
    }
    cairo_new_path(cr);
    break;
  }
  case ART_IMAGE: draw_image(rc, a, t); break;
  case ART_REFLINE: {
    const plot_line_style *st = &t->ls;
    double p0, p1, q0, q1;
    if (t->axis == PLOT_Y) {   /* horizontal */
      double y = to_py(a, t->value, H);
      p0 = a->bx0 + t->lo * (a->bx1 - a->bx0);
      p1 = a->bx0 + t->hi * (a->bx1 - a->bx0);
      q0 = q1 = y;
    } else {
      double x = to_px(a, t->value);
      p0 = p1 = x;
      q0 = H - (a->by0 + t->lo * (a->by1 - a->by0));
      q1 = H - (a->by0 + t->hi * (a->by1 - a->by0));
    }
    if (!isfinite(p0) || !isfinite(q0)) break;
    source(cr, st->color);
    cairo_set_line_width(cr, st->linewidth);
    set_dash(cr, st->ls, st->linewidth);
    cairo_move_to(cr, p0, q0);
    cairo_line_to(cr, p1, q1);
    cairo_stroke(cr);
    break;
  }
  case ART_TEXT: {
    double x, y;
    if (t->axes_coords) {
      x = a->bx0 + t->x[0] * (a->bx1 - a->bx0);
      y = H - (a->by0 + t->y[0] * (a->by1 - a->by0));
    } else {
      x = to_px(a, t->x[0]);
      y = to_py(a, t->y[0], H);
    }
    if (isfinite(x) && isfinite(y)) draw_text(rc, t->text, t->fontsize, t->face, x, y, t->ha, t->va, t->rotation);
    break;
  }
  }
}

static void draw_grid(render_ctx *rc, plot_axes *a) {
  cairo_t *cr = rc->cr;
  double H = rc->H;
  for (int axis = 0; axis < 2; axis++) {
    plot_axis *x = &a->ax[axis];
    if (!x->grid) continue;
    source(cr, x->grid_color);
    cairo_set_line_width(cr, x->grid_lw);
    set_dash(cr, x->grid_ls, x->grid_lw);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (int i = 0; i < x->t.n; i++) {
      if (axis == PLOT_X) {
        double px = snap(rc, to_px(a, x->t.v[i]), x->grid_lw);
        cairo_move_to(cr, px, H - a->by1);
        cairo_line_to(cr, px, H - a->by0);
      } else {
        double py = snap(rc, to_py(a, x->t.v[i], H), x->grid_lw);
        cairo_move_to(cr, a->bx0, py);
        cairo_line_to(cr, a->bx1, py);
      }
    }
    cairo_stroke(cr);
  }
}

static void draw_axis_decor(render_ctx *rc, plot_axes *a) {
  cairo_t *cr = rc->cr;
  double H = rc->H;
  double top = H - a->by1, bottom = H - a->by0;
  plot_rgba black = {0, 0, 0, 1};
  /* spines */
  cairo_set_line_width(cr, PLOT_SPINE_WIDTH);
  cairo_set_dash(cr, NULL, 0, 0);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
  source(cr, black);
  double sl = snap(rc, a->bx0, PLOT_SPINE_WIDTH), sr = snap(rc, a->bx1, PLOT_SPINE_WIDTH);
  double st = snap(rc, top, PLOT_SPINE_WIDTH), sb = snap(rc, bottom, PLOT_SPINE_WIDTH);
  if (a->spine[0]) cairo_move_to(cr, sl, sb), cairo_line_to(cr, sl, st);
  if (a->spine[1]) cairo_move_to(cr, sr, sb), cairo_line_to(cr, sr, st);
  if (a->spine[2]) cairo_move_to(cr, sl, sb), cairo_line_to(cr, sr, sb);
  if (a->spine[3]) cairo_move_to(cr, sl, st), cairo_line_to(cr, sr, st);
  cairo_stroke(cr);
  box_add(&rc->content, a->bx0, top, a->bx1, bottom);
  /* x ticks and labels */
  plot_axis *x = &a->ax[PLOT_X];
  double label_bottom = bottom;
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_width(cr, PLOT_TICK_WIDTH);
  for (int i = 0; i < x->t.n; i++) {
    double px = snap(rc, to_px(a, x->t.v[i]), PLOT_TICK_WIDTH);
    cairo_move_to(cr, px, bottom);
    cairo_line_to(cr, px, bottom + PLOT_TICK_LEN);
  }
  cairo_stroke(cr);
  if (x->log) {
    cairo_set_line_width(cr, PLOT_MINOR_WIDTH);
    for (int i = 0; i < x->t.nminor; i++) {
      double px = snap(rc, to_px(a, x->t.minor[i]), PLOT_MINOR_WIDTH);
      cairo_move_to(cr, px, bottom);
      cairo_line_to(cr, px, bottom + PLOT_MINOR_LEN);
    }
    cairo_stroke(cr);
  }
  for (int i = 0; i < x->t.n; i++) {
    double px = to_px(a, x->t.v[i]), ty = bottom + PLOT_TICK_LEN + PLOT_TICK_PAD;
    box b = text_box(cr, x->t.label[i], x->labelsize, px, ty, 'c', 't', x->rotation, NULL, NULL);
    draw_text(rc, x->t.label[i], x->labelsize, black, px, ty, 'c', 't', x->rotation);
    label_bottom = fmax(label_bottom, b.y1);
  }
  if (x->t.n == 0) label_bottom = bottom;
  else if (label_bottom == bottom) label_bottom = bottom + PLOT_TICK_LEN + PLOT_TICK_PAD;
  if (x->t.offset[0])
    draw_text(rc, x->t.offset, PLOT_FONT_SIZE, black, a->bx1, label_bottom + 1, 'r', 't', 0);
  if (x->label)
    draw_text(rc, x->label, x->label_size, black, (a->bx0 + a->bx1) / 2, label_bottom + PLOT_LABEL_PAD, 'c', 't', 0);
  /* y ticks and labels */
  plot_axis *y = &a->ax[PLOT_Y];
  bool right = y->ticks_right;
  double sx = right ? a->bx1 : a->bx0, dir = right ? 1 : -1;
  cairo_set_line_width(cr, PLOT_TICK_WIDTH);
  for (int i = 0; i < y->t.n; i++) {
    double py = snap(rc, to_py(a, y->t.v[i], H), PLOT_TICK_WIDTH);
    cairo_move_to(cr, sx, py);
    cairo_line_to(cr, sx + dir * PLOT_TICK_LEN, py);
  }
  cairo_stroke(cr);
  if (y->log) {
    cairo_set_line_width(cr, PLOT_MINOR_WIDTH);
    for (int i = 0; i < y->t.nminor; i++) {
      double py = snap(rc, to_py(a, y->t.minor[i], H), PLOT_MINOR_WIDTH);
      cairo_move_to(cr, sx, py);
      cairo_line_to(cr, sx + dir * PLOT_MINOR_LEN, py);
    }
    cairo_stroke(cr);
  }
  double label_edge = sx;
  for (int i = 0; i < y->t.n; i++) {
    double py = to_py(a, y->t.v[i], H), tx = sx + dir * (PLOT_TICK_LEN + PLOT_TICK_PAD);
    box b = text_box(cr, y->t.label[i], y->labelsize, tx, py, right ? 'l' : 'r', 'c', y->rotation, NULL, NULL);
    draw_text(rc, y->t.label[i], y->labelsize, black, tx, py, right ? 'l' : 'r', 'c', y->rotation);
    label_edge = right ? fmax(label_edge, b.x1) : fmin(label_edge, b.x0);
  }
  if (y->t.n && label_edge == sx) label_edge = sx + dir * (PLOT_TICK_LEN + PLOT_TICK_PAD);
  if (y->t.offset[0]) draw_text(rc, y->t.offset, PLOT_FONT_SIZE, black, right ? a->bx1 : a->bx0, top - 3, 'l', 'b', 0);
  if (y->label)
    draw_text(rc, y->label, y->label_size, black, label_edge + dir * PLOT_LABEL_PAD, (top + bottom) / 2,
              right ? 'l' : 'r', 'c', 90);
}

static int cmp_z(const void *p, const void *q) {
  const plot_artist *a = *(const plot_artist *const *)p, *b = *(const plot_artist *const *)q;
  if (a->zorder != b->zorder) return a->zorder < b->zorder ? -1 : 1;
  return a < b ? -1 : a > b;   /* stable: insertion order */
}

static void draw_axes(render_ctx *rc, plot_axes *a) {
  cairo_t *cr = rc->cr;
  double H = rc->H;
  double top = H - a->by1, bottom = H - a->by0;
  if (a->axis_on && a->facecolor.a > 0) {
    source(cr, a->facecolor);
    cairo_rectangle(cr, a->bx0, top, a->bx1 - a->bx0, bottom - top);
    cairo_fill(cr);
  }
  const plot_artist **order = malloc((size_t)(a->nart ? a->nart : 1) * sizeof *order);
  if (!order) return;
  for (int i = 0; i < a->nart; i++) order[i] = &a->art[i];
  qsort(order, (size_t)a->nart, sizeof *order, cmp_z);
  bool grid_done = false;
  for (int i = 0; i <= a->nart; i++) {
    if (!grid_done && (i == a->nart || order[i]->zorder >= 1.5)) {
      if (a->axis_on) draw_grid(rc, a);
      grid_done = true;
    }
    if (i == a->nart) break;
    const plot_artist *t = order[i];
    bool clip = t->kind != ART_TEXT;
    cairo_save(cr);
    if (clip) {
      cairo_rectangle(cr, a->bx0, top, a->bx1 - a->bx0, bottom - top);
      cairo_clip(cr);
    }
    draw_artist(rc, a, t);
    cairo_restore(cr);
  }
  free(order);
  if (!a->axis_on) box_add(&rc->content, a->bx0, top, a->bx1, bottom);
  if (a->axis_on) draw_axis_decor(rc, a);
  if (a->legend.on) draw_legend(rc, a);
  static const char has[3] = {'l', 'c', 'r'};
  for (int i = 0; i < 3; i++) {
    if (!a->title[i]) continue;
    double x = i == 0 ? a->bx0 : i == 2 ? a->bx1 : (a->bx0 + a->bx1) / 2;
    /* matplotlib: va='baseline', the last line's baseline titlepad above the axes */
    double y = top - PLOT_TITLE_PAD;
    text_metrics m = measure(cr, a->title[i], a->title_size[i]);
    draw_text(rc, a->title[i], a->title_size[i], (plot_rgba){0, 0, 0, 1}, x, y - (m.nlines - 1) * m.line_h, has[i],
              'B', 0);
  }
}

/* ---- output streams ---- */

typedef struct membuf { unsigned char *data; size_t len, cap; bool oom; } membuf;

static cairo_status_t mem_write(void *closure, const unsigned char *data, unsigned int length) {
  membuf *b = closure;
  if (b->len + length > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 65536;
    while (cap < b->len + length) cap *= 2;
    unsigned char *p = realloc(b->data, cap);
    if (!p) {
      b->oom = true;
      return CAIRO_STATUS_WRITE_ERROR;
    }
    b->data = p;
    b->cap = cap;
  }
  memcpy(b->data + b->len, data, length);
  b->len += length;
  return CAIRO_STATUS_SUCCESS;
}

static void font_setup(cairo_t *cr) {
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options(cr, fo);
  cairo_font_options_destroy(fo);
}

static void layout(plot_figure *f, cairo_t *mcr, double W, double H) {
  double sp[6];
  memcpy(sp, f->sp, sizeof sp);
  place_axes(f, W, H, sp);
  if (f->tight)
    for (int it = 0; it < 2; it++) {
      tight_params(f, mcr, W, H, sp);
      place_axes(f, W, H, sp);
    }
}

static void draw_figure(render_ctx *rc, plot_figure *f) {
  cairo_t *cr = rc->cr;
  if (f->face.a > 0) {
    source(cr, f->face);
    cairo_paint(cr);
  }
  for (int i = 0; i < f->naxes; i++) draw_axes(rc, f->axes[i]);
  for (int i = 0; i < f->ntexts; i++) {
    const plot_artist *t = &f->texts[i];
    draw_text(rc, t->text, t->fontsize, t->face, t->x[0] * rc->W, rc->H - t->y[0] * rc->H, t->ha, t->va, 0);
  }
  if (f->suptitle) draw_text(rc, f->suptitle, f->suptitle_size, (plot_rgba){0, 0, 0, 1}, rc->W / 2, 0.02 * rc->H, 'c', 't', 0);
}

int plot_figure_render(plot_figure *f, plot_format fmt, double dpi, bool tight_bbox, double pad_in,
                       unsigned char **out, size_t *n) {
  *out = NULL;
  *n = 0;
  if (!(dpi > 0)) dpi = f->dpi;
  double W = f->w_in * 72, H = f->h_in * 72;
  double s = fmt == PLOT_PNG ? dpi / 72 : 1;
  if (W * s > 32768 || H * s > 32768) return plot_fail("image size of %.0fx%.0f pixels is too large", W * s, H * s);
  /* measuring context: layout and the tight bounding box need text extents before the surface exists */
  cairo_surface_t *ms = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *mcr = cairo_create(ms);
  font_setup(mcr);
  layout(f, mcr, W, H);
  double ox = 0, oy = 0, cw = W, ch = H;
  if (tight_bbox) {
    /* a dry run on a recording surface finds what gets drawn */
    cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *rcr = cairo_create(rec);
    font_setup(rcr);
    render_ctx dry = {rcr, W, H, 1, fmt, dpi, box_empty()};
    plot_rgba face = f->face;
    f->face.a = 0;
    draw_figure(&dry, f);
    f->face = face;
    cairo_destroy(rcr);
    cairo_surface_destroy(rec);
    if (dry.content.x0 < dry.content.x1) {
      double pad = (pad_in == pad_in ? pad_in : 0.1) * 72;
      ox = dry.content.x0 - pad;
      oy = dry.content.y0 - pad;
      cw = dry.content.x1 - dry.content.x0 + 2 * pad;
      ch = dry.content.y1 - dry.content.y0 + 2 * pad;
    }
  }
  cairo_destroy(mcr);
  cairo_surface_destroy(ms);
  membuf mb = {0};
  cairo_surface_t *surf;
  if (fmt == PLOT_PNG) {
    int pw = (int)(cw * s + 1e-6), ph = (int)(ch * s + 1e-6);   /* Agg truncates the canvas size */
    surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw > 0 ? pw : 1, ph > 0 ? ph : 1);
  } else {
    surf = cairo_svg_surface_create_for_stream(mem_write, &mb, cw, ch);
  }
  if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surf);
    free(mb.data);
    return plot_fail("cannot create a %.0fx%.0f drawing surface", cw * s, ch * s);
  }
  cairo_t *cr = cairo_create(surf);
  font_setup(cr);
  cairo_scale(cr, s, s);
  cairo_translate(cr, -ox, -oy);
  render_ctx rc = {cr, W, H, s, fmt, dpi, box_empty()};
  draw_figure(&rc, f);
  for (int i = 0; i < f->naxes; i++) {
    plot_axes *a = f->axes[i];
    a->laid_out = true;
    a->last_scale = s;
    a->last_fig_h = H;
    a->last_ox = ox;
    a->last_oy = oy;
  }
  cairo_status_t st = cairo_status(cr);
  cairo_destroy(cr);
  if (fmt == PLOT_PNG && st == CAIRO_STATUS_SUCCESS) st = cairo_surface_write_to_png_stream(surf, mem_write, &mb);
  cairo_surface_finish(surf);
  if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surf);
  cairo_surface_destroy(surf);
  if (st != CAIRO_STATUS_SUCCESS || mb.oom) {
    free(mb.data);
    return plot_fail("rendering failed: %s", mb.oom ? "out of memory" : cairo_status_to_string(st));
  }
  *out = mb.data;
  *n = mb.len;
  return 0;
}
