# Tensors and ndarrays together: torch.tensor/Tensor/as_tensor of arrays and NumPy scalars, mixed
# arithmetic, NumPy ints as sizes and indices, gradients read as arrays, memory shared after del.
import numpy as np
import torch
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
show(lambda: torch.tensor(np.array([1.0, 2.0])))
show(lambda: torch.tensor(np.array([1, 2])).dtype)
show(lambda: torch.tensor(np.float64(1.5)))
show(lambda: torch.tensor([np.float64(1.5), np.float64(2)]))
show(lambda: torch.from_numpy(np.arange(4.0)).float())
show(lambda: torch.Tensor(np.arange(3.0)))
show(lambda: torch.FloatTensor(np.arange(3.0)) if hasattr(torch, 'FloatTensor') else None)
show(lambda: torch.ones(2) * np.float64(2.0))
show(lambda: (torch.ones(2) * np.float64(2.0)).dtype)
show(lambda: np.float64(2.0) * torch.ones(2))
show(lambda: torch.ones(2) + np.ones(2))
show(lambda: np.ones(2) + torch.ones(2))
show(lambda: torch.ones(3)[np.int64(1)])
show(lambda: torch.zeros(np.int64(2), 3).shape)
show(lambda: torch.arange(6).reshape(2, 3).numpy().T)
show(lambda: np.array(torch.arange(3)))
show(lambda: np.asarray(torch.arange(3.0)))
show(lambda: torch.tensor(3.5).item())
show(lambda: torch.ones(2, 2).numpy().sum())
show(lambda: torch.as_tensor(np.arange(3), dtype=torch.float32))
show(lambda: torch.from_numpy(np.arange(3)).requires_grad_())
show(lambda: torch.from_numpy(np.arange(3.0)).requires_grad_())
show(lambda: torch.from_numpy(np.zeros(3, dtype=np.float32)).numpy().dtype)
show(lambda: torch.stack([torch.from_numpy(np.ones(2)), torch.from_numpy(np.zeros(2))]))
show(lambda: np.stack([torch.ones(2).numpy(), torch.zeros(2).numpy()]))
x = torch.randn(3, requires_grad=True)
y = (x * 2).sum()
y.backward()
show(lambda: x.grad.numpy())
show(lambda: x.grad.numpy().shape)
a = torch.ones(5)
b = a.numpy()
np.add(b, 1, out=b)
print(a)
b[:] = 7
print(a)
b += 1
print(a)
a[0] = -1
print(b)
del a
print(b)
n = np.ones((2, 2))
t = torch.from_numpy(n)
del n
t.add_(5)
print(t)
show(lambda: torch.from_numpy(np.arange(6).reshape(2, 3)[:, ::2]))
show(lambda: torch.from_numpy(np.arange(6)[::-1]))
show(lambda: np.ones(2).tolist())
show(lambda: type(torch.ones(2).numpy()[0]).__name__)
show(lambda: torch.tensor(np.array([True, False])))
show(lambda: torch.ones(2, 3).numpy().strides)
show(lambda: torch.ones(2, 3).t().numpy().strides)
show(lambda: torch.ones(2, 3).t().numpy().flags['C_CONTIGUOUS'])
print(torch.zeros(np.int64(2)).shape, torch.zeros(np.int64(2), np.int32(3)).shape, torch.zeros((np.int64(2),)).shape)
show(lambda: torch.Tensor(np.array(2.0)))
show(lambda: torch.LongTensor(np.arange(3.5)))
# requires_grad only blocks numpy() while grad mode is on; force=True detaches
w = torch.ones(2, requires_grad=True)
with torch.no_grad():
    print(w.numpy())
    print(np.array(w))
print(w.numpy(force=True))
print((w * 2).numpy(force=True))
try:
    np.array(w)
except RuntimeError as e:
    print(e)
try:
    with torch.no_grad():
        print(np.array(w) + w.numpy() + (w * 2).numpy() + torch.ones(2).numpy()[5])
except IndexError as e:
    print(type(e).__name__, e)
print(np.array(w.detach()), np.asarray(torch.arange(3)).dtype, np.array(torch.arange(3), dtype=np.float32))
