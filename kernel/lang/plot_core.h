/*
** kernel/lang/plot_core.h — the drawing core behind matplotlib.pyplot: figures, axes, artists
** (lines, markers, bars, images, text), matplotlib's layout and tick rules, rendered with cairo
** to PNG or SVG bytes. Plain C with no interpreter types: plot_backend.c binds it to the language,
** tests/unit/test_plot.c drives it directly.
**
** Units: figure sizes in inches, everything drawn (line widths, font sizes, marker sizes, pads) in
** points (1/72 in), as matplotlib; a render at `dpi` scales points by dpi/72. Data coordinates go
** through each axes' view limits (autoscaled from the data with matplotlib's 5 % margins unless set).
** Errors: functions returning int give 0 / -1 (-1: out of memory or bad argument, with a message
** from plot_last_error()).
*/
#ifndef CT_LANG_PLOT_CORE_H
#define CT_LANG_PLOT_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct plot_figure plot_figure;
typedef struct plot_axes plot_axes;

typedef struct plot_rgba { double r, g, b, a; } plot_rgba;   /* each in [0, 1] */

/* The message of the last failed call on this thread ("" if none). */
const char *plot_last_error(void);

/* ---- colours and colormaps (plot_color.c) ---- */

/* Parses a matplotlib colour string: single letters "bgrcmykw", "C0".."C9", "tab:blue" ...,
   CSS/X11 names ("red", "darkorange"), "#rgb", "#rrggbb", "#rrggbbaa", or a grey level "0.75".
   0 / -1 (unknown: *out untouched). */
int plot_color_parse(const char *s, plot_rgba *out);
/* Colour i of the default property cycle (tab10: #1f77b4, #ff7f0e, ...). */
plot_rgba plot_cycle_color(int i);
/* A colormap by matplotlib name ("viridis", "gray", "Greys", "hot", ... and "<name>_r"), or -1. */
int plot_cmap_find(const char *name);
const char *plot_cmap_name(int cmap);
/* The colour at t in [0, 1] (clipped). */
plot_rgba plot_cmap_eval(int cmap, double t);

/* ---- figures ---- */

/* A figure of w x h inches at dpi (matplotlib's default: 6.4 x 4.8 at 100). NULL on OOM. */
plot_figure *plot_figure_new(double w_in, double h_in, double dpi);
void plot_figure_free(plot_figure *f);
/* Removes every axes and text (clf). */
void plot_figure_clear(plot_figure *f);
void plot_figure_set_size(plot_figure *f, double w_in, double h_in);
void plot_figure_get_size(const plot_figure *f, double *w_in, double *h_in, double *dpi);
void plot_figure_set_dpi(plot_figure *f, double dpi);
void plot_figure_set_facecolor(plot_figure *f, plot_rgba c);
int plot_figure_suptitle(plot_figure *f, const char *s, double fontsize);
/* Subplot parameters (fractions of the figure); NaN keeps a value. Defaults: left 0.125,
   bottom 0.11, right 0.9, top 0.88, wspace 0.2, hspace 0.2. */
void plot_figure_subplots_adjust(plot_figure *f, double left, double bottom, double right, double top,
                                 double wspace, double hspace);
/* tight_layout(): from the next render on, the subplot parameters are chosen so that labels and
   titles fit (pad, h_pad, w_pad in font-size units; NaN: pad 1.08, h_pad = w_pad = pad). */
void plot_figure_tight_layout(plot_figure *f, double pad, double h_pad, double w_pad);

int plot_figure_naxes(const plot_figure *f);
plot_axes *plot_figure_axes(plot_figure *f, int i);
/* An axes in the cells [first, last] (0-based, row-major) of an nrows x ncols grid: subplot(2, 3, 4)
   is (2, 3, 3, 3). NULL on OOM / bad spec. */
plot_axes *plot_figure_add_subplot(plot_figure *f, int nrows, int ncols, int first, int last);
/* An axes at an explicit rectangle [left, bottom, width, height] in figure fractions. */
plot_axes *plot_figure_add_axes(plot_figure *f, double left, double bottom, double width, double height);
/* Removes axes i (delaxes). */
void plot_figure_remove_axes(plot_figure *f, int i);
/* Text at figure fractions (x, y): ha 'l'eft/'c'enter/'r'ight, va 't'op/'c'enter/'b'ottom/'B'aseline. */
int plot_figure_text(plot_figure *f, double x, double y, const char *s, double fontsize, plot_rgba color, char ha,
                     char va);

