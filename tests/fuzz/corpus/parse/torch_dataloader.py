# torch.utils.data: Dataset subclasses, TensorDataset, DataLoader batching/collation (tensors, numbers,
# tuples, dicts), shuffle orders after torch.manual_seed (base seed drawn before the sampler's seed),
# drop_last, samplers, random_split (lengths and fractions), Subset/ConcatDataset, IterableDataset, errors.
import torch
from torch.utils.data import (Dataset, IterableDataset, TensorDataset, DataLoader, random_split, Subset,
                              ConcatDataset, SequentialSampler, RandomSampler, BatchSampler, SubsetRandomSampler)


class Squares(Dataset):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return torch.tensor([float(i)]), i * i


torch.manual_seed(0)
dl = DataLoader(Squares(10), batch_size=4, shuffle=True)
print(len(dl))
for x, y in dl:
    print(x.view(-1).tolist(), y)
for x, y in dl:
    print(x.shape, y.tolist())
print([b[1].tolist() for b in DataLoader(Squares(10), batch_size=4, drop_last=True)])

X = torch.arange(12.0).view(6, 2)
Y = torch.tensor([0, 1, 0, 1, 1, 0])
ds = TensorDataset(X, Y)
print(len(ds), ds[2])
torch.manual_seed(1)
for xb, yb in DataLoader(ds, batch_size=4, shuffle=True):
    print(xb, yb)
try:
    TensorDataset(X, torch.zeros(5))
except AssertionError as e:
    print("AssertionError:", e)

print(DataLoader([1.5, 2.5, 3.5], batch_size=2).__iter__().__next__())
print(next(iter(DataLoader([{"a": 1, "b": torch.ones(2)}, {"a": 2, "b": torch.zeros(2)}], batch_size=2))))
print(next(iter(DataLoader([(1, "x"), (2, "y")], batch_size=2))))
print(next(iter(DataLoader([torch.ones(2), torch.zeros(2)], batch_size=None))))
print(list(DataLoader(range(5), batch_size=2, collate_fn=lambda b: sum(b))))

torch.manual_seed(2)
a, b = random_split(range(10), [7, 3])
print(list(a), list(b), len(a), type(a).__name__)
torch.manual_seed(2)
parts = random_split(range(11), [0.5, 0.3, 0.2])
print([list(p) for p in parts])
g = torch.Generator().manual_seed(42)
print([list(p) for p in random_split(range(6), [3, 3], generator=g)])
try:
    random_split(range(5), [2, 2])
except ValueError as e:
    print("ValueError:", e)

cat = ConcatDataset([Squares(2), Squares(3)])
print(len(cat), [cat[i][1] for i in range(len(cat))], cat[-1][1])
print(Subset(Squares(10), [9, 3])[1])

print(list(SequentialSampler(range(4))), list(BatchSampler(range(7), 3, False)), list(BatchSampler(range(7), 3, True)))
torch.manual_seed(3)
print(list(RandomSampler(range(6))), list(RandomSampler(range(4), replacement=True, num_samples=6)))
torch.manual_seed(3)
print(list(SubsetRandomSampler([10, 20, 30, 40])))
g = torch.Generator().manual_seed(7)
print(list(DataLoader(range(8), batch_size=3, shuffle=True, generator=g)))


class Count(IterableDataset):
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return iter(range(self.n))


print(list(DataLoader(Count(7), batch_size=3)), list(DataLoader(Count(7), batch_size=3, drop_last=True)))
for opts in ({"shuffle": True, "sampler": SequentialSampler(range(3))}, {"batch_sampler": BatchSampler(range(3), 2, False), "batch_size": 2}):
    try:
        DataLoader(range(3), **opts)
    except ValueError as e:
        print("ValueError:", e)
try:
    next(iter(DataLoader([object(), object()], batch_size=2)))
except TypeError as e:
    print("TypeError:", str(e).split(";")[0])
