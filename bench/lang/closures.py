# Closures, generators and comprehensions.
def make_adder(k):
    def add(x):
        return x + k
    return add
adders = [make_adder(k) for k in range(10)]
total = 0
for i in range(100000):
    total += adders[i % 10](i)
squares = sum(x * x for x in range(500000) if x % 3)
print(total, squares)
