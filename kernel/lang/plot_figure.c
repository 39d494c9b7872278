/*
** kernel/lang/plot_figure.c — the figure model: figures, axes and the artists they hold, view
** limits (matplotlib's autoscale: data limits, 5 % margins, sticky edges of bars and images), and
** histograms. Drawing and layout are plot_render.c's.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/lang/plot_internal.h"

/* ---- figures ---- */

plot_figure *plot_figure_new(double w_in, double h_in, double dpi) {
  if (!(w_in > 0) || !(h_in > 0) || !(dpi > 0) || w_in * dpi > 32768 || h_in * dpi > 32768) {
    plot_fail("figure size must be positive and at most 32768 pixels (got %gx%g in at %g dpi)", w_in, h_in, dpi);
    return NULL;
  }
  plot_figure *f = calloc(1, sizeof *f);
  if (!f) {
    plot_fail("out of memory");
    return NULL;
  }
  f->w_in = w_in;
  f->h_in = h_in;
  f->dpi = dpi;
  f->face = (plot_rgba){1, 1, 1, 1};
  const double sp[6] = {0.125, 0.11, 0.9, 0.88, 0.2, 0.2};
  memcpy(f->sp, sp, sizeof sp);
  return f;
}

static void artist_free(plot_artist *a) {
  free(a->label);
  free(a->x);
  free(a->y);
  free(a->w);
  free(a->h);
  free(a->sizes);
  free(a->colors);
  free(a->edges);
  free(a->argb);
  free(a->text);
}

static void axis_free(plot_axis *x) {
  free(x->label);
  free(x->fixed);
  if (x->fixed_labels)
    for (int i = 0; i < x->nfixed; i++) free(x->fixed_labels[i]);
  free(x->fixed_labels);
}

static void legend_free(plot_legend_spec *l) {
  free(l->title);
  for (int i = 0; i < l->nlabels; i++) free(l->labels[i]);
  free(l->labels);
  memset(l, 0, sizeof *l);
}

static void axes_free(plot_axes *a) {
  for (int i = 0; i < a->nart; i++) artist_free(&a->art[i]);
  free(a->art);
  for (int i = 0; i < 2; i++) axis_free(&a->ax[i]);
  for (int i = 0; i < 3; i++) free(a->title[i]);
  legend_free(&a->legend);
  free(a);
}

void plot_figure_clear(plot_figure *f) {
  for (int i = 0; i < f->naxes; i++) axes_free(f->axes[i]);
  f->naxes = 0;
  for (int i = 0; i < f->ntexts; i++) artist_free(&f->texts[i]);
  f->ntexts = 0;
  free(f->suptitle);
  f->suptitle = NULL;
  f->tight = false;
}

void plot_figure_free(plot_figure *f) {
  if (!f) return;
  plot_figure_clear(f);
  free(f->axes);
  free(f->texts);
  free(f);
}

void plot_figure_set_size(plot_figure *f, double w_in, double h_in) {
  if (w_in > 0 && w_in * f->dpi <= 32768) f->w_in = w_in;
  if (h_in > 0 && h_in * f->dpi <= 32768) f->h_in = h_in;
}

void plot_figure_get_size(const plot_figure *f, double *w_in, double *h_in, double *dpi) {
  if (w_in) *w_in = f->w_in;
  if (h_in) *h_in = f->h_in;
  if (dpi) *dpi = f->dpi;
}

void plot_figure_set_dpi(plot_figure *f, double dpi) {
  if (dpi > 0 && f->w_in * dpi <= 32768 && f->h_in * dpi <= 32768) f->dpi = dpi;
}

void plot_figure_set_facecolor(plot_figure *f, plot_rgba c) { f->face = c; }

int plot_figure_suptitle(plot_figure *f, const char *s, double fontsize) {
  char *d = plot_strdup(s ? s : "");
  if (!d) return plot_fail("out of memory");
  free(f->suptitle);
  f->suptitle = d;
  f->suptitle_size = fontsize > 0 ? fontsize : PLOT_TITLE_SIZE;
  return 0;
}

void plot_figure_subplots_adjust(plot_figure *f, double left, double bottom, double right, double top, double wspace,
                                 double hspace) {
  const double v[6] = {left, bottom, right, top, wspace, hspace};
  for (int i = 0; i < 6; i++)
    if (v[i] == v[i]) f->sp[i] = v[i];
  f->tight = false;
}

