# Loss errors, caught and printed as `type(e).__name__, e`: cross_entropy with float class targets of the
# wrong shape, a target out of range ("Target 3 is out of bounds."), negative targets, batch size
# mismatches, one-hot targets given as indices, NLLLoss on 3-D input without a matching target, BCELoss
# with inputs outside [0, 1] or mismatched shapes, BCEWithLogitsLoss size mismatch, an unknown reduction,
# and the working cases next to them.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 3)
labels = torch.tensor([0, 2, 1, 2])
ce = nn.CrossEntropyLoss()

cases = [
    ("ce ok", lambda: ce(logits, labels)),
    ("ce float target 1-D", lambda: ce(logits, labels.float())),
    ("ce int32 target", lambda: ce(logits, labels.int())),
    ("ce out of bounds", lambda: ce(logits, torch.tensor([0, 3, 1, 2]))),
    ("ce negative", lambda: ce(logits, torch.tensor([0, -1, 1, 2]))),
    ("ce batch mismatch", lambda: ce(logits, torch.tensor([0, 1, 2]))),
    ("ce target 2-D long", lambda: ce(logits, labels.view(4, 1))),
    ("ce probs shape", lambda: ce(logits, torch.rand(4, 2))),
    ("ce weight size", lambda: F.cross_entropy(logits, labels, weight=torch.ones(4))),
    ("ce probs + ignore", lambda: F.cross_entropy(logits, torch.rand(4, 3), ignore_index=1)),
    ("ce smoothing", lambda: F.cross_entropy(logits, labels, label_smoothing=1.5)),
    ("nll out of bounds", lambda: F.nll_loss(logits, torch.tensor([5, 0, 0, 0]))),
    ("nll 1-D target", lambda: F.nll_loss(logits.view(2, 3, 2), torch.tensor([0, 1]))),
    ("nll 2-D mismatch", lambda: F.nll_loss(torch.randn(2, 3, 4), torch.zeros(2, 5, dtype=torch.long))),
    ("nll float target", lambda: nn.NLLLoss()(logits, labels.float())),
    ("bce out of range", lambda: nn.BCELoss()(logits, torch.ones(4, 3))),
    ("bce shape", lambda: nn.BCELoss()(torch.sigmoid(logits), torch.ones(4))),
    ("bce long target", lambda: nn.BCELoss()(torch.sigmoid(logits), torch.ones(4, 3, dtype=torch.long))),
    ("bce logits shape", lambda: nn.BCEWithLogitsLoss()(logits, torch.ones(4))),
    ("bce logits ok", lambda: nn.BCEWithLogitsLoss()(logits, torch.ones(4, 3))),
    ("mse reduction", lambda: nn.MSELoss(reduction='avg')(logits, logits)),
    ("l1 reduction", lambda: F.l1_loss(logits, logits, reduction='batchmean')),
    ("ce reduction", lambda: F.cross_entropy(logits, labels, reduction='max')),
    ("mse long", lambda: F.mse_loss(labels, labels)),
]
for name, fn in cases:
    try:
        out = fn()
        print("%-20s no error: %s" % (name, out))
    except Exception as e:
        print("%-20s %s: %s" % (name, type(e).__name__, e))

# the usual fixes
print(ce(logits, labels.long()), ce(logits, labels.view(4, 1).squeeze(1)))
print(ce(logits, F.one_hot(labels, 3).float()))
