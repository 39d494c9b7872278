# The NumPy subset the tutorials use: creation, dtypes, arithmetic and broadcasting, reductions,
# shapes (reshape, transpose, .T), copies and astype.
import numpy as np

a = np.array([1, 2, 3])
b = np.array([1.5, -2.0, 3.25])
c = np.array([[1, 2], [3, 4]], dtype=np.float32)
print(a, a.dtype, a.shape, a.ndim, a.size)
print(b, b.dtype)
print(c, c.dtype, c.itemsize, c.nbytes)
print(np.array([True, False]), np.array([True, False]).dtype)
print(np.array([1, 2.5]).dtype, np.array([[1], [2]]).shape)
print(np.array(5), np.array(5).shape, np.array(5).ndim)

print(np.zeros(3), np.zeros((2, 3)).shape, np.zeros(2, dtype=np.int64))
print(np.ones(4), np.ones((2, 2), dtype=np.float32))
print(np.ones((2, 3), dtype=int))
print(np.arange(5), np.arange(2, 10, 3), np.arange(0.0, 1.0, 0.25), np.arange(5).dtype)
print(np.arange(3, dtype=np.float32), np.arange(1, 2, 0.5).dtype)
print(np.zeros_like(c), np.ones_like(a), np.full((2, 2), 7), np.eye(2))
print(np.linspace(0, 1, 5), np.empty(0).shape)

# dtypes
print(np.float64, np.float32, np.int64)
print(np.dtype('float32'), np.dtype(np.int64), np.dtype(float), np.dtype('f8'))
print(np.float32 == np.dtype('float32'), np.dtype('int64') == np.int64, a.dtype == np.int64)
print(repr(np.dtype('float32')), a.dtype.name, b.dtype.itemsize)

# astype
z = np.zeros(3)
f = z.astype(np.float32)
print(f.dtype, f, z.dtype)
print(b.astype(int), b.astype(np.int64).dtype, a.astype(float), a.astype('float32').dtype)
print(np.array([0, 1, 2]).astype(bool), np.array([-1.7, 2.9]).astype(np.int64))
same = b.astype(np.float64)
same[0] = 100
print(b[0], same[0])

# arithmetic and broadcasting
print(a + 1, a * 2, a - 0.5, a / 2, a // 2, a % 2, a ** 2, -a)
print(1 - a, 2 / a, 10 // a, 2 ** a)
print(a + b, a * b, b - a, b / a)
m = np.arange(6).reshape(2, 3)
print(m + np.array([10, 20, 30]))
print(m * np.array([[1], [2]]))
print(np.array([[1], [2], [3]]) + np.array([10, 20]))
print(c + 1, (c + 1).dtype, (c + 1.5).dtype, (c * np.float64(2)).dtype, (c + np.ones(2)).dtype)
print((a + np.float32(1)).dtype, (a * 1.0).dtype, (a / a).dtype, (a == 2), a > 1)
print(np.add(a, 1), np.subtract(a, b), np.multiply(c, c), np.divide(a, 4), np.power(a, 3))
print(np.exp(np.array([0.0, 1.0])), np.log(np.array([1.0, np.e])), np.sqrt(np.array([4.0, 2.0])))
print(np.abs(np.array([-1, 2, -3])), np.tanh(np.array([0.0, 0.5])))

# in-place and out=
d = np.ones(3)
d += 1
d *= np.array([1.0, 2.0, 3.0])
d -= 0.5
d /= 2
print(d)
e = np.zeros(3)
np.add(e, 1, out=e)
np.multiply(e, 3, out=e)
print(e)
r = np.maximum(np.array([-1.0, 2.0, -3.0]), 0, out=np.empty(3))
print(r)
i = np.arange(3)
i += 2
print(i, i.dtype)

# dot, .T, maximum, square, sum, mean
x = np.arange(6.0).reshape(2, 3)
w = np.arange(12.0).reshape(3, 4) / 10
print(x.dot(w))
print(np.dot(x, w), np.dot(a, a), np.dot(a, b))
print(x @ w)
print(x.T, x.T.shape, x.T.T.shape)
print(np.maximum(x - 2, 0), np.maximum(a, 2.5), np.minimum(a, 2))
print(np.square(x), np.square(a), np.square(a).dtype)
print(x.sum(), x.sum(axis=0), x.sum(axis=1), x.sum(0, keepdims=True), np.sum(x), np.sum(a))
print(x.mean(), x.mean(axis=0), x.mean(axis=1), np.mean(a), a.mean(), a.mean().dtype)
print(x.max(), x.min(axis=1), x.argmax(), np.argmax(x, axis=0), x.std(), x.var())
print(c.sum(), c.sum().dtype, c.mean().dtype, np.square(c).sum(), a.sum().dtype, a.prod())

# copy
y = x.copy()
y[0, 0] = 99
print(x[0, 0], y[0, 0])
v = x.T
v[0, 1] = -5
print(x[1, 0])
z2 = np.copy(x)
z2 += 1
print(x.sum(), z2.sum())

# reshape / transpose
r = np.arange(24)
print(r.reshape(2, 3, 4).shape, r.reshape((4, 6)).shape, r.reshape(-1, 8).shape, r.reshape(3, -1).shape)
t3 = r.reshape(2, 3, 4)
print(np.transpose(t3).shape, np.transpose(t3, (1, 2, 0)).shape, t3.transpose(2, 0, 1).shape)
print(t3.transpose((0, 2, 1))[1])
print(t3.flatten()[:5], t3.ravel()[-3:], t3.T.flatten()[:6])
print(np.transpose(t3, (1, 2, 0))[0])
print(np.transpose(np.arange(6).reshape(1, 2, 3), (1, 2, 0)))
print(t3.reshape(6, 4).T.reshape(2, 12))
print(np.squeeze(np.zeros((1, 3, 1))).shape, np.expand_dims(a, 0).shape, a[None].shape, a[:, None].shape)
print(np.concatenate([a, a]), np.stack([a, a]), np.vstack([a, a]).shape, np.hstack([a, a]).shape)

# astype keeps the memory order (order='K') and copy=False returns the array itself
ft = np.arange(4).reshape(2, 2).T
for dt in (np.float32, np.float64, np.int64, np.bool_, 'f4', float, int):
    y = ft.astype(dt)
    print(y.dtype, y.tolist(), y.flags['C_CONTIGUOUS'], y.flags['F_CONTIGUOUS'], y.T.astype(dt).flags['C_CONTIGUOUS'])
z = np.zeros(3)
z2 = z.astype(np.float64, copy=False)
z2[0] = 5
z3 = z.astype(np.float32, copy=False)
z3[1] = 6
print(z, z2 is z, z3.dtype, np.float64(2.5).astype(np.float32), type(np.float64(2.5).astype(int)).__name__)
print(np.arange(10.0)[::2].astype(np.int64), np.arange(6).reshape(2, 3)[:, 1:].astype(np.float32))
print(ft.copy().flags['C_CONTIGUOUS'], np.copy(ft).flags['F_CONTIGUOUS'], ft.flatten(), ft.ravel())
