#!/usr/bin/env bash
# The masking study of one training stage (RESULTS.md §7.5): FAIG sets discovered on 4 discovery photographs x 4 LR
# crops of 64 (Gauss-Legendre N = 8), their top 1 % masked on 128x128 centre crops of the 12 masking photographs,
# beside |theta - theta_bar| and a random 1 %. Needs data/sets (scripts/fetch-training-data.sh).
#   scripts/masking-study-stage.sh <baseline package> <target package> <output .txt>
# e.g. scripts/masking-study-stage.sh results/training/srcnn-x2-baseline-stage3 \
#        results/training/srcnn-x2-target-from-baseline3-stage2 results/srcnn/benchmarks/masking-study-crops4-b3-stage2.txt
set -euo pipefail
[ $# -eq 3 ] && [ -f "$1/model.json" ] && [ -f "$2/model.json" ] || {
  echo "usage: scripts/masking-study-stage.sh <baseline package> <target package> <output .txt>" >&2; exit 2; }
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pair="$(mktemp -d)"
trap 'rm -rf "$pair"' EXIT
ln -s "$(realpath "$1")" "$pair/s-baseline"
ln -s "$(realpath "$2")" "$pair/s-target"
out="$(realpath -m "$3")"
# the study prints its table on stdout; written beside the output first, then moved over it
OMP_NUM_THREADS=1 "$home/scripts/benchmark.sh" MaskingStudy "$pair/s" - 128 crops4=gauss-legendre:8:4:64:4 > "$out.tmp"
mv "$out.tmp" "$out"
