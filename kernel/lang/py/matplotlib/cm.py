"""matplotlib.cm for ctorch: colormaps by name (viridis, gray, Greys, hot, jet, plasma ... and their _r)."""

import matplotlib._ctorch_backend as _b


class Colormap:
    def __init__(self, name, N=256):
        self.name = name
        self.N = N

    def __call__(self, X, alpha=None, bytes=False):
        """Colours of values in [0, 1] (ints index the N-entry table): an (r, g, b, a) tuple or a list of them."""
        scalar = isinstance(X, (int, float))
        vals = [X] if scalar else list(X)
        vals = [v / (self.N - 1) if isinstance(v, int) and not isinstance(v, bool) else v for v in vals]
        cols = _b.cmap_colors(self.name, vals, 0.0, 1.0)
        if alpha is not None:
            cols = [(r, g, b, alpha) for (r, g, b, a) in cols]
        if bytes:
            cols = [tuple(int(round(c * 255)) for c in col) for col in cols]
        return cols[0] if scalar else cols

    def reversed(self, name=None):
        n = self.name[:-2] if self.name.endswith("_r") else self.name + "_r"
        return Colormap(name or n, self.N)

    def __repr__(self):
        return "<matplotlib.colors.ListedColormap object at 0x%x>" % id(self)

    def __eq__(self, other):
        return isinstance(other, Colormap) and other.name == self.name

    def __hash__(self):
        return hash(self.name)


def get_cmap(name=None, lut=None):
    if name is None:
        import matplotlib
        name = matplotlib.rcParams.get("image.cmap", "viridis")
    if isinstance(name, Colormap):
        return name
    if not _b.cmap_valid(name):
        raise ValueError("%r is not a valid value for name; supported values are 'viridis', 'plasma', 'inferno', "
                         "'magma', 'cividis', 'gray', 'Greys', 'binary', 'hot', 'jet', 'coolwarm', 'RdBu', 'Blues', "
                         "'Reds', 'Greens', 'tab10' ... (and each with _r)" % name)
    return Colormap(name, lut or 256)


class ScalarMappable:
    def __init__(self, norm=None, cmap=None):
        self.norm = norm
        self.cmap = get_cmap(cmap)

    def set_array(self, A):
        pass


def __getattr__(name):
    if _b.cmap_valid(name):
        return Colormap(name)
    raise AttributeError("module 'matplotlib.cm' has no attribute '%s'" % name)
