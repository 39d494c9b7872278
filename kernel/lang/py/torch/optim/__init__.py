# torch.optim: optimizers and learning-rate schedulers, written in the language (see optimizer.py for the
# base class). The update rules reproduce PyTorch 1.13's single-tensor implementations op for op, so a
# seeded model trains to bitwise the same parameters.
from torch.optim.optimizer import Optimizer
from torch.optim.sgd import SGD
from torch.optim.adam import Adam
from torch.optim.adamw import AdamW
from torch.optim.adagrad import Adagrad
from torch.optim.rmsprop import RMSprop
from torch.optim.adadelta import Adadelta
from torch.optim import lr_scheduler

del optimizer
del sgd
del adam
del adamw
del adagrad
del rmsprop
del adadelta
