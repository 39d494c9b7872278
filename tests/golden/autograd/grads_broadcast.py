# Broadcasting binary ops: each input's gradient is summed back to that input's own shape (including
# size-1 dims, missing leading dims and 0-dim tensors).
import torch

a = torch.arange(6.0).reshape(2, 3).requires_grad_()
row = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
col = torch.tensor([[10.0], [20.0]], requires_grad=True)
s = torch.tensor(2.0, requires_grad=True)

out = a + row
out.sum().backward()
print(a.grad)
print(row.grad, row.grad.shape)

a.grad = None
row.grad = None
out = a * col
out.sum().backward()
print(a.grad)
print(col.grad, col.grad.shape)

a.grad = None
out = (a - s) * s
out.sum().backward()
print(a.grad)
print(s.grad, s.grad.shape)

# outer product by broadcasting a column and a row
row.grad = None
col.grad = None
outer = col * row
print(outer)
outer.backward(torch.tensor([[1.0, 0.0, 2.0], [0.5, 1.0, 0.0]]))
print(row.grad)
print(col.grad)

# division and pow with broadcasting
row.grad = None
col.grad = None
q = col / row
q.sum().backward()
print(q)
print(col.grad)
print(row.grad)
row.grad = None
p = row ** torch.tensor([[1.0], [2.0]])
p.sum().backward()
print(p)
print(row.grad)

# 3-D against 1-D and (1, n, 1)
t3 = torch.ones(2, 3, 4, requires_grad=True)
b1 = torch.arange(4.0, requires_grad=True)
b2 = torch.ones(1, 3, 1, requires_grad=True)
y = t3 * b1 + b2
y.sum().backward()
print(t3.grad[0])
print(b1.grad)
print(b2.grad, b2.grad.shape)

# a non-uniform upstream gradient reduced over broadcast dims
b1.grad = None
y = torch.ones(3, 4) * b1
y.backward(torch.arange(12.0).reshape(3, 4))
print(b1.grad)

# where and maximum broadcast their operands too
b1.grad = None
m = torch.maximum(b1, torch.tensor([[1.5], [2.5]]))
m.sum().backward()
print(m)
print(b1.grad)

# both sides broadcast
u = torch.tensor([[1.0, 2.0]], requires_grad=True)
w = torch.tensor([[3.0], [4.0], [5.0]], requires_grad=True)
(u * w - u / w).sum().backward()
print(u.grad, u.grad.shape)
print(w.grad, w.grad.shape)

# scalar times a matrix, then a mean
k = torch.tensor(0.5, requires_grad=True)
(k * torch.ones(4, 4)).mean().backward()
print(k.grad)
