#!/usr/bin/python3
"""tests/golden/print_cases.py — writes tests/golden/print_cases.txt, the exact repr() text PyTorch 1.13
prints for tricky tensors, and Python's repr() of many floats (what .item() shows). tests/unit/test_print.c
rebuilds each tensor from the recorded bits and compares ten_repr byte for byte. Run with Debian's
python3-torch 1.13: /usr/bin/python3 tests/golden/print_cases.py. ctest never needs torch; the output is committed.

Fixture format (one directive per line; '#' lines are comments):
  case NAME                 start a repr case
  dtype DT                  bool u8 i32 i64 f32 f64
  shape S1 .. Sn            shape of the base tensor ("shape" alone: 0-dim)
  data V1 .. VN             base values, row-major: f32 as 8 hex digits of the bits, f64 as 16,
                            integers and bools in decimal ("data" alone: no elements)
  op transpose D0 D1        views applied in order to the base tensor
  op permute D1 .. Dn
  op expand S1 .. Sn
  op slice DIM START STOP STEP
  op select DIM INDEX
  opts KEY=V ...            precision= threshold= edgeitems= linewidth= sci_mode=(1|0) default_dtype=f64;
                            set before the repr, reset to the defaults after it
  extra grad_fn=NAME        or "extra requires_grad" (the suffix information autograd supplies)
  expect N                  followed by the N lines of the expected repr, verbatim
  floatrepr HEX16 TEXT      repr(float) of the double with these bits
"""
import math
import os
import random
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "print_cases.txt")

DT = {"bool": torch.bool, "u8": torch.uint8, "i32": torch.int32, "i64": torch.int64,
      "f32": torch.float32, "f64": torch.float64}
DT_NAME = {v: k for k, v in DT.items()}

F32, F64 = torch.float32, torch.float64
NAN, INF = float("nan"), float("inf")

# ---- case construction ----

CASES = []


def case(name, t, ops=(), opts=None, extra=None, shown=None):
    """t: the base tensor (contiguous data is recorded); ops: view ops applied to it; extra: None,
    'requires_grad' or a grad_fn name; shown: the tensor whose repr is expected (default: base + ops)."""
    assert all(c[0] != name for c in CASES), name
    CASES.append((name, t, list(ops), dict(opts or {}), extra, shown))


def apply_ops(t, ops):
    for op in ops:
        kind, args = op[0], op[1:]
        if kind == "transpose":
            t = t.transpose(*args)
        elif kind == "permute":
            t = t.permute(*args)
        elif kind == "expand":
            t = t.expand(*args)
        elif kind == "slice":
            dim, start, stop, step = args
            idx = [slice(None)] * t.dim()
            idx[dim] = slice(start, stop, step)
            t = t[tuple(idx)]
        elif kind == "select":
            t = t.select(*args)
        else:
            raise ValueError(kind)
    return t


def set_opts(opts):
    kw = {k: v for k, v in opts.items() if k != "default_dtype"}
    if kw:
        torch.set_printoptions(**kw)
    if "default_dtype" in opts:
        torch.set_default_dtype(DT[opts["default_dtype"]])


def reset_opts():
    torch.set_printoptions(profile="default", sci_mode=None)
    torch.set_default_dtype(torch.float32)


def values_text(t):
    t = t.detach().contiguous().reshape(-1)
    if t.dtype == F32:
        return ["%08x" % (v & 0xFFFFFFFF) for v in t.view(torch.int32).tolist()]
    if t.dtype == F64:
        return ["%016x" % (v & 0xFFFFFFFFFFFFFFFF) for v in t.view(torch.int64).tolist()]
    if t.dtype == torch.bool:
        return [str(int(v)) for v in t.tolist()]
    return [str(v) for v in t.tolist()]


def f32(*vals):
    return torch.tensor(vals, dtype=F32)


def f64(*vals):
    return torch.tensor(vals, dtype=F64)


def bits32(u):
    return struct.unpack("<f", struct.pack("<I", u))[0]


