# torch.nn.modules.rnn: RNN, LSTM, GRU and their cells. Parameters, names (weight_ih_l0 ...,
# *_reverse) and init are PyTorch 1.13's; the recurrence is written with tensor ops the way ATen's
# CPU path (aten/src/ATen/native/RNN.cpp) computes it: the input projection of a whole layer at
# once, then per step gates = linear(h, w_hh, b_hh) + projected input, chunk, sigmoid/tanh; layers
# stacked with dropout between them; final states stacked. PackedSequence input is not supported.
import warnings
import math
import torch
from torch.nn.parameter import Parameter
from torch.nn.modules.module import Module
from torch.nn import functional as F
from torch.nn import init


# ---- cells: (projected input or raw input, hidden, params) -> hidden ----
# params is (w_ih, w_hh, b_ih, b_hh, w_hr): biases None without bias, w_hr None without projection

def _linear_ih(x, p):
    return F.linear(x, p[0], p[2])


def _linear_hh(h, p):
    return F.linear(h, p[1], p[3])


def _tanh_cell(x, h, p, pre_computed):
    ih = x if pre_computed else _linear_ih(x, p)
    return torch.tanh(_linear_hh(h, p) + ih)


def _relu_cell(x, h, p, pre_computed):
    ih = x if pre_computed else _linear_ih(x, p)
    return torch.relu(_linear_hh(h, p) + ih)


def _lstm_cell(x, hidden, p, pre_computed):
    hx, cx = hidden
    ih = x if pre_computed else _linear_ih(x, p)
    gates = _linear_hh(hx, p) + ih
    ingate, forgetgate, cellgate, outgate = gates.chunk(4, 1)
    ingate = ingate.sigmoid()
    forgetgate = forgetgate.sigmoid()
    cellgate = cellgate.tanh()
    outgate = outgate.sigmoid()
    cy = forgetgate * cx + ingate * cellgate
    hy = outgate * cy.tanh()
    if p[4] is not None:
        hy = torch.matmul(hy, p[4].t())
    return hy, cy


def _gru_cell(x, h, p, pre_computed):
    ih = x if pre_computed else _linear_ih(x, p)
    i_r, i_z, i_n = ih.chunk(3, 1)
    h_r, h_z, h_n = _linear_hh(h, p).chunk(3, 1)
    reset_gate = (h_r + i_r).sigmoid()
    input_gate = (h_z + i_z).sigmoid()
    new_gate = (i_n + h_n * reset_gate).tanh()
    return (h - new_gate) * input_gate + new_gate


_CELLS = {'RNN_TANH': _tanh_cell, 'RNN_RELU': _relu_cell, 'LSTM': _lstm_cell, 'GRU': _gru_cell}


def _output_of(mode, hidden):
    return hidden[0] if mode == 'LSTM' else hidden


# ---- layers ----

def _run_steps(cell, mode, steps, hidden, p):
    outputs = []
    for x in steps:
        hidden = cell(x, hidden, p, True)
        outputs.append(_output_of(mode, hidden))
    return outputs, hidden


def _full_layer(cell, mode, input, hidden, p):
    outputs, hidden = _run_steps(cell, mode, _linear_ih(input, p).unbind(0), hidden, p)
    if not outputs:
        raise RuntimeError("Expected sequence length to be larger than 0 in RNN")
    return torch.stack(outputs, 0), hidden


def _bidir_layer(cell, mode, input, hidden, p_fw, p_rev):
    fw_outputs, fw_hidden = _run_steps(cell, mode, _linear_ih(input, p_fw).unbind(0), hidden[0], p_fw)
    if not fw_outputs:
        raise RuntimeError("Expected sequence length to be larger than 0 in RNN")
    fw_output = torch.stack(fw_outputs, 0)
    rev_steps = list(_linear_ih(input, p_rev).unbind(0))
    rev_steps.reverse()
    rev_outputs, rev_hidden = _run_steps(cell, mode, rev_steps, hidden[1], p_rev)
    rev_outputs.reverse()
    rev_output = torch.stack(rev_outputs, 0)
    return torch.cat([fw_output, rev_output], fw_output.dim() - 1), (fw_hidden, rev_hidden)


