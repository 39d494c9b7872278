# bench/nn/conv_pool.py — conv2d and max_pool2d, forward and forward+backward, on the LeNet and CIFAR
# tutorial shapes at batch 4 and 64. Runs unchanged in ctorch and in PyTorch 1.13 (bench/nn/run_nn.py
# runs both, alternating); prints one line per measurement: name, median microseconds.
#     ctorch run bench/nn/conv_pool.py [threads]      /usr/bin/python3 bench/nn/conv_pool.py [threads]
import sys
import time
import torch

if len(sys.argv) > 1:
    torch.set_num_threads(int(sys.argv[1]))
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 21


def median_us(f, runs):
    for _ in range(3):
        f()
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0)
    ts.sort()
    return ts[len(ts) // 2] * 1e6


# (name, in_channels, out_channels, image size): LeNet (Neural Networks tutorial) and the CIFAR-10
# tutorial's network, each conv followed by its 2x2 max pool
SHAPES = [("lenet.conv1", 1, 6, 32), ("lenet.conv2", 6, 16, 14), ("cifar.conv1", 3, 6, 32), ("cifar.conv2", 6, 16, 14)]
torch.manual_seed(0)
for name, cin, cout, hw in SHAPES:
    for n in (4, 64):
        runs = RUNS if n == 4 else max(5, RUNS // 2)
        x = torch.randn(n, cin, hw, hw, requires_grad=True)
        w = torch.randn(cout, cin, 5, 5, requires_grad=True)
        b = torch.randn(cout, requires_grad=True)
        y = torch.conv2d(x, w, b)
        g = torch.randn(y.shape)

        def conv_fwd():
            with torch.no_grad():
                torch.conv2d(x, w, b)

        def conv_fwd_bwd():
            torch.conv2d(x, w, b).backward(g)

        p = torch.randn(y.shape, requires_grad=True)
        q = torch.max_pool2d(p, 2)
        gq = torch.randn(q.shape)

        def pool_fwd():
            with torch.no_grad():
                torch.max_pool2d(p, 2)

        def pool_fwd_bwd():
            torch.max_pool2d(p, 2).backward(gq)

        tag = "%s.b%d" % (name, n)
        print("%s.conv_fwd %.1f" % (tag, median_us(conv_fwd, runs)))
        print("%s.conv_fwd_bwd %.1f" % (tag, median_us(conv_fwd_bwd, runs)))
        print("%s.pool_fwd %.1f" % (tag, median_us(pool_fwd, runs)))
        print("%s.pool_fwd_bwd %.1f" % (tag, median_us(pool_fwd_bwd, runs)))
