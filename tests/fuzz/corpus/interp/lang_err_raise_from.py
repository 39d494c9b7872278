# Ends with `raise ... from ...`: CPython prints the cause first, then
# "The above exception was the direct cause of the following exception:".
class ConfigError(Exception):
    pass
def parse_port(text):
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError("invalid port %r" % text) from e
def parse_host(text):
    if ":" not in text:
        raise ConfigError("missing port in %r" % text)
    host, port = text.split(":")
    return host, parse_port(port)
print(parse_port("8080"))
print(parse_host("localhost:8888"))
try:
    parse_port("http")
except ConfigError as e:
    print("caught:", e, "| cause:", repr(e.__cause__))
try:
    parse_host("nohost")
except ConfigError as e:
    print("caught:", e, "| cause:", e.__cause__)
try:
    try:
        {}["k"]
    except KeyError as inner:
        raise ValueError("wrapped") from inner
except ValueError as outer:
    print("wrapped cause type:", type(outer.__cause__).__name__)
print("now uncaught")
parse_host("example.org:eighty")
print("never printed")
