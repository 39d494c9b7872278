#!/usr/bin/python3
"""tests/ref/gen_nn_ref.py — writes tests/ref/nn_ref.txt: PyTorch 1.13's results for the nn ops of
autograd/autograd.h's "nn ops" section (forward values, grad_fn names, gradients for a given grad_output,
running statistics after batch norm, error texts), replayed by tests/unit/test_nn.c through the ag_* calls.
Run with Debian's python3-torch 1.13 (CPU capability AVX2):
    /usr/bin/python3 tests/ref/gen_nn_ref.py
ctest never needs torch; the output is committed.

Fixture format (one directive per line; '#' starts a comment line):
  case NAME OP [KEY=VALUE ...]   one call of the C op OP (the ops[] table of test_nn.c); keys are the
                                 op's options (ints, comma lists, floats as Python repr).
  in DT SHAPE [rg] : V ...       a positional tensor input (rg: requires_grad); "in none" for None.
  name NODE                      type(out.grad_fn).__name__ of output 0
  out K DT SHAPE [TOL] : V ...   expected output K (0 = the op's result, 1 = indices ...)
  after K DT SHAPE [TOL] : V ... input K's values after the call (running stats)
  gout DT SHAPE : V ...          run backward from output 0 with this gradient, then
  grad K DT SHAPE [TOL] : V ...  the expected gradient of input K
  err KIND MESSAGE               the expected error (exception class, exact message)
TOL: absent = bit-exact; ulp=N (N units in the last place), or rtol=X,atol=Y. Values: float32 as 8 hex
digits, float64 as 16, integers in decimal. Tolerance policy: float64 convolutions run ATen's
slow_conv2d algorithm and must match bit for bit (forward and grad_input; grad_weight is summed over a
different split: ulp); float32 convolutions go to oneDNN in PyTorch (different summation order: rtol);
transcendental functions (log, exp in the BCE family) differ between Sleef and glibc by <= 2 ulp.
"""
import math
import os

os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "nn_ref.txt")
DTN = {torch.float32: "f32", torch.float64: "f64", torch.int64: "i64", torch.int32: "i32",
       torch.uint8: "u8", torch.bool: "bool"}
lines = []


def vals(t):
    t = t.detach().contiguous().reshape(-1)
    if t.dtype == torch.float32:
        return " ".join("%08x" % (v & 0xFFFFFFFF) for v in t.view(torch.int32).tolist())
    if t.dtype == torch.float64:
        return " ".join("%016x" % (v & 0xFFFFFFFFFFFFFFFF) for v in t.view(torch.int64).tolist())
    if t.dtype == torch.bool:
        return " ".join(str(int(v)) for v in t.tolist())
    return " ".join(str(v) for v in t.tolist())


def shp(t):
    return "[" + ",".join(str(int(s)) for s in t.shape) + "]"


def tline(kind, t, extra=""):
    return "%s %s %s%s : %s" % (kind, DTN[t.dtype], shp(t), (" " + extra) if extra else "", vals(t))


def seq(shape, dt=torch.float32, lo=-2.0, hi=2.0, seed=0):
    g = torch.Generator().manual_seed(seed)
    return (torch.rand(shape, generator=g, dtype=torch.float64) * (hi - lo) + lo).to(dt)


def ints(shape, hi, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, hi, shape, generator=g)


def fmt_key(v):
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, (list, tuple)):
        return ",".join(str(int(x)) for x in v)
    if isinstance(v, float):
        return repr(v)
    return str(v)


def case(name, op, fn, inputs, keys=None, tol="", gtol=None, gout_seed=7, outs_tol=None, after=(),
         backward=True, seed=None):
    """inputs: list of tensors (or None); float ones with requires_grad set are leaves to check.
    fn(*inputs) -> tensor or tuple (output 0 is differentiated)."""
    keys = keys or {}
    head = "case %s %s" % (name, op) + "".join(" %s=%s" % (k, fmt_key(v)) for k, v in keys.items())
    ins = []
    for t in inputs:
        if t is None:
            ins.append(None)
            continue
        ins.append(t.detach().clone().requires_grad_(t.requires_grad))
    body = []
    for t in ins:
        body.append("in none" if t is None else tline("in", t, "rg" if t.requires_grad else ""))
    try:
        if seed is not None:
            torch.manual_seed(seed)
        res = fn(*ins)
    except Exception as e:  # noqa: BLE001
        msg = str(e).split("\n")[0]
        lines.append(head)
        lines.extend(body)
        lines.append("err %s %s" % (type(e).__name__, msg))
        return
    outs = list(res) if isinstance(res, tuple) else [res]
    y = outs[0]
    if y.grad_fn is not None:
        body.append("name " + type(y.grad_fn).__name__)
    for k, o in enumerate(outs):
        t = tol if (outs_tol is None or k >= len(outs_tol)) else outs_tol[k]
        body.append(tline("out %d" % k, o, t))
    for k in after:
        body.append(tline("after %d" % k, ins[k].detach(), tol))
    leaves = [(k, t) for k, t in enumerate(ins) if t is not None and t.requires_grad]
    if backward and leaves and y.grad_fn is not None:
        g = seq(tuple(y.shape), y.dtype, -1.0, 1.0, seed=gout_seed)
        grads = torch.autograd.grad([y], [t for _, t in leaves], [g], allow_unused=True)
        body.append(tline("gout", g))
        for (k, t), gr in zip(leaves, grads):
            if gr is not None:
                body.append(tline("grad %d" % k, gr, tol if gtol is None else gtol))
    lines.append(head)
    lines.extend(body)


