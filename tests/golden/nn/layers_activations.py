# Activation layers: nn.ReLU (and inplace=True), nn.LeakyReLU (default and custom slope), nn.Sigmoid,
# nn.Tanh, nn.Softmax and nn.LogSoftmax along different dims — reprs, outputs, grad_fn names, the gradients
# (the derivative of ReLU at 0 is 0), and the functional forms giving the same numbers.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.tensor([[-2.0, -0.5, 0.0, 0.5, 2.0], [3.0, -1.0, 1.0, -3.0, 0.25]])
r = torch.randn(2, 3, 4)

layers = [nn.ReLU(), nn.ReLU(inplace=True), nn.LeakyReLU(), nn.LeakyReLU(0.2), nn.LeakyReLU(0.1, inplace=True),
          nn.Sigmoid(), nn.Tanh(), nn.Softmax(dim=1), nn.Softmax(dim=0), nn.Softmax(-1), nn.LogSoftmax(dim=1),
          nn.LogSoftmax(dim=0)]
for layer in layers:
    xi = x.clone().requires_grad_()
    inp = xi * 1  # a non-leaf, so that the in-place layers may write to it
    out = layer(inp)
    out.backward(torch.ones_like(out) if not isinstance(layer, (nn.Softmax, nn.LogSoftmax))
                 else torch.arange(10.).view(2, 5))
    print(layer)
    print("  out ", out.detach().tolist() if isinstance(layer, (nn.ReLU, nn.LeakyReLU)) else out.detach())
    print("  grad", xi.grad)
    print("  ", type(out.grad_fn).__name__, out is inp, layer.inplace if hasattr(layer, "inplace") else "-")

print(nn.LeakyReLU(0.2).negative_slope, nn.Softmax(dim=1).dim, nn.LogSoftmax(dim=2).dim)

# the same through torch.nn.functional and tensor methods
print(torch.equal(F.relu(r), nn.ReLU()(r)), torch.equal(F.leaky_relu(r, 0.2), nn.LeakyReLU(0.2)(r)))
print(torch.equal(torch.sigmoid(r), nn.Sigmoid()(r)), torch.equal(torch.tanh(r), nn.Tanh()(r)))
print(torch.equal(F.softmax(r, dim=2), nn.Softmax(dim=2)(r)), torch.equal(F.log_softmax(r, 1), nn.LogSoftmax(1)(r)))
print(nn.Softmax(dim=1)(r).sum(1))
print(nn.LogSoftmax(dim=-1)(r)[0])
print(torch.allclose(nn.LogSoftmax(dim=-1)(r).exp(), nn.Softmax(dim=-1)(r)))

# large inputs: softmax and log_softmax stay finite
big = torch.tensor([[1000.0, 0.0, -1000.0], [1e4, 1e4, 0.0]])
print(nn.Softmax(dim=1)(big), nn.LogSoftmax(dim=1)(big))
print(nn.Sigmoid()(big), nn.Tanh()(big[:, :2] / 1e3))

# in-place ReLU changes its input tensor and bumps its version
t = torch.randn(5)
v = t._version
nn.ReLU(inplace=True)(t)
print(t, t._version - v, bool((t >= 0).all()))
F.relu_(t.neg_())
print(t)

# activations inside a model
model = nn.Sequential(nn.Linear(4, 3), nn.LeakyReLU(0.1), nn.Linear(3, 3), nn.LogSoftmax(dim=1))
out = model(r[0])
print(out, out.exp().sum(1))
