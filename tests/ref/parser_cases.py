"""tests/ref/parser_cases.py — the parser corpus: snippets that CPython 3.11 accepts, rejects, or that
we reject on purpose (async/await/match). Read by gen_parser.py. One-line snippets are one per line;
multi-line blocks are separated by lines holding only '%%'. A leading 'single: ' or 'eval: ' selects the mode."""

VALID_LINES = r"""
x = 1
x = y = z = 0
a, b = b, a
a, *b = c
*a, b = c
[a, *b] = c
(a, b), c = d
x = *a, *b
x = 1,
x = ()
x = (1,)
x = (1)
x = [1, 2, 3]
x = []
x = [1, 2,]
x = {}
x = {1: 2, 'a': b}
x = {**a, 'b': 1, **c}
x = {1, 2, 3}
x = {*a, *b}
x += 1
x -= 1; y *= 2; z @= 3
x /= 2; x //= 2; x %= 2; x **= 2
x <<= 1; x >>= 1; x &= 1; x |= 1; x ^= 1
a.b.c += 1
a[0] += 1
x: int
x: int = 1
a.b: int = 1
a[0]: int
(x): int = 3
x: list[int] = []
-x**2
not a == b
a if b else c if d else e
(a if b else c) if d else e
lambda: (yield)
lambda: 0
lambda x: x
lambda x, y=1, *args, z, w=2, **kw: x
lambda *, a: a
lambda a, /, b: a
lambda *a, **k: 0
f = lambda x=lambda: 1: x
a < b < c
a < b <= c > d >= e == f != g
a is b; a is not b; a in b; a not in b
a and b or c
a or b and c
a and b and c
a or b or c
not not a
~a + -b * +c
a + b - c
a * b / c // d % e @ f
a ** b ** c
a << b >> c
a & b | c ^ d
a | b & c
(a + b) * c
-(-a)
2 ** -1
x[1:3, ::2, None, ...]
x[1:2]
x[:]
x[::]
x[::-1]
x[a:b:c]
x[1:]
x[:2]
x[a, b]
x[a,]
x[(a, b)]
x[*a]
x[1:2, *a]
x[...]
x.y.z
x.y[0].z()
f()
f(a)
f(a, b)
f(a, *b, c=1, **d)
f(*a, *b)
f(**a, **b)
f(a=1, *b)
f(a)(b)(c)
f(x for x in y)
f(x for x in y if x)
print(x, end='')
f(a, b,)
f(*args,)
[x for x in y]
[x for x in y if x if z]
[x for x in y for z in x]
[(x, y) for x in a if x for y in b if y]
{x for x in y}
{k: v for k, v in d.items()}
(x for x in y)
[x for x, in y]
[x for *a, b in c]
x = [i * 2 for i in range(10) if i % 2 == 0]
x = (yield)
x = yield
x = yield 1
x = yield 1, 2
x = yield from y
yield
yield x
yield from x
await_ = 1
True
False
None
...
x = ...
1
1.5
1e10
1E-5
.5
5.
1_000_000
0x_FF
0xDEADbeef
0o777
0b1010
0O17
0B11
1j
1.5j
1e3J
0j
1e999
123456789012345678901234567890
0xFFFFFFFFFFFFFFFFFFFF
9223372036854775807
9223372036854775808
0.1
1e-320
3.141592653589793
1e16
0.000001
0
00
0_0
'abc'
"abc"
'it\'s'
"say \"hi\""
'a\nb\tc\\d'
'\x41\u0042\U00000043'
'\101\7\0'
r'\n\t'
R"raw\"s"
b'bytes'
B"BYTES"
rb'\x00'
Rb'a'
bR'a'
br'\d+'
b'\x00\xff\n'
u'unicode'
U'UNI'
'a' 'b'
'a' "b" 'c'
b'a' b'b'
'张量'
张量 = 1
变量名 = 张量 + 1
x = 'héllo wörld'
x = 'emoji 😀'
x = '\u00e9'
x = '\t\x7f\x80'
x = 'quote\'s and "dq"'
x = "single ' only"
x = 'double " only'
x = '\\'
x = ''
x = b''
x = f''
f'abc'
f'{x}'
f'{x!r}'
f'{x!s}'
f'{x!a}'
f'{x:>10}'
f'{x:{w}}'
f'{x:{w}.{p}f}'
f'{x=}'
f'{x = }'
f'{x=!s}'
f'{x=:>10}'
f'{{}}'
f'{{x}}'
f'a{{b}}c{d}e'
f'{x}{y}'
f'{x} {y}'
f'{a["b"]}'
f"{a['b']}"
f'{x + 1}'
f'{x, y}'
f'{f"{x}"}'
f'{"nested"}'
f'{3.14:.2f}'
f'{x!r:^20}'
f'{d[1:2]}'
f'{a if b else c}'
f'{x:%H:%M}'
f'{lambda_}'
'a' f'{b}' 'c'
f'{a}' 'b' f'{c}'
'x' f'y'
f'{x}' f'{y}'
F'{x}'
rf'\n{x}'
fr'{x}\n'
Rf'{x}'
f'\n{x}\t'
f'{x!r}' 'tail'
f'{x:}'
f'{ x }'
f'{x==y}'
f'{x!=y}'
f'{x>=y}'
pass
break
continue
return
return x
return x, y
return *a, b
del x
del x, y
del x[0], y.z
del (a, b)
del [a, b]
del (x)
raise
raise E
raise E from e
raise E(1) from None
assert x
assert x, 'msg'
import os
import os.path
import os.path as p
import a, b as c, d.e
from os import path
from os import path as p, sep
from os import (path, sep)
from os import (path, sep,)
from . import x
from .. import x
from .a import b
from ...a import b
from .... import x
from x import *
global a
global a, b
nonlocal a
nonlocal a, b
x = a if b else c
x = not a
x = a is not None
x = (a := 1)
if (n := len(a)) > 10: pass
[y := f(x), y**2]
f(x := 1)
print((x := 1))
x[a := 1]
x = (1 if a else 2)
x = (a for b in c)
x = [*a, *b]
x = (*a, *b)
x = a.b(c)[d:e].f
x = (a)(b)
x = (a).b
x = (a)[b]
x = 1 + (2)
x = ((1))
x = ((1, 2))
x = (((a)))
x = f(*a)(**b)
x = a @ b
x = -1
x = +1
x = ~1
x = - - 1
x = not (a and b)
x = a < (b < c)
x = 0 if x else 1
x = {**a}
x = {a: b for c in d if e}
x = [[1, 2], [3, 4]]
x = [[x for x in y] for y in z]
x = {'a': [1, {2: (3,)}]}
x = (1, 2)[0]
x = 'abc'[::-1]
x = 'a'.join(b)
x = 1 .real
x = 1.0.real
x = 1j.imag
x = a if b else(c)
x = [lambda: 1, lambda: 2]
x = lambda: lambda: 0
x = 1 ; y = 2 ;
if x: pass
while x: pass
for x in y: pass
for x, y in z: pass
for (x, y) in z: pass
for [x, y] in z: pass
for x, in y: pass
for *x, y in z: pass
for x in *a, *b: pass
for x in a, b: pass
for x.y in z: pass
for x[0] in z: pass
with a: pass
with a as b: pass
with a as b, c as d: pass
with a as (b, c): pass
with a as [b, c]: pass
with a as b.c: pass
with (a, b): pass
with (a as b, c as d): pass
with (a as b, c as d,): pass
with (a): pass
with (a) as b: pass
with a, b: pass
with f() as x: pass
class A: pass
class A(): pass
class A(B): pass
class A(B, C): pass
class A(metaclass=M): pass
class A(B, metaclass=M, **kw): pass
class A(*bases): pass
def f(): pass
def f(a): pass
def f(a, b=1): pass
def f(a, /, b, *, c): pass
def f(a, /): pass
def f(a=1, /, b=2): pass
def f(*, a): pass
def f(*, a=1, b): pass
def f(*args): pass
def f(**kwargs): pass
def f(*args, **kwargs): pass
def f(a, *args, b, c=2, **kwargs): pass
def f(a: int, b: str = 'x') -> bool: pass
def f(*args: int, **kw: str): pass
def f(a,): pass
def f(*a,): pass
def f(**k,): pass
def f(a, b, /, c, d, *, e, f): pass
def f(x=lambda: 1): pass
def f() -> None: return
def f(a=(1, 2), b=[3]): pass
x = 1 # comment
# just a comment
"""

