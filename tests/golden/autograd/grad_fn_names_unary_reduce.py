# grad_fn names of reductions, unary math, relu and clamp (pytorch-parity.md §1.3), with next_functions.
import torch


def name(t):
    return type(t.grad_fn).__name__ if t.grad_fn is not None else None


def edges(t):
    return [(type(f).__name__ if f is not None else None, n) for f, n in t.grad_fn.next_functions]


x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -3.0]], requires_grad=True)
p = torch.tensor([[0.5, 1.0, 2.0], [1.5, 0.25, 3.0]], requires_grad=True)
cases = [
    ("x.sum()", x.sum()),
    ("x.sum(0)", x.sum(0)),
    ("x.sum(1, keepdim=True)", x.sum(1, keepdim=True)),
    ("torch.sum(x, dim=(0, 1))", torch.sum(x, dim=(0, 1))),
    ("x.mean()", x.mean()),
    ("x.mean(1)", x.mean(1)),
    ("x.mean(0, keepdim=True)", x.mean(0, keepdim=True)),
    ("x.max()", x.max()),
    ("x.max(1)[0]", x.max(1)[0]),
    ("x.max(dim=0).values", x.max(dim=0).values),
    ("x.min()", x.min()),
    ("x.min(1)[0]", x.min(1)[0]),
    ("x.exp()", x.exp()),
    ("p.log()", p.log()),
    ("x.abs()", x.abs()),
    ("p.sqrt()", p.sqrt()),
    ("x.tanh()", x.tanh()),
    ("x.sigmoid()", x.sigmoid()),
    ("x.sin()", x.sin()),
    ("x.cos()", x.cos()),
    ("torch.exp(x)", torch.exp(x)),
    ("torch.sigmoid(x)", torch.sigmoid(x)),
    ("x.relu()", x.relu()),
    ("torch.relu(x)", torch.relu(x)),
    ("x.clamp(min=0)", x.clamp(min=0)),
    ("x.clamp(-1, 1)", x.clamp(-1, 1)),
    ("x.clamp(max=0.5)", x.clamp(max=0.5)),
    ("torch.clamp(x, min=0)", torch.clamp(x, min=0)),
    ("x.norm()", x.norm()),
]
for label, t in cases:
    print("%-26s %-16s %s" % (label, name(t), edges(t)))

print(x.sum(1, keepdim=True))
print(x.max(1)[0])
print(x.max(1))
print(x.abs())
print(x.relu())
print(x.clamp(-1, 1))
print(x.norm())
print(p.sqrt())
print(p.log())

# a max over dim returns values with a grad_fn and indices without one
values, indices = x.max(1)
print(name(values), indices.requires_grad, indices.grad_fn, indices)
