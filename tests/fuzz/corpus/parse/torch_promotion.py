# Type promotion of binary operations (pytorch-parity.md §4): categories bool < int < float; 0-dim tensors
# and Python scalars only matter when they raise the category; true division of ints gives float.
import torch
f32 = torch.tensor([1.0, 2.0])
f64 = torch.tensor([1.0, 2.0], dtype=torch.float64)
i64 = torch.tensor([1, 2])
i32 = torch.tensor([1, 2], dtype=torch.int32)
u8 = torch.tensor([1, 2], dtype=torch.uint8)
b = torch.tensor([True, False])
f64_0d = torch.tensor(2.0, dtype=torch.float64)
i64_0d = torch.tensor(3)
names = {"f32": f32, "f64": f64, "i64": i64, "i32": i32, "u8": u8, "bool": b}
keys = list(names)
for ka in keys:
    row = []
    for kb in keys:
        row.append(str((names[ka] + names[kb]).dtype).replace("torch.", ""))
    print("%-5s" % ka, " ".join("%-7s" % r for r in row))
print((i64 * 2.5).dtype, i64 * 2.5)
print((f32 + f64_0d).dtype, (f32 + f64).dtype, (i64 + f64_0d).dtype, (i32 + i64_0d).dtype, (u8 + i64_0d).dtype)
print((u8 + 1).dtype, u8 + 1, (u8 + 1.5).dtype, (u8 + i64).dtype, (b + b).dtype, b + b)
print((b + 1).dtype, b + 1, (b * 2.5).dtype, (b + True).dtype)
print((i64 / i64).dtype, i64 / i64, (i64 // i64).dtype, i64 // 2, (i64 % 2).dtype)
print((i32 / 2).dtype, (u8 / u8).dtype, i64 / 3)
print((f32 * 2).dtype, (f64 * 2).dtype, (f32 * True).dtype, (i64 * True).dtype, (i32 * 2).dtype)
print((2 + i32).dtype, (2.0 - u8).dtype, (1 - b.long()).dtype, (f32 ** 2).dtype, (i64 ** 2).dtype, (i64 ** 0.5).dtype)
print((i64 > 1).dtype, (f32 == 1.0).dtype, (b & b).dtype, (i64 & 1).dtype, (i64 | i32).dtype)
print(torch.tensor(1.0) + torch.tensor(1, dtype=torch.int64), (torch.tensor(1.0) + torch.tensor(1)).dtype)
print((torch.tensor(1.0, dtype=torch.float64) + torch.tensor(1)).dtype, (torch.tensor(1) + torch.tensor(1, dtype=torch.uint8)).dtype)
print((torch.tensor(1, dtype=torch.int32) + torch.tensor([1], dtype=torch.uint8)).dtype)
print(torch.cat([f32, f64]).dtype, torch.cat([i64, f32]).dtype, torch.stack([u8, i64]).dtype)
print(torch.where(b, f32, f64).dtype, torch.where(b, i64, 0.5).dtype)
print(torch.result_type(i64, 1.0), torch.promote_types(torch.int32, torch.float32), torch.promote_types(torch.uint8, torch.bool))
print((i64.float() + 0.5), (i64.double() * f32).dtype, (u8.float() / 2))
print(i64.sum().dtype, b.sum().dtype, u8.sum().dtype, i32.sum().dtype, f32.sum().dtype)
print(b.sum(), u8.sum(), i32.sum(), i64.prod(), f64.mean(), f32.mean())
x = torch.tensor([1, 2, 3])
x += 1
print(x, x.dtype)
y = torch.tensor([1.0, 2.0])
y += torch.tensor([1, 1])
print(y, y.dtype)
z = torch.tensor([1, 2])
z = z + 0.5
print(z, z.dtype)
