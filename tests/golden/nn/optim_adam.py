# torch.optim.Adam and AdamW: defaults, betas, eps, weight_decay (L2 added to the gradient for Adam,
# decoupled for AdamW), amsgrad, maximize — 5 steps each on the same seeded model, printing losses and
# parameters; print(optimizer); the state (step as a float tensor, exp_avg, exp_avg_sq, max_exp_avg_sq);
# and the Adam update written by hand.
import math
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.randn(8, 3)
Y = torch.randn(8, 2)
init = nn.Linear(3, 2).state_dict()


def run(cls, steps=5, **kw):
    model = nn.Linear(3, 2)
    model.load_state_dict(init)
    opt = cls(model.parameters(), **kw)
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(X), Y)
        loss.backward()
        opt.step()
        losses.append(f"{loss.item():.4f}")
    print(cls.__name__, kw)
    print("  losses", losses)
    print("  weight", model.weight.detach())
    print("  bias  ", model.bias.detach())
    return model, opt


model, opt = run(torch.optim.Adam)
print(opt)
run(torch.optim.Adam, lr=0.1)
run(torch.optim.Adam, lr=0.05, betas=(0.8, 0.99), eps=1e-6)
run(torch.optim.Adam, lr=0.05, weight_decay=0.1)
model, opt = run(torch.optim.Adam, lr=0.05, amsgrad=True)
print(opt)
state = opt.state[model.weight]
print(list(state.keys()), state['step'], state['step'].dtype)
print(state['exp_avg'])
print(state['max_exp_avg_sq'])
run(torch.optim.Adam, lr=0.05, maximize=True)

model, opt = run(torch.optim.AdamW, lr=0.05)
print(opt)
run(torch.optim.AdamW, lr=0.05, weight_decay=0.5)
model, opt = run(torch.optim.AdamW, lr=0.05, weight_decay=0.1, amsgrad=True, betas=(0.5, 0.9))
print(list(opt.state[model.bias].keys()), opt.state[model.bias]['step'])

# the Adam update by hand, for the bias
model = nn.Linear(3, 2)
model.load_state_dict(init)
opt = torch.optim.Adam(model.parameters(), lr=0.05)
b = model.bias.detach().clone()
m = torch.zeros(2)
v = torch.zeros(2)
beta1, beta2, eps, lr = 0.9, 0.999, 1e-8, 0.05
for t in range(1, 6):
    opt.zero_grad()
    nn.functional.mse_loss(model(X), Y).backward()
    g = model.bias.grad
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    step_size = lr / (1 - beta1 ** t)
    denom = v.sqrt() / math.sqrt(1 - beta2 ** t) + eps
    b = b - step_size * m / denom
    opt.step()
print(torch.allclose(model.bias, b, atol=1e-6), model.bias)

# the first Adam step moves every parameter by about lr, whatever the gradient's scale
p = nn.Parameter(torch.tensor([1.0, 1.0, 1.0]))
opt = torch.optim.Adam([p], lr=0.1)
(p * torch.tensor([1e-3, 1.0, 1e3])).sum().backward()
opt.step()
print(p)
