# warnings: warn() with CPython's filters (default/ignore/always/error/once/module), simplefilter,
# filterwarnings, resetwarnings and catch_warnings (record=True collects instead of printing).
# Printed as CPython prints: "file:line: Category: message" and the source line.
import _warnings


class WarningMessage:
    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return ("{message : %r, category : %r, filename : %r, lineno : %s, line : %r}"
                % (self.message, self._category_name, self.filename, self.lineno, self.line))


def _default_filters():
    return [("default", None, DeprecationWarning, "__main__", 0), ("ignore", None, DeprecationWarning, None, 0),
            ("ignore", None, PendingDeprecationWarning, None, 0), ("ignore", None, ImportWarning, None, 0),
            ("ignore", None, ResourceWarning, None, 0)]


filters = _default_filters()
_onceregistry = {}
_registry = {}
_recording = []   # stack of lists while catch_warnings(record=True) is active


def formatwarning(message, category, filename, lineno, line=None):
    s = "%s:%s: %s: %s\n" % (filename, lineno, category.__name__, message)
    if line:
        s += "  %s\n" % line.strip()
    return s


def showwarning(message, category, filename, lineno, file=None, line=None):
    _warnings._write(formatwarning(message, category, filename, lineno, line))


def _match(pattern, text):
    return pattern is None or text.lower().startswith(pattern.lower())


def warn(message, category=None, stacklevel=1, source=None):
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, not '%s'" % type(category).__name__)
    filename, lineno, module, line = _warnings._caller(stacklevel)
    text = str(message)
    if not isinstance(message, Warning):
        message = category(message)
    action = "default"
    for act, msg, cat, mod, ln in filters:
        if issubclass(category, cat) and _match(msg, text) and (mod is None or mod == module) and (ln == 0 or ln == lineno):
            action = act
            break
    if action == "ignore":
        return
    if action == "error":
        raise message
    key = (text, category, lineno, filename)
    if action == "once":
        if (text, category) in _onceregistry:
            return
        _onceregistry[(text, category)] = True
    elif action == "module":
        if (text, category, filename) in _registry:
            return
        _registry[(text, category, filename)] = True
    elif action == "default":
        if key in _registry:
            return
        _registry[key] = True
    if _recording and _recording[-1] is not None:
        _recording[-1].append(WarningMessage(message, category, filename, lineno, None, line))
        return
    showwarning(message, category, filename, lineno, None, line)


def simplefilter(action, category=Warning, lineno=0, append=False):
    _add_filter((action, None, category, None, lineno), append)


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    _add_filter((action, message or None, category, module or None, lineno), append)


def _add_filter(item, append):
    if item[0] not in ("error", "ignore", "always", "default", "module", "once"):
        raise ValueError("invalid action: %r" % (item[0],))
    if item in filters:
        filters.remove(item)
    if append:
        filters.append(item)
    else:
        filters.insert(0, item)
    _registry.clear()
    _onceregistry.clear()


def resetwarnings():
    del filters[:]


class catch_warnings:
    def __init__(self, *, record=False, module=None, action=None, category=Warning, lineno=0, append=False):
        self._record = record
        self._action = action
        self._category = category
        self._lineno = lineno
        self._append = append

    def __enter__(self):
        self._saved = list(filters)
        self._saved_registry = dict(_registry)
        log = [] if self._record else None
        _recording.append(log)
        if self._action is not None:
            simplefilter(self._action, self._category, self._lineno, self._append)
        return log

    def __exit__(self, *exc_info):
        filters[:] = self._saved
        _registry.clear()
        _registry.update(self._saved_registry)
        _recording.pop()
        return False
