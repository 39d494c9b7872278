# torchvision.datasets: MNIST / FashionMNIST (IDX files, gzip or plain) and CIFAR10 (the binary
# version's batches) read from local files. Nothing is downloaded: download=True looks in Debian's
# dataset packages (/usr/share/datasets/...) and otherwise says which files or package to install.
import torch
import torchvision._io as _io
from PIL import Image

_SYSTEM = "/usr/share/datasets"


class StandardTransform:
    def __init__(self, transform=None, target_transform=None):
        self.transform = transform
        self.target_transform = target_transform

    def __call__(self, input, target):
        if self.transform is not None:
            input = self.transform(input)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return input, target

    def _format(self, transform, head):
        lines = repr(transform).splitlines()
        return [head + lines[0]] + ["{}{}".format(" " * len(head), line) for line in lines[1:]]

    def __repr__(self):
        body = [self.__class__.__name__]
        if self.transform is not None:
            body += self._format(self.transform, "Transform: ")
        if self.target_transform is not None:
            body += self._format(self.target_transform, "Target transform: ")
        return "\n".join(body)


class VisionDataset:
    _repr_indent = 4

    def __init__(self, root, transforms=None, transform=None, target_transform=None):
        self.root = root
        self.transform = transform
        self.target_transform = target_transform
        if transforms is None and (transform is not None or target_transform is not None):
            transforms = StandardTransform(transform, target_transform)
        self.transforms = transforms

    def extra_repr(self):
        return ""

    def __repr__(self):
        head = "Dataset " + self.__class__.__name__
        body = ["Number of datapoints: {}".format(self.__len__())]
        if self.root is not None:
            body.append("Root location: {}".format(self.root))
        body += self.extra_repr().splitlines()
        if self.transforms is not None:
            body += [repr(self.transforms)]
        lines = [head] + [" " * self._repr_indent + line for line in body]
        return "\n".join(lines)


def _find(paths):
    for p in paths:
        for candidate in (p, p + ".gz"):
            if _io.exists(candidate):
                return candidate
    return None


class MNIST(VisionDataset):
    classes = ["0 - zero", "1 - one", "2 - two", "3 - three", "4 - four", "5 - five", "6 - six", "7 - seven",
               "8 - eight", "9 - nine"]
    _system_dir = None
    _package = None

    def __init__(self, root, train=True, transform=None, target_transform=None, download=False):
        VisionDataset.__init__(self, root, transform=transform, target_transform=target_transform)
        self.train = train
        prefix = "train" if train else "t10k"
        images = self._locate(prefix + "-images-idx3-ubyte", download)
        labels = self._locate(prefix + "-labels-idx1-ubyte", download)
        self.data = _io.read_idx(images)
        self.targets = _io.read_idx(labels).long()
        if self.data.dim() != 3 or self.targets.dim() != 1 or self.data.size(0) != self.targets.size(0):
            raise RuntimeError("{}: image and label files do not match".format(self.__class__.__name__))

    @property
    def raw_folder(self):
        return self.root + "/" + self.__class__.__name__ + "/raw"

    def _locate(self, name, download):
        found = _find([self.raw_folder + "/" + name, self.root + "/" + name])
        if found is None and (download or self.root == self._system_dir) and self._system_dir is not None:
            found = _find([self._system_dir + "/" + name])
        if found is not None:
            return found
        if not download:
            raise RuntimeError("Dataset not found. You can use download=True to download it")
        where = ("install the Debian package {} (it provides {})".format(self._package, self._system_dir)
                 if self._package else "place the files {}.gz and the other IDX files in {}".format(name, self.raw_folder))
        raise RuntimeError("ctorch cannot download datasets (no network access): {}".format(where))

    def __getitem__(self, index):
        img, target = self.data[index], int(self.targets[index])
        img = Image.fromarray(img, mode="L")
        if self.transform is not None:
            img = self.transform(img)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return img, target

    def __len__(self):
        return len(self.data)

    @property
    def class_to_idx(self):
        return {c: i for i, c in enumerate(self.classes)}

    def extra_repr(self):
        return "Split: {}".format("Train" if self.train is True else "Test")


class FashionMNIST(MNIST):
    classes = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
    _system_dir = _SYSTEM + "/fashion-mnist"
    _package = "dataset-fashion-mnist"


class KMNIST(MNIST):
    classes = ["o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"]


class CIFAR10(VisionDataset):
    base_folder = "cifar-10-batches-bin"
    train_list = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"]
    test_list = ["test_batch.bin"]
    classes = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]

    def __init__(self, root, train=True, transform=None, target_transform=None, download=False):
        VisionDataset.__init__(self, root, transform=transform, target_transform=target_transform)
        self.train = train
        names = self.train_list if train else self.test_list
        folder = root + "/" + self.base_folder
        paths = []
        for n in names:
            p = folder + "/" + n
            if not _io.exists(p):
                if download:
                    raise RuntimeError("ctorch cannot download datasets (no network access): place the CIFAR-10 binary "
                                       "version (cifar-10-batches-bin/data_batch_1.bin ... test_batch.bin) under {}".format(root))
                raise RuntimeError("Dataset not found or corrupted. You can use download=True to download it")
            paths.append(p)
        datas, targets = [], []
        for p in paths:
            d, t = _io.read_cifar_bin(p)
            datas.append(d)
            targets.append(t)
        self.data = torch.cat(datas, 0)
        self.targets = torch.cat(targets, 0).tolist()

    def __getitem__(self, index):
        img, target = self.data[index], self.targets[index]
        img = Image.fromarray(img, mode="RGB")
        if self.transform is not None:
            img = self.transform(img)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return img, target

    def __len__(self):
        return len(self.data)

    @property
    def class_to_idx(self):
        return {c: i for i, c in enumerate(self.classes)}

    def extra_repr(self):
        return "Split: {}".format("Train" if self.train is True else "Test")
