# Ends with an uncaught RuntimeError from torch.mm with incompatible inner dimensions (two frames deep).
import torch
class Linear:
    def __init__(self, n_in, n_out):
        self.weight = torch.arange(float(n_in * n_out)).view(n_in, n_out) / 10
        self.bias = torch.zeros(n_out)
    def __call__(self, x):
        return torch.mm(x, self.weight) + self.bias
l1 = Linear(4, 3)
l2 = Linear(3, 2)
l3 = Linear(4, 1)
x = torch.ones(2, 4)
h = l1(x)
print(h)
y = l2(h)
print(y)
print("shapes:", x.shape, h.shape, y.shape)
print(l1.weight)
print(l2.weight.t())
batch = torch.ones(5, 4)
print(l2(l1(batch)).shape, l3(batch).shape)
try:
    torch.mm(torch.ones(2, 3), torch.ones(2, 3))
except RuntimeError as e:
    print("caught:", e)
try:
    torch.ones(2, 3) @ torch.ones(4)
except RuntimeError as e:
    print("caught:", e)
print("feeding the (2, 2) output into a 4-input layer")
z = l3(y)
print("never printed", z)
