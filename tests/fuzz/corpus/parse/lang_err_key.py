# Ends with an uncaught KeyError from a dict lookup in a helper function.
DEFAULTS = {"epochs": 10, "batch_size": 32}
def get_setting(config, name):
    if name in DEFAULTS and name not in config:
        return DEFAULTS[name]
    return config[name]
config = {"epochs": 3, "optimizer": "sgd"}
for key in ("epochs", "batch_size", "optimizer"):
    print(key, "=", get_setting(config, key))
print(config.get("lr", "no lr set"))
print(sorted(config), sorted(DEFAULTS.items()))
merged = dict(DEFAULTS)
merged.update(config)
print(merged)
counts = {}
for word in "a b a c b a".split():
    counts[word] = counts.get(word, 0) + 1
print(counts, counts["a"])
try:
    counts["z"]
except KeyError as e:
    print("caught KeyError:", e)
nested = {"model": {"layers": 3}}
print(nested["model"]["layers"], nested.get("data", {}).get("path", "none"))
try:
    nested["model"]["width"]
except KeyError as e:
    print("caught nested KeyError:", repr(e))
print("looking up lr directly")
lr = get_setting(config, "lr")
print("never printed", lr)
