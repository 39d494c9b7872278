#!/usr/bin/python3
"""tests/ref/gen_ref.py — writes tests/ref/ops_ref.txt: PyTorch 1.13's results for every op of
tensor/tensor.h (except random and printing) on deterministic inputs, replayed by
tests/unit/test_ops.c. Run with Debian's python3-torch 1.13 (CPU capability AVX2):
    /usr/bin/python3 tests/ref/gen_ref.py
ctest never needs torch; the output is committed.

Fixture format (one directive per line, tokens separated by spaces; '#' starts a comment line):
  case CAT.NAME OP [KEY=VALUE ...]   one call of the C function ten_<OP> (the ops[] table in
        test_ops.c; TORCH below is the PyTorch side of the same table). CAT groups the cases.
        KEY=VALUE arguments: ints in decimal, dims lists comma-separated (may be empty), dtypes as
        f32/f64/i64/i32/u8/bool, Python scalars as i:5 / f:<repr> / b:1, doubles as Python repr.
        The tolerance policy lives here, in three keys (absent: bit-exact, nan == nan):
        tol=N   float outputs may differ by N units in the last place: transcendental ops, where
                PyTorch's AVX2 kernels use Sleef and we use glibc's libm (both < 1 ulp);
        atol=X  ... or by X absolutely (log_softmax, where x - max - log(sum) cancels);
        ties=1  topk: indices may differ where values tie (ATen uses std::nth_element /
                partial_sort), but must pick elements equal to the returned values, once each.
  in DT SHAPE [stride=S] [offset=O] [storage=N | share=K] : V ...
        a tensor input. Without stride=, a contiguous tensor and its values in row-major order;
        with it, a view (shape, stride, offset) of a storage of N elements whose values are listed,
        or (share=K, no values) of the storage of input K, for aliasing cases.
  def NAME DT SHAPE ... : V ...      (before a case) a long `in` payload written once ...
  in @NAME                          ... and used by reference (same as `in` + the payload)
  scalar KIND V      a Python number operand (KIND b/i/f), i.e. a wrapped number (ten_wrap_scalar)
  out DT SHAPE [stride=S] : V ...    an expected tensor result ('*' instead of values: not compared)
  ret TEXT           an expected non-tensor result (bool 0/1, dtype name, shape, ...)
  err KIND MESSAGE   the expected error: Python exception class and exact message
Values: float32 as 8 hex digits of the IEEE bits, float64 as 16, integers in decimal, bool 0/1.
SHAPE is [] for 0-dim, else [2,3]. Inputs come from closed formulas (seq/iseq), never from torch's
RNG. Cases run single-threaded (torch.set_num_threads(1)) with OpenBLAS's Haswell kernels.
Calls PyTorch's Python API cannot express (e.g. maximum(tensor, 2.5)) are left out.
"""
import math
import os
import sys
import warnings

# BLAS results depend on the kernels OpenBLAS picks for the CPU; use its Haswell (AVX2) ones, as
# tests/unit/test_ops.c does. Must be set before torch loads OpenBLAS.
os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")
import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "ops_ref.txt")

DT = {"f32": torch.float32, "f64": torch.float64, "i64": torch.int64, "i32": torch.int32,
      "u8": torch.uint8, "bool": torch.bool}
DTN = {v: k for k, v in DT.items()}
DTYPE_NAMES = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64",
               torch.int32: "int32", torch.uint8: "uint8", torch.bool: "bool"}
INF, NAN = math.inf, math.nan
ALL_DT = ["bool", "u8", "i32", "i64", "f32", "f64"]

# Ops computed with transcendental functions: PyTorch's AVX2 build uses Sleef (u10, <= 1 ulp) and
# we use glibc libm (< 1 ulp), so results may differ in the last bits. Value = allowed ulps.
TOL_UNARY = {"exp": 2, "exp2": 2, "expm1": 2, "log": 2, "log2": 2, "log10": 2, "log1p": 2,
             "sin": 2, "cos": 2, "tan": 2, "asin": 2, "acos": 2, "atan": 2, "sinh": 2, "cosh": 2,
             "tanh": 2, "sigmoid": 2, "erf": 2}
TOL_BINARY = {"pow": 2, "atan2": 2}


# ---- encoding ----

def fmt_values(t):
    t = t.detach().contiguous().reshape(-1)
    if t.dtype == torch.float32:
        return ["%08x" % (v & 0xFFFFFFFF) for v in t.view(torch.int32).tolist()]
    if t.dtype == torch.float64:
        return ["%016x" % (v & 0xFFFFFFFFFFFFFFFF) for v in t.view(torch.int64).tolist()]
    if t.dtype == torch.bool:
        return [str(int(v)) for v in t.tolist()]
    return [str(v) for v in t.tolist()]


def fmt_shape(s):
    return "[" + ",".join(str(int(x)) for x in s) + "]"


def fmt_scalar(v):
    """Python number -> 'b:1' / 'i:5' / 'f:2.5'."""
    if isinstance(v, bool):
        return "b:%d" % int(v)
    if isinstance(v, int):
        return "i:%d" % v
    return "f:" + repr(float(v))


def ints(xs):
    return ",".join(str(int(x)) for x in xs)


# ---- inputs ----

class T:
    """A tensor input: values (list or tensor) of dtype dt, optionally viewed through view(base).
    share=k: no storage of its own, a view of input k's storage (aliasing cases)."""

    def __init__(self, values=None, dt="f32", shape=None, view=None, share=None):
        self.share = share
        self.view = view
        if share is not None:
            return
        if isinstance(values, torch.Tensor):
            base = values.detach().clone().to(DT[dt])
        else:
            base = torch.tensor(values, dtype=DT[dt])
        if shape is not None:
            base = base.reshape(shape)
        self.base = base.contiguous()

    def build(self, bases=None):
        b = bases[self.share] if self.share is not None else self.base.clone()
        return (self.view(b) if self.view else b), b

    def line(self, x, b):
        dt = DTN[x.dtype]
        if self.share is not None:
            return "in %s %s stride=%s offset=%d share=%d :" % (
                dt, fmt_shape(x.shape), ints(x.stride()), x.storage_offset(), self.share)
        if self.view is None:
            return "in %s %s : %s" % (dt, fmt_shape(x.shape), " ".join(fmt_values(x)))
        assert x.storage().data_ptr() == b.storage().data_ptr()
        return "in %s %s stride=%s offset=%d storage=%d : %s" % (
            dt, fmt_shape(x.shape), ints(x.stride()), x.storage_offset(), b.numel(), " ".join(fmt_values(b)))


class S:
    """A Python-number operand (a wrapped number in PyTorch)."""

    def __init__(self, v):
        self.v = v

    def build(self, bases=None):
        return self.v, None

    def line(self, x, b):
        k = fmt_scalar(self.v)
        return "scalar %s %s" % (k[0], k[2:])


def seq(n, lo=-4.0, hi=4.0, k=0):
    """n deterministic pseudo-random values in [lo, hi) (a closed formula, not an RNG)."""
    return [lo + (hi - lo) * (((i * 2654435761 + k * 40503 + 7) % 1000003) / 1000003.0) for i in range(n)]


def iseq(n, lo=-9, hi=9, k=0):
    return [lo + ((i * 2654435761 + k * 40503 + 7) % 1000003) % (hi - lo + 1) for i in range(n)]


SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.7, -3.7, 0.1, -0.1, 1e-8, -1e-8,
           1e-40, -1e-40, 100.0, -100.0, 88.5, -88.5, 1e10, -1e10, 3e38, -3e38, math.pi, -math.pi,
           0.7853981633974483, 0.99, -0.99, INF, -INF, NAN]
SPECIAL64 = SPECIAL + [1e300, -1e300, 1e-310, 709.5, -745.5]


# ---- argument parsing (the same strings the C side reads) ----

class Args:
    def __init__(self, kv):
        self.kv = kv

    def has(self, k):
        return k in self.kv

    def str(self, k, d=None):
        return self.kv.get(k, d)

    def int(self, k, d=None):
        return int(self.kv[k]) if k in self.kv else d

    def bool(self, k, d=False):
        return bool(int(self.kv[k])) if k in self.kv else d

    def float(self, k, d=None):
        return float(self.kv[k]) if k in self.kv else d

    def ints(self, k):
        v = self.kv.get(k, "")
        return [int(x) for x in v.split(",")] if v else []

    def dtype(self, k):
        return DT[self.kv[k]] if k in self.kv else None

    def scalar(self, k):
        if k not in self.kv:
            return None
        kind, v = self.kv[k].split(":", 1)
        return bool(int(v)) if kind == "b" else int(v) if kind == "i" else float(v)


# ---- torch side of every op (mirrors the dispatch table in test_ops.c) ----

def shape_arg(a):
    return a.ints("shape")


def idx_arg(a, ins):
    """idx=i:3;s:1:-1:2;n;e;t:1 -> a Python subscript tuple (t:k = input k)."""
    out = []
    for comp in a.str("idx").split(";"):
        kind = comp[0]
        if kind == "i":
            out.append(int(comp[2:]))
        elif kind == "s":
            st, sp, step = comp[2:].split(":")
            out.append(slice(int(st) if st else None, int(sp) if sp else None, int(step) if step else None))
        elif kind == "n":
            out.append(None)
        elif kind == "e":
            out.append(Ellipsis)
        elif kind == "t":
            out.append(ins[int(comp[2:])])
    # one component is passed bare, as Python does for x[i] (x[(i,)] can differ: x[0] on a 0-dim)
    return out[0] if len(out) == 1 else tuple(out)


BINOPS = {
    "add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div,
    "div_trunc": lambda a, b, **kw: torch.div(a, b, rounding_mode="trunc", **kw),
    "floor_divide": torch.floor_divide, "remainder": torch.remainder, "fmod": torch.fmod,
    "pow": torch.pow, "atan2": torch.atan2, "maximum": torch.maximum, "minimum": torch.minimum,
    "eq": torch.eq, "ne": torch.ne, "lt": torch.lt, "le": torch.le, "gt": torch.gt, "ge": torch.ge,
    "logical_and": torch.logical_and, "logical_or": torch.logical_or, "logical_xor": torch.logical_xor,
    "bitwise_and": torch.bitwise_and, "bitwise_or": torch.bitwise_or, "bitwise_xor": torch.bitwise_xor,
}
BINOPS_INPLACE = {
    "add": "add_", "sub": "sub_", "mul": "mul_", "div": "div_", "floor_divide": "floor_divide_",
    "remainder": "remainder_", "fmod": "fmod_", "pow": "pow_", "atan2": "atan2_", "eq": "eq_", "ne": "ne_",
    "lt": "lt_", "le": "le_", "gt": "gt_", "ge": "ge_", "logical_and": "logical_and_",
    "logical_or": "logical_or_", "logical_xor": "logical_xor_", "bitwise_and": "bitwise_and_",
    "bitwise_or": "bitwise_or_", "bitwise_xor": "bitwise_xor_",
}
UNOPS = ["neg", "abs", "sign", "square", "relu", "floor", "ceil", "round", "trunc", "frac", "bitwise_not",
         "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt", "rsqrt", "reciprocal", "sin", "cos",
         "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "sigmoid", "erf", "logical_not", "isnan",
         "isinf", "isfinite"]


def binary_call(name, x, y, a, out=None):
    kw = {}
    if a.has("alpha"):
        kw["alpha"] = a.scalar("alpha")
    if out is not None:
        kw["out"] = out
    return BINOPS[name](x, y, **kw)


def binary_inplace(name, x, y, a):
    kw = {"alpha": a.scalar("alpha")} if a.has("alpha") else {}
    if name == "div_trunc":
        return x.div_(y, rounding_mode="trunc")
    if name in ("maximum", "minimum"):
        return BINOPS[name](x, y, out=x)
    return getattr(x, BINOPS_INPLACE[name])(y, **kw)


def reduce_call(fn, x, a, **extra):
    """Reductions over dims= (empty: all dims), keepdim=, dtype=."""
    dims = a.ints("dims")
    kw = dict(extra)
    if a.has("dtype"):
        kw["dtype"] = a.dtype("dtype")
    if dims:
        return fn(x, dim=dims, keepdim=a.bool("keepdim"), **kw)
    if a.bool("keepdim"):
        return fn(x, dim=list(range(x.dim())), keepdim=True, **kw)
    return fn(x, **kw)


def norm_call(x, a):
    p = a.str("p")
    p = "fro" if p == "fro" else float(p)
    dims = a.ints("dims")
    if dims:
        return torch.norm(x, p=p, dim=dims, keepdim=a.bool("keepdim"))
    if a.bool("keepdim"):
        return torch.norm(x, p=p, dim=list(range(x.dim())), keepdim=True)
    return torch.norm(x, p=p)


def var_call(fn, x, a):
    dims = a.ints("dims")
    unbiased = a.int("correction") == 1
    if dims or a.bool("keepdim"):
        return fn(x, dim=dims or list(range(x.dim())), unbiased=unbiased, keepdim=a.bool("keepdim"))
    return fn(x, unbiased=unbiased)


def index_put(x, a, ins, value):
    x[idx_arg(a, ins)] = value
    return x


TORCH = {
    # creation
    "zeros": lambda i, a: torch.zeros(shape_arg(a), dtype=a.dtype("dtype")),
    "ones": lambda i, a: torch.ones(shape_arg(a), dtype=a.dtype("dtype")),
    "empty": lambda i, a: torch.empty(shape_arg(a), dtype=a.dtype("dtype")),
    "full": lambda i, a: torch.full(shape_arg(a), a.scalar("value"), dtype=a.dtype("dtype")),
    "scalar_tensor": lambda i, a: torch.full([], a.scalar("value"), dtype=a.dtype("dtype")),
    "eye": lambda i, a: (torch.eye(a.int("n"), a.int("m"), dtype=a.dtype("dtype")) if a.int("m", -1) >= 0
                         else torch.eye(a.int("n"), dtype=a.dtype("dtype"))),
    "arange": lambda i, a: torch.arange(a.scalar("start"), a.scalar("end"), a.scalar("step"), dtype=a.dtype("dtype")),
    "linspace": lambda i, a: torch.linspace(a.float("start"), a.float("end"), a.int("steps"), dtype=a.dtype("dtype")),
    "from_buffer": lambda i, a: i[0].to(a.dtype("dtype")),
    "empty_like": lambda i, a: torch.empty_like(i[0]),
    "zeros_like": lambda i, a: torch.zeros_like(i[0]),
    "ones_like": lambda i, a: torch.ones_like(i[0]),
    "full_like": lambda i, a: torch.full_like(i[0], a.scalar("value")),
    # copies and casts
    "copy_": lambda i, a: i[0].copy_(i[1]),
    "fill_": lambda i, a: i[0].fill_(a.scalar("value")),
    "zero_": lambda i, a: i[0].zero_(),
    "clone": lambda i, a: i[0].clone(),
    "contiguous": lambda i, a: i[0].contiguous(),
    "to_dtype": lambda i, a: i[0].to(a.dtype("dtype"), copy=a.bool("copy")),
    "item": lambda i, a: i[0].item(),
    # views
    "view": lambda i, a: i[0].view(shape_arg(a)),
    "reshape": lambda i, a: i[0].reshape(shape_arg(a)),
    "flatten": lambda i, a: i[0].flatten(a.int("start"), a.int("end")),
    "unflatten": lambda i, a: i[0].unflatten(a.int("dim"), a.ints("sizes")),
    "transpose": lambda i, a: i[0].transpose(a.int("d0"), a.int("d1")),
    "t": lambda i, a: i[0].t(),
    "permute": lambda i, a: i[0].permute(a.ints("dims")),
    "squeeze": lambda i, a: i[0].squeeze(),
    "squeeze_dim": lambda i, a: i[0].squeeze(a.int("dim")),
    "unsqueeze": lambda i, a: i[0].unsqueeze(a.int("dim")),
    "expand": lambda i, a: i[0].expand(shape_arg(a)),
    "expand_as": lambda i, a: i[0].expand_as(i[1]),
    "broadcast_to": lambda i, a: torch.broadcast_to(i[0], shape_arg(a)),
    "select": lambda i, a: i[0].select(a.int("dim"), a.int("index")),
    "slice": lambda i, a: i[0][(slice(None),) * (a.int("dim") % max(i[0].dim(), 1)) + (slice(
        a.int("start"), a.int("stop"), a.int("step")),)],
    "narrow": lambda i, a: i[0].narrow(a.int("dim"), a.int("start"), a.int("length")),
    "diagonal": lambda i, a: i[0].diagonal(a.int("offset"), a.int("d0"), a.int("d1")),
    "split": lambda i, a: i[0].split(a.int("size"), a.int("dim")),
    "split_sizes": lambda i, a: i[0].split(a.ints("sizes"), a.int("dim")),
    "chunk": lambda i, a: i[0].chunk(a.int("chunks"), a.int("dim")),
    "unbind": lambda i, a: i[0].unbind(a.int("dim")),
    # promotion
    "broadcast_shapes": lambda i, a: (torch.empty(a.ints("a")) + torch.empty(a.ints("b"))).shape,
    "result_type": lambda i, a: torch.result_type(i[0], i[1]),
    "promote": lambda i, a: torch.promote_types(a.dtype("a"), a.dtype("b")),
    "can_cast": lambda i, a: torch.can_cast(a.dtype("from"), a.dtype("to")),
    # elementwise
    "binary": lambda i, a: binary_call(a.str("op"), i[0], i[1], a),
    "binary_": lambda i, a: binary_inplace(a.str("op"), i[0], i[1], a),
    "binary_out": lambda i, a: binary_call(a.str("op"), i[1], i[2], a, out=i[0]),
    "unary": lambda i, a: getattr(torch, a.str("op"))(i[0]),
    "unary_": lambda i, a: getattr(i[0], a.str("op") + "_")(),
    "unary_out": lambda i, a: getattr(torch, a.str("op"))(i[1], out=i[0]),
    "clamp": lambda i, a: torch.clamp(i[0], a.scalar("min"), a.scalar("max")),
    "clamp_": lambda i, a: i[0].clamp_(a.scalar("min"), a.scalar("max")),
    "pow_scalar": lambda i, a: torch.pow(i[0], a.scalar("exponent")),
    "rpow_scalar": lambda i, a: torch.pow(a.scalar("base"), i[0]),
    "leaky_relu": lambda i, a: torch.nn.functional.leaky_relu(i[0], a.float("slope")),
    "where": lambda i, a: torch.where(i[0], i[1], i[2]),
    "masked_fill": lambda i, a: i[0].masked_fill(i[1], i[2]),
    "masked_fill_": lambda i, a: i[0].masked_fill_(i[1], i[2]),
    "addcmul": lambda i, a: torch.addcmul(i[0], i[1], i[2], value=a.scalar("value")),
    "addcdiv": lambda i, a: torch.addcdiv(i[0], i[1], i[2], value=a.scalar("value")),
    "lerp": lambda i, a: torch.lerp(i[0], i[1], a.scalar("weight")),
    "add_scalar": lambda i, a: i[0] + a.scalar("value"),
    "mul_scalar": lambda i, a: i[0] * a.scalar("value"),
    # comparisons
    "equal": lambda i, a: torch.equal(i[0], i[1]),
    "allclose": lambda i, a: torch.allclose(i[0], i[1], a.float("rtol"), a.float("atol"), a.bool("equal_nan")),
    "isclose": lambda i, a: torch.isclose(i[0], i[1], a.float("rtol"), a.float("atol"), a.bool("equal_nan")),
    # reductions
    "sum": lambda i, a: reduce_call(torch.sum, i[0], a),
    "mean": lambda i, a: reduce_call(torch.mean, i[0], a),
    "prod": lambda i, a: (torch.prod(i[0], a.ints("dims")[0], keepdim=a.bool("keepdim"), dtype=a.dtype("dtype"))
                          if a.ints("dims") else torch.prod(i[0], dtype=a.dtype("dtype"))),
    "var": lambda i, a: var_call(torch.var, i[0], a),
    "std": lambda i, a: var_call(torch.std, i[0], a),
    "norm": lambda i, a: norm_call(i[0], a),
    "amax": lambda i, a: torch.amax(i[0], a.ints("dims"), a.bool("keepdim")),
    "amin": lambda i, a: torch.amin(i[0], a.ints("dims"), a.bool("keepdim")),
    "all": lambda i, a: reduce_call(torch.all, i[0], a),
    "any": lambda i, a: reduce_call(torch.any, i[0], a),
    "logsumexp": lambda i, a: torch.logsumexp(i[0], a.ints("dims") or list(range(i[0].dim())), a.bool("keepdim")),
    "max_all": lambda i, a: i[0].max(),
    "min_all": lambda i, a: i[0].min(),
    "max_dim": lambda i, a: tuple(i[0].max(a.int("dim"), a.bool("keepdim"))),
    "min_dim": lambda i, a: tuple(i[0].min(a.int("dim"), a.bool("keepdim"))),
    "argmax": lambda i, a: torch.argmax(i[0], a.int("dim"), a.bool("keepdim")),
    "argmin": lambda i, a: torch.argmin(i[0], a.int("dim"), a.bool("keepdim")),
    "cumsum": lambda i, a: torch.cumsum(i[0], a.int("dim"), dtype=a.dtype("dtype")),
    "cumprod": lambda i, a: torch.cumprod(i[0], a.int("dim"), dtype=a.dtype("dtype")),
    "softmax": lambda i, a: torch.softmax(i[0], a.int("dim"), dtype=a.dtype("dtype")),
    "log_softmax": lambda i, a: torch.log_softmax(i[0], a.int("dim"), dtype=a.dtype("dtype")),
    "sort": lambda i, a: tuple(torch.sort(i[0], a.int("dim"), a.bool("descending"))),
    "topk": lambda i, a: tuple(torch.topk(i[0], a.int("k"), a.int("dim"), a.bool("largest"), a.bool("sorted"))),
    # matmul
    "matmul": lambda i, a: torch.matmul(i[0], i[1]),
    "mm": lambda i, a: torch.mm(i[0], i[1]),
    "bmm": lambda i, a: torch.bmm(i[0], i[1]),
    "mv": lambda i, a: torch.mv(i[0], i[1]),
    "dot": lambda i, a: torch.dot(i[0], i[1]),
    "outer": lambda i, a: torch.outer(i[0], i[1]),
    "addmm": lambda i, a: torch.addmm(i[0], i[1], i[2], beta=a.scalar("beta"), alpha=a.scalar("alpha")),
    # joining and indexing
    "cat": lambda i, a: torch.cat(list(i), a.int("dim")),
    "stack": lambda i, a: torch.stack(list(i), a.int("dim")),
    "index_get": lambda i, a: i[0][idx_arg(a, i)],
    "index_put": lambda i, a: index_put(i[0], a, i, i[a.int("value")]),
    "index_select": lambda i, a: torch.index_select(i[0], a.int("dim"), i[1]),
    "gather": lambda i, a: torch.gather(i[0], a.int("dim"), i[1]),
    "masked_select": lambda i, a: torch.masked_select(i[0], i[1]),
    "nonzero": lambda i, a: torch.nonzero(i[0]),
    "tril": lambda i, a: torch.tril(i[0], a.int("diagonal")),
    "triu": lambda i, a: torch.triu(i[0], a.int("diagonal")),
    "flip": lambda i, a: torch.flip(i[0], a.ints("dims")),
    "repeat": lambda i, a: i[0].repeat(a.ints("repeats")),
    "index_put_acc": lambda i, a: i[0].index_put_(idx_tuple(a, i), i[a.int("value")], accumulate=a.bool("accumulate")),
    "scatter": lambda i, a: i[0].scatter(a.int("dim"), i[1], i[2]),
    "scatter_": lambda i, a: i[0].scatter_(a.int("dim"), i[1], i[2]),
    "scatter_value": lambda i, a: i[0].scatter(a.int("dim"), i[1], value=a.scalar("value")),
    "scatter_value_": lambda i, a: i[0].scatter_(a.int("dim"), i[1], value=a.scalar("value")),
    "scatter_add": lambda i, a: i[0].scatter_add(a.int("dim"), i[1], i[2]),
    "scatter_add_": lambda i, a: i[0].scatter_add_(a.int("dim"), i[1], i[2]),
    "index_add": lambda i, a: torch.index_add(i[0], a.int("dim"), i[1], i[2], alpha=alpha_arg(a)),
    "index_add_": lambda i, a: i[0].index_add_(a.int("dim"), i[1], i[2], alpha=alpha_arg(a)),
}


