# In-place ops on non-leaf tensors rewrite their history: y.add_(1) gives AddBackward0, an indexed
# assignment z[0] = 5 gives CopySlices; the gradients flow through the modified graph.
import torch


def name(t):
    return type(t.grad_fn).__name__ if t.grad_fn is not None else None


def edges(fn):
    return [(type(f).__name__ if f is not None else None, n) for f, n in fn.next_functions]


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)

y = x * 2
print(name(y))
y.add_(1)
print(name(y), edges(y.grad_fn), y)
y.mul_(x)
print(name(y), edges(y.grad_fn), y)
y.sum().backward()
print(x.grad)

# indexed assignment of a constant: the overwritten element gets no gradient
x.grad = None
z = x * 1
z[0] = 5
print(name(z), z.grad_fn.name(), edges(z.grad_fn), z)
(z * z).sum().backward()
print(x.grad)

# indexed assignment of a tensor that requires grad: both sides get gradients
x.grad = None
w = torch.tensor([10.0], requires_grad=True)
z = x.clone()
z[1:2] = w * 3
print(name(z), z)
z.sum().backward()
print(x.grad, w.grad)

# masked assignment
x.grad = None
z = x * 2
z[z > 3] = 0
print(name(z), z)
z.sum().backward()
print(x.grad)

# assignment through a slice of a 2-D non-leaf
m = torch.ones(2, 3, requires_grad=True)
n = m * torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
n[:, 1] = 0
print(name(n), n)
n.sum().backward()
print(m.grad)

# in-place on a view of a non-leaf: the base's history becomes CopySlices
m.grad = None
n = m * 1
row = n[0]
row.mul_(3)
print(name(n), n)
n.sum().backward()
print(m.grad)

# in-place unary ops on non-leaves
x.grad = None
y = x * 1
y.exp_()
print(name(y))
y = x * 1
y.clamp_(min=2)
print(name(y))
y = x * 1
y.relu_()
print(name(y))
y = x + 0
y.neg_()
y.sum().backward()
print(name(y), x.grad)

# in-place update of a tensor made under no_grad does not create history
with torch.no_grad():
    q = x * 2
q.add_(1)
print(q.requires_grad, name(q), q)

# x.data in-place: not seen by autograd, no rebase
x.grad = None
y = x * x
x.data.add_(1)
y.sum().backward()
print(x.grad, x)
