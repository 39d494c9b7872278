# torch.autograd.grad: returns a tuple of gradients without touching .grad; grad_outputs for non-scalar
# outputs, several inputs and outputs, retain_graph, allow_unused; torch.autograd.backward as a function.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x * x).sum()
g = torch.autograd.grad(y, x)
print(type(g).__name__, len(g))
print(g[0])
print(x.grad)

# one output, several inputs
a = torch.tensor([2.0, -1.0], requires_grad=True)
b = torch.tensor([0.5, 4.0], requires_grad=True)
out = (a * b + b ** 2).sum()
ga, gb = torch.autograd.grad(out, [a, b])
print(ga, gb)
print(ga.requires_grad, gb.grad_fn)

# inputs given as a tuple, outputs as a list
out = (a * b).sum()
print(torch.autograd.grad([out], (b, a)))

# non-scalar output with grad_outputs (a vector-Jacobian product)
y = x * 2
(gx,) = torch.autograd.grad(y, x, grad_outputs=torch.tensor([1.0, 0.1, 0.01]))
print(gx)
y = x.view(3, 1) * torch.tensor([[1.0, 2.0]])
print(torch.autograd.grad(y, x, torch.ones(3, 2)))

# several outputs with their grad_outputs: the products are summed
y1 = x * 2
y2 = x * x
print(torch.autograd.grad([y1, y2], x, [torch.ones(3), torch.full((3,), 0.5)]))
print(torch.autograd.grad([(x * 2).sum(), (x * x).sum()], [x]))

# retain_graph=True lets the same graph be used again
y = (x ** 3).sum()
g1 = torch.autograd.grad(y, x, retain_graph=True)
g2 = torch.autograd.grad(y, x)
print(g1[0], g2[0], torch.equal(g1[0], g2[0]))
try:
    torch.autograd.grad(y, x)
except RuntimeError as e:
    print(type(e).__name__, str(e).split(" (")[0])

# allow_unused: an input the output does not depend on gets None
u = torch.tensor([5.0], requires_grad=True)
y = (x * 2).sum()
print(torch.autograd.grad(y, [x, u], allow_unused=True))
y = (x * 2).sum()
try:
    torch.autograd.grad(y, [x, u])
except RuntimeError as e:
    print(type(e).__name__, e)

# grad with respect to an intermediate tensor
h = x * 3
y = (h * h).sum()
gh, gx = torch.autograd.grad(y, [h, x])
print(gh, gx)

# the result of grad is not accumulated anywhere
print(x.grad, a.grad, b.grad, u.grad)

# torch.autograd.backward: the function form of Tensor.backward, accumulating into .grad
y = (x * x).sum()
torch.autograd.backward(y)
print(x.grad)
y = x * 4
torch.autograd.backward([y], [torch.ones(3)])
print(x.grad)
torch.autograd.backward([(a * a).sum(), (b * 2).sum()])
print(a.grad, b.grad)

# backward(inputs=...) accumulates only into the given leaves
a.grad = None
b.grad = None
(a * b).sum().backward(inputs=[b])
print(a.grad, b.grad)
