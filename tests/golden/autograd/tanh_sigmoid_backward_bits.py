# TanhBackward0 and SigmoidBackward0 in float32, every bit (repr of each gradient element): the
# contiguous case (one fused pass in ctorch), a transposed one, and tanh's double backward
# (create_graph; sigmoid's second derivative uses another formula in PyTorch, not matched bit for bit).
import torch


def bits(t):
    return " ".join(repr(v) for v in t.flatten().tolist())


torch.manual_seed(0)
for name in ["tanh", "sigmoid"]:
    x = torch.randn(37, 11, requires_grad=True)
    g = torch.randn(37, 11)
    getattr(x, name)().backward(g)
    print(name, "contiguous", bits(x.grad))
    xt = torch.randn(11, 37, requires_grad=True)
    getattr(xt.t(), name)().backward(g)
    print(name, "transposed", bits(xt.grad))
    x2 = torch.randn(50, requires_grad=True)
    (gx,) = torch.autograd.grad(getattr(x2, name)().sum(), x2, create_graph=True)
    print(name, "create_graph", bits(gx))
    if name == "tanh":
        gx.sum().backward()
        print(name, "double", bits(x2.grad))
