# tqdm's text: format_meter fields (percent, bar, counts, elapsed<remaining, rate, postfix) and a bar driven by a
# fake clock over a fake iterable, written to a fake file. Expected output recorded from tqdm 4.64.1.
import tqdm.std as tqdm_std
from tqdm import tqdm, trange

tqdm.monitor_interval = 0
fm = tqdm.format_meter
print(fm(4, 10, 1.0025, prefix="desc", postfix="loss=0.1"))
print(fm(4, 10, 1.0025, prefix="desc: ", ascii=True))
print(fm(0, 10, 0))
print(fm(10, 10, 3.5))
print(fm(1, 10, 5))
print(fm(7, None, 2, prefix="x"))
print(fm(3, 10, 3723))
print(fm(3, 10, 3723, ncols=60))
print(fm(3, 10, 3723, ncols=0))
print(fm(1234567, 2000000, 100, unit_scale=True, unit="B"))
print(fm(2048, 4096, 2, unit_scale=True, unit="B", unit_divisor=1024))
print(fm(3, 10, 1, bar_format="{l_bar}{bar:5}| {n_fmt}/{total_fmt}"))
print(fm(3, 10, 1, bar_format="{desc}{percentage:3.0f}% {n}/{total}", prefix="p"))
print(fm(5, 8, 2.5, unit="img", rate=2.0))
for frac in range(0, 17):
    print(repr(fm(frac, 16, 1)[5:15]))
print(tqdm.format_interval(59.9), tqdm.format_interval(61), tqdm.format_interval(3600 * 5 + 7))
print(tqdm.format_sizeof(999), tqdm.format_sizeof(999.5), tqdm.format_sizeof(12345678), tqdm.format_sizeof(1e30))
print(tqdm.format_num(0.000123456), tqdm.format_num(12345678), tqdm.format_num(0.5), tqdm.format_num(3))


class Clock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def flush(self):
        pass


class Batches:
    """A fake data loader: len() and iteration, nothing else."""

    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __iter__(self):
        for i in range(self.n):
            yield i


clock = Clock()
tqdm_std.time = clock


def show(sink):
    for p in sink.parts:
        print(repr(p))


sink = Sink()
bar = tqdm(Batches(8), desc="epoch 1", file=sink)
for i in bar:
    clock.t += 0.25
    bar.set_postfix(loss=1.0 / (i + 1), refresh=False)
show(sink)
print(bar.n, bar.total, len(bar))

sink = Sink()
with tqdm(total=100, unit="img", file=sink, mininterval=0.5) as pbar:
    for i in range(10):
        clock.t += 0.2
        pbar.update(10)
    pbar.set_description("done")
show(sink)

sink = Sink()
gen = (i for i in range(5))
for i in tqdm(gen, file=sink):
    clock.t += 1.0
show(sink)

sink = Sink()
for i in trange(3, file=sink, leave=False, desc="tmp"):
    clock.t += 0.3
show(sink)

sink = Sink()
for i in tqdm(range(4), file=sink, disable=True):
    pass
print(sink.parts)

sink = Sink()
b = tqdm(total=6, file=sink, ascii=True)
clock.t += 2
b.update(3)
b.set_postfix({"acc": 0.91, "name": "lenet"}, lr=0.001)
clock.t += 2
b.update(3)
b.close()
show(sink)
