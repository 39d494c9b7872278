"""tests/kernel/test_install.py — the kernelspec: the build tree's spec is valid and what the issue
specifies, `ctorch install --prefix/--user` writes one that `jupyter kernelspec list` finds (with the
logos), `jupyter kernelspec install` of the build tree's spec works too, and a kernel started from an
installed spec answers."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kerneltest  # noqa: E402

kerneltest.require("jupyter_client")
kerneltest.setup_env()

from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from jupyter_client.manager import start_new_kernel  # noqa: E402

BUILD_SPEC = os.path.join(os.environ["JUPYTER_PATH"].split(os.pathsep)[0], "kernels", "ctorch")
LOGOS = {"logo-32x32.png", "logo-64x64.png", "logo-svg.svg"}


def ctorch_binary():
    with open(os.path.join(BUILD_SPEC, "kernel.json")) as f:
        return json.load(f)["argv"][0]


class InstallTests(unittest.TestCase):
    def check_spec_dir(self, d, binary=None):
        with open(os.path.join(d, "kernel.json")) as f:
            spec = json.load(f)
        self.assertEqual(spec["argv"][1:], ["kernel", "-f", "{connection_file}"])
        self.assertTrue(os.path.isabs(spec["argv"][0]) and os.access(spec["argv"][0], os.X_OK))
        if binary:
            self.assertEqual(os.path.realpath(spec["argv"][0]), os.path.realpath(binary))
        self.assertEqual(spec["display_name"], "ctorch (PyTorch-style, C)")
        self.assertEqual(spec["language"], "ctorch")
        self.assertEqual(spec["interrupt_mode"], "signal")
        self.assertTrue(LOGOS <= set(os.listdir(d)), os.listdir(d))
        with open(os.path.join(d, "logo-64x64.png"), "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
        with open(os.path.join(d, "logo-svg.svg")) as f:
            self.assertIn("<svg", f.read())

    def test_build_tree_spec(self):
        self.check_spec_dir(BUILD_SPEC)
        ksm = KernelSpecManager()
        self.assertIn("ctorch", ksm.find_kernel_specs())
        self.assertEqual(os.path.realpath(ksm.get_kernel_spec("ctorch").resource_dir), os.path.realpath(BUILD_SPEC))

    def test_ctorch_install_prefix_and_user(self):
        binary = ctorch_binary()
        with tempfile.TemporaryDirectory() as tmp:
            r = subprocess.run([binary, "install", "--prefix", tmp], capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            d = os.path.join(tmp, "share", "jupyter", "kernels", "ctorch")
            self.assertIn(d, r.stdout)
            self.check_spec_dir(d, binary)
            # jupyter finds it there, and a kernel started from it answers
            env = dict(os.environ, JUPYTER_PATH=os.path.join(tmp, "share", "jupyter"))
            out = subprocess.run(["/usr/bin/jupyter", "kernelspec", "list", "--json"], capture_output=True, text=True,
                                 env=env)
            if out.returncode == 0:
                specs = json.loads(out.stdout)["kernelspecs"]
                self.assertEqual(os.path.realpath(specs["ctorch"]["resource_dir"]), os.path.realpath(d))
            old = os.environ["JUPYTER_PATH"]
            os.environ["JUPYTER_PATH"] = env["JUPYTER_PATH"]
            try:
                km, kc = start_new_kernel(kernel_name="ctorch")
                reply, outs = kerneltest.run(kc, "print(6 * 7)")
                self.assertEqual(kerneltest.stdout_of(outs), "42\n")
                kc.stop_channels()
                km.shutdown_kernel()
            finally:
                os.environ["JUPYTER_PATH"] = old
            # --user: the Jupyter data dir; --name renames
            env = dict(os.environ, HOME=tmp, JUPYTER_DATA_DIR="", XDG_DATA_HOME="")
            r = subprocess.run([binary, "install", "--user", "--name", "CTorch-Dev"], capture_output=True, text=True, env=env)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.check_spec_dir(os.path.join(tmp, ".local", "share", "jupyter", "kernels", "ctorch-dev"), binary)
            # bad usage
            r = subprocess.run([binary, "install", "--user", "--prefix", tmp], capture_output=True, text=True)
            self.assertEqual(r.returncode, 2)
            r = subprocess.run([binary, "install", "--name", "bad/name", "--prefix", tmp], capture_output=True, text=True)
            self.assertEqual(r.returncode, 2)

    def test_jupyter_kernelspec_install(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = subprocess.run(["/usr/bin/jupyter", "kernelspec", "install", BUILD_SPEC, "--prefix", tmp],
                               capture_output=True, text=True)
            if r.returncode != 0 and "No such file" in r.stderr:
                self.skipTest("no jupyter command")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.check_spec_dir(os.path.join(tmp, "share", "jupyter", "kernels", "ctorch"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
