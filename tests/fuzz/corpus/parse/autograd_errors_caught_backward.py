# Errors of backward() (pytorch-parity.md §5), caught and printed as `type(e).__name__, e`: implicit
# gradient for a non-scalar output, backward through something without grad_fn, the second backward
# through freed saved tensors, a gradient of the wrong shape; plus the cases that work.
import torch

x = torch.ones(2, requires_grad=True)


def made_under_no_grad():
    with torch.no_grad():
        y = (x * x).sum()
    y.backward()


def second_backward():
    y = (x * x).sum()
    y.backward()
    y.backward()


def second_backward_exp():
    y = x.exp().sum()
    y.backward()
    y.backward()


def second_backward_nonscalar():
    y = x.sigmoid()
    y.backward(torch.ones(2))
    y.backward(torch.ones(2))


cases = [
    ("non-scalar output", lambda: (x * 2).backward()),
    ("non-scalar 2-D", lambda: (x.view(2, 1) * x).backward()),
    ("non-scalar leaf", lambda: x.backward()),
    ("no grad_fn", lambda: torch.ones(2).sum().backward()),
    ("no grad_fn 0-dim", lambda: torch.tensor(3.0).backward()),
    ("int tensor", lambda: torch.tensor(3).backward()),
    ("made under no_grad", made_under_no_grad),
    ("detached", lambda: (x * x).sum().detach().backward()),
    ("second backward", second_backward),
    ("second exp", second_backward_exp),
    ("second sigmoid", second_backward_nonscalar),
    ("gradient shape", lambda: (x * 2).backward(torch.ones(3))),
    ("gradient shape 2-D", lambda: (x * 2).backward(torch.ones(1, 2))),
    ("scalar, 1-elem grad", lambda: (x * x).sum().backward(torch.ones(1))),
]
for name, fn in cases:
    x.grad = None
    try:
        fn()
        print("%-20s no error, x.grad = %s" % (name, x.grad))
    except Exception as e:
        print("%-20s %s: %s" % (name, type(e).__name__, e))

# these work: a one-element non-0-dim output, an explicit gradient, retain_graph
x.grad = None
(x.sum() * torch.ones(1, 1)).backward()
print("one element:", x.grad)
x.grad = None
(x * 2).backward(torch.tensor([1.0, -1.0]))
print("explicit gradient:", x.grad)
x.grad = None
y = (x * x).sum()
y.backward(retain_graph=True)
y.backward()
print("retain_graph:", x.grad)
x.grad = None
(x * 2).sum().backward(torch.tensor(3.0))
print("0-dim gradient:", x.grad)

# after a failed backward the leaf's grad is untouched
x.grad = None
try:
    (x * 2).backward()
except RuntimeError as e:
    print(type(e).__name__, e)
print(x.grad)