def idx_tuple(a, ins):
    """index_put_'s indices: always a tuple of tensors."""
    r = idx_arg(a, ins)
    return r if isinstance(r, tuple) else (r,)


def alpha_arg(a):
    return a.scalar("alpha") if a.has("alpha") else 1

# argmax/argmin without dim=: the C side passes has_dim=false
TORCH["argmax"] = lambda i, a: (torch.argmax(i[0], a.int("dim"), a.bool("keepdim")) if a.has("dim")
                                else torch.argmax(i[0], keepdim=a.bool("keepdim")))
TORCH["argmin"] = lambda i, a: (torch.argmin(i[0], a.int("dim"), a.bool("keepdim")) if a.has("dim")
                                else torch.argmin(i[0], keepdim=a.bool("keepdim")))


# ---- the writer ----

class Gen:
    def __init__(self):
        cap = [l.split(":")[1].strip() for l in torch.__config__.show().splitlines() if "CPU capability" in l]
        self.lines = ["# Generated by tests/ref/gen_ref.py from torch %s (CPU capability: %s). Do not edit."
                      % (torch.__version__, cap[0] if cap else "?"),
                      "# Format: see the docstring of tests/ref/gen_ref.py."]
        self.names = set()
        self.counts = {}
        self.skipped = []
        self.defs = {}      # long input payload -> its def name

    def case(self, name, fn, ins=(), tol=None, strides=False, **kw):
        base, k = name, 2
        while name in self.names:
            name = "%s_%d" % (base, k)
            k += 1
        assert fn in TORCH, fn
        self.names.add(name)
        cat = name.split(".")[0]
        self.counts[cat] = self.counts.get(cat, 0) + 1
        kv = {k: str(v) for k, v in kw.items()}
        if tol:
            kv["tol"] = str(tol)
        head = "case %s %s" % (name, fn) + "".join(" %s=%s" % (k, v) for k, v in kv.items())
        body, built, bases = [], [], []
        for x in ins:
            v, b = x.build(bases)
            body.append(x.line(v, b))
            built.append(v)
            bases.append(b)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                res = TORCH[fn](built, Args(kv))
        except Exception as e:  # noqa: BLE001 (we record every library error)
            msg = str(e)
            if isinstance(e, AttributeError) or isinstance(e, TypeError) and (
                    "invalid combination of arguments" in msg or "must be Tensor, not" in msg or
                    "unexpected keyword argument" in msg):
                # PyTorch's Python API has no such call (e.g. a Python number where only a Tensor is
                # taken): there is no reference value, so the case is left out.
                self.names.discard(name)
                self.counts[cat] -= 1
                self.skipped.append(name)
                return
            assert "\n" not in msg.strip(), (name, msg)
            body.append("err %s %s" % (type(e).__name__, msg.strip()))
        else:
            body += self.results(res, strides, empty=(fn in ("empty", "empty_like")))
        for i, line in enumerate(body):
            if line.startswith("in ") and len(line) > 400:
                payload = line[3:]
                if payload not in self.defs:
                    self.defs[payload] = "T%d" % len(self.defs)
                    self.lines.append("def %s %s" % (self.defs[payload], payload))
                body[i] = "in @" + self.defs[payload]
        self.lines.append(head)
        self.lines += body

    def results(self, res, strides, empty=False):
        if isinstance(res, (tuple, list)) and not isinstance(res, torch.Size):
            out = []
            for r in res:
                out += self.results(r, strides, empty)
            return out
        if isinstance(res, torch.Tensor):
            line = "out %s %s" % (DTN[res.dtype], fmt_shape(res.shape))
            if strides:
                line += " stride=%s" % ints(res.stride())
            return [line + " : " + ("*" if empty else " ".join(fmt_values(res)))]
        if isinstance(res, torch.dtype):
            return ["ret " + DTYPE_NAMES[res]]
        if isinstance(res, torch.Size):
            return ["ret " + fmt_shape(res)]
        if isinstance(res, bool):
            return ["ret %d" % int(res)]
        if isinstance(res, int):
            return ["ret i:%d" % res]
        if isinstance(res, float):
            return ["ret f:" + repr(res)]
        raise TypeError(type(res))

    def write(self):
        with open(OUT, "w") as fh:
            fh.write("\n".join(self.lines) + "\n")
        total = sum(self.counts.values())
        print("wrote %d cases to %s (%d left out: no such call in PyTorch's API)" % (total, OUT, len(self.skipped)),
              file=sys.stderr)
        for k, v in sorted(self.counts.items()):
            print("  %-12s %d" % (k, v), file=sys.stderr)


sc = fmt_scalar


# ---- creation ----

def gen_creation(g):
    shapes = [[], [0], [3], [2, 3], [2, 0, 3], [1, 1, 4]]
    for op in ("zeros", "ones", "empty"):
        for s in shapes:
            g.case("create.%s_%s" % (op, "x".join(map(str, s)) or "scalar"), op, shape=ints(s))
        for dt in ALL_DT:
            g.case("create.%s_%s" % (op, dt), op, shape="2,3", dtype=dt)
    g.case("create.zeros_negative", "zeros", shape="2,-1")
    for v in (True, False, 7, -1, 0, 2.5, -2.5, 1e-8, INF, NAN, 2 ** 40):
        g.case("create.full_%s" % sc(v).replace(":", ""), "full", shape="2,3", value=sc(v))
        for dt in ALL_DT:
            g.case("create.full_%s_%s" % (sc(v).replace(":", ""), dt), "full", shape="3", value=sc(v), dtype=dt)
    for v in (True, 3, -3.5):
        for dt in ("f32", "i64", "bool"):
            g.case("create.scalar_tensor_%s_%s" % (sc(v).replace(":", ""), dt), "scalar_tensor", value=sc(v), dtype=dt)
    for n, m in ((3, -1), (2, 4), (4, 2), (0, -1), (1, -1), (3, 0)):
        g.case("create.eye_%d_%d" % (n, m), "eye", n=n, m=m)
    for dt in ALL_DT:
        g.case("create.eye_%s" % dt, "eye", n=3, m=-1, dtype=dt)
    g.case("create.eye_negative", "eye", n=-1, m=-1)

    aranges = [
        ("int", 0, 5, 1, None), ("int_step3", 0, 10, 3, None), ("int_neg", 5, 0, -1, None),
        ("int_neg_step2", 10, -7, -2, None), ("int_f32", 0, 5, 1, "f32"), ("int_f64", 0, 5, 1, "f64"),
        ("int_i32", -3, 3, 1, "i32"), ("int_u8", 0, 10, 2, "u8"), ("empty", 3, 3, 1, None),
        ("float", 0.0, 5.0, 1.0, None), ("f_0_2_01", 0, 2, 0.1, None), ("f_0_1_001", 0, 1, 0.01, None),
        ("f_pi", -3.14159, 3.14159, 0.0031, None), ("f64_pi", -3.14159, 3.14159, 0.0031, "f64"),
        ("f64_0_1_001", 0, 1, 0.01, "f64"), ("f_neg", 1.0, -1.0, -0.3, None), ("f64_neg", 1.0, -1.0, -0.3, "f64"),
        ("f_half_i64", 0, 5, 0.5, "i64"), ("f_17", 0.5, 17.5, 1, None), ("f_33", -1.25, 7.0, 0.25, None),
        ("f64_33", -1.25, 7.0, 0.25, "f64"), ("f_big", 0, 3000, 1.5, None), ("f_tiny", 0, 1e-6, 1e-8, None),
        ("f_nonexact", 0.1, 0.9, 0.1, None), ("f64_nonexact", 0.1, 0.9, 0.1, "f64"),
        ("err_zero_step", 0, 5, 0, None), ("err_sign", 0, 5, -1, None), ("err_sign_f", 5.0, 0.0, 0.5, None),
        ("err_inf", 0.0, INF, 1.0, None), ("err_nan", NAN, 1.0, 1.0, None),
    ]
    for name, a, b, s, dt in aranges:
        kw = {"dtype": dt} if dt else {}
        g.case("create.arange_" + name, "arange", start=sc(a), end=sc(b), step=sc(s), **kw)
    for n in (7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 40, 63, 64, 65, 100, 1001):
        g.case("create.arange_len%d" % n, "arange", start=sc(-0.37), end=sc(-0.37 + 0.013 * (n - 0.5)), step=sc(0.013))
        g.case("create.arange_f64_len%d" % n, "arange", start=sc(-0.37), end=sc(-0.37 + 0.013 * (n - 0.5)),
               step=sc(0.013), dtype="f64")

    linspaces = [
        ("01_5", 0, 1, 5, None), ("pi_2000", -math.pi, math.pi, 2000, None), ("pi_2000_f64", -math.pi, math.pi, 2000, "f64"),
        ("int_7", 0, 10, 7, "i64"), ("int_neg", -5, 5, 11, "i64"), ("int_frac", -2.5, 7.9, 9, "i64"),
        ("one", 3.5, 9, 1, None), ("zero", 0, 1, 0, None), ("desc", 1, 0, 5, None), ("two", -1, 1, 2, None),
        ("u8", 0, 255, 10, "u8"), ("i32", -100, 100, 9, "i32"), ("f64_17", 0.1, 0.9, 17, "f64"),
        ("f32_17", 0.1, 0.9, 17, None), ("f32_100", -7.3, 11.1, 100, None), ("f64_100", -7.3, 11.1, 100, "f64"),
        ("f32_33", 1e-3, 1e3, 33, None), ("err_neg", 0, 1, -1, None),
    ]
    for name, a, b, n, dt in linspaces:
        kw = {"dtype": dt} if dt else {}
        g.case("create.linspace_" + name, "linspace", start=repr(float(a)), end=repr(float(b)), steps=n, **kw)
    for n in range(2, 42):
        g.case("create.linspace_n%d" % n, "linspace", start=repr(-1.3), end=repr(2.9), steps=n)

    # from_buffer: a buffer of one dtype converted into a tensor of another
    for src in ALL_DT:
        for dst in ALL_DT:
            g.case("create.from_buffer_%s_%s" % (src, dst), "from_buffer", [T(cast_values(src), src)], dtype=dst)

    # *_like keep dtype and (preserve_format) the strides of a dense input
    for op in ("zeros_like", "ones_like", "empty_like", "full_like"):
        kw = {"value": sc(2.5)} if op == "full_like" else {}
        for dt in ("f32", "i64", "bool", "u8"):
            g.case("create.%s_%s" % (op, dt), op, [T([[1, 2, 3], [4, 5, 6]], dt)], strides=True, **kw)
        g.case("create.%s_t" % op, op, [T(seq(6), shape=(2, 3), view=lambda b: b.t())], strides=True, **kw)
        g.case("create.%s_permute" % op, op, [T(seq(24), shape=(2, 3, 4), view=lambda b: b.permute(2, 0, 1))],
               strides=True, **kw)
        g.case("create.%s_sliced" % op, op, [T(seq(12), shape=(3, 4), view=lambda b: b[:, ::2])], strides=True, **kw)
        g.case("create.%s_expanded" % op, op, [T(seq(3), shape=(3, 1), view=lambda b: b.expand(3, 4))],
               strides=True, **kw)
    g.case("create.full_like_int_float", "full_like", [T([1, 2], "i64")], value=sc(2.7))
    g.case("create.full_like_f32_pybool", "full_like", [T([1.0, 2.0])], value=sc(True))


def cast_values(dt):
    """Values that exercise every conversion from dt."""
    if dt in ("f32", "f64"):
        return [0.0, -0.0, 1.5, -1.5, 2.7, -2.7, 127.9, 128.5, 255.9, 256.0, 300.5, -1.0, -200.7, 65537.25,
                2147483520.0, -2147483648.0, 1e10, -1e10, 0.1, 1e-30, 3.4e38, INF, -INF, NAN]
    if dt == "i64":
        return [0, 1, -1, 127, 128, 255, 256, -129, 2 ** 31 - 1, 2 ** 31, -2 ** 31 - 1, 16777217, 2 ** 53 + 1,
                2 ** 62 + 2 ** 40 + 1, -2 ** 63, 2 ** 63 - 1]
    if dt == "i32":
        return [0, 1, -1, 127, 128, 255, 256, -129, 16777217, 2 ** 31 - 1, -2 ** 31]
    if dt == "u8":
        return [0, 1, 2, 127, 128, 200, 255]
    return [True, False, True]


# ---- copies, casts, fill ----

def gen_copy(g):
    for src in ALL_DT:
        for dst in ALL_DT:
            g.case("copy.to_%s_%s" % (src, dst), "to_dtype", [T(cast_values(src), src)], dtype=dst)
    # strides are preserved by .to() and clone() for dense layouts
    for dst in ("f32", "f64", "i64"):
        g.case("copy.to_t_%s" % dst, "to_dtype", [T(seq(6), shape=(2, 3), view=lambda b: b.t())], strides=True,
               dtype=dst)
    g.case("copy.to_same_nocopy", "to_dtype", [T(seq(4))], strides=True, dtype="f32")
    g.case("copy.to_same_copy", "to_dtype", [T(seq(4))], strides=True, dtype="f32", copy=1)
    g.case("copy.to_sliced", "to_dtype", [T(seq(12), shape=(3, 4), view=lambda b: b[:, 1::2])], strides=True,
           dtype="f64")
    g.case("copy.to_expanded", "to_dtype", [T(seq(3), shape=(3, 1), view=lambda b: b.expand(3, 2))], strides=True,
           dtype="f64")
    views = {
        "contig": None, "t": lambda b: b.t(), "sliced": lambda b: b[:, ::2], "row": lambda b: b[1],
        "col": lambda b: b[:, 1], "expanded": lambda b: b[:1].expand(3, 4), "permuted3": None,
    }
    for name, v in views.items():
        if name == "permuted3":
            x = T(seq(24), shape=(2, 3, 4), view=lambda b: b.permute(1, 2, 0))
        else:
            x = T(seq(12), shape=(3, 4), view=v)
        g.case("copy.clone_" + name, "clone", [x], strides=True)
        g.case("copy.contiguous_" + name, "contiguous", [x], strides=True)
    g.case("copy.clone_i64_t", "clone", [T(iseq(6), "i64", shape=(2, 3), view=lambda b: b.t())], strides=True)
    g.case("copy.clone_bool", "clone", [T([True, False, True], "bool")], strides=True)
    g.case("copy.clone_scalar", "clone", [T(2.5)], strides=True)
    g.case("copy.clone_empty", "clone", [T(torch.zeros(0, 3))], strides=True)

    # copy_: broadcasting, conversion, strided destinations, overlap
    g.case("copy.copy_same", "copy_", [T(seq(6), shape=(2, 3)), T(seq(6, k=1), shape=(2, 3))])
    g.case("copy.copy_bcast_row", "copy_", [T(seq(6), shape=(2, 3)), T([7.0, 8.0, 9.0])])
    g.case("copy.copy_bcast_col", "copy_", [T(seq(6), shape=(2, 3)), T([[7.0], [8.0]])])
    g.case("copy.copy_bcast_scalar", "copy_", [T(seq(6), shape=(2, 3)), T(4.25)])
    g.case("copy.copy_f32_to_i64", "copy_", [T(iseq(6), "i64", shape=(2, 3)), T(seq(6, k=2), shape=(2, 3))])
    g.case("copy.copy_i64_to_f32", "copy_", [T(seq(3)), T([2 ** 40 + 1, -3, 16777217], "i64")])
    g.case("copy.copy_f64_to_f32", "copy_", [T(seq(4)), T([0.1, 1e-50, 1e300, -2.5000001], "f64")])
    g.case("copy.copy_to_bool", "copy_", [T([True] * 5, "bool"), T([0.0, -0.0, NAN, 0.001, -INF])])
    g.case("copy.copy_to_u8", "copy_", [T([0] * 5, "u8"), T([-1.5, 255.5, 256.0, -256.0, 3.99])])
    g.case("copy.copy_dst_t", "copy_", [T(seq(6), shape=(2, 3), view=lambda b: b.t()), T(seq(6, k=3), shape=(3, 2))])
    g.case("copy.copy_src_t", "copy_", [T(seq(6), shape=(3, 2)), T(seq(6, k=3), shape=(2, 3), view=lambda b: b.t())])
    g.case("copy.copy_dst_col", "copy_", [T(seq(12), shape=(3, 4), view=lambda b: b[:, 2]), T([1.0, 2.0, 3.0])])
    g.case("copy.copy_dst_stepped", "copy_", [T(seq(10), view=lambda b: b[::3]), T([-1.0])])
    g.case("copy.copy_err_shape", "copy_", [T(seq(6), shape=(2, 3)), T(seq(4))])
    g.case("copy.copy_err_bigger", "copy_", [T(seq(3)), T(seq(6), shape=(2, 3))])
    g.case("copy.copy_err_overlap", "copy_", [T(seq(4), view=lambda b: b[1:]), T(share=0, view=lambda b: b[:-1])])
    g.case("copy.copy_same_data", "copy_", [T(seq(4)), T(share=0, view=lambda b: b)])
    g.case("copy.copy_err_overlap_t", "copy_", [T(seq(9), shape=(3, 3)), T(share=0, view=lambda b: b.t())])
    g.case("copy.copy_disjoint_halves", "copy_", [T(seq(8), view=lambda b: b[:4]), T(share=0, view=lambda b: b[4:])])
    g.case("copy.copy_interleaved", "copy_", [T(seq(8), view=lambda b: b[::2]), T(share=0, view=lambda b: b[1::2])])
    g.case("copy.copy_err_dst_expanded", "copy_", [T(seq(3), shape=(3, 1), view=lambda b: b.expand(3, 4)),
                                                   T(seq(12), shape=(3, 4))])
    g.case("copy.copy_err_dst_expanded_same", "copy_", [T(seq(3), shape=(3, 1), view=lambda b: b.expand(3, 4)),
                                                        T(share=0, view=lambda b: b.expand(3, 4))])

    # fill_/zero_ with every scalar kind on every dtype, and on strided views
    for dt in ALL_DT:
        for v in (True, 3, -2, 2.75, -0.5):
            g.case("copy.fill_%s_%s" % (dt, sc(v).replace(":", "").replace(".", "p").replace("-", "m")), "fill_",
                   [T([0, 1, 0], dt)], value=sc(v))
        g.case("copy.zero_%s" % dt, "zero_", [T([1, 1, 0], dt)])
    g.case("copy.fill_col", "fill_", [T(seq(12), shape=(3, 4), view=lambda b: b[:, 1])], value=sc(9.5))
    g.case("copy.fill_t", "fill_", [T(seq(6), shape=(2, 3), view=lambda b: b.t())], value=sc(-1))
    g.case("copy.fill_nan_i64", "fill_", [T([1, 2], "i64")], value=sc(NAN))
    g.case("copy.fill_big_u8", "fill_", [T([1, 2], "u8")], value=sc(300))
    g.case("copy.fill_neg_u8", "fill_", [T([1, 2], "u8")], value=sc(-1))
    g.case("copy.fill_inf_f32", "fill_", [T([1.0])], value=sc(1e300))

    # item()
    for dt, v in (("f32", [2.5]), ("f64", [0.1]), ("i64", [-7]), ("bool", [True]), ("u8", [200]), ("f32", [[NAN]])):
        g.case("copy.item_%s_%d" % (dt, len(g.names)), "item", [T(v, dt)])
    g.case("copy.item_err", "item", [T([1.0, 2.0])])


# ---- views ----

