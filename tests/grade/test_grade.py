#!/usr/bin/python3
"""`ctorch grade` end to end (ctest label grade): releases the sample assignment, grades the class in
tests/grade/submissions/ (correct, partial, wrong, unanswered, crashing, hanging, stubborn, memory-hungry,
deep recursion, tampered, sneaky, malformed, other kernel) and checks every result, the JSON report and
the JUnit XML. usage: test_grade.py CTORCH"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "assignment", "source.ipynb")
SUBS = os.path.join(HERE, "submissions")
CTORCH = os.path.abspath(sys.argv[1])
TESTS = ["test_relu", "test_mse", "test_fit", "test_count"]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(*args, timeout=120):
    return subprocess.run([CTORCH, "grade", *args], capture_output=True, text=True, timeout=timeout)


# name -> (status, score, {grade_id: (test status, text in the message)})
EXPECTED = {
    "correct.ipynb": ("ok", 10, {}),
    "partial.ipynb": ("ok", 5, {"test_mse": ("fail", "mse([1, 2], [1, 4]) should be 2.0"),
                                "test_count": ("fail", "hidden: count_positive([]) should be 0")}),
    "wrong.ipynb": ("ok", 0, {"test_relu": ("fail", "AssertionError: relu([-1, 0, 2])"),
                              "test_mse": ("fail", "AssertionError"), "test_fit": ("fail", "slope 2"),
                              "test_count": ("fail", "should be 2")}),
    "unanswered.ipynb": ("ok", 0, {t: ("error", "NotImplementedError") for t in TESTS}),
    "crashing.ipynb": ("ok", 7, {"test_mse": ("error", "NameError: name 'mse' is not defined")}),
    "hanging.ipynb": ("ok", 7, {"test_fit": ("timeout", "timeout")}),
    "stubborn.ipynb": ("timeout", 5, {"test_fit": ("not_run", "killed after a timeout"),
                                      "test_count": ("not_run", "killed after a timeout")}),
    "memory_hungry.ipynb": ("ok", 7, {"test_mse": ("error", "MemoryError")}),
    "deep_recursion.ipynb": ("ok", 8, {"test_count": ("error", "RecursionError")}),
    "tampered.ipynb": ("ok", 5, {"test_mse": ("error", "AttributeError"),
                                 "test_count": ("missing", "no cell with grade_id 'test_count'")}),
    "sneaky.ipynb": ("ok", 10, {}),
    "malformed.ipynb": ("malformed", 0, {t: ("not_run", "malformed") for t in TESTS}),
    "other_kernel.ipynb": ("wrong_kernel", 0, {t: ("not_run", "wrong_kernel") for t in TESTS}),
}
CELL_ERRORS = {  # submission -> expected (cell, ename) of errors in student cells
    "crashing.ipynb": [(3, "NameError"), (5, "ValueError")],
    "memory_hungry.ipynb": [(3, "MemoryError")],
    "hanging.ipynb": [], "stubborn.ipynb": [], "correct.ipynb": [], "sneaky.ipynb": [],
}


def test_release(tmp):
    out = os.path.join(tmp, "release.ipynb")
    r = run("--release", SOURCE, "-o", out)
    check(r.returncode == 0, "release exits 0: " + r.stderr)
    nb = json.load(open(out))
    text = json.dumps(nb)
    for banned in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "hidden:", "torch.clamp(x, min=0)", "w.grad.zero_()"):
        check(banned not in text, "release hides %r" % banned)
    by_id = {c["metadata"]["nbgrader"]["grade_id"]: c for c in nb["cells"]}
    check("".join(by_id["relu"]["source"]) == "def relu(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()",
          "solution region replaced by the indented stub")
    check("".join(by_id["fit"]["source"]).endswith("    raise NotImplementedError()\n    return w.item()"),
          "code after the region is kept")
    check("".join(by_id["explain"]["source"]) == "YOUR ANSWER HERE", "markdown solution cell replaced by the text stub")
    check("".join(by_id["test_relu"]["source"]).endswith("should be [0, 0, 2]\""), "visible tests kept, hidden removed")
    check(by_id["test_mse"]["metadata"]["nbgrader"]["points"] == 3, "nbgrader metadata kept")
    check(all(c.get("outputs", []) == [] for c in nb["cells"]), "outputs cleared")
    try:
        import nbformat
        nbformat.validate(nbformat.reads(open(out).read(), as_version=4))
    except ImportError:
        pass
    except Exception as e:
        check(False, "release is a valid nbformat 4 notebook: %s" % e)
    # to stdout without -o; the released notebook itself scores 0 (every test raises NotImplementedError)
    r = run("--release", SOURCE)
    check(r.returncode == 0 and json.loads(r.stdout)["cells"][2]["source"] == by_id["relu"]["source"], "release to stdout")
    j = os.path.join(tmp, "release.json")
    r = run("--source", SOURCE, out, "--json", j, "--quiet")
    sub = json.load(open(j))["submissions"][0]
    check(sub["status"] == "ok" and sub["score"] == 0 and all(t["status"] == "error" for t in sub["tests"]),
          "the released notebook scores 0")


def test_class(tmp):
    jpath, xpath = os.path.join(tmp, "class.json"), os.path.join(tmp, "class.xml")
    r = run("--source", SOURCE, SUBS, "--jobs", "2", "--timeout", "3", "--memory", "256", "--json", jpath, "--junit", xpath)
    print(r.stdout)
    check(r.returncode == 0, "grade exits 0 (rc %d): %s" % (r.returncode, r.stderr))
    check("submissions graded" in r.stdout and "failed tests:" in r.stdout, "terminal table printed")
    report = json.load(open(jpath))
    check(report["max_score"] == 10 and [t["grade_id"] for t in report["tests"]] == TESTS, "JSON: tests and points")
    check(report["limits"] == {"jobs": 2, "timeout_s": 3.0, "memory_mb": 256}, "JSON: limits")
    check(report["submissions_per_s"] > 0 and report["grader_max_rss_kb"] > 0, "JSON: throughput and memory")
    subs = {s["name"]: s for s in report["submissions"]}
    check(sorted(subs) == sorted(EXPECTED), "every submission graded once: %s" % sorted(subs))
    for name, (status, score, tests) in EXPECTED.items():
        s = subs.get(name)
        if not s:
            continue
        check(s["status"] == status, "%s: status %s, expected %s (%s)" % (name, s["status"], status, s["message"]))
        check(abs(s["score"] - score) < 1e-9, "%s: score %s, expected %s" % (name, s["score"], score))
        check(abs(sum(t["score"] for t in s["tests"]) - s["score"]) < 1e-9, "%s: score is the sum of the tests" % name)
        for t in s["tests"]:
            want, text = tests.get(t["grade_id"], ("pass", None))
            check(t["status"] == want, "%s %s: %s, expected %s (%s)" % (name, t["grade_id"], t["status"], want, t["message"]))
            if text:
                check(text in (t["message"] or ""), "%s %s: message %r contains %r" % (name, t["grade_id"], t["message"], text))
            check((t["score"] == t["points"]) == (t["status"] == "pass"), "%s %s: full points iff pass" % (name, t["grade_id"]))
        if name in CELL_ERRORS:
            got = [(e["cell"], e["ename"]) for e in s["cell_errors"]]
            check(got == CELL_ERRORS[name], "%s: cell errors %s, expected %s" % (name, got, CELL_ERRORS[name]))
        if status in ("ok", "timeout"):
            check(s["max_rss_kb"] > 0, "%s: peak memory measured" % name)
    check(subs["stubborn.ipynb"]["time_s"] < 3 + 2 + 3, "stubborn: killed 2 s after its timeout")
    check("did not stop" in (subs["stubborn.ipynb"]["message"] or ""), "stubborn: message says why")

    root = ET.parse(xpath).getroot()
    check(root.tag == "testsuites", "JUnit root is <testsuites>")
    suites = root.findall("testsuite")
    check([s.get("name") for s in suites] == [s["name"] for s in report["submissions"]], "JUnit: one suite per submission")
    total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    tag_of = {"pass": None, "fail": "failure", "error": "error", "timeout": "error", "missing": "error", "not_run": "skipped"}
    for suite in suites:
        s = subs[suite.get("name")]
        cases = suite.findall("testcase")
        check([c.get("name") for c in cases] == TESTS, "JUnit %s: one testcase per test" % s["name"])
        counts = {"failures": 0, "errors": 0, "skipped": 0}
        for case, t in zip(cases, s["tests"]):
            kids = [k.tag for k in case]
            want = tag_of[t["status"]]
            check(kids == ([want] if want else []), "JUnit %s %s: %s for %s" % (s["name"], t["grade_id"], kids, t["status"]))
            if want:
                counts[{"failure": "failures", "error": "errors", "skipped": "skipped"}[want]] += 1
                check(case.find(want).get("message") == t["message"], "JUnit %s %s: message" % (s["name"], t["grade_id"]))
        for k, v in counts.items():
            check(int(suite.get(k)) == v, "JUnit %s: %s=%s, counted %d" % (s["name"], k, suite.get(k), v))
            total[k] += v
        total["tests"] += len(cases)
        props = {p.get("name"): p.get("value") for p in suite.find("properties")}
        check(props["status"] == s["status"] and float(props["score"]) == s["score"], "JUnit %s: properties" % s["name"])
    for k, v in total.items():
        check(int(root.get(k)) == v, "JUnit totals: %s=%s, counted %d" % (k, root.get(k), v))


def test_worker_failures(tmp):
    # too little memory for the worker to even load its libraries: a clear result, not a hung grader
    j = os.path.join(tmp, "small.json")
    r = run("--source", SOURCE, os.path.join(SUBS, "correct.ipynb"), "--memory", "8", "--json", j, "--quiet")
    check(r.returncode == 0, "grade with --memory 8 exits 0")
    s = json.load(open(j))["submissions"][0]
    check(s["status"] == "crashed" and "at startup" in s["message"], "worker that cannot start: %s" % s["message"])
    # the dynamic loader says why on stderr; a CUDA build (larger, statically linked runtime) may instead
    # die of a signal before it can write anything: then the signal is the reason given
    check((s["stderr"] and "shared" in s["stderr"]) or "signal" in s["message"],
          "its stderr or the signal is reported: %r / %r" % (s["stderr"], s["message"]))
    check(all(t["status"] == "not_run" for t in s["tests"]), "its tests are not run")
    # a missing file is one more malformed submission
    r = run("--source", SOURCE, os.path.join(tmp, "nope.ipynb"), "--json", j, "--quiet")
    s = json.load(open(j))["submissions"][0]
    check(r.returncode == 0 and s["status"] == "malformed", "missing submission file")
    # usage errors and a bad source are the teacher's: exit status 2 / 1, nothing graded
    check(run("--source", SOURCE).returncode == 2, "no submissions: usage error")
    check(run(SUBS).returncode == 2, "no --source: usage error")
    check(run("--source", SOURCE, SUBS, "--jobs", "0").returncode == 2, "--jobs 0: usage error")
    r = run("--source", os.path.join(SUBS, "malformed.ipynb"), SUBS)
    check(r.returncode == 1 and "not valid JSON" in r.stderr, "malformed source: exit 1 with the reason")
    r = run("--source", os.path.join(SUBS, "correct.ipynb").replace("correct", "nope"), SUBS)
    check(r.returncode == 1, "missing source: exit 1")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        env_tmp = os.path.join(tmp, "work")
        os.mkdir(env_tmp)
        os.environ["TMPDIR"] = env_tmp
        test_release(tmp)
        test_class(tmp)
        test_worker_failures(tmp)
        check(os.listdir(env_tmp) == [], "working directories removed: %s" % os.listdir(env_tmp))
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("all grade checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
