# torch.optim.optimizer: the Optimizer base class as PyTorch 1.13 behaves (param groups, defaults, state
# keyed by parameter, the packed state_dict layout, zero_grad, repr).
from collections import defaultdict
from copy import deepcopy

import torch

__all__ = ['Optimizer']


class _RequiredParameter(object):
    # the default of a hyper-parameter that every param group must give (SGD's lr)
    def __repr__(self):
        return "<required parameter>"


required = _RequiredParameter()


def _warn(message, category=None):
    # warnings.warn when the interpreter has a warnings module (not yet: then nothing is printed)
    try:
        import warnings
    except ImportError:
        return
    if category is None:
        warnings.warn(message)
    else:
        warnings.warn(message, category)


def _typename(o):
    # torch.typename: 'torch.FloatTensor' for tensors, module-qualified class names otherwise
    if isinstance(o, torch.Tensor):
        return o.type()
    module = getattr(o, '__module__', None)
    prefix = module + '.' if module is not None and module != 'builtins' else ''
    name = getattr(o, '__qualname__', None)
    if name is None:
        name = getattr(o, '__name__', None)
    if name is None:
        name = type(o).__name__
    return prefix + name


def _use_grad_for_differentiable(step):
    # step() records autograd history only for differentiable=True optimizers
    def _use_grad(self, *args, **kwargs):
        prev_grad = torch.is_grad_enabled()
        try:
            torch.set_grad_enabled(self.defaults['differentiable'])
            ret = step(self, *args, **kwargs)
        finally:
            torch.set_grad_enabled(prev_grad)
        return ret
    _use_grad.__name__ = getattr(step, '__name__', 'step')
    return _use_grad


def _count_steps(step):
    # Wraps a class's step() once: an lr scheduler sets optimizer._step_count and reads it to tell whether
    # optimizer.step() ran before scheduler.step(). (PyTorch wraps the bound method on the instance through
    # a weak reference; ctorch has no cycle collector, so the wrapper lives on the class instead.)
    def wrapper(self, *args, **kwargs):
        if '_step_count' in self.__dict__:
            self._step_count += 1
        return step(self, *args, **kwargs)
    wrapper.hooked = True
    wrapper._with_counter = True
    wrapper.__name__ = getattr(step, '__name__', 'step')
    return wrapper