def _gather_params(flat_weights, has_biases, has_projections):
    step = 2 + (2 if has_biases else 0) + (1 if has_projections else 0)
    params = []
    for i in range(0, len(flat_weights), step):
        w = flat_weights[i:i + step]
        b_ih = w[2] if has_biases else None
        b_hh = w[3] if has_biases else None
        w_hr = w[step - 1] if has_projections else None
        params.append((w[0], w[1], b_ih, b_hh, w_hr))
    return params


def _rnn_impl(mode, input, hiddens, params, num_layers, dropout_p, train, bidirectional):
    # hiddens / params: one per (layer, direction), layer-major; returns (output, final hiddens)
    cell = _CELLS[mode]
    layer_input = input
    final_hiddens = []
    for layer in range(num_layers):
        if bidirectional:
            i = 2 * layer
            layer_input, (h_fw, h_rev) = _bidir_layer(cell, mode, layer_input, (hiddens[i], hiddens[i + 1]),
                                                      params[i], params[i + 1])
            final_hiddens.append(h_fw)
            final_hiddens.append(h_rev)
        else:
            layer_input, h = _full_layer(cell, mode, layer_input, hiddens[layer], params[layer])
            final_hiddens.append(h)
        if dropout_p != 0 and train and layer < num_layers - 1:
            layer_input = torch.dropout(layer_input, dropout_p, True)
    return layer_input, final_hiddens


def _rnn(mode, input, hx, flat_weights, has_biases, num_layers, dropout_p, train, bidirectional, batch_first):
    # _VF.rnn_tanh / rnn_relu / gru: (output, h_n)
    if batch_first:
        input = input.transpose(0, 1)
    params = _gather_params(flat_weights, has_biases, False)
    output, hiddens = _rnn_impl(mode, input, list(hx.unbind(0)), params, num_layers, dropout_p, train,
                                bidirectional)
    if batch_first:
        output = output.transpose(0, 1)
    return output, torch.stack(hiddens, 0)


def _lstm(input, hx, flat_weights, has_biases, num_layers, dropout_p, train, bidirectional, batch_first,
          has_projections):
    # _VF.lstm: (output, h_n, c_n)
    if batch_first:
        input = input.transpose(0, 1)
    params = _gather_params(flat_weights, has_biases, has_projections)
    hiddens = list(zip(hx[0].unbind(0), hx[1].unbind(0)))
    output, finals = _rnn_impl('LSTM', input, hiddens, params, num_layers, dropout_p, train, bidirectional)
    if batch_first:
        output = output.transpose(0, 1)
    return output, torch.stack([h for h, c in finals], 0), torch.stack([c for h, c in finals], 0)


# ---- modules ----

