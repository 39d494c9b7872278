# zero_grad in PyTorch 1.13: Module.zero_grad() and Optimizer.zero_grad() default to set_to_none=False, so
# gradients become zero tensors (the same tensor objects, detached from any graph); set_to_none=True makes
# them None; gradients accumulate across backward calls until zeroed; parameters that never got a
# gradient stay None.
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))
unused = nn.Linear(2, 2)
model.add_module("unused", unused)  # never called in forward
x = torch.randn(4, 3)


def forward(m):
    return m[2](m[1](m[0](x))).sum()


print([p.grad for p in model.parameters()])
model.zero_grad()
print([p.grad for p in model.parameters()])

forward(model).backward()
g = model[0].weight.grad
print(g)
print(model[2].bias.grad, unused.weight.grad)
forward(model).backward()
print(model[0].weight.grad, model[0].weight.grad is g)
print(model[2].bias.grad)

model.zero_grad()
print(model[0].weight.grad, model[0].weight.grad is g, model[2].bias.grad)
print(unused.weight.grad, model[0].weight.grad.requires_grad)

model.zero_grad(set_to_none=True)
print([p.grad for p in model.parameters()])

# the optimizer's zero_grad behaves the same way
opt = torch.optim.SGD(model.parameters(), lr=0.1)
forward(model).backward()
b = model[2].bias.grad
opt.zero_grad()
print(model[2].bias.grad, model[2].bias.grad is b)
opt.zero_grad(set_to_none=True)
print(model[2].bias.grad)

# a typical loop: forgetting zero_grad doubles the gradient
lin = nn.Linear(1, 1)
with torch.no_grad():
    lin.weight.fill_(1.0)
    lin.bias.fill_(0.0)
inp = torch.tensor([[2.0]])
for step in range(3):
    lin(inp).sum().backward()
    print("without zero_grad", step, lin.weight.grad.item(), lin.bias.grad.item())
for step in range(3):
    lin.zero_grad()
    lin(inp).sum().backward()
    print("with zero_grad   ", step, lin.weight.grad.item(), lin.bias.grad.item())
