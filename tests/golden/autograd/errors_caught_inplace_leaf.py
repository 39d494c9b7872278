# In-place operations on a leaf that requires grad (pytorch-parity.md §5): on the leaf itself "a leaf
# Variable that requires grad is being used in an in-place operation.", through a view of it "a view of a
# leaf Variable that requires grad ...". The same updates are allowed under torch.no_grad().
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
m = torch.ones(2, 3, requires_grad=True)


def iadd():
    global x
    x += 1


def imul_matrix():
    global m
    m *= 2


def sgd_step():
    global m
    m -= 0.1 * torch.ones(2, 3)


def set_one():
    x[0] = 5


def set_slice():
    x[1:] = torch.zeros(2)


def set_column():
    m[:, 1] = 0.0


def set_mask():
    x[x > 1] = 0.0


cases = [
    ("add_", lambda: x.add_(1)),
    ("+=", iadd),
    ("mul_", lambda: x.mul_(2)),
    ("*= matrix", imul_matrix),
    ("-= step", sgd_step),
    ("sub_", lambda: x.sub_(torch.ones(3))),
    ("div_", lambda: x.div_(2)),
    ("zero_", lambda: x.zero_()),
    ("fill_", lambda: x.fill_(0.5)),
    ("copy_", lambda: x.copy_(torch.zeros(3))),
    ("clamp_", lambda: x.clamp_(min=0)),
    ("exp_", lambda: x.exp_()),
    ("relu_", lambda: m.relu_()),
    ("x[0] = 5", set_one),
    ("x[1:] = t", set_slice),
    ("m[:, 1] = 0", set_column),
    ("x[mask] = 0", set_mask),
    ("m[0].add_(1)", lambda: m[0].add_(1)),
    ("m.view(6).mul_", lambda: m.view(6).mul_(2)),
    ("m.t().zero_()", lambda: m.t().zero_()),
    ("x[:2].fill_", lambda: x[:2].fill_(0)),
    ("masked_fill_", lambda: x.masked_fill_(x > 1, 0.0)),
]
for name, fn in cases:
    try:
        fn()
        print("%-16s no error" % name)
    except Exception as e:
        print("%-16s %s: %s" % (name, type(e).__name__, e))

# nothing was changed by the failed operations
print(x, x._version)
print(m, m._version)

# the same operations under no_grad are allowed and bump the version
with torch.no_grad():
    x.add_(1)
    x += 1
    x[0] = 5
    m[0].add_(1)
    m.view(6).mul_(2)
print(x, x._version, x.is_leaf, x.requires_grad)
print(m, m._version)

# a leaf that does not require grad can be modified freely, even when it feeds a graph
c = torch.ones(3)
c.add_(1)
c[0] = 0
print(c, c._version)

# requires_grad=False again: in-place is allowed
x.requires_grad_(False)
x.mul_(2)
print(x)
