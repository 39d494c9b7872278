# Views and shape changes: view (incl. -1), reshape, flatten, t, transpose, permute, contiguous,
# is_contiguous, stride, storage sharing between a view and its base.
import torch
x = torch.arange(12)
print(x.view(3, 4), x.view(2, -1), x.view(-1, 6).shape, x.view(12).shape, x.view(2, 2, 3).shape)
print(x.reshape(4, 3), x.reshape(-1), x.reshape(2, 3, 2).shape, x.reshape((6, 2)).shape, torch.reshape(x, (3, -1)).shape)
m = x.view(3, 4)
print(m.t(), m.T, m.transpose(0, 1).shape, m.transpose(1, 0).is_contiguous(), m.is_contiguous())
print(m.stride(), m.t().stride(), m.stride(0), m.t().contiguous().stride())
t3 = torch.arange(24).view(2, 3, 4)
print(t3.permute(2, 0, 1).shape, t3.permute(2, 0, 1)[1], t3.transpose(0, 2).shape, t3.stride())
print(t3.permute(1, 0, 2).contiguous().view(3, 8))
print(t3.flatten(), t3.flatten(1), t3.flatten(0, 1).shape, t3.flatten(start_dim=1).shape, torch.flatten(t3).shape)
v = x.view(3, 4)
v[0, 0] = 100
print(x[:3], "<- the base sees the write through the view")
r = x.reshape(2, 6)
r[1, 5] = -1
print(x[-1], "<- reshape of a contiguous tensor is a view too")
tt = m.t()
print(tt.is_contiguous(), tt.contiguous().is_contiguous(), tt.reshape(12))
c = tt.contiguous()
c[0, 0] = 555
print(m[0, 0], "<- contiguous() copied")
col = m[:, 1]
print(col, col.is_contiguous(), col.stride(), col.shape)
print(m.view(4, 3).t().shape, m.t().t().equal(m), m.view(-1)[:4])
y = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(y.view(4), y.t().reshape(4), y.view(1, 4).view(2, 2))
print(y.transpose(0, 1).transpose(0, 1).is_contiguous(), y.permute(1, 0).equal(y.t()))
print(torch.t(y), torch.transpose(y, 0, 1), torch.permute(y, (1, 0)))
z = torch.zeros(2, 3, 4, 5)
print(z.permute(3, 2, 1, 0).shape, z.transpose(1, 3).shape, z.view(6, 20).shape, z.reshape(-1, 5).shape)
print(z.view(2, -1).shape, z.flatten(2).shape, z.flatten(1, 2).shape, z.permute(0, 2, 3, 1).stride())
e = torch.arange(6.).view(2, 3)
print(e.view(3, 2), e.t().contiguous().view(6), e.view_as(torch.zeros(3, 2)), e.reshape_as(torch.zeros(6)))
print(torch.arange(4).view(2, 2).T.flatten(), torch.arange(6).view(1, 2, 3).transpose(0, 2).shape)
print(x.storage_offset(), x[3:].storage_offset(), m[1].storage_offset(), m[1:, 2:].storage_offset())
print(m.data_ptr() == x.data_ptr(), m[1:].data_ptr() == x.data_ptr())
