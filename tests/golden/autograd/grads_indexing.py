# Gradients through indexing: integer and slice indexing, steps, negative indices, index tensors with
# repeats (gradients accumulate), boolean masks, index_select, gather, masked_fill, and masked / indexed
# assignment into a non-leaf.
import torch


def grad_of(fn, x):
    x = x.clone().requires_grad_()
    out = fn(x)
    out.backward(torch.ones_like(out))
    return x.grad


a = torch.arange(12.0).reshape(3, 4)
print("a[1]        ", grad_of(lambda x: x[1], a))
print("a[-1, 2]    ", grad_of(lambda x: x[-1, 2], a))
print("a[:, 1]     ", grad_of(lambda x: x[:, 1] * torch.tensor([1.0, 2.0, 3.0]), a))
print("a[1:, ::2]  ", grad_of(lambda x: x[1:, ::2], a))
print("a[..., -1]  ", grad_of(lambda x: x[..., -1], a))
print("a[None, 0]  ", grad_of(lambda x: x[None, 0], a))
print("a[[0, 2]]   ", grad_of(lambda x: x[[0, 2]], a))
print("a[[0, 0, 2]]", grad_of(lambda x: x[[0, 0, 2]], a))
idx = torch.tensor([3, 1, 3, 3])
print("a[:, idx]   ", grad_of(lambda x: x[:, idx], a))
print("a[r, c]     ", grad_of(lambda x: x[torch.tensor([0, 1, 1]), torch.tensor([3, 0, 0])], a))
mask = a > 6
print("a[mask]     ", grad_of(lambda x: x[mask], a))
print("a[mask] w   ", grad_of(lambda x: x[mask] * torch.arange(5.0), a))
print("row mask    ", grad_of(lambda x: x[torch.tensor([True, False, True])], a))
print("index_select", grad_of(lambda x: x.index_select(1, torch.tensor([0, 0, 3])), a))
print("gather      ", grad_of(lambda x: x.gather(1, torch.tensor([[0, 0], [1, 3], [2, 2]])), a))
print("masked_fill ", grad_of(lambda x: x.masked_fill(mask, 0.0), a))
print("take diag   ", grad_of(lambda x: x[torch.arange(3), torch.arange(3)], a))

# values picked by index and then combined
x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
y = x[0] * x[1] + x[2:].sum() * x[-1]
print(y)
y.backward()
print(x.grad)

# masked assignment into a non-leaf (the masked positions get no gradient)
x.grad = None
z = x * 3
z[z > 6] = 1.0
print(z)
(z * z).sum().backward()
print(x.grad)

# indexed assignment with an index tensor
x.grad = None
z = x * 1
z[torch.tensor([0, 2])] = torch.tensor([-1.0, -1.0])
z.sum().backward()
print(z, x.grad)

# assignment of a tensor that requires grad into a slice
x.grad = None
src = torch.tensor([7.0, 8.0], requires_grad=True)
z = torch.zeros(4)
z[1:3] = src * x[:2]
print(z)
z.sum().backward()
print(x.grad, src.grad)

# a one-hot selection, as a loss would do it by hand
logits = torch.tensor([[2.0, 1.0, 0.0], [0.0, 0.5, 1.5]], requires_grad=True)
target = torch.tensor([0, 2])
picked = logits[torch.arange(2), target]
print(picked)
(-picked.mean()).backward()
print(logits.grad)

# unbind / iterating over rows
logits.grad = None
rows = logits.unbind(0)
print(len(rows), type(rows[0].grad_fn).__name__)
(rows[0] * 2 + rows[1]).sum().backward()
print(logits.grad)
logits.grad = None
total = 0
for r in logits:
    total = total + r.max()
total.backward()
print(total, logits.grad)
