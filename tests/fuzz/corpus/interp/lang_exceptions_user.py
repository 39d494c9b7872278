# User exception classes: hierarchies, extra attributes, args, str(), catching by base class.
class AppError(Exception):
    pass
class ConfigError(AppError):
    def __init__(self, key, reason="missing"):
        super().__init__("config key %r: %s" % (key, reason))
        self.key = key
        self.reason = reason
class NetworkError(AppError):
    def __str__(self):
        return "network down (%d retries)" % self.args[0]
class Quiet(Exception):
    pass
def fail(kind):
    if kind == "config":
        raise ConfigError("lr")
    if kind == "network":
        raise NetworkError(3)
    if kind == "app":
        raise AppError("generic", 42)
    if kind == "quiet":
        raise Quiet
    return "ok"
for kind in ["config", "network", "app", "quiet", "none"]:
    try:
        print("result:", fail(kind))
    except ConfigError as e:
        print("ConfigError", e, "| key =", e.key, "| args =", e.args)
    except AppError as e:
        print(type(e).__name__, e, "| args =", e.args, "| repr =", repr(e))
    except Exception as e:
        print("other", type(e).__name__, repr(str(e)), e.args, repr(e))
print(issubclass(ConfigError, AppError), issubclass(AppError, Exception), issubclass(Exception, BaseException))
print(isinstance(ConfigError("k"), AppError), issubclass(Quiet, AppError))
e = ConfigError("batch_size", "must be positive")
print(e, repr(e.reason), str(e) == e.args[0])
class ValidationError(ValueError):
    def __init__(self, field, value):
        self.field = field
        self.value = value
        super().__init__(f"{field}={value!r} is invalid")
try:
    raise ValidationError("age", -1)
except ValueError as ex:
    print(type(ex).__name__, ex, ex.field, ex.value)
def validate(d):
    errors = []
    for k, v in d.items():
        try:
            if not isinstance(v, int):
                raise TypeError("%s must be int" % k)
            if v < 0:
                raise ValidationError(k, v)
        except (TypeError, ValueError) as err:
            errors.append("%s: %s" % (type(err).__name__, err))
    return errors
print(validate({"a": 1, "b": -2, "c": "x"}))
print(repr(Exception()), str(Exception()), repr(Exception("a", 1)), str(Exception("a", 1)))
print(repr(ValueError("bad")), repr(KeyError("k")), str(KeyError("k")), str(KeyError()))
class WithDefault(Exception):
    def __init__(self, msg="default message"):
        super().__init__(msg)
try:
    raise WithDefault()
except WithDefault as w:
    print(w)
try:
    raise WithDefault("custom")
except Exception as w:
    print(w, isinstance(w, WithDefault))
class StopEarly(Exception):
    pass
def search(grid, target):
    try:
        for r, row in enumerate(grid):
            for c, v in enumerate(row):
                if v == target:
                    raise StopEarly((r, c))
    except StopEarly as s:
        return s.args[0]
    return None
print(search([[1, 2], [3, 4]], 3), search([[1]], 9))
errs = [ZeroDivisionError, IndexError, KeyError, AppError]
print([e.__name__ for e in errs], [issubclass(e, LookupError) for e in errs])
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(NotImplementedError, RuntimeError))
print(issubclass(RecursionError, RuntimeError), issubclass(UnboundLocalError, NameError))
print(issubclass(ModuleNotFoundError, ImportError), issubclass(StopIteration, Exception))
print(issubclass(KeyboardInterrupt, Exception), issubclass(KeyboardInterrupt, BaseException))
print(issubclass(OverflowError, ArithmeticError), issubclass(IndentationError, SyntaxError))
