# torch.nn.modules.utils: argument normalisers (_single, _pair ...: 3 -> (3, 3)) shared by the
# layers and torch.nn.functional, and _warn, which reports a UserWarning the way warnings.warn does
# once the language has a warnings module (until then it is silent).


def _ntuple(n, name="parse"):
    def parse(x):
        if isinstance(x, (list, tuple)):
            return tuple(x)
        return tuple([x] * n)

    parse.__name__ = name
    return parse


_single = _ntuple(1, "_single")
_pair = _ntuple(2, "_pair")
_triple = _ntuple(3, "_triple")
_quadruple = _ntuple(4, "_quadruple")


def _reverse_repeat_tuple(t, n):
    # (1, 2) with n=2 -> (2, 2, 1, 1): the padding order F.pad expects, last dimension first
    out = []
    for x in reversed(t):
        for _ in range(n):
            out.append(x)
    return tuple(out)


def _list_with_default(out_size, defaults):
    if isinstance(out_size, int):
        return out_size
    if len(defaults) <= len(out_size):
        raise ValueError("Input dimension should be at least {}".format(len(out_size) + 1))
    defaults = list(defaults)[-len(out_size):]
    return [v if v is not None else d for v, d in zip(out_size, defaults)]


def _warn(message, stacklevel=1):
    # warnings.warn(message, stacklevel=stacklevel) as seen from the caller of _warn
    try:
        import warnings
    except ImportError:
        return
    warnings.warn(message, stacklevel=stacklevel + 1)
