# Assignment forms: simple, chained, tuple/list unpacking, starred, nested, attribute and subscript targets.
x = 1
y = z = w = [0]
y.append(1)
print(x, y, z, w, y is z is w)
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
(c, d), e = (3, 4), 5
print(c, d, e)
[f, g] = "fg"
print(f, g)
h, = [42]
print(h)
(i,) = (7,)
print(i)
[j] = ["only"]
print(j)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = [1, 2, 3, 4]
print(init, last)
head, *mid, tail = range(6)
print(head, mid, tail)
p, *q = "a"
print(p, q)
one, *empty, two = 1, 2
print(one, empty, two)
*everything, = (9, 8)
print(everything)
(k, *l), m = [1, 2, 3], 4
print(k, l, m)
for idx, (name, val) in enumerate([("a", 1), ("b", 2)]):
    print(idx, name, val)
for n, *others in [(1, 2, 3), (4, 5)]:
    print(n, others)
_, predicted = (0.9, 3)
print(predicted)
class Box:
    pass
box = Box()
box.value = 10
box.items = [1, 2, 3]
box.items[0] = "first"
box.value, box.other = box.value + 1, "o"
print(box.value, box.items, box.other)
d = {}
d["x"] = d["y"] = 0
d["x"] += 5
print(d)
lst = [0, 0, 0]
lst[0], lst[2] = "L", "R"
print(lst)
i = 0
lst2 = [10, 20, 30]
i, lst2[i] = 1, 99
print(i, lst2)
matrix = [[0] * 3 for _ in range(2)]
matrix[1][2] = 5
print(matrix)
aliased = [[0] * 2] * 2
aliased[0][0] = 1
print(aliased)
t1 = t2 = (1, 2)
t1 += (3,)
print(t1, t2)
l1 = l2 = [1, 2]
l1 += [3]
print(l1, l2, l1 is l2)
s1 = "ab"
s2 = s1
s1 += "c"
print(s1, s2)
a = b = c = 0
a += 1
print(a, b, c)
x, y, z = [1, 2, 3][::-1]
print(x, y, z)
(a, b), (c, d) = [[1, 2], [3, 4]]
print(a + b + c + d)
k1, k2 = {"one": 1, "two": 2}
print(k1, k2)
u, v = divmod(17, 5)
print(u, v)
try:
    a, b = [1, 2, 3]
except ValueError as ex:
    print("ValueError:", ex)
try:
    a, b, c = [1, 2]
except ValueError as ex:
    print("ValueError:", ex)
try:
    a, *b, c = [1]
except ValueError as ex:
    print("ValueError:", ex)
try:
    a, b = 5
except TypeError as ex:
    print("TypeError:", ex)
