# is_leaf, requires_grad propagation through ops, requires_grad_(), retain_grad() / retains_grad, and which
# tensors get .grad after backward. (Reading .grad of a non-leaf without retain_grad() warns in PyTorch, so
# the script only reads it after retain_grad().)
import torch

a = torch.tensor([1.0, 2.0])
b = torch.tensor([3.0, 4.0], requires_grad=True)
print(a.is_leaf, a.requires_grad, b.is_leaf, b.requires_grad)
c = a * 2
d = b * 2
e = a + b
print(c.is_leaf, c.requires_grad, d.is_leaf, d.requires_grad, e.is_leaf, e.requires_grad)
print(torch.ones(2).is_leaf, torch.zeros(2, requires_grad=True).is_leaf)

# requires_grad through many ops: any input requiring grad makes the output require it
f = torch.cat([a, b])
g = torch.stack([a, a])
h = torch.where(a > 1, a, b)
i = a.sum() + b.sum()
j = (a > 1)
print(f.requires_grad, g.requires_grad, h.requires_grad, i.requires_grad, j.requires_grad)
k = b.argmax()
print(k, k.requires_grad, (b > 3).requires_grad, b.long().requires_grad)
print(b.double().requires_grad, b.double().is_leaf)

# requires_grad_() and the requires_grad setter on leaves
a.requires_grad_()
print(a.requires_grad, a.is_leaf)
a.requires_grad_(False)
print(a.requires_grad)
a.requires_grad = True
print(a.requires_grad, a.grad)
a.requires_grad = False
r = a.requires_grad_(True)
print(r is a)

# retain_grad on intermediate results
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * x
z = y * 3
print(y.retains_grad, x.retains_grad)
y.retain_grad()
print(y.retains_grad)
out = z.sum()
out.retain_grad()
out.backward()
print(x.grad)
print(y.grad)
print(out.grad)
print(y.is_leaf, out.is_leaf)

# retain_grad on a leaf does nothing special
x.retain_grad()
print(x.retains_grad)

# retained grads accumulate too
x.grad = None
w = x * 2
w.retain_grad()
w.sum().backward(retain_graph=True)
w.sum().backward()
print(w.grad, x.grad)

# leaves created by factory functions with requires_grad=True
for t in [torch.zeros(2, requires_grad=True), torch.ones(1, 2, requires_grad=True),
          torch.full((2,), 7.0, requires_grad=True), torch.arange(3.0, requires_grad=True),
          torch.tensor(1.5, requires_grad=True), torch.empty(0, requires_grad=True),
          torch.eye(2, requires_grad=True), torch.linspace(0, 1, 3, requires_grad=True)]:
    print(t.is_leaf, t.requires_grad, t.grad, t.grad_fn, t.shape)

# a leaf that requires grad shows requires_grad=True in its repr, a non-leaf its grad_fn
print(torch.tensor([1.0, 2.0], requires_grad=True))
print(torch.tensor(2.5, requires_grad=True) * 2)
print(torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True))
