# dict: literals, insertion order, get setdefault pop popitem items keys values update fromkeys copy clear,
# views, membership, iteration, KeyError.
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, len(d), list(d), d["a"])
print(d.get("a"), d.get("zz"), d.get("zz", 0), "a" in d, "zz" not in d, 1 in d)
print(d.setdefault("a", 100), d.setdefault("new", []), d)
d.setdefault("new", []).append("x")
print(d["new"])
print(d.pop("new"), d.pop("missing", "default"), d)
print(list(d.keys()), list(d.values()), list(d.items()))
for k, v in d.items():
    print(k, "->", v)
for k in d:
    print("key", k)
d.update({"a": 10, "z": 26})
d.update(y=25)
d.update([("x", 24)])
print(d)
print(dict.fromkeys(["p", "q"]), dict.fromkeys("ab", 0), dict.fromkeys(range(3), "v"))
e = d.copy()
e["a"] = -1
print(d["a"], e["a"], d == e, d is e)
print(d.popitem(), d)
keys = d.keys()
d["late"] = 1
print(keys, len(keys), "late" in keys)
print(d.values(), d.items())
e.clear()
print(e, len(e), bool(e))
try:
    d["missing"]
except KeyError as ex:
    print("KeyError:", ex, repr(ex))
try:
    d.pop("missing")
except KeyError as ex:
    print("KeyError:", ex)
try:
    {}.popitem()
except KeyError as ex:
    print("KeyError:", ex)
try:
    {[1]: 2}
except TypeError as ex:
    print("TypeError:", ex)
counts = {}
for w in "the cat and the hat and the bat".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
print(sorted(counts, key=counts.get, reverse=True)[:2], max(counts, key=counts.get))
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
inverted = {}
for k, v in counts.items():
    inverted.setdefault(v, []).append(k)
print(inverted)
nested = {"model": {"layers": [16, 8], "act": "relu"}, "lr": 0.01}
print(nested["model"]["layers"][-1], nested.get("model", {}).get("act"), nested["lr"] * 10)
nested["model"]["layers"].append(4)
print(nested)
t = {(0, 0): "origin", (1, 2): "p"}
print(t[(1, 2)], t[0, 0], (0, 0) in t)
mixed = {1: "int", 1.5: "float", "1": "str", None: "none", True: "bool?"}
print(mixed, len(mixed))
print({**{"a": 1}, **{"b": 2, "a": 3}}, dict(d, extra=True) == {**d, "extra": True})
print({} == {}, {"a": 1} == {"a": 1.0}, {"a": 1, "b": 2} == {"b": 2, "a": 1}, list({"a": 1, "b": 2}) == ["a", "b"])
print(dict(zip("abc", range(3))), {k: v for k, v in zip("xy", "XY")})
ordered = {}
for k in [5, 3, 9, 1]:
    ordered[k] = k * k
del ordered[3]
ordered[3] = "re-added"
print(ordered, list(ordered.keys()))
print(sum(ordered[k] for k in ordered if isinstance(ordered[k], int)))
print(len({}), {"k": None}.get("k", "dflt"), {"k": 0}.get("k") or "falsy")