void plot_figure_tight_layout(plot_figure *f, double pad, double h_pad, double w_pad) {
  f->tight = true;
  f->pad = pad == pad ? pad : 1.08;
  f->h_pad = h_pad == h_pad ? h_pad : f->pad;
  f->w_pad = w_pad == w_pad ? w_pad : f->pad;
}

int plot_figure_naxes(const plot_figure *f) { return f->naxes; }
plot_axes *plot_figure_axes(plot_figure *f, int i) { return i >= 0 && i < f->naxes ? f->axes[i] : NULL; }

static void axis_init(plot_axis *x) {
  memset(x, 0, sizeof *x);
  x->autoscale = true;
  x->margin = PLOT_MARGIN;
  x->nfixed = -1;
  x->grid_color = (plot_rgba){0xb0 / 255.0, 0xb0 / 255.0, 0xb0 / 255.0, 1};
  x->grid_lw = 0.8;
  x->grid_ls = PLOT_LS_SOLID;
  x->labelsize = PLOT_FONT_SIZE;
  x->v0 = 0;
  x->v1 = 1;
}

static plot_axes *axes_push(plot_figure *f) {
  if (f->naxes == f->cap) {
    int cap = f->cap ? f->cap * 2 : 4;
    plot_axes **p = realloc(f->axes, (size_t)cap * sizeof *p);
    if (!p) {
      plot_fail("out of memory");
      return NULL;
    }
    f->axes = p;
    f->cap = cap;
  }
  plot_axes *a = calloc(1, sizeof *a);
  if (!a) {
    plot_fail("out of memory");
    return NULL;
  }
  a->fig = f;
  axis_init(&a->ax[0]);
  axis_init(&a->ax[1]);
  a->axis_on = true;
  for (int i = 0; i < 4; i++) a->spine[i] = true;
  a->facecolor = (plot_rgba){1, 1, 1, 1};
  a->cbar_cmap = -1;
  f->axes[f->naxes++] = a;
  return a;
}

plot_axes *plot_figure_add_subplot(plot_figure *f, int nrows, int ncols, int first, int last) {
  if (nrows < 1 || ncols < 1 || nrows > 64 || ncols > 64 || first < 0 || last < first || last >= nrows * ncols) {
    plot_fail("num must be 1 <= num <= %d", nrows * ncols);
    return NULL;
  }
  plot_axes *a = axes_push(f);
  if (!a) return NULL;
  a->nrows = nrows;
  a->ncols = ncols;
  a->first = first;
  a->last = last;
  return a;
}

plot_axes *plot_figure_add_axes(plot_figure *f, double left, double bottom, double width, double height) {
  plot_axes *a = axes_push(f);
  if (!a) return NULL;
  a->rect[0] = left;
  a->rect[1] = bottom;
  a->rect[2] = width;
  a->rect[3] = height;
  return a;
}

void plot_figure_remove_axes(plot_figure *f, int i) {
  if (i < 0 || i >= f->naxes) return;
  plot_axes *a = f->axes[i];
  for (int k = 0; k < f->naxes; k++) {
    if (f->axes[k]->cbar == a) f->axes[k]->cbar = NULL;
    if (f->axes[k]->cbar_parent == a) f->axes[k]->cbar_parent = NULL;
  }
  axes_free(a);
  memmove(f->axes + i, f->axes + i + 1, (size_t)(f->naxes - i - 1) * sizeof *f->axes);
  f->naxes--;
}

static plot_artist *text_push(plot_artist **arr, int *n, int *cap) {
  if (*n == *cap) {
    int c = *cap ? *cap * 2 : 8;
    plot_artist *p = realloc(*arr, (size_t)c * sizeof *p);
    if (!p) {
      plot_fail("out of memory");
      return NULL;
    }
    *arr = p;
    *cap = c;
  }
  plot_artist *t = &(*arr)[(*n)++];
  memset(t, 0, sizeof *t);
  return t;
}

int plot_figure_text(plot_figure *f, double x, double y, const char *s, double fontsize, plot_rgba color, char ha,
                     char va) {
  plot_artist *t = text_push(&f->texts, &f->ntexts, &f->captexts);
  if (!t) return -1;
  t->kind = ART_TEXT;
  t->x = malloc(sizeof(double));
  t->y = malloc(sizeof(double));
  t->text = plot_strdup(s ? s : "");
  if (!t->x || !t->y || !t->text) {
    artist_free(t);
    f->ntexts--;
    return plot_fail("out of memory");
  }
  t->n = 1;
  t->x[0] = x;
  t->y[0] = y;
  t->fontsize = fontsize > 0 ? fontsize : PLOT_FONT_SIZE;
  t->face = color;
  t->ha = ha;
  t->va = va;
  t->axes_coords = true;
  return 0;
}

