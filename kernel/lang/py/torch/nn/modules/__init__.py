# torch.nn.modules: every layer class, gathered for `from torch.nn.modules import *`.
from torch.nn.modules.module import Module
from torch.nn.modules.linear import Identity, Linear, Bilinear
from torch.nn.modules.conv import Conv1d, Conv2d
from torch.nn.modules.activation import Threshold, ReLU, Hardtanh, ReLU6, Sigmoid, Tanh, Softmax, Softmax2d, \
    LogSoftmax, ELU, SELU, CELU, GELU, Hardshrink, LeakyReLU, LogSigmoid, Softplus, Softshrink, PReLU, Softsign, \
    Softmin, Tanhshrink, RReLU, GLU, Hardsigmoid, Hardswish, SiLU, Mish
from torch.nn.modules.loss import L1Loss, NLLLoss, KLDivLoss, MSELoss, BCELoss, BCEWithLogitsLoss, \
    HingeEmbeddingLoss, MarginRankingLoss, SmoothL1Loss, HuberLoss, SoftMarginLoss, CrossEntropyLoss, PoissonNLLLoss
from torch.nn.modules.container import Container, Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict
from torch.nn.modules.pooling import AvgPool1d, AvgPool2d, MaxPool1d, MaxPool2d, AdaptiveMaxPool2d, \
    AdaptiveAvgPool1d, AdaptiveAvgPool2d
from torch.nn.modules.batchnorm import BatchNorm1d, BatchNorm2d, BatchNorm3d
from torch.nn.modules.normalization import LayerNorm, GroupNorm
from torch.nn.modules.dropout import Dropout, Dropout1d, Dropout2d, Dropout3d
from torch.nn.modules.sparse import Embedding
from torch.nn.modules.rnn import RNNBase, RNN, LSTM, GRU, RNNCellBase, RNNCell, LSTMCell, GRUCell
from torch.nn.modules.flatten import Flatten, Unflatten
from torch.nn.modules.padding import ConstantPad1d, ConstantPad2d, ConstantPad3d, ZeroPad2d, ReflectionPad1d, \
    ReflectionPad2d, ReplicationPad1d, ReplicationPad2d
from torch.nn.modules.distance import PairwiseDistance, CosineSimilarity

__all__ = [
    'Module', 'Identity', 'Linear', 'Bilinear', 'Conv1d', 'Conv2d', 'Threshold', 'ReLU', 'Hardtanh', 'ReLU6',
    'Sigmoid', 'Tanh', 'Softmax', 'Softmax2d', 'LogSoftmax', 'ELU', 'SELU', 'CELU', 'GELU', 'Hardshrink',
    'LeakyReLU', 'LogSigmoid', 'Softplus', 'Softshrink', 'PReLU', 'Softsign', 'Softmin', 'Tanhshrink', 'RReLU',
    'GLU', 'Hardsigmoid', 'Hardswish', 'SiLU', 'Mish', 'L1Loss', 'NLLLoss', 'KLDivLoss', 'MSELoss', 'BCELoss',
    'BCEWithLogitsLoss', 'HingeEmbeddingLoss', 'MarginRankingLoss', 'SmoothL1Loss', 'HuberLoss', 'SoftMarginLoss',
    'CrossEntropyLoss', 'PoissonNLLLoss', 'Container', 'Sequential', 'ModuleList', 'ModuleDict', 'ParameterList',
    'ParameterDict', 'AvgPool1d', 'AvgPool2d', 'MaxPool1d', 'MaxPool2d', 'AdaptiveMaxPool2d', 'AdaptiveAvgPool1d',
    'AdaptiveAvgPool2d', 'BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d', 'LayerNorm', 'GroupNorm', 'Dropout',
    'Dropout1d', 'Dropout2d', 'Dropout3d', 'Embedding', 'RNNBase', 'RNN', 'LSTM', 'GRU', 'RNNCellBase', 'RNNCell',
    'LSTMCell', 'GRUCell', 'Flatten', 'Unflatten', 'ConstantPad1d', 'ConstantPad2d', 'ConstantPad3d', 'ZeroPad2d',
    'ReflectionPad1d', 'ReflectionPad2d', 'ReplicationPad1d', 'ReplicationPad2d', 'PairwiseDistance',
    'CosineSimilarity',
]
