# with statements and user context managers: __enter__/__exit__, as-targets, suppressing exceptions,
# nested and multiple managers, exit on return/break.
class Managed:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            print("exit", self.name, "cleanly")
        else:
            print("exit", self.name, "with", exc_type.__name__, exc)
        return self.suppress
with Managed("a") as m:
    print("inside", m.name)
with Managed("suppressing", suppress=True):
    raise ValueError("swallowed")
print("after suppressed exception")
try:
    with Managed("not suppressing"):
        raise KeyError("propagates")
except KeyError as e:
    print("caught outside:", repr(e))
with Managed("outer"), Managed("inner") as inner:
    print("body with", inner.name)
with Managed("x") as x:
    with Managed("y") as y:
        print("nested", x.name, y.name)
def early_return():
    with Managed("in function"):
        return "returned value"
print(early_return())
for i in range(3):
    with Managed("loop %d" % i):
        if i == 1:
            break
class Timer:
    def __enter__(self):
        self.entered = True
        return "enter result"
    def __exit__(self, *args):
        print("exit args:", args)
        return False
with Timer() as value:
    print("as-target gets __enter__'s result:", value)
class Transaction:
    def __init__(self, account):
        self.account = account
    def __enter__(self):
        self.snapshot = dict(self.account)
        return self.account
    def __exit__(self, et, ev, tb):
        if et is not None:
            self.account.clear()
            self.account.update(self.snapshot)
            print("rolled back after", et.__name__)
            return True
        print("committed")
acct = {"balance": 100}
with Transaction(acct) as a:
    a["balance"] -= 30
print(acct)
with Transaction(acct) as a:
    a["balance"] -= 1000
    raise RuntimeError("overdraft")
print(acct)
class Resource:
    opened = 0
    def __enter__(self):
        Resource.opened += 1
        return self
    def __exit__(self, *exc):
        Resource.opened -= 1
try:
    with Resource():
        print("open count inside:", Resource.opened)
        1 / 0
except ZeroDivisionError:
    print("open count after error:", Resource.opened)
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return None
    def __exit__(self, et, ev, tb):
        return et is not None and issubclass(et, self.types)
with Suppress(KeyError, IndexError):
    {}["missing"]
with Suppress(KeyError, IndexError):
    [][0]
print("both suppressed")
try:
    with Suppress(KeyError):
        int("nope")
except ValueError as e:
    print("not suppressed:", e)
with Managed("target") as t:
    pass
print(t.name)
