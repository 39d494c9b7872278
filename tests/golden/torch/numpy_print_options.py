# NumPy's print format across magnitudes (fixed vs scientific, suppression of small values), float32
# next to float64, summarised and wrapped arrays, and np.set_printoptions / printoptions / array2string.
import numpy as np
np.random.seed(1)
for scale in (1e-8, 1e-4, 1e-3, 0.1, 1, 10, 1000, 1e5, 1e7, 1e8, 1e15, 1e17):
    a = np.random.randn(7) * scale
    print(a)
    print(a.astype(np.float32))
    print(np.round(a, 2))
    print(repr(a[:3]))
    print(a.reshape(7, 1)[:3])
    print(a.sum(), a.astype(np.float32).sum(), a.max(), np.float32(a[0]))
print(np.array([1.0, 2.0, 3.0]) / 7)
print(np.array([100.0, 2.5]), np.array([1e3, 1.123]), np.array([0.5, 1e-4]), np.array([0.0001, 0.001]))
print(np.array([1, 10, 100]) * 1.0, np.array([-0.5, 0.25]), np.array([1e-300, 1e300]))
print(np.array([[np.inf, 1.0], [2.0, np.nan]]), np.array([np.nan]), np.array([-np.inf, 0.5]))
print(np.array([12345678.9, 1.0]), np.array([0.1 + 0.2]), np.array([1/3, 2/3], dtype=np.float32))
print(np.arange(-5, 5).reshape(2, 5), np.arange(-500, 500, 100), np.array([-1234567890123]))
print(np.array([[1.5, -2.25], [1000.125, 0]]))
print(np.arange(1100).reshape(2, 550)[:, :4], np.arange(1100.0) / 3)
print(np.ones((3, 400)))
print(np.zeros((1001,), dtype=bool))
print(np.arange(2 * 3 * 200).reshape(2, 3, 200))
np.set_printoptions(precision=3)
print(np.array([1/3, 2/3]), np.float64(1/3))
np.set_printoptions(precision=8, suppress=True)
print(np.array([1e-10, 1.0]), np.array([1e-5, 1.0]))
np.set_printoptions(suppress=False, threshold=5)
print(np.arange(10))
np.set_printoptions(threshold=1000, linewidth=40)
print(np.arange(30))
np.set_printoptions(linewidth=75)
print(np.array2string(np.array([1.0, 2.0]), precision=2, separator=', '))
with np.printoptions(precision=2):
    print(np.array([3.14159]))
print(np.array([3.14159]))
# left set on purpose: the next script (a fresh interpreter) must start from the defaults again
np.set_printoptions(precision=3, threshold=10, linewidth=50)
print(np.arange(20) / 7)
