"""matplotlib.axes for ctorch."""

from matplotlib.figure import Axes

Subplot = Axes
