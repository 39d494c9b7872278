"""matplotlib.pyplot for ctorch: the state machine (current figure and axes) over matplotlib.figure.

In the Jupyter kernel, show() and the end of a cell display every open figure as image/png, cropped with
bbox_inches='tight' at the figure's dpi, and close it (what matplotlib-inline does); from `ctorch run` show() does nothing and savefig() writes PNG or
SVG files (relative paths inside the current directory only).
"""

import matplotlib
import matplotlib._ctorch_backend as _b
from matplotlib.figure import Figure, Axes, Line2D, AxesImage, Text, _AxesArray, _subplot_spec, _apply_axes_kwargs
from matplotlib import cm, colors
from matplotlib import style

rcParams = matplotlib.rcParams

_figs = {}           # number -> Figure, in creation order
_current = [None]    # number of the current figure


def _in_notebook():
    return matplotlib._in_notebook()


# ---- figures ----

def figure(num=None, figsize=None, dpi=None, *, facecolor=None, edgecolor=None, frameon=True, clear=False, **kwargs):
    """Create a figure (or make figure `num` current) -> Figure."""
    if isinstance(num, Figure):
        f = num
        if f.number is None or f.number not in _figs:
            n = max(_figs) + 1 if _figs else 1
            f.number = n
            _figs[n] = f
        _current[0] = f.number
        return f
    if num is not None and num in _figs:
        f = _figs[num]
        _current[0] = num
        if clear:
            f.clf()
        return f
    if num is None:
        num = max([k for k in _figs if isinstance(k, int)] + [0]) + 1
    f = Figure(figsize=figsize, dpi=dpi, facecolor=facecolor, **kwargs)
    f.number = num
    _figs[num] = f
    _current[0] = num
    return f


def gcf():
    """The current figure (created if there is none)."""
    if _current[0] is not None and _current[0] in _figs:
        return _figs[_current[0]]
    return figure()


def gca(**kwargs):
    """The current axes of the current figure (created if there are none)."""
    return gcf().gca()


def sca(ax):
    f = ax.figure
    figure(f)
    f.sca(ax)


def gci():
    return gcf()._last_mappable


def get_fignums():
    return sorted(k for k in _figs if isinstance(k, int))


def fignum_exists(num):
    return num in _figs


def get_figlabels():
    return [k for k in _figs if isinstance(k, str)]


def close(fig=None):
    """close() the current figure, close('all'), close(fig) or close(num)."""
    if fig is None:
        if _current[0] in _figs:
            del _figs[_current[0]]
    elif fig == "all":
        _figs.clear()
    elif isinstance(fig, Figure):
        for k in list(_figs):
            if _figs[k] is fig:
                del _figs[k]
    elif fig in _figs:
        del _figs[fig]
    elif not isinstance(fig, (int, str)):
        raise TypeError("close() argument must be a Figure, an int, a string, or None, not %s" % type(fig))
    if _current[0] not in _figs:
        _current[0] = list(_figs)[-1] if _figs else None


def clf():
    gcf().clf()


def cla():
    gca().cla()


def subplot(*args, **kwargs):
    """subplot(nrows, ncols, index) / subplot(221) -> Axes (the existing one at that place is reused)."""
    fig = gcf()
    spec = _subplot_spec(args)
    for ax in fig._axes:
        if ax._spec == spec:
            fig.sca(ax)
            _apply_axes_kwargs(ax, kwargs)
            return ax
    kwargs.pop("projection", None)
    ax = fig._new_axes(*spec)
    _apply_axes_kwargs(ax, kwargs)
    return ax


def subplots(nrows=1, ncols=1, *, sharex=False, sharey=False, squeeze=True, subplot_kw=None, gridspec_kw=None,
             **fig_kw):
    """A figure and a grid of axes -> (fig, ax) or (fig, array of axes)."""
    fig = figure(**fig_kw)
    axs = fig.subplots(nrows, ncols, sharex=sharex, sharey=sharey, squeeze=squeeze, subplot_kw=subplot_kw,
                       gridspec_kw=gridspec_kw)
    return fig, axs


def axes(arg=None, **kwargs):
    fig = gcf()
    if arg is None:
        return fig.add_subplot(1, 1, 1, **kwargs)
    if isinstance(arg, Axes):
        fig.sca(arg)
        return arg
    return fig.add_axes(arg, **kwargs)


