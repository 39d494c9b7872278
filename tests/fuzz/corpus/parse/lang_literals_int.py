# Integer literals and 64-bit-safe integer arithmetic (ctorch ints are signed 64-bit; no result or
# intermediate value here leaves that range, so CPython and ctorch must agree exactly).
print(0, 7, -7, +7)
print(1_000_000, 0x_ff, 0o777, 0b1010_1010)
print(0xFF, 0xff, 0XfF, 0o17, 0O17, 0b11, 0B11)
big = 9223372036854775807            # 2**63 - 1
small = -9223372036854775807 - 1     # -2**63
print(big)
print(small)
print(big == (2**62 - 1) * 2 + 1, small == -2**62 * 2, small == -big - 1)
print(type(big).__name__, type(small).__name__)
print(big - 1, small + 1)
print(big // 2, big % 1000, -big // 3)
print(4611686018427387904 - 1 + 4611686018427387904)   # 2**63 - 1 without leaving the range
print(3037000499 * 3037000499)       # largest square below 2**63
print(2**62, 2**62 + (2**62 - 1))
print(1 << 62, (1 << 62) >> 61, big >> 62)
print(-1 >> 10, -1024 >> 3, -(1 << 40))
print(123456789 * 987654321)
print(10**18, 10**18 // 7, 10**18 % 7)
print(hex(big), oct(255), bin(10), hex(-255), bin(-5))
print(int("9223372036854775807"), int("-9223372036854775808"))
print(int("  42  "), int("-17"), int("+3"), int("1_000"))
print(int("ff", 16), int("0xff", 16), int("777", 8), int("1010", 2), int("z", 36))
print(int("0x1F", 0), int("0o17", 0), int("0b101", 0), int("99", 0))
print(int(3.99), int(-3.99), int(True), int(False), int(1e18))
print(abs(-big), abs(small + 1))
print(big.bit_length(), (255).bit_length(), (0).bit_length())
print(divmod(big, 10**9))
print(sum(range(1, 1000001)))
print(max(big, small), min(big, small))
print(str(big)[::-1])
print(len(str(small)))
print(7 // 2, -7 // 2, 7 // -2, -7 // -2)
print(7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(2 ** 10, 2 ** 0, 0 ** 0, (-2) ** 3, (-2) ** 63)
print(2 ** -1, 10 ** -2, type(2 ** -1).__name__)
x = 1
for i in range(62):
    x *= 2
print(x, x + (x - 1))
f = 1
for i in range(1, 21):
    f *= i
print("20! =", f)
print(f // 3628800, f % 1000007)
print(True + True, True * 10, False - 1)
print(isinstance(True, int), type(True + 1).__name__)