/* ---- axes ---- */

enum { PLOT_X = 0, PLOT_Y = 1 };

typedef enum plot_linestyle { PLOT_LS_NONE, PLOT_LS_SOLID, PLOT_LS_DASHED, PLOT_LS_DASHDOT, PLOT_LS_DOTTED } plot_linestyle;

typedef struct plot_line_style {
  plot_rgba color;
  double linewidth;         /* points (1.5) */
  plot_linestyle ls;
  char marker;              /* 0 none, or one of . , o v ^ < > s p * h H + x D d | _ P X 8 */
  double markersize;        /* points (6) */
  plot_rgba mfc, mec;       /* marker face and edge colours */
  double mew;               /* marker edge width, points (1) */
  double zorder;            /* 2 */
} plot_line_style;
/* matplotlib's defaults with the given colour. */
plot_line_style plot_line_style_default(plot_rgba color);

/* The next colour of the axes' property cycle (each plot/scatter/bar without a colour takes one). */
plot_rgba plot_axes_next_color(plot_axes *a);

/* A polyline through n points (NaN breaks it), with markers. label NULL, "" or "_...": no legend entry. */
int plot_axes_line(plot_axes *a, const double *x, const double *y, int64_t n, const plot_line_style *st,
                   const char *label);
/* Markers at n points: sizes (area in points^2, n values or NULL for `size`), face colours (n or NULL
   for `color`), edge colours (n or NULL for `edge`; a < 0: the face colour), edge width. */
int plot_axes_scatter(plot_axes *a, const double *x, const double *y, int64_t n, const double *sizes, double size,
                      const plot_rgba *colors, plot_rgba color, char marker, const plot_rgba *edges, plot_rgba edge,
                      double linewidth, double zorder, const char *label);
/* n rectangles [x, x + w] x [y, y + h] (bar, barh, hist), face colours faces[k] (NULL: all `face`) and edge
   colours edges[k] (NULL: all `edge`). sticky: the edge the data limits stop at without margin (PLOT_Y for
   vertical bars at y = 0, PLOT_X for horizontal ones, -1 none). */
int plot_axes_bars(plot_axes *a, const double *x, const double *y, const double *w, const double *h, int64_t n,
                   const plot_rgba *faces, plot_rgba face, const plot_rgba *edges, plot_rgba edge, double linewidth,
                   int sticky, const char *label);
/* A filled polygon (fill_between, fill): n vertices. */
int plot_axes_polygon(plot_axes *a, const double *x, const double *y, int64_t n, plot_rgba face, plot_rgba edge,
                      double linewidth, const char *label);
/* An image of h x w pixels: channels 1 (scalars through cmap and vmin/vmax; NaN vmin/vmax: data range),
   3 (RGB) or 4 (RGBA); values in [0, 1], or in [0, 255] when is_int. extent {left, right, bottom, top}
   or NULL for matplotlib's pixel-centred default; origin_upper puts row 0 at the top. interpolation:
   0 nearest, 1 bilinear, -1 matplotlib's 'antialiased' choice. *clipped is set when RGB data were
   outside their range (matplotlib warns). Sets the axes aspect to 'equal' unless aspect_auto. */
int plot_axes_image(plot_axes *a, const double *data, int h, int w, int channels, bool is_int, int cmap, double vmin,
                    double vmax, const double *extent, bool origin_upper, double alpha, int interpolation,
                    bool aspect_auto, bool *clipped);
/* Text at (x, y) in data coordinates (axes_coords: axes fractions). ha/va as plot_figure_text. */
int plot_axes_text(plot_axes *a, double x, double y, const char *s, double fontsize, plot_rgba color, char ha, char va,
                   double rotation, bool axes_coords);
/* axhline / axvline: a line at `value` of the other axis from axes fraction lo to hi. */
int plot_axes_refline(plot_axes *a, int axis, double value, double lo, double hi, const plot_line_style *st,
                      const char *label);

