# atexit: functions to run when the interpreter finishes: after the script (`ctorch run`, `-c`), when the
# REPL ends, when the kernel shuts down or restarts. lang_vm_free calls _run_exitfuncs before it tears the
# modules down; the last function registered runs first, as in CPython.
import sys

_handlers = []


def register(func, *args, **kwargs):
    if not callable(func):
        raise TypeError("the first argument must be callable")
    _handlers.append((func, args, kwargs))
    return func


def unregister(func):
    _handlers[:] = [h for h in _handlers if h[0] != func]


def _clear():
    del _handlers[:]


def _ncallbacks():
    return len(_handlers)


def _run_exitfuncs():
    while _handlers:
        func, args, kwargs = _handlers.pop()
        try:
            func(*args, **kwargs)
        except SystemExit:
            pass
        except BaseException as e:
            # CPython adds the traceback between these two lines
            sys.stderr.write("Exception ignored in atexit callback: %r\n%s: %s\n" % (func, type(e).__name__, e))
