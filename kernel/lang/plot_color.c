/*
** kernel/lang/plot_color.c — colours (matplotlib's single letters, tab10 cycle, CSS names, hex, grey
** levels) and colormaps. Perceptual maps (viridis ...) are piecewise-linear through 11 published
** stops, the classic ones (gray, hot, jet ...) use matplotlib's segment definitions.
*/
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/lang/plot_internal.h"

/* ---- errors (shared by every plot_*.c) ---- */

static _Thread_local char last_error[256];

const char *plot_last_error(void) { return last_error; }

int plot_fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(last_error, sizeof last_error, fmt, ap);
  va_end(ap);
  return -1;
}

char *plot_strdup(const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s);
  char *d = malloc(n + 1);
  if (d) memcpy(d, s, n + 1);
  return d;
}

/* ---- named colours ---- */

typedef struct named_color { const char *name; unsigned rgb; } named_color;

static const unsigned tab10[10] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                   0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};

static const named_color tab_names[] = {
  {"tab:blue", 0x1f77b4}, {"tab:orange", 0xff7f0e}, {"tab:green", 0x2ca02c}, {"tab:red", 0xd62728},
  {"tab:purple", 0x9467bd}, {"tab:brown", 0x8c564b}, {"tab:pink", 0xe377c2}, {"tab:gray", 0x7f7f7f},
  {"tab:grey", 0x7f7f7f}, {"tab:olive", 0xbcbd22}, {"tab:cyan", 0x17becf}, {NULL, 0}
};

/* CSS4 colours (the ones notebooks use); matplotlib's "green" is CSS green. */
static const named_color css_names[] = {
  {"aliceblue", 0xf0f8ff}, {"aqua", 0x00ffff}, {"aquamarine", 0x7fffd4}, {"azure", 0xf0ffff},
  {"beige", 0xf5f5dc}, {"black", 0x000000}, {"blue", 0x0000ff}, {"blueviolet", 0x8a2be2},
  {"brown", 0xa52a2a}, {"burlywood", 0xdeb887}, {"cadetblue", 0x5f9ea0}, {"chartreuse", 0x7fff00},
  {"chocolate", 0xd2691e}, {"coral", 0xff7f50}, {"cornflowerblue", 0x6495ed}, {"crimson", 0xdc143c},
  {"cyan", 0x00ffff}, {"darkblue", 0x00008b}, {"darkcyan", 0x008b8b}, {"darkgoldenrod", 0xb8860b},
  {"darkgray", 0xa9a9a9}, {"darkgreen", 0x006400}, {"darkgrey", 0xa9a9a9}, {"darkkhaki", 0xbdb76b},
  {"darkmagenta", 0x8b008b}, {"darkolivegreen", 0x556b2f}, {"darkorange", 0xff8c00}, {"darkorchid", 0x9932cc},
  {"darkred", 0x8b0000}, {"darksalmon", 0xe9967a}, {"darkseagreen", 0x8fbc8f}, {"darkslateblue", 0x483d8b},
  {"darkslategray", 0x2f4f4f}, {"darkturquoise", 0x00ced1}, {"darkviolet", 0x9400d3}, {"deeppink", 0xff1493},
  {"deepskyblue", 0x00bfff}, {"dimgray", 0x696969}, {"dimgrey", 0x696969}, {"dodgerblue", 0x1e90ff},
  {"firebrick", 0xb22222}, {"forestgreen", 0x228b22}, {"fuchsia", 0xff00ff}, {"gainsboro", 0xdcdcdc},
  {"gold", 0xffd700}, {"goldenrod", 0xdaa520}, {"gray", 0x808080}, {"green", 0x008000},
  {"greenyellow", 0xadff2f}, {"grey", 0x808080}, {"honeydew", 0xf0fff0}, {"hotpink", 0xff69b4},
  {"indianred", 0xcd5c5c}, {"indigo", 0x4b0082}, {"ivory", 0xfffff0}, {"khaki", 0xf0e68c},
  {"lavender", 0xe6e6fa}, {"lawngreen", 0x7cfc00}, {"lightblue", 0xadd8e6}, {"lightcoral", 0xf08080},
  {"lightcyan", 0xe0ffff}, {"lightgray", 0xd3d3d3}, {"lightgreen", 0x90ee90}, {"lightgrey", 0xd3d3d3},
  {"lightpink", 0xffb6c1}, {"lightsalmon", 0xffa07a}, {"lightseagreen", 0x20b2aa}, {"lightskyblue", 0x87cefa},
  {"lightslategray", 0x778899}, {"lightsteelblue", 0xb0c4de}, {"lightyellow", 0xffffe0}, {"lime", 0x00ff00},
  {"limegreen", 0x32cd32}, {"linen", 0xfaf0e6}, {"magenta", 0xff00ff}, {"maroon", 0x800000},
  {"mediumblue", 0x0000cd}, {"mediumorchid", 0xba55d3}, {"mediumpurple", 0x9370db}, {"mediumseagreen", 0x3cb371},
  {"midnightblue", 0x191970}, {"mintcream", 0xf5fffa}, {"navy", 0x000080}, {"olive", 0x808000},
  {"olivedrab", 0x6b8e23}, {"orange", 0xffa500}, {"orangered", 0xff4500}, {"orchid", 0xda70d6},
  {"palegreen", 0x98fb98}, {"paleturquoise", 0xafeeee}, {"palevioletred", 0xdb7093}, {"peachpuff", 0xffdab9},
  {"peru", 0xcd853f}, {"pink", 0xffc0cb}, {"plum", 0xdda0dd}, {"powderblue", 0xb0e0e6},
  {"purple", 0x800080}, {"rebeccapurple", 0x663399}, {"red", 0xff0000}, {"rosybrown", 0xbc8f8f},
  {"royalblue", 0x4169e1}, {"saddlebrown", 0x8b4513}, {"salmon", 0xfa8072}, {"sandybrown", 0xf4a460},
  {"seagreen", 0x2e8b57}, {"sienna", 0xa0522d}, {"silver", 0xc0c0c0}, {"skyblue", 0x87ceeb},
  {"slateblue", 0x6a5acd}, {"slategray", 0x708090}, {"slategrey", 0x708090}, {"snow", 0xfffafa},
  {"springgreen", 0x00ff7f}, {"steelblue", 0x4682b4}, {"tan", 0xd2b48c}, {"teal", 0x008080},
  {"thistle", 0xd8bfd8}, {"tomato", 0xff6347}, {"turquoise", 0x40e0d0}, {"violet", 0xee82ee},
  {"wheat", 0xf5deb3}, {"white", 0xffffff}, {"whitesmoke", 0xf5f5f5}, {"yellow", 0xffff00},
  {"yellowgreen", 0x9acd32}, {NULL, 0}
};

