# nn.BCELoss and nn.BCEWithLogitsLoss with every reduction, per-element weight, pos_weight (per class,
# broadcast over the batch), soft targets, the log clamp at -100 for probabilities of exactly 0 and 1,
# extreme logits that stay finite, grad_fn names, gradients, and agreement between the two losses.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 3, requires_grad=True)
target = torch.tensor([[1., 0., 1.], [0., 0., 1.], [1., 1., 0.], [0., 1., 0.]])
probs = torch.sigmoid(logits)

for reduction in ('mean', 'sum', 'none'):
    loss_fn = nn.BCELoss(reduction=reduction)
    loss = loss_fn(probs, target)
    print(loss_fn, reduction, loss)
    loss_fn = nn.BCEWithLogitsLoss(reduction=reduction)
    loss = loss_fn(logits, target)
    print(loss_fn, reduction, loss)
    logits.grad = None
    loss.backward(torch.ones_like(loss))
    print("  ", logits.grad[0], torch.allclose(logits.grad * (4 * 3 if reduction == 'mean' else 1),
                                                torch.sigmoid(logits) - target))

w = torch.tensor([1.0, 0.5, 2.0])
print(nn.BCELoss(weight=w)(probs, target), nn.BCEWithLogitsLoss(weight=w)(logits, target))
print(nn.BCELoss(weight=w, reduction='none')(probs, target)[0])

pos_weight = torch.tensor([3.0, 1.0, 0.5])
loss_fn = nn.BCEWithLogitsLoss(pos_weight=pos_weight)
print(loss_fn, loss_fn.pos_weight, loss_fn.weight)
loss = loss_fn(logits, target)
print(loss, type(loss.grad_fn).__name__)
logits.grad = None
loss.backward()
print(logits.grad)
print(nn.BCEWithLogitsLoss(pos_weight=pos_weight, reduction='none')(logits, target)[0])
print(nn.BCEWithLogitsLoss(weight=w, pos_weight=pos_weight, reduction='sum')(logits, target))
# by hand: -[pos_weight * y * log(sigmoid(x)) + (1 - y) * log(1 - sigmoid(x))]
manual = -(pos_weight * target * F.logsigmoid(logits) + (1 - target) * F.logsigmoid(-logits)).mean()
print(torch.allclose(manual, loss))

# BCELoss: gradient and grad_fn
p = probs.detach().requires_grad_()
loss = nn.BCELoss()(p, target)
loss.backward()
print(type(loss.grad_fn).__name__, p.grad[0])

# soft targets
soft = torch.rand(4, 3)
print(F.binary_cross_entropy(probs, soft), F.binary_cross_entropy_with_logits(logits, soft))

# probabilities of exactly 0 and 1: the log is clamped at -100, so the loss stays finite
edge = torch.tensor([0.0, 1.0, 1.0, 0.0, 0.5])
edge_t = torch.tensor([0.0, 1.0, 0.0, 1.0, 1.0])
print(F.binary_cross_entropy(edge, edge_t, reduction='none'))
# extreme logits: with_logits stays exact where sigmoid + BCELoss saturates
big = torch.tensor([-200.0, -20.0, 0.0, 20.0, 200.0])
ones = torch.ones(5)
print(F.binary_cross_entropy_with_logits(big, ones, reduction='none'))
print(F.binary_cross_entropy(torch.sigmoid(big), ones, reduction='none'))

# 1-D inputs and a one-logit classifier head
model = nn.Sequential(nn.Linear(3, 1))
x = torch.randn(5, 3)
y = torch.tensor([1., 0., 0., 1., 1.])
out = model(x).squeeze(1)
loss = nn.BCEWithLogitsLoss()(out, y)
print(out.shape, loss)