# ---- §1.2 examples, verbatim ----

torch.manual_seed(0)
case("rand_5x3_seed0", torch.rand(5, 3))
case("fixed_mixed", f32(1.0, -2.5, 100.0))
case("int_mode_basic", f32(1.0, 2.0, 3.0))
case("int_mode_ratio_sci", f32(1.0, 1000.0, 10000.0))
case("full_1e8_not_sci", torch.full((3,), 1e8))
case("full_1_00001e8_sci", torch.full((3,), 1.00001e8))
case("f32_1e-4_is_sci", f32(1e-4, 2e-4))
case("small_fixed_0_00012345", f32(0.00012345))
case("fixed_0_001_0_9", f32(0.001, 0.9))
case("sci_pm_1e-10", f32(-1e-10, 1e-10))
case("nan_inf_int_mode", f32(NAN, 1.0, INF, 100.0))
case("nan_neginf_fixed", f32(NAN, 1.5, -INF))
case("negzero_fixed", f32(-0.0, 1.5))
case("negzero_int_mode", f32(-0.0, 1.0))
case("negzero_0dim", torch.tensor(-0.0))
case("round_9_99999", f32(9.99999, 1.0))
case("round_12345_6789", f32(12345.6789))
case("zeros_2", f32(0.0, 0.0))
case("nan_0dim", torch.tensor(NAN))
case("sci_0dim_1e-8", torch.tensor(1e-8))
case("bool_true_false", torch.tensor([True, False]))
case("u8_1_2", torch.tensor([1, 2], dtype=torch.uint8))
case("i64_2pow40", torch.tensor([2**40, 1]))
case("f64_1_5_2", torch.tensor([1.5, 2], dtype=F64))
case("empty_default", torch.tensor([]))
case("empty_0x3", torch.zeros(0, 3))
case("empty_long", torch.tensor([], dtype=torch.long))
case("empty_2x0_i64", torch.zeros(2, 0, dtype=torch.int64))
_y = (torch.ones(2, 2, requires_grad=True) + 2).mean()
case("grad_mean_0dim", _y.detach(), extra=type(_y.grad_fn).__name__, shown=_y)
case("requires_grad_ones_2x2", torch.ones(2, 2), extra="requires_grad",
     shown=torch.ones(2, 2, requires_grad=True))
torch.manual_seed(0)
torch.rand(15)
_x = torch.rand(8, requires_grad=True)
case("requires_grad_rand8_wraps", _x.detach(), extra="requires_grad", shown=_x)
torch.manual_seed(0)
_y = torch.rand(3, dtype=F64, requires_grad=True) * 2
case("grad_mul_f64", _y.detach(), extra=type(_y.grad_fn).__name__, shown=_y)
case("arange_2000_summarized", torch.arange(2000.0))
case("arange_1500_50x30", torch.arange(1500).reshape(50, 30))
case("arange_24_2x3x4", torch.arange(24.0).reshape(2, 3, 4))
torch.manual_seed(0)
case("rand_2x12_wrap", torch.rand(2, 12))
case("arange_4d_2x2x2x2", torch.arange(16.0).reshape(2, 2, 2, 2))

# ---- dtypes and 0-dim ----

case("0dim_bool_true", torch.tensor(True))
case("0dim_bool_false", torch.tensor(False))
case("0dim_u8", torch.tensor(200, dtype=torch.uint8))
case("0dim_i32", torch.tensor(-7, dtype=torch.int32))
case("0dim_i64", torch.tensor(123456789012))
case("0dim_f32_fixed", torch.tensor(2.5))
case("0dim_f32_int", torch.tensor(27.0))
case("0dim_f32_zero", torch.tensor(0.0))
case("0dim_f32_inf", torch.tensor(INF))
case("0dim_f32_neginf", torch.tensor(-INF))
case("0dim_f32_big_sci", torch.tensor(3.0e9))
case("0dim_f64", torch.tensor(0.1, dtype=F64))
case("0dim_f64_third", torch.tensor(1.0 / 3.0, dtype=F64))
case("0dim_f64_requires_grad", torch.tensor(1.0, dtype=F64), extra="requires_grad",
     shown=torch.tensor(1.0, dtype=F64, requires_grad=True))
