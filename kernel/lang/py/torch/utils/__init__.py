# torch.utils: data loading lives in torch.utils.data (imported with the package, as in PyTorch).
import torch.utils.data
