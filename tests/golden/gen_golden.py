#!/usr/bin/python3
"""tests/golden/gen_golden.py — writes the expected output of the golden script tests.

Every script tests/golden/{lang,torch,autograd,nn}/NAME.py is run by CPython 3.11 (Debian's
/usr/bin/python3, which sees python3-torch 1.13) from the repository root as

    /usr/bin/python3 tests/golden/lang/NAME.py [args]

and `ctorch run tests/golden/lang/NAME.py [args]` must reproduce what it prints (after the normalisation below).
If NAME.args exists next to the script, each of its lines is one extra argument (sys.argv[1:]). Stdin is
/dev/null. The results are written next to the script:

    NAME.out   stdout, verbatim
    NAME.err   stderr, after the normalisation below
    NAME.rc    exit status as decimal text plus a newline ("0\\n", "1\\n")

Normalisation of stderr (tests/golden/run_golden.sh applies the same rules to ctorch's stderr; keep the two
in step):
  * Script paths are made relative. CPython 3.9+ stores the absolute path of the main script in code
    objects, so its frames read `  File "/abs/repo/tests/golden/lang/NAME.py", line N, ...`; a line that
    starts with `  File "<repo root>/` loses the `<repo root>/` part, leaving the relative path
    `tests/golden/lang/NAME.py` that `ctorch run tests/golden/lang/NAME.py` is expected to print.
  * Runtime traceback caret lines are REMOVED. CPython 3.11 may print, under the source line of a frame, a
    line made only of spaces, '~' and '^' (e.g. "    ~~^~~") marking the failing expression. ctorch does not
    print these (house decision, house-style rule 22). A caret line is one made only of ' ', '~' and '^' that
    contains at least one '^', and it is removed only when it directly follows a frame's source line, i.e. a
    line `  File "...", line N, in X` followed by a line starting with four spaces, then the caret line.
  * The SyntaxError caret is KEPT: after `  File "...", line N` (no ", in X") the source line and its '^'
    line are part of the expected output, and ctorch must reproduce them.
  * A non-empty stderr whose last line lacks a newline gets one (the shell runner's line tools add it).
stdout is never normalised.

Usage: /usr/bin/python3 tests/golden/gen_golden.py [NAME_OR_PATH ...]
       (no arguments: every script under lang/, torch/, autograd/ and nn/; run from anywhere, it changes to the
       repo root)
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PYTHON = "/usr/bin/python3"
SUITES = ("lang", "torch", "autograd", "nn")
TIMEOUT = 120

FRAME_RE = re.compile(r'^  File ".*", line \d+, in ')


def is_caret_line(line):
    return "^" in line and set(line) <= {" ", "~", "^"}


def normalize_err(text):
    """Relative script paths and no runtime-traceback caret lines (see the module docstring)."""
    out = []
    state = 0  # 0: nothing, 1: just saw a frame line, 2: just saw that frame's source line
    abs_prefix = '  File "' + ROOT + "/"
    for line in text.split("\n"):
        if line.startswith(abs_prefix):
            line = '  File "' + line[len(abs_prefix):]
        elif line.startswith(ROOT + "/"):   # warnings: "/abs/path.py:7: UserWarning: ..."
            line = line[len(ROOT) + 1:]
        if state == 2 and is_caret_line(line):
            state = 0
            continue
        state = 2 if (state == 1 and line.startswith("    ")) else 0
        if FRAME_RE.match(line):
            state = 1
        out.append(line)
    res = "\n".join(out)
    if res and not res.endswith("\n"):
        res += "\n"
    return res


def scripts(args):
    if not args:
        for suite in SUITES:
            d = os.path.join(HERE, suite)
            for name in sorted(os.listdir(d)):
                if name.endswith(".py"):
                    yield os.path.join("tests", "golden", suite, name)
        return
    for a in args:
        if a.endswith(".py") and os.path.exists(os.path.join(ROOT, a)):
            yield os.path.relpath(os.path.join(ROOT, a), ROOT)
            continue
        found = [os.path.join("tests", "golden", s, a + ".py") for s in SUITES
                 if os.path.exists(os.path.join(HERE, s, a + ".py"))]
        if not found:
            sys.exit("gen_golden: no script %r" % a)
        yield from found


def run_one(rel):
    base = os.path.join(ROOT, rel[:-3])
    argv = []
    if os.path.exists(base + ".args"):
        with open(base + ".args", encoding="utf-8") as f:
            argv = f.read().splitlines()
    env = dict(os.environ)
    for k in ("PYTHONHASHSEED", "PYTHONWARNINGS", "PYTHONDONTWRITEBYTECODE", "PYTHONSTARTUP"):
        env.pop(k, None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no __pycache__ next to the scripts
    env["PYTHONIOENCODING"] = "utf-8"
    p = subprocess.run([PYTHON, rel] + argv, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
    err = normalize_err(p.stderr.decode("utf-8"))
    with open(base + ".out", "wb") as f:
        f.write(p.stdout)
    with open(base + ".err", "w", encoding="utf-8", newline="") as f:
        f.write(err)
    with open(base + ".rc", "w") as f:
        f.write("%d\n" % p.returncode)
    return p.returncode


def main():
    os.chdir(ROOT)
    n = 0
    for rel in scripts(sys.argv[1:]):
        rc = run_one(rel)
        print("%-50s rc=%d" % (rel, rc))
        n += 1
    print("gen_golden: %d scripts" % n)


if __name__ == "__main__":
    main()
