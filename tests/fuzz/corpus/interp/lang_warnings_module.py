# warnings: warn() with stack levels and categories, the default once-per-location filter, catch_warnings(record=True),
# filterwarnings by message, simplefilter('error'), resetwarnings; printed to stderr as CPython does.
import warnings
def f():
    warnings.warn("deprecated thing", DeprecationWarning, stacklevel=2)
    warnings.warn("careful")
f()
for i in range(2):
    warnings.warn("loop")
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    warnings.warn("recorded", RuntimeWarning)
    print(len(w), w[0].category.__name__, str(w[0].message))
warnings.filterwarnings("ignore", message="ign")
warnings.warn("ignored msg"); warnings.warn("ign this")
warnings.simplefilter("error")
try:
    warnings.warn("boom", UserWarning)
except UserWarning as e:
    print("raised", e)
warnings.resetwarnings()
warnings.warn(UserWarning("instance"))
import torch