VALID_BLOCKS = r'''
x = (1 + # comment inside
     2)
%%
x = [
    1,  # one
    2,  # two
]
%%
x = 1 + \
    2
%%
x = {
    'a': 1,
    'b': 2,
}
%%
f(a,
  b)
%%
x = (
    1
)
%%
if x:
    pass
%%
if x:
    pass
else:
    pass
%%
if x:
    a
elif y:
    b
elif z:
    c
else:
    d
%%
if a:
    if b:
        pass
    else:
        pass
%%
while x:
    x -= 1
else:
    done()
%%
while True:
    if x:
        break
    continue
%%
for i in range(10):
    print(i)
else:
    print('done')
%%
for x in y:
    for z in x:
        pass
%%
try:
    pass
except:
    pass
%%
try:
    pass
except E:
    pass
%%
try:
    pass
except E as e:
    pass
except (A, B) as e:
    pass
except:
    raise
else:
    ok()
finally:
    cleanup()
%%
try:
    pass
finally:
    pass
%%
try:
    x
except E:
    y
finally:
    z
%%
try:
    x
except E:
    y
else:
    z
%%
with open(f) as a, open(g) as b:
    data = a.read()
%%
with (
    open(f) as a,
    open(g) as b,
):
    pass
%%
with (yield):
    pass
%%
def f():
    return 1
%%
def f(x):
    """Docstring."""
    return x * 2
%%
def f():
    yield
    yield 1
    yield from g()
    x = yield
%%
def outer():
    x = 1
    def inner():
        nonlocal x
        x += 1
    return inner
%%
@decorator
def f():
    pass
%%
@a
@b.c
@d(e, f=g)
def f():
    pass
%%
@dec
class A:
    pass
%%
@property
def x(self): return self._x
%%
@ (lambda f: f)
def g(): pass
%%
@x[0].y
def g(): pass
%%
class A(B, metaclass=M):
    x: int = 0
    def __init__(self, a, *, b=1):
        self.a = a
        super().__init__()
    @staticmethod
    def s(): pass
%%
class A:
    class B:
        pass
%%
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 2)

    def forward(self, x):
        return self.fc(x).relu()
%%
if x:
    pass
# trailing comment
%%
if x:  # comment
    pass  # comment
    # comment at body level
# comment at top
else:  # c
    pass
%%
x = 1


y = 2
%%
def f():
    pass

    
x = 1
%%
if x:
	y = 1
	if z:
		w = 2
%%
x = """
multi
line
"""
%%
x = @TQ@a
b@TQ@ 'c'
%%
x = ("abc"
     "def")
%%
x = f"""
{a}
{b:>3}
"""
%%
x = f@TQ@
  {a}@TQ@
%%
f@TQ@
{x +
 y}@TQ@
%%
x = f'{a}' \
    f'{b}'
%%
x = [
    f'{a}',
    f'{b!r}',
]
%%
if x:
    pass
elif y: pass
else: pass
%%
for x in y: a; b; c
%%
def f(): return 1; x = 2
%%
class A: x = 1; y = 2
%%
while x: x -= 1
else: pass
%%
x = [
]
%%
x = (1,
     2,
     3)
%%
def f(
    a,
    b=1,
    *,
    c,
):
    pass
%%
result = (
    a
    + b
    - c
)
%%
assert (
    x
), "message"
%%
if True:
    x = 1 + \
2
%%
try:
    import foo
except ImportError as e:
    foo = None
%%
def gen():
    x = yield from range(3)
    return x
%%
lambda: (yield)
%%
x = [i for i in range(3)] \
  + [0]
%%
x = {
    'key': [
        1, 2,
    ],
}
%%
print(f"{x!r:>{width}} and {y:.{prec}f}")
%%
def 函数(参数):
    return 参数 * 2
%%
张量 = torch.zeros(2, 3)
print('张量', 张量)
%%
a = 1
  # indented comment
b = 2
%%
if a:
    b
    
    c
%%
x = 'a' \
    'b'
%%
@decorator

def f(): pass
%%
x = (  # comment
    1)
%%
if x:
    pass
elif y:
    pass
%%
def f(a, b):
    global g
    g = a + b
    del a, b
    assert g
    return g
'''

SINGLE = r"""
single: x = 1
single: 1 + 2
single: if x:
    pass

single: pass
single: x
single: for x in y: pass
"""

EVAL = r"""
eval: 1 + 2
eval: x if y else z
eval: lambda: 0
eval: 1, 2
eval: (x for x in y)
"""

