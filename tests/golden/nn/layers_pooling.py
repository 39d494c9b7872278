# Pooling layers: nn.MaxPool2d (stride defaulting to the kernel size, padding, dilation, ceil_mode,
# return_indices), nn.AvgPool2d (padding with and without count_include_pad, ceil_mode, divisor_override)
# and nn.AdaptiveAvgPool2d (int, tuple, None entries, sizes that do not divide) — reprs, outputs, indices,
# the grad_fn names and the gradients they route back.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.arange(1., 26.).view(1, 1, 5, 5)
r = torch.randn(2, 3, 6, 7)

pools = [
    nn.MaxPool2d(2),
    nn.MaxPool2d(2, stride=2),
    nn.MaxPool2d(3, stride=2, padding=1),
    nn.MaxPool2d((2, 3), stride=(1, 2)),
    nn.MaxPool2d(2, ceil_mode=True),
    nn.MaxPool2d(2, stride=1, dilation=2),
    nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
]
for pool in pools:
    print(pool)
    print("  ", pool(x).shape, pool(r).shape, pool.kernel_size, pool.stride, pool.padding)
print(pools[0](x))
print(pools[2](x))
print(pools[4](x))

mp = nn.MaxPool2d(2, return_indices=True)
print(mp)
out, idx = mp(r)
print(out[0, 0], idx[0, 0], idx.dtype)
out, idx = nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True, return_indices=True)(x)
print(out, idx)

# the gradient goes to the position of each maximum
rr = r.clone().requires_grad_()
y = nn.MaxPool2d(2, ceil_mode=True)(rr)
print(type(y.grad_fn).__name__, y.shape)
y.sum().backward()
print(rr.grad[0, 0])
# overlapping windows: a maximum shared by two windows gets both gradients
t = torch.tensor([[[[1., 5., 2.], [0., 3., 4.], [1., 1., 1.]]]], requires_grad=True)
F.max_pool2d(t, 2, stride=1).sum().backward()
print(t.grad)

avgs = [
    nn.AvgPool2d(2),
    nn.AvgPool2d(3, stride=2, padding=1),
    nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False),
    nn.AvgPool2d(2, ceil_mode=True),
    nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False),
    nn.AvgPool2d((2, 3), stride=1, divisor_override=2),
]
for pool in avgs:
    print(pool)
    print("  ", pool(x).shape, pool(r).shape)
    print("  ", pool(x)[0, 0].tolist())
xa = x.clone().requires_grad_()
y = nn.AvgPool2d(3, stride=2, padding=1)(xa)
print(type(y.grad_fn).__name__)
y.sum().backward()
print(xa.grad)

adapt = [
    nn.AdaptiveAvgPool2d((1, 1)),
    nn.AdaptiveAvgPool2d(1),
    nn.AdaptiveAvgPool2d(3),
    nn.AdaptiveAvgPool2d((2, 4)),
    nn.AdaptiveAvgPool2d((None, 2)),
    nn.AdaptiveAvgPool2d((5, 7)),
]
for pool in adapt:
    print(pool, pool(x).shape, pool(r).shape)
print(adapt[2](x))
print(adapt[3](r)[1, 2])
print(torch.allclose(adapt[0](r).flatten(1), r.mean((2, 3))))
ra = r.clone().requires_grad_()
y = nn.AdaptiveAvgPool2d((4, 3))(ra)
print(type(y.grad_fn).__name__)
y.sum().backward()
print(ra.grad[0, 0])

# unbatched (C, H, W) input
print(nn.MaxPool2d(2)(r[0]).shape, nn.AvgPool2d(2)(r[0]).shape, nn.AdaptiveAvgPool2d(2)(r[0]).shape)
