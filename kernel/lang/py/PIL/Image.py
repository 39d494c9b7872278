# PIL.Image for ctorch: the image objects torchvision datasets return and transforms accept. The
# pixels are a uint8 tensor (H, W) for mode "L", (H, W, 3) for "RGB"; size is (width, height) as in
# PIL. Enough for the tutorials: fromarray, resize, transpose (flips), crop, convert, getbands.
import torch

NEAREST = 0
BOX = 4
BILINEAR = 2
HAMMING = 5
BICUBIC = 3
LANCZOS = 1
FLIP_LEFT_RIGHT = 0
FLIP_TOP_BOTTOM = 1


class Resampling:
    NEAREST = 0
    BOX = 4
    BILINEAR = 2
    HAMMING = 5
    BICUBIC = 3
    LANCZOS = 1


class Image:
    def __init__(self, pixels, mode):
        self._pixels = pixels
        self.mode = mode

    @property
    def size(self):
        return (self._pixels.shape[1], self._pixels.shape[0])

    @property
    def width(self):
        return self._pixels.shape[1]

    @property
    def height(self):
        return self._pixels.shape[0]

    def getbands(self):
        return ("L",) if self.mode == "L" else ("R", "G", "B")

    def copy(self):
        return Image(self._pixels.clone(), self.mode)

    def transpose(self, method):
        d = 1 if method == FLIP_LEFT_RIGHT else 0
        return Image(self._pixels.flip(d), self.mode)

    def crop(self, box):
        left, upper, right, lower = [int(v) for v in box]
        h, w = self.height, self.width
        shape = (lower - upper, right - left) + tuple(self._pixels.shape[2:])
        out = torch.zeros(shape, dtype=torch.uint8)
        y0, y1, x0, x1 = max(upper, 0), min(lower, h), max(left, 0), min(right, w)
        if y1 > y0 and x1 > x0:
            out[y0 - upper:y1 - upper, x0 - left:x1 - left] = self._pixels[y0:y1, x0:x1]
        return Image(out, self.mode)

    def resize(self, size, resample=BILINEAR):
        w, h = int(size[0]), int(size[1])
        x = self._pixels.to(torch.float32)
        if x.dim() == 2:
            x = x.unsqueeze(2)
        out = _resize_hwc(x, h, w, resample)
        out = out.round().clamp(0, 255).to(torch.uint8)
        if self.mode == "L":
            out = out.squeeze(2)
        return Image(out, self.mode)

    def convert(self, mode):
        if mode == self.mode:
            return self.copy()
        if mode == "RGB" and self.mode == "L":
            return Image(self._pixels.unsqueeze(2).expand(self.height, self.width, 3).contiguous(), "RGB")
        if mode == "L" and self.mode == "RGB":
            p = self._pixels.to(torch.float32)
            gray = (p[:, :, 0] * 299 + p[:, :, 1] * 587 + p[:, :, 2] * 114) / 1000
            return Image(gray.round().to(torch.uint8), "L")
        raise ValueError("conversion from %s to %s not supported" % (self.mode, mode))

    def __repr__(self):
        return "<PIL.Image.Image image mode=%s size=%dx%d at 0x%X>" % (self.mode, self.width, self.height, id(self))


def _resize_hwc(x, h, w, resample):
    H, W = x.shape[0], x.shape[1]
    if resample == NEAREST:
        iy = ((torch.arange(h, dtype=torch.float64) + 0.5) * H / h).floor().clamp(0, H - 1).long()
        ix = ((torch.arange(w, dtype=torch.float64) + 0.5) * W / w).floor().clamp(0, W - 1).long()
        return x[iy][:, ix]
    # bilinear with half-pixel centres
    fy = ((torch.arange(h, dtype=torch.float64) + 0.5) * H / h - 0.5).clamp(0, H - 1)
    fx = ((torch.arange(w, dtype=torch.float64) + 0.5) * W / w - 0.5).clamp(0, W - 1)
    y0 = fy.floor().long()
    x0 = fx.floor().long()
    y1 = (y0 + 1).clamp(max=H - 1)
    x1 = (x0 + 1).clamp(max=W - 1)
    wy = (fy - y0).to(torch.float32).view(h, 1, 1)
    wx = (fx - x0).to(torch.float32).view(1, w, 1)
    top = x[y0][:, x0] * (1 - wx) + x[y0][:, x1] * wx
    bottom = x[y1][:, x0] * (1 - wx) + x[y1][:, x1] * wx
    return top * (1 - wy) + bottom * wy


def fromarray(obj, mode=None):
    if isinstance(obj, torch.Tensor):
        t = obj
    else:
        t = torch.as_tensor(obj)
    if t.dtype != torch.uint8:
        t = t.to(torch.uint8)
    if mode is None:
        mode = "L" if t.dim() == 2 else "RGB"
    return Image(t.contiguous(), mode)


def new(mode, size, color=0):
    w, h = size
    shape = (h, w) if mode == "L" else (h, w, 3)
    return Image(torch.full(shape, color, dtype=torch.uint8) if isinstance(color, int) else torch.tensor(color, dtype=torch.uint8).expand(h, w, 3).contiguous(), mode)


def open(fp, mode="r"):
    raise OSError("ctorch cannot open image files; datasets load their images through torchvision.datasets")
