# Gradients of reductions: sum/mean over all, over a dim, keepdim, several dims; max/min (full and over a
# dim, with ties); std/var/norm; prod; cumsum/cumprod; softmax/log_softmax/logsumexp as tensor methods.
import torch


def grad_of(fn, x):
    x = x.clone().requires_grad_()
    out = fn(x)
    out.backward(torch.ones_like(out))
    return x.grad


a = torch.tensor([[1.0, 4.0, 2.0], [3.0, 0.5, 5.0]])
ramp = torch.arange(1.0, 7.0).reshape(2, 3)
print("sum      ", grad_of(lambda x: x.sum(), a))
print("sum(0)   ", grad_of(lambda x: x.sum(0), a))
print("sum(1,k) ", grad_of(lambda x: x.sum(1, keepdim=True) * torch.tensor([[1.0], [2.0]]), a))
print("sum(-1)  ", grad_of(lambda x: x.sum(-1) * torch.tensor([3.0, -1.0]), a))
print("sum(0,1) ", grad_of(lambda x: x.sum((0, 1)), a))
print("mean     ", grad_of(lambda x: x.mean(), a))
print("mean(0)  ", grad_of(lambda x: x.mean(0), a))
print("mean(1,k)", grad_of(lambda x: x.mean(1, keepdim=True), a))
print("max      ", grad_of(lambda x: x.max(), a))
print("max(1)   ", grad_of(lambda x: x.max(1)[0], a))
print("max(0,k) ", grad_of(lambda x: x.max(0, keepdim=True).values, a))
print("min      ", grad_of(lambda x: x.min(), a))
print("min(1)   ", grad_of(lambda x: x.min(dim=1).values, a))
print("amax(1)  ", grad_of(lambda x: x.amax(1), a))
print("prod     ", grad_of(lambda x: x.prod(), ramp))
print("prod(1)  ", grad_of(lambda x: x.prod(1), ramp))
print("cumsum(1)", grad_of(lambda x: x.cumsum(1), ramp))
print("cumsum(0)", grad_of(lambda x: x.cumsum(0) * torch.tensor([[1.0], [3.0]]), ramp))
print("cumprod  ", grad_of(lambda x: x.cumprod(1), ramp))
print("norm     ", grad_of(lambda x: x.norm(), torch.tensor([3.0, 4.0])))
print("norm(1)  ", grad_of(lambda x: x.norm(dim=1), torch.tensor([[3.0, 4.0], [0.6, 0.8]])))
print("norm p=1 ", grad_of(lambda x: x.norm(p=1), torch.tensor([3.0, -4.0, 0.0])))

# ties: the full max/min spread the gradient evenly over the tied elements, max over a dim picks one
ties = torch.tensor([[2.0, 5.0, 5.0], [1.0, 1.0, 0.0]])
print("max ties ", grad_of(lambda x: x.max(), ties))
print("min ties ", grad_of(lambda x: x.min(), torch.tensor([1.0, 0.0, 0.0, 0.0])))
print("max(1)   ", grad_of(lambda x: x.max(1)[0], ties))
print("min(1)   ", grad_of(lambda x: x.min(1)[0], ties))

# variance and standard deviation (unbiased by default)
d = torch.tensor([1.0, 2.0, 4.0, 7.0])
print("var      ", grad_of(lambda x: x.var(), d))
print("var unb=F", grad_of(lambda x: x.var(unbiased=False), d))
print("std      ", grad_of(lambda x: x.std(), d))
print("std(1)   ", grad_of(lambda x: x.std(1), a))
print("var(0)   ", grad_of(lambda x: x.var(0), a))

# softmax / log_softmax / logsumexp
z = torch.tensor([[1.0, 2.0, 3.0], [0.5, 0.5, -1.0]], requires_grad=True)
sm = z.softmax(dim=1)
print(sm)
print(type(sm.grad_fn).__name__)
sm.backward(torch.tensor([[1.0, 0.0, 0.0], [0.0, 2.0, 0.0]]))
print(z.grad)
z.grad = None
lsm = z.log_softmax(dim=1)
print(lsm)
print(type(lsm.grad_fn).__name__)
lsm[:, 0].sum().backward()
print(z.grad)
z.grad = None
lse = z.logsumexp(dim=1)
print(lse)
lse.sum().backward()
print(z.grad)
z.grad = None
print(round(torch.softmax(z, 0).sum().item(), 4), type(torch.softmax(z, 0).grad_fn).__name__, type(torch.log_softmax(z, 0).grad_fn).__name__)

# reductions of a 3-D tensor over the middle dim
c = torch.arange(24.0).reshape(2, 3, 4)
print(grad_of(lambda x: x.sum(1) * torch.arange(4.0), c)[1])
print(grad_of(lambda x: x.mean(1, keepdim=True), c)[0])
print(grad_of(lambda x: x.max(1)[0], c)[0])