case("0dim_f32_requires_grad", torch.tensor(3.0), extra="requires_grad",
     shown=torch.tensor(3.0, requires_grad=True))
case("u8_range", torch.tensor([0, 255, 17, 3], dtype=torch.uint8))
case("u8_2d", torch.arange(12, dtype=torch.uint8).reshape(3, 4) * 20)
case("i32_limits", torch.tensor([-2147483648, 2147483647, 0], dtype=torch.int32))
case("i32_2d", torch.arange(-6, 6, dtype=torch.int32).reshape(3, 4))
case("i64_limits", torch.tensor([-9223372036854775808, 9223372036854775807]))
case("i64_negative", torch.tensor([-5, 10, -100]))
case("bool_2d", torch.tensor([[True, False, True], [False, False, False]]))
case("bool_all_true", torch.tensor([True, True, True]))
case("bool_all_false", torch.tensor([False, False]))
case("f64_tenths", f64(0.1, 0.2, 0.30000000000000004))
case("f64_sci", f64(1e-300, 1e300))
case("f64_int_mode", f64(1.0, -2.0, 3e7))
case("f64_nan_inf", f64(NAN, -INF, 0.25))
case("f64_2d", torch.arange(6, dtype=F64).reshape(2, 3) / 7)

# ---- empty tensors ----

case("empty_0_f64", torch.zeros(0, dtype=F64))
case("empty_0_bool", torch.zeros(0, dtype=torch.bool))
case("empty_0_u8", torch.zeros(0, dtype=torch.uint8))
case("empty_0_i32", torch.zeros(0, dtype=torch.int32))
case("empty_2x0", torch.zeros(2, 0))
case("empty_0x3x2", torch.zeros(0, 3, 2))
case("empty_0x3x2_f64", torch.zeros(0, 3, 2, dtype=F64))
case("empty_1x0x1_bool", torch.zeros(1, 0, 1, dtype=torch.bool))
case("empty_requires_grad", torch.zeros(0), extra="requires_grad",
     shown=torch.zeros(0, requires_grad=True))
case("empty_2x0_requires_grad", torch.zeros(2, 0), extra="requires_grad",
     shown=torch.zeros(2, 0, requires_grad=True))
case("empty_slice_of_arange", torch.arange(5.0), ops=[("slice", 0, 3, 3, 1)])

# ---- size-1 dims ----

case("size1_1d", f32(4.0))
case("size1_1x1x1", torch.tensor([[[7.5]]]))
case("size1_1x3", torch.tensor([[1.0, 2.0, 3.0]]))
case("size1_3x1", torch.tensor([[1.0], [2.0], [3.0]]))
case("size1_1x2000_summarized", torch.arange(2000.0).reshape(1, 2000))
case("size1_2000x1_summarized", torch.arange(2000).reshape(2000, 1))
case("size1_2x1x3x1", torch.arange(6).reshape(2, 1, 3, 1))

# ---- modes, nan/inf, magnitudes, rounding ----

