# Joining and splitting: torch.cat (dims, negative dim, empty pieces), torch.stack (new dim), split by size
# or by list of sizes, chunk, and that split/chunk return views.
import torch
a = torch.arange(6).view(2, 3)
b = torch.arange(6, 12).view(2, 3)
print(torch.cat([a, b]), torch.cat([a, b], dim=1), torch.cat((a, b), -1).shape, torch.cat([a, b, a], 0).shape)
print(torch.cat([a, torch.zeros(0, 3, dtype=torch.int64)]), torch.cat([torch.tensor([1.0]), torch.tensor([2.0, 3.0])]))
print(torch.cat([a[:, :1], b[:, 1:]], dim=1), torch.cat([a.float(), b.float() / 2]))
print(torch.stack([a, b]), torch.stack([a, b]).shape, torch.stack([a, b], dim=1).shape, torch.stack([a, b], dim=2).shape)
print(torch.stack([a, b], dim=-1), torch.stack([torch.tensor(1), torch.tensor(2)]), torch.stack((a[0], b[0])))
v = torch.arange(10)
print(v.split(3), torch.split(v, 4), v.split([2, 3, 5]), len(v.split(2)))
print(v.chunk(3), torch.chunk(v, 4), v.chunk(5), len(v.chunk(6)), len(torch.arange(5).chunk(3)))
m = torch.arange(12).view(3, 4)
print(m.split(2, dim=1), m.chunk(2), m.split([1, 2]), torch.split(m, 3, dim=1))
top, bottom = m.split([1, 2])
print(top, bottom)
first, second = m.chunk(2, dim=1)
first[0, 0] = -100
print(m[0], "<- chunk returns views")
parts = [torch.full((2,), float(i)) for i in range(3)]
print(torch.cat(parts), torch.stack(parts), torch.stack(parts, 1))
batches = [torch.tensor([i, i * i]) for i in range(4)]
print(torch.stack(batches).sum(0), torch.cat(batches).view(4, 2).equal(torch.stack(batches)))
x = torch.ones(2, 2)
y = torch.zeros(2, 2)
print(torch.cat([x, y], 0), torch.cat([x, y], 1), torch.stack([x, y]).mean(0))
print(torch.cat([torch.tensor([True]), torch.tensor([False, True])]), torch.cat([torch.tensor([1.0]), torch.tensor([2.0], dtype=torch.float64)]).dtype)
seq = torch.arange(8).view(2, 4)
print([t.tolist() for t in seq.split(1, dim=1)], [t.shape for t in seq.chunk(3, dim=1)])
print(torch.cat([seq[:, i:i + 1] * 2 for i in range(4)], 1))
print(torch.stack([torch.arange(3), torch.arange(3) * 10], dim=0).t())
print(torch.cat([torch.tensor([1, 2]), torch.tensor([3])]), torch.stack([torch.tensor([1, 2]), torch.tensor([3, 4])], 1))
