"""matplotlib.patches for ctorch."""

from matplotlib.figure import Rectangle
