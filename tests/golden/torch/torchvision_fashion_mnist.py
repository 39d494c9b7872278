# torchvision on the real Fashion-MNIST files (Debian's dataset-fashion-mnist): the "Datasets &
# DataLoaders" and "Transforms" tutorial steps — datasets with ToTensor, samples picked with a seeded
# randint, a shuffled DataLoader batch, the one-hot target Lambda, Normalize, flips, Resize, make_grid.
# ctorch finds the files in /usr/share/datasets/fashion-mnist (download=True cannot use the network);
# the fixture was recorded with PyTorch/torchvision 0.14 and ./data/FashionMNIST/raw holding the same
# files uncompressed (see tests/golden/README.md).
import torch
from torch.utils.data import DataLoader
from torchvision import datasets
from torchvision.transforms import ToTensor, Lambda, Compose, Normalize
import torchvision.transforms as T
from torchvision.utils import make_grid

training_data = datasets.FashionMNIST(root="data", train=True, download=True, transform=ToTensor())
test_data = datasets.FashionMNIST(root="data", train=False, download=True, transform=ToTensor())
print(training_data)
print(len(training_data), len(test_data), training_data.classes)

labels_map = {0: "T-Shirt", 1: "Trouser", 2: "Pullover", 3: "Dress", 4: "Coat", 5: "Sandal", 6: "Shirt",
              7: "Sneaker", 8: "Bag", 9: "Ankle Boot"}
torch.manual_seed(0)
for i in range(1, 10):
    sample_idx = torch.randint(len(training_data), size=(1,)).item()
    img, label = training_data[sample_idx]
    print(sample_idx, labels_map[label], tuple(img.squeeze().shape), round(float(img.sum()), 3))

train_dataloader = DataLoader(training_data, batch_size=64, shuffle=True)
test_dataloader = DataLoader(test_data, batch_size=64, shuffle=True)
train_features, train_labels = next(iter(train_dataloader))
print(f"Feature batch shape: {train_features.size()}")
print(f"Labels batch shape: {train_labels.size()}")
print(train_labels[:16].tolist(), len(train_dataloader), len(test_dataloader))

ds = datasets.FashionMNIST(root="data", train=True, download=True, transform=ToTensor(),
                           target_transform=Lambda(lambda y: torch.zeros(10, dtype=torch.float).scatter_(0, torch.tensor(y), value=1)))
x, y = ds[0]
print(y, ds.targets[0].item())

raw = datasets.FashionMNIST(root="data", train=False, download=True)
pil, lab = raw[5]
print(type(pil).__name__, pil.size, pil.mode, lab)
norm = Compose([ToTensor(), Normalize((0.5,), (0.5,))])
t = norm(pil)
print(t.shape, round(float(t.min()), 4), round(float(t.max()), 4), round(float(t.mean()), 4))
print(norm)
torch.manual_seed(1)
flip = T.RandomHorizontalFlip(p=0.5)
print([bool(torch.equal(ToTensor()(flip(pil)), ToTensor()(pil))) for _ in range(6)])
print(T.Resize((14, 14), interpolation=T.InterpolationMode.NEAREST)(pil).size, T.CenterCrop(20)(pil).size)
grid = make_grid(torch.stack([test_data[i][0] for i in range(8)]), nrow=4, padding=2)
print(grid.shape, round(float(grid.sum()), 2))
test_iter = iter(DataLoader(test_data, batch_size=1000))
xb, yb = next(test_iter)
print(xb.shape, yb.bincount().tolist() if hasattr(yb, "bincount") else None)
