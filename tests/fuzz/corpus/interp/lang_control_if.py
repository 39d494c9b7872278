# if / elif / else, nested conditionals, truthiness of conditions, pass in empty branches.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"
for n in (-5, 0, 3, 42, 1000):
    print(n, classify(n))
x = 15
if x % 3 == 0 and x % 5 == 0:
    print("FizzBuzz")
elif x % 3 == 0:
    print("Fizz")
if x > 10:
    if x > 20:
        print("> 20")
    else:
        print("between 10 and 20")
if []:
    print("never")
elif [0]:
    print("non-empty list is true")
if "":
    pass
else:
    print("empty string is false")
if None:
    pass
if x: print("one-line if")
if not x: print("no")
else: print("one-line else")
y = 0
if x > 100:
    y = 1
elif x > 50:
    y = 2
print(y)
def sign(v):
    if v > 0: return 1
    if v < 0: return -1
    return 0
print([sign(v) for v in (-2, 0, 2)])
grade_points = {"A": 4, "B": 3}
for g in "ABCF":
    if g in grade_points:
        print(g, grade_points[g])
    elif g == "C":
        print(g, "average")
    else:
        print(g, "unknown")
def leap(year):
    if year % 400 == 0:
        return True
    if year % 100 == 0:
        return False
    return year % 4 == 0
print([y for y in (1900, 2000, 2023, 2024) if leap(y)])
a, b, c = 3, 7, 5
if a > b:
    if a > c:
        biggest = a
    else:
        biggest = c
elif b > c:
    biggest = b
else:
    biggest = c
print("biggest:", biggest)
n = len("nested")
if n > 3:
    if n % 2 == 0:
        print("long and even", n)
