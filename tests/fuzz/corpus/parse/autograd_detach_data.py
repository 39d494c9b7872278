# detach() and .data: no history, requires_grad False, same storage as the original; detach() shares the
# version counter, .data does not report in-place changes to autograd.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
d = y.detach()
print(d, d.requires_grad, d.is_leaf, d.grad_fn)
print(y.requires_grad, type(y.grad_fn).__name__)
print(d.data_ptr() == y.data_ptr())

# writing through the detached tensor changes the original
d[0] = 100.0
print(y)
print(y._version, d._version)

# detach of a leaf
xd = x.detach()
print(xd.requires_grad, xd.is_leaf, xd.data_ptr() == x.data_ptr())
xd.mul_(10)
print(x)
print(x._version, xd._version)
x.detach().zero_()
print(x, x._version)
with torch.no_grad():
    x.copy_(torch.tensor([1.0, 2.0, 3.0]))

# detach_() works in place on a non-leaf
y = x * 3
print(y.requires_grad, y.is_leaf)
y.detach_()
print(y, y.requires_grad, y.is_leaf, y.grad_fn)

# .data
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
print(x.data, x.data.requires_grad, x.data.is_leaf)
x.data.mul_(2)
print(x, x.requires_grad, x._version)
x.data = torch.tensor([5.0, 6.0, 7.0])
print(x, x.requires_grad, x.is_leaf)
(x * x).sum().backward()
print(x.grad)

# a gradient step written with .data, as old tutorials do
w = torch.tensor([1.0, -2.0], requires_grad=True)
for step in range(3):
    loss = (w * w).sum()
    loss.backward()
    w.data -= 0.25 * w.grad.data
    w.grad.data.zero_()
    print(step, loss.item(), w)

# .data on a non-leaf: a leaf that does not require grad
y = w * 2
print(y.data.requires_grad, y.data.is_leaf, y.data.grad_fn, y.data)

# detach() breaks the graph: only the attached path contributes
a = torch.tensor([2.0], requires_grad=True)
b = a * a
c = b.detach() * a + b
c.backward()
print(a.grad)
print(c, b.detach())

# x.eq(x.detach()) is all True
print(torch.equal(a, a.detach()), a.detach().dtype, a.detach().shape)
