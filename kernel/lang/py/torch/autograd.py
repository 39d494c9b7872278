# The Python part of torch.autograd (the rest is C: kernel/lang/autograd_bind.c): gradcheck, which
# compares the gradients backward computes with finite differences, as torch.autograd.gradcheck does
# in its default (slow) mode: a full Jacobian per (output, input) pair, columns by central
# differences, rows by one vector-Jacobian product per output element.
import torch


class GradcheckError(RuntimeError):
    pass


def _as_tuple(x):
    if isinstance(x, tuple):
        return x
    if isinstance(x, list):
        return tuple(x)
    return (x,)


def _differentiable_outputs(outputs):
    return tuple(o for o in _as_tuple(outputs) if isinstance(o, torch.Tensor) and o.requires_grad)


def _numerical_jacobian(fn, inputs, outputs, wrt, eps):
    # jac[i][j]: (numel of input wrt[i], numel of output j)
    jac = []
    for i in wrt:
        x = inputs[i]
        flat = x.data.view(-1)
        cols = [torch.zeros(x.numel(), o.numel(), dtype=o.dtype) for o in outputs]
        for k in range(x.numel()):
            orig = flat[k].item()
            flat[k] = orig - eps
            minus = [o.detach().clone() for o in _as_tuple(fn(*inputs)) if isinstance(o, torch.Tensor)]
            flat[k] = orig + eps
            plus = [o.detach().clone() for o in _as_tuple(fn(*inputs)) if isinstance(o, torch.Tensor)]
            flat[k] = orig
            for j in range(len(outputs)):
                cols[j][k] = ((plus[j] - minus[j]) / (2 * eps)).reshape(-1)
        jac.append(cols)
    return jac


def _analytical_jacobian(inputs, outputs, wrt):
    jac = [[torch.zeros(inputs[i].numel(), o.numel(), dtype=o.dtype) for o in outputs] for i in wrt]
    diff_inputs = [inputs[i] for i in wrt]
    for j in range(len(outputs)):
        o = outputs[j]
        for k in range(o.numel()):
            g = torch.zeros_like(o)
            g.view(-1)[k] = 1
            grads = torch.autograd.grad(o, diff_inputs, g, retain_graph=True, allow_unused=True)
            for n in range(len(wrt)):
                if grads[n] is not None:
                    jac[n][j][:, k] = grads[n].reshape(-1)
    return jac


def gradcheck(func, inputs, *, eps=1e-06, atol=1e-05, rtol=0.001, raise_exception=True, check_sparse_nnz=False,
              nondet_tol=0.0, check_undefined_grad=True, check_grad_dtypes=False, check_batched_grad=False,
              check_batched_forward_grad=False, check_forward_ad=False, check_backward_ad=True, fast_mode=False):
    inputs = _as_tuple(inputs)
    wrt = [i for i in range(len(inputs)) if isinstance(inputs[i], torch.Tensor) and inputs[i].requires_grad]
    if not wrt:
        raise ValueError("gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.")
    outputs = _differentiable_outputs(func(*inputs))
    if not outputs:
        # nothing differentiable came out
        return True
    # the perturbations write the inputs in place: the graph for backward is built afterwards
    with torch.no_grad():
        numerical = _numerical_jacobian(func, inputs, outputs, wrt, eps)
    outputs = _differentiable_outputs(func(*inputs))
    analytical = _analytical_jacobian(inputs, outputs, wrt)
    for n in range(len(wrt)):
        for j in range(len(outputs)):
            a = analytical[n][j]
            num = numerical[n][j]
            if not torch.allclose(a, num, rtol, atol):
                if not raise_exception:
                    return False
                raise GradcheckError("Jacobian mismatch for output %d with respect to input %d,\nnumerical:%s\nanalytical:%s\n"
                                     % (j, wrt[n], num, a))
    again = _analytical_jacobian(inputs, outputs, wrt)
    for n in range(len(wrt)):
        for j in range(len(outputs)):
            if (again[n][j] - analytical[n][j]).abs().max().item() > nondet_tol:
                if not raise_exception:
                    return False
                raise GradcheckError("Backward is not reentrant, i.e., running backward with same input and grad_output multiple times gives different values, although analytical gradient matches numerical gradient.The tolerance for nondeterminism was %s." % nondet_tol)
    return True


class set_detect_anomaly:
    """Anomaly detection: accepted for compatibility (ctorch's error messages are the same either way)."""

    def __init__(self, mode, check_nan=True):
        self.mode = mode

    def __enter__(self):
        return None

    def __exit__(self, *args):
        return False


class detect_anomaly(set_detect_anomaly):
    def __init__(self, check_nan=True):
        set_detect_anomaly.__init__(self, True, check_nan)
