/*
** tests/unit/test_serialize.c — torch.save / torch.load (kernel/lang/serialize.c): round trips that print
** identically, the exact bytes of a small file (the documented format), file-like objects, the path
** rules (relative, no '..', no symbolic links), and damaged files: every truncation, every flipped
** byte, and payload mutations with a recomputed CRC all end in a clean exception, never a crash.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "kernel/lang/lang.h"
#include "tests/check.h"

static lang_vm *vm;

static lang_status run(const char *src) {
  int ec;
  return lang_run(vm, src, strlen(src), "<test>", LANG_RUN_FILE, NULL, &ec);
}

/* Runs src; it must succeed (prints the traceback otherwise). */
static void run_ok(const char *src) {
  lang_status st = run(src);
  CHECK_MSG(st == LANG_OK, "%s", st == LANG_OK ? "" : lang_last_traceback(vm));
}

/* Runs src; it must raise etype with a message containing text. */
static void run_raises(const char *src, const char *etype, const char *text) {
  lang_status st = run(src);
  CHECK_MSG(st == LANG_ERROR, "no error from: %s", src);
  if (st != LANG_ERROR) return;
  CHECK_STR(lang_last_error_type(vm), etype);
  CHECK_MSG(strstr(lang_last_error_value(vm), text) != NULL, "%s: '%s' lacks '%s'", src, lang_last_error_value(vm), text);
}

