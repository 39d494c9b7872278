# Ends with an uncaught error inside a method reached through __call__ (frames name the methods).
class Layer:
    def __init__(self, weights):
        self.weights = weights
    def __call__(self, x):
        return self.forward(x)
    def forward(self, x):
        return [sum(w * xi for w, xi in zip(row, x)) for row in self.weights]
    def __repr__(self):
        n = "None" if self.weights is None else "%dx%d" % (len(self.weights), len(self.weights[0]))
        return "Layer(%s)" % n
class Model:
    def __init__(self, layers):
        self.layers = layers
    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
            print("activation:", x)
        return x
    def __len__(self):
        return len(self.layers)
good = Model([Layer([[1, 0], [0, 1]]), Layer([[2, 1]])])
print(len(good), good.layers)
print("output:", good([3, 4]))
try:
    Layer([[1, 2]])([1, "x"])
except TypeError as e:
    print("caught:", e)
model = Model([Layer([[1, 0], [0, 1]]), Layer([[2, 1]]), Layer(None)])
print(model.layers)
print("input:", [1, 2])
model([1, 2])
print("never printed")
