# torch.nn.functional: the functional forms of the layers, calling the C functions of
# kernel/lang/nn_bind.c (torch.conv2d, torch._C._nn.cross_entropy_loss ...) with the arguments
# PyTorch 1.13's functional.py passes. Functions ATen has but ctorch's binding lacks (gelu, elu,
# layer_norm, the rarer activations) are written with tensor ops: same values, other grad_fn names.
import warnings
import math
import torch
from torch.nn import _reduction as _Reduction
from torch.nn.modules.utils import _single, _pair, _list_with_default


def _nn():
    return torch._C._nn


def _has_c(name):
    # a C function bound in torch._C._nn (looked up when first called, after the binding loaded)
    return hasattr(torch._C._nn, name)


def _same_size_pair(input, target):
    # torch.broadcast_tensors for two tensors: untouched when the shapes already agree
    if input.shape == target.shape:
        return input, target
    a, b = list(input.shape), list(target.shape)
    n = max(len(a), len(b))
    a = [1] * (n - len(a)) + a
    b = [1] * (n - len(b)) + b
    shape = []
    for i in range(n):
        if a[i] != b[i] and a[i] != 1 and b[i] != 1:
            raise RuntimeError("The size of tensor a ({}) must match the size of tensor b ({}) at non-singleton "
                               "dimension {}".format(a[i], b[i], i))
        shape.append(max(a[i], b[i]) if a[i] != 0 and b[i] != 0 else 0)
    return input.expand(shape), target.expand(shape)


def _inplace(input, fn):
    # in-place form of an activation written with tensor ops: fn runs on a copy (whose version the
    # graph saves) and the result is written back with copy_ (grad_fn CopyBackwards)
    src = input.clone() if input.requires_grad else input
    return input.copy_(fn(src))


# ---- convolution and pooling ----

def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    return torch.conv1d(input, weight, bias, stride, padding, dilation, groups)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    return torch.conv2d(input, weight, bias, stride, padding, dilation, groups)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    if stride is None:
        stride = []
    return torch._C._nn.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                                   divisor_override)


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    # on a (N, C, 1, L) view with 2-D pooling (values as torch.avg_pool1d)
    if input.dim() not in (2, 3):
        raise RuntimeError("avg_pool1d() input tensor must have 2 or 3 dimensions")
    k = _single(kernel_size)
    s = k if stride is None or _single(stride) == () else _single(stride)
    p = _single(padding)
    out = torch._C._nn.avg_pool2d(input.unsqueeze(-2), (1, k[0]), (1, s[0]), (0, p[0]), ceil_mode,
                                  count_include_pad, None)
    return out.squeeze(-2)


def max_pool2d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                            return_indices=False):
    if stride is None:
        stride = []
    return torch._C._nn.max_pool2d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    if return_indices:
        return max_pool2d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode)
    if stride is None:
        stride = []
    return torch.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode)


def max_pool1d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                            return_indices=False):
    if input.dim() not in (2, 3):
        raise RuntimeError("max_pool1d() Expected 2D or 3D input tensor, but got " + str(list(input.shape)))
    k = _single(kernel_size)
    s = k if stride is None or _single(stride) == () else _single(stride)
    out, idx = torch._C._nn.max_pool2d_with_indices(input.unsqueeze(-2), (1, k[0]), (1, s[0]),
                                                    (0, _single(padding)[0]), (1, _single(dilation)[0]), ceil_mode)
    return out.squeeze(-2), idx.squeeze(-2)


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    out = max_pool1d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode)
    return out if return_indices else out[0]


def adaptive_max_pool2d_with_indices(input, output_size, return_indices=False):
    output_size = _list_with_default(output_size, input.size())
    return torch._C._nn.adaptive_max_pool2d(input, output_size)


def adaptive_max_pool2d(input, output_size, return_indices=False):
    out = adaptive_max_pool2d_with_indices(input, output_size)
    return out if return_indices else out[0]


