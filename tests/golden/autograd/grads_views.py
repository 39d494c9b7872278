# Gradients through view and shape ops: view, reshape (alias and copy), flatten, t, transpose, permute,
# expand, unsqueeze/squeeze, repeat, contiguous, flip, clone; the gradient always has the leaf's shape.
import torch


def grad_of(fn, x, upstream=None):
    x = x.clone().requires_grad_()
    out = fn(x)
    if upstream is None:
        upstream = torch.arange(float(out.numel())).reshape(out.shape)
    out.backward(upstream)
    return x.grad


a = torch.arange(6.0).reshape(2, 3)
print("view(3, 2) ", grad_of(lambda x: x.view(3, 2), a))
print("view(-1)   ", grad_of(lambda x: x.view(-1), a))
print("reshape(6) ", grad_of(lambda x: x.reshape(6), a))
print("t().reshape", grad_of(lambda x: x.t().reshape(6), a))
print("flatten    ", grad_of(lambda x: x.flatten(), a))
print("t()        ", grad_of(lambda x: x.t(), a))
print("T          ", grad_of(lambda x: x.T, a))
print("transpose  ", grad_of(lambda x: x.transpose(1, 0), a))
print("permute    ", grad_of(lambda x: x.unsqueeze(0).permute(2, 0, 1), a))
print("unsqueeze  ", grad_of(lambda x: x.unsqueeze(1), a))
print("squeeze    ", grad_of(lambda x: x.view(1, 2, 1, 3).squeeze(), a))
print("squeeze(0) ", grad_of(lambda x: x.view(1, 6).squeeze(0), a))
print("expand     ", grad_of(lambda x: x.view(2, 1, 3).expand(2, 4, 3), a))
print("expand_as  ", grad_of(lambda x: x[0].expand_as(a), a))
print("repeat     ", grad_of(lambda x: x.repeat(2, 1), a))
print("contiguous ", grad_of(lambda x: x.t().contiguous(), a))
print("clone      ", grad_of(lambda x: x.clone(), a))
print("flip       ", grad_of(lambda x: x.flip(1), a))
print("view_as    ", grad_of(lambda x: x.view_as(torch.empty(3, 2)), a))

# several views of one leaf: their gradients add up
x = torch.arange(4.0, requires_grad=True)
y = x.view(2, 2)
z = y.t() * torch.tensor([[1.0, 10.0], [100.0, 1000.0]]) + y
z.sum().backward()
print(z)
print(x.grad)

# expand then reduce: the gradient sums over the expanded dimension
b = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
e = b.expand(4, 3)
print(e.stride(), e.is_contiguous())
(e * torch.arange(12.0).reshape(4, 3)).sum().backward()
print(b.grad)

# reshape of a non-contiguous tensor copies, but the gradient is still routed to the right places
m = torch.arange(6.0).reshape(2, 3).requires_grad_()
r = m.t().reshape(3, 2)
print(r)
(r * torch.tensor([[1.0, 0.0], [0.0, 0.0], [0.0, 2.0]])).sum().backward()
print(m.grad)

# a chain of views and math keeps shapes straight
m.grad = None
h = m.unsqueeze(-1).expand(2, 3, 2).permute(2, 0, 1).reshape(4, 3)
print(h.shape, type(h.grad_fn).__name__)
(h ** 2).sum().backward()
print(m.grad)
