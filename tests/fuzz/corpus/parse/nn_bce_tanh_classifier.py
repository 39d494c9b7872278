# A binary classifier on two seeded noisy rings: nn.Sequential(Linear, Tanh, Linear, Tanh, Linear) giving
# one logit, BCEWithLogitsLoss, full-batch SGD with momentum; the loss every 25 epochs (4 significant
# digits), the accuracy from sigmoid(logit) > 0.5, and BCEWithLogitsLoss checked against BCELoss on the
# sigmoid.
import math
import torch
import torch.nn as nn

torch.manual_seed(0)


def make_rings(n):
    # class 0 on a circle of radius 1, class 1 on radius 2, with noise
    angles = torch.rand(n) * 2 * math.pi
    labels = (torch.rand(n) > 0.5).float()
    radius = 1.0 + labels + 0.25 * torch.randn(n)
    points = torch.stack([radius * torch.cos(angles), radius * torch.sin(angles)], dim=1)
    return points, labels


X, y = make_rings(200)
X_test, y_test = make_rings(100)
print(X.shape, y.shape, y.dtype, int(y.sum().item()))
print(X[:3], y[:3])

model = nn.Sequential(
    nn.Linear(2, 16),
    nn.Tanh(),
    nn.Linear(16, 16),
    nn.Tanh(),
    nn.Linear(16, 1),
)
print(model)
loss_fn = nn.BCEWithLogitsLoss()
print(loss_fn)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)

for epoch in range(200):
    logits = model(X).squeeze(1)
    loss = loss_fn(logits, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if epoch % 25 == 0 or epoch == 199:
        with torch.no_grad():
            acc = ((logits > 0).float() == y).float().mean().item()
        print(f"epoch {epoch:3d}  loss {loss.item():.4g}  train acc {acc:.3f}")

with torch.no_grad():
    logits = model(X_test).squeeze(1)
    probs = torch.sigmoid(logits)
    pred = (probs > 0.5).float()
    print("test accuracy:", (pred == y_test).sum().item(), "/", len(y_test))
    print("test loss:", f"{loss_fn(logits, y_test).item():.4g}")
    # the same loss from probabilities, less stable numerically
    print("BCELoss:  ", f"{nn.BCELoss()(probs, y_test).item():.4g}")
    print(torch.allclose(loss_fn(logits, y_test), nn.BCELoss()(probs, y_test), atol=1e-5))

# the grad_fn of the loss and the shapes of the gradients
logits = model(X[:4]).squeeze(1)
loss = loss_fn(logits, y[:4])
print(type(loss.grad_fn).__name__, type(logits.grad_fn).__name__)
model.zero_grad()
loss.backward()
print([tuple(p.grad.shape) for p in model.parameters()])

# the hidden Tanh activations are in (-1, 1)
h = model[1](model[0](X[:5]))
print(h.shape, bool(h.abs().max() < 1), type(h.grad_fn).__name__)
