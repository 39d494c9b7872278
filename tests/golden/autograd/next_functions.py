# The backward graph as PyTorch exposes it: grad_fn.next_functions as (node, input_nr) pairs, None for
# inputs that need no gradient, AccumulateGrad nodes for leaves (.variable is the leaf, one node per leaf),
# input_nr > 0 for multi-output nodes, shared nodes, and a printed walk of a small graph.
import torch


def nm(f):
    return type(f).__name__ if f is not None else None


def edges(fn):
    return [(nm(f), n) for f, n in fn.next_functions]


def noaddr(text):
    # "<AddBackward0 object at 0x7f...>" -> "<AddBackward0 object>"
    pieces = text.split(" object at 0x")
    return pieces[0] + "".join(" object" + p[p.index(">"):] for p in pieces[1:])


def walk(fn, depth=0, nr=0):
    print("%s%s (input_nr %d)" % ("    " * depth, nm(fn), nr))
    if fn is not None:
        for f, n in fn.next_functions:
            walk(f, depth + 1, n)


x = torch.ones(2, 2, requires_grad=True)
y = x + 2
print(edges(y.grad_fn))
acc = y.grad_fn.next_functions[0][0]
print(nm(acc), acc.variable is x, acc.next_functions, acc.name())
print(noaddr(str(y.grad_fn)), noaddr(repr(y.grad_fn)), noaddr(str(y.grad_fn.next_functions)))
z = y * y * 3
out = z.mean()
walk(out.grad_fn)

# both uses of a leaf go to the same AccumulateGrad node
w = x * x
f0, f1 = w.grad_fn.next_functions
print(f0[0] is f1[0], f0[0] is acc)

# an intermediate used twice shows up as the same node on both edges
h = x.exp()
g = h * h + h
m = g.grad_fn.next_functions[0][0]
print(edges(g.grad_fn), edges(m))
print(m.next_functions[0][0] is m.next_functions[1][0], m.next_functions[0][0] is g.grad_fn.next_functions[1][0])

# several outputs of one node: input_nr says which output the edge comes from
t = torch.arange(6.0, requires_grad=True)
a, b, c = t.split(2)
s = a * 1 + c * 2
print(edges(s.grad_fn), edges(s.grad_fn.next_functions[0][0]), edges(s.grad_fn.next_functions[1][0]))
u, v = t.view(2, 3).unbind(0)
k = torch.stack([v, u])
print(edges(k.grad_fn))
print(k.grad_fn.next_functions[0][0] is k.grad_fn.next_functions[1][0])

# edges for inputs that do not require grad are None, in their argument position
const = torch.ones(2, 2)
print(edges((const + x).grad_fn), edges((x + const).grad_fn), edges((const * 2 + x).grad_fn))
print(edges(torch.addmm(const, const, x).grad_fn), edges(torch.addmm(x, const, const).grad_fn))
print(edges(torch.where(const > 0, const, x).grad_fn), edges(torch.cat([const, x, const]).grad_fn))

# a node's name() and its metadata
print(out.grad_fn.name(), z.grad_fn.name(), type(out.grad_fn).__name__)
print(callable(out.grad_fn), hasattr(out.grad_fn, "next_functions"))

# a deeper chain, walked from the loss
torch.manual_seed(0)
W = torch.randn(3, 2, requires_grad=True)
bias = torch.zeros(2, requires_grad=True)
inp = torch.randn(4, 3)
loss = (inp.mm(W) + bias).relu().pow(2).mean()
walk(loss.grad_fn)
