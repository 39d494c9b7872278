# np.clip and ndarray.clip: both bounds, one bound (None or by keyword), out=, floats, and a tensor bridge.
import numpy as np
import torch

a = np.arange(6) - 2
print(np.clip(a, 0, 2), a.clip(max=1), a.clip(-1, None), np.clip(a, None, 0))
o = np.zeros(6, dtype=np.int64)
r = np.clip(a, 0, 1, out=o)
print(o, r is o)
f = np.linspace(-1.0, 1.0, 5)
print(np.clip(f, -0.5, 0.25), f.clip(min=0.0).dtype)
t = torch.from_numpy(np.clip(f, 0.0, 1.0))
print(t)
