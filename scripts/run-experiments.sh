#!/usr/bin/env bash
# Reproduces the experiments of RESULTS.md on the sample MSRResNet pair. Needs data/photos
# (scripts/fetch-training-data.sh) and data/sets (scripts/make-experiment-sets.sh). Outputs go to results/
# (small CSV and PNG files, committed); the discovered filter sets with their calibrated thresholds are then
# shipped as sample-models/filter-sets-msrresnet-x2. About 45 minutes on 2 cores.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
pair="baseline_model='msrresnet-x2-baseline',target_model='msrresnet-x2-target'"
step="${1:-all}"
mkdir -p results/filters results/masking results/lambda

if [ "$step" = all ] || [ "$step" = filters ]; then
  # 1. FAIG filter sets from the discovery images (train split): 12 photos x 4 LR crops of 64x64, the
  #    reference rule (right Riemann sum, N = 100).
  ./faig --run "FAIG Compute Filters" "$pair,input_dir='data/sets/discovery',steps=100,quadrature='riemann',crop_size=64,crops=4,seed=0,percent=1.0,output_dir='results/filters'"
fi
if [ "$step" = all ] || [ "$step" = calibrate ]; then
  # 2. Prediction thresholds on the calibration images, accuracy on the held-out test images.
  ./faig --run "FAIG Calibrate Thresholds" "filter_sets='results/filters',input_dir='data/sets/calibration',test_dir='data/sets/test',percent=1.0,steps=20,quadrature='trapezoid',pseudo_truth='target',crop_size=64,crops=2,seed=0,save_attributions=true"
  # Other read-outs of the same per-filter scores for the blur decision (RESULTS.md §3); needs numpy.
  if python3 -c "import numpy" 2>/dev/null; then
    python3 tools/prediction_readouts.py results/filters > results/filters/prediction_readouts.md
  fi
  rm -rf sample-models/filter-sets-msrresnet-x2
  mkdir -p sample-models/filter-sets-msrresnet-x2
  cp results/filters/blur_index.txt results/filters/noise_index.txt results/filters/filter_sets.json \
    sample-models/filter-sets-msrresnet-x2/
fi
if [ "$step" = all ] || [ "$step" = masking ]; then
  # 3. The masking experiment on held-out images; IG ranked on the discovery images like FAIG.
  ./faig --run "FAIG Masking Experiment" "$pair,filter_sets='results/filters',input_dir='data/sets/masking',discovery_dir='data/sets/discovery',ig_steps=20,crop_size=64,crops=4,proportions='1,3,5,10',seed=0,channel='luminance',output_dir='results/masking'"
fi
if [ "$step" = all ] || [ "$step" = lambda ]; then
  # 4. Restoration-strength sweep of the 1 % deblurring filters on blurry held-out inputs.
  for f in $(ls data/sets/masking | head -n 4); do
    ./faig --run "FAIG Synthesize Degradations" "input_file='data/sets/masking/$f',with_clean=false,with_noise=false,with_blur_noise=false,seed=0,output_dir='results/lambda'"
    b="${f%.*}"
    ./faig --run "FAIG Mask Filters" "$pair,input_file='results/lambda/${b}_blur.png',filter_file='results/filters/blur_index.txt',percent=1.0,mode='modulate',lambda_min=0,lambda_max=1.5,lambda_count=16,channel='luminance',output_dir='results/lambda'"
  done
  rm -f results/lambda/*.tif results/lambda/*_blur.png
fi
if [ "$step" = all ] || [ "$step" = ddr ]; then
  # 5. Deep degradation representations of baseline and target on held-out photographs, every layer.
  mkdir -p results/ddr
  ./faig --run "FAIG Degradation Representations" "model='msrresnet-x2-baseline',comparison='msrresnet-x2-target',input_dir='data/sets/test',classes='clean;blur:2;noise:0.1',patch_size=32,patches=12,sweep_layers=true,components=50,seed=0,output_dir='results/ddr'"
fi