class RNNBase(Module):
    __constants__ = ['mode', 'input_size', 'hidden_size', 'num_layers', 'bias', 'batch_first', 'dropout',
                     'bidirectional', 'proj_size']

    def __init__(self, mode, input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.,
                 bidirectional=False, proj_size=0, device=None, dtype=None):
        factory_kwargs = {'device': device, 'dtype': dtype}
        super().__init__()
        self.mode = mode
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        num_directions = 2 if bidirectional else 1
        if not isinstance(dropout, (int, float)) or not 0 <= dropout <= 1 or isinstance(dropout, bool):
            raise ValueError("dropout should be a number in range [0, 1] representing the probability of an "
                             "element being zeroed")
        if dropout > 0 and num_layers == 1:
            warnings.warn("dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects "
                          "num_layers greater than 1, but got dropout={} and num_layers={}".format(dropout, num_layers))
        if proj_size < 0:
            raise ValueError("proj_size should be a positive integer or zero to disable projections")
        if proj_size >= hidden_size:
            raise ValueError("proj_size has to be smaller than hidden_size")
        if mode == 'LSTM':
            gate_size = 4 * hidden_size
        elif mode == 'GRU':
            gate_size = 3 * hidden_size
        elif mode == 'RNN_TANH':
            gate_size = hidden_size
        elif mode == 'RNN_RELU':
            gate_size = hidden_size
        else:
            raise ValueError("Unrecognized RNN mode: " + mode)
        self._flat_weights_names = []
        self._all_weights = []
        for layer in range(num_layers):
            for direction in range(num_directions):
                real_hidden_size = proj_size if proj_size > 0 else hidden_size
                layer_input_size = input_size if layer == 0 else real_hidden_size * num_directions
                w_ih = Parameter(torch.empty((gate_size, layer_input_size), **factory_kwargs))
                w_hh = Parameter(torch.empty((gate_size, real_hidden_size), **factory_kwargs))
                b_ih = Parameter(torch.empty(gate_size, **factory_kwargs))
                b_hh = Parameter(torch.empty(gate_size, **factory_kwargs))
                if self.proj_size == 0:
                    layer_params = (w_ih, w_hh, b_ih, b_hh) if bias else (w_ih, w_hh)
                else:
                    w_hr = Parameter(torch.empty((proj_size, hidden_size), **factory_kwargs))
                    layer_params = (w_ih, w_hh, b_ih, b_hh, w_hr) if bias else (w_ih, w_hh, w_hr)
                suffix = '_reverse' if direction == 1 else ''
                param_names = ['weight_ih_l{}{}', 'weight_hh_l{}{}']
                if bias:
                    param_names += ['bias_ih_l{}{}', 'bias_hh_l{}{}']
                if self.proj_size > 0:
                    param_names += ['weight_hr_l{}{}']
                param_names = [x.format(layer, suffix) for x in param_names]
                for name, param in zip(param_names, layer_params):
                    setattr(self, name, param)
                self._flat_weights_names.extend(param_names)
                self._all_weights.append(param_names)
        self._init_flat_weights()
        self.reset_parameters()

    def _init_flat_weights(self):
        self._flat_weights = [getattr(self, wn) if hasattr(self, wn) else None for wn in self._flat_weights_names]

    def __setattr__(self, attr, value):
        if hasattr(self, '_flat_weights_names') and attr in self._flat_weights_names:
            # keep _flat_weights in step when a weight is replaced
            idx = self._flat_weights_names.index(attr)
            self._flat_weights[idx] = value
        super().__setattr__(attr, value)

    def flatten_parameters(self):
        # cuDNN's packed weight layout: nothing to do here
        pass

    def _apply(self, fn):
        ret = super()._apply(fn)
        self._init_flat_weights()
        return ret

    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def check_input(self, input, batch_sizes):
        expected_input_dim = 2 if batch_sizes is not None else 3
        if input.dim() != expected_input_dim:
            raise RuntimeError("input must have {} dimensions, got {}".format(expected_input_dim, input.dim()))
        if self.input_size != input.size(-1):
            raise RuntimeError("input.size(-1) must be equal to input_size. Expected {}, got {}".format(
                self.input_size, input.size(-1)))

    def get_expected_hidden_size(self, input, batch_sizes):
        mini_batch = input.size(0) if self.batch_first else input.size(1)
        num_directions = 2 if self.bidirectional else 1
        if self.proj_size > 0:
            return (self.num_layers * num_directions, mini_batch, self.proj_size)
        return (self.num_layers * num_directions, mini_batch, self.hidden_size)

    def check_hidden_size(self, hx, expected_hidden_size, msg='Expected hidden size {}, got {}'):
        if hx.size() != expected_hidden_size:
            raise RuntimeError(msg.format(expected_hidden_size, list(hx.size())))

    def check_forward_args(self, input, hidden, batch_sizes):
        self.check_input(input, batch_sizes)
        self.check_hidden_size(hidden, self.get_expected_hidden_size(input, batch_sizes))

    def permute_hidden(self, hx, permutation):
        if permutation is None:
            return hx
        return hx.index_select(1, permutation)

    def extra_repr(self):
        s = '{input_size}, {hidden_size}'
        if self.proj_size != 0:
            s += ', proj_size={proj_size}'
        if self.num_layers != 1:
            s += ', num_layers={num_layers}'
        if self.bias is not True:
            s += ', bias={bias}'
        if self.batch_first is not False:
            s += ', batch_first={batch_first}'
        if self.dropout != 0:
            s += ', dropout={dropout}'
        if self.bidirectional is not False:
            s += ', bidirectional={bidirectional}'
        return s.format(**self.__dict__)

    @property
    def all_weights(self):
        return [[getattr(self, weight) for weight in weights] for weights in self._all_weights]

    def _unbatched(self, input, hx):
        # (input, hx, is_batched) with a batch dimension added to unbatched 2-D input
        if not isinstance(input, torch.Tensor):
            raise NotImplementedError("ctorch's RNN modules take a Tensor; PackedSequence is not supported")
        is_batched = input.dim() == 3
        batch_dim = 0 if self.batch_first else 1
        if not is_batched:
            input = input.unsqueeze(batch_dim)
            if hx is not None:
                if hx.dim() != 2:
                    raise RuntimeError(f"For unbatched 2-D input, hx should also be 2-D but got {hx.dim()}-D tensor")
                hx = hx.unsqueeze(1)
        elif hx is not None and hx.dim() != 3:
            raise RuntimeError(f"For batched 3-D input, hx should also be 3-D but got {hx.dim()}-D tensor")
        return input, hx, is_batched

    def _forward_simple(self, input, hx):
        # RNN and GRU: one hidden state
        input, hx, is_batched = self._unbatched(input, hx)
        batch_dim = 0 if self.batch_first else 1
        max_batch_size = input.size(0) if self.batch_first else input.size(1)
        if hx is None:
            num_directions = 2 if self.bidirectional else 1
            hx = torch.zeros(self.num_layers * num_directions, max_batch_size, self.hidden_size, dtype=input.dtype,
                             device=input.device)
        self.check_forward_args(input, hx, None)
        output, hidden = _rnn(self.mode, input, hx, self._flat_weights, self.bias, self.num_layers, self.dropout,
                              self.training, self.bidirectional, self.batch_first)
        if not is_batched:
            output = output.squeeze(batch_dim)
            hidden = hidden.squeeze(1)
        return output, hidden


