# Custom torch.autograd.Function: the Exp example of the torch.autograd docs, ctx attributes,
# ctx.needs_input_grad, non-tensor arguments (backward returns None for them), several inputs, outputs
# saved with save_for_backward, node names and next_functions, apply under no_grad.
import torch
from torch.autograd import Function


def name(t):
    return type(t.grad_fn).__name__ if t.grad_fn is not None else None


class Exp(Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        result, = ctx.saved_tensors
        return grad_output * result


x = torch.tensor([0.0, 1.0, -1.0], requires_grad=True)
output = Exp.apply(x)
print(output, name(output), output.grad_fn.name())
output.sum().backward()
print(x.grad)


class ScaleShift(Function):
    """y = scale * x + shift, scale a Python float, shift a tensor."""

    @staticmethod
    def forward(ctx, x, scale, shift):
        ctx.scale = scale
        ctx.note = "scaled by %g" % scale
        ctx.shape = x.shape
        print("forward needs_input_grad", ctx.needs_input_grad, torch.is_grad_enabled())
        return x * scale + shift

    @staticmethod
    def backward(ctx, grad_output):
        print("backward", ctx.note, ctx.shape, ctx.needs_input_grad)
        gx = grad_output * ctx.scale if ctx.needs_input_grad[0] else None
        gshift = grad_output if ctx.needs_input_grad[2] else None
        return gx, None, gshift


a = torch.tensor([1.0, 2.0], requires_grad=True)
s = torch.tensor([0.5, 0.5], requires_grad=True)
y = ScaleShift.apply(a, 3.0, s)
print(y, name(y))
print([(type(f).__name__ if f else None, n) for f, n in y.grad_fn.next_functions])
y.backward(torch.tensor([1.0, 10.0]))
print(a.grad, s.grad)

# the shift does not require grad: its slot in needs_input_grad is False
a.grad = None
y = ScaleShift.apply(a, -2.0, torch.ones(2))
y.sum().backward()
print(a.grad)

# no input requires grad: the output has no history
y = ScaleShift.apply(torch.ones(2), 2.0, torch.ones(2))
print(y, y.requires_grad, y.grad_fn)

# under no_grad nothing is recorded either
with torch.no_grad():
    y = ScaleShift.apply(a, 2.0, s)
print(y.requires_grad, y.grad_fn)


class MulAdd(Function):
    @staticmethod
    def forward(ctx, p, q, r):
        ctx.save_for_backward(p, q)
        return p * q + r

    @staticmethod
    def backward(ctx, g):
        p, q = ctx.saved_tensors
        return g * q, g * p, g


p = torch.tensor([2.0, 3.0], requires_grad=True)
q = torch.tensor([4.0, -1.0], requires_grad=True)
r = torch.tensor([1.0, 1.0], requires_grad=True)
out = MulAdd.apply(p, q, r)
print(out, name(out))
(out * out).sum().backward()
print(p.grad, q.grad, r.grad)

# custom functions compose with ordinary ops and with each other
x = torch.tensor([0.5, -0.5], requires_grad=True)
z = Exp.apply(Exp.apply(x) * 2).sum()
z.backward()
print(z, x.grad)
print(name(z), [type(f).__name__ for f, _ in z.grad_fn.next_functions])

# the ctx is the backward node: saved tensors are readable from it
y = Exp.apply(torch.tensor([2.0], requires_grad=True))
print(y.grad_fn.saved_tensors, y.grad_fn.needs_input_grad)

# Function.apply with a keyword-free call on a 0-dim tensor
k = torch.tensor(1.0, requires_grad=True)
e = Exp.apply(k)
e.backward()
print(e, k.grad)
