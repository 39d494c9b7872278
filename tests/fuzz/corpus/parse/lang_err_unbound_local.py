# Ends with an uncaught UnboundLocalError: augmented assignment to a global without `global`.
counter = 0
history = []
def increment_ok():
    global counter
    counter += 1
    return counter
def record(v):
    history.append(v)
    return len(history)
def shadow():
    counter = 100
    return counter
def make_closure():
    count = 0
    def bump():
        nonlocal count
        count += 1
        return count
    return bump
print(increment_ok(), increment_ok())
print(record("a"), record("b"), history)
print(shadow(), counter)
bump = make_closure()
print(bump(), bump(), bump())
def read_before_assign():
    try:
        value = total_so_far
    except NameError as e:
        return "caught: %s" % e
print(read_before_assign())
def increment_broken():
    counter += 1
    return counter
print("counter is", counter)
print("calling the broken version")
increment_broken()
print("never printed")
