# set operations on small ints (their iteration order is deterministic in CPython): union, intersection,
# difference, symmetric difference, subset tests, add/remove/discard/pop/update, frozen-free idioms.
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print(a.union([7], (0,)), a.intersection(range(3)), a.issubset({1, 2, 3, 4, 5}), a.issuperset({1}))
print({1, 2} <= a, {1, 2} < a, a < a, a <= a, a >= {4}, a > a, a.isdisjoint({9}), a.isdisjoint(b))
s = set()
s.add(3)
s.add(1)
s.add(3)
print(s, len(s), 3 in s, 2 in s)
s.update([5, 2], {0})
print(s)
s.discard(42)
s.discard(5)
s.remove(0)
print(s)
try:
    s.remove(42)
except KeyError as e:
    print("KeyError:", e)
t = {7}
print(t.pop(), t)
try:
    t.pop()
except KeyError as e:
    print("KeyError:", e)
print(set([3, 3, 1, 1, 2]), set(range(5)), set(), len(set("aabbcc")))
print(sorted({5, 3, 9, 1}), sorted({-1, -5, 3}), max({4, 8}), min({4, 8}), sum({1, 2, 3}))
u = {1, 2}
u |= {3}
u &= {2, 3, 4}
u -= {9}
u ^= {4}
print(u)
print(sorted({x * x for x in range(-3, 4)}), {x % 3 for x in range(10)})
dups = [1, 5, 2, 1, 5, 7]
seen = set()
unique_in_order = []
for x in dups:
    if x not in seen:
        seen.add(x)
        unique_in_order.append(x)
print(unique_in_order, sorted(set(dups)), len(dups) - len(set(dups)))
c = a.copy()
c.add(99)
print(sorted(c), a, c == a)
c.clear()
print(c, bool(c), c == set())
print({1, 2} == {2, 1}, {1} != {1, 2}, {1, 2, 3} - {2} == {1, 3})
print({(1, 2), (1, 2), (2, 1)} == {(2, 1), (1, 2)}, len({(0, 0), (0, 1), (0, 0)}))
try:
    {[1, 2]}
except TypeError as e:
    print("TypeError:", e)
try:
    s = {1} + {2}
except TypeError as e:
    print("TypeError:", e)
evens = set(range(0, 10, 2))
primes = {2, 3, 5, 7}
print(sorted(evens & primes), sorted(evens | primes), sorted(primes - evens), sorted(evens ^ primes))
print(len(evens), 4 in evens, 5 in evens)
