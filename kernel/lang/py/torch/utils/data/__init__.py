# torch.utils.data: datasets, samplers and the DataLoader, as PyTorch 1.13 has them (single-process:
# num_workers is accepted and the batches are the same; they are just made in the calling thread).
from torch.utils.data.dataset import Dataset, IterableDataset, TensorDataset, ConcatDataset, Subset, random_split
from torch.utils.data.sampler import (Sampler, SequentialSampler, RandomSampler, SubsetRandomSampler,
                                      WeightedRandomSampler, BatchSampler)
from torch.utils.data.dataloader import DataLoader, default_collate, get_worker_info
