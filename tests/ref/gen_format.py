#!/usr/bin/python3
"""tests/ref/gen_format.py — writes tests/ref/format_ref.txt, CPython 3.11's answers for format(),
repr(float), printf-style '%' formatting and str.format (field parsing and whole calls), which
tests/unit/test_format.c replays through kernel/lang/format.c byte for byte.

Run with Debian's CPython 3.11 (deterministic: fixed seed; the output is committed):
    /usr/bin/python3 tests/ref/gen_format.py
For a stress run, more random cases with another seed into another tree (not committed):
    /usr/bin/python3 tests/ref/gen_format.py --scale 20 --seed 7 --out /tmp/x/tests/ref/format_ref.txt
then build test_format with -DCT_SOURCE_DIR='"/tmp/x"'.

Fixture format: one case per line, fields separated by TAB; '#' lines are comments. Every field is
escaped: \\\\ \\t \\n \\r, \\xNN for other control characters and for '|' (so a raw '|' is always
structure), \\N for None; other text is raw UTF-8. The last field is the expectation:
    =TEXT              the result
    !Kind:message      the exception class and str(exception)
Cases:
    i VALUE SPEC EXP          format(int, spec)
    B 0/1 SPEC EXP            format(bool, spec)
    f VALUE SPEC EXP          format(float, spec); VALUE is repr(v) ('-nan' for a negative NaN)
    s TEXT SPEC EXP           format(str, spec)
    r VALUE EXP               repr(float)
    p FMT ARGS EXP            FMT % args
    P FMT ITEM... EXP         string.Formatter().parse(FMT): ITEM = literal|name|spec|conversion,
                              then EXP: '=' when parsing ended normally, else the error
    N NAME FIRST PART... EXP  _string.formatter_field_name_split(NAME): FIRST = i:N or s:TEXT,
                              PART = a:NAME (attribute) or k:i:N / k:s:TEXT (item); EXP as for P
    v FMT ARGS KWARGS EXP     FMT.format(*args, **kwargs)
ARGS / KWARGS ('|'-separated): T|item... (a tuple), 1|item (a single non-tuple, non-mapping
operand), L|item (a single list: a mapping to '%', whose str lookups fail), D|key=item...
(a dict). item: i:N (int), b:0/1 (bool), f:VALUE (float), s:TEXT (str), o:TYPE:TEXT (another
object whose str() and repr() are TEXT: lists and dicts).
"""
import math
import os
import random
import string
import struct
import sys

import argparse

import _string

assert sys.version_info[:2] == (3, 11), "generate with CPython 3.11"

HERE = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--scale", type=int, default=1, help="multiply the number of random cases")
ap.add_argument("--seed", type=int, default=20241201)
ap.add_argument("--out", default=os.path.join(HERE, "format_ref.txt"))
opts = ap.parse_args()
OUT = opts.out
SCALE = opts.scale
random.seed(opts.seed)

lines = []
counts = {}


class Skip(Exception):
    pass


