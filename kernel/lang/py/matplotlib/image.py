"""matplotlib.image for ctorch."""

from matplotlib.figure import AxesImage
