# syntax_assign_in_if: '=' used instead of '==' in a condition.
# The whole file fails to parse, so nothing is printed and only the SyntaxError report appears on stderr.
import math
def mean(xs):
    return sum(xs) / len(xs)
def variance(xs):
    m = mean(xs)
    return sum((x - m) ** 2 for x in xs) / len(xs)
samples = [1.0, 2.0, 4.0, 8.0]
stats = {"mean": mean(samples), "var": variance(samples)}
for name, value in stats.items():
    print("%-5s %.3f" % (name, value))
if stats["var"] > 1:
    print("spread out")
else:
    print("tight")
def area(r):
    return math.pi * r * r
def perimeter(r):
    return 2 * math.pi * r
class Circle:
    def __init__(self, r):
        self.r = r
    def describe(self):
        return "circle r=%g area=%.3f" % (self.r, area(self.r))
circles = [Circle(r) for r in (1, 2, 3)]
for c in circles:
    print(c.describe())
print("this line would run first if the file parsed")

count = len(circles)
if count = 3:
    print("three circles")
