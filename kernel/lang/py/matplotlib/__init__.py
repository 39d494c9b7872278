"""matplotlib for ctorch: the pyplot API over the kernel's own drawing core (cairo; PNG and SVG).

There is no GUI: figures are shown inline in a notebook (as matplotlib-inline does) and written
with savefig() from scripts. matplotlib.use() is accepted and changes nothing.
"""

__version__ = "3.6.3"


def _in_notebook():
    """True inside the Jupyter kernel (IPython.display exists only there)."""
    try:
        import IPython.display
    except ImportError:
        return False
    return True


class RcParams(dict):
    """matplotlib.rcParams: a dict of settings; pyplot reads the figure, line and image ones."""

    def __repr__(self):
        return "RcParams(%s)" % dict.__repr__(self)


_defaults = {
    "figure.figsize": [6.4, 4.8],
    "figure.dpi": 100.0,
    "figure.facecolor": "white",
    "savefig.dpi": "figure",
    "savefig.format": "png",
    "savefig.bbox": None,
    "font.size": 10.0,
    "lines.linewidth": 1.5,
    "lines.markersize": 6.0,
    "lines.linestyle": "-",
    "image.cmap": "viridis",
    "image.interpolation": "antialiased",
    "axes.grid": False,
    "axes.titlesize": "large",
    "axes.labelsize": "medium",
    "legend.fontsize": "medium",
    "backend": "agg",
}

rcParams = RcParams(_defaults)
rcParamsDefault = RcParams(_defaults)


def rcdefaults():
    rcParams.clear()
    rcParams.update(_defaults)


def rc(group, **kwargs):
    for k, v in kwargs.items():
        rcParams[group + "." + k] = v


_backend = "module://matplotlib_inline.backend_inline" if _in_notebook() else "agg"


def use(backend, force=True):
    """Accepted for compatibility ('Agg', 'inline' ...): ctorch has one backend."""
    return None


def get_backend():
    return _backend


def interactive(b):
    return None


def is_interactive():
    return _in_notebook()
