# "A Gentle Introduction to torch.autograd" (the CPU, nn-free parts): differentiation in autograd with an
# external gradient, and exclusion from the DAG.
import torch

# Differentiation in Autograd
a = torch.tensor([2., 3.], requires_grad=True)
b = torch.tensor([6., 4.], requires_grad=True)
Q = 3*a**3 - b**2
print(Q)
print(type(Q.grad_fn).__name__)
external_grad = torch.tensor([1., 1.])
Q.backward(gradient=external_grad)
# check if collected gradients are correct
print(9*a**2 == a.grad)
print(-2*b == b.grad)
print(a.grad)
print(b.grad)

# the graph behind Q: SubBackward0 <- (MulBackward0 <- PowBackward0 <- a), (PowBackward0 <- b)
def walk(fn, depth):
    if fn is None:
        print("  " * depth + "None")
        return
    print("  " * depth + type(fn).__name__)
    for nxt, nr in fn.next_functions:
        walk(nxt, depth + 1)

walk(Q.grad_fn, 0)

# the same with a non-uniform external gradient
a.grad = None
b.grad = None
Q = 3*a**3 - b**2
Q.backward(gradient=torch.tensor([0.5, -2.0]))
print(a.grad, b.grad)

# Exclusion from the DAG
torch.manual_seed(0)
x = torch.rand(5, 5)
y = torch.rand(5, 5)
z = torch.rand((5, 5), requires_grad=True)

a = x + y
print(f"Does `a` require gradients? : {a.requires_grad}")
b = x + z
print(f"Does `b` require gradients?: {b.requires_grad}")
print(a.grad_fn, type(b.grad_fn).__name__)

# freezing: only the tensor that requires grad receives a gradient
w_frozen = torch.full((5,), 0.5)
w_train = torch.full((5,), 2.0, requires_grad=True)
out = (x @ w_frozen + y @ w_train).sum()
out.backward()
print(w_frozen.grad, w_frozen.requires_grad)
print(w_train.grad)
print(torch.allclose(w_train.grad, y.sum(0)))
print(z.grad)
