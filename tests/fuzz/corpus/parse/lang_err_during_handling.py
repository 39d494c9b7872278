# Ends with an exception raised inside an except block: both tracebacks are printed, joined by
# "During handling of the above exception, another exception occurred:".
def load_config(text):
    pairs = {}
    for line in text.split(";"):
        k, v = line.split("=")
        pairs[k.strip()] = v.strip()
    return pairs
print(load_config("a = 1; b = 2"))
FALLBACK = {"config": {"a": "0"}}
def safe_load_ok(text):
    try:
        return load_config(text)
    except ValueError:
        print("bad config, using the fallback")
        return FALLBACK["config"]
print(safe_load_ok("x = 1"))
print(safe_load_ok("broken"))
def cleanup_that_works():
    try:
        1 / 0
    except ZeroDivisionError:
        try:
            [][0]
        except IndexError as e:
            return "inner handled: %s (context: %r)" % (e, e.__context__)
print(cleanup_that_works())
def safe_load(text):
    try:
        return load_config(text)
    except ValueError:
        print("bad config, falling back to defaults")
        return defaults["config"]
print(safe_load("y = 2"))
print(safe_load("broken line"))
print("never printed")
