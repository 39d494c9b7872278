# Gradients of the matmul family: mm, mv, dot, matmul of every rank combination (incl. batched and
# broadcast batch dims), bmm, addmm, and a tiny linear layer written by hand. Exact small-integer data.
import torch

A = torch.arange(6.0).reshape(2, 3).requires_grad_()
B = torch.tensor([[1.0, -1.0], [2.0, 0.0], [0.5, 3.0]], requires_grad=True)
v = torch.tensor([1.0, 2.0, -1.0], requires_grad=True)
w = torch.tensor([0.5, -2.0, 4.0], requires_grad=True)

C = A.mm(B)
print(C)
C.backward(torch.tensor([[1.0, 0.0], [2.0, -1.0]]))
print(A.grad)
print(B.grad)

A.grad = None
y = torch.mv(A, v)
print(y)
y.backward(torch.tensor([1.0, 3.0]))
print(A.grad)
print(v.grad)

v.grad = None
d = torch.dot(v, w)
print(d)
d.backward()
print(v.grad, w.grad)

# matmul: 1-D @ 2-D, 2-D @ 1-D, 1-D @ 1-D, 2-D @ 2-D
for label, make in [("1D@2D", lambda: torch.tensor([1.0, -1.0]) @ A),
                    ("2D@1D", lambda: A @ v),
                    ("1D@1D", lambda: v @ w),
                    ("2D@2D", lambda: A @ B)]:
    A.grad = None
    v.grad = None
    w.grad = None
    B.grad = None
    out = make()
    out.sum().backward()
    print(label, type(out.grad_fn).__name__, out.shape)
    print("  A.grad", A.grad)
    print("  B.grad", B.grad, "v.grad", v.grad, "w.grad", w.grad)

# batched matmul (3-D @ 2-D, 3-D @ 3-D, broadcast batch)
X = torch.arange(12.0).reshape(2, 2, 3).requires_grad_()
W = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], requires_grad=True)
Y = X @ W
print(Y)
print(type(Y.grad_fn).__name__)
Y.sum().backward()
print(X.grad)
print(W.grad)

X.grad = None
Z = torch.ones(2, 3, 2, requires_grad=True)
P = torch.matmul(X, Z)
print(P, type(P.grad_fn).__name__)
P.sum().backward()
print(X.grad[0])
print(Z.grad)

Q = torch.ones(3, 1, 2, 3, requires_grad=True)
R = torch.ones(4, 3, 2, requires_grad=True)
S = Q @ R
print(S.shape, type(S.grad_fn).__name__)
S.sum().backward()
print(Q.grad.shape, Q.grad[0, 0])
print(R.grad.shape, R.grad[0])

# bmm
M1 = torch.arange(8.0).reshape(2, 2, 2).requires_grad_()
M2 = torch.tensor([[[1.0, 2.0], [3.0, 4.0]], [[0.0, 1.0], [1.0, 0.0]]], requires_grad=True)
bm = torch.bmm(M1, M2)
print(bm, type(bm.grad_fn).__name__)
bm.sum().backward()
print(M1.grad)
print(M2.grad)

# addmm with beta and alpha
bias = torch.tensor([0.5, -0.5], requires_grad=True)
A.grad = None
B.grad = None
out = torch.addmm(bias, A, B, beta=2.0, alpha=0.5)
print(out)
out.sum().backward()
print(bias.grad, A.grad, B.grad, sep="\n")

# a linear layer by hand: x @ W.t() + b
x = torch.tensor([[1.0, 2.0, 3.0], [0.0, -1.0, 1.0]])
Wl = torch.tensor([[0.1, 0.2, 0.3], [0.0, 1.0, -1.0]], requires_grad=True)
bl = torch.tensor([1.0, 0.0], requires_grad=True)
h = x @ Wl.t() + bl
print(h, type(h.grad_fn).__name__)
(h * h).sum().backward()
print(Wl.grad)
print(bl.grad)
