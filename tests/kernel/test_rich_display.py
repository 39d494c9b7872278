"""tests/kernel/test_rich_display.py — what a notebook shows for plots and progress bars, over real
sockets: plt.show() sends one image/png display (a real PNG, decoded by its IHDR header), a figure left
open at the end of a cell is shown once (the inline backend's rule), a closed one is not; the image is
cropped as matplotlib-inline 0.1.6 crops it (bbox_inches='tight', pad 0.1 in, figure.dpi 100: pixel sizes
recorded from IPython's print_figure with matplotlib 3.6.3, Debian's python3-matplotlib-inline); tqdm.notebook
and tqdm.auto make one display and update it in place (update_display_data with the same display_id),
ending at the full count."""
import base64
import os
import struct
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kerneltest  # noqa: E402

kerneltest.require("jupyter_client")
kerneltest.setup_env()

from jupyter_client.manager import start_new_kernel  # noqa: E402


def png_size(b64):
    data = base64.b64decode(b64)
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


class RichDisplay(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name="ctorch", startup_timeout=30)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def run_cell(self, code):
        reply, outs = kerneltest.run(self.kc, code, timeout=60)
        self.assertEqual(reply["status"], "ok", outs)
        self.assertFalse([c for t, c in outs if t == "stream" and c["name"] == "stderr"], "stderr noise")
        return outs

    def images(self, outs):
        return [c["data"]["image/png"] for t, c in outs if t == "display_data" and "image/png" in c["data"]]

    def test_show_sends_png(self):
        outs = self.run_cell("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [3, 1, 2])\nplt.show()")
        imgs = self.images(outs)
        self.assertEqual(len(imgs), 1)
        w, h = png_size(imgs[0])
        self.assertTrue(100 < w < 2000 and 100 < h < 2000, (w, h))

    def test_open_figure_shown_at_end_of_cell(self):
        outs = self.run_cell("import matplotlib.pyplot as plt\nplt.figure(figsize=(2, 2))\nplt.imshow([[0, 1], [1, 0]], cmap='gray')\nplt.title('x')")
        self.assertEqual(len(self.images(outs)), 1)
        results = [c["data"]["text/plain"] for t, c in outs if t == "execute_result"]
        self.assertEqual(results, ["Text(0.5, 1.0, 'x')"])
        # nothing left open: the next cell shows nothing
        self.assertEqual(self.images(self.run_cell("1")), [])

    def test_inline_image_is_cropped_tight(self):
        # (code, matplotlib-inline's PNG size, tolerance in pixels: text extents differ slightly from Agg's)
        cases = [
            ("plt.figure(figsize=(2, 2))\nplt.imshow([[0, 1], [1, 0]], cmap='gray')\nplt.title('x')", (217, 218), 1),
            ("plt.plot([1, 2, 3], [3, 1, 2])", (556, 413), 2),
            ("fig, axes = plt.subplots(1, 8, figsize=(12, 2.2))\nfor ax in axes:\n"
             "    ax.imshow([[0, 1], [1, 0]], cmap='gray'); ax.set_title('Ankle boot\\n(Sandal)', fontsize=8)\n"
             "    ax.axis('off')", (950, 146), 2),
        ]
        for code, (w0, h0), tol in cases:
            imgs = self.images(self.run_cell("import matplotlib.pyplot as plt\n" + code + "\nplt.show()"))
            self.assertEqual(len(imgs), 1, code)
            w, h = png_size(imgs[0])
            self.assertTrue(abs(w - w0) <= tol and abs(h - h0) <= tol, (code, (w, h), (w0, h0)))

    def test_closed_figure_not_shown(self):
        outs = self.run_cell("import matplotlib.pyplot as plt\nplt.plot([1, 2]); plt.savefig('rich_display_test.png'); plt.close()")
        self.assertEqual(self.images(outs), [])
        os.remove("rich_display_test.png")

    def check_bar(self, code):
        outs = self.run_cell(code)
        kinds = [t for t, c in outs]
        self.assertEqual(kinds[0], "display_data")
        self.assertIn("update_display_data", kinds)
        ids = {c["transient"]["display_id"] for t, c in outs}
        self.assertEqual(len(ids), 1)
        self.assertIn("5/5", outs[-1][1]["data"]["text/plain"])

    def test_tqdm_notebook(self):
        self.check_bar("from tqdm.notebook import tqdm\nfor i in tqdm(range(5)):\n    pass")

    def test_tqdm_auto(self):
        self.check_bar("from tqdm.auto import tqdm\nfor i in tqdm(range(5), desc='epoch'):\n    pass")


if __name__ == "__main__":
    unittest.main()
