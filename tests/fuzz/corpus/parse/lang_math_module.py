# The math module: constants, roots, powers, logs, trig, rounding, predicates, combinatorics.
import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.sqrt(2), math.sqrt(16), math.sqrt(0.25), math.sqrt(1e-10))
print(math.exp(0), math.exp(1), math.exp(-1), math.exp(10), math.exp(-745.2))
print(math.log(1), math.log(math.e), math.log(100, 10), math.log(8, 2), math.log10(1000), math.log2(1024), math.log(1e-300))
print(math.log(2), math.log(10), math.log(0.5), math.log10(2), math.log2(3))
print(math.pow(2, 10), math.pow(2, 0.5), math.pow(8, 1 / 3), 2 ** 0.5 == math.sqrt(2))
print(math.floor(2.7), math.floor(-2.7), math.ceil(2.1), math.ceil(-2.1), math.trunc(-2.7), math.trunc(2.7))
print(type(math.floor(2.5)).__name__, math.floor(5), math.ceil(5.0), math.floor(-0.0))
print(math.fabs(-3), math.fabs(2.5), math.copysign(1, -0.0), math.fmod(7, 3), math.fmod(-7, 3), -7 % 3)
print(math.sin(0), math.cos(0), math.tan(0), math.sin(math.pi / 2), math.cos(math.pi), math.sin(math.pi))
print(math.sin(1), math.cos(1), math.tan(1), math.asin(1), math.acos(0), math.atan(1), math.atan2(1, -1))
print(math.sinh(1), math.cosh(1), math.tanh(1), math.tanh(100), math.tanh(-0.5))
print(math.degrees(math.pi), math.radians(180), math.hypot(3, 4), math.hypot(1, 1))
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1.0, 1.1), math.isclose(1.0, 1.05, rel_tol=0.1), math.isclose(0, 1e-10, abs_tol=1e-9))
print(math.isnan(math.nan), math.isnan(1.0), math.isinf(math.inf), math.isinf(-math.inf), math.isinf(1e308), math.isfinite(1.0), math.isfinite(math.nan))
print(math.factorial(0), math.factorial(5), math.factorial(20), math.gcd(12, 18), math.gcd(0, 5), math.gcd(17, 5))
print(math.comb(5, 2), math.comb(52, 5), math.prod([1, 2, 3, 4]), math.prod([0.5, 4]), sum([0.1] * 10))
print(math.sqrt(2) ** 2, math.exp(math.log(5)), math.log(math.exp(2)), math.sin(math.pi / 6))
print(round(math.pi, 4), "%.10f" % math.pi, "{:.3e}".format(math.e), f"{math.tau:.5f}")
def sigmoid(x):
    return 1 / (1 + math.exp(-x))
print([round(sigmoid(x), 6) for x in (-2, -1, 0, 1, 2)], sigmoid(0) == 0.5)
def softmax(xs):
    m = max(xs)
    es = [math.exp(x - m) for x in xs]
    s = sum(es)
    return [e / s for e in es]
print(softmax([1.0, 2.0, 3.0]), sum(softmax([1.0, 2.0, 3.0])))
probs = [0.7, 0.2, 0.1]
print(-sum(p * math.log(p) for p in probs), -math.log(probs[0]))
angle = math.radians(30)
print(math.sin(angle) ** 2 + math.cos(angle) ** 2, math.atan2(0, -1) == math.pi)
print(math.inf > 10 ** 18, -math.inf < -1e308, math.inf + 1 == math.inf, math.isnan(math.inf - math.inf))
for name, call in [("sqrt(-1)", lambda: math.sqrt(-1)), ("log(0)", lambda: math.log(0)), ("log(-1)", lambda: math.log(-1)),
                   ("exp(1000)", lambda: math.exp(1000)), ("factorial(-1)", lambda: math.factorial(-1)),
                   ("acos(2)", lambda: math.acos(2)), ("floor(inf)", lambda: math.floor(math.inf)), ("floor(nan)", lambda: math.floor(math.nan))]:
    try:
        print(name, "=", call())
    except (ValueError, OverflowError) as e:
        print(name, "->", type(e).__name__ + ":", e)
print(math.hypot(3.0, 4.0), 27 ** (1 / 3))
print(math.floor(1e15 + 0.5), math.ceil(-1e-300), math.trunc(1e18))
