# Closures, nonlocal, global, and name resolution (LEGB).
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())
def make_adder(n):
    def add(x):
        return x + n
    return add
add5 = make_adder(5)
print(add5(1), make_adder(-1)(1))
g = 100
def read_global():
    return g
def write_global():
    global g
    g = 200
def shadow():
    g = 300
    return g
print(read_global(), shadow(), g)
write_global()
print(read_global(), g)
def create_global():
    global created_later
    created_later = "made inside a function"
create_global()
print(created_later)
def outer():
    x = "outer"
    def middle():
        def inner():
            nonlocal x
            x = "changed by inner"
        inner()
        return x
    r = middle()
    return r, x
print(outer())
def bank(balance):
    def deposit(v):
        nonlocal balance
        balance += v
        return balance
    def withdraw(v):
        nonlocal balance
        if v > balance:
            return "insufficient"
        balance -= v
        return balance
    return deposit, withdraw
dep, wd = bank(100)
print(dep(50), wd(30), wd(500), dep(0))
def counter_factory():
    counts = {}
    def hit(key):
        counts[key] = counts.get(key, 0) + 1
        return counts[key]
    return hit
hit = counter_factory()
print(hit("a"), hit("a"), hit("b"), hit("a"))
def loop_closures():
    fs = []
    for i in range(3):
        def f():
            return i
        fs.append(f)
    return [f() for f in fs]
print(loop_closures())
def memo(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return wrapper
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80))
def trace(fn):
    def wrapped(*args, **kwargs):
        print("calling", fn.__name__, args, kwargs)
        return fn(*args, **kwargs)
    return wrapped
@trace
def mul(a, b=2):
    return a * b
print(mul(3), mul(3, b=4))
def decorator_with_args(prefix):
    def deco(fn):
        def inner(x):
            return prefix + str(fn(x))
        return inner
    return deco
@decorator_with_args(">> ")
def double(x):
    return 2 * x
print(double(21))
x = "global x"
def show():
    print(x)
def local_shadow():
    x = "local x"
    def show_inner():
        print(x)
    show_inner()
show()
local_shadow()
