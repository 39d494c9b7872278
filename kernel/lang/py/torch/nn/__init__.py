# torch.nn: Module, Parameter, the layers, and the subpackages functional, init and utils, written
# in the language after PyTorch 1.13's torch/nn (kernel/lang/py/ is compiled into the binary).
from torch.nn.modules import *
from torch.nn.parameter import Parameter
from torch.nn import init
from torch.nn import functional
from torch.nn import utils


def factory_kwargs(kwargs):
    if kwargs is None:
        return {}
    simple_keys = {"device", "dtype", "memory_format"}
    expected_keys = simple_keys | {"factory_kwargs"}
    unexpected = [k for k in kwargs.keys() if k not in expected_keys]
    if unexpected:
        raise TypeError(f"unexpected kwargs {set(unexpected)}")
    r = dict(kwargs.get("factory_kwargs", {}))
    for k in simple_keys:
        if k in kwargs:
            if k in r:
                raise TypeError(f"{k} specified twice, in **kwargs and in factory_kwargs")
            r[k] = kwargs[k]
    return r
from torch.nn import parallel
from torch.nn.parallel import DataParallel
