# torch.nn.utils.rnn: pad_sequence (a list of variable-length sequences into one padded tensor).
# PackedSequence and pack_padded_sequence are not implemented: the RNN modules take padded tensors.
import torch


def pad_sequence(sequences, batch_first=False, padding_value=0.0):
    if isinstance(sequences, torch.Tensor):
        sequences = sequences.unbind(0)
    sequences = list(sequences)
    max_len = max([s.size(0) for s in sequences])
    trailing = list(sequences[0].shape[1:])
    padded = []
    for s in sequences:
        n = s.size(0)
        if n < max_len:
            pad = torch.full([max_len - n] + trailing, padding_value, dtype=s.dtype)
            s = torch.cat([s, pad], 0)
        padded.append(s)
    return torch.stack(padded, 0 if batch_first else 1)
