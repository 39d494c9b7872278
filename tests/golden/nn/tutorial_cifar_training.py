# "Training a Classifier" (the CIFAR-10 tutorial) on generated data: a user Dataset class over seeded
# random 3x32x32 images (each class a noisy copy of its own random pattern), shuffled by hand into batches
# of 4, the tutorial's Net, CrossEntropyLoss, SGD with momentum 0.9, running losses every 10 mini-batches
# (4 significant digits), then the accuracy overall and per class on a held-out set.
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

torch.manual_seed(0)

classes = ('plane', 'car', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck')
patterns = torch.randn(10, 3, 32, 32)


class RandomImages:
    """n images: pattern[label] plus noise, scaled into [-1, 1] like the tutorial's Normalize."""

    def __init__(self, n, noise):
        self.labels = torch.randint(0, 10, (n,))
        self.images = (patterns[self.labels] + noise * torch.randn(n, 3, 32, 32)).clamp(-2, 2) / 2

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.images[i], int(self.labels[i])


def batches(dataset, batch_size, shuffle):
    order = torch.randperm(len(dataset)) if shuffle else torch.arange(len(dataset))
    for start in range(0, len(dataset), batch_size):
        items = [dataset[int(j)] for j in order[start:start + batch_size]]
        yield torch.stack([im for im, _ in items]), torch.tensor([lab for _, lab in items])


trainset = RandomImages(400, 1.2)
testset = RandomImages(40, 1.2)
batch_size = 4
print(len(trainset), len(testset), trainset[0][0].shape, trainset[0][1])
images, labels = next(iter(batches(trainset, batch_size, True)))
print(images.shape, labels)
print(' '.join(f'{classes[labels[j]]:5s}' for j in range(batch_size)))


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
print(net)
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(net.parameters(), lr=0.01, momentum=0.9)

for epoch in range(3):  # loop over the dataset multiple times
    running_loss = 0.0
    for i, data in enumerate(batches(trainset, batch_size, True), 0):
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
        if i % 20 == 19:    # print every 20 mini-batches
            print(f'[{epoch + 1}, {i + 1:5d}] loss: {running_loss / 20:.4g}')
            running_loss = 0.0

print('Finished Training')

dataiter = iter(batches(testset, batch_size, False))
images, labels = next(dataiter)
print('GroundTruth: ', ' '.join(f'{classes[labels[j]]:5s}' for j in range(4)))
outputs = net(images)
_, predicted = torch.max(outputs, 1)
print('Predicted: ', ' '.join(f'{classes[predicted[j]]:5s}' for j in range(4)))

correct = 0
total = 0
correct_pred = {classname: 0 for classname in classes}
total_pred = {classname: 0 for classname in classes}
# since we're not training, we don't need to calculate the gradients for our outputs
with torch.no_grad():
    for images, labels in batches(testset, batch_size, False):
        # calculate outputs by running images through the network
        outputs = net(images)
        # the class with the highest energy is what we choose as prediction
        _, predicted = torch.max(outputs.data, 1)
        total += labels.size(0)
        correct += (predicted == labels).sum().item()
        for label, prediction in zip(labels, predicted):
            if label == prediction:
                correct_pred[classes[label]] += 1
            total_pred[classes[label]] += 1

print(f'Accuracy of the network on the {total} test images: {100 * correct // total} %')
for classname, correct_count in correct_pred.items():
    if total_pred[classname]:
        accuracy = 100 * float(correct_count) / total_pred[classname]
        print(f'Accuracy for class: {classname:5s} is {accuracy:.1f} % ({total_pred[classname]} images)')
