#!/usr/bin/python3
"""tests/kernel/gen_hmac_vectors.py — prints the HMAC-SHA256 vectors that tests/unit/test_wire.c holds,
computed with Python's hmac module (the same computation jupyter_client.session.Session.sign does:
one HMAC over header, parent_header, metadata and content, fed in that order)."""
import hashlib
import hmac

CASES = [
    ("rfc4231 case 2, split in 4 parts", b"Jefe", [b"what do ya", b" want ", b"for nothing", b"?"]),
    ("kernel_info_request", b"a0436f6c-1916-498b-8eb9-e81ab9368e84",
     [b'{"msg_id":"m1","session":"s1","username":"u","date":"2025-01-01T00:00:00.000000Z",'
      b'"msg_type":"kernel_info_request","version":"5.3"}', b"{}", b"{}", b"{}"]),
    ("non-ASCII key and content", "clé-ü".encode(), ['{"a":"é"}'.encode(), b"{}", b"{}", b'{"code":"print(1)"}']),
    ("empty parts", b"k", [b"", b"", b"", b""]),
]

for name, key, parts in CASES:
    h = hmac.new(key, digestmod=hashlib.sha256)
    for p in parts:
        h.update(p)
    print(f"{name}: {h.hexdigest()}")