def esc(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "|" or o < 0x20 or o == 0x7F:
            out.append("\\x%02x" % o)
        elif 0xD800 <= o < 0xE000:
            raise Skip()  # not representable in UTF-8
        else:
            out.append(ch)
    return "".join(out)


def expect(fn):
    try:
        return "=" + esc(fn())
    except Skip:
        raise
    except Exception as e:  # noqa: BLE001 - every exception class is part of the expectation
        msg = str(e)
        if len(msg.encode()) > 255:
            raise Skip()  # fmt_error truncates messages; keep the fixture exact
        return "!%s:%s" % (type(e).__name__, esc(msg))


seen = set()


def add(tag, *fields):
    line = "\t".join((tag,) + fields)
    if line in seen:
        return
    seen.add(line)
    lines.append(line)
    counts[tag] = counts.get(tag, 0) + 1


def frepr(v):
    if math.isnan(v) and math.copysign(1.0, v) < 0:
        return "-nan"
    return repr(v)


def case_format(tag, value, spec):
    try:
        if tag == "i":
            vtext = str(value)
        elif tag == "f":
            vtext = frepr(value)
        else:
            vtext = esc(value)
        add(tag, vtext, esc(spec), expect(lambda: format(value, spec)))
    except Skip:
        pass


# ---- value pools ----

INTS = [0, 1, -1, 2, 7, -7, 9, 10, 42, -42, 65, 97, 100, 255, -255, 999, 1000, -1000, 1234, -1234,
        4095, 12345, -12345, 65535, 123456, 1234567, -1234567, 0x4E2D, 0x1F600, 0x10FFFF, 0x110000,
        2**31 - 1, 2**31, -2**31, 2**32, 2**53, 2**53 + 1, 10**15, 10**18, -10**18, 2**63 - 1, -2**63,
        -2**63 + 1]
NAN = float("nan")
INF = float("inf")
FLOATS = [0.0, -0.0, INF, -INF, NAN, -NAN, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.1, 0.2, 0.3, 1 / 3,
          2 / 3, 0.125, 0.375, 2.675, 1.005, 9.995, 99.995, 0.05, 0.015, 0.0001, 0.00001, 1e-5,
          1.234e-5, 0.000123456, 1e-10, 1e-100, 1e-300, 5e-324, 2.2250738585072014e-308,
          1.7976931348623157e308, 1e300, 1e100, 1e22, 1e23, 1e21, 1e17, 1e16, 9999999999999998.0,
          1e15, 123456789012345678.0, 2.0**53, 2.0**53 + 2, 123456.789, -123456.789, 1234567.0,
          3.14159, 2.718281828459045, 100.0, 1000.0, 12.5, 123.0, 999999.5, 9.5, 10.5, 0.999999,
          9.9999995, 0.9999995, -0.0004, -1e-9, 42.0, 65.0, 1e6, 1e7, 12345.6789, 0.7, -7.25]
STRS = ["", "a", "ab", "abc", "hello", "Hello, World", "héllo", "中文", "中文字符串", "日本語テキスト",
        "ß", "😀", "a😀b", "x" * 12, "tab\there", "line\nnext", "it's", 'say "hi"', "back\\slash",
        "{}", "%s", "  spaced  ", "Ωμέγα"]
FILLS = ["*", "0", " ", "x", "-", "+", "=", "<", ">", "^", "{", "}", "中", "é", "😀", ".", ",",
         "_", "#", "z", "1"]


def rand_spec(types, p_type=0.85):
    r = random.random
    s = ""
    if r() < 0.35:
        if r() < 0.5:
            s += random.choice(FILLS)
        s += random.choice("<>=^")
    if r() < 0.35:
        s += random.choice("+- ")
    if r() < 0.12:
        s += "z"
    if r() < 0.25:
        s += "#"
    if r() < 0.25:
        s += "0"
    if r() < 0.55:
        s += str(random.choice([0, 1, 2, 3, 5, 6, 8, 10, 12, 15, 20, 25, 30]))
    if r() < 0.25:
        s += random.choice([",", "_", ",", "_", ",_", "_,"])
    if r() < 0.4:
        s += "." + str(random.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 16, 17, 18, 20, 25, 30]))
    if r() < p_type:
        s += random.choice(types)
    return s


def rand_double():
    k = random.random()
    if k < 0.35:
        bits = random.getrandbits(64)
        v = struct.unpack("<d", struct.pack("<Q", bits))[0]
        if math.isnan(v) or math.isinf(v):
            v = 1.0 / 3.0
        return v
    if k < 0.6:
        return float("%.*g" % (random.randint(1, 17), random.uniform(-1, 1) * 10 ** random.randint(-30, 30)))
    if k < 0.8:
        return round(random.uniform(-1000, 1000), random.randint(0, 4))
    return random.uniform(-1, 1) * 10.0 ** random.randint(-320, 308)


# ---- format(int, spec) ----

INT_SPECS = ["", "d", "b", "o", "x", "X", "c", "n", "e", "E", "f", "F", "g", "G", "%", "#b", "#o",
             "#x", "#X", "#d", "+d", "-d", " d", "+", " ", "10", "<10", ">10", "^10", "=10", "*^11",
             "010", "+010", "-010", " 010", "#010x", "#010b", "#010o", "0=10", "*=+12", ",", "_",
             "10,", "010,", "09,", "08,", "011,", "+015,", "_b", "_o", "_x", "_X", "#_x", "#_b",
             "019_b", "#019_x", "0=20_x", ",d", "_d", ",x", ",b", ",o", ",c", "_c", ",n", "_n",
             ",e", ",.2f", "_%", ".2", ".2d", "z", "zd", "z.2f", "-z", "+c", "#c", " c", "5c",
             "<5c", "^5c", "=5c", "05c", ".0c", "s", "r", "a", "i", "u", "j", "é", "中", "\x00",
             "\x01", "\x7f", "abc", "5.5", ".", "5.", "1" * 30, "." + "9" * 25, ",,", "__", ",_",
             "_,", "x<", "<<", "<<<", "中^9", "😀>6", "{<5", "}>5", "0<5", "0>5", "0^5", "00",
             "000", "+#x", "-#o", " #b", "#+x", "0x", "#0x", "٥", "١٠", "٣.٣f", "+z", "#z",
             "10.", "%x", "+%", "#%", "10.3%", "e10", "10e", ".3e", ".0f", "#.0f", "#.0e", "#g",
             "#.3g", "#", "##", "++", "+-", "0,", "=", "^", "<", ">", ".3n", "+n", "010n", "#n"]
