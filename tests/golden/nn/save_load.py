# torch.save / torch.load round trips through one file in the current directory (the same name each time,
# overwritten; ctorch's file format differs from PyTorch's, so only loaded values are printed): tensors of
# several dtypes and shapes, a non-contiguous one, plain containers, a model's state_dict loaded into a
# fresh model, and the tutorial's checkpoint dict with the optimizer state, resuming training identically;
# os.remove deletes the file at the end.
import os

import torch
import torch.nn as nn

PATH = "golden_nn_save_load.pt"
torch.manual_seed(0)

x = torch.randn(2, 3)
torch.save(x, PATH)
y = torch.load(PATH)
print(y, y.dtype, y.shape, torch.equal(x, y), y is x)

for t in [torch.arange(6).view(2, 3), torch.tensor([True, False, True]), torch.tensor(3.5),
          torch.randn(3, dtype=torch.float64), torch.zeros(0, 2), torch.randn(3, 4).t(), torch.arange(10.)[::3]]:
    torch.save(t, PATH)
    u = torch.load(PATH)
    print(u.dtype, tuple(u.shape), torch.equal(t, u), u.requires_grad, u.tolist())

# containers of tensors and Python values
obj = {"name": "run-1", "epoch": 7, "lr": 0.01, "done": False, "none": None, "sizes": (3, 4),
       "tensors": [torch.ones(2), torch.arange(3)], "nested": {"a": [1, 2.5, "x"], "b": torch.tensor([[1, 2]])}}
torch.save(obj, PATH)
back = torch.load(PATH)
print(type(back).__name__, list(back.keys()))
print(back["name"], back["epoch"], back["lr"], back["done"], back["none"], back["sizes"], type(back["sizes"]).__name__)
print(back["tensors"], back["nested"])
torch.save([1, (2, 3), [x[0]]], PATH)
print(torch.load(PATH))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.bn = nn.BatchNorm1d(8)
        self.fc2 = nn.Linear(8, 2)

    def forward(self, x):
        return self.fc2(torch.relu(self.bn(self.fc1(x))))


net = Net()
X = torch.randn(16, 4)
Y = torch.randint(0, 2, (16,))
net(X)  # updates the BatchNorm running stats
torch.save(net.state_dict(), PATH)
sd = torch.load(PATH)
print(type(sd).__name__, list(sd.keys()))
print(sd["bn.running_mean"], sd["bn.num_batches_tracked"])
model = Net()
print(model.load_state_dict(sd))
net.eval()
model.eval()
print(torch.equal(model(X), net(X)), all(torch.equal(a, b) for a, b in zip(model.state_dict().values(), net.state_dict().values())))

# the tutorial's general checkpoint: save, load, resume
net.train()
optimizer = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
criterion = nn.CrossEntropyLoss()
for epoch in range(3):
    optimizer.zero_grad()
    loss = criterion(net(X), Y)
    loss.backward()
    optimizer.step()
torch.save({
    'epoch': epoch,
    'model_state_dict': net.state_dict(),
    'optimizer_state_dict': optimizer.state_dict(),
    'loss': loss,
}, PATH)

model = Net()
opt2 = torch.optim.SGD(model.parameters(), lr=0.5)
checkpoint = torch.load(PATH)
model.load_state_dict(checkpoint['model_state_dict'])
opt2.load_state_dict(checkpoint['optimizer_state_dict'])
print(checkpoint['epoch'], checkpoint['loss'], sorted(checkpoint.keys()))
print(opt2.param_groups[0]['lr'], opt2.param_groups[0]['momentum'], len(opt2.state))
print(checkpoint['optimizer_state_dict']['param_groups'])
print(checkpoint['optimizer_state_dict']['state'][5])

losses = []
for m, opt in ((net, optimizer), (model, opt2)):
    for _ in range(2):
        opt.zero_grad()
        loss = criterion(m(X), Y)
        loss.backward()
        opt.step()
    losses.append(loss.item())
print(losses[0] == losses[1], f"{losses[0]:.4f}", torch.equal(net.fc2.weight, model.fc2.weight))

torch.save(torch.zeros(1), PATH)
print(torch.load(PATH))
os.remove(PATH)  # leave nothing behind
try:
    torch.load(PATH)
except FileNotFoundError as e:
    print(type(e).__name__, e)
try:
    os.remove(PATH)
except FileNotFoundError as e:
    print(type(e).__name__, e)
