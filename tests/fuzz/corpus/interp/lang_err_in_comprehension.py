# Ends with an uncaught error raised inside a list comprehension calling a lambda: the traceback shows the
# <module>, <listcomp> and <lambda> frames.
scale = lambda v, s: v / s
values = [1.0, 2.0, 4.0]
print([scale(v, 2) for v in values])
print({v: scale(v, 4) for v in values})
print(sorted(values, key=lambda v: -v))
pairs = [(v, d) for v in values for d in (1, 2) if v > d]
print(pairs)
nested = [[scale(v, d) for d in (1, 2)] for v in values]
print(nested)
def safe_ratios(vs, ds):
    out = []
    for v, d in zip(vs, ds):
        try:
            out.append(scale(v, d))
        except ZeroDivisionError:
            out.append(None)
    return out
print(safe_ratios(values, [1, 0, 2]))
squares = list(map(lambda v: v * v, values))
print(squares)
evens = [n for n in range(10) if n % 2 == 0]
print(evens, sum(evens))
gen_total = sum(scale(v, 1) for v in values)
print(gen_total)
divisors = [2, 1, 0]
print("dividing by", divisors)
result = [scale(v, d) for v, d in zip(values, divisors)]
print("never printed", result)
