/*
** tests/unit/test_plot.c — the drawing core behind matplotlib.pyplot (kernel/lang/plot_core.h): a line
** plot and an image grid rendered to PNG, decoded again with cairo, and checked pixel by pixel at the
** marks' mapped positions; matplotlib's tick positions and labels (fixtures from matplotlib 3.6);
** SVG output; colours; histograms; bars with a colour each; how an upsampled image is interpolated.
** CT_PLOT_DUMP=DIR writes the rendered files there to look at.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "kernel/lang/plot_core.h"
#include "kernel/lang/plot_internal.h"
#include "tests/check.h"

/* ---- PNG bytes back to pixels ---- */

typedef struct reader { const unsigned char *p; size_t n, off; } reader;

static cairo_status_t read_png(void *closure, unsigned char *data, unsigned int len) {
  reader *r = closure;
  if (r->off + len > r->n) return CAIRO_STATUS_READ_ERROR;
  memcpy(data, r->p + r->off, len);
  r->off += len;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *decode(const unsigned char *png, size_t n) {
  reader r = {png, n, 0};
  return cairo_image_surface_create_from_png_stream(read_png, &r);
}

typedef struct rgb { int r, g, b; } rgb;

static rgb pixel(cairo_surface_t *s, double x, double y) {
  int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  int ix = (int)floor(x), iy = (int)floor(y);
  if (ix < 0 || iy < 0 || ix >= w || iy >= h) return (rgb){-1, -1, -1};
  cairo_surface_flush(s);
  const unsigned char *row = cairo_image_surface_get_data(s) + (size_t)iy * (size_t)cairo_image_surface_get_stride(s);
  uint32_t v;
  memcpy(&v, row + ix * 4, 4);
  return (rgb){(int)(v >> 16 & 255), (int)(v >> 8 & 255), (int)(v & 255)};   /* opaque: not premultiplied */
}

static void dump(const char *name, const unsigned char *data, size_t n) {
  const char *dir = getenv("CT_PLOT_DUMP");
  if (!dir) return;
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f) return;
  fwrite(data, 1, n, f);
  fclose(f);
}

static bool is_red(rgb c) { return c.r > 200 && c.g < 70 && c.b < 70; }
static bool is_white(rgb c) { return c.r > 245 && c.g > 245 && c.b > 245; }
static bool is_black(rgb c) { return c.r < 20 && c.g < 20 && c.b < 20; }

/* ---- a line plot ---- */

