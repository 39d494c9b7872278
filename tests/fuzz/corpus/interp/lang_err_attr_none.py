# Ends with an uncaught AttributeError on None (a function that forgot to return its result).
def build(n):
    items = []
    for i in range(n):
        items.append(i * i)
def build_fixed(n):
    items = []
    for i in range(n):
        items.append(i * i)
    return items
class Box:
    def __init__(self, content=None):
        self.content = content
    def get(self):
        return self.content
print(build_fixed(4))
box = Box([1, 2])
box.get().append(3)
print(box.content)
empty = Box()
print(empty.get(), empty.get() is None)
lst = [3, 1, 2]
sorted_result = lst.sort()
print(sorted_result, lst)
try:
    None.upper()
except AttributeError as e:
    print("caught:", e)
try:
    empty.get().append(1)
except AttributeError as e:
    print("caught:", e)
result = build(4)
print("result is", result)
result.append(16)
print("never printed")
