# Ends with an uncaught AssertionError carrying a formatted message, raised from a helper function.
def check_shapes(a, b):
    assert len(a) == len(b), f"length mismatch: {len(a)} vs {len(b)}"
    return [x * y for x, y in zip(a, b)]
def check_probability(p):
    assert 0.0 <= p <= 1.0, "probability out of range: %r" % p
    return p
print(check_shapes([1, 2, 3], [4, 5, 6]))
print(check_probability(0.25), check_probability(1.0))
try:
    assert False
except AssertionError as e:
    print("caught bare assert:", repr(e))
try:
    check_probability(1.5)
except AssertionError as e:
    print("caught:", e)
try:
    assert 2 + 2 == 5, ("tuple", "message")
except AssertionError as e:
    print("caught tuple message:", e.args[0])
assert isinstance(3, int)
assert "a" in "abc", "substring check"
values = [3, 1, 2]
assert sorted(values) == [1, 2, 3], "sorting is broken"
print("all passing asserts done")
def dot(a, b):
    products = check_shapes(a, b)
    return sum(products)
print(dot([1, 2], [3, 4]))
print(dot([1, 2, 3], [4, 5]))
print("never printed")
