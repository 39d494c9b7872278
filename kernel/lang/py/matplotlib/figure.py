"""matplotlib.figure for ctorch: Figure, Axes and the artists they return (Line2D, AxesImage ...).

The drawing itself is the C core's (matplotlib._ctorch_backend); these classes parse matplotlib's
arguments (format strings, colours, keyword aliases), keep what their getters report, and hand
plain numbers to the core.
"""

import weakref

import matplotlib
import matplotlib._ctorch_backend as _b

X, Y = 0, 1

# ---- back references ----
# The language counts references and has no cycle collector, so nothing here may form a reference cycle:
# a figure owns its axes (fig._axes) and an axes its artists, but what points back (ax.figure, image.axes,
# ax.xaxis.axes, fig.canvas.figure) is a weak reference, and spines hold the axes' C core. A figure is
# freed when plt.close() drops pyplot's reference and the user holds none; a closed figure the user
# still holds keeps working (savefig, display, fig.axes, ax.figure). Unlike matplotlib, axes (or an
# image) alone do not keep their figure alive: once the figure is gone ax.figure is None, while the axes
# themselves still draw into their C core (which holds the figure's).


def _weak(x):
    return None if x is None else weakref.ref(x)


def _deref(r):
    return None if r is None else r()


# ---- format strings: 'ro--', 'b.', 'C2:' ----

_LINESTYLES = ("-", "--", "-.", ":")
_MARKERS = ".,ov^<>1234sp*hH+xXDd|_P8"
_COLOR_LETTERS = "bgrcmykw"


def _parse_fmt(fmt):
    """(linestyle, marker, color) of a plot format string, as matplotlib's _process_plot_format."""
    try:
        _b.to_rgba(fmt)
        is_color = True
    except ValueError:
        is_color = False
    if is_color:
        try:
            as_int = str(int(fmt))
        except ValueError:
            return None, None, fmt
        if fmt != as_int:
            return None, None, fmt
    linestyle = marker = color = None
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if fmt[i:i + 2] in _LINESTYLES:
            if linestyle is not None:
                raise ValueError("%r is not a valid format string (two linestyle symbols)" % fmt)
            linestyle = fmt[i:i + 2]
            i += 2
            continue
        if c in _LINESTYLES:
            if linestyle is not None:
                raise ValueError("%r is not a valid format string (two linestyle symbols)" % fmt)
            linestyle = c
        elif c in _MARKERS:
            if marker is not None:
                raise ValueError("%r is not a valid format string (two marker symbols)" % fmt)
            marker = c
        elif c in _COLOR_LETTERS:
            if color is not None:
                raise ValueError("%r is not a valid format string (two color symbols)" % fmt)
            color = c
        elif c == "C" and i < len(fmt) - 1 and fmt[i + 1].isdigit():
            if color is not None:
                raise ValueError("%r is not a valid format string (two color symbols)" % fmt)
            color = "C" + fmt[i + 1]
            i += 1
        else:
            raise ValueError("%r is not a valid format string (unrecognized character %r)" % (fmt, c))
        i += 1
    if linestyle is None and marker is None:
        linestyle = "-"
    if linestyle is None:
        linestyle = "None"
    return linestyle, marker, color


def _color(c, alpha=None):
    """A colour the core takes (str or rgba tuple), with alpha folded in."""
    if c is None:
        return None
    if alpha is None and isinstance(c, str):
        _b.to_rgba(c)   # validate now: the error names the user's value
        return c
    return _b.to_rgba(c, alpha)


def _is_one_color(c):
    """A single colour rather than a sequence of them: a string, or 3-4 numbers."""
    if isinstance(c, str):
        return True
    if isinstance(c, (list, tuple)) and len(c) in (3, 4):
        for v in c:
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                return False
        return True
    return False


def _rgba_in_list(c, alpha):
    """One element of a colour list as matplotlib's to_rgba_array reports it."""
    if isinstance(c, (list, tuple)) and len(c) in (3, 4) and _is_one_color(c):
        for v in c:
            if v < 0 or v > 1:
                raise ValueError("RGBA values should be within 0-1 range")
    try:
        return _b.to_rgba(c, alpha)
    except ValueError:
        raise ValueError("Invalid RGBA argument: %r" % (c,)) from None


def _color_seq(c, alpha, n):
    """bar's color / edgecolor: None, one colour, or a sequence of colours cycled over the n bars
    (a list of rgba tuples)."""
    if c is None:
        return None
    if hasattr(c, "tolist") and not isinstance(c, (str, list, tuple)):
        c = c.tolist()
    if _is_one_color(c):
        return _color(c, alpha)
    cols = [_rgba_in_list(cc, alpha) for cc in c]
    if not cols:
        return None
    return [cols[i % len(cols)] for i in range(n)]


def _hex(rgba):
    r, g, b, a = rgba
    return "#%02x%02x%02x" % (int(round(r * 255)), int(round(g * 255)), int(round(b * 255)))


def _pop_alias(kw, names, default=None):
    """The value of the first of several keyword aliases given (linewidth / lw ...)."""
    v = default
    for n in names:
        if n in kw:
            v = kw.pop(n)
    return v


def _fontsize(v, default=None):
    if v is None:
        return default
    if isinstance(v, str):
        sizes = {"xx-small": 5.79, "x-small": 6.94, "small": 8.33, "medium": 10.0, "large": 12.0,
                 "x-large": 14.4, "xx-large": 17.28, "larger": 12.0, "smaller": 8.33}
        if v not in sizes:
            raise ValueError("%r is not a valid font size" % v)
        return sizes[v]
    return float(v)


def _is_str_seq(v):
    return isinstance(v, (list, tuple)) and len(v) > 0 and isinstance(v[0], str)


def _shape(v):
    return _b.shape(v)


def _flat(v):
    shape, flat, is_int = _b.asarray(v)
    return shape, flat


def _columns(v):
    """A 1-D or 2-D array-like as a list of columns (lists of floats)."""
    shape, flat = _flat(v)
    if len(shape) <= 1:
        return [flat]
    if len(shape) != 2:
        raise ValueError("x and y can be no greater than 2D, but have shapes %s" % (shape,))
    n, k = shape
    return [[flat[i * k + j] for i in range(n)] for j in range(k)]


def _loc_code(loc):
    codes = {"best": 0, "upper right": 1, "upper left": 2, "lower left": 3, "lower right": 4, "right": 5,
             "center left": 6, "center right": 7, "lower center": 8, "upper center": 9, "center": 10}
    if loc is None:
        return 0
    if isinstance(loc, int):
        if loc < 0 or loc > 10:
            raise ValueError("%r is not a valid value for loc" % loc)
        return loc
    if loc not in codes:
        raise ValueError("%r is not a valid value for loc; supported values are %s" %
                         (loc, ", ".join(repr(k) for k in codes)))
    return codes[loc]


# ---- artists (what plot/imshow/... return) ----

class Artist:
    _label = ""

    def get_label(self):
        return self._label

    def set_label(self, s):
        self._label = s

    def set(self, **kwargs):
        for k, v in kwargs.items():
            getattr(self, "set_" + k)(v)

    def remove(self):
        raise NotImplementedError("removing an artist is not supported in ctorch; draw the axes again with ax.cla()")


class Line2D(Artist):
    def __init__(self, xdata, ydata, color, linewidth, linestyle, marker, label):
        self._x = xdata
        self._y = ydata
        self._color = color
        self._lw = linewidth
        self._ls = linestyle
        self._marker = marker
        self._label = label or ""

    def __repr__(self):
        return "<matplotlib.lines.Line2D object at 0x%x>" % id(self)

    def get_color(self):
        return self._color

    def get_xdata(self):
        return self._x

    def get_ydata(self):
        return self._y

    def get_data(self):
        return self._x, self._y

    def get_linewidth(self):
        return self._lw

    def get_linestyle(self):
        return self._ls

    def get_marker(self):
        return self._marker


class AxesImage(Artist):
    def __init__(self, axes, shape, cmap, vmin, vmax):
        self._axesref = _weak(axes)
        self._shape = shape
        self.cmap = cmap
        self._clim = (vmin, vmax)

    axes = property(lambda self: _deref(self._axesref), lambda self, ax: setattr(self, "_axesref", _weak(ax)))

    def __repr__(self):
        return "<matplotlib.image.AxesImage object at 0x%x>" % id(self)

    def get_size(self):
        return self._shape[0], self._shape[1]

    def get_cmap(self):
        return self.cmap

    def get_clim(self):
        return self._clim


