# torch.nn.init on seeded tensors: uniform_, normal_, constant_, ones_, zeros_, xavier_uniform_/normal_
# (with gain), kaiming_uniform_/normal_ (a, mode='fan_in'/'fan_out', nonlinearity), calculate_gain for each
# nonlinearity, fans of Linear and Conv2d weights, the functions returning their tensor, not recording
# gradients, and re-initialising a model's layers with apply().
import math
import torch
import torch.nn as nn

torch.manual_seed(0)


def stats(t):
    return f"mean {t.mean().item():+.3f} std {t.std().item():.3f} min {t.min().item():+.3f} max {t.max().item():+.3f}"


w = torch.empty(3, 5)
print(nn.init.uniform_(w))
print(nn.init.uniform_(w, a=-0.1, b=0.1))
print(nn.init.normal_(w))
print(nn.init.normal_(w, mean=1.0, std=0.01))
print(nn.init.constant_(w, 0.3))
print(nn.init.ones_(torch.empty(2, 2)), nn.init.zeros_(torch.empty(3)))
print(nn.init.uniform_(w) is w)

for name in ['linear', 'conv1d', 'conv2d', 'sigmoid', 'tanh', 'relu', 'selu']:
    print(name, nn.init.calculate_gain(name))
print(nn.init.calculate_gain('leaky_relu'), nn.init.calculate_gain('leaky_relu', 0.2),
      nn.init.calculate_gain('leaky_relu', 0))

print(nn.init.xavier_uniform_(w))
print(nn.init.xavier_uniform_(w, gain=nn.init.calculate_gain('relu')))
print(nn.init.xavier_normal_(w))
print(nn.init.xavier_normal_(w, gain=0.5))

big = torch.empty(200, 100)
nn.init.xavier_uniform_(big)
print(stats(big), math.sqrt(6 / 300))
nn.init.kaiming_uniform_(big)
print("kaiming_uniform_", stats(big), math.sqrt(6 / 100))
nn.init.kaiming_uniform_(big, mode='fan_out', nonlinearity='relu')
print("fan_out relu    ", stats(big), math.sqrt(6 / 200))
nn.init.kaiming_uniform_(big, a=math.sqrt(5))
print("a=sqrt(5)       ", stats(big), 1 / math.sqrt(100))
nn.init.kaiming_normal_(big)
print("kaiming_normal_ ", stats(big), math.sqrt(2 / 100))
nn.init.kaiming_normal_(big, a=0.1, mode='fan_out', nonlinearity='leaky_relu')
print("fan_out leaky   ", stats(big))
nn.init.kaiming_normal_(big, nonlinearity='linear')
print("linear          ", stats(big))

print(nn.init.kaiming_uniform_(w))
print(nn.init.kaiming_normal_(w, mode='fan_out'))
conv_w = torch.empty(4, 2, 3, 3)  # fan_in = 2 * 9, fan_out = 4 * 9
nn.init.kaiming_uniform_(conv_w, mode='fan_out', nonlinearity='relu')
print(conv_w[0, 0], conv_w.abs().max().item() <= math.sqrt(6 / 36))
nn.init.xavier_normal_(conv_w)
print(conv_w[3, 1])

# the default initialisation of nn.Linear is kaiming_uniform_(weight, a=sqrt(5)) then the bias
torch.manual_seed(42)
fc = nn.Linear(4, 3)
torch.manual_seed(42)
ref_w = nn.init.kaiming_uniform_(torch.empty(3, 4), a=math.sqrt(5))
ref_b = nn.init.uniform_(torch.empty(3), -1 / math.sqrt(4), 1 / math.sqrt(4))
print(torch.equal(fc.weight, ref_w), torch.equal(fc.bias, ref_b))

# on parameters: no graph is recorded
p = nn.Parameter(torch.empty(2, 3))
out = nn.init.normal_(p)
print(out is p, p.requires_grad, p.grad_fn, p.is_leaf)


def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.xavier_uniform_(m.weight)
        m.bias.data.fill_(0.01)
    elif isinstance(m, nn.Conv2d):
        nn.init.kaiming_normal_(m.weight, mode='fan_out', nonlinearity='relu')
        nn.init.zeros_(m.bias)


torch.manual_seed(0)
net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Flatten(), nn.Linear(8, 3))
net.apply(init_weights)
print(net[0].weight[1, 0], net[0].bias)
print(net[3].weight, net[3].bias)
