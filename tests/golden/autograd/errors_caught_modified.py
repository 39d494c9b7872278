# "one of the variables needed for gradient computation has been modified by an inplace operation"
# (pytorch-parity.md §5): the saved tensor's type and shape, the node whose output it is (after a rebase,
# the in-place node), the version it is at and the one expected; a modified leaf has no "which is output"
# part. Tensors that were not saved can be modified without error.
import torch


def case(name, fn):
    try:
        fn()
        print("%-18s no error" % name)
    except RuntimeError as e:
        print("%-18s %s: %s" % (name, type(e).__name__, e))


x = torch.ones(2, requires_grad=True)


def exp_add():
    y = x.exp()
    y.add_(1)
    y.sum().backward()


def exp_twice():
    y = x.exp()
    y.add_(1)
    y.mul_(2)
    y.sum().backward()


def sigmoid_f64():
    a = torch.ones(2, 3, dtype=torch.float64, requires_grad=True)
    y = a.sigmoid()
    y.mul_(2)
    y.sum().backward()


def tanh_setitem():
    y = x.tanh()
    y[0] = 1
    y.sum().backward()


def mul_input():
    y = x * 2
    z = y * y
    y.add_(1)
    z.sum().backward()


def leaf_under_no_grad():
    y = x * x
    with torch.no_grad():
        x.add_(1)
    y.sum().backward()


def pow_input():
    b = torch.ones(3, 1, requires_grad=True)
    h = b + 1
    y = h ** 2
    h.mul_(0)
    y.sum().backward()


def mm_input():
    w = torch.ones(2, 2, requires_grad=True)
    h = w * 1
    y = h.mm(w)
    h.add_(1)
    y.sum().backward()


def through_detach():
    y = x.exp()
    y.detach().zero_()
    y.sum().backward()


def add_input():
    y = x * 1
    z = y + 1
    y.mul_(3)
    z.sum().backward()


def exp_input():
    y = x * 1
    z = y.exp()
    y.add_(1)
    z.sum().backward()


def through_data():
    y = x.exp()
    y.data.add_(1)
    y.sum().backward()
    return x.grad


case("exp then add_", exp_add)
case("exp, two in-place", exp_twice)
case("sigmoid float64", sigmoid_f64)
case("tanh, y[0] = 1", tanh_setitem)
case("mul input", mul_input)
case("leaf under no_grad", leaf_under_no_grad)
case("pow input", pow_input)
case("mm input", mm_input)
case("detach().zero_()", through_detach)
# not saved: add does not need its inputs, exp needs its output only
case("add input", add_input)
case("exp input", exp_input)
# .data bypasses the version counter: no error, the gradient uses the modified values
x.grad = None
case("y.data.add_", through_data)
print(x.grad)
