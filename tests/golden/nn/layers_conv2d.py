# nn.Conv2d with its options: kernel sizes as ints and tuples, stride, padding (ints, tuples, 'valid',
# 'same'), dilation, groups (including depthwise), bias=False; the reprs, weight shapes, the default
# initialisation, output shapes and values, ConvolutionBackward0, the gradients of input, weight and
# bias, and F.conv2d agreeing with the module.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

convs = [
    nn.Conv2d(3, 4, 3),
    nn.Conv2d(3, 4, (3, 2), stride=2),
    nn.Conv2d(3, 4, 3, stride=(2, 1), padding=1),
    nn.Conv2d(3, 6, 3, padding=(2, 0), dilation=2),
    nn.Conv2d(4, 6, 1, groups=2, bias=False),
    nn.Conv2d(4, 4, 3, padding=1, groups=4),
    nn.Conv2d(3, 2, 3, padding='same'),
    nn.Conv2d(3, 2, (3, 5), padding='same', dilation=(2, 1)),
    nn.Conv2d(3, 2, 3, padding='valid'),
    nn.Conv2d(in_channels=3, out_channels=8, kernel_size=5, stride=1, padding=2, dilation=1, groups=1, bias=True),
]
x3 = torch.randn(2, 3, 7, 6)
x4 = torch.randn(2, 4, 5, 5)
for conv in convs:
    x = x3 if conv.in_channels == 3 else x4
    y = conv(x)
    print(conv)
    print("   weight", tuple(conv.weight.shape), "bias", None if conv.bias is None else tuple(conv.bias.shape),
          "->", tuple(y.shape), type(y.grad_fn).__name__)
    print("  ", conv.kernel_size, conv.stride, conv.padding, conv.dilation, conv.groups, conv.padding_mode)

conv = nn.Conv2d(2, 3, 2, stride=1, padding=1)
print(conv.weight)
print(conv.bias)
x = torch.randn(1, 2, 3, 3, requires_grad=True)
y = conv(x)
print(y)
g = torch.randn(y.shape)
y.backward(g)
print(x.grad)
print(conv.weight.grad)
print(conv.bias.grad)
print(torch.allclose(conv.bias.grad, g.sum((0, 2, 3))))

# F.conv2d is what the module calls; the same numbers
print(torch.equal(F.conv2d(x, conv.weight, conv.bias, 1, 1), y))
c = convs[3]
print(torch.allclose(F.conv2d(x3, c.weight, c.bias, stride=1, padding=(2, 0), dilation=2), c(x3)))

# groups: each group of output channels sees only its own input channels
gconv = convs[4]
out = gconv(x4)
first = F.conv2d(x4[:, :2], gconv.weight[:3])
print(torch.allclose(out[:, :3], first, atol=1e-6), out.shape, first.shape)

# an unbatched (C, H, W) input gives an unbatched output
print(convs[0](x3[0]).shape, torch.allclose(convs[0](x3[0]), convs[0](x3)[0], atol=1e-6))

# a 1x1 convolution is a Linear over the channels
one = nn.Conv2d(3, 2, 1)
lin = one.weight.view(2, 3)
print(torch.allclose(one(x3).permute(0, 2, 3, 1), x3.permute(0, 2, 3, 1) @ lin.t() + one.bias, atol=1e-6))

# backward through a strided, dilated, grouped convolution
conv = nn.Conv2d(4, 2, 3, stride=2, padding=2, dilation=2, groups=2)
x = torch.randn(1, 4, 6, 6, requires_grad=True)
conv(x).pow(2).sum().backward()
print(x.grad.shape, conv.weight.grad.shape, conv.bias.grad.shape)
print(x.grad[0, 0])
print(conv.weight.grad[1, 0])
