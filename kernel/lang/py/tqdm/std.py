"""tqdm.std for ctorch: progress bars with tqdm 4.64's text format, rate smoothing and refresh rules.

On a terminal the bar is redrawn in place with '\\r' on stderr (at most every mininterval = 0.1 s).
In the Jupyter kernel (and unless file= is given) it is one output that is updated in place
(display_data with a display id, then update_display_data), text/plain; tqdm.notebook adds text/html
with a <progress> element.
"""

import sys
from time import time

__all__ = ["tqdm", "trange", "TqdmWarning", "TqdmExperimentalWarning", "TqdmDeprecationWarning"]


class TqdmWarning(Warning):
    pass


class TqdmExperimentalWarning(TqdmWarning):
    pass


class TqdmDeprecationWarning(TqdmWarning):
    pass


def _in_notebook():
    try:
        import IPython.display
    except ImportError:
        return False
    return True


def _supports_unicode(fp):
    enc = getattr(fp, "encoding", None)
    if not isinstance(enc, str):
        return False
    return enc.lower().startswith("utf") or enc == "U8"


class EMA:
    """Exponential moving average with bias correction (tqdm's rate smoothing)."""

    def __init__(self, smoothing=0.3):
        self.alpha = smoothing
        self.last = 0
        self.calls = 0

    def __call__(self, x=None):
        beta = 1 - self.alpha
        if x is not None:
            self.last = self.alpha * x + beta * self.last
            self.calls += 1
        return self.last / (1 - beta ** self.calls) if self.calls else self.last


class Bar:
    """The bar itself: fraction frac drawn in width cells with eighths (UTF) or tenths (ASCII)."""

    ASCII = " 123456789#"
    UTF = " " + "".join(chr(c) for c in range(0x258F, 0x2587, -1))
    BLANK = "  "

    def __init__(self, frac, default_len=10, charset=None):
        if not 0 <= frac <= 1:
            frac = max(min(frac, 1), 0)
        self.frac = frac
        self.default_len = default_len
        self.charset = self.UTF if charset is None else charset

    def __format__(self, format_spec):
        if format_spec:
            _type = format_spec[-1].lower()
            try:
                charset = {"a": self.ASCII, "u": self.UTF, "b": self.BLANK}[_type]
            except KeyError:
                charset = self.charset
            else:
                format_spec = format_spec[:-1]
            if format_spec:
                n_bars = int(format_spec)
                if n_bars < 0:
                    n_bars += self.default_len
            else:
                n_bars = self.default_len
        else:
            charset = self.charset
            n_bars = self.default_len
        nsyms = len(charset) - 1
        bar_length, frac_bar_length = divmod(int(self.frac * n_bars * nsyms), nsyms)
        res = charset[-1] * bar_length
        if bar_length < n_bars:
            res = res + charset[frac_bar_length] + charset[0] * (n_bars - bar_length - 1)
        return res

    def __str__(self):
        return self.__format__("")


