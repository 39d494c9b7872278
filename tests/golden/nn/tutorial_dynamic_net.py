# "Learning PyTorch with Examples", PyTorch: Control Flow + Weight Sharing — DynamicNet fits sin(x) with a
# polynomial of order 3 to 5 chosen at random on every forward pass (Python's random, seeded), reusing the
# same parameter e for the 4th and 5th order terms; SGD with momentum, as the tutorial writes it (seeded,
# 4000 steps rather than 30000). Losses are printed with 4 significant digits.
import random
import torch
import math


class DynamicNet(torch.nn.Module):
    def __init__(self):
        """
        In the constructor we instantiate five parameters and assign them as members.
        """
        super().__init__()
        self.a = torch.nn.Parameter(torch.randn(()))
        self.b = torch.nn.Parameter(torch.randn(()))
        self.c = torch.nn.Parameter(torch.randn(()))
        self.d = torch.nn.Parameter(torch.randn(()))
        self.e = torch.nn.Parameter(torch.randn(()))

    def forward(self, x):
        """
        For the forward pass of the model, we randomly choose either 4, 5
        and reuse the e parameter to compute the contribution of these orders.

        Since each forward pass builds a dynamic computation graph, we can use normal
        Python control-flow operators like loops or conditional statements when
        defining the forward pass of the model.

        Here we also see that it is perfectly safe to reuse the same parameter many
        times when defining a computational graph.
        """
        y = self.a + self.b * x + self.c * x ** 2 + self.d * x ** 3
        for exp in range(4, random.randint(4, 6)):
            y = y + self.e * x ** exp
        return y

    def string(self):
        """
        Just like any class in Python, you can also define custom method on PyTorch modules
        """
        return (f'y = {self.a.item():.3f} + {self.b.item():.3f} x + {self.c.item():.3f} x^2 + '
                f'{self.d.item():.3f} x^3 + {self.e.item():.5f} x^4 ? + {self.e.item():.5f} x^5 ?')


random.seed(0)
torch.manual_seed(0)

# Create Tensors to hold input and outputs.
x = torch.linspace(-math.pi, math.pi, 2000)
y = torch.sin(x)

# Construct our model by instantiating the class defined above
model = DynamicNet()
print(model, [n for n, _ in model.named_parameters()])

# the graph depends on the draw: count the uses of e in three forward passes
for _ in range(3):
    state = random.getstate()
    order = random.randint(4, 6) - 1
    random.setstate(state)
    out = model(x)
    print("order", order, type(out.grad_fn).__name__, out.shape)
    model.zero_grad()
    out.sum().backward()
    print("  e.grad is None:", model.e.grad is None, " e.grad != 0:", bool(model.e.grad.abs() > 0))
model.zero_grad(set_to_none=True)

# Construct our loss function and an Optimizer. Training this strange model with
# vanilla stochastic gradient descent is tough, so we use momentum
criterion = torch.nn.MSELoss(reduction='sum')
optimizer = torch.optim.SGD(model.parameters(), lr=1e-8, momentum=0.9)
for t in range(4000):
    # Forward pass: Compute predicted y by passing x to the model
    y_pred = model(x)

    # Compute and print loss
    loss = criterion(y_pred, y)
    if t % 250 == 249:
        print(t, f"{loss.item():.4g}")

    # Zero gradients, perform a backward pass, and update the weights.
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

print(f'Result: {model.string()}')
print(sorted(len(s) for s in optimizer.state.values()), optimizer.state[model.e]['momentum_buffer'].shape)
