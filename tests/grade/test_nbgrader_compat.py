#!/usr/bin/python3
"""The sample class graded the way nbgrader's autograder does it, through the real kernel (ctest
grade.nbgrader_compat, labels grade and kernel; skipped without nbclient): test and locked cells restored
from the source by grade_id (nbgrader's OverwriteCells), the notebook executed by nbclient with
kernel_name='ctorch', allow_errors, a cell timeout with interrupt_on_timeout (nbgrader's Execute settings),
then nbgrader's determine_grade rule (0 when a test cell has an error output or a stderr stream, partial
credit from a numeric value, else full points). The scores must equal `ctorch grade`'s, the correct notebook
must produce no stderr at all, and the hanging cell must be interrupted without losing the kernel.
usage: test_nbgrader_compat.py CTORCH"""
import copy
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "kernel"))
import kerneltest  # noqa: E402

kerneltest.require("jupyter_client", "nbformat", "nbclient")
kerneltest.setup_env()

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

CTORCH = os.path.abspath(sys.argv[1])
SOURCE = os.path.join(HERE, "assignment", "source.ipynb")
NAMES = ["correct", "partial", "wrong", "unanswered", "crashing", "hanging", "deep_recursion"]
TIMEOUT = 3
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def nbg(cell):
    return cell.metadata.get("nbgrader", {})


def is_test(cell):
    return cell.cell_type == "code" and nbg(cell).get("grade") and not nbg(cell).get("solution")


def autograde(path, source):
    """Per grade_id of the source's tests: the score nbgrader would give."""
    nb = nbformat.read(path, as_version=4)
    restored = {nbg(c)["grade_id"]: c for c in source.cells
                if c.cell_type == "code" and (is_test(c) or (nbg(c).get("locked") and not nbg(c).get("solution")))}
    for c in nb.cells:
        gid = nbg(c).get("grade_id")
        if gid in restored:
            c.source = restored[gid].source
            c.metadata["nbgrader"] = copy.deepcopy(restored[gid].metadata["nbgrader"])
    client = NotebookClient(nb, kernel_name="ctorch", timeout=TIMEOUT, interrupt_on_timeout=True, allow_errors=True,
                            raise_on_iopub_timeout=True, startup_timeout=30)
    client.execute()
    scores, stderr_cells = {}, []
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        if any(o.output_type == "stream" and o.name == "stderr" for o in c.outputs):
            stderr_cells.append(nbg(c).get("grade_id"))
        if not is_test(c):
            continue
        points = float(nbg(c)["points"])
        if any(o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr") for o in c.outputs):
            score = 0.0
        else:
            score = points
            for o in c.outputs:
                if o.output_type == "execute_result":
                    try:
                        v = float(o.data.get("text/plain", ""))
                        if 0 < v <= points:
                            score = v
                    except ValueError:
                        pass
        scores[nbg(c)["grade_id"]] = score
    return scores, stderr_cells, nb


def main():
    source = nbformat.read(SOURCE, as_version=4)
    with tempfile.TemporaryDirectory() as tmp:
        paths = [os.path.join(HERE, "submissions", n + ".ipynb") for n in NAMES]
        report = os.path.join(tmp, "r.json")
        r = subprocess.run([CTORCH, "grade", "--source", SOURCE, *paths, "--timeout", str(TIMEOUT), "--json", report,
                            "--quiet"], capture_output=True, text=True, timeout=120)
        check(r.returncode == 0, "ctorch grade exits 0: " + r.stderr)
        ours = {os.path.basename(s["path"])[:-6]: s for s in json.load(open(report))["submissions"]}
        for name, path in zip(NAMES, paths):
            scores, stderr_cells, nb = autograde(path, source)
            mine = {t["grade_id"]: t["score"] for t in ours[name]["tests"]}
            print("%-15s nbgrader-style %s  ctorch grade %s" % (name, scores, mine))
            check(scores == mine, "%s: nbgrader-style scores %s == ctorch grade %s" % (name, scores, mine))
            if name == "correct":
                check(stderr_cells == [], "correct notebook: no stderr output in any cell (%s)" % stderr_cells)
            if name == "hanging":
                fit = [c for c in nb.cells if nbg(c).get("grade_id") == "test_fit"][0]
                errs = [o.ename for o in fit.outputs if o.output_type == "error"]
                check(errs == ["KeyboardInterrupt"], "hanging: the timed-out cell was interrupted (%s)" % errs)
                after = [c for c in nb.cells if nbg(c).get("grade_id") == "test_count"][0]
                check(after.outputs == [], "hanging: the kernel survived the interrupt and ran the next test")
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("nbgrader-style autograding agrees with ctorch grade")
    return 0


if __name__ == "__main__":
    sys.exit(main())
