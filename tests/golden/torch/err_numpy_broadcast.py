# An uncaught NumPy broadcasting error: traceback and exit status 1.
import numpy as np

x = np.random.rand(3, 4) if False else np.ones((3, 4))
y = np.arange(3)
print(x.shape, y.shape)
z = x * y
print(z)
