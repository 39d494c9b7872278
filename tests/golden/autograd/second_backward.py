# A second backward through the same graph fails only when a node on the way had saved tensors that were
# freed by the first pass; graphs of Add/Sub/Sum/Mean/View-like nodes can be traversed again and the grads
# double. retain_graph=True keeps the saved tensors.
import torch


def try_twice(label, make):
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = make(x)
    y.backward()
    first = x.grad.clone()
    try:
        y.backward()
        print("%-24s twice ok: %s -> %s" % (label, first.tolist(), x.grad.tolist()))
    except RuntimeError as e:
        print("%-24s %s: %s" % (label, type(e).__name__, str(e)[:60]))


try_twice("(x + 1).sum()", lambda x: (x + 1).sum())
try_twice("(x - 2).mean()", lambda x: (x - 2).mean())
try_twice("(x * 2).sum()", lambda x: (x * 2).sum())
try_twice("(-x).sum()", lambda x: (-x).sum())
try_twice("x.view(3, 1).sum()", lambda x: x.view(3, 1).sum())
try_twice("x[1:].sum()", lambda x: x[1:].sum())
try_twice("x.expand(2, 3).sum()", lambda x: x.expand(2, 3).sum())
try_twice("x.sum()", lambda x: x.sum())
try_twice("(x * x).sum()", lambda x: (x * x).sum())
try_twice("(x ** 2).sum()", lambda x: (x ** 2).sum())
try_twice("x.exp().sum()", lambda x: x.exp().sum())
try_twice("x.sin().sum()", lambda x: x.sin().sum())
try_twice("(x / x.sum())[0]", lambda x: (x / x.sum())[0])
try_twice("x.max()", lambda x: x.max())
try_twice("(x @ x)", lambda x: x @ x)
try_twice("(x / 2).sum()", lambda x: (x / 2).sum())
try_twice("(2 - x).sum()", lambda x: (2 - x).sum())
try_twice("x.relu().sum()", lambda x: x.relu().sum())
try_twice("x.abs().sum()", lambda x: x.abs().sum())
try_twice("x.clamp(min=2).sum()", lambda x: x.clamp(min=2).sum())
try_twice("torch.cat([x, x]).sum()", lambda x: torch.cat([x, x]).sum())
try_twice("x.unsqueeze(0).sum()", lambda x: x.unsqueeze(0).sum())
try_twice("x.clone().sum()", lambda x: x.clone().sum())
try_twice("x.double().sum()", lambda x: x.double().sum())
try_twice("x.sum(0)", lambda x: x.sum(0))

# the full message, caught
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x * x).sum()
y.backward()
print(x.grad)
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
print(x.grad)

# retain_graph=True on every pass but the last
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x * x).sum()
y.backward(retain_graph=True)
y.backward(retain_graph=True)
y.backward()
print(x.grad)
try:
    y.backward()
except RuntimeError as e:
    print("fourth:", type(e).__name__, str(e).split(" (")[0])

# a graph whose saved tensors were freed can still be extended by a new graph from the leaves
z = (x * x).sum()
z.backward()
print(x.grad)

# part of a graph freed, part not: the freed branch fails even if the other branch has no saved tensors
x = torch.tensor([1.0, 2.0], requires_grad=True)
h = x * x
u = h.sum()
v = (h + 1).sum()
u.backward()
print(x.grad)
try:
    v.backward()
except RuntimeError as e:
    print("shared node:", type(e).__name__, str(e)[:50])
