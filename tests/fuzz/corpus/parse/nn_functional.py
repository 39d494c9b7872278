# torch.nn.functional as learners call it: relu (and inplace), softmax/log_softmax (dim, dtype),
# max_pool2d (kernel as int and tuple, return_indices), avg_pool2d, conv2d (stride, padding, groups),
# linear, dropout, the losses (cross_entropy, nll_loss, mse_loss, binary_cross_entropy(_with_logits)),
# one_hot and pad (constant, with a value, negative padding crops). F.sigmoid and F.tanh exist but warn
# that they are deprecated (the warning names a PyTorch source line), so torch.sigmoid/tanh are used.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(2, 3, 4, 4)
v = torch.randn(3, 5)

print(F.relu(v))
w = v.clone()
print(F.relu(w, inplace=True) is w, torch.equal(w, F.relu(v)))
print(callable(F.sigmoid), callable(F.tanh), torch.sigmoid(v[0]), torch.tanh(v[0]))
print(F.softmax(v, dim=1))
print(F.softmax(v, dim=0).sum(0), F.softmax(v, -1, dtype=torch.float64).dtype)
print(F.log_softmax(v, dim=1)[0], F.log_softmax(v, 1).exp().sum(1))

print(F.max_pool2d(x, 2).shape, F.max_pool2d(x, (2, 1)).shape, F.max_pool2d(x, 3, stride=1, padding=1).shape)
out, idx = F.max_pool2d(x, 2, return_indices=True)
print(out[0, 0], idx[0, 0])
print(F.max_pool2d(x, kernel_size=3, stride=2, ceil_mode=True)[1, 2])
print(F.avg_pool2d(x, 2)[0, 0])
print(F.avg_pool2d(x, 3, stride=1, padding=1, count_include_pad=False)[0, 0, 0])
print(F.adaptive_avg_pool2d(x, (1, 1)).flatten(1))

weight = torch.randn(4, 3, 3, 3)
bias = torch.randn(4)
print(F.conv2d(x, weight).shape, F.conv2d(x, weight, bias, padding=1).shape, F.conv2d(x, weight, stride=2).shape)
print(F.conv2d(x, weight, bias, stride=(1, 2), padding=(1, 0))[0, 1])
print(F.conv2d(x, weight, padding='same').shape, F.conv2d(x, torch.randn(6, 1, 3, 3), groups=3, padding=1).shape)
print(F.conv2d(x[:1, :1], torch.ones(1, 1, 2, 2))[0, 0])

lw = torch.randn(2, 5)
print(F.linear(v, lw), F.linear(v, lw, torch.tensor([1.0, -1.0])))

torch.manual_seed(1)
print(F.dropout(v, 0.5), F.dropout(v, 0.5, training=False) is v)

target = torch.tensor([1, 0, 4])
print(F.cross_entropy(v, target), F.cross_entropy(v, target, reduction='none'))
print(F.cross_entropy(v, target, weight=torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0]), label_smoothing=0.05))
print(F.nll_loss(F.log_softmax(v, 1), target), F.nll_loss(F.log_softmax(v, 1), target, ignore_index=0))
print(F.mse_loss(v, torch.zeros(3, 5)), F.mse_loss(v, v.flip(0), reduction='sum'))
p = torch.sigmoid(v)
t = (torch.rand(3, 5) > 0.5).float()
print(F.binary_cross_entropy(p, t), F.binary_cross_entropy(p, t, weight=torch.rand(5)))
print(F.binary_cross_entropy_with_logits(v, t), F.binary_cross_entropy_with_logits(v, t, pos_weight=torch.full((5,), 2.0)))

labels = torch.tensor([0, 2, 1, 2])
print(F.one_hot(labels), F.one_hot(labels).dtype)
print(F.one_hot(labels, num_classes=5))
print(F.one_hot(torch.tensor([[0, 1], [3, 2]])).shape, F.one_hot(torch.tensor(2), 4))
print(F.one_hot(torch.arange(0, 5) % 3))

m = torch.arange(6.).view(2, 3)
print(F.pad(m, (1, 1)))
print(F.pad(m, (0, 2, 1, 0), value=-1.0))
print(F.pad(m, (1, 0), "constant", 9), F.pad(m, [2, 1]).shape)
print(F.pad(x, (1, 1, 2, 2)).shape, F.pad(x, (0, 0, 0, 0, 1, 1)).shape)
print(F.pad(m, (-1, 0)), F.pad(m, (0, -2, 0, 1)))
print(F.pad(torch.tensor([1, 2, 3]), (2, 1)))
pm = m.clone().requires_grad_()
pad_out = F.pad(pm, (1, 2, 1, 0))
pad_out.backward(torch.arange(18.).view(3, 6))
print(type(pad_out.grad_fn).__name__, pm.grad)
