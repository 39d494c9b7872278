# Ends with an uncaught AttributeError on a user object; CPython suggests the close attribute name.
class Optimizer:
    def __init__(self, params, learning_rate=0.01, momentum=0.9):
        self.params = list(params)
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.velocity = [0.0] * len(self.params)
    def step(self, grads):
        for i, g in enumerate(grads):
            self.velocity[i] = self.momentum * self.velocity[i] + g
            self.params[i] -= self.learning_rate * self.velocity[i]
        return self.params
opt = Optimizer([1.0, 2.0, 3.0], learning_rate=0.1)
for step in range(3):
    params = opt.step([0.5, -0.5, 1.0])
    print("step", step, [round(p, 4) for p in params])
print("momentum:", opt.momentum)
try:
    print(opt.nonexistent)
except AttributeError as e:
    print("caught:", e)
print(hasattr(opt, "learning_rate"), getattr(opt, "learning_rat", "no such attribute"))
opt.learning_rate = 0.05
print("updated learning rate:", opt.learning_rate, "params:", len(opt.params))
for name in ("params", "momentum", "velocity"):
    print(name, "->", getattr(opt, name))
try:
    opt.stepp([0.0, 0.0, 0.0])
except AttributeError as e:
    print("caught:", e)
print("learning rate:", opt.learning_rat)