INVALID_LINES = r"""
x = 1 +
1 +
x y
a b
f(a b)
[a b]
{a b}
(a b)
f(1 2)
[x for x in]
x = )
x = ]
x = }
(]
[)
{)
x = (1, 2]
'abc
"abc
x = 'abc
x = "a" "b
1abc
x = 1_
x = 1__0
x = 1e
x = 1e+
x = 0x
x = 0xg
x = 0o78
x = 0o
x = 0b2
x = 0b
x = 0777
x = 01
x = 1.5j_
x = 1.5x
x = 5 $
x = $
x = 1 ? 2
a = `x`
x = …
x = a…
f() = 1
1 = x
a + b = 1
-a = 1
f() = 1 = 2
x = f() = 1
x = 1 = 2
[a, 1] = x
(a, 1) = x
True = 1
None = 1
... = 1
'a' = 1
a, f() = 1
x = yield = 3
(yield) = 1
lambda: 1 = 1
a if b else c = 1
a < b = 1
a and b = 1
not a = 1
{a: b} = 1
{a} = 1
[x for x in y] = 1
f'{x}' = 1
(a, b) += 1
a, b += 1
f() += 1
[a] += 1
1 += 1
x.y() += 1
if x = 1: pass
while x = 1: pass
f(a=1, b)
f(a=1, b+c, d)
f(**x, y)
f(**k, b+c)
f(**x, *y)
f(a for a in b, c)
f(c, a for a in b)
f(x=1 for x in y)
f(a.b=1)
f(True=1)
f(None=1)
f(a, b for b in c)
del f()
del 1
del (a + b)
del *a
del [a, f()]
for 1 in x: pass
for f() in x: pass
with x as 1: pass
with x as f(): pass
lambda x=1, y: 0
def f(x=1, y): pass
def f(*): pass
def f(*, **k): pass
def f(**k, a): pass
def f(**k, *a): pass
def f(*a, *b): pass
def f(a, /, b, /): pass
def f(/): pass
def f(*a=1): pass
def f(**a=1): pass
import
from x import
from x import (a, b
from x import a,
import a.
from . import
x = {1: 2, 3}
x = {1: 2, 3: }
x = {1: }
x = 1 if 2
x = 1 if 2 else
x = a.1
x = a.
print "hello"
print x
exec "x"
print(1) print(2)
a = 1; ; b
else: pass
elif x: pass
except: pass
finally: pass
if x: pass
else x: pass
x: int = 1 = 2
(a, b): int
[a]: int
a, b: int
f(): int
a + 1: int
1: int
x = (1,
x = [1, 2
f(
(1
x = {1: 2,
x = \
print 'a'
if x
while x
for x in y
def f()
class A
class A()
with x
try
try:
  pass
  pass
x = 5 5
f(**)
f(*)
[*]
x = *
lambda *: 0
import a as b.c
from a import b.c
from a import *, b
global
nonlocal x,
return return
pass pass
x = (yield) yield
a[1:2:3:4]
x[1,:2]:
@
@dec
@dec x
def
class
if
if :
x = not
x = 1 +* 2
x = a ** ** b
x = 1 < < 2
f'{'
f'{}'
f'}'
f'{x!}'
f'{x!z}'
f'{x:{y:{z}}}'
f'{=}'
f'{x!r=}'
f'{x'
b'é'
'a' b'b'
x = '\x1'
x = '\u12'
x = '\U1234'
x = '\U00110000'
x = 1 \ 2
x = 1 \a
"""

INVALID_BLOCKS = r'''
if x:
        a = 1
	b = 2
%%
x = (1 + # comment inside
     2)
%%
x = [
    1,  # one
    2,  # two
]
%%
x = 1 + \
    2
%%
x = {
    'a': 1,
    'b': 2,
}
%%
f(a,
  b)
%%
x = (
    1
)
%%
if x
    y = 1
  z = 2
%%
if x:
    y = 1
  z = 2
%%
  x
%%
x
  y
%%
if x:
  y
    z
%%
if x:
	y
        z
%%
if x:
        y
	z
%%
if x:
%%
if x:
pass
%%
def f():
return 1
%%
for x in y:
pass
%%
while x:

%%
class A:
%%
with x:
%%
try:
%%
try:
  pass
except:
%%
try:
  pass
finally:
%%
if x:
  pass
elif y:
%%
if x:
  pass
else:
%%
for x in y:
  pass
else:
%%
while x:
  pass
else:
%%
try:
  pass
except E as e:
%%
def f():
  """doc"""
  x = (
%%
try:
  pass
x=1
%%
try:
  pass
%%
try:
  pass
except E, F:
  pass
%%
try:
  pass
else:
  pass
%%
x = [1, 2
y = 3
%%
foo(
  1,
  2
bar()
%%
x = (1 +
     2
y = [3
%%
def f():
    x = 1
   y = 2
%%
if x:
    pass
  else:
    pass
%%
class A:
    def f(self):
    pass
%%
@dec
x = 1
%%
@dec
%%
x = """abc
def
%%
x = f"""abc
{y
%%
x = 1 +
y = 2
%%
def f(x):
    return x +
%%
print "hello"
x = 1
%%
x = (1
     2)
%%
if x:
    pass
else:
    pass
else:
    pass
%%
x = 1
)
%%
def f(:
  pass
%%
class A(:
  pass
%%
for x in range(10):
    print(x
%%
x = [
    1,
    2
%%
s = 'abc
t = 1
%%
x = 1
y = 2 +
z = )
%%
a = 1
b = 'unterminated
c = (
%%
if True:
    x = (
        1
    y = 2
%%
x = 1 \
%%
def f(a, b):
    return a b
'''

UNSUPPORTED = r"""
async def f(): pass
async def f():
    await x
match x:
    case 1: pass
"""

# ---- second batch (explored against CPython; kept as exact strings) ----

