/*
** kernel/lang/plot_internal.h — the model the plot_*.c files share: artists, axis state, axes and
** figure structs, tick computation (plot_ticks.c) and autoscaling (plot_figure.c). Not included
** outside plot_*.c.
*/
#ifndef CT_LANG_PLOT_INTERNAL_H
#define CT_LANG_PLOT_INTERNAL_H

#include "kernel/lang/plot_core.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && defined(__ELF__)
#define PLOT_INTERNAL __attribute__((visibility("hidden")))
#else
#define PLOT_INTERNAL
#endif

/* matplotlib's rcParams defaults, in points */
#define PLOT_FONT_SIZE 10.0        /* font.size; tick labels, axis labels, legend */
#define PLOT_TITLE_SIZE 12.0       /* axes.titlesize 'large' */
#define PLOT_TITLE_PAD 6.0         /* axes.titlepad */
#define PLOT_LABEL_PAD 4.0         /* axes.labelpad */
#define PLOT_TICK_LEN 3.5          /* xtick.major.size */
#define PLOT_TICK_PAD 3.5          /* xtick.major.pad */
#define PLOT_TICK_WIDTH 0.8        /* xtick.major.width */
#define PLOT_MINOR_LEN 2.0
#define PLOT_MINOR_WIDTH 0.6
#define PLOT_SPINE_WIDTH 0.8       /* axes.linewidth */
#define PLOT_MARGIN 0.05           /* axes.xmargin / ymargin */
#define PLOT_MAX_TICKS 64

typedef enum plot_kind { ART_LINE, ART_SCATTER, ART_BARS, ART_POLY, ART_IMAGE, ART_TEXT, ART_REFLINE } plot_kind;

typedef struct plot_artist {
  plot_kind kind;
  char *label;              /* legend label or NULL */
  double zorder;
  int64_t n;                /* points (line, scatter, polygon) or rectangles (bars) */
  double *x, *y;            /* n each */
  double *w, *h;            /* bars: n each */
  double *sizes;            /* scatter: n marker areas (points^2) or NULL */
  plot_rgba *colors;        /* scatter, bars: n face colours or NULL (then `face`) */
  plot_rgba *edges;         /* scatter, bars: n edge colours or NULL (then `edge`) */
  plot_line_style ls;       /* line, refline; scatter: marker, markersize (sqrt of size), mfc, mec, mew */
  plot_rgba face, edge;     /* bars, polygon, scatter (edge.a < 0: face colour) */
  double lw;                /* bars, polygon edge width */
  int sticky;               /* bars: PLOT_X / PLOT_Y / -1 */
  /* image */
  int iw, ih;
  unsigned char *argb;      /* ih * iw * 4 bytes, cairo ARGB32 (premultiplied), row 0 = top of the array */
  double extent[4];         /* left, right, bottom, top in data coordinates */
  int cmap;                 /* scalar images: the colormap (colorbar), else -1 */
  double vmin, vmax;
  int interp;               /* 0 nearest, 1 bilinear, -1 antialiased */
  bool origin_upper;        /* row 0 at extent[3] (top), else at extent[2] */
  /* text, refline */
  char *text;
  double fontsize, rotation;
  char ha, va;
  bool axes_coords;
  int axis;                 /* refline: PLOT_Y = horizontal line at y = value */
  double value, lo, hi;
} plot_artist;

typedef struct plot_ticks {
  int n;
  double v[PLOT_MAX_TICKS];
  char label[PLOT_MAX_TICKS][48];
  int nminor;
  double minor[PLOT_MAX_TICKS * 2];
  char offset[48];          /* offset / scientific multiplier text ("1e6", "+1e3") or "" */
} plot_ticks;

typedef struct plot_axis {
  double v0, v1;            /* view limits when !autoscale (v0 at the left/bottom) */
  bool autoscale;
  double margin;
  bool inverted;            /* autoscaled limits run from high to low */
  bool log;
  bool grid;
  plot_rgba grid_color;
  double grid_lw;
  plot_linestyle grid_ls;
  int nfixed;               /* fixed ticks (-1: automatic) */
  double *fixed;
  char **fixed_labels;      /* nfixed strings or NULL */
  double labelsize, rotation;
  char *label;
  double label_size;
  bool ticks_right;         /* y ticks on the right (colour bars) */
  plot_ticks t;             /* computed by the last layout */
} plot_axis;

typedef struct plot_legend_spec {
  bool on;
  int loc;
  double fontsize;
  bool frameon;
  int ncol;
  char *title;
  char **labels;
  int nlabels;
} plot_legend_spec;

struct plot_axes {
  plot_figure *fig;
  int nrows, ncols, first, last;   /* grid cells; nrows == 0: rect */
  double rect[4];                  /* left, bottom, width, height (figure fractions) */
  plot_axis ax[2];
  char *title[3];                  /* left, center, right */
  double title_size[3];
  double aspect;                   /* 0 auto */
  bool axis_on;
  bool spine[4];                   /* left, right, bottom, top */
  plot_rgba facecolor;
  int cycle;
  plot_artist *art;
  int nart, cap;
  plot_legend_spec legend;
  plot_axes *cbar_parent;          /* a colour bar: the axes whose area it shares */
  plot_axes *cbar;                 /* this axes' colour bar */
  int cbar_cmap;
  double cbar_vmin, cbar_vmax;
  /* layout of the last render, in points from the figure's bottom-left */
  double bx0, by0, bx1, by1;
  bool laid_out;
  double last_scale, last_fig_h, last_ox, last_oy;  /* device units per point, figure height (pt), origin shift */
};

struct plot_figure {
  double w_in, h_in, dpi;
  plot_rgba face;
  plot_axes **axes;
  int naxes, cap;
  double sp[6];                    /* left, bottom, right, top, wspace, hspace */
  bool tight;
  double pad, h_pad, w_pad;
  char *suptitle;
  double suptitle_size;
  plot_artist *texts;
  int ntexts, captexts;
};

/* ---- errors ---- */
PLOT_INTERNAL int plot_fail(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
PLOT_INTERNAL char *plot_strdup(const char *s);

/* ---- ticks (plot_ticks.c) ---- */

/* MaxNLocator(nbins, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi) restricted to [lo, hi]. */
PLOT_INTERNAL int plot_ticks_linear(double lo, double hi, int nbins, double *out, int max);
/* Decades (and every k-th decade when many) plus minor ticks 2..9 of a log axis. */
PLOT_INTERNAL void plot_ticks_log(double lo, double hi, int nbins, plot_ticks *t);
/* ScalarFormatter: labels for t->v[0..n) and the offset text, with the unicode minus. */
PLOT_INTERNAL void plot_ticks_format(plot_ticks *t, double lo, double hi);
/* Replaces '-' with the unicode minus (U+2212) in place, as axes.unicode_minus. */
PLOT_INTERNAL void plot_fix_minus(char *s, size_t cap);

/* ---- autoscale (plot_figure.c) ---- */

/* The view limits of one axis: fixed, or autoscaled from the artists. v0 at the left/bottom. */
PLOT_INTERNAL void plot_axis_view(plot_axes *a, int axis, double *v0, double *v1);

#ifdef __cplusplus
}
#endif
#endif /* CT_LANG_PLOT_INTERNAL_H */