static void test_line_plot(void) {
  plot_figure *f = plot_figure_new(6.4, 4.8, 100);
  CHECK(f != NULL);
  plot_axes *a = plot_figure_add_subplot(f, 1, 1, 0, 0);
  double x[11], y[11];
  for (int i = 0; i <= 10; i++) x[i] = i, y[i] = i;
  plot_rgba red;
  CHECK(plot_color_parse("r", &red) == 0);
  plot_line_style st = plot_line_style_default(red);
  st.linewidth = 6;
  CHECK(plot_axes_line(a, x, y, 11, &st, "y = x") == 0);
  /* a blue marker line elsewhere: markers only ('bo') */
  double mx[2] = {2, 3}, my[2] = {8, 8};
  plot_rgba blue;
  CHECK(plot_color_parse("b", &blue) == 0);
  plot_line_style mk = plot_line_style_default(blue);
  mk.ls = PLOT_LS_NONE;
  mk.marker = 'o';
  mk.markersize = 12;
  CHECK(plot_axes_line(a, mx, my, 2, &mk, "points") == 0);
  plot_axes_set_title(a, "A line", 'c', 0);
  plot_axes_set_label(a, PLOT_X, "x", 0);
  plot_axes_set_label(a, PLOT_Y, "y", 0);
  plot_axes_legend(a, 0, 0, true, 1, NULL, NULL, 0);
  /* autoscale: matplotlib's 5 % margins */
  double lo, hi;
  plot_axes_get_lim(a, PLOT_X, &lo, &hi);
  CHECK_CLOSE(lo, -0.5, 1e-12, 0);
  CHECK_CLOSE(hi, 10.5, 1e-12, 0);
  unsigned char *png = NULL;
  size_t n = 0;
  CHECK(plot_figure_render(f, PLOT_PNG, 0, false, NAN, &png, &n) == 0);
  CHECK(n > 8 && memcmp(png, "\x89PNG", 4) == 0);
  dump("line.png", png, n);
  cairo_surface_t *s = decode(png, n);
  CHECK(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS);
  CHECK(cairo_image_surface_get_width(s) == 640);
  CHECK(cairo_image_surface_get_height(s) == 480);
  /* the axes box is matplotlib's: 80..576 x 52.8..422.4 */
  double bx0, by0, bx1, by1;
  CHECK(plot_axes_pixel_box(a, &bx0, &by0, &bx1, &by1) == 0);
  CHECK_CLOSE(bx0, 80, 1e-9, 0);
  CHECK_CLOSE(bx1, 576, 1e-9, 0);
  CHECK_CLOSE(by0, 57.6, 1e-9, 0);
  CHECK_CLOSE(by1, 427.2, 1e-9, 0);
  for (int i = 1; i <= 9; i += 2) {
    double px, py;
    CHECK(plot_axes_data_to_pixel(a, i, i, &px, &py) == 0);
    CHECK_MSG(is_red(pixel(s, px, py)), "no red at data (%d, %d) = pixel (%.1f, %.1f)", i, i, px, py);
  }
  double px, py;
  plot_axes_data_to_pixel(a, 2, 8, &px, &py);
  rgb c = pixel(s, px, py);
  CHECK_MSG(c.b > 200 && c.r < 60, "marker at (2, 8): %d %d %d", c.r, c.g, c.b);
  plot_axes_data_to_pixel(a, 8, 2, &px, &py);
  CHECK(is_white(pixel(s, px, py)));
  /* the left spine is a dark vertical line at x = 80 */
  CHECK(pixel(s, 80.5, 240).r < 100);
  /* figure margin outside the axes stays white */
  CHECK(is_white(pixel(s, 20, 20)));
  cairo_surface_destroy(s);
  free(png);

  /* savefig(dpi=50): half the pixels, same drawing */
  CHECK(plot_figure_render(f, PLOT_PNG, 50, false, NAN, &png, &n) == 0);
  s = decode(png, n);
  CHECK(cairo_image_surface_get_width(s) == 320 && cairo_image_surface_get_height(s) == 240);
  plot_axes_data_to_pixel(a, 5, 5, &px, &py);
  CHECK(is_red(pixel(s, px, py)));
  cairo_surface_destroy(s);
  free(png);

  /* bbox_inches='tight': smaller than the figure, content kept */
  CHECK(plot_figure_render(f, PLOT_PNG, 0, true, 0.1, &png, &n) == 0);
  s = decode(png, n);
  CHECK(cairo_image_surface_get_width(s) < 640 && cairo_image_surface_get_height(s) < 480);
  plot_axes_data_to_pixel(a, 5, 5, &px, &py);
  CHECK(is_red(pixel(s, px, py)));
  cairo_surface_destroy(s);
  free(png);

  /* SVG */
  CHECK(plot_figure_render(f, PLOT_SVG, 0, false, NAN, &png, &n) == 0);
  CHECK(n > 100 && strstr((const char *)png, "<svg") != NULL);
  dump("line.svg", png, n);
  free(png);
  plot_figure_free(f);
}

/* ---- an image grid ---- */