/* ---- artists ---- */

plot_line_style plot_line_style_default(plot_rgba color) {
  plot_line_style s;
  s.color = color;
  s.linewidth = 1.5;
  s.ls = PLOT_LS_SOLID;
  s.marker = 0;
  s.markersize = 6;
  s.mfc = color;
  s.mec = color;
  s.mew = 1;
  s.zorder = 2;
  return s;
}

plot_rgba plot_axes_next_color(plot_axes *a) { return plot_cycle_color(a->cycle++); }

static plot_artist *artist_push(plot_axes *a, plot_kind kind, const char *label) {
  if (a->nart == a->cap) {
    int cap = a->cap ? a->cap * 2 : 8;
    plot_artist *p = realloc(a->art, (size_t)cap * sizeof *p);
    if (!p) {
      plot_fail("out of memory");
      return NULL;
    }
    a->art = p;
    a->cap = cap;
  }
  plot_artist *t = &a->art[a->nart];
  memset(t, 0, sizeof *t);
  t->kind = kind;
  t->sticky = -1;
  t->cmap = -1;
  if (label && label[0] && label[0] != '_') {
    t->label = plot_strdup(label);
    if (!t->label) {
      plot_fail("out of memory");
      return NULL;
    }
  }
  a->nart++;
  return t;
}

static void artist_pop(plot_axes *a) {
  artist_free(&a->art[--a->nart]);
  plot_fail("out of memory");
}

static double *dup_doubles(const double *v, int64_t n) {
  double *d = malloc((size_t)(n > 0 ? n : 1) * sizeof *d);
  if (d && n > 0) memcpy(d, v, (size_t)n * sizeof *d);
  return d;
}

int plot_axes_line(plot_axes *a, const double *x, const double *y, int64_t n, const plot_line_style *st,
                   const char *label) {
  plot_artist *t = artist_push(a, ART_LINE, label);
  if (!t) return -1;
  t->n = n;
  t->x = dup_doubles(x, n);
  t->y = dup_doubles(y, n);
  if (!t->x || !t->y) {
    artist_pop(a);
    return -1;
  }
  t->ls = *st;
  t->zorder = st->zorder;
  return 0;
}

static plot_rgba *dup_colors(const plot_rgba *c, int64_t n) {
  plot_rgba *r = malloc((size_t)(n > 0 ? n : 1) * sizeof *r);
  if (r && n > 0) memcpy(r, c, (size_t)n * sizeof *r);
  return r;
}

int plot_axes_scatter(plot_axes *a, const double *x, const double *y, int64_t n, const double *sizes, double size,
                      const plot_rgba *colors, plot_rgba color, char marker, const plot_rgba *edges, plot_rgba edge,
                      double linewidth, double zorder, const char *label) {
  plot_artist *t = artist_push(a, ART_SCATTER, label);
  if (!t) return -1;
  t->n = n;
  t->x = dup_doubles(x, n);
  t->y = dup_doubles(y, n);
  if (sizes) t->sizes = dup_doubles(sizes, n);
  if (colors) t->colors = dup_colors(colors, n);
  if (edges) t->edges = dup_colors(edges, n);
  if (!t->x || !t->y || (sizes && !t->sizes) || (colors && !t->colors) || (edges && !t->edges)) {
    artist_pop(a);
    return -1;
  }
  t->ls = plot_line_style_default(color);
  t->ls.marker = marker ? marker : 'o';
  t->ls.markersize = sqrt(size > 0 ? size : 36);
  t->ls.ls = PLOT_LS_NONE;
  t->face = color;
  t->edge = edge;
  t->lw = linewidth;
  t->zorder = zorder;
  return 0;
}

int plot_axes_bars(plot_axes *a, const double *x, const double *y, const double *w, const double *h, int64_t n,
                   const plot_rgba *faces, plot_rgba face, const plot_rgba *edges, plot_rgba edge, double linewidth,
                   int sticky, const char *label) {
  plot_artist *t = artist_push(a, ART_BARS, label);
  if (!t) return -1;
  t->n = n;
  t->x = dup_doubles(x, n);
  t->y = dup_doubles(y, n);
  t->w = dup_doubles(w, n);
  t->h = dup_doubles(h, n);
  if (faces) t->colors = dup_colors(faces, n);
  if (edges) t->edges = dup_colors(edges, n);
  if (!t->x || !t->y || !t->w || !t->h || (faces && !t->colors) || (edges && !t->edges)) {
    artist_pop(a);
    return -1;
  }
  t->face = face;
  t->edge = edge;
  t->lw = linewidth;
  t->sticky = sticky;
  t->zorder = 1;
  return 0;
}