MORE_VALID = [
    'del ()',
    'x = 1in x',
    'x = 1or x',
    'x = 1and 2',
    "x = f'{yield}'",
    '*a',
    '*a, *b = c',
    'a, b, *c, *d = e',
    '张量 = 1 + x',
    "x = '张量' + y",
    'f(张量, b=变量)',
    "x = 'é' if é else 'ü'",
    "d = {'名': 1}['名']",
    "x = f'{张量}'",
    "x = f'张{x}量{y!r}'",
    'x = f\'{x:{"a"}}\'',
    'x = f"{\'a\' if x else \'b\'}"',
    "x = f'{x!r:{w}.{p}}'",
    "x = f'{x:{w}{{}}}'",
    "x = f'{ {1: 2}[1] }'",
    "x = f'{(lambda: 1)()}'",
    "x = f'{x:=^10}'",
    "x = f'{x:{y}=}'",
    "x = f'{a}{b}{c}'",
    'x = f\'{"{"}\'',
    "x = f'{x}' 'a' 'b' f'{y}' 'c'",
    "x = 'a' 'b' f'' 'c'",
    "x = f'' f''",
    "x = f'{x=!r:^9}'",
    "x = f'{ x = !r}'",
    'x = f"{x!r}" f"{y!s}"',
    "x = f'\\\\{x}'",
    "x = f'\\x41{x}'",
    "x = rf'\\d{x}\\w'",
    "x = f'{x:\\n}'",
    "print(f'{x}', end=f'{y}\\n')",
    'x[1:2:3]',
    'x[::2, 1:]',
    'x[a:b, c:d]',
    'x[1:2,]',
    'x[lambda: 1]',
    'x[a if b else c]',
    'x[a, b:c, ...]',
    'x[()]',
    'x[(1, 2), 3]',
    'x = a[b][c][d]',
    'x = a()()()',
    'x = a.b().c[d].e()',
    'x = -a ** -b',
    'x = (-a) ** b',
    'x = not -a',
    'x = a if not b else c',
    'x = a or not b',
    'x = a < b and c > d or e',
    'x = (a, b) if c else (d, e)',
    "x = [*range(3), *'ab']",
    "x = {**{'a': 1}, 'b': 2}",
    'x = {1: 2, **d}',
    'f(*a, b, *c, d=1, **e, f=2)',
    'f(a, *b, c=1, *d, **e)',
    'f(**a, b=1)',
    'lambda a=1, /, b=2, *c, d, e=3, **f: 0',
    'lambda a, b, /: 0',
    'lambda *a, b=1: 0',
    'lambda **k: k',
    "def f(a: 'int' = 1, *, b: int = 2) -> 'str': pass",
    'def f(a=1, /, b=2, *, c): pass',
    'def f(*args: *Ts): pass',
    'x = yield',
    'async_ = 1; await_ = 2; match = 3; case = 4; _ = 5',
    'match(x)',
    'match[x]',
    'match.x = 1',
    'case = match',
    'print(match, case)',
    'type = 1',
    'x = 1_0.5_0e1_0',
    'x = 0_0j',
    'x = 1e1j',
    'x = 10000000000000000000000.0',
    'x = 0.1e-5',
    'x = 1_2_3',
    'x = 0x1_2',
    'x = 0b_1',
    'x = 0o_7',
    'x = 1.',
    'x = 1.e5',
    'x = .1e5',
    'x = 1e+5',
    'x = 1E5j',
    'x = 18446744073709551616',
    'x = 18446744073709551615',
    'x = 0o7777777777777777777777777',
    'x = 0b11111111111111111111111111111111111111111111111111111111111111111',
    'x = 1 if x else 2 if y else 3',
    'x = [a for b in c if d if e for f in g]',
    'x = {a: b for a, b in c}',
    'x = (a for b in c for d in e if f)',
    'x = [(yield)]',
    'x = [x for x in (yield)]',
    'x = [i for i in range(10) if i if not i]',
    'x = [a for a in b if (c := a)]',
    'x = (y := 1, 2)',
    'x = [y := 1, 2]',
    'x = lambda: (x := 1)',
    'x = a.b.c.d.e.f',
    "x = r'\\'' 'b'",
    "x = '\\''",
    'x = "\\""',
    'x = \'"\'',
    'x = "\'"',
    'x = \'\\\'"\'',
    'x = \'\'\'it\'s "q"\'\'\'',
    "x = b'\\x00\\x01\\x7f\\x80\\xff'",
    "x = b'\\t\\n\\r\\\\'",
    'x = b\'"\'',
    'x = b"\'"',
    "x = b'\\''",
    "x = '\\a\\b\\f\\v'",
    "x = '\\0'",
    "x = '\\777'",
    "x = '\\x00'",
    "x = '\\u2028'",
    "x = '\\U0001F600'",
    "x = '\\xa0\\xad'",
    "x = '\\ud800'",
    "x = u''",
    "x = U'a' 'b'",
    "x = 'a' u'b'",
    "x = '\\z'",
    "x = b'\\z'",
    "x = b'\\u1234'",
    'for x in range(3): print(x); continue',
    'while 1: break',
    'if a: b = 1; c = 2',
    'del a[0], b.c, (d, [e])',
    'assert x, (y, z)',
    'import a.b.c as d, e',
    'from .a.b import (c as d, e as f)',
    'from . import a as b',
    'global x, y, z',
    'x = not a in b',
    'x = a not in b is not c',
    'x = 1 < 2 > 3 <= 4 >= 5 == 6 != 7 in 8 not in 9 is 10 is not 11',
    'x = a | b ^ c & d << e >> f + g - h * i / j // k % l @ m ** n',
    'x = ~-+~a',
    'x = a + -b - +c',
    'x = a and (b or c)',
    'x = (a and b) or c',
    'x = a or b and c or d',
    'x = 1 ; y = 2',
    'x ; y',
    '(x)',
    '((x))',
    '(x, y)',
    '(x,)',
    'x,',
    'x, y',
    '[x]',
    '*a, = b',
    '[*a] = b',
    '(*a,) = b',
    'a, *b, c = d',
    'a = b, *c',
    'x[*a] = 1',
    'x[1:2] = y',
    'x[a][b] = c',
    'x.y.z = 1',
    '(x.y) = 1',
    '[x.y, z[0]] = w',
    'a = b = c, d = e',
    'x: int',
    "x: 'str' = 'a'",
    'x.y: int',
    'x[0]: int = 1',
    'x: list[int] = [1]',
    'x: (int) = 1',
    '(x): int',
    'x += yield',
    'x = yield from y',
    'x = await_',
    "x = (f'{x}'\n     f'{y}')\n",
    "x = 'a' \\\n    'b'\n",
    "x = 'a\\\nb'\n",
    'try: pass\nexcept: pass\n',
    'x = [1,\n2,\n3]\n',
    'x = (1  # a\n  # b\n  , 2)\n',
    'raise E from \\\n    e\n',
    'if x:\n\tpass\n',
    'if x:\n  \tpass\n',
    'if x:\n\t  pass\n',
    'if a:\n    if b:\n        pass\nelse:\n    pass\n',
    'def f():\n    return (\n        1\n    )\n',
    'class A:\n\n    def f(self):\n\n        pass\n\n',
    'if x:\n    pass\n\n    # comment\n\nelse:\n    pass\n',
    'for x in y:\n    pass\n# comment\nelse:\n    pass\n',
    'try:\n    pass\n# comment\nexcept E:\n    pass\n',
    'x = 1 \\\n    + 2 \\\n    + 3\n',
    'def f(a,\n      b):\n    pass\n',
    '@a.b.c\n@d()\n@e[0]\n@(f)\n@g if h else i\nclass C: pass\n',
    'with a as b, \\\n     c as d:\n    pass\n',
    'with (a as b,\n      c):\n    pass\n',
    'with (a, b) as c:\n    pass\n',
    'with (a)(b):\n    pass\n',
    'with (a\n      ) as b:\n    pass\n',
    'if x:\n    pass\nelif y:\n    pass\nelif z:\n    pass\n',
    'while x:\n    if y:\n        break\nelse:\n    pass\n',
    'try:\n    pass\nexcept (A, B):\n    pass\nexcept C as c:\n    pass\n',
    'def f():\n    x = yield\n    y = yield x\n    z = yield from x\n    return z\n',
    "class A(B, C, metaclass=M, x=1):\n    '''doc'''\n    a: int\n    b: str = ''\n",
    'x = \'\'\'\nline1\nline2\'\'\' + "x"\n',
    "x = f'''{\na\n}'''\n",
    "x = f'''{a\n}'''\n",
    "x = f'''abc\ndef {x}'''\n",
    "x = (\n    f'{a}'\n    f'{b}'\n)\n",
    "s = f'''\n    {x!r}\n    {y:>{w}}\n'''\n",
    "def f():\n    '''docstring'''\n",
    'if True:\n    pass\n  # badly indented comment\n    x = 1\n',
    'if x:\n\n    pass\n',
    'def f(): pass; pass\n',
    'if x: pass; pass\nelse: pass; pass\n',
    'x = [\n    1,\n    2\n    ]\n',
    "print(1,\n      2,\n      sep=',')\n",
    'x = 1\n\\\ny = 2\n',
]

