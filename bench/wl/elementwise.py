# bench/wl/elementwise.py — workload 4: (x*y+x).relu().sum() on 10^6 float32 elements, 100 times.
# Runs unchanged in ctorch and PyTorch 1.13. argv: [threads]. Prints the sum and "time <seconds>".
import sys
import time
import torch

if len(sys.argv) > 1:
    torch.set_num_threads(int(sys.argv[1]))
torch.manual_seed(0)
x = torch.randn(1000000)
y = torch.randn(1000000)
s = (x * y + x).relu().sum()
t0 = time.perf_counter()
for _ in range(100):
    s = (x * y + x).relu().sum()
dt = time.perf_counter() - t0
print("sum %.1f" % s.item())
print("time %.6f" % dt)