def adaptive_avg_pool2d(input, output_size):
    return torch._C._nn.adaptive_avg_pool2d(input, _list_with_default(output_size, input.size()))


def adaptive_avg_pool1d(input, output_size):
    out = torch._C._nn.adaptive_avg_pool2d(input.unsqueeze(-2), [1, _single(output_size)[0]])
    return out.squeeze(-2)


# ---- dropout ----

def dropout(input, p=0.5, training=True, inplace=False):
    if p < 0.0 or p > 1.0:
        raise ValueError("dropout probability has to be between 0 and 1, but got {}".format(p))
    return torch.dropout_(input, p, training) if inplace else torch.dropout(input, p, training)


def _feature_dropout(input, p, training, inplace):
    # ATen's feature_dropout: one Bernoulli draw per (sample, channel), scaled by 1/(1-p)
    if p == 0 or not training or input.numel() == 0:
        return input
    if p == 1:
        return input.mul_(torch.zeros(())) if inplace else input * torch.zeros(())
    sizes = [input.size(0), input.size(1)] + [1] * (input.dim() - 2)
    noise = input.new_empty(sizes)
    noise.bernoulli_(1 - p)
    noise.div_(1 - p)
    return input.mul_(noise) if inplace else input * noise


def dropout1d(input, p=0.5, training=True, inplace=False):
    if p < 0.0 or p > 1.0:
        raise ValueError("dropout probability has to be between 0 and 1, but got {}".format(p))
    inp_dim = input.dim()
    if inp_dim not in (2, 3):
        raise RuntimeError("dropout1d: Expected 2D or 3D input, but received a {}D input. Note that dropout1d "
                           "exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel "
                           "dimension, and an optional batch dimension (i.e. 2D or 3D inputs).".format(inp_dim))
    if inp_dim == 2:
        return _feature_dropout(input.unsqueeze(0), p, training, inplace).squeeze(0)
    return _feature_dropout(input, p, training, inplace)


def dropout2d(input, p=0.5, training=True, inplace=False):
    if p < 0.0 or p > 1.0:
        raise ValueError("dropout probability has to be between 0 and 1, but got {}".format(p))
    inp_dim = input.dim()
    if inp_dim not in (3, 4):
        warnings.warn("dropout2d: Received a {}-D input to dropout2d, which is deprecated and will result in an "
                      "error in a future release. To retain the behavior and silence this warning, please use "
                      "dropout instead. Note that dropout2d exists to provide channel-wise dropout on inputs with 2 "
                      "spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D "
                      "inputs).".format(inp_dim))
    if inp_dim == 3:
        warnings.warn("dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout "
                      "behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. "
                      "This behavior will change in a future release to interpret the input as one without a batch "
                      "dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please "
                      "switch to using dropout1d instead.")
    return _feature_dropout(input, p, training, inplace)


def dropout3d(input, p=0.5, training=True, inplace=False):
    if p < 0.0 or p > 1.0:
        raise ValueError("dropout probability has to be between 0 and 1, but got {}".format(p))
    if input.dim() == 4:
        return _feature_dropout(input.unsqueeze(0), p, training, inplace).squeeze(0)
    return _feature_dropout(input, p, training, inplace)


# ---- activations ----

def _threshold(input, threshold, value, inplace=False):
    def fn(x):
        return torch.where(x > threshold, x, torch.full((), value, dtype=x.dtype))
    return _inplace(input, fn) if inplace else fn(input)


threshold = _threshold


def threshold_(input, threshold, value):
    return _threshold(input, threshold, value, True)


def relu(input, inplace=False):
    return torch.relu_(input) if inplace else torch.relu(input)


def relu_(input):
    return torch.relu_(input)


def hardtanh(input, min_val=-1., max_val=1., inplace=False):
    return input.clamp_(min_val, max_val) if inplace else input.clamp(min_val, max_val)


def hardtanh_(input, min_val=-1., max_val=1.):
    return input.clamp_(min_val, max_val)