MORE_INVALID = [
    'class A(x for x in y): pass',
    'f(a, b for b in c, d)',
    'f(a for a in b, *c)',
    'f(*a, b for b in c)',
    'x = f(a b c)',
    'x = [1, 2 3]',
    'x = (1 2)',
    'x = {1 2}',
    'x = {1: 2 3: 4}',
    'f(a, b c)',
    'f(a b, c)',
    "f('a' b)",
    "f(a 'b')",
    "f(1 'b')",
    '[print 1]',
    'x = print 1',
    'foo(a=1, a b)',
    'x = 1 2',
    'x = a.b c',
    'if x y: pass',
    'if x\n  pass\n',
    'while x y: pass',
    'for x in y z: pass',
    'for x in: pass',
    'for in x: pass',
    'for x y in z: pass\ndef f(a b): pass\ndef f(a, b c): pass\ndef f() -> : pass\ndef f(a=): pass\ndef f(a:): pass\ndef (): pass\nclass A(b c): pass\nclass 1: pass\n',
    'with a b: pass',
    'with a as: pass',
    'try x: pass\nexcept: pass x\n',
    'import a b',
    'from a import b c',
    'from a b import c',
    'from 1 import a',
    'import 1',
    'lambda a b: 0',
    'lambda: ',
    'lambda x: ',
    'x = lambda: yield',
    'x = (a, b',
    'x = [1, 2, 3',
    "x = {'a': 1",
    'f(1, 2',
    'f(1, 2)) ',
    'x = ())',
    'x = [))',
    'x = [(])',
    'x = {[}]',
    'x = (1]',
    '((((]',
    'del',
    'del x +',
    'del (x, 1)',
    'del x, f()',
    'del [x, [y, 1]]',
    'del x.y()',
    'del not x',
    'assert',
    'raise from x',
    'raise x from',
    'return x y',
    'yield x y',
    'x = yield yield',
    'global 1',
    'global x y',
    'nonlocal',
    'x = 1 if',
    'x = 1 if 2 else',
    'x = if 1 else 2',
    'x = not',
    'x = a and',
    'x = a or',
    'x = a <',
    'x = a is not',
    'x = a not',
    'x = a in',
    'x = -',
    'x = a **',
    'x = a ** -',
    'x = ~',
    'x = a.',
    'x = a[',
    'x = a[]',
    'x = a[:',
    'x = a(',
    'x = a(,)',
    'x = a(1,,2)',
    'x = (,)',
    'x = [,]',
    'x = {,}',
    'x = {:}',
    'x = {1:}',
    'x = {**}',
    'x = {*}',
    'x = {**a: 1}',
    'x = {1: *a}',
    'x = {*a: 1}',
    'x = [*a for a in b]',
    'x = {*a for a in b}',
    'x = (*a for a in b)',
    'x = [**a]',
    'f(**a for a in b)',
    'f(*a for a in b)',
    'f(a=)',
    'f(=1)',
    'f(a, =1)',
    'f(1=1)',
    'f("a"=1)',
    'f(a.b=1, c)',
    'f(x=1, x)',
    'f(*)',
    'x = yield from',
    'x = 1 +',
    'x = a if b',
    'x = a if b else',
    'x = [a if b]',
    'x = [a for a in b if]',
    'x = [a for]',
    'x = [for a in b]',
    'x = (a for a in)',
    'x = 1e1_',
    'x = 1e_1',
    'x = 1._5',
    'x = 1_.5',
    'x = 0_x1',
    'x = 0b1_',
    'x = 0o1_',
    'x = 0x1_',
    'x = 0b12',
    'x = 0o19',
    'x = 0xfg',
    'x = 1jj',
    'x = 1.5.5',
    'x = 1..5',
    'x = 0b',
    'x = 09',
    'x = 007',
    'x = 0_7',
    'x = 00_1',
    'x = 1__2',
    'x = 5e',
    'x = 5e-',
    'x = 0xin x',
    "x = 'abc' 'def",
    "x = b'abc' 'def'",
    "x = f'abc' b'def'",
    "x = '''abc''' '''def",
    "x = f'{x!}'",
    "x = f'{x!rr}'",
    "x = f'{x!r'",
    "x = f'{x:'",
    "x = f'{x:{'",
    "x = f'{x:{y}'",
    "x = f'{:x}'",
    "x = f'{!r}'",
    "x = f'{ }'",
    "x = f'{x}}'",
    "x = f'{{x}'",
    "x = f'{x#}'",
    "x = f'{x\\n}'",
    "x = f'{a b}'",
    "x = f'{a +}'",
    "x = f'{)}'",
    "x = f'{x = y}'",
    "x = f'{*x}'",
    "x = f'{**x}'",
    "x = f'{lambda x: 1}'",
    "x = f'{x:{y:{z}}}'",
    "x = f'{a}{'",
    "x = f'{a!r=}'",
    "x = f'}}{'",
    "x = f'{x:}}'",
    'x: int: str',
    'x: int = ',
    'x: = 1',
    'x: int += 1',
    'x.y(): int',
    '(x, y): int = 1',
    '*a: int',
    'x = *',
    'x = **a',
    'print(**a',
    'x += ',
    'x +=1 = 2',
    'x = 1 += 2',
    'a, b = c += 1',
    '@\ndef f(): pass\n',
    '@dec',
    '@dec\nx = 1\n',
    '@dec\nclass\n',
    '@dec\nasync\n',
    'if x:\npass\n',
    'if x:\n    pass\n  pass\n',
    'if x:\n  pass\n else:\n  pass\n',
    'try:\n    pass\nexcept\n    pass\n',
    'try:\n    pass\nexcept E\n    pass\n',
    'try:\n    pass\nexcept E as\n    pass\n',
    'try:\n    pass\nexcept E as e\n    pass\n',
    'try:\n    pass\nexcept E as 1:\n    pass\n',
    'try:\n    pass\nexcept E as e.f:\n    pass\n',
    'try:\n    pass\nfinally\n    pass\n',
    'try\n    pass\nexcept:\n    pass\n',
    'while x\n    pass\n',
    'for x in y\n    pass\n',
    'with x\n    pass\n',
    'with x as y\n    pass\nclass A\n    pass\ndef f()\n    pass\ndef f:\n    pass\ndef f\n    pass\n',
    'if x:\n    pass\nelif y\n    pass\n',
    'if x:\n    pass\nelse\n    pass\nx = (\n    1,\n    2,\ny = 3\nx = [1 2]\ny = (\n',
    'def f():\n    return\n        x\n',
    'if x:\n    a\n   b\n',
    'if x:\n  a\n    b\n  c\n',
]

