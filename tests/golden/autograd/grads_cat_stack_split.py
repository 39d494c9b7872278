# Gradients through joining and splitting: cat (dims 0, 1, -1, mixed with constants), stack, split
# (sizes and lists), chunk, unbind; names of the split nodes.
import torch


def name(t):
    return type(t.grad_fn).__name__ if t.grad_fn is not None else None


a = torch.ones(2, 3, requires_grad=True)
b = torch.full((1, 3), 2.0, requires_grad=True)
c = torch.tensor([[5.0], [6.0]], requires_grad=True)

r = torch.cat([a, b])
print(r, name(r))
r.backward(torch.arange(9.0).reshape(3, 3))
print(a.grad)
print(b.grad)

a.grad = None
r = torch.cat([a, c], dim=1)
print(r)
r.backward(torch.arange(8.0).reshape(2, 4))
print(a.grad)
print(c.grad)

# constants in the list get no edge, the gradient still splits correctly
a.grad = None
r = torch.cat((torch.zeros(2, 1), a, torch.zeros(2, 2)), -1)
print([(type(f).__name__ if f else None, n) for f, n in r.grad_fn.next_functions])
(r * torch.arange(6.0)).sum().backward()
print(a.grad)

# stack along new dims
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0, 4.0], requires_grad=True)
s0 = torch.stack([x, y])
s1 = torch.stack([x, y], dim=1)
print(s0, s1, sep="\n")
(s0 * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
print(x.grad, y.grad)
x.grad = None
y.grad = None
(s1 * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
print(x.grad, y.grad)

# the same tensor stacked twice
x.grad = None
torch.stack([x, x, x * 2]).sum().backward()
print(x.grad)

# split by size, split by sizes, chunk
t = torch.arange(10.0, requires_grad=True)
parts = t.split(4)
print([p.tolist() for p in parts], name(parts[0]), name(parts[2]))
(parts[0].sum() * 1 + parts[1].sum() * 2 + parts[2].sum() * 3).backward()
print(t.grad)
t.grad = None
p1, p2, p3 = torch.split(t, [2, 5, 3])
print(name(p1))
(p1 * p1).sum().backward(retain_graph=True)
(p3 * 10).sum().backward()
print(t.grad)
t.grad = None
chunks = t.chunk(3)
print(len(chunks), [ch.shape[0] for ch in chunks], name(chunks[0]))
chunks[1].sum().backward()
print(t.grad)

# split along dim 1 of a 2-D tensor, only some pieces used
m = torch.arange(12.0).reshape(3, 4).requires_grad_()
left, right = m.split(2, dim=1)
(left * right).sum().backward()
print(m.grad)
m.grad = None
first, second, third = m.chunk(3, 0)
(second * 2).sum().backward()
print(m.grad)

# unbind
m.grad = None
cols = m.unbind(1)
print(len(cols), name(cols[0]))
(cols[0] - cols[3]).sum().backward()
print(m.grad)

# cat of the pieces of a split is the identity
m.grad = None
whole = torch.cat(m.split(1, 0))
(whole * torch.arange(12.0).reshape(3, 4)).sum().backward()
print(torch.equal(m.grad, torch.arange(12.0).reshape(3, 4)))
