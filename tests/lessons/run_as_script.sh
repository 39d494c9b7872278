#!/usr/bin/env bash
# tests/lessons/run_as_script.sh CTORCH NOTEBOOK — runs a lesson's code cells, joined in order, as one
# `ctorch run` script in a scratch directory, and fails on a nonzero exit or any stderr. Label unit, so the
# sanitizer job (.ci/test) runs the lessons' code under ASan/UBSan/LSan without a Jupyter client; the
# nbclient runs (label lessons) check outputs and thresholds.
set -u
bin=$1 nb=$2
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
case "$nb" in /*) ;; *) nb="$PWD/$nb" ;; esac
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$py" -c '
import json, sys
nb = json.load(open(sys.argv[1], encoding="utf-8"))
cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(cells) + "\n")
' "$nb" "$tmp/lesson.py" || exit 2
cd "$tmp" || exit 2
CUDA_VISIBLE_DEVICES= "$bin" run lesson.py > out.txt 2> err.txt
rc=$?
if [ $rc -ne 0 ] || [ -s err.txt ]; then
  echo "$(basename "$nb"): exit $rc, stderr:"
  head -c 20000 err.txt
  exit 1
fi
echo "$(basename "$nb"): ok ($(wc -l < out.txt) lines of output)"
