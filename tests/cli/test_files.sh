#!/usr/bin/env bash
# tests/cli/test_files.sh CTORCH — the file rule shared by torch.save/torch.load, savefig and os.remove
# (kernel/lang/serialize.c ser_open_parent): relative paths below the working directory only; absolute
# paths, '..' and symbolic links on the way are refused with PermissionError and touch nothing outside;
# a link itself may be removed (not followed).
set -u
bin=$1
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/work/sub" "$tmp/outside"
ln -s "$tmp/outside" "$tmp/work/escape"
touch "$tmp/outside/keep" "$tmp/work/sub/f" "$tmp/work/g"
ln -s "$tmp/outside/keep" "$tmp/work/lnk"
cd "$tmp/work" || exit 2
out=$("$bin" -c '
import os
import torch
for p in ["sub/f", "g", "lnk", "'"$tmp"'/outside/keep", "../outside/keep", "sub/../../outside/keep", "escape/keep",
          "missing", "sub/"]:
    try:
        os.remove(p)
        print("removed", p)
    except OSError as e:
        print(type(e).__name__)
torch.save(torch.ones(2), "sub/t.pt")
print(torch.load("sub/t.pt"))
os.unlink("sub/t.pt")
for p in ["escape/t.pt", "../t.pt"]:
    try:
        torch.save(torch.ones(2), p)
        print("written", p)
    except PermissionError:
        print("PermissionError")
' 2>&1)
want=$'removed sub/f\nremoved g\nremoved lnk\nPermissionError\nPermissionError\nPermissionError\nPermissionError\nFileNotFoundError\nOSError\ntensor([1., 1.])\nPermissionError\nPermissionError'
fail=0
if [ "$out" != "$want" ]; then
  echo "unexpected output:"; echo "$out"; fail=1
fi
[ -f "$tmp/outside/keep" ] || { echo "a file outside the working directory was removed"; fail=1; }
[ "$(ls -A "$tmp/outside")" = "keep" ] || { echo "a file was written outside the working directory"; fail=1; }
[ ! -e sub/t.pt ] || { echo "os.unlink left sub/t.pt"; fail=1; }
[ $fail -eq 0 ] && echo "files: ok"
exit $fail
