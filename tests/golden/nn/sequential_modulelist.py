# nn.Sequential and nn.ModuleList as learners use them: building, printing, indexing (negative, slices),
# len, iteration, append/extend/insert, add_module, nesting, and the parameter names they produce; a
# ModuleList of layers applied in a loop; a Sequential with Tanh between the layers.
import torch
import torch.nn as nn

torch.manual_seed(0)

model = nn.Sequential(
    nn.Linear(4, 8),
    nn.Tanh(),
    nn.Linear(8, 8),
    nn.ReLU(),
    nn.Linear(8, 2),
)
print(model)
print(len(model), model[0], model[-1], type(model[1]).__name__)
print(model[1:3])
print(type(model[1:3]).__name__, len(model[::2]))
print([n for n, _ in model.named_parameters()])
print([type(m).__name__ for m in model])

x = torch.randn(3, 4)
y = model(x)
print(y)
h = x
for layer in model:
    h = layer(h)
print(torch.equal(h, y))

model.append(nn.Softmax(dim=1))
print(len(model), model[5])
print(model(x).sum(1))
model.add_module("extra", nn.Identity())
print(model)
print(model.extra is model[6])

layers = nn.ModuleList([nn.Linear(4, 4) for _ in range(3)])
print(layers)
print(len(layers), isinstance(layers, nn.Module), layers[0].weight.shape)
layers.append(nn.Linear(4, 2))
layers.extend([nn.Tanh(), nn.Sigmoid()])
layers.insert(1, nn.ReLU())
print([type(m).__name__ for m in layers])
print(layers[-3:])


class MyModule(nn.Module):
    def __init__(self):
        super(MyModule, self).__init__()
        self.linears = nn.ModuleList([nn.Linear(5, 5) for i in range(4)])
        self.acts = nn.ModuleList([nn.Tanh(), nn.ReLU()])
        self.head = nn.Sequential(nn.Linear(5, 3), nn.Tanh())
        self.plain_list = [nn.Linear(5, 5)]  # a plain list is not registered

    def forward(self, x):
        # ModuleList can act as an iterable, or be indexed using ints
        for i, l in enumerate(self.linears):
            x = self.linears[i // 2](x) + l(x)
            x = self.acts[i % 2](x)
        return self.head(x)


net = MyModule()
print(net)
print([n for n, _ in net.named_parameters()])
print(len(list(net.parameters())), sum(p.numel() for p in net.parameters()))
out = net(torch.randn(2, 5))
print(out)
out.sum().backward()
print(net.linears[0].weight.grad.shape, net.linears[3].bias.grad)
print(net.head[0].bias.grad)

# nesting and an empty container
empty = nn.Sequential()
print(empty, len(empty), empty(x) is x)
nested = nn.Sequential(nn.Sequential(nn.Linear(2, 2), nn.Tanh()), nn.ModuleList([nn.ReLU()]))
print(nested)
print([n for n, _ in nested.named_modules()])