static void test_image_grid(void) {
  plot_figure *f = plot_figure_new(8, 4, 100);
  enum { N = 4 };
  double board[N * N];
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) board[i * N + j] = (i + j) % 2;
  plot_axes *ax[6];
  for (int k = 0; k < 6; k++) {
    ax[k] = plot_figure_add_subplot(f, 2, 3, k, k);
    CHECK(ax[k] != NULL);
  }
  bool clipped = true;
  /* gray checkerboards */
  for (int k = 0; k < 4; k++) {
    CHECK(plot_axes_image(ax[k], board, N, N, 1, false, plot_cmap_find("gray"), NAN, NAN, NULL, true, 1, -1, false,
                          &clipped) == 0);
    char title[32];
    snprintf(title, sizeof title, "board %d", k);
    plot_axes_set_title(ax[k], title, 'c', 0);
    if (k % 2) plot_axes_axis_visible(ax[k], false);
  }
  /* an RGB image 2 x 2: red green / blue white, floats in [0, 1] */
  double rgb_img[2 * 2 * 3] = {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1};
  CHECK(plot_axes_image(ax[4], rgb_img, 2, 2, 3, false, -1, NAN, NAN, NULL, true, 1, -1, false, &clipped) == 0);
  CHECK(!clipped);
  /* the same as uint8 with one value out of range: clipped */
  double rgb8[2 * 2 * 3] = {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 300};
  CHECK(plot_axes_image(ax[5], rgb8, 2, 2, 3, true, -1, NAN, NAN, NULL, true, 1, -1, false, &clipped) == 0);
  CHECK(clipped);
  plot_figure_tight_layout(f, NAN, NAN, NAN);
  unsigned char *png = NULL;
  size_t n = 0;
  CHECK(plot_figure_render(f, PLOT_PNG, 0, false, NAN, &png, &n) == 0);
  dump("grid.png", png, n);
  cairo_surface_t *s = decode(png, n);
  CHECK(cairo_image_surface_get_width(s) == 800 && cairo_image_surface_get_height(s) == 400);
  for (int k = 0; k < 4; k++) {
    /* imshow puts pixel centres at integer coordinates, row 0 at the top */
    double bx0, by0, bx1, by1;
    plot_axes_pixel_box(ax[k], &bx0, &by0, &bx1, &by1);
    CHECK_MSG(fabs((bx1 - bx0) - (by1 - by0)) < 1.0, "aspect equal: %.1f x %.1f", bx1 - bx0, by1 - by0);
    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++) {
        double px, py;
        plot_axes_data_to_pixel(ax[k], j, i, &px, &py);
        rgb c = pixel(s, px, py);
        bool want_white = (i + j) % 2;
        CHECK_MSG(want_white ? is_white(c) : is_black(c), "board %d cell (%d, %d) at (%.1f, %.1f): %d %d %d", k, i, j,
                  px, py, c.r, c.g, c.b);
      }
    /* the top-left cell's row 0 is above row 1 on screen */
    double p0x, p0y, p1x, p1y;
    plot_axes_data_to_pixel(ax[k], 0, 0, &p0x, &p0y);
    plot_axes_data_to_pixel(ax[k], 0, 1, &p1x, &p1y);
    CHECK(p0y < p1y);
  }
  static const rgb want[4] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}};
  for (int k = 4; k < 6; k++)
    for (int i = 0; i < 2; i++)
      for (int j = 0; j < 2; j++) {
        double px, py;
        plot_axes_data_to_pixel(ax[k], j, i, &px, &py);
        rgb c = pixel(s, px, py), w = want[i * 2 + j];
        CHECK_MSG(abs(c.r - w.r) < 3 && abs(c.g - w.g) < 3 && abs(c.b - w.b) < 3, "rgb %d cell (%d, %d): %d %d %d", k,
                  i, j, c.r, c.g, c.b);
      }
  /* axis('off'): nothing drawn left of the image where the tick labels would be */
  double bx0, by0, bx1, by1;
  plot_axes_pixel_box(ax[1], &bx0, &by0, &bx1, &by1);
  bool clean = true;
  for (int yy = (int)by0; yy < (int)by1; yy++)
    for (int xx = (int)bx0 - 25; xx < (int)bx0 - 2; xx++)
      if (!is_white(pixel(s, xx, yy))) clean = false;
  CHECK(clean);
  plot_axes_pixel_box(ax[0], &bx0, &by0, &bx1, &by1);
  clean = true;
  for (int yy = (int)by0; yy < (int)by1; yy++)
    for (int xx = (int)bx0 - 25; xx < (int)bx0 - 2; xx++)
      if (!is_white(pixel(s, xx, yy))) clean = false;
  CHECK(!clean);   /* ticks and labels there on a visible axis */
  cairo_surface_destroy(s);
  free(png);
  plot_figure_free(f);
}

