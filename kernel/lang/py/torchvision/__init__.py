# torchvision for ctorch: datasets (MNIST, FashionMNIST, CIFAR10 read from local files), transforms,
# and utils.make_grid.
import torchvision.datasets
import torchvision.transforms
import torchvision.utils

__version__ = "0.14.1"
