# Method dispatch and attribute access on user objects: 1M calls.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x * self.x + self.y * self.y
    def moved(self, dx):
        return Point(self.x + dx, self.y)
p = Point(1, 2)
acc = 0
for i in range(500000):
    acc += p.norm2()
    q = p.moved(1)
    acc += q.x
print(acc)