def subplots_adjust(left=None, bottom=None, right=None, top=None, wspace=None, hspace=None):
    gcf().subplots_adjust(left, bottom, right, top, wspace, hspace)


def tight_layout(*, pad=1.08, h_pad=None, w_pad=None, rect=None):
    gcf().tight_layout(pad=pad, h_pad=h_pad, w_pad=w_pad, rect=rect)


def suptitle(t, **kwargs):
    return gcf().suptitle(t, **kwargs)


def figtext(x, y, s, fontdict=None, **kwargs):
    return gcf().text(x, y, s, fontdict, **kwargs)


def colorbar(mappable=None, cax=None, ax=None, **kwargs):
    fig = gcf()
    if mappable is None:
        mappable = fig._last_mappable
    return fig.colorbar(mappable, cax=cax, ax=ax, **kwargs)


# ---- plotting on the current axes ----

def plot(*args, **kwargs):
    return gca().plot(*args, **kwargs)


def semilogy(*args, **kwargs):
    return gca().semilogy(*args, **kwargs)


def semilogx(*args, **kwargs):
    return gca().semilogx(*args, **kwargs)


def loglog(*args, **kwargs):
    return gca().loglog(*args, **kwargs)


def scatter(x, y, s=None, c=None, marker=None, cmap=None, norm=None, vmin=None, vmax=None, alpha=None,
            linewidths=None, *, edgecolors=None, **kwargs):
    return gca().scatter(x, y, s, c, marker, cmap, norm, vmin, vmax, alpha, linewidths, edgecolors, **kwargs)


def bar(x, height, width=0.8, bottom=None, *, align="center", **kwargs):
    return gca().bar(x, height, width, bottom, align=align, **kwargs)


def barh(y, width, height=0.8, left=None, *, align="center", **kwargs):
    return gca().barh(y, width, height, left, align=align, **kwargs)


def hist(x, bins=10, range=None, density=False, weights=None, cumulative=False, bottom=None, histtype="bar",
         align="mid", orientation="vertical", rwidth=None, log=False, color=None, label=None, stacked=False, **kwargs):
    return gca().hist(x, bins, range, density, weights, cumulative, bottom, histtype, align, orientation, rwidth, log,
                      color, label, stacked, **kwargs)


def imshow(X, cmap=None, norm=None, *, aspect=None, interpolation=None, alpha=None, vmin=None, vmax=None,
           origin=None, extent=None, **kwargs):
    return gca().imshow(X, cmap, norm, aspect=aspect, interpolation=interpolation, alpha=alpha, vmin=vmin,
                        vmax=vmax, origin=origin, extent=extent, **kwargs)


def matshow(A, fignum=None, **kwargs):
    return gca().matshow(A, **kwargs)


def text(x, y, s, fontdict=None, **kwargs):
    return gca().text(x, y, s, fontdict, **kwargs)


def annotate(text, xy, *args, **kwargs):
    return gca().annotate(text, xy, *args, **kwargs)


def axhline(y=0, xmin=0, xmax=1, **kwargs):
    return gca().axhline(y, xmin, xmax, **kwargs)


def axvline(x=0, ymin=0, ymax=1, **kwargs):
    return gca().axvline(x, ymin, ymax, **kwargs)


def fill_between(x, y1, y2=0, where=None, interpolate=False, step=None, **kwargs):
    return gca().fill_between(x, y1, y2, where, interpolate, step, **kwargs)


def errorbar(x, y, yerr=None, xerr=None, fmt="", **kwargs):
    return gca().errorbar(x, y, yerr, xerr, fmt, **kwargs)


def pie(x, *args, **kwargs):
    return gca().pie(x, *args, **kwargs)


def contour(*args, **kwargs):
    return gca().contour(*args, **kwargs)


def contourf(*args, **kwargs):
    return gca().contourf(*args, **kwargs)


# ---- decorations of the current axes ----

def title(label, fontdict=None, loc=None, pad=None, *, y=None, **kwargs):
    return gca().set_title(label, fontdict, loc, pad, **kwargs)


def xlabel(xlabel, fontdict=None, labelpad=None, *, loc=None, **kwargs):
    return gca().set_xlabel(xlabel, fontdict, labelpad, **kwargs)


