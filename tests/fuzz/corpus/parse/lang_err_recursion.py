# Ends with an uncaught RecursionError from a function without a base case, called at module level.
# CPython folds the repeated frames into "[Previous line repeated 996 more times]" (the only test of that line).
def depth_ok(n):
    return 0 if n == 0 else 1 + depth_ok(n - 1)
print("depth 500:", depth_ok(500))
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print("20! =", fact(20))
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print("300 is even:", is_even(300))
def tree_sum(t):
    if isinstance(t, int):
        return t
    return sum(tree_sum(c) for c in t)
print("tree sum:", tree_sum([1, [2, [3, [4]]], 5]))
def spiral(n):
    try:
        return spiral(n + 1)
    except RecursionError:
        return n
deepest = spiral(0)
print("caught RecursionError once; depth reached is positive:", deepest > 100)
print("still works afterwards:", depth_ok(50))
def forever(n):
    return forever(n + 1)
print("recursing without a base case")
forever(0)
print("never printed")