def rg(t):
    return t.requires_grad_()


R32 = "rtol=2e-5,atol=2e-6"      # float32 results that PyTorch sums in another order (oneDNN)
U2 = "ulp=2"                      # Sleef vs glibc transcendental functions
U4 = "ulp=4"
# log_softmax's backward sums the incoming gradient in another order than ATen's kernel (the tensor
# library's softmax backward, cf. ops_ref's atol for log_softmax): absolute error ~1 ulp of the largest term.
CE_GTOL = {torch.float32: "rtol=1e-5,atol=1e-8", torch.float64: "rtol=1e-12,atol=1e-16"}
# BCE: logs of x and 1 - x may differ by 1 ulp (Sleef / libm), and the loss subtracts two of them.
BCE_TOL = {torch.float32: "rtol=1e-6,atol=1e-7", torch.float64: "rtol=1e-14,atol=1e-16"}


def conv_cases():
    # float32 grad_weight sums hundreds of products with cancellation: absolute error ~ terms * 1e-7
    for dt, tol, gtol in ((torch.float64, "", "rtol=1e-13,atol=1e-14"), (torch.float32, "rtol=2e-5,atol=1e-5", "rtol=1e-4,atol=3e-5")):
        s = DTN[dt]

        def conv(name, xs, ws, bias=True, stride=None, padding=None, dilation=None, groups=1, seed=1,
                 same=False):
            nsp = len(ws) - 2
            stride, padding, dilation = stride or (1,) * nsp, padding or (0,) * nsp, dilation or (1,) * nsp
            x = rg(seq(xs, dt, seed=seed))
            w = rg(seq(ws, dt, -0.5, 0.5, seed=seed + 1))
            b = rg(seq((ws[0],), dt, seed=seed + 2)) if bias else None
            keys = {"stride": stride, "padding": padding, "dilation": dilation, "groups": groups}
            f = F.conv2d if nsp == 2 else F.conv1d
            pad = "same" if same else padding
            case("conv.%s_%s" % (name, s), "conv_same" if same else ("conv2d" if nsp == 2 else "conv1d"),
                 lambda x, w, b: f(x, w, b, stride, pad, dilation, groups), [x, w, b], keys, tol, gtol)

        conv("basic", (2, 3, 8, 8), (4, 3, 3, 3))
        conv("stride2_pad1", (2, 3, 9, 9), (4, 3, 3, 3), stride=(2, 2), padding=(1, 1))
        conv("dilation2", (2, 2, 9, 10), (3, 2, 3, 3), dilation=(2, 2), padding=(1, 2))
        conv("groups2", (2, 4, 7, 7), (6, 2, 3, 3), groups=2, padding=(1, 1))
        conv("depthwise", (1, 3, 6, 6), (3, 1, 3, 3), groups=3, stride=(2, 2))
        conv("nobias", (2, 3, 6, 6), (2, 3, 2, 2), bias=False)
        conv("k1x1", (2, 5, 4, 4), (3, 5, 1, 1))
        conv("k1x1_stride2", (2, 5, 5, 5), (3, 5, 1, 1), stride=(2, 2))
        conv("asym", (2, 2, 7, 9), (3, 2, 3, 2), stride=(2, 1), padding=(0, 2), dilation=(1, 2))
        conv("unbatched", (3, 8, 8), (4, 3, 3, 3), padding=(1, 1))
        if dt == torch.float32:
            conv("lenet1", (1, 1, 32, 32), (6, 1, 5, 5), seed=11)
            conv("lenet2", (2, 6, 14, 14), (16, 6, 5, 5), seed=12)
        else:
            conv("lenet2", (1, 6, 10, 10), (16, 6, 5, 5), seed=12)
        conv("conv1d", (2, 3, 10), (4, 3, 3), stride=(2,), padding=(1,))
        conv("conv1d_dil", (2, 2, 11), (3, 2, 2), dilation=(3,), groups=1)
        conv("conv1d_unbatched", (3, 10), (4, 3, 3))
        conv("same_odd", (2, 3, 7, 7), (4, 3, 3, 3), same=True)
        conv("same_even", (2, 3, 7, 6), (4, 3, 4, 2), same=True)
        conv("same_dil", (1, 2, 8, 8), (2, 2, 2, 3), dilation=(3, 1), same=True)
        conv("same_1d_even", (2, 3, 9), (2, 3, 4), same=True)

    x = torch.ones(1, 1, 32, 32)
    w = torch.ones(6, 3, 5, 5)
    E = {"stride": (1, 1), "padding": (0, 0), "dilation": (1, 1), "groups": 1}
    case("conv.err_channels", "conv2d", lambda x, w: torch.conv2d(x, w), [x, w], E)
    case("conv.err_unbatched_rank", "conv2d", lambda x, w: torch.conv2d(x, w), [torch.ones(32, 32), w], E)
    case("conv.err_rank5", "conv2d", lambda x, w: torch.conv2d(x, w), [torch.ones(1, 1, 4, 8, 8), w], E)
    case("conv.err_kernel", "conv2d", lambda x, w: torch.conv2d(x, w), [torch.ones(1, 3, 3, 3), w], E)
    w2 = torch.ones(6, 2, 3, 3)
    E3 = dict(E, groups=3)
    case("conv.err_groups_channels", "conv2d", lambda x, w: torch.conv2d(x, w, None, 1, 0, 1, 3),
         [torch.ones(1, 4, 8, 8), w2], E3)
    case("conv.err_groups_div", "conv2d", lambda x, w: torch.conv2d(x, w, None, 1, 0, 1, 2),
         [torch.ones(1, 4, 8, 8), torch.ones(5, 4, 3, 3)], dict(E, groups=2))
    case("conv.err_groups_atleast", "conv2d", lambda x, w: torch.conv2d(x, w, None, 1, 0, 1, 2),
         [torch.ones(1, 4, 8, 8), torch.ones(1, 4, 3, 3)], dict(E, groups=2))
    case("conv.err_bias", "conv2d", lambda x, w, b: torch.conv2d(x, w, b, 1, 0, 1, 2),
         [torch.ones(1, 4, 8, 8), w2, torch.ones(5)], dict(E, groups=2))
    case("conv.err_stride0", "conv2d", lambda x, w: torch.conv2d(x, w, None, 0),
         [torch.ones(1, 4, 8, 8), torch.ones(6, 4, 3, 3)], dict(E, stride=(0, 0)))
    case("conv.err_negpad", "conv2d", lambda x, w: torch.conv2d(x, w, None, 1, -1),
         [torch.ones(1, 4, 8, 8), torch.ones(6, 4, 3, 3)], dict(E, padding=(-1, -1)))
    case("conv.err_dilation0", "conv2d", lambda x, w: torch.conv2d(x, w, None, 1, 0, 0),
         [torch.ones(1, 4, 8, 8), torch.ones(6, 4, 3, 3)], dict(E, dilation=(0, 0)))
    case("conv.err_groups0", "conv2d", lambda x, w: torch.conv2d(x, w, None, 1, 0, 1, 0),
         [torch.ones(1, 4, 8, 8), torch.ones(6, 4, 3, 3)], dict(E, groups=0))
    case("conv.err_dtype", "conv2d", lambda x, w: torch.conv2d(x, w),
         [torch.ones(1, 4, 8, 8), torch.ones(6, 4, 3, 3, dtype=torch.float64)], E)
    case("conv.err_dtype2", "conv2d", lambda x, w: torch.conv2d(x, w),
         [torch.ones(1, 4, 8, 8, dtype=torch.float64), torch.ones(6, 4, 3, 3)], E)
    case("conv.err_bias_dtype", "conv2d", lambda x, w, b: torch.conv2d(x, w, b),
         [torch.ones(1, 4, 8, 8), torch.ones(6, 4, 3, 3), torch.ones(6, dtype=torch.float64)], E)
    case("conv.err_weight_rank", "conv1d", lambda x, w: torch.conv1d(x, w),
         [torch.ones(1, 4, 8), torch.ones(6, 4, 3, 3)], {"stride": (1,), "padding": (0,), "dilation": (1,), "groups": 1})
    case("conv.err_same_stride", "conv_same", lambda x, w: torch.conv2d(x, w, None, 2, "same"),
         [torch.ones(1, 4, 8, 8), torch.ones(6, 4, 3, 3)], dict(E, stride=(2, 2)))


