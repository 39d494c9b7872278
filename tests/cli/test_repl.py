#!/usr/bin/python3
"""tests/cli/test_repl.py CTORCH — drives the interactive `ctorch` prompt through a pseudo-terminal:
the banner, >>> and ... prompts, values echoed as CPython echoes them, a compound statement ended by an
empty line, an error traceback (<stdin>), line editing (left arrow + insert, backspace), history (up
arrow), Ctrl-C discarding the line, and Ctrl-D leaving. Exit 0 on success, 77 if no pty is available."""
import os
import pty
import select
import sys
import time

ctorch = sys.argv[1]


def read_until(fd, token, timeout=10.0):
    buf = b""
    end = time.time() + timeout
    while token not in buf:
        left = end - time.time()
        if left <= 0:
            raise AssertionError("timed out waiting for %r; got %r" % (token, buf))
        r, _, _ = select.select([fd], [], [], left)
        if not r:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
    return buf


def main():
    try:
        pid, fd = pty.fork()
    except OSError:
        return 77
    if pid == 0:
        os.execv(ctorch, [ctorch])
    out = read_until(fd, b">>> ")
    assert b"ctorch" in out, out
    steps = [
        (b"1 + 2\r", b"\r\n3\r\n>>> "),
        (b"x = 'hi'\r", b"\r\n>>> "),
        (b"x\r", b"\r\n'hi'\r\n>>> "),
        (b"for i in range(2):\r", b"\r\n... "),
        (b"    print(i * 10)\r", b"\r\n... "),
        (b"\r", b"0\r\n10\r\n>>> "),
        (b"undefined_name\r", b"NameError: name 'undefined_name' is not defined\r\n>>> "),
        (b"x + 'ac'\x1b[D\x1b[Db\r", b"'hiabc'\r\n>>> "),  # two left arrows, then insert
        (b"x + 'zq\x7f'\r", b"'hiz'\r\n>>> "),            # backspace
        (b"\x1b[A\r", b"'hiz'\r\n>>> "),                  # up arrow recalls the previous line
        (b"abc\x03", b"KeyboardInterrupt\r\n>>> "),        # Ctrl-C drops the line
    ]
    for send, expect in steps:
        os.write(fd, send)
        got = read_until(fd, expect)
        assert expect in got, (send, expect, got)
    os.write(fd, b"\x04")                                  # Ctrl-D on an empty line leaves
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
    print("REPL checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
