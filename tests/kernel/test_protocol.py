"""tests/kernel/test_protocol.py — what jupyter_kernel_test does not cover, each on its own kernel process:
bad / unsigned / malformed / replayed messages ignored while the kernel keeps answering, the per-cell output cap
(10 MB printed), stream output arriving while a cell still runs, shutdown speed, restart on the same
ports with a new session, and a cell that raises SystemExit.
"""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kerneltest  # noqa: E402

kerneltest.require("jupyter_client", "zmq")
kerneltest.setup_env()

import zmq  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402


def start(**popen):
    km = KernelManager(kernel_name="ctorch")
    km.start_kernel(**popen)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=30)
    return km, kc


def stop(km, kc):
    kc.stop_channels()
    if km.is_alive():
        km.shutdown_kernel(now=True)


class ProtocolTests(unittest.TestCase):
    def test_bad_messages_ignored(self):
        log_path = os.path.join(os.environ["JUPYTER_RUNTIME_DIR"], f"kernel-log-{os.getpid()}.txt")
        os.makedirs(os.environ["JUPYTER_RUNTIME_DIR"], exist_ok=True)
        log = open(log_path, "w")
        km, kc = start(env=dict(os.environ, CTORCH_LOG_LEVEL="warning"), stderr=log)
        try:
            info = km.get_connection_info()
            ctx = zmq.Context.instance()
            sock = ctx.socket(zmq.DEALER)
            sock.setsockopt(zmq.LINGER, 0)
            sock.connect(f"tcp://{info['ip']}:{info['shell_port']}")
            sub = ctx.socket(zmq.SUB)
            sub.setsockopt(zmq.SUBSCRIBE, b"")
            sub.setsockopt(zmq.LINGER, 0)
            sub.connect(f"tcp://{info['ip']}:{info['iopub_port']}")
            time.sleep(0.3)   # let the subscription reach the kernel
            sess = kc.session
            msg = sess.msg("execute_request", {"code": "print('must not run')", "silent": False})
            parts = [sess.pack(msg[k]) for k in ("header", "parent_header", "metadata", "content")]
            good_sig = sess.sign(parts)
            flipped = bytes([good_sig[0] ^ 1]) + good_sig[1:]
            bad = [
                [b"<IDS|MSG>", flipped] + parts,                            # wrong signature
                [b"<IDS|MSG>", b""] + parts,                                # unsigned
                [b"<IDS|MSG>", good_sig[:63]] + parts,                      # short signature
                [b"<IDS|MSG>", sess.sign(parts[:3] + [b"{nope"])] + parts[:3] + [b"{nope"],   # signed, bad JSON
                [b"no delimiter", good_sig] + parts,
                [b"<IDS|MSG>", good_sig] + parts[:2],                       # too few frames
                [b"<IDS|MSG>", sess.sign(parts[:3] + [b"\xff\xfe"])] + parts[:3] + [b"\xff\xfe"],  # not UTF-8
            ]
            for frames in bad:
                sock.send_multipart(frames)
            # nothing comes back: no reply, no busy/idle, nothing executed
            self.assertEqual(sock.poll(1000), 0)
            while sub.poll(100):
                m = sub.recv_multipart()
                self.assertNotIn(b"must not run", b"".join(m))
                self.assertNotIn(b'"execution_state":"busy"', b"".join(m))
            # a valid message sent twice (a replay) is answered once
            ki = sess.msg("kernel_info_request", {})
            kparts = [sess.pack(ki[k]) for k in ("header", "parent_header", "metadata", "content")]
            frames = [b"<IDS|MSG>", sess.sign(kparts)] + kparts
            sock.send_multipart(frames)
            sock.send_multipart(frames)
            self.assertTrue(sock.poll(5000))
            self.assertIn(b"kernel_info_reply", b"".join(sock.recv_multipart()))
            self.assertEqual(sock.poll(1000), 0)
            # and the kernel still answers properly signed requests
            self.assertTrue(km.is_alive())
            reply, out = kerneltest.run(kc, "print('still here')")
            self.assertEqual(kerneltest.stdout_of(out), "still here\n")
            self.assertEqual(reply["execution_count"], 1)
            sock.close()
            sub.close()
        finally:
            stop(km, kc)
            log.close()
        # each dropped message is in the process log, with the reason
        with open(log_path) as f:
            text = f.read()
        os.unlink(log_path)
        self.assertEqual(text.count("dropped a message on shell: invalid signature"), 3, text)
        self.assertEqual(text.count("dropped a message on shell: a message part is not a JSON object"), 2, text)
        self.assertEqual(text.count("dropped a message on shell: delimiter <IDS|MSG> not present"), 1, text)
        self.assertEqual(text.count("dropped a message on shell: fewer than 5 frames after the delimiter"), 1, text)
        self.assertEqual(text.count("dropped a message on shell: replayed signature (kernel_info_request"), 1, text)

    def test_output_cap_10mb(self):
        km, kc = start()
        try:
            t0 = time.time()
            reply, out = kerneltest.run(kc, "print('x' * 10_000_000)", timeout=60)
            self.assertEqual(reply["status"], "ok")
            text = [c["text"] for t, c in out if t == "stream"]
            total = sum(len(s) for s in text)
            self.assertLess(total, 3 * 1024 * 1024)
            self.assertGreater(total, 1024 * 1024)
            self.assertTrue(any("output truncated" in s for s in text))
            # many small writes are capped too, and the next cell starts from zero
            reply, out = kerneltest.run(kc, "for i in range(100_000):\n    print('y' * 99)", timeout=60)
            self.assertEqual(reply["status"], "ok")
            total = sum(len(c["text"]) for t, c in out if t == "stream")
            self.assertLess(total, 3 * 1024 * 1024)
            self.assertLess(time.time() - t0, 30)
            reply, out = kerneltest.run(kc, "print('small')")
            self.assertEqual(kerneltest.stdout_of(out), "small\n")
        finally:
            stop(km, kc)

    def test_stream_while_running_and_exit(self):
        km, kc = start()
        try:
            msg_id = kc.execute("import time\nprint('first')\ntime.sleep(1.0)\nprint('second')")
            t0 = time.time()
            first_at = None
            while True:
                m = kc.get_iopub_msg(timeout=10)
                if m["parent_header"].get("msg_id") != msg_id:
                    continue
                if m["msg_type"] == "stream" and first_at is None:
                    first_at = time.time() - t0
                    self.assertEqual(m["content"]["text"], "first\n")
                if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                    break
            self.assertIsNotNone(first_at)
            self.assertLess(first_at, 0.8)   # published during the sleep, not with the reply
            reply, out = kerneltest.run(kc, "raise SystemExit(3)")
            self.assertEqual(reply["status"], "error")
            self.assertEqual(reply["ename"], "SystemExit")
            self.assertTrue(km.is_alive())
        finally:
            stop(km, kc)

    def test_shutdown_and_restart_same_ports(self):
        km, kc = start()
        try:
            ports = (km.shell_port, km.iopub_port, km.stdin_port, km.control_port, km.hb_port)
            kerneltest.run(kc, "x = 41")
            first_session = None
            msg_id = kc.kernel_info()
            first_session = kerneltest.reply_for(kc, msg_id)["header"]["session"]
            t0 = time.time()
            km.restart_kernel(now=False)   # SIGINT, shutdown_request(restart=True), wait, relaunch
            restart_s = time.time() - t0
            self.assertEqual((km.shell_port, km.iopub_port, km.stdin_port, km.control_port, km.hb_port), ports)
            kc.wait_for_ready(timeout=30)
            self.assertLess(restart_s, 1.0, f"restart took {restart_s:.2f} s")
            msg_id = kc.kernel_info()
            self.assertNotEqual(kerneltest.reply_for(kc, msg_id)["header"]["session"], first_session)
            reply, out = kerneltest.run(kc, "x")   # a fresh interpreter
            self.assertEqual(reply["ename"], "NameError")
            self.assertEqual(reply["execution_count"], 1)
            # shutdown_request on control: reply, then the process is gone quickly
            t0 = time.time()
            req = kc.session.msg("shutdown_request", {"restart": False})
            kc.control_channel.send(req)
            r = kc.get_control_msg(timeout=5)
            self.assertEqual(r["content"], {"status": "ok", "restart": False})
            while km.is_alive() and time.time() - t0 < 5:
                time.sleep(0.01)
            self.assertFalse(km.is_alive())
            self.assertLess(time.time() - t0, 1.0)
        finally:
            stop(km, kc)

    def test_orphan_exits(self):
        """A kernel whose launcher dies (kill -9) does not linger (JPY_PARENT_PID)."""
        import signal
        import subprocess
        launcher = subprocess.Popen(
            [sys.executable, "-c", "import sys, time\nfrom jupyter_client.manager import KernelManager\n"
             "km = KernelManager(kernel_name='ctorch'); km.start_kernel()\n"
             "p = getattr(km.provisioner, 'process', None) or km.kernel\nprint(p.pid, flush=True)\ntime.sleep(60)"],
            stdout=subprocess.PIPE, text=True)
        pid = int(launcher.stdout.readline())
        time.sleep(0.3)
        os.kill(pid, 0)   # running
        launcher.send_signal(signal.SIGKILL)
        launcher.wait()
        launcher.stdout.close()
        t0 = time.time()
        while time.time() - t0 < 5:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
            self.fail("the orphaned kernel is still running after 5 s")


if __name__ == "__main__":
    unittest.main(verbosity=2)
