# Ends with an uncaught NameError whose message carries CPython's "Did you mean" suggestion.
def summarize(values):
    total = 0
    for v in values:
        total += v
    return total, total / len(values)
values = [3, 1, 4, 1, 5, 9, 2, 6]
total, mean = summarize(values)
print("total:", total)
print("mean:", mean)
print("sorted:", sorted(values))
squares = [v * v for v in values]
print("squares:", squares)
counts = {}
for v in values:
    counts[v] = counts.get(v, 0) + 1
print("counts:", counts)
try:
    print(undefined_thing)
except NameError as e:
    print("caught first:", e)
def local_typo():
    learning_rate = 0.1
    try:
        return learning_rat
    except NameError as e:
        return "caught inside a function: %s" % e
print(local_typo())
print("values still defined:", len(values), values[:3])
print("about to use a misspelt name")
print(max(valeus))
print("never printed")
