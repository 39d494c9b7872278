# Ends with an uncaught error that propagates through try/finally blocks: the finally clauses run first.
events = []
def inner():
    try:
        print("inner: working")
        return [1, 2, 3][10]
    finally:
        print("inner: finally")
def outer():
    try:
        return inner()
    finally:
        print("outer: finally")
def ok_with_finally():
    try:
        events.append("try")
        return "value"
    finally:
        events.append("finally")
print(ok_with_finally(), events)
try:
    outer()
except IndexError as e:
    print("first call caught:", e)
def nested_cleanup():
    try:
        try:
            raise KeyError("k")
        finally:
            print("nested: inner finally")
    except KeyError:
        print("nested: handled")
    finally:
        print("nested: outer finally")
nested_cleanup()
print("second call, uncaught")
outer()
print("never printed")
