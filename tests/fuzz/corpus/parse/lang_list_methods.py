# list methods: append extend insert pop remove sort(key, reverse) index count reverse copy clear; aliasing.
a = [3, 1, 2]
a.append(4)
print(a)
a.extend([5, 6])
a.extend("ab")
a.extend(range(2))
print(a)
a.insert(0, "first")
a.insert(-1, "before last")
a.insert(100, "end")
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove("a")
print(a)
b = [5, 2, 9, 1, 5, 6]
b.sort()
print(b)
b.sort(reverse=True)
print(b)
words = ["banana", "Apple", "cherry", "date"]
words.sort()
print(words)
words.sort(key=str.lower)
print(words)
words.sort(key=len, reverse=True)
print(words)
pairs = [(1, "b"), (0, "a"), (1, "a")]
pairs.sort(key=lambda p: p[1])
print(pairs)
print(b.index(5), b.index(1), b.count(5), b.count(42), [1, 2, 1].index(1, 1))
c = [1, 2, 3]
c.reverse()
print(c)
d = c.copy()
d.append(0)
print(c, d, c is d)
e = c
e.append(99)
print(c, e is c)
c.clear()
print(c, e, len(e))
print([2, 1].sort() is None, [].append(1) is None)
nested = [[1, 2], [3]]
shallow = nested.copy()
shallow[0].append("shared")
shallow.append("not shared")
print(nested, shallow)
stack = []
for i in range(4):
    stack.append(i)
print(stack.pop(), stack.pop(), stack)
queue = [1, 2, 3]
queue.append(4)
print(queue.pop(0), queue)
print([1, 2] + [3], [0] * 4, [1, 2] * 0, 3 in [1, 2, 3], [1, 2] == [1, 2], [1, [2]] == [1, [2]])
print(list(range(5)) == [0, 1, 2, 3, 4], len([[], []]), [[]] * 3)
print(sorted([3, 1, 2]), max([3, 1, 2]), min([3, 1, 2]), sum([3, 1, 2]))
lst = [1, 2, 3, 4, 5]
lst[1:3] = [20, 30, 40]
print(lst, lst[::-1], lst[-2:])
print([x for x in lst if x > 4], list(filter(lambda x: x % 2 == 0, lst)))
for exc_call in [lambda: [].pop(), lambda: [1].remove(2), lambda: [1].index(2), lambda: [1, 2][5], lambda: [1].pop(3)]:
    try:
        exc_call()
    except (IndexError, ValueError) as ex:
        print(type(ex).__name__ + ":", ex)
try:
    [3, "a"].sort()
except TypeError as ex:
    print("TypeError:", ex)
m = [[0] * 3 for _ in range(3)]
for i in range(3):
    m[i][i] = 1
print(m)
scores = [("ann", 90), ("bob", 85), ("cy", 90), ("dee", 70)]
scores.sort(key=lambda s: (-s[1], s[0]))
print(scores)
x = [1, 2, 3]
x += [4]
x *= 2
print(x, x.count(2), len(x))
del x[::2]
print(x)
print(list(reversed(x)), x[::-1] == list(reversed(x)))
