# Introspection builtins: type isinstance issubclass hasattr getattr setattr callable repr str iter next any all.
class Thing:
    color = "red"
    def __init__(self):
        self.size = 3
    def method(self):
        return "method called"
t = Thing()
print(type(1).__name__, type("s").__name__, type([]).__name__, type(()).__name__, type({}).__name__)
print(type(set()).__name__, type(None).__name__, type(1.5).__name__, type(True).__name__, type(t).__name__)
print(type(len).__name__ == "builtin_function_or_method", type(Thing).__name__, type(type).__name__)
print(type(t) is Thing, type(3) == int, type(True) is bool, type(True) is int)
print(isinstance(t, Thing), isinstance(3, (int, str)), isinstance("s", (int, float)), isinstance(None, object))
print(issubclass(Thing, object), issubclass(bool, int), issubclass(int, (str, float)), issubclass(Thing, Thing))
print(hasattr(t, "size"), hasattr(t, "color"), hasattr(t, "method"), hasattr(t, "nothing"), hasattr(Thing, "size"))
print(getattr(t, "size"), getattr(t, "color"), getattr(t, "method")(), getattr(t, "nothing", 42))
setattr(t, "size", 10)
setattr(t, "new_attr", [1])
print(t.size, t.new_attr, Thing.color)
setattr(Thing, "color", "blue")
print(t.color, Thing().color)
try:
    getattr(t, "nothing")
except AttributeError as e:
    print("AttributeError:", e)
print(callable(t), callable(Thing), callable(t.method), callable(len), callable(None), callable(lambda: 1))
print(repr(1), repr("a"), repr([1, "a"]), repr(None), repr(1.0), repr((1,)), repr(t.size))
print(str(1), str("a"), str([1, "a"]), str(None), str(1.0))
print(any([False, 0, 3]), any([]), any(x > 2 for x in [1, 2]), all([1, True, "x"]), all([1, 0]), all([]))
print(any("abc"), all(""), any([[], ()]), all([[0]]))
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "stop"))
d = {"one": 1}
print(next(iter(d)), next(iter(d.values())), next(iter(d.items())))
s = iter("ab")
print(next(s), next(s))
try:
    next(s)
except StopIteration as e:
    print("StopIteration", repr(e))
try:
    next([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    iter(5)
except TypeError as e:
    print("TypeError:", e)
print(isinstance([], list), isinstance({}, dict), isinstance((), tuple), isinstance(set(), set))
print(isinstance(1, bool), isinstance(range(3), range), type(range(3)).__name__)
def gen():
    yield 1
print(type(gen()).__name__, type(gen).__name__, type(lambda: 0).__name__)
print(type(t.method).__name__, type(Thing.method).__name__)
print(type("x")("y"), type(5)("6"), type([])((1, 2)))
print(int.__name__, str.__name__, Thing.__name__, type(t).__name__ == "Thing")
class Meta:
    pass
obj = Meta()
for name, value in [("a", 1), ("b", "two")]:
    setattr(obj, name, value)
print([getattr(obj, n) for n in ("a", "b")], hasattr(obj, "c"))
print(getattr(Thing, "method")(t), getattr([], "append") is not None)
print(getattr("abc", "upper")(), getattr(5, "bit_length")())
print(isinstance(int, type), isinstance(Thing, type), isinstance(t, type))
