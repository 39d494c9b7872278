# An LSTM classifier over 28-step sequences, as MNIST-by-rows tutorials write it: seeded random input of
# shape (batch, 28, 28), nn.LSTM(28, 64, batch_first=True) with explicit zero initial states, a Linear head
# on the last time step, CrossEntropyLoss and Adam; a few training steps with the loss printed to 4
# significant digits, then the parameters' names and shapes and the accuracy on the training batch.
import torch
import torch.nn as nn

torch.manual_seed(0)

sequence_length = 28
input_size = 28
hidden_size = 64
num_layers = 1
num_classes = 10
batch_size = 16
learning_rate = 0.003


# Recurrent neural network (many-to-one)
class RNN(nn.Module):
    def __init__(self, input_size, hidden_size, num_layers, num_classes):
        super(RNN, self).__init__()
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.lstm = nn.LSTM(input_size, hidden_size, num_layers, batch_first=True)
        self.fc = nn.Linear(hidden_size, num_classes)

    def forward(self, x):
        # Set initial hidden and cell states
        h0 = torch.zeros(self.num_layers, x.size(0), self.hidden_size)
        c0 = torch.zeros(self.num_layers, x.size(0), self.hidden_size)

        # Forward propagate LSTM
        out, _ = self.lstm(x, (h0, c0))  # out: tensor of shape (batch_size, seq_length, hidden_size)

        # Decode the hidden state of the last time step
        out = self.fc(out[:, -1, :])
        return out


model = RNN(input_size, hidden_size, num_layers, num_classes)
print(model)
for name, p in model.named_parameters():
    print(f"{name:18s} {str(tuple(p.shape)):10s} {p.abs().max().item() <= 1 / hidden_size ** 0.5}")
print(model.lstm.weight_hh_l0[:2, :4])
print(model.lstm.bias_ih_l0[:4], model.lstm.bias_hh_l0[-4:])

# the data: images of 28 rows of 28 pixels, labels 0..9; each class shifts some rows
labels = torch.arange(batch_size) % num_classes
images = torch.rand(batch_size, sequence_length, input_size)
for i in range(batch_size):
    images[i, int(labels[i]) * 2:int(labels[i]) * 2 + 4] += 1.0

out, (h_n, c_n) = model.lstm(images)
print(out.shape, h_n.shape, c_n.shape, type(out.grad_fn).__name__)
print(torch.equal(out[:, -1, :], h_n[0]))
print(out[0, -1, :6])
print(c_n[0, 0, :6])

# Loss and optimizer
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)

for step in range(20):
    # Forward pass
    outputs = model(images)
    loss = criterion(outputs, labels)

    # Backward and optimize
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

    if (step + 1) % 2 == 0:
        print('Step [{}/{}], Loss: {:.4g}'.format(step + 1, 20, loss.item()))

print(model.lstm.weight_ih_l0.grad.shape, model.fc.weight.grad.shape)
with torch.no_grad():
    outputs = model(images)
    _, predicted = torch.max(outputs.data, 1)
    correct = (predicted == labels).sum().item()
    print('Accuracy of the model on the {} training sequences: {} %'.format(batch_size, 100 * correct / batch_size))
