# nn.LSTM and nn.GRU: reprs, parameter names and shapes (4 and 3 gates stacked in weight_ih/weight_hh),
# the default initialisation, outputs, (h_n, c_n), explicit initial states, num_layers=2, bidirectional,
# batch_first, dropout (seeded, train vs eval), proj_size for LSTM, unbatched input, the LSTM cell
# equations checked by hand (gate order i, f, g, o; GRU r, z, n), and gradients.
import torch
import torch.nn as nn

torch.manual_seed(0)

lstm = nn.LSTM(3, 2)
print(lstm)
print([(n, tuple(p.shape)) for n, p in lstm.named_parameters()])
print(lstm.weight_ih_l0)
x = torch.randn(4, 2, 3)
out, (h_n, c_n) = lstm(x)
print(out.shape, h_n.shape, c_n.shape)
print(out)
print(c_n)

# one step by hand
W_ih, W_hh, b = lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0 + lstm.bias_hh_l0
h = torch.zeros(2, 2)
c = torch.zeros(2, 2)
for t in range(4):
    gates = x[t] @ W_ih.t() + h @ W_hh.t() + b
    i, f, g, o = gates.chunk(4, 1)
    c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    h = torch.sigmoid(o) * torch.tanh(c)
print(torch.allclose(h, h_n[0], atol=1e-6), torch.allclose(c, c_n[0], atol=1e-6))

deep = nn.LSTM(3, 4, num_layers=2, bidirectional=True, batch_first=True, dropout=0.25)
print(deep)
print([n for n, _ in deep.named_parameters()])
xb = torch.randn(2, 6, 3)
h0 = torch.randn(4, 2, 4)
c0 = torch.randn(4, 2, 4)
torch.manual_seed(1)
out, (h_n, c_n) = deep(xb, (h0, c0))
print(out.shape, h_n.shape, c_n.shape, type(out.grad_fn).__name__)
print(out[1, 2])
deep.eval()
out_e, (h_e, c_e) = deep(xb, (h0, c0))
print(out_e[1, 2], torch.equal(out_e, deep(xb, (h0, c0))[0]))
print(h_e[:, 1])

proj = nn.LSTM(3, 5, proj_size=2)
print(proj, [(n, tuple(p.shape)) for n, p in proj.named_parameters()])
o, (hp, cp) = proj(x)
print(o.shape, hp.shape, cp.shape)

gru = nn.GRU(3, 2)
print(gru, [(n, tuple(p.shape)) for n, p in gru.named_parameters()])
out, h_n = gru(x)
print(out[-1], h_n.shape)
# the GRU equations: r, z, n = gate chunks; h' = (1 - z) * n + z * h
h = torch.zeros(2, 2)
for t in range(4):
    gi = x[t] @ gru.weight_ih_l0.t() + gru.bias_ih_l0
    gh = h @ gru.weight_hh_l0.t() + gru.bias_hh_l0
    i_r, i_z, i_n = gi.chunk(3, 1)
    h_r, h_z, h_n_ = gh.chunk(3, 1)
    r = torch.sigmoid(i_r + h_r)
    z = torch.sigmoid(i_z + h_z)
    n = torch.tanh(i_n + r * h_n_)
    h = (1 - z) * n + z * h
print(torch.allclose(h, h_n[0], atol=1e-6))

gru2 = nn.GRU(input_size=3, hidden_size=4, num_layers=2, batch_first=True, bidirectional=True)
print(gru2)
out, h_n = gru2(xb, torch.zeros(4, 2, 4))
print(out.shape, h_n.shape, out[0, -1])
print(nn.GRU(3, 4, 2, dropout=0.5), nn.LSTM(3, 4, bias=False))

# unbatched inputs
o, (h1, c1) = lstm(x[:, 0])
print(o.shape, h1.shape, c1.shape, torch.allclose(o, lstm(x)[0][:, 0], atol=1e-6))
o, h1 = gru(x[:, 1], torch.zeros(1, 2))
print(o.shape, h1.shape)

# gradients through the LSTM
xg = x.clone().requires_grad_()
h0 = torch.zeros(1, 2, 2, requires_grad=True)
c0 = torch.zeros(1, 2, 2, requires_grad=True)
out, (h_n, c_n) = lstm(xg, (h0, c0))
(out.sum() + c_n.sum()).backward()
print(xg.grad[-1])
print(h0.grad, c0.grad)
print(lstm.weight_hh_l0.grad.shape, lstm.bias_ih_l0.grad)
out, h_n = gru(xg)
lstm.zero_grad()
xg.grad = None
h_n.sum().backward()
print(xg.grad[0], gru.weight_ih_l0.grad.shape)