class RNN(RNNBase):
    def __init__(self, *args, **kwargs):
        if 'proj_size' in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        self.nonlinearity = kwargs.pop('nonlinearity', 'tanh')
        if self.nonlinearity == 'tanh':
            mode = 'RNN_TANH'
        elif self.nonlinearity == 'relu':
            mode = 'RNN_RELU'
        else:
            raise ValueError("Unknown nonlinearity '{}'".format(self.nonlinearity))
        super().__init__(mode, *args, **kwargs)

    def forward(self, input, hx=None):
        return self._forward_simple(input, hx)


class LSTM(RNNBase):
    def __init__(self, *args, **kwargs):
        super().__init__('LSTM', *args, **kwargs)

    def get_expected_cell_size(self, input, batch_sizes):
        mini_batch = input.size(0) if self.batch_first else input.size(1)
        num_directions = 2 if self.bidirectional else 1
        return (self.num_layers * num_directions, mini_batch, self.hidden_size)

    def check_forward_args(self, input, hidden, batch_sizes):
        self.check_input(input, batch_sizes)
        self.check_hidden_size(hidden[0], self.get_expected_hidden_size(input, batch_sizes),
                               'Expected hidden[0] size {}, got {}')
        self.check_hidden_size(hidden[1], self.get_expected_cell_size(input, batch_sizes),
                               'Expected hidden[1] size {}, got {}')

    def permute_hidden(self, hx, permutation):
        if permutation is None:
            return hx
        return (hx[0].index_select(1, permutation), hx[1].index_select(1, permutation))

    def forward(self, input, hx=None):
        if not isinstance(input, torch.Tensor):
            raise NotImplementedError("ctorch's RNN modules take a Tensor; PackedSequence is not supported")
        is_batched = input.dim() == 3
        batch_dim = 0 if self.batch_first else 1
        if not is_batched:
            input = input.unsqueeze(batch_dim)
        max_batch_size = input.size(0) if self.batch_first else input.size(1)
        if hx is None:
            num_directions = 2 if self.bidirectional else 1
            real_hidden_size = self.proj_size if self.proj_size > 0 else self.hidden_size
            h_zeros = torch.zeros(self.num_layers * num_directions, max_batch_size, real_hidden_size,
                                  dtype=input.dtype, device=input.device)
            c_zeros = torch.zeros(self.num_layers * num_directions, max_batch_size, self.hidden_size,
                                  dtype=input.dtype, device=input.device)
            hx = (h_zeros, c_zeros)
        else:
            if is_batched:
                if hx[0].dim() != 3 or hx[1].dim() != 3:
                    raise RuntimeError(f"For batched 3-D input, hx and cx should also be 3-D but got "
                                       f"({hx[0].dim()}-D, {hx[1].dim()}-D) tensors")
            else:
                if hx[0].dim() != 2 or hx[1].dim() != 2:
                    raise RuntimeError(f"For unbatched 2-D input, hx and cx should also be 2-D but got "
                                       f"({hx[0].dim()}-D, {hx[1].dim()}-D) tensors")
                hx = (hx[0].unsqueeze(1), hx[1].unsqueeze(1))
        self.check_forward_args(input, hx, None)
        output, h_n, c_n = _lstm(input, hx, self._flat_weights, self.bias, self.num_layers, self.dropout,
                                 self.training, self.bidirectional, self.batch_first, self.proj_size > 0)
        if not is_batched:
            output = output.squeeze(batch_dim)
            h_n, c_n = h_n.squeeze(1), c_n.squeeze(1)
        return output, (h_n, c_n)