for v in INTS:
    for spec in INT_SPECS:
        if random.random() < 0.2 or v in (0, 1, -1, 1234, -1234, 65, 255, 2**63 - 1, -2**63):
            case_format("i", v, spec)
INT_TYPES = list("bcdoxXneEfFgG%") + ["", "", "s", "z", "r"]
for _ in range(900 * SCALE):
    v = random.choice(INTS) if random.random() < 0.6 else random.randint(-10**12, 10**12)
    case_format("i", v, rand_spec(INT_TYPES))

for v in (True, False):
    for spec in ["", "d", "5", "<5", "x", "#b", "c", "s", ".2f", "e", "%", "+", "abc", "z", ".2", ",", "n"]:
        try:
            add("B", "%d" % v, esc(spec), expect(lambda: format(v, spec)))
        except Skip:
            pass

# ---- format(float, spec) ----

FLOAT_SPECS = ["", "e", "E", "f", "F", "g", "G", "n", "%", ".0", ".1", ".2", ".3", ".5", ".10",
               ".16", ".17", ".20", ".0e", ".1e", ".3e", ".10e", ".20e", ".40e", ".0f", ".1f",
               ".2f", ".3f", ".6f", ".10f", ".20f", ".30f", ".60f", ".0g", ".1g", ".2g", ".3g",
               ".10g", ".17g", ".20g", ".0%", ".1%", ".2%", "#", "#.0", "#.1", "#.3", "#.10", "#e",
               "#.0e", "#f", "#.0f", "#g", "#.0g", "#.3g", "#%", "#.0%", "z", "z.0f", "z.1f",
               "z.2f", "z.3e", "zg", "z.0%", "z.2%", "z.3", "+", "-", " ", "+.2f", " .2f",
               "+e", "10", "<10", ">10", "^10", "=10", "010", "+010", "-012", " 012", "010.2f",
               "*^15", "x<12.3e", "0=12.1f", "中>10", ",", "_", ",.2f", "_.2f", ",.0f", ",f",
               ",g", ",e", ",%", "_%", "015,.2f", "020_.3f", "012,", "+020,.1f", "0=+15,.3f",
               ",n", "_n", ".3n", "010n", "d", "x", "c", "s", "b", "\x00", "é", "abc", ".",
               "." + "9" * 12, ".2147483648f", "1" * 25, "5.5.5", "+z.1f", "z#.0f", "#z.0f",
               "z+.1f", "zz", "z,", "zd", ".0n", "#n", "#.0n", ".1r", "r", "9.3", "20.15e",
               "=^12", "0<10", "0^10", "٥.٢f", "30.20f", ".100f", ".310f", ".350e", "+#020.6e"]
for v in FLOATS:
    for spec in FLOAT_SPECS:
        if random.random() < 0.12 or v in (0.0, -0.0, INF, NAN, 1e16, 0.125, 2.675, 1 / 3, 123456.789):
            case_format("f", v, spec)
# rounding at the boundary (ties on the exact binary value) and the 'g' / repr exponent thresholds
ROUND_VALUES = [0.5, 1.5, 2.5, -2.5, 0.125, 0.375, -0.125, 2.675, 1.005, 9.995, 99.995, 0.05, 0.015,
                9.5, 10.5, 999999.5, 0.9999995, 9.9999995, 0.00009999995, 99999.95, 1e-4, 9.999e-5,
                1e16, 9.999999999999998e15, 123456.5]
for v in ROUND_VALUES:
    for spec in [".0f", ".1f", ".2f", ".3f", ".0e", ".1e", ".2e", ".0g", ".1g", ".2g", ".3g", ".6g",
                 ".0%", ".1%", ".0", ".1", ".2", ".3", ".6", "#.0", "#.2g", ".50g", ".30e", "#.40g"]:
        case_format("f", v, spec)
FLOAT_TYPES = list("eEfFgGn%") + ["", "", "", "d", "x"]
for _ in range(1200 * SCALE):
    v = random.choice(FLOATS) if random.random() < 0.4 else rand_double()
    case_format("f", v, rand_spec(FLOAT_TYPES))

# ---- format(str, spec) ----

