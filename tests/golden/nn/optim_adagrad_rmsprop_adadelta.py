# torch.optim.Adagrad (lr_decay, weight_decay, initial_accumulator_value, eps), RMSprop (alpha, momentum,
# centered, weight_decay) and Adadelta (rho, eps, lr, weight_decay): 5 steps each on the same seeded
# model, printing losses and parameters, print(optimizer) for each class, and their state entries.
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


model, opt = run(torch.optim.Adagrad)
print(opt)
state = opt.state[model.bias]
print(list(state.keys()), state['step'], state['sum'])
run(torch.optim.Adagrad, lr=0.1, lr_decay=0.01)
run(torch.optim.Adagrad, lr=0.1, weight_decay=0.1, initial_accumulator_value=0.5)
run(torch.optim.Adagrad, lr=0.1, eps=1e-3)

model, opt = run(torch.optim.RMSprop)
print(opt)
state = opt.state[model.bias]
print(list(state.keys()), state['step'], state['square_avg'])
run(torch.optim.RMSprop, lr=0.01, alpha=0.9)
model, opt = run(torch.optim.RMSprop, lr=0.01, momentum=0.9)
print(list(opt.state[model.bias].keys()), opt.state[model.bias]['momentum_buffer'])
model, opt = run(torch.optim.RMSprop, lr=0.01, centered=True)
print(list(opt.state[model.bias].keys()), opt.state[model.bias]['grad_avg'])
run(torch.optim.RMSprop, lr=0.01, momentum=0.5, centered=True, weight_decay=0.1)

model, opt = run(torch.optim.Adadelta)
print(opt)
state = opt.state[model.bias]
print(list(state.keys()), state['step'], state['square_avg'], state['acc_delta'])
run(torch.optim.Adadelta, lr=0.5, rho=0.5)
run(torch.optim.Adadelta, lr=1.0, eps=1e-4, weight_decay=0.1)

# the Adagrad rule by hand: sum += g^2; p -= lr / (1 + (t - 1) * lr_decay) * g / (sqrt(sum) + eps)
p = nn.Parameter(torch.tensor([1.0, -2.0]))
opt = torch.optim.Adagrad([p], lr=0.5, lr_decay=0.1)
ref = p.detach().clone()
acc = torch.zeros(2)
for t in range(1, 4):
    opt.zero_grad()
    (p ** 2).sum().backward()
    g = 2 * ref
    acc = acc + g * g
    ref = ref - 0.5 / (1 + (t - 1) * 0.1) * g / (acc.sqrt() + 1e-10)
    opt.step()
print(p, torch.allclose(p, ref))
