# f-strings and str.format, as training loops print them.
lines = []
for i in range(150000):
    lines.append(f"epoch {i:4d} loss {i * 0.001:.4f} acc {i % 100}%")
lines.append("{:>10} {:<5}".format("a", 3))
print(len(lines), lines[1234])
