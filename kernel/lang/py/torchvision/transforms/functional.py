# torchvision.transforms.functional: the operations behind the transforms, on PIL-style images and
# on tensors (..., C, H, W).
import torch
from PIL import Image


class InterpolationMode:
    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return "<InterpolationMode.%s: '%s'>" % (self.value.upper(), self.value)

    def __eq__(self, other):
        return isinstance(other, InterpolationMode) and other.value == self.value

    def __hash__(self):
        return hash(self.value)


InterpolationMode.NEAREST = InterpolationMode("nearest")
InterpolationMode.BILINEAR = InterpolationMode("bilinear")
InterpolationMode.BICUBIC = InterpolationMode("bicubic")


def _is_pil(img):
    return isinstance(img, Image.Image)


def _setup_size(size):
    if isinstance(size, (int, float)):
        return (int(size), int(size))
    if len(size) == 1:
        return (size[0], size[0])
    return (size[0], size[1])


def get_image_size(img):
    if _is_pil(img):
        return list(img.size)
    return [img.shape[-1], img.shape[-2]]


def to_tensor(pic):
    if isinstance(pic, torch.Tensor):
        raise TypeError("pic should be PIL Image or ndarray. Got <class 'torch.Tensor'>")
    if not _is_pil(pic):
        t = torch.as_tensor(pic)
        if t.dim() == 2:
            t = t.unsqueeze(2)
        t = t.permute(2, 0, 1).contiguous()
        if t.dtype == torch.uint8:
            return t.to(dtype=torch.get_default_dtype()).div(255)
        return t
    img = pic._pixels
    if img.dim() == 2:
        img = img.view(pic.height, pic.width, 1)
    img = img.permute(2, 0, 1).contiguous()
    return img.to(dtype=torch.get_default_dtype()).div(255)


def pil_to_tensor(pic):
    img = pic._pixels
    if img.dim() == 2:
        img = img.view(pic.height, pic.width, 1)
    return img.permute(2, 0, 1).contiguous()


def to_pil_image(pic, mode=None):
    t = pic
    if t.dim() == 2:
        t = t.unsqueeze(0)
    if t.is_floating_point():
        t = t.mul(255).byte()
    t = t.permute(1, 2, 0)
    if t.size(2) == 1:
        return Image.fromarray(t.squeeze(2), mode or "L")
    return Image.fromarray(t, mode or "RGB")


def convert_image_dtype(image, dtype=torch.float):
    if image.dtype == dtype:
        return image
    if image.is_floating_point():
        if dtype.is_floating_point:
            return image.to(dtype)
        return image.mul(255 + 1.0 - 0.001).to(dtype)
    if dtype.is_floating_point:
        return image.to(dtype).div(255)
    return image.to(dtype)


def normalize(tensor, mean, std, inplace=False):
    if not isinstance(tensor, torch.Tensor):
        raise TypeError("img should be Tensor Image. Got {}".format(type(tensor)))
    if not tensor.is_floating_point():
        raise TypeError("Input tensor should be a float tensor. Got {}.".format(tensor.dtype))
    if tensor.ndim < 3:
        raise ValueError("Expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = {}".format(tensor.size()))
    if not inplace:
        tensor = tensor.clone()
    dtype = tensor.dtype
    mean = torch.as_tensor(mean, dtype=dtype)
    std = torch.as_tensor(std, dtype=dtype)
    if (std == 0).any():
        raise ValueError("std evaluated to zero after conversion to {}, leading to division by zero.".format(dtype))
    if mean.ndim == 1:
        mean = mean.view(-1, 1, 1)
    if std.ndim == 1:
        std = std.view(-1, 1, 1)
    return tensor.sub_(mean).div_(std)


