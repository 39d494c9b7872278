"""tests/kernel/test_ctorch_kernel.py — the ctorch kernel against jupyter_kernel_test (every attribute set),
plus our own checks on the same kernel process: interrupt keeps state, queued cells aborted after an
error, stdin round trip, display ids, execution_count, is_complete indents, astral-plane cursors,
kernel_info on control and heartbeat while a cell runs.

Run: JUPYTER_PATH=build/share/jupyter /usr/bin/python3 -m unittest -v tests/kernel/test_ctorch_kernel.py
"""
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kerneltest  # noqa: E402

kerneltest.require("jupyter_client", "jupyter_kernel_test", "jsonschema")
kerneltest.setup_env()

import jupyter_kernel_test as jkt  # noqa: E402


class CTorchKernelTests(jkt.KernelTests):
    kernel_name = "ctorch"
    language_name = "ctorch"
    file_extension = ".py"

    code_hello_world = "print('hello, world')"
    code_stderr = "import sys\nprint('warning', file=sys.stderr)"
    completion_samples = [
        {"text": "pri", "matches": {"print"}},
        {"text": "import torch\ntorch.zeros_l", "matches": {"zeros_like"}},
        {"text": "import math\nmath.fl", "matches": {"floor"}},
    ]
    complete_code_samples = ["1", "x = torch.ones(2)", "def f(x):\n    return x * 2\n\n", "print('a')\n"]
    incomplete_code_samples = ["x = torch.ones(", "def f(x):", "for i in range(3):\n    print(i)", "s = '''abc"]
    invalid_code_samples = ["x = = 1", ")", "def f(:"]
    code_page_something = "torch.ones?"
    code_generate_error = "import torch\ntorch.ones(2) + torch.ones(3)"
    code_execute_result = [
        {"code": "1+2+3", "result": "6"},
        {"code": "import torch\ntorch.ones(2)", "result": "tensor([1., 1.])"},
        {"code": "'caf\u00e9' * 2", "result": "'caf\u00e9caf\u00e9'"},
        {"code": "import torch\ntorch.eye(2)", "mime": "text/html"},
    ]
    code_display_data = [
        {"code": "import torch\ndisplay(torch.ones(2, 2))", "mime": "text/html"},
        {"code": "from IPython.display import HTML, display\ndisplay(HTML('<b>bold</b>'))", "mime": "text/html"},
        {"code": "display(3)", "mime": "text/plain"},
    ]
    code_history_pattern = "1?2*"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "torch.ones"
    code_clear_output = "clear_output()"

    # ---- our own checks (run on the same kernel; names sort after jkt's) ----

    def drain(self):
        """Reads iopub until quiet, without flush_channels(): jkt rejects "aborted" replies."""
        while True:
            try:
                self.kc.get_iopub_msg(timeout=0.3)
            except Exception:
                break
        while True:
            try:
                self.kc.get_shell_msg(timeout=0.1)
            except Exception:
                break

    def test_ours_abort_queued_after_error(self):
        self.flush_channels()
        a = self.kc.execute("raise ValueError('boom')")
        b = self.kc.execute("print('never')")
        c = self.kc.execute("print('nor this')")
        ra = kerneltest.reply_for(self.kc, a)
        rb = kerneltest.reply_for(self.kc, b)
        rc = kerneltest.reply_for(self.kc, c)
        self.assertEqual(ra["content"]["status"], "error")
        self.assertEqual(ra["content"]["ename"], "ValueError")
        self.assertEqual(rb["content"]["status"], "aborted")
        self.assertEqual(rc["content"]["status"], "aborted")
        self.drain()
        # not aborted later: no time window
        reply, out = kerneltest.run(self.kc, "print('runs')")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(kerneltest.stdout_of(out), "runs\n")

    def test_ours_display_ids(self):
        self.flush_channels()
        reply, out = kerneltest.run(self.kc, "h = display('one', display_id=True)\nh.update('two')\n"
                                             "from IPython.display import update_display\n"
                                             "update_display('three', display_id=h.display_id)")
        self.assertEqual(reply["status"], "ok")
        types = [t for t, _ in out]
        self.assertEqual(types, ["display_data", "update_display_data", "update_display_data"])
        ids = {c["transient"]["display_id"] for _, c in out}
        self.assertEqual(len(ids), 1)
        self.assertEqual(out[2][1]["data"]["text/plain"], "'three'")

    def test_ours_execution_count(self):
        self.flush_channels()
        r1, _ = kerneltest.run(self.kc, "1")
        r2, out = kerneltest.run(self.kc, "2")
        self.assertEqual(r2["execution_count"], r1["execution_count"] + 1)
        self.assertEqual(out[0][1]["execution_count"], r2["execution_count"])
        r3, _ = kerneltest.run(self.kc, "3", silent=True)
        self.assertEqual(r3["execution_count"], r2["execution_count"])
        r4, _ = kerneltest.run(self.kc, "1/0")
        r5, _ = kerneltest.run(self.kc, "5")
        self.assertEqual((r4["execution_count"], r5["execution_count"]),
                         (r2["execution_count"] + 1, r2["execution_count"] + 2))

    def test_ours_interrupt_keeps_state(self):
        self.flush_channels()
        kerneltest.run(self.kc, "import torch\nx = torch.ones(3)")
        msg_id = self.kc.execute("n = 0\nwhile True:\n    n += 1")
        time.sleep(0.5)
        self.km.interrupt_kernel()   # SIGINT (interrupt_mode signal)
        reply = kerneltest.reply_for(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
        kerneltest.collect(self.kc, msg_id)
        reply, out = kerneltest.run(self.kc, "x.sum(), n > 0")
        self.assertEqual(out[0][1]["data"]["text/plain"], "(tensor(3.), True)")
        # interrupt_request on control does the same
        msg_id = self.kc.execute("while True:\n    pass")
        time.sleep(0.3)
        req = self.kc.session.msg("interrupt_request", {})
        self.kc.control_channel.send(req)
        ir = self.kc.get_control_msg(timeout=5)
        self.assertEqual(ir["content"]["status"], "ok")
        reply = kerneltest.reply_for(self.kc, msg_id)
        self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
        kerneltest.collect(self.kc, msg_id)
        # an interrupt while idle is harmless
        self.km.interrupt_kernel()
        time.sleep(0.2)
        reply, out = kerneltest.run(self.kc, "x.sum()")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(out[0][1]["data"]["text/plain"], "tensor(3.)")

    def test_ours_is_complete_indent(self):
        for code, indent in [("def f(x):", "    "), ("for i in range(3):\n    if i:", "        "),
                             ("while True:\n    x = 1", "    ")]:
            msg_id = self.kc.is_complete(code)
            r = kerneltest.reply_for(self.kc, msg_id)
            self.assertEqual(r["content"], {"status": "incomplete", "indent": indent})

    def test_ours_complete_code_points(self):
        code = "\U0001F600 = 1\n\u00e9t\u00e9 = 2\nprint(\u00e9t"
        kerneltest.run(self.kc, "\u00e9t\u00e9 = 2")
        msg_id = self.kc.complete(code, len(code))
        r = kerneltest.reply_for(self.kc, msg_id)["content"]
        self.assertIn("\u00e9t\u00e9", r["matches"])
        self.assertEqual((r["cursor_start"], r["cursor_end"]), (len(code) - 2, len(code)))

    def test_ours_control_and_heartbeat_while_busy(self):
        self.flush_channels()
        msg_id = self.kc.execute("import time\ntime.sleep(1.5)\nprint('slept')")
        time.sleep(0.3)
        t0 = time.time()
        req = self.kc.session.msg("kernel_info_request", {})
        self.kc.control_channel.send(req)
        r = self.kc.get_control_msg(timeout=5)
        self.assertEqual(r["header"]["msg_type"], "kernel_info_reply")
        self.assertLess(time.time() - t0, 0.5)
        self.assertTrue(self.kc.hb_channel.is_beating())
        reply = kerneltest.reply_for(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        kerneltest.collect(self.kc, msg_id)

    def test_ours_stdin_round_trip(self):
        self.flush_channels()
        msg_id = self.kc.execute("name = input('Who? ')\nprint('hi', name)", allow_stdin=True)
        req = self.kc.get_stdin_msg(timeout=5)
        self.assertEqual(req["msg_type"], "input_request")
        self.assertEqual(req["content"], {"prompt": "Who? ", "password": False})
        self.assertEqual(req["parent_header"]["msg_id"], msg_id)
        self.kc.input("Grace")
        reply = kerneltest.reply_for(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        out = kerneltest.collect(self.kc, msg_id)
        text = "".join(m["content"]["text"] for m in out if m["msg_type"] == "stream")
        self.assertEqual(text, "hi Grace\n")
        # an interrupt ends a pending input()
        msg_id = self.kc.execute("input('never answered')", allow_stdin=True)
        self.kc.get_stdin_msg(timeout=5)
        self.km.interrupt_kernel()
        reply = kerneltest.reply_for(self.kc, msg_id)
        self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
        kerneltest.collect(self.kc, msg_id)
        # no stdin allowed
        reply, out = kerneltest.run(self.kc, "input()", allow_stdin=False)
        self.assertEqual(reply["ename"], "StdinNotImplementedError")


if __name__ == "__main__":
    unittest.main(verbosity=2)
