# Per-bar and per-point colours as notebooks pass them: bar/barh(color=[...], edgecolor=[...]) (a shorter list
# cycles, a list of 3 numbers is one colour, arrays of RGB rows), the bars' get_facecolor/get_edgecolor,
# a labelled BarContainer in the legend, scatter(c=[colours] / RGB array / numbers, edgecolors=[...]), the
# errors for bad colours; the PNG sizes savefig writes with bbox_inches='tight' (what the inline backend
# shows). Expected output recorded from matplotlib 3.6.3.
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


def rgba(c):
    return tuple(round(float(v), 4) for v in c)


class Sink:
    def __init__(self):
        self.chunks = []

    def write(self, b):
        self.chunks.append(b)

    def byte(self, i):
        for c in self.chunks:
            if i < len(c):
                return c[i]
            i -= len(c)
        raise IndexError(i)


def png_size(fig, **kw):
    s = Sink()
    fig.savefig(s, format="png", **kw)
    d = [s.byte(i) for i in range(24)]   # IHDR: width and height, big-endian
    return (d[16] << 24 | d[17] << 16 | d[18] << 8 | d[19], d[20] << 24 | d[21] << 16 | d[22] << 8 | d[23])


fig, ax = plt.subplots()
bars = ax.bar(["RNN", "LSTM", "GRU"], [80, 86, 85], color=["C0", "C1", "C2"], label="accuracy")
print([rgba(b.get_facecolor()) for b in bars])
print([rgba(b.get_edgecolor()) for b in bars])
bars = ax.bar([1, 2, 3], [3, 1, 2], color=["red", "green"], edgecolor="k", alpha=0.5)
print([rgba(b.get_facecolor()) for b in bars])
print([rgba(b.get_edgecolor()) for b in bars])
bars = ax.bar([1, 2, 3], [3, 1, 2], color=[1, 0, 0])
print([rgba(b.get_facecolor()) for b in bars])
bars = ax.bar([1, 2, 3], [3, 1, 2], color=np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1.0]]), edgecolor=["k", "r", "b"])
print([rgba(b.get_facecolor()) for b in bars])
print([rgba(b.get_edgecolor()) for b in bars])
bars = ax.barh([0, 1], [2, 3], color=[(0.1, 0.2, 0.3), "#ff8000"])
print([rgba(b.get_facecolor()) for b in bars])
handles, labels = ax.get_legend_handles_labels()
print(len(handles), labels)
ax.legend()
print(ax.get_legend() is not None)
for bad in (["red", "nocolor"], [[1, 2, 3]], "nocolor"):
    try:
        ax.bar([1, 2], [3, 1], color=bad)
    except ValueError as e:
        print("ValueError:", e)

fig, ax = plt.subplots()
ax.scatter([1, 2, 3], [3, 1, 2], c=["red", "green", "blue"])
ax.scatter([1, 2, 3], [3, 1, 2], c=np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1.0]]), edgecolors=["k", "r"])
ax.scatter([1, 2, 3], [3, 1, 2], c=np.array([1.0, 2.0, 3.0]), cmap="viridis")
ax.scatter([1, 2, 3], [3, 1, 2], c=[(1, 0, 0), (0, 1, 0), (0, 0, 1)], s=200)
for bad in (["red", "nocolor", "blue"], ["red", "blue"]):
    try:
        ax.scatter([1, 2, 3], [3, 1, 2], c=bad)
    except ValueError as e:
        print("ValueError:", e)

# bbox_inches='tight' (the inline backend's default): cropped to what is drawn plus 0.1 inch
fig = plt.figure(figsize=(2, 2))
plt.imshow([[0, 1], [1, 0]], cmap="gray")
plt.title("x")
print(png_size(fig), png_size(fig, bbox_inches="tight"))
fig, axes = plt.subplots(1, 4, figsize=(6, 2))
for k, ax in enumerate(axes):
    ax.imshow(np.zeros((28, 28)), cmap="gray", interpolation="nearest")
    ax.set_title("class %d" % k, fontsize=8)
    ax.axis("off")
print(png_size(fig), png_size(fig, bbox_inches="tight"))
