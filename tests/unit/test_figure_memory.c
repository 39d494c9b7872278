/*
** tests/unit/test_figure_memory.c — closed matplotlib figures are freed: plotting and closing figures in
** a loop (plt.close(fig), close(), close('all'), clf, figure(num, clear=True), Figure() dropped, and in a notebook
** the figures show() and the end of a cell display and close) keeps memory flat. The language counts
** references without a cycle collector, so a figure whose axes and artists point back at it through
** strong references would never be freed (kernel/lang/py/matplotlib/figure.py uses weakref instead).
** Memory is malloc's in-use bytes (mallinfo2: the interpreter's objects and the figures' C cores, cairo
** surfaces included) measured after 500 and after 2,000 iterations; it must not grow by more than
** 256 KiB (it grew by about 24 KiB per figure while closed figures were kept). Also checks what a closed
** figure still does when the user holds it (savefig, fig.axes, ax.figure).
*/
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kernel/lang/lang.h"
#include "tests/check.h"

void lang_alloc_trim(void);   /* kernel/lang/alloc.c: hands the free lists back to malloc */
int64_t lang_alloc_live_bytes(void);     /* the interpreter's live object bytes (also under ASan) */

static lang_vm *vm;

static void run_ok(const char *src) {
  int ec;
  lang_status st = lang_run(vm, src, strlen(src), "<test>", LANG_RUN_FILE, NULL, &ec);
  CHECK_MSG(st == LANG_OK, "%s", st == LANG_OK ? "" : lang_last_traceback(vm));
}

static void quiet(void *ctx, int stream, const char *s, size_t n) {
  if (stream == 2) fwrite(s, 1, n, stderr);   /* tracebacks stay visible; prints are dropped */
}

