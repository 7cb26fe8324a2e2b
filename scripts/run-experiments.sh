#!/usr/bin/env bash
# Reproduces the experiments of RESULTS.md on a sample pair, with the same commands and image sets for both:
#   scripts/run-experiments.sh [pair] [step]
#     pair: msrresnet (default: msrresnet-x2-baseline -> msrresnet-x2-target; outputs in results/filters,
#           results/masking, results/lambda, results/ddr; sets shipped as sample-models/filter-sets-msrresnet-x2)
#           or srcnn (srcnn-x2-baseline -> srcnn-x2-target; outputs in results/srcnn/filters, results/srcnn/masking,
#           results/srcnn/lambda, results/srcnn/ddr; sets shipped as sample-models/filter-sets-srcnn-x2)
#           or msrresnet-grey (msrresnet-x2-grey-baseline -> msrresnet-x2-grey-target, issue #28; on grey copies of
#           the image sets, data/sets-grey, made by scripts/dev-tool.sh grey-images; outputs in results/grey/...;
#           sets shipped as sample-models/filter-sets-msrresnet-x2-grey)
#     step: all (default), filters, calibrate, masking, lambda, ddr or (grey pair) predict
#   (a lone argument that is not a pair name is the step: `scripts/run-experiments.sh filters` is the MSRResNet pair)
# Needs data/photos (scripts/fetch-training-data.sh) and data/sets (scripts/make-experiment-sets.sh). Outputs are
# small CSV and PNG files, committed. About 45 minutes on 2 cores for MSRResNet; the SRCNN-style network costs
# about 2.5 times as much per step.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
arch=msrresnet
case "${1:-}" in
  msrresnet|srcnn|msrresnet-grey) arch="$1"; shift ;;
esac
step="${1:-all}"
case "$arch" in
  msrresnet) models=msrresnet-x2; out=results ;;
  srcnn) models=srcnn-x2; out=results/srcnn ;;
  msrresnet-grey) models=msrresnet-x2-grey; out=results/grey ;;
esac
sets=data/sets
if [ "$arch" = msrresnet-grey ]; then
  sets=data/sets-grey
  for s in discovery calibration test masking; do
    [ -d "$sets/$s" ] || scripts/dev-tool.sh grey-images "data/sets/$s" "$sets/$s"
  done
fi
# FAIG_BASELINE / FAIG_TARGET: another pair (a model name or package path) with the same commands
baseline="${FAIG_BASELINE:-$models-baseline}"
target="${FAIG_TARGET:-$models-target}"
pair="baseline_model='$baseline',target_model='$target'"
shipped="sample-models/filter-sets-$models"
# Masking proportions (percent); FAIG_PROPORTIONS=1 runs only the 1 % column (what RESULTS.md's SRCNN-style row
# used: each masked SRCNN-style model on the 24 whole held-out inputs takes minutes on 2 shared cores).
proportions="${FAIG_PROPORTIONS:-1,3,5,10}"
mkdir -p "$out"
# FAIG replaces only outputs its record .faig-outputs proves its own, and that record is committed with the results
# (since issue #30). Committed results from before it have none, so a step's folder without a record is removed
# first, but only when git holds every file in it unchanged (nothing is lost: git checkout brings it back); files
# already gone (a run stopped half-way through replacing them) are nothing to keep.
fresh() {
  [ -d "$1" ] && [ ! -e "$1/.faig-outputs" ] || return 0
  if git diff --quiet --diff-filter=d HEAD -- "$1" 2>/dev/null && [ -z "$(git ls-files --others -- "$1")" ]; then rm -rf -- "$1"
  else echo "run-experiments: $1 holds results without FAIG's record that git does not hold unchanged: move it" >&2; exit 1; fi
}

if [ "$step" = all ] || [ "$step" = filters ]; then
  # 1. FAIG filter sets from the discovery images (train split): 12 photos x 4 LR crops of 64x64, the
  #    reference rule (right Riemann sum, N = 100); FAIG_FILTER_RULE="quadrature='gauss-legendre',steps=8" takes the
  #    rule RESULTS.md §5 found to keep 98.9 % of the reference's top-1 % filters on MSRResNet, in a twelfth the time.
  rule="${FAIG_FILTER_RULE:-steps=100,quadrature='riemann'}"
  fresh "$out/filters"
  ./faig --run "FAIG Compute Filters" "$pair,input_dir='$sets/discovery',$rule,crop_size=64,crops=4,seed=0,percent=1.0,output_dir='$out/filters'"
fi
if [ "$step" = all ] || [ "$step" = calibrate ]; then
  # 2. Prediction thresholds on the calibration images, accuracy on the held-out test images.
  ./faig --run "FAIG Calibrate Thresholds" "filter_sets='$out/filters',input_dir='$sets/calibration',test_dir='$sets/test',percent=1.0,steps=20,quadrature='trapezoid',pseudo_truth='target',crop_size=64,crops=2,seed=0,save_attributions=true"
  # Other read-outs of the same per-filter scores for the blur decision (RESULTS.md §3); needs numpy.
  if python3 -c "import numpy" 2>/dev/null; then
    python3 tools/prediction_readouts.py "$out/filters" > "$out/filters/prediction_readouts.md"
  fi
  rm -rf "$shipped"
  mkdir -p "$shipped"
  cp "$out/filters/blur_index.txt" "$out/filters/noise_index.txt" "$out/filters/filter_sets.json" "$shipped/"
