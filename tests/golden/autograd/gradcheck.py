# torch.autograd.gradcheck (finite differences against the analytic gradient, in float64) on custom
# Functions and on built-in ops; each check prints True. A wrong backward is reported as False with
# raise_exception=False.
import torch
from torch.autograd import gradcheck


class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input


class LegendrePolynomial3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return 0.5 * (5 * input ** 3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        return grad_output * 1.5 * (5 * input ** 2 - 1)


class WrongSquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input * input

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        return grad_output * input  # should be 2 * input


torch.manual_seed(0)
# inputs away from the kink of relu, so the finite differences are well defined there
x = torch.randn(4, 3, dtype=torch.double)
x = (x + 0.2 * x.sign()).requires_grad_()
print("MyReLU     ", gradcheck(MyReLU.apply, (x,), eps=1e-6, atol=1e-4))
print("Legendre P3", gradcheck(LegendrePolynomial3.apply, (x,), eps=1e-6, atol=1e-4))
print("wrong      ", gradcheck(WrongSquare.apply, (x,), eps=1e-6, atol=1e-4, raise_exception=False))

a = torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
b = torch.randn(4, 2, dtype=torch.float64, requires_grad=True)
v = torch.randn(4, dtype=torch.float64, requires_grad=True)
p = (torch.rand(3, 4, dtype=torch.float64) + 0.5).requires_grad_()
checks = [
    ("mm", lambda a, b: a.mm(b), (a, b)),
    ("mv", lambda a, v: a @ v, (a, v)),
    ("mul/div", lambda a, p: a * p / (p + 1), (a, p)),
    ("pow", lambda p, a: p ** a, (p, a)),
    ("exp/log", lambda a, p: a.exp() + p.log(), (a, p)),
    ("tanh/sigmoid", lambda a: a.tanh() * a.sigmoid(), (a,)),
    ("sin/cos/sqrt", lambda a, p: a.sin() * a.cos() + p.sqrt(), (a, p)),
    ("sum/mean dim", lambda a: a.sum(0) + a.mean(0, keepdim=True), (a,)),
    ("softmax", lambda a: a.softmax(1), (a,)),
    ("log_softmax", lambda a: a.log_softmax(0), (a,)),
    ("std/var", lambda a: a.std(1) * a.var(0).sum(), (a,)),
    ("norm", lambda a: a.norm(), (a,)),
    ("cumsum/prod", lambda p: p.cumsum(1) * p.prod(0), (p,)),
    ("broadcast", lambda a, v: a * v + v, (a, v)),
    ("index/cat", lambda a: torch.cat([a[:, 1:], a[[0, 0], 1:]], 0), (a,)),
    ("where", lambda a, p: torch.where(a > 0, a * p, p), (a, p)),
    ("view/permute", lambda a: a.view(2, 6).t().reshape(3, 4) * a, (a,)),
    ("addmm", lambda a, b: torch.addmm(torch.ones(3, 2, dtype=torch.float64), a, b), (a, b)),
    ("bmm", lambda a: torch.bmm(a.view(1, 3, 4), a.t().reshape(1, 4, 3)), (a,)),
]
for label, fn, inputs in checks:
    print("%-12s" % label, gradcheck(fn, inputs))

# gradcheck leaves .grad alone
print(a.grad, x.grad)
