# f-strings: expressions, format specs, conversions, nested specs, the = form, braces.
name = "ada"
n = 42
pi = 3.14159265
items = [1, 2, 3]
print(f"hello {name}")
print(f"{n} {n + 1} {n * 2} {len(items)} {items[0]} {items[-1]}")
print(f"{name!r} {name!s} {items!r} {'quoted'!r}")
print(f"{pi:.2f} {pi:.0f} {pi:10.3f}| {pi:<10.3f}| {pi:^10.3f}| {pi:>10.3f}|")
print(f"{n:5d}|{n:<5d}|{n:^5d}|{n:>5}|{n:05d}|{n:+d}|{-n:+d}|{n: d}")
print(f"{n:x} {n:X} {n:o} {n:b} {n:#x} {n:#o} {n:#b} {255:08b}")
print(f"{1234567:,} {1234567.891:,.2f} {1234567:_} {0.25:.1%} {0.5:%}")
print(f"{pi:e} {pi:.3e} {123456.0:E} {pi:g} {1e-10:g} {123456789.0:g} {0.0001:g}")
print(f"{name:>8}|{name:<8}|{name:^8}|{name:*^9}|{name:->6}|{name:.2}")
print(f"{True} {None} {3.0} {1e16} {0.1 + 0.2}")
w, p = 12, 4
print(f"[{pi:{w}.{p}f}] [{pi:>{w}}] [{name:{'^'}{w}}] [{n:{w}d}]")
fmt = ".3f"
print(f"{pi:{fmt}}")
print(f"{n=} {pi=:.2f} {name=!r} {n*2=} {items=}")
print(f"{ n = }")
print(f"{{literal braces}} {{{n}}} }}{{")
print(f"{'nested ' + name.upper()}")
print(f"{[x * 2 for x in items]} {dict(a=1)} {(1, 2)}")
print(f"{n if n > 40 else 0} {'yes' if name else 'no'}")
d = {"key": "value", "num": 7}
print(f"{d['key']} {d['num']:03d}")
print(f"{3 + 4:>6}|{2 ** 10:,}|{-7 // 2}")
print(f"{'multi'}" f"{'part'}" " plain" f" {n}")
print(F"capital F {n}", rf"raw \n {n}", fr"also raw \t {name}")
print(f"""triple {name}
second line {n}""")
for i in range(1, 4):
    print(f"{i:>3}: {i * i:>4} {i / 3:.3f} {'#' * i:<4}|")
width = 7
for word in ["a", "bb", "ccc"]:
    print(f"|{word:^{width}}|{word:>{width - 2}}|")
loss = 2.302585093
print(f"loss: {loss:>7f}  [{64:>5d}/{60000:>5d}]")
print(f"Accuracy: {(100 * 0.9123):>0.1f}%, Avg loss: {0.31415926:>8f}")
print(f"{-0.0} {float('inf')} {float('nan')} {-1.5:8.2f} {1.5:08.2f} {-1.5:08.2f}")
print(f"{0.000012345:.3g} {12345.6789:.6g} {5:.2f} {65:c}{'':>3}|")
class P:
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "a P"
    def __format__(self, spec):
        return "P formatted with " + repr(spec)
obj = P()
print(f"{obj} {obj!r} {obj!s} {obj:xyz}")
print(f"{format(n, '>6')}|{format(pi, '.1f')}|{format('s', '^5')}|")