class Rectangle(Artist):
    def __init__(self, xy, width, height, color, edgecolor=(0.0, 0.0, 0.0, 0.0)):
        self.xy = xy
        self._w = width
        self._h = height
        self._color = color
        self._edgecolor = edgecolor

    def __repr__(self):
        return "<matplotlib.patches.Rectangle object at 0x%x>" % id(self)

    def get_height(self):
        return self._h

    def get_width(self):
        return self._w

    def get_x(self):
        return self.xy[0]

    def get_y(self):
        return self.xy[1]

    def get_facecolor(self):
        return self._color

    def get_edgecolor(self):
        return self._edgecolor


class BarContainer:
    """What bar() returns: a sequence of Rectangles."""

    def __init__(self, patches, label=None):
        self.patches = list(patches)
        self._label = "" if label is None else str(label)

    def get_label(self):
        return self._label

    def __repr__(self):
        return "<BarContainer object of %d artists>" % len(self.patches)

    def __len__(self):
        return len(self.patches)

    def __iter__(self):
        return iter(self.patches)

    def __getitem__(self, i):
        return self.patches[i]


class PathCollection(Artist):
    def __init__(self, label, n):
        self._label = label or ""
        self._n = n

    def __repr__(self):
        return "<matplotlib.collections.PathCollection object at 0x%x>" % id(self)


class PolyCollection(Artist):
    def __repr__(self):
        return "<matplotlib.collections.PolyCollection object at 0x%x>" % id(self)


class Text(Artist):
    def __init__(self, s, x=0, y=0):
        self._text = s
        self._x, self._y = x, y

    def __repr__(self):
        return "Text(%r, %r, %r)" % (self._x, self._y, self._text)

    def get_position(self):
        return (self._x, self._y)

    def get_text(self):
        return self._text


class Legend(Artist):
    def __repr__(self):
        return "<matplotlib.legend.Legend object at 0x%x>" % id(self)


class Colorbar:
    def __init__(self, ax, mappable):
        self.ax = ax
        self.mappable = mappable

    def set_label(self, label, **kwargs):
        self.ax.set_ylabel(label, **kwargs)

    def __repr__(self):
        return "<matplotlib.colorbar.Colorbar object at 0x%x>" % id(self)


class Spine:
    def __init__(self, axes, which):
        self._core = axes._core    # not the Axes: that would be a reference cycle
        self._which = which
        self._visible = True

    def set_visible(self, b):
        self._visible = bool(b)
        _b.spine(self._core, self._which, self._visible)

    def get_visible(self):
        return self._visible

    def set_color(self, c):
        pass

    def set_linewidth(self, w):
        pass


class _Spines(dict):
    def __getitem__(self, key):
        if isinstance(key, (list, tuple)):
            return _SpineGroup([dict.__getitem__(self, k) for k in key])
        return dict.__getitem__(self, key)


class _SpineGroup:
    def __init__(self, spines):
        self._spines = spines

    def set_visible(self, b):
        for s in self._spines:
            s.set_visible(b)


class Axis:
    """ax.xaxis / ax.yaxis: the few calls notebooks make on them."""

    def __init__(self, axes, which):
        self._axesref = _weak(axes)
        self._core = axes._core
        self._which = which

    axes = property(lambda self: _deref(self._axesref))

    def set_visible(self, b):
        if not b:
            _b.ticks(self._core, self._which, [], None)
            _b.set_label(self._core, self._which, None, None)
        else:
            _b.ticks(self._core, self._which, None, None)

    def set_ticks(self, ticks, labels=None, **kwargs):
        _b.ticks(self._core, self._which, list(ticks), None if labels is None else list(labels))

    def set_ticklabels(self, labels, **kwargs):
        self.axes._set_ticklabels(self._which, labels, kwargs)

    def set_label_text(self, label, **kwargs):
        _b.set_label(self._core, self._which, label, _fontsize(kwargs.get("fontsize")))

    def set_major_locator(self, locator):
        ticks = getattr(locator, "_ticks", None)
        if ticks is not None:
            _b.ticks(self._core, self._which, list(ticks), None)

    def set_major_formatter(self, formatter):
        pass

    def tick_top(self):
        pass

    def tick_bottom(self):
        pass

    def set_tick_params(self, **kwargs):
        self.axes.tick_params(axis="x" if self._which == X else "y", **kwargs)

    def get_ticklabels(self):
        return []


# ---- Axes ----

