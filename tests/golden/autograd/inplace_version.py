# Version counters: every in-place op bumps t._version; views share the counter with their base; in-place
# updates of leaves are allowed under no_grad (optimizer style) and bump the version too.
import torch

t = torch.zeros(3)
print(t._version)
t.add_(1)
print(t._version)
t.mul_(2)
t.sub_(0.5)
t.div_(2)
print(t._version, t)
t += 1
print(t._version)
t *= 2
print(t._version)
t[0] = 7
print(t._version, t)
t[1:] = torch.tensor([8.0, 9.0])
print(t._version)
t.zero_()
t.fill_(3)
t.copy_(torch.ones(3))
t.clamp_(min=0)
t.exp_()
print(t._version, t)

# out-of-place ops leave the version alone, results start at version 0
u = t + 1
print(t._version, u._version)

# views share the counter with their base
base = torch.arange(6.0)
view = base.view(2, 3)
row = view[1]
print(base._version, view._version, row._version)
row.mul_(10)
print(base._version, view._version, row._version)
print(base)
base[0] = -1
print(base._version, view._version, row._version)
other = base.clone()
print(other._version)

# detach() shares the counter as well
x = torch.ones(2, requires_grad=True)
y = x * 2
d = y.detach()
d.add_(1)
print(y._version, d._version, y)

# leaves updated under no_grad
p = torch.tensor([1.0, 2.0], requires_grad=True)
print(p._version)
with torch.no_grad():
    p -= 0.5
    p.mul_(2)
    p[0] = 4
    p.clamp_(max=3)
print(p._version, p, p.requires_grad, p.is_leaf, p.grad_fn)

# a gradient step bumps the leaf's version but the grad's too when zeroed in place
(p * p).sum().backward()
g = p.grad
print(g._version)
with torch.no_grad():
    p.sub_(0.1 * p.grad)
p.grad.zero_()
print(p._version, g._version, p)

# a non-leaf modified in place keeps its version in step with its history
z = x * 3
print(z._version)
z.add_(1)
z.mul_(2)
print(z._version, type(z.grad_fn).__name__, z)
z.sum().backward()
print(x.grad)
