# "Learning PyTorch with Examples", warm-up: a two-layer network in NumPy, trained by hand-written
# backpropagation. Losses are printed to 4 significant digits (the acceptance bar).
import numpy as np

# N is batch size; D_in is input dimension;
# H is hidden dimension; D_out is output dimension.
N, D_in, H, D_out = 64, 1000, 100, 10

np.random.seed(0)
# Create random input and output data
x = np.random.randn(N, D_in)
y = np.random.randn(N, D_out)

# Randomly initialize weights
w1 = np.random.randn(D_in, H)
w2 = np.random.randn(H, D_out)
print(x.shape, y.shape, w1.shape, w2.shape, x.dtype)
print('%.6f %.6f %.6f' % (x[0, 0], w1[999, 99], w2.sum()))

learning_rate = 1e-6
for t in range(500):
    # Forward pass: compute predicted y
    h = x.dot(w1)
    h_relu = np.maximum(h, 0)
    y_pred = h_relu.dot(w2)

    # Compute and print loss
    loss = np.square(y_pred - y).sum()
    if t % 100 == 99 or t < 5:
        print(t, '%.4g' % loss)

    # Backprop to compute gradients of w1 and w2 with respect to loss
    grad_y_pred = 2.0 * (y_pred - y)
    grad_w2 = h_relu.T.dot(grad_y_pred)
    grad_h_relu = grad_y_pred.dot(w2.T)
    grad_h = grad_h_relu.copy()
    grad_h[h < 0] = 0
    grad_w1 = x.T.dot(grad_h)

    # Update weights
    w1 -= learning_rate * grad_w1
    w2 -= learning_rate * grad_w2

print(type(loss).__name__, loss.dtype)
print('%.4g %.4g' % (np.abs(w1).mean(), np.abs(w2).mean()))
print(np.round(y_pred[:2], 2))