def _output_size(w, h, size, max_size):
    if isinstance(size, int) or len(size) == 1:
        s = size if isinstance(size, int) else size[0]
        short, long = (w, h) if w <= h else (h, w)
        new_short, new_long = s, int(s * long / short)
        if max_size is not None and new_long > max_size:
            new_short, new_long = int(max_size * new_short / new_long), max_size
        return (new_short, new_long) if w <= h else (new_long, new_short)
    return (size[1], size[0])


def resize(img, size, interpolation=InterpolationMode.BILINEAR, max_size=None, antialias=None):
    mode = Image.NEAREST if interpolation == InterpolationMode.NEAREST else Image.BILINEAR
    if _is_pil(img):
        w, h = img.size
        ow, oh = _output_size(w, h, size, max_size)
        if (ow, oh) == (w, h):
            return img
        return img.resize((ow, oh), mode)
    w, h = img.shape[-1], img.shape[-2]
    ow, oh = _output_size(w, h, size, max_size)
    x = img.to(torch.float32) if not img.is_floating_point() else img
    lead = x.shape[:-3]
    c = x.shape[-3]
    x = x.reshape(-1, c, h, w)
    outs = []
    for k in range(x.shape[0]):
        outs.append(Image._resize_hwc(x[k].permute(1, 2, 0), oh, ow, mode).permute(2, 0, 1))
    out = torch.stack(outs).reshape(tuple(lead) + (c, oh, ow))
    if not img.is_floating_point():
        out = out.round().clamp(0, 255).to(img.dtype)
    return out


def crop(img, top, left, height, width):
    if _is_pil(img):
        return img.crop((left, top, left + width, top + height))
    h, w = img.shape[-2], img.shape[-1]
    if top >= 0 and left >= 0 and top + height <= h and left + width <= w:
        return img[..., top:top + height, left:left + width]
    out = torch.zeros(tuple(img.shape[:-2]) + (height, width), dtype=img.dtype)
    y0, y1, x0, x1 = max(top, 0), min(top + height, h), max(left, 0), min(left + width, w)
    out[..., y0 - top:y1 - top, x0 - left:x1 - left] = img[..., y0:y1, x0:x1]
    return out


def center_crop(img, output_size):
    if isinstance(output_size, int):
        output_size = (output_size, output_size)
    w, h = get_image_size(img)
    th, tw = output_size
    top = int(round((h - th) / 2.0))
    left = int(round((w - tw) / 2.0))
    return crop(img, top, left, th, tw)


def hflip(img):
    if _is_pil(img):
        return img.transpose(Image.FLIP_LEFT_RIGHT)
    return img.flip(-1)


def vflip(img):
    if _is_pil(img):
        return img.transpose(Image.FLIP_TOP_BOTTOM)
    return img.flip(-2)


def pad(img, padding, fill=0, padding_mode="constant"):
    if padding_mode != "constant":
        raise ValueError("ctorch supports padding_mode='constant' only")
    if isinstance(padding, int):
        l = t = r = b = padding
    elif len(padding) == 2:
        l, t = padding
        r, b = padding
    else:
        l, t, r, b = padding
    if _is_pil(img):
        w, h = img.size
        px = img._pixels
        shape = (h + t + b, w + l + r) + tuple(px.shape[2:])
        out = torch.full(shape, fill, dtype=torch.uint8)
        out[t:t + h, l:l + w] = px
        return Image.Image(out, img.mode)
    h, w = img.shape[-2], img.shape[-1]
    out = torch.full(tuple(img.shape[:-2]) + (h + t + b, w + l + r), fill, dtype=img.dtype)
    out[..., t:t + h, l:l + w] = img
    return out


def rgb_to_grayscale(img, num_output_channels=1):
    if _is_pil(img):
        g = img.convert("L")
        return g if num_output_channels == 1 else g.convert("RGB")
    r, gch, b = img.unbind(dim=-3)
    l_img = (0.2989 * r + 0.587 * gch + 0.114 * b).to(img.dtype).unsqueeze(dim=-3)
    if num_output_channels == 3:
        return l_img.expand(img.shape)
    return l_img