def pool_cases():
    for dt in (torch.float32, torch.float64):
        s = DTN[dt]

        def mp(name, xs, k, st=None, pd=(0, 0), dl=(1, 1), ceil=False, seed=3, x=None):
            st = st or k
            x = rg(seq(xs, dt, seed=seed) if x is None else x.to(dt))
            case("maxpool.%s_%s" % (name, s), "max_pool2d",
                 lambda x: F.max_pool2d(x, k, st, pd, dl, ceil, True), [x],
                 {"kernel": k, "stride": st, "padding": pd, "dilation": dl, "ceil": ceil})

        mp("k2", (2, 3, 8, 8), (2, 2))
        mp("k3s2p1", (2, 2, 9, 9), (3, 3), (2, 2), (1, 1))
        mp("dil2", (1, 2, 10, 10), (3, 3), (1, 1), (1, 1), (2, 2))
        mp("ceil", (2, 2, 7, 7), (2, 2), (2, 2), ceil=True)
        mp("ceil_pad", (1, 2, 8, 8), (3, 3), (2, 2), (1, 1), ceil=True)
        mp("rect", (2, 2, 7, 9), (2, 3), (1, 2), (1, 0))
        mp("unbatched", (3, 6, 6), (2, 2))
        if dt == torch.float32:
            mp("lenet", (1, 6, 28, 28), (2, 2))
        ties = torch.tensor([[[[1., 1., 2., 2.], [1., 1., 2., 2.], [float("nan"), 0., 3., 3.], [0., 0., 3., 5.]]]])
        mp("ties_nan", (1, 1, 4, 4), (2, 2), x=ties)

        def ap(name, xs, k, st=None, pd=(0, 0), ceil=False, cip=True, div=None, seed=4):
            st = st or k
            x = rg(seq(xs, dt, seed=seed))
            case("avgpool.%s_%s" % (name, s), "avg_pool2d",
                 lambda x: F.avg_pool2d(x, k, st, pd, ceil, cip, div), [x],
                 {"kernel": k, "stride": st, "padding": pd, "ceil": ceil, "cip": cip, "div": div or 0})

        ap("k2", (2, 3, 8, 8), (2, 2))
        ap("k3s2p1", (2, 2, 9, 9), (3, 3), (2, 2), (1, 1))
        ap("k3s2p1_nopad", (2, 2, 9, 9), (3, 3), (2, 2), (1, 1), cip=False)
        ap("ceil", (2, 2, 7, 7), (3, 3), (2, 2), (1, 1), ceil=True)
        ap("ceil_nopad", (2, 2, 7, 7), (3, 3), (2, 2), (1, 1), ceil=True, cip=False)
        ap("divisor", (1, 2, 6, 6), (2, 3), (2, 1), (1, 1), div=5)
        ap("unbatched", (3, 6, 6), (2, 2))

        def aap(name, xs, os_, seed=5):
            x = rg(seq(xs, dt, seed=seed))
            case("adaptive_avg.%s_%s" % (name, s), "adaptive_avg_pool2d",
                 lambda x: F.adaptive_avg_pool2d(x, os_), [x], {"output": os_})

        aap("5x7_to_3x2", (2, 3, 5, 7), (3, 2))
        aap("6_to_4", (2, 2, 6, 6), (4, 4))
        aap("to_1", (2, 3, 4, 5), (1, 1))
        aap("unbatched", (3, 7, 5), (2, 3))
        aap("up", (1, 2, 3, 3), (5, 4))

        def amp(name, xs, os_, seed=6):
            x = rg(seq(xs, dt, seed=seed))
            case("adaptive_max.%s_%s" % (name, s), "adaptive_max_pool2d",
                 lambda x: F.adaptive_max_pool2d(x, os_, True), [x], {"output": os_})

        amp("5x7_to_3x2", (2, 3, 5, 7), (3, 2))
        amp("6_to_4", (2, 2, 6, 6), (4, 4))
        amp("unbatched", (3, 7, 5), (2, 3))

    one = torch.ones(1, 1, 4, 4)
    MK = {"kernel": (2, 2), "stride": (2, 2), "padding": (0, 0), "dilation": (1, 1), "ceil": False}
    case("maxpool.err_small", "max_pool2d", lambda x: torch.max_pool2d(x, 3), [torch.ones(1, 1, 2, 2)],
         dict(MK, kernel=(3, 3), stride=(3, 3)))
    case("maxpool.err_pad", "max_pool2d", lambda x: torch.max_pool2d(x, 2, 2, 2), [one], dict(MK, padding=(2, 2)))
    case("maxpool.err_stride0", "max_pool2d", lambda x: torch.max_pool2d(x, 2, 0), [one], dict(MK, stride=(0, 0)))
    case("maxpool.err_rank", "max_pool2d", lambda x: torch.max_pool2d(x, 2), [torch.ones(4, 4)], MK)
    case("maxpool.err_dil0", "max_pool2d", lambda x: torch.max_pool2d(x, 2, 2, 0, 0), [one], dict(MK, dilation=(0, 0)))
    case("maxpool.err_negpad", "max_pool2d", lambda x: torch.max_pool2d(x, 2, 2, -1), [one], dict(MK, padding=(-1, -1)))
    case("maxpool.err_negstride", "max_pool2d", lambda x: torch.max_pool2d(x, 2, -1), [one], dict(MK, stride=(-1, -1)))
    case("maxpool.err_empty", "max_pool2d", lambda x: torch.max_pool2d(x, 2), [torch.ones(1, 0, 4, 4)], MK)
    case("maxpool.err_long", "max_pool2d", lambda x: torch.max_pool2d(x, 2), [torch.ones(1, 1, 4, 4, dtype=torch.long)], MK)
    AK = {"kernel": (2, 2), "stride": (2, 2), "padding": (0, 0), "ceil": False, "cip": True, "div": 0}
    case("avgpool.err_small", "avg_pool2d", lambda x: F.avg_pool2d(x, 3), [torch.ones(1, 1, 2, 2)],
         dict(AK, kernel=(3, 3), stride=(3, 3)))
    case("avgpool.err_rank", "avg_pool2d", lambda x: F.avg_pool2d(x, 2), [torch.ones(4, 4)], AK)
    case("avgpool.err_pad", "avg_pool2d", lambda x: F.avg_pool2d(x, 2, 2, 2), [one], dict(AK, padding=(2, 2)))
    case("avgpool.err_long", "avg_pool2d", lambda x: F.avg_pool2d(x, 2), [torch.ones(1, 1, 4, 4, dtype=torch.long)], AK)
    case("adaptive_avg.err_rank", "adaptive_avg_pool2d", lambda x: F.adaptive_avg_pool2d(x, 2), [torch.ones(4, 4)],
         {"output": (2, 2)})
    case("adaptive_avg.err_neg", "adaptive_avg_pool2d", lambda x: F.adaptive_avg_pool2d(x, (-1, 2)), [one],
         {"output": (-1, 2)})
    case("adaptive_avg.err_empty", "adaptive_avg_pool2d", lambda x: F.adaptive_avg_pool2d(x, 2),
         [torch.ones(1, 1, 0, 4)], {"output": (2, 2)})
    case("adaptive_max.err_rank", "adaptive_max_pool2d", lambda x: F.adaptive_max_pool2d(x, 2), [torch.ones(4, 4)],
         {"output": (2, 2)})
    case("adaptive_max.err_empty", "adaptive_max_pool2d", lambda x: F.adaptive_max_pool2d(x, 2),
         [torch.ones(1, 1, 0, 4)], {"output": (2, 2)})


