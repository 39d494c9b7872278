# nn.DataParallel on a machine without a GPU: wraps the module (repr, "module." state_dict keys) and calls it directly.
import torch
import torch.nn as nn
torch.manual_seed(0)
m = nn.DataParallel(nn.Linear(2, 1))
print(m)
print(m(torch.ones(3, 2)))
print(list(m.state_dict().keys()), m.device_ids)
print(isinstance(m, nn.Module), type(m.module).__name__)
