# for loops: range forms, break / continue / else, nested loops, iterating various containers.
for i in range(3):
    print("i =", i)
print(list(range(5)), list(range(2, 6)), list(range(0, 10, 3)), list(range(10, 0, -3)), list(range(5, 5)))
print(list(range(-3, 3)), list(range(3, -3, -1)), len(range(0, 100, 7)), range(1, 10, 2)[2])
for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print("odd", i)
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            print(n, "=", d, "*", n // d)
            break
    else:
        print(n, "is prime")
for x in []:
    print("never")
else:
    print("else runs after an empty loop")
for x in [1, 2, 3]:
    if x == 10:
        break
else:
    print("no break: else runs")
for ch in "abc":
    print(ch, end=" ")
print()
for k in {"one": 1, "two": 2, "three": 3}:
    print(k, end=",")
print()
for k, v in {"a": 1, "b": 2}.items():
    print(k, v)
for i, ch in enumerate("xyz", start=1):
    print(i, ch)
for a, b in zip([1, 2, 3], "ab"):
    print(a, b)
for t in (1, "two", 3.0, None, [4]):
    print(type(t).__name__, end=" ")
print()
total = 0
for row in [[1, 2], [3, 4], [5, 6]]:
    for v in row:
        if v == 4:
            continue
        total += v
print("total", total)
found = None
for i in range(5):
    for j in range(5):
        if i * j == 6:
            found = (i, j)
            break
    if found:
        break
print("found", found)
i = 100
for i in range(3):
    pass
print("loop variable after loop:", i)
items = [1, 2, 3]
for x in items[:]:
    if x == 2:
        items.remove(x)
print(items)
for i in reversed(range(3)):
    print(i, end="")
print()
for _ in range(2):
    print("underscore loop")
for x in iter([10, 20]):
    print(x)
squares = []
for n in range(1, 6):
    squares.append(n * n)
print(squares)
count = 0
for i in range(3):
    for j in range(3):
        for k in range(3):
            if i + j + k == 3:
                count += 1
print("count", count)
