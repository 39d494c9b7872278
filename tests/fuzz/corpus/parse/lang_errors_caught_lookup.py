# Builtin exceptions caught and printed as `type(e).__name__, e`: lookups, names, attributes, unpacking, calls.
class Thing:
    def __init__(self):
        self.value = 1
    def method(self):
        return self.value
lst = [1, 2, 3]
d = {"a": 1}
t = Thing()
five = 5
none = None
text = "str"
def uses_undefined():
    return undefined_name
def unbound():
    if False:
        local = 1
    return local
cases = [
    lambda: lst[3],
    lambda: lst[-4],
    lambda: "abc"[10],
    lambda: (1, 2)[2],
    lambda: range(3)[5],
    lambda: lst["0"],
    lambda: lst[1.0],
    lambda: text["a"],
    lambda: d["b"],
    lambda: d[0],
    lambda: {1: 2}[(1,)],
    lambda: {}["deep"]["deeper"],
    lambda: [].pop(),
    lambda: {}.pop("k"),
    lambda: set().pop(),
    lambda: lst.index(9),
    lambda: "abc".index("z"),
    lambda: lst.remove(9),
    lambda: undefined_name,
    lambda: uses_undefined(),
    lambda: unbound(),
    lambda: t.valeu,
    lambda: t.missing,
    lambda: Thing.nope,
    lambda: t.method.nope,
    lambda: (1).real_part,
    lambda: "s".foo(),
    lambda: [].push(1),
    lambda: {}.has_key("a"),
    lambda: None.attr,
    lambda: (None).append(1),
    lambda: int.nope,
    lambda: five(),
    lambda: text(),
    lambda: none(),
    lambda: t(),
    lambda: lst(0),
    lambda: five[0],
    lambda: none[0],
    lambda: t[0],
    lambda: len(5),
    lambda: len(t),
    lambda: len(None),
    lambda: hash([]),
    lambda: hash({}),
    lambda: {[]: 1},
    lambda: {{1}},
    lambda: iter(5),
    lambda: [x for x in 5],
    lambda: next(lst),
    lambda: sorted([1, "a"]),
    lambda: max([]),
    lambda: min([]),
    lambda: max(1),
    lambda: list(1),
    lambda: dict([1, 2]),
    lambda: dict([(1, 2, 3)]),
    lambda: zip(1),
    lambda: enumerate(None),
    lambda: range(1.5),
    lambda: range(0, 10, 0),
    lambda: "a".join([1, 2]),
    lambda: " ".join(5),
    lambda: "abc".replace(1, 2),
    lambda: "x".center("y"),
    lambda: lst.insert(),
    lambda: isinstance(1, 2),
    lambda: issubclass(1, int),
    lambda: getattr(t, 5),
    lambda: setattr(5, "x", 1),
    lambda: "abc".split(""),
]
for i, case in enumerate(cases):
    try:
        result = case()
        print(i, "no error:", result)
    except Exception as e:
        print(i, type(e).__name__, e)