static unsigned char *read_file(const char *name, size_t *len) {
  FILE *f = fopen(name, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *b = malloc((size_t)n + 1);
  *len = fread(b, 1, (size_t)n, f);
  fclose(f);
  return b;
}

static void write_file(const char *name, const unsigned char *b, size_t len) {
  FILE *f = fopen(name, "wb");
  if (!f) return;
  fwrite(b, 1, len, f);
  fclose(f);
}

/* ---- round trips ---- */

static void test_round_trip(void) {
  run_ok("import torch\n"
         "torch.manual_seed(0)\n"
         "w = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)\n"
         "obj = {'f': torch.randn(3, 4), 'strided': torch.arange(12).reshape(3, 4)[:, ::2], 'b': torch.tensor([True, False]),\n"
         "       'u8': torch.tensor([1, 255], dtype=torch.uint8), 'i32': torch.tensor([[-5, 7]], dtype=torch.int32),\n"
         "       'empty': torch.zeros(0, 3), 'scalar': torch.tensor(3.5), 'w': w, 'nonleaf': w * 2,\n"
         "       'big': torch.randn(300, 300), 'zeros': torch.zeros(5000),\n"
         "       'list': [1, -7, 2.5, float('inf'), -0.0, 'h\\u00e9llo', None, True, False, (1, (2, 3)), b'by\\x00tes'],\n"
         "       3: 'int key', (1, 2): 'tuple key', 'size': torch.Size([2, 3]), 'dt': torch.int32,\n"
         "       'dev': torch.device('cpu')}\n"
         "obj['again'] = obj['f']\n"
         "torch.save(obj, 'rt.pt')\n"
         "r = torch.load('rt.pt')\n"
         "assert list(r.keys()) == list(obj.keys())\n"
         "for k in obj:\n"
         "    assert repr(r[k]) == repr(obj[k]) or k == 'nonleaf', (k, r[k], obj[k])\n"
         "    if isinstance(obj[k], torch.Tensor):\n"
         "        assert r[k].dtype == obj[k].dtype and r[k].shape == obj[k].shape and r[k].is_leaf\n"
         "        assert r[k].requires_grad == obj[k].requires_grad and r[k].is_contiguous()\n"
         "        assert r[k].tolist() == obj[k].tolist()\n"
         "assert r['again'] is r['f'] and r['f'] is not obj['f']\n"
         "assert type(r['size']) is torch.Size and type(r['list'][9]) is tuple and r['list'][10] == b'by\\x00tes'\n"
         "assert 'requires_grad=True' in repr(r['nonleaf']) and r['nonleaf'].grad_fn is None\n"
         "torch.save(torch.ones(2), 'plain.pt')\n"
         "assert repr(torch.load('plain.pt')) == 'tensor([1., 1.])'\n"
         "torch.save(None, 'none.pt')\n"
         "assert torch.load('none.pt') is None\n");
}

static void test_parameters_and_state_dicts(void) {
  run_ok("import torch\n"
         "import torch.nn as nn\n"
         "p = nn.Parameter(torch.ones(2))\n"
         "torch.save({'p': p, 'q': p, 'frozen': nn.Parameter(torch.zeros(1), requires_grad=False)}, 'p.pt')\n"
         "r = torch.load('p.pt')\n"
         "assert type(r['p']) is nn.Parameter and r['p'] is r['q'] and r['p'].requires_grad\n"
         "assert type(r['frozen']) is nn.Parameter and not r['frozen'].requires_grad\n"
         "assert repr(r['p']) == repr(p)\n"
         "torch.manual_seed(0)\n"
         "net = nn.Linear(3, 2)\n"
         "sd = net.state_dict()\n"
         "torch.save(sd, 'sd.pt')\n"
         "r = torch.load('sd.pt')\n"
         "assert repr(r) == repr(sd) and type(r).__name__ == 'OrderedDict'\n"
         "assert r._metadata == sd._metadata\n"
         "assert r['weight'].tolist() == net.weight.tolist() and not r['weight'].requires_grad\n"
         "opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)\n"
         "net.weight.grad = torch.ones(2, 3)\n"
         "net.bias.grad = torch.ones(2)\n"
         "opt.step()\n"
         "torch.save(opt.state_dict(), 'opt.pt')\n"
         "assert repr(torch.load('opt.pt')) == repr(opt.state_dict())\n");
}

/* The documented layout, byte for byte: header, then 'd' with one (str, tensor) pair. */
static void test_exact_bytes(void) {
  run_ok("import torch\ntorch.save({'a': torch.tensor([1., 2.])}, 'g.pt')\n");
  static const unsigned char payload[] = {
    'd', 1, 0, 0, 0, 0, 0, 0, 0,
    's', 1, 0, 0, 0, 0, 0, 0, 0, 'a',
    'X', 4, 0, 0, 0xff, 1, 2, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0x80, 0x3f, 0, 0, 0, 0x40,
  };
  unsigned char expect[40 + sizeof payload] = {0x89, 'C', 'T', 'O', 'R', 'C', 'H', 0x0A, 1, 0, 0, 0, 0, 0, 0, 0};
  expect[16] = sizeof payload;
  expect[24] = sizeof payload;
  uint32_t crc = (uint32_t)crc32(0, payload, sizeof payload);
  for (int i = 0; i < 4; i++) expect[32 + i] = (unsigned char)(crc >> (8 * i));
  memcpy(expect + 40, payload, sizeof payload);
  size_t len = 0;
  unsigned char *got = read_file("g.pt", &len);
  CHECK(got && len == sizeof expect && memcmp(got, expect, len) == 0);
  free(got);
  /* a large, compressible payload is stored deflated (flag bit 0) */
  run_ok("import torch\ntorch.save(torch.zeros(100000), 'z.pt')\nassert torch.load('z.pt').sum().item() == 0.0\n");
  got = read_file("z.pt", &len);
  CHECK(got && len < 2000 && got[12] == 1);
  free(got);
}

static void test_file_like(void) {
  run_ok("import torch\n"
         "class Buf:\n"
         "    def write(self, b):\n"
         "        self.data = b\n"
         "    def read(self):\n"
         "        return self.data\n"
         "b = Buf()\n"
         "torch.save({'k': [1, 2], 't': torch.arange(3)}, b)\n"
         "r = torch.load(b)\n"
         "assert r['k'] == [1, 2] and r['t'].tolist() == [0, 1, 2]\n");
  run_raises("import torch\ntorch.save(1, 5)\n", "TypeError", "file-like object with write()");
  run_raises("import torch\nclass R:\n    def read(self):\n        return 'text'\ntorch.load(R())\n", "TypeError",
             "returned str, not bytes");
  run_raises("import torch\ntorch.save(object(), 'o.pt')\n", "TypeError", "cannot save an object of type 'object'");
  run_raises("import torch\nl = []\nl.append(l)\ntorch.save(l, 'o.pt')\n", "RecursionError", "nests deeper");
  run_ok("l.clear()\n");   /* the interpreter has no cycle collector */
}

static void test_map_location(void) {
  run_ok("import torch\n"
         "torch.save({'t': torch.arange(4.)}, 'm.pt')\n"
         "for ml in ['cpu', torch.device('cpu'), {'cuda:0': 'cpu'}, lambda storage, loc: storage, lambda s, l: None]:\n"
         "    assert torch.load('m.pt', map_location=ml)['t'].tolist() == [0., 1., 2., 3.]\n");
  run_raises("import torch\ntorch.load('m.pt', map_location=2.5)\n", "TypeError", "map_location must be");
  if (run("import torch\nassert not torch.cuda.is_available()\n") == LANG_OK)
    run_raises("import torch\ntorch.load('m.pt', map_location='cuda')\n", "RuntimeError",
               "Attempting to deserialize object on a CUDA device");
}

static void test_paths(void) {
  run_raises("import torch\ntorch.save(1, '/tmp/x.pt')\n", "PermissionError", "absolute paths are not allowed");
  run_raises("import torch\ntorch.load('/etc/passwd')\n", "PermissionError", "absolute paths are not allowed");
  run_raises("import torch\ntorch.save(1, '../x.pt')\n", "PermissionError", "'..' is not allowed");
  run_raises("import torch\ntorch.load('a/../../x.pt')\n", "PermissionError", "'..' is not allowed");
  run_raises("import torch\ntorch.load('missing.pt')\n", "FileNotFoundError",
             "[Errno 2] No such file or directory: 'missing.pt'");
  run_raises("import torch\ntorch.save(1, 'nodir/x.pt')\n", "FileNotFoundError", "No such file or directory");
  run_raises("import torch\ntorch.load('')\n", "FileNotFoundError", "No such file or directory");
  run_raises("import torch\ntorch.load('x\\0y')\n", "ValueError", "embedded null byte");
  run_raises("import torch\ntorch.load('.')\n", "OSError", "Is a directory");
  mkdir("sub", 0777);
  run_ok("import torch\ntorch.save([1], 'sub/y.pt')\nassert torch.load('./sub//y.pt') == [1]\n");
  CHECK(symlink("rt.pt", "link.pt") == 0);
  CHECK(symlink("sub", "linkdir") == 0);
  run_raises("import torch\ntorch.load('link.pt')\n", "PermissionError", "is a symbolic link");
  run_raises("import torch\ntorch.save(1, 'link.pt')\n", "PermissionError", "is a symbolic link");
  run_raises("import torch\ntorch.load('linkdir/y.pt')\n", "PermissionError", "goes through a symbolic link");
  run_raises("import torch\ntorch.save(1, 'linkdir/q.pt')\n", "PermissionError", "goes through a symbolic link");
  struct stat st;
  CHECK(stat("sub/q.pt", &st) != 0);   /* nothing was written through the link */
}

/* ---- damaged files ---- */

/* Loads name; must succeed or raise one of the clean error types. Returns 1 if it raised. */
static int load_cleanly(const char *name) {
  char src[128];
  snprintf(src, sizeof src, "import torch\nr = torch.load('%s')\n", name);
  lang_status st = run(src);
  if (st == LANG_OK) return 0;
  const char *t = lang_last_error_type(vm);
  CHECK_MSG(st == LANG_ERROR && (strcmp(t, "RuntimeError") == 0 || strcmp(t, "TypeError") == 0), "%s: %s", t,
            lang_last_error_value(vm));
  return 1;
}

static void test_damaged_files(void) {
  run_ok("import torch\n"
         "torch.manual_seed(1)\n"
         "torch.save({'a': torch.randn(3), 'b': [1, 'two', (3.0, None)], 'c': torch.tensor([True, False]),\n"
         "            'd': torch.Size([2]), 'e': torch.float64, 'r': None}, 'ok.pt')\n");
  size_t len = 0;
  unsigned char *good = read_file("ok.pt", &len);
  CHECK(good && len > 40 && good[12] == 0);
  if (!good) return;
  /* every truncation */
  for (size_t n = 0; n < len; n++) {
    write_file("bad.pt", good, n);
    CHECK(load_cleanly("bad.pt") == 1);
  }
  /* every byte flipped: the header checks or the CRC catch each one */
  unsigned char *b = malloc(len + 1);
  for (size_t i = 0; i < len; i++) {
    memcpy(b, good, len);
    b[i] ^= 0x5a;
    write_file("bad.pt", b, len);
    CHECK(load_cleanly("bad.pt") == 1);
  }
  /* a trailing byte */
  memcpy(b, good, len);
  b[len] = 0;
  write_file("bad.pt", b, len + 1);
  CHECK(load_cleanly("bad.pt") == 1);
  /* payload mutations with a valid CRC: the decoder itself must stay clean */
  unsigned seed = 12345;
  int raised = 0;
  for (int k = 0; k < 1500; k++) {
    memcpy(b, good, len);
    int nmut = 1 + k % 3;
    for (int m = 0; m < nmut; m++) {
      seed = seed * 1103515245u + 12345u;
      size_t pos = 40 + (seed >> 8) % (len - 40);
      seed = seed * 1103515245u + 12345u;
      b[pos] = (unsigned char)(k % 2 ? seed >> 16 : b[pos] ^ (1u << ((seed >> 16) % 8)));
    }
    uint32_t crc = (uint32_t)crc32(0, b + 40, (uInt)(len - 40));
    for (int i = 0; i < 4; i++) b[32 + i] = (unsigned char)(crc >> (8 * i));
    write_file("bad.pt", b, len);
    raised += load_cleanly("bad.pt");
  }
  CHECK(raised > 100);
  /* a compressed payload that claims a huge size is refused before allocating it */
  unsigned char bomb[60] = {0x89, 'C', 'T', 'O', 'R', 'C', 'H', 0x0A, 1, 0, 0, 0, 1, 0, 0, 0};
  bomb[16 + 3] = 0xf0;   /* 4026531840 bytes */
  bomb[24] = 20;
  write_file("bomb.pt", bomb, sizeof bomb);
  run_raises("import torch\ntorch.load('bomb.pt')\n", "RuntimeError", "bad compressed size");
  /* not ctorch files */
  write_file("pk.pt", (const unsigned char *)"PK\x03\x04rest", 8);
  run_raises("import torch\ntorch.load('pk.pt')\n", "RuntimeError", "PyTorch (zip) checkpoint");
  write_file("junk.pt", (const unsigned char *)"hello", 5);
  run_raises("import torch\ntorch.load('junk.pt')\n", "RuntimeError", "not a file written by ctorch's torch.save");
  free(b);
  free(good);
}

static const check_test tests[] = {
  {"round_trip", test_round_trip},
  {"parameters_and_state_dicts", test_parameters_and_state_dicts},
  {"exact_bytes", test_exact_bytes},
  {"file_like", test_file_like},
  {"map_location", test_map_location},
  {"paths", test_paths},
  {"damaged_files", test_damaged_files},
  {NULL, NULL}
};

int main(int argc, char **argv) {
  char dir[] = "/tmp/ctorch_test_serialize_XXXXXX";
  if (!mkdtemp(dir) || chdir(dir) != 0) {
    perror("test_serialize: temporary directory");
    return 1;
  }
  vm = lang_vm_new(0, NULL);
  int rc = check_run(tests, argc, argv);
  lang_vm_free(vm);
  /* remove what the tests wrote */
  const char *files[] = {"rt.pt", "plain.pt", "none.pt", "p.pt", "sd.pt", "opt.pt", "g.pt", "z.pt", "m.pt", "o.pt",
                         "sub/y.pt", "link.pt", "linkdir", "ok.pt", "bad.pt", "bomb.pt", "pk.pt", "junk.pt", NULL};
  for (int i = 0; files[i]; i++) unlink(files[i]);
  rmdir("sub");
  if (chdir("/") == 0) rmdir(dir);
  return rc;
}
