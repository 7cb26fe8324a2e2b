#!/usr/bin/env bash
# Splits the photographs of data/photos (scripts/fetch-training-data.sh) into the fixed, disjoint image sets
# of the experiments in RESULTS.md, as folders of symbolic links (manifest order, so always the same):
#   data/sets/discovery    12 images of the *train* split: FAIG and IG filter discovery
#   data/sets/calibration  the first 24 images of the *validation* split: prediction thresholds
#   data/sets/test         the other validation images: held-out prediction accuracy
#   data/sets/masking      the first 12 test images: the masking experiment
# The validation split never trained the sample models.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
photos="${1:-$home/data/photos}"
sets="$home/data/sets"
rm -rf "$sets"
mkdir -p "$sets/discovery" "$sets/calibration" "$sets/test" "$sets/masking"
# (no `head` after awk: with pipefail, head's early exit can kill awk with SIGPIPE and this script with it)
awk -F'\t' 'NR > 1 && $6 == "train" && ++n <= 12 {print $1}' "$photos/manifest.tsv" |
  while read -r f; do ln -s "$photos/$f" "$sets/discovery/$f"; done
awk -F'\t' 'NR > 1 && $6 == "validation" && ++n <= 24 {print $1}' "$photos/manifest.tsv" |
  while read -r f; do ln -s "$photos/$f" "$sets/calibration/$f"; done
awk -F'\t' 'NR > 1 && $6 == "validation" && ++n > 24 {print $1}' "$photos/manifest.tsv" |
  while read -r f; do ln -s "$photos/$f" "$sets/test/$f"; done
ls "$sets/test" | awk 'NR <= 12' | while read -r f; do ln -s "$(readlink "$sets/test/$f")" "$sets/masking/$f"; done
for s in discovery calibration test masking; do echo "$s: $(ls "$sets/$s" | wc -l) images"; done
