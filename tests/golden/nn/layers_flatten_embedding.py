# nn.Flatten (default start_dim=1, other start/end dims, negative dims) and nn.Unflatten-free reshaping;
# nn.Embedding: repr, N(0, 1) initialisation, lookups of any index shape, padding_idx (a zero row that
# gets no gradient, negative padding_idx), the gradient accumulating over repeated indices,
# Embedding.from_pretrained (frozen or not), and F.embedding.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

x = torch.randn(2, 3, 4, 5)
for f in [nn.Flatten(), nn.Flatten(0), nn.Flatten(0, 1), nn.Flatten(1, 2), nn.Flatten(2, -1), nn.Flatten(-3, -2),
          nn.Flatten(start_dim=0, end_dim=-1)]:
    print(f, tuple(f(x).shape), f.start_dim, f.end_dim)
y = nn.Flatten()(x.requires_grad_())
print(type(y.grad_fn).__name__, torch.equal(y, x.view(2, -1)))
print(type(nn.Flatten()(x.transpose(1, 2)).grad_fn).__name__)
print(nn.Flatten()(torch.arange(6.).view(2, 3)).shape, nn.Flatten(0)(torch.tensor(5.0)).shape)

emb = nn.Embedding(10, 3)
print(emb, emb.num_embeddings, emb.embedding_dim, emb.padding_idx)
print(emb.weight)
idx = torch.tensor([[1, 2, 4, 5], [4, 3, 2, 9]])
out = emb(idx)
print(out.shape, type(out.grad_fn).__name__)
print(out[1])
print(emb(torch.tensor(7)), emb(torch.tensor([0])))

# repeated indices: the gradient rows add up
out.sum().backward()
print(emb.weight.grad)
emb.zero_grad()
(emb(torch.tensor([2, 2, 2, 5])) * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(emb.weight.grad[2], emb.weight.grad[5], emb.weight.grad[0])

# padding_idx: that row starts at zero and never gets a gradient
pad = nn.Embedding(5, 4, padding_idx=0)
print(pad)
print(pad.weight)
seq = torch.tensor([[0, 2, 0, 4], [1, 0, 3, 0]])
e = pad(seq)
print(e[0])
e.sum().backward()
print(pad.weight.grad)
neg = nn.Embedding(6, 2, padding_idx=-1)
print(neg, neg.padding_idx, neg.weight[5])

# other options in the repr
print(nn.Embedding(4, 2, max_norm=1.0), nn.Embedding(4, 2, scale_grad_by_freq=True), nn.Embedding(4, 2, sparse=True))

# from_pretrained
weights = torch.tensor([[1.0, 2.3, 3.0], [4.0, 5.1, 6.3]])
pre = nn.Embedding.from_pretrained(weights)
print(pre, pre.weight.requires_grad, pre(torch.tensor([1])))
pre2 = nn.Embedding.from_pretrained(weights, freeze=False, padding_idx=1)
print(pre2, pre2.weight.requires_grad, pre2(torch.tensor([1, 0])))

# the functional form
w = torch.randn(4, 2, requires_grad=True)
print(torch.equal(F.embedding(torch.tensor([3, 1]), w), w[torch.tensor([3, 1])]))
F.embedding(torch.tensor([3, 1, 3, 0]), w, padding_idx=3).sum().backward()
print(w.grad)

# a bag-of-words classifier on top of an embedding
torch.manual_seed(1)
model = nn.Sequential(nn.Embedding(20, 8, padding_idx=0), nn.Flatten(), nn.Linear(8 * 5, 2))
print(model)
tokens = torch.tensor([[3, 7, 1, 0, 0], [12, 5, 19, 8, 2]])
print(model(tokens))
