# nn.RNNCell, nn.LSTMCell and nn.GRUCell stepped over a sequence in a Python loop, as the docs do it:
# reprs, parameter names and shapes, default initialisation, the state defaulting to zeros, unbatched
# input, nonlinearity='relu', bias=False, agreement with the full-sequence modules given the same weights,
# and gradients back through time.
import torch
import torch.nn as nn

torch.manual_seed(0)

rnn = nn.RNNCell(10, 20)
print(rnn, [(n, tuple(p.shape)) for n, p in rnn.named_parameters()])
input = torch.randn(6, 3, 10)
hx = torch.randn(3, 20)
output = []
for i in range(6):
    hx = rnn(input[i], hx)
    output.append(hx)
print(len(output), output[0].shape, type(hx.grad_fn).__name__)
print(hx[0, :6])

cell = nn.RNNCell(3, 2, nonlinearity='relu', bias=False)
print(cell, [n for n, _ in cell.named_parameters()])
x = torch.randn(4, 2, 3)
h = cell(x[0])
print(h, cell(x[0][0]).shape)

lstm = nn.LSTMCell(3, 2)
print(lstm, [(n, tuple(p.shape)) for n, p in lstm.named_parameters()])
print(lstm.bias_hh)
hx = torch.zeros(2, 2)
cx = torch.zeros(2, 2)
outs = []
for t in range(4):
    hx, cx = lstm(x[t], (hx, cx))
    outs.append(hx)
print(torch.stack(outs, 0).shape, hx, cx)
print(type(hx.grad_fn).__name__, type(cx.grad_fn).__name__)
h1, c1 = lstm(x[0])
h2, c2 = lstm(x[0], (torch.zeros(2, 2), torch.zeros(2, 2)))
print(torch.equal(h1, h2), torch.equal(c1, c2))
hu, cu = lstm(x[0][1])
print(hu.shape, cu.shape, torch.allclose(hu, h1[1]))

# the cell and the full LSTM compute the same with copied weights
full = nn.LSTM(3, 2)
with torch.no_grad():
    full.weight_ih_l0.copy_(lstm.weight_ih)
    full.weight_hh_l0.copy_(lstm.weight_hh)
    full.bias_ih_l0.copy_(lstm.bias_ih)
    full.bias_hh_l0.copy_(lstm.bias_hh)
out, (h_n, c_n) = full(x)
print(torch.allclose(out, torch.stack(outs), atol=1e-6), torch.allclose(c_n[0], cx, atol=1e-6))

gru = nn.GRUCell(3, 2)
print(gru, [(n, tuple(p.shape)) for n, p in gru.named_parameters()])
h = torch.zeros(2, 2)
for t in range(4):
    h = gru(x[t], h)
print(h, type(h.grad_fn).__name__)
full = nn.GRU(3, 2)
full.load_state_dict({k + "_l0": v for k, v in gru.state_dict().items()})
print(torch.allclose(full(x)[1][0], h, atol=1e-6))
print(nn.GRUCell(3, 2, bias=False), nn.LSTMCell(4, 4, bias=False), nn.RNNCell(2, 2, nonlinearity='tanh'))

# backpropagation through time with a cell
xg = x.clone().requires_grad_()
hx = torch.zeros(2, 2, requires_grad=True)
cx = torch.zeros(2, 2)
h, c = hx, cx
for t in range(4):
    h, c = lstm(xg[t], (h, c))
loss = h.pow(2).sum() + c.sum()
loss.backward()
print(xg.grad[0])
print(hx.grad)
print(lstm.weight_ih.grad)
print(lstm.bias_ih.grad, torch.allclose(lstm.bias_ih.grad, lstm.bias_hh.grad))
