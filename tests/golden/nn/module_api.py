# The nn.Module API on a small user model: registration order of parameters, submodules and buffers,
# parameters()/named_parameters()/children()/named_children()/modules()/named_modules()/buffers(),
# shared submodules counted once, plain tensors and lists not registered, add_module, register_buffer
# (persistent or not), register_parameter, train()/eval() flags, to(dtype)/double()/float(), apply(),
# requires_grad_(False) for freezing, extra_repr, __call__ -> forward with extra arguments, attribute
# deletion, and hasattr/getattr on submodules.
import torch
import torch.nn as nn

torch.manual_seed(0)


class Block(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.lin = nn.Linear(n, n)
        self.act = nn.ReLU()
        self.register_buffer("scale", torch.full((n,), 2.0))
        self.register_buffer("cache", torch.zeros(1), persistent=False)

    def forward(self, x):
        return self.act(self.lin(x)) * self.scale

    def extra_repr(self):
        return f"n={self.lin.in_features}"


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block1 = Block(3)
        self.block2 = Block(3)
        self.shared = self.block1  # the same module under two names
        self.head = nn.Linear(3, 1)
        self.temperature = nn.Parameter(torch.tensor(1.5))
        self.plain = torch.ones(2)  # not a parameter or buffer
        self.layers = [nn.Linear(3, 3)]  # a plain list is invisible to the Module
        self.register_parameter("offset", None)

    def forward(self, x, scale_output=1.0):
        x = self.block2(self.block1(x))
        return self.head(x) / self.temperature * scale_output


net = Net()
print(net)
print([n for n, _ in net.named_parameters()])
print(len(list(net.parameters())), sum(p.numel() for p in net.parameters()))
print([n for n, _ in net.named_children()])
print([type(m).__name__ for m in net.children()])
print([n for n, _ in net.named_modules()])
print([type(m).__name__ for m in net.modules()])
print([n for n, _ in net.named_buffers()], [tuple(b.shape) for b in net.buffers()])
print([n for n, _ in net.block1.named_parameters(prefix="block1")])
print(net.shared is net.block1, net.offset, net.plain)
print(list(net.state_dict().keys()))
print("cache" in net.block1.state_dict(), "scale" in net.block1.state_dict())

x = torch.randn(4, 3)
print(net(x).shape, net(x, scale_output=2.0).shape, torch.allclose(net(x, 2.0), 2 * net(x)))
print(torch.equal(net(x), net.forward(x)))

print(net.training, net.block1.training, net.block1.act.training)
print(net.eval() is net, net.training, net.block1.training, net.block1.act.training)
net.train()
print(net.training, net.head.training)
net.train(False)
print(net.training, net.block2.lin.training)
net.train()

net.add_module("extra", nn.Tanh())
print([n for n, _ in net.named_children()], net.extra)
del net.extra
print(hasattr(net, "extra"), [n for n, _ in net.named_children()])

visited = []
net.apply(lambda m: visited.append(type(m).__name__))
print(visited)

# freezing a part of the model
net.block1.requires_grad_(False)
print([(n, p.requires_grad) for n, p in net.named_parameters()])
net(x).sum().backward()
print(net.block1.lin.weight.grad, net.block2.lin.weight.grad.shape, net.temperature.grad)
net.requires_grad_()
print(all(p.requires_grad for p in net.parameters()))

# dtype conversion moves parameters and buffers, keeping Parameter objects
w = net.head.weight
print(net.to(torch.float64) is net, net.head.weight.dtype, net.block1.scale.dtype, net.head.weight is w)
print(type(net.head.weight).__name__, net.head.weight.requires_grad, net(x.double()).dtype)
net.float()
print(net.head.weight.dtype, net.to("cpu") is net, net.cpu() is net, net.head.weight.device)
net.double()
print(net.head.weight.dtype, net.block1.scale.dtype)
net.to(dtype=torch.float32)
print(net.head.weight.dtype)

# assigning a Parameter registers it, assigning a module replaces one
net.bias2 = nn.Parameter(torch.zeros(2))
net.head = nn.Linear(3, 2)
print([n for n, _ in net.named_parameters()][-4:], net(x).shape)
print(getattr(net, "head"), getattr(net.block1, "lin").out_features)
print(net.block1.get_submodule("lin") is net.block1.lin, net.get_parameter("block2.lin.bias").shape)
print(net.get_buffer("block2.scale"))
