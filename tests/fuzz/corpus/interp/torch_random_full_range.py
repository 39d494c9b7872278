# Tensor.random_() without bounds draws from PyTorch's full per-dtype range (uniform_int_distribution):
# the seed RandomSampler takes for DataLoader(shuffle=True) comes from this.
import torch
torch.manual_seed(0)
for dt in (torch.int64, torch.float64, torch.float32, torch.int32, torch.uint8, torch.bool):
    print(torch.empty(6, dtype=dt).random_())
print(int(torch.empty((), dtype=torch.int64).random_().item()))