class Axes:
    """One plotting area: data, limits, ticks, labels, legend."""

    name = "rectilinear"

    def __init__(self, fig, core, spec):
        self._figref = _weak(fig)
        self._core = core
        self._spec = spec          # (nrows, ncols, first, last) or None for add_axes
        self._lines = []
        self._images = []
        self._patches = []
        self._collections = []
        self._containers = []      # BarContainers (bar, barh, hist): their labels are legend entries
        self._texts = []
        self._title = ["", "", ""]
        self._xlabel = ""
        self._ylabel = ""
        self._legend = None
        self._xcats = None         # categorical axis: label -> position
        self._ycats = None
        self.xaxis = Axis(self, X)
        self.yaxis = Axis(self, Y)
        sp = _Spines()
        for i, name in enumerate(("left", "right", "bottom", "top")):
            sp[name] = Spine(self, i)
        self.spines = sp
        if matplotlib.rcParams.get("axes.grid"):
            self.grid(True)

    def __repr__(self):
        if self._spec is None:
            return "<Axes: >"
        return "<AxesSubplot: >" if not any(self._title) else "<AxesSubplot: title={'center': %r}>" % self._title[1]

    @property
    def lines(self):
        return list(self._lines)

    @property
    def images(self):
        return list(self._images)

    @property
    def patches(self):
        return list(self._patches)

    @property
    def collections(self):
        return list(self._collections)

    @property
    def texts(self):
        return list(self._texts)

    figure = property(lambda self: _deref(self._figref), lambda self, fig: setattr(self, "_figref", _weak(fig)))

    def get_figure(self):
        return self.figure

    def get_subplotspec(self):
        return self._spec

    # -- categorical data (bar(['cat', 'dog'], ...)) --

    def _cat(self, which, values):
        if not _is_str_seq(values):
            return values
        cats = self._xcats if which == X else self._ycats
        if cats is None:
            cats = {}
            if which == X:
                self._xcats = cats
            else:
                self._ycats = cats
        out = []
        for v in values:
            if v not in cats:
                cats[v] = len(cats)
            out.append(cats[v])
        names = sorted(cats, key=lambda k: cats[k])
        _b.ticks(self._core, which, [cats[k] for k in names], names)
        return out

    # -- plot --

    def plot(self, *args, scalex=True, scaley=True, data=None, **kwargs):
        """plot([x], y, [fmt], [x2], y2, [fmt2], ..., **kwargs) -> list of Line2D."""
        if data is not None:
            args = tuple(data[a] if isinstance(a, str) and a in data else a for a in args)
        groups = []
        rest = list(args)
        while rest:
            this = rest[:2]
            rest = rest[2:]
            if len(this) == 2 and isinstance(this[1], str):
                groups.append((this[0], this[1]))
                continue
            if rest and isinstance(rest[0], str):
                this.append(rest[0])
                rest = rest[1:]
            if len(this) == 3:
                groups.append((this[0], this[1], this[2]))
            elif len(this) == 2:
                groups.append((this[0], this[1]))
            else:
                groups.append((this[0],))
        lines = []
        for g in groups:
            lines.extend(self._plot_group(g, kwargs))
        return lines

    def _plot_group(self, g, kwargs):
        kw = dict(kwargs)
        fmt = None
        if len(g) >= 2 and isinstance(g[-1], str):
            fmt = g[-1]
            g = g[:-1]
        if len(g) == 1:
            y = g[0]
            if _is_str_seq(y):
                y = self._cat(Y, y)
            ycols = _columns(y)
            n = len(ycols[0])
            xcols = [list(range(n))]
        else:
            x, y = g
            x = self._cat(X, x)
            y = self._cat(Y, y)
            xs, ys = _shape(x), _shape(y)
            if len(xs) <= 1 and len(ys) <= 1:
                xcols, ycols = [x], [y]
                nx = xs[0] if xs else 1
                ny = ys[0] if ys else 1
                if nx != ny:
                    raise ValueError("x and y must have same first dimension, but have shapes %s and %s" %
                                     (_fmt_shape(xs), _fmt_shape(ys)))
            else:
                xcols, ycols = _columns(x), _columns(y)
                if len(xcols[0]) != len(ycols[0]):
                    raise ValueError("x and y must have same first dimension, but have shapes %s and %s" %
                                     (_fmt_shape(xs), _fmt_shape(ys)))
        ls, marker, color = (None, None, None)
        if fmt is not None:
            ls, marker, color = _parse_fmt(fmt)
        color = _pop_alias(kw, ("color", "c"), color)
        alpha = kw.pop("alpha", None)
        lw = _pop_alias(kw, ("linewidth", "lw"), matplotlib.rcParams.get("lines.linewidth", 1.5))
        ls = _pop_alias(kw, ("linestyle", "ls"), ls)
        marker = kw.pop("marker", marker)
        ms = _pop_alias(kw, ("markersize", "ms"), None)
        mfc = _pop_alias(kw, ("markerfacecolor", "mfc"), None)
        mec = _pop_alias(kw, ("markeredgecolor", "mec"), None)
        mew = _pop_alias(kw, ("markeredgewidth", "mew"), None)
        z = kw.pop("zorder", None)
        label = kw.pop("label", None)
        for k in ("drawstyle", "antialiased", "solid_capstyle", "dash_capstyle", "solid_joinstyle", "markevery",
                  "fillstyle", "clip_on", "picker", "transform", "rasterized", "gid"):
            kw.pop(k, None)
        if kw:
            k = sorted(kw)[0]
            raise AttributeError("Line2D.set() got an unexpected keyword argument %r" % k)
        if ls is None:
            ls = "-" if marker is None else "None"
        if ls == "None" and marker is None:
            marker = None
        ncols = max(len(xcols), len(ycols))
        out = []
        for j in range(ncols):
            xc = xcols[j if len(xcols) > 1 else 0]
            yc = ycols[j if len(ycols) > 1 else 0]
            lab = label[j] if isinstance(label, (list, tuple)) else label
            c = _color(color, alpha)
            if c is None and alpha is not None:
                c = _b.to_rgba(_b.cycle_color(self._next_cycle()), alpha)
            face = _color(mfc, alpha)
            edge = _color(mec, alpha)
            used = _b.line(self._core, xc, yc, c, lw, ls, marker, ms, face, edge, mew, z,
                           None if lab is None else str(lab))
            line = Line2D(xc, yc, color if color is not None else _hex(used), lw, ls, marker or "None",
                          "" if lab is None else str(lab))
            self._lines.append(line)
            out.append(line)
        return out

    def _next_cycle(self):
        # only used when alpha is given without a colour: take the cycle colour ourselves
        n = getattr(self, "_cycle_taken", 0)
        self._cycle_taken = n + 1
        return n

    def semilogy(self, *args, **kwargs):
        lines = self.plot(*args, **kwargs)
        self.set_yscale("log")
        return lines

    def semilogx(self, *args, **kwargs):
        lines = self.plot(*args, **kwargs)
        self.set_xscale("log")
        return lines

    def loglog(self, *args, **kwargs):
        lines = self.plot(*args, **kwargs)
        self.set_xscale("log")
        self.set_yscale("log")
        return lines

    def scatter(self, x, y, s=None, c=None, marker=None, cmap=None, norm=None, vmin=None, vmax=None, alpha=None,
                linewidths=None, edgecolors=None, *, plotnonfinite=False, data=None, **kwargs):
        """Markers at (x, y); s = area in points^2, c = colour(s) or numbers mapped through cmap."""
        color = _pop_alias(kwargs, ("color",), None)
        if c is None:
            c = color
        edgecolors = _pop_alias(kwargs, ("edgecolor", "ec"), edgecolors)
        linewidths = _pop_alias(kwargs, ("linewidth", "lw"), linewidths)
        label = kwargs.pop("label", None)
        z = kwargs.pop("zorder", None)
        for k in ("transform", "clip_on", "rasterized", "picker"):
            kwargs.pop(k, None)
        if kwargs:
            raise AttributeError("PathCollection.set() got an unexpected keyword argument %r" % sorted(kwargs)[0])
        x = self._cat(X, x)
        y = self._cat(Y, y)
        colors = None
        if c is not None and hasattr(c, "tolist") and not isinstance(c, (str, list, tuple)):
            c = c.tolist()   # an array: numbers, or rows of RGB(A)
        if c is not None and not isinstance(c, str) and not (isinstance(c, tuple) and len(c) in (3, 4)):
            # numbers through the colormap, or a list of colours
            if isinstance(c, (list, tuple)) and len(c) > 0 and isinstance(c[0], (str, tuple, list)):
                try:
                    colors = [_rgba_in_list(cc, alpha) for cc in c]
                except ValueError:
                    raise ValueError("'c' argument must be a color, a sequence of colors, or a sequence of numbers, "
                                     "not %r" % (c,)) from None
            else:
                colors = _b.cmap_colors(cmap if isinstance(cmap, str) or cmap is None else cmap.name, c, vmin, vmax)
                if alpha is not None:
                    colors = [(r, g, b, alpha) for (r, g, b, a) in colors]
            col = colors
        else:
            col = _color(c, alpha)
            if col is None and alpha is not None:
                col = _b.to_rgba(_b.cycle_color(self._next_cycle()), alpha)
        edge = None
        if edgecolors is not None and not (isinstance(edgecolors, str) and edgecolors == "face"):
            edge = _color_seq(edgecolors, alpha, len(_flat(x)[1]))   # a list cycles, as a collection's colours
        elif edgecolors is None:
            edge = None
        lw = 1.0 if linewidths is None else linewidths
        if isinstance(lw, (list, tuple)):
            lw = lw[0]
        size = 36.0 if s is None else s
        _b.scatter(self._core, x, y, size, col, marker, edge, lw, z, None if label is None else str(label))
        pc = PathCollection(label, 0)
        self._collections.append(pc)
        return pc

    def bar(self, x, height, width=0.8, bottom=None, *, align="center", data=None, **kwargs):
        """Vertical bars -> BarContainer of Rectangles."""
        return self._bars(x, height, width, bottom, align, kwargs, vertical=True)

    def barh(self, y, width, height=0.8, left=None, *, align="center", data=None, **kwargs):
        return self._bars(y, width, height, left, align, kwargs, vertical=False)

    def _bars(self, pos, length, thick, base, align, kw, vertical):
        color = _pop_alias(kw, ("color", "facecolor", "fc"), None)
        edge = _pop_alias(kw, ("edgecolor", "ec"), None)
        lw = _pop_alias(kw, ("linewidth", "lw"), None)
        alpha = kw.pop("alpha", None)
        label = kw.pop("label", None)
        tick_label = kw.pop("tick_label", None)
        for k in ("yerr", "xerr", "capsize", "error_kw", "log", "hatch", "zorder", "linestyle", "ls", "orientation"):
            kw.pop(k, None)
        if kw:
            raise AttributeError("Rectangle.set() got an unexpected keyword argument %r" % sorted(kw)[0])
        pos = self._cat(X if vertical else Y, pos)
        pshape, pflat = _flat(pos)
        lshape, lflat = _flat(length)
        n = max(len(pflat), len(lflat))

        def spread(v, name):
            if isinstance(v, (int, float)):
                return [float(v)] * n
            sh, fl = _flat(v)
            if len(fl) == 1:
                return fl * n
            if len(fl) != n:
                raise ValueError("shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is "
                                 "between arg 0 with shape (%d,) and arg 1 with shape (%d,)." % (n, len(fl)))
            return fl

        p = spread(pos, "x")
        ln = spread(length, "height")
        th = spread(thick, "width")
        bs = spread(0.0 if base is None else base, "bottom")
        start = [p[i] - th[i] / 2 if align == "center" else p[i] for i in range(n)]
        if edge is not None and lw is None:
            lw = 1.0
        if isinstance(lw, (list, tuple)) or hasattr(lw, "tolist"):
            sh, lws = _flat(lw)
            lw = lws[0] if lws else None   # one edge width for all bars (per-bar widths: not supported)
        faces = _color_seq(color, alpha, n)
        edges = _color_seq(edge, alpha, n)
        if vertical:
            used = _b.bars(self._core, start, bs, th, ln, faces, edges, lw, Y, None if label is None else str(label))
        else:
            used = _b.bars(self._core, bs, start, ln, th, faces, edges, lw, X, None if label is None else str(label))
        if tick_label is not None:
            labels = [tick_label] * n if isinstance(tick_label, str) else list(tick_label)
            _b.ticks(self._core, X if vertical else Y, p, labels)
        rects = []
        for i in range(n):
            fc = faces[i] if isinstance(faces, list) else used
            ec = edges[i] if isinstance(edges, list) else _b.to_rgba(edges) if edges is not None else (0.0, 0.0, 0.0, 0.0)
            if vertical:
                r = Rectangle((start[i], bs[i]), th[i], ln[i], fc, ec)
            else:
                r = Rectangle((bs[i], start[i]), ln[i], th[i], fc, ec)
            rects.append(r)
        self._patches.extend(rects)
        bc = BarContainer(rects, label)
        self._containers.append(bc)
        return bc

    def hist(self, x, bins=10, range=None, density=False, weights=None, cumulative=False, bottom=None,
             histtype="bar", align="mid", orientation="vertical", rwidth=None, log=False, color=None, label=None,
             stacked=False, *, data=None, **kwargs):
        """Histogram -> (counts, bin edges, patches); x may hold several data sets (a 2-D array: columns)."""
        alpha = kwargs.pop("alpha", None)
        edge = _pop_alias(kwargs, ("edgecolor", "ec"), None)
        lw = _pop_alias(kwargs, ("linewidth", "lw"), None)
        kwargs.pop("normed", None)
        kwargs.pop("zorder", None)
        facecolor = _pop_alias(kwargs, ("facecolor", "fc"), None)
        if color is None:
            color = facecolor
        if kwargs:
            raise AttributeError("Rectangle.set() got an unexpected keyword argument %r" % sorted(kwargs)[0])
        if isinstance(x, (list, tuple)) and len(x) > 0 and not isinstance(x[0], (int, float)) and \
                len(_shape(x[0])) == 1:
            datasets = list(x)
        else:
            shape = _shape(x)
            datasets = _columns(x) if len(shape) == 2 else [x]
        lo, hi = (None, None) if range is None else range
        if not isinstance(bins, int) or len(datasets) > 1:
            if isinstance(bins, int) and lo is None:
                # one set of edges for all data sets: the overall range
                mins = []
                maxs = []
                for d in datasets:
                    sh, fl = _flat(d)
                    if fl:
                        mins.append(min(fl))
                        maxs.append(max(fl))
                if mins:
                    lo, hi = min(mins), max(maxs)
        all_counts = []
        edges = None
        for d in datasets:
            counts, edges = _b.histogram(d, bins if edges is None else edges, lo, hi, density, weights)
            if cumulative:
                acc = 0.0
                for i in builtins_range(len(counts)):
                    acc += counts[i]
                    counts[i] = acc
                if density:
                    pass
            all_counts.append(counts)
        nb = len(edges) - 1
        patches_all = []
        nsets = len(all_counts)
        labels = label if isinstance(label, (list, tuple)) else [label] + [None] * (nsets - 1)
        colors = color if isinstance(color, (list, tuple)) and not (isinstance(color, tuple) and len(color) in (3, 4)
                                                                     and isinstance(color[0], float)) else [color] * nsets
        base = [0.0] * nb if bottom is None else [float(bottom)] * nb
        for k in builtins_range(nsets):
            counts = all_counts[k]
            widths = [edges[i + 1] - edges[i] for i in builtins_range(nb)]
            if histtype == "step" or histtype == "stepfilled":
                xs = [edges[0]]
                ys = [base[0]]
                for i in builtins_range(nb):
                    xs += [edges[i], edges[i + 1]]
                    ys += [base[i] + counts[i], base[i] + counts[i]]
                xs.append(edges[nb])
                ys.append(base[nb - 1])
                if histtype == "step":
                    self.plot(xs, ys, color=colors[k], label=labels[k], alpha=alpha, linewidth=lw)
                else:
                    used = _b.polygon(self._core, xs, ys, _color(colors[k], alpha), _color(edge, alpha), lw,
                                      None if labels[k] is None else str(labels[k]))
                patches_all.append([])
                continue
            if nsets > 1 and not stacked:
                dw = [(w * (rwidth or 0.8)) / nsets for w in widths]
                left = [edges[i] + widths[i] * (1 - (rwidth or 0.8)) / 2 + k * dw[i] for i in builtins_range(nb)]
                wid = dw
            else:
                f = rwidth if rwidth is not None else 1.0
                wid = [w * f for w in widths]
                left = [edges[i] + widths[i] * (1 - f) / 2 for i in builtins_range(nb)]
            bottoms = list(base) if stacked else ([0.0] * nb if bottom is None else list(base))
            if orientation == "horizontal":
                used = _b.bars(self._core, bottoms, left, counts, wid, _color(colors[k], alpha), _color(edge, alpha),
                               lw, X, None if labels[k] is None else str(labels[k]))
            else:
                used = _b.bars(self._core, left, bottoms, wid, counts, _color(colors[k], alpha), _color(edge, alpha),
                               lw, Y, None if labels[k] is None else str(labels[k]))
            rects = [Rectangle((left[i], bottoms[i]), wid[i], counts[i], used) for i in builtins_range(nb)]
            self._patches.extend(rects)
            bc = BarContainer(rects, labels[k])
            self._containers.append(bc)
            patches_all.append(bc)
            if stacked:
                base = [base[i] + counts[i] for i in builtins_range(nb)]
        if log:
            self.set_yscale("log")
        if nsets == 1:
            return all_counts[0], edges, patches_all[0]
        return all_counts, edges, patches_all

    def imshow(self, X_, cmap=None, norm=None, *, aspect=None, interpolation=None, alpha=None, vmin=None, vmax=None,
               origin=None, extent=None, **kwargs):
        """Show an image: 2-D scalars through cmap (default viridis), or H x W x 3/4 RGB(A) floats in [0, 1] / ints."""
        for k in ("interpolation_stage", "filternorm", "filterrad", "resample", "url", "data", "zorder",
                  "animated", "clip_on", "transform"):
            kwargs.pop(k, None)
        if kwargs:
            raise AttributeError("AxesImage.set() got an unexpected keyword argument %r" % sorted(kwargs)[0])
        if cmap is not None and not isinstance(cmap, str):
            cmap = getattr(cmap, "name", None)
        if cmap is None:
            cmap = matplotlib.rcParams.get("image.cmap", "viridis")
        if norm is not None:
            vmin = getattr(norm, "vmin", vmin)
            vmax = getattr(norm, "vmax", vmax)
        interp = {None: -1, "antialiased": -1, "nearest": 0, "none": 0, "bilinear": 1, "bicubic": 1,
                  "hanning": 1, "gaussian": 1, "lanczos": 1, "spline16": 1, "hamming": 1}
        if interpolation not in interp:
            raise ValueError("%r is not a valid value for interpolation" % interpolation)
        if origin not in (None, "upper", "lower"):
            raise ValueError("%r is not a valid value for origin; supported values are 'upper', 'lower'" % origin)
        aspect_auto = aspect == "auto"
        clipped = _b.image(self._core, X_, cmap, vmin, vmax, None if extent is None else list(extent),
                           origin != "lower", alpha, interp[interpolation], aspect_auto)
        if isinstance(aspect, (int, float)) and not isinstance(aspect, bool):
            _b.aspect(self._core, float(aspect))
        if clipped:
            import sys
            sys.stderr.write("Clipping input data to the valid range for imshow with RGB data ([0..1] for floats "
                             "or [0..255] for integers).\n")
        shape = _shape(X_)
        im = AxesImage(self, shape, cmap, vmin, vmax)
        self._images.append(im)
        fig = self.figure
        if fig is not None:
            fig._last_mappable = im
        return im

    def matshow(self, A, **kwargs):
        im = self.imshow(A, **kwargs)
        return im

    def text(self, x, y, s, fontdict=None, **kwargs):
        kw = dict(fontdict or {})
        kw.update(kwargs)
        fs = _fontsize(_pop_alias(kw, ("fontsize", "size"), None), 10.0)
        color = _pop_alias(kw, ("color", "c"), None)
        ha = _pop_alias(kw, ("horizontalalignment", "ha"), "left")
        va = _pop_alias(kw, ("verticalalignment", "va"), "baseline")
        rot = kw.pop("rotation", 0)
        if rot == "vertical":
            rot = 90
        elif rot == "horizontal" or rot is None:
            rot = 0
        transform = kw.pop("transform", None)
        axes_coords = transform is not None and getattr(transform, "_axes_coords", False)
        _b.text(self._core, x, y, str(s), fs, _color(color, kw.pop("alpha", None)), _HA[ha], _VA[va], rot,
                axes_coords)
        t = Text(str(s), x, y)
        self._texts.append(t)
        return t

    def annotate(self, text, xy, xytext=None, **kwargs):
        pos = xy if xytext is None else xytext
        kwargs.pop("arrowprops", None)
        kwargs.pop("textcoords", None)
        kwargs.pop("xycoords", None)
        return self.text(pos[0], pos[1], text, **kwargs)

    @property
    def transAxes(self):
        return _AXES_COORDS

    @property
    def transData(self):
        return None

    def axhline(self, y=0, xmin=0, xmax=1, **kwargs):
        return self._refline(Y, y, xmin, xmax, kwargs)

    def axvline(self, x=0, ymin=0, ymax=1, **kwargs):
        return self._refline(X, x, ymin, ymax, kwargs)

    def _refline(self, axis, v, lo, hi, kw):
        color = _pop_alias(kw, ("color", "c"), None)
        lw = _pop_alias(kw, ("linewidth", "lw"), None)
        ls = _pop_alias(kw, ("linestyle", "ls"), "-")
        alpha = kw.pop("alpha", None)
        label = kw.pop("label", None)
        kw.pop("zorder", None)
        _b.refline(self._core, axis, v, lo, hi, _color(color, alpha), lw, ls, None if label is None else str(label))
        line = Line2D([lo, hi], [v, v], color, lw, ls, "None", label)
        self._lines.append(line)
        return line

    def fill_between(self, x, y1, y2=0, where=None, interpolate=False, step=None, **kwargs):
        color = _pop_alias(kwargs, ("color", "facecolor", "fc"), None)
        alpha = kwargs.pop("alpha", None)
        edge = _pop_alias(kwargs, ("edgecolor", "ec"), None)
        lw = _pop_alias(kwargs, ("linewidth", "lw"), None)
        label = kwargs.pop("label", None)
        sx, xs = _flat(x)
        n = len(xs)

        def spread(v):
            if isinstance(v, (int, float)):
                return [float(v)] * n
            return _flat(v)[1]

        a = spread(y1)
        b = spread(y2)
        px = xs + xs[::-1]
        py = a + b[::-1]
        _b.polygon(self._core, px, py, _color(color, alpha), _color(edge, alpha), lw,
                   None if label is None else str(label))
        pc = PolyCollection()
        self._collections.append(pc)
        return pc

    def fill_betweenx(self, y, x1, x2=0, **kwargs):
        sy, ys = _flat(y)
        n = len(ys)
        a = [float(x1)] * n if isinstance(x1, (int, float)) else _flat(x1)[1]
        b = [float(x2)] * n if isinstance(x2, (int, float)) else _flat(x2)[1]
        color = _pop_alias(kwargs, ("color", "facecolor"), None)
        alpha = kwargs.pop("alpha", None)
        label = kwargs.pop("label", None)
        _b.polygon(self._core, a + b[::-1], ys + ys[::-1], _color(color, alpha), None, None,
                   None if label is None else str(label))
        return PolyCollection()

    def errorbar(self, x, y, yerr=None, xerr=None, fmt="", ecolor=None, elinewidth=None, capsize=None, **kwargs):
        sx, xs = _flat(x)
        sy, ys = _flat(y)
        args = (xs, ys, fmt) if fmt else (xs, ys)
        if fmt == "none":
            lines = []
            color = kwargs.get("color")
        else:
            lines = self.plot(*args, **kwargs)
            color = lines[0].get_color()
        ec = ecolor if ecolor is not None else color
        n = len(xs)
        for err, vertical in ((yerr, True), (xerr, False)):
            if err is None:
                continue
            if isinstance(err, (int, float)):
                lo = hi = [float(err)] * n
            else:
                es, ef = _flat(err)
                if len(es) == 2 and es[0] == 2:
                    lo, hi = ef[:n], ef[n:]
                else:
                    lo = hi = ef
            sx_, sy_ = [], []
            for i in range(n):
                if vertical:
                    sx_ += [xs[i], xs[i], float("nan")]
                    sy_ += [ys[i] - lo[i], ys[i] + hi[i], float("nan")]
                else:
                    sx_ += [xs[i] - lo[i], xs[i] + hi[i], float("nan")]
                    sy_ += [ys[i], ys[i], float("nan")]
            _b.line(self._core, sx_, sy_, ec, elinewidth or 1.5, "-", None, None, None, None, None, None, None)
        return lines

    def pie(self, x, labels=None, **kwargs):
        raise NotImplementedError("pie charts are not supported in ctorch")

    def contour(self, *args, **kwargs):
        raise NotImplementedError("contour plots are not supported in ctorch; use imshow")

    contourf = contour

    # -- labels and titles --

    def set_title(self, label, fontdict=None, loc=None, pad=None, *, y=None, **kwargs):
        kw = dict(fontdict or {})
        kw.update(kwargs)
        fs = _fontsize(_pop_alias(kw, ("fontsize", "size"), None), 12.0)
        loc = loc or "center"
        if loc not in ("center", "left", "right"):
            raise ValueError("%r is not a valid value for loc; supported values are 'left', 'center', 'right'" % loc)
        label = str(label)
        self._title[{"left": 0, "center": 1, "right": 2}[loc]] = label
        _b.set_title(self._core, label, loc[0], fs)
        return Text(label, {"left": 0.0, "center": 0.5, "right": 1.0}[loc], 1.0)

    def get_title(self, loc="center"):
        return self._title[{"left": 0, "center": 1, "right": 2}[loc]]

    def set_xlabel(self, xlabel, fontdict=None, labelpad=None, *, loc=None, **kwargs):
        kw = dict(fontdict or {})
        kw.update(kwargs)
        self._xlabel = str(xlabel)
        _b.set_label(self._core, X, self._xlabel, _fontsize(_pop_alias(kw, ("fontsize", "size"), None)))
        return Text(self._xlabel, 0.5, 0)

    def set_ylabel(self, ylabel, fontdict=None, labelpad=None, *, loc=None, **kwargs):
        kw = dict(fontdict or {})
        kw.update(kwargs)
        self._ylabel = str(ylabel)
        _b.set_label(self._core, Y, self._ylabel, _fontsize(_pop_alias(kw, ("fontsize", "size"), None)))
        return Text(self._ylabel, 0, 0.5)

    def get_xlabel(self):
        return self._xlabel

    def get_ylabel(self):
        return self._ylabel

    # -- limits, scales, ticks --

    def _set_lim(self, which, a, b, kw, names):
        lo_name, hi_name = names
        if lo_name in kw:
            a = kw.pop(lo_name)
        if hi_name in kw:
            b = kw.pop(hi_name)
        for k in ("xmin", "xmax", "ymin", "ymax"):
            if k in kw:
                if k.endswith("min"):
                    a = kw.pop(k)
                else:
                    b = kw.pop(k)
        kw.pop("auto", None)
        kw.pop("emit", None)
        if b is None and isinstance(a, (list, tuple)):
            a, b = a
        return _b.lim(self._core, which, a, b, True)

    def set_xlim(self, left=None, right=None, **kwargs):
        return self._set_lim(X, left, right, kwargs, ("left", "right"))

    def set_ylim(self, bottom=None, top=None, **kwargs):
        return self._set_lim(Y, bottom, top, kwargs, ("bottom", "top"))

    def get_xlim(self):
        return _b.lim(self._core, X, None, None, False)

    def get_ylim(self):
        return _b.lim(self._core, Y, None, None, False)

    def set_xscale(self, value, **kwargs):
        _b.scale(self._core, X, value)

    def set_yscale(self, value, **kwargs):
        _b.scale(self._core, Y, value)

    def invert_xaxis(self):
        _b.invert(self._core, X, not _b.invert(self._core, X, None))

    def invert_yaxis(self):
        _b.invert(self._core, Y, not _b.invert(self._core, Y, None))

    def xaxis_inverted(self):
        return _b.invert(self._core, X, None)

    def yaxis_inverted(self):
        return _b.invert(self._core, Y, None)

    def _set_ticks(self, which, ticks, labels, kw):
        if kw.pop("minor", False):
            return []
        if ticks is None:
            _b.ticks(self._core, which, None, None)
            return []
        ticks = list(_flat(ticks)[1]) if not isinstance(ticks, (list, tuple)) else list(ticks)
        _b.ticks(self._core, which, ticks, None if labels is None else [str(s) for s in labels])
        self._tick_kwargs(which, kw)
        return ticks

    def _tick_kwargs(self, which, kw):
        size = _fontsize(_pop_alias(kw, ("fontsize", "size", "labelsize"), None))
        rot = kw.pop("rotation", None)
        if rot == "vertical":
            rot = 90
        elif rot == "horizontal":
            rot = 0
        if size is not None or rot is not None:
            _b.tick_params(self._core, which, size, rot)

    def set_xticks(self, ticks, labels=None, *, minor=False, **kwargs):
        kwargs["minor"] = minor
        return self._set_ticks(X, ticks, labels, kwargs)

    def set_yticks(self, ticks, labels=None, *, minor=False, **kwargs):
        kwargs["minor"] = minor
        return self._set_ticks(Y, ticks, labels, kwargs)

    def _set_ticklabels(self, which, labels, kw):
        ticks = getattr(self, "_fixed_ticks_%d" % which, None)
        labels = [str(s) for s in labels]
        if ticks is None:
            ticks = list(range(len(labels)))
        _b.ticks(self._core, which, ticks[:len(labels)], labels[:len(ticks)])
        self._tick_kwargs(which, kw)

    def set_xticklabels(self, labels, fontdict=None, minor=False, **kwargs):
        self._set_ticklabels(X, labels, kwargs)

    def set_yticklabels(self, labels, fontdict=None, minor=False, **kwargs):
        self._set_ticklabels(Y, labels, kwargs)

    def get_xticks(self):
        return []

    def get_yticks(self):
        return []

    def tick_params(self, axis="both", which="major", reset=False, **kwargs):
        size = _fontsize(kwargs.get("labelsize"))
        rot = kwargs.get("labelrotation", kwargs.get("rotation"))
        for w in ((X, Y) if axis == "both" else ((X,) if axis == "x" else (Y,))):
            if kwargs.get("labelbottom") is False or kwargs.get("labelleft") is False:
                pass
            _b.tick_params(self._core, w, size, rot)
            if (w == X and kwargs.get("bottom") is False and kwargs.get("labelbottom") is False) or \
                    (w == Y and kwargs.get("left") is False and kwargs.get("labelleft") is False):
                _b.ticks(self._core, w, [], None)

    def grid(self, visible=None, which="major", axis="both", **kwargs):
        if visible is None and "b" in kwargs:
            visible = kwargs.pop("b")
        color = _pop_alias(kwargs, ("color", "c"), None)
        alpha = kwargs.pop("alpha", None)
        lw = _pop_alias(kwargs, ("linewidth", "lw"), None)
        ls = _pop_alias(kwargs, ("linestyle", "ls"), None)
        on = True if visible is None else bool(visible)
        if visible is None and not kwargs and color is None and lw is None and ls is None and alpha is None:
            on = not getattr(self, "_grid_on", False)
        self._grid_on = on
        col = None
        if color is not None or alpha is not None:
            col = _b.to_rgba(color if color is not None else "#b0b0b0", alpha)
        which_axis = {"both": -1, "x": X, "y": Y}[axis]
        _b.grid(self._core, which_axis, on, col, lw, ls)

    def axis(self, arg=None, *, emit=True, **kwargs):
        if arg is None and kwargs:
            if "xmin" in kwargs or "xmax" in kwargs:
                self.set_xlim(kwargs.get("xmin"), kwargs.get("xmax"))
            if "ymin" in kwargs or "ymax" in kwargs:
                self.set_ylim(kwargs.get("ymin"), kwargs.get("ymax"))
        elif isinstance(arg, bool):
            _b.axis_visible(self._core, arg)
        elif isinstance(arg, str):
            a = arg.lower()
            if a == "off":
                _b.axis_visible(self._core, False)
            elif a == "on":
                _b.axis_visible(self._core, True)
            elif a in ("equal", "scaled", "image", "square"):
                _b.aspect(self._core, 1.0)
                if a == "image":
                    _b.margins(self._core, 0.0, 0.0)
            elif a == "tight":
                _b.margins(self._core, 0.0, 0.0)
            elif a == "auto":
                _b.aspect(self._core, 0.0)
            else:
                raise ValueError("Unrecognized string %r to axis; try 'on' or 'off'" % arg)
        elif arg is not None:
            xmin, xmax, ymin, ymax = arg
            self.set_xlim(xmin, xmax)
            self.set_ylim(ymin, ymax)
        x0, x1 = self.get_xlim()
        y0, y1 = self.get_ylim()
        return x0, x1, y0, y1

    def set_axis_off(self):
        _b.axis_visible(self._core, False)

    def set_axis_on(self):
        _b.axis_visible(self._core, True)

    def get_xaxis(self):
        return self.xaxis

    def get_yaxis(self):
        return self.yaxis

    def set_aspect(self, aspect, adjustable=None, anchor=None, share=False):
        if aspect == "equal":
            aspect = 1.0
        elif aspect == "auto":
            aspect = 0.0
        _b.aspect(self._core, float(aspect))

    def set_box_aspect(self, aspect=None):
        pass

    def margins(self, *margins, x=None, y=None, tight=True):
        if len(margins) == 1:
            x = y = margins[0]
        elif len(margins) == 2:
            x, y = margins
        _b.margins(self._core, x, y)

    def autoscale(self, enable=True, axis="both", tight=None):
        _b.autoscale(self._core, {"both": -1, "x": X, "y": Y}[axis], bool(enable))

    def set_facecolor(self, color):
        _b.facecolor(self._core, color)

    set_fc = set_facecolor

    def set_axisbelow(self, b):
        pass

    def locator_params(self, **kwargs):
        pass

    def legend(self, *args, loc=None, fontsize=None, frameon=True, ncol=1, title=None, **kwargs):
        """A legend of the labelled artists (or legend(labels) / legend(handles, labels))."""
        labels = None
        if len(args) == 1:
            labels = [str(s) for s in args[0]]
        elif len(args) == 2:
            labels = [str(s) for s in args[1]]
        elif "labels" in kwargs:
            labels = [str(s) for s in kwargs.pop("labels")]
        ncol = kwargs.pop("ncols", ncol)
        for k in ("shadow", "fancybox", "framealpha", "borderpad", "markerscale", "bbox_to_anchor", "handlelength",
                  "facecolor", "edgecolor", "numpoints", "scatterpoints", "prop", "handles", "title_fontsize",
                  "columnspacing", "labelspacing"):
            kwargs.pop(k, None)
        if kwargs:
            raise TypeError("Legend.__init__() got an unexpected keyword argument %r" % sorted(kwargs)[0])
        if labels is None and not self._has_labels():
            import sys
            sys.stderr.write("No artists with labels found to put in legend.  Note that artists whose label start "
                             "with an underscore are ignored when legend() is called with no argument.\n")
            return None
        _b.legend(self._core, _loc_code(loc), _fontsize(fontsize, 10.0), bool(frameon), int(ncol), title, labels)
        self._legend = Legend()
        return self._legend

    def _has_labels(self):
        for group in (self._lines, self._collections, self._containers):
            for a in group:
                lab = a.get_label()
                if lab and not lab.startswith("_"):
                    return True
        return getattr(self, "_labelled_bars", False) or self._labelled_patches()

    def _labelled_patches(self):
        return _b.nartists(self._core) > 0 and any(
            getattr(p, "_label", "") for p in self._patches)

    def get_legend(self):
        return self._legend

    def get_legend_handles_labels(self):
        handles = [a for a in self._lines + self._collections + self._containers
                   if a.get_label() and not a.get_label().startswith("_")]
        return handles, [h.get_label() for h in handles]

    def set(self, **kwargs):
        for k, v in kwargs.items():
            getattr(self, "set_" + k)(v)

    def cla(self):
        _b.clear(self._core)
        self._lines = []
        self._images = []
        self._patches = []
        self._collections = []
        self._containers = []
        self._texts = []
        self._title = ["", "", ""]
        self._xlabel = self._ylabel = ""
        self._xcats = self._ycats = None

    clear = cla

    def twinx(self):
        raise NotImplementedError("twin axes are not supported in ctorch")

    def get_position(self):
        return None

    def set_position(self, pos):
        pass

    def set_frame_on(self, b):
        for s in self.spines.values():
            s.set_visible(b)


