# Bitwise operators on ints and bools.
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, a << 2, a >> 2)
print(bin(a & b), bin(a | b), bin(a ^ b), bin(~a))
print(-8 >> 1, -1 >> 63, -9 >> 2, 5 >> 10, 1 << 0, 3 << 60)
print(0xFF & 0x0F, 0xF0 | 0x0F, 0xFF ^ 0xAA, ~0, ~-1, ~255)
print(-6 & 3, -6 | 3, -6 ^ 3, -1 & 0xFFFF)
print(True & True, True & False, True | False, False | False, True ^ True, True ^ False)
print(type(True & True).__name__, type(True & 1).__name__, type(~True).__name__, ~True, ~False)
print(True << 3, 1 & 3 == 1, 2 | 1 == 3)
flags = 0
READ, WRITE, EXEC = 1, 2, 4
flags |= READ
flags |= EXEC
print(flags, bool(flags & READ), bool(flags & WRITE), bool(flags & EXEC))
flags &= ~READ
print(flags, flags & READ)
flags ^= WRITE | EXEC
print(flags)
def popcount(n):
    c = 0
    while n:
        c += n & 1
        n >>= 1
    return c
print([popcount(i) for i in range(17)])
print(popcount(2 ** 62 - 1), popcount(0x5555))
def bits(n, width=8):
    return "".join("1" if n >> i & 1 else "0" for i in range(width - 1, -1, -1))
for n in (0, 1, 5, 127, 128, 255):
    print(n, bits(n), bits(n << 1 & 0xFF), bits(~n & 0xFF))
x = 0x1234
print(hex(x >> 8), hex(x & 0xFF), hex((x & 0xFF) << 8 | x >> 8))
print(1 << 3 + 1, (1 << 3) + 1, 16 >> 1 + 1, 6 & 3 | 8, 6 & (3 | 8))
print(5 ^ 3 & 1, (5 ^ 3) & 1, ~1 + 1, -(~1))
m = [True, False, True, True]
n = [True, True, False, True]
print([p & q for p, q in zip(m, n)], [p | q for p, q in zip(m, n)], [p ^ q for p, q in zip(m, n)])
print({1, 2, 3} & {2, 3, 4} == {2, 3}, {1, 2} | {3} == {1, 2, 3}, {1, 2} ^ {2, 3} == {1, 3})
v = 12345
print(v & -v, v | (v - 1), v & (v - 1))
print((1 << 62) | 1, 9223372036854775807 & ~(1 << 62))
print(int("1" * 62, 2) >> 30, 7 << 59 >> 59)
h = 0
for ch in "hash me":
    h = (h * 31 + ord(ch)) & 0xFFFFFFFF
print(h, h ^ (h >> 16))
