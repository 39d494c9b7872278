# NumPy's error texts: broadcasting, dot/matmul alignment, reshape, indexing, casting of out=,
# axes, dtypes, and torch.from_numpy of what it cannot take.
import numpy as np
import torch

def show(f):
    try:
        r = f()
        print('no error', r)
    except Exception as e:
        print(type(e).__name__ + ':', e)

a3 = np.arange(3.0)
a4 = np.arange(4.0)
m23 = np.ones((2, 3))
show(lambda: a3 + a4)
show(lambda: np.ones((2, 3)) * np.ones((3, 2)))
show(lambda: np.ones((2, 1, 3)) - np.ones((4, 5)))
show(lambda: np.add(a3, a4))
show(lambda: np.maximum(a3, np.zeros(2)))
show(lambda: np.add(a3, 1, out=np.zeros(4)))
show(lambda: np.add(a3, 1, out=np.zeros(3, dtype=np.int64)))
def iadd():
    b = np.arange(3)
    b += 1.5
show(iadd)
def iadd2():
    b = np.zeros(3)
    b += np.ones(4)
show(iadd2)
show(lambda: m23.dot(m23))
show(lambda: np.dot(a3, a4))
show(lambda: m23 @ m23)
show(lambda: a3 @ a4)
show(lambda: a3.reshape(2, 2))
show(lambda: np.arange(6).reshape(4, -1))
show(lambda: np.arange(6).reshape(-1, -1))
show(lambda: a3[5])
show(lambda: m23[2, 0])
show(lambda: m23[0, -4])
show(lambda: a3[0, 0])
show(lambda: a3[np.array([True, False])])
def setshape():
    m23[0] = np.ones(2)
show(setshape)
def setmask():
    b = np.zeros(3)
    b[b == 0] = np.ones(2)
show(setmask)
show(lambda: m23.sum(axis=2))
show(lambda: np.mean(a3, axis=-2))
show(lambda: np.transpose(m23, (0, 0)))
show(lambda: m23.transpose(1))
show(lambda: a3.astype('foo'))
show(lambda: np.zeros(3, dtype='bar'))
show(lambda: a3[1.5])
show(lambda: np.concatenate([a3, m23]))
show(lambda: torch.from_numpy([1, 2]))
show(lambda: torch.ones(2, requires_grad=True).numpy())
show(lambda: np.array([[1, 2], [3]]))
show(lambda: float(np.ones(2)))
show(lambda: bool(np.ones(2)))
print(np.add(a3, 1, out=np.zeros((2, 3))))
show(lambda: np.add(np.ones((2, 3)), 1, out=np.zeros(3)))
show(lambda: np.maximum(np.ones((2, 3)), np.ones(3), out=np.zeros((3,))))
show(lambda: np.square(np.ones((2, 3)), out=np.zeros((4,))))
show(lambda: np.square(np.ones((2, 3)), out=np.zeros((3,))))
show(lambda: np.square(a3, out=[0, 0, 0]))
try:
    np.add(np.arange(3), 1.5, out=np.arange(3))
except TypeError as e:
    print(type(e).__name__, isinstance(e, TypeError), e)
show(lambda: np.arange(6).reshape(4, -1, 1))
show(lambda: np.arange(6).reshape(()))
def setshape2():
    b = np.arange(6)
    b.shape = (4,)
show(setshape2)
def masks():
    b = np.zeros((2, 3))
    for v in (np.ones(2), np.ones((2, 3)), np.ones(1), 5.0, np.arange(6.0)):
        try:
            b[b == 0] = v
            print(b)
        except Exception as e:
            print(type(e).__name__ + ':', e)
        b[:] = 0
    for key, v in ((np.array([True, False]), np.ones((2, 3))), (np.array([True, False]), np.ones(2)),
                   (np.array([True, True]), np.ones((2, 2))), (np.array([0, 1]), np.ones((2, 2))),
                   ([0, 1], np.ones((1, 2, 3))), (np.array([0, 1]), np.ones((4,)))):
        try:
            b[key] = v
            print(b)
        except Exception as e:
            print(type(e).__name__ + ':', e)
masks()
def setshape3():
    b = np.zeros((2, 3))
    b[0] = np.ones((1, 1, 2))
show(setshape3)
