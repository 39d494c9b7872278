# The order in which backward runs nodes, made visible with custom Functions that print: a node runs once,
# after the gradients from all its consumers have been summed; among ready nodes the one created last runs
# first (PyTorch's sequence numbers); the gradient each node receives is printed too.
import torch


class Tap(torch.autograd.Function):
    """Identity that prints its label and the incoming gradient in backward."""

    @staticmethod
    def forward(ctx, x, label):
        ctx.label = label
        return x.clone()

    @staticmethod
    def backward(ctx, grad_output):
        print("  backward", ctx.label, grad_output)
        return grad_output, None


x = torch.tensor([1.0, 2.0], requires_grad=True)

print("two branches, created a then b")
a = Tap.apply(x, "a")
b = Tap.apply(x, "b")
(a * 2 + b * 3).sum().backward()
print("  x.grad", x.grad)

print("two branches, created b then a")
x.grad = None
b = Tap.apply(x, "b")
a = Tap.apply(x, "a")
(a * 2 + b * 3).sum().backward()

print("a chain: outer first")
x.grad = None
inner = Tap.apply(x, "inner")
middle = Tap.apply(inner * 2, "middle")
outer = Tap.apply(middle + 1, "outer")
outer.sum().backward()
print("  x.grad", x.grad)

print("one node used three times: it runs once, with the summed gradient")
x.grad = None
shared = Tap.apply(x, "shared")
y = shared * 1 + shared * 10 + shared * 100
Tap.apply(y, "top").sum().backward()
print("  x.grad", x.grad)

print("a diamond: both sides before the bottom")
x.grad = None
bottom = Tap.apply(x, "bottom")
left = Tap.apply(bottom * 2, "left")
right = Tap.apply(bottom.exp(), "right")
(left + right).sum().backward()

print("a branch that does not lead to a leaf needing grad is skipped")
x.grad = None
const = torch.ones(2)
c = Tap.apply(const, "const")
d = Tap.apply(x, "uses x")
(c * d).sum().backward()
print("  c.requires_grad", c.requires_grad, "x.grad", x.grad)

print("autograd.grad runs only what the requested inputs need")
x.grad = None
w = torch.tensor([3.0, 4.0], requires_grad=True)
p = Tap.apply(x, "path to x")
q = Tap.apply(w, "path to w")
(gx,) = torch.autograd.grad((p * q).sum(), x)
print("  gx", gx, "x.grad", x.grad, "w.grad", w.grad)

print("backward with a non-uniform gradient")
x.grad = None
t = Tap.apply(x * x, "square")
t.backward(torch.tensor([1.0, -1.0]))
print("  x.grad", x.grad)
