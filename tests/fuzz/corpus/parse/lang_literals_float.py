# Float literals and repr(): shortest round-trip digits, switch to exponent form at 1e16 and below 1e-4.
print(0.1 + 0.2)
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9)
print(1e16, 1e15, 9999999999999998.0, 1e16 + 2)
print(1e-5, 1e-4, 0.0001, 0.00001234, 1.5e-7)
print(1.0, 2., .5, -0.0, 0.0, 1_000.25, 3.14159)
print(1e22, 1e23, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308)
print(123456789012345678.0, 1234567890123456.7)
print(1 / 3, 2 / 3, 10 / 4, 1 / 7)
print(float("inf"), float("-inf"), float("nan"), -float("inf"))
print(float("Infinity"), float("  1.5  "), float("1e3"), float("-0"), float(".5"))
inf = float("inf")
nan = float("nan")
print(inf + 1, inf - inf, inf * 0, -inf < 0 < inf)
print(nan == nan, nan != nan, nan < 1, nan > 1)
print(1e308 * 10, -1e308 * 10)
print(repr(0.1), str(0.1), repr(1e100), str(1e-100))
print(float(1), float(-3), float(True), float(2**53), float(2**53 + 1))
print(3.0 * 2, 3.0 / 2, 3.0 // 2, 3.0 % 2, -3.0 // 2, -3.0 % 2, 7.5 % -2)
print(2.0 ** 0.5, 2 ** 0.5, 4 ** 0.5, (-8.0) ** 2, 10.0 ** -3)
print(1.1 * 1.1, 0.1 * 3, 1.0 - 0.9, 100.0 / 3.0)
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5))
print(round(2.675, 2), round(0.125, 2), round(1.23456, 3), round(1234.5678, -2))
print(round(3.7), type(round(3.7)).__name__, round(3.7, 0), type(round(3.7, 0)).__name__)
print((0.5).is_integer(), (2.0).is_integer(), (-1.5).is_integer())
print(int(1e15), int(-2.5), int(1.9999999999999998))
print(1e-7 * 1e7, 1e300 * 1e-300, 0.1 ** 10)
print(sum([0.1] * 10), sum([0.1] * 10) == 1.0)
print(float.__name__, type(1.0).__name__, type(1e3).__name__)
print(min(0.0, -0.0), max(-0.0, 0.0), 0.0 == -0.0)
print(3.0 == 3, 3.5 > 3, 2 ** 53 == 2.0 ** 53, 1 < 1.5 < 2)
print(hash(1.0) == hash(1), 1.0 in [1, 2], 2 in [2.0])
vals = [0.5, 1.25, 1e-3, 12345.678, 1e20, 1.5e-10, 100.0, 0.3]
for v in vals:
    print(repr(v), str(v), "%s" % v, "%r" % v)
total = 0.0
for i in range(10):
    total += 0.1
print(total, total == 1.0)
x = 1.0
for i in range(60):
    x /= 2
print(x, x * 2 ** 60)
print(2.5e-05, 0.000025, 1.0e-04, 12e2, 1.e1)
