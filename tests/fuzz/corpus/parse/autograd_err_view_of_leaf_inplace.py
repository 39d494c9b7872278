# Ends with an uncaught RuntimeError: writing into one element of a leaf that requires grad (x[0] = 5,
# an in-place operation on a view of the leaf), after the allowed ways of doing it.
import torch


def clip_first(t, value):
    t[0] = value
    return t


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)

# allowed: on a copy with history (becomes CopySlices), or on the leaf under no_grad
y = clip_first(x.clone(), 5.0)
print(y, type(y.grad_fn).__name__)
y.sum().backward()
print(x.grad)
with torch.no_grad():
    clip_first(x, 0.5)
print(x, x._version, x.is_leaf)

# caught once
try:
    x.add_(1)
except RuntimeError as e:
    print("caught:", e)
print(x)

# then uncaught, from inside a function
print("writing x[0] outside no_grad")
clip_first(x, 5.0)
print("never printed")
