# requires_grad errors (pytorch-parity.md §5): integer and bool tensors cannot require gradients (three
# wordings: factory keyword, requires_grad_(), the attribute setter), requires_grad of a non-leaf can't be
# changed (with the detach hint when set to False), retain_grad needs requires_grad, .grad must match.
import torch


def case(name, fn):
    try:
        r = fn()
        print("%-22s no error: %s" % (name, r))
    except Exception as e:
        print("%-22s %s: %s" % (name, type(e).__name__, e))


def set_rg(t, flag):
    t.requires_grad = flag
    return t.requires_grad


def set_grad(t, g):
    t.grad = g
    return t.grad


x = torch.ones(2, requires_grad=True)
y = x * 2
case("ones long", lambda: torch.ones(2, dtype=torch.long, requires_grad=True))
case("tensor int", lambda: torch.tensor([1, 2], requires_grad=True))
case("tensor bool", lambda: torch.tensor([True], requires_grad=True))
case("zeros int32", lambda: torch.zeros(2, dtype=torch.int32, requires_grad=True))
case("arange int", lambda: torch.arange(3, requires_grad=True))
case("full uint8", lambda: torch.full((2,), 3, dtype=torch.uint8, requires_grad=True))
case("int requires_grad_()", lambda: torch.tensor([1, 2]).requires_grad_())
case("bool requires_grad_()", lambda: (torch.ones(2) > 0).requires_grad_())
case("long requires_grad_(F)", lambda: torch.tensor([1, 2]).requires_grad_(False))
case("int setter", lambda: set_rg(torch.tensor([1, 2]), True))
case("int setter False", lambda: set_rg(torch.tensor([1, 2]), False))
case("non-leaf False", lambda: set_rg(y, False))
case("non-leaf True", lambda: set_rg(y, True))
case("non-leaf rg_(False)", lambda: y.requires_grad_(False))
case("non-leaf rg_(True)", lambda: y.requires_grad_(True).grad_fn.name())
case("detached, then True", lambda: set_rg(y.detach(), True))
case("float64 ok", lambda: torch.ones(1, dtype=torch.float64, requires_grad=True))
case("argmax result", lambda: x.argmax().requires_grad_())
case("retain_grad no rg", lambda: torch.ones(2).retain_grad())
case("grad wrong size", lambda: set_grad(x, torch.ones(3)))
case("grad wrong dtype", lambda: set_grad(x, torch.ones(2, dtype=torch.float64)))
case("grad int", lambda: set_grad(x, torch.ones(2, dtype=torch.long)))
case("grad ok", lambda: set_grad(x, torch.full((2,), 0.5)))
case("grad None", lambda: set_grad(x, None))

# the leaf keeps its flags after the failed attempts
print(y.requires_grad, y.is_leaf, type(y.grad_fn).__name__)

# var_no_grad = var.detach(), as the message suggests
var_no_grad = y.detach()
print(var_no_grad.requires_grad, var_no_grad.is_leaf)

# a float tensor made from an int one can require grad
i = torch.tensor([1, 2, 3])
f = i.float().requires_grad_()
(f * f).sum().backward()
print(f.grad)