int plot_axes_polygon(plot_axes *a, const double *x, const double *y, int64_t n, plot_rgba face, plot_rgba edge,
                      double linewidth, const char *label) {
  plot_artist *t = artist_push(a, ART_POLY, label);
  if (!t) return -1;
  t->n = n;
  t->x = dup_doubles(x, n);
  t->y = dup_doubles(y, n);
  if (!t->x || !t->y) {
    artist_pop(a);
    return -1;
  }
  t->face = face;
  t->edge = edge;
  t->lw = linewidth;
  t->zorder = 1;
  return 0;
}

static unsigned char to8(double v) {
  if (!(v > 0)) return 0;
  if (v >= 1) return 255;
  return (unsigned char)(v * 255 + 0.5);
}

int plot_axes_image(plot_axes *a, const double *data, int h, int w, int channels, bool is_int, int cmap, double vmin,
                    double vmax, const double *extent, bool origin_upper, double alpha, int interpolation,
                    bool aspect_auto, bool *clipped) {
  if (h < 1 || w < 1 || (channels != 1 && channels != 3 && channels != 4))
    return plot_fail("Invalid shape for image data");
  if ((int64_t)h * w > (int64_t)1 << 26) return plot_fail("image too large (%d x %d)", h, w);
  plot_artist *t = artist_push(a, ART_IMAGE, NULL);
  if (!t) return -1;
  t->argb = malloc((size_t)h * (size_t)w * 4);
  if (!t->argb) {
    artist_pop(a);
    return -1;
  }
  t->iw = w;
  t->ih = h;
  t->interp = interpolation;
  t->zorder = 0;
  if (alpha != alpha || alpha > 1) alpha = 1;
  if (alpha < 0) alpha = 0;
  if (clipped) *clipped = false;
  int64_t npx = (int64_t)h * w;
  if (channels == 1) {
    if (vmin != vmin || vmax != vmax) {
      double lo = INFINITY, hi = -INFINITY;
      for (int64_t i = 0; i < npx; i++)
        if (isfinite(data[i])) {
          lo = fmin(lo, data[i]);
          hi = fmax(hi, data[i]);
        }
      if (lo > hi) lo = 0, hi = 1;
      if (vmin != vmin) vmin = lo;
      if (vmax != vmax) vmax = hi;
    }
    t->cmap = cmap >= 0 ? cmap : plot_cmap_find("viridis");
    t->vmin = vmin;
    t->vmax = vmax;
  }
  for (int64_t i = 0; i < npx; i++) {
    plot_rgba c;
    if (channels == 1) {
      double v = data[i];
      double u = vmax > vmin ? (v - vmin) / (vmax - vmin) : (v == v ? 0.0 : NAN);
      /* matplotlib: equal vmin and vmax map everything to the low end */
      c = plot_cmap_eval(t->cmap, isfinite(v) ? u : NAN);
    } else {
      const double *p = data + i * channels;
      double s = is_int ? 1 / 255.0 : 1.0, ch[4] = {0, 0, 0, 1};
      for (int k = 0; k < channels; k++) {
        double v = p[k];
        double lim = is_int ? 255 : 1;
        if (v < 0 || v > lim) {
          if (clipped) *clipped = true;
          v = v < 0 ? 0 : lim;
        }
        ch[k] = v * s;
      }
      c = (plot_rgba){ch[0], ch[1], ch[2], ch[3]};
    }
    double al = c.a * alpha;
    unsigned char *px = t->argb + i * 4;   /* cairo ARGB32 is native-endian 32-bit: B G R A on little endian */
    uint32_t v = (uint32_t)to8(al) << 24 | (uint32_t)to8(c.r * al) << 16 | (uint32_t)to8(c.g * al) << 8 | to8(c.b * al);
    memcpy(px, &v, 4);
  }
  if (extent) {
    memcpy(t->extent, extent, sizeof t->extent);
  } else {
    t->extent[0] = -0.5;
    t->extent[1] = w - 0.5;
    t->extent[2] = origin_upper ? h - 0.5 : -0.5;
    t->extent[3] = origin_upper ? -0.5 : h - 0.5;
  }
  t->origin_upper = origin_upper;
  if (origin_upper && !extent) a->ax[PLOT_Y].inverted = true;
  else if (extent) a->ax[PLOT_Y].inverted = extent[2] > extent[3];
  if (!aspect_auto) a->aspect = 1;
  return 0;
}