class _Coords:
    _axes_coords = True


_AXES_COORDS = _Coords()
_HA = {"left": "l", "center": "c", "centre": "c", "right": "r"}
_VA = {"top": "t", "center": "c", "bottom": "b", "baseline": "B", "center_baseline": "c"}
builtins_range = range


def _fmt_shape(s):
    if len(s) == 1:
        return "(%d,)" % s[0]
    return "(" + ", ".join(str(v) for v in s) + ")"


# ---- Figure ----

class _Canvas:
    def __init__(self, fig):
        self._figref = _weak(fig)

    figure = property(lambda self: _deref(self._figref))

    def draw(self):
        pass

    def draw_idle(self):
        pass

    def flush_events(self):
        pass

    def print_png(self, fname):
        self.figure.savefig(fname, format="png")

    def get_width_height(self):
        w, h, dpi = _b.figure_size(self.figure._core, None, None, None)
        return int(round(w * dpi)), int(round(h * dpi))


class _SubplotParams:
    def __init__(self):
        self.left, self.bottom, self.right, self.top, self.wspace, self.hspace = 0.125, 0.11, 0.9, 0.88, 0.2, 0.2


class Figure:
    """A figure: a drawing area of figsize inches at dpi, holding axes."""

    def __init__(self, figsize=None, dpi=None, facecolor=None, edgecolor=None, linewidth=0.0, frameon=None,
                 subplotpars=None, tight_layout=None, constrained_layout=None, *, layout=None, **kwargs):
        rc = matplotlib.rcParams
        if figsize is None:
            figsize = rc.get("figure.figsize", (6.4, 4.8))
        if dpi is None:
            dpi = rc.get("figure.dpi", 100.0)
        w, h = figsize
        if not (w > 0 and h > 0):
            raise ValueError("figure size must be positive finite not (%s, %s)" % (w, h))
        self._core = _b.figure_new(float(w), float(h), float(dpi))
        self._axes = []
        self._last_mappable = None
        self._suptitle = None
        self.number = None
        self.canvas = _Canvas(self)
        self.subplotpars = _SubplotParams()
        if facecolor is not None:
            _b.figure_facecolor(self._core, facecolor)
        if tight_layout or constrained_layout or layout in ("tight", "constrained"):
            self._tight = True
            _b.figure_tight(self._core, None, None, None)
        else:
            self._tight = False

    def __repr__(self):
        w, h, dpi = _b.figure_size(self._core, None, None, None)
        n = len(self._axes)
        return "<Figure size %gx%g with %d Axes>" % (w * dpi, h * dpi, n)

    # -- size --

    @property
    def dpi(self):
        return _b.figure_size(self._core, None, None, None)[2]

    @dpi.setter
    def dpi(self, v):
        _b.figure_size(self._core, None, None, float(v))

    def get_dpi(self):
        return self.dpi

    def set_dpi(self, v):
        self.dpi = v

    def get_size_inches(self):
        w, h, dpi = _b.figure_size(self._core, None, None, None)
        return (w, h)

    def set_size_inches(self, w, h=None, forward=True):
        if h is None:
            w, h = w
        _b.figure_size(self._core, float(w), float(h), None)

    def get_figwidth(self):
        return self.get_size_inches()[0]

    def get_figheight(self):
        return self.get_size_inches()[1]

    def set_figwidth(self, w, forward=True):
        _b.figure_size(self._core, float(w), None, None)

    def set_figheight(self, h, forward=True):
        _b.figure_size(self._core, None, float(h), None)

    def set_facecolor(self, c):
        _b.figure_facecolor(self._core, c)

    # -- axes --

    @property
    def axes(self):
        return list(self._axes)

    def get_axes(self):
        return list(self._axes)

    def _new_axes(self, nrows, ncols, first, last):
        core = _b.figure_add_subplot(self._core, nrows, ncols, first, last)
        ax = Axes(self, core, (nrows, ncols, first, last))
        self._axes.append(ax)
        return ax

    def add_subplot(self, *args, **kwargs):
        """add_subplot(nrows, ncols, index) / add_subplot(231) / add_subplot() -> Axes."""
        kwargs.pop("projection", None)
        kwargs.pop("polar", None)
        spec = _subplot_spec(args)
        ax = self._new_axes(*spec)
        _apply_axes_kwargs(ax, kwargs)
        return ax

    def add_axes(self, rect, **kwargs):
        l, b, w, h = rect
        core = _b.figure_add_axes(self._core, l, b, w, h)
        ax = Axes(self, core, None)
        self._axes.append(ax)
        _apply_axes_kwargs(ax, kwargs)
        return ax

    def subplots(self, nrows=1, ncols=1, *, sharex=False, sharey=False, squeeze=True, subplot_kw=None,
                 gridspec_kw=None):
        if nrows < 1 or ncols < 1:
            raise ValueError("Number of rows must be a positive integer, not %r" % nrows)
        grid = []
        for r in range(nrows):
            row = []
            for c in range(ncols):
                ax = self._new_axes(nrows, ncols, r * ncols + c, r * ncols + c)
                _apply_axes_kwargs(ax, dict(subplot_kw or {}))
                row.append(ax)
            grid.append(row)
        if gridspec_kw:
            self.subplots_adjust(**{k: v for k, v in gridspec_kw.items()
                                    if k in ("left", "right", "top", "bottom", "wspace", "hspace")})
        if squeeze and nrows == 1 and ncols == 1:
            return grid[0][0]
        if squeeze and (nrows == 1 or ncols == 1):
            flat = [ax for row in grid for ax in row]
            return _AxesArray(flat, (len(flat),))
        return _AxesArray([_AxesArray(row, (ncols,)) for row in grid], (nrows, ncols))

    def gca(self):
        if self._axes:
            return self._axes[-1]
        return self.add_subplot(1, 1, 1)

    def sca(self, ax):
        if ax in self._axes:
            self._axes.remove(ax)
            self._axes.append(ax)

    def delaxes(self, ax):
        _b.figure_remove_axes(ax._core)
        self._axes.remove(ax)

    def clf(self, keep_observers=False):
        _b.figure_clear(self._core)
        self._axes = []
        self._last_mappable = None
        if self._tight:
            _b.figure_tight(self._core, None, None, None)

    clear = clf

    # -- layout and decorations --

    def suptitle(self, t, **kwargs):
        self._suptitle = str(t)
        fs = _fontsize(_pop_alias(kwargs, ("fontsize", "size"), None), 12.0)
        _b.figure_suptitle(self._core, self._suptitle, fs)
        return Text(self._suptitle, 0.5, 0.98)

    def get_suptitle(self):
        return self._suptitle or ""

    def supxlabel(self, t, **kwargs):
        return self.text(0.5, 0.01, t, ha="center", va="bottom", **kwargs)

    def supylabel(self, t, **kwargs):
        return self.text(0.02, 0.5, t, ha="left", va="center", **kwargs)

    def text(self, x, y, s, fontdict=None, **kwargs):
        kw = dict(fontdict or {})
        kw.update(kwargs)
        fs = _fontsize(_pop_alias(kw, ("fontsize", "size"), None), 10.0)
        ha = _pop_alias(kw, ("horizontalalignment", "ha"), "left")
        va = _pop_alias(kw, ("verticalalignment", "va"), "baseline")
        _b.figure_text(self._core, x, y, str(s), fs, kw.pop("color", None), _HA[ha], _VA[va])
        return Text(str(s), x, y)

    def tight_layout(self, *, pad=1.08, h_pad=None, w_pad=None, rect=None):
        self._tight = True
        _b.figure_tight(self._core, pad, h_pad, w_pad)

    def set_tight_layout(self, tight):
        if tight:
            self.tight_layout()

    def subplots_adjust(self, left=None, bottom=None, right=None, top=None, wspace=None, hspace=None):
        self._tight = False
        _b.figure_adjust(self._core, left, bottom, right, top, wspace, hspace)
        sp = self.subplotpars
        for name, v in (("left", left), ("bottom", bottom), ("right", right), ("top", top), ("wspace", wspace),
                        ("hspace", hspace)):
            if v is not None:
                setattr(sp, name, v)

    def colorbar(self, mappable=None, cax=None, ax=None, use_gridspec=True, **kwargs):
        if mappable is None:
            mappable = self._last_mappable
        if mappable is None:
            raise RuntimeError("No mappable was found to use for colorbar creation. First define a mappable such as "
                               "an image (with imshow) or a contour set (with contourf).")
        parent = ax if ax is not None and not isinstance(ax, (list, tuple, _AxesArray)) else mappable.axes
        label = kwargs.pop("label", None)
        core = _b.figure_colorbar(parent._core, label)
        cax = Axes(self, core, None)
        self._axes.append(cax)
        return Colorbar(cax, mappable)

    def legend(self, *args, **kwargs):
        return self.gca().legend(*args, **kwargs)

    # -- output --

    def _render(self, fmt, dpi=None, tight=False, pad=0.1):
        return _b.figure_render(self._core, fmt, dpi, tight, pad)

    def savefig(self, fname, *, dpi=None, format=None, bbox_inches=None, pad_inches=0.1, facecolor=None,
                transparent=False, **kwargs):
        """Write the figure to fname (PNG or SVG, from the extension or format=). Only relative paths inside
        the current directory can be written."""
        if dpi == "figure":
            dpi = None
        if dpi is None:
            d = matplotlib.rcParams.get("savefig.dpi", "figure")
            dpi = None if d == "figure" else d
        path = fname if isinstance(fname, str) else getattr(fname, "name", None) if not hasattr(fname, "write") else None
        if hasattr(fname, "__fspath__"):
            fname = fname.__fspath__()
            path = fname
        if format is None:
            if isinstance(fname, str) and "." in fname.rsplit("/", 1)[-1]:
                format = fname.rsplit(".", 1)[1]
            else:
                format = matplotlib.rcParams.get("savefig.format", "png")
                if isinstance(fname, str):
                    fname = fname + "." + format
        format = format.lower()
        if format not in ("png", "svg"):
            raise ValueError("Format %r is not supported (supported formats: png, svg)" % format)
        if bbox_inches is None:
            bbox_inches = matplotlib.rcParams.get("savefig.bbox")
        tight = bbox_inches == "tight"
        old = None
        if transparent or facecolor is not None:
            _b.figure_facecolor(self._core, (1.0, 1.0, 1.0, 0.0) if transparent else facecolor)
        try:
            data = _b.figure_render(self._core, format, dpi, tight, pad_inches)
        finally:
            if transparent or facecolor is not None:
                _b.figure_facecolor(self._core, "white")
        if isinstance(fname, str):
            _b.write_file(fname, data)
        else:
            fname.write(data)

    def show(self, warn=True):
        if matplotlib._in_notebook():
            from IPython.display import display
            display(self)

    def draw(self, renderer=None):
        pass

    # The notebook shows a figure as matplotlib-inline 0.1.6 does: IPython's print_figure at the figure's
    # dpi with the inline backend's print_figure_kwargs {'bbox_inches': 'tight'} (pad_inches 0.1), so the
    # image is cropped to what is drawn plus 0.1 inch (no empty figure margins).

    def _repr_png_(self):
        if "png" in getattr(matplotlib, "_inline_formats", ["png"]):
            return self._render("png", tight=True)
        return None

    def _repr_svg_(self):
        if "svg" in getattr(matplotlib, "_inline_formats", ["png"]):
            return self._render("svg", tight=True).decode()
        return None


