# Generator functions: yield, lazy evaluation, next(), StopIteration, return, send, yield from.
def count_up(n):
    print("start")
    i = 0
    while i < n:
        yield i
        i += 1
    print("done")
gen = count_up(3)
print(type(gen).__name__)
print(next(gen))
print(next(gen))
print(list(gen))
try:
    next(gen)
except StopIteration:
    print("StopIteration")
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(12)])
def take(n, it):
    for i, v in enumerate(it):
        if i >= n:
            return
        yield v
print(list(take(5, fib())))
def with_return():
    yield 1
    return "result"
g = with_return()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)
def accumulator():
    total = 0
    while True:
        v = yield total
        if v is None:
            break
        total += v
acc = accumulator()
print(next(acc), acc.send(5), acc.send(10), acc.send(-3))
def inner():
    yield "a"
    yield "b"
    return "inner done"
def outer():
    r = yield from inner()
    print("inner returned", r)
    yield from range(2)
print(list(outer()))
def pipeline(nums):
    evens = (n for n in nums if n % 2 == 0)
    squared = (n * n for n in evens)
    return sum(squared)
print(pipeline(range(10)))
def chunks(lst, size):
    for i in range(0, len(lst), size):
        yield lst[i:i + size]
print(list(chunks(list(range(7)), 3)))
def flatten(x):
    for item in x:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, [3, [4, 5]], 6], [[7]]])))
def gen_with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
for v in gen_with_finally():
    print("got", v)
evens = (x for x in range(6) if x % 2 == 0)
print(next(evens), next(evens), next(evens), next(evens, "exhausted"))
print(sum(count_up(4)), max(take(3, fib())))
def squares():
    for i in range(4):
        yield i * i
it = iter(squares())
print(it is iter(it), list(it), list(it))
print(list(zip(count_up(2), "xyz")))
def echo_lines():
    for line in ["alpha", "beta"]:
        yield line.upper()
        yield line[::-1]
print(" ".join(echo_lines()))