int plot_axes_text(plot_axes *a, double x, double y, const char *s, double fontsize, plot_rgba color, char ha, char va,
                   double rotation, bool axes_coords) {
  plot_artist *t = artist_push(a, ART_TEXT, NULL);
  if (!t) return -1;
  t->x = malloc(sizeof(double));
  t->y = malloc(sizeof(double));
  t->text = plot_strdup(s ? s : "");
  if (!t->x || !t->y || !t->text) {
    artist_pop(a);
    return -1;
  }
  t->n = 1;
  t->x[0] = x;
  t->y[0] = y;
  t->fontsize = fontsize > 0 ? fontsize : PLOT_FONT_SIZE;
  t->face = color;
  t->ha = ha ? ha : 'l';
  t->va = va ? va : 'B';
  t->rotation = rotation;
  t->axes_coords = axes_coords;
  t->zorder = 3;
  return 0;
}

int plot_axes_refline(plot_axes *a, int axis, double value, double lo, double hi, const plot_line_style *st,
                      const char *label) {
  plot_artist *t = artist_push(a, ART_REFLINE, label);
  if (!t) return -1;
  t->axis = axis;
  t->value = value;
  t->lo = lo;
  t->hi = hi;
  t->ls = *st;
  t->zorder = st->zorder;
  return 0;
}

/* ---- axes settings ---- */

static int set_str(char **slot, const char *s) {
  char *d = NULL;
  if (s && s[0]) {
    d = plot_strdup(s);
    if (!d) return plot_fail("out of memory");
  }
  free(*slot);
  *slot = d;
  return 0;
}

int plot_axes_set_title(plot_axes *a, const char *s, char loc, double fontsize) {
  int i = loc == 'l' ? 0 : loc == 'r' ? 2 : 1;
  a->title_size[i] = fontsize > 0 ? fontsize : PLOT_TITLE_SIZE;
  return set_str(&a->title[i], s);
}

int plot_axes_set_label(plot_axes *a, int axis, const char *s, double fontsize) {
  a->ax[axis].label_size = fontsize > 0 ? fontsize : PLOT_FONT_SIZE;
  return set_str(&a->ax[axis].label, s);
}

void plot_axes_set_lim(plot_axes *a, int axis, double lo, double hi) {
  double c0, c1;
  plot_axis_view(a, axis, &c0, &c1);
  plot_axis *x = &a->ax[axis];
  x->v0 = lo == lo ? lo : c0;
  x->v1 = hi == hi ? hi : c1;
  if (x->v0 == x->v1) {   /* matplotlib expands a singular range (with a warning) */
    double d = x->v0 == 0 ? 1 : fabs(x->v0) * 0.05;
    x->v0 -= d;
    x->v1 += d;
  }
  x->autoscale = false;
}

void plot_axes_get_lim(plot_axes *a, int axis, double *lo, double *hi) { plot_axis_view(a, axis, lo, hi); }

void plot_axes_autoscale(plot_axes *a, int axis, bool on) {
  if (axis < 0) {
    a->ax[0].autoscale = a->ax[1].autoscale = on;
    return;
  }
  a->ax[axis].autoscale = on;
}

void plot_axes_margins(plot_axes *a, double xmargin, double ymargin) {
  if (xmargin == xmargin && xmargin >= 0) a->ax[0].margin = xmargin;
  if (ymargin == ymargin && ymargin >= 0) a->ax[1].margin = ymargin;
}

void plot_axes_grid(plot_axes *a, int axis, bool on, plot_rgba color, double linewidth, plot_linestyle ls) {
  for (int i = 0; i < 2; i++) {
    if (axis >= 0 && axis != i) continue;
    plot_axis *x = &a->ax[i];
    x->grid = on;
    if (color.a >= 0) x->grid_color = color;
    if (linewidth > 0) x->grid_lw = linewidth;
    if (ls != PLOT_LS_NONE) x->grid_ls = ls;
  }
}

void plot_axes_axis_visible(plot_axes *a, bool on) { a->axis_on = on; }
void plot_axes_set_aspect(plot_axes *a, double aspect) { a->aspect = aspect > 0 ? aspect : 0; }

