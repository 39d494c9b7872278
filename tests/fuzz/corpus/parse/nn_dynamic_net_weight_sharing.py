# The dynamic-graph example of the PyTorch 1.x "Learning PyTorch with Examples": on each forward pass
# DynamicNet applies its middle_linear layer 0 to 3 times (random.randint, seeded), the same Linear module
# reused — weight sharing — so its gradient is the sum over all uses. Checked against an unshared copy,
# then trained with SGD and momentum for 60 steps (later the random depths make float32 rounding differences
# grow past 4 digits); losses printed with 4 significant digits.
import random
import torch


class DynamicNet(torch.nn.Module):
    def __init__(self, D_in, H, D_out):
        """
        In the constructor we construct three nn.Linear instances that we will use
        in the forward pass.
        """
        super(DynamicNet, self).__init__()
        self.input_linear = torch.nn.Linear(D_in, H)
        self.middle_linear = torch.nn.Linear(H, H)
        self.output_linear = torch.nn.Linear(H, D_out)

    def forward(self, x, depth=None):
        """
        For the forward pass of the model, we randomly choose either 0, 1, 2, or 3
        and reuse the middle_linear Module that many times to compute hidden layer
        representations.
        """
        if depth is None:
            depth = random.randint(0, 3)
        self.depth = depth
        h_relu = self.input_linear(x).clamp(min=0)
        for _ in range(depth):
            h_relu = self.middle_linear(h_relu).clamp(min=0)
        y_pred = self.output_linear(h_relu)
        return y_pred


random.seed(0)
torch.manual_seed(0)

# N is batch size; D_in is input dimension;
# H is hidden dimension; D_out is output dimension.
N, D_in, H, D_out = 64, 1000, 100, 10

# Create random Tensors to hold inputs and outputs
x = torch.randn(N, D_in)
y = torch.randn(N, D_out)

# Construct our model by instantiating the class defined above
model = DynamicNet(D_in, H, D_out)
print(model)
print(model.depth if hasattr(model, "depth") else "no depth yet")

# sharing: with depth 2 the middle layer's gradient is the sum of the gradients of its two uses
criterion = torch.nn.MSELoss(reduction='sum')
loss = criterion(model(x, depth=2), y)
loss.backward()
shared = model.middle_linear.weight.grad.clone()
w1 = model.middle_linear.weight.detach().clone().requires_grad_()
w2 = model.middle_linear.weight.detach().clone().requires_grad_()
b = model.middle_linear.bias.detach()
h = model.input_linear(x).clamp(min=0)
h = torch.nn.functional.linear(h, w1, b).clamp(min=0)
h = torch.nn.functional.linear(h, w2, b).clamp(min=0)
criterion(model.output_linear(h), y).backward()
print(torch.allclose(shared, w1.grad + w2.grad, rtol=1e-4, atol=1e-3), bool((w1.grad - w2.grad).abs().max() > 0))
print(f"{loss.item():.4g}", model.depth)

# Construct our loss function and an Optimizer. Training this strange model with
# vanilla stochastic gradient descent is tough, so we use momentum
optimizer = torch.optim.SGD(model.parameters(), lr=1e-4, momentum=0.9)
depths = []
for t in range(60):
    # Forward pass: Compute predicted y by passing x to the model
    y_pred = model(x)
    depths.append(model.depth)

    # Compute and print loss
    loss = criterion(y_pred, y)
    if t % 10 == 9:
        print(t, f"{loss.item():.4g}", depths[-5:])

    # Zero gradients, perform a backward pass, and update the weights.
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

print([depths.count(d) for d in range(4)])
with torch.no_grad():
    print([f"{criterion(model(x, depth=d), y).item():.2g}" for d in range(4)])
