# nn.MSELoss and nn.L1Loss with reduction='mean' (default), 'sum' and 'none': reprs, values, grad_fn names,
# gradients with respect to input and target (the subgradient of |x| at 0 is 0), 0-dim and 3-D inputs,
# and the functional forms. (The legacy size_average/reduce arguments warn, so they are left out.)
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
input = torch.randn(3, 5, requires_grad=True)
target = torch.randn(3, 5)
target[0, 0] = input[0, 0].item()  # a zero difference

for cls in (nn.MSELoss, nn.L1Loss):
    for reduction in ('mean', 'sum', 'none'):
        loss_fn = cls(reduction=reduction)
        loss = loss_fn(input, target)
        print(loss_fn, reduction, loss_fn.reduction)
        print("  ", loss)
        input.grad = None
        loss.backward(torch.ones_like(loss))
        print("  ", input.grad[0])
print(nn.MSELoss(), nn.L1Loss(), nn.MSELoss(reduction='sum'))

# gradient with respect to the target too
t = target.clone().requires_grad_()
input.grad = None
loss = nn.MSELoss()(input, t)
loss.backward()
print(t.grad[0], torch.allclose(t.grad, -input.grad))
t.grad = None
nn.L1Loss(reduction='sum')(input, t).backward()
print(t.grad)  # -0. where input == target: L1Loss is (input - target).abs().sum()

# 0-dim and higher-dimensional inputs
a = torch.tensor(2.5, requires_grad=True)
print(nn.MSELoss()(a, torch.tensor(1.0)), nn.L1Loss()(a, torch.tensor(1.0)))
x3 = torch.randn(2, 3, 4)
y3 = torch.randn(2, 3, 4)
print(nn.MSELoss()(x3, y3), nn.L1Loss(reduction='none')(x3, y3).shape)
print(torch.allclose(nn.MSELoss()(x3, y3), ((x3 - y3) ** 2).mean()))
print(torch.allclose(nn.L1Loss(reduction='sum')(x3, y3), (x3 - y3).abs().sum()))

# the functional forms
print(torch.equal(F.mse_loss(input, target), nn.MSELoss()(input, target)))
print(F.mse_loss(input, target, reduction='sum'), F.l1_loss(input, target))
print(F.l1_loss(input, target, reduction='none')[1])

