# lambda: as values, keys, defaults capturing values, immediately invoked, in data structures.
square = lambda x: x * x
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2), add(b=5, a=5))
print((lambda: "no args")(), (lambda *a: len(a))(1, 2, 3), (lambda **k: sorted(k))(b=1, a=2))
print(sorted([3, -1, -4, 2], key=lambda v: abs(v)))
print(sorted(["bb", "a", "ccc", "dd"], key=lambda s: (len(s), s), reverse=True))
pairs = [("x", 3), ("y", 1), ("z", 2)]
print(sorted(pairs, key=lambda p: p[1]), max(pairs, key=lambda p: p[1]), min(pairs, key=lambda p: p[0]))
print(list(map(lambda v: v + 1, [1, 2, 3])), list(filter(lambda v: v % 2, range(10))))
ops = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b}
for name in ["add", "sub", "mul"]:
    print(name, ops[name](6, 3))
late = [lambda: i for i in range(3)]
early = [lambda i=i: i for i in range(3)]
print([f() for f in late], [f() for f in early])
compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))
curry = lambda a: lambda b: lambda c: a + b + c
print(curry(1)(2)(3))
print((lambda x: (lambda y: x * y))(6)(7))
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(10))
print(type(square).__name__, square.__name__, callable(square), callable(3))
nested = lambda x: [y * x for y in range(3)]
print(nested(4))
cond = lambda x: "pos" if x > 0 else ("neg" if x < 0 else "zero")
print([cond(v) for v in (-1, 0, 1)])
def make_multipliers():
    return [lambda x, k=k: x * k for k in range(1, 4)]
print([m(10) for m in make_multipliers()])
key_fn = lambda rec: rec["age"]
people = [{"name": "A", "age": 30}, {"name": "B", "age": 25}, {"name": "C", "age": 35}]
print([p["name"] for p in sorted(people, key=key_fn)])
apply_twice = lambda f, x: f(f(x))
print(apply_twice(square, 3), apply_twice(lambda s: s + "!", "hey"))
print((lambda a, *rest, k=0: (a, rest, k))(1, 2, 3, k=4))
total = 0
def accumulate(v):
    global total
    total += v
    return total
list(map(lambda v: accumulate(v), range(5)))
print(total)
print(sorted(range(10), key=lambda v: (v % 3, -v)))
from_table = [(lambda x: x + 1), (lambda x: x * 10)]
val = 3
for fn in from_table:
    val = fn(val)
print(val)
