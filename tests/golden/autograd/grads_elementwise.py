# Gradients of the elementwise ops, printed as x.grad: unary math, relu and abs at 0, clamp at its
# boundaries, sqrt, pow with scalar and tensor exponents, division by tensors.
import torch


def grad_of(fn, values, dtype=torch.float32):
    x = torch.tensor(values, dtype=dtype, requires_grad=True)
    fn(x).sum().backward()
    return x.grad


v = [-2.0, -0.5, 0.0, 0.5, 2.0]
pos = [0.25, 0.5, 1.0, 2.0, 4.0]
print("exp    ", grad_of(torch.exp, v))
print("log    ", grad_of(torch.log, pos))
print("sqrt   ", grad_of(torch.sqrt, pos))
print("tanh   ", grad_of(torch.tanh, v))
print("sigmoid", grad_of(torch.sigmoid, v))
print("sin    ", grad_of(torch.sin, v))
print("cos    ", grad_of(torch.cos, v))
print("neg    ", grad_of(lambda x: -x, v))
print("square ", grad_of(lambda x: x * x, v))
print("abs    ", grad_of(torch.abs, v))
print("relu   ", grad_of(torch.relu, v))
print("relu m ", grad_of(lambda x: x.relu(), v))
print("clamp  ", grad_of(lambda x: x.clamp(min=0), v))
print("clamp2 ", grad_of(lambda x: x.clamp(-0.5, 0.5), v))
print("clampmx", grad_of(lambda x: x.clamp(max=0.5), v))
print("clamp3 ", grad_of(lambda x: torch.clamp(x, min=-2.0, max=2.0), v))
print("recip  ", grad_of(lambda x: 1 / x, pos))
print("rsqrt  ", grad_of(lambda x: x.rsqrt(), pos))
print("x**2   ", grad_of(lambda x: x ** 2, v))
print("x**3   ", grad_of(lambda x: x ** 3, v))
print("x**0.5 ", grad_of(lambda x: x ** 0.5, pos))
print("x**-1  ", grad_of(lambda x: x ** -1, pos))
print("x**0   ", grad_of(lambda x: x ** 0, v))
print("2**x   ", grad_of(lambda x: 2 ** x, v))
print("pow    ", grad_of(lambda x: torch.pow(x, 2.5), pos))

# sqrt at 0 is inf
print("sqrt 0 ", grad_of(torch.sqrt, [0.0, 1.0]))
print("log 0  ", grad_of(torch.log, [0.0, 1.0]))

# pow with a tensor exponent: grads for base and exponent
base = torch.tensor([1.0, 2.0, 3.0, 0.5], requires_grad=True)
expo = torch.tensor([2.0, 3.0, 0.5, -1.0], requires_grad=True)
r = base ** expo
print(r)
r.sum().backward()
print(base.grad)
print(expo.grad)
# exponent tensor with a base 0
b0 = torch.tensor([0.0, 0.0, 2.0], requires_grad=True)
e0 = torch.tensor([2.0, 0.0, 0.0], requires_grad=True)
(b0 ** e0).sum().backward()
print(b0.grad, e0.grad)

# division by tensors
num = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
den = torch.tensor([2.0, 4.0, -0.5], requires_grad=True)
q = num / den
q.sum().backward()
print(q)
print(num.grad)
print(den.grad)
num.grad = None
den.grad = None
torch.div(num, den).mul(torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(num.grad, den.grad)

# chains of elementwise ops
x = torch.tensor([0.5, 1.0, 1.5], requires_grad=True)
y = (x.exp() * x.sin() + x.sqrt() / (1 + x * x)).tanh()
y.sum().backward()
print(y)
print(x.grad)

# float64 keeps the dtype of the gradient
print("exp f64", grad_of(torch.exp, [0.0, 1.0], torch.float64))
print("sig f64", grad_of(torch.sigmoid, [0.0, 1.0], torch.float64))
