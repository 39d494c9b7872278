# nn.BatchNorm1d (on (N, C) and (N, C, L) inputs) and nn.BatchNorm2d: reprs, parameters and buffers, the
# batch statistics in training mode (biased variance to normalise, unbiased for running_var), the running
# stats after several batches (momentum 0.1 and momentum=None, the cumulative average), num_batches_tracked,
# eval mode using the running stats, affine=False, track_running_stats=False, gradients, state_dict keys.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

bn = nn.BatchNorm1d(3)
print(bn)
print([n for n, _ in bn.named_parameters()], [n for n, _ in bn.named_buffers()])
print(bn.weight, bn.bias)
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
print(bn.eps, bn.momentum, bn.affine, bn.track_running_stats, bn.training)

x = torch.randn(8, 3) * torch.tensor([1.0, 2.0, 0.5]) + torch.tensor([0.0, 1.0, -2.0])
y = bn(x)
print(y)
print(type(y.grad_fn).__name__)
print(y.mean(0).abs().max().item() < 1e-6, y.var(0, unbiased=False))
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
print(torch.allclose(bn.running_mean, 0.1 * x.mean(0)), torch.allclose(bn.running_var, 0.9 + 0.1 * x.var(0)))
for _ in range(4):
    bn(torch.randn(8, 3) + 1)
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)

bn.eval()
z = bn(x)
print(bn.training, z)
print(torch.allclose(z, (x - bn.running_mean) / torch.sqrt(bn.running_var + bn.eps)))

# (N, C, L) input: statistics over N and L
bn3 = nn.BatchNorm1d(2, momentum=0.5)
x3 = torch.randn(4, 2, 5)
y3 = bn3(x3)
print(bn3, y3.shape, y3.mean((0, 2)).abs().max().item() < 1e-6)
print(bn3.running_mean, bn3.running_var)

# BatchNorm2d: statistics per channel over N, H, W
bn2 = nn.BatchNorm2d(4)
print(bn2)
img = torch.randn(2, 4, 3, 3) * 3 + 1
out = bn2(img)
print(out[0, 0])
print(bn2.running_mean, bn2.running_var)
print(bn2.state_dict().keys())

# momentum=None: running stats are the cumulative average of the batch statistics
cum = nn.BatchNorm2d(2, momentum=None)
print(cum)
batches = [torch.randn(3, 2, 2, 2) for _ in range(3)]
for b in batches:
    cum(b)
means = torch.stack([b.mean((0, 2, 3)) for b in batches])
print(cum.running_mean, means.mean(0), cum.num_batches_tracked)

# affine=False: no weight and bias; track_running_stats=False: batch statistics in eval mode too
plain = nn.BatchNorm2d(2, affine=False)
print(plain, plain.weight, plain.bias, [n for n, _ in plain.named_buffers()])
nostats = nn.BatchNorm1d(3, track_running_stats=False)
print(nostats, nostats.running_mean, nostats.num_batches_tracked)
nostats.eval()
print(torch.allclose(nostats(x), F.batch_norm(x, None, None, nostats.weight, nostats.bias, True)))
print(list(nostats.state_dict().keys()), list(plain.state_dict().keys()))

# gradients in training mode, with a learnable scale and shift
bn = nn.BatchNorm1d(3)
with torch.no_grad():
    bn.weight.fill_(2.0)
    bn.bias.fill_(0.5)
xg = x.clone().requires_grad_()
out = bn(xg)
g = torch.randn(8, 3)
(out * g).sum().backward()
torch.set_printoptions(precision=3)  # sums of products: 3 decimals survive a different summation order
print(xg.grad)
print(bn.weight.grad, bn.bias.grad)
print(torch.allclose(bn.bias.grad, g.sum(0)), xg.grad.sum(0).abs().max().item() < 1e-5)

# eval mode gradient: the running stats are constants
bn.eval()
xg.grad = None
bn(xg).sum().backward()
print(xg.grad[0])
torch.set_printoptions(profile="default")  # print options are process-wide: leave the defaults behind
