# Optimizer parameter groups: per-layer options (a base lr and a larger one for the head, as the docs'
# example), print(optimizer) with several groups, defaults filled into each group, add_param_group,
# changing lr by hand through optimizer.param_groups, and optimizer.state_dict(): 'state' keyed by
# parameter index, 'param_groups' with 'params' as indices; load_state_dict into a fresh optimizer
# resuming with the same updates.
import torch
import torch.nn as nn

torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.base = nn.Linear(3, 4)
        self.classifier = nn.Linear(4, 2)

    def forward(self, x):
        return self.classifier(torch.relu(self.base(x)))


X = torch.randn(6, 3)
Y = torch.tensor([0, 1, 1, 0, 1, 0])
net = Net()
init = net.state_dict()
opt = torch.optim.SGD([
    {'params': net.base.parameters()},
    {'params': net.classifier.parameters(), 'lr': 1e-2}
], lr=1e-3, momentum=0.9)
print(opt)
print(len(opt.param_groups), [len(g['params']) for g in opt.param_groups], [g['lr'] for g in opt.param_groups])
print(opt.defaults)
print(sorted(opt.param_groups[1].keys()))


def train(model, optimizer, steps):
    for _ in range(steps):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(X), Y)
        loss.backward()
        optimizer.step()
    return loss.item()


print(f"{train(net, opt, 3):.4f}")
print(net.classifier.bias, net.base.bias)

sd = opt.state_dict()
print(list(sd.keys()))
print(list(sd['state'].keys()), list(sd['state'][0].keys()))
for group in sd['param_groups']:
    print(group)
print(sd['state'][3]['momentum_buffer'])

# resume: a new model and optimizer loaded from the state dicts continue identically
net2 = Net()
net2.load_state_dict(net.state_dict())
opt2 = torch.optim.SGD([
    {'params': net2.base.parameters()},
    {'params': net2.classifier.parameters(), 'lr': 1e-2}
], lr=1e-3, momentum=0.9)
opt2.load_state_dict(opt.state_dict())
print(torch.equal(opt2.state[net2.classifier.bias]['momentum_buffer'], opt.state[net.classifier.bias]['momentum_buffer']))
a = train(net, opt, 2)
b = train(net2, opt2, 2)
print(a == b, torch.equal(net.base.weight, net2.base.weight))

# changing the learning rate by hand
for g in opt.param_groups:
    g['lr'] = g['lr'] * 0.5
print([g['lr'] for g in opt.param_groups], opt.state_dict()['param_groups'][1]['lr'])

# add_param_group: a new group with its own options, defaults for the rest
extra = nn.Parameter(torch.zeros(2))
opt.add_param_group({'params': extra, 'lr': 0.5, 'momentum': 0.0})
print(opt)
print(opt.param_groups[2]['params'][0] is extra, opt.param_groups[2]['nesterov'])
extra.grad = torch.tensor([1.0, -2.0])
opt.step()
print(extra)
print(list(opt.state_dict()['state'].keys()), opt.state_dict()['param_groups'][2]['params'])
print(opt.state_dict()['state'][4])  # momentum 0: the buffer entry is None

# Adam with two groups and its state_dict
net.load_state_dict(init)
adam = torch.optim.Adam([{'params': [net.base.weight, net.base.bias], 'weight_decay': 0.1},
                         {'params': net.classifier.parameters()}], lr=0.01)
print(f"{train(net, adam, 2):.4f}")
sd = adam.state_dict()
print(sd['state'][0]['step'], list(sd['state'][2].keys()))
print(sd['param_groups'][0]['weight_decay'], sd['param_groups'][1]['weight_decay'], sd['param_groups'][1]['params'])
