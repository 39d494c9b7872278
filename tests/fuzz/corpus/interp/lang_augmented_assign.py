# Augmented assignment with every operator, on names, attributes and subscripts (target evaluated once).
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x //= 5; print(x)
x **= 3; print(x)
x %= 7; print(x)
x <<= 4; print(x)
x >>= 2; print(x)
x |= 0b1000; print(x)
x &= 0b1110; print(x)
x ^= 0b0101; print(x)
x /= 4; print(x)
f = 1.5
f *= 2
f -= 0.5
f **= 2
print(f)
s = "ab"
s *= 3
s += "!"
print(s)
lst = [1]
alias = lst
lst += [2, 3]
lst *= 2
print(lst, alias, lst is alias)
t = (1,)
t_alias = t
t += (2,)
print(t, t_alias)
class Counter:
    def __init__(self):
        self.n = 0
        self.hist = []
c = Counter()
c.n += 1
c.n += 10
c.hist += ["a"]
c.hist += "bc"
print(c.n, c.hist)
d = {"a": 1}
d["a"] += 1
d["b"] = d.get("b", 0) + 5
d["b"] *= 3
print(d)
m = [[1, 2], [3, 4]]
m[0][1] += 100
m[-1][-1] **= 2
print(m)
calls = []
def key(k):
    calls.append(k)
    return k
e = {"k": 1}
e[key("k")] += 41
print(e, calls)
arr = [0] * 5
for i in range(5):
    arr[i] += i * i
    arr[i // 2] -= 1
print(arr)
total = 0
for v in range(1, 101):
    total += v
print(total)
word = ""
for ch in "abc":
    word = ch + word
    word += ch.upper()
print(word)
class Vec:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        print("__add__")
        return Vec(self.v + o.v)
    def __iadd__(self, o):
        print("__iadd__")
        self.v += o.v
        return self
    def __mul__(self, k):
        return Vec(self.v * k)
    def __repr__(self):
        return "Vec(%r)" % self.v
p = Vec(1)
q = p
p += Vec(2)
print(p, q, p is q)
r = Vec(5)
r2 = r
r *= 3
print(r, r2, r is r2)
n = 7
n //= 2
n -= -n
print(n)
