# import / from-import / import-as of the supported modules, and the __future__ and __main__ idioms.
from __future__ import print_function
import math
import random
import sys
import time
import math as m
from math import sqrt, pi as PI, floor
from random import seed, randint
from time import time as now
print(math.sqrt(16), m.sqrt(16), sqrt(16), PI == math.pi, floor(2.7))
print(type(math).__name__, math.__name__, m is math)
seed(1)
a = randint(1, 100)
random.seed(1)
b = random.randint(1, 100)
print(a == b, a)
t0 = now()
print(isinstance(t0, float), t0 > 1.6e9, time.time() >= t0)
print(type(sys.argv).__name__, len(sys.argv), sys.argv[0])
sys.stdout.write("written with sys.stdout.write\n")
def local_import():
    import math as local_math
    from math import factorial
    return local_math.floor(3.9), factorial(5)
print(local_import())
print(__name__)
if __name__ == '__main__':
    print("running as the main program")
else:
    print("imported")
def main():
    print("main() called")
    return 0
if __name__ == "__main__":
    main()
try:
    import not_a_real_module_name
except ImportError as e:
    print(type(e).__name__, e)
try:
    from math import not_a_function
except ImportError as e:
    print(type(e).__name__, e)
import math, sys
print(math.floor(-0.5), sys.maxsize)
from math import *
print(ceil(0.1), e == math.e, isclose(0.1 + 0.2, 0.3))
import random as rnd
rnd.seed(7)
print(rnd.random() == (random.seed(7) or random.random()))
print(hasattr(math, "sqrt"), hasattr(math, "nope"), callable(getattr(math, "sqrt")))
print(getattr(sys, "argv")[0] == sys.argv[0])
