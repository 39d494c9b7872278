#!/usr/bin/env bash
# tests/fuzz/alloc_failures.sh CTORCH [SCRIPT...] — allocation-failure injection over golden scripts.
# Each script runs many times under CTORCH_FAIL_ALLOC_EVERY=N (every Nth allocation of the interpreter
# and of the tensor library fails) and CT_FAIL_ALLOC_AFTER=K (the Kth and all later ones fail). Every
# run must end cleanly: exit status 0 or 1, and with 1 something on stderr (a traceback ending in
# MemoryError or another exception, or "ctorch: out of memory" when the interpreter cannot start);
# never a signal, a sanitizer report or a leak. Needs a build that honours the variables (CTORCH_DEBUG_ALLOC
# or CTORCH_SANITIZE); elsewhere it exits 77 (skipped). CTORCH_FAULT_ROUNDS=R multiplies the number of
# injection points tried (default 1: about a minute under ASan).
set -u
ctorch=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); shift   # absolute: runs happen in a scratch directory
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if (($# == 0)); then
  set -- lang/closures lang/classes_inheritance lang/dict_methods lang/exceptions_chaining lang/generators \
         lang/fstrings lang/comprehensions lang/err_recursion torch/arith_broadcast torch/indexing_advanced \
         torch/reductions torch/print_layout autograd/backward_order nn/layers_linear nn/tutorial_polynomial_module \
         torch/numpy_basics
fi
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}allocator_may_return_null=1:detect_leaks=1:abort_on_error=0:exitcode=99"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}${UBSAN_OPTIONS:+:}halt_on_error=1:exitcode=98"
export LSAN_OPTIONS="${LSAN_OPTIONS:-}${LSAN_OPTIONS:+:}exitcode=97"
rounds=${CTORCH_FAULT_ROUNDS:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# does this build inject at all? (every allocation failing cannot leave "ok" on stdout)
if [[ "$(CTORCH_FAIL_ALLOC_EVERY=1 "$ctorch" -c 'print("ok")' 2>/dev/null)" == ok ]]; then
  echo "SKIP: $ctorch does not honour CTORCH_FAIL_ALLOC_EVERY (configure with -DCTORCH_DEBUG_ALLOC=ON or -DCTORCH_SANITIZE=ON)"
  exit 77
fi

runs=0 fails=0 memerr=0
one() {  # one SCRIPT VAR=VALUE
  local script=$1 setting=$2
  (cd "$tmp" && env "$setting" timeout 60 "$ctorch" run "$here/tests/golden/$script.py" >"$tmp/out" 2>"$tmp/err")
  local rc=$?
  runs=$((runs + 1))
  local why=""
  if ((rc != 0 && rc != 1)); then why="exit status $rc"
  elif grep -q -e 'Sanitizer' -e 'runtime error:' "$tmp/err"; then why="sanitizer report"
  elif ((rc == 1)) && [[ ! -s "$tmp/err" ]]; then why="exit status 1 with nothing on stderr"
  fi
  grep -q 'MemoryError' "$tmp/err" && memerr=$((memerr + 1))
  if [[ -n "$why" ]]; then
    fails=$((fails + 1))
    echo "FAIL $script $setting: $why"
    tail -n 30 "$tmp/err" | sed 's/^/    /'
  fi
}

for s in "$@"; do
  for ((r = 0; r < rounds; r++)); do
    for n in 7 31 97 211 499 1009 4001 12007; do one "$s" "CTORCH_FAIL_ALLOC_EVERY=$((n + r * 2))"; done
    for k in 2000 6000 15000 40000 90000; do one "$s" "CT_FAIL_ALLOC_AFTER=$((k + r * 777))"; done
  done
done
echo "alloc_failures: $runs runs over $# scripts, $memerr ended in MemoryError, $fails unclean"
((fails == 0))
