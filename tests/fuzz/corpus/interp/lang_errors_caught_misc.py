# More builtin exceptions caught and printed: unpacking, iteration, generators, assignment, recursion,
# and the exception object's args / repr for each builtin exception type.
def gen():
    yield 1
class NoLen:
    pass
class BadLen:
    def __len__(self):
        return -1
def run(label, fn):
    try:
        r = fn()
        print(label, "->", repr(r))
    except Exception as e:
        print(label, "->", type(e).__name__, e)
def unpack_many():
    a, b = [1, 2, 3]
def unpack_few():
    a, b, c = "ab"
def unpack_int():
    a, b = 7
def star_few():
    a, b, *c = [1]
def assign_tuple():
    t = (1, 2)
    t[0] = 5
def assign_str():
    s = "abc"
    s[0] = "x"
def del_tuple():
    t = (1, 2)
    del t[0]
def gen_twice():
    g = gen()
    next(g)
    next(g)
def bad_len():
    return len(BadLen())
def no_len():
    return len(NoLen())
def modify_dict_while_iterating():
    d = {1: 1, 2: 2}
    for k in d:
        d[k + 10] = 0
def set_changed():
    s = {1, 2}
    for x in s:
        s.add(x + 10)
def recurse(n):
    return recurse(n + 1)
def frozen_attr():
    (1).x = 5
def str_attr_set():
    "abc".upper = None
def call_kw():
    return int(x=5)
def bytes_mix():
    return "a" < None
def keyword_only():
    return sorted([3, 1], lambda v: v)
for label, fn in [("unpack_many", unpack_many), ("unpack_few", unpack_few), ("unpack_int", unpack_int),
                  ("star_few", star_few), ("assign_tuple", assign_tuple), ("assign_str", assign_str),
                  ("del_tuple", del_tuple), ("gen_twice", gen_twice), ("bad_len", bad_len), ("no_len", no_len),
                  ("dict_changed", modify_dict_while_iterating), ("set_changed", set_changed),
                  ("recurse", lambda: recurse(0)), ("frozen_attr", frozen_attr), ("str_attr_set", str_attr_set),
                  ("call_kw", call_kw), ("compare_none", bytes_mix), ("keyword_only", keyword_only)]:
    run(label, fn)
excs = [ValueError("bad value"), TypeError("t", 2), KeyError("key"), KeyError(1), IndexError(), ZeroDivisionError("z"),
        AttributeError("a"), NameError("n"), RuntimeError(), StopIteration(5), AssertionError("msg"),
        NotImplementedError("todo"), OverflowError("big"), RecursionError("deep"), LookupError("look"),
        ArithmeticError(), ImportError("imp"), ModuleNotFoundError("mod"), UnboundLocalError("u"),
        MemoryError(), KeyboardInterrupt(), SystemExit(3), Exception("base"), BaseException("root")]
for e in excs:
    print(type(e).__name__, "| str:", repr(str(e)), "| repr:", repr(e), "| args:", e.args)
print([cls.__name__ for cls in (ValueError, TypeError, KeyError)])
print(isinstance(KeyError(), LookupError), isinstance(ZeroDivisionError(), ArithmeticError), isinstance(SystemExit(), Exception))
