# Errors of torch.autograd.grad and torch.autograd.backward, caught: unused inputs without allow_unused,
# inputs that do not require grad, implicit gradients for non-scalar outputs, grad_outputs of the wrong
# shape or count, outputs without grad_fn, graphs already freed.
import torch


def case(name, fn):
    try:
        r = fn()
        print("%-22s no error: %s" % (name, r))
    except Exception as e:
        print("%-22s %s: %s" % (name, type(e).__name__, e))


x = torch.tensor([1.0, 2.0], requires_grad=True)
u = torch.tensor([3.0], requires_grad=True)
c = torch.ones(2)
case("unused input", lambda: torch.autograd.grad((x * 2).sum(), [x, u]))
case("unused, allowed", lambda: torch.autograd.grad((x * 2).sum(), [x, u], allow_unused=True))
case("input no grad", lambda: torch.autograd.grad((x * c).sum(), c))
case("input no grad, list", lambda: torch.autograd.grad((x * c).sum(), [x, c]))
case("non-scalar output", lambda: torch.autograd.grad(x * 2, x))
case("grad_outputs shape", lambda: torch.autograd.grad(x * 2, x, torch.ones(3)))
case("grad_outputs 2-D", lambda: torch.autograd.grad(x * 2, x, torch.ones(2, 1)))
case("grad_outputs count", lambda: torch.autograd.grad([x * 2, x * 3], x, [torch.ones(2)]))
case("output no grad_fn", lambda: torch.autograd.grad(c.sum(), x))
case("output, 2nd no grad", lambda: torch.autograd.grad([(x * 2).sum(), c.sum()], x))
case("int output", lambda: torch.autograd.grad(torch.tensor(1), x))


def freed():
    y = (x * x).sum()
    torch.autograd.grad(y, x)
    return torch.autograd.grad(y, x)


def freed_by_backward():
    y = (x * x).sum()
    y.backward()
    return torch.autograd.grad(y, x)


def not_freed():
    y = (x + 1).sum()
    torch.autograd.grad(y, x)
    return torch.autograd.grad(y, x)


case("grad twice", freed)
case("backward, then grad", freed_by_backward)
case("grad twice, no saved", not_freed)
case("backward fn non-scalar", lambda: torch.autograd.backward(x * 2))
case("backward fn shapes", lambda: torch.autograd.backward([x * 2], [torch.ones(3)]))
case("backward no grad_fn", lambda: torch.autograd.backward([c.sum()]))
case("backward inputs unused", lambda: (x * 2).sum().backward(inputs=[u]))
print(x.grad, u.grad)