class tqdm:
    """Decorate an iterable object, returning an iterator which acts exactly like the original iterable,
    but prints a dynamically updating progressbar every time a value is requested."""

    monitor_interval = 10
    _instances = []

    @staticmethod
    def format_sizeof(num, suffix="", divisor=1000):
        for unit in ["", "k", "M", "G", "T", "P", "E", "Z"]:
            if abs(num) < 999.5:
                if abs(num) < 99.95:
                    if abs(num) < 9.995:
                        return "{0:1.2f}".format(num) + unit + suffix
                    return "{0:2.1f}".format(num) + unit + suffix
                return "{0:3.0f}".format(num) + unit + suffix
            num /= divisor
        return "{0:3.1f}Y".format(num) + suffix

    @staticmethod
    def format_interval(t):
        mins, s = divmod(int(t), 60)
        h, m = divmod(mins, 60)
        if h:
            return "{0:d}:{1:02d}:{2:02d}".format(h, m, s)
        return "{0:02d}:{1:02d}".format(m, s)

    @staticmethod
    def format_num(n):
        f = "{0:.3g}".format(n).replace("+0", "+").replace("-0", "-")
        n = str(n)
        return f if len(f) < len(n) else n

    @staticmethod
    def format_meter(n, total, elapsed, ncols=None, prefix="", ascii=False, unit="it", unit_scale=False, rate=None,
                     bar_format=None, postfix=None, unit_divisor=1000, initial=0, colour=None, **extra_kwargs):
        """The text of a bar: '{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining},
        {rate_fmt}{postfix}]'."""
        if total and n >= (total + 0.5):
            total = None
        if unit_scale and unit_scale not in (True, 1):
            if total:
                total *= unit_scale
            n *= unit_scale
            if rate:
                rate *= unit_scale
            unit_scale = False
        elapsed_str = tqdm.format_interval(elapsed)
        if rate is None and elapsed:
            rate = (n - initial) / elapsed
        inv_rate = 1 / rate if rate else None
        format_sizeof = tqdm.format_sizeof
        rate_noinv_fmt = ((format_sizeof(rate) if unit_scale else "{0:5.2f}".format(rate)) if rate else "?") + \
            unit + "/s"
        rate_inv_fmt = ((format_sizeof(inv_rate) if unit_scale else "{0:5.2f}".format(inv_rate)) if inv_rate
                        else "?") + "s/" + unit
        rate_fmt = rate_inv_fmt if inv_rate and inv_rate > 1 else rate_noinv_fmt
        if unit_scale:
            n_fmt = format_sizeof(n, divisor=unit_divisor)
            total_fmt = format_sizeof(total, divisor=unit_divisor) if total is not None else "?"
        else:
            n_fmt = str(n)
            total_fmt = str(total) if total is not None else "?"
        try:
            postfix = ", " + postfix if postfix else ""
        except TypeError:
            pass
        remaining = (total - n) / rate if rate and total else 0
        remaining_str = tqdm.format_interval(remaining) if rate else "?"
        if prefix:
            bool_prefix_colon_already = prefix[-2:] == ": "
            l_bar = prefix if bool_prefix_colon_already else prefix + ": "
        else:
            l_bar = ""
        r_bar = "| {0}/{1} [{2}<{3}, {4}{5}]".format(n_fmt, total_fmt, elapsed_str, remaining_str, rate_fmt, postfix)
        format_dict = {
            "n": n, "n_fmt": n_fmt, "total": total, "total_fmt": total_fmt, "elapsed": elapsed_str,
            "elapsed_s": elapsed, "ncols": ncols, "desc": prefix or "", "unit": unit, "rate": inv_rate if inv_rate
            and inv_rate > 1 else rate, "rate_fmt": rate_fmt, "rate_noinv": rate, "rate_noinv_fmt": rate_noinv_fmt,
            "rate_inv": inv_rate, "rate_inv_fmt": rate_inv_fmt, "postfix": postfix, "unit_divisor": unit_divisor,
            "colour": colour, "remaining": remaining_str, "remaining_s": remaining, "l_bar": l_bar, "r_bar": r_bar,
            "eta": None,
        }
        format_dict.update(extra_kwargs)
        charset = Bar.ASCII if ascii is True else (ascii or Bar.UTF)
        if total:
            frac = n / total
            percentage = frac * 100
            l_bar += "{0:3.0f}%|".format(percentage)
            if ncols == 0:
                return l_bar[:-1] + r_bar[1:]
            format_dict["l_bar"] = l_bar
            format_dict["percentage"] = percentage
            if not bar_format:
                bar_format = "{l_bar}{bar}{r_bar}"
            if "{bar" not in bar_format:
                return bar_format.format(bar="", **format_dict)
            nobar = bar_format.format(bar="", **format_dict)
            full_bar = Bar(frac, max(1, ncols - len(nobar)) if ncols else 10, charset=charset)
            return bar_format.format(bar=full_bar, **format_dict)
        if bar_format:
            format_dict["l_bar"] = l_bar
            format_dict["percentage"] = 0
            return bar_format.format(bar=Bar(0, max(1, ncols - len(bar_format)) if ncols else 10,
                                             charset=charset), **format_dict)
        return "{0}{1}{2} [{3}, {4}{5}]".format((prefix + ": ") if prefix else "", n_fmt, unit, elapsed_str, rate_fmt,
                                               postfix)

    def __init__(self, iterable=None, desc=None, total=None, leave=True, file=None, ncols=None, mininterval=0.1,
                 maxinterval=10.0, miniters=None, ascii=None, disable=False, unit="it", unit_scale=False,
                 dynamic_ncols=False, smoothing=0.3, bar_format=None, initial=0, position=None, postfix=None,
                 unit_divisor=1000, write_bytes=False, lock_args=None, nrows=None, colour=None, delay=0, gui=False,
                 **kwargs):
        if kwargs:
            raise TypeError("Unexpected keyword arguments: " + str(sorted(kwargs)))
        if total is None and iterable is not None:
            try:
                total = len(iterable)
            except (TypeError, AttributeError):
                total = None
        if total == float("inf"):
            total = None
        self.iterable = iterable
        self.desc = desc or ""
        self.total = total
        self.leave = leave
        self.fp = file
        self._display_mode = file is None and self._use_display()
        self.ncols = ncols
        self.nrows = nrows
        self.mininterval = mininterval
        self.maxinterval = maxinterval
        self.miniters = miniters if miniters is not None else 0
        self.dynamic_miniters = miniters is None
        if ascii is None and not self._display_mode:
            ascii = not _supports_unicode(file if file is not None else sys.stderr)
        self.ascii = ascii
        self.disable = disable
        self.unit = unit
        self.unit_scale = unit_scale
        self.unit_divisor = unit_divisor
        self.initial = initial
        self.lock_args = lock_args
        self.delay = delay
        self.gui = gui
        self.dynamic_ncols = dynamic_ncols
        self.smoothing = smoothing
        self._ema_dn = EMA(smoothing)
        self._ema_dt = EMA(smoothing)
        self._ema_miniters = EMA(smoothing)
        self.bar_format = bar_format
        self.postfix = None
        self.colour = colour
        self._time = time   # the module's clock, looked up now (tests replace tqdm.std.time)
        self.pos = 0
        self.n = initial
        self._last_len = 0
        self._display_id = None
        self._closed = False
        if postfix:
            try:
                self.set_postfix(refresh=False, **postfix)
            except TypeError:
                self.postfix = postfix
        if disable:
            self.n = initial
            return
        self.last_print_n = initial
        tqdm._instances.append(self)
        if delay <= 0:
            self.refresh()
        self.last_print_t = self._time()
        self.start_t = self.last_print_t

    def _use_display(self):
        return _in_notebook()

    # -- iteration and updates --

    def __len__(self):
        if self.iterable is None:
            return self.total
        if hasattr(self.iterable, "__len__"):
            return len(self.iterable)
        if self.total is not None:
            return self.total
        raise TypeError("'tqdm' object has no len()")

    def __bool__(self):
        if self.total is not None:
            return self.total > 0
        if self.iterable is None:
            raise TypeError("bool() undefined when iterable == total == None")
        return bool(self.iterable)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()
        return False

    def __repr__(self):
        return self.format_meter(**self.format_dict)

    __str__ = __repr__

    def __hash__(self):
        return id(self)

    def __iter__(self):
        iterable = self.iterable
        if self.disable:
            for obj in iterable:
                yield obj
            return
        mininterval = self.mininterval
        last_print_t = self.last_print_t
        last_print_n = self.last_print_n
        min_start_t = self.start_t + self.delay
        n = self.n
        try:
            for obj in iterable:
                yield obj
                n += 1
                if n - last_print_n >= self.miniters:
                    cur_t = self._time()
                    dt = cur_t - last_print_t
                    if dt >= mininterval and cur_t >= min_start_t:
                        self.update(n - last_print_n)
                        last_print_n = self.last_print_n
                        last_print_t = self.last_print_t
        finally:
            self.n = n
            self.close()

    def update(self, n=1):
        """Add n to the count; redraws when mininterval has passed."""
        if self.disable:
            return None
        if n < 0:
            self.last_print_n += n
        self.n += n
        if self.n - self.last_print_n >= self.miniters:
            cur_t = self._time()
            dt = cur_t - self.last_print_t
            if dt >= self.mininterval and cur_t >= self.start_t + self.delay:
                dn = self.n - self.last_print_n
                if self.smoothing and dt and dn:
                    self._ema_dn(dn)
                    self._ema_dt(dt)
                self.refresh()
                if self.dynamic_miniters:
                    if self.maxinterval and dt >= self.maxinterval:
                        self.miniters = dn * (self.mininterval or self.maxinterval) / dt
                    elif self.smoothing:
                        self.miniters = self._ema_miniters(dn * (self.mininterval / dt if self.mininterval and dt
                                                                 else 1))
                    else:
                        self.miniters = max(self.miniters, dn)
                self.last_print_n = self.n
                self.last_print_t = cur_t
                return True
        return None

    def close(self):
        """Final display (leave=True) or removal of the bar (leave=False)."""
        if self.disable or self._closed:
            return
        self._closed = True
        if self in tqdm._instances:
            tqdm._instances.remove(self)
        leave = self.leave if self.leave is not None else True
        if not self._display_mode:
            self._fp_write("")   # as tqdm (it probes for a closed file)
        if leave:
            self._ema_dt = lambda x=None: None
            self.display(final=True)
            if not self._display_mode:
                self._fp_write("\n")
        else:
            if self._display_mode:
                self._show({"text/plain": ""}, update=True)
            else:
                self._print_status("")
                self._fp_write("\r")

    def clear(self, nolock=False):
        if self.disable:
            return
        if not self._display_mode:
            self._print_status("")
            self._fp_write("\r")

    def refresh(self, nolock=False, lock_args=None):
        if self.disable:
            return
        self.display()
        return True

    def unpause(self):
        if self.disable:
            return
        cur_t = self._time()
        self.start_t += cur_t - self.last_print_t
        self.last_print_t = cur_t

    def reset(self, total=None):
        self.n = 0
        if total is not None:
            self.total = total
        if self.disable:
            return
        self.last_print_n = 0
        self.last_print_t = self.start_t = self._time()
        self._ema_dn = EMA(self.smoothing)
        self._ema_dt = EMA(self.smoothing)
        self._ema_miniters = EMA(self.smoothing)
        self.refresh()

    def set_description(self, desc=None, refresh=True):
        self.desc = desc + ": " if desc else ""
        if refresh:
            self.refresh()

    def set_description_str(self, desc=None, refresh=True):
        self.desc = desc or ""
        if refresh:
            self.refresh()

    def set_postfix(self, ordered_dict=None, refresh=True, **kwargs):
        """Shown after the rate: set_postfix(loss=0.123, acc=0.9) -> ', acc=0.9, loss=0.123'."""
        postfix = dict([] if ordered_dict is None else ordered_dict)
        keys = list(postfix.keys())
        for key in sorted(kwargs.keys()):
            postfix[key] = kwargs[key]
            if key not in keys:
                keys.append(key)
        parts = []
        for key in keys:
            v = postfix[key]
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                v = self.format_num(v)
            elif not isinstance(v, str):
                v = str(v)
            parts.append(key + "=" + v.strip())
        self.postfix = ", ".join(parts)
        if refresh:
            self.refresh()

    def set_postfix_str(self, s="", refresh=True):
        self.postfix = str(s)
        if refresh:
            self.refresh()

    @property
    def format_dict(self):
        elapsed = self._time() - self.start_t if hasattr(self, "start_t") else 0
        rate = None
        dt = self._ema_dt()
        if self.smoothing and dt:
            rate = self._ema_dn() / dt
        return {"n": self.n, "total": self.total, "elapsed": elapsed, "ncols": self.ncols, "nrows": self.nrows,
                "prefix": self.desc, "ascii": self.ascii, "unit": self.unit, "unit_scale": self.unit_scale,
                "rate": rate, "bar_format": self.bar_format, "postfix": self.postfix,
                "unit_divisor": self.unit_divisor, "initial": self.initial, "colour": self.colour}

    # -- output --

    def _fp_write(self, s):
        fp = self.fp if self.fp is not None else sys.stderr
        fp.write(s)
        if hasattr(fp, "flush"):
            fp.flush()

    def _print_status(self, s):
        len_s = len(s)
        self._fp_write("\r" + s + " " * max(self._last_len - len_s, 0))
        self._last_len = len_s

    def _show(self, bundle, update):
        from IPython.display import display
        if self._display_id is None:
            from IPython.display import _new_id
            self._display_id = _new_id()
            update = False
        display(bundle, raw=True, display_id=self._display_id, update=update)

    def _bundle(self, text, final):
        return {"text/plain": text}

    def display(self, msg=None, pos=None, final=False):
        text = self.__str__() if msg is None else msg
        if self._display_mode:
            self._show(self._bundle(text, final), update=self._display_id is not None)
        else:
            self._print_status(text)
        return True

    @classmethod
    def write(cls, s, file=None, end="\n", nolock=False):
        fp = file if file is not None else sys.stdout
        fp.write(s)
        fp.write(end)

    @classmethod
    def external_write_mode(cls, file=None, nolock=False):
        return _NullContext()

    @classmethod
    def get_lock(cls):
        return _NullContext()

    @classmethod
    def set_lock(cls, lock):
        pass

    @classmethod
    def pandas(cls, *targs, **tkwargs):
        raise NotImplementedError("tqdm.pandas() is not supported in ctorch (there is no pandas)")


class _NullContext:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def acquire(self, *a, **k):
        return True

    def release(self):
        pass


def trange(*args, **kwargs):
    """tqdm(range(*args), **kwargs)."""
    return tqdm(range(*args), **kwargs)
