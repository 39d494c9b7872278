# The PyTorch basics tutorial "Automatic Differentiation with torch.autograd". The tutorial's loss,
# binary_cross_entropy_with_logits, belongs to nn; it is written out here with tensor ops (same value).
import torch

torch.manual_seed(0)
x = torch.ones(5)  # input tensor
y = torch.zeros(3)  # expected output
w = torch.randn(5, 3, requires_grad=True)
b = torch.randn(3, requires_grad=True)
z = torch.matmul(x, w)+b
loss = (z.clamp(min=0) - z * y + torch.log(1 + torch.exp(-z.abs()))).mean()
print(f"Gradient function for z = {type(z.grad_fn).__name__}")
print(f"Gradient function for loss = {type(loss.grad_fn).__name__}")
print(f"loss = {loss.item():.6f}")

# Computing Gradients
loss.backward()
print(w.grad)
print(b.grad)
print(torch.allclose(w.grad, b.grad.expand(5, 3)))

# Disabling Gradient Tracking
z = torch.matmul(x, w)+b
print(z.requires_grad)

with torch.no_grad():
    z = torch.matmul(x, w)+b
print(z.requires_grad)

z = torch.matmul(x, w)+b
z_det = z.detach()
print(z_det.requires_grad)

# Optional Reading: Tensor Gradients and Jacobian Products
inp = torch.eye(4, 5, requires_grad=True)
out = (inp+1).pow(2).t()
out.backward(torch.ones_like(out), retain_graph=True)
print(f"First call\n{inp.grad}")
out.backward(torch.ones_like(out), retain_graph=True)
print(f"\nSecond call\n{inp.grad}")
inp.grad.zero_()
out.backward(torch.ones_like(out), retain_graph=True)
print(f"\nCall after zeroing gradients\n{inp.grad}")

# the graph of out
print(type(out.grad_fn).__name__, [type(f).__name__ for f, _ in out.grad_fn.next_functions])
p = out.grad_fn.next_functions[0][0]
print(type(p).__name__, [(type(f).__name__ if f else None, n) for f, n in p.next_functions])
