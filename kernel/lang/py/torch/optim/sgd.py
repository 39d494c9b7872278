# torch.optim.sgd: stochastic gradient descent with momentum, dampening, Nesterov and weight decay.
# The update is PyTorch 1.13's single-tensor path op for op (foreach=True takes the same path: the result
# is the same arithmetic).
import torch
from torch.optim.optimizer import Optimizer, required, _use_grad_for_differentiable

__all__ = ['SGD', 'sgd']


class SGD(Optimizer):
    def __init__(self, params, lr=required, momentum=0, dampening=0, weight_decay=0, nesterov=False, *,
                 maximize=False, foreach=None, differentiable=False):
        if lr is not required and lr < 0.0:
            raise ValueError("Invalid learning rate: {}".format(lr))
        if momentum < 0.0:
            raise ValueError("Invalid momentum value: {}".format(momentum))
        if weight_decay < 0.0:
            raise ValueError("Invalid weight_decay value: {}".format(weight_decay))
        defaults = dict(lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay,
                        nesterov=nesterov, maximize=maximize, foreach=foreach, differentiable=differentiable)
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        super(SGD, self).__init__(params, defaults)

    def __setstate__(self, state):
        super().__setstate__(state)
        for group in self.param_groups:
            group.setdefault('nesterov', False)
            group.setdefault('maximize', False)
            group.setdefault('foreach', None)
            group.setdefault('differentiable', False)

    @_use_grad_for_differentiable
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            params = []
            grads = []
            bufs = []
            for p in group['params']:
                if p.grad is None:
                    continue
                params.append(p)
                grads.append(p.grad)
                bufs.append(self.state[p].get('momentum_buffer'))
            sgd(params, grads, bufs, weight_decay=group['weight_decay'], momentum=group['momentum'],
                lr=group['lr'], dampening=group['dampening'], nesterov=group['nesterov'],
                maximize=group['maximize'], has_sparse_grad=False, foreach=group['foreach'])
            # the buffers created by this step (None without momentum, as PyTorch stores it)
            for p, buf in zip(params, bufs):
                self.state[p]['momentum_buffer'] = buf
        return loss


def sgd(params, d_p_list, momentum_buffer_list, has_sparse_grad=None, foreach=None, *, weight_decay, momentum,
        lr, dampening, nesterov, maximize):
    # momentum_buffer_list is updated in place: a None entry becomes the new buffer
    for i, param in enumerate(params):
        d_p = -d_p_list[i] if maximize else d_p_list[i]
        if weight_decay != 0:
            d_p = d_p.add(param, alpha=weight_decay)
        if momentum != 0:
            buf = momentum_buffer_list[i]
            if buf is None:
                buf = torch.clone(d_p).detach()
                momentum_buffer_list[i] = buf
            else:
                buf.mul_(momentum).add_(d_p, alpha=1 - dampening)
            if nesterov:
                d_p = d_p.add(buf, alpha=momentum)
            else:
                d_p = buf
        param.add_(d_p, alpha=-lr)
