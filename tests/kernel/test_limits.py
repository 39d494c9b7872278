"""tests/kernel/test_limits.py — the kernel's limits over real sockets (docs/security.md), each on its
own kernel process: a message larger than CTORCH_MAX_MESSAGE_SIZE is dropped (logged, never answered)
while the kernel keeps serving; --output-limit caps a cell's stream output; a tensor over
--max-tensor-memory is a MemoryError reply and the kernel lives on; runaway recursion with a huge
sys.setrecursionlimit is a RecursionError reply, not a dead kernel.
"""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kerneltest  # noqa: E402

kerneltest.require("jupyter_client")
kerneltest.setup_env()

from jupyter_client.manager import KernelManager  # noqa: E402


def start(extra_args=(), env=None, stderr=None):
    km = KernelManager(kernel_name="ctorch")
    popen = {"env": dict(os.environ, **(env or {}))}
    if stderr:
        popen["stderr"] = stderr
    km.start_kernel(extra_arguments=list(extra_args), **popen)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=30)
    return km, kc


def stop(km, kc):
    kc.stop_channels()
    if km.is_alive():
        km.shutdown_kernel(now=True)


class LimitTests(unittest.TestCase):
    def test_message_size(self):
        os.makedirs(os.environ["JUPYTER_RUNTIME_DIR"], exist_ok=True)
        log_path = os.path.join(os.environ["JUPYTER_RUNTIME_DIR"], f"limits-log-{os.getpid()}.txt")
        with open(log_path, "w") as log:
            km, kc = start(env={"CTORCH_MAX_MESSAGE_SIZE": "64k", "CTORCH_LOG_LEVEL": "warning"}, stderr=log)
            try:
                # one frame over the limit: ZeroMQ drops the connection (ZMQ_MAXMSGSIZE), the client reconnects
                big = kc.execute("x = '" + "a" * 100_000 + "'")
                with self.assertRaises(Exception):
                    kerneltest.reply_for(kc, big, timeout=3)
                # frames each under the limit, over it together: read, dropped and logged by the kernel
                msg = kc.session.msg("execute_request", {"code": "y = 1", "silent": False})
                kc.session.send(kc.shell_channel.socket, msg, buffers=[b"b" * 40_000, b"c" * 40_000])
                with self.assertRaises(Exception):
                    kerneltest.reply_for(kc, msg["header"]["msg_id"], timeout=3)
                r, outs = kerneltest.run(kc, "print('still here')")
                self.assertEqual(r["status"], "ok")
                self.assertEqual(kerneltest.stdout_of(outs), "still here\n")
                r, outs = kerneltest.run(kc, "print('x' in dir(), 'y' in dir())")
                self.assertEqual(kerneltest.stdout_of(outs), "False False\n")
            finally:
                stop(km, kc)
        with open(log_path) as f:
            self.assertIn("larger than the message size limit", f.read())

    def test_output_limit_option(self):
        km, kc = start(extra_args=["--output-limit=1k"])
        try:
            r, outs = kerneltest.run(kc, "for i in range(100):\n    print('y' * 99)")
            self.assertEqual(r["status"], "ok")
            text = kerneltest.stdout_of(outs)
            self.assertLessEqual(text.count("y"), 1024)
            self.assertGreater(text.count("y"), 500)
        finally:
            stop(km, kc)

    def test_tensor_memory(self):
        km, kc = start(extra_args=["--max-tensor-memory", "32M"])
        try:
            r, _ = kerneltest.run(kc, "import torch\nx = torch.zeros(16 << 20)")
            self.assertEqual(r["status"], "error")
            self.assertEqual(r["ename"], "MemoryError")
            self.assertIn("tensor memory limit exceeded", r["evalue"])
            r, outs = kerneltest.run(kc, "print(torch.ones(4).sum().item())")
            self.assertEqual(kerneltest.stdout_of(outs), "4.0\n")
        finally:
            stop(km, kc)

    def test_stack_guard(self):
        km, kc = start(env={"CTORCH_MAX_RECURSION_LIMIT": "0"})
        try:
            r, _ = kerneltest.run(kc, "import sys\nsys.setrecursionlimit(10**7)\ndef f(n): return f(n + 1)\nf(0)",
                                  timeout=60)
            self.assertEqual(r["status"], "error")
            self.assertEqual(r["ename"], "RecursionError")
            r, outs = kerneltest.run(kc, "print('alive')")
            self.assertEqual(kerneltest.stdout_of(outs), "alive\n")
        finally:
            stop(km, kc)


if __name__ == "__main__":
    unittest.main()
