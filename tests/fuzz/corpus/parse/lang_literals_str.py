# String literals: all quote forms, escapes, raw and triple-quoted strings, implicit concatenation.
print('single', "double", '''triple single''', """triple double""")
print('it\'s', "say \"hi\"", 'mixed "quotes"', "mixed 'quotes'")
print("tab:\tend", "newline:\nsecond line")
print("backslash: \\", "bell-free escapes: \x41\x42\u00e9\101")
print(repr("a\tb\nc\\d'e"), repr('say "x"'), repr("it's"), repr('both \' and "'))
print(repr("\x00\x1f\x7f"), repr("\r"), len("\x00"), len("\n"))
print(r"raw \n stays", r'C:\temp\new', len(r"\n"))
print(repr(r"a\b\\c"))
s = """line one
line two
    indented line three"""
print(s)
print(len(s), s.count("\n"))
t = '''a\
b'''
print(t)
print("implicit" " concatenation" ' works')
u = ("parenthesised "
     "continuation")
print(u)
print("" == '', len(""), repr(""), repr(''))
print("é", len("héllo"), "héllo"[1], repr("é"))
print("abc" * 3, 3 * "ab", "-" * 20)
print("abc" + "def", "a" < "b", "abc" < "abd", "Z" < "a", "" < "a")
print("ell" in "hello", "xyz" not in "hello", "" in "abc")
for ch in "hi!":
    print(ch, ord(ch))
print(chr(65), chr(97), chr(48), chr(233), ord("é"))
print(str(42), str(-3.5), str(True), str(None), str([1, 'a']), str((1,)))
print(repr(42), repr("42"), repr([1, "two", 3.0]), repr({"k": 'v'}))
print("a\
b")
print('\'' + "\"" + '\\')
print("%d%%" % 50)
print("\u03b1" == "α", len("\u03b1\u03b2"), "\u03b1\u03b2")
print('multi\nline\nrepr', repr('multi\nline'))
print(str("already a string"), str(str(7)))
