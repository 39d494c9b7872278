# Ends with an uncaught NameError for a misspelt builtin inside a function; CPython suggests 'print'.
def report(rows):
    width = max(len(name) for name, _ in rows)
    for name, score in rows:
        prnt(name.ljust(width), score)
def report_ok(rows):
    width = max(len(name) for name, _ in rows)
    for name, score in rows:
        print(name.ljust(width), "%.3f" % score)
rows = [("alpha", 0.5), ("beta", 0.25), ("gamma", 0.125)]
print("rows:", len(rows))
report_ok(rows)
print("best:", max(rows, key=lambda r: r[1])[0])
print("total:", sum(score for _, score in rows))
try:
    lenght = len(rows)
    print(lengt)
except NameError as e:
    print("caught:", e)
print(sorted(name for name, _ in rows))
print(list(map(len, (name for name, _ in rows))))
print(any(score > 0.4 for _, score in rows), all(score > 0.1 for _, score in rows))
print(abs(-3), round(2.5), min(4, 2), divmod(9, 4))
print(isinstance(rows, list), type(rows[0]).__name__, len(rows[0]))
print(str(rows[0][1]), repr(rows[0][0]), list(reversed(rows))[0][0])
names = [name.upper() for name, _ in rows]
print(names, "-".join(names))
print("calling report()")
report(rows)
print("never printed")