class GRU(RNNBase):
    def __init__(self, *args, **kwargs):
        if 'proj_size' in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        super().__init__('GRU', *args, **kwargs)

    def forward(self, input, hx=None):
        return self._forward_simple(input, hx)


# ---- cells ----

def _check_cell_args(input, hx, w_ih, w_hh, hidden_label=0):
    # ATen's check_rnn_cell_forward_input / check_rnn_cell_forward_hidden
    if input.size(1) != w_ih.size(1):
        raise RuntimeError("input has inconsistent input_size: got {} expected {}".format(input.size(1),
                                                                                         w_ih.size(1)))
    if input.size(0) != hx.size(0):
        raise RuntimeError("Input batch size {} doesn't match hidden{} batch size {}".format(
            input.size(0), hidden_label, hx.size(0)))
    if hx.size(1) != w_hh.size(1):
        raise RuntimeError("hidden{} has inconsistent hidden_size: got {}, expected {}".format(
            hidden_label, hx.size(1), w_hh.size(1)))


class RNNCellBase(Module):
    __constants__ = ['input_size', 'hidden_size', 'bias']

    def __init__(self, input_size, hidden_size, bias, num_chunks, device=None, dtype=None):
        factory_kwargs = {'device': device, 'dtype': dtype}
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.bias = bias
        self.weight_ih = Parameter(torch.empty((num_chunks * hidden_size, input_size), **factory_kwargs))
        self.weight_hh = Parameter(torch.empty((num_chunks * hidden_size, hidden_size), **factory_kwargs))
        if bias:
            self.bias_ih = Parameter(torch.empty(num_chunks * hidden_size, **factory_kwargs))
            self.bias_hh = Parameter(torch.empty(num_chunks * hidden_size, **factory_kwargs))
        else:
            self.register_parameter('bias_ih', None)
            self.register_parameter('bias_hh', None)
        self.reset_parameters()

    def extra_repr(self):
        s = '{input_size}, {hidden_size}'
        if 'bias' in self.__dict__ and self.bias is not True:
            s += ', bias={bias}'
        if 'nonlinearity' in self.__dict__ and self.nonlinearity != "tanh":
            s += ', nonlinearity={nonlinearity}'
        return s.format(**self.__dict__)

    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def _params(self):
        return (self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh, None)


