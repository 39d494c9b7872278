# Gradients of where (both branches, broadcast condition), elementwise maximum/minimum and torch.max/min
# of two tensors (ties split the gradient), clamp at its bounds, and argmax-free selection paths.
import torch


def name(t):
    return type(t.grad_fn).__name__ if t.grad_fn is not None else None


a = torch.tensor([1.0, -2.0, 3.0, -4.0], requires_grad=True)
b = torch.tensor([10.0, 20.0, 30.0, 40.0], requires_grad=True)
cond = a > 0
w = torch.where(cond, a * 2, b)
print(w, name(w))
w.sum().backward()
print(a.grad, b.grad)

# where with a scalar branch and a broadcast condition
a.grad = None
w = torch.where(a > 0, a, torch.zeros(1))
w.backward(torch.tensor([1.0, 2.0, 3.0, 4.0]))
print(w, a.grad)
m = torch.ones(2, 4, requires_grad=True)
rowcond = torch.tensor([[True], [False]])
w = torch.where(rowcond, m, -m)
w.sum().backward()
print(m.grad)

# where as a safe-division guard: the masked branch still gets a zero gradient
x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
safe = torch.where(x > 0, x, torch.ones(3))
y = torch.where(x > 0, 1 / safe, torch.zeros(3))
y.sum().backward()
print(y, x.grad)

# elementwise maximum / minimum, with ties
p = torch.tensor([1.0, 5.0, 3.0, 2.0], requires_grad=True)
q = torch.tensor([2.0, 5.0, 1.0, 2.0], requires_grad=True)
mx = torch.maximum(p, q)
print(mx, name(mx))
mx.sum().backward()
print(p.grad, q.grad)
p.grad = None
q.grad = None
mn = torch.minimum(p, q)
print(mn, name(mn))
mn.sum().backward()
print(p.grad, q.grad)
p.grad = None
q.grad = None
m2 = torch.max(p, q)
n2 = torch.min(p, q)
print(name(m2), name(n2))
(m2 * 2 + n2).sum().backward()
print(p.grad, q.grad)

# clamp: gradient 1 inside and on the bounds, 0 outside
v = torch.tensor([-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0], requires_grad=True)
c = v.clamp(-1.0, 1.0)
print(c, name(c))
c.sum().backward()
print(v.grad)
v.grad = None
v.clamp(min=0.0).sum().backward()
print(v.grad)
v.grad = None
v.clamp(max=-0.5).sum().backward()
print(v.grad)
v.grad = None
torch.clamp(v, min=-1.0, max=-1.0).sum().backward()
print(v.grad)

# relu written three ways agrees at 0
r1 = torch.tensor([-1.0, 0.0, 1.0], requires_grad=True)
r2 = torch.tensor([-1.0, 0.0, 1.0], requires_grad=True)
r3 = torch.tensor([-1.0, 0.0, 1.0], requires_grad=True)
r1.relu().sum().backward()
r2.clamp(min=0).sum().backward()
torch.where(r3 > 0, r3, torch.zeros(3)).sum().backward()
print(r1.grad, r2.grad, r3.grad)

# the largest element without argmax: max() and a comparison mask
s = torch.tensor([[0.5, 2.0, 1.0], [3.0, -1.0, 3.0]], requires_grad=True)
top = s.max(dim=1, keepdim=True).values
hit = (s == top).float()
(s * hit).sum().backward()
print(top, hit)
print(s.grad)