/* ---- ticks against matplotlib 3.6 (MaxNLocator + ScalarFormatter) ---- */

typedef struct tick_case {
  double lo, hi;
  int nbins;
  const char *labels;   /* space-separated */
  const char *offset;
} tick_case;

static void test_ticks(void) {
  static const tick_case cases[] = {
    {0, 1, 9, "0.0 0.2 0.4 0.6 0.8 1.0", ""},
    {-0.5, 27.5, 9, "0 5 10 15 20 25", ""},
    {-0.45, 9.45, 9, "0 2 4 6 8", ""},
    {0.945, 1.055, 9, "0.96 0.98 1.00 1.02 1.04", ""},
    {1e6, 5e6, 9, "1.0 1.5 2.0 2.5 3.0 3.5 4.0 4.5 5.0", "1e6"},
    {1000.1, 1000.5, 9, "0.10 0.15 0.20 0.25 0.30 0.35 0.40 0.45 0.50", "+1e3"},
    {-3.2, 7.7, 9, "\xe2\x88\x92" "2 0 2 4 6", ""},
    {0, 0.0003, 9, "0.00000 0.00005 0.00010 0.00015 0.00020 0.00025 0.00030", ""},
    {-1.1, 1.1, 5, "\xe2\x88\x92" "1.0 \xe2\x88\x92" "0.5 0.0 0.5 1.0", ""},
    {2.5, 3.5, 9, "2.6 2.8 3.0 3.2 3.4", ""},
    {0.05, 0.95, 9, "0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9", ""},
  };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    plot_ticks t;
    memset(&t, 0, sizeof t);
    t.n = plot_ticks_linear(cases[c].lo, cases[c].hi, cases[c].nbins, t.v, PLOT_MAX_TICKS);
    plot_ticks_format(&t, cases[c].lo, cases[c].hi);
    char got[512] = "";
    for (int i = 0; i < t.n; i++) {
      if (i) strcat(got, " ");
      strcat(got, t.label[i]);
    }
    CHECK_STR(got, cases[c].labels);
    CHECK_STR(t.offset, cases[c].offset);
  }
}

/* ---- colours, histograms, bars, errors ---- */

static void test_colors(void) {
  plot_rgba c;
  CHECK(plot_color_parse("C1", &c) == 0 && fabs(c.r - 1) < 1e-9 && fabs(c.g - 0x7f / 255.0) < 1e-9);
  CHECK(plot_color_parse("#1f77b4", &c) == 0 && fabs(c.b - 0xb4 / 255.0) < 1e-9);
  CHECK(plot_color_parse("tab:orange", &c) == 0 && fabs(c.g - 0x7f / 255.0) < 1e-9);
  CHECK(plot_color_parse("green", &c) == 0 && fabs(c.g - 128 / 255.0) < 1e-9);
  CHECK(plot_color_parse("0.5", &c) == 0 && c.r == 0.5);
  CHECK(plot_color_parse("#abc", &c) == 0 && fabs(c.r - 0xaa / 255.0) < 1e-9);
  CHECK(plot_color_parse("notacolor", &c) == -1);
  CHECK(plot_cmap_find("viridis") >= 0 && plot_cmap_find("gray_r") >= 0 && plot_cmap_find("nope") == -1);
  plot_rgba v0 = plot_cmap_eval(plot_cmap_find("viridis"), 0), v1 = plot_cmap_eval(plot_cmap_find("viridis"), 1);
  CHECK(fabs(v0.r - 0x44 / 255.0) < 1e-9 && fabs(v1.g - 0xe7 / 255.0) < 1e-9);
  plot_rgba g = plot_cmap_eval(plot_cmap_find("gray_r"), 0);
  CHECK(g.r == 1);
}

