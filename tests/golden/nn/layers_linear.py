# nn.Linear (and nn.Identity): reprs, the default initialisation (kaiming_uniform_(a=sqrt(5)) for the weight,
# uniform(-1/sqrt(fan_in), 1/sqrt(fan_in)) for the bias), bias=False, 1-D / 2-D / 3-D inputs, the grad_fn
# each gives, gradients of the parameters, dtype float64, and F.linear agreeing with the module.
import math
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

fc = nn.Linear(4, 3)
print(fc, fc.in_features, fc.out_features)
print(fc.weight)
print(fc.bias)
print(fc.weight.shape, fc.bias.shape, fc.weight.dtype, fc.weight.requires_grad)
bound = 1 / math.sqrt(4)
print(bool(fc.weight.abs().max() <= bound), bool(fc.bias.abs().max() <= bound))

nobias = nn.Linear(4, 2, bias=False)
print(nobias, nobias.bias, [n for n, _ in nobias.named_parameters()])
print(nn.Linear(1, 1), nn.Linear(100, 1000))

x2 = torch.randn(2, 4)
y2 = fc(x2)
print(y2)
print(type(y2.grad_fn).__name__)
print(torch.allclose(y2, x2 @ fc.weight.t() + fc.bias))

x1 = torch.randn(4)
y1 = fc(x1)
print(y1, y1.shape)

x3 = torch.randn(2, 5, 4)
y3 = fc(x3)
print(y3.shape, type(y3.grad_fn).__name__)
print(y3[1, 2])
print(torch.allclose(y3[1, 2], fc(x3[1, 2])))
y3t = fc(x3.transpose(0, 1))  # not contiguous
print(y3t.shape, type(y3t.grad_fn).__name__)

y_nb = nobias(x2)
print(y_nb, type(y_nb.grad_fn).__name__)
print(type(nobias(x3).grad_fn).__name__)

# gradients of the parameters
fc.zero_grad()
y3.sum().backward()
print(fc.weight.grad)
print(fc.bias.grad)

# F.linear is what the module calls
print(torch.equal(F.linear(x2, fc.weight, fc.bias), fc(x2)))
print(F.linear(x2, fc.weight).shape, F.linear(x1, fc.weight, fc.bias).shape)

# float64: the module converts its parameters in place
fc64 = nn.Linear(3, 2).double()
print(fc64.weight.dtype, fc64(torch.randn(2, 3, dtype=torch.float64)).dtype)

# Identity passes its input through, whatever the arguments
ident = nn.Identity(54, unused_argument1=0.1, unused_argument2=False)
print(ident, ident(x2) is x2)

