#!/usr/bin/python3
"""tests/ref/gen_pyrandom.py — writes tests/ref/pyrandom_ref.txt, the CPython 3.11 `random` and NumPy
legacy `np.random` (RandomState) streams that tests/unit/test_pyrandom.c must reproduce bit for bit
through kernel/lang/pyrandom.c and kernel/lang/nprandom.c. Run with Debian's Python 3.11 and
python3-numpy (1.24): /usr/bin/python3 tests/ref/gen_pyrandom.py. ctest needs neither; the output
is committed.

Fixture format (one directive per line; '#' lines are comments; floats are repr(), ints decimal):
  case NAME                      start a case (the engines keep their state until the next case)
  py seed N                      random.seed(N), N fits in int64
  py seedwords K W0 .. WK-1      random.seed(n) for a big n given as K 32-bit words, low first
  py OP ARGS = R1 .. Rm          a call (or COUNT calls, see gen below) and its results
  py err OP ARGS ! Kind: text    a call that must fail with exactly this exception and text
  np seed N | np seedarray K V0 .. VK-1 | np OP ARGS = ... | np err OP ARGS ! Kind: text
OPs and their ARGS are documented where they are written below.
"""
import math
import os
import random
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "pyrandom_ref.txt")

lines = []


def emit(s):
    lines.append(s)


def f(x):
    """repr of a float (exact round trip through strtod)."""
    return repr(float(x))


def res(vals):
    return " ".join(str(v) if isinstance(v, (int, np.integer)) else f(v) for v in vals)


def call(engine, op, args, vals):
    emit("%s %s %s = %s" % (engine, op, " ".join(str(a) for a in args), res(vals)))


