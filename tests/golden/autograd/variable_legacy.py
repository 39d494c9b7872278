# The deprecated Variable API: Variable(t) and Variable(t, requires_grad=True) return plain Tensors; old
# tutorials wrote their training loops with it and .data updates.
import torch
from torch.autograd import Variable

t = torch.tensor([1.0, 2.0, 3.0])
v = Variable(t, requires_grad=True)
print(v)
print(type(v).__name__, isinstance(v, torch.Tensor), v.requires_grad, v.is_leaf, v.grad)
w = Variable(t)
print(w, w.requires_grad, w.is_leaf)
print(isinstance(v, Variable), isinstance(t, Variable))

y = v * v + 2 * v
print(y)
print(type(y.grad_fn).__name__)
y.sum().backward()
print(v.grad)
print(v.data, type(v.data).__name__)

# Variable(t, requires_grad=True) shares t's storage
v.data[0] = 10.0
print(t)

# Variable on a tensor built from a list, 2-D
m = Variable(torch.ones(2, 2), requires_grad=True)
out = (m * 3).mean()
out.backward()
print(m.grad)
print(out, out.data)

# a 2017-style linear regression with Variable and .data updates
torch.manual_seed(0)
xs = Variable(torch.linspace(0, 1, 8).view(8, 1))
ys = Variable(3.0 * torch.linspace(0, 1, 8).view(8, 1) + 1.0)
W = Variable(torch.zeros(1, 1), requires_grad=True)
b = Variable(torch.zeros(1), requires_grad=True)
for epoch in range(61):
    pred = xs.mm(W) + b
    loss = ((pred - ys) ** 2).mean()
    loss.backward()
    W.data -= 0.5 * W.grad.data
    b.data -= 0.5 * b.grad.data
    W.grad.data.zero_()
    b.grad.data.zero_()
    if epoch % 20 == 0:
        print(epoch, f"{loss.item():.5f}", f"{W.item():.4f}", f"{b.item():.4f}")
print(W.requires_grad, b.requires_grad, W.is_leaf)

# Variable of a float64 tensor keeps the dtype; of an int tensor without requires_grad is fine
print(Variable(torch.tensor([1.5], dtype=torch.float64), requires_grad=True))
print(Variable(torch.tensor([1, 2])))
