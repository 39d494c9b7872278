# The PyTorch 60-minute blitz "Autograd: Automatic Differentiation" walk-through, as the tutorial writes it.
# print(y.grad_fn) shows an address in PyTorch, so the node is printed by its type name instead.
import torch


def node(fn):
    return str(fn).split(" object")[0] + ">" if fn is not None else None


# Tensor
x = torch.ones(2, 2, requires_grad=True)
print(x)
y = x + 2
print(y)
print(node(y.grad_fn))
print(type(y.grad_fn).__name__)
print(y.grad_fn.name())
z = y * y * 3
out = z.mean()
print(z, out)

torch.manual_seed(0)
a = torch.randn(2, 2)
a = ((a * 3) / (a - 1))
print(a.requires_grad)
a.requires_grad_(True)
print(a.requires_grad)
b = (a * a).sum()
print(type(b.grad_fn).__name__)

# Gradients
out.backward()
print(x.grad)

# Vector-Jacobian product
x = torch.randn(3, requires_grad=True)
y = x * 2
steps = 0
while y.data.norm() < 1000:
    y = y * 2
    steps += 1
print(y)
print("doublings:", steps)
v = torch.tensor([0.1, 1.0, 0.0001], dtype=torch.float)
y.backward(v)
print(x.grad)
print(torch.equal(x.grad, v * 2 ** (steps + 1)))

# Stop autograd from tracking history
print(x.requires_grad)
print((x ** 2).requires_grad)
with torch.no_grad():
    print((x ** 2).requires_grad)
print(x.requires_grad)
y = x.detach()
print(y.requires_grad)
print(x.eq(y).all())

# the same walk-through once more, with the values checked by hand
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
print(out.item(), out.grad_fn.name(), z.grad_fn.name())
out.backward()
print(x.grad, x.grad.shape, x.grad.dtype)
print(x.grad.sum().item(), 4 * 4.5)
print(y.requires_grad, y.is_leaf, x.is_leaf, z.is_leaf, out.is_leaf)
print(x.grad_fn, y.grad_fn is not None)
