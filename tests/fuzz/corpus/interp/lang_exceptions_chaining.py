# Exception chaining seen from inside the program: raise ... from ..., implicit __context__,
# raise ... from None, and exception attributes.
class DataError(Exception):
    pass
def load(key):
    store = {"a": 1}
    try:
        return store[key]
    except KeyError as e:
        raise DataError("cannot load %r" % key) from e
try:
    load("zz")
except DataError as e:
    print(type(e).__name__, e)
    print("cause:", type(e.__cause__).__name__, e.__cause__)
    print("context is cause:", e.__context__ is e.__cause__, e.__suppress_context__)
def implicit():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("while handling")
try:
    implicit()
except ValueError as e:
    print(e, "| cause:", e.__cause__, "| context:", repr(e.__context__), e.__suppress_context__)
def hidden():
    try:
        int("x")
    except ValueError:
        raise RuntimeError("context hidden") from None
try:
    hidden()
except RuntimeError as e:
    print(e, "| cause:", e.__cause__, "| context:", type(e.__context__).__name__, e.__suppress_context__)
try:
    raise ValueError("no chain")
except ValueError as e:
    print(e.__cause__, e.__context__, e.args)
def chain3():
    try:
        try:
            [].pop()
        except IndexError as a:
            raise KeyError("level2") from a
    except KeyError as b:
        raise TypeError("level3") from b
try:
    chain3()
except TypeError as e:
    level = e
    while level is not None:
        print("chain:", type(level).__name__, level)
        level = level.__cause__
try:
    raise ValueError("a") from KeyError("b")
except ValueError as e:
    print(repr(e), repr(e.__cause__))
err = None
try:
    raise OSError("saved")
except OSError as e:
    err = e
print(type(err).__name__, err, isinstance(err, Exception))
def raise_class():
    raise IndexError
try:
    raise_class()
except IndexError as e:
    print(repr(e), str(e) == "", e.args)
def raise_instance_again():
    e = ValueError("reused")
    for i in range(2):
        try:
            raise e
        except ValueError as caught:
            print("caught", i, caught, caught is e)
raise_instance_again()
try:
    try:
        raise KeyError("k")
    except KeyError as e:
        raise
except KeyError as outer:
    print("bare raise keeps the object:", repr(outer))