int plot_axes_set_ticks(plot_axes *a, int axis, const double *pos, int n, const char *const *labels) {
  plot_axis *x = &a->ax[axis];
  double *np = NULL;
  char **nl = NULL;
  if (n > PLOT_MAX_TICKS) n = PLOT_MAX_TICKS;
  if (n >= 0) {
    np = dup_doubles(pos, n);
    if (!np) return plot_fail("out of memory");
    if (labels) {
      nl = calloc((size_t)(n > 0 ? n : 1), sizeof *nl);
      if (!nl) {
        free(np);
        return plot_fail("out of memory");
      }
      for (int i = 0; i < n; i++)
        if (!(nl[i] = plot_strdup(labels[i] ? labels[i] : ""))) {
          for (int k = 0; k < i; k++) free(nl[k]);
          free(nl);
          free(np);
          return plot_fail("out of memory");
        }
    }
  }
  if (x->fixed_labels)
    for (int i = 0; i < x->nfixed; i++) free(x->fixed_labels[i]);
  free(x->fixed_labels);
  free(x->fixed);
  x->fixed = np;
  x->fixed_labels = nl;
  x->nfixed = n < 0 ? -1 : n;
  return 0;
}

void plot_axes_tick_params(plot_axes *a, int axis, double labelsize, double rotation) {
  for (int i = 0; i < 2; i++) {
    if (axis >= 0 && axis != i) continue;
    if (labelsize > 0) a->ax[i].labelsize = labelsize;
    if (rotation == rotation) a->ax[i].rotation = rotation;
  }
}

void plot_axes_invert(plot_axes *a, int axis, bool inverted) {
  plot_axis *x = &a->ax[axis];
  if (!x->autoscale) {
    if ((x->v0 > x->v1) != inverted) {
      double t = x->v0;
      x->v0 = x->v1;
      x->v1 = t;
    }
  }
  x->inverted = inverted;
}

bool plot_axes_inverted(const plot_axes *a, int axis) {
  const plot_axis *x = &a->ax[axis];
  return x->autoscale ? x->inverted : x->v0 > x->v1;
}

void plot_axes_set_log(plot_axes *a, int axis, bool log) { a->ax[axis].log = log; }
void plot_axes_set_facecolor(plot_axes *a, plot_rgba c) { a->facecolor = c; }
void plot_axes_set_spine(plot_axes *a, int which, bool visible) {
  if (which >= 0 && which < 4) a->spine[which] = visible;
}

int plot_axes_legend(plot_axes *a, int loc, double fontsize, bool frameon, int ncol, const char *title,
                     const char *const *labels, int nlabels) {
  legend_free(&a->legend);
  plot_legend_spec *l = &a->legend;
  l->on = true;
  l->loc = loc >= 0 && loc <= 10 ? loc : 0;
  l->fontsize = fontsize > 0 ? fontsize : PLOT_FONT_SIZE;
  l->frameon = frameon;
  l->ncol = ncol > 0 ? ncol : 1;
  if (title && title[0] && !(l->title = plot_strdup(title))) return plot_fail("out of memory");
  if (labels && nlabels > 0) {
    l->labels = calloc((size_t)nlabels, sizeof *l->labels);
    if (!l->labels) return plot_fail("out of memory");
    for (int i = 0; i < nlabels; i++) {
      l->labels[i] = plot_strdup(labels[i] ? labels[i] : "");
      if (!l->labels[i]) return plot_fail("out of memory");
      l->nlabels = i + 1;
    }
  }
  return 0;
}

void plot_axes_clear(plot_axes *a) {
  for (int i = 0; i < a->nart; i++) artist_free(&a->art[i]);
  a->nart = 0;
  for (int i = 0; i < 2; i++) {
    axis_free(&a->ax[i]);
    axis_init(&a->ax[i]);
  }
  for (int i = 0; i < 3; i++) {
    free(a->title[i]);
    a->title[i] = NULL;
  }
  legend_free(&a->legend);
  a->aspect = 0;
  a->axis_on = true;
  a->cycle = 0;
}

int plot_axes_nartists(const plot_axes *a) { return a->nart; }

