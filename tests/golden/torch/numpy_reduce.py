# Reductions (axis tuples, keepdims, dtype=, pairwise float32/float64 sums as NumPy orders them),
# in-place updates through views, and dot/@ over vectors, matrices and scalars with their dtypes.
import numpy as np
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = np.arange(24.0).reshape(2, 3, 4)
show(lambda: x.sum(axis=(0, 2)))
show(lambda: x.mean(axis=-1, keepdims=True).shape)
show(lambda: x.max(axis=1))
show(lambda: x.argmax(axis=2))
show(lambda: x.min(0).min(0))
show(lambda: np.sum(x, axis=1, dtype=np.float32).dtype)
show(lambda: x[:, 1].sum())
show(lambda: (x > 10).any(), )
show(lambda: (x > 10).all(axis=0))
show(lambda: np.mean(x, axis=(1, 2)))
show(lambda: x.std(axis=0))
show(lambda: np.var(x, ddof=1))
show(lambda: x.cumsum(axis=1)[0])
show(lambda: x.prod(axis=2)[0])
show(lambda: np.sum(np.ones(10001) * 0.1))
show(lambda: np.ones(100000, dtype=np.float32).sum() / 3)
show(lambda: (np.arange(100000, dtype=np.float32) * 0.01).sum())
show(lambda: (np.arange(100000, dtype=np.float32) * 0.01).mean())
show(lambda: np.random.RandomState(0).randn(1000, 10).sum(axis=0))
show(lambda: np.random.RandomState(0).randn(1000, 10).astype(np.float32).sum(axis=0))
show(lambda: np.random.RandomState(0).randn(10, 1000).astype(np.float32).sum(axis=1))
show(lambda: np.random.RandomState(0).randn(10, 1000).mean(axis=1))
v = x[0]
v += 100
show(lambda: x[0, 0])
v2 = x[:, ::2, 1:3]
v2 *= -1
show(lambda: x)
show(lambda: x.T.shape)
show(lambda: x.T[0].sum())
m = np.zeros((3, 3))
m[1:, 1:] = np.array([[1, 2], [3, 4]])
m[0] = np.arange(3)
m[:, 0] += 10
show(lambda: m)
show(lambda: m[m > 2].shape)
m[m > 2] *= 2
show(lambda: m)
show(lambda: np.dot(m, m.T))
show(lambda: m.dot(np.ones(3)))
show(lambda: np.ones(3).dot(m))
show(lambda: np.dot(2, m)[0])
show(lambda: np.dot(np.float32(2), np.ones(2, dtype=np.float32)).dtype)
show(lambda: (np.ones((2, 3), dtype=np.float32) @ np.ones((3, 2))).dtype)
show(lambda: np.ones((2, 3), dtype=np.int64).dot(np.ones((3, 2), dtype=np.int64)))
