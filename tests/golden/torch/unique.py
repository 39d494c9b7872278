# torch.unique / Tensor.unique: sorted values, return_inverse and return_counts (dim=None: the input's shape for
# the inverse, 0-dim included), dim= over slices in lexicographic order, NaNs each their own value, -0.0 kept as first
# seen, bool and empty inputs, the Unique2Backward0 / UniqueDimBackward0 nodes whose backward raises.
import torch
x=torch.tensor([3,1,2,3,5,1,7,2,2])
print(x.unique(return_counts=True))
print(torch.unique(x, return_inverse=True, return_counts=True))
print(torch.unique(torch.tensor([[1,2],[1,2],[0,5]]), dim=0, return_inverse=True, return_counts=True))
print(torch.unique(torch.tensor([[1,2],[1,2],[0,5]]), return_inverse=True))
print(torch.unique(torch.tensor([[1,2],[1,2],[0,5]]), dim=1, return_inverse=True, return_counts=True))
print(torch.unique(torch.tensor(5)), torch.unique(torch.tensor(5), return_inverse=True))
print(torch.unique(torch.tensor([float('nan'), 1., float('nan'), -0.0, 0.0])))
print(torch.unique(torch.tensor([], dtype=torch.float32), return_inverse=True, return_counts=True))
print(torch.unique(torch.tensor([True, False, True]), return_counts=True))
x=torch.tensor([1.,2.,1.],requires_grad=True)
u=x.unique(); print(u, u.requires_grad, type(u.grad_fn).__name__)
try: u.sum().backward()
except Exception as e: print(type(e).__name__,e)
u=torch.unique(x.view(3,1),dim=0); print(u)
try: u.sum().backward()
except Exception as e: print(type(e).__name__,e)
print(torch.unique(torch.tensor([3,1,3]), True, True))
print(torch.tensor([[2., 1.], [0., 2.]]).unique(sorted=True, dim=-1))
print(torch.randint(0, 4, (3, 4, 5), generator=torch.Generator().manual_seed(1)).unique(dim=1, return_inverse=True))
