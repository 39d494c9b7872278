#!/usr/bin/python3
"""tests/fuzz/gen_seeds.py — writes the hand-made seeds of tests/fuzz/corpus/{wire,vision,torchload}.
The parse, interp and notebook targets are seeded by other suites' files in place (see README.md). Run from the repository root:
/usr/bin/python3 tests/fuzz/gen_seeds.py. Deterministic (fixed ids and dates)."""
import hashlib, hmac, json, os, struct, zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
KEY = b"fuzz-key-0123456789"   # tests/fuzz/wire.c's key


def put(target, name, data):
    os.makedirs(os.path.join(ROOT, target), exist_ok=True)
    with open(os.path.join(ROOT, target, name), "wb") as f:
        f.write(data)


# ---- wire: flags byte, then frames separated by NUL ----
def header(msg_type, n):
    return {"msg_id": "seed-%d" % n, "session": "s-1", "username": "fuzz", "date": "2025-01-01T00:00:00.000000Z",
            "msg_type": msg_type, "version": "5.3"}


def frames(msg_type, content, n, ids=(b"client",), buffers=(), parent=None, metadata=None, sign=True):
    parts = [json.dumps(header(msg_type, n), separators=(",", ":")).encode(),
             json.dumps(parent or {}, separators=(",", ":")).encode(),
             json.dumps(metadata or {}, separators=(",", ":")).encode(),
             json.dumps(content, separators=(",", ":")).encode()]
    h = hmac.new(KEY, digestmod=hashlib.sha256)
    for p in parts:
        h.update(p)
    sig = h.hexdigest().encode() if sign else b"0" * 64
    return list(ids) + [b"<IDS|MSG>", sig] + parts + list(buffers)


WIRE = [
    ("kernel_info_request", {}),
    ("execute_request", {"code": "1+1", "silent": False, "store_history": True, "user_expressions": {},
                         "allow_stdin": False, "stop_on_error": True}),
    ("execute_request", {"code": "print(1)", "silent": True, "store_history": False}),
    ("complete_request", {"code": "import torch\ntorch.ze", "cursor_pos": 21}),
    ("complete_request", {"code": "x = [1,2]\nx.app", "cursor_pos": 99}),
    ("inspect_request", {"code": "len(", "cursor_pos": 4, "detail_level": 0}),
    ("inspect_request", {"code": "print", "cursor_pos": 2, "detail_level": 1}),
    ("is_complete_request", {"code": "for i in range(3):"}),
    ("is_complete_request", {"code": "x = (1,\n"}),
    ("history_request", {"output": True, "raw": True, "hist_access_type": "tail", "n": 10}),
    ("history_request", {"output": False, "raw": True, "hist_access_type": "range", "session": 0, "start": 1,
                         "stop": 5}),
    ("history_request", {"output": False, "raw": True, "hist_access_type": "search", "pattern": "x*", "unique": True,
                         "n": 3}),
    ("comm_info_request", {"target_name": "jupyter.widget"}),
    ("interrupt_request", {}),
    ("shutdown_request", {"restart": True}),
    ("no_such_request", {"a": [1, 2.5, None, True, "\u00e9"]}),
]
for i, (t, c) in enumerate(WIRE):
    put("wire", "%02d_%s" % (i, t), b"\x01" + b"\0".join(frames(t, c, i)))
put("wire", "20_signed_by_peer", b"\x00" + b"\0".join(frames("kernel_info_request", {}, 20)))
put("wire", "21_bad_signature", b"\x00" + b"\0".join(frames("kernel_info_request", {}, 21, sign=False)))
put("wire", "22_buffers_ids", b"\x01" + b"\0".join(frames("comm_msg", {"comm_id": "c", "data": {}}, 22,
                                                           ids=(b"a", b"b"), buffers=(b"\x01\x02", b"xyz"))))
put("wire", "23_control", b"\x03" + b"\0".join(frames("kernel_info_request", {}, 23)))
put("wire", "24_short", b"\x01" + b"\0".join([b"<IDS|MSG>", b"", b"{}"]))
put("wire", "25_not_object", b"\x01" + b"\0".join([b"<IDS|MSG>", b"", b"[]", b"{}", b"{}", b"{}"]))

# ---- vision: first byte even = IDX, odd = CIFAR ----
def idx(code, shape, values, fmt):
    b = bytes([0, 0, code, len(shape)]) + b"".join(struct.pack(">I", s) for s in shape)
    return b + b"".join(struct.pack(">" + fmt, v) for v in values)