class _AxesArray:
    """The array of axes subplots() returns: indexing (axes[0, 1], axes[1]), flat, ravel(), flatten(), shape."""

    def __init__(self, items, shape):
        self._items = list(items)
        self.shape = shape
        self.ndim = len(shape)
        self.size = 1
        for s in shape:
            self.size *= s

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __getitem__(self, key):
        if isinstance(key, tuple):
            v = self
            rest = list(key)
            while rest:
                k = rest.pop(0)
                if isinstance(k, slice):
                    sub = v._items[k]
                    if rest:
                        sub = [s[tuple(rest)] if isinstance(s, _AxesArray) else s for s in sub]
                        rest = []
                    return _AxesArray(sub, (len(sub),))
                v = v._items[k]
                if not isinstance(v, _AxesArray) and rest:
                    raise IndexError("too many indices for array")
            return v
        if isinstance(key, slice):
            sub = self._items[key]
            return _AxesArray(sub, (len(sub),) + tuple(self.shape[1:]))
        return self._items[key]

    def _all(self):
        out = []
        for it in self._items:
            if isinstance(it, _AxesArray):
                out.extend(it._all())
            else:
                out.append(it)
        return out

    @property
    def flat(self):
        return iter(self._all())

    def ravel(self):
        a = self._all()
        return _AxesArray(a, (len(a),))

    flatten = ravel

    def reshape(self, *shape):
        a = self._all()
        if len(shape) == 1 and isinstance(shape[0], tuple):
            shape = shape[0]
        if len(shape) == 1 or shape[-1] == -1 and len(shape) == 1:
            return _AxesArray(a, (len(a),))
        r, c = shape
        if r == -1:
            r = len(a) // c
        if c == -1:
            c = len(a) // r
        return _AxesArray([_AxesArray(a[i * c:(i + 1) * c], (c,)) for i in range(r)], (r, c))

    def tolist(self):
        return [it.tolist() if isinstance(it, _AxesArray) else it for it in self._items]

    @property
    def T(self):
        if self.ndim == 1:
            return self
        rows = [[self._items[r]._items[c] for r in range(self.shape[0])] for c in range(self.shape[1])]
        return _AxesArray([_AxesArray(row, (self.shape[0],)) for row in rows], (self.shape[1], self.shape[0]))

    def __repr__(self):
        return "array(%r, dtype=object)" % (self.tolist(),)


