# nn.RNN: reprs, PyTorch's parameter names and shapes (weight_ih_l0, ..._reverse), the default
# uniform(-1/sqrt(hidden), 1/sqrt(hidden)) initialisation, outputs and h_n for tanh and relu, num_layers=2,
# bidirectional, batch_first, an initial state, unbatched input, dropout between layers (seeded, train
# vs eval), and the gradients reaching the input, h0 and the weights.
import torch
import torch.nn as nn

torch.manual_seed(0)

rnn = nn.RNN(4, 3)
print(rnn)
for name, p in rnn.named_parameters():
    print("  ", name, tuple(p.shape))
print(rnn.weight_ih_l0)
print(rnn.bias_hh_l0)
x = torch.randn(5, 2, 4)  # (seq_len, batch, input_size)
out, h_n = rnn(x)
print(out.shape, h_n.shape, type(out.grad_fn).__name__)
print(out[:, 0])
print(torch.equal(out[-1], h_n[0]))
# the recurrence by hand: h_t = tanh(x_t W_ih^T + b_ih + h_(t-1) W_hh^T + b_hh)
h = torch.zeros(2, 3)
for t in range(5):
    h = torch.tanh(x[t] @ rnn.weight_ih_l0.t() + rnn.bias_ih_l0 + h @ rnn.weight_hh_l0.t() + rnn.bias_hh_l0)
print(torch.allclose(h, h_n[0], atol=1e-6))

relu = nn.RNN(4, 3, nonlinearity='relu', bias=False)
print(relu, [n for n, _ in relu.named_parameters()])
out, h_n = relu(x)
print(out[-1], bool((out >= 0).all()))

deep = nn.RNN(input_size=4, hidden_size=3, num_layers=2, bidirectional=True, batch_first=True)
print(deep)
print([(n, tuple(p.shape)) for n, p in deep.named_parameters()])
xb = torch.randn(2, 5, 4)  # (batch, seq_len, input_size)
h0 = torch.randn(4, 2, 3)  # (num_layers * num_directions, batch, hidden_size)
out, h_n = deep(xb, h0)
print(out.shape, h_n.shape)
print(out[0, 0], out[0, -1])
print(h_n[:, 0])
# the forward direction of the last layer ends at the last step, the reverse one at the first
print(torch.equal(out[:, -1, :3], h_n[2]), torch.equal(out[:, 0, 3:], h_n[3]))

# unbatched input: (seq_len, input_size) and h0 of (num_layers, hidden_size)
out, h_n = rnn(x[:, 0])
print(out.shape, h_n.shape, torch.allclose(out, rnn(x)[0][:, 0]))

# dropout on the outputs of each layer except the last, only in training mode
drop = nn.RNN(4, 3, num_layers=2, dropout=0.5)
print(drop)
torch.manual_seed(5)
a, _ = drop(x)
torch.manual_seed(5)
b, _ = drop(x)
c, _ = drop(x)
print(torch.equal(a, b), torch.equal(a, c))
drop.eval()
e1, _ = drop(x)
e2, _ = drop(x)
print(torch.equal(e1, e2), a[-1, 0], e1[-1, 0])

# gradients
xg = x.clone().requires_grad_()
hg = torch.zeros(1, 2, 3, requires_grad=True)
out, h_n = rnn(xg, hg)
(out.sum() + h_n.pow(2).sum()).backward()
print(xg.grad[0])
print(hg.grad)
print(rnn.weight_hh_l0.grad)
print(rnn.bias_ih_l0.grad, torch.allclose(rnn.bias_ih_l0.grad, rnn.bias_hh_l0.grad))

# a float64 RNN
r64 = nn.RNN(2, 2).double()
print(r64.weight_ih_l0.dtype, r64(torch.randn(3, 1, 2, dtype=torch.float64))[0].dtype)
print(nn.RNN(2, 2, 3, False, True, 0.0, True))