def err(engine, op, args, fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 — we record whatever is raised
        emit("%s err %s %s ! %s: %s" % (engine, op, " ".join(str(a) for a in args), type(e).__name__, e))
        return
    raise SystemExit("expected an error from %s %s %s" % (engine, op, args))


def words(n):
    n = abs(n)
    w = []
    while n:
        w.append(n & 0xFFFFFFFF)
        n >>= 32
    return w or [0]


# ---- CPython random ----

def py_stream(rng):
    """The standard battery, in this order, on an already-seeded rng."""
    call("py", "random", [10], [rng.random() for _ in range(10)])
    for k in range(0, 65):                       # getrandbits K COUNT
        call("py", "getrandbits", [k, 2], [rng.getrandbits(k) for _ in range(2)])
    for a, b, n in [(1, 6, 10), (-1000, 1000, 5), (0, 2**32 - 1, 3), (0, 2**32, 3), (0, 2**40, 5),
                    (-2**62, 2**62, 3), (-2**63, 2**63 - 1, 4), (2**63 - 1, 2**63 - 1, 2),
                    (-2**63, -2**63 + 2, 3), (7, 7, 2)]:
        call("py", "randint", [a, b, n], [rng.randint(a, b) for _ in range(n)])     # randint A B COUNT
    call("py", "randrange1", [10, 5], [rng.randrange(10) for _ in range(5)])      # randrange1 STOP COUNT
    call("py", "randrange1", [2**63 - 1, 3], [rng.randrange(2**63 - 1) for _ in range(3)])
    for a, b, s, n in [(0, 100, 7, 5), (100, 0, -3, 5), (-50, 50, 1, 3), (5, -5, -1, 4), (0, 2**63 - 1, 2**40, 3),
                       (2**63 - 1, -2**63, -1, 3), (-2**63, 2**63 - 1, 2**62, 3), (5, 3, -2, 2),
                       (2**63 - 1, -2**63, -(2**63), 3), (10, 11, 5, 2)]:
        call("py", "randrange", [a, b, s, n], [rng.randrange(a, b, s) for _ in range(n)])  # START STOP STEP COUNT
    call("py", "choice", [7, 5], [rng.choice(range(7)) for _ in range(5)])
    call("py", "choice", [1, 2], [rng.choice(range(1)) for _ in range(2)])        # choice LEN COUNT
    x = list(range(20))
    rng.shuffle(x)
    call("py", "shuffle", [20], x)                                                # shuffle N (of range(N))
    x = list(range(1))
    rng.shuffle(x)
    call("py", "shuffle", [1], x)
    for n, k in [(100, 10), (10, 8), (1000, 5), (30, 30), (10**6, 50), (5, 0), (64, 6), (22, 5), (21, 5),
                 (4117, 1000), (4116, 1000), (3, 3)]:
        call("py", "sample", [n, k], rng.sample(range(n), k))                     # sample N K
    call("py", "uniform", [f(1.5), f(2.5), 3], [rng.uniform(1.5, 2.5) for _ in range(3)])  # A B COUNT
    call("py", "uniform", [f(-10), f(10), 3], [rng.uniform(-10, 10) for _ in range(3)])
    call("py", "gauss", [f(0), f(1), 5], [rng.gauss(0.0, 1.0) for _ in range(5)])  # MU SIGMA COUNT
    call("py", "normalvariate", [f(0), f(1), 3], [rng.normalvariate(0.0, 1.0) for _ in range(3)])
    call("py", "gauss", [f(10), f(2), 4], [rng.gauss(10.0, 2.0) for _ in range(4)])
    call("py", "expovariate", [f(1.5), 3], [rng.expovariate(1.5) for _ in range(3)])  # LAMBD COUNT
    call("py", "triangular", [f(0), f(10), f(3), 3], [rng.triangular(0.0, 10.0, 3.0) for _ in range(3)])
    call("py", "triangular", [f(0), f(1), "None", 2], [rng.triangular() for _ in range(2)])  # LOW HIGH MODE|None COUNT
    call("py", "triangular", [f(2), f(2), f(2), 1], [rng.triangular(2.0, 2.0, 2.0)])
    call("py", "betavariate", [f(2), f(3), 3], [rng.betavariate(2.0, 3.0) for _ in range(3)])  # A B COUNT
    call("py", "betavariate", [f(0.5), f(0.5), 2], [rng.betavariate(0.5, 0.5) for _ in range(2)])
    for a, b in [(0.5, 1.0), (1.0, 2.0), (3.0, 1.0), (0.1, 3.0)]:
        call("py", "gammavariate", [f(a), f(b), 3], [rng.gammavariate(a, b) for _ in range(3)])
    call("py", "lognormvariate", [f(0), f(1), 2], [rng.lognormvariate(0.0, 1.0) for _ in range(2)])
    call("py", "choices", [10, 5], rng.choices(range(10), k=5))                  # choices N K (unweighted)
    cw = [1.0, 3.0, 6.0, 10.0]
    call("py", "choicescum", [5, len(cw)] + [f(c) for c in cw],                   # choicescum K N CW0..CWN-1
         rng.choices(range(4), cum_weights=cw, k=5))
    cw = [0.0, 0.5, 0.5, 2.5]
    call("py", "choicescum", [6, len(cw)] + [f(c) for c in cw], rng.choices(range(4), cum_weights=cw, k=6))
    call("py", "random", [2], [rng.random() for _ in range(2)])


def py_cases():
    for s in [0, 1, 42, 12345, -7, 2**32 + 5, 2**63 - 1, -2**63]:
        emit("case py_seed_%s" % s)
        emit("py seed %d" % s)
        rng = random.Random()
        rng.seed(s)
        py_stream(rng)
    for big in [2**100 + 12345, 2**64, -(2**70) - 3, 2**32 * 7]:
        emit("case py_seedwords_%d" % big)
        w = words(big)
        emit("py seedwords %d %s" % (len(w), " ".join(str(x) for x in w)))
        rng = random.Random(big)
        call("py", "random", [5], [rng.random() for _ in range(5)])
        call("py", "getrandbits", [64, 3], [rng.getrandbits(64) for _ in range(3)])
        for k in [0, 1, 31, 32, 33, 65, 100, 128, 200]:   # getrandbitsw K: one call, (K+31)//32 words low first
            v = rng.getrandbits(k)
            call("py", "getrandbitsw", [k], [(v >> (32 * i)) & 0xFFFFFFFF for i in range((k + 31) // 32)])

    # the module-level functions share one instance; seed() drops gauss's cached value
    emit("case py_gauss_reset")
    emit("py seed 3")
    random.seed(3)
    call("py", "gauss", [f(0), f(1), 1], [random.gauss()])
    emit("py seed 3")
    random.seed(3)
    call("py", "gauss", [f(0), f(1), 3], [random.gauss() for _ in range(3)])
    call("py", "random", [1], [random.random()])

    emit("case py_sample_sizes")           # exercises both sample algorithms around the set-size edge
    emit("py seed 99")
    rng = random.Random(99)
    for k in [6, 7, 21, 22, 85, 86, 341]:
        setsize = 21 + 4 ** math.ceil(math.log(k * 3, 4))
        for n in [setsize, setsize + 1]:
            call("py", "sample", [n, k], rng.sample(range(n), k))

    emit("case py_errors")
    emit("py seed 5")
    rng = random.Random(5)
    err("py", "randrange1", [0], lambda: rng.randrange(0))
    err("py", "randrange1", [-5], lambda: rng.randrange(-5))
    err("py", "randrange", [5, 3, 1], lambda: rng.randrange(5, 3))
    err("py", "randrange", [5, 5, 1], lambda: rng.randrange(5, 5))
    err("py", "randrange", [-2**63, 2**63 - 1, 0], lambda: rng.randrange(-2**63, 2**63 - 1, 0))
    err("py", "randrange", [0, 10, 0], lambda: rng.randrange(0, 10, 0))
    err("py", "randrange", [0, 10, -1], lambda: rng.randrange(0, 10, -1))
    err("py", "randrange", [10, 0, 2], lambda: rng.randrange(10, 0, 2))
    err("py", "randrange", [3, 3, -2], lambda: rng.randrange(3, 3, -2))
    err("py", "randrange", [2**63 - 1, -2**63, 1], lambda: rng.randrange(2**63 - 1, -2**63))
    err("py", "randint", [5, 4], lambda: rng.randint(5, 4))
    err("py", "randint", [10, 1], lambda: rng.randint(10, 1))
    err("py", "randint", [2**63 - 1, -2**63], lambda: rng.randint(2**63 - 1, -2**63))
    err("py", "choice", [0], lambda: rng.choice([]))
    err("py", "sample", [5, 6], lambda: rng.sample(range(5), 6))
    err("py", "sample", [5, -1], lambda: rng.sample(range(5), -1))
    err("py", "getrandbits", [-1], lambda: rng.getrandbits(-1))
    err("py", "expovariate", [f(0)], lambda: rng.expovariate(0.0))
    err("py", "gammavariate", [f(0), f(1)], lambda: rng.gammavariate(0.0, 1.0))
    err("py", "gammavariate", [f(1), f(-1)], lambda: rng.gammavariate(1.0, -1.0))
    err("py", "betavariate", [f(-1), f(1)], lambda: rng.betavariate(-1.0, 1.0))
    err("py", "choicescum", [3, 2, f(0), f(0)], lambda: rng.choices(range(2), cum_weights=[0.0, 0.0], k=3))
    err("py", "choicescum", [3, 2, f(1), f(math.inf)],
        lambda: rng.choices(range(2), cum_weights=[1.0, math.inf], k=3))
    call("py", "random", [2], [rng.random() for _ in range(2)])   # the failed calls drew nothing (but expovariate)


# ---- NumPy legacy RandomState ----

def np_stream(rs):
    call("np", "rand", [5], rs.rand(5))                                  # rand COUNT
    call("np", "randn", [3], rs.randn(3))                                # randn COUNT (odd: leaves a cached value)
    call("np", "randn", [2], rs.randn(2))
    call("np", "randn", [1], [rs.randn()])
    for lo, hi, n in [(0, 10, 20), (-5, 5, 5), (0, 2, 8), (5, 6, 2), (0, 2**32, 3), (0, 2**32 - 1, 3),
                      (0, 2**32 + 1, 3), (0, 2**40, 5), (-2**62, 2**62, 3), (-2**63, 2**63 - 1, 4),
                      (2**63 - 2, 2**63 - 1, 2), (-2**63, 0, 2), (1000, 1001, 1), (0, 1000, 4)]:
        call("np", "randint", [lo, hi, n], rs.randint(lo, hi, size=n))   # randint LOW HIGH COUNT
    call("np", "randint1", [7, 4], rs.randint(7, size=4))               # randint1 HIGH COUNT
    call("np", "randint", [0, 100, 1], [rs.randint(0, 100)])
    call("np", "permutation", [10], rs.permutation(10))                 # permutation N
    call("np", "permutation", [1], rs.permutation(1))
    x = list(range(12))
    rs.shuffle(x)
    call("np", "shuffle", [12], x)                                       # shuffle N (a list range(N))
    a = np.arange(10)
    rs.shuffle(a)
    call("np", "shuffle", [10], a)
    call("np", "uniform", [f(-1), f(3), 4], rs.uniform(-1.0, 3.0, size=4))  # uniform LOW HIGH COUNT
    call("np", "uniform", [f(0), f(1), 1], [rs.uniform()])
    call("np", "normal", [f(5), f(2), 3], rs.normal(5.0, 2.0, size=3))   # normal LOC SCALE COUNT
    call("np", "normal", [f(0), f(1), 1], [rs.normal()])
    call("np", "randn", [3], rs.randn(3))
    # choice A COUNT REPLACE (A an int; 1/0 for replace)
    call("np", "choice", [5, 8, 1], rs.choice(5, 8))
    call("np", "choice", [10, 4, 0], rs.choice(10, 4, replace=False))
    call("np", "choice", [3, 1, 1], [rs.choice(3)])
    call("np", "choice", [6, 6, 0], rs.choice(6, 6, replace=False))
    call("np", "choice", [4, 0, 0], rs.choice(4, 0, replace=False))
    # choicep A COUNT REPLACE NP P0..PNP-1
    for a, n, rep, p in [(4, 10, 1, [0.1, 0.2, 0.3, 0.4]), (3, 5, 1, [0.0, 1.0, 0.0]),
                         (5, 3, 0, [0.1, 0.1, 0.1, 0.2, 0.5]), (4, 4, 0, [0.25, 0.25, 0.25, 0.25]),
                         (6, 2, 0, [0.0, 0.0, 0.5, 0.0, 0.5, 0.0])]:
        call("np", "choicep", [a, n, rep, len(p)] + [f(v) for v in p], rs.choice(a, n, replace=bool(rep), p=p))
    call("np", "rand", [2], rs.rand(2))


def np_cases():
    for s in [0, 1, 42, 2**32 - 1]:
        emit("case np_seed_%d" % s)
        emit("np seed %d" % s)
        np_stream(np.random.RandomState(s))
    for keys in [[1, 2, 3], [0], [2**32 - 1, 0, 7, 99, 12345]]:
        emit("case np_seedarray_%s" % "_".join(str(k) for k in keys))
        emit("np seedarray %d %s" % (len(keys), " ".join(str(k) for k in keys)))
        rs = np.random.RandomState(keys)
        call("np", "rand", [3], rs.rand(3))
        call("np", "randint", [0, 10, 5], rs.randint(0, 10, size=5))

    # np.random.seed() drops the cached gauss (module-level functions: the global RandomState)
    emit("case np_gauss_reset")
    emit("np seed 7")
    np.random.seed(7)
    call("np", "randn", [1], [np.random.randn()])
    emit("np seed 7")
    np.random.seed(7)
    call("np", "randn", [3], np.random.randn(3))

    emit("case np_errors")
    emit("np seed 3")
    rs = np.random.RandomState(3)
    err("np", "seed", [-1], lambda: np.random.RandomState(-1))
    err("np", "seed", [2**32], lambda: np.random.RandomState(2**32))
    err("np", "seedarray", [2, 1, -1], lambda: np.random.RandomState([1, -1]))
    err("np", "seedarray", [2, 1, 2**32], lambda: np.random.RandomState([1, 2**32]))
    err("np", "seedarray", [0], lambda: np.random.RandomState([]))
    err("np", "randint1", [0, 1], lambda: rs.randint(0))
    err("np", "randint1", [-3, 1], lambda: rs.randint(-3))
    err("np", "randint", [0, 0, 1], lambda: rs.randint(0, 0))
    err("np", "randint", [5, 5, 1], lambda: rs.randint(5, 5))
    err("np", "randint", [5, 3, 1], lambda: rs.randint(5, 3))
    err("np", "randint", [-2, -7, 3], lambda: rs.randint(-2, -7, size=3))
    err("np", "normal", [f(0), f(-1), 1], lambda: rs.normal(0.0, -1.0))
    err("np", "normal", [f(0), f(-0.0), 1], lambda: rs.normal(0.0, -0.0))
    err("np", "uniform", [f(-1e308), f(1e308), 1], lambda: rs.uniform(-1e308, 1e308))
    err("np", "uniform", [f(0), f(math.inf), 1], lambda: rs.uniform(0.0, math.inf))
    err("np", "choice", [0, 1, 1], lambda: rs.choice(0))
    err("np", "choice", [-2, 3, 1], lambda: rs.choice(-2, 3))
    err("np", "choice", [5, 6, 0], lambda: rs.choice(5, 6, replace=False))
    err("np", "choicearr", [0, 3, 1], lambda: rs.choice([], 3))       # choicearr LEN COUNT REPLACE
    err("np", "choicep", [3, 1, 1, 3, f(0.5), f(0.6), f(-0.1)], lambda: rs.choice(3, p=[0.5, 0.6, -0.1]))
    err("np", "choicep", [3, 1, 1, 3, f(0.5), f(0.6), f(0.1)], lambda: rs.choice(3, p=[0.5, 0.6, 0.1]))
    err("np", "choicep", [3, 1, 1, 2, f(0.5), f(0.5)], lambda: rs.choice(3, p=[0.5, 0.5]))
    err("np", "choicep", [2, 1, 1, 2, f(math.nan), f(0.5)], lambda: rs.choice(2, p=[math.nan, 0.5]))
    err("np", "choicep", [3, 2, 0, 3, f(1.0), f(0.0), f(0.0)], lambda: rs.choice(3, 2, replace=False, p=[1.0, 0.0, 0.0]))
    call("np", "rand", [2], rs.rand(2))   # none of the failed calls drew


def main():
    if sys.version_info[:2] != (3, 11):
        raise SystemExit("needs CPython 3.11 (run /usr/bin/python3)")
    emit("# Generated by tests/ref/gen_pyrandom.py from CPython %s and NumPy %s. Do not edit."
         % (sys.version.split()[0], np.__version__))
    py_cases()
    np_cases()
    with open(OUT, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print("wrote %s (%d lines)" % (OUT, len(lines)))


main()
