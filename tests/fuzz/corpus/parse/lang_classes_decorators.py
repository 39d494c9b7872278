# @staticmethod, @classmethod (alternate constructors, cls in subclasses), @property with setter/deleter.
class Temperature:
    unit = "C"
    def __init__(self, celsius=0.0):
        self._c = celsius
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @fahrenheit.setter
    def fahrenheit(self, f):
        self.celsius = (f - 32) * 5 / 9
    @staticmethod
    def c_to_f(c):
        return c * 9 / 5 + 32
    @classmethod
    def from_fahrenheit(cls, f):
        t = cls()
        t.fahrenheit = f
        return t
    @classmethod
    def describe_class(cls):
        return "%s in %s" % (cls.__name__, cls.unit)
t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.celsius = 100
print(t.celsius, t.fahrenheit)
t.fahrenheit = 32
print(t.celsius)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
print(Temperature.c_to_f(37), t.c_to_f(0))
u = Temperature.from_fahrenheit(212)
print(type(u).__name__, u.celsius)
print(Temperature.describe_class(), t.describe_class())
class Kelvin(Temperature):
    unit = "K"
k = Kelvin.from_fahrenheit(50)
print(type(k).__name__, k.celsius, Kelvin.describe_class())
class ReadOnly:
    def __init__(self):
        self._v = 42
    @property
    def value(self):
        return self._v
r = ReadOnly()
print(r.value)
try:
    r.value = 1
except AttributeError as e:
    print("AttributeError:", e)
class WithDeleter:
    def __init__(self):
        self._x = "x"
    @property
    def x(self):
        return self._x
    @x.setter
    def x(self, v):
        print("setting x to", v)
        self._x = v
    @x.deleter
    def x(self):
        print("deleting x")
        self._x = None
w = WithDeleter()
w.x = "new"
print(w.x)
del w.x
print(w.x)
class MathUtil:
    PI = 3.14159
    @staticmethod
    def square(v):
        return v * v
    @staticmethod
    def hyp(a, b):
        return (MathUtil.square(a) + MathUtil.square(b)) ** 0.5
    @classmethod
    def circle_area(cls, r):
        return cls.PI * cls.square(r)
print(MathUtil.square(5), MathUtil.hyp(3, 4), MathUtil.circle_area(2), MathUtil().square(3))
class Registry:
    items = []
    @classmethod
    def register(cls, name):
        cls.items.append(name)
        return len(cls.items)
print(Registry.register("a"), Registry.register("b"), Registry.items)
print(callable(Temperature.c_to_f), isinstance(Temperature.celsius, property))
class Circle:
    def __init__(self, r):
        self.r = r
    @property
    def area(self):
        return round(3.14159 * self.r ** 2, 3)
    @property
    def diameter(self):
        return 2 * self.r
    @diameter.setter
    def diameter(self, d):
        self.r = d / 2
c = Circle(1)
c.diameter = 10
print(c.r, c.area, c.diameter)
