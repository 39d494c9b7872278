#!/usr/bin/python3
"""bench/kernel_bench.py — the ctorch kernel side by side with ipykernel (Debian python3-ipykernel, with
Debian's python3-torch 1.13 for `import torch`). Not a test: it prints a table.

  start -> ready   from launching the kernel process (argv of its kernelspec) to its kernel_info_reply,
                   with the client sockets connected beforehand (reconnect interval 1 ms), so the
                   number is the kernel's and not jupyter_client's (whose wait_for_ready polls once a
                   second); "via jupyter_client" is KernelManager.start_kernel to the first reply
  round trip       warm execute_request of a trivial cell (`1`) until its reply and status idle (median,
                   p90), with a bare pyzmq client (what the kernel costs: see parse_light) and with
                   jupyter_client's BlockingKernelClient (whose Python message parsing dominates)
  RSS              resident memory of the kernel process, idle and after `import torch`

Usage: JUPYTER_PATH=build/share/jupyter /usr/bin/python3 bench/kernel_bench.py [--runs N] [--cells N]
Targets (issue 4): ready < 50 ms; round trip <= 1/4 of ipykernel's; memory <= 1/10.
"""
import argparse
import json
import os
import statistics
import sys
import time

try:
    import zmq
    from jupyter_client.connect import write_connection_file
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    from jupyter_client.manager import KernelManager
    from jupyter_client.session import Session
except ImportError:
    sys.exit("needs python3-jupyter-client (run with /usr/bin/python3)")
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
os.environ.setdefault("JUPYTER_PATH", os.path.join(HERE, "..", "build", "share", "jupyter"))


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def kernel_pid(km):
    prov = getattr(km, "provisioner", None)
    proc = getattr(prov, "process", None) if prov else None
    return proc.pid if proc else km.kernel.pid


def raw_start_to_ready(name):
    """Launch to kernel_info_reply, the client already connected (see the module doc)."""
    spec = KernelSpecManager().get_kernel_spec(name)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "kernel.json")
        key = os.urandom(16).hex()
        _, cfg = write_connection_file(path, ip="127.0.0.1", key=key.encode())
        ctx = zmq.Context.instance()
        shell = ctx.socket(zmq.DEALER)
        shell.setsockopt(zmq.RECONNECT_IVL, 1)
        shell.setsockopt(zmq.LINGER, 0)
        shell.connect(f"tcp://127.0.0.1:{cfg['shell_port']}")
        session = Session(key=key.encode())
        argv = [a.replace("{connection_file}", path) for a in spec.argv]
        env = dict(os.environ, **spec.env)
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        session.send(shell, "kernel_info_request", {})
        ready = None
        if shell.poll(60000):
            session.recv(shell)
            ready = time.perf_counter() - t0
        proc.kill()
        proc.wait()
        shell.close()
        return ready


def start_to_ready(name):
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    ready = None
    while ready is None and time.perf_counter() - t0 < 60:
        msg_id = kc.kernel_info()
        deadline = time.perf_counter() + 0.002
        while time.perf_counter() < deadline:
            try:
                r = kc.get_shell_msg(timeout=0.002)
            except Exception:
                continue
            if r["parent_header"].get("msg_id") == msg_id or r["msg_type"] == "kernel_info_reply":
                ready = time.perf_counter() - t0
                break
    return km, kc, ready


def run_cell(kc, code, timeout=60):
    msg_id = kc.execute(code)
    while True:
        m = kc.get_iopub_msg(timeout=timeout)
        if (m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                and m["content"]["execution_state"] == "idle"):
            break
    while True:
        r = kc.get_shell_msg(timeout=timeout)
        if r["parent_header"].get("msg_id") == msg_id:
            return r["content"]


def parse_light(frames):
    """(msg_type, parent msg_id, content) of a received message without jupyter_client's deserialize
    (signature check and date parsing cost ~0.25 ms a message in Python: more than the C kernel)."""
    i = frames.index(b"<IDS|MSG>")
    header, parent, _, content = (json.loads(f) for f in frames[i + 2:i + 6])
    return header["msg_type"], parent.get("msg_id"), content