def relu6(input, inplace=False):
    return hardtanh(input, 0., 6., inplace)


def elu(input, alpha=1.0, inplace=False):
    if _has_c('elu'):
        return torch._C._nn.elu_(input, alpha) if inplace else torch._C._nn.elu(input, alpha)
    def fn(x):
        return torch.where(x > 0, x, torch.expm1(x) * alpha)
    return _inplace(input, fn) if inplace else fn(input)


def elu_(input, alpha=1.0):
    return elu(input, alpha, True)


def selu(input, inplace=False):
    alpha = 1.6732632423543772848170429916717
    scale = 1.0507009873554804934193349852946
    def fn(x):
        return torch.where(x > 0, x * scale, torch.expm1(x) * (alpha * scale))
    return _inplace(input, fn) if inplace else fn(input)


def celu(input, alpha=1.0, inplace=False):
    def fn(x):
        return torch.where(x > 0, x, torch.expm1(x / alpha) * alpha)
    return _inplace(input, fn) if inplace else fn(input)


def leaky_relu(input, negative_slope=0.01, inplace=False):
    if inplace:
        if _has_c('leaky_relu_'):
            return torch._C._nn.leaky_relu_(input, negative_slope)
        return _inplace(input, lambda x: torch._C._nn.leaky_relu(x, negative_slope))
    return torch._C._nn.leaky_relu(input, negative_slope)


def leaky_relu_(input, negative_slope=0.01):
    return leaky_relu(input, negative_slope, True)


def prelu(input, weight):
    channels = input.size(1) if input.dim() >= 2 else 1
    if weight.numel() != 1 and weight.numel() != channels:
        raise RuntimeError("Mismatch of parameter numbers and input channel size. Found parameter numbers = {} and "
                           "channel size = {}.".format(weight.numel(), channels))
    if weight.numel() != 1 and input.dim() >= 2:
        shape = [1] * input.dim()
        shape[1] = weight.numel()
        weight = weight.reshape(shape)
    return torch.where(input >= 0, input, weight * input)


def rrelu(input, lower=1. / 8, upper=1. / 3, training=False, inplace=False):
    if training:
        noise = input.new_empty(input.shape).uniform_(lower, upper)

        def fn(x):
            return torch.where(x >= 0, x, x * noise)
    else:
        def fn(x):
            return torch.leaky_relu(x, (lower + upper) / 2)
    return _inplace(input, fn) if inplace else fn(input)


def glu(input, dim=-1):
    if input.dim() == 0:
        raise RuntimeError("glu does not support scalars because halving size must be even")
    d = dim + input.dim() if dim < 0 else dim
    if input.size(d) % 2 != 0:
        raise RuntimeError("Halving dimension must be even, but dimension {} is size {}".format(d, input.size(d)))
    a, b = input.chunk(2, dim)
    return a * torch.sigmoid(b)


def gelu(input, approximate='none'):
    if _has_c('gelu'):
        return torch._C._nn.gelu(input, approximate=approximate)
    if approximate == 'tanh':
        inner = (input + input * input * input * 0.044715) * math.sqrt(2.0 / math.pi)
        return input * 0.5 * (torch.tanh(inner) + 1)
    if approximate != 'none':
        raise RuntimeError("approximate argument must be either none or tanh.")
    return input * 0.5 * (torch.erf(input * 0.7071067811865476) + 1)


def logsigmoid(input):
    # min(x, 0) - log1p(exp(-|x|)), as ATen's log_sigmoid
    return torch.clamp(input, max=0) - torch.log1p(torch.exp(-input.abs()))


def hardshrink(input, lambd=0.5):
    return torch.where(input.abs() > lambd, input, torch.zeros((), dtype=input.dtype))


def tanhshrink(input):
    return input - input.tanh()


def softsign(input):
    return input / (input.abs() + 1)


def softplus(input, beta=1, threshold=20):
    scaled = input * beta
    return torch.where(scaled > threshold, input, torch.log1p(torch.exp(scaled)) / beta)


