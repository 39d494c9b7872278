# Errors of a custom torch.autograd.Function's backward, caught: wrong number of gradients, a gradient of
# the wrong shape, a non-tensor gradient, a missing backward, an exception raised by backward; returning
# None is allowed. Without inputs that require grad, backward never runs and nothing fails.
import torch
from torch.autograd import Function


def case(name, fn):
    x.grad = None
    try:
        r = fn()
        print("%-18s no error: %s" % (name, r))
    except Exception as e:
        print("%-18s %s: %s" % (name, type(e).__name__, e))


class TooFew(Function):
    @staticmethod
    def forward(ctx, a, b):
        return a * b

    @staticmethod
    def backward(ctx, g):
        return g


class TooMany(Function):
    @staticmethod
    def forward(ctx, a):
        return a * 2

    @staticmethod
    def backward(ctx, g):
        return g, g


class BadShape(Function):
    @staticmethod
    def forward(ctx, a):
        return a * 2

    @staticmethod
    def backward(ctx, g):
        return torch.ones(3)


class FloatGrad(Function):
    @staticmethod
    def forward(ctx, a):
        return a * 2

    @staticmethod
    def backward(ctx, g):
        return 1.0


class NoneGrad(Function):
    @staticmethod
    def forward(ctx, a):
        return a * 2

    @staticmethod
    def backward(ctx, g):
        return None


class NoBackward(Function):
    @staticmethod
    def forward(ctx, a):
        return a * 2


class Raises(Function):
    @staticmethod
    def forward(ctx, a):
        return a * 2

    @staticmethod
    def backward(ctx, g):
        raise ValueError("backward failed on purpose")


x = torch.ones(2, requires_grad=True)
w = torch.ones(2, requires_grad=True)
case("too few grads", lambda: TooFew.apply(x, w).sum().backward())
case("too many grads", lambda: TooMany.apply(x).sum().backward())
case("grad shape", lambda: BadShape.apply(x).sum().backward())
case("float grad", lambda: FloatGrad.apply(x).sum().backward())
case("None grad", lambda: (NoneGrad.apply(x).sum().backward(), x.grad)[1])
case("no backward", lambda: NoBackward.apply(x).sum().backward())
case("backward raises", lambda: Raises.apply(x).sum().backward())
case("forward only", lambda: TooFew.apply(x, w))
print(BadShape.apply(torch.ones(2)), NoBackward.apply(torch.ones(2)).requires_grad)
with torch.no_grad():
    print(TooMany.apply(x).requires_grad)
