"""tests/kernel/test_console.py — a scripted `jupyter console --kernel ctorch` session on a pseudo-terminal
(pexpect): the real prompt_toolkit front end, so a multi-line `def` relies on is_complete_request and its
indent hint, input() on an input_request over stdin, errors print their traceback, exit() ends the session.
Skipped (77) without jupyter-console or python3-pexpect."""
import os
import re
import shutil
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kerneltest  # noqa: E402

kerneltest.require("jupyter_client", "jupyter_console", "pexpect")
kerneltest.setup_env()

import pexpect  # noqa: E402

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")


class ConsoleSession:
    def __init__(self):
        jupyter = shutil.which("jupyter", path="/usr/bin:" + os.environ.get("PATH", ""))
        self.child = pexpect.spawn(jupyter, ["console", "--kernel", "ctorch"], encoding="utf-8", timeout=30,
                                   dimensions=(40, 160), env=dict(os.environ, TERM="dumb"))
        self.seen = ""

    def wait_for(self, text, timeout=30):
        """Reads until text appears in the ANSI-stripped output after what was already matched."""
        deadline = time.time() + timeout
        while text not in self.seen:
            if time.time() > deadline:
                raise AssertionError(f"timed out waiting for {text!r}; output so far:\n{self.seen[-2000:]}")
            try:
                self.seen += ANSI.sub("", self.child.read_nonblocking(4096, timeout=0.2))
            except pexpect.TIMEOUT:
                pass
        self.seen = self.seen[self.seen.index(text) + len(text):]

    def line(self, s):
        self.child.send(s + "\r")
        time.sleep(0.15)   # let prompt_toolkit ask the kernel (is_complete) before the next key


class ConsoleTests(unittest.TestCase):
    def test_console_session(self):
        c = ConsoleSession()
        try:
            c.wait_for("a Python 3.11 subset")            # the kernel_info banner
            c.wait_for("In [1]: ")
            c.line("x = 6 * 7")
            c.wait_for("In [2]: ")
            c.line("def f(a):")                            # incomplete: the console indents the next line
            c.line("return a + 1")
            c.line("")                                     # the blank line completes the block
            c.wait_for("In [3]: ")
            c.line("f(x)")
            c.wait_for("Out[3]: 43")
            c.line("name = input('who? ')")
            c.wait_for("who? ")
            c.line("Ada")
            c.wait_for("In [5]: ")
            c.line("print('hi', name)")
            c.wait_for("hi Ada")
            c.line("1/0")
            c.wait_for("ZeroDivisionError: division by zero")
            c.line("import torch")
            c.line("torch.ones(2) * x")
            c.wait_for("tensor([42., 42.])")
            c.line("exit()")
            c.child.expect(pexpect.EOF, timeout=30)
        finally:
            if c.child.isalive():
                c.child.terminate(force=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