def bn_cases():
    for dt in (torch.float32, torch.float64):
        s = DTN[dt]

        def bn(name, xs, training=True, affine=True, running=True, momentum=0.1, eps=1e-5, seed=8):
            C = xs[1]
            x = rg(seq(xs, dt, -3, 5, seed=seed))
            w = rg(seq((C,), dt, 0.5, 1.5, seed=seed + 1)) if affine else None
            b = rg(seq((C,), dt, -1, 1, seed=seed + 2)) if affine else None
            rm = seq((C,), dt, -0.5, 0.5, seed=seed + 3) if running else None
            rv = seq((C,), dt, 0.5, 2.0, seed=seed + 4) if running else None
            after = (3, 4) if running and training else ()
            case("batch_norm.%s_%s" % (name, s), "batch_norm",
                 lambda x, w, b, rm, rv: torch.batch_norm(x, w, b, rm, rv, training, momentum, eps, False),
                 [x, w, b, rm, rv], {"training": training, "momentum": momentum, "eps": eps}, after=after)

        bn("train_2d", (8, 3))
        bn("train_4d", (4, 3, 5, 5))
        if dt == torch.float32:
            bn("train_4d_big", (4, 3, 12, 13), seed=20)
        bn("train_3d", (4, 2, 7))
        bn("train_noaffine", (4, 3, 3, 3), affine=False)
        bn("train_norunning", (4, 3, 3, 3), running=False)
        bn("train_momentum", (5, 2, 4, 4), momentum=0.3, eps=1e-3)
        bn("eval_4d", (4, 3, 5, 5), training=False)
        bn("eval_2d", (6, 4), training=False)
    x = torch.ones(2, 3)
    case("batch_norm.err_running_size", "batch_norm",
         lambda x, w, b, rm, rv: torch.batch_norm(x, w, b, rm, rv, True, 0.1, 1e-5, False),
         [x, torch.ones(4), None, torch.ones(5), None], {"training": True, "momentum": 0.1, "eps": 1e-5})
    case("batch_norm.err_eval_missing", "batch_norm",
         lambda x, w, b, rm, rv: torch.batch_norm(x, w, b, rm, rv, False, 0.1, 1e-5, False),
         [x, torch.ones(4), None, None, None], {"training": False, "momentum": 0.1, "eps": 1e-5})
    case("batch_norm.err_weight_size", "batch_norm",
         lambda x, w, b, rm, rv: torch.batch_norm(x, w, b, rm, rv, True, 0.1, 1e-5, False),
         [x, torch.ones(4), None, None, None], {"training": True, "momentum": 0.1, "eps": 1e-5})
    case("batch_norm.err_mixed", "batch_norm",
         lambda x, w, b, rm, rv: torch.batch_norm(x, w, b, rm, rv, True, 0.1, 1e-5, False),
         [x, torch.ones(3, dtype=torch.float64), None, None, None], {"training": True, "momentum": 0.1, "eps": 1e-5})
    case("batch_norm.err_long", "batch_norm",
         lambda x, w, b, rm, rv: torch.batch_norm(x, w, b, rm, rv, True, 0.1, 1e-5, False),
         [torch.ones(2, 3, dtype=torch.long), None, None, None, None], {"training": True, "momentum": 0.1, "eps": 1e-5})


