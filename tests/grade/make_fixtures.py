#!/usr/bin/python3
"""Writes the sample assignment (tests/grade/assignment/source.ipynb, nbgrader format) and the class of
submissions (tests/grade/submissions/*.ipynb) that test_grade.py grades. The files are committed; run this
again after changing it:  /usr/bin/python3 tests/grade/make_fixtures.py"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
KERNELSPEC = {"display_name": "CTorch", "language": "ctorch", "name": "ctorch"}


def lines(text):
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def cell(kind, text, **nbgrader):
    c = {"cell_type": kind, "metadata": {}, "source": lines(text)}
    if nbgrader:
        meta = {"grade": False, "locked": False, "solution": False, "schema_version": 3}
        meta.update(nbgrader)
        c["metadata"]["nbgrader"] = meta
    if kind == "code":
        c["execution_count"] = None
        c["outputs"] = []
    return c


def notebook(cells, kernelspec=KERNELSPEC):
    return {"cells": cells, "metadata": {"kernelspec": kernelspec, "language_info": {"name": kernelspec["language"]}},
            "nbformat": 4, "nbformat_minor": 4}


# ---- the teacher's source: 4 autograder tests, 10 points ----

RELU = """def relu(x):
    ### BEGIN SOLUTION
    return torch.clamp(x, min=0)
    ### END SOLUTION"""
MSE = """def mse(pred, target):
    ### BEGIN SOLUTION
    return ((pred - target) ** 2).mean()
    ### END SOLUTION"""
FIT = """def fit_slope(xs, ys, steps=200, lr=0.1):
    w = torch.zeros(1, requires_grad=True)
    ### BEGIN SOLUTION
    for _ in range(steps):
        loss = ((xs * w - ys) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad.zero_()
    ### END SOLUTION
    return w.item()"""
COUNT = """def count_positive(values):
    ### BEGIN SOLUTION
    return sum(1 for v in values if v > 0)
    ### END SOLUTION"""

TEST_RELU = """x = torch.tensor([-1.0, 0.0, 2.0])
assert torch.equal(relu(x), torch.tensor([0.0, 0.0, 2.0])), "relu([-1, 0, 2]) should be [0, 0, 2]"
### BEGIN HIDDEN TESTS
assert relu(torch.tensor([-3.0])).item() == 0.0, "hidden: relu(-3) should be 0"
### END HIDDEN TESTS"""
TEST_MSE = """p, t = torch.tensor([1.0, 2.0]), torch.tensor([1.0, 4.0])
assert abs(mse(p, t).item() - 2.0) < 1e-6, "mse([1, 2], [1, 4]) should be 2.0"
### BEGIN HIDDEN TESTS
assert abs(mse(torch.zeros(3), torch.ones(3)).item() - 1.0) < 1e-6, "hidden: mse(zeros(3), ones(3)) should be 1.0"
### END HIDDEN TESTS"""
TEST_FIT = """xs = torch.tensor([1.0, 2.0, 3.0])
assert abs(fit_slope(xs, 2 * xs) - 2.0) < 1e-3, "fit_slope should find the slope 2"
"""
TEST_COUNT = """assert count_positive([1, -2, 3, 0]) == 2, "count_positive([1, -2, 3, 0]) should be 2"
### BEGIN HIDDEN TESTS
assert count_positive([]) == 0, "hidden: count_positive([]) should be 0"
### END HIDDEN TESTS"""


def source():
    return notebook([
        cell("markdown", "# Assignment 1: tensors and a first gradient step\nWrite the four functions below.",
             grade_id="intro", locked=True),
        cell("code", "import torch", grade_id="setup", locked=True),
        cell("code", RELU, grade_id="relu", solution=True),
        cell("code", TEST_RELU, grade_id="test_relu", grade=True, locked=True, points=2),
        cell("code", MSE, grade_id="mse", solution=True),
        cell("code", TEST_MSE, grade_id="test_mse", grade=True, locked=True, points=3),
        cell("code", FIT, grade_id="fit", solution=True),
        cell("code", TEST_FIT, grade_id="test_fit", grade=True, locked=True, points=3),
        cell("markdown", "Explain in one sentence what `count_positive` does.", grade_id="explain", solution=True),
        cell("code", COUNT, grade_id="count", solution=True),
        cell("code", TEST_COUNT, grade_id="test_count", grade=True, locked=True, points=2),
    ])


def strip_hidden(text):
    out, hidden = [], False
    for line in text.split("\n"):
        if "BEGIN HIDDEN TESTS" in line:
            hidden = True
        elif "END HIDDEN TESTS" in line:
            hidden = False
        elif not hidden:
            out.append(line)
    return "\n".join(out).rstrip("\n")


