#!/bin/bash
# bench/grade_bench.sh — `ctorch grade` on a generated class: N submissions (default 200) of the sample
# assignment in tests/grade/ (a mix of correct, partial, wrong, unanswered and crashing answers, plus
# HANG hanging ones, default 2), graded with --jobs JOBS (default: all cores). Reports submissions per
# second, wall time, the grader's and the largest worker's peak resident memory. Not a ctest.
# usage: bench/grade_bench.sh [CTORCH] [N] [JOBS] [HANG]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
ctorch=${1:-$here/build/ctorch}
n=${2:-200}
jobs=${3:-$(nproc)}
hang=${4:-2}
py=/usr/bin/python3
tmp=$(mktemp -d /tmp/ctorch-grade-bench-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/class"
mix=(correct partial wrong unanswered crashing deep_recursion tampered)
for ((i = 0; i < n; i++)); do
  if ((i < hang)); then kind=hanging; else kind=${mix[$((i % ${#mix[@]}))]}; fi
  cp "$here/tests/grade/submissions/$kind.ipynb" "$tmp/class/student$(printf %03d "$i")-$kind.ipynb"
done

echo "ctorch grade: $n submissions ($hang hanging), --jobs $jobs, --timeout 5, on $(nproc) cores"
/usr/bin/time -f "%e %M" -o "$tmp/time" "$ctorch" grade --source "$here/tests/grade/assignment/source.ipynb" \
  "$tmp/class" --jobs "$jobs" --timeout 5 --json "$tmp/report.json" --quiet
$py - "$tmp/report.json" "$tmp/time" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
wall, rss = open(sys.argv[2]).read().split()
subs = r["submissions"]
by = {}
for s in subs:
    by[s["status"]] = by.get(s["status"], 0) + 1
workers = [s["max_rss_kb"] for s in subs if s["max_rss_kb"]]
print("graded:            %d (%s)" % (len(subs), ", ".join("%s %d" % kv for kv in sorted(by.items()))))
print("wall time:         %.2f s" % r["elapsed_s"])
print("throughput:        %.1f submissions/s" % r["submissions_per_s"])
print("mean per worker:   %.3f s" % (sum(s["time_s"] for s in subs) / len(subs)))
print("grader peak RSS:   %.1f MB" % (r["grader_max_rss_kb"] / 1024))
print("worker peak RSS:   %.1f MB (largest of %d workers)" % (max(workers) / 1024, len(workers)))
print("/usr/bin/time:     %s s, max RSS %.1f MB (largest single process)" % (wall, int(rss) / 1024))
EOF