STR_SPECS = ["", "s", "10", "<10", ">10", "^10", "^11", "*^11", "中^9", "😀<6", "010", "0>10",
             "0^10", ".0", ".1", ".3", ".5s", "10.3", "^10.2s", "=10", "+", "-", " ", "+s", "z",
             "zs", "#", "#s", "#10", ",", "_", ",s", "_s", "d", "x", "r", "c", "\x00", "é", "abc",
             "10.", ".", "1" * 25, ">" + "9" * 3, "٥", "<=", "z#", "+z", "#=", "=>5", "x=5"]
for v in STRS:
    for spec in STR_SPECS:
        case_format("s", v, spec)
for _ in range(300 * SCALE):
    case_format("s", random.choice(STRS), rand_spec(["s", "s", "", "d"], 0.5))

# ---- random spec strings (parser edge cases) ----

SPEC_ALPHABET = "<>=^+- z#0123456789,_.eEfFgGdxXnbco%s中é"
for _ in range(500 * SCALE):
    spec = "".join(random.choice(SPEC_ALPHABET) for _ in range(random.randint(1, 7)))
    which = random.choice("iifs")
    if which == "i":
        case_format("i", random.choice([0, -5, 1234567, 65]), spec)
    elif which == "f":
        case_format("f", random.choice([0.0, -0.0, -1.5, 1234567.891, NAN, 1e-7]), spec)
    else:
        case_format("s", random.choice(["", "abc", "中文"]), spec)

# ---- repr(float) ----

for v in FLOATS:
    add("r", frepr(v), expect(lambda: repr(v)))
for _ in range(600 * SCALE):
    v = rand_double()
    add("r", frepr(v), expect(lambda: repr(v)))
for e in range(-325, 309, 7):
    for m in (1.0, 2.0, 5.0, 9.999999999999999, 1.2345678901234567):
        v = m * 10.0 ** e if -308 < e < 308 else float("%.17ge%d" % (m, e))
        add("r", frepr(v), expect(lambda: repr(v)))

# ---- printf-style % ----


def enc_item(x):
    if isinstance(x, bool):
        return "b:%d" % x
    if isinstance(x, int):
        return "i:%d" % x
    if isinstance(x, float):
        return "f:" + frepr(x)
    if isinstance(x, str):
        return "s:" + esc(x)
    assert str(x) == repr(x)
    return "o:%s:%s" % (type(x).__name__, esc(str(x)))


def enc_args(args):
    if isinstance(args, tuple):
        return "T" + "".join("|" + enc_item(x) for x in args)
    if isinstance(args, dict):
        return "D" + "".join("|%s=%s" % (esc(k), enc_item(x)) for k, x in args.items())
    if isinstance(args, list):
        return "L|" + enc_item(args)
    return "1|" + enc_item(args)


def case_pct(fmt, args):
    try:
        add("p", esc(fmt), enc_args(args), expect(lambda: fmt % args))
    except Skip:
        pass


PCT_STRS = ["", "a", "abc", "héllo", "中文字", "it's", 'say "hi"', "both '\"", "tab\there",
            "line\nnext", "back\\slash", "ß", "😀x", "x" * 12, "é"]
PCT_INTS = [0, 1, -1, 5, -5, 42, 255, -255, 65, 0x4E2D, 0x1F600, 1234567, 2**63 - 1, -2**63,
            0x110000, 10**10]
PCT_FLOATS = [0.0, -0.0, 1.5, -2.5, 0.5, 3.14159, 1e16, 1e-5, 123456.789, INF, -INF, NAN, 1e300,
              0.125, 2.675, 1e22, -1e30, 99.5, 1.9, -0.5, 1 / 3]
PCT_OTHERS = [[1, 2], [], ["a"]]