fi
if [ "$step" = all ] || [ "$step" = masking ]; then
  # 3. The masking experiment on held-out images; IG ranked on the discovery images like FAIG.
  fresh "$out/masking"
  ./faig --run "FAIG Masking Experiment" "$pair,filter_sets='$out/filters',input_dir='$sets/masking',discovery_dir='$sets/discovery',ig_steps=20,crop_size=64,crops=4,proportions='$proportions',seed=0,channel='luminance',output_dir='$out/masking'"
fi
if [ "$step" = all ] || [ "$step" = lambda ]; then
  # 4. Restoration-strength sweep of the 1 % deblurring filters on blurry held-out inputs.
  fresh "$out/lambda"
  mkdir -p "$out/lambda"
  for f in $(ls $sets/masking | head -n 4); do
    ./faig --run "FAIG Synthesize Degradations" "input_file='$sets/masking/$f',with_clean=false,with_noise=false,with_blur_noise=false,seed=0,output_dir='$out/lambda'"
    b="${f%.*}"
    ./faig --run "FAIG Mask Filters" "$pair,input_file='$out/lambda/${b}_blur.png',filter_file='$out/filters/blur_index.txt',percent=1.0,mode='modulate',lambda_min=0,lambda_max=1.5,lambda_count=16,channel='luminance',output_dir='$out/lambda'"
  done
  rm -f "$out"/lambda/*.tif "$out"/lambda/*_blur.png
fi
if [ "$arch" = msrresnet-grey ] && { [ "$step" = all ] || [ "$step" = predict ]; }; then
  # 6. (grey pair) Predict Degradation with the shipped grey sets on held-out grey photographs: the centre 128x128 of
  #    each test photograph, synthesized clean, blurry and noisy (64x64 LR), as 8-bit files and as 12-bit
  #    microscopy-like data in 16-bit files (value x 15 + 100, as issue #28's check), the latter with the defaults
  #    (auto: the 12-bit range) and, for comparison, normalised by percentiles. Needs ImageMagick (convert).
  #    Accuracies: tools/grey_prediction.py.
  p="$out/predict"
  rm -rf "$p" && mkdir -p "$p/hr" "$p/lr8" "$p/lr16"
  for f in "$sets"/test/*.png; do convert "$f" -gravity center -crop 128x128+0+0 +repage "$p/hr/$(basename "$f")"; done
  ./faig --run "FAIG Synthesize Degradations" "input_dir='$p/hr',with_blur_noise=false,seed=0,output_dir='$p/lr8'"
  rm -f "$p"/lr8/*_degraded.tif "$p"/lr8/*.csv # the stacks repeat the single images; the tables are not inputs
  for f in "$p"/lr8/*.png; do convert "$f" -depth 16 -fx 'u*255*15/65535+100/65535' "$p/lr16/$(basename "${f%.png}").tif"; done
  ./faig --run "FAIG Predict Degradation" "input_dir='$p/lr8',filter_sets='$shipped',output_dir='$p/pred8'"
  ./faig --run "FAIG Predict Degradation" "input_dir='$p/lr16',filter_sets='$shipped',output_dir='$p/pred16'"
  ./faig --run "FAIG Predict Degradation" "input_dir='$p/lr16',filter_sets='$shipped',normalization='percentile',output_dir='$p/pred16-percentile'"
  # beside them, the RGB pair's sets on the same grey inputs (calibrated on colour noise)
  ./faig --run "FAIG Predict Degradation" "input_dir='$p/lr8',filter_sets='filter-sets-msrresnet-x2',output_dir='$p/pred8-rgb-sets'"
  # the crops derive from the GPL photographs: never committed
  for d in pred8 pred16 pred16-percentile pred8-rgb-sets; do mv "$p/$d/predictions.csv" "$p/predictions_$d.csv" && rm -rf "${p:?}/$d"; done
  python3 tools/grey_prediction.py "$p"/predictions_*.csv > "$p/accuracy.txt"
  rm -rf "$p/hr" "$p/lr8" "$p/lr16"
fi
if [ "$step" = all ] || [ "$step" = ddr ]; then
  # 5. Deep degradation representations of baseline and target on held-out photographs, every layer (the SRCNN-style
  #    pair keeps larger taps: run it with FAIG_HEAP=12g).
  fresh "$out/ddr"
  mkdir -p "$out/ddr"
  ./faig --run "FAIG Degradation Representations" "model='$baseline',comparison='$target',input_dir='$sets/test',classes='clean;blur:2;noise:0.1',patch_size=32,patches=12,sweep_layers=true,components=50,seed=0,output_dir='$out/ddr'"
fi