case("sci_nan_inf_mix", f32(NAN, 1e-5, INF, 1.0, -INF))
case("fixed_nan_inf_neg", f32(-NAN, 0.5, -INF, 2.25))
case("int_mode_neginf_wide", f32(-INF, 12345.0, 0.0))
case("all_nonfinite", f32(NAN, INF, -INF))
case("all_nonfinite_and_zero", f32(0.0, NAN, -0.0))
case("huge_small_f32", f32(1e30, 1e-30))
case("f32_max", f32(3.4028234663852886e38, -1.0))
case("f32_subnormal", torch.tensor([bits32(1), bits32(0x007FFFFF), 1.0]))
case("f64_subnormal", f64(5e-324, 1.0))
case("round_0_00005_sci", f32(0.00005))
case("round_9_99995", f32(9.99995))
case("round_9_99995_f64", f64(9.99995, 1.5))
case("round_0_99995", f32(0.99995, 0.5))
case("round_half_even_f64", f64(0.00005, 0.00015, 0.5, 1.0))
case("fixed_1e-4_boundary_f64", f64(1e-4, 0.5))
case("fixed_ratio_1000_exact", f32(0.5, 500.0))
case("fixed_ratio_over_1000", f32(0.5, 500.5))
case("int_ratio_1000_exact", f32(1.0, -1000.0))
case("int_ratio_1001", f32(1.0, 1001.0))
case("int_mode_99999999", f32(99999999.0, 3.0))
case("int_mode_large_values", f64(12345678.0, -87654321.0, 10000000.0))
case("int_mode_1e8_exact_f64", f64(1e8, -1e8))
case("int_mode_just_over_1e8_f64", f64(100000001.0, 1e8))
case("sci_negative_exponents", f32(1e-5, 2.5e-7, -3.75e-6))
case("sci_mixed_exponents", f32(1.5e-12, 2.0e12, -7.0))
case("sci_3digit_exponent_f64", f64(1e-150, 3e120))
case("negative_fixed", f32(-0.125, -3.5, 2.0))
case("neg_only_int", f32(-1.0, -2.0, -10.0))
case("fixed_pi_e", f32(math.pi, math.e, -math.sqrt(2)))

# ---- print options (reset after each) ----

case("opt_precision_2", f32(1.12345, 2.5), opts={"precision": 2})
case("opt_precision_0_fixed", f32(1.5, 2.25, 3.75), opts={"precision": 0})
case("opt_precision_0_sci", f32(1.5e-6, 2.25), opts={"precision": 0})
case("opt_precision_8_f64", f64(1.0 / 3.0, 2.0 / 3.0), opts={"precision": 8})
case("opt_precision_10_sci", f64(1.0 / 3.0, 1e-9), opts={"precision": 10})
case("opt_precision_1_int_mode", f32(1.0, 20.0), opts={"precision": 1})
case("opt_threshold_5_arange10", torch.arange(10), opts={"threshold": 5})
case("opt_threshold_5_2d", torch.arange(20.0).reshape(4, 5), opts={"threshold": 5})
case("opt_threshold_0_small", f32(1.5, 2.5), opts={"threshold": 0})
case("opt_threshold_0_0dim", torch.tensor(4.0), opts={"threshold": 0})
case("opt_threshold_big", torch.arange(1200), opts={"threshold": 5000})
case("opt_edgeitems_1", torch.arange(2000.0).reshape(40, 50), opts={"edgeitems": 1})
case("opt_edgeitems_2_1d", torch.arange(1001), opts={"edgeitems": 2})
case("opt_edgeitems_5_3d", torch.arange(3000).reshape(15, 10, 20), opts={"edgeitems": 5})
case("opt_edgeitems_0_1d", torch.arange(12), opts={"edgeitems": 0, "threshold": 5})
case("opt_linewidth_40", torch.arange(20.0) / 3, opts={"linewidth": 40})
case("opt_linewidth_120", torch.arange(40.0) / 3, opts={"linewidth": 120})
case("opt_linewidth_10", torch.arange(5.0) / 3, opts={"linewidth": 10})
case("opt_linewidth_5_tiny", torch.arange(6.0).reshape(2, 3) / 3, opts={"linewidth": 5})
case("opt_linewidth_30_suffix_wrap", f64(1.5, 2.5), opts={"linewidth": 30})
case("opt_linewidth_200_no_wrap", torch.arange(30.0) / 7, opts={"linewidth": 200},
     extra="requires_grad", shown=(torch.arange(30.0) / 7).requires_grad_())
