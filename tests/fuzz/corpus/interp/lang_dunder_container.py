# Container protocol dunders: __len__ __getitem__ __setitem__ __delitem__ __contains__ __iter__ __next__ __bool__.
class Grid:
    def __init__(self, rows, cols, fill=0):
        self.rows, self.cols = rows, cols
        self.cells = [fill] * (rows * cols)
    def __len__(self):
        return self.rows * self.cols
    def __getitem__(self, key):
        r, c = key
        return self.cells[r * self.cols + c]
    def __setitem__(self, key, value):
        r, c = key
        self.cells[r * self.cols + c] = value
    def __contains__(self, value):
        return value in self.cells
    def __bool__(self):
        return any(self.cells)
g = Grid(2, 3)
print(len(g), bool(g), 5 in g)
g[1, 2] = 5
g[0, 0] = 1
print(g[1, 2], g[0, 0], g[0, 1], 5 in g, 7 not in g, bool(g))
class Countdown:
    def __init__(self, start):
        self.current = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1
print(list(Countdown(5)))
for v in Countdown(3):
    print("tick", v)
c = Countdown(2)
print(next(c), next(c), next(c, "done"))
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        i = 0
        while i < self.n:
            yield i * 2
            i += 1
r = Range2(4)
print(list(r), list(r), sum(r), 6 in r, 5 in r)
class Seq:
    def __init__(self, data):
        self.data = list(data)
    def __len__(self):
        return len(self.data)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Seq(self.data[i])
        return self.data[i]
    def __delitem__(self, i):
        del self.data[i]
    def __repr__(self):
        return "Seq(%r)" % self.data
s = Seq("abcdef")
print(s[0], s[-1], s[1:4], s[::2], len(s))
print(list(s), "c" in s, "z" in s)
for ch in Seq("xy"):
    print("old-style iteration", ch)
del s[0]
print(s, len(s))
class Dataset:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, idx):
        if idx >= self.n:
            raise IndexError("index out of range")
        return (idx, idx * idx)
ds = Dataset(4)
print(len(ds), ds[2], [x for x, y in ds], dict(iter(ds)))
class Bag:
    def __init__(self):
        self.items = {}
    def __setitem__(self, k, v):
        print("set", k, v)
        self.items[k] = v
    def __getitem__(self, k):
        return self.items.get(k, 0)
    def __len__(self):
        return len(self.items)
b = Bag()
b["apples"] = 3
b["apples"] += 2
print(b["apples"], b["pears"], len(b), bool(b), bool(Bag()))
class Always:
    def __contains__(self, x):
        return True
print(1 in Always(), "anything" in Always(), None not in Always())
class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __getitem__(self, idx):
        if isinstance(idx, tuple):
            i, j = idx
            return self.rows[i][j]
        return self.rows[idx]
m = Matrix([[1, 2], [3, 4]])
print(m[0], m[1, 0], m[-1][-1])
