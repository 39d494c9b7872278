# bench/cuda_bench.py — run by bench/cuda_bench.sh under ctorch (or python3 with a CUDA PyTorch):
# torch.mm on CUDA (our API: front end + cuBLAS) for N x N float32, and the tutorial's two-layer
# network step on CUDA and on the CPU. Prints one "name value unit" line per measurement.
import sys
import time
import torch

n = int(sys.argv[1]) if len(sys.argv) > 1 else 4096
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 20
if not torch.cuda.is_available():
    print("cuda_bench: no CUDA device")
    sys.exit(77)
dev = torch.device("cuda")
a = torch.randn(n, n).to(dev)
b = torch.randn(n, n).to(dev)
c = torch.mm(a, b)
torch.cuda.synchronize()
t = time.perf_counter()
for _ in range(reps):
    c = torch.mm(a, b)
torch.cuda.synchronize()
ms = (time.perf_counter() - t) / reps * 1e3
print("mm_ms", round(ms, 3), "ms")
print("mm_tflops", round(2.0 * n * n * n / (ms * 1e-3) / 1e12, 2), "TFLOP/s")

def two_layer(device, steps=200):
    torch.manual_seed(0)
    N, D_in, H, D_out = 64, 1000, 100, 10
    x = torch.randn(N, D_in).to(device)
    y = torch.randn(N, D_out).to(device)
    w1 = torch.randn(D_in, H).to(device).requires_grad_()
    w2 = torch.randn(H, D_out).to(device).requires_grad_()
    lr = 1e-6
    loss = None
    t = time.perf_counter()
    for _ in range(steps):
        y_pred = x.mm(w1).clamp(min=0).mm(w2)
        loss = (y_pred - y).pow(2).sum()
        loss.backward()
        with torch.no_grad():
            w1 -= lr * w1.grad
            w2 -= lr * w2.grad
            w1.grad.zero_()
            w2.grad.zero_()
    final = loss.item()   # synchronises
    return (time.perf_counter() - t) / steps * 1e3, final

for name, d in (("cuda", dev), ("cpu", torch.device("cpu"))):
    ms, final = two_layer(d)
    print("two_layer_step_" + name, round(ms, 3), "ms", "loss", "%.4g" % final)
