# bench/fashion_lenet.py — workload 8 of bench/run, and the Fashion-MNIST check of issue 7: LeNet trained
# for one epoch on the real Fashion-MNIST training set (batch 64, shuffled, Adam lr 3e-3, inputs normalised,
# torch.manual_seed(0)), then its accuracy on the 10000 test images. Runs unchanged in ctorch and in
# PyTorch 1.13 + torchvision 0.14:
#     ctorch run bench/fashion_lenet.py [threads [root]]
#     /usr/bin/python3 bench/fashion_lenet.py [threads [root]]
# root defaults to "data" with download=True: ctorch then reads Debian's /usr/share/datasets/fashion-mnist
# (package dataset-fashion-mnist); torchvision needs ROOT/FashionMNIST/raw/*-ubyte, which bench/run
# prepares from the same files. Prints the test accuracy, "time <seconds>" of the training epoch, and
# exits 1 when the accuracy is under 85 %.
import sys
import time
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets
from torchvision.transforms import Compose, Normalize, ToTensor

if len(sys.argv) > 1 and sys.argv[1] != "-":
    torch.set_num_threads(int(sys.argv[1]))
root = sys.argv[2] if len(sys.argv) > 2 else "data"


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
tf = Compose([ToTensor(), Normalize((0.2860,), (0.3530,))])   # the training set's mean and std
train = datasets.FashionMNIST(root=root, train=True, download=True, transform=tf)
test = datasets.FashionMNIST(root=root, train=False, download=True, transform=tf)
train_loader = DataLoader(train, batch_size=64, shuffle=True)
test_loader = DataLoader(test, batch_size=1000)
net = LeNet()
opt = torch.optim.Adam(net.parameters(), lr=3e-3)
loss_fn = nn.CrossEntropyLoss()

t0 = time.perf_counter()
net.train()
for x, y in train_loader:
    opt.zero_grad()
    loss = loss_fn(net(x), y)
    loss.backward()
    opt.step()
epoch = time.perf_counter() - t0

net.eval()
correct = 0
with torch.no_grad():
    for x, y in test_loader:
        correct += (net(x).argmax(1) == y).sum().item()
acc = correct / len(test)
print("test accuracy %.2f %%" % (100 * acc))
print("time %.6f" % epoch)
if acc < 0.85:
    print("accuracy under 85 %", file=sys.stderr)
    sys.exit(1)
