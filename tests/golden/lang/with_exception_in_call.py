# An exception raised while a call is being built inside a with block (print(f()), [1, f()]) reaches
# __exit__ with the stack unwound to the with statement, then the enclosing handler.
class CM:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        print("exit called", a[0].__name__ if a[0] else None)
        return False
def f():
    raise RuntimeError("boom")
for variant in range(4):
    try:
        with CM():
            if variant == 0: f()
            elif variant == 1: print(f())
            elif variant == 2: x = [1, f()]
            else: print(1, 2, f())
    except RuntimeError as e:
        print("caught", variant, e)
class CM:
    def __init__(self, n): self.n = n
    def __enter__(self):
        print("enter", self.n); return self.n
    def __exit__(self, t, v, tb):
        print("exit", self.n, t.__name__ if t else None); return self.n == 9
def g():
    with CM(1) as a, CM(2) as b:
        return a + b
print(g())
for i in range(3):
    with CM(i):
        if i == 1: continue
        if i == 2: break
        print("body", i)
with CM(9):
    raise ValueError("suppressed")
def gen():
    with CM(3) as x:
        yield x
        yield x + 1
print(list(gen()))
try:
    with CM(4) as y, CM(5):
        [1][5]
except IndexError as e:
    print("caught", e)
