"""matplotlib.lines for ctorch."""

from matplotlib.figure import Line2D
