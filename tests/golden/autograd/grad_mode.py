# Grad mode: torch.no_grad, torch.enable_grad, torch.set_grad_enabled (function, context manager),
# torch.is_grad_enabled, nesting, decorators, and what is recorded in each mode.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
print(torch.is_grad_enabled())

with torch.no_grad():
    print(torch.is_grad_enabled())
    y = x * 2
    print(y.requires_grad, y.grad_fn, y.is_leaf)
    print(y)
    with torch.enable_grad():
        print(torch.is_grad_enabled())
        z = x * 2
        print(z.requires_grad, type(z.grad_fn).__name__)
    print(torch.is_grad_enabled())
print(torch.is_grad_enabled())

# a result made under no_grad is a leaf without history: using it later records from there on
w = y * x
print(type(w.grad_fn).__name__, [(type(f).__name__ if f else None, n) for f, n in w.grad_fn.next_functions])
w.sum().backward()
print(x.grad)
x.grad = None

# set_grad_enabled as a context manager
with torch.set_grad_enabled(False):
    print(torch.is_grad_enabled(), (x + 1).requires_grad)
    with torch.set_grad_enabled(True):
        print(torch.is_grad_enabled(), (x + 1).requires_grad)
print(torch.is_grad_enabled())

is_train = False
with torch.set_grad_enabled(is_train):
    y = x * 2
print(y.requires_grad)

# set_grad_enabled as a plain call changes the mode until changed back
torch.set_grad_enabled(False)
y = x * 2
print(torch.is_grad_enabled(), y.requires_grad)
torch.set_grad_enabled(True)
y = x * 2
print(torch.is_grad_enabled(), y.requires_grad)

# enable_grad outside no_grad changes nothing
with torch.enable_grad():
    print(torch.is_grad_enabled(), (x * x).requires_grad)

# the mode is restored when the block is left by an exception
try:
    with torch.no_grad():
        raise ValueError("inside no_grad")
except ValueError as e:
    print("caught:", e, torch.is_grad_enabled())

# decorators
@torch.no_grad()
def doubler(t):
    return t * 2

@torch.enable_grad()
def tripler(t):
    return t * 3

print(doubler(x).requires_grad, torch.is_grad_enabled())
with torch.no_grad():
    t3 = tripler(x)
print(t3.requires_grad, type(t3.grad_fn).__name__)

# tensors created in no_grad keep their own requires_grad flag
with torch.no_grad():
    leaf = torch.ones(2, requires_grad=True)
    print(leaf.requires_grad, leaf.is_leaf)
    c = leaf * 3
    print(c.requires_grad)
print((leaf * 3).requires_grad)

# an optimizer-style update under no_grad is allowed on a leaf and is not recorded
p = torch.tensor([1.0, -1.0], requires_grad=True)
(p * p).sum().backward()
with torch.no_grad():
    p -= 0.1 * p.grad
print(p, p.is_leaf, p.grad_fn)
