# weakref.ref: one reference object per target, None once the target is freed (also deep in a chain
# of deallocations), getweakrefcount, TypeError for objects that cannot be weakly referenced.
import weakref


class Node:
    def __init__(self, nxt=None):
        self.nxt = nxt


class Child(Node):
    pass


a = Node()
r = weakref.ref(a)
print(r() is a, weakref.ref(a) is r, weakref.getweakrefcount(a), type(r).__name__)
print(weakref.ref is weakref.ReferenceType, isinstance(r, weakref.ref), callable(r))
b = a
del a
print(r() is b)
del b
print(r(), weakref.getweakrefcount(r))

objs = [Child() for i in range(100)]
refs = [weakref.ref(o) for o in objs]
for i in range(0, 100, 2):
    objs[i] = None
print(sum(1 for x in refs if x() is None), all(refs[i]() is objs[i] for i in range(1, 100, 2)))
del objs
print(sum(1 for x in refs if x() is None))

# a long chain freed in one go: every link's reference goes dead
head = None
chain_refs = []
for i in range(20000):
    head = Node(head)
    if i % 1000 == 0:
        chain_refs.append(weakref.ref(head))
print(sum(1 for x in chain_refs if x() is not None))
head = None
print(sum(1 for x in chain_refs if x() is not None))

# a weak back reference breaks the cycle an owner and its parts would form
class Owner:
    def __init__(self):
        self.parts = [Part(self) for i in range(3)]


class Part:
    def __init__(self, owner):
        self._owner = weakref.ref(owner)

    @property
    def owner(self):
        return self._owner()


o = Owner()
p = o.parts[0]
print(p.owner is o, [q.owner is o for q in o.parts])
ro = weakref.ref(o)
del o
print(ro(), p.owner)

d = {}
n = Node()
d[weakref.ref(n)] = "n"
print(d[weakref.ref(n)])

for bad in (1, "s", [], {}, None, 2.5):
    try:
        weakref.ref(bad)
    except TypeError as e:
        print(e)
print(weakref.getweakrefcount(1), weakref.getweakrefcount(Node()))
