# "Learning PyTorch with Examples", PyTorch: optim — the same polynomial model trained with
# torch.optim.RMSprop(lr=1e-3): optimizer.zero_grad(), loss.backward(), optimizer.step(), as the tutorial
# writes it (seeded), and print(optimizer). 1000 steps, not 2000: later the near-zero even coefficients make
# RMSprop's normalised steps sensitive to float32 rounding. Losses are printed with 4 significant digits.
import torch
import math

torch.manual_seed(0)

# Create Tensors to hold input and outputs.
x = torch.linspace(-math.pi, math.pi, 2000)
y = torch.sin(x)

# Prepare the input tensor (x, x^2, x^3).
p = torch.tensor([1, 2, 3])
xx = x.unsqueeze(-1).pow(p)

# Use the nn package to define our model and loss function.
model = torch.nn.Sequential(
    torch.nn.Linear(3, 1),
    torch.nn.Flatten(0, 1)
)
loss_fn = torch.nn.MSELoss(reduction='sum')

# Use the optim package to define an Optimizer that will update the weights of
# the model for us. Here we will use RMSprop; the optim package contains many other
# optimization algorithms. The first argument to the RMSprop constructor tells the
# optimizer which Tensors it should update.
learning_rate = 1e-3
optimizer = torch.optim.RMSprop(model.parameters(), lr=learning_rate)
print(optimizer)
print(len(optimizer.param_groups), len(optimizer.param_groups[0]['params']), optimizer.state)

for t in range(1000):
    # Forward pass: compute predicted y by passing x to the model.
    y_pred = model(xx)

    # Compute and print loss.
    loss = loss_fn(y_pred, y)
    if t % 100 == 99:
        print(t, f"{loss.item():.4g}")

    # Before the backward pass, use the optimizer object to zero all of the
    # gradients for the variables it will update (which are the learnable
    # weights of the model). This is because by default, gradients are
    # accumulated in buffers( i.e, not overwritten) whenever .backward()
    # is called. Checkout docs of torch.autograd.backward for more details.
    optimizer.zero_grad()

    # Backward pass: compute gradient of the loss with respect to model
    # parameters
    loss.backward()

    # Calling the step function on an Optimizer makes an update to its
    # parameters
    optimizer.step()



def r(v):
    return f"{round(v, 3) + 0.0:.3f}"  # the even coefficients end near zero: no "-0.000"


linear_layer = model[0]
print(f'Result: y = {r(linear_layer.bias.item())} + {r(linear_layer.weight[:, 0].item())} x + '
      f'{r(linear_layer.weight[:, 1].item())} x^2 + {r(linear_layer.weight[:, 2].item())} x^3')

state = optimizer.state[linear_layer.weight]
print(sorted(state.keys()), state['step'], state['square_avg'].shape)
print(optimizer.state_dict()['param_groups'])
print(list(optimizer.state_dict()['state'].keys()))
