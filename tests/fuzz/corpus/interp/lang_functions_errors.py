# Argument-binding errors raised by calls (messages exactly as CPython prints them).
def f(a, b, c=3):
    return a + b + c
def kw(*, key):
    return key
def star(a, *args, flag=False):
    return a
class K:
    def method(self, x):
        return x
tests = [
    lambda: f(1),
    lambda: f(),
    lambda: f(1, 2, 3, 4),
    lambda: f(1, 2, d=4),
    lambda: f(1, a=1, b=2),
    lambda: kw(1),
    lambda: kw(),
    lambda: star(),
    lambda: star(1, 2, flg=True),
    lambda: K().method(),
    lambda: K().method(1, 2),
    lambda: K.method(1),
    lambda: len(),
    lambda: len([1], [2]),
    lambda: abs(1, 2),
    lambda: int("1", "2", "3"),
    lambda: (lambda x: x)(),
    lambda: (lambda: 0)(1),
    lambda: max(),
    lambda: "abc".split(1),
    lambda: [].append(),
    lambda: {}.get(),
    lambda: divmod(1),
    lambda: isinstance(1),
]
for i, t in enumerate(tests):
    try:
        t()
        print(i, "no error")
    except TypeError as e:
        print(i, type(e).__name__ + ":", e)
def count_args(*a, **k):
    return len(a), len(k)
print(count_args(), count_args(1, 2, x=3))
def outer():
    def inner(p, q):
        return p * q
    return inner
try:
    outer()(1)
except TypeError as e:
    print("TypeError:", e)
try:
    print(f(1, 2, "x"))
except TypeError as e:
    print("TypeError:", e)
