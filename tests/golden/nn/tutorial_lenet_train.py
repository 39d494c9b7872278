# The blitz tutorial's LeNet, continued: MSELoss against a dummy target, the loss.grad_fn.next_functions
# walk back through the network, conv1.bias.grad before and after backward, the manual SGD update
# (weight = weight - learning_rate * gradient) and the same with torch.optim.SGD.
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

torch.manual_seed(1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def name(fn):
    return type(fn).__name__ if fn is not None else None


def walk(fn, depth=0, limit=20):
    # one line per node, children indented; AccumulateGrad shows the shape of its leaf
    extra = ""
    if name(fn) == "AccumulateGrad":
        extra = " " + str(tuple(fn.variable.shape))
    print("  " * depth + str(name(fn)) + extra)
    if fn is not None and depth < limit:
        for f, _ in fn.next_functions:
            walk(f, depth + 1, limit)


net = Net()
input = torch.randn(1, 1, 32, 32)
out = net(input)
out.backward(torch.randn(1, 10))  # as earlier in the tutorial

output = net(input)
target = torch.randn(10)  # a dummy target, for example
target = target.view(1, -1)  # make it the same shape as output
criterion = nn.MSELoss()

loss = criterion(output, target)
print(loss)
print(criterion, type(loss.grad_fn).__name__)

print(name(loss.grad_fn))  # MSELoss
print(name(loss.grad_fn.next_functions[0][0]))  # Linear
print(name(loss.grad_fn.next_functions[0][0].next_functions[0][0]))  # ReLU
print([(name(f), n) for f, n in loss.grad_fn.next_functions])
print([(name(f), n) for f, n in loss.grad_fn.next_functions[0][0].next_functions])
walk(loss.grad_fn)

net.zero_grad()  # zeroes the gradient buffers of all parameters

print('conv1.bias.grad before backward')
print(net.conv1.bias.grad)

loss.backward()

print('conv1.bias.grad after backward')
print(net.conv1.bias.grad)

# the simplest update rule: weight = weight - learning_rate * gradient
learning_rate = 0.01
before = net.fc3.bias.detach().clone()
for f in net.parameters():
    f.data.sub_(f.grad.data * learning_rate)
print(net.fc3.bias)
print(torch.allclose(net.fc3.bias, before - learning_rate * net.fc3.bias.grad))
print(f"{criterion(net(input), target).item():.4g}")

# create your optimizer
optimizer = optim.SGD(net.parameters(), lr=0.01)
print(optimizer)

# in your training loop:
for step in range(5):
    optimizer.zero_grad()   # zero the gradient buffers
    output = net(input)
    loss = criterion(output, target)
    loss.backward()
    optimizer.step()    # Does the update
    print(step, f"{loss.item():.4g}")

print(net.fc3.bias)
print(net.conv1.bias)
print(net(input))
print(target)
