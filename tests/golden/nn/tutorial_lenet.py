# "Deep Learning with PyTorch: A 60 Minute Blitz", Neural Networks — the LeNet definition as the tutorial
# writes it: print(net), the parameter list and its sizes, named_parameters, a forward pass on a seeded
# random 32x32 input, zero_grad() and backward with random gradients, and the gradients it leaves.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Net(nn.Module):

    def __init__(self):
        super(Net, self).__init__()
        # 1 input image channel, 6 output channels, 5x5 square convolution
        # kernel
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        # an affine operation: y = Wx + b
        self.fc1 = nn.Linear(16 * 5 * 5, 120)  # 5*5 from image dimension
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        # Max pooling over a (2, 2) window
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        # If the size is a square, you can specify with a single number
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)  # flatten all dimensions except the batch dimension
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


net = Net()
print(net)

params = list(net.parameters())
print(len(params))
print(params[0].size())  # conv1's .weight
for p in params:
    print(type(p).__name__, p.size(), p.dtype, p.requires_grad, p.is_leaf, p.grad)
print("total parameters:", sum(p.numel() for p in net.parameters()))

for name, p in net.named_parameters():
    print("%-12s %s" % (name, tuple(p.shape)))

# the default initialisation, draw for draw
print(net.conv1.bias)
print(net.fc3.bias)
print(net.conv1.weight[0, 0])
print(net.fc1.weight[:2, :6])
print(isinstance(net.conv1.weight, torch.Tensor), isinstance(net.conv1.weight, nn.Parameter))

input = torch.randn(1, 1, 32, 32)
out = net(input)
print(out)
print(out.shape, out.requires_grad, out.is_leaf, type(out.grad_fn).__name__)

# intermediate shapes, as the tutorial's comments describe them
x = F.relu(net.conv1(input))
print("conv1:", x.shape, type(x.grad_fn).__name__)
x = F.max_pool2d(x, (2, 2))
print("pool1:", x.shape, type(x.grad_fn).__name__)
x = F.max_pool2d(F.relu(net.conv2(x)), 2)
print("pool2:", x.shape)
x = torch.flatten(x, 1)
print("flat: ", x.shape, type(x.grad_fn).__name__)

net.zero_grad()
print(net.conv1.bias.grad)  # nothing to zero yet
out.backward(torch.randn(1, 10))
print(net.conv1.bias.grad)
print(net.fc3.bias.grad)
print(net.fc3.weight.grad.shape, net.conv2.weight.grad.shape)
print(net.fc2.weight.grad[:2, :5])

# zero_grad() keeps the gradient tensors and fills them with zeros (1.13)
g = net.fc3.bias.grad
net.zero_grad()
print(net.fc3.bias.grad, net.fc3.bias.grad is g)

# a single sample needs a fake batch dimension: input.unsqueeze(0)
single = torch.randn(1, 32, 32)
print(net(single.unsqueeze(0)).shape)
print(net.conv1(single).shape)  # 1.13 also accepts an unbatched image in conv2d
