# Basic indexing: integers, negative indices, slices with steps, Ellipsis, None, assignment to
# elements / rows / columns / blocks (x[1:3, 1:3] = 2), writes through views.
import torch
x = torch.arange(16).view(4, 4)
print(x[0], x[-1], x[1, 2], x[1][2], x[-1, -1], x[2, -3])
print(x[1:3], x[:, 1], x[:, -1], x[1:, :2], x[::2], x[:, ::2], x[::2, 1::2], x[1:3, 1:3])
print(x[..., 0], x[0, ...], x[..., 1:3].shape, x[None].shape, x[:, None].shape, x[1, None].shape)
print(x[3:1], x[:0].shape, x[10:].shape, x[-100:2].shape, x[:, 4:].shape)
print(x[0].shape, x[0, 0].shape, x[0:1].shape, x[:, 0:1].shape, x[0, 0].item(), x[0, 0].dim())
y = torch.zeros(4, 4)
y[1:3, 1:3] = 2
print(y)
y[0] = 1
y[:, -1] = torch.tensor([5.0, 6.0, 7.0, 8.0])
y[3, 0] = -1
print(y)
y[::2, ::2] = 9
print(y)
y[...] = 0.5
print(y[0], y.sum())
y[:, 1] += 1
y[2] *= 3
print(y)
z = torch.arange(10.)
z[2:5] = torch.tensor([20.0, 30.0, 40.0])
z[-2:] = 0
z[::3] = -1
print(z)
row = x[1]
row[0] = 99
print(x[1], "<- a row view writes into x")
sub = x[1:3, 1:3]
sub.fill_(0)
print(x)
t3 = torch.arange(24).view(2, 3, 4)
print(t3[1, 2, 3], t3[0, :, 1], t3[:, 1, :], t3[..., -1], t3[1, ..., 0], t3[:, :, ::3].shape)
print(t3[-1, -1], t3[0][1][2], t3[0, 1:, 1:], t3[:, None, 0].shape)
s = torch.tensor([1.5, 2.5, 3.5])
print(s[0], s[-1], s[1:], s[5:], s[0].item(), float(s[2]))
s[1] = 0
print(s)
b = torch.ones(2, 3, dtype=torch.bool)
b[0, 1] = False
print(b, b[0], b[:, 1])
i = torch.zeros(3, dtype=torch.int64)
i[0] = 3.9
i[1] = True
print(i)
n = torch.arange(5)
n[n.shape[0] - 1] = 100
print(n, n[torch.tensor(2)], n[1:3])
