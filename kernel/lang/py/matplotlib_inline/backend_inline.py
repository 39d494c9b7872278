"""matplotlib_inline.backend_inline: choose the formats figures are shown in ('png', 'svg')."""

import matplotlib


def set_matplotlib_formats(*formats, **kwargs):
    """set_matplotlib_formats('svg') or ('png', 'svg'): what plt.show() and a figure's display send."""
    fs = []
    for f in formats:
        f = f.lower()
        if f in ("retina", "png2x"):
            f = "png"
        if f not in ("png", "svg"):
            raise ValueError("supported formats are: 'png', 'svg', not %r" % f)
        fs.append(f)
    matplotlib._inline_formats = fs or ["png"]
