# torch.nn.parallel: DataParallel. Without a visible GPU it wraps the module and calls it directly, as
# PyTorch 1.13 does (device_ids == []); the multi-GPU scatter/replicate/gather path needs the CUDA backend
# (issue 8) and says so instead of silently running on the CPU.
import torch
from torch.nn.modules.module import Module

__all__ = ["DataParallel", "data_parallel"]


class DataParallel(Module):
    def __init__(self, module, device_ids=None, output_device=None, dim=0):
        super().__init__()
        self.module = module
        self.dim = dim
        if not torch.cuda.is_available():
            self.device_ids = []
            self.output_device = None
            self.src_device_obj = torch.device("cpu")
            return
        if device_ids is None:
            device_ids = list(range(torch.cuda.device_count()))
        if output_device is None:
            output_device = device_ids[0]
        self.device_ids = [d.index if isinstance(d, torch.device) else d for d in device_ids]
        self.output_device = output_device.index if isinstance(output_device, torch.device) else output_device
        self.src_device_obj = torch.device("cuda", self.device_ids[0])

    def forward(self, *inputs, **kwargs):
        if not self.device_ids:
            return self.module(*inputs, **kwargs)
        raise NotImplementedError("DataParallel over GPUs needs ctorch's CUDA backend, which this build lacks")


def data_parallel(module, inputs, device_ids=None, output_device=None, dim=0, module_kwargs=None):
    if not isinstance(inputs, tuple):
        inputs = (inputs,) if inputs is not None else ()
    return DataParallel(module, device_ids, output_device, dim)(*inputs, **(module_kwargs or {}))
