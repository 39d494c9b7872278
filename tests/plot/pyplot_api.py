# matplotlib.pyplot's API as notebooks use it: figures and axes, autoscaled limits (margins, sticky bars and images),
# format strings, histogram counts, savefig to a file object (PNG size from its header), errors.
# Expected output recorded from matplotlib 3.6.3.
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt


class Sink:
    """A binary file object: keeps the chunks savefig writes."""

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
    assert [s.byte(i) for i in range(8)] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    w = ((s.byte(16) * 256 + s.byte(17)) * 256 + s.byte(18)) * 256 + s.byte(19)
    h = ((s.byte(20) * 256 + s.byte(21)) * 256 + s.byte(22)) * 256 + s.byte(23)
    return w, h


def lims(ax):
    return tuple(round(v, 6) for v in ax.get_xlim() + ax.get_ylim())


fig = plt.figure()
print(repr(fig), fig.get_size_inches().__class__.__name__ if False else tuple(fig.get_size_inches()), fig.dpi)
lines = plt.plot([0, 1, 2, 3], [1, 4, 9, 16], "ro--", label="squares")
print(len(lines), lines[0].get_color(), lines[0].get_linestyle(), lines[0].get_marker(), lines[0].get_label())
print(lims(plt.gca()))
plt.xlim(-1, 5)
print(plt.xlim(), lims(plt.gca()))
plt.title("T")
plt.xlabel("x")
plt.ylabel("y")
print(plt.gca().get_title(), plt.gca().get_xlabel(), plt.gca().get_ylabel())
print(png_size(fig), png_size(fig, dpi=50))
plt.close(fig)
print(plt.get_fignums())

fig, ax = plt.subplots(figsize=(4, 3), dpi=80)
ax.plot([5, 6, 7])
print(repr(fig), lims(ax), png_size(fig))
fig, axes = plt.subplots(2, 3)
print(axes.shape, len(axes.flat if False else axes.ravel()), len(fig.axes))
fig, axes = plt.subplots(1, 3)
print(axes.shape)

plt.figure()
counts, edges, patches = plt.hist([1, 2, 2, 3, 3, 3, 4, 4, 4, 4], bins=4)
print([float(c) for c in counts], [float(e) for e in edges], len(patches))
print(lims(plt.gca()))
n, b, p = plt.hist([0.5, 1.5, 1.5, 2.5], bins=[0, 1, 2, 3], density=True)
print([float(c) for c in n])
plt.clf()
bars = plt.bar(["a", "b", "c"], [3, 1, 2])
print(len(bars), lims(plt.gca()))
plt.clf()
plt.barh([0, 1], [5, 2])
print(lims(plt.gca()))
plt.clf()
plt.imshow([[0, 1, 2], [3, 4, 5]])
print(lims(plt.gca()))
plt.clf()
plt.imshow([[0, 1], [2, 3]], origin="lower", extent=(0, 4, 0, 2))
print(lims(plt.gca()))
plt.clf()
plt.scatter([1, 2, 3], [3, 1, 2], s=[10, 20, 30], c="k")
print(lims(plt.gca()))
plt.clf()
plt.plot([3])
print(lims(plt.gca()))
plt.clf()
plt.plot([2, 2, 2])
print(lims(plt.gca()))
plt.clf()
ax = plt.subplot(2, 2, 3)
print(ax is plt.subplot(2, 2, 3), ax is plt.gca(), len(plt.gcf().axes))
plt.subplot(221)
print(len(plt.gcf().axes))
plt.axis("off")
print(png_size(plt.gcf()))
plt.close("all")
print(plt.get_fignums())

for bad in ["rx-o", "q", "--:"]:
    try:
        plt.plot([1, 2], bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    plt.imshow([[[1, 2, 3, 4, 5]]])
except TypeError as e:
    print("TypeError:", e)
try:
    plt.subplot(2, 2, 5)
except ValueError as e:
    print("ValueError:", e)
try:
    plt.plot([1, 2, 3], [1, 2])
except ValueError as e:
    print("ValueError:", e)
try:
    plt.gcf().savefig(Sink(), format="jpgx")
except ValueError as e:
    print("ValueError:", str(e).split(" (")[0])
plt.close("all")
