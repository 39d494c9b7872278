"""matplotlib.colors for ctorch: colour conversions and normalisation."""

import matplotlib._ctorch_backend as _b
from matplotlib.cm import Colormap


def to_rgba(c, alpha=None):
    return _b.to_rgba(c, alpha)


def to_rgb(c):
    r, g, b, a = _b.to_rgba(c)
    return (r, g, b)


def to_hex(c, keep_alpha=False):
    r, g, b, a = _b.to_rgba(c)
    s = "#%02x%02x%02x" % (int(round(r * 255)), int(round(g * 255)), int(round(b * 255)))
    if keep_alpha:
        s += "%02x" % int(round(a * 255))
    return s


def is_color_like(c):
    try:
        _b.to_rgba(c)
        return True
    except ValueError:
        return False


class Normalize:
    def __init__(self, vmin=None, vmax=None, clip=False):
        self.vmin = vmin
        self.vmax = vmax
        self.clip = clip

    def __call__(self, value):
        if self.vmax == self.vmin:
            return 0.0
        v = (value - self.vmin) / (self.vmax - self.vmin)
        if self.clip:
            v = min(max(v, 0.0), 1.0)
        return v


class ListedColormap(Colormap):
    def __init__(self, colors, name="from_list", N=None):
        Colormap.__init__(self, "tab10" if name == "from_list" else name, N or len(colors))
        self.colors = colors
