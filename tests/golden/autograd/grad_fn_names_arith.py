# grad_fn names of the arithmetic operators (pytorch-parity.md §1.3), shown three ways: the type name,
# Node.name() and the grad_fn=<...> part of the tensor repr; plus each node's next_functions.
import torch


def name(t):
    return type(t.grad_fn).__name__ if t.grad_fn is not None else None


def edges(t):
    return [(type(f).__name__ if f is not None else None, n) for f, n in t.grad_fn.next_functions]


x = torch.tensor([1.0, 2.0, 4.0], requires_grad=True)
w = torch.tensor([0.5, -1.0, 3.0], requires_grad=True)
c = torch.tensor([2.0, 2.0, 2.0])
cases = [
    ("x + 2", x + 2),
    ("2 + x", 2 + x),
    ("x + x", x + x),
    ("x + w", x + w),
    ("x + c", x + c),
    ("x.add(w, alpha=2)", x.add(w, alpha=2)),
    ("x - 2", x - 2),
    ("x - w", x - w),
    ("2 - x", 2 - x),
    ("c - x", c - x),
    ("x * 2", x * 2),
    ("2 * x", 2 * x),
    ("x * x", x * x),
    ("x * c", x * c),
    ("x / 2", x / 2),
    ("x / w", x / w),
    ("2 / x", 2 / x),
    ("c / x", c / x),
    ("x ** 2", x ** 2),
    ("x ** 0.5", x ** 0.5),
    ("x ** w", x ** w),
    ("2 ** x", 2 ** x),
    ("c ** x", c ** x),
    ("-x", -x),
    ("x.neg()", x.neg()),
    ("torch.add(x, 1)", torch.add(x, 1)),
    ("torch.sub(x, w)", torch.sub(x, w)),
    ("torch.mul(x, w)", torch.mul(x, w)),
    ("torch.div(x, 4)", torch.div(x, 4)),
    ("torch.pow(x, 3)", torch.pow(x, 3)),
    ("x.pow(w)", x.pow(w)),
]
for label, t in cases:
    print("%-18s %-14s %-14s %s" % (label, name(t), t.grad_fn.name(), edges(t)))

print(x + w)
print(2 - x)
print(2 / x)
print(2 ** x)
print(-x)
print(x / w)

# constants never get a node; a leaf that requires grad has no grad_fn either
print(name(c * 2), (c * 2).requires_grad, x.grad_fn, name(x))
# chains: the last operation names the node
t = ((x + 1) * 2 - 3) / 4
print(name(t), edges(t))
print(t)
t.sum().backward()
print(x.grad)
