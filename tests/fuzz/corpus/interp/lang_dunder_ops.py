# Operator dunders: __add__ __radd__ __sub__ __mul__ __rmul__ __neg__ __eq__ __lt__ __le__ __hash__
# __repr__ __str__ __call__, and NotImplemented fallbacks.
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return "Vec(%r, %r)" % (self.x, self.y)
    def __str__(self):
        return "<%g, %g>" % (self.x, self.y)
    def __add__(self, other):
        if isinstance(other, Vec):
            return Vec(self.x + other.x, self.y + other.y)
        if isinstance(other, (int, float)):
            return Vec(self.x + other, self.y + other)
        return NotImplemented
    def __radd__(self, other):
        print("__radd__ with", other)
        return self + other
    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __lt__(self, other):
        return abs(self) < abs(other)
    def __le__(self, other):
        return abs(self) <= abs(other)
a, b = Vec(1, 2), Vec(3, 4)
print(a + b, a - b, a * 3, 2 * a, -a, abs(b))
print(repr(a + 1), a + 0.5)
print(10 + a)
print(sum([a, b, Vec(0.5, 0.5)], Vec(0, 0)))
print(sum([a, b]))
print(a == Vec(1, 2), a != Vec(1, 2), a == b, a == "vec", a is Vec(1, 2))
print(a < b, b < a, a <= a, b > a, a >= b)
print(sorted([b, Vec(0, 1), a]), max([a, b]), min([b, a]))
print(hash(a) == hash(Vec(1, 2)), len({a, Vec(1, 2), b}), {a: "first"}[Vec(1, 2)])
print([str(v) for v in (a, b)], [repr(v) for v in (a, b)])
print("%s and %r" % (a, a), "{} {!r}".format(b, b), f"{a} {a!r}")
try:
    a + "text"
except TypeError as e:
    print("TypeError:", e)
try:
    "text" + a
except TypeError as e:
    print("TypeError:", e)
class Polynomial:
    def __init__(self, *coeffs):
        self.coeffs = coeffs
    def __call__(self, x):
        return sum(c * x ** i for i, c in enumerate(self.coeffs))
    def __repr__(self):
        return " + ".join("%d*x^%d" % (c, i) for i, c in enumerate(self.coeffs) if c)
p = Polynomial(1, 0, 2)
print(p, p(0), p(3), [p(x) for x in range(4)], callable(p))
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __eq__(self, other):
        return self.cents == other.cents
    def __str__(self):
        return "$%d.%02d" % divmod(self.cents, 100)
m = Money(1234)
print(m, str(m), m == Money(1234), m != Money(1))
try:
    hash(m)
except TypeError as e:
    print("TypeError:", e)
class Plain:
    pass
pl = Plain()
print(pl == pl, pl == Plain(), pl != Plain())
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
    def __lt__(self, other):
        return self.parts < other.parts
    def __eq__(self, other):
        return self.parts == other.parts
    def __repr__(self):
        return "Version('%s')" % ".".join(map(str, self.parts))
vs = [Version("1.10.0"), Version("1.2.3"), Version("1.2.10"), Version("0.9")]
print(sorted(vs), Version("1.0") < Version("1.0.1"), Version("2.0") > Version("1.9"))
class Str:
    def __str__(self):
        return "only str"
s = Str()
print(s, str(s), "%s" % s, [str(s)])
class Acc:
    def __init__(self):
        self.total = 0
    def __call__(self, v=1):
        self.total += v
        return self
acc = Acc()
acc()(5)(10)
print(acc.total)
class Both:
    def __repr__(self):
        return "Both-repr"
print(Both(), [Both()], str(Both()), "%s" % Both())