def raw_round_trips(km, cells):
    """Round trips with pyzmq sockets of our own: requests signed by a jupyter_client Session, replies
    read with parse_light."""
    info = km.get_connection_info()
    ctx = zmq.Context.instance()
    shell = ctx.socket(zmq.DEALER)
    shell.connect(f"tcp://{info['ip']}:{info['shell_port']}")
    sub = ctx.socket(zmq.SUB)
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    sub.connect(f"tcp://{info['ip']}:{info['iopub_port']}")
    session = Session(key=info["key"], signature_scheme=info["signature_scheme"])
    time.sleep(0.3)   # the subscription reaches the kernel
    times = []
    content = {"code": "1", "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False,
               "stop_on_error": True}
    for i in range(cells + 20):
        t0 = time.perf_counter()
        msg_id = session.send(shell, "execute_request", content)["header"]["msg_id"]
        idle = replied = False
        while not (idle and replied):
            for sock in zmq.select([shell, sub], [], [], 10)[0]:
                mtype, parent, c = parse_light(sock.recv_multipart())
                if parent != msg_id:
                    continue
                if sock is shell:
                    replied = True
                elif mtype == "status" and c["execution_state"] == "idle":
                    idle = True
        if i >= 20:
            times.append(time.perf_counter() - t0)
    shell.close(linger=0)
    sub.close(linger=0)
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))]


def drain(kc):
    for get in (kc.get_iopub_msg, kc.get_shell_msg):
        while True:
            try:
                get(timeout=0.2)
            except Exception:
                break


def bench(name, runs, cells):
    raw = [raw_start_to_ready(name) for _ in range(runs)]
    readies = []
    km = kc = None
    for i in range(runs):
        km, kc, ready = start_to_ready(name)
        readies.append(ready)
        if i < runs - 1:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    drain(kc)
    pid = kernel_pid(km)
    for _ in range(20):
        run_cell(kc, "1")
    rts = []
    for _ in range(cells):
        t0 = time.perf_counter()
        run_cell(kc, "1")
        rts.append(time.perf_counter() - t0)
    idle_rss = rss_kb(pid)
    r = run_cell(kc, "import torch")
    torch_rss = rss_kb(pid) if r.get("status") == "ok" else None
    kc.stop_channels()   # its threads would compete for the CPUs
    raw_rt, raw_p90 = raw_round_trips(km, cells)
    km.shutdown_kernel(now=True)
    rts.sort()
    return {
        "raw_ready_ms": statistics.median(raw) * 1e3,
        "ready_ms": statistics.median(readies) * 1e3,
        "raw_rt_ms": raw_rt * 1e3,
        "raw_rt_p90_ms": raw_p90 * 1e3,
        "rt_ms": statistics.median(rts) * 1e3,
        "rt_p90_ms": rts[int(0.9 * (len(rts) - 1))] * 1e3,
        "idle_mb": idle_rss / 1024,
        "torch_mb": torch_rss / 1024 if torch_rss else float("nan"),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="kernel starts to time (median)")
    ap.add_argument("--cells", type=int, default=200, help="warm round trips to time")
    ap.add_argument("--kernels", default="ctorch,python3")
    args = ap.parse_args()
    res = {}
    for name in args.kernels.split(","):
        try:
            res[name] = bench(name, args.runs, args.cells)
        except NoSuchKernel:
            print(f"kernel '{name}' not found (python3: install python3-ipykernel)", file=sys.stderr)
    print(f"{len(res)} kernels; {args.runs} starts, {args.cells} round trips each; {os.cpu_count()} CPUs")
    cols = [("start -> ready (ms)", "raw_ready_ms"), ("  via jupyter_client (ms)", "ready_ms"), ("round trip median (ms)", "raw_rt_ms"), ("round trip p90 (ms)", "raw_rt_p90_ms"),
            ("  via jupyter_client median (ms)", "rt_ms"), ("  via jupyter_client p90 (ms)", "rt_p90_ms"),
            ("RSS idle (MB)", "idle_mb"), ("RSS after import torch (MB)", "torch_mb")]
    names = list(res)
    print(f"{'':30}" + "".join(f"{n:>14}" for n in names) + ("       ratio" if len(names) == 2 else ""))
    for label, key in cols:
        row = f"{label:30}" + "".join(f"{res[n][key]:14.2f}" for n in names)
        if len(names) == 2 and res[names[0]][key]:
            row += f"{res[names[1]][key] / res[names[0]][key]:11.1f}x"
        print(row)
    if "ctorch" in res:
        c = res["ctorch"]
        print(f"\ntargets: ready < 50 ms: {'met' if c['raw_ready_ms'] < 50 else 'NOT met'}", end="")
        if "python3" in res:
            p = res["python3"]
            print(f"; round trip <= 1/4 of ipykernel: {'met' if c['raw_rt_ms'] * 4 <= p['raw_rt_ms'] else 'NOT met'}"
                  f"; memory <= 1/10: {'met' if c['torch_mb'] * 10 <= p['torch_mb'] else 'NOT met'}")
        else:
            print()


if __name__ == "__main__":
    main()
