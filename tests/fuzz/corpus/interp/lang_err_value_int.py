# Ends with an uncaught ValueError from int('x').
def parse_all(tokens):
    return [int(t) for t in tokens]
def parse_or_none(t):
    try:
        return int(t)
    except ValueError:
        return None
good = "1 2 3 42".split()
print(parse_all(good), sum(parse_all(good)))
print(int("  7  "), int("-3"), int("ff", 16), int("0b101", 0), int("1_000"))
print([parse_or_none(t) for t in ["5", "five", "-1", "", "2.5"]])
try:
    int("3.0")
except ValueError as e:
    print("caught:", e)
try:
    float("three")
except ValueError as e:
    print("caught:", e)
print(float("3.0"), int(float("3.0")), int(3.99), round(3.99))
line = "epochs=10 lr=0.5 name=test"
settings = {}
for item in line.split():
    key, value = item.split("=")
    converted = parse_or_none(value)
    if converted is None:
        try:
            converted = float(value)
        except ValueError:
            converted = value
    settings[key] = converted
print(settings)
value = "x"
print("converting", repr(value))
number = int(value)
print("never printed", number)
