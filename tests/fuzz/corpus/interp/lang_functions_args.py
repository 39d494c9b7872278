# def: positional, default, keyword, *args, **kwargs, keyword-only, unpacking at the call site.
def f(a, b, c=3, d=4):
    return (a, b, c, d)
print(f(1, 2), f(1, 2, 5), f(1, 2, d=9), f(b=2, a=1), f(1, c=0, b=7))
def g(*args):
    return args
print(g(), g(1), g(1, "two", [3]))
def h(**kwargs):
    return kwargs
print(h(), h(x=1, y=2))
def everything(a, b=2, *args, key="k", flag=False, **kwargs):
    return "a=%r b=%r args=%r key=%r flag=%r kwargs=%r" % (a, b, args, key, flag, kwargs)
print(everything(1))
print(everything(1, 2, 3, 4, key="K", extra=5))
print(everything(a=0, flag=True, z=26))
def kwonly(x, *, scale=1, shift=0):
    return x * scale + shift
print(kwonly(3), kwonly(3, scale=2), kwonly(3, shift=1, scale=10))
def kwonly_required(*, name):
    return "hi " + name
print(kwonly_required(name="you"))
args = (1, 2)
kw = {"c": 30, "d": 40}
print(f(*args), f(*args, **kw), f(*[1, 2, 3]), f(0, *(8,), **{"d": 1}))
print(g(*"abc", *[1, 2]), h(**{"a": 1}, b=2))
def defaults_evaluated_once(x, acc=[]):
    acc.append(x)
    return acc
print(defaults_evaluated_once(1), defaults_evaluated_once(2))
def safe(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc
print(safe(1), safe(2))
counter = 10
def default_snapshot(v=counter):
    return v
counter = 20
print(default_snapshot())
def no_return():
    pass
def bare_return():
    return
def multi():
    return 1, "two", [3]
print(no_return(), bare_return(), multi())
one, two, three = multi()
print(one, two, three)
def doc():
    "A docstring is just an expression statement."
    return doc.__name__
print(doc())
def apply(fn, *a, **k):
    return fn(*a, **k)
print(apply(f, 1, 2, d=0), apply(max, 3, 9, 4), apply(sorted, [3, 1], reverse=True))
def recurse_sum(*nums):
    return 0 if not nums else nums[0] + recurse_sum(*nums[1:])
print(recurse_sum(1, 2, 3, 4, 5))
def outer(x):
    def inner(y):
        return x + y
    return inner(10)
print(outer(5))
def varargs_keys(**opts):
    return sorted(opts.items())
print(varargs_keys(z=1, a=2, m=3))
print(f.__name__, g.__name__, (lambda: 0).__name__)
def annotated(x: int, y: float = 1.0) -> float:
    return x * y
print(annotated(3), annotated(3, y=0.5))
def pos_and_kw(a, b, c):
    return a + b + c
print(pos_and_kw(1, 2, 3), pos_and_kw(1, 2, c=3))
