# itertools: CPython's iterator building blocks, as generators.


def count(start=0, step=1):
    n = start
    while True:
        yield n
        n += step


def cycle(iterable):
    saved = []
    for x in iterable:
        yield x
        saved.append(x)
    while saved:
        for x in saved:
            yield x


def repeat(obj, times=None):
    if times is None:
        while True:
            yield obj
    else:
        for _ in range(times):
            yield obj


def accumulate(iterable, func=None, *, initial=None):
    it = iter(iterable)
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    for x in it:
        total = total + x if func is None else func(total, x)
        yield total


def chain(*iterables):
    for it in iterables:
        for x in it:
            yield x


def _from_iterable(iterables):
    for it in iterables:
        for x in it:
            yield x


chain.from_iterable = _from_iterable


def compress(data, selectors):
    return (d for d, s in zip(data, selectors) if s)


def dropwhile(predicate, iterable):
    it = iter(iterable)
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x


def takewhile(predicate, iterable):
    for x in iterable:
        if predicate(x):
            yield x
        else:
            break


def filterfalse(predicate, iterable):
    if predicate is None:
        predicate = bool
    return (x for x in iterable if not predicate(x))


def islice(iterable, *args):
    s = slice(*args)
    start, stop, step = s.start or 0, s.stop, s.step or 1
    it = iter(iterable)
    i = 0
    nxt = start
    for x in it:
        if stop is not None and i >= stop:
            return
        if i == nxt:
            yield x
            nxt += step
        i += 1


def starmap(function, iterable):
    for args in iterable:
        yield function(*args)


def zip_longest(*iterables, fillvalue=None):
    its = [iter(it) for it in iterables]
    done = [False] * len(its)
    while True:
        row = []
        for i in range(len(its)):
            if done[i]:
                row.append(fillvalue)
                continue
            try:
                row.append(next(its[i]))
            except StopIteration:
                done[i] = True
                row.append(fillvalue)
        if all(done):
            return
        yield tuple(row)


def groupby(iterable, key=None):
    keyfunc = (lambda x: x) if key is None else key
    group, current, first = [], None, True
    for x in iterable:
        k = keyfunc(x)
        if first:
            current, first = k, False
        elif k != current:
            yield current, iter(group)
            group, current = [], k
        group.append(x)
    if not first:
        yield current, iter(group)


def tee(iterable, n=2):
    items = list(iterable)
    return tuple(iter(items) for _ in range(n))


def pairwise(iterable):
    it = iter(iterable)
    try:
        a = next(it)
    except StopIteration:
        return
    for b in it:
        yield a, b
        a = b


def product(*iterables, repeat=1):
    pools = [tuple(p) for p in iterables] * repeat
    result = [[]]
    for pool in pools:
        result = [x + [y] for x in result for y in pool]
    for prod in result:
        yield tuple(prod)


def permutations(iterable, r=None):
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    if r > n:
        return
    for idx in product(range(n), repeat=r):
        if len(set(idx)) == r:
            yield tuple(pool[i] for i in idx)


def combinations(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    for idx in permutations(range(n), r):
        if sorted(idx) == list(idx):
            yield tuple(pool[i] for i in idx)


def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    for idx in product(range(n), repeat=r):
        if sorted(idx) == list(idx):
            yield tuple(pool[i] for i in idx)
