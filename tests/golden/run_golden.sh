#!/usr/bin/env bash
# tests/golden/run_golden.sh — one golden script test (ctest label `golden`).
#
#   run_golden.sh CTORCH_BINARY SCRIPT        e.g. run_golden.sh build/ctorch tests/golden/lang/closures.py
#
# Runs `CTORCH_BINARY run SCRIPT [args]` from the repository root (args: the lines of SCRIPT's sidecar
# NAME.args, if any; stdin is /dev/null) and compares stdout, stderr and the exit status with NAME.out,
# NAME.err and NAME.rc, which tests/golden/gen_golden.py recorded from CPython 3.11 / PyTorch 1.13.
# stderr is normalised as gen_golden.py does: `  File "<repo root>/...` becomes `  File "...` (relative
# script paths), runtime-traceback caret lines (only ' ', '~', '^', at least one
# '^', directly after a `  File "...", line N, in X` line and its 4-space-indented source line) are removed;
# SyntaxError carets (after `  File "...", line N` without ", in X") are kept; a missing final newline is
# added. Everything else is compared byte for byte. Exit 0 on match, 1 on any difference (with a unified
# diff per stream), 2 on usage errors.
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 CTORCH_BINARY SCRIPT" >&2
  exit 2
fi
bin=$1
script=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
cd "$root" || exit 2
# Scripts are named relative to the repository root (that is the path tracebacks show).
case "$script" in "$root"/*) script=${script#"$root"/} ;; esac
base=${script%.py}
for f in "$script" "$base.out" "$base.err" "$base.rc"; do
  if [ ! -f "$f" ]; then
    echo "run_golden: missing $f" >&2
    exit 2
  fi
done

args=()
if [ -f "$base.args" ]; then
  mapfile -t args < "$base.args"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# GPUs are hidden and a CUDA build acts as a CPU-only one (CTORCH_DISABLE_CUDA=1): the torch fixtures come
# from a CPU-only PyTorch build (torch.cuda.is_available() is False, "Torch not compiled with CUDA enabled").
CUDA_VISIBLE_DEVICES= CTORCH_DISABLE_CUDA=1 "$bin" run "$script" "${args[@]}" < /dev/null > "$tmp/out" 2> "$tmp/err.raw"
echo "$?" > "$tmp/rc"

# Path and caret normalisation; keep in step with normalize_err() in gen_golden.py.
awk -v prefix="  File \"$root/" '
  index($0, prefix) == 1 { $0 = "  File \"" substr($0, length(prefix) + 1) }
  state == 2 && /^[ ~^]*$/ && /\^/ { state = 0; next }
  { state = (state == 1 && /^    /) ? 2 : 0 }
  /^  File ".*", line [0-9]+, in / { state = 1 }
  { print }
' "$tmp/err.raw" > "$tmp/err"

status=0
for s in out err rc; do
  if ! cmp -s "$base.$s" "$tmp/$s"; then
    echo "golden: $script: $s differs (--- expected, +++ ctorch)"
    diff -u --label "expected/$base.$s" --label "ctorch/$base.$s" "$base.$s" "$tmp/$s"
    status=1
  fi
done
[ $status -eq 0 ] && echo "golden: $script: ok"
exit $status
