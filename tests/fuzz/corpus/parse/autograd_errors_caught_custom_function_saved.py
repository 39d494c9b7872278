# Saved tensors of a custom torch.autograd.Function, caught errors: save_for_backward of a non-tensor,
# a second backward or ctx.saved_tensors after the graph was freed, a saved input modified in place;
# retain_graph=True keeps them.
import torch
from torch.autograd import Function


def case(name, fn):
    x.grad = None
    try:
        r = fn()
        print("%-18s no error: %s" % (name, r))
    except Exception as e:
        print("%-18s %s: %s" % (name, type(e).__name__, e))


class BadSave(Function):
    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a, 3)
        return a * 2

    @staticmethod
    def backward(ctx, g):
        return g


class Square(Function):
    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return a * a

    @staticmethod
    def backward(ctx, g):
        a, = ctx.saved_tensors
        return 2 * a * g


x = torch.ones(2, requires_grad=True)


def twice():
    y = Square.apply(x).sum()
    y.backward()
    y.backward()


def saved_after_free():
    y = Square.apply(x)
    y.sum().backward()
    return y.grad_fn.saved_tensors


def saved_before_free():
    y = Square.apply(x * 2)
    return y.grad_fn.saved_tensors


def modified_input():
    y = x * 1
    z = Square.apply(y)
    y.add_(1)
    z.sum().backward()


def modified_under_no_grad():
    z = Square.apply(x)
    with torch.no_grad():
        x.mul_(2)
    z.sum().backward()


def retained():
    y = Square.apply(x * 3).sum()
    y.backward(retain_graph=True)
    y.backward()
    return x.grad


case("save non-tensor", lambda: BadSave.apply(x))
case("second backward", twice)
case("saved after free", saved_after_free)
case("saved before free", saved_before_free)
case("modified input", modified_input)
case("modified leaf", modified_under_no_grad)
case("retain_graph", retained)
