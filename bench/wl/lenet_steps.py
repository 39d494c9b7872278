# bench/wl/lenet_steps.py — workload 2: LeNet on 28x28 inputs (conv 5x5 padding 2, 2x2 max pool, conv 5x5,
# pool, three linear layers), batch 64 of seeded random data, 100 SGD steps with momentum 0.9.
# Runs unchanged in ctorch and PyTorch 1.13. argv: [threads]. Prints the last loss and "time <seconds>".
import sys
import time
import torch
import torch.nn as nn
import torch.nn.functional as F

if len(sys.argv) > 1:
    torch.set_num_threads(int(sys.argv[1]))


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


torch.manual_seed(0)
net = LeNet()
opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
x = torch.randn(64, 1, 28, 28)
y = torch.randint(0, 10, (64,))
t0 = time.perf_counter()
for step in range(100):
    opt.zero_grad()
    loss = F.cross_entropy(net(x), y)
    loss.backward()
    opt.step()
dt = time.perf_counter() - t0
print("loss %.4f" % loss.item())
print("time %.6f" % dt)
