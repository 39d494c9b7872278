# while loops: conditions, break / continue / else, loop-and-a-half, counting.
n = 5
while n > 0:
    print(n, end=" ")
    n -= 1
print("liftoff")
i = 0
while True:
    i += 1
    if i % 2:
        continue
    if i > 8:
        break
    print("even", i)
k = 0
while k < 3:
    k += 1
else:
    print("while-else ran, k =", k)
k = 0
while k < 10:
    k += 1
    if k == 4:
        print("breaking at", k)
        break
else:
    print("not printed")
def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
print([collatz(n) for n in range(1, 12)], collatz(27))
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
print(gcd(48, 18), gcd(17, 5), gcd(0, 9), gcd(2 ** 40, 6 ** 10))
a, b = 0, 1
fibs = []
while a < 100:
    fibs.append(a)
    a, b = b, a + b
print(fibs)
stack = [1, [2, [3, [4]]]]
depth = 0
while isinstance(stack, list) and stack:
    depth += 1
    stack = stack[-1]
print("depth", depth, stack)
queue = [1]
seen = []
while queue:
    x = queue.pop(0)
    if x > 20 or x in seen:
        continue
    seen.append(x)
    queue.append(x * 2)
    queue.append(x * 3)
print(seen)
x = 1.0
iters = 0
while abs(x * x - 2) > 1e-12:
    x = (x + 2 / x) / 2
    iters += 1
print(x, iters)
i = j = 0
while i < 3:
    j = 0
    while j < 3:
        if j == i:
            j += 1
            continue
        print(i, j, end="; ")
        j += 1
    i += 1
print()
count = 0
while count < 1000000:
    count += 1
print(count)
