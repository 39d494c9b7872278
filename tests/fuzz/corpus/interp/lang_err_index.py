# Ends with an uncaught IndexError from a list subscript inside a loop (an off-by-one error).
def moving_average(xs, k):
    out = []
    for i in range(len(xs) - k + 1):
        out.append(sum(xs[i:i + k]) / k)
    return out
data = [2, 4, 6, 8, 10, 12]
print(moving_average(data, 2))
print(moving_average(data, 3))
print(data[-1], data[len(data) - 1], data[-len(data)])
print(data[10:], data[2:100], data[-100:1])
try:
    data[6]
except IndexError as e:
    print("caught:", e)
try:
    "abc"[3]
except IndexError as e:
    print("caught:", e)
try:
    [].pop()
except IndexError as e:
    print("caught:", e)
matrix = [[1, 2], [3, 4]]
print(matrix[1][0], matrix[-1][-1])
diffs = [data[i + 1] - data[i] for i in range(len(data) - 1)]
print("diffs:", diffs)
pairs = []
for i in range(len(data)):
    pairs.append((data[i], data[i + 1]))
    print("pair", pairs[-1])
print("never printed")