case("opt_sci_true_fixed_vals", f32(1.5, 2.0, 0.25), opts={"sci_mode": True})
case("opt_sci_true_int_vals", f32(1.0, 2.0, 30.0), opts={"sci_mode": True})
case("opt_sci_true_zeros_ignored", f32(0.0, 0.0), opts={"sci_mode": True})
case("opt_sci_true_int_dtype_ignored", torch.tensor([1, 20, 300]), opts={"sci_mode": True})
case("opt_sci_false_small", f32(1e-5, 1.0), opts={"sci_mode": False})
case("opt_sci_false_int_ratio", f32(1.0, 1000.0, 10000.0), opts={"sci_mode": False})
case("opt_sci_false_huge", f32(1e30, 1.0), opts={"sci_mode": False})
case("opt_sci_true_nan_inf", f32(NAN, -INF, 3.0), opts={"sci_mode": True})
case("opt_precision_2_sci_2d", torch.arange(1, 7.0).reshape(2, 3) * 1e-6, opts={"precision": 2})
case("opt_combo_short_profile", torch.arange(100.0) / 9,
     opts={"precision": 2, "edgeitems": 2, "threshold": 50})
case("opt_default_f64_f64_tensor", f64(1.5, 2.0), opts={"default_dtype": "f64"})
case("opt_default_f64_f32_tensor", f32(1.5, 2.0), opts={"default_dtype": "f64"})
case("opt_default_f64_empty_f32", torch.zeros(0, dtype=F32), opts={"default_dtype": "f64"})
case("opt_default_f64_empty_f64", torch.zeros(0, dtype=F64), opts={"default_dtype": "f64"})
case("opt_default_f64_empty_i64", torch.zeros(0, dtype=torch.int64), opts={"default_dtype": "f64"})

# ---- summarization ----

case("sum_1d_1001_int", torch.arange(1001))
case("sum_1d_middle_nan_ignored", torch.cat([f32(1.5, 2.5, 3.5), torch.full((1000,), NAN), f32(4.5, 5.5, 6.5)]))
case("sum_1d_middle_huge_ignored", torch.cat([f32(1.0, 2.0, 3.0), torch.full((1000,), 1e20), f32(4.0, 5.0, 6.0)]))
case("sum_1d_bool", torch.arange(2000) % 3 == 0)
case("sum_1d_u8", (torch.arange(1500) % 256).to(torch.uint8))
case("sum_1d_f64", torch.arange(2000, dtype=F64) / 3)
case("sum_2d_2x1000", torch.arange(2000).reshape(2, 1000))
case("sum_2d_1000x2", torch.arange(2000.0).reshape(1000, 2))
case("sum_2d_7x200", torch.arange(1400).reshape(7, 200) - 700)
case("sum_3d_3x4x100", torch.arange(1200.0).reshape(3, 4, 100) / 10)
case("sum_3d_20x20x20", torch.arange(8000).reshape(20, 20, 20))
case("sum_4d_10x10x10x10", torch.arange(10000).reshape(10, 10, 10, 10))
case("sum_4d_f32", torch.arange(10000.0).reshape(10, 10, 10, 10) / 100)
case("sum_5d_small_dims", torch.arange(1024).reshape(4, 4, 4, 4, 4))
case("sum_2d_width_from_edges", torch.cat([torch.full((3, 8), 1.5), torch.full((1000, 8), 123456.5),
                                           torch.full((3, 8), -2.25)]))
case("sum_requires_grad", torch.arange(2000.0), extra="requires_grad",
     shown=torch.arange(2000.0).requires_grad_())

# ---- wrapping long rows ----

case("wrap_1d_100", torch.arange(100.0) / 7)
case("wrap_1d_100_int", torch.arange(100) * 1000)
case("wrap_2d_3x30", torch.arange(90.0).reshape(3, 30) / 4)
case("wrap_3d_2x2x20", torch.arange(80.0).reshape(2, 2, 20) * 1.25)
case("wrap_bool_40", torch.arange(40) % 2 == 0)
case("wrap_sci_30", (torch.arange(30.0) + 1) * 1e-6)

# ---- views ----

