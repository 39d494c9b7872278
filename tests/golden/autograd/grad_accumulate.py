# .grad accumulates across backward calls until it is zeroed (grad.zero_()) or reset (grad = None);
# retain_graph=True keeps saved tensors for another pass; grads of shared leaves add up within one pass.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
print(x.grad)

y = (x * x).sum()
y.backward(retain_graph=True)
print(x.grad)
y.backward(retain_graph=True)
print(x.grad)
y.backward()
print(x.grad)

# zeroing in place keeps the same tensor object
g = x.grad
x.grad.zero_()
print(x.grad, x.grad is g)
(x * 3).sum().backward()
print(x.grad, x.grad is g)

# reset to None: the next backward creates a new tensor
x.grad = None
(x ** 3).sum().backward()
print(x.grad)

# two separate graphs accumulate into the same leaf
x.grad = None
(x * 2).sum().backward()
(x * 5).sum().backward()
print(x.grad)

# within one graph, every use of a leaf contributes
x.grad = None
z = x * x + x * 4 + x
z.sum().backward()
print(x.grad)

# a leaf used twice in one product
a = torch.tensor(3.0, requires_grad=True)
b = a * a * a
b.backward()
print(a.grad)

# the quickstart's Jacobian-product example with a non-scalar output
inp = torch.eye(3, requires_grad=True)
out = (inp + 1).pow(2)
for call in range(3):
    out.backward(torch.ones_like(out), retain_graph=True)
    print(call, inp.grad.sum().item())
print(inp.grad)

# grads of different leaves are independent
p = torch.tensor([1.0, -1.0], requires_grad=True)
q = torch.tensor([2.0, 0.5], requires_grad=True)
for step in range(3):
    loss = (p * q).sum() + (q * q).sum()
    loss.backward()
    print(step, p.grad, q.grad)
    if step == 1:
        p.grad.zero_()

# a manual gradient-descent loop that zeroes each step
w = torch.tensor([4.0, -2.0], requires_grad=True)
for step in range(5):
    loss = ((w - 1) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        w -= 0.25 * w.grad
    w.grad.zero_()
    print(step, loss.item(), w.tolist())

# assigning a gradient by hand, then accumulating into it
w.grad = torch.tensor([10.0, 20.0])
(w * 1).sum().backward()
print(w.grad)
