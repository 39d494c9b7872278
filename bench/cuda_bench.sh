#!/bin/bash
# bench/cuda_bench.sh BUILD [N] — GPU benchmark of issue 8 (needs a CUDA device; exits 77 without one):
# raw cublasSgemm peak (bench/cuda_sgemm.cu, built here with nvcc) vs torch.mm on CUDA through ctorch
# (the acceptance asks >= 80 %), and the two-layer network step on GPU vs CPU with its final loss (the
# two must agree to 4 significant digits). LeNet on the GPU needs the conv/pool kernels (cuda/DESIGN.md).
set -u
build=${1:?usage: bench/cuda_bench.sh BUILD [N]}
n=${2:-4096}
root=$(cd "$(dirname "$0")/.." && pwd)
nvcc=${NVCC:-/usr/local/cuda/bin/nvcc}
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
"$build/ctorch" --version | grep -q "cuda: built" || { echo "cuda_bench: $build/ctorch has no CUDA backend"; exit 2; }
"$nvcc" -O2 -o "$tmp/cuda_sgemm" "$root/bench/cuda_sgemm.cu" -lcublas || exit 2
ref=$("$tmp/cuda_sgemm" "$n") || { echo "cuda_bench: no usable CUDA device"; exit 77; }
echo "cublas_sgemm N=$n: $(echo "$ref" | awk '{print $2 " ms, " $3 " TFLOP/s"}')"
out=$("$build/ctorch" run "$root/bench/cuda_bench.py" "$n") ; rc=$?
echo "$out"
[ $rc -eq 0 ] || exit $rc
ours=$(echo "$out" | awk '$1 == "mm_tflops" {print $2}')
peak=$(echo "$ref" | awk '{print $3}')
awk -v o="$ours" -v p="$peak" 'BEGIN { r = o / p * 100; printf "torch.mm / cuBLAS: %.1f %% (acceptance: >= 80 %%)\n", r; exit !(r >= 80) }'