# ---- third batch ----

MORE_VALID += [
    'with a as *b: pass',
    'x = [*a] = 1',
    "x = '张量'  # 注释",
    '张量 = 张量 + 张量',
    'print(\'张\', 量, "é")',
    'def 函数(é, ü=1): return é',
    "x = {'张': [1, 2], 'é': f'{张}'}",
    "x = f'{张量!r:>10}'",
    "x = f'é{a}é{b}'",
    'x = 1if x else 2',
    'x = [1for x in y]',
    'x = 0x1for x in y',
    'x = 1 if True else 2',
    'x = (1)if(2)else(3)',
    'x = a.b.c(d=e.f)[g:h, i::j]',
    'x = a[b:c:d, e:f]',
    'x = a[:, None]',
    'x = a[..., 0]',
    'x = a[1:-1]',
    'x = a[-1]',
    'x = a[~0]',
    'x = not a or b and not c',
    'x = a if b else lambda: c',
    'x = lambda: a if b else c',
    'x = lambda a=(1, 2): a',
    'x = lambda *a, b=lambda: 1, **c: 0',
    'x = [lambda x=x: x for x in y]',
    'x = {a: (b, c) for a, (b, c) in d}',
    'x = [x for x in y if x for y in z if y if w]',
    'x = f(a)(b)[c].d',
    'x = a == b == c',
    'x = a is not b is c',
    'x = (not a) == b',
    'x = not (a == b)',
    'x = -(a ** b)',
    'x = (-a) ** -b ** c',
    'x = a ** -b ** c',
    'x = a // b % c * d / e @ f',
    'x = a - b + c - d',
    'x = a << b << c',
    'x = a >> b << c',
    'x = a | b | c',
    'x = a & b & c',
    'x = a ^ b ^ c',
    'x = a | b ^ c & d',
    'x = a + b * c ** d',
    'x = (a + b) * (c - d)',
    'x = a < b | c',
    'x = a == b & c',
    'x = a in b in c',
    'x = a not in b not in c',
    'x = ((a), (b))',
    'x = [(a), [b]]',
    'x = {(a): [b]}',
    'x = ()',
    'x = ((),)',
    'x = [[]]',
    "x = {'': ''}",
    'x = {(): ()}',
    'x = set()',
    'x = a, (b, c), [d, e]',
    'x = *a,',
    'x = *a, b',
    'x = a, *b',
    'for x in range(10): pass',
    'for i, (a, b) in enumerate(c): pass',
    'for a, *b in c: pass',
    'for [a, *b] in c: pass',
    'for (a, *b) in c: pass',
    'for x.y, z[0] in w: pass',
    'for x in y if z else w: pass',
    'for x in (yield): pass',
    'for x in lambda: y: pass',
    'while not x: pass',
    'while (x := f()): pass',
    'if not x: pass',
    'if x and y or z: pass',
    'if (x): pass',
    'if x if y else z: pass',
    'if lambda: x: pass',
    "with open('f') as f, open('g') as g: pass",
    'with a() as (b, c), d() as [e, f]: pass',
    'with a as b[0]: pass',
    'with a as b.c.d: pass',
    'with a if b else c as d: pass',
    'with lambda: x as y: pass',
    'class A(B(C)): pass',
    'class A(B[C]): pass',
    'class A(B.C): pass',
    'class A(*b, **c): pass',
    'class A(b=1, *c): pass',
    'def f(a, *, b=1, c): pass',
    'def f(a, b=1, /, c=2, *d, e, f=3, **g): pass',
    "def f(a: int = 1, /, b: str = 'x', *c: int, d: float, e: bool = True, **f: dict) -> None: pass",
    'def f(self, *, key=lambda x: x): pass',
    'def f() -> lambda: 1: pass',
    'def f() -> (yield): pass',
    'import a.b.c',
    'import a.b.c as d',
    'from a.b.c import d as e, f as g',
    'from .a import *',
    'from .. a import b',
    'from . a . b import c',
    'from ... import a',
    'from ....a import b',
    'from .....a import b',
    'raise a.b(c) from d.e',
    'assert a, b',
    'assert (a, b)',
    'return a, *b',
    'return (yield)',
    'x = yield a, *b',
    'x = [(yield a), (yield from b)]',
    'del a.b, c[d], (e, f), [g]',
    'del (a), [b], (c,)',
    'global a, b',
    'x = 1; del x; pass',
    'x = 1;',
    'x = a.if_',
    'x = a.None_',
    'x = __debug__',
    'x = _',
    'x = __class__',
    'x = a._b.__c',
    'if x:\n    pass\nelse:\n    if y:\n        pass\n    elif z:\n        pass\n',
    'def f():\n    def g():\n        def h():\n            return 1\n        return h\n    return g\n',
    'class A:\n    @property\n    def x(self):\n        return 1\n\n    @x.setter\n    def x(self, v):\n        pass\n',
    'try:\n    try:\n        pass\n    finally:\n        pass\nexcept:\n    pass\n',
    'for x in y:\n    try:\n        continue\n    finally:\n        break\n',
    'x = [\n    1,\n    [\n        2,\n        3,\n    ],\n]\n',
    "x = {\n    'a': {\n        'b': [1, 2, 3],\n    },\n}\n",
    "def f(\n    a: int,\n    b: str = 'x',\n) -> None:\n    pass\n",
    'call(\n    a,\n    *b,\n    c=d,\n    **e,\n)\n',
    'x = (\n    a\n    if b\n    else c\n)\n',
    'x = [\n    i\n    for i in range(3)\n    if i\n]\n',
    "x = f'''{\n    a\n}'''\n",
    "x = f'{a}\\\n{b}'\n",
    "x = '''\\\nabc'''\n",
    'x = 1; \\\ny = 2\n',
    'if x: \\\n    pass\n',
    'def f(): \\\n    pass\n',
    "x = f'''{a!r}\n  {b:>{c}}\n{d=}'''\n",
    "print(f'{x:{y}}' f'{z!s}',\n      f'{w}')\n",
    'class A:\n    x = 1\n    def f(self): return self.x\n',
    '张量 = [1, 2,\n      3]\nprint(张量)\n',
    "s = '张量'\nt = f'{s}张{s!r}'\n",
    'if x:\n    pass\n',
    'f(c (d))',
    '(a.b) = 1',
]

