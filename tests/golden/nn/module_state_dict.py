# state_dict() and load_state_dict(): the OrderedDict printed whole, keys in registration order
# (parameters, then buffers, then submodules), values detached and sharing storage with the parameters,
# keep_vars, BatchNorm buffers, persistent=False buffers left out, loading into a fresh model (the result
# prints as <All keys matched successfully>), strict=False reporting missing/unexpected keys, the strict
# error messages (missing, unexpected, size mismatch), and copying weights between models.
import torch
import torch.nn as nn

torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 2)
        self.bn = nn.BatchNorm2d(2)
        self.fc = nn.Linear(8, 2)
        self.register_buffer("steps", torch.tensor(0))
        self.register_buffer("tmp", torch.zeros(2), persistent=False)

    def forward(self, x):
        return self.fc(torch.relu(self.bn(self.conv(x))).flatten(1))


small = nn.Linear(3, 2)
sd = small.state_dict()
print(sd)
print(type(sd).__name__, list(sd.keys()), sd["weight"].requires_grad, sd["weight"].grad_fn)
print(list(small.state_dict(keep_vars=True).values())[1])

net = Net()
sd = net.state_dict()
for k, v in sd.items():
    print(f"{k:22s} {str(tuple(v.shape)):14s} {v.dtype}")
print(sd["bn.num_batches_tracked"], sd["steps"])

# the values share storage: changing them in place changes the model
sd["fc.bias"].fill_(0.5)
print(net.fc.bias)

x = torch.randn(3, 1, 3, 3)
net(x)  # one training step of BatchNorm updates its buffers
print(net.state_dict()["bn.running_mean"], net.state_dict()["bn.num_batches_tracked"])

fresh = Net()
print(torch.equal(fresh.fc.weight, net.fc.weight))
result = fresh.load_state_dict(net.state_dict())
print(result)
print(result.missing_keys, result.unexpected_keys)
print(torch.equal(fresh.fc.weight, net.fc.weight), fresh.bn.num_batches_tracked)
net.eval()
fresh.eval()
print(torch.equal(fresh(x), net(x)))
# loading copies: the two models stay independent
with torch.no_grad():
    net.fc.weight.add_(1.0)
print(torch.equal(fresh.fc.weight, net.fc.weight))

partial = {k: v for k, v in net.state_dict().items() if not k.startswith("fc.")}
partial["extra.weight"] = torch.zeros(1)
result = fresh.load_state_dict(partial, strict=False)
print(result)
print(result.missing_keys, result.unexpected_keys)

# strict loading errors
cases = [
    ("missing", {k: v for k, v in small.state_dict().items() if k != "bias"}),
    ("unexpected", dict(small.state_dict(), extra=torch.ones(1))),
    ("both", {"weight": small.weight.detach(), "bais": small.bias.detach(), "scale": torch.ones(1)}),
    ("size", {"weight": torch.zeros(2, 4), "bias": torch.zeros(2)}),
]
for name, state in cases:
    try:
        nn.Linear(3, 2).load_state_dict(state)
        print(name, "loaded")
    except RuntimeError as e:
        print(name, type(e).__name__)
        print(e)

try:
    fresh.load_state_dict(small.state_dict())
except RuntimeError as e:
    print(type(e).__name__, str(e).split("\n")[0])

# a submodule's state_dict and loading into a submodule
print(list(net.fc.state_dict().keys()), list(net.bn.state_dict().keys()))
print(fresh.fc.load_state_dict(net.fc.state_dict()), torch.equal(fresh.fc.weight, net.fc.weight))

# copying weights between two architectures with matching names
seq1 = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
seq2 = nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1))
print(seq2.load_state_dict(seq1.state_dict()), list(seq1.state_dict().keys()))
