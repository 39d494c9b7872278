# Name resolution: local, enclosing, global, builtin; class scope; shadowing builtins; loop variables.
x = "global"
def f():
    return x
def g():
    x = "local"
    return x
def h():
    def inner():
        return x
    x = "enclosing"
    return inner()
print(f(), g(), h(), x)
def uses_builtin():
    return len([1, 2, 3])
def shadows_builtin():
    len = lambda s: "shadowed"
    return len([1])
print(uses_builtin(), shadows_builtin(), len("ok"))
counter = 0
def bump():
    global counter
    counter += 1
for _ in range(3):
    bump()
print(counter)
def make():
    value = 1
    def get():
        return value
    def set_(v):
        nonlocal value
        value = v
    return get, set_
get, set_ = make()
print(get())
set_(42)
print(get())
class C:
    attr = "class attr"
    def method(self):
        return attr_lookup()
def attr_lookup():
    return "module function"
print(C().method(), C.attr)
class D:
    n = 5
    squares = [i * i for i in range(3)]
    def get_n(self):
        return self.n
print(D.squares, D().get_n())
for i in range(3):
    pass
print("i after loop", i)
[j for j in range(5)]
try:
    print(j)
except NameError as e:
    print("NameError:", e)
def param_shadow(x):
    x = x * 2
    return x
print(param_shadow(21), x)
def outer():
    a = 1
    def middle():
        b = 2
        def inner():
            return a + b
        return inner()
    return middle()
print(outer())
def conditional_def(flag):
    if flag:
        def impl():
            return "A"
    else:
        def impl():
            return "B"
    return impl()
print(conditional_def(True), conditional_def(False))
def late_binding():
    fs = [lambda: k for k in range(3)]
    return [f() for f in fs]
print(late_binding())
total = 10
def reads_then_global():
    global total
    before = total
    total = before * 2
    return before
print(reads_then_global(), total)
def nested_global():
    def inner():
        global fresh_name
        fresh_name = "set from inner"
    inner()
nested_global()
print(fresh_name)
print = print
def use_print():
    print("print still works after rebinding to itself")
use_print()
