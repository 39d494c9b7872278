# The iterator protocol: iter(), next(), StopIteration, iterables vs iterators, exhaustion,
# for-loops over user iterators, unpacking and builtins consuming iterators.
nums = [1, 2, 3]
it = iter(nums)
print(next(it), next(it), next(it), next(it, None))
it2 = iter(nums)
print(list(it2), list(it2))
print(iter(it) is it)
class Fib:
    def __init__(self, limit):
        self.limit = limit
    def __iter__(self):
        return FibIterator(self.limit)
class FibIterator:
    def __init__(self, limit):
        self.a, self.b, self.limit = 0, 1, limit
    def __iter__(self):
        return self
    def __next__(self):
        if self.a > self.limit:
            raise StopIteration
        v = self.a
        self.a, self.b = self.b, self.a + self.b
        return v
f = Fib(50)
print(list(f), list(f), sum(f), max(f), 21 in f, 22 in f)
a, b, *rest = Fib(10)
print(a, b, rest)
print(list(zip(Fib(5), "abcdefgh")), dict(enumerate(Fib(3))))
print(sorted(Fib(20), reverse=True), tuple(Fib(2)), set(Fib(1)) == {0, 1})
print([x * 2 for x in Fib(8)], any(x > 5 for x in Fib(8)), all(x < 100 for x in Fib(8)))
class Repeater:
    def __init__(self, value, times):
        self.value, self.times = value, times
    def __iter__(self):
        for _ in range(self.times):
            yield self.value
print(list(Repeater("x", 3)), "-".join(Repeater("ab", 2)))
d = {"a": 1, "b": 2}
di = iter(d)
print(next(di), next(di), next(di, "end"))
print(list(iter(d.items())), list(iter(d.values())))
s = "hey"
si = iter(s)
print([next(si) for _ in range(3)])
r = iter(range(3))
print(next(r), list(r))
def manual_for(iterable):
    out = []
    iterator = iter(iterable)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            break
        out.append(item)
    return out
print(manual_for("abc"), manual_for(Fib(4)), manual_for({}))
e = enumerate(Fib(3))
print(next(e), list(e))
z = zip(iter([1, 2, 3]), iter("ab"))
print(list(z))
m = map(str.upper, iter(["a", "b"]))
print(list(m), list(m))
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n
cd = Countdown(3)
for v in cd:
    print("count", v)
print(list(cd))
try:
    iter(None)
except TypeError as ex:
    print("TypeError:", ex)
try:
    next(iter([]))
except StopIteration as ex:
    print("StopIteration:", repr(ex))