class RNNCell(RNNCellBase):
    __constants__ = ['input_size', 'hidden_size', 'bias', 'nonlinearity']

    def __init__(self, input_size, hidden_size, bias=True, nonlinearity='tanh', device=None, dtype=None):
        factory_kwargs = {'device': device, 'dtype': dtype}
        super().__init__(input_size, hidden_size, bias, num_chunks=1, **factory_kwargs)
        self.nonlinearity = nonlinearity

    def forward(self, input, hx=None):
        assert input.dim() in (1, 2), \
            f"RNNCell: Expected input to be 1-D or 2-D but received {input.dim()}-D tensor"
        is_batched = input.dim() == 2
        if not is_batched:
            input = input.unsqueeze(0)
        if hx is None:
            hx = torch.zeros(input.size(0), self.hidden_size, dtype=input.dtype, device=input.device)
        else:
            hx = hx.unsqueeze(0) if not is_batched else hx
        if self.nonlinearity == 'tanh':
            cell = _tanh_cell
        elif self.nonlinearity == 'relu':
            cell = _relu_cell
        else:
            raise RuntimeError("Unknown nonlinearity: {}".format(self.nonlinearity))
        _check_cell_args(input, hx, self.weight_ih, self.weight_hh)
        ret = cell(input, hx, self._params(), False)
        if not is_batched:
            ret = ret.squeeze(0)
        return ret


class LSTMCell(RNNCellBase):
    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        factory_kwargs = {'device': device, 'dtype': dtype}
        super().__init__(input_size, hidden_size, bias, num_chunks=4, **factory_kwargs)

    def forward(self, input, hx=None):
        assert input.dim() in (1, 2), \
            f"LSTMCell: Expected input to be 1-D or 2-D but received {input.dim()}-D tensor"
        is_batched = input.dim() == 2
        if not is_batched:
            input = input.unsqueeze(0)
        if hx is None:
            zeros = torch.zeros(input.size(0), self.hidden_size, dtype=input.dtype, device=input.device)
            hx = (zeros, zeros)
        else:
            hx = (hx[0].unsqueeze(0), hx[1].unsqueeze(0)) if not is_batched else hx
        _check_cell_args(input, hx[0], self.weight_ih, self.weight_hh, 0)
        _check_cell_args(input, hx[1], self.weight_ih, self.weight_hh, 1)
        ret = _lstm_cell(input, hx, self._params(), False)
        if not is_batched:
            ret = (ret[0].squeeze(0), ret[1].squeeze(0))
        return ret


class GRUCell(RNNCellBase):
    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        factory_kwargs = {'device': device, 'dtype': dtype}
        super().__init__(input_size, hidden_size, bias, num_chunks=3, **factory_kwargs)

    def forward(self, input, hx=None):
        assert input.dim() in (1, 2), \
            f"GRUCell: Expected input to be 1-D or 2-D but received {input.dim()}-D tensor"
        is_batched = input.dim() == 2
        if not is_batched:
            input = input.unsqueeze(0)
        if hx is None:
            hx = torch.zeros(input.size(0), self.hidden_size, dtype=input.dtype, device=input.device)
        else:
            hx = hx.unsqueeze(0) if not is_batched else hx
        _check_cell_args(input, hx, self.weight_ih, self.weight_hh)
        ret = _gru_cell(input, hx, self._params(), False)
        if not is_batched:
            ret = ret.squeeze(0)
        return ret
