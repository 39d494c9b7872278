# torch.autograd.gradcheck (float64 finite differences against the analytic gradients) through every
# layer family: Linear, Conv2d (stride, padding, dilation, groups), pooling (max with and without
# ceil_mode, avg with count_include_pad off, adaptive), activations, softmax/log_softmax, BatchNorm in
# training and eval mode, Embedding (with respect to the weight), Flatten, F.pad, dropout (mask fixed
# by reseeding), RNN/LSTM/GRU (input and initial states; 2-layer bidirectional LSTM, bidirectional
# batch_first GRU, an unbatched relu RNN without bias), the in-place ReLU/LeakyReLU and the three
# cells. Each check prints True,
# except the one through Embedding's padding_idx row, which by design gets no gradient.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.autograd import gradcheck

torch.manual_seed(0)
dt = torch.float64


def rand(*shape):
    return torch.randn(*shape, dtype=dt, requires_grad=True)


lin = nn.Linear(4, 3).double()
conv = nn.Conv2d(4, 6, 3, stride=2, padding=1, dilation=1, groups=2).double()
bn1 = nn.BatchNorm1d(3).double()
bn2 = nn.BatchNorm2d(2).double()
bn_eval = nn.BatchNorm1d(3).double()
bn_eval.running_mean.fill_(0.5)
bn_eval.eval()
emb_idx = torch.tensor([[0, 2, 2], [3, 1, 0]])
rnn = nn.RNN(3, 2, num_layers=2, bidirectional=True).double()
lstm = nn.LSTM(3, 2, batch_first=True).double()
gru = nn.GRU(3, 2, num_layers=2).double()
rnn_cell = nn.RNNCell(3, 2).double()
lstm_cell = nn.LSTMCell(3, 2).double()
gru_cell = nn.GRUCell(3, 2).double()

x2 = rand(2, 4)
x4 = rand(2, 4, 5, 5)
img = rand(1, 2, 5, 6)
# distinct values well apart, so max pooling has no ties within eps
pool_in = (torch.randperm(60, dtype=dt).view(1, 2, 5, 6) / 10).requires_grad_()
w = rand(6, 2, 3, 3)
b = rand(6)
seq = rand(4, 2, 3)
h0 = rand(4, 2, 2)


def dropout_fixed(x):
    torch.manual_seed(7)
    return F.dropout(x, 0.4, training=True)


checks = [
    ("Linear", lambda x: lin(x), (x2,)),
    ("F.linear", lambda x, w, b: F.linear(x, w, b), (x2, rand(3, 4), rand(3))),
    ("Conv2d", lambda x: conv(x), (x4,)),
    ("F.conv2d w,b", lambda x, w, b: F.conv2d(x, w, b, stride=(1, 2), padding=(2, 1), dilation=2, groups=2), (x4, w, b)),
    ("MaxPool2d", lambda x: nn.MaxPool2d(2)(x), (pool_in,)),
    ("MaxPool2d ceil", lambda x: F.max_pool2d(x, 3, stride=2, padding=1, ceil_mode=True), (pool_in,)),
    ("AvgPool2d", lambda x: F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=False), (img,)),
    ("AdaptiveAvgPool", lambda x: nn.AdaptiveAvgPool2d((3, 4))(x), (img,)),
    ("ReLU/LeakyReLU", lambda x: nn.ReLU()(x) + nn.LeakyReLU(0.2)(x * 2), (x2,)),
    ("Sigmoid/Tanh", lambda x: nn.Sigmoid()(x) * nn.Tanh()(x), (x2,)),
    ("Softmax", lambda x: nn.Softmax(dim=1)(x), (x2,)),
    ("LogSoftmax", lambda x: nn.LogSoftmax(dim=0)(x), (x2,)),
    ("BatchNorm1d", lambda x: bn1(x), (rand(5, 3),)),
    ("BatchNorm2d", lambda x: bn2(x), (rand(3, 2, 2, 2),)),
    ("F.batch_norm w,b", lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True), (rand(4, 3), rand(3), rand(3))),
    ("BatchNorm eval", lambda x: bn_eval(x), (rand(4, 3),)),
    ("Embedding", lambda w: F.embedding(emb_idx, w), (rand(4, 2),)),
    ("Flatten", lambda x: nn.Flatten()(x), (img,)),
    ("F.pad", lambda x: F.pad(x, (1, 2, 0, 1), value=0.5), (img,)),
    ("Dropout", dropout_fixed, (x2,)),
    ("RNN", lambda x, h: rnn(x, h)[0], (seq, h0)),
    ("RNN h_n", lambda x, h: rnn(x, h)[1], (seq, h0)),
    ("LSTM", lambda x, h, c: lstm(x, (h, c))[0], (rand(2, 4, 3), rand(1, 2, 2), rand(1, 2, 2))),
    ("LSTM c_n", lambda x: lstm(x)[1][1], (rand(2, 4, 3),)),
    ("GRU", lambda x, h: gru(x, h)[0], (seq, rand(2, 2, 2))),
    ("RNNCell", lambda x, h: rnn_cell(x, h), (rand(2, 3), rand(2, 2))),
    ("LSTMCell", lambda x, h, c: torch.cat(lstm_cell(x, (h, c)), 1), (rand(2, 3), rand(2, 2), rand(2, 2))),
    ("GRUCell", lambda x, h: gru_cell(x, h), (rand(2, 3), rand(2, 2))),
]
# deeper recurrent stacks and the in-place activation (modules made here, after the inputs above)
lstm2 = nn.LSTM(3, 2, num_layers=2, bidirectional=True).double()
gru2 = nn.GRU(3, 2, bidirectional=True, batch_first=True).double()
rnn_relu = nn.RNN(3, 2, nonlinearity='relu', bias=False).double()
checks += [
    ("LSTM 2L bidir", lambda x: lstm2(x)[0], (rand(3, 2, 3),)),
    ("LSTM 2L bidir h,c", lambda x, h, c: torch.cat(lstm2(x, (h, c))[1], 2), (rand(3, 2, 3), rand(4, 2, 2), rand(4, 2, 2))),
    ("GRU bidir h_n", lambda x, h: gru2(x, h)[1], (rand(2, 3, 3), rand(2, 2, 2))),
    ("RNN relu no bias", lambda x: rnn_relu(x)[0], (rand(4, 3) + 0.5,)),
    ("LeakyReLU inplace", lambda x: nn.LeakyReLU(0.1, inplace=True)(x * 1.0), (x2,)),
    ("ReLU inplace", lambda x: F.relu(x * 1.0, inplace=True), (x2,)),
]
for name, fn, inputs in checks:
    print(f"{name:17s}", gradcheck(fn, inputs))

# with respect to the parameters of a module: pass them as the inputs


def linear_params(weight, bias):
    return F.linear(x2, weight, bias).tanh()


print(f"{'Linear params':17s}", gradcheck(linear_params, (lin.weight, lin.bias)))
print(f"{'Conv2d params':17s}", gradcheck(lambda w, b: F.conv2d(x4, w, b, padding=1, groups=2), (conv.weight, conv.bias)))
print(f"{'BatchNorm params':17s}", gradcheck(lambda w, b: F.batch_norm(x2, None, None, w, b, True), (rand(4), rand(4))))

# padding_idx deliberately gives its row no gradient, so the check fails there
print(f"{'Embedding pad':17s}", gradcheck(lambda w: F.embedding(emb_idx, w, padding_idx=0), (rand(4, 2),),
                                         raise_exception=False))
print(x2.grad, lin.weight.grad)
