# nn.CrossEntropyLoss and nn.NLLLoss: every reduction, class weights (the weighted mean divides by the sum
# of the target weights), ignore_index (default -100 and a custom one), label_smoothing, class-probability
# targets, K-dimensional inputs (N, C, H, W), unbatched (C,) input, grad_fn names, gradients, and
# cross_entropy == nll_loss(log_softmax).
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 3, requires_grad=True)
target = torch.tensor([0, 2, 1, 2])
weight = torch.tensor([1.0, 2.0, 0.5])

configs = [
    {},
    {"reduction": "sum"},
    {"reduction": "none"},
    {"weight": weight},
    {"weight": weight, "reduction": "sum"},
    {"weight": weight, "reduction": "none"},
    {"ignore_index": 2},
    {"ignore_index": 2, "reduction": "none"},
    {"label_smoothing": 0.1},
    {"label_smoothing": 0.2, "weight": weight},
    {"label_smoothing": 0.1, "reduction": "none"},
    {"label_smoothing": 0.3, "ignore_index": 0, "reduction": "sum"},
]
for kw in configs:
    loss_fn = nn.CrossEntropyLoss(**kw)
    loss = loss_fn(logits, target)
    logits.grad = None
    loss.backward(torch.ones_like(loss))
    print(loss_fn, kw)
    print("  ", loss, loss_fn.ignore_index, loss_fn.label_smoothing)
    print("  ", logits.grad[1])

log_probs = F.log_softmax(logits, dim=1)
for kw in [{}, {"reduction": "sum"}, {"reduction": "none"}, {"weight": weight}, {"ignore_index": 0},
           {"weight": weight, "ignore_index": 1, "reduction": "none"}]:
    loss_fn = nn.NLLLoss(**kw)
    loss = loss_fn(log_probs, target)
    print(loss_fn, kw, loss)
    print("  ", torch.allclose(loss, F.cross_entropy(logits, target, **kw)))
print(nn.NLLLoss(weight=weight).weight, nn.CrossEntropyLoss().weight)

# NLLLoss picks -input[n, target[n]]
x = torch.tensor([[0.1, 0.2, 0.7], [0.5, 0.3, 0.2]], requires_grad=True)
loss = nn.NLLLoss()(x, torch.tensor([2, 0]))
loss.backward()
print(loss, type(loss.grad_fn).__name__, x.grad)
ce = nn.CrossEntropyLoss()(x, torch.tensor([2, 0]))
print(ce, type(ce.grad_fn).__name__)

# all targets ignored: the mean is 0/0
print(F.cross_entropy(logits, torch.tensor([-100, -100, -100, -100])))
print(F.nll_loss(log_probs, torch.tensor([1, 1, 1, 1]), ignore_index=1, reduction='sum'))

# class-probability targets (same shape as the input)
probs = torch.softmax(torch.randn(4, 3), dim=1)
print(F.cross_entropy(logits, probs), F.cross_entropy(logits, probs, reduction='none'))
print(F.cross_entropy(logits, probs, label_smoothing=0.2, weight=weight))
onehot = F.one_hot(target, 3).float()
print(torch.allclose(F.cross_entropy(logits, onehot), F.cross_entropy(logits, target)))

# (N, C, d1, d2) inputs with (N, d1, d2) targets, as in segmentation
seg = torch.randn(2, 3, 2, 2, requires_grad=True)
seg_t = torch.tensor([[[0, 1], [2, 1]], [[1, 1], [0, 2]]])
print(nn.CrossEntropyLoss()(seg, seg_t), nn.CrossEntropyLoss(reduction='none')(seg, seg_t).shape)
print(nn.NLLLoss(weight=weight)(F.log_softmax(seg, 1), seg_t))
nn.CrossEntropyLoss(ignore_index=1)(seg, seg_t).backward()
print(seg.grad[0, :, 0, 1], seg.grad[1, 0])

# unbatched: (C,) input and a 0-dim target
print(F.cross_entropy(logits[0], target[0]), F.cross_entropy(logits[:1], target[:1]))
