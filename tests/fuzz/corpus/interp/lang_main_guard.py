# The `if __name__ == '__main__':` idiom with a main() function, helper classes and module-level constants.
from __future__ import print_function
import sys
VERSION = "1.0"
DEBUG = False
class Config:
    def __init__(self, **kwargs):
        self.epochs = kwargs.get("epochs", 3)
        self.lr = kwargs.get("lr", 0.1)
        self.name = kwargs.get("name", "run")
    def __repr__(self):
        return "Config(epochs=%d, lr=%g, name=%r)" % (self.epochs, self.lr, self.name)
def log(*args):
    if DEBUG:
        print("[debug]", *args)
    else:
        print("[info]", *args)
def train(cfg):
    w = 0.0
    history = []
    for epoch in range(cfg.epochs):
        grad = 2 * (w - 3.0)
        w -= cfg.lr * grad
        loss = (w - 3.0) ** 2
        history.append(round(loss, 6))
        log("epoch %d: w=%.4f loss=%.6f" % (epoch + 1, w, loss))
    return w, history
def main(argv):
    print("program", VERSION, "module", __name__, "args", argv[1:])
    cfg = Config(epochs=5, lr=0.25, name="demo")
    print(cfg)
    w, history = train(cfg)
    print("final w = %.6f" % w)
    print("history:", history)
    return 0
if __name__ == '__main__':
    status = main(sys.argv)
    print("exit status would be", status)
if __name__ != "__main__":
    print("this line is not printed when run as a script")
print("module-level code after the guard runs too")
