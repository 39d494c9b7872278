# Tensor error messages (pytorch-parity.md §5, the ones without autograd/nn), caught and printed as
# `type(e).__name__, e`, plus a few more shape/dtype/index errors.
import torch
ones = torch.ones
cases = [
    ("broadcast 2-D", lambda: ones(2, 3) + ones(3, 2)),
    ("broadcast 1-D", lambda: ones(3) + ones(4)),
    ("broadcast mul", lambda: ones(2, 3) * ones(2, 4)),
    ("mm shapes", lambda: torch.mm(ones(2, 3), ones(2, 3))),
    ("@ shapes", lambda: ones(2, 3) @ ones(2, 3)),
    ("matmul 1-D", lambda: ones(3) @ ones(4)),
    ("view size", lambda: ones(2, 3).view(4)),
    ("reshape size", lambda: ones(2, 3).reshape(4, 2)),
    ("view stride", lambda: ones(2, 3).t().view(6)),
    ("matmul f32@f64", lambda: ones(2, 2) @ ones(2, 2, dtype=torch.float64)),
    ("matmul f32@i64", lambda: ones(2, 2) @ ones(2, 2, dtype=torch.long)),
    ("matmul f64@f32", lambda: ones(2, 2, dtype=torch.float64) @ ones(2, 2)),
    ("dot dtypes", lambda: ones(2) @ ones(2, dtype=torch.float64)),
    ("int requires_grad", lambda: ones(2, dtype=torch.long, requires_grad=True)),
    ("requires_grad_ int", lambda: torch.tensor([1, 2]).requires_grad_()),
    ("item of many", lambda: ones(2).item()),
    ("float of many", lambda: float(ones(2))),
    ("index oob", lambda: ones(3)[5]),
    ("index oob 2-D", lambda: ones(2, 3)[0, 3]),
    ("dim oob", lambda: ones(3).sum(1)),
    ("dim oob 2-D", lambda: ones(2, 3).max(2)),
    ("cat sizes", lambda: torch.cat([ones(2, 3), ones(2, 4)])),
    ("expand", lambda: ones(2, 3).expand(3, 3)),
    ("bool ambiguous", lambda: bool(ones(2))),
    ("if ambiguous", lambda: "yes" if torch.tensor([1, 2]) > 0 else "no"),
    ("int mean", lambda: torch.tensor([1, 2, 3]).mean()),
    ("negative step", lambda: torch.arange(5)[::-1]),
    ("stack sizes", lambda: torch.stack([ones(2), ones(3)])),
    ("permute dims", lambda: ones(2, 3).permute(0)),
    ("squeeze dim", lambda: ones(2, 3).squeeze(3)),
    ("transpose dim", lambda: ones(2, 3).transpose(0, 2)),
    ("bmm 2-D", lambda: torch.bmm(ones(2, 3), ones(3, 2))),
    ("mv shapes", lambda: torch.mv(ones(2, 3), ones(2))),
    ("dot 2-D", lambda: torch.dot(ones(2, 2), ones(2, 2))),
    ("tensor ragged", lambda: torch.tensor([[1, 2], [3]])),
    ("tensor str", lambda: torch.tensor(["a"])),
    ("mask shape", lambda: ones(3)[torch.tensor([True, False])]),
    ("index tensor oob", lambda: torch.arange(3)[torch.tensor([0, 5])]),
    ("float index", lambda: ones(3)[torch.tensor([0.0])]),
    ("randint range", lambda: torch.randint(5, 2, (3,))),
    ("zeros negative", lambda: torch.zeros(-1)),
    ("view -1 twice", lambda: ones(4).view(-1, -1)),
    ("setitem shape", lambda: ones(2, 3).__setitem__(0, ones(4))),
    ("int pow negative", lambda: torch.tensor([2]) ** -1),
    ("bool sub", lambda: torch.tensor([True]) - torch.tensor([False])),
    ("bool neg", lambda: -torch.tensor([True])),
    ("in-place promote", lambda: torch.tensor([1, 2]).add_(1.5)),
    ("linspace steps", lambda: torch.linspace(0, 1, -1)),
    ("arange step", lambda: torch.arange(0, 10, 0)),
    ("chunk zero", lambda: ones(4).chunk(0)),
    ("split size", lambda: ones(4).split([1, 2])),
]
for name, fn in cases:
    try:
        r = fn()
        print("%-18s no error: %s" % (name, r))
    except Exception as e:
        print("%-18s %s: %s" % (name, type(e).__name__, e))