class Optimizer(object):
    # params: an iterable of tensors, or of dicts each holding 'params' plus per-group options;
    # defaults: the options a group takes when it does not set them.

    def __init__(self, params, defaults):
        self.defaults = defaults
        self._hook_for_profile()
        if isinstance(params, torch.Tensor):
            raise TypeError("params argument given to the optimizer should be an iterable of Tensors or dicts, "
                            "but got " + _typename(params))
        self.state = defaultdict(dict)
        self.param_groups = []
        groups = list(params)
        if len(groups) == 0:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(groups[0], dict):
            groups = [{'params': groups}]
        for group in groups:
            self.add_param_group(group)
        self._warned_capturable_if_run_uncaptured = True

    def __getstate__(self):
        return {'defaults': self.defaults, 'state': self.state, 'param_groups': self.param_groups}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._hook_for_profile()
        self.defaults.setdefault('differentiable', False)

    def __repr__(self):
        text = self.__class__.__name__ + ' ('
        for i, group in enumerate(self.param_groups):
            text += '\nParameter Group {0}\n'.format(i)
            for key in sorted(group.keys()):
                if key != 'params':
                    text += '    {0}: {1}\n'.format(key, group[key])
        return text + ')'

    def _cuda_graph_capture_health_check(self):
        # ctorch never captures CUDA graphs, so there is nothing to check
        pass

    def _optimizer_step_code(self):
        pass

    def _hook_for_profile(self):
        self._zero_grad_profile_name = "Optimizer.zero_grad#{}.zero_grad".format(self.__class__.__name__)
        cls = self.__class__
        if not getattr(cls.step, "hooked", None):
            cls.step = _count_steps(cls.step)

    def state_dict(self):
        # parameters are replaced by their position across all groups, in group order
        index_of = {}
        next_index = 0
        packed_groups = []
        for group in self.param_groups:
            packed = {k: v for k, v in group.items() if k != 'params'}
            fresh = {}
            for i, p in enumerate(group['params'], next_index):
                if id(p) not in index_of:
                    fresh[id(p)] = i
            index_of.update(fresh)
            packed['params'] = [index_of[id(p)] for p in group['params']]
            next_index += len(packed['params'])
            packed_groups.append(packed)
        packed_state = {}
        for k, v in self.state.items():
            packed_state[index_of[id(k)] if isinstance(k, torch.Tensor) else k] = v
        return {'state': packed_state, 'param_groups': packed_groups}

    def load_state_dict(self, state_dict):
        state_dict = deepcopy(state_dict)
        groups = self.param_groups
        saved_groups = state_dict['param_groups']
        if len(groups) != len(saved_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        for g, s in zip(groups, saved_groups):
            if len(g['params']) != len(s['params']):
                raise ValueError("loaded state dict contains a parameter group that doesn't match the size of "
                                 "optimizer's group")
        param_of = {}
        for g, s in zip(groups, saved_groups):
            for old_index, p in zip(s['params'], g['params']):
                param_of[old_index] = p

        state = defaultdict(dict)
        for k, v in state_dict['state'].items():
            if k in param_of:
                param = param_of[k]
                state[param] = _cast_state(param, v)
            else:
                state[k] = v
        new_groups = []
        for g, s in zip(groups, saved_groups):
            s['params'] = g['params']
            new_groups.append(s)
        self.__setstate__({'state': state, 'param_groups': new_groups})

    def zero_grad(self, set_to_none=False):
        if not hasattr(self, "_zero_grad_profile_name"):
            self._hook_for_profile()
        for group in self.param_groups:
            for p in group['params']:
                if p.grad is not None:
                    if set_to_none:
                        p.grad = None
                    else:
                        if p.grad.grad_fn is not None:
                            p.grad.detach_()
                        else:
                            p.grad.requires_grad_(False)
                        p.grad.zero_()

    def step(self, closure):
        raise NotImplementedError

    def add_param_group(self, param_group):
        assert isinstance(param_group, dict), "param group must be a dict"
        params = param_group['params']
        if isinstance(params, torch.Tensor):
            param_group['params'] = [params]
        elif isinstance(params, (set, frozenset)):
            raise TypeError('optimizer parameters need to be organized in ordered collections, but the ordering '
                            'of tensors in sets will change between runs. Please use a list instead.')
        else:
            param_group['params'] = list(params)

        for param in param_group['params']:
            if not isinstance(param, torch.Tensor):
                raise TypeError("optimizer can only optimize Tensors, but one of the params is " + _typename(param))
            if not self.defaults.get('differentiable', None) and not (param.is_leaf or param.retains_grad):
                raise ValueError("can't optimize a non-leaf Tensor")

        for name, default in self.defaults.items():
            if default is required and name not in param_group:
                raise ValueError("parameter group didn't specify a value of required optimization parameter " +
                                 name)
            param_group.setdefault(name, default)

        params = param_group['params']
        if len(params) != len(set(params)):
            _warn("optimizer contains a parameter group with duplicate parameters; in future, this will cause an "
                  "error; see github.com/pytorch/pytorch/issues/40967 for more information")

        seen = set()
        for group in self.param_groups:
            seen.update(set(group['params']))
        if not seen.isdisjoint(set(param_group['params'])):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(param_group)


def _cast_state(param, value, key=None):
    # a loaded state value, its floating tensors moved to the parameter's dtype and device ('step' keeps
    # its dtype)
    if isinstance(value, torch.Tensor):
        if key != "step":
            if param.is_floating_point():
                value = value.to(param.dtype)
            value = value.to(param.device)
        return value
    if isinstance(value, dict):
        return {k: _cast_state(param, v, key=k) for k, v in value.items()}
    if isinstance(value, (str, bytes)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(_cast_state(param, v) for v in value)
    return value