def softshrink(input, lambd=0.5):
    zero = torch.zeros((), dtype=input.dtype)
    return torch.where(input > lambd, input - lambd, torch.where(input < -lambd, input + lambd, zero))


def _get_softmax_dim(name, ndim, stacklevel):
    warnings.warn("Implicit dimension choice for {} has been deprecated. Change the call to include dim=X as an "
                  "argument.".format(name), stacklevel=stacklevel)
    if ndim == 0 or ndim == 1 or ndim == 3:
        return 0
    return 1


def softmin(input, dim=None, _stacklevel=3, dtype=None):
    if dim is None:
        dim = _get_softmax_dim('softmin', input.dim(), _stacklevel)
    if dtype is None:
        return (-input).softmax(dim)
    return (-input).softmax(dim, dtype=dtype)


def softmax(input, dim=None, _stacklevel=3, dtype=None):
    if dim is None:
        dim = _get_softmax_dim('softmax', input.dim(), _stacklevel)
    if dtype is None:
        return input.softmax(dim)
    return input.softmax(dim, dtype=dtype)


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    if dim is None:
        dim = _get_softmax_dim('log_softmax', input.dim(), _stacklevel)
    if dtype is None:
        return input.log_softmax(dim)
    return input.log_softmax(dim, dtype=dtype)


def tanh(input):
    warnings.warn("nn.functional.tanh is deprecated. Use torch.tanh instead.")
    return input.tanh()


def sigmoid(input):
    warnings.warn("nn.functional.sigmoid is deprecated. Use torch.sigmoid instead.")
    return input.sigmoid()


def hardsigmoid(input, inplace=False):
    def fn(x):
        return torch.clamp(x + 3, 0, 6) / 6
    return _inplace(input, fn) if inplace else fn(input)


def silu(input, inplace=False):
    def fn(x):
        return x * torch.sigmoid(x)
    return _inplace(input, fn) if inplace else fn(input)


def mish(input, inplace=False):
    def fn(x):
        return x * torch.tanh(softplus(x))
    return _inplace(input, fn) if inplace else fn(input)


def hardswish(input, inplace=False):
    def fn(x):
        return x * (torch.clamp(x + 3, 0, 6) / 6)
    return _inplace(input, fn) if inplace else fn(input)


# ---- linear and sparse ----

def linear(input, weight, bias=None):
    return torch._C._nn.linear(input, weight, bias)


def bilinear(input1, input2, weight, bias=None):
    # y[n, o] = sum_ij x1[n, i] W[o, i, j] x2[n, j] + b[o]
    if input1.shape[:-1] != input2.shape[:-1]:
        raise RuntimeError("bilinear(): input batch dimensions do not match: got {} and {}".format(
            list(input1.shape[:-1]), list(input2.shape[:-1])))
    lead = list(input1.shape[:-1])
    x1 = input1.reshape(-1, input1.size(-1))
    x2 = input2.reshape(-1, input2.size(-1))
    tmp = torch.matmul(x1.unsqueeze(0), weight)        # (O, N, I2)
    out = (tmp * x2.unsqueeze(0)).sum(-1).t()          # (N, O)
    if bias is not None:
        out = out + bias
    return out.reshape(lead + [weight.size(0)])


def _no_grad_embedding_renorm_(weight, input, max_norm, norm_type):
    with torch.no_grad():
        rows = input.reshape(-1).tolist()
        seen = {}
        for r in rows:
            if r in seen:
                continue
            seen[r] = True
            norm = weight[r].norm(norm_type).item()
            if norm > max_norm:
                weight[r] = weight[r] * (max_norm / (norm + 1e-7))


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False,
              sparse=False):
    if padding_idx is not None:
        if padding_idx > 0:
            assert padding_idx < weight.size(0), "Padding_idx must be within num_embeddings"
        elif padding_idx < 0:
            assert padding_idx >= -weight.size(0), "Padding_idx must be within num_embeddings"
            padding_idx = weight.size(0) + padding_idx
    else:
        padding_idx = -1
    if max_norm is not None:
        input = input.contiguous()
        _no_grad_embedding_renorm_(weight, input, max_norm, norm_type)
    return torch.embedding(weight, input, padding_idx, scale_grad_by_freq, sparse)


