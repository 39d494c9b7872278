# Comparisons, comparison chains (each operand evaluated once), is / is not, in / not in.
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 <= 1 < 2, 1 == 1 != 2)
print(1 < 2 > 0, 5 > 3 == 3, 0 < 1 < 2 < 3 < 4 < 5, 0 < 1 < 0 < 3)
def val(tag, v):
    print("eval", tag)
    return v
print(val("a", 1) < val("b", 2) < val("c", 3))
print(val("a", 3) < val("b", 2) < val("c", 3))
print(val("x", 1) == val("y", 1) == val("z", 2))
print([1, 2] == [1, 2], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9, 9])
print((1, 2) == (1, 2), (1, "b") < (1, "c"), (1, 2, 3) > (1, 2), () < (0,))
print("abc" < "abd", "abc" < "ab", "B" < "a", "a" * 3 == "aaa")
print(1 == 1.0, 0 == False, 1 == True, "1" == 1, None == 0, None == None)
print([] == [], [] == (), {} == {}, {1: 2} == {1: 2}, {1, 2} == {2, 1})
a = [1, 2, 3]
b = a
c = [1, 2, 3]
print(a == b, a is b, a == c, a is c, a is not c, not a is c)
print(None is None, None is not None, type(None) is type(None))
x = None
print(x is None, x == None, x is not None)
print(True is True, (1 == 1) is True, (1 < 0) is False)
print(2 in a, 5 in a, 5 not in a, not 5 in a)
print("a" in "cat", "at" in "cat", "ta" in "cat", "" in "")
print(1 in (1, 2), 3 in {1: "x", 3: "y"}, "y" in {1: "x", 3: "y"}, 2 in {1, 2})
print([1] in [[1], [2]], (1, 2) in [(1, 2)], 1.0 in [1, 2], True in [1])
print(1 < 2 in [True], (1 < 2) in [True], 2 in a in [a], 3 in a == True)
print(type(1) is int, type(1.0) is float, type("") is str, type([]) is list)
print(isinstance(x, type(None)), type(a) == list, type(a) is not tuple)
print(min(3, 1, 2), max("apple", "banana"), max([1, 2], [1, 3]))
print(sorted([3, 1, 2]) == [1, 2, 3], sorted("cba") == list("abc"))
print(float("nan") == float("nan"), float("inf") > 1e308, -float("inf") < -1e308)
n = 5
print(0 <= n < 10, 0 <= n < 5, 1 <= n <= 5, not 0 < n < 5)
grade = 85
print("A" if grade >= 90 else "B" if 80 <= grade < 90 else "C")
pairs = [(1, "b"), (1, "a"), (0, "z")]
print(sorted(pairs), min(pairs), max(pairs))
try:
    print(1 < "a")
except TypeError as e:
    print("TypeError:", e)
try:
    print([1] < (1,))
except TypeError as e:
    print("TypeError:", e)
try:
    print(None < None)
except TypeError as e:
    print("TypeError:", e)
print([1, "a"] == [1, "a"], [1, "a"] != [1, "b"], (1, [2]) == (1, [2]))
