#!/usr/bin/env bash
# tests/valgrind/run_all.sh — every golden script and the lessons' code under valgrind memcheck.
#
#   bash tests/valgrind/run_all.sh [-j N] [--lessons quick|all|none] [--list FILE] CTORCH [OUTDIR]
#
# CTORCH: a ctorch binary, best a RelWithDebInfo build without sanitizers and CUDA, e.g.
#   cmake -S . -B build-vg -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCTORCH_CUDA=OFF && cmake --build build-vg -j2
#   bash tests/valgrind/run_all.sh build-vg/ctorch /tmp/vg-all
# Runs tests/golden/*/*.py and tests/plot/*.py through tests/golden/run_golden.sh (stdout, stderr and exit
# status must still equal the recorded .out/.err/.rc) and the lesson notebooks through
# tests/lessons/run_as_script.sh, each under tests/valgrind/vg_ctorch.sh (memcheck, leak check of
# definite and indirect leaks, tests/valgrind.supp), one at a time by tests/valgrind/run_one.sh. --lessons quick (default) takes chapters 0-4 and 7;
# all adds 5 and 6 (each trains for minutes natively: hours under valgrind); none skips them.
# --list FILE runs only the scripts and notebooks FILE names (repository-relative paths, one a line), in
# that order (to rerun failures, or to put the slowest last). N jobs at a time (default 2). OUTDIR (default a fresh /tmp/ctorch-vg.XXXXXX) gets one valgrind log
# and one runner log per script and results.txt: one line per script, `ok`, `memcheck` (valgrind
# reported errors; see its .vg.log) or `output` (streams differ; see its .log), with the seconds taken.
# Exit 0 when every script is ok, 1 otherwise. Known: autograd/softmax_backward_bits differs (`output`) under
# valgrind only, whose emulation of vfnmadd gives -0.0 where the CPU gives 0.0 (docs/security.md, section 5). The ctest label valgrind (tests/valgrind/CMakeLists.txt)
# runs a sample of these.
set -u
jobs=2 lessons=quick listfile=
while [ $# -gt 0 ]; do
  case "$1" in
    -j) jobs=$2; shift 2 ;;
    --lessons) lessons=$2; shift 2 ;;
    --list) listfile=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    *) break ;;
  esac
done
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 [-j N] [--lessons quick|all|none] [--list FILE] CTORCH [OUTDIR]" >&2
  exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$1
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
out=${2:-$(mktemp -d "${TMPDIR:-/tmp}/ctorch-vg.XXXXXX")}
mkdir -p "$out/logs" || exit 2
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
command -v valgrind >/dev/null || { echo "run_all: valgrind not found" >&2; exit 2; }

cd "$root" || exit 2
list=()
if [ -n "$listfile" ]; then
  while read -r f; do
    case "$f" in *.ipynb) list+=("lesson $f") ;; ?*) list+=("golden $f") ;; esac
  done < "$listfile"
else
  for f in tests/golden/*/*.py tests/plot/*.py; do
    [ -f "${f%.py}.out" ] && list+=("golden $f")
  done
  case "$lessons" in
    quick) for f in lessons/0[0-47]_*.ipynb; do list+=("lesson $f"); done ;;
    all) for f in lessons/0*.ipynb; do list+=("lesson $f"); done ;;
    none) ;;
    *) echo "run_all: --lessons quick|all|none" >&2; exit 2 ;;
  esac
fi

export CTORCH_VG_BIN=$bin VG_OUT=$out VG_HERE=$here
one() {  # one KIND PATH: runs one script (tests/valgrind/run_one.sh), appends its result line
  kind=$1 path=$2
  name=$(echo "${path%.*}" | tr / _)
  t0=$(date +%s)
  bash "$VG_HERE/run_one.sh" "$CTORCH_VG_BIN" "$path" "$VG_OUT/logs/$name.vg.log" > "$VG_OUT/logs/$name.log" 2>&1
  verdict=$(head -c 8 "$VG_OUT/logs/$name.log" | awk '{print $1}')
  case "$verdict" in ok|memcheck|output) ;; *) verdict=error ;; esac
  secs=$(( $(date +%s) - t0 ))
  printf '%-8s %-6s %5ds %s\n' "$verdict" "$kind" "$secs" "$path" | tee -a "$VG_OUT/results.txt"
}
export -f one
: > "$out/results.txt"
echo "run_all: ${#list[@]} scripts, $jobs at a time, logs in $out"
t0=$SECONDS
printf '%s\n' "${list[@]}" | xargs -P "$jobs" -L 1 bash -c 'one "$0" "$1"'
total=$(wc -l < "$out/results.txt")
good=$(grep -c '^ok ' "$out/results.txt")
echo "run_all: $good of $total clean in $((SECONDS - t0))s (results: $out/results.txt)"
[ "$good" -eq "$total" ]