def _subplot_spec(args):
    """(nrows, ncols, first, last) 0-based cells from add_subplot's arguments."""
    if len(args) == 0:
        return 1, 1, 0, 0
    if len(args) == 1:
        a = args[0]
        if isinstance(a, tuple):
            return _subplot_spec(a)
        if not isinstance(a, int) or a < 111 or a > 999:
            raise ValueError("Single argument to subplot must be a three-digit integer, not %r" % (a,))
        return _subplot_spec((a // 100, (a // 10) % 10, a % 10))
    if len(args) != 3:
        raise TypeError("subplot() takes 1 or 3 positional arguments but %d were given" % len(args))
    nrows, ncols, index = args
    for v, name in ((nrows, "nrows"), (ncols, "ncols")):
        if not isinstance(v, int) or v < 1:
            raise ValueError("Number of %s must be a positive integer, not %r" % ("rows" if name == "nrows" else
                                                                                  "columns", v))
    n = nrows * ncols
    if isinstance(index, tuple):
        first, last = index
    else:
        first = last = index
    for v in (first, last):
        if not isinstance(v, int) or v < 1 or v > n:
            raise ValueError("num must be 1 <= num <= %d, not %r" % (n, v))
    return nrows, ncols, first - 1, last - 1


def _apply_axes_kwargs(ax, kwargs):
    for k, v in kwargs.items():
        if k in ("sharex", "sharey", "label", "frameon", "adjustable", "anchor"):
            continue
        if k == "xticks":
            ax.set_xticks(v)
        elif k == "yticks":
            ax.set_yticks(v)
        else:
            getattr(ax, "set_" + k)(v)