MORE_INVALID += [
    '张量 = (1 +',
    "x = '张' 1",
    'x = f(张 量)',
    'x = [张 量]',
    'x = é $',
    "x = '张量' + ` ",
    "print '张量'",
    'x = 张量 = 1 = 2',
    '张量() = 1',
    "x = '张量",
    "x = f'{张量'",
    "x = f'{张量!x}'",
    'def 函数(a b): pass',
    'x = 1 if 2 else 3 if',
    'x = a[1:2:3:4]',
    'x = a[::::]',
    'x = a[:::]',
    'x = a[1 2]',
    'x = a[,]',
    'x = a[1,,]',
    'x = a(**b c)',
    'x = a(b=c d)',
    'x = (a for b in c d)',
    'x = [a for b in c d]',
    'x = {a: b for c in d e}',
    'x = {a: b c}',
    'x = {a b: c}',
    'for x in range(10) pass',
    'for x in range(10): pass pass',
    'for x, in range(10)',
    'while 1 pass',
    'if 1 pass',
    'if 1: pass else: pass',
    'if 1: pass; else: pass\nclass A(): pass pass\ndef f(): return return\ndef f(a, b, c, d, a b): pass\ndef f(*, a, *, b): pass\ndef f(a, *b, c, *d): pass\ndef f(**a, **b): pass\ndef f(a=1, b): pass\ndef f(a, b=1, c): pass\ndef f(a=1, /, b): pass\ndef f(a, /, b=1, c): pass\n',
    'lambda a=1, b: 0',
    'lambda **a, b: 0',
    'lambda *a, *b: 0',
    'lambda a, /, /: 0',
    'lambda /: 0',
    'lambda *: 0',
    'lambda *, **k: 0',
    'lambda a: yield',
    'lambda (a): 0',
    'def f((a)): pass\ndef f(a, (b, c)): pass\n',
    'with a as b c: pass',
    'with (a as b: pass',
    'with (a as b): pass pass',
    'with a as (b, 1): pass',
    'import a as',
    'import a as 1',
    'import .a',
    'from a import (b, c) d',
    'from a import (*)',
    'from import a',
    'from . import (a as)',
    'from a import b as c as d',
    'raise a b',
    'raise a from b c',
    'assert a b',
    'assert a, b c',
    'return a b',
    'x = yield a b',
    'global a b',
    'nonlocal a, 1',
    'del a b',
    'del a, 1',
    'del (a, b) c',
    'x = not not',
    'x = a if b c else d',
    'x = a if else b',
    'x = a b if c else d',
    'x = lambda: 1 2',
    'x = 1 + 2 3',
    'x = 1 < 2 3',
    'x = a.b.c d',
    'x = a[b] c',
    'x = a(b) c',
    "x = 'a' 1",
    "x = 1 'a'",
    'x = 1 2 3',
    'x = a b c',
    'x = (a, b c)',
    'x = [a, b c]',
    'x = {a, b c}',
    'f(a, b c, d)',
    'f(a=1, b c)',
    'f(*a b)',
    'f(**a b)',
    'x = a.b = c.d() = 1',
    'x.y() = 1',
    'x.y = f() = 1',
    'a[0] = f() = 1',
    '(a, b) = (c, d) = f() = 1',
    'a, b = f(), g() = 1',
    '[a, b] = f() = 1',
    'x += y += 1',
    'x = (a = 1)',
    'f(a := 1 = 2)',
    'if x := 1 = 2: pass',
    'if (x = 1): pass',
    'while (x = 1): pass',
    '[x = 1 for x in y]',
    '{x = 1}',
    '{x: y = 1}',
    'x = a if b = c else d',
    'def f(a = 1 = 2): pass',
    '@x = 1\ndef f(): pass\nx = [1, 2, 3)\nx = (1, 2, 3]\nx = {1, 2, 3)\nx = (1, [2, 3)]\nx = f(a, (b, c]\nx = (\n    1,\n    2]\nx = [\n    1,\n',
    ')',
    "x = '''",
    "abc''' '''",
    'if x:\n    pass\n   pass\n',
    'if x:\n\t pass\n        pass\n',
    'def f():\n\tif x:\n        pass\n',
    'x = (1,\n2,\n3\n',
    'try:\n    x\nexcept A:\n    y\nexcept\n    z\n',
    'try:\n    x\nfinally:\n    y\nexcept:\n    z\n',
    'try:\n    x\nelse:\n    y\n',
    'try:\n    x\nexcept:\n    y\nfinally:\n    z\nelse:\n    w\n',
    'class A:\n    x = 1\n     y = 2\n',
    'def f():\n    return 1\n  return 2\n',
    'x = 1\nif x:\npass\n',
    'if x:\n    pass\nelif:\n    pass\n',
    'if x:\n    pass\nelif y\n    pass\n',
    'for x in y:\n    pass\nelse\n    pass\n',
    'with a, b as c\n    pass\n',
    '@dec\n@dec2\n',
    '@dec\npass\n',
    "x = f'''\n{a b}\n'''\n",
    "x = 1\ny = f'{a b}'\n",
    "x = 1\ny = f'{}'\n",
    "x = 1\ny = f'{x!}'\n",
    "def f():\n    x = '''abc\n",
    'x = [1,\n     2,\n     3,,\n]\n',
    'x = 1 +\n    2\n',
    'x = (1 +\n     2 +\n     )\n',
    'print("hello"\n      "world"\n',
    "s = 'abc' \\\n    'def\n",
    'x = 1 \\ \ny = 2\n',
    'f(b=c d)',
    'f(x, b=c d)',
    'f(c d)',
    'f(x, c d)',
    'f(b=c d, e)',
    'f(*c d)',
    'f(**c d)',
    'f(b=(c d))',
    '[b=c d]',
    'f(b=c, d e)',
    'a = f(), g() = 1',
    'def f((a, b)): pass',
    'def f(x, (a)): pass',
    'def f(x=1, (a)): pass',
    'lambda x, (a, b): 0',
    'def f((a: int)): pass',
    'def f(*, (a)): pass',
    'f(a d)',
    'f(c b)',
    'f(x y)',
    'f(b c)',
    'f(aa d)',
    'f(c dd)',
    'f(a e)',
    'f(a b c)',
    '[c d]',
    '(c d)',
    'f(c 1)',
    'f(1 d)',
    'f(a.b d)',
    'f(m d)',
    'f(ma d)',
    'f(cas d)',
    'f(mat d)',
    'f(match d)',
    'f(case d)',
    'f(cases d)',
    'f(_ d)',
    'f(_a d)',
    'f(t d)',
    'f(matches d)',
    'f(ca 1)',
    'f(m.x d)',
    'f(), a = 1',
    'f(), a.b = 1',
    'a, f() = 1 = 2',
    'a, b, 1 = x',
    '1, a = x',
    'a, (b, 1) = x',
    'x[a=1]',
    '[a = 1]',
    '@x = 1\ndef f(): pass\n',
    'if x == 1 = 2: pass',
    'if x.y = 1: pass',
    'if f() = 1: pass',
    'while x = 1 = 2: pass',
    'yield = 1',
    'f(a, b=1 = 2)',
    'lambda *,: 0',
    'def f(/, a): pass',
    'x = {1: 2, 3:, 4: 5}',
    'x = {1: 2, 3: 4, 5}',
    'x = {1, 2: 3}',
    'print(a) = 1',
    'a.b() = 1',
    '[a, b] = [f()] = 1',
]