static size_t heap_in_use(void) {
  struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

/* One iteration per way of making and closing figures (pyplot and the object API, images, colour
   bars, legends, bars, scatter, text, spines, axis objects, twin-free subplot grids). */
static const char *loop_src =
  "import matplotlib.pyplot as plt\n"
  "from matplotlib.figure import Figure\n"
  "plt.rcParams['figure.dpi'] = 10   # small images: the loop is about memory, not drawing\n"
  "def loop(n):\n"
  "    for i in range(n):\n"
  "        k = i % 7\n"
  "        if k == 0:\n"
  "            fig, ax = plt.subplots()\n"
  "            ax.plot([1, 2, 3], [i, 2, 1], 'r--', label='a')\n"
  "            ax.set_title('t'); ax.set_xlabel('x'); ax.legend()\n"
  "            ax.spines['top'].set_visible(False); ax.xaxis.set_ticks([1, 2])\n"
  "            fig.canvas.draw()\n"
  "            plt.close(fig)\n"
  "        elif k == 1:\n"
  "            plt.figure(figsize=(2, 2))\n"
  "            plt.imshow([[1, 2], [3, 4]], cmap='gray'); plt.colorbar()\n"
  "            plt.title('im')\n"
  "            plt.close()\n"
  "        elif k == 2:\n"
  "            fig, axes = plt.subplots(2, 2)\n"
  "            axes[0, 0].bar(['a', 'b'], [1, 2]); axes[1, 1].scatter([1, 2], [3, 4])\n"
  "            axes[0, 1].hist([1, 2, 2, 3]); fig.suptitle('s'); fig.text(0.1, 0.1, 'x')\n"
  "            plt.close('all')\n"
  "        elif k == 3:\n"
  "            plt.plot([1, 2]); plt.clf(); plt.plot([2, 1]); plt.close(plt.gcf().number)\n"
  "        elif k == 4:\n"
  "            fig = Figure(); ax = fig.add_subplot(); ax.plot([1, 2]); fig.savefig(_sink, format='png')\n"
  "            del fig, ax\n"
  "        elif k == 5:\n"
  "            fig = plt.figure(); ax = fig.add_subplot(1, 1, 1); ax.imshow([[0, 1]]); plt.close(fig)\n"
  "            fig.savefig(_sink, format='svg')\n"
  "        else:\n"
  "            plt.figure(7, clear=True).add_subplot().plot([i, 1])   # one figure reused: its old axes go\n"
  "class _Sink:\n"
  "    n = 0\n"
  "    def write(self, b):\n"
  "        _Sink.n += len(b)\n"
  "_sink = _Sink()\n";

static void check_flat(const char *label, const char *loop500, const char *loop1500) {
  run_ok(loop500);
  lang_alloc_trim();
  size_t at500 = heap_in_use();
  int64_t live500 = lang_alloc_live_bytes();
  run_ok(loop1500);
  lang_alloc_trim();
  size_t at2000 = heap_in_use();
  int64_t live2000 = lang_alloc_live_bytes();
  long long grew = (long long)at2000 - (long long)at500, live = (long long)(live2000 - live500);
  printf("%s: malloc in use after 500: %zu bytes, after 2000: %zu bytes (%+lld, %+.1f per iteration); "
         "interpreter objects %+lld bytes\n", label, at500, at2000, grew, (double)grew / 1500.0, live);
  CHECK_MSG(grew < 256 * 1024, "%s: memory grew by %lld bytes over 1500 iterations", label, grew);   /* 0 under ASan */
  CHECK_MSG(live < 64 * 1024, "%s: interpreter objects grew by %lld bytes over 1500 iterations", label, live);
}

static void test_script_loop(void) {
  vm = lang_vm_new(0, NULL);
  lang_set_output(vm, quiet, NULL);
  run_ok(loop_src);
  check_flat("script", "loop(500)", "loop(1500)");
  run_ok("assert plt.get_fignums() in ([], [7]), plt.get_fignums()\nplt.close('all')\nassert _Sink.n > 0\n");
  lang_vm_free(vm);
}

/* A closed figure the user still holds keeps working (matplotlib lets you savefig it), and its axes
   still know it; once nothing holds it, weak back references read None. */
static void test_closed_figure_still_usable(void) {
  vm = lang_vm_new(0, NULL);
  lang_set_output(vm, quiet, NULL);
  run_ok(loop_src);
  run_ok("fig, ax = plt.subplots()\n"
         "im = ax.imshow([[1, 2], [3, 4]])\n"
         "plt.close(fig)\n"
         "assert plt.get_fignums() == []\n"
         "assert ax.figure is fig and fig.axes == [ax] and fig.gca() is ax and im.axes is ax\n"
         "assert ax.xaxis.axes is ax and fig.canvas.figure is fig and ax.get_figure() is fig\n"
         "n = _Sink.n\n"
         "fig.savefig(_sink, format='png')\n"
         "assert _Sink.n > n\n"
         "ax.set_title('after close')\n"
         "fig.canvas.print_png(_sink)\n"
         "plt.figure(fig)\n"
         "assert plt.gcf() is fig\n"
         "plt.close('all')\n"
         "del fig\n"
         "assert ax.figure is None and im.axes is ax\n"
         "ax2 = plt.subplot(); f2 = ax2.figure; plt.close(); del f2\n"
         "assert ax2.figure is None\n"
         "ax2.plot([1, 2])\n");   /* drawing into axes of a freed figure: its C core lives as long as ax2 */
  lang_vm_free(vm);
}

static int displays;
static int count_display(void *ctx, const lang_mime_bundle *b, const char *display_id, bool update) {
  displays++;
  return 0;
}

/* The notebook: figures left open by a cell are displayed and closed after it (post_execute), and
   show() does the same, so a cell loop that plots never accumulates figures. */
static void test_notebook_loop(void) {
  vm = lang_vm_new(0, NULL);
  lang_set_output(vm, quiet, NULL);
  lang_kernel_hooks hooks = {.display = count_display};
  CHECK(lang_kernel_install(vm, &hooks) == 0);
  run_ok("import matplotlib.pyplot as plt\n"
         "plt.rcParams['figure.dpi'] = 10\n"
         "def cell(n):\n"
         "    for i in range(n):\n"
         "        fig, ax = plt.subplots(figsize=(2, 2))\n"
         "        ax.plot([1, 2, i])\n"
         "        if i % 2:\n"
         "            plt.show()\n"
         "        else:\n"
         "            plt.figure(figsize=(1, 1)); plt.plot([1, 2])\n"
         "            plt._flush_figures()\n");   /* what the end of a cell runs */
  run_ok("cell(10)");
  CHECK(displays == 15);
  check_flat("notebook", "cell(500)", "cell(1500)");
  lang_kernel_uninstall(vm);
  lang_vm_free(vm);
}

int main(int argc, char **argv) {
  static const check_test tests[] = {
    {"script_loop", test_script_loop},
    {"closed_figure_still_usable", test_closed_figure_still_usable},
    {"notebook_loop", test_notebook_loop},
    {NULL, NULL},
  };
  return check_run(tests, argc, argv);
}
