# torchvision.transforms: image transforms on the PIL-style images of torchvision.datasets and on
# tensors (C, H, W), as torchvision 0.14 defines them (reprs included).
import math
import torch
from PIL import Image
import torchvision.transforms.functional as F

InterpolationMode = F.InterpolationMode


class Compose:
    def __init__(self, transforms):
        self.transforms = transforms

    def __call__(self, img):
        for t in self.transforms:
            img = t(img)
        return img

    def __repr__(self):
        s = self.__class__.__name__ + "("
        for t in self.transforms:
            s += "\n    {0}".format(t)
        return s + "\n)"


class ToTensor:
    def __call__(self, pic):
        return F.to_tensor(pic)

    def __repr__(self):
        return self.__class__.__name__ + "()"


class PILToTensor:
    def __call__(self, pic):
        return F.pil_to_tensor(pic)

    def __repr__(self):
        return self.__class__.__name__ + "()"


class ToPILImage:
    def __init__(self, mode=None):
        self.mode = mode

    def __call__(self, pic):
        return F.to_pil_image(pic, self.mode)

    def __repr__(self):
        return self.__class__.__name__ + ("(mode={0})".format(self.mode) if self.mode is not None else "()")


class ConvertImageDtype:
    def __init__(self, dtype):
        self.dtype = dtype

    def __call__(self, image):
        return F.convert_image_dtype(image, self.dtype)

    def __repr__(self):
        return self.__class__.__name__ + "()"


class Normalize:
    def __init__(self, mean, std, inplace=False):
        self.mean = mean
        self.std = std
        self.inplace = inplace

    def __call__(self, tensor):
        return F.normalize(tensor, self.mean, self.std, self.inplace)

    def __repr__(self):
        return "{}(mean={}, std={})".format(self.__class__.__name__, self.mean, self.std)


class Resize:
    def __init__(self, size, interpolation=InterpolationMode.BILINEAR, max_size=None, antialias=None):
        self.size = size
        self.max_size = max_size
        self.interpolation = interpolation
        self.antialias = antialias

    def __call__(self, img):
        return F.resize(img, self.size, self.interpolation, self.max_size, self.antialias)

    def __repr__(self):
        return "{}(size={}, interpolation={}, max_size={}, antialias={})".format(
            self.__class__.__name__, self.size, self.interpolation.value, self.max_size, self.antialias)


class CenterCrop:
    def __init__(self, size):
        self.size = F._setup_size(size)

    def __call__(self, img):
        return F.center_crop(img, self.size)

    def __repr__(self):
        return "{}(size={})".format(self.__class__.__name__, self.size)


class RandomCrop:
    def __init__(self, size, padding=None, pad_if_needed=False, fill=0, padding_mode="constant"):
        self.size = F._setup_size(size)
        self.padding = padding
        self.pad_if_needed = pad_if_needed
        self.fill = fill
        self.padding_mode = padding_mode

    def __call__(self, img):
        if self.padding is not None:
            img = F.pad(img, self.padding, self.fill, self.padding_mode)
        w, h = F.get_image_size(img)
        th, tw = self.size
        if h + 1 < th or w + 1 < tw:
            raise ValueError("Required crop size {} is larger then input image size {}".format((th, tw), (h, w)))
        if w == tw and h == th:
            return F.crop(img, 0, 0, h, w)
        i = torch.randint(0, h - th + 1, size=(1,)).item()
        j = torch.randint(0, w - tw + 1, size=(1,)).item()
        return F.crop(img, i, j, th, tw)

    def __repr__(self):
        return "{}(size={}, padding={})".format(self.__class__.__name__, self.size, self.padding)


class RandomHorizontalFlip:
    def __init__(self, p=0.5):
        self.p = p

    def __call__(self, img):
        if torch.rand(1) < self.p:
            return F.hflip(img)
        return img

    def __repr__(self):
        return "{}(p={})".format(self.__class__.__name__, self.p)


class RandomVerticalFlip:
    def __init__(self, p=0.5):
        self.p = p

    def __call__(self, img):
        if torch.rand(1) < self.p:
            return F.vflip(img)
        return img

    def __repr__(self):
        return "{}(p={})".format(self.__class__.__name__, self.p)


class Grayscale:
    def __init__(self, num_output_channels=1):
        self.num_output_channels = num_output_channels

    def __call__(self, img):
        return F.rgb_to_grayscale(img, self.num_output_channels)

    def __repr__(self):
        return "{}(num_output_channels={})".format(self.__class__.__name__, self.num_output_channels)


class Pad:
    def __init__(self, padding, fill=0, padding_mode="constant"):
        self.padding = padding
        self.fill = fill
        self.padding_mode = padding_mode

    def __call__(self, img):
        return F.pad(img, self.padding, self.fill, self.padding_mode)

    def __repr__(self):
        return "{}(padding={}, fill={}, padding_mode={})".format(self.__class__.__name__, self.padding, self.fill, self.padding_mode)


class Lambda:
    def __init__(self, lambd):
        if not callable(lambd):
            raise TypeError("Argument lambd should be callable, got {}".format(repr(type(lambd).__name__)))
        self.lambd = lambd

    def __call__(self, img):
        return self.lambd(img)

    def __repr__(self):
        return self.__class__.__name__ + "()"
