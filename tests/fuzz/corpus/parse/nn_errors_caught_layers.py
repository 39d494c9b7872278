# Errors learners hit in layers, caught and printed as `type(e).__name__, e`: a Conv2d given the wrong
# number of channels or a 2-D input, a Linear given the wrong feature size or dtype, pooling windows larger
# than the input, BatchNorm with one value per channel, Embedding indices out of range or of a float type,
# RNN inputs and initial states of the wrong size, and invalid constructor arguments. (Conv2d's error for an
# unknown padding string prints a set of strings, whose order varies from run to run: left out.)
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
conv = nn.Conv2d(3, 6, 5)
lin = nn.Linear(4, 2)
lstm = nn.LSTM(28, 16, batch_first=True)
gru = nn.GRU(4, 3, num_layers=2)

cases = [
    ("conv channels", lambda: conv(torch.randn(1, 1, 32, 32))),
    ("conv 2-D input", lambda: conv(torch.randn(3, 4))),
    ("conv too small", lambda: conv(torch.randn(1, 3, 4, 4))),
    ("conv groups", lambda: nn.Conv2d(3, 6, 3, groups=2)),
    ("conv out groups", lambda: nn.Conv2d(4, 6, 3, groups=4)),
    ("conv same stride", lambda: nn.Conv2d(3, 3, 3, stride=2, padding='same')),
    ("F.conv2d weight", lambda: F.conv2d(torch.randn(1, 3, 8, 8), torch.randn(6, 3, 3))),
    ("linear shapes", lambda: lin(torch.randn(3, 5))),
    ("linear 1-D", lambda: lin(torch.randn(5))),
    ("linear double", lambda: lin(torch.randn(3, 4, dtype=torch.float64))),
    ("linear long", lambda: lin(torch.arange(8).view(2, 4))),
    ("maxpool small", lambda: F.max_pool2d(torch.randn(1, 1, 2, 2), 3)),
    ("maxpool padding", lambda: nn.MaxPool2d(2, padding=2)(torch.randn(1, 1, 8, 8))),
    ("avgpool small", lambda: nn.AvgPool2d(5)(torch.randn(1, 1, 3, 3))),
    ("batchnorm one", lambda: nn.BatchNorm1d(3)(torch.randn(1, 3))),
    ("batchnorm features", lambda: nn.BatchNorm1d(3)(torch.randn(4, 5))),
    ("batchnorm2d 2-D", lambda: nn.BatchNorm2d(3)(torch.randn(4, 3))),
    ("embedding range", lambda: nn.Embedding(5, 2)(torch.tensor([1, 5]))),
    ("embedding negative", lambda: nn.Embedding(5, 2)(torch.tensor([-1]))),
    ("embedding float", lambda: nn.Embedding(5, 2)(torch.tensor([1.0, 2.0]))),
    ("embedding padding", lambda: nn.Embedding(5, 2, padding_idx=5)),
    ("lstm input size", lambda: lstm(torch.randn(2, 28, 10))),
    ("lstm h0 shape", lambda: lstm(torch.randn(2, 5, 28), (torch.zeros(1, 3, 16), torch.zeros(1, 3, 16)))),
    ("gru h0 layers", lambda: gru(torch.randn(5, 2, 4), torch.zeros(1, 2, 3))),
    ("rnn nonlinearity", lambda: nn.RNN(3, 3, nonlinearity='sigmoid')),
    ("rnn cell input", lambda: nn.RNNCell(3, 2)(torch.randn(4, 5))),
    ("lstm cell hidden", lambda: nn.LSTMCell(3, 2)(torch.randn(4, 3), (torch.zeros(4, 3), torch.zeros(4, 3)))),
    ("dropout p", lambda: nn.Dropout(1.5)),
    ("F.dropout p", lambda: F.dropout(torch.ones(2), -0.1)),
    ("flatten dims", lambda: nn.Flatten(2, 1)(torch.randn(2, 3, 4))),
    ("softmax dim", lambda: nn.Softmax(dim=2)(torch.randn(2, 3))),
    ("one_hot negative", lambda: F.one_hot(torch.tensor([0, -1]))),
    ("one_hot classes", lambda: F.one_hot(torch.tensor([0, 3]), num_classes=3)),
    ("one_hot float", lambda: F.one_hot(torch.tensor([0.0, 1.0]))),
    ("pad odd", lambda: F.pad(torch.ones(2, 2), (1, 1, 1))),
    ("pad too long", lambda: F.pad(torch.ones(2), (1, 1, 1, 1))),
    ("adaptive pool size", lambda: nn.AdaptiveAvgPool2d((1, 2, 3))(torch.randn(1, 1, 4, 4))),
]
for name, fn in cases:
    try:
        out = fn()
        print("%-20s no error: %s" % (name, type(out).__name__))
    except Exception as e:
        print("%-20s %s: %s" % (name, type(e).__name__, e))