def gen_views(g):
    x23 = lambda: T(seq(6), shape=(2, 3))
    x234 = lambda: T(seq(24), shape=(2, 3, 4))
    xt = lambda: T(seq(6), shape=(2, 3), view=lambda b: b.t())
    V = lambda name, op, ins, **kw: g.case("view." + name, op, ins, strides=True, **kw)
    for s in ("3,2", "6", "-1", "3,-1", "1,6,1", "2,1,3", "1,-1", "6,1"):
        V("view_%s" % s.replace(",", "x").replace("-", "m"), "view", [x23()], shape=s)
    V("view_err_size", "view", [x23()], shape="4")
    V("view_err_two_infer", "view", [x23()], shape="-1,-1")
    V("view_err_neg", "view", [x23()], shape="-2,3")
    V("view_err_stride", "view", [xt()], shape="6")
    V("view_t_ok", "view", [xt()], shape="3,2,1")
    V("view_rows_ok", "view", [T(seq(24), shape=(4, 6), view=lambda b: b[::2])], shape="2,2,3")
    V("view_rows_err", "view", [T(seq(24), shape=(4, 6), view=lambda b: b[::2])], shape="12")
    V("view_cols_ok", "view", [T(seq(24), shape=(4, 6), view=lambda b: b[:, :4])], shape="4,2,2")
    V("view_cols_err", "view", [T(seq(24), shape=(4, 6), view=lambda b: b[:, :4])], shape="16")
    V("view_expanded", "view", [T(seq(3), shape=(3, 1), view=lambda b: b.expand(3, 4))], shape="3,2,2")
    V("view_expanded_err", "view", [T(seq(3), shape=(3, 1), view=lambda b: b.expand(3, 4))], shape="12")
    V("view_scalar", "view", [T(1.5)], shape="1,1")
    V("view_to_scalar", "view", [T([1.5])], shape="")
    V("view_empty", "view", [T(torch.zeros(0, 3))], shape="3,0")
    V("view_empty_infer_err", "view", [T(torch.zeros(0, 3))], shape="-1,0")
    V("view_permuted", "view", [T(seq(24), shape=(2, 3, 4), view=lambda b: b.permute(1, 2, 0))], shape="12,2")
    V("view_permuted_err", "view", [T(seq(24), shape=(2, 3, 4), view=lambda b: b.permute(1, 2, 0))], shape="3,8")
    for s in ("3,2", "6", "-1,2"):
        V("reshape_%s" % s.replace(",", "x").replace("-", "m"), "reshape", [x23()], shape=s)
        V("reshape_t_%s" % s.replace(",", "x").replace("-", "m"), "reshape", [xt()], shape=s)
    V("reshape_err", "reshape", [x23()], shape="4,2")
    V("reshape_rows", "reshape", [T(seq(24), shape=(4, 6), view=lambda b: b[::2])], shape="12")
    V("reshape_expanded", "reshape", [T(seq(3), shape=(3, 1), view=lambda b: b.expand(3, 4))], shape="12")
    for s, e in ((0, -1), (1, 2), (0, 1), (-2, -1), (1, 1), (2, 2)):
        V("flatten_%d_%d" % (s, e), "flatten", [x234()], start=s, end=e)
    V("flatten_t", "flatten", [xt()], start=0, end=-1)
    V("flatten_scalar", "flatten", [T(3.0)], start=0, end=-1)
    V("flatten_err_order", "flatten", [x234()], start=2, end=0)
    V("flatten_err_range", "flatten", [x234()], start=0, end=3)
    V("unflatten_1", "unflatten", [x234()], dim=2, sizes="2,2")
    V("unflatten_infer", "unflatten", [x234()], dim=-1, sizes="-1,2")
    V("unflatten_three", "unflatten", [T(seq(24))], dim=0, sizes="2,3,4")
    V("unflatten_err", "unflatten", [x234()], dim=1, sizes="2,2")
    for d0, d1 in ((0, 1), (1, -1), (0, 0), (2, 0), (-3, -1)):
        V("transpose_%d_%d" % (d0, d1), "transpose", [x234()], d0=d0, d1=d1)
    V("transpose_err", "transpose", [x23()], d0=0, d1=2)
    V("transpose_scalar", "transpose", [T(2.0)], d0=0, d1=-1)
    V("t_2d", "t", [x23()])
    V("t_1d", "t", [T(seq(3))])
    V("t_0d", "t", [T(1.0)])
    V("t_3d_err", "t", [x234()])
    V("t_of_t", "t", [xt()])
    for dims in ("2,0,1", "0,1,2", "-1,-3,-2", "1,0,2"):
        V("permute_%s" % dims.replace(",", "_").replace("-", "m"), "permute", [x234()], dims=dims)
    V("permute_t", "permute", [xt()], dims="1,0")
    V("permute_err_dup", "permute", [x234()], dims="0,0,1")
    V("permute_err_len", "permute", [x234()], dims="0,1")
    V("permute_err_range", "permute", [x234()], dims="0,1,3")
    x131 = lambda: T(seq(6), shape=(1, 3, 1, 2))
    V("squeeze_all", "squeeze", [x131()])
    V("squeeze_none", "squeeze", [x23()])
    V("squeeze_scalar", "squeeze", [T(5.0)])
    V("squeeze_ones", "squeeze", [T([[[7.0]]])])
    for d in (0, 1, 2, -1, -4):
        V("squeeze_dim_%d" % d, "squeeze_dim", [x131()], dim=d)
    V("squeeze_dim_err", "squeeze_dim", [x131()], dim=4)
    V("squeeze_dim_scalar", "squeeze_dim", [T(5.0)], dim=0)
    V("squeeze_expanded", "squeeze", [T(seq(3), shape=(3, 1), view=lambda b: b.expand(3, 1))])
    for d in (0, 1, 2, -1, -3):
        V("unsqueeze_%d" % d, "unsqueeze", [x23()], dim=d)
        V("unsqueeze_t_%d" % d, "unsqueeze", [xt()], dim=d)
    V("unsqueeze_err", "unsqueeze", [x23()], dim=3)
    V("unsqueeze_scalar", "unsqueeze", [T(1.0)], dim=0)
    V("unsqueeze_sliced", "unsqueeze", [T(seq(12), shape=(3, 4), view=lambda b: b[:, ::2])], dim=2)
    xc = lambda: T([[1.0], [2.0], [3.0]])
    V("expand_col", "expand", [xc()], shape="3,4")
    V("expand_keep", "expand", [xc()], shape="-1,4")
    V("expand_lead", "expand", [xc()], shape="2,3,4")
    V("expand_same", "expand", [xc()], shape="3,1")
    V("expand_scalar", "expand", [T(2.0)], shape="2,2")
    V("expand_zero", "expand", [xc()], shape="3,0")
    V("expand_t", "expand", [T(seq(3), shape=(1, 3), view=lambda b: b.t())], shape="2,3,5")
    V("expand_err_mismatch", "expand", [T(seq(6), shape=(2, 3))], shape="3,3")
    V("expand_err_fewer", "expand", [T(seq(6), shape=(2, 3))], shape="6")
    V("expand_err_lead_m1", "expand", [xc()], shape="-1,3,4")
    V("expand_err_neg", "expand", [xc()], shape="3,-2")
    V("expand_i64", "expand", [T([1, 2], "i64")], shape="3,2")
    V("expand_as", "expand_as", [xc(), T(seq(12), shape=(3, 4))])
    V("expand_as_err", "expand_as", [T(seq(2)), T(seq(12), shape=(3, 4))])
    V("broadcast_to", "broadcast_to", [xc()], shape="2,3,4")
    V("broadcast_to_err", "broadcast_to", [T(seq(6), shape=(2, 3))], shape="3,3")
    for d, i in ((0, 1), (1, 2), (-1, 0), (2, -1), (0, -2)):
        V("select_%d_%d" % (d, i), "select", [x234()], dim=d, index=i)
    V("select_t", "select", [xt()], dim=0, index=1)
    V("select_err_index", "select", [x234()], dim=1, index=3)
    V("select_err_negindex", "select", [x234()], dim=1, index=-4)
    V("select_err_dim", "select", [x234()], dim=3, index=0)
    V("select_err_scalar", "select", [T(1.0)], dim=0, index=0)
    V("select_1d", "select", [T(seq(5))], dim=0, index=4)
    slices = [(0, 1, 3, 1), (1, 0, 3, 2), (2, -3, -1, 1), (2, None, None, 2), (1, None, -1, 1), (0, -5, 5, 1),
              (2, 3, 1, 1), (2, 10, 20, 1), (2, -10, 2, 3), (-1, 1, None, 2), (1, 2, 2, 1), (0, None, None, 5)]
    for d, s, e, st in slices:
        kw = {}
        if s is not None:
            kw["start"] = s
        if e is not None:
            kw["stop"] = e
        V("slice_%d_%s_%s_%d" % (d, s, e, st), "slice", [x234()], dim=d, step=st, **kw)
    V("slice_t", "slice", [xt()], dim=1, start=1, step=1)
    V("slice_err_step0", "slice", [x234()], dim=0, step=0)
    V("slice_err_stepneg", "slice", [x234()], dim=0, step=-1)
    V("slice_of_slice", "slice", [T(seq(20), view=lambda b: b[1::2])], dim=0, start=1, stop=8, step=3)
    for d, s, n in ((0, 0, 1), (1, 1, 2), (2, -2, 2), (-1, 0, 4), (1, 3, 0), (2, 4, 0)):
        V("narrow_%d_%d_%d" % (d, s, n), "narrow", [x234()], dim=d, start=s, length=n)
    V("narrow_err_len", "narrow", [x234()], dim=2, start=2, length=3)
    V("narrow_err_start", "narrow", [x234()], dim=2, start=5, length=0)
    V("narrow_err_neglen", "narrow", [x234()], dim=2, start=0, length=-1)
    V("narrow_err_scalar", "narrow", [T(1.0)], dim=0, start=0, length=1)
    x44 = lambda: T(seq(12), shape=(3, 4))
    for off in (0, 1, -1, 3, -2, 4, -3, 10):
        V("diagonal_%d" % off, "diagonal", [x44()], offset=off, d0=0, d1=1)
    V("diagonal_swapped", "diagonal", [x44()], offset=1, d0=1, d1=0)
    V("diagonal_3d_12", "diagonal", [x234()], offset=0, d0=1, d1=2)
    V("diagonal_3d_20", "diagonal", [x234()], offset=1, d0=2, d1=0)
    V("diagonal_3d_neg", "diagonal", [x234()], offset=-1, d0=-1, d1=-2)
    V("diagonal_t", "diagonal", [xt()], offset=0, d0=0, d1=1)
    V("diagonal_err_same", "diagonal", [x44()], offset=0, d0=1, d1=1)
    V("diagonal_err_1d", "diagonal", [T(seq(3))], offset=0, d0=0, d1=1)
    x10 = lambda: T(seq(20), shape=(10, 2))
    for size, d in ((3, 0), (5, 0), (10, 0), (20, 0), (1, 1), (2, 1), (3, -1)):
        V("split_%d_%d" % (size, d), "split", [x10()], size=size, dim=d)
    V("split_zero_empty", "split", [T(torch.zeros(0, 2))], size=0, dim=0)
    V("split_err_zero", "split", [x10()], size=0, dim=0)
    V("split_err_neg", "split", [x10()], size=-1, dim=0)
    V("split_err_scalar", "split", [T(1.0)], size=1, dim=0)
    V("split_sizes_ok", "split_sizes", [x10()], sizes="3,0,7", dim=0)
    V("split_sizes_dim1", "split_sizes", [x10()], sizes="1,1", dim=-1)
    V("split_sizes_err_sum", "split_sizes", [x10()], sizes="3,4", dim=0)
    V("split_sizes_err_neg", "split_sizes", [x10()], sizes="11,-1", dim=0)
    for c, d in ((3, 0), (5, 0), (10, 0), (11, 0), (4, 0), (2, 1), (3, 1)):
        V("chunk_%d_%d" % (c, d), "chunk", [x10()], chunks=c, dim=d)
    V("chunk_3_of_3", "chunk", [T(seq(3))], chunks=5, dim=0)
    V("chunk_empty", "chunk", [T(torch.zeros(0, 2))], chunks=3, dim=0)
    V("chunk_err_zero", "chunk", [x10()], chunks=0, dim=0)
    V("chunk_err_scalar", "chunk", [T(1.0)], chunks=1, dim=0)
    for d in (0, 1, -1, 2):
        V("unbind_%d" % d, "unbind", [x234()], dim=d)
    V("unbind_err_dim", "unbind", [x234()], dim=3)
    V("unbind_err_scalar", "unbind", [T(1.0)], dim=0)


# ---- broadcasting and type promotion ----

def sample(dt, dim=True):
    v = {"bool": [True, False], "u8": [3, 250], "i32": [-7, 100000], "i64": [-7, 2 ** 40],
         "f32": [1.5, -2.25], "f64": [0.1, -1e10]}[dt]
    return T(v, dt) if dim else T(v[0], dt)


def gen_promotion(g):
    for a in ALL_DT:
        for b in ALL_DT:
            g.case("promote.pair_%s_%s" % (a, b), "promote", a=a, b=b)
            g.case("promote.can_cast_%s_%s" % (a, b), "can_cast", **{"from": a, "to": b})
            g.case("promote.rt_%s_%s" % (a, b), "result_type", [sample(a), sample(b)])
            g.case("promote.rt_%s_0d%s" % (a, b), "result_type", [sample(a), sample(b, False)])
            g.case("promote.rt_0d%s_0d%s" % (a, b), "result_type", [sample(a, False), sample(b, False)])
        for v in (True, 2, 2.5):
            k = sc(v)[0]
            g.case("promote.rt_%s_py%s" % (a, k), "result_type", [sample(a), S(v)])
            g.case("promote.rt_0d%s_py%s" % (a, k), "result_type", [sample(a, False), S(v)])
    # the promoted values themselves
    cases = [
        ("i64_mul_float", "mul", T([1, -2, 3], "i64"), S(2.5)),
        ("i64_add_float", "add", T([1, -2, 3], "i64"), S(0.1)),
        ("i32_mul_float", "mul", T([1, -2, 3], "i32"), S(2.5)),
        ("u8_add_int", "add", T([1, 250, 3], "u8"), S(1)),
        ("u8_add_300", "add", T([1, 250, 3], "u8"), S(300)),
        ("u8_add_neg", "add", T([1, 250, 3], "u8"), S(-2)),
        ("u8_add_i64", "add", T([1, 250, 3], "u8"), T([1, 10, -5], "i64")),
        ("u8_add_i32", "add", T([1, 250, 3], "u8"), T([1, 10, -5], "i32")),
        ("u8_add_bool", "add", T([1, 255, 3], "u8"), T([True, True, False], "bool")),
        ("u8_mul_i64_0d", "mul", T([1, 250, 3], "u8"), T(1000, "i64")),
        ("u8_mul_f32_0d", "mul", T([1, 250, 3], "u8"), T(0.5, "f32")),
        ("f32_add_f64_0d", "add", T([0.1, 0.2, 1e-8], "f32"), T(0.1, "f64")),
        ("f32_add_f64", "add", T([0.1, 0.2, 1e-8], "f32"), T([0.1, 0.1, 0.1], "f64")),
        ("f32_mul_py_float", "mul", T([0.1, 3.0, -7.0]), S(0.1)),
        ("f32_add_py_int_big", "add", T([0.5, 1.0]), S(2 ** 40 + 1)),
        ("i64_add_f64_0d", "add", T([1, 2, 3], "i64"), T(0.1, "f64")),
        ("i64_add_f32_0d", "add", T([1, 2, 3], "i64"), T(0.1, "f32")),
        ("i32_add_i64_0d", "add", T([1, 2, 2 ** 31 - 1], "i32"), T(1, "i64")),
        ("i32_add_i64", "add", T([1, 2, 2 ** 31 - 1], "i32"), T([1, 1, 1], "i64")),
        ("bool_add_bool", "add", T([True, False, False], "bool"), T([True, True, False], "bool")),
        ("bool_mul_bool", "mul", T([True, False, True], "bool"), T([True, True, False], "bool")),
        ("bool_add_int", "add", T([True, False], "bool"), S(3)),
        ("bool_add_float", "add", T([True, False], "bool"), S(0.5)),
        ("bool_add_pybool", "add", T([True, False], "bool"), S(True)),
        ("i64_add_pybool", "add", T([1, 2], "i64"), S(True)),
        ("i64_div_i64", "div", T([7, -7, 1, 0], "i64"), T([2, 2, 3, 5], "i64")),
        ("i64_div_int", "div", T([7, -7, 1], "i64"), S(3)),
        ("u8_div_u8", "div", T([7, 200], "u8"), T([2, 3], "u8")),
        ("bool_div_bool", "div", T([True, False], "bool"), T([True, True], "bool")),
        ("f64_0d_add_i64", "add", T(0.5, "f64"), T([1, 2], "i64")),
        ("f64_0d_add_f32_0d", "add", T(0.1, "f64"), T(0.2, "f32")),
        ("i64_0d_add_f32_0d", "add", T(3, "i64"), T(0.2, "f32")),
        ("i64_0d_add_py_float", "add", T(3, "i64"), S(0.25)),
        ("f32_0d_add_py_float", "add", T(0.1, "f32"), S(0.1)),
        ("py_float_sub_i64", "sub", S(1.5), T([1, 2], "i64")),
        ("py_int_sub_f32", "sub", S(1), T([0.5, 0.25])),
        ("py_int_mul_u8", "mul", S(3), T([100, 2], "u8")),
        ("py_float_div_f32", "div", S(2.0), T([3.0, 7.0])),
        ("py_int_div_i64", "div", S(1), T([3, 7], "i64")),
        ("u8_cmp_neg", "lt", T([0, 200], "u8"), S(-1)),
        ("i64_eq_float", "eq", T([2, 3], "i64"), S(2.0)),
        ("i64_big_eq_f32", "eq", T([16777217, 3], "i64"), T([16777216.0, 3.0])),
        ("i64_big_eq_f64_0d", "eq", T([2 ** 53 + 1, 3], "i64"), T(2.0 ** 53, "f64")),
    ]
    for name, op, x, y in cases:
        g.case("promote.val_" + name, "binary", [x, y], op=op)
    # broadcasting rules and their errors
    pairs = [([2, 3], [3]), ([2, 3], [2, 1]), ([3, 1], [1, 4]), ([2, 1, 4], [3, 1]), ([], [2, 3]),
             ([0], [1]), ([2, 0], [2, 1]), ([2, 3], [3, 2]), ([3], [4]), ([2, 3, 4], [5, 4]), ([0], [2]),
             ([1, 2, 3, 4, 5], [5]), ([5, 1, 1], [1, 4, 3])]
    for a, b in pairs:
        g.case("promote.bshape_%s_%s" % ("x".join(map(str, a)) or "s", "x".join(map(str, b)) or "s"),
               "broadcast_shapes", a=ints(a), b=ints(b))
    g.case("promote.bcast_err_add", "binary", [T(seq(6), shape=(2, 3)), T(seq(6), shape=(3, 2))], op="add")
    g.case("promote.bcast_err_mul1d", "binary", [T(seq(3)), T(seq(4))], op="mul")
    g.case("promote.bcast_err_3d", "binary", [T(seq(24), shape=(2, 3, 4)), T(seq(6), shape=(2, 3))], op="sub")


# ---- binary elementwise ----

def fvals_pair(n=12, k=0):
    """Operands with negatives, zeros, equal values, fractions."""
    a = [5.5, -5.5, 5.5, -5.5, 0.0, -0.0, 7.0, -7.0, 1e-3, 3.0, 2.5, -1.0] + seq(n - 12, -9, 9, k) if n > 12 else \
        [5.5, -5.5, 5.5, -5.5, 0.0, -0.0, 7.0, -7.0, 1e-3, 3.0, 2.5, -1.0][:n]
    b = [2.0, 2.0, -2.0, -2.0, 3.0, 3.0, 0.0, 0.0, 1e-3, -0.0, 2.5, 0.5] + seq(n - 12, -9, 9, k + 1) if n > 12 else \
        [2.0, 2.0, -2.0, -2.0, 3.0, 3.0, 0.0, 0.0, 1e-3, -0.0, 2.5, 0.5][:n]
    return a, b


FSPECIAL_A = [1.0, -1.0, INF, -INF, NAN, 0.0, -0.0, INF, NAN, 3.0, -2.0, 1e38, -1e-38, 0.5, 2.0, -3.5]
FSPECIAL_B = [INF, INF, INF, -INF, 1.0, -0.0, 0.0, 2.0, NAN, NAN, -INF, 1e38, 3.0, -0.5, -2.0, 0.25]
INT_A = [7, -7, 7, -7, 0, 1, -1, 9, 100, -100, 5, 3]
INT_B = [2, 2, -2, -2, 3, -1, 5, 9, 7, 7, 1, 3]
INT_B_ZERO = [2, 0, -2, 1]
ARITH = ["add", "sub", "mul", "div", "div_trunc", "floor_divide", "remainder", "fmod", "pow", "atan2",
         "maximum", "minimum"]
CMP = ["eq", "ne", "lt", "le", "gt", "ge"]
LOGIC = ["logical_and", "logical_or", "logical_xor"]
BITW = ["bitwise_and", "bitwise_or", "bitwise_xor"]


