# torch.optim.SGD: plain, momentum, dampening, nesterov, weight_decay, maximize — each run for 4 steps on
# the same seeded model and data, printing the loss and the parameters after the steps; print(optimizer),
# the momentum buffers in optimizer.state (created on the first step, a clone of the gradient), and
# equality with the update rule written by hand.
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.randn(8, 3)
Y = torch.randn(8, 2)
init = nn.Linear(3, 2).state_dict()


def make_model():
    model = nn.Linear(3, 2)
    model.load_state_dict(init)
    return model


def run(label, steps=4, **kw):
    model = make_model()
    opt = torch.optim.SGD(model.parameters(), **kw)
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(X), Y)
        loss.backward()
        opt.step()
        losses.append(f"{loss.item():.4f}")
    print(label, kw)
    print("  losses", losses)
    print("  weight", model.weight.detach())
    print("  bias  ", model.bias.detach())
    return model, opt


run("plain", lr=0.1)
run("momentum", lr=0.1, momentum=0.9)
run("dampening", lr=0.1, momentum=0.9, dampening=0.5)
run("nesterov", lr=0.1, momentum=0.9, nesterov=True)
run("weight decay", lr=0.1, weight_decay=0.01)
run("all", lr=0.05, momentum=0.5, weight_decay=0.1, nesterov=True)
model, opt = run("maximize", lr=0.01, momentum=0.9, maximize=True)
print(opt)

model, opt = run("state", steps=1, lr=0.1, momentum=0.9)
print(len(opt.state), list(opt.state[model.weight].keys()))
print(torch.equal(opt.state[model.weight]['momentum_buffer'], model.weight.grad))
print(opt.state_dict()['state'][1])

# by hand: buf = momentum * buf + (1 - dampening) * (grad + wd * p); p -= lr * buf
model = make_model()
p = model.weight.detach().clone()
buf = None
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01)
for _ in range(3):
    opt.zero_grad()
    nn.functional.mse_loss(model(X), Y).backward()
    g = model.weight.grad + 0.01 * p
    buf = g.clone() if buf is None else 0.9 * buf + 0.9 * g
    p = p - 0.1 * buf
    opt.step()
print(torch.allclose(model.weight, p, atol=1e-6))

# parameters without a gradient are skipped
a = nn.Parameter(torch.ones(2))
b = nn.Parameter(torch.ones(2))
opt = torch.optim.SGD([a, b], lr=0.5, momentum=0.9)
(a * 3).sum().backward()
opt.step()
print(a, b, b.grad, len(opt.state))
print(opt)
