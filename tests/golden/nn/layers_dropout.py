# nn.Dropout and F.dropout, seeded: in training mode each element is zeroed with probability p and the
# survivors scaled by 1/(1-p); in eval mode (and with training=False) the input comes back unchanged;
# p=0 and p=1, inplace=True, the gradient (the same mask, scaled), the repr, and train()/eval() of a model
# switching its Dropout layers.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

drop = nn.Dropout(p=0.5)
print(drop, drop.p, drop.inplace, drop.training)
x = torch.ones(4, 6)
y = drop(x)
print(y)
print(type(y.grad_fn).__name__ if y.grad_fn is not None else None, int((y == 0).sum()), y.unique())
print(drop(torch.arange(1., 9.)))

drop.eval()
print(drop.training, drop(x) is x, torch.equal(drop(x), x))
drop.train()
print(drop.training)

for p in (0.0, 0.2, 0.8, 1.0):
    d = nn.Dropout(p)
    out = d(torch.ones(1000))
    print(d, int((out == 0).sum()), out.max().item())

# the gradient is the mask scaled by 1 / (1 - p)
torch.manual_seed(1)
w = torch.ones(2, 5, requires_grad=True)
out = nn.Dropout(0.4)(w * 2)
print(out)
out.sum().backward()
print(w.grad)
print(torch.equal(w.grad != 0, out != 0), type(out.grad_fn).__name__)

# inplace
d = nn.Dropout(0.5, inplace=True)
print(d)
t = torch.ones(8)
out = d(t)
print(out is t, t)

# the functional form: training=True by default for F.dropout, unlike the module in eval mode
torch.manual_seed(2)
r = torch.randn(3, 4)
print(F.dropout(r, 0.5))
print(torch.equal(F.dropout(r, 0.5, training=False), r), F.dropout(r, 0.5, training=False) is r)
print(F.dropout(r, p=0.25, training=True))
torch.manual_seed(2)
torch.randn(3, 4)
a = F.dropout(r, 0.5)
torch.manual_seed(2)
torch.randn(3, 4)
b = nn.Dropout(0.5)(r)
print(torch.equal(a, b))


# a model's train()/eval() reaches its Dropout layers
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(6, 8)
        self.drop = nn.Dropout(0.3)
        self.fc2 = nn.Linear(8, 2)

    def forward(self, x):
        return self.fc2(self.drop(torch.relu(self.fc1(x))))


torch.manual_seed(3)
net = Net()
inp = torch.randn(2, 6)
print(net(inp))
print(net(inp))
net.eval()
print(net.training, net.drop.training, net(inp))
print(torch.equal(net(inp), net(inp)))
net.train()
print(net.training, net.drop.training)
