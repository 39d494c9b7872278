# A text-processing program: word frequencies, n-grams, alignment, with dicts, sorting and string methods.
TEXT = """It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness, it was the spring of hope,
it was the winter of despair."""
def tokenize(text):
    words = []
    for raw in text.lower().split():
        w = raw.strip(".,;:!?\"'")
        if w:
            words.append(w)
    return words
words = tokenize(TEXT)
print("words:", len(words), "unique:", len(set(words)))
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
for w, n in top:
    print("%-8s %3d %s" % (w, n, "*" * n))
bigrams = {}
for a, b in zip(words, words[1:]):
    bigrams[(a, b)] = bigrams.get((a, b), 0) + 1
print(sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]))[:4])
lengths = {}
for w in sorted(set(words)):
    lengths.setdefault(len(w), []).append(w)
for n in sorted(lengths):
    print(n, sorted(lengths[n]))
lines = TEXT.split("\n")
print([len(line) for line in lines], max(lines, key=len)[:20])
print([line.count("it was") + line.count("It was") for line in lines])
caps = [w for w in TEXT.replace(",", " ").split() if w[0].isupper()]
print(caps)
def wrap(text, width):
    out, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = w
        else:
            cur = w if not cur else cur + " " + w
    if cur:
        out.append(cur)
    return out
for line in wrap(TEXT, 38):
    print("|" + line.ljust(38) + "|")
for line in wrap("the quick brown fox jumps over the lazy dog", 15):
    print("|" + line.center(15) + "|")
acronym = "".join(w[0].upper() for w in "portable network graphics".split())
print(acronym)
vowel_counts = {v: TEXT.lower().count(v) for v in "aeiou"}
print(vowel_counts, sum(vowel_counts.values()))
print(" ".join(w[::-1] for w in "hello world from ctorch".split()))
