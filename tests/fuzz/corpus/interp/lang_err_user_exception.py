# Ends with an uncaught user-defined exception (subclass of a user base class) with a custom __init__.
class TrainingError(Exception):
    pass
class DivergedError(TrainingError):
    def __init__(self, epoch, loss):
        super().__init__("loss diverged at epoch %d (loss=%g)" % (epoch, loss))
        self.epoch = epoch
class EarlyStop(TrainingError):
    pass
def train(lr, patience=None):
    w, loss = 0.0, 0.0
    for epoch in range(1, 20):
        w = w - lr * 2 * (w - 1.0) if epoch > 1 else 5.0
        loss = (w - 1.0) ** 2
        if loss > 1e6:
            raise DivergedError(epoch, loss)
        if patience is not None and epoch >= patience:
            raise EarlyStop("stopped at epoch %d" % epoch)
    return round(w, 6)
print("lr=0.1 ->", train(0.1))
try:
    train(5.0)
except TrainingError as e:
    print("caught", type(e).__name__, "at epoch", e.epoch)
try:
    train(0.1, patience=3)
except EarlyStop as e:
    print("caught", type(e).__name__, e)
print(issubclass(DivergedError, TrainingError), isinstance(EarlyStop(), Exception))
print(repr(DivergedError(1, 2.0)), DivergedError(1, 2.0).args)
print("lr=3.0 ->", train(3.0))
print("never printed")
