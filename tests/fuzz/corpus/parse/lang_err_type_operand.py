# Ends with an uncaught TypeError: unsupported operand type(s) for +: 'int' and 'str', three frames deep.
def describe(count, unit):
    return count + unit
def label(n):
    if n == 1:
        return "1 item"
    return describe(n, " items")
def label_ok(n):
    return str(n) + " items" if n != 1 else "1 item"
print(str(3) + " items")
print("%d items" % 3)
print(f"{3} items")
print("{} items".format(3))
print([label_ok(n) for n in range(3)])
for n in (0, 1):
    try:
        print(label(n))
    except TypeError as e:
        print("caught:", e)
for a, b in [(1, 2.5), ("a", "b"), ([1], [2]), ((1,), (2,))]:
    print(repr(a + b))
for a, b in [(1, None), ("a", 1), ([1], (2,))]:
    try:
        a + b
    except TypeError as e:
        print("caught:", e)
print(3 * "ab", [0] * 3, 2 ** 3, 7 // 2)
print("now uncaught")
print(label(5))
print("never printed")
