# grad_fn names of views, indexing, joining, the matmul family, casts, where, norm and addmm
# (pytorch-parity.md §1.3), with next_functions.
import torch


def name(t):
    return type(t.grad_fn).__name__ if t.grad_fn is not None else None


def edges(t):
    return [(type(f).__name__ if f is not None else None, n) for f, n in t.grad_fn.next_functions]


x = torch.arange(6.0).reshape(2, 3).requires_grad_()
v = torch.tensor([1.0, -2.0, 0.5], requires_grad=True)
m = torch.ones(3, 2, requires_grad=True)
b3 = torch.ones(4, 2, 3, requires_grad=True)
mask = torch.tensor([[True, False, True], [False, True, False]])
cases = [
    ("x.view(3, 2)", x.view(3, 2)),
    ("x.view(-1)", x.view(-1)),
    ("x.reshape(3, 2)", x.reshape(3, 2)),
    ("x.flatten()", x.flatten()),
    ("x.t().reshape(6)", x.t().reshape(6)),
    ("x.t()", x.t()),
    ("x.T", x.T),
    ("x.transpose(0, 1)", x.transpose(0, 1)),
    ("x.permute(1, 0)", x.permute(1, 0)),
    ("x[0]", x[0]),
    ("x[:, 1]", x[:, 1]),
    ("x[:, 1:]", x[:, 1:]),
    ("x[0, 1:]", x[0, 1:]),
    ("x[[0]]", x[[0]]),
    ("x[mask]", x[mask]),
    ("x[torch.tensor([1, 0])]", x[torch.tensor([1, 0])]),
    ("x.unsqueeze(0)", x.unsqueeze(0)),
    ("x[None]", x[None]),
    ("x.unsqueeze(0).squeeze()", x.unsqueeze(0).squeeze()),
    ("x.unsqueeze(1).squeeze(1)", x.unsqueeze(1).squeeze(1)),
    ("v.expand(2, 3)", v.expand(2, 3)),
    ("x.clone()", x.clone()),
    ("x.t().contiguous()", x.t().contiguous()),
    ("torch.cat([x, x])", torch.cat([x, x])),
    ("torch.cat([x, x.detach()], 1)", torch.cat([x, x.detach()], 1)),
    ("torch.stack([v, v])", torch.stack([v, v])),
    ("x @ v", x @ v),
    ("torch.mv(x, v)", torch.mv(x, v)),
    ("v @ v", v @ v),
    ("torch.dot(v, v)", torch.dot(v, v)),
    ("x @ m", x @ m),
    ("x.mm(m)", x.mm(m)),
    ("torch.matmul(x, m)", torch.matmul(x, m)),
    ("b3 @ m", b3 @ m),
    ("torch.bmm(b3, b3.transpose(1, 2))", torch.bmm(b3, b3.transpose(1, 2))),
    ("x.double()", x.double()),
    ("x.to(torch.float64)", x.to(torch.float64)),
    ("x.float()", x.float()),
    ("torch.where(mask, x, zeros)", torch.where(mask, x, torch.zeros(2, 3))),
    ("x.norm()", x.norm()),
    ("torch.addmm(zeros, x, m)", torch.addmm(torch.zeros(2), x, m)),
    ("torch.addmm(ones_rg, x, m)", torch.addmm(torch.ones(2, requires_grad=True), x, m)),
]
for label, t in cases:
    print("%-34s %-22s %s" % (label, name(t), edges(t) if t.grad_fn is not None else None))

print(x.reshape(3, 2))
print(x[mask])
print(v.expand(2, 3))
print(x @ m)
print(x.double())
print(torch.addmm(torch.ones(2), x, m))
# x.float() on a float tensor is x itself, so it keeps x's (absent) grad_fn
print(x.float() is x, x.float().is_leaf)

# in-place writes into a tensor with history
y = x * 1
y.add_(1)
print(name(y), edges(y))
z = x.clone()
z[0] = 5
print(name(z), edges(z), z.grad_fn.name())
print(z)
