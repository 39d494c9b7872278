# "Learning PyTorch with Examples", PyTorch: Defining new autograd functions (the two-layer-network
# version): MyReLU as a torch.autograd.Function, as the tutorial writes it, trained for 500 steps (seeded).
# Losses are printed with the digits that survive another float32 summation order (see
# tutorial_two_layer_net.py); the custom ReLU gives the same numbers as clamp(min=0).
import torch


class MyReLU(torch.autograd.Function):
    """
    We can implement our own custom autograd Functions by subclassing
    torch.autograd.Function and implementing the forward and backward passes
    which operate on Tensors.
    """

    @staticmethod
    def forward(ctx, input):
        """
        In the forward pass we receive a Tensor containing the input and return
        a Tensor containing the output. ctx is a context object that can be used
        to stash information for backward computation. You can cache arbitrary
        objects for use in the backward pass using the ctx.save_for_backward method.
        """
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        """
        In the backward pass we receive a Tensor containing the gradient of the loss
        with respect to the output, and we need to compute the gradient of the loss
        with respect to the input.
        """
        input, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input


DIGITS = {0: 4, 99: 3, 199: 2, 299: 1, 399: 1, 499: 0}


def show(t, value):
    print(t, ("%." + str(DIGITS[t]) + "e") % value)


dtype = torch.float
device = torch.device("cpu")
# device = torch.device("cuda:0") # Uncomment this to run on GPU
torch.manual_seed(0)

# N is batch size; D_in is input dimension;
# H is hidden dimension; D_out is output dimension.
N, D_in, H, D_out = 64, 1000, 100, 10

# Create random Tensors to hold input and outputs.
x = torch.randn(N, D_in, device=device, dtype=dtype)
y = torch.randn(N, D_out, device=device, dtype=dtype)

# Create random Tensors for weights.
w1 = torch.randn(D_in, H, device=device, dtype=dtype, requires_grad=True)
w2 = torch.randn(H, D_out, device=device, dtype=dtype, requires_grad=True)

learning_rate = 1e-6
for t in range(500):
    # To apply our Function, we use Function.apply method. We alias this as 'relu'.
    relu = MyReLU.apply

    # Forward pass: compute predicted y using operations; we compute
    # ReLU using our custom autograd operation.
    y_pred = relu(x.mm(w1)).mm(w2)

    # Compute and print loss
    loss = (y_pred - y).pow(2).sum()
    if t % 100 == 99 or t == 0:
        show(t, loss.item())
    if t == 0:
        h = relu(x.mm(w1))
        print(type(h.grad_fn).__name__, h.grad_fn.name(), h.requires_grad, h.is_leaf)
        print([(type(f).__name__ if f else None, n) for f, n in h.grad_fn.next_functions])

    # Use autograd to compute the backward pass.
    loss.backward()

    # Update weights using gradient descent
    with torch.no_grad():
        w1 -= learning_rate * w1.grad
        w2 -= learning_rate * w2.grad

        # Manually zero the gradients after updating weights
        w1.grad.zero_()
        w2.grad.zero_()

# the custom ReLU on a small input, its gradient and the gradient at 0
v = torch.tensor([-1.0, 0.0, 2.0], requires_grad=True)
out = MyReLU.apply(v)
print(out)
(out * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(v.grad)
