"""tests/kernel/test_soak.py [N] — a long-running kernel: N executions (default 500, CTORCH_SOAK_N or the
first argument; the full soak is 10000, see docs/security.md) of mixed cells on one kernel process:
plain statements and expressions, errors, interrupts of a sleeping cell, large outputs (over the
per-cell cap), matplotlib figures shown as image/png, small training steps, stdin-free input()
refusals, user_expressions. For every request it checks busy -> ... -> idle on iopub and exactly one
execute_reply with the right status, all with the request as parent; at the end, that the kernel's
resident memory after the warm-up did not grow by more than CTORCH_SOAK_RSS_MB (default 40) MiB.
CTORCH_SOAK_KINDS=plot,train restricts the cells to those kinds (to find what memory growth comes from).
"""
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kerneltest  # noqa: E402

kerneltest.require("jupyter_client")
kerneltest.setup_env()

from jupyter_client.manager import KernelManager  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("CTORCH_SOAK_N", "500"))
RSS_SLACK_MB = float(os.environ.get("CTORCH_SOAK_RSS_MB", "40"))
SETUP = """
import torch, time
import torch.nn as nn
import matplotlib
import matplotlib.pyplot as plt
torch.manual_seed(0)
model = nn.Linear(4, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.01)
data, target = torch.randn(16, 4), torch.randn(16, 1)
history = []
"""

# (kind, code, expected status)
CELLS = [
    ("stmt", "x = {i} * 2\ny = [x] * 3", "ok"),
    ("expr", "{i} + 1", "ok"),
    ("print", "for k in range(20):\n    print(k, {i})", "ok"),
    ("error", "1 / 0", "error"),
    ("name_error", "undefined_name_{i}", "error"),
    ("syntax", "def f(:\n  pass", "error"),
    ("large", "print('x' * 3_000_000)", "ok"),            # over the 2 MiB cap: truncated, not fatal
    ("plot", "plt.plot([1, 2, 3], [{i} % 7, 2, 1])\nplt.title('soak')\nplt.show()", "ok"),
    ("train", "opt.zero_grad()\nloss = ((model(data) - target) ** 2).mean()\nloss.backward()\nopt.step()\n"
              "history.append(float(loss))\nlen(history) > 0", "ok"),
    ("tensor", "t = torch.randn(64, 64)\n(t @ t.T).diagonal().sum().item() > -1e9", "ok"),
    ("input", "input('name? ')", "error"),               # allow_stdin false: StdinNotImplementedError
    ("exception_class", "class E(Exception): pass\nraise E('soak {i}')", "error"),
    ("interrupt", "time.sleep(30)", "error"),
]
WEIGHTS = {"large": 1, "plot": 2, "interrupt": 1, "train": 4}


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def kernel_pid(km):
    prov = getattr(km, "provisioner", None)
    proc = getattr(prov, "process", None) if prov else None
    if proc is None:
        proc = getattr(km, "kernel", None)
    return proc.pid


def main():
    km = KernelManager(kernel_name="ctorch")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    failures = []
    try:
        pid = kernel_pid(km)
        r, _ = kerneltest.run(kc, SETUP, timeout=60)
        assert r["status"] == "ok", r
        rng = random.Random(1234)
        only = [k for k in os.environ.get("CTORCH_SOAK_KINDS", "").split(",") if k]   # diagnosis: a subset
        kinds = [c for c in CELLS for _ in range(WEIGHTS.get(c[0], 3)) if not only or c[0] in only]
        warm = max(20, N // 10)
        base = None
        counts = {}
        t0 = time.time()
        for i in range(N):
            kind, code, want = rng.choice(kinds)
            counts[kind] = counts.get(kind, 0) + 1
            code = code.replace("{i}", str(i))
            user_expressions = {"h": "len(history)"} if i % 50 == 0 else {}
            msg_id = kc.execute(code, user_expressions=user_expressions, stop_on_error=False, allow_stdin=False)
            if kind == "interrupt":
                time.sleep(0.2)
                km.interrupt_kernel()
            try:
                reply = kerneltest.reply_for(kc, msg_id, timeout=60)
                msgs = kerneltest.collect(kc, msg_id, timeout=60)
            except Exception as e:   # queue.Empty: no reply or no idle in time
                failures.append(f"{i} {kind}: no reply/idle within 60 s ({type(e).__name__})")
                break
            states = [m["content"]["execution_state"] for m in msgs if m["msg_type"] == "status"]
            status = reply["content"]["status"]
            if states[:1] != ["busy"] or states[-1:] != ["idle"] or len(states) != 2:
                failures.append(f"{i} {kind}: status messages {states}")
            if status != want:
                failures.append(f"{i} {kind}: status {status}, expected {want}: {reply['content'].get('evalue')}")
            if kind == "interrupt" and reply["content"].get("ename") != "KeyboardInterrupt":
                failures.append(f"{i} interrupt: ename {reply['content'].get('ename')}")
            if kind == "plot" and not any(m["msg_type"] == "display_data" and "image/png" in m["content"]["data"]
                                          for m in msgs):
                failures.append(f"{i} plot: no image/png display_data")
            if i == warm:
                base = rss_kb(pid)
            if len(failures) > 20:
                break
        end = rss_kb(pid)
        grew = (end - base) / 1024 if base else 0
        print(f"soak: {N} executions in {time.time() - t0:.0f} s, kinds {sorted(counts.items())}; "
              f"RSS after warm-up {base / 1024 if base else 0:.1f} MiB, at the end {end / 1024:.1f} MiB (+{grew:.1f})")
        if grew > RSS_SLACK_MB:
            failures.append(f"RSS grew by {grew:.1f} MiB after the warm-up (limit {RSS_SLACK_MB} MiB)")
        if not km.is_alive():
            failures.append("the kernel died")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
