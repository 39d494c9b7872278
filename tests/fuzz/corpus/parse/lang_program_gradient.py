# A numeric program in pure Python: fit y = w*x + b by gradient descent, k-means in 1-D, matrix helpers.
import math
import random
random.seed(0)
xs = [i / 10 for i in range(20)]
ys = [2.5 * x - 1.0 + random.gauss(0, 0.1) for x in xs]
w, b = 0.0, 0.0
lr = 0.1
for epoch in range(200):
    gw = gb = 0.0
    for x, y in zip(xs, ys):
        err = w * x + b - y
        gw += 2 * err * x
        gb += 2 * err
    w -= lr * gw / len(xs)
    b -= lr * gb / len(xs)
    if epoch % 50 == 0:
        loss = sum((w * x + b - y) ** 2 for x, y in zip(xs, ys)) / len(xs)
        print("epoch %3d loss %.6f w %.4f b %.4f" % (epoch, loss, w, b))
print("fit: w=%.3f b=%.3f" % (w, b))
def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]
def transpose(m):
    return [list(r) for r in zip(*m)]
A = [[1, 2], [3, 4], [5, 6]]
B = [[1, 0, -1], [2, 1, 0]]
print(matmul(A, B), transpose(A), matmul(transpose(A), A))
I = [[1 if i == j else 0 for j in range(3)] for i in range(3)]
print(matmul(I, [[1], [2], [3]]))
points = [random.uniform(0, 10) for _ in range(30)]
centers = [1.0, 5.0, 9.0]
for it in range(10):
    groups = [[] for _ in centers]
    for p in points:
        k = min(range(len(centers)), key=lambda i: abs(p - centers[i]))
        groups[k].append(p)
    centers = [sum(g) / len(g) if g else c for g, c in zip(groups, centers)]
print([round(c, 4) for c in centers], [len(g) for g in groups])
def softmax(v):
    m = max(v)
    e = [math.exp(x - m) for x in v]
    s = sum(e)
    return [x / s for x in e]
logits = [2.0, 1.0, 0.1]
probs = softmax(logits)
print([round(p, 6) for p in probs], "cross-entropy(target=0): %.6f" % -math.log(probs[0]))
def mean_std(v):
    m = sum(v) / len(v)
    return m, math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1))
print("mean %.5f std %.5f" % mean_std(ys))
hist = [0] * 5
for p in points:
    hist[min(int(p // 2), 4)] += 1
for i, h in enumerate(hist):
    print("[%d,%2d) %s" % (2 * i, 2 * i + 2, "#" * h))
