# sys.argv (arguments come from sys_time.args, one per line), sys.stdout / sys.stderr writes, sys.maxsize,
# and time functions (values are never printed: only their types and relations).
import sys
import time
print(len(sys.argv), sys.argv[0])
print(sys.argv[1:])
for i, arg in enumerate(sys.argv[1:], 1):
    print(i, repr(arg), arg.isdigit())
nums = [int(a) for a in sys.argv[1:] if a.lstrip("-").isdigit()]
print("numeric args:", nums, "sum:", sum(nums))
flags = {a[2:]: True for a in sys.argv if a.startswith("--")}
print("flags:", flags)
sys.stdout.write("plain write\n")
sys.stdout.write("two " + "parts\n")
count = sys.stdout.write("abc\n")
print("write returned", count)
sys.stderr.write("a line on stderr\n")
print("warning-style message", file=sys.stderr)
print(sys.maxsize, sys.maxsize == 9223372036854775807, type(sys.argv).__name__)
t0 = time.time()
p0 = time.perf_counter()
m0 = time.monotonic()
total = 0
for i in range(100000):
    total += i
time.sleep(0.01)
t1 = time.time()
p1 = time.perf_counter()
m1 = time.monotonic()
print(total)
print(type(t0).__name__, t1 >= t0, p1 - p0 >= 0.01, m1 >= m0, t0 > 1.6e9)
elapsed = p1 - p0
print("elapsed is a float:", isinstance(elapsed, float), "positive:", elapsed > 0)
print("formatted elapsed has 2 decimals:", len(("%.2f" % elapsed).split(".")[1]) == 2)
start = time.time()
while time.time() - start < 0.005:
    pass
print("busy-wait finished")
sys.stdout.flush()
sys.stderr.flush()
print(callable(time.sleep), callable(sys.stdout.write), sys.stdout is not sys.stderr)
print("done")
