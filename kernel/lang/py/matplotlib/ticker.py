"""matplotlib.ticker for ctorch: locators and formatters notebooks pass to set_major_locator (fixed ticks are
honoured; the automatic ones keep matplotlib's default AutoLocator)."""


class Locator:
    _ticks = None


class FixedLocator(Locator):
    def __init__(self, locs, nbins=None):
        self._ticks = list(locs)


class MaxNLocator(Locator):
    def __init__(self, nbins=None, **kwargs):
        self.nbins = nbins
        self.integer = kwargs.get("integer", False)


class MultipleLocator(Locator):
    def __init__(self, base=1.0, offset=0.0):
        self.base = base


class AutoLocator(Locator):
    pass


class NullLocator(Locator):
    _ticks = []


class Formatter:
    pass


class ScalarFormatter(Formatter):
    def __init__(self, useOffset=None, useMathText=None, useLocale=None):
        pass


class FormatStrFormatter(Formatter):
    def __init__(self, fmt):
        self.fmt = fmt


class StrMethodFormatter(Formatter):
    def __init__(self, fmt):
        self.fmt = fmt


class FuncFormatter(Formatter):
    def __init__(self, func):
        self.func = func


class PercentFormatter(Formatter):
    def __init__(self, xmax=100, decimals=None, symbol="%", is_latex=False):
        self.xmax = xmax


class NullFormatter(Formatter):
    pass
