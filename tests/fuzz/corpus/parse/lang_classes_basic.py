# Classes: __init__, methods, class attributes vs instance attributes, attribute lookup and mutation.
class Dog:
    species = "canis familiaris"
    count = 0
    tricks_shared = []
    def __init__(self, name, age=1):
        self.name = name
        self.age = age
        self.tricks = []
        Dog.count += 1
    def describe(self):
        return "%s is %d" % (self.name, self.age)
    def birthday(self):
        self.age += 1
        return self
    def add_trick(self, t):
        self.tricks.append(t)
        self.tricks_shared.append(t)
rex = Dog("Rex", 3)
fido = Dog("Fido")
print(rex.describe(), "|", fido.describe())
print(rex.species, fido.species, Dog.species, Dog.count, rex.count)
rex.species = "wolf?"
print(rex.species, fido.species, Dog.species)
del rex.species
print(rex.species)
Dog.species = "dog"
print(rex.species, fido.species)
rex.add_trick("roll")
fido.add_trick("sit")
print(rex.tricks, fido.tricks, Dog.tricks_shared)
print(rex.birthday().birthday().age)
m = rex.describe
print(m(), Dog.describe(fido))
rex.nickname = "R"
print(rex.nickname, hasattr(fido, "nickname"), hasattr(rex, "describe"))
print(type(rex).__name__, type(rex) is Dog, isinstance(rex, Dog), Dog.__name__)
print(getattr(rex, "name"), getattr(rex, "missing", "default"))
setattr(fido, "age", 10)
print(fido.age)
class Empty:
    pass
e = Empty()
e.x = 1
e.y = [2]
print(e.x, e.y, isinstance(e, object))
class Point:
    """A 2-D point."""
    origin_name = "O"
    def __init__(self, x=0, y=0):
        self.x, self.y = x, y
    def dist2(self, other=None):
        other = other or Point()
        return (self.x - other.x) ** 2 + (self.y - other.y) ** 2
    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)
    def as_tuple(self):
        return (self.x, self.y)
p = Point(3, 4)
print(p.dist2(), p.dist2(Point(1, 1)), p.moved(1, -1).as_tuple(), p.as_tuple())
print(Point.__doc__, Point.origin_name)
class Stack:
    def __init__(self):
        self._items = []
    def push(self, v):
        self._items.append(v)
    def pop(self):
        return self._items.pop()
    def peek(self):
        return self._items[-1] if self._items else None
    def size(self):
        return len(self._items)
s = Stack()
for v in "abc":
    s.push(v)
print(s.pop(), s.peek(), s.size())
class Temperature:
    scale = "C"
    def __init__(self, deg):
        self.deg = deg
    def to_f(self):
        return self.deg * 9 / 5 + 32
temps = [Temperature(t) for t in (0, 37, 100)]
print([t.to_f() for t in temps])
Temperature.scale = "Celsius"
print(temps[0].scale, temps[2].scale)
class Node:
    def __init__(self, val, nxt=None):
        self.val = val
        self.next = nxt
head = Node(1, Node(2, Node(3)))
vals = []
cur = head
while cur:
    vals.append(cur.val)
    cur = cur.next
print(vals)