plot_axes *plot_figure_colorbar(plot_figure *f, plot_axes *from, const char *label) {
  const plot_artist *im = NULL;
  for (int i = from->nart - 1; i >= 0 && !im; i--)
    if (from->art[i].kind == ART_IMAGE && from->art[i].cmap >= 0) im = &from->art[i];
  if (!im && from->cbar_cmap < 0) {
    plot_fail("No mappable was found to use for colorbar creation. First define a mappable such as an image "
              "(with imshow) or a contour set (with contourf).");
    return NULL;
  }
  int cmap = im ? im->cmap : from->cbar_cmap;
  double vmin = im ? im->vmin : from->cbar_vmin, vmax = im ? im->vmax : from->cbar_vmax;
  if (from->cbar) {
    int idx = -1;
    for (int i = 0; i < f->naxes; i++)
      if (f->axes[i] == from->cbar) idx = i;
    plot_figure_remove_axes(f, idx);
  }
  plot_axes *c = axes_push(f);
  if (!c) return NULL;
  c->nrows = from->nrows;
  c->ncols = from->ncols;
  c->first = from->first;
  c->last = from->last;
  memcpy(c->rect, from->rect, sizeof c->rect);
  c->cbar_parent = from;
  from->cbar = c;
  c->cbar_cmap = cmap;
  c->cbar_vmin = vmin;
  c->cbar_vmax = vmax;
  /* the colour strip: a 256 x 1 image of the map from vmin (bottom) to vmax (top) */
  double strip[256];
  for (int i = 0; i < 256; i++) strip[i] = vmin + (vmax - vmin) * (255 - i) / 255.0;
  double ext[4] = {0, 1, vmin, vmax};
  if (plot_axes_image(c, strip, 256, 1, 1, false, cmap, vmin, vmax, ext, true, 1, 1, true, NULL) < 0) return NULL;
  c->art[c->nart - 1].cmap = -1;   /* not a mappable itself */
  c->ax[PLOT_Y].inverted = false;
  plot_axes_set_lim(c, PLOT_X, 0, 1);
  plot_axes_set_lim(c, PLOT_Y, vmin, vmax);
  plot_axes_set_ticks(c, PLOT_X, NULL, 0, NULL);
  c->ax[PLOT_Y].ticks_right = true;
  if (label && label[0]) plot_axes_set_label(c, PLOT_Y, label, 0);
  return c;
}

/* ---- view limits ---- */

static void include(double v, double *lo, double *hi) {
  if (isfinite(v)) {
    if (v < *lo) *lo = v;
    if (v > *hi) *hi = v;
  }
}

void plot_axis_view(plot_axes *a, int axis, double *v0, double *v1) {
  plot_axis *x = &a->ax[axis];
  if (!x->autoscale) {
    *v0 = x->v0;
    *v1 = x->v1;
    return;
  }
  double lo = INFINITY, hi = -INFINITY;
  double stick[64];
  int nstick = 0;
  for (int i = 0; i < a->nart; i++) {
    const plot_artist *t = &a->art[i];
    const double *c = axis == PLOT_X ? t->x : t->y;
    switch (t->kind) {
    case ART_LINE:
    case ART_SCATTER:
    case ART_POLY:
      for (int64_t k = 0; k < t->n; k++) {
        if (x->log && !(c[k] > 0)) continue;
        include(c[k], &lo, &hi);
      }
      break;
    case ART_BARS: {
      const double *d = axis == PLOT_X ? t->w : t->h;
      for (int64_t k = 0; k < t->n; k++) {
        double p = c[k], q = c[k] + d[k];
        if (!x->log || p > 0) include(p, &lo, &hi);
        if (!x->log || q > 0) include(q, &lo, &hi);
        if (t->sticky == axis && nstick < 64 && (nstick == 0 || stick[nstick - 1] != p)) stick[nstick++] = p;
      }
      break;
    }
    case ART_IMAGE: {
      double e0 = axis == PLOT_X ? t->extent[0] : t->extent[2], e1 = axis == PLOT_X ? t->extent[1] : t->extent[3];
      include(e0, &lo, &hi);
      include(e1, &lo, &hi);
      if (nstick < 63) {
        stick[nstick++] = e0;
        stick[nstick++] = e1;
      }
      break;
    }
    case ART_REFLINE:
      if (t->axis == axis) include(t->value, &lo, &hi);
      break;
    case ART_TEXT: break;
    }
  }
  if (lo > hi) {   /* no data: matplotlib's unit interval */
    lo = x->log ? 1 : 0;
    hi = x->log ? 10 : 1;
    *v0 = x->inverted ? hi : lo;
    *v1 = x->inverted ? lo : hi;
    return;
  }
  /* locator.nonsingular: expand a zero-width range */
  if (hi - lo <= fmax(fabs(lo), fabs(hi)) * 1e-14) {
    if (lo == 0 && hi == 0) {
      lo = -0.05;
      hi = 0.05;
    } else {
      lo -= 0.05 * fabs(lo);
      hi += 0.05 * fabs(hi);
    }
  }
  double tol = 1e-5 * fmax(fmax(fabs(lo), fabs(hi)), hi - lo);
  double lob = NAN, hib = NAN;
  for (int i = 0; i < nstick; i++) {
    if (stick[i] < lo + tol && (lob != lob || stick[i] > lob)) lob = stick[i];
    if (stick[i] > hi - tol && (hib != hib || stick[i] < hib)) hib = stick[i];
  }
  double m = x->margin;
  if (x->log) {
    double l0 = log10(lo), l1 = log10(hi), d = (l1 - l0) * m;
    lo = pow(10, l0 - d);
    hi = pow(10, l1 + d);
  } else {
    double d = (hi - lo) * m;
    lo -= d;
    hi += d;
  }
  if (lob == lob && lo < lob) lo = lob;
  if (hib == hib && hi > hib) hi = hib;
  *v0 = x->inverted ? hi : lo;
  *v1 = x->inverted ? lo : hi;
}