# ---- fourth batch: non-ASCII names and text (byte columns in the AST, characters in errors) ----

MORE_VALID += [
    "x = '张量'; y = 1",
    "x = f'{张量}' + '张'",
    "d = {'张': 1, '量': 2}",
    '张 = 量 = 1',
    'f(张=1, 量=2)',
    'class 类(基类, 元=型): pass',
    'x = [张 for 张 in 量]',
    'x = 张.量[0].张()',
    "x = '\\u5f20'",
    "x = '\\t张\\n'",
    "x = b'\\xe5'",
    'x = \'a\' \'张\' "量"',
    'x = f\'{"张"!r:>5}\'',
    'x = lambda 张=1: 张',
    'if x:\n\t张 = 1\n',
    'def f():\n\treturn 1\n',
    'if x:\n    张 = (1,\n          2)\n',
    "x = '''张\n量'''\n",
    "x = f'''{张}\n{量!r}'''\n",
]

MORE_INVALID += [
    '张量 = (1 +',
    '张 量',
    'f(张 量)',
    '[张 量, 1]',
    "x = '张' 1",
    '张() = 1',
    '张 + 1 = 2',
    'x = 张 if 量',
    'def 函(a b): pass',
    "x = '张",
    'x = "张量',
    "x = f'{张'",
    "x = f'{张!x}'",
    "x = f'张{}'",
    "x = f'{张 量}'",
    'x = 张…',
    'x = 张（1）',
    'x = 1，2',
    'x = 张。量',
    "x = '张' + `",
    "print '张'",
    'x = 0张',
    'x = 1张',
    'x = 张 = 1 = 2',
    'x = (张',
    'x = [1, 2\n张 = 3\n',
    'if x:\n\t张 = 1\n        量 = 2\n',
    'if x:\n    张 = 1\n  量 = 2\n',
    'def 函():\nreturn 1\n',
    'class 类:',
    "x = f'''{张\n量}'''\n",
    "x = f'''\n{张 量}\n'''\n",
]

def _lines(text):
    return [l for l in text.strip('\n').split('\n') if l.strip() and not l.startswith('%%')]

def _blocks(text):
    text = text.replace('@TQ@', "'" * 3)
    return [b + '\n' for b in text.strip('\n').split('\n%%\n')]

def _mode(s):
    for m in ('single', 'eval'):
        if s.startswith(m + ': '):
            return m, s[len(m) + 2:]
    return 'exec', s

def _extra_valid():
    # Cases that are awkward to write as text lines.
    out = [
        "x = 1",                  # no trailing newline
        "if x:\n    pass",        # no trailing newline after a block
        "x = 1\r\ny = 2\r\n",     # CRLF
        "x = " + "(" * 50 + "1" + ")" * 50 + "\n",
        "x = " + "[" * 30 + "]" * 30 + "\n",
        "x = -" * 1 + "-" * 40 + "1\n",
        "",
        "\n\n",
        "# only a comment",
        "x = 'a\\\nb'\n",         # backslash-newline in a string
    ]
    return [("exec", s) for s in out]

def _extra_invalid():
    out = [
        "x = (" * 201 + ")" * 201 + "\n",
        "x = [" * 10000 + "\n",
        "(" * 300,
        "if x:\n" + "".join(" " * i + "if x:\n" for i in range(1, 101)) + " " * 101 + "pass\n",
        "x = 'abc\ny = 1\n",
        "x = \x01\n",
        "x = '''abc\n",
        "s = '''abc",
        "x = (\n",
        "def f():\n",
        "x = 1\n\tif x:\n",
        "if x:\n  pass\nelse:",
        "@dec\n",
        "f(x for",
        "x = [1,\n 2",
        "class A:\n  def f(self):\n",
    ]
    return [("exec", s) for s in out]

def _mutants():
    import importlib.util
    import os
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'parser_mutants.py')
    spec = importlib.util.spec_from_file_location('parser_mutants', path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m

def valid():
    cases = [_mode(s) for s in _lines(VALID_LINES)]
    cases += [("exec", b) for b in _blocks(VALID_BLOCKS)]
    cases += [_mode(s) for s in SINGLE.strip('\n').split('\nsingle: ') if s]
    cases += [_mode(s) for s in _lines(EVAL)]
    cases += _extra_valid()
    cases += [("exec", c) for c in MORE_VALID]
    cases += [("exec", c) for c in _mutants().VALID]
    cases += [("exec", c) for c in _mutants().VALID2]
    cases += [("exec", c) for c in _mutants().VALID3]
    cases += [("exec", c) for c in _mutants().PREFIX_EXEC_VALID]
    cases += [("single", c) for c in _mutants().PREFIX_SINGLE_VALID]
    fixed = []
    for m, s in cases:
        if m == 'exec' and not s.startswith('single: '):
            fixed.append((m, s))
        elif s.startswith('single: '):
            fixed.append(('single', s[8:]))
        else:
            fixed.append((m, s))
    return fixed

def invalid():
    cases = [_mode(s) for s in _lines(INVALID_LINES)]
    cases += [("exec", b) for b in _blocks(INVALID_BLOCKS)]
    cases += _extra_invalid()
    cases += [("exec", c) for c in MORE_INVALID]
    cases += [("exec", c) for c in _mutants().INVALID]
    cases += [("exec", c) for c in _mutants().INVALID2]
    cases += [("exec", c) for c in _mutants().INVALID3]
    cases += [("exec", c) for c in _mutants().PREFIX_EXEC_INVALID]
    cases += [("single", c) for c in _mutants().PREFIX_SINGLE_INVALID]
    cases += [("single", "x = 1\ny = 2"), ("single", "1 +"), ("eval", "x = 1"),
              ("eval", "1\n2"), ("eval", "(1"), ("eval", "1 +"), ("single", "x\ny"), ("single", "def f():")]
    return cases

def unsupported():
    return [("exec", "async def f(): pass\n"), ("exec", "async def f():\n    await x\n"),
            ("exec", "match x:\n    case 1: pass\n"), ("exec", "async with a: pass\n"),
            ("exec", "def f():\n    async for x in y: pass\n"), ("exec", "x = await y\n"),
            ("exec", "async def f():\n    return [x async for x in y]\n"), ("exec", "f'{await x}'\n"),
            ("exec", "@dec\nasync def f(): pass\n"), ("exec", "try:\n    pass\nexcept* E:\n    pass\n"),
            ("single", "await x"), ("eval", "await x")]
