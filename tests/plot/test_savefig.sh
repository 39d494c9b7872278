#!/usr/bin/env bash
# tests/plot/test_savefig.sh CTORCH — savefig writes PNG/SVG by extension, only inside the current directory:
# absolute paths, '..' and symbolic links out of it are refused with PermissionError and write nothing.
set -u
bin=$1
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/work/sub" "$tmp/outside"
ln -s "$tmp/outside" "$tmp/work/escape"
cd "$tmp/work" || exit 2
out=$("$bin" -c '
import matplotlib.pyplot as plt
plt.plot([1, 2, 3], [3, 1, 2], "r-")
plt.savefig("a.png")
plt.savefig("sub/b.svg")
plt.savefig("noext")
plt.savefig("c.png", dpi=50, bbox_inches="tight")
for bad in ["'"$tmp"'/outside/x.png", "../x.png", "sub/../../x.png", "escape/x.png", "missing/x.png"]:
    try:
        plt.savefig(bad)
        print("written:", bad)
    except (PermissionError, FileNotFoundError) as e:
        print(type(e).__name__)
try:
    plt.savefig("d.jpg")
except ValueError as e:
    print("ValueError")
' 2>&1)
want=$'PermissionError\nPermissionError\nPermissionError\nPermissionError\nFileNotFoundError\nValueError'
fail=0
if [ "$out" != "$want" ]; then
  echo "unexpected output:"; echo "$out"; fail=1
fi
head -c 8 a.png | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a" || { echo "a.png is not a PNG"; fail=1; }
grep -q "<svg" sub/b.svg || { echo "sub/b.svg is not SVG"; fail=1; }
[ -f noext.png ] || { echo "noext.png missing (savefig without extension appends .png)"; fail=1; }
[ -f c.png ] || { echo "c.png missing"; fail=1; }
[ -z "$(ls -A "$tmp/outside")" ] || { echo "a file was written outside the working directory"; fail=1; }
[ ! -e "$tmp/x.png" ] || { echo "../x.png was written"; fail=1; }
[ $fail -eq 0 ] && echo "savefig: ok"
exit $fail
