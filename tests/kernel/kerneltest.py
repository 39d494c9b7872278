"""tests/kernel/kerneltest.py — shared helpers for the kernel tests: skip cleanly (exit 77) when the
Jupyter client libraries are missing, find the build tree's kernelspec, and collect the iopub messages
of one request."""
import os
import sys
import time

SKIP = 77


def require(*modules):
    """Exits with ctest's skip code when a module cannot be imported."""
    for name in modules:
        try:
            __import__(name)
        except ImportError as e:
            print(f"SKIP: {name} is not importable ({e}); install python3-jupyter-client etc. (.ci/deps)")
            sys.exit(SKIP)


def setup_env():
    """JUPYTER_PATH from the environment ctest sets (the build tree's share/jupyter); runtime files in a
    private directory so parallel tests and the user's own Jupyter do not mix."""
    if "JUPYTER_PATH" not in os.environ:
        here = os.path.dirname(os.path.abspath(__file__))
        os.environ["JUPYTER_PATH"] = os.path.join(here, "..", "..", "build", "share", "jupyter")
    os.environ.setdefault("JUPYTER_RUNTIME_DIR", os.path.join(os.environ.get("TMPDIR", "/tmp"), f"ctorch-kt-{os.getpid()}"))
    os.environ.setdefault("CTORCH_LOG_LEVEL", "error")


def collect(kc, msg_id, timeout=10):
    """iopub messages whose parent is msg_id, up to and including status idle."""
    out = []
    deadline = time.time() + timeout
    while True:
        m = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        out.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return out


def reply_for(kc, msg_id, timeout=10):
    """The shell reply to msg_id (skipping others, e.g. the kernel_info_replies of wait_for_ready)."""
    deadline = time.time() + timeout
    while True:
        r = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if r["parent_header"].get("msg_id") == msg_id:
            return r


def run(kc, code, timeout=10, **kw):
    """Executes code: (reply content, [(msg_type, content) of iopub outputs])."""
    msg_id = kc.execute(code, **kw)
    r = reply_for(kc, msg_id, timeout)
    msgs = collect(kc, msg_id, timeout)
    outs = [(m["msg_type"], m["content"]) for m in msgs if m["msg_type"] not in ("status", "execute_input")]
    return r["content"], outs


def stdout_of(outs):
    return "".join(c["text"] for t, c in outs if t == "stream" and c["name"] == "stdout")
