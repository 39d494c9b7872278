# Ends with an uncaught IndexError from indexing a tensor past its end in a loop.
import torch
scores = torch.tensor([[0.1, 0.9], [0.8, 0.2], [0.4, 0.6]])
labels = torch.tensor([1, 0, 1])
correct = 0
for i in range(len(scores)):
    pred = scores[i].argmax().item()
    ok = pred == labels[i].item()
    correct += int(ok)
    print("sample", i, "pred", pred, "label", labels[i].item(), "ok" if ok else "wrong")
print("accuracy", correct / len(scores))
print("labels:", labels.tolist(), "predictions:", scores.argmax(1).tolist())
print("last row:", scores[-1], "first column:", scores[:, 0])
print("shape", scores.shape, "len", len(scores), "last index", len(scores) - 1)
print(scores[2], scores[-3], scores[1:10], scores[5:].shape)
try:
    scores[0, 2]
except IndexError as e:
    print("caught:", e)
try:
    scores[torch.tensor([0, 3])]
except IndexError as e:
    print("caught:", e)
mask = scores[:, 1] > 0.5
print("confident rows:", scores[mask], mask.nonzero().flatten())
for row in scores:
    print("iterating stops at the end:", row.tolist())
for i in range(4):
    print("row", i, scores[i])
print("never printed")
