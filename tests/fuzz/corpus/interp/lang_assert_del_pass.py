# assert (with and without messages), del on names / items / slices / attributes, pass.
assert True
assert 1 + 1 == 2, "math works"
try:
    assert 1 > 2
except AssertionError as e:
    print("AssertionError", repr(e), e.args)
try:
    assert 1 > 2, "one is not greater than two"
except AssertionError as e:
    print("AssertionError:", e)
try:
    x = [1, 2]
    assert len(x) == 3, "expected 3 items, got %d" % len(x)
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert [], ["message", "can", "be", "any", "object"]
except AssertionError as e:
    print("AssertionError:", e, e.args[0][0])
def check_positive(v):
    assert v > 0, f"value must be positive, got {v}"
    return v
print(check_positive(5))
try:
    check_positive(-3)
except AssertionError as e:
    print("AssertionError:", e)
a = 10
del a
try:
    print(a)
except NameError as e:
    print("NameError:", e)
b, c = 1, 2
del b, c
for name in ("b", "c"):
    try:
        print(b if name == "b" else c)
    except NameError as e:
        print("NameError:", e)
lst = list(range(8))
del lst[0]
print(lst)
del lst[-1]
print(lst)
del lst[1:3]
print(lst)
del lst[::2]
print(lst)
d = {"x": 1, "y": 2, "z": 3}
del d["y"]
print(d)
try:
    del d["missing"]
except KeyError as e:
    print("KeyError:", e)
class Obj:
    cls_attr = "class"
o = Obj()
o.attr = 5
del o.attr
print(hasattr(o, "attr"), o.cls_attr)
try:
    del o.attr
except AttributeError as e:
    print("AttributeError:", e)
nested = {"a": [1, 2, {"b": 3}]}
del nested["a"][2]["b"]
print(nested)
def f():
    local = 1
    del local
    try:
        return local
    except UnboundLocalError as e:
        return "UnboundLocalError: %s" % e
print(f())
def nothing():
    pass
class Nothing:
    pass
for i in range(3):
    pass
if True:
    pass
else:
    pass
while False:
    pass
try:
    pass
except Exception:
    pass
print(nothing(), type(Nothing()).__name__, i)
print(...)
def stub():
    ...
print(stub())
m = [[1, 2], [3, 4]]
del m[0][0], m[1]
print(m)
