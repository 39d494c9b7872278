# Ends with an uncaught RuntimeError from broadcasting incompatible shapes inside a helper function.
import torch
def add_bias(x, bias):
    return x + bias
def layer(x, weight, bias):
    return add_bias(x @ weight, bias)
torch.manual_seed(0)
x = torch.ones(4, 3)
weight = torch.full((3, 2), 0.5)
good_bias = torch.tensor([1.0, -1.0])
out = layer(x, weight, good_bias)
print(out)
print(out.shape)
row_bias = torch.tensor([[10.0], [20.0], [30.0], [40.0]])
print(layer(x, weight, row_bias))
try:
    layer(x, weight, torch.zeros(3))
except RuntimeError as e:
    print("caught:", e)
print((x + torch.zeros(1, 3)).shape, (x * torch.ones(4, 1)).shape, (torch.ones(3, 1) + torch.ones(1, 2)).shape)
try:
    torch.ones(2, 3) + torch.ones(3, 2)
except RuntimeError as e:
    print("caught:", e)
try:
    x += torch.ones(4, 3, 1)
except RuntimeError as e:
    print("caught:", e)
bad_bias = torch.zeros(3, 2)
print("adding a (3, 2) bias to a (4, 2) activation")
layer(x, weight, bad_bias)
print("never printed")
