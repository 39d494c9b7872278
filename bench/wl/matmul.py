# bench/wl/matmul.py — workload 3: 1024x1024 float32 matmul, best-of GFLOP/s (2*n^3 flops per product)
# over repeated products after a warm-up. Runs unchanged in ctorch and PyTorch 1.13.
# argv: [threads [reps]]. Prints "gflops <rate>" and "time <seconds per product, median>".
import sys
import time
import torch

if len(sys.argv) > 1:
    torch.set_num_threads(int(sys.argv[1]))
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 20
n = 1024
torch.manual_seed(0)
a = torch.randn(n, n)
b = torch.randn(n, n)
for _ in range(3):
    c = torch.mm(a, b)
ts = []
for _ in range(reps):
    t0 = time.perf_counter()
    c = torch.mm(a, b)
    ts.append(time.perf_counter() - t0)
ts.sort()
med = ts[len(ts) // 2]
print("gflops %.2f" % (2.0 * n * n * n / med / 1e9))
print("time %.6f" % med)