def one_hot(tensor, num_classes=-1):
    return torch._C._nn.one_hot(tensor, num_classes)


# ---- normalization ----

def _verify_batch_size(size):
    size_prods = size[0]
    for i in range(len(size) - 2):
        size_prods *= size[i + 2]
    if size_prods == 1:
        raise ValueError("Expected more than 1 value per channel when training, got input size {}".format(size))


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5):
    if training:
        _verify_batch_size(input.size())
    return torch.batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps, True)


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    if hasattr(torch, 'layer_norm'):
        return torch.layer_norm(input, normalized_shape, weight, bias, eps, True)
    normalized_shape = list(_single(normalized_shape))
    n = len(normalized_shape)
    if list(input.shape[input.dim() - n:]) != normalized_shape or input.dim() < n:
        raise RuntimeError("Given normalized_shape={}, expected input with shape [*, {}], but got input of size{}"
                           .format(normalized_shape, ', '.join(str(s) for s in normalized_shape), input.shape))
    dims = tuple(range(input.dim() - n, input.dim()))
    mean = input.mean(dims, keepdim=True)
    var = input.var(dims, unbiased=False, keepdim=True)
    out = (input - mean) * torch.rsqrt(var + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out


def group_norm(input, num_groups, weight=None, bias=None, eps=1e-5):
    n, c = input.size(0), input.size(1)
    if c % num_groups != 0:
        raise RuntimeError("Expected number of channels in input to be divisible by num_groups, but got input of "
                           "shape {} and num_groups={}".format(input.shape, num_groups))
    x = input.reshape(n, num_groups, -1)
    mean = x.mean(-1, keepdim=True)
    var = x.var(-1, unbiased=False, keepdim=True)
    out = ((x - mean) * torch.rsqrt(var + eps)).reshape(input.shape)
    shape = [1, c] + [1] * (input.dim() - 2)
    if weight is not None:
        out = out * weight.reshape(shape)
    if bias is not None:
        out = out + bias.reshape(shape)
    return out


def normalize(input, p=2.0, dim=1, eps=1e-12, out=None):
    denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
    if out is None:
        return input / denom
    return out.copy_(input / denom)


def pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False):
    return (x1 - x2 + eps).norm(p, -1, keepdim=keepdim)


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    # each input divided by its norm first, as ATen 1.13
    x1, x2 = _same_size_pair(x1, x2)
    n1 = x1.norm(2, dim, keepdim=True).clamp_min(eps)
    n2 = x2.norm(2, dim, keepdim=True).clamp_min(eps)
    return ((x1 / n1) * (x2 / n2)).sum(dim)


# ---- losses ----

def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean'):
    if size_average is not None or reduce is not None:
        reduction = _Reduction.legacy_get_string(size_average, reduce)
    return torch._C._nn.nll_loss_nd(input, target, weight, _Reduction.get_enum(reduction), ignore_index)


def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean',
                  label_smoothing=0.0):
    if size_average is not None or reduce is not None:
        reduction = _Reduction.legacy_get_string(size_average, reduce)
    return torch._C._nn.cross_entropy_loss(input, target, weight, _Reduction.get_enum(reduction), ignore_index,
                                           label_smoothing)