static plot_rgba from_rgb(unsigned rgb) {
  plot_rgba c = {((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0, 1.0};
  return c;
}

plot_rgba plot_cycle_color(int i) { return from_rgb(tab10[((i % 10) + 10) % 10]); }

static int hexval(int ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  ch = tolower(ch);
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  return -1;
}

int plot_color_parse(const char *s, plot_rgba *out) {
  if (!s) return -1;
  size_t n = strlen(s);
  if (n == 1) {
    static const struct { char c; double r, g, b; } base[] = {
      {'b', 0, 0, 1}, {'g', 0, 0.5, 0}, {'r', 1, 0, 0}, {'c', 0, 0.75, 0.75},
      {'m', 0.75, 0, 0.75}, {'y', 0.75, 0.75, 0}, {'k', 0, 0, 0}, {'w', 1, 1, 1},
    };
    for (size_t i = 0; i < sizeof base / sizeof base[0]; i++)
      if (base[i].c == s[0]) {
        *out = (plot_rgba){base[i].r, base[i].g, base[i].b, 1.0};
        return 0;
      }
  }
  if (n == 2 && s[0] == 'C' && isdigit((unsigned char)s[1])) {
    *out = plot_cycle_color(s[1] - '0');
    return 0;
  }
  if (s[0] == '#') {
    int d[8];
    size_t k = n - 1;
    if (k != 3 && k != 4 && k != 6 && k != 8) return -1;
    for (size_t i = 0; i < k; i++)
      if ((d[i] = hexval(s[1 + i])) < 0) return -1;
    if (k <= 4) {
      *out = (plot_rgba){d[0] * 17 / 255.0, d[1] * 17 / 255.0, d[2] * 17 / 255.0, k == 4 ? d[3] * 17 / 255.0 : 1.0};
    } else {
      *out = (plot_rgba){(d[0] * 16 + d[1]) / 255.0, (d[2] * 16 + d[3]) / 255.0, (d[4] * 16 + d[5]) / 255.0,
                         k == 8 ? (d[6] * 16 + d[7]) / 255.0 : 1.0};
    }
    return 0;
  }
  char low[32];
  if (n >= sizeof low) return -1;
  for (size_t i = 0; i <= n; i++) low[i] = (char)tolower((unsigned char)s[i]);
  if (strcmp(low, "none") == 0) {
    *out = (plot_rgba){0, 0, 0, 0};
    return 0;
  }
  for (int i = 0; tab_names[i].name; i++)
    if (strcmp(low, tab_names[i].name) == 0) {
      *out = from_rgb(tab_names[i].rgb);
      return 0;
    }
  const char *nm = strncmp(low, "xkcd:", 5) == 0 ? low + 5 : low;
  for (int i = 0; css_names[i].name; i++)
    if (strcmp(nm, css_names[i].name) == 0) {
      *out = from_rgb(css_names[i].rgb);
      return 0;
    }
  /* a grey level "0.0" .. "1.0" */
  char *end;
  double g = strtod(s, &end);
  if (end != s && *end == '\0' && g >= 0 && g <= 1) {
    *out = (plot_rgba){g, g, g, 1.0};
    return 0;
  }
  return -1;
}

/* ---- colormaps ---- */

/* 11 equally spaced stops (t = 0, 0.1, ... 1) */
typedef struct stops11 { unsigned c[11]; } stops11;

static const stops11 viridis = {{0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884, 0x44bf70,
                                 0x7ad151, 0xbddf26, 0xfde725}};
static const stops11 plasma = {{0x0d0887, 0x41049d, 0x6a00a8, 0x8f0da4, 0xb12a90, 0xcc4778, 0xe16462, 0xf2844b,
                                0xfca636, 0xfcce25, 0xf0f921}};
static const stops11 inferno = {{0x000004, 0x160b39, 0x420a68, 0x6a176e, 0x932667, 0xbc3754, 0xdd513a, 0xf37819,
                                 0xfca50a, 0xf6d746, 0xfcffa4}};
static const stops11 magma = {{0x000004, 0x140e36, 0x3b0f70, 0x641a80, 0x8c2981, 0xb73779, 0xde4968, 0xf7705c,
                               0xfe9f6d, 0xfecf92, 0xfcfdbf}};
static const stops11 cividis = {{0x00224e, 0x123570, 0x3b496c, 0x575d6d, 0x707173, 0x8a8779, 0xa69d75, 0xc4b56c,
                                 0xe4cf5b, 0xfee838, 0xfee838}};
static const stops11 coolwarm = {{0x3b4cc0, 0x5977e3, 0x7b9ff9, 0x9ebeff, 0xc0d4f5, 0xdddcdc, 0xf2cbb7, 0xf7ac8e,
                                  0xee8468, 0xd65244, 0xb40426}};
static const stops11 rdbu = {{0x67001f, 0xb2182b, 0xd6604d, 0xf4a582, 0xfddbc7, 0xf7f7f7, 0xd1e5f0, 0x92c5de,
                              0x4393c3, 0x2166ac, 0x053061}};
static const stops11 blues = {{0xf7fbff, 0xe3eef9, 0xcfe1f2, 0xb5d4e9, 0x93c3df, 0x6daed5, 0x4b97c9, 0x2f7ebc,
                               0x1864aa, 0x0a4a90, 0x08306b}};
static const stops11 reds = {{0xfff5f0, 0xfee3d6, 0xfdc9b4, 0xfcaa8e, 0xfc8a6b, 0xf9694c, 0xef4533, 0xd92723,
                              0xbb151a, 0x970b13, 0x67000d}};
static const stops11 greens = {{0xf7fcf5, 0xe8f6e3, 0xd0edca, 0xb2e0ab, 0x8ed18c, 0x66bd6f, 0x3da75a, 0x238c45,
                                0x03702e, 0x005723, 0x00441b}};
static const stops11 oranges = {{0xfff5eb, 0xfee8d3, 0xfdd8b3, 0xfdc28c, 0xfda762, 0xfb8d3d, 0xf2701d, 0xe25609,
                                 0xc44103, 0x9f3303, 0x7f2704}};
static const stops11 purples = {{0xfcfbfd, 0xf1eff6, 0xe2e1ef, 0xcecee5, 0xb6b5d8, 0x9e9bc9, 0x8782bc, 0x7363ac,
                                 0x61409b, 0x501f8c, 0x3f007d}};

typedef struct seg { double x, y; } seg;   /* one breakpoint of a piecewise-linear channel */
typedef struct segmap { seg r[6], g[6], b[6]; int nr, ng, nb; } segmap;

static const segmap hot = {{{0, 0.0416}, {0.365079, 1}, {1, 1}}, {{0, 0}, {0.365079, 0}, {0.746032, 1}, {1, 1}},
                           {{0, 0}, {0.746032, 0}, {1, 1}}, 3, 4, 3};
static const segmap jet = {{{0, 0}, {0.35, 0}, {0.66, 1}, {0.89, 1}, {1, 0.5}},
                           {{0, 0}, {0.125, 0}, {0.375, 1}, {0.64, 1}, {0.91, 0}, {1, 0}},
                           {{0, 0.5}, {0.11, 1}, {0.34, 1}, {0.65, 0}, {1, 0}}, 5, 6, 5};
static const segmap bwr = {{{0, 0}, {0.5, 1}, {1, 1}}, {{0, 0}, {0.5, 1}, {1, 0}}, {{0, 1}, {0.5, 1}, {1, 0}}, 3, 3, 3};
static const segmap seismic = {{{0, 0}, {0.25, 0}, {0.5, 1}, {0.75, 1}, {1, 0.5}},
                               {{0, 0}, {0.25, 0}, {0.5, 1}, {0.75, 0}, {1, 0}},
                               {{0, 0.3}, {0.25, 1}, {0.5, 1}, {0.75, 0}, {1, 0}}, 5, 5, 5};
static const segmap cool = {{{0, 0}, {1, 1}}, {{0, 1}, {1, 0}}, {{0, 1}, {1, 1}}, 2, 2, 2};
static const segmap spring = {{{0, 1}, {1, 1}}, {{0, 0}, {1, 1}}, {{0, 1}, {1, 0}}, 2, 2, 2};
static const segmap summer = {{{0, 0}, {1, 1}}, {{0, 0.5}, {1, 1}}, {{0, 0.4}, {1, 0.4}}, 2, 2, 2};
static const segmap autumn = {{{0, 1}, {1, 1}}, {{0, 0}, {1, 1}}, {{0, 0}, {1, 0}}, 2, 2, 2};
static const segmap winter = {{{0, 0}, {1, 0}}, {{0, 0}, {1, 1}}, {{0, 1}, {1, 0.5}}, 2, 2, 2};
static const segmap bone = {{{0, 0}, {0.746032, 0.652778}, {1, 1}}, {{0, 0}, {0.365079, 0.319444}, {0.746032, 0.777778}, {1, 1}},
                            {{0, 0}, {0.365079, 0.444444}, {1, 1}}, 3, 4, 3};
static const segmap copper = {{{0, 0}, {0.809524, 1}, {1, 1}}, {{0, 0}, {1, 0.7812}}, {{0, 0}, {1, 0.4975}}, 3, 2, 2};

typedef enum cmap_kind { CM_STOPS, CM_SEGS, CM_GRAY, CM_GREYS, CM_RAINBOW, CM_TAB10 } cmap_kind;

typedef struct cmap_def {
  const char *name;
  cmap_kind kind;
  const stops11 *stops;
  const segmap *segs;
} cmap_def;

static const cmap_def cmaps[] = {
  {"viridis", CM_STOPS, &viridis, NULL},   {"plasma", CM_STOPS, &plasma, NULL},
  {"inferno", CM_STOPS, &inferno, NULL},   {"magma", CM_STOPS, &magma, NULL},
  {"cividis", CM_STOPS, &cividis, NULL},   {"coolwarm", CM_STOPS, &coolwarm, NULL},
  {"RdBu", CM_STOPS, &rdbu, NULL},         {"Blues", CM_STOPS, &blues, NULL},
  {"Reds", CM_STOPS, &reds, NULL},         {"Greens", CM_STOPS, &greens, NULL},
  {"Oranges", CM_STOPS, &oranges, NULL},   {"Purples", CM_STOPS, &purples, NULL},
  {"gray", CM_GRAY, NULL, NULL},           {"grey", CM_GRAY, NULL, NULL},
  {"Greys", CM_GREYS, NULL, NULL},         {"binary", CM_GREYS, NULL, NULL},
  {"hot", CM_SEGS, NULL, &hot},            {"jet", CM_SEGS, NULL, &jet},
  {"bwr", CM_SEGS, NULL, &bwr},            {"seismic", CM_SEGS, NULL, &seismic},
  {"cool", CM_SEGS, NULL, &cool},          {"spring", CM_SEGS, NULL, &spring},
  {"summer", CM_SEGS, NULL, &summer},      {"autumn", CM_SEGS, NULL, &autumn},
  {"winter", CM_SEGS, NULL, &winter},      {"bone", CM_SEGS, NULL, &bone},
  {"copper", CM_SEGS, NULL, &copper},      {"rainbow", CM_RAINBOW, NULL, NULL},
  {"tab10", CM_TAB10, NULL, NULL},
};
enum { NCMAPS = (int)(sizeof cmaps / sizeof cmaps[0]) };
#define CMAP_REVERSED 0x100

int plot_cmap_find(const char *name) {
  if (!name) return -1;
  size_t n = strlen(name);
  int rev = 0;
  char base[64];
  if (n >= sizeof base) return -1;
  memcpy(base, name, n + 1);
  if (n > 2 && strcmp(base + n - 2, "_r") == 0) {
    base[n - 2] = '\0';
    rev = CMAP_REVERSED;
  }
  for (int i = 0; i < NCMAPS; i++)
    if (strcmp(base, cmaps[i].name) == 0) return i | rev;
  return -1;
}

const char *plot_cmap_name(int cmap) {
  static _Thread_local char buf[72];
  int i = cmap & 0xff;
  if (cmap < 0 || i >= NCMAPS) return "";
  snprintf(buf, sizeof buf, "%s%s", cmaps[i].name, (cmap & CMAP_REVERSED) ? "_r" : "");
  return buf;
}

static double seg_eval(const seg *s, int n, double t) {
  for (int i = 1; i < n; i++)
    if (t <= s[i].x) {
      double dx = s[i].x - s[i - 1].x;
      double f = dx > 0 ? (t - s[i - 1].x) / dx : 1;
      return s[i - 1].y + f * (s[i].y - s[i - 1].y);
    }
  return s[n - 1].y;
}

plot_rgba plot_cmap_eval(int cmap, double t) {
  if (t != t) return (plot_rgba){0, 0, 0, 0};   /* NaN: matplotlib's 'bad' colour, transparent */
  if (t < 0) t = 0;
  if (t > 1) t = 1;
  int i = cmap & 0xff;
  if (cmap < 0 || i >= NCMAPS) i = 0;
  if (cmap >= 0 && (cmap & CMAP_REVERSED)) t = 1 - t;
  /* matplotlib quantises through a 256-entry table */
  t = floor(t * 255.999999) / 255.0;
  const cmap_def *d = &cmaps[i];
  switch (d->kind) {
  case CM_STOPS: {
    double p = t * 10;
    int k = (int)p;
    if (k >= 10) k = 9;
    double f = p - k;
    plot_rgba a = from_rgb(d->stops->c[k]), b = from_rgb(d->stops->c[k + 1]);
    return (plot_rgba){a.r + f * (b.r - a.r), a.g + f * (b.g - a.g), a.b + f * (b.b - a.b), 1};
  }
  case CM_SEGS:
    return (plot_rgba){seg_eval(d->segs->r, d->segs->nr, t), seg_eval(d->segs->g, d->segs->ng, t),
                       seg_eval(d->segs->b, d->segs->nb, t), 1};
  case CM_GRAY: return (plot_rgba){t, t, t, 1};
  case CM_GREYS: return (plot_rgba){1 - t, 1 - t, 1 - t, 1};
  case CM_RAINBOW: {
    double r = fabs(2 * t - 0.5), g = sin(t * M_PI), b = cos(t * M_PI / 2);
    return (plot_rgba){r > 1 ? 1 : r, g, b, 1};
  }
  case CM_TAB10: {
    int k = (int)(t * 10);
    return plot_cycle_color(k > 9 ? 9 : k);
  }
  }
  return (plot_rgba){t, t, t, 1};
}
