# Ends with an uncaught RuntimeError: a manual gradient-descent step written without torch.no_grad()
# updates a leaf that requires grad in place (the mistake the tutorials warn about).
import torch


def sgd_step(params, lr):
    for p in params:
        p -= lr * p.grad


def train_step(x, y, w, b, lr, use_no_grad):
    pred = x @ w + b
    loss = ((pred - y) ** 2).mean()
    loss.backward()
    if use_no_grad:
        with torch.no_grad():
            sgd_step([w, b], lr)
    else:
        sgd_step([w, b], lr)
    w.grad.zero_()
    b.grad.zero_()
    return loss.item()


x = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 1.0]])
y = torch.tensor([1.0, 2.0, 3.0, 4.0])
w = torch.zeros(2, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
for step in range(4):
    loss = train_step(x, y, w, b, 0.1, True)
    print(step, f"{loss:.4f}", " ".join(f"{v:.4f}" for v in w.tolist() + b.tolist()))
print(w.is_leaf, w.requires_grad, w.grad_fn)
print("now the same step without torch.no_grad()")
train_step(x, y, w, b, 0.1, False)
print("never printed")
