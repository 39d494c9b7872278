# An uncaught out= casting error prints NumPy's qualified exception name.
import numpy as np

a = np.arange(3)
np.add(a, 0.5, out=a)
