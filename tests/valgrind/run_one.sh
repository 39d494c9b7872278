#!/usr/bin/env bash
# tests/valgrind/run_one.sh CTORCH PATH LOG — one golden script (tests/golden/SUITE/NAME.py,
# tests/plot/NAME.py) or lesson notebook (lessons/NN_*.ipynb) under valgrind memcheck
# (tests/valgrind/vg_ctorch.sh), its report in LOG. The golden's stdout, stderr and exit status must
# still match its .out/.err/.rc (tests/golden/run_golden.sh); a lesson's code must run without error
# or stderr (tests/lessons/run_as_script.sh). Prints `ok`, or `memcheck` with valgrind's error
# reports, or `output` with the runner's diff. Exit 0 when clean, 1 otherwise, 2 on usage errors.
# Used by the ctest label valgrind (tests/valgrind/CMakeLists.txt) and by run_all.sh.
set -u
if [ $# -ne 3 ]; then
  echo "usage: $0 CTORCH PATH LOG" >&2
  exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$1 path=$2 log=$3
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
case "$log" in /*) ;; *) log="$PWD/$log" ;; esac
command -v valgrind >/dev/null || { echo "run_one: valgrind not found" >&2; exit 2; }
cd "$root" || exit 2
rm -f "$log"
export CTORCH_VG_BIN=$bin CTORCH_VG_LOG=$log
case "$path" in
  *.ipynb) runner=(bash tests/lessons/run_as_script.sh "$here/vg_ctorch.sh" "$path") ;;
  *) runner=(bash tests/golden/run_golden.sh "$here/vg_ctorch.sh" "$path") ;;
esac
report=$("${runner[@]}" 2>&1)
rc=$?
if ! grep -q "ERROR SUMMARY: 0 errors" "$log" 2>/dev/null; then
  echo "memcheck $path: valgrind reported errors (full report: $log)"
  # the error records: from each "Invalid ...", "Conditional jump ...", "... lost in loss record ..."
  # line to the blank line after its stack
  awk '/^==[0-9]+== [^ ]/ && /Invalid|uninitialised|Conditional jump|lost in loss record|Syscall param|Mismatched|overlap|Argument|fishy|Jump to/ { on = 1 }
       on { print } /^==[0-9]+== $/ { on = 0 }' "$log" | head -400
  grep "ERROR SUMMARY" "$log"
  exit 1
fi
if [ $rc -ne 0 ]; then
  echo "output $path: differs under valgrind"
  echo "$report" | head -200
  exit 1
fi
echo "ok $path"
