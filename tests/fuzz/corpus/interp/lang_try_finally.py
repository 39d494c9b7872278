# try / finally: finally runs on return, break, continue and while an exception propagates; a return
# inside finally replaces the pending return value or exception.
def finally_overrides():
    try:
        return "from try"
    finally:
        print("  finally before the return completes")
print(finally_overrides())
def return_in_finally():
    try:
        raise ValueError("swallowed")
    finally:
        return "finally wins"
print(return_in_finally())
def loop_with_finally():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out
print(loop_with_finally())
def cleanup_order():
    log = []
    try:
        try:
            log.append("try")
            raise ValueError
        finally:
            log.append("inner finally")
    except ValueError:
        log.append("handler")
    finally:
        log.append("outer finally")
    return log
print(cleanup_order())
try:
    try:
        raise ValueError("original")
    finally:
        print("finally runs while the exception propagates")
except ValueError as ex:
    print("then caught:", ex)
def finally_sees_state():
    state = []
    try:
        state.append("body")
        return state
    finally:
        state.append("finally")
print(finally_sees_state())
def count_calls():
    calls = 0
    for i in range(3):
        try:
            if i == 2:
                return "returned at %d after %d finally blocks" % (i, calls)
        finally:
            calls += 1
print(count_calls())
while True:
    try:
        print("while body")
        break
    finally:
        print("finally on break out of while")
