# Ends with an uncaught error inside a generator consumed by a for loop (the generator's frame is shown).
def read_records(lines):
    for i, line in enumerate(lines):
        name, value = line.split(":")
        yield name, float(value)
def running_total(records):
    total = 0.0
    for name, value in records:
        total += value
        yield name, total
def take(n, it):
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x
good = ["x:1", "y:2", "z:3"]
print(list(read_records(good)))
print(list(running_total(read_records(good))))
print(list(take(2, read_records(good))))
gen = read_records(["only:1.5"])
print(next(gen))
print(next(gen, "exhausted"))
try:
    list(read_records(["broken"]))
except ValueError as e:
    print("caught:", e)
lines = ["a:1.5", "b:2.5", "c 3.5", "d:4.5"]
total = 0.0
for name, value in read_records(lines):
    total += value
    print("record", name, value, "running total", total)
print("never printed")