def student(answers, drop=(), edit=None, kernelspec=KERNELSPEC):
    """The released notebook with the student's answers (grade_id -> code) filled in."""
    nb = copy.deepcopy(source())
    cells = []
    for c in nb["cells"]:
        gid = c["metadata"].get("nbgrader", {}).get("grade_id")
        if gid in drop:
            continue
        text = "".join(c["source"])
        if c["metadata"]["nbgrader"].get("grade"):
            text = strip_hidden(text)
        if gid in answers:
            text = answers[gid]
        if edit and gid in edit:
            text, points = edit[gid]
            c["metadata"]["nbgrader"]["points"] = points
        c["source"] = lines(text)
        cells.append(c)
    nb["cells"] = cells
    nb["metadata"]["kernelspec"] = kernelspec
    return nb


def answer(code):
    return code.replace("    ### BEGIN SOLUTION\n", "").replace("\n    ### END SOLUTION", "")


CORRECT = {"relu": answer(RELU), "mse": answer(MSE), "fit": answer(FIT), "count": answer(COUNT),
           "explain": "It counts the values greater than zero."}
STUB = {
    "relu": "def relu(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()",
    "mse": "def mse(pred, target):\n    # YOUR CODE HERE\n    raise NotImplementedError()",
    "fit": "def fit_slope(xs, ys, steps=200, lr=0.1):\n    w = torch.zeros(1, requires_grad=True)\n"
           "    # YOUR CODE HERE\n    raise NotImplementedError()\n    return w.item()",
    "count": "def count_positive(values):\n    # YOUR CODE HERE\n    raise NotImplementedError()",
}


SNEAKY = """import sys
leaked = sys.stdin.read() if hasattr(sys.stdin, 'read') else ''
try:
    torch.load('../../source.ipynb')
    escaped = True
except Exception:
    escaped = False
torch.save(torch.ones(2), 'mine.pt')
assert torch.load('mine.pt').sum().item() == 2.0
assert leaked == '' and not escaped, 'the sandbox leaks'
"""


def submissions():
    subs = {}
    subs["correct"] = student(CORRECT)
    # relu and fit right, mse sums instead of averaging, count passes the visible test only (hidden: [] -> 1)
    subs["partial"] = student(dict(CORRECT, mse="def mse(pred, target):\n    return ((pred - target) ** 2).sum()",
                                   count="def count_positive(values):\n    return max(1, len([v for v in values if v > 0]))"))
    subs["wrong"] = student({"relu": "def relu(x):\n    return x", "mse": "def mse(pred, target):\n    return pred.sum() * 0",
                             "fit": "def fit_slope(xs, ys, steps=200, lr=0.1):\n    return 0.0",
                             "count": "def count_positive(values):\n    return len(values)"})
    subs["unanswered"] = student(STUB)
    # errors in student cells: recorded, grading goes on (relu is defined before the NameError)
    subs["crashing"] = student(dict(CORRECT, relu=answer(RELU) + "\nprint(undefined_name)",
                                    mse="raise ValueError('I give up')"))
    # an infinite loop in fit_slope: the test times out (KeyboardInterrupt), the others still count
    subs["hanging"] = student(dict(CORRECT, fit="def fit_slope(xs, ys, steps=200, lr=0.1):\n    while True:\n"
                                                "        pass"))
    # a loop that swallows KeyboardInterrupt: the worker is killed, the tests after it are not run
    subs["stubborn"] = student(dict(CORRECT, fit="while True:\n    try:\n        while True:\n            pass\n"
                                                 "    except KeyboardInterrupt:\n        pass"))
    # 100 GB tensor at top level (MemoryError in a student cell) and a list that grows until the limit
    subs["memory_hungry"] = student(dict(CORRECT, relu=answer(RELU) + "\nbig = torch.zeros(25_000_000_000)",
                                         mse="def mse(pred, target):\n    junk = []\n    while True:\n"
                                             "        junk.append([0.0] * 1000000)"))
    subs["deep_recursion"] = student(dict(CORRECT, count="import sys\nsys.setrecursionlimit(1000000)\n"
                                                         "def count_positive(values):\n    return count_positive(values)"))
    # the student deleted a test cell and rewrote another (and its points): the source's versions count
    subs["tampered"] = student(dict(CORRECT, mse="def mse(pred, target):\n    return 7"), drop=("test_count",),
                               edit={"test_mse": ("pass", 100)})
    # tries to read the plan (hidden tests) from stdin and a file outside its directory; writes its own file
    subs["sneaky"] = student(dict(CORRECT, relu=SNEAKY + answer(RELU)))
    subs["other_kernel"] = student(CORRECT, kernelspec={"display_name": "Python 3", "language": "python",
                                                         "name": "python3"})
    return subs


def write(path, nb):
    with open(path, "w") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")


def main():
    os.makedirs(os.path.join(HERE, "assignment"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "submissions"), exist_ok=True)
    write(os.path.join(HERE, "assignment", "source.ipynb"), source())
    for name, nb in submissions().items():
        write(os.path.join(HERE, "submissions", name + ".ipynb"), nb)
    with open(os.path.join(HERE, "submissions", "malformed.ipynb"), "w") as f:
        text = json.dumps(student(CORRECT), indent=1)
        f.write(text[: len(text) // 2])   # cut in the middle, as a crashed upload leaves it


if __name__ == "__main__":
    main()