def ylabel(ylabel, fontdict=None, labelpad=None, *, loc=None, **kwargs):
    return gca().set_ylabel(ylabel, fontdict, labelpad, **kwargs)


def xlim(*args, **kwargs):
    """xlim() -> (left, right); xlim(left, right) / xlim((left, right)) / xlim(left=...) sets them."""
    ax = gca()
    if not args and not kwargs:
        return ax.get_xlim()
    return ax.set_xlim(*args, **kwargs)


def ylim(*args, **kwargs):
    ax = gca()
    if not args and not kwargs:
        return ax.get_ylim()
    return ax.set_ylim(*args, **kwargs)


def xscale(value, **kwargs):
    gca().set_xscale(value, **kwargs)


def yscale(value, **kwargs):
    gca().set_yscale(value, **kwargs)


def xticks(ticks=None, labels=None, *, minor=False, **kwargs):
    ax = gca()
    if ticks is None:
        if labels is not None:
            raise TypeError("xticks(): Parameter 'labels' can't be set without setting 'ticks'")
        ax._tick_kwargs(0, kwargs)
        return [], []
    locs = ax.set_xticks(ticks, labels, minor=minor)
    ax._tick_kwargs(0, kwargs)
    return locs, []


def yticks(ticks=None, labels=None, *, minor=False, **kwargs):
    ax = gca()
    if ticks is None:
        if labels is not None:
            raise TypeError("yticks(): Parameter 'labels' can't be set without setting 'ticks'")
        ax._tick_kwargs(1, kwargs)
        return [], []
    locs = ax.set_yticks(ticks, labels, minor=minor)
    ax._tick_kwargs(1, kwargs)
    return locs, []


def tick_params(axis="both", **kwargs):
    gca().tick_params(axis, **kwargs)


def legend(*args, **kwargs):
    return gca().legend(*args, **kwargs)


def grid(visible=None, which="major", axis="both", **kwargs):
    gca().grid(visible, which, axis, **kwargs)


def axis(arg=None, **kwargs):
    return gca().axis(arg, **kwargs)


def margins(*args, **kwargs):
    return gca().margins(*args, **kwargs)


def autoscale(enable=True, axis="both", tight=None):
    gca().autoscale(enable, axis, tight)


def get_cmap(name=None, lut=None):
    return cm.get_cmap(name, lut)


# ---- output ----

def savefig(fname, *args, **kwargs):
    """Save the current figure (PNG or SVG by the file extension)."""
    gcf().savefig(fname, *args, **kwargs)


def imsave(fname, arr, vmin=None, vmax=None, cmap=None, format=None, origin=None, dpi=100, **kwargs):
    """Write an array as an image file of its own size (one pixel per element)."""
    shape = _b.shape(arr)
    h, w = shape[0], shape[1]
    f = Figure(figsize=(w / dpi, h / dpi), dpi=dpi)
    ax = f.add_axes([0, 0, 1, 1])
    ax.imshow(arr, cmap=cmap, vmin=vmin, vmax=vmax, origin=origin, interpolation="nearest", aspect="auto")
    ax.axis("off")
    f.savefig(fname, format=format)


def _display_figures(close_them=True):
    """Show every open figure inline (notebook) and close them, as matplotlib-inline's show()."""
    from IPython.display import display
    figs = list(_figs.values())
    for f in figs:
        if f._axes or f._suptitle:
            display(f)
    if close_them:
        _figs.clear()
        _current[0] = None


def show(*args, block=None, **kwargs):
    """In a notebook: display every open figure (image/png) and close them. In a script: nothing (no GUI)."""
    if _in_notebook():
        _display_figures(True)


def draw():
    pass


def pause(interval):
    """In a notebook: show the figures now (an animation loop's frame); in a script: just wait."""
    import time
    if _in_notebook():
        _display_figures(True)
    time.sleep(interval)


def ion():
    pass


def ioff():
    pass


def isinteractive():
    return _in_notebook()


def switch_backend(newbackend):
    pass


def _flush_figures():
    """After each cell (IPython's post_execute event): show what the cell left open."""
    if _figs:
        _display_figures(True)


if _in_notebook():
    try:
        from IPython.display import _register_post_execute
        _register_post_execute(_flush_figures)
    except ImportError:
        pass
