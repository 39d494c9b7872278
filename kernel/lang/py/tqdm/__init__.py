"""tqdm for ctorch: `from tqdm import tqdm, trange` (tqdm.std), tqdm.notebook, tqdm.auto."""

from tqdm.std import tqdm, trange, TqdmWarning, TqdmExperimentalWarning, TqdmDeprecationWarning

__version__ = "4.64.1"
__all__ = ["tqdm", "trange", "tqdm_notebook", "tnrange", "TqdmWarning", "TqdmExperimentalWarning",
           "TqdmDeprecationWarning", "__version__"]


def tqdm_notebook(*args, **kwargs):
    from tqdm.notebook import tqdm as _tqdm_notebook
    return _tqdm_notebook(*args, **kwargs)


def tnrange(*args, **kwargs):
    from tqdm.notebook import trange as _tnrange
    return _tnrange(*args, **kwargs)