def gen_binary(g):
    def B(name, ins, op, tol=None, **kw):
        g.case("binary." + name, "binary", ins, op=op, tol=tol or TOL_BINARY.get(op), **kw)
    a, b = fvals_pair(40)
    for op in ARITH + CMP + LOGIC + BITW:
        for dt in ("f32", "f64"):
            B("%s_%s" % (op, dt), [T(a, dt), T(b, dt)], op)
            B("%s_%s_special" % (op, dt), [T(FSPECIAL_A, dt), T(FSPECIAL_B, dt)], op)
            B("%s_%s_bcast" % (op, dt), [T(seq(12, -3, 3, 1), dt, shape=(3, 4)), T(seq(4, -2, 2, 2), dt)], op)
            B("%s_%s_bcast2" % (op, dt), [T(seq(3, -3, 3, 3), dt, shape=(3, 1)), T(seq(4, 0.5, 2, 4), dt, shape=(1, 4))], op)
        B("%s_f32_t" % op, [T(seq(12, -3, 3, 5), shape=(3, 4), view=lambda x: x.t()), T(seq(12, 0.5, 3, 6), shape=(4, 3))],
          op, strides=True)
        B("%s_f32_scalar" % op, [T(a), S(2.5)], op)
        B("%s_f32_intscalar" % op, [T(a), S(-3)], op)
        B("%s_f32_0d" % op, [T(a), T(-1.5)], op)
        for dt in ("i64", "i32", "u8"):
            ia = [x % 256 for x in INT_A] if dt == "u8" else INT_A
            ib = [x % 256 for x in INT_B] if dt == "u8" else INT_B
            B("%s_%s" % (op, dt), [T(ia, dt), T(ib, dt)], op)
        B("%s_i64_bcast" % op, [T(iseq(12, -20, 20), "i64", shape=(3, 4)), T([3, -2, 5, 1], "i64")], op)
        B("%s_i64_zero" % op, [T([7, -7, 0, 5], "i64"), T(INT_B_ZERO, "i64")], op)
        B("%s_i64_scalar" % op, [T(INT_A, "i64"), S(3)], op)
        B("%s_i64_fscalar" % op, [T(INT_A, "i64"), S(1.5)], op)
        B("%s_i64_f32" % op, [T(INT_A, "i64"), T([float(x) + 0.5 for x in INT_B])], op)
        B("%s_bool" % op, [T([True, True, False, False], "bool"), T([True, False, True, False], "bool")], op)
        B("%s_bool_i64" % op, [T([True, True, False, False], "bool"), T([2, 0, -3, 0], "i64")], op)
        B("%s_empty" % op, [T(torch.zeros(0, 3)), T(seq(3))], op)
    # scalar first (Python number on the left): only the ops PyTorch's API takes that way
    for op in ("add", "sub", "mul", "div", "remainder", "floor_divide", "bitwise_and"):
        for v in (2, 2.5, True):
            B("%s_py%s_first" % (op, sc(v)[0]), [S(v), T([1.5, -2.0, 3.0, 0.5]) if op != "bitwise_and"
                                                  else T([1, 6, 3, 12], "i64")], op)
    # add/sub with alpha: float alpha on floats is one FMA in PyTorch's AVX2 kernel
    fa, fb = seq(37, -3, 3, 7), seq(37, -3, 3, 8)
    for op in ("add", "sub"):
        for alpha in (2, 0.1, -1.5, 1 / 3, 0):
            for dt in ("f32", "f64"):
                B("%s_alpha_%s_%s" % (op, sc(alpha).replace(":", "").replace(".", "p").replace("-", "m"), dt),
                  [T(fa, dt), T(fb, dt)], op, alpha=sc(alpha))
            B("%s_alpha_%s_bcast" % (op, sc(alpha).replace(":", "").replace(".", "p").replace("-", "m")),
              [T(seq(12, k=3), shape=(3, 4)), T(seq(4, k=4))], op, alpha=sc(alpha))
            # tensor + Python float with a float alpha: ATen's scalar-operand kernel fuses the vector
            # part into an FMA but GCC compiled its scalar tail loop partly unfused; tolerated.
            for dt in ("f32", "f64"):
                B("%s_alpha_%s_scalar_%s" % (op, sc(alpha).replace(":", "").replace(".", "p").replace("-", "m"), dt),
                  [T(fa, dt), S(0.3)], op, alpha=sc(alpha), tol=1 if isinstance(alpha, float) else None)
        B("%s_alpha_int_i64" % op, [T(INT_A, "i64"), T(INT_B, "i64")], op, alpha=sc(3))
        B("%s_alpha_int_u8" % op, [T([1, 2, 200], "u8"), T([100, 3, 4], "u8")], op, alpha=sc(-2))
        B("%s_alpha_float_i64_err" % op, [T(INT_A, "i64"), T(INT_B, "i64")], op, alpha=sc(0.5))
        B("%s_alpha_bool_f32" % op, [T(fa), T(fb)], op, alpha=sc(True))
        B("%s_alpha_int_bool_err" % op, [T([True, False], "bool"), T([True, True], "bool")], op, alpha=sc(2))
        B("%s_alpha_f32_i64_mixed" % op, [T([1.5, 2.5]), T([3, 4], "i64")], op, alpha=sc(0.1))
    B("add_alpha_bool_bool", [T([True, False], "bool"), T([True, True], "bool")], "add", alpha=sc(True))
    B("add_alpha_bool_false", [T([True, False], "bool"), T([True, True], "bool")], "add", alpha=sc(False))
    # integer division by zero raises; float gives inf/nan
    for op in ("div_trunc", "floor_divide", "remainder", "fmod"):
        for dt in ("i64", "i32", "u8"):
            B("%s_%s_divzero" % (op, dt), [T([5, 6], dt), T([1, 0], dt)], op)
        B("%s_i64_scalar_zero" % op, [T([5, 6], "i64"), S(0)], op)
        B("%s_f32_scalar_zero" % op, [T([5.0, -6.0, 0.0]), S(0)], op)
    B("div_i64_all_zero", [T([5, -6, 0], "i64"), T([0, 0, 0], "i64")], "div")
    B("pow_i64_neg_exp", [T([2, 1, -1, -1, 0, 3], "i64"), T([-1, -5, -3, -2, 2, 0], "i64")], "pow")
    B("pow_i64_overflow", [T([3, 2, -2], "i64"), T([41, 63, 63], "i64")], "pow")
    B("pow_u8", [T([3, 2, 16], "u8"), T([5, 7, 2], "u8")], "pow")
    B("pow_f32_negbase", [T([-2.0, -2.0, -8.0, 0.0, 0.0, -0.0]), T([0.5, 3.0, 1 / 3, -1.0, 0.0, -1.0])], "pow")
    B("bitwise_and_err_f32", [T([1.0]), T([2.0])], "bitwise_and")
    B("bitwise_or_err_mixed", [T([1], "i64"), T([2.0])], "bitwise_or")
    B("bitwise_xor_err_scalar", [T([1], "i64"), S(2.0)], "bitwise_xor")
    B("sub_bool_err", [T([True], "bool"), T([False], "bool")], "sub")
    B("sub_bool_int_err", [T([True], "bool"), T([1], "i64")], "sub")
    B("sub_int_bool_err", [T([1], "i64"), T([True], "bool")], "sub")
    B("sub_bool_scalar_err", [T([True], "bool"), S(1)], "sub")
    B("atan2_i64", [T([1, -1, 0], "i64"), T([2, 2, -3], "i64")], "atan2")
    B("maximum_nan_both", [T([NAN, 1.0, NAN]), T([1.0, NAN, NAN])], "maximum")
    B("minimum_signed_zero", [T([0.0, -0.0]), T([-0.0, 0.0])], "minimum")
    B("maximum_signed_zero", [T([0.0, -0.0]), T([-0.0, 0.0])], "maximum")
    B("maximum_i64_f32", [T([1, 5], "i64"), T([2.5, -1.0])], "maximum")
    B("large_bcast", [T(seq(2 * 33 * 17, k=9), shape=(2, 33, 17)), T(seq(17, k=10))], "mul")
    B("large_bcast_mid", [T(seq(2 * 33 * 17, k=9), shape=(2, 33, 17)), T(seq(33, k=10), shape=(33, 1))], "add")
    # layouts: TensorIterator keeps the inputs' memory order in the output
    lay = [
        ("t_plus_scalar", [T(seq(6), shape=(2, 3), view=lambda x: x.t()), S(1.0)]),
        ("t_plus_t", [T(seq(6), shape=(2, 3), view=lambda x: x.t()), T(seq(6, k=1), shape=(2, 3), view=lambda x: x.t())]),
        ("t_plus_contig", [T(seq(6), shape=(2, 3), view=lambda x: x.t()), T(seq(6, k=1), shape=(3, 2))]),
        ("contig_plus_t", [T(seq(6, k=1), shape=(3, 2)), T(seq(6), shape=(2, 3), view=lambda x: x.t())]),
        ("t_plus_row", [T(seq(6), shape=(2, 3), view=lambda x: x.t()), T(seq(2, k=1))]),
        ("t_plus_col", [T(seq(6), shape=(2, 3), view=lambda x: x.t()), T(seq(3, k=1), shape=(3, 1))]),
        ("perm3_plus_scalar", [T(seq(24), shape=(2, 3, 4), view=lambda x: x.permute(2, 0, 1)), S(2)]),
        ("perm3_plus_perm3", [T(seq(24), shape=(2, 3, 4), view=lambda x: x.permute(1, 2, 0)),
                              T(seq(24, k=1), shape=(2, 3, 4), view=lambda x: x.permute(1, 2, 0))]),
        ("perm3_plus_vec", [T(seq(24), shape=(2, 3, 4), view=lambda x: x.permute(2, 0, 1)), T(seq(3, k=2))]),
        ("sliced_plus_scalar", [T(seq(12), shape=(3, 4), view=lambda x: x[:, ::2]), S(1.0)]),
        ("expanded_plus_t", [T(seq(3), shape=(3, 1), view=lambda x: x.expand(3, 2)),
                             T(seq(6), shape=(2, 3), view=lambda x: x.t())]),
        ("col_times_row", [T(seq(3), shape=(3, 1)), T(seq(4), shape=(1, 4))]),
        ("t_col_times_row", [T(seq(3), shape=(1, 3), view=lambda x: x.t()), T(seq(4), shape=(1, 4))]),
        ("bcast_t_3d", [T(seq(6), shape=(2, 3), view=lambda x: x.t()), T(seq(8), shape=(4, 1, 2))]),
        ("unsq_t", [T(seq(6), shape=(2, 3), view=lambda x: x.t().unsqueeze(0)), S(1.0)]),
    ]
    for name, ins in lay:
        B("layout_" + name, ins, "add", strides=True)
    B("layout_t_cmp", [T(seq(6), shape=(2, 3), view=lambda x: x.t()), S(0.0)], "gt", strides=True)
    B("layout_t_i64_f32", [T(iseq(6), "i64", shape=(2, 3), view=lambda x: x.t()), S(0.5)], "mul", strides=True)


def gen_inplace(g):
    I = lambda name, ins, op, **kw: g.case("inplace." + name, "binary_", ins, op=op, tol=TOL_BINARY.get(op),
                                           strides=True, **kw)
    O = lambda name, ins, op, **kw: g.case("inplace." + name, "binary_out", ins, op=op, tol=TOL_BINARY.get(op),
                                           strides=True, **kw)
    a, b = fvals_pair(12)
    for op in ARITH + CMP + LOGIC + BITW:
        isbit = op in BITW
        dt = "i64" if isbit else "f32"
        x = (lambda: T(INT_A, "i64")) if isbit else (lambda: T(a))
        y = (lambda: T(INT_B, "i64")) if isbit else (lambda: T(b))
        I("%s_same" % op, [x(), y()], op)
        I("%s_scalar" % op, [x(), S(3)], op)
        I("%s_bcast" % op, [T(seq(12, 0.5, 3, 1), dt, shape=(3, 4)), T(seq(4, 0.5, 2, 2), dt)], op)
        I("%s_t" % op, [T(seq(12, 0.5, 3, 1), dt, shape=(4, 3), view=lambda z: z.t()), T(seq(4, 0.5, 2, 2), dt)], op)
        I("%s_err_shape" % op, [T(seq(3, 0.5, 3, 1), dt), T(seq(6, 0.5, 2, 2), dt, shape=(2, 3))], op)
        O("%s_out" % op, [T([0.0] * 12, "f32" if op not in CMP + LOGIC else "bool"), x(), y()], op)
        O("%s_out_resize" % op, [T([0.0] * 2, "f64"), x(), y()], op)
        O("%s_out_f64" % op, [T([0.0] * 12, "f64"), x(), y()], op)
    I("add_i64_float_err", [T([1, 2], "i64"), S(2.5)], "add")
    I("mul_i64_float_err", [T([1, 2], "i64"), S(2.5)], "mul")
    I("div_i64_err", [T([1, 2], "i64"), T([2, 2], "i64")], "div")
    I("add_i64_f32_err", [T([1, 2], "i64"), T([2.0, 2.0])], "add")
    I("add_f32_f64", [T([1.0, 2.0]), T([0.1, 0.2], "f64")], "add")
    I("add_u8_i64", [T([1, 250], "u8"), T([10, 10], "i64")], "add")
    I("add_bool_i64_err", [T([True, False], "bool"), T([1, 1], "i64")], "add")
    I("add_bool_bool", [T([True, False], "bool"), T([False, False], "bool")], "add")
    I("add_f32_alpha", [T(seq(9)), T(seq(9, k=1))], "add", alpha=sc(0.3))
    I("sub_i64_alpha", [T([1, 2], "i64"), T([5, 5], "i64")], "sub", alpha=sc(4))
    I("eq_f32", [T([1.0, 2.0, 3.0]), T([1.0, 0.0, 3.0])], "eq")
    I("lt_i64_float", [T([1, 2, 3], "i64"), S(2.5)], "lt")
    I("floor_divide_i64_zero", [T([5, 6], "i64"), T([1, 0], "i64")], "floor_divide")
    I("add_self", [T(seq(4)), T(seq(4))], "add")
    I("alias_same", [T(seq(4)), T(share=0)], "add")
    I("alias_shifted_err", [T(seq(5), view=lambda z: z[1:]), T(share=0, view=lambda z: z[:-1])], "add")
    I("alias_t_err", [T(seq(9), shape=(3, 3)), T(share=0, view=lambda z: z.t())], "mul")
    I("alias_disjoint", [T(seq(8), view=lambda z: z[:4]), T(share=0, view=lambda z: z[4:])], "sub")
    I("alias_expanded_err", [T(seq(3), shape=(3, 1), view=lambda z: z.expand(3, 4)), S(1.0)], "add")
    O("alias_out_is_input", [T(seq(4)), T(share=0), T(seq(4, k=1))], "add")
    O("alias_out_shifted_err", [T(seq(5), view=lambda z: z[1:]), T(share=0, view=lambda z: z[:-1]), S(1.0)], "add")
    g.case("inplace.alias_unary_t_err", "unary_out", [T(seq(9), shape=(3, 3)), T(share=0, view=lambda z: z.t())],
           op="neg")
    g.case("inplace.alias_unary_same", "unary_out", [T(seq(4)), T(share=0)], op="neg")
    I("col_add", [T(seq(12), shape=(3, 4), view=lambda z: z[:, 1]), T([1.0, 2.0, 3.0])], "add")
    O("add_out_i64_err", [T([0, 0], "i64"), T([1.0, 2.0]), T([1.0, 2.0])], "add")
    O("add_out_bool_err", [T([False, False], "bool"), T([1, 2], "i64"), T([1, 2], "i64")], "add")
    O("div_out_i64_err", [T([0, 0], "i64"), T([1, 2], "i64"), T([1, 2], "i64")], "div")
    O("add_out_empty", [T(torch.zeros(0)), T(seq(6), shape=(2, 3)), T(seq(3))], "add")
    O("add_out_t", [T([0.0] * 6, shape=(2, 3), view=lambda z: z.t()), T(seq(6), shape=(3, 2)), S(1.0)], "add")
    O("add_out_same_shape_noncontig", [T([0.0] * 12, shape=(3, 4), view=lambda z: z[:, ::2]), T(seq(6), shape=(3, 2)),
                                       S(1.0)], "add")
    O("eq_out_f32", [T([0.0] * 3), T([1.0, 2.0, 3.0]), T([1.0, 0.0, 3.0])], "eq")


# ---- unary elementwise and ops with scalar parameters ----

def gen_unary(g):
    U = lambda name, ins, op, **kw: g.case("unary." + name, "unary", ins, op=op, tol=TOL_UNARY.get(op), **kw)
    ivals = [0, 1, -1, 2, -2, 7, -7, 100, -100, 2 ** 40, -2 ** 40, 2 ** 62, -2 ** 63, 2 ** 63 - 1]
    rng = seq(67, -10, 10, 11) + seq(33, -1, 1, 12) + [k / 2 for k in range(-9, 10)]
    for op in UNOPS:
        U("%s_f32_special" % op, [T(SPECIAL)], op)
        U("%s_f64_special" % op, [T(SPECIAL64, "f64")], op)
        U("%s_f32_range" % op, [T(rng)], op)
        U("%s_f64_range" % op, [T(rng, "f64")], op)
        U("%s_i64" % op, [T(ivals, "i64")], op)
        U("%s_i32" % op, [T([0, 1, -1, 5, -5, 2 ** 31 - 1, -2 ** 31], "i32")], op)
        U("%s_u8" % op, [T([0, 1, 2, 127, 128, 255], "u8")], op)
        U("%s_bool" % op, [T([True, False], "bool")], op)
        U("%s_f32_t" % op, [T(seq(12, -2, 2, 13), shape=(3, 4), view=lambda x: x.t())], op, strides=True)
        U("%s_f32_sliced" % op, [T(seq(24, 0.1, 2, 14), shape=(4, 6), view=lambda x: x[::2, 1::2])], op, strides=True)
        U("%s_f32_scalar" % op, [T(0.75)], op)
        U("%s_empty" % op, [T(torch.zeros(2, 0))], op)
        # in place and out=
        g.case("unary.%s_inplace_f32" % op, "unary_", [T(seq(9, 0.1, 3, 15))], op=op, tol=TOL_UNARY.get(op))
        g.case("unary.%s_inplace_t" % op, "unary_", [T(seq(6, 0.1, 3, 16), shape=(2, 3), view=lambda x: x.t())],
               op=op, tol=TOL_UNARY.get(op), strides=True)
        g.case("unary.%s_inplace_i64" % op, "unary_", [T([1, -2, 3], "i64")], op=op, tol=TOL_UNARY.get(op))
        g.case("unary.%s_inplace_bool" % op, "unary_", [T([True, False], "bool")], op=op, tol=TOL_UNARY.get(op))
        g.case("unary.%s_out_f64" % op, "unary_out", [T([0.0], "f64"), T(seq(5, 0.1, 3, 17))], op=op,
               tol=TOL_UNARY.get(op), strides=True)
        g.case("unary.%s_out_bool" % op, "unary_out", [T([False] * 5, "bool"), T(seq(5, 0.1, 3, 17))], op=op,
               tol=TOL_UNARY.get(op))
        g.case("unary.%s_out_i64_from_i64" % op, "unary_out", [T([0] * 3, "i64"), T([4, -9, 0], "i64")], op=op,
               tol=TOL_UNARY.get(op))
    # exactness of the rounding ops at .5 and near integers
    halves = [k + 0.5 for k in range(-6, 6)] + [0.49999997, -0.49999997, 8388607.5, 8388608.5, 1e20, -1e20]
    for op in ("round", "floor", "ceil", "trunc", "frac"):
        U("%s_halves" % op, [T(halves)], op)
        U("%s_halves_f64" % op, [T(halves + [4503599627370495.5], "f64")], op)
    # large inputs go through the vectorised/contiguous paths
    U("exp_f32_long", [T(seq(1000, -80, 80, 18))], "exp")
    U("tanh_f32_long", [T(seq(1000, -10, 10, 19))], "tanh")
    U("sigmoid_f32_long", [T(seq(1000, -30, 30, 20))], "sigmoid")
    U("log_f32_long", [T(seq(1000, 1e-6, 1e6, 21))], "log")
    U("sqrt_f32_long", [T(seq(1000, 0, 1e4, 22))], "sqrt")
    U("rsqrt_f32_long", [T(seq(1000, 1e-3, 1e4, 23))], "rsqrt")
    U("erf_f32_long", [T(seq(1000, -5, 5, 24))], "erf")


def gen_param(g):
    P = lambda name, op, ins, tol=None, **kw: g.case("param." + name, op, ins, tol=tol, **kw)
    fx = lambda: T([-3.0, -1.5, -0.5, -0.0, 0.0, 0.25, 0.5, 1.0, 2.0, 7.5, NAN, INF, -INF])
    ix = lambda: T([-5, -1, 0, 1, 2, 3, 9], "i64")
    bounds = [(None, 0.0), (0.0, None), (-1.0, 1.0), (1.0, -1.0), (0.5, 0.5), (-INF, 2.0), (NAN, None), (None, NAN),
              (0, 2), (-1, None)]
    for lo, hi in bounds:
        kw = {}
        if lo is not None:
            kw["min"] = sc(lo)
        if hi is not None:
            kw["max"] = sc(hi)
        tag = "%s_%s" % (sc(lo) if lo is not None else "none", sc(hi) if hi is not None else "none")
        tag = tag.replace(":", "").replace(".", "p").replace("-", "m")
        P("clamp_f32_" + tag, "clamp", [fx()], **kw)
        P("clamp_f64_" + tag, "clamp", [T([-3.0, -0.5, 0.0, 0.75, 2.0, NAN], "f64")], **kw)
        P("clamp_i64_" + tag, "clamp", [ix()], **kw)
        P("clamp_inplace_f32_" + tag, "clamp_", [fx()], **kw)
    P("clamp_i64_int_bounds", "clamp", [ix()], min=sc(0), max=sc(3))
    P("clamp_i64_float_min", "clamp", [ix()], min=sc(0.5))
    P("clamp_i64_float_both", "clamp", [ix()], min=sc(-1.5), max=sc(2.5))
    P("clamp_u8_neg_min", "clamp", [T([0, 5, 200], "u8")], min=sc(-1))
    P("clamp_u8_big_max", "clamp", [T([0, 5, 200], "u8")], max=sc(300))
    P("clamp_u8", "clamp", [T([0, 5, 200], "u8")], min=sc(3), max=sc(100))
    P("clamp_i32", "clamp", [T([-9, 0, 9], "i32")], min=sc(-2), max=sc(2))
    P("clamp_bool", "clamp", [T([True, False], "bool")], min=sc(False), max=sc(True))
    P("clamp_bool_int", "clamp", [T([True, False], "bool")], min=sc(0))
    P("clamp_none_err", "clamp", [fx()])
    P("clamp_inplace_i64_float_err", "clamp_", [ix()], min=sc(0.5))
    P("clamp_inplace_i64", "clamp_", [ix()], min=sc(0), max=sc(2))
    P("clamp_t", "clamp", [T(seq(6), shape=(2, 3), view=lambda x: x.t())], min=sc(-1.0), max=sc(1.0), strides=True)
    P("clamp_f32_double_bound", "clamp", [T([0.1, 0.2, 0.3])], min=sc(0.2))
    for e in (0, 1, 2, 3, 0.5, -0.5, -1, -2, 1.5, -1.5, 2.0, 3.0, 4, 0.25, 10, -3, 1e-3):
        tag = sc(e).replace(":", "").replace(".", "p").replace("-", "m")
        exact = e in (0, 1, 2, 3, 0.5, -0.5, -1, -2, 2.0, 3.0)
        tol = None if exact else 2
        P("pow_f32_" + tag, "pow_scalar", [T(SPECIAL)], tol=tol, exponent=sc(e))
        P("pow_f64_" + tag, "pow_scalar", [T(SPECIAL64, "f64")], tol=tol, exponent=sc(e))
        P("pow_f32_range_" + tag, "pow_scalar", [T(seq(50, 0, 5, 25))], tol=tol, exponent=sc(e))
        if isinstance(e, int):
            P("pow_i64_" + tag, "pow_scalar", [T([-3, -2, -1, 0, 1, 2, 3, 10], "i64")], exponent=sc(e))
            P("pow_u8_" + tag, "pow_scalar", [T([0, 1, 2, 3, 16], "u8")], exponent=sc(e))
        else:
            P("pow_i64_" + tag, "pow_scalar", [T([-3, -2, -1, 0, 1, 2, 3, 10], "i64")], tol=tol, exponent=sc(e))
    P("pow_bool_2", "pow_scalar", [T([True, False], "bool")], exponent=sc(2))
    P("pow_bool_0", "pow_scalar", [T([True, False], "bool")], exponent=sc(0))
    P("pow_bool_float", "pow_scalar", [T([True, False], "bool")], exponent=sc(0.5))
    P("pow_i64_bool", "pow_scalar", [T([3, 4], "i64")], exponent=sc(True))
    P("pow_t", "pow_scalar", [T(seq(6), shape=(2, 3), view=lambda x: x.t())], exponent=sc(2), strides=True)
    P("pow_i64_big", "pow_scalar", [T([3, -3, 2], "i64")], exponent=sc(63))
    for base in (2, 2.5, 0.5, -2, 1, 0, -1.5, 10.0, True):
        tag = sc(base).replace(":", "").replace(".", "p").replace("-", "m")
        P("rpow_f32_" + tag, "rpow_scalar", [T([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0, 10.0, NAN, INF, -INF])],
          tol=2, base=sc(base))
        P("rpow_i64_" + tag, "rpow_scalar", [T([0, 1, 2, 3, 10, 62], "i64")], tol=2, base=sc(base))
        P("rpow_i64_neg_" + tag, "rpow_scalar", [T([-1, -2, -3], "i64")], tol=2, base=sc(base))
    P("rpow_u8", "rpow_scalar", [T([0, 1, 7, 9], "u8")], base=sc(3))
    P("rpow_f64", "rpow_scalar", [T(seq(20, -5, 5, 26), "f64")], tol=2, base=sc(2.0))
    for s in (0.01, 0.2, 0.0, -0.5, 1.0, 2.0):
        tag = repr(s).replace(".", "p").replace("-", "m")
        P("leaky_relu_f32_" + tag, "leaky_relu", [fx()], slope=repr(s))
        P("leaky_relu_f64_" + tag, "leaky_relu", [T([-3.0, -0.0, 0.0, 0.1, NAN, -INF], "f64")], slope=repr(s))
    P("leaky_relu_i64_err", "leaky_relu", [ix()], slope=repr(0.01))
    P("leaky_relu_t", "leaky_relu", [T(seq(6), shape=(2, 3), view=lambda x: x.t())], slope=repr(0.1), strides=True)