put("vision", "idx_u8_2x3", b"\x00" + idx(0x08, [2, 3], range(6), "B"))
put("vision", "idx_u8_labels", b"\x00" + idx(0x08, [5], [3, 1, 4, 1, 5], "B"))
put("vision", "idx_i32_3", b"\x00" + idx(0x0C, [3], [-1, 0, 7], "i"))
put("vision", "idx_f32_2x2", b"\x00" + idx(0x0D, [2, 2], [0.5, -1.0, 3.25, 1e9], "f"))
put("vision", "idx_f64_1x1x2", b"\x00" + idx(0x0E, [1, 1, 2], [1.5, -2.5], "d"))
put("vision", "idx_truncated", b"\x00" + idx(0x08, [4, 4], range(10), "B"))
rec = lambda label, v: bytes([label]) + bytes([v]) * 3072
put("vision", "cifar_1", b"\x01" + rec(3, 7))
put("vision", "cifar_2", b"\x01" + rec(0, 1) + rec(9, 200))
put("vision", "cifar_badlabel", b"\x01" + rec(10, 0))

# ---- torchload: first byte 0 = whole file, 1 = payload (valid header made by the target), 2 = the
# payload, compressed by the target. Encoding as kernel/lang/serialize.c documents it. ----
def u64(n): return struct.pack("<Q", n)
def i64(n): return struct.pack("<q", n)
def s(x): b = x.encode(); return b"s" + u64(len(b)) + b
DT = {"bool": (0, "?"), "u8": (1, "B"), "i32": (2, "i"), "i64": (3, "q"), "f32": (4, "f"), "f64": (5, "d")}
def tensor(dt, shape, values, flags=0, dev=(0, -1)):
    code, fmt = DT[dt]
    b = b"X" + bytes([code, flags, dev[0]]) + struct.pack("<b", dev[1]) + bytes([len(shape)])
    b += b"".join(i64(n) for n in shape)
    return b + b"".join(struct.pack("<" + fmt, v) for v in values)
def seq(tag, items): return tag + u64(len(items)) + b"".join(items)
def file(payload, compress=False):
    body = zlib.compress(payload) if compress else payload
    return (b"\x89CTORCH\n" + struct.pack("<II", 1, 1 if compress else 0) + u64(len(payload)) + u64(len(body))
            + struct.pack("<II", zlib.crc32(payload), 0) + body)

PAYLOADS = {
    "none": b"N",
    "scalars": seq(b"t", [b"N", b"F", b"T", b"i" + i64(-5), b"f" + struct.pack("<d", 2.5), s("h\u00e9"),
                         b"b" + u64(2) + b"\x00\xff"]),
    "tensor_f32": tensor("f32", [2, 3], [1, 2, 3, 4, 5, 6]),
    "tensor_kinds": seq(b"l", [tensor("bool", [2], [True, False]), tensor("u8", [1], [9]),
                               tensor("i32", [0], []), tensor("i64", [], [7]), tensor("f64", [1, 1], [0.25], flags=1)]),
    "state_dict": b"o" + u64(2) + s("weight") + tensor("f32", [1, 2], [0.1, 0.2], flags=2) + s("bias")
                  + tensor("f32", [1], [0.0], flags=2) + b"N",
    "shared": seq(b"l", [tensor("f32", [1], [1.0]), b"r" + u64(0)]),
    "dict_misc": b"d" + u64(3) + s("size") + b"S\x02" + i64(2) + i64(3) + s("dtype") + b"y\x04" + s("dev")
                 + b"v\x00\xff",
    "nested": seq(b"l", [seq(b"l", [seq(b"t", [b"N"])])]),
    "cuda_tensor": tensor("f32", [1], [1.0], dev=(1, 0)),
}
for name, p in PAYLOADS.items():
    put("torchload", "payload_" + name, b"\x01" + p)
put("torchload", "zlib_tensor", b"\x02" + PAYLOADS["tensor_kinds"])
put("torchload", "file_state_dict", b"\x00" + file(PAYLOADS["state_dict"]))
put("torchload", "file_zlib", b"\x00" + file(PAYLOADS["tensor_f32"] * 1, compress=True))
put("torchload", "file_zip", b"\x00PK\x03\x04rest")
put("torchload", "file_pickle", b"\x00\x80\x02}q\x00.")
