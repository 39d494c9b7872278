# F.max_pool2d(x, 2) forward values, indices (NaN wins, first maximum wins ties) and backward, every bit,
# for row widths around the 16-output vector blocks ctorch uses.
import torch
import torch.nn.functional as F
torch.manual_seed(0)
def bits(t): return " ".join(repr(v) for v in t.flatten().tolist())
for (N, C, H, W) in [(4, 3, 28, 28), (2, 5, 10, 10), (3, 2, 9, 7), (2, 2, 40, 66), (2, 3, 5, 34)]:
    x = torch.randn(N, C, H, W)
    x[0, 0, 0, 1] = float('nan'); x[0, 0, 1, 2] = x[0, 0, 1, 3]
    x.requires_grad_()
    y, i = F.max_pool2d(x, 2, return_indices=True)
    y.backward(torch.randn_like(y))
    print(bits(y)); print(i.flatten().tolist()); print(bits(x.grad))
