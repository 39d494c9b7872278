# List, dict and set comprehensions, including nested ones and conditional expressions inside.
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(3) if x != y])
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row if v % 2])
print({x: x ** 2 for x in range(5)})
print({k: v for k, v in zip("abc", [1, 2, 3]) if v != 2})
print({v: k for k, v in {"a": 1, "b": 2}.items()})
print(sorted({x % 4 for x in range(20)}), {x for x in [1, 1, 2, 3, 3]} == {1, 2, 3})
print({n: [d for d in range(1, n + 1) if n % d == 0] for n in range(1, 9)})
words = ["Hello", "World", "Python", "is", "fun"]
print([w.lower() for w in words if len(w) > 2])
print({w: len(w) for w in words})
print([w[0] if w[0].isupper() else "_" for w in words])
print([i for i in range(5)] + [i for i in range(5, 0, -1)])
x = "outer"
squares = [x for x in range(3)]
print(x, squares)
print([[0] * 3 for _ in range(2)], [[i] * i for i in range(4)])
print([c for c in "comprehension" if c in "aeiou"])
print(sum([i for i in range(101)]), len([0 for _ in range(7)]))
flat = [item for sub in [[1, 2], [], [3, [4]]] for item in sub]
print(flat)
print([(i, c) for i, c in enumerate("ab")], [a + b for a, b in zip([1, 2], [10, 20])])
grid = {(r, c): r * 3 + c for r in range(2) for c in range(3)}
print(grid)
print([k for k, v in grid.items() if v % 2 == 0])
primes = [n for n in range(2, 50) if all(n % d for d in range(2, int(n ** 0.5) + 1))]
print(primes)
pyth = [(a, b, c) for c in range(1, 30) for b in range(1, c) for a in range(1, b) if a * a + b * b == c * c]
print(pyth)
print([f(v) for f in (abs, str, lambda z: z * 2) for v in (-1, 2)])
counts = {}
for ch in "abracadabra":
    counts[ch] = counts.get(ch, 0) + 1
print({ch: n for ch, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))})
print([[x for x in range(y)] for y in range(4)])
print({i: {j: i * j for j in range(2)} for i in range(2)})
n = 3
print([n * k for k in range(n)])
class Holder:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
print(Holder.doubled)
