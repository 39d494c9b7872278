# Float exp, log, tanh, sigmoid, softmax and log_softmax bit for bit (PyTorch 1.13 runs SLEEF's
# vector functions; sigmoid only on whole 16-element blocks of contiguous runs, libm elsewhere):
# sizes around the vector widths, strided and transposed inputs, special values. Each value is
# printed as the repr of the Python float it converts to exactly (so every bit shows).
import torch


def bits(t):
    return " ".join(repr(v) for v in t.flatten().tolist())


torch.manual_seed(0)
for n in [1, 5, 8, 15, 16, 17, 33, 100, 300]:
    x = torch.randn(n) * 4
    for name in ["exp", "tanh", "sigmoid"]:
        print(name, n, bits(getattr(x, name)()))
    print("log", n, bits(x.abs().log()))

m = torch.randn(30, 41) * 4
for name in ["exp", "tanh", "sigmoid"]:
    print(name, "transposed", bits(getattr(m.t(), name)()))
    print(name, "strided", bits(getattr(m[:, ::2], name)()))
print("log", "transposed", bits(m.t().abs().log()))

special = torch.tensor([0.0, -0.0, float("inf"), float("-inf"), 1e-45, -1e-45, 1e-38, 1.2e-38, 88.72, 88.73,
                        -87.3, -103.9, -104.1, 100.0, 100.1, 8.664, 8.665, 9.0, -9.0, 1e30, -1e30, 0.5, 1.0, 2.0])
for name in ["exp", "tanh", "sigmoid", "log"]:
    print(name, "special", bits(getattr(special, name)()))
print("log", "nan", torch.log(torch.tensor([float("nan"), -1.0])).isnan().tolist())

for shape in [(4, 7), (3, 10), (2, 33), (5, 3, 6)]:
    z = torch.randn(*shape) * 3
    for dim in range(len(shape)):
        print("softmax", shape, dim, bits(torch.softmax(z, dim)))
        print("log_softmax", shape, dim, bits(torch.log_softmax(z, dim)))
logits = torch.randn(64, 10)
target = torch.randint(0, 10, (64,))
print("cross_entropy", bits(torch.nn.functional.cross_entropy(logits, target)))
