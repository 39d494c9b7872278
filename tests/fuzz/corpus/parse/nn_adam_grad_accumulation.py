# Gradient accumulation with Adam: a regression MLP trained on mini-batches of 8, the loss of each divided
# by the number of accumulation steps and backward() called on each, optimizer.step() and zero_grad() only
# every 4 mini-batches — the effective batch of 32. The accumulated gradient equals the full-batch one;
# Adam's state after the steps; losses printed with 4 significant digits.
import torch
import torch.nn as nn

torch.manual_seed(0)

X = torch.randn(256, 10)
true_w = torch.randn(10, 1)
y = torch.tanh(X @ true_w) + 0.1 * torch.randn(256, 1)

model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 1))
criterion = nn.MSELoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
print(optimizer)

# accumulating 4 mini-batches of 8 gives the gradient of the batch of 32
accumulation_steps = 4
model.zero_grad()
for k in range(accumulation_steps):
    xb, yb = X[8 * k:8 * k + 8], y[8 * k:8 * k + 8]
    (criterion(model(xb), yb) / accumulation_steps).backward()
accumulated = [p.grad.clone() for p in model.parameters()]
model.zero_grad()
criterion(model(X[:32]), y[:32]).backward()
print([torch.allclose(a, p.grad, atol=1e-6) for a, p in zip(accumulated, model.parameters())])
print(model[2].bias.grad)
optimizer.zero_grad()

step = 0
for epoch in range(3):
    perm = torch.randperm(256)
    running = 0.0
    for i in range(256 // 8):
        idx = perm[8 * i:8 * i + 8]
        loss = criterion(model(X[idx]), y[idx])
        (loss / accumulation_steps).backward()
        running += loss.item()
        if (i + 1) % accumulation_steps == 0:
            optimizer.step()
            optimizer.zero_grad()
            step += 1
            if step % 4 == 0:
                print(f"epoch {epoch} step {step:2d} loss {running / accumulation_steps:.4g}")
            running = 0.0

with torch.no_grad():
    print("full-batch loss:", f"{criterion(model(X), y).item():.4g}")

state = optimizer.state[model[0].weight]
print(list(state.keys()), state["step"], state["exp_avg"].shape, state["exp_avg_sq"].shape)
print(bool((state["exp_avg_sq"] >= 0).all()))
sd = optimizer.state_dict()
print(list(sd.keys()), list(sd["state"].keys()), sd["param_groups"][0]["params"])
print({k: v for k, v in sd["param_groups"][0].items() if k != "params"})
# the grads are zeroed after the last step of each group of 4 (zeros, not None, in 1.13)
print(model[2].bias.grad)