def embedding_cases():
    for dt in (torch.float32, torch.float64):
        s = DTN[dt]
        w = rg(seq((10, 4), dt, seed=9))
        idx = torch.tensor([1, 3, 3, 0, 9, 3])
        case("embedding.1d_%s" % s, "embedding", lambda w, i: torch.embedding(w, i), [w, idx],
             {"padding_idx": -1, "scale": False})
        idx2 = torch.tensor([[1, 2, 2], [5, 0, 2]])
        case("embedding.2d_pad_%s" % s, "embedding", lambda w, i: torch.embedding(w, i, 2), [w, idx2],
             {"padding_idx": 2, "scale": False})
        case("embedding.scale_%s" % s, "embedding", lambda w, i: torch.embedding(w, i, -1, True), [w, idx],
             {"padding_idx": -1, "scale": True})
    w = torch.ones(10, 3)
    case("embedding.err_range", "embedding", lambda w, i: torch.embedding(w, i), [w, torch.tensor([0, 10])],
         {"padding_idx": -1, "scale": False})
    case("embedding.err_type", "embedding", lambda w, i: torch.embedding(w, i), [w, torch.tensor([0., 1.])],
         {"padding_idx": -1, "scale": False})


def loss_cases():
    for dt in (torch.float32, torch.float64):
        s = DTN[dt]

        def nll(name, xs, ts, C, weight=False, red=1, ignore=-100, seed=10, tgt=None):
            x = rg(seq(xs, dt, -3, 0, seed=seed))
            t = ints(ts, C, seed=seed + 1) if tgt is None else tgt
            w = seq((C,), dt, 0.2, 2, seed=seed + 2) if weight else None
            case("nll.%s_%s" % (name, s), "nll_loss",
                 lambda x, t, w: torch._C._nn.nll_loss_nd(x, t, w, red, ignore), [x, t, w],
                 {"reduction": red, "ignore": ignore})

        for red in (0, 1, 2):
            nll("2d_r%d" % red, (5, 4), (5,), 4, red=red)
            nll("2d_w_r%d" % red, (5, 4), (5,), 4, weight=True, red=red)
        nll("ignore", (6, 3), (6,), 3, tgt=torch.tensor([0, 2, 1, 2, 2, 0]), ignore=2)
        nll("ignore_w", (6, 3), (6,), 3, weight=True, tgt=torch.tensor([0, 2, 1, 2, 2, 0]), ignore=2)
        nll("ignore_all", (2, 3), (2,), 3, tgt=torch.tensor([1, 1]), ignore=1)
        nll("1d", (4,), (), 4, tgt=torch.tensor(2))
        nll("1d_w_none", (4,), (), 4, weight=True, red=0, tgt=torch.tensor(3))
        nll("4d", (2, 3, 4, 5), (2, 4, 5), 3)
        nll("4d_w_none", (2, 3, 2, 3), (2, 2, 3), 3, weight=True, red=0)
        nll("3d", (2, 3, 4), (2, 4), 3)
        nll("3d_none", (2, 3, 4), (2, 4), 3, red=0)
        nll("5d_sum", (2, 3, 2, 2, 2), (2, 2, 2, 2), 3, red=2)
        nll("big_cascade", (600, 2), (600,), 2, seed=30)
        if dt == torch.float32:
            nll("big_cascade_w", (700, 3), (700,), 3, weight=True, seed=31)

        def ce(name, xs, ts, C, weight=False, red=1, ignore=-100, ls=0.0, probs=False, seed=12, tgt=None):
            x = rg(seq(xs, dt, -3, 3, seed=seed))
            if probs:
                t = torch.softmax(seq(xs, dt, seed=seed + 1), 1 if len(xs) > 1 else 0)
            else:
                t = ints(ts, C, seed=seed + 1) if tgt is None else tgt
            w = seq((C,), dt, 0.2, 2, seed=seed + 2) if weight else None
            case("ce.%s_%s" % (name, s), "cross_entropy",
                 lambda x, t, w: torch._C._nn.cross_entropy_loss(x, t, w, red, ignore, ls), [x, t, w],
                 {"reduction": red, "ignore": ignore, "ls": ls}, tol=U4, gtol=CE_GTOL[dt])

        for red in (0, 1, 2):
            ce("2d_r%d" % red, (5, 4), (5,), 4, red=red)
            ce("ls_r%d" % red, (5, 4), (5,), 4, red=red, ls=0.1)
            ce("ls_w_r%d" % red, (6, 4), (6,), 4, weight=True, red=red, ls=0.2)
            ce("probs_r%d" % red, (4, 3), None, 3, red=red, probs=True)
        ce("w", (5, 4), (5,), 4, weight=True)
        ce("ignore_ls", (6, 3), (6,), 3, tgt=torch.tensor([0, 2, 1, 2, 2, 0]), ignore=2, ls=0.15)
        ce("ignore_ls_w", (6, 3), (6,), 3, weight=True, tgt=torch.tensor([0, 2, 1, 2, 2, 0]), ignore=2, ls=0.15)
        ce("probs_w", (4, 3), None, 3, weight=True, probs=True)
        ce("probs_ls", (4, 3), None, 3, probs=True, ls=0.3)
        ce("1d", (5,), (), 5, tgt=torch.tensor(3))
        ce("4d", (2, 3, 3, 4), (2, 3, 4), 3)
        ce("3d_none", (2, 4, 3), (2, 3), 4, red=0)
        ce("4d_ls", (2, 3, 2, 2), (2, 2, 2), 3, ls=0.1)

        for red in (0, 1, 2):
            a = rg(seq((3, 4), dt, seed=14))
            b = rg(seq((3, 4), dt, seed=15))
            case("mse.r%d_%s" % (red, s), "mse_loss", lambda a, b: torch._C._nn.mse_loss(a, b, red), [a, b],
                 {"reduction": red})
            case("l1.r%d_%s" % (red, s), "l1_loss", lambda a, b: torch._C._nn.l1_loss(a, b, red), [a, b],
                 {"reduction": red})
            x = rg(seq((3, 4), dt, 0.02, 0.98, seed=16))
            t = rg(seq((3, 4), dt, 0, 1, seed=17))
            w = seq((3, 4), dt, 0.5, 2, seed=18)
            case("bce.r%d_%s" % (red, s), "bce", lambda x, t, w: torch._C._nn.binary_cross_entropy(x, t, w, red),
                 [x, t, None], {"reduction": red}, tol=BCE_TOL[dt])
            case("bce.w_r%d_%s" % (red, s), "bce", lambda x, t, w: torch._C._nn.binary_cross_entropy(x, t, w, red),
                 [x, t, w], {"reduction": red}, tol=BCE_TOL[dt])
            z = rg(seq((3, 4), dt, -6, 6, seed=19))
            pw = seq((4,), dt, 0.5, 3, seed=20)
            case("bcel.r%d_%s" % (red, s), "bce_logits",
                 lambda z, t, w, pw: torch.binary_cross_entropy_with_logits(z, t, w, pw, red), [z, t, None, None],
                 {"reduction": red}, tol=U4)
            case("bcel.w_pw_r%d_%s" % (red, s), "bce_logits",
                 lambda z, t, w, pw: torch.binary_cross_entropy_with_logits(z, t, w, pw, red), [z, t, w, pw],
                 {"reduction": red}, tol=U4)
        edge = torch.tensor([0.0, 1.0, 1e-30, 0.5], dtype=dt)
        te = torch.tensor([0.0, 1.0, 1.0, 0.5], dtype=dt)
        case("bce.edges_%s" % s, "bce", lambda x, t, w: torch._C._nn.binary_cross_entropy(x, t, w, 0),
             [edge, te, None], {"reduction": 0}, tol=BCE_TOL[dt])
        mb = rg(seq((3, 1), dt, seed=21))
        case("mse.bcast_%s" % s, "mse_loss", lambda a, b: torch._C._nn.mse_loss(a, b, 1),
             [mb, seq((4,), dt, seed=22)], {"reduction": 1})
    case("nll.err_target", "nll_loss", lambda x, t, w: torch._C._nn.nll_loss_nd(x, t, w, 1, -100),
         [torch.ones(2, 3), torch.tensor([0, 3]), None], {"reduction": 1, "ignore": -100})
    case("nll.err_target_neg", "nll_loss", lambda x, t, w: torch._C._nn.nll_loss_nd(x, t, w, 1, -100),
         [torch.ones(2, 3), torch.tensor([0, -5]), None], {"reduction": 1, "ignore": -100})
    case("nll.err_batch", "nll_loss", lambda x, t, w: torch._C._nn.nll_loss_nd(x, t, w, 1, -100),
         [torch.ones(2, 3), torch.tensor([0, 1, 2]), None], {"reduction": 1, "ignore": -100})
    case("nll.err_float_target", "nll_loss", lambda x, t, w: torch._C._nn.nll_loss_nd(x, t, w, 1, -100),
         [torch.ones(2, 3), torch.tensor([0., 1.]), None], {"reduction": 1, "ignore": -100})
    case("nll.err_int_target", "nll_loss", lambda x, t, w: torch._C._nn.nll_loss_nd(x, t, w, 1, -100),
         [torch.ones(2, 3), torch.tensor([0, 1], dtype=torch.int32), None], {"reduction": 1, "ignore": -100})
    case("nll.err_weight", "nll_loss", lambda x, t, w: torch._C._nn.nll_loss_nd(x, t, w, 1, -100),
         [torch.ones(2, 3), torch.tensor([0, 1]), torch.ones(4)], {"reduction": 1, "ignore": -100})
    case("nll.err_weight_dtype", "nll_loss", lambda x, t, w: torch._C._nn.nll_loss_nd(x, t, w, 1, -100),
         [torch.ones(2, 3), torch.tensor([0, 1]), torch.ones(3, dtype=torch.float64)], {"reduction": 1, "ignore": -100})
    case("nll.err_3d_target", "nll_loss", lambda x, t, w: torch._C._nn.nll_loss_nd(x, t, w, 1, -100),
         [torch.ones(2, 3, 4), torch.zeros(2, 3, dtype=torch.long), None], {"reduction": 1, "ignore": -100})
    case("nll.err_1d_size", "nll_loss", lambda x, t, w: torch._C._nn.nll_loss_nd(x, t, w, 1, -100),
         [torch.ones(3), torch.tensor([0]), None], {"reduction": 1, "ignore": -100})
    case("nll.err_multi", "nll_loss", lambda x, t, w: torch._C._nn.nll_loss_nd(x, t, w, 1, -100),
         [torch.ones(2, 3), torch.tensor([[0], [1]]), None], {"reduction": 1, "ignore": -100})
    case("nll.err_4d_size", "nll_loss", lambda x, t, w: torch._C._nn.nll_loss_nd(x, t, w, 1, -100),
         [torch.ones(2, 3, 4, 5), torch.ones(2, 4, 6, dtype=torch.long), None], {"reduction": 1, "ignore": -100})
    CE = {"reduction": 1, "ignore": -100, "ls": 0.0}
    case("ce.err_float_target", "cross_entropy", lambda x, t, w: torch._C._nn.cross_entropy_loss(x, t, w, 1, -100, 0.0),
         [torch.ones(2, 3), torch.tensor([0., 1.]), None], CE)
    case("ce.err_target", "cross_entropy", lambda x, t, w: torch._C._nn.cross_entropy_loss(x, t, w, 1, -100, 0.0),
         [torch.ones(2, 3), torch.tensor([0, 3]), None], CE)
    case("ce.err_ls", "cross_entropy", lambda x, t, w: torch._C._nn.cross_entropy_loss(x, t, w, 1, -100, 1.5),
         [torch.ones(2, 3), torch.tensor([0, 1]), None], dict(CE, ls=1.5))
    case("ce.err_probs_ignore", "cross_entropy", lambda x, t, w: torch._C._nn.cross_entropy_loss(x, t, w, 1, 1, 0.0),
         [torch.ones(2, 3), torch.ones(2, 3), None], dict(CE, ignore=1))
    case("ce.err_probs_long", "cross_entropy", lambda x, t, w: torch._C._nn.cross_entropy_loss(x, t, w, 1, -100, 0.0),
         [torch.ones(2, 3), torch.ones(2, 3, dtype=torch.long), None], CE)
    case("ce.err_probs_weight", "cross_entropy", lambda x, t, w: torch._C._nn.cross_entropy_loss(x, t, w, 1, -100, 0.0),
         [torch.ones(2, 3), torch.ones(2, 3), torch.ones(4)], CE)
    case("mse.err_size", "mse_loss", lambda a, b: torch._C._nn.mse_loss(a, b, 1), [torch.ones(2, 3), torch.ones(2, 4)],
         {"reduction": 1})
    case("bce.err_range", "bce", lambda x, t, w: torch._C._nn.binary_cross_entropy(x, t, w, 1),
         [torch.ones(2, 3) * 2, torch.ones(2, 3), None], {"reduction": 1})
    case("bce.err_dtype", "bce", lambda x, t, w: torch._C._nn.binary_cross_entropy(x, t, w, 1),
         [torch.ones(2, 3) / 2, torch.ones(2, 3, dtype=torch.float64), None], {"reduction": 1})


