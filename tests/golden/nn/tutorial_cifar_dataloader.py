# The CIFAR-10 tutorial's loop as it is usually written, with a torch.utils.data.Dataset subclass over
# seeded generated images and DataLoader(batch_size=4, shuffle=True) (its shuffle order follows the
# seed, as PyTorch's), the tutorial's Net, CrossEntropyLoss, SGD(lr=0.001, momentum=0.9) — here lr=0.01 so
# that the short run learns — running losses every 25 mini-batches (4 significant digits), test accuracy.
# The noise is 0.3: with 0.6 the first epoch sits on the loss plateau, where last-bit differences in the
# order of float sums (any two BLAS libraries differ there) grow past 4 digits within 50 steps.
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.utils.data import Dataset, DataLoader

torch.manual_seed(0)
classes = ('plane', 'car', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck')
prototypes = torch.rand(10, 3, 32, 32) * 2 - 1


class SyntheticCIFAR(Dataset):
    def __init__(self, n, noise=0.3):
        self.targets = torch.randint(0, 10, (n,)).tolist()
        self.data = prototypes[self.targets] + noise * torch.randn(n, 3, 32, 32)

    def __len__(self):
        return len(self.targets)

    def __getitem__(self, idx):
        return self.data[idx], self.targets[idx]


trainset = SyntheticCIFAR(300)
testset = SyntheticCIFAR(60)
trainloader = DataLoader(trainset, batch_size=4, shuffle=True, num_workers=0)
testloader = DataLoader(testset, batch_size=4, shuffle=False, num_workers=0)
print(len(trainset), len(trainloader), len(testloader))

dataiter = iter(trainloader)
images, labels = next(dataiter)
print(images.shape, images.dtype, labels, labels.dtype)
print(' '.join(f'{classes[labels[j]]:5s}' for j in range(4)))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)  # flatten all dimensions except batch
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


net = Net()
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(net.parameters(), lr=0.01, momentum=0.9)

for epoch in range(3):  # loop over the dataset multiple times
    running_loss = 0.0
    for i, data in enumerate(trainloader, 0):
        # get the inputs; data is a list of [inputs, labels]
        inputs, labels = data

        # zero the parameter gradients
        optimizer.zero_grad()

        # forward + backward + optimize
        outputs = net(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()

        # print statistics
        running_loss += loss.item()
        if i % 25 == 24:    # print every 25 mini-batches
            print(f'[{epoch + 1}, {i + 1:5d}] loss: {running_loss / 25:.4g}')
            running_loss = 0.0

print('Finished Training')

correct = 0
total = 0
# since we're not training, we don't need to calculate the gradients for our outputs
with torch.no_grad():
    for data in testloader:
        images, labels = data
        # calculate outputs by running images through the network
        outputs = net(images)
        # the class with the highest energy is what we choose as prediction
        _, predicted = torch.max(outputs.data, 1)
        total += labels.size(0)
        correct += (predicted == labels).sum().item()

print(f'Accuracy of the network on the {total} test images: {100 * correct // total} %')