case("view_transpose_3x4", torch.arange(12.0).reshape(3, 4), ops=[("transpose", 0, 1)])
case("view_permute_2x3x4", torch.arange(24).reshape(2, 3, 4), ops=[("permute", 2, 0, 1)])
case("view_expand_3x1_to_3x4", f32(1.5, 2.5, 3.5).reshape(3, 1), ops=[("expand", 3, 4)])
case("view_expand_1d_to_2x3", torch.tensor([1, 2, 3]), ops=[("expand", 2, 3)])
case("view_slice_step2", torch.arange(10.0) / 4, ops=[("slice", 0, 1, 9, 2)])
case("view_slice_cols", torch.arange(20).reshape(4, 5), ops=[("slice", 1, 1, 4, 1)])
case("view_select_row", torch.arange(12.0).reshape(3, 4), ops=[("select", 0, 1)])
case("view_select_to_0dim", torch.arange(3.0) + 0.5, ops=[("select", 0, 2)])
case("view_transpose_summarized", torch.arange(2000.0).reshape(40, 50), ops=[("transpose", 0, 1)])
case("view_expand_summarized", torch.arange(4.0).reshape(4, 1), ops=[("expand", 4, 2000)])
case("view_permute_then_slice", torch.arange(60.0).reshape(3, 4, 5) / 8,
     ops=[("permute", 1, 2, 0), ("slice", 1, 0, 5, 2)])

# ---- suffixes and wrapping ----

torch.manual_seed(1)
_x = torch.rand(2, 2, requires_grad=True)
_y = _x + 2
case("grad_add_2d", _y.detach(), extra=type(_y.grad_fn).__name__, shown=_y)
_y = _x * _x
case("grad_mul_2d", _y.detach(), extra=type(_y.grad_fn).__name__, shown=_y)
_y = (_x * 3).sum()
case("grad_sum_0dim", _y.detach(), extra=type(_y.grad_fn).__name__, shown=_y)
_x = torch.arange(6.0, dtype=F64).requires_grad_()
_y = _x * 1.25
case("grad_f64_dtype_fits", _y.detach(), extra=type(_y.grad_fn).__name__, shown=_y)
_x = (torch.arange(9.0, dtype=F64) / 3).requires_grad_()
_y = _x * 2
case("grad_f64_grad_fn_wraps", _y.detach(), extra=type(_y.grad_fn).__name__, shown=_y)
_x = (torch.arange(11.0, dtype=F64) / 3).requires_grad_()
_y = _x + 1
case("grad_f64_both_wrap", _y.detach(), extra=type(_y.grad_fn).__name__, shown=_y)
_x = (torch.arange(12.0, dtype=F64) / 3).reshape(2, 6).requires_grad_()
_y = _x.mean(1)
case("grad_mean1_f64", _y.detach(), extra=type(_y.grad_fn).__name__, shown=_y)
_x = torch.ones(2, 2, requires_grad=True)
_y = _x.mean()
case("grad_mean_ones", _y.detach(), extra=type(_y.grad_fn).__name__, shown=_y)
case("suffix_i32_dtype_wraps", torch.arange(11, dtype=torch.int32) * 100000)
case("suffix_u8_exact_fit", torch.arange(18, dtype=torch.uint8))
case("suffix_i32_exact_fit_80", torch.arange(10, 23, dtype=torch.int32))
case("suffix_i32_one_over_79", torch.arange(10, 23, dtype=torch.int32), opts={"linewidth": 79})
case("requires_grad_wraps_10", torch.arange(10.0) / 4, extra="requires_grad",
     shown=(torch.arange(10.0) / 4).requires_grad_())
case("requires_grad_2d_last_line", torch.arange(18.0).reshape(2, 9) / 4, extra="requires_grad",
     shown=(torch.arange(18.0).reshape(2, 9) / 4).requires_grad_())

# ---- random values (recorded as bits) ----

torch.manual_seed(42)
case("rand_randn_4x4", torch.randn(4, 4))
case("rand_randn_3x5_f64", torch.randn(3, 5, dtype=F64))
case("rand_scaled_mixed", torch.randn(10) * torch.tensor(10.0) ** torch.arange(-5.0, 5.0))
case("rand_randint_6x6", torch.randint(-1000, 1000, (6, 6)))
case("rand_randn_3d", torch.randn(2, 3, 4) * 100)


