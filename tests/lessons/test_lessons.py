"""tests/lessons/test_lessons.py — the lesson notebooks (lessons/*.ipynb), headless.

  test_lessons.py check          every notebook is stored without outputs, names the ctorch kernel and carries
                                 2-4 exercises in nbgrader's format (solution and graded test cells, metadata,
                                 BEGIN/END markers, unique grade ids)
  test_lessons.py run NAME ...   executes each notebook through nbclient with the ctorch kernel (solutions in
                                 place, so every assert must pass) and fails on an error output, on any stderr
                                 output, on a key number below its threshold (THRESHOLDS, read back by a cell
                                 appended at the end) or on a notebook slower than LIMIT_S

The kernel is found through JUPYTER_PATH=<build>/share/jupyter (set by ctest). Exits 77 (skipped) when
nbformat/nbclient are missing. CTORCH_LESSONS_KEEP=DIR writes the executed notebooks there."""
import json
import os
import re
import sys
import tempfile
import time

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
LESSONS = os.path.normpath(os.path.join(HERE, "..", "..", "lessons"))
ADDRESS = re.compile(r"object at 0x[0-9a-f]+")
LIMIT_S = float(os.environ.get("CTORCH_LESSONS_LIMIT_S", "300"))

# Key numbers each notebook must reach: (expression evaluated in the kernel after the last cell, minimum).
THRESHOLDS = {
    "05_cnn_fashion_mnist": [("test_accuracy", 0.85)],
    "06_rnn_classifier": [("max(rnn_results.values())", 0.75)],
    "03_nn": [("logistic_accuracy", 0.9)],
}


def notebooks():
    return sorted(f[:-6] for f in os.listdir(LESSONS) if f.endswith(".ipynb") and f[:2].isdigit())


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def check_format():
    import nbformat
    names = notebooks()
    if len(names) < 8:
        fail("expected the 8 lessons 00-07, found %d in %s" % (len(names), LESSONS))
    for name in names:
        nb = nbformat.read(os.path.join(LESSONS, name + ".ipynb"), as_version=4)
        nbformat.validate(nb)
        ks = nb.metadata.get("kernelspec", {})
        if ks.get("name") != "ctorch" or ks.get("language") != "ctorch":
            fail("%s: kernelspec is %r, not ctorch" % (name, ks))
        ids, solutions, tests = set(), 0, 0
        for i, cell in enumerate(nb.cells):
            where = "%s cell %d" % (name, i)
            if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
                fail(where + ": stored with outputs")
            meta = cell.metadata.get("nbgrader")
            if meta is None:
                for marker in (("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS") if cell.cell_type == "code" else ()):
                    if marker in cell.source:
                        fail(where + ": %s without nbgrader metadata" % marker)
                continue
            for key in ("grade", "solution", "locked", "grade_id", "schema_version"):
                if key not in meta:
                    fail(where + ": nbgrader metadata lacks " + key)
            if meta["grade_id"] in ids:
                fail(where + ": grade_id %s used twice" % meta["grade_id"])
            ids.add(meta["grade_id"])
            src = cell.source
            if meta["solution"]:
                solutions += 1
                if "### BEGIN SOLUTION" not in src or "### END SOLUTION" not in src:
                    fail(where + ": solution cell without BEGIN/END SOLUTION")
            if meta["grade"]:
                tests += 1
                if not meta["locked"] or not isinstance(meta.get("points"), int) or meta["points"] <= 0:
                    fail(where + ": graded test cell must be locked with points > 0")
                if "### BEGIN HIDDEN TESTS" not in src or "### END HIDDEN TESTS" not in src or "assert" not in src:
                    fail(where + ": test cell without asserts between BEGIN/END HIDDEN TESTS")
        if not 2 <= tests <= 4 or solutions < tests:
            fail("%s: %d graded test cells and %d solution cells (want 2-4 exercises)" % (name, tests, solutions))
        print("ok %s: %d exercises" % (name, tests))


def run(name):
    import nbformat
    from nbclient import NotebookClient
    path = os.path.join(LESSONS, name + ".ipynb")
    nb = nbformat.read(path, as_version=4)
    probes = THRESHOLDS.get(name, [])
    if probes:
        code = "print(repr([float(v) for v in (%s,)]))" % ", ".join(e for e, _ in probes)
        nb.cells.append(nbformat.v4.new_code_cell(code))
    with tempfile.TemporaryDirectory() as cwd:   # the notebook's working directory (torchvision root="data" ...)
        client = NotebookClient(nb, kernel_name="ctorch", timeout=int(LIMIT_S), startup_timeout=60,
                                allow_errors=True, resources={"metadata": {"path": cwd}})
        t0 = time.time()
        client.execute()
        elapsed = time.time() - t0
    keep = os.environ.get("CTORCH_LESSONS_KEEP")
    if keep:
        os.makedirs(keep, exist_ok=True)
        nbformat.write(nb, os.path.join(keep, name + ".ipynb"))
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            if out.output_type == "error":
                problems.append("cell %d: %s: %s" % (i, out.ename, out.evalue))
            elif out.output_type == "stream" and out.name == "stderr":
                problems.append("cell %d wrote to stderr: %r" % (i, out.text[:300]))
            text = out.get("text", "") + out.get("data", {}).get("text/plain", "")
            if ADDRESS.search(text):   # '<... object at 0x55d...>' differs from run to run
                problems.append("cell %d shows an object address: %r" % (i, ADDRESS.search(text).group(0)))
    if probes:
        text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
        try:
            values = json.loads(text.strip().replace("'", '"'))
        except ValueError:
            values = None
        if not isinstance(values, list) or len(values) != len(probes):
            problems.append("key numbers not read back: %r" % text)
        else:
            for (expr, minimum), v in zip(probes, values):
                print("%s: %s = %.4f (minimum %.4f)" % (name, expr, v, minimum))
                if not v >= minimum:
                    problems.append("%s = %.4f is below %.4f" % (expr, v, minimum))
    print("%s: %.1f s" % (name, elapsed))
    if elapsed > LIMIT_S:
        problems.append("took %.1f s, more than %.0f s" % (elapsed, LIMIT_S))
    for p in problems:
        print("FAIL %s: %s" % (name, p))
    return not problems


def main(argv):
    try:
        import nbformat  # noqa: F401
        import nbclient  # noqa: F401
    except ImportError as e:
        print("SKIP: %s (install python3-nbformat python3-nbclient)" % e)
        return SKIP
    if "JUPYTER_PATH" not in os.environ:
        os.environ["JUPYTER_PATH"] = os.path.join(HERE, "..", "..", "build", "share", "jupyter")
    os.environ.setdefault("JUPYTER_RUNTIME_DIR", os.path.join(tempfile.gettempdir(), "ctorch-lessons-%d" % os.getpid()))
    os.environ.setdefault("CTORCH_LOG_LEVEL", "error")
    if len(argv) >= 2 and argv[1] == "check":
        check_format()
        return 0
    names = argv[2:] if len(argv) >= 2 and argv[1] == "run" else []
    if not names:
        names = notebooks()
    ok = True
    for name in names:
        ok = run(name[:-6] if name.endswith(".ipynb") else name) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
