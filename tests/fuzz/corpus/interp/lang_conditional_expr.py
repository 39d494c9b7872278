# Conditional expressions (x if c else y): laziness, nesting, precedence.
def loud(v):
    print("evaluated", v)
    return v
print(loud("yes") if True else loud("no"))
print(loud("yes") if False else loud("no"))
for n in range(-2, 3):
    sign = "neg" if n < 0 else "zero" if n == 0 else "pos"
    print(n, sign)
x = 7
print("even" if x % 2 == 0 else "odd")
print(x if x > 5 else -x, (x if x > 10 else -x) * 2, x if x > 10 else -x * 2)
print(1 + (2 if False else 3), 1 + 2 if False else 3)
print([i if i % 2 else -i for i in range(6)])
print([i for i in range(10) if i % 3 == 0])
print([(i if i < 3 else "big") for i in range(5) if i != 1])
f = lambda v: "small" if v < 10 else "medium" if v < 100 else "large"
print(f(5), f(50), f(500))
a = None
b = a if a is not None else "default"
print(b)
val = [] or None if True else "never"
print(val)
def fizz(i):
    return "FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz" if i % 5 == 0 else str(i)
print(" ".join(fizz(i) for i in range(1, 22)))
t = (1, 2) if x else (3, 4)
p, q = t
print(p, q)
print({"k": 1} if x else {}, [0] * (3 if x else 1))
m = max(3, 9) if x > 0 else min(3, 9)
print(m)
res = ("A" if x > 6 else "B") + ("C" if x < 6 else "D")
print(res)
print(not True if False else not False)
print((lambda: 1)() if x else 0)
cond = x > 3 and x < 10
print("in range" if cond else "out of range")
nested = [[("X" if (r + c) % 2 else ".") for c in range(5)] for r in range(3)]
for row in nested:
    print("".join(row))
print(sum(i if i > 0 else 0 for i in [-3, 4, -1, 5]))
def clamp(v, lo, hi):
    return lo if v < lo else hi if v > hi else v
print([clamp(v, 0, 10) for v in (-5, 0, 5, 10, 15)])