# ---- Python repr(float) values ----

def float_values():
    vals = [0.5318058133125305, 3.0, 1e-05, 0.0001, 1000000000000000.0, 1e16, 1.2345678901234568e17,
            float(torch.tensor(2.5e-5).item()), -0.0, 0.0, NAN, INF, -INF,
            0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3, math.pi, math.e, 1e-4 * (1 - 2**-52), 9.999999999999999e-05,
            0.00012345, 1e22, 1e23, 9999999999999998.0, 9999999999999999.0 + 1, 123456789012345678.0,
            2.0**53, 2.0**53 + 2, 2.0**63, 1.7976931348623157e308, 2.2250738585072014e-308, 5e-324,
            1e-323, 4.9406564584124654e-324, 0.5, 1.5, 100.0, 1e15, 1e17, 1.0e-5, 1.5e-5, 12345.678,
            0.000123, 1.0000000000000002, 0.9999999999999999, 5e-5, 123.456, 1e100, 1e-100]
    vals += [float(i) for i in range(-20, 21)]
    for k in range(-1074, 1024):                  # every power of two
        vals.append(math.ldexp(1.0, k))
    for k in range(-30, 31):                      # powers of ten and their neighbours
        p = float("1e%d" % k)
        vals += [p, math.nextafter(p, 0), math.nextafter(p, INF), -p]
    for k in range(-60, 64, 3):                   # neighbours of powers of two
        p = math.ldexp(1.0, k)
        vals += [math.nextafter(p, 0), math.nextafter(p, INF)]
    rng = random.Random(1234)
    for _ in range(400):                          # random bit patterns (finite)
        while True:
            v = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
            if math.isfinite(v):
                break
        vals.append(v)
    for _ in range(400):                          # random magnitudes
        vals.append(rng.uniform(-1, 1) * 10.0 ** rng.uniform(-25, 25))
    for _ in range(400):                          # float32 values widened, as .item() returns them
        v = struct.unpack("<f", struct.pack("<I", rng.getrandbits(32)))[0]
        if math.isfinite(v):
            vals.append(v)
    torch.manual_seed(0)
    vals += torch.rand(100).tolist() + torch.randn(100).tolist()
    for _ in range(100):                          # short decimals
        vals.append(round(rng.uniform(-1000, 1000), rng.randint(0, 6)))
    return vals


# ---- writer ----

def main():
    lines = ["# Generated by tests/golden/print_cases.py from torch %s. Do not edit." % torch.__version__]
    for name, t, ops, opts, extra, shown in CASES:
        t = t.detach()
        if shown is None:
            shown = apply_ops(t, ops)
        reset_opts()
        set_opts(opts)
        text = repr(shown)
        reset_opts()
        lines.append("case " + name)
        lines.append("dtype " + DT_NAME[t.dtype])
        lines.append(" ".join(["shape"] + [str(s) for s in t.shape]))
        lines.append(" ".join(["data"] + values_text(t)))
        for op in ops:
            lines.append(" ".join(["op", op[0]] + [str(a) for a in op[1:]]))
        if opts:
            kv = []
            for k, v in opts.items():
                if isinstance(v, bool):
                    v = int(v)
                kv.append("%s=%s" % (k, v))
            lines.append("opts " + " ".join(kv))
        if extra == "requires_grad":
            lines.append("extra requires_grad")
        elif extra:
            lines.append("extra grad_fn=" + extra)
        body = text.split("\n")
        lines.append("expect %d" % len(body))
        lines += body
    seen = set()
    for v in float_values():
        bits = struct.unpack("<Q", struct.pack("<d", v))[0]
        if bits in seen:
            continue
        seen.add(bits)
        lines.append("floatrepr %016x %s" % (bits, repr(v)))
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("%s: %d repr cases, %d floatrepr values" % (OUT, len(CASES), len(seen)))


if __name__ == "__main__":
    main()