/* ---- coordinates of the last render ---- */

int plot_axes_pixel_box(const plot_axes *a, double *x0, double *y0, double *x1, double *y1) {
  if (!a->laid_out) return -1;
  double s = a->last_scale;
  *x0 = (a->bx0 - a->last_ox) * s;
  *x1 = (a->bx1 - a->last_ox) * s;
  *y0 = (a->last_fig_h - a->by1 - a->last_oy) * s;
  *y1 = (a->last_fig_h - a->by0 - a->last_oy) * s;
  return 0;
}

int plot_axes_data_to_pixel(const plot_axes *a, double x, double y, double *px, double *py) {
  if (!a->laid_out) return -1;
  const plot_axis *ax = &a->ax[0], *ay = &a->ax[1];
  double fx, fy;
  if (ax->log) fx = (log10(x) - log10(ax->v0)) / (log10(ax->v1) - log10(ax->v0));
  else fx = (x - ax->v0) / (ax->v1 - ax->v0);
  if (ay->log) fy = (log10(y) - log10(ay->v0)) / (log10(ay->v1) - log10(ay->v0));
  else fy = (y - ay->v0) / (ay->v1 - ay->v0);
  double s = a->last_scale;
  *px = (a->bx0 + fx * (a->bx1 - a->bx0) - a->last_ox) * s;
  *py = (a->last_fig_h - (a->by0 + fy * (a->by1 - a->by0)) - a->last_oy) * s;
  return 0;
}

/* ---- histograms ---- */

int plot_histogram(const double *v, const double *weights, int64_t n, int nbins, double lo, double hi,
                   const double *edges_in, bool density, double *counts, double *edges_out) {
  if (nbins < 1) return plot_fail("`bins` must be positive, when an integer");
  if (edges_in) {
    for (int i = 0; i < nbins; i++)
      if (!(edges_in[i + 1] >= edges_in[i])) return plot_fail("`bins` must increase monotonically, when an array");
    memcpy(edges_out, edges_in, (size_t)(nbins + 1) * sizeof *edges_out);
  } else {
    if (lo != lo || hi != hi) {
      double a = INFINITY, b = -INFINITY;
      for (int64_t i = 0; i < n; i++) include(v[i], &a, &b);
      if (a > b) a = 0, b = 1;
      if (lo != lo) lo = a;
      if (hi != hi) hi = b;
    }
    if (lo > hi) return plot_fail("max must be larger than min in range parameter.");
    if (lo == hi) {   /* numpy: a range of width 1 around a single value */
      lo -= 0.5;
      hi += 0.5;
    }
    for (int i = 0; i <= nbins; i++) edges_out[i] = lo + (hi - lo) * i / nbins;
  }
  for (int i = 0; i < nbins; i++) counts[i] = 0;
  double first = edges_out[0], last = edges_out[nbins];
  for (int64_t i = 0; i < n; i++) {
    double x = v[i];
    if (!(x >= first && x <= last)) continue;
    int b;
    if (edges_in) {   /* binary search: edges[b] <= x < edges[b+1], last bin closed */
      int l = 0, r = nbins;
      while (r - l > 1) {
        int mid = (l + r) / 2;
        if (x >= edges_out[mid]) l = mid;
        else r = mid;
      }
      b = l;
    } else {
      b = (int)((x - first) / (last - first) * nbins);
      if (b >= nbins) b = nbins - 1;
      /* correct float rounding against the edges, as numpy does */
      if (b > 0 && x < edges_out[b]) b--;
      if (b < nbins - 1 && x >= edges_out[b + 1]) b++;
    }
    counts[b] += weights ? weights[i] : 1;
  }
  if (density) {
    double total = 0;
    for (int i = 0; i < nbins; i++) total += counts[i];
    for (int i = 0; i < nbins; i++) {
      double wdt = edges_out[i + 1] - edges_out[i];
      counts[i] = total > 0 && wdt > 0 ? counts[i] / total / wdt : 0;
    }
  }
  return 0;
}