hand = [
    ("%s", ("a",)), ("%5s|", ("ab",)), ("%-5s|", ("ab",)), ("%.2s", ("abc",)), ("%5.1s|", ("中文",)),
    ("%05s", ("a",)), ("%05c", ("a",)), ("%05r", ("a",)), ("%-05d", (5,)), ("%05f", (INF,)),
    ("%+05f", (NAN,)), ("%5%", ()), ("%-5%", ()), ("%5%", (1,)), ("%-5%|", (1,)), ("%%", ()),
    ("100%%", ()), ("%z", ()), ("%z", (1,)), ("%(a)s %s", {"a": 1}), ("%s", {"a": 1}),
    ("%s", {"a": "x", "b": 2.5}), ("abc", 5), ("abc", [1]), ("abc", {}), ("%s", [1]),
    ("%(a)s", [1]), ("%(a)s", ({"a": 1},)), ("%(a)s", 5), ("%c", (1.5,)), ("%c", ("ab",)),
    ("%c", ("",)), ("%c", (-1,)), ("%c", (0x110000,)), ("%c", (True,)), ("%c", ("é",)),
    ("%c", (0x4E2D,)), ("%5c|", ("é",)), ("%-5c|", (0x4E2D,)), ("%.0c|", (65,)), ("%d", ("x",)),
    ("%x", (1.5,)), ("%o", (8.0,)), ("%X", ("s",)), ("%d", (1.5e30,)), ("%d", (NAN,)),
    ("%d", (INF,)), ("%i", (-INF,)), ("%u", (-1e22,)), ("%f", ("x",)), ("%e", ([1],)),
    ("%#.5x", (255,)), ("%#010x", (255,)), ("%#-10X|", (255,)), ("% 010.3d", (-5,)),
    ("%*d", (-5, 3)), ("%*d", ("x", 3)), ("%*d", (1.5, 3)), ("%*s", (True, "a")),
    ("%.*f", (-3, 1.5)), ("%.*f", (2, 1.5)), ("%*.*f|", (10, 3, 3.14159)), ("%-*.*e|", (12, 2, 1e5)),
    ("%.*s", (2, "abc")), ("%.*s", (-2, "abc")), ("%0*d", (5, -3)), ("%-*d|", (5, 3)),
    ("%*d|", (-5, 3)), ("%.*d", (3, 5)), ("%(a", {"a": 1}), ("%(a)", {"a": 1}), ("%", ()),
    ("%", (1,)), ("%5", (1,)), ("%.", (1,)), ("%l", (1,)), ("%-", (1,)), ("%0", (1,)),
    ("%*", (5,)), ("%.*", (5,)), ("%*", ()), ("%ld", (1,)), ("%hs", (1,)), ("%Ls", (1,)),
    ("%lld", (1,)), ("%é", (1,)), ("é%ü", (1,)), ("中文%中", (1,)), ("%\n", (1,)), ("%\x7f", (1,)),
    ("%\x1f", (1,)), ("%~", (1,)), ("%s %s", (1,)), ("%s", (1, 2)), ("%s", ()), ("", ()),
    ("", (1,)), ("x", ()), ("%(a)*d", {"a": 1}), ("%(a)d %(a)x %(a)o", {"a": 255}),
    ("%(a)s", {}), ("%(a)s", {"b": 1}), ("%(a)(b)s", {"a(b": 1}), ("%(a(b))s", {"a(b)": 1}),
    ("%(a(b)s", {"a(b)s": 1}), ("%()s", {"": 7}), ("%(中)s", {"中": "文"}), ("%(x)s%%", {"x": 1}),
    ("%(x)-5d|", {"x": 1}), ("%(x)+.2f", {"x": 2.5}), ("%d %d", [1, 2]), ("%s%", (1,)),
    ("%05%", ()), ("%3c|", (65,)), ("%x", (True,)), ("%d", (True,)), ("%s %r", (True, False)),
    ("%.2d", (1.9,)), ("%d", (-0.5,)), ("%x", (-255,)), ("%#o", (-8,)), ("%+x", (255,)),
    ("%#x", (0,)), ("%#.0x", (0,)), ("%.0d", (0,)), ("%+.0d", (0,)), ("%5.3x|", (-1,)),
    ("%#5o|", (8,)), ("%#05o|", (8,)), ("% x", (255,)), ("% #010X", (255,)), ("%-#10o|", (8,)),
    ("%e", (5,)), ("%g", (True,)), ("%.0e", (12345,)), ("%#.0f", (1.5,)), ("%i %u", (3, 4)),
    ("%a", ("é",)), ("%a", ("中😀",)), ("%r", ("it's",)), ("%r", ('say "hi"',)), ("%r", ("both '\"",)),
    ("%10.4f|", (3.14159,)), ("%-10.4f|", (-3.14159,)), ("%s", (1.0,)), ("%r", (1e16,)),
    ("%s", (NAN,)), ("%F", (NAN,)), ("%E", (-INF,)), ("%G", (1e-10,)), ("%.3g", (0.0001234,)),
    ("%#g", (0.0,)), ("%g", (1e16,)), ("%.20f", (0.1,)), ("%.60e", (1 / 3,)), ("%010.2f", (-1.5,)),
    ("%-010.2f|", (-1.5,)), ("% f", (1.5,)), ("%+e", (-0.0,)), ("%.0f", (0.5,)), ("%.0f", (1.5,)),
    ("%.0f", (2.5,)), ("%.2f", (0.125,)), ("%.2f", (2.675,)), ("%.1f", (0.05,)), ("%g", (100000.0,)),
    ("%g", (1000000.0,)), ("%g", (0.0001,)), ("%g", (0.00001,)), ("%#.3g", (1.0,)), ("%.0g", (0.5,)),
    ("%s", ([1, 2],)), ("%r", ([],)), ("%5s|", (["a"],)), ("%d", ([1],)), ("%s", ("%s",)),
    ("%(a)s", {"a": [1]}), ("%c%c%c", (72, "i", 0x1F600)), ("%s", (2**63 - 1,)), ("%d", (-2**63,)),
    ("%x", (-2**63,)), ("%o", (2**63 - 1,)), ("%#X", (2**63 - 1,)), ("%.3d|", (-2**63,)),
    ("%020d", (-2**63,)), ("%+d", (0,)), ("% d", (0,)), ("% d", (-0.0,)), ("%+.3e", (0.0,)),
    ("%5s%-5s|", ("中", "文")), ("%.1s", ("😀x",)), ("a%sb%sc", ("1", "2")), ("%.200f", (1e-5,)),
    ("%.100e", (5e-324,)), ("%.50g", (0.1,)), ("%#.50g", (0.5,)), ("%.340f", (1e-320,)),
    ("%.1f", (1e300,)), ("%d", (1e300,)), ("%.2147483648f", (1.0,)), ("%.*f", (2**31, 1.0)),
    ("%99999999999999999999d", (1,)),
]
for fmt, args in hand:
    case_pct(fmt, args)