def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None, reduction='mean'):
    if size_average is not None or reduce is not None:
        reduction_enum = _Reduction.legacy_get_enum(size_average, reduce)
    else:
        reduction_enum = _Reduction.get_enum(reduction)
    if target.size() != input.size():
        raise ValueError("Using a target size ({}) that is different to the input size ({}) is deprecated. "
                         "Please ensure they have the same size.".format(target.size(), input.size()))
    if weight is not None:
        weight = _same_size_pair(target, weight)[1]
    return torch._C._nn.binary_cross_entropy(input, target, weight, reduction_enum)


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None, reduction='mean',
                                     pos_weight=None):
    if size_average is not None or reduce is not None:
        reduction_enum = _Reduction.legacy_get_enum(size_average, reduce)
    else:
        reduction_enum = _Reduction.get_enum(reduction)
    if not (target.size() == input.size()):
        raise ValueError("Target size ({}) must be the same as input size ({})".format(target.size(), input.size()))
    return torch.binary_cross_entropy_with_logits(input, target, weight, pos_weight, reduction_enum)


def _size_warning(input, target):
    if not (target.size() == input.size()):
        warnings.warn("Using a target size ({}) that is different to the input size ({}). This will likely lead "
                      "to incorrect results due to broadcasting. Please ensure they have the same size."
                      .format(target.size(), input.size()), stacklevel=3)


def l1_loss(input, target, size_average=None, reduce=None, reduction='mean'):
    _size_warning(input, target)
    if size_average is not None or reduce is not None:
        reduction = _Reduction.legacy_get_string(size_average, reduce)
    expanded_input, expanded_target = _same_size_pair(input, target)
    return torch._C._nn.l1_loss(expanded_input, expanded_target, _Reduction.get_enum(reduction))


def mse_loss(input, target, size_average=None, reduce=None, reduction='mean'):
    _size_warning(input, target)
    if size_average is not None or reduce is not None:
        reduction = _Reduction.legacy_get_string(size_average, reduce)
    expanded_input, expanded_target = _same_size_pair(input, target)
    return torch._C._nn.mse_loss(expanded_input, expanded_target, _Reduction.get_enum(reduction))


def _reduce(loss, reduction):
    if reduction == 'none':
        return loss
    if reduction == 'mean':
        return loss.mean()
    if reduction == 'sum':
        return loss.sum()
    raise ValueError("{} is not a valid value for reduction".format(reduction))


def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction='mean', beta=1.0):
    _size_warning(input, target)
    if size_average is not None or reduce is not None:
        reduction = _Reduction.legacy_get_string(size_average, reduce)
    expanded_input, expanded_target = _same_size_pair(input, target)
    if _has_c('smooth_l1_loss'):
        return torch._C._nn.smooth_l1_loss(expanded_input, expanded_target, _Reduction.get_enum(reduction), beta)
    _Reduction.get_enum(reduction)
    d = (expanded_input - expanded_target).abs()
    if beta == 0:
        return _reduce(d, reduction)
    loss = torch.where(d < beta, d * d * (0.5 / beta), d - 0.5 * beta)
    return _reduce(loss, reduction)


def huber_loss(input, target, reduction='mean', delta=1.0):
    _size_warning(input, target)
    expanded_input, expanded_target = _same_size_pair(input, target)
    _Reduction.get_enum(reduction)
    d = (expanded_input - expanded_target).abs()
    loss = torch.where(d < delta, d * d * 0.5, (d - 0.5 * delta) * delta)
    return _reduce(loss, reduction)


def kl_div(input, target, size_average=None, reduce=None, reduction='mean', log_target=False):
    if size_average is not None or reduce is not None:
        reduction = _Reduction.legacy_get_string(size_average, reduce)
    elif reduction == 'mean':
        warnings.warn("reduction: 'mean' divides the total loss by both the batch size and the support size."
                      "'batchmean' divides only by the batch size, and aligns with the KL div math definition."
                      "'mean' will be changed to behave the same as 'batchmean' in the next major release.")
    if log_target:
        loss = torch.exp(target) * (target - input)
    else:
        loss = torch.where(target > 0, target * (torch.log(target) - input), torch.zeros((), dtype=input.dtype))
    if reduction == 'batchmean':
        reduced = loss.sum()
        if input.dim() != 0:
            reduced = reduced / input.size()[0]
        return reduced
    return _reduce(loss, reduction)


