"""tests/kernel/test_notebooks.py — headless notebook runs of tests/kernel/sample.ipynb: the nbclient API
(what nbgrader and papermill build on) and the `jupyter nbconvert --to notebook --execute` command line.
Checks the outputs cell by cell, including display-id updates and a cell tagged raises-exception."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kerneltest  # noqa: E402

kerneltest.require("jupyter_client", "nbformat", "nbclient")
kerneltest.setup_env()

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "sample.ipynb")


class NotebookTests(unittest.TestCase):
    def check_outputs(self, nb):
        self.assertEqual(nb.metadata.language_info.name, "ctorch")
        self.assertEqual(nb.metadata.language_info.file_extension, ".py")
        code = [c for c in nb.cells if c.cell_type == "code"]
        counts = [c.execution_count for c in code]
        self.assertEqual(counts, list(range(1, len(code) + 1)))
        out = [c.outputs for c in code]
        # x as the cell value: PyTorch's repr plus an HTML table
        self.assertEqual(out[0][0].output_type, "execute_result")
        self.assertEqual(out[0][0].data["text/plain"], "tensor([[0, 1, 2],\n        [3, 4, 5]])")
        self.assertIn("<table", out[0][0].data["text/html"])
        self.assertEqual([(o.output_type, o.name, o.text) for o in out[1]], [("stream", "stdout", "tensor(15)\nrows: 2\n")])
        self.assertEqual(out[2][0].output_type, "display_data")
        self.assertEqual(out[2][0].data["text/plain"], "tensor([[ 0,  2,  4],\n        [ 6,  8, 10]])")
        self.assertEqual(out[3][0].data["text/html"], "<b>bold</b>")
        # update_display_data rewrote the displayed output in place
        self.assertEqual(len(out[4]), 1)
        self.assertEqual(out[4][0].data["text/plain"], "'second'")
        self.assertEqual(out[5][0].output_type, "error")
        self.assertEqual((out[5][0].ename, out[5][0].evalue), ("AssertionError", "a deliberate failure"))
        self.assertEqual([(o.name, o.text) for o in out[6]], [("stdout", "0 1 2 "), ("stderr", "\n")])
        self.assertEqual([(o.output_type, o.text) for o in out[7]], [("stream", "after clear\n")])
        self.assertEqual(out[8], [])   # the ';' suppressed the value

    def test_nbclient(self):
        nb = nbformat.read(SAMPLE, as_version=4)
        client = NotebookClient(nb, kernel_name="ctorch", timeout=60, startup_timeout=30)
        client.execute()
        self.check_outputs(nb)

    def test_nbconvert_execute(self):
        jupyter = shutil.which("jupyter", path="/usr/bin:" + os.environ.get("PATH", ""))
        if not jupyter:
            self.skipTest("no jupyter command")
        with tempfile.TemporaryDirectory() as tmp:
            target = os.path.join(tmp, "out.ipynb")
            r = subprocess.run([jupyter, "nbconvert", "--to", "notebook", "--execute", SAMPLE, "--output", target,
                                "--ExecutePreprocessor.kernel_name=ctorch", "--ExecutePreprocessor.timeout=60"],
                               capture_output=True, text=True, timeout=120)
            if r.returncode != 0 and "No module named nbconvert" in r.stderr:
                self.skipTest("nbconvert not installed")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.check_outputs(nbformat.read(target, as_version=4))


if __name__ == "__main__":
    unittest.main(verbosity=2)