def rand_pct_value(conv):
    k = random.random()
    if conv in "diouxX":
        if k < 0.7:
            return random.choice(PCT_INTS)
        if k < 0.85:
            return random.choice(PCT_FLOATS + [True, False])
        return random.choice(PCT_STRS + PCT_OTHERS)
    if conv in "eEfFgG":
        if k < 0.7:
            return random.choice(PCT_FLOATS)
        if k < 0.9:
            return random.choice(PCT_INTS + [True])
        return random.choice(PCT_STRS + PCT_OTHERS)
    if conv == "c":
        if k < 0.5:
            return random.choice([65, 97, 0x4E2D, 0x1F600, 0, 0x7F, -1, 0x110000, True])
        if k < 0.85:
            return random.choice(["a", "é", "中", "😀", "", "ab"])
        return random.choice([1.5, [1]])
    # s r a
    if k < 0.5:
        return random.choice(PCT_STRS)
    if k < 0.7:
        return random.choice(PCT_INTS + [True, False])
    if k < 0.9:
        return random.choice(PCT_FLOATS)
    return random.choice(PCT_OTHERS)


def rand_conv():
    flags = "".join(random.sample("-+ #0", k=random.choice([0, 0, 0, 1, 1, 2, 3])))
    width = random.choice(["", "", "", "1", "3", "5", "8", "12", "*"])
    prec = random.choice(["", "", "", ".0", ".1", ".2", ".3", ".6", ".10", ".*", "."])
    length = random.choice([""] * 12 + ["l", "h", "L"])
    conv = random.choice("diouxXeEfFgGcrsa" + "dfsx")
    return flags, width, prec, length, conv


LITS = ["", "", "", " ", "x", "= ", "中文", "|", "a%%b", ", ", "\t"]
for _ in range(900 * SCALE):
    fmt = random.choice(LITS)
    args = []
    for _ in range(random.randint(1, 3)):
        flags, width, prec, length, conv = rand_conv()
        if width == "*":
            args.append(random.choice([0, 3, 8, -6, 12]))
        if prec == ".*":
            args.append(random.choice([0, 1, 2, 5, -1]))
        args.append(rand_pct_value(conv))
        fmt += "%" + flags + width + prec + length + conv + random.choice(LITS)
    k = random.random()
    if k < 0.03:
        args.append(1)  # one too many
    elif k < 0.06 and args:
        args.pop()      # one too few
    if len(args) == 1 and random.random() < 0.3 and not isinstance(args[0], (tuple, dict, list)):
        case_pct(fmt, args[0])
    else:
        case_pct(fmt, tuple(args))

for _ in range(150 * SCALE):
    keys = random.sample(["a", "b", "name", "中", "x_1"], k=random.randint(1, 3))
    d = {}
    fmt = random.choice(LITS)
    for key in keys:
        flags, width, prec, length, conv = rand_conv()
        width = width.replace("*", "4")
        prec = prec.replace("*", "2")
        d[key] = rand_pct_value(conv)
        fmt += "%(" + key + ")" + flags + width + prec + length + conv + random.choice(LITS)
    if random.random() < 0.1:
        fmt += "%(missing)s"
    case_pct(fmt, d)

