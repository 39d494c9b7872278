# Ends with a bare `raise` re-raising the original exception after logging (traceback points at the origin).
log = []
def fetch(d, key):
    return d[key]
def fetch_logged(d, key):
    try:
        return fetch(d, key)
    except KeyError:
        log.append("fetch failed for %r" % key)
        print("fetch failed for", repr(key), "- re-raising")
        raise
def fetch_default(d, key, default=None):
    try:
        return fetch_logged(d, key)
    except KeyError:
        return default
data = {"x": 1, "y": 2}
print(fetch_logged(data, "x"))
print(fetch_default(data, "y"), fetch_default(data, "zz", "fallback"))
print(log)
def convert(text):
    try:
        return int(text)
    except ValueError as e:
        print("cannot convert", repr(text), "-", e)
        raise
print(convert("12"))
try:
    convert("twelve")
except ValueError:
    print("handled after re-raise")
fetch_logged(data, "missing")
print("never printed")
