# Tuples: literals incl. the one-element form, packing/unpacking, immutability, methods, comparisons,
# tuples as dict keys, nested tuples, conversion.
empty = ()
one = (1,)
also_one = 1,
not_tuple = (1)
print(empty, one, also_one, not_tuple, type(not_tuple).__name__, type(also_one).__name__)
t = (3, 1, 4, 1, 5, 9, 2, 6)
print(len(t), t[0], t[-1], t[2:5], t[::-2], t.count(1), t.index(4), 9 in t, 7 in t)
print(t + (0,), one * 3, tuple("abc"), tuple([1, 2]), tuple(range(3)), tuple({"k": 1}))
print(min(t), max(t), sum(t), sorted(t), tuple(sorted(t)), tuple(reversed(t)))
packed = 1, "two", 3.0
a, b, c = packed
print(packed, a, b, c)
nested = ((1, 2), (3, (4, 5)))
(p, q), (r, (s, u)) = nested
print(p, q, r, s, u, nested[1][1][0])
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), (1, 2) == (1, 2), (1, 2) != (2, 1))
print(() == (), (0,) > (), ("a", 1) < ("b", 0))
coords = {(0, 0): "origin", (1, 0): "east", (0, 1): "north"}
print(coords[(1, 0)], coords[0, 1], sorted(coords))
def min_max(values):
    return min(values), max(values)
lo, hi = min_max([4, 8, 1, 9])
print(lo, hi, min_max("hello"))
try:
    t[0] = 100
except TypeError as e:
    print("TypeError:", e)
try:
    t.append(1)
except AttributeError as e:
    print("AttributeError:", e)
holder = ([1], [2])
holder[0].append(10)
print(holder)
try:
    holder[0] += [20]
except TypeError as e:
    print("TypeError:", e, holder)
print(hash((1, 2)) == hash((1, 2)), len({(1, 2), (1, 2), (2, 1)}))
records = [("ann", 31, "paris"), ("bob", 27, "rome"), ("cy", 31, "oslo")]
for name, age, city in records:
    print(f"{name:<4}{age:>3} {city}")
print(sorted(records, key=lambda r: (r[1], r[0])))
print([r[0] for r in records if r[1] > 30], dict((r[0], r[2]) for r in records))
print(list(zip(*records)))
swapped = [(b, a) for a, b in [(1, "x"), (2, "y")]]
print(swapped)
print(tuple(x * x for x in range(4)), (1, 2) * 2, (0,) * 0)
print(str((1, "a")), repr((1.5, None)), str(((),)), repr(("x",)))
x, y = 10, 20
x, y = y, x + y
print(x, y)
print(len(((1, 2, 3),)), len((1, 2, 3)), (1, 2, 3)[1:])
