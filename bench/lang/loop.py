# A plain arithmetic loop at module level (notebook style): 3M iterations.
s = 0
for i in range(3000000):
    s += i * 2 % 7
print(s)
