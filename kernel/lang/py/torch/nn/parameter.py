# torch.nn.parameter: Parameter, the Tensor subclass a Module registers when it is assigned as an
# attribute. It shares its data's storage, is a leaf, and prints as "Parameter containing:\n" plus
# the tensor's repr; operations on it return plain Tensors, as 1.13's disabled __torch_function__.
import torch


class Parameter(torch.Tensor):
    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            data = torch.empty(0)
        return torch.Tensor._make_subclass(cls, data, requires_grad)

    def __deepcopy__(self, memo):
        if id(self) in memo:
            return memo[id(self)]
        result = type(self)(self.data.clone(), self.requires_grad)
        memo[id(self)] = result
        return result

    def __repr__(self):
        return 'Parameter containing:\n' + super().__repr__()


def is_lazy(param):
    return False
