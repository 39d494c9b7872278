# torch.autograd.gradcheck in float64 through every loss and reduction: MSELoss, L1Loss (inputs kept away
# from the kink), CrossEntropyLoss (class weights, ignore_index, label_smoothing, probability targets,
# (N, C, d) inputs), NLLLoss, BCELoss (with weights, with respect to input and target), BCEWithLogitsLoss
# (weight, pos_weight, with respect to both arguments), and a small model's loss with respect to its input.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.autograd import gradcheck

torch.manual_seed(0)
dt = torch.float64


def rand(*shape):
    return torch.randn(*shape, dtype=dt, requires_grad=True)


x = rand(3, 4)
t = torch.randn(3, 4, dtype=dt)
# for L1: |x - t| >= 0.1 everywhere, so the finite differences never straddle the kink
t_l1 = x.detach() - (torch.rand(3, 4, dtype=dt) + 0.1) * torch.randn(3, 4, dtype=dt).sign()
logits = rand(5, 3)
labels = torch.tensor([0, 2, 1, 2, 0])
cw = torch.tensor([0.2, 1.0, 3.0], dtype=dt)
probs_t = torch.softmax(torch.randn(5, 3, dtype=dt), 1)
seg = rand(2, 3, 4)
seg_t = torch.tensor([[0, 1, 2, 1], [2, 2, 0, 1]])
p = (torch.rand(3, 4, dtype=dt) * 0.8 + 0.1).requires_grad_()
soft = (torch.rand(3, 4, dtype=dt) * 0.8 + 0.1).requires_grad_()
bw = torch.rand(3, 4, dtype=dt) + 0.5
pw = torch.tensor([0.5, 1.0, 2.0, 3.0], dtype=dt)

checks = []
for red in ("mean", "sum", "none"):
    checks += [
        ("MSELoss " + red, lambda x, y, r=red: nn.MSELoss(reduction=r)(x, y), (x, t.clone().requires_grad_())),
        ("L1Loss " + red, lambda x, r=red: nn.L1Loss(reduction=r)(x, t_l1), (x,)),
        ("CrossEntropy " + red, lambda z, r=red: nn.CrossEntropyLoss(reduction=r)(z, labels), (logits,)),
        ("CE weight " + red, lambda z, r=red: F.cross_entropy(z, labels, weight=cw, reduction=r), (logits,)),
        ("CE smoothing " + red, lambda z, r=red: F.cross_entropy(z, labels, label_smoothing=0.2, reduction=r), (logits,)),
        ("CE probs " + red, lambda z, r=red: F.cross_entropy(z, probs_t, reduction=r), (logits,)),
        ("NLLLoss " + red, lambda z, r=red: nn.NLLLoss(reduction=r)(F.log_softmax(z, 1), labels), (logits,)),
        ("BCELoss " + red, lambda q, r=red: nn.BCELoss(reduction=r)(q, soft.detach()), (p,)),
        ("BCEWithLogits " + red, lambda z, y, r=red: nn.BCEWithLogitsLoss(reduction=r)(z, y), (x, soft)),
    ]
checks += [
    ("CE ignore_index", lambda z: F.cross_entropy(z, labels, ignore_index=2), (logits,)),
    ("CE all options", lambda z: F.cross_entropy(z, labels, weight=cw, ignore_index=0, label_smoothing=0.1), (logits,)),
    ("CE (N, C, d)", lambda z: F.cross_entropy(z, seg_t), (seg,)),
    ("NLL weight", lambda z: F.nll_loss(z, labels, weight=cw), (logits,)),
    ("NLL (N, C, d)", lambda z: F.nll_loss(z, seg_t, ignore_index=1, reduction='sum'), (seg,)),
    ("BCELoss weight", lambda q: F.binary_cross_entropy(q, soft.detach(), weight=bw), (p,)),
    ("BCELoss target", lambda q, y: F.binary_cross_entropy(q, y), (p, soft)),
    ("BCEWithLogits w", lambda z: F.binary_cross_entropy_with_logits(z, soft.detach(), weight=bw), (x,)),
    ("BCEWithLogits pw", lambda z, y: F.binary_cross_entropy_with_logits(z, y, pos_weight=pw), (x, soft)),
    ("BCEWithLogits w,pw", lambda z: nn.BCEWithLogitsLoss(weight=bw, pos_weight=pw, reduction='sum')(z, soft.detach()), (x,)),
]
for name, fn, inputs in checks:
    print(f"{name:22s}", gradcheck(fn, inputs))

model = nn.Sequential(nn.Linear(4, 6), nn.Tanh(), nn.Linear(6, 3)).double()
print(f"{'model + CE':22s}", gradcheck(lambda inp: F.cross_entropy(model(inp), labels[:3]), (x,)))
print(f"{'model + MSE':22s}", gradcheck(lambda inp: F.mse_loss(model(inp), t[:, :3]), (x,)))