# ---- where, masked_fill, addcmul/addcdiv/lerp, comparisons ----

def gen_ternary(g):
    W = lambda name, op, ins, **kw: g.case("ternary." + name, op, ins, **kw)
    cond = lambda: T([True, False, True, False, True, False], "bool", shape=(2, 3))
    W("where_f32", "where", [cond(), T(seq(6), shape=(2, 3)), T(seq(6, k=1), shape=(2, 3))])
    W("where_bcast", "where", [T([[True], [False]], "bool"), T(seq(3)), T(seq(6, k=1), shape=(2, 3))])
    W("where_bcast_cond", "where", [T([True, False, True], "bool"), T(seq(6), shape=(2, 3)), T(-1.0)])
    W("where_f32_f64", "where", [cond(), T(seq(6), shape=(2, 3)), T(seq(6, k=1), "f64", shape=(2, 3))])
    W("where_i64_f32", "where", [cond(), T(iseq(6), "i64", shape=(2, 3)), T(seq(6, k=1), shape=(2, 3))])
    W("where_i64_i32", "where", [cond(), T(iseq(6), "i64", shape=(2, 3)), T(iseq(6, k=1), "i32", shape=(2, 3))])
    W("where_scalar_other", "where", [cond(), T(seq(6), shape=(2, 3)), S(0.0)])
    W("where_scalar_int_other", "where", [cond(), T(seq(6), shape=(2, 3)), S(2)])
    W("where_i64_scalar_float", "where", [cond(), T(iseq(6), "i64", shape=(2, 3)), S(0.5)])
    W("where_scalar_both", "where", [cond(), S(1.0), S(0.0)])
    W("where_0d_f64", "where", [cond(), T(seq(6), shape=(2, 3)), T(2.5, "f64")])
    W("where_bool", "where", [cond(), T([True] * 6, "bool", shape=(2, 3)), T([False] * 6, "bool", shape=(2, 3))])
    W("where_u8_cond", "where", [T([1, 0, 2], "u8"), T(seq(3)), T(seq(3, k=1))])
    W("where_f32_cond_err", "where", [T([1.0, 0.0]), T(seq(2)), T(seq(2, k=1))])
    W("where_i64_cond_err", "where", [T([1, 0], "i64"), T(seq(2)), T(seq(2, k=1))])
    W("where_bcast_err", "where", [T([True, False, True], "bool"), T(seq(2)), T(seq(2, k=1))])
    W("where_t", "where", [T([True, False, True, False, True, False], "bool", shape=(3, 2), view=lambda x: x.t()),
                           T(seq(6), shape=(3, 2), view=lambda x: x.t()), S(0.0)], strides=True)
    W("where_nan", "where", [T([True, False], "bool"), T([NAN, NAN]), T([-0.0, INF])])
    x23 = lambda: T(seq(6), shape=(2, 3))
    m23 = lambda: T([True, False, False, False, True, True], "bool", shape=(2, 3))
    for op in ("masked_fill", "masked_fill_"):
        W("%s_scalar" % op, op, [x23(), m23(), S(-1.0)])
        W("%s_int_value" % op, op, [x23(), m23(), S(7)])
        W("%s_bool_value" % op, op, [x23(), m23(), S(True)])
        W("%s_bcast_mask" % op, op, [x23(), T([True, False, True], "bool"), S(9.0)])
        W("%s_bcast_mask_col" % op, op, [x23(), T([[False], [True]], "bool"), S(NAN)])
        W("%s_0d_f64" % op, op, [x23(), m23(), T(0.1, "f64")])
        W("%s_0d_i64" % op, op, [x23(), m23(), T(3, "i64")])
        W("%s_i64_float" % op, op, [T(iseq(6), "i64", shape=(2, 3)), m23(), S(2.7)])
        W("%s_i64_0d_float" % op, op, [T(iseq(6), "i64", shape=(2, 3)), m23(), T(2.7)])
        W("%s_u8_neg" % op, op, [T([1, 2, 3], "u8"), T([True, False, True], "bool"), S(-1)])
        W("%s_bool_tensor" % op, op, [T([True, False, True], "bool"), T([True, True, False], "bool"), S(False)])
        W("%s_value_dim_err" % op, op, [x23(), m23(), T([1.0])])
        W("%s_mask_u8" % op, op, [x23(), T([1, 0, 0, 0, 1, 1], "u8", shape=(2, 3)), S(0.0)])
        W("%s_mask_f32_err" % op, op, [x23(), T([1.0, 0.0, 0.0, 0.0, 1.0, 1.0], shape=(2, 3)), S(0.0)])
        W("%s_mask_bigger" % op, op, [T(seq(3)), T([[True, False, True], [False, True, False]], "bool"), S(0.0)])
        W("%s_t" % op, op, [T(seq(6), shape=(3, 2), view=lambda x: x.t()), m23(), S(5.0)], strides=True)
        W("%s_bcast_err" % op, op, [x23(), T([True, False], "bool"), S(0.0)])
    a, b, c = seq(37, -3, 3, 30), seq(37, -3, 3, 31), seq(37, 0.5, 3, 32)
    for op in ("addcmul", "addcdiv"):
        for v in (1, 0.5, 2, -0.1, 1 / 3):
            tag = sc(v).replace(":", "").replace(".", "p").replace("-", "m")
            for dt in ("f32", "f64"):
                W("%s_%s_%s" % (op, dt, tag), op, [T(a, dt), T(b, dt), T(c, dt)], value=sc(v))
        W("%s_bcast" % op, op, [T(seq(12, k=33), shape=(3, 4)), T(seq(4, k=34)), T(seq(3, 1, 2, 35), shape=(3, 1))],
          value=sc(0.5))
        W("%s_f32_f64" % op, op, [T(a[:5]), T(b[:5], "f64"), T(c[:5])], value=sc(0.5))
        W("%s_i64" % op, op, [T([1, 2, 3], "i64"), T([4, 5, 6], "i64"), T([7, 8, 9], "i64")], value=sc(2))
        W("%s_i64_f32" % op, op, [T([1, 2, 3], "i64"), T([4.0, 5.0, 6.0]), T([7, 8, 9], "i64")], value=sc(2))
        W("%s_special" % op, op, [T([INF, NAN, 1.0, 0.0]), T([1.0, 1.0, INF, 0.0]), T([0.0, 2.0, -0.0, 0.0])],
          value=sc(1))
        W("%s_t" % op, op, [T(seq(6), shape=(3, 2), view=lambda x: x.t()), T(seq(6, k=1), shape=(2, 3)),
                            T(seq(6, 1, 2, 2), shape=(2, 3))], value=sc(0.5), strides=True)
    W("addcmul_i64_float_value_err", "addcmul", [T([1, 2], "i64"), T([4, 5], "i64"), T([7, 8], "i64")],
      value=sc(0.5))
    W("addcdiv_i64_err", "addcdiv", [T([1.0, 2.0]), T([4, 5], "i64"), T([7, 8], "i64")], value=sc(1))
    for w in (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, -0.5, 0.3):
        tag = repr(w).replace(".", "p").replace("-", "m")
        for dt in ("f32", "f64"):
            W("lerp_%s_%s" % (dt, tag), "lerp", [T(a, dt), T(b, dt)], weight=sc(w))
    W("lerp_bcast", "lerp", [T(seq(12, k=36), shape=(3, 4)), T(seq(4, k=37))], weight=sc(0.3))
    W("lerp_special", "lerp", [T([INF, 1.0, NAN, -INF]), T([1.0, INF, 0.0, INF])], weight=sc(0.3))
    W("lerp_int_weight", "lerp", [T(a[:4]), T(b[:4])], weight=sc(1))
    W("lerp_i64_err", "lerp", [T([1, 2], "i64"), T([3, 4], "i64")], weight=sc(0.5))
    W("lerp_dtype_err", "lerp", [T([1.0, 2.0]), T([3, 4], "f64")], weight=sc(0.5))
    W("add_scalar_f32", "add_scalar", [T(seq(5))], value=sc(0.1))
    W("add_scalar_i64", "add_scalar", [T([1, 2], "i64")], value=sc(True))
    W("mul_scalar_u8", "mul_scalar", [T([1, 200], "u8")], value=sc(3))
    W("mul_scalar_i64_float", "mul_scalar", [T([1, -3], "i64")], value=sc(-0.5))


def gen_compare(g):
    C = lambda name, op, ins, **kw: g.case("compare." + name, op, ins, **kw)
    x = lambda: T([1.0, 2.0, NAN, INF])
    C("equal_same", "equal", [x(), T([1.0, 2.0, 3.0, INF])])
    C("equal_nan", "equal", [x(), x()])
    C("equal_true", "equal", [T(seq(6), shape=(2, 3)), T(seq(6), shape=(2, 3))])
    C("equal_shape", "equal", [T(seq(6), shape=(2, 3)), T(seq(6), shape=(3, 2))])
    C("equal_bcastable", "equal", [T([1.0, 1.0]), T([1.0])])
    C("equal_dtype", "equal", [T([1.0, 2.0]), T([1, 2], "i64")])
    C("equal_t", "equal", [T(seq(6), shape=(2, 3), view=lambda z: z.t()), T(seq(6), shape=(2, 3), view=lambda z: z.t())])
    C("equal_empty", "equal", [T(torch.zeros(0)), T(torch.zeros(0))])
    C("equal_signed_zero", "equal", [T([0.0]), T([-0.0])])
    a = [1.0, 1.0, 1.0, 1e-9, 100.0, NAN, INF, INF, -INF, 0.0]
    b = [1.0, 1.00001, 1.001, 0.0, 100.001, NAN, INF, -INF, -INF, 1e-8]
    for rtol, atol in ((1e-5, 1e-8), (0.0, 0.0), (1e-3, 0.0), (0.0, 1e-2), (0.1, 0.1)):
        for en in (0, 1):
            tag = "%s_%s_%d" % (repr(rtol), repr(atol), en)
            C("isclose_" + tag, "isclose", [T(a), T(b)], rtol=repr(rtol), atol=repr(atol), equal_nan=en)
            C("isclose_f64_" + tag, "isclose", [T(a, "f64"), T(b, "f64")], rtol=repr(rtol), atol=repr(atol), equal_nan=en)
            C("allclose_" + tag, "allclose", [T(a[:5]), T(b[:5])], rtol=repr(rtol), atol=repr(atol), equal_nan=en)
    C("allclose_nan_en", "allclose", [T([NAN, 1.0]), T([NAN, 1.0])], rtol=repr(1e-5), atol=repr(1e-8), equal_nan=1)
    C("allclose_nan", "allclose", [T([NAN, 1.0]), T([NAN, 1.0])], rtol=repr(1e-5), atol=repr(1e-8), equal_nan=0)
    C("allclose_bcast", "allclose", [T([1.0, 1.0]), T([1.0])], rtol=repr(1e-5), atol=repr(1e-8), equal_nan=0)
    C("isclose_i64", "isclose", [T([1, 2, 3], "i64"), T([1, 3, 3], "i64")], rtol=repr(1e-5), atol=repr(1e-8), equal_nan=0)
    C("isclose_i64_tol", "isclose", [T([100, 2, 3], "i64"), T([101, 3, 3], "i64")], rtol=repr(0.1), atol=repr(0.0),
      equal_nan=0)
    C("isclose_bool", "isclose", [T([True, False], "bool"), T([True, True], "bool")], rtol=repr(1e-5), atol=repr(1e-8),
      equal_nan=0)
    C("isclose_dtype_err", "isclose", [T([1.0]), T([1.0], "f64")], rtol=repr(1e-5), atol=repr(1e-8), equal_nan=0)
    C("isclose_bcast", "isclose", [T(seq(6), shape=(2, 3)), T(seq(3))], rtol=repr(1e-5), atol=repr(1e-8), equal_nan=0)


# ---- reductions ----

DIMSETS = ["", "0", "1", "2", "-1", "0,2", "2,0", "0,1,2", "-2,-1"]


def gen_reduce(g):
    R = lambda name, op, ins, tol=None, **kw: g.case("reduce." + name, op, ins, tol=tol, **kw)
    x = lambda dt="f32": T(seq(24, -3, 3, 40), dt, shape=(2, 3, 4))
    xi = lambda dt="i64": T(iseq(24, -9, 9, 41), dt, shape=(2, 3, 4))
    xt = lambda: T(seq(24, -3, 3, 42), shape=(4, 3, 2), view=lambda z: z.permute(2, 1, 0))
    for op in ("sum", "mean", "amax", "amin", "all", "any", "logsumexp"):
        tol = 2 if op == "logsumexp" else None
        for dims in DIMSETS:
            for kd in (0, 1):
                tag = "%s_%s_k%d" % (op, dims.replace(",", "_").replace("-", "m") or "all", kd)
                R(tag, op, [x()], tol=tol, dims=dims, keepdim=kd, strides=True)
                R(tag + "_f64", op, [x("f64")], tol=tol, dims=dims, keepdim=kd)
                R(tag + "_perm", op, [xt()], tol=tol, dims=dims, keepdim=kd)
                if op not in ("mean", "logsumexp"):
                    R(tag + "_i64", op, [xi()], dims=dims, keepdim=kd)
        R("%s_err_dim" % op, op, [x()], tol=tol, dims="3")
        R("%s_err_dup" % op, op, [x()], tol=tol, dims="0,-3")
        R("%s_scalar" % op, op, [T(2.5)], tol=tol, dims="")
        R("%s_scalar_dim" % op, op, [T(2.5)], tol=tol, dims="0")
        R("%s_special" % op, op, [T([[1.0, NAN, 3.0], [INF, -INF, 0.0], [-0.0, 0.0, -0.0]])], tol=tol, dims="1")
        R("%s_special_all" % op, op, [T([1.0, NAN, 3.0, INF])], tol=tol, dims="")
        R("%s_bool" % op, op, [T([[True, False, True], [True, True, True]], "bool")], tol=tol, dims="1")
        R("%s_u8" % op, op, [T([[200, 100, 3], [0, 255, 1]], "u8")], tol=tol, dims="1")
        R("%s_i32" % op, op, [T([[2 ** 31 - 1, 1], [-5, 3]], "i32")], tol=tol, dims="")
        R("%s_empty_all" % op, op, [T(torch.zeros(0, 3))], tol=tol, dims="")
        R("%s_empty_dim0" % op, op, [T(torch.zeros(0, 3))], tol=tol, dims="0")
        R("%s_empty_dim1" % op, op, [T(torch.zeros(0, 3))], tol=tol, dims="1")
        R("%s_long" % op, op, [T(seq(37 * 100, -1, 1, 43), shape=(37, 100))], tol=tol, dims="1")
        R("%s_long_dim0" % op, op, [T(seq(37 * 100, -1, 1, 43), shape=(37, 100))], tol=tol, dims="0")
        R("%s_long_all" % op, op, [T(seq(37 * 100, -1, 1, 43), shape=(37, 100))], tol=tol, dims="")
    for dt in ("f64", "f32", "i64", "i32", "u8", "bool"):
        R("sum_dtype_%s" % dt, "sum", [x()], dims="1", dtype=dt)
        R("sum_i64_dtype_%s" % dt, "sum", [xi()], dims="", dtype=dt)
        R("mean_dtype_%s" % dt, "mean", [x()], dims="1", dtype=dt)
        R("mean_i64_dtype_%s" % dt, "mean", [xi()], dims="", dtype=dt)
        R("prod_dtype_%s" % dt, "prod", [T([1.5, 2.0, -3.0, 0.25])], dims="", dtype=dt)
    R("sum_u8_wrap", "sum", [T([200, 100], "u8")], dims="", dtype="u8")
    R("mean_i64_err", "mean", [xi()], dims="")
    R("mean_bool_err", "mean", [T([True, False], "bool")], dims="")
    R("mean_u8_err", "mean", [T([1, 2], "u8")], dims="0")
    for dims in ("", "0", "1", "2", "-1"):
        for kd in (0, 1):
            if kd and not dims:
                continue   # torch.prod has no keepdim form for a full reduction
            tag = "prod_%s_k%d" % (dims.replace("-", "m") or "all", kd)
            R(tag, "prod", [x()], dims=dims, keepdim=kd)
            R(tag + "_f64", "prod", [x("f64")], dims=dims, keepdim=kd)
            R(tag + "_i64", "prod", [xi()], dims=dims, keepdim=kd)
            R(tag + "_perm", "prod", [xt()], dims=dims, keepdim=kd)
    R("prod_long", "prod", [T(seq(100, 0.5, 1.5, 44))], dims="")
    R("prod_long_rows", "prod", [T(seq(300, 0.9, 1.1, 45), shape=(3, 100))], dims="1")
    R("prod_long_cols", "prod", [T(seq(300, 0.9, 1.1, 45), shape=(100, 3))], dims="0")
    R("prod_long_f64", "prod", [T(seq(100, 0.5, 1.5, 44), "f64")], dims="")
    R("prod_bool", "prod", [T([True, True, False], "bool")], dims="")
    R("prod_special", "prod", [T([[INF, 0.0], [NAN, 1.0], [-0.0, 2.0]])], dims="1")
    R("prod_empty", "prod", [T(torch.zeros(0, 3))], dims="0")
    R("prod_i64_overflow", "prod", [T([2 ** 40, 2 ** 30, 3], "i64")], dims="")
    for op in ("var", "std"):
        for corr in (0, 1):
            for dims in ("", "0", "1", "-1", "0,2", "1,2"):
                for kd in (0, 1):
                    tag = "%s_c%d_%s_k%d" % (op, corr, dims.replace(",", "_").replace("-", "m") or "all", kd)
                    R(tag, op, [x()], dims=dims, correction=corr, keepdim=kd)
                    R(tag + "_f64", op, [x("f64")], dims=dims, correction=corr, keepdim=kd)
            R("%s_c%d_long" % (op, corr), op, [T(seq(37 * 100, 10, 11, 46), shape=(37, 100))], dims="1",
              correction=corr)
            R("%s_c%d_long_all" % (op, corr), op, [T(seq(37 * 100, 10, 11, 46), shape=(37, 100))], dims="",
              correction=corr)
            R("%s_c%d_one" % (op, corr), op, [T([[3.0], [4.0]])], dims="1", correction=corr)
            R("%s_c%d_empty" % (op, corr), op, [T(torch.zeros(0, 3))], dims="0", correction=corr)
            R("%s_c%d_special" % (op, corr), op, [T([[1.0, NAN], [INF, 1.0], [1e30, -1e30]])], dims="1",
              correction=corr)
        R("%s_i64_err" % op, op, [xi()], dims="", correction=1)
        R("%s_t" % op, op, [xt()], dims="0", correction=1)
    for p in ("1", "2", "inf", "-inf", "0", "3", "0.5", "fro", "-1", "1.5"):
        tol = None if p in ("1", "2", "inf", "-inf", "0", "fro") else 2
        ptag = p.replace("-", "m").replace(".", "p")
        for dims in ("", "0", "1", "-1", "0,2"):
            for kd in (0, 1):
                tag = "norm_%s_%s_k%d" % (ptag, dims.replace(",", "_").replace("-", "m") or "all", kd)
                if p == "fro" and (dims in ("0", "1", "-1") or (kd and not dims)):
                    continue   # torch.norm(x, 'fro') takes at most 2 dims
                R(tag, "norm", [x()], tol=tol, p=p, dims=dims, keepdim=kd)
                R(tag + "_f64", "norm", [x("f64")], tol=tol, p=p, dims=dims, keepdim=kd)
        R("norm_%s_long" % ptag, "norm", [T(seq(37 * 100, -1, 1, 43), shape=(37, 100))], tol=tol, p=p, dims="1")
        R("norm_%s_long_all" % ptag, "norm", [T(seq(37 * 100, -1, 1, 43), shape=(37, 100))], tol=tol, p=p, dims="")
        R("norm_%s_special" % ptag, "norm", [T([[1.0, NAN], [INF, 1.0], [0.0, -0.0], [-INF, 2.0]])], tol=tol, p=p,
          dims="1")
        R("norm_%s_empty" % ptag, "norm", [T(torch.zeros(0, 3))], tol=tol, p=p, dims="0")
    R("norm_i64_err", "norm", [xi()], p="2", dims="")
    R("norm_t", "norm", [xt()], p="2", dims="1")
    for op in ("max_all", "min_all"):
        R(op, op, [x()])
        R(op + "_i64", op, [xi()])
        R(op + "_nan", op, [T([1.0, NAN, 3.0, INF])])
        R(op + "_bool", op, [T([False, True], "bool")])
        R(op + "_u8", op, [T([7, 255, 0], "u8")])
        R(op + "_scalar", op, [T(-1.5)])
        R(op + "_empty_err", op, [T(torch.zeros(0))])
        R(op + "_t", op, [xt()])
        R(op + "_signed_zero", op, [T([0.0, -0.0, 0.0])])
    for op in ("max_dim", "min_dim"):
        for d in (0, 1, 2, -1):
            for kd in (0, 1):
                R("%s_%d_k%d" % (op, d, kd), op, [x()], dim=d, keepdim=kd, strides=True)
                R("%s_%d_k%d_i64" % (op, d, kd), op, [xi()], dim=d, keepdim=kd)
        R(op + "_ties", op, [T([[1.0, 3.0, 3.0, 1.0], [2.0, 2.0, 2.0, 2.0]])], dim=1, keepdim=0)
        R(op + "_ties_i64", op, [T([[1, 3, 3, 1], [2, 2, 2, 2]], "i64")], dim=1, keepdim=0)
        R(op + "_nan", op, [T([[1.0, NAN, 3.0, NAN], [NAN, 2.0, 2.0, 2.0], [INF, -INF, 0.0, 5.0]])], dim=1, keepdim=0)
        R(op + "_bool", op, [T([[False, True, True], [False, False, False]], "bool")], dim=1, keepdim=0)
        R(op + "_u8", op, [T([[7, 255, 0], [3, 3, 3]], "u8")], dim=1, keepdim=1)
        R(op + "_t", op, [xt()], dim=0, keepdim=0)
        R(op + "_scalar", op, [T(4.0)], dim=0, keepdim=0)
        R(op + "_empty_err", op, [T(torch.zeros(2, 0))], dim=1, keepdim=0)
        R(op + "_empty_other", op, [T(torch.zeros(2, 0))], dim=0, keepdim=0)
        R(op + "_err_dim", op, [x()], dim=3, keepdim=0)
        R(op + "_long", op, [T(seq(37 * 100, -1, 1, 43), shape=(37, 100))], dim=1, keepdim=0)
    for op in ("argmax", "argmin"):
        R(op + "_flat", op, [x()])
        R(op + "_flat_keep", op, [x()], keepdim=1)
        for d in (0, 1, -1):
            for kd in (0, 1):
                R("%s_%d_k%d" % (op, d, kd), op, [x()], dim=d, keepdim=kd)
        R(op + "_ties", op, [T([[1.0, 3.0, 3.0, 1.0], [2.0, 2.0, 2.0, 2.0]])], dim=1)
        R(op + "_ties_flat", op, [T([1.0, 3.0, 3.0, 1.0, 3.0])])
        R(op + "_nan", op, [T([[1.0, NAN, 3.0, NAN], [NAN, 2.0, 2.0, 2.0]])], dim=1)
        R(op + "_nan_flat", op, [T([1.0, 5.0, NAN, 7.0, NAN])])
        R(op + "_i64", op, [xi()], dim=2)
        R(op + "_bool", op, [T([False, True, True], "bool")])
        R(op + "_t", op, [xt()])
        R(op + "_t_dim", op, [xt()], dim=1)
        R(op + "_scalar", op, [T(3.0)])
        R(op + "_scalar_keep", op, [T(3.0)], keepdim=1)
        R(op + "_empty_err", op, [T(torch.zeros(0))])
        R(op + "_empty_dim_err", op, [T(torch.zeros(2, 0))], dim=1)
        R(op + "_empty_other", op, [T(torch.zeros(2, 0))], dim=0)
        R(op + "_long", op, [T(seq(37 * 100, -1, 1, 43), shape=(37, 100))], dim=1)


