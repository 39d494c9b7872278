# ndarray indexing: ints, slices, negative steps, None/Ellipsis, boolean masks (read and assignment),
# integer arrays, and views sharing memory with their base.
import numpy as np

a = np.arange(12).reshape(3, 4)
print(a[0], a[-1], a[1, 2], a[1][2], type(a[1, 2]).__name__)
print(a[:, 1], a[1:, ::2], a[::-1], a[:, ::-1][0], a[..., 0], a[None, 0].shape, a[:, None, :].shape)
print(a[0:2, 1:3], a[-2:], a[5:], a[:, 10:].shape)
b = a[1:, 1:]
b[0, 0] = 100
print(a)
a[0] = -1
a[:, 3] = np.array([7, 8, 9])
a[2, :2] = 0.9
print(a)

# boolean masks
x = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
print(x[x > 0], x[x < 0].shape, x > 0, (x > 0).dtype, (x > 0).sum(), np.count_nonzero(x))
x[x < 0] = 0
print(x)
h = np.array([[1.0, -2.0], [-3.0, 4.0]])
g = np.ones((2, 2)) * 5
g[h < 0] = 0
print(g, h[h > 0])
m = np.arange(6).reshape(2, 3)
m[m % 2 == 1] = -m[m % 2 == 1]
print(m)
m[np.array([True, False])] = 99
print(m)
print(x[(x > 0) & (x < 2)], x[~(x > 0)], np.where(x > 0, x, -1.0), np.where(h < 0))

# integer arrays
v = np.arange(10) * 10
print(v[[1, 3, 5]], v[np.array([0, -1])], v[np.arange(3)], a[[0, 2]], a[[0, 1], [1, 2]])
v[[0, 1]] = 5
print(v)
w = np.zeros(5)
w[np.array([1, 3])] += 1
print(w)

# iteration, len, in, scalars from indexing
for row in np.arange(6).reshape(3, 2):
    print(row, row.sum())
print(len(a), len(np.zeros((4, 2))), [float(t) for t in np.array([0.5, 1.5])])
print(3 in np.arange(5), 7 in np.arange(5))
s = np.arange(5.0)
print(s[2], s[2] * 2, type(s[2] * 2).__name__, s[-1] + 1, s[s > 2][0])
print(np.arange(6).reshape(2, 3)[1, -1], np.array([[True]])[0, 0])
