# Ends with an uncaught ZeroDivisionError raised five calls deep: the traceback lists every frame.
def mean(xs):
    return sum(xs) / len(xs)
def normalize(xs):
    m = mean(xs)
    return [x - m for x in xs]
def batch_stats(batches):
    out = []
    for b in batches:
        out.append(normalize(b))
    return out
def safe_mean(xs):
    try:
        return mean(xs)
    except ZeroDivisionError:
        return 0.0
def main():
    batches = [[1, 2, 3], [10, 20], []]
    print("first batch:", normalize(batches[0]))
    print("second batch:", normalize(batches[1]))
    print("safe means:", [safe_mean(b) for b in batches])
    return batch_stats(batches)
print("start")
print(7 / 2, 7 // 2, 7 % 2, divmod(7, 2))
for a, b in [(1, 0), (1.0, 0.0), (5, 0)]:
    try:
        a // b
    except ZeroDivisionError as e:
        print("caught:", e)
result = main()
print("never printed", result)