def misc_cases():
    for dt in (torch.float32, torch.float64):
        s = DTN[dt]
        x = rg(seq((2, 3, 4), dt, seed=23))
        for name, pad in (("last", (1, 2)), ("two", (1, 0, 2, 1)), ("neg", (-1, 1, 0, -1)), ("three", (1, 1, 0, 2, 1, 0)),
                          ("allneg", (-1, -1))):
            case("pad.%s_%s" % (name, s), "constant_pad_nd", lambda x: torch.constant_pad_nd(x, pad, 0.5), [x],
                 {"pad": pad, "value": 0.5})
        for name, xs, bias in (("2d", (3, 4), True), ("3d", (2, 3, 4), True), ("1d", (4,), True), ("4d", (2, 2, 3, 4), True),
                               ("2d_nobias", (3, 4), False), ("3d_nobias", (2, 3, 4), False)):
            xi = rg(seq(xs, dt, seed=24))
            w = rg(seq((5, 4), dt, seed=25))
            b = rg(seq((5,), dt, seed=26)) if bias else None
            case("linear.%s_%s" % (name, s), "linear", lambda x, w, b: torch._C._nn.linear(x, w, b), [xi, w, b])
        xd = rg(seq((4, 5), dt, seed=27))
        for p in (0.0, 0.3, 1.0):
            case("dropout.p%s_%s" % (str(p).replace(".", ""), s), "dropout", lambda x: torch.dropout(x, p, True), [xd],
                 {"p": p, "train": True, "seed": 5}, seed=5)
        case("dropout.eval_%s" % s, "dropout", lambda x: torch.dropout(x, 0.5, False), [xd],
             {"p": 0.5, "train": False, "seed": 5}, seed=5)
    case("pad.err_odd", "constant_pad_nd", lambda x: torch.constant_pad_nd(x, (1, 2, 3)), [torch.ones(2, 3)],
         {"pad": (1, 2, 3), "value": 0.0})
    case("pad.err_long", "constant_pad_nd", lambda x: torch.constant_pad_nd(x, (1, 2, 3, 4, 5, 6)), [torch.ones(2, 3)],
         {"pad": (1, 2, 3, 4, 5, 6), "value": 0.0})
    case("pad.err_negsize", "constant_pad_nd", lambda x: torch.constant_pad_nd(x, (-2, -2, 1, 1)), [torch.ones(2, 3)],
         {"pad": (-2, -2, 1, 1), "value": 0.0})
    case("dropout.err_p", "dropout", lambda x: torch.dropout(x, 1.5, True), [torch.ones(2)],
         {"p": 1.5, "train": True, "seed": 0})


def main():
    conv_cases()
    pool_cases()
    bn_cases()
    embedding_cases()
    loss_cases()
    misc_cases()
    with open(OUT, "w") as f:
        f.write("# Generated by tests/ref/gen_nn_ref.py from torch %s (CPU capability: %s). Do not edit.\n"
                % (torch.__version__, torch.backends.cpu.get_cpu_capability()
                   if hasattr(torch.backends, "cpu") else "AVX2"))
        f.write("# Format: see the docstring of tests/ref/gen_nn_ref.py.\n")
        for ln in lines:
            f.write(ln + "\n")
    ncase = sum(1 for ln in lines if ln.startswith("case "))
    print("wrote %s: %d cases" % (OUT, ncase))


if __name__ == "__main__":
    main()
