#!/usr/bin/env bash
# tests/cli/test_cli.sh CTORCH — the command line: `ctorch -c`, `ctorch run` with arguments and exit
# statuses (0 ok, 1 uncaught exception or syntax error, SystemExit's code), a script piped to `ctorch`,
# and stdout/stderr ordering. Exit 0 when every check passes.
set -u
ctorch=$1
# the MemoryError checks ask for absurd sizes: under AddressSanitizer those must fail, not abort
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}allocator_may_return_null=1"
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {  # check NAME EXPECTED ACTUAL
  if [[ "$2" != "$3" ]]; then
    printf 'FAIL %s\n  expected: %q\n  got:      %q\n' "$1" "$2" "$3"
    fails=$((fails + 1))
  fi
}

out=$("$ctorch" -c 'print("hi", 1 + 2)'); check "-c output" "hi 3" "$out"
"$ctorch" -c 'import sys; sys.exit(3)'; check "-c SystemExit code" 3 $?
"$ctorch" -c 'raise SystemExit'; check "SystemExit no code" 0 $?
err=$("$ctorch" -c 'raise SystemExit("bye")' 2>&1); rc=$?
check "SystemExit message" "bye" "$err"; check "SystemExit message status" 1 $rc
err=$("$ctorch" -c '1/0' 2>&1); rc=$?
check "uncaught status" 1 $rc
check "uncaught text" $'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nZeroDivisionError: division by zero' "$err"
err=$("$ctorch" -c 'if x' 2>&1); rc=$?
check "syntax status" 1 $rc
check "syntax text" $'  File "<string>", line 1\n    if x\n        ^\nSyntaxError: expected \':\'' "$err"
out=$("$ctorch" -c 'import sys; print(sys.argv)' a b); check "-c argv" "['-c', 'a', 'b']" "$out"

printf 'import sys\nprint(sys.argv[1:])\nprint(__name__, __file__)\n' > "$tmp/s.py"
out=$("$ctorch" run "$tmp/s.py" x "y z"); check "run argv" "['x', 'y z']"$'\n'"__main__ $tmp/s.py" "$out"
"$ctorch" run "$tmp/missing.py" 2>/dev/null; check "run missing file status" 2 $?

# stdout and stderr interleave in program order
out=$("$ctorch" -c 'import sys
print("a")
print("b", file=sys.stderr)
print("c")' 2>&1); check "stream order" $'a\nb\nc' "$out"

# a non-interactive stdin runs as a script named <stdin>, without prompts or echoed values
out=$(printf 'x = 2\nx + 1\nprint(x * 21)\n' | "$ctorch"); check "piped stdin" "42" "$out"
err=$(printf 'print(1)\nfoo\n' | "$ctorch" 2>&1 >/dev/null); rc=$?
check "piped stdin error" $'Traceback (most recent call last):\n  File "<stdin>", line 2, in <module>\nNameError: name \'foo\' is not defined' "$err"
check "piped stdin status" 1 $rc

# huge requests are MemoryErrors, the interpreter survives them
out=$("$ctorch" -c '
for make in (lambda: [0] * (2**40), lambda: "ab" * (2**62), lambda: bytearray if False else [None] * 10**12):
    try:
        make()
    except MemoryError:
        print("MemoryError")
print("alive")'); check "MemoryError" $'MemoryError\nMemoryError\nMemoryError\nalive' "$out"
out=$("$ctorch" -c '
def f(n): return f(n + 1)
try:
    f(0)
except RecursionError as e:
    print(type(e).__name__, e)
print(sum(range(10)))'); check "RecursionError then alive" $'RecursionError maximum recursion depth exceeded\n45' "$out"
out=$("$ctorch" -c 'print(2**62 * 4)' 2>&1 | tail -1); check "int overflow" "OverflowError: integer overflow: ctorch ints are 64-bit (|n| < 2**63)" "$out"

if ((fails)); then echo "$fails check(s) failed"; exit 1; fi
echo "all CLI checks passed"