def soft_margin_loss(input, target, size_average=None, reduce=None, reduction='mean'):
    if size_average is not None or reduce is not None:
        reduction = _Reduction.legacy_get_string(size_average, reduce)
    return _reduce(torch.log1p(torch.exp(-target * input)), reduction)


def margin_ranking_loss(input1, input2, target, margin=0, size_average=None, reduce=None, reduction='mean'):
    if size_average is not None or reduce is not None:
        reduction = _Reduction.legacy_get_string(size_average, reduce)
    if input1.dim() != input2.dim() or input1.dim() != target.dim():
        raise RuntimeError("margin_ranking_loss : All input tensors should have same dimension but got sizes: "
                           "input1: {}, input2: {}, target: {} ".format(input1.size(), input2.size(), target.size()))
    return _reduce((-target * (input1 - input2) + margin).clamp_min(0), reduction)


def hinge_embedding_loss(input, target, margin=1.0, size_average=None, reduce=None, reduction='mean'):
    if size_average is not None or reduce is not None:
        reduction = _Reduction.legacy_get_string(size_average, reduce)
    zero = torch.zeros((), dtype=input.dtype)
    margin_clamp = (margin - input).clamp_min(0)
    loss = torch.where(target == 1, zero, margin_clamp) + torch.where(target == -1, zero, input)
    return _reduce(loss, reduction)


def poisson_nll_loss(input, target, log_input=True, full=False, size_average=None, eps=1e-8, reduce=None,
                     reduction='mean'):
    if size_average is not None or reduce is not None:
        reduction = _Reduction.legacy_get_string(size_average, reduce)
    if log_input:
        loss = torch.exp(input) - target * input
    else:
        loss = input - target * torch.log(input + eps)
    if full:
        approx = target * torch.log(target) - target + 0.5 * torch.log(target * (2 * math.pi))
        loss = loss + torch.where(target > 1, approx, torch.zeros((), dtype=approx.dtype))
    return _reduce(loss, reduction)


# ---- padding ----

def pad(input, pad, mode='constant', value=None):
    if len(pad) % 2 != 0:
        raise RuntimeError("Padding length must be divisible by 2")
    if len(pad) > 2 * input.dim():
        raise RuntimeError("Padding length too large")
    if mode == 'constant':
        return torch.constant_pad_nd(input, pad, 0 if value is None else value)
    if mode not in ('reflect', 'replicate', 'circular'):
        raise ValueError("Unrecognised padding mode " + mode)
    if value is not None and value != 0:
        raise RuntimeError("Padding mode \"{}\" doesn't take in value argument".format(mode))
    n, dim = len(pad), input.dim()
    if not ((n == 2 and dim in (2, 3)) or (n == 4 and dim in (3, 4)) or (n == 6 and dim in (4, 5))):
        raise NotImplementedError("Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now")
    if mode == 'circular' and dim >= 3 and n != 2 * (dim - 2):
        raise RuntimeError("Invalid padding size, expected {} but got {}".format(2 * (dim - 2), n))
    return _pad_by_index(input, list(pad), mode)


def _pad_by_index(input, pad, mode):
    # reflect / replicate / circular padding, one dimension at a time (last dimension first)
    out = input
    for i in range(len(pad) // 2):
        dim = input.dim() - 1 - i
        left, right = pad[2 * i], pad[2 * i + 1]
        n = out.size(dim)
        if mode == 'reflect' and (left >= n or right >= n):
            raise RuntimeError("Argument #4: Padding size should be less than the corresponding input dimension, "
                               "but got: padding ({}, {}) at dimension {} of input {}".format(left, right, dim,
                                                                                              list(input.shape)))
        idx = []
        for j in range(-left, n + right):
            if mode == 'replicate':
                k = min(max(j, 0), n - 1)
            elif mode == 'circular':
                k = j % n
            else:
                k = -j if j < 0 else (2 * (n - 1) - j if j >= n else j)
            idx.append(k)
        out = out.index_select(dim, torch.tensor(idx, dtype=torch.long))
    return out
