"""tqdm.autonotebook for ctorch: tqdm.notebook's bar in the Jupyter kernel, tqdm.std's elsewhere."""

from tqdm.std import _in_notebook

if _in_notebook():
    from tqdm.notebook import tqdm, trange
else:
    from tqdm.std import tqdm, trange

__all__ = ["tqdm", "trange"]
