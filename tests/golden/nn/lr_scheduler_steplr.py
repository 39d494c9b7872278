# torch.optim.lr_scheduler.StepLR in a training loop: optimizer.step() then scheduler.step() once per
# epoch, get_last_lr() and the group lr each epoch (the float products as PyTorch computes them, e.g.
# 0.05 * 0.1), several param groups decaying together, last_epoch, state_dict(), and resuming a schedule
# with load_state_dict.
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR

torch.manual_seed(0)
model = nn.Linear(2, 1)
X = torch.randn(16, 2)
Y = X.sum(1, keepdim=True)

optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
scheduler = StepLR(optimizer, step_size=3, gamma=0.1)
print(type(scheduler).__name__, scheduler.step_size, scheduler.gamma, scheduler.last_epoch, scheduler.base_lrs)
print(scheduler.get_last_lr(), optimizer.param_groups[0]['lr'], optimizer.param_groups[0]['initial_lr'])

for epoch in range(10):
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(X), Y)
    loss.backward()
    optimizer.step()
    scheduler.step()
    print(epoch, f"{loss.item():.4f}", scheduler.get_last_lr(), optimizer.param_groups[0]['lr'], scheduler.last_epoch)

print(scheduler.state_dict())

# two groups decay together, each from its own initial lr
model2 = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
opt2 = torch.optim.Adam([{'params': model2[0].parameters()}, {'params': model2[1].parameters(), 'lr': 0.3}], lr=0.02)
sched2 = StepLR(opt2, step_size=2, gamma=0.5)
lrs = []
for epoch in range(7):
    opt2.zero_grad()
    nn.functional.mse_loss(model2(X), Y).backward()
    opt2.step()
    sched2.step()
    lrs.append(sched2.get_last_lr())
print(lrs)
print([g['initial_lr'] for g in opt2.param_groups], [g['lr'] for g in opt2.param_groups])

# resuming: a new scheduler loaded from the state dict continues the schedule
opt3 = torch.optim.SGD(model.parameters(), lr=0.05)
sched3 = StepLR(opt3, step_size=3, gamma=0.1)
sched3.load_state_dict(scheduler.state_dict())
print(sched3.last_epoch, sched3.get_last_lr(), opt3.param_groups[0]['lr'])
opt3.step()
sched3.step()
opt3.step()
sched3.step()
print(sched3.last_epoch, sched3.get_last_lr(), opt3.param_groups[0]['lr'])

# gamma=0.5, step_size=1 halves every epoch
opt4 = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
sched4 = StepLR(opt4, 1, gamma=0.5)
seen = []
for _ in range(5):
    opt4.step()
    sched4.step()
    seen.append(opt4.param_groups[0]['lr'])
print(seen)
