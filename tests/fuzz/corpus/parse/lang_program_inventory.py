# A small object-oriented program: inventory management with classes, dicts, exceptions, sorting, formatting.
class OutOfStock(Exception):
    def __init__(self, item, wanted, available):
        super().__init__("cannot take %d x %s: only %d left" % (wanted, item, available))
        self.item = item
class Item:
    def __init__(self, name, price, qty=0):
        self.name = name
        self.price = price
        self.qty = qty
    @property
    def value(self):
        return self.price * self.qty
    def __repr__(self):
        return "Item(%r, %.2f, %d)" % (self.name, self.price, self.qty)
class Inventory:
    def __init__(self):
        self.items = {}
        self.log = []
    def add(self, name, price, qty):
        if name in self.items:
            self.items[name].qty += qty
        else:
            self.items[name] = Item(name, price, qty)
        self.log.append(("add", name, qty))
    def take(self, name, qty):
        item = self.items.get(name)
        if item is None:
            raise KeyError(name)
        if qty > item.qty:
            raise OutOfStock(name, qty, item.qty)
        item.qty -= qty
        self.log.append(("take", name, qty))
        return qty * item.price
    def __len__(self):
        return len(self.items)
    def __contains__(self, name):
        return name in self.items
    def __iter__(self):
        return iter(sorted(self.items.values(), key=lambda it: (-it.value, it.name)))
    def total(self):
        return sum(it.value for it in self.items.values())
    def report(self):
        lines = ["%-8s %6s %4s %8s" % ("item", "price", "qty", "value")]
        for it in self:
            lines.append("%-8s %6.2f %4d %8.2f" % (it.name, it.price, it.qty, it.value))
        lines.append("%-8s %20.2f" % ("TOTAL", self.total()))
        return "\n".join(lines)
inv = Inventory()
inv.add("apple", 0.5, 100)
inv.add("pear", 0.75, 40)
inv.add("melon", 3.2, 5)
inv.add("apple", 0.5, 20)
print(len(inv), "apple" in inv, "kiwi" in inv)
print(inv.report())
revenue = 0.0
for name, qty in [("apple", 30), ("melon", 6), ("kiwi", 1), ("pear", 40), ("melon", 5)]:
    try:
        revenue += inv.take(name, qty)
        print("sold", qty, name)
    except OutOfStock as e:
        print("OutOfStock:", e, "| item:", e.item)
    except KeyError as e:
        print("unknown item", e)
print("revenue: %.2f" % revenue)
print(inv.report())
print([it.name for it in inv if it.qty == 0], list(inv)[0])
summary = {}
for action, name, qty in inv.log:
    summary.setdefault(action, {}).setdefault(name, 0)
    summary[action][name] += qty
print(summary)
print(sorted(inv.items), max(inv, key=lambda it: it.price).name)
