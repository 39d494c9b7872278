# More string behaviour: iteration, membership, comparison, immutability, building strings, common idioms.
s = "Python"
print([c for c in s], list(s)[::2], s[0] + s[-1], s * 2, len(s * 0))
print(s.lower() < s, "apple" < "banana" < "cherry", sorted(["b", "B", "a", "A"]), "a" * 3 < "a" * 4)
print(s.find("th"), s.index("on"), "th" in s, s.count("o"), s.upper().startswith("PY"))
chars = []
for ch in "hello":
    if ch not in chars:
        chars.append(ch)
print("".join(chars))
def is_palindrome(t):
    cleaned = "".join(c.lower() for c in t if c.isalnum())
    return cleaned == cleaned[::-1]
print(is_palindrome("A man, a plan, a canal: Panama"), is_palindrome("hello"))
def caesar(t, k):
    out = []
    for c in t:
        if c.isalpha():
            base = ord("a") if c.islower() else ord("A")
            out.append(chr((ord(c) - base + k) % 26 + base))
        else:
            out.append(c)
    return "".join(out)
enc = caesar("Hello, World!", 3)
print(enc, caesar(enc, -3))
vowels = sum(1 for c in "education" if c in "aeiou")
print("vowels:", vowels)
freq = {}
for c in "mississippi":
    freq[c] = freq.get(c, 0) + 1
print(freq, sorted(freq.items(), key=lambda kv: -kv[1])[0])
print("|".join(w.strip() for w in " a , b ,c ".split(",")))
title = "deep learning with pytorch"
print(title.title(), title.upper(), "-".join(title.split()), title.replace(" ", "_"))
print(title[:4], title[5:13], title.split()[-1].capitalize())
n = 1234567
print(str(n)[::-1], sum(int(d) for d in str(n)), len(str(n)), str(n).count("1"))
print(",".join(str(i) for i in range(5)), list(map(int, "9,8,7".split(","))))
rows = [("loss", 0.5), ("accuracy", 0.875)]
width = max(len(k) for k, _ in rows)
for k, v in rows:
    print(k.ljust(width), "=", "%.3f" % v)
print("=" * 20)
print("Title".center(20, "="))
print(repr("a" "b"), repr("multi\nline"), repr("\\"), repr("\t"), repr("'"), repr('"'))
print(str(3) + "3", int("3") + 3, "3" * 3, float("3") * 3)
line = "key1=val1;key2=val2;key3=val3"
print(dict(item.split("=") for item in line.split(";")))
print("abc" + str(1) + str(2.5) + str(None) + str(True))
try:
    "abc" + 1
except TypeError as e:
    print("TypeError:", e)
try:
    "abc".index("z")
except ValueError as e:
    print("ValueError:", e)
try:
    int("3.5")
except ValueError as e:
    print("ValueError:", e)
try:
    "x" * "y"
except TypeError as e:
    print("TypeError:", e)
acc = ""
for i in range(5):
    acc += str(i) * i
print(acc, len(acc))
print("%-6s|%6s|" % ("ab", "cd"), "ab".ljust(6) + "|" + "cd".rjust(6) + "|")
sentence = "  multiple   spaces   here  "
print(sentence.split(), " ".join(sentence.split()), sentence.strip().split(" "))
print("".join(c for c in "a1b2c3" if not c.isdigit()), "a1b2c3"[::2])
print(ord("a") - ord("A"), chr(ord("c") - 32), "".join(chr(ord(c) ^ 32) for c in "SwApCaSe"))
print("end")