# ---- str.format: parsing ----


def case_parse(fmt):
    items = []
    end = "="
    try:
        for lit, name, spec, conv in string.Formatter().parse(fmt):
            items.append("|".join(esc(x) if x is not None else "\\N" for x in (lit, name, spec, conv)))
    except ValueError as e:
        end = "!ValueError:" + esc(str(e))
    add("P", esc(fmt), *items, end)


PARSE_HAND = ["", "abc", "a{0}b", "a{0}b{name!r:>{w}}c{{", "{{", "}}", "{{}}", "a{{b", "a}}b",
              "{", "}", "a{", "a}", "a}b", "{0", "{0:", "{0!", "{!", "{!r", "{0!r", "{0!r}",
              "{0!rr}", "{0!}", "{0!}}", "{0!:}", "{0!r:}", "{0!r:>5}", "{0[}", "{0[}]}", "{0[1]x}",
              "{0:{1}}", "{:{:{}}}", "{0.}", "{0..a}", "{0[]}", "{0}}", "{0{1}}", "{0!r:{1}",
              "{0]}", "{0.a[b}", "{0 }", "{:{}x}", "x{0:{{}}}", "{:}", "{}", "{}{}", "{a.b[c].d}",
              "{0:%Y-%m-%d}", "{0:{{}", "{0:}}", "{:{:}}", "{中}", "中{0}文", "{0!é}", "{0!中:x}",
              "{!}", "{:}}", "{[}", "{0[{]}", "{0:[}", "{0:{[}]}", "{0!a:{1}{2}}", "}{", "{}}{{}"]
for fmt in PARSE_HAND:
    case_parse(fmt)
for _ in range(250 * SCALE):
    case_parse("".join(random.choice("ab{}{}!:[].0r") for _ in range(random.randint(1, 10))))


def case_name(name):
    parts = []
    end = "="
    first = None
    try:
        first, rest = _string.formatter_field_name_split(name)
        for is_attr, key in rest:
            if is_attr:
                parts.append("a:" + esc(key))
            elif isinstance(key, int):
                parts.append("k:i:%d" % key)
            else:
                parts.append("k:s:" + esc(key))
    except ValueError as e:
        end = "!ValueError:" + esc(str(e))
    if first is None:
        ftext = "\\N"
    elif isinstance(first, int):
        ftext = "i:%d" % first
    else:
        ftext = "s:" + esc(first)
    add("N", esc(name), ftext, *parts, end)


NAME_HAND = ["0", "12", "a", "a.b[c][0].d", "", "0[", "[0]", "a]b", "0x", "99999999999999999999",
             "9223372036854775807", "9223372036854775808", "0[99999999999999999999]", "a.b.",
             "a[0]b", "a.", ".a", "..", "[]", "a[]", "a[[]", "a[-1]", "a[ 1]", "a[1 ]", "-1", " 0",
             "٣", "a[٣]", "0.real", "x[中]", "中.文", "a[b.c]", "a[b[c]", "a.b[c]d"]
for name in NAME_HAND:
    case_name(name)
for _ in range(120 * SCALE):
    case_name("".join(random.choice("a0b1[].") for _ in range(random.randint(0, 8))))

# ---- str.format: whole calls ----


def case_vformat(fmt, args, kwargs):
    try:
        add("v", esc(fmt), enc_args(tuple(args)), enc_args(dict(kwargs)),
            expect(lambda: fmt.format(*args, **kwargs)))
    except Skip:
        pass