# ---- scans: cumsum/cumprod, softmax, sort, topk ----

def gen_scan(g):
    Q = lambda name, op, ins, tol=None, **kw: g.case("scan." + name, op, ins, tol=tol, **kw)
    x = lambda dt="f32": T(seq(24, -3, 3, 50), dt, shape=(2, 3, 4))
    xt = lambda: T(seq(24, -3, 3, 51), shape=(4, 3, 2), view=lambda z: z.permute(2, 1, 0))
    for op in ("cumsum", "cumprod"):
        for d in (0, 1, 2, -1):
            Q("%s_%d" % (op, d), op, [x()], dim=d)
            Q("%s_%d_f64" % (op, d), op, [x("f64")], dim=d)
            Q("%s_%d_i64" % (op, d), op, [T(iseq(24, -5, 5, 52), "i64", shape=(2, 3, 4))], dim=d)
        Q(op + "_t", op, [xt()], dim=1, strides=True)
        Q(op + "_bool", op, [T([True, False, True, True], "bool")], dim=0)
        Q(op + "_u8", op, [T([200, 100, 3], "u8")], dim=0)
        Q(op + "_i32", op, [T([2 ** 30, 2 ** 30, 2 ** 30], "i32")], dim=0)
        Q(op + "_dtype_f64", op, [x()], dim=1, dtype="f64")
        Q(op + "_dtype_i32", op, [T([1, 2, 3], "i64")], dim=0, dtype="i32")
        Q(op + "_dtype_f32_from_i64", op, [T([1, 2, 3], "i64")], dim=0, dtype="f32")
        Q(op + "_scalar", op, [T(2.5)], dim=0)
        Q(op + "_empty", op, [T(torch.zeros(0, 3))], dim=0)
        Q(op + "_special", op, [T([1.0, NAN, 2.0, INF, -INF])], dim=0)
        Q(op + "_err_dim", op, [x()], dim=3)
        Q(op + "_long", op, [T(seq(1000, 0.99, 1.01, 53))], dim=0)
        Q(op + "_long_rows", op, [T(seq(3 * 400, -1, 1, 54), shape=(3, 400))], dim=1)
    for op in ("softmax", "log_softmax"):
        for d in (0, 1, 2, -1):
            for dt in ("f32", "f64"):
                # log_softmax = x - max - log(sum): where that cancels, a 1-ulp difference of
                # log(sum) is many ulps of the result, so an absolute tolerance (4 ulps of 4.0) too
                kw = {"atol": repr(4 * 4 * (2.0 ** -23 if dt == "f32" else 2.0 ** -52))} if op == "log_softmax" else {}
                Q("%s_%d_%s" % (op, d, dt), op, [x(dt)], tol=2, dim=d, **kw)
                Q("%s_%d_%s_wide" % (op, d, dt), op, [T(seq(3 * 5 * 40, -20, 20, 55), dt, shape=(3, 5, 40))], tol=2,
                  dim=d, **kw)
        Q(op + "_big", op, [T([[1000.0, 1001.0, 999.0], [-1000.0, -1001.0, 0.0]])], tol=2, dim=1)
        Q(op + "_inf", op, [T([[-INF, 0.0, 1.0], [-INF, -INF, -INF], [INF, 0.0, 1.0]])], tol=2, dim=1)
        Q(op + "_nan", op, [T([[NAN, 0.0, 1.0], [1.0, 2.0, 3.0]])], tol=2, dim=1)
        Q(op + "_dtype_f64", op, [x()], tol=2, dim=2, dtype="f64")
        Q(op + "_t", op, [xt()], tol=2, dim=0)
        Q(op + "_t_last", op, [xt()], tol=2, dim=-1)
        Q(op + "_scalar", op, [T(2.5)], tol=2, dim=0)
        Q(op + "_empty", op, [T(torch.zeros(0, 3))], tol=2, dim=1)
        Q(op + "_i64_err", op, [T([1, 2], "i64")], tol=2, dim=0)
        Q(op + "_long", op, [T(seq(1000, -5, 5, 56))], tol=2, dim=0)
        for n in range(1, 20):
            Q("%s_len%d" % (op, n), op, [T(seq(n, -4, 4, 57 + n))], tol=2, dim=0)
    sv = [3.0, 1.0, NAN, 2.0, 1.0, -INF, INF, -0.0, 0.0, 3.0, NAN, -1.0]
    for desc in (0, 1):
        Q("sort_f32_d%d" % desc, "sort", [T(sv)], dim=0, descending=desc)
        Q("sort_f64_d%d" % desc, "sort", [T(sv, "f64")], dim=0, descending=desc)
        Q("sort_i64_d%d" % desc, "sort", [T([3, 1, -2, 3, 1, 0, 2 ** 62, -2 ** 63], "i64")], dim=0, descending=desc)
        Q("sort_bool_d%d" % desc, "sort", [T([True, False, True, False], "bool")], dim=0, descending=desc)
        Q("sort_u8_d%d" % desc, "sort", [T([3, 200, 1, 3], "u8")], dim=0, descending=desc)
        for d in (0, 1, 2, -1):
            Q("sort_3d_%d_d%d" % (d, desc), "sort", [x()], dim=d, descending=desc)
        Q("sort_ties_d%d" % desc, "sort", [T([2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 3.0, 2.0] * 4, shape=(2, 16))], dim=1,
          descending=desc)
        Q("sort_t_d%d" % desc, "sort", [xt()], dim=1, descending=desc)
        Q("sort_long_d%d" % desc, "sort", [T([float(v) for v in iseq(500, -50, 50, 60)])], dim=0, descending=desc)
    Q("sort_scalar", "sort", [T(1.0)], dim=0, descending=0)
    Q("sort_empty", "sort", [T(torch.zeros(0))], dim=0, descending=0)
    Q("sort_err_dim", "sort", [x()], dim=3, descending=0)
    # topk: ATen picks with std::nth_element / std::partial_sort, whose order among equal values
    # we do not reproduce (ties=1: indices must point at equal values, exactly once each)
    Q = lambda name, op, ins, tol=None, **kw: g.case("scan." + name, op, ins, tol=tol,
                                                     **(dict(kw, ties=1) if op == "topk" else kw))
    tv = [float(v) for v in iseq(40, -9, 9, 61)]
    for k in (0, 1, 3, 7):
        for largest in (0, 1):
            Q("topk_%d_l%d" % (k, largest), "topk", [T(tv[:8])], k=k, dim=0, largest=largest, sorted=1)
            Q("topk_2d_%d_l%d" % (k, largest), "topk", [T(tv, shape=(4, 10))], k=k, dim=1, largest=largest, sorted=1)
            Q("topk_2d_dim0_%d_l%d" % (min(k, 4), largest), "topk", [T(tv, shape=(4, 10))], k=min(k, 4), dim=0,
              largest=largest, sorted=1)
    Q("topk_nan", "topk", [T([1.0, NAN, 3.0, 2.0])], k=2, dim=0, largest=1, sorted=1)
    Q("topk_nan_smallest", "topk", [T([1.0, NAN, 3.0, 2.0])], k=2, dim=0, largest=0, sorted=1)
    Q("topk_ties", "topk", [T([1.0, 2.0, 2.0, 1.0, 2.0])], k=2, dim=0, largest=1, sorted=1)
    Q("topk_i64", "topk", [T([5, 1, 9, -3], "i64")], k=3, dim=0, largest=1, sorted=1)
    Q("topk_err_k", "topk", [T([5.0, 1.0])], k=3, dim=0, largest=1, sorted=1)
    Q("topk_err_negk", "topk", [T([5.0, 1.0])], k=-1, dim=0, largest=1, sorted=1)
    Q("topk_scalar", "topk", [T(5.0)], k=1, dim=0, largest=1, sorted=1)
    Q("topk_t", "topk", [xt()], k=2, dim=1, largest=1, sorted=1)


# ---- matmul family ----

def gen_matmul(g):
    M = lambda name, op, ins, **kw: g.case("matmul." + name, op, ins, **kw)
    m = lambda r, c, k, dt="f32": T(seq(r * c, -1, 1, k), dt, shape=(r, c))
    v = lambda n, k, dt="f32": T(seq(n, -1, 1, k), dt)
    b3 = lambda b, r, c, k, dt="f32": T(seq(b * r * c, -1, 1, k), dt, shape=(b, r, c))
    for dt in ("f32", "f64"):
        M("mm_%s" % dt, "mm", [m(17, 33, 70, dt), m(33, 9, 71, dt)])
        M("mm_big_%s" % dt, "mm", [m(40, 100, 72, dt), m(100, 24, 73, dt)])
        M("mm_small_%s" % dt, "mm", [m(2, 3, 74, dt), m(3, 2, 75, dt)])
        M("mm_a_t_%s" % dt, "mm", [T(seq(17 * 33, -1, 1, 76), dt, shape=(33, 17), view=lambda z: z.t()), m(33, 9, 71, dt)])
        M("mm_b_t_%s" % dt, "mm", [m(17, 33, 70, dt), T(seq(33 * 9, -1, 1, 77), dt, shape=(9, 33), view=lambda z: z.t())])
        M("mm_both_t_%s" % dt, "mm", [T(seq(17 * 33, -1, 1, 76), dt, shape=(33, 17), view=lambda z: z.t()),
                                      T(seq(33 * 9, -1, 1, 77), dt, shape=(9, 33), view=lambda z: z.t())])
        M("mm_sliced_%s" % dt, "mm", [T(seq(17 * 66, -1, 1, 78), dt, shape=(17, 66), view=lambda z: z[:, ::2]),
                                      m(33, 9, 71, dt)])
        M("mm_expanded_%s" % dt, "mm", [T(seq(33, -1, 1, 79), dt, shape=(1, 33), view=lambda z: z.expand(17, 33)),
                                        m(33, 9, 71, dt)])
        M("mm_k1_%s" % dt, "mm", [m(5, 1, 80, dt), m(1, 4, 81, dt)])
        M("mm_k0_%s" % dt, "mm", [T(torch.zeros(3, 0), dt), T(torch.zeros(0, 4), dt)])
        M("mm_m0_%s" % dt, "mm", [T(torch.zeros(0, 3), dt), m(3, 4, 82, dt)])
        M("mv_%s" % dt, "mv", [m(17, 33, 83, dt), v(33, 84, dt)])
        M("mv_t_%s" % dt, "mv", [T(seq(17 * 33, -1, 1, 85), dt, shape=(33, 17), view=lambda z: z.t()), v(33, 84, dt)])
        M("mv_strided_vec_%s" % dt, "mv", [m(17, 33, 83, dt), T(seq(66, -1, 1, 86), dt, view=lambda z: z[::2])])
        M("mv_small_%s" % dt, "mv", [m(2, 3, 87, dt), v(3, 88, dt)])
        M("dot_%s" % dt, "dot", [v(33, 89, dt), v(33, 90, dt)])
        M("dot_long_%s" % dt, "dot", [v(1000, 91, dt), v(1000, 92, dt)])
        M("dot_strided_%s" % dt, "dot", [T(seq(66, -1, 1, 93), dt, view=lambda z: z[::2]), v(33, 90, dt)])
        M("dot_empty_%s" % dt, "dot", [T(torch.zeros(0), dt), T(torch.zeros(0), dt)])
        M("bmm_%s" % dt, "bmm", [b3(3, 17, 33, 94, dt), b3(3, 33, 9, 95, dt)])
        M("bmm_small_%s" % dt, "bmm", [b3(2, 3, 4, 96, dt), b3(2, 4, 5, 97, dt)])
        M("bmm_t_%s" % dt, "bmm", [T(seq(3 * 17 * 33, -1, 1, 98), dt, shape=(3, 33, 17), view=lambda z: z.transpose(1, 2)),
                                   b3(3, 33, 9, 95, dt)])
        M("bmm_small_t_%s" % dt, "bmm", [T(seq(24, -1, 1, 99), dt, shape=(2, 4, 3), view=lambda z: z.transpose(1, 2)),
                                         b3(2, 4, 5, 97, dt)])
        M("outer_%s" % dt, "outer", [v(5, 100, dt), v(7, 101, dt)])
        for beta, alpha in ((1, 1), (0.5, 2), (0, 1), (0, 0.5), (2, 0), (1, -1)):
            tag = "%s_%s" % (sc(beta).replace(":", ""), sc(alpha).replace(":", ""))
            tag = tag.replace(".", "p").replace("-", "m")
            M("addmm_%s_%s" % (tag, dt), "addmm", [m(17, 9, 102, dt), m(17, 33, 70, dt), m(33, 9, 71, dt)],
              beta=sc(beta), alpha=sc(alpha))
        M("addmm_bcast_row_%s" % dt, "addmm", [v(9, 103, dt), m(17, 33, 70, dt), m(33, 9, 71, dt)],
          beta=sc(1), alpha=sc(1))
        M("addmm_bcast_scalar_%s" % dt, "addmm", [T(0.5, dt), m(17, 33, 70, dt), m(33, 9, 71, dt)],
          beta=sc(1), alpha=sc(1))
        M("addmm_small_%s" % dt, "addmm", [m(2, 2, 104, dt), m(2, 3, 74, dt), m(3, 2, 75, dt)], beta=sc(0.5),
          alpha=sc(2))
        M("addmm_nan_beta0_%s" % dt, "addmm", [T([[NAN, INF], [1.0, NAN]], dt), m(2, 3, 74, dt), m(3, 2, 75, dt)],
          beta=sc(0), alpha=sc(1))
    # matmul: every rank combination, batch broadcasting, small and BLAS-sized products
    combos = [
        ("1x1", [v(33, 110)], [v(33, 111)]),
        ("2x1", [m(17, 33, 112)], [v(33, 113)]),
        ("1x2", [v(33, 114)], [m(33, 9, 115)]),
        ("2x2", [m(17, 33, 116)], [m(33, 9, 117)]),
        ("3x2", [b3(2, 17, 33, 118)], [m(33, 9, 119)]),
        ("3x1", [b3(2, 17, 33, 120)], [v(33, 121)]),
        ("1x3", [v(33, 122)], [b3(2, 33, 9, 123)]),
        ("2x3", [m(17, 33, 124)], [b3(2, 33, 9, 125)]),
        ("3x3", [b3(2, 17, 33, 126)], [b3(2, 33, 9, 127)]),
        ("4x3", [T(seq(2 * 3 * 5 * 7, -1, 1, 128), shape=(2, 3, 5, 7))], [b3(3, 7, 6, 129)]),
        ("3x4", [b3(3, 5, 7, 130)], [T(seq(2 * 3 * 7 * 6, -1, 1, 131), shape=(2, 3, 7, 6))]),
        ("4x4_bcast", [T(seq(4 * 1 * 5 * 7, -1, 1, 132), shape=(4, 1, 5, 7))], [T(seq(3 * 7 * 6, -1, 1, 133),
                                                                                  shape=(1, 3, 7, 6))]),
        ("3x3_bcast", [b3(1, 17, 33, 134)], [b3(3, 33, 9, 135)]),
        ("4x1", [T(seq(2 * 3 * 5 * 7, -1, 1, 136), shape=(2, 3, 5, 7))], [v(7, 137)]),
        ("1x4", [v(5, 138)], [T(seq(2 * 3 * 5 * 7, -1, 1, 139), shape=(2, 3, 5, 7))]),
        ("4x2", [T(seq(2 * 3 * 5 * 7, -1, 1, 140), shape=(2, 3, 5, 7))], [m(7, 4, 141)]),
        ("2x4", [m(4, 5, 142)], [T(seq(2 * 3 * 5 * 7, -1, 1, 143), shape=(2, 3, 5, 7))]),
        ("3x2_small", [b3(2, 3, 4, 144)], [m(4, 2, 145)]),
        ("3x3_small", [b3(2, 3, 4, 146)], [b3(2, 4, 2, 147)]),
        ("2x3_small", [m(3, 4, 148)], [b3(2, 4, 2, 149)]),
        ("1x1_small", [v(3, 150)], [v(3, 151)]),
        ("2x2_small", [m(2, 3, 152)], [m(3, 4, 153)]),
        ("3x2_t", [T(seq(2 * 17 * 33, -1, 1, 154), shape=(2, 33, 17), view=lambda z: z.transpose(1, 2))],
         [m(33, 9, 155)]),
        ("3x3_t", [b3(2, 17, 33, 156)], [T(seq(2 * 9 * 33, -1, 1, 157), shape=(2, 9, 33), view=lambda z: z.transpose(1, 2))]),
        ("2x3_t", [m(17, 33, 192)], [T(seq(2 * 9 * 33, -1, 1, 193), shape=(2, 9, 33), view=lambda z: z.transpose(1, 2))]),
        ("1x3_t", [v(33, 194)], [T(seq(2 * 9 * 33, -1, 1, 195), shape=(2, 9, 33), view=lambda z: z.transpose(1, 2))]),
        ("3x1_t", [T(seq(2 * 17 * 33, -1, 1, 196), shape=(2, 33, 17), view=lambda z: z.transpose(1, 2))], [v(33, 197)]),
        ("3x2_perm", [T(seq(2 * 17 * 33, -1, 1, 198), shape=(33, 17, 2), view=lambda z: z.permute(2, 1, 0))],
         [m(33, 9, 199)]),
        ("2x1_f64", [m(17, 33, 158, "f64")], [v(33, 159, "f64")]),
        ("3x3_f64", [b3(2, 17, 33, 160, "f64")], [b3(2, 33, 9, 161, "f64")]),
        ("2x2_i64", [T(iseq(12, -5, 5, 162), "i64", shape=(3, 4))], [T(iseq(8, -5, 5, 163), "i64", shape=(4, 2))]),
        ("1x1_i64", [T([1, 2, 3], "i64")], [T([4, -5, 6], "i64")]),
        ("2x1_i64", [T(iseq(12, -5, 5, 164), "i64", shape=(3, 4))], [T([1, 2, 3, 4], "i64")]),
        ("3x3_i64", [T(iseq(24, -5, 5, 165), "i64", shape=(2, 3, 4))], [T(iseq(16, -5, 5, 166), "i64", shape=(2, 4, 2))]),
        ("2x2_i32", [T(iseq(6, -5, 5, 167), "i32", shape=(2, 3))], [T(iseq(6, -5, 5, 168), "i32", shape=(3, 2))]),
        ("2x2_u8", [T([[1, 2], [3, 200]], "u8")], [T([[5, 6], [7, 8]], "u8")]),
        ("2x2_bool_err", [T([[True, False]], "bool")], [T([[True], [False]], "bool")]),
        ("0d_err", [T(1.0)], [v(3, 169)]),
        ("1x1_err", [v(3, 170)], [v(4, 171)]),
        ("2x2_err", [m(2, 3, 172)], [m(2, 3, 173)]),
        ("2x1_err", [m(2, 3, 174)], [v(2, 175)]),
        ("1x2_err", [v(2, 176)], [m(3, 2, 177)]),
        ("3x3_err", [b3(2, 3, 4, 178)], [b3(2, 3, 4, 179)]),
        ("3x3_batch_err", [b3(2, 3, 4, 180)], [b3(3, 4, 2, 181)]),
        ("dtype_err", [m(2, 2, 182)], [m(2, 2, 183, "f64")]),
        ("dtype_err_rev", [m(2, 2, 182, "f64")], [m(2, 2, 183)]),
        ("dtype_long_err", [m(2, 2, 184)], [T([[1, 2], [3, 4]], "i64")]),
        ("dtype_1x1_err", [v(2, 185)], [v(2, 186, "f64")]),
        ("dtype_2x1_err", [m(2, 2, 187)], [v(2, 188, "f64")]),
        ("dtype_3x3_err", [b3(2, 2, 2, 189)], [b3(2, 2, 2, 190, "f64")]),
        ("empty_k", [T(torch.zeros(2, 0))], [T(torch.zeros(0, 3))]),
        ("empty_batch", [T(torch.zeros(0, 2, 3))], [m(3, 4, 191)]),
    ]
    for name, a, b in combos:
        M("matmul_" + name, "matmul", a + b)
    errs = [
        ("mm_err_shape", "mm", [m(2, 3, 1), m(2, 3, 2)]),
        ("mm_err_1d", "mm", [v(3, 3), m(3, 2, 4)]),
        ("mm_err_1d_b", "mm", [m(2, 3, 3), v(3, 4)]),
        ("mm_err_dtype", "mm", [m(2, 3, 5), m(3, 2, 6, "f64")]),
        ("mm_err_i64", "mm", [m(2, 3, 5), T([[1, 2], [3, 4], [5, 6]], "i64")]),
        ("mm_i64", "mm", [T([[1, 2, 3], [4, 5, 6]], "i64"), T([[1, 2], [3, 4], [5, 6]], "i64")]),
        ("bmm_err_2d", "bmm", [m(2, 3, 7), b3(2, 3, 2, 8)]),
        ("bmm_err_2d_b", "bmm", [b3(2, 2, 3, 7), m(3, 2, 8)]),
        ("bmm_err_shape", "bmm", [b3(2, 2, 3, 9), b3(2, 4, 2, 10)]),
        ("bmm_err_batch", "bmm", [b3(2, 2, 3, 9), b3(3, 3, 2, 10)]),
        ("bmm_err_dtype", "bmm", [b3(2, 2, 3, 9), b3(2, 3, 2, 10, "f64")]),
        ("bmm_i64", "bmm", [T(iseq(12, -5, 5, 11), "i64", shape=(2, 2, 3)), T(iseq(12, -5, 5, 12), "i64", shape=(2, 3, 2))]),
        ("mv_err_shape", "mv", [m(2, 3, 13), v(2, 14)]),
        ("mv_err_dims", "mv", [v(3, 15), v(3, 16)]),
        ("mv_err_dims_b", "mv", [m(2, 3, 13), m(3, 1, 14)]),
        ("mv_err_dtype", "mv", [m(2, 3, 13), v(3, 14, "f64")]),
        ("mv_i64", "mv", [T([[1, 2, 3], [4, 5, 6]], "i64"), T([1, -1, 2], "i64")]),
        ("dot_err_len", "dot", [v(3, 17), v(4, 18)]),
        ("dot_err_dims", "dot", [m(2, 2, 17), v(4, 18)]),
        ("dot_err_dtype", "dot", [v(3, 17), v(3, 18, "f64")]),
        ("dot_i64", "dot", [T([1, 2, 3], "i64"), T([4, -5, 6], "i64")]),
        ("dot_u8", "dot", [T([100, 2, 3], "u8"), T([4, 5, 6], "u8")]),
        ("outer_i64", "outer", [T([1, 2], "i64"), T([3, 4, 5], "i64")]),
        ("outer_mixed", "outer", [T([1, 2], "i64"), T([0.5, 0.25])]),
        ("outer_err_dims", "outer", [m(2, 2, 19), v(2, 20)]),
        ("addmm_err_shape", "addmm", [m(2, 2, 21), m(2, 3, 22), m(2, 3, 23)]),
        ("addmm_err_input", "addmm", [m(3, 3, 21), m(2, 3, 22), m(3, 2, 23)]),
        ("addmm_err_dtype", "addmm", [m(2, 2, 21, "f64"), m(2, 3, 22), m(3, 2, 23)]),
        ("addmm_err_dtype2", "addmm", [m(2, 2, 21), m(2, 3, 22), m(3, 2, 23, "f64")]),
        ("addmm_err_1d", "addmm", [m(2, 2, 21), v(3, 22), m(3, 2, 23)]),
        ("addmm_i64", "addmm", [T([[1, 1], [1, 1]], "i64"), T([[1, 2, 3], [4, 5, 6]], "i64"),
                                T([[1, 2], [3, 4], [5, 6]], "i64")]),
    ]
    for name, op, ins in errs:
        kw = {"beta": sc(1), "alpha": sc(1)} if op == "addmm" else {}
        M(name, op, ins, **kw)
    M("addmm_i64_scaled", "addmm", [T([[1, 1], [1, 1]], "i64"), T([[1, 2, 3], [4, 5, 6]], "i64"),
                                    T([[1, 2], [3, 4], [5, 6]], "i64")], beta=sc(2), alpha=sc(3))
    M("addmm_i64_float_beta", "addmm", [T([[1, 1], [1, 1]], "i64"), T([[1, 2, 3], [4, 5, 6]], "i64"),
                                        T([[1, 2], [3, 4], [5, 6]], "i64")], beta=sc(0.5), alpha=sc(1))
    # output layouts
    M("mm_out_strides", "mm", [m(17, 33, 70), m(33, 9, 71)], strides=True)
    M("matmul_3x2_strides", "matmul", [b3(2, 17, 33, 118), m(33, 9, 119)], strides=True)
    M("matmul_2x3_strides", "matmul", [m(17, 33, 124), b3(2, 33, 9, 125)], strides=True)
    M("matmul_1x2_strides", "matmul", [v(33, 114), m(33, 9, 115)], strides=True)