/* Title: loc 'l', 'c', 'r'. fontsize <= 0: 12. */
int plot_axes_set_title(plot_axes *a, const char *s, char loc, double fontsize);
int plot_axes_set_label(plot_axes *a, int axis, const char *s, double fontsize);
/* View limits: lo/hi NaN keep the current (autoscaled) value; autoscaling of that axis stops. */
void plot_axes_set_lim(plot_axes *a, int axis, double lo, double hi);
/* The view limits now (autoscaled from the data unless set). */
void plot_axes_get_lim(plot_axes *a, int axis, double *lo, double *hi);
void plot_axes_autoscale(plot_axes *a, int axis, bool on);
void plot_axes_margins(plot_axes *a, double xmargin, double ymargin);   /* NaN keeps */
/* Grid lines of one axis (or both: axis -1). */
void plot_axes_grid(plot_axes *a, int axis, bool on, plot_rgba color, double linewidth, plot_linestyle ls);
/* axis('off') / axis('on'): ticks, labels and spines hidden. */
void plot_axes_axis_visible(plot_axes *a, bool on);
/* aspect: 0 'auto', > 0 data units ratio (1 = 'equal'). */
void plot_axes_set_aspect(plot_axes *a, double aspect);
/* Fixed ticks (n >= 0; labels NULL: formatted values) or back to automatic ticks (n < 0). */
int plot_axes_set_ticks(plot_axes *a, int axis, const double *pos, int n, const char *const *labels);
void plot_axes_tick_params(plot_axes *a, int axis, double labelsize, double rotation);
void plot_axes_invert(plot_axes *a, int axis, bool inverted);
bool plot_axes_inverted(const plot_axes *a, int axis);
void plot_axes_set_log(plot_axes *a, int axis, bool log);
void plot_axes_set_facecolor(plot_axes *a, plot_rgba c);
/* Spine visibility: which 0 left, 1 right, 2 bottom, 3 top. */
void plot_axes_set_spine(plot_axes *a, int which, bool visible);
/* A legend of the labelled artists. loc: 0 best, 1 upper right, 2 upper left, 3 lower left, 4 lower
   right, 5 right, 6 center left, 7 center right, 8 lower center, 9 upper center, 10 center.
   labels (n of them, or NULL) rename the entries in order. */
int plot_axes_legend(plot_axes *a, int loc, double fontsize, bool frameon, int ncol, const char *title,
                     const char *const *labels, int nlabels);
void plot_axes_clear(plot_axes *a);
/* How many artists of each kind the axes hold (lines, images ...): for figure reprs and tests. */
int plot_axes_nartists(const plot_axes *a);
/* A colour bar for the last image of `from` in a new axes carved off the right of `from`'s area
   (fraction 0.15, as matplotlib). NULL if `from` has no scalar image. */
plot_axes *plot_figure_colorbar(plot_figure *f, plot_axes *from, const char *label);

/* Position in the figure after the last render: pixel box (origin top-left) and the pixel of a data
   point. -1 before any render. */
int plot_axes_pixel_box(const plot_axes *a, double *x0, double *y0, double *x1, double *y1);
int plot_axes_data_to_pixel(const plot_axes *a, double x, double y, double *px, double *py);

/* ---- rendering (plot_render.c) ---- */

typedef enum plot_format { PLOT_PNG, PLOT_SVG } plot_format;
/* Renders to PNG or SVG bytes (*out malloc'd, the caller frees). dpi <= 0: the figure's.
   tight_bbox: crops to the drawn content plus pad_in inches (savefig bbox_inches='tight'). */
int plot_figure_render(plot_figure *f, plot_format fmt, double dpi, bool tight_bbox, double pad_in,
                       unsigned char **out, size_t *n);

/* Histogram of n values into bins equal bins over [lo, hi] (NaN: the data range), or over the
   nbins + 1 given edges. counts has nbins entries; density normalises to unit area. */
int plot_histogram(const double *v, const double *weights, int64_t n, int nbins, double lo, double hi,
                   const double *edges_in, bool density, double *counts, double *edges_out);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_PLOT_CORE_H */
