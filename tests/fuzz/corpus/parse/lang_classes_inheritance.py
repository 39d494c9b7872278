# Single inheritance, method overriding, super() and super(Cls, self), isinstance / issubclass.
class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
    def intro(self):
        return "%s the %s says %s" % (self.name, self.kind, self.speak())
class Dog(Animal):
    kind = "dog"
    def speak(self):
        return "Woof"
class Puppy(Dog):
    def __init__(self, name, toy):
        super().__init__(name)
        self.toy = toy
    def speak(self):
        return super().speak() + " (squeaky)"
    def intro(self):
        return super(Puppy, self).intro() + " and loves the " + self.toy
class Cat(Animal):
    kind = "cat"
    def __init__(self, name, indoor=True):
        Animal.__init__(self, name)
        self.indoor = indoor
    def speak(self):
        return "Meow"
for a in [Animal("Generic"), Dog("Rex"), Puppy("Bit", "ball"), Cat("Tom")]:
    print(a.intro())
p = Puppy("Bit", "ball")
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(p, Cat), isinstance(p, object))
print(issubclass(Puppy, Dog), issubclass(Dog, Puppy), issubclass(Cat, Animal), issubclass(Animal, object))
print(issubclass(bool, int), issubclass(int, object), isinstance(True, int), isinstance(1, (str, int)))
print(isinstance(p, (Cat, Dog)), issubclass(Puppy, (Cat, Dog)))
print(type(p).__name__, type(p) is Puppy, type(p) is Dog)
class Base:
    def __init__(self):
        print("Base.__init__")
        self.log = ["base"]
    def hook(self):
        return "base hook"
    def run(self):
        return "run -> " + self.hook()
class Derived(Base):
    def __init__(self):
        print("Derived.__init__ before super")
        super().__init__()
        self.log.append("derived")
    def hook(self):
        return "derived hook"
d = Derived()
print(d.log, d.run())
class NoInit(Base):
    pass
n = NoInit()
print(n.log, n.run())
class Shape:
    def area(self):
        raise NotImplementedError("subclass must implement area")
    def describe(self):
        return "%s with area %.2f" % (type(self).__name__, self.area())
class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h
class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side)
class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2
for s in [Rect(2, 3), Square(4), Circle(1)]:
    print(s.describe())
try:
    Shape().describe()
except NotImplementedError as e:
    print("NotImplementedError:", e)
class Counter:
    instances = 0
    def __init__(self):
        type(self).instances += 1
class SubCounter(Counter):
    pass
Counter(); Counter(); SubCounter()
print(Counter.instances, SubCounter.instances)
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B>" + super().who()
class C(B):
    def who(self):
        return "C>" + super().who()
print(C().who(), B().who(), super(C, C()).who(), super(B, C()).who())
class MyList(list):
    def sum(self):
        return sum(self)
ml = MyList([1, 2, 3])
ml.append(4)
print(ml, ml.sum(), len(ml), isinstance(ml, list))
class MyDict(dict):
    def get_or(self, key):
        return self[key] if key in self else "no " + key
md = MyDict(a=1)
md["c"] = 3
print(md["a"], md.get_or("b"), md, len(md))
