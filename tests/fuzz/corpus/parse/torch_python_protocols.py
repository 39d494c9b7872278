# Tensors inside ordinary Python code: iteration, len, `in`, truth value of one-element tensors, builtins
# (sum, max, min, sorted, abs, round, zip, enumerate, list, tuple), tensors in containers and as indices.
import torch
t = torch.tensor([3.0, 1.0, 2.0])
for v in t:
    print(v, v.dim(), v.item())
m = torch.arange(6).view(2, 3)
for row in m:
    print("row", row, row.shape)
for i, row in enumerate(m):
    print(i, row.sum().item())
for a, b in zip(torch.tensor([1, 2]), torch.tensor([10, 20])):
    print(a + b)
print(len(t), len(m), len(torch.zeros(7, 2)), list(torch.tensor([1, 2])), tuple(torch.tensor([1.5])))
print(2.0 in t, 5.0 in t, 4 in m, torch.tensor(1.0) in t)
print(sum(t), sum(torch.tensor([1, 2, 3])), max(torch.tensor([4, 9, 2])), min(t), sorted(t))
print(sum(m), abs(torch.tensor(-2.5)), round(torch.tensor(2.4).item()), abs(torch.tensor([-1, 2])))
print(bool(torch.tensor(0.0)), bool(torch.tensor([3])), not torch.tensor(False), bool(torch.tensor(1) == 1))
if torch.tensor(5) > 3:
    print("a one-element comparison works in if")
while torch.tensor(0.0):
    print("never")
flag = torch.tensor([True])
print("yes" if flag else "no", "and" if flag and torch.tensor(1.0) else "or")
values = [torch.tensor(float(i)) for i in range(4)]
print(values, torch.stack(values), sum(values) / len(values))
d = {"w": torch.ones(2), "b": torch.zeros(1)}
for k, v in d.items():
    print(k, v, v.numel())
print({k: v.shape for k, v in d.items()}, [v.sum().item() for v in d.values()])
idx = torch.tensor(1)
lst = ["a", "b", "c"]
print(lst[idx], lst[int(idx)], lst[torch.tensor(2).item()], range(5)[torch.tensor(3)])
print(int(torch.tensor(7)) * "x", float(torch.tensor(0.5)) + 1, str(torch.tensor(3)), repr(torch.tensor([1.5])))
total = torch.tensor(0.0)
for v in torch.tensor([0.5, 1.5, 2.0]):
    total += v
print(total, total.item())
acc = 0
for v in torch.tensor([1, 2, 3]):
    acc += v
print(acc, type(acc).__name__)
history = []
for epoch in range(3):
    loss = torch.tensor(1.0) / (epoch + 1)
    history.append(loss.item())
print(history, ["%.3f" % h for h in history])
x = torch.tensor([[1, 2], [3, 4]])
a, b = x
print(a, b)
(p, q), (r, s) = x.tolist()
print(p, q, r, s)
first, *rest = torch.arange(4)
print(first, rest)
print(isinstance(t, torch.Tensor), isinstance(t[0].item(), float), isinstance(m.sum().item(), int))
print(t.tolist() == [3.0, 1.0, 2.0], m.tolist(), torch.tensor(5).tolist())
print(list(map(lambda v: v * 2, torch.tensor([1, 2]))), [float(v) for v in torch.tensor([0.25])])
print(max(range(3), key=lambda i: t[i]), sorted(range(3), key=lambda i: t[i].item()))
print(torch.tensor([1, 2]).numel(), len(torch.tensor([[1], [2], [3]])))
