# bench/wl/two_layer.py — workload 1: the two-layer network of the tutorials (N=64, D_in=1000, H=100,
# D_out=10), 500 gradient steps with autograd and a manual update under no_grad. Runs unchanged in ctorch
# and PyTorch 1.13. argv: [threads]. Prints the last loss and "time <seconds>" of the training loop.
import sys
import time
import torch

if len(sys.argv) > 1:
    torch.set_num_threads(int(sys.argv[1]))
torch.manual_seed(0)
N, D_in, H, D_out = 64, 1000, 100, 10
x = torch.randn(N, D_in)
y = torch.randn(N, D_out)
w1 = torch.randn(D_in, H, requires_grad=True)
w2 = torch.randn(H, D_out, requires_grad=True)
lr = 1e-6
t0 = time.perf_counter()
for t in range(500):
    y_pred = x.mm(w1).clamp(min=0).mm(w2)
    loss = (y_pred - y).pow(2).sum()
    loss.backward()
    with torch.no_grad():
        w1 -= lr * w1.grad
        w2 -= lr * w2.grad
        w1.grad.zero_()
        w2.grad.zero_()
dt = time.perf_counter() - t0
print("loss %.4g" % loss.item())
print("time %.6f" % dt)
