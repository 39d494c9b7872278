# and / or / not: short-circuit evaluation returning an operand; truthiness of builtin values.
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "default", "" or 0)
print([] and "x", [0] and "x", {} or [], 0.0 or -0.0, "a" and "b" and "c")
print(not None, not [], not [0], not "", not " ", not 0.0, not 1e-300)
print(True and False, True or False, not True, not not True)
print(1 and 0 or 3, 0 or 0 and 1, (0 or 0) and 1, 1 or 0 and 0)
calls = []
def t(name, v):
    calls.append(name)
    return v
r = t("a", 0) and t("b", 1)
print(r, calls)
calls.clear()
r = t("a", 1) or t("b", 1)
print(r, calls)
calls.clear()
r = t("a", 1) and t("b", 0) or t("c", "fallback")
print(r, calls)
calls.clear()
r = t("a", 0) or t("b", 0) or t("c", 0)
print(r, calls)
calls.clear()
r = not t("a", []) and t("b", "yes")
print(r, calls)
values = [0, 1, -1, 0.0, 0.5, "", "0", [], [[]], (), (0,), {}, {0: 0}, set(), None, True, False, range(0), range(1)]
for v in values:
    print(repr(v), bool(v), "truthy" if v else "falsy")
class Empty:
    pass
class Sized:
    def __len__(self):
        return 0
class Flag:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        print("__bool__ called")
        return self.v
print(bool(Empty()), bool(Sized()), len(Sized()))
print(Flag(False) or "other")
print(Flag(True) and "second")
print(not Flag(False))
x = 5
print(x > 3 and x < 10, x > 3 and x > 10, x < 3 or x == 5)
print(x and "nonzero", (x - 5) and "nonzero" or "zero")
name = ""
display = name or "<anonymous>"
print(display)
items = None
print(len(items or []), items is None and "none" or "some")
print(any([]), all([]), any([0, "", None]), all([1, "a", [0]]))
print(bool(0) == False, bool(2) == True, bool("False"))
print(True + False, True & False, True | False, True ^ True)
if 0 < x and x % 2:
    print("odd positive")
while x and x % 3:
    x -= 1
print(x)
