# Slicing of lists, strings and tuples: steps, negative indices and steps, out-of-range bounds,
# slice assignment and deletion, slice objects.
a = list(range(10))
print(a[2:5], a[:3], a[7:], a[:], a[-3:], a[:-3], a[-5:-2])
print(a[::2], a[1::2], a[::3], a[2:8:2], a[::-1], a[::-2], a[8:2:-2], a[-1:-4:-1])
print(a[5:2], a[100:], a[:100], a[-100:3], a[3:-100], a[::-1][:3])
print(a[5::-1], a[:5:-1], a[-2::-3], a[0:0], a[10:10])
print(a[1], a[-1], a[-10])
s = "hello world"
print(s[0], s[-1], s[:5], s[6:], s[::-1], s[::2], s[-5:], s[1:-1], s[3:3] == "")
print(s[100:], s[-100:2], s[4::-1], s[:-6:-1])
t = (1, 2, 3, 4, 5)
print(t[1:3], t[::-1], t[-2:], t[:0], type(t[1:3]).__name__)
r = range(20)
print(r[::5], list(r[3:9:2]), r[-1], list(r[::-4]), len(r[2:15:3]))
b = list(range(8))
b[2:4] = ["x", "y", "z"]
print(b)
b[:2] = []
print(b)
b[-1:] = [100, 200]
print(b)
b[1:1] = ["ins"]
print(b)
c = list(range(10))
c[::2] = ["e"] * 5
print(c)
c[::-3] = [0, 0, 0, 0]
print(c)
d = list(range(10))
del d[::3]
print(d)
del d[1:3]
print(d)
del d[-1]
print(d)
e = list(range(6))
e[:] = "abc"
print(e)
sl = slice(1, 5, 2)
print(a[sl], "abcdefg"[sl], sl.start, sl.stop, sl.step)
print(slice(3), slice(None, None, -1), a[slice(None, None, -1)] == a[::-1])
m = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(m[1][1:], m[-1][::-1], [row[0] for row in m], m[::2])
print([row[1:] for row in m[1:]])
words = "the quick brown fox".split()
print(words[1:3], words[-1][::-1], [w[0] for w in words])
print("".join(w[0].upper() for w in words))
copy = a[:]
copy[0] = 99
print(a[0], copy[0], copy is a, copy == a)
try:
    c[::2] = [1, 2]
except ValueError as ex:
    print("ValueError:", ex)
try:
    a[::0]
except ValueError as ex:
    print("ValueError:", ex)
try:
    print(a[10])
except IndexError as ex:
    print("IndexError:", ex)
try:
    print(s[11])
except IndexError as ex:
    print("IndexError:", ex)
try:
    t[0] = 5
except TypeError as ex:
    print("TypeError:", ex)
try:
    s[0] = "H"
except TypeError as ex:
    print("TypeError:", ex)
print(a[len(a) // 2:], s[len(s) // 2:])
