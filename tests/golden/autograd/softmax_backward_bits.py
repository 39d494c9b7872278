# SoftmaxBackward0 and LogSoftmaxBackward0 along the last dim in float32, every bit (repr of each
# gradient element), for row lengths around the vector width; cross_entropy's gradient too.
import torch
import torch.nn.functional as F


def bits(t):
    return " ".join(repr(v) for v in t.flatten().tolist())


torch.manual_seed(0)
for n in [1, 5, 7, 8, 9, 16, 17, 33, 100]:
    g = torch.randn(6, n)
    for name in ["softmax", "log_softmax"]:
        x = (torch.randn(6, n) * 3).requires_grad_()
        getattr(F, name)(x, 1).backward(g)
        print(name, n, bits(x.grad))
for n in [3, 5, 7]:   # short rows: the products are rounded before they are summed (no FMA)
    x = (torch.randn(400, n) * 3).requires_grad_()
    F.softmax(x, 1).backward(torch.randn(400, n))
    print("softmax short", n, bits(x.grad))
x = torch.randn(64, 10, requires_grad=True)
F.cross_entropy(x, torch.randint(0, 10, (64,))).backward()
print("cross_entropy", bits(x.grad))
