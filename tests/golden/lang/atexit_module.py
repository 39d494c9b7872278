# atexit: handlers run after the script, last registered first, with their arguments; unregister removes
# every registration of a function; a handler's exception is reported and the others still run.
import atexit


def bye(name, punct="!"):
    print("bye", name + punct)


def never():
    print("never printed")


atexit.register(bye, "first")
atexit.register(bye, "second", punct="?")
atexit.register(never)
atexit.register(never)
atexit.unregister(never)


@atexit.register
def decorated():
    print("decorated runs first")


print(decorated.__name__)
try:
    atexit.register(42)
except TypeError as e:
    print("TypeError", e)
print("end of script")
