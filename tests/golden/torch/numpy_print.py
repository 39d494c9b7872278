# NumPy 1.24's print format: str and repr of arrays of several shapes and dtypes, summarisation of
# large arrays with '...', line wrapping, and NumPy scalars (repr-style shortest floats).
import numpy as np

print(np.array([1.0, 2.5, -3.0]))
print(np.array([0.1, 0.2, 0.3]) * 3)
print(np.array([1e-5, 1.0]), np.array([1e8, 1.0]), np.array([1e16, 1.0]), np.array([123456789.0, 0.5]))
print(np.array([1e-10, 2e-10]), np.array([0.0, -0.0]), np.array([np.nan, np.inf, -np.inf, 1.0]))
print(np.array([1, -2, 300]), np.array([-1, -22]), np.array([0]), np.array([], dtype=np.int64))
print(np.array([True, False, True]), np.array([[True], [False]]))
print(np.array([1.5, 2.25], dtype=np.float32), np.array([0.1], dtype=np.float32), np.array([1/3], dtype=np.float32))
print(np.arange(12).reshape(3, 4))
print(np.arange(24.0).reshape(2, 3, 4) - 10)
print(np.arange(16).reshape(2, 2, 2, 2))
print(np.zeros((2, 0)), np.zeros((0,)), np.ones((1, 1, 1)))
print(np.array(3.0), np.array(-7), np.array(True))

# summarisation (more than 1000 elements)
print(np.arange(1001))
print(np.arange(2000.0).reshape(40, 50))
print(np.arange(3000).reshape(10, 10, 30))
print(np.arange(1000))
print(np.linspace(-1, 1, 1500, dtype=np.float32) if 'dtype' in np.linspace.__doc__ else np.linspace(-1, 1, 1500).astype(np.float32))

# line wrapping at 75 characters
print(np.arange(40))
print(np.arange(30) * 1.5)
print(np.arange(30).reshape(2, 15) * 1000)
np.random.seed(3)
print(np.random.randn(3, 7))
print(np.random.rand(2, 3).astype(np.float32))

# repr
print(repr(np.array([1.0, 2.0])), repr(np.array([1, 2])), repr(np.array([1.0, 2.0], dtype=np.float32)))
print(repr(np.arange(6).reshape(2, 3)))
print(repr(np.zeros((2, 2), dtype=np.float32)))
print(repr(np.array([], dtype=np.float32)), repr(np.array([True])), repr(np.array(2.5)))
print(repr(np.arange(40.0)))
print([np.array([1, 2]), np.array([0.5])])

# NumPy scalars
a = np.arange(4.0)
print(a.sum(), a.mean(), repr(a.sum()), str(a.max()), a[1], type(a[1]).__name__)
print(np.float64(0.1), np.float64(0.1) + np.float64(0.2), np.float64(1e20), np.float64(1e-7), np.float64(2.0))
print(np.float32(0.1), np.float32(1 / 3), repr(np.float32(2.5)), np.float32(1e20))
print(np.int64(5), repr(np.int64(-3)), np.arange(3).sum(), np.bool_(True), np.array([1, 2]) [0] == 1)
print(np.array([1.0, 2.0]).sum() / 3, np.sqrt(np.float64(2.0)), np.float64(3) * 2, float(np.float64(1.5)), int(np.int64(9)))
print('%.3f %d %s %r' % (np.float64(1.23456), np.int64(7), np.float32(0.25), np.float64(0.5)))
print('{:.2f} {} {:>6}'.format(np.float64(2.345), np.float64(0.1), np.int64(42)))
print(f'{np.float64(1 / 3):.4g} {np.float32(0.1)} {a.sum()}')
print(round(np.float64(2.567), 1), np.round(np.float64(2.567), 2), abs(np.float64(-2.0)), -np.float64(1.5))
print(np.float64(7.0).item(), type(np.float64(7.0).item()).__name__, a.tolist(), np.arange(3).tolist())
print(np.float64(np.nan), np.float64(np.inf), np.float64(-0.0), np.float64(1e16), np.float64(123456789012.5))