VF_HAND = [
    ("{}{1}", (1, 2), {}), ("{0}{}", (1, 2), {}), ("{2}", (1,), {}), ("{}{}", (1,), {}), ("{a}", (), {}),
    ("{:{}}", (1, 5), {}), ("{0:{1}}", (1, 5), {}), ("{:{:{}}}", (1, 2, 3), {}), ("{0!x}", (1,), {}),
    ("{0!é}", (1,), {}), ("{5!x}", (1,), {}), ("{0.real}", (5,), {}), ("{0.imag}", (5,), {}),
    ("{0.real}", (2.5,), {}), ("{0.foo}", (5,), {}), ("{0.foo.}", (5,), {}), ("{0.real.}", (5,), {}),
    ("{0[1]}", ("abc",), {}), ("{0[a]}", ("abc",), {}), ("{0[5]}", ("abc",), {}), ("{0[1]}", (5,), {}),
    ("{0[1]x}", ("abc",), {}), ("{0[1]x}", (5,), {}), ("{!r:>6}", ("a",), {}), ("{0:}", (True,), {}),
    ("{0:>3}", (True,), {}), ("{0}", (True,), {}), ("{!r}", (False,), {}), ("{0:x}", ([1],), {}),
    ("{0}", ([1],), {}), ("{0:{1}}", (1, "x"), {}), ("{n:>{w}}", (), {"n": "ab", "w": 5}),
    ("{n:{f}^{w}}", (), {"n": "ab", "w": 6, "f": "*"}), ("{0:{1}{2}}", (3.14159, ".", "2f"), {}),
    ("{0!s:{1}}", (3.5, 8), {}), ("{!a}", ("中😀",), {}), ("{!r}", ("it's",), {}),
    ("{0} {0!r} {0!s} {0!a}", ("é",), {}), ("{x}{y}", (), {"x": 1}), ("{}", (), {}),
    ("{0}", (), {}), ("{٠}", ("digit",), {}), ("{0[٠]}", ("abc",), {}), ("{{{0}}}", (7,), {}),
    ("{0:,}", (1234567,), {}), ("{0:_x}", (0xABCDEF,), {}), ("{0:.3%}", (0.25,), {}),
    ("{0:%}", (1,), {}), ("{:c}", (0x4E2D,), {}), ("{:10.3f}|", (-3.14159,), {}),
    ("{0:{1}}", ("abc", "^9"), {}), ("{0:{1}}", ("abc", "d"), {}), ("{0:{1}}", (1.5, ".2x"), {}),
    ("{:{}}", ("a",), {}), ("{0!r:{1}}", ("x", 5), {}), ("{0!z:{1}}", ("x", 5), {}),
    ("{0:{a}}", (5,), {"a": "+"}), ("{0:{}}", (5, 6), {}), ("{:{0}}", (5, 6), {}),
    ("{0.real:{1}}", (5, "03"), {}), ("{0[0]:{1}}", ("xy", ">3"), {}), ("{!s}", ([1, 2],), {}),
    ("{:>5}", ([1],), {}), ("{:}", ([1],), {}), ("{a.real}", (), {"a": 3}), ("{a[0]}", (), {"a": "q"}),
    ("{0:{1:{2}}}", (1, 2, 3), {}), ("{:{}{}}", (1, "<", 4), {}), ("}", (), {}), ("{", (), {}),
    ("x{0}{", (1,), {}), ("{9}{", (1,), {}), ("{0:d}", ("s",), {}), ("{0:s}", (1,), {}),
    ("{0!r:d}", (1,), {}),
]
for fmt, args, kwargs in VF_HAND:
    case_vformat(fmt, args, kwargs)

VF_VALUES = [0, 5, -42, 1234567, 65, 2.5, -0.0, 1e16, 1 / 3, INF, NAN, "abc", "中文", "", True, False,
             [1, 2], "it's"]
for _ in range(300 * SCALE):
    args = [random.choice(VF_VALUES) for _ in range(random.randint(0, 4))]
    kwargs = {k: random.choice(VF_VALUES) for k in random.sample(["a", "b", "w"], k=random.randint(0, 2))}
    auto = random.random() < 0.5
    fmt = random.choice(["", "x", "中"])
    for i in range(random.randint(1, 3)):
        k = random.random()
        if k < 0.15 and kwargs:
            name = random.choice(list(kwargs))
            val = kwargs[name]
        elif auto:
            name = ""
            val = args[i] if i < len(args) else 0
        else:
            idx = random.randint(0, max(0, len(args)))
            name = str(idx)
            val = args[idx] if idx < len(args) else 0
        field = "{" + name
        if random.random() < 0.2:
            field += "!" + random.choice("rsa")
        if random.random() < 0.6:
            if isinstance(val, bool) or isinstance(val, int):
                types = INT_TYPES
            elif isinstance(val, float):
                types = FLOAT_TYPES
            else:
                types = ["s", "", ""]
            field += ":" + rand_spec(types, 0.6)
        fmt += field + "}" + random.choice(["", " ", "-", "{{", "}}"])
    case_vformat(fmt, args, kwargs)

with open(OUT, "w", encoding="utf-8", newline="\n") as f:
    f.write("# tests/ref/format_ref.txt — generated by tests/ref/gen_format.py with CPython %s; do not edit.\n"
            % sys.version.split()[0])
    f.write("# %d cases: %s\n" % (len(lines), ", ".join("%s=%d" % kv for kv in sorted(counts.items()))))
    for line in lines:
        f.write(line + "\n")
print("wrote %s: %d cases (%s)" % (OUT, len(lines), counts))