# ---- joining and indexing ----

def gen_index(g):
    X = lambda name, op, ins, **kw: g.case("index." + name, op, ins, **kw)
    a = lambda: T(seq(6, k=200), shape=(2, 3))
    for d in (0, 1, -1, -2):
        X("cat_%d" % d, "cat", [a(), T(seq(6, k=201), shape=(2, 3))], dim=d, strides=True)
    X("cat_three", "cat", [a(), T(seq(3, k=202), shape=(1, 3)), T(seq(9, k=203), shape=(3, 3))], dim=0)
    X("cat_one", "cat", [a()], dim=1)
    X("cat_f32_i64", "cat", [a(), T([[1, 2, 3]], "i64")], dim=0)
    X("cat_i64_f64", "cat", [T([[1, 2, 3]], "i64"), T([[0.5, 1.5, 2.5]], "f64")], dim=0)
    X("cat_bool_u8", "cat", [T([True, False], "bool"), T([7, 8], "u8")], dim=0)
    X("cat_i32_i64", "cat", [T([1, 2], "i32"), T([2 ** 40], "i64")], dim=0)
    X("cat_f32_0dim_f64", "cat", [T([1.5]), T([0.1], "f64")], dim=0)
    X("cat_legacy_empty", "cat", [a(), T(torch.zeros(0)), T(seq(3, k=204), shape=(1, 3))], dim=0)
    X("cat_legacy_empty_first", "cat", [T(torch.zeros(0)), a()], dim=1)
    X("cat_legacy_empty_i64", "cat", [T(torch.zeros(0, dtype=torch.int64), "i64"), a()], dim=0)
    X("cat_all_empty", "cat", [T(torch.zeros(0)), T(torch.zeros(0))], dim=0)
    X("cat_empty_2d", "cat", [T(torch.zeros(0, 3)), a()], dim=0)
    X("cat_t", "cat", [T(seq(6), shape=(3, 2), view=lambda z: z.t()), a()], dim=0, strides=True)
    X("cat_err_size", "cat", [a(), T(seq(8), shape=(2, 4))], dim=0)
    X("cat_err_ndim", "cat", [a(), T(seq(3))], dim=0)
    X("cat_err_0d", "cat", [a(), T(1.0)], dim=0)
    X("cat_err_0d_first", "cat", [T(1.0), T(2.0)], dim=0)
    X("cat_err_dim", "cat", [a(), a()], dim=2)
    X("cat_err_empty_list", "cat", [], dim=0)
    for d in (0, 1, 2, -1, -3):
        X("stack_%d" % d, "stack", [a(), T(seq(6, k=205), shape=(2, 3))], dim=d, strides=True)
    X("stack_1d", "stack", [T([1.0, 2.0]), T([3.0, 4.0]), T([5.0, 6.0])], dim=1)
    X("stack_0d", "stack", [T(1.0), T(2.0)], dim=0)
    X("stack_mixed", "stack", [T([1, 2], "i64"), T([0.5, 1.5])], dim=0)
    X("stack_err_shape", "stack", [a(), T(seq(6), shape=(3, 2))], dim=0)
    X("stack_err_dim", "stack", [a(), a()], dim=3)
    X("stack_err_empty", "stack", [], dim=0)

    x = lambda: T(seq(60, k=210), shape=(3, 4, 5))
    basic = ["i:1", "i:-1", "i:0;i:2", "i:2;i:3;i:4", "s:1::", "s::-1:", "s:::2", "s:-3::2", "s:1:3:;s:::3",
             "n", "n;i:0", "i:0;n;s:1:3:", "e", "e;i:1", "i:0;e", "e;n", "s:::;e;i:-1", "n;e;n",
             "s:5::", "s:-10:10:", "i:1;s:2:2:", "e;s:1:4:2;s:::2"]
    for spec in basic:
        X("get_%s" % spec.replace(":", "").replace(";", "_").replace("-", "m"), "index_get", [x()], idx=spec, strides=True)
    X("get_err_oob", "index_get", [x()], idx="i:3")
    X("get_err_oob_neg", "index_get", [x()], idx="s:::;i:-5")
    X("get_err_oob_last", "index_get", [x()], idx="i:0;i:0;i:5")
    X("get_err_too_many", "index_get", [x()], idx="i:0;i:0;i:0;i:0")
    X("get_two_ellipsis", "index_get", [x()], idx="e;e")
    X("get_ellipsis_int_ellipsis", "index_get", [x()], idx="e;i:0;e", strides=True)
    X("get_err_scalar", "index_get", [T(1.0)], idx="i:0")
    X("get_scalar_none", "index_get", [T(1.0)], idx="n", strides=True)
    X("get_scalar_ellipsis", "index_get", [T(1.0)], idx="e", strides=True)
    X("get_t", "index_get", [T(seq(6), shape=(2, 3), view=lambda z: z.t())], idx="i:1", strides=True)
    # advanced: index tensors and masks
    adv = [
        ("t1d", "t:1", [T([2, 0, 2, -1], "i64")]),
        ("t1d_dim1", "s:::;t:1", [T([3, 0, -4], "i64")]),
        ("t2d", "t:1", [T([[0, 1], [2, 0]], "i64")]),
        ("pair", "t:1;t:2", [T([0, 2, 1], "i64"), T([3, 0, 1], "i64")]),
        ("pair_bcast", "t:1;t:2", [T([[0], [2]], "i64"), T([1, 3, 0], "i64")]),
        ("adjacent", "s:::;t:1;t:2", [T([0, 2], "i64"), T([4, 1], "i64")]),
        ("nonadjacent", "t:1;s:::;t:2", [T([0, 2], "i64"), T([4, 1], "i64")]),
        ("nonadjacent_bcast", "t:1;s:1:3:;t:2", [T([[0], [1]], "i64"), T([4, 1, 0], "i64")]),
        ("int_and_tensor", "i:1;t:1", [T([0, 3], "i64")]),
        ("tensor_and_int", "t:1;i:2", [T([0, 2], "i64")]),
        ("tensor_int_tensor", "t:1;i:0;t:2", [T([0, 2], "i64"), T([4, 1], "i64")]),
        ("slice_then_tensor", "s:1::;t:1", [T([1, 2], "i64")]),
        ("none_tensor", "n;t:1", [T([1, 2], "i64")]),
        ("tensor_none", "t:1;n", [T([1, 2], "i64")]),
        ("ellipsis_tensor", "e;t:1", [T([4, 0], "i64")]),
        ("i32_index", "t:1", [T([2, 0], "i32")]),
        ("0d_index", "t:1", [T(2, "i64")]),
        ("0d_index_pair", "t:1;t:2", [T(2, "i64"), T([0, 1], "i64")]),
        ("empty_index", "t:1", [T(torch.zeros(0, dtype=torch.int64), "i64")]),
        ("mask1d", "t:1", [T([True, False, True], "bool")]),
        ("mask1d_dim1", "s:::;t:1", [T([False, True, True, False], "bool")]),
        ("mask2d", "t:1", [T([[True, False, False, True], [False, False, False, False], [True, True, False, False]],
                             "bool")]),
        ("mask3d", "t:1", [T((torch.arange(60) % 7 == 0).reshape(3, 4, 5), "bool")]),
        ("mask_u8", "t:1", [T([1, 0, 1], "u8")]),
        ("mask_and_tensor", "t:1;t:2", [T([True, False, True], "bool"), T([1, 2], "i64")]),
        ("mask_none", "t:1", [T([False, False, False], "bool")]),
        ("mask_true_0d", "t:1", [T(True, "bool")]),
        ("mask_false_0d", "t:1", [T(False, "bool")]),
        ("err_mask_shape", "t:1", [T([True, False], "bool")]),
        ("err_mask2d_shape", "t:1", [T([[True, False, False], [False, False, False], [True, True, False]], "bool")]),
        ("err_oob", "t:1", [T([0, 3], "i64")]),
        ("err_oob_neg", "s:::;t:1", [T([0, -5], "i64")]),
        ("err_oob_second", "t:1;t:2", [T([0, 1], "i64"), T([1, 9], "i64")]),
        ("err_oob_both", "t:1;t:2", [T([0, 5], "i64"), T([7, 0], "i64")]),
        ("err_float", "t:1", [T([0.0, 1.0])]),
        ("err_bcast", "t:1;t:2", [T([0, 1], "i64"), T([0, 1, 2], "i64")]),
        ("err_too_many", "t:1", [T((torch.arange(120) % 2 == 0).reshape(3, 4, 5, 2), "bool")]),
    ]
    for name, spec, idx in adv:
        X("adv_" + name, "index_get", [x()] + idx, idx=spec)
    X("adv_t_input", "index_get", [T(seq(12), shape=(3, 4), view=lambda z: z.t()), T([2, 0], "i64")], idx="t:1")
    X("adv_i64_input", "index_get", [T(iseq(12), "i64", shape=(3, 4)), T([2, 0], "i64")], idx="s:::;t:1")
    X("adv_bool_input", "index_get", [T([True, False, True], "bool"), T([2, 2, 1], "i64")], idx="t:1")
    # setitem
    y = lambda: T(seq(12, k=220), shape=(3, 4))
    puts = [
        ("int_scalar", "i:1", [S(9.0)]),
        ("int_row", "i:1", [T([1.0, 2.0, 3.0, 4.0])]),
        ("int_row_bcast", "i:-1", [T(5.0)]),
        ("slice_col", "s:::;i:2", [T([7.0, 8.0, 9.0])]),
        ("slice_block", "s:1::;s::2:", [T([[1.0, 2.0], [3.0, 4.0]])]),
        ("slice_bcast", "s:::;s:1:3:", [T([1.5, 2.5])]),
        ("slice_i64_value", "i:0", [T([1, 2, 3, 4], "i64")]),
        ("slice_py_int", "s:::2", [S(3)]),
        ("ellipsis", "e", [S(0.5)]),
        ("none", "n;i:1", [S(-1.0)]),
        ("lead_ones", "i:0", [T([[1.0, 2.0, 3.0, 4.0]])]),
        ("lead_ones_adv", "t:1", [T([2, 0], "i64"), T([[[1.0, 2.0, 3.0, 4.0]]])]),
        ("err_basic_bigger", "i:0", [T([[1.0] * 4] * 2)]),
        ("scalar_u8_overflow", "i:0", [S(300)]),
        ("err_basic_shape", "i:0", [T([1.0, 2.0])]),
        ("adv_scalar", "t:1", [T([2, 0], "i64"), S(-5.0)]),
        ("adv_0d", "t:1", [T([2, 0], "i64"), T(-5.0)]),
        ("adv_row", "t:1", [T([2, 0], "i64"), T([1.0, 2.0, 3.0, 4.0])]),
        ("adv_full", "t:1", [T([2, 0], "i64"), T(seq(8, k=221), shape=(2, 4))]),
        ("adv_pair", "t:1;t:2", [T([0, 2, 1], "i64"), T([3, 0, 1], "i64"), T([1.0, 2.0, 3.0])]),
        ("adv_pair_scalar", "t:1;t:2", [T([0, 2], "i64"), T([3, 0], "i64"), S(0.0)]),
        ("adv_dup", "t:1", [T([1, 1], "i64"), T([[1.0] * 4, [2.0] * 4])]),
        ("adv_neg", "s:::;t:1", [T([-1, -4], "i64"), S(7.0)]),
        ("mask", "t:1", [T([[True, False, False, True]] * 3, "bool"), S(0.0)]),
        ("mask_values", "t:1", [T([[True, False, False, True], [False] * 4, [True, True, False, False]], "bool"),
                                T([1.0, 2.0, 3.0, 4.0])]),
        ("mask_rows", "t:1", [T([True, False, True], "bool"), T([9.0, 8.0, 7.0, 6.0])]),
        ("mask_py_int", "t:1", [T([True, False, True], "bool"), S(1)]),
        ("mask_0d_true", "t:1", [T(True, "bool"), S(3.0)]),
        ("err_dtype", "t:1", [T([0, 1], "i64"), T([1, 2, 3, 4], "i64")]),
        ("err_dtype_f64", "t:1", [T([0, 1], "i64"), T([1.0, 2.0, 3.0, 4.0], "f64")]),
        ("err_0d_dtype", "t:1", [T([0, 1], "i64"), T(1.0, "f64")]),
        ("err_shape", "t:1", [T([0, 1], "i64"), T([1.0, 2.0, 3.0])]),
        ("err_mask_shape", "t:1", [T([True, False, True], "bool"), T([1.0, 2.0, 3.0])]),
        ("err_oob", "t:1", [T([0, 3], "i64"), S(0.0)]),
        ("err_float_index", "t:1", [T([0.0]), S(0.0)]),
    ]
    for name, spec, rest in puts:
        X("put_" + name, "index_put", [y()] + rest, idx=spec, value=len(rest), strides=True)
    X("put_t_view", "index_put", [T(seq(12), shape=(3, 4), view=lambda z: z.t()), T([0, 2], "i64"), S(0.0)],
      idx="t:1", value=2, strides=True)
    X("put_u8_overflow", "index_put", [T([1, 2, 3], "u8"), S(300)], idx="i:0", value=1)
    X("put_u8_overflow_adv", "index_put", [T([1, 2, 3], "u8"), T([0], "i64"), S(300)], idx="t:1", value=2)
    X("put_i64", "index_put", [T(iseq(12), "i64", shape=(3, 4)), T([0, 2], "i64"), S(5)], idx="s:::;t:1", value=2)
    X("put_i64_float", "index_put", [T(iseq(12), "i64", shape=(3, 4)), T([0, 2], "i64"), S(2.5)], idx="t:1", value=2)
    X("put_bool", "index_put", [T([True, False, True], "bool"), T([False, True, False], "bool"), S(True)], idx="t:1",
      value=2)
    # gather-like ops
    z = lambda: T(seq(20, k=230), shape=(4, 5))
    X("index_select_0", "index_select", [z(), T([3, 0, 3], "i64")], dim=0)
    X("index_select_1", "index_select", [z(), T([4, 1], "i64")], dim=1)
    X("index_select_neg_dim", "index_select", [z(), T([4, 1], "i64")], dim=-1)
    X("index_select_i32", "index_select", [z(), T([2], "i32")], dim=0)
    X("index_select_empty", "index_select", [z(), T(torch.zeros(0, dtype=torch.int64), "i64")], dim=1)
    X("index_select_0d_index", "index_select", [z(), T(1, "i64")], dim=0)
    X("index_select_t", "index_select", [T(seq(20), shape=(5, 4), view=lambda q: q.t()), T([1, 0], "i64")], dim=1)
    X("index_select_1d", "index_select", [T(seq(5)), T([4, 4, 0], "i64")], dim=0)
    X("index_select_err_oob", "index_select", [z(), T([4], "i64")], dim=0)
    X("index_select_err_neg", "index_select", [z(), T([-1], "i64")], dim=0)
    X("index_select_err_2d", "index_select", [z(), T([[1]], "i64")], dim=0)
    X("index_select_err_float", "index_select", [z(), T([1.0])], dim=0)
    X("gather_0", "gather", [z(), T([[0, 1, 2, 3, 0], [3, 3, 3, 3, 3]], "i64")], dim=0)
    X("gather_1", "gather", [z(), T([[4, 0], [1, 1], [2, 3], [0, 0]], "i64")], dim=1)
    X("gather_smaller", "gather", [z(), T([[4], [1]], "i64")], dim=1)
    X("gather_neg_dim", "gather", [z(), T([[4], [1]], "i64")], dim=-1)
    X("gather_t", "gather", [T(seq(20), shape=(5, 4), view=lambda q: q.t()), T([[4], [1]], "i64")], dim=1)
    X("gather_err_oob", "gather", [z(), T([[5]], "i64")], dim=1)
    X("gather_err_dtype", "gather", [z(), T([[1]], "i32")], dim=1)
    X("gather_err_ndim", "gather", [z(), T([1], "i64")], dim=1)
    X("gather_err_size", "gather", [z(), T([[1]] * 5, "i64")], dim=1)
    X("masked_select", "masked_select", [z(), T((torch.arange(20) % 3 == 0).reshape(4, 5), "bool")])
    X("masked_select_bcast", "masked_select", [z(), T([True, False, False, True, True], "bool")])
    X("masked_select_bcast_both", "masked_select", [T(seq(4), shape=(4, 1)), T([True, False, True], "bool")])
    X("masked_select_u8", "masked_select", [T(seq(3)), T([1, 0, 1], "u8")])
    X("masked_select_err_f32", "masked_select", [T(seq(3)), T([1.0, 0.0, 1.0])])
    X("masked_select_err_shape", "masked_select", [T(seq(3)), T([True, False], "bool")])
    X("masked_select_t", "masked_select", [T(seq(6), shape=(3, 2), view=lambda q: q.t()),
                                           T([[True, False, True], [False, True, True]], "bool")])
    X("nonzero_1d", "nonzero", [T([0.0, 1.0, 0.0, -2.0, NAN])])
    X("nonzero_2d", "nonzero", [T([[0, 1, 0], [3, 0, 4]], "i64")])
    X("nonzero_3d_bool", "nonzero", [T((torch.arange(24) % 5 == 0).reshape(2, 3, 4), "bool")])
    X("nonzero_none", "nonzero", [T([0.0, -0.0])])
    X("nonzero_0d", "nonzero", [T(3.0)])
    X("nonzero_0d_zero", "nonzero", [T(0.0)])
    X("nonzero_t", "nonzero", [T([[0, 1, 0], [3, 0, 4]], "i64", view=lambda q: q.t())])
    X("nonzero_empty", "nonzero", [T(torch.zeros(0, 3))])
    w = lambda: T(seq(20, k=240), shape=(4, 5))
    for op in ("tril", "triu"):
        for dg in (0, 1, -1, 2, -3, 10, -10):
            X("%s_%d" % (op, dg), op, [w()], diagonal=dg)
        X(op + "_3d", op, [T(seq(2 * 3 * 4, k=241), shape=(2, 3, 4))], diagonal=0)
        X(op + "_i64", op, [T(iseq(9), "i64", shape=(3, 3))], diagonal=0)
        X(op + "_bool", op, [T([True] * 9, "bool", shape=(3, 3))], diagonal=1)
        X(op + "_nan", op, [T([[NAN, NAN], [NAN, NAN]])], diagonal=0)
        X(op + "_t", op, [T(seq(6), shape=(3, 2), view=lambda q: q.t())], diagonal=0, strides=True)
        X(op + "_err_1d", op, [T(seq(3))], diagonal=0)
    for dims in ("0", "1", "-1", "0,1", "0,2", ""):
        X("flip_%s" % (dims.replace(",", "_").replace("-", "m") or "none"), "flip",
          [T(seq(24, k=250), shape=(2, 3, 4))], dims=dims, strides=True)
    X("flip_t", "flip", [T(seq(6), shape=(3, 2), view=lambda q: q.t())], dims="0", strides=True)
    X("flip_err_dup", "flip", [T(seq(6), shape=(2, 3))], dims="0,-2")
    X("flip_err_dim", "flip", [T(seq(6), shape=(2, 3))], dims="2")
    X("flip_i64", "flip", [T([1, 2, 3], "i64")], dims="0")
    X("flip_scalar", "flip", [T(1.0)], dims="")
    for reps in ("1,1", "2,1", "1,3", "2,2", "2,1,2", "3,2,1,1", "0,2", "2,0"):
        X("repeat_%s" % reps.replace(",", "_"), "repeat", [T(seq(6, k=260), shape=(2, 3))], repeats=reps, strides=True)
    X("repeat_1d", "repeat", [T([1, 2, 3], "i64")], repeats="3")
    X("repeat_scalar", "repeat", [T(2.0)], repeats="2,3")
    X("repeat_t", "repeat", [T(seq(6), shape=(3, 2), view=lambda q: q.t())], repeats="2,1")
    X("repeat_err_fewer", "repeat", [T(seq(6), shape=(2, 3))], repeats="2")
    X("repeat_err_neg", "repeat", [T(seq(6), shape=(2, 3))], repeats="-1,2")

    gen_index_more(g)


