# copy: shallow and deep copies with CPython's rules (a memo keeps shared objects shared); tensors
# deep-copy as PyTorch's Tensor.__deepcopy__ does (a leaf clone with the same requires_grad; a
# Parameter stays a Parameter).


class Error(Exception):
    pass


_atomic = (type(None), int, float, bool, str, bytes, type, range, type(len))


def copy(x):
    cls = type(x)
    if isinstance(x, _atomic):
        return x
    f = getattr(cls, "__copy__", None)
    if f is not None:
        return f(x)
    if isinstance(x, list):
        return list(x)
    if isinstance(x, dict):
        return x.copy() if cls is not dict else dict(x)
    if isinstance(x, set):
        return set(x)
    if isinstance(x, tuple):
        return x
    y = object.__new__(cls)
    d = getattr(x, "__dict__", None)
    if d is not None:
        y.__dict__.update(d)
    return y


def deepcopy(x, memo=None):
    if memo is None:
        memo = {}
    key = id(x)
    if key in memo:
        return memo[key]
    if isinstance(x, _atomic):
        return x
    cls = type(x)
    f = getattr(cls, "__deepcopy__", None)
    if f is not None:
        y = f(x, memo)
    elif _is_tensor(x):
        y = _deepcopy_tensor(x, memo)
    elif isinstance(x, list):
        y = []
        memo[key] = y
        for v in x:
            y.append(deepcopy(v, memo))
    elif isinstance(x, tuple):
        y = tuple(deepcopy(v, memo) for v in x)
    elif isinstance(x, dict):
        y = cls() if cls is not dict else {}
        memo[key] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
        d = getattr(x, "__dict__", None)
        if d:
            for k, v in d.items():
                setattr(y, k, deepcopy(v, memo))
    elif isinstance(x, set):
        y = set(deepcopy(v, memo) for v in x)
    else:
        y = object.__new__(cls)
        memo[key] = y
        d = getattr(x, "__dict__", None)
        if d is not None:
            for k, v in d.items():
                y.__dict__[k] = deepcopy(v, memo)
    memo[key] = y
    return y


def _is_tensor(x):
    import torch
    return isinstance(x, torch.Tensor)


def _deepcopy_tensor(x, memo):
    import torch
    if not x.is_leaf:
        raise RuntimeError("Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001")
    with torch.no_grad():
        data = x.clone()
    if type(x) is not torch.Tensor:
        y = type(x)(data, x.requires_grad) if _is_parameter(x) else data
    else:
        y = data.requires_grad_(x.requires_grad) if x.requires_grad else data
    if x.grad is not None:
        y.grad = deepcopy(x.grad, memo)
    d = getattr(x, "__dict__", None)
    if d:
        for k, v in d.items():
            setattr(y, k, deepcopy(v, memo))
    return y


def _is_parameter(x):
    import torch
    try:
        return isinstance(x, torch.nn.Parameter)
    except AttributeError:
        return False
