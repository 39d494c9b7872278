# The CPU-only behaviour of the CUDA entry points (the fixtures come from a CPU-only PyTorch 1.13 build;
# run_golden.sh hides GPUs with CUDA_VISIBLE_DEVICES= so a CUDA-enabled ctorch reports the same).
import torch
print(torch.cuda.is_available())
print(torch.cuda.device_count())
device = "cuda" if torch.cuda.is_available() else "cpu"
print("device:", device)
x = torch.ones(2, 2, device=device)
print(x, x.device, x.is_cuda)
y = x.to(device)
print(y is x, y.device.type)
model_device = torch.device(device)
print(model_device, repr(model_device), model_device.type)
print(torch.device("cuda:0"), torch.device("cuda:0").index, torch.device("cuda", 0) == torch.device("cuda:0"))
def try_cuda(label, fn):
    try:
        r = fn()
        print(label, "->", r)
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)
try_cuda("x.cuda()", lambda: x.cuda())
try_cuda("x.to('cuda')", lambda: x.to("cuda"))
try_cuda("x.to('cuda:0')", lambda: x.to("cuda:0"))
try_cuda("x.to(torch.device('cuda'))", lambda: x.to(torch.device("cuda")))
try_cuda("zeros(device='cuda')", lambda: torch.zeros(2, device="cuda"))
try_cuda("tensor(device='cuda')", lambda: torch.tensor([1.0], device="cuda"))
try_cuda("ones(device=cuda:0)", lambda: torch.ones(1, device=torch.device("cuda:0")))
try_cuda("x.cpu()", lambda: x.cpu())
try_cuda("x.to('cpu')", lambda: x.to("cpu"))
for step in range(2):
    batch = torch.full((2,), float(step)).to(device)
    print("step", step, batch, batch.device)
print("done on", device)
