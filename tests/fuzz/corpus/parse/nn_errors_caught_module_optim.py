# Module and optimizer errors, caught and printed as `type(e).__name__, e`: attributes that do not exist,
# assigning a plain tensor over a parameter, assigning a module before super().__init__(), bad buffer and
# parameter names, a module without forward, Sequential/ModuleList misuse, load_state_dict strict errors,
# .cuda() without CUDA; optimizers given parameters twice, an empty or already consumed parameter
# generator, a tensor instead of an iterable, a non-leaf, invalid hyper-parameters; a scheduler given
# something that is not an optimizer.
import torch
import torch.nn as nn

torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 2)

    def forward(self, x):
        return self.fc1(x)


class Early(nn.Module):
    def __init__(self):
        self.fc = nn.Linear(2, 2)
        super().__init__()


class NoForward(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)


net = Net()


def set_weight():
    net.fc1.weight = torch.zeros(2, 3)


def gen_consumed():
    params = net.parameters()
    list(params)
    return torch.optim.SGD(params, lr=0.1)


def scheduler_wrong():
    return torch.optim.lr_scheduler.StepLR(net, step_size=1)


cases = [
    ("missing attribute", lambda: net.fc2),
    ("missing on Linear", lambda: net.fc1.bias_term),
    ("assign tensor", set_weight),
    ("before __init__", lambda: Early()),
    ("no forward", lambda: NoForward()(torch.ones(2))),
    ("buffer dot", lambda: net.register_buffer("a.b", torch.ones(1))),
    ("buffer exists", lambda: net.register_buffer("fc1", torch.ones(1))),
    ("buffer not tensor", lambda: net.register_buffer("buf", [1, 2])),
    ("param not Parameter", lambda: net.register_parameter("p", torch.ones(1))),
    ("param empty name", lambda: net.register_parameter("", nn.Parameter(torch.ones(1)))),
    ("add_module type", lambda: net.add_module("extra", torch.ones(1))),
    ("sequential index", lambda: nn.Sequential(nn.ReLU(), nn.Tanh())[2]),
    ("modulelist append", lambda: nn.ModuleList().append(torch.ones(1))),
    ("modulelist index", lambda: nn.ModuleList([nn.ReLU()])[3]),
    ("modulelist call", lambda: nn.ModuleList([nn.ReLU()])(torch.ones(1))),
    ("load strict", lambda: net.load_state_dict({"fc1.weight": torch.zeros(2, 3)})),
    ("load size", lambda: net.load_state_dict({"fc1.weight": torch.zeros(3, 3), "fc1.bias": torch.zeros(2)})),
    ("load not a dict", lambda: net.load_state_dict([torch.zeros(2, 3)])),
    ("cuda", lambda: net.cuda()),
    ("to cuda", lambda: net.to("cuda")),
    ("params twice", lambda: torch.optim.SGD([{"params": net.parameters()}, {"params": net.fc1.bias}], lr=0.1)),
    ("empty params", lambda: torch.optim.Adam([], lr=0.1)),
    ("consumed generator", gen_consumed),
    ("tensor not iterable", lambda: torch.optim.SGD(net.fc1.weight, lr=0.1)),
    ("non-leaf", lambda: torch.optim.SGD([net.fc1.weight * 2], lr=0.1)),
    ("sgd no lr", lambda: torch.optim.SGD(net.parameters())),
    ("sgd negative lr", lambda: torch.optim.SGD(net.parameters(), lr=-0.1)),
    ("sgd momentum", lambda: torch.optim.SGD(net.parameters(), lr=0.1, momentum=-1)),
    ("sgd nesterov", lambda: torch.optim.SGD(net.parameters(), lr=0.1, nesterov=True)),
    ("sgd weight decay", lambda: torch.optim.SGD(net.parameters(), lr=0.1, weight_decay=-1)),
    ("adam betas", lambda: torch.optim.Adam(net.parameters(), betas=(1.0, 0.999))),
    ("adam beta2", lambda: torch.optim.Adam(net.parameters(), betas=(0.9, -0.5))),
    ("adam eps", lambda: torch.optim.Adam(net.parameters(), eps=-1e-8)),
    ("adamw lr", lambda: torch.optim.AdamW(net.parameters(), lr=-1)),
    ("rmsprop alpha", lambda: torch.optim.RMSprop(net.parameters(), alpha=-0.5)),
    ("adagrad lr_decay", lambda: torch.optim.Adagrad(net.parameters(), lr_decay=-1)),
    ("adadelta rho", lambda: torch.optim.Adadelta(net.parameters(), rho=1.5)),
    ("group not dict", lambda: torch.optim.SGD(net.parameters(), lr=0.1).add_param_group([nn.Parameter(torch.ones(1))])),
    ("group overlap", lambda: torch.optim.SGD(net.parameters(), lr=0.1).add_param_group({"params": net.fc1.weight})),
    ("scheduler type", scheduler_wrong),
]
for name, fn in cases:
    try:
        out = fn()
        print("%-20s no error: %s" % (name, type(out).__name__))
    except Exception as e:
        print("%-20s %s: %s" % (name, type(e).__name__, e))

print([n for n, _ in net.named_parameters()], [n for n, _ in net.named_buffers()])
opt = torch.optim.SGD(net.parameters(), lr=0.1)
try:
    opt.load_state_dict({"state": {}, "param_groups": [{"lr": 0.1, "params": [0]}]})
except ValueError as e:
    print(type(e).__name__, e)
try:
    opt.load_state_dict({"state": {}, "param_groups": [{"lr": 0.1, "params": [0, 1]}, {"lr": 0.1, "params": [2]}]})
except ValueError as e:
    print(type(e).__name__, e)
