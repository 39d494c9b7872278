# Advanced indexing: boolean masks (get and set), index tensors and lists (get and set), combined with
# slices, masks from comparisons, nonzero, and advanced-index results being copies.
import torch
x = torch.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])
mask = x > 0
print(mask, x[mask], x[x < 0], x[~mask].sum())
x2 = x.clone()
x2[x2 < 0] = 0
print(x2)
x3 = x.clone()
x3[mask] = torch.tensor([10.0, 20.0, 30.0])
print(x3)
x4 = x.clone()
x4[x4 > 0] *= 100
print(x4)
v = torch.arange(10) * 10
idx = torch.tensor([0, 2, 5])
print(v[idx], v[[1, 3]], v[torch.tensor([9, 0, 9])], v[torch.tensor([[0, 1], [2, 3]])])
v2 = v.clone()
v2[idx] = -1
v2[[7, 8]] = torch.tensor([70, 80]) * 2
print(v2)
m = torch.arange(12).view(3, 4)
print(m[[0, 2]], m[:, [1, 3]], m[[0, 1, 2], [3, 2, 1]], m[torch.tensor([2, 0])], m[1, [0, 3]])
print(m[m % 2 == 0], m[torch.tensor([True, False, True])], m[:, torch.tensor([False, True, True, False])])
print(m[[0, 2]][:, [0, 3]], m[1:, [0]], m[[2], 1:].shape)
m2 = m.clone()
m2[[0, 2], [1, 3]] = 0
m2[torch.tensor([True, False, False])] = -1
print(m2)
sel = m[[0, 1]]
sel[0, 0] = 1000
print(m[0, 0], "<- an advanced index returns a copy")
print(torch.nonzero(torch.tensor([0, 3, 0, 4])), torch.tensor([[0, 1], [1, 0]]).nonzero())
print(mask.sum(), mask.any(), mask.all(), mask.float().mean(), (x > 10).any())
b = torch.tensor([1, 2, 3, 4, 5])
print(b[b > 2], b[(b > 1) & (b < 5)], b[(b == 1) | (b == 5)], b[b > 10], b[b > 10].shape)
labels = torch.tensor([0, 2, 1, 2])
onehot = torch.zeros(4, 3)
onehot[torch.arange(4), labels] = 1
print(onehot)
scores = torch.tensor([[0.1, 0.7, 0.2], [0.3, 0.3, 0.4]])
print(scores[torch.arange(2), torch.tensor([1, 2])], scores[[0, 1], [0, 0]])
e = torch.arange(5.)
e[torch.tensor([True, False, True, False, True])] = torch.tensor(9.0)
print(e)
lookup = torch.tensor([10, 20, 30])
print(lookup[torch.tensor([[0, 0], [2, 1]])], lookup[torch.tensor(1)], lookup[[True, False, True]])
t3 = torch.arange(24).view(2, 3, 4)
print(t3[:, [0, 2], :].shape, t3[1, [0, 2]].shape, t3[t3 > 20], t3[0][t3[0] % 5 == 0])