static void test_histogram(void) {
  double v[] = {0, 1, 1, 2, 2, 2, 3, 3, 3, 3};
  double counts[3], edges[4];
  CHECK(plot_histogram(v, NULL, 10, 3, NAN, NAN, NULL, false, counts, edges) == 0);
  CHECK(counts[0] == 1 && counts[1] == 2 && counts[2] == 7);   /* numpy: [0,1) [1,2) [2,3] */
  CHECK_CLOSE(edges[1], 1.0, 1e-12, 0);
  CHECK(plot_histogram(v, NULL, 10, 3, NAN, NAN, NULL, true, counts, edges) == 0);
  CHECK_CLOSE(counts[0] + counts[1] + counts[2], 1.0, 1e-12, 0);

  /* bars stick to y = 0: no margin below */
  plot_figure *f = plot_figure_new(6.4, 4.8, 100);
  plot_axes *a = plot_figure_add_subplot(f, 1, 1, 0, 0);
  double x[3] = {-0.4, 0.6, 1.6}, y[3] = {0, 0, 0}, w[3] = {0.8, 0.8, 0.8}, h[3] = {3, 5, 2};
  CHECK(plot_axes_bars(a, x, y, w, h, 3, NULL, plot_cycle_color(0), NULL, (plot_rgba){0, 0, 0, 0}, 0, PLOT_Y, NULL) == 0);
  double lo, hi;
  plot_axes_get_lim(a, PLOT_Y, &lo, &hi);
  CHECK_CLOSE(lo, 0, 1e-12, 0);
  CHECK_CLOSE(hi, 5.25, 1e-12, 0);
  CHECK(plot_figure_add_subplot(f, 2, 2, 4, 4) == NULL);
  CHECK(strstr(plot_last_error(), "1 <= num <= 4") != NULL);
  plot_figure_free(f);
}

/* ---- bars with a colour each (bar(x, h, color=[...], edgecolor=[...])) ---- */

static void test_bar_colors(void) {
  plot_figure *f = plot_figure_new(4, 3, 100);
  plot_axes *a = plot_figure_add_subplot(f, 1, 1, 0, 0);
  double x[3] = {-0.4, 0.6, 1.6}, y[3] = {0, 0, 0}, w[3] = {0.8, 0.8, 0.8}, h[3] = {3, 5, 2};
  plot_rgba faces[3] = {{1, 0, 0, 1}, {0, 0.5, 0, 1}, {0, 0, 1, 1}};
  plot_rgba edges[3] = {{0, 0, 0, 1}, {1, 0, 0, 1}, {0, 0, 0, 1}};
  CHECK(plot_axes_bars(a, x, y, w, h, 3, faces, (plot_rgba){0, 0, 0, -1}, edges, (plot_rgba){0, 0, 0, 0}, 3, PLOT_Y,
                       "acc") == 0);
  plot_axes_legend(a, 2, 10, true, 1, NULL, NULL, 0);
  unsigned char *png = NULL;
  size_t n = 0;
  CHECK(plot_figure_render(f, PLOT_PNG, 0, false, NAN, &png, &n) == 0);
  dump("bar_colors.png", png, n);
  cairo_surface_t *s = decode(png, n);
  static const rgb want[3] = {{255, 0, 0}, {0, 128, 0}, {0, 0, 255}};
  for (int k = 0; k < 3; k++) {
    double px, py;
    plot_axes_data_to_pixel(a, x[k] + w[k] / 2, h[k] / 2, &px, &py);
    rgb c = pixel(s, px, py), e = want[k];
    CHECK_MSG(abs(c.r - e.r) < 3 && abs(c.g - e.g) < 3 && abs(c.b - e.b) < 3, "bar %d face: %d %d %d", k, c.r, c.g, c.b);
    /* the 3-point edge straddles the bar's left side */
    double ex, ey;
    plot_axes_data_to_pixel(a, x[k], h[k] / 2, &ex, &ey);
    c = pixel(s, ex, ey);
    bool red_edge = k == 1;
    CHECK_MSG(red_edge ? is_red(c) : is_black(c), "bar %d edge: %d %d %d", k, c.r, c.g, c.b);
  }
  cairo_surface_destroy(s);
  free(png);
  plot_figure_free(f);
}

