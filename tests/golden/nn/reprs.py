# The repr of every layer and loss, with default and non-default options (what print(model) shows for
# each), and of a model nesting Sequential, ModuleList and a user module with extra_repr.
import torch
import torch.nn as nn

torch.manual_seed(0)

modules = [
    nn.Linear(3, 4), nn.Linear(3, 4, bias=False), nn.Identity(), nn.Flatten(), nn.Flatten(0, 2),
    nn.Conv2d(1, 2, 3), nn.Conv2d(2, 4, (3, 5), stride=(2, 1), padding=(1, 2), dilation=(1, 2), groups=2, bias=False),
    nn.Conv2d(3, 3, 3, padding='same', padding_mode='zeros'), nn.Conv2d(3, 3, 1, padding='valid'),
    nn.MaxPool2d(2), nn.MaxPool2d((3, 2), stride=1, padding=1, dilation=2, return_indices=True, ceil_mode=True),
    nn.AvgPool2d(2), nn.AvgPool2d(3, 2, 1, ceil_mode=True, count_include_pad=False, divisor_override=4),
    nn.AdaptiveAvgPool2d(1), nn.AdaptiveAvgPool2d((2, None)),
    nn.ReLU(), nn.ReLU(True), nn.LeakyReLU(), nn.LeakyReLU(0.2, inplace=True), nn.Sigmoid(), nn.Tanh(),
    nn.Softmax(dim=1), nn.Softmax(dim=-1), nn.LogSoftmax(dim=1), nn.LogSoftmax(0),
    nn.Dropout(), nn.Dropout(0.1, inplace=True),
    nn.BatchNorm1d(4), nn.BatchNorm2d(3, eps=1e-3, momentum=0.01), nn.BatchNorm2d(3, affine=False, track_running_stats=False),
    nn.BatchNorm1d(2, momentum=None),
    nn.Embedding(10, 4), nn.Embedding(10, 4, padding_idx=2, max_norm=2.0, norm_type=1.0, scale_grad_by_freq=True),
    nn.RNN(4, 8), nn.RNN(4, 8, 2, nonlinearity='relu', bias=False, batch_first=True, dropout=0.1, bidirectional=True),
    nn.LSTM(4, 8), nn.LSTM(4, 8, num_layers=3, dropout=0.5, proj_size=2), nn.GRU(4, 8, batch_first=True),
    nn.RNNCell(4, 8), nn.RNNCell(4, 8, bias=False, nonlinearity='relu'), nn.LSTMCell(4, 8), nn.GRUCell(4, 8, bias=False),
    nn.MSELoss(), nn.MSELoss(reduction='sum'), nn.L1Loss(reduction='none'),
    nn.CrossEntropyLoss(), nn.CrossEntropyLoss(weight=torch.ones(3), ignore_index=1, reduction='sum', label_smoothing=0.1),
    nn.NLLLoss(), nn.NLLLoss(weight=torch.ones(3)), nn.BCELoss(), nn.BCELoss(weight=torch.ones(2)),
    nn.BCEWithLogitsLoss(), nn.BCEWithLogitsLoss(pos_weight=torch.ones(2), reduction='none'),
]
for m in modules:
    print(m)
print(nn.ModuleList(), nn.Sequential(), nn.Module())


class Scale(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def extra_repr(self):
        return 'factor={}'.format(self.factor)

    def forward(self, x):
        return x * self.factor


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(inplace=True), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(inplace=True),
            nn.AdaptiveAvgPool2d((1, 1)),
        )
        self.heads = nn.ModuleList([nn.Linear(32, 10), nn.Sequential(nn.Dropout(0.2), nn.Linear(32, 1))])
        self.rnn = nn.LSTM(32, 16, batch_first=True)
        self.scale = Scale(0.5)
        self.loss = nn.CrossEntropyLoss()


print(Encoder())
print(Scale(2), repr(Scale(3)) == str(Scale(3)))
print(repr(nn.Linear(2, 2)), str(nn.ReLU()), f"{nn.Tanh()}", [nn.Sigmoid(), nn.Identity()])
print(nn.Linear(2, 2).extra_repr(), "|", nn.ReLU().extra_repr(), "|", nn.Conv2d(1, 1, 1).extra_repr())
print(nn.Linear(2, 2)._get_name(), Encoder()._get_name())
