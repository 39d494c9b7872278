# collections, copy, itertools, functools: the standard-library pieces learners reach for (Python-source
# modules compiled into ctorch: kernel/lang/py/).
from collections import OrderedDict, defaultdict, Counter, deque, namedtuple
import copy, itertools, functools
o = OrderedDict([("a", 1), ("b", 2)]); o["c"] = 3; o.move_to_end("a"); print(o, o.popitem(), o)
d = defaultdict(list); d["x"].append(1); print(d, dict(d))
c = Counter("abracadabra"); print(c.most_common(2), c["z"])
q = deque([1, 2, 3], maxlen=3); q.append(4); q.appendleft(0); print(q, q.popleft(), len(q))
P = namedtuple("P", "x y"); p = P(1, y=2); print(p, p.x, p[1], tuple(p), p._asdict(), p == (1, 2))
a = [[1, 2], {"k": [3]}]; b = copy.deepcopy(a); b[0].append(9); print(a, b, copy.copy(a)[0] is a[0])
print(list(itertools.islice(itertools.count(5, 2), 3)), list(itertools.chain([1], (2, 3))), list(itertools.product("ab", repeat=2)))
print(list(itertools.permutations([1, 2, 3], 2)), list(itertools.combinations("abcd", 2)), list(itertools.accumulate([1, 2, 3])))
print([(k, list(g)) for k, g in itertools.groupby("aabbbc")], list(itertools.zip_longest([1, 2], [3], fillvalue=0)))
print(functools.reduce(lambda x, y: x * y, [1, 2, 3, 4]), functools.partial(pow, 2)(5))
@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(list(itertools.takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(itertools.dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(itertools.starmap(pow, [(2, 3), (3, 2)])), list(itertools.repeat("x", 3)), list(itertools.pairwise("abc")))
print(list(itertools.combinations_with_replacement("ab", 2)), list(itertools.compress("abcd", [1, 0, 1, 0])))
print(list(itertools.islice("abcdefg", 1, 6, 2)), list(itertools.chain.from_iterable(["ab", "cd"])))
cyc = itertools.cycle("ab"); print([next(cyc) for _ in range(5)])
o2 = OrderedDict(); print(o2, o2 == {}, list(OrderedDict.fromkeys("abc")))
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError", e)
dd = defaultdict(int)
for w in "a b a c a".split():
    dd[w] += 1
print(sorted(dd.items()), Counter([1, 1, 2]) , Counter())
Q = namedtuple("Q", ["a", "b"], defaults=[0]); print(Q(5), Q(1, 2)._replace(b=7), Q._fields)
print(copy.deepcopy((1, [2, 3]))[1] is not None, copy.copy({"a": [1]})["a"])
class Pt:
    def __init__(self, x):
        self.x = [x]
pt = Pt(1); pt2 = copy.deepcopy(pt); pt2.x.append(2); print(pt.x, pt2.x, type(pt2).__name__)
shared = [1]; pair = copy.deepcopy([shared, shared]); print(pair[0] is pair[1])
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
