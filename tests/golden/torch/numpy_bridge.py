# The tensor <-> NumPy bridge of the PyTorch 60-minute blitz: both directions share memory.
import torch
import numpy as np

a = torch.ones(5)
print(a)
b = a.numpy()
print(b)
a.add_(1)
print(a)
print(b)

a = np.ones(5)
b = torch.from_numpy(a)
np.add(a, 1, out=a)
print(a)
print(b)

# the other way round: writes through the array are seen by the tensor
t = torch.zeros(2, 3)
n = t.numpy()
n[0, 1] = 7
n[1] += 2
print(t)
print(n.dtype, n.shape, type(n).__name__)
t.mul_(3)
print(n)

# dtypes follow each other
for dt in (torch.float32, torch.float64, torch.int64, torch.int32, torch.uint8, torch.bool):
    x = torch.zeros(2, dtype=dt)
    print(dt, x.numpy().dtype)
for dt in (np.float32, np.float64, np.int64, np.int32, np.uint8, np.bool_):
    x = np.zeros(2, dtype=dt)
    print(np.dtype(dt), torch.from_numpy(x).dtype)

# from_numpy of a non-contiguous view keeps the strides
m = np.arange(12).reshape(3, 4)
mt = torch.from_numpy(m.T)
print(mt.shape, mt.stride(), mt.is_contiguous())
m[0, 0] = 100
print(mt[0])

# as_tensor shares, tensor copies
src = np.array([1.0, 2.0, 3.0])
shared = torch.as_tensor(src)
copied = torch.tensor(src)
src[0] = -1
print(shared, copied)

# a tensor that requires grad must be detached first
w = torch.ones(3, requires_grad=True)
try:
    w.numpy()
except RuntimeError as e:
    print(type(e).__name__, e)
print(w.detach().numpy())
y = w * 2
try:
    y.numpy()
except RuntimeError as e:
    print(type(e).__name__, e)
print(y.detach().numpy())

# 0-d and empty
print(torch.tensor(3.5).numpy(), torch.tensor(3.5).numpy().shape)
print(torch.zeros(0, 3).numpy(), torch.zeros(0, 3).numpy().shape)
print(torch.from_numpy(np.array(2.5)))
print(torch.from_numpy(np.float64(2.5) * np.ones(2)))

# the tutorial's np.transpose before plt.imshow
img = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4) / 2 + 0.5
npimg = img.numpy()
hwc = np.transpose(npimg, (1, 2, 0))
print(hwc.shape)
print(hwc)
print(hwc.flags['C_CONTIGUOUS'] if hasattr(hwc, 'flags') else None)
