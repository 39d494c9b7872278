# bench/wl/lstm.py — workload 5: an LSTM classifier (28 time steps of 28 features, batch 64, hidden 64,
# one layer, a linear head on the last hidden state), 30 Adam steps on seeded random data.
# Runs unchanged in ctorch and PyTorch 1.13. argv: [threads]. Prints the last loss and "time <seconds>".
import sys
import time
import torch
import torch.nn as nn

if len(sys.argv) > 1:
    torch.set_num_threads(int(sys.argv[1]))


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(28, 64, batch_first=True)
        self.head = nn.Linear(64, 10)

    def forward(self, x):
        out, (h, c) = self.lstm(x)
        return self.head(out[:, -1, :])


torch.manual_seed(0)
model = Classifier()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
x = torch.randn(64, 28, 28)
y = torch.randint(0, 10, (64,))
t0 = time.perf_counter()
for step in range(30):
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
dt = time.perf_counter() - t0
print("loss %.4f" % loss.item())
print("time %.6f" % dt)
