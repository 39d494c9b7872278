#!/usr/bin/env bash
# tests/valgrind/vg_ctorch.sh ARGS... — runs `$CTORCH_VG_BIN ARGS...` under valgrind memcheck, the
# report going to $CTORCH_VG_LOG (default: valgrind.log in the current directory) so the program's own
# stdout and stderr are untouched: tests/golden/run_golden.sh and tests/lessons/run_as_script.sh take
# this script as their CTORCH binary and compare the streams as usual. Exit status 99 when memcheck
# found an error (invalid access, use of an uninitialised value, definite or indirect leak) that
# tests/valgrind.supp does not suppress; otherwise the program's own.
#
# OMP_WAIT_POLICY is set here because a ctorch that sets it by re-executing /proc/self/exe (kernel/main.c
# before 862ba73, which sets it from .preinit_array) would run valgrind's tool binary ("You cannot run ...
# directly").
# One OpenMP / OpenBLAS thread keeps the run fast (valgrind serialises threads anyway).
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${CTORCH_VG_BIN:?set CTORCH_VG_BIN to the ctorch executable}"
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive} OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
exec valgrind --tool=memcheck --error-exitcode=99 --leak-check=full \
  --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
  --suppressions="$here/../valgrind.supp" --num-callers=40 \
  --log-file="${CTORCH_VG_LOG:-valgrind.log}" "$CTORCH_VG_BIN" "$@"