/* ---- image interpolation (matplotlib 3.6's 'antialiased' default, 'nearest', 'bilinear') ---- */

/* A 28 x 28 black/white checkerboard shown on the whole of a side x side pixel figure; the number of pixels
   that are neither black nor white (blended). */
static int blended_pixels(int side, int interp) {
  enum { N = 28 };
  static double board[N * N];
  for (int i = 0; i < N * N; i++) board[i] = (i / N + i % N) % 2;
  plot_figure *f = plot_figure_new(side / 100.0, side / 100.0, 100);
  plot_axes *a = plot_figure_add_axes(f, 0, 0, 1, 1);
  bool clipped;
  CHECK(plot_axes_image(a, board, N, N, 1, false, plot_cmap_find("gray"), NAN, NAN, NULL, true, 1, interp, false,
                        &clipped) == 0);
  plot_axes_axis_visible(a, false);
  unsigned char *png = NULL;
  size_t n = 0;
  CHECK(plot_figure_render(f, PLOT_PNG, 0, false, NAN, &png, &n) == 0);
  char name[64];
  snprintf(name, sizeof name, "interp_%d_%d.png", side, interp);
  dump(name, png, n);
  cairo_surface_t *s = decode(png, n);
  int blended = 0;
  for (int yy = 1; yy < side - 1; yy++)
    for (int xx = 1; xx < side - 1; xx++) {
      rgb c = pixel(s, xx, yy);
      if (!is_white(c) && !is_black(c)) blended++;
    }
  cairo_surface_destroy(s);
  free(png);
  plot_figure_free(f);
  return blended;
}

static void test_image_interpolation(void) {
  enum { NEAREST = 0, BILINEAR = 1, ANTIALIASED = -1 };
  /* 'nearest' never blends, enlarged by 2.5x (70 px) or 1.5x (42 px) */
  CHECK(blended_pixels(70, NEAREST) == 0);
  CHECK(blended_pixels(42, NEAREST) == 0);
  /* 'antialiased' is nearest at exactly 2x (56 px) and beyond 3x (100 px, 3.6x) */
  CHECK(blended_pixels(56, ANTIALIASED) == 0);
  CHECK(blended_pixels(100, ANTIALIASED) == 0);
  /* at 2.5x it filters (Agg's Hanning), less than bilinear does */
  int aa = blended_pixels(70, ANTIALIASED), bl = blended_pixels(70, BILINEAR);
  CHECK_MSG(aa > 0 && aa < bl, "blended pixels: antialiased %d, bilinear %d", aa, bl);
}

int main(int argc, char **argv) {
  static const check_test tests[] = {
    {"line_plot", test_line_plot}, {"image_grid", test_image_grid}, {"ticks", test_ticks},
    {"colors", test_colors},       {"histogram", test_histogram},   {"bar_colors", test_bar_colors},
    {"image_interpolation", test_image_interpolation}, {NULL, NULL},
  };
  return check_run(tests, argc, argv);
}
