#!/usr/bin/env bash
# tests/cli/test_limits.sh CTORCH — the resource limits of kernel/lang/limits.c (docs/security.md):
# CTORCH_MAX_TENSOR_MEMORY, CTORCH_MAX_TENSOR_SIZE, CTORCH_MAX_OBJECT_MEMORY (MemoryError with a clear
# message, the interpreter survives), CTORCH_RECURSION_LIMIT / CTORCH_MAX_RECURSION_LIMIT, the C stack
# guard (runaway recursion with any recursion limit is a RecursionError, not SIGSEGV), freeing a chain a
# million links long (no recursion), and a bad value (reported, default kept). Exit 0 when all pass.
set -u
ctorch=$1
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}allocator_may_return_null=1"
fails=0

check() {  # check NAME EXPECTED ACTUAL
  if [[ "$2" != "$3" ]]; then
    printf 'FAIL %s\n  expected: %q\n  got:      %q\n' "$1" "$2" "$3"
    fails=$((fails + 1))
  fi
}

out=$(CTORCH_MAX_TENSOR_MEMORY=64M "$ctorch" -c '
import torch
a = torch.zeros(4 << 20)            # 16 MiB: fine
try:
    b = torch.zeros(16 << 20)       # 64 MiB more: over the cap
except MemoryError as e:
    print("MemoryError:", str(e).split(":")[1].strip())
del a
b = torch.ones(15 << 20)            # 60 MiB once the first is gone
print(int(b.sum()))' 2>&1)
check "tensor memory" $'MemoryError: tensor memory limit exceeded\n15728640' "$out"

out=$(CTORCH_MAX_TENSOR_SIZE=1M "$ctorch" -c '
import torch
x = [torch.zeros(1 << 16) for _ in range(8)]    # 8 x 256 KiB
try:
    torch.zeros(1 << 18)                        # 1 MiB + 0: exactly the cap is allowed
    torch.zeros((1 << 18) + 1)
except MemoryError as e:
    print("MemoryError:", str(e).split(":")[1].strip())
print(len(x))' 2>&1)
check "tensor size" $'MemoryError: tensor size limit exceeded\n8' "$out"

out=$(CTORCH_MAX_OBJECT_MEMORY=64M "$ctorch" -c '
for make in (lambda: [0] * (10 ** 8), lambda: "ab" * (64 << 20), lambda: list(range(10 ** 7))):
    try:
        make()
        print("no error")
    except MemoryError:
        print("MemoryError")
x = [0] * 10 ** 5
print("alive", len(x))' 2>&1)
check "object memory" $'MemoryError\nMemoryError\nMemoryError\nalive 100000' "$out"

out=$(CTORCH_RECURSION_LIMIT=50 "$ctorch" -c '
import sys
print(sys.getrecursionlimit())
def f(n): return f(n + 1) if n < 100 else n
try:
    f(0)
except RecursionError as e:
    print("RecursionError:", e)' 2>&1)
check "recursion limit" $'50\nRecursionError: maximum recursion depth exceeded' "$out"

out=$(CTORCH_MAX_RECURSION_LIMIT=300 "$ctorch" -c '
import sys
sys.setrecursionlimit(10 ** 6)
print(sys.getrecursionlimit())' 2>&1)
check "recursion ceiling" "300" "$out"

# no ceiling and a limit of a million: the C stack guard stops every kind of deep recursion
out=$(CTORCH_MAX_RECURSION_LIMIT=0 "$ctorch" -c '
import sys
sys.setrecursionlimit(10 ** 6)
def f(n): return f(n + 1)
class R:
    def __repr__(self): return repr(self)
def g(n): return [x for x in g(n + 1)]
def h(n):
    yield from h(n + 1)
for fn in (lambda: f(0), lambda: repr(R()), lambda: g(0), lambda: list(h(0)),
           lambda: sorted([1, 2], key=lambda k: f(0))):
    try:
        fn()
    except RecursionError:
        print("RecursionError")
print("alive")' 2>&1)
check "stack guard" $'RecursionError\nRecursionError\nRecursionError\nRecursionError\nRecursionError\nalive' "$out"

out=$("$ctorch" -c '
a = []
for i in range(10 ** 6):
    a = [a]
del a
d = None
for i in range(10 ** 6):
    d = {"k": d}
d = None
class Node:
    pass
head = None
for i in range(10 ** 6):
    n = Node(); n.next = head; head = n
n = head = None
print("freed")' 2>&1)
check "long chains" "freed" "$out"

out=$(CTORCH_MAX_TENSOR_MEMORY=lots "$ctorch" -c 'print("ran")' 2>&1)
check "bad value" $'ctorch: ignoring CTORCH_MAX_TENSOR_MEMORY=lots (not a size such as 512M, 2G or none)\nran' "$out"

"$ctorch" kernel -f /nonexistent --max-bogus=1 2>/dev/null; check "kernel bad option" 2 $?
"$ctorch" kernel -f /nonexistent --max-message-size 2>/dev/null; check "kernel option without value" 2 $?

if ((fails)); then echo "$fails check(s) failed"; exit 1; fi
echo "all limit checks passed"