def gen_index_more(g):
    """Subscripts as PyTorch's applySlicing walks them, index_put_ with accumulate, scatter,
    scatter_add, index_add."""
    X = lambda name, op, ins, **kw: g.case("index." + name, op, ins, **kw)
    x = lambda: T(seq(60, k=270), shape=(3, 4, 5))
    m34 = lambda: T((torch.arange(12) % 3 != 1).reshape(3, 4), "bool")
    # the dim an out-of-range int names is its position in the subscript
    X("walk_err_oob_after_none", "index_get", [T(seq(12), shape=(3, 4))], idx="n;i:0;i:9")
    X("walk_err_oob_after_ellipsis", "index_get", [x()], idx="e;i:9")
    X("walk_err_oob_none_none", "index_get", [T(seq(12), shape=(3, 4))], idx="n;n;i:5")
    X("walk_err_oob_after_tensor", "index_get", [x(), T([0, 1], "i64")], idx="t:1;i:4;i:9")
    X("walk_err_0dim_int", "index_get", [T(1.0)], idx="i:0")
    X("walk_err_0dim_int_tuple", "index_get", [T(1.0)], idx="i:0;e")
    X("walk_err_0dim_slice", "index_get", [T(1.0)], idx="s:0:1:")
    X("walk_err_0dim_slice_tuple", "index_get", [T(1.0)], idx="s:0:1:;e")
    X("walk_put_err_0dim_int", "index_put", [T(1.0), S(2.0)], idx="i:0", value=1)
    X("walk_put_err_0dim_slice", "index_put", [T(1.0), S(2.0)], idx="s:0:1:", value=1)
    # a mask moves the dim pointer by one: what follows it lands where PyTorch puts it
    X("walk_mask_then_int_err", "index_get", [x(), m34()], idx="t:1;i:1")
    X("walk_mask_then_slice_int", "index_get", [T(seq(360, k=271), shape=(3, 4, 5, 6)), m34()], idx="t:1;s:::;i:0")
    X("walk_int_then_mask_err", "index_get", [T(seq(12), shape=(3, 4)), T([True] * 5, "bool")], idx="i:0;t:1")
    X("walk_int_then_mask", "index_get", [x(), T([[True, False, True, False, True]] * 4, "bool")], idx="i:1;t:1")
    X("walk_0d_tensor_selects", "index_get", [x(), T(2, "i64")], idx="t:1", strides=True)
    X("walk_0d_i32_selects", "index_get", [x(), T(1, "i32")], idx="s:::;t:1", strides=True)
    X("walk_0d_tensor_err", "index_get", [x(), T(3, "i64")], idx="t:1")
    X("walk_tensor_then_0d", "index_get", [x(), T([0, 2], "i64"), T(4, "i64")], idx="t:1;t:2")
    X("walk_0d_float_err", "index_get", [x(), T(1.0)], idx="t:1")
    X("walk_true_then_tensor", "index_get", [x(), T(True, "bool"), T([2, 0], "i64")], idx="t:1;t:2")
    X("walk_float_after_oob", "index_get", [x(), T([0.0])], idx="i:7;t:1")
    y = lambda: T(seq(12, k=272), shape=(3, 4))
    X("walk_put_mask_after_int_err", "index_put", [y(), T([True] * 5, "bool"), S(1.0)], idx="i:0;t:1", value=2)
    X("walk_put_mask_0d_f64", "index_put", [y(), T([True, False, True], "bool"), T(5.0, "f64")], idx="t:1", value=2)
    X("walk_put_mask_1elem_i64", "index_put", [y(), T([True, False, True], "bool"), T([5], "i64")], idx="t:1", value=2)
    X("walk_put_mask_1elem_u8_overflow", "index_put", [T([1, 2, 3], "u8"), T([True, False, True], "bool"),
                                                       T([300], "i64")], idx="t:1", value=2)
    X("walk_put_err_tensor_1elem_i64", "index_put", [y(), T([0, 2], "i64"), T([5], "i64")], idx="t:1", value=2)
    X("walk_put_err_alias_value", "index_put", [y(), T([0], "i64"), T(share=0, view=lambda b: b[1])], idx="t:1",
      value=2)
    X("walk_put_err_alias_index", "index_put", [T([0, 1, 2], "i64"), T(share=0, view=lambda b: b[:1])], idx="t:1",
      value=1)
    X("walk_put_0d_tensor", "index_put", [y(), T(1, "i64"), T([1.0, 2.0, 3.0, 4.0])], idx="t:1", value=2, strides=True)
    X("walk_put_int_then_tensor", "index_put", [y(), T([3, 0], "i64"), T([7.0, 8.0])], idx="i:2;t:1", value=2)
    # index_put_ with accumulate
    z = lambda: T(seq(12, k=273), shape=(3, 4))
    acc = [
        ("dup_1d", [T(seq(5, k=274)), T([0, 0, 2, 0], "i64"), T([1.5, 2.25, -3.0, 0.125])], "t:1", 2),
        ("dup_rows", [z(), T([1, 1, 0], "i64"), T(seq(12, k=275), shape=(3, 4))], "t:1", 2),
        ("dup_row_bcast", [z(), T([2, 2], "i64"), T([1.0, 2.0, 3.0, 4.0])], "t:1", 2),
        ("dup_0d_value", [z(), T([2, 2], "i64"), T(0.5)], "t:1", 2),
        ("pair", [z(), T([0, 2, 0], "i64"), T([3, 1, 3], "i64"), T([1.0, 2.0, 4.0])], "t:1;t:2", 3),
        ("mask", [z(), T([[True, False, True, False]] * 3, "bool"), T(seq(6, k=276))], "t:1", 2),
        ("mask_rows", [z(), T([True, False, True], "bool"), T([1.0, 2.0, 3.0, 4.0])], "t:1", 2),
        ("i64", [T(iseq(12), "i64", shape=(3, 4)), T([0, 0], "i64"), T([[1, 2, 3, 4], [5, 6, 7, 8]], "i64")], "t:1", 2),
        ("bool", [T([False, True, False], "bool"), T([0, 0, 2], "i64"), T([True, False, False], "bool")], "t:1", 2),
        ("u8_wrap", [T([1, 2, 3], "u8"), T([0, 0], "i64"), T([200, 100], "u8")], "t:1", 2),
        ("f64", [T(seq(4), "f64"), T([3, 3, 3], "i64"), T([0.1, 0.2, 0.3], "f64")], "t:1", 2),
        ("neg", [T(seq(4)), T([-1, 3], "i64"), T([1.0, 1.0])], "t:1", 2),
        ("empty", [z(), T(torch.zeros(0, dtype=torch.int64), "i64"), T(torch.zeros(0, 4))], "t:1", 2),
        ("expanded", [T(torch.zeros(3), view=lambda b: b.expand(2, 3)), T([0], "i64"), T(1.0)], "t:1", 2),
        ("t_view", [T(seq(12), shape=(3, 4), view=lambda b: b.t()), T([1, 1], "i64"), T([1.0, 2.0, 3.0])], "t:1", 2),
        ("err_dtype", [z(), T([0, 0], "i64"), T([1.0, 2.0, 3.0, 4.0], "f64")], "t:1", 2),
        ("err_oob", [z(), T([0, 3], "i64"), T(1.0)], "t:1", 2),
        ("err_shape", [z(), T([0, 1], "i64"), T([1.0, 2.0, 3.0])], "t:1", 2),
        ("err_alias", [z(), T([0], "i64"), T(share=0, view=lambda b: b[2])], "t:1", 2),
    ]
    for name, ins, spec, v in acc:
        X("putacc_" + name, "index_put_acc", ins, idx=spec, value=v, accumulate=1, strides=True)
    X("putacc_noacc_dup", "index_put_acc", [T(seq(5)), T([1, 1], "i64"), T([7.0, 8.0])], idx="t:1", value=2,
      accumulate=0)
    X("putacc_noacc_mask_0d_f64", "index_put_acc", [z(), T([True, False, True], "bool"), T(2.5, "f64")], idx="t:1",
      value=2, accumulate=0)
    X("putacc_acc_mask_0d_f64_err", "index_put_acc", [z(), T([True, False, True], "bool"), T(2.5, "f64")], idx="t:1",
      value=2, accumulate=1)
    # scatter / scatter_add
    w = lambda: T(seq(12, k=277), shape=(3, 4))
    src = lambda: T(seq(20, k=278), shape=(4, 5))
    i2 = lambda: T([[0, 1, 2, 0], [2, 0, 0, 1]], "i64")
    for op in ("scatter", "scatter_", "scatter_add", "scatter_add_"):
        X(op + "_0", op, [w(), i2(), src()], dim=0, strides=True)
        X(op + "_1", op, [w(), T([[3, 0], [1, 1], [2, 3]], "i64"), src()], dim=1, strides=True)
        X(op + "_neg_dim", op, [w(), T([[3, 0], [1, 1]], "i64"), src()], dim=-1)
        X(op + "_smaller", op, [w(), T([[1], [0]], "i64"), src()], dim=0)
        X(op + "_dups", op, [T(torch.zeros(5)), T([1, 1, 1, 3, 1], "i64"), T([0.1, 0.2, 0.3, 0.4, 0.5])], dim=0)
        X(op + "_t_self", op, [T(seq(12), shape=(4, 3), view=lambda b: b.t()), i2(), src()], dim=0, strides=True)
        X(op + "_t_index", op, [w(), T([[0, 1], [2, 0], [1, 1], [0, 2]], "i64", view=lambda b: b.t()), src()], dim=0)
        X(op + "_t_src", op, [w(), i2(), T(seq(20, k=279), shape=(5, 4), view=lambda b: b.t())], dim=0)
        X(op + "_i64", op, [T(iseq(12), "i64", shape=(3, 4)), i2(), T(iseq(20, k=3), "i64", shape=(4, 5))], dim=0)
        X(op + "_u8", op, [T([250, 1, 2], "u8"), T([0, 0], "i64"), T([7, 9], "u8")], dim=0)
        X(op + "_bool", op, [T([False, True, False], "bool"), T([0, 2, 2], "i64"), T([True, False, True], "bool")],
          dim=0)
        X(op + "_f64", op, [T(seq(4), "f64"), T([2, 2], "i64"), T([0.1, 0.2], "f64")], dim=0)
        X(op + "_0d_self", op, [T(1.5), T(0, "i64"), T(2.0)], dim=0)
        X(op + "_0d_self_1d_index", op, [T(1.5), T([0, 0], "i64"), T([2.0, 3.0])], dim=0)
        X(op + "_3d", op, [T(seq(24, k=280), shape=(2, 3, 4)), T([[[2, 0], [1, 1]]], "i64"), T(seq(24, k=281),
                                                                                            shape=(2, 3, 4))], dim=2)
        X(op + "_empty_index", op, [w(), T(torch.zeros(0, dtype=torch.int64), "i64"), src()], dim=0)
        X(op + "_empty_i32_index", op, [w(), T(torch.zeros(0, dtype=torch.int32), "i32"), T(seq(5))], dim=0)
        X(op + "_err_index_i32", op, [w(), T([[0]], "i32"), src()], dim=0)
        X(op + "_err_index_float", op, [w(), T([[0.0]]), src()], dim=0)
        X(op + "_err_src_dtype", op, [w(), i2(), T(seq(20), "f64", shape=(4, 5))], dim=0)
        X(op + "_err_ndim", op, [w(), T([0, 1], "i64"), src()], dim=0)
        X(op + "_err_src_ndim", op, [w(), T([[0, 1]], "i64"), T(seq(5))], dim=0)
        X(op + "_err_src_ndim_more", op, [w(), T([[0]], "i64"), T(seq(8), shape=(2, 2, 2))], dim=0)
        X(op + "_err_bigger_than_self", op, [w(), T([[0, 1, 2, 0, 1]], "i64"), src()], dim=0)
        X(op + "_err_bigger_than_src", op, [w(), T([[0, 1, 2]], "i64"), T(seq(4), shape=(2, 2))], dim=0)
        X(op + "_err_oob", op, [w(), T([[0, 3]], "i64"), src()], dim=0)
        X(op + "_err_oob_neg_dim", op, [w(), T([[4]], "i64"), src()], dim=-1)
        X(op + "_err_neg", op, [w(), T([[-1]], "i64"), src()], dim=0)
        X(op + "_err_dim", op, [w(), i2(), src()], dim=2)
        X(op + "_err_0d_index", op, [w(), T(0, "i64"), src()], dim=0)
    for op in ("scatter_", "scatter_add_"):
        X(op + "_err_expanded", op, [T(torch.zeros(4), view=lambda b: b.expand(3, 4)), T([[0]], "i64"), src()], dim=0)
        X(op + "_err_src_alias", op, [T(torch.zeros(3)), T([0], "i64"), T(share=0)], dim=0)
        X(op + "_err_src_alias_part", op, [T(torch.zeros(3)), T([0], "i64"), T(share=0, view=lambda b: b[1:])], dim=0)
        X(op + "_err_index_alias", op, [T(torch.zeros(3, dtype=torch.int64), "i64"),
                                        T(share=0, view=lambda b: b[:1]), T([5], "i64")], dim=0)
    for op in ("scatter_value", "scatter_value_"):
        X(op + "_onehot", op, [T(torch.zeros(10)), T(3, "i64")], dim=0, value=sc(1))
        X(op + "_1d", op, [T(torch.zeros(10)), T([3, 5], "i64")], dim=0, value=sc(2.5))
        X(op + "_2d", op, [w(), i2()], dim=0, value=sc(-1.5))
        X(op + "_dim1", op, [w(), T([[3], [0], [1]], "i64")], dim=1, value=sc(9))
        X(op + "_bool_value", op, [w(), T([[3]], "i64")], dim=1, value=sc(True))
        X(op + "_i64_float", op, [T(iseq(3), "i64"), T([1], "i64")], dim=0, value=sc(5.5))
        X(op + "_u8_neg", op, [T([1, 2, 3], "u8"), T([1], "i64")], dim=0, value=sc(-1))
        X(op + "_u8_overflow", op, [T([1, 2, 3], "u8"), T([1], "i64")], dim=0, value=sc(300))
        X(op + "_u8_overflow_empty", op, [T([1, 2, 3], "u8"), T(torch.zeros(0, dtype=torch.int64), "i64")], dim=0,
          value=sc(300))
        X(op + "_bool_self", op, [T([False, False], "bool"), T([1], "i64")], dim=0, value=sc(1))
        X(op + "_0d", op, [T(0.0), T(0, "i64")], dim=0, value=sc(2.0))
        X(op + "_t_self", op, [T(seq(12), shape=(4, 3), view=lambda b: b.t()), i2()], dim=0, value=sc(0.5),
          strides=True)
        X(op + "_err_bigger", op, [w(), T([[0, 1, 2, 0, 1]], "i64")], dim=0, value=sc(1.0))
        X(op + "_err_oob", op, [T(torch.zeros(3)), T([3], "i64")], dim=0, value=sc(1.0))
        X(op + "_err_0d_oob", op, [T(0.0), T([1], "i64")], dim=0, value=sc(1.0))
        X(op + "_err_index_i32", op, [T(torch.zeros(3)), T([0], "i32")], dim=0, value=sc(1.0))
        X(op + "_err_ndim", op, [T(torch.zeros(3)), T([[0]], "i64")], dim=0, value=sc(1.0))
    X("scatter_value__err_expanded", "scatter_value_", [T(torch.zeros(4), view=lambda b: b.expand(3, 4)),
                                                       T([[0]], "i64")], dim=0, value=sc(1.0))
    # index_add
    v = lambda: T(seq(12, k=282), shape=(3, 4))
    for op in ("index_add", "index_add_"):
        X(op + "_0", op, [v(), T([2, 0, 2], "i64"), T(seq(12, k=283), shape=(3, 4))], dim=0, strides=True)
        X(op + "_1", op, [v(), T([3, 0], "i64"), T(seq(6, k=284), shape=(3, 2))], dim=1)
        X(op + "_neg_dim", op, [v(), T([1, 1], "i64"), T(seq(6, k=285), shape=(3, 2))], dim=-1)
        X(op + "_i32_index", op, [v(), T([1, 1], "i32"), T(seq(8, k=286), shape=(2, 4))], dim=0)
        X(op + "_alpha", op, [v(), T([2, 0, 2], "i64"), T(seq(12, k=287), shape=(3, 4))], dim=0, alpha=sc(2.5))
        X(op + "_alpha_int", op, [v(), T([2, 0, 2], "i64"), T(seq(12, k=288), shape=(3, 4))], dim=0, alpha=sc(3))
        X(op + "_bcast_src", op, [v(), T([3, 1], "i64"), T(seq(2, k=289), shape=(1, 2))], dim=1)
        X(op + "_1d", op, [T(seq(5, k=290)), T([0, 4, 0], "i64"), T([0.1, 0.2, 0.3])], dim=0)
        X(op + "_1d_alpha", op, [T(seq(5, k=291)), T([0, 4, 0], "i64"), T(seq(3, k=292))], dim=0, alpha=sc(0.3))
        X(op + "_1d_0d_src", op, [T(seq(3)), T([1], "i64"), T(2.0)], dim=0)
        X(op + "_0d_self", op, [T(1.0), T([0, 0], "i64"), T([2.0, 3.0])], dim=0)
        X(op + "_0d_all", op, [T(1.0), T(0, "i64"), T(2.0)], dim=0)
        X(op + "_i64_alpha_float", op, [T(iseq(5), "i64"), T([0, 0, 2], "i64"), T([1, 2, 3], "i64")], dim=0,
          alpha=sc(2.5))
        X(op + "_i64_2d_alpha_float", op, [T(iseq(6), "i64", shape=(3, 2)), T([0, 0], "i64"),
                                           T([[1, 2], [3, 4]], "i64")], dim=0, alpha=sc(2.5))
        X(op + "_alpha_bool", op, [T(seq(3)), T([0, 0], "i64"), T([1.0, 2.0])], dim=0, alpha=sc(True))
        X(op + "_u8", op, [T([0, 1, 2], "u8"), T([0, 0], "i64"), T([200, 100], "u8")], dim=0)
        X(op + "_bool", op, [T([False, False, True], "bool"), T([0, 0], "i64"), T([True, True], "bool")], dim=0)
        X(op + "_f64", op, [T(seq(6), "f64", shape=(2, 3)), T([1, 1], "i64"), T(seq(6, k=293), "f64", shape=(2, 3))],
          dim=0)
        X(op + "_3d", op, [T(seq(24, k=294), shape=(2, 3, 4)), T([2, 2, 0], "i64"), T(seq(24, k=295), shape=(2, 3, 4))],
          dim=1)
        X(op + "_t_self", op, [T(seq(12), shape=(4, 3), view=lambda b: b.t()), T([0, 0], "i64"),
                               T(seq(8, k=296), shape=(2, 4))], dim=0, strides=True)
        X(op + "_t_src", op, [v(), T([0, 2], "i64"), T(seq(8, k=297), shape=(4, 2), view=lambda b: b.t())], dim=0)
        X(op + "_empty", op, [v(), T(torch.zeros(0, dtype=torch.int64), "i64"), T(torch.zeros(0, 4))], dim=0)
        X(op + "_empty_odd_src", op, [v(), T(torch.zeros(0, dtype=torch.int64), "i64"), T(torch.zeros(0, 7))], dim=0)
        X(op + "_err_index_2d", op, [v(), T([[0, 1]], "i64"), T(seq(8), shape=(2, 4))], dim=0)
        X(op + "_err_index_float", op, [v(), T([0.0]), T(seq(4), shape=(1, 4))], dim=0)
        X(op + "_err_dtype", op, [v(), T([0], "i64"), T(seq(4), "f64", shape=(1, 4))], dim=0)
        X(op + "_err_src_dim", op, [v(), T([0, 1], "i64"), T(seq(6))], dim=1)
        X(op + "_err_numel", op, [v(), T([0, 1], "i64"), T(seq(9), shape=(3, 3))], dim=1)
        X(op + "_err_numel_0d_src", op, [T(seq(3)), T([0, 0], "i64"), T(1.0)], dim=0)
        X(op + "_err_oob", op, [v(), T([0, 4], "i64"), T(seq(6), shape=(3, 2))], dim=1)
        X(op + "_err_neg", op, [v(), T([0, -1], "i64"), T(seq(6), shape=(3, 2))], dim=1)
        X(op + "_err_1d_oob", op, [T(seq(3)), T([3], "i64"), T([1.0])], dim=0)
        X(op + "_err_bcast", op, [v(), T([0, 1], "i64"), T(seq(4), shape=(2, 2))], dim=1)
        X(op + "_err_bcast_out", op, [v(), T([0, 1], "i64"), T(seq(6), shape=(3, 2, 1))], dim=1)
        X(op + "_err_src_2d_for_1d", op, [T(seq(3)), T([0], "i64"), T(seq(2), shape=(1, 2))], dim=0)
        X(op + "_err_dim", op, [v(), T([0], "i64"), T(seq(4), shape=(1, 4))], dim=2)
    X("index_add__err_expanded", "index_add_", [T(torch.zeros(3), view=lambda b: b.expand(2, 3)), T([0], "i64"),
                                               T(seq(2), shape=(2, 1))], dim=1)
    X("index_add__err_src_alias", "index_add_", [T(torch.zeros(3)), T([0, 1, 2], "i64"), T(share=0)], dim=0)
    X("index_add__err_index_alias", "index_add_", [T(torch.zeros(3, dtype=torch.int64), "i64"),
                                                  T(share=0, view=lambda b: b[:1]), T([1], "i64")], dim=0)


def main():
    assert torch.__version__.startswith("1.13"), torch.__version__
    torch.set_num_threads(1)
    g = Gen()
    for fn in (gen_creation, gen_copy, gen_views, gen_promotion, gen_binary, gen_inplace, gen_unary, gen_param,
               gen_ternary, gen_compare, gen_reduce, gen_scan, gen_matmul, gen_index):
        fn(g)
    g.write()


if __name__ == "__main__":
    main()
