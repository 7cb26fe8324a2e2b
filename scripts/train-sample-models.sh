#!/usr/bin/env bash
# Trains the four sample models of sample-models/ on this 2-core CPU (about 2.5 h in all), in order:
# MSRResNet baseline, MSRResNet target (fine-tuned from it), SRCNN-style baseline, SRCNN-style target.
# Needs the photographs of scripts/fetch-training-data.sh in data/photos. Each run checkpoints beside its
# output every 500 steps and resumes from there if restarted; finished models are skipped.
# Sizes (reduced from the paper's 64x16 MSRResNet and width-64 SRCNN-style net so a pair trains here):
#   MSRResNet num_feat 32, num_block 6; SRCNN-style width 32 (2w = 64), 4 middle convs.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
data="${FAIG_DATA:-data/photos}"
out=sample-models
msr_iters="${FAIG_MSR_ITERS:-8000}"      # MSRResNet baseline and target
srcnn_iters="${FAIG_SRCNN_ITERS:-4000}"  # SRCNN-style baseline and target

run() {  # name, iterations, then the rest of the option string
  local name="$1" iters="$2"; shift 2
  if [ -f "$out/$name/model.json" ]; then echo "train: $name exists, skipped" >&2; return; fi
  echo "train: $name" >&2
  ./faig --run "FAIG Train Model" "input_dir='$data',output_model='$out/$name',$*,iterations=$iters,seed=1,validation_crop=384"
}

run msrresnet-x2-baseline "$msr_iters" "architecture='MSRResNet',num_feat=32,num_block=6,role='baseline',learning_rate=4e-4"
run msrresnet-x2-target "$msr_iters" "init_model='$out/msrresnet-x2-baseline',role='target',learning_rate=2e-4"
run srcnn-x2-baseline "$srcnn_iters" "architecture='SRCNNStyle',num_feat=32,num_block=4,role='baseline',learning_rate=4e-4"
run srcnn-x2-target "$srcnn_iters" "init_model='$out/srcnn-x2-baseline',role='target',learning_rate=2e-4"
echo "train: all sample models done" >&2
